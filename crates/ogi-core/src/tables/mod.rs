//! Grids → keyed tables.
//!
//! Each grid is cut where its rows announce another table (the registry's anchors, such as
//! 本年新收 or 第二十条), the section heading above it naming the first; each piece goes to
//! the reader of its table. A reader names each row by its labels ([`name_row`]: the row's
//! own label is the shortest run of its last label cells that names a row of the table; the
//! cells before it are the merged labels it stands under, or a header a crawler glued to it)
//! and reads its values with [`assign::read_row`], which goes by the evidence the layout stage
//! found: positions under the header, then the order of delimited cells, and only then counts
//! under the table's identities. Readers never ask which layout a grid came from.

pub(crate) mod assign;
pub(crate) mod joint;
pub(crate) mod legacy;
pub(crate) mod proactive;
pub(crate) mod requests;
pub(crate) mod review;
pub(crate) mod solve;

use crate::label::{Folded, LabelTable, Match, announced_table, fold, fold_into};
use crate::layout::{Block, Boundaries, CellShape, Evidence, GridRow, shape};
use crate::numeral;
use crate::outline::Found;
use crate::text::{CharSet, Text, ideographs};
use ogi_model::template::TABLES;
use ogi_model::{
    Cell, Code, Diagnostic, Format, LegacyTable, NarrativeTable, ProactiveTable, RequestsTable,
    ReviewTable, Severity, Span, TableName,
};
use std::ops::Range;
use std::sync::LazyLock;

/// A cell of a row: its text in the clean text and where it stands across the row (see
/// [`GridCell::at`](crate::layout::GridCell::at)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) range: Range<usize>,
    pub(crate) at: Range<u32>,
}

/// A grid row split into its parts.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// Label cells, in order (merged labels or a glued header first, the row's own label last).
    pub(crate) labels: Vec<Piece>,
    /// Pieces of the row's own label on the lines around it (a label wrapped in a column of
    /// text), joined before and after its last label cell.
    pub(crate) wrapped: (Vec<Range<usize>>, Vec<Range<usize>>),
    /// A unit cell (`条`, `万元`) after the labels.
    pub(crate) unit: Option<Range<usize>>,
    /// Value and blank cells after the last label.
    pub(crate) values: Vec<Piece>,
    /// The whole row in the clean text.
    pub(crate) range: Range<usize>,
    /// What the text tells about the row's cell boundaries.
    pub(crate) evidence: Evidence,
    /// Whether a value cell holds a number (or, where digits run together, digits).
    numbers: bool,
}

impl Row {
    /// Splits a grid row into labels, unit and values. `cells` is scratch space, reused from
    /// row to row.
    pub(crate) fn new(
        text: &Text,
        row: &GridRow,
        evidence: Evidence,
        cells: &mut Vec<(Piece, CellShape)>,
    ) -> Self {
        // Positions covered by a merged cell repeat its text; the row reads each cell once.
        cells.clear();
        cells.extend(row.cells.iter().filter(|c| !c.copy).map(|c| {
            let s = if c.label {
                CellShape::Label
            } else {
                shape(text.get(c.range.clone()))
            };
            (
                Piece {
                    range: c.range.clone(),
                    at: c.at.clone(),
                },
                s,
            )
        }));
        // Digit runs whose boundaries were lost (`0000000`) are values, not labels.
        if evidence.glued {
            for (cell, s) in cells.iter_mut() {
                if *s == CellShape::Label
                    && text
                        .get(cell.range.clone())
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                {
                    *s = CellShape::Value;
                }
            }
        }
        let last_label = cells.iter().rposition(|(_, s)| *s == CellShape::Label);
        let mut labels = Vec::new();
        let mut unit = None;
        let mut values: Vec<Piece> = Vec::new();
        for (i, (cell, s)) in cells.iter().enumerate() {
            let after_labels = last_label.is_none_or(|l| i > l);
            match s {
                CellShape::Label => labels.push(cell.clone()),
                // A unit word before the labels is one of them (`人` of `自然` / `人` on a
                // header's second line).
                CellShape::Unit if unit.is_none() && values.is_empty() && after_labels => {
                    unit = Some(cell.range.clone());
                }
                CellShape::Unit => labels.push(cell.clone()),
                CellShape::Value | CellShape::Blank if after_labels => values.push(cell.clone()),
                CellShape::Value | CellShape::Blank => {}
            }
        }
        let start = cells.first().map_or(0, |(c, _)| c.range.start);
        let end = cells.last().map_or(start, |(c, _)| c.range.end);
        let numbers = values.iter().any(|v| {
            let s = text.get(v.range.clone());
            shape(s) == CellShape::Value
                || (evidence.glued && s.bytes().any(|b| b.is_ascii_digit()))
        });
        Self {
            labels,
            wrapped: (Vec::new(), Vec::new()),
            unit,
            values,
            range: start..end,
            evidence,
            numbers,
        }
    }

