//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand};
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
        /// Outputs to write, comma-separated: html, pdf, handout (default: all three).
        #[arg(long, value_delimiter = ',', value_name = "LIST")]
        format: Vec<crate::build::Format>,
        /// Use your own reveal.js copy (a folder holding dist/reveal.js) instead of diapo's runtime.
        #[arg(long, value_name = "PATH")]
        reveal_js: Option<PathBuf>,
        /// Build for a brand (see `diapo brands`) into <out>/<brand>/, or `all` for every brand.
        #[arg(long, value_name = "NAME|all")]
        brand: Option<String>,
        #[command(flatten)]
        shape: DeckArgs,
    },
    /// Live preview: build DECK, serve it on 127.0.0.1 and reload the browser on the edited
    /// slide at each save.
    Serve {
        /// A deck folder holding deck.md, or a Markdown file.
        deck: PathBuf,
        /// Port on 127.0.0.1 (default: 8080, or the next free one; 0: any free port).
        #[arg(long)]
        port: Option<u16>,
        /// Open the deck in the default browser.
        #[arg(long)]
        open: bool,
        /// Show the deck for this brand (see `diapo brands`).
        #[arg(long, value_name = "NAME")]
        brand: Option<String>,
        #[command(flatten)]
        shape: DeckArgs,
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

/// What shapes a deck, the same for `build` and `serve`.
#[derive(Debug, Clone, Args)]
pub struct DeckArgs {
    /// Theme to use instead of the front matter's.
    #[arg(long)]
    pub theme: Option<String>,
    /// Keep raw HTML written in the Markdown (escaped by default).
    #[arg(long)]
    pub allow_html: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// What handout.pdf holds: notes (slides with speaker and facilitator notes), 3up (three
    /// slides a page with lines for notes) or leaflet (a 2–4 page summary).
    #[arg(long, value_enum, default_value_t = crate::layout::handout::HandoutMode::Notes)]
    pub handout: crate::layout::handout::HandoutMode,
    /// A folder of themes and brands, searched before the deck's themes/ and the built-ins.
    #[arg(long, value_name = "DIR")]
    pub theme_dir: Option<PathBuf>,
    /// Build even when the colours fail the contrast rule (warnings instead of errors).
    #[arg(long)]
    pub force: bool,
    /// Also read images from this folder, outside the deck's own (repeatable).
    #[arg(long, value_name = "PATH")]
    pub allow_outside: Vec<PathBuf>,
}

impl DeckArgs {
    /// The build options these flags give; the command sets the rest (output, formats, brand).
    pub fn build_options(self) -> crate::build::BuildOptions {
        crate::build::BuildOptions {
            theme: self.theme,
            allow_html: self.allow_html,
            strict: self.strict,
            handout: self.handout,
            theme_dir: self.theme_dir,
            force: self.force,
            allow_outside: self.allow_outside,
            ..Default::default()
        }
    }
}
