//! Themes: design tokens (colours, fonts, sizes, spacing, the chrome: top rule, logo, bloc-marque,
//! per-layout options) plus the handlebars layouts and the CSS that render them. One set of tokens
//! drives both outputs: the HTML gets them as CSS custom properties, the PDF layout reads them
//! directly, so the two look the same.
//!
//! A theme is a folder (`theme.toml`, `deck.hbs`, `layouts/*.hbs`, `style.css`). Its files come from
//! the user's folders or the built-ins, one at a time (`files`); `theme.toml` is read into a raw
//! serde mirror that refuses unknown keys (`raw`), merged with the themes it `extends`, and
//! resolved here into a validated [`Theme`]. A [`brand`] (one ministry) is then laid over it:
//! colours, logo, name; [`contrast`] checks the result can be read.

pub mod brand;
mod builtin;
pub mod contrast;
pub mod files;
mod raw;

pub use brand::Brand;
pub use builtin::{RUNTIME_CSS, RUNTIME_JS};
pub use files::{Provenance, ThemeSources};
pub use raw::{Placement, Scheme, Slides};

use crate::color::Rgb;
use crate::diagnostic::{did_you_mean, Diagnostic, Location, SourceFile};
use crate::layout::fonts::Family;
use crate::model::Layout;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use crate::model::DEFAULT_THEME;

/// The tool whose theme a name is, for decks written for another tool (`theme: gaia`).
pub fn foreign_theme(name: &str) -> Option<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    Some(match n.as_str() {
        "default" => "Marp or Slidev",
        "gaia" | "uncover" => "Marp",
        "seriph" | "apple-basic" | "bricks" | "shibainu" | "slidev-theme-seriph" => "Slidev",
        "black" | "white" | "league" | "beige" | "sky" | "night" | "serif" | "simple"
        | "solarized" | "blood" | "moon" | "dracula" | "black-contrast" | "white-contrast" => {
            "reveal.js"
        }
        "dark"
        | "light"
        | "catppuccin-latte"
        | "catppuccin-frappe"
        | "catppuccin-macchiato"
        | "catppuccin-mocha"
        | "tokyonight-storm"
        | "tokyonight-night"
        | "gruvbox-dark"
        | "terminal-dark"
        | "terminal-light" => "presenterm",
        _ if n.starts_with("onyxia") || n.starts_with("quarto") || n.ends_with(".scss") => "Quarto",
        _ => return None,
    })
}

/// The colour tokens, by their keys in `[colors]`.
pub const COLOR_KEYS: [&str; 7] = [
    "background",
    "text",
    "muted",
    "primary",
    "accent",
    "surface",
    "on_primary",
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct Colors {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub primary: Rgb,
    pub accent: Rgb,
    pub surface: Rgb,
    pub on_primary: Rgb,
}

impl Colors {
    pub fn get(&self, key: &str) -> Option<Rgb> {
        Some(match key {
            "background" => self.background,
            "text" => self.text,
            "muted" => self.muted,
            "primary" => self.primary,
            "accent" => self.accent,
            "surface" => self.surface,
            "on_primary" => self.on_primary,
            _ => return None,
        })
    }

    fn set(&mut self, key: &str, value: Rgb) {
        let slot = match key {
            "background" => &mut self.background,
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "primary" => &mut self.primary,
            "accent" => &mut self.accent,
            "surface" => &mut self.surface,
            "on_primary" => &mut self.on_primary,
            _ => return,
        };
        *slot = value;
    }
}

/// Sizes in CSS pixels of the 1280×720 logical slide (the PDF scales them by 0.75 to points).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sizes {
    pub body: f32,
    pub small: f32,
    pub title: f32,
    pub cover_title: f32,
    pub section_title: f32,
    pub figure: f32,
    /// The bloc-marque's text.
    pub marque: f32,
    pub line_height: f32,
}

/// Spacing in CSS pixels: the slide's padding (its content box) and the gap between columns.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Spacing {
    pub padding_x: f32,
    pub padding_top: f32,
    pub padding_bottom: f32,
    pub column_gap: f32,
}

/// What a theme draws around the content: the top rule, the cover's bar, the logo, the
/// bloc-marque. Lengths in CSS pixels.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chrome {
    pub rule_height: f32,
    pub title_bar: f32,
    pub logo_placement: Placement,
    pub logo_slides: Slides,
    pub logo_height: f32,
    pub logo_cover_height: f32,
    pub marque_slides: Slides,
    /// "RÉPUBLIQUE FRANÇAISE" above the ministry's name.
    pub republique: bool,
    /// "Liberté, Égalité, Fraternité" on the title slide.
    pub motto: bool,
    /// Share of the free room under a short content slide's body that goes above it (0: the body
    /// right under the title; 0.5: centred), `[layouts.content] balance`.
    pub content_balance: f32,
}

