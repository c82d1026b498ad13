//! The font book: every face diapo can typeset with, parsed once.
//!
//! Faces are addressed by [`Family`] (sans, serif, mono), [`Weight`] and italic, and resolved
//! to a [`FontId`] with CSS-like fallback when the exact face does not exist (mono italic gives
//! mono regular, serif bold italic gives serif italic). The open-licensed faces in `fonts/` are
//! compiled into the binary; a brand can replace any of them with its own licensed files, which
//! are validated here (parseable, outlines we can subset, embedding allowed) so that a bad file
//! is an error message rather than a broken PDF. Each face keeps its bytes once (for embedding),
//! read by a ttf-parser face (metrics, character map, licence flags) and a HarfRust font
//! (shaping), both parsed once per book.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

/// A typeface family slot. Themes pick slots; brands may fill them with their own fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Sans,
    Serif,
    Mono,
}

impl Family {
    /// The CSS family name of the bundled face in this slot.
    pub fn css_name(self) -> &'static str {
        match self {
            Family::Sans => "Source Sans 3",
            Family::Serif => "Source Serif 4",
            Family::Mono => "DejaVu Sans Mono",
        }
    }

    /// `sans`, `serif` or `mono`, as theme files write them.
    pub fn parse(name: &str) -> Option<Family> {
        match name {
            "sans" => Some(Family::Sans),
            "serif" => Some(Family::Serif),
            "mono" => Some(Family::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    Regular,
    Semibold,
    Bold,
}

impl Weight {
    /// The CSS / OpenType numeric weight.
    pub fn value(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Semibold => 600,
            Weight::Bold => 700,
        }
    }

    /// The order in which to try weights when this one is missing, as CSS font matching does:
    /// for 400, lighter-or-equal first then heavier; for 600 and 700, heavier first.
    fn fallback_order(self) -> [Weight; 3] {
        match self {
            Weight::Regular => [Weight::Regular, Weight::Semibold, Weight::Bold],
            Weight::Semibold => [Weight::Semibold, Weight::Bold, Weight::Regular],
            Weight::Bold => [Weight::Bold, Weight::Semibold, Weight::Regular],
        }
    }
}

/// Index of a face in its [`FontBook`]. Only meaningful with the book that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct FontId(pub(crate) u16);

/// Vertical metrics of a face, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FontMetrics {
    pub units_per_em: u16,
    /// Distance from the baseline to the top of the line box (positive).
    pub ascender: i16,
    /// Distance from the baseline to the bottom of the line box (negative).
    pub descender: i16,
    pub line_gap: i16,
    pub cap_height: i16,
    /// The glyph bounding box of the whole face: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// Slant in degrees, counter-clockwise (negative for italics).
    pub italic_angle: f32,
    /// OpenType weight class (400 regular, 700 bold).
    pub weight_class: u16,
}

impl FontMetrics {
    /// Converts font units to points at `size`.
    pub fn to_pt(&self, units: f32, size: f32) -> f32 {
        units * size / f32::from(self.units_per_em.max(1))
    }

    /// The ascender at `size`, in points.
    pub fn ascent(&self, size: f32) -> f32 {
        self.to_pt(f32::from(self.ascender), size)
    }

    /// The descender at `size`, in points, as a positive distance below the baseline.
    pub fn descent(&self, size: f32) -> f32 {
        -self.to_pt(f32::from(self.descender), size)
    }
}

/// Why a font file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// Not an OpenType/TrueType font, or a damaged one.
    Unreadable,
    /// A font without TrueType (`glyf`) or CFF outlines, e.g. a CFF2 variable font.
    UnsupportedOutlines,
    /// The font has no Unicode character map, so text cannot be mapped to glyphs.
    NoUnicodeCmap,
    /// The font's licence flags (OS/2 fsType) forbid embedding or subsetting it in a document.
    EmbeddingForbidden,
    /// More faces than a book can address.
    TooManyFaces,
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FontError::Unreadable => "not a readable TrueType/OpenType font file",
            FontError::UnsupportedOutlines => {
                "unsupported font outlines: only TrueType (glyf) and CFF fonts can be embedded"
            }
            FontError::NoUnicodeCmap => "the font has no Unicode character map",
            FontError::EmbeddingForbidden => {
                "the font's licence flags forbid embedding it (subset) in a PDF"
            }
            FontError::TooManyFaces => "too many fonts loaded",
        })
    }
}

impl std::error::Error for FontError {}

/// A font file's bytes, shared by the parsed face that borrows them and the shaping font that
/// holds them: the built-in files are `&'static`, a brand's are read at run time.
type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The bytes of a font file.
fn bytes_of(data: &FontData) -> &[u8] {
    (**data).as_ref()
}

