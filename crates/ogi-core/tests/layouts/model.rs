//! The abstract case: one template, the true values of its tables, and the options of how a
//! report prints them — with the proptest strategies that draw cases.
//!
//! The truth is built here and only here, from the draws: the renderer prints it and the
//! checker compares the parse with it, so nothing the parser does can leak into the truth.
//!
//! Values obey the template's identities (the requests table's row totals, its balance
//! 一 + 二 = (七) + 四 and its outcome sum, the review blocks' totals, the 统计表's totals), except
//! for the one row a case may break on purpose ([`Case::fault`]), as real reports do. A blank
//! cell is only ever a cell whose value is 0, so the identities still hold with blank = 0.

use ogi_model::{
    Format, LegacyRow, ProactiveColumn, ProactiveRow, RequestColumn, RequestRow, ReviewColumn,
    ReviewRow,
};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeMap;

/// A template generation the harness renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Template {
    /// 国办公开办函〔2019〕60号 (reports for 2019 and 2020).
    V2019,
    /// 国办公开办函〔2021〕30号 (reports for 2021 onward).
    V2021,
    /// The pre-2019 政府信息公开情况统计表.
    Legacy,
}

impl Template {
    /// Every template, in the order the matrix prints them.
    pub(crate) const ALL: [Template; 3] = [Template::V2019, Template::V2021, Template::Legacy];

    /// The model's format key of the template.
    pub(crate) fn format(self) -> Format {
        match self {
            Template::V2019 => Format::V2019,
            Template::V2021 => Format::V2021,
            Template::Legacy => Format::Legacy,
        }
    }

    /// `2019`, `2021` or `legacy`, as `meta.format` writes it.
    pub(crate) fn key(self) -> &'static str {
        self.format().key()
    }
}

/// A number as a report prints it: `units × 10^-scale`, with a `+` before a positive change
/// when `plus`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Num {
    /// The digits as an integer (`773028` for `7730.28`).
    pub(crate) units: i64,
    /// How many digits follow the decimal point.
    pub(crate) scale: u8,
    /// Whether a positive value is printed with a `+` (本年增/减 of the 2019 template).
    pub(crate) plus: bool,
}

impl Num {
    /// Zero, printed `0`.
    pub(crate) const ZERO: Num = Num {
        units: 0,
        scale: 0,
        plus: false,
    };

    /// A whole number.
    pub(crate) const fn int(units: i64) -> Num {
        Num {
            units,
            scale: 0,
            plus: false,
        }
    }

    /// Whether the value is 0 (whatever its scale).
    pub(crate) const fn is_zero(self) -> bool {
        self.units == 0
    }

    /// The value as printed in a cell: `46`, `+12`, `-3`, `7730.28`, `0.50`.
    pub(crate) fn text(self) -> String {
        let sign = if self.units < 0 {
            "-"
        } else if self.plus && self.units > 0 {
            "+"
        } else {
            ""
        };
        let digits = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        format!("{sign}{whole}.{fraction}")
    }

    /// The value as the tidy export writes it: no `+`, no trailing fractional zeros (`0.50` is
    /// `0.5`, `12.00` is `12`).
    pub(crate) fn tidy(self) -> String {
        let text = Num {
            plus: false,
            ..self
        }
        .text();
        if self.scale == 0 {
            return text;
        }
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        if trimmed == "-0" {
            "0".to_owned()
        } else {
            trimmed.to_owned()
        }
    }

    /// The sum of two whole numbers.
    const fn plus_int(self, other: Num) -> Num {
        Num::int(self.units + other.units)
    }
}

/// One cell of the truth: the number, or `None` for a cell printed blank (its truth is null).
pub(crate) type Slot = Option<Num>;

/// The address of a cell, as the tidy export writes it: `requests/new_received/total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key {
    /// The table key (`proactive`, `requests`, `review_litigation`, `legacy`).
    pub(crate) table: &'static str,
    /// The row key.
    pub(crate) row: &'static str,
    /// The column key (`value` for the 统计表).
    pub(crate) column: &'static str,
}

impl Key {
    /// The key of a requests cell.
    pub(crate) fn requests(row: RequestRow, column: RequestColumn) -> Key {
        Key {
            table: "requests",
            row: row.key(),
            column: column.key(),
        }
    }

