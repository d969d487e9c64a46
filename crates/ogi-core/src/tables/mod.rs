//! Grids → keyed tables.
//!
//! Each grid is cut where its rows announce another table (anchors such as
//! 本年新收政府信息公开申请数量 or 第二十条第(一)项), the section heading above it naming the
//! first; each piece goes to the parser of its table, which matches row and column labels with
//! the [label matcher](crate::label) and reads cells with the [cell grammar](crate::numeral).

pub(crate) mod legacy;
pub(crate) mod proactive;
pub(crate) mod requests;
pub(crate) mod review;

use crate::label::fold;
use crate::layout::{Block, CellShape, GridRow, shape};
use crate::numeral;
use crate::outline::Found;
use crate::text::Text;
use ogi_model::{
    Cell, Code, Diagnostic, Format, LegacyTable, ProactiveTable, RequestsTable, ReviewTable,
    SectionKind, Severity, Span, TableName,
};
use std::ops::Range;

/// A grid row split into its parts.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Label cells, in order (a merged parent label first, the row's own label last).
    pub(crate) labels: Vec<Range<usize>>,
    /// A unit cell (`条`, `万元`) after the labels.
    pub(crate) unit: Option<Range<usize>>,
    /// Value and blank cells after the last label.
    pub(crate) values: Vec<Range<usize>>,
    /// The whole row in the clean text.
    pub(crate) range: Range<usize>,
}

impl Row {
    /// Splits a grid row into labels, unit and values.
    pub(crate) fn new(text: &Text, row: &GridRow) -> Self {
        // Positions covered by a merged cell repeat its text; the row reads each cell once.
        let cells: Vec<Range<usize>> = row
            .cells
            .iter()
            .filter(|c| !c.copy)
            .map(|c| c.range.clone())
            .collect();
        let shapes: Vec<CellShape> = cells.iter().map(|c| shape(text.get(c.clone()))).collect();
        let last_label = shapes.iter().rposition(|s| *s == CellShape::Label);
        let mut labels = Vec::new();
        let mut unit = None;
        let mut values = Vec::new();
        for (i, (cell, s)) in cells.iter().zip(&shapes).enumerate() {
            let after_labels = last_label.is_none_or(|l| i > l);
            match s {
                CellShape::Label => labels.push(cell.clone()),
                CellShape::Unit if unit.is_none() && values.is_empty() => unit = Some(cell.clone()),
                CellShape::Unit => labels.push(cell.clone()),
                CellShape::Value | CellShape::Blank if after_labels => values.push(cell.clone()),
                CellShape::Value | CellShape::Blank => {}
            }
        }
        let start = cells.first().map_or(0, |c| c.start);
        let end = cells.last().map_or(start, |c| c.end);
        Self {
            labels,
            unit,
            values,
            range: start..end,
        }
    }

    /// The row's own label: its last label cell.
    pub(crate) fn label<'t>(&self, text: &'t Text) -> Option<&'t str> {
        self.labels.last().map(|r| text.get(r.clone()))
    }

    /// Whether any cell holds a number.
    pub(crate) fn has_numbers(&self, text: &Text) -> bool {
        self.values
            .iter()
            .any(|v| shape(text.get(v.clone())) == CellShape::Value)
    }

    /// The label cells' text joined, for anchors and messages.
    pub(crate) fn label_text(&self, text: &Text) -> String {
        self.labels
            .iter()
            .map(|r| text.get(r.clone()))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Shared state of the table parsers: the text, and what they report.
pub(crate) struct Ctx<'t> {
    pub(crate) text: &'t Text,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Formats the labels point at, with where.
    pub(crate) format_hints: Vec<(Format, Span)>,
}

impl Ctx<'_> {
    /// The input span of a clean-text range.
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        self.text.span(range)
    }

    /// Records a diagnostic at a clean-text range.
    pub(crate) fn report(
        &mut self,
        code: Code,
        severity: Severity,
        message: String,
        at: Range<usize>,
    ) {
        let span = self.span(at);
        self.diagnostics
            .push(Diagnostic::new(code, severity, message, span));
    }

    /// Reports a row printed twice (the first is kept).
    pub(crate) fn report_duplicate(&mut self, key: &str, at: Range<usize>) {
        let message = format!("row `{key}` appears twice; the first is kept");
        self.report(Code::RowDuplicate, Severity::Warning, message, at);
    }

    /// Reads a cell; an unreadable one is reported and `None`.
    pub(crate) fn cell(&mut self, range: Range<usize>) -> Option<Cell> {
        let s = self.text.get(range.clone());
        let Some(c) = numeral::cell(s) else {
            self.report(
                Code::CellUnreadable,
                Severity::Warning,
                format!("cell `{s}` is not a number"),
                range,
            );
            return None;
        };
        let at = range.start + c.at.start..range.start + c.at.end;
        Some(Cell {
            value: c.value,
            span: self.span(at),
            unit: c.unit,
            note: c.note.map(str::to_owned),
        })
    }

    /// Reads a row of cells, or reports the row and returns `None` if any is unreadable.
    pub(crate) fn cells(&mut self, ranges: &[Range<usize>]) -> Option<Vec<Cell>> {
        ranges.iter().map(|r| self.cell(r.clone())).collect()
    }
}

