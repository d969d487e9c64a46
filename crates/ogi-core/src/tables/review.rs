//! Table 四, 政府信息公开行政复议、行政诉讼情况: three blocks of five numbers.
//!
//! Labels and identities come from the registry ([`ogi_model::review`]).

use super::assign::{
    Expect, NO_PAGES, Pages, Places, RowRead, agreed_cells, read_row, report_ambiguous,
};
use super::joint::RowCheck;
use super::solve::{Reading, Rules};
use super::{Boundaries, Ctx, HeadCell, Row, head_cells, is_header, name_row};
use crate::label::{LabelTable, Match, fold};
use ogi_model::review::IDENTITIES;
use ogi_model::{Cell, Code, ReviewColumn, ReviewRow, ReviewTable, Severity, TableName};
use std::ops::Range;
use std::sync::LazyLock;

/// Block labels, for reports that print the three blocks as labelled rows.
static BLOCKS: LazyLock<LabelTable<ReviewRow>> = LazyLock::new(|| {
    LabelTable::new(ReviewRow::ALL.iter().flat_map(|r| {
        std::iter::once(r.label())
            .chain(r.spec().aliases.iter().copied())
            .map(move |l| (*r, l))
    }))
});

/// Column labels of a block.
static COLUMNS: LazyLock<LabelTable<ReviewColumn>> = LazyLock::new(|| {
    LabelTable::new(ReviewColumn::ALL.iter().flat_map(|c| {
        std::iter::once(c.label())
            .chain(c.spec().aliases.iter().copied())
            .map(move |l| (*c, l))
    }))
});

/// What a header cell names.
fn exact<K: Copy + PartialEq>(table: &LabelTable<K>, text: &str) -> Option<K> {
    table.exact_key(&fold(text), |_| Some(0.0))
}

/// The middle of a place.
fn centre(at: &Range<u32>) -> u32 {
    u32::midpoint(at.start, at.end)
}

/// Where the 15 cells stand: each column label standing under a block's label is that block's
/// column (the template's two header rows: 行政复议 over five columns, 未经复议直接起诉 and
/// 复议后起诉 over five each); where the blocks' labels stand narrower than their columns (a
/// label centred over them, as pdftotext prints it), fifteen column labels that name the
/// template's columns in its order, left to right.
fn places_of_fifteen(text: &super::Text, header: &[HeadCell]) -> Places {
    let n = ReviewRow::ALL.len() * ReviewColumn::ALL.len();
    let named = |p: &HeadCell| p.text(text);
    let mut columns: Vec<(ReviewColumn, Range<u32>)> = header
        .iter()
        .filter_map(|p| exact(&COLUMNS, &named(p)).map(|c| (c, p.at.clone())))
        .collect();
    columns.sort_by_key(|(_, at)| at.start);
    let in_order = columns.len() == n
        && columns
            .iter()
            .zip(ReviewColumn::ALL.iter().cycle())
            .all(|((c, _), t)| c == t);
    if in_order {
        return Places::from_header(
            n,
            columns.into_iter().enumerate().map(|(i, (_, at))| (i, at)),
        );
    }
    let blocks: Vec<(ReviewRow, Range<u32>)> = header
        .iter()
        .filter_map(|p| exact(&BLOCKS, &named(p)).map(|b| (b, p.at.clone())))
        .collect();
    let mut cells = Vec::new();
    for p in header {
        let Some(c) = exact(&COLUMNS, &named(p)) else {
            continue;
        };
        let x = centre(&p.at);
        let under: Vec<ReviewRow> = blocks
            .iter()
            .filter(|(_, at)| at.start <= x && x < at.end)
            .map(|(b, _)| *b)
            .collect();
        if let [b] = under.as_slice() {
            cells.push((
                *b as usize * ReviewColumn::ALL.len() + c as usize,
                p.at.clone(),
            ));
        }
    }
    Places::from_header(n, cells)
}

