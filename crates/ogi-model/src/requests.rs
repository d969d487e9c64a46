//! Table `requests` — 收到和处理政府信息公开申请情况 (formats 2019 and 2021).

use crate::Format;
use crate::table::Table;
use crate::vocab::vocabulary;

vocabulary! {
    /// Rows of the requests table (table 三 of the 2019 and 2021 templates).
    pub enum RequestRow ("requests row") {
        NewReceived => "new_received", "一、本年新收政府信息公开申请数量", Case;
        CarriedOver => "carried_over", "二、上年结转政府信息公开申请数量", Case;
        Granted => "granted", "（一）予以公开", Case;
        PartiallyGranted => "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", Case;
        DeniedStateSecret => "denied_state_secret", "1.属于国家秘密", Case;
        DeniedProhibitedByLaw => "denied_prohibited_by_law", "2.其他法律行政法规禁止公开", Case;
        DeniedSecurityStability => "denied_security_stability", "3.危及“三安全一稳定”", Case;
        DeniedThirdParty => "denied_third_party", "4.保护第三方合法权益", Case;
        DeniedInternalAffairs => "denied_internal_affairs", "5.属于三类内部事务信息", Case;
        DeniedProcessInfo => "denied_process_info", "6.属于四类过程性信息", Case;
        DeniedEnforcementFile => "denied_enforcement_file", "7.属于行政执法案卷", Case;
        DeniedAdminQuery => "denied_admin_query", "8.属于行政查询事项", Case;
        DeniedSubtotal => "denied_subtotal", "（三）不予公开 小计", Case;
        UnableNotHeld => "unable_not_held", "1.本机关不掌握相关政府信息", Case;
        UnableNeedsCreation => "unable_needs_creation", "2.没有现成信息需要另行制作", Case;
        UnableUnclear => "unable_unclear", "3.补正后申请内容仍不明确", Case;
        UnableSubtotal => "unable_subtotal", "（四）无法提供 小计", Case;
        RejectedPetition => "rejected_petition", "1.信访举报投诉类申请", Case;
        RejectedDuplicate => "rejected_duplicate", "2.重复申请", Case;
        RejectedPublication => "rejected_publication", "3.要求提供公开出版物", Case;
        RejectedExcessive => "rejected_excessive", "4.无正当理由大量反复申请", Case;
        RejectedConfirmation => "rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", Case;
        RejectedSubtotal => "rejected_subtotal", "（五）不予处理 小计", Case;
        Other => "other", "（六）其他处理", Case;
        OtherNoCorrection => "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Case;
        OtherUnpaidFee => "other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Case;
        OtherMisc => "other_misc", "3.其他", Case;
        OtherSubtotal => "other_subtotal", "（六）其他处理 小计", Case;
        TotalHandled => "total_handled", "（七）总计", Case;
        CarriedForward => "carried_forward", "四、结转下年度继续办理", Case;
    }
}

vocabulary! {
    /// Merged row labels of the requests table: they carry no values in the template and
    /// group the outcome rows.
    pub enum RequestGroup ("requests group") {
        Outcomes => "outcomes", "三、本年度办理结果";
        Denied => "denied", "（三）不予公开";
        Unable => "unable", "（四）无法提供";
        Rejected => "rejected", "（五）不予处理";
        OtherHandling => "other_handling", "（六）其他处理";
    }
}

vocabulary! {
    /// Columns of the requests table: the applicant types under 申请人情况.
    pub enum RequestColumn ("requests column") {
        NaturalPerson => "natural_person", "自然人";
        Commercial => "commercial", "商业企业";
        Research => "research", "科研机构";
        SocialWelfare => "social_welfare", "社会公益组织";
        LegalServices => "legal_services", "法律服务机构";
        OtherOrg => "other_org", "其他";
        LegalPersonSubtotal => "legal_person_subtotal", "法人或其他组织 小计";
        Total => "total", "总计";
    }
}

/// The requests table.
pub type RequestsTable = Table<RequestRow, RequestColumn>;

/// The six applicant columns whose sum is [`RequestColumn::Total`].
pub const APPLICANT_COLUMNS: &[RequestColumn] = &[
    RequestColumn::NaturalPerson,
    RequestColumn::Commercial,
    RequestColumn::Research,
    RequestColumn::SocialWelfare,
    RequestColumn::LegalServices,
    RequestColumn::OtherOrg,
];

