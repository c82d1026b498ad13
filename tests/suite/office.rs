//! The editable decks (`slides.odp`, `slides.pptx`), read back: the packages themselves (zip
//! order, stored `mimetype`, well-formed XML, same bytes twice, notes, placeholders, alt texts,
//! a brand's master), then what the applications see — LibreOffice Impress (headless) converts
//! both to PDF: one page per slide, every title and body word on its page, pages that look like
//! `slides.pdf`'s; python-pptx finds each title in a title placeholder and the notes in the notes
//! slide. Without `soffice`, poppler or python-pptx those checks print a note and are skipped,
//! unless `DIAPO_REQUIRE_BROWSER=1` (CI): then they fail.

use crate::pdf::build;
use crate::support::{program, skip, Deck};
use diapo::render::office::{office_deck, Input, OfficeDeck};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed outline (a deck pasted from a word processor), kept as the issue asked for it.
const OUTLINE: &str = "tests/fixtures/office/sensibilisation-outline.md";

/// How alike a page rendered by Impress and the same page of `slides.pdf` must be: the share of
/// "ink" pixels (darker than near-white in either, at 20 dpi in grey, after a 3×3 blur) whose
/// greys differ by less than 48 of 255. Measured on the sample deck and the seed outline: 0.84 to
/// 1.00 a page, 0.975 on average, for both formats; two different slides of the same deck score
/// 0.01 to 0.85, 0.40 to 0.66 on average.
const PAGE_SIMILARITY: f64 = 0.75;
const DECK_SIMILARITY: f64 = 0.92;

/// The files of a zip, in order: name, stored (not compressed), bytes.
fn entries(path: &Path) -> Vec<(String, bool, Vec<u8>)> {
    let file = std::fs::File::open(path).expect("open the package");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("read an entry");
            (
                f.name().expect("an entry name").to_string(),
                f.compression() == zip::CompressionMethod::Stored,
                bytes,
            )
        })
        .collect()
}

fn part(entries: &[(String, bool, Vec<u8>)], name: &str) -> String {
    let bytes = entries
        .iter()
        .find(|(n, ..)| n == name)
        .map(|(.., b)| b.clone())
        .unwrap_or_else(|| panic!("no {name} in the package"));
    String::from_utf8(bytes).expect("UTF-8 XML")
}

/// Fails unless the XML is well-formed (every element closed, by its name).
fn well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
    }
}

