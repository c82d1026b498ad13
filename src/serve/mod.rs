//! `diapo serve`: live preview while a deck is written. The deck is built in memory — the HTML on
//! every change, the PDFs when a browser asks for them — and served on 127.0.0.1 only. The deck's
//! folder (the deck file, its images, its `themes/`), `--theme-dir` and the `--allow-outside`
//! folders are watched; a change rebuilds the deck and tells the open pages over server-sent
//! events: reload onto the slide that changed, or show the build error over the last good deck,
//! which stays served. Nothing but the deck's outputs and that event stream is served
//! ([`http::route`]), and only to pages of this origin ([`http::host_allowed`]).
//!
//! Threads: the caller's runs the accept loop ([`Server::run`]), one thread serves each
//! connection (at most [`conn::MAX_CONNECTIONS`] at once), one thread rebuilds on changes (and
//! keeps the event streams alive), and notify runs its own. [`Stopper::stop`] (the CLI calls it
//! on Ctrl-C) ends them all; `run` returns once they are joined and the port is released.

mod conn;
mod events;
mod http;
mod site;
mod watch;

use crate::build::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};
use site::{Change, Site};
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 8080;
/// How many ports from [`DEFAULT_PORT`] up are tried before giving up.
const PORTS_TRIED: u16 = 100;

#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// The deck folder or Markdown file.
    pub deck: PathBuf,
    /// What shapes the deck, as for `diapo build` (`out` and `formats` are not used).
    pub build: BuildOptions,
    /// `Some(port)`: that port or an error (0 lets the system choose); `None`: the first free
    /// port from [`DEFAULT_PORT`] up.
    pub port: Option<u16>,
}

