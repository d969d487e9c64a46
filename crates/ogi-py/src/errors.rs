//! The Python exception hierarchy, and the one place core errors become Python exceptions.

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

/// Maps a core error to its Python exception class.
pub(crate) fn to_py(err: &ogi_core::Error) -> PyErr {
    let message = err.to_string();
    match err.stage() {
        "decode" => DecodeError::new_err(message),
        "limit" => LimitError::new_err(message),
        _ => ParseError::new_err(message),
    }
}
