//! The `diapo` binary: parse arguments, call the library, print diagnostics, set the exit code.

use clap::Parser;
use diapo::batch::{self, BrandChoice, Progress};
use diapo::build::{self, BuildOptions};
use diapo::cli::{Cli, Command, DeckArgs};
use diapo::serve::{Notice, ServeOptions};
use diapo::theme::{self, Listed, ThemeSources};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            deck,
            out,
            format,
            reveal_js,
            brand,
            shape,
        } => {
            let opts = BuildOptions {
                out,
                reveal_js,
                formats: format,
                ..shape.build_options()
            };
            match BrandChoice::from_arg(brand.as_deref()) {
                BrandChoice::Deck => build_one(&deck, &opts),
                BrandChoice::One(id) => {
                    let out = batch::out_dir(&deck, opts.out.as_deref(), &id);
                    let opts = BuildOptions {
                        brand: Some(id),
                        out: Some(out),
                        ..opts
                    };
                    build_one(&deck, &opts)
                }
                BrandChoice::All => build_all(&deck, &opts),
            }
        }
        Command::Serve {
            deck,
            port,
            open,
            brand,
            shape,
        } => serve(deck, port, open, brand, shape),
        Command::Themes { deck, theme_dir } => match sources(deck, theme_dir) {
            Ok(sources) => list(&theme::list_themes(&sources)),
            Err(code) => code,
        },
        Command::Brands { deck, theme_dir } => match sources(deck, theme_dir) {
            Ok(sources) => list(&theme::list_brands(&sources)),
            Err(code) => code,
        },
    }
}

fn build_one(deck: &Path, opts: &BuildOptions) -> ExitCode {
    match build::build(deck, opts) {
        Ok(report) => {
            for w in report.warnings.iter() {
                eprint!("{w}");
            }
            for f in &report.files {
                let plural = if report.slides == 1 { "" } else { "s" };
                println!("wrote {} ({} slide{plural})", f.display(), report.slides);
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in diags.iter() {
                eprint!("{d}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Every brand in parallel; diagnostics are printed once all are done, in brand order, so that
/// they do not interleave.
fn build_all(deck: &Path, opts: &BuildOptions) -> ExitCode {
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
                    let text = w.to_string();
                    if seen.insert(text.clone()) {
                        eprint!("{text}");
                    }
                }
            }
            Err(diags) => {
                eprintln!("error: the brand `{}` could not be built:", b.brand);
                for d in diags.iter() {
                    eprint!("{d}");
                }
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
            eprint!("{d}");
            return Err(ExitCode::FAILURE);
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
    shape: DeckArgs,
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
        build: BuildOptions {
            brand,
            ..shape.build_options()
        },
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
            for w in warnings.iter() {
                eprint!("{w}");
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
            for d in errors.iter() {
                eprint!("{d}");
            }
            eprintln!("the page shows this error; the last deck that built stays served");
        }
        Notice::Unchanged => {}
        Notice::NotWatched(d) => eprint!("{d}"),
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
