//! `ogi vocab`: the data dictionary of the tidy export, from the template registry.

use clap::ValueEnum;
use ogi_model::TableName;
use ogi_model::template::Entry;
use serde::Serialize;
use std::io::{self, Write};

/// The formats of `ogi vocab`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum VocabFormat {
    /// One line per key, with a header.
    Csv,
    /// An array of entries.
    Json,
    /// A Markdown table.
    Markdown,
}

/// The CSV and Markdown header: the fields of [`DictEntry`].
const HEADER: [&str; 8] = [
    "table",
    "axis",
    "key",
    "label_zh",
    "label_en",
    "unit",
    "templates",
    "identities",
];

/// One entry of the data dictionary: a row or column key of a table, named as the tidy export
/// names it (`table`, and `key` in its `row` or `column` field as `axis` says).
#[derive(Serialize)]
struct DictEntry {
    table: &'static str,
    axis: &'static str,
    key: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    unit: &'static str,
    templates: String,
    identities: String,
}

impl DictEntry {
    fn new(table: TableName, axis: &'static str, e: &Entry) -> Self {
        Self {
            table: table.key(),
            axis,
            key: e.key,
            label_zh: e.label,
            label_en: e.label_en,
            unit: e.unit.unwrap_or_default(),
            templates: e.generations.join(" "),
            identities: e.identities.join(" "),
        }
    }

    fn fields(&self) -> [&str; 8] {
        [
            self.table,
            self.axis,
            self.key,
            self.label_zh,
            self.label_en,
            self.unit,
            &self.templates,
            &self.identities,
        ]
    }
}

/// Every row and column key of every table, in table and template order.
fn dictionary() -> Vec<DictEntry> {
    TableName::ALL
        .iter()
        .flat_map(|t| {
            let rows = t
                .row_entries()
                .into_iter()
                .map(|e| DictEntry::new(*t, "row", &e));
            let columns = t
                .column_entries()
                .into_iter()
                .map(|e| DictEntry::new(*t, "column", &e));
            rows.chain(columns).collect::<Vec<_>>()
        })
        .collect()
}

/// A Markdown table cell: pipes escaped, so a label cannot split the cell.
fn markdown_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Writes the data dictionary in `format`.
pub(crate) fn write(format: VocabFormat, out: &mut impl Write) -> io::Result<()> {
    let entries = dictionary();
    match format {
        VocabFormat::Csv => {
            // Written whole, then copied: a closed pipe is then the caller's io error.
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(HEADER).map_err(io::Error::other)?;
            for e in &entries {
                w.write_record(e.fields()).map_err(io::Error::other)?;
            }
            out.write_all(&w.into_inner().map_err(io::Error::other)?)
        }
        VocabFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &entries)?;
            writeln!(out)
        }
        VocabFormat::Markdown => {
            writeln!(out, "| {} |", HEADER.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
            for e in &entries {
                let cells: Vec<String> = e.fields().iter().map(|f| markdown_cell(f)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            Ok(())
        }
    }
}
