//! The `leaflet` handout: the deck rewritten as a synthesis for decision makers who were not in
//! the room. No pictures of slides: a title block with what the session is, an "L'essentiel"
//! box (the final objective, the key figure, three gains, the next step, the contact: see
//! `synthesis`), then each section as a numbered heading with its slides' key points
//! (first-level list items and paragraphs; a "(continued)" slide adds its points under the
//! first one's title) followed by the sentences of their speaker notes that explain, key
//! figures and testimonies set apart. Polls, agendas, session logistics, opening questions and
//! the notes that direct the trainer are left out: they are for the room. A heading keeps at
//! least two lines of what it heads on its page. If the result is longer than four pages, it is
//! set again denser (smaller type, then at most three points a slide); a last page holding only
//! a few lines is saved the same way, when smaller type alone does it.

use crate::color::Rgb;
use crate::layout::fonts::Weight;
use crate::layout::page::{tag, Item, OutlineEntry, Page, Point, Positioned, Role};
use crate::layout::text::{Span, TextBlock, TextStyle};
use crate::model::{self, Block, Body, Inline, Layout};

use super::flow::{Flow, Mark, Row};
use super::synthesis::{self, KeyPoints};
use super::{
    filled, hline, linked_addresses, same_words, tag_rows, title_rows, Ctx, Para, BOTTOM,
    CONTENT_WIDTH, MARGIN_X, TOP,
};

/// How tightly the leaflet is set.
#[derive(Debug, Clone, Copy)]
struct Density {
    /// Body text size, in points.
    size: f32,
    leading: f32,
    /// Factor on vertical gaps.
    gaps: f32,
    /// Most points kept from one slide.
    max_points: Option<usize>,
}

const DENSITIES: [Density; 3] = [
    Density {
        size: 10.5,
        leading: 1.38,
        gaps: 1.0,
        max_points: None,
    },
    Density {
        size: 9.5,
        leading: 1.3,
        gaps: 0.8,
        max_points: None,
    },
    Density {
        size: 9.0,
        leading: 1.25,
        gaps: 0.7,
        max_points: Some(3),
    },
];

pub(super) const MAX_PAGES: usize = 4;
const WIDTH: f32 = CONTENT_WIDTH;
/// Padding inside boxes.
const PAD: f32 = 12.0;
/// Indent of list items (the bullet or number sits in it).
const INDENT: f32 = 14.0;

pub(super) fn layout(ctx: &Ctx, kind: &str) -> (Vec<Page>, Vec<OutlineEntry>) {
    let mut chosen = set(ctx, kind, DENSITIES[0]);
    for density in &DENSITIES[1..] {
        let too_long = chosen.pages.len() > MAX_PAGES;
        // A last page holding a few lines is paper for nothing: set the text a little
        // tighter if that saves the page, but never drop points for it.
        let few_lines_over = chosen.last_page_fill < 1.0 / 3.0 && density.max_points.is_none();
        if !too_long && !few_lines_over {
            break;
        }
        let denser = set(ctx, kind, *density);
        if too_long || denser.pages.len() < chosen.pages.len() {
            chosen = denser;
        } else {
            break;
        }
    }
    (chosen.pages, chosen.outline)
}

/// A leaflet set at one density.
struct Set {
    pages: Vec<Page>,
    outline: Vec<OutlineEntry>,
    /// How much of the last page's content area is used, from 0 to 1.
    last_page_fill: f32,
}

fn set(ctx: &Ctx, kind: &str, d: Density) -> Set {
    let w = Writer { ctx, d };
    let key = synthesis::key_points(ctx.deck);
    let mut rows = w.title_block(kind);
    rows.extend(w.essentials(&key));
    rows.extend(w.body(&key.used));

    let mut flow = Flow::new(TOP, BOTTOM);
    flow.place(MARGIN_X, rows, &Vec::new);
    let mut outline: Vec<OutlineEntry> = Vec::new();
    for (mark, page) in std::mem::take(&mut flow.marks) {
        let entry = OutlineEntry::new(mark.title, page);
        match outline.last_mut() {
            Some(parent) if mark.level > 0 => parent.children.push(entry),
            _ => outline.push(entry),
        }
    }
    let last_page_fill = (flow.y - TOP) / (BOTTOM - TOP);
    Set {
        pages: flow.finish(),
        outline,
        last_page_fill,
    }
}

