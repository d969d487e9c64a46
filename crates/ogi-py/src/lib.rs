//! Python bindings of ogi, built by maturin as the extension module `ogi._ogi`.
//!
//! This crate holds no parsing logic: each function extracts its arguments, runs the core with
//! the GIL released, and converts the result. The public Python API is `python/ogi/__init__.py`.

mod arrow;
mod batch;
mod convert;
mod errors;
mod report;

use pyo3::prelude::*;

/// The allocator of the command line tool: the parser allocates many small strings and
/// vectors, which mimalloc serves faster (the Rust side only; Python keeps its own).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The formats read: text, HTML and Word, and PDF with the `pdf` feature.
#[cfg(feature = "pdf")]
pub(crate) const INPUTS: ogi_core::input::Inputs = ogi_pdf::INPUTS;
#[cfg(not(feature = "pdf"))]
pub(crate) const INPUTS: ogi_core::input::Inputs = ogi_core::input::Inputs::TEXT;

/// The options of a parse: the default ones, with the size limit when given and the time
/// budget in seconds (`None`: no deadline).
fn options(max_bytes: Option<usize>, timeout: Option<f64>) -> PyResult<ogi_core::Options> {
    let options = ogi_core::Options::default();
    let options = match max_bytes {
        Some(n) => options.with_max_input_bytes(n),
        None => options,
    };
    let budget = match timeout {
        None => None,
        Some(s) => Some(std::time::Duration::try_from_secs_f64(s).map_err(|_| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "timeout must be a number of seconds, 0 or more, or None: {s}"
            ))
        })?),
    };
    Ok(options.with_time_budget(budget))
}

/// What `find_reports` gives Python: files, `(path, OSError)`, `(path, reason)`.
type Found = (
    Vec<std::ffi::OsString>,
    Vec<(std::ffi::OsString, Py<PyAny>)>,
    Vec<(std::ffi::OsString, String)>,
);

/// Parses bytes with the GIL released; `source` names where they came from. The report keeps
/// the input its spans point into (for a PDF the extracted text, for a Word file its XML).
fn parse(
    py: Python<'_>,
    bytes: &[u8],
    source: Option<String>,
    max_bytes: Option<usize>,
    timeout: Option<f64>,
) -> PyResult<report::Report> {
    let options = options(max_bytes, timeout)?;
    // The report keeps the text its spans index: the bytes of text and HTML, a Word file's
    // XML, a PDF's extracted text.
    let parsed = py.detach(|| INPUTS.parse(bytes, &options));
    match parsed {
        Ok(p) => Ok(report::Report::new(p.report, source, Some(p.input)).with_options(options)),
        Err(e) => Err(errors::to_py(&e)),
    }
}

