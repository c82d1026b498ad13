//! `diapo new`: every template, in both languages, makes a deck that passes `diapo check` with no
//! finding and builds at once; existing folders and bad names are refused with nothing written.

use crate::support::diapo;
use std::path::Path;

fn new_in(dir: &Path, args: &[&str]) -> std::process::Output {
    diapo()
        .current_dir(dir)
        .arg("new")
        .args(args)
        .output()
        .expect("run diapo new")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_template_builds_and_checks_clean() {
    for template in ["sensibilisation", "blank"] {
        for lang in ["fr", "en"] {
            let dir = tempfile::tempdir().expect("temporary folder");
            let out = new_in(
                dir.path(),
                &["demo-cloud", "--template", template, "--lang", lang],
            );
            assert!(
                out.status.success(),
                "{template}/{lang}: {}",
                text(&out.stderr)
            );
            let stdout = text(&out.stdout);
            assert!(
                stdout.starts_with("created decks/demo-cloud/\n"),
                "{stdout}"
            );
            assert!(stdout.contains("diapo build decks/demo-cloud"), "{stdout}");
            assert!(stdout.contains("diapo check decks/demo-cloud"), "{stdout}");
            let deck = dir.path().join("decks/demo-cloud/deck.md");
            let source = std::fs::read_to_string(&deck).expect("deck.md");
            assert!(source.contains("title: Demo cloud"), "{source}");
            assert!(source.contains(&format!("lang: {lang}")));
            assert!(source.contains("duration: 30min"));

            let check = diapo()
                .current_dir(dir.path())
                .args(["check", "decks/demo-cloud", "--strict"])
                .output()
                .expect("run diapo check");
            let report = text(&check.stdout);
            assert!(check.status.success(), "{template}/{lang}:\n{report}");
            assert!(
                report.ends_with("Result: no problem found\n"),
                "{template}/{lang}:\n{report}"
            );

            let build = diapo()
                .current_dir(dir.path())
                .args(["build", "decks/demo-cloud"])
                .output()
                .expect("run diapo build");
            assert!(build.status.success(), "{}", text(&build.stderr));
            assert_eq!(
                text(&build.stderr),
                "",
                "{template}/{lang} builds with warnings"
            );
            let html = std::fs::read_to_string(dir.path().join("out/demo-cloud/slides.html"))
                .expect("slides.html");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            assert!(dir.path().join("out/demo-cloud/handout.pdf").is_file());
            if template == "sensibilisation" {
                assert!(
                    html.contains("data:image/svg+xml;base64,"),
                    "the image is inlined"
                );
                // Good practice only: no "Merci" over "Merci de votre attention", no definition
                // title repeating its term, a vector image that stays sharp in the PDF.
                let deck = std::fs::read_to_string(dir.path().join("decks/demo-cloud/deck.md"))
                    .expect("deck.md");
                assert!(
                    !deck.contains("de votre attention") && !deck.contains("for your attention")
                );
                assert!(!deck.contains("### Définition :") && !deck.contains("### Definition:"));
                assert!(html.contains("<p class=\"definition-label\">"));
                assert!(dir
                    .path()
                    .join("decks/demo-cloud/images/parcours.svg")
                    .is_file());
                assert!(html.contains("data-layout=\"poll\""));
                assert!(html.contains("data-layout=\"testimony\""));
            }
        }
    }
}

#[test]
fn an_existing_folder_is_never_touched() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let deck = dir.path().join("decks/demo");
    std::fs::create_dir_all(&deck).expect("folder");
    std::fs::write(deck.join("deck.md"), "# Mon deck\n").expect("deck");
    let out = new_in(dir.path(), &["demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: decks/demo already exists\n  = hint: choose another name, or move that folder away first: diapo new never writes over a folder\n"
    );
    assert_eq!(
        std::fs::read_to_string(deck.join("deck.md")).expect("deck"),
        "# Mon deck\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("decks"))
            .expect("list")
            .count(),
        1
    );
}

#[test]
fn bad_names_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for name in ["../ailleurs", "a/b", ".cache", "mon deck", ""] {
        let out = new_in(dir.path(), &[name]);
        assert_eq!(out.status.code(), Some(1), "{name:?}");
        assert!(
            text(&out.stderr).starts_with(&format!("error: `{name}` cannot name a deck folder"))
        );
    }
    assert!(!dir.path().join("decks").exists());
    let out = new_in(dir.path(), &["x", "--template", "fancy"]);
    assert_eq!(out.status.code(), Some(2));
    let out = new_in(dir.path(), &["x", "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
}