/// A colour given as a value or as the name of a colour token (which a brand may change).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum ColorRef {
    Token(&'static str),
    Value(Rgb),
}

/// Section dividers: their own background, text and top rule.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SectionStyle {
    pub background: ColorRef,
    pub text: ColorRef,
    pub rule: ColorRef,
}

/// The brand laid over a theme, as the outputs show it.
#[derive(Debug, Clone)]
pub struct BrandMark {
    pub id: String,
    pub name: String,
    pub short: String,
    pub logo: Option<LogoMark>,
}

#[derive(Debug, Clone)]
pub struct LogoMark {
    /// The logo's key in the deck's image store.
    pub key: String,
    pub alt: String,
    /// Pixel size of the image, for its aspect ratio.
    pub width: u32,
    pub height: u32,
}

/// The key the brand's logo is stored under among the deck's images: not a path a deck can use.
pub const LOGO_KEY: &str = "diapo:brand-logo";

/// Text of the bloc-marque and the motto.
pub const REPUBLIQUE: &str = "République française";
pub const MOTTO: &str = "Liberté, Égalité, Fraternité";

#[derive(Debug, Clone, serde::Serialize)]
pub struct Theme {
    pub name: String,
    pub description: String,
    pub scheme: Scheme,
    pub colors: Colors,
    pub body_font: Family,
    pub heading_font: Family,
    pub sizes: Sizes,
    pub spacing: Spacing,
    /// Smallest scale auto-fit may shrink a crowded slide to before it splits it.
    pub min_scale: f32,
    pub chrome: Chrome,
    pub section: SectionStyle,
    #[serde(skip)]
    pub brand: Option<BrandMark>,
    #[serde(skip)]
    pub css: String,
    /// Templates by name (`deck`, and one per layout), and the file each came from.
    #[serde(skip)]
    pub templates: BTreeMap<String, String>,
    #[serde(skip)]
    pub template_paths: BTreeMap<String, PathBuf>,
    /// Where each colour was set (`primary`, `section.background`…), for contrast errors.
    #[serde(skip)]
    pub origins: BTreeMap<String, Location>,
    /// The colour tokens the brand set.
    #[serde(skip)]
    pub branded: Vec<&'static str>,
}

pub const SLIDE_WIDTH: f32 = 1280.0;
pub const SLIDE_HEIGHT: f32 = 720.0;
/// Tallest an image in a slide's text is drawn, in CSS pixels of the slide.
pub const IMAGE_MAX_HEIGHT: f32 = 420.0;
/// Side of the square a testimony's photo is drawn in, in CSS pixels of the slide.
pub const PHOTO_SIZE: f32 = 240.0;

/// Names of the built-in themes, for listings and suggestions.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = builtin::THEME_FILES.iter().map(|t| t.0).collect();
    names.dedup();
    names
}

/// Loads a built-in theme by name.
pub fn load(name: &str) -> Result<Theme, Diagnostic> {
    load_with(&ThemeSources::default(), name)
}

