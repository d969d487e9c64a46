//! Table 三, 收到和处理政府信息公开申请情况: rows of 7 cells under the applicant columns.
//!
//! Every label, column and identity comes from the registry ([`ogi_model::requests`]).

use super::assign::{
    Expect, NO_PAGES, Pages, Places, RowRead, agreed_cells, cells_of, read_row, report_ambiguous,
    row_digits,
};
use super::joint::{self, RowCheck, columns_hold};
use super::solve::Rules;
use super::{
    Ctx, HeadCell, Join, Named, Row, head_cells, header_keys, is_header, join_wrapped,
    labels_alone_are_blank, name_row, report_lost_rows,
};
use crate::label::{LabelTable, Match, fold};
use crate::layout::{Boundaries, Evidence};
use ogi_model::requests::{HEADER_LABELS, IDENTITIES, SUBTOTAL_LABELS, TEMPLATE_COLUMNS};
use ogi_model::template::{Generations, Shape};
use ogi_model::{
    Code, Decimal, Format, RequestColumn, RequestGroup, RequestRow, RequestsTable, Severity,
    TableName,
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

/// The labels of the registry's rows: each data row's label and aliases (the 2019 template's
/// single （六） row is its merged label with values), the merged labels, the subtotal words.
fn labels(data_only: bool) -> LabelTable<Key> {
    let rows = RequestRow::ALL
        .iter()
        .filter(|r| !r.is_subtotal() && **r != RequestRow::Other)
        .flat_map(|r| {
            std::iter::once(r.label())
                .chain(r.spec().aliases.iter().copied())
                .map(move |l| (Key::Row(*r), l))
        });
    let groups = RequestGroup::ALL.iter().flat_map(|g| {
        std::iter::once(g.label())
            .chain(g.spec().aliases.iter().copied())
            .map(move |l| (Key::Group(*g), l))
    });
    let subtotals = SUBTOTAL_LABELS.iter().map(|l| (Key::Subtotal, *l));
    if data_only {
        LabelTable::new(rows)
    } else {
        LabelTable::new(rows.chain(groups).chain(subtotals))
    }
}

static ROWS: LazyLock<LabelTable<Key>> = LazyLock::new(|| labels(false));

/// The data rows alone, for joining wrapped labels: a joined label names a row of numbers,
/// never a merged group label.
static DATA_ROWS: LazyLock<LabelTable<Key>> = LazyLock::new(|| labels(true));

/// What a header cell of table 三 can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Column(RequestColumn),
    /// A header label over columns (申请人情况, 法人或其他组织, the corner note).
    Group,
}

/// Column labels and the header labels over them, from the registry.
static COLUMNS: LazyLock<LabelTable<Head>> = LazyLock::new(|| {
    let columns = RequestColumn::ALL.iter().flat_map(|c| {
        std::iter::once(c.label())
            .chain(c.spec().aliases.iter().copied())
            .map(move |l| (Head::Column(*c), l))
    });
    LabelTable::new(columns.chain(HEADER_LABELS.iter().map(|l| (Head::Group, *l))))
});

/// The columns a header's label names: a label that two columns share (`合计`: the total, or
/// the organisations' subtotal) names both.
fn header_columns(m: Match<Head>) -> Vec<RequestColumn> {
    match m {
        Match::Exact(Head::Column(c)) | Match::Loose(Head::Column(c), _) => vec![c],
        Match::Ambiguous(Head::Column(a), Head::Column(b)) => vec![a, b],
        _ => Vec::new(),
    }
}

/// The value columns and where they stand: the template's seven, with a 法人或其他组织
/// subtotal column where the header shows one (`小计`, or `合计` beside a `总计`), and the places
/// of the header cells naming them.
fn columns(
    text: &crate::text::Text,
    header: &[HeadCell],
) -> (Vec<RequestColumn>, Vec<(usize, Range<u32>)>) {
    let named: Vec<(Vec<RequestColumn>, Range<u32>)> = header_keys(text, &COLUMNS, header)
        .into_iter()
        .map(|(m, _, at)| (header_columns(m), at))
        .filter(|(c, _)| !c.is_empty())
        .collect();
    let has = |c: RequestColumn| named.iter().any(|(n, _)| n.as_slice() == [c]);
    // A label naming the total or the subtotal names the subtotal beside a 总计, else the total.
    let resolve = |cs: &[RequestColumn]| -> Option<RequestColumn> {
        match cs {
            [c] => Some(*c),
            [..] if cs.contains(&RequestColumn::Total) && has(RequestColumn::Total) => {
                Some(RequestColumn::LegalPersonSubtotal)
            }
            [..] if cs.contains(&RequestColumn::LegalPersonSubtotal)
                && has(RequestColumn::LegalPersonSubtotal) =>
            {
                Some(RequestColumn::Total)
            }
            [..] => cs
                .iter()
                .copied()
                .find(|c| *c == RequestColumn::Total)
                .or(cs.first().copied()),
        }
    };
    let found: Vec<(RequestColumn, Range<u32>)> = named
        .iter()
        .filter_map(|(cs, at)| resolve(cs).map(|c| (c, at.clone())))
        .collect();
    let mut cols = TEMPLATE_COLUMNS.to_vec();
    if let Some(i) = found
        .iter()
        .position(|(c, _)| *c == RequestColumn::LegalPersonSubtotal)
    {
        // 小计 before the five organisation columns sits right after 自然人.
        let before_orgs = found[i + 1..]
            .iter()
            .any(|(c, _)| *c == RequestColumn::Commercial);
        cols.insert(
            if before_orgs { 1 } else { 6 },
            RequestColumn::LegalPersonSubtotal,
        );
    }
    let places = found
        .into_iter()
        .filter_map(|(c, at)| cols.iter().position(|k| *k == c).map(|i| (i, at)))
        .collect();
    (cols, places)
}

