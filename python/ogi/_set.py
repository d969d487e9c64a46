"""Many reports at once: ``read_reports`` and the ``ReportSet`` it returns."""

from __future__ import annotations

import glob
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from ogi import _ogi
from ogi._frames import check_columns, long_columns, to_pandas, to_polars, wide_columns
from ogi._report import Report

if TYPE_CHECKING:
    import pandas
    import polars

Shape = Literal["wide", "long"]
PathArg = str | os.PathLike[str]


@dataclass(frozen=True)
class FileFailure:
    """A file of a batch that gave no report.

    ``stage`` is ``read`` (the file could not be read), ``extract`` (no text in a PDF),
    ``decode`` (not text: empty or binary),
    ``limit`` (over the size limit) or ``internal`` (a bug of ogi, reported rather than raised);
    ``error`` is the exception ``errors="raise"`` would have raised.
    """

    path: str
    stage: str
    message: str
    error: BaseException

    def __str__(self) -> str:
        return f"{self.stage}: {self.message}"


class ReportSet(Sequence[Report]):
    """Reports read together, in the order of their paths, and the files that gave none."""

    def __init__(
        self,
        reports: Sequence[Report],
        errors: Sequence[FileFailure] = (),
        skipped: Sequence[tuple[str, str]] = (),
    ) -> None:
        self._reports = list(reports)
        self.errors: list[FileFailure] = list(errors)
        """The files that gave no report, each with its stage and message."""
        self.skipped: list[tuple[str, str]] = list(skipped)
        """The files under the folders read that are not reports, as ``(path, reason)``: other
        file types (with a hint for old Office files and images), FIFOs and devices, links
        looping back to a folder above."""

    @overload
    def __getitem__(self, index: int) -> Report: ...
    @overload
    def __getitem__(self, index: slice) -> ReportSet: ...
    def __getitem__(self, index: int | slice) -> Report | ReportSet:
        if isinstance(index, slice):
            return ReportSet(self._reports[index])
        return self._reports[index]

    def __len__(self) -> int:
        return len(self._reports)

    def __iter__(self) -> Iterator[Report]:
        return iter(self._reports)

    def __repr__(self) -> str:
        failing = sum(1 for r in self._reports if r.failed_checks(soft=False))
        return (
            f"<ogi.ReportSet reports={len(self._reports)} errors={len(self.errors)} "
            f"with_failing_checks={failing}>"
        )

    def _repr_html_(self) -> str:
        from ogi._html import set_html

        return set_html(self._reports, self.errors)

    def to_pandas(self, shape: Shape = "wide") -> pandas.DataFrame:
        """The reports as a pandas DataFrame (needs ``ogi[pandas]``).

        ``wide``: one row per report — ``source``, ``status`` (``ok``, or ``partial`` when read
        with warnings, whose codes ``reason`` lists), the meta, then one column per
        ``table.row.column`` read in any report, in template order. ``long``: the tidy rows
        (``source, table, row, column, value``) with ``text`` (meta text, printed markers),
        ``kind``, ``approximate``, ``span_start`` and ``span_end``. Counts are ``Int64`` (a column
        holding a fraction is ``Float64``); a blank cell is a missing value, never 0.
        """
        return to_pandas(self._columns(shape))

    def to_polars(self, shape: Shape = "wide") -> polars.DataFrame:
        """As :meth:`to_pandas`, as a polars DataFrame (needs ``ogi[polars]``)."""
        return to_polars(self._columns(shape))

    def _columns(self, shape: Shape) -> dict[str, tuple[str, list[Any]]]:
        if shape == "wide":
            return wide_columns(self._reports)
        if shape == "long":
            return long_columns(self._reports)
        raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")

    def check_list(self) -> list[tuple[Report, dict[str, Any]]]:
        """Every check of every report, then the checks across reports (one agency's years)."""
        rows = [(r, c) for r in self._reports for c in r.checks]
        natives = [r._native for r in self._reports]
        rows += [(self._reports[i], c) for i, c in _ogi.check_set(natives)]
        return rows

    def checks(self, *, failing: bool = False) -> pandas.DataFrame:
        """The checks as a pandas DataFrame, one row per check (only failing ones if asked).

        Columns: ``source, agency, year, id, identity, soft, status, lhs, rhs, delta,
        blanks_as_zero, hint, cells`` (``cells``: the ``table.row.column`` keys taking part).
        Across-year checks (``years.carried``, ``years.repeated``) are on the later report.
        """
        rows = [(r, c) for r, c in self.check_list() if not failing or c["status"] == "fail"]
        return to_pandas(check_columns(rows))


def _expand(paths: PathArg | Iterable[PathArg]) -> list[str]:
    """Paths, with glob patterns expanded (sorted) when they name no existing path."""
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: list[str] = []
    for p in items:
        s = os.fspath(p)
        if not os.path.exists(s) and glob.has_magic(s):
            out.extend(sorted(glob.glob(s, recursive=True)))
        else:
            out.append(s)
    return out


def _progress(total: int, enabled: bool) -> Any:
    """A ``tqdm.auto`` bar when asked for and installed, else ``None``."""
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc="ogi", unit="report")


def read_reports(
    paths: PathArg | Iterable[PathArg],
    *,
    n_jobs: int | None = None,
    progress: bool = True,
    errors: Literal["collect", "raise"] = "collect",
    keep_input: bool = False,
    max_bytes: int | None = None,
) -> ReportSet:
    """Read and parse many reports in parallel.

    ``paths`` is a file, a folder (read recursively for ``.txt``/``.html``/``.pdf``… files, in sorted
    order), a glob pattern (``"reports/**/*.html"``), or a list of them. Parsing runs on
    ``n_jobs`` Rust threads (all cores by default) with the GIL released. A progress bar shows
    through ``tqdm.auto`` when ``progress`` and tqdm is installed (``ogi[progress]``).

    One unreadable file never stops the others: with ``errors="collect"`` it is listed in
    ``ReportSet.errors``; with ``errors="raise"`` the first failure is raised (``OSError``,
    ``ogi.DecodeError``, …). Reports keep their input in memory only with ``keep_input=True``;
    otherwise ``Report.explain`` reads the file again (and checks it has not changed). A file
    over ``max_bytes`` (64 MiB by default) fails at the ``limit`` stage.

    >>> import ogi, pathlib
    >>> rs = ogi.read_reports(pathlib.Path("crates/ogi-core/tests/fixtures/seeds"), progress=False)
    >>> len(rs), rs.errors
    (5, [])
    """
    if errors not in ("collect", "raise"):
        raise ValueError(f"errors must be 'collect' or 'raise', not {errors!r}")
    files, missing, skipped = _ogi.find_reports(_expand(paths))
    if not files and not missing and not skipped:
        warnings.warn(f"no report files under {paths!r}", stacklevel=2)
    failures: list[tuple[int, FileFailure]] = []
    for path, e in missing:
        if errors == "raise":
            raise e
        failures.append((-1, FileFailure(path, "read", str(e), e)))

    results: list[Report | None] = [None] * len(files)
    bar = _progress(len(files), progress)
    try:
        for i, item, stage in _ogi.parse_files(files, n_jobs, keep_input, max_bytes):
            if stage is None:
                results[i] = Report(item)
            else:
                if errors == "raise":
                    raise item
                failures.append((i, FileFailure(files[i], stage, str(item), item)))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    failures.sort(key=lambda f: f[0])
    return ReportSet([r for r in results if r is not None], [f for _, f in failures], skipped)