    /// Cuts a number set against the end of the row's label (see [`glued_number`]) off as its
    /// value, when the row has no value and the label without the number names a row of
    /// `table` exactly: `行政事业性收费3198.983`, but not `回应同一热点或舆情计1`, a piece of a
    /// label wrapped after its `计1`.
    pub(crate) fn cut_glued_value<K: Copy + PartialEq>(
        &mut self,
        text: &Text,
        table: &LabelTable<K>,
    ) {
        if !self.values.is_empty() || self.unit.is_some() || !self.wrapped.1.is_empty() {
            return;
        }
        let Some(last) = self.labels.last_mut() else {
            return;
        };
        let cell = text.get(last.range.clone());
        let Some(at) = glued_number(cell) else {
            return;
        };
        let before: String = self
            .wrapped
            .0
            .iter()
            .map(|r| text.get(r.clone()).trim())
            .collect();
        if !table.knows(&fold(&(before + cell[..at].trim()))) {
            return;
        }
        self.values.push(Piece {
            range: last.range.start + at..last.range.end,
            at: last.at.clone(),
        });
        last.range.end = last.range.start + at;
        self.numbers = true;
    }

    /// Where the row's last cell stands in the clean text (label, unit or value).
    fn last_cell(&self) -> Option<Range<usize>> {
        self.labels
            .iter()
            .map(|p| &p.range)
            .chain(self.unit.as_ref())
            .chain(self.values.iter().map(|p| &p.range))
            .max_by_key(|r| r.end)
            .cloned()
    }

    /// Leaves out the row's last cell (see [`Row::last_cell`]).
    fn drop_last_cell(&mut self) {
        let Some(last) = self.last_cell() else { return };
        if self.unit.as_ref() == Some(&last) {
            self.unit = None;
        } else if self.values.last().is_some_and(|p| p.range == last) {
            self.values.pop();
        } else if self.labels.last().is_some_and(|p| p.range == last) {
            self.labels.pop();
        }
    }

    /// The row's own label: its last label cell, with any wrapped pieces joined.
    pub(crate) fn label(&self, text: &Text) -> Option<String> {
        let (before, after) = &self.wrapped;
        if self.labels.is_empty() && before.is_empty() && after.is_empty() {
            return None;
        }
        let mut s = String::new();
        for r in before
            .iter()
            .chain(self.labels.last().map(|p| &p.range))
            .chain(after)
        {
            s.push_str(text.get(r.clone()).trim());
        }
        Some(s)
    }

    /// Where the row's labels from piece `first` on stand (with the wrapped pieces).
    pub(crate) fn label_range_from(&self, first: usize) -> Range<usize> {
        let (before, after) = &self.wrapped;
        let mut parts = before
            .iter()
            .chain(
                self.labels
                    .get(first..)
                    .unwrap_or(&[])
                    .iter()
                    .map(|p| &p.range),
            )
            .chain(after);
        let first = parts.next().cloned().unwrap_or(self.range.clone());
        parts.fold(first, |acc, r| acc.start.min(r.start)..acc.end.max(r.end))
    }

    /// Where the row's own label stands (all its pieces).
    pub(crate) fn label_range(&self) -> Range<usize> {
        self.label_range_from(self.labels.len().saturating_sub(1))
    }

    /// Whether any cell holds a number.
    pub(crate) fn has_numbers(&self) -> bool {
        self.numbers
    }

    /// Whether the row has value cells holding a number: a row of data, not a header.
    pub(crate) fn is_data(&self) -> bool {
        !self.values.is_empty() && self.numbers
    }

    /// The label cells' text joined, for anchors and messages.
    pub(crate) fn label_text(&self, text: &Text) -> String {
        let mut s = String::new();
        self.push_label_text(text, &mut s);
        s
    }

    /// Appends [`Row::label_text`] to `s`.
    fn push_label_text(&self, text: &Text, s: &mut String) {
        for (i, p) in self.labels.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(text.get(p.range.clone()));
        }
    }
}

/// Reports the rows whose labels run into this row's before its own (`3.政务微博公开政府信息数条
/// 4.政务微信公开政府信息数`): where blank cells leave no trace, a row of blanks leaves only its
/// label, and its cells are lost. Returns their keys in the order the labels stand, for a reader
/// whose rows stand under the ones above (`五、行政诉讼数量件（一）维持…` still heads the
/// rows after it).
pub(crate) fn report_lost_rows<K: Copy + PartialEq>(
    ctx: &mut Ctx<'_>,
    table: TableName,
    labels: &LabelTable<K>,
    row: &Row,
    key_name: impl Fn(K) -> &'static str,
) -> Vec<K> {
    let e = row.evidence;
    if !e.blanks_lost || e.collapsed {
        return Vec::new();
    }
    let core = fold(&row.label_text(ctx.text)).core;
    let Some(own) = labels.known_suffix(&core) else {
        return Vec::new();
    };
    let lost = labels.labels_before(&core, own.len());
    for k in &lost {
        let key = key_name(*k);
        ctx.report(
            Code::RowLost,
            Severity::Warning,
            format!(
                "row `{key}`: its label runs into the next row's with no cell between: its cells, blank or not, are lost"
            ),
            row.label_range(),
        );
        ctx.leave_out(table, key, Code::RowLost);
    }
    lost
}

/// Where a number set against the end of a label cell starts: a label and its one value
/// printed closer than a space (`行政事业性收费3198.983`, from a PDF whose label column ends where
/// its number starts). The number follows a Chinese character and is a number alone (digits,
/// one decimal point); `None` when the cell does not end so.
fn glued_number(cell: &str) -> Option<usize> {
    let cell = cell.trim_end();
    let digits = cell.len()
        - cell
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    let at = cell.len() - digits;
    let number = &cell[at..];
    let han_before = cell[..at]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'));
    let well_formed = number.starts_with(|c: char| c.is_ascii_digit())
        && number.ends_with(|c: char| c.is_ascii_digit())
        && number.matches('.').count() <= 1;
    (han_before && well_formed).then_some(at)
}