/// The seven value columns of the template, in order.
pub const TEMPLATE_COLUMNS: &[RequestColumn] = &[
    RequestColumn::NaturalPerson,
    RequestColumn::Commercial,
    RequestColumn::Research,
    RequestColumn::SocialWelfare,
    RequestColumn::LegalServices,
    RequestColumn::OtherOrg,
    RequestColumn::Total,
];

impl RequestRow {
    /// The data rows the template of `format` prints (23 for 2019, 25 for 2021), in order;
    /// none for formats without this table.
    pub fn template_rows(format: Format) -> impl Iterator<Item = RequestRow> {
        let other_split = match format {
            Format::V2019 => Some(false),
            Format::V2021 => Some(true),
            Format::Legacy | Format::Prose => None,
        };
        RequestRow::ALL.iter().copied().filter(move |r| {
            other_split.is_some_and(|split| {
                let sub_row = r.group() == Some(RequestGroup::OtherHandling);
                !r.is_subtotal()
                    && if split {
                        *r != RequestRow::Other
                    } else {
                        !sub_row
                    }
            })
        })
    }

    /// The outcome rows a requests table sums to (七)总计: one (六)其他处理 row (the 2019
    /// template, `has_single_other`) or its three sub-rows (2021), as the table prints them.
    pub fn outcome_rows(has_single_other: bool) -> Vec<RequestRow> {
        RequestRow::ALL
            .iter()
            .copied()
            .filter(|r| r.is_outcome())
            .filter(|r| {
                if has_single_other {
                    r.group() != Some(RequestGroup::OtherHandling)
                } else {
                    *r != RequestRow::Other
                }
            })
            .collect()
    }

    /// The merged label this row sits under, if any.
    pub const fn group(self) -> Option<RequestGroup> {
        use RequestRow as R;
        match self {
            R::Granted | R::PartiallyGranted | R::TotalHandled => Some(RequestGroup::Outcomes),
            R::DeniedStateSecret
            | R::DeniedProhibitedByLaw
            | R::DeniedSecurityStability
            | R::DeniedThirdParty
            | R::DeniedInternalAffairs
            | R::DeniedProcessInfo
            | R::DeniedEnforcementFile
            | R::DeniedAdminQuery
            | R::DeniedSubtotal => Some(RequestGroup::Denied),
            R::UnableNotHeld | R::UnableNeedsCreation | R::UnableUnclear | R::UnableSubtotal => {
                Some(RequestGroup::Unable)
            }
            R::RejectedPetition
            | R::RejectedDuplicate
            | R::RejectedPublication
            | R::RejectedExcessive
            | R::RejectedConfirmation
            | R::RejectedSubtotal => Some(RequestGroup::Rejected),
            R::Other => Some(RequestGroup::Outcomes),
            R::OtherNoCorrection | R::OtherUnpaidFee | R::OtherMisc | R::OtherSubtotal => {
                Some(RequestGroup::OtherHandling)
            }
            R::NewReceived | R::CarriedOver | R::CarriedForward => None,
        }
    }

    /// Whether the row is a subtotal some agencies add (the template has none).
    pub const fn is_subtotal(self) -> bool {
        matches!(
            self,
            Self::DeniedSubtotal
                | Self::UnableSubtotal
                | Self::RejectedSubtotal
                | Self::OtherSubtotal
        )
    }

    /// Whether the row counts one outcome, so that the outcome rows sum to (七)总计.
    pub const fn is_outcome(self) -> bool {
        !self.is_subtotal()
            && !matches!(
                self,
                Self::NewReceived | Self::CarriedOver | Self::TotalHandled | Self::CarriedForward
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_rows_per_format() {
        let rows = |f| RequestRow::template_rows(f).collect::<Vec<_>>();
        assert_eq!(rows(Format::V2019).len(), 23);
        assert_eq!(rows(Format::V2021).len(), 25);
        assert!(rows(Format::Legacy).is_empty());
        assert!(rows(Format::V2021).contains(&RequestRow::OtherMisc));
        assert!(!rows(Format::V2021).contains(&RequestRow::Other));
        assert!(rows(Format::V2019).contains(&RequestRow::Other));
        assert_eq!(
            rows(Format::V2019).last(),
            Some(&RequestRow::CarriedForward)
        );
    }

    #[test]
    fn groups_and_outcomes() {
        assert_eq!(
            RequestRow::UnableUnclear.group(),
            Some(RequestGroup::Unable)
        );
        assert!(RequestRow::OtherMisc.is_outcome());
        assert!(!RequestRow::DeniedSubtotal.is_outcome());
        assert!(!RequestRow::TotalHandled.is_outcome());
        assert_eq!(RequestColumn::Commercial.label(), "商业企业");
    }
}
