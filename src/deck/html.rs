//! Raw HTML written in the Markdown, read by an allow-list into the model's own blocks and
//! inlines, so that the HTML deck and the PDFs show the same thing and nothing a deck carries can
//! run in the audience's browser. `--allow-html` keeps HTML as written instead, for a trusted
//! deck.
//!
//! - kept with their meaning: `br`, `b`/`strong`, `i`/`em`, `s`/`del`/`strike`, `code`/`kbd`/
//!   `samp`, `sub`/`sup` (as Unicode sub- and superscripts where they exist), `a href`, `img`
//!   (under the image rules), `table`/`thead`/`tbody`/`tr`/`th`/`td`;
//! - kept for their text: `span`, `div`, `p`, `center`, `small`, `mark`, `u`, `abbr`, `font`,
//!   `details`, `summary`, `section`, lists…;
//! - removed with their content, with a warning: `script`, `style`, `iframe`, `object`, `embed`,
//!   forms and their fields, media players, inline `svg`, `template`…;
//! - event handlers (`onclick`…) and `javascript:` addresses removed, with a warning;
//! - any other tag (a Vue component of Slidev, a custom element) removed, its text kept, with a
//!   warning.

use html5gum::{Token, Tokenizer};

/// What a tag means to diapo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Meaning {
    Break,
    Strong,
    Emph,
    Strike,
    Code,
    Sup,
    Sub,
    Link,
    Image,
    /// Starts a new paragraph (`p`, `div`, `li`, headings…), keeps its text.
    Block,
    Table,
    Row,
    Cell,
    /// Its text is kept, the tag goes (`span`, `small`, `mark`…).
    Transparent,
    /// Removed with its content: it could run code, load something, or has no text to show.
    Removed,
    /// Not HTML diapo knows (a Vue component, a custom element): the tag goes, its text stays.
    Unknown,
}

pub fn meaning(name: &str) -> Meaning {
    match name {
        "br" | "wbr" => Meaning::Break,
        "b" | "strong" => Meaning::Strong,
        "i" | "em" | "cite" | "var" | "dfn" => Meaning::Emph,
        "s" | "del" | "strike" => Meaning::Strike,
        "code" | "kbd" | "samp" | "tt" => Meaning::Code,
        "sup" => Meaning::Sup,
        "sub" => Meaning::Sub,
        "a" => Meaning::Link,
        "img" => Meaning::Image,
        "p" | "div" | "center" | "details" | "summary" | "section" | "article" | "header"
        | "footer" | "aside" | "main" | "nav" | "figure" | "figcaption" | "blockquote" | "li"
        | "ul" | "ol" | "dl" | "dt" | "dd" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
        | "hr" | "address" => Meaning::Block,
        "table" => Meaning::Table,
        "tr" => Meaning::Row,
        "td" | "th" => Meaning::Cell,
        "thead" | "tbody" | "tfoot" | "caption" | "colgroup" | "col" | "span" | "small" | "big"
        | "mark" | "u" | "ins" | "abbr" | "font" | "q" | "time" | "data" | "bdi" | "bdo"
        | "ruby" | "rt" | "rp" | "label" | "html" | "body" | "head" | "title" => {
            Meaning::Transparent
        }
        "script" | "style" | "iframe" | "object" | "embed" | "applet" | "form" | "input"
        | "button" | "select" | "option" | "textarea" | "video" | "audio" | "source" | "track"
        | "canvas" | "svg" | "math" | "noscript" | "template" | "link" | "meta" | "base"
        | "frame" | "frameset" | "portal" | "dialog" | "slot" | "picture" | "map" | "area"
        | "param" | "output" | "progress" | "meter" | "fieldset" | "legend" | "datalist" => {
            Meaning::Removed
        }
        _ => Meaning::Unknown,
    }
}

/// Tags that have no end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "wbr"
            | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "base"
            | "col"
            | "embed"
            | "source"
            | "track"
            | "area"
            | "param"
    )
}

/// One piece of an HTML fragment, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(String),
    Comment(String),
}

/// Tokenizes an HTML fragment (a WHATWG tokenizer: entities decoded, broken markup recovered).
pub fn pieces(html: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => out.push(Piece::Start {
                name: lossy(&tag.name).to_ascii_lowercase(),
                attrs: tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k).to_ascii_lowercase(), lossy(&v.value)))
                    .collect(),
                self_closing: tag.self_closing,
            }),
            Token::EndTag(tag) => out.push(Piece::End {
                name: lossy(&tag.name).to_ascii_lowercase(),
            }),
            Token::String(s) => match out.last_mut() {
                Some(Piece::Text(t)) => t.push_str(&lossy(&s.value)),
                _ => out.push(Piece::Text(lossy(&s.value))),
            },
            Token::Comment(c) => out.push(Piece::Comment(lossy(&c.value))),
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    out
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The attributes of a tag that would run code: event handlers (`onclick`…).
pub fn handlers(attrs: &[(String, String)]) -> Vec<&str> {
    attrs
        .iter()
        .filter(|(k, _)| k.starts_with("on") || k.starts_with('@') || k.starts_with("v-on:"))
        .map(|(k, _)| k.as_str())
        .collect()
}

pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `text` in Unicode superscript (`raised`) or subscript characters, when every character has
/// one (`m2` → `m²`, `CO2` with `2` lowered → `CO₂`); `None` otherwise.
pub fn scripted(text: &str, raised: bool) -> Option<String> {
    text.chars()
        .map(|c| {
            let (sup, sub) = match c {
                '0' => ('⁰', '₀'),
                '1' => ('¹', '₁'),
                '2' => ('²', '₂'),
                '3' => ('³', '₃'),
                '4' => ('⁴', '₄'),
                '5' => ('⁵', '₅'),
                '6' => ('⁶', '₆'),
                '7' => ('⁷', '₇'),
                '8' => ('⁸', '₈'),
                '9' => ('⁹', '₉'),
                '+' => ('⁺', '₊'),
                '-' | '−' => ('⁻', '₋'),
                '=' => ('⁼', '₌'),
                '(' => ('⁽', '₍'),
                ')' => ('⁾', '₎'),
                'n' if raised => ('ⁿ', 'n'),
                'i' if raised => ('ⁱ', 'i'),
                'e' if raised => ('ᵉ', 'e'),
                'r' if raised => ('ʳ', 'r'),
                _ => return None,
            };
            Some(if raised { sup } else { sub })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_and_classifies() {
        let p = pieces("<b onclick=\"x()\">Hi &amp; bye</b><br/><Toc min=\"1\" />");
        assert_eq!(p.len(), 5);
        match &p[0] {
            Piece::Start { name, attrs, .. } => {
                assert_eq!(name, "b");
                assert_eq!(handlers(attrs), vec!["onclick"]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p[1], Piece::Text("Hi & bye".into()));
        assert_eq!(meaning("toc"), Meaning::Unknown);
        assert_eq!(meaning("script"), Meaning::Removed);
        assert_eq!(scripted("2", true).as_deref(), Some("²"));
        assert_eq!(scripted("2", false).as_deref(), Some("₂"));
        assert_eq!(scripted("abc", true), None);
        // "1er" → "1ᵉʳ".
        assert_eq!(scripted("er", true).as_deref(), Some("ᵉʳ"));
    }
}
