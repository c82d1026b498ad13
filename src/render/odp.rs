//! The editable deck as OpenDocument Presentation (ODF 1.3), the format of LibreOffice Impress:
//! three master pages drawn from the theme and the brand (cover, section, content: background,
//! top rule, bloc-marque, logo, title and outline placeholders, footer and slide number fields),
//! and one page per slide with its title and body in the master's placeholders, its other parts
//! in text frames, its notes in the notes page. `mimetype` comes first and is stored, as ODF
//! requires.
//!
//! Automatic styles (one per distinct paragraph, span, frame or list look) are gathered by
//! writing the body once into a scratch document, then written before the body.

use super::office::{
    cm, hex, Align, Bullet, Font, Kind, Link, Master, OfficeDeck, OfficeSlide, Para, Rect, Role,
    Run, Shape, TableFrame, TextFrame, WriteError, Xml,
};
use crate::color::Rgb;
use std::collections::BTreeMap;

const MIME: &str = "application/vnd.oasis.opendocument.presentation";

const NAMESPACES: [(&str, &str); 12] = [
    (
        "xmlns:office",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    ),
    (
        "xmlns:style",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    ),
    (
        "xmlns:text",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    ),
    (
        "xmlns:table",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    ),
    (
        "xmlns:draw",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    ),
    (
        "xmlns:fo",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    (
        "xmlns:meta",
        "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    ),
    (
        "xmlns:svg",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    ),
    (
        "xmlns:presentation",
        "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    ),
    ("office:version", "1.3"),
];

/// The ODP file of a deck.
pub fn write_odp(deck: &OfficeDeck) -> Result<Vec<u8>, WriteError> {
    let mut pkg = super::office::Package::new();
    pkg.add_stored("mimetype", MIME.as_bytes())?;
    pkg.add("content.xml", &content(deck)?)?;
    pkg.add("styles.xml", &styles(deck)?)?;
    pkg.add("meta.xml", &meta(deck)?)?;
    for m in &deck.media {
        pkg.add_stored(&format!("Pictures/{}", m.name), &m.bytes)?;
    }
    pkg.add("META-INF/manifest.xml", &manifest(deck)?)?;
    Ok(pkg.finish()?)
}

fn manifest(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open(
        "manifest:manifest",
        &[
            (
                "xmlns:manifest",
                "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
            ),
            ("manifest:version", "1.3"),
        ],
    );
    let entry = |x: &mut Xml, path: &str, ty: &str| {
        x.leaf(
            "manifest:file-entry",
            &[("manifest:full-path", path), ("manifest:media-type", ty)],
        );
    };
    x.leaf(
        "manifest:file-entry",
        &[
            ("manifest:full-path", "/"),
            ("manifest:version", "1.3"),
            ("manifest:media-type", MIME),
        ],
    );
    entry(&mut x, "content.xml", "text/xml");
    entry(&mut x, "styles.xml", "text/xml");
    entry(&mut x, "meta.xml", "text/xml");
    for m in &deck.media {
        entry(&mut x, &format!("Pictures/{}", m.name), m.mime);
    }
    x.finish()
}

fn meta(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut x = Xml::new();
    x.open("office:document-meta", &NAMESPACES);
    x.open("office:meta", &[]);
    x.element("meta:generator", &[], "diapo");
    x.element("dc:title", &[], &deck.title);
    x.element("dc:subject", &[], &deck.subject);
    x.element("meta:initial-creator", &[], &deck.author);
    x.element("dc:creator", &[], &deck.author);
    x.element(
        "meta:creation-date",
        &[],
        deck.created.trim_end_matches('Z'),
    );
    x.element("dc:date", &[], deck.created.trim_end_matches('Z'));
    x.element("dc:language", &[], deck.lang);
    x.finish()
}

/// Lengths and sizes as whole hundredths, so that looks compare exactly.
fn h(v: f32) -> i32 {
    (v * 100.0).round() as i32
}

fn unh(v: i32) -> f32 {
    v as f32 / 100.0
}

/// A paragraph's look.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ParaStyle {
    indent: i32,
    first: i32,
    line: i32,
    after: i32,
    align: u8,
    text: TextStyle,
}

/// A span's look (the paragraph's, or a run's own).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct TextStyle {
    size: i32,
    colour: (u8, u8, u8),
    font: Font,
    bold: bool,
    italic: bool,
    strike: bool,
    underline: bool,
}

/// A frame's or a shape's look.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GraphicStyle {
    fill: Option<(u8, u8, u8)>,
    stroke: Option<((u8, u8, u8), i32)>,
    nowrap: bool,
    /// Text frames: no padding, no growth, text at the top.
    text: bool,
}

