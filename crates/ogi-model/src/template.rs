//! The template registry: what the report templates print, as data.
//!
//! Every table is declared once, in its module ([`requests`](crate::requests),
//! [`proactive`](crate::proactive), [`review`](crate::review), [`legacy`](crate::legacy)): one
//! line per row and per column, in printed order, with its stable key, the Chinese label the
//! template prints, its unit, the other labels real reports print for it (its *aliases*:
//! 合计 for 总计, 商业机构 for 商业企业, 政务信息 for 政府信息 …), the merged label it stands under
//! (its rowspan parent), and which [`Generations`] of the template print it. Below each
//! declaration stand the table's identities ([`IdentitySpec`]: which cells add up to which) and
//! here the words that announce each table ([`TABLES`]). The parser's label matcher and table
//! readers, the checks, the settling of run-together digits, the format decision, the wide and
//! tidy exports and the Python vocabulary all read these declarations; a new generation or row
//! is one line there plus a fixture.
//!
//! ```
//! use ogi_model::template::{Generations, Shape};
//! use ogi_model::{Format, RequestColumn, RequestRow, requests};
//!
//! // The 2019 template prints (六)其他处理 as one row, the 2021 template as three.
//! assert_eq!(RequestRow::Other.spec().generations, Generations::V2019);
//! assert_eq!(RequestRow::OtherMisc.spec().generations.only(), Some(Format::V2021));
//! assert!(RequestColumn::Commercial.spec().aliases.contains(&"商业机构"));
//! // Identities are data: 总计 is the sum of the applicant columns, in every row.
//! let row_total = &requests::IDENTITIES[3];
//! assert!(matches!(row_total.shape, Shape::Rows { lhs: [RequestColumn::Total], .. }));
//! ```

use crate::meta::Format;
use crate::vocab::{Vocabulary, vocabulary};

vocabulary! {
    /// The tables of the tidy export.
    pub enum TableName ("table") {
        Meta => "meta", "基本信息" / "Report metadata";
        Proactive => "proactive", "主动公开政府信息情况" / "Proactive disclosure of government information";
        Requests => "requests", "收到和处理政府信息公开申请情况" / "Requests for government information disclosure received and handled";
        ReviewLitigation => "review_litigation", "政府信息公开行政复议、行政诉讼情况" / "Administrative reconsideration and litigation concerning government information disclosure";
        Legacy => "legacy", "政府信息公开情况统计表" / "Government information disclosure statistics form (pre-2019)";
        Narrative => "narrative", "正文中的数字" / "Figures stated in the text";
    }
}

vocabulary! {
    /// The identities checked: the formula as the template words it, and in English.
    pub enum Identity ("identity") {
        RequestsBalance => "requests.balance", "一、本年新收 + 二、上年结转 = (七)总计 + 四、结转下年度" / "New this year + carried over = total handled + carried forward";
        RequestsOutcomes => "requests.outcomes", "(七)总计 = 各办理结果之和" / "Total handled = sum of the outcomes";
        RequestsRowTotal => "requests.row_total", "总计 = 各类申请人之和" / "Total = sum of the applicant columns";
        RequestsLegalPersonSubtotal => "requests.legal_person_subtotal", "法人或其他组织小计 = 五类组织之和" / "Legal persons subtotal = sum of the five kinds of organisation";
        RequestsGroupSubtotal => "requests.group_subtotal", "小计 = 本类各项之和" / "Subtotal = sum of the group's items";
        ReviewRowTotal => "review_litigation.row_total", "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结" / "Total = upheld + corrected + other + pending";
        LegacyParts => "legacy.parts", "合计 = 各分项之和" / "Total = sum of its parts";
        NarrativeRestates => "narrative.restates", "正文数字 = 表格数字" / "Figure stated in the text = table cell";
        CarriedAcrossYears => "years.carried", "上年结转(Y) = 结转下年度(Y-1)" / "Carried over (Y) = carried forward (Y-1)";
        RepeatedReport => "years.repeated", "两年报告数字不应完全相同" / "Two years' reports should not print the same numbers";
        RepeatedTable => "tables.repeated", "两张表的数字不应完全相同" / "Two tables should not print the same numbers";
    }
}

