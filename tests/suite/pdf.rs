//! The PDFs, read back as a reader would: page count and size, the text poppler extracts, the
//! fonts it sees (embedded and subset), the bookmarks, the links; the page model checked for
//! items outside their page; two builds byte-identical; pages rendered and checked not blank.

use crate::support::{diapo, Deck};
use diapo::layout::page::{Item, Page};
use diapo::layout::slides::{slide_pages, slides_document, PAGE_HEIGHT, PAGE_WIDTH};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `diapo build DECK --out OUT EXTRA…` at a fixed date; it must succeed.
pub(crate) fn build(deck: &str, out: &Path, extra: &[&str]) {
    diapo()
        .args(["build", deck, "--out"])
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1763769600")
        .assert()
        .success();
}

/// `handout.pdf` of `deck` in each of `modes`, built into `dir/<mode>/`: `(mode, path)`.
pub(crate) fn handouts<'m>(deck: &str, dir: &Path, modes: &[&'m str]) -> Vec<(&'m str, PathBuf)> {
    modes
        .iter()
        .map(|&mode| {
            let out = dir.join(mode);
            build(deck, &out, &["--format", "handout", "--handout", mode]);
            (mode, out.join("handout.pdf"))
        })
        .collect()
}

fn tool(name: &str) -> Option<String> {
    let path = format!("/usr/bin/{name}");
    if Path::new(&path).exists() {
        Some(path)
    } else {
        eprintln!("note: {name} (poppler-utils) is not installed; this check is skipped (apt-get install poppler-utils)");
        None
    }
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .output()
        .expect("run poppler");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text with every kind of space folded to one plain space, for comparisons.
pub(crate) fn folded(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{202f}' || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn slides_pdf_has_one_page_per_slide_with_the_text_fonts_and_bookmarks() {
    let dir = tempfile::tempdir().expect("temp dir");
    build("decks/sensibilisation", dir.path(), &["--format", "pdf"]);
    let pdf = dir.path().join("slides.pdf");
    let slides = Deck::fixture_path("decks/sensibilisation")
        .prepare()
        .deck
        .slides
        .len();

    let doc = lopdf::Document::load(&pdf).expect("lopdf reads slides.pdf");
    assert_eq!(doc.get_pages().len(), slides);
    // Bookmarks: the sections, each with its slides.
    let outlines = doc.catalog().and_then(|c| c.get(b"Outlines")).is_ok();
    assert!(outlines, "slides.pdf has an outline");

    if let Some(pdfinfo) = tool("pdfinfo") {
        let info = run(&pdfinfo, &[], &pdf);
        assert!(
            info.contains(&format!("Pages:           {slides}")),
            "{info}"
        );
        assert!(
            info.contains("Title:           Sensibilisation Cloud Pi Native"),
            "{info}"
        );
        assert!(info.contains("960 x 540 pts"), "16:9 pages: {info}");
    }
    if let Some(pdffonts) = tool("pdffonts") {
        let fonts = run(&pdffonts, &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name, type (2 words), encoding, emb, sub, uni, object, id
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "embedded, subset, unicode: {row}"
            );
        }
    }
    if let Some(pdftotext) = tool("pdftotext") {
        let out = Command::new(&pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = folded(&String::from_utf8_lossy(&out.stdout));
        for expected in [
            "Sensibilisation Cloud Pi Native",
            "Objectifs de la session",
            "Ce qui marche moins bien",
            "Recommanderiez-vous cette offre à un collègue ?",
            "« cloud au centre »",
            "80 %",
        ] {
            assert!(text.contains(expected), "pdftotext lacks {expected:?}");
        }
    }
    if let Some(pdftoppm) = tool("pdftoppm") {
        // Every page renders, and none is blank (a page of one colour).
        let png = dir.path().join("page");
        let status = Command::new(pdftoppm)
            .args(["-png", "-r", "20"])
            .arg(&pdf)
            .arg(&png)
            .status()
            .expect("pdftoppm");
        assert!(status.success());
        let mut pages = 0;
        for entry in std::fs::read_dir(dir.path()).expect("list") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "png") {
                pages += 1;
                let img = image::open(&path)
                    .expect("decode the rendered page")
                    .to_rgb8();
                let first = *img.get_pixel(0, img.height() / 2);
                let distinct = img.pixels().filter(|p| **p != first).count();
                assert!(distinct > 200, "{} looks blank", path.display());
            }
        }
        assert_eq!(pages, slides);
    }
}

#[test]
fn french_spaces_reach_the_pdf_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    build("decks/sensibilisation", dir.path(), &["--format", "pdf"]);
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let out = Command::new(pdftotext)
        .arg(dir.path().join("slides.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    // The narrow no-break space before "?" extracts as U+202F (or the font's space glyph).
    assert!(
        text.contains("\u{202f}?") || text.contains(" ?"),
        "no space before ? in the PDF text"
    );
    assert!(
        !text.contains("collègue?"),
        "a question mark glued to its word"
    );
}

#[test]
fn builds_are_byte_identical() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    build("decks/sensibilisation", a.path(), &[]);
    build("decks/sensibilisation", b.path(), &[]);
    for name in ["slides.html", "slides.pdf", "handout.pdf"] {
        let x = std::fs::read(a.path().join(name)).expect("first build");
        let y = std::fs::read(b.path().join(name)).expect("second build");
        assert!(x == y, "{name} differs between two builds of the same deck");
    }
}

