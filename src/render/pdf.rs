//! The PDF writer: page model in, PDF bytes out. The only module that talks to printpdf.
//!
//! printpdf builds the file (CID fonts with `/ToUnicode`, images with soft masks, link
//! annotations, document info); around it, this module does what printpdf 0.12 cannot do without
//! its heavy `text_layout` feature or does differently from what diapo needs:
//!
//! - **Content streams** are written here, from the page model, by [`crate::render::pdf_content`]
//!   (the same bytes printpdf wrote: its translation of operations cost a fifth of a build, and
//!   a second copy of every page in memory). printpdf is given each page's links, and the glyphs
//!   each font shows for its widths and text maps; the streams it writes from that are replaced.
//! - **Subsetting.** Fonts are subset here with `subsetter` (only the glyphs used, renumbered)
//!   and handed to printpdf as already-subset programs with a deterministic `ABCDEF+` tag, so
//!   viewers and `pdffonts` see embedded subsets. Glyph ids in the content stream are the
//!   renumbered ones; the text map gives each glyph the text it was shaped from.
//! - **Finishing touches with lopdf**, on the document printpdf hands back: the nested outline
//!   (printpdf's bookmarks are flat and sorted by page), `/Lang` and `DisplayDocTitle` (not
//!   supported), and a file `/ID` derived from the content instead of printpdf's random one.
//!
//! Images are stored once each: pixels deflated, JPEG photos as their own DCT data (never
//! decoded and encoded again), SVG drawings as form XObjects of vector operators
//! ([`crate::render::pdf_svg`]). A group of items (a slide drawn small in a handout) is drawn in
//! place under one scaling, or, placed more than once, as one form XObject placed each time.
//!
//! Output is deterministic: no clock, no randomness, resource names numbered in order of first
//! use. Coordinates are flipped here, from the page model's top-left origin to PDF's
//! bottom-left one.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, Destination, DictItem, ExternalStream,
    ExternalXObject, FontType, LinkAnnotation, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfFontMetricsStub, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, PdfWarnMsg, Pt, RawImage,
    RawImageData, RawImageFormat, Rect, TextItem, XObject, XObjectId,
};

use crate::layout::fonts::{FontBook, FontId};
use crate::layout::page::{
    Document, Item, LinkTarget, OutlineEntry, Page, Pixels, Point, Positioned, Raster, Role, Size,
    Stroke, TextRun,
};
use crate::render::pdf_content::{Content, Paint};

/// Why a document could not be written. All of these are bugs in the layout that produced
/// the document, or a font that cannot be subset; none comes from the deck text itself.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// A page with a zero, negative or non-finite size.
    PageSize { page: usize },
    /// A text run uses a font the book does not have.
    UnknownFont { page: usize },
    /// A text run uses a glyph id the font does not have.
    UnknownGlyph { font: String, glyph: u16 },
    /// The font subsetter refused a font.
    Subset { font: String, reason: String },
    /// A link or bookmark points to a page that does not exist.
    MissingPage { target: usize, pages: usize },
    /// The creation timestamp is outside what a PDF date can express.
    Date(i64),
    /// printpdf reported an error while building the file.
    Printpdf(String),
    /// The finished file could not be serialised.
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::PageSize { page } => write!(f, "page {} has an invalid size", page + 1),
            PdfError::UnknownFont { page } => {
                write!(f, "page {} uses a font that is not loaded", page + 1)
            }
            PdfError::UnknownGlyph { font, glyph } => {
                write!(f, "font {font} has no glyph {glyph}")
            }
            PdfError::Subset { font, reason } => {
                write!(f, "cannot embed font {font}: {reason}")
            }
            PdfError::MissingPage { target, pages } => write!(
                f,
                "a link or bookmark points to page {}, but the document has {pages}",
                target + 1
            ),
            PdfError::Date(t) => write!(f, "timestamp {t} cannot be written as a PDF date"),
            PdfError::Printpdf(m) => write!(f, "PDF generation failed: {m}"),
            PdfError::Write(m) => write!(f, "cannot write the PDF: {m}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Writes a document as PDF bytes. Same document and fonts, same bytes.
pub fn write_pdf(doc: &Document, fonts: &FontBook) -> Result<Vec<u8>, PdfError> {
    write_pdf_with(doc, fonts, &Shared::default())
}

/// What the PDFs of one build have in common, encoded once for all of them: the images' pixels
/// deflated. The slides and the handout show the same images, and deflating their pixels was
/// most of the writing of a deck with photos or screenshots (3.8 G of a 6.2 G-instruction build
/// of a 14-image deck, half of it done twice). Shared between threads: both PDFs are written at
/// once.
#[derive(Default)]
pub struct Shared {
    /// Each image met so far, with its streams (made by the first document to need them).
    images: Mutex<Vec<(Arc<Raster>, PixelCell)>>,
    /// The streams deflated so far, other than the documents' own drawing ([`compress`]), by
    /// deflate level and length: fonts, text maps and drawings, which the slides and the handout
    /// often have in common (the same subset of a font, the same logo drawn).
    streams: Mutex<StreamTable>,
    /// The font subsets made so far, by face and glyphs: a document that uses the same glyphs
    /// of a face as another (the slides and a handout of thumbnails, the italic of the notes)
    /// embeds the same subset, made once.
    subsets: Mutex<SubsetTable>,
}

/// Font programs by face (of the build's one font book) and the glyph ids kept, in order.
type SubsetTable = HashMap<(FontId, Vec<u16>), Arc<OnceLock<Result<Vec<u8>, String>>>>;

type PixelCell = Arc<OnceLock<Arc<PixelStreams>>>;

/// Streams by deflate level and length, the streams of each (almost always one) in a list.
type StreamTable = HashMap<(u32, usize), Vec<Arc<SharedStream>>>;

/// A stream's bytes, and them deflated (`None` when that does not make them smaller).
struct SharedStream {
    raw: Vec<u8>,
    deflated: OnceLock<Option<Vec<u8>>>,
}

impl Shared {
    /// The streams of a pixel image, deflated by this call or by an earlier one, on this thread
    /// or another (which this call then waits for).
    fn pixels(&self, raster: &Arc<Raster>) -> Arc<PixelStreams> {
        let cell = {
            let mut images = self.images.lock().unwrap_or_else(|e| e.into_inner());
            let known = images
                .iter()
                .find(|(known, _)| Arc::ptr_eq(known, raster) || **known == **raster);
            match known {
                Some((_, cell)) => cell.clone(),
                None => {
                    let cell = Arc::new(OnceLock::new());
                    images.push((raster.clone(), cell.clone()));
                    cell
                }
            }
        };
        cell.get_or_init(|| Arc::new(PixelStreams::of(raster)))
            .clone()
    }

    /// The subset of `font` keeping `glyphs`: made by this call, or by an earlier one on this
    /// thread or another (which this call then waits for).
    fn subset(
        &self,
        font: FontId,
        glyphs: Vec<u16>,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Vec<u8>, String> {
        let cell = {
            let mut subsets = self.subsets.lock().unwrap_or_else(|e| e.into_inner());
            subsets.entry((font, glyphs)).or_default().clone()
        };
        cell.get_or_init(make).clone()
    }

    /// The entry for a stream's bytes at a deflate level: the known one when another document
    /// had the same bytes (deflated by it, or being), else a new one, holding them, to deflate.
    fn stream(&self, level: u32, raw: Vec<u8>) -> Arc<SharedStream> {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let same = streams.entry((level, raw.len())).or_default();
        if let Some(known) = same.iter().find(|known| known.raw == raw) {
            return known.clone();
        }
        let entry = Arc::new(SharedStream {
            raw,
            deflated: OnceLock::new(),
        });
        same.push(entry.clone());
        entry
    }
}

/// A pixel image's streams, laid out as printpdf writes them (`raw_image_to_basic_stream`
/// without its `images` feature): the colour channels deflated and, unless every pixel is opaque,
/// the alpha channel deflated apart for the soft mask. Made here once for every document of a
/// build, deflated by libdeflate at its default level ([`IMAGE_LEVEL`]; with printpdf's
/// miniz_oxide, a deck of ten screenshots took a fifth longer to build); printpdf is handed an
/// image without pixels and its streams are replaced ([`set_images`]).
struct PixelStreams {
    colour: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

impl PixelStreams {
    fn of(raster: &Raster) -> PixelStreams {
        let mut deflate = Deflate::default();
        let mut flate = |data: &[u8]| deflate.zlib(IMAGE_LEVEL, data).unwrap_or_default();
        let rgb = |data: &[u8]| -> Vec<u8> {
            data.chunks_exact(4)
                .flat_map(|px| [px[0], px[1], px[2]])
                .collect()
        };
        match raster.pixels() {
            Pixels::Rgb8(data) => PixelStreams {
                colour: flate(data),
                alpha: None,
            },
            // An alpha channel that is fully opaque would cost a soft mask for nothing.
            Pixels::Rgba8(data) if data.chunks_exact(4).all(|px| px[3] == 255) => PixelStreams {
                colour: flate(&rgb(data)),
                alpha: None,
            },
            Pixels::Rgba8(data) => {
                let alpha: Vec<u8> = data.chunks_exact(4).map(|px| px[3]).collect();
                PixelStreams {
                    colour: flate(&rgb(data)),
                    alpha: Some(flate(&alpha)),
                }
            }
            // Never made for these (see `xobject`); empty streams rather than a panic.
            Pixels::Jpeg { .. } | Pixels::Vector(_) => PixelStreams {
                colour: flate(&[]),
                alpha: None,
            },
        }
    }
}

/// Writes a document as PDF bytes, its images' streams taken from (or added to) `shared`: the
/// same bytes as [`write_pdf`].
pub fn write_pdf_with(
    doc: &Document,
    fonts: &FontBook,
    shared: &Shared,
) -> Result<Vec<u8>, PdfError> {
    for (index, page) in doc.pages.iter().enumerate() {
        let valid = |v: f32| v.is_finite() && v > 0.0;
        if !valid(page.width) || !valid(page.height) {
            return Err(PdfError::PageSize { page: index });
        }
    }

    let forms = FormTable::collect(doc);
    let embedded = subset_fonts(doc, &forms, fonts, shared)?;

    let mut pdf = PdfDocument::new(&doc.meta.title);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(doc.meta.created)
        .map_err(|_| PdfError::Date(doc.meta.created))?;
    let info = &mut pdf.metadata.info;
    info.author = doc.meta.author.clone();
    info.subject = doc.meta.subject.clone();
    info.creator = "diapo".into();
    info.producer = format!("diapo {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    for font in embedded.values() {
        pdf.resources
            .fonts
            .map
            .insert(font.resource.clone(), PdfFont::new(font.program.clone()));
    }

    // The content streams are written here (`pdf_content`), one for each page, then one for
    // each form. printpdf is given, for each page, its links only, and on the first page the
    // glyphs each font shows, from which it writes the fonts' widths and text maps. Forms are
    // given to printpdf as more pages, empty, for it to make their streams' objects and their
    // resources: made form XObjects once it is done (`pages_to_forms`).
    let mut tree = Structure::default();
    let mut painter = Painter::new(&embedded, &forms);
    let mut contents = Vec::with_capacity(doc.pages.len() + forms.forms.len());
    for (index, page) in doc.pages.iter().enumerate() {
        let (content, links) = page_content(page, index, &mut painter, &mut tree, doc)?;
        contents.push(content);
        let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), links);
        // Set the boxes in points directly: going through millimetres would turn 960 pt
        // into 959.99994.
        let media = Rect::from_wh(Pt(page.width), Pt(page.height));
        pdf_page.media_box = media.clone();
        pdf_page.trim_box = media.clone();
        pdf_page.crop_box = media;
        pdf.pages.push(pdf_page);
    }
    for form in forms.forms() {
        let mut content = Content::new();
        let hairline = HAIRLINE / form.scale;
        for positioned in form.items.iter() {
            painter.paint(&mut content, positioned, form.size.height, hairline);
        }
        contents.push(content.into_bytes());
        let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
        let media = Rect::from_wh(Pt(form.size.width), Pt(form.size.height));
        pdf_page.media_box = media.clone();
        pdf_page.trim_box = media.clone();
        pdf_page.crop_box = media;
        pdf.pages.push(pdf_page);
    }
    if let Some(first) = pdf.pages.first_mut() {
        first.ops.extend(painter.glyphs_shown());
    }
    // Pixels deflated on whichever of rayon's threads is free, or taken from another document.
    let pixels: Vec<Option<Arc<PixelStreams>>> = {
        use rayon::prelude::*;
        painter
            .images
            .entries
            .par_iter()
            .map(|(_, raster)| {
                matches!(raster.pixels(), Pixels::Rgb8(_) | Pixels::Rgba8(_))
                    .then(|| shared.pixels(raster))
            })
            .collect()
    };
    let mut replaced = Vec::new();
    for ((id, raster), pixels) in painter.images.entries.into_iter().zip(pixels) {
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), xobject(&raster, pixels.as_deref()));
        if let Some(pixels) = pixels {
            replaced.push((id, pixels));
        }
    }

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    // printpdf's document holds the fonts' programs and the images' pixels again: free it
    // before the lopdf one is compressed and written.
    drop(pdf);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Printpdf(error.msg.clone()));
    }

    let own = set_contents(&mut lo, contents)?;
    set_images(&mut lo, &replaced)?;
    pages_to_forms(&mut lo, doc.pages.len(), &forms)?;
    finish(&mut lo, doc)?;
    write_structure(&mut lo, doc, &tree)?;
    compress(&mut lo, &own, shared);
    // The file identifier is a digest of the file written without it (printpdf's is random),
    // so it is stable for the same content and differs otherwise, as readers expect of /ID.
    lo.trailer.remove(b"ID");
    let bytes = save(&mut lo)?;
    Ok(with_id(bytes))
}

