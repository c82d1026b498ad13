//! Typography, applied once to the model so that every output gets it. In French: a narrow no-break
//! space (U+202F) before `; : ! ?` and inside `« »`, straight double quotes as « » (“ ” inside),
//! typographic apostrophes; in English: “ ” and ‘ ’; in both, `...` as `…`, and emoji shortcodes
//! (`:rocket:`, GitHub's names) turned into their emoji. Code is left as
//! written. Breaking before the narrow space is what French readers never want, and both the HTML
//! (the browser) and the PDF line breaker treat U+202F as non-breaking.

use crate::model::{AgendaEntry, Block, Body, Inline, Lang, Meta, Note, Slide};

pub const NNBSP: char = '\u{202f}';

/// The front matter's texts get the same treatment as the slides'.
pub fn apply_meta(meta: &mut Meta) {
    let lang = meta.lang;
    meta.title = text(&meta.title, lang, &mut None);
    for field in [
        &mut meta.subtitle,
        &mut meta.author,
        &mut meta.audience,
        &mut meta.contact,
    ]
    .into_iter()
    .flatten()
    {
        *field = text(field, lang, &mut None);
    }
}

pub fn apply(slides: &mut [Slide], lang: Lang) {
    let fix = |inlines: &mut Vec<Inline>| inlines_fix(inlines, lang, &mut None);
    for slide in slides {
        if let Some(t) = &mut slide.title {
            fix(t);
        }
        for field in [&mut slide.header, &mut slide.footer].into_iter().flatten() {
            *field = text(field, lang, &mut None);
        }
        // A code note (a diagram's source) is kept as written.
        for n in &mut slide.notes {
            if let Note::Text(t) = n {
                *t = text(t, lang, &mut None);
            }
        }
        for f in &mut slide.facilitator {
            fix(f);
        }
        match &mut slide.body {
            Body::Blocks { blocks } => blocks_fix(blocks, lang),
            Body::TwoColumn { left, right } => {
                blocks_fix(left, lang);
                blocks_fix(right, lang);
            }
            Body::Testimony {
                quote, name, role, ..
            } => {
                blocks_fix(quote, lang);
                name.iter_mut().chain(role.iter_mut()).for_each(fix);
            }
            Body::KeyFigure { caption, .. } => blocks_fix(caption, lang),
            Body::Comparison {
                left_title,
                left,
                right_title,
                right,
                ..
            } => {
                fix(left_title);
                fix(right_title);
                blocks_fix(left, lang);
                blocks_fix(right, lang);
            }
            Body::Poll { question, options } => {
                question.iter_mut().for_each(fix);
                options.iter_mut().for_each(fix);
            }
            Body::Definition { term, definition } => {
                fix(term);
                blocks_fix(definition, lang);
            }
            Body::Closing {
                blocks,
                contact,
                question,
            } => {
                blocks_fix(blocks, lang);
                contact.iter_mut().chain(question.iter_mut()).for_each(fix);
            }
            Body::Agenda { intro, entries } => {
                blocks_fix(intro, lang);
                for AgendaEntry { text, .. } in entries {
                    fix(text);
                }
            }
        }
    }
}

fn blocks_fix(blocks: &mut [Block], lang: Lang) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                inlines_fix(content, lang, &mut None)
            }
            Block::List(list) => list
                .items
                .iter_mut()
                .for_each(|i| blocks_fix(&mut i.blocks, lang)),
            Block::Quote { blocks } => blocks_fix(blocks, lang),
            Block::Table { header, rows, .. } => {
                for cell in header.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines_fix(cell, lang, &mut None);
                }
            }
            Block::Image(image) => image.alt = text(&image.alt, lang, &mut None),
            Block::Diagram(diagram) => {
                inlines_fix(&mut diagram.alt, lang, &mut None);
                inlines_fix(&mut diagram.label, lang, &mut None);
            }
            Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
        }
    }
}

/// `prev` carries the last character across inline boundaries (`**Gains**:`).
fn inlines_fix(inlines: &mut [Inline], lang: Lang, prev: &mut Option<char>) {
    for inline in inlines {
        match inline {
            Inline::Text { text: t } => *t = text(t, lang, prev),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => inlines_fix(content, lang, prev),
            Inline::Code { text } => *prev = text.chars().last(),
            Inline::Break => *prev = Some(' '),
            Inline::Html { .. } => {}
        }
    }
}

