//! The PDF engine end to end: page model -> write_pdf -> read back with lopdf and, when
//! poppler-utils is installed, with pdffonts and pdftotext (what users' viewers will see).
//!
//! Set `DIAPO_KEEP_PDF=/some/file.pdf` to keep the sample document for a visual check
//! (`pdftoppm -png -r 50 /some/file.pdf /tmp/page`).

use std::io::Cursor;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use diapo::layout::fonts::{Family, FontBook, Weight};
use diapo::layout::page::{
    DocMeta, Document, Group, ImageItem, Item, LineShape, LinkArea, LinkTarget, OutlineEntry, Page,
    Pixels, Point, Raster, Rectangle, Rgb, Size, Stroke,
};
use diapo::layout::text::{layout, Align, Span, TextOptions, TextStyle};
use diapo::render::pdf::{write_pdf, PdfError};
use lopdf::{Object, ObjectId};

const TITLE: &str = "Sécurité numérique\u{202F}: « les bons réflexes »";
const BODY: &str = "Chaque agent est un maillon de la chaîne\u{202F}; l’hameçonnage — \
    qu’il vise un cœur de métier ou une œuvre sociale — commence souvent par un courriel… \
    anticonstitutionnellement long.";

fn style(family: Family, weight: Weight, size: f32, colour: Rgb) -> TextStyle {
    TextStyle {
        family,
        weight,
        italic: false,
        size,
        colour,
        link: None,
    }
}

