//! Command-line arguments (clap derive).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "diapo",
    version,
    about = "Turns a Markdown outline into offline HTML slides and PDF handouts"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a deck: DECK is a folder holding deck.md, or a Markdown file.
    Build {
        deck: PathBuf,
        /// Output folder (default: out/<deck-name>/).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Theme to use instead of the front matter's.
        #[arg(long)]
        theme: Option<String>,
        /// Keep raw HTML written in the Markdown (escaped by default).
        #[arg(long)]
        allow_html: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Outputs to write, comma-separated: html, pdf, handout (default: all three).
        #[arg(long, value_delimiter = ',', value_name = "LIST")]
        format: Vec<crate::build::Format>,
        /// What handout.pdf holds: notes (slides with speaker and facilitator notes), 3up (three
        /// slides a page with lines for notes) or leaflet (a 2–4 page summary).
        #[arg(long, value_enum, default_value_t = crate::layout::handout::HandoutMode::Notes)]
        handout: crate::layout::handout::HandoutMode,
        /// Use your own reveal.js copy (a folder holding dist/reveal.js) instead of diapo's runtime.
        #[arg(long, value_name = "PATH")]
        reveal_js: Option<PathBuf>,
        /// Build for a brand (see `diapo brands`) into <out>/<brand>/, or `all` for every brand.
        #[arg(long, value_name = "NAME|all")]
        brand: Option<String>,
        /// A folder of themes and brands, searched before the deck's themes/ and the built-ins.
        #[arg(long, value_name = "DIR")]
        theme_dir: Option<PathBuf>,
        /// Build even when the colours fail the contrast rule (warnings instead of errors).
        #[arg(long)]
        force: bool,
        /// Also read images from this folder, outside the deck's own (repeatable).
        #[arg(long, value_name = "PATH")]
        allow_outside: Vec<PathBuf>,
    },
    /// List the themes, one line each.
    Themes {
        /// Also list the themes of this deck's themes/ folder.
        deck: Option<PathBuf>,
        /// A folder of themes, as for `build`.
        #[arg(long, value_name = "DIR")]
        theme_dir: Option<PathBuf>,
    },
    /// List the brands (ministries), one line each.
    Brands {
        /// Also list the brands of this deck's themes/brands/ folder.
        deck: Option<PathBuf>,
        /// A folder of themes and brands, as for `build`.
        #[arg(long, value_name = "DIR")]
        theme_dir: Option<PathBuf>,
    },
}
