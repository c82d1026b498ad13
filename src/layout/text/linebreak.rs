//! Stages 2 and 4: find where lines may break, then fill lines greedily.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14, via
//! `unicode-linebreak`), with two French-minded corrections: no break next to a no-break space
//! (U+00A0, U+202F), so « guillemets » and the space before « ? » stay with their word even
//! after an ordinary space, and no break after a soft hyphen, which is treated as a
//! hyphenation point instead. Lines are filled first-fit, which is what readers of slides
//! expect (no paragraph-wide optimisation that would move words between lines as text is
//! edited). A word is hyphenated only when it cannot fit on a line of its own, using the
//! Liang patterns of the `hyphenation` crate, and as a last resort it is cut between
//! grapheme clusters, so that no line is ever wider than the box.

use std::ops::Range;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::collect::Prepared;
use super::shaping::{self, ShapedRun, Shaper};
use super::Lang;

/// Rounding slack when comparing widths, in points.
const EPS: f32 = 1e-3;

/// Text between two break opportunities: a word with its trailing spaces.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Byte range in the paragraph, without the line feed of a hard break.
    pub range: Range<usize>,
    /// A hard line break follows.
    pub mandatory: bool,
    /// The span at the break, which gives an empty line its height.
    pub span: usize,
}

/// One line, before positioning.
#[derive(Debug)]
pub(super) struct BrokenLine {
    pub runs: Vec<ShapedRun>,
    /// The span to take metrics from if the line is empty.
    pub span: usize,
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}')
}

pub(super) fn words(para: &Prepared<'_>) -> Vec<Word> {
    let text = para.text.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    for (at, opportunity) in linebreaks(text) {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        if !mandatory {
            let before = text[..at].chars().next_back();
            let after = text[at..].chars().next();
            if before == Some('\u{AD}')
                || before.is_some_and(is_no_break_space)
                || after.is_some_and(is_no_break_space)
            {
                continue;
            }
        }
        let mut end = at;
        if mandatory && text[..end].ends_with('\n') {
            end -= 1;
        }
        out.push(Word {
            range: start..end,
            mandatory,
            span: para.span_at(start.min(end.saturating_sub(1))),
        });
        start = at;
    }
    out
}

/// Fills lines first-fit within `max_width`.
pub(super) fn fill(
    shaper: &Shaper<'_>,
    words: &[Word],
    max_width: f32,
    lang: Lang,
) -> Vec<BrokenLine> {
    let mut lines = Vec::new();
    let mut current: Vec<ShapedRun> = Vec::new();
    // Width of the current line, including the trailing spaces of its last word (they
    // separate it from the next word).
    let mut used = 0.0;
    let mut span = 0;

    for word in words {
        span = word.span;
        let mut range = word.range.clone();
        let mut runs = shaper.shape(range.clone(), false);
        let mut points: Option<Vec<usize>> = None;
        loop {
            let full = shaping::width(&runs);
            let visible = full - shaping::trailing_space(&runs);
            if used + visible <= max_width + EPS {
                current.append(&mut runs);
                used += full;
                break;
            }
            if !current.is_empty() && visible <= max_width + EPS {
                lines.push(BrokenLine {
                    runs: std::mem::take(&mut current),
                    span,
                });
                used = 0.0;
                continue;
            }
            // The word is wider than a whole line: cut it, filling this line first.
            let points = points
                .get_or_insert_with(|| hyphenation_points(shaper.text(), word.range.clone(), lang));
            match cut(
                shaper,
                &range,
                &runs,
                points,
                max_width - used,
                current.is_empty(),
            ) {
                Cut::At(mut head, rest) => {
                    current.append(&mut head);
                    lines.push(BrokenLine {
                        runs: std::mem::take(&mut current),
                        span,
                    });
                    used = 0.0;
                    range = rest;
                    runs = shaper.shape(range.clone(), false);
                }
                Cut::NotHere => {
                    lines.push(BrokenLine {
                        runs: std::mem::take(&mut current),
                        span,
                    });
                    used = 0.0;
                }
                Cut::Impossible => {
                    // A single cluster wider than the box: nothing narrower exists.
                    current.append(&mut runs);
                    used += full;
                    break;
                }
            }
        }
        if word.mandatory {
            lines.push(BrokenLine {
                runs: std::mem::take(&mut current),
                span,
            });
            used = 0.0;
        }
    }
    if !current.is_empty() {
        lines.push(BrokenLine {
            runs: current,
            span,
        });
    }
    lines
}

enum Cut {
    /// Put the head on the current line; the range is what is left of the word.
    At(Vec<ShapedRun>, Range<usize>),
    /// Nothing fits in what is left of the current line; retry on a new one.
    NotHere,
    /// The word is one cluster: it cannot be cut.
    Impossible,
}

