//! Slides as pages: one 16:9 page per slide (960 × 540 pt, the 1280 × 720 px slide of the HTML at
//! 0.75 pt per px), drawn from the theme's tokens the way its CSS draws the HTML: the same
//! colours, fonts, layouts, header, footer and page numbers. Fragments are shown in their final
//! state. Each layout has a function here, as it has a template in the theme.

use super::blocks::{offset, rect, BlockCtx, BlockStyle, Laid, Rasters, Wraps};
use crate::assets::ImageStore;
use crate::color::Rgb;
use crate::context::RenderCtx;
use crate::facts::{self, Facts};
use crate::i18n::{self, Strings};
use crate::layout::fonts::{FontBook, Weight};
use crate::layout::metrics as m;
use crate::layout::page::{
    tag, DocMeta, Document, Item, LinkArea, LinkTarget, OutlineEntry, Page, Point, Positioned,
    Role, Size,
};
use crate::layout::text::{Align, Lang, Span, TextOptions, TextStyle};
use crate::model::{Block, Body, Deck, Inline, Layout, List, Slide, Tone};
use crate::theme::{Placement, Theme, SLIDE_HEIGHT, SLIDE_WIDTH};
use std::collections::HashMap;

/// Share of the text colour mixed into a section's background for code blocks and table rules
/// (the CSS's `color-mix(… 14%)`).
const SECTION_SHADE: f32 = 0.14;

/// Points per CSS pixel of the logical slide.
pub const PT_PER_PX: f32 = 0.75;
pub const PAGE_WIDTH: f32 = SLIDE_WIDTH * PT_PER_PX;
pub const PAGE_HEIGHT: f32 = SLIDE_HEIGHT * PT_PER_PX;

/// Everything a slide page is drawn with.
struct Ctx<'a> {
    deck: &'a Deck,
    theme: &'a Theme,
    blocks: BlockCtx<'a>,
    strings: &'static Strings,
    facts: &'a Facts,
    lang: Lang,
    /// Slide anchor → page index, for internal links.
    anchors: HashMap<&'a str, usize>,
}

impl Ctx<'_> {
    fn px(&self, v: f32) -> f32 {
        v * PT_PER_PX
    }

    fn body_style(&self, scale: f32) -> BlockStyle {
        let c = &self.theme.colors;
        BlockStyle {
            family: self.theme.body_font,
            heading_family: self.theme.heading_font,
            size: self.px(self.theme.sizes.body) * scale,
            line_height: self.theme.sizes.line_height,
            text: c.text,
            primary: c.primary,
            accent: c.accent,
            muted: c.muted,
            surface: c.surface,
            lang: self.lang,
            max_image_height: self.px(crate::theme::IMAGE_MAX_HEIGHT),
            italic: false,
        }
    }

    fn style(&self, size_px: f32, weight: Weight, colour: Rgb, heading: bool) -> TextStyle {
        TextStyle {
            family: if heading {
                self.theme.heading_font
            } else {
                self.theme.body_font
            },
            weight,
            italic: false,
            size: self.px(size_px),
            colour,
            link: None,
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

    /// Content box: left, top, width, height.
    fn content_box(&self) -> (f32, f32, f32, f32) {
        let s = &self.theme.spacing;
        let x = self.px(s.padding_x);
        let y = self.px(s.padding_top);
        (
            x,
            y,
            PAGE_WIDTH - 2.0 * x,
            PAGE_HEIGHT - y - self.px(s.padding_bottom),
        )
    }
}

impl Ctx<'_> {
    /// The box a slide's content is laid out in: the content box, less the room the bloc-marque or a logo at the
    /// top takes on this slide ([`chrome_extra`]). Fitting measures in the same box.
    fn body_box(&self, slide: &Slide) -> (f32, f32, f32, f32) {
        let (x, y, w, h) = self.content_box();
        let extra = self.px(chrome_extra(self.theme, slide.layout));
        (x, y + extra, w, h - extra)
    }
}

impl<'a> Ctx<'a> {
    fn new(deck: &'a Deck, theme: &'a Theme, facts: &'a Facts, blocks: BlockCtx<'a>) -> Self {
        Ctx {
            deck,
            theme,
            blocks,
            strings: i18n::strings(deck.meta.lang),
            facts,
            lang: match deck.meta.lang {
                crate::model::Lang::Fr => Lang::Fr,
                crate::model::Lang::En => Lang::En,
            },
            anchors: deck
                .slides
                .iter()
                .enumerate()
                .map(|(i, s)| (s.anchor.as_str(), i))
                .collect(),
        }
    }
}

/// The slides of a deck as pages, each at the scale fitting chose for it
/// ([`super::fit::fit_deck`]), and where each paragraph's lines wrapped (for the HTML).
pub fn slide_pages(r: &RenderCtx<'_>) -> (Vec<Page>, Wraps) {
    let RenderCtx {
        deck,
        theme,
        fonts,
        images,
        scales,
        ..
    } = *r;
    // Every slide is laid out on whichever of rayon's threads is free, each thread with its own
    // context (a context records the wraps of what it lays out), all converting each image once
    // between them. rayon keeps the pieces in the deck's order; the wraps, one entry per
    // paragraph, are put together.
    use rayon::prelude::*;
    let rasters = Rasters::default();
    let context = || {
        let ctx = Ctx::new(
            deck,
            theme,
            &r.facts,
            BlockCtx::new(fonts, images, &rasters),
        );
        ctx.blocks.start_recording();
        (ctx, Vec::new())
    };
    let parts: Vec<(Vec<Page>, Wraps)> = deck
        .slides
        .par_iter()
        .enumerate()
        .fold(context, |(ctx, mut pages), (i, slide)| {
            let scale = scales.get(i).copied().unwrap_or(1.0);
            pages.push(slide_page(&ctx, slide, i, scale));
            (ctx, pages)
        })
        .map(|(ctx, pages)| (pages, ctx.blocks.stop_recording()))
        .collect();
    let mut pages = Vec::with_capacity(deck.slides.len());
    let mut wraps = Wraps::new();
    for (part, part_wraps) in parts {
        pages.extend(part);
        wraps.extend(part_wraps);
    }
    (pages, wraps)
}

/// Measures slides' content as the slide pages lay it out, for fitting.
pub struct Measure<'a> {
    ctx: Ctx<'a>,
}

impl<'a> Measure<'a> {
    /// Measures the slides of `deck` (whose facts are `facts`), converting each image once with
    /// the other measures made with the same `rasters` (one per thread fitting a deck).
    pub fn new(
        deck: &'a Deck,
        theme: &'a Theme,
        facts: &'a Facts,
        fonts: &'a FontBook,
        images: &'a ImageStore,
        rasters: &Rasters,
    ) -> Self {
        Measure {
            ctx: Ctx::new(deck, theme, facts, BlockCtx::new(fonts, images, rasters)),
        }
    }

