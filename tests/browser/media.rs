//! Images as the audience sees them: an SVG drawn, an animated GIF moving, a missing or remote
//! image shown as its placeholder (alt text and address), at 1280×720, with no request leaving
//! the machine.

use crate::support::{deck, Page};

const FORMATS: &str = "tests/fixtures/valid/image-formats";
const MISSING: &str = "tests/fixtures/valid/image-missing";

/// The image box of a slide: its size on screen and its background (the image's data).
#[derive(serde::Deserialize, Debug)]
struct Shown {
    width: f64,
    height: f64,
    background: String,
    label: String,
}

fn shown(page: &Page, slide: usize) -> Shown {
    page.goto(slide, None);
    page.eval(&format!(
        "(function () {{ var el = document.querySelectorAll('.reveal .slides > section')[{}].querySelector('.diapo-img');
           var r = el.getBoundingClientRect();
           return {{ width: r.width, height: r.height, background: getComputedStyle(el).backgroundImage.slice(0, 40),
                     label: el.getAttribute('aria-label') || '' }}; }})()",
        slide - 1
    ))
}

/// Resources the page loaded from anywhere but the file itself or data addresses.
fn remote_requests(page: &Page) -> Vec<String> {
    page.eval(
        "performance.getEntriesByType('resource').map(function (e) { return e.name; })
           .filter(function (n) { return !/^(file|data):/.test(n); })",
    )
}

#[test]
fn an_svg_and_an_animated_gif_are_shown() {
    let Some(page) = Page::open(&deck(FORMATS), "", (1280, 720)) else {
        return;
    };
    let svg = shown(&page, 2);
    assert!(
        svg.background
            .starts_with("url(\"data:image/svg+xml;base64,"),
        "{svg:?}"
    );
    assert_eq!(svg.label, "Logo vectoriel");
    // 320×120 as the SVG asks, at the slide's scale (the stage is 1280 wide here).
    assert!(
        (svg.width / svg.height - 320.0 / 120.0).abs() < 0.05,
        "{svg:?}"
    );
    assert!(svg.width > 100.0, "{svg:?}");
    let gif = shown(&page, 7);
    assert!(
        gif.background.starts_with("url(\"data:image/gif;base64,"),
        "{gif:?}"
    );
    assert!(gif.height > 20.0, "{gif:?}");
    // The GIF plays: its two frames (blue, then red, 0.4 s each) differ on screen over a second.
    page.settle();
    let first = std::fs::read(page.screenshot("media-gif-a")).expect("screenshot");
    let mut moved = false;
    for i in 0..6 {
        std::thread::sleep(std::time::Duration::from_millis(250));
        let next = std::fs::read(page.screenshot(&format!("media-gif-{i}"))).expect("screenshot");
        if next != first {
            moved = true;
            break;
        }
    }
    assert!(moved, "the GIF did not move");
    assert_eq!(remote_requests(&page), Vec::<String>::new());
}

#[test]
fn a_missing_and_a_remote_image_are_placeholders_and_nothing_is_fetched() {
    let Some(page) = Page::open(&deck(MISSING), "", (1280, 720)) else {
        return;
    };
    for (slide, alt, address) in [
        (2, "Capture de la console", "captures/console.png"),
        (
            3,
            "Architecture cible",
            "https://example.org/architecture.png",
        ),
    ] {
        page.goto(slide, None);
        let (text, width, height): (String, f64, f64) = page.eval(&format!(
            "(function () {{ var el = document.querySelectorAll('.reveal .slides > section')[{}].querySelector('.diapo-img-missing');
               var r = el.getBoundingClientRect(); return [el.innerText, r.width, r.height]; }})()",
            slide - 1
        ));
        assert!(text.contains(alt) && text.contains(address), "{text}");
        // A 16:9 box the size an image would take, not a blank.
        assert!(
            (width / height - 16.0 / 9.0).abs() < 0.05,
            "{width}×{height}"
        );
        assert!(height > 200.0, "{width}×{height}");
    }
    assert_eq!(remote_requests(&page), Vec::<String>::new());
}