/// A set of template generations: which templates print a row, a column or an identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Generations(u8);

impl Generations {
    /// No template prints it: a row or column some agencies add (a subtotal).
    pub const NONE: Self = Self(0);
    /// The 2019 template (国办公开办函〔2019〕60号) only.
    pub const V2019: Self = Self(1);
    /// The 2021 template (国办公开办函〔2021〕30号) only.
    pub const V2021: Self = Self(2);
    /// Both the 2019 and the 2021 template.
    pub const V2019_V2021: Self = Self(3);
    /// The pre-2019 统计表.
    pub const LEGACY: Self = Self(4);

    const fn bit(format: Format) -> u8 {
        match format {
            Format::V2019 => 1,
            Format::V2021 => 2,
            Format::Legacy => 4,
            Format::Prose => 0,
        }
    }

    /// Whether the set holds `format`.
    pub const fn contains(self, format: Format) -> bool {
        self.0 & Self::bit(format) != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The one generation of the set, when it holds exactly one: a label that only one
    /// generation prints signals that generation.
    pub const fn only(self) -> Option<Format> {
        match self.0 {
            1 => Some(Format::V2019),
            2 => Some(Format::V2021),
            4 => Some(Format::Legacy),
            _ => None,
        }
    }

    /// The generations of the set, newest first.
    pub fn formats(self) -> impl Iterator<Item = Format> {
        [Format::V2021, Format::V2019, Format::Legacy]
            .into_iter()
            .filter(move |f| self.contains(*f))
    }
}

/// Which cells an identity adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape<R: 'static, C: 'static> {
    /// In every column: the sum of the `lhs` rows equals the sum of the `rhs` rows
    /// (一 + 二 = (七) + 四).
    Columns {
        /// The rows of the left side.
        lhs: &'static [R],
        /// The rows of the right side.
        rhs: &'static [R],
    },
    /// In every row: the sum of the `lhs` columns equals the sum of the `rhs` columns
    /// (总计 = the applicant columns).
    Rows {
        /// The columns of the left side.
        lhs: &'static [C],
        /// The columns of the right side.
        rhs: &'static [C],
    },
    /// In every column: each row the registry marks as a total equals the sum of the rows whose
    /// parent it is, as far as the form prints them (the 统计表's totals; forms differ in which
    /// parts they print).
    Parts,
}

/// One identity of a table, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdentitySpec<R: 'static, C: 'static> {
    /// The identity's stable id (`requests.balance`) and wording.
    pub identity: Identity,
    /// The generations whose template implies it.
    pub generations: Generations,
    /// The cells it adds up.
    pub shape: Shape<R, C>,
}

/// Words that announce a table when they stand in a row's labels (or a header): all of `all`,
/// none of `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Words that must all stand in the labels (folded: no punctuation or spaces).
    pub all: &'static [&'static str],
    /// Words that must not.
    pub none: &'static [&'static str],
    /// Whether the words are the table's header, printed before its first row: where they stand
    /// in running text a table starts. Other anchors announce the table only in a row's labels.
    pub header: bool,
}

/// What announces one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// The table.
    pub name: TableName,
    /// The generations of the template that print it: a row announcing a table of another
    /// generation inside this one (`四、行政复议数量…五、行政诉讼数量` run together in a 统计表)
    /// does not start that table.
    pub generations: Generations,
    /// Any of these announces it.
    pub anchors: &'static [Anchor],
}

/// Words every 政府信息公开 report prints, in either script (公开 is the 公开 of 政府信息公开,
/// 主动公开 and 依申请公开): a text that holds none of them and from which nothing was read (no
/// table cell, no stated figure, no year, no agency) is not a report at all — `hello world`, a
/// page of navigation links — rather than a report read badly.
pub const REPORT_WORDS: &[&str] = &["公开", "公開"];

/// Words that reports write for one another in any label: `(variant, canonical)`. Label
/// matching folds each variant onto its canonical word before comparing (a report of 2012
/// writes 主动公开政务信息数 for 主动公开政府信息数, seed 002 本年新收政务信息公开申请数量).
/// Characters written interchangeably (其它/其他, 復/复) are folded one by one by the matcher.
pub const WORD_VARIANTS: &[(&str, &str)] = &[("政务信息", "政府信息")];

