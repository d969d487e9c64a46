//! Accuracy against the gold labels that ship with the fixtures (`*.gold.json`, values a
//! careful human read from each report).
//!
//! These are regression floors, not tuning targets: a cell the parser reads must equal the
//! gold value (no wrong and no spurious cells, for every fixture), and the tables listed in
//! [`COMPLETE`] must be read completely.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use ogi_model::TableName;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Documents and tables whose every gold cell must be read.
const COMPLETE: &[(&str, &[&str])] = &[
    (
        "seeds/002_c41c9a6468e2aa6e",
        &["requests", "review_litigation", "proactive"],
    ),
    ("seeds/004_d0ad4e6dd563e698", &["legacy"]),
    // pdftotext -layout, labels wrapped and broken, tables across pages.
    (
        "corpus/024",
        &["requests", "review_litigation", "proactive"],
    ),
    (
        "corpus/025",
        &["requests", "review_litigation", "proactive"],
    ),
    (
        "corpus/026",
        &["requests", "review_litigation", "proactive"],
    ),
    // A Word page and a naive rendering of it.
    (
        "corpus/027",
        &["requests", "review_litigation", "proactive"],
    ),
    (
        "corpus/027.pipe",
        &["requests", "review_litigation", "proactive"],
    ),
    // Crawler dumps whose digit runs split uniquely (018 only with the column identities).
    ("corpus/017", &["requests", "review_litigation"]),
    ("corpus/018", &["requests", "review_litigation"]),
    ("corpus/019", &["requests", "review_litigation"]),
    (
        "corpus/028",
        &["requests", "review_litigation", "proactive"],
    ),
    ("corpus/002", &["legacy"]),
    ("corpus/005", &["legacy"]),
    // A crawler's page.txt: the 统计表 one cell per line (label / unit / value), blanks gone.
    ("corpus/101", &["legacy"]),
    ("corpus/102", &["legacy"]),
    ("corpus/103", &["legacy"]),
    ("corpus/104", &["legacy"]),
    ("corpus/105", &["legacy"]),
    ("corpus/106", &["legacy"]),
    ("corpus/107", &["legacy"]),
    ("corpus/108", &["legacy"]),
    ("corpus/110", &["legacy"]),
    ("corpus/116", &["legacy"]),
    ("corpus/123", &["legacy"]),
    ("corpus/125", &["legacy"]),
    // The same crawler with equal lines collapsed: every row of these tables expands one way
    // (111, 112 and 117's table 二 does not, and is not in their gold).
    (
        "corpus/109",
        &["requests", "review_litigation", "proactive"],
    ),
    ("corpus/111", &["requests", "review_litigation"]),
    ("corpus/112", &["requests", "review_litigation"]),
    ("corpus/117", &["requests", "review_litigation"]),
    (
        "corpus/121",
        &["requests", "review_litigation", "proactive"],
    ),
    (
        "corpus/122",
        &["requests", "review_litigation", "proactive"],
    ),
];

/// The tables of the template generations and the 统计表.
const TABLES: &[&str] = &["requests", "review_litigation", "proactive", "legacy"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Gold cells and the predicted tidy values (`table/row/column` → value as text).
struct Scored {
    gold: BTreeMap<String, Value>,
    predicted: BTreeMap<String, String>,
    meta: BTreeMap<String, Value>,
    /// The report's status (`ok`, `partial`) and its reason.
    status: (ogi_model::ReadStatus, String),
}

fn score(stem: &str) -> Scored {
    let dir = fixtures();
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{stem}.gold.json"))).unwrap(),
    )
    .unwrap();
    let input = ["txt", "html"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.exists())
        .unwrap();
    let report = ogi_core::parse(&std::fs::read(input).unwrap()).unwrap();
    let status = report.read_status();
    let predicted = report
        .tidy()
        .iter()
        .map(|r| {
            (
                format!("{}/{}/{}", r.table.key(), r.row, r.column),
                r.value.to_string(),
            )
        })
        .collect();
    Scored {
        gold: gold["cells"]
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .collect(),
        predicted,
        meta: gold["meta"]
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .collect(),
        status,
    }
}

fn same(predicted: &str, gold: &Value) -> bool {
    match gold {
        Value::Null => predicted.is_empty(),
        Value::Number(n) => predicted.parse::<f64>().ok() == n.as_f64(),
        Value::String(s) => predicted == s,
        _ => false,
    }
}

fn gold_stems() -> Vec<String> {
    let mut stems = Vec::new();
    for sub in ["seeds", "corpus"] {
        for entry in std::fs::read_dir(fixtures().join(sub)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if let Some(stem) = name.strip_suffix(".gold.json") {
                stems.push(format!("{sub}/{stem}"));
            }
        }
    }
    stems.sort();
    stems
}

