//! What a build reads from the disk on a deck's behalf, and how it is kept inside the deck's
//! folder: the deck argument and file, the files the deck includes (the parser's
//! [`Loader`]), the check that its images' paths stay inside the
//! folders allowed ([`confine`]). The parse stage (`crate::deck`) itself reads no file.

pub mod confine;

use crate::deck::loader::{Includes, Loader, NO_SUCH_FILE};
use crate::deck::{self, vars, ParseOptions};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::limits::{megabytes, MAX_DECK_BYTES};
use crate::model::Deck;
use crate::rules::Rule;
use std::path::{Path, PathBuf};

/// A deck argument: a folder holding `deck.md`, or a Markdown file.
pub fn resolve_deck_path(arg: &Path) -> Result<PathBuf, Diagnostic> {
    if arg.is_dir() {
        let candidate = arg.join("deck.md");
        if candidate.is_file() {
            return Ok(candidate);
        }
        return Err(
            Diagnostic::error(format!("no deck.md in {}", arg.display()))
                .at_path(arg)
                .with_hint("a deck folder holds a `deck.md`; or pass the Markdown file itself"),
        );
    }
    if arg.is_file() {
        return Ok(arg.to_path_buf());
    }
    Err(
        Diagnostic::error(format!("cannot find the deck {}", arg.display()))
            .at_path(arg)
            .with_hint("pass a deck folder (holding deck.md) or a .md file"),
    )
}

/// Reads a deck file into a `SourceFile`, refusing what is not a readable UTF-8 text.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Diagnostic::error(format!("cannot read the deck: {e}")).at_path(path);
    // Read at most one byte past the limit, whatever the file claims to be (a device or a pipe
    // has no size, and a file may grow while it is read).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_DECK_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() > MAX_DECK_BYTES {
        let limit = megabytes(MAX_DECK_BYTES as u64);
        let message = match std::fs::metadata(path) {
            Ok(m) if m.len() > MAX_DECK_BYTES as u64 => format!(
                "the deck is {}, more than the {limit} a deck may be",
                megabytes(m.len())
            ),
            _ => format!("the deck is larger than the {limit} a deck may be"),
        };
        return Err(Diagnostic::error(message)
            .at_path(path)
            .with_hint("split it into several decks, or move large data out of the Markdown"));
    }
    deck::source_from_bytes(path, bytes)
}

/// Reads included files from inside the deck's folder only, through the same confinement as
/// images, at most a deck's size each.
#[derive(Debug, Clone, Copy, Default)]
pub struct FolderLoader;

impl Loader for FolderLoader {
    fn read(&self, deck: &Path, written: &str) -> Result<String, String> {
        use std::io::Read;
        let base = deck.parent().unwrap_or(Path::new("."));
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let roots = confine::roots(base, &[])?;
        let path = confine::resolve(base, written, &roots).map_err(|r| match r {
            confine::Refusal::NotFound => NO_SUCH_FILE.to_string(),
            _ => "the file is outside the deck's folder".to_string(),
        })?;
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_DECK_BYTES as u64 + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("cannot read it: {e}"))?;
        if bytes.len() > MAX_DECK_BYTES {
            return Err("it is larger than a deck may be".into());
        }
        String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".into())
    }
}

/// Parses a deck file. On success, the deck and its warnings; on failure, every diagnostic.
/// Includes are read from the deck's folder and images' paths checked, as in a build (with no
/// `--allow-outside` folder).
pub fn load(path: &Path, opts: &ParseOptions) -> Result<(Deck, Diagnostics), Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let src = read_source(path).map_err(one)?;
    // No brand here: `{{#if brand}}` blocks are left out, brand variables are errors.
    let src = vars::expand(src, &vars::Variables::default()).map_err(one)?;
    let opts = ParseOptions {
        includes: Includes::new(FolderLoader),
        ..opts.clone()
    };
    let (deck, mut diags) = deck::parse_source_all(&src, &opts)?;
    let roots = image_roots(&deck, &[]).map_err(one)?;
    check_image_paths(&deck, &src, &roots, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((deck, diags))
}

/// The folders a deck's images may be read from: its own and the `--allow-outside` ones (an
/// error when one of those does not exist).
pub fn image_roots(deck: &Deck, allow_outside: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    confine::roots(&deck.base_dir, allow_outside).map_err(|m| {
        Diagnostic::error(m).with_hint("--allow-outside takes a folder images may be read from")
    })
}

/// Every image of the deck must be inside the deck's folder or an allowed one (`roots`; an error
/// at its line otherwise), and should exist, be local and say what it shows (warnings).
pub fn check_image_paths(
    deck: &Deck,
    src: &SourceFile,
    roots: &[PathBuf],
    diags: &mut Diagnostics,
) {
    for slide in &deck.slides {
        for image in deck::images_of(&slide.body) {
            if image.alt.trim().is_empty() && !image.decorative {
                diags.push(
                    Diagnostic::warning("this image has no alt text")
                        .rule(Rule::MissingAlt)
                        .at(deck::image_location(src, image))
                        .with_hint("describe it in the brackets: ![Schéma de la chaîne DevSecOps](…), or write ![-](…) if it is decorative"),
                );
            }
            if deck::is_remote(&image.src) {
                diags.push(
                    Diagnostic::warning("this image is on the web: diapo does not download it (the deck must work offline), and shows a placeholder with its alt text and address")
                        .rule(Rule::RemoteImage)
                        .at(deck::image_location(src, image))
                        .with_hint("save the image next to the deck and use its relative path"),
                );
                continue;
            }
            if image.src.starts_with("data:") {
                continue;
            }
            let outside_hint = "images are read from the deck's folder only: copy the image there, or allow its folder with `--allow-outside PATH`";
            match confine::resolve(&deck.base_dir, &image.src, roots) {
                Ok(_) => {}
                // A missing image is a placeholder, not a lost deck (a README whose screenshots
                // live elsewhere still builds); `--strict` and `diapo check` make it an error.
                Err(confine::Refusal::NotFound) => diags.push(
                    Diagnostic::warning(format!(
                        "image not found: {} (a placeholder with its alt text stands in for it)",
                        image.src
                    ))
                    .rule(Rule::MissingImage)
                    .at(deck::image_location(src, image))
                    .with_hint(format!(
                        "paths are relative to the deck's folder ({})",
                        display_dir(&deck.base_dir)
                    )),
                ),
                Err(confine::Refusal::Outside) => diags.push(
                    Diagnostic::error(format!(
                        "the image {} is outside the deck's folder",
                        image.src
                    ))
                    .rule(Rule::ImageOutsideDeck)
                    .at(deck::image_location(src, image))
                    .with_hint(outside_hint),
                ),
                Err(confine::Refusal::ThroughLink) => diags.push(
                    Diagnostic::error(format!(
                        "the image {} is a symbolic link to a file outside the deck's folder",
                        image.src
                    ))
                    .rule(Rule::ImageOutsideDeck)
                    .at(deck::image_location(src, image))
                    .with_hint(outside_hint),
                ),
            }
        }
    }
}

fn display_dir(p: &Path) -> String {
    if p.as_os_str().is_empty() {
        ".".into()
    } else {
        p.display().to_string()
    }
}
