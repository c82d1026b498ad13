//! Hostile and broken decks that are too large to keep as fixtures, generated here into temporary
//! folders: deep nesting, huge lists and lines, huge images, every place text reaches the HTML,
//! outputs that cannot be written. Each either builds within bounds (time and, on Linux, memory)
//! or fails with its exact message and writes nothing. Inputs that crashed or overflowed the stack
//! are replayed through what each fuzz target runs (`tests/fixtures/fuzz/<target>/`).
//!
//! What is refused and what is built, and the limits behind it, are listed in the README's
//! "Security and limits".

use crate::support::Deck;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Longest a hostile build may take (a debug build, on a slow shared machine).
const TIME_LIMIT: Duration = Duration::from_secs(120);
/// Most address space a hostile build may use, in kB (Linux only).
const MEMORY_LIMIT_KB: u64 = 2 * 1024 * 1024;

/// A deck folder in a temporary folder, and where its outputs go.
pub(crate) struct Workspace {
    pub(crate) dir: tempfile::TempDir,
}

impl Workspace {
    pub(crate) fn new(markdown: impl AsRef<[u8]>) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(dir.path().join("deck")).expect("deck folder");
        std::fs::write(dir.path().join("deck/deck.md"), markdown).expect("write the deck");
        Workspace { dir }
    }

    pub(crate) fn deck(&self) -> PathBuf {
        self.dir.path().join("deck")
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn file(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.deck().join(name), bytes).expect("write a deck file");
    }

    /// `diapo build deck --out out ARGS`, bounded in time and memory.
    pub(crate) fn build(&self, args: &[&str]) -> Output {
        let mut cmd = if cfg!(target_os = "linux") {
            let mut sh = std::process::Command::new("sh");
            sh.arg("-c")
                .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
                .arg(env!("CARGO_BIN_EXE_diapo"));
            sh
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_diapo"))
        };
        // Relative paths, so that messages read `deck/deck.md` on every machine.
        cmd.args(["build", "deck", "--out", "out"])
            .args(args)
            .current_dir(self.dir.path());
        assert_cmd::Command::from_std(cmd)
            .timeout(TIME_LIMIT)
            .output()
            .expect("run diapo")
    }

    /// Builds and expects success, with every output written.
    pub(crate) fn builds(&self) -> String {
        let output = self.build(&[]);
        assert!(
            output.status.success(),
            "the build failed ({:?}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        for name in ["slides.html", "slides.pdf", "handout.pdf"] {
            assert!(self.out().join(name).is_file(), "{name} was not written");
        }
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Builds and expects exit code 1, exactly `expected` on stderr (paths as printed from the
    /// workspace: `deck/deck.md`), and no output folder.
    fn fails_with(&self, expected: &str) {
        let output = self.build(&[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
        assert_eq!(stderr, expected);
        assert!(output.stdout.is_empty());
        assert!(!self.out().exists(), "an output folder was created");
    }
}

/// What a run of diapo wrote on stderr.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn slide(title: &str, body: &str) -> String {
    format!("# Atelier\n\n### {title}\n\n{body}\n")
}

#[test]
fn two_thousand_nested_quotes_build() {
    let markdown = slide("Citations", &format!("{} au fond\n", ">".repeat(2_000)));
    ws_builds(&markdown);
    in_small_stack(markdown.into_bytes());
}

#[test]
fn four_hundred_nested_lists_build() {
    let list: String = (0..400)
        .map(|depth| format!("{}- niveau {depth}\n", "  ".repeat(depth)))
        .collect();
    let markdown = slide("Listes", &list);
    ws_builds(&markdown);
    in_small_stack(markdown.into_bytes());
}

/// Ten thousand levels of emphasis, strike-through and links (the delimiters alone: the text is a
/// single `x`, under the length limit). Built by the binary, and run in process on a thread with
/// a small stack.
#[test]
fn deep_inline_nesting_builds() {
    for body in [
        format!("{}x{}", "*".repeat(10_000), "*".repeat(10_000)),
        format!("{}x{}", "*_".repeat(5_000), "_*".repeat(5_000)),
        format!("{}x{}", "_*".repeat(5_000), "*_".repeat(5_000)),
        format!("{}x{}", "**__".repeat(2_500), "__**".repeat(2_500)),
        format!("{}x{}", "~~*".repeat(3_000), "*~~".repeat(3_000)),
        format!("{}x{}", "[".repeat(1_900), "](u)".repeat(1_900)),
        format!("{}x{}", "[*".repeat(1_000), "*](#u)".repeat(1_000)),
        format!("{}x", "![".repeat(4_900)),
        "`".repeat(9_000),
        "<".repeat(9_000),
    ] {
        let markdown = slide("Imbrications", &body);
        ws_builds(&markdown);
        in_small_stack(markdown.into_bytes());
    }
}

/// Parses, lays out and renders a deck in process, on a thread with a 2 MB stack (the binary's
/// main thread has 8 MB): recursion bounded by the nesting caps fits either way.
fn in_small_stack(markdown: Vec<u8>) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || replay_pdf(&markdown))
        .expect("spawn")
        .join()
        .expect("the deck overflowed a 2 MB stack or panicked");
}

