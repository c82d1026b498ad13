//! Front matter: the YAML block between the first two `---` lines. It is read as a YAML mapping,
//! then resolved key by key into `model::Meta` with defaults, so that every problem of the block
//! is reported in one run. Positions from the YAML parser are shifted to the deck file's lines.
//!
//! Leniency: a deck written for another tool keeps that tool's keys. A key of Marp, Slidev,
//! reveal.js or reveal-md, Pandoc, Quarto, R Markdown or presenterm is mapped to diapo's meaning
//! where it has one (`slide-number` → `paginate`, `headingDivider`, `incremental`…), or left out
//! with a note; a key no tool knows is a warning with a "did you mean". A value diapo cannot read
//! is a warning and the default is kept. Only YAML that cannot be read at all is an error.
//!
//! A deck with a stray line above its front matter (a title typed first, a pasted heading) still
//! has its front matter read: the lines above it become content, with a warning.

use super::dialect::Dialect;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Location, SourceFile};
use crate::model::{Lang, Meta};
use crate::rules::Rule;
use serde_norway::Value;

/// Every key diapo's own front matter has.
pub const KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "date",
    "lang",
    "audience",
    "duration",
    "theme",
    "brand",
    "slide_level",
    "contact",
    "paginate",
    "header",
    "footer",
    "class",
    "dialect",
];

