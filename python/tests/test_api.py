from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import ogi


def test_parse_functions_agree(fixtures) -> None:
    path = fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt"
    from_file = ogi.parse_file(path)
    from_bytes = ogi.parse_bytes(path.read_bytes())
    from_text = ogi.parse_text(path.read_text(encoding="utf-8"))
    assert from_file.cells() == from_bytes.cells() == from_text.cells()
    assert from_file.source == str(path)
    assert from_text.source is None


def test_to_dict_and_to_json(seed002: ogi.Report) -> None:
    d = seed002.to_dict()
    assert set(d) >= {"meta", "requests", "review_litigation", "proactive", "diagnostics"}
    assert json.loads(seed002.to_json()) == json.loads(seed002.to_json(indent=2))
    first = d["requests"][0]
    assert set(first) >= {"row", "column", "kind", "span"}


def test_pickle_round_trip(seed002: ogi.Report) -> None:
    back = pickle.loads(pickle.dumps(seed002))
    assert back == seed002
    assert back.cells() == seed002.cells()
    assert back.source == seed002.source


def test_repr_is_one_line(seed002: ogi.Report) -> None:
    r = repr(seed002)
    assert "\n" not in r and "2020" in r and "format=2019" in r


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", ogi.DecodeError),
        (b"  \n ", ogi.DecodeError),
        (b"\x00\x01\x02", ogi.DecodeError),
        (b"PK\x03\x04\x00\x00", ogi.ExtractError),
    ],
)
def test_errors_are_ogi_errors(data: bytes, error: type[ogi.OgiError]) -> None:
    with pytest.raises(error):
        ogi.parse_bytes(data)
    with pytest.raises(ogi.OgiError):
        ogi.parse_bytes(data)


def test_missing_file_is_an_os_error(tmp_path) -> None:
    import errno
    import os

    with pytest.raises(FileNotFoundError) as caught:
        ogi.parse_file(tmp_path / "absent.txt")
    assert caught.value.errno == errno.ENOENT
    assert caught.value.filename == str(tmp_path / "absent.txt")
    assert caught.value.strerror == os.strerror(errno.ENOENT)


def test_a_fifo_is_refused_not_opened(tmp_path) -> None:
    import os

    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    # Opening it would block until a writer came; it is refused from what it is.
    with pytest.raises(OSError, match="not a regular file"):
        ogi.parse_file(fifo)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(200 << 20)  # sparse: 200 MB that take no room
    with pytest.raises(ogi.LimitError):
        ogi.parse_file(big, max_bytes=1 << 20)


def test_version() -> None:
    assert ogi.__version__.count(".") == 2


