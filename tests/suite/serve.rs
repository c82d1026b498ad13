//! `diapo serve` end to end, on loopback: the real binary serves a deck from a temporary folder;
//! the tests read its page and its event stream with plain sockets, edit the files, and watch
//! the reload (onto the edited slide), the error overlay over the last good deck, what is refused,
//! and a clean stop. Generous time limits: the machine may be loaded; no test measures speed.

use crate::support::diapo;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a test waits for the server to start or for an event.
const PATIENCE: Duration = Duration::from_secs(30);

const DECK: &str = "---
title: Essai
---

# Essai

## Partie

### Premier
- un

### Deuxième
- deux

### Troisième
- trois
";

/// A deck folder with `deck.md` and any other files, removed at the end of the test.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn with_deck(text: &str) -> Folder {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("deck.md"), text).expect("write the deck");
        Folder { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("make the folder");
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    fn edit_deck(&self, from: &str, to: &str) {
        let path = self.path("deck.md");
        let text = std::fs::read_to_string(&path).expect("read the deck");
        assert!(text.contains(from), "the deck has no {from:?}");
        self.write("deck.md", text.replacen(from, to, 1));
    }
}

/// A running `diapo serve`, killed when dropped (a failed test leaves no server behind).
struct Server {
    child: Child,
    port: u16,
    stdout: Receiver<String>,
}

impl Server {
    /// `diapo serve DECK --port 0 ARGS…`, once it says where it serves.
    fn start(deck: &Path, args: &[&str]) -> Server {
        Server::start_with(Command::new(env!("CARGO_BIN_EXE_diapo")), deck, args)
    }

    /// [`Server::start`] with at most `files` open files (Linux: `ulimit -n`), as on a
    /// workstation with the usual 1,024.
    fn start_with_files(deck: &Path, args: &[&str], files: u32) -> Server {
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_diapo"));
        Server::start_with(sh, deck, args)
    }

    fn start_with(mut command: Command, deck: &Path, args: &[&str]) -> Server {
        let mut child = command
            .arg("serve")
            .arg(deck)
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start diapo serve");
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stdout,
        };
        let line = server.line_with("serving on http://127.0.0.1:");
        server.port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server
    }

    /// The next line of stdout holding `text` (earlier lines are skipped).
    fn line_with(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {text:?} on stdout ({e})"),
            }
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", self.port),
        )
    }

    fn page(&self) -> String {
        let reply = self.get("/");
        assert_eq!(reply.status, 200, "GET /:\n{}", reply.text());
        reply.text()
    }

    fn events(&self) -> Events {
        Events::open(self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request (`head`: request line and headers, without the blank line) on its own connection.
fn request(port: u16, head: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to diapo serve");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(stream, "{head}Connection: close\r\n\r\n").expect("send the request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of head in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// The server-sent event stream, read with a plain socket.
struct Events {
    stream: TcpStream,
    buffer: String,
}

#[derive(Debug)]
struct Event {
    name: String,
    data: serde_json::Value,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        write!(
            stream,
            "GET /__diapo/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send the request");
        let mut events = Events {
            stream,
            buffer: String::new(),
        };
        let head = events.block();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("Content-Type: text/event-stream"), "{head}");
        events
    }

    /// The next blank-line-terminated block of the stream.
    fn block(&mut self) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let end = [
                self.buffer.find("\r\n\r\n").map(|i| (i, 4)),
                self.buffer.find("\n\n").map(|i| (i, 2)),
            ]
            .into_iter()
            .flatten()
            .min();
            if let Some((at, len)) = end {
                let block = self.buffer[..at].to_string();
                self.buffer.drain(..at + len);
                return block;
            }
            assert!(
                Instant::now() < deadline,
                "no event within {PATIENCE:?}; got {:?}",
                self.buffer
            );
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed; got {:?}", self.buffer),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
    }

    /// The next event (comments and `retry:` lines skipped).
    fn next(&mut self) -> Event {
        loop {
            let block = self.block();
            let name = block.lines().find_map(|l| l.strip_prefix("event: "));
            let data = block.lines().find_map(|l| l.strip_prefix("data: "));
            if let (Some(name), Some(data)) = (name, data) {
                return Event {
                    name: name.to_string(),
                    data: serde_json::from_str(data)
                        .unwrap_or_else(|e| panic!("data is not JSON ({e}): {data}")),
                };
            }
        }
    }

    fn expect(&mut self, name: &str) -> Event {
        let event = self.next();
        assert_eq!(event.name, name, "{event:?}");
        event
    }
}

/// The version the page was built at, as its live-reload script holds it.
fn version_of(page: &str) -> String {
    page.split("data-diapo-version=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no live-reload script in the page"))
        .to_string()
}