    /// The key of a review and litigation cell.
    pub(crate) fn review(row: ReviewRow, column: ReviewColumn) -> Key {
        Key {
            table: "review_litigation",
            row: row.key(),
            column: column.key(),
        }
    }

    /// The key of a proactive cell.
    pub(crate) fn proactive(row: ProactiveRow, column: ProactiveColumn) -> Key {
        Key {
            table: "proactive",
            row: row.key(),
            column: column.key(),
        }
    }

    /// The key of a 统计表 cell.
    pub(crate) fn legacy(row: LegacyRow) -> Key {
        Key {
            table: "legacy",
            row: row.key(),
            column: "value",
        }
    }

    /// `table/row/column`, as the gold files write it.
    pub(crate) fn path(self) -> String {
        format!("{}/{}/{}", self.table, self.row, self.column)
    }
}

/// The six applicant columns of table 三, whose sum is 总计, and its seven value columns in
/// printed order: the registry's.
pub(crate) use ogi_model::requests::{
    APPLICANT_COLUMNS as APPLICANTS, TEMPLATE_COLUMNS as REQUEST_COLUMNS,
};

/// The rows of table 三 whose values are not sums: everything but 一, (七) and 四.
fn request_is_drawn(row: RequestRow) -> bool {
    !matches!(row, RequestRow::NewReceived | RequestRow::TotalHandled)
}

/// The outcome rows of table 三 of a template, summed by (七)总计: every data row but 一, 二,
/// (七) and 四.
pub(crate) fn outcome_rows(template: Template) -> Vec<RequestRow> {
    RequestRow::template_rows(template.format())
        .filter(|r| {
            !matches!(
                r,
                RequestRow::NewReceived
                    | RequestRow::CarriedOver
                    | RequestRow::TotalHandled
                    | RequestRow::CarriedForward
            )
        })
        .collect()
}

/// The data rows of table 三 of a template, in printed order (23 or 25).
pub(crate) fn request_rows(template: Template) -> Vec<RequestRow> {
    RequestRow::template_rows(template.format()).collect()
}

/// The rows of table 二 a template prints, each with its columns, in printed order.
pub(crate) fn proactive_rows(
    template: Template,
) -> Vec<(ProactiveRow, &'static [ProactiveColumn])> {
    ProactiveRow::ALL
        .iter()
        .map(|r| (*r, r.template_columns(template.format())))
        .filter(|(_, columns)| !columns.is_empty())
        .collect()
}

/// The indicators of the national 统计表 the harness prints (every legacy key but the
/// 电子邮件申请数 of older local forms), in printed order.
pub(crate) fn legacy_rows() -> Vec<LegacyRow> {
    LegacyRow::ALL
        .iter()
        .copied()
        .filter(|r| *r != LegacyRow::RequestsEmail)
        .collect()
}

/// The 统计表's totals and their parts, in the order they are computed (不同意公开答复数
/// before 申请答复数, which counts it).
pub(crate) const LEGACY_SUMS: &[(LegacyRow, &[LegacyRow])] = {
    use LegacyRow as L;
    &[
        (
            L::RequestsReceived,
            &[
                L::RequestsInPerson,
                L::RequestsFax,
                L::RequestsOnline,
                L::RequestsLetter,
                L::RequestsOtherChannel,
            ],
        ),
        (
            L::RequestsCompleted,
            &[L::CompletedOnTime, L::CompletedExtended],
        ),
        (
            L::Denied,
            &[
                L::DeniedStateSecret,
                L::DeniedCommercialSecret,
                L::DeniedPrivacy,
                L::DeniedSecurityStability,
                L::DeniedNotGovInfo,
                L::DeniedOtherLegal,
            ],
        ),
        (
            L::RepliesTotal,
            &[
                L::AlreadyPublic,
                L::Granted,
                L::PartiallyGranted,
                L::Denied,
                L::NotThisAgency,
                L::InfoNotExist,
                L::AskedToAmend,
                L::Redirected,
            ],
        ),
        (
            L::ReviewsTotal,
            &[L::ReviewsUpheld, L::ReviewsCorrected, L::ReviewsOther],
        ),
        (
            L::LawsuitsTotal,
            &[L::LawsuitsUpheld, L::LawsuitsCorrected, L::LawsuitsOther],
        ),
        (
            L::ComplaintsTotal,
            &[
                L::ComplaintsUpheld,
                L::ComplaintsCorrected,
                L::ComplaintsOther,
            ],
        ),
        (L::ArchivedTotal, &[L::ArchivedPaper, L::ArchivedElectronic]),
        (L::StaffTotal, &[L::StaffFullTime, L::StaffPartTime]),
    ]
};

