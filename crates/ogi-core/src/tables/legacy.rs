//! The pre-2019 统计表: `统计指标 | 单位 | 统计数`, one indicator per row.

use super::joint::{self, Lookup};
use super::{
    Ctx, Row, RowRead, Unsettled, alternative_values, fold_row, join_wrapped, read_row, row_digits,
};
use crate::label::{LabelTable, Match, OrdinalStyle, fold, ordinal};
use crate::layout::Layout;
use crate::layout::{CellShape, shape};
use crate::text::{contains, find};
use ogi_model::{
    Cell, Code, Decimal, LegacyKey, LegacyRow, LegacyTable, NarrativeRow, Severity, ValueColumn,
};
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
    // 定西's 统计报表.
    (LegacyRow::NormativeDocsIssued, "新增的行政规范性文件数"),
    (LegacyRow::DeniedNotGovInfo, "非《规定》所指政府信息数"),
    (LegacyRow::InfoNotExist, "信息不存在数"),
    (LegacyRow::NotThisAgency, "非本部门掌握数"),
    (LegacyRow::RequestsOtherChannel, "其他形式申请数"),
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
/// (`本年度 | 历年累计`, Fujian's short form; `本期实际 | 本年累计`, 定西's), and whether a 代码
/// column of row codes comes first (定西: `01`, `02` …).
fn form_of(ctx: &Ctx<'_>, rows: &[Row]) -> (Form, bool) {
    // The header is a row of its own, or (in a crawler's stream) glued to the first label.
    for row in rows.iter().take(3) {
        let words = fold(&row.label_text(ctx.text)).full;
        let code = contains(&words, "代码");
        if let Some(cum) = find(&words, "累计") {
            let year_first = ["本年", "年度", "本期"]
                .iter()
                .any(|w| contains(&words[..cum], w));
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
                        range: label.start.min(value.start)..label.end.max(value.end),
                        ..next.clone()
                    });
                }
            }
            _ => out.push(row),
        }
    }
    out
}

/// Reads the 统计表 from its rows.
///
/// `row = ordinal? label unit? value`, e.g. from seed 004 (one cell per line, regrouped):
/// `(一)主动公开政府信息数 | 条 | 340`. Labels that recur under several parents
/// (（一）维持具体行政行为数 under 四、行政复议数量 and 六、被举报投诉数量) are told apart by
/// the indicator above them with a lower ordinal level. Indicators the vocabulary lacks are
/// kept as `unlisted:` rows.
pub(crate) fn parse(ctx: &mut Ctx<'_>, rows: Vec<Row>) -> LegacyTable {
    let text = ctx.text;
    let rows = transpose(join_wrapped(text, rows, &|s, floor| ROWS.score(s, floor)));
    let mut table = LegacyTable::new();
    // (level, indicator) of the rows above, outermost first.
    let mut stack: Vec<(u8, Option<LegacyRow>)> = Vec::new();
    let (form, code_column) = form_of(ctx, &rows);
    let Form { year_at, columns } = form;
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
        let key = match_indicator(ctx, row, &label, &folded, parent);
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
        // 定西's 代码 column: the row's code (`05`) before its values.
        if code_column && row.layout != Layout::Stream && values.len() > columns {
            values.remove(0);
        }
        if values.is_empty() {
            continue;
        }
        let blank = values.iter().all(|v| text.get(v.clone()).trim().is_empty());
        if key.is_none() && (is_block_heading || (blank && row.unit.is_none())) {
            continue;
        }
        let name = key.map_or_else(|| label.clone(), |k| k.key().to_owned());
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

/// The indicator a label names, in the context of the indicator above it (reporting loose and
/// ambiguous matches).
fn match_indicator(
    ctx: &mut Ctx<'_>,
    row: &Row,
    label: &str,
    folded: &crate::label::Folded,
    parent: Option<LegacyRow>,
) -> Option<LegacyRow> {
    let m = ROWS.best(folded, |k| {
        Some(match (k.parent(), parent) {
            (Some(p), Some(q)) if p == q => 0.08,
            (Some(_), Some(_)) => -0.08,
            _ => 0.0,
        })
    });
    match m {
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
    }
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

/// What settled a row whose digits split several ways.
#[derive(Clone, Copy)]
enum Settled {
    /// A total is the sum of its printed parts, in every column.
    Totals,
    /// The prose states the year's figure.
    Stated,
    /// A channel is within the proactive total.
    Bound,
}

impl Settled {
    fn reason(self) -> &'static str {
        match self {
            Settled::Totals => "that keeps the form's totals",
            Settled::Stated => "whose year figure the text states",
            Settled::Bound => "within the proactive total",
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

/// The channels proactive disclosure goes through (and the normative documents among it).
fn is_channel(row: LegacyRow) -> bool {
    use LegacyRow as L;
    matches!(
        row,
        L::ViaGazette
            | L::ViaWebsite
            | L::ViaWeibo
            | L::ViaWechat
            | L::ViaOther
            | L::ProactiveNormativeDocs
    )
}

/// Settles rows whose digits split several ways, or reports them: first by the identities of
/// the form (each total is the sum of its printed parts, in every column); then by the figure
/// the prose states for the year; then a channel by the proactive total, which bounds it.
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
    for total in LegacyRow::SUMMED {
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
    let rows: Vec<LegacyRow> = unsettled.iter().map(|(r, _, _)| *r).collect();
    let why = settle_by_evidence(ctx, &rows, &values, &mut chosen, settled, year_at);
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
                        "indicator `{}`: the only split of `{}` {}",
                        key.key(),
                        row_digits(ctx.text, &row.values),
                        why[i].reason()
                    ),
                    row.range.clone(),
                );
                table.insert(LegacyKey::Known(key), ValueColumn::Value, cell);
            }
            None => ctx.report_ambiguous(key.key(), &row, columns, Some(alternatives.len())),
        }
    }
}

