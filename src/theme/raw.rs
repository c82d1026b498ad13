//! Theme and brand files as written: every field optional, unknown keys refused with `file:line`
//! and a suggestion. Values checked later (colours, numbers) keep their span, so a bad value is
//! reported where it stands. `super::resolve` merges the files of an `extends` chain and turns
//! them into a validated theme; `super::brand` does the same for a brand file.

use crate::diagnostic::{did_you_mean, Diagnostic, SourceFile};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub description: Option<String>,
    /// Another theme this one starts from: its tokens, templates and CSS.
    pub extends: Option<Spanned<String>>,
    /// Light or dark: which of a brand's palettes (`[colors]` or `[colors_dark]`) applies.
    pub scheme: Option<Scheme>,
    pub colors: Option<RawColors>,
    pub fonts: Option<RawFonts>,
    pub sizes: Option<RawSizes>,
    pub spacing: Option<RawSpacing>,
    pub fit: Option<RawFit>,
    pub rule: Option<RawRule>,
    pub logo: Option<RawLogo>,
    pub marque: Option<RawMarque>,
    pub layouts: Option<RawLayouts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Light,
    Dark,
}

pub type Num = Option<Spanned<f32>>;
pub type Colour = Option<Spanned<String>>;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColors {
    pub background: Colour,
    pub text: Colour,
    pub muted: Colour,
    pub primary: Colour,
    pub accent: Colour,
    pub surface: Colour,
    pub on_primary: Colour,
}

