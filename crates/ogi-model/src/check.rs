//! The identities a report's tables must satisfy, checked.
//!
//! Every identity of `schema.md` becomes a [`Check`] per column or row it concerns: its status
//! (pass, fail, or not assessable when a cell is missing or a marker), both sides, their
//! difference, and the cells taking part with their spans. A blank cell counts as 0 for checking
//! only, and a check that did so says so ([`Check::blanks_as_zero`]). Checks of prose against
//! tables, and across years, are *soft*: agencies restate and regroup.
//!
//! Failing row identities are also read for signs of a reading problem rather than a fault of
//! the report: two adjacent cells that, joined as one number, would make the row add up (a number
//! split across cells), and a row that adds up once shifted by one column.
//!
//! ```
//! use ogi_model::{check, Cell, CheckStatus, Decimal, Report, ReviewColumn, ReviewRow, ReviewTable, Span};
//!
//! let mut review = ReviewTable::new();
//! for (col, v) in [(ReviewColumn::Upheld, 1), (ReviewColumn::Corrected, 0), (ReviewColumn::Other, 0),
//!                  (ReviewColumn::Pending, 1), (ReviewColumn::Total, 3)] {
//!     review.insert(ReviewRow::Review, col, Cell::number(Decimal::from_int(v), Span::default()));
//! }
//! let report = Report { review_litigation: Some(review), ..Report::default() };
//! let checks = check::validate(&report);
//! let failed: Vec<_> = checks.iter().filter(|c| c.status == CheckStatus::Fail).collect();
//! assert_eq!(failed.len(), 1);
//! assert_eq!(failed[0].id, "review_litigation.row_total[review]");
//! assert_eq!(failed[0].delta.map(|d| d.to_string()).as_deref(), Some("1"));
//! ```

pub use crate::outcome::{Check, CheckCell, CheckStatus};
pub use crate::template::Identity;

use crate::cell::{Cell, CellValue};
use crate::legacy::{LegacyKey, LegacyRow};
use crate::meta::Format;
use crate::narrative::NarrativeRow;
use crate::number::Decimal;
use crate::report::{Report, TableName};
use crate::requests::{RequestColumn, RequestGroup, RequestRow};
use crate::review::{ReviewColumn, ReviewRow};
use crate::table::ValueColumn;
use crate::template::{Generations, IdentitySpec, Shape};
use crate::tidy::TidyValue;
use crate::vocab::Vocabulary;
use std::borrow::Cow;

fn check_cell(
    table: TableName,
    row: impl Into<Cow<'static, str>>,
    column: impl Into<Cow<'static, str>>,
    cell: Option<&Cell>,
) -> CheckCell {
    let (value, blank) = match cell.map(|c| c.value) {
        Some(CellValue::Number(q)) => (Some(q.value), false),
        Some(CellValue::Blank) => (None, true),
        _ => (None, false),
    };
    CheckCell {
        table,
        row: row.into(),
        column: column.into(),
        value,
        blank,
        span: cell.map(|c| c.span),
    }
}

/// The sum of one side of an identity, with blanks as 0; `None` if a cell is missing or a
/// marker.
fn side_sum(cells: &[CheckCell]) -> Option<Decimal> {
    cells.iter().try_fold(Decimal::ZERO, |acc, c| {
        if c.blank {
            Some(acc)
        } else {
            acc.checked_add(c.value?)
        }
    })
}

/// `identity[on]`, the id of a check (built without the formatting machinery: a report has
/// a few hundred checks).
fn check_id(identity: Identity, on: &str) -> String {
    let key = identity.key();
    let mut id = String::with_capacity(key.len() + on.len() + 2);
    id.push_str(key);
    id.push('[');
    id.push_str(on);
    id.push(']');
    id
}

