//! Stage 3: turn text ranges into positioned glyphs with HarfRust.
//!
//! The paragraph is cut by style runs and then by font coverage: a character the chosen face
//! lacks (an arrow in a serif paragraph, a narrow no-break space in the mono face) is shaped
//! with the first face of the book that has it, so the PDF shows it instead of a box. Each
//! piece is shaped once, with kerning and ligatures. The line breaker then asks for arbitrary
//! ranges (words, hyphenated heads, cut fragments): they are sliced out of the pieces where
//! HarfRust says a cut is safe, and reshaped otherwise.

use std::cell::RefCell;
use std::ops::Range;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};

use super::collect::Prepared;
use super::Lang;
use crate::layout::fonts::{FontBook, FontId};

/// Glyphs of one face and style, in logical (left-to-right) order.
#[derive(Debug, Clone)]
pub(super) struct ShapedRun {
    /// Index of the span whose style this run has.
    pub span: usize,
    pub font: FontId,
    pub size: f32,
    /// The text shaped, which may end with an inserted hyphen.
    pub text: String,
    /// Byte offset of `text` in the paragraph.
    pub offset: usize,
    pub glyphs: Vec<ShapedGlyph>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct ShapedGlyph {
    pub id: u16,
    /// Advance and offsets in points; `dy` grows downwards.
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
    /// Byte range in the run's text this glyph stands for; empty for all but the first
    /// glyph of a cluster.
    pub start: u32,
    pub end: u32,
    /// The glyph is a breakable space, dropped when it ends a line.
    pub space: bool,
    /// Cutting the text before this glyph's cluster needs reshaping (HarfRust's flag).
    pub unsafe_to_break: bool,
}

impl ShapedRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Total advance of some runs.
pub(super) fn width(runs: &[ShapedRun]) -> f32 {
    runs.iter().map(ShapedRun::width).sum()
}

/// Advance of the breakable spaces at the end of some runs: what disappears if a line
/// ends there.
pub(super) fn trailing_space(runs: &[ShapedRun]) -> f32 {
    let mut total = 0.0;
    for run in runs.iter().rev() {
        for glyph in run.glyphs.iter().rev() {
            if !glyph.space {
                return total;
            }
            total += glyph.advance;
        }
    }
    total
}

/// Spaces a line may end on (and then drops). No-break spaces are not among them.
pub(super) fn is_breaking_space(c: char) -> bool {
    matches!(c, ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' | '\u{3000}')
}

/// Invisible format characters (soft hyphen, zero-width space, joiners, bidi marks, variation
/// selectors): they steer breaking or shaping but must not leave a glyph behind, or the PDF's
/// text map would attach them to the space glyph.
pub(super) fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{34F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

pub(super) struct Shaper<'a> {
    fonts: &'a FontBook,
    para: &'a Prepared<'a>,
    lang: Lang,
    language: Option<harfrust::Language>,
    /// The paragraph shaped once, in pieces of one style and face. Words are sliced out of
    /// these; shaping word by word would pay HarfRust's per-call cost thousands of times.
    pieces: Vec<ShapedRun>,
    /// Characters no face could draw, collected for the caller's warning.
    missing: RefCell<Vec<char>>,
}

impl<'a> Shaper<'a> {
    pub fn new(fonts: &'a FontBook, para: &'a Prepared<'a>, lang: Lang) -> Self {
        let mut shaper = Shaper {
            fonts,
            para,
            lang,
            language: harfrust::Language::from_str(lang.tag()).ok(),
            pieces: Vec::new(),
            missing: RefCell::new(Vec::new()),
        };
        let mut pieces = Vec::new();
        for style_run in &para.runs {
            let Some(style) = para.style(style_run.span) else {
                continue;
            };
            let size = sanitise_size(style.size);
            let primary = fonts.select(style.family, style.weight, style.italic);
            for (range, font) in shaper.split_by_coverage(style_run.range.clone(), primary) {
                pieces.push(shaper.shape_words(range, font, size, style_run.span));
            }
        }
        shaper.pieces = pieces;
        shaper
    }

    pub fn text(&self) -> &str {
        &self.para.text
    }

    pub fn into_missing(self) -> Vec<char> {
        let mut missing = self.missing.into_inner();
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// Shapes a byte range of the paragraph, appending a visible hyphen if asked (the word
    /// was cut there). Where the range starts and ends at places HarfRust marked safe to
    /// break, the glyphs are taken from the paragraph's shaping; elsewhere (a cut inside a
    /// kerning pair or ligature, an inserted hyphen) the range is shaped again.
    pub fn shape(&self, range: Range<usize>, hyphen: bool) -> Vec<ShapedRun> {
        // Pieces follow each other in the paragraph: skip to the first one the range reaches
        // (a paragraph may hold thousands of pieces, and is cut into thousands of words).
        let first = self
            .pieces
            .partition_point(|p| p.offset + p.text.len() <= range.start);
        let overlapping: Vec<&ShapedRun> = self.pieces[first..]
            .iter()
            .take_while(|p| p.offset < range.end)
            .filter(|p| range.start < p.offset + p.text.len())
            .collect();
        let mut out = Vec::with_capacity(overlapping.len());
        for (i, piece) in overlapping.iter().enumerate() {
            let start = piece.offset.max(range.start);
            let end = (piece.offset + piece.text.len()).min(range.end);
            let with_hyphen = hyphen && i + 1 == overlapping.len();
            let run = if !with_hyphen && is_safe_cut(piece, start) && is_safe_cut(piece, end) {
                slice(piece, start..end)
            } else {
                self.shape_piece(start..end, piece.font, piece.size, piece.span, with_hyphen)
            };
            if !run.glyphs.is_empty() {
                out.push(run);
            }
        }
        out
    }

    /// Cuts a range into pieces of one face each, picking for every character the primary
    /// face if it has the character, else the face already in use (to keep clusters
    /// together), else the first fallback that has it.
    fn split_by_coverage(
        &self,
        range: Range<usize>,
        primary: FontId,
    ) -> Vec<(Range<usize>, FontId)> {
        let text = &self.para.text[range.clone()];
        let mut fallbacks: Option<Vec<FontId>> = None;
        let mut pieces: Vec<(Range<usize>, FontId)> = Vec::new();
        for (i, c) in text.char_indices() {
            let at = range.start + i;
            let current = pieces.last().map(|p| p.1);
            let keeps_current = current.is_some_and(|f| self.fonts.has_char(f, c))
                || c.is_control()
                || is_ignorable(c);
            let font = if self.fonts.has_char(primary, c) {
                primary
            } else if keeps_current {
                current.unwrap_or(primary)
            } else {
                let list = fallbacks.get_or_insert_with(|| self.fonts.fallbacks(primary));
                match list.iter().copied().find(|&f| self.fonts.has_char(f, c)) {
                    Some(f) => f,
                    None => {
                        self.missing.borrow_mut().push(c);
                        current.unwrap_or(primary)
                    }
                }
            };
            match pieces.last_mut() {
                Some((r, f)) if *f == font => r.end = at + c.len_utf8(),
                _ => pieces.push((at..at + c.len_utf8(), font)),
            }
        }
        pieces
    }

    fn shape_piece(
        &self,
        range: Range<usize>,
        font: FontId,
        size: f32,
        span: usize,
        hyphen: bool,
    ) -> ShapedRun {
        let mut text = self.para.text[range.clone()].to_string();
        if hyphen {
            text.push('-');
        }
        let glyphs = shape_text(
            self.fonts,
            &Request {
                font,
                lang: self.lang,
                language: self.language.as_ref(),
                script: None,
            },
            &text,
            size,
        );
        ShapedRun {
            span,
            font,
            size,
            text,
            offset: range.start,
            glyphs,
        }
    }

    /// Shapes a piece of the paragraph as [`Self::shape_piece`] would, but word by word, each word
    /// through the book's cache: a deck repeats its words (« la », « des », « données ») far more
    /// than its paragraphs, and HarfRust's cost is per glyph. The glyphs are the same as shaping
    /// the piece whole, because the piece is only cut where nothing joins the two sides: after a
    /// space and before a letter or digit that the face neither kerns nor substitutes against a
    /// space ([`ShapeCache::cuts_after_space`] checks the face once), with the piece's script
    /// given to every word (a word of digits alone would otherwise be shaped as no script).
    fn shape_words(&self, range: Range<usize>, font: FontId, size: f32, span: usize) -> ShapedRun {
        let text = &self.para.text[range.clone()];
        let script = piece_script(text);
        let request = Request {
            font,
            lang: self.lang,
            language: self.language.as_ref(),
            script,
        };
        let splittable = script.is_some()
            && self
                .fonts
                .shape_cache()
                .cuts_after_space(self.fonts, &request);
        if !splittable {
            return self.shape_piece(range, font, size, span, false);
        }
        let mut glyphs = Vec::with_capacity(text.len());
        for (at, word) in words(text) {
            let at = at as u32;
            glyphs.extend(
                shape_text(self.fonts, &request, word, size)
                    .into_iter()
                    .map(|g| ShapedGlyph {
                        start: g.start + at,
                        end: g.end + at,
                        ..g
                    }),
            );
        }
        ShapedRun {
            span,
            font,
            size,
            text: text.to_string(),
            offset: range.start,
            glyphs,
        }
    }
}

/// Whether a piece may be cut at a paragraph offset without reshaping: at its ends, or at the
/// start of a cluster HarfRust did not flag as unsafe to break (kerning, ligatures).
fn is_safe_cut(piece: &ShapedRun, at: usize) -> bool {
    let Some(rel) = at.checked_sub(piece.offset) else {
        return false;
    };
    if rel == 0 || rel == piece.text.len() {
        return true;
    }
    let rel = rel as u32;
    let index = piece.glyphs.partition_point(|g| g.start < rel);
    piece
        .glyphs
        .get(index)
        .is_some_and(|g| g.start == rel && g.end > g.start && !g.unsafe_to_break)
}

/// The glyphs of a piece for a sub-range that starts and ends at safe cuts.
fn slice(piece: &ShapedRun, range: Range<usize>) -> ShapedRun {
    let from = (range.start - piece.offset) as u32;
    let to = (range.end - piece.offset) as u32;
    let first = piece.glyphs.partition_point(|g| g.start < from);
    let last = piece.glyphs.partition_point(|g| g.start < to);
    let glyphs = piece.glyphs[first..last]
        .iter()
        .map(|g| ShapedGlyph {
            start: g.start - from,
            end: g.end.min(to) - from,
            ..*g
        })
        .collect();
    ShapedRun {
        span: piece.span,
        font: piece.font,
        size: piece.size,
        text: piece.text[from as usize..to as usize].to_string(),
        offset: range.start,
        glyphs,
    }
}

fn sanitise_size(size: f32) -> f32 {
    if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    }
}

/// What HarfRust gives for one glyph, in font units, before scaling to a size: the form the
/// [`ShapeCache`] keeps, so that one shaping serves every size the text is drawn at.
#[derive(Debug, Clone, Copy)]
struct UnitGlyph {
    id: u16,
    x_advance: i32,
    x_offset: i32,
    y_offset: i32,
    start: u32,
    end: u32,
    space: bool,
    unsafe_to_break: bool,
}

/// Texts already shaped, per face, language and script, in font units. foldhash rather than the
/// standard SipHash: a build looks up thousands of words, and SipHash was a tenth of the cost of
/// a lookup that finds its glyphs (foldhash is seeded per process too).
type ShapedTexts = foldhash::HashMap<Box<str>, Arc<[UnitGlyph]>>;

/// What decides the glyphs of a text besides the text: the face, the language (it picks the
/// OpenType `locl` features) and the script, given (`Some`, a word of a paragraph) or guessed
/// from the text itself (`None`).
struct Request<'a> {
    font: FontId,
    lang: Lang,
    language: Option<&'a harfrust::Language>,
    script: Option<harfrust::Script>,
}

impl Request<'_> {
    fn key(&self) -> (FontId, Lang, Option<harfrust::Script>) {
        (self.font, self.lang, self.script)
    }
}

