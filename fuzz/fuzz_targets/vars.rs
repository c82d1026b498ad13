//! Template variables: a deck's `{{brand.…}}`, `{{vars.…}}` and blocks, with brand values taken
//! from the input too (see `diapo::fuzzing::variables` for how the bytes are cut), expanded and
//! every place of the result mapped back to the file. Must never panic, overflow the stack or
//! hang (blocks repeating blocks are bounded by the size of what they write).

#![no_main]

use libfuzzer_sys::fuzz_target;

// The body is in the library, so that `tests/suite/hostile.rs` replays the inputs found here.
fuzz_target!(|data: &[u8]| diapo::fuzzing::variables(data));