    /// Whether `slide` (the deck's slide `index`, or a part of it) fits its content box at
    /// `scale`: the test `slide_page` draws by.
    pub fn fits(&self, slide: &Slide, index: usize, scale: f32) -> bool {
        let (_, _, w, h) = self.ctx.body_box(slide);
        compose(&self.ctx, slide, index, scale, w, h).height <= h + FIT_SLACK
    }

    /// The height of `slide`'s content at `scale`, and the height of its content box.
    pub fn height(&self, slide: &Slide, index: usize, scale: f32) -> (f32, f32) {
        let (_, _, w, h) = self.ctx.body_box(slide);
        (compose(&self.ctx, slide, index, scale, w, h).height, h)
    }
}

impl Measure<'_> {
    /// Where the paragraphs of `slide` wrap when it is laid out at `scale`.
    pub fn wraps(&self, slide: &Slide, index: usize, scale: f32) -> Wraps {
        let (_, _, w, h) = self.ctx.body_box(slide);
        self.ctx.blocks.start_recording();
        compose(&self.ctx, slide, index, scale, w, h);
        self.ctx.blocks.stop_recording()
    }
}

/// The width of a column of `body`'s text on the slide, in slide pixels: the content box, half
/// of it beside another column, less a comparison card's padding.
pub fn column_width(theme: &Theme, body: &Body) -> f32 {
    let width = SLIDE_WIDTH - 2.0 * theme.spacing.padding_x;
    let half = (width - theme.spacing.column_gap) / 2.0;
    match body {
        Body::TwoColumn { .. } => half,
        Body::Comparison { .. } => half - 2.0 * m::CARD_PAD_X * theme.sizes.body,
        _ => width,
    }
}

/// How far content may pass its box's bottom and still be said to fit (rounding), in points.
pub(super) const FIT_SLACK: f32 = 0.5;

/// The slides PDF's document: pages, bookmarks (sections, then their slides), metadata.
pub fn slides_document(r: &RenderCtx<'_>, pages: Vec<Page>) -> Document {
    let (deck, facts, created) = (r.deck, &r.facts, r.created);
    let mut outline: Vec<OutlineEntry> = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        if slide.continuation > 0 {
            continue;
        }
        let title = facts.slide_name(i).to_string();
        let starts_section = deck.sections.iter().any(|s| s.first_slide == i);
        match (starts_section, outline.last_mut()) {
            (false, Some(section)) if slide.section.is_some() => {
                section.children.push(OutlineEntry::new(title, i))
            }
            _ => outline.push(OutlineEntry::new(title, i)),
        }
    }
    let subject = deck
        .meta
        .subtitle
        .clone()
        .unwrap_or_else(|| i18n::strings(deck.meta.lang).slides_label.to_string());
    Document {
        pages,
        outline,
        meta: doc_meta(deck, subject, created),
    }
}

/// The PDF metadata of any document made from `deck`.
pub fn doc_meta(deck: &Deck, subject: String, created: i64) -> DocMeta {
    DocMeta {
        title: deck.meta.title.clone(),
        author: deck.meta.author.clone().unwrap_or_default(),
        subject,
        lang: deck.meta.lang.code().to_string(),
        created,
    }
}

// Out of line: `scripts/profile` counts a stage run on rayon's threads by this function.
#[inline(never)]
fn slide_page(ctx: &Ctx<'_>, slide: &Slide, index: usize, scale: f32) -> Page {
    let c = &ctx.theme.colors;
    let section = &ctx.theme.section;
    let mut page = Page::new(PAGE_WIDTH, PAGE_HEIGHT);
    let dark = slide.layout == Layout::Section;
    let background = if dark {
        ctx.theme.resolve(section.background)
    } else {
        c.background
    };
    let foreground = if dark {
        ctx.theme.resolve(section.text)
    } else {
        c.muted
    };
    page.items
        .push(rect(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT, background));
    // The rule along the top edge (blue France; red on dividers), as the CSS draws it.
    if ctx.theme.chrome.rule_height > 0.0 {
        page.items.push(rect(
            0.0,
            0.0,
            PAGE_WIDTH,
            ctx.px(ctx.theme.chrome.rule_height),
            if dark {
                ctx.theme.resolve(section.rule)
            } else {
                c.primary
            },
        ));
    }

    let (x, y, w, h) = ctx.body_box(slide);
    let mut body = compose(ctx, slide, index, scale, w, h);
    balance(ctx, slide, scale, &mut body, w, h);
    // The slide's content is one section of the document; the chrome around it (rule,
    // marque, header, footer, counter) stays outside, as decoration repeated on every page.
    let base = heading_base(ctx.deck, index);
    let mut content = tag(Role::Section, offset(body.items, x, y));
    for p in &mut content {
        if let Item::Open(Role::Heading { level }) = &mut p.item {
            *level = (*level + base - 1).clamp(1, 6);
        }
    }
    page.items.extend(content);

    let small = ctx.style(ctx.theme.sizes.small, Weight::Regular, foreground, false);
    let chrome_w = w - ctx.px(120.0);
    let aside = brand_chrome(ctx, slide, &mut page, dark);
    if let Some(header) = &slide.header {
        let top = ctx.px(ctx.theme.chrome_top());
        if aside.header_right {
            // The bloc-marque holds the top-left corner: the header goes right, as in the CSS.
            let hw = PAGE_WIDTH * 0.4;
            let opts = TextOptions {
                align: Align::Right,
                ..ctx.opts(hw, 1.2)
            };
            let laid = first_line(ctx.blocks.text(header, &small, &opts));
            page.items
                .extend(offset(laid.items, PAGE_WIDTH - x - hw, top));
        } else {
            let hw = (chrome_w - aside.header_shrink).max(ctx.px(100.0));
            let laid = ctx.blocks.text(header, &small, &ctx.opts(hw, 1.2));
            page.items.extend(offset(first_line(laid).items, x, top));
        }
    }
    if let Some(footer) = &slide.footer {
        let fw = (chrome_w - aside.footer_indent).max(ctx.px(100.0));
        let laid = ctx.blocks.text(footer, &small, &ctx.opts(fw, 1.2));
        let laid = first_line(laid);
        let top = PAGE_HEIGHT - ctx.px(18.0) - laid.height;
        page.items
            .extend(offset(laid.items, x + aside.footer_indent, top));
    }
    if slide.paginate {
        let total = ctx.deck.slides.len();
        let style = TextStyle {
            weight: Weight::Bold,
            ..small
        };
        let opts = TextOptions {
            align: Align::Right,
            ..ctx.opts(ctx.px(200.0), 1.2)
        };
        let laid = ctx
            .blocks
            .text(&format!("{} / {total}", index + 1), &style, &opts);
        let top = PAGE_HEIGHT - ctx.px(18.0) - laid.height;
        page.items.extend(offset(
            laid.items,
            PAGE_WIDTH - ctx.px(28.0) - ctx.px(200.0),
            top,
        ));
    }
    resolve_links(ctx, &mut page);
    page
}