/// Whether the served page shows the error overlay (the server writes it hidden otherwise).
fn overlay_shown(page: &str) -> bool {
    page.contains("<div id=\"diapo-live-error\" role=\"alert\"><p>")
}

#[test]
fn an_edit_reloads_the_page_on_the_edited_slide_with_the_new_content() {
    let folder = Folder::with_deck(DECK);
    let server = Server::start(folder.dir.path(), &[]);
    let page = server.page();
    assert!(page.contains("deux"), "the deck is served at /");
    assert!(
        page.contains("/__diapo/events"),
        "with the live-reload script"
    );
    assert!(!overlay_shown(&page));
    assert_eq!(server.get("/slides.html").body, page.as_bytes());

    let mut events = server.events();
    let hello = events.expect("hello");
    assert_eq!(hello.data["version"], version_of(&page).as_str());

    folder.edit_deck("- deux", "- deux, revu et corrigé");
    let reload = events.expect("reload");
    assert_eq!(reload.data["slide"], 4, "{reload:?}: `Deuxième` is slide 4");
    let page = server.page();
    assert!(
        page.contains("deux, revu et corrigé"),
        "the new content is served"
    );
    assert_eq!(
        version_of(&page),
        reload.data["version"].as_str().unwrap_or_default()
    );
    server.line_with("reloading on slide 4");

    // A slide added before the others: the reload goes to it.
    folder.edit_deck("### Premier", "### Nouveau\n- neuf\n\n### Premier");
    assert_eq!(events.expect("reload").data["slide"], 3);

    // The PDFs of the current deck, made on request.
    for pdf in ["/slides.pdf", "/handout.pdf"] {
        let reply = server.get(pdf);
        assert_eq!(reply.status, 200, "{pdf}: {}", reply.text());
        assert!(
            reply.head.contains("Content-Type: application/pdf"),
            "{}",
            reply.head
        );
        assert!(reply.body.starts_with(b"%PDF-"), "{pdf} is a PDF");
    }
}

#[test]
fn a_bad_edit_shows_the_error_over_the_last_good_deck_until_fixed() {
    let folder = Folder::with_deck(DECK);
    // An unknown layout is a warning; `--strict` makes it the error this test needs.
    let server = Server::start(folder.dir.path(), &["--strict"]);
    let mut events = server.events();
    events.expect("hello");

    // The source line is shown in the message: its markup must come out as text.
    folder.edit_deck("### Troisième", "### <b>Troisième</b> & co {.testimonial}");
    let error = events.expect("build-error");
    let text = error.data["text"].as_str().unwrap_or_default().to_string();
    assert!(text.contains("unknown layout `testimonial`"), "{text}");
    assert!(text.contains("deck.md:15:28"), "file:line:col in {text}");
    assert!(text.contains("did you mean `testimony`?"), "{text}");

    let page = server.page();
    assert!(
        page.contains("deux") && page.contains("Troisième"),
        "the last good deck is served"
    );
    assert!(overlay_shown(&page), "with the overlay");
    assert!(page.contains("deck.md:15:28"));
    assert!(
        page.contains("### &lt;b&gt;Troisième&lt;/b&gt; &amp; co {.testimonial}"),
        "escaped"
    );
    assert!(!page.contains("<b>Troisième</b>"), "never as markup");
    assert_eq!(
        version_of(&page),
        error.data["version"].as_str().unwrap_or_default()
    );
    assert_eq!(
        server.get("/slides.pdf").status,
        200,
        "the last good PDFs too"
    );

    folder.edit_deck(
        "### <b>Troisième</b> & co {.testimonial}",
        "### Troisième, enfin",
    );
    let reload = events.expect("reload");
    assert_eq!(reload.data["slide"], 5);
    let page = server.page();
    assert!(page.contains("Troisième, enfin"));
    assert!(!overlay_shown(&page), "the overlay is gone with the error");
}

#[test]
fn a_deck_that_does_not_build_at_start_is_served_with_its_error() {
    let folder = Folder::with_deck("# Essai\n\n## Partie {.testimonial}\n\nTexte.\n");
    let server = Server::start(folder.dir.path(), &["--strict"]);
    let page = server.page();
    assert!(overlay_shown(&page), "the error page");
    assert!(page.contains("deck.md:3:12"), "{page}");
    assert_eq!(
        server.get("/slides.pdf").status,
        503,
        "no PDF before a good build"
    );

    let mut events = server.events();
    events.expect("hello");
    folder.edit_deck(" {.testimonial}", "");
    events.expect("reload");
    let page = server.page();
    assert!(page.contains("Partie") && page.contains("Texte."));
    assert!(!overlay_shown(&page));
}