/// Loads a theme from the user's folders and the built-ins, following `extends`.
pub fn load_with(sources: &ThemeSources, name: &str) -> Result<Theme, Diagnostic> {
    // The chain, child first: (name, raw file, source).
    let mut chain: Vec<(String, raw::RawTheme, SourceFile)> = Vec::new();
    let mut current = name.to_string();
    let mut asked_at: Option<Location> = None;
    loop {
        if let Some(pos) = chain.iter().position(|(n, _, _)| *n == current) {
            let names: Vec<&str> = chain[pos..]
                .iter()
                .map(|(n, _, _)| n.as_str())
                .chain([current.as_str()])
                .collect();
            let d = Diagnostic::error(format!(
                "themes extend each other in a loop: {}",
                names.join(" → ")
            ))
            .with_hint(
                "a theme cannot extend itself, directly or through others: remove one `extends`",
            );
            return Err(match asked_at {
                Some(at) => d.at(at),
                None => d,
            });
        }
        let Some(src) = sources.theme_file(&current, "theme.toml")? else {
            let known = sources.themes();
            let d = Diagnostic::error(format!("unknown theme `{current}`"));
            let d = match did_you_mean(&current, known.keys().map(String::as_str)) {
                Some(s) => d.with_hint(format!("did you mean `{s}`?")),
                None => d.with_hint(format!(
                    "themes are {}",
                    known.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            };
            return Err(match asked_at {
                Some(at) => d.at(at),
                None => d,
            });
        };
        let raw = raw::parse(&src)?;
        check_layer(&raw, &src)?;
        let next = raw.extends.as_ref().map(|e| {
            let span = e.span();
            (e.get_ref().clone(), src.location(span.start, span.end))
        });
        chain.push((current.clone(), raw, src));
        match next {
            Some((parent, at)) => {
                current = parent.trim_matches('"').to_string();
                asked_at = Some(at);
            }
            None => break,
        }
    }
    resolve(name, sources, chain)
}

/// Checks what can be checked in one file, where its locations are known: colours and numbers.
fn check_layer(raw: &raw::RawTheme, src: &SourceFile) -> Result<(), Diagnostic> {
    if let Some(c) = &raw.colors {
        for (key, value) in c.entries() {
            if let Some(v) = value {
                parse_colour(v, src, &format!("colors.{key}"))?;
            }
        }
    }
    if let Some(s) = raw.layouts.as_ref().and_then(|l| l.section.as_ref()) {
        for (key, value) in [
            ("background", &s.background),
            ("text", &s.text),
            ("rule", &s.rule),
        ] {
            if let Some(v) = value {
                colour_ref(v, src, &format!("layouts.section.{key}"))?;
            }
        }
    }
    let mut nums: Vec<(&str, &raw::Num, f32, f32)> = Vec::new();
    if let Some(s) = &raw.sizes {
        nums.extend([
            ("sizes.body", &s.body, 8.0, 200.0),
            ("sizes.small", &s.small, 8.0, 200.0),
            ("sizes.title", &s.title, 8.0, 300.0),
            ("sizes.cover_title", &s.cover_title, 8.0, 300.0),
            ("sizes.section_title", &s.section_title, 8.0, 300.0),
            ("sizes.figure", &s.figure, 8.0, 500.0),
            ("sizes.marque", &s.marque, 8.0, 60.0),
            ("sizes.line_height", &s.line_height, 0.8, 3.0),
        ]);
    }
    if let Some(s) = &raw.spacing {
        nums.extend([
            ("spacing.padding_x", &s.padding_x, 0.0, 400.0),
            ("spacing.padding_top", &s.padding_top, 0.0, 300.0),
            ("spacing.padding_bottom", &s.padding_bottom, 0.0, 300.0),
            ("spacing.column_gap", &s.column_gap, 0.0, 300.0),
        ]);
    }
    if let Some(f) = &raw.fit {
        nums.push(("fit.min_scale", &f.min_scale, 0.5, 1.0));
    }
    if let Some(r) = &raw.rule {
        nums.push(("rule.height", &r.height, 0.0, 60.0));
    }
    if let Some(l) = &raw.logo {
        nums.push(("logo.height", &l.height, 8.0, 300.0));
        nums.push(("logo.cover_height", &l.cover_height, 8.0, 400.0));
    }
    if let Some(t) = raw.layouts.as_ref().and_then(|l| l.title.as_ref()) {
        nums.push(("layouts.title.bar", &t.bar, 0.0, 100.0));
    }
    if let Some(c) = raw.layouts.as_ref().and_then(|l| l.content.as_ref()) {
        nums.push(("layouts.content.balance", &c.balance, 0.0, 0.5));
    }
    for (key, value, min, max) in nums {
        if let Some(v) = value {
            let n = *v.get_ref();
            if !(min..=max).contains(&n) {
                let span = v.span();
                return Err(Diagnostic::error(format!(
                    "theme: `{key}` must be between {min} and {max}, not {n}"
                ))
                .at(src.location(span.start, span.end)));
            }
        }
    }
    Ok(())
}

/// A `#rrggbb` value of a theme or brand file; an error at the value otherwise.
pub(crate) fn parse_colour(
    value: &toml::Spanned<String>,
    src: &SourceFile,
    key: &str,
) -> Result<Rgb, Diagnostic> {
    Rgb::parse_hex(value.get_ref()).map_err(|_| {
        let span = value.span();
        Diagnostic::error(format!("`{key}` is not a colour: `{}`", value.get_ref()))
            .at(src.location(span.start, span.end))
            .with_hint("write colours as \"#rrggbb\", e.g. \"#000091\"")
    })
}

fn colour_ref(
    value: &toml::Spanned<String>,
    src: &SourceFile,
    key: &str,
) -> Result<ColorRef, Diagnostic> {
    let text = value.get_ref().trim();
    if let Some(token) = COLOR_KEYS.iter().find(|k| **k == text) {
        return Ok(ColorRef::Token(token));
    }
    Rgb::parse_hex(text).map(ColorRef::Value).map_err(|_| {
        let span = value.span();
        let d = Diagnostic::error(format!("`{key}` is not a colour: `{text}`"))
            .at(src.location(span.start, span.end));
        match did_you_mean(text, COLOR_KEYS) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None => d.with_hint(format!(
                "write \"#rrggbb\" or the name of a colour: {}",
                COLOR_KEYS.join(", ")
            )),
        }
    })
}

/// The base sets every key: a value missing after it is a base file without it.
fn missing_in_base(key: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "theme: the base theme (themes/base.toml) sets no `{key}`"
    ))
}

