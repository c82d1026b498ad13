//! Directives written as Marp writes them, in HTML comments: `<!-- class: x -->` applies to this
//! slide and the next ones, `<!-- _class: x -->` to this slide only; likewise `paginate`, `header`,
//! `footer` and `layout`. A comment that is not a directive is a speaker note.

use crate::diagnostic::{did_you_mean, Diagnostic, SourceFile};
use crate::model::Layout;
use std::ops::Range;

pub const KEYS: &[&str] = &["class", "paginate", "header", "footer", "layout"];

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Class(Vec<String>),
    Paginate(bool),
    Header(Option<String>),
    Footer(Option<String>),
    Layout(Layout),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// `_key`: this slide only.
    pub local: bool,
    pub value: Value,
}

/// Reads a comment: `Ok(None)` when it is a note, the directives when it is a directive comment,
/// an error when it names a directive with a bad value (or a misspelt `_directive`).
pub fn parse(
    text: &str,
    range: &Range<usize>,
    src: &SourceFile,
) -> Result<Option<Vec<Directive>>, Diagnostic> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let Some(first) = lines.first() else {
        return Ok(None);
    };
    let Some((key, _)) = split_key(first) else {
        return Ok(None);
    };
    let bare = key.trim_start_matches('_');
    if !KEYS.contains(&bare) {
        if key.starts_with('_') {
            let at = locate(src, range, key);
            let mut d = Diagnostic::error(format!("unknown directive `{key}`")).at(at);
            if let Some(k) = did_you_mean(bare, KEYS.iter().copied()) {
                d = d.with_hint(format!("did you mean `_{k}`?"));
            } else {
                d = d.with_hint(format!("directives are {}", KEYS.join(", ")));
            }
            return Err(d);
        }
        return Ok(None);
    }
    let mut out = Vec::new();
    for line in lines {
        let Some((key, value)) = split_key(line) else {
            return Err(Diagnostic::error(
                "a directive comment holds a line that is not `key: value`",
            )
            .at(locate(src, range, line))
            .with_hint("put speaker notes in a comment of their own"));
        };
        let local = key.starts_with('_');
        let bare = key.trim_start_matches('_');
        let value = unquote(value);
        let at = || locate(src, range, value);
        let chars = value.chars().count();
        if chars > super::MAX_LINE_CHARS {
            return Err(Diagnostic::error(format!(
                "`{key}` holds {chars} characters, more than a directive may ({} at most)",
                super::MAX_LINE_CHARS
            ))
            .at(at())
            .with_hint("directives are repeated on every slide: keep them short"));
        }
        let v = match bare {
            "class" => Value::Class(value.split_whitespace().map(str::to_string).collect()),
            "paginate" => Value::Paginate(match value.to_lowercase().as_str() {
                "true" | "yes" | "on" | "oui" => true,
                "false" | "no" | "off" | "non" => false,
                _ => {
                    return Err(Diagnostic::error(format!(
                        "`{key}` takes true or false, not `{value}`"
                    ))
                    .at(at())
                    .with_hint("write `paginate: true` or `paginate: false`"))
                }
            }),
            "header" => Value::Header((!value.is_empty()).then(|| value.to_string())),
            "footer" => Value::Footer((!value.is_empty()).then(|| value.to_string())),
            "layout" => Value::Layout(layout_named(value).map_err(|d| d.at(at()))?),
            _ => {
                let mut d = Diagnostic::error(format!("unknown directive `{key}`"))
                    .at(locate(src, range, key));
                if let Some(k) = did_you_mean(bare, KEYS.iter().copied()) {
                    d = d.with_hint(format!("did you mean `{k}`?"));
                }
                return Err(d);
            }
        };
        out.push(Directive { local, value: v });
    }
    Ok(Some(out))
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
    let d = Diagnostic::error(format!("unknown layout `{name}`"));
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
