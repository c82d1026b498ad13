//! Dialects: decks written for other tools. Trainers arrive with decks made for Marp, Slidev,
//! reveal.js or reveal-md, Pandoc, Quarto or R Markdown, or presenterm. Before the Markdown is
//! parsed, the deck's dialect is settled (the front matter's `dialect:`, `--dialect`, the front
//! matter's keys, else the syntax), the body is cut into slides the way that tool cuts them
//! ([`split`]), and each slide's foreign syntax is rewritten into diapo's own ([`rewrite`]):
//! speaker notes become comments, column blocks become a two-column slide, pauses become
//! fragments, per-slide settings become diapo's directives. What has no meaning here is left out
//! with a warning at its line, never shown to the audience; the [`Report`] counts what was mapped
//! and what was dropped, for `diapo check`.

pub mod rewrite;
pub mod split;

use crate::deck::loader::Includes;
use crate::limits::MAX_INCLUDE_DEPTH;
use crate::rules::Rule;
use serde::Serialize;
use std::collections::BTreeMap;

/// The tool a deck was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// diapo's own syntax (Marp's separators and directives, outlines).
    #[default]
    Diapo,
    Marp,
    Slidev,
    /// reveal.js external Markdown and reveal-md.
    Reveal,
    /// Pandoc, Quarto and R Markdown slides.
    Pandoc,
    Presenterm,
}

impl Dialect {
    pub const ALL: [Dialect; 6] = [
        Dialect::Diapo,
        Dialect::Marp,
        Dialect::Slidev,
        Dialect::Reveal,
        Dialect::Pandoc,
        Dialect::Presenterm,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Diapo => "diapo",
            Dialect::Marp => "marp",
            Dialect::Slidev => "slidev",
            Dialect::Reveal => "reveal",
            Dialect::Pandoc => "pandoc",
            Dialect::Presenterm => "presenterm",
        }
    }

    /// The tool's name as its users write it, for messages.
    pub fn tool(self) -> &'static str {
        match self {
            Dialect::Diapo => "diapo",
            Dialect::Marp => "Marp",
            Dialect::Slidev => "Slidev",
            Dialect::Reveal => "reveal.js",
            Dialect::Pandoc => "Pandoc/Quarto",
            Dialect::Presenterm => "presenterm",
        }
    }

    /// Reads a dialect name, with the other names its tools go by.
    pub fn from_name(name: &str) -> Option<Dialect> {
        let n = name
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' ', '.'], "-");
        Some(match n.as_str() {
            "diapo" => Dialect::Diapo,
            "marp" => Dialect::Marp,
            "slidev" => Dialect::Slidev,
            "reveal" | "revealjs" | "reveal-js" | "reveal-md" | "revealmd" => Dialect::Reveal,
            "pandoc" | "quarto" | "rmarkdown" | "r-markdown" | "rmd" | "qmd" => Dialect::Pandoc,
            "presenterm" => Dialect::Presenterm,
            _ => return None,
        })
    }

    /// The dialect the syntax of a body suggests, for a deck whose front matter says nothing.
    /// Only constructs no other tool writes count.
    pub fn from_syntax(body: &str) -> Dialect {
        let mut votes: BTreeMap<Dialect, usize> = BTreeMap::new();
        for (_, line, code) in crate::deck::outline::lines_with_code(body) {
            if code {
                continue;
            }
            let t = line.trim();
            let d = if t.starts_with("<!-- end_slide")
                || t.starts_with("<!-- pause")
                || t.starts_with("<!-- column_layout")
                || t.starts_with("<!-- column:")
                || t.starts_with("<!-- reset_layout")
                || t.starts_with("<!-- jump_to_middle")
                || t.starts_with("<!-- speaker_note")
            {
                Dialect::Presenterm
            } else if t.starts_with("::right::")
                || t.starts_with("::left::")
                || t.starts_with("<v-click")
                || t.contains(" v-click")
                || t.starts_with("layout:")
            {
                Dialect::Slidev
            } else if t.starts_with("Note:")
                || t.starts_with("Notes:")
                || t == "##==##"
                || t == "##--##"
                || t.starts_with("<!-- .slide:")
                || t.starts_with("<!-- .element:")
            {
                Dialect::Reveal
            } else if t.starts_with(":::")
                || t == ". . ."
                || t.contains("{{<")
                || (t.starts_with('%') && votes.is_empty())
            {
                Dialect::Pandoc
            } else if t.starts_with("![bg")
                || t.contains("<!--fit-->")
                || t.contains("<!-- fit -->")
                || t.starts_with("<!-- _backgroundColor")
                || t.starts_with("<!-- backgroundColor")
                || t.starts_with("<!-- headingDivider")
            {
                Dialect::Marp
            } else {
                continue;
            };
            *votes.entry(d).or_default() += 1;
        }
        votes
            .into_iter()
            .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
            .map_or(Dialect::Diapo, |(d, _)| d)
    }
}

