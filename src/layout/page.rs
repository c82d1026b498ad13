//! The positioned page model: what layout produces and every paged backend consumes.
//!
//! A [`Document`] is a list of [`Page`]s, each a size plus items at absolute positions, in the
//! spirit of typst's frames. Coordinates are in PDF points (1/72 in), with the origin at the
//! top-left corner of the page and y growing downwards, because that is how layout thinks;
//! the PDF writer flips the axis. Nothing here knows about PDF, fonts files or Markdown, so
//! layout can be tested by snapshotting these types (they derive `Serialize`) instead of PDF
//! bytes. Items are painted in order: later items are drawn over earlier ones.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

pub use crate::color::{ParseColourError, Rgb};
use crate::layout::fonts::FontId;

/// A whole paged document: slides or handout pages, plus its outline and metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    pub pages: Vec<Page>,
    /// Bookmarks shown in the viewer's side panel, nested.
    pub outline: Vec<OutlineEntry>,
    pub meta: DocMeta,
}

/// Document metadata. The creation date is passed in, never read from the clock, so that the
/// same input always gives the same bytes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// BCP 47 language tag of the content, e.g. `fr-FR` or `en`.
    pub lang: String,
    /// Creation (and modification) date, in seconds since the Unix epoch, UTC.
    pub created: i64,
}

/// One bookmark: a title that jumps to a page, with optional sub-entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineEntry {
    pub title: String,
    /// Zero-based index into [`Document::pages`].
    pub page: usize,
    pub children: Vec<OutlineEntry>,
}

impl OutlineEntry {
    pub fn new(title: impl Into<String>, page: usize) -> Self {
        OutlineEntry {
            title: title.into(),
            page,
            children: Vec::new(),
        }
    }
}

/// One page: its size in points and the items drawn on it, back to front.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Positioned>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            items: Vec::new(),
        }
    }

    /// Adds an item on top of what is already on the page.
    pub fn push(&mut self, pos: Point, item: Item) {
        self.items.push(Positioned { pos, item });
    }
}

/// Wraps `items` in one structure element.
pub fn tag(role: Role, items: Vec<Positioned>) -> Vec<Positioned> {
    if items.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len() + 2);
    out.push(Positioned {
        pos: Point::default(),
        item: Item::Open(role),
    });
    out.extend(items);
    out.push(Positioned {
        pos: Point::default(),
        item: Item::Close,
    });
    out
}

/// A point in page coordinates: points from the top-left corner, y downwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// A width and a height in points.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

impl Size {
    pub fn new(width: f32, height: f32) -> Self {
        Size { width, height }
    }
}

/// An item and where it sits. What `pos` designates depends on the item: the start of the
/// baseline for text, the top-left corner for boxes, the start point for lines.
#[derive(Debug, Clone, Serialize)]
pub struct Positioned {
    pub pos: Point,
    pub item: Item,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Text(TextRun),
    Rect(Rectangle),
    Line(LineShape),
    Image(ImageItem),
    Link(LinkArea),
    /// Other items drawn as one, scaled: a slide drawn small on a handout page.
    Group(Group),
    /// The items up to the matching [`Item::Close`] are one element of the document's logical
    /// structure: what a screen reader walks. Opens and closes nest like brackets, travel with
    /// the items when a box is moved or scaled, and have no position of their own.
    Open(Role),
    Close,
}

/// What a run of items *is*, said by layout (which knows) so that a backend can expose it to
/// assistive technology (the PDF's structure tree). Items outside any element, or directly
/// inside a grouping element (a section, a list, a table, a row), are decoration: the top
/// rule, the marque, the footer, counters, backgrounds, bullets drawn as shapes. Shapes are
/// decoration everywhere except inside a figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    /// One slide, or one slide's part of a handout.
    Section,
    /// A heading. Levels are relative inside a slide (1 is the slide's title, 2 a heading in
    /// its body) until the slide's place in the deck is known; pages hold absolute levels.
    Heading {
        level: u8,
    },
    Paragraph,
    List,
    ListItem,
    /// A list item's number.
    Label,
    ListBody,
    Table,
    TableRow,
    /// A column header.
    HeaderCell,
    Cell,
    /// An image or drawing, described by its alternative text.
    Figure {
        alt: String,
    },
    Quote,
    Code,
    /// A caption under an image or table.
    Caption,
    /// Decoration, whatever it is inside: for what is drawn while an element is open but is
    /// not part of it (a page's footer while a paragraph continues on the next page).
    Artifact,
}

