"""Read Chinese government information disclosure annual reports into clean statistics.

>>> import ogi
>>> report = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
>>> [c["value"] for c in report.cells() if c["table"] == "review_litigation"][:5]
[0, 0, 0, 1, 1]

Every value carries the byte span of the input it was read from; a blank cell is ``None``,
never 0; whatever could not be read is listed in ``report.diagnostics``. Many reports at once:
``ogi.read_reports(folder)`` returns a ``ReportSet`` with ``to_pandas()`` and ``checks()``.

``import ogi`` imports nothing heavy: pandas, polars and tqdm are optional extras, imported
when first used.
"""

import os as _os

from ogi import _ogi
from ogi._ogi import (
    DecodeError,
    ExtractError,
    LimitError,
    OgiError,
    ParseError,
    SourceChangedError,
)
from ogi._report import Explanation, Report
from ogi._vocab import vocabulary
from ogi._set import FileFailure, ReportSet, read_reports

__version__: str = _ogi.__version__

__all__ = [
    "DecodeError",
    "Explanation",
    "ExtractError",
    "FileFailure",
    "LimitError",
    "OgiError",
    "ParseError",
    "Report",
    "ReportSet",
    "SourceChangedError",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "read_reports",
    "vocabulary",
]


def parse_text(text: str, *, source: str | None = None, max_bytes: int | None = None) -> Report:
    """Parse a report given as text (already decoded).

    Inputs over ``max_bytes`` (64 MiB by default) raise ``ogi.LimitError``.
    """
    return Report(_ogi.parse_text(text, source, max_bytes))


def parse_bytes(
    data: bytes, *, source: str | None = None, max_bytes: int | None = None
) -> Report:
    """Parse a report given as bytes: text or HTML in any supported encoding, a PDF or a Word file.

    Inputs over ``max_bytes`` (64 MiB by default) raise ``ogi.LimitError``.
    """
    return Report(_ogi.parse_bytes(data, source, max_bytes))


def parse_file(path: str | _os.PathLike[str], *, max_bytes: int | None = None) -> Report:
    """Read and parse a report file (text, HTML, PDF or Word).

    Raises ``OSError`` if the file cannot be read, ``ogi.ExtractError`` if a PDF or Word file yields no text,
    ``ogi.LimitError`` if it is larger than ``max_bytes`` (64 MiB by default).
    """
    return Report(_ogi.parse_file(_os.fspath(path), max_bytes))


def __dir__() -> list[str]:
    """The public names only (not the private modules and imports)."""
    return sorted([*__all__, "__version__"])
