//! Layout semantics: which layout a title asks for, and how a layout reads its slide's blocks (the
//! quote and attribution of a testimony, the number of a key figure, the two sides of a
//! comparison…). Both HTML and PDF render the resulting `Body`, so they show the same parts.

use super::markdown::Element;
use crate::model::{plain_text, AgendaEntry, Block, Body, Image, Inline, Lang, Layout, Meta, Tone};

/// Layouts implied by a slide title (already lower-cased, without the trailing colon).
pub fn from_title(title: &str) -> Option<Layout> {
    let starts = |ks: &[&str]| ks.iter().any(|k| title.starts_with(k));
    if starts(&["objectif", "objective", "learning objectives"]) {
        Some(Layout::Objectives)
    } else if starts(&[
        "témoignage",
        "temoignage",
        "testimon",
        "ce qu'en disent",
        "ce qu’en disent",
    ]) {
        Some(Layout::Testimony)
    } else if starts(&["définition", "definition"]) {
        Some(Layout::Definition)
    } else if starts(&["sondage", "poll", "quiz", "petit sondage"]) {
        Some(Layout::Poll)
    } else if starts(&[
        "ce qui marche",
        "comparaison",
        "comparison",
        "avant / après",
        "avant/après",
    ]) {
        Some(Layout::Comparison)
    } else if starts(&[
        "chiffre clé",
        "chiffre-clé",
        "chiffre clef",
        "key figure",
        "en chiffres",
    ]) {
        Some(Layout::KeyFigure)
    } else if starts(&["merci", "thank you", "contact"]) {
        Some(Layout::Closing)
    } else {
        None
    }
}

/// The notes a block contributes to a `Suggestion(s)` section: one per list item or paragraph.
pub fn notes_of(el: &Element) -> Vec<Vec<Inline>> {
    match el {
        Element::Block { block, .. } => notes_of_block(block),
        Element::Heading { content, .. } => vec![content.clone()],
        Element::Comment { .. } | Element::Note { .. } => Vec::new(),
    }
}

fn notes_of_block(block: &Block) -> Vec<Vec<Inline>> {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            if plain_text(content).trim().is_empty() {
                Vec::new()
            } else {
                vec![content.clone()]
            }
        }
        Block::List(list) => list
            .items
            .iter()
            .filter_map(|item| {
                let text = crate::model::blocks_text(&item.blocks);
                let first = item.blocks.iter().find_map(|b| match b {
                    Block::Paragraph { content } => Some(content.clone()),
                    _ => None,
                });
                match first {
                    Some(mut c) => {
                        // Nested items follow the first line, separated by " — ".
                        let rest: Vec<&str> = text
                            .lines()
                            .skip(1)
                            .filter(|l| !l.trim().is_empty())
                            .collect();
                        if !rest.is_empty() {
                            c.push(Inline::text(format!(" — {}", rest.join(" ; "))));
                        }
                        Some(c)
                    }
                    None => (!text.trim().is_empty()).then(|| vec![Inline::text(text.trim())]),
                }
            })
            .collect(),
        Block::Quote { blocks } => blocks.iter().flat_map(notes_of_block).collect(),
        // What stands in its place on a slide; its source is in the speaker notes.
        Block::Diagram(diagram) => vec![vec![Inline::text(diagram.description())]],
        _ => Vec::new(),
    }
}

/// Reads `blocks` the way `layout` needs them.
pub fn body(layout: Layout, title: Option<&[Inline]>, blocks: Vec<Block>, meta: &Meta) -> Body {
    match layout {
        Layout::Testimony => testimony(blocks),
        Layout::KeyFigure => key_figure(blocks),
        Layout::Comparison => comparison(blocks, meta.lang),
        Layout::TwoColumn => {
            let (left, right) = two_sides(blocks);
            Body::TwoColumn { left, right }
        }
        Layout::Poll => poll(title, blocks),
        Layout::Definition => definition(title, blocks),
        Layout::Closing => closing(blocks, meta),
        Layout::Agenda => agenda(blocks),
        _ => Body::Blocks { blocks },
    }
}

fn starts_with_dash(content: &[Inline]) -> Option<String> {
    let text = plain_text(content);
    let t = text.trim_start();
    for dash in ["—", "–", "--", "-"] {
        if let Some(rest) = t.strip_prefix(dash) {
            return Some(rest.trim().to_string());
        }
    }
    None
}

/// Splits "Name, role" (or "Name — role") into its parts.
fn attribution(text: &str) -> (Vec<Inline>, Option<Vec<Inline>>) {
    let (name, role) = match text.split_once(',').or_else(|| text.split_once(" — ")) {
        Some((n, r)) => (n.trim(), Some(r.trim())),
        None => (text.trim(), None),
    };
    (
        vec![Inline::text(name)],
        role.filter(|r| !r.is_empty())
            .map(|r| vec![Inline::text(r)]),
    )
}

