//! The HTML shows what the PDF shows: for every slide of the sample deck, the seed outline and the
//! layouts fixture, the lines of text Chromium draws on the HTML slide (all fragments shown) are
//! the lines `pdftotext` reads on the same page of `slides.pdf` — the same words, broken into
//! lines at the same places. The slide layout decides the lines once (fitting, scale, wrapping,
//! hyphenation) and both outputs follow it.
//!
//! Both sides are read the same way: words with their boxes (Chromium's ranges;
//! `pdftotext -bbox`), inside the content box (the chrome — marque, header, footer, counter —
//! left out), grouped into lines by baseline and cut where a gap is wider than a word space
//! (two columns side by side make two lines). Lines are compared without their spaces (an
//! output may draw a no-break space as a gap) and without a leading list number (the HTML draws
//! it as a CSS marker, which is not text).

use crate::support::{deck, note, Page, LAYOUTS, SAMPLE, SEED};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A word and its box, in slide pixels (1280 × 720, y down).
#[derive(serde::Deserialize, Debug, Clone)]
struct Word {
    text: String,
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

/// The slide's content box in slide pixels: what lies outside is chrome.
const TOP: f64 = 84.0;
const BOTTOM: f64 = 720.0 - 64.0;

/// Every slide's words, in slide pixels, read in Chromium.
const WORDS: &str = r#"(function () {
  var out = [];
  var slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
  var skip = '.notes, .slide-header, .slide-footer, .brand-marque, .brand-logo, .visually-hidden, .diapo-counter, script, style';
  slides.forEach(function (s, i) {
    window.diapo.goto(i + 1, Infinity);
    var box = s.getBoundingClientRect(), scale = box.width / 1280, words = [];
    // The chrome's bottom: the bloc-marque may reach below the content box's top (on the cover).
    var top = 84;
    s.querySelectorAll('.brand-marque, .brand-logo').forEach(function (m) {
      var r = m.getBoundingClientRect();
      if (r.height > 0) top = Math.max(top, (r.bottom - box.top) / scale);
    });
    var walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var cs = getComputedStyle(n.parentElement);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      var re = /[^\s]+/g, m, upper = cs.textTransform === 'uppercase';
      while ((m = re.exec(n.textContent))) {
        var r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        var push = function (text, b) {
          if (b.width < 0.5) return;
          words.push({ text: upper ? text.toUpperCase() : text, left: (b.left - box.left) / scale, top: (b.top - box.top) / scale,
                       right: (b.right - box.left) / scale, bottom: (b.bottom - box.top) / scale });
        };
        if (r.getClientRects().length < 2) {
          push(m[0], r.getBoundingClientRect());
          continue;
        }
        // A word the browser broke (after a hyphen) lies on two lines: its pieces, character by
        // character.
        var piece = '', first = null, last = null;
        for (var k = 0; k < m[0].length; k++) {
          var c = document.createRange();
          c.setStart(n, m.index + k);
          c.setEnd(n, m.index + k + 1);
          var cb = c.getBoundingClientRect();
          if (first && Math.abs(cb.top - first.top) > cb.height / 2) {
            push(piece, { left: first.left, top: first.top, right: last.right, bottom: last.bottom, width: last.right - first.left });
            piece = ''; first = null;
          }
          if (!first) first = cb;
          last = cb;
          piece += m[0][k];
        }
        if (first) push(piece, { left: first.left, top: first.top, right: last.right, bottom: last.bottom, width: last.right - first.left });
      }
    }
    out.push({ top: top, words: words });
  });
  return out;
})()"#;

/// What Chromium read on one slide: its words, and where the chrome above the content ends.
#[derive(serde::Deserialize, Debug)]
struct SlideWords {
    top: f64,
    words: Vec<Word>,
}

