//! What real decks hold: every common image format, photos, missing and remote images, emoji.
//! Each image file is decoded once and stored once per output; decoding is bounded by the pixels
//! a file can hold; a missing or remote image is a placeholder that says what is missing.

use crate::support::{diapo, tags, Deck};
use std::path::Path;
use std::process::Command;

const FORMATS: &str = "tests/fixtures/valid/image-formats";
const MISSING: &str = "tests/fixtures/valid/image-missing";

fn build(deck: &str, out: &Path, extra: &[&str]) -> String {
    let output = diapo()
        .args(["build", deck, "--out"])
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1763769600")
        .output()
        .expect("run diapo");
    assert!(
        output.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A poppler tool's output, or `None` (with a note) when poppler is not installed.
fn poppler(name: &str, args: &[&str], file: &Path) -> Option<String> {
    let path = format!("/usr/bin/{name}");
    if !Path::new(&path).exists() {
        eprintln!("note: {name} (poppler-utils) is not installed; this check is skipped");
        return None;
    }
    // pdftotext writes to a file beside the PDF unless told `-` (stdout).
    let stdout: &[&str] = if name == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(path)
        .args(args)
        .arg(file)
        .args(stdout)
        .output()
        .expect("run poppler");
    assert!(out.status.success(), "{name} failed");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn every_format_is_read_and_each_file_once_whatever_its_spelling() {
    let prepared = Deck::fixture("image-formats").prepare();
    assert!(
        prepared.warnings.is_empty(),
        "{:?}",
        prepared
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    let mimes: Vec<&str> = prepared.images.files().map(|(_, i)| i.mime).collect();
    // photo.jpg, ./photo.jpg and ././photo.jpg are one file; a BMP is stored as PNG.
    assert_eq!(
        mimes,
        [
            "image/svg+xml",
            "image/jpeg",
            "image/webp",
            "image/gif",
            "image/png",
            "image/png"
        ]
    );
    let index = |src: &str| prepared.images.index_of(src).expect(src);
    assert_eq!(index("photo.jpg"), index("./photo.jpg"));
    assert_eq!(index("photo.jpg"), index("././photo.jpg"));
    let svg = prepared.images.get("logo.svg").expect("the SVG");
    assert!(svg.vector.is_some());
    assert_eq!((svg.width, svg.height), (320, 120));
    assert_eq!(
        prepared.images.get("photo.jpg").map(|i| i.jpeg_components),
        Some(3)
    );
}

#[test]
fn html_inlines_each_image_once_and_every_use_names_it() {
    let html = Deck::fixture("image-formats").html();
    // One copy of the photo for its three uses.
    assert_eq!(html.text.matches("data:image/jpeg;base64,").count(), 1);
    let uses: Vec<&str> = tags(&html.text, "span")
        .into_iter()
        .filter(|t| t.contains("class=\"diapo-img "))
        .collect();
    assert_eq!(uses.len(), 8, "{uses:#?}");
    let photo_class = uses[1]
        .split('"')
        .nth(1)
        .expect("class")
        .trim_start_matches("diapo-img ")
        .to_string();
    for photo in &uses[1..4] {
        assert!(photo.contains(&format!("{photo_class}\"")), "{photo}");
    }
    assert!(uses[1].contains("role=\"img\" aria-label=\"Photo de la salle\""));
    // The SVG is inlined (sanitised), the GIF kept as a GIF so that it still moves.
    assert_eq!(html.text.matches("data:image/svg+xml;base64,").count(), 1);
    assert_eq!(html.text.matches("data:image/gif;base64,").count(), 1);
    assert_eq!(html.text.matches("data:image/webp;base64,").count(), 1);
}

#[test]
fn one_image_on_a_hundred_slides_is_one_copy_in_the_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Noise does not compress: the PNG is about as large as its pixels.
    let mut state = 0x2545_f491_u32;
    let img = image::RgbImage::from_fn(300, 200, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [a, b, c, _] = state.to_le_bytes();
        image::Rgb([a, b, c])
    });
    img.save(dir.path().join("bruit.png"))
        .expect("write the PNG");
    let png = std::fs::metadata(dir.path().join("bruit.png"))
        .expect("PNG")
        .len() as usize;
    let mut deck = String::from("# Cent fois\n\n");
    for i in 0..100 {
        deck.push_str(&format!("## Diapositive {i}\n\n![Bruit](bruit.png)\n\n"));
    }
    std::fs::write(dir.path().join("deck.md"), deck).expect("deck");
    let out = dir.path().join("out");
    build(
        dir.path().to_str().expect("path"),
        &out,
        &["--format", "html,pdf"],
    );
    let html = std::fs::read_to_string(out.join("slides.html")).expect("HTML");
    assert_eq!(html.matches("data:image/png;base64,").count(), 1);
    // One base64 copy (4/3 of the file) and the deck around it, not a hundred copies.
    assert!(
        html.len() < png * 4 / 3 + 600 * 1024,
        "{} bytes of HTML for a {png}-byte image",
        html.len()
    );
    let pdf = std::fs::read(out.join("slides.pdf")).expect("PDF");
    assert!(
        pdf.len() < png * 2 + 200 * 1024,
        "{} bytes of PDF for a {png}-byte image",
        pdf.len()
    );
    if let Some(list) = poppler("pdfimages", &["-list"], &out.join("slides.pdf")) {
        // Listed once per use, always the same object (its number, column 11).
        let objects: std::collections::BTreeSet<&str> = list
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().nth(10))
            .collect();
        assert_eq!(objects.len(), 1, "{list}");
    }
}

#[test]
fn pdf_keeps_the_jpeg_as_jpeg_once_and_draws_the_svg_as_vectors() {
    let dir = tempfile::tempdir().expect("temp dir");
    build(FORMATS, dir.path(), &["--format", "pdf"]);
    let pdf = dir.path().join("slides.pdf");
    let doc = lopdf::Document::load(&pdf).expect("a PDF lopdf reads");
    let mut images = Vec::new();
    let mut forms = 0;
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let name = |key: &[u8]| {
            stream
                .dict
                .get(key)
                .and_then(lopdf::Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .ok()
        };
        match name(b"Subtype").as_deref() {
            Some("Image") => images.push(name(b"Filter").unwrap_or_default()),
            Some("Form") => {
                forms += 1;
                let content = stream.decompressed_content().unwrap_or_default();
                let ops = String::from_utf8_lossy(&content);
                // The logo's blue square and red ring, as paths.
                assert!(ops.contains("0 0 0.568627 rg"), "{ops}");
                assert!(ops.contains("0.882353 0 0.058824 RG"), "{ops}");
            }
            _ => {}
        }
    }
    images.sort();
    // The photo once (DCT) for its three slides; WebP, GIF, BMP and PNG as deflated pixels.
    assert_eq!(
        images,
        [
            "DCTDecode",
            "FlateDecode",
            "FlateDecode",
            "FlateDecode",
            "FlateDecode"
        ]
    );
    assert_eq!(forms, 1, "the SVG is one form XObject");
    if let Some(list) = poppler("pdfimages", &["-list"], &pdf) {
        let jpeg_objects: std::collections::BTreeSet<&str> = list
            .lines()
            .filter(|l| l.split_whitespace().nth(8) == Some("jpeg"))
            .filter_map(|l| l.split_whitespace().nth(10))
            .collect();
        assert_eq!(jpeg_objects.len(), 1, "{list}");
        assert_eq!(
            list.lines().filter(|l| l.contains(" jpeg ")).count(),
            3,
            "{list}"
        );
    }
    // The photo's bytes are the file's own: never decoded and encoded again.
    let jpeg = std::fs::read(format!("{FORMATS}/photo.jpg")).expect("photo");
    let bytes = std::fs::read(&pdf).expect("PDF");
    assert!(bytes.windows(jpeg.len()).any(|w| w == jpeg.as_slice()));
}

#[test]
fn missing_and_remote_images_are_placeholders_with_a_warning() {
    let html = Deck::fixture("image-missing").html();
    let placeholders: Vec<&str> = html
        .text
        .split("<span class=\"diapo-img-missing\"")
        .skip(1)
        .collect();
    assert_eq!(placeholders.len(), 2);
    assert!(placeholders[0].contains("<span class=\"placeholder-alt\">Capture de la console</span><span class=\"placeholder-src\">captures/console.png</span>"));
    assert!(placeholders[1].contains("https://example.org/architecture.png"));
    // Never fetched: the address is text, not a source.
    assert!(!html.text.contains("src=\"https://example.org"));

    let dir = tempfile::tempdir().expect("temp dir");
    let stderr = build(MISSING, dir.path(), &["--format", "pdf"]);
    assert!(stderr.contains("warning[images/missing-file]: image not found: captures/console.png (a placeholder with its alt text stands in for it)"), "{stderr}");
    assert!(stderr.contains("warning[images/remote]"), "{stderr}");
    if let Some(text) = poppler("pdftotext", &["-layout"], &dir.path().join("slides.pdf")) {
        let text = text.replace('\u{202f}', " ");
        for needle in [
            "Capture de la console",
            "captures/console.png",
            "Architecture cible",
            "https://example.org/architecture.png",
            "Texte sous l’image.",
        ] {
            assert!(text.contains(needle), "`{needle}` not in {text}");
        }
    }
}

#[test]
fn a_missing_image_fails_strict_builds_and_diapo_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    diapo()
        .args(["build", MISSING, "--strict", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
    let check = diapo().args(["check", MISSING]).output().expect("check");
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("✗ tests/fixtures/valid/image-missing/deck.md:5:26 images/missing-file"),
        "{stdout}"
    );
}

/// A JPEG whose header claims 12,000 × 12,000 pixels in a few hundred bytes.
fn lying_jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(16, 16, image::Rgb([0, 0, 145]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("encode");
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

#[test]
fn a_header_claiming_more_pixels_than_its_file_holds_is_refused_before_decoding() {
    let err = diapo::assets::decode(lying_jpeg(12_000, 12_000)).expect_err("refused");
    assert!(
        err.starts_with("its header claims 12000×12000 pixels, which its "),
        "{err}"
    );
    // Past the side limit: said as such.
    let err = diapo::assets::decode(lying_jpeg(12_001, 100)).expect_err("refused");
    assert_eq!(
        err,
        "the image is 12001×100 pixels, more than the 12000 allowed across or down"
    );
    // Within the unchecked size, a short file decodes (the decoder fills what is missing).
    assert!(diapo::assets::decode(lying_jpeg(64, 64)).is_ok());
}

#[test]
fn twenty_spellings_of_one_path_are_one_decode() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("img")).expect("folder");
    image::RgbImage::from_pixel(40, 30, image::Rgb([225, 0, 15]))
        .save(dir.path().join("img/a.png"))
        .expect("PNG");
    let mut deck = String::from("# Chemins\n\n");
    let mut spelling = "img/a.png".to_string();
    for i in 0..20 {
        deck.push_str(&format!("## D{i}\n\n![A]({spelling})\n\n"));
        spelling = format!("./{spelling}");
        if i % 2 == 0 {
            spelling = spelling.replacen("img/", "img/../img/", 1);
        }
    }
    std::fs::write(dir.path().join("deck.md"), deck).expect("deck");
    let prepared = Deck::fixture_path(dir.path().to_str().expect("path")).prepare();
    assert_eq!(prepared.images.files().count(), 1);
}

#[test]
fn emoji_and_shortcodes_are_drawn_with_the_emoji_font() {
    let html = Deck::fixture("emoji").html();
    assert!(html.text.contains("@font-face{font-family:\"Noto Emoji\""));
    assert!(
        html.slide(1).title().contains("Émoji 🚀"),
        "{}",
        html.slide(1).title()
    );
    assert!(html.slide(2).html.contains("Déployer chaque semaine 🎉"));
    assert!(html.slide(3).html.contains("10:30:00"));
    let dir = tempfile::tempdir().expect("temp dir");
    build(
        "tests/fixtures/valid/emoji",
        dir.path(),
        &["--format", "pdf"],
    );
    let pdf = dir.path().join("slides.pdf");
    if let Some(fonts) = poppler("pdffonts", &[], &pdf) {
        assert!(fonts.contains("NotoEmoji"), "{fonts}");
    }
    if let Some(text) = poppler("pdftotext", &[], &pdf) {
        for emoji in ["🚀", "👌", "🎉", "✅", "👍"] {
            assert!(text.contains(emoji), "{emoji} not in {text}");
        }
    }
}

#[test]
fn code_is_coloured_alike_in_the_html_and_the_pdf() {
    use diapo::layout::page::Item;
    let html = Deck::fixture("code").html();
    let yaml = html.slide(2).html;
    assert!(
        yaml.contains(
            "<span class=\"tok-c\"># Le service web</span>\n<span class=\"tok-k\">image</span>:"
        ),
        "{yaml}"
    );
    // An unknown language is plain text: no token, no warning.
    assert!(!html.slide(5).html.contains("tok-"));
    let prepared = Deck::fixture("code").prepare();
    assert!(prepared.warnings.is_empty());
    let colours = &prepared.theme.colors;
    let expected = diapo::highlight::colours(
        colours.text,
        colours.primary,
        colours.accent,
        colours.muted,
        colours.surface,
    );
    for (token, class) in [
        (diapo::highlight::Token::Keyword, "tok-k"),
        (diapo::highlight::Token::Comment, "tok-c"),
        (diapo::highlight::Token::Number, "tok-n"),
    ] {
        let rule = format!(
            ".slide-body pre .{class}{{color:{}}}",
            expected.of(token).to_hex()
        );
        assert!(html.text.contains(&rule), "{rule}");
    }
    let pages = pages_of(&prepared);
    let colour_of = |text: &str| {
        pages[1]
            .items
            .iter()
            .find_map(|p| match &p.item {
                Item::Text(run) if run.text.contains(text) => Some(run.colour),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no run with {text}"))
    };
    assert_eq!(colour_of("image"), expected.keyword);
    assert_eq!(colour_of("# Le service web"), expected.comment);
    assert_eq!(colour_of("3"), expected.number);
    assert_eq!(colour_of("nginx"), expected.plain);
}

#[test]
fn a_character_no_font_has_is_a_warning_naming_it_and_its_line() {
    let deck = Deck::markdown("# Glyphes\n\n## Idéogrammes\n\n- Le mot 中 en chinois\n- Et ⍼ encore, ⍼ deux fois\n- Mais 🚀 et → sont dessinés\n");
    let prepared = deck.prepare();
    let warnings: Vec<String> = prepared
        .findings
        .iter()
        .filter(|d| d.rule == Some(diapo::rules::Rule::MissingGlyph))
        .map(|d| {
            let at = d.location.as_ref().expect("a place");
            format!("{}:{} {}", at.line, at.col, d.message)
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "5:10 no font of the deck has the character “中” (U+4E2D): it shows as an empty box",
            "6:6 no font of the deck has the character “⍼” (U+237C): it shows as an empty box",
        ]
    );
}

#[test]
fn a_missing_testimony_photo_keeps_its_place_as_a_placeholder() {
    use diapo::layout::page::Item;
    let deck = Deck::markdown(
        "# Témoins\n\n## Témoignage\n\n![Photo de Julien](absente.jpg)\n\n> Nous livrons chaque semaine.\n\n— Julien M., chef de projet\n",
    );
    let prepared = deck.prepare();
    let pages = pages_of(&prepared);
    let texts: Vec<&str> = pages[1]
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t.contains("absente.jpg")), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("Photo de Julien")),
        "{texts:?}"
    );
}

/// The slides as PDF pages (the page model), as the build lays them out.
fn pages_of(prepared: &diapo::build::Prepared) -> Vec<diapo::layout::page::Page> {
    let (pages, _) = diapo::layout::slides::slide_pages(&prepared.render_ctx(0));
    pages
}
