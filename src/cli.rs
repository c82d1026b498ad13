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
        /// Use your own reveal.js copy (a folder holding dist/reveal.js) instead of diapo's runtime.
        #[arg(long, value_name = "PATH")]
        reveal_js: Option<PathBuf>,
    },
}
