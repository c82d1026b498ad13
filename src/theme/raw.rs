//! The theme file as written: every field optional, unknown keys refused with `file:line` and a
//! suggestion. `super::resolve` turns it into a validated theme.

use crate::diagnostic::{did_you_mean, Diagnostic, SourceFile};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub description: Option<String>,
    pub colors: Option<RawColors>,
    pub fonts: Option<RawFonts>,
    pub sizes: Option<RawSizes>,
    pub fit: Option<RawFit>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColors {
    pub background: Option<String>,
    pub text: Option<String>,
    pub muted: Option<String>,
    pub primary: Option<String>,
    pub accent: Option<String>,
    pub surface: Option<String>,
    pub on_primary: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    pub body: Option<String>,
    pub heading: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSizes {
    pub body: Option<f32>,
    pub small: Option<f32>,
    pub title: Option<f32>,
    pub cover_title: Option<f32>,
    pub section_title: Option<f32>,
    pub figure: Option<f32>,
    pub line_height: Option<f32>,
    pub padding_x: Option<f32>,
    pub padding_top: Option<f32>,
    pub padding_bottom: Option<f32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFit {
    pub min_scale: Option<f32>,
}

const KEYS: &[&str] = &[
    "description",
    "colors",
    "fonts",
    "sizes",
    "fit",
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
    "min_scale",
];

pub fn parse(text: &str, path: &str) -> Result<RawTheme, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let src = SourceFile::new(path, text.to_string());
        let message = e.message().to_string();
        let mut d = Diagnostic::error(format!("theme: {message}"));
        if let Some(span) = e.span() {
            d = d.at(src.location(span.start, span.end));
        }
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|s| s.split('`').next())
        {
            d.message = format!("theme: unknown key `{unknown}`");
            if let Some(s) = did_you_mean(unknown, KEYS.iter().copied()) {
                d = d.with_hint(format!("did you mean `{s}`?"));
            }
        }
        d
    })
}