/// The native module.
#[pymodule(gil_used = false)]
mod _ogi {
    use super::{batch, errors, parse, report};
    use ogi_model::{RequestRow, TableName};
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyList};
    use std::path::PathBuf;

    #[pymodule_export]
    use report::Report;

    #[pymodule_export]
    use batch::Batch;

    #[pymodule_export]
    use crate::arrow::{ArrowTable, to_arrow, write_parquet};

    #[pymodule_export]
    use errors::{DecodeError, ExtractError, LimitError, OgiError, ParseError, SourceChangedError};

    /// The version of the ogi crates this module was built from.
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = env!("CARGO_PKG_VERSION");

    /// Parses a report given as bytes in any supported encoding.
    #[pyfunction]
    #[pyo3(signature = (data, source = None, max_bytes = None, timeout = None))]
    #[allow(clippy::needless_pass_by_value)] // A `Vec` takes bytearray and memoryview too.
    fn parse_bytes(
        py: Python<'_>,
        data: Vec<u8>,
        source: Option<String>,
        max_bytes: Option<usize>,
        timeout: Option<f64>,
    ) -> PyResult<Report> {
        parse(py, &data, source, max_bytes, timeout)
    }

    /// Parses a report given as text.
    #[pyfunction]
    #[pyo3(signature = (text, source = None, max_bytes = None, timeout = None))]
    fn parse_text(
        py: Python<'_>,
        text: &str,
        source: Option<String>,
        max_bytes: Option<usize>,
        timeout: Option<f64>,
    ) -> PyResult<Report> {
        parse(py, text.as_bytes(), source, max_bytes, timeout)
    }

    /// Whether this build reads PDF files.
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const reads_pdf: bool = cfg!(feature = "pdf");

    /// Reads and parses a report file.
    #[pyfunction]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the path as an owned value.
    #[pyo3(signature = (path, max_bytes = None, timeout = None))]
    fn parse_file(
        py: Python<'_>,
        path: PathBuf,
        max_bytes: Option<usize>,
        timeout: Option<f64>,
    ) -> PyResult<Report> {
        let limit = super::options(max_bytes, timeout)?.max_input_bytes;
        let bytes = py
            .detach(|| ogi_core::input::read_limited(&path, limit))
            .map_err(|e| errors::file_error_to_py(&e))?;
        parse(
            py,
            &bytes,
            Some(ogi_core::batch::source_name(&path)),
            max_bytes,
            timeout,
        )
    }

    /// The report files under `paths` (folders walked recursively in sorted order, files taken
    /// as given), `(path, OSError)` for each path that cannot be read, and `(path, reason)` for
    /// each file under a folder that is not read.
    #[pyfunction]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the list as an owned value.
    fn find_reports(py: Python<'_>, paths: Vec<PathBuf>) -> super::Found {
        let found =
            py.detach(|| ogi_core::batch::find_reports(&paths, &super::INPUTS.extensions()));
        (
            // As OS strings, which Python decodes as it decodes file names (a name that is
            // not UTF-8 keeps its bytes as surrogates), so that each opens again.
            found
                .files
                .into_iter()
                .map(PathBuf::into_os_string)
                .collect(),
            found
                .missing
                .iter()
                .map(|e| {
                    let error = errors::file_error_to_py(e).into_value(py).into_any();
                    (e.path.clone().into_os_string(), error)
                })
                .collect(),
            found
                .skipped
                .into_iter()
                .map(|s| (s.path.into_os_string(), s.reason))
                .collect(),
        )
    }

    /// Starts parsing `paths` on `n_jobs` threads (all cores when `None`); iterate the batch for
    /// `(index, report_or_exception, failed_stage)` as files finish.
    #[pyfunction]
    #[pyo3(signature = (paths, n_jobs = None, keep_input = false, max_bytes = None, timeout = None))]
    fn parse_files(
        paths: Vec<PathBuf>,
        n_jobs: Option<usize>,
        keep_input: bool,
        max_bytes: Option<usize>,
        timeout: Option<f64>,
    ) -> PyResult<Batch> {
        Ok(Batch::start(
            paths,
            n_jobs,
            keep_input,
            super::options(max_bytes, timeout)?,
        ))
    }

    /// Checks across reports (one agency's consecutive years): `(index of the report, check)`.
    #[pyfunction]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the list as an owned value.
    fn check_set<'py>(
        py: Python<'py>,
        reports: Vec<PyRef<'py, Report>>,
    ) -> PyResult<Vec<(usize, Bound<'py, PyAny>)>> {
        let inner: Vec<&ogi_model::Report> = reports.iter().map(|r| &r.inner).collect();
        ogi_model::check::validate_set(&inner)
            .into_iter()
            .map(|(i, c)| Ok((i, serde_pyobject::to_pyobject(py, &c)?)))
            .collect()
    }

    /// The canonical key of an agency's name (`ogi_model::agency_key`), read with the region
    /// the report names: `{"key", "level", "division_code", "division"}`, or `None` when the
    /// name has none.
    #[pyfunction]
    #[pyo3(signature = (name, region = None))]
    fn agency_key<'py>(
        py: Python<'py>,
        name: &str,
        region: Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(k) = ogi_model::agency_key(name, region) else {
            return Ok(None);
        };
        let d = PyDict::new(py);
        d.set_item("key", k.key)?;
        d.set_item("level", k.level.map(ogi_model::AgencyLevel::key))?;
        d.set_item("division_code", k.division.map(|d| d.code))?;
        d.set_item("division", k.division.map(ogi_model::Division::full_name))?;
        Ok(Some(d))
    }

    /// The identities checked, in order: `(key, formula, formula in English)`.
    #[pyfunction]
    fn identities() -> Vec<(&'static str, &'static str, &'static str)> {
        ogi_model::Identity::ALL
            .iter()
            .map(|i| (i.key(), i.label(), i.label_en().unwrap_or_default()))
            .collect()
    }

    /// The report-level columns of the wide exports, after `source`, `status`, `reason` and
    /// `coverage`: `(key, kind)` with kind `text`, `int` or `date`, in order.
    #[pyfunction]
    fn meta_columns() -> Vec<(&'static str, &'static str)> {
        ogi_model::META_COLUMNS
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    ogi_model::MetaKind::Text => "text",
                    ogi_model::MetaKind::Int => "int",
                    ogi_model::MetaKind::Date => "date",
                };
                (c.key, kind)
            })
            .collect()
    }

    /// The vocabulary of every table: `{table: {"label", "label_en", "rows", "columns",
    /// "registry"}}`, rows and columns as `(key, label)` pairs in template order, and under
    /// `"registry"` the template registry's entries (`{"rows": [...], "columns": [...]}`, each
    /// with its key, label, English label, aliases, generations, unit and the ids of the
    /// identities it takes part in); `requests` also maps each row to its
    /// group (`outcomes`, `denied`, …) under `"groups"`, and lists under `"outcomes"` the outcome rows
    /// that add up to (七)总计 (2019 and 2021 rows both; a report prints one set).
    #[pyfunction]
    fn vocabulary(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let out = PyDict::new(py);
        for table in TableName::ALL {
            let d = PyDict::new(py);
            d.set_item("label", table.label())?;
            d.set_item("label_en", table.label_en())?;
            d.set_item("rows", PyList::new(py, table.rows())?)?;
            d.set_item("columns", PyList::new(py, table.columns())?)?;
            let registry = PyDict::new(py);
            registry.set_item(
                "rows",
                serde_pyobject::to_pyobject(py, &table.row_entries())?,
            )?;
            registry.set_item(
                "columns",
                serde_pyobject::to_pyobject(py, &table.column_entries())?,
            )?;
            d.set_item("registry", registry)?;
            if *table == TableName::Requests {
                let groups = PyDict::new(py);
                for row in RequestRow::ALL {
                    if let Some(g) = row.group() {
                        groups.set_item(row.key(), g.key())?;
                    }
                }
                d.set_item("groups", groups)?;
                let outcomes: Vec<&str> = RequestRow::ALL
                    .iter()
                    .filter(|r| r.is_outcome())
                    .map(|r| r.key())
                    .collect();
                d.set_item("outcomes", outcomes)?;
            }
            out.set_item(table.key(), d)?;
        }
        Ok(out)
    }
}
