//! What the editable outputs (ODP, PPTX) share: the deck turned into masters, placeholders, text
//! frames, pictures, tables and notes, each placed where the slides PDF places it.
//!
//! Text comes from the model, so that every title and body is real, structured text (list levels,
//! bold, italic, links, code) in a placeholder or a frame; positions come from the page model the
//! PDF is drawn from. The two are joined by reading the page's text runs in order and matching
//! them, letter by letter, against the slide's parts in the order the layout places them: the runs
//! of a part give its frame's box. Runs that belong to no part (an agenda's numbers, a poll's
//! letters, the feedback scale) and the page's boxes and lines are kept as decorations, drawn
//! where the PDF draws them. The master's chrome (top rule, bloc-marque, logo) comes from the first
//! page of each kind, the footer and the slide number become fields of the master.
//!
//! Fragments (`*` items) are all visible, as in the PDF: neither format's animations survive a
//! round trip through the other application reliably, and an editor can add them in a click.
//!
//! Both writers take this model and only serialise it, through [`Xml`] (a typed XML writer over
//! quick-xml's events) and [`Package`] (a zip with fixed dates and order).

use crate::assets::ImageStore;
use crate::color::Rgb;
use crate::context::RenderCtx;
use crate::i18n;
use crate::layout::fonts::{Family, FontBook, FontId, Weight};
use crate::layout::page::{Item, Page, TextRun};
use crate::layout::slides::{PAGE_HEIGHT, PAGE_WIDTH, PT_PER_PX};
use crate::model::{Block, Body, Inline, Layout, Note, Slide};
use crate::theme::{Colors, Theme, LOGO_KEY};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};

/// Everything an editable deck is made from: the render context (deck, theme, fonts, images,
/// scales, creation time) and the slides as the PDF draws them, one page per slide.
pub struct Input<'a> {
    pub ctx: &'a RenderCtx<'a>,
    pub pages: &'a [Page],
}

impl<'a> Input<'a> {
    pub fn of(ctx: &'a RenderCtx<'a>, pages: &'a [Page]) -> Input<'a> {
        Input { ctx, pages }
    }
}

impl<'a> std::ops::Deref for Input<'a> {
    type Target = RenderCtx<'a>;

    fn deref(&self) -> &RenderCtx<'a> {
        self.ctx
    }
}

/// A rectangle in points, from the top-left corner of the slide.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    fn union(self, o: Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect {
            x,
            y,
            w: (self.x + self.w).max(o.x + o.w) - x,
            h: (self.y + self.h).max(o.y + o.h) - y,
        }
    }

    fn bottom(self) -> f32 {
        self.y + self.h
    }
}

/// The three kinds of master: the cover, the section dividers, every other slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Title,
    Section,
    Content,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Title, Kind::Section, Kind::Content];

    fn of(layout: Layout) -> Kind {
        match layout {
            Layout::Title => Kind::Title,
            Layout::Section => Kind::Section,
            _ => Kind::Content,
        }
    }
}

/// The text style a placeholder of a master gives.
#[derive(Debug, Clone, Copy)]
pub struct PlaceholderStyle {
    pub rect: Rect,
    pub size: f32,
    pub colour: Rgb,
    pub bold: bool,
    pub font: Font,
}

/// One master page (ODP) or slide layout (PPTX).
#[derive(Debug, Clone)]
pub struct Master {
    pub kind: Kind,
    pub background: Rgb,
    /// The chrome: top rule, bloc-marque, logo.
    pub shapes: Vec<Shape>,
    pub title: PlaceholderStyle,
    pub body: PlaceholderStyle,
    pub footer: Rect,
    pub number: Rect,
    /// Footer and slide number colour and size.
    pub small_colour: Rgb,
    pub small_size: f32,
}

/// Which font of the theme a text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Font {
    Body,
    Heading,
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bullet {
    None,
    Disc,
    Number(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    Url(String),
    /// A slide of this deck, zero-based.
    Slide(usize),
}

/// A span of text with its own formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<Link>,
    /// A colour other than the paragraph's.
    pub colour: Option<Rgb>,
}

impl Run {
    /// Text with no formatting of its own.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
            strike: false,
            code: false,
            link: None,
            colour: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// One paragraph: a list item at a level, or plain text.
#[derive(Debug, Clone)]
pub struct Para {
    /// 0 for the top level; list items nest below.
    pub level: u8,
    pub bullet: Bullet,
    pub runs: Vec<Run>,
    pub size: f32,
    pub colour: Rgb,
    pub font: Font,
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    /// Points between baselines.
    pub line: f32,
    /// Points after the paragraph.
    pub after: f32,
    /// Left indent of the text in points (the bullet hangs in it).
    pub indent: f32,
}

impl Para {
    /// One line of text in one look, at the top level: a table cell, a footer, a placeholder's
    /// prompt.
    pub fn simple(runs: Vec<Run>, size: f32, colour: Rgb, font: Font, bold: bool) -> Para {
        Para {
            level: 0,
            bullet: Bullet::None,
            runs,
            size,
            colour,
            font,
            bold,
            italic: false,
            align: Align::Left,
            line: size * 1.2,
            after: 0.0,
            indent: 0.0,
        }
    }
}

impl TableFrame {
    /// The paragraph of a cell: bold on the primary colour in the header row.
    pub fn cell(&self, row: usize, col: usize) -> Para {
        let header = row == 0;
        let runs = self
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .cloned()
            .unwrap_or_default();
        let colour = if header {
            self.header_colour
        } else {
            self.text_colour
        };
        Para::simple(runs, self.size, colour, Font::Body, header)
    }
}

/// What a text frame is to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    /// The body placeholder; 1 for the first, 2 for a second column.
    Body(u8),
    /// A text box of its own.
    Free,
}

#[derive(Debug, Clone)]
pub struct TextFrame {
    pub rect: Rect,
    pub role: Role,
    pub paras: Vec<Para>,
    /// A single line that must not wrap (decorations copied from the page).
    pub nowrap: bool,
}