/// Matches a label, in the context of the group it stands in, reporting a loose match.
fn match_label(ctx: &mut Ctx<'_>, named: &Named<Key>, at: Range<usize>) {
    if let Match::Loose(key, score) = named.matched {
        ctx.report(
            Code::RowLoose,
            Severity::Info,
            format!(
                "row label `{}` read as `{}` (similarity {score:.2})",
                named.text,
                key.name()
            ),
            at,
        );
    }
}

/// The context a group gives the keys under it.
fn in_group(group: Option<RequestGroup>) -> impl Fn(Key) -> Option<f64> {
    move |k| {
        Some(match k {
            Key::Row(r) if group.is_some() && r.group() == group => 0.05,
            _ => 0.0,
        })
    }
}

/// A merged group label run into the first row under it, as PDF text and crawler dumps print
/// them: `(四)无法提供 1.本机关不掌握相关政府信息` (corpus 024, pdf-extract). Split before an
/// ordinal or at a space, where the part before is a group label and the part after a row of
/// that group.
fn split_merged_group(label: &str, evidence: Evidence) -> Option<RequestRow> {
    for cut in inner_cuts(label) {
        let (head, tail) = (label[..cut].trim(), label[cut..].trim());
        let head = super::fold_row(&ROWS, head, evidence);
        if let Match::Exact(Key::Row(r)) | Match::Loose(Key::Row(r), _) =
            ROWS.best(&super::fold_row(&ROWS, tail, evidence), |_| Some(0.0))
            && let Some(g) = r.group()
            && names_group(&head, g)
        {
            return Some(r);
        }
    }
    None
}

/// Whether a folded label names the merged group `g`: its label, or the start of it with the
/// group's ordinal when the label wrapped (`(四)无法` of `(四)无法提供`, the rest on the next
/// line).
fn names_group(head: &crate::label::Folded, g: RequestGroup) -> bool {
    if ROWS.exact_key(head, |_| Some(0.0)) == Some(Key::Group(g)) {
        return true;
    }
    // The registry prints full-width brackets; the text is NFKC-clean.
    let own = fold(&g.label().replace('（', "(").replace('）', ")"));
    head.ordinal.is_some()
        && head.ordinal == own.ordinal
        && head.core.chars().count() >= 2
        && own.core.starts_with(&head.core)
}

/// A merged label with a row of its own (the 2019 （六）其他处理) alone, ending at `at`: its
/// row's cells are blank, unless rows under it follow (the 2021 group); `key` is what the next
/// row names.
fn group_alone_is_blank(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
    (g, at): (RequestGroup, usize),
    key: Option<Key>,
    row: &Row,
) {
    let under = matches!(key, Some(Key::Row(r)) if r.group() == Some(g));
    if let Some(r) = g
        .spec()
        .with_values
        .filter(|_| !under && labels_alone_are_blank(row))
    {
        blank_row(ctx, table, r, cols, at);
    }
}

/// The first row of data, the table's columns and where their cells stand.
fn columns_and_places(
    text: &crate::text::Text,
    rows: &[Row],
) -> (usize, Vec<RequestColumn>, Places) {
    let first_data = first_data_row(text, rows);
    let header = header_cells(text, rows, first_data);
    let (cols, header_places) = columns(text, &header);
    let mut places = Places::from_header(cols.len(), header_places);
    places.learn(rows[first_data..].iter());
    places.learn_columns(rows[first_data..].iter().filter(|r| r.is_data()));
    (first_data, cols, places)
}

/// Numbers that no label before them names (the label above named only a merged group, or
/// nothing readable): left out, and said so.
fn report_unnamed_numbers(ctx: &mut Ctx<'_>, row: &Row) {
    if row.is_data() && row.label(ctx.text).is_none() {
        ctx.report(
            Code::RowUnmatched,
            Severity::Warning,
            "a row of numbers whose label names no row of table 三 (the label above it names only a merged group, or nothing readable); its cells are left out".to_owned(),
            row.range.clone(),
        );
    }
}

/// Whether a label alone on its line is the tail of a wrapped label rather than a row of its
/// own: it names a row only loosely and has no ordinal (`另行制作`, the end of `2、没有现成信息
/// 需要` / `另行制作`), so no row of blank cells is made of it. (So is a label alone naming a
/// row whose cells were read or tried already: `只计这一情形,不计其他情形)` under
/// `(二)部分公开(区分处理的, 0 0`.)
fn is_label_tail(text: &crate::text::Text, row: &Row, group: Option<RequestGroup>) -> bool {
    row.label(text).is_some_and(|l| {
        let f = fold(&l);
        f.ordinal.is_none() && ROWS.exact_key(&f, in_group(group)).is_none()
    })
}