/// A 4×4 PNG made with the `image` crate, decoded back as a layout caller would.
fn tiny_png_raster() -> Raster {
    let img = image::RgbaImage::from_fn(4, 4, |x, y| {
        if (x + y) % 2 == 0 {
            image::Rgba([0, 0, 0x91, 255])
        } else {
            image::Rgba([0xe1, 0, 0x0f, 128])
        }
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let decoded = image::load_from_memory(&png).unwrap().to_rgba8();
    let (w, h) = decoded.dimensions();
    Raster::new(w, h, Pixels::Rgba8(decoded.into_raw())).unwrap()
}

fn sample_document(fonts: &FontBook) -> Document {
    let blue = Rgb::parse_hex("#000091").unwrap();
    let mut first = Page::new(960.0, 540.0);
    first.push(
        Point::new(0.0, 0.0),
        Item::Rect(Rectangle::filled(
            Size::new(960.0, 540.0),
            Rgb::parse_hex("#f5f5fe").unwrap(),
        )),
    );
    let title = layout(
        fonts,
        &[Span::new(
            TITLE,
            style(Family::Serif, Weight::Bold, 40.0, blue),
        )],
        &TextOptions::new(860.0),
    );
    first.items.extend(title.to_items(Point::new(50.0, 40.0)));
    first.push(
        Point::new(50.0, 40.0 + title.height + 8.0),
        Item::Line(LineShape {
            end: Point::new(860.0, 0.0),
            stroke: Stroke {
                colour: blue,
                width: 2.0,
            },
        }),
    );
    let link = TextStyle {
        link: Some("https://cyber.gouv.fr/".into()),
        ..style(Family::Sans, Weight::Semibold, 22.0, blue)
    };
    let body = layout(
        fonts,
        &[
            Span::new(BODY, style(Family::Sans, Weight::Regular, 22.0, Rgb::BLACK)),
            Span::new(" Voir le site de l’ANSSI.", link),
        ],
        &TextOptions {
            lang: diapo::layout::text::Lang::Fr,
            align: Align::Left,
            ..TextOptions::new(560.0)
        },
    );
    first.push(
        Point::new(40.0, 140.0),
        Item::Rect(Rectangle {
            size: Size::new(580.0, body.height + 20.0),
            fill: Some(Rgb::WHITE),
            stroke: Some(Stroke {
                colour: blue,
                width: 1.5,
            }),
            radius: 12.0,
        }),
    );
    first.items.extend(body.to_items(Point::new(50.0, 150.0)));
    first.push(
        Point::new(680.0, 150.0),
        Item::Image(ImageItem {
            image: Arc::new(tiny_png_raster()),
            size: Size::new(200.0, 200.0),
        }),
    );
    let next = layout(
        fonts,
        &[Span::new(
            "Page suivante →",
            style(Family::Sans, Weight::Bold, 18.0, blue),
        )],
        &TextOptions {
            align: Align::Right,
            ..TextOptions::new(300.0)
        },
    );
    first.items.extend(next.to_items(Point::new(610.0, 480.0)));
    first.push(
        Point::new(610.0, 480.0),
        Item::Link(LinkArea {
            size: Size::new(300.0, next.height),
            target: LinkTarget::Page(1),
        }),
    );

    let mut second = Page::new(960.0, 540.0);
    let code = layout(
        fonts,
        &[Span::new(
            "fn main() {\n\tprintln!(\"Deuxième page\");\n}",
            style(Family::Mono, Weight::Regular, 20.0, Rgb::BLACK),
        )],
        &TextOptions::new(860.0),
    );
    second.items.extend(code.to_items(Point::new(50.0, 50.0)));

    let mut intro = OutlineEntry::new("Introduction", 0);
    intro.children = vec![
        OutlineEntry::new("Les bons réflexes", 0),
        OutlineEntry::new("Exemple de code", 1),
    ];
    Document {
        pages: vec![first, second],
        outline: vec![intro, OutlineEntry::new("Conclusion « fin »", 1)],
        meta: DocMeta {
            title: "Sensibilisation à la sécurité".into(),
            author: "Équipe SSI".into(),
            subject: "Formation des agents".into(),
            lang: "fr-FR".into(),
            created: 1_700_000_000,
        },
    }
}

fn sample_pdf() -> Vec<u8> {
    let fonts = FontBook::new();
    let bytes = write_pdf(&sample_document(&fonts), &fonts).unwrap();
    if let Ok(path) = std::env::var("DIAPO_KEEP_PDF") {
        std::fs::write(path, &bytes).unwrap();
    }
    bytes
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (ASCII here).
fn text(obj: &Object) -> String {
    let bytes = obj.as_str().unwrap();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        None => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn dict(doc: &lopdf::Document, id: ObjectId) -> &lopdf::Dictionary {
    doc.get_dictionary(id).unwrap()
}

/// Titles of an outline level and, recursively, of its children.
fn outline_titles(doc: &lopdf::Document, first: Option<ObjectId>) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        let item = dict(doc, id);
        let children = outline_titles(doc, item.get(b"First").and_then(Object::as_reference).ok())
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        out.push((text(item.get(b"Title").unwrap()), children));
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
    out
}

#[test]
fn reads_back_with_lopdf() {
    let bytes = sample_pdf();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 2);

    let catalog = doc.catalog().unwrap();
    assert_eq!(text(catalog.get(b"Lang").unwrap()), "fr-FR");
    let info = dict(
        &doc,
        doc.trailer.get(b"Info").unwrap().as_reference().unwrap(),
    );
    assert_eq!(
        text(info.get(b"Title").unwrap()),
        "Sensibilisation à la sécurité"
    );
    assert_eq!(text(info.get(b"Author").unwrap()), "Équipe SSI");
    assert_eq!(
        text(info.get(b"CreationDate").unwrap()),
        "D:20231114221320+00'00'"
    );
    assert!(info.get(b"GTS_PDFXVersion").is_err());

    let outlines = dict(
        &doc,
        catalog.get(b"Outlines").unwrap().as_reference().unwrap(),
    );
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 4);
    let first = outlines.get(b"First").unwrap().as_reference().ok();
    assert_eq!(
        outline_titles(&doc, first),
        [
            (
                "Introduction".to_string(),
                vec![
                    "Les bons réflexes".to_string(),
                    "Exemple de code".to_string()
                ]
            ),
            ("Conclusion « fin »".to_string(), vec![]),
        ]
    );

    // Page 1: one external link (from the linked span), one internal link to page 2.
    let page1 = dict(&doc, pages[&1]);
    let annots = page1.get(b"Annots").unwrap().as_array().unwrap();
    let mut uris = Vec::new();
    let mut gotos = Vec::new();
    for annot in annots {
        let annot = match annot {
            Object::Reference(id) => dict(&doc, *id),
            Object::Dictionary(d) => d,
            other => panic!("unexpected annotation {other:?}"),
        };
        assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
        let action = annot.get(b"A").unwrap().as_dict().unwrap();
        match action.get(b"S").unwrap().as_name().unwrap() {
            b"URI" => uris.push(text(action.get(b"URI").unwrap())),
            b"GoTo" => {
                let dest = action.get(b"D").unwrap().as_array().unwrap();
                gotos.push(dest[0].as_reference().unwrap());
            }
            other => panic!("unexpected action {other:?}"),
        }
    }
    assert_eq!(uris, ["https://cyber.gouv.fr/"]);
    assert_eq!(gotos, [pages[&2]]);
}

#[test]
fn output_is_deterministic() {
    let a = sample_pdf();
    // A fresh font book and document, built again from scratch.
    let b = sample_pdf();
    if let Some(at) = a.iter().zip(&b).position(|(x, y)| x != y) {
        let context = |v: &[u8]| {
            String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())]).into_owned()
        };
        panic!(
            "outputs differ at byte {at}:\n{}\n---\n{}",
            context(&a),
            context(&b)
        );
    }
    assert_eq!(a.len(), b.len());
    // Small: fonts are subset, not embedded whole (the faces are 250–420 KB each).
    assert!(a.len() < 80_000, "{} bytes", a.len());
}

