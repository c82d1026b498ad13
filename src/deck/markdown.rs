//! Markdown → elements. pulldown-cmark's events are folded into the model's blocks and inlines,
//! and grouped into top-level [`Element`]s (headings, blocks, comments) that keep their byte range
//! in the original file. Slides are built from elements in `deck::slides`.
//!
//! Nesting is capped: lists and quotes deeper than [`MAX_LIST_DEPTH`], and emphasis, strike-through and
//! links deeper than [`MAX_INLINE_DEPTH`], are flattened into their parent, so that no later stage
//! (typography, layout, the renderers) recurses without bound on hostile input.
//!
//! Links and images whose address would run code in a browser (`javascript:`, `vbscript:`,
//! `data:text/html`…, see [`crate::deck::is_dangerous_url`]) never reach the model: the link keeps
//! its text and loses its address, the image is left out, and a warning points at it.

use super::outline::SourceMap;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::limits::{MAX_BLOCK_CHARS, MAX_INLINE_DEPTH, MAX_LINE_CHARS, MAX_LIST_DEPTH};
use crate::model::{Align, Block, Diagram, Image, Inline, Lang, List, ListItem, Note};
use crate::rules::Rule;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Every pulldown-cmark option diapo uses, set in one place.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        // GitHub's `> [!NOTE]` alerts: the marker is read, not shown.
        | Options::ENABLE_GFM
}

#[derive(Debug, Clone)]
pub enum Element {
    Heading {
        level: u8,
        content: Vec<Inline>,
        classes: Vec<String>,
        id: Option<String>,
        range: Range<usize>,
    },
    Block {
        block: Block,
        range: Range<usize>,
    },
    /// An HTML comment: a directive or a speaker note. `range` covers `<!--` … `-->`.
    Comment {
        text: String,
        range: Range<usize>,
    },
    /// A speaker note that is never a directive: the source of a diagram diapo does not draw.
    Note {
        note: Note,
        range: Range<usize>,
    },
}

impl Element {
    pub fn range(&self) -> &Range<usize> {
        match self {
            Element::Heading { range, .. }
            | Element::Block { range, .. }
            | Element::Comment { range, .. }
            | Element::Note { range, .. } => range,
        }
    }
}

/// A container being filled while events stream in.
enum Frame {
    Paragraph(Vec<Inline>),
    Heading {
        level: u8,
        classes: Vec<String>,
        id: Option<String>,
        content: Vec<Inline>,
    },
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
    },
    Item {
        blocks: Vec<Block>,
        inlines: Vec<Inline>,
        fragment: bool,
    },
    Code {
        lang: Option<String>,
        /// The fence's whole info string (```` ```mermaid {alt: '…'} ````).
        info: String,
        text: String,
    },
    Html(String),
    Table {
        aligns: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Span {
        kind: SpanKind,
        content: Vec<Inline>,
        /// The HTML tag that opened it (`<b>`), for spans written in HTML.
        html: Option<String>,
    },
    Image {
        src: String,
        title: String,
        alt: String,
        start: usize,
        /// Its address would run code: it is left out (a warning was given).
        refused: bool,
    },
    /// A container swallowed because nesting went too deep: its children go to the parent.
    Flattened,
}

enum SpanKind {
    Strong,
    Emph,
    Strike,
    Link(String),
    /// `<code>`, `<kbd>`: its text as code.
    Code,
    /// `<sup>` (raised) and `<sub>`.
    Script(bool),
}

pub struct Parsed {
    pub elements: Vec<Element>,
    /// Links and images refused for their address (warnings), blocks too long (errors).
    pub diagnostics: Diagnostics,
    /// Every link kept (its address and where the address stands in the file): links to slides
    /// are checked once every slide has its anchor, and `diapo check` lists external ones.
    pub links: Vec<(String, Range<usize>)>,
}

struct Builder<'a> {
    text: &'a str,
    src: &'a SourceFile,
    map: &'a SourceMap,
    allow_html: bool,
    /// The deck's language: the words diapo writes on a slide (a diagram's placeholder).
    lang: Lang,
    stack: Vec<Frame>,
    elements: Vec<Element>,
    top_start: usize,
    /// Comments and images met inside a paragraph, emitted after it.
    pending: Vec<Element>,
    /// An inline comment spread over several events.
    open_comment: Option<(String, usize)>,
    depth: usize,
    /// Open emphasis, strong, strike-through and link spans.
    inline_depth: usize,
    diagnostics: Diagnostics,
    links: Vec<(String, Range<usize>)>,
    /// Inside an HTML element removed with its content (`<script>`…): its name and nesting.
    html_skip: Option<(String, usize)>,
}

/// Parses one chunk of Markdown: `text` is the (normalised) chunk, `map` turns its offsets into
/// offsets of the original file. `lang` is the deck's language, for the words diapo writes.
pub fn parse(
    text: &str,
    map: &SourceMap,
    src: &SourceFile,
    allow_html: bool,
    lang: Lang,
) -> Parsed {
    let mut b = Builder {
        text,
        src,
        map,
        allow_html,
        lang,
        stack: Vec::new(),
        elements: Vec::new(),
        top_start: 0,
        pending: Vec::new(),
        open_comment: None,
        depth: 0,
        inline_depth: 0,
        diagnostics: Diagnostics::default(),
        links: Vec::new(),
        html_skip: None,
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        b.event(event, range);
    }
    Parsed {
        elements: b.elements,
        diagnostics: b.diagnostics,
        links: b.links,
    }
}

