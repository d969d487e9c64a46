//! Table 二, 主动公开政府信息情况: blocks of rows under 第二十条 headers.
//!
//! Labels, the columns each template prints for each row, and the generations come from the
//! registry ([`ogi_model::proactive`]).

use super::assign::{
    Expect, NO_PAGES, Pages, Places, RowRead, agreed_cells, read_row, report_ambiguous,
};
use super::joint::RowCheck;
use super::solve::Rules;
use super::{
    Ctx, HeadCell, Join, Piece, Row, head_cells, header_keys, join_wrapped, labels_alone_are_blank,
    name_row, report_lost_rows,
};
use crate::label::{LabelTable, Match, fold};
use crate::layout::{Boundaries, adrift_page};
use crate::text::contains;
use aho_corasick::{AhoCorasick, MatchKind};
use ogi_model::proactive::HEADER_LABELS;
use ogi_model::{Code, Format, ProactiveColumn, ProactiveRow, ProactiveTable, Severity, TableName};
use std::ops::Range;
use std::sync::LazyLock;

/// Row labels: the template's and their aliases.
static ROWS: LazyLock<LabelTable<ProactiveRow>> = LazyLock::new(|| {
    LabelTable::new(ProactiveRow::ALL.iter().flat_map(|r| {
        std::iter::once(r.label())
            .chain(r.spec().aliases.iter().copied())
            .map(move |l| (*r, l))
    }))
});

/// What a header cell of table 二 can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Column(ProactiveColumn),
    /// The label column's head, 信息内容.
    Content,
}

/// Column labels (the template's and their aliases) and the label column's head.
static COLUMNS: LazyLock<LabelTable<Head>> = LazyLock::new(|| {
    let columns = ProactiveColumn::ALL.iter().flat_map(|c| {
        std::iter::once(c.label())
            .chain(c.spec().aliases.iter().copied())
            .map(move |l| (Head::Column(*c), l))
    });
    LabelTable::new(columns.chain(HEADER_LABELS.iter().map(|l| (Head::Content, *l))))
});

