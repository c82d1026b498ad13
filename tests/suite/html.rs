//! The rendered `slides.html`: a readable snapshot of each valid fixture (inline CSS, JavaScript
//! and base64 payloads taken out), then targeted checks of what the audience and the presenter
//! rely on — notes in `aside.notes`, fragments only on `*` items, agenda links to the right slide,
//! the document language, and escaping of HTML written in the Markdown.

use crate::support::{attr, strip_tags, tags, Deck, Html, SlideHtml};

fn snapshot_html(fixture: &str) {
    let html = Deck::fixture(fixture).html();
    insta::assert_snapshot!(fixture, html.readable());
}

macro_rules! html_snapshots {
    ($($test:ident: $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                snapshot_html($dir);
            }
        )*
    };
}

with_valid_fixtures!(html_snapshots);

#[test]
fn notes_go_in_an_aside_the_audience_does_not_see() {
    let html = Deck::fixture("speaker-notes").html();
    let slide = html.slide(2);
    let notes = slide.notes().expect("slide 2 has notes");
    assert_eq!(
        notes,
        "<aside class=\"notes\"><div class=\"speaker-notes\">\
         <p>Accueillir le public, se présenter en une phrase.</p>\
         <p>Deuxième note\u{202f}: poser la question à voix haute.</p>\
         <p>Laisser deux secondes de silence.</p>\
         <p>Troisième note, après la liste.</p></div></aside>"
    );
    assert!(!slide.visible().contains("Accueillir"));
    assert!(slide.visible().contains("Le contenu que voit le public."));
    assert!(html.slide(3).notes().is_none(), "slide 3 has no notes");
    assert!(
        html.slide(1).notes().is_none(),
        "the title slide has no notes"
    );
}

#[test]
fn suggestions_become_facilitator_notes() {
    let html = Deck::fixture("outline-semantics").html();
    let notes = html.slide(1).notes().expect("the title slide has notes");
    assert!(notes.contains(
        "<div class=\"facilitator-notes\"><p class=\"notes-label\">Conseils d’animation</p>"
    ));
    assert!(notes.contains(
        "<li>Demander au public s’il a vécu la même chose</li><li>Garder la citation courte</li>"
    ));
    for slide in html.slides() {
        assert!(!slide.visible().contains("Garder la citation courte"));
    }
}

#[test]
fn only_star_items_are_fragments() {
    let html = Deck::fixture("fragments").html();
    let items = |n: usize| -> Vec<String> {
        tags(html.slide(n).html, "li")
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        items(2),
        ["<li class=\"fragment\">", "<li class=\"fragment\">", "<li>"]
    );
    assert_eq!(items(3), ["<li>", "<li>"]);
    assert_eq!(html.text.matches("class=\"fragment\"").count(), 2);
}

/// Every `<a href="#/N">` of every agenda: N is the number of the slide whose title is the link
/// text. Returns (agenda slide, link text, N) for the assertions of each deck.
fn agenda_links(html: &Html) -> Vec<(usize, String, usize)> {
    let mut links = Vec::new();
    for (i, slide) in html.slides().iter().enumerate() {
        if slide.layout() != "agenda" {
            continue;
        }
        let Some(start) = slide.html.find("<ol class=\"agenda\">") else {
            panic!("agenda slide {} has no list", i + 1);
        };
        let list = &slide.html[start..];
        let list = &list[..list.find("</ol>").unwrap_or(list.len())];
        for a in list.split("<a ").skip(1) {
            let href = attr(&format!(" {a}"), "href").expect("href");
            let text = strip_tags(&a[a.find('>').unwrap_or(0) + 1..a.find("</a>").unwrap_or(0)]);
            let n: usize = href
                .strip_prefix("#/")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("agenda link `{href}` is not `#/N`"));
            assert_eq!(
                html.slide(n).label_title(),
                text,
                "the agenda entry `{text}` points at slide {n}"
            );
            links.push((i + 1, text, n));
        }
    }
    links
}

