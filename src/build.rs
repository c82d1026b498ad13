//! The build: deck file → model → fit → outputs, written atomically. Every output is rendered in
//! memory first; files are written only when everything succeeded, and replace the previous ones
//! as a set (`crate::outputs`), so neither an error nor a kill leaves a half-written or mixed set.

use crate::assets::ImageStore;
use crate::check;
use crate::context::RenderCtx;
use crate::deck::loader::Includes;
use crate::deck::vars::{BrandVariables, Variables};
use crate::deck::{self, ParseOptions};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, SourceFile};
use crate::input;
use crate::layout::fonts::FontBook;
use crate::layout::handout::{self, HandoutMode};
use crate::layout::slides;
use crate::model::Deck;
use crate::render::html::{self, HtmlOptions};
use crate::render::pdf;
use crate::rules::Rule;
use crate::theme::{self, Brand, Theme, ThemeSources};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Output folder; default `out/<deck-name>/`.
    pub out: Option<PathBuf>,
    pub allow_html: bool,
    /// Warnings become errors.
    pub strict: bool,
    /// Theme name overriding the front matter's.
    pub theme: Option<String>,
    /// Which outputs to write; all of them when empty.
    pub formats: Vec<Format>,
    /// What `handout.pdf` holds.
    pub handout: HandoutMode,
    /// A reveal.js folder (holding `dist/reveal.js` and `dist/reveal.css`) to use instead of
    /// diapo's own runtime.
    pub reveal_js: Option<PathBuf>,
    /// The brand to build for, overriding the front matter's `brand:`.
    pub brand: Option<String>,
    /// A folder of themes and brands searched before the `themes/` folder beside the deck and the
    /// built-ins.
    pub theme_dir: Option<PathBuf>,
    /// Build even when the theme's colours fail the contrast rule (warnings instead of errors).
    pub force: bool,
    /// Folders outside the deck's own that its images may be read from (`--allow-outside`).
    pub allow_outside: Vec<PathBuf>,
    /// The speaking pace of the timing estimate.
    pub pace: check::Pace,
    /// The tool the deck was written for (`--dialect`).
    pub dialect: Option<deck::dialect::Dialect>,
}

/// An output of `diapo build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `slides.html`: the offline HTML deck.
    Html,
    /// `slides.pdf`: one 16:9 page per slide.
    Pdf,
    /// `handout.pdf`: an A4 handout (see `--handout`).
    Handout,
    /// `slides.odp`: the deck to edit in LibreOffice Impress.
    Odp,
    /// `slides.pptx`: the deck to edit in PowerPoint.
    Pptx,
    /// Every output above.
    All,
}

impl Format {
    /// What `diapo build` writes when `--format` is not given.
    pub const ALL: [Format; 3] = [Format::Html, Format::Pdf, Format::Handout];
    /// Every output, for `--format all`.
    pub const EVERY: [Format; 5] = [
        Format::Html,
        Format::Pdf,
        Format::Handout,
        Format::Odp,
        Format::Pptx,
    ];

    /// The file this output is written to (`None` for `all`).
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Format::Html => Some("slides.html"),
            Format::Pdf => Some("slides.pdf"),
            Format::Handout => Some("handout.pdf"),
            Format::Odp => Some("slides.odp"),
            Format::Pptx => Some("slides.pptx"),
            Format::All => None,
        }
    }

    /// The media type of the file.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Html | Format::All => "text/html; charset=utf-8",
            Format::Pdf | Format::Handout => "application/pdf",
            Format::Odp => "application/vnd.oasis.opendocument.presentation",
            Format::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        }
    }
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub out_dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub slides: usize,
    /// Warnings only: the linter's notes are for `diapo check`.
    pub warnings: Diagnostics,
    /// How long each stage took, writing included, for `--verbose`.
    pub stages: Vec<Stage>,
}

/// A deck parsed and fitted, ready for any renderer.
pub struct Prepared {
    pub deck: Deck,
    /// Shared with the other builds of the process that use the same fonts ([`font_book`]).
    pub fonts: Arc<FontBook>,
    pub theme: Theme,
    pub images: ImageStore,
    pub scales: Vec<f32>,
    /// The stages' warnings; with [`prepare_all`], their errors too.
    pub warnings: Diagnostics,
    /// The linter's findings (`crate::check`): warnings and notes.
    pub findings: Diagnostics,
    /// The deck file as read (variables expanded), for locations of later stages.
    pub source: SourceFile,
    /// The speaking-time estimate of every slide.
    pub timing: check::Timing,
    /// How long each stage took, for `--verbose`.
    pub stages: Vec<Stage>,
}

