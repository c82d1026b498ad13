//! Stage 1: flatten the styled spans into one normalised string with style ranges.
//!
//! Line breaking and hyphenation need to see the paragraph as one text (a word can straddle
//! two spans, "**im**portant"), while shaping needs to know which style covers which bytes.
//! Normalisation happens here, once, so later stages never meet characters that fonts draw
//! as boxes: carriage returns and Unicode line/paragraph separators become `\n`, tabs become
//! spaces up to the next multiple of four columns, and other control characters are dropped.

use std::ops::Range;

use super::{Span, TextStyle};

/// How many columns a tab advances to (code blocks are the only place tabs matter).
const TAB_STOP: usize = 4;

/// The paragraph as one string plus the span that styles each byte range.
pub(super) struct Prepared<'a> {
    pub text: String,
    pub runs: Vec<StyleRun>,
    spans: &'a [Span],
}

/// A maximal byte range styled by one span.
#[derive(Debug, Clone)]
pub(super) struct StyleRun {
    pub range: Range<usize>,
    pub span: usize,
}

impl Prepared<'_> {
    pub fn style(&self, span: usize) -> Option<&TextStyle> {
        self.spans.get(span).map(|s| &s.style)
    }

    /// The span styling the byte at `offset` (or the last one, at the very end). Runs follow
    /// each other in the text, so a binary search finds it.
    pub fn span_at(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.range.end <= offset);
        self.runs
            .get(i)
            .filter(|r| r.range.contains(&offset))
            .or(self.runs.last())
            .map_or(0, |r| r.span)
    }
}

pub(super) fn collect(spans: &[Span]) -> Prepared<'_> {
    let mut text = String::new();
    let mut runs = Vec::new();
    // Column since the last line break, for tab stops.
    let mut column = 0;
    for (index, span) in spans.iter().enumerate() {
        let start = text.len();
        let mut chars = span.text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    // \r\n is one break, a lone \r is one too.
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    text.push('\n');
                    column = 0;
                }
                '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                    text.push('\n');
                    column = 0;
                }
                '\t' => {
                    let n = TAB_STOP - column % TAB_STOP;
                    text.extend(std::iter::repeat_n(' ', n));
                    column += n;
                }
                c if c.is_control() => {}
                c => {
                    text.push(c);
                    column += 1;
                }
            }
        }
        if text.len() > start {
            runs.push(StyleRun {
                range: start..text.len(),
                span: index,
            });
        }
    }
    Prepared { text, runs, spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Span {
        Span::new(text, TextStyle::default())
    }

    #[test]
    fn normalises_breaks_tabs_and_controls() {
        let spans = [span("a\r\nb\rc\u{2028}d"), span("\tx\u{7}y\tz")];
        let p = collect(&spans);
        // "d" is column 1, so the tab pads to column 4; "xy" ends at 6, the next stop is 8.
        assert_eq!(p.text, "a\nb\nc\nd   xy  z");
        assert_eq!(p.runs.len(), 2);
        assert_eq!(p.runs[1].range.start, "a\nb\nc\nd".len());
    }

    #[test]
    fn empty_spans_have_no_run() {
        let spans = [span(""), span("x"), span("\u{1}")];
        let p = collect(&spans);
        assert_eq!(p.runs.len(), 1);
        assert_eq!(p.runs[0].span, 1);
        assert_eq!(p.span_at(0), 1);
    }
}