/// The check `Σ lhs = Σ rhs`.
fn make<L, R>(identity: Identity, on: &str, soft: bool, lhs: L, rhs: R) -> Check
where
    L: IntoIterator<Item = CheckCell>,
    R: IntoIterator<Item = CheckCell>,
{
    let (lhs, rhs) = (lhs.into_iter(), rhs.into_iter());
    // Both sides in one vector, sized once (the sides are arrays and exact iterators).
    let mut cells = Vec::with_capacity(lhs.size_hint().0 + rhs.size_hint().0);
    cells.extend(lhs);
    let split = cells.len();
    cells.extend(rhs);
    let (l, r) = (side_sum(&cells[..split]), side_sum(&cells[split..]));
    let status = match (l, r) {
        (Some(a), Some(b)) if a == b => CheckStatus::Pass,
        (Some(_), Some(_)) => CheckStatus::Fail,
        _ => CheckStatus::NotAssessable,
    };
    let delta = match (l, r) {
        (Some(a), Some(b)) => a.checked_sub(b),
        _ => None,
    };
    let blanks_as_zero = cells.iter().any(|c| c.blank);
    Check {
        id: check_id(identity, on),
        identity,
        soft,
        status,
        lhs: l,
        rhs: r,
        delta,
        blanks_as_zero,
        cells,
        hint: None,
    }
}

/// The generation a table's printed keys signal: the one whose template alone prints more of
/// them (the 2019 template's single （六）其他处理 row, the 2021 template's three); `fallback`
/// (the report's format) when none signals one, and the 2021 template when that is no
/// generation of these tables.
fn generation_signalled(signals: impl Iterator<Item = Generations>, fallback: Format) -> Format {
    let (mut v2019, mut v2021) = (0usize, 0usize);
    for g in signals {
        match g.only() {
            Some(Format::V2019) => v2019 += 1,
            Some(Format::V2021) => v2021 += 1,
            _ => {}
        }
    }
    if v2019 > 0 && v2019 >= v2021 {
        Format::V2019
    } else if v2021 > 0 {
        Format::V2021
    } else if fallback == Format::V2019 {
        Format::V2019
    } else {
        Format::V2021
    }
}

/// The checks of the [`Shape::Columns`] and [`Shape::Rows`] identities of one table, for the
/// generation its rows signal: for every column the table holds, each column identity whose
/// left side it prints; for every row, each row identity whose left column it prints; then the
/// column identities of which the table has several (a subtotal per merged label), as
/// `identity[left row,column]`.
fn table_checks<R: Vocabulary, C: Vocabulary>(
    name: TableName,
    table: &crate::Table<R, C>,
    identities: &[IdentitySpec<R, C>],
    generation: Format,
    out: &mut Vec<Check>,
) {
    // The cells by position, looked up by index: the checks read each cell a few times.
    let columns_len = C::ALL.len();
    let at = |r: R, c: C| r.index() * columns_len + c.index();
    let mut dense: Vec<Option<&Cell>> = vec![None; R::ALL.len() * columns_len];
    let (mut rows_seen, mut columns_seen) = (vec![false; R::ALL.len()], vec![false; columns_len]);
    for (r, c, cell) in table.iter() {
        dense[at(*r, *c)] = Some(cell);
        rows_seen[r.index()] = true;
        columns_seen[c.index()] = true;
    }
    let rows: Vec<R> = R::ALL
        .iter()
        .copied()
        .filter(|r| rows_seen[r.index()])
        .collect();
    let columns: Vec<C> = C::ALL
        .iter()
        .copied()
        .filter(|c| columns_seen[c.index()])
        .collect();
    let cell = |r: R, c: C| check_cell(name, r.key(), c.key(), dense[at(r, c)]);
    let applies: Vec<&IdentitySpec<R, C>> = identities
        .iter()
        .filter(|i| i.generations.contains(generation))
        .filter(|i| match i.shape {
            Shape::Columns { lhs, .. } => lhs.iter().any(|r| rows_seen[r.index()]),
            Shape::Rows { lhs, .. } => lhs.iter().any(|c| columns_seen[c.index()]),
            Shape::Parts => false,
        })
        .collect();
    let several =
        |i: &IdentitySpec<R, C>| applies.iter().filter(|j| j.identity == i.identity).count() > 1;
    let column_check = |spec: &IdentitySpec<R, C>, c: C, on: &str| match spec.shape {
        Shape::Columns { lhs, rhs } => Some(make(
            spec.identity,
            on,
            false,
            lhs.iter().map(|r| cell(*r, c)),
            rhs.iter().map(|r| cell(*r, c)),
        )),
        Shape::Rows { .. } | Shape::Parts => None,
    };
    for &c in &columns {
        for spec in applies.iter().filter(|i| !several(i)) {
            out.extend(column_check(spec, c, c.key()));
        }
    }
    for &r in &rows {
        for spec in &applies {
            if let Shape::Rows { lhs, rhs } = spec.shape {
                let mut check = make(
                    spec.identity,
                    r.key(),
                    false,
                    lhs.iter().map(|c| cell(r, *c)),
                    rhs.iter().map(|c| cell(r, *c)),
                );
                if check.status == CheckStatus::Fail && lhs.len() == 1 {
                    check.hint = row_hint(&check.cells);
                }
                out.push(check);
            }
        }
    }
    for spec in applies.iter().filter(|i| several(i)) {
        if let Shape::Columns {
            lhs: [first, ..], ..
        } = spec.shape
        {
            for &c in &columns {
                out.extend(column_check(
                    spec,
                    c,
                    &format!("{},{}", first.key(), c.key()),
                ));
            }
        }
    }
}