impl Prepared {
    /// What every output is made from, made at `created` (see [`creation_time`]).
    pub fn render_ctx(&self, created: i64) -> RenderCtx<'_> {
        RenderCtx::new(
            &self.deck,
            &self.theme,
            &self.fonts,
            &self.images,
            &self.scales,
            created,
        )
    }
}

/// The brand fonts a book was made with: (family, weight, italic, file bytes), in order.
type BookKey = Vec<(
    crate::layout::fonts::Family,
    crate::layout::fonts::Weight,
    bool,
    Vec<u8>,
)>;

/// Font books made so far in this process, by the brand fonts installed in them.
static BOOKS: Mutex<Vec<(BookKey, Arc<FontBook>)>> = Mutex::new(Vec::new());

/// How many books [`BOOKS`] keeps: the built-in fonts and a few brands' own.
const BOOKS_MAX: usize = 4;

/// The font book for a build: the built-in faces plus the brand's own fonts, made once per
/// process for the same fonts. A book keeps the texts it shaped (`ShapeCache`), so `diapo
/// serve`'s rebuild after an edit reshapes only the words it has not seen, and `--brand all`
/// shapes a deck once for every brand that brings no fonts of its own. Shaping is a pure function
/// of the face and the text, so a shared book gives the same bytes as a fresh one (the
/// determinism test builds several decks in one process).
fn font_book(brand: Option<&Brand>) -> Result<Arc<FontBook>, Diagnostic> {
    let fonts = brand.map_or(&[][..], |b| b.fonts.as_slice());
    let same = |key: &BookKey| {
        key.len() == fonts.len()
            && key
                .iter()
                .zip(fonts)
                .all(|((family, weight, italic, data), f)| {
                    *family == f.family
                        && *weight == f.weight
                        && *italic == f.italic
                        && *data == f.data
                })
    };
    // A panic while a book was made leaves the list valid: entries are only ever added whole.
    let mut books = BOOKS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, book)) = books.iter().find(|(k, _)| same(k)) {
        return Ok(book.clone());
    }
    let mut book = FontBook::new();
    if let Some(b) = brand {
        b.install_fonts(&mut book)?;
    }
    let book = Arc::new(book);
    if books.len() >= BOOKS_MAX {
        books.remove(0);
    }
    let key = fonts
        .iter()
        .map(|f| (f.family, f.weight, f.italic, f.data.clone()))
        .collect();
    books.push((key, book.clone()));
    Ok(book)
}

/// A stage of the build and how long it took.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub elapsed: Duration,
}

impl Stage {
    /// The stage `name`, from `started` until now.
    fn since(name: &'static str, started: Instant) -> Stage {
        Stage {
            name,
            elapsed: started.elapsed(),
        }
    }
}

/// Times the stages of a build, one after the other.
struct Stopwatch {
    last: Instant,
    stages: Vec<Stage>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let stage = Stage::since(name, self.last);
        self.last += stage.elapsed;
        self.stages.push(stage);
    }
}

/// Parse, load theme and images, fit, lint: everything every output needs. Any error stops it.
pub fn prepare(deck_path: &Path, opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    prepare_with(deck_path, opts, false)
}

/// [`prepare`] for `diapo check`: it goes on past the errors that leave a deck to look at (a
/// missing image, unreadable colours), which then stand in `Prepared::warnings` with the rest.
/// It still fails when there is no deck (a broken front matter, an unknown theme).
pub fn prepare_all(deck_path: &Path, opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    prepare_with(deck_path, opts, true)
}

