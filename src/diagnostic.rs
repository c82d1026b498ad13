//! Diagnostics a trainer can act on: a message, the place in the source (`file:line:col`), the
//! offending line with a caret under the span, and a hint. Every stage reports through this type
//! so that the CLI prints errors and warnings the same way, and tests can assert the exact text.

use crate::limits::MAX_SHOWN_CHARS;
use crate::rules::Rule;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// How serious a diagnostic is: errors stop the build, warnings are printed and the build goes on
/// (unless `--strict` turns them into errors), notes are only listed by `diapo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        }
    }
}

/// A place in a source file, 1-based, with the length of the span in characters (for the caret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub len: usize,
    /// The source line, kept so the diagnostic can be printed without re-reading the file.
    #[serde(skip)]
    pub source_line: Option<SourceLine>,
}

/// A line of a source file, as a place in the file's text shared by every location in it: a
/// deck of 280,000 links once kept 280,000 copies of their lines (2.45 GB), it now keeps one
/// text and a range per link. Reads as the line's `&str`.
#[derive(Clone)]
pub struct SourceLine {
    text: Arc<str>,
    range: std::ops::Range<usize>,
}

impl SourceLine {
    pub fn as_str(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or("")
    }
}

impl std::ops::Deref for SourceLine {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for SourceLine {
    fn from(line: String) -> Self {
        SourceLine {
            range: 0..line.len(),
            text: line.into(),
        }
    }
}

impl fmt::Debug for SourceLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for SourceLine {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SourceLine {}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Boxed: diagnostics travel in `Result`s, which should stay small.
    pub location: Option<Box<Location>>,
    pub hint: Option<String>,
    /// The checklist rule that found it (`images/missing-alt`), for the problems `diapo check`
    /// reports; `None` for plain syntax errors.
    pub rule: Option<Rule>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
            rule: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn info(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(message)
        }
    }

    /// Names the checklist rule this diagnostic belongs to (see [`crate::rules`]).
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn at_path(mut self, path: &Path) -> Self {
        self.location = Some(Box::new(Location {
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            len: 0,
            source_line: None,
        }));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or just the path when the problem has no line (an unreadable file).
    pub fn place(&self) -> Option<String> {
        let loc = self.location.as_ref()?;
        Some(if loc.line == 0 {
            loc.path.display().to_string()
        } else {
            format!("{}:{}:{}", loc.path.display(), loc.line, loc.col)
        })
    }
}

/// Renders like rustc: a headline (with the rule, `warning[images/missing-alt]: …`), the place,
/// the source line and a caret, then the hint. `{:#}` adds terminal colours (ANSI), for a stream
/// that strips them when it is not a terminal (`anstream`).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let styles = crate::style::Styles::new(f.alternate());
        let head = styles.severity(self.severity);
        let (bold, blue) = (styles.bold, styles.gutter);
        let label = self.severity.label();
        match self.rule {
            Some(rule) => write!(f, "{head}{label}[{rule}]{head:#}")?,
            None => write!(f, "{head}{label}{head:#}")?,
        }
        writeln!(f, "{bold}: {}{bold:#}", self.message)?;
        if let Some(place) = self.place() {
            writeln!(f, "  {blue}-->{blue:#} {place}")?;
        }
        if let Some(loc) = &self.location {
            if let (Some(text), true) = (&loc.source_line, loc.line > 0) {
                let number = loc.line.to_string();
                let pad = " ".repeat(number.len());
                let (shown, col, len) = excerpt(text, loc.col, loc.len);
                writeln!(f, "{blue}{pad} |{blue:#}")?;
                writeln!(f, "{blue}{number} |{blue:#} {shown}")?;
                let lead = " ".repeat(col.saturating_sub(1));
                let carets = "^".repeat(len.max(1));
                match &self.hint {
                    Some(hint) => writeln!(
                        f,
                        "{blue}{pad} |{blue:#} {lead}{head}{carets} {hint}{head:#}"
                    )?,
                    None => writeln!(f, "{blue}{pad} |{blue:#} {lead}{head}{carets}{head:#}")?,
                }
                return Ok(());
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  {blue}={blue:#} hint: {hint}")?;
        }
        Ok(())
    }
}

/// The source line as printed, with the caret's column and length in it. Tabs would shift the
/// caret: they are shown as single spaces.
fn excerpt(text: &str, col: usize, len: usize) -> (String, usize, usize) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= MAX_SHOWN_CHARS {
        return (chars.into_iter().collect(), col, len);
    }
    let at = col.saturating_sub(1).min(chars.len());
    let len = len.clamp(1, MAX_SHOWN_CHARS / 2);
    let start = at.saturating_sub(MAX_SHOWN_CHARS / 4);
    let end = (start + MAX_SHOWN_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut col = at - start + 1;
    if start > 0 {
        shown.push('…');
        col += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col, len.min(end.saturating_sub(at)).max(1))
}

/// A source file with a line index, so byte offsets (from pulldown-cmark or the YAML parser) become
/// `line:col` in exactly one place.
///
/// The text parsed may differ from the file as written: deck variables (`{{brand.name}}`) are
/// expanded before Markdown parsing. Such a source keeps the file as written and a map from the
/// expanded text back to it, so that every location it gives (`line_of`, `location`) is a place in
/// the file the trainer edits, and line numbers taken from it (`line_text`, `location_at`) are the
/// file's lines too.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The text the parser reads (variables expanded, if any).
    pub text: String,
    line_starts: Vec<usize>,
    origin: Option<Box<Origin>>,
    /// The file as written, shared by the locations made from it (see [`SourceLine`]); made at
    /// the first location.
    shared: OnceLock<Arc<str>>,
}

