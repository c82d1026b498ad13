//! The deck model: pure data shared by every output. No styling, no I/O. Parsing (`crate::deck`)
//! builds it; layout and the renderers read it. Every slide keeps the source line it came from so
//! later stages (overflow warnings, the linter) can point back at the Markdown.

use serde::Serialize;
use std::path::PathBuf;

/// The deck's language: it picks the words the deck itself shows (counters, "Notes", "(suite)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// The theme of a deck whose front matter names none (a built-in theme).
pub const DEFAULT_THEME: &str = "etat";

/// What the front matter says about the deck, with defaults applied.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Meta {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub lang: Lang,
    pub audience: Option<String>,
    /// Planned length of the session in minutes (`duration: 30min`).
    pub duration_minutes: Option<u32>,
    pub theme: String,
    pub slide_level: u8,
    /// Contact shown on the closing slide and the handout back page.
    pub contact: Option<String>,
    /// The brand the front matter names, built when `--brand` names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Deck {
    pub meta: Meta,
    pub slides: Vec<Slide>,
    /// Sections in order (for the agenda, the PDF bookmarks and the handouts).
    pub sections: Vec<Section>,
    /// Folder the deck's relative paths (images) resolve against.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// The deck file, for diagnostics of later stages (layout) that point at a slide's line.
    #[serde(skip)]
    pub source_path: PathBuf,
    /// Every link the deck writes, with where its address stands in the file: checked once the
    /// slides are fitted (`#/N` numbers count "(suite)" slides), and listed by `diapo check`.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
    /// The tool the deck was written for, and what was made of its syntax (`diapo check`).
    #[serde(skip)]
    pub dialect: crate::deck::dialect::Report,
}

/// A link as written in the deck: its address and the place of the address in the file.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub url: String,
    pub at: crate::diagnostic::Location,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: String,
    /// Anchor of the section's first slide (`#section-…`).
    pub anchor: String,
    /// Index of the section's first slide in `Deck::slides`.
    pub first_slide: usize,
}

/// The slide layouts a decision-maker deck needs. Each has a template per theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    Title,
    Section,
    Content,
    TwoColumn,
    Testimony,
    KeyFigure,
    Comparison,
    Poll,
    Definition,
    Closing,
    Agenda,
    Objectives,
}

impl Layout {
    pub const ALL: [Layout; 12] = [
        Layout::Title,
        Layout::Section,
        Layout::Content,
        Layout::TwoColumn,
        Layout::Testimony,
        Layout::KeyFigure,
        Layout::Comparison,
        Layout::Poll,
        Layout::Definition,
        Layout::Closing,
        Layout::Agenda,
        Layout::Objectives,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layout::Title => "title",
            Layout::Section => "section",
            Layout::Content => "content",
            Layout::TwoColumn => "two-column",
            Layout::Testimony => "testimony",
            Layout::KeyFigure => "key-figure",
            Layout::Comparison => "comparison",
            Layout::Poll => "poll",
            Layout::Definition => "definition",
            Layout::Closing => "closing",
            Layout::Agenda => "agenda",
            Layout::Objectives => "objectives",
        }
    }

    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Slide {
    pub layout: Layout,
    pub title: Option<Vec<Inline>>,
    pub body: Body,
    /// Speaker notes: the HTML comments of the slide that are not directives, and the sources
    /// of the diagrams it does not draw.
    pub notes: Vec<Note>,
    /// Facilitator notes: from `Suggestion(s)` sections of the outline.
    pub facilitator: Vec<Vec<Inline>>,
    pub classes: Vec<String>,
    pub paginate: bool,
    pub header: Option<String>,
    pub footer: Option<String>,
    /// Stable HTML id and PDF destination.
    pub anchor: String,
    /// Index into `Deck::sections` of the section this slide belongs to.
    pub section: Option<usize>,
    /// 0 for a slide as written; 1, 2… for the "(suite)" slides split off a long one.
    pub continuation: u32,
    /// 1-based line of the slide's first source line.
    pub line: usize,
}

impl Slide {
    pub fn title_text(&self) -> String {
        self.title.as_deref().map(plain_text).unwrap_or_default()
    }
}

/// A speaker note: what the presenter view, the notes handout and the editable decks' notes
/// pages show beside the slide, never the audience.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Note {
    /// A comment's text: paragraphs separated by blank lines, typeset as the deck's text is.
    Text(String),
    /// Text kept as it is written, line for line and space for space (a diagram's source):
    /// shown in a monospaced font, never retypeset.
    Code {
        /// The language it is written in (`mermaid`…).
        lang: String,
        code: String,
        /// The 1-based source line of the block it came from: the [`Diagram`] of the same line
        /// takes it along to whichever part of a split slide shows it.
        line: usize,
    },
}

impl Note {
    /// The note's text, as written.
    pub fn text(&self) -> &str {
        match self {
            Note::Text(text) => text,
            Note::Code { code, .. } => code,
        }
    }

    /// The text of a note the presenter reads aloud or summarises (a code note is not).
    pub fn prose(&self) -> Option<&str> {
        match self {
            Note::Text(text) => Some(text),
            Note::Code { .. } => None,
        }
    }
}

