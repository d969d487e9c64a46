//! The pre-2019 统计表: `统计指标 | 单位 | 统计数`, one indicator per row.

use super::{Ctx, Row};
use crate::label::{LabelTable, Match, OrdinalStyle, fold, ordinal};
use crate::layout::{CellShape, shape};
use ogi_model::{Code, LegacyKey, LegacyRow, LegacyTable, Severity, ValueColumn};
use std::sync::LazyLock;

/// Indicator labels beyond the national form's: local forms and older wordings.
const ROW_VARIANTS: &[(LegacyRow, &str)] = &[
    (LegacyRow::ProactiveTotal, "主动公开信息数"),
    (LegacyRow::ProactiveTotal, "主动公开政府信息数"),
    (LegacyRow::RequestsReceived, "申请总数"),
    (LegacyRow::RequestsReceived, "收到申请总数"),
    (LegacyRow::RequestsOnline, "网上申请数"),
    (LegacyRow::RequestsOnline, "互联网申请数"),
    (LegacyRow::RequestsOtherChannel, "其他形式申请数"),
    (LegacyRow::RequestsOtherChannel, "其他形式"),
    (LegacyRow::RepliesTotal, "对申请的答复总数"),
    (LegacyRow::Denied, "不同意公开数"),
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

/// Which value cell holds the year's figure: forms with 本年度 | 历年累计 print two.
fn value_index(ctx: &Ctx<'_>, header: &[&Row], values: usize) -> usize {
    if values < 2 {
        return 0;
    }
    for row in header {
        let labels: Vec<String> = row
            .labels
            .iter()
            .map(|r| fold(ctx.text.get(r.clone())).core)
            .collect();
        if let Some(i) = labels.iter().position(|l| l.contains("累计")) {
            // The year's column is the other value column; it comes first unless 累计 does.
            let values_start = labels.len().saturating_sub(values);
            return usize::from(i <= values_start);
        }
    }
    0
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
    let mut table = LegacyTable::new();
    // (level, indicator) of the rows above, outermost first.
    let mut stack: Vec<(u8, Option<LegacyRow>)> = Vec::new();
    let first_data = rows
        .iter()
        .position(|r| r.has_numbers(text) || r.unit.is_some());
    let header: Vec<&Row> = rows[..first_data.unwrap_or(0)].iter().collect();

    for row in rows {
        let Some(label) = row.label(text) else {
            continue;
        };
        let level = ordinal(label.trim_start()).map_or(5, |(_, o)| o.style.level());
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent = stack.iter().rev().find_map(|(_, k)| *k);
        let folded = fold(label);
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
                    row.labels[row.labels.len() - 1].clone(),
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
        let Some(value) = values.get(value_index(ctx, &header, values.len())).cloned() else {
            continue;
        };
        let blank = text.get(value.clone()).trim().is_empty();
        if key.is_none() && (is_block_heading || (blank && row.unit.is_none())) {
            continue;
        }
        let Some(cell) = ctx.cell(value) else {
            continue;
        };
        let row_key = if let Some(k) = key {
            LegacyKey::Known(k)
        } else {
            let bare = ordinal(label.trim_start()).map_or(label, |(rest, _)| rest);
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
