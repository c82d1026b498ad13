//! What the leaflet keeps of a deck, for a decision maker who was not in the room: the opening
//! "L'essentiel" (the final objective, the key figure, three gains, the next step), and for each
//! slide whether it belongs to the room only (session logistics, opening questions) and which
//! sentences of its speaker notes explain rather than direct the trainer. Read from the model
//! alone: the leaflet's layout sets what this returns.

use crate::model::{plain_text, Block, Body, Deck, Inline, Layout, Note, Slide};

/// The opening box's content, each part when the deck has it.
#[derive(Debug, Default)]
pub(super) struct KeyPoints {
    /// The final objective, as one sentence ("Tout nouveau projet… : pour livrer…").
    pub objective: Option<Vec<Inline>>,
    /// The key figure and the first line of its caption.
    pub figure: Option<(String, Vec<Inline>)>,
    /// The first three points of the deck's gains slide(s).
    pub gains: Vec<Vec<Inline>>,
    /// The first of the next steps.
    pub next_step: Option<Vec<Inline>>,
    /// Slides the box says all of: left out of the parts below it.
    pub used: Vec<usize>,
}

impl KeyPoints {
    pub fn is_empty(&self) -> bool {
        self.objective.is_none()
            && self.figure.is_none()
            && self.gains.is_empty()
            && self.next_step.is_none()
    }
}

/// Titles that name a part of the opening box, in French and English.
const OBJECTIVE: &[&str] = &[
    "objectif final",
    "objectif principal",
    "final objective",
    "main objective",
    "final goal",
];
const GAINS: &[&str] = &["gain", "bénéfice", "avantage", "benefit"];
const NEXT: &[&str] = &["prochaine étape", "prochaines étapes", "next step"];
/// Titles of slides about the session itself rather than its subject.
const LOGISTICS: &[&str] = &[
    "format",
    "logistique",
    "déroulé",
    "déroulement",
    "programme",
    "ordre du jour",
    "agenda",
    "logistics",
    "housekeeping",
    "practical",
];
/// First words of a note's sentence that direct the trainer ("Demander à la salle…").
const DIRECTIONS: &[&str] = &[
    "accueillir",
    "poser",
    "lire",
    "demander",
    "revenir",
    "vote",
    "voter",
    "annoncer",
    "rassurer",
    "proposer",
    "faire",
    "laisser",
    "montrer",
    "présenter",
    "enchaîner",
    "insister",
    "rappeler",
    "inviter",
    "passer",
    "partie",
    "conclure",
    "noter",
    "distribuer",
    "démystifier",
    "puis",
    "ordre de grandeur",
    "welcome",
    "ask",
    "read",
    "go back",
    "return",
    "announce",
    "reassure",
    "offer",
    "let",
    "show",
    "present",
    "insist",
    "remind",
    "invite",
    "move",
    "part",
    "conclude",
    "then",
];

fn title_of(slide: &Slide) -> String {
    slide.title_text().to_lowercase().replace('’', "'")
}

fn titled(slide: &Slide, words: &[&str]) -> bool {
    let t = title_of(slide);
    words.iter().any(|w| t.contains(w))
}

/// First-level points of blocks: paragraphs and list items' first paragraphs.
fn points<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<&'a [Inline]> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph { content } => out.push(content.as_slice()),
            Block::List(list) => out.extend(list.items.iter().filter_map(|i| first(&i.blocks))),
            _ => {}
        }
    }
    out.retain(|p| !plain_text(p).trim().is_empty());
    out
}

fn first(blocks: &[Block]) -> Option<&[Inline]> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph { content } => Some(content.as_slice()),
        _ => None,
    })
}

/// The list items of a slide (what the box takes gains and steps from).
fn list_points(slide: &Slide) -> Vec<&[Inline]> {
    slide
        .body
        .blocks()
        .into_iter()
        .filter_map(|b| match b {
            Block::List(list) => Some(list.items.iter().filter_map(|i| first(&i.blocks))),
            _ => None,
        })
        .flatten()
        .collect()
}

pub(super) fn key_points(deck: &Deck) -> KeyPoints {
    let mut out = KeyPoints::default();
    let first = |words: &[&str]| {
        deck.slides
            .iter()
            .enumerate()
            .find(|(_, s)| s.continuation == 0 && s.layout != Layout::Title && titled(s, words))
    };
    if let Some((i, slide)) = first(OBJECTIVE) {
        let sentence = match &slide.body {
            Body::Definition { term, definition } => {
                let mut line = term.clone();
                if let Some(Block::Paragraph { content }) = definition.first() {
                    let colon = match deck.meta.lang {
                        crate::model::Lang::Fr => "\u{202f}: ",
                        crate::model::Lang::En => ": ",
                    };
                    line.push(Inline::text(colon));
                    line.extend(after_colon(content));
                }
                Some(line)
            }
            body => points(body.blocks()).first().map(|p| p.to_vec()),
        };
        if let Some(s) = sentence {
            out.objective = Some(s);
            out.used.push(i);
        }
    }
    out.figure = deck.slides.iter().find_map(|s| match &s.body {
        Body::KeyFigure { figure, caption } => Some((
            figure.clone(),
            points(caption)
                .first()
                .map(|p| p.to_vec())
                .unwrap_or_default(),
        )),
        _ => None,
    });
    for slide in deck
        .slides
        .iter()
        .filter(|s| s.layout != Layout::Title && titled(s, GAINS))
    {
        for p in list_points(slide) {
            if out.gains.len() < 3 {
                out.gains.push(p.to_vec());
            }
        }
    }
    if let Some((i, slide)) = first(NEXT) {
        if let Some(p) = points(slide.body.blocks()).first() {
            out.next_step = Some(p.to_vec());
            // The other steps stay in the parts when there are several.
            if list_points(slide).len() <= 1 {
                out.used.push(i);
            }
        }
    }
    out
}

