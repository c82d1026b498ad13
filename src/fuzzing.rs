//! What the fuzz targets (`fuzz/fuzz_targets/`) run on one input, kept here so that
//! `tests/suite/hostile.rs` replays the inputs they found through the very same code. Not part of
//! diapo's interface.

use crate::build::{self, BuildOptions};
use crate::deck::vars::{self, BrandVariables, Variables};
use crate::deck::{self, ParseOptions};
use crate::layout::{handout, slides};
use crate::render::{html, pdf};
use std::path::{Path, PathBuf};

/// A brand setting every field (with characters HTML and Markdown care about) and a free variable.
fn brand() -> Variables {
    let fields = vars::BRAND_FIELDS
        .iter()
        .map(|f| (*f, format!("<{f}> & *{f}*")))
        .collect();
    let mut free = serde_json::Map::new();
    free.insert("lieu".into(), serde_json::Value::String("Paris".into()));
    Variables {
        brand: Some(BrandVariables {
            id: "direction".into(),
            file: PathBuf::from("themes/brands/direction.toml"),
            fields,
            vars: free,
        }),
    }
}

/// Markdown → model: `data` read as a deck file is read (UTF-8 check, BOM), its variables
/// expanded with no brand and with [`brand`], then parsed with and without `--allow-html`; every
/// diagnostic is printed to a string, as a trainer would see it.
pub fn parse(data: &[u8]) {
    let Ok(src) = deck::source_from_bytes(Path::new("deck.md"), data.to_vec()) else {
        return;
    };
    for variables in [Variables::default(), brand()] {
        let src = match vars::expand(src.clone(), &variables) {
            Ok(src) => src,
            Err(d) => {
                let _ = d.to_string();
                continue;
            }
        };
        for allow_html in [false, true] {
            let opts = ParseOptions {
                allow_html,
                ..ParseOptions::default()
            };
            if let Err(diags) = deck::parse_source(&src, &opts) {
                for d in diags.iter() {
                    let _ = d.to_string();
                }
            }
        }
    }
}

/// Model → layout → outputs: `data` written as the deck file `path`, prepared as `diapo build`
/// prepares it, then rendered as the HTML, the three handouts and the slides PDF.
pub fn pipeline(path: &Path, data: &[u8]) {
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
}