/// The file with `/ID [<d> <d>]` added last to its trailer, `d` the digest of the file as it is:
/// the bytes lopdf writes for the same document with that entry set, without writing it again.
/// The trailer follows the cross-reference table, so no offset moves.
fn with_id(mut bytes: Vec<u8>) -> Vec<u8> {
    const END: &[u8] = b">>\nstartxref\n";
    let hex: Vec<u8> = digest(&bytes)
        .iter()
        .flat_map(|&b| super::pdf_content::hex_digits(b))
        .collect();
    let Some(at) = bytes.windows(END.len()).rposition(|w| w == END) else {
        return bytes;
    };
    let tail = bytes.split_off(at);
    for part in [&b"/ID[<"[..], &hex, b"><", &hex, b">]", &tail] {
        bytes.extend_from_slice(part);
    }
    bytes
}

/// Deflates every stream that may be (lopdf's `Document::compress`, with libdeflate at a level
/// chosen per stream, [`deflate_level`], rather than miniz_oxide at its best: level 9 took a fifth
/// of a 1,000-slide build, mostly on images' raw pixels, for files about 1 % smaller).
///
/// One compressor per level serves many streams ([`Deflate`]) rather than a new one each time,
/// which would allocate its tables every time. The streams are deflated on
/// whichever of rayon's threads is free, each thread with its own compressors: a stream's bytes
/// depend on itself alone, so the order changes none. A 1,000-slide deck's PDFs are written one
/// after the other, and deflating was most of the writing, on one core of two.
///
/// The streams other than the document's own drawing (`own`: its pages' and forms' content),
/// fonts, text maps and drawings, are deflated once for every document of the build that holds
/// the same bytes ([`Shared`]).
fn compress(lo: &mut lopdf::Document, own: &[ObjectId], shared: &Shared) {
    use rayon::prelude::*;
    let streams: Vec<(bool, &mut lopdf::Stream)> = lo
        .objects
        .iter_mut()
        .filter_map(|(id, object)| match object {
            Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some((own.binary_search(id).is_err(), stream))
            }
            _ => None,
        })
        .collect();
    streams
        .into_par_iter()
        // A piece of work makes its own compressors: pieces of a few streams each keep that rare.
        .with_min_len(8)
        .for_each_init(Deflate::default, |deflate, (common, stream)| {
            let level = deflate_level(&stream.dict);
            let mut deflate = |data: &[u8]| {
                // As lopdf does: keep the stream as it is when deflating does not pay for the
                // filter.
                deflate
                    .zlib(level, data)
                    .filter(|compressed| compressed.len() + 19 < data.len())
            };
            let compressed = if common {
                let content = std::mem::take(&mut stream.content);
                let entry = shared.stream(level, content);
                let compressed = entry.deflated.get_or_init(|| deflate(&entry.raw)).clone();
                if compressed.is_none() {
                    stream.content = entry.raw.clone();
                }
                compressed
            } else {
                deflate(&stream.content)
            };
            if let Some(compressed) = compressed {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        });
}

/// The deflate level of a pixel image's streams: libdeflate's default.
const IMAGE_LEVEL: u32 = 6;

