//! The `diapo` binary: parse arguments, call the library, print diagnostics, set the exit code.

use clap::Parser;
use diapo::batch::{self, BrandChoice, Progress};
use diapo::build::{self, BuildOptions};
use diapo::cli::{Cli, Command};
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
            theme,
            allow_html,
            strict,
            reveal_js,
            format,
            handout,
            brand,
            theme_dir,
            force,
            allow_outside,
        } => {
            let opts = BuildOptions {
                out,
                allow_html,
                strict,
                theme,
                reveal_js,
                formats: format,
                handout,
                brand: None,
                theme_dir,
                force,
                allow_outside,
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
