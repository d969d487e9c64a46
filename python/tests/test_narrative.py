from __future__ import annotations

import ogi

from conftest import cell


def test_numbers_stated_in_prose(fixtures) -> None:
    report = ogi.parse_file(fixtures / "seeds" / "003_a932651d7d736ac0.txt")
    assert cell(report, "narrative", "proactive_total", "value")["value"] == 8635
    assert cell(report, "narrative", "proactive_via_website", "value")["value"] == 254


def test_negations_are_zero_not_missing(fixtures) -> None:
    report = ogi.parse_file(fixtures / "seeds" / "004_d0ad4e6dd563e698.txt")
    for row in ("requests_received", "fees_collected", "reviews_total", "lawsuits_total"):
        c = cell(report, "narrative", row, "value")
        assert c["value"] == 0 and c["kind"] == "number", row


def test_traditional_report(fixtures) -> None:
    report = ogi.parse_file(fixtures / "seeds" / "000_e4a1f978c3ba425a.txt")
    assert report.meta["script"] == "traditional"
    assert cell(report, "narrative", "proactive_total", "value")["value"] == 5
    assert cell(report, "narrative", "lawsuits_total", "value")["value"] == 0


def test_approximate_numbers_are_flagged() -> None:
    report = ogi.parse_text("2019年,全年主动公开政府信息3000余条。")
    c = cell(report, "narrative", "proactive_total", "value")
    assert c["value"] == 3000 and c["approximate"] is True


def test_distractors_give_nothing() -> None:
    # In a report (a text with no word of one would not be a report at all).
    text = (
        "某局2019年政府信息公开工作年度报告\n"
        "梳理确认政务信息资源目录1077条。全年办理群众诉求34件。"
        "从微信公众号发布信息407条,原创内容7篇。"
    )
    report = ogi.parse_text(text)
    assert [c for c in report.cells() if c["table"] == "narrative"] == []