/// A short content slide's body moved down into the room under its title, by the theme's
/// `[layouts.content] balance` share of that room (the CSS does the same with flex spacers); the
/// title stays where every slide has it.
fn balance(ctx: &Ctx<'_>, slide: &Slide, scale: f32, body: &mut Laid, w: f32, h: f32) {
    let share = ctx.theme.chrome.content_balance;
    if slide.layout != Layout::Content || !matches!(slide.body, Body::Blocks { .. }) || share <= 0.0
    {
        return;
    }
    let free = h - body.height;
    if free <= 1.0 {
        return;
    }
    let top = match &slide.title {
        Some(title) => {
            let size = ctx.theme.sizes.title * scale;
            title_block(ctx, slide, title, size, ctx.theme.colors.primary, w).height
                + 0.7 * ctx.px(size)
        }
        None => 0.0,
    };
    let dy = share * free;
    for p in &mut body.items {
        if !matches!(p.item, Item::Open(_) | Item::Close) && p.pos.y >= top - 0.5 {
            p.pos.y += dy;
        }
    }
    body.height += dy;
}

/// The level of a slide's title in the deck's outline: the cover's title is 1, a part's title
/// below it, and other slides' titles below the last part (or the cover), so that a reader
/// walking the headings never meets a skipped level.
fn heading_base(deck: &Deck, index: usize) -> u8 {
    let mut cover = false;
    let mut part = false;
    for slide in deck.slides.iter().take(index) {
        match slide.layout {
            Layout::Title => cover = true,
            Layout::Section => part = true,
            _ => {}
        }
    }
    let Some(slide) = deck.slides.get(index) else {
        return 1;
    };
    let above = u8::from(cover) + u8::from(part);
    match slide.layout {
        Layout::Title => 1,
        Layout::Section => 1 + u8::from(cover),
        _ => 1 + above,
    }
}

/// CSS pixels a slide's content starts lower than the theme's top padding because its chrome is
/// taller than the room the padding leaves: a brand's logo taller than the bloc-marque (the gap
/// between the header and the title then stays the one the theme has without a logo), or the
/// full bloc-marque of the title slide with its clear space. The HTML gets the same.
pub fn chrome_extra(theme: &Theme, layout: Layout) -> f32 {
    let top = matches!(
        theme.chrome.logo_placement,
        Placement::TopLeft | Placement::TopRight
    );
    let logo = theme
        .logo_size(layout)
        .filter(|_| top && theme.shows_logo(layout))
        .map_or(0.0, |(_, h)| h);
    let size = theme.sizes.marque;
    let marque = match super::marque::on_slide(theme, layout) {
        Some(m) => m.height_ems() * size,
        None if logo > 0.0 => theme.sizes.small * 1.2,
        None => return 0.0,
    };
    let room = theme.spacing.padding_top - theme.chrome_top();
    let gap = (room - marque).max(super::marque::CLEAR_SPACE * size);
    (logo.max(marque) + gap - room).max(0.0)
}

/// Where the brand's chrome leaves room for the header and footer.
#[derive(Default)]
struct Aside {
    /// The top-left corner is taken: the header goes to the right.
    header_right: bool,
    /// Points the header gives up on its right (a logo in the top-right corner).
    header_shrink: f32,
    /// Points the footer moves right (a logo in the bottom-left corner).
    footer_indent: f32,
}