fn requests_checks(report: &Report, out: &mut Vec<Check>) {
    let Some(t) = &report.requests else { return };
    let mut printed = t.iter().map(|(r, _, _)| *r).collect::<Vec<_>>();
    printed.dedup();
    let generation = generation_signalled(
        printed.iter().map(|r| r.spec().generations),
        report.meta.format,
    );
    table_checks(
        TableName::Requests,
        t,
        crate::requests::IDENTITIES,
        generation,
        out,
    );
}

/// A reading problem that would explain a failing `total = Σ parts` row (cells: total first).
fn row_hint(cells: &[CheckCell]) -> Option<String> {
    let values: Option<Vec<Decimal>> = cells
        .iter()
        .map(|c| {
            if c.blank {
                Some(Decimal::ZERO)
            } else {
                c.value
            }
        })
        .collect();
    let values = values?;
    let (total, parts) = values.split_first()?;
    let sum = |v: &[Decimal]| v.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
    // Two adjacent parts that are one number split across cells.
    for i in 0..parts.len().saturating_sub(1) {
        let (a, b) = (parts[i], parts[i + 1]);
        let (Some(ai), Some(bi)) = (a.as_int(), b.as_int()) else {
            continue;
        };
        if ai == 0 || bi < 0 {
            continue;
        }
        let Ok(joined) = format!("{ai}{bi}").parse::<i64>() else {
            continue;
        };
        let mut joined_parts = parts.to_vec();
        joined_parts.splice(i..=i + 1, [Decimal::from_int(joined)]);
        if sum(&joined_parts) == Some(*total) {
            return Some(format!(
                "`{}` and `{}` read as {joined} would make the row add up: a number split across cells?",
                cells[i + 1].column,
                cells[i + 2].column
            ));
        }
    }
    // The row shifted by one column: the last part is the total, or the total is the first part.
    if parts.len() >= 2 {
        let (last, rest) = parts.split_last()?;
        if sum(rest)
            .zip(Some(*last))
            .is_some_and(|(s, l)| s == l && l != Decimal::ZERO)
        {
            return Some(
                "the row adds up one column to the left: a column shifted by one?".to_owned(),
            );
        }
    }
    None
}

fn review_checks(report: &Report, out: &mut Vec<Check>) {
    let Some(t) = &report.review_litigation else {
        return;
    };
    table_checks(
        TableName::ReviewLitigation,
        t,
        crate::review::IDENTITIES,
        Format::V2021,
        out,
    );
}

/// The checks of the 统计表's [`Shape::Parts`] identities: each total the form prints with at
/// least one of its parts, against the parts it prints.
fn legacy_checks(report: &Report, out: &mut Vec<Check>) {
    let Some(t) = &report.legacy else { return };
    if !crate::legacy::IDENTITIES
        .iter()
        .any(|i| i.shape == Shape::Parts)
    {
        return;
    }
    let present: Vec<LegacyRow> = t
        .iter()
        .filter_map(|(k, _, _)| match k {
            LegacyKey::Known(r) => Some(*r),
            LegacyKey::Unlisted(_) => None,
        })
        .collect();
    let cell = |r: LegacyRow| {
        check_cell(
            TableName::Legacy,
            r.key(),
            "value",
            t.get(&LegacyKey::Known(r), &ValueColumn::Value),
        )
    };
    for total in LegacyRow::totals() {
        let parts: Vec<LegacyRow> = present
            .iter()
            .copied()
            .filter(|r| r.parent() == Some(total))
            .collect();
        if parts.is_empty() || !present.contains(&total) {
            continue;
        }
        let mut check = make(
            Identity::LegacyParts,
            total.key(),
            false,
            [cell(total)],
            parts.into_iter().map(cell),
        );
        if check.status == CheckStatus::Fail {
            check.hint = row_hint(&check.cells);
        }
        out.push(check);
    }
}

