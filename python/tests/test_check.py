"""The identities checked on a report, as plain dicts."""

from __future__ import annotations

from pathlib import Path

import ogi


def test_a_clean_report_passes_every_identity(fixtures: Path) -> None:
    report = ogi.parse_file(fixtures / "corpus" / "027.pipe.txt")
    statuses = {c["status"] for c in report.checks}
    assert statuses <= {"pass", "not_assessable"}
    assert report.failed_checks() == []
    balance = next(c for c in report.checks if c["id"] == "requests.balance[commercial]")
    # The 法人 columns are printed blank: counted as 0, and the check says so.
    assert balance["status"] == "pass" and balance["blanks_as_zero"] is True


def test_a_failing_identity_names_its_cells_and_their_bytes(fixtures: Path) -> None:
    path = fixtures / "corpus" / "024.txt"
    report = ogi.parse_file(path)
    failed = report.failed_checks(soft=False)
    assert [c["id"] for c in failed] == [
        "review_litigation.row_total[review]",
        "review_litigation.row_total[litigation_after_review]",
    ]
    check = failed[0]
    assert (check["lhs"], check["rhs"], check["delta"]) == (0, 11, -11)
    total = check["cells"][0]
    assert (total["row"], total["column"], total["value"]) == ("review", "total", 0)
    start, end = total["span"]
    assert path.read_bytes()[start:end] == b"0"


def test_text_against_tables_is_soft(fixtures: Path) -> None:
    report = ogi.parse_file(fixtures / "corpus" / "025.txt")
    assert report.failed_checks(soft=False) == []
    (soft,) = report.failed_checks()
    assert soft["id"] == "narrative.restates[requests_received]"
    assert soft["soft"] is True
    assert {c["table"] for c in soft["cells"]} == {"narrative", "requests"}
