//! Decks written for other tools: one fixture per dialect under `tests/fixtures/dialects/`, each
//! written from that tool's documented syntax. Each builds with no error, into the number of
//! slides its author meant, read as the right dialect; its model is snapshotted; and no markup of
//! the tool reaches the audience — not in `pdftotext` of `slides.pdf`, not in the text of
//! `slides.html`.

use crate::support::{diapo, strip_tags, Deck};
use std::path::Path;

const DIALECTS: &str = "tests/fixtures/dialects";

/// What no slide may show: another tool's syntax, or markup.
const MARKUP: &[&str] = &[
    ":::",
    "{{<",
    "<br",
    "<div",
    "<span",
    "<style",
    "<Toc",
    "<Tweet",
    "v-click",
    "::right::",
    "Note:",
    "Notes:",
    "layout:",
    "transition:",
    ".slide:",
    ".element:",
    "<!--",
    "-->",
    "end_slide",
    "column_layout",
    "{.",
    "{#",
    "visibility=",
    "bg right",
    "w:300px",
    ". . .",
];

fn build(name: &str) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let output = diapo()
        .arg("build")
        .arg(Path::new(DIALECTS).join(name))
        .arg("--out")
        .arg(tmp.path())
        .output()
        .expect("run diapo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
    (tmp, stderr)
}

fn pdf_pages(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).expect("read slides.pdf");
    doc.get_pages().len()
}

fn shown_markup(text: &str) -> Vec<&'static str> {
    MARKUP
        .iter()
        .copied()
        .filter(|m| text.contains(m))
        .collect()
}

/// The deck as `diapo check --json` reads it: its dialect's name.
fn dialect_of(name: &str) -> serde_json::Value {
    let output = diapo()
        .arg("check")
        .arg(Path::new(DIALECTS).join(name))
        .arg("--json")
        .output()
        .expect("run diapo check");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("check's JSON");
    json["dialect"].clone()
}

fn dialect_case(name: &str, dialect: &str, slides: usize) {
    let (tmp, stderr) = build(name);
    assert!(
        !stderr.contains("error"),
        "{name}: no error expected:\n{stderr}"
    );
    let pages = pdf_pages(&tmp.path().join("slides.pdf"));
    assert_eq!(pages, slides, "{name}: slides in slides.pdf\n{stderr}");

    let html = std::fs::read_to_string(tmp.path().join("slides.html")).expect("slides.html");
    let sections = html.matches("<section").count();
    assert_eq!(sections, slides, "{name}: slides in slides.html");
    // The slides' visible text: between the first and the last slide, without the speaker
    // notes (in the HTML for the presenter view, not on the slides).
    let start = html.find("<section").unwrap_or(0);
    let end = html.rfind("</section>").unwrap_or(html.len());
    let mut slides_html = String::new();
    for (i, part) in html[start..end].split("<aside").enumerate() {
        let kept = if i == 0 {
            part
        } else {
            part.split_once("</aside>").map_or("", |(_, rest)| rest)
        };
        slides_html.push_str(kept);
    }
    let visible = strip_tags(&slides_html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", "\"");
    let shown = shown_markup(&visible);
    assert!(shown.is_empty(), "{name}: slides.html shows {shown:?}");

    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(tmp.path().join("slides.pdf"))
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        let shown = shown_markup(&text);
        assert!(
            shown.is_empty(),
            "{name}: slides.pdf shows {shown:?}\n{text}"
        );
    } else {
        eprintln!("note: pdftotext not installed (poppler-utils): the PDF's text is not read back");
    }

    let read = dialect_of(name);
    assert_eq!(read["dialect"], dialect, "{name}: read as {read}");
}

fn snapshot(name: &str) {
    #[derive(serde::Serialize)]
    struct Parsed {
        warnings: Vec<String>,
        deck: diapo::model::Deck,
    }
    let (deck, warnings) = Deck::fixture_path(&format!("{DIALECTS}/{name}")).parse();
    insta::assert_yaml_snapshot!(format!("dialect-{name}"), Parsed { warnings, deck });
}

macro_rules! dialects {
    ($($test:ident: $dir:literal, $dialect:literal, $slides:literal;)*) => {
        mod builds {
            $(
                #[test]
                fn $test() {
                    super::dialect_case($dir, $dialect, $slides);
                }
            )*
        }
        mod models {
            $(
                #[test]
                fn $test() {
                    super::snapshot($dir);
                }
            )*
        }
        #[test]
        fn every_dialect_fixture_is_tested() {
            let mut listed = vec![$($dir.to_string()),*];
            listed.sort();
            assert_eq!(crate::support::folders(DIALECTS), listed);
        }
    };
}

dialects! {
    marp: "marp", "marp", 11;
    slidev: "slidev", "slidev", 12;
    reveal: "reveal", "reveal", 10;
    pandoc: "pandoc", "pandoc", 11;
    presenterm: "presenterm", "presenterm", 10;
    structure: "structure", "diapo", 10;
}

