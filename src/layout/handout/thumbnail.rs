//! A slide drawn small: the slide page's own items, scaled and moved into a box on the handout
//! page. Copying vectors rather than a picture keeps the text sharp and searchable in the PDF and
//! the file small. Everything scales together (positions, sizes, font sizes, glyph offsets,
//! stroke widths, corner radii, image boxes), nothing is clipped, and a hairline frame is drawn
//! over the edge so that a white slide stays visible on white paper.

use crate::layout::fonts::Weight;
use crate::layout::page::{Item, Page, Point, Positioned, Rectangle, Size, Stroke};
use crate::layout::text::Span;

use super::Ctx;

/// The slide page as items inside the box at `origin` of `size`, keeping its proportions
/// (centred in the box if they differ). `None` draws an empty tinted frame with `title` in it,
/// for a slide whose page is missing.
pub(super) fn thumbnail(
    ctx: &Ctx,
    slide: Option<&Page>,
    title: &str,
    origin: Point,
    size: Size,
) -> Vec<Positioned> {
    let mut out = Vec::new();
    match slide.filter(|p| p.width > 0.0 && p.height > 0.0) {
        Some(page) => {
            let scale = (size.width / page.width).min(size.height / page.height);
            let dx = origin.x + (size.width - page.width * scale) / 2.0;
            let dy = origin.y + (size.height - page.height * scale) / 2.0;
            // The slide's own structure is left out: the thumbnail is one figure, described by
            // the caller, and its inner text is not read twice.
            out.extend(page.items.iter().filter_map(|p| scaled(p, scale, dx, dy)));
        }
        None => {
            out.push(Positioned {
                pos: origin,
                item: Item::Rect(Rectangle::filled(size, ctx.ink.surface)),
            });
            let style = ctx.style(10.0, Weight::Semibold, ctx.ink.muted);
            let block = ctx.layout(&[Span::new(title, style)], size.width - 24.0, 1.2);
            let y = origin.y + ((size.height - block.height) / 2.0).max(0.0);
            if block.height <= size.height {
                out.extend(block.to_items(Point::new(origin.x + 12.0, y)));
            }
        }
    }
    out.push(Positioned {
        pos: origin,
        item: Item::Rect(Rectangle {
            size,
            fill: None,
            stroke: Some(Stroke {
                colour: ctx.ink.rule,
                width: 0.6,
            }),
            radius: 0.0,
        }),
    });
    out
}

/// One slide item, scaled by `s` about the slide's origin and moved by `(dx, dy)`.
fn scaled(p: &Positioned, s: f32, dx: f32, dy: f32) -> Option<Positioned> {
    let item = match &p.item {
        Item::Text(run) => {
            let mut run = run.clone();
            run.size *= s;
            for glyph in &mut run.glyphs {
                glyph.x *= s;
                glyph.y *= s;
            }
            Item::Text(run)
        }
        Item::Rect(rect) => Item::Rect(Rectangle {
            size: scale_size(rect.size, s),
            fill: rect.fill,
            stroke: rect.stroke.map(|st| scale_stroke(st, s)),
            radius: rect.radius * s,
        }),
        Item::Line(line) => {
            let mut line = line.clone();
            line.end = Point::new(line.end.x * s, line.end.y * s);
            line.stroke = scale_stroke(line.stroke, s);
            Item::Line(line)
        }
        Item::Image(image) => {
            let mut image = image.clone();
            image.size = scale_size(image.size, s);
            Item::Image(image)
        }
        Item::Link(link) => {
            let mut link = link.clone();
            link.size = scale_size(link.size, s);
            Item::Link(link)
        }
        Item::Open(_) | Item::Close => return None,
    };
    Some(Positioned {
        pos: Point::new(dx + p.pos.x * s, dy + p.pos.y * s),
        item,
    })
}

fn scale_size(size: Size, s: f32) -> Size {
    Size::new(size.width * s, size.height * s)
}

fn scale_stroke(stroke: Stroke, s: f32) -> Stroke {
    // A hairline thinner than this disappears on most printers.
    Stroke {
        width: (stroke.width * s).max(0.25),
        ..stroke
    }
}
