"""One parsed report, and the explanation of one of its values."""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from typing import Any

from ogi import _ogi
from ogi._vocab import vocabulary


def split_key(key: str) -> tuple[str, str, str]:
    """``"requests.granted.total"`` → ``("requests", "granted", "total")``.

    The row is what lies between the first and the last dot, so that legacy rows such as
    ``unlisted:…`` keep whatever they hold.
    """
    table, _, rest = key.partition(".")
    row, _, column = rest.rpartition(".")
    if not table or not row or not column:
        raise KeyError(f"{key!r} is not a key of the form table.row.column")
    return table, row, column


def known_keys() -> list[str]:
    """Every ``table.row.column`` key of the vocabulary."""
    keys = []
    for table, v in vocabulary().items():
        if table == "meta":
            continue
        for row, _ in v["rows"]:
            for column, _ in v["columns"]:
                keys.append(f"{table}.{row}.{column}")
    return keys


@dataclass(frozen=True)
class Explanation:
    """A value of a report with the source line it was read from, as `Report.explain` gives it.

    ``str()`` of it (and its notebook display) shows the line with the value marked, and the
    checks the cell takes part in.

    Examples
    --------
    >>> import ogi
    >>> r = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
    >>> e = r.explain("review_litigation.review.total")
    >>> e.value, e.kind, e.span, e.line, e.checks
    (1, 'number', (74, 75), 2, [('review_litigation.row_total[review]', 'pass')])
    >>> e.text[e.highlight[0]:e.highlight[1]]
    '1'
    """

    key: str
    """The ``table.row.column`` key explained."""
    value: Any
    """The value: an ``int`` or ``float``, ``None`` for a blank cell, the symbol printed for
    a marker, a string for meta text."""
    kind: str
    """``"number"``, ``"blank"``, ``"marker"`` or ``"text"``."""
    approximate: bool
    """Whether the report states the number as approximate (``300余``, ``近3万``, ``约9.8``)."""
    span: tuple[int, int] | None
    """The value's bytes in the input, ``(start, end)``; ``None`` for a meta value judged from
    the whole report rather than read at one place (``meta.format``, ``meta.script``)."""
    source: str | None
    """The report's `Report.source`."""
    line: int | None = None
    """The number (from 1) of the line shown in ``text``."""
    text: str | None = None
    """The line the value was read from (cut around the value when long)."""
    highlight: tuple[int, int] | None = None
    """The value's characters within ``text``, ``(start, end)``."""
    checks: list[tuple[str, str]] = field(default_factory=list)
    """The checks the cell takes part in, as ``(id, status)``."""
    page: int | None = None
    """For a PDF, the page the value is printed on (``line`` counts lines of the extracted text)."""
    box: tuple[float, float, float, float] | None = None
    """For a PDF read from glyph positions, the box the value was drawn in, in points from the
    page's top left: ``(x0, top, x1, bottom)`` (a table value's is its cell)."""
    rendered: bool = False
    """Whether ``text`` is a line of a page's rendered text (HTML, Word) rather than of the file
    (``line`` then counts rendered lines; the value's bytes in the file are ``span``)."""

    def __str__(self) -> str:
        shown = "blank" if self.kind == "blank" else repr(self.value)
        if self.approximate:
            shown += " (approximate)"
        out = [f"{self.key} = {shown}"]
        if self.text is not None and self.highlight is not None:
            where = f"{self.source or '<input>'}:{self.line}"
            if self.rendered and self.span is not None:
                where = (
                    f"{self.source or '<input>'}, byte {self.span[0]}"
                    f" (line {self.line} of the rendered page)"
                )
            if self.page is not None:
                where += f" (page {self.page} of the PDF; line of the extracted text)"
            if self.box is not None:
                x0, top, x1, bottom = self.box
                where += f", drawn at x {x0:g}–{x1:g}, y {top:g}–{bottom:g} pt"
            start, end = self.highlight
            out.append(f"  {where}")
            out.append(f"  | {self.text}")
            width = _display_width(self.text[:start])
            marks = max(1, _display_width(self.text[start:end]))
            out.append("  | " + " " * width + "^" * marks)
        elif self.span is not None:
            out.append(f"  bytes {self.span[0]}..{self.span[1]} of {self.source or '<input>'}")
        for check_id, status in self.checks:
            out.append(f"  check {check_id}: {status}")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        parts = [f"<div class='ogi-explain'><b>{html.escape(self.key)}</b> = "]
        parts.append("<i>blank</i>" if self.kind == "blank" else html.escape(repr(self.value)))
        if self.text is not None and self.highlight is not None:
            start, end = self.highlight
            parts.append(
                f"<pre style='margin:4px 0'>{html.escape(self.source or '')}:{self.line}\n"
                f"{html.escape(self.text[:start])}"
                f"<mark>{html.escape(self.text[start:end])}</mark>"
                f"{html.escape(self.text[end:])}</pre>"
            )
        for check_id, status in self.checks:
            colour = "#b00" if status == "fail" else "#555"
            parts.append(
                f"<div style='color:{colour}'>{html.escape(check_id)}: {html.escape(status)}</div>"
            )
        parts.append("</div>")
        return "".join(parts)