type RequestKey = (FontId, Lang, Option<harfrust::Script>);

/// Every distinct text shaped once per build. The same words and paragraphs are shaped many times
/// over: the handout and the leaflet set the slides' titles again, a text is measured before it is
/// placed, a shrunk slide is laid out at several sizes, and a deck's words repeat. The key is the [`Request`] and the text; the size is not in it
/// because glyphs are kept in font units and scaled on the way out, with the same arithmetic as a
/// fresh shaping, so a cached result is bit-for-bit what shaping would give. Direction is left to
/// right only and every face is shaped with the same features (kerning, ligatures), so nothing
/// else can change the glyphs. A face id is never reused for other bytes (brand fonts get new
/// ids), so entries never go stale.
#[derive(Default)]
pub(crate) struct ShapeCache(Mutex<Cached>);

#[derive(Default)]
struct Cached {
    texts: foldhash::HashMap<RequestKey, ShapedTexts>,
    /// Whether a paragraph in this face, language and script may be shaped word by word.
    cuts: foldhash::HashMap<RequestKey, bool>,
}

impl std::fmt::Debug for ShapeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShapeCache")
    }
}

impl ShapeCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Cached> {
        // A panic elsewhere while holding the lock leaves the cache valid: entries are immutable.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, request: &Request<'_>, text: &str) -> Option<Arc<[UnitGlyph]>> {
        self.lock().texts.get(&request.key())?.get(text).cloned()
    }

    fn insert(&self, request: &Request<'_>, text: &str, glyphs: Arc<[UnitGlyph]>) {
        self.lock()
            .texts
            .entry(request.key())
            .or_default()
            .insert(text.into(), glyphs);
    }

    /// Whether shaping a paragraph word by word ([`words`]) gives the same glyphs as shaping it
    /// whole, in this face, language and script: true when no letter or digit a word may start
    /// with is kerned against a space or substituted in its context. HarfRust says so itself:
    /// it flags a glyph "unsafe to break" before it when a lookup joined it to what precedes
    /// it. Found once per face by shaping a probe of every such character after a space.
    fn cuts_after_space(&self, fonts: &FontBook, request: &Request<'_>) -> bool {
        if let Some(&ok) = self.lock().cuts.get(&request.key()) {
            return ok;
        }
        let probe: String = WORD_STARTS.iter().flat_map(|&c| [' ', c]).collect();
        let ok = fonts.shaping_font(request.font).is_some_and(|font| {
            shape_units(fonts, font, request, &probe).is_some_and(|glyphs| {
                // Every second character is a word start (odd byte offsets: all ASCII).
                glyphs
                    .iter()
                    .all(|g| g.start % 2 == 0 || !g.unsafe_to_break)
            })
        });
        self.lock().cuts.insert(request.key(), ok);
        ok
    }
}

