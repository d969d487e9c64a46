//! The parsed report: meta, outline, tables, narrative, diagnostics.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::legacy::{LegacyRow, LegacyTable};
use crate::meta::{Format, Meta, MetaRow};
use crate::narrative::{NarrativeRow, NarrativeTable};
use crate::outcome::Check;
use crate::proactive::{ProactiveColumn, ProactiveRow, ProactiveTable};
use crate::requests::{RequestColumn, RequestRow, RequestsTable};
use crate::review::{ReviewColumn, ReviewRow, ReviewTable};
use crate::span::Span;
pub use crate::template::TableName;
use crate::template::{Entry, Generations, IdentitySpec, SectionSpec, Shape};
use crate::vocab::{Vocabulary, vocabulary};
use serde::{Deserialize, Serialize};

impl TableName {
    /// The row keys of this table with their Chinese labels, in template order (for `legacy`,
    /// the known indicators; a report may add `unlisted:` rows).
    pub fn rows(self) -> Vec<(&'static str, &'static str)> {
        fn pairs<V: Vocabulary>() -> Vec<(&'static str, &'static str)> {
            V::ALL.iter().map(|v| (v.key(), v.label())).collect()
        }
        match self {
            TableName::Meta => pairs::<MetaRow>(),
            TableName::Proactive => pairs::<ProactiveRow>(),
            TableName::Requests => pairs::<RequestRow>(),
            TableName::ReviewLitigation => pairs::<ReviewRow>(),
            TableName::Legacy => pairs::<LegacyRow>(),
            TableName::Narrative => pairs::<NarrativeRow>(),
        }
    }

    /// The column keys of this table with their Chinese labels, in template order.
    pub fn columns(self) -> Vec<(&'static str, &'static str)> {
        match self {
            TableName::Proactive => ProactiveColumn::ALL
                .iter()
                .map(|c| (c.key(), c.label()))
                .collect(),
            TableName::Requests => RequestColumn::ALL
                .iter()
                .map(|c| (c.key(), c.label()))
                .collect(),
            TableName::ReviewLitigation => ReviewColumn::ALL
                .iter()
                .map(|c| (c.key(), c.label()))
                .collect(),
            TableName::Meta | TableName::Legacy | TableName::Narrative => vec![("value", "数值")],
        }
    }
}

vocabulary! {
    /// What a section of the report is about, recognised from its heading.
    pub enum SectionKind ("section") : SectionSpec {
        Overview => "overview", "总体情况" {
            keywords: &["总体情况", "概述", "基本情况", "总体概况"],
        };
        Proactive => "proactive", "主动公开政府信息情况" {
            keywords: &["主动公开"],
            table: Some(TableName::Proactive),
        };
        Requests => "requests", "收到和处理政府信息公开申请情况" {
            keywords: &["收到和处理", "依申请", "申请公开", "申请情况", "申请的办理"],
            table: Some(TableName::Requests),
        };
        ReviewLitigation => "review_litigation", "政府信息公开行政复议、行政诉讼情况" {
            keywords: &["行政复议", "行政诉讼"],
            table: Some(TableName::ReviewLitigation),
        };
        Fees => "fees", "政府信息公开的收费及减免情况" { keywords: &["收费", "减免"] };
        Problems => "problems", "存在的主要问题及改进情况" { keywords: &["问题", "改进"] };
        Other => "other", "其他需要报告的事项" {
            keywords: &["其他需要报告", "其他事项", "其他需报告"],
        };
        LegacyStats => "legacy_stats", "政府信息公开情况统计表" {
            keywords: &["统计表", "统计报表"],
            table: Some(TableName::Legacy),
        };
    }
}

impl SectionKind {
    /// The order in which the kinds' keywords are tried on a heading: a heading naming 统计表
    /// is the 统计表's whatever else it names, 复议/诉讼 come before 申请 (table 四's heading
    /// holds both), 收费 before 申请.
    pub const PRECEDENCE: &'static [SectionKind] = &[
        SectionKind::LegacyStats,
        SectionKind::ReviewLitigation,
        SectionKind::Fees,
        SectionKind::Requests,
        SectionKind::Proactive,
        SectionKind::Overview,
        SectionKind::Problems,
        SectionKind::Other,
    ];
}

