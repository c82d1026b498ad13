//! Content streams as bytes: the operators that draw a page (or a form), printed by diapo itself
//! while [`crate::render::pdf`] walks the page model.
//!
//! printpdf can write content streams, from a list of its `Op`s: it translates each into a lopdf
//! operation (a `Vec` of operand objects) and lopdf prints them, every number through `write!`
//! and a `dyn Write`. On the sample deck that translation cost a fifth of a whole build (71 M of
//! 348 M instructions, issue #18), and the `Op`s were a second copy of every page in memory. Here
//! each operator is printed once, straight into the stream's buffer, and printpdf is given only
//! what it still needs from the pages (their links, and which glyphs each font shows).
//!
//! The bytes are exactly those printpdf 0.12 and lopdf 0.44 wrote, so a file is the same byte for
//! byte (the determinism test's digests guard it):
//!
//! - operands are followed by a space, operations separated by `\n` (none after the last);
//! - numbers are Rust's `{}` of an `f32` (shortest digits that read back, never an exponent:
//!   `960`, `0.5`, `-0`), marked-content identifiers plain integers;
//! - names are escaped as lopdf escapes them (`#xx` for delimiters and bytes outside `!`..`~`);
//! - glyphs are two-byte hexadecimal strings, `<0041>`, in a `TJ` array where a number follows
//!   its neighbour after a space and a string does not;
//! - printpdf's glyph-run merger is kept: a text position (`Tm`) on the baseline of the run just
//!   shown continues that run's `TJ` array, with a kern that moves the pen to the new position,
//!   instead of starting a new `Tm` and `TJ`.
//!
//! This module does not know printpdf: it is given numbers, names and glyph codes.

use std::io::Write as _;
use std::sync::OnceLock;

use crate::color::Rgb;

/// How a path is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Fill,
    Stroke,
    FillStroke,
    /// Intersected with the clipping path, not painted.
    Clip,
}

/// One content stream being written.
#[derive(Debug, Default)]
pub struct Content {
    bytes: Vec<u8>,
    /// The glyph run whose `TJ` array is open (its closing `] TJ` not written yet).
    run: Option<GlyphRun>,
    /// The font size of the last `Tf`, which kerns between merged segments are measured in.
    font_size: f32,
}

/// A `Tm` + `TJ` being written: where it starts, and where the viewer's pen is after what the
/// array holds so far, in 1/1000 em from the start (glyph advances, less the numbers).
#[derive(Debug)]
struct GlyphRun {
    x: f32,
    y: f32,
    pen: f64,
    /// Nothing in the array yet (a number then needs no space before it).
    empty: bool,
}

impl Content {
    pub fn new() -> Self {
        Self::default()
    }