/// A slide's content, already interpreted for its layout so that HTML and PDF render the same
/// parts (the quote and the name of a testimony, the number of a key figure…).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Body {
    Blocks {
        blocks: Vec<Block>,
    },
    TwoColumn {
        left: Vec<Block>,
        right: Vec<Block>,
    },
    Testimony {
        quote: Vec<Block>,
        name: Option<Vec<Inline>>,
        role: Option<Vec<Inline>>,
        photo: Option<Image>,
    },
    KeyFigure {
        figure: String,
        caption: Vec<Block>,
    },
    Comparison {
        left_title: Vec<Inline>,
        left: Vec<Block>,
        right_title: Vec<Inline>,
        right: Vec<Block>,
        /// The tone of each side, as its author marked it (`### Avant {.cons}`); neutral unless.
        left_tone: Tone,
        right_tone: Tone,
    },
    Poll {
        question: Option<Vec<Inline>>,
        options: Vec<Vec<Inline>>,
    },
    Definition {
        term: Vec<Inline>,
        definition: Vec<Block>,
    },
    Closing {
        blocks: Vec<Block>,
        contact: Option<Vec<Inline>>,
        question: Option<Vec<Inline>>,
    },
    Agenda {
        intro: Vec<Block>,
        entries: Vec<AgendaEntry>,
    },
}

impl Body {
    /// Every block of the body, in reading order (for word counts, image checks, overflow).
    pub fn blocks(&self) -> Vec<&Block> {
        match self {
            Body::Blocks { blocks } => blocks.iter().collect(),
            Body::TwoColumn { left, right } | Body::Comparison { left, right, .. } => {
                left.iter().chain(right).collect()
            }
            Body::Testimony { quote, .. } => quote.iter().collect(),
            Body::KeyFigure { caption, .. } => caption.iter().collect(),
            Body::Definition { definition, .. } => definition.iter().collect(),
            Body::Closing { blocks, .. } => blocks.iter().collect(),
            Body::Agenda { intro, .. } => intro.iter().collect(),
            Body::Poll { .. } => Vec::new(),
        }
    }

