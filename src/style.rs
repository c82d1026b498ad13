//! Terminal styles for diagnostics and the checklist. Text is always written with its styles
//! (`{:#}` on a diagnostic); the output streams (`anstream`) drop them when they are not a
//! terminal, when `NO_COLOR` is set, or when `CLICOLOR=0`, so a pipe or a file gets plain text.

use crate::diagnostic::Severity;
use anstyle::{AnsiColor, Color, Style};

#[derive(Debug, Clone, Copy)]
pub struct Styles {
    pub error: Style,
    pub warning: Style,
    pub info: Style,
    pub ok: Style,
    pub bold: Style,
    /// The `-->` and `|` around a source excerpt.
    pub gutter: Style,
}

const fn fg(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(Color::Ansi(c)))
}

impl Styles {
    pub const PLAIN: Styles = Styles {
        error: Style::new(),
        warning: Style::new(),
        info: Style::new(),
        ok: Style::new(),
        bold: Style::new(),
        gutter: Style::new(),
    };

    pub const COLOURED: Styles = Styles {
        error: fg(AnsiColor::Red).bold(),
        warning: fg(AnsiColor::Yellow).bold(),
        info: fg(AnsiColor::Cyan).bold(),
        ok: fg(AnsiColor::Green).bold(),
        bold: Style::new().bold(),
        gutter: fg(AnsiColor::Blue).bold(),
    };

    pub fn new(coloured: bool) -> Styles {
        if coloured {
            Styles::COLOURED
        } else {
            Styles::PLAIN
        }
    }

    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}
