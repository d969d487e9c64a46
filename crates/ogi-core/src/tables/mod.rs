//! Grids → keyed tables.
//!
//! Each grid is cut where its rows announce another table (anchors such as
//! 本年新收政府信息公开申请数量 or 第二十条第(一)项), the section heading above it naming the
//! first; each piece goes to the parser of its table, which matches row and column labels with
//! the [label matcher](crate::label) and reads cells with the [cell grammar](crate::numeral).

pub(crate) mod joint;
pub(crate) mod legacy;
pub(crate) mod proactive;
pub(crate) mod requests;
pub(crate) mod review;
pub(crate) mod split;

use crate::label::{Folded, LabelTable, fold, fold_into};
use crate::layout::{Block, CellShape, GridRow, Layout, shape};
use crate::numeral;
use crate::outline::Found;
use crate::text::{CharSet, Text, ideographs};
use aho_corasick::AhoCorasick;
use ogi_model::{
    Cell, Code, Diagnostic, Format, LegacyTable, NarrativeTable, ProactiveTable, RequestsTable,
    ReviewTable, SectionKind, Severity, Span, TableName,
};
use std::ops::Range;
use std::sync::LazyLock;

/// A grid row split into its parts.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Label cells, in order (a merged parent label first, the row's own label last).
    pub(crate) labels: Vec<Range<usize>>,
    /// Pieces of the row's own label on the lines around it (a label wrapped by a PDF
    /// extractor), joined before and after its last label cell.
    pub(crate) wrapped: (Vec<Range<usize>>, Vec<Range<usize>>),
    /// A unit cell (`条`, `万元`) after the labels.
    pub(crate) unit: Option<Range<usize>>,
    /// Value and blank cells after the last label.
    pub(crate) values: Vec<Range<usize>>,
    /// The whole row in the clean text.
    pub(crate) range: Range<usize>,
    /// How the grid was laid out: in a [`Layout::Stream`] a value cell may hold several cells'
    /// digits.
    pub(crate) layout: Layout,
    /// Whether a value cell holds a number (or, in a stream, digits).
    numbers: bool,
}

impl Row {
    /// Splits a grid row into labels, unit and values. `cells` is scratch space, reused from
    /// row to row.
    pub(crate) fn new(
        text: &Text,
        row: &GridRow,
        layout: Layout,
        cells: &mut Vec<(Range<usize>, CellShape)>,
    ) -> Self {
        // Positions covered by a merged cell repeat its text; the row reads each cell once.
        cells.clear();
        cells.extend(
            row.cells
                .iter()
                .filter(|c| !c.copy)
                .map(|c| (c.range.clone(), shape(text.get(c.range.clone())))),
        );
        let shape_of = |cell: &Range<usize>| {
            cells
                .iter()
                .find(|(c, _)| c == cell)
                .map_or_else(|| shape(text.get(cell.clone())), |(_, s)| *s)
        };
        let last_label = cells.iter().rposition(|(_, s)| *s == CellShape::Label);
        let mut labels = Vec::new();
        let mut unit = None;
        let mut values = Vec::new();
        for (i, (cell, s)) in cells.iter().enumerate() {
            let after_labels = last_label.is_none_or(|l| i > l);
            match s {
                CellShape::Label => labels.push(cell.clone()),
                CellShape::Unit if unit.is_none() && values.is_empty() => unit = Some(cell.clone()),
                CellShape::Unit => labels.push(cell.clone()),
                CellShape::Value | CellShape::Blank if after_labels => values.push(cell.clone()),
                CellShape::Value | CellShape::Blank => {}
            }
        }
        // Digit runs of a stream that are not yet well-formed cells (`0000000`) are values too.
        if layout == Layout::Stream {
            for (cell, s) in cells.iter() {
                if *s == CellShape::Label
                    && text
                        .get(cell.clone())
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                {
                    labels.retain(|l| l != cell);
                    values.push(cell.clone());
                }
            }
        }
        let start = cells.first().map_or(0, |(c, _)| c.start);
        let end = cells.last().map_or(start, |(c, _)| c.end);
        let numbers = values.iter().any(|v| {
            shape_of(v) == CellShape::Value
                || (layout == Layout::Stream
                    && text.get(v.clone()).bytes().any(|b| b.is_ascii_digit()))
        });
        Self {
            labels,
            wrapped: (Vec::new(), Vec::new()),
            unit,
            values,
            range: start..end,
            layout,
            numbers,
        }
    }

