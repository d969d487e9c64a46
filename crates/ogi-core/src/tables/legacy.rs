//! The pre-2019 统计表: `统计指标 | 单位 | 统计数`, one indicator per row.

use super::joint::{self, Lookup};
use super::{
    Ctx, Row, RowRead, Unsettled, alternative_values, fold_row, join_wrapped, read_row, row_digits,
};
use crate::label::{LabelTable, Match, OrdinalStyle, fold, ordinal};
use crate::layout::Layout;
use crate::layout::{CellShape, shape};
use ogi_model::{Cell, Code, Decimal, LegacyKey, LegacyRow, LegacyTable, Severity, ValueColumn};
use std::ops::Range;
use std::sync::LazyLock;

/// Indicator labels beyond the national form's: local forms and older wordings.
const ROW_VARIANTS: &[(LegacyRow, &str)] = &[
    (LegacyRow::ProactiveTotal, "主动公开信息数"),
    (LegacyRow::ProactiveTotal, "主动公开政府信息数"),
    (LegacyRow::RequestsReceived, "申请总数"),
    (LegacyRow::RequestsReceived, "受理依申请公开信息总数"),
    (LegacyRow::RequestsReceived, "收到申请总数"),
    (LegacyRow::RequestsOnline, "网上申请数"),
    (LegacyRow::RequestsOnline, "互联网申请数"),
    (LegacyRow::RequestsOtherChannel, "其他形式申请数"),
    (LegacyRow::RequestsOtherChannel, "其他形式"),
    (LegacyRow::RepliesTotal, "对申请的答复总数"),
    (LegacyRow::Denied, "不同意公开数"),
    (LegacyRow::Denied, "否决公开答复数"),
    (LegacyRow::Denied, "否决公开答复总数"),
    (LegacyRow::RepliesTotal, "对申请的答复数"),
    (LegacyRow::ViaWebsite, "网站公开"),
    (LegacyRow::ViaGazette, "政府公报公开"),
    (LegacyRow::Denied, "不予公开答复数"),
    (LegacyRow::ReviewsTotal, "行政复议数"),
    (LegacyRow::LawsuitsTotal, "行政诉讼数"),
    (LegacyRow::ComplaintsTotal, "举报投诉数量"),
    (LegacyRow::FeesCollected, "依申请公开信息收取的费用"),
    (LegacyRow::FeesCollected, "收取费用"),
    (LegacyRow::StaffFullTime, "专职人员数"),
    (LegacyRow::StaffPartTime, "兼职人员数"),
];

static ROWS: LazyLock<LabelTable<LegacyRow>> = LazyLock::new(|| {
    let template = LegacyRow::ALL.iter().map(|r| (*r, r.label()));
    LabelTable::new(template.chain(ROW_VARIANTS.iter().copied()))
});

/// Headings of the form's blocks: rows that group indicators and hold no value of their own.
const BLOCK_HEADINGS: &[&str] = &[
    "主动公开情况",
    "通过不同渠道和方式公开政府信息的情况",
    "回应解读情况",
    "通过不同渠道和方式回应解读的情况",
    "依申请公开情况",
    "机构建设和保障经费情况",
    "政府信息公开会议和培训情况",
    "统计指标",
];