/// The outputs of a deck with an image and every handout, built twice in fresh folders: without
/// `SOURCE_DATE_EPOCH` (the PDFs' date comes from the deck) and with it. Each pair is byte-identical;
/// between the two, only the PDFs' dates may differ, the HTML not at all.
#[test]
fn builds_with_images_are_byte_identical_with_or_without_source_date_epoch() {
    let run = |epoch: Option<&str>, handout: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut cmd = diapo();
        cmd.args([
            "build",
            "tests/fixtures/valid/image",
            "--handout",
            handout,
            "--out",
        ])
        .arg(dir.path());
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        cmd.assert().success();
        ["slides.html", "slides.pdf", "handout.pdf"]
            .map(|name| std::fs::read(dir.path().join(name)).expect("an output"))
    };
    for handout in ["notes", "3up", "leaflet"] {
        let unset = run(None, handout);
        assert!(unset == run(None, handout), "{handout}: two builds differ");
        let set = run(Some("1763769600"), handout);
        assert!(
            set == run(Some("1763769600"), handout),
            "{handout}: two builds differ"
        );
        assert!(unset[0] == set[0], "the HTML depends on SOURCE_DATE_EPOCH");
    }
}

#[test]
fn format_picks_the_outputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    build(
        "decks/sensibilisation",
        dir.path(),
        &["--format", "html,handout"],
    );
    assert!(dir.path().join("slides.html").exists());
    assert!(dir.path().join("handout.pdf").exists());
    assert!(!dir.path().join("slides.pdf").exists());
}

/// Every item of every slide page lies inside the page: nothing is drawn off the slide.
#[test]
fn no_item_leaves_its_slide_page() {
    for deck in [
        "decks/sensibilisation",
        "tests/fixtures/valid/layouts",
        "tests/fixtures/valid/long-list",
    ] {
        let p = Deck::fixture_path(deck).prepare();
        let (pages, _) = slide_pages(&p.render_ctx(0));
        assert_eq!(pages.len(), p.deck.slides.len());
        for (i, page) in pages.iter().enumerate() {
            assert_eq!((page.width, page.height), (PAGE_WIDTH, PAGE_HEIGHT));
            for (what, x0, y0, x1, y1) in extents(page) {
                assert!(
                    x0 >= -0.5 && y0 >= -0.5 && x1 <= page.width + 0.5 && y1 <= page.height + 0.5,
                    "{deck}: slide {} has {what} outside the page: ({x0:.1}, {y0:.1}) – ({x1:.1}, {y1:.1})",
                    i + 1
                );
            }
        }
    }
}

/// The box each item covers: text runs from their first glyph to the last glyph's advance.
fn extents(page: &Page) -> Vec<(String, f32, f32, f32, f32)> {
    page.items
        .iter()
        .filter_map(|p| {
            let (x, y) = (p.pos.x, p.pos.y);
            match &p.item {
                Item::Text(run) => {
                    let last = run.glyphs.last().map(|g| g.x).unwrap_or(0.0);
                    // The last glyph's own width is at most one em.
                    let right = x + last + run.size * 0.5;
                    Some((
                        format!("text {:?}", run.text),
                        x,
                        y - run.size * 0.8,
                        right.min(x + last + run.size),
                        y,
                    ))
                }
                Item::Rect(r) => Some((
                    "a box".to_string(),
                    x,
                    y,
                    x + r.size.width,
                    y + r.size.height,
                )),
                Item::Image(img) => Some((
                    "an image".to_string(),
                    x,
                    y,
                    x + img.size.width,
                    y + img.size.height,
                )),
                Item::Line(l) => Some((
                    "a line".to_string(),
                    x.min(x + l.end.x),
                    y.min(y + l.end.y),
                    x.max(x + l.end.x),
                    y.max(y + l.end.y),
                )),
                Item::Group(g) => Some((
                    "a group".to_string(),
                    x,
                    y,
                    x + g.scaled_size().width,
                    y + g.scaled_size().height,
                )),
                Item::Link(_) | Item::Open(_) | Item::Close => None,
            }
        })
        .collect()
}

