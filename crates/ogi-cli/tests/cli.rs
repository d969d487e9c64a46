//! The `ogi` binary, run as a user runs it.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ogi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(args)
        .output()
        .unwrap()
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-core/tests/fixtures/seeds")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn tidy_is_the_schema_csv() {
    let path = seeds().join("002_c41c9a6468e2aa6e.txt");
    let o = ogi(&["parse", "--format", "tidy", path.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("source,table,row,column,value"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.iter().any(|l| l.ends_with(",meta,year,value,2020")));
    assert!(
        rows.iter()
            .any(|l| l.ends_with(",requests,new_received,commercial,0"))
    );
    assert_eq!(
        rows.iter()
            .filter(|l| l.contains(",review_litigation,"))
            .count(),
        15
    );
}

#[test]
fn folders_are_read_recursively_in_sorted_order() {
    let o = ogi(&["parse", "--format", "jsonl", seeds().to_str().unwrap()]);
    assert!(o.status.success());
    let sources: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sources.len(), 5, "gold files are not reports");
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn a_bad_file_is_named_and_the_others_still_come_out() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let good = seeds().join("004_d0ad4e6dd563e698.txt");
    let missing = dir.path().join("missing.txt");
    let o = ogi(&[
        "parse",
        "--format",
        "json",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "one file was processed");
    let stderr = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(stderr.contains("empty.txt: the input is empty"), "{stderr}");
    assert!(stderr.contains("missing.txt: no such file"), "{stderr}");
    let docs: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(docs[0]["report"]["meta"]["format"], "legacy");
}

#[test]
fn nothing_processed_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("x.txt");
    std::fs::write(&binary, b"\x00\x01\x02").unwrap();
    let o = ogi(&["parse", binary.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8(o.stderr).unwrap().contains("binary"));
    // Wrong arguments are a failure too.
    assert!(!ogi(&["parse", "--format", "xml", "x"]).status.success());
    assert!(!ogi(&["parse"]).status.success());
}

/// `ogi check` run from the fixtures folder, so that the paths it prints are relative.
fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ogi"))
        .arg("check")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ogi-core/tests/fixtures"))
        .output()
        .unwrap()
}

#[test]
fn check_annotates_the_cells_of_failing_identities() {
    let o = check(&["corpus/024.txt"]);
    assert_eq!(o.status.code(), Some(1), "a hard check fails");
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn check_reports_structure_and_passes_without_failing_identities() {
    let o = check(&["seeds/003_a932651d7d736ac0.txt", "corpus/027.pipe.txt"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn check_json_gives_the_same_as_data() {
    let o = check(&["--format", "json", "corpus/024.txt", "corpus/025.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["checks"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "review_litigation.row_total[review]",
            "review_litigation.row_total[litigation_after_review]",
            "narrative.restates[requests_received]"
        ]
    );
    let total = &docs[0]["checks"][0]["cells"][0];
    assert_eq!(total["column"], "total");
    assert_eq!(total["value"], 0);
    assert!(total["span"].is_array());

    let all = check(&["--format", "json", "--all", "corpus/024.txt"]);
    let docs: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert!(docs[0]["checks"].as_array().unwrap().len() > 40);
}

#[test]
fn check_across_years_of_one_agency() {
    let o = check(&[
        "--format",
        "json",
        "--all",
        "corpus/017.txt",
        "corpus/018.txt",
    ]);
    let docs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let carried = docs[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["identity"] == "years.carried")
        .count();
    assert_eq!(carried, 7);
}
