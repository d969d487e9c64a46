//! ogi's reports as typed Arrow record batches, and as Arrow IPC or Parquet files.
//!
//! Two shapes, the two of the CSV exports:
//!
//! - **tidy**: one row per table cell — `table`, `row`, `column`, `value` (`Float64`: one
//!   column holds counts and amounts), `marker` (`/`, `—`, `无` where the report prints one),
//!   `approximate`, `span_start`, `span_end` — each row with its report's columns;
//! - **wide**: one row per file, a column per template cell (`requests.granted.total`), typed
//!   from the template registry: counts `Int64`, amounts (unit 万元 or 元) `Float64`, the unit
//!   in the field's metadata (`unit`); the cells printing a marker, and a fraction where the
//!   template counts, are listed in `markers` (a list of `{cell, marker}`).
//!
//! A value is a number or null: null for a blank cell, a marker or a cell not read — never 0.
//! Every row starts with its report's columns: `source`, `status` (`ok`, `partial`, or
//! `failed` and `skipped` for the files that gave no report), `reason`, `coverage` (as
//! [`Report::coverage_summary`]), then the meta of [`META_COLUMNS`] — `year` `Int64`,
//! `published` `Date32`, the others text — so a field added to that list reaches these files
//! as it reaches the wide CSV.
//!
//! This is a crate of its own rather than a feature of `ogi-core` or `ogi-model`: it needs
//! only the model, the parser does not need it, and the Arrow and Parquet crates are compiled
//! only by what writes these files (the `ogi` command and the Python extension).
//!
//! ```
//! use ogi_arrow::{Batches, Entry};
//! let report = ogi_model::Report::default();
//! let mut batches = Batches::tidy();
//! batches.push(&Entry::Report { source: "a.txt", report: &report });
//! let batch = batches.finish().unwrap();
//! assert_eq!(batch.num_rows(), 1); // a report without cells still has its row
//! assert_eq!(batch.schema().field_with_name("year").unwrap().data_type(), &arrow_schema::DataType::Int64);
//! ```

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StringArray, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use ogi_model::{
    CellValue, META_COLUMNS, MetaKind, MetaValue, Report, TableName, TidyValue, Unit, wide_keys,
};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

/// An error writing Arrow or Parquet data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Arrow refused the columns, or the Arrow IPC file could not be written.
    #[error("arrow: {0}")]
    Arrow(#[from] ArrowError),
    /// The Parquet file could not be written.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// The rows of a file: one per table cell, or one per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One row per table cell.
    Tidy,
    /// One row per file, a column per template cell.
    Wide,
}

/// A file of a run as the exports list it: a report, or a file that gave none.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'a> {
    /// A report read from `source`.
    Report {
        /// The file, as named in the output; empty for a report read from no file (its
        /// `source` is then null).
        source: &'a str,
        /// The report.
        report: &'a Report,
    },
    /// A file that gave no report (status `failed`).
    Failed {
        /// The file, as named in the output.
        source: &'a str,
        /// The stage and the error: `decode: …`.
        reason: &'a str,
    },
    /// A file under a folder that was not read (status `skipped`).
    Skipped {
        /// The file, as named in the output.
        source: &'a str,
        /// Why it was not read.
        reason: &'a str,
    },
}

/// A value column of the wide shape: a cell of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WideColumn {
    /// The table.
    pub table: TableName,
    /// The row key.
    pub row: Cow<'static, str>,
    /// The column key.
    pub column: Cow<'static, str>,
    /// The unit the registry gives its row or column (`万元`, `件`), when it gives one.
    pub unit: Option<&'static str>,
    /// Whether its values are `Float64` (an amount of money, or a column of
    /// [`present_columns`] holding a fraction) rather than `Int64` counts.
    pub float: bool,
}

impl WideColumn {
    /// A cell of the template registry, typed by its unit.
    fn new(table: TableName, row: Cow<'static, str>, column: Cow<'static, str>) -> Self {
        let unit = registry_unit(table, &row, &column);
        let money = [Unit::TenThousandYuan.label(), Unit::Yuan.label()];
        Self {
            float: unit.is_some_and(|u| money.contains(&u)),
            table,
            row,
            column,
            unit,
        }
    }

    /// The column's name: `table.row.column`.
    pub fn name(&self) -> String {
        format!("{}.{}.{}", self.table.key(), self.row, self.column)
    }
}

