"""How a report shows: one-line repr, notebook HTML, explain."""

from __future__ import annotations

import pickle
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ogi


class Cells(HTMLParser):
    """Collects the `<td>` cells of an HTML page with their class and title."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "link", "img", "hr", "input"):
            self.open.append(tag)
        if tag == "td":
            self.cells.append({k: v or "" for k, v in attrs} | {"text": ""})

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "td":
            self.cells[-1]["text"] += data


def cells_of(page: str) -> list[dict[str, str]]:
    parser = Cells()
    parser.feed(page)
    assert parser.open == [], "every element is closed"
    return parser.cells


def test_repr_names_agency_year_format_cells_and_failing_checks(fixtures: Path) -> None:
    r = ogi.parse_file(fixtures / "corpus" / "024.txt")
    text = repr(r)
    assert "\n" not in text
    assert " 2023 " in text or " 2024 " in text or "format=" in text
    assert "failing=2" in text and "cells=" in text


def test_html_draws_tables_with_blanks_and_failing_cells(fixtures: Path) -> None:
    r = ogi.parse_file(fixtures / "corpus" / "024.txt")
    page = r._repr_html_()
    cells = cells_of(page)
    failing = [c for c in cells if "fail" in c["class"].split()]
    # 总计 of review and of suits after review, with their non-zero parts.
    assert {c["text"] for c in failing} >= {"0", "10", "5"}
    assert all("review_litigation.row_total" in c["title"] for c in failing)
    assert "收到和处理政府信息公开申请情况" in page and "Failing checks" in page

    blank = ogi.parse_file(fixtures / "corpus" / "027.pipe.txt")._repr_html_()
    blanks = [c for c in cells_of(blank) if "blank" in c["class"].split()]
    assert blanks and all(c["text"] == "" and c["title"] == "blank in the report" for c in blanks)


def test_set_html_summarises(fixtures: Path) -> None:
    rs = ogi.read_reports(fixtures / "seeds", progress=False)
    page = rs._repr_html_()
    assert len(cells_of(page)) == 5 * 9
    assert "<td>昭通市政务服务管理局</td>" in page  # the agency key
    assert "Read twice" not in page
    # Status and coverage: the seeds whose tables were lost say so.
    assert "partial" in page and "announced" in page
    assert repr(rs).startswith("<ogi.ReportSet reports=5")


def test_set_display_counts_reports_by_status(tmp_path: Path, fixtures: Path) -> None:
    rs = ogi.read_reports(fixtures / "seeds", progress=False)
    assert repr(rs) == "<ogi.ReportSet reports=5 ok=3 partial=2 errors=0 with_failing_checks=0>"
    assert "<div>5 reports: 3 ok, 2 partial, 0 failed</div>" in rs._repr_html_()
    for name in ("002_c41c9a6468e2aa6e.txt", "004_d0ad4e6dd563e698.txt"):
        (tmp_path / name).write_bytes((fixtures / "seeds" / name).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    rs = ogi.read_reports(tmp_path, progress=False)
    assert repr(rs) == "<ogi.ReportSet reports=2 ok=1 partial=1 errors=2 with_failing_checks=0>"
    page = rs._repr_html_()
    assert "<div>2 reports: 1 ok, 1 partial, 2 failed</div>" in page
    assert "2 files not read" in page
    assert "0 ok, 1 partial, 2 failed" in rs.filter(status="partial")._repr_html_()
    twice = ogi.ReportSet([rs[0], rs[0], rs[1]])._repr_html_()
    assert "Read twice or more (agency key × year): 昭通市政务服务管理局 2020 ×2" in twice


def test_explain_gives_the_value_and_its_line(fixtures: Path) -> None:
    path = fixtures / "corpus" / "027.pipe.txt"
    r = ogi.parse_file(path)
    e = r.explain("requests.new_received.total")
    assert e.value == 26 and e.kind == "number" and e.line == 57
    assert e.text is not None and e.highlight is not None
    assert e.text[e.highlight[0] : e.highlight[1]] == "26"
    assert ("requests.balance[total]", "pass") in e.checks
    assert "027.pipe.txt:57" in str(e) and "<mark>26</mark>" in e._repr_html_()
    blank = r.explain("requests.new_received.commercial")
    assert blank.value is None and blank.kind == "blank" and "blank" in str(blank)


def test_explain_unknown_and_unread_keys(fixtures: Path) -> None:
    r = ogi.parse_file(fixtures / "corpus" / "027.pipe.txt")
    with pytest.raises(KeyError, match="did you mean requests.new_received.total"):
        r.explain("requests.new_recieved.total")
    with pytest.raises(KeyError, match="not read from this report"):
        r.explain("legacy.proactive_total.value")
    with pytest.raises(KeyError, match="table.row.column"):
        r.explain("requests")


def test_explain_reads_the_file_again_and_notices_changes(fixtures: Path, tmp_path: Path) -> None:
    original = (fixtures / "corpus" / "027.pipe.txt").read_bytes()
    path = tmp_path / "r.txt"
    path.write_bytes(original)
    # read_reports keeps no input by default: explain reads the file again, checked by sha256.
    with pytest.warns(UserWarning, match="more than one report"):  # the same file twice
        read_once, never_read = ogi.read_reports([path, path], progress=False)
    assert read_once.explain("requests.new_received.total").line == 57
    kept = tmp_path / "kept.txt"
    kept.write_bytes(original)
    (kept_report,) = ogi.read_reports(kept, progress=False, keep_input=True)

    path.write_bytes(b"changed")
    kept.write_bytes(b"changed")
    assert read_once.explain("requests.new_received.total").line == 57  # read before the change
    assert kept_report.explain("requests.new_received.total").line == 57
    with pytest.raises(ogi.SourceChangedError, match="changed since"):
        never_read.explain("requests.new_received.total")


def test_pickled_reports_keep_their_input(fixtures: Path) -> None:
    text = (fixtures / "corpus" / "027.pipe.txt").read_text(encoding="utf-8")
    r = ogi.parse_text(text)
    back = pickle.loads(pickle.dumps(r))
    assert back == r
    assert back.explain("requests.new_received.total").line == 57


def test_explain_on_a_page_shows_the_rendered_line_and_the_byte() -> None:
    cells = "".join(f"<td>{c}</td>" for c in ["0", "0", "", "1", "1"] + ["0"] * 10)
    page = (
        "<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p>"
        f"<table><tr>{cells}</tr></table></body></html>"
    )
    report = ogi.parse_text(page, source="page.html")
    shown = report.explain("review_litigation.review.pending")
    assert shown.rendered
    assert "<td>" not in str(shown), str(shown)
    byte = page.encode().find(b"<td>1</td>") + 4
    assert f"page.html, byte {byte} (line 2 of the rendered page)" in str(shown)
    assert shown.text is not None and shown.text.startswith("0 | 0 |  | 1 | 1")
    # A blank cell: the caret where the cell stands, between its separators.
    blank = report.explain("review_litigation.review.other")
    assert blank.text is not None and blank.highlight is not None
    assert blank.text[: blank.highlight[0]] == "0 | 0 | "
