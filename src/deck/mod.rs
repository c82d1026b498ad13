//! Parse: a deck's text → the deck model. Stages, in order: the text (UTF-8, BOM), front matter
//! (`frontmatter`), cut into chunks on `---` lines, normalise pasted outlines (`outline`), Markdown
//! → elements (`markdown`), elements → slides with directives and outline semantics (`slides`,
//! `directives`, `layouts`), then French typography (`typography`). The parse stage reads no
//! file: the deck's text comes in, the files it includes come through a [`loader::Loader`]
//! (`crate::input` reads them from the disk), and its images' paths are checked by `crate::input`.

pub mod dialect;
pub mod directives;
pub mod frontmatter;
pub mod html;
pub mod layouts;
pub mod loader;
pub mod markdown;
pub mod outline;
pub mod slides;
pub mod typography;
pub mod vars;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::{Block, Body, Deck, LinkRef};
use crate::rules::Rule;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Keep raw HTML from the Markdown instead of showing it as text.
    pub allow_html: bool,
    /// The brand's contact and footer, for a deck whose front matter sets none.
    pub default_contact: Option<String>,
    pub default_footer: Option<String>,
    /// Reads the files the deck includes (Slidev's `src:`): the parser reads none itself.
    pub includes: loader::Includes,
    /// The tool the deck was written for (`--dialect`), over what the deck itself says.
    pub dialect: Option<dialect::Dialect>,
}

pub fn source_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A byte-order mark (Windows Notepad) is not part of the deck.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            if text.trim().is_empty() {
                return Err(Diagnostic::error("the deck is empty")
                    .at_path(path)
                    .with_hint("write a `# Title` and a few `##`/`###` headings"));
            }
            Ok(SourceFile::new(path, text))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let src = SourceFile::new(path, lossy);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count() + 1)
                .unwrap_or(1);
            Err(Diagnostic::error("the deck is not valid UTF-8 text")
                .at(src.location_at(line, col, 1))
                .with_hint(
                    "save the file as UTF-8 (in most editors: “Save with encoding” → UTF-8)",
                ))
        }
    }
}

pub fn parse_source(
    src: &SourceFile,
    opts: &ParseOptions,
) -> Result<(Deck, Diagnostics), Diagnostics> {
    let (deck, diags) = parse_source_all(src, opts)?;
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((deck, diags))
}