    /// The stream's bytes, any open glyph run closed.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.close_run();
        self.bytes
    }

    /// `q`: saves the graphics state.
    pub fn save(&mut self) {
        self.operator(b"q");
    }

    /// `Q`: restores the graphics state.
    pub fn restore(&mut self) {
        self.operator(b"Q");
    }

    /// `a b c d e f cm`: concatenates a matrix to the current transformation.
    pub fn transform(&mut self, matrix: [f32; 6]) {
        self.start();
        for v in matrix {
            self.real(v);
        }
        self.bytes.extend_from_slice(b"cm");
    }

    /// `/tag BMC`: begins a marked-content sequence without properties.
    pub fn begin_marked(&mut self, tag: &str) {
        self.name_operand(tag);
        self.bytes.extend_from_slice(b"BMC");
    }

    /// `/tag <</MCID n>> BDC`: begins a marked-content sequence tied to the structure tree.
    pub fn begin_marked_mcid(&mut self, tag: &str, mcid: usize) {
        self.name_operand(tag);
        self.bytes.extend_from_slice(b"<</MCID ");
        self.integer(mcid);
        self.bytes.extend_from_slice(b">> BDC");
    }

    /// `EMC`: ends a marked-content sequence.
    pub fn end_marked(&mut self) {
        self.operator(b"EMC");
    }

    /// `r g b rg`: the fill colour.
    pub fn fill_colour(&mut self, colour: Rgb) {
        self.colour(colour, b"rg");
    }

    /// `r g b RG`: the stroke colour.
    pub fn stroke_colour(&mut self, colour: Rgb) {
        self.colour(colour, b"RG");
    }

    /// `w w`: the line width.
    pub fn line_width(&mut self, width: f32) {
        self.start();
        self.real(width);
        self.bytes.push(b'w');
    }

    /// `x y w h re`, then the painting operators.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, paint: Paint) {
        self.start();
        for v in [x, y, w, h] {
            self.real(v);
        }
        self.bytes.extend_from_slice(b"re");
        self.paint(paint, b"B");
    }

    /// A closed path of points, each a line end or (`true`) a Bézier control point, painted; as
    /// printpdf draws a polygon: `m`, then `l` for a line end, `c` for two control points and
    /// the end they lead to (a control point without its pair is drawn as a line end), `h`.
    pub fn polygon(&mut self, points: &[((f32, f32), bool)], paint: Paint) {
        let Some(&((x, y), _)) = points.first() else {
            // printpdf writes a polygon without points as a bare `h` and its paint.
            self.close_and_paint(paint);
            return;
        };
        self.point(x, y, b"m");
        let mut i = 1;
        while i < points.len() {
            let ((x, y), bezier) = points[i];
            match (bezier, points.get(i + 1), points.get(i + 2)) {
                (true, Some(&(c2, true)), Some(&(end, _))) => {
                    self.start();
                    for v in [x, y, c2.0, c2.1, end.0, end.1] {
                        self.real(v);
                    }
                    self.bytes.push(b'c');
                    i += 3;
                }
                _ => {
                    self.point(x, y, b"l");
                    i += 1;
                }
            }
        }
        self.close_and_paint(paint);
    }

    /// `x1 y1 m`, `x2 y2 l`, `S`: a stroked segment.
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32)) {
        self.point(x1, y1, b"m");
        self.point(x2, y2, b"l");
        self.operator(b"S");
    }

    /// Draws the XObject `name` through `matrix`, the graphics state kept: `q`, the matrix,
    /// and printpdf's own `q 1 0 0 1 0 0 cm /name Do Q` inside.
    pub fn draw_xobject(&mut self, name: &str, matrix: [f32; 6]) {
        self.save();
        self.transform(matrix);
        self.save();
        self.transform([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        self.name_operand(name);
        self.bytes.extend_from_slice(b"Do");
        self.restore();
        self.restore();
    }

    /// `BT`: begins a text object.
    pub fn begin_text(&mut self) {
        self.operator(b"BT");
    }

    /// `ET`: ends a text object.
    pub fn end_text(&mut self) {
        self.operator(b"ET");
    }

    /// `/font size Tf`: the font, by resource name, and its size. Glyph runs need a positive
    /// size (printpdf did not merge them otherwise); [`crate::render::pdf`] writes no text at
    /// any other.
    pub fn font(&mut self, font: &str, size: f32) {
        self.name_operand(font);
        self.real(size);
        self.bytes.extend_from_slice(b"Tf");
        self.font_size = size;
    }

    /// Moves to `(x, y)` to show the glyphs that follow (`1 0 0 1 x y Tm`, inside a text
    /// object). On the baseline of the run just shown, the run goes on instead: a kern in its
    /// array moves the pen from where the last glyph left it to `x` (printpdf's merger).
    pub fn text_at(&mut self, x: f32, y: f32) {
        let size = self.font_size;
        if let Some(run) = self.run.as_mut().filter(|run| run.y == y) {
            // TJ numbers move the pen by -n/1000 em.
            let dx_em = (f64::from(x) - f64::from(run.x)) * 1000.0 / f64::from(size);
            let kern = (run.pen - dx_em) as f32;
            if kern != 0.0 {
                run.pen -= f64::from(kern);
                self.array_real(kern);
            }
            return;
        }
        self.start();
        for v in [1.0, 0.0, 0.0, 1.0, x, y] {
            self.real(v);
        }
        self.bytes.extend_from_slice(b"Tm\n[");
        self.run = Some(GlyphRun {
            x,
            y,
            pen: 0.0,
            empty: true,
        });
    }

    /// One glyph of the run [`Content::text_at`] started: its two-byte code, its advance in
    /// 1/1000 em as the font's `/W` gives it, and the number that follows it in the array
    /// (none when zero).
    pub fn glyph(&mut self, code: u16, width: i64, offset: f32) {
        let Some(run) = self.run.as_mut() else {
            // No run to add to: callers always start one with `text_at`.
            return;
        };
        run.empty = false;
        run.pen += width as f64;
        let [hi, lo] = code.to_be_bytes();
        let ([a, b], [c, d]) = (hex_digits(hi), hex_digits(lo));
        self.bytes.extend_from_slice(&[b'<', a, b, c, d, b'>']);
        // NaN is written too, as printpdf did.
        if offset != 0.0 {
            run.pen -= f64::from(offset);
            self.array_real(offset);
        }
    }

    /// A number in the open `TJ` array, after a space unless it comes first.
    fn array_real(&mut self, v: f32) {
        if let Some(run) = self.run.as_mut() {
            if !std::mem::replace(&mut run.empty, false) {
                self.bytes.push(b' ');
            }
            write_real(&mut self.bytes, v);
        }
    }

    /// `] TJ`, if a run is open.
    fn close_run(&mut self) {
        if self.run.take().is_some() {
            self.bytes.extend_from_slice(b"] TJ");
        }
    }

    /// Starts an operation: closes the open glyph run, and separates the operation from the one
    /// before it.
    fn start(&mut self) {
        self.close_run();
        if !self.bytes.is_empty() {
            self.bytes.push(b'\n');
        }
    }

    /// An operation without operands.
    fn operator(&mut self, op: &[u8]) {
        self.start();
        self.bytes.extend_from_slice(op);
    }

    fn point(&mut self, x: f32, y: f32, op: &[u8]) {
        self.start();
        self.real(x);
        self.real(y);
        self.bytes.extend_from_slice(op);
    }

    fn close_and_paint(&mut self, paint: Paint) {
        self.operator(b"h");
        // printpdf closes a polygon's path again when it fills and strokes it.
        self.paint(paint, b"b");
    }

    /// The operators that paint the current path (or clip to it), `fill_stroke` to fill and
    /// stroke it.
    fn paint(&mut self, paint: Paint, fill_stroke: &[u8]) {
        match paint {
            Paint::Fill => self.operator(b"f"),
            Paint::Stroke => self.operator(b"S"),
            Paint::FillStroke => self.operator(fill_stroke),
            Paint::Clip => {
                self.operator(b"W");
                self.operator(b"n");
            }
        }
    }

    fn colour(&mut self, c: Rgb, op: &[u8]) {
        self.start();
        for v in [c.r, c.g, c.b] {
            self.bytes.extend_from_slice(channel(v));
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(op);
    }

    /// A number operand, and the space after it.
    fn real(&mut self, v: f32) {
        write_real(&mut self.bytes, v);
        self.bytes.push(b' ');
    }

    fn integer(&mut self, v: usize) {
        let _ = write!(self.bytes, "{v}");
    }

    /// Starts an operation whose first operand is a name.
    fn name_operand(&mut self, name: &str) {
        self.start();
        write_name(&mut self.bytes, name.as_bytes());
        self.bytes.push(b' ');
    }
}

/// A name, `/` and its bytes, escaped as lopdf escapes them: `#XX` for white space, delimiters,
/// `#` and bytes outside `!`..`~`. The content streams' names and the file's are written by it.
pub fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        let escaped = !(33..=126).contains(&byte)
            || matches!(
                byte,
                b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' | b'#'
            );
        if escaped {
            let [high, low] = hex_digits(byte);
            out.extend_from_slice(&[b'#', high, low]);
        } else {
            out.push(byte);
        }
    }
}