/// The 统计表's indicators counted in 万元, printed as decimals.
const LEGACY_AMOUNTS: [LegacyRow; 2] = [LegacyRow::FeesCollected, LegacyRow::DedicatedBudget];

/// Which cells of a table print blank (each only where its value is 0).
#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// No blank beyond the scattered ones.
    None,
    /// The first value cell of every row, where 0.
    Leading,
    /// The last value cell of every row (the 总计 column of table 三), where 0.
    Trailing,
    /// Table 三's five 法人或其他组织 columns, all 0 and all blank, as real reports print them
    /// (no effect on the other tables).
    Organisations,
    /// Whole columns, set to 0 and blank (chosen among the table's columns that are no sums).
    Columns(Vec<Index>),
    /// Whole rows, set to 0 where they are no sums, blank where 0.
    Rows(Vec<Index>),
    /// The whole table, all 0 and all blank.
    Table,
}

/// The blanks of one table: a pattern and a few single zero cells besides.
#[derive(Clone, Debug)]
pub(crate) struct Blanks {
    /// The pattern.
    pub(crate) pattern: Pattern,
    /// Single zero cells printed blank, chosen among the table's zero cells.
    pub(crate) scattered: Vec<Index>,
}

impl Blanks {
    /// The blanks in words: `organisations + 2 single`.
    fn describe(&self) -> String {
        let pattern = match &self.pattern {
            Pattern::None => String::new(),
            Pattern::Leading => "leading".into(),
            Pattern::Trailing => "trailing".into(),
            Pattern::Organisations => "organisations".into(),
            Pattern::Columns(c) => format!("{} column(s)", c.len()),
            Pattern::Rows(r) => format!("{} row(s)", r.len()),
            Pattern::Table => "whole table".into(),
        };
        let single = match self.scattered.len() {
            0 => String::new(),
            n => format!("{n} single"),
        };
        match (pattern.is_empty(), single.is_empty()) {
            (true, true) => "none".into(),
            (false, true) => pattern,
            (true, false) => single,
            (false, false) => format!("{pattern} + {single}"),
        }
    }
}

/// The numbering of row labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ordinals {
    /// As the template prints them: `（一）`, `1.`.
    Template,
    /// Half-width: `(一)`, `1、`.
    HalfWidth,
    /// Left out: `本年新收政府信息公开申请数量` without `一、`.
    Missing,
}

/// How the report words and surrounds its tables; none of it changes the truth.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // Independent switches of the wording.
pub(crate) struct Style {
    /// 合计 for 总计 (table 三's total column and its row （七）总计).
    pub(crate) heji: bool,
    /// 商业机构 for 商业企业.
    pub(crate) commercial_jigou: bool,
    /// 政务信息 for 政府信息 in the row labels.
    pub(crate) zhengwu: bool,
    /// How row labels are numbered.
    pub(crate) ordinals: Ordinals,
    /// Paragraphs of prose (with numbers in sentences) under the section headings.
    pub(crate) prose: bool,
    /// Seed of the layouts' own choices: which labels split across spans, where a page
    /// breaks, how pdftotext aligns a column …
    pub(crate) seed: u64,
}

/// One test case: a template, the true values of its tables, and how the report prints them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Case {
    /// The template.
    pub(crate) template: Template,
    /// The publishing agency named in the title.
    pub(crate) agency: &'static str,
    /// The year the report covers.
    pub(crate) year: u16,
    /// Table 二 (2019 and 2021).
    pub(crate) proactive: BTreeMap<(ProactiveRow, ProactiveColumn), Slot>,
    /// Table 三 (2019 and 2021).
    pub(crate) requests: BTreeMap<(RequestRow, RequestColumn), Slot>,
    /// Table 四 (2019 and 2021).
    pub(crate) review: BTreeMap<(ReviewRow, ReviewColumn), Slot>,
    /// The 统计表 (legacy).
    pub(crate) legacy: BTreeMap<LegacyRow, Slot>,
    /// The identity this case breaks on purpose, in words, if any.
    pub(crate) fault: Option<String>,
    /// The blank patterns of its tables, in words (`requests: organisations + 2 single`).
    pub(crate) blanks: Vec<String>,
    /// How the report prints it all.
    pub(crate) style: Style,
}

