//! diapo's browser suite: the HTML deck as trainers and their audience get it, opened from
//! `file://` in a real headless Chromium driven over the DevTools protocol. One module per concern:
//! navigation (keys, deep links, fragments, overview, progress, counter), the presenter window,
//! `diapo serve`'s live reload and error overlay (served on 127.0.0.1, not from `file://`),
//! zero network requests, nothing overflowing a slide at three window sizes, printing one page
//! per slide, screenshots for a human to look at (`target/browser-artefacts/`), and accessibility
//! (axe-core on every slide, plus the checks axe cannot make: live announcements, focus ring,
//! reduced motion).
//!
//! Needs Chromium (`/usr/bin/chromium`, or `DIAPO_CHROMIUM`) and axe-core
//! (`npm ci --prefix tests/browser`). Without them the tests pass with a note on stderr, unless
//! `DIAPO_REQUIRE_BROWSER=1` (CI), where they fail.

mod accessibility;
mod design;
mod live;
mod media;
mod navigation;
mod network;
mod overflow;
mod parity;
mod presenter;
mod print;
mod screenshots;
mod support;
