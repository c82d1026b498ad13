//! The parsed model of every valid fixture, snapshotted (`diapo::input::load`, before fitting), and
//! the slide list of the seed outline after fitting. Targeted tests below pin the outline
//! semantics a reviewer should not have to find in a long snapshot.

use crate::support::Deck;
use diapo::model::{Body, Layout};
use serde::Serialize;

#[derive(Serialize)]
struct Parsed {
    warnings: Vec<String>,
    deck: diapo::model::Deck,
}

fn snapshot_model(fixture: &str) {
    let (deck, warnings) = Deck::fixture(fixture).parse();
    insta::assert_yaml_snapshot!(fixture, Parsed { warnings, deck });
}

macro_rules! model_snapshots {
    ($($test:ident: $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                snapshot_model($dir);
            }
        )*
    };
}

with_valid_fixtures!(model_snapshots);

/// One line per slide after fitting: what a trainer sees in the overview.
#[derive(Serialize)]
struct SlideLine {
    layout: &'static str,
    title: String,
    continuation: u32,
}

#[derive(Serialize)]
struct Outline {
    warnings: Vec<String>,
    slides: Vec<SlideLine>,
}

fn outline_of(deck: &Deck) -> Outline {
    let prepared = deck.prepare();
    Outline {
        warnings: prepared.warnings.iter().map(ToString::to_string).collect(),
        slides: prepared
            .deck
            .slides
            .iter()
            .map(|s| SlideLine {
                layout: s.layout.name(),
                title: s.title_text(),
                continuation: s.continuation,
            })
            .collect(),
    }
}

/// The seed outline, exactly as the trainer wrote it, gives a deck with no edit.
#[test]
fn seed_outline_slides() {
    let Some(seed) = crate::cli::seed_outline() else {
        return;
    };
    let deck = Deck::markdown(&std::fs::read_to_string(seed).expect("read the seed"));
    insta::assert_yaml_snapshot!(outline_of(&deck));
}

#[test]
fn long_list_continues_on_suite_slides() {
    insta::assert_yaml_snapshot!(outline_of(&Deck::fixture("long-list")));
}

fn layouts_of(deck: &diapo::model::Deck) -> Vec<Layout> {
    deck.slides.iter().map(|s| s.layout).collect()
}

#[test]
fn every_layout_has_a_fixture_slide() {
    let (deck, _) = Deck::fixture("layouts").parse();
    assert_eq!(
        layouts_of(&deck),
        [
            Layout::Title,
            Layout::Agenda,
            Layout::Section,
            Layout::Content,
            Layout::TwoColumn,
            Layout::Testimony,
            Layout::KeyFigure,
            Layout::Comparison,
            Layout::Poll,
            Layout::Definition,
            Layout::Objectives,
            Layout::Closing,
        ]
    );
    for layout in Layout::ALL {
        assert!(layouts_of(&deck).contains(&layout), "no {layout:?} slide");
    }
}

#[test]
fn plain_outline_headings_cut_slides() {
    let (deck, _) = Deck::fixture("outline").parse();
    let titles: Vec<(Layout, String)> = deck
        .slides
        .iter()
        .map(|s| (s.layout, s.title_text()))
        .collect();
    assert_eq!(
        titles,
        [
            (Layout::Title, "Le numérique public".into()),
            (Layout::Section, "Pourquoi changer".into()),
            (Layout::Content, "Les usages ont changé".into()),
            (Layout::Content, "Les attentes aussi".into()),
            // A `##` with no `###` under it is a content slide, still listed as a section.
            (
                Layout::Content,
                "Une section sans diapositive sous elle".into()
            ),
            (Layout::Section, "Comment faire".into()),
            (Layout::Content, "Commencer petit".into()),
        ]
    );
    let sections: Vec<&str> = deck.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        sections,
        [
            "Pourquoi changer",
            "Une section sans diapositive sous elle",
            "Comment faire"
        ]
    );
}

