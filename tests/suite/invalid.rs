//! Every folder of `tests/fixtures/invalid/` is a deck diapo must refuse: the binary exits with 1,
//! prints exactly `expected.txt` on stderr, nothing on stdout, and creates no output folder.
//! The deck is passed as `tests/fixtures/invalid/<case>` so the printed path is the same on every
//! machine.
//!
//! `UPDATE_EXPECT=1` rewrites `expected.txt` from what the binary prints — then read the diff: an
//! expected text is a promise to the trainer (the place, the caret under the right word, a hint
//! that helps).
//!
//! A case may hold an `args.txt`: more arguments for `diapo build`, separated by white space (for
//! instance `--strict`, for a deck whose problem is a warning: it then fails with that warning as
//! an error).
//!
//! A case with a `known-bug.txt` holds the message diapo *should* print, and the bug that stops
//! it: the exit code and the absence of output are still checked, the text is not (and
//! `UPDATE_EXPECT` leaves it alone). Once the text matches, the test fails to say the bug is fixed
//! and `known-bug.txt` can go.

use crate::support::{diapo, folders, INVALID};
use std::path::Path;

#[test]
fn every_invalid_deck_fails_with_its_exact_message() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let cases = folders(INVALID);
    assert!(cases.len() >= 30, "only {} invalid cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let dir = Path::new(INVALID).join(case);
        let tmp = tempfile::tempdir().expect("temporary folder");
        let out = tmp.path().join("out");
        let args = std::fs::read_to_string(dir.join("args.txt")).unwrap_or_default();
        let output = diapo()
            .arg("build")
            .arg(&dir)
            .arg("--out")
            .arg(&out)
            .args(args.split_whitespace())
            .output()
            .expect("run diapo");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let mut problems = Vec::new();
        if output.status.code() != Some(1) {
            problems.push(format!("exit code {:?}, not 1", output.status.code()));
        }
        if !output.stdout.is_empty() {
            problems.push(format!(
                "stdout is not empty: {}",
                String::from_utf8_lossy(&output.stdout)
            ));
        }
        if out.exists() {
            problems.push("an output folder was created".into());
        }

        let expected_path = dir.join("expected.txt");
        let known_bug = std::fs::read_to_string(dir.join("known-bug.txt")).ok();
        if update && known_bug.is_none() {
            std::fs::write(&expected_path, &stderr).expect("write expected.txt");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        match (stderr == expected, &known_bug) {
            (true, None) => {}
            (false, None) => problems.push(format!(
                "stderr differs from expected.txt\n--- expected\n{expected}--- printed\n{stderr}---"
            )),
            (false, Some(bug)) => {
                println!(
                    "known bug in {case}: {}printed:\n{stderr}",
                    bug.trim_end().to_string() + "\n"
                );
            }
            (true, Some(_)) => problems.push(
                "prints expected.txt now: the known bug is fixed, delete known-bug.txt".into(),
            ),
        }
        if !problems.is_empty() {
            failures.push(format!("{case}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid decks misbehave:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
