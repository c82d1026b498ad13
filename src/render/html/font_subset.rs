//! The HTML's fonts subset to the characters the deck uses, as TrueType fonts that keep a Unicode
//! cmap, so browsers can use them (the PDF's subsets, made by `subsetter`, drop it).
//!
//! allsorts makes the subset. It reads whole the tables it keeps a little of — every glyph of
//! the face, every mapping of its cmap, every glyph name — and that reading was most of the work:
//! [`Trimmed`] hands it only what it will keep, in the order it keeps it, so that it writes the
//! same bytes for far less (the tests compare them on every built-in face).

use allsorts::binary::read::ReadScope;
use allsorts::binary::write::{WriteBinary, WriteBinaryDep, WriteBuffer, WriteContext};
use allsorts::error::ParseError;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::glyf::{CompositeGlyph, Glyph};
use allsorts::tables::loca::LocaTable;
use allsorts::tables::{
    FontTableProvider, HeadTable, HheaTable, HmtxTable, IndexToLocFormat, LongHorMetric, MaxpTable,
};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// A TrueType subset that keeps a Unicode cmap, so browsers can use it (the PDF's subsets drop
/// it, which is why the two outputs subset differently).
pub(super) fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let glyphs = glyph_ids(data, chars)?;
    let scope = ReadScope::new(data);
    let file = scope.read::<allsorts::font_data::FontData<'_>>().ok()?;
    let font = file.table_provider(0).ok()?;
    let trimmed = Trimmed::new(font, &glyphs);
    allsorts::subset::subset(
        &trimmed,
        &trimmed.glyphs,
        &allsorts::subset::SubsetProfile::Minimal,
        allsorts::subset::CmapTarget::Unicode,
    )
    .ok()
}

/// The font's glyphs for `chars`, .notdef first, in increasing order.
fn glyph_ids(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u16>> {
    let parsed = ttf_parser::Face::parse(data, 0).ok()?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::new();
    glyphs.insert(0);
    for &c in chars {
        if let Some(g) = parsed.glyph_index(c) {
            glyphs.insert(g.0);
        }
    }
    Some(glyphs.into_iter().collect())
}

/// A font as allsorts is handed it to subset it: the tables it reads whole to keep a little of
/// (cmap; glyf and loca, with hmtx, hhea and maxp; post) replaced by that little, the others its
/// own.
///
/// allsorts spent most of its 9.2 M instructions on the sample deck's 7 faces reading what it then
/// dropped; handed these tables it spends 3.4 M, and making them 2 M more (10.7 M -> 6.9 M for the
/// faces, the HTML's 39.2 M -> 35.4 M). Each replacement is made only where allsorts would read
/// the font's own tables without an error, and holds what it would keep of them, in the same
/// order: it writes the same bytes (the tests compare them for every built-in face), and a font it
/// fails on fails as it always did.
struct Trimmed<P> {
    font: P,
    /// The replacements, by tag.
    tables: Vec<(u32, Vec<u8>)>,
    /// The glyphs to subset to, as the replaced tables number them.
    glyphs: Vec<u16>,
}

impl<P: FontTableProvider> Trimmed<P> {
    /// `font` trimmed for a subset to `glyphs`.
    fn new(font: P, glyphs: &[u16]) -> Self {
        let (tables, glyphs) = trimmed_tables(&font, glyphs);
        Trimmed {
            font,
            tables,
            glyphs,
        }
    }
}

/// The tables of `font` allsorts is handed in place of its own to subset it to `glyphs`, and the
/// glyphs to ask for then.
fn trimmed_tables(
    font: &impl FontTableProvider,
    glyphs: &[u16],
) -> (Vec<(u32, Vec<u8>)>, Vec<u16>) {
    let mut tables = Vec::new();
    let mut ids = glyphs.to_vec();
    let outlines = renumbered_outlines(font, glyphs);
    let renumber = |glyph| outlines.as_ref().map_or(glyph, |o| o.new_id(glyph));
    // The font's own cmap maps characters to the font's own glyph ids: without a cmap of its own,
    // allsorts is handed no renumbered table either.
    if let Some(cmap) = kept_mappings(font, glyphs, renumber) {
        tables.push((allsorts::tag::CMAP, cmap));
        if let Some(outlines) = outlines {
            ids = glyphs.iter().map(|&glyph| outlines.new_id(glyph)).collect();
            tables.extend(outlines.tables);
        }
    }
    if let Some(post) = post_header(font) {
        tables.push((allsorts::tag::POST, post));
    }
    (tables, ids)
}

impl<P: FontTableProvider> FontTableProvider for Trimmed<P> {
    fn table_data(&self, tag: u32) -> Result<Option<Cow<'_, [u8]>>, ParseError> {
        match self.tables.iter().find(|(replaced, _)| *replaced == tag) {
            Some((_, table)) => Ok(Some(Cow::Borrowed(table))),
            None => self.font.table_data(tag),
        }
    }

    fn has_table(&self, tag: u32) -> bool {
        self.font.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        self.font.table_tags()
    }
}

