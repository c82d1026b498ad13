//! The HTTP/1.1 connections of `diapo serve`, on std's TCP: what one local client can cost the
//! server is bounded. At most [`MAX_CONNECTIONS`] are open at once (the next ones get a 503 and
//! are closed at once, so half-open connections cannot exhaust the process's files); a request's
//! head must arrive whole within [`HEAD_TIMEOUT`], in lines of at most [`MAX_LINE_BYTES`] and at
//! most [`MAX_HEADERS`] headers; every connection is closed after its answer (the deck is one
//! self-contained page: nothing to gain from keeping it open). The accept loop never panics: an
//! accept that fails (no file descriptor left) is retried a little later.
//!
//! A small server of our own rather than tiny_http: its accept thread panicked at the
//! file-descriptor limit (leaving the process saying it serves while refusing every
//! connection), and it read header lines of any length and number.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Most connections open at once, event streams included (at most 64 of those).
pub const MAX_CONNECTIONS: usize = 128;
/// Longest a client may take to send a request's head (request line and headers).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest line of a request's head, in bytes.
pub const MAX_LINE_BYTES: usize = 8 * 1024;
/// Most header lines in a request.
pub const MAX_HEADERS: usize = 64;
/// Longest a write to a client may block (a client that stops reading).
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// A request's head.
#[derive(Debug)]
pub(super) struct Request {
    pub method: String,
    /// As sent: percent-encoded, maybe with a query.
    pub target: String,
    /// `HTTP/1.1` (or later 1.x): `Host` is required.
    pub http11: bool,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The values of a header, by name (case-insensitive).
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request's head could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Unread {
    /// The client closed the connection (or it failed): nothing to answer.
    Closed,
    /// Not sent whole within [`HEAD_TIMEOUT`]: 408.
    Timeout,
    /// A line past [`MAX_LINE_BYTES`] or more than [`MAX_HEADERS`] headers: 431.
    TooLarge,
    /// Not HTTP/1.x: 400.
    Malformed,
}

/// Reads a request's head from `reader`, within the limits above.
pub(super) fn read_request<R: TimedRead>(reader: &mut BufReader<R>) -> Result<Request, Unread> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut line = read_line(reader, deadline)?;
    // A client may send blank lines before the request line (RFC 9112, 2.2).
    let mut blanks = 0;
    while line.is_empty() {
        blanks += 1;
        if blanks > MAX_HEADERS {
            return Err(Unread::Malformed);
        }
        line = read_line(reader, deadline)?;
    }
    let line = String::from_utf8(line).map_err(|_| Unread::Malformed)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Unread::Malformed);
    };
    let minor = version
        .strip_prefix("HTTP/1.")
        .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(Unread::Malformed)?;
    if method.is_empty() || target.is_empty() {
        return Err(Unread::Malformed);
    }
    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, deadline)?;
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(Unread::TooLarge);
        }
        let line = String::from_utf8(line).map_err(|_| Unread::Malformed)?;
        let (name, value) = line.split_once(':').ok_or(Unread::Malformed)?;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(Unread::Malformed);
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        http11: minor != "0",
        headers,
    })
}

/// A source whose reads can be given a deadline: a TCP stream (and, in tests, a byte slice).
pub(super) trait TimedRead: std::io::Read {
    fn set_timeout(&self, timeout: Duration) -> std::io::Result<()>;
}

impl TimedRead for TcpStream {
    fn set_timeout(&self, timeout: Duration) -> std::io::Result<()> {
        self.set_read_timeout(Some(timeout))
    }
}

impl TimedRead for &[u8] {
    fn set_timeout(&self, _timeout: Duration) -> std::io::Result<()> {
        Ok(())
    }
}

/// One line of the head, without its line ending; never more than [`MAX_LINE_BYTES`] kept.
fn read_line<R: TimedRead>(
    reader: &mut BufReader<R>,
    deadline: Instant,
) -> Result<Vec<u8>, Unread> {
    let mut line = Vec::new();
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(Unread::Timeout)?;
        reader
            .get_ref()
            .set_timeout(left)
            .map_err(|_| Unread::Closed)?;
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Unread::Timeout)
            }
            Err(_) => return Err(Unread::Closed),
        };
        if buf.is_empty() {
            return Err(Unread::Closed);
        }
        let (taken, ended) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        // The line ending counts too: two bytes of slack.
        if line.len() + taken > MAX_LINE_BYTES + 2 {
            return Err(Unread::TooLarge);
        }
        line.extend_from_slice(&buf[..taken]);
        reader.consume(taken);
        if ended {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(line);
        }
    }
}

/// An answer: status, headers and body (sent with its length, then the connection closes).
pub(super) struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Arc<[u8]>,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Sends `response` (without its body for `HEAD`).
pub(super) fn respond(
    stream: &mut impl Write,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// Closes a connection after its answer. What the client still sends (a request body, the rest
/// of a header too large) is read and dropped for a moment first: closing a socket with unread
/// bytes resets the connection, and the client could lose the answer.
pub(super) fn close<R: std::io::Read>(stream: &TcpStream, mut reader: BufReader<R>) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < 256 * 1024 {
        match std::io::Read::read(&mut reader, &mut sink) {
            Ok(n) if n > 0 => drained += n,
            _ => break,
        }
    }
}

/// The open connections: counted against [`MAX_CONNECTIONS`], and all shut down when the
/// server stops (a client holding one must not keep the server from stopping).
#[derive(Default)]
pub(super) struct Connections {
    open: Mutex<HashMap<u64, TcpStream>>,
    next: AtomicU64,
}

/// One open connection's place; given back when dropped.
pub(super) struct Slot<'a> {
    connections: &'a Connections,
    id: u64,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut open = self
            .connections
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        open.remove(&self.id);
    }
}

impl Connections {
    /// A place for `stream`, or `None` when [`MAX_CONNECTIONS`] are open.
    pub fn take(&self, stream: &TcpStream) -> Option<Slot<'_>> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() >= MAX_CONNECTIONS {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        open.insert(id, stream.try_clone().ok()?);
        Some(Slot {
            connections: self,
            id,
        })
    }

    /// Ends every open connection: their threads see the end of their streams and return.
    pub fn shut_all(&self) {
        let open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        for stream in open.values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// What a connection over capacity gets before it is closed.
pub(super) fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
    );
    let _ = stream.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Request, Unread> {
        read_request(&mut BufReader::new(bytes))
    }

    #[test]
    fn heads_are_read_within_bounds() {
        let r = read(b"GET /slides.pdf HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n")
            .expect("a request");
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), r.http11),
            ("GET", "/slides.pdf", true)
        );
        assert_eq!(
            r.header_values("host").collect::<Vec<_>>(),
            ["127.0.0.1:8080"]
        );
        assert!(!read(b"GET / HTTP/1.0\n\n").expect("1.0").http11);
        assert_eq!(read(b"GET / HTTP/1.1\r\n").err(), Some(Unread::Closed));
        assert_eq!(read(b"GET /\r\n\r\n").err(), Some(Unread::Malformed));
        assert_eq!(read(b"GET / SPDY/3\r\n\r\n").err(), Some(Unread::Malformed));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nno colon\r\n\r\n").err(),
            Some(Unread::Malformed)
        );
        let long = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_LINE_BYTES)
        );
        assert_eq!(read(long.as_bytes()).err(), Some(Unread::TooLarge));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X: y\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(read(many.as_bytes()).err(), Some(Unread::TooLarge));
    }
}