struct Writer<'a, 'b> {
    ctx: &'b Ctx<'a>,
    d: Density,
}

impl Writer<'_, '_> {
    fn body_style(&self) -> TextStyle {
        self.ctx
            .style(self.d.size, Weight::Regular, self.ctx.ink.text)
    }

    fn para(&self, width: f32) -> Para {
        Para::new(width, self.d.leading)
    }

    fn gap(&self, points: f32) -> f32 {
        points * self.d.gaps
    }

    /// The handout's kind, the title, the subtitle, and the session's facts in a tinted strip.
    fn title_block(&self, kind: &str) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let mut bar = Row::new(14.0);
        bar.items.push(filled(0.0, 0.0, 48.0, 4.0, ink.accent));
        bar.keep_with_next = true;
        let mut rows: Vec<Row> = super::marque_row(ctx).into_iter().collect();
        rows.push(bar);
        rows.extend(title_rows(ctx, kind, 24.0, WIDTH));

        let facts = ctx.session_facts();
        if !facts.is_empty() {
            let cell = (WIDTH - 2.0 * PAD) / facts.len() as f32;
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            for (k, (label, value)) in facts.into_iter().enumerate() {
                let x = PAD + k as f32 * cell;
                let label_rows = ctx.paragraph(
                    &[Span::new(
                        label.to_uppercase(),
                        ctx.style(7.0, Weight::Bold, ink.muted),
                    )],
                    Para::new(cell - 10.0, 1.25),
                );
                let mut value_rows = ctx.paragraph(
                    &[Span::new(value, ctx.style(9.5, Weight::Semibold, ink.text))],
                    Para::new(cell - 10.0, 1.25),
                );
                if let Some(first) = value_rows.first_mut() {
                    first.gap_before = 2.0;
                }
                let (cell_items, cell_height) = stack(label_rows.into_iter().chain(value_rows));
                height = height.max(cell_height);
                items.extend(super::shifted(cell_items, x, PAD));
            }
            let mut strip = Row::new(height + 2.0 * PAD);
            strip
                .items
                .push(filled(0.0, 0.0, WIDTH, strip.height, ink.surface));
            strip.items.extend(items);
            strip.gap_before = 16.0;
            rows.push(strip);
        }
        rows
    }

    /// The opening box for a reader who was not there: the final objective, the key figure,
    /// three gains, the next step and the contact, each under a small label.
    fn essentials(&self, key: &KeyPoints) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let s = ctx.strings;
        let contact = self.contact_inlines();
        if key.is_empty() && contact.is_none() {
            return Vec::new();
        }
        let inner = WIDTH - 2.0 * PAD - 4.0;
        let mut content = ctx.paragraph(
            &[Span::new(
                s.essentials,
                ctx.heading_style(self.d.size + 3.0, Weight::Bold, ink.primary),
            )],
            Para::new(inner, 1.2),
        );
        tag_rows(&mut content, Role::Heading { level: 2 });
        let label = |text: &str| {
            let mut rows = ctx.paragraph(
                &[Span::new(
                    text.to_uppercase(),
                    ctx.style(7.5, Weight::Bold, ink.primary),
                )],
                Para::new(inner, 1.2).gap(self.gap(9.0)),
            );
            for row in &mut rows {
                row.keep_with_next = true;
            }
            rows
        };
        let strong = TextStyle {
            weight: Weight::Semibold,
            ..self.body_style()
        };
        let line = |inlines: &[Inline], style: &TextStyle| {
            let mut rows = ctx.paragraph(
                &ctx.spans(inlines, style),
                self.para(inner).gap(self.gap(2.0)),
            );
            tag_rows(&mut rows, Role::Paragraph);
            rows
        };
        if let Some(objective) = &key.objective {
            content.extend(label(s.final_objective));
            content.extend(line(objective, &strong));
        }
        if let Some((figure, caption)) = &key.figure {
            content.extend(label(s.key_figure));
            let mut spans = vec![Span::new(
                format!("{figure} "),
                ctx.heading_style(self.d.size + 5.0, Weight::Bold, ink.primary),
            )];
            spans.extend(ctx.spans(caption, &self.body_style()));
            let mut rows = ctx.paragraph(&spans, self.para(inner).gap(self.gap(2.0)));
            tag_rows(&mut rows, Role::Paragraph);
            content.extend(rows);
        }
        if !key.gains.is_empty() {
            content.extend(label(s.main_gains));
            for gain in &key.gains {
                let bullet = Span::new("•", ctx.style(self.d.size, Weight::Bold, ink.accent));
                let mut rows = ctx.paragraph(
                    &ctx.spans(gain, &self.body_style()),
                    self.para(inner).marker(INDENT, bullet).gap(self.gap(2.0)),
                );
                tag_rows(&mut rows, Role::Paragraph);
                content.extend(rows);
            }
        }
        if let Some(step) = &key.next_step {
            content.extend(label(s.next_step));
            content.extend(line(step, &strong));
        }
        if let Some(contact) = contact {
            content.extend(label(s.contact));
            content.extend(line(&linked_addresses(&contact), &strong));
        }
        let mut rows = boxed(content, Some(ink.surface), ink.primary);
        if let Some(first) = rows.first_mut() {
            first.gap_before = self.gap(18.0);
            first.mark = Some(Mark {
                level: 0,
                title: s.essentials.to_string(),
            });
        }
        rows
    }

    /// Speaker notes that explain the slide, as prose after its points.
    fn notes(&self, slide: &model::Slide) -> Vec<Row> {
        let mut rows = Vec::new();
        for note in synthesis::explanatory_notes(slide) {
            let mut para = self.ctx.paragraph(
                &[Span::new(note, self.body_style())],
                self.para(WIDTH).gap(self.gap(5.0)),
            );
            tag_rows(&mut para, Role::Paragraph);
            rows.extend(para);
        }
        rows
    }

    /// The sections and their slides. A section's heading is set with its first kept content,
    /// so a section holding only an agenda or a poll leaves no empty heading; sections are
    /// numbered as the leaflet shows them.
    fn body(&self, used: &[usize]) -> Vec<Row> {
        let deck = self.ctx.deck;
        let mut rows = Vec::new();
        let mut section: Option<usize> = None;
        let mut pending: Option<String> = None;
        let mut shown_sections = 0;
        // Whether the last slide's content was kept: a continuation follows its first part.
        let mut kept = false;
        for (i, slide) in deck.slides.iter().enumerate() {
            if slide.section != section {
                section = slide.section;
                pending = section
                    .and_then(|n| deck.sections.get(n))
                    .map(|s| self.ctx.section_title(s));
            }
            if slide.continuation > 0 && !kept {
                continue;
            }
            let section_title = section
                .and_then(|n| deck.sections.get(n))
                .map(|s| s.title.as_str());
            // What the opening box says already, and what only the room needed, are left out.
            let room_only = synthesis::is_logistics(slide) || synthesis::is_rhetorical(slide);
            let out = if used.contains(&i) || room_only {
                Vec::new()
            } else {
                let mut out = self.slide_rows(i, slide, section_title);
                if !out.is_empty() {
                    out.extend(self.notes(slide));
                }
                // A heading goes to the next page with at least two lines of what it heads.
                if let Some(k) = out.iter().position(|r| !r.keep_with_next) {
                    if k > 0 && k + 1 < out.len() {
                        out[k].keep_with_next = true;
                    }
                }
                out
            };
            kept = !out.is_empty();
            if kept {
                if let Some(title) = pending.take() {
                    shown_sections += 1;
                    // Each section of the deck is one section of the structure: closed in the
                    // last row of the one before, opened with its heading.
                    if shown_sections > 1 {
                        close_section(&mut rows);
                    }
                    let mut heading = self.section_heading(shown_sections, &title);
                    if let Some(first) = heading.first_mut() {
                        first.items.insert(0, mark(Item::Open(Role::Section)));
                    }
                    rows.extend(heading);
                }
                rows.extend(out);
            }
        }
        if shown_sections > 0 {
            close_section(&mut rows);
        }
        rows
    }

    /// What one slide gives the leaflet: nothing for what only makes sense in the room (title,
    /// agenda, poll, closing) or is set elsewhere (objectives); else its title and points, or
    /// its quote, figure or definition.
    fn slide_rows(&self, i: usize, slide: &model::Slide, section_title: Option<&str>) -> Vec<Row> {
        let ctx = self.ctx;
        let mut rows = Vec::new();
        let title = ctx.slide_title(i);
        let level = u8::from(slide.section.is_some());
        // A section made of one slide has that slide's title as its heading already.
        let repeats_section = section_title.is_some_and(|s| same_words(s, &title));
        let heading = |rows: &mut Vec<Row>| {
            if slide.continuation == 0 && !repeats_section {
                rows.extend(self.subheading(&title, level));
            }
        };
        if matches!(
            slide.layout,
            Layout::Title | Layout::Agenda | Layout::Poll | Layout::Objectives
        ) {
            return rows;
        }
        match &slide.body {
            Body::Poll { .. } | Body::Agenda { .. } | Body::Closing { .. } => {}
            _ if slide.layout == Layout::Section => {
                let style = TextStyle {
                    italic: true,
                    ..ctx.style(self.d.size, Weight::Regular, ctx.ink.muted)
                };
                for block in slide.body.blocks() {
                    if let Block::Paragraph { content } = block {
                        rows.extend(ctx.paragraph(
                            &ctx.spans(content, &style),
                            self.para(WIDTH).gap(self.gap(4.0)),
                        ));
                    }
                }
            }
            Body::Testimony {
                quote, name, role, ..
            } => rows.extend(self.testimony(quote, name.as_deref(), role.as_deref())),
            Body::KeyFigure { figure, caption } => rows.extend(self.key_figure(figure, caption)),
            Body::Definition { term, definition } => {
                let lower = title.to_lowercase();
                let generic = matches!(
                    lower.trim().trim_end_matches('s'),
                    "définition" | "definition"
                );
                if !generic && !lower.contains(&model::plain_text(term).to_lowercase()) {
                    heading(&mut rows);
                }
                rows.extend(self.definition(term, definition));
            }
            Body::Comparison {
                left_title,
                left,
                right_title,
                right,
                ..
            } => {
                let mut budget = self.d.max_points;
                let mut points = Vec::new();
                for (side_title, side) in [(left_title, left), (right_title, right)] {
                    let side = self.points(side, &mut budget);
                    if !side_title.is_empty() && !side.is_empty() {
                        points.extend(self.lead(side_title));
                    }
                    points.extend(side);
                }
                if !points.is_empty() {
                    heading(&mut rows);
                    rows.extend(points);
                }
            }
            Body::TwoColumn { left, right } => {
                let mut budget = self.d.max_points;
                let mut points = self.points(left, &mut budget);
                points.extend(self.points(right, &mut budget));
                if !points.is_empty() {
                    heading(&mut rows);
                    rows.extend(points);
                }
            }
            Body::Blocks { blocks } => {
                let mut budget = self.d.max_points;
                let points = self.points(blocks, &mut budget);
                if !points.is_empty() {
                    heading(&mut rows);
                    rows.extend(points);
                }
            }
        }
        rows
    }

    /// A section's title after its number in a square.
    fn section_heading(&self, number: usize, title: &str) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let square = 20.0;
        let text = ctx.layout(
            &[Span::new(
                title,
                ctx.heading_style(self.d.size + 4.0, Weight::Bold, ink.primary),
            )],
            WIDTH - square - 10.0,
            1.2,
        );
        let first_line = text.lines.first().map_or(square, |l| l.height);
        let text_top = ((square - first_line) / 2.0).max(0.0);
        let digits = ctx.layout(
            &[Span::new(
                number.to_string(),
                ctx.heading_style(11.0, Weight::Bold, paper()),
            )],
            square,
            1.0,
        );
        let number_top = (square - digits.height) / 2.0;
        let mut row = Row::new((text_top + text.height).max(square) + 6.0);
        row.items
            .push(filled(0.0, 0.0, square, square, ink.primary));
        row.items
            .extend(centred(&digits, square).into_iter().map(|mut p| {
                p.pos.y += number_top;
                p
            }));
        row.items.extend(tag(
            Role::Heading { level: 2 },
            text.to_items(Point::new(square + 10.0, text_top)),
        ));
        row.items
            .push(hline(0.0, row.height - 1.0, WIDTH, 0.75, ink.rule));
        row.gap_before = self.gap(22.0);
        row.keep_with_next = true;
        row.mark = Some(Mark {
            level: 0,
            title: title.to_string(),
        });
        vec![row]
    }

    /// A slide's title over its points.
    fn subheading(&self, title: &str, level: u8) -> Vec<Row> {
        let ctx = self.ctx;
        let mut rows = ctx.paragraph(
            &[Span::new(
                title,
                ctx.heading_style(self.d.size + 1.0, Weight::Bold, ctx.ink.text),
            )],
            Para::new(WIDTH, 1.25).gap(self.gap(11.0)),
        );
        // Below the cover's title, and below a section's heading when there is one.
        tag_rows(&mut rows, Role::Heading { level: level + 2 });
        for row in &mut rows {
            row.keep_with_next = true;
        }
        if let Some(first) = rows.first_mut() {
            first.mark = Some(Mark {
                level,
                title: title.to_string(),
            });
        }
        rows
    }

    /// A bold lead-in line (a column's title), kept with what follows.
    fn lead(&self, inlines: &[Inline]) -> Vec<Row> {
        let style = TextStyle {
            weight: Weight::Semibold,
            colour: self.ctx.ink.primary,
            ..self.body_style()
        };
        let mut rows = self.ctx.paragraph(
            &self.ctx.spans(inlines, &style),
            self.para(WIDTH).gap(self.gap(6.0)),
        );
        for row in &mut rows {
            row.keep_with_next = true;
        }
        rows
    }

    /// The first-level points of blocks: paragraphs, and each list item's first paragraph as a
    /// bullet (or its number). `budget` counts down the points a slide may still give.
    fn points(&self, blocks: &[Block], budget: &mut Option<usize>) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let mut rows = Vec::new();
        let take = |budget: &mut Option<usize>| match budget {
            Some(0) => false,
            Some(n) => {
                *n -= 1;
                true
            }
            None => true,
        };
        for block in blocks {
            match block {
                Block::Paragraph { content }
                    if !model::plain_text(content).trim().is_empty() && take(budget) =>
                {
                    rows.extend(ctx.paragraph(
                        &ctx.spans(content, &self.body_style()),
                        self.para(WIDTH).gap(self.gap(4.0)),
                    ));
                }
                Block::Heading { content, .. } => rows.extend(self.lead(content)),
                Block::Quote { blocks } => {
                    let style = TextStyle {
                        italic: true,
                        ..self.body_style()
                    };
                    for inlines in blocks.iter().filter_map(|b| match b {
                        Block::Paragraph { content } => Some(content),
                        _ => None,
                    }) {
                        if take(budget) {
                            rows.extend(ctx.paragraph(
                                &ctx.spans(inlines, &style),
                                self.para(WIDTH).gap(self.gap(4.0)),
                            ));
                        }
                    }
                }
                Block::List(list) => {
                    for (k, item) in list.items.iter().enumerate() {
                        let Some(inlines) = first_paragraph(&item.blocks) else {
                            continue;
                        };
                        if !take(budget) {
                            break;
                        }
                        let marker = match list.start {
                            Some(start) => Span::new(
                                format!("{}.", start + k as u64),
                                ctx.style(self.d.size, Weight::Bold, ink.primary),
                            ),
                            None => {
                                Span::new("•", ctx.style(self.d.size, Weight::Bold, ink.accent))
                            }
                        };
                        let indent = if list.start.is_some() {
                            INDENT + 4.0
                        } else {
                            INDENT
                        };
                        rows.extend(ctx.paragraph(
                            &ctx.spans(inlines, &self.body_style()),
                            self.para(WIDTH).marker(indent, marker).gap(self.gap(3.0)),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(first) = rows.first_mut() {
            first.gap_before = first.gap_before.max(self.gap(5.0));
        }
        rows
    }

    /// A quote with a bar on its left, and who said it.
    fn testimony(
        &self,
        quote: &[Block],
        name: Option<&[Inline]>,
        role: Option<&[Inline]>,
    ) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let inner = WIDTH - 2.0 * PAD - 4.0;
        let (mut open, mut close) = match ctx.deck.meta.lang {
            model::Lang::Fr => ("«\u{202F}", "\u{202F}»"),
            model::Lang::En => ("“", "”"),
        };
        let style = TextStyle {
            italic: true,
            ..ctx.style(self.d.size + 1.0, Weight::Regular, ink.text)
        };
        let paragraphs: Vec<&Vec<Inline>> = quote
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { content } => Some(content),
                _ => None,
            })
            .collect();
        // A quote written with its own quotation marks keeps them.
        let quoted = paragraphs.first().is_some_and(|p| {
            model::plain_text(p)
                .trim_start()
                .starts_with(['«', '“', '"', '‘'])
        });
        if quoted {
            (open, close) = ("", "");
        }
        let mut content = Vec::new();
        let last = paragraphs.len().saturating_sub(1);
        for (k, inlines) in paragraphs.iter().enumerate() {
            let mut spans = Vec::new();
            if k == 0 && !open.is_empty() {
                spans.push(Span::new(open, style.clone()));
            }
            spans.extend(ctx.spans(inlines, &style));
            if k == last && !close.is_empty() {
                spans.push(Span::new(close, style.clone()));
            }
            content.extend(ctx.paragraph(&spans, Para::new(inner, self.d.leading).gap(4.0)));
        }
        let mut by: Vec<Span> = Vec::new();
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            by.push(Span::new(
                "— ",
                ctx.style(self.d.size, Weight::Semibold, ink.text),
            ));
            by.extend(ctx.spans(name, &ctx.style(self.d.size, Weight::Semibold, ink.text)));
        }
        if let Some(role) = role.filter(|r| !r.is_empty()) {
            let muted = ctx.style(self.d.size, Weight::Regular, ink.muted);
            by.push(Span::new(
                if by.is_empty() { "— " } else { ", " },
                muted.clone(),
            ));
            by.extend(ctx.spans(role, &muted));
        }
        if !by.is_empty() {
            content.extend(ctx.paragraph(&by, Para::new(inner, 1.3).gap(6.0)));
        }
        let mut rows = boxed(content, None, ink.accent);
        if let Some(first) = rows.first_mut() {
            first.gap_before = self.gap(14.0);
        }
        rows
    }

    /// The big number and its caption, side by side in a tinted box.
    fn key_figure(&self, figure: &str, caption: &[Block]) -> Vec<Row> {
        let ctx = self.ctx;
        let ink = ctx.ink;
        let inner = WIDTH - 2.0 * PAD - 4.0;
        let number = ctx.layout(
            &[Span::new(
                figure,
                ctx.heading_style(28.0, Weight::Bold, ink.primary),
            )],
            inner,
            1.1,
        );
        let mut caption_spans: Vec<Span> = Vec::new();
        for inlines in caption.iter().filter_map(|b| match b {
            Block::Paragraph { content } => Some(content),
            _ => None,
        }) {
            if !caption_spans.is_empty() {
                caption_spans.push(Span::new("\n", self.body_style()));
            }
            caption_spans.extend(ctx.spans(inlines, &self.body_style()));
        }
        let side_by_side = number.width <= inner * 0.4;
        let content = if side_by_side {
            let text_x = number.width + 16.0;
            let text = ctx.layout(&caption_spans, inner - text_x, self.d.leading);
            let height = number.height.max(text.height);
            let mut row = Row::new(height);
            row.items
                .extend(number.to_items(Point::new(0.0, (height - number.height) / 2.0)));
            row.items
                .extend(text.to_items(Point::new(text_x, (height - text.height) / 2.0)));
            vec![row]
        } else {
            let mut rows = super::block_rows(&number, 0.0);
            rows.extend(ctx.paragraph(&caption_spans, self.para(inner).gap(4.0)));
            rows
        };
        let mut rows = boxed(content, Some(ink.surface), ink.primary);
        if let Some(first) = rows.first_mut() {
            first.gap_before = self.gap(14.0);
        }
        rows
    }

    /// The term in bold, its meaning after it, then any further points.
    fn definition(&self, term: &[Inline], definition: &[Block]) -> Vec<Row> {
        let ctx = self.ctx;
        let strong = TextStyle {
            weight: Weight::Bold,
            colour: ctx.ink.primary,
            ..self.body_style()
        };
        let mut spans = ctx.spans(term, &strong);
        let colon = match ctx.deck.meta.lang {
            model::Lang::Fr => "\u{202F}: ",
            model::Lang::En => ": ",
        };
        let rest = match definition.first() {
            Some(Block::Paragraph { content }) => {
                spans.push(Span::new(colon, self.body_style()));
                spans.extend(ctx.spans(&synthesis::after_colon(content), &self.body_style()));
                &definition[1..]
            }
            _ => definition,
        };
        let mut rows = ctx.paragraph(&spans, self.para(WIDTH).gap(self.gap(6.0)));
        let mut budget = self.d.max_points;
        rows.extend(self.points(rest, &mut budget));
        rows
    }

    /// The contact: the closing slide's, or the front matter's, without a "Contact :" label.
    fn contact_inlines(&self) -> Option<Vec<Inline>> {
        let ctx = self.ctx;
        let from_slide = ctx.deck.slides.iter().rev().find_map(|s| match &s.body {
            Body::Closing {
                contact: Some(c), ..
            } if !model::plain_text(c).trim().is_empty() => Some(c.clone()),
            _ => None,
        });
        let inlines = match (from_slide, ctx.deck.meta.contact.as_ref()) {
            (Some(c), _) => c,
            (None, Some(c)) if !c.trim().is_empty() => vec![Inline::text(c.clone())],
            _ => return None,
        };
        Some(without_label(inlines)).filter(|i| !model::plain_text(i).trim().is_empty())
    }
}