/// The table cells a narrative row restates; alternatives when agencies group differently.
fn restated(report: &Report, row: NarrativeRow) -> Vec<Vec<CheckCell>> {
    let req = |r: RequestRow| {
        report.requests.as_ref().map(|t| {
            check_cell(
                TableName::Requests,
                r.key(),
                "total",
                t.get(&r, &RequestColumn::Total),
            )
        })
    };
    let rev = |r: ReviewRow| {
        report.review_litigation.as_ref().map(|t| {
            check_cell(
                TableName::ReviewLitigation,
                r.key(),
                "total",
                t.get(&r, &ReviewColumn::Total),
            )
        })
    };
    let leg = |r: LegacyRow| {
        report.legacy.as_ref().map(|t| {
            check_cell(
                TableName::Legacy,
                r.key(),
                "value",
                t.get(&LegacyKey::Known(r), &ValueColumn::Value),
            )
        })
    };
    let some = |v: Vec<Option<CheckCell>>| v.into_iter().collect::<Option<Vec<_>>>();
    let options: Vec<Option<Vec<CheckCell>>> = match row {
        // 收到 N件 is 一 alone, or 一 + 二.
        NarrativeRow::RequestsReceived => vec![
            some(vec![req(RequestRow::NewReceived)]),
            some(vec![
                req(RequestRow::NewReceived),
                req(RequestRow::CarriedOver),
            ]),
        ],
        NarrativeRow::RequestsDenied => vec![some(
            RequestRow::ALL
                .iter()
                .filter(|r| r.group() == Some(RequestGroup::Denied) && r.is_outcome())
                .map(|r| req(*r))
                .collect(),
        )],
        NarrativeRow::ReviewsTotal => vec![some(vec![rev(ReviewRow::Review)])],
        NarrativeRow::LawsuitsTotal => vec![some(vec![
            rev(ReviewRow::LitigationDirect),
            rev(ReviewRow::LitigationAfterReview),
        ])],
        NarrativeRow::ProactiveTotal
        | NarrativeRow::ProactiveViaWebsite
        | NarrativeRow::FeesCollected => vec![],
    };
    // The 统计表's indicator it restates, if any.
    let options = options
        .into_iter()
        .chain(row.legacy_row().map(|r| some(vec![leg(r)])));
    // Only cells the report prints count as a restatement.
    options
        .into_iter()
        .flatten()
        .filter(|cells| cells.iter().all(|c| c.span.is_some()))
        .collect()
}

fn narrative_checks(report: &Report, out: &mut Vec<Check>) {
    for (row, _, cell) in report.narrative.iter() {
        let stated = check_cell(TableName::Narrative, row.key(), "value", Some(cell));
        let alternatives = restated(report, *row);
        if alternatives.is_empty()
            || stated.value.is_none()
            || cell
                .bound()
                .is_some_and(crate::number::Bound::is_approximate)
        {
            continue;
        }
        let checks: Vec<Check> = alternatives
            .into_iter()
            .map(|cells| {
                make(
                    Identity::NarrativeRestates,
                    row.key(),
                    true,
                    [stated.clone()],
                    cells,
                )
            })
            .collect();
        // The text restates the table if it matches any grouping.
        let best = checks
            .iter()
            .position(|c| c.status == CheckStatus::Pass)
            .unwrap_or(0);
        if let Some(check) = checks.into_iter().nth(best) {
            out.push(check);
        }
    }
}

/// The number cells of the tables that can repeat each other, each table's in the order the
/// source prints them: `(table, [(span start, value, tidy row)])`, from one pass over the report.
fn printed_numbers<'a>(
    tidy: &'a [crate::tidy::TidyRow<'a>],
) -> Vec<(TableName, Vec<&'a crate::tidy::TidyRow<'a>>)> {
    let mut out: Vec<(TableName, Vec<&crate::tidy::TidyRow<'_>>)> = [
        TableName::Proactive,
        TableName::Requests,
        TableName::ReviewLitigation,
        TableName::Legacy,
    ]
    .into_iter()
    .map(|t| (t, Vec::new()))
    .collect();
    for row in tidy {
        if let (TidyValue::Cell(c), Some(slot)) =
            (&row.value, out.iter_mut().find(|(t, _)| *t == row.table))
        {
            if matches!(c.value, CellValue::Number(_)) {
                slot.1.push(row);
            }
        }
    }
    for (_, rows) in &mut out {
        rows.sort_by_key(|r| r.span.map(|s| s.start));
    }
    out
}

