//! Front matter: the YAML block between the first two `---` lines. It is read into a raw serde
//! mirror that refuses unknown keys (a typo must not be silently ignored), then resolved into
//! `model::Meta` with defaults. Positions from the YAML parser are shifted to the deck file's lines.

use crate::diagnostic::{did_you_mean, Diagnostic, Location, SourceFile};
use crate::model::{Lang, Meta};
use serde::Deserialize;

/// Every key the front matter accepts, for "did you mean" on typos.
pub const KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "date",
    "lang",
    "audience",
    "duration",
    "theme",
    "slide_level",
    "contact",
    "paginate",
    "header",
    "footer",
    "class",
    "brand",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    subtitle: Option<String>,
    author: Option<String>,
    date: Option<Scalar>,
    lang: Option<String>,
    audience: Option<String>,
    duration: Option<Scalar>,
    theme: Option<String>,
    slide_level: Option<u8>,
    contact: Option<String>,
    paginate: Option<bool>,
    header: Option<String>,
    footer: Option<String>,
    class: Option<String>,
    /// The default brand (`--brand` overrides it); read before parsing, see `vars::declared_brand`.
    brand: Option<String>,
}

/// YAML reads `2025-03-14` as a string but `30` as a number: accept both where either is natural.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Int(u64),
    Text(String),
}

/// The text of a scalar written as text (a number is short anyway).
fn scalar_text(s: &Option<Scalar>) -> Option<&str> {
    match s {
        Some(Scalar::Text(t)) => Some(t),
        _ => None,
    }
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Int(n) => n.to_string(),
            Scalar::Text(s) => s,
        }
    }
}

/// The deck-wide directives the front matter may set (Marp's global directives).
#[derive(Debug, Default, Clone)]
pub struct GlobalDirectives {
    pub paginate: Option<bool>,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub class: Option<String>,
}

pub struct FrontMatter {
    pub meta: Meta,
    pub globals: GlobalDirectives,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Whether the file had a front matter block at all (the title then may come from `#`).
    pub present: bool,
}