    /// The plain text the body shows, its layout's own parts (a testimony's name, a poll's
    /// options, agenda entries…) and then its blocks, one line each (for word counts).
    pub fn text(&self) -> String {
        let mut parts: Vec<&[Inline]> = Vec::new();
        let mut out = String::new();
        match self {
            Body::Testimony { name, role, .. } => {
                parts.extend(name.iter().chain(role).map(Vec::as_slice))
            }
            Body::KeyFigure { figure, .. } => {
                out.push_str(figure);
                out.push('\n');
            }
            Body::Comparison {
                left_title,
                right_title,
                ..
            } => parts.extend([left_title.as_slice(), right_title.as_slice()]),
            Body::Poll { question, options } => {
                parts.extend(question.iter().chain(options).map(Vec::as_slice))
            }
            Body::Definition { term, .. } => parts.push(term),
            Body::Closing {
                contact, question, ..
            } => parts.extend(contact.iter().chain(question).map(Vec::as_slice)),
            Body::Agenda { entries, .. } => parts.extend(entries.iter().map(|e| e.text.as_slice())),
            Body::Blocks { .. } | Body::TwoColumn { .. } => {}
        }
        for inlines in parts {
            out.push_str(&plain_text(inlines));
            out.push('\n');
        }
        for block in self.blocks() {
            out.push_str(&blocks_text(std::slice::from_ref(block)));
        }
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaEntry {
    /// 1-based position in the whole agenda (kept when a long agenda continues on a next slide).
    pub number: usize,
    pub text: Vec<Inline>,
    /// Anchor of the slide it links to, when the entry names a section or slide of the deck.
    pub target: Option<String>,
    /// The part's planned length, when the entry ends with one (`Pourquoi changer (10 min)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// The small label over a definition's term: the slide's title when it says something of its
/// own ("Objectif final"), `None` when it only announces the term ("Définition : cloud", or the
/// term itself), where the layout writes "DÉFINITION".
pub fn definition_label(title: Option<&[Inline]>, term: &[Inline]) -> Option<String> {
    let title = plain_text(title?);
    let lower = title.trim().to_lowercase();
    let rest = ["définition", "definition"]
        .iter()
        .find_map(|p| lower.strip_prefix(p));
    let announced = rest.is_some();
    let rest = rest
        .unwrap_or(&lower)
        .trim_matches(|c: char| c.is_whitespace() || ":–—-".contains(c));
    (!announced && !rest.is_empty() && rest != plain_text(term).trim().to_lowercase())
        .then(|| title.trim().to_string())
}

/// How a side of a comparison reads: neutral by default; `{.pros}` and `{.cons}` on its heading
/// give it a tick or a cross and the colours that go with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    #[default]
    Neutral,
    Pros,
    Cons,
}

impl Tone {
    /// The tone a heading's classes ask for.
    pub fn from_classes(classes: &[String]) -> Tone {
        if classes.iter().any(|c| c == "pros" || c == "pour") {
            Tone::Pros
        } else if classes.iter().any(|c| c == "cons" || c == "contre") {
            Tone::Cons
        } else {
            Tone::Neutral
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Pros => "pros",
            Tone::Cons => "cons",
        }
    }

    /// The icon drawn before the side's title.
    pub fn icon(self) -> Option<&'static str> {
        match self {
            Tone::Neutral => None,
            Tone::Pros => Some("✓"),
            Tone::Cons => Some("✗"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    Heading {
        level: u8,
        content: Vec<Inline>,
        /// The heading's `{.class}` attributes (a comparison's `{.pros}`).
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        classes: Vec<String>,
    },
    List(List),
    Quote {
        blocks: Vec<Block>,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
    Table {
        aligns: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Image(Image),
    /// A diagram diapo does not draw: a placeholder in its place.
    Diagram(Diagram),
    /// Raw HTML, only kept when the user allowed it; otherwise it arrives as escaped text.
    Html {
        html: String,
    },
    Rule,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Serialize)]
pub struct List {
    /// Start number for an ordered list.
    pub start: Option<u64>,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub blocks: Vec<Block>,
    /// `*` bullets appear one at a time (Marp's convention).
    pub fragment: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Image {
    /// As written in the Markdown.
    pub src: String,
    pub alt: String,
    /// Marked decorative by its author (alt text `-`, `decorative` or `décoratif`): hidden from
    /// screen readers, and no warning for its missing description.
    pub decorative: bool,
    pub title: Option<String>,
    pub line: usize,
    /// The largest box the author asked the image to fit, in pixels of a 1280×720 slide (Marp's
    /// `![w:300px](…)`, Pandoc's `{width=50%}`): it is never shown larger.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_width: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_height: Option<f32>,
}

/// A diagram written for a tool that draws it (a ```` ```mermaid ```` block): diapo does not draw
/// it. A placeholder of a missing image's size stands in its place, saying so in the deck's
/// language; its source is a [`Note::Code`] of the slide.
#[derive(Debug, Clone, Serialize)]
pub struct Diagram {
    /// The language of its block, as the tools name it (`mermaid`, `plantuml`, `dot`,
    /// `graphviz`, `d2`).
    pub tool: String,
    /// The author's description (Slidev's `alt: '…'`, Quarto's `fig-alt`): the placeholder's
    /// main line. Empty when there is none.
    pub alt: Vec<Inline>,
    /// What the placeholder says in the deck's language ("Diagramme Mermaid — non dessiné…"):
    /// its main line when there is no description, a small line under it otherwise.
    pub label: Vec<Inline>,
    /// The 1-based source line of its block (see [`Note::Code`]).
    pub line: usize,
}

impl Diagram {
    /// What the placeholder is to a screen reader and in the PDF's structure: the description,
    /// and what stands in the diagram's place.
    pub fn description(&self) -> String {
        let (alt, label) = (plain_text(&self.alt), plain_text(&self.label));
        match alt.trim() {
            "" => label,
            alt => format!("{alt} ({label})"),
        }
    }
}

impl Image {
    /// The width, in slide pixels, an image of `w`×`h` pixels may take at most by its author's
    /// size (the page's own limits aside).
    pub fn asked_width(&self, w: f32, h: f32) -> Option<f32> {
        let by_height = self.max_height.map(|mh| mh * w / h.max(1.0));
        match (self.max_width, by_height) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A hard line break.
    Break,
    /// Raw inline HTML, only kept when the user allowed it (`--allow-html`).
    Html {
        html: String,
    },
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The contact a closing slide shows: its own, else the front matter's when the slide asks its
/// feedback question (one rule for the PDF, the HTML and the editable decks).
pub fn closing_contact(
    contact: Option<&[Inline]>,
    has_question: bool,
    meta: &Meta,
) -> Option<Vec<Inline>> {
    contact.map(<[Inline]>::to_vec).or_else(|| {
        meta.contact
            .clone()
            .filter(|_| has_question)
            .map(|t| vec![Inline::text(t)])
    })
}

/// The text of inlines without formatting (titles in bookmarks, aria labels, word counts).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => out.push_str(&plain_text(content)),
            Inline::Break => out.push(' '),
            Inline::Html { .. } => {}
        }
    }
    out
}

/// The plain text of blocks, one line per paragraph or item.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                out.push_str(&plain_text(content));
                out.push('\n');
            }
            Block::List(list) => {
                for item in &list.items {
                    out.push_str(&blocks_text(&item.blocks));
                }
            }
            Block::Quote { blocks } => out.push_str(&blocks_text(blocks)),
            Block::Code { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Table { header, rows, .. } => {
                for row in std::iter::once(header).chain(rows) {
                    let cells: Vec<String> = row.iter().map(|c| plain_text(c)).collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            Block::Image(image) => {
                out.push_str(&image.alt);
                out.push('\n');
            }
            // The author's description counts, as an image's does; diapo's own words do not.
            Block::Diagram(diagram) => {
                out.push_str(&plain_text(&diagram.alt));
                out.push('\n');
            }
            Block::Html { .. } | Block::Rule => {}
        }
    }
    out
}
