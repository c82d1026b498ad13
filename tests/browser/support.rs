//! What every browser test needs: one headless Chromium shared by the tests running at the same
//! time, decks built with the real `diapo` binary, and a [`Page`] — a tab holding a deck opened from
//! `file://` — with helpers to evaluate JavaScript, press real keys (CDP `Input.dispatchKeyEvent`),
//! wait until transitions have ended and save screenshots under `target/browser-artefacts/`.
//!
//! A missing Chromium or axe-core is a skip with a note on stderr (written past libtest's capture,
//! so `cargo test` shows it), unless `DIAPO_REQUIRE_BROWSER=1` (set by `.ci/run`): then it fails.

use headless_chrome::protocol::cdp::{Emulation, Page as Cdp, Runtime, Target};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde::de::DeserializeOwned;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

/// The sample deck, as the README builds it.
pub const SAMPLE: &str = "decks/sensibilisation";
/// The fixture with one slide of each of the twelve layouts.
pub const LAYOUTS: &str = "tests/fixtures/valid/layouts";
/// The outline the sample deck was written from (outside the repository; optional).
pub const SEED: &str = "../shared/seeds/sensibilisation-outline.md";

const AXE: &str = "tests/browser/node_modules/axe-core/axe.min.js";

fn browser_required() -> bool {
    std::env::var("DIAPO_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// A line on the real stderr: libtest captures `eprintln!` of passing tests, and a skip must show.
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Fails the test when `DIAPO_REQUIRE_BROWSER=1` (CI), else notes that it is skipped: `what` is
/// missing, and `how` tells how to get it.
fn missing(what: &str, how: &str) {
    let text = format!("{what} is missing; {how}");
    if browser_required() {
        panic!("browser tests: {text} (DIAPO_REQUIRE_BROWSER=1: nothing may be skipped)");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("browser test")
        .to_string();
    note(&format!("SKIPPED {test}: {text}"));
}

fn chromium_path() -> PathBuf {
    std::env::var_os("DIAPO_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// The shared browser, launched on first use. Tests hold it while they run; when the last one
/// still running lets go, Chromium is closed (a `static` would never be dropped, leaking the
/// process and its profile folder), so it is launched once per run unless the tests run one by one.
pub fn browser() -> Option<Arc<Browser>> {
    static SHARED: Mutex<Weak<Browser>> = Mutex::new(Weak::new());
    let path = chromium_path();
    if !path.is_file() {
        missing(
            &format!("Chromium ({})", path.display()),
            "install it (`apt-get install chromium`) or point DIAPO_CHROMIUM at a Chromium or Chrome binary",
        );
        return None;
    }
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(browser) = shared.upgrade() {
        return Some(browser);
    }
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--mute-audio",
        // A safety net: the tests must never reach the network, whatever a deck asks for. Requests
        // are still made (and recorded by the network test); they just cannot leave the machine.
        // Loopback stays reachable for `diapo serve`, which binds 127.0.0.1 only.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions {
        headless: true,
        sandbox: false, // --no-sandbox: CI containers run as root
        path: Some(path.clone()),
        window_size: Some((1280, 720)),
        args,
        idle_browser_timeout: Duration::from_secs(600),
        // user_data_dir: None, so a fresh temporary profile, removed with the process.
        ..LaunchOptions::default()
    };
    let browser = Browser::new(options)
        .unwrap_or_else(|e| panic!("cannot launch {} over CDP: {e:#}", path.display()));
    browser.set_default_timeout(Duration::from_secs(30));
    let browser = Arc::new(browser);
    *shared = Arc::downgrade(&browser);
    Some(browser)
}

/// axe-core's source, installed by `npm ci --prefix tests/browser`.
pub fn axe_source() -> Option<String> {
    match std::fs::read_to_string(AXE) {
        Ok(source) => Some(source),
        Err(_) => {
            missing(
                &format!("axe-core ({AXE})"),
                "install it with `npm ci --prefix tests/browser`",
            );
            None
        }
    }
}

/// `target/` of this build: the test binary lives in `target/<profile>/deps/`.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// `target/browser-artefacts/`: screenshots, the printed PDF and the decks under test.
pub fn artefacts() -> PathBuf {
    let dir = target_dir().join("browser-artefacts");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Builds a deck (a folder or a Markdown file) with the `diapo` binary, once per run, into
/// `target/browser-artefacts/decks/<name>/`, and returns the absolute path of its `slides.html`.
pub fn deck(source: &str) -> PathBuf {
    static BUILT: Mutex<Vec<(String, Arc<OnceLock<PathBuf>>)>> = Mutex::new(Vec::new());
    let cell = {
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        match built.iter().find(|(s, _)| s == source) {
            Some((_, cell)) => Arc::clone(cell),
            None => {
                let cell = Arc::new(OnceLock::new());
                built.push((source.to_string(), Arc::clone(&cell)));
                cell
            }
        }
    };
    cell.get_or_init(|| {
        let name = Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "deck".into());
        let out = artefacts().join("decks").join(name);
        let output = Command::new(env!("CARGO_BIN_EXE_diapo"))
            .arg("build")
            .arg(source)
            .arg("--out")
            .arg(&out)
            .args(["--format", "html"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run diapo: {e}"));
        assert!(
            output.status.success(),
            "diapo build {source} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let html = out.join("slides.html");
        std::fs::canonicalize(&html).unwrap_or_else(|e| panic!("{}: {e}", html.display()))
    })
    .clone()
}

/// `file://` URL of an absolute path (percent-encoding what a URL cannot hold as is).
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

/// A tab of the shared browser holding one deck. Closed (with its presenter pop-up) when dropped.
pub struct Page {
    pub tab: Arc<Tab>,
    pub browser: Arc<Browser>,
    context: String,
    /// The deck's `file://` URL, without a hash.
    pub url: String,
}

/// Waits until no CSS transition or animation is running (two frames first, so that a class
/// change has been styled). Resolves to true; used after every move.
const SETTLE: &str = "new Promise(function (done) {
  function idle() { return document.getAnimations().every(function (a) { return a.playState !== 'running'; }); }
  function check() { if (idle()) done(true); else requestAnimationFrame(check); }
  requestAnimationFrame(function () { requestAnimationFrame(check); });
})";

impl Page {
    /// A fresh tab, `width`×`height`, with the deck at `html` opened at `hash` (e.g. "#/3").
    /// None when the browser is missing (the test is skipped).
    pub fn open(html: &Path, hash: &str, (width, height): (u32, u32)) -> Option<Page> {
        let page = Page::blank((width, height), &file_url(html))?;
        page.navigate(hash);
        Some(page)
    }

    /// A fresh tab, `width`×`height`, that will hold `url` but has loaded nothing yet (to watch
    /// the very first request). [`Page::navigate`] loads it.
    pub fn blank((width, height): (u32, u32), url: &str) -> Option<Page> {
        let browser = browser()?;
        // Each page gets its own browser context (its own renderer process and storage, so tests
        // running side by side neither share sessionStorage nor wait for each other's scripts)
        // and its own window: a tab behind another is hidden, and a hidden page runs no frames
        // (no requestAnimationFrame, no transitions), which would stall it until it came back.
        let context = browser
            .new_context()
            .expect("Target.createBrowserContext")
            .get_id()
            .to_string();
        let tab = browser
            .new_tab_with_options(Target::CreateTarget {
                url: "about:blank".into(),
                left: None,
                top: None,
                width: Some(width),
                height: Some(height),
                window_state: None,
                browser_context_id: Some(context.clone()),
                enable_begin_frame_control: None,
                new_window: Some(true),
                background: None,
                for_tab: None,
                hidden: None,
            })
            .expect("Target.createTarget");
        tab.set_default_timeout(Duration::from_secs(30));
        // Keyboard focus behaves as in the window in front, whatever the others do.
        tab.call_method(Emulation::SetFocusEmulationEnabled { enabled: true })
            .expect("Emulation.setFocusEmulationEnabled");
        let page = Page {
            tab,
            browser,
            context,
            url: url.to_string(),
        };
        page.viewport(width, height);
        Some(page)
    }

    /// Loads the deck (again) at `hash` and waits for the runtime.
    pub fn navigate(&self, hash: &str) {
        if self.tab.get_url().starts_with(&self.url) {
            // Only the hash would change: a same-document move, not a fresh deck.
            self.load("about:blank", "true");
        }
        self.load(&format!("{}{hash}", self.url), "!!window.diapo");
        self.settle();
    }

    /// Navigates to `url` and waits until the document there is loaded and `ready` is true.
    /// (headless_chrome's own wait also waits for the network to be idle: half a second more.)
    fn load(&self, url: &str, ready: &str) {
        self.tab
            .navigate_to(url)
            .unwrap_or_else(|e| panic!("cannot open {url}: {e:#}"));
        // (The runtime rewrites the hash as soon as it starts.)
        let document = url.split('#').next().unwrap_or(url);
        let check = format!(
            "location.href.replace(/#.*$/, '') === {} && document.readyState === 'complete' && ({ready})",
            serde_json::Value::from(document)
        );
        let wait =
            headless_chrome::util::Wait::new(Duration::from_secs(30), Duration::from_millis(20));
        // Until the new document commits, the check may run in the old one, or in none.
        wait.until(|| try_eval::<bool>(&self.tab, &check).ok().filter(|&b| b))
            .unwrap_or_else(|_| panic!("{url} did not load (or `{ready}` never held)"));
    }

    /// The viewport size (CSS pixels, device scale 1), as a window of that size would have.
    pub fn viewport(&self, width: u32, height: u32) {
        set_viewport(&self.tab, width, height);
        if self.tab.get_url().starts_with(&self.url) {
            // The runtime rescales the stage on "resize"; let that happen before measuring.
            self.settle();
        }
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its JSON value.
    /// A JavaScript exception fails the test with its message.
    pub fn eval<T: DeserializeOwned>(&self, expression: &str) -> T {
        eval_in(&self.tab, expression)
    }

    /// Presses a key through CDP (`Input.dispatchKeyEvent`: a trusted key event, as a keyboard
    /// or a clicker sends), then waits until the transitions it started have ended.
    pub fn key(&self, key: &str) {
        self.tab
            .press_key(key)
            .unwrap_or_else(|e| panic!("cannot press {key}: {e:#}"));
        self.settle();
    }

    /// Makes slide `n` (1-based) current with `fragments` shown (`None`: all), then waits.
    pub fn goto(&self, n: usize, fragments: Option<usize>) {
        let f = fragments.map_or("Infinity".to_string(), |f| f.to_string());
        let _: bool = self.eval(&format!("(window.diapo.goto({n}, {f}), {SETTLE})"));
    }

    /// (slide, fragments shown), 1-based slide.
    pub fn position(&self) -> (usize, usize) {
        self.eval("[window.diapo.slide(), window.diapo.fragment()]")
    }

    pub fn total(&self) -> usize {
        self.eval("window.diapo.total()")
    }

    /// Waits until no transition is running.
    pub fn settle(&self) {
        let _: bool = self.eval(SETTLE);
    }

    /// Sets or clears `prefers-reduced-motion: reduce`.
    pub fn reduced_motion(&self, on: bool) {
        self.tab
            .call_method(Emulation::SetEmulatedMedia {
                media: None,
                features: Some(vec![Emulation::MediaFeature {
                    name: "prefers-reduced-motion".into(),
                    value: if on { "reduce" } else { "no-preference" }.into(),
                }]),
            })
            .expect("Emulation.setEmulatedMedia");
        self.settle();
    }

    /// Saves a PNG of the viewport as `target/browser-artefacts/<name>.png`; returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        screenshot(&self.tab, name)
    }

    /// The tab of this deck's presenter pop-up, once it has been opened.
    pub fn presenter_tab(&self) -> Arc<Tab> {
        let id = self.tab.get_target_id().clone();
        let wait = headless_chrome::util::Wait::with_timeout(Duration::from_secs(10));
        wait.until(|| {
            let tabs = self.browser.get_tabs().lock().ok()?;
            tabs.iter()
                .find(|t| {
                    t.get_target_info()
                        .is_ok_and(|info| info.opener_id.as_ref() == Some(&id))
                })
                .cloned()
        })
        .expect("the presenter pop-up is not among the browser's targets")
    }

    /// The slides' labels and layouts, in order.
    pub fn slides(&self) -> Vec<SlideInfo> {
        self.eval(
            "Array.from(document.querySelectorAll('.reveal .slides > section')).map(function (s) {
               return { label: s.getAttribute('aria-label') || '', layout: s.getAttribute('data-layout') || '' };
             })",
        )
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        // Nothing may stay open after a test, failed or not. Closing the context's pages (the
        // presenter pop-up with them) empties it; disposing of the context itself is a
        // browser-level call that headless_chrome keeps private.
        if let Ok(tabs) = self.browser.get_tabs().lock() {
            for tab in tabs.iter() {
                if tab.get_browser_context_id().ok().flatten().as_deref() == Some(&self.context) {
                    let _ = tab.close(false);
                }
            }
        }
    }
}

#[derive(serde::Deserialize, Debug, Clone)]
pub struct SlideInfo {
    pub label: String,
    pub layout: String,
}

/// Gives `tab` the viewport of a `width`×`height` window (CSS pixels, device scale 1).
pub fn set_viewport(tab: &Tab, width: u32, height: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: Some(width),
        screen_height: Some(height),
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("Emulation.setDeviceMetricsOverride");
}

/// [`Page::eval`] for any tab (the presenter pop-up has no [`Page`]).
pub fn eval_in<T: DeserializeOwned>(tab: &Tab, expression: &str) -> T {
    try_eval(tab, expression).unwrap_or_else(|e| panic!("{e}"))
}

pub fn try_eval<T: DeserializeOwned>(tab: &Tab, expression: &str) -> Result<T, String> {
    let reply = tab
        .call_method(Runtime::Evaluate {
            expression: expression.to_string(),
            object_group: None,
            include_command_line_api: None,
            silent: None,
            context_id: None,
            return_by_value: Some(true),
            generate_preview: None,
            user_gesture: None,
            await_promise: Some(true),
            throw_on_side_effect: None,
            timeout: None,
            disable_breaks: None,
            repl_mode: None,
            allow_unsafe_eval_blocked_by_csp: None,
            unique_context_id: None,
            serialization_options: None,
        })
        .map_err(|e| format!("cannot evaluate `{}`: {e:#}", brief(expression)))?;
    if let Some(details) = reply.exception_details {
        let message = details
            .exception
            .and_then(|e| e.description)
            .unwrap_or(details.text);
        return Err(format!("`{}` threw: {message}", brief(expression)));
    }
    let value = reply.result.value.unwrap_or(serde_json::Value::Null);
    serde_json::from_value(value.clone())
        .map_err(|e| format!("`{}` gave {value}: {e}", brief(expression)))
}

/// The start of a script, for messages (axe-core alone is half a megabyte).
fn brief(expression: &str) -> String {
    let line: String = expression.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    }
}

/// Saves a PNG of `tab`'s viewport as `target/browser-artefacts/<name>.png`.
pub fn screenshot(tab: &Tab, name: &str) -> PathBuf {
    let png = tab
        .capture_screenshot(Cdp::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("Page.captureScreenshot");
    let path = artefacts().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}