/// Where a label may be cut between a merged group label and a row's: before an ordinal
/// inside it, or at a space.
fn inner_cuts(label: &str) -> impl Iterator<Item = usize> + '_ {
    label.char_indices().filter_map(|(i, c)| {
        let rest = &label[i..];
        let ordinal = c.is_ascii_digit() && rest[1..].starts_with(['.', '．', '、']);
        (i > 0 && (c.is_whitespace() || ordinal)).then_some(i)
    })
}

/// A label that names the merged group `g` and runs on into a row of it after an inner ordinal,
/// the group's label itself wrapped: `(四)无法2、没有现成信息需要` (`(四)无法` / `提供` printed
/// over two lines beside the rows, in text laid out from a PDF without rules). The row, when
/// the part after the ordinal names one of the group's.
fn row_after_group(label: &str, g: RequestGroup, evidence: Evidence) -> Option<RequestRow> {
    inner_cuts(label)
        .filter(|&cut| label[cut..].starts_with(|c: char| c.is_ascii_digit()))
        .find_map(|cut| {
            match ROWS.best(
                &super::fold_row(&ROWS, label[cut..].trim(), evidence),
                |_| Some(0.0),
            ) {
                Match::Exact(Key::Row(r)) | Match::Loose(Key::Row(r), _)
                    if r.group() == Some(g) =>
                {
                    Some(r)
                }
                _ => None,
            }
        })
}

/// What a row's own label names.
enum Naming {
    /// One key, or none.
    One(Option<Key>),
    /// Two keys alike (a bare `合计`: （七）总计, or the subtotal of the merged label above).
    Either(Key, Key),
}

/// The key a row's own label names, reporting labels that name no row; and the index of its
/// first label cell.
fn row_key(ctx: &mut Ctx<'_>, row: &Row, group: Option<RequestGroup>) -> (Naming, usize) {
    let has_values = !row.values.is_empty();
    let text = ctx.text;
    let Some(named) = name_row(text, &ROWS, row, &in_group(group)) else {
        return (Naming::One(None), 0);
    };
    let at = row.label_range_from(named.first);
    match named.matched {
        Match::Exact(Key::Group(g)) | Match::Loose(Key::Group(g), _)
            if let Some(r) = row_after_group(&named.text, g, row.evidence) =>
        {
            (Naming::One(Some(Key::Row(r))), named.first)
        }
        Match::Exact(k) | Match::Loose(k, _) => {
            match_label(ctx, &named, at);
            (Naming::One(Some(k)), named.first)
        }
        Match::Ambiguous(a, b) if has_values => (Naming::Either(a, b), named.first),
        // A bare subtotal word alone (`合计`: （七）总计, or the subtotal of the merged label
        // above), where a gap is a blank cell: its numbers follow, or its cells are blank.
        Match::Ambiguous(a, b)
            if labels_alone_are_blank(row) && (a == Key::Subtotal || b == Key::Subtotal) =>
        {
            (Naming::Either(a, b), named.first)
        }
        Match::Ambiguous(..) => (Naming::One(None), named.first),
        Match::None => {
            if let Some(r) = split_merged_group(&named.text, row.evidence) {
                return (Naming::One(Some(Key::Row(r))), named.first);
            }
            if has_values && row.has_numbers() {
                ctx.report(
                    Code::RowUnmatched,
                    Severity::Warning,
                    format!("row label `{}` is not a row of table 三", named.text),
                    at,
                );
            }
            (Naming::One(None), named.first)
        }
    }
}

/// The header's cells: the rows before the first row of numbers, and label cells glued before
/// the first row's own label (one cell per line, a crawler's dump).
fn header_cells(text: &crate::text::Text, rows: &[Row], first_data: usize) -> Vec<HeadCell> {
    let glued = rows.get(first_data).map(|first| {
        let n = name_row(text, &ROWS, first, &in_group(None)).map_or(0, |n| n.first);
        &first.labels[..n]
    });
    let positioned = rows[..first_data]
        .iter()
        .all(|r| r.evidence.boundaries == Boundaries::Positioned);
    let known = |s: &str| COLUMNS.exact_key(&fold(s), |_| Some(0.0)).is_some();
    head_cells(
        text,
        rows[..first_data]
            .iter()
            .map(|r| r.labels.as_slice())
            .chain(glued),
        positioned.then_some(&known),
    )
}

/// The row of the table a row's key stands for, updating the merged label it stands under: a
/// data row; a merged label with values of its own (a subtotal, or the 2019 template's single
/// （六）其他处理 row); `小计` under a merged label, its subtotal.
/// The row of the table a key stands for under the merged label `group`, for a row with values
/// or without.
fn row_of(key: Key, group: Option<RequestGroup>, has_values: bool) -> Option<RequestRow> {
    match key {
        Key::Row(r) => Some(r),
        Key::Group(g) => g.spec().with_values.filter(|_| has_values),
        // The subtotal row of the merged label above.
        Key::Subtotal => group.and_then(|g| {
            RequestRow::ALL
                .iter()
                .copied()
                .find(|r| r.group() == Some(g) && r.is_subtotal())
        }),
    }
}

