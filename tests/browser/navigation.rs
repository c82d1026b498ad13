//! Moving through the sample deck as a trainer does: real key presses, `#/N` deep links,
//! fragments one at a time, the overview grid, the help, and what follows the current slide (the
//! progress bar, the slide counter, the address).

use crate::support::{deck, Page, SAMPLE};

const DESKTOP: (u32, u32) = (1280, 720);

/// What the chrome shows and what the DOM holds for the current slide.
#[derive(serde::Deserialize, Debug)]
struct Chrome {
    total: usize,
    slide: usize,
    fragment: usize,
    paginated: bool,
    counter: String,
    counter_shown: bool,
    /// Width of the progress bar over the width of its track.
    progress: f64,
    hash: String,
    present: Vec<usize>,
    visible_fragments: usize,
    current_fragment: Option<usize>,
    /// Fragments of the current slide that are painted (opacity 1, visible).
    painted_fragments: usize,
}

const CHROME: &str = "(function () {
  var slides = Array.from(document.querySelectorAll('.reveal .slides > section'));
  var present = slides.map(function (s, i) { return s.classList.contains('present') ? i + 1 : 0; }).filter(Boolean);
  var s = slides[window.diapo.slide() - 1];
  var frags = Array.from(s.querySelectorAll('.fragment')).filter(function (f) { return !f.closest('.notes'); });
  var counter = document.querySelector('.diapo-counter');
  var track = document.querySelector('.diapo-progress').getBoundingClientRect();
  var bar = document.querySelector('.diapo-progress > span').getBoundingClientRect();
  var current = frags.findIndex(function (f) { return f.classList.contains('current-fragment'); });
  return {
    total: window.diapo.total(),
    slide: window.diapo.slide(),
    fragment: window.diapo.fragment(),
    paginated: s.getAttribute('data-paginate') !== 'false',
    counter: counter.textContent,
    counter_shown: !counter.hidden && getComputedStyle(counter).display !== 'none',
    progress: bar.width / track.width,
    hash: location.hash,
    present: present,
    visible_fragments: frags.filter(function (f) { return f.classList.contains('visible'); }).length,
    current_fragment: current < 0 ? null : current + 1,
    painted_fragments: frags.filter(function (f) {
      var cs = getComputedStyle(f);
      return cs.visibility === 'visible' && cs.opacity === '1';
    }).length
  };
})()";

/// Checks that slide `n` with `f` fragments shown is what the deck shows, everywhere.
fn assert_at(page: &Page, n: usize, f: usize) {
    let chrome: Chrome = page.eval(CHROME);
    let total = chrome.total;
    assert_eq!(
        (chrome.slide, chrome.fragment),
        (n, f),
        "diapo.slide(), diapo.fragment()"
    );
    assert_eq!(chrome.present, vec![n], "exactly one slide is `present`");
    assert_eq!(chrome.counter, format!("{n} / {total}"), "slide counter");
    assert_eq!(
        chrome.counter_shown, chrome.paginated,
        "counter shown on slide {n}"
    );
    let expected = (n - 1) as f64 / (total - 1) as f64;
    assert!(
        (chrome.progress - expected).abs() < 0.005,
        "progress bar at slide {n}: {:.3} of the width, expected {expected:.3}",
        chrome.progress
    );
    let hash = if f > 0 {
        format!("#/{n}/{f}")
    } else {
        format!("#/{n}")
    };
    assert_eq!(chrome.hash, hash, "the address follows");
    assert_eq!(chrome.visible_fragments, f, "fragments marked visible");
    assert_eq!(chrome.painted_fragments, f, "fragments actually painted");
    assert_eq!(
        chrome.current_fragment,
        (f > 0).then_some(f),
        "the last fragment shown is the current one"
    );
}

#[test]
fn keys_move_through_slides_and_fragments() {
    let Some(page) = Page::open(&deck(SAMPLE), "", DESKTOP) else {
        return;
    };
    // Each state is checked once its fades are over: without them, sooner (the fades have their
    // own checks in the other tests of this module and in the reduced-motion test).
    page.reduced_motion(true);
    let at = |n: usize, f: usize| assert_at(&page, n, f);
    at(1, 0);
    let chrome: Chrome = page.eval(CHROME);
    let total = chrome.total;
    assert!(!chrome.counter_shown, "the title slide carries no number");

    // The first slide whose bullets appear one at a time (`*`), reached from the one before.
    let k: usize = page.eval(
        "Array.from(document.querySelectorAll('.reveal .slides > section')).findIndex(function (s, i) {
           return i > 0 && s.querySelectorAll('.fragment').length >= 2; }) + 1",
    );
    assert!(
        k >= 2 && k < total,
        "the sample deck has a slide with fragments inside it"
    );
    page.goto(k - 1, Some(0));
    let before: usize = page.eval("window.diapo.fragments()");
    page.key("ArrowRight");
    let fragments: usize = page.eval("window.diapo.fragments()");
    if before == 0 {
        at(k, 0);
    }
    let start: usize = page.position().1;
    for f in start + 1..=fragments {
        page.key("ArrowRight");
        at(k, f);
    }
    page.key("ArrowRight");
    at(k + 1, 0);
    // Back onto a slide: all its fragments are shown, then they go one at a time.
    page.key("ArrowLeft");
    at(k, fragments);
    for f in (0..fragments).rev() {
        page.key("ArrowLeft");
        at(k, f);
    }
    page.key("ArrowLeft");
    at(k - 1, before);

    // Every other key a keyboard or a clicker sends.
    page.goto(k, Some(0));
    page.key(" ");
    at(k, 1);
    page.key("PageDown");
    at(k, 2);
    page.key("PageUp");
    at(k, 1);
    page.key("ArrowUp");
    at(k, 0);
    page.key("ArrowDown");
    at(k, 1);
    page.key("Home");
    at(1, 0);
    page.key("ArrowLeft");
    at(1, 0); // nothing before the first slide
    page.key("End");
    at(total, 0);
    if page.eval::<usize>("window.diapo.fragments()") == 0 {
        page.key("ArrowRight");
        at(total, 0); // nothing after the last slide
    }

    // A slide number typed, then Enter.
    let n = total.min(12);
    for digit in n.to_string().chars() {
        page.key(&digit.to_string());
    }
    page.key("Enter");
    at(n, 0);
}