/// Paper white, for text on a filled square.
/// A structure mark, which has no place of its own.
fn mark(item: Item) -> Positioned {
    Positioned {
        pos: Point::default(),
        item,
    }
}

fn close_section(rows: &mut [Row]) {
    if let Some(last) = rows.last_mut() {
        last.items.push(mark(Item::Close));
    }
}

fn paper() -> Rgb {
    Rgb::WHITE
}

/// A block's items, centred in `width` (the block was laid out left-aligned).
fn centred(block: &TextBlock, width: f32) -> Vec<Positioned> {
    let dx = ((width - block.width) / 2.0).max(0.0);
    block.to_items(Point::new(dx, 0.0))
}

/// Rows stacked into one list of items from the top-left corner, and their total height.
fn stack(rows: impl IntoIterator<Item = Row>) -> (Vec<Positioned>, f32) {
    let mut items = Vec::new();
    let mut y = 0.0;
    for (k, row) in rows.into_iter().enumerate() {
        if k > 0 {
            y += row.gap_before;
        }
        items.extend(super::shifted(row.items, 0.0, y));
        y += row.height;
    }
    (items, y)
}

/// Rows set in a box with a coloured bar on its left (and a fill, if any), as one row that
/// stays whole. A box taller than a page is set as its rows instead, indented the same, so that
/// it can break.
fn boxed(content: Vec<Row>, fill: Option<Rgb>, bar: Rgb) -> Vec<Row> {
    let inset = PAD + 4.0;
    let total: f32 = content
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
    let height = total + 2.0 * PAD;
    if height > (BOTTOM - TOP) * 0.9 {
        return content
            .into_iter()
            .map(|mut row| {
                row.items = super::shifted(row.items, inset, 0.0).collect();
                row
            })
            .collect();
    }
    let (items, _) = stack(content);
    let mut row = Row::new(height);
    if let Some(fill) = fill {
        row.items.push(filled(0.0, 0.0, WIDTH, height, fill));
    }
    row.items.push(filled(0.0, 0.0, 3.0, height, bar));
    row.items.extend(super::shifted(items, inset, PAD));
    vec![row]
}

/// The inlines of the first paragraph of a list item.
fn first_paragraph(blocks: &[Block]) -> Option<&Vec<Inline>> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph { content } if !model::plain_text(content).trim().is_empty() => {
            Some(content)
        }
        _ => None,
    })
}

/// Contact inlines without a leading `Contact :` (the box has its own label).
fn without_label(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        let labelled = text
            .get(..7)
            .is_some_and(|w| w.eq_ignore_ascii_case("contact"));
        if let Some(rest) = text.get(7..).filter(|_| labelled) {
            let value = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
            // "Contact :" is a label; "Contacts utiles" is not.
            if value.len() < rest.len() || rest.is_empty() {
                *text = value.to_string();
            }
        }
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    inlines
}
