//! Markdown → model: any bytes, read as a deck file is read (UTF-8 check, BOM), its variables
//! expanded (with no brand, as `diapo::deck::load` does, and with a brand setting every field and
//! a free variable), then parsed with and without `--allow-html`. Must never panic, overflow the
//! stack or hang, whatever the input.

#![no_main]

use diapo::deck::vars::{self, BrandVariables, Variables};
use diapo::deck::{self, ParseOptions};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

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

fuzz_target!(|data: &[u8]| {
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
                // Printing a diagnostic is part of the path a trainer takes.
                for d in diags.iter() {
                    let _ = d.to_string();
                }
            }
        }
    }
});
