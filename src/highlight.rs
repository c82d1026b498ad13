//! Code highlighting at build time, one answer for every output: a code block's text is cut into
//! tokens (keywords, strings, comments, numbers, the rest), which the HTML colours with classes
//! and the PDF with text colours, both from [`colours`], so the two agree to the glyph.
//!
//! A small lexer per language family rather than a grammar engine: syntect with its default
//! syntaxes adds about 30 crates and several megabytes of compiled grammars to the binary, and
//! still lacks TypeScript, Dockerfile and HCL; slides show a dozen lines at a time, for which
//! keywords, strings, comments and numbers are what a reader needs. An unknown language is plain
//! text, without a warning.

use crate::color::Rgb;
use std::ops::Range;

/// What a piece of code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    Keyword,
    Str,
    Comment,
    Number,
}

impl Token {
    /// The HTML class of the token (none for plain text).
    pub fn class(self) -> Option<&'static str> {
        match self {
            Token::Plain => None,
            Token::Keyword => Some("tok-k"),
            Token::Str => Some("tok-s"),
            Token::Comment => Some("tok-c"),
            Token::Number => Some("tok-n"),
        }
    }
}

/// How one language family writes comments, strings and keywords.
struct Syntax {
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    quotes: &'static [char],
    keywords: &'static [&'static str],
    /// SQL and Dockerfile keywords are written in any case.
    any_case: bool,
    /// YAML: `key:` at the start of a line is a keyword.
    keys: bool,
}

const C_LIKE: (Option<(&str, &str)>, &[&str]) = (Some(("/*", "*/")), &["//"]);

fn syntax(lang: &str) -> Option<Syntax> {
    let lang = lang.trim().to_ascii_lowercase();
    let plain = |line: &'static [&'static str], quotes: &'static [char], keywords| Syntax {
        line_comments: line,
        block_comment: None,
        quotes,
        keywords,
        any_case: false,
        keys: false,
    };
    let c_like = |quotes: &'static [char], keywords| Syntax {
        line_comments: C_LIKE.1,
        block_comment: C_LIKE.0,
        quotes,
        keywords,
        any_case: false,
        keys: false,
    };
    Some(match lang.as_str() {
        "yaml" | "yml" => Syntax {
            keys: true,
            ..plain(
                &["#"],
                &['"', '\''],
                &["true", "false", "null", "yes", "no"],
            )
        },
        "json" | "jsonc" => c_like(&['"'], &["true", "false", "null"]),
        "sh" | "bash" | "shell" | "zsh" | "console" => plain(
            &["#"],
            &['"', '\''],
            &[
                "if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case", "esac",
                "in", "function", "return", "export", "local", "set", "echo", "cd", "sudo",
            ],
        ),
        "dockerfile" | "docker" | "containerfile" => Syntax {
            any_case: true,
            ..plain(
                &["#"],
                &['"', '\''],
                &[
                    "from",
                    "run",
                    "cmd",
                    "copy",
                    "add",
                    "env",
                    "arg",
                    "workdir",
                    "expose",
                    "user",
                    "entrypoint",
                    "label",
                    "volume",
                    "healthcheck",
                    "as",
                    "shell",
                    "onbuild",
                    "stopsignal",
                ],
            )
        },
        "python" | "py" => plain(
            &["#"],
            &['"', '\''],
            &[
                "def", "class", "return", "if", "elif", "else", "for", "while", "in", "import",
                "from", "as", "with", "try", "except", "finally", "raise", "lambda", "yield",
                "pass", "break", "continue", "and", "or", "not", "is", "None", "True", "False",
                "async", "await", "global",
            ],
        ),
        "java" | "kotlin" => c_like(
            &['"', '\''],
            &[
                "public",
                "private",
                "protected",
                "class",
                "interface",
                "extends",
                "implements",
                "static",
                "final",
                "void",
                "return",
                "if",
                "else",
                "for",
                "while",
                "new",
                "import",
                "package",
                "try",
                "catch",
                "finally",
                "throw",
                "throws",
                "null",
                "true",
                "false",
                "this",
                "int",
                "long",
                "boolean",
                "var",
                "record",
                "enum",
            ],
        ),
        "javascript" | "js" | "typescript" | "ts" | "jsx" | "tsx" | "mjs" => c_like(
            &['"', '\'', '`'],
            &[
                "const",
                "let",
                "var",
                "function",
                "return",
                "if",
                "else",
                "for",
                "while",
                "class",
                "extends",
                "new",
                "import",
                "export",
                "from",
                "default",
                "async",
                "await",
                "try",
                "catch",
                "throw",
                "null",
                "undefined",
                "true",
                "false",
                "this",
                "interface",
                "type",
                "enum",
                "implements",
                "of",
                "in",
            ],
        ),
        "go" | "golang" => c_like(
            &['"', '\'', '`'],
            &[
                "package",
                "import",
                "func",
                "return",
                "if",
                "else",
                "for",
                "range",
                "var",
                "const",
                "type",
                "struct",
                "interface",
                "map",
                "chan",
                "go",
                "defer",
                "select",
                "switch",
                "case",
                "default",
                "nil",
                "true",
                "false",
                "err",
            ],
        ),
        "rust" | "rs" => c_like(
            &['"'],
            &[
                "fn", "let", "mut", "pub", "struct", "enum", "impl", "trait", "use", "mod",
                "return", "if", "else", "match", "for", "while", "loop", "in", "as", "ref", "self",
                "Self", "crate", "super", "where", "async", "await", "move", "const", "static",
                "true", "false", "Some", "None", "Ok", "Err",
            ],
        ),
        "sql" | "postgresql" | "psql" | "mysql" => Syntax {
            line_comments: &["--"],
            block_comment: Some(("/*", "*/")),
            quotes: &['\''],
            keywords: &[
                "select", "from", "where", "insert", "into", "values", "update", "set", "delete",
                "create", "table", "drop", "alter", "join", "left", "right", "inner", "outer",
                "on", "group", "by", "order", "having", "limit", "and", "or", "not", "null", "as",
                "distinct", "primary", "key", "index", "grant", "revoke",
            ],
            any_case: true,
            keys: false,
        },
        "hcl" | "terraform" | "tf" => Syntax {
            line_comments: &["#", "//"],
            ..c_like(
                &['"'],
                &[
                    "resource",
                    "variable",
                    "output",
                    "module",
                    "provider",
                    "data",
                    "locals",
                    "terraform",
                    "true",
                    "false",
                    "null",
                    "for_each",
                    "count",
                    "depends_on",
                ],
            )
        },
        "markdown" | "md" => Syntax {
            keys: false,
            ..plain(&[], &['`'], &[])
        },
        _ => return None,
    })
}

