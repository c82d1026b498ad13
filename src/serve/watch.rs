//! Watching the deck's files and debouncing: editors save in bursts (a temporary file, a rename,
//! a truncation then a write), so a rebuild waits for a short quiet spell after the last change
//! — short enough that the page reloads well within 100 ms of a save. A change that ends a save
//! (a file written and closed, or renamed into place) needs no such wait: the rebuild starts
//! after a few milliseconds, which is most of the save-to-reload time saved (see
//! `scripts/bench-serve`). Events diapo causes itself (reading the files to build) and those of
//! hidden files and editor backups are ignored.

use crate::diagnostic::Diagnostic;
use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Quiet time after a change before rebuilding.
const QUIET: Duration = Duration::from_millis(25);
/// Quiet time after a change that ends a save ([`ends_a_save`]): long enough for the rename that
/// follows an editor's temporary file being closed, short beside a rebuild.
const SETTLE: Duration = Duration::from_millis(3);
/// A stream of changes (a folder being copied in) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(500);
/// How often the event streams get a keep-alive comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub(super) enum Msg {
    /// Something the deck may use changed; `complete` when the change ends a save
    /// ([`ends_a_save`]).
    Changed {
        complete: bool,
    },
    Stop,
}

/// Watches each root recursively; the roots that cannot be watched come back as warnings.
pub(super) fn watch(
    roots: &[PathBuf],
    to_rebuild: Sender<Msg>,
) -> (Option<notify::RecommendedWatcher>, Vec<Diagnostic>) {
    let cannot = |path: &Path, e: notify::Error| {
        Diagnostic::warning(format!("cannot watch {}: {e}", path.display()))
            .at_path(path)
            .with_hint("the deck is served, but changes there will not reload it: restart diapo serve after editing")
    };
    let watched: Vec<PathBuf> = roots.to_vec();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matters(&event.kind) && event.paths.iter().any(|p| relevant(p, &watched)) {
                let _ = to_rebuild.send(Msg::Changed {
                    complete: ends_a_save(&event.kind),
                });
            }
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            return (
                None,
                vec![cannot(roots.first().map_or(Path::new("."), |p| p), e)],
            )
        }
    };
    let failures = roots
        .iter()
        .filter_map(|root| {
            watcher
                .watch(root, RecursiveMode::Recursive)
                .err()
                .map(|e| cannot(root, e))
        })
        .collect();
    (Some(watcher), failures)
}

/// Waits for changes and calls `rebuild` once per burst, `idle` every [`KEEP_ALIVE`] without
/// change, until [`Msg::Stop`] or until every sender is gone.
pub(super) fn run(messages: &Receiver<Msg>, mut rebuild: impl FnMut(), mut idle: impl FnMut()) {
    loop {
        let mut quiet = match messages.recv_timeout(KEEP_ALIVE) {
            Ok(Msg::Changed { complete }) => quiet_after(complete),
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                idle();
                continue;
            }
        };
        let first = Instant::now();
        loop {
            match messages.recv_timeout(quiet) {
                Ok(Msg::Changed { complete }) if first.elapsed() < MAX_WAIT => {
                    quiet = quiet_after(complete);
                }
                Ok(Msg::Changed { .. }) | Err(RecvTimeoutError::Timeout) => break,
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        rebuild();
    }
}

/// How long to wait for more after a change: the last change decides (a truncation after a
/// finished write starts a new save, whose end is waited for).
fn quiet_after(complete: bool) -> Duration {
    if complete {
        SETTLE
    } else {
        QUIET
    }
}

/// A change after which the file is whole: written and closed, or renamed into place (editors
/// that save through a temporary file). Other changes (a creation, a truncation, a write still
/// open) may be followed by the rest of the save.
fn ends_a_save(kind: &EventKind) -> bool {
    use notify::event::RenameMode;
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Changes of content, names and permissions; not reads (a build reads every file it watches,
/// and a read must not start a build) nor access times.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Not hidden (`.git/`, `.deck.md.swp`) and not an editor's backup (`deck.md~`), below the root
/// that holds it.
fn relevant(path: &Path, roots: &[PathBuf]) -> bool {
    let inside = roots
        .iter()
        .find_map(|r| path.strip_prefix(r).ok())
        .unwrap_or(path);
    let ignored = |name: &str| {
        name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
    };
    !inside.components().any(|c| match c {
        Component::Normal(name) => ignored(&name.to_string_lossy()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn hidden_files_and_backups_are_ignored() {
        let roots = [PathBuf::from("/decks/a")];
        assert!(relevant(Path::new("/decks/a/deck.md"), &roots));
        assert!(relevant(Path::new("/decks/a/images/logo.png"), &roots));
        assert!(relevant(
            Path::new("/decks/a/themes/etat/style.css"),
            &roots
        ));
        assert!(!relevant(Path::new("/decks/a/.deck.md.swp"), &roots));
        assert!(!relevant(Path::new("/decks/a/deck.md~"), &roots));
        assert!(!relevant(Path::new("/decks/a/.git/index"), &roots));
        // A hidden folder above the root does not hide the deck.
        assert!(relevant(
            Path::new("/home/x/.config/d/deck.md"),
            &[PathBuf::from("/home/x/.config/d")]
        ));
    }

    #[test]
    fn reads_do_not_count_as_changes() {
        assert!(!matters(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(matters(&EventKind::Modify(ModifyKind::Any)));
        assert!(matters(&EventKind::Create(notify::event::CreateKind::File)));
    }

    #[test]
    fn a_finished_save_is_told_from_one_under_way() {
        use notify::event::{DataChange, RenameMode};
        assert!(ends_a_save(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(ends_a_save(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(ends_a_save(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(!ends_a_save(&EventKind::Modify(ModifyKind::Name(
            RenameMode::From
        ))));
        assert!(!ends_a_save(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!ends_a_save(&EventKind::Create(
            notify::event::CreateKind::File
        )));
        assert_eq!(quiet_after(true), SETTLE);
        assert_eq!(quiet_after(false), QUIET);
    }

    #[test]
    fn a_burst_of_changes_rebuilds_once() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..5 {
            tx.send(Msg::Changed { complete: false }).ok();
        }
        let sender = std::thread::spawn(move || {
            std::thread::sleep(QUIET * 8);
            tx.send(Msg::Changed { complete: true }).ok();
            std::thread::sleep(QUIET * 8);
            tx.send(Msg::Stop).ok();
        });
        let mut builds = 0;
        run(&rx, || builds += 1, || {});
        sender.join().ok();
        assert_eq!(builds, 2);
    }
}