impl Builder<'_> {
    fn orig(&self, r: &Range<usize>) -> Range<usize> {
        self.map.to_original(r.start)..self.map.to_original(r.end.max(r.start))
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.stack.is_empty() {
            self.top_start = range.start;
        }
        // An inline comment may arrive in several pieces (it can span lines).
        if let Some((mut acc, start)) = self.open_comment.take() {
            match &event {
                Event::InlineHtml(s) | Event::Text(s) | Event::Html(s) => acc.push_str(s),
                Event::SoftBreak | Event::HardBreak => acc.push('\n'),
                _ => {}
            }
            if acc.contains("-->") {
                self.comment_pieces(&acc, start..range.end);
            } else {
                self.open_comment = Some((acc, start));
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(_) if self.html_skip.is_some() => {}
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push_inline(Inline::Code {
                text: t.to_string(),
            }),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Html(h) => {
                if let Some(Frame::Html(acc)) = self.stack.last_mut() {
                    acc.push_str(&h);
                }
            }
            Event::InlineHtml(h) => {
                if h.trim_start().starts_with("<!--") {
                    if h.contains("-->") {
                        self.comment_pieces(&h, range);
                    } else {
                        self.open_comment = Some((h.to_string(), range.start));
                    }
                } else if self.allow_html {
                    self.push_inline(Inline::Html {
                        html: h.to_string(),
                    });
                } else {
                    let r = self.orig(&range);
                    self.html(&h, r, false);
                }
            }
            Event::Rule => {
                let r = self.orig(&range);
                self.push_block(Block::Rule, r);
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
            // Math (`$…$`, `$$…$$`) is not typeset: its TeX source is shown as code, with a
            // note, rather than dollars in the text.
            Event::InlineMath(t) => {
                self.math_note(&range);
                self.push_inline(Inline::Code {
                    text: t.to_string(),
                })
            }
            Event::DisplayMath(t) => {
                self.math_note(&range);
                self.push_inline(Inline::Code {
                    text: t.trim().to_string(),
                })
            }
            Event::FootnoteReference(_) => {}
        }
    }

    /// Splits `<!-- a --> text <!-- b -->` into comments (as pending elements) and leftover text.
    fn comment_pieces(&mut self, html: &str, range: Range<usize>) {
        let mut rest = html;
        let base = range.start;
        let mut consumed = 0;
        while let Some(open) = rest.find("<!--") {
            let before = &rest[..open];
            if !before.trim().is_empty() {
                self.leftover_html(before);
            }
            let after = &rest[open + 4..];
            let Some(close) = after.find("-->") else {
                break;
            };
            let mut body = after[..close].trim().to_string();
            let s = base + consumed + open;
            let e = s + 4 + close + 3;
            let r = self.map.to_original(s.min(self.text.len()))
                ..self.map.to_original(e.min(self.text.len()));
            if !self.fits("comment", body.chars().count(), &r) {
                body.clear();
            }
            let el = Element::Comment {
                text: body,
                range: r,
            };
            if self.stack.is_empty() {
                self.elements.push(el);
            } else {
                self.pending.push(el);
            }
            consumed += open + 4 + close + 3;
            rest = &after[close + 3..];
        }
        if !rest.trim().is_empty() {
            self.leftover_html(rest);
        }
    }

    fn leftover_html(&mut self, html: &str) {
        let r = self.orig(&(self.top_start..self.top_start));
        if self.allow_html {
            if self.stack.is_empty() {
                let block = Block::Html {
                    html: html.to_string(),
                };
                self.elements.push(Element::Block { block, range: r });
            } else {
                self.push_inline(Inline::Html {
                    html: html.to_string(),
                });
            }
        } else {
            self.html(html, r, self.stack.is_empty());
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::Heading {
                level, id, classes, ..
            } => Frame::Heading {
                level: heading_level(level),
                classes: classes.iter().map(|c| c.to_string()).collect(),
                id: id.map(|i| i.to_string()),
                content: Vec::new(),
            },
            Tag::BlockQuote(_) | Tag::List(_) => {
                self.depth += 1;
                if self.depth > MAX_LIST_DEPTH {
                    Frame::Flattened
                } else if let Tag::List(start) = tag {
                    Frame::List {
                        start,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Quote(Vec::new())
                }
            }
            Tag::Item => {
                if matches!(self.stack.last(), Some(Frame::Flattened)) {
                    Frame::Flattened
                } else {
                    // `*` items are fragments; the marker is the item's first non-blank character.
                    let marker = self
                        .text
                        .get(range.clone())
                        .and_then(|s| s.trim_start().chars().next());
                    Frame::Item {
                        blocks: Vec::new(),
                        inlines: Vec::new(),
                        fragment: marker == Some('*'),
                    }
                }
            }
            Tag::CodeBlock(kind) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(l) => l.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                Frame::Code {
                    lang: info.split_whitespace().next().map(str::to_string),
                    info,
                    text: String::new(),
                }
            }
            Tag::HtmlBlock => Frame::Html(String::new()),
            Tag::Table(aligns) => Frame::Table {
                aligns: aligns
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect(),
                header: Vec::new(),
                rows: Vec::new(),
                in_head: false,
            },
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
                Frame::Row(Vec::new())
            }
            Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => {
                self.inline_depth += 1;
                let kind = match tag {
                    Tag::Emphasis => SpanKind::Emph,
                    Tag::Strong => SpanKind::Strong,
                    Tag::Strikethrough => SpanKind::Strike,
                    Tag::Link { dest_url, .. } => {
                        if crate::deck::is_dangerous_url(&dest_url) {
                            self.refuse("link", &dest_url, &range);
                            self.stack.push(Frame::Flattened);
                            return;
                        }
                        let address = self.address_range(&range);
                        self.links.push((dest_url.to_string(), address));
                        SpanKind::Link(dest_url.to_string())
                    }
                    _ => SpanKind::Emph,
                };
                if self.inline_depth > MAX_INLINE_DEPTH {
                    Frame::Flattened
                } else {
                    Frame::Span {
                        kind,
                        content: Vec::new(),
                        html: None,
                    }
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let refused = crate::deck::is_dangerous_url(&dest_url);
                if refused {
                    self.refuse("image", &dest_url, &range);
                }
                Frame::Image {
                    src: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    start: self.map.to_original(range.start),
                    refused,
                }
            }
            _ => Frame::Flattened,
        };
        self.stack.push(frame);
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        // An element removed with its content (`<script>`) never reaches past its block.
        if matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
        ) {
            self.html_skip = None;
        }
        self.close_html_spans(&range);
        self.end_frame(tag, range);
    }

    /// Closes the HTML spans left open (`<b>` never closed) before a Markdown container ends.
    fn close_html_spans(&mut self, range: &Range<usize>) {
        while matches!(self.stack.last(), Some(Frame::Span { html: Some(_), .. })) {
            self.end_frame(TagEnd::Emphasis, range.clone());
        }
    }

    fn end_frame(&mut self, tag: TagEnd, range: Range<usize>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match tag {
            TagEnd::BlockQuote(_) | TagEnd::List(_) => self.depth = self.depth.saturating_sub(1),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.inline_depth = self.inline_depth.saturating_sub(1)
            }
            _ => {}
        }
        let r = self.orig(&range);
        match frame {
            Frame::Paragraph(mut content) => {
                trim_inlines(&mut content);
                let shows = content.iter().any(|i| match i {
                    Inline::Text { text } => !text.trim().is_empty(),
                    Inline::Break => false,
                    _ => true,
                });
                if shows && self.fits("paragraph", inline_chars(&content), &r) {
                    self.push_block(Block::Paragraph { content }, r.clone());
                }
                self.flush_pending();
            }
            Frame::Heading {
                level,
                classes,
                id,
                mut content,
            } => {
                trim_inlines(&mut content);
                let chars = inline_chars(&content);
                if chars > MAX_LINE_CHARS {
                    self.diagnostics.push(
                        Diagnostic::error(format!(
                            "this heading holds {chars} characters, more than a title may ({} at most)",
                            MAX_LINE_CHARS
                        ))
                        .at(self.src.location(r.start, r.start))
                        .with_hint("keep the title short, and put the rest in the slide's text"),
                    );
                    let cut: String = crate::model::plain_text(&content)
                        .chars()
                        .take(MAX_LINE_CHARS)
                        .collect();
                    content = vec![Inline::text(cut)];
                }
                if self.stack.is_empty() {
                    self.elements.push(Element::Heading {
                        level,
                        content,
                        classes,
                        id,
                        range: r,
                    });
                } else {
                    self.push_block(
                        Block::Heading {
                            level,
                            content,
                            classes,
                        },
                        r,
                    );
                }
                self.flush_pending();
            }
            Frame::Quote(blocks) => {
                if self.fits("quote", block_chars(&blocks), &r) {
                    self.push_block(Block::Quote { blocks }, r)
                }
            }
            Frame::List { start, items } => self.push_block(Block::List(List { start, items }), r),
            Frame::Item {
                mut blocks,
                inlines,
                fragment,
            } => {
                // The item goes on one slide with its sub-items: they count with it.
                let chars = inline_chars(&inlines) + block_chars(&blocks);
                if !self.fits("list item", chars, &r) {
                    return;
                }
                if !inlines.is_empty() {
                    blocks.insert(0, Block::Paragraph { content: inlines });
                }
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    if !blocks.is_empty() {
                        items.push(ListItem { blocks, fragment });
                    }
                } else {
                    for b in blocks {
                        self.push_block(b, r.clone());
                    }
                }
            }
            Frame::Code { lang, info, text } => match diagram_tool(&info) {
                Some(tool) => self.diagram(tool, &info, text, r),
                None => {
                    if self.fits("code block", text.chars().count(), &r) {
                        self.push_block(Block::Code { lang, text }, r)
                    }
                }
            },
            Frame::Html(html) => {
                if !self.fits("HTML block", html.chars().count(), &r) {
                    return;
                }
                let start = range.start;
                self.comment_or_html(&html, start..range.end);
            }
            Frame::Table {
                aligns,
                header,
                rows,
                ..
            } => {
                let chars = header
                    .iter()
                    .chain(rows.iter().flatten())
                    .map(|cell| inline_chars(cell))
                    .sum();
                if !self.fits("table", chars, &r) {
                    return;
                }
                self.push_block(
                    Block::Table {
                        aligns,
                        header,
                        rows,
                    },
                    r,
                );
            }
            Frame::Row(cells) => {
                if let Some(Frame::Table {
                    header,
                    rows,
                    in_head,
                    ..
                }) = self.stack.last_mut()
                {
                    if *in_head {
                        *header = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Cell(content) => {
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(content);
                }
            }
            Frame::Span { kind, content, .. } => {
                let inline = match kind {
                    SpanKind::Strong => Inline::Strong { content },
                    SpanKind::Emph => Inline::Emph { content },
                    SpanKind::Strike => Inline::Strike { content },
                    SpanKind::Link(url) => Inline::Link { url, content },
                    SpanKind::Code => Inline::Code {
                        text: crate::model::plain_text(&content),
                    },
                    SpanKind::Script(raised) => {
                        let text = crate::model::plain_text(&content);
                        match super::html::scripted(&text, raised) {
                            Some(t) => Inline::text(t),
                            // No such character: the text, in line.
                            None => Inline::text(text),
                        }
                    }
                };
                self.push_inline(inline);
            }
            Frame::Image { refused: true, .. } => {}
            Frame::Image {
                src,
                title,
                alt,
                start,
                refused: false,
            } => self.emit_image(src, title, alt, start..r.end),
            Frame::Flattened => {}
        }
    }

    /// An image, from `![alt](src "title")` or `<img>`: images leave their paragraph and are laid
    /// out as blocks of their own (inside a list item, in the item).
    fn emit_image(&mut self, src: String, title: String, alt: String, r: Range<usize>) {
        let start = r.start;
        let (alt, max_width, max_height) = image_size(&alt);
        let marker = alt.trim().to_lowercase();
        let decorative = matches!(
            marker.as_str(),
            "-" | "decorative" | "décoratif" | "décorative"
        );
        let image = Image {
            src,
            alt: if decorative { String::new() } else { alt },
            decorative,
            title: (!title.is_empty()).then_some(title),
            line: self.src.line_of(start),
            max_width,
            max_height,
        };
        let el = Element::Block {
            block: Block::Image(image),
            range: r,
        };
        // Images leave their paragraph: they are laid out as blocks of their own.
        match self.stack.last_mut() {
            Some(Frame::Item { blocks, .. }) => {
                if let Element::Block { block, .. } = el {
                    blocks.push(block);
                }
            }
            _ => self.pending.push(el),
        }
    }

    /// Raw HTML (an inline tag, or a whole HTML block when `block`), read by the allow-list of
    /// [`super::html`]: what it means becomes the model's inlines and blocks, what could run code
    /// or load something is removed with a warning, tags diapo does not know go and their text
    /// stays. `range` is where the HTML stands in the file.
    fn html(&mut self, html: &str, range: Range<usize>, block: bool) {
        use super::html::{attr, handlers, is_void, meaning, pieces, Meaning, Piece};
        let base = self.stack.len();
        if block {
            self.stack.push(Frame::Paragraph(Vec::new()));
        }
        let mut warned: Vec<String> = Vec::new();
        for piece in pieces(html) {
            match piece {
                Piece::Text(t) => {
                    if self.html_skip.is_some() {
                        continue;
                    }
                    // In a block, line breaks and indentation are only layout of the source.
                    let t = if block {
                        let space = |yes: bool| if yes { " " } else { "" };
                        let words = t.split_whitespace().collect::<Vec<_>>().join(" ");
                        if words.is_empty() {
                            space(!t.is_empty()).to_string()
                        } else {
                            format!(
                                "{}{words}{}",
                                space(t.starts_with(char::is_whitespace)),
                                space(t.ends_with(char::is_whitespace))
                            )
                        }
                    } else {
                        t
                    };
                    let t = if block && self.html_paragraph_is_empty() {
                        t.trim_start().to_string()
                    } else {
                        t
                    };
                    if !t.is_empty() {
                        self.text(&t);
                    }
                }
                Piece::Comment(_) => {}
                Piece::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    if let Some((skipped, depth)) = &mut self.html_skip {
                        if *skipped == name && !self_closing {
                            *depth += 1;
                        }
                        continue;
                    }
                    let at = self.html_at(&range, &format!("<{name}"));
                    let on = handlers(&attrs);
                    if !on.is_empty() {
                        self.html_warning(
                            format!("`{}` removed from `<{name}>`: it would run code in the audience's browser", on.join("`, `")),
                            at.clone(),
                            "diapo's decks run no script of their own",
                        );
                    }
                    match meaning(&name) {
                        Meaning::Break => self.push_inline(Inline::Break),
                        m @ (Meaning::Strong
                        | Meaning::Emph
                        | Meaning::Strike
                        | Meaning::Code
                        | Meaning::Sup
                        | Meaning::Sub
                        | Meaning::Link) => {
                            if self_closing {
                                continue;
                            }
                            let kind = match m {
                                Meaning::Strong => SpanKind::Strong,
                                Meaning::Emph => SpanKind::Emph,
                                Meaning::Strike => SpanKind::Strike,
                                Meaning::Code => SpanKind::Code,
                                Meaning::Sup => SpanKind::Script(true),
                                Meaning::Sub => SpanKind::Script(false),
                                _ => {
                                    let href = attr(&attrs, "href").unwrap_or("").to_string();
                                    if href.is_empty() {
                                        continue;
                                    }
                                    if crate::deck::is_dangerous_url(&href) {
                                        self.refuse("link", &href, &at);
                                        continue;
                                    }
                                    self.links.push((href.clone(), at.clone()));
                                    SpanKind::Link(href)
                                }
                            };
                            self.inline_depth += 1;
                            self.stack.push(if self.inline_depth > MAX_INLINE_DEPTH {
                                Frame::Flattened
                            } else {
                                Frame::Span {
                                    kind,
                                    content: Vec::new(),
                                    html: Some(name),
                                }
                            });
                        }
                        Meaning::Image => {
                            let src = attr(&attrs, "src").unwrap_or("").to_string();
                            if src.is_empty() {
                                continue;
                            }
                            if crate::deck::is_dangerous_url(&src) {
                                self.refuse("image", &src, &at);
                                continue;
                            }
                            let alt = attr(&attrs, "alt").unwrap_or("").to_string();
                            let title = attr(&attrs, "title").unwrap_or("").to_string();
                            self.emit_image(src, title, alt, at);
                        }
                        Meaning::Block => {
                            if block && self.in_html_cell().is_none() {
                                self.html_new_paragraph(&range);
                            } else if !self.html_paragraph_is_empty() {
                                self.push_inline(Inline::Break);
                            }
                        }
                        Meaning::Table if block => {
                            self.close_html_paragraph(&range);
                            self.stack.push(Frame::Table {
                                aligns: Vec::new(),
                                header: Vec::new(),
                                rows: Vec::new(),
                                in_head: false,
                            });
                        }
                        Meaning::Row if matches!(self.stack.last(), Some(Frame::Table { .. })) => {
                            self.stack.push(Frame::Row(Vec::new()));
                        }
                        Meaning::Cell => {
                            if let Some(Frame::Cell(_)) = self.stack.last() {
                                self.end_frame(TagEnd::TableCell, range.clone());
                            }
                            if let Some(Frame::Row(cells)) = self.stack.last() {
                                let first = cells.is_empty();
                                if name == "th" && first {
                                    // A row of headers on top is the table's header.
                                    let n = self.stack.len();
                                    if let Some(Frame::Table {
                                        header,
                                        rows,
                                        in_head,
                                        ..
                                    }) = self.stack.get_mut(n - 2)
                                    {
                                        if header.is_empty() && rows.is_empty() {
                                            *in_head = true;
                                        }
                                    }
                                }
                                self.stack.push(Frame::Cell(Vec::new()));
                            }
                        }
                        Meaning::Table | Meaning::Row | Meaning::Transparent => {}
                        Meaning::Removed => {
                            if !warned.contains(&name) {
                                self.html_warning(
                                    format!("`<{name}>` removed with its content: diapo shows only what every output can show, and runs no script"),
                                    at,
                                    "write the content in Markdown",
                                );
                                warned.push(name.clone());
                            }
                            if !self_closing && !is_void(&name) {
                                self.html_skip = Some((name, 1));
                            }
                        }
                        Meaning::Unknown => {
                            if !warned.contains(&name) {
                                self.html_warning(
                                    format!("`<{name}>` is not HTML diapo shows (a component of another tool?): the tag is left out, its text kept"),
                                    at,
                                    "write the content in Markdown",
                                );
                                warned.push(name.clone());
                            }
                        }
                    }
                }
                Piece::End { name } => {
                    if let Some((skipped, depth)) = &mut self.html_skip {
                        if *skipped == name {
                            *depth -= 1;
                            if *depth == 0 {
                                self.html_skip = None;
                            }
                        }
                        continue;
                    }
                    match meaning(&name) {
                        Meaning::Strong
                        | Meaning::Emph
                        | Meaning::Strike
                        | Meaning::Code
                        | Meaning::Sup
                        | Meaning::Sub
                        | Meaning::Link => {
                            // The innermost span this tag opened, with the spans inside it.
                            let open = self.stack.iter().rposition(
                                |f| matches!(f, Frame::Span { html: Some(n), .. } if *n == name),
                            );
                            // A block closes only what it opened; an inline tag closes what an
                            // earlier tag of the paragraph opened.
                            let floor = if block { base } else { 0 };
                            if let Some(pos) = open.filter(|p| *p >= floor) {
                                while self.stack.len() > pos {
                                    self.end_frame(TagEnd::Emphasis, range.clone());
                                }
                            }
                        }
                        Meaning::Cell => {
                            if let Some(Frame::Cell(_)) = self.stack.last() {
                                self.end_frame(TagEnd::TableCell, range.clone());
                            }
                        }
                        Meaning::Row => {
                            if let Some(Frame::Cell(_)) = self.stack.last() {
                                self.end_frame(TagEnd::TableCell, range.clone());
                            }
                            if let Some(Frame::Row(_)) = self.stack.last() {
                                self.end_frame(TagEnd::TableRow, range.clone());
                            }
                        }
                        Meaning::Table => self.close_html_table(&range),
                        Meaning::Block if block && self.in_html_cell().is_none() => {
                            self.html_new_paragraph(&range)
                        }
                        _ => {}
                    }
                }
            }
        }
        if block {
            // What the block left open closes with it; an element removed with its content
            // ends with its block too.
            self.html_skip = None;
            while self.stack.len() > base {
                if matches!(self.stack.last(), Some(Frame::Table { .. })) {
                    self.close_html_table(&range);
                    continue;
                }
                match self.stack.last() {
                    Some(Frame::Cell(_)) => self.end_frame(TagEnd::TableCell, range.clone()),
                    Some(Frame::Row(_)) => self.end_frame(TagEnd::TableRow, range.clone()),
                    Some(Frame::Paragraph(_)) => self.end_frame(TagEnd::Paragraph, range.clone()),
                    _ => self.end_frame(TagEnd::Emphasis, range.clone()),
                }
            }
        }
    }

    /// A diagram block (Slidev, Quarto and GitHub draw them; diapo does not): a placeholder in
    /// its place, its source in the slide's speaker notes, and a warning saying so. Its source
    /// is never shown to the audience.
    fn diagram(&mut self, tool: &DiagramTool, info: &str, source: String, r: Range<usize>) {
        let at = self.src.location(r.start, r.start + 3);
        let lang = tool.lang;
        if source.trim().is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(format!("an empty `{lang}` diagram is left out"))
                    .rule(Rule::Foreign)
                    .at(at),
            );
            return;
        }
        if !self.fits("diagram", source.chars().count(), &r) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::warning(format!(
                "a `{lang}` diagram is not drawn: a placeholder stands in its place and its source is in the speaker notes"
            ))
            .rule(Rule::Foreign)
            .at(at)
            .with_hint("export the diagram as an SVG or PNG image and insert it instead: `![description](diagram.svg)`"),
        );
        let line = self.src.line_of(r.start);
        let alt = diagram_alt(info, &source).unwrap_or_default();
        let diagram = Diagram {
            tool: lang.to_string(),
            alt: if alt.is_empty() {
                Vec::new()
            } else {
                vec![Inline::text(alt)]
            },
            label: vec![Inline::text(crate::i18n::diagram_label(
                self.lang, tool.name,
            ))],
            line,
        };
        self.push_block(Block::Diagram(diagram), r.clone());
        // Straight to the slide's elements, wherever the block stands (a list item, a quote):
        // the note belongs to the slide, not to the block.
        self.elements.push(Element::Note {
            note: Note::Code {
                lang: lang.to_string(),
                code: source,
                line,
            },
            range: r,
        });
    }

    fn math_note(&mut self, range: &Range<usize>) {
        let r = self.orig(range);
        self.diagnostics.push(
            Diagnostic::info("math is shown as its TeX source: diapo does not typeset formulas")
                .rule(Rule::Math)
                .at(self.src.location(r.start, r.end)),
        );
    }

    fn html_paragraph_is_empty(&self) -> bool {
        match self.stack.last() {
            Some(Frame::Paragraph(c) | Frame::Cell(c)) => c.is_empty(),
            Some(Frame::Item { inlines, .. }) => inlines.is_empty(),
            _ => true,
        }
    }

    fn in_html_cell(&self) -> Option<usize> {
        self.stack
            .iter()
            .rposition(|f| matches!(f, Frame::Cell(_) | Frame::Row(_) | Frame::Table { .. }))
    }

    /// Ends the paragraph an HTML block is writing into, and starts another.
    fn html_new_paragraph(&mut self, range: &Range<usize>) {
        self.close_html_paragraph(range);
        self.stack.push(Frame::Paragraph(Vec::new()));
    }

    fn close_html_paragraph(&mut self, range: &Range<usize>) {
        self.close_html_spans(range);
        if let Some(Frame::Paragraph(_)) = self.stack.last() {
            self.end_frame(TagEnd::Paragraph, range.clone());
        }
    }

    fn close_html_table(&mut self, range: &Range<usize>) {
        while !matches!(self.stack.last(), Some(Frame::Table { .. }) | None) {
            match self.stack.last() {
                Some(Frame::Cell(_)) => self.end_frame(TagEnd::TableCell, range.clone()),
                Some(Frame::Row(_)) => self.end_frame(TagEnd::TableRow, range.clone()),
                _ => self.end_frame(TagEnd::Emphasis, range.clone()),
            }
        }
        if let Some(Frame::Table {
            aligns,
            header,
            rows,
            ..
        }) = self.stack.last_mut()
        {
            // Every row as wide as the widest, every column aligned the default way.
            let width = rows
                .iter()
                .map(Vec::len)
                .chain([header.len()])
                .max()
                .unwrap_or(0);
            aligns.resize(width, Align::None);
            if !header.is_empty() {
                header.resize(width, Vec::new());
            }
            for row in rows.iter_mut() {
                row.resize(width, Vec::new());
            }
            if header.is_empty() && !rows.is_empty() {
                *header = rows.remove(0);
            }
        }
        if matches!(self.stack.last(), Some(Frame::Table { .. })) {
            self.end_frame(TagEnd::Table, range.clone());
        }
        self.stack.push(Frame::Paragraph(Vec::new()));
    }

    /// Where `needle` (a tag's start) stands inside the HTML at `range`, for warnings.
    fn html_at(&self, range: &Range<usize>, needle: &str) -> Range<usize> {
        let text = self.src.text.get(range.clone()).unwrap_or("");
        match text.to_ascii_lowercase().find(&needle.to_ascii_lowercase()) {
            Some(i) => range.start + i..range.start + i + needle.len(),
            None => range.clone(),
        }
    }

    fn html_warning(&mut self, message: String, at: Range<usize>, hint: &str) {
        self.diagnostics.push(
            Diagnostic::warning(message)
                .rule(Rule::Html)
                .at(self.src.location(at.start, at.end))
                .with_hint(hint.to_string()),
        );
    }

    /// Whether a block of `chars` characters may go on a slide; an error at its line if not.
    fn fits(&mut self, what: &str, chars: usize, range: &Range<usize>) -> bool {
        if chars <= MAX_BLOCK_CHARS {
            return true;
        }
        self.diagnostics.push(
            Diagnostic::error(format!(
                "this {what} holds {chars} characters, more than a slide can show ({MAX_BLOCK_CHARS} at most)"
            ))
            .at(self.src.location(range.start, range.start))
            .with_hint("cut it, or spread it over several paragraphs and slides"),
        );
        false
    }

    /// Where the address of a link or image stands in the file: inside `(…)` when it is written
    /// inline (`[text](address)`), else the whole link.
    fn address_range(&self, range: &Range<usize>) -> Range<usize> {
        let r = self.orig(range);
        let written = self.src.text.get(r.clone()).unwrap_or("");
        match written.rfind("](") {
            Some(i) if written.ends_with(')') => r.start + i + 2..r.end - 1,
            _ => r,
        }
    }

    /// Warns about a link or image refused for its address, with the caret under the address
    /// when it is written inline (`[text](address)`), else under the whole link.
    fn refuse(&mut self, what: &str, url: &str, range: &Range<usize>) {
        let Range { start, end } = self.address_range(range);
        let scheme = scheme_of(url);
        let (message, hint) = if what == "link" {
            (
                format!("link to a `{scheme}` address removed: it could run code in the audience's browser"),
                "the text stays, without the link; link to a web page (https://…) or a slide (#anchor)",
            )
        } else {
            (
                format!("image with a `{scheme}` address left out: it could run code in the audience's browser"),
                "use a PNG or JPEG file saved next to the deck",
            )
        };
        let rule = if what == "link" {
            Rule::DangerousLink
        } else {
            Rule::DangerousImage
        };
        self.diagnostics.push(
            Diagnostic::warning(message)
                .rule(rule)
                .at(self.src.location(start, end))
                .with_hint(hint),
        );
    }

    fn comment_or_html(&mut self, html: &str, range: Range<usize>) {
        if html.trim_start().starts_with("<!--") {
            self.comment_pieces(html, range);
        } else {
            let r = self.orig(&range);
            if self.allow_html {
                self.push_block(
                    Block::Html {
                        html: html.to_string(),
                    },
                    r,
                );
            } else {
                self.html(html, r, true);
            }
        }
    }

    fn flush_pending(&mut self) {
        if self.stack.is_empty() {
            self.elements.append(&mut self.pending);
        } else {
            let pending = std::mem::take(&mut self.pending);
            for el in pending {
                match el {
                    Element::Block { block, range } => self.push_block(block, range),
                    other => self.elements.push(other),
                }
            }
        }
    }

    fn push_block(&mut self, block: Block, range: Range<usize>) {
        for frame in self.stack.iter_mut().rev() {
            match frame {
                Frame::Quote(blocks) => return blocks.push(block),
                Frame::Item {
                    blocks, inlines, ..
                } => {
                    if !inlines.is_empty() {
                        blocks.push(Block::Paragraph {
                            content: std::mem::take(inlines),
                        });
                    }
                    return blocks.push(block);
                }
                Frame::List { items, .. } => {
                    return items.push(ListItem {
                        blocks: vec![block],
                        fragment: false,
                    });
                }
                Frame::Flattened => continue,
                _ => return,
            }
        }
        self.elements.push(Element::Block { block, range });
    }

    fn text(&mut self, t: &str) {
        match self.stack.last_mut() {
            Some(Frame::Code { text, .. }) => text.push_str(t),
            Some(Frame::Image { alt, .. }) => alt.push_str(t),
            Some(Frame::Html(acc)) => acc.push_str(t),
            _ => self.push_inline(Inline::text(t)),
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        for frame in self.stack.iter_mut().rev() {
            let target = match frame {
                Frame::Paragraph(c) | Frame::Cell(c) => c,
                Frame::Heading { content, .. } | Frame::Span { content, .. } => content,
                Frame::Item { inlines, .. } => inlines,
                Frame::Image { alt, .. } => {
                    alt.push_str(&crate::model::plain_text(std::slice::from_ref(&inline)));
                    return;
                }
                Frame::Flattened => continue,
                _ => return,
            };
            // Merge adjacent text so typography and line breaking see whole words.
            if let (Some(Inline::Text { text: prev }), Inline::Text { text }) =
                (target.last_mut(), &inline)
            {
                prev.push_str(text);
            } else {
                target.push(inline);
            }
            return;
        }
        // Inline content with no container (an image's alt at top level): wrap it.
        self.elements.push(Element::Block {
            block: Block::Paragraph {
                content: vec![inline],
            },
            range: 0..0,
        });
    }
}