/// A set of glyph ids, one bit each: it is asked once for every mapping of a font's cmap
/// (thousands), and answers with a shift and a mask.
struct GlyphSet([u64; 1 << 10]);

impl GlyphSet {
    fn of(glyphs: &[u16]) -> Self {
        let mut set = GlyphSet([0; 1 << 10]);
        for &glyph in glyphs {
            set.insert(glyph);
        }
        set
    }

    /// Adds `glyph`: true when it was not in the set yet.
    fn insert(&mut self, glyph: u16) -> bool {
        let (word, bit) = (&mut self.0[usize::from(glyph >> 6)], 1 << (glyph & 63));
        let added = *word & bit == 0;
        *word |= bit;
        added
    }

    fn contains(&self, glyph: u16) -> bool {
        self.0[usize::from(glyph >> 6)] >> (glyph & 63) & 1 == 1
    }
}

/// The font's character mappings to `glyphs`, as a cmap table of its own: one format 12
/// subtable, one group per mapping, to each glyph as `renumber` numbers it.
///
/// allsorts keeps, of the cmap subtable it picks, the mappings to kept glyphs, and looks each
/// glyph up in the list of those kept: every mapping of the font (thousands) times a hundred
/// glyphs, a quarter of the subsetting. Handed only the mappings it would keep, in the same order,
/// it keeps them all and writes the same bytes. Only a Unicode subtable is replaced: allsorts
/// decodes the others (symbol, Mac Roman, Big5) into characters, which a Unicode one cannot say.
/// `None` (the font's own cmap is read) for those, or when the cmap cannot be read, which
/// allsorts then reports as it always did.
fn kept_mappings(
    font: &impl FontTableProvider,
    glyphs: &[u16],
    renumber: impl Fn(u16) -> u16,
) -> Option<Vec<u8>> {
    let data = font.table_data(allsorts::tag::CMAP).ok()??;
    let cmap = ReadScope::new(&data).read::<Cmap<'_>>().ok()?;
    let (encoding, subtable) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
    if encoding != allsorts::font::Encoding::Unicode {
        return None;
    }
    let wanted = GlyphSet::of(glyphs);
    let mut kept = Vec::new();
    // allsorts leaves out mappings to glyph 0 (.notdef) too.
    subtable
        .mappings_fn(|ch, glyph| {
            if glyph != 0 && wanted.contains(glyph) {
                kept.push((ch, glyph));
            }
        })
        .ok()?;
    let groups = u32::try_from(kept.len()).ok()?;
    let mut table = Vec::with_capacity(28 + 12 * kept.len());
    for field in [0u16, 1, 3, 10] {
        // version, one subtable, Windows platform, UCS-4 encoding
        table.extend_from_slice(&field.to_be_bytes());
    }
    for field in [12u32, 12 << 16, 16 + 12 * groups, 0, groups] {
        // its offset; format 12 and a reserved 0; its length, language, groups
        table.extend_from_slice(&field.to_be_bytes());
    }
    for (ch, glyph) in kept {
        for field in [ch, ch, u32::from(renumber(glyph))] {
            table.extend_from_slice(&field.to_be_bytes());
        }
    }
    Some(table)
}

