//! The error a whole input can fail with.
//!
//! Almost nothing fails a whole report: a table that cannot be read is a diagnostic in the
//! [`Report`](ogi_model::Report). [`Error`](struct@Error) is for inputs that are not a report at all.

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

    /// The stage that failed: `decode` for inputs that are not text, `limit` for inputs (or
    /// inflated containers) over the size limit, `extract` for a PDF or Word file whose text
    /// cannot be taken out, `content` for a text that is not a report.
    pub fn stage(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty | ErrorKind::Binary { .. } | ErrorKind::Controls { .. } => "decode",
            ErrorKind::TooLarge { .. }
            | ErrorKind::TooManyLines { .. }
            | ErrorKind::TimedOut { .. }
            | ErrorKind::Extract(ExtractError::Inflates { .. }) => "limit",
            ErrorKind::Extract(_) => "extract",
            ErrorKind::NotAReport => "content",
        }
    }
}

impl From<ExtractError> for Error {
    fn from(e: ExtractError) -> Self {
        ErrorKind::Extract(e).into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self { kind }
    }
}

/// The kinds of [`Error`](struct@Error).
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
    /// The input decodes, but to control characters rather than text: binary data that looked
    /// like UTF-16 or held no NUL byte.
    #[error(
        "the input is binary, not text ({percent}% of its first characters read as {encoding} are control characters)"
    )]
    Controls {
        /// The encoding it was read in.
        encoding: &'static str,
        /// The share of control characters, in percent.
        percent: u8,
    },
    /// The input is larger than the configured limit.
    #[error("the input has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is text, but not a report: it holds none of the words every report prints
    /// ([`REPORT_WORDS`](ogi_model::template::REPORT_WORDS)) and nothing was read from it.
    #[error(
        "the text is not a 政府信息公开 report: it holds no word of one (公开) and nothing was read from it"
    )]
    NotAReport,
    /// The input's text has more lines than any report (see [`MOST_LINES`](crate::MOST_LINES)).
    #[error("the text has {lines} lines, more than the limit of {limit}: not one report")]
    TooManyLines {
        /// Lines of the text.
        lines: usize,
        /// The limit.
        limit: usize,
    },
    /// The file's extraction and parse took longer than the time budget of its
    /// [`Options`](crate::Options): stopped, and nothing of it reported.
    #[error("reading the file took longer than its time budget of {budget:?}: stopped")]
    TimedOut {
        /// The budget.
        budget: std::time::Duration,
    },
    /// No text could be taken out of a container (a PDF or Word file).
    #[error(transparent)]
    Extract(#[from] ExtractError),
}

/// Why no text could be taken out of a container: a PDF, a Word file, or another format an
/// [`Extract`](crate::input::Extract) reads.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The file is damaged or not of the format it looks like.
    #[error("the {format} file could not be read: {message}")]
    Unreadable {
        /// `pdf`, `docx`.
        format: &'static str,
        /// Why.
        message: String,
    },
    /// A compressed container that inflates past the size limit: refused while inflating, as
    /// a zip or Flate bomb must be.
    #[error("the {format} file inflates to more than the limit of {limit} bytes")]
    Inflates {
        /// `pdf`, `docx`.
        format: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// A file format ogi recognises but does not read (an old binary Office file, an image),
    /// with what to do about it.
    #[error("a {format} file: {hint}")]
    Unsupported {
        /// What the file is.
        format: &'static str,
        /// How to get its text.
        hint: &'static str,
    },
    /// The file was read and holds no text: its pages are images (a scan). OCR gives them a
    /// text layer (for a PDF, `ocrmypdf -l chi_sim in.pdf out.pdf`), after which ogi reads them.
    #[error(
        "the {format} file holds no text layer (scanned pages?): run OCR first, e.g. `ocrmypdf -l chi_sim in.{format} out.{format}`"
    )]
    NoText {
        /// `pdf`.
        format: &'static str,
    },
}