/// Parses a deck as far as it goes: `Err` only when no deck model can be made (a broken front
/// matter, an unclosed comment); errors that leave the model whole (a missing image, a block too
/// long, left out) come back with the deck, for `diapo check` to report with everything else.
pub fn parse_source_all(
    src: &SourceFile,
    opts: &ParseOptions,
) -> Result<(Deck, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let fail = |d: Diagnostic| Diagnostics(vec![d]);
    let start = if src.text.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let mut fm = frontmatter::parse(src, start, &mut diags).map_err(fail)?;
    if fm.globals.footer.is_none() {
        fm.globals.footer = opts.default_footer.clone();
    }
    if fm.meta.contact.is_none() {
        fm.meta.contact = opts.default_contact.clone();
    }
    let body = &src.text[fm.body_start..];

    if let Some(at) = markdown::unterminated_comment(body) {
        let at = fm.body_start + at;
        return Err(fail(
            Diagnostic::error("this comment is never closed")
                .at(src.location(at, at + 4))
                .with_hint("close it with `-->`; everything after it would be swallowed"),
        ));
    }

    let mut prepared = dialect::prepare(src, &mut fm, opts.dialect, &opts.includes, &mut diags);
    let outline_mode = prepared.outline;
    let mut meta = fm.meta.clone();
    let mut drafts = Vec::new();
    let mut links = Vec::new();
    for (i, slide) in std::mem::take(&mut prepared.slides).into_iter().enumerate() {
        let (text, map) = outline::normalise(&slide.text, 0, outline_mode);
        let map = map.then(slide.map);
        let parsed = markdown::parse(&text, &map, src, opts.allow_html, meta.lang);
        diags.extend(parsed.diagnostics);
        links.extend(parsed.links);
        if outline_mode {
            drafts.extend(slides::from_outline(parsed.elements, &meta));
        } else if parsed.elements.is_empty() {
            // Two separators in a row, or one at the end: no slide, and the trainer is told.
            if i > 0 && slide.at < src.text.len() {
                let line = src.line_of(slide.at.saturating_sub(1));
                diags.push(
                    Diagnostic::warning("a slide with nothing to show is left out")
                        .rule(Rule::BlankSlide)
                        .at(src.location_at(line, 1, src.line_text(line).chars().count().max(1)))
                        .with_hint("remove the extra separator"),
                );
            }
        } else {
            drafts.push(slides::from_chunk(
                parsed.elements,
                i == 0,
                slide.at,
                prepared.report.dialect != dialect::Dialect::Diapo,
            ));
        }
    }
    let (mut slides, sections) = slides::finish(
        drafts,
        outline_mode,
        prepared.report.dialect == dialect::Dialect::Presenterm,
        &mut meta,
        &fm.globals,
        src,
        &mut diags,
    );
    if slides.is_empty() {
        diags.push(
            Diagnostic::error("the deck has no slide")
                .at_path(&src.path)
                .with_hint("start slides with headings (`## Section`, `### Slide`) or separate them with `---` lines"),
        );
    }
    if meta.title.trim().is_empty() {
        meta.title = src
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if meta.title == "deck" {
            if let Some(dir) = src.path.parent().and_then(|p| p.file_name()) {
                meta.title = dir.to_string_lossy().into_owned();
            }
        }
    }
    typography::apply(&mut slides, meta.lang);
    typography::apply_meta(&mut meta);
    // Section titles were taken before typography: take them again from their slides.
    let mut sections = sections;
    for section in &mut sections {
        if let Some(slide) = slides.get(section.first_slide) {
            section.title = slide.title_text().trim().to_string();
        }
    }
    let base_dir = src.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let links = links
        .into_iter()
        .map(|(url, range): (String, std::ops::Range<usize>)| LinkRef {
            url,
            at: src.location(range.start, range.end),
        })
        .collect();
    let deck = Deck {
        meta,
        slides,
        sections,
        base_dir,
        source_path: src.path.clone(),
        links,
        dialect: prepared.report,
    };
    Ok((deck, diags))
}

/// Where an image's path stands in the deck, for errors about it.
pub fn image_location(
    src: &SourceFile,
    image: &crate::model::Image,
) -> crate::diagnostic::Location {
    let line_text = src.line_text(image.line);
    let col = line_text
        .find(image.src.as_str())
        .map(|i| line_text[..i].chars().count() + 1)
        .unwrap_or(1);
    src.location_at(image.line, col, image.src.chars().count())
}

/// Addresses a deck may never link to or show: they would run code in the audience's browser
/// (or PDF reader). Browsers drop tabs and line breaks inside a scheme and ignore leading control
/// characters and case, so every white space and control character is removed and the rest
/// lowercased before looking (entities such as `&#58;` were decoded by the Markdown parser).
/// `data:` is allowed only for raster images.
pub fn is_dangerous_url(url: &str) -> bool {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    const SAFE_DATA: [&str; 5] = [
        "data:image/png",
        "data:image/jpeg",
        "data:image/jpg",
        "data:image/gif",
        "data:image/webp",
    ];
    squashed.starts_with("javascript:")
        || squashed.starts_with("vbscript:")
        || (squashed.starts_with("data:") && !SAFE_DATA.iter().any(|p| squashed.starts_with(p)))
}

pub fn is_remote(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Every image of a slide body, in reading order.
pub fn images_of(body: &Body) -> Vec<&crate::model::Image> {
    let mut out = Vec::new();
    if let Body::Testimony { photo: Some(p), .. } = body {
        out.push(p);
    }
    for block in body.blocks() {
        collect_images(block, &mut out);
    }
    out
}

fn collect_images<'a>(block: &'a Block, out: &mut Vec<&'a crate::model::Image>) {
    match block {
        Block::Image(i) => out.push(i),
        Block::List(l) => l
            .items
            .iter()
            .flat_map(|i| &i.blocks)
            .for_each(|b| collect_images(b, out)),
        Block::Quote { blocks } => blocks.iter().for_each(|b| collect_images(b, out)),
        _ => {}
    }
}
