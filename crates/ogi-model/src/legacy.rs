//! Table `legacy` — the pre-2019 政府信息公开情况统计表 (format `legacy`), one `value` column.
//!
//! Provinces and years vary the form; a row that has no key here is kept as
//! [`LegacyKey::Unlisted`] with its label, so nothing printed is lost.

use crate::error::UnknownKey;
use crate::table::{Table, TableKey, ValueColumn};
use crate::template::Identity;
use crate::template::{Generations, IdentitySpec, Shape};
use crate::vocab::vocabulary;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The registry entry of an indicator of the 统计表.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyRowSpec {
    /// Other labels the national and local forms print for the indicator.
    pub aliases: &'static [&'static str],
    /// The indicator this one is a part of (`reviews_upheld` → `reviews_total`). Labels such as
    /// （一）维持具体行政行为数 recur under several parents; the parent tells them apart.
    pub parent: Option<LegacyRow>,
    /// Whether the indicator is the sum of its parts (the indicators whose parent it is), as
    /// far as a form prints them: the form's identities. `其中` parts are no sum.
    pub sums_parts: bool,
    /// The indicator whose items this one counts a share of (a channel of 主动公开政府信息数):
    /// it is never larger.
    pub within: Option<LegacyRow>,
}

impl LegacyRowSpec {
    /// No alias, no parent, no sum, no bound.
    pub const DEFAULT: Self = Self {
        aliases: &[],
        parent: None,
        sums_parts: false,
        within: None,
    };
}

use LegacyRow as L;

