//! Table `legacy` — the pre-2019 政府信息公开情况统计表 (format `legacy`), one `value` column.
//!
//! Provinces and years vary the form; a row that has no key here is kept as
//! [`LegacyKey::Unlisted`] with its label, so nothing printed is lost.

use crate::error::UnknownKey;
use crate::table::{Table, TableKey, ValueColumn};
use crate::vocab::vocabulary;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

vocabulary! {
    /// Indicators of the national 统计表 (2014–2018) and the common local forms.
    pub enum LegacyRow ("legacy row") {
        ProactiveTotal => "proactive_total", "（一）主动公开政府信息数", Item;
        ProactiveNormativeDocs => "proactive_normative_docs", "其中：主动公开规范性文件数", Item;
        NormativeDocsIssued => "normative_docs_issued", "制发规范性文件总数", Case;
        ViaGazette => "via_gazette", "政府公报公开政府信息数", Item;
        ViaWebsite => "via_website", "政府网站公开政府信息数", Item;
        ViaWeibo => "via_weibo", "政务微博公开政府信息数", Item;
        ViaWechat => "via_wechat", "政务微信公开政府信息数", Item;
        ViaOther => "via_other", "其他方式公开政府信息数", Item;
        HotTopicResponses => "hot_topic_responses", "（一）回应公众关注热点或重大舆情数", Times;
        PressConferences => "press_conferences", "1.参加或举办新闻发布会总次数", Times;
        PressConferencesByHead => "press_conferences_by_head", "其中：主要负责同志参加新闻发布会次数", Times;
        OnlineInterviews => "online_interviews", "2.政府网站在线访谈次数", Times;
        OnlineInterviewsByHead => "online_interviews_by_head", "其中：主要负责同志参加政府网站在线访谈次数", Times;
        PolicyInterpretations => "policy_interpretations", "3.政策解读稿件发布数", Article;
        SocialMediaResponses => "social_media_responses", "4.微博微信回应事件数", Times;
        OtherResponses => "other_responses", "5.其他方式回应事件数", Times;
        RequestsReceived => "requests_received", "（一）收到申请数", Case;
        RequestsInPerson => "requests_in_person", "1.当面申请数", Case;
        RequestsFax => "requests_fax", "2.传真申请数", Case;
        RequestsOnline => "requests_online", "3.网络申请数", Case;
        RequestsEmail => "requests_email", "电子邮件申请数", Case;
        RequestsLetter => "requests_letter", "4.信函申请数", Case;
        RequestsOtherChannel => "requests_other_channel", "5.其他形式", Case;
        RequestsCompleted => "requests_completed", "（二）申请办结数", Case;
        CompletedOnTime => "completed_on_time", "1.按时办结数", Case;
        CompletedExtended => "completed_extended", "2.延期办结数", Case;
        RepliesTotal => "replies_total", "（三）申请答复数", Case;
        AlreadyPublic => "already_public", "1.属于已主动公开范围数", Case;
        Granted => "granted", "2.同意公开答复数", Case;
        PartiallyGranted => "partially_granted", "3.同意部分公开答复数", Case;
        Denied => "denied", "4.不同意公开答复数", Case;
        DeniedStateSecret => "denied_state_secret", "其中：涉及国家秘密", Case;
        DeniedCommercialSecret => "denied_commercial_secret", "涉及商业秘密", Case;
        DeniedPrivacy => "denied_privacy", "涉及个人隐私", Case;
        DeniedSecurityStability => "denied_security_stability", "危及国家安全、公共安全、经济安全和社会稳定", Case;
        DeniedNotGovInfo => "denied_not_gov_info", "不是《条例》所指政府信息", Case;
        DeniedOtherLegal => "denied_other_legal", "法律法规规定的其他情形", Case;
        NotThisAgency => "not_this_agency", "5.不属于本行政机关公开数", Case;
        InfoNotExist => "info_not_exist", "6.申请信息不存在数", Case;
        AskedToAmend => "asked_to_amend", "7.告知作出更改补充数", Case;
        Redirected => "redirected", "8.告知通过其他途径办理数", Case;
        ReviewsTotal => "reviews_total", "四、行政复议数量", Case;
        ReviewsUpheld => "reviews_upheld", "（一）维持具体行政行为数", Case;
        ReviewsCorrected => "reviews_corrected", "（二）被依法纠错数", Case;
        ReviewsOther => "reviews_other", "（三）其他情形数", Case;
        LawsuitsTotal => "lawsuits_total", "五、行政诉讼数量", Case;
        LawsuitsUpheld => "lawsuits_upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", Case;
        LawsuitsCorrected => "lawsuits_corrected", "（二）被依法纠错数", Case;
        LawsuitsOther => "lawsuits_other", "（三）其他情形数", Case;
        ComplaintsTotal => "complaints_total", "六、被举报投诉数量", Case;
        ComplaintsUpheld => "complaints_upheld", "（一）维持具体行政行为数", Case;
        ComplaintsCorrected => "complaints_corrected", "（二）被纠错数", Case;
        ComplaintsOther => "complaints_other", "（三）其他情形数", Case;
        ArchivedTotal => "archived_total", "七、向图书馆、档案馆等查阅场所报送信息数", Item;
        ArchivedPaper => "archived_paper", "（一）纸质文件数", Item;
        ArchivedElectronic => "archived_electronic", "（二）电子文件数", Item;
        FeesCollected => "fees_collected", "八、依申请公开信息收取的费用", TenThousandYuan;
        DedicatedUnits => "dedicated_units", "（一）政府信息公开工作专门机构数", Count;
        ReadingPoints => "reading_points", "（二）设置政府信息公开查阅点数", Count;
        StaffTotal => "staff_total", "（三）从事政府信息公开工作人员数", Person;
        StaffFullTime => "staff_full_time", "1.专职人员数", Person;
        StaffPartTime => "staff_part_time", "2.兼职人员数", Person;
        DedicatedBudget => "dedicated_budget", "（四）政府信息公开专项经费", TenThousandYuan;
        Meetings => "meetings", "（一）召开政府信息公开工作会议或专题会议数", Times;
        Trainings => "trainings", "（二）举办各类培训班数", Times;
        Trainees => "trainees", "（三）接受培训人员数", PersonTime;
    }
}

