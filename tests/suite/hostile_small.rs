//! Smaller findings of the second hardening pass: what a `--reveal-js` copy inlines cannot close
//! its element, whatever the case; a slide's anchor cannot take an id the runtime needs.

use crate::hostile::{slide, Workspace};
use crate::support::Deck;

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// `</SCRIPT>` in reveal.js, `</style>` in reveal.css: either would end the element it is
/// inlined in, and what follows would run as the page's own HTML.
#[test]
fn a_reveal_js_copy_cannot_close_the_elements_it_is_inlined_in() {
    let ws = Workspace::new(slide("Une diapositive", "Texte."));
    let reveal = ws.dir.path().join("reveal/dist");
    std::fs::create_dir_all(&reveal).expect("reveal folder");
    std::fs::write(
        reveal.join("reveal.js"),
        "var a = '</SCRIPT><img src=x onerror=alert(1)>'; var b = '</Script >';",
    )
    .expect("reveal.js");
    std::fs::write(
        reveal.join("reveal.css"),
        ".x::after { content: '</STYLE><script>alert(2)</script>'; }",
    )
    .expect("reveal.css");
    let output = ws.build(&["--format", "html", "--reveal-js", "reveal"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(ws.out().join("slides.html")).expect("slides.html");
    let lower = html.to_ascii_lowercase();
    assert!(html.contains("onerror=alert(1)"), "the copy is inlined");
    // Every element closes where it was opened: as many closing tags as opening ones.
    assert_eq!(count(&lower, "</script"), count(&lower, "<script"));
    assert_eq!(count(&lower, "</style"), count(&lower, "<style"));
}

/// `{#diapo-strings}` on a slide would give two elements that id: the runtime would read the
/// slide instead of its words.
#[test]
fn a_slide_cannot_take_the_runtime_s_ids() {
    let html = Deck::markdown("# Atelier\n\n### Les mots {#diapo-strings}\n\nTexte.\n")
        .html()
        .text;
    assert_eq!(count(&html, "id=\"diapo-strings\""), 1);
    assert!(
        html.contains("id=\"diapo-strings-2\""),
        "the slide gets the next free id"
    );
}
