//! Table `proactive` — 主动公开政府信息情况 (formats 2019 and 2021).
//!
//! The table is printed in blocks headed 第二十条第（一）项, （五）项, （六）项, （八）项 and, in
//! 2019 only, （九）项; the columns of each block differ between the two formats.

use crate::Format;
use crate::table::Table;
use crate::vocab::vocabulary;

vocabulary! {
    /// Rows of the proactive disclosure table.
    pub enum ProactiveRow ("proactive row") {
        Rules => "rules", "规章";
        NormativeDocs => "normative_docs", "规范性文件";
        Licensing => "licensing", "行政许可";
        OtherServices => "other_services", "其他对外管理服务事项";
        Penalty => "penalty", "行政处罚";
        Enforcement => "enforcement", "行政强制";
        Fees => "fees", "行政事业性收费";
        Procurement => "procurement", "政府集中采购";
    }
}

vocabulary! {
    /// Columns of the proactive disclosure table, over both formats.
    pub enum ProactiveColumn ("proactive column") {
        NewMade => "new_made", "本年新制作数量", Case;
        NewPublished => "new_published", "本年新公开数量", Case;
        TotalPublished => "total_published", "对外公开总数量", Case;
        Issued => "issued", "本年制发件数", Case;
        Repealed => "repealed", "本年废止件数", Case;
        InForce => "in_force", "现行有效件数", Case;
        PriorItems => "prior_items", "上一年项目数量", Entry;
        Change => "change", "本年增/减", Entry;
        Decisions => "decisions", "处理决定数量", Case;
        Amount => "amount", "金额", TenThousandYuan;
        Items => "items", "采购项目数量", Entry;
    }
}

/// The proactive disclosure table.
pub type ProactiveTable = Table<ProactiveRow, ProactiveColumn>;

impl ProactiveRow {
    /// The columns the template of `format` prints for this row, in order (empty when the
    /// format does not print the row).
    pub fn template_columns(self, format: Format) -> &'static [ProactiveColumn] {
        use ProactiveColumn as C;
        use ProactiveRow as R;
        match (format, self) {
            (Format::V2019, R::Rules | R::NormativeDocs) => {
                &[C::NewMade, C::NewPublished, C::TotalPublished]
            }
            (Format::V2019, R::Licensing | R::OtherServices | R::Penalty | R::Enforcement) => {
                &[C::PriorItems, C::Change, C::Decisions]
            }
            (Format::V2019, R::Fees) => &[C::PriorItems, C::Change],
            (Format::V2019, R::Procurement) => &[C::Items, C::Amount],
            (Format::V2021, R::Rules | R::NormativeDocs) => &[C::Issued, C::Repealed, C::InForce],
            (Format::V2021, R::Licensing | R::Penalty | R::Enforcement) => &[C::Decisions],
            (Format::V2021, R::Fees) => &[C::Amount],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_differ_by_format() {
        assert_eq!(
            ProactiveRow::Fees.template_columns(Format::V2021),
            &[ProactiveColumn::Amount]
        );
        assert_eq!(ProactiveRow::Fees.template_columns(Format::V2019).len(), 2);
        assert!(
            ProactiveRow::OtherServices
                .template_columns(Format::V2021)
                .is_empty()
        );
        assert!(
            ProactiveRow::Procurement
                .template_columns(Format::Legacy)
                .is_empty()
        );
    }
}