def test_pdfs_are_read_from_the_file(tmp_path) -> None:
    from pathlib import Path

    pdf = Path(__file__).resolve().parents[2] / "crates" / "ogi-pdf" / "tests" / "fixtures" / "024.pdf"
    assert ogi._ogi.reads_pdf
    report = ogi.parse_file(pdf)
    container = report.meta["container"]
    assert container["format"] == "pdf" and "pdf-extract" in container["extractor"]
    assert container["quality"] > 0.95 and len(container["pages"]) == 5
    e = report.explain("review_litigation.review.upheld")
    assert e.value == 10 and e.page == 4 and "page 4" in str(e)
    # The box of its table cell on the page, in points.
    assert e.box is not None
    x0, top, x1, bottom = e.box
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 850 and "drawn at" in str(e)
    assert ogi.parse_bytes(pdf.read_bytes()).cells() == report.cells()
    # A PDF without text: the error says so.
    (tmp_path / "empty.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ogi.ExtractError):
        ogi.parse_file(tmp_path / "empty.pdf")
    rs = ogi.read_reports(tmp_path, progress=False)
    assert [(f.stage, type(f.error)) for f in rs.errors] == [("extract", ogi.ExtractError)]


def test_word_files_are_read(fixtures) -> None:
    docx = fixtures / "inputs" / "027.docx"
    report = ogi.parse_file(docx)
    assert report.meta["container"]["format"] == "docx"
    page = ogi.parse_file(fixtures / "corpus" / "027.html")
    table = lambda r: [c for c in r.cells() if c["table"] != "meta"]  # noqa: E731
    assert [(c["table"], c["row"], c["column"], c["value"]) for c in table(report)] == [
        (c["table"], c["row"], c["column"], c["value"]) for c in table(page)
    ]
    e = report.explain("requests.new_received.total")
    # The line shown is the rendered table row, not the document's XML.
    assert e.value == 26 and e.rendered and e.text is not None and e.highlight is not None
    assert "<w:t>" not in e.text and e.text.startswith("一、本年新收政府信息公开申请数量 | 26")
    assert e.text[e.highlight[0] : e.highlight[1]] == "26"


def test_size_limit(fixtures, tmp_path) -> None:
    path = fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt"
    with pytest.raises(ogi.LimitError, match="more than the limit of 1000"):
        ogi.parse_file(path, max_bytes=1000)
    with pytest.raises(ogi.LimitError):
        ogi.parse_text(path.read_text(encoding="utf-8"), max_bytes=1000)
    assert ogi.parse_bytes(path.read_bytes(), max_bytes=100_000).meta["year"]["value"] == 2020
    rs = ogi.read_reports(fixtures / "seeds", progress=False, max_bytes=9500)
    assert {f.stage for f in rs.errors} == {"limit"} and len(rs) + len(rs.errors) == 5
    assert len(rs) >= 2


def test_vocabulary_carries_the_template_registry() -> None:
    voc = ogi.vocabulary()
    rows = {r["key"]: r for r in voc["requests"]["registry"]["rows"]}
    # The 2019 template prints (六)其他处理 as one row, the 2021 template as three.
    assert rows["other"]["generations"] == ["2019"]
    assert rows["other_misc"]["generations"] == ["2021"]
    columns = {c["key"]: c for c in voc["requests"]["registry"]["columns"]}
    assert "商业机构" in columns["commercial"]["aliases"]
    legacy = {r["key"]: r for r in voc["legacy"]["registry"]["rows"]}
    assert legacy["proactive_total"]["generations"] == ["legacy"]
    assert legacy["fees_collected"]["unit"] == "万元"
    # The registry and the (key, label) pairs name the same rows, in the same order.
    for table, v in voc.items():
        assert [k for k, _ in v["rows"]] == [r["key"] for r in v["registry"]["rows"]], table


def test_vocabulary_is_a_data_dictionary() -> None:
    voc = ogi.vocabulary()
    for table, v in voc.items():
        assert v["label_en"].isascii(), table
        for entry in v["registry"]["rows"] + v["registry"]["columns"]:
            assert entry["label_en"] and entry["label_en"].isascii(), (table, entry["key"])
    rows = {r["key"]: r for r in voc["requests"]["registry"]["rows"]}
    assert rows["new_received"]["label_en"] == "New requests received this year"
    assert rows["new_received"]["identities"] == ["requests.balance"]
    columns = {c["key"]: c for c in voc["review_litigation"]["registry"]["columns"]}
    assert columns["pending"]["label_en"] == "Pending"


def test_coverage_says_what_of_each_table_was_read(seed002: ogi.Report, fixtures: Path) -> None:
    coverage = {c["table"]: c for c in seed002.coverage}
    # The 2019 template prints 26 × 7 cells of table 三 (subtotal rows are no template rows).
    assert coverage["requests"]["expected"] == coverage["requests"]["read"]
    assert coverage["requests"]["missing"] == []
    review = dict(coverage["review_litigation"])
    # The heading that announces the table, as a span of the input.
    start, end = review.pop("announced")
    page = (fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt").read_bytes()
    assert "行政复议" in page[start:end].decode()
    assert review == {
        "table": "review_litigation",
        "expected": 15,
        "read": 15,
        "missing": [],
    }
    assert seed002.status == "ok"


def test_the_namespace_is_the_public_api() -> None:
    assert dir(ogi) == sorted([*ogi.__all__, "__version__"])
    assert "os" not in dir(ogi) and "annotations" not in dir(ogi)