fn prepare_with(
    deck_path: &Path,
    opts: &BuildOptions,
    keep_going: bool,
) -> Result<Prepared, Diagnostics> {
    let mut clock = Stopwatch::new();
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let path = input::resolve_deck_path(deck_path).map_err(one)?;
    let src = input::read_source(&path).map_err(one)?;
    if let Some(dir) = &opts.theme_dir {
        theme::files::check_theme_dir(dir).map_err(one)?;
    }
    let sources = ThemeSources::allowing(
        opts.theme_dir.as_deref(),
        path.parent(),
        &opts.allow_outside,
    );
    let brand = load_brand(&src, &sources, opts).map_err(one)?;
    // The deck's `{{brand.…}}` variables are rendered before the Markdown is parsed.
    let variables = Variables {
        brand: brand.as_ref().map(brand_variables),
    };
    let src = deck::vars::expand(src, &variables).map_err(one)?;
    let (mut deck, mut warnings) = deck::parse_source_all(
        &src,
        &ParseOptions {
            allow_html: opts.allow_html,
            default_contact: brand.as_ref().and_then(|b| b.contact.clone()),
            default_footer: brand.as_ref().and_then(|b| b.footer.clone()),
            includes: Includes::new(input::FolderLoader),
            dialect: opts.dialect,
        },
    )?;
    // The images' paths: inside the deck's folder or an allowed one, present, described.
    let roots = input::image_roots(&deck, &opts.allow_outside).map_err(one)?;
    input::check_image_paths(&deck, &src, &roots, &mut warnings);
    if !keep_going && warnings.has_errors() {
        return Err(warnings);
    }
    clock.lap("parse");
    let theme_name = opts
        .theme
        .clone()
        .unwrap_or_else(|| deck.meta.theme.clone());
    let mut theme = match theme::load_with(&sources, &theme_name) {
        Ok(t) => t,
        // A theme the front matter names and diapo does not have (another tool's, or a typo):
        // the default theme, with a warning at the name (a note for another tool's theme).
        Err(d)
            if opts.theme.is_none()
                && d.location.is_none()
                && d.message.starts_with("unknown theme") =>
        {
            let foreign = theme::foreign_theme(&theme_name);
            let message = match foreign {
                Some(tool) => format!(
                    "`{theme_name}` is a {tool} theme: the deck uses diapo's `{}` theme",
                    theme::DEFAULT_THEME
                ),
                None => format!(
                    "unknown theme `{theme_name}`: the deck uses the `{}` theme",
                    theme::DEFAULT_THEME
                ),
            };
            let mut w = if foreign.is_some() {
                Diagnostic::info(message).rule(Rule::ForeignTheme)
            } else {
                Diagnostic::warning(message).rule(Rule::UnknownTheme)
            };
            if let Some(h) = d.hint {
                w = w.with_hint(h);
            }
            if let Some(at) = deck::frontmatter::value_location_of(&src, "theme") {
                w = w.at(at);
            }
            warnings.push(w);
            theme::load_with(&sources, theme::DEFAULT_THEME).map_err(one)?
        }
        Err(d) => {
            return Err(match deck::frontmatter::value_location_of(&src, "theme") {
                Some(at) if opts.theme.is_none() && d.location.is_none() => one(d.at(at)),
                _ => one(d),
            })
        }
    };
    if let Some(b) = &brand {
        theme.apply_brand(b);
    }
    let fonts = font_book(brand.as_ref()).map_err(one)?;
    let mut unreadable = Diagnostics::default();
    for failure in theme::contrast::check(&theme) {
        let d = failure.diagnostic(opts.force);
        if opts.force {
            warnings.push(d);
        } else {
            unreadable.push(d);
        }
    }
    if !keep_going && unreadable.has_errors() {
        return Err(unreadable);
    }
    warnings.extend(unreadable);
    clock.lap("theme");
    let (mut images, image_errors) = ImageStore::load_all(&deck, &src, &roots);
    if !keep_going && image_errors.has_errors() {
        return Err(image_errors);
    }
    warnings.extend(image_errors);
    if let Some(logo) = brand.as_ref().and_then(|b| b.logo_for(theme.scheme)) {
        images.insert(theme::LOGO_KEY, logo.clone());
    }
    clock.lap("images");
    let mut fit_warnings = Diagnostics::default();
    let fitted = crate::layout::fit::fit_deck(
        &mut deck,
        Some(&src),
        &theme,
        &fonts,
        &images,
        &mut fit_warnings,
    );
    // Too many slides: fitting stopped with an error.
    if fit_warnings.has_errors() {
        return Err(fit_warnings);
    }
    warnings.extend(fit_warnings);
    clock.lap("fit");
    let (findings, timing) = check::lint(
        &check::Input {
            deck: &deck,
            src: &src,
            theme: &theme,
            fonts: &fonts,
            images: &images,
            scales: &fitted.scales,
        },
        &opts.pace,
    );
    clock.lap("lint");
    Ok(Prepared {
        deck,
        fonts,
        theme,
        images,
        scales: fitted.scales,
        warnings,
        findings,
        source: src,
        timing,
        stages: clock.stages,
    })
}

