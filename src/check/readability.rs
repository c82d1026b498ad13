//! Readability: what decision makers at the back of a room can take in at a glance. A slide with
//! more than [`MAX_BULLETS`] bullets in a column, more than [`MAX_WORDS`] words (title and notes
//! aside), or a bullet or paragraph that wraps to more than [`MAX_LINES`] lines as the slide
//! layout lays it out (at the slide's fitted scale) is flagged. Slides too full even once shrunk
//! are reported by fitting (`readability/overflow`).

use super::Input;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::blocks::{text_key, Rasters, Wraps};
use crate::layout::slides::Measure;
use crate::model::{plain_text, Block, Body, Inline, Layout, Slide};
use crate::rules::Rule;

pub const MAX_BULLETS: usize = 6;
pub const MAX_WORDS: usize = 40;
pub const MAX_LINES: usize = 2;

pub fn check(input: &Input<'_>, findings: &mut Diagnostics) {
    let facts = crate::facts::Facts::new(input.deck);
    let rasters = Rasters::default();
    // Slides are checked on whichever of rayon's threads is free (laying a slide out again to
    // count its lines is most of the linter's work), each thread with its own measure; the
    // findings come back in the deck's order.
    let measure = || {
        Measure::new(
            input.deck,
            input.theme,
            &facts,
            input.fonts,
            input.images,
            &rasters,
        )
    };
    let per_slide: Vec<Vec<Diagnostic>> = {
        use rayon::prelude::*;
        input
            .deck
            .slides
            .par_iter()
            .enumerate()
            .map_init(measure, |measure, (i, slide)| {
                check_slide(input, measure, i, slide)
            })
            .collect()
    };
    for diagnostic in per_slide.into_iter().flatten() {
        findings.push(diagnostic);
    }
}

/// The findings on one slide.
// Out of line: `scripts/profile` counts a stage run on rayon's threads by this function.
#[inline(never)]
fn check_slide(
    input: &Input<'_>,
    measure: &Measure<'_>,
    i: usize,
    slide: &Slide,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if matches!(slide.layout, Layout::Title | Layout::Section) {
        return findings;
    }
    let name = super::slide_name(i + 1, slide);
    let mut flag = |rule: Rule, message: String, hint: String| {
        findings.push(
            Diagnostic::warning(message)
                .rule(rule)
                .at(super::slide_location(input.src, slide))
                .with_hint(hint),
        );
    };
    let bullets = bullets_of(slide);
    if bullets > MAX_BULLETS {
        flag(
            Rule::TooManyBullets,
            format!("{name} has {bullets} bullets, more than {MAX_BULLETS}"),
            "keep the few that matter on the slide and say the rest, or put it in the notes or the handout".into(),
        );
    }
    let words = super::words(&slide.body.text());
    if words > MAX_WORDS {
        flag(
            Rule::TooManyWords,
            format!("{name} shows {words} words, more than about {MAX_WORDS}"),
            "the audience reads or listens, not both: keep key words on the slide, sentences in the notes".into(),
        );
    }
    let scale = input.scales.get(i).copied().unwrap_or(1.0);
    let mut long = Vec::new();
    if matches!(
        slide.body,
        Body::Blocks { .. } | Body::TwoColumn { .. } | Body::Comparison { .. }
    ) {
        let wraps = measure.wraps(slide, i, scale);
        for column in columns(&slide.body) {
            long_texts(&wraps, &column, &mut long);
        }
    }
    if let Some((text, lines)) = long.into_iter().max_by_key(|(_, lines)| *lines) {
        flag(
            Rule::LongLine,
            format!("{name}: “{}” runs over {lines} lines", opening(&text)),
            format!("keep each bullet to {MAX_LINES} lines at most: a few key words, the explanation in the notes"),
        );
    }
    findings
}

/// The body's columns of blocks (one, or two side by side).
fn columns(body: &Body) -> Vec<Vec<&Block>> {
    match body {
        Body::TwoColumn { left, right } | Body::Comparison { left, right, .. } => {
            vec![left.iter().collect(), right.iter().collect()]
        }
        _ => vec![body.blocks()],
    }
}

/// List items, nested ones included.
fn bullets(blocks: &[&Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List(list) => list
                .items
                .iter()
                .map(|item| 1 + bullets(&item.blocks.iter().collect::<Vec<_>>()))
                .sum(),
            Block::Quote { blocks } => bullets(&blocks.iter().collect::<Vec<_>>()),
            _ => 0,
        })
        .sum()
}

/// Paragraphs and list items laid out on more than [`MAX_LINES`] lines: `(text, lines)`.
fn long_texts(wraps: &Wraps, blocks: &[&Block], out: &mut Vec<(String, usize)>) {
    let check = |content: &[Inline], out: &mut Vec<(String, usize)>| {
        let wrapped = text_key(content)
            .and_then(|key| wraps.get(&key))
            .map_or(0, Vec::len);
        let hard = content
            .iter()
            .filter(|i| matches!(i, Inline::Break))
            .count();
        let lines = 1 + wrapped + hard;
        if lines > MAX_LINES {
            out.push((plain_text(content), lines));
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph { content } => check(content, out),
            Block::List(list) => {
                for item in &list.items {
                    for b in &item.blocks {
                        match b {
                            Block::Paragraph { content } => check(content, out),
                            Block::List(_) => long_texts(wraps, &[b], out),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The first words of a text, for a message.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words[..6].join(" "))
    }
}

/// The most bullets in a column of a slide.
fn bullets_of(slide: &Slide) -> usize {
    columns(&slide.body)
        .iter()
        .map(|c| bullets(c))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{List, ListItem};

    fn item(text: &str, sub: Option<List>) -> ListItem {
        let mut blocks = vec![Block::Paragraph {
            content: vec![Inline::text(text)],
        }];
        blocks.extend(sub.map(Block::List));
        ListItem {
            blocks,
            fragment: false,
        }
    }

    #[test]
    fn nested_bullets_count_and_columns_are_apart() {
        let sub = List {
            start: None,
            items: vec![item("a", None), item("b", None)],
        };
        let list = List {
            start: None,
            items: vec![item("un", Some(sub)), item("deux", None)],
        };
        assert_eq!(bullets(&[&Block::List(list.clone())]), 4);
        let slide = Slide {
            layout: Layout::TwoColumn,
            title: None,
            body: Body::TwoColumn {
                left: vec![Block::List(list.clone())],
                right: vec![Block::List(list)],
            },
            notes: Vec::new(),
            facilitator: Vec::new(),
            classes: Vec::new(),
            paginate: true,
            header: None,
            footer: None,
            anchor: "s".into(),
            section: None,
            continuation: 0,
            line: 1,
        };
        assert_eq!(bullets_of(&slide), 4);
    }

    #[test]
    fn openings_are_short() {
        assert_eq!(opening("un deux trois"), "un deux trois");
        assert_eq!(opening("a b c d e f g h"), "a b c d e f …");
    }
}
