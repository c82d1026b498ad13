//! Fluent helpers, one per pipeline stage, so that a test reads as "this deck → this stage → this
//! check": [`Deck::fixture`] or [`Deck::markdown`] names the input, then [`Deck::parse`] (the
//! model), [`Deck::prepare`] (parsed and fitted) or [`Deck::html`] (the rendered file) runs the
//! pipeline up to the stage under test, in process. [`diapo`] runs the real binary for the CLI
//! tests. Paths stay relative to the crate root (cargo runs integration tests from there), so the
//! paths printed in diagnostics and snapshots are the same on every machine.

use diapo::build::{self, BuildOptions, Prepared};
use diapo::deck::ParseOptions;
use diapo::render::html::{self, HtmlOptions};
use std::path::{Path, PathBuf};

pub const VALID: &str = "tests/fixtures/valid";
pub const INVALID: &str = "tests/fixtures/invalid";

/// The `diapo` binary cargo built for this test run.
pub fn diapo() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_diapo"))
}

/// The folders directly under `dir`, sorted by name.
pub fn folders(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A deck on disk: a fixture folder, or Markdown written into a temporary folder.
pub struct Deck {
    path: PathBuf,
    /// Keeps a temporary deck folder alive as long as the deck.
    _dir: Option<tempfile::TempDir>,
}

impl Deck {
    /// `tests/fixtures/valid/<name>/deck.md`.
    pub fn fixture(name: &str) -> Self {
        let path = Path::new(VALID).join(name).join("deck.md");
        assert!(path.is_file(), "missing fixture {}", path.display());
        Deck { path, _dir: None }
    }

    /// A deck folder anywhere in the repository (`decks/sensibilisation`).
    pub fn fixture_path(folder: &str) -> Self {
        let path = Path::new(folder).join("deck.md");
        assert!(path.is_file(), "missing deck {}", path.display());
        Deck { path, _dir: None }
    }

    /// A deck folder holding `deck.md`, or a Markdown file, anywhere in the repository.
    pub fn fixture_path_or_file(path: &str) -> Self {
        let file = Path::new(path);
        if file.is_file() {
            Deck {
                path: file.to_path_buf(),
                _dir: None,
            }
        } else {
            Self::fixture_path(path)
        }
    }

    /// A deck written on the spot, for a targeted check that needs no fixture folder.
    pub fn markdown(text: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("deck.md");
        std::fs::write(&path, text).expect("write the deck");
        Deck {
            path,
            _dir: Some(dir),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stage 1: the parsed model, with the parse warnings printed as the CLI prints them.
    pub fn parse(&self) -> (diapo::model::Deck, Vec<String>) {
        match diapo::input::load(&self.path, &ParseOptions::default()) {
            Ok((deck, warnings)) => (deck, warnings.iter().map(ToString::to_string).collect()),
            Err(diags) => panic!("{} does not parse:\n{}", self.path.display(), text(&diags)),
        }
    }

    /// Stages 1–2: parsed, themed and fitted (long slides split into "(suite)" slides).
    pub fn prepare(&self) -> Prepared {
        build::prepare(&self.path, &BuildOptions::default()).unwrap_or_else(|diags| {
            panic!("{} does not build:\n{}", self.path.display(), text(&diags))
        })
    }

    /// Stages 1–3: the rendered `slides.html`.
    pub fn html(&self) -> Html {
        let p = self.prepare();
        let ctx = p.render_ctx(0);
        let (_, wraps, _) = diapo::build::slide_pages(&p, &ctx);
        let text = html::render(&ctx, &wraps, &HtmlOptions::default())
            .unwrap_or_else(|d| panic!("{} does not render:\n{d}", self.path.display()));
        Html { text }
    }
}

fn text(diags: &diapo::diagnostic::Diagnostics) -> String {
    diags.iter().map(ToString::to_string).collect()
}

/// A rendered deck, with accessors for its slides.
pub struct Html {
    pub text: String,
}

impl Html {
    /// Every slide, in order. Slides are the `<section id=…>` children of `.slides`; the inner
    /// `<section class="side">` of a comparison has no id and is not a slide.
    pub fn slides(&self) -> Vec<SlideHtml<'_>> {
        let starts: Vec<usize> = self
            .text
            .match_indices("<section id=\"")
            .map(|(i, _)| i)
            .collect();
        let end = self.text.find("</main>").unwrap_or(self.text.len());
        starts
            .iter()
            .enumerate()
            .map(|(k, &start)| SlideHtml {
                html: &self.text[start..starts.get(k + 1).copied().unwrap_or(end)],
            })
            .collect()
    }

    /// The slide whose 1-based number is `n` (as in `#/n` links).
    pub fn slide(&self, n: usize) -> SlideHtml<'_> {
        let slides = self.slides();
        assert!(
            (1..=slides.len()).contains(&n),
            "no slide {n} in a deck of {}",
            slides.len()
        );
        SlideHtml {
            html: slides[n - 1].html,
        }
    }

    /// The `lang` of the `<html>` element.
    pub fn lang(&self) -> Option<String> {
        let tag = opening_tag(&self.text, "<html")?;
        attr(tag, "lang")
    }

    /// The document with what makes it unreadable taken out: the inline CSS and JavaScript, the
    /// base64 payloads of data URIs (the media type is kept), and blank lines (templates leave
    /// them where an optional part is absent). What is left is the structure the templates
    /// produce, stable enough for a snapshot.
    pub fn readable(&self) -> String {
        let mut out = strip_between(&self.text, "<style>", "</style>");
        out = strip_between(&out, "<script>", "</script>");
        out = strip_between(
            &out,
            "<script type=\"application/json\" id=\"diapo-strings\">",
            "</script>",
        );
        let out = strip_base64(&out);
        let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
        lines.join("\n") + "\n"
    }
}

/// One slide's `<section>`, up to the next slide.
#[derive(Clone, Copy)]
pub struct SlideHtml<'a> {
    pub html: &'a str,
}

