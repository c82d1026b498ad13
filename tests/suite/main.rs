//! diapo's integration suite: one test binary, one module per concern, a fixture folder per
//! feature under `tests/fixtures/` (`valid/<feature>/deck.md`, `invalid/<case>/deck.md` with the
//! exact `expected.txt`). Snapshots live in `tests/suite/snapshots/`; accept new ones with
//! `INSTA_UPDATE=always cargo test --test suite`, and rewrite the expected error texts with
//! `UPDATE_EXPECT=1 cargo test --test suite invalid`.

/// Every valid fixture folder, with the name of the test that snapshots it. A folder missing here
/// fails `every_valid_fixture_is_snapshotted`, so a new fixture cannot go untested.
macro_rules! with_valid_fixtures {
    ($callback:ident) => {
        $callback! {
            code: "code",
            diagrams: "diagrams",
            directives: "directives",
            emoji: "emoji",
            english: "english",
            escaping: "escaping",
            explicit_slides: "explicit-slides",
            fragments: "fragments",
            front_matter: "front-matter",
            image: "image",
            image_formats: "image-formats",
            image_missing: "image-missing",
            layouts: "layouts",
            long_list: "long-list",
            outline: "outline",
            outline_semantics: "outline-semantics",
            pasted_outline: "pasted-outline",
            speaker_notes: "speaker-notes",
            typography: "typography",
        }
    };
}

mod architecture;
mod check;
mod cli;
mod design;
mod determinism;
mod diagrams;
mod dialects;
mod hostile;
mod hostile_cost;
mod hostile_files;
mod hostile_small;
mod html;
mod invalid;
mod media;
mod model;
mod new;
mod office;
mod pdf;
mod real_content;
mod serve;
mod splits;
mod support;
mod tagged;
mod themes;
mod typography;

macro_rules! fixture_names {
    ($($test:ident: $dir:literal,)*) => {
        &[$($dir),*]
    };
}

const VALID_FIXTURES: &[&str] = with_valid_fixtures!(fixture_names);

#[test]
fn every_valid_fixture_is_snapshotted() {
    let mut listed: Vec<String> = VALID_FIXTURES.iter().map(ToString::to_string).collect();
    listed.sort();
    assert_eq!(
        support::folders(support::VALID),
        listed,
        "add the new fixture folders to `with_valid_fixtures!` in tests/suite/main.rs"
    );
}
