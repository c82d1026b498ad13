//! The `3up` handout, the attendee's copy: three slides a page down the left, and beside each
//! one ruled lines under a "Your notes" label, to write on during the session. The slides are
//! large enough for their body text to print at 8 points or more, and section slides are
//! printed light (white inside an outline of their colour) rather than as solid blocks of ink.

use crate::color::Rgb;
use crate::layout::fonts::Weight;
use crate::layout::page::{tag, Item, Page, Point, Positioned, Role, Size, Stroke};
use crate::layout::text::Span;
use crate::model::Layout;

use super::flow::Flow;
use super::thumbnail::thumbnail;
use super::{hline, Ctx, SlideHandout, BOTTOM, CONTENT_WIDTH, MARGIN_X, TOP};

const PER_PAGE: usize = 3;
/// Wide enough that 30-pixel body text (22.5 points on the 960-point slide) prints at 8 points.
pub(super) const THUMB_WIDTH: f32 = 342.0;
const THUMB_HEIGHT: f32 = THUMB_WIDTH * 9.0 / 16.0;
pub(super) const COLUMN_GAP: f32 = 18.0;
const LINES_X: f32 = MARGIN_X + THUMB_WIDTH + COLUMN_GAP;
const LINES_WIDTH: f32 = CONTENT_WIDTH - THUMB_WIDTH - COLUMN_GAP;
/// Height of one slot: a third of the content area.
const SLOT: f32 = (BOTTOM - TOP) / PER_PAGE as f32;
/// Space kept empty at the bottom of a slot, between it and the next.
const SLOT_GAP: f32 = 26.0;
/// Distance between ruled lines: enough for handwriting.
const LINE_PITCH: f32 = 19.0;

pub(super) fn layout(ctx: &Ctx, slide_pages: &[Page]) -> SlideHandout {
    let deck = ctx.deck;
    let total = deck.slides.len();
    let mut flow = Flow::new(TOP, BOTTOM);
    let mut slide_page = Vec::with_capacity(total);
    for (i, slide) in deck.slides.iter().enumerate() {
        let slot = i % PER_PAGE;
        if i > 0 && slot == 0 {
            flow.new_page();
        }
        slide_page.push(flow.page_index());
        let top = TOP + slot as f32 * SLOT;
        let title = ctx.slide_title(i);
        let light = slide_pages
            .get(i)
            .filter(|_| slide.layout == Layout::Section)
            .map(printed_light);
        let items = thumbnail(
            ctx,
            light.as_ref().or(slide_pages.get(i)),
            &title,
            Point::new(MARGIN_X, top),
            Size::new(THUMB_WIDTH, THUMB_HEIGHT),
        );
        let page = flow.page();
        // One section per slide holding the slide as a figure; the caption, the label and the
        // lines to write on are decoration (the figure's description says which slide it is).
        let mut section = tag(
            Role::Figure {
                alt: ctx.thumbnail_alt(i, &title),
            },
            items,
        );

        let caption = ctx.one_line(
            &format!("{} {} / {}", ctx.strings.slide, i + 1, total),
            &ctx.style(8.0, Weight::Regular, ctx.ink.muted),
            THUMB_WIDTH,
        );
        let baseline = caption.lines.first().map_or(0.0, |l| l.baseline);
        section
            .extend(caption.to_items(Point::new(MARGIN_X, top + THUMB_HEIGHT + 12.0 - baseline)));

        let label = ctx.layout(
            &[Span::new(
                ctx.strings.your_notes.to_uppercase(),
                ctx.style(7.5, Weight::Bold, ctx.ink.primary),
            )],
            LINES_WIDTH,
            1.2,
        );
        let label_baseline = label.lines.first().map_or(0.0, |l| l.baseline);
        section.extend(label.to_items(Point::new(LINES_X, top + 8.0 - label_baseline)));
        let mut y = top + 8.0 + LINE_PITCH;
        while y <= top + SLOT - SLOT_GAP {
            section.push(hline(LINES_X, y, LINES_WIDTH, 0.5, ctx.ink.rule));
            y += LINE_PITCH;
        }
        page.items.extend(tag(Role::Section, section));
    }
    SlideHandout {
        pages: flow.finish(),
        slide_page,
    }
}

/// A section slide as printed: its solid background becomes white paper inside an outline of
/// that colour, and the text drawn light on it takes the colour instead (the accent rule and
/// anything else keep theirs).
pub(super) fn printed_light(page: &Page) -> Page {
    let mut page = page.clone();
    let (w, h) = (page.width, page.height);
    let full = |p: &Positioned| match &p.item {
        Item::Rect(r) => {
            p.pos.x <= 0.5 && p.pos.y <= 0.5 && r.size.width >= w - 0.5 && r.size.height >= h - 0.5
        }
        _ => false,
    };
    let Some(bg) = page
        .items
        .iter()
        .find(|p| full(p))
        .and_then(|p| match &p.item {
            Item::Rect(r) => r.fill,
            _ => None,
        })
    else {
        return page;
    };
    // The divider's text colour: the one of its largest text (the part's title).
    let fg: Option<Rgb> = page
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some((run.size, run.colour)),
            _ => None,
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    for p in &mut page.items {
        let is_full = full(p);
        match &mut p.item {
            Item::Rect(r) if is_full => {
                r.fill = Some(Rgb::WHITE);
                r.stroke = Some(Stroke {
                    colour: bg,
                    width: 8.0,
                });
            }
            Item::Text(run) if Some(run.colour) == fg => run.colour = bg,
            _ => {}
        }
    }
    page
}
