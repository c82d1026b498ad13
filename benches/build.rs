//! `cargo bench --bench build`: wall time of each stage and of the whole build of the sample deck
//! (HTML + slides.pdf + handout.pdf), in process, release profile. A benchmark, not a test: it
//! reports; it asserts nothing. The target (issue "Native PDF") is under 100 ms for the whole
//! build on a 2-core machine, each PDF under 300 KB.
//!
//! A small harness of its own (median of N runs after a warm-up) keeps `cargo test` free of a
//! benchmarking framework's build time.

use diapo::build::{self, BuildOptions};
use diapo::layout::handout::{self, HandoutMode};
use diapo::layout::slides;
use diapo::render::{html, pdf};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn bench<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..3 {
        black_box(f());
    }
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    let m = median(times.clone());
    let min = times.iter().min().copied().unwrap_or_default();
    println!(
        "{name:<34} median {:>8.2} ms   min {:>8.2} ms   ({runs} runs)",
        m.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3
    );
    m
}

fn main() {
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/sensibilisation");
    let opts = BuildOptions::default();
    let runs = 30;
    println!("diapo benchmarks — deck: decks/sensibilisation");
    let p = build::prepare(&deck, &opts).expect("the sample deck builds");
    bench("parse + fit (prepare)", runs, || {
        build::prepare(&deck, &opts)
            .map(|p| p.deck.slides.len())
            .unwrap_or(0)
    });
    bench("HTML render", runs, || {
        html::render(
            &p.deck,
            &p.theme,
            &p.fonts,
            &p.images,
            &p.scales,
            &Default::default(),
        )
        .map(|h| h.len())
        .unwrap_or(0)
    });
    let (pages, _) = slides::slide_pages(&p.deck, &p.theme, &p.fonts, &p.images, &p.scales);
    bench("slide pages (layout)", runs, || {
        slides::slide_pages(&p.deck, &p.theme, &p.fonts, &p.images, &p.scales)
            .0
            .len()
    });
    let doc = slides::slides_document(&p.deck, pages.clone(), 0);
    let slides_pdf = pdf::write_pdf(&doc, &p.fonts).expect("slides.pdf");
    bench("slides.pdf (write)", runs, || {
        pdf::write_pdf(&doc, &p.fonts).map(|b| b.len()).unwrap_or(0)
    });
    let hdoc =
        handout::handout_document(&p.deck, &p.theme, &p.fonts, &pages, HandoutMode::Notes, 0);
    let handout_pdf = pdf::write_pdf(&hdoc, &p.fonts).expect("handout.pdf");
    bench("handout.pdf (layout + write)", runs, || {
        let d =
            handout::handout_document(&p.deck, &p.theme, &p.fonts, &pages, HandoutMode::Notes, 0);
        pdf::write_pdf(&d, &p.fonts).map(|b| b.len()).unwrap_or(0)
    });
    let out = std::env::temp_dir().join(format!("diapo-bench-{}", std::process::id()));
    let full = BuildOptions {
        out: Some(out.clone()),
        ..BuildOptions::default()
    };
    let total = bench("full build (3 outputs, written)", runs, || {
        build::build(&deck, &full)
            .map(|r| r.files.len())
            .unwrap_or(0)
    });
    println!(
        "slides.pdf {} KB, handout.pdf {} KB — target: full build < 100 ms ({}), each PDF < 300 KB",
        slides_pdf.len() / 1024,
        handout_pdf.len() / 1024,
        if total < Duration::from_millis(100) {
            "met"
        } else {
            "missed"
        }
    );
    let _ = std::fs::remove_dir_all(out);
}
