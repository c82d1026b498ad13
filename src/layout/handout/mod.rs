//! Handouts: A4 portrait documents made from a deck, to print and hand out.
//!
//! Three kinds, one file each: [`notes`] (each slide small, with its speaker and facilitator
//! notes beside it, for the trainer), [`three_up`] (three slides per page with ruled lines for
//! the attendee's own notes) and [`leaflet`] (the deck rewritten as a short document for decision
//! makers who were not in the room). The first two copy the slide pages drawn by
//! [`crate::layout::slides`] as vectors, scaled down ([`thumbnail`]); the leaflet is set from the
//! deck model itself. Text that may run long flows through [`flow`], which breaks pages between
//! rows so nothing is ever drawn past a page's bottom margin. Every handout gets a cover (a full
//! page, or the leaflet's title block), a footer with the deck title, date and "Page X / Y", and
//! bookmarks. Paper is white whatever the theme: the theme's colours are used as ink, with
//! readable fallbacks for a dark theme whose text colour would vanish on paper.

mod flow;
mod leaflet;
mod notes;
mod synthesis;
mod three_up;
mod thumbnail;

#[cfg(test)]
mod tests;

use crate::color::Rgb;
use crate::context::RenderCtx;
use crate::facts::Facts;
use crate::i18n::{self, Strings};
use crate::layout::fonts::{Family, FontBook, Weight};
use crate::layout::page::{
    tag, Document, Item, LineShape, LinkArea, LinkTarget, OutlineEntry, Page, Point, Positioned,
    Role, Size, Stroke,
};
use crate::layout::text::{self, Align, Span, TextBlock, TextOptions, TextStyle};
use crate::model::{self, Deck, Inline};
use crate::theme::Theme;

use flow::{Flow, Row};

/// A4 portrait, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// Side margins: 20 mm.
const MARGIN_X: f32 = 56.69;
/// Top of the content area.
const TOP: f32 = 56.69;
/// Bottom of the content area; the footer sits below it.
const BOTTOM: f32 = PAGE_HEIGHT - 68.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// The footer's rule, and its text baseline.
const FOOTER_RULE: f32 = PAGE_HEIGHT - 50.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 36.0;

/// Which handout to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
pub enum HandoutMode {
    /// Each slide small, with its speaker and facilitator notes: the trainer's copy.
    #[default]
    Notes,
    /// Three slides per page, ruled lines beside them for the attendee's notes.
    #[value(name = "3up")]
    ThreeUp,
    /// The deck rewritten as a 2–4 page summary for decision makers who were not there.
    Leaflet,
}

/// A warning when the leaflet, set as densely as it goes, still takes more than its four pages:
/// the deck holds more than a synthesis can carry.
pub fn too_long(doc: &Document, mode: HandoutMode) -> Option<crate::diagnostic::Diagnostic> {
    (mode == HandoutMode::Leaflet && doc.pages.len() > leaflet::MAX_PAGES).then(|| {
        crate::diagnostic::Diagnostic::warning(format!(
            "the leaflet takes {} pages, more than the {} a reader who was not there will read",
            doc.pages.len(),
            leaflet::MAX_PAGES
        ))
        .with_hint("move detail from the slides to their speaker notes, or split the deck into two sessions")
    })
}

/// Lays out a handout of `deck`. `slide_pages` are the deck's slides as drawn for the slides
/// PDF, one per slide in order (the `notes` and `3up` handouts show them; a missing one shows as
/// an empty frame with the slide's title). `created` is the document date, in Unix seconds.
pub fn handout_document(r: &RenderCtx<'_>, slide_pages: &[Page], mode: HandoutMode) -> Document {
    let (deck, created) = (r.deck, r.created);
    let ctx = Ctx::new(r);
    let kind = match mode {
        HandoutMode::Notes => ctx.strings.handout_notes,
        HandoutMode::ThreeUp => ctx.strings.handout_three_up,
        HandoutMode::Leaflet => ctx.strings.handout_leaflet,
    };
    let (mut pages, outline) = match mode {
        HandoutMode::Notes => with_cover(&ctx, kind, notes::layout(&ctx, slide_pages)),
        HandoutMode::ThreeUp => with_cover(&ctx, kind, three_up::layout(&ctx, slide_pages)),
        HandoutMode::Leaflet => leaflet::layout(&ctx, kind),
    };
    add_footers(&ctx, &mut pages);
    Document {
        pages,
        outline,
        meta: crate::layout::slides::doc_meta(deck, kind.to_string(), created),
    }
}

