//! Characters no font of the deck has. The PDF would draw them as empty boxes (and a browser
//! without a font for them as well), silently: each such character is a warning at the first line
//! of the deck that uses it, naming it, so the trainer can replace it or give the brand a font
//! that has it.

use super::Input;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::fonts::{FontId, Weight};
use crate::rules::Rule;
use std::collections::BTreeSet;

pub fn check(input: &Input<'_>, findings: &mut Diagnostics) {
    let fonts = input.fonts;
    let primary = fonts.select(input.theme.body_font, Weight::Regular, false);
    let mut faces: Vec<FontId> = vec![primary];
    faces.extend(fonts.fallbacks(primary));
    // Each character is looked at once. A deck's text is mostly ASCII: those are marked in a
    // table, the others in a set (inserting every character of the deck into the set was most of
    // this check's work).
    let mut seen_ascii = [false; 128];
    let mut seen = BTreeSet::new();
    for slide in &input.deck.slides {
        let mut text = slide.title_text();
        text.push('\n');
        text.push_str(&slide.body.text());
        for note in &slide.notes {
            text.push('\n');
            text.push_str(note.text());
        }
        for c in text.chars() {
            let first = match seen_ascii.get_mut(c as usize) {
                Some(seen) => !std::mem::replace(seen, true),
                None => seen.insert(c),
            };
            if !first || ignorable(c) || faces.iter().any(|&f| fonts.has_char(f, c)) {
                continue;
            }
            let (line, col) = locate(input, slide.line, c);
            findings.push(
                Diagnostic::warning(format!(
                    "no font of the deck has the character “{c}” (U+{:04X}): it shows as an empty box",
                    u32::from(c)
                ))
                .rule(Rule::MissingGlyph)
                .at(input.src.location_at(line, col, 1))
                .with_hint("write it another way, or give the brand a font that has it (`[fonts]` in its brand file)"),
            );
        }
    }
}

/// Characters that draw nothing of their own: blanks, controls, joiners, variation selectors.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{AD}' | '\u{34F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0020}'..='\u{E007F}')
}

/// The first place at or after the slide's line where the deck's source has `c` (1-based line
/// and column); the slide's line when the character came from elsewhere (a shortcode).
fn locate(input: &Input<'_>, from: usize, c: char) -> (usize, usize) {
    let lines = input
        .src
        .text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1));
    for (i, line) in lines {
        if let Some(at) = line.find(c) {
            return (i + 1, line[..at].chars().count() + 1);
        }
    }
    (from.max(1), 1)
}
