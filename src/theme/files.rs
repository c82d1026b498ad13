//! Where theme and brand files come from, one file at a time (as mdBook does): the user's folders
//! first — `--theme-dir DIR`, then a `themes/` folder beside the deck — and the files built into
//! the binary last. A user folder can so replace one template or the stylesheet of a built-in
//! theme without copying the rest, add themes of its own, and add or replace brands
//! (`brands/<id>.toml`).

use super::builtin;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::input::confine;
use crate::limits::MAX_THEME_FILE_BYTES;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct ThemeSources {
    /// User folders, searched in order before the built-in files.
    dirs: Vec<UserDir>,
    /// The `themes/` folder beside the deck when it resolves outside the deck's folder (a link
    /// to a folder elsewhere): nothing is read from it, and every lookup fails naming it.
    refused: Option<PathBuf>,
}

/// A user folder of themes and brands: as given (for messages) and resolved (what every file
/// read from it must stay inside, see `input::confine::within`).
#[derive(Debug, Clone)]
struct UserDir {
    path: PathBuf,
    root: PathBuf,
}

/// Where a theme or brand is defined, for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    Builtin,
    /// In a user folder; `overrides` when a built-in of the same name exists.
    User {
        path: PathBuf,
        overrides: bool,
    },
}

/// `--theme-dir` must name a folder: a typo there would otherwise fall back on the built-ins
/// without a word.
pub fn check_theme_dir(dir: &Path) -> Result<(), Diagnostic> {
    if dir.is_dir() {
        return Ok(());
    }
    Err(
        Diagnostic::error(format!("--theme-dir: {} is not a folder", dir.display()))
            .at_path(dir)
            .with_hint(
                "give the folder that holds your themes (`<name>/theme.toml`) and `brands/`",
            ),
    )
}

impl ThemeSources {
    /// `--theme-dir` (if any), then the `themes/` folder beside the deck (if it exists).
    pub fn new(theme_dir: Option<&Path>, deck_dir: Option<&Path>) -> Self {
        Self::allowing(theme_dir, deck_dir, &[])
    }

    /// [`ThemeSources::new`], the deck's `themes/` folder being allowed to resolve into one of
    /// the `--allow-outside` folders as well as into the deck's own.
    pub fn allowing(
        theme_dir: Option<&Path>,
        deck_dir: Option<&Path>,
        allow_outside: &[PathBuf],
    ) -> Self {
        let mut sources = ThemeSources::default();
        // The trainer named this folder: it is its own root.
        if let Some(d) = theme_dir {
            if let Ok(root) = d.canonicalize() {
                sources.dirs.push(UserDir {
                    path: d.to_path_buf(),
                    root,
                });
            }
        }
        if let Some(d) = deck_dir {
            let d = if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            };
            let beside = d.join("themes");
            let mut roots: Vec<PathBuf> = d.canonicalize().into_iter().collect();
            roots.extend(allow_outside.iter().filter_map(|a| a.canonicalize().ok()));
            match confine::folder_within(&beside, &roots) {
                Some(root) if !sources.dirs.iter().any(|u| u.root == root) => {
                    sources.dirs.push(UserDir { path: beside, root });
                }
                Some(_) => {}
                None if beside.is_dir() => sources.refused = Some(beside),
                None => {}
            }
        }
        sources
    }

    /// The error every lookup gives when the deck's `themes/` folder leads outside its folder.
    fn check_refused(&self) -> Result<(), Diagnostic> {
        match &self.refused {
            Some(dir) => Err(Diagnostic::error(format!(
                "the themes folder {} leads outside the deck's folder",
                dir.display()
            ))
            .at_path(dir)
            .with_hint(
                "copy the themes into the deck's folder instead of linking to them, or name their folder with --allow-outside",
            )),
            None => Ok(()),
        }
    }

    /// A file of a theme (`rel` such as `layouts/title.hbs`), from the first place holding it.
    pub fn theme_file(&self, theme: &str, rel: &str) -> Result<Option<SourceFile>, Diagnostic> {
        self.check_refused()?;
        if !is_name(theme) {
            return Ok(None);
        }
        for dir in &self.dirs {
            let path = dir.path.join(theme).join(rel);
            if let Some(resolved) = dir.confined(&path)? {
                return read_text(&path, &resolved).map(Some);
            }
        }
        Ok(builtin::THEME_FILES
            .iter()
            .find(|(t, r, _)| *t == theme && *r == rel)
            .map(|(_, _, text)| SourceFile::new(format!("themes/{theme}/{rel}"), text.to_string())))
    }

    /// Every theme: a folder holding `theme.toml` in a user folder, or a built-in.
    pub fn themes(&self) -> BTreeMap<String, Provenance> {
        let mut out = BTreeMap::new();
        for (name, _, _) in builtin::THEME_FILES {
            out.insert(name.to_string(), Provenance::Builtin);
        }
        for dir in self.dirs.iter().rev() {
            // A folder named like a built-in theme overrides some of its files, with or without
            // a theme.toml of its own.
            for (name, path) in entries(&dir.path, |p| p.is_dir()) {
                let overrides = builtin::THEME_FILES.iter().any(|(t, _, _)| *t == name);
                if (overrides || path.join("theme.toml").is_file()) && is_name(&name) {
                    out.insert(name, Provenance::User { path, overrides });
                }
            }
        }
        out
    }

    /// A brand file, `brands/<id>.toml`.
    pub fn brand_file(&self, id: &str) -> Result<Option<BrandSource>, Diagnostic> {
        self.check_refused()?;
        if !is_name(id) {
            return Ok(None);
        }
        for dir in &self.dirs {
            let path = dir.path.join("brands").join(format!("{id}.toml"));
            if let Some(resolved) = dir.confined(&path)? {
                let src = read_text(&path, &resolved)?;
                return Ok(Some(BrandSource {
                    src,
                    base: BrandBase::Dir {
                        dir: dir.path.join("brands"),
                        themes: dir.path.clone(),
                        root: dir.root.clone(),
                    },
                }));
            }
        }
        Ok(builtin::BRANDS
            .iter()
            .find(|(b, _, _)| *b == id)
            .map(|(_, text, files)| BrandSource {
                src: SourceFile::new(format!("themes/brands/{id}.toml"), text.to_string()),
                base: BrandBase::Builtin(files),
            }))
    }

    /// Every brand, by id.
    pub fn brands(&self) -> BTreeMap<String, Provenance> {
        let mut out = BTreeMap::new();
        for (id, _, _) in builtin::BRANDS {
            out.insert(id.to_string(), Provenance::Builtin);
        }
        for dir in self.dirs.iter().rev() {
            let brands = dir.path.join("brands");
            for (name, path) in entries(&brands, |p| p.is_file()) {
                if let Some(id) = name.strip_suffix(".toml") {
                    let overrides = builtin::BRANDS.iter().any(|(b, _, _)| *b == id);
                    out.insert(id.to_string(), Provenance::User { path, overrides });
                }
            }
        }
        out
    }
}