/// Which of two rows a row of `cells` is: the one whose column identities its cells keep (a
/// total equal to the sum of its parts, read above), when the other's do not. Cells all zero
/// or blank keep any sum of zeros and tell nothing.
fn by_identity(
    table: &RequestsTable,
    cols: &[RequestColumn],
    cells: &[ogi_model::Cell],
    candidates: [RequestRow; 2],
) -> Option<RequestRow> {
    let value = |c: &ogi_model::Cell| {
        if c.is_blank() {
            Some(Decimal::ZERO)
        } else {
            c.decimal()
        }
    };
    if cells.iter().all(|c| value(c) == Some(Decimal::ZERO)) {
        return None;
    }
    let keeps = |candidate: RequestRow| {
        IDENTITIES.iter().any(|i| match i.shape {
            Shape::Columns { lhs: [total], rhs } if *total == candidate => {
                cols.iter().zip(cells).all(|(col, cell)| {
                    let parts: Option<Vec<Decimal>> = rhs
                        .iter()
                        .map(|r| table.get(r, col).and_then(value))
                        .collect();
                    let sum = parts
                        .and_then(|p| p.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b)));
                    sum.is_some() && sum == value(cell)
                })
            }
            _ => false,
        })
    };
    match candidates.map(keeps) {
        [true, false] => Some(candidates[0]),
        [false, true] => Some(candidates[1]),
        _ => None,
    }
}

fn target(
    ctx: &mut Ctx<'_>,
    row: &Row,
    key: Option<Key>,
    group: &mut Option<RequestGroup>,
) -> Option<RequestRow> {
    let key = key?;
    let has_values = !row.values.is_empty();
    match key {
        Key::Row(r) => *group = r.group().or(*group),
        Key::Group(g) => {
            *group = Some(g);
            if has_values && g.spec().with_values.is_none() && row.has_numbers() {
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
        }
        Key::Subtotal => {}
    }
    row_of(key, *group, has_values)
}

/// The first row of the table's data: of numbers, or of blank cells under a row's label; a row
/// whose own label is a column's (`其他`, last of the header's row of organisations) is the
/// header. Where a row's label alone is a row of blanks, the first such label when it comes
/// sooner: a table of blank cells, or one printing its first numbers in a later row (a table
/// blank but for its last row's total), whose rows above are rows, not header.
fn first_data_row(text: &crate::text::Text, rows: &[Row]) -> usize {
    let first = |alone: bool| {
        rows.iter().position(|r| {
            let named = name_row(text, &ROWS, r, &in_group(None));
            let own_is_column = named.as_ref().is_some_and(|n| {
                matches!(
                    COLUMNS.best(&fold(&n.text), |_| Some(0.0)),
                    Match::Exact(Head::Column(_))
                )
            }) && is_header(text, &COLUMNS, r);
            // A header line of several words is no row's label alone (`人 企业 … 其他`); a
            // label with an ordinal glued after the header is (`…其他 | 一、本年新收…`).
            let ordinal = r
                .labels
                .last()
                .is_some_and(|p| fold(text.get(p.range.clone())).ordinal.is_some());
            let own_row = named.is_some_and(|n| matches!(n.matched, Match::Exact(Key::Row(_))));
            // A column's word alone on a line of the header (`其他`, stacked under
            // `法人或其他组织`) names no row of blanks.
            let column_word = || {
                r.labels.len() == 1
                    && !ordinal
                    && matches!(
                        COLUMNS.best(&fold(&r.label_text(text)), |_| Some(0.0)),
                        Match::Exact(Head::Column(_))
                    )
            };
            let cells = if alone {
                labels_alone_are_blank(r) && (ordinal || r.labels.len() <= 2) && !column_word()
            } else {
                !r.values.is_empty()
            };
            !own_is_column && (r.is_data() || (own_row && cells))
        })
    };
    match (first(false), first(true)) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(rows.len()),
    }
}

