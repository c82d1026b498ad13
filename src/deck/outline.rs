//! Outline normalisation. Trainers paste outlines from word processors: bullets typed as `·` or `•`,
//! items indented with tabs (which CommonMark would read as code), and section labels such as
//! `Conclusion :` written as plain paragraphs. Before Markdown parsing, such lines are rewritten
//! into the Markdown they mean, and a [`SourceMap`] keeps every byte traceable to the original
//! file so diagnostics still point at what the trainer wrote.
//!
//! Bullets are rewritten in every deck; tab items and labels only in a plain outline (a deck
//! without `---` slide separators), where they cannot be meant as code.

/// Maps byte offsets of the rewritten text back to the original text.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// (offset in rewritten text, offset in original, inserted?) sorted by the first field.
    marks: Vec<(usize, usize, bool)>,
    /// A text rewritten twice (a dialect's syntax, then a pasted outline): the map of the first
    /// rewriting, applied after this one's.
    outer: Option<Box<SourceMap>>,
}

impl SourceMap {
    pub fn identity(base: usize) -> Self {
        SourceMap {
            marks: vec![(0, base, false)],
            outer: None,
        }
    }

    /// Every offset to `at`: for text from another file (an include), placed at the line that
    /// brought it in.
    pub fn point(at: usize) -> Self {
        SourceMap {
            marks: vec![(0, at, true)],
            outer: None,
        }
    }

    /// This map followed by `outer`: for a text rewritten from a text `outer` maps.
    pub fn then(mut self, outer: SourceMap) -> SourceMap {
        self.outer = Some(Box::new(outer));
        self
    }

    pub fn to_original(&self, offset: usize) -> usize {
        let inner = self.to_previous(offset);
        match &self.outer {
            Some(outer) => outer.to_original(inner),
            None => inner,
        }
    }

    fn to_previous(&self, offset: usize) -> usize {
        let i = match self.marks.binary_search_by(|m| m.0.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => return offset,
            Err(i) => i - 1,
        };
        let (n, o, inserted) = self.marks[i];
        if inserted {
            o
        } else {
            o + (offset - n)
        }
    }
}

/// Builds a rewritten text piece by piece, each piece marked as copied from an offset of the
/// original or inserted at one.
pub struct Rewriter {
    out: String,
    map: SourceMap,
}

impl Rewriter {
    pub fn new(capacity: usize) -> Self {
        Rewriter {
            out: String::with_capacity(capacity),
            map: SourceMap::default(),
        }
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.out
    }

    pub fn finish(mut self, base: usize) -> (String, SourceMap) {
        if self.map.marks.is_empty() {
            self.map = SourceMap::identity(base);
        }
        (self.out, self.map)
    }

    pub fn copy(&mut self, text: &str, orig: usize) {
        if text.is_empty() {
            return;
        }
        self.map.marks.push((self.out.len(), orig, false));
        self.out.push_str(text);
    }
    pub fn insert(&mut self, text: &str, orig: usize) {
        if text.is_empty() {
            return;
        }
        self.map.marks.push((self.out.len(), orig, true));
        self.out.push_str(text);
    }
}

/// Labels that open a section of an outline when written as `Label :` on a line of their own.
const LABELS: &[&str] = &[
    "plan",
    "plan/trame",
    "trame",
    "sommaire",
    "agenda",
    "conclusion",
    "conclusions",
    "suggestion",
    "suggestions",
    "next steps",
    "prochaines étapes",
    "prochaines etapes",
    "objectif",
    "objectifs",
    "objectif final",
    "questions",
    "témoignage",
    "témoignages",
    "temoignage",
    "définition",
    "définitions",
    "pour aller plus loin",
    "contact",
    "contacts",
];

/// The lines of `text` with their byte offsets, each marked when it belongs to a fenced code
/// block (the fence lines included): every line scanner of the parser skips code the same way.
pub fn lines_with_code(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let at = offset;
        offset += line.len();
        if let Some(f) = fence {
            if line.trim_start().starts_with(f) {
                fence = None;
            }
            return (at, line, true);
        }
        if let Some(f) = is_fence(line) {
            fence = Some(f);
            return (at, line, true);
        }
        (at, line, false)
    })
}

