//! `diapo serve` in a real browser: the page served on 127.0.0.1 reloads by itself onto the slide
//! a save changed, shows a broken save's error over the last good deck, and drops it once the
//! deck is fixed. (`tests/suite/serve.rs` checks the server's side over plain sockets.)

use crate::support::{note, try_eval, Page};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Generous: a loaded 2-core CI machine rebuilds a debug deck slowly. Not a speed check.
const PATIENCE: Duration = Duration::from_secs(30);

const DECK: &str = "---
title: Aperçu en direct
lang: fr
---

# Aperçu en direct

## Premier point

- Texte un

## Deuxième point

- Texte deux

## Troisième point

- Texte trois

## Quatrième point

- Texte quatre
";

/// A running `diapo serve --port 0`, killed when dropped.
struct Server {
    child: Child,
    url: String,
    _stdout: Receiver<String>,
}

impl Server {
    fn start(deck: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_diapo"))
            .args(["serve", "--port", "0"])
            .arg(deck)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start diapo serve");
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + PATIENCE;
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("diapo serve never said where it serves ({e})"));
            if let Some(rest) = line.split("serving on ").nth(1) {
                break rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
            }
        };
        Server {
            child,
            url,
            _stdout: rx,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `expression` is true in the page; a page being reloaded (no document to evaluate
/// in for a moment) is simply asked again.
fn wait_for(page: &Page, expression: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if try_eval::<bool>(&page.tab, expression) == Ok(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what}: `{expression}` never held");
}

/// Replaces the first `from` in the deck by `to`, as an editor saving the file would.
fn edit(deck: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(deck).expect("read the deck");
    assert!(text.contains(from), "the deck has no {from:?}");
    std::fs::write(deck, text.replacen(from, to, 1)).expect("save the deck");
}

/// The 1-based number of the slide whose text holds `text`, as the page shows it.
fn slide_with(text: &str) -> String {
    format!(
        "(Array.from(document.querySelectorAll('.slides > section')).findIndex(function (s) {{ return s.textContent.indexOf({}) >= 0; }}) + 1)",
        serde_json::Value::from(text)
    )
}

#[test]
fn a_save_reloads_the_page_onto_the_edited_slide_and_errors_show_over_the_last_deck() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let deck = dir.path().join("deck.md");
    std::fs::write(&deck, DECK).expect("write the deck");
    let server = Server::start(&deck);
    let Some(page) = Page::blank((1280, 720), &server.url) else {
        return;
    };
    page.navigate("#/1");
    assert_eq!(page.position().0, 1);
    let before = page.total();

    // A save: the page reloads by itself onto the slide that changed, showing the new text.
    edit(&deck, "Texte trois", "Texte modifié en direct");
    wait_for(
        &page,
        &format!(
            "!!window.diapo && {} > 1 && window.diapo.slide() === {}",
            slide_with("Texte modifié en direct"),
            slide_with("Texte modifié en direct")
        ),
        "the edited slide is shown after the save",
    );
    assert_eq!(page.total(), before);
    let shown: bool = page.eval(
        "document.querySelector('.slides > section.present').textContent.indexOf('Texte modifié en direct') >= 0",
    );
    assert!(shown, "the current slide is not the edited one");

    // A broken save (a comment never closed), the error with its line over the last deck.
    edit(
        &deck,
        "## Quatrième point",
        "<!-- inconnu\n## Quatrième point",
    );
    wait_for(
        &page,
        "(function () { var e = document.getElementById('diapo-live-error'); return !!e && !e.hidden && /deck\\.md:\\d+:\\d+/.test(e.textContent) && e.textContent.indexOf('inconnu') >= 0; })()",
        "the error overlay shows the broken save",
    );
    let still: bool = page.eval(&format!("{} > 0", slide_with("Texte modifié en direct")));
    assert!(
        still,
        "the last good deck is no longer shown under the error"
    );
    let shot = page.screenshot("serve-error-overlay");
    note(&format!("diapo serve's error overlay: {}", shot.display()));

    // Fixed: the page reloads without the error.
    edit(&deck, "<!-- inconnu\n", "");
    wait_for(
        &page,
        "(function () { var e = document.getElementById('diapo-live-error'); return !!window.diapo && !!e && e.hidden; })()",
        "the overlay goes once the deck is fixed",
    );
}