fn ws_builds(markdown: &str) {
    Workspace::new(markdown).builds();
}

#[test]
fn ten_thousand_bullets_build_on_continued_slides() {
    let list: String = (1..=10_000).map(|i| format!("- point {i}\n")).collect();
    let stdout = Workspace::new(slide("Inventaire", &list)).builds();
    let slides: usize = stdout
        .rsplit_once('(')
        .and_then(|(_, n)| n.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a slide count");
    assert!((500..=2_000).contains(&slides), "{slides} slides");
}

#[test]
fn a_hundred_thousand_bullets_are_too_many_slides() {
    let list: String = (1..=100_000).map(|i| format!("- point {i}\n")).collect();
    Workspace::new(slide("Inventaire", &list)).fails_with(
        "error: the deck would have more than 2000 slides
  --> deck/deck.md:3:1
  |
3 | ### Inventaire
  | ^^^^^^^^^^^^^^ a deck is for one session: split it into several decks, or shorten long lists (they continue on “(suite)” slides)
",
    );
}

#[test]
fn a_ten_megabyte_line_is_refused_by_size() {
    let line = "mot ".repeat(2_500_000);
    Workspace::new(slide("Collé", &line)).fails_with(
        "error: the deck is 9.6 MB, more than the 2 MB a deck may be
  --> deck/deck.md
  = hint: split it into several decks, or move large data out of the Markdown
",
    );
}

#[test]
fn a_one_megabyte_line_is_refused_at_its_line() {
    let line = "mot ".repeat(250_000);
    Workspace::new(slide("Collé", &line)).fails_with(&format!(
        "error: this paragraph holds 999999 characters, more than a slide can show (10000 at most)
  --> deck/deck.md:5:1
  |
5 | {}…
  | ^ cut it, or spread it over several paragraphs and slides
",
        "mot ".repeat(40)
    ));
}

/// A deck that is a device (here, endless zeros) is not read: only files are.
#[test]
fn a_deck_that_never_ends_is_refused() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let ws = Workspace::new("");
    std::fs::remove_file(ws.deck().join("deck.md")).expect("remove the deck");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", ws.deck().join("deck.md")).expect("symlink");
    ws.fails_with(
        "error: no deck.md in deck
  --> deck
  = hint: a deck folder holds a `deck.md`; or pass the Markdown file itself
",
    );
}