/// The tokens of `code` in `lang`, as byte ranges covering the whole text in order (runs of the
/// same kind merged). `None` when the language is unknown or absent: plain text.
pub fn tokens(lang: Option<&str>, code: &str) -> Option<Vec<(Token, Range<usize>)>> {
    let lang = lang?;
    let syntax = syntax(lang)?;
    let markdown = matches!(lang.trim().to_ascii_lowercase().as_str(), "markdown" | "md");
    let mut out: Vec<(Token, Range<usize>)> = Vec::new();
    let mut push = |kind: Token, range: Range<usize>| {
        if range.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((k, r)) if *k == kind && r.end == range.start => r.end = range.end,
            _ => out.push((kind, range)),
        }
    };
    let bytes = code.as_bytes();
    let mut at = 0;
    let mut line_start = true;
    while at < code.len() {
        let rest = &code[at..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        // Markdown: a heading line is a keyword, a list marker too.
        if markdown && line_start && (rest.starts_with('#') || rest.starts_with("- ")) {
            let end = rest.find('\n').map_or(code.len(), |n| at + n);
            let kind = if rest.starts_with('#') {
                Token::Keyword
            } else {
                Token::Plain
            };
            push(kind, at..end);
            at = end;
            continue;
        }
        if let Some(prefix) = syntax.line_comments.iter().find(|p| rest.starts_with(**p)) {
            // `#` inside a word (`a#b`, a URL's fragment) is not a comment.
            let glued = at > 0 && *prefix == "#" && !bytes[at - 1].is_ascii_whitespace();
            if !glued {
                let end = rest.find('\n').map_or(code.len(), |n| at + n);
                push(Token::Comment, at..end);
                at = end;
                continue;
            }
        }
        if let Some((open, close)) = syntax.block_comment {
            if let Some(inside) = rest.strip_prefix(open) {
                let end = inside
                    .find(close)
                    .map_or(code.len(), |n| at + open.len() + n + close.len());
                push(Token::Comment, at..end);
                at = end;
                line_start = false;
                continue;
            }
        }
        if syntax.quotes.contains(&c) {
            let end = string_end(rest, c).map_or(code.len(), |n| at + n);
            push(Token::Str, at..end);
            at = end;
            line_start = false;
            continue;
        }
        if c.is_ascii_digit() && (at == 0 || !is_word(bytes[at - 1] as char)) {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            push(Token::Number, at..at + len);
            at += len;
            line_start = false;
            continue;
        }
        if is_word(c) {
            let len = rest.find(|ch: char| !is_word(ch)).unwrap_or(rest.len());
            let word = &rest[..len];
            let keyword = syntax.keywords.iter().any(|k| {
                if syntax.any_case {
                    k.eq_ignore_ascii_case(word)
                } else {
                    *k == word
                }
            });
            let key = syntax.keys && line_start_before(code, at) && rest[len..].starts_with(':');
            push(
                if keyword || key {
                    Token::Keyword
                } else {
                    Token::Plain
                },
                at..at + len,
            );
            at += len;
            line_start = false;
            continue;
        }
        push(Token::Plain, at..at + c.len_utf8());
        at += c.len_utf8();
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    Some(out)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether only blanks (or a YAML list dash) stand between the line's start and `at`.
fn line_start_before(code: &str, at: usize) -> bool {
    let line = code[..at].rsplit('\n').next().unwrap_or("");
    line.trim_start_matches([' ', '\t', '-']).is_empty()
}

/// Where a string opened by `quote` at the start of `rest` ends (just after its closing quote),
/// backslash escapes skipped; a string never runs past its line, except a backquoted one.
fn string_end(rest: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some(i + c.len_utf8());
        } else if c == '\n' && quote != '`' {
            return Some(i);
        }
    }
    None
}