/// Replaces each `:name:` that names an emoji (GitHub's shortcodes, as Slidev and GitHub read
/// them) by that emoji; any other `:…:` is left as written (`10:30:00`, `a:b:c`).
pub fn shortcodes(input: &str) -> std::borrow::Cow<'_, str> {
    if !input.contains(':') {
        return input.into();
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let emoji = (name_len > 0 && after[name_len..].starts_with(':'))
            .then(|| emojis::get_by_shortcode(&after[..name_len]))
            .flatten();
        match emoji {
            Some(emoji) => {
                out.push_str(&rest[..start]);
                out.push_str(emoji.as_str());
                rest = &after[name_len + 1..];
            }
            None => {
                out.push_str(&rest[..=start]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Applies the rules to one run of text.
pub fn text(input: &str, lang: Lang, prev: &mut Option<char>) -> String {
    // Shortcodes first: their colons are not punctuation to space.
    let input = shortcodes(input);
    let input = input.as_ref();
    let mut out = String::with_capacity(input.len() + 8);
    let chars: Vec<char> = input.chars().collect();
    let french = lang == Lang::Fr;
    // Quotes opened in this text: whether each is the outer one.
    let mut quotes: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let before = out.chars().last().or(*prev);
        // A quote opens after a space, the start of the text or an opening bracket; else it
        // closes. (Asked only of quotes: it was a substring search for every character.)
        let opens = || {
            before.is_none_or(|b| {
                b.is_whitespace()
                    || matches!(b, '(' | '[' | '{' | '«' | '“' | '‘' | '—' | '–' | '-' | '/')
            })
        };
        match c {
            '\'' if before.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic) =>
            {
                out.push('’')
            }
            '"' => {
                if opens() && next.is_some_and(|n| !n.is_whitespace()) {
                    // French: « » outside, “ ” inside; English: “ ” outside, ‘ ’ inside.
                    let outer = quotes.is_empty();
                    quotes.push(outer);
                    match (french, outer) {
                        (true, true) => {
                            out.push('«');
                            out.push(NNBSP);
                        }
                        (true, false) | (false, true) => out.push('“'),
                        (false, false) => out.push('‘'),
                    }
                } else {
                    let outer = quotes.pop().unwrap_or(true);
                    match (french, outer) {
                        (true, true) => {
                            let trimmed = out.trim_end_matches([' ', '\u{a0}']).len();
                            out.truncate(trimmed);
                            out.push(NNBSP);
                            out.push('»');
                        }
                        (true, false) | (false, true) => out.push('”'),
                        (false, false) => out.push('’'),
                    }
                }
            }
            '\'' if !french && opens() && next.is_some_and(char::is_alphanumeric) => out.push('‘'),
            '\'' if !french
                && before
                    .is_some_and(|b| b.is_alphanumeric() || matches!(b, '.' | ',' | '!' | '?')) =>
            {
                out.push('’')
            }
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            ';' | ':' | '!' | '?' if french => {
                let ends_word = next.is_none_or(|n| {
                    n.is_whitespace() || matches!(n, '!' | '?' | ')' | '»' | '"' | '.')
                });
                if out.ends_with([' ', '\u{a0}']) {
                    let trimmed = out.trim_end_matches([' ', '\u{a0}']).len();
                    // Only when there is a word before the spaces (not at the start of a line).
                    if trimmed > 0 || prev.is_some_and(|p| !p.is_whitespace()) {
                        out.truncate(trimmed);
                        out.push(NNBSP);
                    }
                } else if ends_word
                    && before.is_some_and(|b| {
                        b.is_alphanumeric() || matches!(b, ')' | '»' | '"' | '’' | '*' | '%' | '€')
                    })
                {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            '«' if french => {
                out.push(c);
                while chars
                    .get(i + 1)
                    .is_some_and(|n| *n == ' ' || *n == '\u{a0}')
                {
                    i += 1;
                }
                if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
                    out.push(NNBSP);
                }
            }
            '»' if french => {
                if out.ends_with([' ', '\u{a0}']) {
                    let trimmed = out.trim_end_matches([' ', '\u{a0}']).len();
                    out.truncate(trimmed);
                    out.push(NNBSP);
                } else if before.is_some_and(|b| !b.is_whitespace() && b != NNBSP) {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if let Some(last) = out.chars().last() {
        *prev = Some(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(s: &str) -> String {
        text(s, Lang::Fr, &mut None).replace(NNBSP, "_")
    }

    #[test]
    fn french_spacing() {
        assert_eq!(fr("Pourquoi ? Parce que !"), "Pourquoi_? Parce que_!");
        assert_eq!(fr("Gains: rapides; sûrs"), "Gains_: rapides_; sûrs");
        assert_eq!(fr("« cloud au centre »"), "«_cloud au centre_»");
        assert_eq!(fr("«cloud»"), "«_cloud_»");
        assert_eq!(
            fr("à 10:30, voir https://x.fr"),
            "à 10:30, voir https://x.fr"
        );
        assert_eq!(fr("Quoi ?!"), "Quoi_?!");
        assert_eq!(fr("l'État"), "l’État");
    }

    #[test]
    fn shortcodes_become_emoji_in_any_language() {
        assert_eq!(fr("Parfait :ok_hand: !"), "Parfait 👌_!");
        assert_eq!(
            text(":rocket: launch :+1:", Lang::En, &mut None),
            "🚀 launch 👍"
        );
        // Not emoji names: left as written, French spacing as before.
        assert_eq!(fr("à 10:30:00"), "à 10:30:00");
        assert_eq!(fr(":pas_un_emoji: ici"), ":pas_un_emoji_: ici");
        assert_eq!(fr("::"), "::");
    }

    #[test]
    fn english_spacing_is_left_alone() {
        assert_eq!(
            text("Why? Because: it's «x»", Lang::En, &mut None),
            "Why? Because: it’s «x»"
        );
    }

    #[test]
    fn quotes_and_ellipsis() {
        assert_eq!(
            fr("Il faut \"disrupter\" le service..."),
            "Il faut «_disrupter_» le service…"
        );
        assert_eq!(
            fr("\"Le mot \"cloud\" fait peur\""),
            "«_Le mot “cloud” fait peur_»"
        );
        assert_eq!(fr("Un \" seul"), "Un_» seul");
        let en = |s: &str| text(s, Lang::En, &mut None);
        assert_eq!(
            en("the \"cloud\" and 'DevOps' era..."),
            "the “cloud” and ‘DevOps’ era…"
        );
        assert_eq!(en("\"say 'yes'\""), "“say ‘yes’”");
        assert_eq!(en("the teams' work"), "the teams’ work");
    }
}