/// The unit of a cell: its row's in the registry, else its column's.
fn registry_unit(table: TableName, row: &str, column: &str) -> Option<&'static str> {
    let row_unit = table
        .row_entries()
        .into_iter()
        .find(|e| e.key == row)
        .and_then(|e| e.unit);
    row_unit.or_else(|| {
        table
            .column_entries()
            .into_iter()
            .find(|e| e.key == column)
            .and_then(|e| e.unit)
    })
}

/// The value columns of the wide CSV ([`wide_keys`]: every cell a template prints), typed from
/// the registry. Rows a report adds outside the template (legacy `unlisted:` rows) are in the
/// tidy shape only.
pub fn template_columns() -> Vec<WideColumn> {
    wide_keys()
        .into_iter()
        .map(|(t, r, c)| WideColumn::new(t, Cow::Borrowed(r), Cow::Borrowed(c)))
        .collect()
}

/// The value columns for these reports: the template cells that some report holds (a blank
/// cell is held), in template order, then the cells outside the template (legacy `unlisted:`
/// rows) by table, row and column key. A column is `Float64` when it holds amounts of money or a fraction.
pub fn present_columns(reports: &[&Report]) -> Vec<WideColumn> {
    // Per cell key: held at all, and holding a fraction.
    let mut held: HashMap<(TableName, Cow<'static, str>, Cow<'static, str>), bool> = HashMap::new();
    let mut extra = Vec::new();
    for report in reports {
        for row in report.tidy() {
            if row.table == TableName::Meta {
                continue;
            }
            let fraction = matches!(&row.value, TidyValue::Cell(c)
                if matches!(c.value, CellValue::Number(_)) && c.int().is_none());
            let key = (row.table, row.row, row.column);
            if let Some(f) = held.get_mut(&key) {
                *f |= fraction;
            } else {
                extra.push(key.clone());
                held.insert(key, fraction);
            }
        }
    }
    let mut out: Vec<WideColumn> = template_columns()
        .into_iter()
        .filter(|c| held.contains_key(&(c.table, c.row.clone(), c.column.clone())))
        .collect();
    let in_template: Vec<(TableName, Cow<'static, str>, Cow<'static, str>)> = out
        .iter()
        .map(|c| (c.table, c.row.clone(), c.column.clone()))
        .collect();
    let mut extra: Vec<_> = extra
        .into_iter()
        .filter(|k| !in_template.contains(k))
        .collect();
    // As the Python frame orders them: by table, row and column key.
    extra.sort_by(|a, b| (a.0.key(), &a.1, &a.2).cmp(&(b.0.key(), &b.1, &b.2)));
    out.extend(extra.into_iter().map(|(t, r, c)| WideColumn::new(t, r, c)));
    for c in &mut out {
        if held
            .get(&(c.table, c.row.clone(), c.column.clone()))
            .copied()
            .unwrap_or(false)
        {
            c.float = true;
        }
    }
    out
}

/// The Arrow type of a meta column.
fn meta_type(kind: MetaKind) -> DataType {
    match kind {
        MetaKind::Text => DataType::Utf8,
        MetaKind::Int => DataType::Int64,
        MetaKind::Date => DataType::Date32,
    }
}

/// The report's columns, first in both shapes.
fn head_fields() -> Vec<Field> {
    let mut fields = vec![
        Field::new("source", DataType::Utf8, true),
        Field::new("status", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, true),
        Field::new("coverage", DataType::Utf8, true),
    ];
    fields.extend(
        META_COLUMNS
            .iter()
            .map(|c| Field::new(c.key, meta_type(c.kind), true)),
    );
    fields
}

/// The fields of a `markers` entry: the cell (`table.row.column`) and what it prints.
fn marker_fields() -> Fields {
    Fields::from(vec![
        Field::new("cell", DataType::Utf8, false),
        Field::new("marker", DataType::Utf8, false),
    ])
}

/// The item field of the `markers` list.
fn marker_item() -> FieldRef {
    Arc::new(Field::new("item", DataType::Struct(marker_fields()), false))
}

/// The schema of the tidy shape.
pub fn tidy_schema() -> SchemaRef {
    let mut fields = head_fields();
    fields.extend([
        Field::new("table", DataType::Utf8, true),
        Field::new("row", DataType::Utf8, true),
        Field::new("column", DataType::Utf8, true),
        Field::new("value", DataType::Float64, true),
        Field::new("marker", DataType::Utf8, true),
        Field::new("approximate", DataType::Boolean, true),
        Field::new("span_start", DataType::Int64, true),
        Field::new("span_end", DataType::Int64, true),
    ]);
    Arc::new(Schema::new(fields))
}

