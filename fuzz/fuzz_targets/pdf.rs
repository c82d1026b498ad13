//! Model → layout → outputs: any bytes written as a deck file in a temporary folder, prepared as
//! `diapo build` prepares it (parse, theme, images, fit), then laid out and written as the slides
//! PDF, the three handouts and the HTML. Must never panic, overflow the stack or hang.

#![no_main]

use diapo::build::{self, BuildOptions};
use diapo::layout::{handout, slides};
use diapo::render::{html, pdf};
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

fuzz_target!(|data: &[u8]| {
    let path = deck_path();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let Ok(p) = build::prepare(path, &BuildOptions::default()) else {
        return;
    };
    let _ = html::render(
        &p.deck,
        &p.theme,
        &p.fonts,
        &p.images,
        &p.scales,
        &html::HtmlOptions::default(),
    );
    let (pages, _) = slides::slide_pages(&p.deck, &p.theme, &p.fonts, &p.images, &p.scales);
    for mode in [
        handout::HandoutMode::Notes,
        handout::HandoutMode::ThreeUp,
        handout::HandoutMode::Leaflet,
    ] {
        let doc = handout::handout_document(&p.deck, &p.theme, &p.fonts, &pages, mode, 0);
        let _ = pdf::write_pdf(&doc, &p.fonts);
    }
    let doc = slides::slides_document(&p.deck, pages, 0);
    let _ = pdf::write_pdf(&doc, &p.fonts);
});
