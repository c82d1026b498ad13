//! The build: deck file → model → fit → outputs, written atomically. Every output is rendered in
//! memory first; files are written only when everything succeeded, each through a temporary file
//! renamed into place, so an error never leaves a half-written or mixed set of outputs.

use crate::assets::ImageStore;
use crate::deck::{self, ParseOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fit::{self, FontMeasure};
use crate::layout::fonts::FontBook;
use crate::model::Deck;
use crate::render::html::{self, HtmlOptions};
use crate::theme::{self, Theme};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; default `out/<deck-name>/`.
    pub out: Option<PathBuf>,
    pub allow_html: bool,
    /// Warnings become errors.
    pub strict: bool,
    /// Theme name overriding the front matter's.
    pub theme: Option<String>,
    /// A reveal.js folder (holding `dist/reveal.js` and `dist/reveal.css`) to use instead of
    /// diapo's own runtime.
    pub reveal_js: Option<PathBuf>,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub slides: usize,
    pub warnings: Diagnostics,
}

/// A deck parsed and fitted, ready for any renderer.
pub struct Prepared {
    pub deck: Deck,
    pub fonts: FontBook,
    pub theme: Theme,
    pub images: ImageStore,
    pub scales: Vec<f32>,
    pub warnings: Diagnostics,
}

/// Parse, load theme and images, fit: everything every output needs.
pub fn prepare(deck_path: &Path, opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let path = deck::resolve_deck_path(deck_path).map_err(|d| Diagnostics(vec![d]))?;
    let src = deck::read_source(&path).map_err(|d| Diagnostics(vec![d]))?;
    let (mut deck, mut warnings) = deck::parse_source(
        &src,
        &ParseOptions {
            allow_html: opts.allow_html,
        },
    )?;
    let theme_name = opts
        .theme
        .clone()
        .unwrap_or_else(|| deck.meta.theme.clone());
    let theme = theme::load(&theme_name).map_err(|d| {
        let d = match src
            .text
            .lines()
            .position(|l| l.trim_start().starts_with("theme:"))
        {
            Some(i) if opts.theme.is_none() => {
                let line = i + 1;
                let text = src.line_text(line);
                let col = text.find(theme_name.as_str()).map(|c| c + 1).unwrap_or(1);
                d.at(src.location_at(line, col, theme_name.chars().count()))
            }
            _ => d,
        };
        Diagnostics(vec![d])
    })?;
    let images = ImageStore::load(&deck, &src)?;
    let fonts = FontBook::new();
    let fitted = fit::fit_deck(
        &mut deck,
        Some(&src),
        &theme,
        &images,
        &FontMeasure::new(&fonts, theme.body_font),
        &mut warnings,
    );
    Ok(Prepared {
        deck,
        fonts,
        theme,
        images,
        scales: fitted.scales,
        warnings,
    })
}

/// Builds the outputs of a deck.
pub fn build(deck_path: &Path, opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let prepared = prepare(deck_path, opts)?;
    if opts.strict && !prepared.warnings.is_empty() {
        let mut errors = Diagnostics::default();
        for w in prepared.warnings.iter() {
            let mut e = w.clone();
            e.severity = crate::diagnostic::Severity::Error;
            errors.push(e);
        }
        return Err(errors);
    }
    let reveal = match &opts.reveal_js {
        Some(dir) => Some(read_reveal(dir).map_err(|d| Diagnostics(vec![d]))?),
        None => None,
    };
    let html = html::render(
        &prepared.deck,
        &prepared.theme,
        &prepared.fonts,
        &prepared.images,
        &prepared.scales,
        &HtmlOptions { reveal_js: reveal },
    )
    .map_err(|d| Diagnostics(vec![d]))?;

    let out_dir = opts
        .out
        .clone()
        .unwrap_or_else(|| Path::new("out").join(deck_name(deck_path)));
    let outputs = vec![("slides.html", html.into_bytes())];
    let mut files = Vec::new();
    for (name, bytes) in &outputs {
        let path = out_dir.join(name);
        write_atomic(&path, bytes).map_err(|d| Diagnostics(vec![d]))?;
        files.push(path);
    }
    Ok(BuildReport {
        out_dir,
        files,
        slides: prepared.deck.slides.len(),
        warnings: prepared.warnings,
    })
}

/// The deck's name: its folder's name, or the Markdown file's stem.
pub fn deck_name(arg: &Path) -> String {
    let named = if arg.is_dir() || arg.file_name().is_some_and(|f| f == "deck.md") {
        let dir = if arg.is_dir() {
            arg.to_path_buf()
        } else {
            arg.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        std::fs::canonicalize(&dir)
            .ok()
            .and_then(|d| d.file_name().map(|f| f.to_string_lossy().into_owned()))
    } else {
        arg.file_stem().map(|s| s.to_string_lossy().into_owned())
    };
    named
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "deck".into())
}

fn read_reveal(dir: &Path) -> Result<(String, String), Diagnostic> {
    let read = |rel: &str| {
        let p = dir.join(rel);
        std::fs::read_to_string(&p).map_err(|e| {
            Diagnostic::error(format!("cannot read {}: {e}", p.display()))
                .with_hint("--reveal-js takes the folder of a reveal.js copy (holding dist/reveal.js and dist/reveal.css)")
        })
    };
    let mut css = read("dist/reveal.css")?;
    if let Ok(theme) = std::fs::read_to_string(dir.join("dist/theme/white.css")) {
        css.push_str(&theme);
    }
    Ok((css, read("dist/reveal.js")?))
}

/// Writes through a temporary file in the same folder, then renames it over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(format!("cannot create the folder {}: {e}", dir.display())).at_path(dir)
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(
            Diagnostic::error(format!("cannot write {}: {e}", path.display())).at_path(path),
        );
    }
    Ok(())
}
