//! `ogi._ogi.Report`: a parsed report, read-only.

use crate::{convert, errors};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use std::sync::OnceLock;

/// What `source_line` gives Python: line number, text, the span's characters within it,
/// and whether the line is of a page's rendered text.
type ShownLine = (usize, String, usize, usize, bool);

/// A parsed report. Build one with `parse_text`, `parse_bytes` or `parse_file`.
#[pyclass(frozen, module = "ogi._ogi", name = "Report")]
pub(crate) struct Report {
    pub(crate) inner: ogi_model::Report,
    pub(crate) source: Option<String>,
    /// The input every span points into: kept from the parse, or read again from `source` when
    /// a snippet is first asked for.
    pub(crate) input: OnceLock<Vec<u8>>,
    /// The options it was parsed with, to read its file again alike.
    pub(crate) options: ogi_core::Options,
}

impl Report {
    /// A report; `input` is kept when given.
    pub(crate) fn new(
        inner: ogi_model::Report,
        source: Option<String>,
        input: Option<Vec<u8>>,
    ) -> Self {
        let kept = OnceLock::new();
        if let Some(bytes) = input {
            let _ = kept.set(bytes);
        }
        Self {
            inner,
            source,
            input: kept,
            options: ogi_core::Options::default(),
        }
    }

    /// The report, parsed with `options`.
    pub(crate) fn with_options(mut self, options: ogi_core::Options) -> Self {
        self.options = options;
        self
    }

    /// The input, read again from `source` if it was not kept, and checked against the digest
    /// the report recorded.
    fn input(&self, py: Python<'_>) -> PyResult<&[u8]> {
        if let Some(bytes) = self.input.get() {
            return Ok(bytes);
        }
        let Some(path) = &self.source else {
            return Err(errors::OgiError::new_err(
                "the report keeps no input and names no file to read it from",
            ));
        };
        // Read again as a batch reads it (a PDF is extracted again), and check it is the same file.
        let changed = || {
            errors::SourceChangedError::new_err(format!(
                "{path} has changed since the report was read from it"
            ))
        };
        let parsed = py
            .detach(|| crate::INPUTS.read_file(std::path::Path::new(path), &self.options))
            .map_err(|e| {
                if e.stage() == "read" {
                    errors::file_error_to_py(&e)
                } else {
                    changed()
                }
            })?;
        if parsed.report.meta.sha256 != self.inner.meta.sha256 {
            return Err(changed());
        }
        Ok(self.input.get_or_init(|| parsed.input))
    }
}

#[pymethods]
impl Report {
    /// Where the report was read from (a path), if known.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Agency, region, year, format, published, script, encoding, bytes and sha256, as a dict.
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

    /// The coverage of each table of the 2019/2021 templates, as a list of dicts `{table,
    /// expected, read, missing}`.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(serde_pyobject::to_pyobject(py, &self.inner.coverage)?)
    }

    /// `("ok", "")`, or `("partial", reason)` when read with warnings (their codes and counts).
    #[getter]
    fn status(&self) -> (&'static str, String) {
        let (status, reason) = self.inner.read_status();
        (status.key(), reason)
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

    /// The line to show for bytes `start..end` of the input: `(line number, text, start, end,
    /// rendered)` with `start..end` the span's characters within `text`, and `rendered` when
    /// the line is of a page's rendered text (HTML, Word) rather than the file's own; `None` if
    /// the span is outside the input. Raises `SourceChangedError` if the file no longer holds
    /// what was read.
    #[pyo3(signature = (start, end, context = 60))]
    fn source_line(
        &self,
        py: Python<'_>,
        start: u32,
        end: u32,
        context: usize,
    ) -> PyResult<Option<ShownLine>> {
        let input = self.input(py)?;
        let encoding = &self.inner.meta.encoding;
        let span = ogi_model::Span::new(start, end);
        Ok(
            ogi_core::snippet::shown_line(input, encoding, span, context).map(|shown| {
                let line = shown.line;
                let chars = |b: usize| line.text[..b].chars().count();
                let (s, e) = (chars(line.highlight.start), chars(line.highlight.end));
                (line.number, line.text, s, e, shown.rendered)
            }),
        )
    }

    /// Where bytes `start..end` of the extracted text of a PDF were drawn: `(page, (x0, top,
    /// x1, bottom))`, the box in points from the page's top left; `None` for other inputs.
    fn place(&self, start: u32, end: u32) -> Option<(u32, (f64, f64, f64, f64))> {
        let container = self.inner.meta.container.as_ref()?;
        let place = container.place(ogi_model::Span::new(start, end))?;
        let [x0, top, x1, bottom] = place.rect.map(|v| f64::from(v) / 10.0);
        Some((place.page, (x0, top, x1, bottom)))
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

    /// Rebuilds a report from the JSON of `to_json` (used by pickling), with its input if given.
    #[staticmethod]
    #[pyo3(signature = (json, source = None, input = None))]
    fn from_json(json: &str, source: Option<String>, input: Option<Vec<u8>>) -> PyResult<Self> {
        let inner = serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Self::new(inner, source, input))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let json = this.to_json(None)?;
        let ctor = py.get_type::<Self>().getattr("from_json")?;
        let input = match this.input.get() {
            Some(bytes) => PyBytes::new(py, bytes).into_any(),
            None => py.None().into_bound(py),
        };
        let args = PyTuple::new(
            py,
            [
                json.into_pyobject(py)?.into_any(),
                this.source.clone().into_pyobject(py)?.into_any(),
                input,
            ],
        )?;
        Ok((ctor, args))
    }
}