#[test]
fn images_and_theme_files_are_watched() {
    let folder = Folder::with_deck(
        "# Essai\n\n## Texte\n\nDu texte.\n\n## Schéma\n\n![Un schéma](images/schema.png)\n",
    );
    folder.write("images/schema.png", png([0, 0, 145]));
    folder.write(
        "themes/etat/style.css",
        ".slide { outline: 1px solid red; }\n",
    );
    let server = Server::start(folder.dir.path(), &[]);
    assert!(
        server.page().contains("outline: 1px solid red"),
        "the deck's own theme file"
    );
    let mut events = server.events();
    events.expect("hello");

    folder.write("images/schema.png", png([225, 0, 15]));
    assert_eq!(
        events.expect("reload").data["slide"],
        3,
        "the slide showing the image"
    );

    // A stylesheet changes no slide in particular: the pages stay where they are.
    folder.write(
        "themes/etat/style.css",
        ".slide { outline: 2px dashed blue; }\n",
    );
    let reload = events.expect("reload");
    assert!(reload.data["slide"].is_null(), "{reload:?}");
    assert!(server.page().contains("outline: 2px dashed blue"));
}

/// A small PNG of one colour.
fn png(rgb: [u8; 3]) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(8, 8, image::Rgb(rgb));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode a PNG");
    bytes.into_inner()
}

#[test]
fn nothing_but_the_deck_is_served() {
    let parent = tempfile::tempdir().expect("temporary folder");
    std::fs::write(parent.path().join("secret.txt"), "SECRET-OUTSIDE").expect("write");
    let folder = Folder {
        dir: tempfile::tempdir_in(parent.path()).expect("deck folder"),
    };
    folder.write("deck.md", DECK);
    folder.write("notes.txt", "SECRET-INSIDE");
    let server = Server::start(folder.dir.path(), &[]);
    let deck_dir = folder
        .dir
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();

    for path in [
        "/../secret.txt".to_string(),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E/secret.txt".into(),
        "/..%2fsecret.txt".into(),
        "/%2e%2e%2fsecret.txt".into(),
        "/..%5csecret.txt".into(),
        "/..\\secret.txt".into(),
        "//etc/passwd".into(),
        "/slides.html/../../secret.txt".into(),
        format!("/../{deck_dir}/notes.txt"),
        "/%00".into(),
    ] {
        let reply = server.get(&path);
        assert_eq!(reply.status, 403, "{path} is refused");
        assert!(!reply.text().contains("SECRET"), "{path}");
    }
    for path in [
        "/notes.txt",
        "/deck.md",
        "/etc/passwd",
        "/secret.txt",
        "/favicon.ico",
        "/out/slides.html",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path} is not served");
        assert!(!reply.text().contains("SECRET"), "{path}");
    }
    // A page of another site, pointing a name of its own at 127.0.0.1, is not answered.
    let foreign = request(server.port, "GET / HTTP/1.1\r\nHost: attacker.example\r\n");
    assert_eq!(foreign.status, 403);
    let post = request(
        server.port,
        &format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n",
            server.port
        ),
    );
    assert_eq!(post.status, 405);
    assert_eq!(server.get("/").status, 200, "the server still answers");
}

#[test]
fn built_decks_have_no_live_reload() {
    let folder = Folder::with_deck(DECK);
    let out = folder.path("out");
    diapo()
        .args(["build", "--format", "html", "--out"])
        .arg(&out)
        .arg(folder.path("deck.md"))
        .assert()
        .success();
    let built = std::fs::read_to_string(out.join("slides.html")).expect("read slides.html");
    let server = Server::start(folder.dir.path(), &[]);
    let served = server.page();
    for live in ["__diapo", "diapo-live", "EventSource"] {
        assert!(served.contains(live), "{live} in the served page");
        assert!(!built.contains(live), "{live} in the built deck");
    }
    // The served page is the built deck plus the live-reload part, nothing else changed.
    let at = served
        .find("<style>#diapo-live-error")
        .expect("the live-reload part");
    assert_eq!(served[..at], built[..at]);
}

#[test]
fn a_missing_deck_or_a_busy_port_is_an_error() {
    let missing = diapo()
        .args(["serve", "no/such/deck"])
        .output()
        .expect("run diapo");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot find the deck no/such/deck"));

    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = busy.local_addr().expect("address").port().to_string();
    let folder = Folder::with_deck(DECK);
    let taken = diapo()
        .arg("serve")
        .arg(folder.dir.path())
        .args(["--port", &port])
        .output()
        .expect("run diapo");
    assert_eq!(taken.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&taken.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );

    let all = diapo()
        .arg("serve")
        .arg(folder.dir.path())
        .args(["--brand", "all"])
        .output()
        .expect("run diapo");
    assert_eq!(all.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let folder = Folder::with_deck(DECK);
    let mut server = Server::start(folder.dir.path(), &[]);
    let mut events = server.events();
    events.expect("hello");
    let pid = server.child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait for diapo") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "diapo serve did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "a clean stop exits with 0");
    server.line_with("stopped");
    // The port is released and the event stream closed.
    assert!(std::net::TcpListener::bind(("127.0.0.1", server.port)).is_ok());
    let mut rest = Vec::new();
    let _ = events.stream.set_read_timeout(Some(PATIENCE));
    assert!(
        events.stream.read_to_end(&mut rest).is_ok(),
        "the stream ends"
    );
}

