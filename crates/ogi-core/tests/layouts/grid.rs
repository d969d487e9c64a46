//! The abstract report: the case's tables as grids of the official template shape (rows of
//! cells with rowspan, colspan and a kind), in a document of title, headings and prose. Every
//! layout writes this one document.
//!
//! The labels are the renderer's own lists (template wording and the variants real reports
//! print), not the model's: the parser is to recognise them, not to be given them.

use super::model::{
    Case, Key, Num, Ordinals, REQUEST_COLUMNS, Slot, Style, Template, proactive_rows, request_rows,
};
use ogi_model::{LegacyRow, ProactiveColumn, ProactiveRow, RequestColumn, RequestRow, ReviewRow};

/// What a grid cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A row or column label, a block heading, a unit.
    Label,
    /// A number of the truth.
    Value,
    /// A cell printed empty: a blank of the truth (with a key) or the empty unit and value
    /// cells of a 统计表 heading row (without).
    Blank,
}

/// One cell of a grid (one `<td>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    /// The text printed (empty for a blank).
    pub(crate) text: String,
    /// Rows the cell spans.
    pub(crate) rowspan: usize,
    /// Grid columns the cell spans.
    pub(crate) colspan: usize,
    /// What it holds.
    pub(crate) kind: Kind,
    /// Whether it is a column header (or a block heading) rather than a row label.
    pub(crate) header: bool,
    /// The truth cell it prints, for values and blanks of the truth.
    pub(crate) key: Option<Key>,
}

impl Cell {
    /// A row label (also units and the label column's head).
    fn label(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
            kind: Kind::Label,
            header: false,
            key: None,
        }
    }

    /// A column header or block heading.
    fn header(text: impl Into<String>) -> Cell {
        Cell {
            header: true,
            ..Cell::label(text)
        }
    }

    /// The cell of a truth slot: its number, or a blank.
    fn slot(key: Key, slot: Slot) -> Cell {
        let (text, kind) = match slot {
            Some(n) => (n.text(), Kind::Value),
            None => (String::new(), Kind::Blank),
        };
        Cell {
            text,
            rowspan: 1,
            colspan: 1,
            kind,
            header: false,
            key: Some(key),
        }
    }

    /// An empty cell outside the truth (a 统计表 heading row's unit and value).
    fn empty() -> Cell {
        Cell {
            kind: Kind::Blank,
            ..Cell::label("")
        }
    }

    /// The cell spanning `rowspan` rows and `colspan` columns.
    fn span(self, rowspan: usize, colspan: usize) -> Cell {
        Cell {
            rowspan,
            colspan,
            ..self
        }
    }
}

/// A table: its rows of cells (each `<tr>`'s `<td>`s) over `width` grid columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grid {
    /// The rows.
    pub(crate) rows: Vec<Vec<Cell>>,
    /// Grid columns.
    pub(crate) width: usize,
}

/// What covers one position of an expanded grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cover {
    /// Row of the covering cell.
    pub(crate) row: usize,
    /// Index of the covering cell in its row.
    pub(crate) cell: usize,
    /// Whether this is the cell's top-left position (where its text goes).
    pub(crate) origin: bool,
}

impl Grid {
    /// The grid with spans expanded: what covers every position, row by row.
    ///
    /// # Panics
    /// If the cells do not tile the grid (a bug of the builder, caught by its tests).
    pub(crate) fn expand(&self) -> Vec<Vec<Cover>> {
        let mut out: Vec<Vec<Option<Cover>>> = vec![vec![None; self.width]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            let mut x = 0;
            for (i, cell) in row.iter().enumerate() {
                while x < self.width && out[r][x].is_some() {
                    x += 1;
                }
                for dr in 0..cell.rowspan {
                    for dx in 0..cell.colspan {
                        let slot = &mut out[r + dr][x + dx];
                        assert!(
                            slot.is_none(),
                            "cells overlap at row {} column {}",
                            r + dr,
                            x + dx
                        );
                        *slot = Some(Cover {
                            row: r,
                            cell: i,
                            origin: dr == 0 && dx == 0,
                        });
                    }
                }
                x += cell.colspan;
            }
        }
        out.into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(x, c)| c.unwrap_or_else(|| panic!("row {r} column {x} not covered")))
                    .collect()
            })
            .collect()
    }

    /// The grid column each cell starts at, row by row.
    pub(crate) fn columns(&self) -> Vec<Vec<usize>> {
        let expanded = self.expand();
        self.rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                (0..row.len())
                    .map(|i| {
                        expanded[r]
                            .iter()
                            .position(|c| c.origin && c.row == r && c.cell == i)
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect()
    }

    /// The truth cells the grid prints, in document order.
    pub(crate) fn keys(&self) -> Vec<Key> {
        self.rows.iter().flatten().filter_map(|c| c.key).collect()
    }
}

/// A block of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// The report's title line.
    Title(String),
    /// A section heading (`三、收到和处理政府信息公开申请情况`).
    Heading(String),
    /// A paragraph of prose.
    Para(String),
    /// A statistics table.
    Table(Grid),
}

