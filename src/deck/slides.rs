//! Elements → slides. Two ways to cut a deck:
//! - explicit: `---` lines separate slides (Marp's way); the first heading of a slide is its title;
//! - outline: no `---` at all, and headings cut the deck: `#` gives the title slide, headings above
//!   the slide level (`##` by default) give section dividers, headings at the slide level (`###`)
//!   give content slides. A section with no slide under it is a content slide itself.
//!
//! Outline semantics are applied here: a `Plan`/`Sommaire` section gives an agenda slide, a
//! `Suggestion(s)` section becomes facilitator notes, titles pick layouts (`Objectifs`, `Témoignage`…).
//! Directives in comments are applied in order; other comments become speaker notes.

use super::directives::{self, Value};
use super::frontmatter::GlobalDirectives;
use super::layouts;
use super::markdown::Element;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, SourceFile};
use crate::model::{
    plain_text, AgendaEntry, Block, Body, Inline, Layout, Meta, Note, Section, Slide,
};
use crate::rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Title,
    Section,
    Content,
    /// A section with no slide under it: shown as a content slide, listed as a section.
    SectionContent,
    Agenda,
}

#[derive(Debug)]
struct Draft {
    kind: Kind,
    title: Option<Vec<Inline>>,
    heading_classes: Vec<String>,
    heading_range: Option<std::ops::Range<usize>>,
    /// An explicit anchor written on the title: `## Conclusion {#fin}`.
    heading_id: Option<String>,
    elements: Vec<Element>,
    facilitator: Vec<Vec<Inline>>,
    start: usize,
    /// For a slide listed by the agenda above it: the agenda draft's start offset.
    agenda_parent: Option<usize>,
}

impl Draft {
    fn new(kind: Kind, title: Option<Vec<Inline>>, start: usize) -> Self {
        Draft {
            kind,
            title,
            heading_classes: Vec::new(),
            heading_range: None,
            heading_id: None,
            elements: Vec::new(),
            facilitator: Vec::new(),
            start,
            agenda_parent: None,
        }
    }
}

pub fn normalized_title(inlines: &[Inline]) -> String {
    let t = plain_text(inlines).to_lowercase();
    t.trim()
        .trim_end_matches([':', ' ', '\u{a0}', '?'])
        .trim()
        .to_string()
}

fn is_suggestion(title: &str) -> bool {
    let t = title.trim();
    t.starts_with("suggestion")
        || t.starts_with("conseils d'animation")
        || t.starts_with("conseils d’animation")
        || t == "facilitator notes"
}

fn is_agenda(title: &str) -> bool {
    ["plan", "sommaire", "agenda", "programme", "outline"]
        .iter()
        .any(|k| {
            title == *k
                || title.starts_with(&format!("{k}/"))
                || title.starts_with(&format!("{k} "))
        })
}

