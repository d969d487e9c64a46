from __future__ import annotations

import ogi


def test_year_and_format_from_labels(seed002: ogi.Report) -> None:
    meta = seed002.meta
    assert meta["year"]["value"] == 2020  # a 2020 report on the 2019 template
    assert meta["format"] == "2019"
    assert meta["script"] == "simplified"
    assert meta["encoding"] == "UTF-8"


def test_year_span_points_into_the_input(fixtures, seed002: ogi.Report) -> None:
    raw = (fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt").read_bytes()
    start, end = seed002.meta["year"]["span"]
    assert raw[start:end] == b"2020"


def test_legacy_format_and_agency(seed004: ogi.Report) -> None:
    assert seed004.meta["format"] == "legacy"
    assert seed004.meta["year"]["value"] == 2016
    assert seed004.meta["agency"]["value"] == "区政务服务中心管理办公室"


def test_prose_report_has_no_tables(fixtures) -> None:
    report = ogi.parse_file(fixtures / "seeds" / "003_a932651d7d736ac0.txt")
    assert report.meta["format"] == "prose"
    tables = {c["table"] for c in report.cells()} - {"meta", "narrative"}
    assert tables == set()
    # The outline announces tables the scrape lost: they are missing, not zero.
    assert any(d["code"] == "table.missing" for d in report.diagnostics)
