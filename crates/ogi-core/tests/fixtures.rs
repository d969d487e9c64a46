//! Golden tests: every report under `tests/fixtures/` is parsed and its tidy export, outline
//! and diagnostics are compared with the insta snapshot in `tests/snapshots/`.
//!
//! Review changes with `cargo insta review`; under `CI=true` a missing snapshot fails.

#![allow(clippy::unwrap_used)] // Tests fail by panicking.

use std::fmt::Write;

/// A readable rendering of everything the parse found.
fn render(input: &[u8]) -> String {
    let report = match ogi_core::parse(input) {
        Ok(r) => r,
        Err(e) => return format!("error: {e}\n"),
    };
    let mut out = String::new();
    out.push_str("## outline\n");
    for h in &report.outline {
        let kind = h.kind.map_or("-", |k| k.key());
        let _ = writeln!(
            out,
            "{}{} [{kind}] {}",
            "  ".repeat(usize::from(h.level) - 1),
            h.ordinal.unwrap_or(0),
            h.title
        );
    }
    out.push_str("## tidy\n");
    for row in report.tidy() {
        let approx = if row.is_approximate() { " ~" } else { "" };
        let _ = writeln!(
            out,
            "{},{},{},{}{approx}",
            row.table.key(),
            row.row,
            row.column,
            row.value
        );
    }
    out.push_str("## diagnostics\n");
    for d in &report.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!(
        "fixtures/{seeds,corpus,unlabeled,inputs}/*.{txt,html}",
        |path| {
            let input = std::fs::read(path).unwrap();
            insta::assert_snapshot!(render(&input));
        }
    );
}