/// What every part of a handout draws with: the deck, the words of its language, the fonts and
/// the ink.
struct Ctx<'a> {
    deck: &'a Deck,
    facts: &'a Facts,
    fonts: &'a FontBook,
    strings: &'static Strings,
    lang: text::Lang,
    ink: Ink,
    body: Family,
    heading: Family,
    /// The bloc-marque of the first page, when the theme shows one.
    marque: Option<crate::layout::marque::Marque>,
}

/// The theme's colours as ink on white paper.
#[derive(Debug, Clone, Copy)]
struct Ink {
    text: Rgb,
    muted: Rgb,
    primary: Rgb,
    accent: Rgb,
    /// Tinted box backgrounds.
    surface: Rgb,
    /// Hairlines: frames, separators, ruled lines.
    rule: Rgb,
}

impl Ink {
    fn from_theme(theme: &Theme) -> Ink {
        let c = &theme.colors;
        // A theme made for a dark slide background may have light text: on paper it would be
        // unreadable, so each ink falls back to a dark one below the contrast it needs.
        let readable = |colour: Rgb, min: f64, fallback: Rgb| {
            if colour.contrast(Rgb::WHITE) >= min {
                colour
            } else {
                fallback
            }
        };
        let text = readable(c.text, 4.5, Rgb::new(0x16, 0x16, 0x16));
        let muted = readable(c.muted, 4.5, Rgb::new(0x59, 0x59, 0x59));
        let primary = readable(c.primary, 4.5, text);
        let accent = readable(c.accent, 3.0, primary);
        let surface = if c.surface.luminance() > 0.8 {
            c.surface
        } else {
            mix(primary, Rgb::WHITE, 0.94)
        };
        Ink {
            text,
            muted,
            primary,
            accent,
            surface,
            rule: mix(muted, Rgb::WHITE, 0.55),
        }
    }
}

/// `a` moved towards `b` by `t` (0 gives `a`, 1 gives `b`).
fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    a.mix(b, t)
}

impl<'a> Ctx<'a> {
    fn new(r: &'a RenderCtx<'a>) -> Self {
        let (deck, theme) = (r.deck, r.theme);
        Ctx {
            deck,
            facts: &r.facts,
            fonts: r.fonts,
            strings: i18n::strings(deck.meta.lang),
            lang: match deck.meta.lang {
                model::Lang::Fr => text::Lang::Fr,
                model::Lang::En => text::Lang::En,
            },
            ink: Ink::from_theme(theme),
            body: theme.body_font,
            heading: theme.heading_font,
            marque: crate::layout::marque::on_paper(theme),
        }
    }

    fn style(&self, size: f32, weight: Weight, colour: Rgb) -> TextStyle {
        TextStyle {
            family: self.body,
            weight,
            italic: false,
            size,
            colour,
            link: None,
        }
    }

    fn heading_style(&self, size: f32, weight: Weight, colour: Rgb) -> TextStyle {
        TextStyle {
            family: self.heading,
            ..self.style(size, weight, colour)
        }
    }

    fn opts(&self, width: f32, line_height: f32) -> TextOptions {
        TextOptions {
            max_width: width.max(1.0),
            align: Align::Left,
            line_height,
            lang: self.lang,
        }
    }

    fn layout(&self, spans: &[Span], width: f32, line_height: f32) -> TextBlock {
        text::layout(self.fonts, spans, &self.opts(width, line_height))
    }

    /// One line of text no wider than `width`: cut with an ellipsis when it is longer.
    fn one_line(&self, text: &str, style: &TextStyle, width: f32) -> TextBlock {
        let natural = |t: &str| {
            text::layout(
                self.fonts,
                &[Span::new(t, style.clone())],
                &TextOptions {
                    max_width: f32::INFINITY,
                    ..self.opts(width, 1.2)
                },
            )
        };
        let single = text.replace('\n', " ");
        let whole = natural(&single);
        if whole.width <= width {
            return whole;
        }
        let chars: Vec<char> = single.chars().collect();
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_owned()
                + "…";
            if natural(&candidate).width <= width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let cut: String = chars[..lo].iter().collect::<String>();
        natural(&(cut.trim_end().to_owned() + "…"))
    }