/// Marp's size keywords in an alt text (`w:300px`, `h:200`, `width:50%`, `height:…`): the alt
/// text without them, and the box they ask for in pixels of a 1280×720 slide (a percentage of
/// the slide's width or height).
fn image_size(alt: &str) -> (String, Option<f32>, Option<f32>) {
    let mut kept = Vec::new();
    let (mut w, mut h) = (None, None);
    for word in alt.split_whitespace() {
        let (name, value) = word.split_once(':').unwrap_or((word, ""));
        let (number, percent) = match value.strip_suffix('%') {
            Some(n) => (n, true),
            None => (value.trim_end_matches("px"), false),
        };
        let size = number
            .parse::<f32>()
            .ok()
            .filter(|n| *n > 0.0 && n.is_finite());
        match (name.to_ascii_lowercase().as_str(), size) {
            ("w" | "width", Some(n)) => w = Some(if percent { n * 12.8 } else { n }),
            ("h" | "height", Some(n)) => h = Some(if percent { n * 7.2 } else { n }),
            _ => kept.push(word),
        }
    }
    if w.is_none() && h.is_none() {
        return (alt.to_string(), None, None);
    }
    (kept.join(" "), w, h)
}

/// Characters of text in a run of inlines (nesting is capped, so the recursion is bounded).
fn inline_chars(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text { text } | Inline::Code { text } => text.chars().count(),
            Inline::Html { html } => html.chars().count(),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => inline_chars(content),
            Inline::Break => 1,
        })
        .sum()
}

