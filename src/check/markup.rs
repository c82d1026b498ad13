//! Markup that reaches the audience: text a slide shows that is another tool's syntax or raw
//! markup (`:::`, `{{<`, `<div>`, `::right::`, a YAML line, `Note:`). The parser understands or
//! removes every construct it knows; this rule catches what slips through (a construct written in
//! an unexpected place, a tool diapo has never seen), before the audience does. Code is left out:
//! markup shown as code is meant.

use super::{slide_location, slide_name};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Block, Deck, Inline};
use crate::rules::Rule;

/// Front matter keys of other tools, which, seen at the start of a line of slide text, show that a
/// settings block reached the slide.
const YAML_KEYS: &[&str] = &[
    "layout",
    "transition",
    "class",
    "theme",
    "background",
    "image",
    "marp",
    "paginate",
    "headingDivider",
    "clicks",
    "level",
    "hideInToc",
    "src",
    "title",
    "backgroundColor",
];

pub fn check(deck: &Deck, src: &SourceFile, findings: &mut Diagnostics) {
    for (i, slide) in deck.slides.iter().enumerate() {
        if slide.continuation > 0 {
            continue;
        }
        let mut text = String::new();
        if let Some(t) = &slide.title {
            inline_text(t, &mut text);
            text.push('\n');
        }
        for block in slide.body.blocks() {
            block_text(block, &mut text);
        }
        if let crate::model::Body::Poll { question, options } = &slide.body {
            for inlines in question.iter().chain(options) {
                inline_text(inlines, &mut text);
                text.push('\n');
            }
        }
        if let Some(found) = text.lines().find_map(markup_in) {
            findings.push(
                Diagnostic::warning(format!(
                    "{} shows markup to the audience: `{found}`",
                    slide_name(i + 1, slide)
                ))
                .rule(Rule::MarkupShown)
                .at(slide_location(src, slide))
                .with_hint("write it in diapo's syntax (see the README), or put it in `code` if it is meant to be shown"),
            );
        }
    }
}

/// The markup a line of slide text shows, if any.
fn markup_in(line: &str) -> Option<String> {
    let t = line.trim();
    let cut = |s: &str| s.chars().take(40).collect::<String>();
    if t.starts_with(":::") || t.contains("{{<") || t.contains("{{%") || t.contains("<!--") {
        return Some(cut(t));
    }
    if t.starts_with("::") && t.ends_with("::") && t.len() > 4 {
        return Some(cut(t));
    }
    if t.starts_with("Note:") || t.starts_with("Notes:") {
        return Some(cut(t));
    }
    if let Some((key, _)) = t.split_once(": ") {
        if YAML_KEYS.contains(&key) {
            return Some(cut(t));
        }
    }
    // A tag: `<div`, `</div>`, `<br>`, `<Toc />`.
    let bytes = t.as_bytes();
    for (i, _) in t.match_indices('<') {
        let rest = &bytes[i + 1..];
        let name_start = usize::from(rest.first() == Some(&b'/'));
        let name: String = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .map(|b| *b as char)
            .collect();
        let after = rest.get(name_start + name.len()).copied();
        if !name.is_empty()
            && name.as_bytes()[0].is_ascii_alphabetic()
            && matches!(after, Some(b'>') | Some(b' ') | Some(b'/'))
            && t[i..].contains('>')
        {
            return Some(cut(&t[i..]));
        }
    }
    // Pandoc attributes left at the end of a line: `{.class}`, `{#id}`.
    if t.ends_with('}') {
        if let Some(open) = t.rfind('{') {
            let inner = &t[open + 1..t.len() - 1];
            if inner.starts_with(['.', '#']) && !inner.contains(' ') || inner.contains("=\"") {
                return Some(cut(&t[open..]));
            }
        }
    }
    None
}

fn inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => inline_text(content, out),
            Inline::Break => out.push('\n'),
            // Code is meant to be shown; raw HTML was allowed by the author.
            Inline::Code { .. } | Inline::Html { .. } => out.push(' '),
        }
    }
}

fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            inline_text(content, out);
            out.push('\n');
        }
        Block::List(list) => {
            for item in &list.items {
                for b in &item.blocks {
                    block_text(b, out);
                }
            }
        }
        Block::Quote { blocks } => blocks.iter().for_each(|b| block_text(b, out)),
        Block::Table { header, rows, .. } => {
            for cell in header.iter().chain(rows.iter().flatten()) {
                inline_text(cell, out);
                out.push('\n');
            }
        }
        Block::Image(image) => {
            out.push_str(&image.alt);
            out.push('\n');
        }
        // The author's description; the source is in the notes, never on the slide.
        Block::Diagram(diagram) => {
            inline_text(&diagram.alt, out);
            out.push('\n');
        }
        Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
    }
}

#[cfg(test)]
mod tests {
    use super::markup_in;

    #[test]
    fn markup_is_found_and_prose_is_not() {
        for shown in [
            "::: notes",
            "::right::",
            "Note: say this",
            "layout: two-cols",
            "a <div class=\"x\">b",
            "x </span>",
            "<Toc minDepth=\"1\" />",
            "Titre {.smaller}",
            "{{< meta title >}}",
        ] {
            assert!(markup_in(shown).is_some(), "{shown}");
        }
        for prose in [
            "Objectif : comprendre",
            "a < b and c > d",
            "Prix : 3 € {environ}",
            "Note : à lire",
            "x<y",
        ] {
            assert!(markup_in(prose).is_none(), "{prose}");
        }
    }
}
