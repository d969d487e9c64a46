//! Comparing what a parse read with the truth of the case, and writing a failing rendering out
//! as a fixture.

use super::model::{Case, Key, Num};
use super::render::Layout;
use ogi_model::{Report, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

/// The tables compared (meta and narrative are not).
pub(crate) const TABLES: [&str; 4] = ["proactive", "requests", "review_litigation", "legacy"];

/// Cells by `table/row/column`, each as the tidy export writes its value (`""` for a blank).
pub(crate) type Cells = BTreeMap<String, String>;

/// The truth of a case as tidy values.
pub(crate) fn expected(case: &Case) -> Cells {
    case.truth()
        .into_iter()
        .map(|(k, v): (Key, _)| (k.path(), v.map(Num::tidy).unwrap_or_default()))
        .collect()
}

/// What a parse read: the cells of the compared tables (`unlisted:` 统计表 rows left out).
pub(crate) fn observed(report: &Report) -> Cells {
    report
        .tidy()
        .iter()
        .filter(|r| TABLES.contains(&r.table.key()) && !r.row.starts_with("unlisted:"))
        .map(|r| {
            (
                format!("{}/{}/{}", r.table.key(), r.row, r.column),
                r.value.to_string(),
            )
        })
        .collect()
}

/// How a parse differs from the truth.
#[derive(Debug, Default)]
pub(crate) struct Diff {
    /// Truth cells not read: key and true value.
    pub(crate) missing: Vec<(String, String)>,
    /// Cells read with another value: key, value read, true value.
    pub(crate) wrong: Vec<(String, String, String)>,
    /// Cells read that the truth does not have: key and value read.
    pub(crate) extra: Vec<(String, String)>,
}

impl Diff {
    /// The differences between `expected` and `observed`.
    pub(crate) fn of(expected: &Cells, observed: &Cells) -> Diff {
        let mut diff = Diff::default();
        for (key, truth) in expected {
            match observed.get(key) {
                None => diff.missing.push((key.clone(), truth.clone())),
                Some(read) if read != truth => {
                    diff.wrong.push((key.clone(), read.clone(), truth.clone()));
                }
                Some(_) => {}
            }
        }
        for (key, read) in observed {
            if !expected.contains_key(key) {
                diff.extra.push((key.clone(), read.clone()));
            }
        }
        diff
    }

    /// The short reason of a failure, per table: `requests absent`, `proactive missing+wrong`.
    /// A table is absent when nothing of it was read.
    fn reason(&self, expected: &Cells, observed: &Cells, lossless: bool) -> String {
        let table = |key: &str| key.split('/').next().unwrap_or_default().to_owned();
        let mut parts = Vec::new();
        for name in TABLES {
            let has = |cells: &Cells| cells.keys().any(|k| table(k) == name);
            let mut kinds = Vec::new();
            if has(expected) && !has(observed) {
                if lossless {
                    parts.push(format!("{name} absent"));
                }
                continue;
            }
            if lossless && self.missing.iter().any(|(k, _)| table(k) == name) {
                kinds.push("missing");
            }
            if self.wrong.iter().any(|(k, _, _)| table(k) == name) {
                kinds.push("wrong");
            }
            if self.extra.iter().any(|(k, _)| table(k) == name) {
                kinds.push("extra");
            }
            if !kinds.is_empty() {
                parts.push(format!("{name} {}", kinds.join("+")));
            }
        }
        parts.join("; ")
    }

    /// The differences, one per line, at most `limit` of each kind.
    pub(crate) fn listing(&self, limit: usize) -> String {
        let mut out = String::new();
        for (k, r, t) in self.wrong.iter().take(limit) {
            let _ = writeln!(out, "  wrong   {k}: read {}, truth {}", shown(r), shown(t));
        }
        for (k, r) in self.extra.iter().take(limit) {
            let _ = writeln!(out, "  extra   {k} = {}", shown(r));
        }
        for (k, t) in self.missing.iter().take(limit) {
            let _ = writeln!(out, "  missing {k} = {}", shown(t));
        }
        let more = self.missing.len().saturating_sub(limit)
            + self.wrong.len().saturating_sub(limit)
            + self.extra.len().saturating_sub(limit);
        if more > 0 {
            let _ = writeln!(out, "  … and {more} more");
        }
        out
    }
}

/// A value for messages: a blank shows as `(blank)`.
fn shown(value: &str) -> &str {
    if value.is_empty() { "(blank)" } else { value }
}

/// Why a rendering failed.
#[derive(Debug)]
pub(crate) struct Failure {
    /// A short reason, to count in the matrix (`requests absent`).
    pub(crate) reason: String,
    /// The cells that differ.
    pub(crate) diff: Diff,
    /// The warnings and errors the parse gave.
    pub(crate) warnings: Vec<String>,
    /// Everything needed to reproduce it: layout, template, differences, diagnostics, text.
    pub(crate) message: String,
}

/// The warnings and errors of a report, as text.
fn warnings(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(ToString::to_string)
        .collect()
}

/// The parse of an input; a parser panic or error as text.
pub(crate) fn parse(input: &[u8]) -> Result<Report, String> {
    match std::panic::catch_unwind(|| ogi_core::parse(input)) {
        Ok(Ok(report)) => Ok(report),
        Ok(Err(e)) => Err(format!("parse error: {e}")),
        Err(_) => Err("parser panic".to_owned()),
    }
}

/// The first `limit` characters of a rendering, for messages.
fn excerpt(input: &[u8], limit: usize) -> String {
    let text = String::from_utf8_lossy(input);
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        out.push_str("\n[… cut]");
    }
    out
}

