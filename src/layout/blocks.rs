//! Block layout: the model's blocks (paragraphs, lists, quotes, code, tables, images) stacked
//! top to bottom in a box of a given width, as page items relative to the box's top-left corner.
//! Slides and handouts both use it, so a list looks the same on a slide page and in a leaflet.
//! The spacing rules mirror the theme's CSS (in `em` of the body size), so PDF and HTML agree.

use crate::assets::ImageStore;
use crate::color::Rgb;
use crate::layout::fonts::{Family, FontBook, Weight};
use crate::layout::metrics as m;
use crate::layout::page::{
    tag, ImageItem, Item, LineShape, Pixels, Point, Positioned, Raster, Rectangle, Role, Size,
    Stroke,
};
use crate::layout::text::{self, Align, Lang, Span, TextOptions, TextStyle, Wrap};
use crate::model::{Block, Inline, List};
use std::collections::HashMap;
use std::sync::Arc;

/// How blocks look: sizes in points, colours from the theme.
#[derive(Debug, Clone)]
pub struct BlockStyle {
    pub family: Family,
    pub heading_family: Family,
    pub size: f32,
    pub line_height: f32,
    pub text: Rgb,
    pub primary: Rgb,
    pub accent: Rgb,
    pub muted: Rgb,
    pub surface: Rgb,
    pub lang: Lang,
    /// Tallest an image may be drawn.
    pub max_image_height: f32,
    /// `*` items are drawn like the others: a PDF shows fragments in their final state.
    pub italic: bool,
}

impl BlockStyle {
    pub fn with_size(&self, size: f32) -> BlockStyle {
        BlockStyle {
            size,
            ..self.clone()
        }
    }

    pub fn text_style(&self) -> TextStyle {
        TextStyle {
            family: self.family,
            weight: Weight::Regular,
            italic: self.italic,
            size: self.size,
            colour: self.text,
            link: None,
        }
    }

    pub fn options(&self, width: f32) -> TextOptions {
        TextOptions {
            max_width: width.max(1.0),
            align: Align::Left,
            line_height: self.line_height,
            lang: self.lang,
        }
    }
}

/// Most characters of an image's address a placeholder shows (a `data:` address is long).
const PLACEHOLDER_SRC_CHARS: usize = 120;

/// The box of an image that is not there: 16:9, as wide as the column allows under the tallest
/// an image may be drawn. Fitting reserves the same (`fit.rs`).
pub fn placeholder_size(width: f32, max_height: f32) -> Size {
    let height = (width * 9.0 / 16.0).min(max_height).max(1.0);
    Size::new(height * 16.0 / 9.0, height)
}

/// Items laid out in a box, relative to its top-left corner, and the height they take.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub items: Vec<Positioned>,
    pub height: f32,
}

impl Laid {
    /// The same box, its items one structure element (see [`Role`]).
    pub fn tagged(mut self, role: Role) -> Laid {
        self.items = tag(role, self.items);
        self
    }

    /// Appends `other` placed at (`x`, `y`) of this box.
    pub fn place(&mut self, other: Laid, x: f32, y: f32) {
        self.items.extend(offset(other.items, x, y));
    }
}

/// Moves items by (`dx`, `dy`).
pub fn offset(items: Vec<Positioned>, dx: f32, dy: f32) -> Vec<Positioned> {
    items
        .into_iter()
        .map(|mut p| {
            p.pos = Point::new(p.pos.x + dx, p.pos.y + dy);
            p
        })
        .collect()
}

/// Where the layout wrapped the lines of each paragraph of the model it laid out, by
/// [`text_key`]. The HTML renderer walks the same deck and breaks the same paragraphs' lines at
/// the same places, so the browser shows the lines the PDF shows.
pub type Wraps = HashMap<(usize, usize), Vec<Wrap>>;

/// The key of a paragraph of the deck in [`Wraps`]: the address and length of its inlines,
/// which the layout and the HTML renderer both read from the one deck in memory (not changed
/// between the two, so an address names one paragraph).
pub fn text_key(inlines: &[Inline]) -> Option<(usize, usize)> {
    (!inlines.is_empty()).then_some((inlines.as_ptr() as usize, inlines.len()))
}

/// Images converted for drawing, by their file's index in the store: shared (cheaply cloned)
/// between the contexts of one layout, so an image is converted once however many threads draw it.
#[derive(Clone, Default)]
pub struct Rasters(Arc<std::sync::Mutex<HashMap<usize, Arc<Raster>>>>);