/// A byte's two hexadecimal digits, in capitals.
pub fn hex_digits(byte: u8) -> [u8; 2] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]
}

/// A colour channel as an operand: `v / 255`, as [`write_real`] writes it. There are 256 of
/// them, written once for the process rather than at each colour (three numbers, none whole
/// but 0 and 1, each colour of each page: a tenth of the work of writing content streams).
fn channel(v: u8) -> &'static [u8] {
    static CHANNELS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let channels = CHANNELS.get_or_init(|| {
        (0..=u8::MAX)
            .map(|v| {
                let mut out = Vec::new();
                write_real(&mut out, f32::from(v) / 255.0);
                out
            })
            .collect()
    });
    &channels[usize::from(v)]
}

/// Writes `v` as `format!("{v}")` does: Rust's shortest decimal that reads back as `v`, never an
/// exponent (`1e-7` is `0.0000001`), `-0` for negative zero, `NaN` and `inf` as such.
///
/// Whole numbers are printed as integers, other numbers from ryu's digits laid out as Rust lays
/// them out, for a fraction of the work of `write!` (which was a tenth of writing a PDF). ryu and
/// Rust find the same shortest digits, closest to the value, except when two are exactly as
/// close (a tie: `2.00390625` is `2.0039062` for ryu, `2.0039063` for Rust); those numbers, and
/// whole numbers of 2^24 and more, are left to `write!`. Checked on every `f32` by
/// `every_f32_is_printed_as_rust_displays_it`, run by hand.
pub fn write_real(out: &mut Vec<u8>, v: f32) {
    // Whole numbers below 2^24 are exact in an f32, and their shortest form is all their digits:
    // printed as integers (the most common numbers in a stream, and the cheapest).
    if v == v.trunc() && v.abs() < 16_777_216.0 {
        if v == 0.0 && v.is_sign_negative() {
            out.extend_from_slice(b"-0");
        } else {
            let mut buffer = itoa::Buffer::new();
            out.extend_from_slice(buffer.format(v as i32).as_bytes());
        }
        return;
    }
    // Larger whole numbers, and NaN and the infinities.
    if v == v.trunc() || !v.is_finite() {
        let _ = write!(out, "{v}");
        return;
    }
    let mut buffer = ryu::Buffer::new();
    let mut digits = [0; 32];
    let (len, point) = decimal_digits(buffer.format_finite(v).as_bytes(), &mut digits);
    // A tie: the value is exactly half-way between two numbers of `len` digits, so it has
    // exactly one digit more, a 5.
    if exact_digits(v) == Some(len + 1) {
        let _ = write!(out, "{v}");
        return;
    }
    let digits = &digits[..len];
    if v.is_sign_negative() {
        out.push(b'-');
    }
    // The value is 0.<digits> × 10^point; Rust writes it without an exponent.
    if point <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', point.unsigned_abs() as usize));
        out.extend_from_slice(digits);
    } else if (point as usize) < len {
        let (whole, fraction) = digits.split_at(point as usize);
        out.extend_from_slice(whole);
        out.push(b'.');
        out.extend_from_slice(fraction);
    } else {
        out.extend_from_slice(digits);
        out.extend(std::iter::repeat_n(b'0', point as usize - len));
    }
}

