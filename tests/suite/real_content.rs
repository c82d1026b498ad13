//! Issue "what real decks hold", end to end: one deck with `<br>`, an HTML table, an SVG logo, a
//! WebP, a JPEG photo used three times, a remote image, a missing image and emoji builds in one
//! run, with a warning for each image it cannot show, and shows all of it in the HTML and the PDF.

use crate::support::diapo;
use std::path::Path;
use std::process::Command;

const DECK: &str = "---
title: Ce que contiennent les vrais decks
---

# Ce que contiennent les vrais decks

## Du HTML

Une ligne<br>et la suivante, H<sub>2</sub>O.

<table><tr><th>Avant</th><th>Après</th></tr><tr><td>Un an</td><td>Une semaine</td></tr></table>

## Un logo et un paysage

![Logo du ministère](logo.svg)

![Paysage](paysage.webp)

## La photo, trois fois

![Photo de l'équipe](photo.jpg)

## Encore la photo

![Photo de l'équipe, encore](./photo.jpg)

## Toujours la photo

![Photo de l'équipe, toujours](photo.jpg)

## Des images absentes

![Capture du tableau de bord](https://example.org/tableau.png)

![Schéma de la chaîne](images/absent.png)

## Des emoji :rocket:

- 🚀 Livrer souvent
- :lock: Sécuriser
";

#[test]
fn a_deck_of_real_content_builds_in_one_run_and_shows_everything() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for image in ["logo.svg", "paysage.webp", "photo.jpg"] {
        std::fs::copy(
            Path::new("tests/fixtures/valid/image-formats").join(image),
            dir.path().join(image),
        )
        .expect("copy an image");
    }
    std::fs::write(dir.path().join("deck.md"), DECK).expect("write the deck");
    let out = dir.path().join("out");
    let output = diapo()
        .arg("build")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1763769600")
        .output()
        .expect("run diapo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[images/remote]"), "{stderr}");
    assert!(stderr.contains("warning[images/missing-file]"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");

    let html = std::fs::read_to_string(out.join("slides.html")).expect("slides.html");
    assert!(html.contains("Une ligne<br>et la suivante, H₂O."));
    assert!(html.contains("<th") && html.contains("Une semaine"));
    assert_eq!(
        html.matches("data:image/svg+xml").count(),
        1,
        "the SVG logo is inlined once, sanitised"
    );
    assert!(html.contains("image/webp"));
    assert!(html.contains("https://example.org/tableau.png") && html.contains("images/absent.png"));
    assert!(html.contains('🚀') && html.contains('🔒'));
    // The photo is inlined once, whatever the number of slides that show it.
    assert_eq!(
        html.matches("data:image/jpeg").count(),
        1,
        "one copy of the photo"
    );

    let pdf = out.join("slides.pdf");
    let run = |tool: &str, args: &[&str]| -> Option<String> {
        let path = format!("/usr/bin/{tool}");
        if !Path::new(&path).exists() {
            eprintln!("note: {tool} (poppler-utils) is not installed; this check is skipped");
            return None;
        }
        let out = Command::new(path)
            .args(args)
            .arg(&pdf)
            .args(["-"])
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    if let Some(text) = run("pdftotext", &[]) {
        for expected in [
            "H₂O",
            "Avant",
            "Une semaine",
            "Capture du tableau de bord",
            "https://example.org/tableau.png",
            "images/absent.png",
            "🚀 Livrer souvent",
        ] {
            assert!(
                text.contains(expected),
                "{expected} missing from the PDF:\n{text}"
            );
        }
    }
    let list = Command::new("/usr/bin/pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(list) = list {
        // The three uses of the photo name one JPEG object, kept as DCT.
        let jpeg_objects: std::collections::BTreeSet<String> = list
            .lines()
            .filter(|l| l.split_whitespace().nth(8) == Some("jpeg"))
            .filter_map(|l| l.split_whitespace().nth(10).map(str::to_string))
            .collect();
        assert_eq!(jpeg_objects.len(), 1, "{list}");
        assert_eq!(
            list.lines().filter(|l| l.contains(" jpeg ")).count(),
            3,
            "{list}"
        );
    }
}
