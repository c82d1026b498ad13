//! Images far larger than needed. A missing file, a missing alt text or an image on the web are
//! found by the parser, an unreadable file when images are loaded; this rule needs the loaded
//! image and the place the slide gives it.
//!
//! An image needs at most the pixels of the box it is drawn in on a full-HD projector (1920 pixels
//! across for the 1280 of the slide: × 1.5). One more than twice that, across or down, is
//! flagged: it weighs down the deck folder and every build for nothing (the HTML and the PDFs
//! get it downscaled anyway).

use super::Input;
use crate::assets::megabytes;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Body, Layout};
use crate::theme::{IMAGE_MAX_HEIGHT, PHOTO_SIZE};
use std::collections::BTreeSet;

/// Projector pixels per slide pixel: a full-HD screen shows the 1280-pixel slide 1920 across.
pub const DENSITY: f32 = 1.5;
/// How many times larger than needed an image may be before it is flagged.
pub const SLACK: f32 = 2.0;

pub fn check(input: &Input<'_>, findings: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for slide in &input.deck.slides {
        let photo = match &slide.body {
            Body::Testimony { photo, .. } => photo.as_ref().map(|p| p.src.as_str()),
            _ => None,
        };
        let column = crate::layout::slides::column_width(input.theme, &slide.body);
        for image in crate::deck::images_of(&slide.body) {
            let Some(loaded) = input.images.get(&image.src) else {
                continue;
            };
            // A drawing has no pixels to waste.
            if !seen.insert(image.src.as_str()) || loaded.vector.is_some() {
                continue;
            }
            let (w, h) = (loaded.source_width as f32, loaded.source_height as f32);
            let (box_w, box_h) =
                if Some(image.src.as_str()) == photo || slide.layout == Layout::Testimony {
                    (PHOTO_SIZE, PHOTO_SIZE)
                } else {
                    (column, IMAGE_MAX_HEIGHT)
                };
            let shown = (box_w / w).min(box_h / h).min(1.0);
            let (need_w, need_h) = ((w * shown * DENSITY).round(), (h * shown * DENSITY).round());
            if w <= SLACK * need_w && h <= SLACK * need_h {
                continue;
            }
            findings.push(
                Diagnostic::warning(format!(
                    "this image is {}×{} pixels ({}), shown at about {}×{} on the slide: {need_w}×{need_h} are enough, even on a full-HD projector",
                    loaded.source_width,
                    loaded.source_height,
                    megabytes(loaded.source_bytes),
                    (w * shown).round(),
                    (h * shown).round(),
                ))
                .rule(crate::rules::Rule::OversizedImage)
                .at(crate::deck::image_location(input.src, image))
                .with_hint(format!(
                    "resize it to {need_w}×{need_h} pixels: the deck folder and every build get lighter"
                )),
            );
        }
    }
}