/// The table a row announces, if it is one of a table's anchors.
fn anchor(text: &Text, row: &Row) -> Option<TableName> {
    let words = fold(&row.label_text(text)).full;
    let has = |w: &str| words.contains(w);
    if has("本年新收") || has("申请人情况") || has("勾稽关系") {
        Some(TableName::Requests)
    } else if (has("行政复议") && has("行政诉讼")) || (has("结果维持") && has("结果纠正"))
    {
        Some(TableName::ReviewLitigation)
    } else if has("第二十条") || (has("信息内容") && !has("统计")) {
        Some(TableName::Proactive)
    } else if has("统计指标")
        || has("指标名称")
        || has("主动公开政府信息数")
        || has("主动公开信息数")
    {
        Some(TableName::Legacy)
    } else {
        None
    }
}

/// The table a section heading announces.
fn section_table(kind: SectionKind) -> Option<TableName> {
    match kind {
        SectionKind::Proactive => Some(TableName::Proactive),
        SectionKind::Requests => Some(TableName::Requests),
        SectionKind::ReviewLitigation => Some(TableName::ReviewLitigation),
        SectionKind::LegacyStats => Some(TableName::Legacy),
        _ => None,
    }
}

/// The tables read from a report.
#[derive(Default)]
pub(crate) struct Tables {
    pub(crate) proactive: Option<ProactiveTable>,
    pub(crate) requests: Option<RequestsTable>,
    pub(crate) review_litigation: Option<ReviewTable>,
    pub(crate) legacy: Option<LegacyTable>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) format_hints: Vec<(Format, Span)>,
}

/// Reads every table of the document.
pub(crate) fn extract(text: &Text, blocks: &[Block], outline: &[Found]) -> Tables {
    // Rows of each table, in document order, across grids (a table split over two pages).
    let mut pieces: Vec<(TableName, Vec<Row>)> = Vec::new();
    let mut unrecognized: Vec<Row> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Block::Grid(grid) = block else { continue };
        let section = outline
            .iter()
            .take_while(|f| f.block < i)
            .filter(|f| f.heading.level == 1)
            .last()
            .and_then(|f| f.heading.kind)
            .and_then(section_table);
        let mut current = section;
        for grid_row in &grid.rows {
            let row = Row::new(text, grid_row);
            if let Some(t) = anchor(text, &row) {
                current = Some(t);
            }
            match current {
                Some(t) => match pieces.iter_mut().find(|(name, _)| *name == t) {
                    Some((_, rows)) => rows.push(row),
                    None => pieces.push((t, vec![row])),
                },
                None => unrecognized.push(row),
            }
        }
    }

    let mut ctx = Ctx {
        text,
        diagnostics: Vec::new(),
        format_hints: Vec::new(),
    };
    let mut tables = Tables::default();
    for (name, rows) in &pieces {
        match name {
            TableName::Proactive => tables.proactive = Some(proactive::parse(&mut ctx, rows)),
            TableName::Requests => tables.requests = Some(requests::parse(&mut ctx, rows)),
            TableName::ReviewLitigation => {
                tables.review_litigation = Some(review::parse(&mut ctx, rows));
            }
            TableName::Legacy => tables.legacy = Some(legacy::parse(&mut ctx, rows)),
            TableName::Meta | TableName::Narrative => {}
        }
    }
    if let Some(row) = unrecognized.iter().find(|r| r.has_numbers(text)) {
        ctx.report(
            Code::TableUnrecognized,
            Severity::Warning,
            "a table with numbers that matches no known table".to_owned(),
            row.range.clone(),
        );
    }
    tables.diagnostics = ctx.diagnostics;
    tables.format_hints = ctx.format_hints;
    tables
}