impl Case {
    /// Every cell of the truth: `Some(number)`, or `None` for a blank.
    pub(crate) fn truth(&self) -> BTreeMap<Key, Slot> {
        let mut out = BTreeMap::new();
        for ((r, c), v) in &self.proactive {
            out.insert(Key::proactive(*r, *c), *v);
        }
        for ((r, c), v) in &self.requests {
            out.insert(Key::requests(*r, *c), *v);
        }
        for ((r, c), v) in &self.review {
            out.insert(Key::review(*r, *c), *v);
        }
        for (r, v) in &self.legacy {
            out.insert(Key::legacy(*r), *v);
        }
        out
    }

    /// The case in one line, for failure messages: template, wording, blanks, seed.
    pub(crate) fn summary(&self) -> String {
        let s = &self.style;
        let mut words = vec![format!("template {}", self.template.key())];
        if s.heji {
            words.push("合计 for 总计".into());
        }
        if s.commercial_jigou {
            words.push("商业机构".into());
        }
        if s.zhengwu {
            words.push("政务信息".into());
        }
        match s.ordinals {
            Ordinals::Template => {}
            Ordinals::HalfWidth => words.push("half-width ordinals".into()),
            Ordinals::Missing => words.push("no ordinals".into()),
        }
        if !s.prose {
            words.push("no prose".into());
        }
        words.push(format!("seed {}", s.seed));
        words.push(format!("blanks: {}", self.blanks.join(", ")));
        words.join(" · ")
    }

    /// A requests cell as a number (a blank is 0), for the prose.
    pub(crate) fn request_value(&self, row: RequestRow, column: RequestColumn) -> i64 {
        self.requests
            .get(&(row, column))
            .copied()
            .flatten()
            .map_or(0, |n| n.units)
    }
}

/// Agencies the titles name (made up, in the shape real ones have).
pub(crate) const AGENCIES: &[&str] = &[
    "临川市生态环境局",
    "青山区人民政府办公室",
    "东湖县市场监督管理局",
    "南岭市自然资源和规划局",
    "白沙镇人民政府",
    "云溪县交通运输局",
];

/// A count: mostly 0 and small, sometimes large (up to six digits). `sparse` counts (the
/// organisations' columns) are 0 more often.
fn count(sparse: bool) -> BoxedStrategy<i64> {
    if sparse {
        prop_oneof![
            30 => Just(0i64),
            6 => 1i64..10,
            2 => 10i64..200,
            1 => 200i64..1_000_000,
        ]
        .boxed()
    } else {
        prop_oneof![
            12 => Just(0i64),
            8 => 1i64..10,
            4 => 10i64..1000,
            1 => 1000i64..1_000_000,
        ]
        .boxed()
    }
}

/// An amount in 万元 or 元: 0, or a decimal with up to three fraction digits (`7730.28`).
fn amount() -> BoxedStrategy<Num> {
    prop_oneof![
        2 => Just(Num::ZERO),
        3 => (1i64..10_000_000, 0u8..=3).prop_map(|(units, scale)| Num { units, scale, plus: false }),
    ]
    .boxed()
}

/// A change of the 2019 本年增/减 column: 0, a rise or a fall.
fn change() -> BoxedStrategy<i64> {
    prop_oneof![3 => Just(0i64), 2 => 1i64..200, 1 => -200i64..0].boxed()
}

/// Where a case may have blank cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlankCells {
    /// Anywhere: in patterns and scattered.
    Anywhere,
    /// Only whole rows and whole tables: for a layout that drops blank cells *and* collapses
    /// equal lines (a crawler's `page.txt`), where a blank among zeros leaves no trace and reads
    /// as 0 — which no reader can tell apart (corpus README: a collapsed row is read as the
    /// only expansion of its lines, with no blank assumed). Table 四 prints its three blocks in
    /// one row with no label between them: it is blank only whole.
    WholeRows,
    /// Only whole tables (table 四 under [`WholeRows`](Self::WholeRows)).
    WholeTables,
}