/// Where a block's five cells stand, from a header that names each column once.
fn places_of_five(text: &super::Text, header: &[HeadCell]) -> Places {
    let cells: Vec<(usize, Range<u32>)> = header
        .iter()
        .filter_map(|p| exact(&COLUMNS, &p.text(text)).map(|c| (c as usize, p.at.clone())))
        .collect();
    let mut columns: Vec<usize> = cells.iter().map(|(c, _)| *c).collect();
    columns.sort_unstable();
    columns.dedup();
    if columns.len() == cells.len() {
        Places::from_header(ReviewColumn::ALL.len(), cells)
    } else {
        Places::unknown(ReviewColumn::ALL.len())
    }
}

/// Whether a row holds the table's values: numbers, or cells under no label or a block's label
/// (a table printed blank).
fn is_data(text: &super::Text, row: &Row) -> bool {
    // Where cells follow one another, the header's labels stand before the values.
    let glued = row.evidence.boundaries == crate::layout::Boundaries::Sequence;
    row.is_data()
        || (!row.values.is_empty()
            && (glued || !is_header(text, &COLUMNS, row))
            && (glued
                || row.labels.is_empty()
                || name_row(text, &BLOCKS, row, &|_| Some(0.0))
                    .is_some_and(|n| matches!(n.matched, Match::Exact(_)))))
}

/// The identities of each block of five, held in every block.
static CHECK: LazyLock<RowCheck> =
    LazyLock::new(|| RowCheck::new(IDENTITIES, ReviewColumn::ALL, &|_| false));

/// The rules of `blocks` blocks of five read as one row: table 四's identity in each block of
/// five (总计 is the sum of the four results), each block's identities assessable once its
/// cells are read.
fn block_rules(blocks: usize) -> Rules<'static> {
    super::solve::Rules::of_row(&CHECK).repeated(blocks)
}

/// Reads table 四 from its rows.
///
/// The template prints it as header rows and one row of 15 numbers, review first, then
/// litigation without and after review, each `结果维持 结果纠正 其他结果 尚未审结 总计`
/// (seed 002: `0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0`). Some reports print
/// the blocks as three labelled rows of five, or spread the 15 numbers over several lines.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: &[Row]) -> ReviewTable {
    let text = ctx.text;
    let mut table = ReviewTable::new();
    let data: Vec<&Row> = rows.iter().filter(|r| is_data(text, r)).collect();
    let Some(first) = data.first() else {
        blank_row(ctx, &mut table, rows);
        return table;
    };
    // The header's cells: the rows before the first row of numbers, and labels glued before it.
    let at_first = rows.iter().position(|r| is_data(text, r)).unwrap_or(0);
    let positioned = rows[..=at_first]
        .iter()
        .all(|r| r.evidence.boundaries == Boundaries::Positioned);
    let known = |s: &str| exact(&COLUMNS, s).is_some() || exact(&BLOCKS, s).is_some();
    let header = head_cells(
        text,
        rows[..at_first]
            .iter()
            .map(|r| r.labels.as_slice())
            .chain([first.labels.as_slice()]),
        positioned.then_some(&known),
    );
    // Three labelled rows of five.
    let labelled: Vec<(ReviewRow, &Row)> = data
        .iter()
        .filter_map(|r| {
            let named = name_row(text, &BLOCKS, r, &|_| Some(0.0))?;
            match named.matched {
                Match::Exact(b) if r.values.len() <= ReviewColumn::ALL.len() => Some((b, *r)),
                _ => None,
            }
        })
        .collect();
    if !labelled.is_empty() {
        let places = places_of_five(text, &header);
        let rules = block_rules(1);
        // A page laid out anew moves as one: its moves, from all its rows.
        let pages = Pages::survey(text, labelled.iter().map(|(_, r)| (*r, &places, &rules)));
        for (block, row) in labelled {
            if table.row(&block).next().is_some() {
                ctx.report_duplicate(block.key(), row.range.clone());
                continue;
            }
            let expect = Expect {
                table: TableName::ReviewLitigation,
                key: block.key(),
                n: ReviewColumn::ALL.len(),
                blocks: ReviewColumn::ALL.len(),
                places: &places,
                rules: &rules,
                pages: &pages,
            };
            match read_row(ctx, row, &expect) {
                RowRead::Cells(cells) => fill(&mut table, &[block], cells),
                RowRead::Alternatives(alternatives) => {
                    read_alternatives(ctx, &mut table, &[block], (row, &expect), &alternatives);
                }
                RowRead::Failed => {}
            }
        }
        return table;
    }
    // One row of 15, or the 15 spread over several lines: the values in order.
    let mut row = (*first).clone();
    row.values = data.iter().flat_map(|r| r.values.iter().cloned()).collect();
    row.range = first.range.start..data.last().map_or(first.range.end, |r| r.range.end);
    let n = ReviewRow::ALL.len() * ReviewColumn::ALL.len();
    let places = if data.len() == 1 {
        places_of_fifteen(text, &header)
    } else {
        Places::unknown(n)
    };
    let rules = block_rules(ReviewRow::ALL.len());
    let expect = Expect {
        table: TableName::ReviewLitigation,
        key: "review_litigation",
        n,
        // Each block of five holds its own identity.
        blocks: ReviewColumn::ALL.len(),
        places: &places,
        rules: &rules,
        pages: &NO_PAGES,
    };
    match read_row(ctx, &row, &expect) {
        RowRead::Cells(cells) => fill(&mut table, ReviewRow::ALL, cells),
        RowRead::Alternatives(alternatives) => {
            read_alternatives(
                ctx,
                &mut table,
                ReviewRow::ALL,
                (&row, &expect),
                &alternatives,
            );
        }
        RowRead::Failed => {}
    }
    table
}