/// Where the year's figure stands among a row's value cells, in forms that print two
/// (`本年度 | 历年累计`, Fujian's short form): `(index, columns)`; `(0, 1)` for one.
fn year_column(ctx: &Ctx<'_>, rows: &[Row]) -> (usize, usize) {
    // The header is a row of its own, or (in a crawler's stream) glued to the first label.
    for row in rows.iter().take(3) {
        let words = fold(&row.label_text(ctx.text)).full;
        if let Some(cum) = words.find("累计") {
            let year_first = ["本年", "年度", "本期"]
                .iter()
                .any(|w| words[..cum].contains(w));
            return (usize::from(!year_first), 2);
        }
    }
    (0, 1)
}
/// Reads the 统计表 from its rows.
///
/// `row = ordinal? label unit? value`, e.g. from seed 004 (one cell per line, regrouped):
/// `(一)主动公开政府信息数 | 条 | 340`. Labels that recur under several parents
/// (（一）维持具体行政行为数 under 四、行政复议数量 and 六、被举报投诉数量) are told apart by
/// the indicator above them with a lower ordinal level. Indicators the vocabulary lacks are
/// kept as `unlisted:` rows.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: &[Row]) -> LegacyTable {
    let text = ctx.text;
    let rows = join_wrapped(text, rows.to_vec(), &|s| ROWS.score(s));
    let mut table = LegacyTable::new();
    // (level, indicator) of the rows above, outermost first.
    let mut stack: Vec<(u8, Option<LegacyRow>)> = Vec::new();
    let (year_at, columns) = year_column(ctx, &rows);
    // A stream's rows read whole (every column), and rows whose digits split several ways.
    let mut all_columns: Vec<(LegacyRow, Vec<Decimal>)> = Vec::new();
    let mut unsettled: Unsettled<LegacyRow> = Vec::new();

    for row in &rows {
        let Some(label) = row.label(text) else {
            continue;
        };
        let level = ordinal(label.trim_start()).map_or(5, |(_, o)| o.style.level());
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent = stack.iter().rev().find_map(|(_, k)| *k);
        let folded = fold_row(&ROWS, &label, row.layout);
        let is_block_heading = BLOCK_HEADINGS.iter().any(|h| folded.core == *h);
        let m = ROWS.best(&folded, |k| {
            Some(match (k.parent(), parent) {
                (Some(p), Some(q)) if p == q => 0.08,
                (Some(_), Some(_)) => -0.08,
                _ => 0.0,
            })
        });
        let key = match m {
            Match::Exact(k) => Some(k),
            Match::Loose(k, score) => {
                ctx.report(
                    Code::RowLoose,
                    Severity::Info,
                    format!(
                        "indicator `{label}` read as `{}` (similarity {score:.2})",
                        k.key()
                    ),
                    row.label_range(),
                );
                Some(k)
            }
            Match::Ambiguous(a, b) => {
                ctx.report(
                    Code::RowAmbiguous,
                    Severity::Warning,
                    format!(
                        "indicator `{label}` matches both `{}` and `{}`",
                        a.key(),
                        b.key()
                    ),
                    row.range.clone(),
                );
                None
            }
            Match::None => None,
        };
        stack.push((level, key));

        // The value: the cell after the unit, or the year's column of several.
        let mut values: Vec<_> = row.values.clone();
        if row.unit.is_none() && values.len() >= 2 {
            // A dash in the unit column marks a block heading (`一、主动公开情况 | ------- | |`).
            let first = text.get(values[0].clone());
            if shape(first) == CellShape::Value && first.chars().all(|c| c == '-' || c == '—') {
                values.remove(0);
            }
        }
        if values.is_empty() {
            continue;
        }
        let blank = values.iter().all(|v| text.get(v.clone()).trim().is_empty());
        if key.is_none() && (is_block_heading || (blank && row.unit.is_none())) {
            continue;
        }
        let name = key.map_or_else(|| label.clone(), |k| k.key().to_owned());
        let form = Form { year_at, columns };
        let cell = read_value(
            ctx,
            row,
            values,
            key,
            &name,
            form,
            &mut all_columns,
            &mut unsettled,
        );
        let Some(cell) = cell else { continue };
        let row_key = if let Some(k) = key {
            LegacyKey::Known(k)
        } else {
            let bare = ordinal(label.trim_start()).map_or(label.as_str(), |(rest, _)| rest);
            let name: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
            if name.is_empty() || level == OrdinalStyle::Among.level() && name == "其中" {
                continue;
            }
            LegacyKey::Unlisted(name)
        };
        if table.contains(&row_key, &ValueColumn::Value) {
            ctx.report_duplicate(&row_key.key(), row.range.clone());
            continue;
        }
        table.insert(row_key, ValueColumn::Value, cell);
    }
    settle(ctx, &mut table, &all_columns, unsettled, year_at, columns);
    table
}

/// Where the year's figure stands among the value cells, and how many there are.
#[derive(Clone, Copy)]
struct Form {
    year_at: usize,
    columns: usize,
}

/// The year's value of a row: the cell in the year's column, or from a stream's digits split
/// into the form's columns (a split that needs the form's totals waits in `unsettled`).
#[allow(clippy::too_many_arguments)]
fn read_value(
    ctx: &mut Ctx<'_>,
    row: &Row,
    values: Vec<Range<usize>>,
    key: Option<LegacyRow>,
    name: &str,
    form: Form,
    all_columns: &mut Vec<(LegacyRow, Vec<Decimal>)>,
    unsettled: &mut Unsettled<LegacyRow>,
) -> Option<Cell> {
    let Form { year_at, columns } = form;
    if row.layout != Layout::Stream {
        let index = if values.len() >= columns { year_at } else { 0 };
        return values.get(index).cloned().and_then(|v| ctx.cell(v));
    }
    // 历年累计 includes the year.
    let accept = |v: &[Decimal]| {
        !v.iter().any(|x| x.is_negative()) && (columns < 2 || v[year_at] <= v[1 - year_at])
    };
    let trimmed = Row {
        values,
        ..row.clone()
    };
    match read_row(ctx, &trimmed, name, columns, &accept) {
        RowRead::Cells(mut cells) => {
            if let Some(k) = key {
                all_columns.push((k, cells.iter().filter_map(Cell::decimal).collect()));
            }
            Some(cells.swap_remove(year_at))
        }
        RowRead::Alternatives(alternatives) => {
            match key {
                Some(k) => unsettled.push((k, trimmed, alternatives)),
                None => ctx.report_ambiguous(name, &trimmed, columns, Some(alternatives.len())),
            }
            None
        }
        RowRead::Failed => None,
    }
}