type Parsed<'a> = ttf_parser::Face<'a>;

self_cell::self_cell!(
    /// Font bytes and the face parsed from them, kept together so the file is not re-parsed
    /// for every paragraph.
    struct OwnedFace {
        owner: FontData,
        #[covariant]
        dependent: Parsed,
    }
);

impl fmt::Debug for OwnedFace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OwnedFace({} bytes)",
            bytes_of(self.borrow_owner()).len()
        )
    }
}

struct Face {
    owned: OwnedFace,
    /// The same bytes for HarfRust, which keeps its own parsed tables and lookup accelerators.
    shaping: harfrust::Font,
    postscript_name: String,
    metrics: FontMetrics,
    coverage: Coverage,
}

impl fmt::Debug for Face {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Face")
            .field("owned", &self.owned)
            .field("postscript_name", &self.postscript_name)
            .finish_non_exhaustive()
    }
}

/// Which characters a face maps, remembered as they are asked for. Choosing a face for every
/// character of every paragraph (`has_char`) asked the font's `cmap` tens of thousands of times
/// per build, a fifteenth of it; the answers for the first [`Coverage::MEMO`] code points (Latin,
/// Greek, Cyrillic, punctuation, arrows, symbols: nearly every character a deck holds) are kept
/// here, others asked each time. Atomics because the outputs lay out text on several threads;
/// two threads asking the same character at once both write the same answer.
struct Coverage(Box<[AtomicU8]>);

impl Coverage {
    const MEMO: usize = 0x3000;
    const UNKNOWN: u8 = 0;
    const MAPPED: u8 = 1;
    const UNMAPPED: u8 = 2;

    fn new() -> Self {
        Coverage(
            (0..Self::MEMO)
                .map(|_| AtomicU8::new(Self::UNKNOWN))
                .collect(),
        )
    }

    /// Whether `c` is mapped, from the memo or from `lookup` (then remembered).
    fn has(&self, c: char, lookup: impl FnOnce() -> bool) -> bool {
        let Some(slot) = self.0.get(c as usize) else {
            return lookup();
        };
        match slot.load(Ordering::Relaxed) {
            Self::MAPPED => true,
            Self::UNMAPPED => false,
            _ => {
                let mapped = lookup();
                let answer = if mapped { Self::MAPPED } else { Self::UNMAPPED };
                slot.store(answer, Ordering::Relaxed);
                mapped
            }
        }
    }
}

impl fmt::Debug for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Coverage")
    }
}

/// The faces available for layout and PDF output.
#[derive(Debug)]
pub struct FontBook {
    faces: Vec<Face>,
    slots: BTreeMap<(Family, Weight, bool), FontId>,
    /// Noto Emoji: no slot of its own (a theme never picks it), the last fallback of every face.
    emoji: Option<FontId>,
    plans: PlanCache,
    /// Texts shaped so far: the book is what every output of a build shares, so the slides PDF,
    /// the handout and the leaflet shape each distinct text once between them.
    shapes: crate::layout::text::ShapeCache,
    /// Paragraphs laid out so far, for the same reason.
    layouts: crate::layout::text::LayoutCache,
}

type PlanKey = (FontId, Option<harfrust::Script>, Option<harfrust::Language>);

/// Shaping plans per face, script and language. Building a plan compiles the face's OpenType
/// lookups, which costs more than shaping a word; a deck shapes thousands of words.
#[derive(Default)]
struct PlanCache(Mutex<foldhash::HashMap<PlanKey, Arc<harfrust::ShapePlan>>>);

impl fmt::Debug for PlanCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PlanCache")
    }
}

/// The emoji face (monochrome outlines, so it subsets into a PDF like any other font).
const EMOJI: &[u8] = include_bytes!("../../fonts/noto-emoji/NotoEmoji-Regular.ttf");

/// The CSS family name the HTML gives the emoji face; every font stack lists it before the
/// generic family.
pub const EMOJI_CSS_NAME: &str = "Noto Emoji";

