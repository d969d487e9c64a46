//! Table `requests` — 收到和处理政府信息公开申请情况 (formats 2019 and 2021).
//!
//! The registry's declaration of the table: its rows and the merged labels over them, its
//! columns, and its [identities](IDENTITIES).

use crate::Format;
use crate::table::Table;
use crate::template::Identity;
use crate::template::{ColumnSpec, Generations, IdentitySpec, Shape};
use crate::vocab::vocabulary;

/// The registry entry of a row of the requests table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestRowSpec {
    /// Other labels real reports print for the row.
    pub aliases: &'static [&'static str],
    /// The generations whose template prints the row; none for the subtotal rows agencies add.
    pub generations: Generations,
    /// The merged label the row stands under (its rowspan parent in the template).
    pub group: Option<RequestGroup>,
}

impl RequestRowSpec {
    /// No alias, printed by both templates, under no merged label.
    pub const DEFAULT: Self = Self {
        aliases: &[],
        generations: Generations::V2019_V2021,
        group: None,
    };
}

/// The registry entry of a merged label of the requests table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestGroupSpec {
    /// Other labels real reports print for it.
    pub aliases: &'static [&'static str],
    /// The row the label stands for when it carries values of its own: a subtotal some agencies
    /// print, or (for （六）其他处理) the single row of the 2019 template.
    pub with_values: Option<RequestRow>,
    /// The merged label printed beside it, over it and its sibling groups (`三、本年度办理结果`
    /// over `（三）不予公开`).
    pub within: Option<RequestGroup>,
}

impl RequestGroupSpec {
    /// No alias; no values of its own; within no other group.
    pub const DEFAULT: Self = Self {
        aliases: &[],
        with_values: None,
        within: None,
    };
}