impl Rasters {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<usize, Arc<Raster>>> {
        // A panic elsewhere while holding the lock leaves the map valid: entries are added whole.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, index: usize) -> Option<Arc<Raster>> {
        self.lock().get(&index).cloned()
    }

    /// Keeps `raster` for `index` unless one is there already; returns the one kept.
    fn insert(&self, index: usize, raster: Arc<Raster>) -> Arc<Raster> {
        self.lock().entry(index).or_insert(raster).clone()
    }
}

/// What block layout needs besides the blocks: fonts and decoded images.
pub struct BlockCtx<'a> {
    pub fonts: &'a FontBook,
    pub images: &'a ImageStore,
    /// Converted images, by their file's index in the store, shared by the contexts that lay a
    /// deck out on several threads ([`BlockCtx::sharing`]).
    rasters: Rasters,
    /// Line wraps of the paragraphs laid out, when asked for ([`BlockCtx::start_recording`]).
    wraps: std::cell::RefCell<Option<Wraps>>,
}

impl<'a> BlockCtx<'a> {
    /// A context that converts each image once with the others made with the same `rasters`
    /// (one per thread laying out a deck).
    pub fn new(fonts: &'a FontBook, images: &'a ImageStore, rasters: &Rasters) -> Self {
        BlockCtx {
            fonts,
            images,
            rasters: rasters.clone(),
            wraps: Default::default(),
        }
    }

    /// Keeps the line wraps of what is laid out from now on, until [`BlockCtx::stop_recording`].
    pub fn start_recording(&self) {
        *self.wraps.borrow_mut() = Some(Wraps::new());
    }

    /// The line wraps kept since [`BlockCtx::start_recording`]; keeps no more.
    pub fn stop_recording(&self) -> Wraps {
        self.wraps.borrow_mut().take().unwrap_or_default()
    }

    /// The image as the PDF draws it, converted once per file however many paths name it:
    /// pixels, a JPEG kept as it is, or a vector drawing.
    pub fn raster(&self, src: &str) -> Option<Arc<Raster>> {
        let index = self.images.index_of(src)?;
        if let Some(r) = self.rasters.get(index) {
            return Some(r);
        }
        let img = self.images.get(src)?;
        let pixels = if let Some(tree) = &img.vector {
            Pixels::Vector(tree.clone())
        } else if img.jpeg_components != 0 {
            Pixels::Jpeg {
                data: Arc::new(img.encoded.clone()),
                components: img.jpeg_components,
            }
        } else if img.has_alpha {
            Pixels::Rgba8(img.rgba.clone())
        } else {
            Pixels::Rgb8(
                img.rgba
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect(),
            )
        };
        let raster = Arc::new(Raster::new(img.width, img.height, pixels).ok()?);
        // Two threads converting the same image at once keep the first: one `Arc` per file.
        Some(self.rasters.insert(index, raster))
    }

    /// What stands for an image that is not there (missing, or on the web and never fetched):
    /// a dashed 16:9 box of the place an image would take, with the alt text and the address,
    /// so the slide is never blank and the trainer sees what to fix. The HTML draws the same.
    pub fn placeholder(&self, image: &crate::model::Image, style: &BlockStyle, width: f32) -> Laid {
        let src_style = TextStyle {
            family: Family::Mono,
            size: style.size * 0.7,
            colour: style.muted,
            ..style.text_style()
        };
        let src: String = image.src.chars().take(PLACEHOLDER_SRC_CHARS).collect();
        // The box stands for the image: one figure, described as the image would have been.
        let description = match image.alt.trim() {
            "" => image.src.clone(),
            alt => alt.to_string(),
        };
        self.placeholder_box(style, width, description, image.title.as_deref(), |opts| {
            let alt = if image.alt.trim().is_empty() {
                Laid::default()
            } else {
                self.text(&image.alt, &style.text_style(), opts)
            };
            (alt, self.text(&src, &src_style, opts))
        })
    }