/// Splits the ordinal off a label: `（一）`, `一、`, `1.` (or none).
fn split_ordinal(label: &str) -> (&str, &str) {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = label.char_indices();
    match chars.next() {
        Some((_, '（')) => {
            if let Some(end) = label.find('）') {
                let inner = &label['（'.len_utf8()..end];
                if !inner.is_empty() && inner.chars().all(|c| NUMERALS.contains(c)) {
                    return label.split_at(end + '）'.len_utf8());
                }
            }
        }
        Some((_, c)) if NUMERALS.contains(c) => {
            if let Some(end) = label.find('、') {
                if label[..end].chars().all(|c| NUMERALS.contains(c)) {
                    return label.split_at(end + '、'.len_utf8());
                }
            }
        }
        Some((_, c)) if c.is_ascii_digit() => {
            if let Some(end) = label.find('.') {
                if label[..end].chars().all(|c| c.is_ascii_digit()) {
                    return label.split_at(end + 1);
                }
            }
        }
        _ => {}
    }
    ("", label)
}

/// A row label as the style prints it: its ordinal kept, made half-width or left out, and
/// 政府信息 written 政务信息.
pub(crate) fn row_label(style: &Style, label: &str) -> String {
    let (ordinal, rest) = split_ordinal(label);
    let rest = if style.zhengwu {
        rest.replace("政府信息", "政务信息")
    } else {
        rest.to_owned()
    };
    let ordinal = match style.ordinals {
        Ordinals::Template => ordinal.to_owned(),
        Ordinals::HalfWidth => ordinal
            .replace('（', "(")
            .replace('）', ")")
            .replace('.', "、"),
        Ordinals::Missing => String::new(),
    };
    ordinal + &rest
}

