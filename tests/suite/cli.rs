//! The `diapo` binary as a trainer runs it: real decks built into temporary folders, the file it
//! writes (one self-contained HTML, nothing loaded from the network), where it writes it, exit
//! codes, and what a failed build leaves behind (nothing new, and an earlier output untouched).

use crate::support::{attr, diapo, opening_tag, tags, Deck, INVALID, VALID};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The sample deck of the repository, when it has one.
const SAMPLE_DECK: &str = "decks/sensibilisation";
/// The trainer's outline, as received: CI clones the repository with `shared/` beside it.
const SEED_OUTLINE: &str = "../shared/seeds/sensibilisation-outline.md";

/// The seed outline's path, or `None` (with a note in the test output) when it is not there.
pub fn seed_outline() -> Option<&'static Path> {
    let path = Path::new(SEED_OUTLINE);
    if path.is_file() {
        Some(path)
    } else {
        println!("skipped: no seed outline at {SEED_OUTLINE}");
        None
    }
}

/// Runs `diapo build <deck> --out <out>` and checks that it succeeded and wrote exactly the three
/// outputs, the HTML self-contained; returns the HTML.
fn build_into(deck: &Path, out: &Path) -> String {
    let output = diapo()
        .arg("build")
        .arg(deck)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run diapo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "diapo build {} failed:\n{}",
        deck.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(entries(out), OUTPUTS, "{} holds other files", out.display());
    let html = std::fs::read_to_string(out.join("slides.html")).expect("read slides.html");
    assert_self_contained(&html);

    // The count the CLI reports is the number of slides in the file, and the runtime's total.
    let reported: usize = stdout
        .rsplit_once('(')
        .and_then(|(_, n)| n.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no slide count in {stdout:?}"));
    let expected: String = OUTPUTS
        .iter()
        .map(|name| format!("wrote {} ({reported} slides)\n", out.join(name).display()))
        .collect();
    assert_eq!(stdout, expected);
    let sections = html.matches("<section id=\"").count();
    assert_eq!(sections, reported, "slides in the file vs. the CLI's count");
    let main = opening_tag(&html, "<main").expect("a <main> element");
    assert_eq!(attr(main, "data-total"), Some(reported.to_string()));
    html
}

/// What `diapo build` writes by default, in the order it reports them.
const OUTPUTS: [&str; 3] = ["handout.pdf", "slides.html", "slides.pdf"];

/// Names in a folder, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One file that needs nothing else: no resource is loaded from the network (links the
/// audience may click are fine), and the fonts are inside.
fn assert_self_contained(html: &str) {
    for name in [
        "link", "script", "img", "source", "iframe", "video", "audio", "embed", "object", "use",
    ] {
        for tag in tags(html, name) {
            for key in ["src", "href", "srcset", "data", "poster", "xlink:href"] {
                if let Some(value) = attr(tag, key) {
                    assert!(
                        !is_remote(&value),
                        "a resource loaded from the network: {tag}"
                    );
                }
            }
        }
    }
    let lower = html.to_ascii_lowercase();
    for needle in ["url(http", "url(\"http", "url('http", "url(//", "@import"] {
        assert!(!lower.contains(needle), "the CSS loads `{needle}…`");
    }
    assert!(html.contains("@font-face"), "no @font-face");
    assert!(
        html.contains("src:url(data:font/ttf;base64,"),
        "the fonts are not inlined"
    );
}

fn is_remote(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//")
}

#[test]
fn builds_the_sample_deck() {
    let deck = Path::new(SAMPLE_DECK);
    if !deck.join("deck.md").is_file() {
        println!("skipped: no sample deck at {SAMPLE_DECK}");
        return;
    }
    let out = tempfile::tempdir().expect("temporary folder");
    let html = build_into(deck, out.path());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"fr\">"));
    assert!(html.matches("<section id=\"").count() > 10);
}

#[test]
fn builds_the_seed_outline_unchanged() {
    let Some(seed) = seed_outline() else {
        return;
    };
    let before = std::fs::read(seed).expect("read the seed");
    let out = tempfile::tempdir().expect("temporary folder");
    let html = build_into(seed, &out.path().join("seed"));
    assert_eq!(std::fs::read(seed).expect("read the seed"), before);
    // As many slides as the library makes of it (the model snapshot pins which ones).
    let prepared = Deck::markdown(&String::from_utf8_lossy(&before)).prepare();
    assert_eq!(
        html.matches("<section id=\"").count(),
        prepared.deck.slides.len()
    );
    assert!(html.contains("<title>Sensiblisation</title>"));
}

