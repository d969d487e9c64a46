//! Table 四, 政府信息公开行政复议、行政诉讼情况: three blocks of five numbers.

use super::split::total_is_sum;
use super::{Ctx, Row, row_cells};
use crate::label::{LabelTable, fold};
use crate::layout::Layout;
use ogi_model::{Code, Decimal, ReviewColumn, ReviewRow, ReviewTable, Severity};
use std::ops::Range;
use std::sync::LazyLock;

/// Block labels, for reports that print the three blocks as labelled rows.
static ROWS: LazyLock<LabelTable<ReviewRow>> = LazyLock::new(|| {
    LabelTable::new([
        (ReviewRow::Review, "行政复议"),
        (ReviewRow::LitigationDirect, "未经复议直接起诉"),
        (ReviewRow::LitigationAfterReview, "复议后起诉"),
    ])
});

/// Reads table 四 from its rows.
///
/// The template prints it as header rows and one row of 15 numbers, review first, then
/// litigation without and after review, each `结果维持 结果纠正 其他结果 尚未审结 总计`
/// (seed 002: `0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0`). Some reports print
/// the blocks as three labelled rows of five, or spread the 15 numbers over several lines.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: &[Row]) -> ReviewTable {
    let text = ctx.text;
    let mut table = ReviewTable::new();
    let data: Vec<&Row> = rows.iter().filter(|r| r.has_numbers(text)).collect();

    // A crawler's digits: split into 15 so that each block's total is the sum of its parts.
    if data.iter().any(|r| r.layout == Layout::Stream) {
        let runs: Vec<Range<usize>> = data.iter().flat_map(|r| r.values.iter().cloned()).collect();
        let row = Row {
            values: runs,
            ..data[0].clone()
        };
        if let Some(cells) = row_cells(ctx, &row, "review_litigation", 15, &blocks_add_up) {
            let keys = ReviewRow::flattened_order();
            for ((r, c), cell) in keys.zip(cells) {
                table.insert(r, c, cell);
            }
        }
        return table;
    }
    // One line of 15.
    if let Some(row) = data.iter().find(|r| r.values.len() == 15) {
        fill(ctx, &mut table, ReviewRow::ALL, &row.values);
        return table;
    }
    // Three labelled rows of five.
    let labelled: Vec<(ReviewRow, &Row)> = data
        .iter()
        .filter(|r| r.values.len() == 5)
        .filter_map(|r| {
            let label = r.label(text)?;
            ROWS.best(&fold(&label), |_| Some(0.0))
                .key()
                .map(|k| (k, *r))
        })
        .collect();
    if !labelled.is_empty() {
        for (key, row) in labelled {
            if table.row(&key).next().is_none() {
                fill(ctx, &mut table, &[key], &row.values);
            }
        }
        return table;
    }
    // The 15 numbers spread over unlabelled lines.
    let spread: Vec<Range<usize>> = data
        .iter()
        .filter(|r| r.labels.is_empty())
        .flat_map(|r| r.values.iter().cloned())
        .collect();
    if spread.len() == 15 {
        fill(ctx, &mut table, ReviewRow::ALL, &spread);
        return table;
    }
    if let Some(first) = data.first() {
        let n: usize = data.iter().map(|r| r.values.len()).sum();
        ctx.report(
            Code::RowCellCount,
            Severity::Warning,
            format!("table 四 has {n} numbers where 15 are expected; its cells are left out"),
            first.range.clone(),
        );
    }
    table
}

/// Table 四's identity: in each block of five, 总计 is the sum of the four results.
fn blocks_add_up(values: &[Decimal]) -> bool {
    values.len() == 15 && values.chunks(5).all(total_is_sum)
}

/// Stores `values` (5 per block) under the blocks `blocks`.
fn fill(ctx: &mut Ctx<'_>, table: &mut ReviewTable, blocks: &[ReviewRow], values: &[Range<usize>]) {
    let Some(cells) = ctx.cells(values) else {
        return;
    };
    let keys = blocks
        .iter()
        .flat_map(|r| ReviewColumn::ALL.iter().map(move |c| (*r, *c)));
    for ((row, col), cell) in keys.zip(cells) {
        table.insert(row, col, cell);
    }
}