/// The blanks of one table.
fn blanks(cells: BlankCells) -> BoxedStrategy<Blanks> {
    match cells {
        BlankCells::Anywhere => {
            let pattern = prop_oneof![
                6 => Just(Pattern::None),
                2 => Just(Pattern::Leading),
                2 => Just(Pattern::Trailing),
                2 => Just(Pattern::Organisations),
                2 => proptest::collection::vec(any::<Index>(), 1..3).prop_map(Pattern::Columns),
                2 => proptest::collection::vec(any::<Index>(), 1..4).prop_map(Pattern::Rows),
                1 => Just(Pattern::Table),
            ];
            (pattern, proptest::collection::vec(any::<Index>(), 0..3))
                .prop_map(|(pattern, scattered)| Blanks { pattern, scattered })
                .boxed()
        }
        BlankCells::WholeRows => prop_oneof![
            6 => Just(Pattern::None),
            2 => proptest::collection::vec(any::<Index>(), 1..4).prop_map(Pattern::Rows),
            1 => Just(Pattern::Table),
        ]
        .prop_map(|pattern| Blanks {
            pattern,
            scattered: Vec::new(),
        })
        .boxed(),
        BlankCells::WholeTables => prop_oneof![6 => Just(Pattern::None), 1 => Just(Pattern::Table)]
            .prop_map(|pattern| Blanks {
                pattern,
                scattered: Vec::new(),
            })
            .boxed(),
    }
}

/// The wording and surroundings of a report.
fn style() -> impl Strategy<Value = Style> {
    (
        proptest::bool::weighted(0.25),
        proptest::bool::weighted(0.2),
        proptest::bool::weighted(0.15),
        prop_oneof![
            6 => Just(Ordinals::Template),
            2 => Just(Ordinals::HalfWidth),
            1 => Just(Ordinals::Missing),
        ],
        proptest::bool::weighted(0.8),
        any::<u64>(),
    )
        .prop_map(
            |(heji, commercial_jigou, zhengwu, ordinals, prose, seed)| Style {
                heji,
                commercial_jigou,
                zhengwu,
                ordinals,
                prose,
                seed,
            },
        )
}

/// The draws of table 三: every drawn row's six applicant values, row by row in printed order.
#[derive(Clone, Debug)]
struct RequestDraw {
    /// `values[i * 6 + c]`: the i-th drawn row (see [`request_is_drawn`]), applicant column `c`.
    values: Vec<i64>,
    /// Its blanks.
    blanks: Blanks,
}

/// The draws of the tables of a case.
#[derive(Clone, Debug)]
struct Draws {
    /// Table 三.
    requests: RequestDraw,
    /// Table 四: four parts of each of the three blocks.
    review: (Vec<i64>, Blanks),
    /// Table 二: one number per printed cell, in printed order.
    proactive: (Vec<Num>, Blanks),
    /// The 统计表: one number per indicator, in printed order (totals are recomputed).
    legacy: (Vec<Num>, Blanks),
    /// The identity broken on purpose: which, and by how much.
    fault: Option<(Index, i64)>,
    /// Whether positive changes print with `+`.
    plus: bool,
}

/// The strategy of a case of `template` with blanks anywhere.
pub(crate) fn case(template: Template) -> impl Strategy<Value = Case> {
    case_with(template, BlankCells::Anywhere)
}

/// The strategy of a case of `template` with blank cells where `cells` says.
pub(crate) fn case_with(template: Template, cells: BlankCells) -> impl Strategy<Value = Case> {
    let drawn_requests = request_rows(template)
        .into_iter()
        .filter(|r| request_is_drawn(*r))
        .count();
    let requests_values = (0..drawn_requests * 6)
        .map(|i| count(i % 6 != 0))
        .collect::<Vec<_>>();
    let proactive_values = proactive_rows(template)
        .into_iter()
        .flat_map(|(_, columns)| columns.iter())
        .map(|c| match c {
            ProactiveColumn::Amount => amount(),
            ProactiveColumn::Change => change().prop_map(Num::int).boxed(),
            _ => count(false).prop_map(Num::int).boxed(),
        })
        .collect::<Vec<_>>();
    let legacy_values = legacy_rows()
        .into_iter()
        .map(|r| {
            if LEGACY_AMOUNTS.contains(&r) {
                amount()
            } else {
                count(false).prop_map(Num::int).boxed()
            }
        })
        .collect::<Vec<_>>();
    let draws = (
        (requests_values, blanks(cells))
            .prop_map(|(values, blanks)| RequestDraw { values, blanks }),
        (
            proptest::collection::vec(count(false), 12),
            blanks(match cells {
                BlankCells::WholeRows => BlankCells::WholeTables,
                other => other,
            }),
        ),
        (proactive_values, blanks(cells)),
        (legacy_values, blanks(cells)),
        proptest::option::weighted(0.15, (any::<Index>(), 1i64..20)),
        any::<bool>(),
    )
        .prop_map(|(requests, review, proactive, legacy, fault, plus)| Draws {
            requests,
            review,
            proactive,
            legacy,
            fault,
            plus,
        });
    let years = match template {
        Template::V2019 => 2019u16..2021,
        Template::V2021 => 2021u16..2025,
        Template::Legacy => 2009u16..2019,
    };
    // The wording first: proptest shrinks a tuple in order, so a failure's minimal case says
    // first whether a label variant matters.
    (style(), draws, 0..AGENCIES.len(), years)
        .prop_map(move |(style, draws, agency, year)| build(template, &draws, style, agency, year))
}