/// A heading of the report's outline (`三、收到和处理政府信息公开申请情况`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 for `一、`, 2 for `（一）`, 3 for `1.`.
    pub level: u8,
    /// The ordinal's number (三 → 3), when it has one.
    pub ordinal: Option<u32>,
    /// The heading text after the ordinal.
    pub title: String,
    /// What the section is about, when recognised.
    pub kind: Option<SectionKind>,
    /// The heading line in the original input.
    pub span: Span,
}

/// Everything ogi read from one report.
///
/// A table the report does not contain is `None`; a cell the report leaves blank is present
/// and [blank](crate::CellValue::Blank). Whatever could not be read is in `diagnostics`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Agency, region, year, format, publication date, script, encoding.
    pub meta: Meta,
    /// The headings, in order.
    pub outline: Vec<Heading>,
    /// Table 二, 主动公开政府信息情况 (2019, 2021).
    pub proactive: Option<ProactiveTable>,
    /// Table 三, 收到和处理政府信息公开申请情况 (2019, 2021).
    pub requests: Option<RequestsTable>,
    /// Table 四, 政府信息公开行政复议、行政诉讼情况 (2019, 2021).
    pub review_litigation: Option<ReviewTable>,
    /// The pre-2019 统计表.
    pub legacy: Option<LegacyTable>,
    /// Numbers stated in sentences.
    pub narrative: NarrativeTable,
    /// The identities of the tables, checked.
    pub checks: Vec<Check>,
    /// How much of each table the report holds or announces was read (see [`Coverage`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage: Vec<Coverage>,
    /// What could not be read, or was read with doubt.
    pub diagnostics: Vec<Diagnostic>,
}

/// How completely a report was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadStatus {
    /// Read without a warning.
    Ok,
    /// Read, with warnings: some cells, rows or tables left out, or read with doubt (the
    /// diagnostics say which).
    Partial,
}

impl ReadStatus {
    /// `ok` or `partial`.
    pub const fn key(self) -> &'static str {
        match self {
            ReadStatus::Ok => "ok",
            ReadStatus::Partial => "partial",
        }
    }
}

impl Report {
    /// Whether the report was read completely and without warnings. `ok` needs every table
    /// the report holds or announces read in full ([`Coverage::is_complete`]; a blank cell is
    /// read) and no warning or error; otherwise the reason lists the tables not fully read
    /// (`requests 180/189`, `proactive 0/26 announced`) and then the codes of the warnings and
    /// errors with their counts (`cell.split_ambiguous×2`), in order of first appearance.
    pub fn read_status(&self) -> (ReadStatus, String) {
        let mut reasons: Vec<String> = self
            .coverage
            .iter()
            .filter(|c| !c.is_complete())
            .map(|c| {
                let announced = if c.read == 0 && c.announced.is_some() {
                    " announced"
                } else {
                    ""
                };
                format!("{} {}/{}{announced}", c.table.key(), c.read, c.expected)
            })
            .collect();
        let mut codes: Vec<(Code, usize)> = Vec::new();
        for d in self
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
        {
            match codes.iter_mut().find(|(c, _)| *c == d.code) {
                Some((_, n)) => *n += 1,
                None => codes.push((d.code, 1)),
            }
        }
        reasons.extend(codes.iter().map(|(c, n)| {
            if *n > 1 {
                format!("{}×{n}", c.key())
            } else {
                c.key().to_owned()
            }
        }));
        if reasons.is_empty() {
            (ReadStatus::Ok, String::new())
        } else {
            (ReadStatus::Partial, reasons.join(" "))
        }
    }

    /// Which tables hold at least one cell.
    pub fn tables_present(&self) -> Vec<TableName> {
        let mut out = Vec::new();
        if self.proactive.as_ref().is_some_and(|t| !t.is_empty()) {
            out.push(TableName::Proactive);
        }
        if self.requests.as_ref().is_some_and(|t| !t.is_empty()) {
            out.push(TableName::Requests);
        }
        if self
            .review_litigation
            .as_ref()
            .is_some_and(|t| !t.is_empty())
        {
            out.push(TableName::ReviewLitigation);
        }
        if self.legacy.as_ref().is_some_and(|t| !t.is_empty()) {
            out.push(TableName::Legacy);
        }
        if !self.narrative.is_empty() {
            out.push(TableName::Narrative);
        }
        out
    }
}