/// The deflate level for a stream, from its dictionary: 1 for font programs (level 6 makes them
/// 3 % smaller for 1.8 times the work), 6 for the rest, content streams mostly (level 4 would
/// make them 5 % larger for 20 % less work). Measured on the sample deck's streams in
/// BENCHMARKS.md.
fn deflate_level(dict: &Dictionary) -> u32 {
    // A font program: TrueType (`/FontFile2`, with `/Length1`) or CFF (`/FontFile3`).
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
    if dict.has(b"Length1") || matches!(subtype, Some(b"OpenType" | b"CIDFontType0C")) {
        1
    } else {
        6
    }
}

/// Deflaters in the zlib format, libdeflate's, one per level, made when first needed. The PDF
/// streams are whole in memory, which is what libdeflate compresses: about half the work of
/// miniz_oxide (flate2's deflater) for streams 5 % smaller, and no 320 KB of tables zero-filled
/// for every stream.
#[derive(Default)]
struct Deflate {
    by_level: [Option<libdeflater::Compressor>; 13],
}

impl Deflate {
    /// `data` deflated at `level` (0 to 12), or `None` on an error or another level.
    fn zlib(&mut self, level: u32, data: &[u8]) -> Option<Vec<u8>> {
        let deflate = match self.by_level.get_mut(level as usize)? {
            Some(deflate) => deflate,
            none => none.insert(libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(level as i32).ok()?,
            )),
        };
        let mut out = vec![0; deflate.zlib_compress_bound(data.len())];
        let written = deflate.zlib_compress(data, &mut out).ok()?;
        out.truncate(written);
        out.shrink_to_fit();
        Some(out)
    }
}

fn save(lo: &mut lopdf::Document) -> Result<Vec<u8>, PdfError> {
    super::pdf_file::write(lo).map_err(|e| PdfError::Write(e.to_string()))
}

/// A font as embedded: the subset program and how original glyph ids map into it.
struct EmbeddedFont {
    /// Its number among the document's fonts, and its resource name, `F<number>`.
    number: usize,
    resource: printpdf::FontId,
    program: ParsedFont,
    /// Indexed by original glyph id (a slot for each id up to the largest used): how each used
    /// glyph is written. One array look-up a glyph, in the hottest loop of the writer.
    glyphs: Vec<Option<GlyphOut>>,
    /// The advance of code 0 (.notdef) in 1/1000 em, as `/W` gives it: 0 unless the document
    /// uses .notdef.
    notdef_width: i64,
}

/// How one glyph of a font is written.
struct GlyphOut {
    /// Its id in the subset.
    code: u16,
    /// Its advance in 1/1000 em, truncated exactly as printpdf writes `/W`, so kerning
    /// adjustments computed against it land glyphs where layout put them.
    width: i64,
    /// The text it maps to for extraction (the first one seen).
    text: String,
}

impl EmbeddedFont {
    fn glyph(&self, id: u16) -> Option<&GlyphOut> {
        self.glyphs.get(usize::from(id))?.as_ref()
    }
}

fn subset_fonts(
    doc: &Document,
    forms: &FormTable,
    fonts: &FontBook,
    shared: &Shared,
) -> Result<BTreeMap<FontId, EmbeddedFont>, PdfError> {
    // Used glyphs per font, with the first non-empty text each glyph stood for: a PDF text
    // map has one entry per glyph, so a glyph shared by two characters (a space also used
    // for a no-break space) extracts as the first. Pages first, then groups (each once), with
    // the index of the page (or of the group after the pages) for errors.
    // Indexed by glyph id (a font has at most 65,536): one array look-up a glyph drawn, in order
    // of id when read back.
    let mut used: BTreeMap<FontId, Vec<Option<String>>> = BTreeMap::new();
    let lists = doc
        .pages
        .iter()
        .map(|page| page.items.as_slice())
        .chain(forms.groups.iter().map(|group| group.items.as_slice()));
    for (index, items) in lists.enumerate() {
        for positioned in items {
            let Item::Text(run) = &positioned.item else {
                continue;
            };
            let count = fonts
                .glyph_count(run.font)
                .ok_or(PdfError::UnknownFont { page: index })?;
            let glyphs = used
                .entry(run.font)
                .or_insert_with(|| vec![None; usize::from(count)]);
            for glyph in &run.glyphs {
                if glyph.id >= count {
                    return Err(PdfError::UnknownGlyph {
                        font: fonts.postscript_name(run.font).unwrap_or("?").into(),
                        glyph: glyph.id,
                    });
                }
                let text = glyphs[usize::from(glyph.id)].get_or_insert_default();
                if glyph.id == 0 {
                    // .notdef stands for every character no font had; the text map can name
                    // only one, so it names the replacement character rather than a wrong one.
                    *text = '\u{FFFD}'.to_string();
                } else if text.is_empty() {
                    text.push_str(run.glyph_text(glyph));
                }
            }
        }
    }

    let mut out = BTreeMap::new();
    for (number, (font, glyphs)) in used.into_iter().enumerate() {
        let glyphs: Vec<(u16, String)> = (0..=u16::MAX)
            .zip(glyphs)
            .filter_map(|(gid, text)| Some((gid, text?)))
            .collect();
        let name = fonts.postscript_name(font).unwrap_or("Font").to_string();
        let (Some(data), Some(metrics)) = (fonts.data(font), fonts.metrics(font)) else {
            return Err(PdfError::UnknownFont { page: 0 });
        };
        let mut remapper = subsetter::GlyphRemapper::new();
        for &(gid, _) in &glyphs {
            remapper.remap(gid);
        }
        let ids = glyphs.iter().map(|&(gid, _)| gid).collect();
        let program = shared
            .subset(font, ids, || {
                subsetter::subset(data, 0, &remapper).map_err(|e| e.to_string())
            })
            .map_err(|reason| PdfError::Subset {
                font: name.clone(),
                reason,
            })?;

        let upm = metrics.units_per_em.max(1);
        let mut out_glyphs: Vec<Option<GlyphOut>> = Vec::new();
        out_glyphs.resize_with(
            glyphs.last().map_or(0, |&(g, _)| usize::from(g) + 1),
            || None,
        );
        let mut subset_widths = BTreeMap::new();
        for &(gid, ref text) in &glyphs {
            let code = remapper.get(gid).unwrap_or(0);
            let advance = fonts.advance(font, gid).unwrap_or(0);
            subset_widths.insert(code, advance);
            out_glyphs[usize::from(gid)] = Some(GlyphOut {
                code,
                width: (advance as f32 * 1000.0 / upm as f32) as i64,
                text: text.clone(),
            });
        }

        let notdef_width = subset_widths
            .get(&0)
            .map_or(0, |&advance| (advance as f32 * 1000.0 / upm as f32) as i64);

        // printpdf's caret slope is rise/run; derive it from the italic angle.
        let run = (1000.0 * (-metrics.italic_angle).to_radians().tan()).round() as i16;
        let [x_min, y_min, x_max, y_max] = metrics.bbox;
        let parsed = ParsedFont {
            font_type: if program.starts_with(b"OTTO") {
                FontType::OpenTypeCFF(())
            } else {
                FontType::TrueType
            },
            original_bytes: program,
            font_index: 0,
            // The subset tag tells viewers (and pdffonts) this is a subset; it only has to
            // differ between different subsets of a font, so derive it from the glyph set.
            font_name: Some(format!(
                "{}+{name}",
                subset_tag(&name, glyphs.iter().map(|(gid, _)| gid))
            )),
            codepoint_to_glyph: BTreeMap::new(),
            glyph_widths: subset_widths,
            units_per_em: upm,
            font_metrics: printpdf::FontMetrics {
                ascent: metrics.ascender,
                descent: metrics.descender,
            },
            pdf_font_metrics: PdfFontMetricsStub {
                units_per_em: upm,
                x_min,
                y_min,
                x_max,
                y_max,
                caret_slope_rise: 1000,
                caret_slope_run: run,
                us_weight_class: metrics.weight_class,
            },
        };
        out.insert(
            font,
            EmbeddedFont {
                number,
                resource: printpdf::FontId(format!("F{number}")),
                program: parsed,
                glyphs: out_glyphs,
                notdef_width,
            },
        );
    }
    Ok(out)
}

/// Six capital letters from a hash of the font name and glyph set.
fn subset_tag<'a>(name: &str, glyphs: impl Iterator<Item = &'a u16>) -> String {
    let mut hash = Fnv::new();
    hash.write(name.as_bytes());
    for gid in glyphs {
        hash.write(&gid.to_be_bytes());
    }
    let mut value = hash.finish();
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (value % 26) as u8);
            value /= 26;
            letter
        })
        .collect()
}

/// Images to embed, each once however many times it is drawn.
#[derive(Default)]
struct ImageTable {
    entries: Vec<(XObjectId, Arc<Raster>)>,
}