#[derive(Debug, Clone)]
pub struct Picture {
    pub rect: Rect,
    /// Index into [`OfficeDeck::media`].
    pub media: usize,
    pub alt: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TableFrame {
    pub rect: Rect,
    /// Rows of cells of runs, the header first.
    pub rows: Vec<Vec<Vec<Run>>>,
    pub size: f32,
    /// Header text (bold) and the rule under the header row: colour, width in points.
    pub header_colour: Rgb,
    pub header_rule: (Rgb, f32),
    pub text_colour: Rgb,
    /// The rule under every other row.
    pub row_rule: (Rgb, f32),
    /// Space between a cell's text and its edges: across, down.
    pub padding: (f32, f32),
}

#[derive(Debug, Clone)]
pub enum Shape {
    Box {
        rect: Rect,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        /// Corner radius in points.
        radius: f32,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb,
        width: f32,
    },
    Text(TextFrame),
    Picture(Picture),
    Table(TableFrame),
}

impl Shape {
    /// A box of the page model.
    fn of_rect(pos: crate::layout::page::Point, r: &crate::layout::page::Rectangle) -> Shape {
        Shape::Box {
            rect: Rect {
                x: pos.x,
                y: pos.y,
                w: r.size.width,
                h: r.size.height,
            },
            fill: r.fill,
            stroke: r.stroke.map(|s| (s.colour, s.width)),
            radius: r.radius,
        }
    }
}

/// An image file of the package, stored once however often it is shown.
#[derive(Debug, Clone)]
pub struct Media {
    /// File name in the package's media folder (`image1.png`).
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct OfficeSlide {
    pub kind: Kind,
    pub layout: Layout,
    /// Back to front.
    pub shapes: Vec<Shape>,
    /// Speaker notes, then facilitator notes under their label.
    pub notes: Vec<Para>,
    pub footer: Option<String>,
    pub paginate: bool,
}

impl OfficeSlide {
    /// The text of the title placeholder, if the slide has one.
    pub fn title_text(&self) -> Option<String> {
        self.shapes.iter().find_map(|s| match s {
            Shape::Text(f) if matches!(f.role, Role::Title) => Some(
                f.paras
                    .iter()
                    .map(|p| p.runs.iter().map(|r| r.text.as_str()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => None,
        })
    }
}

/// The whole deck, ready for a writer.
pub struct OfficeDeck {
    /// BCP 47 tag of the text: `fr-FR` or `en`.
    pub lang: &'static str,
    pub title: String,
    pub author: String,
    pub subject: String,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub created: String,
    pub width: f32,
    pub height: f32,
    pub fonts: [(Font, String); 3],
    pub colours: Colors,
    pub masters: Vec<Master>,
    pub media: Vec<Media>,
    pub slides: Vec<OfficeSlide>,
    /// Label of the facilitator notes.
    pub facilitator_label: &'static str,
}

impl OfficeDeck {
    pub fn master(&self, kind: Kind) -> Option<&Master> {
        self.masters.iter().find(|m| m.kind == kind)
    }

    pub fn font_name(&self, font: Font) -> &str {
        self.fonts
            .iter()
            .find(|(f, _)| *f == font)
            .map(|(_, n)| n.as_str())
            .unwrap_or("Source Sans 3")
    }
}

/// Where the text of a line sits in its box: the baseline is this many ems below the line's top
/// when the line is as tall as its fixed spacing. Office applications put the ascent of the font
/// at the top of a fixed-height line; the PDF centres the text in its line box.
const BASELINE_EM: f32 = 0.95;

/// How far a list's bullet stands left of its text, in ems: the PDF draws the bullet 0.45 em
/// from the list's edge and the text at 1.3 em.
pub const BULLET_HANG: f32 = 0.85;

/// The editable deck of `input`.
pub fn office_deck(input: &Input<'_>) -> OfficeDeck {
    let (deck, theme, pages) = (input.deck, input.theme, input.pages);
    let strings = i18n::strings(deck.meta.lang);
    let mut media = MediaStore::default();
    let masters: Vec<Master> = Kind::ALL
        .iter()
        .map(|&kind| master(input, kind, &mut media))
        .collect();
    let anchors: BTreeMap<&str, usize> = deck
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.anchor.as_str(), i))
        .collect();
    let mut slides = Vec::with_capacity(deck.slides.len());
    for (i, slide) in deck.slides.iter().enumerate() {
        let scale = input.scales.get(i).copied().unwrap_or(1.0);
        let ctx = SlideCtx {
            input,
            anchors: &anchors,
            scale,
            slides: deck.slides.len(),
        };
        let shapes = match pages.get(i) {
            Some(page) => slide_shapes(&ctx, slide, page, &mut media),
            None => Vec::new(),
        };
        slides.push(OfficeSlide {
            kind: Kind::of(slide.layout),
            layout: slide.layout,
            shapes,
            notes: notes(&ctx, slide, strings.facilitator),
            footer: slide.footer.clone().filter(|f| !f.trim().is_empty()),
            paginate: slide.paginate,
        });
    }
    let lang = match deck.meta.lang {
        crate::model::Lang::Fr => "fr-FR",
        crate::model::Lang::En => "en",
    };
    let family = |f: Family| f.css_name().to_string();
    OfficeDeck {
        lang,
        title: deck.meta.title.clone(),
        author: deck.meta.author.clone().unwrap_or_default(),
        subject: deck
            .meta
            .subtitle
            .clone()
            .unwrap_or_else(|| strings.slides_label.to_string()),
        created: iso_date(input.created),
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        fonts: [
            (Font::Body, family(theme.body_font)),
            (Font::Heading, family(theme.heading_font)),
            (Font::Mono, family(Family::Mono)),
        ],
        colours: theme.colors.clone(),
        masters,
        media: media.files,
        slides,
        facilitator_label: strings.facilitator,
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` of seconds since the Unix epoch.
fn iso_date(secs: i64) -> String {
    let rem = secs.rem_euclid(86_400);
    let crate::facts::Date {
        year: y,
        month: m,
        day: d,
    } = crate::facts::Date::from_unix_day(secs.div_euclid(86_400));
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[derive(Default)]
struct MediaStore {
    files: Vec<Media>,
    by_key: BTreeMap<String, usize>,
}

impl MediaStore {
    /// The media index of the deck's image `key` (a source path, or the logo), added once.
    fn add(&mut self, images: &ImageStore, key: &str) -> Option<usize> {
        if let Some(&i) = self.by_key.get(key) {
            return Some(i);
        }
        let img = images.get(key)?;
        let ext = if img.mime == "image/jpeg" {
            "jpg"
        } else {
            "png"
        };
        let i = self.files.len();
        self.files.push(Media {
            name: format!("image{}.{ext}", i + 1),
            mime: if ext == "jpg" {
                "image/jpeg"
            } else {
                "image/png"
            },
            bytes: img.encoded.clone(),
        });
        self.by_key.insert(key.to_string(), i);
        Some(i)
    }
}

/// The content box of the theme: left, top, width, height, in points.
fn content_box(theme: &Theme) -> Rect {
    let s = &theme.spacing;
    let x = s.padding_x * PT_PER_PX;
    let y = s.padding_top * PT_PER_PX;
    Rect {
        x,
        y,
        w: PAGE_WIDTH - 2.0 * x,
        h: PAGE_HEIGHT - y - s.padding_bottom * PT_PER_PX,
    }
}

/// A text run of the page with its box, read once.
struct PageRun<'p> {
    run: &'p TextRun,
    rect: Rect,
    baseline: f32,
    /// Letters and digits of the run, the only characters matched against the model (hyphens
    /// added by line breaking, spaces and typographic punctuation vary between the two).
    key: Vec<char>,
}

fn key_of(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn page_run<'p>(fonts: &FontBook, run: &'p TextRun, x: f32, y: f32) -> PageRun<'p> {
    let (ascent, descent) = fonts
        .metrics(run.font)
        .map(|m| (m.ascent(run.size), m.descent(run.size)))
        .unwrap_or((0.9 * run.size, 0.25 * run.size));
    let right = run
        .glyphs
        .last()
        .map(|g| {
            let adv = fonts.advance(run.font, g.id).unwrap_or(500);
            let upem = fonts
                .metrics(run.font)
                .map(|m| f32::from(m.units_per_em.max(1)))
                .unwrap_or(1000.0);
            g.x + f32::from(adv) * run.size / upem
        })
        .unwrap_or(0.0);
    let left = run.glyphs.first().map(|g| g.x).unwrap_or(0.0);
    PageRun {
        run,
        rect: Rect {
            x: x + left,
            y: y - ascent,
            w: (right - left).max(1.0),
            h: ascent + descent,
        },
        baseline: y,
        key: key_of(&run.text),
    }
}

/// The theme font, weight and slant of a face of the book.
fn font_of(fonts: &FontBook, theme: &Theme, id: FontId) -> (Font, bool, bool) {
    let (bold, italic) = fonts
        .metrics(id)
        .map(|m| (m.weight_class >= 600, m.italic_angle.abs() > 0.1))
        .unwrap_or((false, false));
    let weight = if bold { Weight::Bold } else { Weight::Regular };
    let font = if fonts.select(Family::Mono, weight, italic) == id {
        Font::Mono
    } else if fonts.select(theme.heading_font, weight, italic) == id
        && theme.heading_font != theme.body_font
    {
        Font::Heading
    } else {
        Font::Body
    };
    (font, bold, italic)
}

/// The master of `kind`: the chrome of the first page of that kind, the placeholders where its
/// layout puts the title and the body.
fn master(input: &Input<'_>, kind: Kind, media: &mut MediaStore) -> Master {
    let theme = input.theme;
    let c = &theme.colors;
    let px = |v: f32| v * PT_PER_PX;
    let cb = content_box(theme);
    let dark = kind == Kind::Section;
    let background = if dark {
        theme.resolve(theme.section.background)
    } else {
        c.background
    };
    let small_colour = if dark {
        theme.resolve(theme.section.text)
    } else {
        c.muted
    };
    let page = input
        .deck
        .slides
        .iter()
        .position(|s| Kind::of(s.layout) == kind)
        .and_then(|i| input.pages.get(i));
    let mut shapes = Vec::new();
    if let Some(page) = page {
        shapes = chrome(input, page, media);
    } else if theme.chrome.rule_height > 0.0 {
        shapes.push(Shape::Box {
            rect: Rect {
                x: 0.0,
                y: 0.0,
                w: PAGE_WIDTH,
                h: px(theme.chrome.rule_height),
            },
            fill: Some(if dark {
                theme.resolve(theme.section.rule)
            } else {
                c.primary
            }),
            stroke: None,
            radius: 0.0,
        });
    }
    let (title_size, title_colour) = match kind {
        Kind::Title => (px(theme.sizes.cover_title), c.primary),
        Kind::Section => (
            px(theme.sizes.section_title),
            theme.resolve(theme.section.text),
        ),
        Kind::Content => (px(theme.sizes.title), c.primary),
    };
    let title_h = title_size * 1.15 * 2.0;
    let title_rect = Rect {
        x: cb.x,
        y: cb.y,
        w: cb.w,
        h: title_h,
    };
    let body_y = cb.y + title_h / 2.0 + 0.7 * title_size;
    let body_rect = Rect {
        x: cb.x,
        y: body_y,
        w: cb.w,
        h: (cb.bottom() - body_y).max(px(40.0)),
    };
    let body_colour = if dark {
        theme.resolve(theme.section.text)
    } else {
        c.text
    };
    let small_size = px(theme.sizes.small);
    let foot_h = small_size * 1.4;
    Master {
        kind,
        background,
        shapes,
        title: PlaceholderStyle {
            rect: title_rect,
            size: title_size,
            colour: title_colour,
            bold: true,
            font: Font::Heading,
        },
        body: PlaceholderStyle {
            rect: body_rect,
            size: px(theme.sizes.body),
            colour: body_colour,
            bold: false,
            font: Font::Body,
        },
        footer: Rect {
            x: cb.x,
            y: PAGE_HEIGHT - px(18.0) - foot_h,
            w: cb.w - px(120.0),
            h: foot_h,
        },
        number: Rect {
            x: PAGE_WIDTH - px(28.0) - px(200.0),
            y: PAGE_HEIGHT - px(18.0) - foot_h,
            w: px(200.0),
            h: foot_h,
        },
        small_colour,
        small_size,
    }
}

/// Whether a page item is the master's: the top rule, the bloc-marque's lines, the logo.
fn is_chrome(theme: &Theme, cb: Rect, item: &crate::layout::page::Positioned) -> bool {
    match &item.item {
        Item::Rect(r) => item.pos.y <= 0.01 && r.size.width >= PAGE_WIDTH - 0.5,
        Item::Image(_) => item.pos.y + 1.0 < cb.y || item.pos.y > cb.bottom(),
        Item::Text(run) => {
            let marque = crate::layout::marque::texts(theme);
            item.pos.y < cb.y
                && marque
                    .iter()
                    .any(|m| key_of(m).starts_with(&key_of(&run.text)) && !run.text.is_empty())
        }
        _ => false,
    }
}

/// The chrome of a page as master shapes.
fn chrome(input: &Input<'_>, page: &Page, media: &mut MediaStore) -> Vec<Shape> {
    let cb = content_box(input.theme);
    let mut out = Vec::new();
    for (i, item) in page.items.iter().enumerate() {
        // The first item is the page's background: the master's fill.
        if i == 0 || !is_chrome(input.theme, cb, item) {
            continue;
        }
        match &item.item {
            Item::Rect(r) => out.push(Shape::of_rect(item.pos, r)),
            Item::Image(img) => {
                if let Some(m) = media.add(input.images, LOGO_KEY) {
                    let alt = input
                        .theme
                        .brand
                        .as_ref()
                        .and_then(|b| b.logo.as_ref())
                        .map(|l| l.alt.clone())
                        .unwrap_or_default();
                    out.push(Shape::Picture(Picture {
                        rect: Rect {
                            x: item.pos.x,
                            y: item.pos.y,
                            w: img.size.width,
                            h: img.size.height,
                        },
                        media: m,
                        alt,
                        title: None,
                    }));
                }
            }
            Item::Text(run) => out.push(Shape::Text(decoration(
                input,
                &page_run(input.fonts, run, item.pos.x, item.pos.y),
            ))),
            _ => {}
        }
    }
    out
}

/// A run of the page as a one-line text box at its place.
fn decoration(input: &Input<'_>, r: &PageRun<'_>) -> TextFrame {
    let (font, bold, italic) = font_of(input.fonts, input.theme, r.run.font);
    let size = r.run.size;
    let line = size * 1.2;
    let top = r.baseline - BASELINE_EM * line;
    TextFrame {
        // Wider than the run: the application's font may be a little wider than ours.
        rect: Rect {
            x: r.rect.x,
            y: top,
            w: r.rect.w * 1.1 + 2.0,
            h: line,
        },
        role: Role::Free,
        paras: vec![Para {
            level: 0,
            bullet: Bullet::None,
            runs: vec![Run::plain(r.run.text.trim_end())],
            size,
            colour: r.run.colour,
            font,
            bold,
            italic,
            align: Align::Left,
            line,
            after: 0.0,
            indent: 0.0,
        }],
        nowrap: true,
    }
}

struct SlideCtx<'a> {
    input: &'a Input<'a>,
    anchors: &'a BTreeMap<&'a str, usize>,
    scale: f32,
    slides: usize,
}

/// The text style paragraphs of a part start from.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    colour: Rgb,
    font: Font,
    bold: bool,
    italic: bool,
    line: f32,
}

impl SlideCtx<'_> {
    fn theme(&self) -> &Theme {
        self.input.theme
    }

    fn body(&self) -> Style {
        let t = self.theme();
        let size = t.sizes.body * PT_PER_PX * self.scale;
        Style {
            size,
            colour: t.colors.text,
            font: Font::Body,
            bold: false,
            italic: false,
            line: size * t.sizes.line_height,
        }
    }

    fn runs(&self, inlines: &[Inline]) -> Vec<Run> {
        let mut out = Vec::new();
        self.collect(inlines, &Run::plain(""), &mut out);
        out
    }

    fn collect(&self, inlines: &[Inline], base: &Run, out: &mut Vec<Run>) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push(Run {
                    text: text.clone(),
                    ..base.clone()
                }),
                Inline::Code { text } => out.push(Run {
                    text: text.clone(),
                    code: true,
                    ..base.clone()
                }),
                Inline::Strong { content } => self.collect(
                    content,
                    &Run {
                        bold: true,
                        ..base.clone()
                    },
                    out,
                ),
                Inline::Emph { content } => self.collect(
                    content,
                    &Run {
                        italic: true,
                        ..base.clone()
                    },
                    out,
                ),
                Inline::Strike { content } => self.collect(
                    content,
                    &Run {
                        strike: true,
                        ..base.clone()
                    },
                    out,
                ),
                Inline::Link { url, content } => {
                    let link = self.link(url);
                    self.collect(
                        content,
                        &Run {
                            link,
                            ..base.clone()
                        },
                        out,
                    )
                }
                Inline::Break => out.push(Run {
                    text: " ".into(),
                    ..base.clone()
                }),
                // Raw HTML has no meaning on a slide of an office application.
                Inline::Html { .. } => {}
            }
        }
    }

    /// A link's target: another slide for `#anchor` and `#/N`, an address otherwise; none for an
    /// address that could run code or an anchor no slide has.
    fn link(&self, url: &str) -> Option<Link> {
        if let Some(rest) = url.strip_prefix("#/") {
            let n: usize = rest.split('/').next()?.parse().ok()?;
            return Some(Link::Slide(
                n.saturating_sub(1).min(self.slides.saturating_sub(1)),
            ));
        }
        if let Some(anchor) = url.strip_prefix('#') {
            return self.anchors.get(anchor).map(|&i| Link::Slide(i));
        }
        if crate::deck::is_dangerous_url(url) {
            return None;
        }
        Some(Link::Url(url.to_string()))
    }

    fn para(&self, runs: Vec<Run>, s: &Style, after: f32) -> Para {
        Para {
            level: 0,
            bullet: Bullet::None,
            runs,
            size: s.size,
            colour: s.colour,
            font: s.font,
            bold: s.bold,
            italic: s.italic,
            align: Align::Left,
            line: s.line,
            after,
            indent: 0.0,
        }
    }

    /// Paragraphs of text blocks, as `layout::blocks` stacks them (sizes and spacing in ems).
    fn blocks(&self, blocks: &[Block], s: &Style, level: u8, out: &mut Vec<Para>) {
        self.blocks_at(blocks, s, level, 0.0, out)
    }

    /// [`SlideCtx::blocks`] inside a list item whose text starts `base` points in.
    fn blocks_at(&self, blocks: &[Block], s: &Style, level: u8, base: f32, out: &mut Vec<Para>) {
        let em = s.size;
        for block in blocks {
            match block {
                Block::Paragraph { content } => {
                    let mut p = self.para(self.runs(content), s, 0.55 * em);
                    p.level = level;
                    p.indent = base;
                    out.push(p);
                }
                Block::Heading { content, .. } => {
                    let h = Style {
                        size: em * 1.1,
                        font: Font::Heading,
                        bold: true,
                        line: em * 1.1 * 1.2,
                        ..*s
                    };
                    out.push(self.para(self.runs(content), &h, 0.3 * em));
                }
                Block::List(list) => {
                    // An item's text starts 1.3 em in from its list's edge, as on the page.
                    let text = base + 1.3 * em;
                    for (i, item) in list.items.iter().enumerate() {
                        let bullet = match list.start {
                            Some(start) => Bullet::Number(start + i as u64),
                            None => Bullet::Disc,
                        };
                        let first = out.len();
                        for b in &item.blocks {
                            match b {
                                Block::List(_) => {
                                    let sub = Style {
                                        size: em * 0.86,
                                        line: s.line * 0.86,
                                        ..*s
                                    };
                                    let one = std::slice::from_ref(b);
                                    self.blocks_at(one, &sub, level + 1, text, out)
                                }
                                other => {
                                    let one = std::slice::from_ref(other);
                                    self.blocks_at(one, s, level, text, out)
                                }
                            }
                        }
                        if let Some(p) = out.get_mut(first) {
                            p.bullet = bullet;
                            p.level = level;
                        }
                        for p in out.iter_mut().skip(first) {
                            if p.level == level {
                                p.indent = text;
                                p.after = 0.35 * em;
                            }
                        }
                    }
                    if let Some(p) = out.last_mut() {
                        p.after = p.after.max(0.5 * em);
                    }
                }
                Block::Quote { blocks } => {
                    let q = Style { italic: true, ..*s };
                    let first = out.len();
                    self.blocks_at(blocks, &q, level, base, out);
                    for p in out.iter_mut().skip(first) {
                        p.indent += 0.9 * em + 4.5;
                    }
                }
                Block::Code { text, .. } => {
                    let c = Style {
                        size: em * 0.7,
                        font: Font::Mono,
                        line: em * 0.7 * 1.3,
                        ..*s
                    };
                    let lines: Vec<&str> = text.trim_end_matches('\n').lines().collect();
                    let n = lines.len();
                    for (i, line) in lines.into_iter().enumerate() {
                        let mut p = self.para(
                            vec![Run {
                                code: true,
                                ..Run::plain(line)
                            }],
                            &c,
                            if i + 1 == n { 0.6 * em } else { 0.0 },
                        );
                        p.indent = 4.5 + 0.8 * c.size;
                        out.push(p);
                    }
                }
                // Tables and images are shapes of their own; raw HTML and rules have no text. A
                // diagram's placeholder is drawn as the page draws it (its box and its words).
                Block::Table { .. }
                | Block::Image(_)
                | Block::Diagram(_)
                | Block::Html { .. }
                | Block::Rule => {}
            }
        }
        if let Some(p) = out.last_mut() {
            if level == 0 {
                p.after = 0.0;
            }
        }
    }
}

/// A part of a slide, in the order the layout places it.
enum Part {
    Text {
        role: Role,
        paras: Vec<Para>,
        /// The box the part's text may take, when the layout gives it one (a column).
        column: Option<Rect>,
    },
    /// The rows (header first), and the column the table stands in.
    Table(Vec<Vec<Vec<Inline>>>, Option<Rect>),
    Image(crate::model::Image),
}

impl Part {
    fn key(&self) -> Vec<char> {
        match self {
            Part::Text { paras, .. } => paras
                .iter()
                .flat_map(|p| p.runs.iter())
                .flat_map(|r| key_of(&r.text))
                .collect(),
            Part::Table(rows, _) => rows
                .iter()
                .flatten()
                .flat_map(|cell| key_of(&crate::model::plain_text(cell)))
                .collect(),
            Part::Image(_) => Vec::new(),
        }
    }
}

/// The slide's parts, in the order `layout::slides` places them.
fn parts(ctx: &SlideCtx<'_>, slide: &Slide) -> Vec<Part> {
    let t = ctx.theme();
    let c = &t.colors;
    let cb = content_box(t);
    let body = ctx.body();
    let px = |v: f32| v * PT_PER_PX;
    let mut out = Vec::new();
    let mut title_inlines = slide.title.clone();
    if slide.continuation > 0 {
        if let Some(title) = &mut title_inlines {
            title.push(Inline::text(format!(
                " {}",
                i18n::strings(ctx.input.deck.meta.lang).continued
            )));
        }
    }
    let heading = |size: f32, colour: Rgb| Style {
        size,
        colour,
        font: Font::Heading,
        bold: true,
        italic: false,
        line: size * 1.15,
    };
    let title_part = |inlines: &[Inline], s: Style| Part::Text {
        role: Role::Title,
        paras: vec![ctx.para(ctx.runs(inlines), &s, 0.0)],
        column: None,
    };
    let text = |role: Role, blocks: &[Block], s: &Style, column: Option<Rect>| {
        let mut paras = Vec::new();
        ctx.blocks(blocks, s, 0, &mut paras);
        Part::Text {
            role,
            paras,
            column,
        }
    };
    // Text blocks in one frame; tables and images, where they stand, as shapes of their own.
    let flow = |out: &mut Vec<Part>, role: Role, blocks: &[Block], s: &Style, column: Rect| {
        let mut run: Vec<Block> = Vec::new();
        let mut role = role;
        let flush = |out: &mut Vec<Part>, run: &mut Vec<Block>, role: &mut Role| {
            if !run.is_empty() {
                out.push(text(*role, run, s, Some(column)));
                run.clear();
                *role = Role::Free;
            }
        };
        for b in blocks {
            match b {
                Block::Table { header, rows, .. } => {
                    flush(out, &mut run, &mut role);
                    let mut all = vec![header.clone()];
                    all.extend(rows.iter().cloned());
                    out.push(Part::Table(all, Some(column)));
                }
                Block::Image(img) => {
                    flush(out, &mut run, &mut role);
                    out.push(Part::Image(img.clone()));
                }
                other => run.push(other.clone()),
            }
        }
        flush(out, &mut run, &mut role);
    };
    let gap = px(t.spacing.column_gap);
    let cw = (cb.w - gap) / 2.0;
    let left = Rect { w: cw, ..cb };
    let right = Rect {
        x: cb.x + cw + gap,
        w: cw,
        ..cb
    };
    let title_size = px(t.sizes.title) * ctx.scale;
    let titled = |out: &mut Vec<Part>| {
        if let Some(title) = &title_inlines {
            out.push(title_part(title, heading(title_size, c.primary)));
        }
    };
    match &slide.body {
        Body::Blocks { blocks } => match slide.layout {
            Layout::Title => {
                let meta = &ctx.input.deck.meta;
                let title = title_inlines
                    .clone()
                    .unwrap_or_else(|| vec![Inline::text(meta.title.clone())]);
                out.push(title_part(
                    &title,
                    heading(px(t.sizes.cover_title), c.primary),
                ));
                let mut paras = Vec::new();
                if let Some(sub) = &meta.subtitle {
                    let s = Style {
                        size: body.size * 1.2,
                        line: body.size * 1.2 * t.sizes.line_height,
                        ..body
                    };
                    paras.push(ctx.para(vec![Run::plain(sub.clone())], &s, body.size));
                }
                ctx.blocks(blocks, &body, 0, &mut paras);
                if let Some(p) = paras.last_mut() {
                    p.after = 0.6 * body.size;
                }
                if let Some(author) = &meta.author {
                    let s = Style {
                        size: px(t.sizes.small),
                        bold: true,
                        line: px(t.sizes.small) * 1.3,
                        ..body
                    };
                    paras.push(ctx.para(vec![Run::plain(author.clone())], &s, 0.0));
                }
                if !paras.is_empty() {
                    out.push(Part::Text {
                        role: Role::Subtitle,
                        paras,
                        column: None,
                    });
                }
            }
            Layout::Section => {
                let fg = t.resolve(t.section.text);
                if let Some(title) = &title_inlines {
                    out.push(title_part(title, heading(px(t.sizes.section_title), fg)));
                }
                if !blocks.is_empty() {
                    let lead = Style {
                        size: body.size * 0.9,
                        colour: fg,
                        line: body.line * 0.9,
                        ..body
                    };
                    out.push(text(Role::Body(1), blocks, &lead, None));
                }
            }
            Layout::Closing => {
                if let Some(title) = &title_inlines {
                    out.push(title_part(
                        title,
                        heading(px(t.sizes.section_title), c.primary),
                    ));
                }
                flow(&mut out, Role::Body(1), blocks, &body, cb);
            }
            Layout::Objectives => {
                titled(&mut out);
                let first = out.len();
                flow(&mut out, Role::Body(1), blocks, &body, cb);
                // The numbers are drawn in discs (decorations); the text stands right of them.
                for part in out.iter_mut().skip(first) {
                    if let Part::Text { paras, .. } = part {
                        for p in paras.iter_mut() {
                            if matches!(p.bullet, Bullet::Number(_)) {
                                p.bullet = Bullet::None;
                                p.indent = 2.2 * p.size;
                                p.after = 0.6 * p.size;
                            }
                        }
                    }
                }
            }
            _ => {
                titled(&mut out);
                flow(&mut out, Role::Body(1), blocks, &body, cb);
            }
        },
        Body::TwoColumn { left: l, right: r } => {
            titled(&mut out);
            flow(&mut out, Role::Body(1), l, &body, left);
            flow(&mut out, Role::Body(2), r, &body, right);
        }
        Body::Comparison {
            left_title,
            left: l,
            right_title,
            right: r,
            left_tone,
            right_tone,
        } => {
            titled(&mut out);
            for (tone, head, blocks, col) in [
                (left_tone, left_title, l, left),
                (right_tone, right_title, r, right),
            ] {
                let mut h: Vec<Inline> = tone
                    .icon()
                    .map(|i| Inline::text(format!("{i} ")))
                    .into_iter()
                    .collect();
                h.extend(head.iter().cloned());
                let hs = Style {
                    font: Font::Heading,
                    bold: true,
                    line: body.size * 1.2,
                    ..body
                };
                let mut paras = vec![ctx.para(ctx.runs(&h), &hs, 0.5 * body.size)];
                ctx.blocks(blocks, &body, 0, &mut paras);
                out.push(Part::Text {
                    role: Role::Free,
                    paras,
                    column: Some(col),
                });
            }
        }
        Body::Testimony {
            quote,
            name,
            role,
            photo,
        } => {
            titled(&mut out);
            let qs = Style {
                size: body.size * 1.15,
                italic: true,
                font: Font::Heading,
                line: body.size * 1.15 * t.sizes.line_height,
                ..body
            };
            out.push(text(Role::Free, quote, &qs, None));
            let mut paras = Vec::new();
            if let Some(name) = name {
                let s = Style {
                    bold: true,
                    colour: c.primary,
                    line: body.size * 1.3,
                    ..body
                };
                paras.push(ctx.para(ctx.runs(name), &s, 0.0));
            }
            if let Some(role) = role {
                let size = px(t.sizes.small);
                let s = Style {
                    size,
                    colour: c.muted,
                    line: size * 1.3,
                    ..body
                };
                paras.push(ctx.para(ctx.runs(role), &s, 0.0));
            }
            if !paras.is_empty() {
                out.push(Part::Text {
                    role: Role::Free,
                    paras,
                    column: None,
                });
            }
            if let Some(photo) = photo {
                out.push(Part::Image(photo.clone()));
            }
        }
        Body::KeyFigure { figure, caption } => {
            titled(&mut out);
            let fs = px(t.sizes.figure) * ctx.scale;
            out.push(Part::Text {
                role: Role::Free,
                paras: vec![ctx.para(
                    vec![Run::plain(figure.clone())],
                    &Style {
                        line: fs,
                        ..heading(fs, c.primary)
                    },
                    0.0,
                )],
                column: None,
            });
            let cs = Style {
                size: body.size * 1.1,
                line: body.line * 1.1,
                ..body
            };
            out.push(text(Role::Free, caption, &cs, None));
        }
        Body::Poll { question, options } => {
            let q = question.as_ref().or(title_inlines.as_ref());
            if let Some(q) = q {
                out.push(title_part(q, heading(title_size, c.primary)));
            }
            for option in options {
                out.push(Part::Text {
                    role: Role::Free,
                    paras: vec![ctx.para(ctx.runs(option), &body, 0.0)],
                    column: None,
                });
            }
        }
        Body::Definition { term, definition } => {
            // As the slides draw it: the label, the term as the title, the definition.
            let label = crate::model::definition_label(title_inlines.as_deref(), term)
                .unwrap_or_else(|| {
                    i18n::strings(ctx.input.deck.meta.lang)
                        .definition
                        .to_string()
                });
            let size = px(t.sizes.small);
            let ls = Style {
                size,
                bold: true,
                colour: c.accent,
                line: size * 1.3,
                ..body
            };
            out.push(Part::Text {
                role: Role::Free,
                paras: vec![ctx.para(vec![Run::plain(label.to_uppercase())], &ls, 0.0)],
                column: None,
            });
            out.push(title_part(
                term,
                heading(px(t.sizes.section_title) * ctx.scale, c.primary),
            ));
            let ds = Style {
                size: body.size * 1.1,
                line: body.line * 1.1,
                ..body
            };
            out.push(text(Role::Free, definition, &ds, None));
        }
        Body::Closing {
            blocks,
            contact,
            question,
        } => {
            if let Some(title) = &title_inlines {
                out.push(title_part(
                    title,
                    heading(px(t.sizes.section_title), c.primary),
                ));
            }
            if !blocks.is_empty() {
                flow(&mut out, Role::Body(1), blocks, &body, cb);
            }
            if let Some(q) = question {
                let s = Style { bold: true, ..body };
                out.push(Part::Text {
                    role: Role::Free,
                    paras: vec![ctx.para(ctx.runs(q), &s, 0.0)],
                    column: None,
                });
            }
            let contact = crate::model::closing_contact(
                contact.as_deref(),
                question.is_some(),
                &ctx.input.deck.meta,
            );
            if let Some(contact) = contact {
                let label = i18n::strings(ctx.input.deck.meta.lang).contact;
                let size = px(t.sizes.small);
                let s = Style {
                    size,
                    line: size * 1.3,
                    ..body
                };
                let mut runs = vec![Run {
                    bold: true,
                    colour: Some(c.primary),
                    ..Run::plain(format!("{label} "))
                }];
                runs.extend(ctx.runs(&contact));
                out.push(Part::Text {
                    role: Role::Free,
                    paras: vec![ctx.para(runs, &s, 0.0)],
                    column: None,
                });
            }
        }
        Body::Agenda { intro, entries } => {
            titled(&mut out);
            if !intro.is_empty() {
                out.push(text(Role::Free, intro, &body, None));
            }
            for e in entries {
                let mut runs = ctx.runs(&e.text);
                if let Some(target) = &e.target {
                    let link = ctx.link(&format!("#{target}"));
                    for r in &mut runs {
                        r.link = link.clone();
                    }
                }
                out.push(Part::Text {
                    role: Role::Free,
                    paras: vec![ctx.para(runs, &body, 0.0)],
                    column: None,
                });
            }
        }
    }
    out
}

/// The slide's shapes: the page's decorations back to front, then its parts as placeholders,
/// frames, pictures and tables, each at the place of its text on the page.
fn slide_shapes(
    ctx: &SlideCtx<'_>,
    slide: &Slide,
    page: &Page,
    media: &mut MediaStore,
) -> Vec<Shape> {
    let input = ctx.input;
    let theme = input.theme;
    let cb = content_box(theme);
    let body_size = ctx.body().size;
    let parts = parts(ctx, slide);
    let keys: Vec<Vec<char>> = parts.iter().map(Part::key).collect();
    let mut boxes: Vec<Option<Rect>> = vec![None; parts.len()];
    let mut first_baseline: Vec<Option<f32>> = vec![None; parts.len()];
    let mut decorations = Vec::new();
    let mut images = Vec::new();
    // (part, letters of it matched so far)
    let mut at = (0usize, 0usize);
    for (i, item) in page.items.iter().enumerate() {
        if i == 0 || is_chrome(theme, cb, item) {
            continue;
        }
        match &item.item {
            Item::Text(run) => {
                // The footer and the slide number are the master's fields.
                if item.pos.y > cb.bottom() {
                    continue;
                }
                let r = page_run(input.fonts, run, item.pos.x, item.pos.y);
                if r.key.is_empty() {
                    // Punctuation alone: a big quotation mark is drawn, the rest is in the text.
                    if run.size > 1.6 * body_size {
                        decorations.push(Shape::Text(decoration(input, &r)));
                    }
                    continue;
                }
                // A list's numbers are the application's own.
                let t = run.text.trim();
                if t.len() > 1
                    && (t.ends_with('.') || t.ends_with(')'))
                    && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit())
                {
                    continue;
                }
                // Text on a coloured box (an agenda's numbers, a poll's letters) is drawn.
                let on_box = run.colour == theme.colors.on_primary
                    && run.colour != theme.colors.text
                    && slide.layout != Layout::Section;
                match (!on_box).then(|| matches(&keys, at, &r.key)).flatten() {
                    Some((part, end)) => {
                        boxes[part] = Some(match boxes[part] {
                            Some(b) => b.union(r.rect),
                            None => r.rect,
                        });
                        first_baseline[part].get_or_insert(r.baseline);
                        at = if end >= keys[part].len() {
                            (part + 1, 0)
                        } else {
                            (part, end)
                        };
                    }
                    None => decorations.push(Shape::Text(decoration(input, &r))),
                }
            }
            Item::Rect(r) => {
                // The list's bullets are the application's own.
                if r.radius > 0.0 && r.size.width < 0.4 * body_size {
                    continue;
                }
                decorations.push(Shape::of_rect(item.pos, r));
            }
            Item::Line(l) => decorations.push(Shape::Line {
                from: (item.pos.x, item.pos.y),
                to: (item.pos.x + l.end.x, item.pos.y + l.end.y),
                colour: l.stroke.colour,
                width: l.stroke.width,
            }),
            Item::Image(img) => images.push(Rect {
                x: item.pos.x,
                y: item.pos.y,
                w: img.size.width,
                h: img.size.height,
            }),
            // Slides hold no groups (handouts' thumbnails do).
            Item::Link(_) | Item::Open(_) | Item::Close | Item::Group(_) => {}
        }
    }
    let mut shapes = decorations;
    let mut images = images.into_iter();
    for (p, part) in parts.into_iter().enumerate() {
        let found = boxes[p];
        match part {
            Part::Text {
                role,
                paras,
                column,
            } => {
                let Some(first) = paras.first() else { continue };
                let bbox = found.unwrap_or(Rect {
                    y: cb.y,
                    h: first.line,
                    ..cb
                });
                // The frame's top is where its first line's box starts, so that the first
                // baseline falls where the PDF has it.
                let baseline = first_baseline[p].unwrap_or(bbox.y + first.size);
                let top = baseline - BASELINE_EM * first.line;
                let rect = match role {
                    // Titles and bodies take their column's width, to room for edits.
                    Role::Title | Role::Subtitle | Role::Body(_) => {
                        let col = column.unwrap_or(Rect {
                            x: bbox.x.min(cb.x + cb.w / 2.0),
                            w: cb.x + cb.w - bbox.x.min(cb.x + cb.w / 2.0),
                            ..cb
                        });
                        let bottom = if matches!(role, Role::Body(_)) {
                            cb.bottom().max(bbox.bottom())
                        } else {
                            bbox.bottom() + 0.3 * first.size
                        };
                        Rect {
                            x: col.x,
                            y: top,
                            w: col.w,
                            h: (bottom - top).max(first.line),
                        }
                    }
                    Role::Free => {
                        let x = column.map_or(bbox.x, |c| bbox.x.min(c.x + 0.9 * body_size));
                        let indent = paras
                            .iter()
                            .map(|p| p.indent)
                            .fold(0.0f32, f32::max)
                            .min(bbox.x - x);
                        Rect {
                            x: x - indent.max(0.0),
                            y: top,
                            w: column
                                .map_or(bbox.w * 1.06 + 4.0, |c| c.x + c.w - x - 0.9 * body_size)
                                .max(bbox.w),
                            h: (bbox.bottom() - top + 0.3 * first.size).max(first.line),
                        }
                    }
                };
                shapes.push(Shape::Text(TextFrame {
                    rect,
                    role,
                    paras,
                    nowrap: false,
                }));
            }
            Part::Table(rows, column) => {
                let c = &theme.colors;
                let rect = found.unwrap_or(Rect {
                    h: cb.h / 2.0,
                    ..cb
                });
                // As `layout::blocks` draws a table: 0.8 em text, the header in the primary
                // colour over a 2 pt rule, a thin muted rule under each row.
                let size = body_size * 0.8;
                let (pad_x, pad_y) = (0.7 * size, 0.3 * size);
                let table = Rect {
                    x: column.map_or(cb.x, |c| c.x),
                    y: rect.y - pad_y,
                    w: column.map_or(cb.w, |c| c.w),
                    h: rect.h + 2.0 * pad_y,
                };
                // The page's rules of the table are the table's own borders now.
                shapes.retain(|s| match s {
                    Shape::Line { from, to, .. } => {
                        let across = (from.1 - to.1).abs() < 0.01;
                        let inside = from.1 >= table.y - 2.0
                            && from.1 <= table.bottom() + pad_y + 2.0
                            && from.0 >= table.x - 1.0
                            && to.0 <= table.x + table.w + 1.0;
                        !(across && inside)
                    }
                    _ => true,
                });
                shapes.push(Shape::Table(TableFrame {
                    rect: table,
                    rows: rows
                        .iter()
                        .map(|r| r.iter().map(|c| ctx.runs(c)).collect())
                        .collect(),
                    size,
                    header_colour: c.primary,
                    header_rule: (c.primary, 2.0),
                    text_colour: c.text,
                    row_rule: (c.muted, 0.6),
                    padding: (pad_x, pad_y),
                }));
            }
            Part::Image(img) => {
                let Some(rect) = images.next() else { continue };
                let Some(m) = media.add(input.images, &img.src) else {
                    continue;
                };
                shapes.push(Shape::Picture(Picture {
                    rect,
                    media: m,
                    alt: if img.decorative {
                        String::new()
                    } else {
                        img.alt.clone()
                    },
                    title: img.title.clone(),
                }));
            }
        }
    }
    shapes
}

/// The part a run belongs to, and how far into that part's letters it ends: the current part
/// when the run continues it, else a later part it starts (a part the page does not show is
/// skipped).
fn matches(keys: &[Vec<char>], at: (usize, usize), run: &[char]) -> Option<(usize, usize)> {
    let (part, pos) = at;
    let continues =
        |k: &Vec<char>, pos: usize| k.get(pos..).is_some_and(|rest| rest.starts_with(run));
    if keys.get(part).is_some_and(|k| continues(k, pos)) {
        return Some((part, pos + run.len()));
    }
    // A run that starts a later part (after a part the page did not show, or when the current
    // part's end was not matched, such as a table's cells split differently).
    (part + 1..keys.len().min(part + 4))
        .find(|&p| continues(&keys[p], 0))
        .map(|p| (p, run.len()))
}

/// Speaker notes, then the facilitator notes under their label.
fn notes(ctx: &SlideCtx<'_>, slide: &Slide, label: &str) -> Vec<Para> {
    let c = &ctx.theme().colors;
    let s = Style {
        size: 12.0,
        colour: c.text,
        font: Font::Body,
        bold: false,
        italic: false,
        line: 15.0,
    };
    let code = Style {
        size: 10.0,
        font: Font::Mono,
        line: 12.5,
        ..s
    };
    let mut out: Vec<Para> = Vec::new();
    for note in &slide.notes {
        match note {
            Note::Text(text) => out.extend(
                text.split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|line| ctx.para(vec![Run::plain(line)], &s, 6.0)),
            ),
            // A diagram's source, line for line, its indentation kept.
            Note::Code { code: text, .. } => {
                let lines: Vec<&str> = text.trim_end().lines().map(str::trim_end).collect();
                let n = lines.len();
                out.extend(lines.into_iter().enumerate().map(|(i, line)| {
                    let run = Run {
                        code: true,
                        ..Run::plain(line)
                    };
                    ctx.para(vec![run], &code, if i + 1 == n { 6.0 } else { 0.0 })
                }));
            }
        }
    }
    if !slide.facilitator.is_empty() {
        let b = Style { bold: true, ..s };
        out.push(ctx.para(vec![Run::plain(label)], &b, 3.0));
        for item in &slide.facilitator {
            // Notes pages keep the text of links only: their targets are slides' business.
            let runs = ctx
                .runs(item)
                .into_iter()
                .map(|r| Run { link: None, ..r })
                .collect();
            let mut p = ctx.para(runs, &s, 3.0);
            p.bullet = Bullet::Disc;
            p.indent = 14.0;
            out.push(p);
        }
    }
    out
}

/// A typed XML writer: elements are opened and closed by name, text and attribute values are
/// escaped by quick-xml. Nothing is written by string concatenation.
pub struct Xml {
    writer: quick_xml::Writer<Vec<u8>>,
    open: Vec<String>,
    error: Option<std::io::Error>,
}

impl Xml {
    /// A document with its `<?xml?>` declaration.
    pub fn new() -> Xml {
        let mut x = Xml {
            writer: quick_xml::Writer::new(Vec::new()),
            open: Vec::new(),
            error: None,
        };
        x.event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        x
    }

