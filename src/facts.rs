//! Display facts: what a deck shows that is computed from the model rather than written in it —
//! the number of each part, the name of each slide, the cover's duration and date as words, a
//! poll's option letters. They are computed here once, by one rule each, and every output (the
//! HTML, the slides PDF, the handouts, the leaflet, the editable decks) reads them, so no two
//! outputs can say different things about the same deck.

use crate::i18n;
use crate::model::{Deck, Lang, Layout, Meta, Slide};

/// An untitled slide named by its first text keeps at most this many characters of it (cut at a
/// word, with an ellipsis): a bookmark or a caption is a name, not a paragraph.
pub const NAME_MAX_CHARS: usize = 60;

/// The facts of one deck, computed once after fitting (so "(suite)" slides have theirs).
#[derive(Debug, Clone)]
pub struct Facts {
    /// The part number of each slide: `Some` for a section divider (its continuations share it).
    parts: Vec<Option<usize>>,
    names: Vec<SlideName>,
    /// What the cover says about the session.
    pub cover: Cover,
}

/// How a slide is named in bookmarks, captions, links and what a screen reader announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideName {
    pub text: String,
    /// The slide has no text to be named by: `text` is "Diapositive N".
    pub numbered: bool,
}

/// The cover's facts as shown: blank values are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cover {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub audience: Option<String>,
    /// The planned length in words (`1 h 30`).
    pub duration: Option<String>,
    /// The date in words (`22 novembre 2026`), or as written when it is not a date.
    pub date: Option<String>,
    pub contact: Option<String>,
}

impl Cover {
    pub fn of(meta: &Meta) -> Cover {
        let shown = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Cover {
            title: meta.title.clone(),
            subtitle: shown(&meta.subtitle),
            author: shown(&meta.author),
            audience: shown(&meta.audience),
            duration: meta.duration_minutes.map(|m| duration_text(m, meta.lang)),
            date: shown(&meta.date).map(|d| date_text(&d, meta.lang)),
            contact: shown(&meta.contact),
        }
    }

    /// What the session is, as (label, value) pairs in the order a cover lists them: audience,
    /// duration, date.
    pub fn session(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let s = i18n::strings(lang);
        [
            (s.audience, &self.audience),
            (s.duration, &self.duration),
            (s.date, &self.date),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.clone().map(|v| (label, v)))
        .collect()
    }
}

impl Facts {
    pub fn new(deck: &Deck) -> Facts {
        let mut part = 0;
        let parts = deck
            .slides
            .iter()
            .map(|s| {
                if s.layout != Layout::Section {
                    return None;
                }
                // A divider split over two slides is still one part.
                if s.continuation == 0 {
                    part += 1;
                }
                Some(part.max(1))
            })
            .collect();
        let names = deck
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| slide_name(&deck.meta, s, i))
            .collect();
        Facts {
            parts,
            names,
            cover: Cover::of(&deck.meta),
        }
    }

    /// "Partie N" of a section divider: dividers are numbered 1, 2… in order.
    pub fn part_number(&self, index: usize) -> Option<usize> {
        self.parts.get(index).copied().flatten()
    }

    /// The slide's name: its title; for an untitled cover, the deck's title; else its first text;
    /// else "Diapositive N" (N counting from 1).
    pub fn slide_name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", |n| n.text.as_str())
    }

    /// The slide's name when it has text to be named by (not "Diapositive N"): what a screen
    /// reader hears after "3 sur 12".
    pub fn slide_label(&self, index: usize) -> Option<&str> {
        self.names
            .get(index)
            .filter(|n| !n.numbered)
            .map(|n| n.text.as_str())
    }
}

fn slide_name(meta: &Meta, slide: &Slide, index: usize) -> SlideName {
    let named = |text: String| SlideName {
        text,
        numbered: false,
    };
    let title = slide.title_text();
    let title = title.trim();
    if !title.is_empty() {
        return named(title.to_string());
    }
    if slide.layout == Layout::Title && !meta.title.trim().is_empty() {
        return named(meta.title.trim().to_string());
    }
    let body = slide.body.text();
    if let Some(first) = body.lines().map(str::trim).find(|l| !l.is_empty()) {
        return named(cut(first, NAME_MAX_CHARS));
    }
    SlideName {
        text: format!("{} {}", i18n::strings(meta.lang).slide, index + 1),
        numbered: true,
    }
}

/// `text` with its spaces collapsed, cut at the last word that fits `max` characters.
fn cut(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max {
        return whole;
    }
    let mut out = String::new();
    for word in words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than a name: its first characters.
        out = whole.chars().take(max - 1).collect();
    }
    out.push('…');
    out
}

