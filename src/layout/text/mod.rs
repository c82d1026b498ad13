//! Inline text layout: styled spans in, positioned lines of glyphs out.
//!
//! [`layout`] runs the stages in order, one file each as in typst's inline layout:
//! `collect` flattens the spans into one normalised string, `linebreak` finds the break
//! opportunities (UAX #14 with French no-break spaces respected), `shaping` turns ranges into
//! glyphs with real metrics and kerning (HarfRust, with per-character font fallback),
//! `linebreak` again fills lines first-fit (hyphenating only words wider than the box, cutting
//! between clusters as a last resort), and `line` trims, aligns and stacks the lines. The
//! result, a [`TextBlock`], is relative to its top-left corner; [`TextBlock::to_items`] places
//! it on a page. Text is laid out left to right only: right-to-left scripts are out of scope.

mod collect;
mod line;
mod linebreak;
mod memo;
mod shaping;

pub(crate) use memo::LayoutCache;
use serde::Serialize;
pub(crate) use shaping::ShapeCache;

use crate::layout::fonts::{Family, FontBook, Weight};
use crate::layout::page::{Item, LinkArea, LinkTarget, Point, Positioned, Rgb, Size, TextRun};

/// How a span of text looks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextStyle {
    pub family: Family,
    pub weight: Weight,
    pub italic: bool,
    /// Font size in points.
    pub size: f32,
    pub colour: Rgb,
    /// Makes the span clickable, to this URI.
    pub link: Option<String>,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            family: Family::Sans,
            weight: Weight::Regular,
            italic: false,
            size: 12.0,
            colour: Rgb::BLACK,
            link: None,
        }
    }
}

/// A piece of text in one style. `\n` in the text is a hard line break.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub text: String,
    pub style: TextStyle,
}

impl Span {
    pub fn new(text: impl Into<String>, style: TextStyle) -> Self {
        Span {
            text: text.into(),
            style,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// The language of a paragraph, for hyphenation patterns and shaping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Reads a BCP 47 tag (`fr`, `fr-FR`, `en-GB`…); anything not French is English.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// Paragraph-level settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TextOptions {
    /// Width of the box in points; lines never exceed it. `f32::INFINITY` lays out without
    /// wrapping (to measure natural width).
    pub max_width: f32,
    pub align: Align,
    /// Line height as a factor of the font size (1.2 is a common value).
    pub line_height: f32,
    pub lang: Lang,
}

impl TextOptions {
    pub fn new(max_width: f32) -> Self {
        TextOptions {
            max_width,
            align: Align::Left,
            line_height: 1.2,
            lang: Lang::Fr,
        }
    }
}

/// A laid-out paragraph, relative to its top-left corner.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TextBlock {
    pub lines: Vec<Line>,
    /// Clickable areas of linked spans.
    pub links: Vec<LinkRect>,
    /// Width of the widest line (without alignment offset).
    pub width: f32,
    /// Sum of the line heights.
    pub height: f32,
    /// Characters no font could draw (they show as boxes), sorted, for a warning.
    pub missing: Vec<char>,
    /// Where the layout wrapped lines (hard breaks excluded), for outputs that flow text
    /// themselves: the HTML breaks its lines at the same places, so it shows what the PDF shows.
    pub wraps: Vec<Wrap>,
}

/// A line the layout started by wrapping (not at a hard break).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Wrap {
    /// Characters other than white space (`char::is_whitespace`) before the line's first one,
    /// in the paragraph: a count that survives escaping and the collapsing of spaces.
    pub before: usize,
    /// The line before ends with a hyphen the layout inserted (a hyphenated word).
    pub hyphen: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// Top of the line box and baseline, from the top of the block.
    pub top: f32,
    pub baseline: f32,
    pub height: f32,
    /// Width of the text on the line, trailing spaces excluded.
    pub width: f32,
    pub runs: Vec<LineRun>,
}

/// A run of glyphs on a line; `x` is from the left edge of the box, alignment included.
#[derive(Debug, Clone, Serialize)]
pub struct LineRun {
    pub x: f32,
    pub width: f32,
    pub run: TextRun,
}

/// The area of a linked span on one line, relative to the block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkRect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub uri: String,
}

/// Lays out a paragraph, or hands out again the lines of the same paragraph laid out before with
/// this book (see `memo`).
pub fn layout(fonts: &FontBook, spans: &[Span], opts: &TextOptions) -> TextBlock {
    fonts
        .layout_cache()
        .get_or(spans, opts, || lay_out(fonts, spans, opts))
}

/// [`layout`] without its cache.
fn lay_out(fonts: &FontBook, spans: &[Span], opts: &TextOptions) -> TextBlock {
    let max_width = if opts.max_width.is_nan() {
        f32::INFINITY
    } else {
        opts.max_width.max(0.0)
    };
    let para = collect::collect(spans);
    let words = linebreak::words(&para);
    let shaper = shaping::Shaper::new(fonts, &para, opts.lang);
    let broken = linebreak::fill(&shaper, &words, max_width, opts.lang);
    let wraps = wraps(&para.text, &broken);
    let finished = line::finish(fonts, &para, broken, opts, max_width);
    TextBlock {
        lines: finished.lines,
        links: finished.links,
        width: finished.width,
        height: finished.height,
        missing: shaper.into_missing(),
        wraps,
    }
}

/// The lines of `broken` that start by wrapping: after a line whose text does not end at a
/// hard break (a `\n` of the paragraph).
fn wraps(text: &str, broken: &[linebreak::BrokenLine]) -> Vec<Wrap> {
    let mut out = Vec::new();
    let mut counted = 0; // bytes of `text` whose non-space characters are in `before`
    let mut before = 0;
    let mut previous: Option<&shaping::ShapedRun> = None;
    for line in broken {
        let Some(first) = line.runs.first() else {
            continue;
        };
        let start = first.offset.min(text.len());
        if let Some(last) = previous {
            let head = text.get(..start).unwrap_or("");
            let hard = head.trim_end_matches([' ', '\t']).ends_with('\n');
            if !hard && text.is_char_boundary(counted) && counted <= start {
                before += text[counted..start]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count();
                counted = start;
                let shaped_from_text = text
                    .get(last.offset..)
                    .is_some_and(|t| t.starts_with(last.text.as_str()));
                out.push(Wrap {
                    before,
                    hyphen: !shaped_from_text && last.text.ends_with(['-', '\u{2010}']),
                });
            }
        }
        previous = line.runs.last();
    }
    out
}

/// The height a paragraph takes at a width, to decide whether content fits.
pub fn measure(fonts: &FontBook, spans: &[Span], opts: &TextOptions) -> f32 {
    layout(fonts, spans, opts).height
}

impl TextBlock {
    /// Page items for this block with its top-left corner at `origin`: one text item per run
    /// and one link area per link rectangle (all URIs; the caller may retarget internal ones).
    pub fn to_items(&self, origin: Point) -> Vec<Positioned> {
        let mut items = Vec::new();
        for line in &self.lines {
            for run in &line.runs {
                items.push(Positioned {
                    pos: Point::new(origin.x + run.x, origin.y + line.baseline),
                    item: Item::Text(run.run.clone()),
                });
            }
        }
        for link in &self.links {
            items.push(Positioned {
                pos: Point::new(origin.x + link.x, origin.y + link.y),
                item: Item::Link(LinkArea {
                    size: Size::new(link.width, link.height),
                    target: LinkTarget::Uri(link.uri.clone()),
                }),
            });
        }
        items
    }
}

#[cfg(test)]
mod tests;