/// A definition's text as it reads after its term and a colon: the capital the slide gives it
/// ("Une façon de…") back in lower case, unless the word is an acronym or a name in capitals.
pub(super) fn after_colon(content: &[Inline]) -> Vec<Inline> {
    let mut out = content.to_vec();
    if let Some(Inline::Text { text }) = out.first_mut() {
        let mut chars = text.chars();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            if a.is_uppercase() && b.is_lowercase() {
                *text = a
                    .to_lowercase()
                    .chain(text[a.len_utf8()..].chars())
                    .collect();
            }
        }
    }
    out
}

/// A slide about the session rather than its subject: its format, its programme.
pub(super) fn is_logistics(slide: &Slide) -> bool {
    titled(slide, LOGISTICS)
}

/// Opening questions put to the room ("Pourquoi me parle-t-on de… ?" over "en général ?",
/// "pour mes projets ?"): a slide whose points are questions, or trail off.
pub(super) fn is_rhetorical(slide: &Slide) -> bool {
    if !matches!(slide.body, Body::Blocks { .. }) || slide.layout != Layout::Content {
        return false;
    }
    let points = points(slide.body.blocks());
    let asks = |t: &str| {
        let t = t.trim_end();
        t.ends_with('?') || t.ends_with('…') || t.ends_with("...")
    };
    let questions = points
        .iter()
        .filter(|p| plain_text(p).trim_end().ends_with('?'))
        .count();
    !points.is_empty()
        && points.iter().all(|p| asks(&plain_text(p)))
        && questions * 2 >= points.len()
}

/// The sentences of a slide's speaker notes that explain the subject: without those that direct
/// the trainer ("Demander à la salle…", "Partie 1, environ 5 minutes."), ask the room a question,
/// or time the session.
pub(super) fn explanatory_notes(slide: &Slide) -> Vec<String> {
    let mut out = Vec::new();
    // A diagram's source is for the presenter, not a summary.
    for note in slide.notes.iter().filter_map(Note::prose) {
        let kept: Vec<&str> = sentences(note)
            .into_iter()
            .filter(|s| explains(s))
            .collect();
        if !kept.is_empty() {
            out.push(kept.join(" "));
        }
    }
    out
}

fn explains(sentence: &str) -> bool {
    let s = sentence.trim();
    let lower = s.to_lowercase();
    let directs = DIRECTIONS.iter().any(|d| {
        lower
            .strip_prefix(d)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphabetic))
    });
    let bare = s.trim_end_matches(['»', '”', ' ', '\u{202f}', '\u{a0}']);
    // A sentence cut out of a quotation the trainer is to say is not the leaflet's.
    let balanced = s.matches('«').count() == s.matches('»').count()
        && s.matches('“').count() == s.matches('”').count();
    !s.is_empty()
        && !directs
        && balanced
        && !bare.ends_with('?')
        && !["minute", "à la salle", "the room", "session"]
            .iter()
            .any(|w| lower.contains(w))
}

/// A note cut into sentences, after `.`, `?` or `!` and a space (a question mark in French is
/// preceded by a narrow space, which stays with it).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        let next = bytes.get(k + 1).map(|&(_, n)| n);
        if matches!(c, '.' | '?' | '!') && next.is_none_or(char::is_whitespace) && i + 1 > start {
            let mut end = i + c.len_utf8();
            // A closing quotation mark after the question stays with it.
            let after = text[end..].trim_start_matches([' ', '\u{202f}', '\u{a0}']);
            if let Some(q) = after.chars().next().filter(|q| matches!(q, '»' | '”')) {
                end = text.len() - after.len() + q.len_utf8();
            }
            if end <= start {
                continue;
            }
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_what_explains() {
        let (deck, _) = crate::input::load(
            std::path::Path::new("tests/fixtures/valid/layouts/deck.md"),
            &Default::default(),
        )
        .expect("the layouts fixture");
        let slide = |note: &str| Slide {
            notes: vec![Note::Text(note.to_string())],
            ..deck.slides[0].clone()
        };
        assert_eq!(
            explanatory_notes(&slide(
                "Partie 1, environ 5 minutes. Passer du « pourquoi » général au « pourquoi moi »."
            )),
            Vec::<String>::new()
        );
        assert_eq!(
            explanatory_notes(&slide(
                "Pourquoi faire ça\u{202f}? Exemple de la crise Covid : des services ont dû absorber une charge multipliée."
            )),
            ["Exemple de la crise Covid : des services ont dû absorber une charge multipliée."]
        );
        assert_eq!(
            explanatory_notes(&slide("Demander à la salle : « Qui a déjà renoncé ? » Les citoyens comparent nos services.")),
            ["Les citoyens comparent nos services."]
        );
    }
}