    /// The row's own label: its last label cell, with any wrapped pieces joined.
    pub(crate) fn label(&self, text: &Text) -> Option<String> {
        let (before, after) = &self.wrapped;
        if self.labels.is_empty() && before.is_empty() && after.is_empty() {
            return None;
        }
        let mut s = String::new();
        for r in before.iter().chain(self.labels.last()).chain(after) {
            s.push_str(text.get(r.clone()).trim());
        }
        Some(s)
    }

    /// Where the row's own label stands (all its pieces).
    pub(crate) fn label_range(&self) -> Range<usize> {
        let (before, after) = &self.wrapped;
        let mut parts = before.iter().chain(self.labels.last()).chain(after);
        let first = parts.next().cloned().unwrap_or(self.range.clone());
        parts.fold(first, |acc, r| acc.start.min(r.start)..acc.end.max(r.end))
    }

    /// Whether any cell holds a number.
    pub(crate) fn has_numbers(&self, _text: &Text) -> bool {
        self.numbers
    }

    /// The label cells' text joined, for anchors and messages.
    pub(crate) fn label_text(&self, text: &Text) -> String {
        let mut s = String::new();
        self.push_label_text(text, &mut s);
        s
    }

    /// Appends [`Row::label_text`] to `s`.
    fn push_label_text(&self, text: &Text, s: &mut String) {
        for (i, r) in self.labels.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(text.get(r.clone()));
        }
    }
}

/// The folded label of a row; a stream row's label is cut to the known label it ends with,
/// since a crawler glues header text before it.
pub(crate) fn fold_row<K: Copy + PartialEq>(
    table: &LabelTable<K>,
    label: &str,
    layout: Layout,
) -> Folded {
    let f = fold(label);
    if layout == Layout::Stream {
        if let Some(suffix) = table.known_suffix(&f.core) {
            if suffix != f.core {
                return Folded {
                    ordinal: None,
                    full: suffix.clone(),
                    core: suffix,
                };
            }
        }
    }
    f
}

/// Rows whose digits split in several ways, each with its alternatives, until identities
/// across rows settle them.
pub(crate) type Unsettled<K> = Vec<(K, Row, Vec<Vec<Range<usize>>>)>;

/// A row's value cells, read.
pub(crate) enum RowRead {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// A stream's digits split in several ways that the row alone cannot tell apart: each
    /// alternative's cell ranges, for identities across rows to decide.
    Alternatives(Vec<Vec<Range<usize>>>),
    /// Not readable (already reported).
    Failed,
}

/// Reads a row's value cells into `n` cells: directly when they are `n` well-formed cells, else
/// (in a stream, whose digit runs lost their boundaries) by the splits `accept` allows.
pub(crate) fn read_row(
    ctx: &mut Ctx<'_>,
    row: &Row,
    key: &str,
    n: usize,
    accept: &dyn Fn(&[ogi_model::Decimal]) -> bool,
) -> RowRead {
    let mut values = &row.values[..];
    // A trailing `|` can leave blank cells past the last column.
    while let [rest @ .., last] = values
        && rest.len() >= n
        && last.is_empty()
    {
        values = rest;
    }
    let text = ctx.text;
    if values.len() == n {
        // Directly, when every cell is well-formed.
        let direct: Option<Vec<Cell>> = values
            .iter()
            .map(|v| numeral::cell(text.get(v.clone())).map(|c| ctx.cell_from(v.start, &c)))
            .collect();
        if let Some(cells) = direct {
            return RowRead::Cells(cells);
        }
    }
    if row.layout == Layout::Stream {
        return match split::split(&text.text, values, n, accept) {
            split::Split::Unique(cells) => {
                ctx.cells(&cells).map_or(RowRead::Failed, RowRead::Cells)
            }
            split::Split::Ambiguous(alternatives) if !alternatives.is_empty() => {
                RowRead::Alternatives(alternatives)
            }
            split::Split::Ambiguous(_) => {
                ctx.report_ambiguous(key, row, n, None);
                RowRead::Failed
            }
            split::Split::Impossible => {
                ctx.report(
                    Code::RowCellCount,
                    Severity::Warning,
                    format!(
                        "row `{key}`: the digits `{}` do not split into {n} cells that fit the table; its cells are left out",
                        row_digits(text, values)
                    ),
                    row.range.clone(),
                );
                RowRead::Failed
            }
        };
    }
    ctx.report(
        Code::RowCellCount,
        Severity::Warning,
        format!(
            "row `{key}` has {} cells where {n} are expected; its cells are left out",
            values.len()
        ),
        row.range.clone(),
    );
    RowRead::Failed
}

