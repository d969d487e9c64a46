//! Table 三, 收到和处理政府信息公开申请情况: rows of 7 cells under the applicant columns.

use super::joint::{self, Lookup};
use super::split::total_is_sum;
use super::{
    Ctx, Row, RowRead, Unsettled, alternative_values, fold_row, join_wrapped, read_row, row_digits,
};
use crate::label::{LabelTable, Match, fold};
use crate::layout::Layout;
use ogi_model::requests::{APPLICANT_COLUMNS, TEMPLATE_COLUMNS};
use ogi_model::{
    Code, Decimal, Format, RequestColumn, RequestGroup, RequestRow, RequestsTable, Severity,
};
use std::ops::Range;
use std::sync::LazyLock;

/// What a row label of table 三 can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// A data row.
    Row(RequestRow),
    /// A merged label over several rows; with values of its own, it is a subtotal (or, for
    /// (六)其他处理, the single row of the 2019 format).
    Group(RequestGroup),
    /// `小计` / `合计`: the subtotal of the group it stands in.
    Subtotal,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Row(r) => r.key(),
            Key::Group(g) => g.key(),
            Key::Subtotal => "subtotal",
        }
    }
}

/// Row labels beyond the template's own (which come from the model): variants seen in real
/// reports, each matched exactly.
const ROW_VARIANTS: &[(Key, &str)] = &[
    // Seed 002 writes 政务信息 for 政府信息.
    (
        Key::Row(RequestRow::NewReceived),
        "本年新收政务信息公开申请数量",
    ),
    (Key::Row(RequestRow::NewReceived), "本年新收申请数量"),
    (Key::Row(RequestRow::CarriedOver), "上年结转申请数量"),
    (Key::Row(RequestRow::TotalHandled), "总计"),
    (Key::Row(RequestRow::CarriedForward), "结转下年度继续办理"),
    (
        Key::Row(RequestRow::DeniedSecurityStability),
        "危及三安全一稳定",
    ),
    (Key::Row(RequestRow::OtherMisc), "其他"),
    (Key::Subtotal, "小计"),
    (Key::Subtotal, "合计"),
];

static ROWS: LazyLock<LabelTable<Key>> = LazyLock::new(|| {
    let rows = RequestRow::ALL
        .iter()
        .filter(|r| !r.is_subtotal() && **r != RequestRow::Other)
        .map(|r| (Key::Row(*r), r.label()));
    let groups = RequestGroup::ALL
        .iter()
        .map(|g| (Key::Group(*g), g.label()));
    LabelTable::new(rows.chain(groups).chain(ROW_VARIANTS.iter().copied()))
});

/// The data rows alone, for joining wrapped labels: a joined label names a row of numbers,
/// never a merged group label.
static DATA_ROWS: LazyLock<LabelTable<Key>> = LazyLock::new(|| {
    let rows = RequestRow::ALL
        .iter()
        .filter(|r| !r.is_subtotal() && **r != RequestRow::Other)
        .map(|r| (Key::Row(*r), r.label()));
    let variants = ROW_VARIANTS
        .iter()
        .copied()
        .filter(|(k, _)| matches!(k, Key::Row(_)));
    LabelTable::new(rows.chain(variants))
});

/// Column labels: the template's, and variants (seed 002 writes 商业机构 for 商业企业).
const COLUMN_VARIANTS: &[(RequestColumn, &str)] = &[
    (RequestColumn::Commercial, "商业机构"),
    (RequestColumn::SocialWelfare, "社会公益"),
    (RequestColumn::LegalServices, "法律服务"),
    (RequestColumn::LegalPersonSubtotal, "小计"),
    (RequestColumn::LegalPersonSubtotal, "合计"),
];

static COLUMNS: LazyLock<LabelTable<RequestColumn>> = LazyLock::new(|| {
    let template = RequestColumn::ALL
        .iter()
        .filter(|c| **c != RequestColumn::LegalPersonSubtotal)
        .map(|c| (*c, c.label()));
    LabelTable::new(template.chain(COLUMN_VARIANTS.iter().copied()))
});