impl ImageTable {
    fn id_for(&mut self, image: &Arc<Raster>) -> XObjectId {
        if let Some((id, _)) = self
            .entries
            .iter()
            .find(|(_, known)| Arc::ptr_eq(known, image) || **known == **image)
        {
            return id.clone();
        }
        let id = XObjectId(format!("Im{}", self.entries.len()));
        self.entries.push((id.clone(), image.clone()));
        id
    }
}

/// A hairline thinner than this, in points on paper, disappears on most printers: strokes of a
/// group drawn small are kept at least this wide.
const HAIRLINE: f32 = 0.25;

/// A group of the document: its items, in its own units, the smallest scale it is placed at
/// (what its hairlines are kept visible for as a form), and how many times it is placed.
struct GroupEntry {
    items: Arc<Vec<Positioned>>,
    size: Size,
    scale: f32,
    uses: usize,
}

/// The groups of a document placed more than once (the same items), each written once as a
/// form XObject `Fm<n>`, in order of first use. A group placed once is drawn where it is placed
/// ([`Painter::paint`]): as a form of its own it would cost a stream, deflated apart from the page's
/// (a fresh compressor, no shared dictionary), for nothing to share — 12 % more bytes for a
/// handout whose slides were all forms, 27 % at 1,000 slides, and more work.
#[derive(Default)]
struct FormTable {
    /// Every group of the document, once, in order of first use.
    groups: Vec<GroupEntry>,
    /// Where a group is in `groups`, by the address of its shared items.
    known: HashMap<*const Vec<Positioned>, usize>,
    /// The groups placed more than once, by their index in `groups`: form `n` is `forms[n]`.
    forms: Vec<usize>,
}

impl FormTable {
    fn collect(doc: &Document) -> FormTable {
        let mut table = FormTable::default();
        for page in &doc.pages {
            table.add(&page.items);
        }
        table.forms = (0..table.groups.len())
            .filter(|&g| table.groups[g].uses > 1)
            .collect();
        table
    }

    /// The groups among `items`, and those inside them.
    fn add(&mut self, items: &[Positioned]) {
        for positioned in items {
            let Item::Group(group) = &positioned.item else {
                continue;
            };
            let scale = group.scale.abs();
            match self.known.get(&Arc::as_ptr(&group.items)) {
                Some(&g) => {
                    let known = &mut self.groups[g];
                    known.scale = known.scale.min(scale);
                    known.uses += 1;
                }
                None => {
                    self.known
                        .insert(Arc::as_ptr(&group.items), self.groups.len());
                    self.groups.push(GroupEntry {
                        items: group.items.clone(),
                        size: group.size,
                        scale,
                        uses: 1,
                    });
                    self.add(&group.items);
                }
            }
        }
    }

    /// The groups written as forms, form 0 first.
    fn forms(&self) -> impl Iterator<Item = &GroupEntry> {
        self.forms.iter().map(|&g| &self.groups[g])
    }

    /// The form number of a group, when it is drawn as a form.
    fn index(&self, items: &Arc<Vec<Positioned>>) -> Option<usize> {
        let g = *self.known.get(&Arc::as_ptr(items))?;
        self.forms.iter().position(|&f| f == g)
    }
}

/// Turns the pages printpdf wrote after the document's own (`real` of them) into the form
/// XObjects of `forms`: each page's content stream becomes the form (its box the group's, its
/// resources the page's), named `Fm<n>` in the document's XObject resources, and the page is
/// taken out of the page tree.
fn pages_to_forms(
    lo: &mut lopdf::Document,
    real: usize,
    forms: &FormTable,
) -> Result<(), PdfError> {
    if forms.forms.is_empty() {
        return Ok(());
    }
    let broken = || PdfError::Write("a form's page is missing".into());
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if pages.len() != real + forms.forms.len() {
        return Err(broken());
    }
    let mut named = Vec::with_capacity(forms.forms.len());
    let xobjects = page_xobjects(lo, pages[real]).ok_or_else(broken)?;
    for (n, (page, form)) in pages[real..].iter().zip(forms.forms()).enumerate() {
        let Some(Object::Dictionary(dict)) = lo.objects.remove(page) else {
            return Err(broken());
        };
        let reference = |key: &[u8]| dict.get(key).and_then(Object::as_reference).ok();
        let (Some(contents), Some(resources)) = (reference(b"Contents"), reference(b"Resources"))
        else {
            return Err(broken());
        };
        let Some(Object::Stream(stream)) = lo.objects.get_mut(&contents) else {
            return Err(broken());
        };
        stream.dict.set("Type", Object::Name(b"XObject".to_vec()));
        stream.dict.set("Subtype", Object::Name(b"Form".to_vec()));
        stream.dict.set(
            "BBox",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Real(form.size.width),
                Object::Real(form.size.height),
            ]),
        );
        stream.dict.set("Resources", Object::Reference(resources));
        named.push((form_name(n), contents));
    }
    let dict = lo.get_dictionary_mut(xobjects).map_err(|_| broken())?;
    for (name, id) in named {
        dict.set(name, Object::Reference(id));
    }
    let tree = lo
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|_| broken())?;
    let tree = lo.get_dictionary_mut(tree).map_err(|_| broken())?;
    let kids = pages[..real]
        .iter()
        .map(|&id| Object::Reference(id))
        .collect();
    tree.set("Kids", Object::Array(kids));
    tree.set("Count", Object::Integer(real as i64));
    Ok(())
}

fn form_name(n: usize) -> String {
    format!("Fm{n}")
}

/// An image as the PDF holds it: pixels (deflated: `pixels`, for printpdf an image without
/// pixels, [`placeholder`]), a JPEG's own data (DCT, never decoded here), or a drawing (a form
/// XObject of vector operators in the unit square, as images are).
fn xobject(raster: &Raster, pixels: Option<&PixelStreams>) -> XObject {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let size = |v: u32| DictItem::Int(i64::from(v));
    match raster.pixels() {
        Pixels::Jpeg { data, components } => {
            let dict = BTreeMap::from([
                ("Type".to_string(), name("XObject")),
                ("Subtype".to_string(), name("Image")),
                ("Width".to_string(), size(raster.width())),
                ("Height".to_string(), size(raster.height())),
                (
                    "ColorSpace".to_string(),
                    name(if *components == 1 {
                        "DeviceGray"
                    } else {
                        "DeviceRGB"
                    }),
                ),
                ("BitsPerComponent".to_string(), DictItem::Int(8)),
                ("Filter".to_string(), name("DCTDecode")),
            ]);
            external(dict, data.as_ref().clone(), false, raster)
        }
        Pixels::Vector(tree) => {
            let unit = || {
                DictItem::Array(vec![
                    DictItem::Int(0),
                    DictItem::Int(0),
                    DictItem::Int(1),
                    DictItem::Int(1),
                ])
            };
            let dict = BTreeMap::from([
                ("Type".to_string(), name("XObject")),
                ("Subtype".to_string(), name("Form")),
                ("BBox".to_string(), unit()),
                (
                    "Resources".to_string(),
                    DictItem::Dict {
                        map: BTreeMap::new(),
                    },
                ),
            ]);
            let ops = crate::render::pdf_svg::unit_square_ops(tree);
            external(dict, ops, true, raster)
        }
        Pixels::Rgb8(_) | Pixels::Rgba8(_) => XObject::Image(placeholder(raster, pixels)),
    }
}

fn external(
    dict: BTreeMap<String, DictItem>,
    content: Vec<u8>,
    compress: bool,
    raster: &Raster,
) -> XObject {
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress,
        },
        width: Some(printpdf::Px(raster.width() as usize)),
        height: Some(printpdf::Px(raster.height() as usize)),
        dpi: None,
    })
}

/// A pixel image for printpdf to write the dictionaries of (and a soft mask for when `pixels`
/// has an alpha channel), without pixels: it would deflate them again for each document, and
/// its streams are replaced with `pixels`' ([`set_images`]).
fn placeholder(raster: &Raster, pixels: Option<&PixelStreams>) -> RawImage {
    let alpha = pixels.is_some_and(|p| p.alpha.is_some());
    RawImage {
        pixels: RawImageData::U8(Vec::new()),
        width: raster.width() as usize,
        height: raster.height() as usize,
        data_format: if alpha {
            RawImageFormat::RGBA8
        } else {
            RawImageFormat::RGB8
        },
        tag: Vec::new(),
    }
}

