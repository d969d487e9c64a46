//! Python bindings of ogi, built by maturin as the extension module `ogi._ogi`.
//!
//! This crate holds no parsing logic: each function extracts its arguments, runs the core with
//! the GIL released, and converts the result. The public Python API is `python/ogi/__init__.py`.

mod convert;
mod errors;
mod report;

use pyo3::prelude::*;

/// Parses bytes with the GIL released; `source` names where they came from.
fn parse(py: Python<'_>, bytes: &[u8], source: Option<String>) -> PyResult<report::Report> {
    let parsed = py.detach(|| ogi_core::parse(bytes));
    match parsed {
        Ok(inner) => Ok(report::Report { inner, source }),
        Err(e) => Err(errors::to_py(&e)),
    }
}

/// The native module.
#[pymodule(gil_used = false)]
mod _ogi {
    use super::{errors, parse, report};
    use pyo3::prelude::*;
    use std::path::PathBuf;

    #[pymodule_export]
    use report::Report;

    #[pymodule_export]
    use errors::{DecodeError, LimitError, OgiError, ParseError};

    /// The version of the ogi crates this module was built from.
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = env!("CARGO_PKG_VERSION");

    /// Parses a report given as bytes in any supported encoding.
    #[pyfunction]
    #[pyo3(signature = (data, source = None))]
    fn parse_bytes(py: Python<'_>, data: &[u8], source: Option<String>) -> PyResult<Report> {
        parse(py, data, source)
    }

    /// Parses a report given as text.
    #[pyfunction]
    #[pyo3(signature = (text, source = None))]
    fn parse_text(py: Python<'_>, text: &str, source: Option<String>) -> PyResult<Report> {
        parse(py, text.as_bytes(), source)
    }

    /// Reads and parses a report file.
    #[pyfunction]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the path as an owned value.
    fn parse_file(py: Python<'_>, path: PathBuf) -> PyResult<Report> {
        let bytes = py.detach(|| std::fs::read(&path))?;
        parse(py, &bytes, Some(path.display().to_string()))
    }
}