/// The tables of the templates with the words that announce each, in the order they are tried
/// (a row holding 行政复议 and 行政诉讼 is table 四's header before any word of another table
/// counts).
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: TableName::Requests,
        generations: Generations::V2019_V2021,
        anchors: &[
            Anchor {
                all: &["本年新收"],
                none: &[],
                header: false,
            },
            Anchor {
                all: &["申请人情况"],
                none: &[],
                header: true,
            },
            Anchor {
                all: &["勾稽关系"],
                none: &[],
                header: true,
            },
        ],
    },
    TableSpec {
        name: TableName::ReviewLitigation,
        generations: Generations::V2019_V2021,
        anchors: &[
            // In running text, 行政复议 and 行政诉讼 stand together in prose too: the header
            // is the two with the first column's label.
            Anchor {
                all: &["行政复议", "行政诉讼", "结果维持"],
                none: &[],
                header: true,
            },
            Anchor {
                all: &["行政复议", "行政诉讼"],
                none: &[],
                header: false,
            },
            Anchor {
                all: &["结果维持", "结果纠正"],
                none: &[],
                header: true,
            },
        ],
    },
    TableSpec {
        name: TableName::Proactive,
        generations: Generations::V2019_V2021,
        anchors: &[
            Anchor {
                all: &["第二十条"],
                none: &[],
                header: true,
            },
            // 信息内容 heads the label column, and stands in prose too (网站信息内容审核):
            // in running text, the header is 信息内容 with its columns' words.
            Anchor {
                all: &["信息内容", "数量"],
                none: &["统计"],
                header: true,
            },
            Anchor {
                all: &["信息内容", "件数"],
                none: &["统计"],
                header: true,
            },
            Anchor {
                all: &["信息内容"],
                none: &["统计"],
                header: false,
            },
        ],
    },
    TableSpec {
        name: TableName::Legacy,
        generations: Generations::LEGACY,
        anchors: &[
            Anchor {
                all: &["统计指标"],
                none: &[],
                header: true,
            },
            Anchor {
                all: &["指标名称"],
                none: &[],
                header: true,
            },
            Anchor {
                all: &["主动公开政府信息数"],
                none: &[],
                header: false,
            },
            Anchor {
                all: &["主动公开信息数"],
                none: &[],
                header: false,
            },
        ],
    },
];

/// The registry entry of a column: the other labels reports print for it and the generations
/// that print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Other labels real reports print for the column (`合计` for `总计`).
    pub aliases: &'static [&'static str],
    /// The generations whose template prints the column; none for one an agency adds.
    pub generations: Generations,
    /// Whether its values may be negative (a change, `本年增/减`); counts never are.
    pub signed: bool,
}

impl ColumnSpec {
    /// No alias, printed by the 2019 and the 2021 template, never negative.
    pub const DEFAULT: Self = Self {
        aliases: &[],
        generations: Generations::V2019_V2021,
        signed: false,
    };
}

/// The registry entry of a row of the review and litigation table, or of a label that groups
/// rows (a merged label) in the requests table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelSpec {
    /// Other labels real reports print for it.
    pub aliases: &'static [&'static str],
}

impl LabelSpec {
    /// No alias.
    pub const DEFAULT: Self = Self { aliases: &[] };
}

/// The registry entry of a section kind: the keywords of its heading and the table it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionSpec {
    /// Words of a heading that name the kind (folded). Kinds are tried in declaration order.
    pub keywords: &'static [&'static str],
    /// The table the section holds, if any.
    pub table: Option<TableName>,
}

