//! Table `review_litigation` — 政府信息公开行政复议、行政诉讼情况 (formats 2019 and 2021).

use crate::table::Table;
use crate::vocab::vocabulary;

vocabulary! {
    /// Rows of the review and litigation table: the three blocks of its one line of 15 numbers.
    pub enum ReviewRow ("review_litigation row") {
        Review => "review", "行政复议", Case;
        LitigationDirect => "litigation_direct", "行政诉讼·未经复议直接起诉", Case;
        LitigationAfterReview => "litigation_after_review", "行政诉讼·复议后起诉", Case;
    }
}

vocabulary! {
    /// Columns of each block of the review and litigation table.
    pub enum ReviewColumn ("review_litigation column") {
        Upheld => "upheld", "结果维持";
        Corrected => "corrected", "结果纠正";
        Other => "other", "其他结果";
        Pending => "pending", "尚未审结";
        Total => "total", "总计";
    }
}

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