/// [`read_row`] for tables without identities across rows: alternatives are reported.
pub(crate) fn row_cells(
    ctx: &mut Ctx<'_>,
    row: &Row,
    key: &str,
    n: usize,
    accept: &dyn Fn(&[ogi_model::Decimal]) -> bool,
) -> Option<Vec<Cell>> {
    match read_row(ctx, row, key, n, accept) {
        RowRead::Cells(cells) => Some(cells),
        RowRead::Alternatives(alternatives) => {
            ctx.report_ambiguous(key, row, n, Some(alternatives.len()));
            None
        }
        RowRead::Failed => None,
    }
}

/// The values of each alternative split.
pub(crate) fn alternative_values(
    text: &Text,
    alternatives: &[Vec<Range<usize>>],
) -> Vec<Vec<ogi_model::Decimal>> {
    alternatives
        .iter()
        .map(|cells| {
            cells
                .iter()
                .filter_map(|r| {
                    numeral::cell(text.get(r.clone())).and_then(|c| match c.value {
                        ogi_model::CellValue::Number(q) => Some(q.value),
                        _ => None,
                    })
                })
                .collect()
        })
        .collect()
}

pub(crate) fn row_digits(text: &Text, values: &[Range<usize>]) -> String {
    values
        .iter()
        .map(|v| text.get(v.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins label pieces that a PDF extractor wrapped onto the lines around a row of numbers
/// (`（二）部分公开（区分处理的，只计这一情` / `447 7 0 0 0 0 454` / `形，不计其他情形）`), when the
/// joined label names a row of the table better than the row's own label. `score` is the
/// table's best label similarity for a text (0 below the floor given). Only rows of
/// [`Layout::Columns`] grids are joined.
pub(crate) fn join_wrapped(
    text: &Text,
    rows: Vec<Row>,
    score: &dyn Fn(&str, f64) -> f64,
) -> Vec<Row> {
    let is_data = |r: &Row| !r.values.is_empty() && r.has_numbers(text);
    let is_piece = |r: &Row| {
        r.layout == Layout::Columns
            && r.values.is_empty()
            && r.unit.is_none()
            && r.labels.len() == 1
    };
    let mut rows = rows;
    let mut used = vec![false; rows.len()];
    for d in 0..rows.len() {
        if rows[d].layout != Layout::Columns || !is_data(&rows[d]) {
            continue;
        }
        let free = |i: usize, rows: &[Row], used: &[bool]| is_piece(&rows[i]) && !used[i];
        let mut before: Vec<usize> = Vec::new();
        let mut i = d;
        while i > 0 && before.len() < 2 && free(i - 1, &rows, &used) {
            i -= 1;
            before.insert(0, i);
        }
        let after: Vec<usize> = (d + 1 < rows.len() && free(d + 1, &rows, &used))
            .then_some(d + 1)
            .into_iter()
            .collect();
        if before.is_empty() && after.is_empty() {
            continue;
        }
        let own = rows[d].labels.last().cloned();
        let text_of = |b: &[usize], a: &[usize]| {
            let mut s = String::new();
            for k in b {
                s.push_str(text.get(rows[*k].labels[0].clone()).trim());
            }
            if let Some(o) = &own {
                s.push_str(text.get(o.clone()).trim());
            }
            for k in a {
                s.push_str(text.get(rows[*k].labels[0].clone()).trim());
            }
            s
        };
        // A join must reach a match (0.72) and beat the row's own label by 0.05.
        let own_score = if own.is_some() {
            score(&text_of(&[], &[]), 0.5)
        } else {
            0.0
        };
        let mut best: Option<(f64, Vec<usize>, Vec<usize>)> = None;
        for nb in 0..=before.len() {
            for na in 0..=after.len() {
                if nb == 0 && na == 0 {
                    continue;
                }
                let b = before[before.len() - nb..].to_vec();
                let a = after[..na].to_vec();
                let floor = best
                    .as_ref()
                    .map_or(0.72f64.max(own_score + 0.05), |(s, _, _)| *s);
                let sc = score(&text_of(&b, &a), floor);
                if best.as_ref().is_none_or(|(s, _, _)| sc > *s + 1e-9) {
                    best = Some((sc, b, a));
                }
            }
        }
        if let Some((sc, b, a)) = best {
            if sc >= own_score + 0.05 && sc >= 0.72 {
                for k in b.iter().chain(&a) {
                    used[*k] = true;
                }
                rows[d].wrapped = (
                    b.iter().map(|k| rows[*k].labels[0].clone()).collect(),
                    a.iter().map(|k| rows[*k].labels[0].clone()).collect(),
                );
            }
        }
    }
    rows.into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(r, _)| r)
        .collect()
}

/// Shared state of the table parsers: the text, and what they report.
pub(crate) struct Ctx<'t> {
    pub(crate) text: &'t Text,
    /// The figures the report's prose states (`主动公开政府信息425条`).
    pub(crate) stated: &'t NarrativeTable,
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

    /// Reports a row whose digits split in several ways.
    pub(crate) fn report_ambiguous(&mut self, key: &str, row: &Row, n: usize, ways: Option<usize>) {
        let digits = row_digits(self.text, &row.values);
        let ways = match ways {
            Some(k) if k <= split::MAX_KEPT => format!("{k} ways"),
            _ => "many ways".to_owned(),
        };
        self.report(
            Code::CellSplitAmbiguous,
            Severity::Warning,
            format!("row `{key}`: the digits `{digits}` split into {n} cells in {ways}; its cells are left out"),
            row.range.clone(),
        );
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
        Some(self.cell_from(range.start, &c))
    }

    /// The cell of a cell text read at `start` in the clean text.
    fn cell_from(&self, start: usize, c: &numeral::CellText<'_>) -> Cell {
        let at = start + c.at.start..start + c.at.end;
        Cell {
            value: c.value,
            span: self.span(at),
            unit: c.unit,
            note: c.note.map(str::to_owned),
        }
    }

    /// Reads a row of cells, or reports the row and returns `None` if any is unreadable.
    pub(crate) fn cells(&mut self, ranges: &[Range<usize>]) -> Option<Vec<Cell>> {
        ranges.iter().map(|r| self.cell(r.clone())).collect()
    }
}

/// The words of the tables' anchors, as [`anchor`] names them.
const ANCHOR_WORDS: [&str; 14] = [
    "本年新收",
    "申请人情况",
    "勾稽关系",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "第二十条",
    "信息内容",
    "统计",
    "统计指标",
    "指标名称",
    "主动公开政府信息数",
    "主动公开信息数",
];

/// The last characters of [`ANCHOR_WORDS`] (all CJK ideographs).
fn anchor_last_chars() -> &'static CharSet {
    static LASTS: LazyLock<CharSet> =
        LazyLock::new(|| CharSet::new(ANCHOR_WORDS.iter().filter_map(|w| w.chars().last())));
    &LASTS
}