impl SectionSpec {
    /// No keyword, no table.
    pub const DEFAULT: Self = Self {
        keywords: &[],
        table: None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_sets() {
        assert!(Generations::V2019_V2021.contains(Format::V2019));
        assert!(!Generations::V2019.contains(Format::V2021));
        assert_eq!(Generations::V2019_V2021.only(), None);
        assert_eq!(Generations::V2021.only(), Some(Format::V2021));
        assert!(Generations::NONE.is_empty());
        assert_eq!(
            Generations::V2019_V2021.formats().collect::<Vec<_>>(),
            [Format::V2021, Format::V2019]
        );
    }

    /// Every row and column key of every table has an English label, in ASCII.
    #[test]
    fn every_key_has_an_english_label() {
        use crate::{
            LegacyRow, MetaRow, NarrativeRow, ProactiveColumn, ProactiveRow, RequestColumn,
            RequestGroup, RequestRow, ReviewColumn, ReviewRow,
        };
        fn check<V: Vocabulary>() {
            for v in V::ALL {
                let en = v.label_en().unwrap_or_default();
                assert!(!en.trim().is_empty(), "{} {}", V::KIND, v.key());
                assert!(en.is_ascii(), "{} {}: {en}", V::KIND, v.key());
            }
        }
        check::<RequestRow>();
        check::<RequestGroup>();
        check::<RequestColumn>();
        check::<ProactiveRow>();
        check::<ProactiveColumn>();
        check::<ReviewRow>();
        check::<ReviewColumn>();
        check::<LegacyRow>();
        check::<NarrativeRow>();
        check::<MetaRow>();
        check::<TableName>();
        check::<crate::Identity>();
        check::<crate::AgencyLevel>();
        for table in TableName::ALL {
            for entry in table.row_entries().iter().chain(&table.column_entries()) {
                assert!(!entry.label_en.is_empty() && entry.label_en.is_ascii());
            }
        }
        assert_eq!(
            RequestRow::NewReceived.label_en(),
            Some("New requests received this year")
        );
        assert_eq!(ReviewColumn::Pending.label_en(), Some("Pending"));
    }

    #[test]
    fn entries_name_their_identities() {
        let rows = TableName::Requests.row_entries();
        let new_received = rows.iter().find(|e| e.key == "new_received").unwrap();
        assert_eq!(new_received.identities, ["requests.balance"]);
        let granted = rows.iter().find(|e| e.key == "granted").unwrap();
        assert_eq!(granted.identities, ["requests.outcomes"]);
        let columns = TableName::ReviewLitigation.column_entries();
        assert!(
            columns
                .iter()
                .all(|e| e.identities == ["review_litigation.row_total"])
        );
        let legacy = TableName::Legacy.row_entries();
        let upheld = legacy.iter().find(|e| e.key == "reviews_upheld").unwrap();
        assert_eq!(upheld.identities, ["legacy.parts"]);
        let meetings = legacy.iter().find(|e| e.key == "meetings").unwrap();
        assert!(meetings.identities.is_empty());
    }
}

/// One row or column of a table as the registry declares it: for consumers that read the
/// registry as data (the Python package's vocabulary, documentation).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The stable key.
    pub key: &'static str,
    /// The label the template prints.
    pub label: &'static str,
    /// The English label ([`Vocabulary::label_en`]): the standard English rendering of the
    /// template's wording.
    pub label_en: &'static str,
    /// Other labels reports print for it.
    pub aliases: &'static [&'static str],
    /// The keys of the template generations that print it (`2019`, `2021`, `legacy`); none for
    /// a row or column an agency adds.
    pub generations: Vec<&'static str>,
    /// The unit its values are counted in, where the template names one (`件`, `万元`).
    pub unit: Option<&'static str>,
    /// The ids of the table's identities ([`IdentitySpec`]) it takes part in, on either side
    /// (`requests.balance`); for a column of one `value`, the identities of the table's rows.
    pub identities: Vec<&'static str>,
}

impl Entry {
    pub(crate) fn of<V: Vocabulary>(
        v: V,
        aliases: &'static [&'static str],
        generations: Generations,
    ) -> Self {
        Self {
            key: v.key(),
            label: v.label(),
            label_en: v.label_en().unwrap_or_default(),
            aliases,
            generations: generations.formats().map(Vocabulary::key).collect(),
            unit: v.unit().map(Vocabulary::label),
            identities: Vec::new(),
        }
    }

    pub(crate) fn with_identities(mut self, identities: Vec<&'static str>) -> Self {
        self.identities = identities;
        self
    }
}