/// A diagram language: as its blocks are marked, and its tool's name.
pub struct DiagramTool {
    pub lang: &'static str,
    pub name: &'static str,
}

/// The diagrams Slidev, Quarto, GitHub and the Markdown editors draw from a code block.
const DIAGRAM_TOOLS: [DiagramTool; 5] = [
    DiagramTool {
        lang: "mermaid",
        name: "Mermaid",
    },
    DiagramTool {
        lang: "plantuml",
        name: "PlantUML",
    },
    DiagramTool {
        lang: "dot",
        name: "Graphviz",
    },
    DiagramTool {
        lang: "graphviz",
        name: "Graphviz",
    },
    DiagramTool {
        lang: "d2",
        name: "D2",
    },
];

/// The diagram a fence's info string asks for: ```` ```mermaid ````, with attributes
/// (```` ```mermaid {scale: 0.5} ````), or Quarto's ```` ```{mermaid} ```` and Pandoc's
/// ```` ```{.mermaid} ````.
pub fn diagram_tool(info: &str) -> Option<&'static DiagramTool> {
    let word = info
        .trim_start()
        .trim_start_matches('{')
        .trim_start_matches('.');
    let end = word
        .find(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ','))
        .unwrap_or(word.len());
    let word = &word[..end];
    DIAGRAM_TOOLS
        .iter()
        .find(|t| t.lang.eq_ignore_ascii_case(word))
}