    /// What stands for a diagram diapo does not draw: the box of a missing image, with the
    /// author's description and, smaller under it, what stands there (or that alone). Its lines
    /// break as the HTML's do (the words are the deck's paragraphs).
    fn diagram(&self, diagram: &crate::model::Diagram, style: &BlockStyle, width: f32) -> Laid {
        let small = TextStyle {
            size: style.size * 0.7,
            colour: style.muted,
            ..style.text_style()
        };
        self.placeholder_box(style, width, diagram.description(), None, |opts| {
            let label = |ts: &TextStyle| self.paragraph(&diagram.label, ts, opts);
            if diagram.alt.is_empty() {
                (label(&style.text_style()), Laid::default())
            } else {
                let alt = self.paragraph(&diagram.alt, &style.text_style(), opts);
                (alt, label(&small))
            }
        })
    }

    /// A placeholder: a dashed 16:9 box as wide as the column allows under the tallest an
    /// image may be, its two lines of text (`lines` lays them out, centred) in its middle, the
    /// whole one figure of the structure described by `description`, and a caption under it.
    fn placeholder_box(
        &self,
        style: &BlockStyle,
        width: f32,
        description: String,
        caption: Option<&str>,
        lines: impl FnOnce(&TextOptions) -> (Laid, Laid),
    ) -> Laid {
        let em = style.size;
        let size = placeholder_size(width, style.max_image_height);
        let x = (width - size.width) / 2.0;
        let pad = 0.5 * em;
        let inner = (size.width - 2.0 * pad).max(1.0);
        let centred = |w: f32| TextOptions {
            align: Align::Centre,
            ..style.options(w)
        };
        let (main, detail) = lines(&centred(inner));
        let gap = if main.height > 0.0 && detail.height > 0.0 {
            0.3 * em
        } else {
            0.0
        };
        let text_h = main.height + gap + detail.height;
        let mut out = Laid {
            items: vec![Positioned {
                pos: Point::new(x, 0.0),
                item: Item::Rect(Rectangle {
                    size,
                    fill: Some(style.surface),
                    stroke: Some(Stroke {
                        colour: style.muted,
                        width: 1.5,
                    }),
                    radius: 0.0,
                }),
            }],
            height: size.height,
        };
        let top = ((size.height - text_h) / 2.0).max(pad);
        let main_h = main.height;
        out.place(main, x + pad, top);
        out.place(detail, x + pad, top + main_h + gap);
        out.items = tag(Role::Figure { alt: description }, out.items);
        if let Some(title) = caption {
            let ts = TextStyle {
                size: em * 0.75,
                colour: style.muted,
                ..style.text_style()
            };
            let caption = self.text(title, &ts, &centred(width)).tagged(Role::Caption);
            let h = caption.height;
            out.place(caption, 0.0, size.height + 0.2 * em);
            out.height += 0.2 * em + h;
        }
        out
    }

    /// Lays out a paragraph of inlines.
    pub fn paragraph(&self, inlines: &[Inline], style: &TextStyle, opts: &TextOptions) -> Laid {
        self.paragraph_of(inlines, spans(inlines, style), opts)
    }

    /// Lays out `spans`, made from the deck's paragraph `source` and maybe more (a title with
    /// its "(suite)" label): the line wraps are kept under `source`'s key.
    pub fn paragraph_of(&self, source: &[Inline], spans: Vec<Span>, opts: &TextOptions) -> Laid {
        if spans.is_empty() {
            return Laid::default();
        }
        let block = text::layout(self.fonts, &spans, opts);
        if let (Some(wraps), Some(key)) = (self.wraps.borrow_mut().as_mut(), text_key(source)) {
            wraps.insert(key, block.wraps.clone());
        }
        Laid {
            height: block.height,
            items: block.to_items(Point::new(0.0, 0.0)),
        }
    }

    /// Lays out plain text.
    pub fn text(&self, text: &str, style: &TextStyle, opts: &TextOptions) -> Laid {
        if text.is_empty() {
            return Laid::default();
        }
        let block = text::layout(self.fonts, &[Span::new(text, style.clone())], opts);
        Laid {
            height: block.height,
            items: block.to_items(Point::new(0.0, 0.0)),
        }
    }

    /// Stacks `blocks` in a box `width` wide.
    pub fn blocks(&self, blocks: &[Block], style: &BlockStyle, width: f32) -> Laid {
        let mut out = Laid::default();
        let mut y = 0.0;
        for (i, block) in blocks.iter().enumerate() {
            let (laid, after) = self.block(block, style, width);
            out.place(laid.clone(), 0.0, y);
            y += laid.height;
            // No space after the last block: the box ends with its content.
            if i + 1 < blocks.len() {
                y += after;
            }
        }
        out.height = y;
        out
    }