/// The number of a tidy row known to hold one.
fn number_of(row: &crate::tidy::TidyRow<'_>) -> Option<Decimal> {
    match row.value {
        TidyValue::Cell(c) => c.decimal(),
        _ => None,
    }
}

/// Two tables printing the same numbers in the same order: a page that repeats one table in
/// place of another, or a reading that took one table's rows twice. Needs at least four numbers,
/// three of them not zero, so that small all-zero tables do not match by chance.
fn repeated_table_checks(report: &Report, out: &mut Vec<Check>) {
    let tidy = report.tidy();
    let tables: Vec<_> = printed_numbers(&tidy)
        .into_iter()
        .filter(|(_, rows)| {
            rows.len() >= 4
                && rows
                    .iter()
                    .filter(|r| number_of(r).is_some_and(|v| v != Decimal::ZERO))
                    .count()
                    >= 3
        })
        .collect();
    let cells_of = |rows: &[&crate::tidy::TidyRow<'_>]| -> Vec<CheckCell> {
        rows.iter()
            .map(|r| match r.value {
                TidyValue::Cell(c) => check_cell(r.table, r.row.clone(), r.column.clone(), Some(c)),
                _ => check_cell(r.table, r.row.clone(), r.column.clone(), None),
            })
            .collect()
    };
    for (i, (a, first)) in tables.iter().enumerate() {
        for (b, second) in &tables[i + 1..] {
            let repeated = first.len() == second.len()
                && first
                    .iter()
                    .zip(second)
                    .all(|(x, y)| number_of(x) == number_of(y));
            let cells = if repeated {
                let mut cells = cells_of(first);
                cells.extend(cells_of(second));
                cells
            } else {
                Vec::new()
            };
            out.push(Check {
                id: format!("{}[{},{}]", Identity::RepeatedTable.key(), a.key(), b.key()),
                identity: Identity::RepeatedTable,
                soft: false,
                status: if repeated {
                    CheckStatus::Fail
                } else {
                    CheckStatus::Pass
                },
                lhs: None,
                rhs: None,
                delta: None,
                blanks_as_zero: false,
                cells,
                hint: repeated.then(|| {
                    format!(
                        "`{}` and `{}` print the same {} numbers in the same order: one table read twice?",
                        a.key(),
                        b.key(),
                        first.len()
                    )
                }),
            });
        }
    }
}

/// Every identity of one report, checked.
pub fn validate(report: &Report) -> Vec<Check> {
    let mut out = Vec::new();
    requests_checks(report, &mut out);
    review_checks(report, &mut out);
    legacy_checks(report, &mut out);
    narrative_checks(report, &mut out);
    repeated_table_checks(report, &mut out);
    out
}