    /// A paragraph as rows, one per line, for a [`Flow`]. `indent` shifts the text right and
    /// `marker` (a bullet, a number) is drawn in the indent, on the first line.
    fn paragraph(&self, spans: &[Span], p: Para) -> Vec<Row> {
        let block = self.layout(spans, p.width - p.indent, p.line_height);
        let mut rows = block_rows(&block, p.indent);
        // Every paragraph is one in the structure; callers make it a heading where it is one.
        tag_rows(&mut rows, Role::Paragraph);
        if let (Some(marker), Some(first)) = (p.marker, rows.first_mut()) {
            let mark = self.layout(std::slice::from_ref(&marker), p.indent, p.line_height);
            if let (Some(mark_line), Some(text_line)) = (mark.lines.first(), block.lines.first()) {
                // Align the marker's baseline with the first line's. Before the paragraph
                // opens: a bullet or a number in a margin is decoration.
                let dy = text_line.baseline - mark_line.baseline;
                first.items.splice(0..0, mark.to_items(Point::new(0.0, dy)));
            }
        }
        if let Some(first) = rows.first_mut() {
            first.gap_before = p.gap_before;
        }
        rows
    }

    /// The deck's date in the deck's language.
    fn date(&self) -> Option<String> {
        self.facts.cover.date.clone()
    }

    /// What a cover says about the session, as (label, value) pairs.
    fn session_facts(&self) -> Vec<(&'static str, String)> {
        let cover = &self.facts.cover;
        let mut facts = cover.session(self.deck.meta.lang);
        if let Some(author) = &cover.author {
            facts.push((self.strings.author, author.clone()));
        }
        facts
    }

    /// What a slide drawn small says to a screen reader: "Diapositive 3 : title".
    fn thumbnail_alt(&self, index: usize, title: &str) -> String {
        let sep = match self.deck.meta.lang {
            model::Lang::Fr => " : ",
            model::Lang::En => ": ",
        };
        format!("{} {}{sep}{title}", self.strings.slide, index + 1)
    }

    /// A slide's name in bookmarks and captions (`crate::facts`).
    fn slide_title(&self, index: usize) -> String {
        self.facts.slide_name(index).to_string()
    }

    /// A section's title as its first slide shows it (typography applied), or as the outline
    /// recorded it.
    fn section_title(&self, section: &model::Section) -> String {
        self.deck
            .slides
            .get(section.first_slide)
            .map(|s| s.title_text())
            .filter(|t| !t.trim().is_empty() && same_words(t, &section.title))
            .unwrap_or_else(|| section.title.clone())
    }

    /// Inlines as styled spans: strong is bold, emphasis italic, code monospaced; links to
    /// other slides lose their target (a printed page cannot follow them).
    fn spans(&self, inlines: &[Inline], style: &TextStyle) -> Vec<Span> {
        crate::layout::blocks::spans(inlines, style)
            .into_iter()
            .map(|mut span| {
                if span
                    .style
                    .link
                    .as_deref()
                    .is_some_and(|l| l.starts_with('#') || l.trim().is_empty())
                {
                    span.style.link = None;
                }
                // Handout paragraphs run on: a hard break becomes a space.
                if span.text == "\n" {
                    span.text = " ".to_string();
                }
                span
            })
            .collect()
    }
}

/// The text of a paragraph set by [`Ctx::paragraph`].
#[derive(Debug, Clone)]
struct Para {
    width: f32,
    line_height: f32,
    indent: f32,
    marker: Option<Span>,
    gap_before: f32,
}

impl Para {
    fn new(width: f32, line_height: f32) -> Para {
        Para {
            width,
            line_height,
            indent: 0.0,
            marker: None,
            gap_before: 0.0,
        }
    }

    fn gap(mut self, gap: f32) -> Para {
        self.gap_before = gap;
        self
    }