impl Role {
    /// Whether the role only groups other elements: content directly inside it is decoration.
    pub fn is_grouping(&self) -> bool {
        matches!(
            self,
            Role::Section | Role::List | Role::ListItem | Role::Table | Role::TableRow
        )
    }
}

/// Shaped glyphs of one font, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextRun {
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    pub colour: Rgb,
    /// The source text the glyphs were shaped from, for copy-paste and search in the PDF.
    pub text: String,
    pub glyphs: Vec<Glyph>,
}

/// One glyph of a [`TextRun`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Glyph {
    /// Glyph id in the font (before any subsetting).
    pub id: u16,
    /// Position of the glyph origin relative to the run's position, in points (y downwards).
    pub x: f32,
    pub y: f32,
    /// Byte range in [`TextRun::text`] this glyph stands for. Only the first glyph of a
    /// cluster carries the cluster's text; the others have an empty range.
    pub start: u32,
    pub end: u32,
}

impl TextRun {
    /// The text a glyph stands for (empty for the non-first glyphs of a cluster).
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text
            .get(glyph.start as usize..glyph.end as usize)
            .unwrap_or("")
    }
}

/// Items with their own origin, drawn together scaled about the group's position (its top-left
/// corner): a frame inside the page, as typst nests frames. The PDF writer draws a group placed
/// several times once, as a form (an XObject), and places it each time; a group placed once is
/// drawn where it is, under one scaling.
///
/// A group holds drawing only — text, shapes and images, clipped to its box. Links are page
/// areas, not drawing, and structure (`Open`/`Close`) is the page's: a group skips them, and its
/// maker puts them on the page beside it.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The items' box in their own units, before scaling (a slide's page size).
    pub size: Size,
    /// The scale the items are drawn at: 1 for their own size.
    pub scale: f32,
    /// Positioned from the group's top-left corner, y downwards, in the group's units. Shared,
    /// so that a group placed several times is one set of items.
    #[serde(serialize_with = "serialize_items")]
    pub items: Arc<Vec<Positioned>>,
}

impl Group {
    /// The box the group covers on its page, once scaled.
    pub fn scaled_size(&self) -> Size {
        Size::new(self.size.width * self.scale, self.size.height * self.scale)
    }
}

fn serialize_items<S: Serializer>(
    items: &Arc<Vec<Positioned>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    items.as_ref().serialize(serializer)
}

/// A box, filled and/or stroked, optionally with rounded corners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rectangle {
    pub size: Size,
    pub fill: Option<Rgb>,
    pub stroke: Option<Stroke>,
    /// Corner radius in points; 0 for square corners.
    pub radius: f32,
}

