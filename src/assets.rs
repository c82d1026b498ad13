//! Images of a deck, loaded once for every output: read from inside the deck's folder, decoded
//! with bounded memory, downscaled when larger than a slide can show, and kept both as pixels (for
//! the PDF) and as encoded bytes (for the HTML's data URIs). SVG images are parsed and sanitised
//! (`svg`), and kept as a vector drawing.

mod downscale;
pub mod svg;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::input::confine;
pub use crate::limits::megabytes;
use crate::limits::{
    DOWNSCALE_HEIGHT, DOWNSCALE_WIDTH, MAX_DECODE_BYTES, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE,
    MAX_TOTAL_IMAGE_BYTES, UNCHECKED_PIXELS,
};
use crate::model::Deck;
use crate::rules::Rule;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct LoadedImage {
    pub width: u32,
    pub height: u32,
    /// RGBA pixels after downscaling (empty for an SVG image).
    pub rgba: Vec<u8>,
    pub has_alpha: bool,
    /// Encoded bytes for the HTML (the original file when it needed no change; for an SVG image,
    /// the sanitised drawing).
    pub encoded: Vec<u8>,
    pub mime: &'static str,
    /// The file as read, before any downscaling: its pixels and its size in bytes.
    pub source_width: u32,
    pub source_height: u32,
    pub source_bytes: u64,
    /// `encoded` is a JPEG the PDF can hold as it is (DCT), with this many colour components (1
    /// or 3); 0 when it cannot (not a JPEG, or CMYK, which readers invert differently).
    pub jpeg_components: u8,
    /// An SVG image, drawn as vectors in the PDF.
    pub vector: Option<Arc<usvg::Tree>>,
}

/// The deck's images, each file once: `a.jpg`, `./a.jpg` and `images/../a.jpg` name the same
/// file, decoded once and stored once in every output.
#[derive(Debug, Default, Clone)]
pub struct ImageStore {
    /// Each file in order of first use, with its key (the resolved path, or a name of diapo's own
    /// such as the brand's logo).
    files: Vec<(String, Arc<LoadedImage>)>,
    /// An image as the deck writes it → its index in `files`.
    by_src: BTreeMap<String, usize>,
}

impl ImageStore {
    pub fn get(&self, src: &str) -> Option<&LoadedImage> {
        self.shared(src).map(Arc::as_ref)
    }

    /// The image as shared by every use of its file.
    pub fn shared(&self, src: &str) -> Option<&Arc<LoadedImage>> {
        self.by_src
            .get(src)
            .and_then(|&i| self.files.get(i))
            .map(|(_, img)| img)
    }

    /// A number for the file behind `src`, the same for every spelling of its path: the HTML
    /// names each image once by it.
    pub fn index_of(&self, src: &str) -> Option<usize> {
        self.by_src.get(src).copied()
    }

    /// Every file, by its index.
    pub fn files(&self) -> impl Iterator<Item = (usize, &LoadedImage)> {
        self.files.iter().map(|(_, img)| img.as_ref()).enumerate()
    }

    /// Loads every local image the deck uses, through the same confinement as the parser's
    /// checks (`roots`: the deck's folder and the `--allow-outside` ones): an image the parser
    /// refused (missing, outside the folder) is skipped, never read. Each file is read and
    /// decoded once, however many paths name it. An image that cannot be decoded is an error at
    /// each line using it, and the others are still loaded, so that `diapo check` can go on;
    /// the build stops on any error.
    pub fn load_all(deck: &Deck, src: &SourceFile, roots: &[PathBuf]) -> (ImageStore, Diagnostics) {
        let mut store = ImageStore::default();
        let mut diags = Diagnostics::default();
        let mut failed: BTreeMap<String, String> = BTreeMap::new();
        let mut total = 0;
        // Every file once, in order of first use; decoded a few at a time in parallel (a photo
        // takes tens of milliseconds), few enough that the memory limit below is checked
        // before many more are held.
        let files = local_files(deck, roots);
        let mut decoded: std::collections::HashMap<String, Result<LoadedImage, String>> =
            std::collections::HashMap::new();
        let mut next = 0;
        for slide in &deck.slides {
            for image in crate::deck::images_of(&slide.body) {
                if store.by_src.contains_key(&image.src)
                    || crate::deck::is_remote(&image.src)
                    || image.src.starts_with("data:")
                {
                    continue;
                }
                let Ok(path) = confine::resolve(&deck.base_dir, &image.src, roots) else {
                    continue;
                };
                let key = path.to_string_lossy().into_owned();
                if let Some(index) = store.files.iter().position(|(k, _)| *k == key) {
                    store.by_src.insert(image.src.clone(), index);
                    continue;
                }
                while !decoded.contains_key(&key) && next < files.len() {
                    use rayon::prelude::*;
                    let chunk = &files[next..(next + DECODE_AT_ONCE).min(files.len())];
                    next += chunk.len();
                    decoded.extend(
                        chunk
                            .par_iter()
                            .map(|(k, p)| (k.clone(), load_image(p)))
                            .collect::<Vec<_>>(),
                    );
                }
                let result = match failed.get(&key) {
                    Some(message) => Err(message.clone()),
                    None => decoded.remove(&key).unwrap_or_else(|| load_image(&path)),
                };
                match result {
                    Ok(img) => {
                        total += img.rgba.len() + img.encoded.len();
                        if total > MAX_TOTAL_IMAGE_BYTES {
                            diags.push(
                                Diagnostic::error(format!(
                                    "the deck's images take more than {} once loaded",
                                    megabytes(MAX_TOTAL_IMAGE_BYTES as u64)
                                ))
                                .rule(Rule::ImagesTooHeavy)
                                .at(crate::deck::image_location(src, image))
                                .with_hint("use fewer images, or smaller ones (a slide never shows more than 1920×1080 pixels)"),
                            );
                            return (store, diags);
                        }
                        store.insert(&key, img);
                        store
                            .by_src
                            .insert(image.src.clone(), store.files.len() - 1);
                    }
                    Err(message) => {
                        diags.push(
                            Diagnostic::error(format!(
                                "cannot use the image {}: {message}",
                                image.src
                            ))
                            .rule(Rule::UnreadableImage)
                            .at(crate::deck::image_location(src, image))
                            .with_hint(
                                "use a PNG, JPEG, GIF, WebP, BMP or SVG file of reasonable size",
                            ),
                        );
                        failed.insert(key, message);
                    }
                }
            }
        }
        (store, diags)
    }