/// The colour of each token kind on the code block's background (`surface`): keywords in the
/// theme's primary colour, strings and numbers in its accent, comments muted — each kept only if
/// it reaches WCAG AA (4.5:1) on that background, else the text colour.
pub fn colours(text: Rgb, primary: Rgb, accent: Rgb, muted: Rgb, surface: Rgb) -> TokenColours {
    let readable = |c: Rgb| if c.contrast(surface) >= 4.5 { c } else { text };
    TokenColours {
        plain: text,
        keyword: readable(primary),
        string: readable(accent),
        comment: readable(muted),
        number: readable(accent),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenColours {
    pub plain: Rgb,
    pub keyword: Rgb,
    pub string: Rgb,
    pub comment: Rgb,
    pub number: Rgb,
}

impl TokenColours {
    pub fn of(&self, token: Token) -> Rgb {
        match token {
            Token::Plain => self.plain,
            Token::Keyword => self.keyword,
            Token::Str => self.string,
            Token::Comment => self.comment,
            Token::Number => self.number,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lang: &str, code: &str) -> Vec<(Token, String)> {
        tokens(Some(lang), code)
            .expect("a known language")
            .into_iter()
            .filter(|(k, _)| *k != Token::Plain)
            .map(|(k, r)| (k, code[r].to_string()))
            .collect()
    }

    #[test]
    fn common_languages_are_known_and_unknown_ones_plain() {
        for lang in [
            "yaml",
            "json",
            "bash",
            "shell",
            "Dockerfile",
            "python",
            "java",
            "javascript",
            "ts",
            "go",
            "rust",
            "sql",
            "hcl",
            "markdown",
        ] {
            assert!(tokens(Some(lang), "x").is_some(), "{lang}");
        }
        assert!(tokens(Some("cobol"), "x").is_none());
        assert!(tokens(None, "x").is_none());
    }

    #[test]
    fn tokens_cover_the_text_in_order() {
        let code = "fn main() {\n    let x = \"a\\\"b\"; // note\n    42\n}\n";
        let toks = tokens(Some("rust"), code).expect("rust");
        let mut at = 0;
        for (_, r) in &toks {
            assert_eq!(r.start, at);
            at = r.end;
        }
        assert_eq!(at, code.len());
        assert_eq!(
            kinds("rust", code),
            [
                (Token::Keyword, "fn".into()),
                (Token::Keyword, "let".into()),
                (Token::Str, "\"a\\\"b\"".into()),
                (Token::Comment, "// note".into()),
                (Token::Number, "42".into()),
            ]
        );
    }

    #[test]
    fn each_family_finds_its_comments_strings_and_keywords() {
        assert_eq!(
            kinds("yaml", "image: nginx # web\nreplicas: 3\n"),
            [
                (Token::Keyword, "image".into()),
                (Token::Comment, "# web".into()),
                (Token::Keyword, "replicas".into()),
                (Token::Number, "3".into()),
            ]
        );
        assert_eq!(
            kinds("sql", "SELECT nom FROM agents -- tous"),
            [
                (Token::Keyword, "SELECT".into()),
                (Token::Keyword, "FROM".into()),
                (Token::Comment, "-- tous".into()),
            ]
        );
        assert_eq!(
            kinds("dockerfile", "FROM debian:13\nRUN apt-get update"),
            [
                (Token::Keyword, "FROM".into()),
                (Token::Number, "13".into()),
                (Token::Keyword, "RUN".into()),
            ]
        );
        assert_eq!(
            kinds("bash", "echo \"$HOME\" # dossier\ncurl https://x.fr/#ancre"),
            [
                (Token::Keyword, "echo".into()),
                (Token::Str, "\"$HOME\"".into()),
                (Token::Comment, "# dossier".into()),
            ]
        );
    }

    #[test]
    fn colours_that_fail_contrast_fall_back_to_the_text_colour() {
        let white = Rgb {
            r: 255,
            g: 255,
            b: 255,
        };
        let black = Rgb { r: 0, g: 0, b: 0 };
        let pale = Rgb {
            r: 250,
            g: 250,
            b: 200,
        };
        let blue = Rgb { r: 0, g: 0, b: 145 };
        let c = colours(black, blue, pale, pale, white);
        assert_eq!(c.keyword, blue);
        assert_eq!(c.string, black);
        assert_eq!(c.comment, black);
    }
}