const BUILTIN: &[(Family, Weight, bool, &[u8])] = &[
    (
        Family::Sans,
        Weight::Regular,
        false,
        include_bytes!("../../fonts/source-sans-3/SourceSans3-Regular.ttf"),
    ),
    (
        Family::Sans,
        Weight::Regular,
        true,
        include_bytes!("../../fonts/source-sans-3/SourceSans3-It.ttf"),
    ),
    (
        Family::Sans,
        Weight::Semibold,
        false,
        include_bytes!("../../fonts/source-sans-3/SourceSans3-Semibold.ttf"),
    ),
    (
        Family::Sans,
        Weight::Bold,
        false,
        include_bytes!("../../fonts/source-sans-3/SourceSans3-Bold.ttf"),
    ),
    (
        Family::Sans,
        Weight::Bold,
        true,
        include_bytes!("../../fonts/source-sans-3/SourceSans3-BoldIt.ttf"),
    ),
    (
        Family::Serif,
        Weight::Regular,
        false,
        include_bytes!("../../fonts/source-serif-4/SourceSerif4-Regular.ttf"),
    ),
    (
        Family::Serif,
        Weight::Regular,
        true,
        include_bytes!("../../fonts/source-serif-4/SourceSerif4-It.ttf"),
    ),
    (
        Family::Serif,
        Weight::Semibold,
        false,
        include_bytes!("../../fonts/source-serif-4/SourceSerif4-Semibold.ttf"),
    ),
    (
        Family::Serif,
        Weight::Bold,
        false,
        include_bytes!("../../fonts/source-serif-4/SourceSerif4-Bold.ttf"),
    ),
    (
        Family::Mono,
        Weight::Regular,
        false,
        include_bytes!("../../fonts/dejavu-sans-mono/DejaVuSansMono.ttf"),
    ),
    (
        Family::Mono,
        Weight::Bold,
        false,
        include_bytes!("../../fonts/dejavu-sans-mono/DejaVuSansMono-Bold.ttf"),
    ),
];

impl Default for FontBook {
    fn default() -> Self {
        Self::new()
    }
}

impl FontBook {
    /// A book holding the built-in faces.
    pub fn new() -> Self {
        let mut book = FontBook {
            faces: Vec::new(),
            slots: BTreeMap::new(),
            emoji: None,
            plans: PlanCache::default(),
            shapes: crate::layout::text::ShapeCache::default(),
            layouts: crate::layout::text::LayoutCache::default(),
        };
        for &(family, weight, italic, data) in BUILTIN {
            // The built-in files are fixed at compile time and covered by a test, so a failure
            // here is a packaging bug, not a user error: skip the face and let fallback cover.
            if let Ok(id) = book.load(Arc::new(data)) {
                book.slots.insert((family, weight, italic), id);
            }
        }
        book.emoji = book.load(Arc::new(EMOJI)).ok();
        book
    }

    /// Loads a user font file into a slot, replacing what was there (a brand's licensed
    /// font, for instance). The bytes are checked before anything is replaced.
    pub fn add_font(
        &mut self,
        family: Family,
        weight: Weight,
        italic: bool,
        data: Vec<u8>,
    ) -> Result<FontId, FontError> {
        let id = self.load(Arc::new(data))?;
        self.slots.insert((family, weight, italic), id);
        // A paragraph laid out before may have picked the face this slot held.
        self.layouts = crate::layout::text::LayoutCache::default();
        Ok(id)
    }

    fn load(&mut self, data: FontData) -> Result<FontId, FontError> {
        let index = u16::try_from(self.faces.len()).map_err(|_| FontError::TooManyFaces)?;
        let owned = OwnedFace::try_new(data.clone(), |bytes| {
            Parsed::parse(bytes_of(bytes), 0).map_err(|_| FontError::Unreadable)
        })?;
        let shaping = harfrust::Font::new(harfrust::font::Blob::from(data), 0)
            .ok_or(FontError::Unreadable)?;
        let face = owned.borrow_dependent();
        let tables = face.tables();
        if tables.glyf.is_none() && tables.cff.is_none() {
            return Err(FontError::UnsupportedOutlines);
        }
        if face.glyph_index('a').is_none() && face.glyph_index('0').is_none() {
            return Err(FontError::NoUnicodeCmap);
        }
        if face.permissions() == Some(ttf_parser::Permissions::Restricted)
            || !face.is_subsetting_allowed()
        {
            return Err(FontError::EmbeddingForbidden);
        }
        let metrics = metrics_of(face);
        let postscript_name = postscript_name_of(face, index);
        self.faces.push(Face {
            owned,
            shaping,
            postscript_name,
            metrics,
            coverage: Coverage::new(),
        });
        Ok(FontId(index))
    }

