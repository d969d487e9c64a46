//! Table 二, 主动公开政府信息情况: blocks of rows under 第二十条 headers.

use super::{Ctx, Row};
use crate::label::{LabelTable, Match, fold};
use ogi_model::{Code, Format, ProactiveColumn, ProactiveRow, ProactiveTable, Severity};
use std::sync::LazyLock;

/// Row labels beyond the template's: the 2021 wording of 规范性文件.
const ROW_VARIANTS: &[(ProactiveRow, &str)] = &[
    (ProactiveRow::NormativeDocs, "行政规范性文件"),
    (ProactiveRow::Procurement, "集中采购"),
];

static ROWS: LazyLock<LabelTable<ProactiveRow>> = LazyLock::new(|| {
    let template = ProactiveRow::ALL.iter().map(|r| (*r, r.label()));
    LabelTable::new(template.chain(ROW_VARIANTS.iter().copied()))
});

/// Column labels beyond the template's, as the blocks of both formats print them.
const COLUMN_VARIANTS: &[(ProactiveColumn, &str)] = &[
    (ProactiveColumn::Decisions, "本年处理决定数量"),
    (ProactiveColumn::Amount, "本年收费金额"),
    (ProactiveColumn::Amount, "本年收费金额(单位:万元)"),
    (ProactiveColumn::Amount, "采购总金额"),
    (ProactiveColumn::Amount, "采购金额"),
    (ProactiveColumn::Change, "本年增减"),
    (ProactiveColumn::Change, "增/减"),
];

static COLUMNS: LazyLock<LabelTable<ProactiveColumn>> = LazyLock::new(|| {
    let template = ProactiveColumn::ALL.iter().map(|c| (*c, c.label()));
    LabelTable::new(template.chain(COLUMN_VARIANTS.iter().copied()))
});

/// The format a column belongs to.
fn column_format(col: ProactiveColumn) -> Option<Format> {
    use ProactiveColumn as C;
    match col {
        C::Issued | C::Repealed | C::InForce => Some(Format::V2021),
        C::NewMade | C::NewPublished | C::TotalPublished | C::PriorItems | C::Change | C::Items => {
            Some(Format::V2019)
        }
        C::Decisions | C::Amount => None,
    }
}

/// The columns a header row names (`信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量`),
/// or `None` if the row is not a header or one of its column labels is unknown.
fn header(ctx: &mut Ctx<'_>, row: &Row) -> Option<Vec<ProactiveColumn>> {
    let text = ctx.text;
    let first = fold(text.get(row.labels.first()?.clone())).core;
    if !first.contains("信息内容") {
        return None;
    }
    let mut cols = Vec::new();
    for range in &row.labels[1..] {
        match COLUMNS.best(&fold(text.get(range.clone())), |_| Some(0.0)) {
            Match::Exact(c) | Match::Loose(c, _) => {
                if let Some(f) = column_format(c) {
                    ctx.format_hints.push((f, ctx.span(range.clone())));
                }
                cols.push(c);
            }
            Match::Ambiguous(..) | Match::None => {
                ctx.report(
                    Code::HeaderUnrecognized,
                    Severity::Warning,
                    format!(
                        "column `{}` of table 二 is not known",
                        text.get(range.clone())
                    ),
                    range.clone(),
                );
                return Some(Vec::new());
            }
        }
    }
    Some(cols)
}

/// Reads table 二 from its rows.
///
/// `block = "第二十条第(" n ")项" header row+`, `header = "信息内容" column+`,
/// `row = label cell+`; e.g. from seed 002: `信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |`
/// then `行政许可 | 0 | 0 | 0 |`. A row is read under the columns of the header above it; with
/// no usable header, under the columns its format's template prints for it.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: &[Row]) -> ProactiveTable {
    let text = ctx.text;
    let mut table = ProactiveTable::new();
    let mut cols: Vec<ProactiveColumn> = Vec::new();
    for row in rows {
        if let Some(h) = header(ctx, row) {
            cols = h;
            continue;
        }
        if row.values.is_empty() {
            continue;
        }
        let Some(label) = row.label(text) else {
            continue;
        };
        let key = match ROWS.best(&fold(label), |_| Some(0.0)) {
            Match::Exact(k) => k,
            Match::Loose(k, score) => {
                ctx.report(
                    Code::RowLoose,
                    Severity::Info,
                    format!(
                        "row label `{label}` read as `{}` (similarity {score:.2})",
                        k.key()
                    ),
                    row.labels[row.labels.len() - 1].clone(),
                );
                k
            }
            Match::Ambiguous(..) | Match::None => {
                if row.has_numbers(text) {
                    ctx.report(
                        Code::RowUnmatched,
                        Severity::Warning,
                        format!("row label `{label}` is not a row of table 二"),
                        row.range.clone(),
                    );
                }
                continue;
            }
        };
        let mut values = row.values.clone();
        while values.len() > 1
            && values.len() > cols.len()
            && values.last().is_some_and(std::ops::Range::is_empty)
        {
            values.pop();
        }
        let columns: Vec<ProactiveColumn> = if cols.len() == values.len() {
            cols.clone()
        } else {
            // No header fits: the template columns of the format the table's labels point at.
            let hinted = ctx.format_hints.last().map(|(f, _)| *f);
            let candidates = match hinted {
                Some(f) => vec![f],
                None => vec![Format::V2021, Format::V2019],
            };
            let fits = candidates
                .iter()
                .map(|f| key.template_columns(*f))
                .find(|c| c.len() == values.len());
            let Some(c) = fits else {
                ctx.report(
                    Code::RowCellCount,
                    Severity::Warning,
                    format!(
                        "row `{}` of table 二 has {} cells and no header that fits; its cells are left out",
                        key.key(),
                        values.len()
                    ),
                    row.range.clone(),
                );
                continue;
            };
            c.to_vec()
        };
        if table.row(&key).next().is_some() {
            ctx.report_duplicate(key.key(), row.range.clone());
            continue;
        }
        let Some(cells) = ctx.cells(&values) else {
            continue;
        };
        for (col, cell) in columns.into_iter().zip(cells) {
            table.insert(key, col, cell);
        }
    }
    table
}
