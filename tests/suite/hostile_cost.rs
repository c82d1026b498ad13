//! Inputs within every size limit whose cost once grew far faster than their size: template
//! blocks repeating each other, one long hyphenatable word, hundreds of thousands of links. Each
//! would take minutes (or gigabytes) without its bound; here each builds, or is refused with its
//! exact message, within the hostile tests' time and memory limits. See the README's "Security
//! and limits".

use crate::hostile::{slide, stderr, Workspace};

/// Blocks nested in blocks repeat what they hold: seven `{{#each}}` over a brand's seven fields
/// and two hundred values inside would write 7^7 × 200 values (minutes, gigabytes). The template
/// engine stops at the size limit of the expanded deck.
#[test]
fn template_blocks_repeating_each_other_stop_at_the_size_limit() {
    let depth = 7;
    let body = format!(
        "{{{{#with brand.name}}}}\n{}{}\n{}{{{{/with}}}}\n",
        "{{#each @root.brand}}\n".repeat(depth),
        "{{@key}} ".repeat(200),
        "{{/each}}\n".repeat(depth),
    );
    let ws = Workspace::new(slide("Boucles", &body));
    let output = ws.build(&["--brand", "justice", "--format", "html"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(
            "error: the deck's variables expand to more than 4 MB\n  --> deck/deck.md\n"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!ws.out().exists());

    // Deeper than eight blocks is refused at the ninth.
    let body = format!(
        "{{{{#with brand.name}}}}\n{}x\n{}{{{{/with}}}}\n",
        "{{#with @root}}\n".repeat(9),
        "{{/with}}\n".repeat(9),
    );
    let ws = Workspace::new(slide("Profondeur", &body));
    let output = ws.build(&["--brand", "justice", "--format", "html"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "error: template blocks are nested more than 8 deep\n  --> deck/deck.md:13:1\n"
        ),
        "{}",
        stderr(&output)
    );
}

/// A word of almost 10,000 characters with a hyphenation point every few letters: each candidate
/// head was shaped again from the word's start (33 s for 2,000 characters, more than ten minutes
/// for this one). Heads are now measured from the word shaped once.
#[test]
fn a_very_long_hyphenatable_word_builds() {
    let word = "anticonstitutionnellement".repeat(399);
    let ws = Workspace::new(slide("Un mot", &word));
    ws.builds();
}

/// 220,000 links on lines of 9,800 characters: each link's place once kept a copy of its
/// line (2 GB here, past the hostile tests' memory limit); places now share the deck's text.
#[test]
fn hundreds_of_thousands_of_links_keep_no_copies_of_their_lines() {
    let line = "[](#/1)".repeat(1_400);
    let mut deck = String::from("# Liens\n\n");
    for _ in 0..150 {
        deck.push_str(&line);
        deck.push_str("\n\n");
    }
    let ws = Workspace::new(deck);
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" check deck --json")
        .arg(env!("CARGO_BIN_EXE_diapo"))
        .current_dir(ws.dir.path())
        .output()
        .expect("run diapo check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("\"version\": 1"),
        "{stdout}\n{}",
        stderr(&output)
    );
}