impl RawColors {
    /// Every colour token with its key, in a fixed order.
    pub fn entries(&self) -> [(&'static str, &Colour); 7] {
        [
            ("background", &self.background),
            ("text", &self.text),
            ("muted", &self.muted),
            ("primary", &self.primary),
            ("accent", &self.accent),
            ("surface", &self.surface),
            ("on_primary", &self.on_primary),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawFamily {
    Sans,
    Serif,
    Mono,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    pub body: Option<RawFamily>,
    pub heading: Option<RawFamily>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSizes {
    pub body: Num,
    pub small: Num,
    pub title: Num,
    pub cover_title: Num,
    pub section_title: Num,
    pub figure: Num,
    pub marque: Num,
    pub line_height: Num,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpacing {
    pub padding_x: Num,
    pub padding_top: Num,
    pub padding_bottom: Num,
    pub column_gap: Num,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFit {
    pub min_scale: Num,
}

/// The rule along the top edge of every slide.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub height: Num,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    TopLeft,
    TopRight,
    BottomLeft,
    None,
}

/// Which slides show a piece of chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Slides {
    All,
    Title,
    None,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLogo {
    pub placement: Option<Placement>,
    pub slides: Option<Slides>,
    pub height: Num,
    pub cover_height: Num,
}

/// The State's "bloc-marque": RÉPUBLIQUE FRANÇAISE over the ministry's name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarque {
    pub slides: Option<Slides>,
    pub republique: Option<bool>,
    pub motto: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayouts {
    pub title: Option<RawTitleLayout>,
    pub section: Option<RawSectionLayout>,
    pub content: Option<RawContentLayout>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContentLayout {
    /// Where a short content slide's body sits in the room under its title: 0 at the top, 0.5
    /// centred.
    pub balance: Num,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTitleLayout {
    /// Width of the bar along the cover's left edge (0: none).
    pub bar: Num,
}

/// Section dividers' colours: `#rrggbb` or the name of a colour token (`primary`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSectionLayout {
    pub background: Colour,
    pub text: Colour,
    pub rule: Colour,
}

fn or<T>(a: Option<T>, b: Option<T>, f: impl FnOnce(T, T) -> T) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(f(a, b)),
        (a, b) => a.or(b),
    }
}

/// `child` over `parent`, field by field: what the child leaves out it inherits.
pub fn merge(child: RawTheme, parent: RawTheme) -> RawTheme {
    RawTheme {
        description: child.description.or(parent.description),
        extends: child.extends,
        scheme: child.scheme.or(parent.scheme),
        colors: or(child.colors, parent.colors, merge_colors),
        fonts: or(child.fonts, parent.fonts, |a, b| RawFonts {
            body: a.body.or(b.body),
            heading: a.heading.or(b.heading),
        }),
        sizes: or(child.sizes, parent.sizes, |a, b| RawSizes {
            body: a.body.or(b.body),
            small: a.small.or(b.small),
            title: a.title.or(b.title),
            cover_title: a.cover_title.or(b.cover_title),
            section_title: a.section_title.or(b.section_title),
            figure: a.figure.or(b.figure),
            marque: a.marque.or(b.marque),
            line_height: a.line_height.or(b.line_height),
        }),
        spacing: or(child.spacing, parent.spacing, |a, b| RawSpacing {
            padding_x: a.padding_x.or(b.padding_x),
            padding_top: a.padding_top.or(b.padding_top),
            padding_bottom: a.padding_bottom.or(b.padding_bottom),
            column_gap: a.column_gap.or(b.column_gap),
        }),
        fit: or(child.fit, parent.fit, |a, b| RawFit {
            min_scale: a.min_scale.or(b.min_scale),
        }),
        rule: or(child.rule, parent.rule, |a, b| RawRule {
            height: a.height.or(b.height),
        }),
        logo: or(child.logo, parent.logo, |a, b| RawLogo {
            placement: a.placement.or(b.placement),
            slides: a.slides.or(b.slides),
            height: a.height.or(b.height),
            cover_height: a.cover_height.or(b.cover_height),
        }),
        marque: or(child.marque, parent.marque, |a, b| RawMarque {
            slides: a.slides.or(b.slides),
            republique: a.republique.or(b.republique),
            motto: a.motto.or(b.motto),
        }),
        layouts: or(child.layouts, parent.layouts, |a, b| RawLayouts {
            title: or(a.title, b.title, |a, b| RawTitleLayout {
                bar: a.bar.or(b.bar),
            }),
            section: or(a.section, b.section, |a, b| RawSectionLayout {
                background: a.background.or(b.background),
                text: a.text.or(b.text),
                rule: a.rule.or(b.rule),
            }),
            content: or(a.content, b.content, |a, b| RawContentLayout {
                balance: a.balance.or(b.balance),
            }),
        }),
    }
}

pub fn merge_colors(a: RawColors, b: RawColors) -> RawColors {
    RawColors {
        background: a.background.or(b.background),
        text: a.text.or(b.text),
        muted: a.muted.or(b.muted),
        primary: a.primary.or(b.primary),
        accent: a.accent.or(b.accent),
        surface: a.surface.or(b.surface),
        on_primary: a.on_primary.or(b.on_primary),
    }
}

/// Every key a theme file may hold, for "did you mean" on typos.
pub const THEME_KEYS: &[&str] = &[
    "description",
    "extends",
    "scheme",
    "colors",
    "fonts",
    "sizes",
    "spacing",
    "fit",
    "rule",
    "logo",
    "marque",
    "layouts",
    "background",
    "text",
    "muted",
    "primary",
    "accent",
    "surface",
    "on_primary",
    "body",
    "heading",
    "small",
    "title",
    "cover_title",
    "section_title",
    "figure",
    "line_height",
    "padding_x",
    "padding_top",
    "padding_bottom",
    "column_gap",
    "min_scale",
    "height",
    "cover_height",
    "placement",
    "slides",
    "republique",
    "motto",
    "section",
    "bar",
];

/// Reads a TOML file into `T`: syntax errors, unknown keys and wrong types point at the file's
/// line and column, with a suggestion for a misspelt key. `what` names the kind of file.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    src: &SourceFile,
    what: &str,
    keys: &[&str],
) -> Result<T, Diagnostic> {
    toml::from_str(&src.text).map_err(|e| {
        let message = e.message().trim().to_string();
        let mut d = Diagnostic::error(format!("{what}: {message}"));
        d = match e.span() {
            Some(span) => d.at(src.location(span.start, span.end)),
            None => d.at_path(&src.path),
        };
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|s| s.split('`').next())
        {
            d.message = format!("{what}: unknown key `{unknown}`");
            if let Some(s) = did_you_mean(unknown, keys.iter().copied()) {
                d = d.with_hint(format!("did you mean `{s}`?"));
            }
        }
        d
    })
}

pub fn parse(src: &SourceFile) -> Result<RawTheme, Diagnostic> {
    parse_toml(src, "theme", THEME_KEYS)
}
