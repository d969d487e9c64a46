"""ReportSet as pandas and polars frames: shapes, keys and nullable dtypes."""

from __future__ import annotations

import subprocess
import sys
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
    assert list(df.columns[:16]) == [
        "source",
        "status",
        "reason",
        "coverage",
        "agency",
        "region",
        "agency_key",
        "agency_level",
        "division_code",
        "division",
        "year",
        "format",
        "published",
        "script",
        "encoding",
        "sha256",
    ]
    assert list(df["year"]) == [2023, 2016, 2022]
    # The canonical key, the tier and the division code; none for a body named relatively
    # (区政务服务中心管理办公室) in a text that names no district.
    assert df["agency_key"].tolist()[0::2] == ["宿迁市沭阳县发展和改革局", "平潭综合实验区"]
    assert df["agency_key"].isna()[1] and df["division_code"].isna()[1:].all()
    assert df["division_code"][0] == "321322" and df["division"][0] == "江苏省宿迁市沭阳县"
    assert df["agency_level"].tolist()[0::2] == ["department", "district"]
    assert str(df["agency_key"].dtype) == "string"
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


def test_amounts_of_money_are_float(reports: ogi.ReportSet) -> None:
    df = reports.to_pandas()
    floats = {c for c in df.columns if str(df[c].dtype) == "Float64"}
    # 017 prints amounts with fen (9116.36); amounts (万元, 元) are Float64 even when whole.
    assert df["proactive.fees.amount"].tolist()[::2] == [0, 9116.36]
    assert floats == {
        "proactive.fees.amount",
        "legacy.fees_collected.value",
        "legacy.dedicated_budget.value",
        "narrative.fees_collected.value",
    }
    assert df["published"].dtype.kind == "M"  # a date
    assert list(df["markers"].map(len)) == [0, 0, 0]


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
        "agency_key",
        "year",
    ]
    assert len(df) == sum(len(r.cells()) for r in reports)
    # Every row carries its report's key and year, the year an integer column.
    assert str(df["year"].dtype) == "Int64"
    assert df.groupby("source")["year"].first().to_dict() == {
        r.source: r.meta["year"]["value"] for r in reports
    }
    meta_year = df[(df["table"] == "meta") & (df["row"] == "year")]
    assert meta_year["value"].tolist() == meta_year["year"].tolist() == [2023, 2016, 2022]
    assert set(df["agency_key"].dropna()) == {"宿迁市沭阳县发展和改革局", "平潭综合实验区"}
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
    assert long.schema["year"] == pl.Int64 and long.schema["agency_key"] == pl.String


NO_YEAR = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
)


@pytest.fixture(scope="module")
def with_no_year(reports: ogi.ReportSet) -> ogi.ReportSet:
    """The reports and one whose agency and year are not found (diagnostics without a span)."""
    return ogi.ReportSet([*reports, ogi.parse_text(NO_YEAR, source="bare.txt")])


def test_diagnostics_is_one_row_per_diagnostic(with_no_year: ogi.ReportSet) -> None:
    import pandas as pd

    df = with_no_year.diagnostics()
    assert list(df.columns) == [
        "source",
        "agency",
        "year",
        "code",
        "severity",
        "message",
        "span_start",
        "span_end",
    ]
    expected = [
        (r.source, d["code"], d["severity"], d["message"], tuple(d.get("span") or ()))
        for r in with_no_year
        for d in r.diagnostics
    ]
    spans = zip(df["span_start"].astype(object), df["span_end"].astype(object))
    got = [
        (source, code, severity, message, () if pd.isna(a) else (a, b))
        for source, code, severity, message, (a, b) in zip(
            df["source"], df["code"], df["severity"], df["message"], spans
        )
    ]
    assert len(got) == len(expected) > 2 and got == expected
    assert str(df["year"].dtype) == "Int64" and str(df["span_start"].dtype) == "Int64"
    assert str(df["code"].dtype) == "string"
    legacy = df[df["code"] == "meta.year_conflict"].iloc[0]
    assert (legacy["agency"], legacy["year"]) == ("区政务服务中心管理办公室", 2016)
    bare = df[df["source"] == "bare.txt"]
    assert set(bare["code"]) == {"meta.year_missing", "meta.agency_missing"}
    assert bare["year"].isna().all() and bare["agency"].isna().all()
    assert bare["span_start"].isna().all() and bare["span_end"].isna().all()


def test_diagnostics_in_polars(with_no_year: ogi.ReportSet) -> None:
    import polars as pl

    df = with_no_year.diagnostics(backend="polars")
    assert isinstance(df, pl.DataFrame)
    assert df.columns == list(with_no_year.diagnostics().columns)
    assert df.height == len(with_no_year.diagnostics())
    assert df.schema["year"] == pl.Int64 and df.schema["span_end"] == pl.Int64
    assert df.filter(pl.col("source") == "bare.txt")["year"].null_count() == 2
    with pytest.raises(ValueError, match="backend"):
        with_no_year.diagnostics(backend="arrow")  # type: ignore[call-overload]
    assert len(ogi.ReportSet([]).diagnostics()) == 0


