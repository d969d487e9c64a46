//! The pre-2019 统计表: `统计指标 | 单位 | 统计数`, one indicator per row.
//!
//! Indicators, their aliases, parents and totals, the block headings and the words of the
//! forms' columns come from the registry ([`ogi_model::legacy`]).

use super::assign::{
    Expect, NO_PAGES, Places, RowRead, cells_of, read_row, report_ambiguous, row_digits,
};
use super::joint::{self, Lookup};
use super::solve::{Reading, Rules};
use super::{Ctx, Join, Row, join_wrapped, name_row_at_level, report_lost_rows};
use crate::label::{LabelTable, Match, OrdinalStyle, fold, ordinal};
use crate::layout::{Boundaries, CellShape, shape};
use crate::text::{contains, find};
use ogi_model::legacy::{COLUMN_WORDS, HEADINGS};
use ogi_model::{
    Cell, Code, Decimal, LegacyKey, LegacyRow, LegacyTable, NarrativeRow, Severity, TableName,
    ValueColumn,
};
use std::sync::LazyLock;

/// Indicator labels: the national form's and the aliases of local forms.
static ROWS: LazyLock<LabelTable<LegacyRow>> = LazyLock::new(|| {
    LabelTable::new(LegacyRow::ALL.iter().flat_map(|r| {
        std::iter::once(r.label())
            .chain(r.spec().aliases.iter().copied())
            .map(move |l| (*r, l))
    }))
});

/// Whether other indicators are parts or shares of `row`.
fn is_parent(row: LegacyRow) -> bool {
    static PARENTS: LazyLock<Vec<LegacyRow>> = LazyLock::new(|| {
        LegacyRow::ALL
            .iter()
            .flat_map(|r| [r.parent(), r.spec().within])
            .flatten()
            .collect()
    });
    PARENTS.contains(&row)
}

/// Where the year's figure stands among a row's value cells, in forms that print two
/// (`本年度 | 历年累计`, Fujian's short form; `本期实际 | 本年累计`, 定西's), and whether a 代码
/// column of row codes comes first (定西: `01`, `02` …): from the registry's words of the
/// forms' columns in the header.
fn form_of(ctx: &Ctx<'_>, rows: &[Row]) -> (Form, bool) {
    let has = |words: &str, of: &[&str]| of.iter().any(|w| contains(words, w));
    // The header is a row of its own, or (one cell per line, a crawler's stream) glued to the
    // first label.
    for row in rows.iter().take(3) {
        let words = fold(&row.label_text(ctx.text)).full;
        let code = has(&words, COLUMN_WORDS.code);
        let cumulative = COLUMN_WORDS
            .cumulative
            .iter()
            .filter_map(|w| find(&words, w))
            .min();
        if let Some(cum) = cumulative {
            let year_first = has(&words[..cum], COLUMN_WORDS.year);
            return (
                Form {
                    year_at: usize::from(!year_first),
                    columns: 2,
                },
                code,
            );
        }
        if code {
            return (
                Form {
                    year_at: 0,
                    columns: 1,
                },
                true,
            );
        }
    }
    (
        Form {
            year_at: 0,
            columns: 1,
        },
        false,
    )
}

/// Whether a row's label names an indicator or a block heading of the 统计表 exactly (a grid
/// going on with the form after a break in its columns).
pub(crate) fn names_a_row(text: &crate::text::Text, row: &Row) -> bool {
    let exact = name_row_at_level(text, &ROWS, row, &|_, _| Some(0.0))
        .is_some_and(|n| matches!(n.matched, Match::Exact(_)));
    exact
        || row.label(text).is_some_and(|l| {
            let folded = fold(&l);
            folded.ordinal.is_some() && HEADINGS.iter().any(|h| folded.core.ends_with(h))
        })
}

