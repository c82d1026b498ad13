//! Every rule a finding can carry, with its family, its default severity and what it finds: the
//! one list the stages name their findings by (`Diagnostic::rule`), `diapo check` groups them by,
//! and the README's table of rules is checked against (`tests/suite/check.rs`).
//!
//! A leaf module: the parser, the theme, the layout and the linter all report under these rules,
//! and none of them has to depend on another for it.

use crate::diagnostic::Severity;

/// The rule families, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Timing,
    Readability,
    Images,
    Links,
    Theme,
    Syntax,
    /// Problems with no rule: the deck could not be read as written.
    Deck,
}

impl Family {
    pub const ALL: [Family; 7] = [
        Family::Timing,
        Family::Readability,
        Family::Images,
        Family::Links,
        Family::Theme,
        Family::Syntax,
        Family::Deck,
    ];

    /// The family's name, the first part of its rules' names (`images`).
    pub fn name(self) -> &'static str {
        match self {
            Family::Timing => "timing",
            Family::Readability => "readability",
            Family::Images => "images",
            Family::Links => "links",
            Family::Theme => "theme",
            Family::Syntax => "syntax",
            Family::Deck => "deck",
        }
    }

    /// The family's heading in the checklist.
    pub fn heading(self) -> &'static str {
        match self {
            Family::Timing => "Timing",
            Family::Readability => "Readability",
            Family::Images => "Images",
            Family::Links => "Links",
            Family::Theme => "Theme",
            Family::Syntax => "Syntax",
            Family::Deck => "Deck",
        }
    }

    /// The family of a finding: its rule's, or the deck's when it has none.
    pub fn of(rule: Option<Rule>) -> Family {
        rule.map_or(Family::Deck, Rule::family)
    }
}

/// A rule of the checklist. The order is the README's table's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `timing/over-budget`
    OverBudget,
    /// `readability/too-many-bullets`
    TooManyBullets,
    /// `readability/too-many-words`
    TooManyWords,
    /// `readability/long-line`
    LongLine,
    /// `readability/overflow`
    Overflow,
    /// `readability/crowded-section`
    CrowdedSection,
    /// `readability/shrunk`
    Shrunk,
    /// `readability/missing-glyph`
    MissingGlyph,
    /// `images/missing-file`
    MissingImage,
    /// `images/unreadable`
    UnreadableImage,
    /// `images/outside-deck`
    ImageOutsideDeck,
    /// `images/too-heavy`
    ImagesTooHeavy,
    /// `images/missing-alt`
    MissingAlt,
    /// `images/remote`
    RemoteImage,
    /// `images/oversized`
    OversizedImage,
    /// `images/dangerous`
    DangerousImage,
    /// `links/broken-internal`
    BrokenInternalLink,
    /// `links/duplicate-anchor`
    DuplicateAnchor,
    /// `links/dangerous`
    DangerousLink,
    /// `links/external`
    ExternalLink,
    /// `theme/slide-contrast`
    SlideContrast,
    /// `theme/contrast`
    ThemeContrast,
    /// `syntax/dialect`
    Dialect,
    /// `syntax/foreign`
    Foreign,
    /// `syntax/foreign-ignored`
    ForeignIgnored,
    /// `syntax/foreign-key`
    ForeignKey,
    /// `syntax/foreign-theme`
    ForeignTheme,
    /// `syntax/unknown-key`
    UnknownKey,
    /// `syntax/front-matter`
    FrontMatter,
    /// `syntax/before-front-matter`
    BeforeFrontMatter,
    /// `syntax/unknown-directive`
    UnknownDirective,
    /// `syntax/unknown-layout`
    UnknownLayout,
    /// `syntax/unknown-theme`
    UnknownTheme,
    /// `syntax/empty-heading`
    EmptyHeading,
    /// `syntax/blank-slide`
    BlankSlide,
    /// `syntax/html`
    Html,
    /// `syntax/math`
    Math,
    /// `syntax/markup-shown`
    MarkupShown,
}

