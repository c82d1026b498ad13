//! An image too large for a slide, scaled down to fit a box: the `image` crate's `thumbnail` (area
//! averaging: each output pixel the rounded mean of the block of source pixels under it), computed
//! on the rows of 8-bit pixels directly.
//!
//! `thumbnail` reads every source pixel through the generic pixel interface and works out each
//! output pixel's block with four float roundings: on a deck of ten screenshots, 1.3 G of a
//! 3.3 G-instruction build. The blocks are the same for every pixel of an output row and every
//! row of an output column, so they are worked out once per row and once per column here, with the
//! crate's own float arithmetic, and the sums are taken over the rows' bytes: the same pixels,
//! byte for byte (checked against `thumbnail` by the tests below), for a fraction of the work.
//! Other pixel types, and a block `thumbnail` would not average (a scale below 1 on an axis, never
//! the case when shrinking), are left to the crate.

use image::{DynamicImage, ImageBuffer, Pixel};

/// `image` scaled down, keeping its proportions, to fit `max_width` × `max_height`: the pixels
/// `DynamicImage::thumbnail` gives.
pub fn thumbnail(image: &DynamicImage, max_width: u32, max_height: u32) -> DynamicImage {
    let (width, height) = fit(image.width(), image.height(), max_width, max_height);
    let fast = match image {
        DynamicImage::ImageRgb8(b) => {
            average::<_, 3>(b, width, height).map(DynamicImage::ImageRgb8)
        }
        DynamicImage::ImageRgba8(b) => {
            average::<_, 4>(b, width, height).map(DynamicImage::ImageRgba8)
        }
        DynamicImage::ImageLuma8(b) => {
            average::<_, 1>(b, width, height).map(DynamicImage::ImageLuma8)
        }
        DynamicImage::ImageLumaA8(b) => {
            average::<_, 2>(b, width, height).map(DynamicImage::ImageLumaA8)
        }
        _ => None,
    };
    fast.unwrap_or_else(|| image.thumbnail_exact(width, height))
}

/// The size `thumbnail` gives an image of `width` × `height` fitted into `max_width` ×
/// `max_height` (the `image` crate's `resize_dimensions`, not public: the same arithmetic). The
/// crate also guards against a side past `u32::MAX`, which a side fitted into a `u32` box, at most
/// that box's, never reaches.
fn fit(width: u32, height: u32, max_width: u32, max_height: u32) -> (u32, u32) {
    let ratio = f64::min(
        f64::from(max_width) / f64::from(width),
        f64::from(max_height) / f64::from(height),
    );
    let scaled = |side: u32| ((f64::from(side) * ratio).round() as u32).max(1);
    (scaled(width), scaled(height))
}

/// The source range under each of `out` output pixels along a side of `len` source pixels, as
/// `thumbnail` computes it (f32 ratio, ceilings, clamps); `None` when one is empty, a case
/// `thumbnail` handles with fractions rather than a block average.
fn blocks(len: u32, out: u32) -> Option<Vec<(usize, usize)>> {
    let ratio = len as f32 / out as f32;
    (0..out)
        .map(|i| {
            let startf = i as f32 * ratio;
            let endf = startf + ratio;
            let start = (startf.ceil() as u32).min(len - 1);
            let end = (endf.ceil() as u32).clamp(start, len);
            (start != end).then_some((start as usize, end as usize))
        })
        .collect()
}

