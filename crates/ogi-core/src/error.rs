//! The error a whole input can fail with.
//!
//! Almost nothing fails a whole report: a table that cannot be read is a diagnostic in the
//! [`Report`](ogi_model::Report). [`Error`] is for inputs that are not a report at all.

use thiserror::Error;

/// Why an input could not be parsed at all.
#[derive(Debug, Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The stage that failed: `decode` for inputs that are not text, `limit` for inputs over
    /// the size limit, `extract` for a Word file whose text cannot be taken out.
    pub fn stage(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty | ErrorKind::Binary { .. } => "decode",
            ErrorKind::TooLarge { .. } => "limit",
            ErrorKind::Container { .. } => "extract",
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self { kind }
    }
}

/// The kinds of [`Error`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input holds no text (no bytes, or only whitespace).
    #[error("the input is empty")]
    Empty,
    /// The input is binary data, not text.
    #[error("the input is binary, not text (a NUL byte at offset {offset})")]
    Binary {
        /// The offset of the first byte that shows it.
        offset: usize,
    },
    /// The input is larger than the configured limit.
    #[error("the input has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A container (a Word file) whose text could not be taken out.
    #[error("the {format} file could not be read: {message}")]
    Container {
        /// `docx`.
        format: &'static str,
        /// Why.
        message: String,
    },
}