#[test]
fn agenda_links_point_at_their_slides() {
    let p = Deck::fixture_path("decks/sensibilisation").prepare();
    let (pages, _) = slide_pages(&p.render_ctx(0));
    let doc = slides_document(&p.render_ctx(0), pages);
    let agenda = p
        .deck
        .slides
        .iter()
        .position(|s| s.layout == diapo::model::Layout::Agenda)
        .expect("an agenda slide");
    let targets: Vec<usize> = doc.pages[agenda]
        .items
        .iter()
        .filter_map(|i| match &i.item {
            Item::Link(l) => match l.target {
                diapo::layout::page::LinkTarget::Page(n) => Some(n),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert!(!targets.is_empty(), "the agenda has internal links");
    for t in targets {
        assert_eq!(
            p.deck.slides[t].layout,
            diapo::model::Layout::Section,
            "agenda link to slide {}",
            t + 1
        );
    }
    // Bookmarks: one entry per section at the top level, slides beneath.
    assert!(doc.outline.iter().any(|e| !e.children.is_empty()));
}

/// Typography reaches every output: no straight double quote and no `...` survives in the text
/// of the slides and of the three handouts of the sample deck and the seed outline (they hold no
/// code, where quotes stay as written).
#[test]
fn no_straight_quotes_or_three_dots_in_any_pdf() {
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let seed = "../shared/seeds/sensibilisation-outline.md";
    let mut decks = vec!["decks/sensibilisation"];
    if Path::new(seed).is_file() {
        decks.push(seed);
    }
    let mut found = Vec::new();
    for deck in decks {
        for mode in ["notes", "3up", "leaflet"] {
            let tmp = tempfile::tempdir().expect("temporary folder");
            build(deck, tmp.path(), &["--handout", mode]);
            for file in ["slides.pdf", "handout.pdf"] {
                let out = Command::new(&pdftotext)
                    .arg(tmp.path().join(file))
                    .arg("-")
                    .output()
                    .expect("pdftotext");
                let text = String::from_utf8_lossy(&out.stdout);
                for line in text
                    .lines()
                    .filter(|l| l.contains('"') || l.contains("..."))
                {
                    found.push(format!("{deck} {mode} {file}: {line}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A slide on a `notes` or `3up` handout is one group of the slide's own items, drawn at the
/// slide's size, scaled and clipped to the slide's box: once per slide, holding the slide's text;
/// placed once each, no slide is a form XObject of its own (each would be a stream apart).
#[test]
fn handout_thumbnails_are_slides_drawn_scaled() {
    use lopdf::content::Content;
    use lopdf::{Document, Object};
    let slides = Deck::fixture_path("decks/sensibilisation")
        .prepare()
        .deck
        .slides
        .len();
    let dir = tempfile::tempdir().expect("temp dir");
    for (mode, pdf) in handouts("decks/sensibilisation", dir.path(), &["notes", "3up"]) {
        let doc = Document::load(pdf).expect("a PDF lopdf reads");
        let forms = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"))
            .count();
        assert_eq!(forms, 0, "{mode}: a slide placed once is drawn in place");
        // Clipped boxes drawn at a thumbnail's scale, one per slide, with text at the slide's
        // size inside.
        let (mut thumbnails, mut scaled_text) = (0, 0);
        for page in doc.get_pages().into_values() {
            let content = Content::decode(&doc.get_page_content(page)).expect("content");
            // The scale of the current transformation (no rotation here), saved by `q`.
            let (mut scale, mut saved) = (1.0, Vec::new());
            for op in &content.operations {
                match op.operator.as_str() {
                    "q" => saved.push(scale),
                    "Q" => scale = saved.pop().expect("Q after q"),
                    "cm" => scale *= op.operands[0].as_float().expect("a number"),
                    "W" => {
                        assert!(scale > 0.2 && scale < 0.5, "{mode}: a clip at {scale}");
                        thumbnails += 1;
                    }
                    // The slides' text drawn small (3 to 7 pt), rescaled by hand, was on the
                    // pages before groups.
                    "Tf" => {
                        let size = op.operands[1].as_float().expect("a size");
                        assert!(size >= 7.0, "{mode}: text set at {size} pt");
                        if scale < 1.0 {
                            scaled_text += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(thumbnails, slides, "{mode}: one thumbnail per slide");
        assert!(
            scaled_text >= slides,
            "{mode}: {scaled_text} runs of slide text"
        );
    }
}

/// The display facts are computed once (`diapo::facts`): the HTML, the slides PDF and every
/// handout show the cover's duration and date in the same words.
#[test]
fn every_output_shows_the_same_cover_facts() {
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let first_page = |pdf: &Path| {
        let out = Command::new(&pdftotext)
            .args(["-l", "1"])
            .arg(pdf)
            .arg("-")
            .output()
            .expect("run pdftotext");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let deck = "tests/fixtures/valid/front-matter";
    let mut texts = Vec::new();
    for mode in ["notes", "3up", "leaflet"] {
        let out = dir.path().join(mode);
        build(deck, &out, &["--handout", mode]);
        texts.push((
            format!("{mode} handout"),
            first_page(&out.join("handout.pdf")),
        ));
        if mode == "notes" {
            texts.push(("slides PDF".into(), first_page(&out.join("slides.pdf"))));
            let html = std::fs::read_to_string(out.join("slides.html")).expect("slides.html");
            texts.push(("HTML".into(), html));
        }
    }
    for (what, text) in texts {
        let text = folded(&text);
        // The front matter says `duration: 1h30` and `date: 2025-03-14`.
        for shown in ["1 h 30", "14 mars 2025"] {
            assert!(text.contains(shown), "{what} lacks “{shown}”: {text}");
        }
        assert!(!text.contains("90 min"), "{what} says “90 min”");
    }
}