/// A PNG of `width`×`height` declared in its header, with `data` as its (compressed) pixels and
/// `padding` bytes of an ancillary chunk before them.
fn png(width: u32, height: u32, padding: usize) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    // One filter byte and three zero bytes per pixel, stored uncompressed in zlib blocks.
    let raw: Vec<u8> = (0..height)
        .flat_map(|_| std::iter::once(0).chain(std::iter::repeat_n(0, 3 * width as usize)))
        .collect();
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        zlib.extend((block.len() as u16).to_le_bytes());
        zlib.extend((!(block.len() as u16)).to_le_bytes());
        zlib.extend(*block);
    }
    zlib.extend(adler32(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    if padding > 0 {
        chunk(&mut out, b"zzZz", &vec![b'z'; padding]);
    }
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[test]
fn a_fifty_megabyte_image_is_refused() {
    let ws = Workspace::new(slide("Photo", "![Le bureau](bureau.png)"));
    ws.file("bureau.png", &png(4, 4, 50 * 1024 * 1024));
    ws.fails_with(
        "error[images/unreadable]: cannot use the image bureau.png: the file is 50.1 MB, more than the 32 MB allowed
  --> deck/deck.md:5:14
  |
5 | ![Le bureau](bureau.png)
  |              ^^^^^^^^^^ use a PNG, JPEG, GIF, WebP, BMP or SVG file of reasonable size
",
    );
}

#[test]
fn an_image_claiming_a_hundred_thousand_pixels_a_side_is_refused_before_decoding() {
    let ws = Workspace::new(slide("Photo", "![Le bureau](bureau.png)"));
    let mut header = png(1, 1, 0);
    // Rewrite the declared size (and the header's checksum) without the pixels to match.
    header[16..24].copy_from_slice(&[0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0]);
    let crc = crc32(&header[12..29]);
    header[29..33].copy_from_slice(&crc.to_be_bytes());
    ws.file("bureau.png", &header);
    ws.fails_with(
        "error[images/unreadable]: cannot use the image bureau.png: the image is 100000×100000 pixels, more than the 12000 allowed across or down
  --> deck/deck.md:5:14
  |
5 | ![Le bureau](bureau.png)
  |              ^^^^^^^^^^ use a PNG, JPEG, GIF, WebP, BMP or SVG file of reasonable size
",
    );
}

#[test]
fn an_image_padded_with_junk_is_inlined_without_it() {
    let ws = Workspace::new(slide("Photo", "![Le bureau](bureau.png)"));
    ws.file("bureau.png", &png(64, 48, 20 * 1024 * 1024));
    ws.builds();
    let html = std::fs::metadata(ws.out().join("slides.html")).expect("slides.html");
    assert!(
        html.len() < 2 * 1024 * 1024,
        "the HTML is {} bytes",
        html.len()
    );
}

#[test]
fn a_large_image_is_downscaled() {
    let ws = Workspace::new(slide("Photo", "![Le bureau](bureau.png)"));
    ws.file("bureau.png", &png(2_500, 2_000, 0));
    ws.builds();
}

#[test]
fn control_characters_and_odd_unicode_build() {
    let body = "Texte\u{0}nul, échappement \u{1b}[31m, cloche \u{7}, \u{feff}BOM au milieu, \
        \u{202e}inversé\u{202c}, zéro\u{200b}largeur, \u{fffe}\u{ffff}, \u{10ffff}, \u{1f600}\r\n\
        - \u{85}suivant\u{2028}ligne\u{2029}paragraphe\n\t\ttabulations\n";
    ws_builds(&format!("# Atelier\r\n\r\n### Caractères\r\n\r\n{body}"));
}

/// `<` and a name: the tags of a document, with their attributes, read the way a browser's
/// tokenizer reads them (quoted values, unquoted values, `<script>` and `<style>` as raw text).
fn html_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<') {
        i += at + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |j| i + j + 3);
            continue;
        }
        let name_len = html[i..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(html.len() - i);
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i] as char;
                    let end = html[i + 1..].find(quote).map_or(html.len(), |j| i + 1 + j);
                    value = html[i + 1..end].to_string();
                    i = (end + 1).min(html.len());
                } else {
                    let start = i;
                    while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = html[start..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..].find(&close).map_or(html.len(), |j| i + j);
        }
        tags.push((name, attrs));
    }
    tags
}