pub fn is_fence(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    if t.starts_with("```") {
        Some("```")
    } else if t.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// Whether a line (trimmed of its indentation) starts a Markdown list item.
pub fn list_marker_width(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && matches!(b[1], b' ' | b'\t') {
        return Some(2);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && matches!(b[digits + 1], b' ' | b'\t')
    {
        return Some(digits + 2);
    }
    None
}

fn label_of(line: &str) -> Option<(&str, &str)> {
    let (head, rest) = line.split_once(':')?;
    let key = head.trim().to_lowercase();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    LABELS
        .contains(&key.as_str())
        .then(|| (head.trim(), rest.trim()))
}

/// Bullet characters word processors leave in pasted text, including the private-use bullets of
/// the Symbol and Wingdings fonts.
const BULLETS: &[char] = &[
    '·', '•', '▪', '◦', '‣', '\u{f0b7}', '\u{f0a7}', '\u{f0d8}', '\u{f076}', '\u{f0fc}', '\u{f0e0}',
];

/// A run of consecutive rewritten items: the indentation of its items, and of the children of
/// the last item that ended with a colon.
struct Run {
    base: String,
    child: Option<String>,
}

fn ends_with_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// Rewrites `text` (which starts at byte `base` of the file). `outline` enables the rules meant
/// for plain outlines.
pub fn normalise(text: &str, base: usize, outline: bool) -> (String, SourceMap) {
    let mut w = Rewriter::new(text.len() + 256);
    let mut prev_blank = true;
    let mut run: Option<Run> = None;
    // Content column of the previous line when it was a Markdown list item, so that pasted
    // bullets right under it nest in it.
    let mut prev_item: Option<(usize, bool)> = None;
    // The previous line belongs to a Markdown list item (its line, or a line continuing it).
    let mut in_item = false;
    let lines: Vec<(usize, &str, bool)> = lines_with_code(text).collect();
    for (index, &(at, line, code)) in lines.iter().enumerate() {
        // Only the last line of the loop may leave it set.
        let was_in_item = std::mem::take(&mut in_item);
        let orig = base + at;
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        if code {
            w.copy(line, orig);
            prev_blank = false;
            run = None;
            prev_item = None;
            continue;
        }
        if body.trim().is_empty() {
            // Lines of no-break spaces are blank to a reader, not to CommonMark: empty them.
            w.copy(ending, orig + body.len());
            prev_blank = true;
            run = None;
            prev_item = None;
            continue;
        }
        let trimmed = body.trim_start_matches([' ', '\t']);
        let indent = &body[..body.len() - trimmed.len()];
        let at = orig + indent.len();

        // A pasted bullet, or (in an outline) a tab-indented line of text: a list item.
        let bullet = BULLETS
            .iter()
            .find(|b| {
                trimmed.starts_with(**b)
                    && trimmed[b.len_utf8()..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace)
            })
            .map(|b| b.len_utf8());
        let tab_item = outline
            && bullet.is_none()
            && indent.contains('\t')
            && list_marker_width(trimmed).is_none()
            && !trimmed.starts_with('#')
            && !trimmed.starts_with('>')
            && !trimmed.starts_with('|');
        if bullet.is_some() || tab_item {
            let skip = bullet.unwrap_or(0);
            let after = &trimmed[skip..];
            let item = after.trim_start();
            if item.trim().is_empty() {
                // An empty bullet (an outline's placeholder): drop it.
                w.copy(ending, orig + body.len());
                continue;
            }
            let item_at = at + skip + (after.len() - item.len());
            let r = run.get_or_insert_with(|| Run {
                base: match prev_item {
                    Some((col, true)) if !prev_blank && outline => " ".repeat(col),
                    _ if outline => String::new(),
                    _ => indent.replace('\t', "    "),
                },
                child: None,
            });
            let lead = match (&r.child, outline && ends_with_colon(item)) {
                (Some(child), false) => child.clone(),
                _ => r.base.clone(),
            };
            if outline && ends_with_colon(item) {
                r.child = Some(format!("{}  ", r.base));
            }
            w.insert(&lead, orig);
            w.insert("- ", at);
            w.copy(item, item_at);
            w.copy(ending, orig + body.len());
            prev_blank = false;
            prev_item = None;
            continue;
        }

        if outline {
            // `Conclusion :` on a line of its own (after a blank line) is a section heading.
            if prev_blank && indent.is_empty() {
                if let Some((label, rest)) = label_of(trimmed) {
                    if rest.chars().count() <= 120 {
                        w.insert("## ", orig);
                        w.copy(label, orig + body.find(label).unwrap_or(0));
                        w.insert("\n", orig + body.len());
                        if !rest.is_empty() {
                            let rest_at = orig + body.rfind(rest).unwrap_or(0);
                            w.insert("\n", rest_at);
                            w.copy(rest, rest_at);
                        }
                        w.copy(ending, orig + body.len());
                        prev_blank = rest.is_empty();
                        run = None;
                        prev_item = None;
                        continue;
                    }
                }
            }
            if run.is_some()
                && indent.is_empty()
                && list_marker_width(trimmed).is_none()
                && !trimmed.starts_with('#')
            {
                // A plain line after pasted items is a paragraph of its own, not a lazy
                // continuation of the last item.
                w.insert("\n", orig);
            }
        }
        run = None;
        prev_item =
            list_marker_width(trimmed).map(|n| (indent.len() + n, ends_with_colon(trimmed)));
        prev_blank = false;
        in_item = list_marker_width(trimmed).is_some() || (was_in_item && indent.is_empty());
        // A word processor's line break inside an item: the next line, flush left, starts with a
        // capital after a line that does not run on (no `,` `;` `-` at its end). CommonMark would
        // join them into one run-on sentence; the author meant two lines.
        let next = lines.get(index + 1);
        let breaks = outline
            && in_item
            && !body.ends_with([',', ';', '-', '–', ':', '\\'])
            && next.is_some_and(|&(_, n, code)| {
                let n = n.trim_end();
                !code
                    && !n.starts_with([' ', '\t'])
                    && list_marker_width(n).is_none()
                    && !n.starts_with(['#', '>', '|', '<', '`', '~'])
                    && n.chars().next().is_some_and(char::is_uppercase)
                    && !BULLETS.iter().any(|b| n.starts_with(*b))
                    && label_of(n).is_none()
            });
        if breaks {
            w.copy(body, orig);
            w.insert("\\", orig + body.len());
            w.copy(ending, orig + body.len());
        } else {
            w.copy(line, orig);
        }
    }
    w.finish(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_tabs_and_labels() {
        let src = "## A\n\tfirst\n\tsecond\n- parent :\n\tchild\n\u{a0} \nConclusion : fin\n·\tpoint :\n\u{f0b7}\tsub\n·\t\n";
        let (out, map) = normalise(src, 0, true);
        assert_eq!(out, "## A\n- first\n- second\n- parent :\n  - child\n\n## Conclusion\n\nfin\n- point :\n  - sub\n\n");
        // "child" maps back to its place in the original.
        let child = out.find("child").unwrap();
        assert_eq!(map.to_original(child), src.find("child").unwrap());
        let fin = out.find("fin").unwrap();
        assert_eq!(map.to_original(fin), src.find("fin").unwrap());
    }

    #[test]
    fn a_pasted_line_break_in_an_item_is_kept() {
        let src = "- Parcours de formation (ci-dessous)\nAucun prérequis n'est obligatoire\n- suite,\nEt ceci continue\n";
        let (out, _) = normalise(src, 0, true);
        assert_eq!(out, "- Parcours de formation (ci-dessous)\\\nAucun prérequis n'est obligatoire\n- suite,\nEt ceci continue\n");
        // Outside a plain outline, CommonMark's reading stands.
        assert_eq!(normalise(src, 0, false).0, src);
    }

    #[test]
    fn code_is_left_alone() {
        let src = "```\n\tcode\n```\n";
        assert_eq!(normalise(src, 0, true).0, src);
        assert_eq!(normalise("\tcode\n", 0, false).0, "\tcode\n");
    }
}
