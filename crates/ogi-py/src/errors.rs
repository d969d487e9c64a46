//! The Python exception hierarchy, and the one place core errors become Python exceptions.

use ogi_core::batch::{FileError, FileErrorKind};
use pyo3::PyErr;
use pyo3::create_exception;
use pyo3::exceptions::PyException;

create_exception!(
    ogi,
    OgiError,
    PyException,
    "Base class of every error ogi raises."
);
create_exception!(
    ogi,
    DecodeError,
    OgiError,
    "The input is not text: empty or binary."
);
create_exception!(
    ogi,
    LimitError,
    OgiError,
    "The input is larger than the configured limit."
);
create_exception!(ogi, ParseError, OgiError, "The input could not be parsed.");
create_exception!(
    ogi,
    ExtractError,
    OgiError,
    "No text could be extracted from a PDF or Word file (unreadable or truncated, or scanned pages without a text layer)."
);
create_exception!(
    ogi,
    SourceChangedError,
    OgiError,
    "The file a report was read from no longer holds the bytes it was read from."
);

/// The exception class of a failed stage (`decode`, `limit`; anything else is a parse error).
fn by_stage(stage: &str, message: String) -> PyErr {
    match stage {
        "decode" => DecodeError::new_err(message),
        "limit" => LimitError::new_err(message),
        "extract" => ExtractError::new_err(message),
        _ => ParseError::new_err(message),
    }
}

/// Maps a core error to its Python exception class.
pub(crate) fn to_py(err: &ogi_core::Error) -> PyErr {
    by_stage(err.stage(), err.to_string())
}

/// Maps a batch file error: an `OSError` of the matching subclass (`FileNotFoundError`, …) for
/// a file that cannot be read, the class of its stage otherwise; the message names the file.
pub(crate) fn file_error_to_py(err: &FileError) -> PyErr {
    match &err.kind {
        FileErrorKind::Read(e) => PyErr::from(std::io::Error::new(e.kind(), err.to_string())),
        _ => by_stage(err.stage(), err.to_string()),
    }
}