/// How a row of table 三 is named, settling a row named alone before it (`pending`): numbers
/// under a row named alone, behind the rest of its label (`、行政机关不再处理…`: no ordinal,
/// naming no row exactly), are that row's; a row named alone in a table of positioned cells, or
/// of cells one per line whose blanks leave no line, with another row's label after it (an
/// ordinal, or a label naming a row exactly) has all its cells blank. A label naming nothing
/// exactly, without an ordinal, may be the rest of the one before (`止公开`).
fn naming_of(
    ctx: &mut Ctx<'_>,
    row: &Row,
    group: Option<RequestGroup>,
    pending: &mut Option<RequestRow>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
) -> (Naming, usize) {
    let text = ctx.text;
    let label = row.label(text);
    let exact = |f: &crate::label::Folded| ROWS.exact_key(f, in_group(group)).is_some();
    // A label naming another row, even loosely (a wrapped one joined), is that row's.
    // So is a bare subtotal word naming two rows alike (`合计`), neither of them the row
    // before.
    let names_other = |f: &crate::label::Folded| match ROWS.best(f, in_group(group)) {
        Match::Exact(Key::Row(r)) | Match::Loose(Key::Row(r), _) => Some(r) != *pending,
        Match::Ambiguous(a, b) if a == Key::Subtotal || b == Key::Subtotal => [a, b]
            .iter()
            .all(|k| !matches!(k, Key::Row(r) if Some(*r) == *pending)),
        _ => false,
    };
    // A merged label with no row of its own, over the row named alone, printed on the line of
    // that row's numbers (`三、本年度办理` / `结果` beside the numbers of `1.本机关不掌握相关政`
    // / `务信息` above them): the numbers are that row's.
    let group_over_pending = |f: &crate::label::Folded| match ROWS.best(f, in_group(group)) {
        Match::Exact(Key::Group(g)) | Match::Loose(Key::Group(g), _) => {
            g.spec().with_values.is_none() && pending.is_some_and(|p| p.is_under(g))
        }
        _ => false,
    };
    let continues = pending.is_some()
        && !row.values.is_empty()
        && label.as_ref().is_some_and(|l| {
            let f = fold(l);
            (f.ordinal.is_none() && !exact(&f) && !names_other(&f)) || group_over_pending(&f)
        });
    if label.is_none() || continues {
        return (Naming::One(pending.take().map(Key::Row)), 0);
    }
    let named = row_key(ctx, row, group);
    let own = fold(&label.unwrap_or_default());
    let starts_row = matches!(named.0, Naming::One(Some(_)) | Naming::Either(..))
        && (own.ordinal.is_some() || exact(&own));
    if starts_row {
        if let Some(blank) = pending.take().filter(|_| labels_alone_are_blank(row)) {
            blank_row(ctx, table, blank, cols, row.range.start);
        }
    }
    named
}

/// Whether label pieces printed above a row whose own label is `own` may be part of its label:
/// not when `own` is a merged label and the pieces name a row of another group
/// (`5.要求行政机关确认或重新出具已获取信息` above `（六）其他处理 0 0 0`: the 2019 row of its own,
/// while the 2021 （六） prints on the line of one of its own rows).
fn pieces_under(pieces: &str, own: &str) -> Join {
    let Some(Key::Group(g)) = ROWS.exact_key(&fold(own), in_group(None)) else {
        return Join::Part;
    };
    match DATA_ROWS.best(&fold(pieces), in_group(None)) {
        Match::Exact(Key::Row(r)) | Match::Loose(Key::Row(r), _) if r.is_under(g) => Join::Under,
        Match::Exact(Key::Row(_)) | Match::Loose(Key::Row(_), _) => Join::Apart,
        _ => Join::Part,
    }
}

