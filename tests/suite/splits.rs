//! Splits a designer would make, decided by the slide layout itself: generated lists of 1 to 30
//! items (flat and nested) and agendas are cut into balanced parts, never leaving one item alone
//! on a "(suite)" slide when a balance exists, a bullet always with its sub-bullets, every part
//! at or above the theme's smallest scale. And the page model of the sample deck's slides, the
//! one geometry both outputs follow, kept as a readable snapshot.

use crate::support::Deck;
use diapo::layout::page::Item;
use diapo::model::{Block, Body};
use std::fmt::Write;

const SAMPLE: &str = "decks/sensibilisation";
const SEED: &str = "../shared/seeds/sensibilisation-outline.md";

/// A content slide whose list has `n` items, each with `sub` sub-bullets.
fn list_deck(n: usize, sub: usize) -> String {
    let mut md = String::from("# Atelier\n\n### Les raisons\n\n");
    for i in 1..=n {
        let _ = writeln!(md, "- Raison numéro {i}, expliquée en une ligne");
        for j in 1..=sub {
            let _ = writeln!(md, "  - détail {i}.{j} de la raison");
        }
    }
    md
}

/// The top-level items of each part of the slide "Les raisons" (item texts), and its scales.
fn parts(md: &str) -> (Vec<Vec<String>>, Vec<f32>) {
    let p = Deck::markdown(md).prepare();
    let mut parts = Vec::new();
    let mut scales = Vec::new();
    for (slide, scale) in p.deck.slides.iter().zip(&p.scales) {
        if slide.title_text() != "Les raisons" {
            continue;
        }
        let mut items = Vec::new();
        let Body::Blocks { blocks } = &slide.body else {
            panic!("a list slide with another body")
        };
        for block in blocks {
            if let Block::List(list) = block {
                for item in &list.items {
                    let text = diapo::model::plain_text(match item.blocks.first() {
                        Some(Block::Paragraph { content }) => content,
                        _ => panic!("an item without its text"),
                    });
                    // A bullet travels with its sub-bullets.
                    let subs = item
                        .blocks
                        .iter()
                        .filter_map(|b| match b {
                            Block::List(l) => Some(l.items.len()),
                            _ => None,
                        })
                        .sum::<usize>();
                    items.push(format!("{text} +{subs}"));
                }
            }
        }
        parts.push(items);
        scales.push(*scale);
    }
    (parts, scales)
}

fn assert_balanced(n: usize, sub: usize) {
    let (parts, scales) = parts(&list_deck(n, sub));
    let counts: Vec<usize> = parts.iter().map(Vec::len).collect();
    // Every item once, in order, with all its sub-bullets.
    let all: Vec<String> = parts.concat();
    let expected: Vec<String> = (1..=n)
        .map(|i| format!("Raison numéro {i}, expliquée en une ligne +{sub}"))
        .collect();
    assert_eq!(
        all, expected,
        "{n} items with {sub} sub-bullets: {counts:?}"
    );
    // Equal items: parts differ by one item at most, so no part is a lone leftover.
    let (min, max) = (
        counts.iter().min().copied().unwrap_or(0),
        counts.iter().max().copied().unwrap_or(0),
    );
    assert!(
        max - min <= 1,
        "{n} items with {sub} sub-bullets split unevenly: {counts:?}"
    );
    if counts.len() > 1 {
        assert!(min > 1, "{n} items: a lone item on a slide: {counts:?}");
    }
    // Body text never below the theme's bound (0.8 of 30 px: 24 px).
    assert!(
        scales.iter().all(|s| *s >= 0.8 - 1e-3),
        "{n} items shrunk below the theme's bound: {scales:?}"
    );
}

#[test]
fn flat_lists_of_1_to_30_items_split_evenly() {
    for n in 1..=30 {
        assert_balanced(n, 0);
    }
}

#[test]
fn nested_lists_split_evenly_and_keep_sub_bullets_with_their_bullet() {
    for n in [2, 3, 4, 5, 6, 7, 9, 12, 16] {
        assert_balanced(n, 2);
    }
}

#[test]
fn a_list_a_little_too_long_shrinks_a_little_rather_than_split() {
    // The first list too long for the slide at full size stays one slide, shrunk a little: a
    // leftover item is not worth a "(suite)" slide.
    let n = (1..=30)
        .find(|&n| parts(&list_deck(n, 0)).1 != [1.0])
        .expect("some list overflows");
    let (parts, scales) = parts(&list_deck(n, 0));
    assert_eq!(parts.len(), 1, "{n} items: {parts:?}");
    assert!(scales[0] < 1.0 && scales[0] >= 0.9, "{n} items: {scales:?}");
}