fn required<T>(value: Option<T>, key: &str) -> Result<T, Diagnostic> {
    value.ok_or_else(|| missing_in_base(key))
}

/// The base theme's file, read and checked like any theme file.
fn base_layer() -> Result<(raw::RawTheme, SourceFile), Diagnostic> {
    let src = SourceFile::new("themes/base.toml", builtin::BASE_THEME.to_string());
    let raw = raw::parse(&src)?;
    check_layer(&raw, &src)?;
    Ok((raw, src))
}

fn resolve(
    name: &str,
    sources: &ThemeSources,
    chain: Vec<(String, raw::RawTheme, SourceFile)>,
) -> Result<Theme, Diagnostic> {
    let names: Vec<String> = chain.iter().map(|(n, _, _)| n.clone()).collect();
    // Every chain starts from the base theme: the defaults are its values, and only its.
    let base = base_layer()?;
    // Where each colour was set: ancestors first, so the child's settings win. A colour left to
    // the base has no place of its own to point at.
    let mut origins = BTreeMap::new();
    let mut section_refs: BTreeMap<&str, ColorRef> = BTreeMap::new();
    let mut merged = raw::RawTheme::default();
    let layers = std::iter::once((true, base)).chain(
        chain
            .into_iter()
            .rev()
            .map(|(_, layer, src)| (false, (layer, src))),
    );
    for (is_base, (layer, src)) in layers {
        if let Some(c) = layer.colors.as_ref().filter(|_| !is_base) {
            for (key, value) in c.entries() {
                if let Some(v) = value {
                    let span = v.span();
                    origins.insert(key.to_string(), src.location(span.start, span.end));
                }
            }
        }
        if let Some(s) = layer.layouts.as_ref().and_then(|l| l.section.as_ref()) {
            for (key, value) in [
                ("background", &s.background),
                ("text", &s.text),
                ("rule", &s.rule),
            ] {
                if let Some(v) = value {
                    if !is_base {
                        let span = v.span();
                        origins
                            .insert(format!("section.{key}"), src.location(span.start, span.end));
                    }
                    section_refs.insert(key, colour_ref(v, &src, key)?);
                }
            }
        }
        merged = raw::merge(layer, merged);
    }
    let raw = merged;
    let missing = missing_in_base;
    let c = raw.colors.unwrap_or_default();
    let colour = |v: &raw::Colour, key: &str| -> Result<Rgb, Diagnostic> {
        v.as_ref()
            .and_then(|v| Rgb::parse_hex(v.get_ref()).ok())
            .ok_or_else(|| missing(&format!("colors.{key}")))
    };
    let colors = Colors {
        background: colour(&c.background, "background")?,
        text: colour(&c.text, "text")?,
        muted: colour(&c.muted, "muted")?,
        primary: colour(&c.primary, "primary")?,
        accent: colour(&c.accent, "accent")?,
        surface: colour(&c.surface, "surface")?,
        on_primary: colour(&c.on_primary, "on_primary")?,
    };
    let num =
        |v: &raw::Num, key: &str| v.as_ref().map(|v| *v.get_ref()).ok_or_else(|| missing(key));
    let family = |f: raw::RawFamily| match f {
        raw::RawFamily::Sans => Family::Sans,
        raw::RawFamily::Serif => Family::Serif,
        raw::RawFamily::Mono => Family::Mono,
    };
    let f = raw.fonts.unwrap_or_default();
    let s = raw.sizes.unwrap_or_default();
    let sizes = Sizes {
        body: num(&s.body, "sizes.body")?,
        small: num(&s.small, "sizes.small")?,
        title: num(&s.title, "sizes.title")?,
        cover_title: num(&s.cover_title, "sizes.cover_title")?,
        section_title: num(&s.section_title, "sizes.section_title")?,
        figure: num(&s.figure, "sizes.figure")?,
        marque: num(&s.marque, "sizes.marque")?,
        line_height: num(&s.line_height, "sizes.line_height")?,
    };
    let sp = raw.spacing.unwrap_or_default();
    let spacing = Spacing {
        padding_x: num(&sp.padding_x, "spacing.padding_x")?,
        padding_top: num(&sp.padding_top, "spacing.padding_top")?,
        padding_bottom: num(&sp.padding_bottom, "spacing.padding_bottom")?,
        column_gap: num(&sp.column_gap, "spacing.column_gap")?,
    };
    let logo = raw.logo.unwrap_or_default();
    let marque = raw.marque.unwrap_or_default();
    let title = raw.layouts.as_ref().and_then(|l| l.title.as_ref());
    let chrome = Chrome {
        rule_height: num(
            &raw.rule.as_ref().and_then(|r| r.height.clone()),
            "rule.height",
        )?,
        title_bar: num(&title.and_then(|t| t.bar.clone()), "layouts.title.bar")?,
        logo_placement: required(logo.placement, "logo.placement")?,
        logo_slides: required(logo.slides, "logo.slides")?,
        logo_height: num(&logo.height, "logo.height")?,
        logo_cover_height: num(&logo.cover_height, "logo.cover_height")?,
        marque_slides: required(marque.slides, "marque.slides")?,
        republique: required(marque.republique, "marque.republique")?,
        motto: required(marque.motto, "marque.motto")?,
        content_balance: num(
            &raw.layouts
                .as_ref()
                .and_then(|l| l.content.as_ref())
                .and_then(|c| c.balance.clone()),
            "layouts.content.balance",
        )?,
    };
    let section_ref = |key: &str| {
        section_refs
            .get(key)
            .copied()
            .ok_or_else(|| missing(&format!("layouts.section.{key}")))
    };
    let section = SectionStyle {
        background: section_ref("background")?,
        text: section_ref("text")?,
        rule: section_ref("rule")?,
    };
    let scheme = required(raw.scheme, "scheme")?;
    let body_font = family(required(f.body, "fonts.body")?);
    let heading_font = family(required(f.heading, "fonts.heading")?);
    let min_scale = num(
        &raw.fit.as_ref().and_then(|f| f.min_scale.clone()),
        "fit.min_scale",
    )?;

    // Files: each template from the first theme of the chain that has it; the stylesheets of
    // the whole chain, ancestors first, so a theme only writes what it changes.
    let mut templates = BTreeMap::new();
    let mut template_paths = BTreeMap::new();
    let wanted = std::iter::once(("deck".to_string(), "deck.hbs".to_string())).chain(
        Layout::ALL
            .iter()
            .map(|l| (l.name().to_string(), format!("layouts/{}.hbs", l.name()))),
    );
    for (key, rel) in wanted {
        let mut found = None;
        for theme in &names {
            if let Some(src) = sources.theme_file(theme, &rel)? {
                found = Some(src);
                break;
            }
        }
        let Some(src) = found else {
            return Err(Diagnostic::error(format!(
                "theme `{name}` has no template for {}",
                if key == "deck" {
                    "the deck (deck.hbs)".to_string()
                } else {
                    format!("the `{key}` layout")
                }
            ))
            .with_hint(format!(
                "add {rel} to the theme's folder, or write `extends = \"{DEFAULT_THEME}\"` in its theme.toml"
            )));
        };
        template_paths.insert(key.clone(), src.path.clone());
        templates.insert(key, src.text);
    }
    let mut css = String::new();
    for theme in names.iter().rev() {
        if let Some(src) = sources.theme_file(theme, "style.css")? {
            css.push_str(&src.text);
            css.push('\n');
        }
    }

    Ok(Theme {
        name: name.to_string(),
        description: raw.description.unwrap_or_default(),
        scheme,
        colors,
        body_font,
        heading_font,
        sizes,
        spacing,
        min_scale,
        chrome,
        section,
        brand: None,
        css,
        templates,
        template_paths,
        origins,
        branded: Vec::new(),
    })
}