/// A brand file and what its relative paths (logo, fonts) resolve against.
pub struct BrandSource {
    pub src: SourceFile,
    pub base: BrandBase,
}

pub enum BrandBase {
    /// The folder holding the brand file (`dir`), in the themes folder `themes` (as given, for
    /// messages) whose resolved `root` every file the brand names must stay inside.
    Dir {
        dir: PathBuf,
        themes: PathBuf,
        root: PathBuf,
    },
    /// A built-in brand: its files are in the binary.
    Builtin(builtin::BrandFiles),
}

impl BrandBase {
    /// The bytes of a file the brand names, relative to the brand file.
    pub fn read(&self, rel: &str, max: u64) -> Result<Vec<u8>, String> {
        match self {
            BrandBase::Dir { dir, themes, root } => {
                let path = dir.join(rel);
                // A logo or font may be anywhere in the themes folder holding `brands/`.
                let resolved = match confine::within(&path, std::slice::from_ref(root)) {
                    Ok(resolved) => resolved,
                    Err(confine::Refusal::NotFound) => {
                        return Err(format!("{} does not exist", path.display()))
                    }
                    Err(_) => {
                        return Err(format!(
                            "{} is outside the themes folder {}",
                            path.display(),
                            themes.display()
                        ))
                    }
                };
                let meta = std::fs::metadata(&resolved)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                if meta.len() > max {
                    return Err(format!(
                        "{} is larger than {} MB",
                        path.display(),
                        max / (1024 * 1024)
                    ));
                }
                std::fs::read(&resolved).map_err(|e| format!("cannot read {}: {e}", path.display()))
            }
            BrandBase::Builtin(files) => files
                .iter()
                .find(|(r, _)| *r == rel)
                .map(|(_, b)| b.to_vec())
                .ok_or_else(|| format!("{rel} is not among the built-in brand files")),
        }
    }
}

impl UserDir {
    /// The file at `path` in this folder, resolved, when there is one; an error when it resolves
    /// outside the folder. An absolute path, a `..` or a symbolic link leading out of the themes
    /// folder could otherwise put any file of the machine into the outputs, or its first line
    /// into a diagnostic: the file is refused before anything of it is read.
    fn confined(&self, path: &Path) -> Result<Option<PathBuf>, Diagnostic> {
        match confine::within(path, std::slice::from_ref(&self.root)) {
            Ok(resolved) => Ok(Some(resolved)),
            Err(confine::Refusal::NotFound) => Ok(None),
            Err(_) => Err(Diagnostic::error(format!(
                "{} leads outside the themes folder {}",
                path.display(),
                self.path.display()
            ))
            .at_path(path)
            .with_hint("copy the file into the themes folder instead of linking to it")),
        }
    }
}

/// Theme and brand names are plain words: no path can escape the theme folders.
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The names of the entries of `dir` that pass `keep`, sorted.
fn entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<(String, PathBuf)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| keep(p))
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), p)))
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    out.sort();
    out
}

/// Reads the text file found at `path` (as diagnostics name it) and resolved to `resolved` (what
/// the confinement check passed, and so what is read).
fn read_text(path: &Path, resolved: &Path) -> Result<SourceFile, Diagnostic> {
    let meta = std::fs::metadata(resolved).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", path.display())).at_path(path)
    })?;
    if meta.len() > MAX_THEME_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "{} is larger than {} MB",
            path.display(),
            MAX_THEME_FILE_BYTES / (1024 * 1024)
        ))
        .at_path(path));
    }
    let bytes = std::fs::read(resolved).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", path.display())).at_path(path)
    })?;
    let mut text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("this file is not valid UTF-8 text")
            .at_path(path)
            .with_hint("save it as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(SourceFile::new(path, text))
}
