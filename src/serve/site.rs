//! What `diapo serve` serves at a given moment, and how a build changes it. A [`Site`] is
//! immutable: each build makes the next one ([`Site::next`]), which says what the open pages must
//! do ([`Change`]). The page served at `/` is the last good deck with the live-reload script and
//! the error overlay added — added here only, so `diapo build` never writes them.

use crate::build::{self, BuildOptions, Format, Prepared, Rendered};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Slide;
use crate::render::html::markup::escape;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The script every served page gets (and built decks never do).
const LIVE_JS: &str = include_str!("live.js");

/// The overlay's look: above everything the deck draws, in system fonts (nothing to load).
const LIVE_CSS: &str = "#diapo-live-error{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:70vh;overflow:auto;box-sizing:border-box;margin:0;padding:16px 24px;background:#1e1e1e;color:#f5f5f5;border-top:6px solid #e1000f;box-shadow:0 -4px 24px rgba(0,0,0,.45);font:15px/1.45 ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace}#diapo-live-error[hidden]{display:none}#diapo-live-error p{margin:0 0 8px;font:bold 16px/1.3 system-ui,sans-serif}#diapo-live-error pre{margin:0;white-space:pre-wrap;font:inherit}";

/// Shown above the diagnostics in the overlay.
const OVERLAY_TITLE: &str =
    "diapo: the deck has an error. The last version that built is shown until it is fixed.";

/// The page served while no build has succeeded yet: nothing but the overlay.
const EMPTY_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>diapo serve: the deck has an error</title>\n</head>\n<body>\n</body>\n</html>\n";

/// A deck that built: its HTML as `diapo build` writes it, and what the PDFs are rendered from
/// when they are asked for.
pub(super) struct Good {
    html: String,
    prepared: Prepared,
    prints: Fingerprints,
    pub warnings: Diagnostics,
    /// The PDFs rendered so far from this build.
    pdfs: Mutex<Vec<(Format, Arc<[u8]>)>>,
}

impl Good {
    pub fn slides(&self) -> usize {
        self.prepared.deck.slides.len()
    }

    /// `slides.pdf`, `handout.pdf`, `slides.odp` or `slides.pptx` of this build, rendered on
    /// first request.
    pub fn pdf(&self, format: Format, opts: &BuildOptions) -> Result<Arc<[u8]>, Diagnostics> {
        let mut pdfs = self.pdfs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, bytes)) = pdfs.iter().find(|(f, _)| *f == format) {
            return Ok(bytes.clone());
        }
        let Rendered { outputs, .. } = build::render(&self.prepared, opts, &[format])?;
        let Some((_, bytes)) = outputs.into_iter().next() else {
            return Err(Diagnostics(vec![Diagnostic::error("nothing was rendered")]));
        };
        let bytes: Arc<[u8]> = Arc::from(bytes);
        pdfs.push((format, bytes.clone()));
        Ok(bytes)
    }
}

/// Builds the deck's HTML in memory, as `diapo build --format html` would.
pub(super) fn build(deck: &Path, opts: &BuildOptions) -> Result<Good, Diagnostics> {
    let prepared = build::prepare(deck, opts)?;
    let Rendered {
        outputs, warnings, ..
    } = build::render(&prepared, opts, &[Format::Html])?;
    let html = outputs
        .into_iter()
        .next()
        .and_then(|(_, bytes)| String::from_utf8(bytes).ok())
        .ok_or_else(|| Diagnostics(vec![Diagnostic::error("the HTML was not rendered")]))?;
    Ok(Good {
        prints: Fingerprints::of(&prepared),
        html,
        prepared,
        warnings,
        pdfs: Mutex::default(),
    })
}

/// What the open pages must do after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// Reload; onto this 1-based slide when the build changed one, else where they are.
    Reload { slide: Option<usize> },
    /// Show the build's errors over what they show.
    Failed,
    /// The build gave what is already served.
    Unchanged,
}

pub(super) struct Site {
    session: String,
    generation: u64,
    /// Names this state: a page whose version is not the server's is stale and reloads.
    pub version: String,
    /// The last deck that built, served until a newer one builds.
    pub good: Option<Arc<Good>>,
    /// The last build's errors, when it failed.
    pub errors: Option<Diagnostics>,
    /// What `/` serves.
    pub page: Arc<[u8]>,
}

impl Site {
    /// Before the first build.
    pub fn new(session: String) -> Site {
        let version = format!("{session}-0");
        Site {
            page: page(None, &version, None),
            session,
            generation: 0,
            version,
            good: None,
            errors: None,
        }
    }

    /// The state after a build, and what the pages must do; `None` keeps this one.
    pub fn next(&self, built: Result<Good, Diagnostics>) -> (Option<Site>, Change) {
        let (good, errors, change) = match built {
            Ok(good) => {
                let old = self.good.as_deref();
                if self.errors.is_none() && old.is_some_and(|o| o.html == good.html) {
                    return (None, Change::Unchanged);
                }
                let slide = old.and_then(|o| o.prints.changed_slide(&good.prints));
                (Some(Arc::new(good)), None, Change::Reload { slide })
            }
            Err(errors) => {
                let same = self
                    .errors
                    .as_ref()
                    .is_some_and(|e| text(e) == text(&errors));
                if same {
                    return (None, Change::Unchanged);
                }
                (self.good.clone(), Some(errors), Change::Failed)
            }
        };
        let generation = self.generation + 1;
        let version = format!("{}-{generation}", self.session);
        let site = Site {
            page: page(good.as_deref(), &version, errors.as_ref()),
            session: self.session.clone(),
            generation,
            version,
            good,
            errors,
        };
        (Some(site), change)
    }

