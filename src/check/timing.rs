//! Timing: how long the deck takes to present, against the front matter's `duration`.
//!
//! The estimate is deliberately simple, so a trainer can predict it: each slide takes the time to
//! say its words — the title, what the slide shows and its speaker notes — at a speaking pace
//! (`--wpm`, 130 words a minute by default), and never less than a minimum (`--min-per-slide`,
//! 30 s by default: a title, a section divider or a picture is still shown and introduced).
//! Facilitator notes are instructions to the trainer, not speech: they do not count.

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Deck, Note};
use crate::rules::Rule;

/// The speaking pace of the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Pace {
    /// Words a minute, speaking to an audience (notes and slide text alike).
    pub words_per_minute: u32,
    /// The least time any slide takes, in seconds.
    pub min_seconds_per_slide: u32,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            words_per_minute: 130,
            min_seconds_per_slide: 30,
        }
    }
}

/// The estimate for one slide as shown ("(suite)" slides are slides of their own).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SlideTime {
    /// 1-based, as in `#/N`.
    pub number: usize,
    pub title: String,
    /// The source line the slide comes from (its first line of text).
    pub line: usize,
    pub words: usize,
    pub seconds: u32,
}

/// The whole deck's estimate.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Timing {
    pub pace: Pace,
    /// The front matter's `duration`, in minutes.
    pub budget_minutes: Option<u32>,
    pub total_seconds: u32,
    pub slides: Vec<SlideTime>,
}

impl Timing {
    /// The total, rounded to the nearest minute.
    pub fn total_minutes(&self) -> u32 {
        (self.total_seconds + 30) / 60
    }

    /// Minutes over the budget (negative: under), when there is one.
    pub fn over_minutes(&self) -> Option<i64> {
        self.budget_minutes
            .map(|b| i64::from(self.total_minutes()) - i64::from(b))
    }

    /// The slides that take longest, longest first (the earlier slide first on a tie).
    pub fn longest(&self, n: usize) -> Vec<&SlideTime> {
        let mut slides: Vec<&SlideTime> = self.slides.iter().collect();
        slides.sort_by(|a, b| b.seconds.cmp(&a.seconds).then(a.number.cmp(&b.number)));
        slides.truncate(n);
        slides
    }

    /// `7 (4 min), 12 (3 min), 3 (2 min 30 s)`: the slides that eat the budget.
    pub fn longest_list(&self, n: usize) -> String {
        self.longest(n)
            .iter()
            .map(|s| format!("{} ({})", s.number, duration(s.seconds)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `about 42 min for a 30 min session — 12 min over`.
    pub fn headline(&self) -> String {
        let total = self.total_minutes();
        match (self.budget_minutes, self.over_minutes()) {
            (Some(budget), Some(over)) if over > 0 => {
                format!("about {total} min for a {budget} min session — {over} min over")
            }
            (Some(budget), _) => format!("about {total} min for a {budget} min session"),
            (None, _) => format!(
                "about {total} min (set `duration:` in the front matter to check it against the session)"
            ),
        }
    }

    /// The headline, and the slides that take longest when the deck runs over.
    pub fn summary(&self) -> String {
        match self.over_minutes() {
            Some(over) if over > 0 => format!(
                "{}; the slides that take longest: {}",
                self.headline(),
                self.longest_list(3)
            ),
            _ => self.headline(),
        }
    }
}

/// `4 min`, `2 min 30 s`, `45 s`.
pub fn duration(seconds: u32) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    match (m, s) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Estimates every slide of a fitted deck.
pub fn estimate(deck: &Deck, src: &SourceFile, pace: &Pace) -> Timing {
    let wpm = pace.words_per_minute.max(1);
    let slides: Vec<SlideTime> = deck
        .slides
        .iter()
        .enumerate()
        .map(|(i, slide)| {
            let spoken = [
                slide.title_text(),
                slide.body.text(),
                // What is said: a diagram's source in the notes is not.
                slide
                    .notes
                    .iter()
                    .filter_map(Note::prose)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ];
            let words: usize = spoken.iter().map(|t| super::words(t)).sum();
            let said = (words as u64 * 60).div_ceil(u64::from(wpm));
            let seconds = u32::try_from(said)
                .unwrap_or(u32::MAX)
                .max(pace.min_seconds_per_slide);
            SlideTime {
                number: i + 1,
                title: slide.title_text().trim().to_string(),
                line: src.text_line(slide.line),
                words,
                seconds,
            }
        })
        .collect();
    Timing {
        pace: *pace,
        budget_minutes: deck.meta.duration_minutes,
        total_seconds: slides
            .iter()
            .map(|s| s.seconds)
            .fold(0, u32::saturating_add),
        slides,
    }
}

/// `timing/over-budget`, at the front matter's `duration:` line.
pub fn check(timing: &Timing, src: &SourceFile, findings: &mut Diagnostics) {
    let (Some(budget), Some(over)) = (timing.budget_minutes, timing.over_minutes()) else {
        return;
    };
    if over <= 0 {
        return;
    }
    let mut d = Diagnostic::warning(format!(
        "the deck takes about {} min to present, for a {budget} min session: {over} min over",
        timing.total_minutes()
    ))
    .rule(Rule::OverBudget)
    .with_hint(format!(
        "the slides that take longest: {}; shorten their notes, move details to the handout, or cut slides",
        timing.longest_list(3)
    ));
    if let Some(at) = crate::deck::frontmatter::value_location_of(src, "duration") {
        d = d.at(at);
    }
    findings.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(240), "4 min");
        assert_eq!(duration(150), "2 min 30 s");
    }
}