/// The full message of a failure.
fn message(
    layout: Layout,
    case: &Case,
    input: &[u8],
    headline: &str,
    diff: &Diff,
    report: Option<&Report>,
) -> String {
    let mut out = format!(
        "layout {}, template {}: {headline}\n  case: {}\n",
        layout.name(),
        case.template.key(),
        case.summary()
    );
    if let Some(fault) = &case.fault {
        let _ = writeln!(out, "  (the case breaks an identity on purpose: {fault})");
    }
    out.push_str(&diff.listing(30));
    if let Some(report) = report {
        let warnings = warnings(report);
        let _ = writeln!(
            out,
            "  format read: {}; {} warning/error diagnostic(s){}",
            report.meta.format.key(),
            warnings.len(),
            if warnings.is_empty() { "" } else { ":" }
        );
        for d in warnings.iter().take(12) {
            let _ = writeln!(out, "    {d}");
        }
    }
    let _ = write!(
        out,
        "--- rendering (first 4000 characters) ---\n{}\n--- end ---",
        excerpt(input, 4000)
    );
    out
}

/// The parse of a rendering, or the failure its parse error or panic is.
fn parsed(layout: Layout, case: &Case, input: &[u8]) -> Result<Report, Box<Failure>> {
    parse(input).map_err(|e| {
        Box::new(Failure {
            reason: e.clone(),
            message: message(layout, case, input, &e, &Diff::default(), None),
            diff: Diff::default(),
            warnings: Vec::new(),
        })
    })
}

/// A lossless layout: the parse must give exactly the truth — every truth cell with its value,
/// blanks as blank cells, nothing else in the compared tables.
///
/// Returns the failure rather than panicking, so that proptest can shrink the case.
pub(crate) fn assert_exact(layout: Layout, case: &Case, input: &[u8]) -> Result<(), Box<Failure>> {
    let expected = expected(case);
    let report = parsed(layout, case, input)?;
    let observed = observed(&report);
    let diff = Diff::of(&expected, &observed);
    if diff.missing.is_empty() && diff.wrong.is_empty() && diff.extra.is_empty() {
        return Ok(());
    }
    let headline = format!(
        "{} missing, {} wrong, {} extra of {} truth cells",
        diff.missing.len(),
        diff.wrong.len(),
        diff.extra.len(),
        expected.len()
    );
    Err(Box::new(Failure {
        reason: diff.reason(&expected, &observed, true),
        message: message(layout, case, input, &headline, &diff, Some(&report)),
        diff,
        warnings: warnings(&report),
    }))
}

