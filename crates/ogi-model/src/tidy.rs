//! The tidy export: one row per extracted value, `source,table,row,column,value`.

use crate::agency::AgencyLevel;
use crate::cell::{Cell, CellValue};
use crate::legacy::LegacyRow;
use crate::meta::{Date, Format, Meta, MetaRow};
use crate::narrative::NarrativeRow;
use crate::proactive::{ProactiveColumn, ProactiveRow};
use crate::report::{Report, TableName};
use crate::requests::{RequestColumn, RequestRow};
use crate::review::{ReviewColumn, ReviewRow};
use crate::span::Span;
use crate::table::{Table, TableKey};
use std::borrow::Cow;
use std::fmt;

/// The header of the tidy CSV.
pub const TIDY_HEADER: [&str; 5] = ["source", "table", "row", "column", "value"];

/// A value of the tidy export.
#[derive(Clone, Debug, PartialEq)]
pub enum TidyValue<'a> {
    /// A table or narrative cell: a number, a blank or a marker.
    Cell(&'a Cell),
    /// A meta value written as text (agency, format, date).
    Text(Cow<'a, str>),
    /// A meta value that is a whole number (the year).
    Int(i64),
}

impl fmt::Display for TidyValue<'_> {
    /// The value as the CSV writes it: empty for a blank cell.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TidyValue::Cell(cell) => f.write_str(&cell.tidy_value()),
            TidyValue::Text(text) => f.write_str(text),
            TidyValue::Int(i) => write!(f, "{i}"),
        }
    }
}

/// One row of the tidy export (without the `source` column, which the caller knows).
#[derive(Clone, Debug, PartialEq)]
pub struct TidyRow<'a> {
    /// The table.
    pub table: TableName,
    /// The row key.
    pub row: Cow<'static, str>,
    /// The column key.
    pub column: Cow<'static, str>,
    /// The value.
    pub value: TidyValue<'a>,
    /// Where the value was read, when it was read from the text.
    pub span: Option<Span>,
}

impl TidyRow<'_> {
    /// Whether the value is approximate (`余`, `近`, `约`).
    pub fn is_approximate(&self) -> bool {
        match self.value {
            TidyValue::Cell(Cell {
                value: CellValue::Number(q),
                ..
            }) => q.bound.is_approximate(),
            _ => false,
        }
    }
}

fn meta_row(row: MetaRow, value: TidyValue<'_>, span: Option<Span>) -> TidyRow<'_> {
    TidyRow {
        table: TableName::Meta,
        row: Cow::Borrowed(row.key()),
        column: Cow::Borrowed("value"),
        value,
        span,
    }
}

fn push_table<'a, R: TableKey, C: TableKey>(
    out: &mut Vec<TidyRow<'a>>,
    name: TableName,
    table: &'a Table<R, C>,
) {
    for (row, column, cell) in table.iter() {
        out.push(TidyRow {
            table: name,
            row: row.export_key(),
            column: column.export_key(),
            value: TidyValue::Cell(cell),
            span: Some(cell.span),
        });
    }
}

impl Report {
    /// The tidy rows: meta first, then every cell of every table in template order.
    pub fn tidy(&self) -> Vec<TidyRow<'_>> {
        let cells = self.proactive.as_ref().map_or(0, Table::len)
            + self.requests.as_ref().map_or(0, Table::len)
            + self.review_litigation.as_ref().map_or(0, Table::len)
            + self.legacy.as_ref().map_or(0, Table::len)
            + self.narrative.len();
        // The meta rows are a few.
        let mut out = Vec::with_capacity(cells + 12);
        let m = &self.meta;
        if let Some(a) = &m.agency {
            out.push(meta_row(
                MetaRow::Agency,
                TidyValue::Text(a.value.as_str().into()),
                Some(a.span),
            ));
        }
        if let Some(r) = &m.region {
            out.push(meta_row(
                MetaRow::Region,
                TidyValue::Text(r.value.as_str().into()),
                Some(r.span),
            ));
        }
        for (row, value) in [
            (MetaRow::AgencyKey, m.agency_key.as_deref()),
            (MetaRow::AgencyLevel, m.agency_level.map(AgencyLevel::key)),
            (MetaRow::DivisionCode, m.division_code.as_deref()),
            (MetaRow::Division, m.division.as_deref()),
        ] {
            if let Some(v) = value {
                out.push(meta_row(row, TidyValue::Text(v.into()), None));
            }
        }
        if let Some(y) = &m.year {
            out.push(meta_row(
                MetaRow::Year,
                TidyValue::Int(i64::from(y.value)),
                Some(y.span),
            ));
        }
        out.push(meta_row(
            MetaRow::Format,
            TidyValue::Text(m.format.key().into()),
            None,
        ));
        if let Some(p) = &m.published {
            let date = TidyValue::Text(p.value.to_string().into());
            out.push(meta_row(MetaRow::Published, date, Some(p.span)));
        }
        out.push(meta_row(
            MetaRow::Script,
            TidyValue::Text(m.script.key().into()),
            None,
        ));
        if let Some(t) = &self.proactive {
            push_table(&mut out, TableName::Proactive, t);
        }
        if let Some(t) = &self.requests {
            push_table(&mut out, TableName::Requests, t);
        }
        if let Some(t) = &self.review_litigation {
            push_table(&mut out, TableName::ReviewLitigation, t);
        }
        if let Some(t) = &self.legacy {
            push_table(&mut out, TableName::Legacy, t);
        }
        push_table(&mut out, TableName::Narrative, &self.narrative);
        out
    }
}