/// Text as the writers escape it, to find it in the XML.
fn escaped(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The deck the writers were given, from the same preparation as `diapo build`.
fn office(deck: &str) -> OfficeDeck {
    let p = Deck::fixture_path_or_file(deck).prepare();
    let ctx = p.render_ctx(0);
    let (pages, _, _) = diapo::build::slide_pages(&p, &ctx);
    office_deck(&Input::of(&ctx, &pages))
}

fn paragraphs_text(paras: &[diapo::render::office::Para]) -> Vec<String> {
    paras
        .iter()
        .map(|p| p.runs.iter().map(|r| r.text.as_str()).collect())
        .collect()
}

/// The texts of the title placeholder's runs, trimmed (each run is an element of its own).
fn title_runs(slide: &diapo::render::office::OfficeSlide) -> Vec<String> {
    slide
        .shapes
        .iter()
        .filter_map(|s| match s {
            diapo::render::office::Shape::Text(f)
                if f.role == diapo::render::office::Role::Title =>
            {
                Some(f.paras.iter().flat_map(|p| p.runs.iter()))
            }
            _ => None,
        })
        .flatten()
        .map(|r| r.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn packages_are_well_formed_deterministic_and_hold_titles_and_notes() {
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    build("decks/sensibilisation", a.path(), &["--format", "odp,pptx"]);
    build("decks/sensibilisation", b.path(), &["--format", "odp,pptx"]);
    for file in ["slides.odp", "slides.pptx"] {
        let (x, y) = (
            std::fs::read(a.path().join(file)).expect("read"),
            std::fs::read(b.path().join(file)).expect("read"),
        );
        assert!(x == y, "{file}: two builds differ");
    }
    assert!(!a.path().join("slides.pdf").exists(), "--format picks");
    let expected = office("decks/sensibilisation");
    let slides = expected.slides.len();
    assert_eq!(slides, 28);

    // ODP: `mimetype` first and stored, then well-formed parts; one page and one notes page per
    // slide; each title in a title placeholder; the notes in the notes page.
    let odp = entries(&a.path().join("slides.odp"));
    assert_eq!(odp[0].0, "mimetype");
    assert!(odp[0].1, "mimetype is stored");
    assert_eq!(odp[0].2, b"application/vnd.oasis.opendocument.presentation");
    for (name, _, bytes) in &odp {
        if name.ends_with(".xml") {
            well_formed(name, &String::from_utf8_lossy(bytes));
        }
    }
    let content = part(&odp, "content.xml");
    assert_eq!(content.matches("<draw:page ").count(), slides);
    assert_eq!(content.matches("<presentation:notes").count(), slides);
    assert!(content.contains("fo:language=\"fr\" fo:country=\"FR\""));
    let styles = part(&odp, "styles.xml");
    for master in ["Titre", "Section", "Contenu"] {
        assert!(styles.contains(&format!("style:master-page style:name=\"{master}\"")));
    }
    assert!(styles.contains("<text:page-number>"), "slide number field");
    assert!(styles.contains("<presentation:footer/>"), "footer field");
    let pages: Vec<&str> = content.split("<draw:page ").skip(1).collect();
    for (i, (page, slide)) in pages.iter().zip(&expected.slides).enumerate() {
        if slide.title_text().is_some() {
            let at = page
                .find("presentation:class=\"title\"")
                .unwrap_or_else(|| panic!("slide {}: no title placeholder", i + 1));
            for run in title_runs(slide) {
                assert!(
                    page[at..].contains(&escaped(&run)),
                    "slide {}: {run}",
                    i + 1
                );
            }
        }
        let notes = page.split("<presentation:notes").nth(1).unwrap_or("");
        for line in paragraphs_text(&slide.notes) {
            assert!(
                notes.contains(&escaped(line.split("  ").next().unwrap_or(""))),
                "slide {}: notes page lacks {line}",
                i + 1
            );
        }
    }
    // Agenda entries link to their slides.
    assert!(content.contains("xlink:href=\"#page8\""), "agenda link");

    // PPTX: well-formed parts, one slide and one notes slide per slide, titles in title
    // placeholders, notes in the notes slide's body, slide links as slide jumps.
    let pptx = entries(&a.path().join("slides.pptx"));
    assert_eq!(pptx[0].0, "[Content_Types].xml");
    for (name, _, bytes) in &pptx {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, &String::from_utf8_lossy(bytes));
        }
    }
    let types = part(&pptx, "[Content_Types].xml");
    for (i, slide) in expected.slides.iter().enumerate() {
        let n = i + 1;
        assert!(types.contains(&format!("/ppt/slides/slide{n}.xml")));
        let xml = part(&pptx, &format!("ppt/slides/slide{n}.xml"));
        if slide.title_text().is_some() {
            assert!(
                xml.contains("<p:ph type=\"title\"/>") || xml.contains("<p:ph type=\"ctrTitle\"/>"),
                "slide {n}: no title placeholder"
            );
            for run in title_runs(slide) {
                assert!(xml.contains(&escaped(&run)), "slide {n}: {run}");
            }
        }
        assert!(xml.contains("lang=\"fr-FR\""));
        let notes = part(&pptx, &format!("ppt/notesSlides/notesSlide{n}.xml"));
        for line in paragraphs_text(&slide.notes) {
            assert!(
                notes.contains(&escaped(&line)),
                "slide {n}: notes slide lacks {line}"
            );
        }
    }
    let agenda = part(&pptx, "ppt/slides/slide7.xml");
    assert!(agenda.contains("ppaction://hlinksldjump"), "agenda link");
    assert!(part(&pptx, "ppt/slides/_rels/slide7.xml.rels").contains("Target=\"slide8.xml\""));
}

#[test]
fn images_are_stored_once_with_their_alt_text_and_a_brand_gives_its_master() {
    let dir = tempfile::tempdir().expect("temp dir");
    build(
        "tests/fixtures/valid/image",
        dir.path(),
        &["--format", "odp,pptx"],
    );
    let odp = entries(&dir.path().join("slides.odp"));
    let pictures: Vec<_> = odp
        .iter()
        .filter(|(n, ..)| n.starts_with("Pictures/"))
        .collect();
    assert_eq!(
        pictures.len(),
        1,
        "one file for the image shown three times"
    );
    let content = part(&odp, "content.xml");
    assert!(content.contains(&format!(
        "<svg:desc>{}</svg:desc>",
        escaped("Schéma du socle")
    )));
    assert!(content.contains(&format!(
        "<svg:title>{}</svg:title>",
        escaped("Le socle Cloud Pi Native")
    )));
    let pptx = entries(&dir.path().join("slides.pptx"));
    assert_eq!(
        pptx.iter()
            .filter(|(n, ..)| n.starts_with("ppt/media/"))
            .count(),
        1
    );
    let all: String = (1..=4)
        .filter_map(|n| {
            pptx.iter()
                .find(|(name, ..)| *name == format!("ppt/slides/slide{n}.xml"))
                .map(|(.., b)| String::from_utf8_lossy(b).into_owned())
        })
        .collect();
    assert!(all.contains(&format!("descr=\"{}\"", escaped("Schéma du socle"))));

    // A brand: its name in the bloc-marque of the masters, its logo stored once.
    let branded = tempfile::tempdir().expect("temp dir");
    build(
        "decks/sensibilisation",
        branded.path(),
        &["--format", "odp,pptx", "--brand", "justice"],
    );
    let out = branded.path().join("justice");
    let pptx = entries(&out.join("slides.pptx"));
    let master = part(&pptx, "ppt/slideMasters/slideMaster1.xml");
    assert!(
        master.contains(&escaped("MINISTÈRE DE LA JUSTICE")),
        "bloc-marque"
    );
    assert!(master.contains(&escaped("Logo d’exemple du ministère de la Justice")));
    assert!(master.contains("type=\"sldNum\"") && master.contains("type=\"ftr\""));
    let odp = entries(&out.join("slides.odp"));
    let styles = part(&odp, "styles.xml");
    assert!(styles.contains(&escaped("MINISTÈRE DE LA JUSTICE")));
    assert_eq!(
        odp.iter()
            .filter(|(n, ..)| n.starts_with("Pictures/"))
            .count(),
        1,
        "the logo, once"
    );
}

/// A grey page of `pdftoppm -pgm`: width, height, pixels.
fn pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).expect("read the PGM");
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, bytes[i + 1..].to_vec())
}