/// A table cell: no fill, a rule under it (colour, width), padding across and down.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct CellStyle {
    rule: ((u8, u8, u8), i32),
    pad: (i32, i32),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    /// A slide's page: whether it shows the footer and the number.
    Page {
        footer: bool,
        number: bool,
    },
    Para(ParaStyle),
    Text(TextStyle),
    Graphic(GraphicStyle),
    /// A placeholder frame (family `presentation`).
    Placeholder(GraphicStyle),
    /// Bullets in the primary colour, or numbers from `start`; `size` is the first level's text
    /// size, which places the labels.
    List {
        numbered: bool,
        start: u64,
        colour: (u8, u8, u8),
        size: i32,
    },
    Cell(CellStyle),
    Column(i32),
    Row(i32),
}

/// Automatic styles, named in the order they are first used.
#[derive(Default)]
struct Styles {
    names: BTreeMap<Style, String>,
    order: Vec<Style>,
    /// `M` in styles.xml, whose automatic styles are apart from content.xml's.
    prefix: &'static str,
}

impl Styles {
    fn name(&mut self, s: Style) -> String {
        if let Some(n) = self.names.get(&s) {
            return n.clone();
        }
        let prefix = match s {
            Style::Page { .. } => "dp",
            Style::Para(_) => "P",
            Style::Text(_) => "T",
            Style::Graphic(_) => "gr",
            Style::Placeholder(_) => "pr",
            Style::List { .. } => "L",
            Style::Cell(_) => "ce",
            Style::Column(_) => "co",
            Style::Row(_) => "ro",
        };
        let n = format!(
            "{}{prefix}{}",
            self.prefix,
            self.order
                .iter()
                .filter(|o| std::mem::discriminant(*o) == std::mem::discriminant(&s))
                .count()
                + 1
        );
        self.names.insert(s.clone(), n.clone());
        self.order.push(s);
        n
    }

    fn write(&self, x: &mut Xml, deck: &OfficeDeck) {
        for s in &self.order {
            let Some(name) = self.names.get(s) else {
                continue;
            };
            match s {
                Style::Page { footer, number } => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "drawing-page")],
                    );
                    x.leaf(
                        "style:drawing-page-properties",
                        &[
                            ("presentation:background-visible", "true"),
                            ("presentation:background-objects-visible", "true"),
                            ("presentation:display-footer", bool_str(*footer)),
                            ("presentation:display-page-number", bool_str(*number)),
                            ("presentation:display-date-time", "false"),
                            ("presentation:display-header", "false"),
                        ],
                    );
                    x.close();
                }
                Style::Para(p) => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "paragraph")],
                    );
                    para_props(x, p);
                    text_props(x, deck, &p.text);
                    x.close();
                }
                Style::Text(t) => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "text")],
                    );
                    text_props(x, deck, t);
                    x.close();
                }
                Style::Graphic(g) | Style::Placeholder(g) => {
                    let family = if matches!(s, Style::Graphic(_)) {
                        "graphic"
                    } else {
                        "presentation"
                    };
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", family)],
                    );
                    graphic_props(x, g);
                    x.close();
                }
                Style::List {
                    numbered,
                    start,
                    colour,
                    size,
                } => {
                    x.open("text:list-style", &[("style:name", name)]);
                    for level in 1..=9u32 {
                        let lv = level.to_string();
                        // The label is as wide as the bullet's hang in the PDF (nested lists
                        // are 0.86 times smaller); the paragraph's indent places it.
                        let em = unh(*size) * 0.86f32.powi(level as i32 - 1);
                        let hang = super::office::BULLET_HANG * em;
                        let before = cm(0.0);
                        let label = cm(hang);
                        if *numbered {
                            let start = if level == 1 { *start } else { 1 };
                            x.open(
                                "text:list-level-style-number",
                                &[
                                    ("text:level", &lv),
                                    ("style:num-format", "1"),
                                    ("style:num-suffix", "."),
                                    ("text:start-value", &start.to_string()),
                                ],
                            );
                        } else {
                            x.open(
                                "text:list-level-style-bullet",
                                &[("text:level", &lv), ("text:bullet-char", "•")],
                            );
                        }
                        x.leaf(
                            "style:list-level-properties",
                            &[
                                ("text:space-before", &before),
                                ("text:min-label-width", &label),
                            ],
                        );
                        x.leaf(
                            "style:text-properties",
                            &[("fo:color", &hex(rgb(*colour))), ("fo:font-size", "100%")],
                        );
                        x.close();
                    }
                    x.close();
                }
                Style::Cell(c) => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "table-cell")],
                    );
                    x.leaf("style:graphic-properties", &[("draw:fill", "none")]);
                    let (across, down) = (cm(unh(c.pad.0)), cm(unh(c.pad.1)));
                    let rule = format!("{} solid {}", cm(unh(c.rule.1)), hex(rgb(c.rule.0)));
                    x.leaf(
                        "style:paragraph-properties",
                        &[
                            ("fo:border-top", "none"),
                            ("fo:border-left", "none"),
                            ("fo:border-right", "none"),
                            ("fo:border-bottom", &rule),
                            ("fo:padding-left", &across),
                            ("fo:padding-right", &across),
                            ("fo:padding-top", &down),
                            ("fo:padding-bottom", &down),
                        ],
                    );
                    x.close();
                }
                Style::Column(w) => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "table-column")],
                    );
                    x.leaf(
                        "style:table-column-properties",
                        &[("style:column-width", &cm(unh(*w)))],
                    );
                    x.close();
                }
                Style::Row(r) => {
                    x.open(
                        "style:style",
                        &[("style:name", name), ("style:family", "table-row")],
                    );
                    x.leaf(
                        "style:table-row-properties",
                        &[("style:min-row-height", &cm(unh(*r)))],
                    );
                    x.close();
                }
            }
        }
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn rgb(c: (u8, u8, u8)) -> Rgb {
    Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
    }
}

