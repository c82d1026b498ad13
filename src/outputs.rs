//! Writing a build's outputs into their folder as one set. Every output is written into a fresh
//! folder beside the output folder, created exclusively under an unpredictable name, and the
//! two folders are then exchanged in one step (`renameat2(RENAME_EXCHANGE)` on Linux; two
//! renames elsewhere, during which the folder is briefly absent): a reader, or a kill at any
//! moment, sees the whole previous set or the whole new one, never a mix, and never a
//! half-written file. Nothing is ever opened at a path someone else could have planted a
//! symbolic link at: the new files are created inside a folder diapo just made, and an output
//! path that is a symbolic link is refused.
//!
//! The folder is exchanged only when diapo owns it: it holds nothing but diapo's outputs (and
//! leftovers of earlier builds). A folder shared with other files (`--out ~/Bureau`, a deck's
//! outputs beside its brands' folders) is never moved: there each output is written to an
//! exclusive temporary file and renamed into place, one after the other, every file put back
//! as it was if one of them cannot be.
//!
//! A build killed half-way leaves a hidden `.NAME.diapo-XXXXXX` folder beside the output folder
//! (or `.diapo-XXXXXX` files in a shared one); the next build into that folder removes them,
//! unless another build still holds them (a lock on each, released by the system when its
//! process ends).

use crate::diagnostic::Diagnostic;
use std::ffi::OsStr;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What every output file may be named: a folder holding only these is diapo's own.
pub const OUTPUT_NAMES: [&str; 3] = ["handout.pdf", "slides.html", "slides.pdf"];

/// Prefix of the temporary files written into a shared output folder.
const TEMP_PREFIX: &str = ".diapo-";

/// Replaces the outputs in `dir` (created if need be) by `outputs` (`(file name, bytes)`), as a
/// set. Outputs of `OUTPUT_NAMES` this build does not write (`--format html`) are kept as they
/// were. Returns the paths written.
pub fn replace(dir: &Path, outputs: &[(&str, Vec<u8>)]) -> Result<Vec<PathBuf>, Diagnostic> {
    refuse_links(dir, outputs)?;
    let written: Vec<PathBuf> = outputs.iter().map(|(name, _)| dir.join(name)).collect();
    let cannot = |path: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot write {}: {e}", path.display())).at_path(path)
    };
    // `out/deck` is exchanged with a sibling; `.`, `..` or `/` have none: written file by file.
    let Some((parent, name)) = parent_and_name(dir) else {
        clean_temp_files(dir);
        return replace_files(dir, outputs).map(|()| written);
    };
    std::fs::create_dir_all(parent).map_err(|e| cannot(parent, e))?;
    clean_leftover_sets(parent, name);
    if dir.exists() && !owned(dir) {
        clean_temp_files(dir);
        return replace_files(dir, outputs).map(|()| written);
    }
    let set = write_set(parent, name, dir, outputs).map_err(|(path, e)| cannot(&path, e))?;
    swap_in(&set, dir).map_err(|e| cannot(dir, e))?;
    Ok(written)
}

/// A symbolic link where the output folder or an output file goes is refused: writing through
/// it would put the outputs (or replace a file) wherever it leads. A folder where a file goes
/// is refused too: it is not diapo's to remove.
fn refuse_links(dir: &Path, outputs: &[(&str, Vec<u8>)]) -> Result<(), Diagnostic> {
    let link = |path: &Path| {
        Diagnostic::error(format!(
            "{} is a symbolic link: diapo does not write through links",
            path.display()
        ))
        .at_path(path)
        .with_hint("remove the link, or give the folder it leads to with --out")
    };
    if dir.is_symlink() {
        return Err(link(dir));
    }
    for (name, _) in outputs {
        let path = dir.join(name);
        let Ok(meta) = path.symlink_metadata() else {
            continue;
        };
        if meta.file_type().is_symlink() {
            return Err(link(&path));
        }
        if !meta.is_file() {
            return Err(Diagnostic::error(format!(
                "cannot write {}: something other than a file is in the way",
                path.display()
            ))
            .at_path(&path)
            .with_hint("move it away: diapo replaces only the files it writes"));
        }
    }
    Ok(())
}

/// The folder holding `dir` and `dir`'s name, when `dir` ends with a name.
fn parent_and_name(dir: &Path) -> Option<(&Path, &OsStr)> {
    let name = dir.file_name()?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some((parent, name))
}

/// Whether `dir` holds only diapo's outputs and leftovers, so that it may be replaced whole.
fn owned(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        is_file && (OUTPUT_NAMES.contains(&name.as_ref()) || is_leftover_file(&name))
    })
}