/// How much of a table its template prints was read: the cells the template of the report's
/// format prints, how many of them the report gave (a blank cell counts: it was read), and
/// which are missing — the report's diagnostics say why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The table.
    pub table: TableName,
    /// The heading that announces the table, when the outline has one in the template's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<Span>,
    /// Cells the template prints (0 for a 统计表, whose local forms differ in their rows).
    pub expected: usize,
    /// Of them, cells read.
    pub read: usize,
    /// The cells not read: `[row, column]` keys.
    pub missing: Vec<(String, String)>,
}

impl Coverage {
    /// Whether the table was read in full: every cell its template prints, and something at
    /// all when the report announces it.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.read == self.expected
            && !(self.read == 0 && (self.expected > 0 || self.announced.is_some()))
    }
}

impl Report {
    /// The coverage of each table of the 2019 and 2021 templates the report holds or
    /// `announced` names (with the heading's span), from the template registry's rows and
    /// columns of its format — for a table not read at all, of the template in force in the
    /// report's year (2021 from 2021, else 2019) — and of a 统计表 that is announced and not read.
    /// The parser fills [`Report::coverage`] with it.
    pub fn compute_coverage(&self, announced: &[(TableName, Span)]) -> Vec<Coverage> {
        let format = match self.meta.format {
            Format::V2019 | Format::V2021 => self.meta.format,
            _ if self.meta.year.as_ref().is_some_and(|y| y.value >= 2021) => Format::V2021,
            _ => Format::V2019,
        };
        let heading = |table: TableName| {
            announced
                .iter()
                .find(|(t, _)| *t == table)
                .map(|(_, span)| *span)
        };
        let mut out = Vec::new();
        let mut cover = |table: TableName, cells: Vec<(&'static str, &'static str, bool)>| {
            let read = cells.iter().filter(|(_, _, r)| *r).count();
            out.push(Coverage {
                table,
                announced: heading(table),
                expected: cells.len(),
                read,
                missing: cells
                    .into_iter()
                    .filter(|(_, _, r)| !r)
                    .map(|(row, column, _)| (row.to_owned(), column.to_owned()))
                    .collect(),
            });
        };
        let requests = self.requests.as_ref();
        if requests.is_some() || heading(TableName::Requests).is_some() {
            let columns: Vec<RequestColumn> = crate::requests::TEMPLATE_COLUMNS.to_vec();
            let row_read = |r: &RequestRow| {
                requests.is_some_and(|t| columns.iter().any(|c| t.get(r, c).is_some()))
            };
            // A group printed as the one row another template gives it (（六）其他处理 as the
            // 2019 form's single row, in a 2021 table) stands for its parts.
            let printed_whole = |r: &RequestRow| {
                r.group()
                    .and_then(|g| g.spec().with_values.map(|w| (g, w)))
                    .is_some_and(|(g, whole)| {
                        whole != *r
                            && !whole.spec().generations.is_empty()
                            && row_read(&whole)
                            && !RequestRow::ALL
                                .iter()
                                .any(|p| p.group() == Some(g) && *p != whole && row_read(p))
                    })
            };
            let cells = RequestRow::template_rows(format)
                .filter(|r| !printed_whole(r))
                .flat_map(|r| columns.iter().map(move |c| (r, *c)))
                .map(|(r, c)| {
                    let read = requests.is_some_and(|t| t.get(&r, &c).is_some());
                    (r.key(), c.key(), read)
                })
                .collect();
            cover(TableName::Requests, cells);
        }
        let proactive = self.proactive.as_ref();
        if proactive.is_some() || heading(TableName::Proactive).is_some() {
            let cells = ProactiveRow::ALL
                .iter()
                .flat_map(|r| r.template_columns(format).iter().map(move |c| (*r, *c)))
                .map(|(r, c)| {
                    let read = proactive.is_some_and(|t| t.get(&r, &c).is_some());
                    (r.key(), c.key(), read)
                })
                .collect();
            cover(TableName::Proactive, cells);
        }
        let review = self.review_litigation.as_ref();
        if review.is_some() || heading(TableName::ReviewLitigation).is_some() {
            let cells = ReviewRow::ALL
                .iter()
                .flat_map(|r| ReviewColumn::ALL.iter().map(move |c| (*r, *c)))
                .map(|(r, c)| {
                    let read = review.is_some_and(|t| t.get(&r, &c).is_some());
                    (r.key(), c.key(), read)
                })
                .collect();
            cover(TableName::ReviewLitigation, cells);
        }
        if self.legacy.is_none()
            && let Some(span) = heading(TableName::Legacy)
        {
            out.push(Coverage {
                table: TableName::Legacy,
                announced: Some(span),
                expected: 0,
                read: 0,
                missing: Vec::new(),
            });
        }
        out
    }
}

