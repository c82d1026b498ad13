//! What the criterion benches share: the decks they run on. The sample deck is
//! `decks/sensibilisation`; the generated decks (10, 100 and 1,000 slides) come from
//! `scripts/gen_deck.py`, the generator `scripts/bench-peers` uses too, so in-process and
//! whole-process numbers are about the same Markdown. They are written once into
//! `target/bench-decks/<n>/` (the generator rewrites nothing that has not changed).

use diapo::build::{self, BuildOptions, Prepared};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Slide counts of the generated decks. `DIAPO_BENCH_SIZES=10,100` runs fewer.
pub fn sizes() -> Vec<usize> {
    match std::env::var("DIAPO_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        Err(_) => vec![10, 100, 1000],
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A deck to bench: its name in the report, its folder, and its slide count once fitted.
pub struct BenchDeck {
    pub name: String,
    pub dir: PathBuf,
    pub prepared: Prepared,
}

impl BenchDeck {
    pub fn slides(&self) -> u64 {
        self.prepared.deck.slides.len() as u64
    }
}

/// The sample deck, then one generated deck per size. A generated deck that cannot be made (no
/// `python3`) is left out with a message: the sample deck still runs.
pub fn decks() -> Vec<BenchDeck> {
    let mut out = vec![load("sample".into(), root().join("decks/sensibilisation"))];
    match photo_deck() {
        Ok(dir) => out.push(load("photos-20".into(), dir)),
        Err(e) => eprintln!("skipping the photo deck: {e}"),
    }
    for n in sizes() {
        match generate(n) {
            Ok(dir) => out.push(load(format!("gen-{n}"), dir)),
            Err(e) => eprintln!("skipping the {n}-slide deck: {e}"),
        }
    }
    out
}

fn load(name: String, dir: PathBuf) -> BenchDeck {
    let prepared = match build::prepare(&dir, &BuildOptions::default()) {
        Ok(p) => p,
        Err(d) => panic!("{} does not build: {d:?}", dir.display()),
    };
    BenchDeck {
        name,
        dir,
        prepared,
    }
}

/// Writes (or keeps) the generated deck of `n` slides and returns its folder.
pub fn generate(n: usize) -> Result<PathBuf, String> {
    let dir = root().join("target/bench-decks").join(n.to_string());
    let status = Command::new("python3")
        .arg(root().join("scripts/gen_deck.py"))
        .args(["--slides", &n.to_string(), "--out"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run python3 scripts/gen_deck.py: {e}"))?;
    if !status.success() {
        return Err(format!("scripts/gen_deck.py failed ({status})"));
    }
    Ok(dir)
}

/// A photo-heavy deck (issue "what real decks hold"): 20 slides, 10 JPEG photos of 2 to 4
/// megapixels, 5 PNG screenshots, the first photo on 10 slides. Drawn here with the image crate
/// (the Python generator is standard library only, which cannot write a JPEG), once, into
/// `target/bench-decks/photos/`. What to watch: the build time, `slides.pdf` against the sum of
/// the JPEG files (the photos go in as they are), and the first photo stored once.
pub fn photo_deck() -> Result<PathBuf, String> {
    let dir = root().join("target/bench-decks/photos");
    let deck = dir.join("deck.md");
    if deck.is_file() {
        return Ok(dir);
    }
    std::fs::create_dir_all(dir.join("images")).map_err(|e| e.to_string())?;
    // Sizes between 2 and 4 megapixels, 4:3 and 3:2.
    const PHOTOS: [(u32, u32); 10] = [
        (1632, 1224),
        (2048, 1536),
        (2304, 1536),
        (1800, 1200),
        (2000, 1500),
        (2400, 1600),
        (1728, 1296),
        (2100, 1400),
        (1920, 1280),
        (2256, 1504),
    ];
    for (i, &(w, h)) in PHOTOS.iter().enumerate() {
        // A smooth gradient with fine grain: compresses like a photo, not like flat colour.
        let mut seed = 0x9e37_79b9_u32.wrapping_mul(i as u32 + 1);
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let grain = seed % 24;
            image::Rgb([
                (40 + x * 160 / w + grain) as u8,
                (60 + y * 150 / h + grain) as u8,
                (180 - x * 90 / w + grain) as u8,
            ])
        });
        img.save(dir.join(format!("images/photo-{i}.jpg")))
            .map_err(|e| e.to_string())?;
    }
    for i in 0..5 {
        // A screenshot: flat panels and lines.
        let img = image::RgbImage::from_fn(1440, 900, |x, y| {
            let panel = (x / 240 + y / 150 + i) % 4;
            let c = [245, 230, 210, 250][panel as usize] as u8;
            if y % 150 < 3 || x % 240 < 2 {
                image::Rgb([0, 0, 145])
            } else {
                image::Rgb([c, c, 255])
            }
        });
        img.save(dir.join(format!("images/capture-{i}.png")))
            .map_err(|e| e.to_string())?;
    }
    let mut md = String::from("# Photos\n\n");
    for slide in 1..20 {
        // Odd slides show the first photo (10 uses); even ones each another photo, the first
        // five a screenshot too.
        let images = if slide % 2 == 1 {
            vec!["images/photo-0.jpg".to_string()]
        } else {
            let j = slide / 2;
            let mut v = vec![format!("images/photo-{j}.jpg")];
            if j <= 5 {
                v.push(format!("images/capture-{}.png", j - 1));
            }
            v
        };
        md.push_str(&format!("---\n\n## Photo {slide}\n\n"));
        for image in images {
            md.push_str(&format!("![Illustration {slide}]({image})\n\n"));
        }
    }
    std::fs::write(&deck, md).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Fewer samples for large decks, so a whole `cargo bench` stays within minutes.
pub fn sample_size(slides: u64) -> usize {
    if slides >= 500 {
        10
    } else if slides >= 50 {
        20
    } else {
        50
    }
}