#[test]
fn no_wrong_or_spurious_table_cells() {
    let mut problems = Vec::new();
    for stem in gold_stems() {
        let s = score(&stem);
        for (key, value) in &s.predicted {
            let table = key.split('/').next().unwrap();
            if table == TableName::Meta.key()
                || table == TableName::Narrative.key()
                || key.contains("/unlisted:")
            {
                continue;
            }
            // A table the gold leaves out as a whole (corpus README: 111, 112 and 117's table 二,
            // whose collapsed rows do not all expand one way) is not assessed.
            let assessed = s.gold.keys().any(|k| k.split('/').next() == Some(table));
            match s.gold.get(key) {
                None if !assessed => {}
                None => problems.push(format!("{stem}: spurious {key} = {value}")),
                Some(g) if !same(value, g) => {
                    problems.push(format!("{stem}: wrong {key} = {value}, gold {g}"));
                }
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A report is `ok` only when every table cell of its gold was read, and read right: a
/// table cell lost without a word is the silent failure an analyst cannot see.
#[test]
fn no_report_is_ok_with_a_table_cell_missed() {
    let mut problems = Vec::new();
    for stem in gold_stems() {
        let s = score(&stem);
        if s.status.0 != ogi_model::ReadStatus::Ok {
            continue;
        }
        for (key, g) in &s.gold {
            let table = key.split('/').next().unwrap();
            if TABLES.contains(&table) && !s.predicted.get(key).is_some_and(|p| same(p, g)) {
                problems.push(format!("{stem} is ok, but {key} = {g} was not read"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn complete_tables_are_read_completely() {
    for (stem, tables) in COMPLETE {
        let s = score(stem);
        let missing: Vec<_> = s
            .gold
            .iter()
            .filter(|(k, _)| tables.contains(&k.split('/').next().unwrap()))
            .filter(|(k, g)| !s.predicted.get(*k).is_some_and(|p| same(p, g)))
            .map(|(k, g)| format!("{k} = {g}"))
            .collect();
        assert!(
            missing.is_empty(),
            "{stem}: not read: {}",
            missing.join(", ")
        );
    }
}

/// Over every gold file: table cells read correctly / gold table cells.
#[test]
fn table_recall_over_the_corpus() {
    let (mut gold, mut correct) = (0usize, 0usize);
    for stem in gold_stems() {
        let s = score(&stem);
        for (key, g) in &s.gold {
            if TABLES.contains(&key.split('/').next().unwrap()) {
                gold += 1;
                correct += usize::from(s.predicted.get(key).is_some_and(|p| same(p, g)));
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let recall = correct as f64 / gold as f64;
    assert!(
        recall >= 0.99,
        "table recall {recall:.4} ({correct} of {gold})"
    );
}

/// Agency names match when one contains the other (titles often drop 管委会, 人民政府 …), as
/// the project's scorer compares them.
fn same_agency(predicted: &str, gold: &str) -> bool {
    let (a, b) = (predicted.trim(), gold.trim());
    // A place's report (莆田市) is its people's government's (莆田市人民政府).
    if !a.is_empty() && (format!("{a}人民政府") == b || format!("{b}人民政府") == a) {
        return true;
    }
    !a.is_empty()
        && (a == b
            || (a.chars().count().min(b.chars().count()) >= 4 && (a.contains(b) || b.contains(a))))
}

#[test]
fn meta_of_every_fixture() {
    let mut problems = Vec::new();
    let (mut agencies, mut agencies_right) = (0, 0);
    for stem in gold_stems() {
        let s = score(&stem);
        for key in ["year", "format"] {
            let gold = &s.meta[key];
            let predicted = s
                .predicted
                .get(&format!("meta/{key}/value"))
                .cloned()
                .unwrap_or_default();
            if !same(&predicted, gold) {
                problems.push(format!("{stem}: meta {key} = {predicted:?}, gold {gold}"));
            }
        }
        if let Some(Value::String(gold)) = s.meta.get("agency") {
            agencies += 1;
            let predicted = s
                .predicted
                .get("meta/agency/value")
                .cloned()
                .unwrap_or_default();
            if same_agency(&predicted, gold) {
                agencies_right += 1;
            } else {
                problems.push(format!("{stem}: meta agency = {predicted:?}, gold {gold}"));
            }
        }
    }
    let wrong_year_or_format = problems.iter().filter(|p| !p.contains("agency")).count();
    assert_eq!(wrong_year_or_format, 0, "{}", problems.join("\n"));
    assert!(
        agencies_right * 10 >= agencies * 9,
        "{}",
        problems.join("\n")
    );
}

/// Documents whose prose the narrative reader does not yet read in full: none now (the last,
/// 101 `不进行收取` and 117 `通过网站、微信公众号等渠道主动公开各类信息1146条`, are read). A
/// document listed here is held to [`putian_narrative_floor`] instead; every other document, the
/// Putian crawler pages among them (whose sentences are cut over short lines at every number),
/// must read all of its narrative.
fn narrative_in_progress(stem: &str) -> bool {
    const IN_PROGRESS: &[&str] = &[];
    IN_PROGRESS.contains(&stem)
}

/// Every narrative value of the gold files is read, and none is wrong.
#[test]
fn narrative_of_every_fixture() {
    let mut problems = Vec::new();
    for stem in gold_stems()
        .into_iter()
        .filter(|s| !narrative_in_progress(s))
    {
        let s = score(&stem);
        for (key, gold) in s.gold.iter().filter(|(k, _)| k.starts_with("narrative/")) {
            match s.predicted.get(key) {
                Some(p) if same(p, gold) => {}
                other => problems.push(format!("{stem}: {key} = {other:?}, gold {gold}")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The narrative of the documents in progress: no wrong value, and every value read that is
/// read now (all of them now; to be tightened).
#[test]
fn putian_narrative_floor() {
    let (mut gold_n, mut right, mut wrong) = (0usize, 0usize, Vec::new());
    for stem in gold_stems()
        .into_iter()
        .filter(|s| narrative_in_progress(s))
    {
        let s = score(&stem);
        for (key, gold) in s.gold.iter().filter(|(k, _)| k.starts_with("narrative/")) {
            gold_n += 1;
            match s.predicted.get(key) {
                Some(p) if same(p, gold) => right += 1,
                Some(p) => wrong.push(format!("{stem}: {key} = {p}, gold {gold}")),
                None => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(right >= gold_n, "narrative recall {right} of {gold_n}");
}