    fn event(&mut self, e: Event<'_>) {
        if self.error.is_none() {
            if let Err(e) = self.writer.write_event(e) {
                self.error = Some(e);
            }
        }
    }

    fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut s = BytesStart::new(name);
        for (k, v) in attrs {
            s.push_attribute((*k, *v));
        }
        s
    }

    /// `<name attrs…>`: closed by the next [`Xml::close`] at this depth.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.event(Event::Start(Self::start(name, attrs)));
        self.open.push(name.to_string());
        self
    }

    /// Closes the element opened last.
    pub fn close(&mut self) -> &mut Self {
        if let Some(name) = self.open.pop() {
            self.event(Event::End(BytesEnd::new(name)));
        }
        self
    }

    /// `<name attrs…/>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.event(Event::Empty(Self::start(name, attrs)));
        self
    }

    /// Escaped character data.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.event(Event::Text(BytesText::new(text)));
        self
    }

    /// `<name attrs…>text</name>`.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(name, attrs).text(text).close()
    }

    /// The document's bytes; every element left open is closed.
    pub fn finish(mut self) -> std::io::Result<Vec<u8>> {
        while !self.open.is_empty() {
            self.close();
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.writer.into_inner()),
        }
    }
}

impl Default for Xml {
    fn default() -> Self {
        Xml::new()
    }
}

