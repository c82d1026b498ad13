//! The designer's finish (issue 15), read back from the laid-out pages the PDF draws and from the
//! HTML: the definition's label and hero term, neutral comparisons unless the author gives tones,
//! agendas without underlines and with durations, testimonies centred with the quote mark clear
//! of the text, the counter on the footer's baseline, short slides balanced, and contrast on
//! every layout of every theme.

use crate::support::{diapo, Deck};
use diapo::color::Rgb;
use diapo::layout::page::{Item, Page};
use diapo::layout::slides::slide_pages;

/// The laid-out pages of a deck.
fn laid_out(deck: &Deck) -> (diapo::build::Prepared, Vec<Page>) {
    let p = deck.prepare();
    let (pages, _) = slide_pages(&p.render_ctx(0));
    (p, pages)
}

/// Every run of text of a page: (text, x of its first glyph, baseline y, size, colour, right
/// edge estimate).
/// A page's items with its groups (handout thumbnails) opened: each item where and as large as
/// it is drawn.
fn flat(page: &Page) -> Vec<diapo::layout::page::Positioned> {
    fn walk(
        items: &[diapo::layout::page::Positioned],
        (dx, dy, k): (f32, f32, f32),
        out: &mut Vec<diapo::layout::page::Positioned>,
    ) {
        for p in items {
            let pos = diapo::layout::page::Point::new(dx + p.pos.x * k, dy + p.pos.y * k);
            let mut item = p.item.clone();
            match &mut item {
                Item::Group(g) => {
                    walk(&g.items, (pos.x, pos.y, k * g.scale), out);
                    continue;
                }
                Item::Text(run) => {
                    run.size *= k;
                    for g in &mut run.glyphs {
                        g.x *= k;
                        g.y *= k;
                    }
                }
                Item::Rect(r) => {
                    r.size.width *= k;
                    r.size.height *= k;
                }
                _ => {}
            }
            out.push(diapo::layout::page::Positioned { pos, item });
        }
    }
    let mut out = Vec::new();
    walk(&page.items, (0.0, 0.0, 1.0), &mut out);
    out
}

fn runs(page: &Page) -> Vec<(String, f32, f32, f32, Rgb, f32)> {
    flat(page)
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some((
                run.text.clone(),
                p.pos.x + run.glyphs.first().map_or(0.0, |g| g.x),
                p.pos.y,
                run.size,
                run.colour,
                p.pos.x + run.glyphs.last().map_or(0.0, |g| g.x) + run.size * 0.5,
            )),
            _ => None,
        })
        .collect()
}

fn run_with<'a>(
    runs: &'a [(String, f32, f32, f32, Rgb, f32)],
    text: &str,
) -> &'a (String, f32, f32, f32, Rgb, f32) {
    runs.iter().find(|r| r.0.contains(text)).unwrap_or_else(|| {
        panic!(
            "no run with {text:?} in {:?}",
            runs.iter().map(|r| &r.0).collect::<Vec<_>>()
        )
    })
}

/// Filled rectangles: (x, y, width, height, colour).
fn rects(page: &Page) -> Vec<(f32, f32, f32, f32, Rgb)> {
    flat(page)
        .iter()
        .filter_map(|p| match &p.item {
            Item::Rect(r) => r
                .fill
                .map(|f| (p.pos.x, p.pos.y, r.size.width, r.size.height, f)),
            _ => None,
        })
        .collect()
}

const DEFINITION: &str = "---\ntitle: Définitions\n---\n\n### Définition : cloud native\n\n**Cloud native** : une façon de produire le logiciel pour le cloud.\n\n### Objectif final {.definition}\n\n**Tout nouveau projet démarre dans le cloud** : pour livrer plus vite.\n";