def test_checks_keep_year_an_integer_when_one_is_missing(with_no_year: ogi.ReportSet) -> None:
    import polars as pl

    df = with_no_year.checks()
    assert str(df["year"].dtype) == "Int64"
    # Each check names its identity's formula, in Chinese and in English.
    balance = df[df["identity"] == "requests.balance"].iloc[0]
    assert balance["identity_label"].startswith("一、本年新收")
    assert balance["identity_label_en"] == "New this year + carried over = total handled + carried forward"
    assert df["identity_label_en"].notna().all()
    assert df["year"].isna().sum() == len(with_no_year[-1].checks) > 0
    assert set(df["year"].dropna()) == {2023, 2016, 2022}
    polars_frame = with_no_year.checks(backend="polars")
    assert polars_frame.schema["year"] == pl.Int64
    assert polars_frame.schema["cells"] == pl.List(pl.String)
    assert polars_frame.height == len(df)
    assert polars_frame["id"].to_list() == df["id"].tolist()
    failing = with_no_year.checks(failing=True, backend="polars")
    assert failing["status"].to_list() == ["fail"] * failing.height
    assert failing.height == len(with_no_year.checks(failing=True)) > 0
    with pytest.raises(ValueError, match="backend"):
        with_no_year.checks(backend="numpy")  # type: ignore[call-overload]


def test_polars_frames_need_no_pandas(fixtures: Path) -> None:
    """With pandas not importable, every polars frame is made; asking for pandas says what to
    install."""
    code = f"""
import sys
sys.modules["pandas"] = None  # import pandas raises ImportError
import ogi
rs = ogi.read_reports({str(fixtures / "seeds")!r}, progress=False)
print(rs.checks(backend="polars").height, rs.diagnostics(backend="polars").height,
      rs.to_polars().height, rs.to_polars("long").height > 0)
try:
    rs.checks()
except ImportError as e:
    print(e)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    rs = ogi.read_reports(fixtures / "seeds", progress=False)
    assert lines[0] == f"{len(rs.checks())} 8 5 True"
    assert "ogi[pandas]" in lines[1]


def test_arrow_has_the_types_of_the_parquet_file(reports: ogi.ReportSet, tmp_path: Path) -> None:
    import duckdb
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    wide = pa.table(reports.to_arrow())
    tidy = pa.table(reports.to_arrow("tidy"))
    assert wide.num_rows == 3 and tidy.num_rows == sum(
        1 for r in reports for c in r.cells() if c["table"] != "meta"
    )
    for table in (wide, tidy):
        assert table.schema.field("year").type == pa.int64()
        assert table.schema.field("published").type == pa.date32()
        assert table.schema.field("status").type == pa.string()
    assert wide.schema.field("requests.new_received.total").type == pa.int64()
    fees = wide.schema.field("proactive.fees.amount")
    assert fees.type == pa.float64() and fees.metadata == {b"unit": "万元".encode()}
    assert tidy.schema.field("value").type == pa.float64()
    # The same object read by polars (no pyarrow needed) and DuckDB.
    arrow = reports.to_arrow()
    assert pl.DataFrame(arrow).schema["published"] == pl.Date
    assert duckdb.sql("select count(*) from arrow").fetchall() == [(3,)]
    # Written by Rust: the same schema.
    path = tmp_path / "panel.parquet"
    reports.to_parquet(path)
    assert pq.read_schema(path).remove_metadata() == wide.schema.remove_metadata()
    with pytest.raises(ValueError, match="shape"):
        reports.to_arrow("long")  # type: ignore[arg-type]


def test_blank_marker_and_number_stay_apart_in_arrow() -> None:
    import pyarrow as pa

    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "| 一、本年新收政府信息公开申请数量 | 5 | — |  | 0 | 0 | 0 | 5 |\n"
    )
    report = ogi.parse_text(text, source="m.txt")
    kinds = {c["column"]: c["kind"] for c in report.cells() if c["row"] == "new_received"}
    tidy = pa.table(ogi.ReportSet([report]).to_arrow("tidy")).to_pylist()
    got = {r["column"]: (r["value"], r["marker"]) for r in tidy if r["row"] == "new_received"}
    for column, kind in kinds.items():
        value, marker = got[column]
        if kind == "number":
            assert value is not None and marker is None
        elif kind == "marker":
            assert value is None and marker in ("—", "/", "无")
        else:
            assert value is None and marker is None
    assert "marker" in kinds.values() and "blank" in kinds.values()
    wide = pa.table(ogi.ReportSet([report]).to_arrow()).to_pylist()[0]
    cells = {m["cell"] for m in wide["markers"]}
    assert {f"requests.new_received.{c}" for c, k in kinds.items() if k == "marker"} == cells


def test_pandas_without_pyarrow_builds_the_same_frame(
    reports: ogi.ReportSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    through_arrow = reports.to_pandas()
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow fails
    in_python = reports.to_pandas()
    assert list(in_python.columns) == list(through_arrow.columns)
    assert list(in_python.dtypes) == list(through_arrow.dtypes)
    pd.testing.assert_frame_equal(
        in_python.drop(columns="markers"), through_arrow.drop(columns="markers")
    )
    assert [list(m) for m in in_python["markers"]] == [list(m) for m in through_arrow["markers"]]


def test_polars_needs_neither_pandas_nor_pyarrow(fixtures: Path) -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None; sys.modules['pandas'] = None\n"
        "import ogi\n"
        f"rs = ogi.read_reports({str(fixtures / 'seeds')!r}, progress=False)\n"
        "df = rs.to_polars()\n"
        "print(df.height, df.schema['year'], df.schema['published'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["5", "Int64", "Date"]
