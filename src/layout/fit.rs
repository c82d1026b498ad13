//! Fitting: every slide's content is laid out by the slide layout itself (the same shaping,
//! line breaking and hyphenation as the PDF) and measured against the theme's content box,
//! before any output is made. A slide that does not fit is
//!
//! 1. shrunk a little, when a small shrink ([`SMALL_SHRINK`], never below the theme's
//!    `fit.min_scale`) absorbs the overflow — a leftover line is not worth a new slide;
//! 2. otherwise split into "(suite)" slides, in as few parts as fit, balanced (4 + 1 items
//!    become 3 + 2, 14 agenda entries 7 + 7), cut only between blocks and between top-level
//!    list items (a bullet stays with its sub-bullets), each part at the largest scale that
//!    fits;
//! 3. and what cannot be split (a two-column slide, one long paragraph) is shrunk to fit and
//!    reported when that takes it below the theme's bound.
//!
//! The slides and scales decided here are final: the PDF draws each slide at its scale, and
//! the HTML receives the same slides, scales and line breaks, so the two show the same.

use super::blocks::Rasters;
use super::slides::{Measure, FIT_SLACK};
use crate::assets::ImageStore;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::layout::fonts::FontBook;
use crate::model::{plain_text, Block, Body, Deck, Layout, List, Note, Slide};
use crate::rules::Rule;
use crate::theme::Theme;

/// The scale of each slide of the fitted deck.
pub struct Fitted {
    pub scales: Vec<f32>,
}

use crate::limits::MAX_SLIDES;

/// A shrink this small (to 90 %) keeps a slide whole rather than splitting it; further down,
/// a split reads better. Slides that cannot be split shrink to the theme's `fit.min_scale`.
pub const SMALL_SHRINK: f32 = 0.9;

/// The steps scales are tried in.
const STEP: f32 = 0.05;

/// Smallest scale a slide is ever drawn at, whatever the theme says (then reported).
const LAST_RESORT: f32 = 0.5;

/// What to do about a slide too full to read.
pub const CROWDED_HINT: &str =
    "cut the text, split the list with a new heading, or move details to the notes";

/// What fitting decided for one slide of the deck.
enum Plan {
    Keep(f32),
    Split(Vec<(Body, f32)>),
}

