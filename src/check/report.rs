//! What `diapo check` prints: a checklist a trainer reads top to bottom — one line per rule
//! family with ✓, ! or ✗, the findings under it with `file:line:col`, rule, message and hint —
//! then the timing and the counts; or the same as JSON for CI ([`JSON_VERSION`], documented in
//! the README).

use super::timing::{duration, SlideTime};
use super::{Family, Rule, Timing};
use crate::diagnostic::SourceFile;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::model::Deck;
use crate::style::Styles;
use crate::theme::Theme;
use std::fmt::Write;

/// Bumped when a field of the JSON changes meaning or goes away (new fields may be added).
pub const JSON_VERSION: u32 = 1;

/// Everything `diapo check` found in a deck.
pub struct Report {
    /// The deck file, as the findings name it.
    pub deck: String,
    pub slides: usize,
    /// `None` when there was no deck to check (see [`Report::failed`]).
    pub theme: Option<String>,
    pub brand: Option<String>,
    pub has_images: bool,
    /// In checklist order: by family, then by place in the file.
    pub findings: Vec<Diagnostic>,
    pub timing: Option<Timing>,
    /// The tool the deck was written for, and what was made of its syntax.
    pub dialect: Option<crate::deck::dialect::Report>,
}

/// What a report is made of: a deck prepared as far as it goes (`crate::build::check`), and
/// every finding on it.
pub struct Checked<'a> {
    pub deck: &'a Deck,
    pub source: &'a SourceFile,
    pub theme: &'a Theme,
    pub timing: &'a Timing,
    /// The stages' warnings, the linter's findings and the PDF layout's warnings.
    pub findings: Diagnostics,
}

impl Report {
    /// The report on a checked deck; `strict` makes warnings errors.
    pub fn new(p: Checked<'_>, strict: bool) -> Report {
        let mut all = p.findings;
        if strict {
            all = all.as_errors();
        }
        let mut findings = all.0;
        // A missing image only warns in a build (a placeholder stands in for it), but a trainer
        // checking the deck before a session must see it as broken in the room.
        for finding in &mut findings {
            if finding.rule == Some(Rule::MissingImage)
                && finding.severity == crate::diagnostic::Severity::Warning
            {
                finding.severity = crate::diagnostic::Severity::Error;
            }
        }
        let family_rank = |d: &Diagnostic| Family::of(d.rule);
        findings.sort_by(|a, b| {
            let place =
                |d: &Diagnostic| d.location.as_ref().map(|l| (l.path.clone(), l.line, l.col));
            family_rank(a)
                .cmp(&family_rank(b))
                .then_with(|| place(a).cmp(&place(b)))
                .then_with(|| a.message.cmp(&b.message))
        });
        findings.dedup();
        Report {
            deck: p.source.path.display().to_string(),
            slides: p.deck.slides.len(),
            theme: Some(p.theme.name.clone()),
            brand: p.theme.brand.as_ref().map(|b| b.id.clone()),
            has_images: p
                .deck
                .slides
                .iter()
                .any(|s| !crate::deck::images_of(&s.body).is_empty()),
            findings,
            timing: Some(p.timing.clone()),
            dialect: Some(p.deck.dialect.clone()),
        }
    }