/// The block averages of `image`, whose pixels have `N` channels, at `width` × `height`, or
/// `None` when a block would be empty.
fn average<P, const N: usize>(
    image: &ImageBuffer<P, Vec<u8>>,
    width: u32,
    height: u32,
) -> Option<ImageBuffer<P, Vec<u8>>>
where
    P: Pixel<Subpixel = u8>,
{
    let (src_width, src_height) = image.dimensions();
    if usize::from(P::CHANNEL_COUNT) != N || [src_width, src_height, width, height].contains(&0) {
        return None;
    }
    let columns = blocks(src_width, width)?;
    let rows = blocks(src_height, height)?;
    let stride = src_width as usize * N;
    let source: &[u8] = image.as_raw();
    let mut out = vec![0u8; width as usize * height as usize * N];
    // One output row's sums, channel by channel, for each output pixel.
    let mut sums = vec![0u32; width as usize * N];
    for (out_row, &(top, bottom)) in out.chunks_exact_mut(width as usize * N).zip(&rows) {
        sums.fill(0);
        for row in source[top * stride..bottom * stride].chunks_exact(stride) {
            for (sum, &(left, right)) in sums.chunks_exact_mut(N).zip(&columns) {
                let block = &row[left * N..right * N];
                for c in 0..N {
                    // A block is one or two pixels wide unless the image shrinks by more than
                    // half: those two cases without a loop.
                    sum[c] += match block.len() / N {
                        1 => u32::from(block[c]),
                        2 => u32::from(block[c]) + u32::from(block[N + c]),
                        _ => block.iter().skip(c).step_by(N).map(|&v| u32::from(v)).sum(),
                    };
                }
            }
        }
        let rows_in_block = (bottom - top) as u32;
        for ((pixel, sum), &(left, right)) in out_row
            .chunks_exact_mut(N)
            .zip(sums.chunks_exact(N))
            .zip(&columns)
        {
            let n = (right - left) as u32 * rows_in_block;
            let round = n / 2;
            // At most (255 n + n / 2) / n = 255.
            for c in 0..N {
                pixel[c] = ((sum[c] + round) / n) as u8;
            }
        }
    }
    ImageBuffer::from_raw(width, height, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pixels that change from one to the next in every channel, alpha included.
    fn pattern(width: u32, height: u32, channels: usize, seed: u32) -> Vec<u8> {
        (0..width as usize * height as usize * channels)
            .map(|i| {
                let x = (i as u32).wrapping_mul(2_654_435_761).wrapping_add(seed);
                (x >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn thumbnails_are_the_image_crates_to_the_byte() {
        let sizes = [
            (1921, 1081),
            (3124, 1010),
            (2240, 1080),
            (1000, 5000),
            (4001, 997),
            (1922, 30),
            (7, 4000),
            (3840, 2160),
        ];
        for (i, &(w, h)) in sizes.iter().enumerate() {
            let seed = i as u32 * 7919;
            let images = [
                DynamicImage::ImageRgb8(
                    ImageBuffer::from_raw(w, h, pattern(w, h, 3, seed)).unwrap(),
                ),
                DynamicImage::ImageRgba8(
                    ImageBuffer::from_raw(w, h, pattern(w, h, 4, seed)).unwrap(),
                ),
                DynamicImage::ImageLuma8(
                    ImageBuffer::from_raw(w, h, pattern(w, h, 1, seed)).unwrap(),
                ),
                DynamicImage::ImageLumaA8(
                    ImageBuffer::from_raw(w, h, pattern(w, h, 2, seed)).unwrap(),
                ),
            ];
            for image in images {
                let ours = thumbnail(&image, 1920, 1080);
                let theirs = image.thumbnail(1920, 1080);
                assert_eq!(
                    (ours.width(), ours.height()),
                    (theirs.width(), theirs.height()),
                    "{w}x{h} {:?}",
                    image.color()
                );
                assert!(
                    ours.as_bytes() == theirs.as_bytes(),
                    "{w}x{h} {:?}: pixels differ",
                    image.color()
                );
            }
        }
    }

    #[test]
    fn other_pixel_types_and_growing_are_left_to_the_crate() {
        // 16-bit: the crate's own thumbnail.
        let wide = DynamicImage::ImageRgb16(ImageBuffer::from_pixel(
            3000,
            10,
            image::Rgb([1000u16, 2000, 3000]),
        ));
        let ours = thumbnail(&wide, 1920, 1080);
        assert_eq!(ours.as_bytes(), wide.thumbnail(1920, 1080).as_bytes());
        // A box larger than the image: blocks smaller than a pixel, left to the crate.
        let small = DynamicImage::ImageRgb8(
            ImageBuffer::from_raw(100, 50, pattern(100, 50, 3, 1)).unwrap(),
        );
        assert!(blocks(100, 400).is_none());
        let ours = thumbnail(&small, 400, 400);
        let theirs = small.thumbnail(400, 400);
        assert_eq!((ours.width(), ours.height()), (400, 200));
        assert!(ours.as_bytes() == theirs.as_bytes());
    }
}