vocabulary! {
    /// Indicators of the national 统计表 (2014–2018) and the common local forms.
    pub enum LegacyRow ("legacy row") : LegacyRowSpec {
        ProactiveTotal => "proactive_total", "（一）主动公开政府信息数" / "Government information proactively disclosed", Item {
            // Fujian's short form writes 主动公开文件数 (莆田 2012–2018).
            aliases: &["主动公开信息数", "主动公开政府信息数", "主动公开文件数"],
        };
        ProactiveNormativeDocs => "proactive_normative_docs", "其中：主动公开规范性文件数" / "Of which: normative documents proactively disclosed", Item {
            parent: Some(L::ProactiveTotal),
            within: Some(L::ProactiveTotal),
        };
        NormativeDocsIssued => "normative_docs_issued", "制发规范性文件总数" / "Normative documents issued", Case {
            // 定西's 统计报表.
            aliases: &["新增的行政规范性文件数"],
            parent: Some(L::ProactiveTotal),
        };
        ViaGazette => "via_gazette", "政府公报公开政府信息数" / "Disclosed via government gazettes", Item {
            aliases: &["政府公报公开"],
            within: Some(L::ProactiveTotal),
        };
        ViaWebsite => "via_website", "政府网站公开政府信息数" / "Disclosed via government websites", Item {
            aliases: &["网站公开"],
            within: Some(L::ProactiveTotal),
        };
        ViaWeibo => "via_weibo", "政务微博公开政府信息数" / "Disclosed via government Weibo accounts", Item { within: Some(L::ProactiveTotal) };
        ViaWechat => "via_wechat", "政务微信公开政府信息数" / "Disclosed via government WeChat accounts", Item { within: Some(L::ProactiveTotal) };
        ViaOther => "via_other", "其他方式公开政府信息数" / "Disclosed via other channels", Item {
            // 莆田's forms (2008, 2012).
            aliases: &["其他便于公众知晓的方式"],
            within: Some(L::ProactiveTotal),
        };
        HotTopicResponses => "hot_topic_responses", "（一）回应公众关注热点或重大舆情数" / "Responses to public concerns or major public opinion events", Times;
        PressConferences => "press_conferences", "1.参加或举办新闻发布会总次数" / "Press conferences attended or held", Times;
        PressConferencesByHead => "press_conferences_by_head", "其中：主要负责同志参加新闻发布会次数" / "Of which: press conferences attended by principal officials", Times {
            parent: Some(L::PressConferences),
        };
        OnlineInterviews => "online_interviews", "2.政府网站在线访谈次数" / "Online interviews on government websites", Times;
        OnlineInterviewsByHead => "online_interviews_by_head", "其中：主要负责同志参加政府网站在线访谈次数" / "Of which: online interviews attended by principal officials", Times {
            parent: Some(L::OnlineInterviews),
        };
        PolicyInterpretations => "policy_interpretations", "3.政策解读稿件发布数" / "Policy interpretation articles published", Article;
        SocialMediaResponses => "social_media_responses", "4.微博微信回应事件数" / "Events responded to via Weibo or WeChat", Times;
        OtherResponses => "other_responses", "5.其他方式回应事件数" / "Events responded to by other means", Times;
        RequestsReceived => "requests_received", "（一）收到申请数" / "Requests received", Case {
            aliases: &[
                "申请总数",
                "受理依申请公开信息总数",
                "收到申请总数",
                "受理政府信息公开申请总数",
            ],
            sums_parts: true,
        };
        RequestsInPerson => "requests_in_person", "1.当面申请数" / "Requests made in person", Case { parent: Some(L::RequestsReceived) };
        RequestsFax => "requests_fax", "2.传真申请数" / "Requests made by fax", Case { parent: Some(L::RequestsReceived) };
        RequestsOnline => "requests_online", "3.网络申请数" / "Requests made online", Case {
            aliases: &["网上申请数", "互联网申请数"],
            parent: Some(L::RequestsReceived),
        };
        RequestsEmail => "requests_email", "电子邮件申请数" / "Requests made by email", Case { parent: Some(L::RequestsReceived) };
        RequestsLetter => "requests_letter", "4.信函申请数" / "Requests made by letter", Case { parent: Some(L::RequestsReceived) };
        RequestsOtherChannel => "requests_other_channel", "5.其他形式" / "Requests made by other means", Case {
            aliases: &["其他形式", "其他形式申请数"],
            parent: Some(L::RequestsReceived),
        };
        RequestsCompleted => "requests_completed", "（二）申请办结数" / "Requests completed", Case { sums_parts: true };
        CompletedOnTime => "completed_on_time", "1.按时办结数" / "Completed on time", Case { parent: Some(L::RequestsCompleted) };
        CompletedExtended => "completed_extended", "2.延期办结数" / "Completed after extension", Case { parent: Some(L::RequestsCompleted) };
        RepliesTotal => "replies_total", "（三）申请答复数" / "Replies to requests", Case {
            aliases: &["对申请的答复总数", "对申请的答复数"],
            sums_parts: true,
        };
        AlreadyPublic => "already_public", "1.属于已主动公开范围数" / "Already within the scope of proactive disclosure", Case { parent: Some(L::RepliesTotal) };
        Granted => "granted", "2.同意公开答复数" / "Disclosure granted", Case {
            aliases: &["公开同意答复数"],
            parent: Some(L::RepliesTotal),
        };
        PartiallyGranted => "partially_granted", "3.同意部分公开答复数" / "Partial disclosure granted", Case { parent: Some(L::RepliesTotal) };
        Denied => "denied", "4.不同意公开答复数" / "Disclosure refused", Case {
            aliases: &["不同意公开数", "否决公开答复数", "否决公开答复总数", "不予公开答复数"],
            parent: Some(L::RepliesTotal),
            sums_parts: true,
        };
        DeniedStateSecret => "denied_state_secret", "其中：涉及国家秘密" / "Of which: involves state secrets", Case { parent: Some(L::Denied) };
        DeniedCommercialSecret => "denied_commercial_secret", "涉及商业秘密" / "Involves commercial secrets", Case { parent: Some(L::Denied) };
        DeniedPrivacy => "denied_privacy", "涉及个人隐私" / "Involves personal privacy", Case { parent: Some(L::Denied) };
        DeniedSecurityStability => "denied_security_stability", "危及国家安全、公共安全、经济安全和社会稳定" / "Endangers national, public or economic security or social stability", Case {
            parent: Some(L::Denied),
        };
        DeniedNotGovInfo => "denied_not_gov_info", "不是《条例》所指政府信息" / "Not government information as defined by the Regulations", Case {
            aliases: &["非《规定》所指政府信息数"],
            parent: Some(L::Denied),
        };
        DeniedOtherLegal => "denied_other_legal", "法律法规规定的其他情形" / "Other circumstances provided by laws and regulations", Case { parent: Some(L::Denied) };
        NotThisAgency => "not_this_agency", "5.不属于本行政机关公开数" / "Not within the disclosure remit of this agency", Case {
            aliases: &["非本部门掌握数"],
            parent: Some(L::RepliesTotal),
        };
        InfoNotExist => "info_not_exist", "6.申请信息不存在数" / "Requested information does not exist", Case {
            aliases: &["信息不存在数"],
            parent: Some(L::RepliesTotal),
        };
        AskedToAmend => "asked_to_amend", "7.告知作出更改补充数" / "Applicant informed to amend or supplement the request", Case { parent: Some(L::RepliesTotal) };
        Redirected => "redirected", "8.告知通过其他途径办理数" / "Applicant informed to use other channels", Case { parent: Some(L::RepliesTotal) };
        ReviewsTotal => "reviews_total", "四、行政复议数量" / "Administrative reconsideration cases", Case {
            aliases: &["行政复议数"],
            sums_parts: true,
        };
        ReviewsUpheld => "reviews_upheld", "（一）维持具体行政行为数" / "Reconsideration: administrative act upheld", Case { parent: Some(L::ReviewsTotal) };
        ReviewsCorrected => "reviews_corrected", "（二）被依法纠错数" / "Reconsideration: corrected according to law", Case { parent: Some(L::ReviewsTotal) };
        ReviewsOther => "reviews_other", "（三）其他情形数" / "Reconsideration: other outcomes", Case { parent: Some(L::ReviewsTotal) };
        LawsuitsTotal => "lawsuits_total", "五、行政诉讼数量" / "Administrative litigation cases", Case {
            aliases: &["行政诉讼数"],
            sums_parts: true,
        };
        LawsuitsUpheld => "lawsuits_upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数" / "Litigation: administrative act upheld or claim dismissed", Case {
            parent: Some(L::LawsuitsTotal),
        };
        LawsuitsCorrected => "lawsuits_corrected", "（二）被依法纠错数" / "Litigation: corrected according to law", Case { parent: Some(L::LawsuitsTotal) };
        LawsuitsOther => "lawsuits_other", "（三）其他情形数" / "Litigation: other outcomes", Case { parent: Some(L::LawsuitsTotal) };
        ComplaintsTotal => "complaints_total", "六、被举报投诉数量" / "Reports and complaints received", Case {
            aliases: &["举报投诉数量"],
            sums_parts: true,
        };
        ComplaintsUpheld => "complaints_upheld", "（一）维持具体行政行为数" / "Complaints: administrative act upheld", Case { parent: Some(L::ComplaintsTotal) };
        ComplaintsCorrected => "complaints_corrected", "（二）被纠错数" / "Complaints: corrected", Case { parent: Some(L::ComplaintsTotal) };
        ComplaintsOther => "complaints_other", "（三）其他情形数" / "Complaints: other outcomes", Case { parent: Some(L::ComplaintsTotal) };
        ArchivedTotal => "archived_total", "七、向图书馆、档案馆等查阅场所报送信息数" / "Information submitted to libraries, archives and other reading venues", Item { sums_parts: true };
        ArchivedPaper => "archived_paper", "（一）纸质文件数" / "Paper documents", Item { parent: Some(L::ArchivedTotal) };
        ArchivedElectronic => "archived_electronic", "（二）电子文件数" / "Electronic documents", Item { parent: Some(L::ArchivedTotal) };
        FeesCollected => "fees_collected", "八、依申请公开信息收取的费用" / "Fees collected for disclosure on request", TenThousandYuan {
            aliases: &["依申请公开信息收取的费用", "收取费用"],
        };
        DedicatedUnits => "dedicated_units", "（一）政府信息公开工作专门机构数" / "Dedicated government information disclosure units", Count;
        ReadingPoints => "reading_points", "（二）设置政府信息公开查阅点数" / "Government information reading points set up", Count;
        StaffTotal => "staff_total", "（三）从事政府信息公开工作人员数" / "Staff working on government information disclosure", Person { sums_parts: true };
        StaffFullTime => "staff_full_time", "1.专职人员数" / "Full-time staff", Person {
            aliases: &["专职人员数"],
            parent: Some(L::StaffTotal),
        };
        StaffPartTime => "staff_part_time", "2.兼职人员数" / "Part-time staff", Person {
            aliases: &["兼职人员数"],
            parent: Some(L::StaffTotal),
        };
        DedicatedBudget => "dedicated_budget", "（四）政府信息公开专项经费" / "Dedicated funding for government information disclosure", TenThousandYuan;
        Meetings => "meetings", "（一）召开政府信息公开工作会议或专题会议数" / "Government information disclosure work meetings or special meetings held", Times;
        Trainings => "trainings", "（二）举办各类培训班数" / "Training sessions held", Times;
        Trainees => "trainees", "（三）接受培训人员数" / "Trainees", PersonTime;
    }
}