fn testimony(blocks: Vec<Block>) -> Body {
    let mut quote = Vec::new();
    let mut name = None;
    let mut role = None;
    let mut photo: Option<Image> = None;
    let mut loose = Vec::new();
    for block in blocks {
        match block {
            Block::Quote { blocks } => {
                for b in blocks {
                    match &b {
                        Block::Paragraph { content } if starts_with_dash(content).is_some() => {
                            let (n, r) =
                                attribution(&starts_with_dash(content).unwrap_or_default());
                            name = Some(n);
                            role = r;
                        }
                        _ => quote.push(b),
                    }
                }
            }
            Block::Paragraph { ref content }
                if starts_with_dash(content).is_some() && name.is_none() =>
            {
                let (n, r) = attribution(&starts_with_dash(content).unwrap_or_default());
                name = Some(n);
                role = r;
            }
            Block::Image(image) if photo.is_none() => photo = Some(image),
            other => loose.push(other),
        }
    }
    if quote.is_empty() {
        quote = loose;
    }
    Body::Testimony {
        quote,
        name,
        role,
        photo,
    }
}

fn key_figure(blocks: Vec<Block>) -> Body {
    let mut figure = None;
    let mut caption = Vec::new();
    for block in blocks {
        if figure.is_none() {
            match &block {
                Block::Heading { content, .. } => {
                    figure = Some(plain_text(content).trim().to_string());
                    continue;
                }
                Block::Paragraph { content } => {
                    // `**80 %** du numérique public est sous-traité`: the strong part is the figure.
                    if let Some(Inline::Strong { content: strong }) = content.first() {
                        figure = Some(plain_text(strong).trim().to_string());
                        let rest: Vec<Inline> = content[1..].to_vec();
                        if !plain_text(&rest).trim().is_empty() {
                            caption.push(Block::Paragraph {
                                content: trim_start(rest),
                            });
                        }
                        continue;
                    }
                    let text = plain_text(content);
                    if text.trim().chars().count() <= 16 {
                        figure = Some(text.trim().to_string());
                        continue;
                    }
                }
                _ => {}
            }
        }
        caption.push(block);
    }
    Body::KeyFigure {
        figure: figure.unwrap_or_default(),
        caption,
    }
}

fn trim_start(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    inlines
}

/// Two sides: two sub-headings, else two lists, else a rule between them, else halves.
fn two_sides(blocks: Vec<Block>) -> (Vec<Block>, Vec<Block>) {
    let headings: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading { .. }))
        .map(|(i, _)| i)
        .collect();
    if headings.len() >= 2 {
        let mut blocks = blocks;
        let right = blocks.split_off(headings[1]);
        return (blocks, right);
    }
    if let Some(rule) = blocks.iter().position(|b| matches!(b, Block::Rule)) {
        let mut blocks = blocks;
        let mut right = blocks.split_off(rule);
        right.remove(0);
        return (blocks, right);
    }
    let lists: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::List(_)))
        .map(|(i, _)| i)
        .collect();
    if lists.len() >= 2 {
        let mut blocks = blocks;
        // The right side starts after the first list (keeping a label paragraph with its list).
        let cut = if lists[1] > lists[0] + 1 {
            lists[1] - 1
        } else {
            lists[1]
        };
        let right = blocks.split_off(cut);
        return (blocks, right);
    }
    let mut blocks = blocks;
    let half = blocks.len().div_ceil(2);
    let right = blocks.split_off(half);
    (blocks, right)
}

fn comparison(blocks: Vec<Block>, lang: Lang) -> Body {
    let (mut left, mut right) = two_sides(blocks);
    let take_title = |side: &mut Vec<Block>, default: &str| -> (Vec<Inline>, Tone) {
        match side.first() {
            Some(Block::Heading {
                content, classes, ..
            }) => {
                let t = (content.clone(), Tone::from_classes(classes));
                side.remove(0);
                t
            }
            Some(Block::Paragraph { content })
                if side.len() > 1 && plain_text(content).chars().count() < 60 =>
            {
                let t = content.clone();
                side.remove(0);
                (t, Tone::Neutral)
            }
            _ => (vec![Inline::text(default)], Tone::Neutral),
        }
    };
    let (l, r) = match lang {
        Lang::Fr => ("Ce qui marche", "Ce qui marche moins bien"),
        Lang::En => ("What works", "What works less well"),
    };
    let (left_title, left_tone) = take_title(&mut left, l);
    let (right_title, right_tone) = take_title(&mut right, r);
    Body::Comparison {
        left_title,
        left,
        right_title,
        right,
        left_tone,
        right_tone,
    }
}

fn poll(title: Option<&[Inline]>, blocks: Vec<Block>) -> Body {
    let mut question = None;
    let mut options = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { content } if question.is_none() && options.is_empty() => {
                question = Some(content)
            }
            Block::List(list) if options.is_empty() => {
                for item in list.items {
                    let text = item.blocks.into_iter().find_map(|b| match b {
                        Block::Paragraph { content } => Some(content),
                        _ => None,
                    });
                    options.extend(text);
                }
            }
            _ => {}
        }
    }
    if question.is_none() {
        question = title.map(<[Inline]>::to_vec);
    }
    Body::Poll { question, options }
}