/// How a dialect was settled, for `diapo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Settled {
    /// Nothing foreign was found.
    #[default]
    Default,
    /// `--dialect` or the front matter's `dialect:`.
    Named,
    /// A key of the front matter only that tool writes (`marp: true`, `format: revealjs`…).
    FrontMatter,
    /// The body's syntax.
    Syntax,
}

/// What diapo made of a deck's foreign syntax: its dialect, and each construct it mapped to
/// diapo's meaning or dropped (with a warning), counted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub dialect: Dialect,
    pub settled: Settled,
    pub mapped: BTreeMap<String, usize>,
    pub dropped: BTreeMap<String, usize>,
}

impl Report {
    pub fn mapped(&mut self, what: &str) {
        *self.mapped.entry(what.to_string()).or_default() += 1;
    }
    pub fn dropped(&mut self, what: &str) {
        *self.dropped.entry(what.to_string()).or_default() += 1;
    }
    pub fn mapped_total(&self) -> usize {
        self.mapped.values().sum()
    }
    pub fn dropped_total(&self) -> usize {
        self.dropped.values().sum()
    }

    /// One line for `diapo check`: "read as a Marp deck: 12 constructs mapped, 3 left out".
    pub fn summary(&self) -> String {
        let how = match self.settled {
            Settled::Default => "",
            Settled::Named => " (as named)",
            Settled::FrontMatter => " (from its front matter)",
            Settled::Syntax => " (from its syntax)",
        };
        format!(
            "read as a {} deck{how}: {} construct{} mapped, {} left out",
            self.dialect.tool(),
            self.mapped_total(),
            if self.mapped_total() == 1 { "" } else { "s" },
            self.dropped_total()
        )
    }
}

use crate::deck::frontmatter::FrontMatter;
use crate::deck::outline::SourceMap;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};

/// A slide's text ready for diapo's own parser: rewritten, with its map back to the file.
pub struct Prepared {
    pub text: String,
    pub map: SourceMap,
    /// Offset in the file of the slide's first line.
    pub at: usize,
}

/// The body cut into slides and rewritten into diapo's syntax.
pub struct Body {
    pub slides: Vec<Prepared>,
    /// No separator: headings cut the deck.
    pub outline: bool,
    pub report: Report,
}

/// Settles the dialect, reads a Pandoc title block, cuts the body and rewrites each slide.
pub fn prepare(
    src: &SourceFile,
    fm: &mut FrontMatter,
    named: Option<Dialect>,
    includes: &Includes,
    diags: &mut Diagnostics,
) -> Body {
    let body_start = fm.body_start;
    let body = &src.text[body_start..];
    let mut report = Report::default();
    let syntax = Dialect::from_syntax(body);
    (report.dialect, report.settled) = match (named.or(fm.cutting.named), fm.cutting.keys) {
        (Some(d), _) => (d, Settled::Named),
        (None, Some(d)) => (d, Settled::FrontMatter),
        (None, None) if syntax != Dialect::Diapo => (syntax, Settled::Syntax),
        (None, None) => (Dialect::Diapo, Settled::Default),
    };
    let dialect = report.dialect;
    let mut start = body_start;
    if !fm.present && dialect == Dialect::Pandoc {
        start = pandoc_title_block(src, body_start, fm, &mut report);
    }
    // Slidev's head matter `layout:` is the first slide's.
    let first_layout = fm.cutting.first_layout.take();
    let cut = split::cut(&src.text[start..], start, dialect, &fm.cutting, &mut report);
    let ctx = rewrite::Context {
        dialect,
        cutting: &fm.cutting,
        meta: &fm.meta,
        src,
        includes,
    };
    let mut slides = Vec::new();
    // Text above the front matter: the first content, cut and read like the rest.
    let mut chunks = Vec::new();
    if let Some(pre) = fm.preamble.clone() {
        chunks.push(split::Chunk {
            text: &src.text[pre.clone()],
            at: pre.start,
            settings: Vec::new(),
        });
    }
    let preamble_chunks = chunks.len();
    chunks.extend(cut.chunks);
    for (i, mut chunk) in chunks.into_iter().enumerate() {
        if i == preamble_chunks {
            if let Some((layout, line)) = &first_layout {
                let at = src.line_start(*line);
                chunk.settings.insert(
                    0,
                    (
                        "layout".into(),
                        serde_norway::Value::String(layout.clone()),
                        at,
                    ),
                );
            }
        }
        slides_of(chunk, &ctx, diags, &mut report, 0, &mut slides);
    }
    let outline = cut.outline;
    if dialect != Dialect::Diapo && report.settled != Settled::Default {
        diags.push(
            Diagnostic::info(report.summary())
                .rule(Rule::Dialect)
                .at_path(&src.path),
        );
    }
    Body {
        slides,
        outline,
        report,
    }
}

