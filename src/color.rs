//! Colours: parsing `#rrggbb`, and the WCAG contrast ratio used to refuse unreadable palettes.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// `#000091` or `#009` (case-insensitive).
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let h = text.trim().strip_prefix('#')?;
        if !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = |s: &str| u8::from_str_radix(s, 16).ok();
        match h.len() {
            6 => Some(Rgb {
                r: v(&h[0..2])?,
                g: v(&h[2..4])?,
                b: v(&h[4..6])?,
            }),
            3 => {
                let d = |i: usize| v(&h[i..i + 1]).map(|x| x * 17);
                Some(Rgb {
                    r: d(0)?,
                    g: d(1)?,
                    b: d(2)?,
                })
            }
            _ => None,
        }
    }

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
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
}

#[cfg(test)]
mod tests {
    use super::Rgb;

    #[test]
    fn parse_and_contrast() {
        let blue = Rgb::parse_hex("#000091").unwrap();
        assert_eq!(blue, Rgb::new(0, 0, 0x91));
        assert_eq!(Rgb::parse_hex("#fff"), Some(Rgb::new(255, 255, 255)));
        assert_eq!(Rgb::parse_hex("blue"), None);
        let white = Rgb::new(255, 255, 255);
        assert!((white.contrast(Rgb::new(0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!(blue.contrast(white) > 14.0);
    }
}
