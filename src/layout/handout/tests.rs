//! Handouts on real decks with stand-in slide pages: page geometry (A4, nothing past a page's
//! edge or margin, thumbnails inside their frames), content (cover, notes, ruled lines, the
//! leaflet's parts), bookmarks, and the PDF read back with lopdf and, when poppler-utils is
//! installed, pdftotext. Set `DIAPO_HANDOUT_DIR=/tmp/some-dir` to keep the PDFs for a look
//! (`pdftoppm -png -r 60 file.pdf prefix`).

use std::path::Path;
use std::process::Command;

use super::*;
use crate::deck::ParseOptions;
use crate::layout::page::{Glyph, Rectangle, TextRun};
use crate::model::Deck;
use crate::render::pdf::write_pdf;
use crate::theme;

const LAYOUTS: &str = "tests/fixtures/valid/layouts/deck.md";
const SAMPLE: &str = "decks/sensibilisation/deck.md";
const ENGLISH: &str = "tests/fixtures/valid/english/deck.md";
const CREATED: i64 = 1_790_000_000;

fn load(path: &str) -> Deck {
    match crate::input::load(Path::new(path), &ParseOptions::default()) {
        Ok((deck, _)) => deck,
        Err(diags) => panic!("{path}: {diags:?}"),
    }
}

/// A handout of `deck` as the build makes it, with no images and the fitting's scales left out.
fn handout(
    deck: &Deck,
    theme: &Theme,
    fonts: &FontBook,
    slides: &[Page],
    mode: HandoutMode,
) -> Document {
    let images = crate::assets::ImageStore::default();
    let ctx = crate::context::RenderCtx::new(deck, theme, fonts, &images, &[], CREATED);
    handout_document(&ctx, slides, mode)
}

fn etat() -> Theme {
    theme::load("etat").unwrap_or_else(|d| panic!("{d}"))
}

/// A stand-in for the slides the lead's `slides.rs` draws: 960 × 540 pages with a background,
/// a top rule, the title, the first lines of the body, a framed box, and links.
fn fake_slide_pages(deck: &Deck, theme: &Theme, fonts: &FontBook) -> Vec<Page> {
    let c = &theme.colors;
    deck.slides
        .iter()
        .enumerate()
        .map(|(i, slide)| {
            let mut page = Page::new(960.0, 540.0);
            page.push(
                Point::new(0.0, 0.0),
                Item::Rect(Rectangle::filled(Size::new(960.0, 540.0), c.background)),
            );
            page.push(
                Point::new(0.0, 0.0),
                Item::Rect(Rectangle::filled(Size::new(960.0, 6.0), c.primary)),
            );
            let title = text::layout(
                fonts,
                &[Span::new(
                    slide.title_text(),
                    TextStyle {
                        family: theme.heading_font,
                        weight: Weight::Bold,
                        size: 33.0,
                        colour: c.primary,
                        ..TextStyle::default()
                    },
                )],
                &TextOptions::new(840.0),
            );
            page.items.extend(title.to_items(Point::new(60.0, 42.0)));
            page.push(
                Point::new(60.0, 50.0 + title.height),
                Item::Line(LineShape {
                    end: Point::new(120.0, 0.0),
                    stroke: Stroke {
                        colour: c.accent,
                        width: 3.0,
                    },
                }),
            );
            let body: String =
                model::blocks_text(&slide.body.blocks().into_iter().cloned().collect::<Vec<_>>())
                    .lines()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join("\n");
            let text = text::layout(
                fonts,
                &[Span::new(
                    body,
                    TextStyle {
                        size: 22.5,
                        colour: c.text,
                        ..TextStyle::default()
                    },
                )],
                &TextOptions::new(840.0),
            );
            let top = 80.0 + title.height;
            if top + text.height < 480.0 {
                page.items.extend(text.to_items(Point::new(60.0, top)));
            }
            page.push(
                Point::new(700.0, 440.0),
                Item::Rect(Rectangle {
                    size: Size::new(200.0, 60.0),
                    fill: Some(c.surface),
                    stroke: Some(Stroke {
                        colour: c.primary,
                        width: 2.0,
                    }),
                    radius: 8.0,
                }),
            );
            page.push(
                Point::new(700.0, 440.0),
                Item::Link(LinkArea {
                    size: Size::new(200.0, 60.0),
                    target: LinkTarget::Page((i + 1) % deck.slides.len()),
                }),
            );
            page
        })
        .collect()
}