/// Totals whose parts are all printed beneath them: the form's identities.
const TOTALS: &[LegacyRow] = &[
    LegacyRow::RequestsReceived,
    LegacyRow::RequestsCompleted,
    LegacyRow::RepliesTotal,
    LegacyRow::Denied,
    LegacyRow::ReviewsTotal,
    LegacyRow::LawsuitsTotal,
    LegacyRow::ComplaintsTotal,
    LegacyRow::ArchivedTotal,
    LegacyRow::StaffTotal,
];

/// Settles rows whose digits split several ways by the identities of the form (each total
/// is the sum of its printed parts, in every column), or reports them.
fn settle(
    ctx: &mut Ctx<'_>,
    table: &mut LegacyTable,
    all_columns: &[(LegacyRow, Vec<Decimal>)],
    unsettled: Unsettled<LegacyRow>,
    year_at: usize,
    columns: usize,
) {
    if unsettled.is_empty() {
        return;
    }
    let values: Vec<Vec<Vec<Decimal>>> = unsettled
        .iter()
        .map(|(_, _, alts)| alternative_values(ctx.text, alts))
        .collect();
    let present: Vec<LegacyRow> = all_columns
        .iter()
        .map(|(r, _)| *r)
        .chain(unsettled.iter().map(|(r, _, _)| *r))
        .collect();
    // Rows settled so far, with all their columns.
    let mut settled: Vec<(LegacyRow, Vec<Decimal>)> = all_columns.to_vec();
    let mut chosen: Vec<Option<usize>> = vec![None; unsettled.len()];
    // Each total with its parts is one identity; settle its rows together, group by group.
    for total in TOTALS {
        let members: Vec<LegacyRow> = present
            .iter()
            .copied()
            .filter(|r| r == total || r.parent() == Some(*total))
            .collect();
        let pending: Vec<(LegacyRow, Vec<Vec<Decimal>>)> = unsettled
            .iter()
            .enumerate()
            .filter(|(i, (r, _, _))| chosen[*i].is_none() && members.contains(r))
            .map(|(i, (r, _, _))| (*r, values[i].clone()))
            .collect();
        if pending.is_empty() || members.len() < 2 {
            continue;
        }
        let fixed = |row: LegacyRow, c: usize| {
            settled
                .iter()
                .find(|(r, _)| *r == row)
                .and_then(|(_, v)| v.get(c).copied())
                .or_else(|| {
                    (c == year_at)
                        .then(|| {
                            table
                                .get(&LegacyKey::Known(row), &ValueColumn::Value)
                                .and_then(Cell::decimal)
                        })
                        .flatten()
                })
        };
        let parts: Vec<LegacyRow> = members.iter().copied().filter(|r| r != total).collect();
        let holds = |v: Lookup<'_, LegacyRow>| {
            (0..columns).all(|c| {
                let values: Vec<_> = parts.iter().map(|p| v(*p, c)).collect();
                joint::sums_to(v(*total, c), &values) != Some(false)
            })
        };
        if let Some(choice) = joint::resolve(&pending, &fixed, &holds) {
            for ((row, alts), pick) in pending.iter().zip(choice) {
                if let Some(i) = unsettled.iter().position(|(r, _, _)| r == row) {
                    chosen[i] = Some(pick);
                    settled.push((*row, alts[pick].clone()));
                }
            }
        }
    }
    for (i, (key, row, alternatives)) in unsettled.into_iter().enumerate() {
        let range = chosen[i]
            .and_then(|c| alternatives.get(c))
            .and_then(|r| r.get(year_at).cloned());
        match range.and_then(|range| ctx.cell(range)) {
            Some(cell) => {
                ctx.report(
                    Code::CellSplitSettled,
                    Severity::Info,
                    format!(
                        "indicator `{}`: the only split of `{}` that keeps the form's totals",
                        key.key(),
                        row_digits(ctx.text, &row.values)
                    ),
                    row.range.clone(),
                );
                table.insert(LegacyKey::Known(key), ValueColumn::Value, cell);
            }
            None => ctx.report_ambiguous(key.key(), &row, columns, Some(alternatives.len())),
        }
    }
}
