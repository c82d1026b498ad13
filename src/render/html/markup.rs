//! Model blocks and inlines → HTML strings. Everything from the deck is escaped here; the
//! templates insert these strings as they are (`{{{…}}}`) and escape every other value.

use super::assets::{self, Assets};
use crate::layout::blocks::{text_key, Wraps};
use crate::layout::text::Wrap;
use crate::model::{Align, Block, Image, Inline};
use std::collections::HashMap;
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        escape_into(c, &mut out);
    }
    out
}

fn escape_into(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

/// Rendering context: where anchors point and how images are inlined.
pub struct Ctx<'a> {
    /// Slide anchor → 1-based slide number, for `#anchor` links.
    pub anchors: &'a HashMap<String, usize>,
    pub assets: Assets<'a>,
    /// Whether `*` list items become fragments (off for thumbnails and print-only output).
    pub fragments: bool,
    /// Where the slide layout wrapped each paragraph's lines: the HTML breaks them at the same
    /// places (`None`: the browser wraps).
    pub wraps: Option<&'a Wraps>,
    /// The paragraph being written and how far into it, while its lines are being broken.
    pub cursor: Option<Cursor<'a>>,
}

/// Progress through a paragraph whose lines are broken as the layout broke them.
pub struct Cursor<'a> {
    wraps: &'a [Wrap],
    /// Characters other than white space written so far (the unit of [`Wrap::before`]).
    written: usize,
    next: usize,
}

impl Cursor<'_> {
    /// Writes `text` escaped, with a line break where the layout started each line.
    fn write(&mut self, text: &str, out: &mut String) {
        for c in text.chars() {
            if !c.is_whitespace() {
                while let Some(wrap) = self.wraps.get(self.next) {
                    if wrap.before > self.written {
                        break;
                    }
                    // A space written just before the break would end the line: drop it.
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    if wrap.hyphen {
                        out.push_str("<span class=\"hyphen\" aria-hidden=\"true\">-</span>");
                    }
                    out.push_str("<br class=\"wrap\">");
                    self.next += 1;
                }
                self.written += 1;
            }
            escape_into(c, out);
        }
    }
}