fn tuple(c: Rgb) -> (u8, u8, u8) {
    (c.r, c.g, c.b)
}

fn para_props(x: &mut Xml, p: &ParaStyle) {
    let align = match p.align {
        1 => "center",
        2 => "end",
        _ => "start",
    };
    x.leaf(
        "style:paragraph-properties",
        &[
            ("fo:margin-left", &cm(unh(p.indent))),
            ("fo:margin-right", &cm(0.0)),
            ("fo:text-indent", &cm(unh(p.first))),
            ("fo:margin-top", &cm(0.0)),
            ("fo:margin-bottom", &cm(unh(p.after))),
            ("fo:line-height", &cm(unh(p.line))),
            ("fo:text-align", align),
        ],
    );
}

fn text_props(x: &mut Xml, deck: &OfficeDeck, t: &TextStyle) {
    let size = format!("{}pt", unh(t.size));
    let (language, country) = match deck.lang.split_once('-') {
        Some((l, c)) => (l, c),
        None => (deck.lang, "none"),
    };
    let mut attrs = vec![
        ("fo:font-size", size.as_str()),
        ("style:font-name", deck.font_name(t.font)),
        ("fo:font-weight", if t.bold { "bold" } else { "normal" }),
        ("fo:font-style", if t.italic { "italic" } else { "normal" }),
        ("fo:language", language),
        ("fo:country", country),
    ];
    let colour = hex(rgb(t.colour));
    attrs.push(("fo:color", &colour));
    if t.strike {
        attrs.push(("style:text-line-through-style", "solid"));
    }
    if t.underline {
        attrs.push(("style:text-underline-style", "solid"));
        attrs.push(("style:text-underline-width", "auto"));
        attrs.push(("style:text-underline-color", "font-color"));
    }
    x.leaf("style:text-properties", &attrs);
}

fn graphic_props(x: &mut Xml, g: &GraphicStyle) {
    let mut attrs: Vec<(&str, String)> = Vec::new();
    match g.fill {
        Some(c) => {
            attrs.push(("draw:fill", "solid".into()));
            attrs.push(("draw:fill-color", hex(rgb(c))));
        }
        None => attrs.push(("draw:fill", "none".into())),
    }
    match g.stroke {
        Some((c, w)) => {
            attrs.push(("draw:stroke", "solid".into()));
            attrs.push(("svg:stroke-color", hex(rgb(c))));
            attrs.push(("svg:stroke-width", cm(unh(w))));
        }
        None => attrs.push(("draw:stroke", "none".into())),
    }
    if g.text {
        for side in [
            "fo:padding-top",
            "fo:padding-bottom",
            "fo:padding-left",
            "fo:padding-right",
        ] {
            attrs.push((side, cm(0.0)));
        }
        attrs.push(("draw:auto-grow-height", "false".into()));
        attrs.push(("draw:auto-grow-width", "false".into()));
        attrs.push(("draw:fit-to-size", "false".into()));
        attrs.push(("style:shrink-to-fit", "false".into()));
        attrs.push(("draw:textarea-vertical-align", "top".into()));
        attrs.push((
            "fo:wrap-option",
            if g.nowrap { "no-wrap" } else { "wrap" }.into(),
        ));
    }
    let refs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    x.leaf("style:graphic-properties", &refs);
}