/// A temporary file of an interrupted build: `.diapo-XXXXXX`, or `.slides.pdf.1234.tmp` and
/// `.slides.pdf.1234.old` as diapo named them before.
fn is_leftover_file(name: &str) -> bool {
    if name.starts_with(TEMP_PREFIX) {
        return true;
    }
    OUTPUT_NAMES.iter().any(|output| {
        name.strip_prefix('.')
            .and_then(|n| n.strip_prefix(output))
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".tmp").or_else(|| n.strip_suffix(".old")))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The prefix of the folders a build of `name` writes its set into, beside it.
fn set_prefix(name: &OsStr) -> String {
    format!(".{}.diapo-", name.to_string_lossy())
}

/// A new set of outputs, written into a fresh folder beside the output folder and locked while
/// this build owns it.
struct NewSet {
    dir: tempfile::TempDir,
    _lock: Option<File>,
}

/// Writes `outputs` into a fresh folder beside `dir`, with the outputs of a previous set this
/// build does not replace carried over (hard links: the same files, untouched).
fn write_set(
    parent: &Path,
    name: &OsStr,
    dir: &Path,
    outputs: &[(&str, Vec<u8>)],
) -> Result<NewSet, (PathBuf, std::io::Error)> {
    let prefix = set_prefix(name);
    // Exclusive creation under a random name: nothing planted in advance can be followed.
    let set = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(parent)
        .map_err(|e| (parent.to_path_buf(), e))?;
    let lock = lock(set.path());
    let at = |name: &str| set.path().join(name);
    for (file, bytes) in outputs {
        let path = at(file);
        File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| (dir.join(file), e))?;
    }
    for kept in OUTPUT_NAMES {
        let old = dir.join(kept);
        if outputs.iter().any(|(n, _)| *n == kept) || !old.is_file() {
            continue;
        }
        if std::fs::hard_link(&old, at(kept)).is_err() {
            std::fs::copy(&old, at(kept)).map_err(|e| (old.clone(), e))?;
        }
    }
    // The folder becomes the output folder: it gets the permissions of the one it replaces,
    // or a plain folder's (`tempfile` makes it private to the user).
    let permissions = dir
        .metadata()
        .map(|meta| meta.permissions())
        .ok()
        .or_else(plain_folder_permissions);
    if let Some(permissions) = permissions {
        std::fs::set_permissions(set.path(), permissions).map_err(|e| (dir.to_path_buf(), e))?;
    }
    Ok(NewSet {
        dir: set,
        _lock: lock,
    })
}

#[cfg(unix)]
fn plain_folder_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // What `mkdir` gives under the usual umask (022).
    Some(std::fs::Permissions::from_mode(0o755))
}

/// Elsewhere `tempfile` makes an ordinary folder.
#[cfg(not(unix))]
fn plain_folder_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Puts the new set in `dir`'s place and removes the previous one.
fn swap_in(set: &NewSet, dir: &Path) -> std::io::Result<()> {
    let new = set.dir.path();
    if !dir.exists() {
        match std::fs::rename(new, dir) {
            Ok(()) => return Ok(()),
            // Created meanwhile: exchanged below.
            Err(_) if dir.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    exchange(new, dir)?;
    // `new` now holds the previous set; the `TempDir` removes it when dropped.
    Ok(())
}

/// Exchanges two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // A file system without the exchange (some network ones, old kernels).
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => exchange_by_renames(a, b),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_by_renames(a, b)
}

/// Moves `b` aside, `a` into its place, and the old `b` to `a`'s name; `b` is missing for the
/// time between the first two renames, and put back if the second fails.
fn exchange_by_renames(a: &Path, b: &Path) -> std::io::Result<()> {
    let parent = a.parent().unwrap_or(Path::new("."));
    // Named like a set of `b`'s, and locked like one: only a build of `b` cleans it, never
    // while this one runs.
    let prefix = set_prefix(b.file_name().unwrap_or(OsStr::new("out")));
    let aside = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(parent)?;
    let _lock = lock(aside.path());
    let old = aside.path().join("set");
    std::fs::rename(b, &old)?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&old, b);
        return Err(e);
    }
    std::fs::rename(&old, a)
}

/// Locks `path` for this process (released by the system when it ends), so that another build
/// cleaning leftovers leaves it alone. `None` where locks are not available.
#[cfg(unix)]
fn lock(path: &Path) -> Option<File> {
    use rustix::fs::{flock, FlockOperation};
    let file = File::open(path).ok()?;
    flock(&file, FlockOperation::NonBlockingLockExclusive).ok()?;
    Some(file)
}

#[cfg(not(unix))]
fn lock(_path: &Path) -> Option<File> {
    None
}

/// Whether another process holds `path` (see [`lock`]).
#[cfg(unix)]
fn held(path: &Path) -> bool {
    lock(path).is_none() && File::open(path).is_ok()
}

#[cfg(not(unix))]
fn held(_path: &Path) -> bool {
    false
}

