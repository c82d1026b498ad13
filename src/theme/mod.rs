//! Themes: design tokens (colours, fonts, sizes, fit bounds) plus the handlebars layouts and the
//! CSS that render them. A theme file is read into a raw serde mirror that refuses unknown keys
//! (`raw`), then resolved into a validated [`Theme`] with defaults. Built-in themes are embedded in
//! the binary so a bare install works anywhere. One set of tokens drives both outputs: the HTML
//! gets them as CSS custom properties, the PDF layout reads them directly.

mod builtin;
pub use builtin::{RUNTIME_CSS, RUNTIME_JS};
mod raw;

use crate::color::Rgb;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::layout::fonts::Family;
use crate::model::Layout;
use std::collections::BTreeMap;

pub const DEFAULT_THEME: &str = "etat";

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

/// Sizes in CSS pixels of the 1280×720 logical slide (the PDF scales them by 0.75 to points).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sizes {
    pub body: f32,
    pub small: f32,
    pub title: f32,
    pub cover_title: f32,
    pub section_title: f32,
    pub figure: f32,
    pub line_height: f32,
    pub padding_x: f32,
    pub padding_top: f32,
    pub padding_bottom: f32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Theme {
    pub name: String,
    pub description: String,
    pub colors: Colors,
    pub body_font: Family,
    pub heading_font: Family,
    pub sizes: Sizes,
    /// Smallest scale auto-fit may shrink a crowded slide to before it splits it.
    pub min_scale: f32,
    #[serde(skip)]
    pub css: String,
    #[serde(skip)]
    pub templates: BTreeMap<String, String>,
}

pub const SLIDE_WIDTH: f32 = 1280.0;
pub const SLIDE_HEIGHT: f32 = 720.0;

/// Names of the built-in themes, for listings and suggestions.
pub fn builtin_names() -> Vec<&'static str> {
    builtin::THEMES.iter().map(|t| t.name).collect()
}

/// Loads a built-in theme by name.
pub fn load(name: &str) -> Result<Theme, Diagnostic> {
    let Some(files) = builtin::THEMES.iter().find(|t| t.name == name) else {
        let d = Diagnostic::error(format!("unknown theme `{name}`"));
        return Err(match did_you_mean(name, builtin_names()) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None => d.with_hint(format!("themes are {}", builtin_names().join(", "))),
        });
    };
    let raw = raw::parse(files.toml, &format!("themes/{name}/theme.toml"))?;
    let mut templates = BTreeMap::new();
    for (file, text) in files.templates {
        templates.insert(file.trim_end_matches(".hbs").to_string(), text.to_string());
    }
    let theme = resolve(name, raw, files.css.to_string(), templates)?;
    for layout in Layout::ALL {
        if !theme.templates.contains_key(layout.name()) {
            return Err(Diagnostic::error(format!(
                "theme `{name}` has no template for the `{}` layout",
                layout.name()
            )));
        }
    }
    Ok(theme)
}

fn color(value: &Option<String>, default: &str, key: &str, file: &str) -> Result<Rgb, Diagnostic> {
    let text = value.as_deref().unwrap_or(default);
    Rgb::parse_hex(text).map_err(|_| {
        Diagnostic::error(format!("{file}: `{key}` is not a colour: `{text}`"))
            .with_hint("write colours as `#rrggbb`")
    })
}

