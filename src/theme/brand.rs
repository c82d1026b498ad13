//! Brands: one ministry's profile in one TOML file, `themes/brands/<id>.toml` — its name and short
//! name, a logo (PNG or JPEG, relative to the file), colour overrides for light and dark themes,
//! footer, contact, optional font files of its own, and free variables (`[vars]`) for the deck.
//! Read like a theme file (unknown keys refused with `file:line`), then resolved: the logo
//! decoded and resized, the fonts read, the colours parsed with where they stand (contrast
//! errors point there).

use super::files::{BrandBase, Provenance, ThemeSources};
use super::raw::{parse_toml, RawColors};
use super::Scheme;
use crate::assets::LoadedImage;
use crate::color::Rgb;
use crate::diagnostic::{did_you_mean, Diagnostic, Location, SourceFile};
use crate::layout::fonts::{Family, FontBook, Weight};
use crate::limits::{LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, MAX_FONT_BYTES, MAX_LOGO_BYTES};
use serde::Deserialize;
use std::io::Cursor;
use std::path::PathBuf;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    name: Spanned<String>,
    short: Option<String>,
    description: Option<String>,
    logo: Option<Spanned<String>>,
    logo_dark: Option<Spanned<String>>,
    logo_alt: Option<String>,
    footer: Option<String>,
    contact: Option<String>,
    url: Option<String>,
    colors: Option<RawColors>,
    colors_dark: Option<RawColors>,
    fonts: Option<RawBrandFonts>,
    vars: Option<toml::Table>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrandFonts {
    sans: Option<RawFaces>,
    serif: Option<RawFaces>,
    mono: Option<RawFaces>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaces {
    regular: Option<Spanned<String>>,
    semibold: Option<Spanned<String>>,
    bold: Option<Spanned<String>>,
    italic: Option<Spanned<String>>,
    bold_italic: Option<Spanned<String>>,
}

const BRAND_KEYS: &[&str] = &[
    "name",
    "short",
    "description",
    "logo",
    "logo_dark",
    "logo_alt",
    "footer",
    "contact",
    "url",
    "colors",
    "colors_dark",
    "fonts",
    "vars",
    "background",
    "text",
    "muted",
    "primary",
    "accent",
    "surface",
    "on_primary",
    "sans",
    "serif",
    "mono",
    "regular",
    "semibold",
    "bold",
    "italic",
    "bold_italic",
];

/// A brand, ready to lay over a theme.
#[derive(Debug, Clone)]
pub struct Brand {
    pub id: String,
    /// The brand file, as diagnostics name it.
    pub file: PathBuf,
    pub name: String,
    pub short: String,
    pub description: Option<String>,
    pub footer: Option<String>,
    pub contact: Option<String>,
    pub url: Option<String>,
    pub logo: Option<LoadedImage>,
    pub logo_dark: Option<LoadedImage>,
    /// The logo's text alternative.
    pub logo_alt: String,
    /// Colour overrides for light themes, and for dark ones: `(token, colour, where it is set)`.
    pub colors: Vec<(&'static str, Rgb, Location)>,
    pub colors_dark: Vec<(&'static str, Rgb, Location)>,
    pub fonts: Vec<BrandFont>,
    pub vars: serde_json::Map<String, serde_json::Value>,
}

/// A font file the brand supplies for a slot of the font book.
#[derive(Debug, Clone)]
pub struct BrandFont {
    pub family: Family,
    pub weight: Weight,
    pub italic: bool,
    pub data: Vec<u8>,
    pub at: Location,
}

/// The error for a brand that is nowhere, with a suggestion.
pub fn unknown(sources: &ThemeSources, id: &str) -> Diagnostic {
    let known = sources.brands();
    let d = Diagnostic::error(format!("unknown brand `{id}`"));
    match did_you_mean(id, known.keys().map(String::as_str)) {
        Some(s) => d.with_hint(format!("did you mean `{s}`?")),
        None => d.with_hint(format!(
            "brands are {} (see `diapo brands`); add one as themes/brands/{id}.toml",
            known.keys().cloned().collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Every brand id, for `--brand all`.
pub fn all(sources: &ThemeSources) -> Vec<String> {
    sources.brands().into_keys().collect()
}

/// Where a brand comes from, for listings.
pub fn provenance(sources: &ThemeSources, id: &str) -> Option<Provenance> {
    sources.brands().remove(id)
}

/// Reads and resolves a brand.
pub fn load(sources: &ThemeSources, id: &str) -> Result<Brand, Diagnostic> {
    let Some(file) = sources.brand_file(id)? else {
        return Err(unknown(sources, id));
    };
    let src = &file.src;
    let raw: RawBrand = parse_toml(src, "brand", BRAND_KEYS)?;
    let at = |s: &Spanned<String>| src.location(s.span().start, s.span().end);
    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(Diagnostic::error("brand: `name` is empty")
            .at(at(&raw.name))
            .with_hint("write the ministry's full name, e.g. name = \"Ministère de la Justice\""));
    }
    let palette = |c: &Option<RawColors>, table: &str| -> Result<Vec<_>, Diagnostic> {
        let mut out = Vec::new();
        if let Some(c) = c {
            for (key, value) in c.entries() {
                if let Some(v) = value {
                    let rgb = super::parse_colour(v, src, &format!("{table}.{key}"))?;
                    out.push((key, rgb, at(v)));
                }
            }
        }
        Ok(out)
    };
    let colors = palette(&raw.colors, "colors")?;
    let colors_dark = palette(&raw.colors_dark, "colors_dark")?;
    let logo = raw
        .logo
        .as_ref()
        .map(|l| load_logo(&file.base, l, src))
        .transpose()?;
    let logo_dark = raw
        .logo_dark
        .as_ref()
        .map(|l| load_logo(&file.base, l, src))
        .transpose()?;
    let mut fonts = Vec::new();
    if let Some(f) = &raw.fonts {
        for (family, faces) in [
            (Family::Sans, &f.sans),
            (Family::Serif, &f.serif),
            (Family::Mono, &f.mono),
        ] {
            let Some(faces) = faces else { continue };
            for (weight, italic, path) in [
                (Weight::Regular, false, &faces.regular),
                (Weight::Semibold, false, &faces.semibold),
                (Weight::Bold, false, &faces.bold),
                (Weight::Regular, true, &faces.italic),
                (Weight::Bold, true, &faces.bold_italic),
            ] {
                let Some(path) = path else { continue };
                let data = file.base.read(path.get_ref(), MAX_FONT_BYTES).map_err(|e| {
                    Diagnostic::error(format!("cannot use the font {}: {e}", path.get_ref()))
                        .at(at(path))
                        .with_hint("paths are relative to the brand file; diapo ships no Marianne files: use your administration's copy")
                })?;
                fonts.push(BrandFont {
                    family,
                    weight,
                    italic,
                    data,
                    at: at(path),
                });
            }
        }
    }
    let vars = match &raw.vars {
        Some(table) => match serde_json::to_value(table) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        },
        None => serde_json::Map::new(),
    };
    let short = raw
        .short
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| name.clone());
    Ok(Brand {
        id: id.to_string(),
        file: src.path.clone(),
        logo_alt: raw.logo_alt.unwrap_or_else(|| format!("Logo : {name}")),
        short,
        name,
        description: raw.description,
        footer: raw.footer,
        contact: raw.contact,
        url: raw.url,
        logo,
        logo_dark,
        colors,
        colors_dark,
        fonts,
        vars,
    })
}

impl Brand {
    /// The logo a theme of this scheme shows.
    pub fn logo_for(&self, scheme: Scheme) -> Option<&LoadedImage> {
        match scheme {
            Scheme::Dark => self.logo_dark.as_ref().or(self.logo.as_ref()),
            Scheme::Light => self.logo.as_ref(),
        }
    }

    /// Puts the brand's fonts in their slots; a file that cannot be used is an error at its line.
    pub fn install_fonts(&self, book: &mut FontBook) -> Result<(), Diagnostic> {
        for font in &self.fonts {
            book.add_font(font.family, font.weight, font.italic, font.data.clone())
                .map_err(|e| {
                    Diagnostic::error(format!("cannot use this font: {e}"))
                        .at(font.at.clone())
                        .with_hint("use a TrueType or OpenType file whose licence allows embedding")
                })?;
        }
        Ok(())
    }
}

fn load_logo(
    base: &BrandBase,
    path: &Spanned<String>,
    src: &SourceFile,
) -> Result<LoadedImage, Diagnostic> {
    let at = src.location(path.span().start, path.span().end);
    let fail = |message: String| {
        Diagnostic::error(format!("cannot use the logo {}: {message}", path.get_ref()))
            .at(at.clone())
            .with_hint("a logo is a PNG or JPEG file; its path is relative to the brand file")
    };
    let bytes = base.read(path.get_ref(), MAX_LOGO_BYTES).map_err(fail)?;
    let img = crate::assets::decode(bytes).map_err(fail)?;
    shrink(img).map_err(fail)
}

/// Scales a logo down to [`LOGO_MAX_WIDTH`] × [`LOGO_MAX_HEIGHT`], kept as a PNG.
fn shrink(img: LoadedImage) -> Result<LoadedImage, String> {
    if img.width <= LOGO_MAX_WIDTH && img.height <= LOGO_MAX_HEIGHT {
        return Ok(img);
    }
    let (source_width, source_height, source_bytes) =
        (img.source_width, img.source_height, img.source_bytes);
    let rgba = image::RgbaImage::from_raw(img.width, img.height, img.rgba)
        .ok_or("the image data is inconsistent")?;
    let scale =
        (LOGO_MAX_WIDTH as f32 / img.width as f32).min(LOGO_MAX_HEIGHT as f32 / img.height as f32);
    let w = ((img.width as f32 * scale).round() as u32).max(1);
    let h = ((img.height as f32 * scale).round() as u32).max(1);
    let resized = image::imageops::resize(&rgba, w, h, image::imageops::FilterType::Lanczos3);
    let mut encoded = Vec::new();
    resized
        .write_to(&mut Cursor::new(&mut encoded), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(LoadedImage {
        width: w,
        height: h,
        rgba: resized.into_raw(),
        has_alpha: true,
        encoded,
        mime: "image/png",
        source_width,
        source_height,
        source_bytes,
        ..LoadedImage::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_brands_load_with_their_logo() {
        let sources = ThemeSources::default();
        let ids = all(&sources);
        assert!(ids.len() >= 5, "{ids:?}");
        for id in ids {
            let b = load(&sources, &id).unwrap_or_else(|d| panic!("{id}: {d}"));
            let logo = b
                .logo
                .as_ref()
                .unwrap_or_else(|| panic!("{id} has no logo"));
            assert!(logo.width <= LOGO_MAX_WIDTH && logo.height <= LOGO_MAX_HEIGHT);
            assert!(!b.colors.is_empty() && !b.colors_dark.is_empty(), "{id}");
            assert!(b.name.starts_with("Ministère"), "{id}: {}", b.name);
        }
    }

    #[test]
    fn large_logos_are_scaled_down() {
        let img = image::RgbaImage::from_pixel(2000, 500, image::Rgba([0, 0, 145, 255]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let logo = shrink(crate::assets::decode(png).unwrap()).unwrap();
        assert_eq!((logo.width, logo.height), (800, 200));
        assert_eq!(logo.rgba.len(), 800 * 200 * 4);
    }
}
