"""ReportSet as pandas and polars frames: shapes, keys and nullable dtypes."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi


@pytest.fixture(scope="module")
def reports(fixtures: Path) -> ogi.ReportSet:
    return ogi.read_reports(
        [
            fixtures / "corpus" / "027.pipe.txt",  # 2021 template, blank 法人 columns
            fixtures / "seeds" / "004_d0ad4e6dd563e698.txt",  # legacy 统计表
            fixtures / "corpus" / "017.txt",  # fees with fractions (9116.36)
        ],
        progress=False,
    )


def test_wide_has_one_row_per_report_and_keys_as_columns(reports: ogi.ReportSet) -> None:
    df = reports.to_pandas()
    assert len(df) == 3
    assert list(df.columns[:12]) == [
        "source",
        "status",
        "reason",
        "coverage",
        "agency",
        "region",
        "year",
        "format",
        "published",
        "script",
        "encoding",
        "sha256",
    ]
    assert list(df["year"]) == [2023, 2016, 2022]
    assert list(df["status"]) == ["ok", "partial", "partial"]
    assert df["reason"][1] == "meta.year_conflict" and df["reason"].isna()[0]
    assert str(df["year"].dtype) == "Int64"
    assert df.loc[0, "requests.new_received.total"] == 26
    assert str(df["requests.new_received.total"].dtype) == "Int64"
    # Printed blank: missing, never 0.
    assert df["requests.new_received.commercial"].isna()[0]
    # A key the legacy report has and the others do not.
    legacy = [c for c in df.columns if c.startswith("legacy.")]
    assert legacy and df[legacy[0]].isna()[0] and not df[legacy[0]].isna()[1]
    # Columns come in template order: new_received before carried_over.
    cols = list(df.columns)
    assert cols.index("requests.new_received.total") < cols.index("requests.carried_over.total")


def test_a_column_with_fractions_is_float(reports: ogi.ReportSet) -> None:
    df = reports.to_pandas()
    floats = [c for c in df.columns if str(df[c].dtype) == "Float64"]
    assert floats, "017 prints amounts with fen"
    assert all(c.startswith(("proactive.", "narrative.")) for c in floats)


def test_long_is_the_tidy_rows_with_spans(reports: ogi.ReportSet) -> None:
    df = reports.to_pandas("long")
    assert list(df.columns) == [
        "source",
        "table",
        "row",
        "column",
        "value",
        "text",
        "kind",
        "approximate",
        "span_start",
        "span_end",
    ]
    assert len(df) == sum(len(r.cells()) for r in reports)
    blanks = df[df["kind"] == "blank"]
    assert len(blanks) > 0 and blanks["value"].isna().all()
    agency = df[(df["table"] == "meta") & (df["row"] == "agency")]
    assert agency["text"].iloc[0] == "沭阳县发展和改革局"
    assert str(df["span_start"].dtype) == "Int64" and str(df["approximate"].dtype) == "boolean"
    with pytest.raises(ValueError, match="shape"):
        reports.to_pandas("square")  # type: ignore[arg-type]


def test_polars_matches_pandas(reports: ogi.ReportSet) -> None:
    import polars as pl

    wide = reports.to_polars()
    assert wide.shape == reports.to_pandas().shape
    assert wide.schema["requests.new_received.total"] == pl.Int64
    assert wide["requests.new_received.commercial"][0] is None
    long = reports.to_polars("long")
    assert long.height == len(reports.to_pandas("long"))
    assert long.schema["approximate"] == pl.Boolean
