//! The linter: rules that read a prepared deck (model, fit scales, images, theme) the way a
//! trainer's checklist would — will it hold in the time, can the room read it, are the images and
//! links sound, can everyone read the colours. `diapo build` runs the same rules and prints their
//! warnings; `diapo check` prints everything as a checklist, or JSON.
//!
//! Problems the earlier stages find are the same findings, reported where they are found (one
//! place each): a missing image or alt text by the parser, an overflowing slide by fitting, text
//! shrunk in the PDF by the layout, unreadable colours by the theme. Each carries its rule name
//! (`Diagnostic::rule`); the rules here add what needs the whole fitted deck. One file per rule
//! family: [`timing`], [`readability`] (and [`glyphs`], characters no font has), [`images`],
//! [`links`] (contrast lives with the theme).

pub mod glyphs;
pub mod images;
pub mod links;
pub mod markup;
pub mod readability;
pub mod report;
pub mod slide_contrast;
pub mod timing;

use crate::assets::ImageStore;
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::layout::fonts::FontBook;
use crate::model::Deck;
use crate::theme::Theme;

pub use crate::rules::{Family, Rule};
pub use report::Report;
pub use timing::{Pace, Timing};

/// What the rules need: the fitted deck and what it is drawn with.
pub struct Input<'a> {
    pub deck: &'a Deck,
    pub src: &'a SourceFile,
    pub theme: &'a Theme,
    pub fonts: &'a FontBook,
    pub images: &'a ImageStore,
    pub scales: &'a [f32],
}

/// Runs the rules of this module over a fitted deck: their findings, and the timing estimate.
pub fn lint(input: &Input<'_>, pace: &Pace) -> (Diagnostics, Timing) {
    let mut findings = Diagnostics::default();
    let timing = timing::estimate(input.deck, input.src, pace);
    timing::check(&timing, input.src, &mut findings);
    readability::check(input, &mut findings);
    glyphs::check(input, &mut findings);
    images::check(input, &mut findings);
    links::check(input.deck, &mut findings);
    markup::check(input.deck, input.src, &mut findings);
    (findings, timing)
}

/// Words as a listener hears them: runs of text holding a letter or a digit (a lone `:` or `«`
/// is not a word).
pub fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `slide 7 “Title”`, `slide 8 “Title (suite)”`: how a finding names a slide.
pub fn slide_name(number: usize, slide: &crate::model::Slide) -> String {
    let title = slide.title_text();
    let title = title.trim();
    let continued = if slide.continuation > 0 {
        " (continued)"
    } else {
        ""
    };
    if title.is_empty() {
        format!("slide {number}{continued}")
    } else {
        format!("slide {number} “{title}”{continued}")
    }
}

/// A location at a slide's first line of text (the whole line under the caret).
pub fn slide_location(
    src: &SourceFile,
    slide: &crate::model::Slide,
) -> crate::diagnostic::Location {
    src.line_location(slide.line)
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_are_what_is_heard() {
        assert_eq!(super::words("Le cloud : « simple » !"), 3);
        assert_eq!(super::words("80 % du numérique"), 3);
        assert_eq!(super::words(""), 0);
    }
}