#[test]
fn builds_every_valid_fixture() {
    for fixture in crate::support::folders(VALID) {
        let out = tempfile::tempdir().expect("temporary folder");
        build_into(&Path::new(VALID).join(&fixture), out.path());
    }
}

/// A copy of a fixture deck in a fresh working folder, for runs that write to `out/`.
fn workspace(fixture: &str, as_name: &str) -> (tempfile::TempDir, PathBuf) {
    let cwd = tempfile::tempdir().expect("temporary folder");
    let dir = cwd.path().join(as_name);
    std::fs::create_dir(&dir).expect("deck folder");
    for entry in std::fs::read_dir(Path::new(VALID).join(fixture)).expect("fixture") {
        let entry = entry.expect("fixture entry");
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy the fixture");
    }
    (cwd, dir)
}

#[test]
fn default_output_is_out_slash_deck_folder_name() {
    let (cwd, _) = workspace("image", "atelier-cloud");
    diapo()
        .current_dir(cwd.path())
        .args(["build", "atelier-cloud"])
        .assert()
        .success()
        .stdout(
            OUTPUTS
                .map(|f| format!("wrote out/atelier-cloud/{f} (4 slides)\n"))
                .concat(),
        )
        .stderr("");
    assert_eq!(entries(&cwd.path().join("out")), ["atelier-cloud"]);
    assert_eq!(entries(&cwd.path().join("out/atelier-cloud")), OUTPUTS);
}

#[test]
fn default_output_of_a_markdown_file_is_named_after_it() {
    let cwd = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        cwd.path().join("atelier.md"),
        "# Atelier\n\n## Une diapositive\n\nTexte.\n",
    )
    .expect("write the deck");
    diapo()
        .current_dir(cwd.path())
        .args(["build", "atelier.md", "--format", "html"])
        .assert()
        .success()
        .stdout("wrote out/atelier/slides.html (2 slides)\n");
    assert!(cwd.path().join("out/atelier/slides.html").is_file());
}

