//! Diagram blocks (```` ```mermaid ````, `plantuml`, `dot`, `graphviz`, `d2`), which Slidev,
//! Quarto and GitHub draw and diapo does not: a placeholder stands in their place on the slide,
//! in the deck's language, their source goes to the slide's speaker notes, verbatim, and a
//! warning says so at the block. The source never reaches what the audience sees, in any output.

use crate::pdf::folded;
use crate::support::{diapo, strip_tags, Deck};
use diapo::model::{plain_text, Block, Body, Note};
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/valid/diagrams";

/// What the fixture's diagrams hold that must never reach the audience.
const SOURCE_BITS: [&str; 6] = [
    "<br",
    "-->",
    "graph TD",
    "sequenceDiagram",
    "@startuml",
    "Relance",
];

const LABEL_FR: &str = "Diagramme Mermaid — non dessiné ; sa source est dans les notes";
const LABEL_EN: &str = "Mermaid diagram — not drawn; its source is in the speaker notes";

/// The text of some HTML as it reads: a space where a tag stands (a line break, the end of a
/// line of the placeholder), spaces folded.
fn read(html: &str) -> String {
    folded(&strip_tags(&html.replace('<', " <")))
}

/// `diapo build` of the fixture with `args`, exiting with `code`: the output folder (in a
/// temporary folder kept alive with it) and what it printed on stderr.
fn build(args: &[&str], code: i32) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let run = diapo()
        .args(["build", FIXTURE])
        .args(args)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(code);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    (tmp, out, stderr)
}

fn pdftotext(pdf: &Path) -> Option<String> {
    let tool = Path::new("/usr/bin/pdftotext");
    if !tool.exists() {
        eprintln!("note: pdftotext (poppler-utils) is not installed; the PDF text is not checked");
        return None;
    }
    let out = Command::new(tool)
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext {} failed", pdf.display());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn diagrams(blocks: &[&Block]) -> Vec<diapo::model::Diagram> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Diagram(d) => out.push(d.clone()),
            Block::List(list) => {
                for item in &list.items {
                    out.extend(diagrams(&item.blocks.iter().collect::<Vec<_>>()));
                }
            }
            _ => {}
        }
    }
    out
}

fn code_notes(notes: &[Note]) -> Vec<(String, String)> {
    notes
        .iter()
        .filter_map(|n| match n {
            Note::Code { lang, code, .. } => Some((lang.clone(), code.clone())),
            Note::Text(_) => None,
        })
        .collect()
}

#[test]
fn a_diagram_is_a_placeholder_and_its_source_a_speaker_note() {
    let (deck, warnings) = Deck::fixture("diagrams").parse();
    // Slide 2: the author's description is the main line, diapo's words under it; the comment
    // stays a note, after the source.
    let slide = &deck.slides[1];
    let shown = diagrams(&slide.body.blocks());
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].tool, "mermaid");
    assert_eq!(plain_text(&shown[0].alt), "Le parcours d’une demande");
    assert_eq!(folded(&plain_text(&shown[0].label)), LABEL_FR);
    assert_eq!(shown[0].line, 11);
    assert_eq!(
        code_notes(&slide.notes),
        [(
            "mermaid".to_string(),
            "graph TD\nA[Dépôt<br/>de la demande] --> B{Complète ?}\nB -->|Oui| C[Instruction]\nB -->|Non| D[Relance]\n"
                .to_string()
        )],
        "the source is kept as written (no French spaces, no curly quotes)"
    );
    assert_eq!(
        slide.notes.last().map(Note::text),
        Some("Présenter les étapes une à une.")
    );
    // Slide 3: no description, diapo's words alone.
    let shown = diagrams(&deck.slides[2].body.blocks());
    assert!(shown[0].alt.is_empty());
    assert!(plain_text(&shown[0].label).starts_with("Diagramme PlantUML"));
    assert_eq!(code_notes(&deck.slides[2].notes)[0].0, "plantuml");
    // Slide 4: a diagram in a list item; its source is the slide's note all the same.
    assert_eq!(diagrams(&deck.slides[3].body.blocks()).len(), 1);
    assert!(code_notes(&deck.slides[3].notes)[0]
        .1
        .starts_with("sequenceDiagram\n    Usager->>Guichet"));
    // Nothing of a source is on a slide.
    for slide in &deck.slides {
        let text = slide.body.text();
        for bit in SOURCE_BITS {
            assert!(!text.contains(bit), "{bit:?} is shown: {text}");
        }
    }
    // One warning a diagram, at its block.
    let said: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("diagram is not drawn"))
        .collect();
    assert_eq!(said.len(), 3, "{warnings:?}");
    assert!(said[0].starts_with("warning[syntax/foreign]: a `mermaid` diagram is not drawn: a placeholder stands in its place and its source is in the speaker notes"));
    assert!(said[0].contains("deck.md:11:1"), "{}", said[0]);
    assert!(said[1].contains("deck.md:22:1"), "{}", said[1]);
    assert!(said[2].contains("deck.md:32:3"), "{}", said[2]);
}