/// The file as written, for a source whose text was produced from it.
#[derive(Debug, Clone)]
struct Origin {
    text: String,
    line_starts: Vec<usize>,
    pieces: Vec<Piece>,
}

/// A stretch of an expanded text and where it came from: copied verbatim (so offsets map one to
/// one), or produced by a template tag (every offset inside maps to the tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub expanded: std::ops::Range<usize>,
    pub original: std::ops::Range<usize>,
    pub verbatim: bool,
}

fn line_starts_of(text: &str) -> Vec<usize> {
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    line_starts
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            path: path.into(),
            line_starts: line_starts_of(&text),
            text,
            origin: None,
            shared: OnceLock::new(),
        }
    }

    /// A source whose `text` was produced from `original` (the file as written); `pieces` cover
    /// `text` in order and say where each stretch came from.
    pub fn expanded(
        path: impl Into<PathBuf>,
        original: String,
        text: String,
        pieces: Vec<Piece>,
    ) -> Self {
        SourceFile {
            path: path.into(),
            line_starts: line_starts_of(&text),
            text,
            origin: Some(Box::new(Origin {
                line_starts: line_starts_of(&original),
                text: original,
                pieces,
            })),
            shared: OnceLock::new(),
        }
    }

    /// The file as written (the same as `text` when nothing was expanded).
    pub fn original_text(&self) -> &str {
        self.origin.as_ref().map_or(&self.text, |o| &o.text)
    }

    /// Maps an offset of `text` to the file as written. `end` says the offset closes a span: one
    /// inside an expanded tag then maps to the end of the tag rather than its start.
    fn original_offset(&self, offset: usize, end: bool) -> usize {
        let Some(origin) = &self.origin else {
            return offset;
        };
        let i = origin
            .pieces
            .partition_point(|p| p.expanded.end < offset || (p.expanded.end == offset && !end));
        match origin.pieces.get(i) {
            Some(p) if p.verbatim => {
                (p.original.start + offset.saturating_sub(p.expanded.start)).min(p.original.end)
            }
            Some(p) if end && offset > p.expanded.start => p.original.end,
            Some(p) => p.original.start,
            None => origin.text.len(),
        }
    }

    fn file_line_starts(&self) -> &[usize] {
        self.origin
            .as_ref()
            .map_or(&self.line_starts, |o| &o.line_starts)
    }

    /// The 1-based line (of the file as written) holding byte `offset` of `text`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_of_file_offset(self.original_offset(offset, false))
    }

    /// The text of a 1-based line of the file as written, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        self.original_text()
            .get(self.line_range(line))
            .unwrap_or("")
    }

    /// The byte range of a 1-based line of the file as written, without its line ending.
    fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.file_line_starts();
        let text = self.original_text();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return 0..0;
        };
        let end = starts.get(line).copied().unwrap_or(text.len());
        let kept = text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
            .len();
        start..start + kept
    }

    /// A 1-based line of the file as written, for a location to print later.
    fn source_line(&self, line: usize) -> SourceLine {
        SourceLine {
            text: self
                .shared
                .get_or_init(|| Arc::from(self.original_text()))
                .clone(),
            range: self.line_range(line),
        }
    }

    /// A location for the byte range `start..end` of `text` (clamped to the line of `start`);
    /// columns count characters, not bytes, so the caret lands under accented text correctly.
    pub fn location(&self, start: usize, end: usize) -> Location {
        let (start, end) = (
            self.original_offset(start, false),
            self.original_offset(end.max(start), true),
        );
        let file = self.original_text();
        let start = floor_char_boundary(file, start.min(file.len()));
        let line = self.line_of_file_offset(start);
        let line_start = self.file_line_starts()[line - 1];
        let text = self.line_text(line);
        let col = file[line_start..start].chars().count() + 1;
        let line_end = line_start + text.len();
        let end = floor_char_boundary(file, end.clamp(start, line_end.max(start)));
        let len = file[start..end].chars().count().max(1);
        Location {
            path: self.path.clone(),
            line,
            col,
            len,
            source_line: Some(self.source_line(line)),
        }
    }

    fn line_of_file_offset(&self, offset: usize) -> usize {
        match self.file_line_starts().binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// A location for a 1-based line and column given directly (YAML errors come that way).
    pub fn location_at(&self, line: usize, col: usize, len: usize) -> Location {
        Location {
            path: self.path.clone(),
            line,
            col: col.max(1),
            len: len.max(1),
            source_line: Some(self.source_line(line)),
        }
    }

    /// The first line at or after `line` holding text (a slide starts after its `---`, often on
    /// a blank line): where a finding about a whole slide points.
    pub fn text_line(&self, line: usize) -> usize {
        (line..line + 16)
            .find(|&l| !self.line_text(l).trim().is_empty())
            .unwrap_or(line)
    }

    /// The whole of the first line holding text at or after `line`, as a location.
    pub fn line_location(&self, line: usize) -> Location {
        let line = self.text_line(line);
        self.location_at(line, 1, self.line_text(line).chars().count())
    }

    /// Gives a diagnostic that points at a slide's line (later stages know the line, not its
    /// text) the line holding the slide's text, for the excerpt under it.
    pub fn complete(&self, d: &mut Diagnostic) {
        if let Some(loc) = d.location.as_mut() {
            if loc.path == self.path && loc.source_line.is_none() && loc.line > 0 {
                **loc = self.line_location(loc.line);
            }
        }
    }

    /// Byte offset of the start of a 1-based line, in the file as written.
    pub fn line_start(&self, line: usize) -> usize {
        self.file_line_starts()
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.original_text().len())
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Suggests the closest known name for a typo, the way compilers do ("did you mean …?").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// All the diagnostics a stage produced; a stage fails when it holds at least one error.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// `--strict`: warnings become errors (notes stay notes).
    pub fn as_errors(&self) -> Diagnostics {
        let mut errors = self.clone();
        for e in &mut errors.0 {
            if e.severity == Severity::Warning {
                e.severity = Severity::Error;
            }
        }
        errors
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Whether any diagnostic is a warning (or worse): what `--strict` refuses.
    pub fn has_warnings(&self) -> bool {
        self.0.iter().any(|d| d.severity <= Severity::Warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_accented_text() {
        let src = SourceFile::new(
            "deck.md",
            "# Titre\n## Ce qu'en disent les équipes {.testimonial}\n".into(),
        );
        let start = src.text.find("{.").unwrap() + 1;
        let d = Diagnostic::error("unknown layout `testimonial`")
            .at(src.location(start, start + ".testimonial".len()))
            .with_hint("did you mean `testimony`?");
        assert_eq!(
            d.to_string(),
            "error: unknown layout `testimonial`\n  --> deck.md:2:33\n  |\n2 | ## Ce qu'en disent les équipes {.testimonial}\n  |                                 ^^^^^^^^^^^^ did you mean `testimony`?\n"
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("testimonial", ["testimony", "title", "closing"]),
            Some("testimony")
        );
        assert_eq!(did_you_mean("zzz", ["testimony", "title"]), None);
    }
}