/// Keys other tools write that diapo has no use for, normalised (lower case, no `-` or `_`),
/// with the tool that writes them. Each is left out with a note. Keys that do mean something here
/// (`slide-number`, `headingDivider`, `incremental`, `format`…) are handled in [`parse`].
const FOREIGN: &[(&str, Dialect)] = &[
    // Marp
    ("size", Dialect::Marp),
    ("style", Dialect::Marp),
    ("math", Dialect::Marp),
    ("description", Dialect::Marp),
    ("keywords", Dialect::Marp),
    ("url", Dialect::Marp),
    ("image", Dialect::Marp),
    ("backgroundcolor", Dialect::Marp),
    ("backgroundimage", Dialect::Marp),
    ("backgroundposition", Dialect::Marp),
    ("backgroundrepeat", Dialect::Marp),
    ("backgroundsize", Dialect::Marp),
    ("color", Dialect::Marp),
    ("transition", Dialect::Marp),
    // Slidev
    ("info", Dialect::Slidev),
    ("background", Dialect::Slidev),
    ("titletemplate", Dialect::Slidev),
    ("highlighter", Dialect::Slidev),
    ("linenumbers", Dialect::Slidev),
    ("monaco", Dialect::Slidev),
    ("monacotypescript", Dialect::Slidev),
    ("monacorunautorun", Dialect::Slidev),
    ("twoslash", Dialect::Slidev),
    ("drawings", Dialect::Slidev),
    ("mdc", Dialect::Slidev),
    ("comark", Dialect::Slidev),
    ("download", Dialect::Slidev),
    ("exportfilename", Dialect::Slidev),
    ("export", Dialect::Slidev),
    ("presenter", Dialect::Slidev),
    ("browserexporter", Dialect::Slidev),
    ("record", Dialect::Slidev),
    ("selectable", Dialect::Slidev),
    ("colorschema", Dialect::Slidev),
    ("routermode", Dialect::Slidev),
    ("aspectratio", Dialect::Slidev),
    ("canvaswidth", Dialect::Slidev),
    ("themeconfig", Dialect::Slidev),
    ("favicon", Dialect::Slidev),
    ("plantumlserver", Dialect::Slidev),
    ("fonts", Dialect::Slidev),
    ("defaults", Dialect::Slidev),
    ("htmlattrs", Dialect::Slidev),
    ("contextmenu", Dialect::Slidev),
    ("wakelock", Dialect::Slidev),
    ("overviewsnapshots", Dialect::Slidev),
    ("remoteassets", Dialect::Slidev),
    ("addons", Dialect::Slidev),
    ("seometa", Dialect::Slidev),
    ("hideintoc", Dialect::Slidev),
    ("level", Dialect::Slidev),
    ("clicks", Dialect::Slidev),
    ("layoutclass", Dialect::Slidev),
    ("routealias", Dialect::Slidev),
    ("zoom", Dialect::Slidev),
    ("preload", Dialect::Slidev),
    ("dragpos", Dialect::Slidev),
    ("timer", Dialect::Slidev),
    ("glowseed", Dialect::Slidev),
    ("lineheight", Dialect::Slidev),
    // reveal.js, reveal-md
    ("revealoptions", Dialect::Reveal),
    ("highlighttheme", Dialect::Reveal),
    ("scripts", Dialect::Reveal),
    ("preprocessor", Dialect::Reveal),
    ("template", Dialect::Reveal),
    ("listingtemplate", Dialect::Reveal),
    ("static", Dialect::Reveal),
    ("absoluteurls", Dialect::Reveal),
    ("featuredslide", Dialect::Reveal),
    ("glob", Dialect::Reveal),
    ("controls", Dialect::Reveal),
    ("progress", Dialect::Reveal),
    ("center", Dialect::Reveal),
    ("hash", Dialect::Reveal),
    ("width", Dialect::Reveal),
    ("height", Dialect::Reveal),
    ("margin", Dialect::Reveal),
    // Pandoc, Quarto, R Markdown
    ("css", Dialect::Pandoc),
    ("institute", Dialect::Pandoc),
    ("abstract", Dialect::Pandoc),
    ("bibliography", Dialect::Pandoc),
    ("nocite", Dialect::Pandoc),
    ("csl", Dialect::Pandoc),
    ("citation", Dialect::Pandoc),
    ("linkcitations", Dialect::Pandoc),
    ("editor", Dialect::Pandoc),
    ("execute", Dialect::Pandoc),
    ("jupyter", Dialect::Pandoc),
    ("knitr", Dialect::Pandoc),
    ("engine", Dialect::Pandoc),
    ("filters", Dialect::Pandoc),
    ("from", Dialect::Pandoc),
    ("chalkboard", Dialect::Pandoc),
    ("multiplex", Dialect::Pandoc),
    ("slidetone", Dialect::Pandoc),
    ("toc", Dialect::Pandoc),
    ("toctitle", Dialect::Pandoc),
    ("tocdepth", Dialect::Pandoc),
    ("selfcontained", Dialect::Pandoc),
    ("embedresources", Dialect::Pandoc),
    ("revealjsplugins", Dialect::Pandoc),
    ("menu", Dialect::Pandoc),
    ("previewlinks", Dialect::Pandoc),
    ("highlightstyle", Dialect::Pandoc),
    ("codelinenumbers", Dialect::Pandoc),
    ("codecopy", Dialect::Pandoc),
    ("codefold", Dialect::Pandoc),
    ("figwidth", Dialect::Pandoc),
    ("figheight", Dialect::Pandoc),
    ("figalign", Dialect::Pandoc),
    ("figcap", Dialect::Pandoc),
    ("categories", Dialect::Pandoc),
    ("license", Dialect::Pandoc),
    ("copyright", Dialect::Pandoc),
    ("titleslideattributes", Dialect::Pandoc),
    ("aspectratio", Dialect::Pandoc),
    ("classoption", Dialect::Pandoc),
    ("headerincludes", Dialect::Pandoc),
    ("includeinheader", Dialect::Pandoc),
    ("mainfont", Dialect::Pandoc),
    ("sansfont", Dialect::Pandoc),
    ("monofont", Dialect::Pandoc),
    ("params", Dialect::Pandoc),
    ("documentclass", Dialect::Pandoc),
    ("fontsize", Dialect::Pandoc),
    ("linkcolor", Dialect::Pandoc),
    ("urlcolor", Dialect::Pandoc),
    ("referencedoc", Dialect::Pandoc),
    ("pdfengine", Dialect::Pandoc),
    ("navigation", Dialect::Pandoc),
    ("colortheme", Dialect::Pandoc),
    ("fonttheme", Dialect::Pandoc),
    ("logo", Dialect::Pandoc),
    ("smaller", Dialect::Pandoc),
    ("scrollable", Dialect::Pandoc),
    ("number", Dialect::Pandoc),
    ("numbersections", Dialect::Pandoc),
    ("outputfile", Dialect::Pandoc),
    ("resources", Dialect::Pandoc),
    ("draft", Dialect::Pandoc),
    ("pagetitle", Dialect::Pandoc),
    ("titleprefix", Dialect::Pandoc),
    ("authormeta", Dialect::Pandoc),
    ("datemeta", Dialect::Pandoc),
    ("datemodified", Dialect::Pandoc),
    ("dateformat", Dialect::Pandoc),
    ("runtime", Dialect::Pandoc),
    ("knit", Dialect::Pandoc),
    // presenterm
    ("event", Dialect::Presenterm),
    ("location", Dialect::Presenterm),
];

