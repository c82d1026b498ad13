//! Images of a deck, loaded once for every output: read from inside the deck's folder, decoded
//! with bounded memory, downscaled when larger than a slide can show, and kept both as pixels (for
//! the PDF) and as encoded bytes (for the HTML's data URIs).

use crate::deck::confine;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Deck;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Largest image file read.
pub const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;
/// Largest width or height accepted from an image header, before any decoding.
pub const MAX_IMAGE_SIDE: u32 = 12_000;
/// Images are downscaled to fit this box: a full-HD slide never needs more.
pub const TARGET_WIDTH: u32 = 1920;
pub const TARGET_HEIGHT: u32 = 1080;
/// Most memory a decoder may allocate for one image.
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// Most memory the deck's images may hold once loaded (pixels and encoded bytes): about thirty
/// full-HD images, many more at the sizes slides use.
pub const MAX_TOTAL_IMAGE_BYTES: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct LoadedImage {
    pub width: u32,
    pub height: u32,
    /// RGBA pixels after downscaling.
    pub rgba: Vec<u8>,
    pub has_alpha: bool,
    /// Encoded bytes for the HTML (the original file when it needed no change).
    pub encoded: Vec<u8>,
    pub mime: &'static str,
    /// The file as read, before any downscaling: its pixels and its size in bytes.
    pub source_width: u32,
    pub source_height: u32,
    pub source_bytes: u64,
}

#[derive(Debug, Default, Clone)]
pub struct ImageStore {
    images: BTreeMap<String, LoadedImage>,
}

impl ImageStore {
    pub fn get(&self, src: &str) -> Option<&LoadedImage> {
        self.images.get(src)
    }

    /// Loads every local image the deck uses, through the same confinement as the parser's
    /// checks (`roots`: the deck's folder and the `--allow-outside` ones): an image the parser
    /// refused (missing, outside the folder) is skipped, never read. An image that cannot be
    /// decoded is an error at its line, and the others are still loaded, so that `diapo check`
    /// can go on; the build stops on any error.
    pub fn load_all(deck: &Deck, src: &SourceFile, roots: &[PathBuf]) -> (ImageStore, Diagnostics) {
        let mut store = ImageStore::default();
        let mut diags = Diagnostics::default();
        let mut total = 0;
        for slide in &deck.slides {
            for image in crate::deck::images_of(&slide.body) {
                if store.images.contains_key(&image.src)
                    || crate::deck::is_remote(&image.src)
                    || image.src.starts_with("data:")
                {
                    continue;
                }
                let Ok(path) = confine::resolve(&deck.base_dir, &image.src, roots) else {
                    continue;
                };
                match load_image(&path) {
                    Ok(img) => {
                        total += img.rgba.len() + img.encoded.len();
                        if total > MAX_TOTAL_IMAGE_BYTES {
                            diags.push(
                                Diagnostic::error(format!(
                                    "the deck's images take more than {} once loaded",
                                    megabytes(MAX_TOTAL_IMAGE_BYTES as u64)
                                ))
                                .rule("images/too-heavy")
                                .at(crate::deck::image_location(src, image))
                                .with_hint("use fewer images, or smaller ones (a slide never shows more than 1920×1080 pixels)"),
                            );
                            return (store, diags);
                        }
                        store.images.insert(image.src.clone(), img);
                    }
                    Err(message) => {
                        diags.push(
                            Diagnostic::error(format!(
                                "cannot use the image {}: {message}",
                                image.src
                            ))
                            .rule("images/unreadable")
                            .at(crate::deck::image_location(src, image))
                            .with_hint("use a PNG or JPEG file of reasonable size"),
                        );
                    }
                }
            }
        }
        (store, diags)
    }

    pub fn insert(&mut self, key: &str, image: LoadedImage) {
        self.images.insert(key.to_string(), image);
    }
}

/// Reads and decodes an image with limits on file size, dimensions and memory.
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
    decode(bytes)
}

/// A size for messages: `50 MB`, `4.5 MB` (MB of 1024 × 1024 bytes, as file managers show them).
pub fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

pub fn decode(bytes: Vec<u8>) -> Result<LoadedImage, String> {
    let source_bytes = bytes.len();
    let mut reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader.format().ok_or("not a PNG or JPEG image")?;
    let mime = match format {
        image::ImageFormat::Png => "image/png",
        image::ImageFormat::Jpeg => "image/jpeg",
        _ => return Err("not a PNG or JPEG image".into()),
    };
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            format!("the image is larger than {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} pixels")
        }
        image::ImageError::Unsupported(_) => "this kind of image is not supported".to_string(),
        _ => "the image is damaged or unreadable".to_string(),
    })?;
    let has_alpha = decoded.color().has_alpha();
    let (w, h) = (decoded.width(), decoded.height());
    if w == 0 || h == 0 {
        return Err("the image is empty".into());
    }
    let needs_resize = w > TARGET_WIDTH || h > TARGET_HEIGHT;
    // A file much larger than its pixels carries something else (metadata, padding chunks):
    // encode the pixels again rather than inline it into the HTML.
    let bloated = bytes.len() as u64 > u64::from(w) * u64::from(h) * 4 + 64 * 1024;
    let reencode = needs_resize || bloated;
    let decoded = if needs_resize {
        decoded.resize(
            TARGET_WIDTH,
            TARGET_HEIGHT,
            image::imageops::FilterType::Triangle,
        )
    } else {
        decoded
    };
    let encoded = if reencode {
        let mut out = Vec::new();
        let fmt = if has_alpha {
            image::ImageFormat::Png
        } else {
            format
        };
        let result = if fmt == image::ImageFormat::Jpeg {
            decoded.to_rgb8().write_to(&mut Cursor::new(&mut out), fmt)
        } else {
            decoded.write_to(&mut Cursor::new(&mut out), fmt)
        };
        result.map_err(|e| e.to_string())?;
        out
    } else {
        bytes
    };
    let mime = if reencode && has_alpha {
        "image/png"
    } else {
        mime
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
    })
}