/// Ten things diapo does not know, in one deck: the deck builds, and all ten are reported in one
/// run, by `build` and `check` alike; `--strict` makes them errors and writes nothing.
#[test]
fn ten_unknown_things_are_reported_in_one_run() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        dir.path().join("deck.md"),
        "---\ntitle: Dix inconnus\ncouleur: bleu\nautor: Moi\nduration: bientôt\nlang: klingon\ntheme: etta\n---\n\n# Dix inconnus\n\n---\n\n<!-- _clas: large -->\n\n## Un {.testimonial}\n\nTexte.\n\n---\n\n<!-- layout: diaporama -->\n\n## Deux\n\nTexte <Badge>composant</Badge> et <script>alert(1)</script>.\n\n---\n\n---\n",
    )
    .expect("write the deck");
    let out = dir.path().join("out");
    let output = diapo()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run diapo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning["))
        .collect();
    for expected in [
        "unknown key `couleur`",
        "unknown key `autor`",
        "cannot read the duration `bientôt`",
        "unsupported language `klingon`",
        "unknown theme `etta`",
        "unknown directive `_clas`",
        "unknown layout `testimonial`",
        "unknown layout `diaporama`",
        "`<badge>` is not HTML diapo shows",
        "`<script>` removed with its content",
        "a slide with nothing to show",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected} not reported:\n{stderr}"
        );
    }
    assert!(out.join("slides.pdf").is_file());

    // `diapo check` lists the same ones; `--strict` makes them errors, and nothing is written.
    let check = diapo()
        .arg("check")
        .arg(dir.path())
        .arg("--json")
        .output()
        .expect("check");
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert!(
        json["summary"]["warnings"].as_u64().unwrap_or(0) >= 11,
        "{json}"
    );
    let strict_out = dir.path().join("strict");
    let strict = diapo()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(&strict_out)
        .arg("--strict")
        .output()
        .expect("run diapo");
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.matches("error[").count() >= 11, "{stderr}");
    assert!(!strict_out.exists());
}

/// Other tools' syntax, cut and spliced at every line: the parser never panics, whatever the
/// dialect constructs are cut off from (an unclosed `:::`, a `Note:` at the end, a slide front
/// matter never closed, half a tag). A cheap sweep beside the fuzz targets, run by `cargo test`.
#[test]
fn mangled_dialect_decks_never_panic() {
    let mut decks = Vec::new();
    for name in crate::support::folders(DIALECTS) {
        let text = std::fs::read_to_string(Path::new(DIALECTS).join(&name).join("deck.md"))
            .expect("read the fixture");
        decks.push(text);
    }
    let all = decks.join("\n");
    let lines: Vec<&str> = all.lines().collect();
    let mut runs = 0;
    // Every window of lines, cut at a pseudo-random offset inside its first and last line.
    for start in (0..lines.len()).step_by(3) {
        for len in [1, 2, 5, 13] {
            let end = (start + len).min(lines.len());
            let window = lines[start..end].join("\n");
            for cut in [0, 1, 3, 7] {
                let from = window
                    .char_indices()
                    .nth(cut)
                    .map_or(window.len(), |(i, _)| i);
                diapo::fuzzing::parse(&window.as_bytes()[from..]);
                let mut spliced = String::from("---\ntitle: x\n---\n");
                spliced.push_str(&window[from..]);
                spliced.push_str("\n---\nlayout: two-cols\n");
                diapo::fuzzing::parse(spliced.as_bytes());
                runs += 2;
            }
        }
    }
    assert!(runs > 1000, "{runs} decks parsed");
}

/// The real decks of `../shared/corpus/` (Marp, Slidev, reveal.js, reveal-md, Quarto, presenterm,
/// written by others): each builds with no error, and no syntax of its tool reaches its slides
/// outside code (code is the deck's own content). Skipped when the corpus is not beside the
/// project.
#[test]
fn real_decks_of_other_tools_build_without_showing_their_syntax() {
    let corpus = Path::new("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("note: ../shared/corpus is absent; the real decks are not built");
        return;
    }
    let mut built = 0;
    for name in crate::support::folders(corpus.to_str().unwrap_or_default()) {
        let deck = corpus.join(&name);
        if !deck.join("deck.md").is_file() {
            continue;
        }
        let tmp = tempfile::tempdir().expect("temporary folder");
        let output = diapo()
            .arg("build")
            .arg(&deck)
            .arg("--out")
            .arg(tmp.path())
            .args(["--format", "html"])
            .output()
            .expect("run diapo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let html = std::fs::read_to_string(tmp.path().join("slides.html")).expect("slides.html");
        // The slides' text outside code and speaker notes.
        let mut kept = String::new();
        let start = html.find("<section").unwrap_or(0);
        let end = html.rfind("</section>").unwrap_or(html.len());
        let mut rest = &html[start..end];
        while let Some(i) = rest.find(['<']) {
            kept.push_str(&rest[..i]);
            let tail = &rest[i..];
            let skip_to = ["<pre", "<code", "<aside"]
                .iter()
                .find(|t| tail.starts_with(**t))
                .and_then(|t| {
                    let close = format!("</{}>", &t[1..]);
                    tail.find(&close).map(|e| e + close.len())
                })
                .unwrap_or_else(|| tail.find('>').map_or(tail.len(), |e| e + 1));
            rest = &tail[skip_to..];
        }
        kept.push_str(rest);
        let text = kept
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        for markup in [
            ":::",
            "{{<",
            "::right::",
            "Note:",
            "Notes:",
            "layout:",
            ".slide:",
            ".element:",
            "end_slide",
            "column_layout",
            "<!--",
            "<div",
            "<br",
            "{.",
            "v-click>",
            "<v-click",
        ] {
            assert!(!text.contains(markup), "{name} shows `{markup}` on a slide");
        }
        built += 1;
    }
    assert!(built >= 6, "only {built} real decks built");
}
