//! Diagnostics a trainer can act on: a message, the place in the source (`file:line:col`), the
//! offending line with a caret under the span, and a hint. Every stage reports through this type
//! so that the CLI prints errors and warnings the same way, and tests can assert the exact text.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop the build, warnings are printed and the build goes on
/// (unless `--strict` turns them into errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
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
    pub source_line: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Boxed: diagnostics travel in `Result`s, which should stay small.
    pub location: Option<Box<Location>>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            location: None,
            hint: None,
        }
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

/// Renders like rustc: a headline, the place, the source line and a caret, then the hint.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(place) = self.place() {
            writeln!(f, "  --> {place}")?;
        }
        if let Some(loc) = &self.location {
            if let (Some(text), true) = (&loc.source_line, loc.line > 0) {
                let number = loc.line.to_string();
                let pad = " ".repeat(number.len());
                // Tabs would shift the caret: show them as single spaces on both lines.
                let shown: String = text
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
                writeln!(f, "{pad} |")?;
                writeln!(f, "{number} | {shown}")?;
                let lead = " ".repeat(loc.col.saturating_sub(1));
                let carets = "^".repeat(loc.len.max(1));
                match &self.hint {
                    Some(hint) => writeln!(f, "{pad} | {lead}{carets} {hint}")?,
                    None => writeln!(f, "{pad} | {lead}{carets}")?,
                }
                return Ok(());
            }
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A source file with a line index, so byte offsets (from pulldown-cmark or the YAML parser) become
/// `line:col` in exactly one place.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// A location for the byte range `start..end` (clamped to the line of `start`); columns count
    /// characters, not bytes, so the caret lands under accented text correctly.
    pub fn location(&self, start: usize, end: usize) -> Location {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let line = self.line_of(start);
        let line_start = self.line_starts[line - 1];
        let text = self.line_text(line);
        let col = self.text[line_start..start].chars().count() + 1;
        let line_end = line_start + text.len();
        let end = floor_char_boundary(&self.text, end.clamp(start, line_end.max(start)));
        let len = self.text[start..end].chars().count().max(1);
        Location {
            path: self.path.clone(),
            line,
            col,
            len,
            source_line: Some(text.to_string()),
        }
    }

    /// A location for a 1-based line and column given directly (YAML errors come that way).
    pub fn location_at(&self, line: usize, col: usize, len: usize) -> Location {
        let text = self.line_text(line).to_string();
        Location {
            path: self.path.clone(),
            line,
            col: col.max(1),
            len: len.max(1),
            source_line: Some(text),
        }
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len())
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
