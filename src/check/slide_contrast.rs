//! Contrast as the slide really shows it: every run of text of every laid-out slide against the
//! colour painted under it (the topmost filled shape drawn before it, else the page's
//! background). The theme's own check tests its pairs of colours; this one catches what those
//! pairs miss — text a layout puts on a panel, a section's background, a code block — from the
//! page the PDF draws, which the HTML follows.

use super::{slide_location, slide_name};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::layout::page::{Item, Page};
use crate::model::Deck;
use crate::rules::Rule;
use crate::theme::Theme;

/// WCAG 2.1 AA: 4.5:1, and 3:1 for large text (24 CSS pixels, 18 points on a 960-point page).
const NORMAL: f64 = 4.5;
const LARGE: f64 = 3.0;
const LARGE_PT: f32 = 18.0;

pub fn check(deck: &Deck, pages: &[Page], theme: &Theme, src: &SourceFile) -> Diagnostics {
    let mut findings = Diagnostics::default();
    for (i, (slide, page)) in deck.slides.iter().zip(pages).enumerate() {
        if let Some((text, ratio, need, fg, bg)) = worst(page, theme) {
            let shown: String = text.chars().take(40).collect();
            findings.push(
                Diagnostic::warning(format!(
                    "{}: “{shown}” is drawn in {fg} on {bg}, a contrast of {ratio:.2}:1, below the {need}:1 WCAG AA asks for",
                    slide_name(i + 1, slide)
                ))
                .rule(Rule::SlideContrast)
                .at(slide_location(src, slide))
                .with_hint("change the theme's colour for this part of the layout, or move the text off that background"),
            );
        }
    }
    findings
}

/// The run of text of the page with the lowest contrast under its threshold: (text, ratio,
/// threshold, its colour, the background's).
fn worst(page: &Page, theme: &Theme) -> Option<(String, f64, f64, String, String)> {
    let mut painted: Vec<(f32, f32, f32, f32, crate::color::Rgb)> = Vec::new();
    let mut worst: Option<(String, f64, f64, String, String)> = None;
    for positioned in &page.items {
        let (x, y) = (positioned.pos.x, positioned.pos.y);
        match &positioned.item {
            Item::Rect(r) => {
                if let Some(fill) = r.fill {
                    painted.push((x, y, r.size.width, r.size.height, fill));
                }
            }
            Item::Text(run) if !run.text.trim().is_empty() => {
                // The middle of the run's first glyph box, above the baseline.
                let probe_x = x + run.glyphs.first().map_or(0.0, |g| g.x) + run.size * 0.25;
                let probe_y = y - run.size * 0.3;
                let bg = painted
                    .iter()
                    .rev()
                    .find(|(rx, ry, w, h, _)| {
                        probe_x >= *rx && probe_x <= rx + w && probe_y >= *ry && probe_y <= ry + h
                    })
                    .map_or(theme.colors.background, |p| p.4);
                let ratio = run.colour.contrast(bg);
                let need = if run.size >= LARGE_PT { LARGE } else { NORMAL };
                if ratio + 0.005 < need && worst.as_ref().is_none_or(|w| ratio < w.1) {
                    worst = Some((
                        run.text.clone(),
                        ratio,
                        need,
                        run.colour.to_string(),
                        bg.to_string(),
                    ));
                }
            }
            _ => {}
        }
    }
    worst
}