fn definition(title: Option<&[Inline]>, blocks: Vec<Block>) -> Body {
    let mut blocks = blocks;
    let term = match blocks.first() {
        Some(Block::Heading { content, .. }) => {
            let t = content.clone();
            blocks.remove(0);
            t
        }
        Some(Block::Paragraph { content }) => match content.first() {
            // `**Cloud native** : une façon de…`
            Some(Inline::Strong { content: strong }) => {
                let term = strong.clone();
                let mut rest = content[1..].to_vec();
                if let Some(Inline::Text { text }) = rest.first_mut() {
                    *text = text
                        .trim_start_matches([' ', ':', '\u{202f}', '\u{a0}', '—', '–'])
                        .to_string();
                }
                capitalise(&mut rest);
                blocks[0] = Block::Paragraph { content: rest };
                term
            }
            _ => title.map(<[Inline]>::to_vec).unwrap_or_default(),
        },
        _ => title.map(<[Inline]>::to_vec).unwrap_or_default(),
    };
    Body::Definition {
        term,
        definition: blocks,
    }
}

/// A definition reads as a sentence: its first letter in capitals (`**Cloud** : une façon…`
/// shows "Une façon…").
fn capitalise(inlines: &mut [Inline]) {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        let mut chars = text.chars();
        if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
            *text = first.to_uppercase().chain(chars).collect();
        }
    }
}

/// Takes a planned length off the end of an agenda entry, `(10 min)` or `— 10 min`, and returns
/// it in minutes; the entry keeps its text. A bare number is not a length (`Phase (2)`).
pub(crate) fn split_minutes(text: &mut Vec<Inline>) -> Option<u32> {
    let Some(Inline::Text { text: last }) = text.last_mut() else {
        return None;
    };
    let trimmed = last.trim_end();
    let (head, value) = if let Some(inner) = trimmed.strip_suffix(')') {
        let open = inner.rfind('(')?;
        (&inner[..open], &inner[open + 1..])
    } else {
        let cut = trimmed.rfind(['—', '–', '·'])?;
        let sep = trimmed[cut..].chars().next().map_or(1, char::len_utf8);
        (&trimmed[..cut], &trimmed[cut + sep..])
    };
    let value = value.trim().replace(['\u{a0}', '\u{202f}'], " ");
    if !value.chars().any(|c| c.is_alphabetic()) || head.trim().is_empty() {
        return None;
    }
    let minutes = super::frontmatter::parse_duration(&value)?;
    *last = head.trim_end().to_string();
    if last.is_empty() {
        text.pop();
    }
    Some(minutes)
}

fn closing(blocks: Vec<Block>, meta: &Meta) -> Body {
    let mut rest = Vec::new();
    let mut contact = None;
    let mut question = None;
    for block in blocks {
        if let Block::Paragraph { content } = &block {
            let text = plain_text(content);
            let lower = text.trim().to_lowercase();
            if contact.is_none() && (lower.starts_with("contact") || lower.contains('@')) {
                // The template labels the contact: drop a written "Contact :" prefix.
                let mut c = content.clone();
                if let Some(Inline::Text { text }) = c.first_mut() {
                    let t = text.trim_start();
                    if t.to_lowercase().starts_with("contact") {
                        let rest = &t["contact".len()..];
                        let rest = rest.strip_prefix('s').unwrap_or(rest);
                        *text = rest
                            .trim_start_matches(|ch: char| ch.is_whitespace() || ch == ':')
                            .to_string();
                    }
                }
                contact = Some(c);
                continue;
            }
            // "Des questions ?" is an invitation, not a feedback question for the 0–10 scale.
            let invitation = matches!(
                lower.trim_end_matches(['?', ' ', '\u{202f}', '\u{a0}']),
                "questions"
                    | "des questions"
                    | "vos questions"
                    | "any questions"
                    | "questions and answers"
            );
            if question.is_none() && text.trim_end().ends_with('?') && !invitation {
                question = Some(content.clone());
                continue;
            }
        }
        rest.push(block);
    }
    if contact.is_none() {
        contact = meta.contact.clone().map(|c| vec![Inline::text(c)]);
    }
    Body::Closing {
        blocks: rest,
        contact,
        question,
    }
}

fn agenda(blocks: Vec<Block>) -> Body {
    let mut intro = Vec::new();
    let mut entries = Vec::new();
    for block in blocks {
        match block {
            Block::List(list) if entries.is_empty() => {
                for item in list.items {
                    if let Some(Block::Paragraph { content }) = item.blocks.into_iter().next() {
                        entries.push(AgendaEntry {
                            number: entries.len() + 1,
                            text: content,
                            target: None,
                            minutes: None,
                        });
                    }
                }
            }
            other => intro.push(other),
        }
    }
    Body::Agenda { intro, entries }
}