#[test]
fn the_html_shows_a_placeholder_and_keeps_the_source_in_the_notes() {
    let html = Deck::fixture("diagrams").html();
    let slide = html.slide(2);
    let visible = slide.visible();
    assert!(
        visible.contains(&format!(
            "role=\"img\" aria-label=\"Le parcours d’une demande ({})\"",
            LABEL_FR.replace(" ;", "\u{202f};")
        )),
        "{visible}"
    );
    assert_eq!(
        read(&visible[visible.find("<figure").unwrap()..]),
        format!("Le parcours d’une demande {LABEL_FR}")
    );
    let notes = slide.notes().expect("the slide has notes");
    assert!(
        notes.contains("<pre class=\"note-code\" data-lang=\"mermaid\"><code>graph TD\nA[Dépôt&lt;br/&gt;de la demande] --&gt; B{Complète ?}"),
        "{notes}"
    );
    for (n, source) in [(2, "graph TD"), (3, "@startuml"), (4, "sequenceDiagram")] {
        let slide = html.slide(n);
        let text = strip_tags(&slide.visible());
        for bit in SOURCE_BITS {
            assert!(!text.contains(bit), "slide {n} shows {bit:?}: {text}");
        }
        assert!(strip_tags(slide.notes().unwrap_or("")).contains(source));
    }
}

#[test]
fn the_pdfs_show_the_placeholder_and_the_notes_handout_the_source() {
    let (_tmp, out, stderr) = build(&["--format", "pdf,handout"], 0);
    assert!(
        stderr.contains("warning[syntax/foreign]: a `plantuml` diagram is not drawn")
            && stderr.contains("--> tests/fixtures/valid/diagrams/deck.md:22:1"),
        "{stderr}"
    );
    let Some(slides) = pdftotext(&out.join("slides.pdf")) else {
        return;
    };
    let slides = folded(&slides);
    assert!(
        slides.contains(&format!("Le parcours d’une demande {LABEL_FR}")),
        "{slides}"
    );
    assert!(
        slides.contains("Diagramme PlantUML — non dessiné"),
        "{slides}"
    );
    for bit in SOURCE_BITS {
        assert!(!slides.contains(bit), "the slides show {bit:?}: {slides}");
    }
    let handout = pdftotext(&out.join("handout.pdf")).unwrap_or_default();
    for line in [
        "A[Dépôt<br/>de la demande] --> B{Complète ?}",
        "[Portail] --> [Service]",
        "    Guichet-->>Usager: accusé de réception",
    ] {
        assert!(
            handout.contains(line),
            "the notes handout lacks {line:?}:\n{handout}"
        );
    }
}

#[test]
fn strict_refuses_a_deck_with_a_diagram() {
    let (_tmp, out, stderr) = build(&["--strict"], 1);
    assert!(
        stderr.starts_with("error[syntax/foreign]: a `mermaid` diagram is not drawn"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.md:11:1"), "{stderr}");
    assert!(!out.exists(), "--strict wrote an output");
}

#[test]
fn an_english_deck_says_so_in_english_and_quarto_blocks_are_diagrams_too() {
    let deck = Deck::markdown(
        "---\ntitle: Flows\nlang: en\n---\n\n# Flows\n\n## The flow\n\n```{mermaid}\n%%| fig-cap: \"The request's path\"\ngraph LR\nA --> B\n```\n\n## The graph\n\n```dot\ndigraph { a -> b }\n```\n",
    );
    let html = deck.html();
    let figure = read(&html.slide(2).visible());
    assert!(
        figure.contains(&format!("The request’s path {LABEL_EN}")),
        "{figure}"
    );
    assert!(
        !figure.contains("-->") && !figure.contains("graph LR"),
        "{figure}"
    );
    let graph = read(&html.slide(3).visible());
    assert!(
        graph.contains("Graphviz diagram — not drawn; its source is in the speaker notes"),
        "{graph}"
    );
    assert!(strip_tags(html.slide(3).notes().unwrap_or("")).contains("digraph { a -> b }"));
}

#[test]
fn a_split_slide_s_diagram_sources_go_to_the_part_that_shows_them() {
    let mut md = String::from("# Des schémas\n\n## Quatre schémas\n\n<!-- Une note à moi. -->\n\n");
    for k in 1..=4 {
        md.push_str(&format!("```mermaid\ngraph TD\nA{k} --> B{k}\n```\n\n"));
    }
    let p = Deck::markdown(&md).prepare();
    let parts: Vec<_> = p
        .deck
        .slides
        .iter()
        .filter(|s| s.title_text() == "Quatre schémas")
        .collect();
    assert!(
        parts.len() > 1,
        "the four placeholders do not fit one slide"
    );
    let mut seen = Vec::new();
    for part in &parts {
        let lines: Vec<usize> = diagrams(&part.body.blocks())
            .iter()
            .map(|d| d.line)
            .collect();
        let noted: Vec<usize> = part
            .notes
            .iter()
            .filter_map(|n| match n {
                Note::Code { line, .. } => Some(*line),
                Note::Text(_) => None,
            })
            .collect();
        assert_eq!(
            lines, noted,
            "part {}: its sources are its diagrams'",
            part.continuation
        );
        seen.extend(noted);
    }
    assert_eq!(seen.len(), 4, "every source is in some notes");
    assert_eq!(
        parts[0].notes.first().map(Note::text),
        Some("Une note à moi."),
        "the author's note stays on the first part"
    );
    assert!(matches!(parts[0].body, Body::Blocks { .. }));
}