impl Theme {
    /// A colour by key: a token (`primary`) or a section colour (`section.background`).
    pub fn color(&self, key: &str) -> Option<Rgb> {
        match key {
            "section.background" => Some(self.resolve(self.section.background)),
            "section.text" => Some(self.resolve(self.section.text)),
            "section.rule" => Some(self.resolve(self.section.rule)),
            _ => self.colors.get(key),
        }
    }

    pub fn resolve(&self, c: ColorRef) -> Rgb {
        match c {
            ColorRef::Token(t) => self.colors.get(t).unwrap_or(self.colors.text),
            ColorRef::Value(v) => v,
        }
    }

    /// Where a colour was set; a section colour naming a token is where the token was set.
    pub fn origin(&self, key: &str) -> Option<&Location> {
        let token = match key {
            "section.background" => Some(self.section.background),
            "section.text" => Some(self.section.text),
            "section.rule" => Some(self.section.rule),
            _ => None,
        };
        match token {
            Some(ColorRef::Token(t)) => self.origins.get(t).or_else(|| self.origins.get(key)),
            _ => self.origins.get(key),
        }
    }

    /// Whether the brand set this colour (a section colour naming a token: that token).
    pub fn set_by_brand(&self, key: &str) -> bool {
        let token = match key {
            "section.background" => self.section.background,
            "section.text" => self.section.text,
            "section.rule" => self.section.rule,
            _ => return self.branded.contains(&key),
        };
        matches!(token, ColorRef::Token(t) if self.branded.contains(&t))
    }

