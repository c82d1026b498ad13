//! The event stream the served pages listen to (`/__diapo/events`, server-sent events): `hello`
//! when a page connects (the version of the deck the server has: an older page reloads),
//! `reload` after a build (with the slide that changed, if one did), `build-error` after a failed
//! build (the diagnostics as the terminal shows them). Every payload is one line of JSON.

use std::io::Write;
use std::sync::Mutex;

/// More open streams than this are refused: a page holds one, a trainer has a few tabs.
const MAX_CLIENTS: usize = 64;

/// The head of an event-stream response: no length, the stream ends when either side closes it.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n";

const BUSY: &str =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

#[derive(Default)]
pub(super) struct Clients {
    streams: Mutex<Vec<(u64, Box<dyn Write + Send>)>>,
    next: std::sync::atomic::AtomicU64,
}

impl Clients {
    /// Takes an event-stream request's connection: writes the response head and `hello`, then
    /// keeps it for the next events, under the id returned. Past [`MAX_CLIENTS`], answers 503
    /// and returns `None`: the caller closes it.
    pub fn add(&self, mut stream: Box<dyn Write + Send>, version: &str) -> Option<u64> {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        if streams.len() >= MAX_CLIENTS {
            write(&mut stream, BUSY);
            return None;
        }
        // Reconnect quickly after a server restart; the first event says which deck is current.
        let hello = frame("hello", &serde_json::json!({ "version": version }));
        if !write(&mut stream, &format!("{HEAD}retry: 500\n\n{hello}")) {
            return None;
        }
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        streams.push((id, stream));
        Some(id)
    }

    /// Forgets a stream whose page has gone, freeing its place at once.
    pub fn remove(&self, id: u64) {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        streams.retain(|(i, _)| *i != id);
    }

    pub fn reload(&self, version: &str, slide: Option<usize>) {
        self.send(&frame(
            "reload",
            &serde_json::json!({ "version": version, "slide": slide }),
        ));
    }

    pub fn build_error(&self, version: &str, text: &str) {
        self.send(&frame(
            "build-error",
            &serde_json::json!({ "version": version, "text": text }),
        ));
    }

    /// A comment line now and then: proxies and browsers keep the stream open, and streams whose
    /// page has gone are noticed and dropped.
    pub fn keep_alive(&self) {
        self.send(": keep-alive\n\n");
    }

    /// Ends every stream (the server is stopping).
    pub fn close(&self) {
        self.streams
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    fn send(&self, frame: &str) {
        let mut streams = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        streams.retain_mut(|(_, s)| write(s, frame));
    }

    #[cfg(test)]
    fn count(&self) -> usize {
        self.streams.lock().map_or(0, |s| s.len())
    }
}

fn frame(event: &str, data: &serde_json::Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

fn write(stream: &mut Box<dyn Write + Send>, text: &str) -> bool {
    stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A stream that records what it is sent, or fails like a closed connection.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>, bool);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.1 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.0
                .lock()
                .map_err(|_| std::io::ErrorKind::Other)?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn events_are_one_line_of_json_each_and_closed_streams_are_dropped() {
        let clients = Clients::default();
        let open = Sink::default();
        clients.add(Box::new(open.clone()), "v-1");
        clients.add(Box::new(Sink(Arc::default(), true)), "v-1");
        assert_eq!(
            clients.count(),
            1,
            "a stream that cannot be written is not kept"
        );
        clients.build_error("v-2", "error: x\n  --> deck.md:3:1");
        clients.reload("v-3", Some(4));
        let sent = String::from_utf8(open.0.lock().map(|s| s.clone()).unwrap_or_default())
            .unwrap_or_default();
        let body = sent.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        assert_eq!(
            body,
            "retry: 500\n\n\
             event: hello\ndata: {\"version\":\"v-1\"}\n\n\
             event: build-error\ndata: {\"text\":\"error: x\\n  --> deck.md:3:1\",\"version\":\"v-2\"}\n\n\
             event: reload\ndata: {\"slide\":4,\"version\":\"v-3\"}\n\n"
        );
    }
}
