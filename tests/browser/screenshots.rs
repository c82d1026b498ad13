//! Screenshots for a human to look at, in `target/browser-artefacts/`: one slide of each layout
//! of the sample deck and every slide of the layouts fixture, at 1280×720, fragments shown. The
//! test only checks that each shot shows a painted slide (the theme's top rule, not a blank page).

use crate::support::{deck, Page, LAYOUTS, SAMPLE};
use std::path::Path;

/// The slide's top rule (8 px) is blue France, or red Marianne on section slides.
fn assert_painted(png: &Path, layout: &str) {
    let image = image::open(png)
        .unwrap_or_else(|e| panic!("{}: {e}", png.display()))
        .to_rgb8();
    assert_eq!(image.dimensions(), (1280, 720), "{}", png.display());
    let rule = image.get_pixel(640, 3).0;
    let expected = if layout == "section" {
        [0xe1, 0x00, 0x0f]
    } else {
        [0x00, 0x00, 0x91]
    };
    assert_eq!(
        rule,
        expected,
        "{}: the top rule is {rule:?}, not the theme's colour",
        png.display()
    );
}

/// Shoots `slides` (1-based) of the deck at `html`, named `<prefix>-NN-<layout>.png`.
fn shoot(html: &Path, prefix: &str, pick: impl Fn(&[String]) -> Vec<usize>) {
    let Some(page) = Page::open(html, "", (1280, 720)) else {
        return;
    };
    page.reduced_motion(true); // the slide as it ends up, without waiting for each fade
    let layouts: Vec<String> = page.slides().into_iter().map(|s| s.layout).collect();
    for n in pick(&layouts) {
        let layout = &layouts[n - 1];
        page.goto(n, None);
        let png = page.screenshot(&format!("{prefix}-{n:02}-{layout}"));
        assert_painted(&png, layout);
    }
}

#[test]
fn screenshots_of_the_sample_deck() {
    shoot(&deck(SAMPLE), "sensibilisation", |layouts| {
        // The first slide of each layout the deck uses.
        let mut seen = Vec::new();
        let mut picks = Vec::new();
        for (i, layout) in layouts.iter().enumerate() {
            if !seen.contains(layout) {
                seen.push(layout.clone());
                picks.push(i + 1);
            }
        }
        for wanted in ["title", "section", "testimony", "comparison", "closing"] {
            assert!(
                seen.iter().any(|l| l == wanted),
                "the sample deck has no {wanted} slide"
            );
        }
        picks
    });
}

#[test]
fn screenshots_of_every_layout() {
    shoot(&deck(LAYOUTS), "layouts", |layouts| {
        (1..=layouts.len()).collect()
    });
}

/// The layouts fixture built for `theme` (and a brand), into the artefacts folder.
fn themed(theme: &str, brand: Option<&str>) -> std::path::PathBuf {
    let out = crate::support::artefacts()
        .join("decks")
        .join(format!("layouts-{theme}"));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_diapo"));
    cmd.args([
        "build", LAYOUTS, "--format", "html", "--theme", theme, "--out",
    ])
    .arg(&out);
    if let Some(b) = brand {
        cmd.args(["--brand", b]);
    }
    let output = cmd.output().expect("run diapo");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    match brand {
        Some(b) => out.join(b).join("slides.html"),
        None => out.join("slides.html"),
    }
}

/// Every layout in every other theme (and etat with a brand), for a human to look at: each shot
/// must show a painted slide, not a blank page.
#[test]
fn screenshots_of_every_layout_in_every_theme() {
    for (theme, brand) in [("sobre", None), ("sombre", None), ("etat", Some("justice"))] {
        let html = themed(theme, brand);
        let Some(page) = Page::open(&html, "", (1280, 720)) else {
            return;
        };
        page.reduced_motion(true);
        let layouts: Vec<String> = page.slides().into_iter().map(|s| s.layout).collect();
        for (i, layout) in layouts.iter().enumerate() {
            page.goto(i + 1, None);
            let name = format!(
                "layouts-{theme}{}-{:02}-{layout}",
                brand.map(|b| format!("-{b}")).unwrap_or_default(),
                i + 1
            );
            let png = page.screenshot(&name);
            let image = image::open(&png).expect("screenshot").to_rgb8();
            let first = *image.get_pixel(0, 0);
            let painted = image.pixels().filter(|p| **p != first).count();
            assert!(painted > 2000, "{}: a blank slide", png.display());
        }
    }
}