/// Puts each pixel image's streams, deflated once for the build ([`Shared`]), in place of the
/// empty ones printpdf wrote for it: the image named `id` in the document's XObject resources,
/// and its soft mask.
fn set_images(
    lo: &mut lopdf::Document,
    images: &[(XObjectId, Arc<PixelStreams>)],
) -> Result<(), PdfError> {
    if images.is_empty() {
        return Ok(());
    }
    let broken = || PdfError::Write("an image's stream is missing".into());
    let first = *lo.get_pages().values().next().ok_or_else(broken)?;
    let xobjects = page_xobjects(lo, first).ok_or_else(broken)?;
    for (id, pixels) in images {
        let image = lo
            .get_dictionary(xobjects)
            .and_then(|d| d.get(id.0.as_bytes()))
            .and_then(Object::as_reference)
            .map_err(|_| broken())?;
        let Some(Object::Stream(stream)) = lo.objects.get_mut(&image) else {
            return Err(broken());
        };
        stream.set_content(pixels.colour.clone());
        let mask = stream
            .dict
            .get(b"SMask")
            .and_then(Object::as_reference)
            .ok();
        if let (Some(mask), Some(alpha)) = (mask, &pixels.alpha) {
            let Some(Object::Stream(stream)) = lo.objects.get_mut(&mask) else {
                return Err(broken());
            };
            stream.set_content(alpha.clone());
        }
    }
    Ok(())
}

/// The document's XObject resources, as a page's resources name them: printpdf writes one
/// dictionary, which every page shares.
fn page_xobjects(lo: &lopdf::Document, page: ObjectId) -> Option<ObjectId> {
    let resources = lo
        .get_dictionary(page)
        .and_then(|d| d.get(b"Resources"))
        .and_then(Object::as_reference)
        .ok()?;
    lo.get_dictionary(resources)
        .and_then(|r| r.get(b"XObject"))
        .and_then(Object::as_reference)
        .ok()
}

/// The content of one page, painted in item order, each piece inside a marked-content
/// sequence: tagged with an MCID when it belongs to a structure element, an artifact otherwise.
/// Returned with the page's links, printpdf's to write as annotations.
fn page_content(
    page: &Page,
    page_index: usize,
    painter: &mut Painter,
    tree: &mut Structure,
    doc: &Document,
) -> Result<(Vec<u8>, Vec<Op>), PdfError> {
    let page_count = doc.pages.len();
    let height = page.height;
    // PDF's origin is the bottom-left corner.
    let flip = |p: Point| (p.x, height - p.y);
    let mut content = Content::new();
    let mut links = Vec::new();
    tree.mcids.push(Vec::new());
    // The marked-content sequence open in the stream: consecutive items of one element share it.
    let mut open: Option<Mark> = None;
    for positioned in &page.items {
        let pos = positioned.pos;
        let shape = matches!(positioned.item, Item::Rect(_) | Item::Line(_));
        if matches!(
            positioned.item,
            Item::Text(_) | Item::Rect(_) | Item::Line(_) | Item::Image(_) | Item::Group(_)
        ) {
            // A group is read like text: inside a figure (a slide drawn small in a handout), it
            // is decoration, the figure's description says it and its text is not read again.
            let text = matches!(positioned.item, Item::Text(_) | Item::Group(_));
            let wanted = tree.target(shape, text);
            let same = match (open, wanted) {
                (Some(Mark::Artifact), None) => true,
                (Some(Mark::Tagged { elem, .. }), Some(w)) => elem == w,
                _ => false,
            };
            if !same {
                if open.is_some() {
                    content.end_marked();
                }
                open = Some(tree.begin(&mut content, page_index, wanted));
            }
            if let (Some(Mark::Tagged { elem, .. }), Some(b)) =
                (open, item_bounds(positioned, height))
            {
                tree.grow_bbox(elem, page_index, b);
            }
        }
        match &positioned.item {
            Item::Open(role) => tree.open(role),
            Item::Close => tree.close(),
            Item::Link(link) => {
                let (x, top) = flip(pos);
                let action = match &link.target {
                    // The parser removed such links already (with a warning); a page model built
                    // another way must not bring them back.
                    LinkTarget::Uri(uri) if crate::deck::is_dangerous_url(uri) => continue,
                    LinkTarget::Uri(uri) => Actions::Uri(uri.clone()),
                    LinkTarget::Page(target) => {
                        if *target >= page_count {
                            return Err(PdfError::MissingPage {
                                target: *target,
                                pages: page_count,
                            });
                        }
                        // printpdf numbers destination pages from 1.
                        Actions::Goto(Destination::Xyz {
                            page: target + 1,
                            left: None,
                            top: None,
                            zoom: None,
                        })
                    }
                };
                let area = Rect {
                    x: Pt(x),
                    y: Pt(top - link.size.height),
                    width: Pt(link.size.width),
                    height: Pt(link.size.height),
                    mode: None,
                    winding_order: None,
                };
                let contents = match &link.target {
                    LinkTarget::Uri(uri) => uri.clone(),
                    LinkTarget::Page(target) => page_name(doc, *target),
                };
                tree.link(page_index, links.len(), contents);
                links.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        area,
                        action,
                        // No border: links are styled in the text itself.
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
            _ => painter.paint(&mut content, positioned, height, 0.0),
        }
    }
    if open.is_some() {
        content.end_marked();
    }
    Ok((content.into_bytes(), links))
}

/// What painting items needs besides the stream written to: the fonts and forms, and what it
/// gathers on the way: the images drawn (named in order of first use) and the glyphs shown.
struct Painter<'a> {
    fonts: &'a BTreeMap<FontId, EmbeddedFont>,
    forms: &'a FormTable,
    images: ImageTable,
    /// For each font, by its number: whether each code (subset glyph id) was shown.
    shown: Vec<Vec<bool>>,
}

impl<'a> Painter<'a> {
    fn new(fonts: &'a BTreeMap<FontId, EmbeddedFont>, forms: &'a FormTable) -> Self {
        Painter {
            fonts,
            forms,
            images: ImageTable::default(),
            shown: vec![Vec::new(); fonts.len()],
        }
    }

    /// Draws one item on a surface `height` high (a page, or a form in its own units), strokes
    /// at least `hairline` wide. Structure and links are the page's: nothing here.
    fn paint(&mut self, out: &mut Content, positioned: &Positioned, height: f32, hairline: f32) {
        let pos = positioned.pos;
        // PDF's origin is the bottom-left corner.
        let flip = |p: Point| (p.x, height - p.y);
        let widened = |stroke: Stroke| {
            if stroke.width < hairline {
                Stroke {
                    width: hairline,
                    ..stroke
                }
            } else {
                stroke
            }
        };
        match &positioned.item {
            Item::Open(_) | Item::Close | Item::Link(_) => {}
            Item::Text(run) => {
                if let Some(font) = self.fonts.get(&run.font) {
                    let shown = &mut self.shown[font.number];
                    text(out, run, font, shown, flip(pos));
                }
            }
            Item::Rect(rect) => {
                let (x, top) = flip(pos);
                let (w, h) = (rect.size.width, rect.size.height);
                let mode = match (rect.fill, rect.stroke) {
                    (Some(_), Some(_)) => Paint::FillStroke,
                    (Some(_), None) => Paint::Fill,
                    (None, Some(_)) => Paint::Stroke,
                    (None, None) => return,
                };
                if let Some(fill) = rect.fill {
                    out.fill_colour(fill);
                }
                if let Some(stroke) = rect.stroke {
                    stroke_style(out, widened(stroke));
                }
                let radius = rect.radius.min(w / 2.0).min(h / 2.0);
                if radius > 0.0 {
                    out.polygon(&rounded_rect(x, top - h, w, h, radius), mode);
                } else {
                    out.rect(x, top - h, w, h, mode);
                }
            }
            Item::Line(line) => {
                stroke_style(out, widened(line.stroke));
                let end = Point::new(pos.x + line.end.x, pos.y + line.end.y);
                out.line(flip(pos), flip(end));
            }
            Item::Image(image) => {
                let id = self.images.id_for(&image.image);
                let (x, top) = flip(pos);
                let (w, h) = (image.size.width, image.size.height);
                // An image is a unit square: scale it to the box, then move it there.
                out.draw_xobject(&id.0, [w, 0.0, 0.0, h, x, top - h]);
            }
            Item::Group(group) => {
                let (x, top) = flip(pos);
                let s = group.scale;
                // The group's box in its own units, origin bottom-left: scaled, then moved so
                // that its top-left corner is the group's position.
                let matrix = [s, 0.0, 0.0, s, x, top - group.size.height * s];
                if let Some(n) = self.forms.index(&group.items) {
                    out.draw_xobject(&form_name(n), matrix);
                    return;
                }
                // Placed once: its items drawn here, in its units and clipped to its box, as a
                // form would be. Hairlines are kept visible on paper, whatever the scale.
                out.save();
                out.transform(matrix);
                out.rect(0.0, 0.0, group.size.width, group.size.height, Paint::Clip);
                let hairline = if s > 0.0 {
                    hairline.max(HAIRLINE) / s
                } else {
                    hairline
                };
                for positioned in group.items.iter() {
                    self.paint(out, positioned, group.size.height, hairline);
                }
                out.restore();
            }
        }
    }

