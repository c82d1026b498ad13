//! Front matter: any text as the YAML block at the top of an otherwise plain deck; its keys'
//! places looked up as the build does, then the deck parsed and every diagnostic printed. Must
//! never panic, overflow the stack or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;

// The body is in the library, so that `tests/suite/hostile.rs` replays the inputs found here.
fuzz_target!(|data: &[u8]| diapo::fuzzing::front_matter(data));