    /// One block and the space that follows it.
    fn block(&self, block: &Block, style: &BlockStyle, width: f32) -> (Laid, f32) {
        let em = style.size;
        // A pixel of the 1280 × 720 slide in this layout's unit (the image height limit is
        // given in those pixels).
        let px = style.max_image_height / crate::theme::IMAGE_MAX_HEIGHT;
        match block {
            Block::Paragraph { content } => (
                self.paragraph(content, &style.text_style(), &style.options(width))
                    .tagged(Role::Paragraph),
                m::PARAGRAPH_AFTER * em,
            ),
            Block::Heading { content, .. } => {
                let mut ts = style.text_style();
                ts.family = style.heading_family;
                ts.weight = Weight::Bold;
                ts.size = em * m::HEADING_SIZE;
                let mut opts = style.options(width);
                opts.line_height = m::HEADING_LINE_HEIGHT;
                // Level 2: one below the slide's title (levels are made absolute per slide).
                (
                    self.paragraph(content, &ts, &opts)
                        .tagged(Role::Heading { level: 2 }),
                    m::HEADING_AFTER * em,
                )
            }
            Block::List(list) => (self.list(list, style, width), m::LIST_AFTER * em),
            Block::Quote { blocks } => {
                let bar = m::QUOTE_BAR * px;
                let indent = m::QUOTE_GAP * em + bar;
                let inner = BlockStyle {
                    italic: true,
                    ..style.clone()
                };
                let body = self.blocks(blocks, &inner, width - indent);
                let mut out = Laid {
                    items: Vec::new(),
                    height: body.height + 0.3 * em,
                };
                out.items
                    .push(rect(0.0, 0.0, bar, out.height, style.accent));
                out.place(body, indent, 0.15 * em);
                (out.tagged(Role::Quote), m::BLOCK_AFTER * em)
            }
            Block::Code { text, lang } => {
                let size = em * m::CODE_SIZE;
                let pad = m::CODE_PAD * size;
                let bar = m::CODE_BAR * px;
                let ts = TextStyle {
                    family: Family::Mono,
                    weight: Weight::Regular,
                    italic: false,
                    size,
                    colour: style.text,
                    link: None,
                };
                let opts = TextOptions {
                    line_height: m::CODE_LINE_HEIGHT,
                    ..style.options(width - 2.0 * pad - bar)
                };
                let code = text.trim_end_matches('\n');
                let body = match crate::highlight::tokens(lang.as_deref(), code) {
                    Some(tokens) if !code.is_empty() => {
                        // The same colours as the HTML's stylesheet (`render::html::code_css`).
                        let colours = crate::highlight::colours(
                            style.text,
                            style.primary,
                            style.accent,
                            style.muted,
                            style.surface,
                        );
                        let spans: Vec<Span> = tokens
                            .into_iter()
                            .map(|(token, range)| {
                                Span::new(
                                    &code[range],
                                    TextStyle {
                                        colour: colours.of(token),
                                        ..ts.clone()
                                    },
                                )
                            })
                            .collect();
                        let block = text::layout(self.fonts, &spans, &opts);
                        Laid {
                            height: block.height,
                            items: block.to_items(Point::new(0.0, 0.0)),
                        }
                    }
                    _ => self.text(code, &ts, &opts),
                };
                let mut out = Laid {
                    items: Vec::new(),
                    height: body.height + 2.0 * pad,
                };
                out.items
                    .push(rect(0.0, 0.0, width, out.height, style.surface));
                out.items
                    .push(rect(0.0, 0.0, bar, out.height, style.primary));
                out.place(body.tagged(Role::Code), bar + pad, pad);
                (out, m::BLOCK_AFTER * em)
            }
            Block::Table { header, rows, .. } => {
                (self.table(header, rows, style, width), m::BLOCK_AFTER * em)
            }
            Block::Image(image) => {
                let Some(raster) = self.raster(&image.src) else {
                    return (self.placeholder(image, style, width), m::BLOCK_AFTER * em);
                };
                let (w, h) = (raster.width() as f32, raster.height() as f32);
                // The author's size is in pixels of the 1280 × 720 slide; this layout's unit is
                // what the theme's image height limit (in those pixels) became here.
                let unit = style.max_image_height / crate::theme::IMAGE_MAX_HEIGHT;
                let asked = image
                    .asked_width(w, h)
                    .map_or(f32::INFINITY, |px| px * unit / w);
                let scale = (width / w).min(style.max_image_height / h).min(asked);
                let size = Size::new(w * scale, h * scale);
                let x = (width - size.width) / 2.0;
                let mut out = Laid {
                    items: Vec::new(),
                    height: size.height,
                };
                let picture = vec![Positioned {
                    pos: Point::new(x, 0.0),
                    item: Item::Image(ImageItem {
                        image: raster,
                        size,
                    }),
                }];
                // An image with no alternative text is decoration: left out of the structure.
                out.items.extend(match image.alt.trim() {
                    "" => picture,
                    alt => tag(
                        Role::Figure {
                            alt: alt.to_string(),
                        },
                        picture,
                    ),
                });
                if let Some(title) = &image.title {
                    let ts = TextStyle {
                        size: em * 0.75,
                        colour: style.muted,
                        ..style.text_style()
                    };
                    let opts = TextOptions {
                        align: Align::Centre,
                        ..style.options(width)
                    };
                    let caption = self.text(title, &ts, &opts).tagged(Role::Caption);
                    let h = caption.height;
                    out.place(caption, 0.0, size.height + 0.2 * em);
                    out.height += 0.2 * em + h;
                }
                (out, m::BLOCK_AFTER * em)
            }
            Block::Diagram(diagram) => (self.diagram(diagram, style, width), m::BLOCK_AFTER * em),
            Block::Html { .. } => (Laid::default(), 0.0),
            Block::Rule => {
                let mut out = Laid {
                    items: Vec::new(),
                    height: 1.2 * em,
                };
                out.items.push(Positioned {
                    pos: Point::new(0.0, 0.6 * em),
                    item: Item::Line(LineShape {
                        end: Point::new(width, 0.0),
                        stroke: Stroke {
                            colour: style.surface,
                            width: 1.5,
                        },
                    }),
                });
                (out, 0.0)
            }
        }
    }