/// Headings of the form's blocks: rows that group indicators and hold no value of their own.
pub const HEADINGS: &[&str] = &[
    "主动公开情况",
    "通过不同渠道和方式公开政府信息的情况",
    "回应解读情况",
    "通过不同渠道和方式回应解读的情况",
    "依申请公开情况",
    "机构建设和保障经费情况",
    "政府信息公开会议和培训情况",
    "统计指标",
];

/// Words of a 统计表's header that name its columns. The national form prints one value column
/// (统计数); Fujian's short form `本年度 | 历年累计`, 定西's `代码 | 本期实际 | 本年累计`: the
/// year's figure is the value, the running total is read only to split run-together digits
/// (it is never smaller than the year's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnWords {
    /// A column of the year's (or the period's) figures.
    pub year: &'static [&'static str],
    /// A column of running totals.
    pub cumulative: &'static [&'static str],
    /// A column of row codes (`01`, `02` …) before the values.
    pub code: &'static [&'static str],
}

/// The words of the 统计表's columns.
pub const COLUMN_WORDS: ColumnWords = ColumnWords {
    year: &["本年", "年度", "本期", "年末", "统计数"],
    cumulative: &["累计"],
    code: &["代码"],
};

/// The identities of the 统计表: each total is the sum of its printed parts.
pub const IDENTITIES: &[IdentitySpec<LegacyRow, ValueColumn>] = &[IdentitySpec {
    identity: Identity::LegacyParts,
    generations: Generations::LEGACY,
    shape: Shape::Parts,
}];