/// Keys whose presence names the dialect (`marp: true`, Slidev's `layout:`, Quarto's `format:`).
fn dialect_of_key(key: &str) -> Option<Dialect> {
    Some(match key {
        "marp" | "headingdivider" => Dialect::Marp,
        "layout" | "highlighter" | "drawings" | "mdc" | "comark" | "info" | "colorschema"
        | "themeconfig" | "canvaswidth" | "monaco" | "twoslash" | "titletemplate"
        | "exportfilename" => Dialect::Slidev,
        "separator" | "verticalseparator" | "notesseparator" | "revealoptions"
        | "highlighttheme" => Dialect::Reveal,
        "format" | "output" | "jupyter" | "knitr" | "execute" | "nocite" | "bibliography"
        | "incremental" | "institute" | "slidenumber" => Dialect::Pandoc,
        "options" | "event" | "location" | "authors" => Dialect::Presenterm,
        _ => return None,
    })
}

/// The deck-wide directives the front matter may set (Marp's global directives).
#[derive(Debug, Default, Clone)]
pub struct GlobalDirectives {
    pub paginate: Option<bool>,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub class: Option<String>,
}

/// How another tool cuts a deck into slides, from its front matter.
#[derive(Debug, Default, Clone)]
pub struct Cutting {
    /// `--dialect` or `dialect:`.
    pub named: Option<Dialect>,
    /// The dialect the front matter's keys show.
    pub keys: Option<Dialect>,
    /// Marp's `headingDivider`: headings of these levels start a slide.
    pub heading_divider: Vec<u8>,
    /// reveal-md's `separator` and `verticalSeparator` and `notesSeparator`.
    pub separator: Option<Separator>,
    pub vertical_separator: Option<Separator>,
    pub notes_separator: Option<String>,
    /// Pandoc's and Quarto's `incremental: true` (or presenterm's `incremental_lists`): list
    /// items appear one at a time.
    pub incremental: bool,
    /// Slidev's head matter `layout:` applies to the first slide.
    pub first_layout: Option<(String, usize)>,
    /// presenterm's `end_slide_shorthand`: `---` ends a slide as `<!-- end_slide -->` does.
    pub end_slide_shorthand: bool,
}

/// A slide separator of reveal.js or reveal-md.
#[derive(Debug, Clone, PartialEq)]
pub enum Separator {
    /// `^\n\n\n`: this many blank lines in a row.
    BlankLines(usize),
    /// `^---$`, `##==##`: a line holding exactly this.
    Line(String),
}

impl Separator {
    /// Reads reveal's separator regular expressions in the forms decks write them.
    pub fn from_pattern(p: &str) -> Option<Separator> {
        // Written in double quotes, YAML turns `\n` into a line break: read both spellings.
        let mut s = p
            .trim()
            .replace("\r?", "")
            .replace('\r', "")
            .replace('\n', "\\n");
        for noise in ["(\\r\\n?|\\n)", "\\r?\\n", "\\r\\n", "\\r?"] {
            s = s.replace(noise, "\\n");
        }
        let s = s.trim_start_matches('^').trim_end_matches('$');
        let newlines = s.matches("\\n").count();
        let rest = s.replace("\\n", "");
        if rest.is_empty() {
            return (newlines >= 2).then_some(Separator::BlankLines(newlines));
        }
        let literal = !rest.contains(['\\', '(', ')', '[', ']', '*', '+', '?', '|', '{']);
        literal.then_some(Separator::Line(rest))
    }
}

pub struct FrontMatter {
    pub meta: Meta,
    pub globals: GlobalDirectives,
    pub cutting: Cutting,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Whether the file had a front matter block at all (the title then may come from `#`).
    pub present: bool,
    /// Lines written above the front matter: read as the deck's first content.
    pub preamble: Option<std::ops::Range<usize>>,
}