    /// A list: bullets (or numbers) in the theme's primary colour, items indented.
    pub fn list(&self, list: &List, style: &BlockStyle, width: f32) -> Laid {
        let em = style.size;
        let indent = m::LIST_INDENT * em;
        let mut out = Laid::default();
        let mut y = 0.0;
        for (i, item) in list.items.iter().enumerate() {
            // The item's body and number are laid out apart and joined at the end, so that
            // the structure reads label, then body, whatever the drawing order.
            let mut body = Laid::default();
            let mut label = Laid::default();
            let mut item_y = 0.0;
            let mut first_baseline = None;
            for (k, block) in item.blocks.iter().enumerate() {
                let (laid, after) = match block {
                    Block::List(sub) => (
                        self.list(sub, &style.with_size(em * m::NESTED_SCALE), width - indent),
                        m::NESTED_GAP * em,
                    ),
                    other => self.block(other, style, width - indent),
                };
                if first_baseline.is_none() {
                    first_baseline = laid
                        .items
                        .iter()
                        .find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.pos.y));
                }
                let h = laid.height;
                body.place(laid, indent, y + item_y);
                item_y += h;
                if k + 1 < item.blocks.len() {
                    item_y += if matches!(item.blocks.get(k + 1), Some(Block::List(_))) {
                        m::NESTED_GAP * em
                    } else {
                        after
                    };
                }
            }
            let baseline = y + first_baseline.unwrap_or(em);
            match list.start {
                Some(start) => {
                    let number = format!("{}.", start + i as u64);
                    let ts = TextStyle {
                        weight: Weight::Bold,
                        colour: style.primary,
                        italic: false,
                        ..style.text_style()
                    };
                    let laid = self.text(
                        &number,
                        &ts,
                        &TextOptions {
                            align: Align::Right,
                            ..style.options(indent - 0.3 * em)
                        },
                    );
                    // Align the number's baseline with the item's first line.
                    let nb = laid
                        .items
                        .iter()
                        .find_map(|p| matches!(p.item, Item::Text(_)).then_some(p.pos.y))
                        .unwrap_or(em);
                    label.place(laid, 0.0, baseline - nb);
                }
                None => {
                    let d = 0.28 * em;
                    let mut bullet = rect(
                        0.45 * em,
                        baseline - 0.33 * em - d / 2.0,
                        d,
                        d,
                        style.primary,
                    );
                    if let Item::Rect(r) = &mut bullet.item {
                        r.radius = d / 2.0;
                    }
                    // A drawn bullet is decoration: the list structure says it is an item.
                    label.items.push(bullet);
                }
            }
            let mut entry = Vec::new();
            if list.start.is_some() {
                entry.extend(tag(Role::Label, label.items));
            } else {
                entry.extend(label.items);
            }
            entry.extend(tag(Role::ListBody, body.items));
            out.items.extend(tag(Role::ListItem, entry));
            y += item_y;
            if i + 1 < list.items.len() {
                y += m::ITEM_GAP * em;
            }
        }
        out.height = y;
        out.tagged(Role::List)
    }

    fn table(
        &self,
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        style: &BlockStyle,
        width: f32,
    ) -> Laid {
        let size = style.size * m::TABLE_SIZE;
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let pad_x = m::TABLE_PAD_X * size;
        let pad_y = m::TABLE_PAD_Y * size;
        let col_w = width / cols as f32;
        let mut out = Laid::default();
        let mut y = 0.0;
        for (r, row) in std::iter::once(header)
            .chain(rows.iter().map(Vec::as_slice))
            .enumerate()
        {
            let is_header = r == 0;
            let ts = TextStyle {
                size,
                weight: if is_header {
                    Weight::Bold
                } else {
                    Weight::Regular
                },
                colour: if is_header { style.primary } else { style.text },
                ..style.text_style()
            };
            let cell_role = if is_header {
                Role::HeaderCell
            } else {
                Role::Cell
            };
            let cells: Vec<Laid> = row
                .iter()
                .map(|c| {
                    self.paragraph(c, &ts, &style.options(col_w - 2.0 * pad_x))
                        .tagged(cell_role.clone())
                })
                .collect();
            let h = cells
                .iter()
                .map(|c| c.height)
                .fold(size * style.line_height, f32::max)
                + 2.0 * pad_y;
            let mut cells_row = Laid::default();
            for (c, cell) in cells.into_iter().enumerate() {
                cells_row.place(cell, c as f32 * col_w + pad_x, y + pad_y);
            }
            out.items.extend(tag(Role::TableRow, cells_row.items));
            y += h;
            out.items.push(Positioned {
                pos: Point::new(0.0, y),
                item: Item::Line(LineShape {
                    end: Point::new(width, 0.0),
                    stroke: Stroke {
                        colour: if is_header {
                            style.primary
                        } else {
                            style.muted
                        },
                        width: if is_header { 2.0 } else { 0.6 },
                    },
                }),
            });
        }
        out.height = y;
        out.tagged(Role::Table)
    }
}