/// The characters before which a paragraph may be cut into words for shaping (after a space):
/// ASCII letters and digits, which start most words of French and English text. Others (an
/// accented capital, a quote, a mark that combines with the space) keep the text joined.
const WORD_STARTS: &[char] = &[
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S',
    'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l',
    'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '0', '1', '2', '3', '4',
    '5', '6', '7', '8', '9',
];

/// The words of a piece, with their byte offsets: cut after a run of plain spaces (kept with the
/// word before) and before a [`WORD_STARTS`] character.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut after_space = false;
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let cut = after_space && c.is_ascii_alphanumeric();
            after_space = c == ' ';
            if cut {
                let word = (start, &text[start..i]);
                start = i;
                return Some(word);
            }
        }
        if start < text.len() {
            let word = (start, &text[start..]);
            start = text.len();
            return Some(word);
        }
        None
    })
}

/// The script HarfRust would guess for a whole piece: that of its first character of a real
/// script. `None` when it has none (digits and punctuation only), then shaped whole as before.
fn piece_script(text: &str) -> Option<harfrust::Script> {
    use harfrust::Script;
    // What `Buffer::guess_segment_properties` does, without copying the text into a buffer.
    text.chars()
        .map(|c| harfrust::unicode::script(u32::from(c)))
        .find(|s| ![Script::COMMON, Script::INHERITED, Script::UNKNOWN].contains(s))
}

