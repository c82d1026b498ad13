//! One slide's foreign syntax rewritten into diapo's Markdown, line by line, with a source map so
//! that every later diagnostic still points at what the author wrote. What a construct means in
//! diapo is written as diapo writes it (a `<!-- _layout: two-column -->` directive and a `***`
//! column break for Pandoc's `:::: columns`, `*` fragment bullets after a pause, a comment for
//! speaker notes); what has no meaning is taken out, with a warning when the audience would have
//! seen something, a note otherwise. Nothing foreign is left for the audience to read.

use super::split::Chunk;
use super::{Dialect, Report};
use crate::deck::frontmatter::Cutting;
use crate::deck::outline::{lines_with_code, list_marker_width, Rewriter, SourceMap};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Meta;
use crate::rules::Rule;
use serde_norway::Value;
use std::ops::Range;

/// What a slide's rewriting reads besides the slide.
pub struct Context<'a> {
    pub dialect: Dialect,
    pub cutting: &'a Cutting,
    pub meta: &'a Meta,
    pub src: &'a SourceFile,
    /// Reads the files Slidev's `src:` includes.
    pub includes: &'a crate::deck::loader::Includes,
}

/// A `:::` block being read.
#[derive(Debug, Clone, PartialEq)]
enum Div {
    Notes,
    Columns,
    Column,
    Incremental(bool),
    /// Any other block (a callout, `.smaller`…): its fences go, its content stays.
    Other,
}

struct State<'a, 'b> {
    ctx: &'a Context<'b>,
    w: Rewriter,
    diags: &'a mut Diagnostics,
    report: &'a mut Report,
    /// Inside speaker notes that run to the end of the slide (reveal's `Note:`).
    notes_to_end: bool,
    /// Open `:::` blocks, with the length of their fence.
    divs: Vec<(Div, usize)>,
    /// Columns opened in the current `columns` block.
    columns: usize,
    /// A pause was met (`. . .`, `<!-- pause -->`, `<v-click>`): bullets after it are fragments.
    paused: bool,
    /// Open `<v-clicks>`/`<v-click>` blocks.
    clicks: usize,
    /// `{.incremental}` / `{.nonincremental}` on the current heading.
    heading_incremental: Option<bool>,
    /// Inside a `<style>` block.
    in_style: bool,
    /// presenterm's column layout is open.
    presenterm_columns: bool,
    /// The slide must be left out (`hide: true`, `{visibility="hidden"}`, `<!-- skip_slide -->`).
    pub hidden: bool,
    /// Text to put at the slide's end (Slidev's `image-right` image, closing comments).
    tail: Vec<(String, usize)>,
    /// Marp's `bg` images met: (where, alt text, address, offset).
    backgrounds: Vec<(Place, String, String, usize)>,
    /// The slide has text of its own besides headings and comments.
    has_text: bool,
    /// Pictures were put beside the text (`![bg left]`, `![bg right]`).
    sided: bool,
}

/// Rewrites one slide. Returns its diapo Markdown and the map back to the file, or `None` when
/// the slide is to be left out (hidden by its author).
pub fn rewrite(
    chunk: &Chunk,
    ctx: &Context,
    diags: &mut Diagnostics,
    report: &mut Report,
) -> Option<(String, SourceMap)> {
    let mut s = State {
        ctx,
        w: Rewriter::new(chunk.text.len() + 64),
        diags,
        report,
        notes_to_end: false,
        divs: Vec::new(),
        columns: 0,
        paused: false,
        clicks: 0,
        heading_incremental: None,
        in_style: false,
        presenterm_columns: false,
        hidden: false,
        tail: Vec::new(),
        backgrounds: Vec::new(),
        has_text: false,
        sided: false,
    };
    s.settings(chunk);
    s.sided_backgrounds(chunk);
    let mut in_fence = false;
    let mut prev_html = false;
    for (at, line, code) in lines_with_code(chunk.text) {
        let orig = chunk.at + at;
        if code {
            let fence = crate::deck::outline::is_fence(line).is_some();
            if s.notes_to_end || s.in_notes_div() {
                s.w.copy(&line.replace("-->", "-- >"), orig);
            } else if fence && !in_fence {
                // A fence right under an HTML line would be read as part of the HTML block:
                // a blank line makes it the code block its author meant.
                if prev_html {
                    s.w.insert("\n", orig);
                }
                s.fence(line, orig);
            } else {
                s.w.copy(line, orig);
            }
            if fence {
                in_fence = !in_fence;
            }
            prev_html = false;
            continue;
        }
        prev_html = line.trim_start().starts_with('<');
        s.line(line, orig);
    }
    s.close(chunk.at + chunk.text.len());
    if s.hidden {
        return None;
    }
    Some(s.w.finish(chunk.at))
}

impl State<'_, '_> {
    fn src(&self) -> &SourceFile {
        self.ctx.src
    }

    fn in_notes_div(&self) -> bool {
        self.divs.iter().any(|(d, _)| *d == Div::Notes)
    }