/// The key two reports of one agency share: its canonical key ([`crate::agency`]), else its
/// name without spaces, if it has one.
fn agency_key(report: &Report) -> Option<String> {
    if let Some(key) = &report.meta.agency_key {
        return Some(key.clone());
    }
    let a = report.meta.agency.as_ref()?;
    Some(a.value.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Checks across a set of reports: for each agency's consecutive years, 四、结转下年度 of year Y−1
/// against 二、上年结转 of year Y (soft: agencies restate), and a report whose tables repeat the
/// previous year's number for number. Returns `(index of the later report, check)` pairs.
pub fn validate_set(reports: &[&Report]) -> Vec<(usize, Check)> {
    let mut out = Vec::new();
    // Each report's agency and year, and the first report of each (looked up once: a set of
    // 20,000 reports is not searched 20,000 times).
    let keys: Vec<Option<(String, _)>> = reports
        .iter()
        .map(|r| Some((agency_key(r)?, r.meta.year.as_ref()?.value)))
        .collect();
    let mut first = std::collections::HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            first.entry(key.clone()).or_insert(i);
        }
    }
    for (i, later) in reports.iter().enumerate() {
        let Some((key, year)) = &keys[i] else {
            continue;
        };
        let year = *year;
        let Some(earlier) = first.get(&(key.clone(), year - 1)).map(|&j| reports[j]) else {
            continue;
        };
        if let (Some(prev), Some(next)) = (&earlier.requests, &later.requests) {
            for c in RequestColumn::ALL {
                let forward = prev.get(&RequestRow::CarriedForward, c);
                let over = next.get(&RequestRow::CarriedOver, c);
                if forward.is_none() || over.is_none() {
                    continue;
                }
                let mut check = make(
                    Identity::CarriedAcrossYears,
                    &format!("{},{}", year, c.key()),
                    true,
                    [check_cell(
                        TableName::Requests,
                        RequestRow::CarriedOver.key(),
                        c.key(),
                        over,
                    )],
                    [check_cell(
                        TableName::Requests,
                        RequestRow::CarriedForward.key(),
                        c.key(),
                        forward,
                    )],
                );
                check.hint = Some(format!("结转下年度 as the {} report prints it", year - 1));
                out.push((i, check));
            }
        }
        let tables = |r: &Report| {
            r.tidy()
                .into_iter()
                .filter(|t| !matches!(t.table, TableName::Meta | TableName::Narrative))
                .map(|t| format!("{}/{}/{}={}", t.table.key(), t.row, t.column, t.value))
                .collect::<Vec<_>>()
        };
        let (a, b) = (tables(earlier), tables(later));
        let numbers = a
            .iter()
            .filter(|v| !v.ends_with("=0") && !v.ends_with('='))
            .count();
        let repeated = !a.is_empty() && a == b && numbers > 0;
        out.push((
            i,
            Check {
                id: format!("{}[{year}]", Identity::RepeatedReport.key()),
                identity: Identity::RepeatedReport,
                soft: true,
                status: if repeated {
                    CheckStatus::Fail
                } else {
                    CheckStatus::Pass
                },
                lhs: None,
                rhs: None,
                delta: None,
                blanks_as_zero: false,
                cells: Vec::new(),
                hint: repeated
                    .then(|| format!("every table cell equals the {} report's", year - 1)),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legacy::LegacyTable;
    use crate::review::ReviewTable;
    use crate::span::Span;

    /// A review table of 5 numbers and a legacy table printing the same 5 further down the page.
    fn report(legacy_values: [i64; 5]) -> Report {
        let mut review = ReviewTable::new();
        let mut legacy = LegacyTable::new();
        let values = [3, 1, 2, 0, 6];
        for (i, (col, v)) in ReviewColumn::ALL.iter().take(5).zip(values).enumerate() {
            let at = 100 + 10 * u32::try_from(i).unwrap();
            review.insert(
                ReviewRow::Review,
                *col,
                Cell::number(Decimal::from_int(v), Span::new(at, at + 1)),
            );
        }
        for (i, (row, v)) in LegacyRow::ALL.iter().take(5).zip(legacy_values).enumerate() {
            let at = 500 + 10 * u32::try_from(i).unwrap();
            legacy.insert(
                LegacyKey::Known(*row),
                ValueColumn::Value,
                Cell::number(Decimal::from_int(v), Span::new(at, at + 1)),
            );
        }
        Report {
            review_litigation: Some(review),
            legacy: Some(legacy),
            ..Report::default()
        }
    }

    fn repeated(report: &Report) -> Check {
        validate(report)
            .into_iter()
            .find(|c| c.identity == Identity::RepeatedTable)
            .unwrap()
    }

    #[test]
    fn a_table_printing_another_tables_numbers_fails() {
        let r = report([3, 1, 2, 0, 6]);
        let check = repeated(&r);
        assert_eq!(check.id, "tables.repeated[review_litigation,legacy]");
        assert_eq!(check.status, CheckStatus::Fail);
        assert_eq!(check.cells.len(), 10);
        assert!(check.hint.as_deref().unwrap().contains("same 5 numbers"));
    }

    #[test]
    fn tables_differing_in_one_number_pass() {
        let r = report([3, 1, 2, 0, 7]);
        let check = repeated(&r);
        assert_eq!(check.status, CheckStatus::Pass);
        assert!(check.cells.is_empty() && check.hint.is_none());
    }
}