/// Forms that print indicators as columns (Shanghai's statistics pages): a row of three or
/// more labels followed by a row of as many values becomes one row per indicator.
fn transpose(rows: Vec<Row>) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len());
    let mut iter = rows.into_iter().peekable();
    while let Some(row) = iter.next() {
        let header = row.labels.len() >= 3 && row.values.is_empty();
        match iter.peek() {
            Some(next)
                if header && next.labels.len() <= 1 && next.values.len() == row.labels.len() =>
            {
                let Some(next) = iter.next() else { break };
                for (label, value) in row.labels.iter().zip(&next.values) {
                    out.push(Row {
                        labels: vec![label.clone()],
                        values: vec![value.clone()],
                        range: label.range.start.min(value.range.start)
                            ..label.range.end.max(value.range.end),
                        ..next.clone()
                    });
                }
            }
            _ => out.push(row),
        }
    }
    out
}

/// The indicators the rows stand under: the one heading them and its parents, and the ordinal
/// level of the heading's label (0: none).
#[derive(Default)]
struct Chain {
    rows: Vec<LegacyRow>,
    level: u8,
}

impl Chain {
    /// How a key fits a row whose label has ordinal level `level` (0: none): a key that is a
    /// part (or share) of the indicators above gains. A row numbered deeper than the heading
    /// stands under it, so any other key loses; in a form without ordinals, a key that is a
    /// part of other indicators loses.
    fn context(&self, k: LegacyRow, level: u8) -> f64 {
        let deeper = level > self.level;
        let unnumbered = level == 0 && self.level == 0;
        if self.rows.is_empty() || !(deeper || unnumbered) {
            return 0.0;
        }
        let anchors = [k.parent(), k.spec().within];
        let mut anchors = anchors.iter().flatten().peekable();
        if anchors.clone().any(|a| self.rows.contains(a)) {
            0.08
        } else if deeper || anchors.peek().is_some() {
            -0.15
        } else {
            0.0
        }
    }

    /// Follows a row named `key` (or a block heading) at ordinal level `level`.
    fn follow(&mut self, key: Option<LegacyRow>, level: u8, block_heading: bool) {
        match key {
            // An indicator others are parts or shares of: the rows below stand under it.
            Some(k) if is_parent(k) => {
                self.rows = std::iter::successors(Some(k), |r| r.parent()).collect();
                self.level = level;
            }
            // A top-level indicator ends the parts above it.
            Some(k) if k.parent().is_none() && k.spec().within.is_none() => self.rows.clear(),
            Some(_) => {}
            None if block_heading => self.rows.clear(),
            None => {}
        }
    }
}

/// The ordinal level of a label (0: no ordinal).
fn level_of(label: &str) -> u8 {
    ordinal(label.trim_start()).map_or(0, |(_, o)| o.style.level())
}

/// A row's value cells: after the unit, without a dash marking a block heading
/// (`一、主动公开情况 | ------- | |`) or 定西's row code (`05`).
fn value_cells(text: &crate::text::Text, row: &Row, form: Form, code_column: bool) -> Row {
    let mut trimmed = row.clone();
    if row.unit.is_none() && trimmed.values.len() >= 2 {
        let first = text.get(trimmed.values[0].range.clone());
        if shape(first) == CellShape::Value && first.chars().all(|c| c == '-' || c == '—') {
            trimmed.values.remove(0);
        }
    }
    if code_column && !row.evidence.glued && trimmed.values.len() > form.columns {
        trimmed.values.remove(0);
    }
    trimmed
}

/// The key of an indicator the registry lacks: its label without ordinal and spaces; `None`
/// for a bare `其中`.
fn unlisted(label: &str) -> Option<LegacyKey> {
    let (bare, level) = match ordinal(label.trim_start()) {
        Ok((rest, o)) => (rest, o.style.level()),
        Err(_) => (label, 0),
    };
    let name: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
    let among = level == OrdinalStyle::Among.level() && name == "其中";
    (!name.is_empty() && !among).then_some(LegacyKey::Unlisted(name))
}

