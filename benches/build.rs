//! `cargo bench --bench build`: the whole build in process — parse, images, fit, `slides.html`,
//! `slides.pdf` and `handout.pdf`, written — on the sample deck and on generated decks of 10, 100
//! and 1,000 slides, then the size of each output. A benchmark reports; no test asserts a time.
//! The whole-process comparison with Marp, pandoc and Decktape is `scripts/bench-peers`
//! (BENCHMARKS.md).

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use diapo::build::{self, BuildOptions};

fn full_build(c: &mut Criterion) {
    let decks = common::decks();
    let out = std::env::temp_dir().join(format!("diapo-bench-{}", std::process::id()));
    let mut sizes = Vec::new();
    let mut group = c.benchmark_group("build");
    for d in &decks {
        let opts = BuildOptions {
            out: Some(out.join(&d.name)),
            ..BuildOptions::default()
        };
        group.sample_size(common::sample_size(d.slides()));
        group.throughput(Throughput::Elements(d.slides()));
        group.bench_with_input(BenchmarkId::from_parameter(&d.name), &d.dir, |b, dir| {
            b.iter(|| build::build(dir, &opts).map(|r| r.files.len()))
        });
        let kb = |name: &str| {
            std::fs::metadata(out.join(&d.name).join(name))
                .map(|m| m.len() / 1024)
                .unwrap_or(0)
        };
        sizes.push(format!(
            "{:<8} {:>5} slides   slides.html {:>6} KB   slides.pdf {:>6} KB   handout.pdf {:>6} KB",
            d.name,
            d.slides(),
            kb("slides.html"),
            kb("slides.pdf"),
            kb("handout.pdf")
        ));
    }
    group.finish();
    println!("\noutputs:");
    for line in sizes {
        println!("  {line}");
    }
    let _ = std::fs::remove_dir_all(out);
}

criterion_group!(benches, full_build);
criterion_main!(benches);
