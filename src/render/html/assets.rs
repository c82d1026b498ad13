//! What the HTML inlines: images as data URIs, and the fonts subset to the characters the deck
//! uses, as `@font-face` data URIs. Nothing is ever fetched: the file works offline.

use crate::assets::ImageStore;
use crate::layout::fonts::{Family, FontBook};
use base64::Engine;
use std::collections::BTreeSet;

pub struct Assets<'a> {
    pub images: &'a ImageStore,
}

impl Assets<'_> {
    pub fn image_uri(&self, src: &str) -> Option<String> {
        if src.starts_with("data:image/") {
            return Some(src.to_string());
        }
        if crate::deck::is_remote(src) {
            // Remote images are not fetched (the file must work offline): keep the link only.
            return None;
        }
        let img = self.images.get(src)?;
        Some(data_uri(img.mime, &img.encoded))
    }
}

pub fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// `@font-face` rules for the faces of `families`, each subset to `chars`.
pub fn font_faces(book: &FontBook, families: &[Family], chars: &BTreeSet<char>) -> String {
    let mut css = String::new();
    for (family, weight, italic, data) in book.slots() {
        if !families.contains(&family) {
            continue;
        }
        if let Some(bytes) = subset(data, chars) {
            css.push_str(&format!(
                "@font-face{{font-family:\"{}\";font-weight:{};font-style:{};font-display:block;src:url({}) format(\"truetype\");}}\n",
                family.css_name(),
                weight.value(),
                if italic { "italic" } else { "normal" },
                data_uri("font/ttf", &bytes)
            ));
        }
    }
    css
}

/// A TrueType subset that keeps a Unicode cmap, so browsers can use it (the PDF's subsets drop
/// it, which is why the two outputs subset differently).
fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let parsed = ttf_parser::Face::parse(data, 0).ok()?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::new();
    glyphs.insert(0);
    for &c in chars {
        if let Some(g) = parsed.glyph_index(c) {
            glyphs.insert(g.0);
        }
    }
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let scope = allsorts::binary::read::ReadScope::new(data);
    let file = scope.read::<allsorts::font_data::FontData<'_>>().ok()?;
    let provider = file.table_provider(0).ok()?;
    allsorts::subset::subset(
        &provider,
        &glyphs,
        &allsorts::subset::SubsetProfile::Minimal,
        allsorts::subset::CmapTarget::Unicode,
    )
    .ok()
}