/// Reads the 统计表 from its rows.
///
/// `row = ordinal? label unit? value`, e.g. from seed 004 (one cell per line):
/// `(一)主动公开政府信息数 | 条 | 340`. Labels that recur under several parents
/// (（一）维持具体行政行为数 under 四、行政复议数量 and 六、被举报投诉数量) are told apart by
/// the indicators above them ([`Chain`]). Indicators the registry lacks are kept as `unlisted:`
/// rows.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> LegacyTable {
    let text = ctx.text;
    let mut rows = transpose(join_wrapped(
        text,
        rows,
        &|s, floor| ROWS.score(s, floor),
        &|_, _| Join::Part,
    ));
    for row in &mut rows {
        row.cut_glued_value(text, &ROWS);
    }
    let mut table = LegacyTable::new();
    let mut chain = Chain::default();
    let (form, code_column) = form_of(ctx, &rows);
    // Rows read with every column, and rows that read several ways.
    let mut all_columns: Vec<(LegacyRow, Vec<Option<Decimal>>)> = Vec::new();
    let mut unsettled: Vec<(LegacyRow, Row, Vec<Reading>)> = Vec::new();

    for row in &rows {
        let Some(named) =
            name_row_at_level(text, &ROWS, row, &|k, level| Some(chain.context(k, level)))
        else {
            continue;
        };
        let label = named.text.clone();
        let core = fold(&label).core;
        let block_heading = HEADINGS.iter().any(|h| core.ends_with(h));
        let key = match_indicator(ctx, row, &named);
        if key.is_some() {
            // Indicators whose labels ran into this one still head the rows below them.
            for lost in report_lost_rows(ctx, TableName::Legacy, &ROWS, row, LegacyRow::key) {
                chain.follow(Some(lost), 0, false);
            }
        }
        chain.follow(key, level_of(&label), block_heading);

        let values = value_cells(text, row, form, code_column);
        if values.values.is_empty() {
            if let Some(k) = key.filter(|_| !block_heading) {
                blank_after_unit(ctx, &mut table, row, k);
            }
            continue;
        }
        let blank = values
            .values
            .iter()
            .all(|v| text.get(v.range.clone()).trim().is_empty());
        if key.is_none() && (block_heading || (blank && row.unit.is_none())) {
            continue;
        }
        let name = key.map_or_else(|| label.clone(), |k| k.key().to_owned());
        let Some(cell) = read_value(
            ctx,
            &values,
            key,
            &name,
            form,
            &mut all_columns,
            &mut unsettled,
        ) else {
            continue;
        };
        let Some(row_key) = key.map(LegacyKey::Known).or_else(|| unlisted(&label)) else {
            continue;
        };
        if table.contains(&row_key, &ValueColumn::Value) {
            ctx.report_duplicate(&row_key.key(), row.range.clone());
            continue;
        }
        table.insert(row_key, ValueColumn::Value, cell);
    }
    settle(ctx, &mut table, &all_columns, unsettled, form);
    table
}

/// A row with a unit and no value, where blanks leave no trace or cells stand by position (a
/// gap is a blank), or a row's label alone in a table printed one cell per line with no line
/// for a blank: its value is blank.
fn blank_after_unit(ctx: &mut Ctx<'_>, table: &mut LegacyTable, row: &Row, k: LegacyRow) {
    let e = row.evidence;
    let positioned = e.boundaries == Boundaries::Positioned;
    if !e.blanks_lost && !positioned {
        return;
    }
    let alone = e.boundaries == Boundaries::Sequence;
    let Some(at) = row
        .unit
        .as_ref()
        .map(|u| u.end)
        .or_else(|| alone.then(|| row.label_range().end))
    else {
        return;
    };
    let key = LegacyKey::Known(k);
    if table.contains(&key, &ValueColumn::Value) {
        return;
    }
    ctx.report(
        Code::CellInferred,
        Severity::Info,
        format!(
            "indicator `{}`: no value after its {}, read as blank (the text has no mark for a blank cell)",
            k.key(),
            if row.unit.is_some() { "unit" } else { "label" }
        ),
        row.range.clone(),
    );
    table.insert(key, ValueColumn::Value, Cell::blank(ctx.span(at..at)));
}

