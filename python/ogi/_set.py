"""Many reports at once: ``read_reports`` and the ``ReportSet`` it returns."""

from __future__ import annotations

import glob
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, overload

from ogi import _ogi
from ogi._frames import (
    arrow_to_pandas,
    arrow_to_polars,
    check_columns,
    diagnostic_columns,
    long_columns,
    to_frame,
    to_pandas,
    to_polars,
    wide_columns,
)
from ogi._report import Report

if TYPE_CHECKING:
    import pandas
    import polars

Shape = Literal["wide", "long"]
ArrowShape = Literal["wide", "tidy"]
Backend = Literal["pandas", "polars"]
PathArg = str | os.PathLike[str]

#: The values `ReportSet.filter` accepts for ``format`` and ``status``.
FORMATS = ("2019", "2021", "legacy", "prose")
STATUSES = ("ok", "partial")


def _meta_value(report: Report, key: str) -> Any:
    v = report.meta.get(key)
    return v.get("value") if isinstance(v, dict) else v


def _panel_agency(report: Report) -> str | None:
    """The agency a report counts under in a panel: its canonical key, else its name."""
    key: str | None = report.meta.get("agency_key")
    return key if key is not None else _meta_value(report, "agency")


def _texts(
    value: str | Iterable[str] | None, name: str, known: Sequence[str] | None
) -> set[str] | None:
    """The strings a `ReportSet.filter` argument admits, ``None`` for any."""
    if value is None:
        return None
    if not isinstance(value, (str, Iterable)):
        raise TypeError(f"{name} must be a str or a collection of str, not {value!r}")
    values = {value} if isinstance(value, str) else set(value)
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{name} must be a str or a collection of str, not {v!r}")
        if known is not None and v not in known:
            raise ValueError(f"{name} must be one of {', '.join(known)}, not {v!r}")
    return values


def _years(value: int | Iterable[int] | None) -> range | set[int] | None:
    """The years a `ReportSet.filter` argument admits, ``None`` for any."""
    if value is None:
        return None
    if isinstance(value, range):
        return value
    if not isinstance(value, (int, Iterable)) or isinstance(value, (str, bytes)):
        raise TypeError(f"year must be an int, a range or a collection of int, not {value!r}")
    values = {value} if isinstance(value, int) else set(value)
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool):
            raise TypeError(f"year must be an int, a range or a collection of int, not {v!r}")
    return values


@dataclass(frozen=True)
class FileFailure:
    """A file of a batch that gave no report, as listed in `ReportSet.errors`.

    ``str()`` of it is ``"stage: message"``.

    Examples
    --------
    >>> import ogi, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "empty.txt").write_bytes(b"")
    >>> failure = ogi.read_reports(folder, progress=False).errors[0]
    >>> failure.stage, type(failure.error).__name__
    ('decode', 'DecodeError')
    >>> print(failure)
    decode: ...the input is empty
    """

    path: str
    """The file, as found (a path under a folder given to `read_reports`, or as given)."""
    stage: str
    """Where it failed: ``"read"`` (the file could not be read), ``"decode"`` (not text: empty
    or binary), ``"extract"`` (no text in a PDF or Word file), ``"limit"`` (over the size
    limit or the time budget), ``"content"`` (text, but not a report: no word of one and
    nothing read) or ``"internal"`` (a bug of ogi, reported rather than raised)."""
    message: str
    """The error's message, naming the file."""
    error: BaseException
    """The exception ``errors="raise"`` would have raised: an ``OSError`` at the ``read``
    stage, else `DecodeError`, `ExtractError`, `LimitError` or `ParseError` (``content``,
    ``internal``)."""

    def __str__(self) -> str:
        return f"{self.stage}: {self.message}"