/// Most label cells joined into one row label (a label printed one character per line); a
/// header glued before it is longer.
const MAX_LABEL_PIECES: usize = 40;

/// Longest label, in characters, that joined cells are matched as.
const MAX_LABEL_CHARS: usize = 80;

/// A row's own label, named.
pub(crate) struct Named<K> {
    /// What it names.
    pub(crate) matched: Match<K>,
    /// The index of its first label cell: the cells before it are merged labels above it, or a
    /// header glued to it.
    pub(crate) first: usize,
    /// Its text.
    pub(crate) text: String,
}

/// Names a row: the shortest run of its last label cells (with any wrapped pieces) whose
/// joined text names a row of `table` exactly, else the run that names one most closely. A
/// label split over several cells (`其中` / `:` / `1.` / `政府网站公开数`, `结` / `果` / `维` / `持`)
/// is joined; merged labels and glued headers before it are left to the caller. Where digits
/// ran together, a crawler glues the header to the first row's label: the label is cut to the
/// known label it ends with.
pub(crate) fn name_row<K: Copy + PartialEq>(
    text: &Text,
    table: &LabelTable<K>,
    row: &Row,
    context: &dyn Fn(K) -> Option<f64>,
) -> Option<Named<K>> {
    name_row_at_level(text, table, row, &|k, _| context(k))
}

/// [`name_row`], with a context that also weighs the ordinal level of the label tried (1 for
/// `一、`, 2 for `(一)`, …, 0 for none): a label split over cells has its ordinal in its first.
pub(crate) fn name_row_at_level<K: Copy + PartialEq>(
    text: &Text,
    table: &LabelTable<K>,
    row: &Row,
    context: &dyn Fn(K, u8) -> Option<f64>,
) -> Option<Named<K>> {
    let m = row.labels.len();
    let (before, after) = &row.wrapped;
    if m == 0 && before.is_empty() && after.is_empty() {
        return None;
    }
    // The runs of last label cells, shortest first, each joined and folded.
    let mut runs: Vec<(usize, String, Folded)> = Vec::new();
    for first in (m.saturating_sub(MAX_LABEL_PIECES)..m.max(1)).rev() {
        let mut joined = String::new();
        for r in before {
            joined.push_str(text.get(r.clone()).trim());
        }
        for p in row.labels.get(first..).unwrap_or(&[]) {
            joined.push_str(text.get(p.range.clone()).trim());
        }
        for r in after {
            joined.push_str(text.get(r.clone()).trim());
        }
        if joined.chars().count() > MAX_LABEL_CHARS && !runs.is_empty() {
            break;
        }
        let folded = fold_row(table, &joined, row.evidence);
        runs.push((first, joined, folded));
    }
    let named = |(first, text, folded): (usize, String, Folded)| {
        let level = folded.ordinal.map_or(0, |o| o.style.level());
        Named {
            matched: table.best(&folded, |k| context(k, level)),
            first,
            text,
        }
    };
    // The longest run that is a known label exactly: a label split over cells
    // (`主要负责同志参加政府网站在线访谈次数` ends with another row's label), and no header glued
    // before a label joins with it into one.
    if let Some(i) = runs.iter().rposition(|(_, _, f)| table.knows(f)) {
        let exact = named(runs.swap_remove(i));
        if !matches!(exact.matched, Match::None) {
            return Some(exact);
        }
    }
    // Else the run naming a row most closely.
    let mut best: Option<(f64, Named<K>)> = None;
    for run in runs {
        let n = named(run);
        let score = match n.matched {
            Match::Exact(_) => 1.0,
            Match::Loose(_, s) => s,
            Match::Ambiguous(..) => 0.5,
            Match::None => continue,
        };
        if best.as_ref().is_none_or(|(b, _)| score > *b + 1e-9) {
            best = Some((score, n));
        }
    }
    best.map(|(_, n)| n).or_else(|| {
        row.label(text).map(|t| Named {
            matched: Match::None,
            first: m.saturating_sub(1),
            text: t,
        })
    })
}

/// Whether a row is a header: two of its label cells or more name columns of the table.
pub(crate) fn is_header<K: Copy + PartialEq>(
    text: &Text,
    columns: &LabelTable<K>,
    row: &Row,
) -> bool {
    row.labels
        .iter()
        .filter(|p| {
            matches!(
                columns.best(&fold(text.get(p.range.clone())), |_| Some(0.0)),
                Match::Exact(_)
            )
        })
        .nth(1)
        .is_some()
}

/// Most header cells joined into one label: a header split one piece per line (`本年新` /
/// `制作数量`, or one character per line).
const MAX_HEADER_PIECES: usize = 12;

/// Whether a label standing alone in `row`'s text, with another label after it, names a row of
/// blank cells: where cells are placed by position (a gap is a blank), or printed one per line
/// with no line for a blank.
pub(crate) fn labels_alone_are_blank(row: &Row) -> bool {
    let e = row.evidence;
    e.boundaries == Boundaries::Positioned
        || (e.boundaries == Boundaries::Sequence && e.blanks_lost)
}