/// The schema of the wide shape with these value columns.
pub fn wide_schema(columns: &[WideColumn]) -> SchemaRef {
    let mut fields = head_fields();
    for c in columns {
        let kind = if c.float {
            DataType::Float64
        } else {
            DataType::Int64
        };
        let mut field = Field::new(c.name(), kind, true);
        if let Some(unit) = c.unit {
            field = field.with_metadata(HashMap::from([("unit".to_owned(), unit.to_owned())]));
        }
        fields.push(field);
    }
    fields.push(Field::new("markers", DataType::List(marker_item()), true));
    Arc::new(Schema::new(fields))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Date32).
fn days_since_epoch(year: u16, month: u8, day: u8) -> i32 {
    // Howard Hinnant's `days_from_civil`.
    let y = i32::from(year) - i32::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A meta value, owned.
#[derive(Clone, Debug)]
enum Meta {
    Text(String),
    Int(i64),
    Date(i32),
}

/// The report's columns of one file.
#[derive(Clone, Debug)]
struct Head {
    source: String,
    status: &'static str,
    reason: Option<String>,
    coverage: Option<String>,
    meta: Vec<Option<Meta>>,
}

impl Head {
    fn of(entry: &Entry<'_>) -> Self {
        match *entry {
            Entry::Report { source, report } => {
                let (status, reason) = report.read_status();
                Self {
                    source: source.to_owned(),
                    status: status.key(),
                    reason: (!reason.is_empty()).then_some(reason),
                    coverage: Some(report.coverage_summary()),
                    meta: META_COLUMNS
                        .iter()
                        .map(|c| {
                            (c.value)(&report.meta).map(|v| match v {
                                MetaValue::Text(t) => Meta::Text(t.to_owned()),
                                MetaValue::Int(i) => Meta::Int(i),
                                MetaValue::Date(d) => {
                                    Meta::Date(days_since_epoch(d.year, d.month, d.day))
                                }
                            })
                        })
                        .collect(),
                }
            }
            Entry::Failed { source, reason } | Entry::Skipped { source, reason } => Self {
                source: source.to_owned(),
                status: if matches!(entry, Entry::Skipped { .. }) {
                    "skipped"
                } else {
                    "failed"
                },
                reason: Some(reason.to_owned()),
                coverage: None,
                meta: vec![None; META_COLUMNS.len()],
            },
        }
    }
}

/// One row of the tidy shape, past the report's columns.
#[derive(Clone, Debug)]
struct TidyCell {
    /// The index of its file in `heads`.
    head: usize,
    table: Option<TableName>,
    row: Cow<'static, str>,
    column: Cow<'static, str>,
    value: Option<f64>,
    marker: Option<String>,
    approximate: Option<bool>,
    span: Option<(u32, u32)>,
}

/// The values of a wide column, as they come.
#[derive(Clone, Debug)]
enum Values {
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
}

/// The wide shape's value columns and the pending values.
#[derive(Clone, Debug)]
struct Wide {
    names: Vec<String>,
    index: HashMap<(TableName, Cow<'static, str>, Cow<'static, str>), usize>,
    values: Vec<Values>,
    /// Per file: `(column index, what it prints)`.
    markers: Vec<Vec<(usize, String)>>,
}

/// How many rows a batch gathers before [`Batches::is_full`] says so: files for the wide shape,
/// cells for the tidy one.
const WIDE_BATCH: usize = 1024;
const TIDY_BATCH: usize = 65_536;

/// Record batches being built: push files, take a batch with [`Batches::finish`] (as often as
/// wanted: each holds the files pushed since the last).
#[derive(Clone, Debug)]
pub struct Batches {
    schema: SchemaRef,
    heads: Vec<Head>,
    /// The tidy shape's cells; unused for the wide shape.
    cells: Vec<TidyCell>,
    /// The wide shape's columns; `None` for the tidy shape.
    wide: Option<Wide>,
}

impl Batches {
    /// Batches of the tidy shape.
    pub fn tidy() -> Self {
        Self {
            schema: tidy_schema(),
            heads: Vec::new(),
            cells: Vec::new(),
            wide: None,
        }
    }

    /// Batches of the wide shape with these value columns ([`template_columns`] for a stream
    /// of files, [`present_columns`] for reports at hand).
    pub fn wide(columns: &[WideColumn]) -> Self {
        let index = columns
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.table, c.row.clone(), c.column.clone()), i))
            .collect();
        let values = columns
            .iter()
            .map(|c| {
                if c.float {
                    Values::Float(Vec::new())
                } else {
                    Values::Int(Vec::new())
                }
            })
            .collect();
        Self {
            schema: wide_schema(columns),
            heads: Vec::new(),
            cells: Vec::new(),
            wide: Some(Wide {
                names: columns.iter().map(WideColumn::name).collect(),
                index,
                values,
                markers: Vec::new(),
            }),
        }
    }

    /// Batches of a shape: the wide one with [`template_columns`].
    pub fn of_shape(shape: Shape) -> Self {
        match shape {
            Shape::Tidy => Self::tidy(),
            Shape::Wide => Self::wide(&template_columns()),
        }
    }

    /// The schema of every batch.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The rows pending: files (wide) or cells (tidy).
    pub fn len(&self) -> usize {
        if self.wide.is_some() {
            self.heads.len()
        } else {
            self.cells.len()
        }
    }

    /// Whether no row is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the pending rows make a batch worth writing (1,024 files, or 65,536 cells):
    /// a writer takes one then, so that memory stays flat however many files there are.
    pub fn is_full(&self) -> bool {
        self.len()
            >= if self.wide.is_some() {
                WIDE_BATCH
            } else {
                TIDY_BATCH
            }
    }

    /// Adds a file's rows.
    pub fn push(&mut self, entry: &Entry<'_>) {
        let head = self.heads.len();
        self.heads.push(Head::of(entry));
        let report = match entry {
            Entry::Report { report, .. } => Some(*report),
            Entry::Failed { .. } | Entry::Skipped { .. } => None,
        };
        if let Some(wide) = &mut self.wide {
            wide.push(report);
            return;
        }
        let before = self.cells.len();
        if let Some(report) = report {
            for row in report.tidy() {
                let TidyValue::Cell(cell) = row.value else {
                    continue;
                };
                let (value, marker) = match cell.value {
                    CellValue::Number(q) => (Some(q.value.to_f64()), None),
                    CellValue::Blank => (None, None),
                    CellValue::Marker { marker } => (None, Some(marker.label().to_owned())),
                };
                self.cells.push(TidyCell {
                    head,
                    approximate: Some(row.is_approximate()),
                    table: Some(row.table),
                    row: row.row,
                    column: row.column,
                    value,
                    marker,
                    span: row.span.map(|s| (s.start, s.end)),
                });
            }
        }
        if self.cells.len() == before {
            // A file without cells keeps a row: every input is accounted for.
            self.cells.push(TidyCell {
                head,
                table: None,
                row: Cow::Borrowed(""),
                column: Cow::Borrowed(""),
                value: None,
                marker: None,
                approximate: None,
                span: None,
            });
        }
    }

    /// The pending rows as a record batch; nothing stays pending.
    ///
    /// # Errors
    /// When Arrow refuses the columns (a bug of this crate, reported rather than panicking).
    pub fn finish(&mut self) -> Result<RecordBatch, Error> {
        let heads = std::mem::take(&mut self.heads);
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(self.schema.fields().len());
        if let Some(wide) = &mut self.wide {
            let rows: Vec<usize> = (0..heads.len()).collect();
            head_columns(&heads, &rows, &mut columns);
            wide.finish(&mut columns)?;
        } else {
            let cells = std::mem::take(&mut self.cells);
            let rows: Vec<usize> = cells.iter().map(|c| c.head).collect();
            head_columns(&heads, &rows, &mut columns);
            tidy_columns(&cells, &mut columns);
        }
        Ok(RecordBatch::try_new(self.schema(), columns)?)
    }
}

