//! The presenter view: P opens a pop-up (an about:blank document the runtime writes), which shows
//! the current and next slides, the notes and the timer, follows the deck, and drives it.

use crate::support::{deck, eval_in, screenshot, set_viewport, Page, SAMPLE};

/// What the presenter window shows, read from the deck's window (`diapo.presenter.document`).
#[derive(serde::Deserialize, Debug)]
struct View {
    count: String,
    current: String,
    next: Option<String>,
    next_label: String,
    notes: String,
    elapsed: String,
    remaining: String,
    toggle: String,
    running: bool,
}

const VIEW: &str = "(function () {
  var w = window.diapo.presenter;
  if (!w) return null;
  var d = w.document, q = function (s) { return d.querySelector(s); };
  var next = q('.diapo-p-next .diapo-thumb section');
  var times = d.querySelectorAll('.diapo-p-time');
  return {
    count: q('.diapo-p-count').textContent,
    current: q('.diapo-p-current .diapo-thumb section').getAttribute('aria-label'),
    next: next && next.getAttribute('aria-label'),
    next_label: q('.diapo-p-next .diapo-p-label').textContent + ' ' + q('.diapo-p-next .diapo-p-stage').textContent,
    notes: q('.diapo-p-notes-body').textContent,
    elapsed: times[0].textContent,
    remaining: times[1].textContent,
    toggle: q('.diapo-p-btn').textContent,
    running: q('.diapo-p-btn').getAttribute('aria-pressed') === 'true'
  };
})()";

/// The speaker and facilitator notes of slide `n`, as the deck holds them (or what the presenter
/// says when there are none).
fn notes(page: &Page, n: usize) -> String {
    page.eval(&format!(
        "(function () {{ var a = document.querySelectorAll('.reveal .slides > section')[{}].querySelector('aside.notes');
           return a && a.textContent.trim() ? a.textContent
             : JSON.parse(document.getElementById('diapo-strings').textContent).no_notes; }})()",
        n - 1
    ))
}

/// Whitespace-insensitive text, for comparing the notes in both windows.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn seconds(clock: &str) -> u64 {
    clock
        .split(':')
        .map(|part| {
            part.parse::<u64>()
                .unwrap_or_else(|_| panic!("not a clock: {clock}"))
        })
        .fold(0, |acc, part| acc * 60 + part)
}

