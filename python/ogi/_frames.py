"""Reports as columns, and columns as pandas or polars frames.

The columns are built once, as plain lists with a declared kind (``int``, ``float``, ``str``,
``bool``, ``date``, ``object``); pandas and polars only convert them. Counts become nullable
integers, amounts of money floats, a blank cell or a cell not read becomes a missing value,
never 0. The wide frame is built in Rust through Arrow where the frame library can take it
(`arrow_to_polars`, `arrow_to_pandas` with pyarrow); `wide_columns` builds the same columns
in Python otherwise.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from ogi import _ogi

from ogi._coverage import coverage_text
from ogi._report import Report
from ogi._vocab import identity_labels, vocabulary

if TYPE_CHECKING:
    import pandas
    import polars

#: Tables whose cells become value columns, in the order of the wide frame.
VALUE_TABLES = ("proactive", "requests", "review_litigation", "legacy", "narrative")

Columns = dict[str, tuple[str, list[Any]]]


def _number_kind(values: Iterable[Any]) -> str:
    """``int`` when every number is whole, ``float`` otherwise."""
    return "float" if any(isinstance(v, float) for v in values) else "int"


def _meta_value(meta: dict[str, Any], key: str) -> Any:
    v = meta.get(key)
    if isinstance(v, dict):
        return v.get("value")
    return v


def _key_order() -> dict[tuple[str, str, str], int]:
    """The position of every known ``(table, row, column)`` in template order."""
    order: dict[tuple[str, str, str], int] = {}
    voc = vocabulary()
    for table in VALUE_TABLES:
        for row, _ in voc[table]["rows"]:
            for column, _ in voc[table]["columns"]:
                order[(table, row, column)] = len(order)
    return order


#: The frame kind of each kind of meta column the extension declares.
_META_KINDS = {"text": "str", "int": "int", "date": "date"}

#: The units of amounts of money: their columns are floats.
MONEY_UNITS = ("万元", "元")


@cache
def _money() -> frozenset[tuple[str, str, str]]:
    """The ``(table, row, column)`` cells whose unit is money: the row's unit in the registry,
    else the column's (as the Arrow export types them)."""
    voc = vocabulary()
    out = set()
    for table in VALUE_TABLES:
        reg = voc[table]["registry"]
        columns = {e["key"]: e["unit"] for e in reg["columns"]}
        for row in reg["rows"]:
            for column, unit in columns.items():
                if (row["unit"] or unit) in MONEY_UNITS:
                    out.add((table, row["key"], column))
    return frozenset(out)


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else None


def wide_columns(reports: Sequence[Report]) -> Columns:
    """One row per report: ``source``, ``status``, ``reason``, ``coverage`` (``complete``, or
    the tables not fully read as ``requests 180/189``), the meta (the extension's
    ``meta_columns``), then one column per ``table.row.column``, then ``markers``."""
    columns: Columns = {
        "source": ("str", [r.source for r in reports]),
        "status": ("str", [r.status for r in reports]),
        "reason": ("str", [r.status_reason or None for r in reports]),
        "coverage": ("str", [coverage_text(r.coverage) for r in reports]),
    }
    metas = [r.meta for r in reports]
    for name, kind in _ogi.meta_columns():
        meta = [_meta_value(m, name) for m in metas]
        columns[name] = (_META_KINDS[kind], [_date(v) for v in meta] if kind == "date" else meta)

    markers: list[list[dict[str, str]]] = [[] for _ in reports]
    values: dict[tuple[str, str, str], list[Any]] = {}
    for i, report in enumerate(reports):
        for cell in report.cells():
            if cell["table"] not in VALUE_TABLES:
                continue
            key = (cell["table"], cell["row"], cell["column"])
            column = values.setdefault(key, [None] * len(reports))
            # Blanks and markers are missing values; `markers` lists the markers.
            column[i] = cell["value"] if cell["kind"] == "number" else None
            if cell["kind"] == "marker":
                markers[i].append({"cell": ".".join(key), "marker": cell["value"]})
    order = _key_order()
    money = _money()
    for key in sorted(values, key=lambda k: (order.get(k, len(order)), k)):
        vs = values[key]
        columns[".".join(key)] = ("float" if key in money else _number_kind(vs), vs)
    columns["markers"] = ("object", markers)
    return columns


def long_columns(reports: Sequence[Report]) -> Columns:
    """The tidy rows of every report, with the value's kind, approximation flag and span, and
    the report's agency key and year on every row (the panel's index)."""
    names = ("source", "table", "row", "column")
    out: dict[str, list[Any]] = {
        n: []
        for n in (
            *names,
            *("value", "text", "kind", "approximate", "span_start", "span_end"),
            *("agency_key", "year"),
        )
    }
    for report in reports:
        meta = report.meta
        key, year = meta.get("agency_key"), _meta_value(meta, "year")
        cells = report.cells()
        out["agency_key"].extend([key] * len(cells))
        out["year"].extend([year] * len(cells))
        for cell in cells:
            out["source"].append(report.source)
            for n in names[1:]:
                out[n].append(cell[n])
            v = cell["value"]
            number = cell["kind"] == "number"
            out["value"].append(v if number else None)
            out["text"].append(v if cell["kind"] in ("text", "marker") else None)
            out["kind"].append(cell["kind"])
            out["approximate"].append(cell["approximate"])
            span = cell["span"]
            out["span_start"].append(span[0] if span else None)
            out["span_end"].append(span[1] if span else None)
    kinds = {"value": _number_kind(out["value"]), "approximate": "bool"}
    kinds.update({"span_start": "int", "span_end": "int", "year": "int"})
    return {n: (kinds.get(n, "str"), vs) for n, vs in out.items()}


