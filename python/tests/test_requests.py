from __future__ import annotations

import ogi

from conftest import cell


def test_all_seven_columns_of_every_row(seed002: ogi.Report) -> None:
    rows = [c for c in seed002.cells() if c["table"] == "requests"]
    assert len(rows) == 23 * 7
    assert {c["column"] for c in rows} == {
        "natural_person", "commercial", "research", "social_welfare",
        "legal_services", "other_org", "total",
    }


def test_label_variants_are_matched(seed002: ogi.Report) -> None:
    # 本年新收政务信息公开申请数量, 不分公开 and 商业机构 are how seed 002 prints them.
    assert cell(seed002, "requests", "new_received", "commercial")["value"] == 0
    assert cell(seed002, "requests", "partially_granted", "total")["value"] == 0
    loose = [d for d in seed002.diagnostics if d["code"] == "row.loose"]
    assert any("不分公开" in d["message"] for d in loose)


def test_blank_cells_are_none_not_zero() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "自然人 | 法人或其他组织 | 总计\n"
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n"
        "一、本年新收政府信息公开申请数量 | 26 |  |  |  |  |  | 26\n"
    )
    report = ogi.parse_text(text)
    assert cell(report, "requests", "new_received", "natural_person")["value"] == 26
    blank = cell(report, "requests", "new_received", "commercial")
    assert blank["value"] is None and blank["kind"] == "blank"


def test_wrong_cell_count_is_left_out_with_a_diagnostic() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 26 | 0 | 26\n"
    )
    report = ogi.parse_text(text)
    assert not [c for c in report.cells() if c["table"] == "requests"]
    assert [d["code"] for d in report.diagnostics].count("row.cell_count") == 1