    /// The operations telling printpdf which glyphs each font shows and the text each stands
    /// for, from which it writes the font's `/W` widths and `/ToUnicode` map: for each font
    /// that shows any, a text object showing each of them once, in code order. (The stream
    /// printpdf writes from them is replaced like every other, [`set_contents`].)
    fn glyphs_shown(&self) -> Vec<Op> {
        let mut ops = Vec::new();
        for font in self.fonts.values() {
            let shown = &self.shown[font.number];
            let mut texts: Vec<Option<&str>> = vec![None; shown.len()];
            for glyph in font.glyphs.iter().flatten() {
                if let Some(slot) = texts.get_mut(usize::from(glyph.code)) {
                    *slot = Some(glyph.text.as_str());
                }
            }
            let codepoints: Vec<Codepoint> = (0..=u16::MAX)
                .zip(shown)
                .filter(|(_, &shown)| shown)
                .map(|(code, _)| Codepoint {
                    gid: code,
                    offset: 0.0,
                    cid: Some(texts[usize::from(code)].unwrap_or("").to_string()),
                })
                .collect();
            if codepoints.is_empty() {
                continue;
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.resource.clone()),
                size: Pt(1.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(codepoints)],
            });
            ops.push(Op::EndTextSection);
        }
        ops
    }
}

/// Puts diapo's content streams, one for each page printpdf wrote (the document's, then the
/// forms'), in place of the ones printpdf wrote for them. Returns their objects, sorted.
fn set_contents(
    lo: &mut lopdf::Document,
    contents: Vec<Vec<u8>>,
) -> Result<Vec<ObjectId>, PdfError> {
    let broken = || PdfError::Write("a page's content stream is missing".into());
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if pages.len() != contents.len() {
        return Err(broken());
    }
    let mut streams = Vec::with_capacity(pages.len());
    for (page, bytes) in pages.into_iter().zip(contents) {
        let id = lo
            .get_dictionary(page)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|_| broken())?;
        let Some(Object::Stream(stream)) = lo.objects.get_mut(&id) else {
            return Err(broken());
        };
        stream.set_content(bytes);
        streams.push(id);
    }
    streams.sort_unstable();
    Ok(streams)
}

/// What a link leading to a page of this document is called: the bookmark of that page when
/// there is one (a slide's title), else its number.
fn page_name(doc: &Document, target: usize) -> String {
    fn find(entries: &[OutlineEntry], page: usize) -> Option<&str> {
        entries.iter().find_map(|e| {
            if e.page == page {
                Some(e.title.as_str())
            } else {
                find(&e.children, page)
            }
        })
    }
    find(&doc.outline, target)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}", target + 1))
}

/// Where an item paints, in PDF coordinates (left, bottom, right, top), for figures' boxes.
fn item_bounds(p: &crate::layout::page::Positioned, height: f32) -> Option<[f32; 4]> {
    let (x, y) = (p.pos.x, p.pos.y);
    let (l, t, r, b) = match &p.item {
        Item::Rect(rect) => (x, y, x + rect.size.width, y + rect.size.height),
        Item::Image(image) => (x, y, x + image.size.width, y + image.size.height),
        Item::Group(group) => {
            let size = group.scaled_size();
            (x, y, x + size.width, y + size.height)
        }
        Item::Line(line) => (
            x.min(x + line.end.x),
            y.min(y + line.end.y),
            x.max(x + line.end.x),
            y.max(y + line.end.y),
        ),
        Item::Text(run) => {
            let last = run.glyphs.last().map_or(0.0, |g| g.x) + run.size * 0.6;
            (x, y - run.size, x + last, y + run.size * 0.3)
        }
        _ => return None,
    };
    Some([l, height - b, r, height - t])
}

/// A marked-content sequence: decoration, or the content of a structure element.
#[derive(Debug, Clone, Copy)]
enum Mark {
    Artifact,
    Tagged { elem: usize },
}

/// One structure element, as layout opened it.
struct Elem {
    role: Option<Role>,
    /// The element this one is a kid of (the document's is itself).
    parent: usize,
    kids: Vec<Kid>,
    /// The page the element's box is on, and the box (PDF coordinates): kept for figures.
    bbox: Option<(usize, [f32; 4])>,
}

enum Kid {
    Elem(usize),
    /// Marked content on a page.
    Content {
        page: usize,
        mcid: usize,
    },
    /// A link annotation: the page and its place among the page's annotations.
    Annot {
        page: usize,
        index: usize,
    },
}

/// The logical structure gathered while pages are written: element 0 is the document; layout's
/// `Open`/`Close` items add elements below it. Elements may span pages (a handout section).
struct Structure {
    elems: Vec<Elem>,
    /// The open elements, innermost last; `None` for an artifact.
    stack: Vec<Option<usize>>,
    /// For each page, the element each MCID belongs to.
    mcids: Vec<Vec<usize>>,
    /// Link annotations in order: page, index on the page, element, description.
    links: Vec<(usize, usize, usize, String)>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            elems: vec![Elem {
                role: None,
                parent: 0,
                kids: Vec::new(),
                bbox: None,
            }],
            stack: Vec::new(),
            mcids: Vec::new(),
            links: Vec::new(),
        }
    }
}

impl Structure {
    /// The innermost open element (the document when none is).
    fn current(&self) -> usize {
        self.stack.iter().rev().find_map(|e| *e).unwrap_or(0)
    }

    fn close(&mut self) {
        self.stack.pop();
    }

    fn open(&mut self, role: &Role) {
        // Inside an artifact, nothing is structure.
        if *role == Role::Artifact || self.stack.iter().any(Option::is_none) {
            self.stack.push(None);
            return;
        }
        let index = self.elems.len();
        let parent = self.current();
        self.elems.push(Elem {
            role: Some(role.clone()),
            parent,
            kids: Vec::new(),
            bbox: None,
        });
        self.elems[parent].kids.push(Kid::Elem(index));
        self.stack.push(Some(index));
    }

    /// The element a content item belongs to, or `None` for decoration: the drawing inside a
    /// figure is the figure's (its text is decoration: the alternative text says it, as a
    /// slide drawn small in a handout is described once, not read again); otherwise text and
    /// images belong to the innermost element unless it only groups others, and shapes are
    /// decoration.
    fn target(&self, shape: bool, text: bool) -> Option<usize> {
        if self.stack.iter().any(Option::is_none) {
            return None;
        }
        if let Some(figure) = self
            .stack
            .iter()
            .flatten()
            .find(|&&e| matches!(self.elems[e].role, Some(Role::Figure { .. })))
        {
            return (!text).then_some(*figure);
        }
        let top = (*self.stack.last()?)?;
        match &self.elems[top].role {
            Some(role) if !shape && !role.is_grouping() => Some(top),
            _ => None,
        }
    }

    /// Opens a marked-content sequence for `elem` (or an artifact).
    fn begin(&mut self, out: &mut Content, page: usize, elem: Option<usize>) -> Mark {
        let Some(elem) = elem else {
            out.begin_marked("Artifact");
            return Mark::Artifact;
        };
        let mcids = match self.mcids.get_mut(page) {
            Some(m) => m,
            None => {
                self.mcids.resize_with(page + 1, Vec::new);
                &mut self.mcids[page]
            }
        };
        let mcid = mcids.len();
        mcids.push(elem);
        self.elems[elem].kids.push(Kid::Content { page, mcid });
        let tag = self.elems[elem]
            .role
            .as_ref()
            .map_or("Span", |r| structure_type(r).0);
        out.begin_marked_mcid(tag, mcid);
        Mark::Tagged { elem }
    }

    fn grow_bbox(&mut self, elem: usize, page: usize, b: [f32; 4]) {
        let slot = &mut self.elems[elem].bbox;
        *slot = match *slot {
            Some((p, [l, bo, r, t])) if p == page => {
                Some((p, [l.min(b[0]), bo.min(b[1]), r.max(b[2]), t.max(b[3])]))
            }
            Some(kept) => Some(kept),
            None => Some((page, b)),
        };
    }