/// What the server has to say to whoever runs it; the CLI prints these.
pub enum Notice<'a> {
    /// A build succeeded: `changed` is the 1-based slide the pages reload onto, if one changed;
    /// `first` for the build at start-up.
    Built {
        slides: usize,
        elapsed: Duration,
        changed: Option<usize>,
        first: bool,
        warnings: &'a Diagnostics,
    },
    /// A build failed; the last good deck (if any) stays served.
    Failed { errors: &'a Diagnostics },
    /// A change was seen but the deck built the same as before.
    Unchanged,
    /// A folder could not be watched: the deck is served, but changes there are not seen.
    NotWatched(&'a Diagnostic),
}

/// Receives the [`Notice`]s, from whichever thread has something to say.
pub type Reporter = Arc<dyn Fn(Notice<'_>) + Send + Sync>;

/// What the request threads and the rebuild thread share.
struct Shared {
    deck: PathBuf,
    opts: BuildOptions,
    /// The current state; replaced whole by each build, so a request reads one consistent state.
    site: Mutex<Arc<Site>>,
    clients: events::Clients,
    connections: conn::Connections,
    port: u16,
}

impl Shared {
    fn site(&self) -> Arc<Site> {
        self.site
            .lock()
            .map_or_else(|p| p.into_inner().clone(), |s| s.clone())
    }

    fn set_site(&self, site: Site) {
        let site = Arc::new(site);
        match self.site.lock() {
            Ok(mut s) => *s = site,
            Err(p) => *p.into_inner() = site,
        }
    }
}

/// A running live preview: bound, first build done, watching. [`Server::run`] serves it.
pub struct Server {
    listener: TcpListener,
    shared: Arc<Shared>,
    stopping: Arc<AtomicBool>,
    to_rebuild: Sender<watch::Msg>,
    rebuild: JoinHandle<()>,
    /// Dropped when the server stops, which ends notify's thread.
    watcher: Option<notify::RecommendedWatcher>,
}

/// Stops a [`Server`] from another thread (a Ctrl-C handler). Holds no resource of the server:
/// the port is released when `run` returns, whether or not a stopper is still around.
#[derive(Clone)]
pub struct Stopper {
    stopping: Arc<AtomicBool>,
    to_rebuild: Sender<watch::Msg>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = self.to_rebuild.send(watch::Msg::Stop);
    }
}

/// How often the accept loop looks for a stop while no connection comes.
const ACCEPT_POLL: Duration = Duration::from_millis(10);

impl Server {
    /// Finds the deck, binds the port, builds the deck once and starts watching. A deck that
    /// does not build is no error here: its diagnostics are shown in the page until it is fixed.
    /// A missing deck or a busy port is.
    pub fn start(opts: ServeOptions, report: Reporter) -> Result<Server, Diagnostic> {
        let deck_file = crate::input::resolve_deck_path(&opts.deck)?;
        if let Some(dir) = &opts.build.theme_dir {
            crate::theme::files::check_theme_dir(dir)?;
        }
        let listener = bind(opts.port)?;
        let port = listener
            .local_addr()
            .map_err(|e| Diagnostic::error(format!("cannot read the bound address: {e}")))?
            .port();
        // Polled, so that a stop is seen without a connection to wake the loop.
        listener
            .set_nonblocking(true)
            .map_err(|e| Diagnostic::error(format!("cannot serve on 127.0.0.1:{port}: {e}")))?;

        let started = Instant::now();
        let empty = Site::new(session_id());
        let (first, change) = empty.next(site::build(&opts.deck, &opts.build));
        let site = first.unwrap_or(empty);
        let shared = Arc::new(Shared {
            deck: opts.deck.clone(),
            opts: opts.build.clone(),
            site: Mutex::new(Arc::new(site)),
            clients: events::Clients::default(),
            connections: conn::Connections::default(),
            port,
        });
        tell(&report, &shared.site(), &change, started.elapsed(), true);

        let (to_rebuild, from_watcher) = mpsc::channel();
        let roots = watched_roots(&deck_file, &opts.build);
        let (watcher, failures) = watch::watch(&roots, to_rebuild.clone());
        for d in &failures {
            report(Notice::NotWatched(d));
        }
        let rebuild = {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("diapo-rebuild".into())
                .spawn(move || {
                    watch::run(
                        &from_watcher,
                        || rebuild(&shared, &report),
                        || shared.clients.keep_alive(),
                    )
                })
                .map_err(|e| Diagnostic::error(format!("cannot start the rebuild thread: {e}")))?
        };
        Ok(Server {
            listener,
            shared,
            stopping: Arc::new(AtomicBool::new(false)),
            to_rebuild,
            rebuild,
            watcher,
        })
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.shared.port)
    }

    pub fn port(&self) -> u16 {
        self.shared.port
    }

    pub fn stopper(&self) -> Stopper {
        Stopper {
            stopping: self.stopping.clone(),
            to_rebuild: self.to_rebuild.clone(),
        }
    }

    /// Serves until [`Stopper::stop`]; returns once every thread is joined and the port closed.
    pub fn run(self) {
        let shared = &self.shared;
        std::thread::scope(|scope| {
            while !self.stopping.load(Ordering::SeqCst) {
                let stream = match self.listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(ACCEPT_POLL);
                        continue;
                    }
                    // A failed accept (no file descriptor left…): wait a little rather than
                    // spin; the connections over capacity are being closed meanwhile.
                    Err(_) => {
                        std::thread::sleep(Duration::from_millis(50));
                        continue;
                    }
                };
                // Accepted sockets may inherit the listener's non-blocking mode.
                if stream.set_nonblocking(false).is_err() {
                    continue;
                }
                let Some(slot) = shared.connections.take(&stream) else {
                    conn::busy(stream);
                    continue;
                };
                // The default stack: a connection may build the deck's PDFs.
                let spawned = std::thread::Builder::new()
                    .name("diapo-connection".into())
                    .spawn_scoped(scope, move || {
                        serve_connection(stream, shared);
                        drop(slot);
                    });
                // Out of threads: this connection is dropped (the browser retries).
                if spawned.is_err() {
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            // Connections still reading a head, and the event streams, end now.
            shared.clients.close();
            shared.connections.shut_all();
        });
        let _ = self.to_rebuild.send(watch::Msg::Stop);
        let _ = self.rebuild.join();
        drop(self.watcher);
        // Dropping the listener closes the listening socket.
        drop(self.listener);
    }
}