/// The year's value of a row: its cell in the year's column, read by [`read_row`] under the
/// form's columns (a row that reads several ways waits in `unsettled`).
fn read_value(
    ctx: &mut Ctx<'_>,
    values: &Row,
    key: Option<LegacyRow>,
    name: &str,
    form: Form,
    all_columns: &mut Vec<(LegacyRow, Vec<Option<Decimal>>)>,
    unsettled: &mut Vec<(LegacyRow, Row, Vec<Reading>)>,
) -> Option<Cell> {
    let Form { year_at, columns } = form;
    // 历年累计 includes the year (a blank running total says nothing).
    let accept = |v: &[Option<Decimal>]| {
        v.iter().flatten().all(|x| !x.is_negative())
            && (columns < 2
                || match (v[year_at], v[1 - year_at]) {
                    (Some(year), Some(total)) => total == Decimal::ZERO || year <= total,
                    _ => true,
                })
    };
    // Every cell counts; the year and the running total are compared once both are read.
    let rules = Rules::new(&accept, vec![true; columns], [2]);
    let places = Places::unknown(columns);
    let expect = Expect {
        table: TableName::Legacy,
        key: name,
        n: columns,
        blocks: columns,
        places: &places,
        rules: &rules,
        pages: &NO_PAGES,
    };
    match read_row(ctx, values, &expect) {
        RowRead::Cells(mut cells) => {
            if let Some(k) = key {
                all_columns.push((k, cells.iter().map(value_of).collect()));
            }
            Some(cells.swap_remove(year_at))
        }
        RowRead::Alternatives(alternatives) => {
            match key {
                Some(k) => unsettled.push((k, values.clone(), alternatives)),
                None => report_ambiguous(ctx, values, &expect, Some(alternatives.len())),
            }
            None
        }
        RowRead::Failed => None,
    }
}

/// A cell's value for the identities: a blank as 0.
fn value_of(cell: &Cell) -> Option<Decimal> {
    if cell.is_blank() {
        Some(Decimal::ZERO)
    } else {
        cell.decimal()
    }
}

