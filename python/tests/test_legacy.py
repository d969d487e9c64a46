from __future__ import annotations

import ogi

from conftest import cell


def test_one_cell_per_line_table(seed004: ogi.Report) -> None:
    assert cell(seed004, "legacy", "proactive_total", "value")["value"] == 340
    assert cell(seed004, "legacy", "trainees", "value")["value"] == 1050
    # A blank cell of the 统计表 is blank, not 0.
    assert cell(seed004, "legacy", "via_weibo", "value")["value"] is None


def test_same_label_under_different_parents(seed004: ogi.Report) -> None:
    keys = {c["row"] for c in seed004.cells() if c["table"] == "legacy"}
    assert {"reviews_upheld", "complaints_upheld", "lawsuits_other", "complaints_other"} <= keys


def test_value_spans_point_at_the_numbers(fixtures, seed004: ogi.Report) -> None:
    raw = (fixtures / "seeds" / "004_d0ad4e6dd563e698.txt").read_bytes()
    start, end = cell(seed004, "legacy", "trainings", "value")["span"]
    assert raw[start:end] == b"25"
