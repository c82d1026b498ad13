//! Links. Every link to a slide must lead to one: `#anchor` to a slide's anchor (its title in
//! lower case with dashes, or the `{#id}` written after it), `#/N` to a slide number of the deck
//! as shown ("(suite)" slides count). Links to the web are listed: the room may be offline.
//! Dangerous addresses and duplicate anchors are found by the parser.

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::Deck;
use crate::rules::Rule;
use std::collections::HashSet;

pub fn check(deck: &Deck, findings: &mut Diagnostics) {
    let anchors: HashSet<&str> = deck.slides.iter().map(|s| s.anchor.as_str()).collect();
    // Suggestions compare with every anchor: only for the first few broken links.
    let mut suggestions = 20;
    for link in &deck.links {
        let Some(target) = link.url.strip_prefix('#') else {
            if crate::deck::is_remote(&link.url) {
                findings.push(
                    Diagnostic::info(format!("links to {}", link.url))
                        .rule(Rule::ExternalLink)
                        .at(link.at.clone())
                        .with_hint("the audience may be offline: check the room's connection, or show what matters on the slide"),
                );
            }
            continue;
        };
        if let Some(number) = target.strip_prefix('/') {
            let total = deck.slides.len();
            match number.parse::<usize>() {
                Ok(n) if (1..=total).contains(&n) => {}
                _ => findings.push(
                    Diagnostic::warning(format!(
                        "`#/{number}` leads to no slide: the deck has {total} slide{}",
                        if total == 1 { "" } else { "s" }
                    ))
                    .rule(Rule::BrokenInternalLink)
                    .at(link.at.clone())
                    .with_hint(format!(
                        "slides are numbered 1 to {total}, “(suite)” slides included; a link to the slide's anchor (`#its-title`) does not move when slides are added"
                    )),
                ),
            }
            continue;
        }
        if anchors.contains(target) {
            continue;
        }
        let d = Diagnostic::warning(format!("no slide has the anchor `#{target}`"))
            .rule(Rule::BrokenInternalLink)
            .at(link.at.clone());
        let suggestion = if suggestions > 0 {
            suggestions -= 1;
            did_you_mean(target, deck.slides.iter().map(|s| s.anchor.as_str()))
        } else {
            None
        };
        findings.push(match suggestion {
            Some(a) => d.with_hint(format!("did you mean `#{a}`?")),
            None => d.with_hint(
                "a slide's anchor is its title in lower case with dashes, or the `{#id}` written after it",
            ),
        });
    }
}
