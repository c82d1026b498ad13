//! HTML output: one self-contained `slides.html`. Each slide's body is rendered with its layout's
//! template from the theme, then the deck template wraps them with the styles, the fonts (subset,
//! as data URIs) and the runtime. The DOM follows reveal.js conventions (`.reveal > .slides >
//! section`, `aside.notes`, `.fragment`).

pub mod assets;
mod font_subset;
pub mod markup;
pub mod view;

use crate::assets::ImageStore;
use crate::context::RenderCtx;
use crate::diagnostic::Diagnostic;
use crate::facts::{self, Facts};
use crate::i18n;
use crate::layout::blocks::Wraps;
use crate::layout::fonts::Family;
use crate::model::{Body, Deck, Layout, Note, Slide};
use crate::theme::{Placement, Theme};
use handlebars::{Context, Handlebars, RenderError};
use markup::Ctx;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use view::*;

#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// CSS and JS of the user's own reveal.js, used instead of diapo's runtime.
    pub reveal_js: Option<(String, String)>,
}

/// Renders the deck to one HTML document.
pub fn render(r: &RenderCtx<'_>, wraps: &Wraps, opts: &HtmlOptions) -> Result<String, Diagnostic> {
    let RenderCtx {
        deck,
        theme,
        fonts,
        images,
        scales: fits,
        ..
    } = *r;
    let facts = &r.facts;
    let hb = registry(theme)?;
    let strings = i18n::strings(deck.meta.lang);
    let anchors: HashMap<String, usize> = deck
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.anchor.clone(), i + 1))
        .collect();
    let mut ctx = Ctx {
        anchors: &anchors,
        assets: assets::Assets::new(images),
        fragments: true,
        wraps: Some(wraps),
        cursor: None,
    };
    let cover = cover(facts);
    let mut layouts = LayoutData::new(strings, &cover)
        .map_err(|e| Diagnostic::error(format!("theme `{}`: {e}", theme.name)))?;
    let total = deck.slides.len();
    let mut slides = Vec::with_capacity(total);
    for (i, slide) in deck.slides.iter().enumerate() {
        let mut view = slide_view(
            &hb,
            &mut layouts,
            &mut ctx,
            deck,
            slide,
            i,
            total,
            strings,
            facts,
            fits.get(i).copied(),
        )?;
        chrome(theme, slide.layout, &mut view);
        slides.push(view);
    }

    let image_css = ctx.assets.image_css();
    let mut chars: BTreeSet<char> = (' '..='~').collect();
    collect_chars(
        &serde_json::to_string(strings).unwrap_or_default(),
        &mut chars,
    );
    for s in &slides {
        for text in [&s.body_html, &s.aria_label]
            .into_iter()
            .chain(s.title_html.iter())
            .chain(s.header.iter())
            .chain(s.footer.iter())
        {
            collect_chars(text, &mut chars);
        }
        for n in s.notes_html.iter().chain(&s.facilitator_html) {
            collect_chars(n, &mut chars);
        }
        if let Some(m) = &s.marque {
            for text in [m.republique.as_deref(), m.motto.as_deref()] {
                let text = text.unwrap_or("");
                collect_chars(&text.to_uppercase(), &mut chars);
                collect_chars(text, &mut chars);
            }
            collect_chars(m.name.as_deref().unwrap_or(""), &mut chars);
        }
    }
    collect_chars(&deck.meta.title, &mut chars);
    chars.extend([
        '\u{202f}', '\u{a0}', '’', '«', '»', '…', '—', '–', '→', '←', '↑', '↓', '•', '✓', '·',
    ]);

    let families = [theme.body_font, theme.heading_font, Family::Mono];
    let mut style_css = assets::font_faces(fonts, &families, &chars);
    style_css.push_str(&assets::emoji_face(fonts, &chars));
    style_css.push_str(&theme.css_variables());
    style_css.push_str(&format!(":root {{\n{}}}\n", crate::layout::metrics::css()));
    style_css.push_str(&logo_css(theme, images));
    style_css.push_str(&image_css);
    style_css.push_str(&code_css(theme));
    style_css.push_str(crate::theme::RUNTIME_CSS);
    style_css.push('\n');
    style_css.push_str(&theme.css);

    let view = DeckView {
        lang: deck.meta.lang.code(),
        title: deck.meta.title.clone(),
        subtitle: deck.meta.subtitle.clone(),
        author: deck.meta.author.clone(),
        duration_minutes: deck.meta.duration_minutes,
        style_css,
        runtime_js: crate::theme::RUNTIME_JS,
        strings_json: serde_json::to_string(strings)
            .unwrap_or_else(|_| "{}".into())
            .replace("</", "<\\/"),
        slides,
        total,
        deck_label: strings.deck_label,
        strings,
        reveal_js: opts.reveal_js.as_ref().map(|(css, js)| RevealView {
            css: inert_in(css, "</style"),
            js: inert_in(js, "</script"),
        }),
    };
    hb.render("deck", &view)
        .map_err(|e| Diagnostic::error(format!("theme `{}`: template error: {e}", theme.name)))
}

