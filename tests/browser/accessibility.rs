//! Accessibility (RGAA 4 / WCAG 2.1 AA). axe-core runs on every slide of the sample deck and of
//! the layouts fixture, each made current in turn with its fragments shown (axe skips what is
//! hidden), and on the overview, the help and the presenter window: no violation, no rule turned
//! off, and no text whose contrast axe could not check. Then what axe cannot see: the page's
//! language comes from the deck, each slide is a named region in the browser's accessibility
//! tree, slide changes are announced in a live region, the keyboard focus is visible, and
//! `prefers-reduced-motion` removes every transition.

use crate::support::{axe_source, deck, eval_in, Page, LAYOUTS, SAMPLE};
use headless_chrome::protocol::cdp::Accessibility;
use headless_chrome::Tab;

const DESKTOP: (u32, u32) = (1280, 720);

#[derive(serde::Deserialize, Debug)]
struct Violation {
    id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<Target>,
}

#[derive(serde::Deserialize, Debug)]
struct Target {
    target: String,
    summary: String,
}

/// Every rule axe enables by default (WCAG 2.0 and 2.1, A and AA, and best practices), plus the
/// ones it retired with WCAG 2.2 that RGAA 4 and WCAG 2.1 still ask for (unique ids, valid
/// `aria-roledescription`), on CONTEXT (the whole document, or the current slide and the chrome
/// drawn over it). Gives the violations and, if VERIFY is true, the text whose contrast axe could
/// not work out (something covering it, a pseudo-element box, an image behind it), which would
/// leave a contrast failure unseen: lone symbols and digits, which axe never rates, are the only
/// ones let through.
const AXE_RUN: &str = "axe.run(CONTEXT, {
  resultTypes: ['violations', 'incomplete'],
  rules: {
    'duplicate-id': { enabled: true },
    'duplicate-id-active': { enabled: true },
    'aria-roledescription': { enabled: true }
  }
}).then(function (r) {
  function node(n) {
    return { target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ') };
  }
  var found = r.violations.map(function (v) {
    return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(node) };
  });
  r.incomplete.filter(function (v) { return VERIFY && v.id === 'color-contrast'; }).forEach(function (v) {
    var unverified = v.nodes.filter(function (n) {
      var key = ((n.any[0] || {}).data || {}).messageKey;
      return key !== 'shortTextContent' && key !== 'nonBmp';
    });
    if (unverified.length) found.push({
      id: 'color-contrast-unverified', impact: v.impact,
      help: 'axe cannot tell the contrast of this text', nodes: unverified.map(node)
    });
  });
  return found;
})";

/// The current slide and the chrome drawn over it (the rest of the deck is hidden).
const CURRENT: &str = "{ include: [['.reveal .slides > section.present'], ['.diapo-chrome']] }";

fn inject_axe(tab: &Tab, source: &str) {
    let loaded: bool = eval_in(tab, &format!("{source}\n;typeof window.axe === 'object'"));
    assert!(loaded, "axe-core did not load");
}

/// axe's findings in `tab`, one line per element, prefixed with `what`: on the whole document, or
/// with `Some(context)` (a JavaScript axe context) on that part only, every text's contrast
/// verified as well. (Not on the overlays: a line of the help wrapping over different parts of
/// the deck dimmed behind it is enough for axe to give up on its contrast, though the panel under
/// it is opaque white.)
fn audit(tab: &Tab, what: &str, context: Option<&str>) -> Vec<String> {
    let run = AXE_RUN
        .replace("CONTEXT", context.unwrap_or("document"))
        .replace("VERIFY", if context.is_some() { "true" } else { "false" });
    let violations: Vec<Violation> = eval_in(tab, &run);
    violations
        .iter()
        .flat_map(|v| {
            v.nodes.iter().map(move |n| {
                format!(
                    "{what}: {} ({}) {} — {}: {}",
                    v.id,
                    v.impact.as_deref().unwrap_or("?"),
                    v.help,
                    n.target,
                    n.summary
                )
            })
        })
        .collect()
}