#[test]
fn agenda_entries_link_to_their_slides() {
    let html = Deck::fixture("outline-semantics").html();
    assert_eq!(
        agenda_links(&html),
        [
            (3, "Le constat".to_string(), 4),
            (3, "La réponse".to_string(), 5),
            (6, "Le constat".to_string(), 4),
            (6, "La réponse".to_string(), 5),
        ]
    );
    // An entry naming no part of the deck stays, without a link.
    assert!(html
        .slide(6)
        .html
        .contains("<span class=\"agenda-text\"><span class=\"laid\">Une partie qui n’existe pas</span></span>"));
}

#[test]
fn an_empty_agenda_lists_the_sections() {
    let deck = Deck::fixture("layouts");
    let sections: Vec<(usize, String, usize)> = deck
        .prepare()
        .deck
        .sections
        .iter()
        .filter(|s| s.title != "Programme")
        .map(|s| (2, s.title.clone(), s.first_slide + 1))
        .collect();
    assert!(sections.iter().any(|s| s.1 == "Première partie"));
    assert_eq!(agenda_links(&deck.html()), sections);
}

#[test]
fn agenda_links_skip_continuation_slides() {
    let html = Deck::fixture("long-list").html();
    let links = agenda_links(&html);
    let last = html.slides().len();
    assert_eq!(
        links,
        [
            (2, "Trente raisons de passer au cloud".to_string(), 3),
            (2, "Après la liste".to_string(), last),
        ]
    );
    assert!(last > 4, "the long list was not split");
}

#[test]
fn long_lists_continue_on_suite_slides() {
    let html = Deck::fixture("long-list").html();
    let slides = html.slides();
    let continued: Vec<String> = slides
        .iter()
        .filter(|s| s.html.contains("<span class=\"continued\">"))
        .map(SlideHtml::title)
        .collect();
    assert!(!continued.is_empty(), "no continuation slide");
    for title in &continued {
        assert_eq!(title, "Trente raisons de passer au cloud (suite)");
    }
    // Every item is shown exactly once, in order, across the slides.
    let all: String = slides.iter().map(|s| s.html).collect();
    let mut from = 0;
    for i in 1..=30 {
        let item = format!(
            "<li><span class=\"laid\">Raison numéro {i}, expliquée en une ligne</span></li>"
        );
        assert_eq!(all.matches(&item).count(), 1, "item {i}");
        let at = all.find(&item).unwrap_or(0);
        assert!(at >= from, "item {i} is out of order");
        from = at;
    }
}

#[test]
fn the_document_says_its_language() {
    assert_eq!(
        Deck::fixture("outline").html().lang().as_deref(),
        Some("fr")
    );
    assert_eq!(
        Deck::fixture("english").html().lang().as_deref(),
        Some("en")
    );
}

#[test]
fn french_slides_are_labelled_in_french() {
    let html = Deck::fixture("outline").html();
    let slide = html.slide(3);
    assert_eq!(
        slide.attr("aria-label").as_deref(),
        Some("3 sur 7\u{a0}: Les usages ont changé")
    );
    assert_eq!(
        slide.attr("aria-roledescription").as_deref(),
        Some("Diapositive")
    );
}

#[test]
fn english_decks_speak_english() {
    let html = Deck::fixture("english").html();
    let slides = html.slides();
    let total = slides.len();
    assert_eq!(
        slides[0].attr("aria-label"),
        Some(format!("1 of {total}: An English deck"))
    );
    assert!(slides
        .iter()
        .all(|s| s.attr("aria-roledescription").as_deref() == Some("Slide")));
    assert!(html.text.contains("<nav aria-label=\"Agenda\">"));
    let continued: Vec<String> = slides
        .iter()
        .filter(|s| s.html.contains("class=\"continued\""))
        .map(SlideHtml::title)
        .collect();
    assert!(!continued.is_empty(), "the long list was not split");
    assert!(continued
        .iter()
        .all(|t| t == "Twenty-four reasons (continued)"));
    assert!(!html.text.contains("(suite)"));
    assert!(!html.text.contains("Diapositive"));
    let notes = slides[0].notes().expect("facilitator notes");
    assert!(notes.contains("<p class=\"notes-label\">Facilitator notes</p>"));
}

