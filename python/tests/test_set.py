"""Many reports at once: read_reports, ReportSet, its errors, progress and checks."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ogi


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, fixtures: Path) -> Path:
    """A folder of real reports, one empty file, one binary file and a non-report file."""
    root = tmp_path_factory.mktemp("reports")
    for name in ("017.txt", "018.txt", "024.txt", "027.html"):
        shutil.copy(fixtures / "corpus" / name, root / name)
    (root / "sub").mkdir()
    shutil.copy(fixtures / "seeds" / "002_c41c9a6468e2aa6e.txt", root / "sub" / "002.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "zip.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)))
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
    assert [(Path(e.path).name, e.stage) for e in rs.errors] == [
        ("empty.txt", "decode"),
        ("zip.txt", "decode"),
    ]
    assert all(isinstance(e.error, ogi.DecodeError) for e in rs.errors)
    assert "empty" in str(rs.errors[0])
    assert len(rs) == 5 and isinstance(rs[0], ogi.Report) and len(rs[1:3]) == 2


def test_errors_raise_raises_the_first_failure(folder: Path) -> None:
    # The first failure to come in: files are parsed in parallel.
    with pytest.raises(ogi.DecodeError, match=r"(empty|zip)\.txt"):
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
    assert "ogi" in err and "7/7" in err


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