/// Builds the slides of a plain outline (a single chunk of elements).
pub fn from_outline(elements: Vec<Element>, meta: &Meta) -> Vec<DraftSlide> {
    let s = meta.slide_level;
    // A document with several `#` headings uses them for its parts (Pandoc's and Quarto's way):
    // every heading counts one level deeper, and the title slide comes from the front matter.
    let h1 = elements
        .iter()
        .filter(|e| matches!(e, Element::Heading { level: 1, .. }))
        .count();
    let shift = u8::from(h1 > 1);
    let mut elements = elements;
    if shift == 1 {
        let first_h1 = elements.iter().find_map(|e| match e {
            Element::Heading {
                level: 1,
                content,
                range,
                ..
            } => Some((content.clone(), range.start)),
            _ => None,
        });
        for e in &mut elements {
            if let Element::Heading { level, .. } = e {
                *level = (*level + 1).min(6);
            }
        }
        if meta.title.trim().is_empty() {
            if let Some((content, at)) = first_h1 {
                elements.insert(
                    0,
                    Element::Heading {
                        level: 1,
                        content,
                        classes: Vec::new(),
                        id: None,
                        range: at..at,
                    },
                );
            }
        }
    }
    // For each heading: does a deeper heading follow before the next heading of its level or above?
    // Suggestion headings give notes, not slides: they are no children.
    let levels: Vec<Option<u8>> = elements
        .iter()
        .map(|e| match e {
            Element::Heading { level, content, .. }
                if !is_suggestion(&normalized_title(content)) =>
            {
                Some(*level)
            }
            _ => None,
        })
        .collect();
    let has_children = |i: usize, level: u8| -> bool {
        levels[i + 1..]
            .iter()
            .flatten()
            .next()
            .is_some_and(|l| *l > level)
    };

    let mut drafts: Vec<Draft> = Vec::new();
    // Where facilitator notes go while inside a Suggestion section: (level, target draft index or
    // None for "the whole session", i.e. the title slide).
    let mut suggestion: Option<(u8, Option<usize>)> = None;
    // The agenda section being read: (its level, its start offset, the level of its entries).
    let mut agenda: Option<(u8, usize, Option<u8>)> = None;
    for (i, el) in elements.into_iter().enumerate() {
        if let Element::Heading {
            level,
            content,
            classes,
            range,
            id,
        } = &el
        {
            let level = *level;
            let title = normalized_title(content);
            if let Some((sl, _)) = suggestion {
                if level <= sl {
                    suggestion = None;
                }
            }
            if suggestion.is_none() && is_suggestion(&title) {
                let target = if level < s {
                    None
                } else {
                    drafts.len().checked_sub(1)
                };
                suggestion = Some((level, target));
                continue;
            }
            if let Some((_, target)) = suggestion {
                // A heading inside a suggestion section is a note too.
                push_note(&mut drafts, target, content.clone());
                continue;
            }
            let kind = if level == 1 {
                Kind::Title
            } else if level < s {
                if is_agenda(&title) {
                    Kind::Agenda
                } else if has_children(i, level) {
                    Kind::Section
                } else {
                    Kind::SectionContent
                }
            } else if level == s {
                Kind::Content
            } else {
                // Deeper than the slide level: a sub-heading inside the current slide.
                match drafts.last_mut() {
                    Some(d) => {
                        d.elements.push(el);
                        continue;
                    }
                    None => Kind::Content,
                }
            };
            if let Some((al, _, _)) = agenda {
                if level <= al {
                    agenda = None;
                }
            }
            let mut d = Draft::new(kind, Some(content.clone()), range.start);
            d.heading_classes = classes.clone();
            d.heading_range = Some(range.clone());
            d.heading_id = id.clone();
            if let Some((_, at, child_level)) = &mut agenda {
                let cl = *child_level.get_or_insert(level);
                if level == cl {
                    d.agenda_parent = Some(*at);
                }
            }
            if kind == Kind::Agenda && has_children(i, level) {
                agenda = Some((level, range.start, None));
            }
            drafts.push(d);
            continue;
        }
        if let Some((_, target)) = suggestion {
            if !matches!(el, Element::Comment { .. } | Element::Note { .. }) {
                for note in layouts::notes_of(&el) {
                    push_note(&mut drafts, target, note);
                }
                continue;
            }
        }
        match drafts.last_mut() {
            Some(d) => d.elements.push(el),
            None => {
                if matches!(el, Element::Comment { .. } | Element::Note { .. }) || !is_blank(&el) {
                    let mut d = Draft::new(Kind::Content, None, el.range().start);
                    d.elements.push(el);
                    drafts.push(d);
                }
            }
        }
    }
    drafts
        .into_iter()
        .flat_map(split_crowded_section)
        .map(DraftSlide)
        .collect()
}