/// The value columns, from the header rows: the template's seven, with a
/// 法人或其他组织 subtotal column inserted where the header shows one.
fn columns(ctx: &Ctx<'_>, header: &[&Row]) -> Vec<RequestColumn> {
    let mut cols = TEMPLATE_COLUMNS.to_vec();
    for row in header {
        let found: Vec<RequestColumn> = row
            .labels
            .iter()
            .filter_map(|r| {
                COLUMNS
                    .best(&fold(ctx.text.get(r.clone())), |_| Some(0.0))
                    .key()
            })
            .collect();
        if let Some(i) = found
            .iter()
            .position(|c| *c == RequestColumn::LegalPersonSubtotal)
        {
            // 小计 before the five organisation columns sits right after 自然人.
            let before_orgs = found[i + 1..].contains(&RequestColumn::Commercial);
            let at = if before_orgs { 1 } else { 6 };
            cols.insert(at, RequestColumn::LegalPersonSubtotal);
            break;
        }
    }
    cols
}

/// The row identities of table 三 over `cols`: 总计 is the sum of the applicant columns, a
/// 法人或其他组织 subtotal the sum of the organisation columns; no count is negative.
fn row_identity(cols: &[RequestColumn], values: &[Decimal]) -> bool {
    if values.iter().any(|v| v.is_negative()) {
        return false;
    }
    let get = |c: RequestColumn| cols.iter().position(|k| *k == c).map(|i| values[i]);
    let sum = |cs: &[RequestColumn]| {
        cs.iter()
            .filter_map(|c| get(*c))
            .try_fold(Decimal::ZERO, Decimal::checked_add)
    };
    if cols == TEMPLATE_COLUMNS {
        return total_is_sum(values);
    }
    let total_ok = get(RequestColumn::Total).is_none_or(|t| sum(APPLICANT_COLUMNS) == Some(t));
    let sub_ok = get(RequestColumn::LegalPersonSubtotal)
        .is_none_or(|t| sum(&APPLICANT_COLUMNS[1..]) == Some(t));
    total_ok && sub_ok
}

/// Matches one label of a row, in the context of the group it stands in.
fn match_label(
    ctx: &mut Ctx<'_>,
    label: &str,
    at: Range<usize>,
    layout: Layout,
    group: Option<RequestGroup>,
) -> Match<Key> {
    let folded = fold_row(&ROWS, label, layout);
    let m = ROWS.best(&folded, |k| {
        Some(match k {
            Key::Row(r) if group.is_some() && r.group() == group => 0.05,
            _ => 0.0,
        })
    });
    if let Match::Loose(key, score) = m {
        ctx.report(
            Code::RowLoose,
            Severity::Info,
            format!(
                "row label `{label}` read as `{}` (similarity {score:.2})",
                key.name()
            ),
            at,
        );
    }
    m
}

/// The key a row's own label names, reporting labels that name no row, or several.
fn row_key(ctx: &mut Ctx<'_>, row: &Row, label: &str, group: Option<RequestGroup>) -> Option<Key> {
    let has_values = !row.values.is_empty();
    match match_label(ctx, label, row.label_range(), row.layout, group) {
        Match::Exact(k) | Match::Loose(k, _) => Some(k),
        Match::Ambiguous(a, b) if has_values => {
            ctx.report(
                Code::RowAmbiguous,
                Severity::Warning,
                format!(
                    "row label `{label}` matches both `{}` and `{}`",
                    a.name(),
                    b.name()
                ),
                row.label_range(),
            );
            None
        }
        Match::Ambiguous(..) => None,
        Match::None => {
            if let Some(r) = split_merged_group(label, row.layout) {
                return Some(Key::Row(r));
            }
            if has_values && row.has_numbers(ctx.text) {
                ctx.report(
                    Code::RowUnmatched,
                    Severity::Warning,
                    format!("row label `{label}` is not a row of table 三"),
                    row.label_range(),
                );
            }
            None
        }
    }
}

/// A merged group label run into the first row under it, as PDF text and crawler dumps print
/// them: `(四)无法提供 1.本机关不掌握相关政府信息` (corpus 024, pdf-extract). Split before an
/// ordinal or at a space, where the part before is a group label and the part after a row of
/// that group.
fn split_merged_group(label: &str, layout: Layout) -> Option<RequestRow> {
    let cuts = label.char_indices().filter_map(|(i, c)| {
        let rest = &label[i..];
        let ordinal = c.is_ascii_digit() && rest[1..].starts_with(['.', '．', '、']);
        (i > 0 && (c.is_whitespace() || ordinal)).then_some(i)
    });
    for cut in cuts {
        let (head, tail) = (label[..cut].trim(), label[cut..].trim());
        let Match::Exact(Key::Group(g)) = ROWS.best(&fold_row(&ROWS, head, layout), |_| Some(0.0))
        else {
            continue;
        };
        if let Match::Exact(Key::Row(r)) | Match::Loose(Key::Row(r), _) =
            ROWS.best(&fold_row(&ROWS, tail, layout), |_| Some(0.0))
        {
            if r.group() == Some(g) {
                return Some(r);
            }
        }
    }
    None
}