/// The labels of table 三's data rows, as the template prints them.
const REQUEST_LABELS: &[(RequestRow, &str)] = {
    use RequestRow as R;
    &[
        (R::NewReceived, "一、本年新收政府信息公开申请数量"),
        (R::CarriedOver, "二、上年结转政府信息公开申请数量"),
        (R::Granted, "（一）予以公开"),
        (
            R::PartiallyGranted,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        (R::DeniedStateSecret, "1.属于国家秘密"),
        (R::DeniedProhibitedByLaw, "2.其他法律行政法规禁止公开"),
        (R::DeniedSecurityStability, "3.危及“三安全一稳定”"),
        (R::DeniedThirdParty, "4.保护第三方合法权益"),
        (R::DeniedInternalAffairs, "5.属于三类内部事务信息"),
        (R::DeniedProcessInfo, "6.属于四类过程性信息"),
        (R::DeniedEnforcementFile, "7.属于行政执法案卷"),
        (R::DeniedAdminQuery, "8.属于行政查询事项"),
        (R::UnableNotHeld, "1.本机关不掌握相关政府信息"),
        (R::UnableNeedsCreation, "2.没有现成信息需要另行制作"),
        (R::UnableUnclear, "3.补正后申请内容仍不明确"),
        (R::RejectedPetition, "1.信访举报投诉类申请"),
        (R::RejectedDuplicate, "2.重复申请"),
        (R::RejectedPublication, "3.要求提供公开出版物"),
        (R::RejectedExcessive, "4.无正当理由大量反复申请"),
        (
            R::RejectedConfirmation,
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        (R::Other, "（六）其他处理"),
        (
            R::OtherNoCorrection,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        (
            R::OtherUnpaidFee,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        (R::OtherMisc, "3.其他"),
        (R::TotalHandled, "（七）总计"),
        (R::CarriedForward, "四、结转下年度继续办理"),
    ]
};

/// The merged labels of table 三 and the first row each stands beside.
const REQUEST_GROUPS: &[(RequestRow, &str)] = {
    use RequestRow as R;
    &[
        (R::Granted, "三、本年度办理结果"),
        (R::DeniedStateSecret, "（三）不予公开"),
        (R::UnableNotHeld, "（四）无法提供"),
        (R::RejectedPetition, "（五）不予处理"),
        (R::OtherNoCorrection, "（六）其他处理"),
    ]
};

/// The template label of a table 三 row.
///
/// # Panics
/// For a row the template does not print.
fn request_label(row: RequestRow) -> &'static str {
    REQUEST_LABELS
        .iter()
        .find(|(r, _)| *r == row)
        .map_or_else(|| panic!("no label for {row:?}"), |(_, l)| *l)
}

/// The 统计表 as the national form prints it: headings (no unit, no value) and indicators.
pub(crate) enum FormLine {
    /// A heading row: `一、主动公开情况`.
    Heading(&'static str),
    /// An indicator row: its key, label and unit.
    Row(LegacyRow, &'static str, &'static str),
}

/// The national 统计表, row by row.
pub(crate) const LEGACY_FORM: &[FormLine] = {
    use FormLine::{Heading as H, Row};
    use LegacyRow as L;
    &[
        H("一、主动公开情况"),
        Row(
            L::ProactiveTotal,
            "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
            "条",
        ),
        Row(
            L::ProactiveNormativeDocs,
            "其中：主动公开规范性文件数",
            "条",
        ),
        Row(L::NormativeDocsIssued, "制发规范性文件总数", "件"),
        H("（二）通过不同渠道和方式公开政府信息的情况"),
        Row(L::ViaGazette, "1.政府公报公开政府信息数", "条"),
        Row(L::ViaWebsite, "2.政府网站公开政府信息数", "条"),
        Row(L::ViaWeibo, "3.政务微博公开政府信息数", "条"),
        Row(L::ViaWechat, "4.政务微信公开政府信息数", "条"),
        Row(L::ViaOther, "5.其他方式公开政府信息数", "条"),
        H("二、回应解读情况"),
        Row(
            L::HotTopicResponses,
            "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
            "次",
        ),
        H("（二）通过不同渠道和方式回应解读的情况"),
        Row(L::PressConferences, "1.参加或举办新闻发布会总次数", "次"),
        Row(
            L::PressConferencesByHead,
            "其中：主要负责同志参加新闻发布会次数",
            "次",
        ),
        Row(L::OnlineInterviews, "2.政府网站在线访谈次数", "次"),
        Row(
            L::OnlineInterviewsByHead,
            "其中：主要负责同志参加政府网站在线访谈次数",
            "次",
        ),
        Row(L::PolicyInterpretations, "3.政策解读稿件发布数", "篇"),
        Row(L::SocialMediaResponses, "4.微博微信回应事件数", "次"),
        Row(L::OtherResponses, "5.其他方式回应事件数", "次"),
        H("三、依申请公开情况"),
        Row(L::RequestsReceived, "（一）收到申请数", "件"),
        Row(L::RequestsInPerson, "1.当面申请数", "件"),
        Row(L::RequestsFax, "2.传真申请数", "件"),
        Row(L::RequestsOnline, "3.网络申请数", "件"),
        Row(L::RequestsLetter, "4.信函申请数", "件"),
        Row(L::RequestsOtherChannel, "5.其他形式", "件"),
        Row(L::RequestsCompleted, "（二）申请办结数", "件"),
        Row(L::CompletedOnTime, "1.按时办结数", "件"),
        Row(L::CompletedExtended, "2.延期办结数", "件"),
        Row(L::RepliesTotal, "（三）申请答复数", "件"),
        Row(L::AlreadyPublic, "1.属于已主动公开范围数", "件"),
        Row(L::Granted, "2.同意公开答复数", "件"),
        Row(L::PartiallyGranted, "3.同意部分公开答复数", "件"),
        Row(L::Denied, "4.不同意公开答复数", "件"),
        Row(L::DeniedStateSecret, "其中：涉及国家秘密", "件"),
        Row(L::DeniedCommercialSecret, "涉及商业秘密", "件"),
        Row(L::DeniedPrivacy, "涉及个人隐私", "件"),
        Row(
            L::DeniedSecurityStability,
            "危及国家安全、公共安全、经济安全和社会稳定",
            "件",
        ),
        Row(L::DeniedNotGovInfo, "不是《条例》所指政府信息", "件"),
        Row(L::DeniedOtherLegal, "法律法规规定的其他情形", "件"),
        Row(L::NotThisAgency, "5.不属于本行政机关公开数", "件"),
        Row(L::InfoNotExist, "6.申请信息不存在数", "件"),
        Row(L::AskedToAmend, "7.告知作出更改补充数", "件"),
        Row(L::Redirected, "8.告知通过其他途径办理数", "件"),
        Row(L::ReviewsTotal, "四、行政复议数量", "件"),
        Row(L::ReviewsUpheld, "（一）维持具体行政行为数", "件"),
        Row(L::ReviewsCorrected, "（二）被依法纠错数", "件"),
        Row(L::ReviewsOther, "（三）其他情形数", "件"),
        Row(L::LawsuitsTotal, "五、行政诉讼数量", "件"),
        Row(
            L::LawsuitsUpheld,
            "（一）维持具体行政行为或者驳回原告诉讼请求数",
            "件",
        ),
        Row(L::LawsuitsCorrected, "（二）被依法纠错数", "件"),
        Row(L::LawsuitsOther, "（三）其他情形数", "件"),
        Row(L::ComplaintsTotal, "六、被举报投诉数量", "件"),
        Row(L::ComplaintsUpheld, "（一）维持具体行政行为数", "件"),
        Row(L::ComplaintsCorrected, "（二）被纠错数", "件"),
        Row(L::ComplaintsOther, "（三）其他情形数", "件"),
        Row(
            L::ArchivedTotal,
            "七、向图书馆、档案馆等查阅场所报送信息数",
            "条",
        ),
        Row(L::ArchivedPaper, "（一）纸质文件数", "条"),
        Row(L::ArchivedElectronic, "（二）电子文件数", "条"),
        Row(L::FeesCollected, "八、依申请公开信息收取的费用", "万元"),
        H("九、机构建设和保障经费情况"),
        Row(L::DedicatedUnits, "（一）政府信息公开工作专门机构数", "个"),
        Row(L::ReadingPoints, "（二）设置政府信息公开查阅点数", "个"),
        Row(L::StaffTotal, "（三）从事政府信息公开工作人员数", "人"),
        Row(
            L::StaffFullTime,
            "1.专职人员数（不包括政府公报及政府网站工作人员数）",
            "人",
        ),
        Row(L::StaffPartTime, "2.兼职人员数", "人"),
        Row(
            L::DedicatedBudget,
            "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
            "万元",
        ),
        H("十、政府信息公开会议和培训情况"),
        Row(
            L::Meetings,
            "（一）召开政府信息公开工作会议或专题会议数",
            "次",
        ),
        Row(L::Trainings, "（二）举办各类培训班数", "次"),
        Row(L::Trainees, "（三）接受培训人员数", "人次"),
    ]
};

/// Table 三 (2019: （六）其他处理 one row; 2021: three sub-rows under a merged label).
pub(crate) fn requests_grid(case: &Case) -> Grid {
    let style = &case.style;
    let total = if style.heji { "合计" } else { "总计" };
    let commercial = if style.commercial_jigou {
        "商业机构"
    } else {
        "商业企业"
    };
    let mut rows = vec![
        vec![
            Cell::header("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
                .span(3, 3),
            Cell::header("申请人情况").span(1, 7),
        ],
        vec![
            Cell::header("自然人").span(2, 1),
            Cell::header("法人或其他组织").span(1, 5),
            Cell::header(total).span(2, 1),
        ],
        [
            commercial,
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .into_iter()
        .map(Cell::header)
        .collect(),
    ];
    let data = request_rows(case.template);
    let first_outcome = data.iter().position(|r| *r == RequestRow::Granted);
    let last_outcome = data.iter().position(|r| *r == RequestRow::TotalHandled);
    for (i, row) in data.iter().enumerate() {
        let mut cells = Vec::new();
        let mut label = row_label(style, request_label(*row));
        if *row == RequestRow::TotalHandled && style.heji {
            label = label.replace("总计", "合计");
        }
        let in_outcomes =
            first_outcome.is_some_and(|f| i >= f) && last_outcome.is_some_and(|l| i <= l);
        if let Some((_, group)) = REQUEST_GROUPS.iter().find(|(r, _)| r == row) {
            let span = data[i..]
                .iter()
                .take_while(|r| match row {
                    RequestRow::Granted => **r != RequestRow::CarriedForward,
                    _ => sub_row_of(**r) == sub_row_of(*row),
                })
                .count();
            cells.push(Cell::label(row_label(style, group)).span(span, 1));
        }
        let width = if !in_outcomes {
            3
        } else if sub_row_of(*row).is_some() {
            1
        } else {
            2
        };
        cells.push(Cell::label(label).span(1, width));
        for &column in REQUEST_COLUMNS {
            let slot = case.requests.get(&(*row, column)).copied().flatten();
            cells.push(Cell::slot(Key::requests(*row, column), slot));
        }
        rows.push(cells);
    }
    Grid { rows, width: 10 }
}

/// Which merged outcome label a row stands under: 3 for （三）, 4, 5, 6 (2021's （六） only).
fn sub_row_of(row: RequestRow) -> Option<u8> {
    use RequestRow as R;
    match row {
        R::DeniedStateSecret
        | R::DeniedProhibitedByLaw
        | R::DeniedSecurityStability
        | R::DeniedThirdParty
        | R::DeniedInternalAffairs
        | R::DeniedProcessInfo
        | R::DeniedEnforcementFile
        | R::DeniedAdminQuery => Some(3),
        R::UnableNotHeld | R::UnableNeedsCreation | R::UnableUnclear => Some(4),
        R::RejectedPetition
        | R::RejectedDuplicate
        | R::RejectedPublication
        | R::RejectedExcessive
        | R::RejectedConfirmation => Some(5),
        R::OtherNoCorrection | R::OtherUnpaidFee | R::OtherMisc => Some(6),
        _ => None,
    }
}

/// Table 四: 行政复议 and 行政诉讼 over three header rows, one data row of 15 values.
pub(crate) fn review_grid(case: &Case) -> Grid {
    const RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut second: Vec<Cell> = RESULTS
        .iter()
        .map(|l| Cell::header(*l).span(2, 1))
        .collect();
    second.push(Cell::header("未经复议直接起诉").span(1, 5));
    second.push(Cell::header("复议后起诉").span(1, 5));
    let values = ReviewRow::flattened_order()
        .map(|(r, c)| {
            Cell::slot(
                Key::review(r, c),
                case.review.get(&(r, c)).copied().flatten(),
            )
        })
        .collect();
    Grid {
        rows: vec![
            vec![
                Cell::header("行政复议").span(1, 5),
                Cell::header("行政诉讼").span(1, 10),
            ],
            second,
            RESULTS
                .iter()
                .chain(RESULTS.iter())
                .map(|l| Cell::header(*l))
                .collect(),
            values,
        ],
        width: 15,
    }
}

/// The column labels of table 二.
fn proactive_column_label(template: Template, column: ProactiveColumn) -> &'static str {
    use ProactiveColumn as C;
    match (template, column) {
        (_, C::NewMade) => "本年新制作数量",
        (_, C::NewPublished) => "本年新公开数量",
        (_, C::TotalPublished) => "对外公开总数量",
        (_, C::Issued) => "本年制发件数",
        (_, C::Repealed) => "本年废止件数",
        (_, C::InForce) => "现行有效件数",
        (_, C::PriorItems) => "上一年项目数量",
        (_, C::Change) => "本年增/减",
        (Template::V2021, C::Decisions) => "本年处理决定数量",
        (_, C::Decisions) => "处理决定数量",
        (Template::V2021, C::Amount) => "本年收费金额（单位：万元）",
        (_, C::Amount) => "采购总金额",
        (_, C::Items) => "采购项目数量",
    }
}

/// The row labels of table 二.
fn proactive_row_label(template: Template, row: ProactiveRow) -> &'static str {
    use ProactiveRow as R;
    match (template, row) {
        (_, R::Rules) => "规章",
        (Template::V2021, R::NormativeDocs) => "行政规范性文件",
        (_, R::NormativeDocs) => "规范性文件",
        (_, R::Licensing) => "行政许可",
        (_, R::OtherServices) => "其他对外管理服务事项",
        (_, R::Penalty) => "行政处罚",
        (_, R::Enforcement) => "行政强制",
        (_, R::Fees) => "行政事业性收费",
        (_, R::Procurement) => "政府集中采购",
    }
}

/// The block of 第二十条 a table 二 row is printed in.
fn proactive_block(row: ProactiveRow) -> &'static str {
    use ProactiveRow as R;
    match row {
        R::Rules | R::NormativeDocs => "第二十条第（一）项",
        R::Licensing | R::OtherServices => "第二十条第（五）项",
        R::Penalty | R::Enforcement => "第二十条第（六）项",
        R::Fees => "第二十条第（八）项",
        R::Procurement => "第二十条第（九）项",
    }
}

/// The colspans of a block's value columns over the three value grid columns: one column
/// spans 3 (2021's （五）（六）（八）), two columns 1 and 2, three 1 each.
fn value_spans(n: usize) -> &'static [usize] {
    match n {
        1 => &[3],
        2 => &[1, 2],
        _ => &[1, 1, 1],
    }
}

/// Table 二: blocks headed 第二十条第（…）项, each with its header row and rows.
pub(crate) fn proactive_grid(case: &Case) -> Grid {
    let template = case.template;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut block = "";
    for (row, columns) in proactive_rows(template) {
        let spans = value_spans(columns.len());
        if proactive_block(row) != block {
            block = proactive_block(row);
            let heading = if case.style.ordinals == Ordinals::HalfWidth {
                block.replace('（', "(").replace('）', ")")
            } else {
                block.to_owned()
            };
            rows.push(vec![Cell::header(heading).span(1, 4)]);
            let mut head = vec![Cell::header("信息内容")];
            for (c, span) in columns.iter().zip(spans) {
                head.push(Cell::header(proactive_column_label(template, *c)).span(1, *span));
            }
            rows.push(head);
        }
        let mut cells = vec![Cell::label(proactive_row_label(template, row))];
        for (c, span) in columns.iter().zip(spans) {
            let slot = case.proactive.get(&(row, *c)).copied().flatten();
            cells.push(Cell::slot(Key::proactive(row, *c), slot).span(1, *span));
        }
        rows.push(cells);
    }
    Grid { rows, width: 4 }
}

/// The 统计表: 统计指标 | 单位 | 统计数, heading rows with empty unit and value.
pub(crate) fn legacy_grid(case: &Case) -> Grid {
    let style = &case.style;
    let mut rows = vec![vec![
        Cell::header("统计指标"),
        Cell::header("单位"),
        Cell::header("统计数"),
    ]];
    for line in LEGACY_FORM {
        rows.push(match line {
            FormLine::Heading(text) => {
                vec![
                    Cell::label(row_label(style, text)),
                    Cell::empty(),
                    Cell::empty(),
                ]
            }
            FormLine::Row(row, text, unit) => {
                let slot = case.legacy.get(row).copied().flatten();
                vec![
                    Cell::label(row_label(style, text)),
                    Cell::label(*unit),
                    Cell::slot(Key::legacy(*row), slot),
                ]
            }
        });
    }
    Grid { rows, width: 3 }
}

/// The legacy rows the form prints, in order (to test that it prints the model's).
pub(crate) fn legacy_form_rows() -> Vec<LegacyRow> {
    LEGACY_FORM
        .iter()
        .filter_map(|l| match l {
            FormLine::Row(r, _, _) => Some(*r),
            FormLine::Heading(_) => None,
        })
        .collect()
}

/// A whole number of the truth, blank as 0 (for sentences).
fn n(slot: Option<&Slot>) -> i64 {
    slot.copied().flatten().map_or(0, |n: Num| n.units)
}

/// The report: title, sections with prose, the tables under their headings.
pub(crate) fn document(case: &Case) -> Vec<Block> {
    let title = format!("{}{}年政府信息公开工作年度报告", case.agency, case.year);
    let mut out = vec![Block::Title(title)];
    let prose = case.style.prose;
    let para = |out: &mut Vec<Block>, text: String| {
        if prose {
            out.push(Block::Para(text));
        }
    };
    let year = case.year;
    let agency = case.agency;
    if case.template == Template::Legacy {
        para(
            &mut out,
            format!(
                "本报告根据《中华人民共和国政府信息公开条例》要求，由{agency}编制。全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请行政复议、提起行政诉讼的情况，存在的主要问题及改进措施，并附统计表。"
            ),
        );
        out.push(Block::Heading("一、概述".into()));
        para(
            &mut out,
            format!(
                "{year}年，我单位认真贯彻落实政府信息公开工作部署，全年主动公开政府信息{}条，其中政府网站公开{}条。",
                n(case.legacy.get(&LegacyRow::ProactiveTotal)),
                n(case.legacy.get(&LegacyRow::ViaWebsite)),
            ),
        );
        out.push(Block::Heading("二、依申请公开政府信息情况".into()));
        para(
            &mut out,
            format!(
                "全年共受理政府信息公开申请{}件，均在规定期限内答复。",
                n(case.legacy.get(&LegacyRow::RequestsReceived))
            ),
        );
        out.push(Block::Heading("三、政府信息公开的收费及减免情况".into()));
        para(&mut out, "本年度未收取政府信息公开相关费用。".into());
        out.push(Block::Heading(
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况".into(),
        ));
        para(
            &mut out,
            format!(
                "全年发生政府信息公开行政复议{}件、行政诉讼{}件。",
                n(case.legacy.get(&LegacyRow::ReviewsTotal)),
                n(case.legacy.get(&LegacyRow::LawsuitsTotal))
            ),
        );
        out.push(Block::Heading("五、存在的主要问题及改进措施".into()));
        para(
            &mut out,
            "一是公开内容还不够全面；二是信息更新不够及时。下一步，我们将进一步规范公开流程，加强培训。".into(),
        );
        out.push(Block::Heading("附件：政府信息公开情况统计表".into()));
        out.push(Block::Table(legacy_grid(case)));
        return out;
    }
    para(
        &mut out,
        format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ),
    );
    out.push(Block::Heading("一、总体情况".into()));
    let received = case.request_value(RequestRow::NewReceived, RequestColumn::Total);
    let handled = case.request_value(RequestRow::TotalHandled, RequestColumn::Total);
    para(
        &mut out,
        format!(
            "{year}年，{agency}坚持以公开为常态、不公开为例外，全年共收到政府信息公开申请{received}件，办结{handled}件，均在法定期限内答复。"
        ),
    );
    out.push(Block::Heading("二、主动公开政府信息情况".into()));
    out.push(Block::Table(proactive_grid(case)));
    out.push(Block::Heading("三、收到和处理政府信息公开申请情况".into()));
    out.push(Block::Table(requests_grid(case)));
    out.push(Block::Heading(
        "四、政府信息公开行政复议、行政诉讼情况".into(),
    ));
    out.push(Block::Table(review_grid(case)));
    out.push(Block::Heading(
        "五、政府信息公开工作存在的主要问题及改进情况".into(),
    ));
    para(
        &mut out,
        "一是主动公开的深度和广度有待加强；二是政策解读形式较为单一。下一步将加强业务培训，提升公开质量。".into(),
    );
    out.push(Block::Heading("六、其他需要报告的事项".into()));
    para(&mut out, format!("{year}年，本机关未收取信息处理费。"));
    out
}