vocabulary! {
    /// Rows of the requests table (table 三 of the 2019 and 2021 templates).
    pub enum RequestRow ("requests row") : RequestRowSpec {
        NewReceived => "new_received", "一、本年新收政府信息公开申请数量" / "New requests received this year", Case {
            aliases: &["本年新收申请数量"],
        };
        CarriedOver => "carried_over", "二、上年结转政府信息公开申请数量" / "Requests carried over from the previous year", Case {
            aliases: &["上年结转申请数量"],
        };
        Granted => "granted", "（一）予以公开" / "Disclosed", Case { group: Some(RequestGroup::Outcomes) };
        PartiallyGranted => "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" / "Partially disclosed", Case {
            group: Some(RequestGroup::Outcomes),
        };
        DeniedStateSecret => "denied_state_secret", "1.属于国家秘密" / "Not disclosed: state secret", Case { group: Some(RequestGroup::Denied) };
        DeniedProhibitedByLaw => "denied_prohibited_by_law", "2.其他法律行政法规禁止公开" / "Not disclosed: prohibited by other laws or administrative regulations", Case {
            group: Some(RequestGroup::Denied),
        };
        DeniedSecurityStability => "denied_security_stability", "3.危及“三安全一稳定”" / "Not disclosed: endangers the \"three securities and one stability\"", Case {
            aliases: &["3.危及三安全一稳定"],
            group: Some(RequestGroup::Denied),
        };
        DeniedThirdParty => "denied_third_party", "4.保护第三方合法权益" / "Not disclosed: protects the lawful rights and interests of third parties", Case { group: Some(RequestGroup::Denied) };
        DeniedInternalAffairs => "denied_internal_affairs", "5.属于三类内部事务信息" / "Not disclosed: one of the three types of internal affairs information", Case { group: Some(RequestGroup::Denied) };
        DeniedProcessInfo => "denied_process_info", "6.属于四类过程性信息" / "Not disclosed: one of the four types of process information", Case { group: Some(RequestGroup::Denied) };
        DeniedEnforcementFile => "denied_enforcement_file", "7.属于行政执法案卷" / "Not disclosed: administrative enforcement case file", Case { group: Some(RequestGroup::Denied) };
        DeniedAdminQuery => "denied_admin_query", "8.属于行政查询事项" / "Not disclosed: administrative inquiry matter", Case { group: Some(RequestGroup::Denied) };
        DeniedSubtotal => "denied_subtotal", "（三）不予公开 小计" / "Not disclosed: subtotal", Case {
            generations: Generations::NONE,
            group: Some(RequestGroup::Denied),
        };
        UnableNotHeld => "unable_not_held", "1.本机关不掌握相关政府信息" / "Unable to provide: information not held by this agency", Case { group: Some(RequestGroup::Unable) };
        UnableNeedsCreation => "unable_needs_creation", "2.没有现成信息需要另行制作" / "Unable to provide: no existing information, would need to be created", Case { group: Some(RequestGroup::Unable) };
        UnableUnclear => "unable_unclear", "3.补正后申请内容仍不明确" / "Unable to provide: request still unclear after correction", Case { group: Some(RequestGroup::Unable) };
        UnableSubtotal => "unable_subtotal", "（四）无法提供 小计" / "Unable to provide: subtotal", Case {
            generations: Generations::NONE,
            group: Some(RequestGroup::Unable),
        };
        RejectedPetition => "rejected_petition", "1.信访举报投诉类申请" / "Not processed: petition, report or complaint", Case { group: Some(RequestGroup::Rejected) };
        RejectedDuplicate => "rejected_duplicate", "2.重复申请" / "Not processed: duplicate request", Case { group: Some(RequestGroup::Rejected) };
        RejectedPublication => "rejected_publication", "3.要求提供公开出版物" / "Not processed: request for public publications", Case { group: Some(RequestGroup::Rejected) };
        RejectedExcessive => "rejected_excessive", "4.无正当理由大量反复申请" / "Not processed: large number of repeated requests without justification", Case { group: Some(RequestGroup::Rejected) };
        RejectedConfirmation => "rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息" / "Not processed: request to confirm or reissue information already obtained", Case {
            group: Some(RequestGroup::Rejected),
        };
        RejectedSubtotal => "rejected_subtotal", "（五）不予处理 小计" / "Not processed: subtotal", Case {
            generations: Generations::NONE,
            group: Some(RequestGroup::Rejected),
        };
        Other => "other", "（六）其他处理" / "Other handling", Case {
            generations: Generations::V2019,
            group: Some(RequestGroup::Outcomes),
        };
        OtherNoCorrection => "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" / "Other handling: applicant did not correct the request in time without justification", Case {
            generations: Generations::V2021,
            group: Some(RequestGroup::OtherHandling),
        };
        OtherUnpaidFee => "other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" / "Other handling: applicant did not pay the fee in time", Case {
            generations: Generations::V2021,
            group: Some(RequestGroup::OtherHandling),
        };
        OtherMisc => "other_misc", "3.其他" / "Other handling: other", Case {
            generations: Generations::V2021,
            group: Some(RequestGroup::OtherHandling),
        };
        OtherSubtotal => "other_subtotal", "（六）其他处理 小计" / "Other handling: subtotal", Case {
            generations: Generations::NONE,
            group: Some(RequestGroup::OtherHandling),
        };
        TotalHandled => "total_handled", "（七）总计" / "Total handled", Case {
            // A (七)合计 row is (七)总计; a bare 合计 under a merged label is its subtotal.
            aliases: &["（七）合计", "总计"],
            group: Some(RequestGroup::Outcomes),
        };
        CarriedForward => "carried_forward", "四、结转下年度继续办理" / "Carried forward to next year", Case {
            aliases: &["结转下年度继续办理"],
        };
    }
}

vocabulary! {
    /// Merged row labels of the requests table: they carry no values in the template and
    /// group the outcome rows.
    pub enum RequestGroup ("requests group") : RequestGroupSpec {
        Outcomes => "outcomes", "三、本年度办理结果" / "Outcomes this year";
        Denied => "denied", "（三）不予公开" / "Not disclosed" {
            with_values: Some(RequestRow::DeniedSubtotal),
            within: Some(RequestGroup::Outcomes),
        };
        Unable => "unable", "（四）无法提供" / "Unable to provide" {
            with_values: Some(RequestRow::UnableSubtotal),
            within: Some(RequestGroup::Outcomes),
        };
        Rejected => "rejected", "（五）不予处理" / "Not processed" {
            with_values: Some(RequestRow::RejectedSubtotal),
            within: Some(RequestGroup::Outcomes),
        };
        OtherHandling => "other_handling", "（六）其他处理" / "Other handling" {
            with_values: Some(RequestRow::Other),
            within: Some(RequestGroup::Outcomes),
        };
    }
}

/// Row labels that name the subtotal of the merged label they stand under.
pub const SUBTOTAL_LABELS: &[&str] = &["小计", "合计"];

