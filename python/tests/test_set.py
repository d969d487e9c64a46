"""Many reports at once: read_reports, ReportSet, its errors, progress and checks."""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ogi


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, fixtures: Path) -> Path:
    """A folder of real reports, an empty file, a binary file, a broken Word file and a
    non-report file."""
    root = tmp_path_factory.mktemp("reports")
    for name in ("017.txt", "018.txt", "024.txt", "027.html"):
        shutil.copy(fixtures / "corpus" / name, root / name)
    (root / "sub").mkdir()
    shutil.copy(fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt", root / "sub" / "002.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)))
    (root / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    (root / "017.gold.json").write_text("{}")
    return root


def test_a_folder_is_read_in_sorted_order_and_failures_are_collected(folder: Path) -> None:
    rs = ogi.read_reports(folder, progress=False)
    assert [Path(r.source or "").name for r in rs] == [
        "017.txt",
        "018.txt",
        "024.txt",
        "027.html",
        "002.txt",
    ]
    assert [(Path(e.path).name, e.stage, type(e.error)) for e in rs.errors] == [
        ("binary.txt", "decode", ogi.DecodeError),
        ("broken.docx", "extract", ogi.ExtractError),
        ("empty.txt", "decode", ogi.DecodeError),
    ]
    assert "empty" in str(rs.errors[2])
    assert len(rs) == 5 and isinstance(rs[0], ogi.Report) and len(rs[1:3]) == 2


def test_errors_raise_raises_the_first_failure(folder: Path) -> None:
    # The first failure to come in: files are parsed in parallel.
    with pytest.raises(ogi.OgiError, match=r"(empty|binary)\.txt|broken\.docx"):
        ogi.read_reports(folder, progress=False, errors="raise")
    with pytest.raises(FileNotFoundError):
        ogi.read_reports([folder / "absent.txt"], progress=False, errors="raise")
    with pytest.raises(ValueError, match="errors"):
        ogi.read_reports(folder, errors="ignore")  # type: ignore[arg-type]


def test_missing_paths_are_collected_with_their_path(folder: Path) -> None:
    rs = ogi.read_reports([folder / "017.txt", folder / "absent.txt"], progress=False)
    assert len(rs) == 1
    (failure,) = rs.errors
    assert failure.stage == "read" and failure.path.endswith("absent.txt")
    assert isinstance(failure.error, FileNotFoundError)


def test_globs_lists_and_jobs(folder: Path) -> None:
    by_glob = ogi.read_reports(str(folder / "**" / "0*.txt"), progress=False, n_jobs=1)
    assert sorted(Path(r.source or "").name for r in by_glob) == [
        "002.txt",
        "017.txt",
        "018.txt",
        "024.txt",
    ]
    by_list = ogi.read_reports([folder / "024.txt", folder / "017.txt"], progress=False, n_jobs=2)
    assert [Path(r.source or "").name for r in by_list] == ["024.txt", "017.txt"]


def test_progress_shows_through_tqdm_only_when_asked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ogi.read_reports(folder, progress=False)
    assert capsys.readouterr().err == ""
    ogi.read_reports(folder, progress=True)
    err = capsys.readouterr().err
    assert "ogi" in err and "8/8" in err


def test_progress_without_tqdm_is_silent(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    rs = ogi.read_reports(folder, progress=True)
    assert len(rs) == 5
    assert capsys.readouterr().err == ""


def test_import_pulls_no_heavy_dependency() -> None:
    code = (
        "import sys, ogi; "
        "print([m for m in ('pandas', 'polars', 'numpy', 'tqdm') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_checks_frame_includes_checks_across_years(folder: Path) -> None:
    rs = ogi.read_reports(folder, progress=False)
    frame = rs.checks()
    assert len(frame) == sum(len(r.checks) for r in rs) + 8  # 7 carried + 1 repeated
    failing = rs.checks(failing=True)
    assert list(failing["id"]) == [
        "review_litigation.row_total[review]",
        "review_litigation.row_total[litigation_after_review]",
    ]
    row = failing.iloc[0]
    assert (row["lhs"], row["rhs"], row["delta"]) == (0, 11, -11)
    assert str(frame["lhs"].dtype) == "Int64" and str(frame["soft"].dtype) == "boolean"
    carried = frame[frame["identity"] == "years.carried"]
    assert set(carried["status"]) == {"pass"} and set(carried["year"]) == {2023}


def test_report_sets_pickle(folder: Path) -> None:
    rs = ogi.read_reports(folder, progress=False)
    back = pickle.loads(pickle.dumps(rs))
    assert list(back) == list(rs)
    assert [e.path for e in back.errors] == [e.path for e in rs.errors]


def test_hostile_inputs_are_each_reported_and_the_rest_goes_on(
    tmp_path: Path, fixtures: Path
) -> None:
    """Broken inputs of every kind, made from the bundled reports (as the CLI's test does)."""
    report = (fixtures / "corpus" / "024.txt").read_bytes()
    page = (fixtures / "corpus" / "027.html").read_bytes()
    word = (fixtures / "inputs" / "027.docx").read_bytes()
    cut = len(report) // 2
    while report[cut] & 0xC0 != 0x80:  # inside a character
        cut += 1
    text = report.decode()
    at = text.index("二、")
    end = text.index("\n", at)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (4 << 20))
    files = {
        "a_good.txt": report,
        "b_empty.txt": b"",
        "c_binary.txt": bytes([0, 1, 2, 3, 0xFF, 0xFE]) * 100,
        "d_truncated.txt": report[:cut],
        "e_truncated.html": page[: len(page) * 2 // 3],
        "f_truncated.docx": word[: len(word) // 2],
        "g_mixed.txt": (text[:at] + "\0" + text[end:]).encode().replace(
            b"\0", text[at:end].encode("gbk")
        ),
        "h_bomb.docx": bomb.getvalue(),
        "i_good.txt": report,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)

    with pytest.warns(UserWarning, match="淮安市洪泽区 2023"):  # one report, four times
        rs = ogi.read_reports(tmp_path, progress=False, max_bytes=1 << 20)
    assert [(Path(r.source or "").name, r.status, r.status_reason) for r in rs] == [
        ("a_good.txt", "ok", ""),
        ("d_truncated.txt", "partial", "requests 7/175 decode.malformed table.missing"),
        ("e_truncated.html", "partial", "requests 105/175 row.cell_count table.missing"),
        ("g_mixed.txt", "partial", "decode.mixed"),
        ("i_good.txt", "ok", ""),
    ]
    assert [(Path(e.path).name, e.stage, type(e.error)) for e in rs.errors] == [
        ("b_empty.txt", "decode", ogi.DecodeError),
        ("c_binary.txt", "decode", ogi.DecodeError),
        ("f_truncated.docx", "extract", ogi.ExtractError),
        ("h_bomb.docx", "limit", ogi.LimitError),
    ]
    assert "inflates" in str(rs.errors[3])
    # The GBK paragraph is read: the mixed file has the good file's values.
    good, mixed = rs[0], rs[3]
    assert [(c["row"], c["column"], c["value"]) for c in mixed.cells()] == [
        (c["row"], c["column"], c["value"]) for c in good.cells()
    ]


def test_ctrl_c_is_delivered_while_a_file_takes_long(tmp_path: Path, fixtures: Path) -> None:
    import _thread
    import signal
    import threading
    import time

    seed = fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt"
    report = seed.read_bytes() + b"\n"
    # Seconds of parsing however fast the machine (a file read in under the timer's delay would
    # end the call before the Ctrl-C comes).
    (tmp_path / "big.txt").write_bytes(report * ((60 << 20) // len(report)))
    # What a Ctrl-C does: a SIGINT for the main thread, 0.2 s in. Python's own handler, as in an
    # interactive session: a process started in the background (a CI job under `&`) starts with
    # SIGINT ignored, and then `interrupt_main` does nothing.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        threading.Timer(0.2, _thread.interrupt_main).start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            ogi.read_reports(tmp_path, progress=False, max_bytes=100 << 20)
        # Raised while the file was still being parsed (it takes seconds), not after it.
        assert time.monotonic() - started < 2
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_file_over_the_time_budget_fails_and_the_others_come_through(
    tmp_path: Path, fixtures: Path
) -> None:
    seed = fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt"
    report = seed.read_bytes() + b"\n"
    shutil.copy(seed, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(report * ((24 << 20) // len(report)))
    (tmp_path / "c.txt").write_text("hello world\n")
    rs = ogi.read_reports(tmp_path, progress=False, timeout=0.3, max_bytes=100 << 20)
    assert [Path(r.source).name for r in rs] == ["a.txt"]
    assert [(Path(e.path).name, e.stage) for e in rs.errors] == [("b.txt", "limit"), ("c.txt", "content")]
    assert "time budget" in rs.errors[0].message
    with pytest.raises(ogi.LimitError, match="time budget"):
        ogi.parse_file(tmp_path / "b.txt", max_bytes=100 << 20, timeout=0.001)
    with pytest.raises(ogi.ParseError, match="not a"):
        ogi.parse_text("hello world")
    with pytest.raises(ValueError, match="timeout"):
        ogi.parse_text("主动公开政府信息5条。", timeout=-1)
    assert ogi.parse_text("主动公开政府信息5条。", timeout=None).status in ("ok", "partial")


def test_a_missing_path_raises_with_errno_and_filename(tmp_path: Path) -> None:
    import errno

    with pytest.raises(FileNotFoundError) as raised:
        ogi.read_reports(tmp_path / "no" / "such.txt", progress=False, errors="raise")
    assert raised.value.errno == errno.ENOENT
    assert raised.value.filename == str(tmp_path / "no" / "such.txt")


def test_odd_file_names_open_again(tmp_path: Path, fixtures: Path) -> None:
    import os

    seed = fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt"
    name = os.fsdecode(b"b\xff.txt")
    (tmp_path / name).write_bytes(seed.read_bytes())
    rs = ogi.read_reports(tmp_path, progress=False)
    assert rs.errors == [] and len(rs) == 1


def test_hostile_files_are_each_accounted_for(tmp_path: Path, fixtures: Path) -> None:
    """Every hostile input of the repository with a good report: each comes back as a report
    or a failure with its stage, and the good one is read."""
    crates = fixtures.parents[2]
    for folder in (crates / "ogi-core" / "tests" / "hostile", crates / "ogi-pdf" / "tests" / "hostile"):
        for f in folder.iterdir():
            if f.suffix != ".md":
                shutil.copy(f, tmp_path / f.name)
    shutil.copy(fixtures / "corpus" / "024.txt", tmp_path / "a_good.txt")
    names = sorted(p.name for p in tmp_path.iterdir())
    rs = ogi.read_reports(tmp_path, progress=False)
    seen = sorted([Path(r.source).name for r in rs] + [Path(e.path).name for e in rs.errors])
    assert seen == names
    assert {e.stage for e in rs.errors} <= {"extract", "limit", "decode", "content"}
    assert any(Path(r.source).name == "a_good.txt" and r.status == "ok" for r in rs)


def test_files_not_read_are_listed_and_an_empty_folder_warns(tmp_path: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt", tmp_path / "a.txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "notes.json").write_text("{}")
    rs = ogi.read_reports(tmp_path, progress=False)
    assert len(rs) == 1
    reasons = {Path(p).name: why for p, why in rs.skipped}
    assert set(reasons) == {"old.doc", "notes.json"}
    assert "--convert-to docx" in reasons["old.doc"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.warns(UserWarning, match="no report files"):
        assert len(ogi.read_reports(empty, progress=False)) == 0


NO_YEAR = (
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
)


@pytest.fixture(scope="module")
def seeds(fixtures: Path) -> ogi.ReportSet:
    return ogi.read_reports(fixtures / "seeds", progress=False)


def names(rs: ogi.ReportSet) -> list[str]:
    return [Path(r.source or "").name[:3] for r in rs]


def test_filter_matches_every_argument_given(seeds: ogi.ReportSet) -> None:
    # seeds: 000 市政务服务管理局 2019 prose ok, 001 咸宁市… 2018 prose ok, 002 市政务服务管理局
    # 2020 2019 ok, 003 疏勒县人民政府 2019 prose partial, 004 区… 2016 legacy partial.
    assert names(seeds.filter()) == names(seeds)
    assert names(seeds.filter(agency="市政务服务管理局")) == ["000", "002"]
    assert names(seeds.filter(agency=["疏勒县人民政府", "市政务服务管理局"])) == ["000", "002", "003"]
    assert names(seeds.filter(agency="政务服务管理局")) == []  # exact, not a substring
    assert names(seeds.filter(year=2019)) == ["000", "003"]
    assert names(seeds.filter(year=range(2016, 2019))) == ["001", "004"]
    assert names(seeds.filter(year=[2020, 2016, 1999])) == ["002", "004"]
    assert names(seeds.filter(year=(y for y in (2018,)))) == ["001"]
    assert names(seeds.filter(format="prose")) == ["000", "001", "003"]
    assert names(seeds.filter(format={"2019", "legacy"})) == ["002", "004"]
    assert names(seeds.filter(status="partial")) == ["003", "004"]
    assert names(seeds.filter(status="ok", year=2019, format="prose")) == ["000"]
    assert names(seeds.filter(agency="市政务服务管理局", status="partial")) == []


def test_filter_never_matches_a_missing_agency_or_year(seeds: ogi.ReportSet) -> None:
    bare = ogi.parse_text(NO_YEAR, source="bare.txt")
    rs = ogi.ReportSet([*seeds, bare])
    assert len(rs.filter(format="2019")) == 2
    assert [r.source for r in rs.filter(year=range(0, 3000))] == [r.source for r in seeds]
    assert bare not in list(rs.filter(agency=["市政务服务管理局", ""]))


def test_filter_refuses_values_no_report_can_have(seeds: ogi.ReportSet) -> None:
    with pytest.raises(TypeError, match="year"):
        seeds.filter(year="2019")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="year"):
        seeds.filter(year=[2019, "2020"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="agency"):
        seeds.filter(agency=[1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="status must be one of ok, partial, not 'failed'"):
        seeds.filter(status="failed")
    with pytest.raises(ValueError, match="format"):
        seeds.filter(format=["2019", "2020"])
    with pytest.raises(TypeError, match="format"):
        seeds.filter(format=2019)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="year"):
        seeds.filter(year=2019.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="year"):
        seeds.filter(year=True)


def test_filters_and_slices_keep_errors_and_skipped(folder: Path) -> None:
    rs = ogi.read_reports(folder, progress=False)
    assert len(rs.errors) == 3 and len(rs.skipped) == 1  # 017.gold.json
    parts = (
        rs[1:3],
        rs[:0],
        rs[::-1],
        rs.filter(year=2023),
        rs.filter(agency="nobody"),
        rs.filter(agency="平潭综合实验区管理委员会"),
        rs.filter(agency="平潭综合实验区")[1:],
    )
    for part in parts:
        assert isinstance(part, ogi.ReportSet)
        assert [e.path for e in part.errors] == [e.path for e in rs.errors]
        assert part.skipped == rs.skipped
        assert part.errors is not rs.errors  # a list of its own
    assert len(rs[1:3]) == 2 and rs[1:3][0] == rs[1]
    assert names(rs.filter(year=2023)) == ["018", "024", "027"]


def test_reports_of_one_agency_and_year_warn_and_are_listed(
    tmp_path: Path, fixtures: Path
) -> None:
    for name in ("024.txt", "027.html", "027.pipe.txt", "018.txt"):
        shutil.copy(fixtures / "corpus" / name, tmp_path / name)
    with pytest.warns(UserWarning, match="more than one report") as caught:
        rs = ogi.read_reports(tmp_path, progress=False)
    (warning,) = caught
    message = str(warning.message)
    assert "宿迁市沭阳县发展和改革局 2023" in message
    assert "027.html" in message and "027.pipe.txt" in message and "024.txt" not in message
    assert warning.filename == __file__  # pointed at the caller
    groups = rs.duplicates()
    assert list(groups) == [("宿迁市沭阳县发展和改革局", 2023)]
    assert [Path(r.source or "").name for r in groups[("宿迁市沭阳县发展和改革局", 2023)]] == [
        "027.html",
        "027.pipe.txt",
    ]
    # Filtering and slicing do not warn again; a set without pairs twice has none.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rs.filter(year=2023).duplicates() == groups
        assert rs[:2].duplicates() == {}
        ogi.read_reports([tmp_path / "024.txt", tmp_path / "027.html"], progress=False)


def test_a_missing_agency_or_year_makes_no_duplicate() -> None:
    bare = ogi.parse_text(NO_YEAR, source="a.txt")
    assert ogi.ReportSet([bare, bare]).duplicates() == {}


def test_the_warning_names_five_pairs_at_most(tmp_path: Path, fixtures: Path) -> None:
    seeds = sorted((fixtures / "seeds").glob("*.txt"))
    for s in seeds:
        for copy in ("a", "b"):
            shutil.copy(s, tmp_path / f"{s.stem}_{copy}.txt")
    with pytest.warns(UserWarning, match=r"^5 agency × year pairs have more than one report") as w:
        rs = ogi.read_reports(tmp_path, progress=False)
    assert len(rs.duplicates()) == 5
    assert str(w[0].message).count(".txt") == 10 and "more (see" not in str(w[0].message)
    # Past five pairs, the others are counted.
    from ogi._set import _duplicates_message

    groups = {(f"agency{i}", 2020): [rs[0], rs[1]] for i in range(7)}
    message = _duplicates_message(groups)
    assert message.startswith("7 agency × year pairs") and message.count("agency") == 6
    assert "agency4 2020" in message and "agency5" not in message and "and 2 more" in message


PINGTAN_2014 = "{title}\n\n一、概述\n2014年，平潭综合实验区管委会认真贯彻落实《中华人民共和国政府信息公开条例》。\n"


def test_filter_takes_the_agency_key_and_any_spelling_of_it(fixtures: Path) -> None:
    corpus = fixtures / "corpus"
    names = ["002.txt", "003.txt", "015.txt", "019.txt", "024.txt", "025.txt", "028.txt"]
    rs = ogi.ReportSet([ogi.parse_file(corpus / n) for n in names])
    zone = [Path(r.source or "").name for r in rs.filter(agency="平潭综合实验区")]
    assert zone == ["002.txt", "015.txt", "019.txt"]
    for spelling in ("平潭综合实验区管委会", "平潭综合实验区管理委员会", "平潭綜合實驗區管委會"):
        assert [Path(r.source or "").name for r in rs.filter(agency=spelling)] == zone
    # The county (平潭县人民政府) and the zone's bureau are other bodies.
    assert [r.agency_key for r in rs.filter(agency="平潭县人民政府")] == ["福州市平潭县"]
    assert len(rs.filter(agency=["平潭综合实验区君山片区管理局", "淮安市洪泽区"])) == 3
    # By the raw name still, and by the key of a name that adds its prefecture.
    assert [r.meta["year"]["value"] for r in rs.filter(agency="洪泽区人民政府")] == [2023, 2024]
    assert len(rs.filter(agency="江苏省淮安市洪泽区人民政府")) == 2
    # A place name without its level word is the one division it fits: 平潭县.
    assert [r.agency_key for r in rs.filter(agency="平潭")] == ["福州市平潭县"]


def test_a_panel_frame_warns_of_one_agency_and_year_read_twice() -> None:
    """The same body in one year under two spellings: one agency × year, twice."""
    committee = ogi.parse_text(
        PINGTAN_2014.format(title="平潭综合实验区管委会2014年政府信息公开工作年度报告"), source="a.txt"
    )
    zone = ogi.parse_text(
        PINGTAN_2014.format(title="平潭综合实验区2014年政府信息公开工作年度报告"), source="b.txt"
    )
    assert committee.meta["agency"]["value"] != zone.meta["agency"]["value"]
    assert committee.agency_key == zone.agency_key == "平潭综合实验区"
    rs = ogi.ReportSet([committee, zone])
    assert list(rs.duplicates()) == [("平潭综合实验区", 2014)]
    for build in (rs.to_pandas, lambda: rs.to_pandas("long"), rs.to_polars):
        with pytest.warns(UserWarning, match="平潭综合实验区 2014 \\(a.txt, b.txt\\)") as caught:
            build()
        assert caught[0].filename == __file__  # pointed at the caller
    # One report of each: no warning.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rs[:1].to_pandas()
        rs.filter(agency="nobody").to_pandas("long")


def test_agency_key_is_public_and_documented() -> None:
    assert ogi.agency_key("平潭综合实验区管理委员会") == {
        "key": "平潭综合实验区",
        "level": "district",
        "division_code": None,
        "division": None,
    }
    assert ogi.agency_key("淮安市洪泽区人民政府") == ogi.agency_key("洪泽区 人民政府")
    assert ogi.agency_key("朝阳区人民政府") == {
        "key": "朝阳区",
        "level": "district",
        "division_code": None,  # 北京市 or 长春市: never a guess
        "division": None,
    }
    assert ogi.agency_key("区政务服务中心管理办公室") is None
    assert ogi.agency_key("区政务服务中心管理办公室", region="莆田市城厢区") is not None