fn text_style_of(p: &Para, r: Option<&Run>) -> TextStyle {
    TextStyle {
        size: h(p.size),
        colour: tuple(r.and_then(|r| r.colour).unwrap_or(p.colour)),
        font: if r.is_some_and(|r| r.code) {
            Font::Mono
        } else {
            p.font
        },
        bold: p.bold || r.is_some_and(|r| r.bold),
        italic: p.italic || r.is_some_and(|r| r.italic),
        strike: r.is_some_and(|r| r.strike),
        underline: false,
    }
}

fn para_style(p: &Para) -> ParaStyle {
    // A bullet hangs in the indent, as on the PDF page.
    let hang = if p.bullet == Bullet::None {
        0.0
    } else {
        super::office::BULLET_HANG * p.size
    };
    // Impress adds the paragraph's indent to the list's label position: the paragraph starts
    // where the label does, and the label's width brings the text to its place.
    let indent = (p.indent - hang).max(0.0);
    ParaStyle {
        indent: h(indent),
        first: 0,
        line: h(p.line),
        after: h(p.after),
        align: match p.align {
            Align::Left => 0,
            Align::Centre => 1,
            Align::Right => 2,
        },
        text: text_style_of(p, None),
    }
}

/// Writes text, keeping runs of spaces (ODF collapses them otherwise).
fn spaced_text(x: &mut Xml, text: &str) {
    let mut plain = String::new();
    let mut spaces = 0usize;
    let flush_spaces = |x: &mut Xml, plain: &mut String, spaces: &mut usize, at_start: bool| {
        if *spaces == 0 {
            return;
        }
        let mut extra = *spaces;
        if !at_start {
            plain.push(' ');
            extra -= 1;
        }
        if !plain.is_empty() {
            x.text(plain);
            plain.clear();
        }
        if extra > 0 {
            x.leaf("text:s", &[("text:c", &extra.to_string())]);
        }
        *spaces = 0;
    };
    let mut started = false;
    for ch in text.chars() {
        if ch == ' ' {
            spaces += 1;
            continue;
        }
        flush_spaces(x, &mut plain, &mut spaces, !started);
        started = true;
        if ch == '\t' {
            if !plain.is_empty() {
                x.text(&plain);
                plain.clear();
            }
            x.leaf("text:tab", &[]);
        } else {
            plain.push(ch);
        }
    }
    if spaces > 0 {
        flush_spaces(x, &mut plain, &mut spaces, !started);
    }
    if !plain.is_empty() {
        x.text(&plain);
    }
}

struct Writer<'a> {
    deck: &'a OfficeDeck,
    styles: Styles,
}