/// `text` made safe to inline in the element `closing` ends (`</script`, `</style`): HTML ends the
/// element at that tag in any case (`</SCRIPT>`, `</Style >`), so each occurrence, whatever its
/// case, gets its `/` escaped (`<\/`), which JavaScript and CSS read as the same `/`.
fn inert_in(text: &str, closing: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // ASCII lowercasing keeps every byte offset.
    for (i, _) in lower.match_indices(closing) {
        out.push_str(&text[at..i]);
        out.push_str("<\\");
        at = i + 1;
    }
    out.push_str(&text[at..]);
    out
}

/// Adds the characters of `html` to `out`, which already holds every printable ASCII character:
/// only the others are looked at. Bodies carry their images as base64 data URIs, megabytes of
/// ASCII in a large deck, and inserting each of those characters into the set was a tenth of a
/// 1,000-slide build.
fn collect_chars(html: &str, out: &mut BTreeSet<char>) {
    out.extend(html.chars().filter(|c| !c.is_ascii()));
}

/// A theme's templates compiled, keyed by their texts.
type Compiled = (BTreeMap<String, String>, Arc<Handlebars<'static>>);

/// Template sets compiled so far in this process. Compiling a theme's templates (handlebars parses
/// each into a tree, keeping lines and columns) costs more than rendering a small deck with them,
/// and the same set is rendered again and again: once per brand with `--brand all`, once per save
/// under `diapo serve`. The key is the template texts themselves, not the theme's name, so a
/// template edited under `serve` is compiled anew. Bounded, so that a long `serve` session editing
/// templates does not keep every version.
static COMPILED: Mutex<Vec<Compiled>> = Mutex::new(Vec::new());

/// How many template sets [`COMPILED`] keeps: a theme with its brands is usually one set (brands
/// change tokens and fonts, not templates), and a handful covers the themes a process builds.
const COMPILED_MAX: usize = 8;

/// The theme's templates, compiled once per process (see [`COMPILED`]). The lock is held while
/// compiling, so brands rendered in parallel wait for one compilation rather than each doing it.
fn registry(theme: &Theme) -> Result<Arc<Handlebars<'static>>, Diagnostic> {
    // A panic while compiling leaves the list valid: entries are only ever added whole.
    let mut compiled = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, hb)) = compiled.iter().find(|(t, _)| *t == theme.templates) {
        return Ok(hb.clone());
    }
    let hb = Arc::new(compile(theme)?);
    if compiled.len() >= COMPILED_MAX {
        compiled.remove(0);
    }
    compiled.push((theme.templates.clone(), hb.clone()));
    Ok(hb)
}