/// The bloc-marque (RÉPUBLIQUE FRANÇAISE, the ministry, the motto on the title slide) and the
/// brand's logo, where the theme places them: the same boxes as the CSS of `deck.hbs`.
fn brand_chrome(ctx: &Ctx<'_>, slide: &Slide, page: &mut Page, dark: bool) -> Aside {
    let theme = ctx.theme;
    let mut aside = Aside::default();
    let top = ctx.px(theme.chrome_top());
    let x = ctx.px(theme.spacing.padding_x);
    let logo = theme
        .shows_logo(slide.layout)
        .then(|| {
            let (w, h) = theme.logo_size(slide.layout)?;
            let raster = ctx.blocks.raster(crate::theme::LOGO_KEY)?;
            Some((raster, ctx.px(w), ctx.px(h)))
        })
        .flatten();
    let placement = theme.chrome.logo_placement;
    let mut marque_x = x;
    if let Some((raster, w, h)) = logo {
        let in_marque = placement == Placement::TopLeft;
        let pos = match placement {
            Placement::TopRight => Point::new(PAGE_WIDTH - x - w, top),
            Placement::BottomLeft => Point::new(x, PAGE_HEIGHT - ctx.px(14.0) - h),
            _ => Point::new(x, top),
        };
        page.items.push(Positioned {
            pos,
            item: Item::Image(crate::layout::page::ImageItem {
                image: raster,
                size: Size::new(w, h),
            }),
        });
        match placement {
            Placement::TopRight => aside.header_shrink = w + ctx.px(16.0),
            Placement::BottomLeft => aside.footer_indent = w + ctx.px(16.0),
            _ => {}
        }
        if in_marque {
            aside.header_right = true;
            marque_x = x + w + ctx.px(12.0);
        }
    }
    let Some(marque) = super::marque::on_slide(theme, slide.layout) else {
        return aside;
    };
    aside.header_right = true;
    let fg = if dark {
        theme.resolve(theme.section.text)
    } else {
        theme.colors.text
    };
    let size = theme.sizes.marque;
    let width = (PAGE_WIDTH * 0.55 - (marque_x - x)).max(ctx.px(120.0));
    // The full form keeps the Marianne symbol's space above its text.
    let mut y = top
        + if marque.full {
            ctx.px(size * super::marque::SYMBOL_SPACE)
        } else {
            0.0
        };
    for l in &marque.lines {
        let colour = if l.motto && !dark {
            theme.colors.muted
        } else {
            fg
        };
        let weight = if l.bold {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let style = TextStyle {
            italic: l.italic,
            ..ctx.style(size, weight, colour, false)
        };
        let laid = first_line(ctx.blocks.text(
            &l.text,
            &style,
            &ctx.opts(width, super::marque::LINE_HEIGHT),
        ));
        let lh = laid.height;
        page.items.extend(offset(laid.items, marque_x, y));
        y += lh;
    }
    aside
}

/// Keeps only the first line of a laid-out text (headers and footers never wrap).
fn first_line(mut laid: Laid) -> Laid {
    if let Some(first_y) = laid
        .items
        .iter()
        .find(|p| matches!(p.item, Item::Text(_)))
        .map(|p| p.pos.y)
    {
        laid.items
            .retain(|p| !matches!(p.item, Item::Text(_)) || (p.pos.y - first_y).abs() < 0.5);
        laid.height = laid.height.min(first_y * 1.4);
    }
    laid
}

/// `#anchor` and `#/N` links point at pages of this document.
fn resolve_links(ctx: &Ctx<'_>, page: &mut Page) {
    for p in &mut page.items {
        if let Item::Link(LinkArea { target, .. }) = &mut p.item {
            if let LinkTarget::Uri(uri) = target {
                if let Some(rest) = uri.strip_prefix("#/") {
                    if let Ok(n) = rest.split('/').next().unwrap_or("").parse::<usize>() {
                        *target = LinkTarget::Page(
                            n.saturating_sub(1)
                                .min(ctx.deck.slides.len().saturating_sub(1)),
                        );
                    }
                } else if let Some(anchor) = uri.strip_prefix('#') {
                    if let Some(&i) = ctx.anchors.get(anchor) {
                        *target = LinkTarget::Page(i);
                    }
                }
            }
        }
    }
    // Links the deck cannot resolve (unknown anchors) and dangerous schemes are dropped.
    page.items.retain(|p| match &p.item {
        Item::Link(LinkArea {
            target: LinkTarget::Uri(u),
            ..
        }) => !u.starts_with('#') && !crate::deck::is_dangerous_url(u),
        _ => true,
    });
}

/// The slide's content in its box (relative to the box), laid out for its layout.
fn compose(ctx: &Ctx<'_>, slide: &Slide, index: usize, scale: f32, w: f32, h: f32) -> Laid {
    let body = ctx.body_style(scale);
    match (&slide.body, slide.layout) {
        (_, Layout::Title) => cover(ctx, slide, &body, w, h),
        (Body::Blocks { blocks }, Layout::Section) => {
            section(ctx, slide, index, blocks, &body, w, h)
        }
        (Body::Blocks { blocks }, Layout::Objectives) => titled(ctx, slide, scale, w, |y| {
            objectives(ctx, blocks, &body, w, y)
        }),
        (Body::Blocks { blocks }, Layout::Closing) => {
            closing(ctx, slide, blocks, None, None, &body, w, h)
        }
        (Body::Blocks { blocks }, _) => titled(ctx, slide, scale, w, |_| {
            ctx.blocks.blocks(blocks, &body, w)
        }),
        (Body::TwoColumn { left, right }, _) => titled(ctx, slide, scale, w, |_| {
            let gap = ctx.px(ctx.theme.spacing.column_gap);
            let cw = (w - gap) / 2.0;
            let l = ctx.blocks.blocks(left, &body, cw);
            let r = ctx.blocks.blocks(right, &body, cw);
            let mut out = Laid {
                height: l.height.max(r.height),
                items: Vec::new(),
            };
            out.place(l, 0.0, 0.0);
            out.place(r, cw + gap, 0.0);
            out
        }),
        (
            Body::Comparison {
                left_title,
                left,
                right_title,
                right,
                left_tone,
                right_tone,
            },
            _,
        ) => titled(ctx, slide, scale, w, |_| {
            let gap = ctx.px(ctx.theme.spacing.column_gap);
            let cw = (w - gap) / 2.0;
            let a = panel(ctx, *left_tone, left_title, left, &body, cw);
            let b = panel(ctx, *right_tone, right_title, right, &body, cw);
            let height = a.height.max(b.height);
            let mut out = Laid {
                height,
                items: Vec::new(),
            };
            // Both panels as tall as the taller one, as the CSS grid makes them.
            out.items
                .push(rect(0.0, 0.0, cw, height, ctx.theme.colors.surface));
            out.items
                .push(rect(cw + gap, 0.0, cw, height, ctx.theme.colors.surface));
            out.place(a, 0.0, 0.0);
            out.place(b, cw + gap, 0.0);
            out
        }),
        (
            Body::Testimony {
                quote,
                name,
                role,
                photo,
            },
            _,
        ) => titled(ctx, slide, scale, w, |y| {
            let t = testimony(
                ctx,
                quote,
                name.as_deref(),
                role.as_deref(),
                photo.as_ref(),
                &body,
                w,
            );
            // Centred in the room under the title, as the CSS grid centres it.
            vertically_centred(t, h - y)
        }),
        (Body::KeyFigure { figure, caption }, _) => titled(ctx, slide, scale, w, |y| {
            let fig = ctx
                .blocks
                .text(
                    figure,
                    &ctx.style(
                        ctx.theme.sizes.figure * scale,
                        Weight::Bold,
                        ctx.theme.colors.primary,
                        true,
                    ),
                    &ctx.opts(w, 1.0),
                )
                .tagged(Role::Paragraph);
            let cap = ctx.blocks.blocks(
                caption,
                &body.with_size(body.size * m::CAPTION_SIZE),
                w * 0.85 - ctx.px(20.0),
            );
            barred(ctx, fig, 0.15 * body.size, cap, 0.7 * body.size, h - y)
        }),
        (Body::Poll { question, options }, _) => {
            poll(ctx, slide, question.as_deref(), options, scale, w)
        }
        (Body::Definition { term, definition }, _) => {
            definition_layout(ctx, slide, term, definition, &body, scale, w, h)
        }
        (
            Body::Closing {
                blocks,
                contact,
                question,
            },
            _,
        ) => closing(
            ctx,
            slide,
            blocks,
            contact.as_deref(),
            question.as_deref(),
            &body,
            w,
            h,
        ),
        (Body::Agenda { intro, entries }, _) => titled(ctx, slide, scale, w, |_| {
            let mut out = ctx.blocks.blocks(intro, &body, w);
            let mut y = if out.height > 0.0 {
                out.height + m::PARAGRAPH_AFTER * body.size
            } else {
                0.0
            };
            let num_w = m::AGENDA_NUMBER * body.size * m::AGENDA_NUMBER_SIZE;
            let minutes_w = if entries.iter().any(|e| e.minutes.is_some()) {
                5.0 * body.size
            } else {
                0.0
            };
            // The entries are a numbered list; each entry's drawing goes into `entry`.
            let mut list = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                let mut entry = Laid::default();
                let mut ts = body.text_style();
                ts.link = e.target.as_ref().map(|t| format!("#{t}"));
                let text = ctx.blocks.paragraph(
                    &e.text,
                    &ts,
                    &ctx.opts(
                        w - num_w - m::AGENDA_GAP * body.size - minutes_w,
                        body.line_height,
                    ),
                );
                let first = text
                    .items
                    .iter()
                    .find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.pos.y))
                    .unwrap_or(body.size);
                let n_style = TextStyle {
                    weight: Weight::Bold,
                    size: body.size * 0.85,
                    colour: ctx.theme.colors.on_primary,
                    ..body.text_style()
                };
                let num = ctx.blocks.text(
                    &e.number.to_string(),
                    &n_style,
                    &TextOptions {
                        align: Align::Centre,
                        ..ctx.opts(num_w, 1.2)
                    },
                );
                let nb = num
                    .items
                    .iter()
                    .find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.pos.y))
                    .unwrap_or(body.size);
                let box_top = y + first - nb - 0.1 * body.size;
                entry.items.push(rect(
                    0.0,
                    box_top,
                    num_w,
                    num.height + 0.2 * body.size,
                    ctx.theme.colors.primary,
                ));
                entry.place(num.tagged(Role::Label), 0.0, box_top + 0.1 * body.size);
                let th = text.height;
                // No underline: the number and the list say these are the parts (the HTML
                // keeps a focus outline for keyboard users). A part's length, right-aligned.
                if let Some(m) = e.minutes {
                    entry.place(
                        agenda_minutes(ctx, m, &body, w),
                        0.0,
                        y + first - nb_baseline(ctx, &body),
                    );
                }
                entry.place(
                    text.tagged(Role::Paragraph).tagged(Role::ListBody),
                    num_w + m::AGENDA_GAP * body.size,
                    y,
                );
                list.extend(tag(Role::ListItem, entry.items));
                y += th;
                if i + 1 < entries.len() {
                    y += m::AGENDA_ITEM_GAP * body.size;
                }
            }
            out.items.extend(tag(Role::List, list));
            out.height = y;
            out
        }),
    }
}