/// The report's columns for `rows` (each the index of its file in `heads`).
fn head_columns(heads: &[Head], rows: &[usize], out: &mut Vec<ArrayRef>) {
    let text = |f: &dyn Fn(&Head) -> Option<&str>| -> ArrayRef {
        Arc::new(rows.iter().map(|&i| f(&heads[i])).collect::<StringArray>())
    };
    out.push(text(&|h| Some(h.source.as_str()).filter(|s| !s.is_empty())));
    out.push(text(&|h| Some(h.status)));
    out.push(text(&|h| h.reason.as_deref()));
    out.push(text(&|h| h.coverage.as_deref()));
    for (k, column) in META_COLUMNS.iter().enumerate() {
        let value = |i: usize| heads[i].meta[k].as_ref();
        out.push(match column.kind {
            MetaKind::Text => {
                let mut b = StringBuilder::new();
                for &i in rows {
                    b.append_option(match value(i) {
                        Some(Meta::Text(t)) => Some(t.as_str()),
                        _ => None,
                    });
                }
                Arc::new(b.finish())
            }
            MetaKind::Int => {
                let mut b = Int64Builder::with_capacity(rows.len());
                for &i in rows {
                    b.append_option(match value(i) {
                        Some(Meta::Int(v)) => Some(*v),
                        _ => None,
                    });
                }
                Arc::new(b.finish())
            }
            MetaKind::Date => {
                let mut b = Date32Builder::with_capacity(rows.len());
                for &i in rows {
                    b.append_option(match value(i) {
                        Some(Meta::Date(d)) => Some(*d),
                        _ => None,
                    });
                }
                Arc::new(b.finish())
            }
        });
    }
}