/// A section divider is its title, with at most a short lead line: what more its heading holds
/// goes on a content slide of the same title right after it, so a divider never overflows.
fn split_crowded_section(mut d: Draft) -> Vec<Draft> {
    if d.kind != Kind::Section {
        return vec![d];
    }
    let shown: Vec<&Element> = d
        .elements
        .iter()
        .filter(|e| !matches!(e, Element::Comment { .. } | Element::Note { .. }))
        .collect();
    let lead = match shown.as_slice() {
        [] => true,
        [Element::Block {
            block: Block::Paragraph { content },
            ..
        }] => plain_text(content).chars().count() <= LEAD_CHARS,
        _ => false,
    };
    if lead {
        return vec![d];
    }
    let mut content = Draft::new(Kind::Content, d.title.clone(), d.start);
    content.heading_classes = d.heading_classes.clone();
    content.heading_range = d.heading_range.clone();
    // Comments stay with the divider (its notes and directives); the rest moves, a diagram's
    // source with its placeholder.
    let (keep, moved): (Vec<Element>, Vec<Element>) = std::mem::take(&mut d.elements)
        .into_iter()
        .partition(|e| matches!(e, Element::Comment { .. }));
    d.elements = keep;
    content.elements = moved;
    vec![d, content]
}

/// What a section divider may show under its title: nothing, or one short paragraph.
fn is_lead(blocks: &[Block]) -> bool {
    let shown: Vec<&Block> = blocks.iter().filter(|b| !is_blank_block(b)).collect();
    match shown.as_slice() {
        [] => true,
        [Block::Paragraph { content }] => plain_text(content).chars().count() <= LEAD_CHARS,
        _ => false,
    }
}

/// A block that shows nothing: an empty paragraph, a rule.
fn is_blank_block(block: &Block) -> bool {
    match block {
        Block::Paragraph { content } => {
            plain_text(content).trim().is_empty()
                && !content.iter().any(|i| matches!(i, Inline::Html { .. }))
        }
        Block::Rule => true,
        _ => false,
    }
}

fn is_blank(el: &Element) -> bool {
    matches!(el, Element::Block { block: Block::Paragraph { content }, .. } if plain_text(content).trim().is_empty())
}

fn push_note(drafts: &mut [Draft], target: Option<usize>, note: Vec<Inline>) {
    let idx = target.unwrap_or(0);
    if let Some(d) = drafts.get_mut(idx) {
        d.facilitator.push(note);
    }
}

/// The longest lead line a section divider shows under its title.
const LEAD_CHARS: usize = 160;

/// Builds one slide from a `---`-separated chunk.
pub fn from_chunk(
    elements: Vec<Element>,
    first: bool,
    start: usize,
    headings_are_titles: bool,
) -> DraftSlide {
    let mut d = Draft::new(Kind::Content, None, start);
    let mut suggestion: Option<u8> = None;
    let mut body_count = 0;
    let mut lone_candidate = false;
    // A `#` divider may have a short lead line under its title; a `##` one stands alone.
    let mut lead_allowed = false;
    for el in elements {
        match &el {
            Element::Heading {
                level,
                content,
                classes,
                range,
                id,
            } => {
                let title = normalized_title(content);
                if let Some(sl) = suggestion {
                    if *level <= sl {
                        suggestion = None;
                    } else {
                        d.facilitator.push(content.clone());
                        continue;
                    }
                }
                if is_suggestion(&title) {
                    suggestion = Some(*level);
                    continue;
                }
                if d.title.is_none() {
                    d.kind = match level {
                        1 if first => Kind::Title,
                        _ => Kind::Content,
                    };
                    // A `#` heading alone (or with a short lead line), or a `##` heading alone,
                    // is a section divider; with more under it, it is a content slide's title.
                    if *level <= 2 && !first && layouts::from_title(&title).is_none() {
                        // In other tools' decks, `#` is often every slide's title: a lead
                        // line under it makes a content slide.
                        lead_allowed = *level == 1 && !headings_are_titles;
                        lone_candidate = true;
                    }
                    if is_agenda(&title) {
                        d.kind = Kind::Agenda;
                    }
                    d.title = Some(content.clone());
                    d.heading_classes = classes.clone();
                    d.heading_range = Some(range.clone());
                    d.heading_id = id.clone();
                    continue;
                }
                body_count += 2;
                d.elements.push(el);
            }
            Element::Comment { .. } | Element::Note { .. } => d.elements.push(el),
            Element::Block { block, .. } => {
                if suggestion.is_some() {
                    d.facilitator.extend(layouts::notes_of(&el));
                } else {
                    body_count += match block {
                        Block::Paragraph { content }
                            if plain_text(content).chars().count() <= LEAD_CHARS =>
                        {
                            1
                        }
                        _ => 2,
                    };
                    d.elements.push(el);
                }
            }
        }
    }
    if lone_candidate && d.kind == Kind::Content && body_count <= usize::from(lead_allowed) {
        d.kind = Kind::Section;
    }
    DraftSlide(d)
}