    fn indent(mut self, indent: f32) -> Para {
        self.indent = indent;
        self
    }

    fn marker(mut self, indent: f32, marker: Span) -> Para {
        self.indent = indent;
        self.marker = Some(marker);
        self
    }
}

/// Whether two titles have the same words, ignoring case, punctuation and apostrophes.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

/// The lines of a laid-out block as flow rows, shifted right by `indent`. Each row's items are
/// relative to the top-left corner of its line.
fn block_rows(block: &TextBlock, indent: f32) -> Vec<Row> {
    let mut rows: Vec<Row> = block
        .lines
        .iter()
        .map(|line| {
            let mut row = Row::new(line.height);
            for run in &line.runs {
                row.items.push(Positioned {
                    pos: Point::new(indent + run.x, line.baseline - line.top),
                    item: Item::Text(run.run.clone()),
                });
            }
            row
        })
        .collect();
    for link in &block.links {
        let centre = link.y + link.height / 2.0;
        let Some(index) = block
            .lines
            .iter()
            .position(|l| centre >= l.top && centre <= l.top + l.height)
        else {
            continue;
        };
        let line = &block.lines[index];
        rows[index].items.push(Positioned {
            pos: Point::new(indent + link.x, link.y - line.top),
            item: Item::Link(LinkArea {
                size: Size::new(link.width, link.height),
                target: LinkTarget::Uri(link.uri.clone()),
            }),
        });
    }
    rows
}

/// Items moved by `(dx, dy)`.
fn shifted(items: Vec<Positioned>, dx: f32, dy: f32) -> impl Iterator<Item = Positioned> {
    items.into_iter().map(move |mut p| {
        p.pos.x += dx;
        p.pos.y += dy;
        p
    })
}

fn hline(x: f32, y: f32, width: f32, stroke_width: f32, colour: Rgb) -> Positioned {
    Positioned {
        pos: Point::new(x, y),
        item: Item::Line(LineShape {
            end: Point::new(width, 0.0),
            stroke: Stroke {
                colour,
                width: stroke_width,
            },
        }),
    }
}

fn filled(x: f32, y: f32, width: f32, height: f32, colour: Rgb) -> Positioned {
    Positioned {
        pos: Point::new(x, y),
        item: Item::Rect(crate::layout::page::Rectangle::filled(
            Size::new(width, height),
            colour,
        )),
    }
}

fn page_link(x: f32, y: f32, width: f32, height: f32, page: usize) -> Positioned {
    Positioned {
        pos: Point::new(x, y),
        item: Item::Link(LinkArea {
            size: Size::new(width, height),
            target: LinkTarget::Page(page),
        }),
    }
}

/// The body of a `notes` or `3up` handout, before its cover is added.
struct SlideHandout {
    pages: Vec<Page>,
    /// Index, in `pages`, of the page showing each slide.
    slide_page: Vec<usize>,
}

/// Puts a cover page (with a table of contents) in front of a slide handout, points the slides'
/// internal links and the bookmarks at the right pages, and returns the pages and bookmarks.
fn with_cover(ctx: &Ctx, kind: &str, body: SlideHandout) -> (Vec<Page>, Vec<OutlineEntry>) {
    let deck = ctx.deck;
    let contents: Vec<(String, usize)> = deck
        .sections
        .iter()
        .filter_map(|s| Some((ctx.section_title(s), *body.slide_page.get(s.first_slide)?)))
        .collect();
    // The table of contents gives page numbers, which depend on how many pages the cover
    // takes: lay it out assuming one, and again in the rare case it took more.
    let mut cover = cover_pages(ctx, kind, &contents, 1);
    if cover.len() != 1 {
        let count = cover.len();
        cover = cover_pages(ctx, kind, &contents, count);
    }
    let offset = cover.len();

    let mut pages = cover;
    for mut page in body.pages {
        // Links between slides point at slide indices: send them to the page showing the
        // target slide, or drop them when it is not shown.
        page.items.retain_mut(|p| match &mut p.item {
            Item::Link(LinkArea {
                target: LinkTarget::Page(target),
                ..
            }) => match body.slide_page.get(*target) {
                Some(&page) => {
                    *target = page + offset;
                    true
                }
                None => false,
            },
            _ => true,
        });
        pages.push(page);
    }

    let mut outline: Vec<OutlineEntry> = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        let Some(&page) = body.slide_page.get(i) else {
            continue;
        };
        if slide.continuation > 0 {
            continue;
        }
        let entry = OutlineEntry::new(ctx.slide_title(i), page + offset);
        let starts_section = deck.sections.iter().any(|s| s.first_slide == i);
        match outline.last_mut() {
            Some(section) if !starts_section && slide.section.is_some() => {
                section.children.push(entry)
            }
            _ => outline.push(entry),
        }
    }
    (pages, outline)
}

