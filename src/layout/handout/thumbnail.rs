//! A slide drawn small: the slide page's own items as one [`Group`], scaled into a box on the
//! handout page. Vectors rather than a picture keep the text sharp and searchable in the PDF and
//! the file small; the slide's items are shared, not copied and rescaled one by one, and the PDF
//! draws them at the slide's size under one scaling.
//! The slide is clipped to its own page, as on the screen, and a hairline frame is drawn over the
//! edge so that a white slide stays visible on white paper.

use std::sync::Arc;

use crate::layout::fonts::Weight;
use crate::layout::page::{Group, Item, Page, Point, Positioned, Rectangle, Size, Stroke};
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
            // the caller, and its inner text is not read twice. Its links stay clickable, as
            // areas of the handout page over the drawing.
            let mut drawing = Vec::with_capacity(page.items.len());
            let mut links = Vec::new();
            for p in &page.items {
                match &p.item {
                    Item::Open(_) | Item::Close => {}
                    Item::Link(link) => {
                        let mut link = link.clone();
                        link.size = Size::new(link.size.width * scale, link.size.height * scale);
                        links.push(Positioned {
                            pos: Point::new(dx + p.pos.x * scale, dy + p.pos.y * scale),
                            item: Item::Link(link),
                        });
                    }
                    _ => drawing.push(p.clone()),
                }
            }
            out.push(Positioned {
                pos: Point::new(dx, dy),
                item: Item::Group(Group {
                    size: Size::new(page.width, page.height),
                    scale,
                    items: Arc::new(drawing),
                }),
            });
            out.extend(links);
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