/// The tidy shape's cell columns.
fn tidy_columns(cells: &[TidyCell], out: &mut Vec<ArrayRef>) {
    let text = |f: &dyn Fn(&TidyCell) -> Option<&str>| -> ArrayRef {
        Arc::new(cells.iter().map(f).collect::<StringArray>())
    };
    out.push(text(&|c| c.table.map(TableName::key)));
    out.push(text(&|c| c.table.map(|_| c.row.as_ref())));
    out.push(text(&|c| c.table.map(|_| c.column.as_ref())));
    let mut value = Float64Builder::with_capacity(cells.len());
    let mut approximate = BooleanBuilder::with_capacity(cells.len());
    let mut start = Int64Builder::with_capacity(cells.len());
    let mut end = Int64Builder::with_capacity(cells.len());
    for c in cells {
        value.append_option(c.value);
        approximate.append_option(c.approximate);
        start.append_option(c.span.map(|s| i64::from(s.0)));
        end.append_option(c.span.map(|s| i64::from(s.1)));
    }
    out.push(Arc::new(value.finish()));
    out.push(text(&|c| c.marker.as_deref()));
    out.push(Arc::new(approximate.finish()));
    out.push(Arc::new(start.finish()));
    out.push(Arc::new(end.finish()));
}

impl Wide {
    /// A file's values: nulls for a file without a report.
    fn push(&mut self, report: Option<&Report>) {
        for v in &mut self.values {
            match v {
                Values::Int(v) => v.push(None),
                Values::Float(v) => v.push(None),
            }
        }
        let mut markers = Vec::new();
        if let Some(report) = report {
            for row in report.tidy() {
                let TidyValue::Cell(cell) = row.value else {
                    continue;
                };
                let Some(&i) = self.index.get(&(row.table, row.row, row.column)) else {
                    continue;
                };
                match (&mut self.values[i], cell.value) {
                    (Values::Float(v), CellValue::Number(q)) => {
                        if let Some(last) = v.last_mut() {
                            *last = Some(q.value.to_f64());
                        }
                    }
                    (Values::Int(v), CellValue::Number(q)) => match q.value.as_int() {
                        Some(n) => {
                            if let Some(last) = v.last_mut() {
                                *last = Some(n);
                            }
                        }
                        // A fraction where the template counts: kept as printed.
                        None => markers.push((i, q.value.normalized().to_string())),
                    },
                    (_, CellValue::Marker { marker }) => {
                        markers.push((i, marker.label().to_owned()));
                    }
                    (_, CellValue::Blank) => {}
                }
            }
        }
        self.markers.push(markers);
    }

    /// The value columns and `markers`; nothing stays pending.
    fn finish(&mut self, out: &mut Vec<ArrayRef>) -> Result<(), Error> {
        for v in &mut self.values {
            out.push(match v {
                Values::Int(v) => Arc::new(
                    std::mem::take(v)
                        .into_iter()
                        .collect::<arrow_array::Int64Array>(),
                ),
                Values::Float(v) => Arc::new(
                    std::mem::take(v)
                        .into_iter()
                        .collect::<arrow_array::Float64Array>(),
                ),
            });
        }
        let markers = std::mem::take(&mut self.markers);
        let cells: StringArray = markers
            .iter()
            .flatten()
            .map(|(i, _)| Some(self.names[*i].as_str()))
            .collect();
        let printed: StringArray = markers
            .iter()
            .flatten()
            .map(|(_, m)| Some(m.as_str()))
            .collect();
        let items = StructArray::try_new(
            marker_fields(),
            vec![Arc::new(cells), Arc::new(printed)],
            None,
        )?;
        let list = ListArray::try_new(
            marker_item(),
            OffsetBuffer::from_lengths(markers.iter().map(Vec::len)),
            Arc::new(items),
            None,
        )?;
        out.push(Arc::new(list));
        Ok(())
    }
}

