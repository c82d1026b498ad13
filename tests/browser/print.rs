//! Printing (what "Save as PDF" gives a trainer): one 16:9 page per slide, every fragment shown,
//! read back with lopdf. The PDF is kept as `target/browser-artefacts/sensibilisation.pdf`.

use crate::support::{artefacts, deck, Page, SAMPLE};
use headless_chrome::types::PrintToPdfOptions;

#[test]
fn printing_gives_one_page_per_slide() {
    let Some(page) = Page::open(&deck(SAMPLE), "", (1280, 720)) else {
        return;
    };
    let total = page.total();
    // Printed from the middle of a slide, one fragment of several shown: the print has them all.
    let notes: String = page.eval(
        "(document.querySelector('.reveal .slides > section aside.notes') || { textContent: '' }).textContent",
    );
    let (k, fragments): (usize, Vec<String>) = page.eval(
        "(function () {
           var slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
           var k = slides.findIndex(function (s) { return s.querySelectorAll('.fragment').length >= 2; });
           return [k + 1, k < 0 ? [] : Array.from(slides[k].querySelectorAll('.fragment')).map(function (f) { return f.textContent; })];
         })()",
    );
    assert!(k >= 1, "the sample deck has a slide with fragments");
    page.goto(k, Some(1));
    let pdf = page
        .tab
        .print_to_pdf(Some(PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            print_background: Some(true),
            ..PrintToPdfOptions::default()
        }))
        .expect("Page.printToPDF");
    let path = artefacts().join("sensibilisation.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{}: {e}", path.display()));

    let doc = lopdf::Document::load_mem(&pdf).expect("Chromium's PDF reads back");
    let pages = doc.get_pages();
    assert_eq!(
        pages.len(),
        total,
        "one page per slide ({})",
        path.display()
    );
    // 1280×720 CSS pixels are 960×540 points.
    for (number, id) in &pages {
        let media = doc
            .get_object(*id)
            .and_then(|o| o.as_dict())
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(|m| m.as_array())
            .expect("a MediaBox on every page");
        let size: Vec<f32> = media
            .iter()
            .map(|v| v.as_float().expect("a number"))
            .collect();
        assert!(
            (size[2] - size[0] - 960.0).abs() < 1.0 && (size[3] - size[1] - 540.0).abs() < 1.0,
            "page {number} is {size:?}, not 960×540 pt"
        );
    }

    // Notes are for the presenter, not the handout a print gives.
    let first = flat(
        &doc.extract_text(&[1])
            .unwrap_or_else(|e| panic!("no text on page 1: {e}")),
    );
    assert!(!first.is_empty(), "no text on page 1");
    let note: String = flat(&notes).chars().take(40).collect();
    assert!(!note.is_empty(), "slide 1 of the sample has notes");
    assert!(!first.contains(&note), "page 1 prints the notes: {first:?}");

    // That slide's page holds every fragment, shown or not on screen.
    let text = doc
        .extract_text(&[k as u32])
        .unwrap_or_else(|e| panic!("no text on page {k}: {e}"));
    let text = flat(&text);
    for fragment in &fragments {
        assert!(
            text.contains(&flat(fragment)),
            "page {k} lacks {fragment:?}: {text:?}"
        );
    }
}

/// Words separated by single spaces (PDF text has its own spacing and line breaks; the narrow
/// no-break spaces of French typography are white space too).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