#[test]
fn presenter_view_follows_and_drives_the_deck() {
    let Some(page) = Page::open(&deck(SAMPLE), "", (1280, 720)) else {
        return;
    };
    let slides = page.slides();
    let total = slides.len();
    let strings: serde_json::Value =
        page.eval("JSON.parse(document.getElementById('diapo-strings').textContent)");
    let word = |key: &str| strings[key].as_str().unwrap_or_default().to_string();

    page.key("P");
    let view: Option<View> = page.eval(VIEW);
    let view = view.expect("P opens the presenter window (diapo.presenter)");
    let popup = page.presenter_tab();
    let ready: bool = eval_in(
        &popup,
        "document.body.classList.contains('diapo-presenter')",
    );
    assert!(ready, "the pop-up target is the presenter view");
    // The size the runtime asks for (a headless pop-up gets a small default window).
    set_viewport(&popup, 1280, 800);

    // Slide 1: current and next slides, notes, a timer waiting for the first move.
    assert_eq!(view.count, format!("1 / {total}"));
    assert_eq!(view.current, slides[0].label);
    assert_eq!(view.next.as_deref(), Some(slides[1].label.as_str()));
    let first_notes = notes(&page, 1);
    assert!(
        first_notes.contains(&word("facilitator")),
        "slide 1 of the sample has speaker and facilitator notes: {first_notes:?}"
    );
    assert_eq!(
        flat(&view.notes),
        flat(&first_notes),
        "the presenter shows slide 1's notes"
    );
    let minutes: u64 = page.eval(
        "parseFloat(document.querySelector('.reveal').getAttribute('data-duration-minutes'))",
    );
    assert_eq!(view.elapsed, "00:00");
    assert_eq!(
        view.remaining,
        format!("{minutes:02}:00"),
        "the deck's duration is left"
    );
    assert!(!view.running, "the timer waits for the first move");
    assert_eq!(view.toggle, word("start"));
    screenshot(&popup, "sensibilisation-presenter");

    // The deck drives the presenter: the first move past the title starts the timer.
    page.key("ArrowRight");
    let view: View = page.eval(VIEW);
    assert_eq!(view.count, format!("2 / {total}"));
    assert_eq!(view.current, slides[1].label);
    assert_eq!(view.next.as_deref(), Some(slides[2].label.as_str()));
    assert_eq!(
        flat(&view.notes),
        flat(&notes(&page, 2)),
        "the presenter shows slide 2's notes"
    );
    assert!(view.running, "moving past the title starts the timer");
    assert_eq!(view.toggle, word("pause"));
    assert_eq!(
        seconds(&view.elapsed) + seconds(&view.remaining),
        minutes * 60,
        "elapsed {} + remaining {} make the duration",
        view.elapsed,
        view.remaining
    );

    // The presenter drives the deck: its keys are real key events in the pop-up.
    popup.press_key("ArrowRight").expect("key in the presenter");
    page.settle();
    assert_eq!(
        page.position(),
        (2, 1),
        "a key in the presenter shows a fragment"
    );
    popup.press_key("End").expect("key in the presenter");
    page.settle();
    assert_eq!(page.position(), (total, 0));
    let view: View = page.eval(VIEW);
    assert_eq!(view.count, format!("{total} / {total}"));
    assert_eq!(view.next, None, "no next slide after the last");
    assert!(
        view.next_label.contains(&word("end")),
        "the next box says the presentation ends: {:?}",
        view.next_label
    );
    popup.press_key("Home").expect("key in the presenter");
    page.settle();
    assert_eq!(page.position(), (1, 0));
    assert_eq!(page.eval::<View>(VIEW).current, slides[0].label);

    // Long notes scroll from the keyboard: focused, the notes take the up and down arrows.
    let scrollable: bool = eval_in(
        &popup,
        "(function () { var n = document.querySelector('.diapo-p-notes-body'); n.focus();
           return document.activeElement === n && n.scrollHeight > n.clientHeight; })()",
    );
    assert!(
        scrollable,
        "slide 1's notes overflow their box and it takes the focus"
    );
    popup.press_key("ArrowDown").expect("key in the presenter");
    let scrolled: bool = eval_in(
        &popup,
        "new Promise(function (done) {
           var n = document.querySelector('.diapo-p-notes-body'), tries = 0;
           (function check() { if (n.scrollTop > 0 || ++tries > 300) done(n.scrollTop > 0); else requestAnimationFrame(check); })();
         })",
    );
    assert!(scrolled, "ArrowDown scrolls the focused notes");
    assert_eq!(page.position(), (1, 0), "…and does not move the deck");

    // A slide without notes says so.
    let bare = (1..=total).find(|&n| notes(&page, n) == word("no_notes"));
    if let Some(n) = bare {
        page.goto(n, Some(0));
        assert_eq!(page.eval::<View>(VIEW).notes, word("no_notes"));
    }

    // Closing the pop-up leaves the deck working without it.
    let closed: bool = page.eval(
        "new Promise(function (done) {
           window.diapo.presenter.close();
           (function check() { if (!window.diapo.presenter) done(true); else setTimeout(check, 10); })();
         })",
    );
    assert!(closed);
    page.key("ArrowRight");
    assert_ne!(page.position(), (1, 0));
}

/// A diagram diapo does not draw: the audience sees its placeholder, never its source; the
/// presenter reads the source in the notes, line for line, in a monospaced font.
#[test]
fn a_diagram_s_source_is_in_the_presenter_notes_and_not_on_the_slide() {
    let Some(page) = Page::open(&deck("tests/fixtures/valid/diagrams"), "", (1280, 720)) else {
        return;
    };
    page.goto(2, None);
    // What the audience sees: the slide's rendered text (its notes are not shown).
    let shown: String =
        page.eval("document.querySelectorAll('.reveal .slides > section')[1].innerText");
    assert!(shown.contains("Diagramme Mermaid"), "{shown}");
    for bit in ["<br", "-->", "graph TD", "Relance"] {
        assert!(!shown.contains(bit), "the slide shows {bit:?}: {shown}");
    }
    let label: String = page.eval(
        "document.querySelectorAll('.reveal .slides > section')[1].querySelector('[role=img]').getAttribute('aria-label')",
    );
    assert!(
        label.starts_with("Le parcours d’une demande (Diagramme Mermaid"),
        "{label}"
    );

    page.key("P");
    let popup = page.presenter_tab();
    set_viewport(&popup, 1280, 800);
    #[derive(serde::Deserialize, Debug)]
    struct Code {
        text: String,
        white_space: String,
        font: String,
    }
    let code: Option<Code> = eval_in(
        &popup,
        "(function () { var p = document.querySelector('.diapo-p-notes-body pre'); if (!p) return null;
           var cs = getComputedStyle(p);
           return { text: p.textContent, white_space: cs.whiteSpace, font: cs.fontFamily }; })()",
    );
    let code = code.expect("the presenter notes hold the diagram's source as preformatted text");
    assert_eq!(
        code.text,
        "graph TD\nA[Dépôt<br/>de la demande] --> B{Complète ?}\nB -->|Oui| C[Instruction]\nB -->|Non| D[Relance]"
    );
    assert_eq!(code.white_space, "pre-wrap", "lines and indentation kept");
    assert!(
        code.font.contains("Mono") || code.font.contains("monospace"),
        "{}",
        code.font
    );
    screenshot(&popup, "diagram-presenter");
}