/// The data row a group label with values of its own stands for.
fn group_row(group: RequestGroup) -> Option<RequestRow> {
    match group {
        RequestGroup::Denied => Some(RequestRow::DeniedSubtotal),
        RequestGroup::Unable => Some(RequestRow::UnableSubtotal),
        RequestGroup::Rejected => Some(RequestRow::RejectedSubtotal),
        RequestGroup::OtherHandling => Some(RequestRow::Other),
        RequestGroup::Outcomes => None,
    }
}

/// Reads table 三 from its rows.
///
/// Rows: `row = parent_label? label cell{7}`, e.g. from seed 002:
/// `(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`. A label on a line of its own
/// names the values on the next line, and labels wrapped around a line of numbers are joined
/// (pdftotext); a merged group label (`(三)不予公开`) sets the context for the rows under it; a
/// crawler's digit run (`713000074`) is split into seven cells when only one split keeps
/// 总计 equal to the sum of the applicant columns.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> RequestsTable {
    let text = ctx.text;
    let rows = join_wrapped(text, rows, &|s, floor| DATA_ROWS.score(s, floor));
    let first_data = rows
        .iter()
        .position(|r| !r.values.is_empty() && r.has_numbers(text));
    let header: Vec<&Row> = rows[..first_data.unwrap_or(rows.len())].iter().collect();
    let cols = columns(ctx, &header);
    let mut table = RequestsTable::new();
    let mut group: Option<RequestGroup> = None;
    let mut pending: Option<RequestRow> = None;
    // Rows whose digits split several ways: settled by the column identities at the end.
    let mut unsettled: Unsettled<RequestRow> = Vec::new();

    for row in rows.iter().skip(first_data.unwrap_or(rows.len())) {
        // Parent labels first: they set the group.
        for i in 0..row.labels.len().saturating_sub(1) {
            let r = row.labels[i].clone();
            if let Some(Key::Group(g)) =
                match_label(ctx, text.get(r.clone()), r, row.layout, group).key()
            {
                group = Some(g);
            }
        }
        let has_values = !row.values.is_empty();
        let key = match row.label(text) {
            None => pending.take().map(Key::Row),
            Some(label) => row_key(ctx, row, &label, group),
        };
        let target = match key {
            Some(Key::Row(r)) => {
                if let Some(g) = r.group() {
                    group = Some(g);
                }
                Some(r)
            }
            Some(Key::Group(g)) => {
                group = Some(g);
                let row_of_group = if has_values { group_row(g) } else { None };
                if has_values && row_of_group.is_none() && row.has_numbers(text) {
                    ctx.report(
                        Code::RowUnmatched,
                        Severity::Warning,
                        format!(
                            "numbers under the merged label `{}`, which has no row of its own",
                            g.label()
                        ),
                        row.label_range(),
                    );
                }
                row_of_group
            }
            Some(Key::Subtotal) => group.and_then(group_row).filter(|r| r.is_subtotal()),
            None => None,
        };
        let Some(target) = target else { continue };
        if !has_values {
            // The label stands alone; its values follow on the next line.
            pending = Some(target);
            continue;
        }
        if table.row(&target).next().is_some() || unsettled.iter().any(|(r, _, _)| *r == target) {
            ctx.report_duplicate(target.key(), row.range.clone());
            continue;
        }
        let accept = |values: &[Decimal]| row_identity(&cols, values);
        match read_row(ctx, row, target.key(), cols.len(), &accept) {
            RowRead::Cells(cells) => {
                for (col, cell) in cols.iter().zip(cells) {
                    table.insert(target, *col, cell);
                }
            }
            RowRead::Alternatives(alternatives) => {
                unsettled.push((target, row.clone(), alternatives));
            }
            RowRead::Failed => {}
        }
    }
    settle(ctx, &mut table, &cols, unsettled);
    for r in [
        RequestRow::OtherNoCorrection,
        RequestRow::OtherUnpaidFee,
        RequestRow::OtherMisc,
    ] {
        if let Some(cell) = table.row(&r).next().map(|(_, c)| c.span) {
            ctx.format_hints.push((Format::V2021, cell));
        }
    }
    table
}