/// Removes the sets of interrupted builds of `name` left in `parent`.
fn clean_leftover_sets(parent: &Path, name: &OsStr) {
    let prefix = set_prefix(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let leftover = entry.file_name().to_string_lossy().starts_with(&prefix);
        // Never through a link: only real folders diapo made are removed.
        if leftover && entry.file_type().is_ok_and(|t| t.is_dir()) && !held(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Removes the temporary files interrupted builds left in a shared output folder.
fn clean_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if is_leftover_file(&name.to_string_lossy())
            && entry.file_type().is_ok_and(|t| t.is_file())
            && !held(&entry.path())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// In a folder shared with other files: each output to an exclusive temporary file, then each
/// renamed into place, the previous versions kept aside until the last rename succeeded so that
/// a failure puts every file back as it was.
fn replace_files(dir: &Path, outputs: &[(&str, Vec<u8>)]) -> Result<(), Diagnostic> {
    let cannot = |path: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot write {}: {e}", path.display())).at_path(path)
    };
    std::fs::create_dir_all(dir).map_err(|e| cannot(dir, e))?;
    let temp = || tempfile::Builder::new().prefix(TEMP_PREFIX).to_owned();
    let mut temps = Vec::new();
    for (name, bytes) in outputs {
        let mut file = temp()
            .tempfile_in(dir)
            .map_err(|e| cannot(&dir.join(name), e))?;
        let _ = lock_file(file.as_file());
        file.write_all(bytes)
            .map_err(|e| cannot(&dir.join(name), e))?;
        temps.push(file);
    }
    // (target, the previous version kept aside) for each output renamed into place.
    let mut done: Vec<(PathBuf, Option<tempfile::NamedTempFile<()>>)> = Vec::new();
    for ((name, _), file) in outputs.iter().zip(temps) {
        let target = dir.join(name);
        let kept = if target.is_file() {
            temp()
                .make_in(dir, |aside| std::fs::hard_link(&target, aside))
                .ok()
        } else {
            None
        };
        if let Err(e) = file.persist(&target) {
            for (target, old) in done.into_iter().rev() {
                match old {
                    Some(old) => {
                        let _ = old.persist(&target);
                    }
                    None => {
                        let _ = std::fs::remove_file(&target);
                    }
                }
            }
            return Err(cannot(&target, e.error));
        }
        done.push((target, kept));
    }
    // Dropping the kept versions removes them.
    Ok(())
}

#[cfg(unix)]
fn lock_file(file: &File) -> std::io::Result<()> {
    use rustix::fs::{flock, FlockOperation};
    Ok(flock(file, FlockOperation::NonBlockingLockExclusive)?)
}

#[cfg(not(unix))]
fn lock_file(_file: &File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_recognised() {
        assert!(is_leftover_file(".slides.html.1234.tmp"));
        assert!(is_leftover_file(".handout.pdf.77.old"));
        assert!(is_leftover_file(".diapo-a1B2c3"));
        assert!(!is_leftover_file(".slides.html..tmp"));
        assert!(!is_leftover_file("notes.txt"));
        assert!(!is_leftover_file(".slides.html.12a.tmp"));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_owned_folder_is_replaced_whole_and_leftovers_go() {
        let tmp = tempfile::tempdir().expect("temp");
        let out = tmp.path().join("out");
        replace(
            &out,
            &[
                ("slides.html", b"v1".to_vec()),
                ("slides.pdf", b"p1".to_vec()),
            ],
        )
        .expect("first");
        // An interrupted build's set beside it, and an old-style temporary file in it.
        std::fs::create_dir(tmp.path().join(".out.diapo-zzzzzz")).expect("leftover");
        std::fs::write(out.join(".slides.pdf.99.tmp"), b"half").expect("leftover");
        replace(&out, &[("slides.html", b"v2".to_vec())]).expect("second");
        assert_eq!(names(&out), ["slides.html", "slides.pdf"]);
        assert_eq!(std::fs::read(out.join("slides.html")).expect("html"), b"v2");
        // Not written by this build: kept as it was.
        assert_eq!(std::fs::read(out.join("slides.pdf")).expect("pdf"), b"p1");
        assert_eq!(names(tmp.path()), ["out"]);
    }

    #[test]
    fn a_shared_folder_keeps_its_other_files() {
        let tmp = tempfile::tempdir().expect("temp");
        std::fs::write(tmp.path().join("notes.txt"), b"mine").expect("notes");
        std::fs::write(tmp.path().join(".diapo-q1w2e3"), b"half").expect("leftover");
        replace(tmp.path(), &[("slides.html", b"v1".to_vec())]).expect("write");
        assert_eq!(names(tmp.path()), ["notes.txt", "slides.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused() {
        let tmp = tempfile::tempdir().expect("temp");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).expect("out");
        let victim = tmp.path().join("victim");
        std::fs::write(&victim, b"precious").expect("victim");
        std::os::unix::fs::symlink(&victim, out.join("slides.html")).expect("link");
        let e = replace(&out, &[("slides.html", b"x".to_vec())]).expect_err("a link");
        assert!(
            e.message
                .ends_with("slides.html is a symbolic link: diapo does not write through links"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
        let linked = tmp.path().join("linked");
        std::os::unix::fs::symlink(&out, &linked).expect("link");
        assert!(replace(&linked, &[("slides.pdf", b"x".to_vec())]).is_err());
    }
}
