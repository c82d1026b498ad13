//! Confinement: the files a deck names (its images) are read from inside the deck's folder only,
//! or from a folder the trainer allowed with `--allow-outside PATH`. A deck received by mail must
//! not be able to inline `/home/someone/.ssh/id_rsa.png` or `../../payroll.png` into a file that is
//! then shared: absolute paths, `..` climbing out of the folder, and symbolic links leading out of
//! it are refused before anything is read.
//!
//! Paths are compared once resolved (`canonicalize`: symbolic links followed, `..` removed), so a
//! link inside the folder to a file outside is caught as well as a plain `../`.
//!
//! [`within`] is the one check every file read on behalf of a deck goes through: its images here,
//! and the theme and brand files of `theme::files` (brand TOML, templates, stylesheets, logos,
//! fonts). The resolved path it returns is the one to read, so that what was checked is what is
//! read.

use std::path::{Component, Path, PathBuf};

/// Why a path named by the deck is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Absolute, or climbing out of the deck's folder with `..`.
    Outside,
    /// Inside the folder as written, but a symbolic link on the way leads out of it.
    ThroughLink,
    /// Nothing readable there (or a folder).
    NotFound,
}

/// The folders a deck may read from: its own, then the `--allow-outside` ones. Each is resolved;
/// an allowed folder that does not exist is an error naming it.
pub fn roots(base_dir: &Path, allow_outside: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let base = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    let mut roots = vec![base.canonicalize().unwrap_or_else(|_| base.to_path_buf())];
    for dir in allow_outside {
        match dir.canonicalize() {
            Ok(d) if d.is_dir() => roots.push(d),
            Ok(_) => return Err(format!("--allow-outside {}: not a folder", dir.display())),
            Err(e) => return Err(format!("--allow-outside {}: {e}", dir.display())),
        }
    }
    Ok(roots)
}

/// Resolves `written` (as the deck writes it, relative to `base_dir`) to a file inside one of
/// `roots` (from [`roots`]).
pub fn resolve(base_dir: &Path, written: &str, roots: &[PathBuf]) -> Result<PathBuf, Refusal> {
    let relative = Path::new(written);
    let climbs_out = climbs_out(relative);
    match within(&base_dir.join(relative), roots) {
        // Missing: say so, unless the path was never allowed to be read anyway.
        Err(Refusal::NotFound) if climbs_out && roots.len() <= 1 && !exists(base_dir, relative) => {
            Err(Refusal::Outside)
        }
        Err(Refusal::ThroughLink) if climbs_out => Err(Refusal::Outside),
        other => other,
    }
}

/// Whether something is at `base_dir/relative` (a dangling link counts as nothing).
fn exists(base_dir: &Path, relative: &Path) -> bool {
    base_dir.join(relative).canonicalize().is_ok()
}

/// The file at `path` resolved (every symbolic link on the way followed, `..` removed), when it
/// lies inside one of `roots` (resolved folders): [`Refusal::ThroughLink`] when it resolves
/// elsewhere, [`Refusal::NotFound`] when nothing (or not a file) is there. Nothing is read.
pub fn within(path: &Path, roots: &[PathBuf]) -> Result<PathBuf, Refusal> {
    let Ok(resolved) = path.canonicalize() else {
        return Err(Refusal::NotFound);
    };
    if !roots.iter().any(|root| resolved.starts_with(root)) {
        return Err(Refusal::ThroughLink);
    }
    if !resolved.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(resolved)
}

/// A folder resolved, when it lies inside one of `roots` (itself included): the `themes/` folder
/// beside a deck must not be a link to a folder elsewhere. `None` when it is missing or outside.
pub fn folder_within(path: &Path, roots: &[PathBuf]) -> Option<PathBuf> {
    let resolved = path.canonicalize().ok()?;
    (resolved.is_dir() && roots.iter().any(|root| resolved.starts_with(root))).then_some(resolved)
}

/// Whether a relative path, read without the file system, is absolute or goes above its start.
fn climbs_out(path: &Path) -> bool {
    let mut depth: usize = 0;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return true,
            Component::CurDir => {}
            Component::ParentDir => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return true,
            },
            Component::Normal(_) => depth += 1,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_escapes() {
        assert!(climbs_out(Path::new("/etc/passwd")));
        assert!(climbs_out(Path::new("../secret.png")));
        assert!(climbs_out(Path::new("images/../../secret.png")));
        assert!(!climbs_out(Path::new("images/../logo.png")));
        assert!(!climbs_out(Path::new("./images/logo.png")));
    }

    #[test]
    fn resolves_inside_and_refuses_outside() {
        let outer = tempfile::tempdir().expect("temp dir");
        let deck = outer.path().join("deck");
        std::fs::create_dir_all(deck.join("images")).expect("deck folder");
        std::fs::write(deck.join("images/a.png"), b"png").expect("image");
        std::fs::write(outer.path().join("secret.png"), b"png").expect("secret");
        let roots = roots(&deck, &[]).expect("roots");
        assert!(resolve(&deck, "images/a.png", &roots).is_ok());
        assert_eq!(
            resolve(&deck, "../secret.png", &roots),
            Err(Refusal::Outside)
        );
        let absolute = outer.path().join("secret.png");
        assert_eq!(
            resolve(&deck, &absolute.to_string_lossy(), &roots),
            Err(Refusal::Outside)
        );
        assert_eq!(resolve(&deck, "images", &roots), Err(Refusal::NotFound));
        assert_eq!(resolve(&deck, "nope.png", &roots), Err(Refusal::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path().join("secret.png"), deck.join("link.png"))
                .expect("symlink");
            assert_eq!(
                resolve(&deck, "link.png", &roots),
                Err(Refusal::ThroughLink)
            );
        }
        let allowed = super::roots(&deck, &[outer.path().to_path_buf()]).expect("roots");
        assert!(resolve(&deck, "../secret.png", &allowed).is_ok());
    }
}