/// How many significant digits the exact decimal value of `v`, a finite number that is not whole,
/// has, when it has at most ten (`None` otherwise). `v` is `m / 2^k` with `m` odd, so its
/// decimal value is `m × 5^k / 10^k`: the digits of `m × 5^k`.
fn exact_digits(v: f32) -> Option<usize> {
    let bits = v.to_bits();
    let biased = (bits >> 23) & 0xFF;
    let fraction = bits & 0x7F_FFFF;
    let (m, e) = if biased == 0 {
        (fraction, -149)
    } else {
        (fraction | 0x80_0000, biased as i32 - 150)
    };
    if m == 0 {
        return None;
    }
    let k = -(e + m.trailing_zeros() as i32);
    // 5^15 has eleven digits already; k ≤ 0 is a whole number.
    if !(1..=14).contains(&k) {
        return None;
    }
    let exact = u64::from(m >> m.trailing_zeros()) * 5_u64.pow(k as u32);
    (exact < 10_000_000_000)
        .then_some(exact)
        .and_then(u64::checked_ilog10)
        .map(|d| d as usize + 1)
}

/// The significant digits of a number ryu wrote (`-12.5`, `0.001234`, `1.5e-7`, `1e20`), put in
/// `digits` without leading or trailing zeros, and where the decimal point goes: the value is
/// `0.<digits> × 10^point`. Returns how many digits, and `point`.
fn decimal_digits(text: &[u8], digits: &mut [u8; 32]) -> (usize, i32) {
    let (mantissa, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
        Some(at) => (&text[..at], exponent(&text[at + 1..])),
        None => (text, 0),
    };
    let mut len = 0;
    let mut point = 0;
    let mut before_point = true;
    for &b in mantissa {
        match b {
            b'.' => before_point = false,
            b'0'..=b'9' => {
                if len == 0 && b == b'0' {
                    // A leading zero: nothing before the point, a place down after it.
                    if !before_point {
                        point -= 1;
                    }
                    continue;
                }
                if before_point {
                    point += 1;
                }
                if let Some(slot) = digits.get_mut(len) {
                    *slot = b;
                    len += 1;
                }
            }
            // The sign.
            _ => {}
        }
    }
    while len > 0 && digits[len - 1] == b'0' {
        len -= 1;
    }
    (len, point + exponent)
}