    /// Lays a brand over the theme: its palette for this theme's scheme, its name and logo.
    pub fn apply_brand(&mut self, brand: &Brand) {
        let palette = match self.scheme {
            Scheme::Dark if !brand.colors_dark.is_empty() => &brand.colors_dark,
            _ => &brand.colors,
        };
        for (key, value, at) in palette {
            self.colors.set(key, *value);
            self.origins.insert(key.to_string(), at.clone());
            self.branded.push(key);
        }
        let logo = match self.scheme {
            Scheme::Dark => brand.logo_dark.as_ref().or(brand.logo.as_ref()),
            Scheme::Light => brand.logo.as_ref(),
        };
        self.brand = Some(BrandMark {
            id: brand.id.clone(),
            name: brand.name.clone(),
            short: brand.short.clone(),
            logo: logo.map(|img| LogoMark {
                key: LOGO_KEY.to_string(),
                alt: brand.logo_alt.clone(),
                width: img.width,
                height: img.height,
            }),
        });
    }

    /// Whether a slide of this layout shows the bloc-marque, and the logo.
    pub fn shows_marque(&self, layout: Layout) -> bool {
        let on = match self.chrome.marque_slides {
            Slides::All => true,
            Slides::Title => layout == Layout::Title,
            Slides::None => false,
        };
        on && (self.chrome.republique || self.brand.is_some())
    }

    pub fn shows_logo(&self, layout: Layout) -> bool {
        let on = match self.chrome.logo_slides {
            Slides::All => true,
            Slides::Title => layout == Layout::Title,
            Slides::None => false,
        };
        on && self.chrome.logo_placement != Placement::None
            && self.brand.as_ref().is_some_and(|b| b.logo.is_some())
    }

    /// The lines of the bloc-marque on a slide: République, the ministry, the motto.
    pub fn marque_lines(&self, layout: Layout) -> MarqueLines {
        MarqueLines {
            republique: self.chrome.republique,
            name: self.brand.as_ref().map(|b| b.name.clone()),
            motto: self.chrome.motto && layout == Layout::Title,
        }
    }

    /// Top of the chrome (bloc-marque, header, logo), below the top rule.
    pub fn chrome_top(&self) -> f32 {
        (self.chrome.rule_height + 12.0).max(18.0)
    }

    /// The logo's size on a slide of this layout, in CSS pixels.
    pub fn logo_size(&self, layout: Layout) -> Option<(f32, f32)> {
        let logo = self.brand.as_ref()?.logo.as_ref()?;
        let h = if layout == Layout::Title {
            self.chrome.logo_cover_height
        } else {
            self.chrome.logo_height
        };
        let w = h * logo.width as f32 / logo.height.max(1) as f32;
        // A very wide logo is capped at a third of the slide.
        let w = w.min(SLIDE_WIDTH / 3.0);
        Some((w, w * logo.height.max(1) as f32 / logo.width.max(1) as f32))
    }