/// The glyphs allsorts keeps, as a font of their own: glyf, loca, hmtx, hhea and maxp.
struct Outlines {
    /// The kept glyphs' ids in the font, in increasing order: glyph `i` of `tables` is `ids[i]`.
    ids: Vec<u16>,
    tables: [(u32, Vec<u8>); 5],
}

impl Outlines {
    /// The id in the tables of the font's glyph `glyph`, a kept one.
    fn new_id(&self, glyph: u16) -> u16 {
        new_id(&self.ids, glyph)
    }
}

/// The place of `glyph` among `ids` (increasing): its id once renumbered. At most 65,535 glyphs
/// (maxp counts them in 16 bits).
fn new_id(ids: &[u16], glyph: u16) -> u16 {
    ids.partition_point(|&id| id < glyph) as u16
}

/// The glyphs of `glyphs` and, through the composite glyphs among them, their components (and
/// theirs): those allsorts keeps, numbered from 0 in the font's order, as a font of their own.
///
/// allsorts makes a record of every glyph of the font (2,478 in Source Sans 3, 3,377 in DejaVu
/// Sans Mono) before it takes the hundred it keeps: 4.8 M instructions of the sample deck's 9.2 M
/// in allsorts' subsetting, as much for an empty glyph as for another (emptying the glyphs it
/// drops, their ids kept, saved 0.4 M of them and cost 1.3 M). Handed only the glyphs it keeps, in
/// the font's order, it makes the same subset: it numbers the glyphs in the order it is asked for
/// them, then the components in the order it meets them, and the renumbering keeps both orders.
/// Each glyph keeps its bytes, composites apart: written anew by allsorts' own writer with their
/// components' new ids (allsorts writes every kept composite anew anyway, from what it reads).
/// Each glyph keeps its metrics, hhea and maxp their other fields, loca head's format (composites
/// padded to an even length for the short one).
///
/// Composites are read with allsorts' own reader, so their components are those its subsetting
/// adds (read-fonts, for one, reads a 24-bit component id where flag 0x2000 is set, which allsorts
/// ignores). `None` (the font's own tables are read) for a font without glyf (CFF outlines), and
/// wherever allsorts would not read the font's own tables as they are, so that it says what it
/// always said: loca or hmtx too short, an offset going back or past the end of glyf, a glyph of
/// one byte, a composite it cannot read, a glyph id past the font's.
fn renumbered_outlines(font: &impl FontTableProvider, glyphs: &[u16]) -> Option<Outlines> {
    use allsorts::tag;
    if font.has_table(tag::CFF) || font.has_table(tag::CFF2) {
        return None;
    }
    let head = font.table_data(tag::HEAD).ok()??;
    let format = ReadScope::new(&head)
        .read::<HeadTable>()
        .ok()?
        .index_to_loc_format;
    let maxp = font.table_data(tag::MAXP).ok()??;
    let mut maxp = ReadScope::new(&maxp).read::<MaxpTable>().ok()?;
    let hhea = font.table_data(tag::HHEA).ok()??;
    let mut hhea = ReadScope::new(&hhea).read::<HheaTable>().ok()?;
    let hmtx = font.table_data(tag::HMTX).ok()??;
    let hmtx = ReadScope::new(&hmtx)
        .read_dep::<HmtxTable<'_>>((
            usize::from(maxp.num_glyphs),
            usize::from(hhea.num_h_metrics),
        ))
        .ok()?;
    let loca = font.table_data(tag::LOCA).ok()??;
    let offsets = ReadScope::new(&loca)
        .read_dep::<LocaTable<'_>>((maxp.num_glyphs, format))
        .ok()?
        .offsets;
    let glyf = font.table_data(tag::GLYF).ok()??;
    if !reads_every_glyph(&glyf, &loca, maxp.num_glyphs, format) {
        return None;
    }
    // A glyph's bytes, where loca places them in glyf.
    let bytes = |glyph: u16| {
        let glyph = usize::from(glyph);
        glyf.get(offsets.get(glyph)? as usize..offsets.get(glyph + 1)? as usize)
    };

    // The glyphs allsorts keeps: those asked for, and the components of the composites among
    // them (read once, here).
    let mut kept: Vec<(u16, Option<CompositeGlyph>)> = glyphs.iter().map(|&g| (g, None)).collect();
    let mut seen = GlyphSet::of(glyphs);
    let mut next = 0;
    while let Some(&(glyph, _)) = kept.get(next) {
        let composite = composite(bytes(glyph)?)?;
        for component in composite.iter().flat_map(|composite| &composite.glyphs) {
            if seen.insert(component.glyph_index) {
                kept.push((component.glyph_index, None));
            }
        }
        kept[next].1 = composite;
        next += 1;
    }
    kept.sort_unstable_by_key(|&(glyph, _)| glyph);
    let ids: Vec<u16> = kept.iter().map(|&(glyph, _)| glyph).collect();

    let mut new_glyf = WriteBuffer::new();
    let mut new_offsets = Vec::with_capacity(ids.len() + 1);
    let mut new_hmtx = Vec::with_capacity(4 * ids.len());
    for (glyph, composite) in kept {
        new_offsets.push(u32::try_from(new_glyf.len()).ok()?);
        match composite {
            Some(mut composite) => {
                for component in &mut composite.glyphs {
                    component.glyph_index = new_id(&ids, component.glyph_index);
                }
                Glyph::write(&mut new_glyf, Glyph::Composite(composite)).ok()?;
                if format == IndexToLocFormat::Short && new_glyf.len() % 2 == 1 {
                    new_glyf.write_zeros(1).ok()?;
                }
            }
            None => new_glyf.write_bytes(bytes(glyph)?).ok()?,
        }
        // Every glyph a long metric of its own.
        let metric = metric(&hmtx, glyph, hhea.num_h_metrics)?;
        new_hmtx.extend_from_slice(&metric.advance_width.to_be_bytes());
        new_hmtx.extend_from_slice(&metric.lsb.to_be_bytes());
    }
    new_offsets.push(u32::try_from(new_glyf.len()).ok()?);
    let mut new_loca = WriteBuffer::new();
    let new_offsets = allsorts::tables::loca::owned::LocaTable {
        offsets: new_offsets,
    };
    allsorts::tables::loca::owned::LocaTable::write_dep(&mut new_loca, new_offsets, format).ok()?;
    let count = u16::try_from(ids.len()).ok()?;
    (maxp.num_glyphs, hhea.num_h_metrics) = (count, count);
    let mut new_maxp = WriteBuffer::new();
    MaxpTable::write(&mut new_maxp, &maxp).ok()?;
    let mut new_hhea = WriteBuffer::new();
    HheaTable::write(&mut new_hhea, &hhea).ok()?;
    Some(Outlines {
        ids,
        tables: [
            (tag::GLYF, new_glyf.into_inner()),
            (tag::LOCA, new_loca.into_inner()),
            (tag::HMTX, new_hmtx),
            (tag::HHEA, new_hhea.into_inner()),
            (tag::MAXP, new_maxp.into_inner()),
        ],
    })
}