/// The column identities of table 三, where they can be assessed: 一+二 = (七)+四, and the
/// outcome rows of the format (one (六)其他处理 row, or its three sub-rows) sum to (七).
fn columns_hold(cols: &[RequestColumn], value: Lookup<'_, RequestRow>) -> bool {
    let outcomes = RequestRow::outcome_rows(value(RequestRow::Other, 0).is_some());
    (0..cols.len()).all(|c| {
        let balance = match (
            value(RequestRow::NewReceived, c),
            value(RequestRow::CarriedOver, c),
            value(RequestRow::TotalHandled, c),
            value(RequestRow::CarriedForward, c),
        ) {
            (Some(new), Some(carried), Some(handled), Some(forward)) => {
                new.checked_add(carried) == handled.checked_add(forward)
            }
            _ => true,
        };
        let parts: Vec<_> = outcomes.iter().map(|r| value(*r, c)).collect();
        balance && joint::sums_to(value(RequestRow::TotalHandled, c), &parts) != Some(false)
    })
}

/// Settles rows whose digits split several ways by the column identities, or reports them.
fn settle(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
    unsettled: Unsettled<RequestRow>,
) {
    if unsettled.is_empty() {
        return;
    }
    let pending: Vec<(RequestRow, Vec<Vec<Decimal>>)> = unsettled
        .iter()
        .map(|(r, _, alts)| (*r, alternative_values(ctx.text, alts)))
        .collect();
    let fixed =
        |row: RequestRow, c: usize| table.get(&row, &cols[c]).and_then(ogi_model::Cell::decimal);
    let choice = joint::resolve(&pending, &fixed, &|v| columns_hold(cols, v));
    for (i, (target, row, alternatives)) in unsettled.into_iter().enumerate() {
        let chosen = choice.as_ref().and_then(|c| alternatives.get(c[i]));
        match chosen.and_then(|ranges| ctx.cells(ranges)) {
            Some(cells) => {
                ctx.report(
                    Code::CellSplitSettled,
                    Severity::Info,
                    format!(
                        "row `{}`: the only split of `{}` that keeps the table's column identities",
                        target.key(),
                        row_digits(ctx.text, &row.values)
                    ),
                    row.range.clone(),
                );
                for (col, cell) in cols.iter().zip(cells) {
                    table.insert(target, *col, cell);
                }
            }
            None => ctx.report_ambiguous(target.key(), &row, cols.len(), Some(alternatives.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Layout, split_merged_group};
    use ogi_model::{RequestColumn as C, RequestRow as R};

    #[test]
    fn a_group_label_run_into_its_first_row_is_split() {
        // pdf-extract's text of corpus 024.
        let label = "(四)无法提供 1.本机关不掌握相关政府信息";
        assert_eq!(
            split_merged_group(label, Layout::Stream),
            Some(R::UnableNotHeld)
        );
        assert_eq!(
            split_merged_group("(四)无法提供1.本机关不掌握相关政府信息", Layout::Stream),
            Some(R::UnableNotHeld)
        );
        // A row of another group is not taken.
        assert_eq!(
            split_merged_group("(四)无法提供 1.属于国家秘密", Layout::Stream),
            None
        );
    }

    fn get(report: &ogi_model::Report, row: R, col: C) -> Option<i64> {
        report.requests.as_ref()?.get(&row, &col)?.int()
    }

    /// Some agencies add a 法人或其他组织 subtotal column and subtotal rows for (三)–(六).
    #[test]
    fn subtotal_column_and_rows_are_keyed_apart() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况\n\
            自然人 | 法人或其他组织 | 总计\n\
            商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计\n\
            一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 1 | 0 | 3 | 13\n\
            (三)不予公开 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 2\n\
            1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 2\n\
            (七)总计 | 10 | 2 | 0 | 0 | 1 | 0 | 3 | 13\n";
        let report = crate::parse_str(text).unwrap();
        assert_eq!(
            get(&report, R::NewReceived, C::LegalPersonSubtotal),
            Some(3)
        );
        assert_eq!(get(&report, R::NewReceived, C::Total), Some(13));
        assert_eq!(get(&report, R::NewReceived, C::OtherOrg), Some(0));
        assert_eq!(get(&report, R::DeniedSubtotal, C::NaturalPerson), Some(2));
        assert_eq!(get(&report, R::DeniedStateSecret, C::Total), Some(2));
        assert_eq!(get(&report, R::TotalHandled, C::Total), Some(13));
    }
}
