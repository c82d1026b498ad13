//! Cutting a body into slides the way the deck's tool cuts it: `---` lines (diapo, Marp, Slidev,
//! Pandoc), `<!-- end_slide -->` (presenterm), reveal.js and reveal-md separators (custom lines,
//! blank-line runs, `----` vertical slides read in order), Marp's `headingDivider`. Everywhere,
//! a `---` right under a line of text is a setext heading, as CommonMark says, never a slide
//! break. Slidev's per-slide front matter (a `key: value` block right after a `---`) is taken off
//! the slide and kept as that slide's settings.

use super::{Dialect, Report};
use crate::deck::frontmatter::{Cutting, Separator};
use crate::deck::outline::{lines_with_code, list_marker_width};
use serde_norway::Value;

/// One slide's text, before rewriting.
#[derive(Debug)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// Offset of `text` in the file.
    pub at: usize,
    /// Slidev's per-slide front matter, each key with the offset of its line in the file.
    pub settings: Vec<(String, Value, usize)>,
}

pub struct Cut<'a> {
    pub chunks: Vec<Chunk<'a>>,
    /// No separator at all: headings cut the deck (a plain outline).
    pub outline: bool,
}

/// Per-slide keys of Slidev that tell its front matter blocks from slide text.
const SLIDEV_SLIDE_KEYS: &[&str] = &[
    "layout",
    "transition",
    "class",
    "clicks",
    "level",
    "hideInToc",
    "image",
    "background",
    "src",
    "hide",
    "disabled",
    "title",
    "routeAlias",
    "zoom",
    "layoutClass",
    "preload",
    "dragPos",
    "backgroundSize",
    "imageClass",
];

pub fn cut<'a>(
    body: &'a str,
    base: usize,
    dialect: Dialect,
    cutting: &Cutting,
    report: &mut Report,
) -> Cut<'a> {
    let lines: Vec<(usize, &str, bool)> = lines_with_code(body).collect();
    let mut chunks = Vec::new();
    let mut chunk_start = 0;
    let mut settings = Vec::new();
    let mut separated = false;
    // For the setext rule: the previous line, and whether it belongs to a list or quote block.
    let mut prev: Option<&str> = None;
    let mut in_list = false;
    let mut blank_run = 0;
    let mut chunk_has_text = false;
    let mut i = 0;
    let blank_lines = |s: &Option<Separator>| match s {
        Some(Separator::BlankLines(n)) => Some(*n),
        _ => None,
    };
    let blank_sep = [
        blank_lines(&cutting.separator),
        blank_lines(&cutting.vertical_separator),
    ]
    .into_iter()
    .flatten()
    .min();
    while i < lines.len() {
        let (at, line, code) = lines[i];
        let t = line.trim_end();
        if code {
            prev = Some(t);
            blank_run = 0;
            chunk_has_text = true;
            i += 1;
            continue;
        }
        if t.trim().is_empty() {
            blank_run += 1;
            prev = None;
            in_list = false;
            i += 1;
            continue;
        }
        // reveal.js: a run of blank lines long enough is a slide break before this line.
        if let Some(n) = blank_sep {
            if blank_run >= n && chunk_has_text {
                chunks.push(chunk(body, base, chunk_start..at, &mut settings));
                report.mapped("blank-line slide separator");
                chunk_start = at;
                separated = true;
                chunk_has_text = false;
            }
        }
        blank_run = 0;
        let setext = prev.is_some_and(is_paragraph_text) && !in_list;
        let is_sep = is_separator(t, dialect, cutting, setext);
        let heading_break = !is_sep
            && chunk_has_text
            && heading_level(t).is_some_and(|l| cutting.heading_divider.contains(&l));
        if heading_break {
            chunks.push(chunk(body, base, chunk_start..at, &mut settings));
            report.mapped("headingDivider");
            chunk_start = at;
            separated = true;
        }
        if is_sep {
            chunks.push(chunk(body, base, chunk_start..at, &mut settings));
            separated = true;
            chunk_has_text = false;
            chunk_start = at + line.len();
            i += 1;
            // Slidev: a `key: value` block closed by `---` right after the separator is the next
            // slide's front matter.
            if let Some((found, next)) = slide_front_matter(&lines, i, body, dialect) {
                settings = found
                    .into_iter()
                    .map(|(k, v, off)| (k, v, base + off))
                    .collect();
                i = next;
                chunk_start = lines.get(i).map_or(body.len(), |l| l.0);
            }
            prev = None;
            in_list = false;
            continue;
        }
        let trimmed = t.trim_start();
        if list_marker_width(trimmed).is_some() || trimmed.starts_with('>') {
            in_list = true;
        }
        // A comment alone on its line (a directive, a note) is not the slide's content: a
        // heading after it still opens the slide for `headingDivider`.
        let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        chunk_has_text |= !comment;
        prev = Some(t);
        i += 1;
    }
    chunks.push(chunk(body, base, chunk_start..body.len(), &mut settings));
    Cut {
        outline: !separated,
        chunks,
    }
}