#[test]
fn a_markdown_file_given_directly_is_watched_too() {
    let folder = Folder::with_deck(DECK);
    let server = Server::start(&folder.path("deck.md"), &[]);
    let mut events = server.events();
    events.expect("hello");
    folder.edit_deck("- un", "- un et demi");
    assert_eq!(events.expect("reload").data["slide"], 3);
}

/// One local client cannot stop the server: a thousand connections that send nothing (the
/// server takes at most 128, the others get a 503 and are closed, so its files never run out
/// and its accept loop never stops), a header line of 64 MB, and ten thousand headers. Once
/// they are gone, the page is served again.
#[test]
fn half_open_connections_and_huge_headers_do_not_stop_the_server() {
    let folder = Folder::with_deck(DECK);
    let server = Server::start_with_files(folder.dir.path(), &[], 512);
    let mut idle = Vec::new();
    for _ in 0..1_000 {
        match TcpStream::connect(("127.0.0.1", server.port)) {
            Ok(stream) => idle.push(stream),
            Err(e) => panic!("connection {} refused: {e}", idle.len()),
        }
    }
    // Saturated: an answer (503 while the idle ones hold every place), never a hang or reset.
    let mut busy = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    busy.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let mut head = [0u8; 12];
    busy.read_exact(&mut head)
        .expect("an answer while saturated");
    assert_eq!(&head, b"HTTP/1.1 503");
    drop(idle);
    let reachable = |what: &str| {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let reply = server.get("/");
            if reply.status == 200 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "not answering after {what}: {}",
                reply.status
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    reachable("a thousand idle connections");

    // One header line of 64 MB, sent until the server closes the connection.
    let mut huge = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        huge,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Huge: ",
        server.port
    )
    .expect("send");
    let chunk = vec![b'a'; 64 * 1024];
    let mut refused = false;
    for _ in 0..1_024 {
        if huge.write_all(&chunk).is_err() {
            refused = true;
            break;
        }
    }
    let mut answer = Vec::new();
    huge.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let _ = huge.read_to_end(&mut answer);
    assert!(
        refused || answer.starts_with(b"HTTP/1.1 431"),
        "a 64 MB header line was read: {:?}",
        String::from_utf8_lossy(&answer[..answer.len().min(80)])
    );
    reachable("a huge header line");

    // Ten thousand small headers.
    let many = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}",
        server.port,
        "X-Many: y\r\n".repeat(10_000)
    );
    let reply = request(server.port, &many);
    assert_eq!(reply.status, 431);
    reachable("ten thousand headers");
}

/// HTTP/1.1 requires the `Host` header the origin check reads: without it, 400. HTTP/1.0 may
/// leave it out.
#[test]
fn an_http11_request_without_host_is_refused() {
    let folder = Folder::with_deck(DECK);
    let server = Server::start(folder.dir.path(), &[]);
    assert_eq!(request(server.port, "GET / HTTP/1.1\r\n").status, 400);
    let twice = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nHost: 127.0.0.1:{0}\r\n",
        server.port
    );
    assert_eq!(request(server.port, &twice).status, 400);
    assert_eq!(request(server.port, "GET / HTTP/1.0\r\n").status, 200);
    assert_eq!(request(server.port, "GARBAGE\r\n").status, 400);
}

/// Past 64 event streams the next one gets a 503; a page that goes frees its place at once
/// (its end of the connection closes), not at the next keep-alive 15 s later.
#[test]
fn event_streams_beyond_sixty_four_are_refused_and_freed_at_once() {
    let folder = Folder::with_deck(DECK);
    let server = Server::start(folder.dir.path(), &[]);
    let mut streams: Vec<Events> = (0..64).map(|_| server.events()).collect();
    let open_one = || {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(
            stream,
            "GET /__diapo/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            server.port
        )
        .expect("send");
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).expect("an answer");
        head
    };
    assert_eq!(&open_one(), b"HTTP/1.1 503");
    streams.pop();
    // Well under the 15 s keep-alive that once was the only way to notice a page had gone.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let head = open_one();
        if &head == b"HTTP/1.1 200" {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the place of a closed stream is still taken"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