class ReportSet(Sequence[Report]):
    """Reports read together, in the order of their paths, and the files that gave none.

    Made by `read_reports`. A sequence of `Report` (``len``, indexing, iteration; a slice is a
    ``ReportSet`` of those reports, with the same ``errors`` and ``skipped``), with data frames
    of the values (`to_pandas`, `to_polars`), of the checks (`checks`) and of the diagnostics
    (`diagnostics`). `filter` picks reports by agency, year, format or status; `duplicates`
    lists the reports of one agency and year. Its ``repr`` counts the reports (``ok``,
    ``partial``) and the files that gave none (``errors``); in a notebook it shows the same
    counts, then a summary row per report.

    Parameters
    ----------
    reports : sequence of Report
        The reports.
    errors : sequence of FileFailure, optional
        The files that gave no report.
    skipped : sequence of (str, str), optional
        The files not read, as ``(path, reason)``.

    Examples
    --------
    >>> import ogi
    >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
    >>> rs
    <ogi.ReportSet reports=5 ok=... partial=... errors=0 with_failing_checks=...>
    >>> [r.meta["format"] for r in rs]
    ['prose', 'prose', '2019', 'prose', 'legacy']
    >>> ogi.ReportSet(list(rs)[:2])
    <ogi.ReportSet reports=2 ok=... partial=... errors=0 with_failing_checks=...>
    """

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
            return ReportSet(self._reports[index], self.errors, self.skipped)
        return self._reports[index]

    def __len__(self) -> int:
        return len(self._reports)

    def __iter__(self) -> Iterator[Report]:
        return iter(self._reports)

    def __repr__(self) -> str:
        failing = sum(1 for r in self._reports if r.failed_checks(soft=False))
        ok, partial = (sum(1 for r in self._reports if r.status == s) for s in STATUSES)
        return (
            f"<ogi.ReportSet reports={len(self._reports)} ok={ok} "
            f"partial={partial} errors={len(self.errors)} "
            f"with_failing_checks={failing}>"
        )

    def _repr_html_(self) -> str:
        from ogi._html import set_html

        return set_html(self._reports, self.errors, duplicates=self.duplicates())

    def filter(
        self,
        agency: str | Iterable[str] | None = None,
        year: int | Iterable[int] | None = None,
        format: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
    ) -> ReportSet:
        """The reports that match every argument given, in their order.

        Each argument is a value or a collection of values (any of which matches); ``None``
        matches every report. A report whose agency or year was not found matches no
        ``agency`` or ``year`` asked for.

        Parameters
        ----------
        agency : str or collection of str, optional
            The agency: its name as a report gives it (``report.meta["agency"]``), its
            canonical key (``report.meta["agency_key"]``), or any spelling with that key
            (`agency_key`: ``"平潭综合实验区管理委员会"`` picks the reports of
            ``平潭综合实验区``, whether titled ``平潭综合实验区`` or ``平潭综合实验区管委会``).
        year : int, range or collection of int, optional
            The year of the report (``range(2019, 2023)`` for 2019 to 2022).
        format : str or collection of str, optional
            ``"2019"``, ``"2021"``, ``"legacy"`` or ``"prose"`` (`Report.meta`).
        status : str or collection of str, optional
            ``"ok"`` or ``"partial"`` (`Report.status`).

        Returns
        -------
        ReportSet
            The matching reports, with the ``errors`` and ``skipped`` of this set.

        Raises
        ------
        TypeError
            For a value of the wrong type (a year as a string, an agency as a number).
        ValueError
            For a ``format`` or ``status`` that no report can have.

        Examples
        --------
        >>> import ogi, pathlib
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> [r.meta["year"]["value"] for r in rs.filter(agency="市政务服务管理局")]
        [2019, 2020]
        >>> rs.filter(year=range(2018, 2020), format="prose")
        <ogi.ReportSet reports=3 ok=2 partial=1 errors=0 with_failing_checks=0>
        >>> [pathlib.Path(r.source).name for r in rs.filter(status="partial", year=[2016, 2019])]
        ['003_a932651d7d736ac0.txt', '004_d0ad4e6dd563e698.txt']
        >>> rs.filter(format="2020")
        Traceback (most recent call last):
        ValueError: format must be one of 2019, 2021, legacy, prose, not '2020'

        By the canonical key, or a spelling that has it:

        >>> corpus = ogi.read_reports("crates/ogi-core/tests/fixtures/corpus/0*.txt", progress=False)
        >>> [r.meta["year"]["value"] for r in corpus.filter(agency="平潭综合实验区管理委员会")]
        [2011, 2012, 2013, 2020, 2022, 2023, 2024]
        >>> [r.meta["agency"]["value"] for r in corpus.filter(agency="淮安市洪泽区")]
        ['洪泽区人民政府', '淮安市洪泽区人民政府']
        """
        agencies = _texts(agency, "agency", None)
        if agencies is not None:
            agencies |= {k["key"] for a in agencies if (k := _ogi.agency_key(a)) is not None}
        years = _years(year)
        formats = _texts(format, "format", FORMATS)
        statuses = _texts(status, "status", STATUSES)
        kept = [
            r
            for r in self._reports
            if (
                agencies is None
                or _meta_value(r, "agency") in agencies
                or r.meta.get("agency_key") in agencies
            )
            and (years is None or _meta_value(r, "year") in years)
            and (formats is None or r.meta["format"] in formats)
            and (statuses is None or r.status in statuses)
        ]
        return ReportSet(kept, self.errors, self.skipped)

    def duplicates(self) -> dict[tuple[str, int], list[Report]]:
        """The reports that share an agency and a year, two or more to a pair.

        The agency is the canonical key (``meta["agency_key"]``: one key for one body across
        spellings, so ``洪泽区人民政府`` and ``淮安市洪泽区人民政府`` are one agency), or its
        name as read where it has no key. Reports whose agency or year was not found are never
        duplicates. `read_reports`, `to_pandas` and `to_polars` warn when there are any.

        Returns
        -------
        dict of (str, int) to list of Report
            ``(agency key, year)`` to its reports, in the order of the set (pairs in the order
            of their first report); empty when every pair has one report.

        Examples
        --------
        >>> import ogi
        >>> corpus = "crates/ogi-core/tests/fixtures/corpus/"
        >>> files = ["024.txt", "027.html", "027.pipe.txt"]  # 027: one report as a page and as text
        >>> rs = ogi.ReportSet([ogi.parse_file(corpus + f) for f in files])
        >>> {pair: [r.source for r in reports] for pair, reports in rs.duplicates().items()}
        {('宿迁市沭阳县发展和改革局', 2023): ['crates/.../027.html', 'crates/.../027.pipe.txt']}
        >>> rs[:2].duplicates()
        {}
        """
        groups: dict[tuple[str, int], list[Report]] = {}
        for r in self._reports:
            agency, year = _panel_agency(r), _meta_value(r, "year")
            if agency is not None and year is not None:
                groups.setdefault((agency, year), []).append(r)
        return {k: v for k, v in groups.items() if len(v) > 1}

    def to_arrow(self, shape: ArrowShape = "wide") -> _ogi.ArrowTable:
        """The reports as typed Arrow data, built in Rust, for pyarrow, polars or DuckDB.

        The columns of ``ogi parse -o FILE.parquet`` (``--wide`` for ``"wide"``), for the
        reports of the set: each row starts with ``source``, ``status`` (``ok`` or
        ``partial``), ``reason``, ``coverage`` and the meta (``agency``, ``region``, ``year``
        an ``int64``, ``format``, ``published`` a ``date32``, ``script``, ``encoding``,
        ``sha256``). A value is a number or null (a blank cell, a marker, a cell not read),
        never 0.

        The object returned holds the record batches and hands them over through the Arrow
        PyCapsule interface (``__arrow_c_stream__``): ``pyarrow.table(t)``,
        ``polars.DataFrame(t)`` and DuckDB (``duckdb.sql("select * from t")``) read it
        without needing anything else; ogi itself needs none of them.

        Parameters
        ----------
        shape : {"wide", "tidy"}, default "wide"
            ``"wide"``: one row per report, a column per template cell
            (``requests.granted.total``): counts ``int64``, amounts of money (unit 万元 or 元,
            in the field's ``unit`` metadata) ``float64``; ``markers`` lists the cells that
            print a marker (``/``, ``—``, ``无``) as ``{cell, marker}``. ``"tidy"``: one row per
            table cell, with ``table``, ``row``, ``column``, ``value`` (``float64``),
            ``marker``, ``approximate``, ``span_start`` and ``span_end``.

        Returns
        -------
        ArrowTable

        Raises
        ------
        ValueError
            If ``shape`` is neither ``"wide"`` nor ``"tidy"``.

        Examples
        --------
        >>> import ogi, pyarrow
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> table = pyarrow.table(rs.to_arrow())
        >>> table.num_rows, table.schema.field("year").type, table.schema.field("published").type
        (5, DataType(int64), DataType(date32[day]))
        >>> table.schema.field("proactive.fees.amount").type
        DataType(double)
        >>> tidy = pyarrow.table(rs.to_arrow("tidy"))
        >>> tidy.column_names[-8:]
        ['table', 'row', 'column', 'value', 'marker', 'approximate', 'span_start', 'span_end']
        """
        return _ogi.to_arrow(self._natives(), shape)

    def to_parquet(self, path: PathArg, shape: ArrowShape = "wide") -> None:
        """Write the reports to a Parquet file (Snappy), from Rust: the columns of `to_arrow`.

        Needs no Python library: pyarrow, polars, DuckDB, pandas or R read the file.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (replaced if it exists).
        shape : {"wide", "tidy"}, default "wide"
            As for `to_arrow`.

        Raises
        ------
        OSError
            If the file cannot be written.
        ValueError
            If ``shape`` is neither ``"wide"`` nor ``"tidy"``.

        Examples
        --------
        >>> import ogi, os, tempfile, duckdb
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> path = os.path.join(tempfile.mkdtemp(), "panel.parquet")
        >>> rs.to_parquet(path)
        >>> duckdb.sql(f"select agency, year from '{path}' where year = 2020").fetchall()
        [('市政务服务管理局', 2020)]
        """
        _ogi.write_parquet(self._natives(), os.fspath(path), shape)

    def _natives(self) -> list[_ogi.Report]:
        return [r._native for r in self._reports]

    def to_pandas(self, shape: Shape = "wide") -> pandas.DataFrame:
        """The reports as a pandas DataFrame (needs ``ogi[pandas]``).

        Counts are ``Int64``, amounts of money and columns holding a fraction ``Float64``, text
        is ``string``; a blank cell, or one not read, is a missing value, never 0. With pyarrow
        installed the wide frame is built from `to_arrow` (in Rust); without it, in Python,
        alike.

        Parameters
        ----------
        shape : {"wide", "long"}, default "wide"
            ``"wide"``: one row per report — ``source``, ``status`` (``ok``, or ``partial``
            when read with warnings, whose codes ``reason`` lists), ``coverage``
            (``complete``, or the tables not fully read as ``requests 180/189``), the meta
            (``agency, region, agency_key, agency_level, division_code, division, year,
            format, published, script, encoding, sha256``; ``published`` a date), then one column
            per ``table.row.column`` read in any report, in template order, and ``markers`` (the
            cells printing a marker, ``/``, ``—``, ``无``, as a list of ``{cell, marker}``).
            ``"long"``: the tidy rows of `Report.cells`
            (``source, table, row, column, value``) with ``text`` (meta text, printed
            markers), ``kind``, ``approximate``, ``span_start``, ``span_end``, and the
            report's ``agency_key`` and ``year`` (an integer column) on every row. Group a
            panel by ``agency_key`` and ``year``: one key for one body across spellings.

        Returns
        -------
        pandas.DataFrame

        Warns
        -----
        UserWarning
            When two reports or more share an agency key and a year (`duplicates`): a panel
            would hold that agency-year twice.

        Raises
        ------
        ImportError
            If pandas is not installed.
        ValueError
            If ``shape`` is neither ``"wide"`` nor ``"long"``.

        Examples
        --------
        >>> import ogi
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> wide = rs.to_pandas()
        >>> wide.shape[0], list(wide.columns[:5])
        (5, ['source', 'status', 'reason', 'coverage', 'agency'])
        >>> wide["review_litigation.review.total"].dtype
        Int64Dtype()
        >>> list(rs.to_pandas("long").columns)
        ['source', 'table', 'row', 'column', 'value', 'text', 'kind', 'approximate', 'span_start', 'span_end', 'agency_key', 'year']
        >>> print(*wide.loc[2, ["agency", "agency_key", "division_code", "year"]])
        市政务服务管理局 昭通市政务服务管理局 530600 2020
        """
        self._warn_duplicates(shape)
        if shape == "wide":
            frame = arrow_to_pandas(lambda: _ogi.to_arrow(self._natives(), "wide", True))
            if frame is not None:
                return frame
        return to_pandas(self._columns(shape))

    def to_polars(self, shape: Shape = "wide") -> polars.DataFrame:
        """The reports as a polars DataFrame (needs ``ogi[polars]``): the columns of `to_pandas`.

        Counts are ``Int64`` (``Float64`` for amounts of money and a column holding a
        fraction), text is ``String``, ``published`` a ``Date``, a blank cell or one not read
        is null. The wide frame is built in Rust and handed to polars through the Arrow
        PyCapsule interface: it needs neither pandas nor pyarrow.

        Parameters
        ----------
        shape : {"wide", "long"}, default "wide"
            As for `to_pandas`.

        Returns
        -------
        polars.DataFrame

        Warns
        -----
        UserWarning
            When two reports or more share an agency key and a year, as for `to_pandas`.

        Raises
        ------
        ImportError
            If polars is not installed.
        ValueError
            If ``shape`` is neither ``"wide"`` nor ``"long"``.

        Examples
        --------
        >>> import ogi
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> frame = rs.to_polars()
        >>> frame.height, frame.schema["year"], frame.schema["published"]
        (5, Int64, Date)
        """
        self._warn_duplicates(shape)
        if shape == "wide":
            return arrow_to_polars(_ogi.to_arrow(self._natives(), "wide", True))
        return to_polars(self._columns(shape))

    def _warn_duplicates(self, shape: Shape) -> None:
        """Checks ``shape``, and warns when two reports or more share an agency key and a year
        (whichever way the frame is then built: through Arrow or from Python columns)."""
        if shape not in ("wide", "long"):
            raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
        duplicates = self.duplicates()
        if duplicates:
            # Pointed at the caller of to_pandas / to_polars.
            warnings.warn(_duplicates_message(duplicates), UserWarning, stacklevel=3)

    def _columns(self, shape: Shape) -> dict[str, tuple[str, list[Any]]]:
        if shape not in ("wide", "long"):
            raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
        if shape == "wide":
            return wide_columns(self._reports)
        if shape == "long":
            return long_columns(self._reports)
        raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")

    def check_list(self) -> list[tuple[Report, dict[str, Any]]]:
        """Every check of every report, then the checks across reports (one agency's years).

        Returns
        -------
        list of (Report, dict)
            Each check (as in `Report.checks`) with the report it is about; a check across
            years is on the later report.
        """
        rows = [(r, c) for r in self._reports for c in r.checks]
        natives = [r._native for r in self._reports]
        rows += [(self._reports[i], c) for i, c in _ogi.check_set(natives)]
        return rows

    @overload
    def checks(
        self, *, failing: bool = ..., backend: Literal["pandas"] = ...
    ) -> pandas.DataFrame: ...
    @overload
    def checks(self, *, failing: bool = ..., backend: Literal["polars"]) -> polars.DataFrame: ...
    def checks(
        self, *, failing: bool = False, backend: Backend = "pandas"
    ) -> pandas.DataFrame | polars.DataFrame:
        """The checks as a data frame, one row per check.

        Across-year checks (``years.carried``, ``years.repeated``) are on the later report.

        Parameters
        ----------
        failing : bool, default False
            Only the checks that fail.
        backend : {"pandas", "polars"}, default "pandas"
            The frame to return: pandas (needs ``ogi[pandas]``) or polars (needs
            ``ogi[polars]``, not pandas).

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            Columns ``source``, ``agency``, ``year`` (an integer column, missing where the
            report's year was not found), ``id``, ``identity``, ``identity_label`` (the
            identity's formula as the template words it) and ``identity_label_en`` (in
            English), ``soft``, ``status``, ``lhs``, ``rhs``, ``delta``, ``blanks_as_zero``,
            ``hint`` and ``cells`` (the ``table.row.column`` keys taking part, a list), rows in
            the order of `check_list`.

        Raises
        ------
        ImportError
            If the backend's library is not installed.
        ValueError
            If ``backend`` is neither ``"pandas"`` nor ``"polars"``.

        Examples
        --------
        >>> import ogi
        >>> bad = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n", source="bad.txt")
        >>> failing = ogi.ReportSet([bad]).checks(failing=True)
        >>> print(*failing.loc[0, ["source", "id", "lhs", "rhs"]])
        bad.txt review_litigation.row_total[review] 2 1
        >>> failing.loc[0, "identity_label_en"]
        'Total = upheld + corrected + other + pending'
        >>> failing.loc[0, "cells"]
        ['review_litigation.review.total', 'review_litigation.review.upheld', ...]
        >>> polars_frame = ogi.ReportSet([bad]).checks(failing=True, backend="polars")
        >>> polars_frame.select("id", "year").row(0)
        ('review_litigation.row_total[review]', None)
        """
        rows = [(r, c) for r, c in self.check_list() if not failing or c["status"] == "fail"]
        frame: pandas.DataFrame | polars.DataFrame = to_frame(check_columns(rows), backend)
        return frame

    @overload
    def diagnostics(self, *, backend: Literal["pandas"] = ...) -> pandas.DataFrame: ...
    @overload
    def diagnostics(self, *, backend: Literal["polars"]) -> polars.DataFrame: ...
    def diagnostics(self, *, backend: Backend = "pandas") -> pandas.DataFrame | polars.DataFrame:
        """The diagnostics of every report as a data frame, one row per diagnostic.

        What could not be read, or was read with doubt (`Report.diagnostics`), across the set;
        the files that gave no report are in `errors`.

        Parameters
        ----------
        backend : {"pandas", "polars"}, default "pandas"
            The frame to return: pandas (needs ``ogi[pandas]``) or polars (needs
            ``ogi[polars]``).

        Returns
        -------
        pandas.DataFrame or polars.DataFrame
            Columns ``source``, ``agency``, ``year`` (an integer column, missing where the
            report's year was not found), ``code``, ``severity``, ``message``,
            ``span_start`` and ``span_end`` (the bytes of the input it is about, missing for
            the whole report); rows report by report, each report's in its order.

        Raises
        ------
        ImportError
            If the backend's library is not installed.
        ValueError
            If ``backend`` is neither ``"pandas"`` nor ``"polars"``.

        Examples
        --------
        >>> import ogi
        >>> rs = ogi.read_reports("crates/ogi-core/tests/fixtures/seeds", progress=False)
        >>> d = rs.diagnostics()
        >>> len(d), list(d.columns)
        (8, ['source', 'agency', 'year', 'code', 'severity', 'message', 'span_start', 'span_end'])
        >>> d[d["severity"] == "warning"]["code"].tolist()
        ['table.missing', 'table.missing', 'table.missing', 'meta.year_conflict']
        >>> print(*d.loc[7, ["agency", "year", "code", "span_start", "span_end"]])
        区政务服务中心管理办公室 2016 meta.year_conflict 6239 6243
        >>> rs.diagnostics(backend="polars").schema["year"]
        Int64
        """
        frame: pandas.DataFrame | polars.DataFrame = to_frame(
            diagnostic_columns(self._reports), backend
        )
        return frame


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
    timeout: float | None = 60.0,
) -> ReportSet:
    """Read and parse many reports in parallel.

    Parsing runs on Rust threads with the GIL released. One unreadable file never stops the
    others: by default it is listed in `ReportSet.errors`.

    Parameters
    ----------
    paths : str, os.PathLike, or an iterable of them
        Files, folders (read recursively for ``.txt``/``.html``/``.pdf``… files, in sorted
        order; other files are listed in `ReportSet.skipped`), and glob patterns
        (``"reports/**/*.html"``, expanded in sorted order when no file has that name).
    n_jobs : int, optional
        Threads to parse on (all cores when ``None``).
    progress : bool, default True
        Show a progress bar through ``tqdm.auto`` when tqdm is installed (``ogi[progress]``).
    errors : {"collect", "raise"}, default "collect"
        ``"collect"``: a file that gives no report is listed in `ReportSet.errors` as a
        `FileFailure`. ``"raise"``: the first failure is raised.
    keep_input : bool, default False
        Keep each file's bytes in memory with its report. Otherwise `Report.explain` reads the
        file again (and checks that it has not changed).
    max_bytes : int, optional
        The largest file accepted, in bytes (64 MiB when ``None``): a larger one fails at the
        ``limit`` stage.
    timeout : float, optional
        The most seconds one file's parse may take (60 by default; ``None`` for no limit): a
        file past it is stopped and fails at the ``limit`` stage, and the others go on.

    Returns
    -------
    ReportSet
        The reports, in the order of their paths, with the failures and the skipped files.

    Raises
    ------
    ValueError
        If ``errors`` is neither ``"collect"`` nor ``"raise"``.
    OSError
        With ``errors="raise"``, for a path that does not exist or a file that cannot be
        read (``FileNotFoundError``, ``PermissionError``, …).
    OgiError
        With ``errors="raise"``, for a file that cannot be parsed: `DecodeError`,
        `ExtractError`, `LimitError`, or `ParseError` for a bug of ogi.

    Warns
    -----
    UserWarning
        When ``paths`` leads to no file at all: no report, no path that fails, none skipped;
        and when two reports or more have the same agency and year (both found), naming them
        (`ReportSet.duplicates` lists them).

    Examples
    --------
    >>> import ogi, pathlib
    >>> rs = ogi.read_reports(pathlib.Path("crates/ogi-core/tests/fixtures/seeds"), progress=False)
    >>> len(rs), rs.errors
    (5, [])
    >>> rs = ogi.read_reports(["crates/ogi-core/tests/fixtures/seeds/00[12]_*.txt", "no/such.txt"], progress=False)
    >>> len(rs), [(f.path, f.stage) for f in rs.errors]
    (2, [('no/such.txt', 'read')])
    >>> ogi.read_reports("no/such.txt", progress=False, errors="raise")
    Traceback (most recent call last):
    FileNotFoundError: ... 'no/such.txt'

    The same report twice (027 as a page and as text) is read, with a warning:

    >>> import warnings
    >>> twice = [f"crates/ogi-core/tests/fixtures/corpus/027.{x}" for x in ("html", "pipe.txt")]
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     rs = ogi.read_reports(twice, progress=False)
    >>> len(rs), caught[0].category.__name__
    (2, 'UserWarning')
    >>> print(caught[0].message)
    1 agency × year pair has more than one report: 宿迁市沭阳县发展和改革局 2023 (crates/.../027.html, crates/.../027.pipe.txt) (see ReportSet.duplicates())
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
        for i, item, stage in _ogi.parse_files(files, n_jobs, keep_input, max_bytes, timeout):
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
    out = ReportSet([r for r in results if r is not None], [f for _, f in failures], skipped)
    duplicates = out.duplicates()
    if duplicates:
        warnings.warn(_duplicates_message(duplicates), UserWarning, stacklevel=2)
    return out


def _duplicates_message(groups: dict[tuple[str, int], list[Report]], shown: int = 5) -> str:
    """The warning of `read_reports` on reports of the same agency and year."""
    items = [
        f"{agency} {year} ({', '.join(str(r.source) for r in reports)})"
        for (agency, year), reports in list(groups.items())[:shown]
    ]
    if len(groups) > shown:
        items.append(f"and {len(groups) - shown} more")
    pairs = "pair has" if len(groups) == 1 else "pairs have"
    return (
        f"{len(groups)} agency × year {pairs} more than one report: {'; '.join(items)} "
        "(see ReportSet.duplicates())"
    )