/// One slide rewritten, or, for Slidev's `src: other.md`, the slides of that file (read from the
/// deck's folder only, through the same confinement as images). Diagnostics about an included
/// file's text point at the `src:` line that brought it in.
fn slides_of(
    mut chunk: split::Chunk<'_>,
    ctx: &rewrite::Context,
    diags: &mut Diagnostics,
    report: &mut Report,
    depth: usize,
    out: &mut Vec<Prepared>,
) {
    if let Some(pos) = chunk.settings.iter().position(|(k, _, _)| k == "src") {
        let (_, value, at) = chunk.settings.remove(pos);
        let written = value.as_str().unwrap_or("").trim().to_string();
        let line = ctx.src.line_of(at);
        let here = ctx
            .src
            .location_at(line, 1, ctx.src.line_text(line).chars().count().max(1));
        match read_include(ctx, &written, depth) {
            Ok(text) => {
                report.mapped("src include");
                let first = diags.0.len();
                let cut = split::cut(&text, at, Dialect::Slidev, ctx.cutting, report);
                let mut settings = std::mem::take(&mut chunk.settings);
                for mut included in cut.chunks {
                    // A file opening on a front matter has nothing before its first `---`.
                    if included.text.trim().is_empty() && included.settings.is_empty() {
                        continue;
                    }
                    // The including slide's other settings (its layout, its class) go to the
                    // first slide of the file.
                    included.settings.splice(0..0, settings.drain(..));
                    included.at = at;
                    let before = out.len();
                    slides_of(included, ctx, diags, report, depth + 1, out);
                    for slide in &mut out[before..] {
                        slide.map = SourceMap::point(at);
                        slide.at = at;
                    }
                }
                for d in &mut diags.0[first..] {
                    if d.location.is_some() {
                        d.location = Some(Box::new(here.clone()));
                    }
                }
            }
            Err(reason) => {
                diags.push(
                    Diagnostic::warning(format!("`src: {written}` is not included: {reason}"))
                        .rule(Rule::Foreign)
                        .at(here)
                        .with_hint("include a Markdown file of the deck's folder, or paste its slides into the deck"),
                );
                report.dropped("src include");
            }
        }
        // What the including slide holds besides its settings is a slide of its own.
        if chunk.text.trim().is_empty() {
            return;
        }
    }
    if let Some((text, map)) = rewrite::rewrite(&chunk, ctx, diags, report) {
        out.push(Prepared {
            text,
            map,
            at: chunk.at,
        });
    }
}

/// The text of a file Slidev's `src:` names, through the parse's loader (which reads from inside
/// the deck's folder only).
fn read_include(ctx: &rewrite::Context, written: &str, depth: usize) -> Result<String, String> {
    if depth >= MAX_INCLUDE_DEPTH {
        return Err(format!("includes nest more than {MAX_INCLUDE_DEPTH} deep"));
    }
    ctx.includes.0.read(&ctx.src.path, written)
}

/// Pandoc's `%` title block: `% Title`, `% Author`, `% Date` on the first lines. Returns where the
/// body starts after it.
fn pandoc_title_block(
    src: &SourceFile,
    start: usize,
    fm: &mut FrontMatter,
    report: &mut Report,
) -> usize {
    let mut at = start;
    let mut fields = Vec::new();
    for line in src.text[start..].split_inclusive('\n').take(3) {
        let Some(rest) = line.strip_prefix('%') else {
            break;
        };
        fields.push(rest.trim().to_string());
        at += line.len();
    }
    let mut fields = fields.into_iter();
    if let Some(t) = fields.next().filter(|t| !t.is_empty()) {
        fm.meta.title = crate::deck::frontmatter::plain_inline(&t);
        report.mapped("% title block");
    }
    if let Some(a) = fields.next().filter(|t| !t.is_empty()) {
        fm.meta.author = Some(a.replace(';', ","));
    }
    if let Some(d) = fields.next().filter(|t| !t.is_empty()) {
        fm.meta.date = Some(d);
    }
    at
}