    /// A link annotation: its own `Link` element, inside the element it is read in.
    fn link(&mut self, page: usize, index: usize, contents: String) {
        let parent = self.current();
        let elem = self.elems.len();
        self.elems.push(Elem {
            role: None,
            parent,
            kids: vec![Kid::Annot { page, index }],
            bbox: None,
        });
        self.elems[parent].kids.push(Kid::Elem(elem));
        self.links.push((page, index, elem, contents));
    }
}

/// The PDF structure type of a role, and whether it is a heading.
fn structure_type(role: &Role) -> (&'static str, bool) {
    match role {
        Role::Section => ("Sect", false),
        Role::Heading { level } => (
            match level {
                0 | 1 => "H1",
                2 => "H2",
                3 => "H3",
                4 => "H4",
                5 => "H5",
                _ => "H6",
            },
            true,
        ),
        Role::Paragraph => ("P", false),
        Role::List => ("L", false),
        Role::ListItem => ("LI", false),
        Role::Label => ("Lbl", false),
        Role::ListBody => ("LBody", false),
        Role::Table => ("Table", false),
        Role::TableRow => ("TR", false),
        Role::HeaderCell => ("TH", false),
        Role::Cell => ("TD", false),
        Role::Figure { .. } => ("Figure", false),
        Role::Quote => ("BlockQuote", false),
        Role::Code => ("Code", false),
        Role::Caption => ("Caption", false),
        // Never written: artifacts are not elements.
        Role::Artifact => ("Artifact", false),
    }
}

/// Writes the structure tree gathered with the pages: the tree root and its parent tree, the
/// elements, `/StructParents` on pages and `/StructParent` on link annotations (made indirect
/// objects so that `OBJR` can point at them), and the document-level keys PDF/UA asks for.
fn write_structure(
    lo: &mut lopdf::Document,
    doc: &Document,
    tree: &Structure,
) -> Result<(), PdfError> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let page_id = |page: usize| {
        pages.get(page).copied().ok_or(PdfError::MissingPage {
            target: page,
            pages: pages.len(),
        })
    };
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = tree.elems.iter().map(|_| lo.new_object_id()).collect();

    // Link annotations: printpdf writes them inline in /Annots; each becomes an object.
    let mut annots: BTreeMap<(usize, usize), ObjectId> = BTreeMap::new();
    let first_annot_key = pages.len() as i64;
    for (n, (page, index, _, contents)) in tree.links.iter().enumerate() {
        let pid = page_id(*page)?;
        let dict = lo
            .get_dictionary(pid)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| a.as_array().ok())
            .and_then(|a| a.get(*index))
            .and_then(|a| a.as_dict().ok())
            .cloned();
        let Some(mut dict) = dict else {
            return Err(PdfError::Write("a link annotation is missing".into()));
        };
        dict.set("StructParent", Object::Integer(first_annot_key + n as i64));
        dict.set("Contents", text_string(contents));
        dict.set("P", Object::Reference(pid));
        let id = lo.add_object(Object::Dictionary(dict));
        annots.insert((*page, *index), id);
    }
    for (page, pid) in pages.iter().enumerate() {
        let refs: Vec<Object> = annots
            .range((page, 0)..(page + 1, 0))
            .map(|(_, id)| Object::Reference(*id))
            .collect();
        if let Ok(dict) = lo.get_dictionary_mut(*pid) {
            dict.set("StructParents", Object::Integer(page as i64));
            if !refs.is_empty() {
                dict.set("Annots", Object::Array(refs));
                // Tab order follows the structure.
                dict.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
    }

    for (index, elem) in tree.elems.iter().enumerate() {
        let parent = if index == 0 { root } else { ids[elem.parent] };
        // Content on one page is named by its bare MCID, with the page on the element: a
        // tenth of the bytes of a marked-content reference, which only content spread over
        // pages needs.
        let mut content_pages = elem.kids.iter().filter_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            _ => None,
        });
        let one_page = content_pages
            .next()
            .filter(|first| content_pages.all(|p| p == *first));
        let mut kids = Vec::new();
        for kid in &elem.kids {
            kids.push(match kid {
                Kid::Elem(i) => Object::Reference(ids[*i]),
                Kid::Content { mcid, .. } if one_page.is_some() => Object::Integer(*mcid as i64),
                Kid::Content { page, mcid } => Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"MCR".to_vec())),
                    ("Pg", Object::Reference(page_id(*page)?)),
                    ("MCID", Object::Integer(*mcid as i64)),
                ])),
                Kid::Annot { page, index } => {
                    let annot = annots
                        .get(&(*page, *index))
                        .copied()
                        .ok_or_else(|| PdfError::Write("a link annotation is missing".into()))?;
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Pg", Object::Reference(page_id(*page)?)),
                        ("Obj", Object::Reference(annot)),
                    ]))
                }
            });
        }
        let kind = match (&elem.role, index) {
            (_, 0) => "Document",
            (Some(role), _) => structure_type(role).0,
            (None, _) => "Link",
        };
        let mut dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(kind.as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
        ]);
        if let Some(page) = one_page {
            dict.set("Pg", Object::Reference(page_id(page)?));
        }
        // A lone kid is written bare rather than in an array, as most writers do (the pdfua
        // checker's empty-heading rule cannot read a heading whose /K is an array).
        if kids.len() == 1 {
            dict.set("K", kids.remove(0));
        } else {
            dict.set("K", Object::Array(kids));
        }
        match &elem.role {
            Some(Role::Figure { alt }) => {
                dict.set("Alt", text_string(alt));
                if let Some((page, [l, b, r, t])) = elem.bbox {
                    dict.set("Pg", Object::Reference(page_id(page)?));
                    dict.set(
                        "A",
                        Dictionary::from_iter(vec![
                            ("O", Object::Name(b"Layout".to_vec())),
                            (
                                "BBox",
                                Object::Array(vec![
                                    Object::Real(round(l)),
                                    Object::Real(round(b)),
                                    Object::Real(round(r)),
                                    Object::Real(round(t)),
                                ]),
                            ),
                        ]),
                    );
                }
            }
            Some(Role::HeaderCell) => {
                dict.set(
                    "A",
                    Dictionary::from_iter(vec![
                        ("O", Object::Name(b"Table".to_vec())),
                        ("Scope", Object::Name(b"Column".to_vec())),
                    ]),
                );
            }
            _ => {}
        }
        lo.objects.insert(ids[index], Object::Dictionary(dict));
    }

    // The parent tree: for each page, the element of each MCID; for each annotation, its Link.
    let mut nums = Vec::new();
    for (page, mcids) in tree.mcids.iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            mcids.iter().map(|e| Object::Reference(ids[*e])).collect(),
        ));
    }
    for (n, (_, _, elem, _)) in tree.links.iter().enumerate() {
        nums.push(Object::Integer(first_annot_key + n as i64));
        nums.push(Object::Reference(ids[*elem]));
    }
    let parent_tree = lo.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    lo.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(ids[0])),
            ("ParentTree", Object::Reference(parent_tree)),
            (
                "ParentTreeNextKey",
                Object::Integer(first_annot_key + tree.links.len() as i64),
            ),
        ])),
    );

    let metadata = lo.add_object(lopdf::Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(doc).into_bytes(),
    ));
    if let Object::Stream(stream) = lo
        .objects
        .get_mut(&metadata)
        .ok_or_else(|| PdfError::Write("metadata stream missing".into()))?
    {
        // Left readable, as XMP is meant to be found by tools that do not parse PDF.
        stream.allows_compression = false;
    }
    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    catalog.set("Metadata", Object::Reference(metadata));
    Ok(())
}

/// Two decimals: enough for a box, and no float noise in the file.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The XMP packet: title, author, language and the PDF/UA-1 identification.
fn xmp(doc: &Document) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let lang = if doc.meta.lang.is_empty() {
        "x-default".to_string()
    } else {
        escape(&doc.meta.lang)
    };
    let date = printpdf::OffsetDateTime::from_unix_timestamp(doc.meta.created)
        .map(|d| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                d.year(),
                d.month() as u8,
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            )
        })
        .unwrap_or_default();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>diapo {version}</pdf:Producer>
<xmp:CreatorTool>diapo</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = escape(&doc.meta.title),
        author = escape(&doc.meta.author),
        subject = escape(&doc.meta.subject),
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// `RG` and `w` for a stroke.
fn stroke_style(out: &mut Content, stroke: Stroke) {
    out.stroke_colour(stroke.colour);
    out.line_width(stroke.width);
}