/// Every place deck text reaches the HTML, each holding markup that would run or restyle if it
/// were let in.
const EVERYWHERE: &str = r#"---
title: Titre </title><script>alert(1)</script>
subtitle: Sous-titre "><svg onload=alert(1)>
author: Auteur <img src=x onerror=alert(1)>
audience: Public <style>*{display:none}</style>
contact: <a href="javascript:alert(1)">contact</a>
header: En-tête </header><script>alert(1)</script>
footer: Pied ' onmouseover='alert(1)
class: a" onclick="alert(1)
---

# Titre <svg/onload=alert(1)>

## Plan

- Partie <script>alert(1)</script>
- [Lien](javascript:alert(1))

## Comparaison

### [Gauche](<x onmouseover=alert(1) >)

- <iframe src="javascript:alert(1)"></iframe>

### Droite <b onmouseover=alert(1)>

- </li></ul><script>alert(1)</script>

## Contenu {#x"onclick="alert(1)}

<!-- _header: <script>alert(1)</script> -->
<!-- _footer: "><img src=x onerror=alert(1)> -->
<!-- _class: b" onfocus="alert(1) -->
<!-- Note </aside><script>alert(1)</script> -->

Texte <style>body{display:none}</style> et <svg><script>alert(1)</script></svg>.

![Alt "><img src=x onerror=alert(1)>](data:image/png;base64,iVBORw0KGgo= "Titre ' onerror='alert(1)")

| <script>alert(1)</script> | `</code><script>` |
| --- | --- |
| <img src=x onerror=alert(1)> | [x](JAVASCRIPT:alert(1)) |

```js" onload="alert(1)
</script><script>alert(1)</script>
```

<script>alert(1)</script>

[Texte](https://exemple.fr/"onmouseover="alert(1))

### Suggestions

- Animer </aside><script>alert(1)</script>

## Chiffre clé

**<script>alert(1)</script> 80 %** des équipes.

## Sondage

Qui <script>alert(1)</script> ?

- Option <img src=x onerror=alert(1)>

## Définition

**Terme <script>** : sens </dd><script>alert(1)</script>

## Témoignage

> Citation </blockquote><script>alert(1)</script>

— Nom <script>alert(1)</script>, rôle

## Merci

Des questions </p><script>alert(1)</script> ?
"#;

#[test]
fn no_deck_text_runs_in_the_html() {
    let html = Deck::markdown(EVERYWHERE).html().text;
    let tags = html_tags(&html);
    let scripts = tags.iter().filter(|(name, _)| name == "script").count();
    assert_eq!(
        scripts, 2,
        "only the deck's strings and runtime are scripts"
    );
    assert_eq!(tags.iter().filter(|(name, _)| name == "style").count(), 1);
    // The attributes diapo's templates and markup write; anything else came from the deck.
    const ATTRIBUTES: &[&str] = &[
        "lang", "charset", "name", "content", "class", "tabindex", "id", "style", "href", "rel",
        "target", "src", "alt", "role", "start", "type",
    ];
    for (name, attrs) in &tags {
        assert!(
            !matches!(
                name.as_str(),
                "svg" | "iframe" | "object" | "embed" | "base" | "form" | "b"
            ),
            "a <{name}> tag from the deck"
        );
        for (attr, value) in attrs {
            assert!(
                ATTRIBUTES.contains(&attr.as_str())
                    || attr.starts_with("aria-")
                    || attr.starts_with("data-"),
                "<{name}> has an attribute `{attr}` the deck wrote"
            );
            let decoded = value
                .replace("&#x3A;", ":")
                .replace("&#58;", ":")
                .to_ascii_lowercase();
            assert!(
                !decoded.contains("javascript:") && !decoded.contains("vbscript:"),
                "<{name} {attr}=\"{value}\">"
            );
            if name == "img" && attr == "src" {
                assert!(value.starts_with("data:image/png;base64,"), "{value}");
            }
        }
    }
    // The strings' JSON cannot close its script element.
    let json_start = html.find("id=\"diapo-strings\">").expect("strings");
    let json_end = html[json_start..]
        .find("</script>")
        .expect("end of strings")
        + json_start;
    assert!(!html[json_start..json_end].contains("</"));
}

/// Addresses as they reach the model (the Markdown parser decoded character references): what a
/// browser would run is refused however it is written; what it would not is kept.
#[test]
fn dangerous_addresses_are_recognised_however_written() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " \u{1}\tjava\nscript\r:alert(1)",
        "java\u{0}script:alert(1)",
        "vbscript:msgbox(1)",
        "VBSCRIPT:x",
        "data:text/html,<script>alert(1)</script>",
        "DATA:TEXT/HTML;base64,PHNjcmlwdD4=",
        "data:application/xhtml+xml,x",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:,alert(1)",
    ] {
        assert!(diapo::deck::is_dangerous_url(url), "{url:?} is let through");
    }
    for url in [
        "https://exemple.fr/javascript:",
        "#javascript",
        "images/javascript.png",
        "mailto:equipe@exemple.fr",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/jpeg;base64,/9j/",
        "javascript%3Aalert(1)",
    ] {
        assert!(!diapo::deck::is_dangerous_url(url), "{url:?} is refused");
    }
}