/// Shapes `text` in a face at a size: from the book's [`ShapeCache`] when the same text was shaped
/// before for the same request, else with HarfRust (outside the cache's lock, so that the
/// outputs rendered on other threads do not wait; two threads shaping the same text at once both
/// store the same glyphs).
fn shape_text(fonts: &FontBook, request: &Request<'_>, text: &str, size: f32) -> Vec<ShapedGlyph> {
    let Some(font) = fonts.shaping_font(request.font) else {
        return Vec::new();
    };
    let cache = fonts.shape_cache();
    let units = match cache.get(request, text) {
        Some(units) => units,
        None => {
            let Some(units) = shape_units(fonts, font, request, text) else {
                return Vec::new();
            };
            let units: Arc<[UnitGlyph]> = units.into();
            cache.insert(request, text, units.clone());
            units
        }
    };
    let scale = size / font.units_per_em().max(1) as f32;
    units
        .iter()
        .map(|g| ShapedGlyph {
            id: g.id,
            advance: g.x_advance as f32 * scale,
            dx: g.x_offset as f32 * scale,
            // Negate the integer so that a zero offset is 0.0, not -0.0.
            dy: (-g.y_offset) as f32 * scale,
            start: g.start,
            end: g.end,
            space: g.space,
            unsafe_to_break: g.unsafe_to_break,
        })
        .collect()
}

