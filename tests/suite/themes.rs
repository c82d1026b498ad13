//! Themes and brands: every built-in theme renders every layout in both outputs; a brand's name,
//! logo and colours reach the HTML and the PDF; `--brand all` builds every shipped brand into its
//! own folder; themes inherit (`extends`) and a user folder overrides single files; deck variables
//! are rendered; the contrast rule refuses an unreadable palette unless `--force`.
//! (Bad theme and brand files, and bad variables, are cases of `tests/fixtures/invalid/`.)

use crate::support::{diapo, Deck};
use diapo::build::{self, BuildOptions, Format};
use diapo::model::Layout;
use std::path::Path;
use std::process::Command;

const LAYOUTS: &str = "tests/fixtures/valid/layouts";
const SAMPLE: &str = "decks/sensibilisation";

/// Builds a deck in process into `out`; panics with the diagnostics on failure.
fn build_into(deck: &str, out: &Path, opts: BuildOptions) -> build::BuildReport {
    let opts = BuildOptions {
        out: Some(out.to_path_buf()),
        ..opts
    };
    build::build(Path::new(deck), &opts).unwrap_or_else(|d| {
        let text: String = d.iter().map(ToString::to_string).collect();
        panic!("{deck} does not build:\n{text}")
    })
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text poppler extracts from a PDF, or `None` when poppler is not installed.
fn pdf_text(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// How many image XObjects a PDF holds.
fn pdf_images(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(|t| t.as_name())
                    .is_ok_and(|n| n == b"Image")
            })
        })
        .count()
}

#[test]
fn every_builtin_theme_renders_every_layout_in_html_and_pdf() {
    for theme in diapo::theme::builtin_names() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = build_into(
            LAYOUTS,
            dir.path(),
            BuildOptions {
                theme: Some(theme.to_string()),
                formats: vec![Format::Html, Format::Pdf],
                ..Default::default()
            },
        );
        let html = read(&dir.path().join("slides.html"));
        for layout in Layout::ALL {
            assert!(
                html.contains(&format!("data-layout=\"{}\"", layout.name())),
                "{theme}: no `{}` slide in the HTML",
                layout.name()
            );
        }
        let doc = lopdf::Document::load(dir.path().join("slides.pdf")).expect("slides.pdf");
        assert_eq!(doc.get_pages().len(), report.slides, "{theme}");
        if let Some(text) = pdf_text(&dir.path().join("slides.pdf")) {
            for title in ["Toutes les mises en page", "Comparaison", "Merci"] {
                assert!(text.contains(title), "{theme}: {title} not in the PDF");
            }
        }
    }
}

#[test]
fn the_themes_look_different() {
    let theme = |name: &str| diapo::theme::load(name).expect("built-in theme");
    let (etat, sobre, sombre) = (theme("etat"), theme("sobre"), theme("sombre"));
    assert!(sobre.sizes.body > etat.sizes.body, "sobre has larger type");
    assert!(sobre.colors.text.contrast(sobre.colors.background) > 20.0);
    assert!(
        sombre.colors.background.luminance() < 0.05,
        "sombre is dark"
    );
    assert_eq!(sombre.scheme, diapo::theme::Scheme::Dark);
}

#[test]
fn a_brand_shows_its_name_logo_and_colours_in_both_outputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    build_into(
        LAYOUTS,
        dir.path(),
        BuildOptions {
            brand: Some("justice".into()),
            formats: vec![Format::Html, Format::Pdf],
            ..Default::default()
        },
    );
    let html = read(&dir.path().join("slides.html"));
    assert!(html.contains("Ministère de la Justice"), "name in the HTML");
    // The charter's bloc-marque: RÉPUBLIQUE / FRANÇAISE, the ministry in capitals, the motto
    // on three lines without commas.
    assert!(
        html.contains("RÉPUBLIQUE\nFRANÇAISE"),
        "bloc-marque in the HTML"
    );
    assert!(html.contains("MINISTÈRE DE LA JUSTICE"));
    assert!(
        html.contains("Liberté\nÉgalité\nFraternité"),
        "motto on the title slide"
    );
    assert!(
        html.contains("--diapo-primary: #6e445a;"),
        "the brand's colour"
    );
    assert!(
        html.contains("--diapo-logo: url(\"data:image/png;base64,"),
        "the logo, inlined"
    );
    assert!(html.contains("aria-label=\"Logo d’exemple du ministère de la Justice\""));
    // The brand's footer, as the deck sets none.
    assert!(html.contains("Ministère de la Justice — Secrétariat général"));

    let pdf = dir.path().join("slides.pdf");
    assert!(pdf_images(&pdf) >= 1, "the logo is an image XObject");
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Ministère de la Justice"), "{text}");
        assert!(text.contains("RÉPUBLIQUE FRANÇAISE"));
        assert!(text.contains("MINISTÈRE DE LA JUSTICE"));
        assert!(text.contains("Liberté\nÉgalité\nFraternité"), "{text}");
    }
    // The brand's colour reaches the PDF's fill colours: #6e445a.
    let mut doc = lopdf::Document::load(&pdf).expect("slides.pdf");
    doc.decompress();
    let first = *doc.get_pages().values().next().expect("a page");
    let content = doc
        .get_and_decode_page_content(first)
        .expect("page content");
    let brand = diapo::color::Rgb::parse_hex("#6e445a").expect("hex").unit();
    let filled = content.operations.iter().any(|op| {
        let rgb: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .collect();
        op.operator == "rg"
            && rgb.len() == 3
            && (rgb[0] - brand.0).abs() < 0.003
            && (rgb[1] - brand.1).abs() < 0.003
            && (rgb[2] - brand.2).abs() < 0.003
    });
    assert!(
        filled,
        "the brand's colour is not a fill colour of the first page"
    );
}