/// The description an author gave a diagram: in the fence's attributes (Slidev's
/// `{alt: 'A sequence'}`, Pandoc's `{.mermaid alt="…"}` or `fig-alt="…"`), else in Quarto's
/// cell options at the top of its source (`%%| fig-alt: …`, `//| fig-cap: …`).
pub fn diagram_alt(info: &str, source: &str) -> Option<String> {
    let attrs = info.find('{').map_or("", |i| &info[i..]);
    let options: Vec<&str> = source
        .lines()
        .map(str::trim_start)
        .take_while(|l| l.starts_with("%%|") || l.starts_with("//|") || l.starts_with("#|"))
        .map(|l| &l[3..])
        .collect();
    ["fig-alt", "alt", "fig-cap"]
        .into_iter()
        .find_map(|key| {
            attr_value(attrs, key).or_else(|| options.iter().find_map(|o| attr_value(o, key)))
        })
        .filter(|v| !v.is_empty())
}

/// The value of `key` in attributes written `key: value` or `key=value`, the value quoted
/// (`'…'`, `"…"`) or ending at a comma or a closing brace.
fn attr_value(attrs: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = attrs[from..].find(key) {
        let start = from + i;
        from = start + key.len();
        // A whole key: not the end of a longer one (`fig-alt` is not `alt`).
        let whole = attrs[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ','));
        let rest = attrs[from..].trim_start();
        let Some(rest) = rest.strip_prefix([':', '=']).filter(|_| whole) else {
            continue;
        };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('\'' | '"')) => {
                let inner = &rest[1..];
                &inner[..inner.find(q).unwrap_or(inner.len())]
            }
            _ => &rest[..rest.find([',', '}']).unwrap_or(rest.len())],
        };
        return Some(value.trim().to_string());
    }
    None
}