/// Which of [`ANCHOR_WORDS`] `s` holds, found in one pass.
fn anchor_words(s: &str) -> [bool; ANCHOR_WORDS.len()] {
    static WORDS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(ANCHOR_WORDS).ok());
    let mut found = [false; ANCHOR_WORDS.len()];
    match WORDS.as_ref() {
        Some(words) => {
            for m in words.find_overlapping_iter(s) {
                found[m.pattern().as_usize()] = true;
            }
        }
        None => {
            for (f, w) in found.iter_mut().zip(ANCHOR_WORDS) {
                *f = s.contains(w);
            }
        }
    }
    found
}

/// Scratch space for [`anchor`], reused from row to row.
#[derive(Default)]
struct AnchorScratch {
    label: String,
    folded: Folded,
}

/// The table a row announces, if it is one of a table's anchors.
fn anchor(text: &Text, row: &Row, scratch: &mut AnchorScratch) -> Option<TableName> {
    // Folding drops and maps characters but makes none of the words' last ones from another:
    // a label holding none of them holds no anchor word (most rows' labels).
    let lasts = anchor_last_chars();
    if !row
        .labels
        .iter()
        .any(|r| ideographs(text.get(r.clone())).any(|c| lasts.contains(c)))
    {
        return None;
    }
    scratch.label.clear();
    row.push_label_text(text, &mut scratch.label);
    fold_into(&scratch.label, &mut scratch.folded);
    let [
        new_received,
        applicants,
        identity,
        review,
        lawsuit,
        upheld,
        corrected,
        article_20,
        content,
        statistics,
        indicators,
        indicator_names,
        proactive_government,
        proactive,
    ] = anchor_words(&scratch.folded.full);
    if new_received || applicants || identity {
        Some(TableName::Requests)
    } else if (review && lawsuit) || (upheld && corrected) {
        Some(TableName::ReviewLitigation)
    } else if article_20 || (content && !statistics) {
        Some(TableName::Proactive)
    } else if indicators || indicator_names || proactive_government || proactive {
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

/// Reads every table of the document; `stated` are the figures its prose states.
pub(crate) fn extract(
    text: &Text,
    blocks: &[Block],
    outline: &[Found],
    stated: &NarrativeTable,
) -> Tables {
    // Rows of each table, in document order, across grids (a table split over two pages).
    let mut pieces: Vec<(TableName, Vec<Row>)> = Vec::new();
    let mut unrecognized: Vec<Row> = Vec::new();
    // The last level-1 heading before the block, followed through the outline (in block order)
    // as the blocks are read.
    let mut headings = outline.iter().peekable();
    let mut last_level_1: Option<&Found> = None;
    let mut cells = Vec::new();
    let mut scratch = AnchorScratch::default();
    for (i, block) in blocks.iter().enumerate() {
        let Block::Grid(grid) = block else { continue };
        while let Some(f) = headings.next_if(|f| f.block < i) {
            if f.heading.level == 1 {
                last_level_1 = Some(f);
            }
        }
        let section = last_level_1
            .and_then(|f| f.heading.kind)
            .and_then(section_table);
        let mut current = section;
        for grid_row in &grid.rows {
            let row = Row::new(text, grid_row, grid.layout, &mut cells);
            if let Some(t) = anchor(text, &row, &mut scratch) {
                current = Some(t);
            }
            match current {
                Some(t) => {
                    if let Some((_, rows)) = pieces.iter_mut().find(|(name, _)| *name == t) {
                        rows.push(row);
                    } else {
                        let mut rows = Vec::with_capacity(grid.rows.len());
                        rows.push(row);
                        pieces.push((t, rows));
                    }
                }
                None => unrecognized.push(row),
            }
        }
    }

    let mut ctx = Ctx {
        text,
        stated,
        diagnostics: Vec::new(),
        format_hints: Vec::new(),
    };
    let mut tables = Tables::default();
    for (name, rows) in pieces {
        match name {
            TableName::Proactive => tables.proactive = Some(proactive::parse(&mut ctx, rows)),
            TableName::Requests => tables.requests = Some(requests::parse(&mut ctx, rows)),
            TableName::ReviewLitigation => {
                tables.review_litigation = Some(review::parse(&mut ctx, &rows));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_words_end_in_ideographs_no_other_character_folds_to() {
        // What the quick test of `anchor` rests on.
        let lasts: Vec<char> = ANCHOR_WORDS
            .iter()
            .filter_map(|w| w.chars().last())
            .collect();
        for l in &lasts {
            assert!(('\u{4E00}'..='\u{9FFF}').contains(l), "{l}");
        }
        for c in '\0'..=char::MAX {
            if let Some(f) = crate::label::fold_char(c) {
                assert!(f == c || !lasts.contains(&f), "{c} folds to {f}");
            }
        }
    }
}