fn cut(
    shaper: &Shaper<'_>,
    range: &Range<usize>,
    runs: &[ShapedRun],
    points: &[usize],
    available: f32,
    line_is_empty: bool,
) -> Cut {
    // Where each cluster of the rest of the word starts, and the pen there: measured once from
    // the glyphs already shaped. Heads are estimated from it, and only a head whose estimate
    // fits is shaped for real (kerning across the cut and the hyphen change the width
    // slightly): reshaping every candidate head from the word's start made a long word with
    // many hyphenation points cost the square of its length (33 s for 2,000 characters).
    let mut clusters: Vec<(usize, f32)> = Vec::new();
    let mut pen = 0.0;
    for run in runs {
        for glyph in &run.glyphs {
            let at = run.offset + glyph.start as usize;
            // Offsets past the original text belong to an inserted hyphen.
            if glyph.end > glyph.start && at > range.start && at < range.end {
                clusters.push((at, pen));
            }
            pen += glyph.advance;
        }
    }
    let pen_at = |at: usize| {
        let i = clusters.partition_point(|&(offset, _)| offset <= at);
        i.checked_sub(1).map_or(0.0, |i| clusters[i].1)
    };
    // Kerning across the cut can make a head narrower than its estimate, never by a quarter
    // of an em: heads estimated within that are checked.
    let slack = runs.iter().map(|r| r.size).fold(0.0, f32::max) / 4.0;
    // Hyphenation first, longest head that fits.
    for &at in points.iter().rev() {
        if at <= range.start || at >= range.end || pen_at(at) > available + slack {
            continue;
        }
        let head = shaper.shape(range.start..at, true);
        if shaping::width(&head) <= available + EPS {
            return Cut::At(head, at..range.end);
        }
    }
    if !line_is_empty {
        return Cut::NotHere;
    }

    // Last resort: between clusters, never right before a no-break space.
    let text = shaper.text();
    let bounds: Vec<(usize, f32)> = clusters
        .into_iter()
        .filter(|&(at, _)| !text[at..].chars().next().is_some_and(is_no_break_space))
        .collect();
    if bounds.is_empty() {
        return Cut::Impossible;
    }
    // Estimate from the whole word's advances, then check with a real reshape (kerning
    // across the cut changes the width slightly) and step back if needed.
    let mut index = bounds
        .iter()
        .rposition(|&(_, w)| w <= available + EPS)
        .unwrap_or(0);
    loop {
        let at = bounds[index].0;
        let head = shaper.shape(range.start..at, false);
        if index == 0 || shaping::width(&head) <= available + EPS {
            return Cut::At(head, at..range.end);
        }
        index -= 1;
    }
}

/// Byte offsets (in the paragraph) where the word may be hyphenated: at its soft hyphens if
/// it has any, else where the language's patterns allow, within each run of letters.
fn hyphenation_points(text: &str, range: Range<usize>, lang: Lang) -> Vec<usize> {
    let word = &text[range.clone()];
    let soft: Vec<usize> = word
        .match_indices('\u{AD}')
        .map(|(i, _)| range.start + i)
        .collect();
    if !soft.is_empty() {
        return soft;
    }
    let Some(dictionary) = dictionary(lang) else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let mut letters_start = None;
    let mut scan = word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')));
    for (i, c) in &mut scan {
        match (c.is_alphabetic(), letters_start) {
            (true, None) => letters_start = Some(i),
            (false, Some(s)) => {
                let letters = &word[s..i];
                points.extend(
                    dictionary
                        .hyphenate(letters)
                        .breaks
                        .into_iter()
                        // Shaping slices the text here: never trust an offset to be a char
                        // boundary without checking.
                        .filter(|&b| letters.is_char_boundary(b))
                        .map(|b| range.start + s + b),
                );
                letters_start = None;
            }
            _ => {}
        }
    }
    points
}

/// The embedded patterns for a language, deserialised once per process.
fn dictionary(lang: Lang) -> Option<&'static Standard> {
    static FRENCH: OnceLock<Option<Standard>> = OnceLock::new();
    static ENGLISH: OnceLock<Option<Standard>> = OnceLock::new();
    let (cell, language) = match lang {
        Lang::Fr => (&FRENCH, Language::French),
        Lang::En => (&ENGLISH, Language::EnglishUS),
    };
    cell.get_or_init(|| Standard::from_embedded(language).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::super::{collect::collect, Span, TextStyle};
    use super::*;

    fn words_of(text: &str) -> Vec<String> {
        let spans = [Span::new(text, TextStyle::default())];
        let para = collect(&spans);
        words(&para)
            .into_iter()
            .map(|w| para.text[w.range].to_string())
            .collect()
    }

    #[test]
    fn no_break_spaces_glue_french_punctuation() {
        assert_eq!(
            words_of("Il dit «\u{A0}oui\u{A0}» puis\u{202F}: non \u{202F}!"),
            [
                "Il ",
                "dit ",
                "«\u{A0}oui\u{A0}» ",
                "puis\u{202F}: ",
                // UAX #14 alone would allow a break after the ordinary space.
                "non \u{202F}!",
            ]
        );
    }

    #[test]
    fn hard_breaks_end_words_without_the_line_feed() {
        assert_eq!(words_of("a b\n\nc"), ["a ", "b", "", "c"]);
    }

    #[test]
    fn french_patterns_hyphenate() {
        let text = "anticonstitutionnellement";
        let points = hyphenation_points(text, 0..text.len(), Lang::Fr);
        assert!(points.len() >= 4, "{points:?}");
        let text = "« l’anticonstitutionnellement »";
        let points = hyphenation_points(text, 0..text.len(), Lang::Fr);
        assert!(points.iter().all(|&p| text.is_char_boundary(p)));
        assert!(points.iter().all(|&p| p > text.find('a').unwrap_or(0)));
    }

    #[test]
    fn soft_hyphens_take_priority() {
        let text = "ad\u{AD}ministration";
        assert_eq!(hyphenation_points(text, 0..text.len(), Lang::Fr), [2]);
    }
}
