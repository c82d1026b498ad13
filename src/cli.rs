//! Command-line arguments (clap derive).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "diapo",
    version,
    about = "Turns a Markdown outline into offline HTML slides and PDF handouts",
    after_help = "Exit codes: 0 success (warnings may be printed), 1 the deck has an error or \
                  `diapo check` found one (with --strict, a warning), 2 the command line is wrong.\n\
                  Colours only on a terminal; NO_COLOR=1 turns them off, CLICOLOR_FORCE=1 on."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print errors only.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print what each stage did and how long it took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// The speaking pace of the timing estimate (`diapo check`, and the warnings of `diapo build`).
#[derive(Debug, Clone, clap::Args)]
pub struct PaceArgs {
    /// Speaking pace of the timing estimate, in words a minute (slide text and notes).
    #[arg(long, value_name = "N", default_value_t = crate::check::Pace::default().words_per_minute,
          value_parser = clap::value_parser!(u32).range(40..=400))]
    pub wpm: u32,
    /// The least time a slide takes in the timing estimate, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::check::Pace::default().min_seconds_per_slide,
          value_parser = clap::value_parser!(u32).range(0..=600))]
    pub min_per_slide: u32,
}

impl PaceArgs {
    pub fn pace(&self) -> crate::check::Pace {
        crate::check::Pace {
            words_per_minute: self.wpm,
            min_seconds_per_slide: self.min_per_slide,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a deck: DECK is a folder holding deck.md, or a Markdown file.
    Build {
        deck: PathBuf,
        /// Output folder (default: out/<deck-name>/).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Outputs to write, comma-separated: html, pdf, handout, odp, pptx, or all (default:
        /// html, pdf and handout).
        #[arg(long, value_delimiter = ',', value_name = "LIST")]
        format: Vec<crate::build::Format>,
        /// Use your own reveal.js copy (a folder holding dist/reveal.js) instead of diapo's runtime.
        #[arg(long, value_name = "PATH")]
        reveal_js: Option<PathBuf>,
        /// Build for a brand (see `diapo brands`) into <out>/<brand>/, or `all` for every brand.
        #[arg(long, value_name = "NAME|all")]
        brand: Option<String>,
        #[command(flatten)]
        handout: HandoutArg,
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
        handout: HandoutArg,
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
    /// Check a deck like a checklist: timing against `duration`, readability, images, links,
    /// contrast. Exits with 1 when something is an error.
    Check {
        deck: PathBuf,
        /// Print the findings as JSON (for CI).
        #[arg(long)]
        json: bool,
        /// Check the deck for this brand (see `diapo brands`).
        #[arg(long, value_name = "NAME")]
        brand: Option<String>,
        #[command(flatten)]
        shape: DeckArgs,
    },
    /// Create decks/NAME/ with a deck that builds at once and shows the syntax.
    New {
        /// The deck's folder name: letters, digits, `-` and `_`.
        name: String,
        /// What the deck starts with.
        #[arg(long, value_enum, default_value_t = crate::starter::Template::Sensibilisation)]
        template: crate::starter::Template,
        /// The deck's language: fr or en.
        #[arg(long, default_value = "fr", value_parser = crate::starter::parse_lang)]
        lang: crate::model::Lang,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), or write one per command into a folder.
    Man {
        /// Write diapo.1 and diapo-<command>.1 into this folder instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// What `handout.pdf` holds (`build` and `serve`).
#[derive(Debug, Clone, Args)]
pub struct HandoutArg {
    /// What handout.pdf holds: notes (slides with speaker and facilitator notes), 3up (three
    /// slides a page with lines for notes) or leaflet (a 2–4 page summary).
    #[arg(long, value_enum, default_value_t = crate::layout::handout::HandoutMode::Notes)]
    pub handout: crate::layout::handout::HandoutMode,
}

/// What shapes a deck and its warnings, the same for `build`, `serve` and `check`.
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
    /// A folder of themes and brands, searched before the deck's themes/ and the built-ins.
    #[arg(long, value_name = "DIR")]
    pub theme_dir: Option<PathBuf>,
    /// Build even when the colours fail the contrast rule (warnings instead of errors).
    #[arg(long)]
    pub force: bool,
    /// Also read images from this folder, outside the deck's own (repeatable).
    #[arg(long, value_name = "PATH")]
    pub allow_outside: Vec<PathBuf>,
    /// The tool the deck was written for, when diapo guesses wrong: diapo, marp, slidev,
    /// reveal (reveal.js, reveal-md), pandoc (Pandoc, Quarto, R Markdown) or presenterm.
    #[arg(long, value_name = "TOOL", value_parser = parse_dialect)]
    pub dialect: Option<crate::deck::dialect::Dialect>,
    #[command(flatten)]
    pub pace: PaceArgs,
}

fn parse_dialect(name: &str) -> Result<crate::deck::dialect::Dialect, String> {
    crate::deck::dialect::Dialect::from_name(name).ok_or_else(|| {
        "dialects are diapo, marp, slidev, reveal, pandoc (Quarto, R Markdown) and presenterm"
            .to_string()
    })
}

impl DeckArgs {
    /// The build options these flags give; the command sets the rest (output, formats, brand).
    pub fn build_options(self) -> crate::build::BuildOptions {
        crate::build::BuildOptions {
            theme: self.theme,
            allow_html: self.allow_html,
            strict: self.strict,
            theme_dir: self.theme_dir,
            force: self.force,
            allow_outside: self.allow_outside,
            dialect: self.dialect,
            pace: self.pace.pace(),
            ..Default::default()
        }
    }
}