    /// The report on a deck that could not be read far enough to check it: the errors that
    /// stopped it.
    pub fn failed(deck: &std::path::Path, errors: Diagnostics) -> Report {
        Report {
            deck: deck.display().to_string(),
            slides: 0,
            theme: None,
            brand: None,
            has_images: false,
            findings: errors.0,
            timing: None,
            dialect: None,
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `diapo check` fails when something is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// `1 error, 5 warnings, 2 notes`, or `no problem found`.
    pub fn counts(&self) -> String {
        let parts: Vec<String> = [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "note", "notes"),
        ]
        .iter()
        .filter_map(|&(s, one, many)| match self.count(s) {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        })
        .collect();
        if parts.is_empty() {
            "no problem found".into()
        } else {
            parts.join(", ")
        }
    }

    /// The checklist. `quiet`: the errors only; `verbose`: every slide's time too.
    pub fn text(&self, styles: &Styles, quiet: bool, verbose: bool) -> String {
        let mut out = String::new();
        if quiet {
            for d in self.findings.iter().filter(|d| d.is_error()) {
                finding(&mut out, styles, d);
            }
            return out;
        }
        let brand = self
            .brand
            .as_ref()
            .map(|b| format!(", brand {b}"))
            .unwrap_or_default();
        let theme = self.theme.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{}: {} slide{}, theme {theme}{brand}",
            self.deck,
            self.slides,
            plural(self.slides),
        );
        if let Some(d) = self.dialect.as_ref().filter(|d| {
            d.dialect != crate::deck::dialect::Dialect::Diapo
                || d.mapped_total() + d.dropped_total() > 0
        }) {
            let _ = writeln!(out, "{}", d.summary());
            let list = |m: &std::collections::BTreeMap<String, usize>| {
                m.iter()
                    .map(|(k, n)| {
                        if *n == 1 {
                            k.clone()
                        } else {
                            format!("{k} ×{n}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !d.mapped.is_empty() {
                let _ = writeln!(out, "  mapped: {}", list(&d.mapped));
            }
            if !d.dropped.is_empty() {
                let _ = writeln!(out, "  left out: {}", list(&d.dropped));
            }
        }
        out.push('\n');
        for family in Family::ALL {
            let heading = family.heading();
            let found: Vec<&Diagnostic> = self
                .findings
                .iter()
                .filter(|d| Family::of(d.rule) == family)
                .collect();
            let worst = found.iter().map(|d| d.severity).min();
            if family == Family::Deck && found.is_empty() {
                continue;
            }
            let (mark, style) = match worst {
                Some(Severity::Error) => ("✗", styles.error),
                Some(Severity::Warning) => ("!", styles.warning),
                _ => ("✓", styles.ok),
            };
            let status = self.status(family, &found);
            let bold = styles.bold;
            let _ = writeln!(
                out,
                "{style}{mark}{style:#} {bold}{heading}{bold:#}: {status}"
            );
            for d in &found {
                finding(&mut out, styles, d);
                if d.rule == Some(Rule::OverBudget) {
                    self.longest_slides(&mut out, 3);
                }
            }
            if family == Family::Timing && verbose {
                self.every_slide(&mut out);
            }
        }
        if let Some(timing) = &self.timing {
            let _ = writeln!(out, "\nTiming: {}", timing.summary());
        }
        let _ = writeln!(out, "Result: {}", self.counts());
        out
    }

    /// What a family's heading says.
    fn status(&self, family: Family, found: &[&Diagnostic]) -> String {
        let problems = found
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count();
        if let (Family::Timing, Some(timing)) = (family, &self.timing) {
            return timing.headline();
        }
        if problems > 0 {
            let counts: Vec<String> = [(Severity::Error, "error"), (Severity::Warning, "warning")]
                .iter()
                .filter_map(|&(s, word)| {
                    let n = found.iter().filter(|d| d.severity == s).count();
                    (n > 0).then(|| format!("{n} {word}{}", plural(n)))
                })
                .collect();
            return counts.join(", ");
        }
        let notes = found.len();
        match family {
            Family::Readability => format!(
                "at most {} bullets and about {} words a slide, no bullet over {} lines, no text shrunk",
                super::readability::MAX_BULLETS,
                super::readability::MAX_WORDS,
                super::readability::MAX_LINES
            ),
            Family::Images if !self.has_images => "no image".into(),
            Family::Images => "every image found, readable, described and of a sensible size".into(),
            Family::Links if notes > 0 => format!(
                "every link to a slide leads to one; {notes} link{} to the web",
                plural(notes)
            ),
            Family::Links => "every link to a slide leads to one".into(),
            Family::Theme => "colours reach the WCAG AA contrast".into(),
            Family::Syntax if notes > 0 => format!(
                "everything read; {notes} note{} on another tool's syntax",
                plural(notes)
            ),
            Family::Syntax => "everything read, no markup shown to the audience".into(),
            _ => String::new(),
        }
    }

    fn longest_slides(&self, out: &mut String, n: usize) {
        let Some(timing) = &self.timing else {
            return;
        };
        let _ = writeln!(out, "      the slides that take longest:");
        for s in timing.longest(n) {
            slide_line(out, &self.deck, s);
        }
    }

    fn every_slide(&self, out: &mut String) {
        let Some(timing) = &self.timing else {
            return;
        };
        let _ = writeln!(
            out,
            "      every slide, at {} words a minute and {} s at least:",
            timing.pace.words_per_minute, timing.pace.min_seconds_per_slide
        );
        for s in &timing.slides {
            slide_line(out, &self.deck, s);
        }
    }

    /// The JSON for CI: see the README for the schema.
    pub fn json(&self) -> String {
        let findings: Vec<JsonFinding> = self
            .findings
            .iter()
            .map(|d| {
                let loc = d.location.as_deref();
                JsonFinding {
                    rule: d.rule.map_or("deck", Rule::name),
                    severity: d.severity.label(),
                    file: loc.map(|l| l.path.display().to_string()),
                    line: loc.map(|l| l.line).filter(|&l| l > 0),
                    col: loc.map(|l| l.col).filter(|&c| c > 0),
                    message: &d.message,
                    hint: d.hint.as_deref(),
                }
            })
            .collect();
        let json = Json {
            version: JSON_VERSION,
            deck: &self.deck,
            slides: self.slides,
            theme: self.theme.as_deref(),
            brand: self.brand.as_deref(),
            summary: Summary {
                errors: self.count(Severity::Error),
                warnings: self.count(Severity::Warning),
                notes: self.count(Severity::Info),
            },
            dialect: self.dialect.as_ref(),
            timing: self.timing.as_ref().map(|t| JsonTiming {
                budget_minutes: t.budget_minutes,
                total_minutes: t.total_minutes(),
                total_seconds: t.total_seconds,
                over_minutes: t.over_minutes(),
                words_per_minute: t.pace.words_per_minute,
                min_seconds_per_slide: t.pace.min_seconds_per_slide,
                slides: &t.slides,
            }),
            findings,
        };
        let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `    ! deck.md:8:11 timing/over-budget: message` and its hint.
fn finding(out: &mut String, styles: &Styles, d: &Diagnostic) {
    let (mark, style) = match d.severity {
        Severity::Error => ("✗", styles.error),
        Severity::Warning => ("!", styles.warning),
        Severity::Info => ("i", styles.info),
    };
    let place = d.place().unwrap_or_default();
    let rule = d.rule.map_or("deck", Rule::name);
    let bold = styles.bold;
    let _ = writeln!(
        out,
        "    {style}{mark}{style:#} {place} {bold}{rule}{bold:#}: {}",
        d.message
    );
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "      hint: {hint}");
    }
}

/// `        deck.md:40 slide 7 “Title”: 4 min (520 words)`.
fn slide_line(out: &mut String, deck: &str, s: &SlideTime) {
    let title = if s.title.is_empty() {
        String::new()
    } else {
        format!(" “{}”", s.title)
    };
    let _ = writeln!(
        out,
        "        {deck}:{} slide {}{title}: {} ({} word{})",
        s.line,
        s.number,
        duration(s.seconds),
        s.words,
        plural(s.words)
    );
}

#[derive(serde::Serialize)]
struct Json<'a> {
    version: u32,
    deck: &'a str,
    slides: usize,
    theme: Option<&'a str>,
    brand: Option<&'a str>,
    summary: Summary,
    dialect: Option<&'a crate::deck::dialect::Report>,
    timing: Option<JsonTiming<'a>>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(serde::Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(serde::Serialize)]
struct JsonTiming<'a> {
    budget_minutes: Option<u32>,
    total_minutes: u32,
    total_seconds: u32,
    over_minutes: Option<i64>,
    words_per_minute: u32,
    min_seconds_per_slide: u32,
    slides: &'a [SlideTime],
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    file: Option<String>,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}