/// A part's planned length on an agenda line ("10 min"), right-aligned in the muted colour, its
/// first baseline at the top of the returned block plus [`nb_baseline`].
fn agenda_minutes(ctx: &Ctx<'_>, minutes: u32, body: &BlockStyle, w: f32) -> Laid {
    let text = facts::duration_text(minutes, ctx.deck.meta.lang);
    let style = TextStyle {
        colour: ctx.theme.colors.muted,
        ..body.text_style()
    };
    ctx.blocks
        .text(
            &text,
            &style,
            &TextOptions {
                align: Align::Right,
                ..ctx.opts(w, body.line_height)
            },
        )
        .tagged(Role::Paragraph)
}

/// The first baseline of a line of body text, from the top of its block.
fn nb_baseline(ctx: &Ctx<'_>, body: &BlockStyle) -> f32 {
    let probe = ctx.blocks.text(
        "0",
        &body.text_style(),
        &ctx.opts(body.size * 4.0, body.line_height),
    );
    probe
        .items
        .iter()
        .find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.pos.y))
        .unwrap_or(body.size)
}

/// A title in the theme's title style, then the body below it.
fn titled(
    ctx: &Ctx<'_>,
    slide: &Slide,
    scale: f32,
    w: f32,
    body: impl FnOnce(f32) -> Laid,
) -> Laid {
    let mut out = Laid::default();
    let mut y = 0.0;
    if let Some(title) = &slide.title {
        let t = title_block(
            ctx,
            slide,
            title,
            ctx.theme.sizes.title * scale,
            ctx.theme.colors.primary,
            w,
        );
        y = t.height + m::TITLE_AFTER * ctx.px(ctx.theme.sizes.title * scale);
        out.place(t, 0.0, 0.0);
    }
    let b = body(y);
    out.height = y + b.height;
    out.place(b, 0.0, y);
    out
}

/// A slide title, with "(suite)" on continued slides.
fn title_block(
    ctx: &Ctx<'_>,
    slide: &Slide,
    title: &[Inline],
    size_px: f32,
    colour: Rgb,
    w: f32,
) -> Laid {
    let style = ctx.style(size_px, Weight::Bold, colour, true);
    let mut spans = super::blocks::spans(title, &style);
    if slide.continuation > 0 {
        // Smaller and muted, as the HTML's `.continued` draws it.
        spans.push(Span::new(
            format!(" {}", ctx.strings.continued),
            TextStyle {
                weight: Weight::Regular,
                size: style.size * m::CONTINUED,
                colour: ctx.theme.colors.muted,
                ..style.clone()
            },
        ));
    }
    // Level 1 is the slide's own title; `slide_page` makes it absolute.
    ctx.blocks
        .paragraph_of(title, spans, &ctx.opts(w, m::TITLE_LINE_HEIGHT))
        .tagged(Role::Heading { level: 1 })
}

/// A head (big number, term) over a body with the accent bar at its left, the pair centred
/// vertically in `room`: the key-figure and definition layouts.
fn barred(ctx: &Ctx<'_>, head: Laid, gap: f32, body: Laid, indent: f32, room: f32) -> Laid {
    let bar = ctx.px(m::ACCENT_BAR);
    let mut content = Laid {
        height: head.height + gap + body.height,
        items: Vec::new(),
    };
    let body_y = head.height + gap;
    content
        .items
        .push(rect(0.0, body_y, bar, body.height, ctx.theme.colors.accent));
    content.place(head, 0.0, 0.0);
    content.place(body, bar + indent, body_y);
    vertically_centred(content, room)
}

fn vertically_centred(content: Laid, h: f32) -> Laid {
    let top = ((h - content.height) / 2.0).max(0.0);
    Laid {
        height: top + content.height,
        items: offset(content.items, 0.0, top),
    }
}

fn cover(ctx: &Ctx<'_>, slide: &Slide, body: &BlockStyle, w: f32, h: f32) -> Laid {
    let c = &ctx.theme.colors;
    let meta = &ctx.deck.meta;
    let bar = ctx.px(ctx.theme.chrome.title_bar);
    let inner_x = if bar > 0.0 { bar + ctx.px(48.0) } else { 0.0 };
    let iw = w - inner_x;
    let mut content = Laid::default();
    let mut y = 0.0;
    let fallback;
    let title: &[Inline] = match &slide.title {
        Some(title) => title,
        None => {
            fallback = [Inline::text(meta.title.clone())];
            &fallback
        }
    };
    // Laid out from the slide's own title when it has one, so that the HTML's cover title
    // breaks where this one does.
    let t = ctx.blocks.paragraph(
        title,
        &ctx.style(ctx.theme.sizes.cover_title, Weight::Bold, c.primary, true),
        &ctx.opts(iw, 1.1),
    );
    let t = t.tagged(Role::Heading { level: 1 });
    y += t.height + 0.35 * ctx.px(ctx.theme.sizes.cover_title);
    content.place(t, 0.0, 0.0);
    let cover = &ctx.facts.cover;
    if let Some(sub) = &cover.subtitle {
        let s = ctx.blocks.text(
            sub,
            &TextStyle {
                size: body.size * 1.2,
                ..body.text_style()
            },
            &ctx.opts(iw, body.line_height),
        );
        let s = s.tagged(Role::Paragraph);
        let sh = s.height;
        content.place(s, 0.0, y);
        y += sh + body.size;
    }
    if let Body::Blocks { blocks } = &slide.body {
        if !blocks.is_empty() {
            let b = ctx.blocks.blocks(blocks, body, iw);
            let bh = b.height;
            content.place(b, 0.0, y);
            y += bh + 0.6 * body.size;
        }
    }
    let small = ctx.px(ctx.theme.sizes.small);
    if let Some(author) = &cover.author {
        let a = ctx.blocks.text(
            author,
            &TextStyle {
                size: small,
                weight: Weight::Bold,
                ..body.text_style()
            },
            &ctx.opts(iw, 1.3),
        );
        let a = a.tagged(Role::Paragraph);
        let ah = a.height;
        content.place(a, 0.0, y);
        y += ah + 0.8 * small;
    }
    // Labelled facts side by side: audience, duration, date.
    let facts = cover.session(meta.lang);
    let mut fx = 0.0;
    let mut row_h: f32 = 0.0;
    for (label, value) in facts {
        let l = ctx.blocks.text(
            label,
            &TextStyle {
                size: small,
                weight: Weight::Bold,
                ..body.text_style()
            },
            &ctx.opts(iw, 1.3),
        );
        let v = ctx.blocks.text(
            &value,
            &TextStyle {
                size: small,
                colour: c.muted,
                ..body.text_style()
            },
            &ctx.opts(iw * 0.5, 1.3),
        );
        let width = text_width(&l).max(text_width(&v));
        if fx > 0.0 && fx + width > iw {
            fx = 0.0;
            y += row_h + 0.4 * small;
            row_h = 0.0;
        }
        let lh = l.height;
        let pair_h = lh + v.height;
        // Label and value read as one sentence: "Public : décideurs".
        let mut pair = Laid::default();
        pair.place(l, fx, y);
        pair.place(v, fx, y + lh);
        content.items.extend(tag(Role::Paragraph, pair.items));
        row_h = row_h.max(pair_h);
        fx += width + 2.0 * small;
    }
    y += row_h;
    content.height = y;
    let mut out = Laid {
        height: h,
        items: if bar > 0.0 {
            vec![rect(0.0, 0.0, bar, h, c.primary)]
        } else {
            Vec::new()
        },
    };
    out.place(vertically_centred(content, h), inner_x, 0.0);
    out
}

