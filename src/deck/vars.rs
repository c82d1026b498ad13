//! Deck variables: `{{brand.name}}`, `{{brand.short}}`, `{{vars.x}}` and `{{#if brand.x}}…{{/if}}`
//! blocks, rendered with handlebars in strict mode before the Markdown is parsed, so one deck can
//! be built for one ministry or another. Fenced code blocks and `inline code` are left as written,
//! and `\{{` writes `{{` as text.
//!
//! The rendered text keeps a map back to the file as written ([`Piece`]s in the returned
//! [`SourceFile`]), so every later diagnostic points at the deck's own `line:col`. To get that map
//! out of handlebars, the template it renders holds no deck text at all: each stretch of text is a
//! numbered marker (a Unicode noncharacter, never in a deck) that the output is read back from, and
//! each tag sits on a template line of its own, so a handlebars error names the tag by its line.
//! An unknown variable, or one the chosen brand does not set, is an error at its tag — never an
//! empty string.

use crate::diagnostic::{did_you_mean, Diagnostic, Piece, SourceFile};
use crate::limits::{MAX_BLOCK_DEPTH, MAX_EXPANDED_BYTES, MAX_TAGS};
use handlebars::{Handlebars, RenderErrorReason};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

/// The fields of a brand a deck can use, as `{{brand.<field>}}`.
pub const BRAND_FIELDS: &[&str] = &[
    "id",
    "name",
    "short",
    "description",
    "footer",
    "contact",
    "url",
];

/// What the deck's variables are rendered with.
#[derive(Debug, Clone, Default)]
pub struct Variables {
    /// The brand chosen with `--brand` or the front matter's `brand:`; none for a plain build.
    pub brand: Option<BrandVariables>,
}

#[derive(Debug, Clone)]
pub struct BrandVariables {
    pub id: String,
    /// The brand file, named in hints ("add it to …").
    pub file: PathBuf,
    /// The brand's fields that are set (a field left out of the file is missing, not empty).
    pub fields: BTreeMap<&'static str, String>,
    /// `[vars]`: free variables, `{{vars.x}}`.
    pub vars: Map<String, Value>,
}

// Markers: a stretch of deck text (`TEXT n END`), the start of a tag's value (`VALUE n END`), and
// the separator that puts each template token on a line of its own.
const TEXT: char = '\u{fdd0}';
const END: char = '\u{fdd1}';
const SEP: char = '\u{fdd2}';
const VALUE: char = '\u{fdd3}';

/// Expands the deck's variables. A deck without `{{` is returned as it is.
pub fn expand(src: SourceFile, vars: &Variables) -> Result<SourceFile, Diagnostic> {
    if !src.text.contains("{{") {
        return Ok(src);
    }
    let tokens = lex(&src)?;
    check_names(&src, &tokens, vars)?;
    let (template, texts) = template(&src.text, &tokens);
    let data = data(vars);
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    // Values are Markdown, not HTML: the HTML renderer escapes what must be escaped.
    hb.register_escape_fn(handlebars::no_escape);
    let tag_of_line = |line: Option<usize>| -> Option<&Tag> {
        let index = line?.checked_sub(2)?;
        match tokens.get(index)? {
            Token::Tag(t) => Some(t),
            Token::Text(_) => None,
        }
    };
    if let Err(e) = hb.register_template_string("deck", &template) {
        let tag = tag_of_line(e.pos().map(|(l, _)| l));
        let d = Diagnostic::error(format!("cannot read this template tag: {}", e.reason()))
            .with_hint("to write `{{` as text, put it in `code` or write `\\{{`");
        return Err(match tag {
            Some(t) => d.at(src.location(t.range.start, t.range.end)),
            None => d.at_path(&src.path),
        });
    }
    let mut output = Capped::default();
    let rendered = hb.render_to_write("deck", &data, &mut output);
    if output.over {
        return Err(too_large(&src.path));
    }
    rendered.map_err(|e| {
        let tag = tag_of_line(e.line_no);
        match (e.reason(), tag) {
            (RenderErrorReason::MissingVariable(path), Some(tag)) => {
                missing(&src, tag, path.as_deref(), vars)
            }
            (reason, Some(tag)) => {
                Diagnostic::error(format!("cannot render this template tag: {reason}"))
                    .at(src.location(tag.range.start, tag.range.end))
            }
            (reason, None) => {
                Diagnostic::error(format!("cannot render the deck's variables: {reason}"))
                    .at_path(&src.path)
            }
        }
    })?;
    // Only what the template wrote: markers, separators and values, all valid UTF-8.
    let output = String::from_utf8(output.bytes).map_err(|_| too_large(&src.path))?;
    read_back(src, &output, &tokens, &texts)
}