#[test]
fn without_a_brand_there_is_no_logo_and_no_ministry() {
    let dir = tempfile::tempdir().expect("temp dir");
    build_into(
        LAYOUTS,
        dir.path(),
        BuildOptions {
            formats: vec![Format::Html, Format::Pdf],
            ..Default::default()
        },
    );
    let html = read(&dir.path().join("slides.html"));
    assert!(!html.contains("--diapo-logo:"));
    assert!(!html.contains("Ministère"));
    assert!(
        html.contains("RÉPUBLIQUE FRANÇAISE"),
        "etat still shows the République"
    );
    assert_eq!(pdf_images(&dir.path().join("slides.pdf")), 0);
}

#[test]
fn brand_all_builds_every_shipped_brand_into_its_own_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = diapo()
        .args([
            "build", SAMPLE, "--brand", "all", "--format", "html,pdf", "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("run diapo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let brands = ["armees", "ecologie", "education", "interieur", "justice"];
    let mut pages = Vec::new();
    for brand in brands {
        let folder = dir.path().join(brand);
        assert!(
            stdout.contains(&format!("{brand}: wrote {}", folder.display())),
            "{stdout}"
        );
        let html = read(&folder.join("slides.html"));
        assert!(
            !html.contains("{{"),
            "{brand}: a variable was left in the deck"
        );
        pages.push(html);
        assert!(folder.join("slides.pdf").is_file(), "{brand}");
        assert!(
            !folder.join("handout.pdf").exists(),
            "{brand}: --format is kept"
        );
    }
    for (i, a) in pages.iter().enumerate() {
        for b in &pages[i + 1..] {
            assert_ne!(a, b, "two brands gave the same deck");
        }
    }
    // Each deck names its own ministry, and its [vars].
    assert!(pages[4].contains("MINISTÈRE DE LA JUSTICE"));
    assert!(pages[4].contains("les juridictions et les services pénitentiaires"));
    assert!(pages[2].contains("Éducation nationale"));
}

#[test]
fn one_brand_goes_to_its_own_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    diapo()
        .args([
            "build", SAMPLE, "--brand", "ecologie", "--format", "html", "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let html = read(&dir.path().join("ecologie/slides.html"));
    assert!(html.contains("Sensibilisation Cloud Pi Native · Transition écologique"));
}

#[test]
fn the_sample_deck_builds_without_a_brand() {
    let p = Deck::fixture_path(SAMPLE).prepare();
    assert!(p.theme.brand.is_none());
    let html = Deck::fixture_path(SAMPLE).html().text;
    assert!(!html.contains("{{"), "a variable was left in the deck");
    assert!(html.contains("Identifier un projet candidat"));
    assert!(!html.contains("Identifier un projet candidat dans"));
}

#[test]
fn listings_name_every_theme_and_brand() {
    let themes = diapo().arg("themes").output().expect("run diapo");
    let themes = String::from_utf8_lossy(&themes.stdout);
    for name in ["etat", "sobre", "sombre"] {
        let line = themes
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{themes}"));
        assert!(line.len() > name.len() + 10, "no description: {line}");
    }
    let brands = diapo().arg("brands").output().expect("run diapo");
    let brands = String::from_utf8_lossy(&brands.stdout);
    assert_eq!(brands.lines().count(), 5, "{brands}");
    assert!(
        brands.contains("justice    Ministère de la Justice — "),
        "{brands}"
    );
}

/// A deck folder with a `themes/` folder of its own.
fn deck_with_themes(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

const SMALL_DECK: &str =
    "---\ntitle: Maison\ntheme: maison\n---\n\n# Maison\n\n### Un point\n\n- Un\n- Deux\n";

#[test]
fn a_theme_inherits_and_a_user_folder_overrides_single_files() {
    let dir = deck_with_themes(&[
        ("deck.md", SMALL_DECK),
        (
            "themes/maison/theme.toml",
            "description = \"Notre thème\"\nextends = \"sobre\"\n\n[colors]\nprimary = \"#1f3a93\"\n",
        ),
        ("themes/maison/style.css", ".maison-mark { color: red; }\n"),
        // A single template of the built-in `etat` replaced: every theme built on it uses it.
        (
            "themes/etat/layouts/content.hbs",
            "<div class=\"maison-content\">{{{blocks_html}}}</div>\n",
        ),
    ]);
    let out = dir.path().join("out");
    let deck = dir.path().to_string_lossy().into_owned();
    build_into(
        &deck,
        &out,
        BuildOptions {
            formats: vec![Format::Html, Format::Pdf],
            ..Default::default()
        },
    );
    let html = read(&out.join("slides.html"));
    assert!(
        html.contains("--diapo-primary: #1f3a93;"),
        "the child's token"
    );
    assert!(
        html.contains("--diapo-size-body: 40px;"),
        "sobre's token, inherited"
    );
    assert!(
        html.contains("<div class=\"maison-content\">"),
        "the overridden template"
    );
    assert!(html.contains(".maison-mark"), "the child's stylesheet");
    assert!(
        html.contains(".brand-marque"),
        "etat's stylesheet, inherited"
    );
    let etat = html.find(".brand-marque").expect("etat css");
    let child = html.find(".maison-mark").expect("child css");
    assert!(etat < child, "the parent's CSS comes first");

    // The same files through --theme-dir, for a deck elsewhere.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(elsewhere.path().join("deck.md"), SMALL_DECK).expect("write");
    let out2 = elsewhere.path().join("out");
    build_into(
        &elsewhere.path().to_string_lossy(),
        &out2,
        BuildOptions {
            theme_dir: Some(dir.path().join("themes")),
            formats: vec![Format::Html],
            ..Default::default()
        },
    );
    assert!(read(&out2.join("slides.html")).contains("maison-content"));

    // `diapo themes DECK` lists the deck's own theme, and says it replaces nothing built in.
    let listed = diapo()
        .arg("themes")
        .arg(dir.path())
        .output()
        .expect("run diapo");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("maison") && l.contains("Notre thème")),
        "{listed}"
    );
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("etat") && l.contains("replaces the built-in")),
        "{listed}"
    );
}