/// Width of the widest text run of a laid-out block.
fn text_width(laid: &Laid) -> f32 {
    laid.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some(
                p.pos.x
                    + run
                        .glyphs
                        .last()
                        .map(|g| g.x + run.size * 0.6)
                        .unwrap_or(0.0),
            ),
            _ => None,
        })
        .fold(0.0, f32::max)
}

fn section(
    ctx: &Ctx<'_>,
    slide: &Slide,
    index: usize,
    blocks: &[Block],
    body: &BlockStyle,
    w: f32,
    h: f32,
) -> Laid {
    let fg = ctx.theme.resolve(ctx.theme.section.text);
    let part = ctx.facts.part_number(index).unwrap_or(1);
    let mut content = Laid::default();
    let small = ctx.px(ctx.theme.sizes.small);
    let label = format!("{} {part}", ctx.strings.part).to_uppercase();
    let l = ctx.blocks.text(
        &label,
        &TextStyle {
            size: small,
            colour: fg,
            ..body.text_style()
        },
        &ctx.opts(w, 1.2),
    );
    let l = l.tagged(Role::Paragraph);
    let mut y = l.height + 0.6 * small;
    content.place(l, 0.0, 0.0);
    if let Some(title) = &slide.title {
        let t = title_block(ctx, slide, title, ctx.theme.sizes.section_title, fg, w);
        let th = t.height;
        content.place(t, 0.0, y);
        y += th + 0.5 * ctx.px(ctx.theme.sizes.section_title);
    }
    if !blocks.is_empty() {
        // Every element in the divider's text colour (links, bullets, sub-headings, captions,
        // code), code blocks on a shade of the background: all readable on it, as in the CSS.
        let bg = ctx.theme.resolve(ctx.theme.section.background);
        let lead = BlockStyle {
            text: fg,
            primary: fg,
            accent: fg,
            muted: fg,
            surface: bg.mix(fg, SECTION_SHADE),
            ..body.with_size(body.size * 0.9)
        };
        let b = ctx
            .blocks
            .blocks(blocks, &lead, (w * 0.7).max(body.size * 18.0).min(w));
        let bh = b.height;
        content.place(b, 0.0, y);
        y += bh;
    }
    content.height = y;
    vertically_centred(content, h)
}

/// Objectives: ordered items with their number in a disc; other blocks as usual.
fn objectives(ctx: &Ctx<'_>, blocks: &[Block], body: &BlockStyle, w: f32, _y: f32) -> Laid {
    let c = &ctx.theme.colors;
    let mut out = Laid::default();
    let mut y = 0.0;
    for (b, block) in blocks.iter().enumerate() {
        let laid = match block {
            Block::List(List {
                start: Some(start),
                items,
            }) => {
                let mut list = Laid::default();
                let mut ly = 0.0;
                let disc = m::DISC * body.size * m::DISC_SIZE;
                let indent = m::OBJECTIVE_INDENT * body.size;
                for (i, item) in items.iter().enumerate() {
                    let laid = ctx.blocks.blocks(&item.blocks, body, w - indent);
                    let mut d = rect(0.0, ly, disc, disc, c.primary);
                    if let Item::Rect(r) = &mut d.item {
                        r.radius = disc / 2.0;
                    }
                    let mut entry = Laid::default();
                    entry.items.push(d);
                    let ns = TextStyle {
                        weight: Weight::Bold,
                        size: body.size * 0.85,
                        colour: c.on_primary,
                        ..body.text_style()
                    };
                    let n = ctx.blocks.text(
                        &(start + i as u64).to_string(),
                        &ns,
                        &TextOptions {
                            align: Align::Centre,
                            ..ctx.opts(disc, 1.0)
                        },
                    );
                    let nh = n.height;
                    entry.place(n.tagged(Role::Label), 0.0, ly + (disc - nh) / 2.0);
                    let lh = laid.height.max(disc);
                    entry.place(laid.tagged(Role::ListBody), indent, ly);
                    list.items.extend(tag(Role::ListItem, entry.items));
                    ly += lh;
                    if i + 1 < items.len() {
                        ly += m::OBJECTIVE_GAP * body.size;
                    }
                }
                list.height = ly;
                list.tagged(Role::List)
            }
            other => ctx.blocks.blocks(std::slice::from_ref(other), body, w),
        };
        let lh = laid.height;
        out.place(laid, 0.0, y);
        y += lh;
        if b + 1 < blocks.len() {
            y += 0.55 * body.size;
        }
    }
    out.height = y;
    out
}

/// One side of a comparison: a card with a rule along its top, in the colour of the side's tone
/// (the primary colour when neutral), and the tone's icon before its title.
fn panel(
    ctx: &Ctx<'_>,
    tone: Tone,
    title: &[Inline],
    blocks: &[Block],
    body: &BlockStyle,
    w: f32,
) -> Laid {
    let pad_x = m::CARD_PAD_X * body.size;
    let pad_y = m::CARD_PAD_Y * body.size;
    let top = ctx.px(m::CARD_RULE);
    let rule = match tone {
        Tone::Cons => ctx.theme.colors.accent,
        Tone::Neutral | Tone::Pros => ctx.theme.colors.primary,
    };
    let mut heading = Vec::new();
    if let Some(icon) = tone.icon() {
        heading.push(Inline::text(format!("{icon} ")));
    }
    heading.extend_from_slice(title);
    let hs = TextStyle {
        weight: Weight::Bold,
        family: ctx.theme.heading_font,
        ..body.text_style()
    };
    let t = ctx
        .blocks
        .paragraph(&heading, &hs, &ctx.opts(w - 2.0 * pad_x, 1.2))
        .tagged(Role::Heading { level: 2 });
    let b = ctx.blocks.blocks(blocks, body, w - 2.0 * pad_x);
    let mut out = Laid {
        height: top + pad_y + t.height + m::CARD_TITLE_GAP * body.size + b.height + pad_y,
        items: Vec::new(),
    };
    out.items.push(rect(0.0, 0.0, w, top, rule));
    let th = t.height;
    out.place(t, pad_x, top + pad_y);
    out.place(b, pad_x, top + pad_y + th + m::CARD_TITLE_GAP * body.size);
    out
}

