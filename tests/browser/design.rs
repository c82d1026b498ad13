//! The designer's finish as the browser draws it: the slide counter in the deck's font on the
//! footer's baseline, agenda entries without an underline but with a visible focus, a short
//! content slide's body balanced under its title.

use crate::support::{deck, Page, SAMPLE};

#[test]
fn counter_agenda_and_balance_as_drawn() {
    let Some(page) = Page::open(&deck(SAMPLE), "", (1280, 720)) else {
        return;
    };
    page.reduced_motion(true);
    page.goto(2, None);
    // The counter: the deck's body font, and its text's bottom within a pixel of the footer's.
    let (counter_font, body_font): (String, String) = page.eval(
        "[getComputedStyle(document.querySelector('.diapo-counter')).fontFamily, \
          getComputedStyle(document.querySelector('.reveal .slides > section')).fontFamily]",
    );
    assert_eq!(
        counter_font, body_font,
        "the counter is not in the deck's font"
    );
    let (counter_bottom, footer_bottom): (f64, f64) = page.eval(
        "(() => { const s = document.querySelector('section[data-index=\"2\"]'); \
           const f = s.querySelector('.slide-footer').getBoundingClientRect(); \
           const c = document.querySelector('.diapo-counter').getBoundingClientRect(); \
           const k = s.getBoundingClientRect().height / 720; \
           return [c.bottom / k, f.bottom / k]; })()",
    );
    assert!(
        (counter_bottom - footer_bottom).abs() <= 2.0,
        "counter bottom {counter_bottom}, footer bottom {footer_bottom}"
    );
    // The agenda: no underline, a focus outline when a keyboard reaches an entry.
    let agenda: usize = page.eval(
        "[...document.querySelectorAll('.slides > section')].findIndex(s => s.dataset.layout === 'agenda') + 1",
    );
    page.goto(agenda, None);
    let (decoration, border, outline): (String, String, String) = page.eval(&format!(
        "(() => {{ const a = document.querySelector('section[data-index=\"{agenda}\"] .agenda a'); \
           a.focus({{ focusVisible: true }}); const s = getComputedStyle(a); \
           return [s.textDecorationLine, s.borderBottomStyle, s.outlineStyle]; }})()"
    ));
    assert_eq!(decoration, "none");
    assert_eq!(border, "none");
    assert_ne!(outline, "none", "no focus outline on an agenda entry");
    // A short content slide: its body starts well below its title.
    let gap: f64 = page.eval(
        "(() => { const s = document.querySelector('section[data-index=\"6\"]'); \
           const k = s.getBoundingClientRect().height / 720; \
           const t = s.querySelector('.slide-title').getBoundingClientRect(); \
           const b = s.querySelector('.content > *').getBoundingClientRect(); \
           return (b.top - t.bottom) / k; })()",
    );
    assert!(gap > 60.0, "the body sits {gap}px under the title");
}
