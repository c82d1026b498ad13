//! Model → layout → outputs: any bytes written as a deck file in a temporary folder, prepared as
//! `diapo build` prepares it (parse, theme, images, fit), then laid out and written as the slides
//! PDF, the three handouts and the HTML. Must never panic, overflow the stack or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One folder for the whole run: the deck file is rewritten for each input.
fn deck_path() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("deck.md");
        (dir, path)
    })
    .1
}

fuzz_target!(|data: &[u8]| diapo::fuzzing::pipeline(deck_path(), data));