/// The record batches of these files, in order (a batch per 1,024 files or 65,536 cells).
///
/// # Errors
/// When Arrow refuses the columns (a bug of this crate).
pub fn record_batches(
    batches: &mut Batches,
    entries: &[Entry<'_>],
) -> Result<Vec<RecordBatch>, Error> {
    let mut out = Vec::new();
    for entry in entries {
        batches.push(entry);
        if batches.is_full() {
            out.push(batches.finish()?);
        }
    }
    if !batches.is_empty() || out.is_empty() {
        out.push(batches.finish()?);
    }
    Ok(out)
}

/// The file formats written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// Parquet, Snappy-compressed, a row group per batch.
    Parquet,
    /// The Arrow IPC file format (Feather version 2).
    Ipc,
}

impl FileFormat {
    /// The format a file's extension names: `.parquet`, `.arrow`, `.feather` or `.ipc`.
    pub fn for_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "parquet" | "pq" => Some(Self::Parquet),
            "arrow" | "feather" | "ipc" => Some(Self::Ipc),
            _ => None,
        }
    }
}

/// Where a [`FileWriter`] writes.
enum Sink<W: Write + Send> {
    Parquet(Box<parquet::arrow::ArrowWriter<W>>),
    Ipc(Box<arrow_ipc::writer::FileWriter<W>>),
}

/// Writes files as they come into an Arrow IPC or Parquet file, a batch at a time: a batch is
/// written (a Parquet row group) each time one fills, so memory stays flat however many files
/// there are, and [`FileWriter::finish`] closes the file.
pub struct FileWriter<W: Write + Send> {
    batches: Batches,
    sink: Sink<W>,
}

impl<W: Write + Send> std::fmt::Debug for FileWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWriter")
            .field("pending", &self.batches.len())
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> FileWriter<W> {
    /// A writer of `batches`' shape into `out`.
    ///
    /// # Errors
    /// When the file's header cannot be written.
    pub fn new(out: W, format: FileFormat, batches: Batches) -> Result<Self, Error> {
        let schema = batches.schema();
        let sink = match format {
            FileFormat::Parquet => {
                let props = parquet::file::properties::WriterProperties::builder()
                    .set_compression(parquet::basic::Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(TIDY_BATCH))
                    .set_created_by(format!("ogi {}", env!("CARGO_PKG_VERSION")))
                    .build();
                Sink::Parquet(Box::new(parquet::arrow::ArrowWriter::try_new(
                    out,
                    schema,
                    Some(props),
                )?))
            }
            FileFormat::Ipc => Sink::Ipc(Box::new(arrow_ipc::writer::FileWriter::try_new(
                out, &schema,
            )?)),
        };
        Ok(Self { batches, sink })
    }

    /// Adds a file; writes a batch when one is full.
    ///
    /// # Errors
    /// When the batch cannot be written.
    pub fn push(&mut self, entry: &Entry<'_>) -> Result<(), Error> {
        self.batches.push(entry);
        if self.batches.is_full() {
            self.write_pending()?;
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), Error> {
        let batch = self.batches.finish()?;
        match &mut self.sink {
            Sink::Parquet(w) => {
                w.write(&batch)?;
                // A row group per batch: the writer holds no more than one.
                w.flush()?;
            }
            Sink::Ipc(w) => w.write(&batch)?,
        }
        Ok(())
    }

    /// Writes what is pending and closes the file (a valid file, even of no row); returns the
    /// output.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn finish(mut self) -> Result<W, Error> {
        if !self.batches.is_empty() {
            self.write_pending()?;
        }
        Ok(match self.sink {
            Sink::Parquet(w) => w.into_inner()?,
            Sink::Ipc(w) => w.into_inner()?,
        })
    }
}

#[cfg(test)]
mod tests;
