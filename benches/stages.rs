//! `cargo bench --bench stages`: each stage of the pipeline on its own, in process — parse, fit,
//! layout (slide pages, notes handout), HTML render, PDF write, ODP and PPTX — on the sample deck and on
//! generated decks of 10, 100 and 1,000 slides (`scripts/gen_deck.py`). Throughput is in slides
//! per second, so a stage whose cost grows faster than the deck shows a falling throughput.
//! `cargo bench --bench stages -- parse/` runs one group; `DIAPO_BENCH_SIZES=10,100` fewer decks.

mod common;

use common::BenchDeck;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use diapo::build::{creation_time, Format};
use diapo::deck::ParseOptions;
use diapo::diagnostic::Diagnostics;
use diapo::layout::fit;
use diapo::layout::handout::{self, HandoutMode};
use diapo::layout::slides;
use diapo::render::{html, odp, office, pdf, pptx};
use std::hint::black_box;

/// Runs `f` once per deck in the group `name`, with the deck's slide count as throughput.
fn per_deck(
    c: &mut Criterion,
    decks: &[BenchDeck],
    name: &str,
    f: impl Fn(&mut criterion::Bencher, &BenchDeck),
) {
    let mut group = c.benchmark_group(name);
    for d in decks {
        group.sample_size(common::sample_size(d.slides()));
        group.throughput(Throughput::Elements(d.slides()));
        group.bench_with_input(BenchmarkId::from_parameter(&d.name), d, |b, d| f(b, d));
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let decks = common::decks();

    per_deck(c, &decks, "parse", |b, d| {
        let path = d.dir.join("deck.md");
        b.iter(|| {
            diapo::input::load(black_box(&path), &ParseOptions::default())
                .map(|(deck, _)| deck.slides.len())
        })
    });

    per_deck(c, &decks, "fit", |b, d| {
        let p = &d.prepared;
        let parsed = match diapo::input::load(&d.dir.join("deck.md"), &ParseOptions::default()) {
            Ok((deck, _)) => deck,
            Err(e) => panic!("{}: {e:?}", d.name),
        };
        b.iter_batched(
            || parsed.clone(),
            |mut deck| {
                let mut diags = Diagnostics::default();
                fit::fit_deck(&mut deck, None, &p.theme, &p.fonts, &p.images, &mut diags)
                    .scales
                    .len()
            },
            BatchSize::LargeInput,
        )
    });

    per_deck(c, &decks, "layout-slides", |b, d| {
        let p = &d.prepared;
        b.iter(|| slides::slide_pages(&p.render_ctx(0)).0.len())
    });

    per_deck(c, &decks, "layout-handout", |b, d| {
        let p = &d.prepared;
        let (pages, _) = slides::slide_pages(&p.render_ctx(0));
        b.iter(|| {
            handout::handout_document(&p.render_ctx(0), &pages, HandoutMode::Notes)
                .pages
                .len()
        })
    });

    per_deck(c, &decks, "html", |b, d| {
        let p = &d.prepared;
        let ctx = p.render_ctx(0);
        let (_, wraps, _) = diapo::build::slide_pages(p, &ctx);
        b.iter(|| html::render(&ctx, &wraps, &Default::default()).map(|h| h.len()))
    });

    per_deck(c, &decks, "pdf-slides", |b, d| {
        let p = &d.prepared;
        let (pages, _) = slides::slide_pages(&p.render_ctx(0));
        let doc = slides::slides_document(&p.render_ctx(creation_time(&p.deck)), pages);
        b.iter(|| pdf::write_pdf(&doc, &p.fonts).map(|bytes| bytes.len()))
    });

    per_deck(c, &decks, "pdf-handout", |b, d| {
        let p = &d.prepared;
        let (pages, _) = slides::slide_pages(&p.render_ctx(0));
        let doc = handout::handout_document(&p.render_ctx(0), &pages, HandoutMode::Notes);
        b.iter(|| pdf::write_pdf(&doc, &p.fonts).map(|bytes| bytes.len()))
    });

    // The editable decks, from the slides' pages: matching the page to the model, then writing.
    for (name, format) in [("odp", Format::Odp), ("pptx", Format::Pptx)] {
        per_deck(c, &decks, name, |b, d| {
            let p = &d.prepared;
            let ctx = p.render_ctx(0);
            let (pages, _) = slides::slide_pages(&ctx);
            b.iter(|| {
                let deck = office::office_deck(&office::Input::of(&ctx, &pages));
                match format {
                    Format::Odp => odp::write_odp(&deck).map(|bytes| bytes.len()),
                    _ => pptx::write_pptx(&deck).map(|bytes| bytes.len()),
                }
            })
        });
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