/// The slide of `body[range]`, with the settings read for it so far.
fn chunk<'a>(
    body: &'a str,
    base: usize,
    range: std::ops::Range<usize>,
    settings: &mut Vec<(String, Value, usize)>,
) -> Chunk<'a> {
    Chunk {
        at: base + range.start,
        text: &body[range],
        settings: std::mem::take(settings),
    }
}

/// Whether a line is a slide separator for this dialect. `setext`: the line sits right under a
/// line of paragraph text, where `---` underlines a heading.
fn is_separator(t: &str, dialect: Dialect, cutting: &Cutting, setext: bool) -> bool {
    let trimmed = t.trim();
    if let Some(inner) = trimmed
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
    {
        if inner.trim() == "end_slide" {
            return true;
        }
    }
    let custom: Vec<&String> = [&cutting.separator, &cutting.vertical_separator]
        .into_iter()
        .flatten()
        .filter_map(|s| match s {
            Separator::Line(l) => Some(l),
            Separator::BlankLines(_) => None,
        })
        .collect();
    if !custom.is_empty() {
        return custom.iter().any(|l| {
            trimmed == l.as_str() && !(setext && l.chars().all(|c| c == '-' || c == '='))
        });
    }
    if setext {
        return false;
    }
    match dialect {
        Dialect::Presenterm => t == "---" && cutting.end_slide_shorthand,
        // reveal-md: `---` between slides, `----` between vertical slides (read in order); the
        // `##==##` and `##--##` lines many reveal.js templates declare in their HTML.
        Dialect::Reveal => matches!(t.trim(), "---" | "----" | "##==##" | "##--##"),
        _ => t == "---",
    }
}

/// A line a `---` under it would underline: paragraph text, not a list item, quote, heading,
/// table, HTML or a fence.
fn is_paragraph_text(line: &str) -> bool {
    let t = line.trim_start();
    if line.len() - t.len() > 3 || t.is_empty() {
        return false;
    }
    !(t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with('|')
        || t.starts_with('<')
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.ends_with("-->")
        || t.chars().all(|c| c == '-' || c == '=' || c == ' ')
        || list_marker_width(t).is_some())
}

/// The level of an ATX heading line (`## Title`).
pub fn heading_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then_some(hashes as u8)
}

type Settings = Vec<(String, Value, usize)>;

