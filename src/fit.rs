//! Overflow is never silent. Before any output is rendered, every slide's content is measured
//! against the theme's content box: a slide that does not fit is first shrunk (down to the theme's
//! `fit.min_scale`), then split into "(suite)" slides at list-item and block boundaries; what still
//! cannot fit is reported as a warning naming the slide and its source line. The resulting slides
//! and scales feed both the HTML and the PDF, so the two outputs agree.

use crate::assets::ImageStore;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::layout::fonts::{Family, FontBook, Weight};
use crate::model::{plain_text, Block, Body, Deck, Inline, Layout, List, Slide};
use crate::theme::{Theme, IMAGE_MAX_HEIGHT, SLIDE_HEIGHT, SLIDE_WIDTH};

/// Measures text: width of a string at a size, in the same units as the size.
pub trait Measure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// Measurement with the real advance widths of the theme's font (kerning ignored: it changes
/// widths by well under the safety margin kept below).
pub struct FontMeasure {
    regular: Vec<u16>,
    bold: Vec<u16>,
    upem: f32,
}

impl FontMeasure {
    /// Widths of the body and heading faces of `family` in `book`.
    pub fn new(book: &FontBook, family: Family) -> Self {
        let table = |data: &[u8]| -> (Vec<u16>, f32) {
            let Ok(face) = ttf_parser::Face::parse(data, 0) else {
                return (vec![500; 0x250], 1000.0);
            };
            let widths = (0u32..0x250)
                .map(|c| {
                    char::from_u32(c)
                        .and_then(|ch| face.glyph_index(ch))
                        .and_then(|g| face.glyph_hor_advance(g))
                        .unwrap_or(face.units_per_em() / 2)
                })
                .collect();
            (widths, face.units_per_em() as f32)
        };
        let data = |weight| book.data(book.select(family, weight, false)).unwrap_or(&[]);
        let (regular, upem) = table(data(Weight::Regular));
        let (bold, _) = table(data(Weight::Bold));
        FontMeasure {
            regular,
            bold,
            upem,
        }
    }
}

impl Measure for FontMeasure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let table = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                table
                    .get(c as usize)
                    .copied()
                    .unwrap_or(table[b'm' as usize]) as u32
            })
            .sum();
        units as f32 * size / self.upem
    }
}

/// The result of fitting: the (possibly longer) list of slides, and a scale per slide.
pub struct Fitted {
    pub scales: Vec<f32>,
}

struct Geometry<'a> {
    src: Option<&'a SourceFile>,
    theme: &'a Theme,
    measure: &'a dyn Measure,
    images: &'a ImageStore,
}

/// Most slides a deck may make, "(suite)" slides included. A deck is shown in one session; past
/// this, the input is a mistake (a data file pasted as a list), and laying out and writing
/// thousands of pages would only cost time and memory.
pub const MAX_SLIDES: usize = 2_000;

/// Fits every slide of the deck, splitting long ones. Warnings go to `diags`, and an error when the
/// deck makes more than [`MAX_SLIDES`] slides (fitting then stops).
pub fn fit_deck(
    deck: &mut Deck,
    src: Option<&SourceFile>,
    theme: &Theme,
    images: &ImageStore,
    measure: &dyn Measure,
    diags: &mut Diagnostics,
) -> Fitted {
    let g = Geometry {
        src,
        theme,
        measure,
        images,
    };
    let mut out_slides = Vec::with_capacity(deck.slides.len());
    let mut scales = Vec::with_capacity(deck.slides.len());
    let mut index_map = Vec::with_capacity(deck.slides.len());
    for slide in std::mem::take(&mut deck.slides) {
        index_map.push(out_slides.len());
        let line = slide.line;
        // A slide split into more parts than the deck has room for stops there.
        let room = (MAX_SLIDES + 1).saturating_sub(out_slides.len());
        for (part, scale) in fit_slide(&g, slide, room, diags) {
            out_slides.push(part);
            scales.push(scale);
        }
        if out_slides.len() > MAX_SLIDES {
            let mut d = Diagnostic::error(format!(
                "the deck would have more than {MAX_SLIDES} slides"
            ))
            .with_hint("a deck is for one session: split it into several decks, or shorten long lists (they continue on “(suite)” slides)");
            if let Some(src) = g.src {
                let len = src.line_text(line).chars().count();
                d = d.at(src.location_at(line, 1, len));
            }
            diags.push(d);
            break;
        }
    }
    // Sections point at slide indices: shift them past inserted "(suite)" slides.
    for section in &mut deck.sections {
        if let Some(&i) = index_map.get(section.first_slide) {
            section.first_slide = i;
        }
    }
    deck.slides = out_slides;
    Fitted { scales }
}

