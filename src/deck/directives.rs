//! Directives written as Marp writes them, in HTML comments: `<!-- class: x -->` applies to this
//! slide and the next ones, `<!-- _class: x -->` to this slide only; likewise `paginate`, `header`,
//! `footer` and `layout`. A comment that is not a directive is a speaker note.
//!
//! Marp's other directives (`backgroundColor`, `theme`, `size`…) are recognised and left out with
//! a note, so that they never become speaker notes; a directive diapo cannot read (a misspelt
//! `_directive`, a value it does not take) is a warning, and the slide is built without it.

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, SourceFile};
use crate::model::Layout;
use crate::rules::Rule;
use std::ops::Range;

pub const KEYS: &[&str] = &["class", "paginate", "header", "footer", "layout"];

/// Marp's directives that diapo has no use for: themes set colours, backgrounds and sizes.
pub const FOREIGN_KEYS: &[&str] = &[
    "theme",
    "size",
    "headingDivider",
    "style",
    "math",
    "title",
    "description",
    "author",
    "image",
    "keywords",
    "url",
    "marp",
    "lang",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "color",
    "transition",
];

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Class(Vec<String>),
    Paginate(bool),
    Header(Option<String>),
    Footer(Option<String>),
    Layout(Layout),
    /// One of Marp's directives that diapo leaves out (the name, as written).
    Foreign(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// `_key`: this slide only.
    pub local: bool,
    pub value: Value,
}

/// Reads a comment: `None` when it is a note, the directives when it is a directive comment.
/// What cannot be read in a directive comment is a warning in `diags`, and left out.
pub fn parse(
    text: &str,
    range: &Range<usize>,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Vec<Directive>> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines.first()?;
    let (key, _) = split_key(first)?;
    let bare = key.trim_start_matches('_');
    let known = |k: &str| KEYS.contains(&k) || FOREIGN_KEYS.contains(&k);
    if !known(bare) {
        if key.starts_with('_') {
            let at = locate(src, range, key);
            let mut d = Diagnostic::warning(format!("unknown directive `{key}`: left out"))
                .rule(Rule::UnknownDirective)
                .at(at);
            if let Some(k) = did_you_mean(bare, KEYS.iter().copied()) {
                d = d.with_hint(format!("did you mean `_{k}`?"));
            } else {
                d = d.with_hint(format!("directives are {}", KEYS.join(", ")));
            }
            diags.push(d);
            return Some(Vec::new());
        }
        return None;
    }
    let mut out = Vec::new();
    for line in lines {
        let Some((key, value)) = split_key(line) else {
            diags.push(
                Diagnostic::warning(
                    "a directive comment holds a line that is not `key: value`: left out",
                )
                .rule(Rule::UnknownDirective)
                .at(locate(src, range, line))
                .with_hint("put speaker notes in a comment of their own"),
            );
            continue;
        };
        let local = key.starts_with('_');
        let bare = key.trim_start_matches('_');
        let value = unquote(value);
        let at = || locate(src, range, value);
        let chars = value.chars().count();
        if chars > crate::limits::MAX_LINE_CHARS {
            diags.push(
                Diagnostic::error(format!(
                    "`{key}` holds {chars} characters, more than a directive may ({} at most)",
                    crate::limits::MAX_LINE_CHARS
                ))
                .at(at())
                .with_hint("directives are repeated on every slide: keep them short"),
            );
            continue;
        }
        let v = match bare {
            "class" => Value::Class(value.split_whitespace().map(str::to_string).collect()),
            // Marp's `skip` leaves the slide unnumbered; `hold` shows the number.
            "paginate" => match value.to_lowercase().as_str() {
                "true" | "yes" | "on" | "oui" | "hold" => Value::Paginate(true),
                "false" | "no" | "off" | "non" | "skip" => Value::Paginate(false),
                _ => {
                    diags.push(
                        Diagnostic::warning(format!(
                            "`{key}` takes true or false, not `{value}`: left out"
                        ))
                        .rule(Rule::UnknownDirective)
                        .at(at())
                        .with_hint("write `paginate: true` or `paginate: false`"),
                    );
                    continue;
                }
            },
            // Marp renders these as Markdown: their text is shown (an image, a logo, goes).
            "header" | "footer" => {
                let text = super::frontmatter::plain_inline(value);
                let text = (!text.is_empty()).then_some(text);
                if bare == "header" {
                    Value::Header(text)
                } else {
                    Value::Footer(text)
                }
            }
            "layout" => match layout_named(value) {
                Ok(l) => Value::Layout(l),
                Err(d) => {
                    diags.push(d.at(at()));
                    continue;
                }
            },
            k if FOREIGN_KEYS.contains(&k) => Value::Foreign(key.to_string()),
            _ => {
                let mut d = Diagnostic::warning(format!("unknown directive `{key}`: left out"))
                    .rule(Rule::UnknownDirective)
                    .at(locate(src, range, key));
                if let Some(k) = did_you_mean(bare, KEYS.iter().copied()) {
                    d = d.with_hint(format!("did you mean `{k}`?"));
                }
                diags.push(d);
                continue;
            }
        };
        out.push(Directive { local, value: v });
    }
    Some(out)
}

/// Resolves a layout name, with a suggestion when it is a typo.
pub fn layout_named(name: &str) -> Result<Layout, Diagnostic> {
    let normalized = name.trim().to_lowercase().replace('_', "-");
    let aliases = [
        ("two-columns", Layout::TwoColumn),
        ("columns", Layout::TwoColumn),
        ("figure", Layout::KeyFigure),
        ("quote", Layout::Testimony),
        ("plan", Layout::Agenda),
    ];
    if let Some(l) = Layout::from_name(&normalized).or_else(|| {
        aliases
            .iter()
            .find(|(a, _)| *a == normalized)
            .map(|(_, l)| *l)
    }) {
        return Ok(l);
    }
    let names = Layout::ALL.map(Layout::name);
    let d = Diagnostic::warning(format!(
        "unknown layout `{name}`: the slide is a content slide"
    ))
    .rule(Rule::UnknownLayout);
    Err(match did_you_mean(&normalized, names) {
        Some(s) => d.with_hint(format!("did you mean `{s}`?")),
        None => d.with_hint(format!("layouts are {}", names.join(", "))),
    })
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let ident = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ident.then(|| (key, value.trim()))
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// The location of `needle` inside the comment's source range (falls back to the comment start).
fn locate(src: &SourceFile, range: &Range<usize>, needle: &str) -> crate::diagnostic::Location {
    let hay = src.text.get(range.clone()).unwrap_or("");
    match (!needle.is_empty()).then(|| hay.find(needle)).flatten() {
        Some(i) => src.location(range.start + i, range.start + i + needle.len()),
        None => src.location(range.start, range.start + 4),
    }
}