/// Characters of text in blocks, nested ones included (nesting is capped).
fn block_chars(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => inline_chars(content),
            Block::List(list) => list.items.iter().map(|i| block_chars(&i.blocks)).sum(),
            Block::Quote { blocks } => block_chars(blocks),
            Block::Code { text, .. } => text.chars().count(),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .map(|cell| inline_chars(cell))
                .sum(),
            Block::Image(image) => image.alt.chars().count(),
            Block::Diagram(diagram) => inline_chars(&diagram.alt),
            Block::Html { html } => html.chars().count(),
            Block::Rule => 0,
        })
        .sum()
}

/// What a refused address is, for the warning: `javascript:`, or `data:text/html` for data.
fn scheme_of(url: &str) -> String {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .take(64)
        .collect();
    let end = if squashed.starts_with("data:") {
        squashed.find([',', ';'])
    } else {
        squashed.find(':').map(|i| i + 1)
    };
    squashed[..end.unwrap_or(squashed.len())].to_string()
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Byte offset of the first `<!--` that is never closed, outside code.
pub fn unterminated_comment(text: &str) -> Option<usize> {
    let mut open: Option<usize> = None;
    for (at, line, code) in super::outline::lines_with_code(text) {
        // A fence inside an open comment is part of the comment.
        if code && open.is_none() {
            continue;
        }
        let mut rest = line;
        let mut base = at;
        loop {
            let (needle, found) = match open {
                Some(_) => ("-->", rest.find("-->")),
                None => ("<!--", rest.find("<!--")),
            };
            let Some(i) = found else { break };
            // Inside an inline code span (an odd number of backticks before it)?
            if open.is_none() && rest[..i].matches('`').count() % 2 == 1 {
                break;
            }
            open = if open.is_some() { None } else { Some(base + i) };
            base += i + needle.len();
            rest = &rest[i + needle.len()..];
        }
    }
    open
}

/// Trims white space (no-break spaces included) at both ends of a run of inlines.
fn trim_inlines(content: &mut Vec<Inline>) {
    if let Some(Inline::Text { text }) = content.last_mut() {
        *text = text.trim_end().to_string();
    }
    if let Some(Inline::Text { text }) = content.first_mut() {
        *text = text.trim_start().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::{diagram_alt, diagram_tool, image_size};

    #[test]
    fn diagram_blocks_are_known_by_their_info_string() {
        let lang = |info: &str| diagram_tool(info).map(|t| t.lang);
        assert_eq!(lang("mermaid"), Some("mermaid"));
        assert_eq!(lang("mermaid {scale: 0.5, alt: 'A'}"), Some("mermaid"));
        assert_eq!(lang("mermaid{scale: 0.5}"), Some("mermaid"));
        assert_eq!(lang("{mermaid}"), Some("mermaid"));
        assert_eq!(lang("{.plantuml}"), Some("plantuml"));
        assert_eq!(lang("PlantUML"), Some("plantuml"));
        assert_eq!(diagram_tool("dot").map(|t| t.name), Some("Graphviz"));
        assert_eq!(lang("graphviz"), Some("graphviz"));
        assert_eq!(lang("d2"), Some("d2"));
        for code in [
            "",
            "rust",
            "mermaid-js",
            "{python}",
            "dotnet",
            "text mermaid",
        ] {
            assert_eq!(lang(code), None, "{code}");
        }
    }

    #[test]
    fn a_diagram_s_description_is_read_from_its_attributes_or_its_options() {
        let cases = [
            (
                "mermaid {scale: 0.5, alt: 'A simple sequence diagram'}",
                "graph TD",
                Some("A simple sequence diagram"),
            ),
            (
                "mermaid {alt: \"Il dit : « oui », ok\"}",
                "",
                Some("Il dit : « oui », ok"),
            ),
            ("mermaid {alt: Flux, scale: 2}", "", Some("Flux")),
            ("{.mermaid fig-alt=\"Un flux\"}", "", Some("Un flux")),
            // Quarto's cell options, at the top of the source.
            (
                "{mermaid}",
                "%%| label: fig-flux\n%%| fig-cap: \"Le flux\"\ngraph TD",
                Some("Le flux"),
            ),
            (
                "{dot}",
                "//| fig-alt: Les étapes\ndigraph {}",
                Some("Les étapes"),
            ),
            // A key that only ends like `alt`, an empty value, an option below the source.
            ("mermaid {salt: 'x'}", "", None),
            ("mermaid {alt: ''}", "", None),
            (
                "mermaid {theme: 'neutral'}",
                "graph TD\n%%| fig-alt: late",
                None,
            ),
        ];
        for (info, source, expected) in cases {
            assert_eq!(
                diagram_alt(info, source).as_deref(),
                expected,
                "{info} / {source}"
            );
        }
    }

    #[test]
    fn image_sizes_are_read_from_the_alt_text() {
        assert_eq!(
            image_size("w:300px Logo"),
            ("Logo".to_string(), Some(300.0), None)
        );
        assert_eq!(
            image_size("Schéma h:120"),
            ("Schéma".to_string(), None, Some(120.0))
        );
        assert_eq!(
            image_size("width:50% Photo"),
            ("Photo".to_string(), Some(640.0), None)
        );
        // Words that only look like sizes stay text.
        assert_eq!(
            image_size("w:auto h: x"),
            ("w:auto h: x".to_string(), None, None)
        );
        assert_eq!(image_size("Carte"), ("Carte".to_string(), None, None));
    }
}
