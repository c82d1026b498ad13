//! `diapo check` as a trainer and CI run it: the exact checklist and JSON of fixture decks with
//! known findings (`tests/fixtures/check/`), the exit codes, `--strict`, the pace options, the
//! same warnings in `diapo build`, colours only where asked, and the CLI comforts (completions,
//! man page, `--quiet`).

use crate::support::diapo;
use std::path::Path;

const OVER_BUDGET: &str = "tests/fixtures/check/over-budget";
const BROKEN: &str = "tests/fixtures/check/broken";
const SAMPLE_DECK: &str = "decks/sensibilisation";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = diapo().args(args).output().expect("run diapo");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (_, stdout, stderr) = run(args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}\n{stderr}"))
}

#[test]
fn the_over_budget_deck_reads_as_a_checklist() {
    let (code, stdout, stderr) = run(&["check", OVER_BUDGET]);
    assert_eq!(code, Some(0), "warnings only: {stderr}");
    assert!(stdout.contains("about 26 min for a 10 min session — 16 min over"));
    insta::assert_snapshot!("over_budget_checklist", stdout);
}

#[test]
fn the_over_budget_deck_as_json() {
    let (code, stdout, _) = run(&["check", OVER_BUDGET, "--json"]);
    assert_eq!(code, Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["timing"]["over_minutes"], 16);
    assert_eq!(value["timing"]["budget_minutes"], 10);
    assert_eq!(value["timing"]["slides"].as_array().map(Vec::len), Some(13));
    let rules: Vec<&str> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    // Every rule found is documented, with the severity it has.
    for finding in value["findings"].as_array().expect("findings") {
        let rule = finding["rule"].as_str().expect("rule");
        let documented = diapo::rules::Rule::from_name(rule);
        assert_eq!(
            documented.map(|r| r.severity().label()),
            finding["severity"].as_str(),
            "{rule} is not a rules::Rule with this severity"
        );
    }
    for rule in [
        "timing/over-budget",
        "readability/too-many-bullets",
        "readability/too-many-words",
        "readability/long-line",
        "readability/overflow",
        "readability/shrunk",
        "images/missing-alt",
        "images/oversized",
        "links/broken-internal",
        "links/external",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    insta::assert_snapshot!("over_budget_json", stdout);
}

/// The README's table of rules, as (rule, severity) pairs in its order.
fn readme_rules() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let table = readme
        .split_once("### Rules and severities")
        .map(|(_, rest)| rest)
        .expect("the README's rules section");
    table
        .lines()
        .skip_while(|l| !l.starts_with("| rule |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

#[test]
fn the_readme_lists_every_rule_with_its_severity() {
    use diapo::rules::Rule;
    let documented = readme_rules();
    let rules: Vec<(String, String)> = Rule::ALL
        .iter()
        .map(|r| (r.name().to_string(), r.severity().label().to_string()))
        .collect();
    assert_eq!(
        documented, rules,
        "README.md's table of rules and rules::Rule::ALL (names, severities, order) differ"
    );
}

#[test]
fn errors_fail_the_check_and_are_listed_with_the_rest() {
    let (code, stdout, _) = run(&["check", BROKEN]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("broken_checklist", stdout);
    let value = json(&["check", BROKEN, "--json"]);
    assert_eq!(value["summary"]["errors"], 2);
    // The duplicate anchor, and the brand's title colour on the four slides that draw it.
    assert_eq!(value["summary"]["warnings"], 5);
}

#[test]
fn quiet_prints_the_errors_only() {
    let (code, stdout, _) = run(&["check", BROKEN, "--quiet"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("    ✗")).count(), 2);
    assert!(!stdout.contains("duplicate-anchor"), "{stdout}");
    let (code, stdout, _) = run(&["check", OVER_BUDGET, "-q"]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
}

#[test]
fn a_deck_that_cannot_be_read_fails_with_its_error() {
    let (code, stdout, stderr) = run(&["check", "tests/fixtures/invalid/bad-yaml"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        std::fs::read_to_string("tests/fixtures/invalid/bad-yaml/expected.txt").expect("expected")
    );
    let value = json(&["check", "tests/fixtures/invalid/bad-yaml", "--json"]);
    assert_eq!(value["summary"]["errors"], 1);
    assert!(value["timing"].is_null());
}

#[test]
fn strict_makes_warnings_errors() {
    let (code, stdout, _) = run(&["check", OVER_BUDGET, "--strict"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("✗ Timing"), "{stdout}");
    // Notes stay notes.
    assert!(stdout.contains("    i "), "{stdout}");
}

#[test]
fn the_pace_is_settable() {
    let value = json(&["check", OVER_BUDGET, "--json", "--wpm", "260"]);
    assert_eq!(value["timing"]["words_per_minute"], 260);
    let over = value["timing"]["over_minutes"].as_i64().expect("over");
    assert!((1..12).contains(&over), "{over}");
    let value = json(&["check", OVER_BUDGET, "--json", "--min-per-slide", "120"]);
    let slides = value["timing"]["slides"].as_array().expect("slides");
    assert!(slides.iter().all(|s| s["seconds"].as_u64() >= Some(120)));
    let (code, _, stderr) = run(&["check", OVER_BUDGET, "--wpm", "0"]);
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn build_prints_the_same_warnings_and_strict_writes_nothing() {
    let value = json(&["check", OVER_BUDGET, "--json"]);
    let out = tempfile::tempdir().expect("temporary folder");
    let target = out.path().join("out");
    let target_arg = target.to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["build", OVER_BUDGET, "--out", &target_arg]);
    assert_eq!(code, Some(0), "{stderr}");
    for finding in value["findings"].as_array().expect("findings") {
        let rule = finding["rule"].as_str().expect("rule");
        let place = format!(
            "--> {}:{}:{}",
            finding["file"].as_str().expect("file"),
            finding["line"],
            finding["col"]
        );
        let head = format!(
            "warning[{rule}]: {}",
            finding["message"].as_str().expect("message")
        );
        if finding["severity"] == "note" {
            assert!(!stderr.contains(&head), "build printed a note: {head}");
        } else {
            assert!(
                stderr.contains(&head),
                "build did not print {head}:\n{stderr}"
            );
            assert!(stderr.contains(&place), "build did not print {place}");
        }
    }
    let strict = out.path().join("strict");
    let strict_arg = strict.to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["build", OVER_BUDGET, "--out", &strict_arg, "--strict"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(stderr.contains("error[timing/over-budget]"), "{stderr}");
    assert!(!strict.exists(), "--strict wrote {}", strict.display());
}

#[test]
fn the_sample_deck_is_clean_and_its_build_quiet() {
    if !Path::new(SAMPLE_DECK).join("deck.md").is_file() {
        println!("skipped: no sample deck");
        return;
    }
    let (code, stdout, _) = run(&["check", SAMPLE_DECK, "--strict"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.ends_with("Result: no problem found\n"), "{stdout}");
    let out = tempfile::tempdir().expect("temporary folder");
    let out_arg = out.path().to_string_lossy().into_owned();
    let (code, _, stderr) = run(&["build", SAMPLE_DECK, "--out", &out_arg]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    // One deck per ministry: each brand's words (its `vars`) keep the deck clean too.
    for brand in ["armees", "ecologie", "education", "interieur", "justice"] {
        let (code, stdout, _) = run(&["check", SAMPLE_DECK, "--strict", "--brand", brand]);
        assert_eq!(code, Some(0), "{brand}: {stdout}");
        assert!(
            stdout.ends_with("Result: no problem found\n"),
            "{brand}: {stdout}"
        );
    }
}

#[test]
fn the_seed_outline_has_warnings_but_no_error() {
    let Some(seed) = crate::cli::seed_outline() else {
        return;
    };
    let value = json(&["check", &seed.to_string_lossy(), "--json"]);
    assert_eq!(value["summary"]["errors"], 0, "{value:#}");
    assert!(value["timing"]["budget_minutes"].is_null());
}

#[test]
fn colours_only_when_asked_and_never_with_no_color() {
    const ESC: char = '\u{1b}';
    // Piped: no escape codes, from check or from build.
    let (_, stdout, _) = run(&["check", BROKEN]);
    assert!(!stdout.contains(ESC));
    let forced = |no_color: bool, args: &[&str]| {
        let mut cmd = diapo();
        cmd.args(args)
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd.output().expect("run diapo");
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr)
    };
    assert!(forced(false, &["check", BROKEN]).contains(ESC));
    assert!(!forced(true, &["check", BROKEN]).contains(ESC));
    let out = tempfile::tempdir().expect("temporary folder");
    let out_arg = out.path().to_string_lossy().into_owned();
    let build = ["build", BROKEN, "--out", &out_arg];
    assert!(forced(false, &build).contains(ESC));
    assert!(!forced(true, &build).contains(ESC));
    let (_, _, stderr) = run(&build);
    // A missing image only warns in a build (a placeholder stands in for it); the brand's
    // colours are what stops it.
    assert!(stderr.contains("error[theme/contrast]"), "{stderr}");
    assert!(!stderr.contains(ESC));
}

#[test]
fn completions_and_man_page() {
    let (code, bash, _) = run(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    for word in ["_diapo()", "build", "check", "new", "--template", "--wpm"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    let (code, zsh, _) = run(&["completions", "zsh"]);
    assert_eq!(code, Some(0));
    assert!(zsh.starts_with("#compdef diapo"));
    let (code, _, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
    let (code, man, _) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(
        man.starts_with(".ie") || man.contains("\n.TH diapo 1"),
        "{man}"
    );
    assert!(man.contains(".TH diapo 1"));
    assert!(man.contains("Exit codes"));
    let dir = tempfile::tempdir().expect("temporary folder");
    let dir_arg = dir.path().to_string_lossy().into_owned();
    let (code, _, _) = run(&["man", "--out", &dir_arg]);
    assert_eq!(code, Some(0));
    for page in ["diapo.1", "diapo-build.1", "diapo-check.1", "diapo-new.1"] {
        let text = std::fs::read_to_string(dir.path().join(page)).expect(page);
        assert!(text.contains(".TH"), "{page}");
    }
}

#[test]
fn quiet_and_verbose_builds() {
    let out = tempfile::tempdir().expect("temporary folder");
    let out_arg = out.path().to_string_lossy().into_owned();
    let deck = "tests/fixtures/valid/outline";
    let (code, stdout, stderr) = run(&["build", deck, "--out", &out_arg, "--quiet"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "", ""));
    let (code, stdout, stderr) = run(&["--verbose", "build", deck, "--out", &out_arg]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout.lines().count(), 3);
    for stage in [
        "parse", "theme", "fit", "lint", "html", "layout", "pdf", "write",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "no {stage} timing in {stderr}"
        );
    }
    let (code, _, _) = run(&["build", deck, "--quiet", "--verbose"]);
    assert_eq!(code, Some(2));
}

/// Contrast as the slides really draw it: a brand's unreadable title colour is found on every
/// slide it is drawn on; the sample deck reads well in every built-in theme.
#[test]
fn contrast_is_checked_on_the_laid_out_slides() {
    let (_, stdout, _) = run(&["check", "tests/fixtures/check/broken", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let found: Vec<&serde_json::Value> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "theme/slide-contrast")
        .collect();
    assert!(found.len() >= 3, "{stdout}");
    assert!(found.iter().all(|f| f["severity"] == "warning"));
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("#ffcc00 on #ffffff")),
        "{:?}",
        found[0]
    );
    for theme in ["etat", "sobre", "sombre"] {
        let (_, stdout, _) = run(&["check", "decks/sensibilisation", "--json", "--theme", theme]);
        assert!(
            !stdout.contains("theme/slide-contrast"),
            "{theme}: {stdout}"
        );
    }
}