/// Splits off and reads the front matter. `text` is the whole file (BOM already skipped by the
/// caller through `start`).
pub fn parse(src: &SourceFile, start: usize) -> Result<FrontMatter, Diagnostic> {
    let text = &src.text[start..];
    let first_line_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(FrontMatter {
            meta: defaults(),
            globals: Default::default(),
            body_start: start,
            present: false,
        });
    }
    // Find the closing `---` (or `...`) line.
    let mut offset = first_line_end;
    let mut close = None;
    for line in text[first_line_end..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        return Err(Diagnostic::error("front matter is not closed")
            .at(src.location(start, start + 3))
            .with_hint("end the front matter with a line holding only `---`"));
    };
    let yaml = &text[first_line_end..yaml_end];
    let yaml_first_line = src.line_of(start + first_line_end);
    let raw: RawFrontMatter = if yaml.trim().is_empty() {
        RawFrontMatter::default()
    } else {
        serde_norway::from_str(yaml).map_err(|e| yaml_error(src, yaml_first_line, &e))?
    };
    let line_of_key = |key: &str| -> usize {
        yaml.lines()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .map(|i| yaml_first_line + i)
            .unwrap_or(yaml_first_line)
    };
    // The value after `key:`, for carets under what is wrong.
    let value_location = |key: &str| value_location_at(src, line_of_key(key));

    // One-line values are repeated (the footer on every slide): a page of text there is a mistake.
    for (key, value) in [
        ("title", raw.title.as_deref()),
        ("subtitle", raw.subtitle.as_deref()),
        ("author", raw.author.as_deref()),
        ("audience", raw.audience.as_deref()),
        ("contact", raw.contact.as_deref()),
        ("header", raw.header.as_deref()),
        ("footer", raw.footer.as_deref()),
        ("class", raw.class.as_deref()),
        ("theme", raw.theme.as_deref()),
        ("lang", raw.lang.as_deref()),
        ("brand", raw.brand.as_deref()),
        ("date", scalar_text(&raw.date)),
        ("duration", scalar_text(&raw.duration)),
    ] {
        let chars = value.map_or(0, |v| v.chars().count());
        if chars > super::MAX_LINE_CHARS {
            return Err(Diagnostic::error(format!(
                "front matter: `{key}` holds {chars} characters, more than {} allowed",
                super::MAX_LINE_CHARS
            ))
            .at(value_location(key))
            .with_hint("keep it to one short line"));
        }
    }
    let mut meta = defaults();
    meta.title = raw.title.unwrap_or_default();
    meta.subtitle = raw.subtitle;
    meta.author = raw.author;
    meta.date = raw.date.map(Scalar::into_string);
    meta.audience = raw.audience;
    meta.contact = raw.contact;
    meta.brand = raw.brand;
    if let Some(lang) = raw.lang {
        meta.lang = match lang.trim().to_lowercase().as_str() {
            "fr" | "fr-fr" | "français" | "francais" => Lang::Fr,
            "en" | "en-gb" | "en-us" | "english" => Lang::En,
            other => {
                return Err(Diagnostic::error(format!("unsupported language `{other}`"))
                    .at(value_location("lang"))
                    .with_hint("use `fr` (the default) or `en`"))
            }
        };
    }
    if let Some(duration) = raw.duration {
        let text = duration.into_string();
        meta.duration_minutes = Some(parse_duration(&text).ok_or_else(|| {
            Diagnostic::error(format!("cannot read the duration `{text}`"))
                .at(value_location("duration"))
                .with_hint("write minutes like `30min`, `45 min`, `1h30` or `90`")
        })?);
    }
    if let Some(theme) = raw.theme {
        meta.theme = theme;
    }
    if let Some(level) = raw.slide_level {
        if !(1..=6).contains(&level) {
            return Err(Diagnostic::error(format!(
                "slide_level must be between 1 and 6, not {level}"
            ))
            .at(value_location("slide_level"))
            .with_hint("`3` (the default) makes every `###` heading a slide"));
        }
        meta.slide_level = level;
    }
    let globals = GlobalDirectives {
        paginate: raw.paginate,
        header: raw.header,
        footer: raw.footer,
        class: raw.class,
    };
    Ok(FrontMatter {
        meta,
        globals,
        body_start: start + body_start,
        present: true,
    })
}

pub fn defaults() -> Meta {
    Meta {
        theme: crate::theme::DEFAULT_THEME.to_string(),
        slide_level: 3,
        ..Meta::default()
    }
}

/// `30min`, `30 min`, `30 minutes`, `1h30`, `1 h`, `90` → minutes.
/// The value after `key:` on a line, for a caret under it.
fn value_location_at(src: &SourceFile, line: usize) -> Location {
    let text = src.line_text(line);
    let after = text.find(':').map(|c| c + 1).unwrap_or(0);
    // A YAML comment after the value (`duration: 30min  # …`) is not part of it.
    let end = text[after..].find(" #").map_or(text.len(), |i| after + i);
    let value = text[after..end].trim();
    let start = after + (text[after..].len() - text[after..].trim_start().len());
    src.location_at(
        line,
        text[..start].chars().count() + 1,
        value.chars().count(),
    )
}

/// Where the front matter sets `key` (its value), for later stages that point at it (an unknown
/// theme, a deck over its `duration`); `None` when the front matter does not set it.
pub fn value_location_of(src: &SourceFile, key: &str) -> Option<Location> {
    let text = src.original_text().trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let prefix = format!("{key}:");
    let i = lines
        .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
        .position(|l| l.trim_start().starts_with(&prefix))?;
    Some(value_location_at(src, i + 2))
}

