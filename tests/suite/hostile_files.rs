//! Files a hostile deck folder or output folder could turn against the trainer: links planted
//! where outputs are written, a brand file or a `themes/` folder linked to a file elsewhere, and
//! a build killed at any moment. See the README's "Security and limits".

use crate::hostile::{slide, stderr, Workspace};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// diapo once wrote each output to `OUT/.NAME.PID.tmp`, following a link planted there: links at
/// every such name the build could pick, and at the output itself, lead to a file no build may
/// touch.
#[cfg(unix)]
#[test]
fn links_planted_in_the_output_folder_are_never_followed() {
    let ws = Workspace::new(slide("Une diapositive", "Texte."));
    let victim = ws.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("victim");
    std::fs::create_dir(ws.out()).expect("output folder");
    // Process ids are handed out in order: the build's is soon after this one's.
    let me = std::process::id();
    for pid in me..me + 3000 {
        for name in ["slides.html", "slides.pdf", "handout.pdf"] {
            let _ =
                std::os::unix::fs::symlink(&victim, ws.out().join(format!(".{name}.{pid}.tmp")));
        }
    }
    let output = ws.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
    assert!(ws.out().join("slides.html").is_file());

    // An output that is itself a link is refused, and nothing is written.
    std::fs::remove_file(ws.out().join("slides.html")).expect("remove");
    std::os::unix::fs::symlink(&victim, ws.out().join("slides.html")).expect("link");
    let output = ws.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "error: out/slides.html is a symbolic link: diapo does not write through links\n"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious"
    );
}

/// A brand file linked to a secret: refused before a byte of it is read, so no diagnostic (of
/// `build`, `check --json` or `serve`'s panel) can quote its first line.
#[cfg(unix)]
#[test]
fn a_brand_file_linked_outside_is_refused_unread() {
    let ws = Workspace::new("# Atelier\n\n### Une diapositive\n\nTexte.\n");
    let secret = ws.dir.path().join("secret.env");
    std::fs::write(&secret, "API_TOKEN=hunter2-secret\n").expect("secret");
    std::fs::create_dir_all(ws.deck().join("themes/brands")).expect("brands");
    std::os::unix::fs::symlink(&secret, ws.deck().join("themes/brands/x.toml")).expect("link");
    let output = ws.build(&["--brand", "x"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.starts_with(
            "error: deck/themes/brands/x.toml leads outside the themes folder deck/themes\n"
        ),
        "{text}"
    );
    assert!(!text.contains("hunter2"), "{text}");
    let check = Command::new(env!("CARGO_BIN_EXE_diapo"))
        .args(["check", "deck", "--json", "--brand", "x"])
        .current_dir(ws.dir.path())
        .output()
        .expect("run diapo check");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    assert!(all.contains("leads outside the themes folder"), "{all}");
    assert!(!all.contains("hunter2"), "{all}");
}

/// A deck's `themes/` folder that is itself a link to a folder elsewhere is refused (its brands
/// and themes unread), unless that folder is named with `--allow-outside`.
#[cfg(unix)]
#[test]
fn a_themes_folder_linked_outside_is_refused() {
    let ws = Workspace::new("# Atelier\n\n### Une diapositive\n\nTexte.\n");
    let elsewhere = ws.dir.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("brands")).expect("brands");
    std::fs::write(elsewhere.join("brands/x.toml"), "name = \"Direction X\"\n").expect("brand");
    std::os::unix::fs::symlink("../elsewhere", ws.deck().join("themes")).expect("link");
    let output = ws.build(&["--brand", "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .starts_with("error: the themes folder deck/themes leads outside the deck's folder\n"),
        "{}",
        stderr(&output)
    );
    assert!(!ws.out().exists());
    let allowed = ws.build(&["--brand", "x", "--allow-outside", "elsewhere"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
}

/// The files of an output folder, sorted by name, with their bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| {
                    let e = e.expect("entry");
                    let bytes = std::fs::read(e.path()).expect("read an output");
                    (e.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Builds killed at moments spread over a whole build: afterwards the output folder holds one
/// complete set — the previous build's or the new one's, byte for byte, never a mix — and the
/// next build removes whatever the killed ones left.
#[test]
fn a_build_killed_at_any_moment_leaves_one_whole_set() {
    let ws = Workspace::new(slide("Première version", &"Du texte. ".repeat(200)));
    let second = ws.dir.path().join("second");
    std::fs::create_dir(&second).expect("second deck");
    std::fs::write(
        second.join("deck.md"),
        slide("Seconde version", &"D’autres mots. ".repeat(150)),
    )
    .expect("second deck");
    // The two sets every state must be one of.
    let built = |deck: &Path| {
        let out = ws.dir.path().join("reference");
        let output = Command::new(env!("CARGO_BIN_EXE_diapo"))
            .arg("build")
            .arg(deck)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run diapo");
        assert!(output.status.success(), "{}", stderr(&output));
        let set = contents(&out);
        std::fs::remove_dir_all(&out).expect("clean the reference");
        set
    };
    let started = Instant::now();
    let first_set = built(&ws.deck());
    let whole_build = started.elapsed().max(Duration::from_millis(50));
    let second_set = built(&second);
    assert_ne!(first_set, second_set);

    let out = ws.out();
    // What the folder held after the previous round.
    let mut previous: Vec<(String, Vec<u8>)> = Vec::new();
    let rounds = 24;
    for round in 0..rounds {
        let (deck, set) = if round % 2 == 0 {
            (ws.deck(), &first_set)
        } else {
            (second.clone(), &second_set)
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_diapo"))
            .arg("build")
            .arg(&deck)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .spawn()
            .expect("start diapo");
        // From the start to past the end of a build, in even steps.
        std::thread::sleep(whole_build * 5 / 4 * round / rounds);
        let _ = child.kill();
        let _ = child.wait();
        let now = contents(&out);
        assert!(
            &now == set || now == previous,
            "round {round}: a mix or a half-written file: {:?}",
            now.iter()
                .map(|(n, b)| (n.as_str(), b.len()))
                .collect::<Vec<_>>()
        );
        previous = now;
    }
    // The next build removes what the killed ones left beside the folder and in it.
    let output = Command::new(env!("CARGO_BIN_EXE_diapo"))
        .arg("build")
        .arg(ws.deck())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run diapo");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(contents(&out), first_set);
    let mut beside: Vec<String> = std::fs::read_dir(ws.dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["deck", "out", "second"]);
}