#[test]
fn html_written_in_the_markdown_is_read_by_an_allow_list() {
    let html = Deck::fixture("escaping").html();
    // Only the deck's own two scripts: the strings and the runtime.
    assert_eq!(tags(&html.text, "script").len(), 2);
    assert!(!html.text.contains("<script>alert"));
    assert!(html.text.contains("<title>Échappement</title>"));
    let slide = html.slide(2);
    for expected in [
        // A script in a title goes with its content; the title stays.
        "Un titre avec</span></h2>",
        // Formatting tags keep their meaning, as diapo writes it.
        "Du texte avec <strong>une balise</strong> &amp; une esperluette.",
        "<code>&lt;script&gt;</code> dans du code reste du code.",
        // A speaker note is text: it is shown as written, escaped.
        "<p>Une note avec &lt;script&gt;alert(«\u{202f}note\u{202f}»)&lt;/script&gt;</p>",
    ] {
        assert!(slide.html.contains(expected), "missing {expected}");
    }
    assert!(
        !slide.html.contains("<b>"),
        "the deck's own tags never pass"
    );
    // A `javascript:` link keeps its text and loses its link.
    assert!(!html.text.to_lowercase().contains("javascript:"));
    assert!(slide.html.contains("Un lien dangereux\u{202f}: cliquez."));
}

#[test]
fn html_subset_in_both_outputs() {
    let deck = Deck::markdown(
        "# Essai\n\n## HTML\n\nUne ligne<br>et une autre, H<sub>2</sub>O et m<sup>2</sup>, <kbd>Ctrl</kbd>.\n\n<table><tr><th>Avant</th><th>Après</th></tr><tr><td>Un an</td><td>Une <b>semaine</b></td></tr></table>\n\n<div class=\"note\" onclick=\"go()\">Un bloc <Badge>composant</Badge></div>\n",
    );
    let (model, warnings) = deck.parse();
    let text = warnings.join("\n");
    assert!(text.contains("`onclick` removed from `<div>`"), "{text}");
    assert!(text.contains("`<badge>` is not HTML diapo shows"), "{text}");
    let html = deck.html();
    let slide = html.slide(2);
    assert!(
        slide.html.contains("Une ligne<br>et une autre"),
        "{}",
        slide.html
    );
    assert!(slide.html.contains("H₂O et m²"));
    assert!(slide.html.contains("<code>Ctrl</code>"));
    assert!(slide.html.contains("<th"), "an HTML table is a table");
    assert!(slide.html.contains("Une <strong>semaine</strong>"));
    assert!(slide.html.contains("Un bloc composant"));
    assert!(!slide.html.contains("onclick") && !slide.html.contains("<badge"));
    let body = &model.slides[1].body;
    assert!(
        body.blocks()
            .iter()
            .any(|b| matches!(b, diapo::model::Block::Table { header, rows, .. } if header.len() == 2 && rows.len() == 1)),
        "{body:?}"
    );
}