impl Ctx<'_> {
    pub fn href(&self, url: &str) -> Option<String> {
        if crate::deck::is_dangerous_url(url) {
            return None;
        }
        if let Some(anchor) = url.strip_prefix('#') {
            if let Some(n) = self.anchors.get(anchor) {
                return Some(format!("#/{n}"));
            }
        }
        Some(url.to_string())
    }

    /// A paragraph's inlines as HTML; when the slide layout laid this paragraph out, its lines
    /// break where the layout's did, inside a `.laid` span (which the browser does not wrap).
    pub fn inlines(&mut self, inlines: &[Inline]) -> String {
        let laid = match (self.cursor.is_none(), self.wraps, text_key(inlines)) {
            (true, Some(wraps), Some(key)) => wraps.get(&key),
            _ => None,
        };
        let Some(laid) = laid else {
            return self.inline_run(inlines);
        };
        self.cursor = Some(Cursor {
            wraps: laid,
            written: 0,
            next: 0,
        });
        let inner = self.inline_run(inlines);
        self.cursor = None;
        format!("<span class=\"laid\">{inner}</span>")
    }

    fn text(&mut self, text: &str, out: &mut String) {
        match &mut self.cursor {
            Some(cursor) => cursor.write(text, out),
            None => {
                for c in text.chars() {
                    escape_into(c, out);
                }
            }
        }
    }

    fn inline_run(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.text(text, &mut out),
                Inline::Strong { content } => {
                    let _ = write!(out, "<strong>{}</strong>", self.inline_run(content));
                }
                Inline::Emph { content } => {
                    let _ = write!(out, "<em>{}</em>", self.inline_run(content));
                }
                Inline::Strike { content } => {
                    let _ = write!(out, "<del>{}</del>", self.inline_run(content));
                }
                Inline::Code { text } => {
                    out.push_str("<code>");
                    self.text(text, &mut out);
                    out.push_str("</code>");
                }
                Inline::Link { url, content } => {
                    let inner = self.inline_run(content);
                    match self.href(url) {
                        Some(href) => {
                            let external = crate::deck::is_remote(url);
                            let _ = write!(
                                out,
                                "<a href=\"{}\"{}>{}</a>",
                                escape(&href),
                                if external {
                                    " rel=\"noopener noreferrer\" target=\"_blank\""
                                } else {
                                    ""
                                },
                                inner
                            );
                        }
                        None => out.push_str(&inner),
                    }
                }
                Inline::Break => out.push_str("<br>"),
                Inline::Html { html } => out.push_str(html),
            }
        }
        out
    }

    pub fn blocks(&mut self, blocks: &[Block]) -> String {
        let mut out = String::new();
        for block in blocks {
            self.block(block, &mut out);
        }
        out
    }

    fn block(&mut self, block: &Block, out: &mut String) {
        match block {
            Block::Paragraph { content } => {
                let _ = write!(out, "<p>{}</p>", self.inlines(content));
            }
            Block::Heading { level, content, .. } => {
                // Inside a slide, the slide title is the h2: sub-headings start at h3.
                let h = (*level).clamp(3, 6);
                let _ = write!(out, "<h{h}>{}</h{h}>", self.inlines(content));
            }
            Block::List(list) => {
                let tag = if list.start.is_some() { "ol" } else { "ul" };
                match list.start {
                    Some(n) if n != 1 => {
                        let _ = write!(out, "<ol start=\"{n}\">");
                    }
                    _ => {
                        let _ = write!(out, "<{tag}>");
                    }
                }
                for item in &list.items {
                    if item.fragment && self.fragments {
                        out.push_str("<li class=\"fragment\">");
                    } else {
                        out.push_str("<li>");
                    }
                    // Tight items: a single paragraph renders without <p>.
                    match item.blocks.as_slice() {
                        [Block::Paragraph { content }] => out.push_str(&self.inlines(content)),
                        [Block::Paragraph { content }, rest @ ..] => {
                            out.push_str(&self.inlines(content));
                            out.push_str(&self.blocks(rest));
                        }
                        blocks => out.push_str(&self.blocks(blocks)),
                    }
                    out.push_str("</li>");
                }
                let _ = write!(out, "</{tag}>");
            }
            Block::Quote { blocks } => {
                let _ = write!(out, "<blockquote>{}</blockquote>", self.blocks(blocks));
            }
            Block::Code { lang, text } => {
                let class = lang
                    .as_deref()
                    .map(|l| format!(" class=\"language-{}\"", escape(l)))
                    .unwrap_or_default();
                let text = text.trim_end_matches('\n');
                let _ = write!(
                    out,
                    "<pre><code{class}>{}</code></pre>",
                    highlighted(lang.as_deref(), text)
                );
            }
            Block::Table {
                aligns,
                header,
                rows,
            } => {
                out.push_str("<table><thead><tr>");
                for (i, cell) in header.iter().enumerate() {
                    let _ = write!(
                        out,
                        "<th{}>{}</th>",
                        align_attr(aligns.get(i)),
                        self.inlines(cell)
                    );
                }
                out.push_str("</tr></thead><tbody>");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let _ = write!(
                            out,
                            "<td{}>{}</td>",
                            align_attr(aligns.get(i)),
                            self.inlines(cell)
                        );
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Image(image) => out.push_str(&self.figure(image)),
            Block::Diagram(diagram) => {
                // A description of the author's first, diapo's words under it; else these alone.
                let label = self.inlines(&diagram.label);
                let (main, detail) = if diagram.alt.is_empty() {
                    (label, None)
                } else {
                    (
                        self.inlines(&diagram.alt),
                        Some(("placeholder-note", label)),
                    )
                };
                let _ = write!(
                    out,
                    "<figure class=\"image diagram\" data-tool=\"{}\">{}</figure>",
                    escape(&diagram.tool),
                    placeholder(&diagram.description(), &main, detail)
                );
            }
            Block::Html { html } => out.push_str(html),
            Block::Rule => out.push_str("<hr>"),
        }
    }

    /// An image as a `<figure>`: a box painted by its file's class (see [`super::assets`]),
    /// named by its alt text; decorative images (empty alt) are hidden from screen readers. A
    /// missing or remote image is a placeholder of the same place, showing its alt text and
    /// its address.
    pub fn figure(&mut self, image: &Image) -> String {
        let alt = escape(&image.alt);
        let label = if image.decorative {
            " aria-hidden=\"true\"".to_string()
        } else {
            format!(" role=\"img\" aria-label=\"{alt}\"")
        };
        // The author's size (Marp's `w:300px`), in pixels of the slide, as the PDF applies it.
        let sized = self
            .assets
            .size(&image.src)
            .and_then(|(w, h)| image.asked_width(w, h))
            .map(|px| format!(" style=\"max-width:{px:.0}px\""))
            .unwrap_or_default();
        let mut out = match self.assets.image(&image.src) {
            assets::Shown::Inline(uri) => format!(
                "<figure class=\"image\"><img src=\"{}\" alt=\"{alt}\"{sized}{}>",
                escape(&uri),
                if image.decorative {
                    " role=\"presentation\""
                } else {
                    ""
                }
            ),
            assets::Shown::Class(class) => {
                format!("<figure class=\"image\"><span class=\"diapo-img {class}\"{label}{sized}></span>")
            }
            assets::Shown::Missing => format!(
                "<figure class=\"image\">{}",
                placeholder(
                    &placeholder_label(image),
                    &alt,
                    Some(("placeholder-src", escape(&image.src)))
                )
            ),
        };
        if let Some(title) = &image.title {
            let _ = write!(out, "<figcaption>{}</figcaption>", escape(title));
        }
        out.push_str("</figure>");
        out
    }
}