/// A decimal exponent as ryu writes it: digits, perhaps after `-`.
fn exponent(text: &[u8]) -> i32 {
    let (sign, digits) = match text.strip_prefix(b"-") {
        Some(digits) => (-1, digits),
        None => (1, text),
    };
    sign * digits
        .iter()
        .filter(|b| b.is_ascii_digit())
        .fold(0_i32, |e, &b| {
            e.saturating_mul(10).saturating_add(i32::from(b - b'0'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `draw` writes in a new stream.
    fn written(draw: impl FnOnce(&mut Content)) -> String {
        let mut content = Content::new();
        draw(&mut content);
        String::from_utf8(content.into_bytes()).unwrap()
    }

    /// What `show` writes in a text object, in font `F1` at `size`.
    fn shown(size: f32, show: impl FnOnce(&mut Content)) -> String {
        written(|c| {
            c.begin_text();
            c.font("F1", size);
            show(c);
            c.end_text();
        })
    }

    fn real(v: f32) -> String {
        let mut out = Vec::new();
        write_real(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_printed_as_rust_displays_an_f32() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            960.0,
            540.0,
            0.1,
            1e-7,
            -1e-7,
            1.5e-45,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
            f32::EPSILON,
            16_777_215.0,
            16_777_216.0,
            -16_777_216.0,
            16_777_218.0,
            123_456_789.0,
            1e10,
            0.552_284_8,
            56.69,
            766.1725,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        // Every byte pattern a step apart, over the whole range (NaNs, subnormals, huge values).
        values.extend((0..=u32::MAX).step_by(65_537).map(f32::from_bits));
        // Page-like coordinates: hundredths and thousandths, whole points, colours.
        values.extend((-200_000..200_000).map(|i| i as f32 / 100.0));
        values.extend((0..100_000).map(|i| i as f32 / 1000.0 + 0.0005));
        values.extend((0..=255).map(|c| c as f32 / 255.0));
        // Ties, which ryu and Rust round apart: exact values one digit longer than their shortest
        // form (2.00390625 = 0x40004000).
        values.extend([2.003_906_2, 0.000_976_562_5, 1.000_000_1, 33_554_434.0]);
        values.extend((1..4096).map(|i| 2.0 + i as f32 / 4096.0));
        for v in values {
            assert_eq!(real(v), format!("{v}"), "bits {:#010x}", v.to_bits());
        }
    }

    /// Every one of the 2^32 bit patterns, on two threads: minutes in release, so run by hand
    /// (`cargo test --release --lib every_f32 -- --ignored`) when `write_real` changes.
    #[test]
    #[ignore = "4 billion values: run by hand in release"]
    fn every_f32_is_printed_as_rust_displays_it() {
        let check = |range: std::ops::RangeInclusive<u32>| {
            let (mut ours, mut std) = (Vec::new(), Vec::new());
            for bits in range {
                let v = f32::from_bits(bits);
                ours.clear();
                std.clear();
                write_real(&mut ours, v);
                let _ = write!(std, "{v}");
                assert_eq!(ours, std, "bits {bits:#010x}");
            }
        };
        std::thread::scope(|s| {
            s.spawn(|| check(0..=0x7FFF_FFFF));
            s.spawn(|| check(0x8000_0000..=u32::MAX));
        });
    }

    #[test]
    fn operations_are_separated_by_newlines_and_operands_by_spaces() {
        let out = written(|c| {
            c.save();
            c.transform([0.5, 0.0, 0.0, 0.5, 12.25, -0.0]);
            c.line_width(0.25);
            c.restore();
        });
        assert_eq!(out, "q\n0.5 0 0 0.5 12.25 -0 cm\n0.25 w\nQ");
    }

    #[test]
    fn an_empty_stream_is_empty() {
        assert_eq!(written(|_| {}), "");
    }

    #[test]
    fn colours_are_channels_over_255() {
        let out = written(|c| {
            c.fill_colour(Rgb {
                r: 22,
                g: 0,
                b: 145,
            });
            c.stroke_colour(Rgb {
                r: 255,
                g: 255,
                b: 255,
            });
        });
        assert_eq!(out, "0.08627451 0 0.5686275 rg\n1 1 1 RG");
    }

    #[test]
    fn marked_content_names_its_tag_and_mcid() {
        let out = written(|c| {
            c.begin_marked("Artifact");
            c.end_marked();
            c.begin_marked_mcid("H1", 12);
            c.end_marked();
        });
        assert_eq!(out, "/Artifact BMC\nEMC\n/H1 <</MCID 12>> BDC\nEMC");
    }

    #[test]
    fn names_are_escaped_as_lopdf_does() {
        let out = written(|c| c.begin_marked("a b#(é)"));
        assert_eq!(out, "/a#20b#23#28#C3#A9#29 BMC");
    }

    #[test]
    fn rectangles_are_painted_by_mode() {
        let out = written(|c| {
            c.rect(1.0, 2.5, 3.0, 4.0, Paint::Fill);
            c.rect(0.0, 0.0, 1.0, 1.0, Paint::Stroke);
            c.rect(0.0, 0.0, 1.0, 1.0, Paint::FillStroke);
            c.rect(0.0, 0.0, 10.0, 5.0, Paint::Clip);
        });
        assert_eq!(
            out,
            "1 2.5 3 4 re\nf\n0 0 1 1 re\nS\n0 0 1 1 re\nB\n0 0 10 5 re\nW\nn"
        );
    }

    #[test]
    fn polygons_draw_lines_and_curves_then_close() {
        let points = [
            ((0.0, 0.0), false),
            ((10.0, 0.0), false),
            ((11.0, 0.0), true),
            ((12.0, 1.0), true),
            ((12.0, 2.0), false),
            // A control point without its pair is a line end.
            ((5.0, 5.0), true),
            ((0.0, 0.0), false),
        ];
        let out = written(|c| {
            c.polygon(&points, Paint::FillStroke);
            c.polygon(&[((1.0, 1.0), false)], Paint::Stroke);
        });
        assert_eq!(
            out,
            "0 0 m\n10 0 l\n11 0 12 1 12 2 c\n5 5 l\n0 0 l\nh\nb\n1 1 m\nh\nS"
        );
    }

    #[test]
    fn a_line_is_stroked() {
        let out = written(|c| c.line((1.0, 2.0), (3.5, 2.0)));
        assert_eq!(out, "1 2 m\n3.5 2 l\nS");
    }

    #[test]
    fn an_xobject_is_drawn_inside_two_saved_states() {
        let out = written(|c| c.draw_xobject("Im0", [100.0, 0.0, 0.0, 50.0, 10.0, 20.0]));
        assert_eq!(
            out,
            "q\n100 0 0 50 10 20 cm\nq\n1 0 0 1 0 0 cm\n/Im0 Do\nQ\nQ"
        );
    }

    #[test]
    fn glyphs_are_hex_strings_with_their_numbers_in_one_tj() {
        let out = shown(7.5, |c| {
            c.text_at(56.69, 766.1725);
            c.glyph(0x13, 500, 0.0);
            c.glyph(0x2f, 500, 8.0);
            c.glyph(0xabcd, 500, -0.5);
        });
        assert_eq!(
            out,
            "BT\n/F1 7.5 Tf\n1 0 0 1 56.69 766.1725 Tm\n[<0013><002F> 8<ABCD> -0.5] TJ\nET"
        );
    }

    #[test]
    fn a_segment_on_the_same_baseline_continues_the_run_with_a_kern() {
        // Pen after the first glyph: 600/1000 em, 6 pt; the second segment starts 8 pt on, 800
        // thousandths; the third exactly where the pen is (no kern); the last on another baseline.
        let segments = [
            (100.0, 700.0, 600),
            (108.0, 700.0, 500),
            (113.0, 700.0, 500),
        ];
        let out = shown(10.0, |c| {
            for (code, (x, y, width)) in (1..).zip(segments) {
                c.text_at(x, y);
                c.glyph(code, width, 0.0);
            }
            c.text_at(100.0, 690.0);
            c.glyph(4, 500, 0.0);
        });
        assert_eq!(
            out,
            "BT\n/F1 10 Tf\n1 0 0 1 100 700 Tm\n[<0001> -200<0002><0003>] TJ\n\
             1 0 0 1 100 690 Tm\n[<0004>] TJ\nET"
        );
    }

    #[test]
    fn any_other_operation_closes_the_run() {
        let out = shown(10.0, |c| {
            c.text_at(0.0, 0.0);
            c.glyph(1, 600, 0.0);
            c.fill_colour(Rgb { r: 0, g: 0, b: 0 });
            c.text_at(6.0, 0.0);
            c.glyph(2, 600, 0.0);
        });
        assert_eq!(
            out,
            "BT\n/F1 10 Tf\n1 0 0 1 0 0 Tm\n[<0001>] TJ\n0 0 0 rg\n1 0 0 1 6 0 Tm\n[<0002>] TJ\nET"
        );
    }
}
