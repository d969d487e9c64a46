//! `ogi._ogi.ArrowTable`: record batches built by `ogi-arrow`, handed to Python through the
//! Arrow PyCapsule interface (`__arrow_c_stream__`), which pyarrow, polars and DuckDB read
//! without a copy. The batches are built in `ogi-arrow`; this module only wraps them.

use crate::errors;
use crate::report::Report;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::path::PathBuf;

/// Record batches of reports, tidy or wide: pass it to `pyarrow.table`, `polars.DataFrame` or
/// DuckDB, which read it through `__arrow_c_stream__`.
#[pyclass(frozen, module = "ogi._ogi", name = "ArrowTable")]
pub(crate) struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

#[pymethods]
impl ArrowTable {
    /// A new Arrow C stream of the batches, in a PyCapsule named `arrow_array_stream`. The
    /// schema is ogi's whatever `requested_schema` asks: a consumer casts if it wants another.
    #[pyo3(signature = (requested_schema = None))]
    #[allow(clippy::needless_pass_by_value)] // pyo3 hands the argument over owned.
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            SchemaRef::clone(&self.schema),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The capsule points at the boxed stream, as the interface asks; the consumer moves it
        // out (its release set to null), and dropping what is left releases nothing twice.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ogi.ArrowTable rows={} columns={}>",
            self.num_rows(),
            self.schema.fields().len()
        )
    }
}

/// The batches of a shape: `"tidy"`, or `"wide"` with the template's columns (`present`: the
/// cells some report holds).
fn batches(
    shape: &str,
    present: bool,
    reports: &[&ogi_model::Report],
) -> PyResult<ogi_arrow::Batches> {
    match shape {
        "tidy" => Ok(ogi_arrow::Batches::tidy()),
        "wide" if present => Ok(ogi_arrow::Batches::wide(&ogi_arrow::present_columns(
            reports,
        ))),
        "wide" => Ok(ogi_arrow::Batches::wide(&ogi_arrow::template_columns())),
        _ => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "shape must be 'wide' or 'tidy', not {shape:?}"
        ))),
    }
}

/// The entries of the reports, named by their source (none: a null source).
fn entries<'a>(reports: &'a [PyRef<'_, Report>]) -> Vec<ogi_arrow::Entry<'a>> {
    reports
        .iter()
        .map(|r| ogi_arrow::Entry::Report {
            source: r.source.as_deref().unwrap_or(""),
            report: &r.inner,
        })
        .collect()
}

fn arrow_error(e: &ogi_arrow::Error) -> PyErr {
    errors::OgiError::new_err(e.to_string())
}

/// The reports as an `ArrowTable` of `shape`.
#[pyfunction]
#[pyo3(signature = (reports, shape, present = false))]
#[allow(clippy::needless_pass_by_value)] // pyo3 extracts the list as an owned value.
pub(crate) fn to_arrow(
    py: Python<'_>,
    reports: Vec<PyRef<'_, Report>>,
    shape: &str,
    present: bool,
) -> PyResult<ArrowTable> {
    let inner: Vec<&ogi_model::Report> = reports.iter().map(|r| &r.inner).collect();
    let mut batches = batches(shape, present, &inner)?;
    let entries = entries(&reports);
    let schema = batches.schema();
    let built = py.detach(|| ogi_arrow::record_batches(&mut batches, &entries));
    Ok(ArrowTable {
        schema,
        batches: built.map_err(|e| arrow_error(&e))?,
    })
}

/// Writes the reports to a Parquet file of `shape`, the wide one with the template's columns.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 extracts the list and path as owned values.
pub(crate) fn write_parquet(
    py: Python<'_>,
    reports: Vec<PyRef<'_, Report>>,
    path: PathBuf,
    shape: &str,
) -> PyResult<()> {
    let batches = batches(shape, false, &[])?;
    let entries = entries(&reports);
    py.detach(|| -> PyResult<()> {
        let file = std::fs::File::create(&path)?;
        let mut writer = ogi_arrow::FileWriter::new(
            std::io::BufWriter::new(file),
            ogi_arrow::FileFormat::Parquet,
            batches,
        )
        .map_err(|e| arrow_error(&e))?;
        for entry in &entries {
            writer.push(entry).map_err(|e| arrow_error(&e))?;
        }
        let mut out = writer.finish().map_err(|e| arrow_error(&e))?;
        std::io::Write::flush(&mut out)?;
        Ok(())
    })
}