/// Where the front matter block stands: (offset of its first line, of its YAML, of its closing
/// line, of the body), or `None` when the deck has none.
fn locate(text: &str, start: usize) -> Result<Option<(usize, usize, usize, usize)>, usize> {
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() == "---" {
        return match closing(text, start + first_line_end) {
            Some((close, body)) => Ok(Some((start, start + first_line_end, close, body))),
            None => Err(start),
        };
    }
    // A stray line or two above the front matter: look a few lines down for a `---` line opening
    // a block of `key: value` lines that closes.
    let mut offset = start;
    let mut text_lines = 0;
    for line in rest.split_inclusive('\n').take(8) {
        let t = line.trim();
        if t == "---" {
            if text_lines == 0 {
                return Ok(None);
            }
            let yaml_start = offset + line.len();
            let Some((close, body)) = closing(text, yaml_start) else {
                return Ok(None);
            };
            let yaml = &text[yaml_start..close];
            let yaml_like = yaml.lines().any(|l| top_key(l).is_some())
                && yaml.lines().all(|l| {
                    l.trim().is_empty()
                        || l.starts_with([' ', '\t', '#', '-'])
                        || top_key(l).is_some()
                });
            let known = yaml.lines().filter_map(top_key).any(|k| {
                let n = normalise_key(k);
                KEYS.iter().any(|d| normalise_key(d) == n)
                    || FOREIGN.iter().any(|(f, _)| *f == n)
                    || dialect_of_key(&n).is_some()
            });
            return Ok((yaml_like && known).then_some((offset, yaml_start, close, body)));
        }
        if !t.is_empty() {
            text_lines += 1;
        }
        offset += line.len();
    }
    Ok(None)
}

/// The closing `---` (or `...`) line after `from`: (its offset, the offset after it).
fn closing(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut offset = from;
    for line in text[from..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// `key` of a top-level `key: value` line.
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then_some(key)
}

/// `slide-level`, `slide_level` and `slideLevel` are one key.
fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits off and reads the front matter. `start` skips a byte-order mark. Problems that leave a
/// deck to build go to `diags`; `Err` is for a block that cannot be read at all.
pub fn parse(
    src: &SourceFile,
    start: usize,
    diags: &mut Diagnostics,
) -> Result<FrontMatter, Diagnostic> {
    let absent = |body_start| FrontMatter {
        meta: defaults(),
        globals: GlobalDirectives::default(),
        cutting: Cutting::default(),
        body_start,
        present: false,
        preamble: None,
    };
    let (block_start, yaml_start, yaml_end, body_start) = match locate(&src.text, start) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(absent(start)),
        Err(at) => {
            return Err(Diagnostic::error("front matter is not closed")
                .at(src.location(at, at + 3))
                .with_hint("end the front matter with a line holding only `---`"))
        }
    };
    let preamble = (block_start > start).then_some(start..block_start);
    if preamble.is_some() {
        let line = src.line_of(block_start);
        diags.push(
            Diagnostic::warning("text above the front matter: the front matter is read all the same, and the text is the deck's first content")
                .rule(Rule::BeforeFrontMatter)
                .at(src.location_at(line, 1, 3))
                .with_hint("move the front matter to the very top of the file: its first line must be `---`"),
        );
    }
    let yaml = &src.text[yaml_start..yaml_end];
    let yaml_first_line = src.line_of(yaml_start);
    let mapping = if yaml.trim().is_empty() {
        serde_norway::Mapping::new()
    } else {
        match serde_norway::from_str::<Value>(yaml) {
            Ok(Value::Mapping(m)) => m,
            Ok(Value::Null) => serde_norway::Mapping::new(),
            Ok(_) => {
                return Err(Diagnostic::error(
                    "front matter: this is not a list of `key: value` lines",
                )
                .at(src.location_at(yaml_first_line, 1, 1))
                .with_hint("write one `key: value` per line between the two `---` lines"))
            }
            Err(e) => return Err(yaml_error(src, yaml_first_line, yaml, &e)),
        }
    };
    let mut fm = FrontMatter {
        body_start,
        present: true,
        preamble,
        ..absent(body_start)
    };
    let reader = Reader {
        src,
        yaml,
        first_line: yaml_first_line,
    };
    for (key, value) in &mapping {
        let Some(key) = key.as_str() else {
            diags.push(
                Diagnostic::warning("front matter: a key that is not a word, left out")
                    .rule(Rule::FrontMatter)
                    .at(src.location_at(yaml_first_line, 1, 1))
                    .with_hint("write `key: value`"),
            );
            continue;
        };
        reader.entry(key, value, &mut fm, diags)?;
    }
    Ok(fm)
}

/// Reads the front matter's entries, with the block's text to point at them.
struct Reader<'a> {
    src: &'a SourceFile,
    yaml: &'a str,
    first_line: usize,
}