/// The passes of [`settle`] after the form's totals, over the rows still open (`chosen[i]` is
/// `None`): a split whose year figure the prose states, then a channel's split within the
/// proactive total. Returns what settled each row.
fn settle_by_evidence(
    ctx: &Ctx<'_>,
    rows: &[LegacyRow],
    values: &[Vec<Vec<Decimal>>],
    chosen: &mut [Option<usize>],
    mut settled: Vec<(LegacyRow, Vec<Decimal>)>,
    year_at: usize,
) -> Vec<Settled> {
    let mut why = vec![Settled::Totals; rows.len()];
    // The prose states the year's figure of a few indicators (`主动公开政府信息425条`): the only
    // split whose year cell is that figure settles the row.
    for (i, row) in rows.iter().enumerate() {
        let Some(stated) = stated_figure(ctx, *row).filter(|_| chosen[i].is_none()) else {
            continue;
        };
        if let Some(pick) = only(&values[i], |v| v.get(year_at) == Some(&stated)) {
            chosen[i] = Some(pick);
            why[i] = Settled::Stated;
            settled.push((*row, values[i][pick].clone()));
        }
    }
    // A channel publishes no more than all proactive items, in every column.
    let Some((_, total)) = settled
        .iter()
        .find(|(r, _)| *r == LegacyRow::ProactiveTotal)
    else {
        return why;
    };
    let within =
        |v: &Vec<Decimal>| v.len() == total.len() && v.iter().zip(total).all(|(a, b)| a <= b);
    for (i, row) in rows.iter().enumerate() {
        if chosen[i].is_none() && is_channel(*row) {
            if let Some(pick) = only(&values[i], within) {
                chosen[i] = Some(pick);
                why[i] = Settled::Bound;
            }
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
                "indicator `proactive_total`: the only split of `4251516` whose year figure the text states",
                "indicator `via_website`: the only split of `4181509` within the proactive total",
            ]
        );

        let silent =
            "2011年制作、获取政府信息总数1873条，作为依申请公开信息数46条，不予公开信息数1402。";
        let report = crate::parse_str(&format!("{silent}{form}")).unwrap();
        assert_eq!(report.meta.format, ogi_model::Format::Legacy);
        assert_eq!(get(&report, LegacyRow::ProactiveTotal), None);
        assert_eq!(get(&report, LegacyRow::ViaWebsite), None);
        assert_eq!(
            report
                .diagnostics
                .iter()
                .filter(|d| d.code == ogi_model::Code::CellSplitAmbiguous)
                .count(),
            2
        );
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