#[test]
fn a_definition_has_a_label_a_hero_term_and_a_capitalised_definition() {
    let deck = Deck::markdown(DEFINITION);
    let (p, pages) = laid_out(&deck);
    let r = runs(&pages[1]);
    let label = run_with(&r, "DÉFINITION");
    let term = run_with(&r, "Cloud");
    let def = run_with(&r, "Une façon");
    // The title that only announces the term is not drawn again.
    assert!(!r.iter().any(|x| x.0.contains("Définition")), "{r:?}");
    // Label, then the term larger than any slide title, then the definition: one group.
    let title_pt = p.theme.sizes.title * 0.75;
    assert!(
        term.3 > title_pt,
        "the term ({} pt) is not the hero",
        term.3
    );
    assert!(label.2 < term.2 && term.2 < def.2);
    assert!(def.2 - label.2 < 200.0, "label and definition far apart");
    // Centred: as much room above the label as below the definition, within the body box.
    let mid = (label.2 + def.2) / 2.0;
    assert!((mid - 540.0 / 2.0).abs() < 60.0, "the group sits at {mid}");
    // A title that says something of its own is the label.
    let r2 = runs(&pages[2]);
    run_with(&r2, "OBJECTIF FINAL");
    assert!(!r2.iter().any(|x| x.0.contains("DÉFINITION")));
    // The HTML: the same label, the term as the slide's heading, the definition capitalised.
    let html = deck.html();
    let s1 = html.slide(2).html;
    assert!(
        s1.contains("<p class=\"definition-label\">Définition</p>"),
        "{s1}"
    );
    assert!(s1.contains(
        "<h2 class=\"slide-title definition-term\"><span class=\"laid\">Cloud native</span></h2>"
    ));
    assert!(s1.contains("<p><span class=\"laid\">Une façon de produire"));
    assert!(html
        .slide(3)
        .html
        .contains("<p class=\"definition-label\">Objectif final</p>"));
}

const COMPARISON: &str = "---\ntitle: Comparer\n---\n\n### Avant, après {.comparison}\n\n#### Avant\n\n- Trois mois\n\n#### Après\n\n- Une semaine\n\n### Avant, après {.comparison}\n\n#### Avant {.cons}\n\n- Trois mois\n\n#### Après {.pros}\n\n- Une semaine\n";

#[test]
fn comparisons_are_neutral_unless_the_author_gives_tones() {
    let deck = Deck::markdown(COMPARISON);
    let (p, pages) = laid_out(&deck);
    let c = &p.theme.colors;
    let top_rules = |page: &Page| -> Vec<Rgb> {
        rects(page)
            .into_iter()
            .filter(|r| (r.3 - 6.0).abs() < 0.5 && r.1 > 60.0 && r.2 > 100.0)
            .map(|r| r.4)
            .collect()
    };
    // Neutral: no icon, both cards ruled in the primary colour.
    let r = runs(&pages[1]);
    assert!(!r
        .iter()
        .any(|x| x.0.contains('✓') || x.0.contains('→') || x.0.contains('✗')));
    assert_eq!(top_rules(&pages[1]), [c.primary, c.primary]);
    // `{.cons}` and `{.pros}`: a cross on the accent colour, a tick on the primary.
    let r = runs(&pages[2]);
    assert!(r.iter().any(|x| x.0.contains('✗')) && r.iter().any(|x| x.0.contains('✓')));
    assert_eq!(top_rules(&pages[2]), [c.accent, c.primary]);
    let html = deck.html();
    assert!(html.slide(2).html.matches("side side-neutral").count() == 2);
    let s2 = html.slide(3).html;
    assert!(s2.contains("<section class=\"side side-cons\"><h3 class=\"side-title\"><span class=\"side-icon\" aria-hidden=\"true\">✗</span> Avant</h3>"), "{s2}");
    assert!(s2.contains("side side-pros"));
}

const AGENDA: &str = "---\ntitle: Programme\n---\n\n### Au programme {.agenda}\n\n- Pourquoi changer (10 min)\n- La réponse — 1h30\n- Et après\n\n# Pourquoi changer\n\n### Un\n\nTexte.\n\n# La réponse\n\n### Deux\n\nTexte.\n";

