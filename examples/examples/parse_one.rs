//! Parses one report and prints its meta, its tables as the report prints them, and the
//! diagnostics.
//!
//! ```text
//! cargo run -p ogi-examples --example parse_one                # a bundled sample report
//! cargo run -p ogi-examples --example parse_one -- report.txt  # your own
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)] // An example prints.

use ogi_model::{Cell, Report, Table, TableKey, Vocabulary};
use std::path::PathBuf;
use std::process::ExitCode;

/// The bundled sample: 昭通市政务服务管理局's report for 2020, on the 2019 template.
fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/ogi-core/tests/fixtures/seeds/002_c41c9a6468e2aa6e.txt")
}

fn show(cell: &Cell) -> String {
    if cell.is_blank() {
        "·".to_owned()
    } else {
        cell.tidy_value()
    }
}

/// Prints a table as a grid: one line per row, its label, then its cells.
fn print_table<R: Vocabulary + TableKey, C: Vocabulary + TableKey>(
    name: &str,
    table: &Table<R, C>,
) {
    println!("\n== {name}");
    let columns: Vec<C> = C::ALL
        .iter()
        .copied()
        .filter(|c| table.iter().any(|(_, k, _)| k == c))
        .collect();
    let header: Vec<&str> = columns.iter().map(|c| c.label()).collect();
    println!("{:<28} {}", "", header.join(" | "));
    for row in R::ALL {
        if table.row(row).next().is_none() {
            continue;
        }
        let cells: Vec<String> = columns
            .iter()
            .map(|c| table.get(row, c).map_or_else(|| "-".to_owned(), show))
            .collect();
        let label: String = row.label().chars().take(14).collect();
        println!("{label:<28} {}", cells.join(" | "));
    }
}

fn print_report(report: &Report) {
    let m = &report.meta;
    println!(
        "agency:  {}",
        m.agency
            .as_ref()
            .map_or("(not found)", |a| a.value.as_str())
    );
    println!(
        "year:    {}",
        m.year
            .as_ref()
            .map_or_else(|| "(not found)".to_owned(), |y| y.value.to_string())
    );
    println!("format:  {}", m.format.key());
    if let Some(t) = &report.proactive {
        print_table("proactive", t);
    }
    if let Some(t) = &report.requests {
        print_table("requests", t);
    }
    if let Some(t) = &report.review_litigation {
        print_table("review_litigation", t);
    }
    if let Some(t) = &report.legacy {
        println!("\n== legacy");
        for (row, _, cell) in t.iter() {
            println!("{:<40} {}", row.export_key(), show(cell));
        }
    }
    println!("\n== diagnostics");
    for d in &report.diagnostics {
        println!("{d}");
    }
}

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(sample, PathBuf::from);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    match ogi_core::parse(&bytes) {
        Ok(report) => {
            print_report(&report);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
