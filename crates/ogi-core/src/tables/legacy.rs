//! The pre-2019 统计表: `统计指标 | 单位 | 统计数`, one indicator per row.

use super::{Ctx, Row, fold_row, join_wrapped, row_cells};
use crate::label::{LabelTable, Match, OrdinalStyle, fold, ordinal};
use crate::layout::Layout;
use crate::layout::{CellShape, shape};
use ogi_model::{Code, Decimal, LegacyKey, LegacyRow, LegacyTable, Severity, ValueColumn};
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
        let cell = if row.layout == Layout::Stream {
            // 历年累计 includes the year.
            let accept = |v: &[Decimal]| {
                !v.iter().any(|x| x.is_negative()) && (columns < 2 || v[year_at] <= v[1 - year_at])
            };
            let trimmed = Row {
                values,
                ..row.clone()
            };
            row_cells(ctx, &trimmed, &name, columns, &accept)
                .map(|mut cells| cells.swap_remove(year_at))
        } else {
            let index = if values.len() >= columns { year_at } else { 0 };
            values.get(index).cloned().and_then(|v| ctx.cell(v))
        };
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
    table
}