#[test]
fn out_creates_missing_folders() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("a/b/c");
    build_into(&Path::new(VALID).join("outline"), &out);
}

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    // 0: built.
    diapo()
        .args(["build", "tests/fixtures/valid/outline", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    // 1: the deck has an error.
    diapo()
        .args(["build", "tests/fixtures/invalid/bad-yaml", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    // 2: the command line is wrong.
    diapo().assert().code(2);
    diapo().args(["build"]).assert().code(2);
    diapo()
        .args(["build", "tests/fixtures/valid/outline", "--colour"])
        .assert()
        .code(2);
    diapo().args(["publish", "deck"]).assert().code(2);
    // Asking for help or the version is no error.
    diapo().arg("--help").assert().code(0);
    diapo()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("diapo {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_missing_deck_is_named() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    diapo()
        .current_dir(tmp.path())
        .args(["build", "introuvable"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "error: cannot find the deck introuvable\n  --> introuvable\n  \
             = hint: pass a deck folder (holding deck.md) or a .md file\n",
        );
    std::fs::create_dir(tmp.path().join("vide")).expect("empty folder");
    diapo()
        .current_dir(tmp.path())
        .args(["build", "vide"])
        .assert()
        .code(1)
        .stderr(
            "error: no deck.md in vide\n  --> vide\n  \
             = hint: a deck folder holds a `deck.md`; or pass the Markdown file itself\n",
        );
    assert_eq!(entries(tmp.path()), ["vide"], "something was written");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("output folder");
    std::fs::write(out.join("slides.html"), "la version d’hier").expect("old output");
    for case in [
        "unknown-layout-heading",
        "image-outside-deck",
        "corrupt-png",
    ] {
        diapo()
            .arg("build")
            .arg(Path::new(INVALID).join(case))
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1)
            .stdout("");
        assert_eq!(
            std::fs::read_to_string(out.join("slides.html")).expect("old output"),
            "la version d’hier",
            "{case} changed the previous output"
        );
        assert_eq!(entries(&out), ["slides.html"], "{case} left a file behind");
    }
}

#[test]
fn a_rebuild_replaces_the_output_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("output folder");
    std::fs::write(out.join("slides.html"), "la version d’hier").expect("old output");
    let html = build_into(&Path::new(VALID).join("outline"), &out);
    assert!(html.contains("Le numérique public"));
}

/// A deck with a slide that cannot fit: one block of code too long for any slide.
fn crowded_deck() -> String {
    let mut md = String::from("# Trop plein\n\n## Le code complet\n\n```text\n");
    for i in 1..=60 {
        let _ = writeln!(md, "ligne {i} d’un fichier de configuration");
    }
    md.push_str("```\n");
    md
}

#[test]
fn warnings_are_printed_and_the_build_goes_on() {
    let deck = Deck::markdown(&crowded_deck());
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let assert = diapo()
        .arg("build")
        .arg(deck.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("warning[readability/shrunk]: slide “Le code complet”"),
        "{stderr}"
    );
    assert!(out.join("slides.html").is_file());
}

#[test]
fn strict_turns_warnings_into_errors() {
    let deck = Deck::markdown(&crowded_deck());
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let assert = diapo()
        .arg("build")
        .arg(deck.path())
        .arg("--strict")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("error[readability/shrunk]: slide “Le code complet”"),
        "{stderr}"
    );
    assert!(!out.exists(), "--strict wrote an output");
}

#[test]
fn an_unknown_theme_on_the_command_line_is_named() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    diapo()
        .args([
            "build",
            "tests/fixtures/valid/outline",
            "--theme",
            "etta",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: unknown theme `etta`\n  = hint: did you mean `etat`?\n");
    assert!(!out.exists());
}

#[test]
fn the_theme_option_overrides_the_front_matter() {
    // The front matter names a theme that does not exist: `--theme etat` must win.
    let deck = Deck::markdown("---\ntheme: inconnu\n---\n\n# Titre\n\n## Diapositive\n\nTexte.\n");
    let tmp = tempfile::tempdir().expect("temporary folder");
    diapo()
        .arg("build")
        .arg(deck.path())
        .args(["--theme", "etat", "--out"])
        .arg(tmp.path().join("out"))
        .assert()
        .success();
}

#[test]
fn allow_html_keeps_raw_html_blocks() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    diapo()
        .args([
            "build",
            "tests/fixtures/valid/escaping",
            "--allow-html",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("slides.html")).expect("slides.html");
    assert!(html.contains("<script>alert(\"bloc\")</script>"));
}

#[test]
fn reveal_js_replaces_the_runtime() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let reveal = tmp.path().join("reveal");
    std::fs::create_dir_all(reveal.join("dist")).expect("reveal folder");
    std::fs::write(
        reveal.join("dist/reveal.js"),
        "window.Reveal = { initialize() {} }; // reveal-js-copy",
    )
    .expect("reveal.js");
    std::fs::write(
        reveal.join("dist/reveal.css"),
        ".reveal { --reveal-css-copy: 1; }",
    )
    .expect("reveal.css");
    let out = tmp.path().join("out");
    diapo()
        .args(["build", "tests/fixtures/valid/outline", "--reveal-js"])
        .arg(&reveal)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("slides.html")).expect("slides.html");
    assert!(html.contains("// reveal-js-copy"));
    assert!(html.contains("--reveal-css-copy: 1;"));
    assert!(!html.contains(diapo::theme::RUNTIME_JS.trim()));

    // A folder that is not a reveal.js copy is an error, and nothing is written.
    let out = tmp.path().join("out2");
    let assert = diapo()
        .args(["build", "tests/fixtures/valid/outline", "--reveal-js"])
        .arg(tmp.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.starts_with("error: cannot read "), "{stderr}");
    assert!(stderr.contains("--reveal-js takes the folder of a reveal.js copy"));
    assert!(!out.exists());
}

#[test]
fn an_image_without_alt_text_is_a_warning_and_an_error_when_strict() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        "tests/fixtures/valid/image/schema.png",
        dir.path().join("schema.png"),
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("deck.md"),
        "# Titre\n\n## Schéma\n\n![](schema.png)\n",
    )
    .expect("write");
    let warning = "warning[images/missing-alt]: this image has no alt text\n";
    let lenient = diapo()
        .args(["build", "--out"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&lenient.get_output().stderr).starts_with(warning));
    let strict = diapo()
        .args(["build", "--strict", "--out"])
        .arg(dir.path().join("strict"))
        .arg(dir.path())
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&strict.get_output().stderr)
        .starts_with("error[images/missing-alt]: this image has no alt text\n"));
    assert!(!dir.path().join("strict").exists());
}