impl Writer<'_> {
    fn paragraph(&mut self, x: &mut Xml, p: &Para) {
        let ps = self.styles.name(Style::Para(para_style(p)));
        x.open("text:p", &[("text:style-name", &ps)]);
        for r in &p.runs {
            if r.text.is_empty() {
                continue;
            }
            let ts = self.styles.name(Style::Text(text_style_of(p, Some(r))));
            let href = match &r.link {
                Some(Link::Url(u)) => Some(u.clone()),
                Some(Link::Slide(i)) => Some(format!("#page{}", i + 1)),
                None => None,
            };
            // The span outside the link, as Impress writes it: it drops a span inside one.
            x.open("text:span", &[("text:style-name", &ts)]);
            if let Some(href) = &href {
                x.open("text:a", &[("xlink:type", "simple"), ("xlink:href", href)]);
            }
            spaced_text(x, &r.text);
            if href.is_some() {
                x.close();
            }
            x.close();
        }
        x.close();
    }

    /// Paragraphs, the bulleted ones in lists nested to their level.
    fn paragraphs(&mut self, x: &mut Xml, paras: &[Para]) {
        let mut i = 0;
        while i < paras.len() {
            let p = &paras[i];
            if p.bullet == Bullet::None {
                self.paragraph(x, p);
                i += 1;
                continue;
            }
            // A list: this item and the ones after it at its level or deeper.
            let level = p.level;
            let end = paras[i + 1..]
                .iter()
                .position(|q| q.level < level || (q.level == level && q.bullet == Bullet::None))
                .map_or(paras.len(), |n| i + 1 + n);
            self.list(x, &paras[i..end], level);
            i = end;
        }
    }

    fn list(&mut self, x: &mut Xml, items: &[Para], level: u8) {
        let (numbered, start) = match items.first().map(|p| p.bullet) {
            Some(Bullet::Number(n)) => (true, n),
            _ => (false, 1),
        };
        // The first level's size, back from the level these items stand at.
        let size = items
            .first()
            .map_or(0.0, |p| p.size / 0.86f32.powi(i32::from(level)));
        let ls = self.styles.name(Style::List {
            numbered,
            start,
            colour: tuple(self.deck.colours.primary),
            size: h(size),
        });
        x.open("text:list", &[("text:style-name", &ls)]);
        let mut i = 0;
        while i < items.len() {
            x.open("text:list-item", &[]);
            self.paragraph(x, &items[i]);
            let end = items[i + 1..]
                .iter()
                .position(|q| q.level <= level)
                .map_or(items.len(), |n| i + 1 + n);
            if end > i + 1 {
                let sub = &items[i + 1..end];
                let sub_level = sub.iter().map(|q| q.level).min().unwrap_or(level + 1);
                // Deeper items: a nested list, or paragraphs of this item.
                let mut j = 0;
                while j < sub.len() {
                    if sub[j].bullet == Bullet::None {
                        self.paragraph(x, &sub[j]);
                        j += 1;
                    } else {
                        let e = sub[j + 1..]
                            .iter()
                            .position(|q| {
                                q.level < sub_level
                                    || q.bullet == Bullet::None && q.level == sub_level
                            })
                            .map_or(sub.len(), |n| j + 1 + n);
                        self.list(x, &sub[j..e], sub[j].level);
                        j = e;
                    }
                }
            }
            x.close();
            i = end;
        }
        x.close();
    }

    fn frame_attrs(rect: Rect) -> [(&'static str, String); 4] {
        [
            ("svg:x", cm(rect.x)),
            ("svg:y", cm(rect.y)),
            ("svg:width", cm(rect.w.max(0.01))),
            ("svg:height", cm(rect.h.max(0.01))),
        ]
    }

    fn shape(&mut self, x: &mut Xml, s: &Shape) {
        match s {
            Shape::Box {
                rect,
                fill,
                stroke,
                radius,
            } => {
                let gs = self.styles.name(Style::Graphic(GraphicStyle {
                    fill: fill.map(tuple),
                    stroke: stroke.map(|(c, w)| (tuple(c), h(w))),
                    nowrap: false,
                    text: false,
                }));
                let pos = Self::frame_attrs(*rect);
                let mut attrs: Vec<(&str, &str)> = vec![("draw:style-name", gs.as_str())];
                attrs.extend(pos.iter().map(|(k, v)| (*k, v.as_str())));
                let round = (radius * 2.0 - rect.w.min(rect.h)).abs() < 0.5
                    && (rect.w - rect.h).abs() < 0.5
                    && *radius > 0.0;
                let r = cm(*radius);
                if round {
                    x.leaf("draw:ellipse", &attrs);
                } else {
                    if *radius > 0.0 {
                        attrs.push(("draw:corner-radius", r.as_str()));
                    }
                    x.leaf("draw:rect", &attrs);
                }
            }
            Shape::Line {
                from,
                to,
                colour,
                width,
            } => {
                let gs = self.styles.name(Style::Graphic(GraphicStyle {
                    fill: None,
                    stroke: Some((tuple(*colour), h(*width))),
                    nowrap: false,
                    text: false,
                }));
                x.leaf(
                    "draw:line",
                    &[
                        ("draw:style-name", &gs),
                        ("svg:x1", &cm(from.0)),
                        ("svg:y1", &cm(from.1)),
                        ("svg:x2", &cm(to.0)),
                        ("svg:y2", &cm(to.1)),
                    ],
                );
            }
            Shape::Text(f) => self.text_frame(x, f, None),
            Shape::Picture(p) => {
                let Some(media) = self.deck.media.get(p.media) else {
                    return;
                };
                let gs = self.styles.name(Style::Graphic(GraphicStyle {
                    fill: None,
                    stroke: None,
                    nowrap: false,
                    text: false,
                }));
                let pos = Self::frame_attrs(p.rect);
                let mut attrs: Vec<(&str, &str)> = vec![("draw:style-name", gs.as_str())];
                attrs.extend(pos.iter().map(|(k, v)| (*k, v.as_str())));
                x.open("draw:frame", &attrs);
                x.leaf(
                    "draw:image",
                    &[
                        ("xlink:href", &format!("Pictures/{}", media.name)),
                        ("xlink:type", "simple"),
                        ("xlink:show", "embed"),
                        ("xlink:actuate", "onLoad"),
                    ],
                );
                if let Some(t) = &p.title {
                    x.element("svg:title", &[], t);
                }
                if !p.alt.is_empty() {
                    x.element("svg:desc", &[], &p.alt);
                }
                x.close();
            }
            Shape::Table(t) => self.table(x, t),
        }
    }

    /// A text frame: a placeholder of the master (`master` names it), or a text box.
    fn text_frame(&mut self, x: &mut Xml, f: &TextFrame, master: Option<&str>) {
        let g = GraphicStyle {
            fill: None,
            stroke: None,
            nowrap: f.nowrap,
            text: true,
        };
        let class = match f.role {
            Role::Title => Some("title"),
            Role::Subtitle => Some("subtitle"),
            Role::Body(_) => Some("outline"),
            Role::Free => None,
        };
        let pos = Self::frame_attrs(nudged(f.rect, f.paras.first().map_or(0.0, |p| p.size)));
        let mut attrs: Vec<(String, String)> = Vec::new();
        match class {
            Some(class) => {
                let ps = self.styles.name(Style::Placeholder(g));
                attrs.push(("presentation:style-name".into(), ps));
                attrs.push(("presentation:class".into(), class.into()));
                attrs.push(("presentation:user-transformed".into(), "true".into()));
                let _ = master;
            }
            None => {
                let gs = self.styles.name(Style::Graphic(g));
                attrs.push(("draw:style-name".into(), gs));
            }
        }
        for (k, v) in pos {
            attrs.push((k.into(), v));
        }
        let refs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        x.open("draw:frame", &refs);
        x.open("draw:text-box", &[]);
        self.paragraphs(x, &f.paras);
        x.close();
        x.close();
    }

    fn table(&mut self, x: &mut Xml, t: &TableFrame) {
        let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let pos = Self::frame_attrs(t.rect);
        let refs: Vec<(&str, &str)> = pos.iter().map(|(k, v)| (*k, v.as_str())).collect();
        x.open("draw:frame", &refs);
        x.open("table:table", &[]);
        let co = self.styles.name(Style::Column(h(t.rect.w / cols as f32)));
        for _ in 0..cols {
            x.leaf("table:table-column", &[("table:style-name", &co)]);
        }
        let ro = self
            .styles
            .name(Style::Row(h(t.rect.h / t.rows.len().max(1) as f32)));
        for r in 0..t.rows.len() {
            let header = r == 0;
            x.open("table:table-row", &[("table:style-name", &ro)]);
            let (rule, width) = if header { t.header_rule } else { t.row_rule };
            let ce = self.styles.name(Style::Cell(CellStyle {
                rule: (tuple(rule), h(width)),
                pad: (h(t.padding.0), h(t.padding.1)),
            }));
            for c in 0..cols {
                x.open("table:table-cell", &[("table:style-name", &ce)]);
                let p = t.cell(r, c);
                self.paragraph(x, &p);
                x.close();
            }
            x.close();
        }
        x.close();
        x.close();
    }

    fn slide(&mut self, x: &mut Xml, slide: &OfficeSlide, index: usize) {
        let dp = self.styles.name(Style::Page {
            footer: slide.footer.is_some(),
            number: slide.paginate,
        });
        let name = format!("page{}", index + 1);
        let mut attrs = vec![
            ("draw:name", name.as_str()),
            ("draw:style-name", dp.as_str()),
            ("draw:master-page-name", master_name(slide.kind)),
        ];
        let footer = format!("ftr{}", index + 1);
        if slide.footer.is_some() {
            attrs.push(("presentation:use-footer-name", footer.as_str()));
        }
        x.open("draw:page", &attrs);
        for s in &slide.shapes {
            self.shape(x, s);
        }
        x.open("presentation:notes", &[]);
        x.leaf(
            "draw:page-thumbnail",
            &[
                ("presentation:class", "page"),
                ("draw:page-number", &(index + 1).to_string()),
                ("svg:x", &cm(54.0)),
                ("svg:y", &cm(54.0)),
                ("svg:width", &cm(432.0)),
                ("svg:height", &cm(243.0)),
            ],
        );
        let notes = TextFrame {
            rect: notes_rect(),
            role: Role::Free,
            paras: slide.notes.clone(),
            nowrap: false,
        };
        let g = self.styles.name(Style::Placeholder(GraphicStyle {
            fill: None,
            stroke: None,
            nowrap: false,
            text: true,
        }));
        let pos = Self::frame_attrs(notes.rect);
        let mut attrs: Vec<(&str, &str)> = vec![
            ("presentation:style-name", g.as_str()),
            ("presentation:class", "notes"),
        ];
        if slide.notes.is_empty() {
            attrs.push(("presentation:placeholder", "true"));
        }
        attrs.extend(pos.iter().map(|(k, v)| (*k, v.as_str())));
        x.open("draw:frame", &attrs);
        x.open("draw:text-box", &[]);
        self.paragraphs(x, &notes.paras);
        x.close();
        x.close();
        x.close();
        x.close();
    }
}

