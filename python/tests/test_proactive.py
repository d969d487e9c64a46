from __future__ import annotations

import ogi

from conftest import cell


def test_2019_blocks(seed002: ogi.Report) -> None:
    assert cell(seed002, "proactive", "licensing", "prior_items")["value"] == 0
    assert cell(seed002, "proactive", "procurement", "amount")["value"] == 0
    rows = {c["row"] for c in seed002.cells() if c["table"] == "proactive"}
    assert rows == {
        "rules", "normative_docs", "licensing", "other_services",
        "penalty", "enforcement", "fees", "procurement",
    }


def test_2021_columns_and_decimal_amounts() -> None:
    text = (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项 |\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "行政规范性文件 | 88 | 55 | 698 |\n"
        "第二十条第（八）项 |\n"
        "信息内容 | 本年收费金额（单位：万元） |\n"
        "行政事业性收费 | 9116.36 |\n"
    )
    report = ogi.parse_text(text)
    assert report.meta["format"] == "2021"
    assert cell(report, "proactive", "normative_docs", "in_force")["value"] == 698
    assert cell(report, "proactive", "fees", "amount")["value"] == 9116.36