/// Whether allsorts reads every glyph `loca` places in `glyf` (see `GlyfTable::read_dep`): none
/// going back, none of one byte (it reads a number of contours), none past the end of glyf (it
/// reads on from where such a glyph starts, a mend for one font). `loca` holds at least the
/// `count` + 1 offsets allsorts reads; they are read here from its bytes, for a third of what
/// allsorts' reader of loca takes (0.25 M instructions against 0.7 M for the sample deck's faces).
fn reads_every_glyph(glyf: &[u8], loca: &[u8], count: u16, format: IndexToLocFormat) -> bool {
    fn each(glyf: usize, mut offsets: impl Iterator<Item = usize>) -> bool {
        let Some(mut start) = offsets.next() else {
            return false;
        };
        offsets.all(|end| {
            let read = end == start || (end > start + 1 && end <= glyf);
            start = end;
            read
        })
    }
    let count = usize::from(count) + 1;
    match format {
        IndexToLocFormat::Short => loca.as_chunks::<2>().0.get(..count).is_some_and(|offsets| {
            let offsets = offsets
                .iter()
                .map(|&o| 2 * usize::from(u16::from_be_bytes(o)));
            each(glyf.len(), offsets)
        }),
        IndexToLocFormat::Long => loca.as_chunks::<4>().0.get(..count).is_some_and(|offsets| {
            let offsets = offsets.iter().map(|&o| u32::from_be_bytes(o) as usize);
            each(glyf.len(), offsets)
        }),
    }
}