#[test]
fn no_dangerous_link_reaches_the_pdf() {
    let ws = Workspace::new(slide(
        "Liens",
        "[a](javascript:alert(1)) [b](VBScript:x) [c](data:text/html,x) [d](https://exemple.fr)",
    ));
    let output = ws.build(&["--format", "pdf"]);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr
            .matches("warning[links/dangerous]: link to a")
            .count(),
        3,
        "{stderr}"
    );
    let doc = lopdf::Document::load(ws.out().join("slides.pdf")).expect("read the PDF");
    let mut uris = Vec::new();
    for object in doc.objects.values() {
        collect_uris(object, &mut uris);
    }
    assert_eq!(uris, ["https://exemple.fr"]);
}

/// Every `/URI` string in a PDF object, however deep (link actions sit inside annotations).
fn collect_uris(object: &lopdf::Object, out: &mut Vec<String>) {
    match object {
        lopdf::Object::Dictionary(dict) => {
            for (key, value) in dict.iter() {
                if key == b"URI" {
                    if let Ok(uri) = value.as_str() {
                        out.push(String::from_utf8_lossy(uri).into_owned());
                    }
                }
                collect_uris(value, out);
            }
        }
        lopdf::Object::Array(items) => items.iter().for_each(|o| collect_uris(o, out)),
        lopdf::Object::Stream(stream) => {
            collect_uris(&lopdf::Object::Dictionary(stream.dict.clone()), out)
        }
        _ => {}
    }
}