    /// The errors as the terminal shows them (`file:line:col`, the line, the caret, the hint).
    pub fn error_text(&self) -> String {
        self.errors.as_ref().map(text).unwrap_or_default()
    }
}

fn text(diags: &Diagnostics) -> String {
    let all: String = diags.iter().map(ToString::to_string).collect();
    all.trim_end().to_string()
}

/// The deck (or an empty page) with, before `</body>`, the overlay (hidden when the build
/// succeeded; its text escaped) and the live-reload script.
fn page(good: Option<&Good>, version: &str, errors: Option<&Diagnostics>) -> Arc<[u8]> {
    let html = good.map_or(EMPTY_PAGE, |g| g.html.as_str());
    let overlay = format!(
        "<style>{LIVE_CSS}</style>\n<div id=\"diapo-live-error\" role=\"alert\"{}><p>{}</p><pre>{}</pre></div>\n<script data-diapo-version=\"{}\">\n{LIVE_JS}</script>\n",
        if errors.is_some() { "" } else { " hidden" },
        escape(OVERLAY_TITLE),
        escape(&errors.map(text).unwrap_or_default()),
        escape(version),
    );
    // A theme's own deck template might not close the body as ours does: then at the end.
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + overlay.len());
    out.push_str(&html[..at]);
    out.push_str(&overlay);
    out.push_str(&html[at..]);
    Arc::from(out.into_bytes())
}

/// A summary of each slide as the audience sees it, to tell which slide a change touched. Source
/// lines are left out (an edit moves every slide below it), image bytes and fit scales are in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprints {
    meta: u64,
    slides: Vec<u64>,
}

impl Fingerprints {
    fn of(p: &Prepared) -> Fingerprints {
        Fingerprints {
            meta: hash_of(&p.deck.meta, |_| {}),
            slides: p
                .deck
                .slides
                .iter()
                .enumerate()
                .map(|(i, slide)| slide_print(slide, p.scales.get(i).copied(), p))
                .collect(),
        }
    }

    /// The first slide (1-based) that differs in `new`; slide 1 (the title slide) when only the
    /// front matter changed; `None` when no slide did (a stylesheet edit: stay where you are).
    fn changed_slide(&self, new: &Fingerprints) -> Option<usize> {
        let count = new.slides.len();
        if count == 0 {
            return None;
        }
        let longest = self.slides.len().max(count);
        match (0..longest).find(|&i| self.slides.get(i) != new.slides.get(i)) {
            Some(i) => Some(i.min(count - 1) + 1),
            None if self.meta != new.meta => Some(1),
            None => None,
        }
    }
}

fn slide_print(slide: &Slide, scale: Option<f32>, p: &Prepared) -> u64 {
    hash_of(slide, |h| {
        scale.map(f32::to_bits).hash(h);
        for image in crate::deck::images_of(&slide.body) {
            p.images.get(&image.src).map(|i| &i.encoded).hash(h);
        }
    })
}

/// A hash of `value` serialised without its `line` fields, then of what `more` adds.
fn hash_of<T: serde::Serialize>(value: &T, more: impl FnOnce(&mut DefaultHasher)) -> u64 {
    fn forget_lines(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("line");
                map.values_mut().for_each(forget_lines);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(forget_lines),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(value).unwrap_or_default();
    forget_lines(&mut value);
    let mut h = DefaultHasher::new();
    value.to_string().hash(&mut h);
    more(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::Fingerprints;

    fn prints(slides: &[u64]) -> Fingerprints {
        Fingerprints {
            meta: 0,
            slides: slides.to_vec(),
        }
    }

    #[test]
    fn the_first_slide_that_differs_is_the_one_edited() {
        let old = prints(&[1, 2, 3, 4]);
        assert_eq!(old.changed_slide(&prints(&[1, 2, 9, 4])), Some(3));
        // A slide inserted: every slide after it moved, the first of them is the new one.
        assert_eq!(old.changed_slide(&prints(&[1, 9, 2, 3, 4])), Some(2));
        // Added at the end, removed at the end: the new last slide.
        assert_eq!(old.changed_slide(&prints(&[1, 2, 3, 4, 5])), Some(5));
        assert_eq!(old.changed_slide(&prints(&[1, 2, 3])), Some(3));
        // Nothing a slide shows changed: stay where you are.
        assert_eq!(old.changed_slide(&prints(&[1, 2, 3, 4])), None);
        let mut meta = prints(&[1, 2, 3, 4]);
        meta.meta = 7;
        assert_eq!(old.changed_slide(&meta), Some(1));
        assert_eq!(old.changed_slide(&prints(&[])), None);
    }
}
