//! The `diapo` binary: parse arguments, call the library, print diagnostics, set the exit code.

use clap::{CommandFactory, Parser};
use diapo::batch::{self, BrandChoice, Progress};
use diapo::build::{self, BuildOptions};
use diapo::cli::{Cli, Command};
use diapo::diagnostic::{Diagnostic, Diagnostics};
use diapo::serve::{Notice, ServeOptions};
use diapo::style::Styles;
use diapo::theme::{self, Listed, ThemeSources};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// glibc's malloc grows a thread's heap by what each request needs, a few pages at a time: a
/// build of the 28-slide sample deck asked the system for more memory (`mprotect`) about 880
/// times, most of its system calls. Growing by 4 MiB at a time, it asks about 12 times, and the
/// build takes about 2 ms less (a tenth; BENCHMARKS.md, seventh pass). Memory is not used sooner:
/// pages are only backed once written, and a 1,000-slide build's peak is unchanged.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    /// How much more than asked a heap grows by (`M_TOP_PAD`).
    const TOP_PAD: libc::c_int = 4 << 20;
    // SAFETY: `mallopt` sets one of malloc's parameters; it is called before any other thread
    // exists, and the value is in range. It returns 0 when it refuses, leaving malloc as it was.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, TOP_PAD);
    }
}

/// Other systems' allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// How much the commands print: `--quiet` errors only, `--verbose` the stages too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    match cli.command {
        Command::Build {
            deck,
            out,
            format,
            reveal_js,
            brand,
            handout,
            shape,
        } => {
            let opts = BuildOptions {
                out,
                reveal_js,
                formats: format,
                handout: handout.handout,
                ..shape.build_options()
            };
            match BrandChoice::from_arg(brand.as_deref()) {
                BrandChoice::Deck => build_one(&deck, &opts, verbosity),
                BrandChoice::One(id) => {
                    let out = batch::out_dir(&deck, opts.out.as_deref(), &id);
                    let opts = BuildOptions {
                        brand: Some(id),
                        out: Some(out),
                        ..opts
                    };
                    build_one(&deck, &opts, verbosity)
                }
                BrandChoice::All => build_all(&deck, &opts, verbosity),
            }
        }
        Command::Serve {
            deck,
            port,
            open,
            brand,
            handout,
            shape,
        } => serve(
            deck,
            port,
            open,
            brand,
            BuildOptions {
                handout: handout.handout,
                ..shape.build_options()
            },
            verbosity,
        ),
        Command::Themes { deck, theme_dir } => match sources(deck, theme_dir) {
            Ok(sources) => list(&theme::list_themes(&sources)),
            Err(code) => code,
        },
        Command::Brands { deck, theme_dir } => match sources(deck, theme_dir) {
            Ok(sources) => list(&theme::list_brands(&sources)),
            Err(code) => code,
        },
        Command::Check {
            deck,
            json,
            brand,
            shape,
        } => {
            let opts = BuildOptions {
                brand,
                ..shape.build_options()
            };
            check(&deck, &opts, json, verbosity)
        }
        Command::New {
            name,
            template,
            lang,
        } => new_deck(&name, template, lang, verbosity),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "diapo", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man { out } => man(out.as_deref()),
    }
}

/// Prints diagnostics on stderr, coloured on a terminal; `--quiet` keeps the errors only.
fn report(diags: &Diagnostics, verbosity: Verbosity) {
    for d in diags.iter() {
        if verbosity != Verbosity::Quiet || d.is_error() {
            anstream::eprint!("{d:#}");
        }
    }
}

/// `--verbose`: how long each stage took.
fn print_stages(stages: &[build::Stage]) {
    for stage in stages {
        eprintln!(
            "  {:<8} {:>7.1} ms",
            stage.name,
            stage.elapsed.as_secs_f64() * 1000.0
        );
    }
}

