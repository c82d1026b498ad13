//! One deck for one or every brand: `--brand NAME` builds into `out/<deck>/<brand>/`, `--brand all`
//! builds every brand in parallel (rayon), each into its own folder, with a progress bar on a
//! terminal (indicatif) and one plain line per brand otherwise.

use crate::build::{self, BuildOptions, BuildReport};
use crate::diagnostic::Diagnostics;
use crate::theme::{self, ThemeSources};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What `--brand` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrandChoice {
    /// No `--brand`: the front matter's `brand:` if any, written to the usual folder.
    Deck,
    One(String),
    All,
}

impl BrandChoice {
    pub fn from_arg(arg: Option<&str>) -> Self {
        match arg {
            None => BrandChoice::Deck,
            Some("all") => BrandChoice::All,
            Some(id) => BrandChoice::One(id.to_string()),
        }
    }
}

/// One brand's build.
#[derive(Debug)]
pub struct BrandBuild {
    pub brand: String,
    pub result: Result<BuildReport, Diagnostics>,
}

/// The brands `--brand all` builds: every brand the theme folders and the built-ins hold.
pub fn all_brands(deck: &Path, theme_dir: Option<&Path>) -> Vec<String> {
    let deck_dir = deck_dir(deck);
    let sources = ThemeSources::new(theme_dir, deck_dir.as_deref());
    theme::brand::all(&sources)
}

/// The folder a brand's outputs go to: `<out>/<brand>/`, `<out>` being `--out` or `out/<deck>`.
pub fn out_dir(deck: &Path, out: Option<&Path>, brand: &str) -> PathBuf {
    let base = out.map_or_else(
        || Path::new("out").join(build::deck_name(deck)),
        Path::to_path_buf,
    );
    base.join(brand)
}

/// Builds the deck for each brand, in parallel; `done` is called as each one finishes.
pub fn build_brands(
    deck: &Path,
    opts: &BuildOptions,
    brands: &[String],
    done: &(dyn Fn(&BrandBuild) + Sync),
) -> Vec<BrandBuild> {
    brands
        .par_iter()
        .map(|brand| {
            let opts = BuildOptions {
                brand: Some(brand.clone()),
                out: Some(out_dir(deck, opts.out.as_deref(), brand)),
                ..opts.clone()
            };
            let b = BrandBuild {
                brand: brand.clone(),
                result: build::build(deck, &opts),
            };
            done(&b);
            b
        })
        .collect()
}

/// Progress of a multi-brand build: a bar on a terminal, plain lines otherwise.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message("building…");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress { bar }
    }

    /// A line above the bar (or on stdout without one).
    pub fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => println!("{text}"),
        }
    }

    pub fn tick(&self, brand: &str) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(brand.to_string());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The folder of a deck argument (a deck folder, or the folder of a Markdown file).
fn deck_dir(deck: &Path) -> Option<PathBuf> {
    if deck.is_dir() {
        Some(deck.to_path_buf())
    } else {
        deck.parent().map(Path::to_path_buf)
    }
}