/// What the deck's `{{brand.…}}` and `{{vars.…}}` read of a brand: the parser's view of it, made
/// here so that neither the theme nor the parser depends on the other.
fn brand_variables(brand: &Brand) -> BrandVariables {
    let mut fields = std::collections::BTreeMap::new();
    fields.insert("id", brand.id.clone());
    fields.insert("name", brand.name.clone());
    fields.insert("short", brand.short.clone());
    for (key, value) in [
        ("description", &brand.description),
        ("footer", &brand.footer),
        ("contact", &brand.contact),
        ("url", &brand.url),
    ] {
        if let Some(v) = value {
            fields.insert(key, v.clone());
        }
    }
    BrandVariables {
        id: brand.id.clone(),
        file: brand.file.clone(),
        fields,
        vars: brand.vars.clone(),
    }
}

/// `diapo check`: the deck prepared as far as it goes, laid out as PDF pages (for text the layout
/// had to shrink), and every finding in a report. `Err` when there is no deck to check. The
/// linter (`crate::check`) reads what is prepared here and never calls back into the build.
pub fn check(deck_path: &Path, opts: &BuildOptions) -> Result<check::Report, Diagnostics> {
    let p = prepare_all(deck_path, opts)?;
    let (_, _, layout_warnings) = slide_pages(&p, &p.render_ctx(creation_time(&p.deck)));
    let mut findings = p.warnings.clone();
    findings.extend(p.findings.clone());
    findings.extend(layout_warnings);
    let checked = check::report::Checked {
        deck: &p.deck,
        source: &p.source,
        theme: &p.theme,
        timing: &p.timing,
        findings,
    };
    Ok(check::Report::new(checked, opts.strict))
}

/// The brand asked for: `--brand`, else the front matter's `brand:` (an unknown one is an error
/// at that line), else none.
fn load_brand(
    src: &SourceFile,
    sources: &ThemeSources,
    opts: &BuildOptions,
) -> Result<Option<Brand>, Diagnostic> {
    if let Some(id) = &opts.brand {
        return theme::brand::load(sources, id).map(Some);
    }
    let Some((id, at)) = deck::vars::declared_brand(src) else {
        return Ok(None);
    };
    theme::brand::load(sources, &id).map(Some).map_err(|d| {
        if d.location.is_none() {
            d.at(at)
        } else {
            d
        }
    })
}

/// Builds the outputs of a deck.
pub fn build(deck_path: &Path, opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let p = prepare(deck_path, opts)?;
    let formats: Vec<Format> = if opts.formats.is_empty() {
        Format::ALL.to_vec()
    } else if opts.formats.contains(&Format::All) {
        Format::EVERY.to_vec()
    } else {
        opts.formats.clone()
    };
    let Rendered {
        outputs,
        warnings,
        stages,
    } = render(&p, opts, &formats)?;
    let mut clock = Stopwatch::new();
    let out_dir = opts
        .out
        .clone()
        .unwrap_or_else(|| Path::new("out").join(deck_name(deck_path)));
    // Written only now that everything rendered: an error above leaves earlier outputs as they were.
    let files = write_outputs(&out_dir, &outputs).map_err(|d| Diagnostics(vec![d]))?;
    clock.lap("write");
    Ok(BuildReport {
        out_dir,
        files,
        slides: p.deck.slides.len(),
        warnings,
        stages: p
            .stages
            .into_iter()
            .chain(stages)
            .chain(clock.stages)
            .collect(),
    })
}