impl<'a> SlideHtml<'a> {
    /// An attribute of the slide's `<section>` tag.
    pub fn attr(&self, name: &str) -> Option<String> {
        attr(opening_tag(self.html, "<section")?, name)
    }

    pub fn layout(&self) -> String {
        self.attr("data-layout").unwrap_or_default()
    }

    /// The `<aside class="notes">` element, if any.
    pub fn notes(&self) -> Option<&'a str> {
        let start = self.html.find("<aside class=\"notes\">")?;
        let end = self.html[start..].find("</aside>")? + start + "</aside>".len();
        Some(&self.html[start..end])
    }

    /// The slide without its notes: what the audience sees.
    pub fn visible(&self) -> String {
        match self.notes() {
            Some(notes) => self.html.replace(notes, ""),
            None => self.html.to_string(),
        }
    }

    /// The slide's title as its `aria-label` gives it (`3 sur 7 : Titre` → `Titre`): the title of
    /// the slide even when its layout shows something else (a poll shows its question).
    pub fn label_title(&self) -> String {
        let label = self.attr("aria-label").unwrap_or_default();
        let title = label.split_once(": ").map_or("", |(_, t)| t);
        strip_tags(title)
    }

    /// The text of the slide's visible title (`h1`/`h2`), tags removed.
    pub fn title(&self) -> String {
        for tag in ["<h2", "<h1"] {
            if let Some(start) = self.html.find(tag) {
                let close = format!("</{}>", &tag[1..]);
                let open_end = self.html[start..]
                    .find('>')
                    .map_or(start, |i| start + i + 1);
                let end = self.html[open_end..]
                    .find(&close)
                    .map_or(self.html.len(), |i| open_end + i);
                return strip_tags(&self.html[open_end..end]);
            }
        }
        String::new()
    }
}

/// The opening tag starting at the first `start` (e.g. `<section`), up to its `>`.
pub fn opening_tag<'a>(html: &'a str, start: &str) -> Option<&'a str> {
    let i = html.find(start)?;
    let end = html[i..].find('>')? + i + 1;
    Some(&html[i..end])
}

/// The value of `name="…"` in a tag (not entity-decoded).
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = tag.find(&needle)? + needle.len();
    let end = tag[i..].find('"')? + i;
    Some(tag[i..end].to_string())
}

/// Every `<tag …>` opening tag of a name (`"a"` finds `<a href…>` but not `<aside>`).
pub fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let after = html[start + open.len()..].chars().next();
        let Some(end) = html[start..].find('>') else {
            break;
        };
        if matches!(after, Some(' ' | '>' | '/' | '\n')) {
            out.push(&html[start..=start + end]);
        }
        from = start + end + 1;
    }
    out
}

/// The text of some HTML, tags removed and the usual entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

fn strip_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        let body = i + open.len();
        let Some(j) = rest[body..].find(close) else {
            break;
        };
        out.push_str(&rest[..body]);
        out.push('…');
        out.push_str(close);
        rest = &rest[body + j + close.len()..];
    }
    out.push_str(rest);
    out
}

fn strip_base64(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(";base64,") {
        let body = i + ";base64,".len();
        out.push_str(&rest[..body]);
        out.push('…');
        let len = rest[body..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
            .unwrap_or(rest.len() - body);
        rest = &rest[body + len..];
    }
    out.push_str(rest);
    out
}

/// Whether every external tool must be there (`DIAPO_REQUIRE_BROWSER=1`, set by CI): then a
/// missing one fails the test instead of skipping it.
pub fn tools_required() -> bool {
    std::env::var("DIAPO_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Says a check is skipped, or fails when every tool is required.
pub fn skip(why: &str) {
    if tools_required() {
        panic!("{why} (DIAPO_REQUIRE_BROWSER=1: nothing may be skipped)");
    }
    eprintln!("note: {why}; this check is skipped");
}

/// A program on the `PATH`, or `None` with a note (a failure in CI) naming how to install it.
pub fn program(name: &str, install: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        skip(&format!("{name} is not installed ({install})"));
    }
    found
}
