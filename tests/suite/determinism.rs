//! Speed work must not change a byte: the sample deck, the seed outline, the layouts fixture and
//! the image-formats fixture are built (HTML, slides PDF, and the handout in its three modes) and
//! each file's SHA-256 is compared with `determinism.sha256`, recorded from the code before the performance work of issue #18 (the
//! shaping cache, templates compiled once). A digest that moves means an optimisation changed what
//! a trainer gets; if the change is meant (a layout fix, a new PDF feature), rewrite the file with
//! `UPDATE_EXPECT=1 cargo test --test suite determinism` and say why in the commit.
//!
//! A second file, `determinism-decoded.sha256`, holds the digest of each PDF with its streams
//! decoded (`decoded`): what a reader draws, whatever the deflater. A change of how streams are
//! compressed (another deflate level or library) moves the first file's PDF digests and must
//! leave this one as it is; `UPDATE_EXPECT=1` rewrites both, so the commit shows which moved.
//!
//! The PDFs carry a creation date: `SOURCE_DATE_EPOCH` pins it, as in the other PDF tests.

use crate::support::diapo;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const EXPECTED: &str = "tests/suite/determinism.sha256";
const EXPECTED_DECODED: &str = "tests/suite/determinism-decoded.sha256";

/// `(label, deck)`: the label names the digests in [`EXPECTED`].
const DECKS: &[(&str, &str)] = &[
    ("sensibilisation", "decks/sensibilisation"),
    // The seed outline lives beside the repository on the development machine; elsewhere it is
    // skipped (its digests stay in the file, unchecked).
    ("seed-outline", "../shared/seeds/sensibilisation-outline.md"),
    ("layouts", "tests/fixtures/valid/layouts"),
    // A photo, a PNG, a WebP with transparency and an SVG: the images and drawings both PDFs hold,
    // deflated once for the two of them (digests recorded with the build before that change).
    ("image-formats", "tests/fixtures/valid/image-formats"),
];

const HANDOUTS: &[&str] = &["notes", "3up", "leaflet"];

/// Builds `deck` with `--handout mode` into a fresh folder and returns `(file name, bytes)` of what
/// `formats` asks for.
fn build(deck: &str, mode: &str, formats: &str) -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    diapo()
        .args([
            "build",
            deck,
            "--quiet",
            "--handout",
            mode,
            "--format",
            formats,
        ])
        .arg("--out")
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", "1763769600")
        .assert()
        .success();
    ["slides.html", "slides.pdf", "handout.pdf"]
        .into_iter()
        .filter_map(|name| {
            let bytes = std::fs::read(dir.path().join(name)).ok()?;
            Some((name.to_string(), bytes))
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A PDF with every stream decoded, written again by lopdf: the same bytes for two PDFs whose
/// objects are the same once their streams are inflated, however those were deflated (or left
/// raw). The trailer's `/ID`, a digest of the file's bytes, is left out.
fn decoded(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).expect("a PDF lopdf reads");
    doc.decompress();
    doc.trailer.remove(b"ID");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("lopdf writes it back");
    out
}

/// `label → digest`, from `sha256sum`'s format (`<hex>  <label>`).
fn read_expected(path: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (digest, label) = line.split_once("  ")?;
            Some((label.trim().to_string(), digest.trim().to_string()))
        })
        .collect()
}

#[test]
fn outputs_are_byte_identical_to_the_recorded_digests() {
    let mut actual = BTreeMap::new();
    let mut actual_decoded = BTreeMap::new();
    for &(label, deck) in DECKS {
        if !Path::new(deck).exists() {
            eprintln!("note: {deck} is absent; its digests are not checked");
            continue;
        }
        for &mode in HANDOUTS {
            // The HTML and the slides PDF do not depend on the handout: built once, with `notes`.
            let formats = if mode == "notes" {
                "html,pdf,handout"
            } else {
                "handout"
            };
            for (name, bytes) in build(deck, mode, formats) {
                let name = match name.as_str() {
                    "handout.pdf" => format!("handout-{mode}.pdf"),
                    _ => name,
                };
                if name.ends_with(".pdf") {
                    actual_decoded.insert(format!("{label}/{name}"), sha256(&decoded(&bytes)));
                }
                actual.insert(format!("{label}/{name}"), sha256(&bytes));
            }
        }
    }
    assert!(!actual.is_empty(), "no deck was built");
    let differ: Vec<String> = [(EXPECTED, actual), (EXPECTED_DECODED, actual_decoded)]
        .into_iter()
        .flat_map(|(path, actual)| compare(path, actual))
        .collect();
    assert!(differ.is_empty(), "outputs differ:\n{}", differ.join("\n"));
}

/// The labels whose digest differs from the one recorded in `path` (or, with `UPDATE_EXPECT`
/// set, none, after writing `actual` there).
fn compare(path: &str, actual: BTreeMap<String, String>) -> Vec<String> {
    let expected = read_expected(path);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        // Keep the digests of decks absent here, so that a machine without the seed outline does
        // not drop them.
        let mut all = expected;
        all.extend(actual);
        let text: String = all
            .iter()
            .map(|(label, digest)| format!("{digest}  {label}\n"))
            .collect();
        std::fs::write(path, text).expect("write the digests");
        return Vec::new();
    }
    actual
        .iter()
        .filter_map(|(label, digest)| match expected.get(label) {
            Some(want) if want == digest => None,
            Some(want) => Some(format!("{path}: {label}: {digest}, recorded {want}")),
            None => Some(format!("{path}: {label}: no recorded digest")),
        })
        .collect()
}

/// Builds in one process share a font book and its shaping cache (`build::font_book`): the same
/// book serves a second deck, and a deck built after another, with a cache warm from it, gives the
/// bytes a fresh process gives.
#[test]
fn a_shared_font_book_changes_no_byte() {
    use crate::support::Deck;
    use diapo::build::{self, BuildOptions, Format};
    use std::sync::Arc;

    let text = "---\ntitle: Un livre partagé\ndate: 2026-11-20\n---\n\n# Pourquoi changer\n\n\
                - Des équipes pluridisciplinaires, des livraisons fréquentes\n\
                - Affiner, kerner : « AVATAR », Wavy, fluffy\n\n# Fin\n\nMerci de votre attention.\n";
    let deck = Deck::markdown(text);
    // Warm the cache with other words, in other sizes, first.
    let warm = Deck::fixture_path("decks/sensibilisation").prepare();
    let opts = BuildOptions::default();
    let prepared = build::prepare(deck.path(), &opts).expect("prepare");
    assert!(
        Arc::ptr_eq(&warm.fonts, &prepared.fonts),
        "two decks without brand fonts use one font book"
    );
    if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        // The in-process build would take the date from the variable, the CLI's below too, but
        // the comparison is about the cache: skip rather than depend on the environment.
        return;
    }
    let in_process = build::render(&prepared, &opts, &[Format::Html, Format::Pdf])
        .expect("render")
        .outputs;
    let dir = tempfile::tempdir().expect("temp dir");
    diapo()
        .arg("build")
        .arg(deck.path())
        .args(["--quiet", "--format", "html,pdf", "--out"])
        .arg(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .assert()
        .success();
    assert!(!in_process.is_empty());
    for (name, bytes) in in_process {
        let fresh = std::fs::read(dir.path().join(name)).expect("the CLI wrote it");
        assert!(
            fresh == bytes,
            "{name} differs between a fresh process and a warm font book"
        );
    }
}