/// The ids of the identities of `specs` whose shape names `row` (on either side of a
/// [`Shape::Columns`]) or `column` (of a [`Shape::Rows`]), each once, in declaration order.
fn identity_ids<R: PartialEq, C: PartialEq>(
    specs: &[IdentitySpec<R, C>],
    row: Option<&R>,
    column: Option<&C>,
) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for spec in specs {
        let named = match spec.shape {
            Shape::Columns { lhs, rhs } => row.is_some_and(|r| lhs.contains(r) || rhs.contains(r)),
            Shape::Rows { lhs, rhs } => column.is_some_and(|c| lhs.contains(c) || rhs.contains(c)),
            Shape::Parts => false,
        };
        let id = spec.identity.key();
        if named && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

impl TableName {
    /// The table's rows as the registry declares them, in template order.
    pub fn row_entries(self) -> Vec<Entry> {
        use crate::{LegacyRow, MetaRow, NarrativeRow, ProactiveRow, RequestRow, ReviewRow};
        match self {
            TableName::Requests => RequestRow::ALL
                .iter()
                .map(|r| {
                    Entry::of(*r, r.spec().aliases, r.spec().generations)
                        .with_identities(identity_ids(crate::requests::IDENTITIES, Some(r), None))
                })
                .collect(),
            TableName::Proactive => ProactiveRow::ALL
                .iter()
                .map(|r| Entry::of(*r, r.spec().aliases, r.generations()))
                .collect(),
            TableName::ReviewLitigation => ReviewRow::ALL
                .iter()
                .map(|r| Entry::of(*r, r.spec().aliases, Generations::V2019_V2021))
                .collect(),
            TableName::Legacy => LegacyRow::ALL
                .iter()
                .map(|r| {
                    // The form's one identity sums each total's parts.
                    let in_parts =
                        r.spec().sums_parts || r.parent().is_some_and(|p| p.spec().sums_parts);
                    let identities = crate::legacy::IDENTITIES
                        .iter()
                        .filter(|i| in_parts && i.shape == Shape::Parts)
                        .map(|i| i.identity.key())
                        .collect();
                    Entry::of(*r, r.spec().aliases, Generations::LEGACY).with_identities(identities)
                })
                .collect(),
            TableName::Meta => MetaRow::ALL
                .iter()
                .map(|r| Entry::of(*r, &[], Generations::NONE))
                .collect(),
            TableName::Narrative => NarrativeRow::ALL
                .iter()
                .map(|r| Entry::of(*r, &[], Generations::NONE))
                .collect(),
        }
    }

    /// The table's columns as the registry declares them, in template order.
    pub fn column_entries(self) -> Vec<Entry> {
        use crate::{ProactiveColumn, RequestColumn, ReviewColumn};
        match self {
            TableName::Requests => RequestColumn::ALL
                .iter()
                .map(|c| {
                    Entry::of(*c, c.spec().aliases, c.spec().generations)
                        .with_identities(identity_ids(crate::requests::IDENTITIES, None, Some(c)))
                })
                .collect(),
            TableName::Proactive => ProactiveColumn::ALL
                .iter()
                .map(|c| Entry::of(*c, c.spec().aliases, c.spec().generations))
                .collect(),
            TableName::ReviewLitigation => ReviewColumn::ALL
                .iter()
                .map(|c| {
                    Entry::of(*c, c.spec().aliases, c.spec().generations)
                        .with_identities(identity_ids(crate::review::IDENTITIES, None, Some(c)))
                })
                .collect(),
            TableName::Legacy | TableName::Meta | TableName::Narrative => {
                let generations = if self == TableName::Legacy {
                    Generations::LEGACY
                } else {
                    Generations::NONE
                };
                let identities = if self == TableName::Legacy {
                    crate::legacy::IDENTITIES
                        .iter()
                        .map(|i| i.identity.key())
                        .collect()
                } else {
                    Vec::new()
                };
                vec![Entry {
                    key: "value",
                    label: "数值",
                    label_en: "Value",
                    aliases: &[],
                    generations: generations.formats().map(Vocabulary::key).collect(),
                    unit: None,
                    identities,
                }]
            }
        }
    }
}
