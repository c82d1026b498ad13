//! The files a deck includes (Slidev's `src: other.md`) reach the parser through a [`Loader`], so
//! the parse stage itself touches no file: `crate::input::FolderLoader` reads them from the deck's
//! folder (confined to it) for a build; [`InMemory`] holds them as texts for tests and for decks
//! parsed from memory.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// Why an included file is not read when no file has that name.
pub const NO_SUCH_FILE: &str = "there is no such file in the deck's folder";

/// Reads the files a deck includes.
pub trait Loader: Send + Sync {
    /// The text of the file `written` names, as the deck at `deck` writes it; or why it is not
    /// read, said after "`src: …` is not included: ".
    fn read(&self, deck: &Path, written: &str) -> Result<String, String>;
}

/// Included files as texts, by the name the deck writes (a leading `./` aside).
#[derive(Debug, Clone, Default)]
pub struct InMemory(pub BTreeMap<String, String>);

impl InMemory {
    pub fn with(mut self, name: &str, text: &str) -> InMemory {
        self.0.insert(name.to_string(), text.to_string());
        self
    }
}

impl Loader for InMemory {
    fn read(&self, _deck: &Path, written: &str) -> Result<String, String> {
        let name = written.trim().trim_start_matches("./");
        self.0
            .get(name)
            .cloned()
            .ok_or_else(|| NO_SUCH_FILE.to_string())
    }
}

/// The loader a parse uses (by default, one that holds no file).
#[derive(Clone)]
pub struct Includes(pub Arc<dyn Loader>);

impl Includes {
    pub fn new(loader: impl Loader + 'static) -> Includes {
        Includes(Arc::new(loader))
    }
}

impl Default for Includes {
    fn default() -> Includes {
        Includes::new(InMemory::default())
    }
}

impl fmt::Debug for Includes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Includes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{parse_source_all, ParseOptions};
    use crate::diagnostic::SourceFile;

    const DECK: &str = "---\ntheme: seriph\ntitle: Inclusions\n---\n\n# Ouverture\n\n---\nsrc: ./pages/extra.md\n---\n\n---\nsrc: ./absent.md\n---\n\n---\nsrc: ./boucle.md\n---\n";

    fn parse(loader: InMemory) -> (Vec<String>, Vec<String>) {
        let src = SourceFile::new("/nulle/part/deck.md", DECK.to_string());
        let opts = ParseOptions {
            includes: Includes::new(loader),
            ..ParseOptions::default()
        };
        let (deck, diags) = parse_source_all(&src, &opts).expect("a deck");
        let titles = deck.slides.iter().map(|s| s.title_text()).collect();
        let messages = diags.iter().map(|d| d.message.clone()).collect();
        (titles, messages)
    }

    #[test]
    fn includes_come_through_the_loader() {
        let loader = InMemory::default()
            .with(
                "pages/extra.md",
                "# Les prochaines étapes\n\n- Recenser\n- Publier\n",
            )
            .with("boucle.md", "---\nsrc: ./boucle.md\n---\n");
        let (titles, messages) = parse(loader);
        assert!(
            titles.iter().any(|t| t == "Les prochaines étapes"),
            "{titles:?}"
        );
        assert!(
            messages.contains(&format!(
                "`src: ./absent.md` is not included: {NO_SUCH_FILE}"
            )),
            "{messages:?}"
        );
        let deep = format!(
            "`src: ./boucle.md` is not included: includes nest more than {} deep",
            crate::limits::MAX_INCLUDE_DEPTH
        );
        assert!(messages.contains(&deep), "{messages:?}");
    }

    #[test]
    fn with_no_loader_nothing_is_included() {
        let (titles, messages) = parse(InMemory::default());
        assert!(
            !titles.iter().any(|t| t == "Les prochaines étapes"),
            "{titles:?}"
        );
        assert_eq!(
            messages
                .iter()
                .filter(|m| m.ends_with(NO_SUCH_FILE))
                .count(),
            3,
            "{messages:?}"
        );
    }
}