/// The blank mask of a table given as rows of values: which cells print blank.
/// `forced(row, column)` says which cells the pattern set to 0.
fn mask(
    rows: &[Vec<Num>],
    blanks: &Blanks,
    forced: &dyn Fn(usize, usize) -> bool,
) -> Vec<Vec<bool>> {
    let mut out: Vec<Vec<bool>> = rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let last = cells.len().saturating_sub(1);
            cells
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    v.is_zero()
                        && match blanks.pattern {
                            Pattern::None | Pattern::Organisations => forced(r, c),
                            Pattern::Leading => c == 0,
                            Pattern::Trailing => c == last,
                            Pattern::Columns(_) | Pattern::Rows(_) => forced(r, c),
                            Pattern::Table => true,
                        }
                })
                .collect()
        })
        .collect();
    let zeros: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, cells)| {
            cells
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_zero())
                .map(move |(c, _)| (r, c))
        })
        .collect();
    if !zeros.is_empty() {
        for index in &blanks.scattered {
            let (r, c) = zeros[index.index(zeros.len())];
            out[r][c] = true;
        }
    }
    out
}

/// The chosen elements of `0..len`.
fn chosen(indices: &[Index], len: usize) -> Vec<usize> {
    if len == 0 {
        return Vec::new();
    }
    indices.iter().map(|i| i.index(len)).collect()
}

/// Builds the case from its draws: applies the forced zeros, computes the sums, breaks the
/// faulty identity, and blanks zero cells.
fn build(template: Template, draws: &Draws, style: Style, agency: usize, year: u16) -> Case {
    let mut case = Case {
        template,
        agency: AGENCIES[agency],
        year,
        proactive: BTreeMap::new(),
        requests: BTreeMap::new(),
        review: BTreeMap::new(),
        legacy: BTreeMap::new(),
        fault: None,
        blanks: Vec::new(),
        style,
    };
    if template == Template::Legacy {
        case.blanks
            .push(format!("legacy {}", draws.legacy.1.describe()));
        build_legacy(&mut case, draws);
    } else {
        case.blanks = vec![
            format!("proactive {}", draws.proactive.1.describe()),
            format!("requests {}", draws.requests.blanks.describe()),
            format!("review {}", draws.review.1.describe()),
        ];
        // The fault goes to table 三 or table 四 (table 二 has no identity).
        let fault = draws.fault.map(|(i, delta)| (i.index(2), i, delta));
        build_requests(
            &mut case,
            &draws.requests,
            fault.filter(|f| f.0 == 0).map(|f| (f.1, f.2)),
        );
        build_review(
            &mut case,
            &draws.review,
            fault.filter(|f| f.0 == 1).map(|f| (f.1, f.2)),
        );
        build_proactive(&mut case, &draws.proactive, draws.plus);
    }
    case
}