/// A cell of a table's header: one piece, or the pieces of one column stacked over several
/// lines where cells stand by position (`本年新` / `制作数` / `量`, `结果` / `维持`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeadCell {
    /// Its pieces, top to bottom.
    pub(crate) parts: Vec<Range<usize>>,
    /// Where it stands across the row: the union of its pieces' places.
    pub(crate) at: Range<u32>,
}

impl HeadCell {
    fn piece(p: &Piece) -> Self {
        Self {
            parts: vec![p.range.clone()],
            at: p.at.clone(),
        }
    }

    /// Its text: the pieces' texts joined.
    pub(crate) fn text(&self, text: &Text) -> String {
        self.parts
            .iter()
            .map(|r| text.get(r.clone()).trim())
            .collect()
    }

    /// The clean-text range from its first piece to its last.
    pub(crate) fn range(&self) -> Range<usize> {
        let start = self.parts.first().map_or(0, |r| r.start);
        start..self.parts.last().map_or(start, |r| r.end)
    }
}

/// The header cells of a table's header rows (`lines`, top to bottom). Where cells stand by
/// position (`stacking` given: it tells a cell's text that already names a header label), a
/// piece stacked under exactly one piece of the line above, which stands over no other piece
/// of its line and names no label yet, continues that cell (`本年新` / `制作数` / `量` is one
/// cell, 本年新制作数量); a label spanning several below, or centred over them
/// (`行政复议`), stays whole; the cells come left to right. Elsewhere every piece is a cell,
/// in reading order.
///
/// From a pdftotext rendering of table 四:
///
/// ```text
///  结果      结果     其他  尚未
///  维持      纠正     结果  审结      总计
/// ```
pub(crate) fn head_cells<'a>(
    text: &Text,
    lines: impl IntoIterator<Item = &'a [Piece]>,
    stacking: Option<&dyn Fn(&str) -> bool>,
) -> Vec<HeadCell> {
    let positioned = stacking.is_some();
    // A cell naming a label already is continued only into a longer label (`社会公益` /
    // `组织`), never into another column's word (`行政复议` over `其他`).
    let continues_into = |cell: &HeadCell, p: &Piece| {
        stacking.is_some_and(|k| {
            let above = cell.text(text);
            !k(&above) || k(&format!("{above}{}", text.get(p.range.clone()).trim()))
        })
    };
    let mut cells: Vec<HeadCell> = Vec::new();
    // The cells the previous line's pieces went to, with those pieces' places.
    let mut above: Vec<(usize, Range<u32>)> = Vec::new();
    let overlaps = |a: &Range<u32>, b: &Range<u32>| a.start < b.end && b.start < a.end;
    for line in lines {
        let mut this: Vec<(usize, Range<u32>)> = Vec::with_capacity(line.len());
        for p in line {
            let over: Vec<&(usize, Range<u32>)> =
                above.iter().filter(|(_, at)| overlaps(at, &p.at)).collect();
            let continues = match over.as_slice() {
                [(c, at)] if continues_into(&cells[*c], p) => {
                    (line.iter().filter(|q| overlaps(at, &q.at)).count() == 1).then_some(*c)
                }
                _ => None,
            };
            let c = if let Some(c) = continues {
                let cell = &mut cells[c];
                cell.parts.push(p.range.clone());
                cell.at = cell.at.start.min(p.at.start)..cell.at.end.max(p.at.end);
                c
            } else {
                cells.push(HeadCell::piece(p));
                cells.len() - 1
            };
            this.push((c, p.at.clone()));
        }
        above = this;
    }
    // Left to right, where they stand by position (a cell stacked from the first line stands
    // before one that begins on the second: `信息内容`).
    if positioned {
        cells.sort_by_key(|c| c.at.start);
    }
    cells
}

/// The keys of a header's cells, in order, with each one's text range and place: what a cell
/// names alone; for a cell naming nothing, the shortest run of one to four cells from it whose
/// joined text names a key exactly, else loosely (`本年新` / `制作数量`); `Match::None` for a
/// cell that starts no such run.
pub(crate) fn header_keys<K: Copy + PartialEq>(
    text: &Text,
    table: &LabelTable<K>,
    cells: &[HeadCell],
) -> Vec<(Match<K>, Range<usize>, Range<u32>)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut joined = String::new();
    while i < cells.len() {
        // A cell that names something alone is that; else the shortest run of cells from it
        // whose joined text names a key exactly, else loosely.
        let alone = table.best(&fold(&cells[i].text(text)), |_| Some(0.0));
        let mut run: Option<(Match<K>, usize)> =
            (!matches!(alone, Match::None)).then_some((alone, i));
        if run.is_none() {
            let mut loose: Option<(Match<K>, usize)> = None;
            joined.clear();
            for (j, cell) in cells.iter().enumerate().skip(i).take(MAX_HEADER_PIECES) {
                joined.push_str(&cell.text(text));
                match table.best(&fold(&joined), |_| Some(0.0)) {
                    m @ Match::Exact(_) => {
                        run = Some((m, j));
                        break;
                    }
                    m @ Match::Loose(..) if loose.is_none() && j > i => loose = Some((m, j)),
                    _ => {}
                }
            }
            run = run.or(loose);
        }
        let (m, j) = run.unwrap_or((Match::None, i));
        let range = cells[i].range().start..cells[j].range().end;
        let at = cells[i].at.start.min(cells[j].at.start)..cells[i].at.end.max(cells[j].at.end);
        out.push((m, range, at));
        i = j + 1;
    }
    out
}