/// A rectangle with quarter-circle corners (cubic approximation), in PDF coordinates: the
/// points of [`Content::polygon`], `true` for a Bézier control point.
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> [((f32, f32), bool); 17] {
    // Control point distance for a quarter circle.
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    [
        ((x + r, y), false),
        ((x1 - r, y), false),
        ((x1 - r + k, y), true),
        ((x1, y + r - k), true),
        ((x1, y + r), false),
        ((x1, y1 - r), false),
        ((x1, y1 - r + k), true),
        ((x1 - r + k, y1), true),
        ((x1 - r, y1), false),
        ((x + r, y1), false),
        ((x + r - k, y1), true),
        ((x, y1 - r + k), true),
        ((x, y1 - r), false),
        ((x, y + r), false),
        ((x, y + r - k), true),
        ((x + r - k, y), true),
        ((x + r, y), false),
    ]
}

/// One text object for a run: glyphs shown with `TJ`, each followed by the adjustment that
/// moves the pen from where the font's advance leaves it to where layout placed the next
/// glyph (kerning). A change of vertical offset starts a new positioned segment. Each glyph
/// written is marked in `shown`, indexed by its code.
fn text(
    out: &mut Content,
    run: &TextRun,
    font: &EmbeddedFont,
    shown: &mut Vec<bool>,
    (x, y): (f32, f32),
) {
    // Also skips NaN sizes.
    if run.glyphs.is_empty() || run.size.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return;
    }
    out.begin_text();
    out.font(&font.resource.0, run.size);
    out.fill_colour(run.colour);
    let mut start = 0;
    while start < run.glyphs.len() {
        let dy = run.glyphs[start].y;
        let end = run.glyphs[start..]
            .iter()
            .position(|g| g.y != dy)
            .map_or(run.glyphs.len(), |n| start + n);
        let segment = &run.glyphs[start..end];
        let first = segment[0];
        out.text_at(x + first.x, y - first.y);
        // Where the viewer's pen is, in 1/1000 em from the segment start. Adjustments are
        // rounded to 0.1 (invisible, and it keeps float noise out of the stream), and each is
        // computed from the pen the rounded ones produce, so rounding never accumulates.
        let origin = first.x;
        let mut pen = 0.0_f64;
        for (i, glyph) in segment.iter().enumerate() {
            let out_glyph = font.glyph(glyph.id);
            pen += out_glyph.map_or(0, |g| g.width) as f64;
            let offset = match segment.get(i + 1) {
                Some(next) => {
                    let wanted = f64::from(next.x - origin) * 1000.0 / f64::from(run.size);
                    let adjust = ((pen - wanted) * 10.0).round() / 10.0;
                    pen -= adjust;
                    adjust as f32
                }
                None => 0.0,
            };
            let (code, width) = match out_glyph {
                Some(g) => (g.code, g.width),
                // Never for a glyph of the document (all are subset); written as printpdf
                // would: .notdef, as wide as the font's /W says.
                None => (0, font.notdef_width),
            };
            out.glyph(code, width, offset);
            let code = usize::from(code);
            if shown.len() <= code {
                shown.resize(code + 1, false);
            }
            shown[code] = true;
        }
        start = end;
    }
    out.end_text();
}

/// What printpdf does not write: language, title display, nested outline; and no empty
/// or misleading info entries.
fn finish(lo: &mut lopdf::Document, doc: &Document) -> Result<(), PdfError> {
    lo.version = "1.7".into();
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();

    let outline = if doc.outline.is_empty() {
        None
    } else {
        let root = lo.new_object_id();
        let (first, last, count) = outline_level(lo, &doc.outline, root, &pages)?;
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(first)),
            ("Last", Object::Reference(last)),
            ("Count", Object::Integer(count)),
        ]);
        lo.objects.insert(root, Object::Dictionary(dict));
        Some(root)
    };

    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    if !doc.meta.lang.is_empty() {
        catalog.set(
            "Lang",
            Object::String(doc.meta.lang.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    if let Some(root) = outline {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }

    // printpdf writes PDF/X and identification keys even when empty; an empty
    // GTS_PDFXVersion in particular confuses preflight tools.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = lo.get_dictionary_mut(info) {
            for key in ["GTS_PDFXVersion", "Identifier", "Keywords"] {
                let empty = info
                    .get(key.as_bytes())
                    .ok()
                    .and_then(|v| v.as_str().ok())
                    .is_some_and(<[u8]>::is_empty);
                if empty {
                    info.remove(key.as_bytes());
                }
            }
        }
    }
    Ok(())
}

/// Writes one level of outline items under `parent`; returns the first and last item and how
/// many items are visible below the parent (all levels open).
fn outline_level(
    lo: &mut lopdf::Document,
    entries: &[OutlineEntry],
    parent: ObjectId,
    pages: &[ObjectId],
) -> Result<(ObjectId, ObjectId, i64), PdfError> {
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    let mut visible = 0;
    for (i, entry) in entries.iter().enumerate() {
        let page = *pages.get(entry.page).ok_or(PdfError::MissingPage {
            target: entry.page,
            pages: pages.len(),
        })?;
        let mut dict = Dictionary::from_iter(vec![
            ("Title", text_string(&entry.title)),
            ("Parent", Object::Reference(parent)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Null,
                    Object::Null,
                ]),
            ),
        ]);
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        visible += 1;
        if !entry.children.is_empty() {
            let (first, last, count) = outline_level(lo, &entry.children, ids[i], pages)?;
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Positive: the entry is open, its children shown.
            dict.set("Count", Object::Integer(count));
            visible += count;
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }
    match (ids.first(), ids.last()) {
        (Some(&first), Some(&last)) => Ok((first, last, visible)),
        // Callers never pass an empty level; an empty outline is not written at all.
        _ => Err(PdfError::Write("empty outline level".into())),
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, so any title survives.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// 16 bytes identifying a file's content (two FNV-1a hashes; not cryptographic, only stable),
/// both taken in one pass over the file.
fn digest(bytes: &[u8]) -> [u8; 16] {
    let mut a = Fnv::new();
    let mut b = Fnv::with_basis(0x6c62_272e_07bb_0142);
    for &byte in bytes {
        a.byte(byte);
        b.byte(byte);
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.finish().to_be_bytes());
    out[8..].copy_from_slice(&b.finish().to_be_bytes());
    out
}

/// FNV-1a, 64 bits: tiny, and unlike std's hasher guaranteed stable across Rust releases.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv::with_basis(0xcbf2_9ce4_8422_2325)
    }

    fn with_basis(basis: u64) -> Self {
        Fnv(basis)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_subset_is_made_once_for_the_same_face_and_glyphs() {
        let shared = Shared::default();
        let made = AtomicUsize::new(0);
        let make = |bytes: &'static [u8]| {
            let made = &made;
            move || {
                made.fetch_add(1, Ordering::SeqCst);
                Ok(bytes.to_vec())
            }
        };
        let face = FontId(1);
        assert_eq!(
            shared.subset(face, vec![3, 5], make(b"a")),
            Ok(b"a".to_vec())
        );
        // The same glyphs of the same face: the subset made first, not made again.
        assert_eq!(
            shared.subset(face, vec![3, 5], make(b"b")),
            Ok(b"a".to_vec())
        );
        assert_eq!(made.load(Ordering::SeqCst), 1);
        // Other glyphs, or another face: a subset of their own.
        assert_eq!(shared.subset(face, vec![3], make(b"c")), Ok(b"c".to_vec()));
        assert_eq!(
            shared.subset(FontId(2), vec![3, 5], make(b"d")),
            Ok(b"d".to_vec())
        );
        assert_eq!(made.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_deflater_serves_many_streams_each_inflating_to_its_bytes() {
        use std::io::Read as _;
        let inflate = |z: &[u8]| {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(z)
                .read_to_end(&mut out)
                .expect("a zlib stream");
            out
        };
        let text: Vec<u8> = (0..4000u32)
            .flat_map(|i| format!("{} {} Td (é{}) Tj\n", i % 97, i % 13, i % 7).into_bytes())
            .collect();
        let noise: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let mut deflate = Deflate::default();
        for level in [1, 6, IMAGE_LEVEL] {
            // A long stream, a short one, an empty one and noise, one after the other through the
            // same compressor: none takes anything from the one before.
            for data in [
                &text[..],
                b"q 1 0 0 1 0 0 cm Q",
                b"",
                &noise[..],
                &text[..100],
            ] {
                let z = deflate.zlib(level, data).expect("deflated");
                assert_eq!(inflate(&z), data, "level {level}, {} bytes", data.len());
            }
            let z = deflate.zlib(level, &text).expect("deflated");
            assert!(z.len() * 3 < text.len(), "level {level}: {} bytes", z.len());
        }
        // A level libdeflate does not have: no stream, and no panic.
        assert!(deflate.zlib(13, b"x").is_none());
    }
}