/// Outputs rendered in memory, not yet written.
pub struct Rendered {
    /// `(file name, bytes)`, sorted by name.
    pub outputs: Vec<(&'static str, Vec<u8>)>,
    /// The preparation's warnings, the linter's and the rendering's.
    pub warnings: Diagnostics,
    /// How long each output took.
    pub stages: Vec<Stage>,
}

/// Decks of up to this many slides render their three outputs at the same time (the handout, the
/// slides PDF and the HTML, on rayon's threads): the 28-slide sample deck then builds in 44 ms
/// rather than 53 (median, release, two cores; 21 MB of memory rather than 18), the handout being
/// the longest of the three. Larger decks render one output after the other: at 1,000 slides,
/// rendering at once saved a tenth of the time but raised the peak memory from about 107 to
/// 150–165 MB.
const PARALLEL_MAX_SLIDES: usize = 200;

/// Renders the outputs `formats` names from a prepared deck, in memory (`diapo serve` keeps them
/// there); with `--strict`, a warning fails it. Small decks render their outputs at the same time
/// ([`PARALLEL_MAX_SLIDES`]); the bytes are the same either way.
pub fn render(
    p: &Prepared,
    opts: &BuildOptions,
    formats: &[Format],
) -> Result<Rendered, Diagnostics> {
    // The linter's warnings are printed by the build too; its notes are for `diapo check`.
    let mut warnings = p.warnings.clone();
    warnings.0.extend(
        p.findings
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .cloned(),
    );
    let reveal = match (&opts.reveal_js, formats.contains(&Format::Html)) {
        (Some(dir), true) => Some(read_reveal(dir).map_err(|d| Diagnostics(vec![d]))?),
        _ => None,
    };
    let html_options = HtmlOptions { reveal_js: reveal };
    let wants = |f: Format| formats.contains(&f);
    let created = creation_time(&p.deck);
    // Made once: every output reads the same context, and the same display facts.
    let ctx = p.render_ctx(created);
    // The slides' pages are laid out once: the slides PDF shows them, the handout draws them,
    // and the HTML breaks its lines where they wrapped.
    let started = Instant::now();
    let (pages, wraps, page_warnings) = slide_pages(p, &ctx);
    let layout = Some(Stage::since("layout", started));
    warnings.extend(page_warnings);
    // The editable decks read the slides' pages, before the slides PDF takes them.
    let odp_out = timed("odp", wants(Format::Odp), || {
        office(&ctx, &pages, Format::Odp)
    })?;
    let pptx_out = timed("pptx", wants(Format::Pptx), || {
        office(&ctx, &pages, Format::Pptx)
    })?;
    let leaflet_long = std::sync::OnceLock::new();
    // The images both PDFs show are deflated once, by whichever needs them first.
    let shared = pdf::Shared::default();
    let handout_pdf = || {
        let doc = handout::handout_document(&ctx, &pages, opts.handout);
        if let Some(w) = handout::too_long(&doc, opts.handout) {
            let _ = leaflet_long.set(w);
        }
        write_pdf(&doc, &p.fonts, &shared)
    };
    let slides_pdf = |pages| write_pdf(&slides::slides_document(&ctx, pages), &p.fonts, &shared);
    let html = || {
        html::render(&ctx, &wraps, &html_options)
            .map(String::into_bytes)
            .map_err(|d| Diagnostics(vec![d]))
    };
    let (handout_out, slides_out, html_out) = if p.deck.slides.len() <= PARALLEL_MAX_SLIDES {
        let (handout_out, (slides_out, html_out)) = rayon::join(
            || timed("handout", wants(Format::Handout), handout_pdf),
            || {
                rayon::join(
                    || timed("pdf", wants(Format::Pdf), || slides_pdf(pages.clone())),
                    || timed("html", wants(Format::Html), html),
                )
            },
        );
        (handout_out, slides_out, html_out)
    } else {
        // One after the other, each document dropped once written, the HTML last: a large deck's
        // HTML (images inlined at each use) would otherwise be held in memory through the PDFs'
        // peak.
        let handout_out = timed("handout", wants(Format::Handout), handout_pdf)?;
        let slides_out = timed("pdf", wants(Format::Pdf), || slides_pdf(pages))?;
        (
            Ok(handout_out),
            Ok(slides_out),
            timed("html", wants(Format::Html), html),
        )
    };
    let mut outputs = Vec::new();
    let mut stages: Vec<Stage> = layout.into_iter().collect();
    for (name, out) in [
        ("handout.pdf", handout_out?),
        ("slides.pdf", slides_out?),
        ("slides.html", html_out?),
        ("slides.odp", odp_out),
        ("slides.pptx", pptx_out),
    ] {
        if let Some((bytes, stage)) = out {
            outputs.push((name, bytes));
            stages.push(stage);
        }
    }
    warnings.0.extend(leaflet_long.into_inner());
    if opts.strict && warnings.has_warnings() {
        return Err(warnings.as_errors());
    }
    outputs.sort_by_key(|(name, _)| *name);
    Ok(Rendered {
        outputs,
        warnings,
        stages,
    })
}

/// The slides as PDF pages, where their paragraphs' lines wrapped, and the warnings of the
/// contrast check, which reads the colours the pages actually paint.
pub fn slide_pages(
    p: &Prepared,
    ctx: &RenderCtx<'_>,
) -> (
    Vec<crate::layout::page::Page>,
    crate::layout::blocks::Wraps,
    Diagnostics,
) {
    let (pages, wraps) = slides::slide_pages(ctx);
    let warnings = check::slide_contrast::check(&p.deck, &pages, &p.theme, &p.source);
    (pages, wraps, warnings)
}

/// Runs `render` when `wanted`, and times it.
fn timed(
    name: &'static str,
    wanted: bool,
    render: impl FnOnce() -> Result<Vec<u8>, Diagnostics>,
) -> Result<Option<(Vec<u8>, Stage)>, Diagnostics> {
    if !wanted {
        return Ok(None);
    }
    let started = Instant::now();
    let bytes = render()?;
    Ok(Some((bytes, Stage::since(name, started))))
}

/// `slides.odp` or `slides.pptx`, from the slides' pages.
fn office(
    ctx: &RenderCtx<'_>,
    pages: &[crate::layout::page::Page],
    format: Format,
) -> Result<Vec<u8>, Diagnostics> {
    let deck = crate::render::office::office_deck(&crate::render::office::Input::of(ctx, pages));
    let bytes = match format {
        Format::Odp => crate::render::odp::write_odp(&deck),
        _ => crate::render::pptx::write_pptx(&deck),
    };
    bytes.map_err(|e| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot write slides.{}: {e}",
            if format == Format::Odp { "odp" } else { "pptx" }
        ))])
    })
}