impl Rule {
    pub const ALL: [Rule; 38] = [
        Rule::OverBudget,
        Rule::TooManyBullets,
        Rule::TooManyWords,
        Rule::LongLine,
        Rule::Overflow,
        Rule::CrowdedSection,
        Rule::Shrunk,
        Rule::MissingGlyph,
        Rule::MissingImage,
        Rule::UnreadableImage,
        Rule::ImageOutsideDeck,
        Rule::ImagesTooHeavy,
        Rule::MissingAlt,
        Rule::RemoteImage,
        Rule::OversizedImage,
        Rule::DangerousImage,
        Rule::BrokenInternalLink,
        Rule::DuplicateAnchor,
        Rule::DangerousLink,
        Rule::ExternalLink,
        Rule::SlideContrast,
        Rule::ThemeContrast,
        Rule::Dialect,
        Rule::Foreign,
        Rule::ForeignIgnored,
        Rule::ForeignKey,
        Rule::ForeignTheme,
        Rule::UnknownKey,
        Rule::FrontMatter,
        Rule::BeforeFrontMatter,
        Rule::UnknownDirective,
        Rule::UnknownLayout,
        Rule::UnknownTheme,
        Rule::EmptyHeading,
        Rule::BlankSlide,
        Rule::Html,
        Rule::Math,
        Rule::MarkupShown,
    ];