/// A 3×3 box blur: a line of text moved by a pixel still overlaps itself.
fn blurred((w, h, px): &(usize, usize, Vec<u8>)) -> Vec<u8> {
    let mut out = vec![0u8; w * h];
    for y in 0..*h {
        for x in 0..*w {
            let (mut sum, mut n) = (0u32, 0u32);
            for dy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for dx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    sum += u32::from(px[dy * w + dx]);
                    n += 1;
                }
            }
            out[y * w + x] = (sum / n) as u8;
        }
    }
    out
}

/// See [`PAGE_SIMILARITY`].
fn similarity(a: &(usize, usize, Vec<u8>), b: &(usize, usize, Vec<u8>)) -> f64 {
    assert_eq!((a.0, a.1), (b.0, b.1), "pages of the same size");
    let (a, b) = (blurred(a), blurred(b));
    let (mut ink, mut alike) = (0u32, 0u32);
    for (p, q) in a.iter().zip(&b) {
        if *p < 235 || *q < 235 {
            ink += 1;
            if p.abs_diff(*q) < 48 {
                alike += 1;
            }
        }
    }
    if ink == 0 {
        1.0
    } else {
        f64::from(alike) / f64::from(ink)
    }
}

fn pages_of(pdftoppm: &Path, pdf: &Path, dir: &Path) -> Vec<(usize, usize, Vec<u8>)> {
    std::fs::create_dir_all(dir).expect("folder");
    let ok = Command::new(pdftoppm)
        .args(["-gray", "-r", "20"])
        .arg(pdf)
        .arg(dir.join("p"))
        .status()
        .expect("pdftoppm")
        .success();
    assert!(ok, "pdftoppm {}", pdf.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.iter().map(|f| pgm(f)).collect()
}

fn pdftotext_page(pdftotext: &Path, pdf: &Path, page: usize) -> String {
    let out = Command::new(pdftotext)
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of a text: letters and digits, so that spaces, hyphens and quotes compare alike.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn libreoffice_opens_both_and_renders_them_like_the_slides_pdf() {
    let Some(soffice) = program("soffice", "apt-get install libreoffice-impress") else {
        return;
    };
    let (Some(pdftotext), Some(pdftoppm)) = (
        program("pdftotext", "apt-get install poppler-utils"),
        program("pdftoppm", "apt-get install poppler-utils"),
    ) else {
        return;
    };
    let root = std::env::current_dir().expect("cwd");
    // Impress draws with the faces the PDF embeds: the bundled fonts, through fontconfig.
    let work = tempfile::tempdir().expect("temp dir");
    let fonts_conf = work.path().join("fonts.conf");
    std::fs::write(
        &fonts_conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            root.join("fonts").display(),
            work.path().join("fc-cache").display()
        ),
    )
    .expect("fonts.conf");
    for deck in ["decks/sensibilisation", OUTLINE] {
        let out = work.path().join(words(deck).join("-"));
        build(deck, &out, &["--format", "pdf,odp,pptx"]);
        let expected = office(deck);
        let p = Deck::fixture_path_or_file(deck).prepare();
        let reference = pages_of(&pdftoppm, &out.join("slides.pdf"), &out.join("ref"));
        for format in ["odp", "pptx"] {
            // Its own profile: parallel runs of soffice would otherwise wait on each other.
            let profile = work.path().join(format!("profile-{format}"));
            let converted = out.join(format!("converted-{format}"));
            let status = Command::new(&soffice)
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.display()
                ))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&converted)
                .arg(out.join(format!("slides.{format}")))
                .env("FONTCONFIG_FILE", &fonts_conf)
                .output()
                .expect("soffice");
            let pdf = converted.join("slides.pdf");
            assert!(
                pdf.is_file(),
                "{deck}: Impress did not convert slides.{format}: {}",
                String::from_utf8_lossy(&status.stderr)
            );
            let rendered = pages_of(&pdftoppm, &pdf, &out.join(format!("pages-{format}")));
            assert_eq!(
                rendered.len(),
                expected.slides.len(),
                "{deck}: slides.{format} has one page per slide"
            );
            for (i, slide) in p.deck.slides.iter().enumerate() {
                let text = words(&pdftotext_page(&pdftotext, &pdf, i + 1));
                let title = expected.slides[i].title_text().unwrap_or_default();
                for word in words(&title).into_iter().chain(words(&slide.body.text())) {
                    assert!(
                        text.contains(&word),
                        "{deck}: slides.{format} page {}: no “{word}” in {text:?}",
                        i + 1
                    );
                }
            }
            let scores: Vec<f64> = reference
                .iter()
                .zip(&rendered)
                .map(|(a, b)| similarity(a, b))
                .collect();
            let mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
            eprintln!(
                "{deck}: slides.{format} against slides.pdf: mean {mean:.3}, pages {}",
                scores
                    .iter()
                    .map(|s| format!("{s:.2}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            for (i, s) in scores.iter().enumerate() {
                assert!(
                    *s >= PAGE_SIMILARITY,
                    "{deck}: slides.{format} page {} looks unlike slides.pdf's ({s:.3})",
                    i + 1
                );
            }
            assert!(
                mean >= DECK_SIMILARITY,
                "{deck}: slides.{format} looks unlike slides.pdf ({mean:.3})"
            );
        }
    }
}

