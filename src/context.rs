//! What every output is made from, in one value: the fitted deck, its theme, fonts and images,
//! the fitting's scale of each slide, the display facts, and the creation time. `build` makes it
//! once per build and hands the same context to the HTML renderer, the slides', handouts' and
//! leaflet's layout and the editable decks' writers (mdBook's `RenderContext`), so that none of
//! them takes six arguments and none computes the facts again.

use crate::assets::ImageStore;
use crate::facts::Facts;
use crate::layout::fonts::FontBook;
use crate::model::Deck;
use crate::theme::Theme;

pub struct RenderCtx<'a> {
    pub deck: &'a Deck,
    pub theme: &'a Theme,
    pub fonts: &'a FontBook,
    pub images: &'a ImageStore,
    /// The fitting stage's scale of each slide (1 when it was not shrunk).
    pub scales: &'a [f32],
    /// Part numbers, slide names, the cover's facts: computed once, here.
    pub facts: Facts,
    /// Seconds since the Unix epoch the documents say they were made (never the clock).
    pub created: i64,
}

impl<'a> RenderCtx<'a> {
    pub fn new(
        deck: &'a Deck,
        theme: &'a Theme,
        fonts: &'a FontBook,
        images: &'a ImageStore,
        scales: &'a [f32],
        created: i64,
    ) -> RenderCtx<'a> {
        RenderCtx {
            deck,
            theme,
            fonts,
            images,
            scales,
            facts: Facts::new(deck),
            created,
        }
    }

    /// The scale of slide `index`.
    pub fn scale(&self, index: usize) -> f32 {
        self.scales.get(index).copied().unwrap_or(1.0)
    }
}
