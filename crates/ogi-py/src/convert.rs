//! Model values → Python objects.

use ogi_model::{Cell, CellValue, Decimal, TidyRow, TidyValue};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// A decimal as a Python `int` when whole, `float` otherwise.
pub(crate) fn decimal(py: Python<'_>, d: Decimal) -> PyResult<Bound<'_, PyAny>> {
    match d.as_int() {
        Some(i) => Ok(i.into_pyobject(py)?.into_any()),
        None => Ok(d.to_f64().into_pyobject(py)?.into_any()),
    }
}

/// A cell's value: a number, `None` for a blank, the marker's symbol for a marker.
pub(crate) fn cell_value<'py>(py: Python<'py>, cell: &Cell) -> PyResult<Bound<'py, PyAny>> {
    match cell.value {
        CellValue::Number(q) => decimal(py, q.value),
        CellValue::Blank => Ok(py.None().into_bound(py)),
        CellValue::Marker { marker } => Ok(marker.label().into_pyobject(py)?.into_any()),
    }
}

/// The kind of a tidy value: `number`, `blank`, `marker` or `text`.
fn kind(value: &TidyValue<'_>) -> &'static str {
    match value {
        TidyValue::Cell(c) => match c.value {
            CellValue::Number(_) => "number",
            CellValue::Blank => "blank",
            CellValue::Marker { .. } => "marker",
        },
        TidyValue::Text(_) => "text",
        TidyValue::Int(_) => "number",
    }
}

/// One tidy row as a dict: `table, row, column, value, kind, approximate, span`.
pub(crate) fn tidy_row<'py>(py: Python<'py>, row: &TidyRow<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("table", row.table.key())?;
    d.set_item("row", row.row.as_ref())?;
    d.set_item("column", row.column.as_ref())?;
    let value = match &row.value {
        TidyValue::Cell(c) => cell_value(py, c)?,
        TidyValue::Text(t) => t.as_ref().into_pyobject(py)?.into_any(),
        TidyValue::Int(i) => i.into_pyobject(py)?.into_any(),
    };
    d.set_item("value", value)?;
    d.set_item("kind", kind(&row.value))?;
    d.set_item("approximate", row.is_approximate())?;
    let span = match row.span {
        Some(s) => PyTuple::new(py, [s.start, s.end])?.into_any(),
        None => py.None().into_bound(py),
    };
    d.set_item("span", span)?;
    Ok(d)
}