#[test]
fn a_fourteen_entry_agenda_splits_in_two_balanced_parts() {
    let mut md = String::from("# Formation\n\n## Sommaire\n\n");
    for i in 1..=14 {
        let _ = writeln!(md, "- Partie numéro {i}, avec ce qu’elle apporte");
    }
    let p = Deck::markdown(&md).prepare();
    let counts: Vec<usize> = p
        .deck
        .slides
        .iter()
        .filter_map(|s| match &s.body {
            Body::Agenda { entries, .. } => Some(entries.len()),
            _ => None,
        })
        .collect();
    assert!(counts.len() >= 2, "{counts:?}");
    let (min, max) = (
        counts.iter().min().copied().unwrap_or(0),
        counts.iter().max().copied().unwrap_or(0),
    );
    assert!(max - min <= 1, "{counts:?}");
    assert_eq!(counts.iter().sum::<usize>(), 14);
}

#[test]
fn the_seed_outline_has_no_continuation_slide_with_a_lone_item() {
    // A lone bullet on a "(suite)" slide is a leftover; a bullet with its sub-bullets is a
    // group too tall to share the slide with the part before, and may stand alone.
    let p = Deck::fixture_path_or_file(SEED).prepare();
    let mut continued = 0;
    for slide in p.deck.slides.iter().filter(|s| s.continuation > 0) {
        continued += 1;
        let lone = match &slide.body {
            Body::Blocks { blocks } => match blocks.as_slice() {
                [Block::List(l)] => {
                    l.items.len() == 1
                        && !l.items[0]
                            .blocks
                            .iter()
                            .any(|b| matches!(b, Block::List(_)))
                }
                [Block::Paragraph { .. }] => true,
                _ => false,
            },
            Body::Agenda { entries, .. } => entries.len() == 1,
            _ => false,
        };
        assert!(
            !lone,
            "“{}” (suite {}) holds a single item",
            slide.title_text(),
            slide.continuation
        );
    }
    assert!(
        continued > 0,
        "the seed outline has long slides: some continue"
    );
}

/// A page as readable lines: each element of the structure opened and closed, text runs with
/// their place, size and text, shapes and images with their boxes (points, rounded).
fn describe(page: &diapo::layout::page::Page) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for p in &page.items {
        let indent = "  ".repeat(depth);
        let (x, y) = (p.pos.x.round(), p.pos.y.round());
        match &p.item {
            Item::Open(role) => {
                let _ = writeln!(out, "{indent}<{}>", format!("{role:?}").to_lowercase());
                depth += 1;
            }
            Item::Close => {
                depth = depth.saturating_sub(1);
            }
            Item::Text(run) => {
                let _ = writeln!(
                    out,
                    "{indent}text {x},{y} {:.1}pt {}",
                    run.size,
                    run.text.trim_end()
                );
            }
            Item::Rect(r) => {
                let _ = writeln!(
                    out,
                    "{indent}rect {x},{y} {}×{}",
                    r.size.width.round(),
                    r.size.height.round()
                );
            }
            Item::Line(_) => {
                let _ = writeln!(out, "{indent}line {x},{y}");
            }
            Item::Image(i) => {
                let _ = writeln!(
                    out,
                    "{indent}image {x},{y} {}×{}",
                    i.size.width.round(),
                    i.size.height.round()
                );
            }
            Item::Group(g) => {
                let size = g.scaled_size();
                let _ = writeln!(
                    out,
                    "{indent}group {x},{y} {}×{} ×{:.2}",
                    size.width.round(),
                    size.height.round(),
                    g.scale
                );
            }
            Item::Link(l) => {
                let _ = writeln!(
                    out,
                    "{indent}link {x},{y} {}×{}",
                    l.size.width.round(),
                    l.size.height.round()
                );
            }
        }
    }
    out
}

#[test]
fn the_sample_decks_slide_pages() {
    let p = Deck::fixture_path(SAMPLE).prepare();
    let (pages, _, _) = diapo::build::slide_pages(&p, &p.render_ctx(0));
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let _ = writeln!(
            out,
            "── slide {} ({}, scale {:.2})",
            i + 1,
            p.deck.slides[i].title_text(),
            p.scales[i]
        );
        out.push_str(&describe(page));
    }
    insta::assert_snapshot!("sample_slide_pages", out);
}