impl Reader<'_> {
    /// The line of a top-level key.
    fn line_of(&self, key: &str) -> usize {
        self.yaml
            .lines()
            .position(|l| top_key(l) == Some(key))
            .map_or(self.first_line, |i| self.first_line + i)
    }

    fn key_location(&self, key: &str) -> Location {
        self.src
            .location_at(self.line_of(key), 1, key.chars().count())
    }

    fn value_location(&self, key: &str) -> Location {
        value_location_at(self.src, self.line_of(key))
    }

    /// A value diapo cannot use: a warning, and the key is left as if it were not there.
    fn unreadable(&self, key: &str, expected: &str, value: &Value, hint: &str) -> Diagnostic {
        let shown = shown(value);
        Diagnostic::warning(format!(
            "front matter: `{key}` must be {expected}, not `{shown}`: left out"
        ))
        .rule(Rule::FrontMatter)
        .at(self.value_location(key))
        .with_hint(hint.to_string())
    }

    fn entry(
        &self,
        key: &str,
        value: &Value,
        fm: &mut FrontMatter,
        diags: &mut Diagnostics,
    ) -> Result<(), Diagnostic> {
        let n = normalise_key(key);
        // One-line values are repeated (the footer on every slide): a page of text there is a
        // mistake, and one of the hostile-input limits.
        if let Some(text) = value.as_str() {
            let chars = text.chars().count();
            if chars > crate::limits::MAX_LINE_CHARS
                && !matches!(n.as_str(), "info" | "abstract" | "description")
            {
                return Err(Diagnostic::error(format!(
                    "front matter: `{key}` holds {chars} characters, more than {} allowed",
                    crate::limits::MAX_LINE_CHARS
                ))
                .at(self.value_location(key))
                .with_hint("keep it to one short line"));
            }
        }
        let text_or_warn = |what: &str, diags: &mut Diagnostics| -> Option<String> {
            match text_of(value) {
                Some(t) => Some(t),
                None => {
                    diags.push(self.unreadable(
                        key,
                        what,
                        value,
                        "put the text in quotes if it holds special characters: `key: \"…\"`",
                    ));
                    None
                }
            }
        };
        let keys_dialect = |fm: &mut FrontMatter| {
            if fm.cutting.keys.is_none() {
                fm.cutting.keys = dialect_of_key(&n);
            }
        };
        match n.as_str() {
            "title" => {
                if let Some(t) = text_or_warn("text on one line", diags) {
                    fm.meta.title = plain_inline(&t);
                }
            }
            "subtitle" => {
                fm.meta.subtitle = text_or_warn("text on one line", diags).map(|t| plain_inline(&t))
            }
            "author" | "authors" => {
                keys_dialect(fm);
                fm.meta.author = text_or_warn("a name, or a list of names", diags).map(|t| plain_inline(&t))
            }
            "audience" => fm.meta.audience = text_or_warn("text on one line", diags),
            "contact" => fm.meta.contact = text_or_warn("text on one line", diags),
            "brand" => fm.meta.brand = text_or_warn("a brand's name", diags),
            "header" => fm.globals.header = text_or_warn("text on one line", diags).map(|t| plain_inline(&t)),
            "footer" => fm.globals.footer = text_or_warn("text on one line", diags).map(|t| plain_inline(&t)),
            "class" => {
                fm.globals.class =
                    text_or_warn("class names", diags).map(|c| c.replace(',', " "))
            }
            "date" => {
                if let Some(t) = text_or_warn("a date", diags) {
                    let lower = t.trim().to_ascii_lowercase();
                    if matches!(lower.as_str(), "today" | "now" | "last-modified") {
                        diags.push(
                            Diagnostic::info(format!("front matter: `date: {t}` depends on the day of the build; diapo's outputs do not (the same deck gives the same files): left out"))
                                .rule(Rule::ForeignIgnored)
                                .at(self.value_location(key))
                                .with_hint("write the session's date: `date: 2026-11-22`"),
                        );
                    } else {
                        fm.meta.date = Some(t);
                    }
                }
            }
            "lang" => {
                if let Some(t) = text_or_warn("a language", diags) {
                    let lower = t.trim().to_lowercase();
                    let base = lower.split(['-', '_']).next().unwrap_or("");
                    match base {
                        "fr" | "français" | "francais" | "french" => fm.meta.lang = Lang::Fr,
                        "en" | "english" => fm.meta.lang = Lang::En,
                        _ => diags.push(
                            Diagnostic::warning(format!("unsupported language `{}`: the deck's own words are in French", t.trim()))
                                .rule(Rule::FrontMatter)
                                .at(self.value_location(key))
                                .with_hint("use `fr` (the default) or `en`"),
                        ),
                    }
                }
            }
            "duration" => {
                let text = text_of(value).unwrap_or_default();
                match parse_duration(&text) {
                    Some(m) => fm.meta.duration_minutes = Some(m),
                    None => diags.push(
                        Diagnostic::warning(format!("cannot read the duration `{}`: left out", shown(value)))
                            .rule(Rule::FrontMatter)
                            .at(self.value_location(key))
                            .with_hint("write minutes like `30min`, `45 min`, `1h30` or `90`"),
                    ),
                }
            }
            "theme" => {
                // presenterm writes `theme: { name: dark }`.
                let name = match value {
                    Value::Mapping(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
                    v => text_of(v),
                };
                match name {
                    Some(t) => fm.meta.theme = t.trim().to_string(),
                    None => diags.push(self.unreadable(key, "a theme's name", value, "`theme: etat`, `sobre` or `sombre`")),
                }
            }
            "slidelevel" => {
                match value.as_u64() {
                    Some(l @ 1..=6) => fm.meta.slide_level = l as u8,
                    _ => diags.push(
                        self.unreadable(key, "a whole number from 1 to 6", value, "`3` (the default) makes every `###` heading a slide"),
                    ),
                }
            }
            "paginate" | "slidenumber" => {
                keys_dialect(fm);
                match value {
                    Value::Bool(b) => fm.globals.paginate = Some(*b),
                    // Quarto's `slide-number: c/t` and the like: numbers shown.
                    Value::String(s) if n == "slidenumber" => {
                        fm.globals.paginate = Some(!matches!(s.as_str(), "false" | "none"))
                    }
                    _ => diags.push(self.unreadable(key, "true or false", value, "write `paginate: true` or `paginate: false`")),
                }
            }
            "dialect" => match text_of(value).as_deref().and_then(Dialect::from_name) {
                Some(d) => fm.cutting.named = Some(d),
                None => diags.push(self.unreadable(
                    key,
                    "a dialect",
                    value,
                    "dialects are diapo, marp, slidev, reveal, pandoc (Quarto, R Markdown) and presenterm",
                )),
            },
            "marp" => keys_dialect(fm),
            "headingdivider" => {
                keys_dialect(fm);
                let levels: Option<Vec<u8>> = match value {
                    Value::Number(_) => value.as_u64().filter(|l| (1..=6).contains(l)).map(|l| (1..=l as u8).collect()),
                    Value::Sequence(s) => s.iter().map(|v| v.as_u64().filter(|l| (1..=6).contains(l)).map(|l| l as u8)).collect(),
                    _ => None,
                };
                match levels {
                    Some(l) => fm.cutting.heading_divider = l,
                    None => diags.push(self.unreadable(key, "a heading level (1 to 6) or a list of levels", value, "`headingDivider: 2` starts a slide at every `#` and `##` heading")),
                }
            }
            "layout" => {
                keys_dialect(fm);
                if let Some(t) = text_or_warn("a layout's name", diags) {
                    fm.cutting.first_layout = Some((t, self.line_of(key)));
                }
            }
            "separator" | "verticalseparator" | "notesseparator" => {
                keys_dialect(fm);
                let pattern = text_of(value).unwrap_or_default();
                if n == "notesseparator" {
                    fm.cutting.notes_separator = Some(pattern.trim_start_matches('^').trim_end_matches('$').to_string());
                    return Ok(());
                }
                match Separator::from_pattern(&pattern) {
                    Some(s) if n == "separator" => fm.cutting.separator = Some(s),
                    Some(s) => fm.cutting.vertical_separator = Some(s),
                    None => diags.push(self.unreadable(key, "a separator diapo can read (a line such as `---` or `##==##`, or blank lines `^\\n\\n\\n`)", value, "diapo reads separators that are one literal line or a number of blank lines")),
                }
            }
            "incremental" => {
                keys_dialect(fm);
                fm.cutting.incremental = value.as_bool().unwrap_or(false);
            }
            "format" | "output" => {
                keys_dialect(fm);
                // Quarto nests options under the format: `format: revealjs: incremental: true`.
                if let Value::Mapping(formats) = value {
                    for (_, options) in formats {
                        if let Some(inc) = options.get("incremental").and_then(Value::as_bool) {
                            fm.cutting.incremental = inc;
                        }
                        if let Some(l) = options.get("slide-level").and_then(Value::as_u64).filter(|l| (1..=6).contains(l)) {
                            fm.meta.slide_level = l as u8;
                        }
                    }
                }
            }
            "options" => {
                keys_dialect(fm);
                if let Value::Mapping(options) = value {
                    if options.get("incremental_lists").and_then(Value::as_bool) == Some(true) {
                        fm.cutting.incremental = true;
                    }
                    if options.get("end_slide_shorthand").and_then(Value::as_bool) == Some(true) {
                        fm.cutting.end_slide_shorthand = true;
                    }
                }
            }
            _ => {
                if n == "style" {
                    // A stylesheet the author wrote for Marp: what it changed is lost, say so.
                    keys_dialect(fm);
                    diags.push(
                        Diagnostic::warning(format!(
                            "front matter: `{key}` holds CSS for Marp, left out: diapo's themes set the look of every output"
                        ))
                        .rule(Rule::Foreign)
                        .at(self.key_location(key))
                        .with_hint("choose a theme (`theme: etat`, `sobre`, `sombre`) or a brand"),
                    );
                    return Ok(());
                }
                if let Some((_, tool)) = FOREIGN.iter().find(|(f, _)| *f == n) {
                    keys_dialect(fm);
                    if fm.cutting.keys.is_none() && dialect_of_key(&n).is_none() {
                        // A key several tools share says nothing about the dialect.
                    }
                    diags.push(
                        Diagnostic::info(format!(
                            "front matter: `{key}` is {}'s and has no meaning in diapo: left out",
                            tool.tool()
                        ))
                        .rule(Rule::ForeignKey)
                        .at(self.key_location(key)),
                    );
                    return Ok(());
                }
                let mut d = Diagnostic::warning(format!("front matter: unknown key `{key}`: left out"))
                    .rule(Rule::UnknownKey)
                    .at(self.key_location(key));
                d = match did_you_mean(key, KEYS.iter().copied()) {
                    Some(k) => d.with_hint(format!("did you mean `{k}`?")),
                    None => d.with_hint(format!("known keys: {}", KEYS.join(", "))),
                };
                diags.push(d);
            }
        }
        Ok(())
    }
}