/// A filled rectangle at (`x`, `y`).
pub fn rect(x: f32, y: f32, w: f32, h: f32, colour: Rgb) -> Positioned {
    Positioned {
        pos: Point::new(x, y),
        item: Item::Rect(Rectangle::filled(Size::new(w.max(0.0), h.max(0.0)), colour)),
    }
}

/// Inlines → styled spans: bold, italic, code and links keep their look.
pub fn spans(inlines: &[Inline], style: &TextStyle) -> Vec<Span> {
    let mut out = Vec::new();
    push_spans(inlines, style, &mut out);
    out
}

fn push_spans(inlines: &[Inline], style: &TextStyle, out: &mut Vec<Span>) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push(Span::new(text.clone(), style.clone())),
            Inline::Strong { content } => push_spans(
                content,
                &TextStyle {
                    weight: Weight::Bold,
                    ..style.clone()
                },
                out,
            ),
            Inline::Emph { content } => push_spans(
                content,
                &TextStyle {
                    italic: !style.italic,
                    ..style.clone()
                },
                out,
            ),
            Inline::Strike { content } => push_spans(content, style, out),
            Inline::Code { text } => out.push(Span::new(
                text.clone(),
                TextStyle {
                    family: Family::Mono,
                    size: style.size * m::INLINE_CODE_SIZE,
                    ..style.clone()
                },
            )),
            Inline::Link { url, content } => {
                let linked = TextStyle {
                    link: Some(url.clone()),
                    ..style.clone()
                };
                push_spans(content, &linked, out);
            }
            Inline::Break => out.push(Span::new("\n", style.clone())),
            Inline::Html { .. } => {}
        }
    }
}