/// The full-page cover of the `notes` and `3up` handouts: the handout's kind, the deck's title
/// and subtitle, what the session is (audience, duration, date, author, contact), and the
/// sections with the page each starts on. `offset` is the number of cover pages, which the
/// contents' page numbers count.
fn cover_pages(ctx: &Ctx, kind: &str, contents: &[(String, usize)], offset: usize) -> Vec<Page> {
    let ink = ctx.ink;
    let mut flow = Flow::new(TOP, BOTTOM);
    let marque = marque_row(ctx);
    let start = TOP + 96.0 + marque.as_ref().map_or(0.0, |m| m.height);
    if let Some(m) = marque {
        flow.page().items.extend(shifted(m.items, MARGIN_X, TOP));
    }
    flow.y = start;
    let width = CONTENT_WIDTH;
    let mut rows = title_rows(ctx, kind, 30.0, width);

    // The facts as a two-column table: labels on the left, values on the right.
    let label_width = 96.0;
    let mut facts = ctx.session_facts();
    if let Some(contact) = ctx.deck.meta.contact.as_ref().filter(|c| !c.is_empty()) {
        facts.push((ctx.strings.contact, contact.clone()));
    }
    for (i, (label, value)) in facts.into_iter().enumerate() {
        let label_style = ctx.style(9.5, Weight::Semibold, ink.muted);
        let label_block = ctx.one_line(label, &label_style, label_width - 8.0);
        let value_style = ctx.style(11.5, Weight::Regular, ink.text);
        let mut value_rows = ctx.paragraph(
            &ctx.spans(&linked_addresses(&[Inline::text(value)]), &value_style),
            Para::new(width, 1.3).indent(label_width),
        );
        if let Some(first) = value_rows.first_mut() {
            first.gap_before = if i == 0 { 30.0 } else { 7.0 };
            // Same baseline as the value's first line.
            let baseline = first.baseline();
            let label_baseline = label_block.lines.first().map_or(0.0, |l| l.baseline);
            // The label first, inside the value's paragraph, so that it reads "Public : …".
            let label_items = label_block.to_items(Point::new(0.0, baseline - label_baseline));
            let at = usize::from(
                matches!(first.items.first(), Some(p) if matches!(p.item, Item::Open(_))),
            );
            first.items.splice(at..at, label_items);
        }
        tag_rows(&mut value_rows, Role::Paragraph);
        rows.extend(value_rows);
    }

    if !contents.is_empty() {
        let heading = ctx.layout(
            &[Span::new(
                ctx.strings.contents,
                ctx.heading_style(14.0, Weight::Bold, ink.primary),
            )],
            width,
            1.2,
        );
        let mut row = Row::new(heading.height + 8.0);
        row.items = tag(
            Role::Heading { level: 2 },
            heading.to_items(Point::new(0.0, 0.0)),
        );
        row.items
            .push(hline(0.0, heading.height + 5.0, width, 0.75, ink.primary));
        row.gap_before = 48.0;
        row.keep_with_next = true;
        rows.push(row);
        let number_width = 40.0;
        for (i, (title, page)) in contents.iter().enumerate() {
            let target = page + offset;
            let number = Span::new(
                format!("{}", i + 1),
                ctx.style(11.0, Weight::Bold, ink.primary),
            );
            let mut entry = ctx.paragraph(
                &[Span::new(
                    title.clone(),
                    ctx.style(11.0, Weight::Regular, ink.text),
                )],
                Para::new(width - number_width, 1.3)
                    .marker(22.0, number)
                    .gap(8.0),
            );
            let page_label = ctx.one_line(
                &format!("{}", target + 1),
                &ctx.style(11.0, Weight::Regular, ink.muted),
                number_width,
            );
            if let Some(last) = entry.last_mut() {
                let baseline = last.baseline();
                let label_baseline = page_label.lines.first().map_or(0.0, |l| l.baseline);
                last.items.extend(page_label.to_items(Point::new(
                    width - page_label.width,
                    baseline - label_baseline,
                )));
            }
            let height: f32 = entry.iter().map(|r| r.height).sum();
            if let Some(first) = entry.first_mut() {
                first.items.push(page_link(0.0, 0.0, width, height, target));
            }
            // An entry's lines stay together.
            let n = entry.len();
            for row in entry.iter_mut().take(n.saturating_sub(1)) {
                row.keep_with_next = true;
            }
            tag_rows(&mut entry, Role::Paragraph);
            rows.extend(entry);
        }
    }

    flow.place(MARGIN_X, rows, &|| Vec::new());
    let mut pages = flow.finish();
    if let Some(first) = pages.first_mut() {
        // The accent mark of the State's identity: a short red bar above the title.
        first
            .items
            .push(filled(MARGIN_X, start - 36.0, 48.0, 4.0, ink.accent));
    }
    pages
}