/// What python-pptx reads: the title placeholder's text and the notes, per slide.
const PPTX_READER: &str = r#"
import json, sys
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
deck = Presentation(sys.argv[1])
for slide in deck.slides:
    title = slide.shapes.title
    kind = None
    if title is not None:
        kind = str(title.placeholder_format.type)
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
    print(json.dumps({"title": title.text if title is not None else None, "kind": kind,
                      "notes": notes, "layout": slide.slide_layout.name}))
"#;

#[test]
fn python_pptx_finds_the_titles_in_title_placeholders_and_the_notes_in_notes_slides() {
    let Some(python) = program("python3", "apt-get install python3") else {
        return;
    };
    let has_pptx = Command::new(&python)
        .args(["-c", "import pptx"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_pptx {
        skip("python-pptx is not installed (pip install python-pptx)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for deck in ["decks/sensibilisation", OUTLINE] {
        let out = dir.path().join(words(deck).join("-"));
        build(deck, &out, &["--format", "pptx"]);
        let expected = office(deck);
        let read = Command::new(&python)
            .args(["-c", PPTX_READER])
            .arg(out.join("slides.pptx"))
            .output()
            .expect("python3");
        assert!(
            read.status.success(),
            "python-pptx cannot read {deck}'s slides.pptx: {}",
            String::from_utf8_lossy(&read.stderr)
        );
        let slides: Vec<serde_json::Value> = String::from_utf8_lossy(&read.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect();
        assert_eq!(slides.len(), expected.slides.len());
        for (i, (got, want)) in slides.iter().zip(&expected.slides).enumerate() {
            if let Some(title) = want.title_text() {
                assert_eq!(
                    got["title"].as_str(),
                    Some(title.as_str()),
                    "slide {}",
                    i + 1
                );
                let kind = got["kind"].as_str().unwrap_or_default();
                assert!(
                    kind.contains("TITLE"),
                    "slide {}: title in a {kind} placeholder",
                    i + 1
                );
            }
            let notes = paragraphs_text(&want.notes).join("\n");
            assert_eq!(
                got["notes"].as_str().unwrap_or_default(),
                notes,
                "slide {}: notes",
                i + 1
            );
        }
    }
}

#[test]
fn a_diagram_s_placeholder_is_on_the_slide_and_its_source_on_the_notes_page() {
    let deck = office("tests/fixtures/valid/diagrams");
    let slide = &deck.slides[1];
    let shown: String = slide
        .shapes
        .iter()
        .filter_map(|s| match s {
            diapo::render::office::Shape::Text(f) => Some(paragraphs_text(&f.paras).join(" ")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("Diagramme Mermaid — non dessiné"), "{shown}");
    for bit in ["graph TD", "-->", "<br"] {
        assert!(!shown.contains(bit), "the slide shows {bit:?}: {shown}");
    }
    // The notes page: the source line for line, its indentation kept, in the monospaced font.
    let notes = paragraphs_text(&slide.notes);
    assert_eq!(
        notes[..4],
        [
            "graph TD",
            "A[Dépôt<br/>de la demande] --> B{Complète ?}",
            "B -->|Oui| C[Instruction]",
            "B -->|Non| D[Relance]",
        ]
    );
    assert!(slide.notes[0].runs.iter().all(|r| r.code));
    assert_eq!(notes[4], "Présenter les étapes une à une.");
    let sequence = paragraphs_text(&deck.slides[3].notes);
    assert_eq!(sequence[1], "    Usager->>Guichet: dépose<br/>sa demande");
}
