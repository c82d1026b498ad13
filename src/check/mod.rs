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

pub use report::Report;
pub use timing::{Pace, Timing};

/// The rule families, in the order the checklist shows them, with what a clean family means.
pub const FAMILIES: &[(&str, &str)] = &[
    ("timing", "Timing"),
    ("readability", "Readability"),
    ("images", "Images"),
    ("links", "Links"),
    ("theme", "Theme"),
    ("syntax", "Syntax"),
    ("deck", "Deck"),
];

/// Every rule, with its severity and what it checks: the README's table, and the names
/// `Diagnostic::rule` may take.
pub const RULES: &[(&str, &str, &str)] = &[
    (
        "theme/slide-contrast",
        "warning",
        "text drawn on a slide in a colour too close to the colour under it (WCAG AA)",
    ),
    (
        "syntax/dialect",
        "note",
        "the tool the deck was written for, and how many of its constructs were mapped or left out",
    ),
    (
        "syntax/foreign",
        "warning",
        "another tool's syntax diapo cannot show the same way: left out, never shown as markup",
    ),
    (
        "syntax/foreign-ignored",
        "note",
        "another tool's setting with no effect on what the audience sees: left out",
    ),
    (
        "syntax/foreign-key",
        "note",
        "a front matter key or directive of another tool that has no meaning in diapo",
    ),
    (
        "syntax/foreign-theme",
        "note",
        "another tool's theme: the deck uses diapo's default theme",
    ),
    (
        "syntax/unknown-key",
        "warning",
        "a front matter key no tool knows (a typo?): left out",
    ),
    (
        "syntax/front-matter",
        "warning",
        "a front matter value diapo cannot read: the default is kept",
    ),
    (
        "syntax/before-front-matter",
        "warning",
        "text above the front matter, read as the deck's first content",
    ),
    (
        "syntax/unknown-directive",
        "warning",
        "a directive diapo does not know, or a value it does not take: left out",
    ),
    (
        "syntax/unknown-layout",
        "warning",
        "a layout name diapo does not know: a content slide",
    ),
    (
        "syntax/unknown-theme",
        "warning",
        "a theme diapo does not have: the default theme",
    ),
    (
        "syntax/empty-heading",
        "warning",
        "a heading with no text, left out",
    ),
    (
        "syntax/blank-slide",
        "warning",
        "a slide with nothing to show, left out",
    ),
    (
        "syntax/html",
        "warning",
        "raw HTML that diapo removes: scripts, event handlers, embeds, another tool's components",
    ),
    ("syntax/math", "note", "math, shown as its TeX source"),
    (
        "syntax/markup-shown",
        "warning",
        "markup that reaches the audience as text (`:::`, `{{<`, `<div>`, YAML lines, `Note:`)",
    ),
    (
        "timing/over-budget",
        "warning",
        "the estimated speaking time is longer than the front matter's `duration`",
    ),
    (
        "readability/too-many-bullets",
        "warning",
        "more than 6 bullets on a slide (in a column)",
    ),
    (
        "readability/too-many-words",
        "warning",
        "more than 40 words on a slide, title and notes aside",
    ),
    (
        "readability/long-line",
        "warning",
        "a bullet or paragraph that wraps to more than 2 lines",
    ),
    (
        "readability/overflow",
        "warning",
        "a slide that does not fit even shrunk to the theme's smallest readable size",
    ),
    (
        "readability/shrunk",
        "warning",
        "a slide the PDF had to shrink below the theme's smallest readable size",
    ),
    (
        "readability/missing-glyph",
        "warning",
        "a character no font of the deck has (it would show as an empty box)",
    ),
    (
        "readability/crowded-section",
        "warning",
        "a slide asked to be a section divider that holds more than a title and a lead line: a content slide",
    ),
    ("images/missing-file", "error", "an image that is not there"),
    (
        "images/unreadable",
        "error",
        "an image that is not a readable PNG, JPEG, GIF, WebP, BMP or SVG file",
    ),
    (
        "images/outside-deck",
        "error",
        "an image outside the deck's folder (see --allow-outside)",
    ),
    (
        "images/too-heavy",
        "error",
        "images that take more than 512 MB once loaded",
    ),
    (
        "images/missing-alt",
        "warning",
        "an image with no alt text (and not marked decorative)",
    ),
    (
        "images/remote",
        "warning",
        "an image on the web: never downloaded, the deck works offline",
    ),
    (
        "images/oversized",
        "warning",
        "an image more than twice as large as a full-HD projector needs",
    ),
    (
        "images/dangerous",
        "warning",
        "an image whose address could run code, left out",
    ),
    (
        "links/broken-internal",
        "warning",
        "a link to a slide (`#anchor`, `#/N`) that leads nowhere",
    ),
    (
        "links/duplicate-anchor",
        "warning",
        "the same `{#anchor}` written on two slides",
    ),
    (
        "links/dangerous",
        "warning",
        "a link whose address could run code, removed",
    ),
    (
        "links/external",
        "note",
        "a link to the web: the audience may be offline",
    ),
    (
        "theme/contrast",
        "error",
        "colours below the WCAG AA contrast (a warning with --force)",
    ),
];

/// What the rules need: the fitted deck and what it is drawn with.
pub struct Input<'a> {
    pub deck: &'a Deck,
    pub src: &'a SourceFile,
    pub theme: &'a Theme,
    pub fonts: &'a FontBook,
    pub images: &'a ImageStore,
    pub scales: &'a [f32],
}

/// `diapo check`: the deck prepared as far as it goes, laid out as PDF pages (for text the layout
/// had to shrink), and every finding in a report. `Err` when there is no deck to check.
pub fn run(
    deck: &std::path::Path,
    opts: &crate::build::BuildOptions,
) -> Result<Report, Diagnostics> {
    let prepared = crate::build::prepare_all(deck, opts)?;
    let (_, _, layout_warnings) = crate::build::slide_pages(&prepared);
    Ok(Report::new(&prepared, layout_warnings, opts.strict))
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

/// The family of a rule name (`images/missing-alt` → `images`); plain syntax problems are the
/// deck's.
pub fn family(rule: Option<&str>) -> &str {
    rule.and_then(|r| r.split('/').next()).unwrap_or("deck")
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

    #[test]
    fn every_rule_has_a_family() {
        for (rule, severity, _) in super::RULES {
            let family = super::family(Some(rule));
            assert!(super::FAMILIES.iter().any(|(f, _)| *f == family), "{rule}");
            assert!(["error", "warning", "note"].contains(severity), "{rule}");
        }
    }
}