/// A zip package with fixed dates (1980-01-01, the format's first day), fixed permissions and
/// the order the writer adds files in: the same deck gives the same bytes.
pub struct Package {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
}

impl Package {
    pub fn new() -> Package {
        Package {
            zip: zip::ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    fn options(stored: bool) -> zip::write::SimpleFileOptions {
        zip::write::SimpleFileOptions::default()
            .compression_method(if stored {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            })
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
    }

    /// Adds a file, compressed.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        self.add_with(name, bytes, false)
    }

    /// Adds a file as it is (ODF's `mimetype`, already compressed images).
    pub fn add_stored(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        self.add_with(name, bytes, true)
    }

    fn add_with(&mut self, name: &str, bytes: &[u8], stored: bool) -> zip::result::ZipResult<()> {
        self.zip.start_file(name, Self::options(stored))?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    pub fn finish(self) -> zip::result::ZipResult<Vec<u8>> {
        Ok(self.zip.finish()?.into_inner())
    }
}

impl Default for Package {
    fn default() -> Self {
        Package::new()
    }
}

/// Why an editable deck could not be written.
#[derive(Debug)]
pub enum WriteError {
    Xml(std::io::Error),
    Zip(zip::result::ZipError),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Xml(e) => write!(f, "XML: {e}"),
            WriteError::Zip(e) => write!(f, "zip: {e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Xml(e)
    }
}

impl From<zip::result::ZipError> for WriteError {
    fn from(e: zip::result::ZipError) -> Self {
        WriteError::Zip(e)
    }
}

/// `#rrggbb`, as ODF writes colours.
pub fn hex(c: Rgb) -> String {
    c.to_hex()
}

/// `RRGGBB`, as OOXML writes colours.
pub fn srgb(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.r, c.g, c.b)
}

/// A length in points as ODF writes it.
pub fn cm(pt: f32) -> String {
    format!("{:.3}cm", pt / 72.0 * 2.54)
}

/// A length in points as OOXML writes it (English Metric Units).
pub fn emu(pt: f32) -> String {
    format!("{}", (pt * 12_700.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        assert_eq!(iso_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_date(20_779 * 86_400 + 3_661), "2026-11-22T01:01:01Z");
    }

    #[test]
    fn runs_match_parts_in_order() {
        let keys = vec![key_of("Le titre"), key_of("Un point, deux"), key_of("Fin")];
        assert_eq!(matches(&keys, (0, 0), &key_of("Le ti-")), Some((0, 4)));
        assert_eq!(matches(&keys, (0, 4), &key_of("tre")), Some((0, 7)));
        assert_eq!(matches(&keys, (1, 0), &key_of("1")), None);
        assert_eq!(matches(&keys, (1, 0), &key_of("Fin")), Some((2, 3)));
    }

    #[test]
    fn xml_is_escaped() {
        let mut x = Xml::new();
        x.open("a", &[("b", "<\"&>")]).text("x < y & z").close();
        let s = String::from_utf8(x.finish().unwrap()).unwrap();
        assert!(
            s.ends_with("<a b=\"&lt;&quot;&amp;&gt;\">x &lt; y &amp; z</a>"),
            "{s}"
        );
    }
}