#[test]
fn agenda_entries_have_no_underline_and_show_their_durations() {
    let deck = Deck::markdown(AGENDA);
    let (p, pages) = laid_out(&deck);
    let r = runs(&pages[1]);
    // No thin rule under the entries (the old link underline).
    assert!(
        !rects(&pages[1]).iter().any(|x| x.3 < 3.0 && x.1 > 80.0),
        "{:?}",
        rects(&pages[1])
    );
    // The durations, apart from the entry, right-aligned on its baseline, in the muted colour.
    let entry = run_with(&r, "Pourquoi changer");
    let ten = run_with(&r, "10");
    assert!(!entry.0.contains("min"), "{entry:?}");
    assert!((ten.2 - entry.2).abs() < 0.5);
    assert!(ten.1 > 700.0 && ten.4 == p.theme.colors.muted, "{ten:?}");
    run_with(&r, "1\u{a0}h\u{a0}30");
    let html = deck.html();
    let s = html.slide(2).html;
    assert!(s.contains("<a class=\"agenda-text\" href=\"#/3\"><span class=\"laid\">Pourquoi changer</span></a><span class=\"agenda-minutes\">10\u{a0}min</span>"), "{s}");
    assert!(
        s.contains("<span class=\"agenda-text\"><span class=\"laid\">Et après</span></span></li>")
    );
    // The stylesheet takes the underline off and keeps a focus outline.
    let css = std::fs::read_to_string("themes/etat/style.css").expect("style.css");
    assert!(
        css.contains(".slide-body .agenda a { color: var(--diapo-fg); text-decoration: none; }")
    );
    assert!(
        css.contains(".slide-body .agenda a:focus-visible {") && css.contains("outline: 3px solid")
    );
}

#[test]
fn a_testimony_is_centred_with_its_quote_mark_clear_of_the_text() {
    let deck = Deck::fixture("layouts");
    let (p, pages) = laid_out(&deck);
    let i = p
        .deck
        .slides
        .iter()
        .position(|s| s.layout == diapo::model::Layout::Testimony)
        .expect("a testimony");
    let r = runs(&pages[i]);
    let mark = run_with(&r, "“");
    let quote = run_with(&r, "Avant");
    let name = run_with(&r, "Julien");
    assert!(
        mark.5 < quote.1,
        "the mark ({}) runs into the text ({})",
        mark.5,
        quote.1
    );
    assert!(
        (name.1 - quote.1).abs() < 0.5,
        "the source lines up with the quote"
    );
    // Centred in the room under the title.
    let title = r.iter().map(|x| x.2).fold(f32::MAX, f32::min);
    let room_mid = (title + 540.0 - 48.0) / 2.0;
    let mid = (quote.2 + name.2) / 2.0;
    assert!((mid - room_mid).abs() < 60.0, "{mid} vs {room_mid}");
}

#[test]
fn the_counter_sits_on_the_footers_baseline_in_the_decks_font() {
    let deck = Deck::fixture_path("decks/sensibilisation");
    let (_, pages) = laid_out(&deck);
    let r = runs(&pages[1]);
    let footer = run_with(&r, "Sensibilisation");
    let counter = run_with(&r, "2 / ");
    assert!((footer.2 - counter.2).abs() < 0.5, "{footer:?} {counter:?}");
    // The HTML: the runtime's counter and presenter take the deck's font and the footer's line.
    let css = std::fs::read_to_string("themes/etat/style.css").expect("style.css");
    assert!(css.contains(":root { --diapo-ui-font: var(--diapo-font-body); }"));
    assert!(css.contains(".reveal .diapo-counter { font: 700 var(--diapo-size-small)/var(--diapo-line-height) var(--diapo-font-body); bottom: 18px;"));
}

#[test]
fn short_content_slides_are_balanced_by_the_theme() {
    let short = "---\ntitle: Court\n---\n\n### Deux points\n\n- Un\n- Deux\n";
    let (p, pages) = laid_out(&Deck::markdown(short));
    let r = runs(&pages[1]);
    let title = run_with(&r, "Deux points");
    let first = run_with(&r, "Un");
    let gap = first.2 - title.2;
    // etat: `[layouts.content] balance = 0.3`: the body well below the title, above the middle.
    assert!(p.theme.chrome.content_balance > 0.2);
    assert!(
        gap > 100.0,
        "the body sits right under the title ({gap} pt)"
    );
    assert!(
        first.2 < 540.0 / 2.0 + 40.0,
        "the body sinks to {}",
        first.2
    );
    // The title stays where every slide has it.
    let long = "---\ntitle: Long\n---\n\n### Deux points\n\n- Un\n- Deux\n- Trois\n- Quatre\n- Cinq\n- Six\n- Sept\n- Huit\n";
    let (_, pages) = laid_out(&Deck::markdown(long));
    let r = runs(&pages[1]);
    assert!((run_with(&r, "Deux points").2 - title.2).abs() < 0.5);
    assert!(run_with(&r, "Un").2 < first.2);
    // A theme that says 0 keeps the body under the title.
    let css = std::fs::read_to_string("themes/etat/style.css").expect("style.css");
    assert!(css.contains("flex: var(--diapo-content-balance, 0) 1 0px;"));
}

