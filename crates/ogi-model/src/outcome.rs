//! The record of an identity checked: a [`Check`] is the outcome of one identity
//! ([`Identity`], declared with its table in the
//! [`template`](crate::template) registry) on one row or column, as [`check`](crate::check)
//! computes it and a [`Report`](crate::Report) carries it.
//!
//! ```
//! use ogi_model::{CheckStatus, Identity, Vocabulary};
//!
//! assert_eq!(Identity::RequestsBalance.key(), "requests.balance");
//! let status: CheckStatus = serde_json::from_str("\"not_assessable\"").unwrap();
//! assert_eq!(status, CheckStatus::NotAssessable);
//! ```

use crate::number::Decimal;
use crate::span::Span;
use crate::template::{Identity, TableName};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The outcome of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Both sides are equal.
    Pass,
    /// Both sides differ.
    Fail,
    /// A cell it needs is missing or holds a marker.
    NotAssessable,
}

/// A cell taking part in a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckCell {
    /// Its table.
    pub table: TableName,
    /// Its row key.
    pub row: Cow<'static, str>,
    /// Its column key.
    pub column: Cow<'static, str>,
    /// Its value; `None` when missing, blank or a marker.
    pub value: Option<Decimal>,
    /// Whether the report prints it blank (counted as 0).
    pub blank: bool,
    /// Where it was read, when present.
    pub span: Option<Span>,
}

/// One identity checked on one row or column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Stable id: the identity and what it was checked on (`requests.balance[natural_person]`).
    pub id: String,
    /// The identity.
    pub identity: Identity,
    /// Soft checks compare things that agencies legitimately word or group differently.
    pub soft: bool,
    /// Pass, fail or not assessable.
    pub status: CheckStatus,
    /// The left side's value.
    pub lhs: Option<Decimal>,
    /// The right side's value.
    pub rhs: Option<Decimal>,
    /// `lhs - rhs`.
    pub delta: Option<Decimal>,
    /// Whether a blank cell was counted as 0.
    pub blanks_as_zero: bool,
    /// The cells of the left side, then those of the right.
    pub cells: Vec<CheckCell>,
    /// A reading problem the failure suggests, when one fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}
