//! `diapo new`: a deck folder made from a template embedded in the binary, in the deck's language,
//! that builds at once and shows the syntax. The folder is written whole or not at all: into a
//! temporary folder beside it first, then renamed into place; an existing folder is never touched.

use crate::diagnostic::Diagnostic;
use crate::model::Lang;
use std::path::{Path, PathBuf};

/// The starter decks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A short awareness session: objectives, agenda, poll, key figure, image, comparison,
    /// testimony, definition, next steps, closing — with notes and facilitator suggestions.
    Sensibilisation,
    /// A title and one slide, with the syntax in a speaker note.
    Blank,
}

/// A template's files: (path in the deck folder, French content, English content).
type Files = &'static [(&'static str, &'static [u8], &'static [u8])];

const SENSIBILISATION: Files = &[
    (
        "deck.md",
        include_bytes!("../decks/templates/sensibilisation/deck.fr.md"),
        include_bytes!("../decks/templates/sensibilisation/deck.en.md"),
    ),
    (
        // A vector drawing: sharp in the PDF and on any screen, where a bitmap would blur.
        "images/parcours.svg",
        include_bytes!("../decks/templates/sensibilisation/images/parcours.svg"),
        include_bytes!("../decks/templates/sensibilisation/images/parcours.svg"),
    ),
];

const BLANK: Files = &[(
    "deck.md",
    include_bytes!("../decks/templates/blank/deck.fr.md"),
    include_bytes!("../decks/templates/blank/deck.en.md"),
)];

/// Where the deck's title goes in a template.
const TITLE_MARK: &str = "__TITLE__";

/// Longest deck name accepted: it names a folder and the default title.
const MAX_NAME_CHARS: usize = 64;

/// A deck `diapo new` made.
#[derive(Debug)]
pub struct Created {
    pub dir: PathBuf,
    /// The files written, relative to `dir`.
    pub files: Vec<&'static str>,
}

/// Creates `parent/name/` from a template. Refuses a name that is not a plain folder name and a
/// folder that exists, writing nothing.
pub fn create(
    parent: &Path,
    name: &str,
    template: Template,
    lang: Lang,
) -> Result<Created, Diagnostic> {
    check_name(name)?;
    let dir = parent.join(name);
    if dir.exists() || dir.is_symlink() {
        return Err(
            Diagnostic::error(format!("{} already exists", dir.display()))
                .with_hint("choose another name, or move that folder away first: diapo new never writes over a folder"),
        );
    }
    let cannot = |what: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot write {}: {e}", what.display())).at_path(what)
    };
    std::fs::create_dir_all(parent).map_err(|e| cannot(parent, e))?;
    // Created exclusively under a random name: a link planted at a predictable one would lead
    // the files elsewhere.
    let tmp_dir = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .map_err(|e| cannot(parent, e))?;
    let tmp = tmp_dir.path().to_path_buf();
    let files = match template {
        Template::Sensibilisation => SENSIBILISATION,
        Template::Blank => BLANK,
    };
    let title = title_of(name);
    let written = (|| {
        for (path, fr, en) in files {
            let bytes = match lang {
                Lang::Fr => fr,
                Lang::En => en,
            };
            let target = tmp.join(path);
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).map_err(|e| cannot(folder, e))?;
            }
            let content = if path.ends_with(".md") {
                String::from_utf8_lossy(bytes)
                    .replace(TITLE_MARK, &title)
                    .into_bytes()
            } else {
                bytes.to_vec()
            };
            std::fs::write(&target, content).map_err(|e| cannot(&target, e))?;
        }
        // A folder created meanwhile is not replaced: rename would take an empty one's place.
        if dir.exists() {
            return Err(Diagnostic::error(format!(
                "{} already exists",
                dir.display()
            )));
        }
        // `tempfile` makes the folder private to the user; the deck's folder is a plain one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| cannot(&tmp, e))?;
        }
        std::fs::rename(&tmp, &dir).map_err(|e| cannot(&dir, e))
    })();
    // Renamed: nothing is left to remove; otherwise the `TempDir` removes what was written.
    if written.is_ok() {
        let _ = tmp_dir.keep();
    }
    written?;
    Ok(Created {
        dir,
        files: files.iter().map(|(path, _, _)| *path).collect(),
    })
}

/// A deck name is one folder name: letters, digits, `-` and `_`.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().next().is_some_and(char::is_alphanumeric)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    Err(
        Diagnostic::error(format!("`{name}` cannot name a deck folder"))
            .with_hint(format!("use letters, digits, `-` and `_` ({MAX_NAME_CHARS} at most, starting with a letter or digit), e.g. `sensibilisation-cloud`; the deck goes to decks/<name>/")),
    )
}

/// `sensibilisation-cloud` → `Sensibilisation cloud`.
fn title_of(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `fr` or `en`, for `--lang`.
pub fn parse_lang(text: &str) -> Result<Lang, String> {
    match text.trim().to_lowercase().as_str() {
        "fr" => Ok(Lang::Fr),
        "en" => Ok(Lang::En),
        other => Err(format!("`{other}` is not a deck language: use fr or en")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_titles() {
        assert!(check_name("sensibilisation-cloud").is_ok());
        assert!(check_name("sécurité_2026").is_ok());
        for bad in [
            "",
            "../x",
            "a/b",
            ".cache",
            "-x",
            "mon deck",
            &"x".repeat(65),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(title_of("sensibilisation-cloud"), "Sensibilisation cloud");
        assert_eq!(title_of("état_des_lieux"), "État des lieux");
    }

    #[test]
    fn templates_have_a_title_mark_in_both_languages() {
        for files in [SENSIBILISATION, BLANK] {
            let (_, fr, en) = files[0];
            for text in [fr, en] {
                assert!(String::from_utf8_lossy(text).contains(TITLE_MARK));
            }
        }
    }
}
