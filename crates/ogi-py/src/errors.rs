//! The Python exception hierarchy, and the one place core errors become Python exceptions.

use ogi_core::batch::{FileError, FileErrorKind};
use pyo3::PyErr;
use pyo3::create_exception;
use pyo3::exceptions::PyException;

create_exception!(
    ogi,
    OgiError,
    PyException,
    "Base class of every error ogi raises.\n\nA file that cannot be read at all raises Python's own ``OSError`` (``FileNotFoundError``, ``PermissionError``, …) instead. ``read_reports`` lists these errors in ``ReportSet.errors`` rather than raising them, unless ``errors=\"raise\"``."
);
create_exception!(
    ogi,
    DecodeError,
    OgiError,
    "The input is not text: empty, only whitespace, or binary.\n\nRaised by ``parse_text``, ``parse_bytes`` and ``parse_file``; the ``decode`` stage of a ``FileFailure``."
);
create_exception!(
    ogi,
    LimitError,
    OgiError,
    "The input is larger than the configured limit.\n\nThe limit is ``max_bytes`` (64 MiB by default), on the input and on what a PDF or Word file inflates to; a text with more lines than any report is refused too. The ``limit`` stage of a ``FileFailure``."
);
create_exception!(
    ogi,
    ParseError,
    OgiError,
    "The input could not be parsed.\n\nRaised for a text that is not a report at all (it holds no word of one and nothing could be read from it, such as ``hello world``: the ``content`` stage of a ``FileFailure``), and by ``read_reports(..., errors=\"raise\")`` for a file whose parse failed inside ogi (a bug: the ``internal`` stage). What a report lacks is a diagnostic, never this error."
);
create_exception!(
    ogi,
    ExtractError,
    OgiError,
    "No text could be extracted from a PDF or Word file (unreadable or truncated, or scanned pages without a text layer).\n\nAlso raised for a format ogi recognises but does not read (an old binary Office file, an image), with a hint on how to get its text. The ``extract`` stage of a ``FileFailure``."
);
create_exception!(
    ogi,
    SourceChangedError,
    OgiError,
    "The file a report was read from no longer holds the bytes it was read from.\n\nRaised by ``Report.explain`` for a report that keeps no input (``read_reports`` without ``keep_input``) and so reads its file again."
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
/// The `OSError` carries `errno`, `strerror` and `filename`, as Python's own do.
pub(crate) fn file_error_to_py(err: &FileError) -> PyErr {
    match &err.kind {
        FileErrorKind::Read(e) => {
            use pyo3::exceptions as x;
            // `strerror` as Python gives it: without Rust's ` (os error 2)`.
            let message = e.to_string();
            let strerror = match e.raw_os_error() {
                Some(_) => message
                    .rsplit_once(" (os error ")
                    .map_or(message.as_str(), |(m, _)| m),
                None => message.as_str(),
            };
            let args = (
                e.raw_os_error(),
                strerror.to_owned(),
                err.path.clone().into_os_string(),
            );
            match e.kind() {
                std::io::ErrorKind::NotFound => x::PyFileNotFoundError::new_err(args),
                std::io::ErrorKind::PermissionDenied => x::PyPermissionError::new_err(args),
                std::io::ErrorKind::IsADirectory => x::PyIsADirectoryError::new_err(args),
                _ => x::PyOSError::new_err(args),
            }
        }
        _ => by_stage(err.stage(), err.to_string()),
    }
}