/// Shapes `text` with HarfRust; `None` when the font cannot shape it with the plan built for its
/// script.
fn shape_units(
    fonts: &FontBook,
    font: &harfrust::Font,
    request: &Request<'_>,
    text: &str,
) -> Option<Vec<UnitGlyph>> {
    let mut buffer = harfrust::Buffer::new();
    buffer.push_str(text);
    // Left-to-right only: diapo's languages are French and English (see the module docs of
    // `text` for this limitation).
    buffer.set_direction(harfrust::Direction::LeftToRight);
    buffer.set_language(request.language.cloned());
    // Without a script given, the text's own is guessed.
    buffer.set_script(request.script);
    buffer.guess_segment_properties();
    let plan = fonts.shape_plan(request.font, buffer.script(), request.language)?;
    let options = harfrust::ShapeOptions::new().plan(Some(&plan));
    harfrust::shape(&harfrust::ShaperFont::new(font), &mut buffer, options).ok()?;

    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    // Cluster starts in ascending order, to find where each cluster's text ends.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();

    let mut glyphs = Vec::with_capacity(infos.len());
    let mut previous_cluster = None;
    for (info, pos) in infos.iter().zip(positions) {
        let cluster = info.cluster as usize;
        let first_of_cluster = previous_cluster != Some(cluster);
        previous_cluster = Some(cluster);
        // Binary search: a paragraph of one long line has as many clusters as characters.
        let end = starts
            .get(starts.partition_point(|&s| s <= cluster))
            .copied()
            .unwrap_or(text.len());
        let cluster_text = text.get(cluster..end).unwrap_or("");
        let mut chars = cluster_text.chars();
        let first = chars.next();
        if first.is_some_and(is_ignorable) && chars.next().is_none() {
            continue;
        }
        let (start, end) = if first_of_cluster {
            (cluster as u32, end as u32)
        } else {
            (cluster as u32, cluster as u32)
        };
        glyphs.push(UnitGlyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            start,
            end,
            space: first.is_some_and(is_breaking_space),
            unsafe_to_break: info.unsafe_to_break(),
        });
    }
    Some(glyphs)
}

#[cfg(test)]
mod tests {
    use super::super::{collect::collect, Span, TextStyle};
    use super::*;

    fn shape(fonts: &FontBook, text: &str) -> Vec<ShapedRun> {
        let spans = [Span::new(text, TextStyle::default())];
        let para = collect(&spans);
        let shaper = Shaper::new(fonts, &para, Lang::Fr);
        shaper.shape(0..para.text.len(), false)
    }