/// A planned length as a cover shows it, with no-break spaces: `30 min`; past an hour `1 h 30`
/// in French and `1 h 30 min` in English; whole hours `2 h`.
pub fn duration_text(minutes: u32, lang: Lang) -> String {
    let min = i18n::strings(lang).minutes;
    match (minutes / 60, minutes % 60, lang) {
        (0, m, _) => format!("{m}\u{a0}{min}"),
        (h, 0, _) => format!("{h}\u{a0}h"),
        (h, m, Lang::Fr) => format!("{h}\u{a0}h\u{a0}{m:02}"),
        (h, m, Lang::En) => format!("{h}\u{a0}h\u{a0}{m}\u{a0}{min}"),
    }
}

/// The front matter's `date` as words when it is a date (`22 novembre 2026`, `1er mars 2026`,
/// `22 November 2026`), else as written (`automne 2026`).
pub fn date_text(raw: &str, lang: Lang) -> String {
    match Date::parse(raw) {
        Some(date) => date.text(lang),
        None => raw.trim().to_string(),
    }
}

/// The letter of a poll's option: A, B… Z, then AA, AB…
pub fn poll_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// A calendar date: the one reading of the front matter's `date` (its words on covers, the PDFs'
/// creation date) and of the creation timestamp the editable decks record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD` (a four-digit year, a day that exists in its month), spaces around allowed;
    /// anything else is not a date.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
        let days = match date.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }

    /// The date in words: `22 novembre 2026`, `1er mars 2026`, `22 November 2026`.
    pub fn text(self, lang: Lang) -> String {
        let month = i18n::strings(lang).months[(self.month as usize).clamp(1, 12) - 1];
        match (lang, self.day) {
            (Lang::Fr, 1) => format!("1er {month} {}", self.year),
            _ => format!("{} {month} {}", self.day, self.year),
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    pub fn unix_day(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_unix_day(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{parse_source, ParseOptions};
    use crate::diagnostic::SourceFile;
    use crate::model::Body;

    fn deck(text: &str) -> Deck {
        let src = SourceFile::new("deck.md", text.to_string());
        parse_source(&src, &ParseOptions::default())
            .expect("the deck parses")
            .0
    }

    #[test]
    fn durations_in_both_languages() {
        assert_eq!(duration_text(30, Lang::Fr), "30\u{a0}min");
        assert_eq!(duration_text(90, Lang::Fr), "1\u{a0}h\u{a0}30");
        assert_eq!(duration_text(65, Lang::Fr), "1\u{a0}h\u{a0}05");
        assert_eq!(duration_text(120, Lang::Fr), "2\u{a0}h");
        assert_eq!(duration_text(30, Lang::En), "30\u{a0}min");
        assert_eq!(duration_text(95, Lang::En), "1\u{a0}h\u{a0}35\u{a0}min");
        assert_eq!(duration_text(60, Lang::En), "1\u{a0}h");
    }

    #[test]
    fn dates_are_read_by_one_rule() {
        assert_eq!(date_text("2026-11-22", Lang::Fr), "22 novembre 2026");
        assert_eq!(date_text(" 2026-03-01 ", Lang::Fr), "1er mars 2026");
        assert_eq!(date_text("2026-11-22", Lang::En), "22 November 2026");
        assert_eq!(date_text("2026-03-01", Lang::En), "1 March 2026");
        assert_eq!(date_text("automne 2026", Lang::Fr), "automne 2026");
        // Not dates: kept as written.
        for raw in [
            "2026-02-30",
            "2026-13-01",
            "26-11-22",
            "2026-1-2",
            "2026-11-22T10:00",
        ] {
            assert_eq!(Date::parse(raw), None, "{raw}");
            assert_eq!(date_text(raw, Lang::En), raw);
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2100-02-29").is_none());
    }

    #[test]
    fn unix_days_both_ways() {
        for (text, day) in [
            ("1970-01-01", 0),
            ("2026-11-22", 20_779),
            ("2000-03-01", 11_017),
            ("1969-12-31", -1),
        ] {
            let date = Date::parse(text).expect("a date");
            assert_eq!(date.unix_day(), day, "{text}");
            assert_eq!(Date::from_unix_day(day), date, "{text}");
        }
    }

    #[test]
    fn poll_letters() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(poll_letter).to_vec();
        assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    }

    const LAYOUTS: &str = include_str!("../tests/fixtures/valid/layouts/deck.md");

    fn sections(d: &Deck) -> Vec<usize> {
        (0..d.slides.len())
            .filter(|&i| d.slides[i].layout == Layout::Section)
            .collect()
    }

    #[test]
    fn parts_are_numbered_once_each() {
        let mut d = deck(LAYOUTS);
        let mut more = d.slides[0].clone();
        more.layout = Layout::Section;
        d.slides.push(more);
        let f = Facts::new(&d);
        let dividers = sections(&d);
        assert!(dividers.len() >= 2, "{dividers:?}");
        for (n, &i) in dividers.iter().enumerate() {
            assert_eq!(f.part_number(i), Some(n + 1), "slide {i}");
        }
        assert_eq!(f.part_number(0), None, "the cover is no part");
        assert_eq!(f.part_number(d.slides.len()), None);
    }

    #[test]
    fn a_continued_divider_keeps_its_part() {
        let mut d = deck(LAYOUTS);
        let first = sections(&d)[0];
        let mut more = d.slides[first].clone();
        more.continuation = 1;
        d.slides.insert(first + 1, more.clone());
        more.continuation = 0;
        d.slides.push(more);
        let f = Facts::new(&d);
        assert_eq!(f.part_number(first), Some(1));
        assert_eq!(f.part_number(first + 1), Some(1));
        assert_eq!(f.part_number(d.slides.len() - 1), Some(2));
    }

    /// The names of the layouts deck's first slides after taking their titles away: the cover,
    /// a content slide and a content slide emptied of text.
    fn untitled_names(front: &str) -> Vec<(String, bool)> {
        let mut d = deck(&LAYOUTS.replacen("---\ntitle: Toutes", front, 1));
        assert_eq!(d.slides[0].layout, Layout::Title);
        let content = (0..d.slides.len())
            .filter(|&i| {
                matches!(&d.slides[i].body, Body::Blocks { blocks } if !blocks.is_empty())
                    && d.slides[i].layout == Layout::Content
            })
            .collect::<Vec<_>>();
        let (text, empty) = (content[0], content[0] + 1);
        d.slides[empty].layout = Layout::Content;
        for i in [0, text, empty] {
            d.slides[i].title = None;
        }
        d.slides[empty].body = Body::Blocks { blocks: Vec::new() };
        let f = Facts::new(&d);
        [0, text, empty]
            .into_iter()
            .map(|i| (f.slide_name(i).to_string(), f.slide_label(i).is_some()))
            .chain([(format!("{text}:{empty}"), false)])
            .collect()
    }

    #[test]
    fn untitled_slides_are_named_by_one_rule() {
        let fr = untitled_names("---\ntitle: Toutes");
        let empty: usize = fr[3]
            .0
            .split(':')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("an index");
        assert_eq!(fr[0], ("Toutes les mises en page".to_string(), true));
        assert_eq!(fr[1], ("Un point".to_string(), true), "the first text");
        assert_eq!(fr[2], (format!("Diapositive {}", empty + 1), false));
        let en = untitled_names("---\nlang: en\ntitle: Toutes");
        assert_eq!(en[0].0, "Toutes les mises en page");
        assert_eq!(en[1].0, "Un point");
        assert_eq!(en[2], (format!("Slide {}", empty + 1), false));
    }

    #[test]
    fn long_first_texts_are_cut_at_a_word() {
        let long = "Une phrase très longue qui continue bien au-delà de ce qu'un signet peut montrer sans déborder";
        let name = cut(long, NAME_MAX_CHARS);
        assert!(name.chars().count() <= NAME_MAX_CHARS, "{name}");
        assert!(name.ends_with('…'));
        assert!(long.starts_with(name.trim_end_matches('…')));
        assert_eq!(cut("court   texte", NAME_MAX_CHARS), "court texte");
        assert_eq!(cut(&"x".repeat(80), 10).chars().count(), 10);
    }

    #[test]
    fn cover_facts_in_both_languages() {
        let d = deck(
            "---\ntitle: Atelier\nsubtitle: \"  \"\nauthor: Mme Durand\naudience: Décideurs\nduration: 1h30\ndate: 2026-03-01\n---\n\n### Une\n\nTexte.\n",
        );
        let c = &Facts::new(&d).cover;
        assert_eq!(c.title, "Atelier");
        assert_eq!(c.subtitle, None, "a blank subtitle is left out");
        assert_eq!(c.author.as_deref(), Some("Mme Durand"));
        assert_eq!(
            c.session(Lang::Fr),
            [
                ("Public", "Décideurs".to_string()),
                ("Durée", "1\u{a0}h\u{a0}30".to_string()),
                ("Date", "1er mars 2026".to_string()),
            ]
        );
        let d = deck("---\ntitle: Workshop\nlang: en\nduration: 45min\ndate: autumn\n---\n\n### One\n\nText.\n");
        let c = &Facts::new(&d).cover;
        assert_eq!(
            c.session(Lang::En),
            [
                ("Duration", "45\u{a0}min".to_string()),
                ("Date", "autumn".to_string()),
            ]
        );
    }
}