/// Slidev's per-slide front matter starting at line `i`: its keys and values (each with the
/// offset of its line in the body), and the line after its closing `---`.
fn slide_front_matter(
    lines: &[(usize, &str, bool)],
    i: usize,
    body: &str,
    dialect: Dialect,
) -> Option<(Settings, usize)> {
    let (first_at, first, _) = *lines.get(i)?;
    let first_key = first.split_once(':')?.0.trim();
    let keyish = |l: &str| {
        l.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && !k.starts_with([' ', '\t'])
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    };
    if !keyish(first) || !(dialect == Dialect::Slidev || SLIDEV_SLIDE_KEYS.contains(&first_key)) {
        return None;
    }
    let mut j = i;
    while let Some((_, l, code)) = lines.get(j) {
        if *code {
            return None;
        }
        let t = l.trim_end();
        if t == "---" {
            let yaml = &body[first_at..lines[j].0];
            let Ok(Value::Mapping(m)) = serde_norway::from_str::<Value>(yaml) else {
                return None;
            };
            let mut out = Vec::new();
            for (k, v) in m {
                let Some(k) = k.as_str().map(str::to_string) else {
                    continue;
                };
                let off = lines[i..j]
                    .iter()
                    .find(|(_, l, _)| l.split_once(':').is_some_and(|(lk, _)| lk == k))
                    .map_or(first_at, |l| l.0);
                out.push((k, v, off));
            }
            return Some((out, j + 1));
        }
        let continuation = t.is_empty() || t.starts_with([' ', '\t', '#', '-']);
        if !continuation && !keyish(t) || j - i > 60 {
            return None;
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str, dialect: Dialect, cutting: &Cutting) -> Vec<String> {
        cut(body, 0, dialect, cutting, &mut Report::default())
            .chunks
            .iter()
            .map(|c| c.text.trim().to_string())
            .collect()
    }

    #[test]
    fn setext_heading_is_not_a_break() {
        let c = Cutting::default();
        let t = texts("# A\n\n---\n\nTitle\n---\n\ntext\n", Dialect::Diapo, &c);
        assert_eq!(t, vec!["# A", "Title\n---\n\ntext"]);
        // Under a list item, `---` is a rule: a break.
        let t = texts("- a\n---\nb\n", Dialect::Diapo, &c);
        assert_eq!(t, vec!["- a", "b"]);
    }

    #[test]
    fn presenterm_end_slide_and_slidev_front_matter() {
        let c = Cutting::default();
        let t = texts(
            "A\n===\n\n<!-- end_slide -->\n\nB\n---\n",
            Dialect::Presenterm,
            &c,
        );
        assert_eq!(t, vec!["A\n===", "B\n---"]);
        let cut = cut(
            "# One\n\n---\nlayout: two-cols\nclass: x\n---\n\n# Two\n",
            0,
            Dialect::Slidev,
            &c,
            &mut Report::default(),
        );
        assert_eq!(cut.chunks.len(), 2);
        assert_eq!(cut.chunks[1].text.trim(), "# Two");
        let keys: Vec<&str> = cut.chunks[1]
            .settings
            .iter()
            .map(|s| s.0.as_str())
            .collect();
        assert_eq!(keys, vec!["layout", "class"]);
    }

    #[test]
    fn reveal_separators_and_heading_divider() {
        let c = Cutting {
            separator: Some(Separator::BlankLines(3)),
            vertical_separator: Some(Separator::BlankLines(2)),
            ..Cutting::default()
        };
        let t = texts(
            "# T\n\n\n\n## A\n\nx\n\n\n## B\n\n## C\n",
            Dialect::Reveal,
            &c,
        );
        assert_eq!(t, vec!["# T", "## A\n\nx", "## B\n\n## C"]);
        let c = Cutting {
            heading_divider: vec![1, 2],
            ..Cutting::default()
        };
        let t = texts("# T\ntext\n## A\n### a\n## B\n", Dialect::Marp, &c);
        assert_eq!(t, vec!["# T\ntext", "## A\n### a", "## B"]);
        assert_eq!(
            Separator::from_pattern("^\\n\\n\\n"),
            Some(Separator::BlankLines(3))
        );
        assert_eq!(
            Separator::from_pattern("##==##"),
            Some(Separator::Line("##==##".into()))
        );
    }
}