fn build_one(deck: &Path, opts: &BuildOptions, verbosity: Verbosity) -> ExitCode {
    match build::build(deck, opts) {
        Ok(report) => {
            self::report(&report.warnings, verbosity);
            if verbosity == Verbosity::Verbose {
                print_stages(&report.stages);
            }
            if verbosity != Verbosity::Quiet {
                for f in &report.files {
                    let plural = if report.slides == 1 { "" } else { "s" };
                    println!("wrote {} ({} slide{plural})", f.display(), report.slides);
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            self::report(&diags, verbosity);
            ExitCode::FAILURE
        }
    }
}

/// `diapo check`: the checklist (or JSON) on stdout; 1 when something is an error.
fn check(deck: &Path, opts: &BuildOptions, json: bool, verbosity: Verbosity) -> ExitCode {
    let started = std::time::Instant::now();
    let report = match diapo::build::check(deck, opts) {
        Ok(report) => report,
        Err(diags) => {
            // No deck to check: what stops it, as the build prints it (or as JSON).
            let diags = diapo::check::Report::failed(deck, diags);
            if json {
                print!("{}", diags.json());
            } else {
                self::report(&Diagnostics(diags.findings), verbosity);
            }
            return ExitCode::FAILURE;
        }
    };
    if json {
        print!("{}", report.json());
    } else {
        let text = report.text(
            &Styles::COLOURED,
            verbosity == Verbosity::Quiet,
            verbosity == Verbosity::Verbose,
        );
        anstream::print!("{text}");
    }
    if verbosity == Verbosity::Verbose {
        eprintln!(
            "  checked in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `diapo new NAME`: the deck folder, then what to do next.
fn new_deck(
    name: &str,
    template: diapo::starter::Template,
    lang: diapo::model::Lang,
    verbosity: Verbosity,
) -> ExitCode {
    let created = match diapo::starter::create(Path::new("decks"), name, template, lang) {
        Ok(created) => created,
        Err(d) => {
            anstream::eprint!("{d:#}");
            return ExitCode::FAILURE;
        }
    };
    if verbosity == Verbosity::Quiet {
        return ExitCode::SUCCESS;
    }
    let dir = created.dir.display();
    println!("created {dir}/");
    if verbosity == Verbosity::Verbose {
        for f in &created.files {
            println!("  {dir}/{f}");
        }
    }
    println!("\nnext:");
    println!("  edit {dir}/deck.md");
    // `serve` is offered once the binary has it.
    if Cli::command().find_subcommand("serve").is_some() {
        println!("  diapo serve {dir}      # preview, rebuilt at every save");
    }
    println!("  diapo check {dir}      # timing, readability, images, links");
    println!("  diapo build {dir}      # slides.html, slides.pdf, handout.pdf in out/{name}/");
    ExitCode::SUCCESS
}

/// `diapo man`: the main page on stdout, or every page into a folder.
fn man(out: Option<&Path>) -> ExitCode {
    let command = Cli::command();
    let Some(dir) = out else {
        let mut page = Vec::new();
        return match clap_mangen::Man::new(command).render(&mut page) {
            Ok(()) => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(&page);
                ExitCode::SUCCESS
            }
            Err(e) => fail(Diagnostic::error(format!("cannot write the man page: {e}"))),
        };
    };
    match std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(command, dir)) {
        Ok(()) => {
            println!("wrote the man pages into {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(Diagnostic::error(format!("cannot write the man pages: {e}")).at_path(dir)),
    }
}

fn fail(d: Diagnostic) -> ExitCode {
    anstream::eprint!("{d:#}");
    ExitCode::FAILURE
}

/// Every brand in parallel; diagnostics are printed once all are done, in brand order, so that
/// they do not interleave.
fn build_all(deck: &Path, opts: &BuildOptions, verbosity: Verbosity) -> ExitCode {
    let brands = batch::all_brands(deck, opts.theme_dir.as_deref());
    let progress = Progress::new(brands.len());
    let results = batch::build_brands(deck, opts, &brands, &|b| {
        progress.tick(&b.brand);
        match &b.result {
            Ok(r) => progress.line(&format!(
                "{}: wrote {} ({} files, {} slides)",
                b.brand,
                r.out_dir.display(),
                r.files.len(),
                r.slides
            )),
            Err(_) => progress.line(&format!("{}: failed", b.brand)),
        }
    });
    progress.finish();
    // The same warning for every brand (a crowded slide) is printed once.
    let mut seen = BTreeSet::new();
    let mut failed = Vec::new();
    for b in &results {
        match &b.result {
            Ok(report) => {
                for w in report.warnings.iter() {
                    if verbosity != Verbosity::Quiet && seen.insert(w.to_string()) {
                        anstream::eprint!("{w:#}");
                    }
                }
            }
            Err(diags) => {
                eprintln!("error: the brand `{}` could not be built:", b.brand);
                report(diags, verbosity);
                failed.push(b.brand.as_str());
            }
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "error: {} of {} brands failed: {}",
            failed.len(),
            results.len(),
            failed.join(", ")
        );
        ExitCode::FAILURE
    }
}

/// Where `diapo themes` and `diapo brands` look: `--theme-dir`, the deck's `themes/`, built-ins.
fn sources(deck: Option<PathBuf>, theme_dir: Option<PathBuf>) -> Result<ThemeSources, ExitCode> {
    if let Some(dir) = &theme_dir {
        if let Err(d) = theme::files::check_theme_dir(dir) {
            return Err(fail(d));
        }
    }
    let deck_dir = deck.map(|d| {
        if d.is_dir() {
            d
        } else {
            d.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    });
    Ok(ThemeSources::new(theme_dir.as_deref(), deck_dir.as_deref()))
}

fn list(items: &[Listed]) -> ExitCode {
    let width = items
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(0);
    for item in items {
        println!("{}", item.line(width));
    }
    ExitCode::SUCCESS
}

/// `diapo serve`: serve until Ctrl-C. A missing deck or a busy port is an error (exit 1); a deck
/// that does not build is not: its errors show in the page until they are fixed.
fn serve(
    deck: PathBuf,
    port: Option<u16>,
    open: bool,
    brand: Option<String>,
    build: BuildOptions,
    verbosity: Verbosity,
) -> ExitCode {
    let brand = match BrandChoice::from_arg(brand.as_deref()) {
        BrandChoice::Deck => None,
        BrandChoice::One(id) => Some(id),
        BrandChoice::All => {
            eprintln!("error: `diapo serve` shows one brand at a time; `--brand all` is for `diapo build`");
            return ExitCode::from(2);
        }
    };
    let opts = ServeOptions {
        deck,
        port,
        build: BuildOptions { brand, ..build },
    };
    let shown = opts.deck.display().to_string();
    let report = std::sync::Arc::new(move |notice: Notice<'_>| match notice {
        Notice::Built {
            slides,
            elapsed,
            changed,
            first,
            warnings,
        } => {
            report(warnings, verbosity);
            if verbosity == Verbosity::Quiet {
                return;
            }
            let plural = if slides == 1 { "" } else { "s" };
            let ms = elapsed.as_millis();
            match (first, changed) {
                (true, _) => println!("built {shown} ({slides} slide{plural}) in {ms} ms"),
                (false, Some(n)) => {
                    println!("rebuilt in {ms} ms ({slides} slide{plural}): reloading on slide {n}")
                }
                (false, None) => println!("rebuilt in {ms} ms ({slides} slide{plural}): reloading"),
            }
        }
        Notice::Failed { errors } => {
            report(errors, verbosity);
            eprintln!("the page shows this error; the last deck that built stays served");
        }
        Notice::Unchanged => {}
        Notice::NotWatched(d) => report(&Diagnostics(vec![d.clone()]), verbosity),
    });
    let server = match diapo::serve::Server::start(opts, report) {
        Ok(server) => server,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let url = server.url();
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot catch Ctrl-C ({e}): stop diapo serve by closing its terminal");
    }
    println!("serving on {url}  (Ctrl-C to stop)");
    if open {
        open_browser(&url);
    }
    server.run();
    println!("stopped");
    ExitCode::SUCCESS
}

/// The system's way to open an address in the default browser; a failure is only a warning.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        // Reaped on its own thread: the opener returns at once, the browser lives on.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("warning: cannot open a browser ({e}): open {url} yourself"),
    }
}
