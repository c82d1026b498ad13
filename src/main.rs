//! The `diapo` binary: parse arguments, call the library, print diagnostics, set the exit code.

use clap::Parser;
use diapo::build::{self, BuildOptions};
use diapo::cli::{Cli, Command};
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
        } => {
            let opts = BuildOptions {
                out,
                allow_html,
                strict,
                theme,
                reveal_js,
                formats: format,
                handout,
            };
            match build::build(&deck, &opts) {
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
    }
}