impl LegacyRow {
    /// Totals that equal the sum of their parts (the indicators whose [`parent`](Self::parent)
    /// they are): the form's identities.
    pub fn totals() -> impl Iterator<Item = LegacyRow> {
        LegacyRow::ALL
            .iter()
            .copied()
            .filter(|r| r.spec().sums_parts)
    }

    /// The indicator this one is a part of (see [`LegacyRowSpec::parent`]).
    pub const fn parent(self) -> Option<LegacyRow> {
        self.spec().parent
    }
}

/// Prefix of the key of an unlisted legacy row.
pub const UNLISTED_PREFIX: &str = "unlisted:";

/// A row of the legacy table: a known indicator, or one this form adds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegacyKey {
    /// An indicator of the vocabulary.
    Known(LegacyRow),
    /// An indicator the vocabulary lacks, by its label with the ordinal stripped
    /// (`unlisted:网站专栏页面访问量`).
    Unlisted(String),
}

impl LegacyKey {
    /// The key as written in exports.
    pub fn key(&self) -> Cow<'static, str> {
        match self {
            LegacyKey::Known(row) => Cow::Borrowed(row.key()),
            LegacyKey::Unlisted(label) => Cow::Owned(format!("{UNLISTED_PREFIX}{label}")),
        }
    }
}

impl From<LegacyRow> for LegacyKey {
    fn from(row: LegacyRow) -> Self {
        LegacyKey::Known(row)
    }
}

impl TableKey for LegacyKey {
    fn export_key(&self) -> Cow<'static, str> {
        self.key()
    }
}

impl fmt::Display for LegacyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl std::str::FromStr for LegacyKey {
    type Err = UnknownKey;
    fn from_str(key: &str) -> Result<Self, Self::Err> {
        if let Some(label) = key.strip_prefix(UNLISTED_PREFIX) {
            return Ok(LegacyKey::Unlisted(label.to_owned()));
        }
        key.parse().map(LegacyKey::Known)
    }
}

impl Serialize for LegacyKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for LegacyKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = Cow::<'de, str>::deserialize(d)?;
        key.parse().map_err(serde::de::Error::custom)
    }
}

/// The legacy 统计表.
pub type LegacyTable = Table<LegacyKey, ValueColumn>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlisted_keys_round_trip() {
        let k = LegacyKey::Unlisted("网站专栏页面访问量".into());
        assert_eq!(k.key(), "unlisted:网站专栏页面访问量");
        assert_eq!(k.key().parse::<LegacyKey>(), Ok(k));
        assert_eq!(
            "trainees".parse::<LegacyKey>(),
            Ok(LegacyKey::Known(LegacyRow::Trainees))
        );
        assert!("trainee".parse::<LegacyKey>().is_err());
    }

    #[test]
    fn parents_disambiguate_recurring_labels() {
        assert_eq!(
            LegacyRow::ComplaintsUpheld.parent(),
            Some(LegacyRow::ComplaintsTotal)
        );
        assert_eq!(
            LegacyRow::ReviewsUpheld.parent(),
            Some(LegacyRow::ReviewsTotal)
        );
        assert_eq!(LegacyRow::ReviewsUpheld.unit(), Some(crate::Unit::Case));
        assert_eq!(LegacyRow::ProactiveTotal.parent(), None);
    }
}