    /// The tokens as CSS custom properties, so the stylesheet never hard-codes a colour or size.
    pub fn css_variables(&self) -> String {
        let c = &self.colors;
        let s = &self.sizes;
        let sp = &self.spacing;
        let ch = &self.chrome;
        let mut out = String::from(":root {\n");
        for (k, v) in [
            ("bg", c.background),
            ("fg", c.text),
            ("muted", c.muted),
            ("primary", c.primary),
            ("accent", c.accent),
            ("surface", c.surface),
            ("on-primary", c.on_primary),
            ("section-bg", self.resolve(self.section.background)),
            ("section-fg", self.resolve(self.section.text)),
            ("section-rule", self.resolve(self.section.rule)),
        ] {
            out.push_str(&format!("  --diapo-{k}: {};\n", v.to_hex()));
        }
        out.push_str(&format!(
            "  --diapo-font-body: \"{}\", \"Noto Emoji\", sans-serif;\n",
            self.body_font.css_name()
        ));
        out.push_str(&format!(
            "  --diapo-font-heading: \"{}\", \"Noto Emoji\", sans-serif;\n",
            self.heading_font.css_name()
        ));
        out.push_str(&format!(
            "  --diapo-font-mono: \"{}\", \"Noto Emoji\", monospace;\n",
            Family::Mono.css_name()
        ));
        let title_gap = if ch.title_bar > 0.0 { 48.0 } else { 0.0 };
        for (k, v) in [
            ("size-body", s.body),
            ("size-small", s.small),
            ("size-title", s.title),
            ("size-cover-title", s.cover_title),
            ("size-section-title", s.section_title),
            ("size-figure", s.figure),
            ("size-marque", s.marque),
            ("pad-x", sp.padding_x),
            ("pad-top", sp.padding_top),
            ("pad-bottom", sp.padding_bottom),
            ("gap", sp.column_gap),
            ("rule-height", ch.rule_height),
            ("title-bar", ch.title_bar),
            ("title-gap", title_gap),
            ("chrome-top", self.chrome_top()),
            ("logo-height", ch.logo_height),
            ("logo-cover-height", ch.logo_cover_height),
        ] {
            out.push_str(&format!("  --diapo-{k}: {v}px;\n"));
        }
        out.push_str(&format!("  --diapo-line-height: {};\n", s.line_height));
        out.push_str(&format!(
            "  --diapo-content-balance: {};\n",
            ch.content_balance
        ));
        out.push_str("}\n");
        out
    }
}

/// A theme or brand as `diapo themes` and `diapo brands` list it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: String,
    /// The description, or why the file cannot be used.
    pub description: Result<String, String>,
    pub provenance: Provenance,
}

/// Every theme, with its description.
pub fn list_themes(sources: &ThemeSources) -> Vec<Listed> {
    sources
        .themes()
        .into_iter()
        .map(|(name, provenance)| Listed {
            description: load_with(sources, &name)
                .map(|t| t.description)
                .map_err(|d| d.place().unwrap_or_else(|| d.message.clone())),
            name,
            provenance,
        })
        .collect()
}

/// Every brand, with its name and description.
pub fn list_brands(sources: &ThemeSources) -> Vec<Listed> {
    sources
        .brands()
        .into_iter()
        .map(|(name, provenance)| Listed {
            description: brand::load(sources, &name)
                .map(|b| match b.description {
                    Some(d) => format!("{} — {d}", b.name),
                    None => b.name,
                })
                .map_err(|d| d.place().unwrap_or_else(|| d.message.clone())),
            name,
            provenance,
        })
        .collect()
}

impl Listed {
    /// One line: name, description, and where it comes from when not built in.
    pub fn line(&self, width: usize) -> String {
        let description = match &self.description {
            Ok(d) => d.clone(),
            Err(e) => format!("(cannot be used: {e})"),
        };
        let from = match &self.provenance {
            Provenance::Builtin => String::new(),
            Provenance::User { path, overrides } => format!(
                "  [{}{}]",
                path.display(),
                if *overrides {
                    ", replaces the built-in"
                } else {
                    ""
                }
            ),
        };
        format!("{:<width$}  {description}{from}", self.name)
    }
}

