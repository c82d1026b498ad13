//! Paragraphs laid out once per build, whoever asks.
//!
//! The same paragraph is laid out again and again with the same spans and options: fitting
//! measures a slide at a size and the slide page then places it at that size, the readability
//! check lays it out once more, and every slide repeats its header, footer and bloc-marque. On
//! the sample deck half of the text laid out (by bytes) had been laid out before. [`layout`]
//! is a pure function of the font book, the spans and the options, so its result is kept here,
//! in the book that every output of a build shares (next to the shaping cache), and handed out
//! again as a copy: the same lines, bit for bit.
//!
//! [`layout`]: super::layout

use std::sync::{Arc, Mutex, PoisonError};

use super::{Span, TextBlock, TextOptions};

/// Paragraphs kept before the cache starts again from empty: the sample deck (28 slides) lays out
/// 347 distinct ones. A longer deck or a long `serve` session lays out again what it asks after
/// that, so memory stays bounded whatever the deck: 4,096 entries took a 1,000-slide build from
/// 96 MB to 101 MB of peak memory, 1,024 leave it at 96 MB.
const MAX_ENTRIES: usize = 1024;

#[derive(Default)]
pub(crate) struct LayoutCache(Mutex<foldhash::HashMap<Box<[u8]>, Arc<TextBlock>>>);

impl std::fmt::Debug for LayoutCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LayoutCache")
    }
}

impl LayoutCache {
    /// The paragraph's layout: a copy of the one kept for the same spans and options, else what
    /// `lay_out` gives (run outside the lock, so that outputs laid out on other threads do not
    /// wait; two threads laying out the same paragraph at once both keep the same lines).
    pub(super) fn get_or(
        &self,
        spans: &[Span],
        opts: &TextOptions,
        lay_out: impl FnOnce() -> TextBlock,
    ) -> TextBlock {
        let key = key(spans, opts);
        if let Some(block) = self.lock().get(&key[..]) {
            return TextBlock::clone(block);
        }
        let block = lay_out();
        let mut kept = self.lock();
        if kept.len() >= MAX_ENTRIES {
            kept.clear();
        }
        kept.insert(key, Arc::new(block.clone()));
        block
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, foldhash::HashMap<Box<[u8]>, Arc<TextBlock>>> {
        // A panic elsewhere while holding the lock leaves the cache valid: entries are immutable.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Everything the layout reads from its arguments, as bytes: each span's text and style, then
/// the options. Lengths prefix the strings, so two different argument lists never give the same
/// bytes; sizes are compared by their bits (a `-0.0` or a NaN only misses the cache).
fn key(spans: &[Span], opts: &TextOptions) -> Box<[u8]> {
    let text: usize = spans.iter().map(|s| s.text.len() + 24).sum();
    let mut key = Vec::with_capacity(text + 16);
    let string = |key: &mut Vec<u8>, s: &str| {
        key.extend_from_slice(&(s.len() as u64).to_le_bytes());
        key.extend_from_slice(s.as_bytes());
    };
    for span in spans {
        let style = &span.style;
        string(&mut key, &span.text);
        key.extend_from_slice(&[
            style.family as u8,
            style.weight as u8,
            u8::from(style.italic),
            style.colour.r,
            style.colour.g,
            style.colour.b,
        ]);
        key.extend_from_slice(&style.size.to_bits().to_le_bytes());
        match &style.link {
            Some(uri) => {
                key.push(1);
                string(&mut key, uri);
            }
            None => key.push(0),
        }
    }
    key.extend_from_slice(&opts.max_width.to_bits().to_le_bytes());
    key.extend_from_slice(&opts.line_height.to_bits().to_le_bytes());
    key.extend_from_slice(&[opts.align as u8, opts.lang as u8]);
    key.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::super::TextStyle;
    use super::*;

    fn span(text: &str, size: f32) -> Span {
        Span::new(
            text,
            TextStyle {
                size,
                ..TextStyle::default()
            },
        )
    }

    /// Whatever changes the layout changes the key: the cut between spans, a style, an option.
    #[test]
    fn keys_tell_different_arguments_apart() {
        let opts = TextOptions::new(200.0);
        let base = key(&[span("ab", 12.0), span("c", 12.0)], &opts);
        assert_eq!(base, key(&[span("ab", 12.0), span("c", 12.0)], &opts));
        assert_ne!(base, key(&[span("a", 12.0), span("bc", 12.0)], &opts));
        assert_ne!(base, key(&[span("ab", 12.0), span("c", 13.0)], &opts));
        assert_ne!(
            base,
            key(
                &[span("ab", 12.0), span("c", 12.0)],
                &TextOptions::new(201.0)
            )
        );
        let mut linked = span("c", 12.0);
        linked.style.link = Some("https://example.org".into());
        assert_ne!(base, key(&[span("ab", 12.0), linked], &opts));
        let english = TextOptions {
            lang: super::super::Lang::En,
            ..opts
        };
        assert_ne!(base, key(&[span("ab", 12.0), span("c", 12.0)], &english));
    }

    /// A paragraph handed out again is the one laid out the first time, and the cache empties
    /// itself when full rather than growing.
    #[test]
    fn a_kept_layout_is_handed_out_again_and_the_cache_stays_bounded() {
        let fonts = crate::layout::fonts::FontBook::new();
        let cache = LayoutCache::default();
        let spans = [span("Le ministère accélère", 12.0)];
        let opts = TextOptions::new(80.0);
        let first = cache.get_or(&spans, &opts, || {
            super::super::lay_out(&fonts, &spans, &opts)
        });
        let again = cache.get_or(&spans, &opts, || panic!("laid out twice"));
        assert_eq!(format!("{first:?}"), format!("{again:?}"));
        for i in 0..MAX_ENTRIES {
            let opts = TextOptions::new(i as f32);
            cache.get_or(&spans, &opts, TextBlock::default);
        }
        assert!(cache.lock().len() <= MAX_ENTRIES);
    }
}
