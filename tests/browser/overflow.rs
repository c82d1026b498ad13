//! Nothing overflows its slide: at 1280×720, 1920×1080 and 1024×768, on every slide (all its
//! fragments shown), every element's box and every run of text lies within the slide's box
//! (1 px tolerance, in the slide's own 1280×720 pixels), and the slide lies within the window.
//! Text an inner box clips on purpose (a header's ellipsis) counts only as far as that box shows it.

use crate::support::{deck, note, Page, SAMPLE, SEED};
use std::path::Path;

const SIZES: [(u32, u32); 3] = [(1280, 720), (1920, 1080), (1024, 768)];

#[derive(serde::Deserialize, Debug)]
struct Overflow {
    slide: usize,
    label: String,
    element: String,
    /// Slide pixels (1280×720 space) beyond each edge; negative is inside.
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

/// Walks every slide; returns what sticks out. Works in slide pixels (the stage is scaled).
const MEASURE: &str = r#"(function () {
  var out = [], vw = window.innerWidth, vh = window.innerHeight, TOL = 1;
  var slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
  function describe(el, s) {
    var parts = [];
    for (var e = el; e && e !== s; e = e.parentElement) {
      var name = e.tagName.toLowerCase() + (e.classList.length ? '.' + Array.from(e.classList).join('.') : '');
      var siblings = e.parentElement ? Array.from(e.parentElement.children).filter(function (c) { return c.tagName === e.tagName; }) : [];
      if (siblings.length > 1) name += ':nth-of-type(' + (siblings.indexOf(e) + 1) + ')';
      parts.unshift(name);
    }
    return parts.join(' > ') || 'section';
  }
  // The part of the viewport the slide's inner clipping boxes let through for this node.
  function clipOf(el, s) {
    var c = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (var a = el; a && a !== s; a = a.parentElement) {
      var cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible' && cs.clipPath === 'none' && cs.clip === 'auto') continue;
      var r = a.getBoundingClientRect();
      if (cs.overflowX !== 'visible' || cs.clip !== 'auto' || cs.clipPath !== 'none') { c.left = Math.max(c.left, r.left); c.right = Math.min(c.right, r.right); }
      if (cs.overflowY !== 'visible' || cs.clip !== 'auto' || cs.clipPath !== 'none') { c.top = Math.max(c.top, r.top); c.bottom = Math.min(c.bottom, r.bottom); }
    }
    return c;
  }
  slides.forEach(function (s, i) {
    window.diapo.goto(i + 1, Infinity);
    var box = s.getBoundingClientRect(), scale = box.width / 1280;
    var label = s.getAttribute('aria-label') || '';
    function report(what, r) {
      var o = {
        slide: i + 1, label: label, element: what,
        left: (box.left - r.left) / scale, top: (box.top - r.top) / scale,
        right: (r.right - box.right) / scale, bottom: (r.bottom - box.bottom) / scale
      };
      if (Math.max(o.left, o.top, o.right, o.bottom) > TOL) out.push(o);
    }
    if (box.left < -TOL || box.top < -TOL || box.right > vw + TOL || box.bottom > vh + TOL) {
      out.push({ slide: i + 1, label: label, element: 'the slide itself, in the ' + vw + '×' + vh + ' window',
        left: -box.left, top: -box.top, right: box.right - vw, bottom: box.bottom - vh });
    }
    var walker = document.createTreeWalker(s, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var el = n.nodeType === 1 ? n : n.parentElement;
        return el.closest('.notes') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var el = n.nodeType === 1 ? n : n.parentElement, r;
      if (n.nodeType === 3) {
        if (!n.textContent.trim()) continue;
        var range = document.createRange();
        range.selectNodeContents(n);
        r = range.getBoundingClientRect();
      } else {
        if (!n.getClientRects().length) continue;
        r = n.getBoundingClientRect();
      }
      if (r.width === 0 && r.height === 0) continue;
      var v = r;
      if (n.nodeType === 3) {
        // Text an inner box cuts on purpose (a header's ellipsis) counts as far as it shows.
        var c = clipOf(el, s);
        v = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
        if (v.right <= v.left || v.bottom <= v.top) continue; // entirely clipped away
      }
      var what = describe(el, s);
      if (n.nodeType === 3) what += ' (text "' + n.textContent.trim().slice(0, 40) + '")';
      report(what, v);
    }
  });
  window.diapo.goto(1, 0);
  return out;
})()"#;