pub fn parse_duration(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase().replace(' ', "");
    if let Ok(n) = t.parse::<u32>() {
        return Some(n).filter(|n| *n > 0 && *n <= 24 * 60);
    }
    let minutes = if let Some((h, m)) = t.split_once('h') {
        let h: u32 = h.parse().ok()?;
        let m = m.trim_end_matches("min").trim_end_matches('m');
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        (m < 60).then_some(h * 60 + m)?
    } else {
        let n = t
            .trim_end_matches("minutes")
            .trim_end_matches("minute")
            .trim_end_matches("min")
            .trim_end_matches("mn");
        let n = n.strip_suffix('m').unwrap_or(n);
        n.parse().ok()?
    };
    Some(minutes).filter(|n| *n > 0 && *n <= 24 * 60)
}

fn yaml_error(src: &SourceFile, first_line: usize, e: &serde_norway::Error) -> Diagnostic {
    let message = e.to_string();
    // serde's messages end with " at line L column C": the location is printed separately.
    let clean = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.clone(),
    };
    let (line, col) = e
        .location()
        .map(|l| (first_line + l.line() - 1, l.column()))
        .unwrap_or((first_line, 1));
    let mut d = Diagnostic::error(format!("front matter: {clean}"));
    if let Some(unknown) = clean
        .strip_prefix("unknown field `")
        .and_then(|s| s.split('`').next())
    {
        let text = src.line_text(line);
        let col = text
            .find(unknown)
            .map(|i| text[..i].chars().count() + 1)
            .unwrap_or(col);
        d = d.at(src.location_at(line, col, unknown.chars().count()));
        d = match did_you_mean(unknown, KEYS.iter().copied()) {
            Some(k) => d.with_hint(format!("did you mean `{k}`?")),
            None => d.with_hint(format!("known keys: {}", KEYS.join(", "))),
        };
        d.message = format!("front matter: unknown key `{unknown}`");
        return d;
    }
    // A key written twice: point at the second one.
    if let Some(key) = clean
        .strip_prefix("duplicate field `")
        .and_then(|s| s.split('`').next())
    {
        let prefix = format!("{key}:");
        let second = (first_line..)
            .take_while(|l| *l <= src.line_of(src.text.len()))
            .filter(|l| src.line_text(*l).starts_with(&prefix))
            .nth(1);
        if let Some(line) = second {
            return Diagnostic::error(format!("front matter: `{key}` is written twice"))
                .at(src.location_at(line, 1, key.chars().count()))
                .with_hint("keep one of the two lines");
        }
    }
    // A well-formed value of the wrong kind: name the key and what it takes.
    if clean.contains("invalid type") || clean.contains("invalid value") {
        let text = src.line_text(line);
        if let Some((key, value)) = text.split_once(':') {
            // Where the value starts, from the untrimmed halves: the trimmed key's length is
            // no offset in the line (`  {a}é: x` put it inside the `é`, a panic).
            let start = text.len() - value.trim_start().len();
            let key = key.trim();
            let value = value.trim();
            let shown: String = if value.chars().count() > 60 {
                value.chars().take(60).chain(['…']).collect()
            } else {
                value.to_string()
            };
            let expected = match key {
                "slide_level" => "a whole number from 1 to 6",
                "paginate" => "true or false",
                "duration" => "a duration such as `30min`",
                _ => "text on one line",
            };
            return Diagnostic::error(format!(
                "front matter: `{key}` must be {expected}, not `{shown}`"
            ))
            .at(src.location_at(
                line,
                text[..start].chars().count() + 1,
                value.chars().count(),
            ))
            .with_hint(match key {
                "slide_level" => "`3` (the default) makes every `###` heading a slide",
                "paginate" => "write `paginate: true` or `paginate: false`",
                _ => "put the text in quotes if it holds special characters: `title: \"…\"`",
            });
        }
    }
    d.at(src.location_at(line, col, 1))
        .with_hint("check the YAML syntax between the two `---` lines")
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30min"), Some(30));
        assert_eq!(parse_duration("30 min"), Some(30));
        assert_eq!(parse_duration("45 minutes"), Some(45));
        assert_eq!(parse_duration("1h30"), Some(90));
        assert_eq!(parse_duration("1h"), Some(60));
        assert_eq!(parse_duration("90"), Some(90));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("0"), None);
    }
}