fn fit_slide(
    g: &Geometry<'_>,
    slide: Slide,
    max_parts: usize,
    diags: &mut Diagnostics,
) -> Vec<(Slide, f32)> {
    let min = g.theme.min_scale;
    let fits_at = |s: &Slide, scale: f32| content_height(g, s, scale) <= available(g, s, scale);
    if fits_at(&slide, 1.0) {
        return vec![(slide, 1.0)];
    }
    // Shrink a little before splitting: a slide that almost fits stays one slide.
    let mut scale = 0.95;
    while scale >= min - 1e-3 {
        if fits_at(&slide, scale) {
            return vec![(slide, scale)];
        }
        scale -= 0.05;
    }
    // Split: blocks and agendas can be continued on another slide.
    let parts: Vec<Body> = match &slide.body {
        Body::Blocks { .. } if matches!(slide.layout, Layout::Content | Layout::Objectives) => {
            split(g, &slide, max_parts)
                .into_iter()
                .map(|blocks| Body::Blocks { blocks })
                .collect()
        }
        Body::Agenda { .. } => split_agenda(g, &slide, max_parts),
        _ => Vec::new(),
    };
    if parts.len() > 1 {
        // Each part is a copy of the slide with its own body: drop the whole body first, so a
        // list of thousands of items is not copied once per part.
        let mut shell = slide;
        shell.body = Body::Blocks { blocks: Vec::new() };
        let slide = shell;
        let mut out = Vec::new();
        for (k, body) in parts.into_iter().enumerate() {
            let mut part = slide.clone();
            part.body = body;
            part.continuation = k as u32;
            if k > 0 {
                part.anchor = format!("{}-{}", slide.anchor, k + 1);
                // Notes belong to the first part only.
                part.notes.clear();
                part.facilitator.clear();
            }
            let scale = best_scale(g, &part, min);
            if !fits_at(&part, scale) {
                warn(
                    g,
                    diags,
                    &part,
                    "this slide is still too full after splitting it",
                );
            }
            out.push((part, scale));
        }
        return out;
    }
    if !fits_at(&slide, min) {
        warn(
            g,
            diags,
            &slide,
            "this slide's content does not fit, even shrunk",
        );
    }
    vec![(slide, min)]
}

fn best_scale(g: &Geometry<'_>, s: &Slide, min: f32) -> f32 {
    let mut scale = 1.0;
    while scale >= min - 1e-3 {
        if content_height(g, s, scale) <= available(g, s, scale) {
            return scale;
        }
        scale -= 0.05;
    }
    min
}

/// What to do about a slide too full to read.
pub const CROWDED_HINT: &str =
    "cut the text, split the list with a new heading, or move details to the notes";

fn warn(g: &Geometry<'_>, diags: &mut Diagnostics, slide: &Slide, message: &str) {
    let mut d = Diagnostic::warning(format!("slide “{}”: {message}", slide.title_text().trim()))
        .rule(crate::rules::Rule::Overflow)
        .with_hint(CROWDED_HINT);
    if let Some(src) = g.src {
        d = d.at(src.line_location(slide.line));
    }
    diags.push(d);
}