#[test]
fn a_brand_of_the_deck_folder_with_its_own_fonts_and_variables() {
    let font = std::fs::read("fonts/source-serif-4/SourceSerif4-Regular.ttf").expect("font");
    let logo = std::fs::read("themes/brands/logos/justice.png").expect("logo");
    let dir = deck_with_themes(&[
        (
            "deck.md",
            "---\ntitle: Pour la direction\nbrand: dnum\n---\n\n# Pour la direction\n\n### {{brand.short}}\n\nÀ {{vars.ville}}{{#if brand.url}}, {{brand.url}}{{/if}}.\n\n```\n{{ceci reste}}\n```\n",
        ),
        (
            "themes/brands/dnum.toml",
            "name = \"Direction du numérique\"\nshort = \"DNUM\"\nlogo = \"dnum.png\"\n\n[fonts.sans]\nregular = \"marque.ttf\"\n\n[vars]\nville = \"Paris\"\n",
        ),
    ]);
    std::fs::write(dir.path().join("themes/brands/marque.ttf"), font).expect("font");
    std::fs::write(dir.path().join("themes/brands/dnum.png"), logo).expect("logo");
    let out = dir.path().join("out");
    build_into(
        &dir.path().to_string_lossy(),
        &out,
        BuildOptions {
            formats: vec![Format::Html, Format::Pdf],
            ..Default::default()
        },
    );
    let html = read(&out.join("slides.html"));
    assert!(
        html.contains(">DNUM</span></h2>"),
        "{{{{brand.short}}}} in a title"
    );
    assert!(
        html.contains("À Paris."),
        "a [vars] value, and an unset field's block left out"
    );
    assert!(html.contains("{{ceci reste}}"), "code is left as written");
    assert!(html.contains("Direction du numérique"));
    if let Some(fonts) = Command::new("pdffonts")
        .arg(out.join("slides.pdf"))
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    {
        assert!(
            fonts.contains("SourceSerif4"),
            "the brand's font is embedded:\n{fonts}"
        );
    }
}

#[test]
fn force_builds_an_unreadable_palette_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = diapo()
        .args([
            "build",
            "tests/fixtures/invalid/brand-contrast",
            "--force",
            "--format",
            "html",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .expect("run diapo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.starts_with(
            "warning[theme/contrast]: `primary` on `surface` has a contrast of 1.39:1"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("themes/brands/direction.toml:5:11"),
        "{stderr}"
    );
    assert!(stderr.contains("built anyway (--force)"), "{stderr}");
    assert!(dir.path().join("slides.html").is_file());
}
