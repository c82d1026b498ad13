//! Stage 5: position broken lines: trim, align, stack, and turn shaped runs into page runs.
//!
//! Each line drops the spaces it ends with, gets its horizontal offset from the alignment,
//! and its height from the line-height factor times the largest font size on it. The baseline
//! sits like in CSS: the font's ascender plus half the leading below the line top, so PDF and
//! HTML output put text at the same height. Adjacent runs of the same face, size and colour
//! are merged into one page run (one PDF text operation); link rectangles cover the line
//! height under each linked run.

use super::collect::Prepared;
use super::linebreak::BrokenLine;
use super::shaping::ShapedRun;
use super::{Align, Line, LineRun, LinkRect, TextOptions};
use crate::layout::fonts::FontBook;
use crate::layout::page::{Glyph, TextRun};

pub(super) struct Finished {
    pub lines: Vec<Line>,
    pub links: Vec<LinkRect>,
    pub width: f32,
    pub height: f32,
}

pub(super) fn finish(
    fonts: &FontBook,
    para: &Prepared<'_>,
    broken: Vec<BrokenLine>,
    opts: &TextOptions,
    max_width: f32,
) -> Finished {
    let mut placed = Vec::with_capacity(broken.len());
    let mut top = 0.0;
    for mut line in broken {
        trim_trailing_spaces(&mut line.runs);
        let (ascent, descent, height) = vertical_metrics(fonts, para, &line, opts.line_height);
        let baseline = top + (height - (ascent + descent)) / 2.0 + ascent;
        let width = line.runs.iter().map(ShapedRun::width).sum::<f32>();
        placed.push((line.runs, top, baseline, height, width));
        top += height;
    }

    let block_width = placed.iter().map(|p| p.4).fold(0.0, f32::max);
    // With no width limit (measuring natural width) align within the widest line.
    let box_width = if max_width.is_finite() {
        max_width
    } else {
        block_width
    };

    let mut lines = Vec::with_capacity(placed.len());
    let mut links: Vec<LinkRect> = Vec::new();
    for (runs, top, baseline, height, width) in placed {
        let offset = match opts.align {
            Align::Left => 0.0,
            Align::Centre => ((box_width - width) / 2.0).max(0.0),
            Align::Right => (box_width - width).max(0.0),
        };
        let mut pen = offset;
        let mut out: Vec<LineRun> = Vec::new();
        for run in runs {
            let run_width = run.width();
            let Some(style) = para.style(run.span) else {
                continue;
            };
            if let Some(uri) = &style.link {
                match links.last_mut() {
                    // Continue the rectangle of the previous run if it is the same link.
                    Some(last)
                        if last.uri == *uri
                            && last.y == top
                            && (last.x + last.width - pen).abs() < 1e-3 =>
                    {
                        last.width += run_width;
                    }
                    _ => links.push(LinkRect {
                        x: pen,
                        y: top,
                        width: run_width,
                        height,
                        uri: uri.clone(),
                    }),
                }
            }
            append_run(&mut out, run, pen, style.colour);
            pen += run_width;
        }
        lines.push(Line {
            top,
            baseline,
            height,
            width,
            runs: out,
        });
    }

    Finished {
        lines,
        links,
        width: block_width,
        height: top,
    }
}

/// Drops the breakable spaces a line ends with: they would push right-aligned and centred
/// text off its mark and count towards the width.
fn trim_trailing_spaces(runs: &mut Vec<ShapedRun>) {
    while let Some(run) = runs.last_mut() {
        let before = run.glyphs.len();
        while run.glyphs.last().is_some_and(|g| g.space) {
            run.glyphs.pop();
        }
        if run.glyphs.is_empty() {
            runs.pop();
            continue;
        }
        if run.glyphs.len() != before {
            let end = run.glyphs.iter().map(|g| g.end as usize).max().unwrap_or(0);
            run.text.truncate(end);
        }
        break;
    }
}

/// Ascent and descent of the tallest face on the line, and the line's height.
fn vertical_metrics(
    fonts: &FontBook,
    para: &Prepared<'_>,
    line: &BrokenLine,
    factor: f32,
) -> (f32, f32, f32) {
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    let mut ascent: f32 = 0.0;
    let mut descent: f32 = 0.0;
    let mut height: f32 = 0.0;
    let mut measure = |font, size: f32| {
        if let Some(m) = fonts.metrics(font) {
            ascent = ascent.max(m.ascent(size));
            descent = descent.max(m.descent(size));
        }
        height = height.max(size * factor);
    };
    if line.runs.is_empty() {
        // An empty line (two hard breaks in a row) is as tall as its text would be.
        if let Some(style) = para.style(line.span) {
            let font = fonts.select(style.family, style.weight, style.italic);
            measure(font, style.size.max(0.0));
        }
    }
    for run in &line.runs {
        measure(run.font, run.size);
    }
    (ascent, descent, height)
}

/// Appends a shaped run at `x`, merging it into the previous page run when only the text
/// differs.
fn append_run(out: &mut Vec<LineRun>, run: ShapedRun, x: f32, colour: crate::layout::page::Rgb) {
    let width = run.width();
    let merge = out.last().is_some_and(|last| {
        last.run.font == run.font && last.run.size == run.size && last.run.colour == colour
    });
    if !merge {
        out.push(LineRun {
            x,
            width: 0.0,
            run: TextRun {
                font: run.font,
                size: run.size,
                colour,
                text: String::new(),
                glyphs: Vec::new(),
            },
        });
    }
    let Some(target) = out.last_mut() else {
        return;
    };
    let text_shift = target.run.text.len() as u32;
    let mut pen = x - target.x;
    for g in &run.glyphs {
        target.run.glyphs.push(Glyph {
            id: g.id,
            x: pen + g.dx,
            y: g.dy,
            start: g.start + text_shift,
            end: g.end + text_shift,
        });
        pen += g.advance;
    }
    target.run.text.push_str(&run.text);
    target.width += width;
}