/// Font size of the bloc-marque on paper, in points.
const MARQUE_SIZE: f32 = 7.5;

/// The bloc-marque at the top of a handout's first page, its clear space below it included in
/// its height; the motto in the muted ink. `None` when the theme shows no bloc-marque.
fn marque_row(ctx: &Ctx) -> Option<Row> {
    use crate::layout::marque::{CLEAR_SPACE, LINE_HEIGHT, SYMBOL_SPACE};
    let m = ctx.marque.as_ref()?;
    let mut row = Row::new(0.0);
    let mut y = if m.full {
        SYMBOL_SPACE * MARQUE_SIZE
    } else {
        0.0
    };
    for l in &m.lines {
        let weight = if l.bold {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let ink = if l.motto { ctx.ink.muted } else { ctx.ink.text };
        let style = TextStyle {
            italic: l.italic,
            ..ctx.style(MARQUE_SIZE, weight, ink)
        };
        let block = ctx.one_line(&l.text, &style, CONTENT_WIDTH);
        row.items.extend(block.to_items(Point::new(0.0, y)));
        y += MARQUE_SIZE * LINE_HEIGHT;
    }
    row.height = y + CLEAR_SPACE * MARQUE_SIZE * 2.0;
    Some(row)
}

/// The handout's kind, the deck's title and its subtitle, as rows. `title_size` is the title's
/// font size; the rest follows from it.
fn title_rows(ctx: &Ctx, kind: &str, title_size: f32, width: f32) -> Vec<Row> {
    let ink = ctx.ink;
    let meta = &ctx.deck.meta;
    let mut rows = ctx.paragraph(
        &[Span::new(
            kind.to_uppercase(),
            ctx.style(title_size * 0.34, Weight::Semibold, ink.primary),
        )],
        Para::new(width, 1.3),
    );
    tag_rows(&mut rows, Role::Paragraph);
    let mut title = ctx.paragraph(
        &[Span::new(
            meta.title.clone(),
            ctx.heading_style(title_size, Weight::Bold, ink.primary),
        )],
        Para::new(width, 1.12).gap(title_size * 0.25),
    );
    tag_rows(&mut title, Role::Heading { level: 1 });
    rows.extend(title);
    if let Some(subtitle) = meta.subtitle.as_ref().filter(|s| !s.trim().is_empty()) {
        let mut sub = ctx.paragraph(
            &[Span::new(
                subtitle.clone(),
                ctx.style(title_size * 0.5, Weight::Regular, ink.muted),
            )],
            Para::new(width, 1.3).gap(title_size * 0.3),
        );
        tag_rows(&mut sub, Role::Paragraph);
        rows.extend(sub);
    }
    for row in &mut rows {
        row.keep_with_next = true;
    }
    if let Some(last) = rows.last_mut() {
        last.keep_with_next = false;
    }
    rows
}

/// The footer of every page: a hairline, the deck's title and date on the left, "Page X / Y"
/// on the right.
fn add_footers(ctx: &Ctx, pages: &mut [Page]) {
    let ink = ctx.ink;
    let total = pages.len();
    let style = ctx.style(8.0, Weight::Regular, ink.muted);
    let mut left = ctx.deck.meta.title.clone();
    if let Some(date) = ctx.date() {
        left = format!("{left} · {date}");
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let number = ctx.one_line(
            &format!("{} {} / {}", ctx.strings.page, i + 1, total),
            &TextStyle {
                weight: Weight::Semibold,
                ..style.clone()
            },
            CONTENT_WIDTH / 3.0,
        );
        let title = ctx.one_line(&left, &style, CONTENT_WIDTH - number.width - 24.0);
        let mut footer = vec![hline(MARGIN_X, FOOTER_RULE, CONTENT_WIDTH, 0.5, ink.rule)];
        let baseline_of = |b: &TextBlock| b.lines.first().map_or(0.0, |l| l.baseline);
        footer.extend(title.to_items(Point::new(MARGIN_X, FOOTER_BASELINE - baseline_of(&title))));
        footer.extend(number.to_items(Point::new(
            PAGE_WIDTH - MARGIN_X - number.width,
            FOOTER_BASELINE - baseline_of(&number),
        )));
        // Repeated on every page, and drawn while a paragraph cut by the page may be open.
        page.items.extend(tag(Role::Artifact, footer));
    }
}

/// Makes `rows` one structure element: opened before the first row's items and closed after
/// the last's, so that an element cut by a page break continues on the next page. Rows that
/// are one paragraph already (from [`Ctx::paragraph`]) become `role` instead.
fn tag_rows(rows: &mut [Row], role: Role) {
    let Some(first) = rows.iter().position(|r| !r.items.is_empty()) else {
        return;
    };
    if let Some(open) = rows[first]
        .items
        .iter_mut()
        .find(|p| matches!(p.item, Item::Open(Role::Paragraph)))
    {
        open.item = Item::Open(role);
        return;
    }
    let Some(last) = rows.iter().rposition(|r| !r.items.is_empty()) else {
        return;
    };
    rows[first].items.insert(
        0,
        Positioned {
            pos: Point::default(),
            item: Item::Open(role),
        },
    );
    rows[last].items.push(Positioned {
        pos: Point::default(),
        item: Item::Close,
    });
}

/// Rows that are decoration whatever is open around them (a "continued" line).
fn artifact_rows(mut rows: Vec<Row>) -> Vec<Row> {
    for row in &mut rows {
        row.items = tag(Role::Artifact, std::mem::take(&mut row.items));
    }
    rows
}

/// Plain e-mail addresses in text made into `mailto:` links, so the PDF's contact is clickable.
fn linked_addresses(inlines: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } => {
                let mut rest = text.as_str();
                while let Some((before, address, after)) = split_address(rest) {
                    if !before.is_empty() {
                        out.push(Inline::text(before));
                    }
                    // `contact: mailto:a@b.fr` is an address too: one scheme, and the address
                    // shown without it.
                    let bare = address
                        .get(..7)
                        .filter(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
                        .map_or(address, |_| &address[7..]);
                    out.push(Inline::Link {
                        url: format!("mailto:{bare}"),
                        content: vec![Inline::text(bare)],
                    });
                    rest = after;
                }
                if !rest.is_empty() {
                    out.push(Inline::text(rest));
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

/// The first word holding an `@` with a dot after it: (text before, address, text after).
fn split_address(text: &str) -> Option<(&str, &str, &str)> {
    let mut start = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word
            .trim_end()
            .trim_end_matches(['.', ',', ';', ')', '»'])
            .trim_start_matches(['(', '«']);
        let lead = word.len() - word.trim_start_matches(['(', '«']).len();
        if let Some(at) = trimmed.find('@') {
            if trimmed[at..].contains('.') && at > 0 {
                let begin = start + lead;
                let end = begin + trimmed.len();
                return Some((&text[..begin], &text[begin..end], &text[end..]));
            }
        }
        start += word.len();
    }
    None
}