impl LegacyRow {
    /// Totals that equal the sum of their parts (the indicators whose [`parent`](Self::parent)
    /// they are): the form's identities. `其中` parts of 主动公开政府信息数 are no sum.
    pub const SUMMED: &'static [LegacyRow] = &[
        LegacyRow::RequestsReceived,
        LegacyRow::RequestsCompleted,
        LegacyRow::RepliesTotal,
        LegacyRow::Denied,
        LegacyRow::ReviewsTotal,
        LegacyRow::LawsuitsTotal,
        LegacyRow::ComplaintsTotal,
        LegacyRow::ArchivedTotal,
        LegacyRow::StaffTotal,
    ];

    /// The indicator this one is a part of (`reviews_upheld` → `reviews_total`). Labels such as
    /// （一）维持具体行政行为数 recur under several parents; the parent tells them apart.
    pub const fn parent(self) -> Option<LegacyRow> {
        use LegacyRow as L;
        Some(match self {
            L::ProactiveNormativeDocs | L::NormativeDocsIssued => L::ProactiveTotal,
            L::PressConferencesByHead => L::PressConferences,
            L::OnlineInterviewsByHead => L::OnlineInterviews,
            L::RequestsInPerson
            | L::RequestsFax
            | L::RequestsOnline
            | L::RequestsEmail
            | L::RequestsLetter
            | L::RequestsOtherChannel => L::RequestsReceived,
            L::CompletedOnTime | L::CompletedExtended => L::RequestsCompleted,
            L::AlreadyPublic
            | L::Granted
            | L::PartiallyGranted
            | L::Denied
            | L::NotThisAgency
            | L::InfoNotExist
            | L::AskedToAmend
            | L::Redirected => L::RepliesTotal,
            L::DeniedStateSecret
            | L::DeniedCommercialSecret
            | L::DeniedPrivacy
            | L::DeniedSecurityStability
            | L::DeniedNotGovInfo
            | L::DeniedOtherLegal => L::Denied,
            L::ReviewsUpheld | L::ReviewsCorrected | L::ReviewsOther => L::ReviewsTotal,
            L::LawsuitsUpheld | L::LawsuitsCorrected | L::LawsuitsOther => L::LawsuitsTotal,
            L::ComplaintsUpheld | L::ComplaintsCorrected | L::ComplaintsOther => L::ComplaintsTotal,
            L::ArchivedPaper | L::ArchivedElectronic => L::ArchivedTotal,
            L::StaffFullTime | L::StaffPartTime => L::StaffTotal,
            _ => return None,
        })
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