fn compile(theme: &Theme) -> Result<Handlebars<'static>, Diagnostic> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.set_prevent_indent(true);
    for (name, text) in &theme.templates {
        hb.register_template_string(name, text).map_err(|e| {
            let path = theme.template_paths.get(name).map_or_else(
                || format!("themes/{}/{name}.hbs", theme.name),
                |p| p.display().to_string(),
            );
            Diagnostic::error(format!("{path}: {e}"))
                .with_hint("check the handlebars syntax of the template")
        })?;
    }
    Ok(hb)
}

/// The bloc-marque and the logo of a slide, as the theme places them.
fn chrome(theme: &Theme, layout: Layout, view: &mut SlideView) {
    let logo = theme.shows_logo(layout).then(|| LogoView {
        placement: match theme.chrome.logo_placement {
            Placement::TopLeft => "top-left",
            Placement::TopRight => "top-right",
            Placement::BottomLeft => "bottom-left",
            Placement::None => "none",
        },
        alt: theme
            .brand
            .as_ref()
            .and_then(|b| b.logo.as_ref())
            .map(|l| l.alt.clone())
            .unwrap_or_default(),
    });
    let mut classes = Vec::new();
    if let Some(marque) = crate::layout::marque::on_slide(theme, layout) {
        let in_marque = logo.as_ref().filter(|l| l.placement == "top-left").cloned();
        view.marque = Some(MarqueView {
            republique: marque.republique_text(),
            name: marque.name_text(),
            motto: marque.motto_text(),
            full: marque.full,
            logo: in_marque,
        });
        classes.push("marque".to_string());
    }
    view.logo = logo.filter(|_| view.marque.as_ref().is_none_or(|m| m.logo.is_none()));
    if let Some(l) = &view.logo {
        classes.push(format!("logo-{}", l.placement));
    }
    view.chrome_classes = classes.join(" ");
    let extra = crate::layout::slides::chrome_extra(theme, layout);
    view.chrome_extra = (extra > 0.0).then(|| format!("{extra:.1}"));
}

/// The colours of code tokens, the same the PDF draws them with.
fn code_css(theme: &Theme) -> String {
    let c = &theme.colors;
    let colours = crate::highlight::colours(c.text, c.primary, c.accent, c.muted, c.surface);
    use crate::highlight::Token;
    let mut css = String::new();
    for token in [Token::Keyword, Token::Str, Token::Comment, Token::Number] {
        if let Some(class) = token.class() {
            css.push_str(&format!(
                ".slide-body pre .{class}{{color:{}}}\n",
                colours.of(token).to_hex()
            ));
        }
    }
    css
}

/// The logo once, as a custom property every slide's logo box paints.
fn logo_css(theme: &Theme, images: &ImageStore) -> String {
    let Some(logo) = theme.brand.as_ref().and_then(|b| b.logo.as_ref()) else {
        return String::new();
    };
    let Some(img) = images.get(&logo.key) else {
        return String::new();
    };
    let width = theme.logo_size(Layout::Content).map_or(0.0, |(w, _)| w);
    let cover = theme.logo_size(Layout::Title).map_or(0.0, |(w, _)| w);
    format!(
        ":root {{ --diapo-logo: url(\"{}\"); --diapo-logo-ratio: {} / {}; --diapo-logo-width: {width}px; --diapo-logo-cover-width: {cover}px; }}\n",
        assets::data_uri(img.mime, &img.encoded),
        img.width,
        img.height
    )
}

fn cover(facts: &Facts) -> CoverView {
    let c = facts.cover.clone();
    CoverView {
        title: c.title,
        subtitle: c.subtitle,
        author: c.author,
        date: c.date,
        audience: c.audience,
        duration: c.duration,
    }
}

/// The data the layout templates are rendered with. What every slide's layout receives the same
/// ([`LayoutShared`]: the sixty-odd interface strings, the cover's facts) is made template data
/// once for the deck and kept from one slide to the next, and only a slide's own fields are
/// made anew: serialised whole for each slide, then dropped, the shared part cost three times what
/// rendering the layouts does.
struct LayoutData {
    context: Context,
    /// The keys of the last slide's own fields, taken out before the next slide's go in.
    own: Vec<String>,
}