/// The browser's accessibility tree under `root` (a DOM node id) holds a region named `name`.
fn region_named(tab: &Tab, root: u32, name: &str) -> bool {
    tab.call_method(Accessibility::QueryAXTree {
        node_id: Some(root),
        backend_node_id: None,
        object_id: None,
        accessible_name: Some(name.to_string()),
        role: Some("region".to_string()),
    })
    .expect("Accessibility.queryAXTree")
    .nodes
    .iter()
    .any(|n| !n.ignored)
}

/// axe on every slide of `source`, then on the overview, the help and the presenter window.
fn audit_deck(source: &str) {
    let Some(axe) = axe_source() else {
        return;
    };
    let Some(page) = Page::open(&deck(source), "", DESKTOP) else {
        return;
    };
    // The state after a move is what is audited, not the fade towards it.
    page.reduced_motion(true);
    inject_axe(&page.tab, &axe);
    // The whole document once (page-level rules: language, title, landmarks, unique ids…), then
    // each slide with what is drawn over it.
    let mut problems = audit(&page.tab, &format!("{source} (document)"), None);
    let root = page.tab.get_document().expect("DOM.getDocument").node_id;
    for (i, slide) in page.slides().iter().enumerate() {
        let what = format!("{source} slide {} ({})", i + 1, slide.label);
        page.goto(i + 1, None);
        if !region_named(&page.tab, root, &slide.label) {
            problems.push(format!(
                "{what}: not exposed as a region named by its aria-label"
            ));
        }
        problems.extend(audit(&page.tab, &what, Some(CURRENT)));
    }
    // The harness itself: the current slide's heading turned pale grey must be reported.
    let _: bool = page.eval(
        "(function () { var h = document.querySelector('section.present h1, section.present h2');
           h.id = 'axe-canary'; h.style.color = '#c8c8c8'; return true; })()",
    );
    let canary = audit(&page.tab, "canary", Some(CURRENT));
    assert!(
        canary
            .iter()
            .any(|l| l.contains("color-contrast (") && l.contains("#axe-canary")),
        "axe missed a pale grey heading: {canary:?}"
    );
    let _: bool = page.eval(
        "(function () { var h = document.getElementById('axe-canary');
           h.removeAttribute('id'); h.removeAttribute('style'); return true; })()",
    );

    page.goto(2, Some(0));
    page.key("O");
    problems.extend(audit(&page.tab, &format!("{source} overview"), None));
    page.key("Escape");
    page.key("?");
    problems.extend(audit(&page.tab, &format!("{source} help"), None));
    page.key("Escape");
    page.key("P");
    let popup = page.presenter_tab();
    inject_axe(&popup, &axe);
    problems.extend(audit(&popup, &format!("{source} presenter window"), None));
    assert!(
        problems.is_empty(),
        "{} accessibility problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn axe_finds_nothing_on_any_slide_of_the_sample_deck() {
    audit_deck(SAMPLE);
}

#[test]
fn axe_finds_nothing_on_any_slide_of_any_layout() {
    audit_deck(LAYOUTS);
}

#[test]
fn the_page_speaks_the_decks_language() {
    for (source, lang) in [(SAMPLE, "fr"), ("tests/fixtures/valid/english", "en")] {
        let Some(page) = Page::open(&deck(source), "", DESKTOP) else {
            return;
        };
        let found: String = page.eval("document.documentElement.lang");
        assert_eq!(found, lang, "<html lang> of {source}");
    }
}

#[derive(serde::Deserialize, Debug)]
struct Live {
    text: String,
    polite: bool,
    hidden: bool,
}

const LIVE: &str = "(function () {
  var live = document.querySelector('.reveal [aria-live]');
  return {
    text: live.textContent,
    polite: live.getAttribute('aria-live') === 'polite',
    hidden: !!live.closest('[aria-hidden=\"true\"], [hidden]') || getComputedStyle(live).display === 'none'
  };
})()";