/// Every overflow of the deck at `html`, at each window size, as report lines.
fn overflows(html: &Path, name: &str) -> Option<Vec<String>> {
    let page = Page::open(html, "", SIZES[0])?;
    let mut lines = Vec::new();
    for (w, h) in SIZES {
        page.viewport(w, h);
        let found: Vec<Overflow> = page.eval(MEASURE);
        for o in found {
            let sides = [
                ("left", o.left),
                ("top", o.top),
                ("right", o.right),
                ("bottom", o.bottom),
            ]
            .iter()
            .filter(|(_, v)| *v > 1.0)
            .map(|(side, v)| format!("{v:.1} px {side}"))
            .collect::<Vec<_>>()
            .join(", ");
            lines.push(format!(
                "{name} at {w}×{h}, slide {} ({}): {} overflows by {sides}",
                o.slide, o.label, o.element
            ));
        }
    }
    // The check itself: a line too long for the slide on slide 1 must be reported.
    let _: bool = page.eval(
        "(function () { var p = document.createElement('p'); p.className = 'overflow-canary';
           p.style.whiteSpace = 'nowrap'; p.textContent = 'overflow canary '.repeat(20);
           document.querySelector('.reveal .slides > section .slide-body').append(p); return true; })()",
    );
    let found: Vec<Overflow> = page.eval(MEASURE);
    assert!(
        found
            .iter()
            .any(|o| o.slide == 1 && o.element.contains("overflow-canary") && o.right > 100.0),
        "the check missed a line running off slide 1: {found:?}"
    );
    let _: bool = page.eval("(document.querySelector('.overflow-canary').remove(), true)");
    Some(lines)
}

#[test]
fn nothing_overflows_a_slide_of_the_sample_deck() {
    let Some(lines) = overflows(&deck(SAMPLE), "sample deck") else {
        return;
    };
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

#[test]
fn nothing_overflows_a_slide_of_the_seed_outline() {
    if !Path::new(SEED).is_file() {
        note(&format!(
            "browser tests: {SEED} is absent; the seed outline's overflow check is skipped"
        ));
        return;
    }
    let Some(lines) = overflows(&deck(SEED), "seed outline") else {
        return;
    };
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

#[test]
fn nothing_overflows_a_slide_of_any_layout() {
    let Some(lines) = overflows(&deck(crate::support::LAYOUTS), "layouts fixture") else {
        return;
    };
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

/// Decks written for other tools, read by their dialects: their slides fit too.
#[test]
fn nothing_overflows_a_slide_of_the_dialect_fixtures() {
    let mut all = Vec::new();
    for name in [
        "marp",
        "slidev",
        "reveal",
        "pandoc",
        "presenterm",
        "structure",
    ] {
        let source = format!("tests/fixtures/dialects/{name}");
        let Some(lines) = overflows(&deck(&source), &format!("{name} fixture")) else {
            return;
        };
        all.extend(lines);
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn nothing_overflows_a_slide_of_images_or_placeholders() {
    for fixture in ["image-formats", "image-missing", "emoji", "code"] {
        let Some(lines) = overflows(
            &deck(&format!("tests/fixtures/valid/{fixture}")),
            &format!("{fixture} fixture"),
        ) else {
            return;
        };
        assert!(lines.is_empty(), "{}", lines.join("\n"));
    }
}