/// Splits the body into parts that each fit at full scale (at least one block or item per part),
/// stopping once there are more than `max_parts` (the deck is then refused for its length).
fn split(g: &Geometry<'_>, slide: &Slide, max_parts: usize) -> Vec<Vec<Block>> {
    let Body::Blocks { blocks } = &slide.body else {
        return Vec::new();
    };
    // Units: each block, and each item of a top-level list, can start a new part.
    enum Unit<'a> {
        Block(&'a Block),
        Item(&'a List, usize),
    }
    let mut units = Vec::new();
    for block in blocks {
        match block {
            Block::List(list) if list.items.len() > 1 => {
                for i in 0..list.items.len() {
                    units.push(Unit::Item(list, i));
                }
            }
            other => units.push(Unit::Block(other)),
        }
    }
    let room = available(g, slide, 1.0) * 0.98;
    let mut parts: Vec<Vec<Block>> = vec![Vec::new()];
    let push_unit = |part: &mut Vec<Block>, unit: &Unit| match unit {
        Unit::Block(b) => part.push((*b).clone()),
        Unit::Item(list, i) => {
            let item = list.items[*i].clone();
            let start = list.start.map(|s| s + *i as u64);
            match part.last_mut() {
                Some(Block::List(l))
                    if l.start.is_some() == list.start.is_some() && same_list(l, list, *i) =>
                {
                    l.items.push(item)
                }
                _ => part.push(Block::List(List {
                    start,
                    items: vec![item],
                })),
            }
        }
    };
    // The slide measured with each trial body: copied once, not once per unit.
    let mut probe = slide.clone();
    for unit in &units {
        if parts.len() > max_parts {
            break;
        }
        let mut trial = parts.last().cloned().unwrap_or_default();
        push_unit(&mut trial, unit);
        probe.body = Body::Blocks { blocks: trial };
        let last_empty = parts.last().is_none_or(Vec::is_empty);
        let overflows = !last_empty && content_height(g, &probe, 1.0) > room;
        let Body::Blocks { blocks: trial } =
            std::mem::replace(&mut probe.body, Body::Blocks { blocks: Vec::new() })
        else {
            continue;
        };
        if overflows {
            let mut fresh = Vec::new();
            push_unit(&mut fresh, unit);
            parts.push(fresh);
        } else if let Some(last) = parts.last_mut() {
            *last = trial;
        }
    }
    // A part ending on a lone paragraph that introduces a list (`… :`) moves it to the next part.
    for k in 0..parts.len().saturating_sub(1) {
        let ends_with_intro = matches!(parts[k].last(), Some(Block::Paragraph { content }) if plain_text(content).trim_end().ends_with(':'));
        if ends_with_intro && parts[k].len() > 1 {
            if let Some(b) = parts[k].pop() {
                parts[k + 1].insert(0, b);
            }
        }
    }
    parts
}

/// Splits an agenda's entries over as many slides as needed (the intro stays on the first).
fn split_agenda(g: &Geometry<'_>, slide: &Slide, max_parts: usize) -> Vec<Body> {
    let Body::Agenda { intro, entries } = &slide.body else {
        return Vec::new();
    };
    let room = available(g, slide, 1.0) * 0.98;
    let mut parts: Vec<Body> = vec![Body::Agenda {
        intro: intro.clone(),
        entries: Vec::new(),
    }];
    // The slide measured with each trial body: copied once, not once per entry.
    let mut probe = slide.clone();
    for entry in entries {
        if parts.len() > max_parts {
            break;
        }
        let Some(Body::Agenda {
            intro,
            entries: current,
        }) = parts.last()
        else {
            break;
        };
        let mut trial = current.clone();
        trial.push(entry.clone());
        probe.body = Body::Agenda {
            intro: intro.clone(),
            entries: trial.clone(),
        };
        if !current.is_empty() && content_height(g, &probe, 1.0) > room {
            parts.push(Body::Agenda {
                intro: Vec::new(),
                entries: vec![entry.clone()],
            });
        } else if let Some(Body::Agenda { entries, .. }) = parts.last_mut() {
            *entries = trial;
        }
    }
    parts
}

/// Whether `l` (being built) continues `list` at item `i`: same kind and contiguous.
fn same_list(l: &List, list: &List, i: usize) -> bool {
    match (l.start, list.start) {
        (Some(s), Some(t)) => s + l.items.len() as u64 == t + i as u64,
        (None, None) => true,
        _ => false,
    }
}

/// Height available for the body (below the title) at a scale, in slide pixels.
fn available(g: &Geometry<'_>, slide: &Slide, scale: f32) -> f32 {
    let s = &g.theme.sizes;
    let mut h = SLIDE_HEIGHT - g.theme.spacing.padding_top - g.theme.spacing.padding_bottom;
    if slide.title.is_some()
        && !matches!(
            slide.layout,
            Layout::Title | Layout::Section | Layout::Closing
        )
    {
        let title = slide.title_text();
        let size = s.title * scale;
        let lines = wrap_lines(g.measure, &title, size, text_width(g), true);
        h -= lines as f32 * size * 1.15 + 0.7 * size;
    }
    h
}

fn text_width(g: &Geometry<'_>) -> f32 {
    SLIDE_WIDTH - 2.0 * g.theme.spacing.padding_x
}

/// Width of a column of a body's text: the content box, or one of two columns.
pub fn column_width(theme: &Theme, body: &Body) -> f32 {
    let width = SLIDE_WIDTH - 2.0 * theme.spacing.padding_x;
    match body {
        Body::TwoColumn { .. } | Body::Comparison { .. } => {
            (width - theme.spacing.column_gap) / 2.0 - 30.0
        }
        _ => width,
    }
}

/// How far a list's items are indented from its column, in ems of the body size.
pub const LIST_INDENT: f32 = 1.3;
/// How much smaller each level of nested list is.
pub const NESTED_LIST_SCALE: f32 = 0.86;

/// Height of the body at a scale.
fn content_height(g: &Geometry<'_>, slide: &Slide, scale: f32) -> f32 {
    let size = g.theme.sizes.body * scale;
    let width = text_width(g);
    match &slide.body {
        Body::Blocks { blocks } => blocks_height(g, blocks, size, width),
        Body::TwoColumn { left, right } | Body::Comparison { left, right, .. } => {
            let w = column_width(g.theme, &slide.body);
            blocks_height(g, left, size, w).max(blocks_height(g, right, size, w)) + 2.5 * size
        }
        Body::Agenda { intro, entries } => {
            let mut h = blocks_height(g, intro, size, width);
            for e in entries {
                h += wrap_lines(
                    g.measure,
                    &plain_text(&e.text),
                    size,
                    width - 2.2 * size,
                    false,
                ) as f32
                    * size
                    * g.theme.sizes.line_height
                    + 0.45 * size;
            }
            h
        }
        Body::Poll { options, question } => {
            // The poll shows its question where the title would be, under a label: count the
            // question's lines beyond the title's (which `available` took off already).
            let title_size = g.theme.sizes.title * scale;
            let lines = |text: &str| wrap_lines(g.measure, text, title_size, width, true) as f32;
            let shown = question.as_ref().map_or(0.0, |q| lines(&plain_text(q)));
            let counted = slide
                .title
                .as_ref()
                .map_or(0.0, |_| lines(&slide.title_text()));
            let extra = (shown - counted).max(0.0) * title_size * 1.15;
            let label = g.theme.sizes.small * 1.5 + 0.6 * size;
            let lh = g.theme.sizes.line_height;
            let rows: f32 = options
                .iter()
                .map(|o| {
                    (lines_of(g, o, size, width - 3.7 * size) * size * lh).max(1.6 * size)
                        + 0.7 * size
                        + 16.0
                })
                .sum();
            rows + extra + label + size
        }
        Body::Testimony { quote, .. } => blocks_height(g, quote, size * 1.15, width) + 3.0 * size,
        Body::KeyFigure { caption, .. } => {
            g.theme.sizes.figure * scale * 1.15 + blocks_height(g, caption, size * 1.1, width * 0.9)
        }
        Body::Definition { definition, .. } => {
            2.4 * size + blocks_height(g, definition, size, width - 40.0)
        }
        Body::Closing {
            blocks, question, ..
        } => {
            blocks_height(g, blocks, size, width)
                + if question.is_some() { 4.5 * size } else { 0.0 }
                + 2.0 * size
        }
    }
}

fn blocks_height(g: &Geometry<'_>, blocks: &[Block], size: f32, width: f32) -> f32 {
    let lh = g.theme.sizes.line_height;
    let mut h = 0.0;
    for block in blocks {
        h += match block {
            Block::Paragraph { content } => {
                lines_of(g, content, size, width) * size * lh + 0.55 * size
            }
            Block::Heading { content, .. } => {
                lines_of(g, content, size * 1.1, width) * size * 1.1 * lh + 0.7 * size
            }
            Block::List(list) => list_height(g, list, size, width),
            Block::Quote { blocks } => {
                blocks_height(g, blocks, size, width - 0.9 * size - 6.0) + 0.6 * size
            }
            Block::Code { text, .. } => {
                let mono = size * 0.7;
                let cols = ((width - 2.0 * size) / (mono * 0.602)).max(1.0) as usize;
                let lines: usize = text
                    .lines()
                    .map(|l| l.chars().count().div_ceil(cols).max(1))
                    .sum();
                lines as f32 * mono * 1.3 + 1.6 * mono + 0.6 * size
            }
            Block::Table { rows, header, .. } => {
                let cols = header.len().max(1) as f32;
                let cell_w = width / cols - 1.4 * size * 0.8;
                let row_h = |row: &Vec<Vec<Inline>>| {
                    row.iter()
                        .map(|c| lines_of(g, c, size * 0.8, cell_w))
                        .fold(1.0f32, f32::max)
                        * size
                        * 0.8
                        * lh
                        + 0.6 * size * 0.8
                };
                row_h(header) + rows.iter().map(row_h).sum::<f32>() + 0.6 * size
            }
            Block::Image(image) => {
                let h = g
                    .images
                    .get(&image.src)
                    .map(|i| {
                        let (w, h) = (i.width.max(1) as f32, i.height as f32);
                        let shown = image.asked_width(w, h).map_or(width, |a| a.min(width));
                        (shown * h / w).min(IMAGE_MAX_HEIGHT)
                    })
                    .unwrap_or_else(|| {
                        crate::layout::blocks::placeholder_size(width, IMAGE_MAX_HEIGHT).height
                    });
                h + 0.6 * size
                    + if image.title.is_some() {
                        g.theme.sizes.small * lh
                    } else {
                        0.0
                    }
            }
            Block::Html { .. } => 2.0 * size,
            Block::Rule => 1.2 * size,
        };
    }
    h
}

fn list_height(g: &Geometry<'_>, list: &List, size: f32, width: f32) -> f32 {
    let lh = g.theme.sizes.line_height;
    let inner = width - LIST_INDENT * size;
    let mut h = 0.5 * size;
    for item in &list.items {
        for (k, b) in item.blocks.iter().enumerate() {
            h += match b {
                Block::Paragraph { content } => {
                    lines_of(g, content, size, inner) * size * lh
                        + if k == 0 { 0.35 * size } else { 0.55 * size }
                }
                Block::List(sub) => {
                    list_height(g, sub, size * NESTED_LIST_SCALE, inner) + 0.3 * size
                }
                other => blocks_height(g, std::slice::from_ref(other), size, inner),
            };
        }
    }
    h
}

fn lines_of(g: &Geometry<'_>, inlines: &[Inline], size: f32, width: f32) -> f32 {
    wrap_lines(g.measure, &plain_text(inlines), size, width, false) as f32
}

/// Greedy word wrap: the number of lines `text` takes in `width`.
pub fn wrap_lines(m: &dyn Measure, text: &str, size: f32, width: f32, bold: bool) -> usize {
    let space = m.width(" ", size, bold);
    let mut lines = 1;
    let mut x = 0.0;
    // Measured slightly wide: browsers and the PDF may break a little earlier than this estimate.
    let width = width * 0.97;
    for word in text.split_whitespace() {
        let w = m.width(word, size, bold);
        if x > 0.0 && x + space + w > width {
            lines += 1;
            x = w.min(width);
            if w > width {
                lines += (w / width) as usize;
            }
        } else {
            x += if x > 0.0 { space + w } else { w };
        }
    }
    lines
}