/// What the bloc-marque of a slide says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarqueLines {
    pub republique: bool,
    pub name: Option<String>,
    pub motto: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime is inlined in `<script>` and `<style>` elements: it must not close them early.
    #[test]
    fn runtime_can_be_inlined() {
        assert!(!RUNTIME_JS.contains("</"));
        assert!(!RUNTIME_CSS.to_lowercase().contains("</style"));
    }

    /// Every value of the base file, by its key (`sizes.body`), as text.
    fn leaves(value: &toml::Value, key: &str, out: &mut BTreeMap<String, String>) {
        match value {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    leaves(v, &key, out);
                }
            }
            toml::Value::String(s) => {
                out.insert(key.to_string(), s.clone());
            }
            toml::Value::Integer(n) => {
                out.insert(key.to_string(), format!("{}", *n as f64));
            }
            toml::Value::Float(n) => {
                out.insert(key.to_string(), format!("{}", *n as f32 as f64));
            }
            other => {
                out.insert(key.to_string(), other.to_string());
            }
        }
    }

    /// Where a theme file's key lands in the resolved theme (as serialised).
    fn pointer(key: &str) -> String {
        match key {
            "scheme" => "/scheme".into(),
            "fonts.body" => "/body_font".into(),
            "fonts.heading" => "/heading_font".into(),
            "fit.min_scale" => "/min_scale".into(),
            "rule.height" => "/chrome/rule_height".into(),
            "layouts.title.bar" => "/chrome/title_bar".into(),
            "layouts.content.balance" => "/chrome/content_balance".into(),
            "marque.slides" => "/chrome/marque_slides".into(),
            "marque.republique" => "/chrome/republique".into(),
            "marque.motto" => "/chrome/motto".into(),
            _ => match key.split_once('.') {
                Some(("logo", k)) => format!("/chrome/logo_{k}"),
                Some(("layouts", k)) => format!("/{}", k.replace('.', "/")),
                _ => format!("/{}", key.replace('.', "/")),
            },
        }
    }

    #[test]
    fn a_theme_file_with_no_keys_gets_exactly_the_base_values() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let folder = dir.path().join("vide");
        std::fs::create_dir_all(folder.join("layouts")).expect("a theme folder");
        std::fs::write(folder.join("theme.toml"), "").expect("theme.toml");
        // Templates from etat, so the theme renders; no token comes with them.
        for (theme, rel, text) in builtin::THEME_FILES {
            if *theme == "etat" && rel.ends_with(".hbs") {
                std::fs::write(folder.join(rel), text).expect("a template");
            }
        }
        let sources = ThemeSources::new(Some(dir.path()), None);
        let theme = load_with(&sources, "vide").unwrap_or_else(|d| panic!("{d}"));
        let json = serde_json::to_value(&theme).expect("the theme as JSON");
        let base: toml::Value = toml::from_str(builtin::BASE_THEME).expect("the base file");
        let mut expected = BTreeMap::new();
        leaves(&base, "", &mut expected);
        // Every key a theme file may set: the base sets them all.
        assert_eq!(expected.len(), 36, "{expected:?}");
        for (key, value) in &expected {
            let got = json
                .pointer(&pointer(key))
                .unwrap_or_else(|| panic!("{key} is not in the theme: {json}"));
            let got = match got {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => format!("{}", n.as_f64().unwrap_or(f64::NAN)),
                other => other.to_string(),
            };
            assert_eq!(&got, value, "{key}");
        }
        assert_eq!(theme.description, "");
    }

    #[test]
    fn every_builtin_theme_loads_with_every_layout() {
        let names = builtin_names();
        assert!(names.len() >= 3, "{names:?}");
        for name in names {
            let theme = load(name).unwrap_or_else(|d| panic!("{name}: {d}"));
            assert!(!theme.description.is_empty(), "{name} has no description");
            for layout in Layout::ALL {
                assert!(
                    theme.templates.contains_key(layout.name()),
                    "{name} lacks {}",
                    layout.name()
                );
            }
        }
    }

    #[test]
    fn every_builtin_theme_is_readable_with_every_builtin_brand() {
        let sources = ThemeSources::default();
        for name in builtin_names() {
            let theme = load(name).unwrap_or_else(|d| panic!("{name}: {d}"));
            let failures = contrast::check(&theme);
            assert!(failures.is_empty(), "{name}: {failures:?}");
            for id in sources.brands().keys() {
                let brand = brand::load(&sources, id).unwrap_or_else(|d| panic!("{id}: {d}"));
                let mut themed = theme.clone();
                themed.apply_brand(&brand);
                let failures = contrast::check(&themed);
                assert!(failures.is_empty(), "{name} × {id}: {failures:?}");
            }
        }
    }

    #[test]
    fn children_inherit_what_they_leave_out() {
        let sobre = load("sobre").unwrap();
        let etat = load("etat").unwrap();
        assert_eq!(sobre.templates["title"], etat.templates["title"]);
        assert!(
            sobre.css.starts_with(&etat.css),
            "the parent's CSS comes first"
        );
        assert_ne!(sobre.sizes.body, etat.sizes.body);
    }
}