/// Table 三: the drawn rows, the sums, the fault, the blanks.
fn build_requests(case: &mut Case, draw: &RequestDraw, fault: Option<(Index, i64)>) {
    let rows = request_rows(case.template);
    let outcomes = outcome_rows(case.template);
    let blanks = &draw.blanks;
    // Rows and columns the pattern sets to 0: drawn rows only (the sums follow).
    let drawn: Vec<RequestRow> = rows
        .iter()
        .copied()
        .filter(|r| request_is_drawn(*r))
        .collect();
    let zero_rows: Vec<RequestRow> = match &blanks.pattern {
        Pattern::Rows(ix) => chosen(ix, drawn.len())
            .into_iter()
            .map(|i| drawn[i])
            .collect(),
        Pattern::Table => drawn.clone(),
        _ => Vec::new(),
    };
    let zero_columns: Vec<usize> = match &blanks.pattern {
        Pattern::Organisations => (1..6).collect(),
        Pattern::Columns(ix) => chosen(ix, 6),
        Pattern::Table => (0..6).collect(),
        _ => Vec::new(),
    };
    let mut v: BTreeMap<(RequestRow, usize), i64> = BTreeMap::new();
    for (i, row) in drawn.iter().enumerate() {
        for c in 0..6 {
            let forced = zero_rows.contains(row) || zero_columns.contains(&c);
            let value = if forced { 0 } else { draw.values[i * 6 + c] };
            v.insert((*row, c), value);
        }
    }
    for c in 0..6 {
        let handled: i64 = outcomes.iter().map(|r| v[&(*r, c)]).sum();
        let forward = v[&(RequestRow::CarriedForward, c)];
        // 二 may not exceed what 一 + 二 = (七) + 四 leaves room for.
        let over = v[&(RequestRow::CarriedOver, c)].min(handled + forward);
        v.insert((RequestRow::CarriedOver, c), over);
        v.insert((RequestRow::TotalHandled, c), handled);
        v.insert((RequestRow::NewReceived, c), handled + forward - over);
    }
    let mut values: Vec<Vec<Num>> = rows
        .iter()
        .map(|r| {
            let mut cells: Vec<Num> = (0..6).map(|c| Num::int(v[&(*r, c)])).collect();
            let total = cells.iter().map(|n| n.units).sum();
            cells.push(Num::int(total));
            cells
        })
        .collect();
    if let Some((index, delta)) = fault {
        let i = index.index(rows.len() * 2);
        if i < rows.len() {
            values[i][6].units += delta;
            case.fault = Some(format!(
                "requests/{}: 总计 is {delta} more than the applicant columns",
                rows[i].key()
            ));
        } else {
            let c = i % 6;
            let t = rows
                .iter()
                .position(|r| *r == RequestRow::TotalHandled)
                .unwrap_or_default();
            values[t][c].units += delta;
            case.fault = Some(format!(
                "requests/total_handled/{}: {delta} more than the outcome rows (the 总计 column follows it)",
                APPLICANTS[c].key()
            ));
            values[t][6].units += delta;
        }
    }
    // A row set to 0 is blank whole (its 总计 is 0 too); the 总计 column only when every
    // applicant column is.
    let forced = |r: usize, c: usize| {
        zero_rows.contains(&rows[r])
            || (c < 6 && zero_columns.contains(&c))
            || (c == 6 && zero_columns.len() == 6)
    };
    let blank = mask(&values, blanks, &forced);
    for (r, row) in rows.iter().enumerate() {
        for (c, column) in REQUEST_COLUMNS.iter().enumerate() {
            let slot = (!blank[r][c]).then_some(values[r][c]);
            case.requests.insert((*row, *column), slot);
        }
    }
}

/// Table 四: three blocks of four parts and their total.
fn build_review(
    case: &mut Case,
    (parts, blanks): &(Vec<i64>, Blanks),
    fault: Option<(Index, i64)>,
) {
    let zero_rows: Vec<usize> = match &blanks.pattern {
        Pattern::Rows(ix) => chosen(ix, 3),
        Pattern::Table => (0..3).collect(),
        _ => Vec::new(),
    };
    let zero_columns: Vec<usize> = match &blanks.pattern {
        Pattern::Columns(ix) => chosen(ix, 4),
        Pattern::Table => (0..5).collect(),
        _ => Vec::new(),
    };
    let mut values: Vec<Vec<Num>> = (0..3)
        .map(|b| {
            let mut cells: Vec<Num> = (0..4)
                .map(|c| {
                    let forced = zero_rows.contains(&b) || zero_columns.contains(&c);
                    Num::int(if forced { 0 } else { parts[b * 4 + c] })
                })
                .collect();
            cells.push(cells.iter().fold(Num::ZERO, |a, n| a.plus_int(*n)));
            cells
        })
        .collect();
    if let Some((index, delta)) = fault {
        let b = index.index(3);
        values[b][4].units += delta;
        case.fault = Some(format!(
            "review_litigation/{}: 总计 is {delta} more than its parts",
            ReviewRow::ALL[b].key()
        ));
    }
    // Table 四 prints one line of 15 cells: leading and trailing are of that line.
    let line: Vec<Num> = values.iter().flatten().copied().collect();
    let forced =
        |_: usize, i: usize| zero_rows.contains(&(i / 5)) || zero_columns.contains(&(i % 5));
    let blank = mask(&[line], blanks, &forced);
    for (i, (row, column)) in ReviewRow::flattened_order().enumerate() {
        let value = values[i / 5][i % 5];
        case.review
            .insert((row, column), (!blank[0][i]).then_some(value));
    }
}