/// Every layout (the layouts fixture, and a section slide holding every kind of block) in every
/// built-in theme: no text below WCAG AA on the colour under it.
#[test]
fn every_layout_reads_well_in_every_theme() {
    for deck in [
        "tests/fixtures/valid/layouts",
        "tests/fixtures/design/section-content",
    ] {
        for theme in ["etat", "sobre", "sombre"] {
            let out = diapo()
                .args(["check", deck, "--json", "--theme", theme])
                .output()
                .expect("diapo check");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains("\"findings\""),
                "{deck} in {theme}: {stdout}"
            );
            assert!(
                !stdout.contains("theme/slide-contrast"),
                "{deck} in {theme}: {stdout}"
            );
        }
    }
}

/// The cards of a full comparison stop well above the footer, in every theme (`sobre`'s big type
/// used to bring them against it); the content box is the same in the HTML.
#[test]
fn cards_keep_clear_of_the_footer() {
    for theme in ["etat", "sobre", "sombre"] {
        let deck = Deck::markdown(&format!(
            "---\ntitle: Cartes\ntheme: {theme}\nfooter: Pied de page\n---\n\n### Comparer {{.comparison}}\n\n#### Avant\n\n- Google, Netflix : disponibles partout, à tout moment\n- Améliorés chaque jour, sans interruption\n- Sur des socles cloud native\n\n#### Après\n\n- Le vieux site de votre banque\n- L'espace client de votre assurance\n- « Service indisponible pour maintenance »\n"
        ));
        let (p, pages) = laid_out(&deck);
        let page = &pages[1];
        let r = runs(page);
        let footer = run_with(&r, "Pied de page");
        let footer_top = footer.2 - footer.3;
        let cards = rects(page)
            .into_iter()
            .filter(|x| x.4 == p.theme.colors.surface)
            .map(|x| x.1 + x.3)
            .fold(0.0f32, f32::max);
        assert!(cards > 0.0, "{theme}: no card");
        assert!(
            footer_top - cards >= 20.0,
            "{theme}: the cards end {} pt above the footer",
            footer_top - cards
        );
    }
}

/// With a brand's logo at the top, the title starts as far below the chrome as it does without.
#[test]
fn a_logo_keeps_the_gap_between_header_and_title() {
    for theme in ["etat", "sobre", "sombre"] {
        let text = format!("---\ntitle: Logo\ntheme: {theme}\n---\n\n### Un titre\n\nDu texte.\n");
        let plain = Deck::markdown(&text);
        let branded = Deck::markdown(&text.replace("theme:", "brand: interieur\ntheme:"));
        let (_, a) = laid_out(&plain);
        let (p, b) = laid_out(&branded);
        let title = |page: &Page| run_with(&runs(page), "Un titre").2;
        // The logo's bottom: the lowest image at the top of the page.
        let logo_bottom = b[1]
            .items
            .iter()
            .filter_map(|i| match &i.item {
                Item::Image(img) if i.pos.y < 100.0 => Some(i.pos.y + img.size.height),
                _ => None,
            })
            .fold(0.0f32, f32::max);
        // Without the logo, the chrome's row is the bloc-marque's lines, or the header's line.
        let t = &p.theme;
        let layout = diapo::model::Layout::Content;
        let row = if t.shows_marque(layout) {
            let l = t.marque_lines(layout);
            let n = u8::from(l.republique) + u8::from(l.name.is_some()) + u8::from(l.motto);
            f32::from(n) * t.sizes.marque * 1.25
        } else {
            t.sizes.small * 1.2
        } * 0.75;
        let gap_without = title(&a[1]) - (t.chrome_top() * 0.75 + row);
        if !t.shows_logo(layout) {
            continue; // sobre: the logo on the title slide only
        }
        assert!(logo_bottom > 0.0, "{theme}: no logo on the slide");
        assert!(
            title(&b[1]) - logo_bottom >= gap_without - 0.5,
            "{theme}: title at {} under a logo ending at {logo_bottom}; {gap_without} without",
            title(&b[1])
        );
    }
}

/// A handout of `deck` drawn from its real slide pages.
fn handout(deck: &Deck, mode: diapo::layout::handout::HandoutMode) -> Vec<Page> {
    let (p, slides) = laid_out(deck);
    diapo::layout::handout::handout_document(&p.render_ctx(0), &slides, mode).pages
}