/// The kind of values a report-level column of the wide export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaKind {
    /// Text.
    Text,
    /// A whole number (the year).
    Int,
    /// A calendar date (the publication date).
    Date,
}

/// A value of a report-level column of the wide export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetaValue<'a> {
    /// Text.
    Text(&'a str),
    /// A whole number.
    Int(i64),
    /// A date.
    Date(Date),
}

impl fmt::Display for MetaValue<'_> {
    /// The value as the CSV writes it (a date as `YYYY-MM-DD`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaValue::Text(t) => f.write_str(t),
            MetaValue::Int(i) => write!(f, "{i}"),
            MetaValue::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A report-level column of the wide exports (after `source`, `status` and `reason`): its key,
/// the kind of its values, and how a report's meta gives it. Every wide export (the CSV, Arrow
/// and Parquet files) takes its meta columns from [`META_COLUMNS`], so a field added there
/// reaches all of them.
#[derive(Clone, Copy)]
pub struct MetaColumn {
    /// The column's name.
    pub key: &'static str,
    /// The kind of its values.
    pub kind: MetaKind,
    /// The value of a report's meta, `None` when the report gives none.
    pub value: for<'a> fn(&'a Meta) -> Option<MetaValue<'a>>,
}

impl fmt::Debug for MetaColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetaColumn")
            .field("key", &self.key)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// The report-level columns of the wide exports, in their order: the meta rows of the tidy
/// export (agency, region, the agency's key, level and division, year, format, published,
/// script), then the input's encoding and SHA-256.
pub const META_COLUMNS: [MetaColumn; 12] = [
    MetaColumn {
        key: "agency",
        kind: MetaKind::Text,
        value: |m| m.agency.as_ref().map(|a| MetaValue::Text(&a.value)),
    },
    MetaColumn {
        key: "region",
        kind: MetaKind::Text,
        value: |m| m.region.as_ref().map(|r| MetaValue::Text(&r.value)),
    },
    MetaColumn {
        key: "agency_key",
        kind: MetaKind::Text,
        value: |m| m.agency_key.as_deref().map(MetaValue::Text),
    },
    MetaColumn {
        key: "agency_level",
        kind: MetaKind::Text,
        value: |m| m.agency_level.map(|l| MetaValue::Text(l.key())),
    },
    MetaColumn {
        key: "division_code",
        kind: MetaKind::Text,
        value: |m| m.division_code.as_deref().map(MetaValue::Text),
    },
    MetaColumn {
        key: "division",
        kind: MetaKind::Text,
        value: |m| m.division.as_deref().map(MetaValue::Text),
    },
    MetaColumn {
        key: "year",
        kind: MetaKind::Int,
        value: |m| m.year.as_ref().map(|y| MetaValue::Int(i64::from(y.value))),
    },
    MetaColumn {
        key: "format",
        kind: MetaKind::Text,
        value: |m| Some(MetaValue::Text(m.format.key())),
    },
    MetaColumn {
        key: "published",
        kind: MetaKind::Date,
        value: |m| m.published.as_ref().map(|p| MetaValue::Date(p.value)),
    },
    MetaColumn {
        key: "script",
        kind: MetaKind::Text,
        value: |m| Some(MetaValue::Text(m.script.key())),
    },
    MetaColumn {
        key: "encoding",
        kind: MetaKind::Text,
        value: |m| Some(MetaValue::Text(&m.encoding)),
    },
    MetaColumn {
        key: "sha256",
        kind: MetaKind::Text,
        value: |m| Some(MetaValue::Text(&m.sha256)),
    },
];

