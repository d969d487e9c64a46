from __future__ import annotations

import ogi

from conftest import cell


def test_line_of_fifteen(seed002: ogi.Report) -> None:
    rows = [c for c in seed002.cells() if c["table"] == "review_litigation"]
    assert len(rows) == 15


def test_fifteen_numbers_in_template_order() -> None:
    numbers = " | ".join(str(n) for n in range(1, 16))
    report = ogi.parse_text(f"四、政府信息公开行政复议、行政诉讼情况\n{numbers}\n")
    assert cell(report, "review_litigation", "review", "upheld")["value"] == 1
    assert cell(report, "review_litigation", "litigation_direct", "total")["value"] == 10
    assert cell(report, "review_litigation", "litigation_after_review", "total")["value"] == 15
