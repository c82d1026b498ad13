//! The State's bloc-marque as its charter draws it, for every output: the space of the Marianne
//! symbol on top, "RÉPUBLIQUE / FRANÇAISE" in bold capitals on two lines, the ministry's name in
//! capitals under it, and the motto "Liberté / Égalité / Fraternité" on three lines, without
//! commas. That full form is drawn on the title slide and on the handouts' first page; the other
//! slides carry the reduced form (one line "RÉPUBLIQUE FRANÇAISE", the ministry's name). The
//! Marianne symbol and font are not shipped (their licence): the space is kept, the open fonts
//! draw the text, and a brand may point at its own files.

use crate::model::Layout;
use crate::theme::{Slides, Theme, MOTTO, REPUBLIQUE};

/// Line height of the bloc-marque, in its font size.
pub const LINE_HEIGHT: f32 = 1.25;
/// Height of the Marianne symbol's space above the full form, in the marque's font size.
pub const SYMBOL_SPACE: f32 = 1.6;
/// The clear space the charter keeps around the block, in the marque's font size: nothing else
/// is drawn closer.
pub const CLEAR_SPACE: f32 = 1.0;

/// One line of the block.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The motto: in the muted colour on light slides.
    pub motto: bool,
}

/// The bloc-marque of one place: its lines, and whether it is the full form (with the symbol's
/// space above it).
#[derive(Debug, Clone, PartialEq)]
pub struct Marque {
    pub lines: Vec<Line>,
    pub full: bool,
}

impl Marque {
    /// Height in units of the marque's font size.
    pub fn height_ems(&self) -> f32 {
        self.lines.len() as f32 * LINE_HEIGHT + if self.full { SYMBOL_SPACE } else { 0.0 }
    }

    /// The lines of the République part and of the motto, as the HTML shows them in one span
    /// each (lines separated by `\n`, kept by `white-space: pre-line`).
    pub fn republique_text(&self) -> Option<String> {
        joined(self.lines.iter().filter(|l| l.bold))
    }

    pub fn name_text(&self) -> Option<String> {
        joined(self.lines.iter().filter(|l| !l.bold && !l.motto))
    }

    pub fn motto_text(&self) -> Option<String> {
        joined(self.lines.iter().filter(|l| l.motto))
    }
}

fn joined<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<String> {
    let text: Vec<&str> = lines.map(|l| l.text.as_str()).collect();
    (!text.is_empty()).then(|| text.join("\n"))
}

/// The block a slide of `layout` carries, if the theme shows one there.
pub fn on_slide(theme: &Theme, layout: Layout) -> Option<Marque> {
    theme
        .shows_marque(layout)
        .then(|| build(theme, layout == Layout::Title))
}

/// The block of a handout's first page: the full form, when the theme shows a bloc-marque at
/// all.
pub fn on_paper(theme: &Theme) -> Option<Marque> {
    (theme.chrome.marque_slides != Slides::None && theme.shows_marque(Layout::Title))
        .then(|| build(theme, true))
}

fn build(theme: &Theme, full: bool) -> Marque {
    let lines = theme.marque_lines(Layout::Title);
    let mut out = Vec::new();
    let line = |text: &str, bold: bool, italic: bool, motto: bool| Line {
        text: text.to_string(),
        bold,
        italic,
        motto,
    };
    if lines.republique {
        let upper = REPUBLIQUE.to_uppercase();
        match upper.split_once(' ').filter(|_| full) {
            Some((a, b)) => {
                out.push(line(a, true, false, false));
                out.push(line(b, true, false, false));
            }
            None => out.push(line(&upper, true, false, false)),
        }
    }
    if let Some(name) = &lines.name {
        out.push(line(&name.to_uppercase(), false, false, false));
    }
    if full && theme.chrome.motto {
        for word in MOTTO.split(',') {
            out.push(line(word.trim(), false, true, true));
        }
    }
    Marque { lines: out, full }
}

/// Every text a bloc-marque may draw, for outputs that tell the chrome from the content.
pub fn texts(theme: &Theme) -> Vec<String> {
    [build(theme, true), build(theme, false)]
        .into_iter()
        .flat_map(|m| m.lines.into_iter().map(|l| l.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_form_follows_the_charter() {
        let sources = crate::theme::ThemeSources::default();
        let brand = crate::theme::brand::load(&sources, "interieur").expect("the brand");
        let mut theme = crate::theme::load("etat").unwrap_or_else(|d| panic!("{d}"));
        theme.apply_brand(&brand);
        let full = on_slide(&theme, Layout::Title).expect("a marque on the cover");
        let texts: Vec<&str> = full.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "RÉPUBLIQUE",
                "FRANÇAISE",
                "MINISTÈRE DE L’INTÉRIEUR ET DES OUTRE-MER",
                "Liberté",
                "Égalité",
                "Fraternité"
            ]
        );
        assert!(full.full && full.lines[0].bold && full.lines[3].italic);
        let reduced = on_slide(&theme, Layout::Content).expect("a marque on slides");
        let texts: Vec<&str> = reduced.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "RÉPUBLIQUE FRANÇAISE",
                "MINISTÈRE DE L’INTÉRIEUR ET DES OUTRE-MER"
            ]
        );
        assert!(!texts.iter().any(|t| t.contains(',')));
    }
}
