//! The `notes` handout, the trainer's copy: each slide small on the left, its title, speaker
//! notes and facilitator notes on the right, two to four slides a page. A slide and its notes
//! go to the next page together when they do not fit what is left of the current one; notes
//! longer than a page start beside their slide and continue on the next pages under a
//! "continued" label.

use crate::layout::fonts::{Family, Weight};
use crate::layout::page::{tag, Item, Page, Point, Positioned, Role, Size};
use crate::layout::text::{Span, TextStyle};
use crate::model::{self, Slide};

use super::flow::{Flow, Row};
use super::thumbnail::thumbnail;
use super::{
    artifact_rows, hline, tag_rows, Ctx, Para, SlideHandout, BOTTOM, CONTENT_WIDTH, MARGIN_X, TOP,
};

const THUMB_WIDTH: f32 = 236.0;
const THUMB_HEIGHT: f32 = THUMB_WIDTH * 9.0 / 16.0;
/// The thumbnail and the caption under it.
const LEFT_HEIGHT: f32 = THUMB_HEIGHT + 16.0;
const COLUMN_GAP: f32 = 18.0;
const NOTES_X: f32 = MARGIN_X + THUMB_WIDTH + COLUMN_GAP;
const NOTES_WIDTH: f32 = CONTENT_WIDTH - THUMB_WIDTH - COLUMN_GAP;
/// Space between two slides, with a hairline in its middle.
const ENTRY_GAP: f32 = 24.0;
const NOTE_SIZE: f32 = 9.5;
const NOTE_LEADING: f32 = 1.35;

pub(super) fn layout(ctx: &Ctx, slide_pages: &[Page]) -> SlideHandout {
    let deck = ctx.deck;
    let total = deck.slides.len();
    let mut flow = Flow::new(TOP, BOTTOM);
    let mut slide_page = Vec::with_capacity(total);
    // The notes are laid out before they are placed, every slide's on whichever of rayon's
    // threads is free: their text (most of the trainer's copy) does not depend on where it lands,
    // and this handout is the longest of a build's outputs, so the other core helps once the
    // slides PDF and the HTML are done. Shaping is shared and pure: the order changes no byte.
    let titles: Vec<String> = (0..total).map(|i| ctx.slide_title(i)).collect();
    let all_rows: Vec<Vec<Row>> = {
        use rayon::prelude::*;
        deck.slides
            .par_iter()
            .zip(titles.par_iter())
            .map(|(slide, title)| notes_rows(ctx, title, slide))
            .collect()
    };
    for ((i, slide), (title, rows)) in deck
        .slides
        .iter()
        .enumerate()
        .zip(titles.into_iter().zip(all_rows))
    {
        let first_chain: f32 = rows
            .iter()
            .scan(true, |go, r| {
                let take = *go;
                *go = r.keep_with_next;
                take.then_some(r.gap_before + r.height)
            })
            .sum();
        let notes_height: f32 = rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                if k == 0 {
                    r.height
                } else {
                    r.gap_before + r.height
                }
            })
            .sum();
        let entry_height = LEFT_HEIGHT.max(notes_height);
        if !flow.at_top() {
            let room = flow.remaining() - ENTRY_GAP;
            // Keep a slide with its notes on one page when a page can hold them; otherwise
            // start here if at least the thumbnail and the first lines of notes fit.
            let fits = entry_height <= room;
            let fits_a_page = entry_height <= flow.capacity();
            if !fits && (fits_a_page || room < LEFT_HEIGHT.max(first_chain)) {
                flow.new_page();
            }
        }
        if !flow.at_top() {
            let y = flow.y + ENTRY_GAP / 2.0;
            flow.page()
                .items
                .push(hline(MARGIN_X, y, CONTENT_WIDTH, 0.5, ctx.ink.rule));
            flow.y += ENTRY_GAP;
        }
        let top = flow.y;
        let page = flow.page_index();
        slide_page.push(page);

        // One section per slide: the slide as a figure, then its notes. It is closed after
        // the notes, on whatever page they end.
        flow.page().items.push(Positioned {
            pos: Point::default(),
            item: Item::Open(Role::Section),
        });
        // Section slides printed light, as on the attendee's copy.
        let light = slide_pages
            .get(i)
            .filter(|_| slide.layout == model::Layout::Section)
            .map(super::three_up::printed_light);
        let items = thumbnail(
            ctx,
            light.as_ref().or(slide_pages.get(i)),
            &title,
            Point::new(MARGIN_X, top),
            Size::new(THUMB_WIDTH, THUMB_HEIGHT),
        );
        let alt = ctx.thumbnail_alt(i, &title);
        flow.page().items.extend(tag(Role::Figure { alt }, items));
        let caption = ctx.one_line(
            &format!("{} {} / {}", ctx.strings.slide, i + 1, total),
            &ctx.style(8.0, Weight::Regular, ctx.ink.muted),
            THUMB_WIDTH,
        );
        let baseline = caption.lines.first().map_or(0.0, |l| l.baseline);
        flow.page()
            .items
            .extend(caption.to_items(Point::new(MARGIN_X, top + THUMB_HEIGHT + 12.0 - baseline)));

        let continued = || {
            artifact_rows(ctx.paragraph(
                &[Span::new(
                    format!("{} {}", title, ctx.strings.continued),
                    TextStyle {
                        italic: true,
                        ..ctx.style(8.5, Weight::Regular, ctx.ink.muted)
                    },
                )],
                Para::new(NOTES_WIDTH, 1.3),
            ))
        };
        flow.place(NOTES_X, rows, &continued);
        flow.page().items.push(Positioned {
            pos: Point::default(),
            item: Item::Close,
        });
        if flow.page_index() == page {
            flow.y = flow.y.max(top + LEFT_HEIGHT);
        }
    }
    SlideHandout {
        pages: flow.finish(),
        slide_page,
    }
}