impl Rectangle {
    pub fn filled(size: Size, colour: Rgb) -> Self {
        Rectangle {
            size,
            fill: Some(colour),
            stroke: None,
            radius: 0.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stroke {
    pub colour: Rgb,
    /// Line width in points.
    pub width: f32,
}

/// A straight line from the item's position to `end` (relative to that position).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineShape {
    pub end: Point,
    pub stroke: Stroke,
}

/// A raster image stretched into a box. The caller decides the box (and so the aspect ratio).
#[derive(Debug, Clone, Serialize)]
pub struct ImageItem {
    /// Shared so that an image used on many pages (a logo) is decoded and embedded once.
    #[serde(serialize_with = "serialize_shared")]
    pub image: Arc<Raster>,
    pub size: Size,
}

// serde's `rc` feature would do this for every Arc in the crate; one image type needs it.
fn serialize_shared<S: Serializer>(image: &Arc<Raster>, serializer: S) -> Result<S::Ok, S::Error> {
    image.as_ref().serialize(serializer)
}

/// Decoded pixels, 8 bits per channel, rows top to bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct Raster {
    width: u32,
    height: u32,
    pixels: Pixels,
}

#[derive(Clone)]
pub enum Pixels {
    Rgb8(Vec<u8>),
    Rgba8(Vec<u8>),
    /// A JPEG file with this many colour components (1 or 3), stored as it is: a PDF can hold
    /// JPEG data (DCT) itself, so a photo is never decoded into the file.
    Jpeg {
        data: Arc<Vec<u8>>,
        components: u8,
    },
    /// A vector drawing (an SVG image), its size in `width` × `height` units.
    Vector(Arc<usvg::Tree>),
}

impl PartialEq for Pixels {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Pixels::Rgb8(a), Pixels::Rgb8(b)) | (Pixels::Rgba8(a), Pixels::Rgba8(b)) => a == b,
            (
                Pixels::Jpeg {
                    data: a,
                    components: ca,
                },
                Pixels::Jpeg {
                    data: b,
                    components: cb,
                },
            ) => ca == cb && (Arc::ptr_eq(a, b) || a == b),
            // Two drawings are the same when they are the same parse: a file is parsed once.
            (Pixels::Vector(a), Pixels::Vector(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Pixels {}

/// The pixel buffer does not hold `width × height` pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RasterSizeError {
    pub expected: usize,
    pub actual: usize,
}

impl fmt::Display for RasterSizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "image data has {} bytes, expected {} for its dimensions",
            self.actual, self.expected
        )
    }
}

impl std::error::Error for RasterSizeError {}

impl Raster {
    /// Wraps decoded pixels (e.g. `image::RgbImage::into_raw`), checking the buffer size.
    pub fn new(width: u32, height: u32, pixels: Pixels) -> Result<Self, RasterSizeError> {
        let (channels, actual) = match &pixels {
            Pixels::Rgb8(data) => (3, data.len()),
            Pixels::Rgba8(data) => (4, data.len()),
            // Encoded data and drawings have no pixel buffer to check, only a size.
            Pixels::Jpeg { .. } | Pixels::Vector(_) => {
                if width == 0 || height == 0 {
                    return Err(RasterSizeError {
                        expected: 1,
                        actual: 0,
                    });
                }
                return Ok(Raster {
                    width,
                    height,
                    pixels,
                });
            }
        };
        let expected = width as usize * height as usize * channels;
        if expected != actual || expected == 0 {
            return Err(RasterSizeError { expected, actual });
        }
        Ok(Raster {
            width,
            height,
            pixels,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn pixels(&self) -> &Pixels {
        &self.pixels
    }
}

impl fmt::Debug for Raster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.pixels {
            Pixels::Rgb8(_) => "rgb8",
            Pixels::Rgba8(_) => "rgba8",
            Pixels::Jpeg { .. } => "jpeg",
            Pixels::Vector(_) => "vector",
        };
        write!(f, "Raster({}x{} {kind})", self.width, self.height)
    }
}

// Snapshots want the shape of an image, not megabytes of pixels.
impl Serialize for Raster {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{self:?}"))
    }
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkArea {
    pub size: Size,
    pub target: LinkTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkTarget {
    /// An external address, opened by the viewer.
    Uri(String),
    /// A page of the same document, zero-based.
    Page(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_colours() {
        for bad in ["", "#", "#12345", "#gggggg", "blue", "#+12345", "#éé"] {
            let err = Rgb::parse_hex(bad).unwrap_err();
            assert_eq!(err.input, bad);
        }
    }

    #[test]
    fn raster_checks_buffer_size() {
        assert!(Raster::new(2, 2, Pixels::Rgb8(vec![0; 12])).is_ok());
        let err = Raster::new(2, 2, Pixels::Rgba8(vec![0; 12])).unwrap_err();
        assert_eq!(err.expected, 16);
        assert!(Raster::new(0, 0, Pixels::Rgb8(Vec::new())).is_err());
    }
}