/// The indicator a row's label names, in the context of the indicator above it (reporting
/// loose and ambiguous matches).
fn match_indicator(
    ctx: &mut Ctx<'_>,
    row: &Row,
    named: &super::Named<LegacyRow>,
) -> Option<LegacyRow> {
    let label = &named.text;
    match named.matched {
        Match::Exact(k) => Some(k),
        Match::Loose(k, score) => {
            ctx.report(
                Code::RowLoose,
                Severity::Info,
                format!(
                    "indicator `{label}` read as `{}` (similarity {score:.2})",
                    k.key()
                ),
                row.label_range_from(named.first),
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
    }
}

/// Where the year's figure stands among the value cells, and how many there are.
#[derive(Clone, Copy)]
struct Form {
    year_at: usize,
    columns: usize,
}

/// What settled a row that read several ways.
#[derive(Clone, Copy)]
enum Settled {
    /// A total is the sum of its printed parts, in every column.
    Totals,
    /// The prose states the year's figure.
    Stated,
    /// A share is within the indicator it is a share of.
    Bound(LegacyRow),
}

impl Settled {
    fn reason(self) -> String {
        match self {
            Settled::Totals => "that keeps the form's totals".to_owned(),
            Settled::Stated => "whose year figure the text states".to_owned(),
            Settled::Bound(whole) => format!("within `{}`, which it is a share of", whole.key()),
        }
    }
}

/// The index of the only alternative that passes `test`.
fn only<T>(alternatives: &[T], test: impl Fn(&T) -> bool) -> Option<usize> {
    let mut passing = alternatives.iter().enumerate().filter(|(_, a)| test(a));
    let (first, _) = passing.next()?;
    passing.next().is_none().then_some(first)
}

/// The year's figure of an indicator as the report's prose states it, if it does.
fn stated_figure(ctx: &Ctx<'_>, row: LegacyRow) -> Option<Decimal> {
    let key = NarrativeRow::ALL
        .iter()
        .find(|n| n.legacy_row() == Some(row))?;
    ctx.stated
        .get(key, &ValueColumn::Value)
        .and_then(Cell::decimal)
}

/// Settles rows that read several ways, or reports them: first by the identities of the form
/// (each total is the sum of its printed parts, in every column); then by the figure the prose
/// states for the year; then a share by the indicator it is a share of, which bounds it.
fn settle(
    ctx: &mut Ctx<'_>,
    table: &mut LegacyTable,
    all_columns: &[(LegacyRow, Vec<Option<Decimal>>)],
    unsettled: Vec<(LegacyRow, Row, Vec<Reading>)>,
    form: Form,
) {
    if unsettled.is_empty() {
        return;
    }
    let Form { year_at, columns } = form;
    let values: Vec<Vec<Vec<Option<Decimal>>>> = unsettled
        .iter()
        .map(|(_, _, alts)| alts.iter().map(|a| a.values.clone()).collect())
        .collect();
    let present: Vec<LegacyRow> = all_columns
        .iter()
        .map(|(r, _)| *r)
        .chain(unsettled.iter().map(|(r, _, _)| *r))
        .collect();
    // Rows settled so far, with all their columns.
    let mut settled: Vec<(LegacyRow, Vec<Option<Decimal>>)> = all_columns.to_vec();
    let mut chosen: Vec<Option<usize>> = vec![None; unsettled.len()];
    // Each total with its parts is one identity; settle its rows together, group by group.
    for total in LegacyRow::totals() {
        let members: Vec<LegacyRow> = present
            .iter()
            .copied()
            .filter(|r| *r == total || r.parent() == Some(total))
            .collect();
        let pending: Vec<(LegacyRow, Vec<Vec<Option<Decimal>>>)> = unsettled
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
                .and_then(|(_, v)| v.get(c).copied().flatten())
                .or_else(|| {
                    (c == year_at)
                        .then(|| {
                            table
                                .get(&LegacyKey::Known(row), &ValueColumn::Value)
                                .and_then(value_of)
                        })
                        .flatten()
                })
        };
        let parts: Vec<LegacyRow> = members.iter().copied().filter(|r| *r != total).collect();
        let holds = |v: Lookup<'_, LegacyRow>| {
            (0..columns).all(|c| {
                let values: Vec<_> = parts.iter().map(|p| v(*p, c)).collect();
                joint::sums_to(v(total, c), &values) != Some(false)
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
    let rows: Vec<LegacyRow> = unsettled.iter().map(|(r, _, _)| *r).collect();
    let why = settle_by_evidence(ctx, &rows, &values, &mut chosen, settled, year_at);
    for (i, (key, row, alternatives)) in unsettled.into_iter().enumerate() {
        let reading = chosen[i].and_then(|c| alternatives.get(c));
        let cell = reading
            .and_then(|r| cells_of(ctx, r))
            .map(|mut cells| cells.swap_remove(year_at));
        let Some(cell) = cell else {
            let places = Places::unknown(columns);
            let expect = Expect {
                table: TableName::Legacy,
                key: key.key(),
                n: columns,
                blocks: columns,
                places: &places,
                rules: &Rules::none(),
                pages: &NO_PAGES,
            };
            report_ambiguous(ctx, &row, &expect, Some(alternatives.len()));
            continue;
        };
        ctx.report(
            Code::CellSplitSettled,
            Severity::Info,
            format!(
                "indicator `{}`: the only reading of `{}` {}",
                key.key(),
                row_digits(ctx, &row.values),
                why[i].reason()
            ),
            row.range.clone(),
        );
        table.insert(LegacyKey::Known(key), ValueColumn::Value, cell);
    }
}

/// The passes of [`settle`] after the form's totals, over the rows still open (`chosen[i]` is
/// `None`): a reading whose year figure the prose states, then a share's reading within the
/// indicator it is a share of. Returns what settled each row.
fn settle_by_evidence(
    ctx: &Ctx<'_>,
    rows: &[LegacyRow],
    values: &[Vec<Vec<Option<Decimal>>>],
    chosen: &mut [Option<usize>],
    mut settled: Vec<(LegacyRow, Vec<Option<Decimal>>)>,
    year_at: usize,
) -> Vec<Settled> {
    let mut why = vec![Settled::Totals; rows.len()];
    // The prose states the year's figure of a few indicators (`主动公开政府信息425条`): the only
    // reading whose year cell is that figure settles the row.
    for (i, row) in rows.iter().enumerate() {
        let Some(stated) = stated_figure(ctx, *row).filter(|_| chosen[i].is_none()) else {
            continue;
        };
        if let Some(pick) = only(&values[i], |v| v.get(year_at) == Some(&Some(stated))) {
            chosen[i] = Some(pick);
            why[i] = Settled::Stated;
            settled.push((*row, values[i][pick].clone()));
        }
    }
    // A share is no larger than what it is a share of, in every column.
    for (i, row) in rows.iter().enumerate() {
        let Some(whole) = row.spec().within.filter(|_| chosen[i].is_none()) else {
            continue;
        };
        let Some((_, total)) = settled.iter().find(|(r, _)| *r == whole) else {
            continue;
        };
        let within = |v: &Vec<Option<Decimal>>| {
            v.len() == total.len()
                && v.iter().zip(total).all(|(a, b)| match (a, b) {
                    (Some(a), Some(b)) => a <= b,
                    _ => false,
                })
        };
        if let Some(pick) = only(&values[i], within) {
            chosen[i] = Some(pick);
            why[i] = Settled::Bound(whole);
        }
    }
    why
}

#[cfg(test)]
mod tests {
    use ogi_model::{LegacyKey, LegacyRow, ValueColumn};

    fn value(report: &ogi_model::Report, key: &LegacyKey) -> Option<String> {
        report
            .legacy
            .as_ref()?
            .get(key, &ValueColumn::Value)
            .map(ogi_model::Cell::tidy_value)
    }

    /// 定西市政府信息公开情况统计报表: 指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计.
    #[test]
    fn dingxi_form_with_code_column() {
        let text = "政府信息公开情况统计报表\n\
            指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计\n\
            主动公开信息数 | 条 | 01 | 120 | 560\n\
            其中:全文电子化的主动公开信息数 | 条 | 02 | 100 | 500\n\
            新增的行政规范性文件数 | 件 | 03 | 3 | 12\n\
            网站专栏页面访问量 | 人次 | 05 | 5000 | 30000\n\
            申请总数 | 件 | 10 | 4 | 9\n\
            1.当面申请数 | 件 | 11 | 1 | 3\n";
        let report = crate::parse_str(text).unwrap();
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::ProactiveTotal)).as_deref(),
            Some("120")
        );
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::NormativeDocsIssued)).as_deref(),
            Some("3")
        );
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::RequestsReceived)).as_deref(),
            Some("4")
        );
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::RequestsInPerson)).as_deref(),
            Some("1")
        );
        assert_eq!(
            value(&report, &LegacyKey::Unlisted("网站专栏页面访问量".into())).as_deref(),
            Some("5000")
        );
        // Another indicator, not 主动公开信息数: kept under its label.
        assert_eq!(
            value(
                &report,
                &LegacyKey::Unlisted("全文电子化的主动公开信息数".into())
            )
            .as_deref(),
            Some("100")
        );
        assert_eq!(report.meta.format, ogi_model::Format::Legacy);
    }

    /// 平潭县 2011: the form's cells run together (`条4251516` is 425 | 1516 or 42 | 51516 or
    /// 4 | 251516); the prose states 425, which settles it, and the website's 418 | 1509 is then
    /// the only split within it. Without the prose both rows stay out.
    #[test]
    fn run_together_digits_settled_by_the_prose_and_the_total() {
        // A crawler's dump: the report on one line, the form at its end.
        let form = "附件1：平潭县人民政府2011年政府信息公开情况统计表 指标名称计量单位2011年度历年累计\
            主动公开信息数条4251516其中：1.网站公开条41815092.政府公报公开条77\
            受理依申请公开信息总数条00其中：1.当面申请数条002.传真申请数条003.电子邮件申请数条00\
            4.网上申请数条005.信函申请数条006.其它形式申请数条00对申请的答复数条00\
            其中：1.同意公开答复数条002.同意部分公开答复数条003.否决公开答复数条00\
            行政复议数条00行政诉讼数条00行政申诉数条00\n";
        let prose = "2011年制作、获取政府信息总数1873条，其中主动公开政府信息425条，\
            作为依申请公开信息数46条，不予公开信息数1402。";
        let report = crate::parse_str(&format!("{prose}{form}")).unwrap();
        let get = |r: &ogi_model::Report, row| value(r, &LegacyKey::Known(row));
        assert_eq!(
            get(&report, LegacyRow::ProactiveTotal).as_deref(),
            Some("425")
        );
        assert_eq!(get(&report, LegacyRow::ViaWebsite).as_deref(), Some("418"));
        let reasons: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == ogi_model::Code::CellSplitSettled)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "indicator `proactive_total`: the only reading of `4251516` whose year figure the text states",
                "indicator `via_website`: the only reading of `4181509` within `proactive_total`, which it is a share of",
            ]
        );

        let silent =
            "2011年制作、获取政府信息总数1873条，作为依申请公开信息数46条，不予公开信息数1402。";
        let report = crate::parse_str(&format!("{silent}{form}")).unwrap();
        assert_eq!(report.meta.format, ogi_model::Format::Legacy);
        assert_eq!(get(&report, LegacyRow::ProactiveTotal), None);
        assert_eq!(get(&report, LegacyRow::ViaWebsite), None);
        // Both rows, and 2.政府公报公开's `77` (7 | 7, or 77 beside a blank that left no trace).
        let ambiguous: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == ogi_model::Code::CellSplitAmbiguous)
            .map(|d| d.message.split('`').nth(1).unwrap_or_default())
            .collect();
        assert_eq!(ambiguous, ["proactive_total", "via_website", "via_gazette"]);
    }

    /// A dump with nothing between cells, where a blank 五、行政诉讼数量 left only its label,
    /// run into its first part's: the rows after it still stand under it, not under 四、行政复议.
    /// (Layout harness, `stream-legacy-blank-columns-review-and-lawsuit-rows`.)
    #[test]
    fn rows_under_a_parent_whose_label_ran_into_theirs() {
        let form = "白沙镇人民政府2011年政府信息公开工作年度报告一、概述二、依申请公开政府信息情况\
            三、政府信息公开的收费及减免情况四、因政府信息公开申请行政复议、提起行政诉讼的情况\
            五、存在的主要问题及改进措施附件：政府信息公开情况统计表统计指标单位统计数\
            四、行政复议数量件3（一）维持具体行政行为数件1（二）被依法纠错数件2（三）其他情形数件0\
            五、行政诉讼数量件（一）维持具体行政行为或者驳回原告诉讼请求数件7（二）被依法纠错数件8\
            （三）其他情形数件9六、被举报投诉数量件0\n";
        let report = crate::parse_str(form).unwrap();
        let get = |row| value(&report, &LegacyKey::Known(row));
        assert_eq!(get(LegacyRow::ReviewsCorrected).as_deref(), Some("2"));
        assert_eq!(get(LegacyRow::LawsuitsUpheld).as_deref(), Some("7"));
        assert_eq!(get(LegacyRow::LawsuitsCorrected).as_deref(), Some("8"));
        assert_eq!(get(LegacyRow::LawsuitsOther).as_deref(), Some("9"));
        assert_eq!(get(LegacyRow::LawsuitsTotal), None);
        let lost: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == ogi_model::Code::RowLost)
            .map(|d| d.message.split('`').nth(1).unwrap_or_default())
            .collect();
        assert_eq!(lost, ["lawsuits_total"]);
    }

    /// A statistics page that prints the indicators as columns.
    #[test]
    fn shanghai_style_transposed_form() {
        let text = "政府信息公开情况统计表\n\
            主动公开信息数 | 全文电子化的主动公开信息数 | 新增的行政规范性文件数 | 申请总数\n\
            2519 | 2519 | 35 | 87\n";
        let report = crate::parse_str(text).unwrap();
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::ProactiveTotal)).as_deref(),
            Some("2519")
        );
        assert_eq!(
            value(&report, &LegacyKey::Known(LegacyRow::RequestsReceived)).as_deref(),
            Some("87")
        );
        assert_eq!(
            value(
                &report,
                &LegacyKey::Unlisted("全文电子化的主动公开信息数".into())
            )
            .as_deref(),
            Some("2519")
        );
    }
}