/// Reads table 三 from its rows.
///
/// Rows: `row = parent_label? label cell{7}`, e.g. from seed 002:
/// `(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`. A label on a line of its own
/// names the values on the next line, and labels wrapped around a line of numbers are joined;
/// a merged group label (`(三)不予公开`) sets the context for the rows under it. Values go to the
/// columns by [`read_row`]; a row that reads several ways (a crawler's `713000074` with blank
/// cells possible) waits for the column identities, which settle it only when one combination
/// of the rows' readings keeps them.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> RequestsTable {
    let text = ctx.text;
    let score = |s: &str, floor| DATA_ROWS.score(s, floor);
    let rows = join_wrapped(text, rows, &score, &pieces_under);
    let (first_data, cols, places) = columns_and_places(text, &rows);
    let check = RowCheck::new(IDENTITIES, &cols, &|_| false);
    let rules = super::solve::Rules::of_row(&check);
    let mut table = RequestsTable::new();
    let mut group: Option<RequestGroup> = None;
    let mut pending: Option<RequestRow> = None;
    // Rows that read several ways: settled by the column identities at the end.
    let mut unsettled: Vec<(RequestRow, Row, Vec<super::solve::Reading>)> = Vec::new();
    // Rows whose label named two rows alike, settled when the table is read.
    let mut undecided: Vec<Undecided> = Vec::new();
    let mut group_alone: Option<(RequestGroup, usize)> = None;
    let mut tried: Vec<RequestRow> = Vec::new(); // Rows read or tried: see `is_label_tail`.
    // A bare `合计` alone: its keys, group and label, until the next row tells its cells.
    let mut either_alone: Option<([Key; 2], Option<RequestGroup>, Range<usize>)> = None;
    // A page laid out anew moves as one: its moves, from all its rows.
    let pages = Pages::survey(
        text,
        rows.iter().skip(first_data).map(|r| (r, &places, &rules)),
    );
    let reading = (cols.as_slice(), &places, &rules, &pages);
    for row in rows.iter().skip(first_data) {
        if let Some(alone) = either_alone.take()
            && after_either(ctx, &mut table, &mut undecided, row, alone, reading)
        {
            continue;
        }
        let (naming, first) = naming_of(ctx, row, group, &mut pending, &mut table, &cols);
        // Merged labels before the row's own: they set the group.
        for p in &row.labels[..first.min(row.labels.len())] {
            if let Match::Exact(Key::Group(g)) | Match::Loose(Key::Group(g), _) =
                ROWS.best(&fold(text.get(p.range.clone())), in_group(group))
            {
                group = Some(g);
            }
        }
        let has_values = !row.values.is_empty();
        let key = match naming {
            Naming::One(key) => key,
            Naming::Either(a, b) if !has_values => {
                either_alone = Some(([a, b], group, row.label_range()));
                continue;
            }
            Naming::Either(a, b) => {
                undecided.extend(either(ctx, &mut table, row, [a, b], group, reading));
                continue;
            }
        };
        if let Some((g, at)) = group_alone.take() {
            group_alone_is_blank(ctx, &mut table, &cols, (g, at), key, row);
        }
        if let Some(Key::Group(g)) = key.filter(|_| !has_values && row.label(text).is_some()) {
            group_alone = g.spec().with_values.is_some().then_some((g, row.range.end));
        }
        let target = target(ctx, row, key, &mut group);
        let Some(target) = target else {
            report_unnamed_numbers(ctx, row);
            continue;
        };
        report_lost_rows(ctx, TableName::Requests, &DATA_ROWS, row, Key::name);
        if !has_values {
            if tried.contains(&target) || is_label_tail(text, row, group) {
                continue;
            }
            // The label stands alone; its values follow on the next line. A row named alone
            // before it, with no cells between, is blank where a gap or a missing line is a
            // blank cell, and otherwise unread, said so.
            if let Some(before) = pending.replace(target).filter(|b| *b != target) {
                row_without_cells(ctx, &mut table, before, row, &cols);
            }
            continue;
        }
        // A row named by its own label signals the generations printing it (a merged label
        // with values, （六）其他处理, is printed by both: as the 2019 row and the 2021 group).
        if matches!(key, Some(Key::Row(_))) {
            ctx.hint(target.spec().generations, row.label_range());
        }
        if table.row(&target).next().is_some() || unsettled.iter().any(|(r, _, _)| *r == target) {
            ctx.report_duplicate(target.key(), row.range.clone());
            continue;
        }
        let expect = expect_row(target.key(), reading);
        tried.push(target);
        match read_row(ctx, row, &expect) {
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
    undecided.extend(end_of_table(
        ctx,
        &mut table,
        &rows,
        pending,
        either_alone,
        &cols,
    ));
    decide(ctx, &mut table, &cols, undecided);
    settle(ctx, &mut table, &cols, &places, unsettled);
    table
}

/// A row named alone with the next row's label after it, no cell between (`row` holds that
/// label): blank where a gap or a missing line is a blank cell, else left out and reported.
fn row_without_cells(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    named: RequestRow,
    row: &Row,
    cols: &[RequestColumn],
) {
    if labels_alone_are_blank(row) {
        blank_row(ctx, table, named, cols, row.range.start);
    } else {
        ctx.report(
            Code::RowUnmatched,
            Severity::Warning,
            format!(
                "row `{}`: its label is followed by the next row's with no cell between",
                named.key()
            ),
            row.label_range(),
        );
        ctx.leave_out(TableName::Requests, named.key(), Code::RowUnmatched);
    }
}

/// Stores a row of blank cells (a row whose label stands without cells among positioned ones).
fn blank_row(
    ctx: &Ctx<'_>,
    table: &mut RequestsTable,
    target: RequestRow,
    cols: &[RequestColumn],
    at: usize,
) {
    if table.row(&target).next().is_some() {
        return;
    }
    for col in cols {
        table.insert(target, *col, ogi_model::Cell::blank(ctx.span(at..at)));
    }
}

/// A row whose label names two rows alike, read: its candidates and cells.
struct Undecided {
    rows: [RequestRow; 2],
    cells: Vec<ogi_model::Cell>,
    label: String,
    at: Range<usize>,
}

/// What a row of the table keyed `key` should be: a cell per column of `cols`, standing in
/// `places`, keeping `rules`, its page moved as `pages` allow.
fn expect_row<'a>(key: &'a str, (cols, places, rules, pages): TableReading<'_, 'a>) -> Expect<'a> {
    Expect {
        table: TableName::Requests,
        key,
        n: cols.len(),
        blocks: cols.len(),
        places,
        rules,
        pages,
    }
}