/// A small label in capitals on the accent colour, as the poll's "SONDAGE" and the definition's
/// "DÉFINITION" show it; its height with its padding.
fn chip(ctx: &Ctx<'_>, text: &str, body: &BlockStyle, w: f32) -> Laid {
    let c = &ctx.theme.colors;
    let small = ctx.px(ctx.theme.sizes.small);
    let label = ctx.blocks.text(
        &text.to_uppercase(),
        &TextStyle {
            size: small,
            weight: Weight::Bold,
            colour: c.on_primary,
            ..body.text_style()
        },
        &ctx.opts(w, 1.2),
    );
    let lw = text_width(&label) + 1.2 * small;
    let lh = label.height + 0.3 * small;
    let mut out = Laid {
        height: lh,
        items: vec![rect(0.0, 0.0, lw, lh, c.accent)],
    };
    out.place(label.tagged(Role::Paragraph), 0.6 * small, 0.15 * small);
    out
}

/// A definition: the "DÉFINITION" label (or the slide's title when it says more than the term),
/// the term as the slide's heading in large type, the definition beside the accent bar; the three
/// as one group, centred vertically. A title that only announces the term is not repeated.
#[allow(clippy::too_many_arguments)]
fn definition_layout(
    ctx: &Ctx<'_>,
    slide: &Slide,
    term: &[Inline],
    definition: &[Block],
    body: &BlockStyle,
    scale: f32,
    w: f32,
    h: f32,
) -> Laid {
    let label = crate::model::definition_label(slide.title.as_deref(), term);
    let label = chip(
        ctx,
        label.as_deref().unwrap_or(ctx.strings.definition),
        body,
        w,
    );
    let term_style = ctx.style(
        ctx.theme.sizes.section_title * scale,
        Weight::Bold,
        ctx.theme.colors.primary,
        true,
    );
    let t = ctx
        .blocks
        .paragraph(term, &term_style, &ctx.opts(w, 1.1))
        .tagged(Role::Heading { level: 1 });
    let d = ctx.blocks.blocks(
        definition,
        &body.with_size(body.size * m::DEFINITION_SIZE),
        w * 0.85 - ctx.px(m::ACCENT_BAR) - m::DEFINITION_INDENT * body.size,
    );
    let mut head = Laid::default();
    let lh = label.height;
    head.place(label, 0.0, 0.0);
    let th = t.height;
    head.place(t, 0.0, lh + 0.5 * body.size);
    head.height = lh + 0.5 * body.size + th;
    barred(
        ctx,
        head,
        0.5 * body.size,
        d,
        m::DEFINITION_INDENT * body.size,
        h,
    )
}

fn testimony(
    ctx: &Ctx<'_>,
    quote: &[Block],
    name: Option<&[Inline]>,
    role: Option<&[Inline]>,
    photo: Option<&crate::model::Image>,
    body: &BlockStyle,
    w: f32,
) -> Laid {
    let c = &ctx.theme.colors;
    let photo_w = ctx.px(crate::theme::PHOTO_SIZE);
    let gap = ctx.px(24.0);
    let raster = photo.and_then(|p| ctx.blocks.raster(&p.src));
    // A photo that is not there (missing, on the web) keeps its place as a placeholder.
    let placeholder = match (photo, &raster) {
        (Some(p), None) => Some(ctx.blocks.placeholder(p, body, photo_w)),
        _ => None,
    };
    let text_x = if raster.is_some() || placeholder.is_some() {
        photo_w + gap
    } else {
        0.0
    };
    let tw = w - text_x;
    let qsize = body.size * m::QUOTE_SIZE;
    let qstyle = BlockStyle {
        italic: true,
        family: ctx.theme.heading_font,
        ..body.with_size(qsize)
    };
    // The quote mark keeps a column of its own, clear of the text; the source lines up with it.
    let indent = 1.6 * qsize;
    let q = ctx
        .blocks
        .blocks(quote, &qstyle, tw - indent)
        .tagged(Role::Quote);
    let mut out = Laid::default();
    let mark = ctx.blocks.text(
        "“",
        &TextStyle {
            size: qsize * 3.0,
            colour: c.accent,
            ..ctx.style(0.0, Weight::Regular, c.accent, true)
        },
        &ctx.opts(indent * 2.0, 1.0),
    );
    out.place(mark, text_x, -0.2 * qsize);
    let qh = q.height;
    out.place(q, text_x + indent, 0.0);
    let mut y = qh + gap;
    if let Some(name) = name {
        let n = ctx
            .blocks
            .paragraph(
                name,
                &TextStyle {
                    weight: Weight::Bold,
                    colour: c.primary,
                    ..body.text_style()
                },
                &ctx.opts(tw - indent, 1.3),
            )
            .tagged(Role::Paragraph);
        let nh = n.height;
        out.place(n, text_x + indent, y);
        y += nh;
    }
    if let Some(role) = role {
        let r = ctx
            .blocks
            .paragraph(
                role,
                &TextStyle {
                    size: ctx.px(ctx.theme.sizes.small),
                    colour: c.muted,
                    ..body.text_style()
                },
                &ctx.opts(tw - indent, 1.3),
            )
            .tagged(Role::Paragraph);
        let rh = r.height;
        out.place(r, text_x + indent, y);
        y += rh;
    }
    if let Some(raster) = raster {
        let (pw, ph) = (raster.width() as f32, raster.height() as f32);
        let s = (photo_w / pw).min(photo_w / ph);
        let size = Size::new(pw * s, ph * s);
        let picture = vec![Positioned {
            pos: Point::new((photo_w - size.width) / 2.0, 0.0),
            item: Item::Image(crate::layout::page::ImageItem {
                image: raster,
                size,
            }),
        }];
        // A photo with no alternative text is decoration.
        match photo.map(|p| p.alt.trim()).filter(|a| !a.is_empty()) {
            Some(alt) => out.items.extend(tag(
                Role::Figure {
                    alt: alt.to_string(),
                },
                picture,
            )),
            None => out.items.extend(picture),
        }
        y = y.max(photo_w);
    }
    if let Some(p) = placeholder {
        let h = p.height;
        out.place(p, 0.0, 0.0);
        y = y.max(h);
    }
    out.height = y;
    out
}