impl LayoutData {
    fn new(strings: &i18n::Strings, cover: &CoverView) -> Result<Self, RenderError> {
        Ok(LayoutData {
            context: Context::wraps(LayoutShared { strings, cover })?,
            own: Vec::new(),
        })
    }

    /// Renders the layout template `name` with the shared data and `view`.
    fn render(
        &mut self,
        hb: &Handlebars<'_>,
        name: &str,
        view: &LayoutView,
    ) -> Result<String, RenderError> {
        let mut own = Context::wraps(view)?;
        // Both are serialised structs, hence objects.
        if let (Value::Object(data), Value::Object(own)) = (self.context.data_mut(), own.data_mut())
        {
            for key in self.own.drain(..) {
                data.remove(&key);
            }
            self.own.extend(own.keys().cloned());
            data.append(own);
        }
        hb.render_with_context(name, &self.context)
    }
}

#[allow(clippy::too_many_arguments)]
fn slide_view(
    hb: &Handlebars<'_>,
    layouts: &mut LayoutData,
    ctx: &mut Ctx<'_>,
    deck: &Deck,
    slide: &Slide,
    index: usize,
    total: usize,
    strings: &i18n::Strings,
    facts: &Facts,
    fit: Option<f32>,
) -> Result<SlideView, Diagnostic> {
    let title_html = slide.title.as_ref().map(|t| {
        let mut html = ctx.inlines(t);
        if slide.continuation > 0 {
            html.push_str(&format!(
                " <span class=\"continued\">{}</span>",
                markup::escape(strings.continued)
            ));
        }
        html
    });
    let parts = parts(
        ctx,
        slide,
        facts.part_number(index).unwrap_or(1),
        deck.meta.lang,
    );
    let layout_view = LayoutView {
        title_html: title_html.clone(),
        number: index + 1,
        parts,
    };
    let body_html = layouts
        .render(hb, slide.layout.name(), &layout_view)
        .map_err(|e| Diagnostic::error(format!("theme: layout `{}`: {e}", slide.layout.name())))?;
    let notes_html: Vec<String> = slide.notes.iter().map(note_html).collect();
    let facilitator_html: Vec<String> = slide.facilitator.iter().map(|f| ctx.inlines(f)).collect();
    Ok(SlideView {
        number: index + 1,
        total,
        anchor: slide.anchor.clone(),
        layout: slide.layout.name(),
        classes: slide.classes.join(" "),
        paginate: slide.paginate,
        aria_label: aria_label(
            index + 1,
            total,
            facts.slide_label(index).unwrap_or(""),
            slide.continuation > 0,
            deck.meta.lang,
        ),
        title_html,
        header: slide.header.clone(),
        footer: slide.footer.clone(),
        has_notes: !notes_html.is_empty() || !facilitator_html.is_empty(),
        notes_html,
        facilitator_html,
        fit: fit.filter(|f| *f < 0.999).map(|f| format!("{f:.3}")),
        body_html,
        marque: None,
        logo: None,
        chrome_classes: String::new(),
        chrome_extra: None,
    })
}

/// A speaker note: paragraphs, or a diagram's source kept as it is written.
fn note_html(note: &Note) -> String {
    match note {
        Note::Text(text) => notes_paragraphs(text),
        Note::Code { lang, code, .. } => format!(
            "<pre class=\"note-code\" data-lang=\"{}\"><code>{}</code></pre>",
            markup::escape(lang),
            markup::escape(code.trim_end_matches('\n'))
        ),
    }
}

/// Speaker notes are plain text: blank lines separate paragraphs.
fn notes_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", markup::escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