/// One connection: read one request, answer it, close; or keep it as an event stream until the
/// page goes, which is seen at once (its end of the stream closes), not at the next event.
fn serve_connection(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_write_timeout(Some(conn::WRITE_TIMEOUT));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = std::io::BufReader::new(read_half);
    let mut writer = stream;
    let request = match conn::read_request(&mut reader) {
        Ok(request) => request,
        Err(conn::Unread::Closed) => return,
        Err(why) => {
            let (status, message) = match why {
                conn::Unread::Timeout => (408, "the request took too long to arrive"),
                conn::Unread::TooLarge => (431, "the request's head is too large"),
                _ => (400, "not an HTTP/1.1 request"),
            };
            let _ = conn::respond(&mut writer, &http::text(status, message), false);
            conn::close(&writer, reader);
            return;
        }
    };
    match http::answer(&request, shared) {
        http::Answer::Respond(response) => {
            let _ = conn::respond(&mut writer, &response, request.method == "HEAD");
            conn::close(&writer, reader);
        }
        http::Answer::Events => {
            let version = shared.site().version.clone();
            let Some(id) = shared.clients.add(Box::new(writer), &version) else {
                return;
            };
            // The page sends nothing more: a read ends when it goes (or the server stops).
            let _ = reader.get_ref().set_read_timeout(None);
            let mut sink = [0u8; 512];
            while matches!(std::io::Read::read(&mut reader, &mut sink), Ok(n) if n > 0) {}
            shared.clients.remove(id);
        }
    }
}

/// The folders whose changes can change the deck: its own (the deck file, images, `themes/`),
/// `--theme-dir`, and the folders `--allow-outside` lets images come from.
fn watched_roots(deck_file: &Path, opts: &BuildOptions) -> Vec<PathBuf> {
    let deck_dir = deck_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut roots = vec![deck_dir.to_path_buf()];
    roots.extend(opts.theme_dir.iter().cloned());
    roots.extend(opts.allow_outside.iter().cloned());
    // Events come with the watched path as its prefix: canonical roots give canonical paths.
    roots
        .into_iter()
        .map(|r| std::fs::canonicalize(&r).unwrap_or(r))
        .collect()
}

/// 127.0.0.1 only: the deck is the trainer's, not the network's.
fn bind(port: Option<u16>) -> Result<TcpListener, Diagnostic> {
    let at = |port| TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    match port {
        Some(port) => at(port).map_err(|e| {
            Diagnostic::error(format!("cannot listen on 127.0.0.1:{port}: {e}")).with_hint(
                "another program uses this port: pick another with --port, or leave --port out to take the first free one from 8080",
            )
        }),
        None => (DEFAULT_PORT..DEFAULT_PORT.saturating_add(PORTS_TRIED))
            .find_map(|p| at(p).ok())
            .ok_or_else(|| {
                Diagnostic::error(format!(
                    "no free port on 127.0.0.1 from {DEFAULT_PORT} to {}",
                    DEFAULT_PORT + PORTS_TRIED - 1
                ))
                .with_hint("pick one with --port (0 lets the system choose)")
            }),
    }
}

/// Tells pages built by an earlier run of `diapo serve` (a browser tab left open) from this one's.
fn session_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}", nanos ^ u128::from(std::process::id()))
}

/// One rebuild after a change: build, swap the served state, tell the pages and the reporter.
fn rebuild(shared: &Shared, report: &Reporter) {
    let started = Instant::now();
    let result = site::build(&shared.deck, &shared.opts);
    let (next, change) = shared.site().next(result);
    if let Some(site) = next {
        shared.set_site(site);
    }
    let site = shared.site();
    match &change {
        Change::Reload { slide } => shared.clients.reload(&site.version, *slide),
        Change::Failed => shared
            .clients
            .build_error(&site.version, &site.error_text()),
        Change::Unchanged => {}
    }
    tell(report, &site, &change, started.elapsed(), false);
}

fn tell(report: &Reporter, site: &Site, change: &Change, elapsed: Duration, first: bool) {
    match (change, &site.good, &site.errors) {
        (_, _, Some(errors)) => report(Notice::Failed { errors }),
        (Change::Unchanged, _, None) if !first => report(Notice::Unchanged),
        (change, Some(good), None) => report(Notice::Built {
            slides: good.slides(),
            elapsed,
            changed: match change {
                Change::Reload { slide } => *slide,
                _ => None,
            },
            first,
            warnings: &good.warnings,
        }),
        _ => {}
    }
}