/// Words on one baseline, cut where the gap is wider than a word space: the visual lines of
/// the content, below `top`.
fn lines(mut words: Vec<Word>, top: f64) -> Vec<String> {
    words.retain(|w| {
        let middle = (w.top + w.bottom) / 2.0;
        (top.max(TOP)..BOTTOM).contains(&middle) && !w.text.trim().is_empty()
    });
    words.sort_by(|a, b| {
        let (ma, mb) = ((a.top + a.bottom) / 2.0, (b.top + b.bottom) / 2.0);
        ma.total_cmp(&mb).then(a.left.total_cmp(&b.left))
    });
    // Rows: words whose middles are within a third of a word's height of the row's first.
    let mut rows: Vec<Vec<Word>> = Vec::new();
    for w in words {
        let middle = (w.top + w.bottom) / 2.0;
        let tolerance = (w.bottom - w.top) / 3.0;
        match rows.iter_mut().find(|row| {
            let first = &row[0];
            ((first.top + first.bottom) / 2.0 - middle).abs() <= tolerance
        }) {
            Some(row) => row.push(w),
            None => rows.push(vec![w]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.left.total_cmp(&b.left));
        let mut line: Vec<String> = Vec::new();
        let mut right: Option<f64> = None;
        for w in row {
            let height = w.bottom - w.top;
            if right.is_some_and(|r| w.left - r > 1.2 * height) {
                out.push(std::mem::take(&mut line));
            }
            line.push(w.text);
            right = Some(w.right);
        }
        out.push(line);
    }
    out.into_iter()
        .map(|words| normalise(&words))
        .filter(|l| !l.is_empty())
        .collect()
}

/// A line's words joined without spaces, a leading list number (`3.`, or `3` in a disc) and
/// a leading quotation mark (the HTML draws both as CSS decoration, which is not text) left
/// out; a row of numbers alone (the 0–10 feedback scale, drawn as boxes) is no line of text.
fn normalise(words: &[String]) -> String {
    let number = |w: &str| {
        let digits = w.trim_end_matches('.');
        !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit())
    };
    if words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
        return String::new();
    }
    let skip = usize::from(words.len() > 1 && number(&words[0]));
    let line: String = words[skip..]
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    line.strip_prefix('“').map(str::to_string).unwrap_or(line)
}

/// The words of each page of `pdf`, in slide pixels, from `pdftotext -bbox`.
fn pdf_words(pdf: &Path) -> Option<Vec<Vec<Word>>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        tag.find(&key)
            .and_then(|i| {
                let rest = &tag[i + key.len()..];
                rest[..rest.find('"')?].parse().ok()
            })
            .unwrap_or(0.0)
    };
    let unescape = |s: &str| {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    // Points to slide pixels.
    let px = 1.0 / 0.75;
    for page in text.split("<page ").skip(1) {
        let mut words = Vec::new();
        for part in page.split("<word ").skip(1) {
            let Some(end) = part.find('>') else { continue };
            let tag = &part[..end];
            let Some(close) = part.find("</word>") else {
                continue;
            };
            words.push(Word {
                text: unescape(&part[end + 1..close]),
                left: attr(tag, "xMin") * px,
                top: attr(tag, "yMin") * px,
                right: attr(tag, "xMax") * px,
                bottom: attr(tag, "yMax") * px,
            });
        }
        pages.push(words);
    }
    Some(pages)
}

/// Builds `source`'s slides PDF next to the browser suite's decks.
fn slides_pdf(source: &str, name: &str) -> PathBuf {
    let out = crate::support::artefacts().join("parity").join(name);
    let status = Command::new(env!("CARGO_BIN_EXE_diapo"))
        .arg("build")
        .arg(source)
        .arg("--out")
        .arg(&out)
        .args(["--format", "pdf"])
        .status()
        .expect("run diapo");
    assert!(status.success(), "diapo build {source} --format pdf failed");
    out.join("slides.pdf")
}