/// Impress sets a fixed-height line's baseline higher in its box than the other application
/// does (measured with pdftotext on Impress's export: 0.22 em for every size): frames move down
/// by as much, so that the text stands where the PDF has it.
const BASELINE_NUDGE_EM: f32 = 0.22;

fn nudged(rect: Rect, size: f32) -> Rect {
    Rect {
        y: rect.y + BASELINE_NUDGE_EM * size,
        ..rect
    }
}

fn notes_rect() -> Rect {
    Rect {
        x: 54.0,
        y: 320.0,
        w: 432.0,
        h: 380.0,
    }
}

fn master_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Title => "Titre",
        Kind::Section => "Section",
        Kind::Content => "Contenu",
    }
}

fn content(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut w = Writer {
        deck,
        styles: Styles::default(),
    };
    // First pass: the styles the body uses, in the order it uses them.
    let mut scratch = Xml::new();
    body(&mut w, &mut scratch, deck);
    drop(scratch);
    let mut x = Xml::new();
    x.open("office:document-content", &NAMESPACES);
    font_faces(&mut x, deck);
    x.open("office:automatic-styles", &[]);
    w.styles.write(&mut x, deck);
    x.close();
    body(&mut w, &mut x, deck);
    x.finish()
}

fn body(w: &mut Writer<'_>, x: &mut Xml, deck: &OfficeDeck) {
    x.open("office:body", &[]);
    x.open("office:presentation", &[]);
    for (i, slide) in deck.slides.iter().enumerate() {
        if let Some(f) = &slide.footer {
            x.element(
                "presentation:footer-decl",
                &[("presentation:name", &format!("ftr{}", i + 1))],
                f,
            );
        }
    }
    for (i, slide) in deck.slides.iter().enumerate() {
        w.slide(x, slide, i);
    }
    x.close();
    x.close();
}