struct Made {
    deck: Deck,
    fonts: FontBook,
    doc: Document,
}

fn make(path: &str, mode: HandoutMode) -> Made {
    let deck = load(path);
    let theme = etat();
    let fonts = FontBook::new();
    let slides = fake_slide_pages(&deck, &theme, &fonts);
    let doc = handout(&deck, &theme, &fonts, &slides, mode);
    Made { deck, fonts, doc }
}

/// The ink box of a text run, from its position: left, right, top, bottom.
fn run_box(fonts: &FontBook, pos: Point, run: &TextRun) -> (f32, f32, f32, f32) {
    let metrics = fonts.metrics(run.font).expect("font of the book");
    let per_unit = run.size / f32::from(metrics.units_per_em);
    let mut left = f32::INFINITY;
    let mut right = f32::NEG_INFINITY;
    for Glyph { id, x, .. } in &run.glyphs {
        let advance = f32::from(fonts.advance(run.font, *id).unwrap_or(0)) * per_unit;
        left = left.min(pos.x + x);
        right = right.max(pos.x + x + advance);
    }
    (
        left,
        right,
        pos.y - metrics.ascent(run.size),
        pos.y + metrics.descent(run.size),
    )
}

/// Left, right, top, bottom of any item.
fn item_box(fonts: &FontBook, p: &Positioned) -> (f32, f32, f32, f32) {
    let Point { x, y } = p.pos;
    match &p.item {
        Item::Text(run) => run_box(fonts, p.pos, run),
        Item::Rect(r) => (x, x + r.size.width, y, y + r.size.height),
        Item::Line(l) => {
            let half = l.stroke.width / 2.0;
            let (x2, y2) = (x + l.end.x, y + l.end.y);
            (
                x.min(x2) - half,
                x.max(x2) + half,
                y.min(y2) - half,
                y.max(y2) + half,
            )
        }
        Item::Image(i) => (x, x + i.size.width, y, y + i.size.height),
        Item::Link(l) => (x, x + l.size.width, y, y + l.size.height),
        // A group is clipped to its box.
        Item::Group(g) => {
            let size = g.scaled_size();
            (x, x + size.width, y, y + size.height)
        }
        Item::Open(_) | Item::Close => (x, x, y, y),
    }
}

/// Every page is A4; every item is inside the page's margins, and above the footer's rule
/// unless it is the footer.
fn assert_fits(made: &Made) {
    let tolerance = 0.5;
    for (n, page) in made.doc.pages.iter().enumerate() {
        assert_eq!((page.width, page.height), (PAGE_WIDTH, PAGE_HEIGHT));
        for p in &page.items {
            // Structure marks have no place of their own.
            if matches!(p.item, Item::Open(_) | Item::Close) {
                continue;
            }
            let (left, right, top, bottom) = item_box(&made.fonts, p);
            let what = || format!("page {}: {:?} at {:?}", n + 1, describe(&p.item), p.pos);
            assert!(left >= MARGIN_X - tolerance, "left of margin: {}", what());
            assert!(
                right <= PAGE_WIDTH - MARGIN_X + tolerance,
                "right of margin: {} (right edge {right})",
                what()
            );
            assert!(top >= TOP - 6.0, "above the top margin: {}", what());
            let footer = top >= FOOTER_RULE - 1.0;
            assert!(
                footer || bottom <= BOTTOM + 3.0,
                "below the content area: {} (bottom {bottom})",
                what()
            );
            assert!(bottom <= PAGE_HEIGHT - 28.0, "off the page: {}", what());
        }
    }
}