/// A header standing by position with no row of numbers under it, before the next section:
/// where cells stand by position a gap is a blank, so its fifteen cells are blank — when the
/// header names all fifteen columns.
fn blank_row(ctx: &mut Ctx<'_>, table: &mut ReviewTable, rows: &[Row]) {
    let text = ctx.text;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    if !rows
        .iter()
        .all(|r| r.evidence.boundaries == Boundaries::Positioned && r.values.is_empty())
    {
        return;
    }
    let known = |s: &str| exact(&COLUMNS, s).is_some() || exact(&BLOCKS, s).is_some();
    let header = head_cells(text, rows.iter().map(|r| r.labels.as_slice()), Some(&known));
    let n = ReviewRow::ALL.len() * ReviewColumn::ALL.len();
    if !places_of_fifteen(text, &header).complete() {
        return;
    }
    ctx.report(
        Code::CellInferred,
        Severity::Info,
        format!("table 四: its header stands over no number; its {n} cells are read as blank"),
        first.range.start..last.range.end,
    );
    let at = last.range.end;
    fill(
        table,
        ReviewRow::ALL,
        (0..n).map(|_| Cell::blank(ctx.span(at..at))).collect(),
    );
}

/// A row that reads several ways: on a page adrift, the cells every move of the page reads
/// alike are stored under `blocks` (the others left out, reported); else it is left out,
/// reported.
fn read_alternatives(
    ctx: &mut Ctx<'_>,
    table: &mut ReviewTable,
    blocks: &[ReviewRow],
    (row, expect): (&Row, &Expect<'_>),
    alternatives: &[Reading],
) {
    if !alternatives.iter().any(|a| a.page.is_some()) {
        report_ambiguous(ctx, row, expect, Some(alternatives.len()));
        return;
    }
    let cells = agreed_cells(ctx, row, expect, alternatives);
    let keys = blocks
        .iter()
        .flat_map(|r| ReviewColumn::ALL.iter().map(move |c| (*r, *c)));
    for ((block, col), cell) in keys.zip(cells) {
        if let Some(cell) = cell {
            table.insert(block, col, cell);
        }
    }
}

/// Stores `cells` (5 per block) under the blocks `blocks`.
fn fill(table: &mut ReviewTable, blocks: &[ReviewRow], cells: Vec<Cell>) {
    let keys = blocks
        .iter()
        .flat_map(|r| ReviewColumn::ALL.iter().map(move |c| (*r, *c)));
    for ((row, col), cell) in keys.zip(cells) {
        table.insert(row, col, cell);
    }
}