    pub fn insert(&mut self, key: &str, image: LoadedImage) {
        self.files.push((key.to_string(), Arc::new(image)));
        self.by_src.insert(key.to_string(), self.files.len() - 1);
    }
}

/// How many image files are decoded at the same time.
const DECODE_AT_ONCE: usize = 4;

/// The deck's local image files that confinement lets through, each once (by resolved path), in
/// order of first use.
fn local_files(deck: &Deck, roots: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for slide in &deck.slides {
        for image in crate::deck::images_of(&slide.body) {
            if crate::deck::is_remote(&image.src) || image.src.starts_with("data:") {
                continue;
            }
            if let Ok(path) = confine::resolve(&deck.base_dir, &image.src, roots) {
                let key = path.to_string_lossy().into_owned();
                if seen.insert(key.clone()) {
                    out.push((key, path));
                }
            }
        }
    }
    out
}

/// Reads and decodes an image with limits on file size, dimensions and memory. An SVG image is
/// told by its name or its first bytes.
pub fn load_image(path: &Path) -> Result<LoadedImage, String> {
    use std::io::Read;
    // Read at most one byte past the limit, whatever the file claims to be.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        let limit = megabytes(MAX_IMAGE_BYTES);
        return Err(match std::fs::metadata(path) {
            Ok(m) if m.len() > MAX_IMAGE_BYTES => {
                format!(
                    "the file is {}, more than the {limit} allowed",
                    megabytes(m.len())
                )
            }
            _ => format!("the file is larger than the {limit} allowed"),
        });
    }
    let named_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"));
    if named_svg || looks_like_svg(&bytes) {
        return crate::assets::svg::decode(&bytes);
    }
    decode(bytes)
}

/// An XML file whose first element is `<svg`, or gzip data (an `.svgz` without its name is
/// still not read as one: only the name says so).
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))
}

/// Most pixels one byte of a file of this format can describe, with a wide margin: deflate
/// (PNG) expands at most 1032 times, 8 pixels a byte at one bit each; a JPEG needs at least two
/// bits per 8×8 block of each component. A header claiming more pixels than its file can hold
/// is a truncated or crafted file, and decoding it would allocate for pixels that are not there.
fn max_pixels_per_byte(format: image::ImageFormat) -> u64 {
    match format {
        image::ImageFormat::Jpeg => 2048,
        _ => 1032 * 8,
    }
}

/// What decoding an image of this size will allocate, about: its pixels, and for a progressive
/// JPEG the coefficients of every component, kept until the last scan (two bytes each).
fn decode_cost(format: image::ImageFormat, width: u32, height: u32, bytes: &[u8]) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    let mut cost = pixels * 4;
    if format == image::ImageFormat::Jpeg {
        if let Some(frame) = jpeg_frame(bytes) {
            cost = pixels * u64::from(frame.components.max(1));
            if frame.progressive {
                cost += pixels * u64::from(frame.components.max(1)) * 2;
            }
        }
    }
    cost
}

/// Refuses, before anything is allocated, an image whose header claims more than the limits or
/// than its file can hold; each message says which limit it met.
fn check_claimed_size(
    format: image::ImageFormat,
    width: u32,
    height: u32,
    bytes: &[u8],
) -> Result<(), String> {
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(format!(
            "the image is {width}×{height} pixels, more than the {MAX_IMAGE_SIDE} allowed across or down"
        ));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > UNCHECKED_PIXELS
        && pixels > (bytes.len() as u64).saturating_mul(max_pixels_per_byte(format))
    {
        return Err(format!(
            "its header claims {width}×{height} pixels, which its {} bytes cannot hold: the file is truncated or damaged",
            bytes.len()
        ));
    }
    let cost = decode_cost(format, width, height, bytes);
    if cost > MAX_DECODE_BYTES {
        return Err(format!(
            "decoding its {width}×{height} pixels would take about {}, more than the {} allowed",
            megabytes(cost),
            megabytes(MAX_DECODE_BYTES)
        ));
    }
    Ok(())
}