    fn warn(&mut self, message: String, at: Range<usize>, hint: &str) {
        let d = Diagnostic::warning(message)
            .rule(Rule::Foreign)
            .at(self.src().location(at.start, at.end))
            .with_hint(hint.to_string());
        self.diags.push(d);
    }

    fn note(&mut self, message: String, at: Range<usize>) {
        let d = Diagnostic::info(message)
            .rule(Rule::ForeignIgnored)
            .at(self.src().location(at.start, at.end));
        self.diags.push(d);
    }

    /// Slidev's per-slide front matter, as diapo directives at the slide's start.
    fn settings(&mut self, chunk: &Chunk) {
        let mut layout: Option<(String, usize)> = None;
        let mut image: Option<(String, usize)> = None;
        for (key, value, at) in &chunk.settings {
            let at = *at;
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            let key_range = at..at + key.len();
            match key.as_str() {
                "layout" => layout = Some((text, at)),
                "image" | "background" => image = Some((text, at)),
                "class" => {
                    self.w.insert(&format!("<!-- _class: {text} -->\n"), at);
                    self.report.mapped("slide class");
                }
                "hide" | "disabled" if text == "true" => {
                    self.hidden = true;
                    self.note(
                        format!("`{key}: true`: this slide is hidden by its author and left out"),
                        key_range,
                    );
                }
                // Read by the dialect stage before the slide is rewritten.
                "src" => {}
                _ => {
                    self.note(
                        format!("`{key}` (Slidev) has no meaning in diapo: left out"),
                        key_range,
                    );
                    self.report.dropped(&format!("slide setting `{key}`"));
                }
            }
        }
        if let Some((name, at)) = layout {
            self.slidev_layout(&name, at, image);
        } else if let Some((url, at)) = image {
            self.background(&url, at);
        }
    }

    /// Slidev's layouts, as diapo's.
    fn slidev_layout(&mut self, name: &str, at: usize, image: Option<(String, usize)>) {
        let range = at..at + "layout".len();
        let diapo = match name {
            "cover" | "intro" => Some("title"),
            "section" | "statement" => Some("section"),
            "two-cols" | "two-cols-header" | "image-left" | "image-right" => Some("two-column"),
            "quote" => Some("testimony"),
            "fact" => Some("key-figure"),
            "end" => Some("closing"),
            "default" | "center" | "image" | "full" | "none" => Some("content"),
            _ => None,
        };
        match diapo {
            Some(l) => {
                self.w.insert(&format!("<!-- _layout: {l} -->\n"), at);
                self.report.mapped(&format!("layout {name}"));
            }
            None => {
                self.warn(
                    format!("Slidev's layout `{name}` has no match in diapo: the slide is a content slide"),
                    range,
                    "diapo's layouts are title, section, content, two-column, testimony, key-figure, comparison, poll, definition, closing, agenda, objectives",
                );
                self.report.dropped(&format!("layout {name}"));
            }
        }
        let Some((url, img_at)) = image else { return };
        match name {
            "image-left" => {
                self.w.insert(&format!("![-]({url})\n\n***\n\n"), img_at);
                self.report.mapped("layout image");
            }
            "image-right" | "image" => {
                let sep = if name == "image" { "" } else { "***\n\n" };
                self.tail.push((format!("\n\n{sep}![-]({url})\n"), img_at));
                self.report.mapped("layout image");
            }
            _ => self.background(&url, img_at),
        }
    }

    fn background(&mut self, url: &str, at: usize) {
        self.warn(
            format!(
                "background image `{url}` left out: diapo's themes draw the slide's background"
            ),
            at..at + 5,
            "to show the picture, put it on the slide as an image: ![what it shows](file.jpg)",
        );
        self.report.dropped("background image");
    }

    fn fragments(&self) -> bool {
        if let Some(on) = self.heading_incremental {
            return on;
        }
        for (d, _) in self.divs.iter().rev() {
            if let Div::Incremental(on) = d {
                return *on;
            }
        }
        self.paused || self.clicks > 0 || self.ctx.cutting.incremental
    }