/// A value as text: a string, a number, a list of names (Quarto's `author:` list, with or without
/// `name:` fields).
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim_end_matches('\n').to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Mapping(m) => m.get("name").and_then(text_of),
        Value::Sequence(items) => {
            let names: Option<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Value::Sequence(_) => None,
                    v => text_of(v),
                })
                .collect();
            names.filter(|n| !n.is_empty()).map(|n| n.join(", "))
        }
        _ => None,
    }
}

/// A value as the trainer wrote it, cut for a message.
fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        v => serde_norway::to_string(v)
            .unwrap_or_default()
            .trim()
            .replace('\n', " "),
    };
    if text.chars().count() > 60 {
        text.chars().take(60).chain(['…']).collect()
    } else {
        text
    }
}

/// The text of one line of inline Markdown, as the title slide and footers show it: emphasis
/// marks, links, Pandoc spans (`[text]{.orange}`), raw HTML and shortcodes go, their text stays.
pub fn plain_inline(text: &str) -> String {
    let cleaned = super::dialect::rewrite::strip_spans(text);
    let mut out = String::new();
    let parser = pulldown_cmark::Parser::new_ext(&cleaned, super::markdown::options());
    // Inside an element removed with its content (`<script>`): its name.
    let mut skip: Option<String> = None;
    // Inside an image (a logo in Marp's `header:`): its alt text is not the line's text.
    let mut image = 0;
    for event in parser {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { .. }) => image += 1,
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Image) => image -= 1,
            pulldown_cmark::Event::Text(_) | pulldown_cmark::Event::Code(_)
                if skip.is_some() || image > 0 => {}
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => out.push(' '),
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => out.push(' '),
            // Raw HTML is read by the same allow-list as on slides: tags go, the text of the
            // ones that show text stays, scripts and the like go with their content.
            pulldown_cmark::Event::InlineHtml(h) | pulldown_cmark::Event::Html(h) => {
                for piece in super::html::pieces(&h) {
                    match piece {
                        super::html::Piece::Start {
                            name, self_closing, ..
                        } if skip.is_none()
                            && super::html::meaning(&name) == super::html::Meaning::Removed
                            && !self_closing
                            && !super::html::is_void(&name) =>
                        {
                            skip = Some(name);
                        }
                        super::html::Piece::End { name }
                            if skip.as_deref() == Some(name.as_str()) =>
                        {
                            skip = None;
                        }
                        super::html::Piece::Text(t) if skip.is_none() => out.push_str(&t),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn defaults() -> Meta {
    Meta {
        theme: crate::model::DEFAULT_THEME.to_string(),
        slide_level: 3,
        ..Meta::default()
    }
}
/// `30min`, `30 min`, `30 minutes`, `1h30`, `1 h`, `90` → minutes.
/// The value after `key:` on a line, for a caret under it.
fn value_location_at(src: &SourceFile, line: usize) -> Location {
    let text = src.line_text(line);
    let after = text.find(':').map(|c| c + 1).unwrap_or(0);
    // A YAML comment after the value (`duration: 30min  # …`) is not part of it.
    let end = text[after..].find(" #").map_or(text.len(), |i| after + i);
    let value = text[after..end].trim();
    let start = after + (text[after..].len() - text[after..].trim_start().len());
    src.location_at(
        line,
        text[..start].chars().count() + 1,
        value.chars().count(),
    )
}

/// Where the front matter sets `key` (its value), for later stages that point at it (an unknown
/// theme, a deck over its `duration`); `None` when the front matter does not set it.
pub fn value_location_of(src: &SourceFile, key: &str) -> Option<Location> {
    let text = src.original_text().trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let prefix = format!("{key}:");
    let i = lines
        .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
        .position(|l| l.trim_start().starts_with(&prefix))?;
    Some(value_location_at(src, i + 2))
}

pub fn parse_duration(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase().replace(' ', "");
    if let Ok(n) = t.parse::<u32>() {
        return Some(n).filter(|n| *n > 0 && *n <= 24 * 60);
    }
    let minutes = if let Some((h, m)) = t.split_once('h') {
        let h: u32 = h.parse().ok()?;
        let m = m.trim_end_matches("min").trim_end_matches('m');
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        (m < 60).then_some(h * 60 + m)?
    } else {
        let n = t
            .trim_end_matches("minutes")
            .trim_end_matches("minute")
            .trim_end_matches("min")
            .trim_end_matches("mn");
        let n = n.strip_suffix('m').unwrap_or(n);
        n.parse().ok()?
    };
    Some(minutes).filter(|n| *n > 0 && *n <= 24 * 60)
}

fn yaml_error(
    src: &SourceFile,
    first_line: usize,
    yaml: &str,
    e: &serde_norway::Error,
) -> Diagnostic {
    let message = e.to_string();
    // serde's messages end with " at line L column C": the location is printed separately.
    let clean = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.clone(),
    };
    let (line, col) = e
        .location()
        .map(|l| (first_line + l.line() - 1, l.column()))
        .unwrap_or((first_line, 1));
    // A key written twice: point at the second one.
    if let Some(key) = clean
        .strip_prefix("duplicate entry with key \"")
        .and_then(|s| s.split('"').next())
    {
        let second = yaml
            .lines()
            .enumerate()
            .filter(|(_, l)| top_key(l) == Some(key))
            .nth(1);
        if let Some((i, _)) = second {
            return Diagnostic::error(format!("front matter: `{key}` is written twice"))
                .at(src.location_at(first_line + i, 1, key.chars().count()))
                .with_hint("keep one of the two lines");
        }
    }
    let (message, hint) = match clean.as_str() {
        "repetition limit exceeded" => (
            "front matter: its aliases (`&a`, `*a`) repeat values too many times".to_string(),
            "write the values out: a front matter holds a few `key: value` lines",
        ),
        "recursion limit exceeded" => (
            "front matter: values nested too deep".to_string(),
            "a front matter holds a few `key: value` lines",
        ),
        _ => (
            format!("front matter: {clean}"),
            "check the YAML syntax between the two `---` lines",
        ),
    };
    Diagnostic::error(message)
        .at(src.location_at(line, col, 1))
        .with_hint(hint)
}
#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30min"), Some(30));
        assert_eq!(parse_duration("30 min"), Some(30));
        assert_eq!(parse_duration("45 minutes"), Some(45));
        assert_eq!(parse_duration("1h30"), Some(90));
        assert_eq!(parse_duration("1h"), Some(60));
        assert_eq!(parse_duration("90"), Some(90));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("0"), None);
    }
}