/// The box that stands in the place of what cannot be shown (a missing image, a diagram diapo
/// does not draw): an image to screen readers, named by `label`; its main line `main_html` and
/// maybe a smaller line under it (its class, its HTML).
fn placeholder(label: &str, main_html: &str, detail: Option<(&str, String)>) -> String {
    let mut out = format!(
        "<span class=\"diapo-img-missing\" role=\"img\" aria-label=\"{}\"><span class=\"placeholder-alt\">{main_html}</span>",
        escape(label)
    );
    if let Some((class, html)) = detail {
        let _ = write!(out, "<span class=\"{class}\">{html}</span>");
    }
    out.push_str("</span>");
    out
}

/// What a placeholder says to a screen reader: the alt text and the image's address (in no
/// language of its own: the deck's may be any).
pub fn placeholder_label(image: &Image) -> String {
    if image.alt.trim().is_empty() {
        image.src.clone()
    } else {
        format!("{} ({})", image.alt, image.src)
    }
}

/// A code block's text, escaped, its tokens in classed spans ([`crate::highlight`]; the
/// stylesheet gives each class its colour).
fn highlighted(lang: Option<&str>, text: &str) -> String {
    let Some(tokens) = crate::highlight::tokens(lang, text) else {
        return escape(text);
    };
    let mut out = String::with_capacity(text.len() * 2);
    for (token, range) in tokens {
        let piece = escape(&text[range]);
        match token.class() {
            Some(class) => {
                let _ = write!(out, "<span class=\"{class}\">{piece}</span>");
            }
            None => out.push_str(&piece),
        }
    }
    out
}

fn align_attr(a: Option<&Align>) -> &'static str {
    match a {
        Some(Align::Left) => " style=\"text-align:left\"",
        Some(Align::Center) => " style=\"text-align:center\"",
        Some(Align::Right) => " style=\"text-align:right\"",
        _ => "",
    }
}
