//! Table `review_litigation` — 政府信息公开行政复议、行政诉讼情况 (formats 2019 and 2021).
//!
//! The template prints the table as one line of 15 numbers under two header rows: the three
//! blocks 行政复议, 行政诉讼·未经复议直接起诉 and ·复议后起诉 (the rows here), each of five columns.

use crate::table::Table;
use crate::template::Identity;
use crate::template::{ColumnSpec, Generations, IdentitySpec, LabelSpec, Shape};
use crate::vocab::vocabulary;

vocabulary! {
    /// Rows of the review and litigation table: the three blocks of its one line of 15 numbers.
    pub enum ReviewRow ("review_litigation row") : LabelSpec {
        Review => "review", "行政复议" / "Administrative reconsideration", Case;
        LitigationDirect => "litigation_direct", "行政诉讼·未经复议直接起诉" / "Administrative litigation: filed without prior reconsideration", Case {
            aliases: &["未经复议直接起诉"],
        };
        LitigationAfterReview => "litigation_after_review", "行政诉讼·复议后起诉" / "Administrative litigation: filed after reconsideration", Case {
            aliases: &["复议后起诉"],
        };
    }
}

vocabulary! {
    /// Columns of each block of the review and litigation table.
    pub enum ReviewColumn ("review_litigation column") : ColumnSpec {
        Upheld => "upheld", "结果维持" / "Upheld";
        Corrected => "corrected", "结果纠正" / "Corrected";
        Other => "other", "其他结果" / "Other outcomes";
        Pending => "pending", "尚未审结" / "Pending";
        Total => "total", "总计" / "Total" { aliases: &["合计"] };
    }
}

/// Header labels of the review table that name no block of its own.
pub const HEADER_LABELS: &[&str] = &["行政诉讼"];

/// The identities of table 四.
pub const IDENTITIES: &[IdentitySpec<ReviewRow, ReviewColumn>] = &[IdentitySpec {
    identity: Identity::ReviewRowTotal,
    generations: Generations::V2019_V2021,
    shape: Shape::Rows {
        lhs: &[ReviewColumn::Total],
        rhs: &[
            ReviewColumn::Upheld,
            ReviewColumn::Corrected,
            ReviewColumn::Other,
            ReviewColumn::Pending,
        ],
    },
}];

/// The review and litigation table.
pub type ReviewTable = Table<ReviewRow, ReviewColumn>;

impl ReviewRow {
    /// The cells of the flattened line of 15 numbers, in printed order.
    pub fn flattened_order() -> impl Iterator<Item = (ReviewRow, ReviewColumn)> {
        ReviewRow::ALL
            .iter()
            .flat_map(|r| ReviewColumn::ALL.iter().map(move |c| (*r, *c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_cells_in_printed_order() {
        let order: Vec<_> = ReviewRow::flattened_order().collect();
        assert_eq!(order.len(), 15);
        assert_eq!(order[0], (ReviewRow::Review, ReviewColumn::Upheld));
        assert_eq!(order[9], (ReviewRow::LitigationDirect, ReviewColumn::Total));
        assert_eq!(
            order[14],
            (ReviewRow::LitigationAfterReview, ReviewColumn::Total)
        );
    }
}
