"""Read Chinese government information disclosure annual reports into clean statistics.

>>> import ogi
>>> report = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
>>> [c["value"] for c in report.cells() if c["table"] == "review_litigation"][:5]
[0, 0, 0, 1, 1]

Every value carries the byte span of the input it was read from; a blank cell is ``None``,
never 0; whatever could not be read is listed in ``report.diagnostics``.
"""

from __future__ import annotations

import os
from typing import Any

from ogi import _ogi
from ogi._ogi import DecodeError, LimitError, OgiError, ParseError

__version__: str = _ogi.__version__

__all__ = [
    "DecodeError",
    "LimitError",
    "OgiError",
    "ParseError",
    "Report",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


class Report:
    """One parsed report: meta, tables, narrative numbers and diagnostics."""

    __slots__ = ("_native",)

    def __init__(self, native: _ogi.Report) -> None:
        self._native = native

    @property
    def source(self) -> str | None:
        """The path the report was read from, if any."""
        return self._native.source

    @property
    def meta(self) -> dict[str, Any]:
        """Agency, region, year, format, published, script and encoding.

        Values read from the text are ``{"value": ..., "span": [start, end]}``.
        """
        return self._native.meta

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """What could not be read, or was read with doubt: ``{code, severity, message, span}``."""
        return self._native.diagnostics

    @property
    def checks(self) -> list[dict[str, Any]]:
        """Every identity of the template, checked on this report.

        Each is ``{id, identity, soft, status, lhs, rhs, delta, blanks_as_zero, cells, hint}``;
        ``status`` is ``"pass"``, ``"fail"`` or ``"not_assessable"``, and ``cells`` lists the
        ``{table, row, column, value, blank, span}`` taking part. A blank cell counts as 0 for
        checking only, and ``blanks_as_zero`` says when it did.
        """
        return self._native.checks

    def failed_checks(self, *, soft: bool = True) -> list[dict[str, Any]]:
        """The checks that fail; without the soft ones (text against tables) if ``soft=False``."""
        return [c for c in self.checks if c["status"] == "fail" and (soft or not c["soft"])]

    def cells(self) -> list[dict[str, Any]]:
        """The tidy rows, one dict per value.

        Keys: ``table, row, column, value, kind, approximate, span``. ``value`` is an ``int`` or
        ``float`` for numbers, ``None`` for a blank cell, the symbol for a printed marker, a
        string for meta text.
        """
        return self._native.cells()

    def to_dict(self) -> dict[str, Any]:
        """The whole report as nested dicts and lists (the JSON shape)."""
        return self._native.to_dict()

    def to_json(self, indent: int | None = None) -> str:
        """The whole report as JSON (pretty-printed when ``indent`` is given)."""
        return self._native.to_json(indent)

    def __repr__(self) -> str:
        meta = self.meta
        agency = (meta.get("agency") or {}).get("value", "?")
        year = (meta.get("year") or {}).get("value", "?")
        n = sum(1 for c in self.cells() if c["table"] != "meta")
        return f"<ogi.Report {agency} {year} format={meta['format']} cells={n} diagnostics={len(self.diagnostics)}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __getstate__(self) -> tuple[str, str | None]:
        return (self._native.to_json(), self._native.source)

    def __setstate__(self, state: tuple[str, str | None]) -> None:
        self._native = _ogi.Report.from_json(state[0], state[1])


def parse_text(text: str, *, source: str | None = None) -> Report:
    """Parse a report given as text (already decoded)."""
    return Report(_ogi.parse_text(text, source))


def parse_bytes(data: bytes, *, source: str | None = None) -> Report:
    """Parse a report given as bytes, in any supported encoding."""
    return Report(_ogi.parse_bytes(data, source))


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Read and parse a report file. Raises ``OSError`` if the file cannot be read."""
    return Report(_ogi.parse_file(os.fspath(path)))