#[test]
fn an_output_that_cannot_be_written_puts_every_file_back() {
    let ws = Workspace::new(slide("Une diapositive", "Texte."));
    std::fs::create_dir_all(ws.out().join("slides.html/occupé")).expect("a folder in the way");
    std::fs::write(ws.out().join("handout.pdf"), "le support d’hier").expect("old handout");
    // Outputs are written in name order: handout.pdf, then slides.html (a folder: it fails),
    // then slides.pdf.
    let output = ws.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot write "), "{stderr}");
    assert!(stderr.contains("slides.html"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(ws.out().join("handout.pdf")).expect("handout.pdf"),
        "le support d’hier"
    );
    let mut left: Vec<String> = std::fs::read_dir(ws.out())
        .expect("list the output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["handout.pdf", "slides.html"],
        "a new or temporary file is left"
    );
}

#[test]
fn allow_outside_lets_a_named_folder_in() {
    let ws = Workspace::new(slide("Logo", "![Logo du ministère](../commun/logo.png)"));
    std::fs::create_dir(ws.dir.path().join("commun")).expect("shared folder");
    std::fs::write(ws.dir.path().join("commun/logo.png"), png(8, 8, 0)).expect("logo");
    let refused = ws.build(&["--format", "html"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).starts_with(
        "error[images/outside-deck]: the image ../commun/logo.png is outside the deck's folder"
    ));
    let allowed = ws.build(&["--format", "html", "--allow-outside", "commun"]);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
}

/// A deck's own `themes/` folder may replace a built-in theme's files and add brands, but what it
/// names must stay inside it: a stylesheet linked to a file elsewhere, or a logo given as `../…`,
/// would put that file into the outputs.
#[test]
fn theme_and_brand_files_stay_inside_the_themes_folder() {
    let ws = Workspace::new("---\ntitle: Atelier\nbrand: direction\n---\n\n# Atelier\n");
    std::fs::write(ws.dir.path().join("secret.png"), png(8, 8, 0)).expect("secret");
    std::fs::create_dir_all(ws.deck().join("themes/brands")).expect("brands folder");
    std::fs::write(
        ws.deck().join("themes/brands/direction.toml"),
        "name = \"Direction\"\nshort = \"DIR\"\nlogo = \"../../../secret.png\"\n",
    )
    .expect("brand file");
    let output = ws.build(&["--format", "html"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: cannot use the logo ../../../secret.png: deck/themes/brands/../../../secret.png is outside the themes folder deck/themes"),
        "{stderr}"
    );
    assert!(!ws.out().exists());

    #[cfg(unix)]
    {
        let ws = Workspace::new("# Atelier\n\n### Une diapositive\n\nTexte.\n");
        std::fs::write(ws.dir.path().join("secret.css"), "/* secret */").expect("secret");
        std::fs::create_dir_all(ws.deck().join("themes/etat")).expect("theme folder");
        std::os::unix::fs::symlink(
            "../../../secret.css",
            ws.deck().join("themes/etat/style.css"),
        )
        .expect("symlink");
        let output = ws.build(&["--format", "html"]);
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with(
                "error: deck/themes/etat/style.css leads outside the themes folder deck/themes"
            ),
            "{stderr}"
        );
        assert!(!ws.out().exists());
    }
}

/// Thousands of template tags would cost the template engine minutes (its cost grows with the
/// square of their number): past a thousand, the deck is refused at the first tag too many.
#[test]
fn too_many_template_tags_are_refused() {
    let body = "{{#if brand}}x{{/if}}".repeat(600);
    let ws = Workspace::new(slide("Balises", &body));
    let output = ws.build(&["--format", "html"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "error: the deck holds more than 1000 template tags\n  --> deck/deck.md:5:10501\n"
        ),
        "{stderr}"
    );
    assert!(!ws.out().exists());
}

/// What the `parse` fuzz target does with one input.
fn replay_parse(data: &[u8]) {
    diapo::fuzzing::parse(data);
}

/// What the `pdf` fuzz target does with one input.
fn replay_pdf(data: &[u8]) {
    let dir = tempfile::tempdir().expect("temporary folder");
    diapo::fuzzing::pipeline(&dir.path().join("deck.md"), data);
}

fn fuzz_inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("tests/fixtures/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut inputs: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read a fuzz input");
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    inputs.sort();
    inputs
}

/// Inputs that made the pipeline crash, hang or overflow the stack (`deep-emphasis.md` and
/// `nested-links.md` were found by hand, before the fuzz targets existed): each runs again on a
/// thread with a small stack (a test thread's 2 MB, less than the binary's 8 MB main thread).
#[test]
fn fuzz_crashers_stay_fixed() {
    for (target, replay) in [
        ("parse", replay_parse as fn(&[u8])),
        ("pdf", replay_pdf as fn(&[u8])),
        ("vars", diapo::fuzzing::variables as fn(&[u8])),
        ("front_matter", diapo::fuzzing::front_matter as fn(&[u8])),
    ] {
        let inputs = fuzz_inputs(target);
        assert!(
            !inputs.is_empty(),
            "no input kept in tests/fixtures/fuzz/{target}/"
        );
        for (name, data) in inputs {
            let started = std::time::Instant::now();
            let result = std::thread::Builder::new()
                .stack_size(2 * 1024 * 1024)
                .spawn(move || replay(&data))
                .expect("spawn")
                .join();
            assert!(result.is_ok(), "fuzz/{target}/{name} panics again");
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "fuzz/{target}/{name} took {:?}",
                started.elapsed()
            );
        }
    }
}