fn poll(
    ctx: &Ctx<'_>,
    slide: &Slide,
    question: Option<&[Inline]>,
    options: &[Vec<Inline>],
    scale: f32,
    w: f32,
) -> Laid {
    let c = &ctx.theme.colors;
    let body = ctx.body_style(scale);
    let mut out = Laid::default();
    let label = chip(ctx, ctx.strings.poll, &body, w);
    let lh = label.height;
    out.place(label, 0.0, 0.0);
    let mut y = lh + 0.6 * body.size;
    let q = question.or(slide.title.as_deref()).unwrap_or(&[]);
    let t = ctx
        .blocks
        .paragraph(
            q,
            &ctx.style(ctx.theme.sizes.title * scale, Weight::Bold, c.primary, true),
            &ctx.opts(w, 1.15),
        )
        // The question is the slide's title.
        .tagged(Role::Heading { level: 1 });
    let th = t.height;
    out.place(t, 0.0, y);
    y += th + 0.7 * ctx.px(ctx.theme.sizes.title * scale);
    let letter_w = m::POLL_LETTER * body.size;
    let pad = m::POLL_PAD * body.size;
    // The options are a list labelled A, B, C…
    let mut list = Vec::new();
    for (i, option) in options.iter().enumerate() {
        let mut entry = Laid::default();
        let text = ctx.blocks.paragraph(
            option,
            &body.text_style(),
            &ctx.opts(w - letter_w - 3.0 * pad, body.line_height),
        );
        let row_h = text.height.max(letter_w) + pad;
        entry.items.push(rect(0.0, y, w, row_h, c.surface));
        let mut lb = rect(
            pad,
            y + (row_h - letter_w) / 2.0,
            letter_w,
            letter_w,
            c.primary,
        );
        if let Item::Rect(r) = &mut lb.item {
            r.radius = ctx.px(4.0);
        }
        entry.items.push(lb);
        let letter = facts::poll_letter(i);
        let l = ctx.blocks.text(
            &letter,
            &TextStyle {
                weight: Weight::Bold,
                colour: c.on_primary,
                ..body.text_style()
            },
            &TextOptions {
                align: Align::Centre,
                ..ctx.opts(letter_w, 1.0)
            },
        );
        let llh = l.height;
        entry.place(l.tagged(Role::Label), pad, y + (row_h - llh) / 2.0);
        let tht = text.height;
        entry.place(
            text.tagged(Role::Paragraph).tagged(Role::ListBody),
            pad + letter_w + pad,
            y + (row_h - tht) / 2.0,
        );
        list.extend(tag(Role::ListItem, entry.items));
        y += row_h + ctx.px(m::POLL_GAP);
    }
    out.items.extend(tag(Role::List, list));
    out.height = y;
    out
}

#[allow(clippy::too_many_arguments)]
fn closing(
    ctx: &Ctx<'_>,
    slide: &Slide,
    blocks: &[Block],
    contact: Option<&[Inline]>,
    question: Option<&[Inline]>,
    body: &BlockStyle,
    w: f32,
    h: f32,
) -> Laid {
    let c = &ctx.theme.colors;
    let small = ctx.px(ctx.theme.sizes.small);
    let mut content = Laid::default();
    let mut y = 0.0;
    if let Some(title) = &slide.title {
        let t = title_block(
            ctx,
            slide,
            title,
            ctx.theme.sizes.section_title,
            c.primary,
            w,
        );
        let th = t.height;
        content.place(t, 0.0, 0.0);
        y = th + 0.4 * ctx.px(ctx.theme.sizes.section_title);
    }
    if !blocks.is_empty() {
        let b = ctx.blocks.blocks(blocks, body, w);
        let bh = b.height;
        content.place(b, 0.0, y);
        y += bh + 0.4 * body.size;
    }
    if let Some(q) = question {
        let bw = w * 0.75;
        let pad = 0.9 * body.size;
        let label = ctx.blocks.text(
            &ctx.strings.feedback.to_uppercase(),
            &TextStyle {
                size: small,
                weight: Weight::Bold,
                colour: c.primary,
                ..body.text_style()
            },
            &ctx.opts(bw, 1.2),
        );
        let qt = ctx.blocks.paragraph(
            q,
            &TextStyle {
                weight: Weight::Bold,
                ..body.text_style()
            },
            &ctx.opts(bw - 2.0 * pad, body.line_height),
        );
        let cell = 1.6 * small;
        let box_h = 0.6 * body.size
            + label.height
            + 0.2 * body.size
            + qt.height
            + 0.4 * body.size
            + cell
            + 0.6 * body.size;
        content.items.push(rect(0.0, y, bw, box_h, c.surface));
        content
            .items
            .push(rect(0.0, y, ctx.px(8.0), box_h, c.primary));
        let mut iy = y + 0.6 * body.size;
        let lh = label.height;
        content.place(label.tagged(Role::Paragraph), pad, iy);
        iy += lh + 0.2 * body.size;
        let qh = qt.height;
        content.place(qt.tagged(Role::Paragraph), pad, iy);
        iy += qh + 0.4 * body.size;
        // The scale's numbers read as one line: "0 1 2 … 10".
        let mut scale = Laid::default();
        for n in 0..=10 {
            let x = pad + n as f32 * (cell + ctx.px(8.0));
            scale.items.push(Positioned {
                pos: Point::new(x, iy),
                item: Item::Rect(crate::layout::page::Rectangle {
                    size: Size::new(cell, cell),
                    fill: None,
                    stroke: Some(crate::layout::page::Stroke {
                        colour: c.primary,
                        width: 1.5,
                    }),
                    radius: 0.0,
                }),
            });
            let d = ctx.blocks.text(
                &n.to_string(),
                &TextStyle {
                    size: small,
                    weight: Weight::Bold,
                    colour: c.primary,
                    ..body.text_style()
                },
                &TextOptions {
                    align: Align::Centre,
                    ..ctx.opts(cell, 1.0)
                },
            );
            let dh = d.height;
            scale.place(d, x, iy + (cell - dh) / 2.0);
        }
        content.items.extend(tag(Role::Paragraph, scale.items));
        y += box_h + 0.8 * body.size;
    }
    let contact = crate::model::closing_contact(contact, question.is_some(), &ctx.deck.meta);
    if let Some(contact) = contact {
        let mut line = vec![Inline::Strong {
            content: vec![Inline::text(format!("{} ", ctx.strings.contact))],
        }];
        line.extend(contact);
        let ts = TextStyle {
            size: small,
            ..body.text_style()
        };
        let laid = ctx
            .blocks
            .paragraph(&line, &ts, &ctx.opts(w, 1.3))
            .tagged(Role::Paragraph);
        // The label in the theme's primary colour, as in the HTML.
        let laid = Laid {
            height: laid.height,
            items: laid
                .items
                .into_iter()
                .map(|mut p| {
                    if let Item::Text(run) = &mut p.item {
                        if run.text.trim() == ctx.strings.contact {
                            run.colour = c.primary;
                        }
                    }
                    p
                })
                .collect(),
        };
        let lh = laid.height;
        content.place(laid, 0.0, y);
        y += lh;
    }
    content.height = y;
    vertically_centred(content, h)
}