    fn line(&mut self, line: &str, orig: usize) {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let t = body.trim();
        let lead = body.len() - body.trim_start().len();
        let t_at = orig + lead;
        let whole = t_at..t_at + t.len();

        if self.notes_to_end {
            // Notes run to the end of the slide; in a deck cut by its headings, a heading starts
            // the next slide.
            if super::split::heading_level(t).is_none() {
                self.w.copy(&line.replace("-->", "-- >"), orig);
                return;
            }
            self.w.insert("\n-->\n", orig);
            self.notes_to_end = false;
        }
        if self.in_style {
            if t.contains("</style>") {
                self.in_style = false;
            }
            return;
        }
        // `:::` fences.
        if let Some((colons, rest)) = div_fence(t) {
            self.div(colons, rest, whole);
            return;
        }
        if self.in_notes_div() {
            self.w.copy(&line.replace("-->", "-- >"), orig);
            return;
        }
        // reveal.js speaker notes: `Note:` runs to the end of the slide.
        if let Some(rest) = self.notes_start(t) {
            self.report.mapped("Note: speaker notes");
            self.w.insert("<!--\n", t_at);
            let rest_at = t_at + (t.len() - rest.len());
            self.w.copy(&rest.replace("-->", "-- >"), rest_at);
            self.w.copy(ending, orig + body.len());
            self.notes_to_end = true;
            return;
        }
        if t == ". . ." {
            self.paused = true;
            self.report.mapped("pause");
            return;
        }
        if t.starts_with("<style") {
            if !t.contains("</style>") {
                self.in_style = true;
            }
            self.warn(
                "a `<style>` block is left out: diapo's themes set the look of every output".into(),
                whole,
                "choose a theme (`theme: etat`, `sobre`, `sombre`) or a brand",
            );
            self.report.dropped("<style>");
            return;
        }
        if let Some(handled) = self.html_line(t, whole.clone()) {
            if let Some(text) = handled {
                self.w.insert(&text, t_at);
                self.w.copy(ending, orig + body.len());
            }
            return;
        }
        if let Some(slot) = t.strip_prefix("::").and_then(|s| s.strip_suffix("::")) {
            if !slot.is_empty() && slot.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                match slot {
                    "right" => {
                        self.w.insert("<!-- _layout: two-column -->\n\n***", t_at);
                        self.report.mapped("::right:: column");
                    }
                    "left" | "default" => self.report.mapped("slot"),
                    _ => {
                        self.note(
                            format!("the slot `::{slot}::` is read as the rest of the slide"),
                            whole,
                        );
                        self.report.dropped("slot");
                    }
                }
                self.w.copy(ending, orig + body.len());
                return;
            }
        }
        if t.starts_with("<<< ") {
            self.warn(
                "a code import (`<<<`) reads another file, which diapo does not: left out".into(),
                whole,
                "paste the code into a fenced code block",
            );
            self.report.dropped("code import");
            return;
        }
        // A heading: its attributes, and the end of the previous slide's pauses.
        if t.starts_with('#') {
            self.paused = false;
            self.heading_incremental = None;
            self.heading(body, orig, ending);
            return;
        }
        self.text_line(body, orig, ending);
    }

    /// A code fence's opening line: Pandoc's and Quarto's attribute form (`{.yaml filename=…}`)
    /// keeps its language; an `include=` names a file diapo does not read, said in a warning.
    fn fence(&mut self, line: &str, orig: usize) {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let trimmed = body.trim_start();
        let marks = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .count();
        let info = trimmed[marks..].trim();
        let Some(attrs) = info.strip_prefix('{').and_then(|i| i.strip_suffix('}')) else {
            self.w.copy(line, orig);
            return;
        };
        let lang = attributes(attrs)
            .into_iter()
            .find_map(|(name, value)| (name.is_empty()).then(|| value.trim_start_matches('.')))
            .unwrap_or("")
            .to_string();
        if let Some((_, file)) = attributes(attrs).into_iter().find(|(n, _)| *n == "include") {
            let start = orig + (body.len() - trimmed.len());
            self.warn(
                format!("the code block includes the file `{file}`, which diapo does not read: its content is not shown"),
                start..start + body.trim().len(),
                "paste the code into the block",
            );
            self.report.dropped("code include");
        } else {
            self.report.mapped("code block attributes");
        }
        let lead = body.len() - trimmed.len();
        self.w.copy(&body[..lead + marks], orig);
        self.w.insert(&lang, orig + lead + marks);
        self.w.copy(ending, orig + body.len());
    }

    /// `Note:` (reveal.js), `Notes:`, or the deck's own `notesSeparator`.
    fn notes_start<'t>(&self, t: &'t str) -> Option<&'t str> {
        if let Some(sep) = &self.ctx.cutting.notes_separator {
            if !sep.is_empty() {
                if let Some(rest) = t.strip_prefix(sep.as_str()) {
                    return Some(rest);
                }
            }
        }
        let reveal = self.ctx.dialect == Dialect::Reveal;
        for prefix in ["Note:", "Notes:", "NOTE:", "NOTES:"] {
            if let Some(rest) = t.strip_prefix(prefix) {
                return Some(rest);
            }
        }
        if reveal {
            let lower = t.to_ascii_lowercase();
            for prefix in ["note:", "notes:"] {
                if lower.starts_with(prefix) {
                    return Some(&t[prefix.len()..]);
                }
            }
        }
        None
    }

    fn div(&mut self, colons: usize, rest: &str, whole: Range<usize>) {
        let rest = rest.trim();
        if rest.is_empty() {
            // A closing fence: the innermost block opened with at most as many colons.
            let Some(pos) = self.divs.iter().rposition(|(_, n)| *n <= colons) else {
                return;
            };
            let (div, _) = self.divs.remove(pos);
            self.divs.truncate(pos);
            if div == Div::Notes {
                self.w.insert("\n-->\n", whole.start);
            }
            if div == Div::Columns {
                self.columns = 0;
            }
            return;
        }
        let attrs = rest.trim_start_matches('{').trim_end_matches('}');
        let classes: Vec<&str> = attrs
            .split_whitespace()
            .map(|c| c.trim_start_matches('.'))
            .collect();
        let first = classes.first().copied().unwrap_or("");
        let div = match first {
            "notes" => {
                self.w.insert("<!--\n", whole.start);
                self.report.mapped("::: notes");
                Div::Notes
            }
            "columns" => {
                self.w.insert("<!-- _layout: two-column -->\n", whole.start);
                self.report.mapped("::: columns");
                Div::Columns
            }
            "column" => {
                self.columns += 1;
                if self.columns == 2 {
                    self.w.insert("\n***\n", whole.start);
                } else if self.columns > 2 {
                    self.warn(
                        "a third column is shown under the second: diapo's slides have two columns"
                            .into(),
                        whole.clone(),
                        "keep two columns, or split the slide",
                    );
                    self.report.dropped("third column");
                }
                Div::Column
            }
            "incremental" => {
                self.report.mapped("::: incremental");
                Div::Incremental(true)
            }
            "nonincremental" => {
                self.report.mapped("::: nonincremental");
                Div::Incremental(false)
            }
            "fragment" => {
                self.report.mapped("::: fragment");
                Div::Incremental(true)
            }
            _ => {
                self.note(
                    format!(
                        "the block `::: {rest}` is shown as plain content: diapo has no such style"
                    ),
                    whole.clone(),
                );
                self.report.dropped(&format!("::: {first}"));
                Div::Other
            }
        };
        self.divs.push((div, colons));
    }

    /// HTML-comment and tag lines of other tools. `Some(Some(text))`: replaced by `text`;
    /// `Some(None)`: taken out; `None`: not such a line.
    fn html_line(&mut self, t: &str, whole: Range<usize>) -> Option<Option<String>> {
        if let Some(inner) = t.strip_prefix("<!--").and_then(|s| s.strip_suffix("-->")) {
            return self.comment_line(inner.trim(), whole);
        }
        let tag = t.trim_end_matches('>').trim_start_matches('<');
        match tag {
            "v-click" | "v-clicks" | "v-after" => {
                self.clicks += 1;
                self.report.mapped("<v-click>");
                Some(None)
            }
            "/v-click" | "/v-clicks" | "/v-after" => {
                self.clicks = self.clicks.saturating_sub(1);
                Some(None)
            }
            _ if t.starts_with("<v-click") || t.starts_with("<v-clicks") => {
                // `<v-clicks depth="2">` and the like.
                self.clicks += 1;
                self.report.mapped("<v-click>");
                Some(None)
            }
            _ => None,
        }
    }

    fn comment_line(&mut self, inner: &str, whole: Range<usize>) -> Option<Option<String>> {
        let (key, value) = match inner.split_once(':') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (inner, ""),
        };
        match key {
            "pause" => {
                self.paused = true;
                self.report.mapped("<!-- pause -->");
                Some(None)
            }
            "fit" => {
                self.report.mapped("<!-- fit -->");
                Some(None)
            }
            "column_layout" => {
                self.presenterm_columns = true;
                self.columns = 0;
                self.report.mapped("column layout");
                Some(Some("<!-- _layout: two-column -->".into()))
            }
            "column" => {
                self.columns += 1;
                if self.columns == 2 {
                    Some(Some("***".into()))
                } else {
                    if self.columns > 2 {
                        self.warn(
                            "a third column is shown under the second: diapo's slides have two columns".into(),
                            whole,
                            "keep two columns, or split the slide",
                        );
                        self.report.dropped("third column");
                    }
                    Some(None)
                }
            }
            "reset_layout" => {
                if self.presenterm_columns {
                    self.note(
                        "after `reset_layout`, the rest of the slide goes under the second column"
                            .into(),
                        whole,
                    );
                }
                self.presenterm_columns = false;
                Some(None)
            }
            "jump_to_middle" => {
                self.report.mapped("jump_to_middle");
                Some(Some("<!-- _layout: section -->".into()))
            }
            "speaker_note" => {
                self.report.mapped("speaker_note");
                Some(Some(format!("<!-- {value} -->")))
            }
            "incremental_lists" => {
                self.heading_incremental = Some(value == "true");
                self.report.mapped("incremental_lists");
                Some(None)
            }
            "skip_slide" => {
                self.hidden = true;
                self.note(
                    "`skip_slide`: this slide is left out, as its author asked".into(),
                    whole,
                );
                Some(None)
            }
            "new_lines" | "newlines" | "font_size" | "alignment" | "no_footer"
            | "list_item_newlines" | "snippet_output" | "end_slide" => {
                self.report.dropped(key);
                Some(None)
            }
            "include" => {
                self.warn(
                    format!(
                        "`include: {value}` reads another file, which diapo does not: left out"
                    ),
                    whole,
                    "paste the included Markdown into the deck",
                );
                self.report.dropped("include");
                Some(None)
            }
            ".slide" => {
                let mut out = Vec::new();
                for (name, val) in attributes(value) {
                    match name {
                        "class" => {
                            out.push(format!("<!-- _class: {val} -->"));
                            self.report.mapped(".slide class");
                        }
                        n if n.starts_with("data-background") => {
                            if n == "data-background" || n == "data-background-image" {
                                self.background(val, whole.start);
                            } else {
                                self.report.dropped(n);
                            }
                        }
                        n => {
                            self.note(
                                format!(
                                    "the slide attribute `{n}` has no meaning in diapo: left out"
                                ),
                                whole.clone(),
                            );
                            self.report.dropped(n);
                        }
                    }
                }
                Some((!out.is_empty()).then(|| out.join("\n")))
            }
            ".element" => {
                // On a line of its own: it applies to the block above, which cannot change now.
                self.note(
                    "`<!-- .element: … -->` on a line of its own is left out: put it at the end of the line it applies to".into(),
                    whole,
                );
                self.report.dropped(".element");
                Some(None)
            }
            _ => None,
        }
    }

    /// A heading line: Pandoc attributes are kept when diapo reads them (`#id`, `.class`),
    /// `visibility="hidden"` hides the slide, a background image is reported.
    fn heading(&mut self, body: &str, orig: usize, ending: &str) {
        let Some(open) = body.rfind('{').filter(|_| body.trim_end().ends_with('}')) else {
            self.text_line(body, orig, ending);
            return;
        };
        let attrs = &body[open + 1..body.trim_end().len() - 1];
        let mut kept = Vec::new();
        for (name, value) in attributes(attrs) {
            match name {
                "" => kept.push(value.to_string()),
                "visibility" if value == "hidden" => {
                    kept.push(".diapo-hidden".into());
                    self.report.mapped("visibility=hidden");
                }
                "background-image" | "data-background-image" | "background" => {
                    self.background(value, orig + open)
                }
                _ => self.report.dropped(&format!("heading attribute {name}")),
            }
        }
        for k in &kept {
            match k.as_str() {
                ".incremental" => self.heading_incremental = Some(true),
                ".nonincremental" => self.heading_incremental = Some(false),
                _ => {}
            }
        }
        let head = body[..open].trim_end();
        self.inline(head, orig);
        if !kept.is_empty() {
            self.w
                .insert(&format!(" {{{}}}", kept.join(" ")), orig + open);
        }
        self.w.copy(ending, orig + body.len());
    }

    /// A line of text: fragments for its bullet, then inline rewriting.
    fn text_line(&mut self, body: &str, orig: usize, ending: &str) {
        let trimmed = body.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with("<!--") && !trimmed.starts_with("![bg") {
            self.has_text = true;
        }
        let lead = body.len() - trimmed.len();
        let mut start = 0;
        // `<!-- .element: class="fragment" -->` at the end of a bullet's line.
        let (content, element_fragment) = match trimmed.rfind("<!-- .element:") {
            Some(i) if trimmed.trim_end().ends_with("-->") => {
                let comment = &trimmed[i..];
                self.report.mapped(".element");
                (&body[..lead + i], comment.contains("fragment"))
            }
            _ => (body, false),
        };
        let bullet = list_marker_width(trimmed).is_some()
            && (trimmed.starts_with("- ")
                || trimmed.starts_with("+ ")
                || trimmed.starts_with("* "));
        let fragment = self.fragments() || element_fragment;
        // diapo reads `*` bullets as fragments (Marp's convention); elsewhere `*` is a plain
        // bullet, and what appears one at a time is said otherwise.
        let star_is_plain = !matches!(self.ctx.dialect, Dialect::Diapo | Dialect::Marp);
        if bullet && fragment && !trimmed.starts_with("* ") {
            self.w.copy(&body[..lead], orig);
            self.w.insert("*", orig + lead);
            start = lead + 1;
            self.report.mapped("fragment");
        } else if bullet && !fragment && star_is_plain && trimmed.starts_with("* ") {
            self.w.copy(&body[..lead], orig);
            self.w.insert("-", orig + lead);
            start = lead + 1;
        } else if bullet && fragment {
            self.report.mapped("fragment");
        }
        self.inline(&content[start.min(content.len())..], orig + start);
        self.w.copy(ending, orig + body.len());
    }

    /// Inline rewriting: Pandoc spans keep their text, image attributes and Marp's image keywords
    /// go, shortcodes take their value or go.
    fn inline(&mut self, text: &str, orig: usize) {
        let edits = inline_edits(text, self.ctx.meta);
        let mut pos = 0;
        for edit in edits {
            if edit.range.start < pos {
                continue;
            }
            self.w.copy(&text[pos..edit.range.start], orig + pos);
            if !edit.with.is_empty() {
                self.w.insert(&edit.with, orig + edit.range.start);
            }
            let at = orig + edit.range.start..orig + edit.range.end;
            match edit.kind {
                EditKind::Mapped(what) => self.report.mapped(what),
                EditKind::Dropped(what, message) => {
                    self.warn(
                        message,
                        at,
                        "diapo shows only what it can render the same in every output",
                    );
                    self.report.dropped(what);
                }
                EditKind::Background { place, alt, src } => {
                    self.backgrounds.push((place, alt, src, at.start));
                }
            }
            pos = edit.range.end;
        }
        self.w.copy(&text[pos..], orig + pos);
    }

    fn close(&mut self, end: usize) {
        if self.notes_to_end {
            self.w.insert("\n-->\n", end);
        }
        if self.in_notes_div() {
            self.w.insert("\n-->\n", end);
        }
        for (text, at) in std::mem::take(&mut self.tail) {
            self.w.insert(&text, at);
        }
        self.place_backgrounds();
    }

    /// Marp's `bg` images over the slide: the slide's picture when the slide has nothing else,
    /// left out (with a warning) over text, which they would make hard to read.
    fn place_backgrounds(&mut self) {
        for (place, alt, src, at) in std::mem::take(&mut self.backgrounds) {
            let image = format!("![{}]({src})\n", if alt.is_empty() { "-" } else { &alt });
            match place {
                // Placed before the slide was read (see `sided_backgrounds`).
                Place::Left | Place::Right => {}
                Place::Back if !self.has_text && !self.sided => {
                    self.w.insert(&format!("\n\n{image}"), at);
                    self.report.mapped("bg image");
                }
                Place::Back => {
                    self.warn(
                        format!("background image `{src}` left out: drawn under the text, it would make it hard to read"),
                        at..at + 4,
                        "put the picture on a slide of its own, or beside the text with `![bg right](…)`",
                    );
                    self.report.dropped("bg image");
                }
            }
        }
    }

    /// `![bg left](…)` and `![bg right](…)`: a two-column slide with the pictures on that side.
    /// The left pictures are written before the slide's text, the right ones after it.
    fn sided_backgrounds(&mut self, chunk: &Chunk) {
        let mut left = String::new();
        let mut right = String::new();
        for (_, line, code) in lines_with_code(chunk.text) {
            if code {
                continue;
            }
            for e in inline_edits(line, self.ctx.meta) {
                if let EditKind::Background { place, alt, src } = e.kind {
                    let image =
                        format!("![{}]({src})\n\n", if alt.is_empty() { "-" } else { &alt });
                    match place {
                        Place::Left => left.push_str(&image),
                        Place::Right => right.push_str(&image),
                        Place::Back => {}
                    }
                }
            }
        }
        if left.is_empty() && right.is_empty() {
            return;
        }
        self.sided = true;
        self.report.mapped("bg left/right");
        self.w.insert("<!-- _layout: two-column -->\n", chunk.at);
        if !left.is_empty() {
            self.w.insert(&format!("{left}***\n\n"), chunk.at);
        } else {
            self.tail
                .push((format!("\n\n***\n\n{right}"), chunk.at + chunk.text.len()));
        }
    }
}

