//! Requests: which ones are answered, and how. Only `GET` and `HEAD` of a fixed list of paths —
//! the deck (`/`, `/slides.html`), its PDFs and the event stream — from a page of this server
//! (the `Host` header names it: a web page elsewhere that rebinds a domain name to 127.0.0.1
//! gets nothing). Anything that looks like a way out — `..`, backslashes, encoded separators or
//! dots, doubled slashes — is refused before any lookup; there is no file lookup anyway: the
//! deck is in memory.

use super::conn::{Request, Response};
use super::Shared;
use crate::build::Format;
use std::sync::Arc;

/// Where the event stream is; the live-reload script knows it too.
pub(super) const EVENTS_PATH: &str = "/__diapo/events";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Route {
    /// The deck with the live-reload script (or the error page).
    Page,
    /// A file of the deck rendered on request: `slides.pdf`, `handout.pdf`, `slides.odp`,
    /// `slides.pptx`.
    Pdf(Format),
    Events,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// 403: a path that tries to leave (`..`, `%2e%2e`, `%2f`, `\`…), or a foreign `Host`.
    Forbidden,
    /// 404: a well-formed path that is not one of the deck's outputs.
    NotFound,
}

/// The route of a request target as sent (percent-encoded, maybe with a query).
pub(super) fn route(target: &str) -> Result<Route, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(Refused::Forbidden);
    }
    // Encoded separators have no business in these paths: `..%2f` is refused as is.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(Refused::Forbidden);
    }
    let decoded = percent_decode(path).ok_or(Refused::Forbidden)?;
    if decoded.contains("..")
        || decoded.contains('\\')
        || decoded.contains("//")
        || decoded.chars().any(char::is_control)
    {
        return Err(Refused::Forbidden);
    }
    match decoded.as_str() {
        "/" | "/index.html" | "/slides.html" => Ok(Route::Page),
        "/slides.pdf" => Ok(Route::Pdf(Format::Pdf)),
        "/handout.pdf" => Ok(Route::Pdf(Format::Handout)),
        "/slides.odp" => Ok(Route::Pdf(Format::Odp)),
        "/slides.pptx" => Ok(Route::Pdf(Format::Pptx)),
        EVENTS_PATH => Ok(Route::Events),
        _ => Err(Refused::NotFound),
    }
}

/// `%XX` sequences decoded; `None` for a malformed one or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A request for this server names it in `Host`: `127.0.0.1:PORT` or `localhost:PORT` (an HTTP/1.0
/// client may send none).
pub(super) fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return true;
    };
    let host = host.trim().to_ascii_lowercase();
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// What to do with a request.
pub(super) enum Answer {
    /// Send this and close.
    Respond(Response),
    /// Keep the connection as an event stream.
    Events,
}

/// Answers one request (on its connection's thread).
pub(super) fn answer(request: &Request, shared: &Shared) -> Answer {
    let hosts: Vec<&str> = request.header_values("Host").collect();
    // HTTP/1.1 requires exactly one `Host` (RFC 9112, 3.2): without it, the origin check below
    // could not be made.
    if hosts.len() > 1 || (request.http11 && hosts.is_empty()) {
        return Answer::Respond(text(
            400,
            "an HTTP/1.1 request names the server in one Host header",
        ));
    }
    if !host_allowed(hosts.first().copied(), shared.port) {
        return Answer::Respond(text(403, "this server only answers pages it served itself"));
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        let mut response = text(405, "only GET and HEAD are answered");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return Answer::Respond(response);
    }
    let route = match route(&request.target) {
        Ok(route) => route,
        Err(Refused::Forbidden) => return Answer::Respond(text(403, "forbidden")),
        Err(Refused::NotFound) => {
            return Answer::Respond(text(
                404,
                "not found: diapo serve serves the deck at /, /slides.pdf, /handout.pdf, /slides.odp and /slides.pptx",
            ))
        }
    };
    let site = shared.site();
    Answer::Respond(match route {
        Route::Events if request.method == "HEAD" => text(200, ""),
        Route::Events => return Answer::Events,
        Route::Page => bytes(200, "text/html; charset=utf-8", site.page.clone()),
        Route::Pdf(format) => match &site.good {
            None => text(
                503,
                "the deck does not build yet: see the page at / for the error",
            ),
            Some(good) => match good.pdf(format, &shared.opts) {
                Ok(pdf) => bytes(200, format.mime(), pdf),
                Err(errors) => text(
                    500,
                    &errors.iter().map(ToString::to_string).collect::<String>(),
                ),
            },
        },
    })
}

fn bytes(status: u16, content_type: &str, body: Arc<[u8]>) -> Response {
    // Every answer is for this moment's deck only, and means only what its type says.
    let headers = vec![
        ("Content-Type", content_type.to_string()),
        ("Cache-Control", "no-store".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "no-referrer".into()),
    ];
    Response {
        status,
        headers,
        body,
    }
}

/// A plain-text answer.
pub(super) fn text(status: u16, message: &str) -> Response {
    let mut body = message.to_string();
    body.push('\n');
    bytes(
        status,
        "text/plain; charset=utf-8",
        Arc::from(body.into_bytes()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_outputs_and_the_events_are_routed() {
        assert_eq!(route("/"), Ok(Route::Page));
        assert_eq!(route("/?v=2"), Ok(Route::Page));
        assert_eq!(route("/slides.html"), Ok(Route::Page));
        assert_eq!(route("/slides.pdf"), Ok(Route::Pdf(Format::Pdf)));
        assert_eq!(route("/handout.pdf"), Ok(Route::Pdf(Format::Handout)));
        assert_eq!(route("/slides.odp"), Ok(Route::Pdf(Format::Odp)));
        assert_eq!(route("/slides.pptx"), Ok(Route::Pdf(Format::Pptx)));
        assert_eq!(route("/__diapo/events"), Ok(Route::Events));
        assert_eq!(route("/slides%2Ehtml"), Ok(Route::Page));
        for missing in [
            "/deck.md",
            "/images/logo.png",
            "/etc/passwd",
            "/favicon.ico",
        ] {
            assert_eq!(route(missing), Err(Refused::NotFound), "{missing}");
        }
    }

    #[test]
    fn ways_out_are_forbidden() {
        for path in [
            "/../deck.md",
            "/..",
            "/%2e%2e/deck.md",
            "/%2E%2E/deck.md",
            "/..%2fdeck.md",
            "/%2e%2e%2fdeck.md",
            "/slides.html/../deck.md",
            "/images%2flogo.png",
            "/..\\deck.md",
            "/%5c..%5cdeck.md",
            "//etc/passwd",
            "/deck.md%00.html",
            "/%zz",
            "/%c3",
            "C:\\Windows\\win.ini",
            "etc/passwd",
            "http://127.0.0.1:8080/",
            "",
        ] {
            assert_eq!(route(path), Err(Refused::Forbidden), "{path}");
        }
    }

    #[test]
    fn only_this_server_s_own_host_is_answered() {
        assert!(host_allowed(Some("127.0.0.1:8080"), 8080));
        assert!(host_allowed(Some("LOCALHOST:8080"), 8080));
        assert!(host_allowed(None, 8080));
        assert!(!host_allowed(Some("127.0.0.1:8081"), 8080));
        assert!(!host_allowed(Some("evil.example:8080"), 8080));
        assert!(!host_allowed(Some("evil.example"), 8080));
    }
}