/// A lossy layout: the parse may give part of the truth only — every cell it gives is a truth
/// cell with the true value, none outside it — and when it leaves anything of a table out,
/// the report must say so with at least one diagnostic of severity warning or error.
///
/// (To be tightened to one diagnostic per row left out.) Returns the failure rather than
/// panicking, so that proptest can shrink the case.
pub(crate) fn assert_lossy(layout: Layout, case: &Case, input: &[u8]) -> Result<(), Box<Failure>> {
    let expected = expected(case);
    let report = parsed(layout, case, input)?;
    let observed = observed(&report);
    let mut diff = Diff::of(&expected, &observed);
    // Where the text lost cell boundaries, the identities are what picks a reading: in a table
    // whose identity the case breaks on purpose, a reading that keeps it may be wrong, and only
    // the lossless layouts can be held to the truth there (the diagnostics still name it).
    if let Some(table) = case.fault.as_deref().and_then(|f| f.split('/').next()) {
        diff.wrong
            .retain(|(key, _, _)| key.split('/').next() != Some(table));
    }
    // Cells left out must show in the status: `partial`, by a warning or by the coverage.
    let silent = !diff.missing.is_empty() && report.read_status().0 == ogi_model::ReadStatus::Ok;
    if diff.wrong.is_empty() && diff.extra.is_empty() && !silent {
        return Ok(());
    }
    let mut reason = diff.reason(&expected, &observed, false);
    if silent {
        if !reason.is_empty() {
            reason.push_str("; ");
        }
        reason.push_str("cells left out without a warning");
    }
    let headline = format!(
        "{} wrong, {} extra; {} of {} truth cells left out{}",
        diff.wrong.len(),
        diff.extra.len(),
        diff.missing.len(),
        expected.len(),
        if silent { " without any warning" } else { "" }
    );
    Err(Box::new(Failure {
        reason,
        message: message(layout, case, input, &headline, &diff, Some(&report)),
        diff,
        warnings: warnings(&report),
    }))
}

/// The check of a layout: [`assert_exact`] or [`assert_lossy`].
pub(crate) fn check(layout: Layout, case: &Case, input: &[u8]) -> Result<(), Box<Failure>> {
    if layout.lossless() {
        assert_exact(layout, case, input)
    } else {
        assert_lossy(layout, case, input)
    }
}

/// Where failing renderings are written: `target/layout-failures/`.
pub(crate) fn failure_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    target.join("layout-failures")
}

/// The number of the files of each layout and template in this run: a failure and the
/// smaller cases proptest shrinks it to overwrite the same files, so the last written is the
/// minimal case.
static NUMBERS: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

/// The gold file of a case: `meta` and `cells` (`null` for a blank), as the fixtures' gold
/// files are.
pub(crate) fn gold_json(case: &Case) -> serde_json::Value {
    let cells: serde_json::Map<String, serde_json::Value> = case
        .truth()
        .into_iter()
        .map(|(k, v)| {
            let value = v.map_or(serde_json::Value::Null, |n| {
                serde_json::from_str(&n.tidy()).unwrap_or(serde_json::Value::Null)
            });
            (k.path(), value)
        })
        .collect();
    serde_json::json!({
        "meta": {
            "year": case.year,
            "agency": case.agency,
            "format": case.template.key(),
            "script": "simplified",
        },
        "cells": cells,
    })
}

/// Writes a failing rendering to `target/layout-failures/<layout>-<n>.txt` (`.html` for the
/// HTML layouts), its truth beside it as `<layout>-<n>.gold.json` and the failure as
/// `<layout>-<n>.failure.txt`; returns the rendering's path.
pub(crate) fn record(layout: Layout, case: &Case, input: &[u8], failure: &Failure) -> PathBuf {
    let dir = failure_dir();
    let _ = std::fs::create_dir_all(&dir);
    let slot = format!("{}-{}", layout.name(), case.template.key());
    let mut numbers = NUMBERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let n = *numbers.entry(slot).or_insert_with(|| {
        (1..100_000)
            .find(|n| {
                !dir.join(format!("{}-{n}.gold.json", layout.name()))
                    .exists()
            })
            .unwrap_or(0)
    });
    drop(numbers);
    let stem = format!("{}-{n}", layout.name());
    record_to(&dir, &stem, layout, case, input, failure)
}

/// Writes a failing rendering to `dir/<stem>.txt` (`.html` for the HTML layouts), its truth as
/// `<stem>.gold.json` and the failure as `<stem>.failure.txt`; returns the rendering's path.
pub(crate) fn record_to(
    dir: &std::path::Path,
    stem: &str,
    layout: Layout,
    case: &Case,
    input: &[u8],
    failure: &Failure,
) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("{stem}.{}", layout.extension()));
    let _ = std::fs::write(&path, input);
    let gold = serde_json::to_string_pretty(&gold_json(case)).unwrap_or_default();
    let _ = std::fs::write(dir.join(format!("{stem}.gold.json")), gold + "\n");
    let _ = std::fs::write(dir.join(format!("{stem}.failure.txt")), &failure.message);
    path
}
