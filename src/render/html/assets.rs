//! What the HTML inlines: images as data URIs, and the fonts subset to the characters the deck
//! uses, as `@font-face` data URIs. Nothing is ever fetched: the file works offline.
//!
//! Each image file is inlined once, in the stylesheet, as the background of a class
//! (`.diapo-img-3`) that every use of it names: one photo on a hundred slides is one copy in the
//! file, not a hundred. An `<img>` cannot share its data that way; a box with `role="img"` and
//! the alt text as its label says the same to screen readers, and animated GIFs still play.

use super::font_subset::subset;
use crate::assets::ImageStore;
use crate::layout::fonts::{Family, FontBook};
use base64::Engine;
use std::collections::BTreeSet;
use std::fmt::Write;

pub struct Assets<'a> {
    pub images: &'a ImageStore,
    /// The files used so far, by their index in the store: each gets its class once.
    pub used: BTreeSet<usize>,
}

/// How an image is shown in the HTML.
pub enum Shown {
    /// A data address written in the deck itself: an `<img>` with it.
    Inline(String),
    /// A file of the deck: the class holding it.
    Class(String),
    /// Nothing to show (missing, or on the web and never fetched): a placeholder.
    Missing,
}

impl<'a> Assets<'a> {
    pub fn new(images: &'a ImageStore) -> Self {
        Assets {
            images,
            used: BTreeSet::new(),
        }
    }

    pub fn image(&mut self, src: &str) -> Shown {
        if src.starts_with("data:image/") {
            return Shown::Inline(src.to_string());
        }
        if crate::deck::is_remote(src) {
            // Remote images are not fetched (the file must work offline).
            return Shown::Missing;
        }
        match self.images.index_of(src) {
            Some(index) => {
                self.used.insert(index);
                Shown::Class(format!("diapo-img-{index}"))
            }
            None => Shown::Missing,
        }
    }

    /// The size in pixels of an image the deck shows, when it was read.
    pub fn size(&self, src: &str) -> Option<(f32, f32)> {
        self.images
            .get(src)
            .map(|i| (i.width.max(1) as f32, i.height.max(1) as f32))
    }

    /// The stylesheet of the images used: each file's data once, with its aspect ratio and the
    /// width it is shown at (its own, at most the column and what the tallest image allows).
    pub fn image_css(&self) -> String {
        let mut css = String::from(IMAGE_CSS);
        for (index, img) in self.images.files() {
            if !self.used.contains(&index) {
                continue;
            }
            let (w, h) = (img.width.max(1), img.height.max(1));
            let _ = write!(css, ".diapo-img-{index}{{background-image:url(\"");
            push_data_uri(&mut css, img.mime, &img.encoded);
            let _ = writeln!(
                css,
                "\");aspect-ratio:{w}/{h};width:min(100%,{w}px,calc({max}px*{w}/{h}))}}",
                max = crate::theme::IMAGE_MAX_HEIGHT,
            );
        }
        css
    }
}

/// What every image box and placeholder shares. Backgrounds are printed (browsers leave them out
/// by default). A placeholder has the 16:9 box an unknown image is given in the PDF too.
const IMAGE_CSS: &str = ".diapo-img{display:block;margin:0 auto;max-width:100%;background:no-repeat center/contain;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n\
.diapo-img-missing{box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;align-items:center;gap:.3em;margin:0 auto;width:min(100%,calc(420px*16/9));aspect-ratio:16/9;border:3px dashed var(--diapo-muted);background:var(--diapo-surface);color:var(--diapo-text);padding:.6em;text-align:center;overflow:hidden;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n\
.diapo-img-missing .placeholder-src{font-family:var(--diapo-font-mono);font-size:var(--diapo-size-small);color:var(--diapo-muted);overflow-wrap:anywhere}\n\
.diapo-img-missing .placeholder-note{font-size:.7em;color:var(--diapo-muted)}\n";

pub fn data_uri(mime: &str, bytes: &[u8]) -> String {
    let mut uri = String::new();
    push_data_uri(&mut uri, mime, bytes);
    uri
}

/// [`data_uri`] written at the end of `out`: a rule holding a font or an image is built in one
/// string, not formatted again around a copy of its data (tens of kilobytes for each face).
fn push_data_uri(out: &mut String, mime: &str, bytes: &[u8]) {
    out.push_str("data:");
    out.push_str(mime);
    out.push_str(";base64,");
    // `encode` sizes its buffer once and encodes in one pass; `encode_string` goes by chunks.
    out.push_str(&base64::engine::general_purpose::STANDARD.encode(bytes));
}

/// `@font-face` rules for the faces of `families`, each subset to `chars`.
pub fn font_faces(book: &FontBook, families: &[Family], chars: &BTreeSet<char>) -> String {
    let mut css = String::new();
    for (family, weight, italic, data) in book.slots() {
        if !families.contains(&family) {
            continue;
        }
        if let Some(bytes) = subset(data, chars) {
            let _ = write!(
                css,
                "@font-face{{font-family:\"{}\";font-weight:{};font-style:{};font-display:block;src:url(",
                family.css_name(),
                weight.value(),
                if italic { "italic" } else { "normal" },
            );
            push_data_uri(&mut css, "font/ttf", &bytes);
            css.push_str(") format(\"truetype\");}\n");
        }
    }
    css
}

/// The emoji face, subset to the deck's emoji, when the deck has any the text faces lack: the
/// font stacks name it after the text face (`theme::css_variables`), so browsers use it for
/// those characters only.
pub fn emoji_face(book: &FontBook, chars: &BTreeSet<char>) -> String {
    let Some((emoji, data)) = book.emoji() else {
        return String::new();
    };
    let text_face = book.select(Family::Sans, crate::layout::fonts::Weight::Regular, false);
    let used: BTreeSet<char> = chars
        .iter()
        .copied()
        .filter(|&c| !c.is_ascii() && book.has_char(emoji, c) && !book.has_char(text_face, c))
        .collect();
    if used.is_empty() {
        return String::new();
    }
    // Emoji sequences (skin tones, ZWJ families, keycaps) need their joiners and selectors.
    let mut with_joiners = used;
    with_joiners.extend(['\u{200d}', '\u{fe0f}', '\u{20e3}']);
    let Some(bytes) = subset(data, &with_joiners) else {
        return String::new();
    };
    let mut css = format!(
        "@font-face{{font-family:\"{}\";font-display:block;src:url(",
        crate::layout::fonts::EMOJI_CSS_NAME
    );
    push_data_uri(&mut css, "font/ttf", &bytes);
    css.push_str(") format(\"truetype\");}\n");
    css
}