fn describe(item: &Item) -> String {
    match item {
        Item::Text(run) => format!("text {:?}", run.text),
        Item::Rect(_) => "rect".into(),
        Item::Line(_) => "line".into(),
        Item::Image(_) => "image".into(),
        Item::Link(l) => format!("link {:?}", l.target),
        Item::Group(g) => format!("group of {} items", g.items.len()),
        Item::Open(role) => format!("open {role:?}"),
        Item::Close => "close".into(),
    }
}

/// The text of a page, runs joined by spaces, with the text of the groups on it (thumbnails).
fn page_text(page: &Page) -> String {
    fn texts<'a>(items: &'a [Positioned], out: &mut Vec<&'a str>) {
        for p in items {
            match &p.item {
                Item::Text(run) => out.push(run.text.as_str()),
                Item::Group(group) => texts(&group.items, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    texts(&page.items, &mut out);
    out.join(" ")
}

fn all_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .map(page_text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `needle`'s words appear in order in `haystack` (lines may break between them).
fn has_words(haystack: &str, needle: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '\u{202F}' || c == '\u{a0}')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let hay = words(haystack);
    let needle = words(needle);
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn assert_page_numbers(doc: &Document) {
    let total = doc.pages.len();
    for (i, page) in doc.pages.iter().enumerate() {
        let label = format!("Page {} / {total}", i + 1);
        assert!(
            has_words(&page_text(page), &label),
            "page {} lacks “{label}”",
            i + 1
        );
    }
}

fn assert_cover(doc: &Document, words: &[&str]) {
    let cover = page_text(&doc.pages[0]);
    for w in words {
        assert!(has_words(&cover, w), "the cover lacks “{w}”: {cover}");
    }
}

fn outline_titles(entries: &[OutlineEntry]) -> Vec<String> {
    entries
        .iter()
        .flat_map(|e| std::iter::once(e.title.clone()).chain(outline_titles(&e.children)))
        .collect()
}

fn count_lines(page: &Page, x: f32) -> usize {
    page.items
        .iter()
        .filter(|p| matches!(p.item, Item::Line(_)) && (p.pos.x - x).abs() < 0.01)
        .count()
}

fn keep(made: &Made, name: &str) -> Vec<u8> {
    let bytes = write_pdf(&made.doc, &made.fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Ok(dir) = std::env::var("DIAPO_HANDOUT_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &bytes);
    }
    bytes
}

#[test]
fn notes_on_the_layouts_fixture() {
    let made = make(LAYOUTS, HandoutMode::Notes);
    let doc = &made.doc;
    assert_fits(&made);
    assert_page_numbers(doc);
    assert_cover(
        doc,
        &[
            "SUPPORT AVEC NOTES",
            "Toutes les mises en page",
            "Une diapositive par mise en page",
            "Décideurs",
            "30\u{a0}min",
            "14 mars 2025",
            "Équipe Cloud Pi Native",
            "cloud@interieur.gouv.fr",
            "Sommaire",
            "Première partie",
        ],
    );
    // 12 slides with no notes: four a page, after the cover, each with lines to write on.
    assert_eq!(made.deck.slides.len(), 12);
    assert_eq!(doc.pages.len(), 4, "cover + 3 pages of 4 slides");
    let text = all_text(doc);
    assert!(!has_words(&text, "Pas de notes pour cette diapositive."));
    assert_eq!(text.matches("VOS NOTES").count(), 12);
    assert!(has_words(&text, "Diapositive 12 / 12"));
    assert_eq!(doc.meta.subject, "Support avec notes");
    assert_eq!(doc.meta.lang, "fr");
    assert_eq!(doc.meta.created, CREATED);
    // Bookmarks: the untitled slides before the section, then the section and its slides.
    let top: Vec<&str> = doc.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        top,
        ["Toutes les mises en page", "Programme", "Première partie"]
    );
    assert_eq!(doc.outline[2].children.len(), 9);
    assert!(doc.outline.iter().all(|e| e.page >= 1));
}

#[test]
fn notes_on_the_sample_deck() {
    let made = make(SAMPLE, HandoutMode::Notes);
    let doc = &made.doc;
    assert_fits(&made);
    assert_page_numbers(doc);
    let text = all_text(doc);
    // Speaker notes, facilitator notes and their labels.
    assert!(has_words(&text, "NOTES"));
    assert!(has_words(&text, "CONSEILS D’ANIMATION"));
    assert!(has_words(&text, "Accueillir, se présenter en une phrase."));
    assert!(has_words(&text, "Fil rouge"));
    assert!(has_words(&text, "Ordre de grandeur cité par l’équipe"));
    for (i, slide) in made.deck.slides.iter().enumerate() {
        for note in &slide.notes {
            let start: String = note
                .text()
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                has_words(&text, &start),
                "slide {}: note “{start}” missing",
                i + 1
            );
        }
    }
    // Two to four slides a page on average.
    let slides = made.deck.slides.len();
    let body_pages = doc.pages.len() - 1;
    assert!(
        (slides / 4..=slides / 2).contains(&body_pages),
        "{slides} slides on {body_pages} pages"
    );
    // Each slide's frame and caption are on one page; no page holds more than four slides.
    for page in &doc.pages[1..] {
        let captions = page_text(page).matches("Diapositive").count();
        assert!((1..=4).contains(&captions), "{captions} slides on a page");
    }
    // Bookmarks: the four parts, each with its slides.
    let parts: Vec<&OutlineEntry> = doc
        .outline
        .iter()
        .filter(|e| !e.children.is_empty())
        .collect();
    assert_eq!(parts.len(), 4);
    assert!(parts[0].title.starts_with("Pourquoi transformer"));
    // The internal links of the slides now point at handout pages.
    for page in &doc.pages {
        for p in &page.items {
            if let Item::Link(LinkArea {
                target: LinkTarget::Page(target),
                ..
            }) = &p.item
            {
                assert!(*target < doc.pages.len());
            }
        }
    }
}

#[test]
fn long_notes_flow_onto_the_next_pages() {
    let mut deck = load(LAYOUTS);
    let paragraph = "Ces notes sont très longues, pour vérifier qu’elles continuent sur la page \
                     suivante sans jamais déborder de la page ni de leur colonne. "
        .repeat(4);
    deck.slides[3].notes = vec![crate::model::Note::Text(paragraph); 14];
    deck.slides[4].facilitator = vec![vec![Inline::text("Un conseil d’animation.")]];
    let theme = etat();
    let fonts = FontBook::new();
    let slides = fake_slide_pages(&deck, &theme, &fonts);
    let doc = handout(&deck, &theme, &fonts, &slides, HandoutMode::Notes);
    let made = Made { deck, fonts, doc };
    assert_fits(&made);
    keep(&made, "long-notes");
    let text = all_text(&made.doc);
    assert!(has_words(&text, "Du contenu (suite)"), "{text}");
    assert!(made.doc.pages.len() >= 5);
}

#[test]
fn three_up_has_three_slides_and_ruled_lines_a_page() {
    let made = make(SAMPLE, HandoutMode::ThreeUp);
    let doc = &made.doc;
    assert_fits(&made);
    assert_page_numbers(doc);
    assert_cover(
        doc,
        &[
            "SUPPORT DE PRISE DE NOTES",
            "Sensibilisation Cloud Pi Native",
            "Directeurs et chefs de service",
            "22 novembre 2026",
        ],
    );
    let slides = made.deck.slides.len();
    assert_eq!(doc.pages.len(), 1 + slides.div_ceil(3));
    for (k, page) in doc.pages[1..].iter().enumerate() {
        let shown = (slides - 3 * k).min(3);
        assert_eq!(page_text(page).matches("VOS NOTES").count(), shown);
        let lines = count_lines(page, three_up_lines_x());
        assert!(lines >= 8 * shown, "{lines} ruled lines for {shown} slides");
    }
    assert!(!has_words(&all_text(doc), "Accueillir, se présenter"));
    assert_eq!(doc.meta.subject, "Support de prise de notes");
}

fn three_up_lines_x() -> f32 {
    MARGIN_X + three_up::THUMB_WIDTH + three_up::COLUMN_GAP
}

#[test]
fn leaflet_rewrites_the_sample_deck() {
    let made = make(SAMPLE, HandoutMode::Leaflet);
    let doc = &made.doc;
    assert_fits(&made);
    assert_page_numbers(doc);
    assert!(
        (2..=4).contains(&doc.pages.len()),
        "{} pages",
        doc.pages.len()
    );
    assert_cover(
        doc,
        &[
            "SYNTHÈSE POUR LES DÉCIDEURS",
            "Sensibilisation Cloud Pi Native",
            "Pourquoi et comment changer",
            "Directeurs et chefs de service",
            "30\u{a0}min",
            "22 novembre 2026",
            "Équipe Cloud Pi Native",
            "L’essentiel",
            "Tout nouveau projet démarre sur Cloud Pi Native",
            "cloudpinative-relations@interieur.gouv.fr",
        ],
    );
    let text = all_text(doc);
    for expected in [
        "Pourquoi transformer la production du numérique public ?",
        "Un nouveau monde numérique",
        "Les usages des citoyens et des agents ont changé",
        "80 %",
        "du numérique public est sous-traité.",
        "Avant, chaque mise en production était un événement",
        "Julien M.",
        "Cloud first",
        "CONTACT",
        "cloudpinative-relations@interieur.gouv.fr",
        "Identifier un projet candidat",
    ] {
        assert!(has_words(&text, expected), "leaflet lacks “{expected}”");
    }
    // Not pictures of slides, and nothing meant for the room.
    assert!(!has_words(&text, "Diapositive"));
    assert!(!has_words(&text, "Accueillir, se présenter"));
    assert!(
        !has_words(&text, "Moins d’une semaine"),
        "poll options left out"
    );
    assert!(!has_words(&text, "Au programme"));
    assert!(!doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|p| matches!(p.item, Item::Image(_))));
    // Bookmarks: the opening box, then the four sections (with their slides).
    let top: Vec<&str> = doc.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(top.first(), Some(&"L’essentiel"));
    let sections: Vec<&OutlineEntry> = doc
        .outline
        .iter()
        .filter(|e| {
            made.deck
                .sections
                .iter()
                .any(|s| same_words(&s.title, &e.title))
        })
        .collect();
    assert_eq!(sections.len(), 4);
    assert!(sections.iter().all(|s| !s.children.is_empty()));
    assert_eq!(doc.meta.subject, "Synthèse pour les décideurs");
}

#[test]
fn leaflet_of_the_layouts_fixture() {
    let made = make(LAYOUTS, HandoutMode::Leaflet);
    assert_fits(&made);
    assert_page_numbers(&made.doc);
    assert!((1..=4).contains(&made.doc.pages.len()));
    let text = all_text(&made.doc);
    for expected in [
        "Un autre point",
        "Des livraisons chaque semaine.",
        "Les services à l’ancienne",
        "Cloud native",
        "cloud@interieur.gouv.fr",
    ] {
        assert!(has_words(&text, expected), "leaflet lacks “{expected}”");
    }
    // "Définition" alone says nothing: the term is the heading.
    assert!(!outline_titles(&made.doc.outline).contains(&"Définition".to_string()));
}

#[test]
fn a_long_deck_makes_a_denser_leaflet_and_says_when_it_is_too_long() {
    let mut deck = load(SAMPLE);
    let slides = deck.slides.clone();
    deck.slides.extend(slides.iter().cloned());
    let theme = etat();
    let fonts = FontBook::new();
    let doc = handout(&deck, &theme, &fonts, &[], HandoutMode::Leaflet);
    let made = Made { deck, fonts, doc };
    assert_fits(&made);
    assert_page_numbers(&made.doc);
    // Twice the sample deck, its notes folded in: more than a synthesis holds, and said so.
    let pages = made.doc.pages.len();
    assert!(pages <= 7, "{pages} pages");
    assert_eq!(
        too_long(&made.doc, HandoutMode::Leaflet).is_some(),
        pages > 4
    );
    let single = make(SAMPLE, HandoutMode::Leaflet);
    assert!(too_long(&single.doc, HandoutMode::Leaflet).is_none());
}

#[test]
fn english_decks_get_english_words() {
    for mode in [
        HandoutMode::Notes,
        HandoutMode::ThreeUp,
        HandoutMode::Leaflet,
    ] {
        let made = make(ENGLISH, mode);
        assert_fits(&made);
        keep(&made, &format!("english-{mode:?}"));
        assert_page_numbers(&made.doc);
        assert_eq!(made.doc.meta.lang, "en");
        let text = all_text(&made.doc);
        assert!(!has_words(&text, "Diapositive"), "{mode:?}");
        let kind = match mode {
            HandoutMode::Notes => "HANDOUT WITH NOTES",
            HandoutMode::ThreeUp => "NOTE-TAKING HANDOUT",
            HandoutMode::Leaflet => "SUMMARY FOR DECISION MAKERS",
        };
        assert!(has_words(&page_text(&made.doc.pages[0]), kind), "{mode:?}");
        if mode == HandoutMode::ThreeUp {
            assert!(has_words(&text, "YOUR NOTES"));
        }
    }
}

#[test]
fn missing_slide_pages_show_empty_frames() {
    let deck = load(LAYOUTS);
    let theme = etat();
    let fonts = FontBook::new();
    for mode in [HandoutMode::Notes, HandoutMode::ThreeUp] {
        let doc = handout(&deck, &theme, &fonts, &[], mode);
        let made = Made {
            deck: deck.clone(),
            fonts: FontBook::new(),
            doc,
        };
        assert_fits(&made);
        assert!(has_words(&all_text(&made.doc), "Deux colonnes"));
    }
}

/// A list split over "(suite)" slides reads as one list in the leaflet, and the continuations
/// get no bookmark of their own in the slide handouts.
#[test]
fn continued_slides_are_merged() {
    let prepared = crate::build::prepare(
        Path::new("tests/fixtures/valid/long-list"),
        &crate::build::BuildOptions::default(),
    )
    .unwrap_or_else(|d| panic!("{d:?}"));
    let deck = &prepared.deck;
    assert!(
        deck.slides.iter().any(|s| s.continuation > 0),
        "the list is split"
    );
    let theme = etat();
    let fonts = FontBook::new();
    let leaflet = handout(deck, &theme, &fonts, &[], HandoutMode::Leaflet);
    let text = all_text(&leaflet);
    assert!(!text.contains("(suite)"), "{text}");
    assert_eq!(text.matches("Trente raisons de passer au cloud").count(), 1);
    for n in 1..=30 {
        let item = format!("Raison numéro {n}, expliquée en une ligne");
        assert!(has_words(&text, &item), "{item}");
    }
    let notes = handout(deck, &theme, &fonts, &[], HandoutMode::Notes);
    assert!(!outline_titles(&notes.outline)
        .iter()
        .any(|t| t.contains("(suite)")));
}

#[test]
fn an_empty_deck_still_makes_a_cover() {
    let mut deck = load(LAYOUTS);
    deck.slides.clear();
    deck.sections.clear();
    deck.meta.subtitle = None;
    deck.meta.date = None;
    let theme = etat();
    for mode in [
        HandoutMode::Notes,
        HandoutMode::ThreeUp,
        HandoutMode::Leaflet,
    ] {
        let fonts = FontBook::new();
        let doc = handout(&deck, &theme, &fonts, &[], mode);
        let made = Made {
            deck: deck.clone(),
            fonts,
            doc,
        };
        assert_fits(&made);
        assert_eq!(made.doc.pages.len(), 1, "{mode:?}");
        assert_page_numbers(&made.doc);
        assert!(write_pdf(&made.doc, &made.fonts).is_ok());
    }
}

#[test]
fn thumbnails_scale_everything_and_stay_in_their_frame() {
    let deck = load(LAYOUTS);
    let theme = etat();
    let fonts = FontBook::new();
    let images = crate::assets::ImageStore::default();
    let render = crate::context::RenderCtx::new(&deck, &theme, &fonts, &images, &[], CREATED);
    let ctx = Ctx::new(&render);
    let slides = fake_slide_pages(&deck, &theme, &fonts);
    let origin = Point::new(100.0, 200.0);
    let size = Size::new(240.0, 135.0);
    let items = thumbnail::thumbnail(&ctx, slides.get(3), "", origin, size);
    // The slide as one group, its link lifted onto the page, the frame.
    let kinds: Vec<String> = items.iter().map(|p| describe(&p.item)).collect();
    let Item::Group(group) = &items[0].item else {
        panic!("not a group first: {kinds:?}");
    };
    assert!(matches!(items[1].item, Item::Link(_)), "{kinds:?}");
    assert!(matches!(items[2].item, Item::Rect(_)), "{kinds:?}");
    assert_eq!(items.len(), 3, "{kinds:?}");
    // Scaled as a whole: the slide's own items, unchanged, without its structure and its link.
    let scale = 240.0 / 960.0;
    assert!((group.scale - scale).abs() < 1e-6);
    assert_eq!(group.size, Size::new(960.0, 540.0));
    assert_eq!(items[0].pos, origin);
    let drawing: Vec<String> = slides[3]
        .items
        .iter()
        .filter(|p| !matches!(p.item, Item::Open(_) | Item::Close | Item::Link(_)))
        .map(|p| format!("{:?} at {:?}", describe(&p.item), p.pos))
        .collect();
    let grouped: Vec<String> = group
        .items
        .iter()
        .map(|p| format!("{:?} at {:?}", describe(&p.item), p.pos))
        .collect();
    assert_eq!(grouped, drawing);
    for p in &items {
        let (left, right, top, bottom) = item_box(&fonts, p);
        assert!(left >= origin.x - 0.01 && right <= origin.x + size.width + 0.01);
        assert!(top >= origin.y - 0.5 && bottom <= origin.y + size.height + 0.5);
    }
    // The link covers the scaled area of the slide's.
    let (link_pos, link_size) = slides[3]
        .items
        .iter()
        .find_map(|p| match &p.item {
            Item::Link(l) => Some((p.pos, l.size)),
            _ => None,
        })
        .expect("the slide's link");
    assert!((items[1].pos.x - (origin.x + link_pos.x * scale)).abs() < 1e-3);
    assert!((items[1].pos.y - (origin.y + link_pos.y * scale)).abs() < 1e-3);
    let Item::Link(link) = &items[1].item else {
        unreachable!()
    };
    assert!((link.size.width - link_size.width * scale).abs() < 1e-3);
}

#[test]
fn long_footer_titles_are_cut_with_an_ellipsis() {
    let mut deck = load(LAYOUTS);
    deck.meta.title = "Un titre vraiment très long ".repeat(8);
    let theme = etat();
    let fonts = FontBook::new();
    let doc = handout(&deck, &theme, &fonts, &[], HandoutMode::ThreeUp);
    let made = Made { deck, fonts, doc };
    assert_fits(&made);
    assert!(page_text(&made.doc.pages[1]).contains('…'));
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (ASCII here).
fn pdf_string(obj: &lopdf::Object) -> String {
    let bytes = obj.as_str().unwrap_or_default();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Top-level bookmark titles of a PDF.
fn pdf_outline(doc: &lopdf::Document) -> Vec<String> {
    let catalog = doc.catalog().expect("catalog");
    let Ok(outlines) = catalog
        .get(b"Outlines")
        .and_then(lopdf::Object::as_reference)
    else {
        return Vec::new();
    };
    let mut next = doc
        .get_dictionary(outlines)
        .ok()
        .and_then(|d| d.get(b"First").and_then(lopdf::Object::as_reference).ok());
    let mut titles = Vec::new();
    while let Some(id) = next {
        let Ok(item) = doc.get_dictionary(id) else {
            break;
        };
        titles.push(item.get(b"Title").map(pdf_string).unwrap_or_default());
        next = item.get(b"Next").and_then(lopdf::Object::as_reference).ok();
    }
    titles
}

fn pdftotext(bytes: &[u8], name: &str) -> Option<String> {
    Command::new("pdftotext").arg("-v").output().ok()?;
    let dir = std::env::temp_dir().join(format!("diapo-handout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).ok()?;
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&path);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn handouts_write_as_pdf_and_read_back() {
    for (path, deck_name) in [(SAMPLE, "sample"), (LAYOUTS, "layouts")] {
        for (mode, mode_name) in [
            (HandoutMode::Notes, "notes"),
            (HandoutMode::ThreeUp, "3up"),
            (HandoutMode::Leaflet, "leaflet"),
        ] {
            let name = format!("{deck_name}-{mode_name}");
            let made = make(path, mode);
            let bytes = keep(&made, &name);
            let pdf = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(pdf.get_pages().len(), made.doc.pages.len(), "{name}");
            let expected: Vec<String> = made.doc.outline.iter().map(|e| e.title.clone()).collect();
            assert_eq!(pdf_outline(&pdf), expected, "{name}");
            if let Some(text) = pdftotext(&bytes, &name) {
                let total = made.doc.pages.len();
                assert!(text.contains(&format!("Page 1 / {total}")), "{name}");
                assert!(text.contains(&format!("Page {total} / {total}")), "{name}");
                assert!(text.contains(&made.deck.meta.title), "{name}");
                if mode == HandoutMode::Notes && path == SAMPLE {
                    assert!(text.contains("Accueillir, se présenter"), "{name}");
                }
            }
        }
    }
}

#[test]
fn handouts_are_deterministic() {
    let a = make(SAMPLE, HandoutMode::Notes);
    let b = make(SAMPLE, HandoutMode::Notes);
    assert_eq!(
        write_pdf(&a.doc, &a.fonts).ok(),
        write_pdf(&b.doc, &b.fonts).ok()
    );
}

#[test]
fn e_mail_addresses_become_links() {
    let linked = linked_addresses(&[Inline::text("Écrire à (equipe@exemple.gouv.fr).")]);
    assert_eq!(
        linked,
        vec![
            Inline::text("Écrire à ("),
            Inline::Link {
                url: "mailto:equipe@exemple.gouv.fr".into(),
                content: vec![Inline::text("equipe@exemple.gouv.fr")],
            },
            Inline::text(")."),
        ]
    );
    assert_eq!(
        linked_addresses(&[Inline::text("@ et a@b")]),
        vec![Inline::text("@ et a@b")]
    );
    // `contact: mailto:a@b.fr`: one scheme, never `mailto:mailto:`.
    assert_eq!(
        linked_addresses(&[Inline::text("MAILTO:equipe@exemple.gouv.fr")]),
        vec![Inline::Link {
            url: "mailto:equipe@exemple.gouv.fr".into(),
            content: vec![Inline::text("equipe@exemple.gouv.fr")],
        }]
    );
}
