//! Markdown → model: any bytes, read as a deck file is read (UTF-8 check, BOM), its variables
//! expanded (with no brand, as `diapo::input::load` does, and with a brand setting every field and
//! a free variable), then parsed with and without `--allow-html`. Must never panic, overflow the
//! stack or hang, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;

// The body is in the library (`diapo::fuzzing`), so that `tests/suite/hostile.rs` replays the
// inputs found here through the same code.
fuzz_target!(|data: &[u8]| diapo::fuzzing::parse(data));
