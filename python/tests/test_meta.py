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


def test_agency_and_region_without_a_title(fixtures) -> None:
    # No title: the agency is named in the body, the city only in compounds like 昭通市政府门户网.
    report = ogi.parse_file(fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt")
    assert report.meta["agency"]["value"] == "市政务服务管理局"
    assert report.meta["region"]["value"] == "昭通市"


def test_title_after_navigation_split_over_two_lines(fixtures) -> None:
    report = ogi.parse_file(fixtures / "seeds" / "003_a932651d7d736ac0.txt")
    assert report.meta["agency"]["value"] == "疏勒县人民政府"
    assert report.meta["year"]["value"] == 2019


def test_signing_date_repaired(fixtures) -> None:
    # The scrape dropped 年月日: `2019131` is 2019年1月31日, and the repair is reported.
    report = ogi.parse_file(fixtures / "seeds" / "001_a9b77dac68e11cb2.txt")
    assert report.meta["published"]["value"] == "2019-01-31"
    assert report.meta["year"]["value"] == 2018
    assert any(d["code"] == "text.repaired" for d in report.diagnostics)


def test_year_conflict_is_a_diagnostic(seed004: ogi.Report) -> None:
    # The annex is titled 2015 in a 2016 report.
    assert seed004.meta["year"]["value"] == 2016
    assert any(d["code"] == "meta.year_conflict" for d in seed004.diagnostics)
