//! `ogi._ogi.Report`: a parsed report, read-only.

use crate::convert;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// A parsed report. Build one with `parse_text`, `parse_bytes` or `parse_file`.
#[pyclass(frozen, module = "ogi._ogi", name = "Report")]
pub(crate) struct Report {
    pub(crate) inner: ogi_model::Report,
    pub(crate) source: Option<String>,
}

#[pymethods]
impl Report {
    /// Where the report was read from (a path), if known.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Agency, region, year, format, published, script and encoding, as a dict.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(serde_pyobject::to_pyobject(py, &self.inner.meta)?)
    }

    /// The diagnostics, as a list of dicts `{code, severity, message, span}`.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(serde_pyobject::to_pyobject(py, &self.inner.diagnostics)?)
    }

    /// The identities checked, as a list of dicts `{id, identity, soft, status, lhs, rhs, delta,
    /// blanks_as_zero, cells, hint}`.
    #[getter]
    fn checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(serde_pyobject::to_pyobject(py, &self.inner.checks)?)
    }

    /// The tidy rows: one dict per value, meta rows first.
    fn cells<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self.inner.tidy();
        let list = PyList::empty(py);
        for row in &rows {
            list.append(convert::tidy_row(py, row)?)?;
        }
        Ok(list)
    }

    /// The whole report as nested dicts and lists (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(serde_pyobject::to_pyobject(py, &self.inner)?)
    }

    /// The whole report as JSON.
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        let result = match indent {
            None => serde_json::to_string(&self.inner),
            Some(_) => serde_json::to_string_pretty(&self.inner),
        };
        result.map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Rebuilds a report from the JSON of `to_json` (used by pickling).
    #[staticmethod]
    #[pyo3(signature = (json, source = None))]
    fn from_json(json: &str, source: Option<String>) -> PyResult<Self> {
        let inner = serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Self { inner, source })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let json = this.to_json(None)?;
        let ctor = py.get_type::<Self>().getattr("from_json")?;
        let args = PyTuple::new(
            py,
            [
                json.into_pyobject(py)?.into_any(),
                this.source.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((ctor, args))
    }
}