fn page_words(page: &Page) -> String {
    runs(page)
        .into_iter()
        .map(|r| r.0)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The attendee's copy: slides large enough to read (body text at 8 points or more on paper),
/// section slides printed light: no solid block of the divider's colour, its title in that
/// colour on white, inside an outline.
#[test]
fn three_up_prints_legible_slides_and_light_dividers() {
    let deck = Deck::fixture_path("decks/sensibilisation");
    let pages = handout(&deck, diapo::layout::handout::HandoutMode::ThreeUp);
    let p = deck.prepare();
    let divider = p.theme.resolve(p.theme.section.background);
    let mut seen_divider = false;
    for page in &pages[1..] {
        for (x, y, w, h, colour) in rects(page) {
            assert!(
                !(colour == divider && w > 100.0 && h > 50.0),
                "a solid divider block at {x},{y} ({w}×{h})"
            );
        }
        let r = runs(page);
        // The divider's title, large (the agenda's entry of the same name is body text).
        if let Some(title) = r
            .iter()
            .find(|x| x.0.contains("Pourquoi transformer la production") && x.3 > 9.0)
        {
            seen_divider = true;
            assert_eq!(title.4, divider, "the divider's title is not in its colour");
        }
        if let Some(body) = r.iter().find(|x| x.0.contains("Les usages des citoyens")) {
            assert!(body.3 >= 8.0, "body text at {} pt", body.3);
        }
    }
    assert!(seen_divider, "no divider thumbnail found");
}

/// A deck without notes: the trainer's copy gives lines to write on, not "no notes" under every
/// slide.
#[test]
fn a_deck_without_notes_gets_lines_not_no_notes() {
    let deck = Deck::markdown("---\ntitle: Sans notes\n---\n\n### Un\n\n- a\n\n### Deux\n\n- b\n");
    let pages = handout(&deck, diapo::layout::handout::HandoutMode::Notes);
    let text: String = pages.iter().map(page_words).collect();
    assert!(!text.contains("Pas de notes"), "{text}");
    assert_eq!(text.matches("VOS NOTES").count(), 3, "{text}");
    let lines = pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i.item, Item::Line(_)))
        .count();
    assert!(lines >= 18, "{lines} ruled lines");
}