/// Fits every slide of the deck, splitting long ones. Warnings go to `diags`, and an error when
/// the deck makes more than [`MAX_SLIDES`] slides (fitting then stops).
pub fn fit_deck(
    deck: &mut Deck,
    src: Option<&SourceFile>,
    theme: &Theme,
    fonts: &FontBook,
    images: &ImageStore,
    diags: &mut Diagnostics,
) -> Fitted {
    let mut plans = Vec::with_capacity(deck.slides.len());
    let mut count = 0;
    {
        let facts = crate::facts::Facts::new(deck);
        // A fitter for each of rayon's threads (a measure keeps per-thread caches).
        let rasters = Rasters::default();
        let fitter = || Fitter {
            measure: Measure::new(deck, theme, &facts, fonts, images, &rasters),
            min: theme.min_scale.min(1.0),
            src,
        };
        // Every slide is planned on whichever of rayon's threads is free: a slide's plan depends
        // on the slide alone (shaping is shared and pure), so the order changes no byte. Its
        // room is what the slides before it leave at most (each is at least one slide); the
        // count below stops at the first slide the deck has no room for, as a plan made in order
        // would, and keeps the warnings of the slides before it only.
        let planned: Vec<(Plan, Diagnostics)> = {
            use rayon::prelude::*;
            deck.slides
                .par_iter()
                .enumerate()
                .map_init(fitter, |fitter, (index, slide)| {
                    let mut warnings = Diagnostics::default();
                    let room = (MAX_SLIDES + 1).saturating_sub(index);
                    let plan = fitter.plan(slide, index, room, &mut warnings);
                    (plan, warnings)
                })
                .collect()
        };
        for (slide, (plan, warnings)) in deck.slides.iter().zip(planned) {
            diags.extend(warnings);
            count += match &plan {
                Plan::Keep(_) => 1,
                Plan::Split(parts) => parts.len(),
            };
            plans.push(plan);
            if count > MAX_SLIDES {
                let mut d = Diagnostic::error(format!(
                    "the deck would have more than {MAX_SLIDES} slides"
                ))
                .with_hint("a deck is for one session: split it into several decks, or shorten long lists (they continue on “(suite)” slides)");
                if let Some(src) = src {
                    let len = src.line_text(slide.line).chars().count();
                    d = d.at(src.location_at(slide.line, 1, len));
                }
                diags.push(d);
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(count);
    let mut scales = Vec::with_capacity(count);
    let mut index_map = Vec::with_capacity(deck.slides.len());
    for (slide, plan) in std::mem::take(&mut deck.slides).into_iter().zip(plans) {
        index_map.push(out.len());
        match plan {
            Plan::Keep(scale) => {
                out.push(slide);
                scales.push(scale);
            }
            Plan::Split(parts) => {
                // Each part is a copy of the slide with its own body: the body is dropped
                // first, so a list of thousands of items is not copied once per part.
                let mut shell = slide;
                shell.body = Body::Blocks { blocks: Vec::new() };
                let first = out.len();
                for (k, (body, scale)) in parts.into_iter().enumerate() {
                    out.push(part_of(&shell, k, body));
                    scales.push(scale);
                }
                sources_follow_diagrams(&mut out[first..]);
            }
        }
    }
    // Sections point at slide indices: shift them past inserted "(suite)" slides.
    for section in &mut deck.sections {
        if let Some(&i) = index_map.get(section.first_slide) {
            section.first_slide = i;
        }
    }
    deck.slides = out;
    Fitted { scales }
}

/// A copy of `slide` with an empty body (to take parts' bodies).
fn shell_of(slide: &Slide) -> Slide {
    Slide {
        layout: slide.layout,
        title: slide.title.clone(),
        body: Body::Blocks { blocks: Vec::new() },
        notes: slide.notes.clone(),
        facilitator: slide.facilitator.clone(),
        classes: slide.classes.clone(),
        paginate: slide.paginate,
        header: slide.header.clone(),
        footer: slide.footer.clone(),
        anchor: slide.anchor.clone(),
        section: slide.section,
        continuation: slide.continuation,
        line: slide.line,
    }
}

/// Part `k` of a split slide, with `body`: the first keeps the notes and the layout; the
/// others are "(suite)" slides (a section's continuation is a content slide).
fn part_of(shell: &Slide, k: usize, body: Body) -> Slide {
    let mut part = shell.clone();
    part.body = body;
    part.continuation = k as u32;
    if k > 0 {
        part.anchor = format!("{}-{}", shell.anchor, k + 1);
        part.notes.clear();
        part.facilitator.clear();
        if part.layout == Layout::Section {
            part.layout = Layout::Content;
        }
    }
    part
}

/// The parts of a split slide: a diagram's source, in the first part's notes, goes to the part
/// that shows the diagram's placeholder (which says its source is in the notes).
fn sources_follow_diagrams(parts: &mut [Slide]) {
    let Some((first, rest)) = parts.split_first_mut() else {
        return;
    };
    for part in rest {
        let shown = diagram_lines(&part.body);
        if shown.is_empty() {
            continue;
        }
        let (moved, kept): (Vec<Note>, Vec<Note>) = std::mem::take(&mut first.notes)
            .into_iter()
            .partition(|n| matches!(n, Note::Code { line, .. } if shown.contains(line)));
        first.notes = kept;
        part.notes = moved;
    }
}

/// The source lines of the diagrams a body shows (see [`Note::Code`]).
fn diagram_lines(body: &Body) -> Vec<usize> {
    fn walk(blocks: &[&Block], out: &mut Vec<usize>) {
        for block in blocks {
            match block {
                Block::Diagram(d) => out.push(d.line),
                Block::List(list) => {
                    for item in &list.items {
                        walk(&item.blocks.iter().collect::<Vec<_>>(), out);
                    }
                }
                Block::Quote { blocks } => walk(&blocks.iter().collect::<Vec<_>>(), out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&body.blocks(), &mut out);
    out
}

struct Fitter<'a> {
    measure: Measure<'a>,
    min: f32,
    src: Option<&'a SourceFile>,
}

impl Fitter<'_> {
    // Out of line: `scripts/profile` counts a stage run on rayon's threads by this function.
    #[inline(never)]
    fn plan(&self, slide: &Slide, index: usize, max_parts: usize, diags: &mut Diagnostics) -> Plan {
        let (height, room) = self.measure.height(slide, index, 1.0);
        if height <= room + FIT_SLACK {
            return Plan::Keep(1.0);
        }
        let over = height / room;
        let fits = |scale: f32| self.measure.fits(slide, index, scale);
        // A small shrink absorbs a leftover line.
        if let Some(scale) = largest(SMALL_SHRINK.max(self.min), over, fits) {
            return Plan::Keep(scale);
        }
        if let Some(parts) = self.split(slide, index, height, room, max_parts) {
            let shell = shell_of(slide);
            let mut out = Vec::with_capacity(parts.len());
            for (k, body) in parts.into_iter().enumerate() {
                let part = part_of(&shell, k, body);
                let fits = |scale: f32| self.measure.fits(&part, index, scale);
                let scale = match largest(self.min, 1.0, fits) {
                    Some(scale) => scale,
                    None => {
                        self.warn(
                            diags,
                            &part,
                            Rule::Overflow,
                            "this slide is still too full after splitting it",
                        );
                        largest(LAST_RESORT, 1.0, fits).unwrap_or(LAST_RESORT)
                    }
                };
                out.push((part.body, scale));
            }
            return Plan::Split(out);
        }
        if let Some(scale) = largest(self.min, over, fits) {
            return Plan::Keep(scale);
        }
        let scale = largest(LAST_RESORT, over, fits).unwrap_or(LAST_RESORT);
        self.warn(
            diags,
            slide,
            Rule::Shrunk,
            &format!(
                "this slide's content does not fit: shrunk to {:.0} %, below the {:.0} % the theme keeps readable",
                scale * 100.0,
                self.min * 100.0
            ),
        );
        Plan::Keep(scale)
    }

    fn warn(&self, diags: &mut Diagnostics, slide: &Slide, rule: Rule, message: &str) {
        let mut d =
            Diagnostic::warning(format!("slide “{}”: {message}", slide.title_text().trim()))
                .rule(rule)
                .with_hint(CROWDED_HINT);
        if let Some(src) = self.src {
            d = d.at(src.line_location(slide.line));
        }
        diags.push(d);
    }

    /// The slide's body cut into the fewest balanced parts that each fit at the small-shrink
    /// scale, or `None` when the body cannot be cut (one unit, or a layout that is not cut).
    /// The slide's body cut into the fewest balanced parts that each fit at the small-shrink
    /// scale, or `None` when the body cannot be cut (one unit, or a layout that is not cut).
    fn split(
        &self,
        slide: &Slide,
        index: usize,
        height: f32,
        room: f32,
        max_parts: usize,
    ) -> Option<Vec<Body>> {
        let units = Units::of(slide)?;
        if units.len() < 2 {
            return None;
        }
        // Each unit's height, measured alone on a part of the slide: the weights a balanced
        // cut evens out.
        let mut probe = part_of(&shell_of(slide), 1, Body::Blocks { blocks: Vec::new() });
        let mut measure = |body: Body| {
            probe.body = body;
            self.measure.height(&probe, index, 1.0).0
        };
        let base = measure(units.body(slide, 0..0));
        let weights: Vec<f32> = (0..units.len())
            .map(|i| (measure(units.body(slide, i..i + 1)) - base).max(1.0))
            .collect();
        let total = (height - base).max(weights.iter().sum::<f32>());
        let room = (room - base).max(1.0);
        let mut probe = part_of(&shell_of(slide), 1, Body::Blocks { blocks: Vec::new() });
        let mut fits = |body: Body| {
            probe.body = body;
            self.measure.fits(&probe, index, SMALL_SHRINK.max(self.min))
        };
        // The fewest parts the content's height calls for, then more while a part overflows
        // (a few tries: past them, the parts shrink or are reported).
        let first = ((total / room).ceil() as usize).clamp(2, units.len());
        let mut k = first;
        loop {
            let mut cuts = units.adjusted(balanced(&weights, k));
            let done = k >= units.len() || k > max_parts || k >= first + 3;
            let all_fit = !done && cuts.iter().all(|r| fits(units.body(slide, r.clone())));
            if all_fit {
                // A part left with one unit (a bullet, an entry) takes one more from the part
                // before when both still fit: 5 + 1 becomes 4 + 2.
                for j in 1..cuts.len() {
                    if cuts[j].len() == 1 && cuts[j - 1].len() > 2 {
                        let (before, after) = (
                            cuts[j - 1].start..cuts[j - 1].end - 1,
                            cuts[j].start - 1..cuts[j].end,
                        );
                        if fits(units.body(slide, before.clone()))
                            && fits(units.body(slide, after.clone()))
                        {
                            cuts[j - 1] = before;
                            cuts[j] = after;
                        }
                    }
                }
            }
            if done || all_fit {
                return Some(cuts.into_iter().map(|r| units.body(slide, r)).collect());
            }
            k += 1;
        }
    }
}

/// The largest scale from 1 down to `floor`, by steps, at which `fits`. `over` is how many
/// times too tall the content is at full size: scales that cannot make up for it (text shrinks
/// about in proportion, less what rewrapping gains) are not laid out.
fn largest(floor: f32, over: f32, fits: impl Fn(f32) -> bool) -> Option<f32> {
    let mut scale = 1.0;
    while scale >= floor - 1e-3 {
        if scale * over <= REWRAP_GAIN && fits(scale) {
            return Some(scale);
        }
        scale -= STEP;
    }
    None
}

/// How much more than in proportion shrinking may gain (fewer lines once text rewraps).
const REWRAP_GAIN: f32 = 1.25;

/// Cuts `weights` into `k` consecutive non-empty runs of sums as even as can be: each cut at
/// the unit boundary nearest its share of the total (ties go to the later boundary, so the
/// first parts are the fuller ones), unless that leaves a run heavier than the tightest
/// first-fit fill into `k` runs, which is then taken.
fn balanced(weights: &[f32], k: usize) -> Vec<std::ops::Range<usize>> {
    let n = weights.len();
    let k = k.clamp(1, n.max(1));
    let total: f32 = weights.iter().sum();
    let prefix: Vec<f32> = weights
        .iter()
        .scan(0.0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect();
    // Shares: boundary j (1..k) after the unit whose prefix sum is nearest j·total/k, kept
    // strictly increasing and leaving at least one unit to every run after it.
    let mut cuts = vec![0];
    for j in 1..k {
        let target = total * j as f32 / k as f32;
        let lowest = cuts[j - 1] + 1;
        let highest = n - (k - j);
        // The first boundary whose prefix sum reaches the target, or the one before it.
        let at = (prefix.partition_point(|&p| p < target - 1e-4) + 1).clamp(lowest, highest);
        let before = (at - 1).max(lowest);
        let nearer = if (prefix[before - 1] - target).abs() < (prefix[at - 1] - target).abs() - 1e-4
        {
            before
        } else {
            at
        };
        cuts.push(nearer);
    }
    cuts.push(n);
    let shares: Vec<std::ops::Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    let heaviest = |runs: &[std::ops::Range<usize>]| {
        runs.iter()
            .map(|r| weights[r.clone()].iter().sum::<f32>())
            .fold(0.0, f32::max)
    };
    let filled = first_fit(weights, k);
    if heaviest(&shares) <= heaviest(&filled) + 1e-3 {
        shares
    } else {
        filled
    }
}

/// The first-fit fill of `weights` into `k` runs at the smallest capacity that needs no more.
fn first_fit(weights: &[f32], k: usize) -> Vec<std::ops::Range<usize>> {
    let fill = |capacity: f32| {
        let mut runs = Vec::new();
        let mut start = 0;
        let mut sum = 0.0;
        for (i, w) in weights.iter().enumerate() {
            if i > start && sum + w > capacity {
                runs.push(start..i);
                start = i;
                sum = 0.0;
            }
            sum += w;
        }
        runs.push(start..weights.len());
        runs
    };
    let mut low = weights.iter().copied().fold(0.0, f32::max);
    let mut high = weights.iter().sum::<f32>();
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if fill(mid).len() <= k {
            high = mid;
        } else {
            low = mid;
        }
    }
    let mut runs = fill(high);
    // Fewer runs than asked (a few heavy units): halve the longest runs.
    while runs.len() < k {
        let Some((i, _)) = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.len() > 1)
            .max_by_key(|(_, r)| r.len())
        else {
            break;
        };
        let r = runs.remove(i);
        let mid = r.start + r.len() / 2;
        runs.insert(i, mid..r.end);
        runs.insert(i, r.start..mid);
    }
    runs
}

/// What a body can be cut between: its blocks, a top-level list's items one by one.
enum Units<'a> {
    Blocks(Vec<Unit<'a>>),
    Agenda(&'a [crate::model::AgendaEntry]),
}

enum Unit<'a> {
    Block(&'a Block),
    Item(&'a List, usize),
}

impl<'a> Units<'a> {
    fn of(slide: &'a Slide) -> Option<Self> {
        match (&slide.body, slide.layout) {
            (Body::Blocks { blocks }, Layout::Content | Layout::Objectives | Layout::Section) => {
                let mut units = Vec::new();
                for block in blocks {
                    match block {
                        Block::List(list) if list.items.len() > 1 => {
                            units.extend((0..list.items.len()).map(|i| Unit::Item(list, i)))
                        }
                        other => units.push(Unit::Block(other)),
                    }
                }
                Some(Units::Blocks(units))
            }
            (Body::Agenda { entries, .. }, _) => Some(Units::Agenda(entries)),
            _ => None,
        }
    }

    fn len(&self) -> usize {
        match self {
            Units::Blocks(units) => units.len(),
            Units::Agenda(entries) => entries.len(),
        }
    }

    /// The body made of units `range` (the agenda's intro stays with its first entry).
    fn body(&self, slide: &Slide, range: std::ops::Range<usize>) -> Body {
        match self {
            Units::Blocks(units) => {
                let mut blocks: Vec<Block> = Vec::new();
                for unit in &units[range] {
                    match unit {
                        Unit::Block(b) => blocks.push((*b).clone()),
                        Unit::Item(list, i) => {
                            let item = list.items[*i].clone();
                            match blocks.last_mut() {
                                Some(Block::List(l)) if same_list(l, list, *i) => {
                                    l.items.push(item)
                                }
                                _ => blocks.push(Block::List(List {
                                    start: list.start.map(|s| s + *i as u64),
                                    items: vec![item],
                                })),
                            }
                        }
                    }
                }
                Body::Blocks { blocks }
            }
            Units::Agenda(entries) => {
                let intro = match &slide.body {
                    Body::Agenda { intro, .. } if range.start == 0 && range.end > 0 => {
                        intro.clone()
                    }
                    _ => Vec::new(),
                };
                Body::Agenda {
                    intro,
                    entries: entries[range].to_vec(),
                }
            }
        }
    }

    /// The cuts, with a paragraph introducing a list (`… :`) moved to the part of its list.
    fn adjusted(&self, mut cuts: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
        let Units::Blocks(units) = self else {
            return cuts;
        };
        for k in 0..cuts.len().saturating_sub(1) {
            let last = cuts[k].end - 1;
            let intro = matches!(units[last], Unit::Block(Block::Paragraph { content }) if plain_text(content).trim_end().ends_with(':'));
            if intro && cuts[k].len() > 1 {
                cuts[k].end -= 1;
                cuts[k + 1].start -= 1;
            }
        }
        cuts
    }
}

/// Whether `l` (being built) continues `list` at item `i`: same kind and contiguous.
fn same_list(l: &List, list: &List, i: usize) -> bool {
    match (l.start, list.start) {
        (Some(s), Some(t)) => s + l.items.len() as u64 == t + i as u64,
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::balanced;

    fn counts(weights: &[f32], k: usize) -> Vec<usize> {
        balanced(weights, k).iter().map(|r| r.len()).collect()
    }

    #[test]
    fn equal_items_are_cut_evenly() {
        assert_eq!(counts(&[1.0; 5], 2), [3, 2]);
        assert_eq!(counts(&[1.0; 14], 2), [7, 7]);
        assert_eq!(counts(&[1.0; 10], 3), [3, 4, 3]);
    }

    #[test]
    fn heavy_units_are_balanced_by_weight() {
        assert_eq!(counts(&[3.0, 1.0, 1.0, 1.0], 2), [1, 3]);
    }

    #[test]
    fn equal_items_never_leave_a_lone_item_when_a_balance_exists() {
        for n in 2..=30 {
            for k in 2..=n / 2 {
                let c = counts(&vec![1.0; n], k);
                let (min, max) = (c.iter().min().unwrap(), c.iter().max().unwrap());
                assert!(max - min <= 1, "{n} in {k}: {c:?}");
            }
        }
    }

    #[test]
    fn every_run_is_non_empty_and_in_order() {
        for n in 1..40 {
            for k in 1..=n {
                let runs = balanced(&vec![1.0; n], k);
                assert_eq!(runs.len(), k, "{n} in {k}");
                assert!(runs.iter().all(|r| !r.is_empty()));
                assert_eq!(runs.first().map(|r| r.start), Some(0));
                assert_eq!(runs.last().map(|r| r.end), Some(n));
                assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
            }
        }
    }
}