/// The folded label of a row; where digits ran together, the label is cut to the known label it
/// ends with, since a crawler glues header text before it.
pub(crate) fn fold_row<K: Copy + PartialEq>(
    table: &LabelTable<K>,
    label: &str,
    evidence: Evidence,
) -> Folded {
    let f = fold(label);
    if evidence.glued {
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

/// Most lines a label wraps onto above its row of numbers.
const MAX_WRAPPED: usize = 6;

/// Most pieces of a wrapped label joined after its row's own label cell.
const MAX_WRAPPED_AFTER: usize = 2;

/// How label pieces printed above a row's own label cell stand to it, by what the table knows of
/// the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// They may be the first part of its label.
    Part,
    /// Its label is a merged label over the rows of a group, printed on the line of one of them,
    /// and they name a row of that group: they are that row's label, the merged label stands
    /// before it (`4.保护第三方合法权` / `益` / `（三）不予公开  0 0 0 …`).
    Under,
    /// They are no part of it (the merged label of another group).
    Apart,
}

/// Joins label pieces wrapped onto the lines around a row of numbers in a table of positioned
/// cells (`（二）部分公开（区分处理的，只计这一情` / `447 7 0 0 0 0 454` / `形，不计其他情形）`),
/// when the joined label names a row of the table better than the row's own label. `score` is
/// the table's best label similarity for a text (0 below the floor given); `joins(pieces,
/// own)` how a label printed above a row's own label stands to it ([`Join`]): a merged label
/// printed on the line of one of its rows (`2.没有现成信息需要另行` / `制作` /
/// `（四）无法提供 0 0 0`) takes its own rows' pieces only, as the label of the row they name.
pub(crate) fn join_wrapped(
    text: &Text,
    rows: Vec<Row>,
    score: &dyn Fn(&str, f64) -> f64,
    joins: &dyn Fn(&str, &str) -> Join,
) -> Vec<Row> {
    let positioned = |r: &Row| r.evidence.boundaries == Boundaries::Positioned;
    let is_piece =
        |r: &Row| positioned(r) && r.values.is_empty() && r.unit.is_none() && r.labels.len() == 1;
    let mut rows = rows;
    join_wrapped_units(text, &mut rows);
    let mut used = vec![false; rows.len()];
    for d in 0..rows.len() {
        // A row of numbers, or a label with its unit (`不同渠道和方式公开相同信息  条`: the
        // statistics table's row whose cell is blank).
        let anchors = rows[d].is_data() || rows[d].unit.is_some();
        if !positioned(&rows[d]) || !anchors {
            continue;
        }
        let free = |i: usize, rows: &[Row], used: &[bool]| is_piece(&rows[i]) && !used[i];
        // A piece opening with an ordinal starts a label: the first piece before, never one
        // after (`3.危及“三安全一稳定` under a row of numbers is the next row's).
        let opens = |i: usize, rows: &[Row]| {
            fold(text.get(rows[i].labels[0].range.clone()))
                .ordinal
                .is_some()
        };
        let mut before: Vec<usize> = Vec::new();
        let mut i = d;
        while i > 0 && before.len() < MAX_WRAPPED && free(i - 1, &rows, &used) {
            i -= 1;
            before.insert(0, i);
            if opens(i, &rows) {
                break;
            }
        }
        let mut after: Vec<usize> = Vec::new();
        let mut j = d + 1;
        while j < rows.len()
            && after.len() < MAX_WRAPPED_AFTER
            && free(j, &rows, &used)
            && !opens(j, &rows)
        {
            after.push(j);
            j += 1;
        }
        if before.is_empty() && after.is_empty() {
            continue;
        }
        let own = rows[d].labels.last().map(|p| p.range.clone());
        let text_of = |b: &[usize], a: &[usize], with_own: bool| {
            let mut s = String::new();
            for k in b {
                s.push_str(text.get(rows[*k].labels[0].range.clone()).trim());
            }
            if let (Some(o), true) = (&own, with_own) {
                s.push_str(text.get(o.clone()).trim());
            }
            for k in a {
                s.push_str(text.get(rows[*k].labels[0].range.clone()).trim());
            }
            s
        };
        // A join must reach a match (0.72) and beat the row's own label by 0.05.
        let own_score = own
            .as_ref()
            .map_or(0.0, |_| score(&text_of(&[], &[], true), 0.5));
        // The best join: its score, the pieces before and after, and whether they are the label
        // of a row under the own label cell (a merged label) rather than parts of it.
        let mut best: Option<(f64, Vec<usize>, Vec<usize>, bool)> = None;
        // Most pieces before first: of joins that name a row equally well, the one taking the
        // lines above wins (a row printed below its label, `不是《条例》所指政` / `府信息` /
        // `件 0`, and the next row's label right under it).
        for nb in (0..=before.len()).rev() {
            let b = before[before.len() - nb..].to_vec();
            let join = match (&own, b.is_empty()) {
                (Some(o), false) => joins(&text_of(&b, &[], false), text.get(o.clone()).trim()),
                _ => Join::Part,
            };
            if join == Join::Apart {
                continue;
            }
            let under = join == Join::Under;
            for na in 0..=after.len() {
                if nb == 0 && na == 0 {
                    continue;
                }
                let a = after[..na].to_vec();
                // Under a merged label, the pieces need only name a row: the merged label is
                // no row of numbers of the table's template, whatever its own score. A join
                // that names a row exactly is taken even where the own label names another
                // exactly (`其中：主要负责同志参加` / `政府网站在线访谈次数  次  0`): it leaves no
                // piece unexplained.
                let least = if under {
                    0.72
                } else {
                    0.72f64.max(own_score + 0.05).min(1.0)
                };
                let floor = best.as_ref().map_or(least, |(s, ..)| s.max(least));
                let sc = score(&text_of(&b, &a, !under), floor);
                if sc >= least && best.as_ref().is_none_or(|(s, ..)| sc > *s + 1e-9) {
                    best = Some((sc, b.clone(), a, under));
                }
            }
        }
        if let Some((_, b, a, under)) = best {
            for k in b.iter().chain(&a) {
                used[*k] = true;
            }
            take_pieces(&mut rows, d, &b, &a, under);
        }
    }
    join_blank_rows(text, &mut rows, &mut used, score, &is_piece);
    rows.into_iter()
        .zip(used)
        .filter(|(_, u)| !u)
        .map(|(r, _)| r)
        .collect()
}

/// Gives a line with no unit of its own the unit wrapped around it in a narrow unit column
/// (`…等方面  万` / `0` / `的经费)  元`): the last cells of the lines above and below, joined,
/// name a unit of the vocabulary. They leave those lines, which are then pieces of the row's
/// wrapped label like any other; the unit cell below stands for the unit. The line is the
/// row's line of numbers, or, where its value is blank, the middle piece of its label.
fn join_wrapped_units(text: &Text, rows: &mut [Row]) {
    use ogi_model::{Unit, Vocabulary};
    let positioned = |r: &Row| r.evidence.boundaries == Boundaries::Positioned;
    for d in 1..rows.len().saturating_sub(1) {
        let row = &rows[d];
        let numbers_or_piece = if row.is_data() {
            row.labels.len() <= 1
        } else {
            row.values.is_empty() && row.labels.len() == 1
        };
        if !positioned(row) || row.unit.is_some() || !numbers_or_piece {
            continue;
        }
        let (above, below) = (&rows[d - 1], &rows[d + 1]);
        // The three lines one under the other (rows of a table cut by a break, or by lines
        // left out of its grid, are not).
        let next_line = |a: &Row, b: &Row| {
            a.range.end <= b.range.start
                && text.get(a.range.end..b.range.start).matches('\n').count() == 1
        };
        if !positioned(above)
            || !positioned(below)
            || above.is_data()
            || below.is_data()
            || !next_line(above, row)
            || !next_line(row, below)
        {
            continue;
        }
        let (Some(top), Some(bottom)) = (above.last_cell(), below.last_cell()) else {
            continue;
        };
        let joined = format!(
            "{}{}",
            text.get(top.clone()).trim(),
            text.get(bottom.clone()).trim()
        );
        let is_unit = <Unit as Vocabulary>::ALL
            .iter()
            .any(|u| u.label() == joined && u.label().chars().count() >= 2);
        // Each piece a part of the unit, beside a label that stays.
        if !is_unit || above.labels.len() + usize::from(above.unit.is_some()) < 2 {
            continue;
        }
        rows[d - 1].drop_last_cell();
        rows[d + 1].drop_last_cell();
        rows[d].unit = Some(bottom);
    }
}

/// Joins the label pieces of a row of blank cells, wrapped over lines with no number beside
/// them (`行政事业性收` / `费`): consecutive pieces none of which names a row exactly, whose
/// joined text does (the first piece keeps the others as its wrapped label).
fn join_blank_rows(
    text: &Text,
    rows: &mut [Row],
    used: &mut [bool],
    score: &dyn Fn(&str, f64) -> f64,
    is_piece: &dyn Fn(&Row) -> bool,
) {
    let piece_text = |r: &Row| text.get(r.labels[0].range.clone()).trim().to_owned();
    let mut i = 0;
    while i < rows.len() {
        let free = |k: usize, rows: &[Row]| is_piece(&rows[k]) && !used[k];
        if !free(i, rows) || score(&piece_text(&rows[i]), 0.99) >= 1.0 {
            i += 1;
            continue;
        }
        let mut joined = piece_text(&rows[i]);
        let mut end = None;
        for j in i + 1..rows.len().min(i + MAX_WRAPPED) {
            if !free(j, rows) {
                break;
            }
            let next = piece_text(&rows[j]);
            if fold(&next).ordinal.is_some() || score(&next, 0.99) >= 1.0 {
                break;
            }
            joined.push_str(&next);
            if score(&joined, 0.99) >= 1.0 {
                end = Some(j);
                break;
            }
        }
        let Some(end) = end else {
            i += 1;
            continue;
        };
        let after: Vec<Range<usize>> = (i + 1..=end)
            .map(|k| rows[k].labels[0].range.clone())
            .collect();
        for u in &mut used[i + 1..=end] {
            *u = true;
        }
        rows[i].wrapped = (Vec::new(), after);
        i = end + 1;
    }
}

/// Gives row `d` the label pieces of rows `b` (above it) and `a` (below): wrapped around its own
/// label, or, `under` a merged label that is its last label cell, as its own label after it
/// (the first piece its label cell, the rest wrapped after it).
fn take_pieces(rows: &mut [Row], d: usize, b: &[usize], a: &[usize], under: bool) {
    let piece = |rows: &[Row], k: &usize| rows[*k].labels[0].clone();
    if under {
        let mut pieces: Vec<Piece> = b.iter().chain(a).map(|k| piece(rows, k)).collect();
        let rest = pieces.split_off(pieces.len().min(1));
        rows[d].labels.extend(pieces);
        rows[d].wrapped = (Vec::new(), rest.into_iter().map(|p| p.range).collect());
    } else {
        let before = b.iter().map(|k| piece(rows, k).range).collect();
        let after = a.iter().map(|k| piece(rows, k).range).collect();
        rows[d].wrapped = (before, after);
    }
}

/// Shared state of the table readers: the text, and what they report.
pub(crate) struct Ctx<'t> {
    pub(crate) text: &'t Text,
    /// The figures the report's prose states (`主动公开政府信息425条`).
    pub(crate) stated: &'t NarrativeTable,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Generations the labels printed only by one generation point at, with where.
    pub(crate) format_hints: Vec<(Format, Span)>,
    /// Rows a reader named but could not read: `(table, row key, why)`.
    pub(crate) left_out: Vec<(TableName, String, Code)>,
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

    /// Records that a row was named but not read, with the code of the diagnostic saying why.
    pub(crate) fn leave_out(&mut self, table: TableName, key: &str, code: Code) {
        self.left_out.push((table, key.to_owned(), code));
    }

    /// Reports a row printed twice (the first is kept).
    pub(crate) fn report_duplicate(&mut self, key: &str, at: Range<usize>) {
        let message = format!("row `{key}` appears twice; the first is kept");
        self.report(Code::RowDuplicate, Severity::Warning, message, at);
    }

    /// Records a generation the key signals, when only one generation prints it.
    pub(crate) fn hint(&mut self, generations: ogi_model::template::Generations, at: Range<usize>) {
        if let Some(f @ (Format::V2019 | Format::V2021)) = generations.only() {
            let span = self.span(at);
            self.format_hints.push((f, span));
        }
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
    pub(crate) fn cell_from(&self, start: usize, c: &numeral::CellText<'_>) -> Cell {
        let at = start + c.at.start..start + c.at.end;
        Cell {
            value: c.value,
            span: self.span(at),
            unit: c.unit,
            note: c.note.map(str::to_owned),
        }
    }
}

/// The last characters of the registry's anchor words (all CJK ideographs).
fn anchor_last_chars() -> &'static CharSet {
    static LASTS: LazyLock<CharSet> = LazyLock::new(|| {
        CharSet::new(
            TABLES
                .iter()
                .flat_map(|t| t.anchors)
                .flat_map(|a| a.all)
                .filter_map(|w| w.chars().last()),
        )
    });
    &LASTS
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
        .any(|p| ideographs(text.get(p.range.clone())).any(|c| lasts.contains(c)))
    {
        return None;
    }
    scratch.label.clear();
    row.push_label_text(text, &mut scratch.label);
    fold_into(&scratch.label, &mut scratch.folded);
    announced_table(&scratch.folded.full)
}