fn write_pdf(
    doc: &crate::layout::page::Document,
    fonts: &FontBook,
    shared: &pdf::Shared,
) -> Result<Vec<u8>, Diagnostics> {
    pdf::write_pdf_with(doc, fonts, shared).map_err(|e| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot write the PDF: {e}"
        ))])
    })
}

/// The PDFs' creation date, never the clock (same input, same bytes): `SOURCE_DATE_EPOCH` when
/// set, else the deck's `date` at midnight UTC, else the Unix epoch.
pub fn creation_time(deck: &Deck) -> i64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return t;
    }
    deck.meta
        .date
        .as_deref()
        .and_then(crate::facts::Date::parse)
        .map(|d| d.unix_day() * 86_400)
        .unwrap_or(0)
}

/// The deck's name: its folder's name, or the Markdown file's stem.
pub fn deck_name(arg: &Path) -> String {
    let named = if arg.is_dir() || arg.file_name().is_some_and(|f| f == "deck.md") {
        let dir = if arg.is_dir() {
            arg.to_path_buf()
        } else {
            arg.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        std::fs::canonicalize(&dir)
            .ok()
            .and_then(|d| d.file_name().map(|f| f.to_string_lossy().into_owned()))
    } else {
        arg.file_stem().map(|s| s.to_string_lossy().into_owned())
    };
    named
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "deck".into())
}

fn read_reveal(dir: &Path) -> Result<(String, String), Diagnostic> {
    let read = |rel: &str| {
        let p = dir.join(rel);
        std::fs::read_to_string(&p).map_err(|e| {
            Diagnostic::error(format!("cannot read {}: {e}", p.display()))
                .with_hint("--reveal-js takes the folder of a reveal.js copy (holding dist/reveal.js and dist/reveal.css)")
        })
    };
    let mut css = read("dist/reveal.css")?;
    if let Ok(theme) = std::fs::read_to_string(dir.join("dist/theme/white.css")) {
        css.push_str(&theme);
    }
    Ok((css, read("dist/reveal.js")?))
}

/// Writes every output or none, and replaces the previous set as one (see [`crate::outputs`]).
pub fn write_outputs(dir: &Path, outputs: &[(&str, Vec<u8>)]) -> Result<Vec<PathBuf>, Diagnostic> {
    crate::outputs::replace(dir, outputs)
}