/// The right-hand column of a slide: its title, then its speaker notes and facilitator notes
/// under their labels (or a line saying there are none).
fn notes_rows(ctx: &Ctx, title: &str, slide: &Slide) -> Vec<Row> {
    let ink = ctx.ink;
    let s = ctx.strings;
    let mut rows = ctx.paragraph(
        &[Span::new(
            title,
            ctx.heading_style(11.0, Weight::Bold, ink.text),
        )],
        Para::new(NOTES_WIDTH, 1.2),
    );
    // The cover's title is the document's first heading, slides are below it.
    tag_rows(&mut rows, Role::Heading { level: 2 });
    for row in &mut rows {
        row.keep_with_next = true;
    }
    let body = ctx.style(NOTE_SIZE, Weight::Regular, ink.text);

    // A diagram's source as it is written: line for line, in the monospaced font.
    let code = TextStyle {
        family: Family::Mono,
        ..ctx.style(NOTE_SIZE * 0.85, Weight::Regular, ink.text)
    };
    let notes: Vec<&model::Note> = slide
        .notes
        .iter()
        .filter(|n| !n.text().trim().is_empty())
        .collect();
    if !notes.is_empty() {
        rows.push(label(ctx, s.notes));
        for (k, note) in notes.iter().enumerate() {
            let (span, role) = match note {
                model::Note::Text(text) => (Span::new(text.trim(), body.clone()), Role::Paragraph),
                model::Note::Code { code: text, .. } => {
                    (Span::new(text.trim_end(), code.clone()), Role::Code)
                }
            };
            let mut para = ctx.paragraph(
                &[span],
                Para::new(NOTES_WIDTH, NOTE_LEADING).gap(if k == 0 { 2.0 } else { 5.0 }),
            );
            tag_rows(&mut para, role);
            rows.extend(para);
        }
    }

    let facilitator: Vec<&Vec<model::Inline>> = slide
        .facilitator
        .iter()
        .filter(|f| !model::plain_text(f).trim().is_empty())
        .collect();
    if !facilitator.is_empty() {
        let mut heading = label(ctx, s.facilitator);
        heading.gap_before = if notes.is_empty() { 6.0 } else { 10.0 };
        rows.push(heading);
        for (k, item) in facilitator.iter().enumerate() {
            let bullet = Span::new("•", ctx.style(NOTE_SIZE, Weight::Bold, ink.accent));
            let mut para = ctx.paragraph(
                &ctx.spans(item, &body),
                Para::new(NOTES_WIDTH, NOTE_LEADING)
                    .marker(10.0, bullet)
                    .gap(if k == 0 { 2.0 } else { 4.0 }),
            );
            tag_rows(&mut para, Role::Paragraph);
            rows.extend(para);
        }
    }

    if notes.is_empty() && facilitator.is_empty() {
        // Nothing to read: room to write, as on the attendee's copy, rather than a line saying
        // so under every slide of a deck without notes.
        rows.push(label(ctx, s.your_notes));
        for _ in 0..RULED_LINES {
            let mut row = Row::new(LINE_PITCH);
            row.items
                .push(hline(0.0, LINE_PITCH, NOTES_WIDTH, 0.5, ink.rule));
            rows.push(row);
        }
    }
    rows
}

/// Ruled lines beside a slide without notes: down to about the foot of its thumbnail.
const RULED_LINES: usize = 6;
/// Distance between ruled lines: enough for handwriting.
const LINE_PITCH: f32 = 19.0;

/// A small coloured label over a group of notes; it stays with the first line under it.
fn label(ctx: &Ctx, text: &str) -> Row {
    let block = ctx.layout(
        &[Span::new(
            text.to_uppercase(),
            ctx.style(7.5, Weight::Bold, ctx.ink.primary),
        )],
        NOTES_WIDTH,
        1.2,
    );
    let mut row = Row::new(block.height);
    row.items = tag(
        Role::Heading { level: 3 },
        block.to_items(Point::new(0.0, 0.0)),
    );
    row.gap_before = 8.0;
    row.keep_with_next = true;
    row
}
