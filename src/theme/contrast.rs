//! Contrast: every pair of text and background colours a theme draws — with a brand laid over it —
//! must reach WCAG AA: 4.5:1 for body text, 3:1 for large text (titles, bold labels of 14 pt and
//! more). A failing pair is reported where its colour is set (the brand's line when the brand set
//! it), with a colour that would pass.

use super::Theme;
use crate::color::Rgb;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::Rule;

pub const BODY: f64 = 4.5;
pub const LARGE: f64 = 3.0;

/// The pairs the layouts draw: (text colour, background, minimum ratio, where it is seen).
pub const PAIRS: &[(&str, &str, f64, &str)] = &[
    ("text", "background", BODY, "body text"),
    ("muted", "background", BODY, "captions, header and footer"),
    (
        "primary",
        "background",
        BODY,
        "titles, links and list numbers",
    ),
    (
        "text",
        "surface",
        BODY,
        "text in boxes (comparison, poll, feedback)",
    ),
    ("primary", "surface", BODY, "labels in boxes (feedback)"),
    (
        "on_primary",
        "primary",
        BODY,
        "numbers on discs (agenda, objectives, poll)",
    ),
    ("on_primary", "accent", LARGE, "the poll label (bold)"),
    (
        "section.text",
        "section.background",
        BODY,
        "section dividers",
    ),
];

/// A pair below its minimum.
#[derive(Debug, Clone)]
pub struct Pair {
    pub text: &'static str,
    pub background: &'static str,
    pub ratio: f64,
    pub min: f64,
    pub use_: &'static str,
}

/// A colour that makes one or more pairs unreadable, with where it is set.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The colour to change (a token, or a section colour given as a value): the brand's when
    /// the brand set one of the two.
    pub culprit: &'static str,
    /// The failing pairs it is part of, worst first.
    pub pairs: Vec<Pair>,
    pub at: Option<Location>,
    /// The culprit moved towards black or white until every one of its pairs passes.
    pub suggestion: Rgb,
}

/// Every colour of a theme (with its brand, if one was applied) that fails a pair.
pub fn check(theme: &Theme) -> Vec<Failure> {
    let mut out: Vec<Failure> = Vec::new();
    // For each failing pair: the colour to change, and the constraint it must meet.
    let mut constraints: Vec<(&'static str, Rgb, f64)> = Vec::new();
    for &(text, background, min, use_) in PAIRS {
        let (Some(fg), Some(bg)) = (theme.color(text), theme.color(background)) else {
            continue;
        };
        let ratio = fg.contrast(bg);
        if ratio + 1e-9 >= min {
            continue;
        }
        let from_brand = |key: &str| theme.set_by_brand(key);
        let culprit_key = if from_brand(text) || !from_brand(background) {
            text
        } else {
            background
        };
        let other = if culprit_key == text { bg } else { fg };
        let culprit = token_of(theme, culprit_key);
        let pair = Pair {
            text,
            background,
            ratio,
            min,
            use_,
        };
        constraints.push((culprit, other, min));
        match out.iter_mut().find(|f| f.culprit == culprit) {
            Some(f) => f.pairs.push(pair),
            None => out.push(Failure {
                culprit,
                pairs: vec![pair],
                at: theme
                    .origin(culprit_key)
                    .or_else(|| {
                        theme.origin(if culprit_key == text {
                            background
                        } else {
                            text
                        })
                    })
                    .cloned(),
                suggestion: Rgb::BLACK,
            }),
        }
    }
    for f in &mut out {
        f.pairs
            .sort_by(|a, b| (a.ratio / a.min).total_cmp(&(b.ratio / b.min)));
        let colour = theme.color(f.culprit).unwrap_or(Rgb::BLACK);
        let against: Vec<(Rgb, f64)> = constraints
            .iter()
            .filter(|(c, _, _)| *c == f.culprit)
            .map(|&(_, other, min)| (other, min))
            .collect();
        f.suggestion = nearest_passing(colour, &against);
    }
    out
}

/// The token a colour key stands for: a section colour naming a token is that token.
fn token_of(theme: &Theme, key: &'static str) -> &'static str {
    let r = match key {
        "section.background" => theme.section.background,
        "section.text" => theme.section.text,
        "section.rule" => theme.section.rule,
        _ => return key,
    };
    match r {
        super::ColorRef::Token(t) => t,
        super::ColorRef::Value(_) => key,
    }
}

/// `colour` darkened or lightened, by the smallest step that makes it reach every minimum
/// against its colours.
pub fn nearest_passing(colour: Rgb, against: &[(Rgb, f64)]) -> Rgb {
    let mix = |target: Rgb, t: f64| {
        let ch = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb::new(
            ch(colour.r, target.r),
            ch(colour.g, target.g),
            ch(colour.b, target.b),
        )
    };
    let passes = |c: Rgb| against.iter().all(|&(o, min)| c.contrast(o) >= min + 0.05);
    (0..=100)
        .flat_map(|i| {
            let t = f64::from(i) / 100.0;
            [mix(Rgb::BLACK, t), mix(Rgb::WHITE, t)]
        })
        .find(|&c| passes(c))
        .unwrap_or(Rgb::BLACK)
}

impl Failure {
    /// An error, or with `--force` a warning.
    pub fn diagnostic(&self, force: bool) -> Diagnostic {
        let worst = &self.pairs[0];
        let mut message = format!(
            "`{}` on `{}` has a contrast of {:.2}:1, below the {}:1 WCAG AA asks for {}",
            worst.text, worst.background, worst.ratio, worst.min, worst.use_
        );
        if self.pairs.len() > 1 {
            let others: Vec<String> = self.pairs[1..]
                .iter()
                .map(|p| format!("`{}` on `{}` {:.2}:1", p.text, p.background, p.ratio))
                .collect();
            message.push_str(&format!("; so do {}", others.join(", ")));
        }
        let hint = if force {
            format!(
                "built anyway (--force); `{}` = \"{}\" would be readable",
                self.culprit, self.suggestion
            )
        } else {
            format!(
                "try `{}` = \"{}\", or build anyway with --force",
                self.culprit, self.suggestion
            )
        };
        let d = if force {
            Diagnostic::warning(message)
        } else {
            Diagnostic::error(message)
        };
        let d = d.rule(Rule::ThemeContrast).with_hint(hint);
        match &self.at {
            Some(at) => d.at(at.clone()),
            None => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pale_primary_fails_and_a_passing_colour_is_suggested() {
        let mut theme = super::super::load("etat").unwrap();
        // As a brand would set it: the brand's colour is the one to change.
        theme.colors.primary = Rgb::parse_hex("#ffcc00").unwrap();
        theme.branded.push("primary");
        let failures = check(&theme);
        assert_eq!(failures.len(), 1, "{failures:?}");
        let f = &failures[0];
        assert_eq!(f.culprit, "primary");
        assert!(f.pairs.len() >= 3, "{:?}", f.pairs);
        assert!(f.pairs[0].ratio < 2.0);
        theme.colors.primary = f.suggestion;
        assert!(check(&theme).is_empty(), "{:?}", check(&theme));
    }

    #[test]
    fn suggestions_move_away_from_the_background() {
        let grey = Rgb::parse_hex("#999999").unwrap();
        let on_white = nearest_passing(grey, &[(Rgb::WHITE, BODY)]);
        assert!(on_white.luminance() < grey.luminance());
        let on_black = nearest_passing(grey, &[(Rgb::new(0x16, 0x16, 0x16), 12.0)]);
        assert!(on_black.luminance() > grey.luminance());
    }
}