fn leaflet_text(deck: &Deck) -> Vec<String> {
    handout(deck, diapo::layout::handout::HandoutMode::Leaflet)
        .iter()
        .map(|page| {
            runs(page)
                .into_iter()
                .map(|r| r.0)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// The leaflet is a synthesis: the opening box (objective, key figure, three gains, next step,
/// contact) on page 1, the parts with the notes that explain, nothing that was only for the
/// room, on two to four pages. Its selected content is kept as a snapshot.
#[test]
fn the_leaflet_is_a_synthesis() {
    let pages = leaflet_text(&Deck::fixture_path("decks/sensibilisation"));
    assert!((2..=4).contains(&pages.len()), "{} pages", pages.len());
    let first = &pages[0];
    let essentials = first.find("L’essentiel").expect("the opening box");
    for part in [
        "OBJECTIF",
        "Tout nouveau projet démarre sur Cloud Pi Native",
        "pour livrer plus vite",
        "CHIFFRE CLÉ",
        "80",
        "LES GAINS",
        "Cloud Pi souverain",
        "Homologation continue",
        "PROCHAINE ÉTAPE",
        "Identifier un projet candidat",
        "CONTACT",
        "cloudpinative-relations@interieur.gouv.fr",
    ] {
        let at = first
            .find(part)
            .unwrap_or_else(|| panic!("no {part:?} on page 1"));
        assert!(at > essentials, "{part:?} before the box");
    }
    let all = pages.join("\n");
    // The notes that explain are folded in; what directs the trainer, the logistics, the poll
    // and the opening questions are not.
    assert!(all.contains("Exemple de la crise Covid"));
    for gone in [
        "Format et destinataires",
        "Pourquoi me parle-t-on",
        "combien de temps faut-il",
        "Accueillir",
        "Demander à la salle",
        "environ 5 minutes",
        "Revenir au sondage",
        "Objectifs de la session",
        "La question est",
    ] {
        assert!(!all.contains(gone), "{gone:?} is in the leaflet");
    }
    insta::assert_snapshot!(
        "leaflet_sensibilisation",
        pages.join("\n\n---- page ----\n\n")
    );
}

/// The seed outline (a pasted word-processor outline) also makes a leaflet of two to four pages
/// that opens on its key points.
#[test]
fn the_seed_outline_makes_a_short_leaflet() {
    let seed = "../shared/seeds/sensibilisation-outline.md";
    if !std::path::Path::new(seed).is_file() {
        return;
    }
    let pages = leaflet_text(&Deck::fixture_path_or_file(seed));
    assert!((1..=4).contains(&pages.len()), "{} pages", pages.len());
    assert!(pages[0].contains("L’essentiel"), "{}", pages[0]);
}

/// A deck holding more than four pages of synthesis says so when its leaflet is built.
#[test]
fn a_leaflet_too_long_is_reported() {
    let mut text = String::from("---\ntitle: Trop long\n---\n\n");
    for part in 0..12 {
        text.push_str(&format!("# Partie {part}\n\n"));
        for slide in 0..6 {
            text.push_str(&format!("### Diapositive {part}.{slide}\n\n"));
            for point in 0..5 {
                text.push_str(&format!(
                    "- Un point assez long pour tenir une ligne entière, numéro {point}, de la diapositive {slide}\n"
                ));
            }
            text.push('\n');
        }
    }
    let deck = Deck::markdown(&text);
    let out = tempfile::tempdir().expect("temporary folder");
    let run = diapo()
        .args(["build"])
        .arg(deck.path())
        .args(["--format", "handout", "--handout", "leaflet", "--out"])
        .arg(out.path())
        .output()
        .expect("diapo build");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("the leaflet takes"), "{stderr}");
}

/// The bloc-marque as the charter draws it, in the slides PDF and the handouts' first page: the
/// symbol's space above RÉPUBLIQUE / FRANÇAISE, the ministry in capitals, the motto on three
/// lines without commas; clear space between it and the cover's content.
#[test]
fn the_bloc_marque_follows_the_charter_on_slides_and_paper() {
    let deck = Deck::markdown("---\ntitle: Marque\nbrand: interieur\n---\n\n### Un\n\nTexte.\n");
    let (p, pages) = laid_out(&deck);
    let r = runs(&pages[0]);
    let order: Vec<&str> = [
        "RÉPUBLIQUE",
        "FRANÇAISE",
        "MINISTÈRE DE L’INTÉRIEUR ET DES OUTRE-MER",
        "Liberté",
        "Égalité",
        "Fraternité",
    ]
    .to_vec();
    let ys: Vec<f32> = order.iter().map(|t| run_with(&r, t).2).collect();
    assert!(ys.windows(2).all(|w| w[1] > w[0] + 5.0), "{ys:?}");
    assert!(!r.iter().any(|x| x.0.contains("Liberté,")));
    // The symbol's space: the first line sits a symbol's height below the chrome's top.
    let size = p.theme.sizes.marque * 0.75;
    assert!(
        ys[0] - p.theme.chrome_top() * 0.75 > 1.6 * size,
        "{}",
        ys[0]
    );
    // Clear space: the cover's content (its bar and title) starts below the motto.
    let title = run_with(&r, "Marque");
    assert!(
        title.2 - title.3 > ys[5] + size,
        "the title crowds the bloc-marque"
    );
    // Other slides: the reduced form.
    let r = runs(&pages[1]);
    run_with(&r, "RÉPUBLIQUE FRANÇAISE");
    assert!(!r.iter().any(|x| x.0.contains("Fraternité")));
    // Handouts: the full form at the top of the first page.
    for mode in [
        diapo::layout::handout::HandoutMode::Notes,
        diapo::layout::handout::HandoutMode::ThreeUp,
        diapo::layout::handout::HandoutMode::Leaflet,
    ] {
        let pages = handout(&deck, mode);
        let r = runs(&pages[0]);
        let ys: Vec<f32> = order.iter().map(|t| run_with(&r, t).2).collect();
        assert!(ys.windows(2).all(|w| w[1] > w[0]), "{mode:?}: {ys:?}");
        let title = run_with(&r, "Marque");
        assert!(
            title.2 > ys[5] + 20.0,
            "{mode:?}: the title crowds the bloc-marque"
        );
    }
}