    /// The face for a family, weight and style, falling back like CSS does: keep the style
    /// (italic or upright) if the family has it, then the nearest weight; a family with no
    /// face at all falls back to sans.
    /// Every face in its slot: (family, weight, italic, font file bytes). The HTML embeds these.
    pub fn slots(&self) -> impl Iterator<Item = (Family, Weight, bool, &[u8])> + '_ {
        self.slots
            .iter()
            .filter_map(|(&(family, weight, italic), &id)| {
                Some((family, weight, italic, self.data(id)?))
            })
    }

    pub fn select(&self, family: Family, weight: Weight, italic: bool) -> FontId {
        for fam in [family, Family::Sans, Family::Serif, Family::Mono] {
            for style in [italic, !italic] {
                for w in weight.fallback_order() {
                    if let Some(&id) = self.slots.get(&(fam, w, style)) {
                        return id;
                    }
                }
            }
        }
        // Only reachable if every built-in face failed to load, which a test rules out.
        FontId(0)
    }

    /// Faces to try, in order, for characters `primary` lacks: the same weight and style in
    /// the other families.
    pub(crate) fn fallbacks(&self, primary: FontId) -> Vec<FontId> {
        let (weight, italic) = self
            .slots
            .iter()
            .find(|(_, &id)| id == primary)
            .map(|(&(_, w, i), _)| (w, i))
            .unwrap_or((Weight::Regular, false));
        let mut out = Vec::new();
        for fam in [Family::Sans, Family::Serif, Family::Mono] {
            let id = self.select(fam, weight, italic);
            if id != primary && !out.contains(&id) {
                out.push(id);
            }
        }
        out.extend(self.emoji);
        out
    }

    /// The emoji face and its file, for the HTML to embed subset.
    pub fn emoji(&self) -> Option<(FontId, &[u8])> {
        let id = self.emoji?;
        Some((id, self.data(id)?))
    }

    fn face(&self, id: FontId) -> Option<&Face> {
        self.faces.get(usize::from(id.0))
    }

    /// The parsed face. `None` only for an id from another book.
    fn parsed(&self, id: FontId) -> Option<&Parsed<'_>> {
        self.face(id).map(|f| f.owned.borrow_dependent())
    }

    /// The shaping font. `None` only for an id from another book.
    pub(crate) fn shaping_font(&self, id: FontId) -> Option<&harfrust::Font> {
        self.face(id).map(|f| &f.shaping)
    }

    /// The texts shaped with this book's faces so far.
    pub(crate) fn shape_cache(&self) -> &crate::layout::text::ShapeCache {
        &self.shapes
    }

    /// The paragraphs laid out with this book so far.
    pub(crate) fn layout_cache(&self) -> &crate::layout::text::LayoutCache {
        &self.layouts
    }

    /// The shaping plan for a face, left-to-right text in a script and language, built once.
    pub(crate) fn shape_plan(
        &self,
        id: FontId,
        script: Option<harfrust::Script>,
        language: Option<&harfrust::Language>,
    ) -> Option<Arc<harfrust::ShapePlan>> {
        let key = (id, script, language.cloned());
        // A panic elsewhere while holding the lock leaves the cache valid: plans are immutable.
        let mut plans = self.plans.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(plan) = plans.get(&key) {
            return Some(plan.clone());
        }
        let font = self.shaping_font(id)?;
        let plan = Arc::new(harfrust::ShapePlan::new(
            font,
            harfrust::Direction::LeftToRight,
            script,
            language,
            &[],
        ));
        plans.insert(key, plan.clone());
        Some(plan)
    }

    /// Whether the face maps `c` to a glyph.
    pub fn has_char(&self, id: FontId, c: char) -> bool {
        self.face(id).is_some_and(|face| {
            face.coverage.has(c, || {
                face.owned
                    .borrow_dependent()
                    .glyph_index(c)
                    .is_some_and(|g| g.0 != 0)
            })
        })
    }

    /// The font file, as loaded.
    pub fn data(&self, id: FontId) -> Option<&[u8]> {
        self.face(id).map(|f| bytes_of(f.owned.borrow_owner()))
    }

    /// The PostScript name, sanitised for use as a PDF name.
    pub fn postscript_name(&self, id: FontId) -> Option<&str> {
        self.face(id).map(|f| f.postscript_name.as_str())
    }

    pub fn metrics(&self, id: FontId) -> Option<&FontMetrics> {
        self.face(id).map(|f| &f.metrics)
    }

    /// Number of glyphs in the face: valid glyph ids are below it.
    pub fn glyph_count(&self, id: FontId) -> Option<u16> {
        self.parsed(id).map(|f| f.number_of_glyphs())
    }

    /// Horizontal advance of a glyph, in font units.
    pub fn advance(&self, id: FontId, glyph: u16) -> Option<u16> {
        self.parsed(id)
            .and_then(|f| f.glyph_hor_advance(ttf_parser::GlyphId(glyph)))
    }
}