/// A slide before directives and layouts are applied.
#[derive(Debug)]
pub struct DraftSlide(Draft);

/// Directive state carried from slide to slide.
struct Carry {
    classes: Vec<String>,
    paginate: Option<bool>,
    header: Option<String>,
    footer: Option<String>,
    layout: Option<Layout>,
}

/// Applies directives, picks layouts, fills bodies and registers sections.
pub fn finish(
    drafts: Vec<DraftSlide>,
    outline_mode: bool,
    intro_slide: bool,
    meta: &mut Meta,
    globals: &GlobalDirectives,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> (Vec<Slide>, Vec<Section>) {
    let mut carry = Carry {
        classes: globals
            .class
            .as_deref()
            .map(|c| c.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        paginate: globals.paginate,
        header: globals.header.clone(),
        footer: globals.footer.clone(),
        layout: None,
    };
    let mut drafts: Vec<Draft> = drafts.into_iter().map(|d| d.0).collect();
    // Past the slide limit, stop here: nothing after would be built anyway.
    if let Some(d) = drafts.get(crate::limits::MAX_SLIDES) {
        let at = d.heading_range.as_ref().map_or(d.start, |r| r.start);
        let line = src.line_of(at);
        diags.push(
            Diagnostic::error(format!(
                "the deck would have more than {} slides",
                crate::limits::MAX_SLIDES
            ))
            .at(src.location_at(line, 1, src.line_text(line).chars().count()))
            .with_hint("a deck is for one session: split it into several decks"),
        );
        drafts.truncate(crate::limits::MAX_SLIDES);
    }

    // The deck's title: the front matter's, else the `#` heading's.
    if meta.title.trim().is_empty() {
        if let Some(t) = drafts
            .iter()
            .find(|d| d.kind == Kind::Title)
            .and_then(|d| d.title.as_ref())
        {
            meta.title = plain_text(t).trim().to_string();
        }
    }
    // An outline without a `#` heading still opens on a title slide when the front matter names one.
    // presenterm also opens on a title slide made from its front matter.
    if (outline_mode || intro_slide)
        && !meta.title.is_empty()
        && !drafts.iter().any(|d| d.kind == Kind::Title)
    {
        drafts.insert(
            0,
            Draft::new(Kind::Title, Some(vec![Inline::text(meta.title.clone())]), 0),
        );
    }

    // Titles of section-level drafts, for agenda links.
    let mut slides = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut anchors = Anchors::default();
    // Anchor → line of the slide that has it, for warnings about anchors taken twice.
    let mut taken: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // (agenda draft start, agenda slide index) and (listed slide's agenda start, its index).
    let mut agendas: Vec<(usize, usize)> = Vec::new();
    let mut listed: Vec<(usize, usize)> = Vec::new();

    for mut d in drafts {
        let line = src.line_of(d.start);
        // An empty heading (`#` alone, `## {.class}`): the slide has no title.
        if d.title
            .as_deref()
            .is_some_and(|t| plain_text(t).trim().is_empty())
        {
            let range = d.heading_range.clone().unwrap_or(d.start..d.start);
            let end = src.text[range.clone()]
                .find('\n')
                .map_or(range.end, |i| range.start + i);
            diags.push(
                Diagnostic::warning("an empty heading is left out")
                    .rule(Rule::EmptyHeading)
                    .at(src.location(range.start, end))
                    .with_hint("write the slide's title after the `#`, or remove the line"),
            );
            d.title = None;
            if d.kind == Kind::Title && meta.title.trim().is_empty() {
                d.kind = Kind::Content;
            }
        }
        let mut classes_local: Vec<String> = Vec::new();
        let mut paginate_local = None;
        let mut header_local = None;
        let mut footer_local = None;
        let mut layout_local = None;
        let mut notes = Vec::new();
        let mut blocks = Vec::new();
        for el in d.elements {
            match el {
                Element::Comment { text, range } => {
                    match directives::parse(&text, &range, src, diags) {
                        Some(list) => {
                            for dir in list {
                                match (dir.local, dir.value) {
                                (_, Value::Foreign(key)) => diags.push(
                                    Diagnostic::info(format!(
                                        "the directive `{key}` (Marp) has no meaning in diapo: left out"
                                    ))
                                    .rule(Rule::ForeignKey)
                                    .at(src.location(range.start, range.end.min(range.start + 4))),
                                ),
                                (true, Value::Class(c)) => classes_local = c,
                                (false, Value::Class(c)) => carry.classes = c,
                                (true, Value::Paginate(p)) => paginate_local = Some(p),
                                (false, Value::Paginate(p)) => carry.paginate = Some(p),
                                (true, Value::Header(h)) => header_local = Some(h),
                                (false, Value::Header(h)) => carry.header = h,
                                (true, Value::Footer(f)) => footer_local = Some(f),
                                (false, Value::Footer(f)) => carry.footer = f,
                                (true, Value::Layout(l)) => layout_local = Some(l),
                                (false, Value::Layout(l)) => carry.layout = Some(l),
                            }
                            }
                        }
                        None => {
                            if !text.trim().is_empty() {
                                notes.push(Note::Text(text.trim().to_string()));
                            }
                        }
                    }
                }
                Element::Note { note, .. } => notes.push(note),
                Element::Block { block, .. } => blocks.push(block),
                Element::Heading {
                    level,
                    content,
                    classes,
                    ..
                } => blocks.push(Block::Heading {
                    level,
                    content,
                    classes,
                }),
            }
        }

        // Hidden by its author (Pandoc's `{visibility="hidden"}`): left out.
        if d.heading_classes.iter().any(|c| c == "diapo-hidden") {
            let range = d.heading_range.clone().unwrap_or(d.start..d.start);
            diags.push(
                Diagnostic::info(
                    "this slide is hidden by its author (`visibility=\"hidden\"`): left out",
                )
                .rule(Rule::ForeignIgnored)
                .at(src.location(range.start, range.start + 1)),
            );
            continue;
        }
        // Nothing to show: never a blank slide. Its notes go to the slide before.
        let blank = blocks.iter().all(is_blank_block);
        if d.title.is_none() && blank && !matches!(d.kind, Kind::Agenda | Kind::Title) {
            let at = d.start;
            let line_end = src.text[at..].find('\n').map_or(src.text.len(), |i| at + i);
            diags.push(
                Diagnostic::warning("a slide with nothing to show is left out")
                    .rule(Rule::BlankSlide)
                    .at(src.location(at, line_end.max(at + 1).min(src.text.len())))
                    .with_hint(if notes.is_empty() {
                        "remove the extra separator"
                    } else {
                        "its speaker notes go to the slide before: put them on a slide with content"
                    }),
            );
            if let Some(prev) = slides.last_mut() {
                let prev: &mut Slide = prev;
                prev.notes.extend(notes);
            }
            continue;
        }

        // Heading classes: a class naming a layout picks it; a near miss is a warning.
        let mut heading_layout = None;
        let mut classes = carry.classes.clone();
        classes.extend(classes_local);
        for class in &d.heading_classes {
            match directives::layout_named(class) {
                Ok(l) => heading_layout = Some(l),
                Err(_) => {
                    let names = Layout::ALL.map(Layout::name);
                    if let Some(s) = did_you_mean(class, names) {
                        let range = d.heading_range.clone().unwrap_or(0..0);
                        let line_text = src.text.get(range.clone()).unwrap_or("");
                        let needle = format!(".{class}");
                        let at = line_text
                            .find(&needle)
                            .map(|i| range.start + i)
                            .unwrap_or(range.start);
                        diags.push(
                            Diagnostic::warning(format!(
                                "unknown layout `{class}`: the slide is a content slide"
                            ))
                            .rule(Rule::UnknownLayout)
                            .at(src.location(at, at + needle.len()))
                            .with_hint(format!("did you mean `{s}`?")),
                        );
                    } else {
                        classes.push(class.clone());
                    }
                }
            }
        }

        let title_text = d.title.as_deref().map(normalized_title).unwrap_or_default();
        let default_layout = match d.kind {
            Kind::Title => Layout::Title,
            Kind::Section => Layout::Section,
            Kind::Agenda => Layout::Agenda,
            Kind::Content | Kind::SectionContent => {
                layouts::from_title(&title_text).unwrap_or(Layout::Content)
            }
        };
        let mut layout = layout_local
            .or(heading_layout)
            .or(carry.layout)
            .unwrap_or(default_layout);
        // A section divider shows its title and a lead line, in the divider's colours: what more
        // a slide asked to be one holds (lists, code, headings) would be unreadable there.
        if layout == Layout::Section && !is_lead(&blocks) {
            diags.push(
                Diagnostic::warning(
                    "this slide is asked to be a section divider, but holds more than a title and a lead line: shown as a content slide",
                )
                .rule(Rule::CrowdedSection)
                .at(src.location_at(line, 1, src.line_text(line).chars().count().max(1)))
                .with_hint("keep the divider to its title (and one short line), and put the rest on the next slide"),
            );
            layout = Layout::Content;
        }

        // An explicit `{#id}` names the slide; taken already, it is a warning (links to it go to
        // the first slide that has it) and the slide gets the usual numbered variant.
        let wanted = d.heading_id.as_deref().filter(|id| !id.trim().is_empty());
        if let Some(id) = wanted {
            if let Some(line) = taken.get(id) {
                let range = d.heading_range.clone().unwrap_or(0..0);
                let needle = format!("#{id}");
                let at = src
                    .text
                    .get(range.clone())
                    .and_then(|t| t.find(&needle))
                    .map_or(range.start, |i| range.start + i);
                diags.push(
                    Diagnostic::warning(format!(
                        "the anchor `#{id}` is already the anchor of the slide at line {line}"
                    ))
                    .rule(Rule::DuplicateAnchor)
                    .at(src.location(at, at + needle.len()))
                    .with_hint("links to it go to that first slide: give this one another `{#…}`"),
                );
            }
        }
        let anchor = match wanted {
            Some(id) => unique_id(&mut anchors, id),
            None => unique_anchor(
                &mut anchors,
                d.title.as_deref().map(plain_text).as_deref(),
                slides.len() + 1,
            ),
        };
        taken.entry(anchor.clone()).or_insert(line);
        // In an outline, the plan is a section holding its parts; with explicit slides, only
        // dividers are sections.
        let is_section = matches!(d.kind, Kind::Section | Kind::SectionContent)
            || (outline_mode && d.kind == Kind::Agenda)
            || d.agenda_parent.is_some();
        if is_section {
            sections.push(Section {
                title: d
                    .title
                    .as_deref()
                    .map(plain_text)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                anchor: anchor.clone(),
                first_slide: slides.len(),
            });
        }
        if d.kind == Kind::Agenda {
            agendas.push((d.start, slides.len()));
        }
        if let Some(parent) = d.agenda_parent {
            listed.push((parent, slides.len()));
        }
        let paginate = paginate_local
            .or(carry.paginate)
            .unwrap_or(!matches!(layout, Layout::Title | Layout::Section));
        let body = layouts::body(layout, d.title.as_deref(), blocks, meta);
        slides.push(Slide {
            layout,
            title: d.title,
            body,
            notes,
            facilitator: d.facilitator,
            classes,
            paginate,
            header: header_local.unwrap_or_else(|| carry.header.clone()),
            footer: footer_local.unwrap_or_else(|| carry.footer.clone()),
            anchor,
            section: sections.len().checked_sub(1),
            continuation: 0,
            line,
        });
    }

    // Agendas built from the headings under them.
    for (start, idx) in agendas {
        let entries: Vec<AgendaEntry> = listed
            .iter()
            .filter(|(parent, _)| *parent == start)
            .enumerate()
            .map(|(n, (_, i))| AgendaEntry {
                number: n + 1,
                text: slides[*i].title.clone().unwrap_or_default(),
                target: Some(slides[*i].anchor.clone()),
                minutes: None,
            })
            .collect();
        if let (false, Body::Agenda { entries: e, .. }) =
            (entries.is_empty(), &mut slides[idx].body)
        {
            *e = entries;
        }
    }
    // Agendas from a list, or empty: link entries that name a section; an empty agenda lists all.
    // Title → anchor: sections first, then slides; the first of a title wins.
    let mut links: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (title, anchor) in sections
        .iter()
        .map(|s| (s.title.to_lowercase(), &s.anchor))
        .chain(
            slides
                .iter()
                .map(|s| (s.title_text().trim().to_lowercase(), &s.anchor)),
        )
    {
        if !title.is_empty() {
            links.entry(title).or_insert_with(|| anchor.clone());
        }
    }
    for slide in slides.iter_mut() {
        let own = slide.anchor.clone();
        if let Body::Agenda { entries, .. } = &mut slide.body {
            if entries.is_empty() {
                *entries = sections
                    .iter()
                    .filter(|s| s.anchor != own)
                    .enumerate()
                    .map(|(n, s)| AgendaEntry {
                        number: n + 1,
                        text: vec![Inline::text(s.title.clone())],
                        target: Some(s.anchor.clone()),
                        minutes: None,
                    })
                    .collect();
            }
            for e in entries.iter_mut() {
                e.minutes = e
                    .minutes
                    .or_else(|| super::layouts::split_minutes(&mut e.text));
            }
            for e in entries.iter_mut().filter(|e| e.target.is_none()) {
                let t = plain_text(&e.text).trim().to_lowercase();
                e.target = links.get(&t).cloned();
            }
        }
    }
    (slides, sections)
}

/// The anchors given so far, and for each base the next number to try, so that a thousand slides
/// with the same title do not retry `-2`, `-3`… a thousand times each.
struct Anchors {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

/// Ids the HTML's runtime and `diapo serve` give elements of their own: a slide written
/// `{#diapo-strings}` gets `diapo-strings-2`, so that the runtime still finds its words.
pub const RESERVED_IDS: &[&str] = &["diapo-strings", "diapo-live-error"];

impl Default for Anchors {
    fn default() -> Self {
        Anchors {
            taken: RESERVED_IDS.iter().map(|id| id.to_string()).collect(),
            next: std::collections::HashMap::new(),
        }
    }
}

/// A readable, unique HTML id from a title: `Qu’est-ce que le cloud ?` → `quest-ce-que-le-cloud`.
fn unique_anchor(seen: &mut Anchors, title: Option<&str>, n: usize) -> String {
    let mut base = String::new();
    for c in title.unwrap_or("").chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('-')
            && !base.is_empty()
            && (c.is_whitespace() || c == '-' || c == '/' || c == '\'')
        {
            base.push('-');
        }
        if base.len() >= 48 {
            break;
        }
    }
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        format!("slide-{n}")
    } else {
        base
    };
    unique_id(seen, &base)
}

/// `base`, or `base-2`, `base-3`… when taken.
fn unique_id(seen: &mut Anchors, base: &str) -> String {
    let mut candidate = base.to_string();
    let k = seen.next.entry(base.to_string()).or_insert(2);
    while !seen.taken.insert(candidate.clone()) {
        candidate = format!("{base}-{k}");
        *k += 1;
    }
    candidate
}

fn fold_accent(c: char) -> Vec<char> {
    let s = match c {
        'à' | 'â' | 'ä' | 'á' => "a",
        'ç' => "c",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'î' | 'ï' | 'í' => "i",
        'ô' | 'ö' | 'ó' => "o",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'œ' => "oe",
        'æ' => "ae",
        'É' | 'È' | 'Ê' => "e",
        'À' | 'Â' => "a",
        'Ç' => "c",
        'Ô' => "o",
        'Î' => "i",
        _ => return vec![c],
    };
    s.chars().collect()
}