/// `::: {.notes}` → (3, "{.notes}"); `::::` → (4, "").
fn div_fence(t: &str) -> Option<(usize, &str)> {
    let colons = t.bytes().take_while(|b| *b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = &t[colons..];
    // `:::{.x}` or `::: x` or a bare closing fence; not `::right::`.
    (rest.is_empty()
        || rest.starts_with([' ', '{'])
        || rest.chars().next().is_some_and(char::is_alphabetic))
    .then_some((colons, rest))
}

/// `class="fragment" data-x=1 .smaller #id` → [("class", "fragment"), ("data-x", "1"),
/// ("", ".smaller"), ("", "#id")].
fn attributes(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let end_name = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..end_name];
        rest = &rest[end_name..];
        if let Some(after) = rest.strip_prefix('=') {
            let (value, next) = if let Some(q) = after.strip_prefix('"') {
                let e = q.find('"').unwrap_or(q.len());
                (&q[..e], q.get(e + 1..).unwrap_or(""))
            } else if let Some(q) = after.strip_prefix('\'') {
                let e = q.find('\'').unwrap_or(q.len());
                (&q[..e], q.get(e + 1..).unwrap_or(""))
            } else {
                let e = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..e], &after[e..])
            };
            out.push((name, value));
            rest = next.trim_start();
        } else {
            if !name.is_empty() {
                out.push(("", name));
            }
            rest = rest.trim_start();
        }
    }
    out
}