fn parts(ctx: &mut Ctx<'_>, slide: &Slide, part_number: usize, lang: crate::model::Lang) -> Parts {
    match &slide.body {
        Body::Blocks { blocks } if slide.layout == Layout::Section => Parts::Section {
            blocks_html: ctx.blocks(blocks),
            part_number,
        },
        Body::Blocks { blocks } => Parts::Blocks {
            blocks_html: ctx.blocks(blocks),
        },
        Body::TwoColumn { left, right } => Parts::TwoColumn {
            left_html: ctx.blocks(left),
            right_html: ctx.blocks(right),
        },
        Body::Testimony {
            quote,
            name,
            role,
            photo,
        } => Parts::Testimony {
            quote_html: ctx.blocks(quote),
            name_html: name.as_ref().map(|n| ctx.inlines(n)),
            role_html: role.as_ref().map(|r| ctx.inlines(r)),
            photo_html: photo.as_ref().map(|p| ctx.figure(p)),
        },
        Body::KeyFigure { figure, caption } => Parts::KeyFigure {
            figure: figure.clone(),
            caption_html: ctx.blocks(caption),
        },
        Body::Comparison {
            left_title,
            left,
            right_title,
            right,
            left_tone,
            right_tone,
        } => Parts::Comparison {
            left_title_html: ctx.inlines(left_title),
            left_html: ctx.blocks(left),
            right_title_html: ctx.inlines(right_title),
            right_html: ctx.blocks(right),
            left_tone: left_tone.name(),
            right_tone: right_tone.name(),
            left_icon: left_tone.icon(),
            right_icon: right_tone.icon(),
        },
        Body::Poll { question, options } => Parts::Poll {
            question_html: question.as_ref().map(|q| ctx.inlines(q)),
            options: options
                .iter()
                .enumerate()
                .map(|(i, o)| PollOption {
                    letter: facts::poll_letter(i),
                    text_html: ctx.inlines(o),
                })
                .collect(),
        },
        Body::Definition { term, definition } => Parts::Definition {
            label: crate::model::definition_label(slide.title.as_deref(), term),
            term_html: ctx.inlines(term),
            definition_html: ctx.blocks(definition),
        },
        Body::Closing {
            blocks,
            contact,
            question,
        } => Parts::Closing {
            blocks_html: ctx.blocks(blocks),
            contact_html: contact.as_ref().map(|c| ctx.inlines(c)),
            question_html: question.as_ref().map(|q| ctx.inlines(q)),
        },
        Body::Agenda { intro, entries } => Parts::Agenda {
            intro_html: ctx.blocks(intro),
            entries: entries
                .iter()
                .map(|e| AgendaItem {
                    number: e.number,
                    text_html: ctx.inlines(&e.text),
                    minutes: e.minutes.map(|m| crate::facts::duration_text(m, lang)),
                    href: e
                        .target
                        .as_ref()
                        .and_then(|t| ctx.anchors.get(t))
                        .map(|n| format!("#/{n}")),
                })
                .collect(),
        },
    }
}

/// "3 sur 24 : Titre (suite)": the position, then the title when there is one.
fn aria_label(
    number: usize,
    total: usize,
    title: &str,
    continued: bool,
    lang: crate::model::Lang,
) -> String {
    let s = i18n::strings(lang);
    let mut label = format!("{number} {} {total}", s.of);
    if !title.is_empty() {
        label.push_str(if lang == crate::model::Lang::Fr {
            "\u{a0}: "
        } else {
            ": "
        });
        label.push_str(title);
        if continued {
            label.push(' ');
            label.push_str(s.continued);
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::inert_in;

    #[test]
    fn inlined_code_cannot_close_its_element_whatever_the_case() {
        let js = "a('</script>'); b('</SCRIPT >'); c('</ScRiPt'); d('</style>')";
        assert_eq!(
            inert_in(js, "</script"),
            "a('<\\/script>'); b('<\\/SCRIPT >'); c('<\\/ScRiPt'); d('</style>')"
        );
        let css = "a::after{content:'</STYLE><script>x()</script>'}";
        let safe = inert_in(css, "</style");
        assert!(!safe.to_ascii_lowercase().contains("</style"), "{safe}");
        assert_eq!(inert_in("é</style", "</style"), "é<\\/style");
    }
}