#[test]
fn deep_links_open_a_slide_and_a_fragment() {
    let html = deck(SAMPLE);
    let Some(page) = Page::open(&html, "#/9", DESKTOP) else {
        return;
    };
    assert_at(&page, 9, 0);
    // `#/N/F`: slide N with F fragments shown (the sample's slide 2 has three).
    page.navigate("#/2/2");
    assert_at(&page, 2, 2);
    // Changing the address of an open deck moves it too.
    let _: String = page.eval("location.hash = '#/20'");
    page.settle();
    assert_at(&page, 20, 0);
    // A slide's anchor (what agenda links use) opens the slide that holds it.
    let _: String = page
        .eval("location.hash = '#' + document.querySelectorAll('.reveal .slides > section')[2].id");
    page.settle();
    assert_at(&page, 3, 0);
    // Out of range: clamped to the deck.
    page.navigate("#/999");
    let total = page.total();
    assert_at(&page, total, 0);
}

#[derive(serde::Deserialize, Debug)]
struct Overlay {
    open: bool,
    deck_inert: bool,
    focused_item: Option<usize>,
    focused_current: bool,
}

const OVERVIEW: &str = "(function () {
  var d = document.querySelector('.diapo-overview');
  var items = d ? Array.from(d.querySelectorAll('.diapo-grid-item')) : [];
  var i = items.indexOf(document.activeElement);
  return {
    open: !!d && !d.hidden && d.getBoundingClientRect().height > 0,
    deck_inert: document.querySelector('.reveal').hasAttribute('inert'),
    focused_item: i < 0 ? null : i + 1,
    focused_current: i >= 0 && items[i].getAttribute('aria-current') === 'true'
  };
})()";

#[test]
fn overview_and_help_open_and_close() {
    let Some(page) = Page::open(&deck(SAMPLE), "#/5", DESKTOP) else {
        return;
    };
    page.key("O");
    let o: Overlay = page.eval(OVERVIEW);
    assert!(o.open, "O opens the overview");
    assert!(o.deck_inert, "the deck behind the overview is inert");
    assert_eq!(o.focused_item, Some(5), "focus on the current slide's card");
    assert!(
        o.focused_current,
        "the current slide's card is aria-current"
    );
    page.screenshot("sensibilisation-overview");
    page.key("Escape");
    let o: Overlay = page.eval(OVERVIEW);
    assert!(!o.open && !o.deck_inert, "Esc closes the overview");
    assert_eq!(
        page.position(),
        (5, 0),
        "closing the overview does not move"
    );

    // Choosing a card: arrows move the focus, Enter goes there.
    page.key("o");
    page.key("ArrowRight");
    page.key("ArrowRight");
    let o: Overlay = page.eval(OVERVIEW);
    assert_eq!(o.focused_item, Some(7));
    page.key("Enter");
    let o: Overlay = page.eval(OVERVIEW);
    assert!(!o.open, "Enter closes the overview");
    assert_eq!(page.position(), (7, 0), "Enter on a card goes to its slide");
    page.key("O");
    page.key("O");
    assert!(
        !page.eval::<Overlay>(OVERVIEW).open,
        "O toggles the overview"
    );

    page.key("?");
    let help: bool = page.eval(
        "(function () { var d = document.querySelector('.diapo-help');
           return !!d && !d.hidden && d.contains(document.activeElement); })()",
    );
    assert!(help, "? opens the help, focus inside");
    page.screenshot("sensibilisation-help");
    page.key("Escape");
    let closed: bool = page.eval("document.querySelector('.diapo-help').hidden");
    assert!(closed, "Esc closes the help");
    page.key("H");
    page.key("H");
    let closed: bool = page.eval("document.querySelector('.diapo-help').hidden");
    assert!(closed, "H opens and closes the help");
    assert_eq!(page.position(), (7, 0));
}
