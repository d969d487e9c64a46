//! Table 二, 主动公开政府信息情况: blocks of rows under 第二十条 headers.

use super::{Ctx, Row, fold_row, join_wrapped, row_cells};
use crate::label::{LabelTable, Match, fold};
use crate::layout::Layout;
use crate::text::contains;
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
    // A crawler glues the header to the first row's label; a row with numbers is no header.
    if !row.values.is_empty() && row.has_numbers(text) {
        return None;
    }
    let first = fold(text.get(row.labels.first()?.clone())).core;
    if !contains(&first, "信息内容") {
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

/// The columns of the row `key` of a format, when `n` cells are printed.
fn template_fit(
    key: ProactiveRow,
    hinted: Option<Format>,
    n: usize,
) -> Option<Vec<ProactiveColumn>> {
    let formats = match hinted {
        Some(f) => vec![f],
        None => vec![Format::V2021, Format::V2019],
    };
    formats
        .iter()
        .map(|f| key.template_columns(*f))
        .find(|c| c.len() == n)
        .map(<[_]>::to_vec)
}

/// The format the labels of a stream name (their header text is glued into the row labels).
fn stream_format(text: &str) -> Option<Format> {
    let folded = fold(text).full;
    if [
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
    ]
    .iter()
    .any(|w| contains(&folded, w))
    {
        Some(Format::V2021)
    } else if [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
    ]
    .iter()
    .any(|w| contains(&folded, w))
    {
        Some(Format::V2019)
    } else {
        None
    }
}

/// Reads table 二 from its rows.
///
/// `block = "第二十条第(" n ")项" header row+`, `header = "信息内容" column+`,
/// `row = label cell+`; e.g. from seed 002: `信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |`
/// then `行政许可 | 0 | 0 | 0 |`. A row is read under the columns of the header above it; with
/// no usable header, under the columns its format's template prints for it. A crawler's digit
/// run is split only where the number of cells forces it (`规章000`): this table has no identity
/// to tell `8855698` apart.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> ProactiveTable {
    let text = ctx.text;
    let rows = join_wrapped(text, rows, &|s, floor| ROWS.score(s, floor));
    let mut table = ProactiveTable::new();
    let mut cols: Vec<ProactiveColumn> = Vec::new();
    for row in &rows {
        if row.layout == Layout::Stream {
            if let Some(f) = stream_format(&row.label_text(text)) {
                ctx.format_hints.push((f, ctx.span(row.label_range())));
            }
        }
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
        let key = match ROWS.best(&fold_row(&ROWS, &label, row.layout), |_| Some(0.0)) {
            Match::Exact(k) => k,
            Match::Loose(k, score) => {
                ctx.report(
                    Code::RowLoose,
                    Severity::Info,
                    format!(
                        "row label `{label}` read as `{}` (similarity {score:.2})",
                        k.key()
                    ),
                    row.label_range(),
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
        if table.row(&key).next().is_some() {
            ctx.report_duplicate(key.key(), row.range.clone());
            continue;
        }
        let hinted = ctx.format_hints.last().map(|(f, _)| *f);
        let mut printed = row.values.len();
        while printed > 1
            && printed > cols.len()
            && text.get(row.values[printed - 1].clone()).is_empty()
        {
            printed -= 1;
        }
        // The header's columns when they fit; else the template's for this row.
        let columns = if cols.len() == printed && row.layout != Layout::Stream {
            cols.clone()
        } else {
            let expected = if row.layout == Layout::Stream {
                hinted.map_or(printed, |f| key.template_columns(f).len())
            } else {
                printed
            };
            let Some(fit) = template_fit(key, hinted, expected) else {
                ctx.report(
                    Code::RowCellCount,
                    Severity::Warning,
                    format!(
                        "row `{}` of table 二 has {printed} cells and no header that fits; its cells are left out",
                        key.key()
                    ),
                    row.range.clone(),
                );
                continue;
            };
            fit
        };
        let Some(cells) = row_cells(ctx, row, key.key(), columns.len(), &|_| true) else {
            continue;
        };
        for (col, cell) in columns.into_iter().zip(cells) {
            table.insert(key, col, cell);
        }
    }
    table
}
