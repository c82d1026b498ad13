//! The pipeline's dependencies point one way: the linter never calls back into the build, the
//! parser depends on neither the theme nor fitting (nor the theme on the parser), and the parse
//! stage reads no file (included files come through its loader, `diapo::input` reads them).
//! Read from the source, so that a new `use` that closes a cycle fails here.

use std::path::Path;

/// Every Rust file under `dir`, with its text (test modules left out: they may use anything).
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let code = match text.find("#[cfg(test)]") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                out.push((path.display().to_string(), code));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(dir), &mut out);
    assert!(!out.is_empty(), "no source under {dir}");
    out
}

/// The places under `dir` (code, not comments) that name one of `needles`.
fn uses(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, code) in sources(dir) {
        for (i, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            if needles.iter().any(|n| line.contains(n)) {
                found.push(format!("{path}:{}: {line}", i + 1));
            }
        }
    }
    found
}

#[test]
fn the_linter_does_not_call_back_into_the_build() {
    assert_eq!(uses("src/check", &["crate::build"]), Vec::<String>::new());
}

#[test]
fn the_parser_theme_and_fitting_do_not_depend_in_a_circle() {
    assert_eq!(
        uses("src/deck", &["crate::theme", "crate::fit", "crate::build"]),
        Vec::<String>::new()
    );
    assert_eq!(
        uses("src/theme", &["crate::deck", "crate::fit", "crate::build"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_parse_stage_reads_no_file() {
    assert_eq!(
        uses(
            "src/deck",
            &[
                "std::fs",
                "fs::",
                " File::",
                "(File::",
                "crate::input",
                ".is_file()",
                ".is_dir()",
                "canonicalize"
            ]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn only_the_pdf_writer_talks_to_printpdf() {
    // The content streams' bytes (`render/pdf_content.rs`) are written without it too.
    let found: Vec<String> = uses("src", &["printpdf"])
        .into_iter()
        .filter(|place| !place.starts_with("src/render/pdf.rs:"))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}
