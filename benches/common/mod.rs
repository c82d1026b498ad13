//! What the criterion benches share: the decks they run on. The sample deck is
//! `decks/sensibilisation`; the generated decks (10, 100 and 1,000 slides) come from
//! `scripts/gen_deck.py`, the generator `scripts/bench-peers` uses too, so in-process and
//! whole-process numbers are about the same Markdown. They are written once into
//! `target/bench-decks/<n>/` (the generator rewrites nothing that has not changed).

use diapo::build::{self, BuildOptions, Prepared};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Slide counts of the generated decks. `DIAPO_BENCH_SIZES=10,100` runs fewer.
pub fn sizes() -> Vec<usize> {
    match std::env::var("DIAPO_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => vec![10, 100, 1000],
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A deck to bench: its name in the report, its folder, and its slide count once fitted.
pub struct BenchDeck {
    pub name: String,
    pub dir: PathBuf,
    pub prepared: Prepared,
}

impl BenchDeck {
    pub fn slides(&self) -> u64 {
        self.prepared.deck.slides.len() as u64
    }
}

/// The sample deck, then one generated deck per size. A generated deck that cannot be made (no
/// `python3`) is left out with a message: the sample deck still runs.
pub fn decks() -> Vec<BenchDeck> {
    let mut out = vec![load("sample".into(), root().join("decks/sensibilisation"))];
    for n in sizes() {
        match generate(n) {
            Ok(dir) => out.push(load(format!("gen-{n}"), dir)),
            Err(e) => eprintln!("skipping the {n}-slide deck: {e}"),
        }
    }
    out
}

fn load(name: String, dir: PathBuf) -> BenchDeck {
    let prepared = match build::prepare(&dir, &BuildOptions::default()) {
        Ok(p) => p,
        Err(d) => panic!("{} does not build: {d:?}", dir.display()),
    };
    BenchDeck {
        name,
        dir,
        prepared,
    }
}

/// Writes (or keeps) the generated deck of `n` slides and returns its folder.
pub fn generate(n: usize) -> Result<PathBuf, String> {
    let dir = root().join("target/bench-decks").join(n.to_string());
    let status = Command::new("python3")
        .arg(root().join("scripts/gen_deck.py"))
        .args(["--slides", &n.to_string(), "--out"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run python3 scripts/gen_deck.py: {e}"))?;
    if !status.success() {
        return Err(format!("scripts/gen_deck.py failed ({status})"));
    }
    Ok(dir)
}

/// Fewer samples for large decks, so a whole `cargo bench` stays within minutes.
pub fn sample_size(slides: u64) -> usize {
    if slides >= 500 {
        10
    } else if slides >= 50 {
        20
    } else {
        50
    }
}