/// Whether table `t` is of no generation that the table being read, `current`, is of: a row
/// announcing it inside `current` starts no table.
fn apart(current: Option<TableName>, t: TableName) -> bool {
    let of = |t: TableName| TABLES.iter().find(|s| s.name == t).map(|s| s.generations);
    current
        .and_then(of)
        .zip(of(t))
        .is_some_and(|(a, b)| !a.formats().any(|f| b.contains(f)))
}

/// Reports a table found that gave no cell, where no row of it said why (a warning since the
/// reader's diagnostics began at `before`).
fn report_unread(
    ctx: &mut Ctx<'_>,
    tables: &Tables,
    name: TableName,
    at: Option<Range<usize>>,
    before: usize,
) {
    let read = match name {
        TableName::Proactive => tables.proactive.as_ref().map(ogi_model::Table::len),
        TableName::Requests => tables.requests.as_ref().map(ogi_model::Table::len),
        TableName::ReviewLitigation => tables.review_litigation.as_ref().map(ogi_model::Table::len),
        TableName::Legacy => tables.legacy.as_ref().map(ogi_model::Table::len),
        TableName::Meta | TableName::Narrative => None,
    };
    let explained = ctx.diagnostics[before..]
        .iter()
        .any(|d| d.severity >= Severity::Warning);
    if let (Some(0), Some(at), false) = (read, at, explained) {
        ctx.report(
            Code::TableUnread,
            Severity::Warning,
            format!(
                "table `{}` ({}) was found but no cell of it could be read",
                name.key(),
                name.label()
            ),
            at,
        );
        ctx.leave_out(name, "*", Code::TableUnread);
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
    pub(crate) left_out: Vec<(TableName, String, Code)>,
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
    // The table the last grid ended in, until a section heading.
    let mut goes_on: Option<TableName> = None;
    for (i, block) in blocks.iter().enumerate() {
        if crate::deadline::passed() {
            break;
        }
        let Block::Grid(grid) = block else { continue };
        while let Some(f) = headings.next_if(|f| f.block < i) {
            if f.heading.level == 1 {
                last_level_1 = Some(f);
                goes_on = None;
            }
        }
        let section = last_level_1
            .and_then(|f| f.heading.kind)
            .and_then(|k| k.spec().table);
        let mut current = section;
        for grid_row in &grid.rows {
            let row = Row::new(text, grid_row, grid.evidence, &mut cells);
            if let Some(t) = anchor(text, &row, &mut scratch).filter(|t| !apart(current, *t)) {
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
                // A grid of no section after a grid of the 统计表, with no section heading
                // between, goes on with the 统计表 from a row naming one of its indicators or
                // blocks exactly (`十、政府信息公开会议和培训情况`: where a row of the form broke its
                // columns, the rest of the form is a grid of its own).
                None if goes_on == Some(TableName::Legacy) && legacy::names_a_row(text, &row) => {
                    current = goes_on;
                    if let Some((_, rows)) = pieces
                        .iter_mut()
                        .find(|(name, _)| *name == TableName::Legacy)
                    {
                        rows.push(row);
                    }
                }
                None => unrecognized.push(row),
            }
        }
        goes_on = current;
    }

    let mut ctx = Ctx {
        text,
        stated,
        diagnostics: Vec::new(),
        format_hints: Vec::new(),
        left_out: Vec::new(),
    };
    let mut tables = Tables::default();
    for (name, rows) in pieces {
        let at = rows.first().map(|r| r.range.clone());
        let before = ctx.diagnostics.len();
        match name {
            TableName::Proactive => tables.proactive = Some(proactive::parse(&mut ctx, rows)),
            TableName::Requests => tables.requests = Some(requests::parse(&mut ctx, rows)),
            TableName::ReviewLitigation => {
                tables.review_litigation = Some(review::parse(&mut ctx, &rows));
            }
            TableName::Legacy => tables.legacy = Some(legacy::parse(&mut ctx, rows)),
            TableName::Meta | TableName::Narrative => {}
        }
        report_unread(&mut ctx, &tables, name, at, before);
    }
    if let Some(row) = unrecognized.iter().find(|r| r.has_numbers()) {
        ctx.report(
            Code::TableUnrecognized,
            Severity::Warning,
            "a table with numbers that matches no known table".to_owned(),
            row.range.clone(),
        );
    }
    tables.diagnostics = ctx.diagnostics;
    tables.format_hints = ctx.format_hints;
    tables.left_out = ctx.left_out;
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_glued_to_a_label_is_cut_off() {
        let cell = "行政事业性收费3198.983";
        let at = glued_number(cell).unwrap();
        assert_eq!((&cell[..at], &cell[at..]), ("行政事业性收费", "3198.983"));
        assert_eq!(glued_number("行政处罚7 "), Some("行政处罚".len()));
        // Not a label ending in a number: an ordinal, a number alone, a year, a version.
        assert_eq!(glued_number("1、属于国家秘密"), None);
        assert_eq!(glued_number("12345"), None);
        assert_eq!(glued_number("2022年"), None);
        assert_eq!(glued_number("第二十条第(五)项"), None);
        assert_eq!(glued_number("收费1.2.3"), None);
        assert_eq!(glued_number("收费3."), None);
    }

    #[test]
    fn anchor_words_end_in_ideographs_no_other_character_folds_to() {
        // What the quick test of `anchor` rests on.
        let lasts: Vec<char> = TABLES
            .iter()
            .flat_map(|t| t.anchors)
            .flat_map(|a| a.all)
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

    /// A pdftotext rendering of table 四's header: `结果` / `维持` stack into one cell, the
    /// centred `行政复议` over its columns stays whole, and the cells come left to right.
    #[test]
    fn header_words_stacked_over_lines_are_one_cell() {
        let src = "   行政复议\n 结果  结果  其他\n 维持  纠正  结果  总计";
        let text = Text {
            text: src.to_owned(),
            map: crate::offset::SourceMap::default(),
        };
        // Each line's words with their byte ranges and character columns.
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut start = 0;
        for line in src.split('\n') {
            let mut pieces: Vec<Piece> = Vec::new();
            for (column, (i, c)) in line.char_indices().enumerate() {
                let column = column as u32;
                match pieces.last_mut() {
                    _ if c == ' ' => {}
                    Some(p) if p.range.end == start + i => {
                        p.range.end += c.len_utf8();
                        p.at.end = column + 1;
                    }
                    _ => pieces.push(Piece {
                        range: start + i..start + i + c.len_utf8(),
                        at: column..column + 1,
                    }),
                }
            }
            lines.push(pieces);
            start += line.len() + 1;
        }
        let known = |s: &str| ["行政复议", "结果维持", "结果纠正", "其他结果", "总计"].contains(&s);
        let cells = head_cells(&text, lines.iter().map(Vec::as_slice), Some(&known));
        let names: Vec<String> = cells.iter().map(|c| c.text(&text)).collect();
        assert_eq!(
            names,
            ["结果维持", "行政复议", "结果纠正", "其他结果", "总计"]
        );
        // Cells standing in no positions are every piece, in reading order.
        let flat = head_cells(&text, lines.iter().map(Vec::as_slice), None);
        assert_eq!(flat.len(), 8);
    }
}