    #[test]
    fn kerning_tightens_av() {
        let fonts = FontBook::new();
        let pair = width(&shape(&fonts, "AV"));
        let apart = width(&shape(&fonts, "A")) + width(&shape(&fonts, "V"));
        // 14 units per em at the default 12 pt.
        assert!((apart - pair - 0.168).abs() < 1e-3, "{pair} vs {apart}");
    }

    #[test]
    fn soft_hyphen_leaves_no_glyph() {
        let fonts = FontBook::new();
        let runs = shape(&fonts, "ab\u{AD}cd");
        assert_eq!(runs[0].glyphs.len(), 4);
        // The glyph before the soft hyphen stands for itself only.
        let b = runs[0].glyphs[1];
        assert_eq!(&runs[0].text[b.start as usize..b.end as usize], "b");
    }

    #[test]
    fn missing_characters_fall_back_to_another_face() {
        let fonts = FontBook::new();
        // Box drawing is in DejaVu Sans Mono, not in Source Sans.
        let runs = shape(&fonts, "a\u{2500}b");
        assert_eq!(runs.len(), 3);
        assert_ne!(runs[0].font, runs[1].font);
        assert!(runs.iter().all(|r| r.glyphs.iter().all(|g| g.id != 0)));
    }

    /// The word-by-word shaping of a paragraph gives the glyphs of shaping it whole, in every
    /// built-in face that allows the cut, in French and English: the cut is what keeps the
    /// outputs byte-identical with the cache, so it is checked glyph by glyph, flags included.
    #[test]
    fn shaping_word_by_word_equals_shaping_whole() {
        let fonts = FontBook::new();
        let text = "Le Ministère accélère la mise en production : 12 équipes, 3 AV Wa To Ty, \
                    l\u{2019}homologation « continue » — 2024, fi ffl Type Yo Pa ja 1/2 A.V. x";
        let mut cut = 0;
        for (family, weight, italic, _) in fonts.slots() {
            let font = fonts.select(family, weight, italic);
            for lang in [Lang::Fr, Lang::En] {
                let language = harfrust::Language::from_str(lang.tag()).ok();
                let request = Request {
                    font,
                    lang,
                    language: language.as_ref(),
                    script: piece_script(text),
                };
                if !fonts.shape_cache().cuts_after_space(&fonts, &request) {
                    continue;
                }
                cut += 1;
                let whole = shape_text(
                    &fonts,
                    &Request {
                        script: None,
                        ..request
                    },
                    text,
                    12.0,
                );
                let mut by_words = Vec::new();
                for (at, word) in words(text) {
                    let at = at as u32;
                    by_words.extend(shape_text(&fonts, &request, word, 12.0).into_iter().map(
                        |g| ShapedGlyph {
                            start: g.start + at,
                            end: g.end + at,
                            ..g
                        },
                    ));
                }
                assert_eq!(
                    format!("{whole:?}"),
                    format!("{by_words:?}"),
                    "{family:?} {weight:?} italic {italic} {lang:?}"
                );
            }
        }
        // The built-in faces do allow it: otherwise the test checks nothing.
        assert!(cut > 0);
    }

    /// The script a piece is given is HarfRust's own guess for it, read without a buffer.
    #[test]
    fn piece_script_is_harfrust_guess() {
        for text in [
            "Le ministère",
            "2024 — 12 %",
            "« Ω » alpha",
            "\u{301}e",
            "",
            "🙂 ok",
            "Привет",
        ] {
            let mut buffer = harfrust::Buffer::new();
            buffer.push_str(text);
            buffer.guess_segment_properties();
            assert_eq!(piece_script(text), buffer.script(), "{text:?}");
        }
        assert_eq!(piece_script("12 / 3"), None);
    }

    #[test]
    fn words_keep_spaces_with_the_word_before() {
        let cut: Vec<_> = words("la  mise, en « prod » 2024").collect();
        assert_eq!(
            cut,
            [
                (0, "la  "),
                (4, "mise, "),
                (10, "en « "),
                (16, "prod » "),
                (24, "2024")
            ]
        );
    }
}