def _display_width(s: str) -> int:
    """Columns a string takes in a terminal: CJK and fullwidth characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


class Report:
    """One parsed report: meta, tables, narrative numbers, checks and diagnostics.

    Reports are made by `parse_text`, `parse_bytes`, `parse_file` and `read_reports`; the
    constructor only wraps the native report they return. A report is read-only. Two reports
    are equal when their JSON (`to_json`) is; a report is hashable, and pickles with the input
    it keeps. In a notebook it displays as its tables, drawn as the report prints them, with
    blank cells, cells not read and cells of failing checks marked.

    Examples
    --------
    >>> import ogi
    >>> report = ogi.parse_file("crates/ogi-core/tests/fixtures/seeds/002_c41c9a6468e2aa6e.txt")
    >>> report
    <ogi.Report 市政务服务管理局 2020 format=2019 cells=... failing=0 soft_failing=... diagnostics=...>
    >>> import pickle
    >>> pickle.loads(pickle.dumps(report)) == report
    True
    """

    __slots__ = ("_native",)

    def __init__(self, native: _ogi.Report) -> None:
        self._native = native

    @property
    def source(self) -> str | None:
        """The path the report was read from, or the ``source`` given to `parse_text` or
        `parse_bytes`; ``None`` if none was given."""
        return self._native.source

    @property
    def meta(self) -> dict[str, Any]:
        """What the report is: agency, region, year, format, published, script, encoding, bytes
        and sha256 (and ``container`` for a PDF or Word file), and where the agency's name
        tells them ``agency_key``, ``agency_level``, ``division_code`` and ``division``.

        Values read from the text (``agency``, ``region``, ``year``, ``published``) are
        ``{"value": ..., "span": [start, end]}``, ``None`` when not found; ``format`` is
        ``"2019"``, ``"2021"``, ``"legacy"`` or ``"prose"`` (no table); ``script`` is
        ``"simplified"`` or ``"traditional"``. ``agency_key`` is the agency's canonical key
        (`agency_key`, one key for one body across years and spellings), ``agency_level`` its
        tier, ``division_code`` the six-digit GB/T 2260 code of the division its name places
        it in and ``division`` that division's full name: plain strings, absent when unknown.

        Examples
        --------
        >>> import ogi
        >>> meta = ogi.parse_file("crates/ogi-core/tests/fixtures/seeds/002_c41c9a6468e2aa6e.txt").meta
        >>> meta["agency"]["value"], meta["year"]["value"], meta["format"], meta["encoding"]
        ('市政务服务管理局', 2020, '2019', 'UTF-8')
        >>> meta["region"]["value"], meta["agency_key"], meta["division_code"], meta["division"]
        ('昭通市', '昭通市政务服务管理局', '530600', '云南省昭通市')
        """
        return self._native.meta

    @property
    def agency_key(self) -> str | None:
        """The agency's canonical key (``meta["agency_key"]``): one key for one body across
        years and spellings, the key a panel groups by; ``None`` without an agency, or for one
        named relative to a place the report does not name.

        Examples
        --------
        >>> import ogi
        >>> ogi.parse_file("crates/ogi-core/tests/fixtures/corpus/024.txt").agency_key
        '淮安市洪泽区'
        """
        key: str | None = self.meta.get("agency_key")
        return key

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """What could not be read, or was read with doubt.

        Each is a dict ``{code, severity, message, span}``: ``code`` names the kind (such as
        ``table.missing`` or ``text.repaired``), ``span`` the bytes of the input it is about
        (``None`` for the whole report).
        """
        diagnostics: list[dict[str, Any]] = self._native.diagnostics
        for d in diagnostics:
            d.setdefault("span", None)
        return diagnostics

    @property
    def checks(self) -> list[dict[str, Any]]:
        """Every identity of the template, checked on this report.

        Each is ``{id, identity, soft, status, lhs, rhs, delta, blanks_as_zero, cells, hint}``;
        ``status`` is ``"pass"``, ``"fail"`` or ``"not_assessable"``, and ``cells`` lists the
        ``{table, row, column, value, blank, span}`` taking part. A blank cell counts as 0 for
        checking only, and ``blanks_as_zero`` says when it did.
        """
        return self._native.checks

    @property
    def coverage(self) -> list[dict[str, Any]]:
        """How much of each table of the 2019/2021 templates was read.

        One dict per table the report holds or announces (a heading in the template's words):
        ``{table, announced, expected, read, missing}``, ``announced`` the heading's span when
        there is one, ``expected`` the cells its format's template prints, ``read`` how many of
        them the report gave (a blank cell counts), ``missing`` the ``[row, column]`` keys of the
        others — the diagnostics say why each was left out. :attr:`status` is ``"ok"`` only
        when every table is read in full.
        """
        return self._native.coverage

    @property
    def status(self) -> str:
        """``"ok"``, or ``"partial"`` when read with warnings (see :attr:`status_reason`)."""
        return self._native.status[0]

    @property
    def status_reason(self) -> str:
        """The codes of the warnings that made the report partial, with counts; ``""`` if ok."""
        return self._native.status[1]

    def failed_checks(self, *, soft: bool = True) -> list[dict[str, Any]]:
        """The checks that fail.

        Parameters
        ----------
        soft : bool, default True
            Whether to include the soft checks (numbers of the text against the tables),
            which a faithful report may fail.

        Returns
        -------
        list of dict
            The failing entries of `checks`, in their order.
        """
        return [c for c in self.checks if c["status"] == "fail" and (soft or not c["soft"])]

    def cells(self) -> list[dict[str, Any]]:
        """The tidy rows, one dict per value: the meta first, then every table's cells.

        Returns
        -------
        list of dict
            Keys: ``table, row, column, value, kind, approximate, span``. ``value`` is an
            ``int`` or ``float`` for numbers, ``None`` for a blank cell, the symbol for a
            printed marker, a string for meta text; ``kind`` is ``"number"``, ``"blank"``,
            ``"marker"`` or ``"text"``; ``span`` is ``(start, end)`` in bytes of the input, or
            ``None``.

        Examples
        --------
        >>> import ogi
        >>> r = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
        >>> r.cells()[-1]
        {'table': 'review_litigation', 'row': 'litigation_after_review', 'column': 'total', 'value': 0, 'kind': 'number', 'approximate': False, 'span': (114, 115)}
        """
        return self._native.cells()

    def explain(self, key: str) -> Explanation:
        """The value under ``table.row.column`` with the source line it came from.

        Parameters
        ----------
        key : str
            ``table.row.column``, as in `cells` and the columns of `ReportSet.to_pandas`.

        Returns
        -------
        Explanation
            The value, its span, the line shown with the value marked, and the checks the
            cell takes part in.

        Raises
        ------
        KeyError
            For a key the report holds no value under, saying whether the key is unknown
            (with the closest known keys) or just not read from this report, and for a key
            not of the form ``table.row.column``.
        SourceChangedError
            If the report keeps no input (`read_reports` without ``keep_input``) and its file
            no longer holds the bytes it was read from.
        OSError
            If the report keeps no input and its file can no longer be read.

        Examples
        --------
        >>> import ogi
        >>> r = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
        >>> print(r.explain("review_litigation.review.total"))
        review_litigation.review.total = 1
          <input>:2
          | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
          |                 ^
          check review_litigation.row_total[review]: pass
        >>> r.explain("review_litigation.review.totl")
        Traceback (most recent call last):
        KeyError: 'review_litigation.review.totl is not a key of any table; did you mean review_litigation.review.total, ...?'
        >>> r.explain("requests.new_received.total")
        Traceback (most recent call last):
        KeyError: 'requests.new_received.total was not read from this report; see its diagnostics'
        """
        table, row, column = split_key(key)
        cell = next(
            (
                c
                for c in self.cells()
                if c["table"] == table and c["row"] == row and c["column"] == column
            ),
            None,
        )
        if cell is None:
            if key in known_keys():
                raise KeyError(f"{key} was not read from this report; see its diagnostics")
            close = difflib.get_close_matches(key, known_keys(), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"{key} is not a key of any table{hint}")
        span: tuple[int, int] | None = None
        if cell["span"] is not None:
            span = (cell["span"][0], cell["span"][1])
        line = text = highlight = None
        rendered = False
        if span is not None:
            found = self._native.source_line(span[0], span[1])
            if found is not None:
                line, text, start, end, rendered = found
                highlight = (start, end)
        page = None
        box = None
        container = self.meta.get("container")
        if span is not None and container and container.get("pages"):
            page = next(
                (i for i, (a, b) in enumerate(container["pages"], 1) if a <= span[0] < b), None
            )
        if span is not None:
            placed = self._native.place(span[0], span[1])
            if placed is not None:
                page, box = placed
        checks = [
            (c["id"], c["status"])
            for c in self.checks
            if any(
                x["table"] == table and x["row"] == row and x["column"] == column
                for x in c["cells"]
            )
        ]
        return Explanation(
            key=key,
            value=cell["value"],
            kind=cell["kind"],
            approximate=cell["approximate"],
            span=span,
            source=self.source,
            line=line,
            text=text,
            highlight=highlight,
            checks=checks,
            page=page,
            box=box,
            rendered=rendered,
        )

    def to_dict(self) -> dict[str, Any]:
        """The whole report as nested dicts and lists: the shape of `to_json`.

        Returns
        -------
        dict
            ``meta``, ``outline`` (the headings found), the tables (``proactive``,
            ``requests``, ``review_litigation``, ``legacy``: ``None`` when not in the report),
            ``narrative``, ``checks``, ``coverage`` and ``diagnostics``, keyed by the
            vocabulary's names (`vocabulary`).
        """
        return self._native.to_dict()

    def to_json(self, indent: int | None = None) -> str:
        """The whole report as JSON: `to_dict` as text.

        Parameters
        ----------
        indent : int, optional
            When given, the JSON is pretty-printed, two spaces per level (whatever the number);
            on one line when ``None``.

        Returns
        -------
        str
            The JSON text.
        """
        return self._native.to_json(indent)

    def __repr__(self) -> str:
        meta = self.meta
        agency = (meta.get("agency") or {}).get("value", "?")
        year = (meta.get("year") or {}).get("value", "?")
        n = sum(1 for c in self.cells() if c["table"] != "meta")
        failing = len(self.failed_checks(soft=False))
        soft = len(self.failed_checks()) - failing
        return (
            f"<ogi.Report {agency} {year} format={meta['format']} cells={n} "
            f"failing={failing} soft_failing={soft} diagnostics={len(self.diagnostics)}>"
        )

    def _repr_html_(self) -> str:
        from ogi._html import report_html

        return report_html(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __getstate__(self) -> _ogi.Report:
        return self._native

    def __setstate__(self, state: _ogi.Report) -> None:
        self._native = state
