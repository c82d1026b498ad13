//! French typography as the audience sees it in the HTML: a narrow no-break space (U+202F) before
//! `: ; ? !` and inside `« »`, typographic apostrophes — and nothing changed in code, URLs, times
//! or English decks.

use crate::support::{Deck, Html};

const NNBSP: char = '\u{202f}';

fn typography() -> Html {
    Deck::fixture("typography").html()
}

/// The slides only: the runtime's own strings must not hide a missing space in the deck's text.
fn slides_text(html: &Html) -> String {
    html.slides().iter().map(|s| s.html).collect()
}

#[test]
fn narrow_spaces_before_high_punctuation() {
    let html = slides_text(&typography());
    for expected in [
        "Pourquoi changer\u{202f}? Parce que les usages changent\u{202f}!",
        "Deux points\u{202f}: la doctrine",
        "«\u{202f}cloud au centre\u{202f}»\u{202f}; et l’accessibilité.",
        "Guillemets collés\u{202f}: «\u{202f}cloud\u{202f}» et «\u{202f}déjà espacés\u{202f}».",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    // The ordinary space the author typed is replaced, not kept next to the narrow one.
    assert!(!html.contains(" \u{202f}") && !html.contains("\u{202f} ?"));
}

#[test]
fn titles_get_the_same_spaces() {
    let html = Deck::markdown("# Pourquoi ?\n\n## Qu'est-ce que le « cloud » ?\n\nTexte.\n").html();
    assert_eq!(html.slide(1).title(), "Pourquoi\u{202f}?");
    assert_eq!(
        html.slide(2).title(),
        "Qu’est-ce que le «\u{202f}cloud\u{202f}»\u{202f}?"
    );
}

#[test]
fn code_is_left_as_written() {
    let html = slides_text(&typography());
    assert!(html.contains("<code>a : b ? c</code>"));
    // Highlighted, and its text as written.
    assert!(html.contains(
        "<pre><code class=\"language-yaml\"><span class=\"tok-k\">cle</span>: valeur ?</code></pre>"
    ));
    for code in html.split("<code").skip(1) {
        let code = &code[..code.find("</code>").unwrap_or(code.len())];
        assert!(!code.contains(NNBSP), "a narrow space in code: {code:?}");
    }
}

#[test]
fn urls_and_times_are_left_as_written() {
    let html = slides_text(&typography());
    assert!(html.contains("10:30."));
    assert!(html.contains(
        "<a href=\"https://www.numerique.gouv.fr/services/cloud/doctrine/?source=deck#faq\" \
         rel=\"noopener noreferrer\" target=\"_blank\">la doctrine</a>"
    ));
    assert!(html.contains(
        "<a href=\"https://exemple.gouv.fr/recherche?q=cloud:native\" \
         rel=\"noopener noreferrer\" target=\"_blank\">https://exemple.gouv.fr/recherche?q=cloud:native</a>"
    ));
    for href in html.split("href=\"").skip(1) {
        let href = &href[..href.find('"').unwrap_or(0)];
        assert!(!href.contains(NNBSP), "a narrow space in a URL: {href:?}");
    }
}

#[test]
fn english_decks_keep_english_punctuation() {
    let html = Deck::fixture("english").html();
    let slides = slides_text(&html);
    assert!(slides.contains("Services that run on Kubernetes: they ship often. Why? Because"));
    assert!(!slides.contains(NNBSP), "a French space in an English deck");
}