vocabulary! {
    /// Columns of the requests table: the applicant types under 申请人情况.
    pub enum RequestColumn ("requests column") : ColumnSpec {
        NaturalPerson => "natural_person", "自然人" / "Natural persons";
        Commercial => "commercial", "商业企业" / "Commercial enterprises" {
            // Seed 002 writes 商业机构.
            aliases: &["商业机构"],
        };
        Research => "research", "科研机构" / "Research institutions";
        SocialWelfare => "social_welfare", "社会公益组织" / "Social welfare organizations" { aliases: &["社会公益"] };
        LegalServices => "legal_services", "法律服务机构" / "Legal service institutions" { aliases: &["法律服务"] };
        OtherOrg => "other_org", "其他" / "Other organizations";
        LegalPersonSubtotal => "legal_person_subtotal", "法人或其他组织 小计" / "Legal persons or other organizations: subtotal" {
            aliases: &["小计", "合计"],
            generations: Generations::NONE,
        };
        Total => "total", "总计" / "Total" { aliases: &["合计"] };
    }
}

/// Header labels of the requests table that name no value column: the group over the columns
/// and its parts.
pub const HEADER_LABELS: &[&str] = &[
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "法人或其他组织",
];

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

/// The five organisation columns under 法人或其他组织.
pub const ORGANISATION_COLUMNS: &[RequestColumn] = &[
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

use RequestColumn as C;
use RequestRow as R;

/// The outcome rows both templates print before （六）.
macro_rules! outcomes {
    ($($last:ident),+) => {
        &[
            R::Granted, R::PartiallyGranted,
            R::DeniedStateSecret, R::DeniedProhibitedByLaw, R::DeniedSecurityStability,
            R::DeniedThirdParty, R::DeniedInternalAffairs, R::DeniedProcessInfo,
            R::DeniedEnforcementFile, R::DeniedAdminQuery,
            R::UnableNotHeld, R::UnableNeedsCreation, R::UnableUnclear,
            R::RejectedPetition, R::RejectedDuplicate, R::RejectedPublication,
            R::RejectedExcessive, R::RejectedConfirmation,
            $(R::$last),+
        ]
    };
}

/// The identities of table 三.
pub const IDENTITIES: &[IdentitySpec<RequestRow, RequestColumn>] = &[
    // Printed in the template's corner cell: 第一项加第二项之和，等于第三项加第四项之和.
    IdentitySpec {
        identity: Identity::RequestsBalance,
        generations: Generations::V2019_V2021,
        shape: Shape::Columns {
            lhs: &[R::NewReceived, R::CarriedOver],
            rhs: &[R::TotalHandled, R::CarriedForward],
        },
    },
    // The outcomes are exclusive ("只计这一情形"): they sum to （七）总计.
    IdentitySpec {
        identity: Identity::RequestsOutcomes,
        generations: Generations::V2019,
        shape: Shape::Columns {
            lhs: &[R::TotalHandled],
            rhs: outcomes!(Other),
        },
    },
    IdentitySpec {
        identity: Identity::RequestsOutcomes,
        generations: Generations::V2021,
        shape: Shape::Columns {
            lhs: &[R::TotalHandled],
            rhs: outcomes!(OtherNoCorrection, OtherUnpaidFee, OtherMisc),
        },
    },
    IdentitySpec {
        identity: Identity::RequestsRowTotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Rows {
            lhs: &[C::Total],
            rhs: APPLICANT_COLUMNS,
        },
    },
    IdentitySpec {
        identity: Identity::RequestsLegalPersonSubtotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Rows {
            lhs: &[C::LegalPersonSubtotal],
            rhs: ORGANISATION_COLUMNS,
        },
    },
    IdentitySpec {
        identity: Identity::RequestsGroupSubtotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Columns {
            lhs: &[R::DeniedSubtotal],
            rhs: &[
                R::DeniedStateSecret,
                R::DeniedProhibitedByLaw,
                R::DeniedSecurityStability,
                R::DeniedThirdParty,
                R::DeniedInternalAffairs,
                R::DeniedProcessInfo,
                R::DeniedEnforcementFile,
                R::DeniedAdminQuery,
            ],
        },
    },
    IdentitySpec {
        identity: Identity::RequestsGroupSubtotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Columns {
            lhs: &[R::UnableSubtotal],
            rhs: &[R::UnableNotHeld, R::UnableNeedsCreation, R::UnableUnclear],
        },
    },
    IdentitySpec {
        identity: Identity::RequestsGroupSubtotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Columns {
            lhs: &[R::RejectedSubtotal],
            rhs: &[
                R::RejectedPetition,
                R::RejectedDuplicate,
                R::RejectedPublication,
                R::RejectedExcessive,
                R::RejectedConfirmation,
            ],
        },
    },
    IdentitySpec {
        identity: Identity::RequestsGroupSubtotal,
        generations: Generations::V2019_V2021,
        shape: Shape::Columns {
            lhs: &[R::OtherSubtotal],
            rhs: &[R::OtherNoCorrection, R::OtherUnpaidFee, R::OtherMisc],
        },
    },
];

impl RequestRow {
    /// The data rows the template of `format` prints (23 for 2019, 25 for 2021), in order;
    /// none for formats without this table.
    pub fn template_rows(format: Format) -> impl Iterator<Item = RequestRow> {
        RequestRow::ALL
            .iter()
            .copied()
            .filter(move |r| r.spec().generations.contains(format))
    }

    /// The outcome rows a requests table of `format` sums to （七）总计 (the right side of its
    /// `requests.outcomes` identity); none for formats without this table.
    pub fn outcomes(format: Format) -> &'static [RequestRow] {
        IDENTITIES
            .iter()
            .find(|i| i.identity == Identity::RequestsOutcomes && i.generations.contains(format))
            .map_or(&[], |i| match i.shape {
                Shape::Columns { rhs, .. } => rhs,
                Shape::Rows { .. } | Shape::Parts => &[],
            })
    }

    /// The outcome rows a requests table sums to （七）总计: one （六）其他处理 row (the 2019
    /// template, `has_single_other`) or its three sub-rows (2021), as the table prints them.
    pub fn outcome_rows(has_single_other: bool) -> Vec<RequestRow> {
        let format = if has_single_other {
            Format::V2019
        } else {
            Format::V2021
        };
        Self::outcomes(format).to_vec()
    }

    /// The merged label this row stands under, if any.
    pub const fn group(self) -> Option<RequestGroup> {
        self.spec().group
    }

    /// Whether the row stands under the merged label `group`: in it, or in a group within it.
    pub fn is_under(self, group: RequestGroup) -> bool {
        std::iter::successors(self.group(), |g| g.spec().within).any(|g| g == group)
    }

    /// Whether the row is a subtotal some agencies add (the template has none).
    pub const fn is_subtotal(self) -> bool {
        self.spec().generations.is_empty()
    }

    /// Whether the row counts one outcome, so that the outcome rows sum to （七）总计.
    pub fn is_outcome(self) -> bool {
        [Format::V2019, Format::V2021]
            .iter()
            .any(|f| Self::outcomes(*f).contains(&self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_stand_under_their_groups_and_the_outcomes() {
        use RequestGroup as G;
        assert!(RequestRow::DeniedThirdParty.is_under(G::Denied));
        assert!(RequestRow::DeniedThirdParty.is_under(G::Outcomes));
        assert!(!RequestRow::DeniedThirdParty.is_under(G::Unable));
        assert!(RequestRow::Granted.is_under(G::Outcomes));
        assert!(!RequestRow::Granted.is_under(G::Denied));
        assert!(!RequestRow::NewReceived.is_under(G::Outcomes));
    }

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
        assert_eq!(RequestRow::outcomes(Format::V2019).len(), 19);
        assert_eq!(RequestRow::outcomes(Format::V2021).len(), 21);
    }

    /// The identities agree with the rows' entries: the outcomes of a generation are the rows it
    /// prints between 二 and (七), a group's subtotal sums the rows under its label, and the
    /// template's columns are the applicant columns and 总计.
    #[test]
    fn identities_agree_with_the_rows() {
        for format in [Format::V2019, Format::V2021] {
            let printed: Vec<RequestRow> = RequestRow::template_rows(format)
                .filter(|r| {
                    !matches!(
                        r,
                        R::NewReceived | R::CarriedOver | R::TotalHandled | R::CarriedForward
                    )
                })
                .collect();
            assert_eq!(RequestRow::outcomes(format), printed.as_slice());
        }
        for spec in IDENTITIES {
            if let (
                Identity::RequestsGroupSubtotal,
                Shape::Columns {
                    lhs: [subtotal],
                    rhs,
                },
            ) = (spec.identity, spec.shape)
            {
                let group = subtotal.group();
                let members: Vec<RequestRow> = RequestRow::ALL
                    .iter()
                    .copied()
                    .filter(|r| r.group() == group && !r.is_subtotal())
                    .collect();
                assert_eq!(rhs, members.as_slice(), "{subtotal:?}");
                // A merged label with values of its own is its subtotal (but （六）其他处理,
                // which is the 2019 template's single row).
                if *subtotal != R::OtherSubtotal {
                    assert_eq!(group.and_then(|g| g.spec().with_values), Some(*subtotal));
                }
            }
        }
        let template: Vec<RequestColumn> = RequestColumn::ALL
            .iter()
            .copied()
            .filter(|c| c.spec().generations.contains(Format::V2021))
            .collect();
        assert_eq!(template, TEMPLATE_COLUMNS);
    }
}