/// A glyph as allsorts subsets it: `Some(None)` for a simple or empty one (copied as it is), the
/// composite (read whole, and written anew), `None` where allsorts cannot read it.
fn composite(data: &[u8]) -> Option<Option<CompositeGlyph>> {
    match data {
        [high, low, ..] if i16::from_be_bytes([*high, *low]) < 0 => {
            match ReadScope::new(data).read::<Glyph>() {
                Ok(Glyph::Composite(composite)) => Some(Some(composite)),
                _ => None,
            }
        }
        _ => Some(None),
    }
}

/// A glyph's metrics as allsorts takes them into a subset (see `create_hmtx_table`): past the
/// long metrics, the last one's advance with the glyph's own side bearing.
fn metric(hmtx: &HmtxTable<'_>, glyph: u16, long_metrics: u16) -> Option<LongHorMetric> {
    let (glyph, long_metrics) = (usize::from(glyph), usize::from(long_metrics));
    match glyph.checked_sub(long_metrics) {
        None => hmtx.h_metrics.read_item(glyph).ok(),
        Some(lsb) => Some(LongHorMetric {
            lsb: hmtx.left_side_bearings.read_item(lsb).ok()?,
            ..hmtx
                .h_metrics
                .read_item(long_metrics.checked_sub(1)?)
                .ok()?
        }),
    }
}