/// What a JPEG's frame header says: its colour components and whether it is progressive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    pub components: u8,
    pub progressive: bool,
}

/// Walks a JPEG's marker segments to its frame header (SOF0–SOF15, less DHT, JPG and DAC).
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may pad between segments.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return Some(JpegFrame {
                components: *bytes.get(at + 9)?,
                progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
            });
        }
        if marker == 0xDA || length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

/// Decodes a raster image (PNG, JPEG, GIF — its first frame —, WebP, BMP), within the limits.
pub fn decode(bytes: Vec<u8>) -> Result<LoadedImage, String> {
    let source_bytes = bytes.len();
    let reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    const NOT_AN_IMAGE: &str = "not a PNG, JPEG, GIF, WebP, BMP or SVG image";
    let format = reader.format().ok_or(NOT_AN_IMAGE)?;
    let mime = match format {
        image::ImageFormat::Png => "image/png",
        image::ImageFormat::Jpeg => "image/jpeg",
        image::ImageFormat::Gif => "image/gif",
        image::ImageFormat::WebP => "image/webp",
        image::ImageFormat::Bmp => "image/bmp",
        _ => return Err(NOT_AN_IMAGE.into()),
    };
    // The header's size, read without decoding, is checked before the decoder allocates.
    let (claimed_w, claimed_h) = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_dimensions()
        .map_err(|_| "the image is damaged or unreadable".to_string())?;
    check_claimed_size(format, claimed_w, claimed_h, &bytes)?;
    let mut reader = reader;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(l) => match l.kind() {
            image::error::LimitErrorKind::DimensionError => {
                format!("the image is larger than {MAX_IMAGE_SIDE} pixels across or down")
            }
            _ => format!(
                "decoding it would take more than the {} allowed",
                megabytes(MAX_DECODE_BYTES)
            ),
        },
        image::ImageError::Unsupported(_) => "this kind of image is not supported".to_string(),
        _ => "the image is damaged or unreadable".to_string(),
    })?;
    let has_alpha = decoded.color().has_alpha();
    let (w, h) = (decoded.width(), decoded.height());
    if w == 0 || h == 0 {
        return Err("the image is empty".into());
    }
    let needs_resize = w > DOWNSCALE_WIDTH || h > DOWNSCALE_HEIGHT;
    // A file much larger than its pixels carries something else (metadata, padding chunks):
    // encode the pixels again rather than inline it into the HTML. An animated GIF's other
    // frames are what makes it larger: it is kept, animated, in the HTML. A BMP is not
    // compressed: always encoded again.
    let bloated = format != image::ImageFormat::Gif
        && bytes.len() as u64 > u64::from(w) * u64::from(h) * 4 + 64 * 1024;
    let reencode = needs_resize || bloated || format == image::ImageFormat::Bmp;
    // Area averaging (`thumbnail`) rather than a filtered resize: as sharp for a downscale, and
    // several times faster on a photo of a few megapixels ([`downscale`]).
    let decoded = if needs_resize {
        downscale::thumbnail(&decoded, DOWNSCALE_WIDTH, DOWNSCALE_HEIGHT)
    } else {
        decoded
    };
    // Encoded again: JPEG stays JPEG (photos), everything else becomes PNG.
    let out_format = if format == image::ImageFormat::Jpeg && !has_alpha {
        image::ImageFormat::Jpeg
    } else {
        image::ImageFormat::Png
    };
    let (encoded, mime) = if reencode {
        let mut out = Vec::new();
        let result = if out_format == image::ImageFormat::Jpeg {
            decoded
                .to_rgb8()
                .write_to(&mut Cursor::new(&mut out), out_format)
        } else {
            decoded.write_to(&mut Cursor::new(&mut out), out_format)
        };
        result.map_err(|e| e.to_string())?;
        let mime = if out_format == image::ImageFormat::Jpeg {
            "image/jpeg"
        } else {
            "image/png"
        };
        (out, mime)
    } else {
        (bytes, mime)
    };
    let jpeg_components = if mime == "image/jpeg" {
        jpeg_frame(&encoded)
            .map(|f| f.components)
            .filter(|c| *c == 1 || *c == 3)
            .unwrap_or(0)
    } else {
        0
    };
    Ok(LoadedImage {
        source_width: w,
        source_height: h,
        source_bytes: source_bytes as u64,
        width: decoded.width(),
        height: decoded.height(),
        rgba: decoded.to_rgba8().into_raw(),
        has_alpha,
        encoded,
        mime,
        jpeg_components,
        vector: None,
    })
}
