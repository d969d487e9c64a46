"""`ogi parse DIR -o out.parquet` (and `.arrow`), opened as an analyst opens it: pyarrow, polars
and DuckDB see the same typed columns.

The binary is the one `make test` builds (`OGI_BIN`, else `target/debug/ogi` or
`target/release/ogi`); outside `make test` the test is skipped when there is none.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    given = os.environ.get("OGI_BIN")
    if given:
        return Path(given)
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "ogi"
        if path.exists():
            return path
    pytest.skip("no ogi binary built (make test sets OGI_BIN)")


@pytest.fixture(scope="module")
def outputs(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    ogi = _binary()
    out = tmp_path_factory.mktemp("parquet")
    files = {}
    for name, wide in [("tidy.parquet", False), ("panel.parquet", True), ("panel.arrow", True)]:
        path = out / name
        args = [str(ogi), "parse", "--quiet", *(["--wide"] if wide else []), "-o", str(path)]
        done = subprocess.run([*args, str(fixtures / "seeds")], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        files[name] = path
    return files


def test_pyarrow_reads_typed_columns(outputs: dict[str, Path]) -> None:
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    tidy = pq.read_table(outputs["tidy.parquet"])
    wide = pq.read_table(outputs["panel.parquet"])
    for table in (tidy, wide):
        assert table.schema.field("year").type == pa.int64()
        assert table.schema.field("published").type == pa.date32()
        assert table.schema.field("status").type == pa.string()
        assert table.schema.field("coverage").type == pa.string()
    assert tidy.schema.field("value").type == pa.float64()
    assert tidy.schema.field("marker").type == pa.string()
    assert wide.schema.field("requests.new_received.total").type == pa.int64()
    assert wide.schema.field("proactive.fees.amount").type == pa.float64()
    assert pa.types.is_list(wide.schema.field("markers").type)
    # Five reports and the five gold files beside them, listed as skipped.
    assert sorted(wide.column("status").to_pylist()).count("skipped") == 5
    assert wide.num_rows == 10
    ipc = feather.read_table(outputs["panel.arrow"])
    assert ipc.schema == wide.schema


def test_polars_reads_typed_columns(outputs: dict[str, Path]) -> None:
    import polars as pl

    wide = pl.read_parquet(outputs["panel.parquet"])
    assert wide.schema["year"] == pl.Int64
    assert wide.schema["published"] == pl.Date
    assert wide.schema["requests.new_received.total"] == pl.Int64
    assert wide.schema["proactive.fees.amount"] == pl.Float64
    seed002 = wide.filter(pl.col("source").str.ends_with("002_c41c9a6468e2aa6e.txt"))
    assert seed002["requests.new_received.total"].to_list() == [0]
    tidy = pl.read_parquet(outputs["tidy.parquet"])
    assert tidy.schema["value"] == pl.Float64
    assert pl.read_ipc(outputs["panel.arrow"]).shape == wide.shape


def test_duckdb_queries_the_panel(outputs: dict[str, Path]) -> None:
    import duckdb

    panel, tidy = outputs["panel.parquet"], outputs["tidy.parquet"]
    types = dict(
        (name, kind)
        for name, kind, *_ in duckdb.sql(
            f"describe select year, published, \"requests.new_received.total\" from '{panel}'"
        ).fetchall()
    )
    assert types == {
        "year": "BIGINT",
        "published": "DATE",
        "requests.new_received.total": "BIGINT",
    }
    # The README's query: values by year and table, blanks and markers not counted as 0.
    rows = duckdb.sql(
        f"""select year, "table", count(value) as numbers, sum(value) as total
            from '{tidy}' where status in ('ok', 'partial') and "table" = 'requests'
            group by all order by all"""
    ).fetchall()
    assert rows == [(2020, "requests", 161, rows[0][3])]
