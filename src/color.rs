//! Colours: `#rrggbb` parsing, and the WCAG contrast ratio used to refuse unreadable palettes.
//! Shared by themes, the HTML (as CSS values) and the page model (as PDF colours).

use serde::{Serialize, Serializer};
use std::fmt;

/// An sRGB colour, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// A colour string that is not `#rgb` or `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseColourError {
    pub input: String,
}

impl fmt::Display for ParseColourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a colour: expected `#rrggbb` or `#rgb`, e.g. `#000091`",
            self.input
        )
    }
}

impl std::error::Error for ParseColourError {}

impl Rgb {
    pub const BLACK: Rgb = Rgb::new(0, 0, 0);
    pub const WHITE: Rgb = Rgb::new(255, 255, 255);

    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// Parses `#rrggbb` or `#rgb` (case-insensitive; the `#` is optional).
    pub fn parse_hex(input: &str) -> Result<Self, ParseColourError> {
        let err = || ParseColourError {
            input: input.to_string(),
        };
        let hex = input.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).map_err(|_| err());
        match hex.len() {
            6 => Ok(Rgb::new(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                // `#abc` means `#aabbcc`.
                let short = |s: &str| channel(s).map(|v| v * 17);
                Ok(Rgb::new(
                    short(&hex[0..1])?,
                    short(&hex[1..2])?,
                    short(&hex[2..3])?,
                ))
            }
            _ => Err(err()),
        }
    }

    /// Relative luminance as WCAG 2.1 defines it.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// `self` with `share` (0 to 1) of `other` mixed in, as CSS's `color-mix(in srgb, …)`.
    pub fn mix(self, other: Rgb, share: f32) -> Rgb {
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * share).round() as u8;
        Rgb::new(m(self.r, other.r), m(self.g, other.g), m(self.b, other.b))
    }

    /// WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// Components in 0..=1, for PDF colour operators.
    pub fn unit(self) -> (f32, f32, f32) {
        (
            self.r as f32 / 255.0,
            self.g as f32 / 255.0,
            self.b as f32 / 255.0,
        )
    }

    /// `#rrggbb`, lowercase: the form CSS and themes use.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

// A hex string reads better in snapshots than three numbers.
impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_colours() {
        assert_eq!(Rgb::parse_hex("#000091"), Ok(Rgb::new(0, 0, 0x91)));
        assert_eq!(Rgb::parse_hex("E1000F"), Ok(Rgb::new(0xe1, 0, 0x0f)));
        assert_eq!(Rgb::parse_hex("#fff"), Ok(Rgb::WHITE));
        assert_eq!(Rgb::new(0, 0, 0x91).to_hex(), "#000091");
    }

    #[test]
    fn contrast_ratios() {
        let blue = Rgb::new(0, 0, 0x91);
        assert!((Rgb::WHITE.contrast(Rgb::BLACK) - 21.0).abs() < 1e-9);
        assert!(blue.contrast(Rgb::WHITE) > 14.0);
        assert!(Rgb::parse_hex("blue").is_err());
    }
}
