//! Errors of the model: reading numbers, keys and dates from strings.

use thiserror::Error;

/// Why a string is not a [`Decimal`](crate::Decimal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum NumberError {
    /// Nothing but a sign, or nothing at all.
    #[error("empty number")]
    Empty,
    /// A character other than a sign, digits and one decimal point.
    #[error("not a number")]
    NotANumber,
    /// More than 18 significant digits.
    #[error("number too large")]
    Overflow,
    /// More fraction digits than [`MAX_SCALE`](crate::number::MAX_SCALE).
    #[error("too many fraction digits")]
    TooPrecise,
}

/// A key that is not in the vocabulary of [`schema.md`](crate).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown {kind} key `{key}`")]
pub struct UnknownKey {
    /// What was looked up: `requests row`, `format`, …
    pub kind: &'static str,
    /// The key that was not found.
    pub key: String,
}

/// Why a string is not an ISO date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("expected YYYY-MM-DD")]
    Format,
    /// A month or day that does not exist.
    #[error("no such day")]
    OutOfRange,
}