    /// The rule's name, `family/what` (`images/missing-alt`), as findings print it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::OverBudget => "timing/over-budget",
            Rule::TooManyBullets => "readability/too-many-bullets",
            Rule::TooManyWords => "readability/too-many-words",
            Rule::LongLine => "readability/long-line",
            Rule::Overflow => "readability/overflow",
            Rule::CrowdedSection => "readability/crowded-section",
            Rule::Shrunk => "readability/shrunk",
            Rule::MissingGlyph => "readability/missing-glyph",
            Rule::MissingImage => "images/missing-file",
            Rule::UnreadableImage => "images/unreadable",
            Rule::ImageOutsideDeck => "images/outside-deck",
            Rule::ImagesTooHeavy => "images/too-heavy",
            Rule::MissingAlt => "images/missing-alt",
            Rule::RemoteImage => "images/remote",
            Rule::OversizedImage => "images/oversized",
            Rule::DangerousImage => "images/dangerous",
            Rule::BrokenInternalLink => "links/broken-internal",
            Rule::DuplicateAnchor => "links/duplicate-anchor",
            Rule::DangerousLink => "links/dangerous",
            Rule::ExternalLink => "links/external",
            Rule::SlideContrast => "theme/slide-contrast",
            Rule::ThemeContrast => "theme/contrast",
            Rule::Dialect => "syntax/dialect",
            Rule::Foreign => "syntax/foreign",
            Rule::ForeignIgnored => "syntax/foreign-ignored",
            Rule::ForeignKey => "syntax/foreign-key",
            Rule::ForeignTheme => "syntax/foreign-theme",
            Rule::UnknownKey => "syntax/unknown-key",
            Rule::FrontMatter => "syntax/front-matter",
            Rule::BeforeFrontMatter => "syntax/before-front-matter",
            Rule::UnknownDirective => "syntax/unknown-directive",
            Rule::UnknownLayout => "syntax/unknown-layout",
            Rule::UnknownTheme => "syntax/unknown-theme",
            Rule::EmptyHeading => "syntax/empty-heading",
            Rule::BlankSlide => "syntax/blank-slide",
            Rule::Html => "syntax/html",
            Rule::Math => "syntax/math",
            Rule::MarkupShown => "syntax/markup-shown",
        }
    }

    /// The rule's family: the first part of its name.
    pub fn family(self) -> Family {
        let prefix = self.name().split('/').next().unwrap_or_default();
        Family::ALL
            .into_iter()
            .find(|f| f.name() == prefix)
            .unwrap_or(Family::Deck)
    }

    /// The severity the rule's findings have unless said otherwise (`--force` makes the theme's
    /// contrast a warning; `--strict` makes warnings errors).
    pub fn severity(self) -> Severity {
        match self {
            Rule::OverBudget
            | Rule::TooManyBullets
            | Rule::TooManyWords
            | Rule::LongLine
            | Rule::Overflow
            | Rule::CrowdedSection
            | Rule::Shrunk
            | Rule::MissingGlyph
            | Rule::MissingAlt
            | Rule::RemoteImage
            | Rule::OversizedImage
            | Rule::DangerousImage
            | Rule::BrokenInternalLink
            | Rule::DuplicateAnchor
            | Rule::DangerousLink
            | Rule::SlideContrast
            | Rule::Foreign
            | Rule::UnknownKey
            | Rule::FrontMatter
            | Rule::BeforeFrontMatter
            | Rule::UnknownDirective
            | Rule::UnknownLayout
            | Rule::UnknownTheme
            | Rule::EmptyHeading
            | Rule::BlankSlide
            | Rule::Html
            | Rule::MarkupShown => Severity::Warning,
            Rule::MissingImage
            | Rule::UnreadableImage
            | Rule::ImageOutsideDeck
            | Rule::ImagesTooHeavy
            | Rule::ThemeContrast => Severity::Error,
            Rule::ExternalLink
            | Rule::Dialect
            | Rule::ForeignIgnored
            | Rule::ForeignKey
            | Rule::ForeignTheme
            | Rule::Math => Severity::Info,
        }
    }

    /// What the rule finds, in one line.
    pub fn description(self) -> &'static str {
        match self {
            Rule::OverBudget => "the estimated speaking time is longer than the front matter's `duration`",
            Rule::TooManyBullets => "more than 6 bullets on a slide (in a column)",
            Rule::TooManyWords => "more than 40 words on a slide, title and notes aside",
            Rule::LongLine => "a bullet or paragraph that wraps to more than 2 lines",
            Rule::Overflow => "a slide that does not fit even shrunk to the theme's smallest readable size",
            Rule::CrowdedSection => "a slide asked to be a section divider that holds more than a title and a lead line: a content slide",
            Rule::Shrunk => "a slide the PDF had to shrink below the theme's smallest readable size",
            Rule::MissingGlyph => "a character no font of the deck has (it would show as an empty box)",
            Rule::MissingImage => "an image that is not there",
            Rule::UnreadableImage => "an image that is not a readable PNG, JPEG, GIF, WebP, BMP or SVG file",
            Rule::ImageOutsideDeck => "an image outside the deck's folder (see --allow-outside)",
            Rule::ImagesTooHeavy => "images that take more than 512 MB once loaded",
            Rule::MissingAlt => "an image with no alt text (and not marked decorative)",
            Rule::RemoteImage => "an image on the web: never downloaded, the deck works offline",
            Rule::OversizedImage => "an image more than twice as large as a full-HD projector needs",
            Rule::DangerousImage => "an image whose address could run code, left out",
            Rule::BrokenInternalLink => "a link to a slide (`#anchor`, `#/N`) that leads nowhere",
            Rule::DuplicateAnchor => "the same `{#anchor}` written on two slides",
            Rule::DangerousLink => "a link whose address could run code, removed",
            Rule::ExternalLink => "a link to the web: the audience may be offline",
            Rule::SlideContrast => "text drawn on a slide in a colour too close to the colour under it (WCAG AA)",
            Rule::ThemeContrast => "colours below the WCAG AA contrast (a warning with --force)",
            Rule::Dialect => "the tool the deck was written for, and how many of its constructs were mapped or left out",
            Rule::Foreign => "another tool's syntax diapo cannot show the same way: left out (a diagram: a placeholder, its source in the notes), never shown as markup",
            Rule::ForeignIgnored => "another tool's setting with no effect on what the audience sees: left out",
            Rule::ForeignKey => "a front matter key or directive of another tool that has no meaning in diapo",
            Rule::ForeignTheme => "another tool's theme: the deck uses diapo's default theme",
            Rule::UnknownKey => "a front matter key no tool knows (a typo?): left out",
            Rule::FrontMatter => "a front matter value diapo cannot read: the default is kept",
            Rule::BeforeFrontMatter => "text above the front matter, read as the deck's first content",
            Rule::UnknownDirective => "a directive diapo does not know, or a value it does not take: left out",
            Rule::UnknownLayout => "a layout name diapo does not know: a content slide",
            Rule::UnknownTheme => "a theme diapo does not have: the default theme",
            Rule::EmptyHeading => "a heading with no text, left out",
            Rule::BlankSlide => "a slide with nothing to show, left out",
            Rule::Html => "raw HTML that diapo removes: scripts, event handlers, embeds, another tool's components",
            Rule::Math => "math, shown as its TeX source",
            Rule::MarkupShown => "markup that reaches the audience as text (`:::`, `{{<`, `<div>`, YAML lines, `Note:`)",
        }
    }

    /// The rule of this name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_family_slash_what_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let (family, what) = rule.name().split_once('/').expect("family/what");
            assert_eq!(family, rule.family().name(), "{rule}");
            assert!(!what.is_empty() && seen.insert(rule.name()), "{rule}");
            assert_eq!(Rule::from_name(rule.name()), Some(rule));
            assert!(!rule.description().is_empty());
        }
        assert_eq!(Rule::from_name("images/nope"), None);
        assert_eq!(Family::of(None), Family::Deck);
        assert_eq!(Family::of(Some(Rule::MissingAlt)), Family::Images);
    }
}