#[test]
fn slide_changes_are_announced() {
    let Some(page) = Page::open(&deck(SAMPLE), "", DESKTOP) else {
        return;
    };
    let slides = page.slides();
    let strings: serde_json::Value =
        page.eval("JSON.parse(document.getElementById('diapo-strings').textContent)");
    let word = |key: &str| strings[key].as_str().unwrap_or_default().to_string();
    let live: Live = page.eval(LIVE);
    assert!(
        live.polite && !live.hidden,
        "a polite live region the deck does not hide: {live:?}"
    );
    assert_eq!(live.text, "", "nothing announced on opening");
    page.key("ArrowRight");
    let live: Live = page.eval(LIVE);
    assert_eq!(live.text, format!("{} {}", word("slide"), slides[1].label));
    page.key("End");
    let live: Live = page.eval(LIVE);
    let last = slides.last().expect("slides");
    assert_eq!(live.text, format!("{} {}", word("slide"), last.label));
    page.key("ArrowRight");
    assert_eq!(
        page.eval::<Live>(LIVE).text,
        word("end"),
        "the end is announced"
    );
}

#[derive(serde::Deserialize, Debug)]
struct Focus {
    tag: String,
    in_present_slide: bool,
    focus_visible: bool,
    /// The ring: the deck's ::after border, or the element's outline.
    ring_style: String,
    ring_width: f64,
}

const FOCUS: &str = "(function () {
  var el = document.activeElement, deck = el.classList.contains('reveal');
  var cs = deck ? getComputedStyle(el, '::after') : getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    in_present_slide: !!el.closest('section.present'),
    focus_visible: el.matches(':focus-visible'),
    ring_style: deck ? cs.borderTopStyle : cs.outlineStyle,
    ring_width: parseFloat(deck ? cs.borderTopWidth : cs.outlineWidth)
  };
})()";

#[test]
fn keyboard_focus_is_visible() {
    let Some(page) = Page::open(&deck(SAMPLE), "", DESKTOP) else {
        return;
    };
    let agenda = page
        .slides()
        .iter()
        .position(|s| s.layout == "agenda")
        .expect("the sample deck has an agenda")
        + 1;
    page.goto(agenda, None);
    page.key("Tab");
    let focus: Focus = page.eval(FOCUS);
    assert_eq!(focus.tag, "main", "Tab first reaches the deck");
    assert!(focus.focus_visible, "{focus:?}");
    assert!(
        focus.ring_style == "solid" && focus.ring_width >= 2.0,
        "the deck's focus ring: {focus:?}"
    );
    page.key("Tab");
    let focus: Focus = page.eval(FOCUS);
    assert!(
        focus.tag == "a" && focus.in_present_slide,
        "Tab then reaches the agenda's first link: {focus:?}"
    );
    assert!(
        focus.focus_visible && focus.ring_style == "solid" && focus.ring_width >= 2.0,
        "a link's focus ring: {focus:?}"
    );
    page.screenshot("sensibilisation-focus");
}

/// Elements whose computed transitions or animations last longer than 0 s.
const MOVING: &str = "Array.from(document.querySelectorAll('*')).filter(function (el) {
  var cs = getComputedStyle(el);
  var long = function (list) { return list.split(',').some(function (d) { return parseFloat(d) > 0; }); };
  return long(cs.transitionDuration) || (cs.animationName !== 'none' && long(cs.animationDuration));
}).map(function (el) { return el.tagName.toLowerCase() + '.' + Array.from(el.classList).join('.'); })";

#[test]
fn reduced_motion_removes_transitions() {
    let Some(page) = Page::open(&deck(SAMPLE), "#/2", DESKTOP) else {
        return;
    };
    // Without the preference, the deck does move: the check below means something.
    let moving: Vec<String> = page.eval(MOVING);
    assert!(
        moving.iter().any(|m| m.contains("present")),
        "the current slide fades in by default: {moving:?}"
    );
    page.reduced_motion(true);
    let duration: String =
        page.eval("getComputedStyle(document.querySelector('section.present')).transitionDuration");
    assert_eq!(duration, "0s", "the current slide's transition-duration");
    let moving: Vec<String> = page.eval(MOVING);
    assert!(
        moving.is_empty(),
        "still moving with reduced motion: {moving:?}"
    );
    // Moving on starts nothing: no transition is running right after a key.
    page.tab.press_key("ArrowRight").expect("key");
    let running: usize = page.eval("document.getAnimations().length");
    assert_eq!(running, 0, "a fragment appeared with an animation");
    page.tab.press_key("End").expect("key");
    let running: usize = page.eval("document.getAnimations().length");
    assert_eq!(running, 0, "a slide change animated");
    page.reduced_motion(false);
}