/// Table 二: no identity, only blanks.
fn build_proactive(case: &mut Case, (draws, blanks): &(Vec<Num>, Blanks), plus: bool) {
    let rows = proactive_rows(case.template);
    let mut columns: Vec<ProactiveColumn> = Vec::new();
    for (_, cs) in &rows {
        for c in *cs {
            if !columns.contains(c) {
                columns.push(*c);
            }
        }
    }
    let zero_rows: Vec<usize> = match &blanks.pattern {
        Pattern::Rows(ix) => chosen(ix, rows.len()),
        Pattern::Table => (0..rows.len()).collect(),
        _ => Vec::new(),
    };
    let zero_columns: Vec<ProactiveColumn> = match &blanks.pattern {
        Pattern::Columns(ix) => chosen(ix, columns.len())
            .into_iter()
            .map(|i| columns[i])
            .collect(),
        _ => Vec::new(),
    };
    let mut drawn_values = draws.iter();
    let values: Vec<Vec<Num>> = rows
        .iter()
        .enumerate()
        .map(|(r, (_, cs))| {
            cs.iter()
                .map(|c| {
                    let value = drawn_values.next().copied().unwrap_or(Num::ZERO);
                    if zero_rows.contains(&r) || zero_columns.contains(c) {
                        Num::ZERO
                    } else if *c == ProactiveColumn::Change {
                        Num { plus, ..value }
                    } else {
                        value
                    }
                })
                .collect()
        })
        .collect();
    let forced =
        |r: usize, c: usize| zero_rows.contains(&r) || zero_columns.contains(&rows[r].1[c]);
    let blank = mask(&values, blanks, &forced);
    for (r, (row, cs)) in rows.iter().enumerate() {
        for (c, column) in cs.iter().enumerate() {
            case.proactive
                .insert((*row, *column), (!blank[r][c]).then_some(values[r][c]));
        }
    }
}

/// The 统计表: drawn indicators, the totals, the fault, the blanks.
fn build_legacy(case: &mut Case, draws: &Draws) {
    let (values, blanks) = &draws.legacy;
    let rows = legacy_rows();
    let is_total = |r: LegacyRow| LEGACY_SUMS.iter().any(|(t, _)| *t == r);
    let parts: Vec<usize> = (0..rows.len()).filter(|i| !is_total(rows[*i])).collect();
    let zero: Vec<usize> = match &blanks.pattern {
        Pattern::Rows(ix) | Pattern::Columns(ix) => chosen(ix, parts.len())
            .into_iter()
            .map(|i| parts[i])
            .collect(),
        Pattern::Table => (0..rows.len()).collect(),
        _ => Vec::new(),
    };
    let mut v: BTreeMap<LegacyRow, Num> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                *r,
                if zero.contains(&i) {
                    Num::ZERO
                } else {
                    values[i]
                },
            )
        })
        .collect();
    for (total, of) in LEGACY_SUMS {
        let sum = of.iter().map(|r| v[r].units).sum();
        v.insert(*total, Num::int(sum));
    }
    if let Some((index, delta)) = draws.fault {
        // Not 不同意公开答复数: 申请答复数 counts it, so it would break two identities.
        let totals: Vec<LegacyRow> = LEGACY_SUMS
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| *t != LegacyRow::Denied)
            .collect();
        let total = totals[index.index(totals.len())];
        if let Some(n) = v.get_mut(&total) {
            n.units += delta;
        }
        case.fault = Some(format!(
            "legacy/{}: {delta} more than its parts",
            total.key()
        ));
    }
    // One value per row: Leading and Trailing blank every zero indicator.
    let column: Vec<Vec<Num>> = rows.iter().map(|r| vec![v[r]]).collect();
    let forced = |r: usize, _: usize| zero.contains(&r);
    let blank = mask(&column, blanks, &forced);
    for (i, r) in rows.iter().enumerate() {
        case.legacy.insert(*r, (!blank[i][0]).then_some(v[r]));
    }
}