/// Column labels found in running text (a crawler glues the header into the first row's
/// label): every label and alias, folded, longest first.
fn columns_in(text: &str) -> Vec<ProactiveColumn> {
    static SEARCH: LazyLock<Option<(AhoCorasick, Vec<ProactiveColumn>)>> = LazyLock::new(|| {
        let (keys, words): (Vec<ProactiveColumn>, Vec<String>) = ProactiveColumn::ALL
            .iter()
            .flat_map(|c| {
                std::iter::once(c.label())
                    .chain(c.spec().aliases.iter().copied())
                    .map(move |l| (*c, fold(&crate::normalize::normalize(l).text).full))
            })
            .filter(|(_, w)| w.chars().count() >= 4)
            .unzip();
        let search = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .ok()?;
        Some((search, keys))
    });
    let folded = fold(text).full;
    let Some((search, keys)) = SEARCH.as_ref() else {
        return Vec::new();
    };
    // The columns of the last header in the text (a dump can run two blocks' headers together).
    let from = HEADER_LABELS
        .iter()
        .filter_map(|h| folded.rfind(h))
        .max()
        .unwrap_or(0);
    let mut columns: Vec<ProactiveColumn> = Vec::new();
    for m in search.find_iter(&folded[from..]) {
        let c = keys[m.pattern().as_usize()];
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    columns
}

/// The columns of a header: each label cell naming a column, with where it stands. `None` when
/// the cells name no column; `Some` of no column when the header (`信息内容 …`) names one this
/// table does not know (reported).
fn header(ctx: &mut Ctx<'_>, cells: &[HeadCell]) -> Option<Vec<(ProactiveColumn, Range<u32>)>> {
    let text = ctx.text;
    let keys = header_keys(text, &COLUMNS, cells);
    let head = keys
        .iter()
        .position(|(m, _, _)| matches!(m, Match::Exact(Head::Content)));
    let mut cols = Vec::new();
    for (m, r, at) in keys.into_iter().skip(head.map_or(0, |h| h + 1)) {
        match m {
            Match::Exact(Head::Column(c)) | Match::Loose(Head::Column(c), _) => {
                ctx.hint(c.spec().generations, r);
                cols.push((c, at));
            }
            _ if head.is_some() => {
                ctx.report(
                    Code::HeaderUnrecognized,
                    Severity::Warning,
                    format!("column `{}` of table 二 is not known", text.get(r.clone())),
                    r,
                );
                return Some(Vec::new());
            }
            _ => {}
        }
    }
    (head.is_some() || !cols.is_empty()).then_some(cols)
}

/// The columns of the row `key` of a generation, when `n` cells are printed (or any number,
/// for `None`).
fn template_fit(
    key: ProactiveRow,
    hinted: Option<Format>,
    n: Option<usize>,
) -> Option<Vec<ProactiveColumn>> {
    let formats = match hinted {
        Some(f) => vec![f],
        None => vec![Format::V2021, Format::V2019],
    };
    let fits: Vec<&[ProactiveColumn]> = formats
        .iter()
        .map(|f| key.template_columns(*f))
        .filter(|c| !c.is_empty() && n.is_none_or(|n| c.len() == n))
        .collect();
    match fits.as_slice() {
        [one] => Some(one.to_vec()),
        _ => None,
    }
}

/// The columns a row is read under, and where they stand: the header's, their places widened
/// by the rows of numbers under it (`block`: the run of them the row stands in) that fill every
/// column or whose numbers gather into columns (a number wider than its header's words,
/// `364506` under `本年` / `制发` / `件数`, stands in the place it and its header cover
/// together); else the
/// columns the row's generation prints for it (the generation the labels so far point at, or
/// the one whose columns are as many as the row prints). `None` when none fits (reported).
fn row_columns(
    ctx: &mut Ctx<'_>,
    row: &Row,
    key: ProactiveRow,
    header: &[(ProactiveColumn, Range<u32>)],
    block: &[Row],
) -> Option<(Vec<ProactiveColumn>, Places)> {
    if !header.is_empty() {
        let mut places = Places::from_header(
            header.len(),
            header
                .iter()
                .enumerate()
                .map(|(i, (_, at))| (i, at.clone())),
        );
        places.learn(block.iter());
        places.learn_columns(block.iter().filter(|r| r.is_data()));
        return Some((header.iter().map(|(c, _)| *c).collect(), places));
    }
    let hinted = ctx.format_hints.last().map(|(f, _)| *f);
    let printed = row.values.len();
    // Where a blank may have left no cell (a gap between positioned cells too), the count of
    // cells printed does not tell the columns.
    let damaged = row.evidence.glued
        || row.evidence.collapsed
        || row.evidence.blanks_lost
        || row.evidence.boundaries == Boundaries::Positioned;
    let fit = template_fit(key, hinted, (!damaged).then_some(printed))
        .or_else(|| template_fit(key, None, Some(printed)));
    let Some(fit) = fit else {
        ctx.report(
            Code::RowCellCount,
            Severity::Warning,
            format!(
                "row `{}` of table 二 has {printed} cells and no header that fits; its cells are left out",
                key.key()
            ),
            row.range.clone(),
        );
        ctx.leave_out(TableName::Proactive, key.key(), Code::RowCellCount);
        return None;
    };
    let places = Places::unknown(fit.len());
    Some((fit, places))
}

/// The key a row's label names, reporting a loose match or a label that names no row.
fn key_of(
    ctx: &mut Ctx<'_>,
    row: &Row,
    named: &super::Named<ProactiveRow>,
    at: Range<usize>,
) -> Option<ProactiveRow> {
    match named.matched {
        Match::Exact(k) => Some(k),
        Match::Loose(k, score) => {
            ctx.report(
                Code::RowLoose,
                Severity::Info,
                format!(
                    "row label `{}` read as `{}` (similarity {score:.2})",
                    named.text,
                    k.key()
                ),
                at,
            );
            Some(k)
        }
        Match::Ambiguous(..) | Match::None => {
            ctx.report(
                Code::RowUnmatched,
                Severity::Warning,
                format!("row label `{}` is not a row of table 二", named.text),
                row.range.clone(),
            );
            None
        }
    }
}

/// The run of rows of numbers row `i` stands in (a header line, a heading or a row of blank
/// cells ends it): rows under one header.
fn run_of_numbers(rows: &[Row], i: usize) -> &[Row] {
    let start = rows[..i]
        .iter()
        .rposition(|r| !r.is_data())
        .map_or(0, |k| k + 1);
    let end = rows[i..]
        .iter()
        .position(|r| !r.is_data())
        .map_or(rows.len(), |k| i + k);
    &rows[start..end]
}

/// What a row of table 二 over `columns` keeps: no identity within a row, only the signs of the
/// columns that count things.
fn row_check(columns: &[ProactiveColumn]) -> RowCheck {
    RowCheck::new::<ProactiveRow, _>(&[], columns, &|c| c.spec().signed)
}

/// Reads a row of table 二 (`key`, over `columns` standing in `places`) into `table`, a page
/// adrift moved as `pages` allow.
fn read_into(
    ctx: &mut Ctx<'_>,
    table: &mut ProactiveTable,
    (key, row, columns, places): (ProactiveRow, &Row, Vec<ProactiveColumn>, &Places),
    pages: &Pages,
) {
    let check = row_check(&columns);
    let rules = Rules::of_row(&check);
    let expect = Expect {
        table: TableName::Proactive,
        key: key.key(),
        n: columns.len(),
        blocks: columns.len(),
        places,
        rules: &rules,
        pages,
    };
    match read_row(ctx, row, &expect) {
        RowRead::Cells(cells) => {
            for (col, cell) in columns.into_iter().zip(cells) {
                table.insert(key, col, cell);
            }
        }
        // A row of a page adrift keeps the cells every move of its page reads alike.
        RowRead::Alternatives(alternatives) if alternatives.iter().any(|a| a.page.is_some()) => {
            let cells = agreed_cells(ctx, row, &expect, &alternatives);
            for (col, cell) in columns.into_iter().zip(cells) {
                if let Some(cell) = cell {
                    table.insert(key, col, cell);
                }
            }
        }
        RowRead::Alternatives(alternatives) => {
            report_ambiguous(ctx, row, &expect, Some(alternatives.len()));
        }
        RowRead::Failed => {}
    }
}

/// The rows with their wrapped labels joined and a number set against a label cut off as its
/// value (see [`Row::cut_glued_value`]).
fn joined(text: &crate::text::Text, rows: Vec<Row>) -> Vec<Row> {
    let mut rows = join_wrapped(text, rows, &|s, floor| ROWS.score(s, floor), &|_, _| {
        Join::Part
    });
    for row in &mut rows {
        row.cut_glued_value(text, &ROWS);
    }
    rows
}

/// Reads table 二 from its rows.
///
/// `block = "第二十条第(" n ")项" header row+`, `header = "信息内容" column+`,
/// `row = label cell+`; e.g. from seed 002: `信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |`
/// then `行政许可 | 0 | 0 | 0 |`. A row is read under the columns of the header above it; with
/// no usable header, under the columns its generation's template prints for it. The table has
/// no identity: a crawler's digit run is split only where the cells' count forces it (`规章000`),
/// a line printed once for several equal cells only where one expansion exists.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> ProactiveTable {
    let text = ctx.text;
    let rows = joined(text, rows);
    let mut table = ProactiveTable::new();
    let mut cols: Vec<(ProactiveColumn, Range<u32>)> = Vec::new();
    // Header lines of cells placed by position, read together when the data begins (a header
    // stacked over several lines: `本年新` / `制作数` / `量`).
    let mut stacked: Vec<&[Piece]> = Vec::new();
    let known_head = |s: &str| COLUMNS.exact_key(&fold(s), |_| Some(0.0)).is_some();
    // Rows whose values stand adrift (a page laid out anew), with their columns, read last.
    let mut adrift: Vec<(ProactiveRow, &Row, Vec<ProactiveColumn>, Places)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        // A block heading (第二十条第(五)项) starts a block: its header is yet to come.
        let heading = !row.is_data() && contains(&fold(&row.label_text(text)).full, "第二十条");
        if heading {
            cols.clear();
            stacked.clear();
        }
        let named = name_row(text, &ROWS, row, &|_| Some(0.0));
        let first = named.as_ref().map_or(0, |n| n.first);
        // A row of numbers, or of blank cells under a label naming a row: blank cells printed,
        // or (where blank cells leave no trace) a row's label with nothing after it.
        let data = row.is_data()
            || (!row.values.is_empty()
                && named
                    .as_ref()
                    .is_some_and(|n| matches!(n.matched, Match::Exact(_) | Match::Loose(..))))
            || (row.values.is_empty()
                && labels_alone_are_blank(row)
                && named
                    .as_ref()
                    .is_some_and(|n| matches!(n.matched, Match::Exact(_))));
        // Header cells: a row without numbers, or the cells glued before the row's own label.
        let own: &[Piece] = if data {
            &row.labels[..first]
        } else {
            &row.labels
        };
        let positioned = row.evidence.boundaries == Boundaries::Positioned;
        let cells = if positioned {
            if !heading {
                stacked.push(own);
            }
            if !data {
                continue;
            }
            head_cells(text, stacked.drain(..), Some(&known_head))
        } else {
            head_cells(text, [own], None)
        };
        if let Some(h) = header(ctx, &cells) {
            cols = h;
        } else if row.evidence.glued {
            let found = columns_in(&row.label_text(text));
            if !found.is_empty() {
                for c in &found {
                    ctx.hint(c.spec().generations, row.label_range());
                }
                cols = found.into_iter().map(|c| (c, 0..0)).collect();
            }
        }
        if !data {
            continue;
        }
        let Some(named) = named else { continue };
        let at = row.label_range_from(named.first);
        let Some(key) = key_of(ctx, row, &named, at.clone()) else {
            continue;
        };
        report_lost_rows(ctx, TableName::Proactive, &ROWS, row, ProactiveRow::key);
        ctx.hint(key.generations(), at);
        if table.row(&key).next().is_some() || adrift.iter().any(|(k, _, _, _)| *k == key) {
            ctx.report_duplicate(key.key(), row.range.clone());
            continue;
        }
        let Some((columns, places)) = row_columns(ctx, row, key, &cols, run_of_numbers(&rows, i))
        else {
            continue;
        };
        // A row standing adrift is read with the other rows of its page, once all are known.
        if row.values.iter().any(|v| adrift_page(&v.at).is_some()) {
            adrift.push((key, row, columns, places));
            continue;
        }
        read_into(ctx, &mut table, (key, row, columns, &places), &NO_PAGES);
    }
    // The rows adrift, each page under the moves all its rows allow together.
    let checks: Vec<RowCheck> = adrift
        .iter()
        .map(|(_, _, columns, _)| row_check(columns))
        .collect();
    let rules: Vec<Rules<'_>> = checks.iter().map(Rules::of_row).collect();
    let pages = Pages::survey(
        text,
        adrift
            .iter()
            .zip(&rules)
            .map(|((_, row, _, places), rules)| (*row, places, rules)),
    );
    for (key, row, columns, places) in &adrift {
        read_into(
            ctx,
            &mut table,
            (*key, row, columns.clone(), places),
            &pages,
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use super::columns_in;
    use ogi_model::ProactiveColumn as C;

    #[test]
    fn columns_glued_into_a_label() {
        assert_eq!(
            columns_in("第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章"),
            [C::Issued, C::Repealed, C::InForce]
        );
        assert_eq!(
            columns_in("信息内容本年收费金额(单位:万元)行政事业性收费"),
            [C::Amount]
        );
    }
}