enum EditKind {
    Mapped(&'static str),
    Dropped(&'static str, String),
    /// Marp's `![bg …](…)`: placed by the slide.
    Background {
        place: Place,
        alt: String,
        src: String,
    },
}

struct Edit {
    range: Range<usize>,
    with: String,
    kind: EditKind,
}

/// The inline constructs of other tools in one line of text, outside code spans, in order.
fn inline_edits(text: &str, meta: &Meta) -> Vec<Edit> {
    let mut edits = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_code = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'`' {
            in_code = !in_code;
            i += 1;
            continue;
        }
        // Only `{`, `<`, `!` and `[` begin a construct: any other byte (a continuation byte of a
        // UTF-8 character included, which is never one of them) is passed over at once.
        if in_code || !matches!(c, b'{' | b'<' | b'!' | b'[') {
            i += 1;
            continue;
        }
        // Quarto and Hugo shortcodes.
        if text[i..].starts_with("{{<") || text[i..].starts_with("{{%") {
            let close = if text[i..].starts_with("{{<") {
                ">}}"
            } else {
                "%}}"
            };
            if let Some(e) = text[i + 3..].find(close) {
                let end = i + 3 + e + 3;
                let inner = text[i + 3..i + 3 + e].trim();
                let mut words = inner.split_whitespace();
                let name = words.next().unwrap_or("");
                let edit = if name == "meta" {
                    let key = words.next().unwrap_or("");
                    let value = match key {
                        "title" => Some(meta.title.clone()),
                        "subtitle" => meta.subtitle.clone(),
                        "author" => meta.author.clone(),
                        "date" => meta.date.clone(),
                        _ => None,
                    };
                    match value {
                        Some(v) => Edit {
                            range: i..end,
                            with: v,
                            kind: EditKind::Mapped("{{< meta >}}"),
                        },
                        None => Edit {
                            range: i..end,
                            with: String::new(),
                            kind: EditKind::Dropped(
                                "shortcode",
                                format!("the shortcode `{{{{< meta {key} >}}}}` has no value here: left out"),
                            ),
                        },
                    }
                } else {
                    Edit {
                        range: i..end,
                        with: String::new(),
                        kind: EditKind::Dropped(
                            "shortcode",
                            format!("the shortcode `{{{{< {inner} >}}}}` ({name}) is left out: diapo does not run shortcodes"),
                        ),
                    }
                };
                edits.push(edit);
                i = end;
                continue;
            }
        }
        // Marp's `<!-- fit -->` inside a heading.
        if text[i..].starts_with("<!--fit-->") || text[i..].starts_with("<!-- fit -->") {
            let len = if text[i..].starts_with("<!--fit-->") {
                10
            } else {
                12
            };
            let end = (i + len..text.len())
                .find(|&j| !text[j..].starts_with(' '))
                .unwrap_or(text.len());
            edits.push(Edit {
                range: i..end,
                with: String::new(),
                kind: EditKind::Mapped("<!-- fit -->"),
            });
            i = end;
            continue;
        }
        // An image: Marp's keywords in its alt text, Pandoc's attributes after it.
        if text[i..].starts_with("![") {
            if let Some((alt_end, url_end)) = link_parts(text, i + 1) {
                let alt = &text[i + 2..alt_end];
                let (kept, marp, place) = marp_alt(alt);
                if let Some(place) = place {
                    let src_part = &text[alt_end + 2..url_end - 1];
                    let end = attribute_block(text, url_end).unwrap_or(url_end);
                    edits.push(Edit {
                        range: i..end,
                        with: String::new(),
                        kind: EditKind::Background {
                            place,
                            alt: kept,
                            src: src_part.split_whitespace().next().unwrap_or("").to_string(),
                        },
                    });
                    i = end;
                    continue;
                }
                if marp {
                    edits.push(Edit {
                        range: i + 2..alt_end,
                        with: kept,
                        kind: EditKind::Mapped("image keywords"),
                    });
                }
                if let Some(attr_end) = attribute_block(text, url_end) {
                    // Pandoc's `{width=50%}` and `{height=200px}`: the size Marp writes in the alt.
                    let sizes: Vec<String> = attributes(&text[url_end + 1..attr_end - 1])
                        .into_iter()
                        .filter(|(n, _)| matches!(*n, "width" | "height"))
                        .map(|(n, v)| format!(" {n}:{}", v.trim_end_matches("px")))
                        .collect();
                    if !sizes.is_empty() && !marp {
                        edits.push(Edit {
                            range: alt_end..alt_end,
                            with: sizes.concat(),
                            kind: EditKind::Mapped("image size"),
                        });
                    }
                    edits.push(Edit {
                        range: url_end..attr_end,
                        with: String::new(),
                        kind: EditKind::Mapped("image attributes"),
                    });
                    i = attr_end;
                } else {
                    i = url_end;
                }
                continue;
            }
        }
        // A Pandoc span `[text]{.class}`: the text stays.
        if c == b'[' {
            if let Some(close) = matching_bracket(text, i) {
                if let Some(attr_end) = attribute_block(text, close + 1) {
                    edits.push(Edit {
                        range: i..i + 1,
                        with: String::new(),
                        kind: EditKind::Mapped("[span]{…}"),
                    });
                    edits.push(Edit {
                        range: close..attr_end,
                        with: String::new(),
                        kind: EditKind::Mapped("[span]{…}"),
                    });
                    i += 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// For `[` at `open` (an image's `[` when called for `![`): the offset of the closing `]` and of
/// the end of the `(…)` that follows it.
fn link_parts(text: &str, open: usize) -> Option<(usize, usize)> {
    let close = matching_bracket(text, open)?;
    let rest = &text[close + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let mut depth = 0;
    for (j, ch) in rest.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((close, close + 1 + j + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn matching_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, ch) in text[open..].char_indices() {
        match ch {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + j);
                }
            }
            '\\' => {}
            _ => {}
        }
    }
    None
}

/// A `{…}` attribute block starting at `at` (Pandoc's `{.class}`, `{width=50%}`): its end.
fn attribute_block(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if !rest.starts_with('{') || rest.starts_with("{{") {
        return None;
    }
    let e = rest.find('}')?;
    let inner = &rest[1..e];
    let looks = !inner.trim().is_empty()
        && inner
            .split_whitespace()
            .all(|w| w.starts_with('.') || w.starts_with('#') || w.contains('='));
    looks.then_some(at + e + 1)
}

/// Where Marp puts a `bg` image.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Back,
    Left,
    Right,
}

/// Marp's image keywords (`bg`, `left`, `right:40%`, `contain`, `w:300px`, `h:200`, `width:…`,
/// `opacity`, `blur`, filters…) taken out of an alt text: the alt text left, whether any was
/// there, and where a `bg` image goes.
fn marp_alt(alt: &str) -> (String, bool, Option<Place>) {
    let mut kept = Vec::new();
    let mut found = false;
    let mut bg = None;
    for word in alt.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let name = lower.split(':').next().unwrap_or("");
        let keyword = matches!(
            name,
            "bg" | "left"
                | "right"
                | "contain"
                | "cover"
                | "fit"
                | "auto"
                | "vertical"
                | "w"
                | "h"
                | "width"
                | "height"
                | "opacity"
                | "blur"
                | "brightness"
                | "contrast"
                | "drop-shadow"
                | "grayscale"
                | "hue-rotate"
                | "invert"
                | "saturate"
                | "sepia"
        ) || (lower.ends_with('%')
            && lower[..lower.len() - 1].parse::<f32>().is_ok());
        // Only after `bg` or a size are these keywords Marp's: "right" in a sentence is a word.
        let sized = matches!(name, "w" | "h" | "width" | "height") && word.contains(':');
        let starts = sized || name == "bg";
        if keyword && (found || starts) {
            // Sizes stay in the alt text: the Markdown stage reads them into the image's box.
            if sized && bg.is_none() {
                kept.push(word);
            }
            match name {
                "bg" => bg = Some(Place::Back),
                "left" if bg.is_some() => bg = Some(Place::Left),
                "right" if bg.is_some() => bg = Some(Place::Right),
                _ => {}
            }
            found = true;
        } else {
            kept.push(word);
        }
    }
    (kept.join(" "), found, bg)
}

/// `[text]{.class}` → `text`, for one-line values outside slides (front matter titles).
pub fn strip_spans(text: &str) -> String {
    let edits = inline_edits(text, &Meta::default());
    let mut out = String::new();
    let mut pos = 0;
    for e in edits {
        if e.range.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.range.start]);
        if matches!(e.kind, EditKind::Mapped(_)) {
            out.push_str(&e.with);
        }
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_images_and_shortcodes() {
        assert_eq!(strip_spans("a [**b**]{.orange} c"), "a **b** c");
        assert_eq!(strip_spans("[x](y) [z]{#id}"), "[x](y) z");
        // Pandoc's width moves into the alt text, where the Markdown stage reads sizes.
        assert_eq!(
            strip_spans("![a](b.png){width=50%}"),
            "![a width:50%](b.png)"
        );
        assert_eq!(
            strip_spans("![a](b.png){fig-align=\"center\"}"),
            "![a](b.png)"
        );
        assert_eq!(strip_spans("git {{< fa brands git >}}!"), "git !");
        assert_eq!(strip_spans("`[a]{.b}`"), "`[a]{.b}`");
        // Sizes stay for the Markdown stage, which reads them into the image's box.
        assert_eq!(marp_alt("w:300px logo").0, "w:300px logo");
        assert_eq!(
            marp_alt("bg right:40% photo"),
            ("photo".to_string(), true, Some(Place::Right))
        );
        assert!(!marp_alt("on the right").1);
    }

    #[test]
    fn constructs_among_accented_text() {
        // The scan passes over every byte that cannot begin a construct, continuation bytes of
        // accented letters and emoji included: constructs right after them are still found.
        assert_eq!(strip_spans("é[à]{.b}ç"), "éàç");
        assert_eq!(strip_spans("« [texte]{.rouge} »"), "« texte »");
        assert_eq!(strip_spans("🚀{{< fa rocket >}}é"), "🚀é");
        assert_eq!(
            strip_spans("Œuvre ![légende](é.png){width=50%}"),
            "Œuvre ![légende width:50%](é.png)"
        );
        assert_eq!(strip_spans("`é[a]{.b}` ê[c]{.d}"), "`é[a]{.b}` êc");
    }

    #[test]
    fn attributes_read() {
        assert_eq!(
            attributes(r#"data-background="a b.jpg" class=x .y"#),
            vec![("data-background", "a b.jpg"), ("class", "x"), ("", ".y")]
        );
    }
}