fn metrics_of(face: &ttf_parser::Face<'_>) -> FontMetrics {
    let bbox = face.global_bounding_box();
    FontMetrics {
        units_per_em: face.units_per_em(),
        ascender: face.ascender(),
        descender: face.descender(),
        line_gap: face.line_gap(),
        cap_height: face.capital_height().unwrap_or_else(|| face.ascender()),
        bbox: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
        italic_angle: face.italic_angle(),
        weight_class: face.weight().to_number(),
    }
}

fn postscript_name_of(face: &ttf_parser::Face<'_>, index: u16) -> String {
    let name = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    // PDF names and the subset tag want plain ASCII without delimiters.
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(60)
        .collect();
    if clean.is_empty() {
        format!("Font{index}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<FontBook>();
    }

    #[test]
    fn every_builtin_face_loads() {
        let book = FontBook::new();
        // The built-in faces and the emoji face.
        assert_eq!(book.faces.len(), BUILTIN.len() + 1);
        assert!(book.emoji().is_some(), "the emoji face did not load");
        for (_, _, _, data) in BUILTIN {
            assert!(data.len() > 1000);
        }
        assert_eq!(
            book.postscript_name(book.select(Family::Sans, Weight::Regular, false)),
            Some("SourceSans3-Regular")
        );
    }

    #[test]
    fn falls_back_like_css() {
        let book = FontBook::new();
        let name = |f, w, i| book.postscript_name(book.select(f, w, i)).unwrap();
        assert_eq!(name(Family::Mono, Weight::Regular, true), "DejaVuSansMono");
        assert_eq!(
            name(Family::Mono, Weight::Semibold, false),
            "DejaVuSansMono-Bold"
        );
        assert_eq!(name(Family::Serif, Weight::Bold, true), "SourceSerif4-It");
        assert_eq!(
            name(Family::Sans, Weight::Semibold, true),
            "SourceSans3-BoldIt"
        );
        assert_eq!(name(Family::Sans, Weight::Bold, false), "SourceSans3-Bold");
    }

    #[test]
    fn builtin_faces_cover_french_typography() {
        let book = FontBook::new();
        let sans = book.select(Family::Sans, Weight::Regular, false);
        for c in ['\u{202F}', '\u{a0}', '«', '»', '’', '—', '…', 'œ', 'É', 'ç'] {
            assert!(book.has_char(sans, c), "{c:?}");
        }
    }

    #[test]
    fn emoji_fall_back_to_noto_emoji_in_every_family() {
        let book = FontBook::new();
        let (emoji, _) = book.emoji().expect("emoji face");
        for family in [Family::Sans, Family::Serif, Family::Mono] {
            for weight in [Weight::Regular, Weight::Bold] {
                let primary = book.select(family, weight, false);
                assert_eq!(book.fallbacks(primary).last(), Some(&emoji));
            }
        }
        for c in ['🚀', '👌', '👍', '✅', '🎉'] {
            assert!(book.has_char(emoji, c), "{c:?}");
        }
    }

    #[test]
    fn metrics_are_sane() {
        let book = FontBook::new();
        let m = book
            .metrics(book.select(Family::Sans, Weight::Regular, false))
            .unwrap();
        assert_eq!(m.units_per_em, 1000);
        assert!(m.ascender > 0 && m.descender < 0);
        assert!((m.ascent(10.0) - f32::from(m.ascender) / 100.0).abs() < 1e-4);
    }

    #[test]
    fn bad_user_font_is_an_error_not_a_panic() {
        let mut book = FontBook::new();
        let before = book.select(Family::Sans, Weight::Regular, false);
        for junk in [Vec::new(), b"not a font".to_vec(), vec![0, 1, 0, 0, 0, 9]] {
            let err = book
                .add_font(Family::Sans, Weight::Regular, false, junk)
                .unwrap_err();
            assert_eq!(err, FontError::Unreadable);
        }
        // A truncated real font must not panic either.
        let truncated = BUILTIN[0].3[..4096].to_vec();
        assert!(book
            .add_font(Family::Sans, Weight::Regular, false, truncated)
            .is_err());
        assert_eq!(book.select(Family::Sans, Weight::Regular, false), before);
    }

    #[test]
    fn user_font_replaces_a_slot() {
        let mut book = FontBook::new();
        let serif = BUILTIN[5].3.to_vec();
        let id = book
            .add_font(Family::Sans, Weight::Regular, false, serif)
            .unwrap();
        assert_eq!(book.select(Family::Sans, Weight::Regular, false), id);
        assert_eq!(book.postscript_name(id), Some("SourceSerif4-Regular"));
    }
}