/// How the table's rows are read: its columns, where they stand, what a row's reading keeps,
/// and the moves of its pages adrift.
type TableReading<'c, 'a> = (&'c [RequestColumn], &'a Places, &'a Rules<'a>, &'a Pages);

/// Reads a row whose label names two keys alike. Stores it under the one whose column
/// identities its cells keep (or the only one that is a row here); else keeps it for
/// [`decide`], or reports it.
fn either(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    row: &Row,
    keys: [Key; 2],
    group: Option<RequestGroup>,
    (cols, places, rules, pages): TableReading<'_, '_>,
) -> Option<Undecided> {
    let names = keys.map(Key::name);
    let key = format!("{} or {}", names[0], names[1]);
    let label = row.label(ctx.text).unwrap_or_default();
    let expect = Expect {
        table: TableName::Requests,
        key: &key,
        n: cols.len(),
        blocks: cols.len(),
        places,
        rules,
        pages,
    };
    let rows = keys.map(|k| row_of(k, group, true));
    let cells = match read_row(ctx, row, &expect) {
        RowRead::Cells(cells) => cells,
        RowRead::Alternatives(alternatives) => {
            report_ambiguous(ctx, row, &expect, Some(alternatives.len()));
            return None;
        }
        RowRead::Failed => return None,
    };
    let chosen = match rows {
        [Some(a), Some(b)] => match by_identity(table, cols, &cells, [a, b]) {
            Some(r) => r,
            None => {
                return Some(Undecided {
                    rows: [a, b],
                    cells,
                    label,
                    at: row.label_range(),
                });
            }
        },
        // Only one of the keys is a row here (no merged label above to be the subtotal of).
        [Some(r), None] | [None, Some(r)] => r,
        [None, None] => return None,
    };
    store_either(
        ctx,
        table,
        cols,
        chosen,
        cells,
        &label,
        row.label_range(),
        "whose column identities its cells keep",
    );
    None
}

/// The row after one whose label names two keys alike alone on its line (`alone`: its keys,
/// group and label): its numbers, when the row has numbers and no label (read as [`either`]
/// reads them; `true`: the row is taken); else, where a gap is a blank cell, its cells are
/// blank ([`either_blank`]). What is left undecided goes to `undecided`.
fn after_either(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    undecided: &mut Vec<Undecided>,
    row: &Row,
    (keys, g, at): ([Key; 2], Option<RequestGroup>, Range<usize>),
    reading: TableReading<'_, '_>,
) -> bool {
    let cols = reading.0;
    if !row.values.is_empty() && row.label(ctx.text).is_none() {
        undecided.extend(either(ctx, table, row, keys, g, reading));
        return true;
    }
    if labels_alone_are_blank(row) {
        undecided.extend(either_blank(ctx, table, keys, g, cols, at));
    }
    false
}

/// At the table's end, where a gap is a blank cell, the last row named alone (`pending`) and
/// a bare `合计` alone (`either_alone`) have blank cells: their numbers could follow and none
/// did.
fn end_of_table(
    ctx: &Ctx<'_>,
    table: &mut RequestsTable,
    rows: &[Row],
    pending: Option<RequestRow>,
    either_alone: Option<([Key; 2], Option<RequestGroup>, Range<usize>)>,
    cols: &[RequestColumn],
) -> Option<Undecided> {
    let last = rows.last().filter(|r| labels_alone_are_blank(r))?;
    if let Some(blank) = pending {
        blank_row(ctx, table, blank, cols, last.range.end);
    }
    let (keys, g, at) = either_alone?;
    either_blank(ctx, table, keys, g, cols, at)
}

/// A row whose label names two keys alike (`keys`, under the merged label `g`), alone on its
/// line (`at`) with no cell after it where a gap is a blank cell: its cells are blank. Stored
/// under the only key that is a row here; else kept for [`decide`] (blank cells keep both
/// rows' identities).
fn either_blank(
    ctx: &Ctx<'_>,
    table: &mut RequestsTable,
    keys: [Key; 2],
    g: Option<RequestGroup>,
    cols: &[RequestColumn],
    at: Range<usize>,
) -> Option<Undecided> {
    let label = ctx.text.get(at.clone()).to_owned();
    match keys.map(|k| row_of(k, g, true)) {
        [Some(a), Some(b)] => Some(Undecided {
            rows: [a, b],
            cells: cols
                .iter()
                .map(|_| ogi_model::Cell::blank(ctx.span(at.end..at.end)))
                .collect(),
            label,
            at,
        }),
        [Some(r), None] | [None, Some(r)] => {
            blank_row(ctx, table, r, cols, at.end);
            None
        }
        [None, None] => None,
    }
}

/// Stores a row whose label named two rows under the one chosen, saying why.
#[allow(clippy::too_many_arguments)]
fn store_either(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
    chosen: RequestRow,
    cells: Vec<ogi_model::Cell>,
    label: &str,
    at: Range<usize>,
    why: &str,
) {
    if table.row(&chosen).next().is_some() {
        ctx.report_duplicate(chosen.key(), at);
        return;
    }
    ctx.report(
        Code::RowLoose,
        Severity::Info,
        format!(
            "row label `{label}` names two rows; read as `{}`, {why}",
            chosen.key()
        ),
        at,
    );
    for (col, cell) in cols.iter().zip(cells) {
        table.insert(chosen, *col, cell);
    }
}

/// Settles the rows whose label named two rows and whose cells keep both rows' identities (a
/// blank row): under the one the template prints, when the table holds no other row of it (the
/// template's rows are printed; a subtotal is an agency's addition). Else reports them.
fn decide(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
    undecided: Vec<Undecided>,
) {
    for u in undecided {
        let template = |r: &RequestRow| !r.is_subtotal() && table.row(r).next().is_none();
        let candidates: Vec<RequestRow> = u.rows.iter().copied().filter(template).collect();
        if let [r] = candidates.as_slice() {
            let why = "the row the template prints, which the table has nowhere else";
            store_either(ctx, table, cols, *r, u.cells, &u.label, u.at, why);
            continue;
        }
        ctx.report(
            Code::RowAmbiguous,
            Severity::Warning,
            format!(
                "row label `{}` matches both `{}` and `{}`; its cells are left out",
                u.label,
                u.rows[0].key(),
                u.rows[1].key()
            ),
            u.at.clone(),
        );
        ctx.leave_out(TableName::Requests, u.rows[0].key(), Code::RowAmbiguous);
    }
}

/// The generation the rows printed signal, for the identities that differ (the outcome rows).
fn generation(table: &RequestsTable, more: impl Iterator<Item = RequestRow>) -> Format {
    let mut printed: Vec<RequestRow> = table.iter().map(|(r, _, _)| *r).chain(more).collect();
    printed.dedup();
    let only = |g: Generations| printed.iter().any(|r| r.spec().generations == g);
    if only(Generations::V2019) {
        Format::V2019
    } else {
        Format::V2021
    }
}

/// Settles rows that read several ways by the column identities (the rows of a page adrift
/// taking the readings of one move of the page), or reports them: a row of a page adrift keeps
/// the cells every move still possible reads alike, the others left out.
fn settle(
    ctx: &mut Ctx<'_>,
    table: &mut RequestsTable,
    cols: &[RequestColumn],
    places: &Places,
    unsettled: Vec<(RequestRow, Row, Vec<super::solve::Reading>)>,
) {
    if unsettled.is_empty() {
        return;
    }
    let pending: Vec<(RequestRow, Vec<Vec<Option<Decimal>>>)> = unsettled
        .iter()
        .map(|(r, _, alts)| (*r, alts.iter().map(|a| a.values.clone()).collect()))
        .collect();
    // Rows of one page adrift take the readings of one move of the page.
    let ties: Vec<Option<u32>> = unsettled
        .iter()
        .map(|(_, _, alts)| alts.first().and_then(|a| a.page))
        .collect();
    let generation = generation(table, unsettled.iter().map(|(r, _, _)| *r));
    let fixed = |row: RequestRow, c: usize| {
        table.get(&row, &cols[c]).and_then(|cell| {
            if cell.is_blank() {
                Some(Decimal::ZERO)
            } else {
                cell.decimal()
            }
        })
    };
    let choice = joint::resolve_tied(&pending, &ties, &fixed, &|v| {
        columns_hold(IDENTITIES, generation, cols.len(), v)
    });
    for (i, (target, row, alternatives)) in unsettled.into_iter().enumerate() {
        let chosen = choice.as_ref().and_then(|c| alternatives.get(c[i]));
        let Some(cells) = chosen.and_then(|reading| cells_of(ctx, reading)) else {
            let expect = Expect {
                table: TableName::Requests,
                key: target.key(),
                n: cols.len(),
                blocks: cols.len(),
                places,
                rules: &Rules::none(),
                pages: &NO_PAGES,
            };
            // A row of a page adrift keeps the cells every move of its page reads alike.
            if ties[i].is_some() {
                let cells = agreed_cells(ctx, &row, &expect, &alternatives);
                for (col, cell) in cols.iter().zip(cells) {
                    if let Some(cell) = cell {
                        table.insert(target, *col, cell);
                    }
                }
            } else {
                report_ambiguous(ctx, &row, &expect, Some(alternatives.len()));
            }
            continue;
        };
        ctx.report(
            Code::CellSplitSettled,
            Severity::Info,
            format!(
                "row `{}`: the only reading of `{}` that keeps the table's column identities",
                target.key(),
                row_digits(ctx, &row.values)
            ),
            row.range.clone(),
        );
        for (col, cell) in cols.iter().zip(cells) {
            table.insert(target, *col, cell);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_merged_group;
    use crate::layout::Evidence;
    use ogi_model::{RequestColumn as C, RequestRow as R};

    #[test]
    fn a_group_label_cut_by_wrapping_and_run_into_a_row_is_split() {
        // A PDF printed without rules, laid out as columns of spaces: `(四)无法` / `提供` over
        // two lines, the row's label run into the first (unruled fixture 2019-0).
        let e = Evidence::separated(false);
        assert_eq!(
            split_merged_group("(四)无法2、没有现成信息需要", e),
            Some(R::UnableNeedsCreation)
        );
        // The start of another group's label is not this group's.
        assert_eq!(split_merged_group("(三)无法2、没有现成信息需要", e), None);
    }

    #[test]
    fn a_group_label_run_into_its_first_row_is_split() {
        // pdf-extract's text of corpus 024.
        let e = Evidence::separated(false);
        let label = "(四)无法提供 1.本机关不掌握相关政府信息";
        assert_eq!(split_merged_group(label, e), Some(R::UnableNotHeld));
        assert_eq!(
            split_merged_group("(四)无法提供1.本机关不掌握相关政府信息", e),
            Some(R::UnableNotHeld)
        );
        // A row of another group is not taken.
        assert_eq!(split_merged_group("(四)无法提供 1.属于国家秘密", e), None);
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

    /// A total column headed 合计 and a (七)合计 row are the template's 总计.
    #[test]
    fn totals_headed_heji() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况\n\
            自然人 | 法人或其他组织 | 合计\n\
            商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n\
            一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 0 | 1 | 0 | 13\n\
            (七)合计 | 10 | 2 | 0 | 0 | 1 | 0 | 13\n";
        let report = crate::parse_str(text).unwrap();
        assert_eq!(get(&report, R::NewReceived, C::Total), Some(13));
        assert_eq!(get(&report, R::TotalHandled, C::Total), Some(13));
        assert_eq!(get(&report, R::NewReceived, C::LegalPersonSubtotal), None);
    }
}