def check_columns(rows: Sequence[tuple[Report, dict[str, Any]]]) -> Columns:
    """One row per check: the report it is about, then the check."""
    out: dict[str, list[Any]] = {
        n: []
        for n in (
            "source",
            "agency",
            "year",
            "id",
            "identity",
            "identity_label",
            "identity_label_en",
            "soft",
            "status",
            "lhs",
            "rhs",
            "delta",
            "blanks_as_zero",
            "hint",
            "cells",
        )
    }
    labels = identity_labels()
    for report, check in rows:
        out["source"].append(report.source)
        out["agency"].append(_meta_value(report.meta, "agency"))
        out["year"].append(_meta_value(report.meta, "year"))
        for n in ("id", "identity", "soft", "status", "lhs", "rhs", "delta", "blanks_as_zero"):
            out[n].append(check[n])
        label, label_en = labels.get(check["identity"], (None, None))
        out["identity_label"].append(label)
        out["identity_label_en"].append(label_en)
        out["hint"].append(check.get("hint"))
        out["cells"].append(
            [f"{c['table']}.{c['row']}.{c['column']}" for c in check["cells"]]
        )
    number = _number_kind([*out["lhs"], *out["rhs"], *out["delta"]])
    kinds = {
        "year": "int",
        "soft": "bool",
        "blanks_as_zero": "bool",
        "lhs": number,
        "rhs": number,
        "delta": number,
        "cells": "object",
    }
    return {n: (kinds.get(n, "str"), vs) for n, vs in out.items()}


def diagnostic_columns(reports: Sequence[Report]) -> Columns:
    """One row per diagnostic of every report: the report it is about, then the diagnostic."""
    names = ("source", "agency", "year", "code", "severity", "message", "span_start", "span_end")
    out: dict[str, list[Any]] = {n: [] for n in names}
    for report in reports:
        meta = report.meta
        agency, year = _meta_value(meta, "agency"), _meta_value(meta, "year")
        for d in report.diagnostics:
            out["source"].append(report.source)
            out["agency"].append(agency)
            out["year"].append(year)
            for n in ("code", "severity", "message"):
                out[n].append(d[n])
            span = d.get("span")  # absent for a diagnostic about the whole report
            out["span_start"].append(span[0] if span else None)
            out["span_end"].append(span[1] if span else None)
    kinds = {"year": "int", "span_start": "int", "span_end": "int"}
    return {n: (kinds.get(n, "str"), vs) for n, vs in out.items()}


def to_frame(columns: Columns, backend: str) -> Any:
    """A pandas or polars frame of the columns, by ``backend``."""
    if backend == "pandas":
        return to_pandas(columns)
    if backend == "polars":
        return to_polars(columns)
    raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"{module} is needed for this; install it with `pip install 'ogi[{extra}]'`"
        ) from e


def to_pandas(columns: Columns) -> pandas.DataFrame:
    """A pandas frame: ``Int64``, ``Float64``, ``string`` and ``boolean`` columns (nullable)."""
    pd = _require("pandas", "pandas")
    dtypes = {"int": "Int64", "float": "Float64", "str": "string", "bool": "boolean"}
    data = {}
    for name, (kind, values) in columns.items():
        if kind == "object":
            data[name] = pd.Series(values, dtype="object")
        elif kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ms]")
        else:
            data[name] = pd.array(values, dtype=dtypes[kind])
    frame: pandas.DataFrame = pd.DataFrame(data)
    return frame


def to_polars(columns: Columns) -> polars.DataFrame:
    """A polars frame: ``Int64``, ``Float64``, ``String`` and ``Boolean`` columns."""
    pl = _require("polars", "polars")
    dtypes = {
        "int": pl.Int64,
        "float": pl.Float64,
        "str": pl.String,
        "bool": pl.Boolean,
        "date": pl.Date,
    }
    series = []
    for name, (kind, values) in columns.items():
        if kind == "object":
            series.append(pl.Series(name, values, dtype=pl.List(pl.String), strict=False))
        else:
            series.append(pl.Series(name, values, dtype=dtypes[kind], strict=False))
    frame: polars.DataFrame = pl.DataFrame(series)
    return frame


def arrow_to_polars(table: Any) -> polars.DataFrame:
    """A polars frame of Arrow data (an object with ``__arrow_c_stream__``): polars reads the
    stream itself, without pyarrow or pandas."""
    pl = _require("polars", "polars")
    frame: polars.DataFrame = pl.DataFrame(table)
    return frame


def arrow_to_pandas(table: Callable[[], Any]) -> pandas.DataFrame | None:
    """A pandas frame of the Arrow data ``table()`` builds, through pyarrow, with the dtypes of
    `to_pandas` (``published`` a ``datetime64``); ``None`` when pyarrow is not installed."""
    pd = _require("pandas", "pandas")
    try:
        import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    dtypes = {
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.string(): pd.StringDtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    frame: pandas.DataFrame = pa.table(table()).to_pandas(
        types_mapper=dtypes.get, date_as_object=False
    )
    return frame
