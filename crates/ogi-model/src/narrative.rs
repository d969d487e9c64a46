//! Table `narrative` — numbers stated in sentences (any format), one `value` column.

use crate::legacy::LegacyRow;
use crate::table::{Table, ValueColumn};
use crate::vocab::vocabulary;

vocabulary! {
    /// Statistics stated in the report's prose.
    pub enum NarrativeRow ("narrative row") {
        ProactiveTotal => "proactive_total", "主动公开政府信息数" / "Government information proactively disclosed", Item;
        ProactiveViaWebsite => "proactive_via_website", "政府网站公开政府信息数" / "Government information disclosed via government websites", Item;
        RequestsReceived => "requests_received", "收到政府信息公开申请数" / "Requests for government information disclosure received", Case;
        RequestsDenied => "requests_denied", "不予公开数" / "Requests not disclosed", Case;
        FeesCollected => "fees_collected", "收取费用" / "Fees collected", Yuan;
        ReviewsTotal => "reviews_total", "行政复议数" / "Administrative reconsideration cases", Case;
        LawsuitsTotal => "lawsuits_total", "行政诉讼数" / "Administrative litigation cases", Case;
    }
}

impl NarrativeRow {
    /// The indicator of the pre-2019 统计表 this statement restates, if the form has one
    /// (`主动公开政府信息425条` restates 主动公开信息数).
    pub const fn legacy_row(self) -> Option<LegacyRow> {
        Some(match self {
            NarrativeRow::ProactiveTotal => LegacyRow::ProactiveTotal,
            NarrativeRow::ProactiveViaWebsite => LegacyRow::ViaWebsite,
            NarrativeRow::RequestsReceived => LegacyRow::RequestsReceived,
            NarrativeRow::RequestsDenied => LegacyRow::Denied,
            NarrativeRow::ReviewsTotal => LegacyRow::ReviewsTotal,
            NarrativeRow::LawsuitsTotal => LegacyRow::LawsuitsTotal,
            NarrativeRow::FeesCollected => return None,
        })
    }
}

/// Numbers stated in prose. Each cell's span is the number (or, for a negation such as
/// 未收到政府信息公开申请, the words that state it).
pub type NarrativeTable = Table<NarrativeRow, ValueColumn>;