/// The font's post table as allsorts writes it into a subset: its header alone, as version 3.0
/// (no glyph names).
///
/// allsorts drops a version 2.0 table's glyph names, but reads them all first, a slice and a
/// vector entry each (2,000 and more per face): 0.9 M instructions for the sample deck's 7 faces.
/// Handed the header as version 3.0, it reads no name and writes the same table. The names are
/// walked here as allsorts reads them (0.14 M instructions), so `None` (the font's own table)
/// where it would fail on them, and for the other versions, which it reads without names already.
fn post_header(font: &impl FontTableProvider) -> Option<Vec<u8>> {
    /// The header's length; the names' indices follow, after their count.
    const HEADER: usize = 32;
    /// Indices below this are the standard Macintosh names, which the table does not hold.
    const STANDARD_NAMES: usize = 258;
    let post = font.table_data(allsorts::tag::POST).ok()??;
    if post.get(..4)? != [0, 2, 0, 0] {
        return None;
    }
    let count = usize::from(u16::from_be_bytes([
        *post.get(HEADER)?,
        *post.get(HEADER + 1)?,
    ]));
    let mut at = HEADER + 2 + 2 * count;
    let indices = post.get(HEADER + 2..at)?;
    // allsorts reads as many names as the largest index asks for.
    let largest = indices
        .chunks_exact(2)
        .map(|i| u16::from_be_bytes([i[0], i[1]]))
        .max();
    let names = largest.map_or(0, |i| (usize::from(i) + 1).saturating_sub(STANDARD_NAMES));
    for _ in 0..names {
        // A length byte, then as many bytes.
        at += 1 + usize::from(*post.get(at)?);
    }
    if at > post.len() {
        return None;
    }
    let mut header = post[..HEADER].to_vec();
    header[..4].copy_from_slice(&[0, 3, 0, 0]);
    Some(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::FontBook;
    use allsorts::font_data::DynamicFontTableProvider;
    use allsorts::tag;

    /// What a test hands allsorts in place of a font's own tables, and the glyphs it asks for then.
    type Trim = fn(&DynamicFontTableProvider<'_>, &[u16]) -> (Vec<(u32, Vec<u8>)>, Vec<u16>);

    const OWN_TABLES: Trim = |_, glyphs| (Vec::new(), glyphs.to_vec());
    const ALL_TRIMMED: Trim = |font, glyphs| trimmed_tables(font, glyphs);
    /// Each replacement alone, where the face has the table: the cmap (the font's own glyph ids),
    /// the renumbered outlines (with their cmap), the post.
    const EACH_TRIMMED: [Trim; 3] = [
        |font, glyphs| {
            let cmap = kept_mappings(font, glyphs, |glyph| glyph);
            let tables = cmap.map(|t| (tag::CMAP, t)).into_iter().collect();
            (tables, glyphs.to_vec())
        },
        |font, glyphs| {
            let outlines = renumbered_outlines(font, glyphs).unwrap();
            let cmap = kept_mappings(font, glyphs, |glyph| outlines.new_id(glyph)).unwrap();
            let ids = glyphs.iter().map(|&glyph| outlines.new_id(glyph)).collect();
            let mut tables = vec![(tag::CMAP, cmap)];
            tables.extend(outlines.tables);
            (tables, ids)
        },
        |font, glyphs| {
            let post = post_header(font).map(|t| (tag::POST, t));
            (post.into_iter().collect(), glyphs.to_vec())
        },
    ];

    fn provider(data: &[u8]) -> DynamicFontTableProvider<'_> {
        let file = ReadScope::new(data)
            .read::<allsorts::font_data::FontData<'_>>()
            .unwrap();
        file.table_provider(0).unwrap()
    }

    /// allsorts' subset of the face `data` to `glyphs`, handed what `trim` makes; its error as
    /// text.
    fn subset_with(data: &[u8], glyphs: &[u16], trim: Trim) -> Result<Vec<u8>, String> {
        let font = provider(data);
        let (tables, glyphs) = trim(&font, glyphs);
        allsorts::subset::subset(
            &Trimmed {
                font,
                tables,
                glyphs: Vec::new(),
            },
            &glyphs,
            &allsorts::subset::SubsetProfile::Minimal,
            allsorts::subset::CmapTarget::Unicode,
        )
        .map_err(|error| format!("{error:?}"))
    }

    /// Letters whose glyphs are composites: accented capitals in Source Sans 3 and DejaVu Sans
    /// Mono, accented small letters, ç and « in Source Serif 4.
    const COMPOSITES: &str = "ÀÂÇÉÈÊËÎÏÔÛÙÜŸàâçéèêëîïôûùüÿ«…";

    /// Each replacement alone, and all of them together, make the subset allsorts makes from the
    /// font's own tables, byte for byte: every built-in face (the emoji's included; Source Serif
    /// 4's loca is short, the others' long), for characters from none to every one up to U+2FFF,
    /// composites among them, whose components the renumbered outlines are checked to hold.
    #[test]
    fn the_trimmed_tables_change_no_byte_of_a_subset() {
        let book = FontBook::new();
        let sets: [BTreeSet<char>; 5] = [
            BTreeSet::new(),
            (' '..='~').collect(),
            "Égalité « déjà » — l’œuvre… Ça coûte 3 € à Noël ! → ✓ 😀"
                .chars()
                .collect(),
            COMPOSITES.chars().collect(),
            ('\0'..='\u{2fff}').collect(),
        ];
        for (family, weight, italic, data) in book.slots() {
            let glyphs = glyph_ids(data, &sets[3]).unwrap();
            let outlines = renumbered_outlines(&provider(data), &glyphs).unwrap();
            let components = outlines.ids.len() - glyphs.len();
            assert!(
                components > 0,
                "{family:?} {weight:?} italic {italic}: no component"
            );
            assert!(post_header(&provider(data)).is_some());
        }
        let emoji = book.emoji().map(|(_, data)| data);
        for data in book.slots().map(|(.., data)| data).chain(emoji) {
            for chars in &sets {
                let glyphs = glyph_ids(data, chars).unwrap();
                let own = subset_with(data, &glyphs, OWN_TABLES).unwrap();
                for trim in EACH_TRIMMED.into_iter().chain([ALL_TRIMMED]) {
                    assert!(subset_with(data, &glyphs, trim).unwrap() == own);
                }
                assert!(subset(data, chars).unwrap() == own);
            }
        }
    }

    /// `data` with the bytes of its table `tag` changed by `spoil`.
    fn spoilt(data: &[u8], tag: &[u8; 4], spoil: impl Fn(&mut [u8])) -> Vec<u8> {
        let mut data = data.to_vec();
        let field = |data: &[u8], at: usize| {
            let bytes = [data[at], data[at + 1], data[at + 2], data[at + 3]];
            u32::from_be_bytes(bytes) as usize
        };
        let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
        let record = (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&record| &data[record..record + 4] == tag)
            .unwrap();
        let (offset, length) = (field(&data, record + 8), field(&data, record + 12));
        spoil(&mut data[offset..offset + length]);
        data
    }

    /// A font allsorts fails on, or reads otherwise than as its tables say, is handed to it as it
    /// is, and comes out as it always did: loca going back, a glyph of one byte, the last glyph
    /// past the end of glyf (in both loca formats, at glyphs the subset does not keep), more glyph
    /// names than post holds.
    #[test]
    fn a_font_allsorts_fails_on_is_handed_over_as_it_is() {
        let ascii: BTreeSet<char> = (' '..='~').collect();
        let faces: [&[u8]; 2] = [
            include_bytes!("../../../fonts/source-sans-3/SourceSans3-Regular.ttf"),
            include_bytes!("../../../fonts/source-serif-4/SourceSerif4-Regular.ttf"),
        ];
        for data in faces {
            let glyphs = glyph_ids(data, &ascii).unwrap();
            let font = provider(data);
            let head = font.read_table_data(tag::HEAD).unwrap();
            let short = ReadScope::new(&head)
                .read::<HeadTable>()
                .unwrap()
                .index_to_loc_format
                == IndexToLocFormat::Short;
            let maxp = font.read_table_data(tag::MAXP).unwrap();
            let count = usize::from(
                ReadScope::new(&maxp)
                    .read::<MaxpTable>()
                    .unwrap()
                    .num_glyphs,
            );
            // Neither of the last two glyphs is kept.
            let last = u16::try_from(count - 1).unwrap();
            assert!(!glyphs.contains(&last) && !glyphs.contains(&(last - 1)));
            let width = if short { 2 } else { 4 };
            let entry = move |loca: &[u8], glyph: usize| {
                let bytes = &loca[width * glyph..width * glyph + width];
                match short {
                    true => 2 * u32::from(u16::from_be_bytes([bytes[0], bytes[1]])),
                    false => u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
                }
            };
            let set = move |loca: &mut [u8], glyph: usize, offset: u32| {
                let bytes = match short {
                    true => u16::try_from(offset / 2).unwrap().to_be_bytes().to_vec(),
                    false => offset.to_be_bytes().to_vec(),
                };
                loca[width * glyph..width * glyph + width].copy_from_slice(&bytes);
            };
            let glyf_length =
                u32::try_from(font.read_table_data(tag::GLYF).unwrap().len()).unwrap();
            let spoilt_fonts = [
                // The glyph before the last ends where glyph 0 starts.
                spoilt(data, b"loca", |loca| set(loca, count - 1, entry(loca, 0))),
                // One byte (two in the short format: a glyph of two bytes is read).
                spoilt(data, b"loca", |loca| {
                    let start = entry(loca, count - 2);
                    set(loca, count - 1, start + 1 + u32::from(short));
                }),
                // The last glyph ends past the end of glyf.
                spoilt(data, b"loca", |loca| set(loca, count, glyf_length + 2)),
                // Glyph 1 named by the last index there is.
                spoilt(data, b"post", |post| {
                    post[36..38].copy_from_slice(&[0xff, 0xff])
                }),
            ];
            for (spoil, font) in spoilt_fonts.iter().enumerate() {
                let trimmed = trimmed_tables(&provider(font), &glyphs).0;
                let trimmed: Vec<u32> = trimmed.iter().map(|(tag, _)| *tag).collect();
                let own = subset_with(font, &glyphs, OWN_TABLES);
                assert!(own.is_err() || spoil == 2, "spoil {spoil} did not spoil");
                assert!(
                    subset_with(font, &glyphs, ALL_TRIMMED) == own,
                    "spoil {spoil}"
                );
                match spoil {
                    3 => assert!(!trimmed.contains(&tag::POST)),
                    _ => assert!(!trimmed.contains(&tag::GLYF)),
                }
            }
        }
    }
}