/// The slides whose lines differ between the HTML and the PDF, described.
fn differences(source: &str, name: &str) -> Option<Vec<String>> {
    let html = deck(source);
    let pdf = slides_pdf(source, name);
    let Some(pdf_pages) = pdf_words(&pdf) else {
        note("pdftotext missing: the HTML/PDF parity is not checked");
        return None;
    };
    let page = Page::open(&html, "", (1280, 720))?;
    let html_slides: Vec<SlideWords> = page.eval(WORDS);
    assert_eq!(
        html_slides.len(),
        pdf_pages.len(),
        "{name}: the HTML has {} slides, the PDF {} pages",
        html_slides.len(),
        pdf_pages.len()
    );
    let mut out = Vec::new();
    for (i, (h, p)) in html_slides.into_iter().zip(pdf_pages).enumerate() {
        let (mut h, mut p) = (lines(h.words, h.top), lines(p, h.top));
        h.sort();
        p.sort();
        if h != p {
            let only_html: Vec<&String> = h.iter().filter(|l| !p.contains(l)).collect();
            let only_pdf: Vec<&String> = p.iter().filter(|l| !h.contains(l)).collect();
            out.push(format!(
                "{name}, slide {}: lines only in the HTML {only_html:?}, only in the PDF {only_pdf:?}",
                i + 1
            ));
        }
    }
    Some(out)
}

fn assert_same_lines(source: &str, name: &str) {
    let Some(diffs) = differences(source, name) else {
        return;
    };
    assert!(
        diffs.is_empty(),
        "the HTML and the PDF break lines differently:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn the_sample_deck_shows_the_same_lines_in_html_and_pdf() {
    assert_same_lines(SAMPLE, "sample");
}

#[test]
fn the_seed_outline_shows_the_same_lines_in_html_and_pdf() {
    assert_same_lines(SEED, "seed");
}

#[test]
fn the_layouts_fixture_shows_the_same_lines_in_html_and_pdf() {
    assert_same_lines(LAYOUTS, "layouts");
}

#[test]
fn line_grouping_reads_columns_apart_and_numbers_off() {
    let w = |text: &str, left: f64, top: f64| Word {
        text: text.into(),
        left,
        top,
        right: left + 10.0 * text.len() as f64,
        bottom: top + 30.0,
    };
    let words = vec![
        w("1.", 80.0, 200.0),
        w("Un", 110.0, 201.0),
        w("mot", 140.0, 200.0),
        w("Droite", 700.0, 200.0),
        w("suite", 80.0, 240.0),
        w("chrome", 80.0, 20.0),
    ];
    assert_eq!(lines(words, 0.0), ["Unmot", "Droite", "suite"]);
    assert!(lines(vec![w("0", 80.0, 300.0), w("10", 120.0, 300.0)], 0.0).is_empty());
}

#[test]
fn decks_of_other_tools_and_real_content_show_the_same_lines_in_html_and_pdf() {
    let mut all = Vec::new();
    for source in [
        "tests/fixtures/dialects/marp",
        "tests/fixtures/dialects/slidev",
        "tests/fixtures/dialects/reveal",
        "tests/fixtures/dialects/pandoc",
        "tests/fixtures/dialects/presenterm",
        "tests/fixtures/dialects/structure",
        "tests/fixtures/valid/code",
        "tests/fixtures/valid/long-list",
        "tests/fixtures/valid/typography",
        "tests/fixtures/valid/english",
        "tests/fixtures/valid/pasted-outline",
        // Diagrams diapo does not draw: their placeholders' words break where the PDF's do.
        "tests/fixtures/valid/diagrams",
        // A cover title over three lines: the cover is laid out from the slide's own title.
        "tests/fixtures/parity/long-cover",
    ] {
        let name = source.replace('/', "-");
        let Some(diffs) = differences(source, &name) else {
            return;
        };
        all.extend(diffs);
    }
    assert!(
        all.is_empty(),
        "the HTML and the PDF break lines differently:\n{}",
        all.join("\n")
    );
}