fn font_faces(x: &mut Xml, deck: &OfficeDeck) {
    x.open("office:font-face-decls", &[]);
    let mut names: Vec<&str> = deck.fonts.iter().map(|(_, n)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for n in names {
        let family = format!("'{n}'");
        x.leaf(
            "style:font-face",
            &[
                ("style:name", n),
                ("svg:font-family", &family),
                (
                    "style:font-pitch",
                    if n.contains("Mono") {
                        "fixed"
                    } else {
                        "variable"
                    },
                ),
            ],
        );
    }
    x.close();
}

fn styles(deck: &OfficeDeck) -> std::io::Result<Vec<u8>> {
    let mut w = Writer {
        deck,
        styles: Styles {
            prefix: "M",
            ..Styles::default()
        },
    };
    let mut scratch = Xml::new();
    masters(&mut w, &mut scratch, deck);
    drop(scratch);
    let mut x = Xml::new();
    x.open("office:document-styles", &NAMESPACES);
    font_faces(&mut x, deck);
    x.open("office:styles", &[]);
    // The language of every text, and the default look of text in shapes.
    x.open("style:default-style", &[("style:family", "graphic")]);
    let base = TextStyle {
        size: h(deck.masters.first().map_or(24.0, |m| m.body.size)),
        colour: tuple(deck.colours.text),
        font: Font::Body,
        bold: false,
        italic: false,
        strike: false,
        underline: false,
    };
    text_props(&mut x, deck, &base);
    x.close();
    // The placeholders' styles, named as Impress names them (`<master>-title`, `-outline1`…).
    for m in &deck.masters {
        let name = master_name(m.kind);
        for (suffix, style, bold) in [
            ("title", &m.title, true),
            ("subtitle", &m.body, false),
            ("outline1", &m.body, false),
            ("notes", &m.body, false),
        ] {
            x.open(
                "style:style",
                &[
                    ("style:name", &format!("{name}-{suffix}")),
                    ("style:family", "presentation"),
                ],
            );
            graphic_props(
                &mut x,
                &GraphicStyle {
                    fill: None,
                    stroke: None,
                    nowrap: false,
                    text: true,
                },
            );
            let size = if suffix == "notes" { 12.0 } else { style.size };
            text_props(
                &mut x,
                deck,
                &TextStyle {
                    size: h(size),
                    colour: tuple(if suffix == "notes" {
                        deck.colours.text
                    } else {
                        style.colour
                    }),
                    font: style.font,
                    bold,
                    italic: false,
                    strike: false,
                    underline: false,
                },
            );
            x.close();
        }
    }
    x.close();
    x.open("office:automatic-styles", &[]);
    page_layout(&mut x, "PM1", deck.width, deck.height, "landscape");
    // The notes page: a portrait page half as wide again as a slide is tall.
    page_layout(&mut x, "PM2", 540.0, 756.0, "portrait");
    for m in &deck.masters {
        x.open(
            "style:style",
            &[
                ("style:name", &format!("Mdp-{}", master_name(m.kind))),
                ("style:family", "drawing-page"),
            ],
        );
        x.leaf(
            "style:drawing-page-properties",
            &[
                ("draw:fill", "solid"),
                ("draw:fill-color", &hex(m.background)),
                ("draw:background-size", "full"),
            ],
        );
        x.close();
    }
    w.styles.write(&mut x, deck);
    x.close();
    x.open("office:master-styles", &[]);
    masters(&mut w, &mut x, deck);
    x.close();
    x.finish()
}

fn page_layout(x: &mut Xml, name: &str, width: f32, height: f32, orientation: &str) {
    x.open("style:page-layout", &[("style:name", name)]);
    x.leaf(
        "style:page-layout-properties",
        &[
            ("fo:margin-top", "0cm"),
            ("fo:margin-bottom", "0cm"),
            ("fo:margin-left", "0cm"),
            ("fo:margin-right", "0cm"),
            ("fo:page-width", &cm(width)),
            ("fo:page-height", &cm(height)),
            ("style:print-orientation", orientation),
        ],
    );
    x.close();
}

fn masters(w: &mut Writer<'_>, x: &mut Xml, deck: &OfficeDeck) {
    for m in &deck.masters {
        master_page(w, x, m);
    }
}

fn master_page(w: &mut Writer<'_>, x: &mut Xml, m: &Master) {
    let name = master_name(m.kind);
    x.open(
        "style:master-page",
        &[
            ("style:name", name),
            ("style:page-layout-name", "PM1"),
            ("draw:style-name", &format!("Mdp-{name}")),
        ],
    );
    for s in &m.shapes {
        w.shape(x, s);
    }
    let placeholder = |x: &mut Xml, class: &str, style: &str, rect: Rect| {
        let pos = Writer::frame_attrs(rect);
        let mut attrs: Vec<(&str, &str)> = vec![
            ("presentation:style-name", style),
            ("presentation:class", class),
            ("presentation:placeholder", "true"),
        ];
        attrs.extend(pos.iter().map(|(k, v)| (*k, v.as_str())));
        x.open("draw:frame", &attrs);
        x.leaf("draw:text-box", &[]);
        x.close();
    };
    placeholder(x, "title", &format!("{name}-title"), m.title.rect);
    let body_class = if m.kind == Kind::Title {
        "subtitle"
    } else {
        "outline"
    };
    let body_style = if m.kind == Kind::Title {
        format!("{name}-subtitle")
    } else {
        format!("{name}-outline1")
    };
    placeholder(x, body_class, &body_style, m.body.rect);
    let small = |align: Align, bold: bool| Para {
        align,
        ..Para::simple(Vec::new(), m.small_size, m.small_colour, Font::Body, bold)
    };
    // The footer: its text is each page's `presentation:footer-decl`.
    let g = w.styles.name(Style::Placeholder(GraphicStyle {
        fill: None,
        stroke: None,
        nowrap: true,
        text: true,
    }));
    for (class, rect, align, bold) in [
        ("footer", m.footer, Align::Left, false),
        ("page-number", m.number, Align::Right, true),
    ] {
        let pos = Writer::frame_attrs(nudged(rect, m.small_size));
        let mut attrs: Vec<(&str, &str)> = vec![
            ("presentation:style-name", g.as_str()),
            ("presentation:class", class),
        ];
        attrs.extend(pos.iter().map(|(k, v)| (*k, v.as_str())));
        x.open("draw:frame", &attrs);
        x.open("draw:text-box", &[]);
        let p = small(align, bold);
        let ps = w.styles.name(Style::Para(para_style(&p)));
        x.open("text:p", &[("text:style-name", &ps)]);
        if class == "footer" {
            x.leaf("presentation:footer", &[]);
        } else {
            x.element("text:page-number", &[], "<numéro>");
            x.text(" / ");
            x.element("text:page-count", &[], "");
        }
        x.close();
        x.close();
        x.close();
    }
    x.open("presentation:notes", &[("style:page-layout-name", "PM2")]);
    x.leaf(
        "draw:page-thumbnail",
        &[
            ("presentation:class", "page"),
            ("svg:x", &cm(54.0)),
            ("svg:y", &cm(54.0)),
            ("svg:width", &cm(432.0)),
            ("svg:height", &cm(243.0)),
        ],
    );
    placeholder(x, "notes", &format!("{name}-notes"), notes_rect());
    x.close();
    x.close();
}