impl Report {
    /// The coverage in a few words, as the wide exports show it: `complete` when every table
    /// the report holds or announces was read in full, `no template table` when it holds or
    /// announces none, else each table not fully read as `requests 180/189` (`announced` after
    /// a table of which nothing was read), joined by `, `.
    pub fn coverage_summary(&self) -> String {
        if self.coverage.is_empty() {
            return "no template table".to_owned();
        }
        let partial: Vec<String> = self
            .coverage
            .iter()
            .filter(|c| !c.is_complete())
            .map(|c| {
                let announced = if c.read == 0 { " announced" } else { "" };
                format!("{} {}/{}{announced}", c.table.key(), c.read, c.expected)
            })
            .collect();
        if partial.is_empty() {
            "complete".to_owned()
        } else {
            partial.join(", ")
        }
    }
}

/// The value columns of the wide export, in template order: every `(table, row, column)` a
/// template prints — the proactive cells of the 2019 and 2021 templates, every requests and
/// review cell, every known legacy indicator, every narrative row. Rows a report adds outside
/// the template (legacy `unlisted:` rows) are in the tidy export only.
pub fn wide_keys() -> Vec<(TableName, &'static str, &'static str)> {
    let mut out = Vec::new();
    for row in ProactiveRow::ALL {
        let mut columns: Vec<ProactiveColumn> = Vec::new();
        for format in [Format::V2019, Format::V2021] {
            for c in row.template_columns(format) {
                if !columns.contains(c) {
                    columns.push(*c);
                }
            }
        }
        out.extend(
            columns
                .iter()
                .map(|c| (TableName::Proactive, row.key(), c.key())),
        );
    }
    for row in RequestRow::ALL {
        for c in RequestColumn::ALL {
            out.push((TableName::Requests, row.key(), c.key()));
        }
    }
    for row in ReviewRow::ALL {
        for c in ReviewColumn::ALL {
            out.push((TableName::ReviewLitigation, row.key(), c.key()));
        }
    }
    out.extend(
        LegacyRow::ALL
            .iter()
            .map(|r| (TableName::Legacy, r.key(), "value")),
    );
    out.extend(
        NarrativeRow::ALL
            .iter()
            .map(|r| (TableName::Narrative, r.key(), "value")),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Decimal, Format, RequestColumn, RequestRow, RequestsTable, Spanned};

    #[test]
    fn tidy_rows_cover_meta_and_cells() {
        let mut report = Report::default();
        report.meta.year = Some(Spanned::new(2020, Span::new(0, 4)));
        report.meta.format = Format::V2019;
        let mut t = RequestsTable::new();
        t.insert(
            RequestRow::NewReceived,
            RequestColumn::Total,
            Cell::blank(Span::new(9, 9)),
        );
        t.insert(
            RequestRow::Granted,
            RequestColumn::NaturalPerson,
            Cell::number(Decimal::from_int(3), Span::new(20, 21)),
        );
        report.requests = Some(t);
        let rows: Vec<String> = report
            .tidy()
            .iter()
            .map(|r| format!("{},{},{},{}", r.table.key(), r.row, r.column, r.value))
            .collect();
        assert_eq!(
            rows,
            [
                "meta,year,value,2020",
                "meta,format,value,2019",
                "meta,script,value,simplified",
                "requests,new_received,total,",
                "requests,granted,natural_person,3",
            ]
        );
    }

    #[test]
    fn wide_keys_are_unique_and_in_template_order() {
        let keys = wide_keys();
        let set: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(set.len(), keys.len());
        let at = |k: (TableName, &str, &str)| keys.iter().position(|x| *x == k).unwrap();
        assert!(
            at((TableName::Requests, "new_received", "total"))
                < at((TableName::Requests, "carried_over", "natural_person"))
        );
        // The proactive table holds only the cells a template prints.
        assert!(!keys.contains(&(TableName::Proactive, "fees", "decisions")));
        assert!(keys.contains(&(TableName::Proactive, "procurement", "amount")));
    }
}