/// The error for a deck whose variables expand past [`MAX_EXPANDED_BYTES`].
fn too_large(path: &std::path::Path) -> Diagnostic {
    Diagnostic::error(format!(
        "the deck's variables expand to more than {}",
        crate::limits::megabytes(MAX_EXPANDED_BYTES as u64)
    ))
    .at_path(path)
    .with_hint(
        "an `{{#each}}` repeats everything inside it, nested ones multiply: keep blocks flat",
    )
}

/// The template engine's output, refused past [`MAX_EXPANDED_BYTES`]: the engine stops at the
/// first write that fails.
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_EXPANDED_BYTES {
            self.over = true;
            return Err(std::io::Error::other("the expanded deck is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The brand the front matter names (`brand: justice`), read before the front matter is parsed
/// (the rest of it may use the brand's variables), with where its value stands.
pub fn declared_brand(src: &SourceFile) -> Option<(String, crate::diagnostic::Location)> {
    let at = super::frontmatter::value_location_of(src, "brand")?;
    let written: String = src
        .line_text(at.line)
        .chars()
        .skip(at.col - 1)
        .take(at.len)
        .collect();
    let value = written.trim_matches(|c| c == '"' || c == '\'').trim();
    if value.is_empty() {
        return None;
    }
    let before = written
        .find(value)
        .map_or(0, |i| written[..i].chars().count());
    let at = src.location_at(at.line, at.col + before, value.chars().count());
    Some((value.to_string(), at))
}

#[derive(Debug)]
enum Token {
    /// Deck text copied as written (code included).
    Text(Range<usize>),
    Tag(Tag),
}

#[derive(Debug)]
struct Tag {
    /// The tag, `{{` to `}}`.
    range: Range<usize>,
    /// The variable or block argument, for carets.
    path_range: Range<usize>,
    kind: Kind,
    /// Inside an `{{#each}}` or `{{#with}}` block, where names are relative to the item.
    nested_context: bool,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Value(String),
    Open {
        helper: String,
        arg: String,
    },
    /// `{{else}}`, or `{{else if x}}` with its test.
    Else(Option<(String, String)>),
    Close(String),
    Comment,
}

const BLOCKS: &[&str] = &["if", "unless", "each", "with"];

fn lex(src: &SourceFile) -> Result<Vec<Token>, Diagnostic> {
    let text = src.text.as_str();
    let code = code_ranges(text);
    let mut tags: Vec<Tag> = Vec::new();
    // Bytes the output leaves out: tags (with their line when they stand alone on it), the
    // backslash of `\{{`, whitespace trimmed by `~`.
    let mut skipped: Vec<Range<usize>> = Vec::new();
    let mut stack: Vec<(String, Range<usize>)> = Vec::new();
    let mut code_iter = code.iter().peekable();
    let mut i = 0;
    // The end of the line of the last tag: the next tags of a long line reuse it.
    let mut line_end = 0;
    while let Some(found) = text[i..].find("{{") {
        let start = i + found;
        while code_iter.peek().is_some_and(|r| r.end <= start) {
            code_iter.next();
        }
        if let Some(r) = code_iter.peek().filter(|r| r.start <= start) {
            i = r.end;
            continue;
        }
        // Quarto's and Hugo's shortcodes (`{{< meta title >}}`, `{{% … %}}`) are not diapo's
        // variables: they are left as written for the dialect stage.
        if text[start..].starts_with("{{<") || text[start..].starts_with("{{%") {
            i = start + 3;
            continue;
        }
        if start > 0 && text.as_bytes()[start - 1] == b'\\' {
            skipped.push(start - 1..start);
            i = start + 2;
            continue;
        }
        let (close, inner_start) = if text[start..].starts_with("{{!--") {
            ("--}}", start + 5)
        } else if text[start..].starts_with("{{{") {
            ("}}}", start + 3)
        } else {
            ("}}", start + 2)
        };
        if tags.len() == MAX_TAGS {
            return Err(Diagnostic::error(format!(
                "the deck holds more than {MAX_TAGS} template tags"
            ))
            .at(src.location(start, start + 2))
            .with_hint("to write `{{` as text, put it in `code` or write `\\{{`"));
        }
        // Tags stay on their line; only comments may run over several.
        if start >= line_end {
            line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        }
        let limit = if close == "--}}" {
            text.len()
        } else {
            line_end
        };
        let Some(end) = text[inner_start..limit]
            .find(close)
            .map(|e| inner_start + e)
        else {
            return Err(Diagnostic::error("this `{{` is never closed")
                .at(src.location(start, start + 2))
                .with_hint("close the variable with `}}`, or write `\\{{` to show `{{` as text"));
        };
        let range = start..end + close.len();
        let raw_inner = &text[inner_start..end];
        let trim_before = raw_inner.starts_with('~');
        let trim_after = raw_inner.ends_with('~');
        let inner = raw_inner.trim_start_matches('~').trim_end_matches('~');
        let lead = raw_inner.len() - raw_inner.trim_start_matches('~').trim_start().len();
        let body = inner.trim();
        let path_range = inner_start + lead..inner_start + lead + body.len();
        let kind = classify(src, body, &path_range, &range)?;
        let nested_context = stack.iter().any(|(h, _)| h == "each" || h == "with");
        match &kind {
            Kind::Open { .. } if stack.len() == MAX_BLOCK_DEPTH => {
                return Err(Diagnostic::error(format!(
                    "template blocks are nested more than {MAX_BLOCK_DEPTH} deep"
                ))
                .at(src.location(range.start, range.end))
                .with_hint("close a block before opening another one"))
            }
            Kind::Open { helper, .. } => stack.push((helper.clone(), range.clone())),
            Kind::Close(name) => match stack.pop() {
                Some((open, _)) if &open == name => {}
                Some((open, _)) => {
                    return Err(Diagnostic::error(format!(
                        "`{{{{/{name}}}}}` closes a `{{{{#{open}}}}}` block"
                    ))
                    .at(src.location(range.start, range.end))
                    .with_hint(format!("close it with `{{{{/{open}}}}}`")))
                }
                None => {
                    return Err(Diagnostic::error(format!(
                        "`{{{{/{name}}}}}` closes a block that was never opened"
                    ))
                    .at(src.location(range.start, range.end))
                    .with_hint(format!(
                        "open it first with `{{{{#{name} …}}}}`, or remove this line"
                    )))
                }
            },
            Kind::Else(_) if stack.is_empty() => {
                return Err(Diagnostic::error("`{{else}}` outside an `{{#if}}` block")
                    .at(src.location(range.start, range.end)))
            }
            _ => {}
        }
        if trim_before {
            let before = text[..start].trim_end_matches(char::is_whitespace).len();
            skipped.push(before..start);
        }
        if trim_after {
            let after = text[range.end..].len() - text[range.end..].trim_start().len();
            skipped.push(range.end..range.end + after);
        }
        skipped.push(range.clone());
        tags.push(Tag {
            range: range.clone(),
            path_range,
            kind,
            nested_context,
        });
        i = range.end;
    }
    if let Some((open, range)) = stack.pop() {
        return Err(
            Diagnostic::error(format!("this `{{{{#{open}}}}}` block is never closed"))
                .at(src.location(range.start, range.end))
                .with_hint(format!("end it with `{{{{/{open}}}}}`")),
        );
    }
    standalone_lines(text, &tags, &mut skipped);
    skipped.sort_by_key(|r| (r.start, r.end));

    // Tokens in order: the text between skipped bytes, and the tags.
    let mut tokens = Vec::new();
    let mut tag_iter = tags.into_iter().peekable();
    let mut at = 0;
    for r in merge(skipped) {
        if r.start > at {
            tokens.push(Token::Text(at..r.start));
        }
        while tag_iter.peek().is_some_and(|t| t.range.start < r.end) {
            if let Some(t) = tag_iter.next() {
                tokens.push(Token::Tag(t));
            }
        }
        at = at.max(r.end);
    }
    if at < text.len() {
        tokens.push(Token::Text(at..text.len()));
    }
    tokens.extend(tag_iter.map(Token::Tag));
    Ok(tokens)
}

fn classify(
    src: &SourceFile,
    body: &str,
    path_range: &Range<usize>,
    range: &Range<usize>,
) -> Result<Kind, Diagnostic> {
    let at = || src.location(path_range.start, path_range.end);
    if body.starts_with('!') {
        return Ok(Kind::Comment);
    }
    if body == "else" || body == "^" {
        return Ok(Kind::Else(None));
    }
    if let Some(rest) = body.strip_prefix("else ") {
        let (helper, arg) = rest
            .trim()
            .split_once(char::is_whitespace)
            .unwrap_or((rest, ""));
        let arg = arg.trim();
        if (helper == "if" || helper == "unless") && is_path(arg) {
            return Ok(Kind::Else(Some((helper.to_string(), arg.to_string()))));
        }
        return Err(Diagnostic::error(format!("cannot read `{{{{{body}}}}}`"))
            .at(at())
            .with_hint("write `{{else}}`, or `{{else if x}}` with one variable"));
    }
    if let Some(rest) = body.strip_prefix('#') {
        let (helper, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let arg = arg.trim();
        if !BLOCKS.contains(&helper) {
            let d = Diagnostic::error(format!("unknown block `{{{{#{helper}}}}}`")).at(at());
            return Err(match did_you_mean(helper, BLOCKS.iter().copied()) {
                Some(s) => d.with_hint(format!("did you mean `{{{{#{s}}}}}`?")),
                None => d.with_hint(
                    "blocks are `{{#if x}}`, `{{#unless x}}`, `{{#each x}}` and `{{#with x}}`",
                ),
            });
        }
        if !is_path(arg) {
            return Err(
                Diagnostic::error(format!("`{{{{#{helper}}}}}` takes one variable"))
                    .at(at())
                    .with_hint(format!("for example `{{{{#{helper} brand.contact}}}}`")),
            );
        }
        return Ok(Kind::Open {
            helper: helper.to_string(),
            arg: arg.to_string(),
        });
    }
    if let Some(name) = body.strip_prefix('/') {
        return Ok(Kind::Close(name.trim().to_string()));
    }
    if body.starts_with('>') {
        return Err(
            Diagnostic::error("partials (`{{> name}}`) cannot be used in a deck")
                .at(src.location(range.start, range.end)),
        );
    }
    if !is_path(body) {
        return Err(Diagnostic::error(format!("`{body}` is not a variable"))
            .at(at())
            .with_hint(
                "write a variable such as `{{brand.name}}`, or `\\{{` to show `{{` as text",
            ));
    }
    Ok(Kind::Value(body.to_string()))
}

fn is_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '/'))
}

/// A block tag, `{{else}}` or a comment alone on its line takes the whole line with it, as
/// handlebars does: the block leaves no blank line in the Markdown.
fn standalone_lines(text: &str, tags: &[Tag], skipped: &mut Vec<Range<usize>>) {
    for (k, tag) in tags.iter().enumerate() {
        if matches!(tag.kind, Kind::Value(_)) {
            continue;
        }
        let line_start = text[..tag.range.start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[tag.range.end..]
            .find('\n')
            .map_or(text.len(), |n| tag.range.end + n + 1);
        let alone = text[line_start..tag.range.start].trim().is_empty()
            && text[tag.range.end..line_end].trim().is_empty();
        let shares_line = |t: &Tag| t.range.start < line_end && t.range.end > line_start;
        let others =
            (k > 0 && shares_line(&tags[k - 1])) || tags.get(k + 1).is_some_and(shares_line);
        if alone && !others {
            skipped.push(line_start..line_end);
        }
    }
}

fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Fenced code blocks and inline code spans: their `{{` are left as written.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut paragraph: Option<(usize, usize)> = None; // (start, end) of the current prose run
    let mut runs = Vec::new();
    for (at, line, code) in super::outline::lines_with_code(text) {
        if code {
            ranges.push(at..at + line.len());
            if let Some(p) = paragraph.take() {
                runs.push(p);
            }
        } else if line.trim().is_empty() {
            if let Some(p) = paragraph.take() {
                runs.push(p);
            }
        } else {
            let end = at + line.len();
            paragraph = Some(paragraph.map_or((at, end), |(s, _)| (s, end)));
        }
    }
    runs.extend(paragraph);
    // Code spans live inside a paragraph: a run of n backticks up to the next run of exactly n.
    for (start, end) in runs {
        let bytes = text.as_bytes();
        let mut i = start;
        while i < end {
            if bytes[i] != b'`' {
                i += 1;
                continue;
            }
            let open = i;
            while i < end && bytes[i] == b'`' {
                i += 1;
            }
            let n = i - open;
            let mut j = i;
            let mut closed = None;
            while j < end {
                if bytes[j] == b'`' {
                    let run = j;
                    while j < end && bytes[j] == b'`' {
                        j += 1;
                    }
                    if j - run == n {
                        closed = Some(j);
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            if let Some(close) = closed {
                ranges.push(open..close);
                i = close;
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Names handlebars would resolve: `brand.<field>` must be a brand field, and a variable's root
/// must be `brand` or `vars`. Whether the value is set is checked while rendering, where it is
/// known whether the tag is reached at all.
fn check_names(src: &SourceFile, tokens: &[Token], vars: &Variables) -> Result<(), Diagnostic> {
    for token in tokens {
        let Token::Tag(tag) = token else { continue };
        let (path, condition) = match &tag.kind {
            Kind::Value(p) => (p, false),
            Kind::Open { helper, arg } | Kind::Else(Some((helper, arg))) => {
                (arg, helper == "if" || helper == "unless")
            }
            _ => continue,
        };
        let mut parts = path.split('.');
        let root = parts.next().unwrap_or("");
        let field = parts.next();
        let deeper = parts.next().is_some();
        let unknown = match (root, field) {
            ("brand", None) => !condition,
            ("brand", Some(f)) => !BRAND_FIELDS.contains(&f) || deeper,
            ("vars", Some(_)) => false,
            ("vars", None) => !condition,
            _ => !tag.nested_context,
        };
        if !unknown {
            continue;
        }
        let d = Diagnostic::error(format!("unknown variable `{path}`"))
            .at(src.location(tag.path_range.start, tag.path_range.end));
        let mut known: Vec<String> = BRAND_FIELDS.iter().map(|f| format!("brand.{f}")).collect();
        if let Some(b) = &vars.brand {
            known.extend(b.vars.keys().map(|k| format!("vars.{k}")));
        }
        return Err(match did_you_mean(path, known.iter().map(String::as_str)) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None if path == "brand" => d.with_hint("write a field, such as `brand.name` or `brand.short`"),
            None => d.with_hint("variables are `brand.name`, `brand.short`, … and `vars.<name>` from the brand's [vars]"),
        });
    }
    Ok(())
}

/// The template handlebars renders: each token on a line of its own; deck text as markers.
fn template(text: &str, tokens: &[Token]) -> (String, Vec<Range<usize>>) {
    let mut out = String::new();
    let mut texts = Vec::new();
    for token in tokens {
        out.push(SEP);
        out.push('\n');
        match token {
            Token::Text(r) => {
                debug_assert!(!text[r.clone()].is_empty());
                out.push(TEXT);
                out.push_str(&texts.len().to_string());
                out.push(END);
                texts.push(r.clone());
            }
            Token::Tag(tag) => match &tag.kind {
                Kind::Value(path) => {
                    out.push(VALUE);
                    out.push_str(&tag.range.start.to_string());
                    out.push(END);
                    out.push_str(&format!("{{{{{path}}}}}"));
                }
                Kind::Open { helper, arg } => out.push_str(&format!("{{{{#{helper} {arg}}}}}")),
                Kind::Else(None) => out.push_str("{{else}}"),
                Kind::Else(Some((helper, arg))) => {
                    out.push_str(&format!("{{{{else {helper} {arg}}}}}"))
                }
                Kind::Close(name) => out.push_str(&format!("{{{{/{name}}}}}")),
                Kind::Comment => {}
            },
        }
    }
    (out, texts)
}

/// The data the template is rendered with: `brand` and `vars`, null without a brand.
fn data(vars: &Variables) -> Value {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| !('\u{fdd0}'..='\u{fdef}').contains(c))
            .collect()
    };
    let mut root = Map::new();
    match &vars.brand {
        Some(b) => {
            let fields: Map<String, Value> = b
                .fields
                .iter()
                .map(|(k, v)| (k.to_string(), Value::String(clean(v))))
                .collect();
            root.insert("brand".into(), Value::Object(fields));
            root.insert(
                "vars".into(),
                clean_value(&Value::Object(b.vars.clone()), &clean),
            );
        }
        None => {
            root.insert("brand".into(), Value::Null);
            root.insert("vars".into(), Value::Null);
        }
    }
    Value::Object(root)
}

fn clean_value(v: &Value, clean: &dyn Fn(&str) -> String) -> Value {
    match v {
        Value::String(s) => Value::String(clean(s)),
        Value::Array(a) => Value::Array(a.iter().map(|x| clean_value(x, clean)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), clean_value(x, clean)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The error for a variable the render reached without a value.
fn missing(src: &SourceFile, tag: &Tag, path: Option<&str>, vars: &Variables) -> Diagnostic {
    let at = src.location(tag.path_range.start, tag.path_range.end);
    let path = path
        .map(str::to_string)
        .or_else(|| match &tag.kind {
            Kind::Value(p) => Some(p.clone()),
            Kind::Open { arg, .. } => Some(arg.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let Some(brand) = &vars.brand else {
        return Diagnostic::error(format!("`{path}` needs a brand, and none was chosen"))
            .at(at)
            .with_hint("pass `--brand NAME` (see `diapo brands`), or name one in the front matter: `brand: NAME`");
    };
    let file = brand.file.display();
    if let Some(name) = path.strip_prefix("vars.") {
        let d =
            Diagnostic::error(format!("the brand `{}` has no variable `{name}`", brand.id)).at(at);
        return match did_you_mean(name, brand.vars.keys().map(String::as_str)) {
            Some(s) => d.with_hint(format!("did you mean `vars.{s}`?")),
            None => d.with_hint(format!(
                "add `{name} = \"…\"` under [vars] in {file}, or wrap it in `{{{{#if vars.{name}}}}}…{{{{/if}}}}`"
            )),
        };
    }
    let field = path.strip_prefix("brand.").unwrap_or(&path);
    Diagnostic::error(format!("the brand `{}` has no `{field}`", brand.id))
        .at(at)
        .with_hint(format!(
            "add `{field} = \"…\"` to {file}, or wrap it in `{{{{#if brand.{field}}}}}…{{{{/if}}}}`"
        ))
}

/// Rebuilds the expanded text from handlebars' output and maps every stretch back to the file.
fn read_back(
    src: SourceFile,
    output: &str,
    tokens: &[Token],
    texts: &[Range<usize>],
) -> Result<SourceFile, Diagnostic> {
    let tag_ranges: BTreeMap<usize, Range<usize>> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Tag(tag) => Some((tag.range.start, tag.range.clone())),
            Token::Text(_) => None,
        })
        .collect();
    let original = src.text;
    let mut text = String::with_capacity(output.len());
    let mut pieces: Vec<Piece> = Vec::new();
    // The tag whose value is being copied, and where its value started in `text`.
    let mut value: Option<(Range<usize>, usize)> = None;
    let close_value =
        |value: &mut Option<(Range<usize>, usize)>, text: &str, pieces: &mut Vec<Piece>| {
            if let Some((tag, start)) = value.take() {
                if text.len() > start {
                    pieces.push(Piece {
                        expanded: start..text.len(),
                        original: tag,
                        verbatim: false,
                    });
                }
            }
        };
    let mut chars = output.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            SEP => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
            }
            TEXT | VALUE => {
                let digits_start = i + c.len_utf8();
                let digits_end = output[digits_start..]
                    .find(END)
                    .map_or(output.len(), |e| digits_start + e);
                let n: usize = output[digits_start..digits_end]
                    .parse()
                    .unwrap_or(usize::MAX);
                while chars.peek().is_some_and(|&(j, _)| j <= digits_end) {
                    chars.next();
                }
                close_value(&mut value, &text, &mut pieces);
                if c == TEXT {
                    if let Some(r) = texts.get(n) {
                        // A marker of a few bytes stands for a stretch of the deck: repeated by
                        // blocks, the text could outgrow what the engine wrote by far.
                        if text.len() + r.len() > MAX_EXPANDED_BYTES {
                            return Err(too_large(&src.path));
                        }
                        let start = text.len();
                        text.push_str(&original[r.clone()]);
                        pieces.push(Piece {
                            expanded: start..text.len(),
                            original: r.clone(),
                            verbatim: true,
                        });
                    }
                } else if let Some(tag) = tag_ranges.get(&n) {
                    value = Some((tag.clone(), text.len()));
                }
            }
            _ => {
                if value.is_none() {
                    // Text outside any value cannot come from the template; keep it mapped to
                    // where the last piece ended rather than lose it.
                    let at = pieces.last().map_or(0, |p| p.original.end);
                    value = Some((at..at, text.len()));
                }
                text.push(c);
            }
        }
    }
    close_value(&mut value, &text, &mut pieces);
    Ok(SourceFile::expanded(src.path, original, text, pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand() -> Variables {
        let mut fields = BTreeMap::new();
        fields.insert("id", "justice".to_string());
        fields.insert("name", "Ministère de la Justice".to_string());
        fields.insert("short", "Justice".to_string());
        let mut vars = Map::new();
        vars.insert(
            "direction".into(),
            Value::String("Secrétariat général".into()),
        );
        Variables {
            brand: Some(BrandVariables {
                id: "justice".into(),
                file: "themes/brands/justice.toml".into(),
                fields,
                vars,
            }),
        }
    }

    fn run(text: &str, vars: &Variables) -> Result<SourceFile, String> {
        expand(SourceFile::new("deck.md", text.to_string()), vars).map_err(|d| d.to_string())
    }

    #[test]
    fn values_are_replaced_and_positions_map_back() {
        let src = run(
            "# Au {{brand.short}}\n\nLa {{vars.direction}} **aide**.\n",
            &brand(),
        )
        .unwrap();
        assert_eq!(
            src.text,
            "# Au Justice\n\nLa Secrétariat général **aide**.\n"
        );
        // `**aide**` in the expanded text is at line 3, column 24 of the file as written.
        let at = src.text.find("**aide**").unwrap();
        let loc = src.location(at, at + 8);
        assert_eq!((loc.line, loc.col, loc.len), (3, 23, 8));
        assert_eq!(
            loc.source_line.as_deref(),
            Some("La {{vars.direction}} **aide**.")
        );
        // Inside an expanded value: the tag.
        let at = src.text.find("Justice").unwrap();
        let loc = src.location(at + 2, at + 4);
        assert_eq!((loc.line, loc.col), (1, 6));
    }

    #[test]
    fn blocks_alone_on_their_line_leave_no_blank_line() {
        let text = "# T\n\n- a\n{{#if brand.contact}}\n- {{brand.contact}}\n{{else}}\n- sans contact\n{{/if}}\n- b\n";
        let src = run(text, &brand()).unwrap();
        assert_eq!(src.text, "# T\n\n- a\n- sans contact\n- b\n");
        let at = src.text.find("- b").unwrap();
        assert_eq!(src.line_of(at), 9);
        let at = src.text.find("- sans").unwrap();
        assert_eq!(src.line_of(at), 7);
    }

    /// Odd input never panics: it expands or is an error.
    #[test]
    fn odd_input_is_an_error_or_text() {
        for text in [
            "{{",
            "}}",
            "\\{{",
            "{{}}",
            "{{~}}",
            "{{~~}}",
            "{{{}}}",
            "{{{{raw}}}}",
            "é{{brand.name}}é",
            "{{!-- jamais fermé",
            "{{!-- x --}}",
            "{{#if}}{{/if}}",
            "{{/if}}",
            "{{else}}",
            "{{> p}}",
            "{{#each vars.x}}{{this}}{{/each}}",
            "{{brand.name.x}}",
            "{{ brand.name }}",
            "`{{`",
            "```\n{{\n",
            "{{#if brand}}\r\n{{/if}}\r\n",
            "\u{fdd0}1\u{fdd1}{{brand.name}}",
            "{{brand.name~}}  \n\n x",
            "  {{~brand.name}}",
            "{{else if}}",
            "{{#if brand}}{{else unless vars.x}}{{/if}}",
        ] {
            for vars in [brand(), Variables::default()] {
                let _ = run(text, &vars);
            }
        }
    }

    #[test]
    fn else_if_chains() {
        let text = "# T\n\n{{#if brand.contact}}\nA\n{{else if vars.direction}}\n{{vars.direction}}\n{{else}}\nC\n{{/if}}\n";
        assert_eq!(
            run(text, &brand()).unwrap().text,
            "# T\n\nSecrétariat général\n"
        );
        assert_eq!(run(text, &Variables::default()).unwrap().text, "# T\n\nC\n");
    }

    #[test]
    fn code_is_left_alone_and_backslash_escapes() {
        let text = "# T\n\n`{{x}}` and \\{{y}} and\n\n```\n{{#if}}\n```\n";
        let src = run(text, &Variables::default()).unwrap();
        assert_eq!(
            src.text,
            "# T\n\n`{{x}}` and {{y}} and\n\n```\n{{#if}}\n```\n"
        );
    }

    #[test]
    fn without_a_brand_guarded_blocks_are_skipped() {
        let src = run(
            "# T {{#if brand}}pour {{brand.short}}{{/if}}\n",
            &Variables::default(),
        )
        .unwrap();
        assert_eq!(src.text, "# T \n");
    }

    #[test]
    fn unknown_and_missing_variables_are_errors_at_their_tag() {
        let e = run("# T\n\nAu {{brand.nom}}\n", &brand()).unwrap_err();
        assert_eq!(
            e,
            "error: unknown variable `brand.nom`\n  --> deck.md:3:6\n  |\n3 | Au {{brand.nom}}\n  |      ^^^^^^^^^ did you mean `brand.name`?\n"
        );
        let e = run("# T\n\n{{brand.short}}\n", &Variables::default()).unwrap_err();
        assert!(
            e.starts_with(
                "error: `brand.short` needs a brand, and none was chosen\n  --> deck.md:3:3\n"
            ),
            "{e}"
        );
        let e = run("# T\n\n{{vars.directoin}}\n", &brand()).unwrap_err();
        assert!(e.contains("has no variable `directoin`"), "{e}");
        assert!(e.contains("did you mean `vars.direction`?"), "{e}");
        let e = run("# T\n\n{{brand.contact}}\n", &brand()).unwrap_err();
        assert!(e.contains("the brand `justice` has no `contact`"), "{e}");
        let e = run("# T\n\n{{#if brand}}\nx\n", &brand()).unwrap_err();
        assert!(e.contains("never closed"), "{e}");
        let e = run("# T\n\n{{brand.name\n", &brand()).unwrap_err();
        assert!(e.contains("this `{{` is never closed"), "{e}");
    }

    #[test]
    fn front_matter_names_a_brand() {
        let src = SourceFile::new(
            "deck.md",
            "---\ntitle: x\nbrand: justice\n---\n# T\n".into(),
        );
        let (name, at) = declared_brand(&src).unwrap();
        assert_eq!(name, "justice");
        assert_eq!((at.line, at.col, at.len), (3, 8, 7));
    }
}