#[test]
fn directives_apply_to_their_slides() {
    let html = Deck::fixture("directives").html();
    let row = |n: usize| {
        let s = html.slide(n);
        let header = s
            .html
            .find("<header class=\"slide-header\">")
            .map(|i| strip_tags(&s.html[i..i + s.html[i..].find("</header>").unwrap_or(0)]));
        let footer = s
            .html
            .find("<footer class=\"slide-footer\">")
            .map(|i| strip_tags(&s.html[i..i + s.html[i..].find("</footer>").unwrap_or(0)]));
        (
            s.attr("class").unwrap_or_default(),
            s.attr("data-paginate").unwrap_or_default(),
            header,
            footer,
        )
    };
    let global_footer = Some("Pied de page global".to_string());
    let following_header = Some("En-tête qui suit".to_string());
    assert_eq!(
        row(1),
        (
            "slide layout-title".into(),
            "false".into(),
            None,
            global_footer.clone()
        )
    );
    assert_eq!(
        row(2),
        (
            "slide layout-content sombre".into(),
            "true".into(),
            following_header.clone(),
            global_footer.clone()
        )
    );
    assert_eq!(
        row(3),
        (
            "slide layout-content sombre accent".into(),
            "true".into(),
            Some("En-tête local".into()),
            Some("Pied de page local".into())
        )
    );
    assert_eq!(
        row(4),
        (
            "slide layout-content sombre".into(),
            "false".into(),
            following_header.clone(),
            None
        )
    );
    assert_eq!(html.slide(5).layout(), "key-figure");
    assert!(html.slide(5).html.contains("<p class=\"figure\">80 %</p>"));
    assert_eq!(html.slide(6).layout(), "two-column");
    assert_eq!(html.slide(7).layout(), "two-column");
    // A layout named in the heading wins over the one carried from earlier slides.
    assert_eq!(html.slide(8).layout(), "testimony");
    assert_eq!(html.slide(9).layout(), "content");
    assert_eq!(row(9).1, "false", "`paginate: false` carries to the end");
}

#[test]
fn images_are_inlined_once_as_data_uris_and_named_by_every_use() {
    use base64::Engine;
    let html = Deck::fixture("image").html();
    let png = std::fs::read("tests/fixtures/valid/image/schema.png").expect("the fixture PNG");
    let expected = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&png)
    );
    // The file's bytes once, in the stylesheet, for its three uses.
    assert_eq!(html.text.matches(&expected).count(), 1);
    assert!(html.text.contains(&format!(
        ".diapo-img-0{{background-image:url(\"{expected}\");"
    )));
    assert!(tags(&html.text, "img").is_empty());
    let uses: Vec<&str> = tags(&html.text, "span")
        .into_iter()
        .filter(|t| t.contains("diapo-img-0"))
        .collect();
    assert_eq!(
        uses,
        [
            "<span class=\"diapo-img diapo-img-0\" role=\"img\" aria-label=\"Schéma du socle\">",
            "<span class=\"diapo-img diapo-img-0\" aria-hidden=\"true\">",
            "<span class=\"diapo-img diapo-img-0\" role=\"img\" aria-label=\"Photo de Julien\">",
        ]
    );
    assert!(html
        .slide(2)
        .html
        .contains("<figcaption>Le socle Cloud Pi Native</figcaption>"));
    assert!(html
        .slide(4)
        .html
        .contains("<div class=\"testimony-photo\"><figure class=\"image\"><span class=\"diapo-img diapo-img-0\""));
}

#[test]
fn each_fixture_slide_count_matches_the_total() {
    for (fixture, count) in [
        ("layouts", 12),
        ("outline", 7),
        ("explicit-slides", 5),
        ("speaker-notes", 3),
    ] {
        let html = Deck::fixture(fixture).html();
        assert_eq!(html.slides().len(), count, "{fixture}");
        let main = crate::support::opening_tag(&html.text, "<main").expect("<main>");
        assert_eq!(attr(main, "data-total"), Some(count.to_string()));
    }
}

/// The cover's title is laid out from the slide's own title, so the HTML breaks it where the PDF
/// does (a `<br class="wrap">` at each line the layout started), as every other laid-out text.
#[test]
fn a_long_cover_title_breaks_where_the_pdf_does() {
    let html = Deck::fixture_path("tests/fixtures/parity/long-cover").html();
    let cover = html.slide(1).html;
    let title = cover
        .split("<h1 class=\"cover-title\">")
        .nth(1)
        .and_then(|t| t.split("</h1>").next())
        .unwrap_or_else(|| panic!("no cover title in {cover}"));
    assert!(title.starts_with("<span class=\"laid\">"), "{title}");
    assert_eq!(title.matches("<br class=\"wrap\">").count(), 2, "{title}");
}