fn resolve(
    name: &str,
    raw: raw::RawTheme,
    css: String,
    templates: BTreeMap<String, String>,
) -> Result<Theme, Diagnostic> {
    let file = format!("themes/{name}/theme.toml");
    let c = raw.colors.unwrap_or_default();
    let colors = Colors {
        background: color(&c.background, "#ffffff", "colors.background", &file)?,
        text: color(&c.text, "#161616", "colors.text", &file)?,
        muted: color(&c.muted, "#5e5e5e", "colors.muted", &file)?,
        primary: color(&c.primary, "#000091", "colors.primary", &file)?,
        accent: color(&c.accent, "#e1000f", "colors.accent", &file)?,
        surface: color(&c.surface, "#f5f5fe", "colors.surface", &file)?,
        on_primary: color(&c.on_primary, "#ffffff", "colors.on_primary", &file)?,
    };
    let f = raw.fonts.unwrap_or_default();
    let family = |v: &Option<String>, key: &str| -> Result<Family, Diagnostic> {
        let v = v.as_deref().unwrap_or("sans");
        Family::parse(v).ok_or_else(|| {
            Diagnostic::error(format!(
                "{file}: `fonts.{key}` must be sans, serif or mono, not `{v}`"
            ))
        })
    };
    let s = raw.sizes.unwrap_or_default();
    let sizes = Sizes {
        body: s.body.unwrap_or(30.0),
        small: s.small.unwrap_or(22.0),
        title: s.title.unwrap_or(44.0),
        cover_title: s.cover_title.unwrap_or(60.0),
        section_title: s.section_title.unwrap_or(56.0),
        figure: s.figure.unwrap_or(150.0),
        line_height: s.line_height.unwrap_or(1.3),
        padding_x: s.padding_x.unwrap_or(80.0),
        padding_top: s.padding_top.unwrap_or(56.0),
        padding_bottom: s.padding_bottom.unwrap_or(64.0),
    };
    let min_scale = raw.fit.and_then(|f| f.min_scale).unwrap_or(0.8);
    if !(0.5..=1.0).contains(&min_scale) {
        return Err(Diagnostic::error(format!(
            "{file}: `fit.min_scale` must be between 0.5 and 1.0, not {min_scale}"
        )));
    }
    Ok(Theme {
        name: name.to_string(),
        description: raw.description.unwrap_or_default(),
        colors,
        body_font: family(&f.body, "body")?,
        heading_font: family(&f.heading, "heading")?,
        sizes,
        min_scale,
        css,
        templates,
    })
}

impl Theme {
    /// The tokens as CSS custom properties, so the stylesheet never hard-codes a colour or size.
    pub fn css_variables(&self) -> String {
        let c = &self.colors;
        let s = &self.sizes;
        let mut out = String::from(":root {\n");
        for (k, v) in [
            ("bg", c.background),
            ("fg", c.text),
            ("muted", c.muted),
            ("primary", c.primary),
            ("accent", c.accent),
            ("surface", c.surface),
            ("on-primary", c.on_primary),
        ] {
            out.push_str(&format!("  --diapo-{k}: {};\n", v.to_hex()));
        }
        out.push_str(&format!(
            "  --diapo-font-body: \"{}\", sans-serif;\n",
            self.body_font.css_name()
        ));
        out.push_str(&format!(
            "  --diapo-font-heading: \"{}\", sans-serif;\n",
            self.heading_font.css_name()
        ));
        out.push_str(&format!(
            "  --diapo-font-mono: \"{}\", monospace;\n",
            Family::Mono.css_name()
        ));
        for (k, v) in [
            ("size-body", s.body),
            ("size-small", s.small),
            ("size-title", s.title),
            ("size-cover-title", s.cover_title),
            ("size-section-title", s.section_title),
            ("size-figure", s.figure),
            ("pad-x", s.padding_x),
            ("pad-top", s.padding_top),
            ("pad-bottom", s.padding_bottom),
        ] {
            out.push_str(&format!("  --diapo-{k}: {v}px;\n"));
        }
        out.push_str(&format!("  --diapo-line-height: {};\n", s.line_height));
        out.push_str("}\n");
        out
    }
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

    #[test]
    fn every_builtin_theme_loads_with_every_layout() {
        for name in builtin_names() {
            let theme = load(name).unwrap_or_else(|d| panic!("{name}: {d}"));
            for layout in Layout::ALL {
                assert!(
                    theme.templates.contains_key(layout.name()),
                    "{name} lacks {}",
                    layout.name()
                );
            }
        }
    }
}