#[test]
fn errors_instead_of_broken_files() {
    let fonts = FontBook::new();
    let mut doc = sample_document(&fonts);
    doc.outline.push(OutlineEntry::new("Nowhere", 7));
    assert_eq!(
        write_pdf(&doc, &fonts),
        Err(PdfError::MissingPage {
            target: 7,
            pages: 2
        })
    );
    let mut doc = sample_document(&fonts);
    doc.pages[1].width = f32::NAN;
    assert_eq!(write_pdf(&doc, &fonts), Err(PdfError::PageSize { page: 1 }));
}

fn tool(name: &str) -> Option<String> {
    let path = format!("/usr/bin/{name}");
    Path::new(&path).exists().then_some(path)
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn fonts_are_embedded_subsets() {
    let Some(pdffonts) = tool("pdffonts") else {
        eprintln!("pdffonts not installed; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, sample_pdf()).unwrap();
    let listing = run(&pdffonts, &[path.to_str().unwrap()]);
    // name type encoding emb sub uni object ID
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    // Serif bold, Sans regular and semibold and bold, Mono, and a fallback face for the arrow.
    assert!(rows.len() >= 4, "{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{row}"
        );
    }
}

#[test]
fn text_extracts_with_accents_and_guillemets() {
    let Some(pdftotext) = tool("pdftotext") else {
        eprintln!("pdftotext not installed; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.pdf");
    std::fs::write(&path, sample_pdf()).unwrap();
    let extracted = run(&pdftotext, &[path.to_str().unwrap(), "-"]);
    let normalised = extracted.replace(['\u{202F}', '\u{A0}'], " ");
    for expected in [
        "Sécurité numérique : « les bons réflexes »",
        "maillon de la chaîne ;",
        "l’hameçonnage —",
        "cœur de métier",
        "une œuvre sociale",
        "courriel…",
        "Voir le site de l’ANSSI.",
        "Page suivante →",
        "println!(\"Deuxième page\");",
    ] {
        assert!(
            normalised.contains(expected),
            "{expected:?} not in:\n{extracted}"
        );
    }
}

/// The page model is what layout promises; snapshot it rather than PDF bytes.
/// Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).
#[test]
fn page_model_snapshot() {
    let fonts = FontBook::new();
    let blue = Rgb::parse_hex("#000091").unwrap();
    let block = layout(
        &fonts,
        &[
            Span::new(
                "Dites «\u{202F}oui\u{202F}» à l’",
                style(Family::Sans, Weight::Regular, 12.0, Rgb::BLACK),
            ),
            Span::new(
                "AVIS",
                TextStyle {
                    link: Some("https://example.org".into()),
                    ..style(Family::Sans, Weight::Bold, 12.0, blue)
                },
            ),
        ],
        &TextOptions::new(90.0),
    );
    let mut page = Page::new(120.0, 60.0);
    page.items.extend(block.to_items(Point::new(10.0, 10.0)));
    insta::assert_yaml_snapshot!(page);
}

#[test]
fn brand_fonts_and_missing_glyphs() {
    let mut fonts = FontBook::new();
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/source-serif-4/SourceSerif4-It.ttf");
    fonts
        .add_font(
            Family::Sans,
            Weight::Bold,
            false,
            std::fs::read(path).unwrap(),
        )
        .unwrap();
    let block = layout(
        &fonts,
        &[Span::new(
            "Marque 中",
            style(Family::Sans, Weight::Bold, 30.0, Rgb::BLACK),
        )],
        &TextOptions::new(500.0),
    );
    assert_eq!(block.missing, ['中']);
    let mut page = Page::new(300.0, 100.0);
    page.items.extend(block.to_items(Point::new(10.0, 10.0)));
    let doc = Document {
        pages: vec![page],
        ..Document::default()
    };
    let bytes = write_pdf(&doc, &fonts).unwrap();
    let (Some(pdffonts), Some(pdftotext)) = (tool("pdffonts"), tool("pdftotext")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brand.pdf");
    std::fs::write(&file, bytes).unwrap();
    let listing = run(&pdffonts, &[file.to_str().unwrap()]);
    assert!(listing.contains("+SourceSerif4-It "), "{listing}");
    // The box drawn for the missing character extracts as U+FFFD, not as some other text.
    let text = run(&pdftotext, &[file.to_str().unwrap(), "-"]);
    assert_eq!(text.trim(), "Marque \u{FFFD}");
}

/// The XObject names a content stream draws with `Do`, in order.
fn drawn(content: &[u8]) -> Vec<String> {
    lopdf::content::Content::decode(content)
        .unwrap()
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .map(|op| String::from_utf8_lossy(op.operands[0].as_name().unwrap()).into_owned())
        .collect()
}

/// A group placed twice (the same items) is one form XObject, drawn once and placed twice, its
/// text extractable at both places; a group placed once is drawn in place, scaled and clipped to
/// its box, its glyphs (used nowhere else) embedded and extractable too.
#[test]
fn a_group_placed_twice_is_one_form() {
    let fonts = FontBook::new();
    let mut pages = sample_document(&fonts).pages;
    let items: Vec<_> = pages
        .remove(0)
        .items
        .into_iter()
        .filter(|p| !matches!(p.item, Item::Link(_)))
        .collect();
    // The second page's code, in a font and glyphs the first page does not use.
    let code = Arc::new(pages.remove(0).items);
    let group = |items: &Arc<Vec<_>>, scale: f32| {
        Item::Group(Group {
            size: Size::new(960.0, 540.0),
            scale,
            items: items.clone(),
        })
    };
    let shared = Arc::new(items);
    let mut page = Page::new(595.0, 842.0);
    page.push(Point::new(50.0, 50.0), group(&shared, 0.25));
    page.push(Point::new(50.0, 400.0), group(&shared, 0.5));
    page.push(Point::new(320.0, 50.0), group(&code, 0.25));
    let doc = Document {
        pages: vec![page],
        outline: Vec::new(),
        meta: sample_document(&fonts).meta,
    };
    let bytes = write_pdf(&doc, &fonts).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(pdf.get_pages().len(), 1, "the form's page is not a page");
    let forms: Vec<&lopdf::Stream> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"))
        .collect();
    // The image is not a form: only the shared group is.
    assert_eq!(forms.len(), 1);
    let form = forms[0];
    let bbox: Vec<f32> = form
        .dict
        .get(b"BBox")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    assert_eq!(bbox, [0.0, 0.0, 960.0, 540.0]);
    let form_content = form.decompressed_content().unwrap();
    assert_eq!(
        drawn(&form_content),
        ["Im0"],
        "the slide's image, inside the form"
    );
    let page = *pdf.get_pages().values().next().unwrap();
    let content = pdf.get_page_content(page);
    assert_eq!(drawn(&content), ["Fm0", "Fm0"]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    assert!(
        ops.iter().any(|op| op.operator == "W"),
        "the group drawn in place is clipped to its box"
    );
    if let Some(pdftotext) = tool("pdftotext") {
        let path = std::env::temp_dir().join(format!("diapo-group-{}.pdf", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let text = run(&pdftotext, &[path.to_str().unwrap(), "-"]);
        let _ = std::fs::remove_file(&path);
        let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            folded.matches("bons réflexes").count(),
            2,
            "the title at each of the form's two places: {folded}"
        );
        assert_eq!(
            folded.matches("Deuxième page").count(),
            1,
            "the code drawn in place, in its own glyphs: {folded}"
        );
    }
}