#[test]
fn plan_suggestions_objectives_and_testimony() {
    let (deck, _) = Deck::fixture("outline-semantics").parse();
    let by_title = |t: &str| {
        deck.slides
            .iter()
            .find(|s| s.title_text() == t)
            .unwrap_or_else(|| panic!("no slide `{t}`"))
    };
    assert_eq!(by_title("Objectifs").layout, Layout::Objectives);
    assert_eq!(by_title("Plan").layout, Layout::Agenda);
    assert_eq!(by_title("Sommaire").layout, Layout::Agenda);
    assert_eq!(by_title("Témoignage").layout, Layout::Testimony);
    // A `Suggestions` section is no slide: its items are facilitator notes of the whole session.
    assert!(deck.slides.iter().all(|s| s.title_text() != "Suggestions"));
    let notes: Vec<String> = deck.slides[0]
        .facilitator
        .iter()
        .map(|n| diapo::model::plain_text(n))
        .collect();
    assert_eq!(
        notes,
        [
            "Demander au public s’il a vécu la même chose",
            "Garder la citation courte"
        ]
    );
    let Body::Testimony { name, role, .. } = &by_title("Témoignage").body else {
        panic!("the testimony slide has no testimony body");
    };
    let text = |i: &Option<Vec<diapo::model::Inline>>| {
        i.as_deref()
            .map(diapo::model::plain_text)
            .unwrap_or_default()
    };
    assert_eq!(text(name), "Julien M.");
    assert_eq!(text(role), "chef de projet");
}

#[test]
fn speaker_notes_keep_every_comment_in_order() {
    let (deck, _) = Deck::fixture("speaker-notes").parse();
    assert_eq!(
        deck.slides[1]
            .notes
            .iter()
            .map(|n| n.text())
            .collect::<Vec<_>>(),
        [
            "Accueillir le public, se présenter en une phrase.",
            "Deuxième note\u{202f}: poser la question à voix haute.\n\nLaisser deux secondes de silence.",
            "Troisième note, après la liste."
        ]
    );
    assert!(deck.slides[2].notes.is_empty());
}

#[test]
fn star_items_are_fragments_and_dash_items_are_not() {
    let (deck, _) = Deck::fixture("fragments").parse();
    let fragments = |i: usize| -> Vec<bool> {
        let Body::Blocks { blocks } = &deck.slides[i].body else {
            panic!("slide {i} has no blocks");
        };
        let Some(diapo::model::Block::List(list)) = blocks.first() else {
            panic!("slide {i} does not start with a list");
        };
        list.items.iter().map(|item| item.fragment).collect()
    };
    assert_eq!(fragments(1), [true, true]);
    assert_eq!(fragments(2), [false, false]);
}

#[test]
fn front_matter_sets_every_field() {
    let (deck, _) = Deck::fixture("front-matter").parse();
    let m = &deck.meta;
    assert_eq!(m.title, "Le cloud au centre");
    assert_eq!(m.subtitle.as_deref(), Some("Sensibilisation des décideurs"));
    assert_eq!(m.author.as_deref(), Some("Équipe Cloud Pi Native"));
    assert_eq!(m.date.as_deref(), Some("2025-03-14"));
    assert_eq!(m.lang, diapo::model::Lang::Fr);
    assert_eq!(m.audience.as_deref(), Some("Directeurs de projet"));
    assert_eq!(m.duration_minutes, Some(90));
    assert_eq!(m.theme, "etat");
    assert_eq!(m.slide_level, 2);
    assert_eq!(m.contact.as_deref(), Some("cloud@interieur.gouv.fr"));
    // The global directives apply to every slide.
    for slide in &deck.slides {
        assert!(!slide.paginate, "slide {} is paginated", slide.anchor);
        assert_eq!(slide.classes, ["dense"]);
        assert_eq!(slide.header.as_deref(), Some("Ministère de l’Intérieur"));
        assert_eq!(slide.footer.as_deref(), Some("Sensibilisation — mars 2025"));
    }
    // `slide_level: 2`: `##` headings are slides, a `###` stays inside its slide.
    assert_eq!(deck.slides.len(), 3);
}
