//! What the fuzz targets (`fuzz/fuzz_targets/`) run on one input, kept here so that
//! `tests/suite/hostile.rs` replays the inputs they found through the very same code. Not part of
//! diapo's interface.

use crate::build::{self, BuildOptions};
use crate::deck::vars::{self, BrandVariables, Variables};
use crate::deck::{self, ParseOptions};
use crate::diagnostic::{Diagnostic, SourceFile};
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
    let ctx = p.render_ctx(0);
    let (pages, wraps) = slides::slide_pages(&ctx);
    let _ = html::render(&ctx, &wraps, &html::HtmlOptions::default());
    for mode in [
        handout::HandoutMode::Notes,
        handout::HandoutMode::ThreeUp,
        handout::HandoutMode::Leaflet,
    ] {
        let doc = handout::handout_document(&ctx, &pages, mode);
        let _ = pdf::write_pdf(&doc, &p.fonts);
    }
    let doc = slides::slides_document(&ctx, pages);
    let _ = pdf::write_pdf(&doc, &p.fonts);
}

/// Template variables: `data` cut at its first NUL byte, the deck text before it, the values of
/// the brand's fields after it (cut at each 0x01 byte, in [`vars::BRAND_FIELDS`] order, then a
/// free variable `vars.x`). The deck is expanded and every diagnostic printed; every place of
/// the expanded text is mapped back to the file as written and printed as a diagnostic would be.
pub fn variables(data: &[u8]) {
    let text_end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(text) = std::str::from_utf8(&data[..text_end]) else {
        return;
    };
    let values: Vec<String> = data
        .get(text_end + 1..)
        .unwrap_or_default()
        .split(|&b| b == 1)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect();
    let fields = vars::BRAND_FIELDS
        .iter()
        .zip(&values)
        .map(|(f, v)| (*f, v.clone()))
        .collect();
    let mut free = serde_json::Map::new();
    if let Some(v) = values.get(vars::BRAND_FIELDS.len()) {
        free.insert("x".into(), serde_json::Value::String(v.clone()));
    }
    let variables = Variables {
        brand: Some(BrandVariables {
            id: "direction".into(),
            file: PathBuf::from("themes/brands/direction.toml"),
            fields,
            vars: free,
        }),
    };
    let src = SourceFile::new("deck.md", text.to_string());
    match vars::expand(src, &variables) {
        Ok(src) => {
            let mut bounds: Vec<usize> = src.text.char_indices().map(|(i, _)| i).collect();
            bounds.push(src.text.len());
            // Every place, up to a bound that keeps one input quick.
            for pair in bounds.windows(2).take(4096) {
                let _ = Diagnostic::error("x")
                    .at(src.location(pair[0], pair[1]))
                    .to_string();
            }
        }
        Err(d) => {
            let _ = d.to_string();
        }
    }
}

/// Front matter: `data` as the YAML between the `---` lines of a deck that is otherwise plain.
/// The places of its keys are looked up as the build looks them up (`brand:` before the rest is
/// read), then the deck is parsed and every diagnostic printed.
pub fn front_matter(data: &[u8]) {
    let Ok(yaml) = std::str::from_utf8(data) else {
        return;
    };
    let text = format!("---\n{yaml}\n---\n\n# Titre\n\n### Diapositive\n\nTexte.\n");
    let src = SourceFile::new("deck.md", text);
    for key in [
        "title", "brand", "theme", "contact", "duration", "date", "lang",
    ] {
        if let Some(at) = deck::frontmatter::value_location_of(&src, key) {
            let _ = Diagnostic::error("x").at(at).to_string();
        }
    }
    let _ = vars::declared_brand(&src);
    if let Err(diags) = deck::parse_source(&src, &ParseOptions::default()) {
        for d in diags.iter() {
            let _ = d.to_string();
        }
    }
}
