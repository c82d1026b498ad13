//! Typed view structs handed to the handlebars templates. Strings ending in `_html` were built and
//! escaped by `markup`; every other string is escaped by handlebars.

use serde::Serialize;

#[derive(Serialize)]
pub struct DeckView<'a> {
    pub lang: &'static str,
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub duration_minutes: Option<u32>,
    pub style_css: String,
    pub runtime_js: &'a str,
    pub strings_json: String,
    pub slides: Vec<SlideView>,
    pub total: usize,
    pub deck_label: &'static str,
    pub strings: &'static crate::i18n::Strings,
    /// When the user points at their own reveal.js copy.
    pub reveal_js: Option<RevealView>,
}

#[derive(Serialize)]
pub struct RevealView {
    pub css: String,
    pub js: String,
}

#[derive(Serialize)]
pub struct SlideView {
    pub number: usize,
    pub total: usize,
    pub anchor: String,
    pub layout: &'static str,
    pub classes: String,
    pub paginate: bool,
    pub aria_label: String,
    pub title_html: Option<String>,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub notes_html: Vec<String>,
    pub facilitator_html: Vec<String>,
    pub has_notes: bool,
    /// Auto-fit scale for crowded slides (1 = none).
    pub fit: Option<String>,
    /// CSS pixels the content starts lower because the chrome (a logo, the full bloc-marque)
    /// is taller than the theme's top padding leaves room for.
    pub chrome_extra: Option<String>,
    pub body_html: String,
    /// The bloc-marque, on the slides the theme shows it on.
    pub marque: Option<MarqueView>,
    /// The brand's logo when it stands on its own (not in the bloc-marque).
    pub logo: Option<LogoView>,
    /// `marque`, `logo-top-right`… (`data-chrome`): lets the stylesheet move the header and footer
    /// aside.
    pub chrome_classes: String,
}

/// "RÉPUBLIQUE FRANÇAISE" over the ministry's name (and the motto on the title slide).
#[derive(Serialize)]
pub struct MarqueView {
    /// The block's lines, one `\n` between two (the stylesheet keeps them).
    pub republique: Option<String>,
    pub name: Option<String>,
    pub motto: Option<String>,
    /// The full form, with the Marianne symbol's space (the title slide).
    pub full: bool,
    pub logo: Option<LogoView>,
}

/// The logo is drawn by the stylesheet (one data URI for every slide); this gives it its place
/// and its text alternative.
#[derive(Serialize, Clone)]
pub struct LogoView {
    pub placement: &'static str,
    pub alt: String,
}

/// A slide's own fields for its layout template, which receives those of [`LayoutShared`] too.
#[derive(Serialize)]
pub struct LayoutView {
    pub title_html: Option<String>,
    pub number: usize,
    #[serde(flatten)]
    pub parts: Parts,
}

/// What every slide's layout template receives the same.
#[derive(Serialize)]
pub struct LayoutShared<'a> {
    pub strings: &'a crate::i18n::Strings,
    pub cover: &'a CoverView,
}

#[derive(Serialize)]
pub struct CoverView {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub audience: Option<String>,
    pub duration: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum Parts {
    Blocks {
        blocks_html: String,
    },
    Section {
        blocks_html: String,
        part_number: usize,
    },
    TwoColumn {
        left_html: String,
        right_html: String,
    },
    Testimony {
        quote_html: String,
        name_html: Option<String>,
        role_html: Option<String>,
        photo_html: Option<String>,
    },
    KeyFigure {
        figure: String,
        caption_html: String,
    },
    Comparison {
        left_title_html: String,
        left_html: String,
        right_title_html: String,
        right_html: String,
        /// `neutral`, `pros` or `cons`, and the icon that goes with the tone.
        left_tone: &'static str,
        right_tone: &'static str,
        left_icon: Option<&'static str>,
        right_icon: Option<&'static str>,
    },
    Poll {
        question_html: Option<String>,
        options: Vec<PollOption>,
    },
    Definition {
        /// The slide's title when it is more than "Définition : term"; else the template writes
        /// the word "Définition".
        label: Option<String>,
        term_html: String,
        definition_html: String,
    },
    Closing {
        blocks_html: String,
        contact_html: Option<String>,
        question_html: Option<String>,
    },
    Agenda {
        intro_html: String,
        entries: Vec<AgendaItem>,
    },
}

#[derive(Serialize)]
pub struct PollOption {
    pub letter: String,
    pub text_html: String,
}

#[derive(Serialize)]
pub struct AgendaItem {
    pub number: usize,
    pub text_html: String,
    pub href: Option<String>,
    /// The part's planned length ("10 min"), when the agenda gives one.
    pub minutes: Option<String>,
}
