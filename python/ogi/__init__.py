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
    ArrowTable,
    DecodeError,
    ExtractError,
    LimitError,
    OgiError,
    ParseError,
    SourceChangedError,
)
from ogi._report import Explanation, Report
from ogi._vocab import agency_key, vocabulary
from ogi._set import FileFailure, ReportSet, read_reports

__version__: str = _ogi.__version__

__all__ = [
    "parse_text",
    "parse_bytes",
    "parse_file",
    "read_reports",
    "Report",
    "Explanation",
    "ReportSet",
    "FileFailure",
    "ArrowTable",
    "vocabulary",
    "agency_key",
    "OgiError",
    "DecodeError",
    "ExtractError",
    "LimitError",
    "ParseError",
    "SourceChangedError",
]


def parse_text(
    text: str,
    *,
    source: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = 60.0,
) -> Report:
    """Parse a report given as text (already decoded).

    Parameters
    ----------
    text : str
        The report: plain text as scraped from a page, or the page's HTML (read as a browser
        shows it). Spans then count bytes of its UTF-8 encoding.
    source : str, optional
        Where the text came from, kept as `Report.source` and shown by `Report.explain`
        (``<input>`` when ``None``).
    max_bytes : int, optional
        The largest input accepted, in bytes of the UTF-8 encoding (64 MiB when ``None``).
    timeout : float, optional
        The most seconds the parse may take (60 by default; ``None`` for no limit): past it,
        the parse stops and raises `LimitError`.

    Returns
    -------
    Report
        The report. What could not be read, or was read with doubt, is listed in
        `Report.diagnostics` rather than raised.

    Raises
    ------
    DecodeError
        If the text is empty, only whitespace, or binary data.
    LimitError
        If the text is longer than ``max_bytes``, has more lines than any report, or takes
        longer than ``timeout`` to read.

    See Also
    --------
    parse_bytes : The same from bytes in any encoding, a PDF or a Word file.

    Examples
    --------
    >>> import ogi
    >>> report = ogi.parse_text("四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n")
    >>> report.meta["format"], report.source
    ('2019', None)
    >>> ogi.parse_text("")
    Traceback (most recent call last):
    ogi.DecodeError: the input is empty
    """
    return Report(_ogi.parse_text(text, source, max_bytes, timeout))


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = 60.0,
) -> Report:
    """Parse a report given as bytes: text or HTML in any supported encoding, a PDF or a Word file.

    The format and the encoding are found from the bytes themselves (UTF-8, UTF-16 and the
    Chinese legacy encodings GBK/GB18030 and Big5), as `parse_file` finds them.

    Parameters
    ----------
    data : bytes
        The file's bytes (a ``bytearray`` or ``memoryview`` works too).
    source : str, optional
        Where the bytes came from, kept as `Report.source` and shown by `Report.explain`
        (``<input>`` when ``None``).
    max_bytes : int, optional
        The largest input accepted, in bytes (64 MiB when ``None``); a PDF or Word file is
        also refused when it inflates past it.
    timeout : float, optional
        The most seconds the parse may take (60 by default; ``None`` for no limit): past it,
        the parse stops and raises `LimitError`.

    Returns
    -------
    Report
        The report; its spans are byte offsets into ``data`` (for a PDF, into its extracted
        text; for a Word file, into its document XML).

    Raises
    ------
    DecodeError
        If the bytes are empty, only whitespace, or binary data of no format ogi reads.
    ExtractError
        If a PDF or Word file yields no text (damaged, scanned without a text layer), or is
        a format ogi recognises but does not read (an old ``.doc``, an image).
    LimitError
        If the input is larger than ``max_bytes``, inflates past it, has more lines than any
        report, or takes longer than ``timeout`` to read.

    Examples
    --------
    >>> import ogi
    >>> text = "四、政府信息公开行政复议、行政诉讼情况\\n0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\\n"
    >>> report = ogi.parse_bytes(text.encode("gbk"), source="review.txt")
    >>> report.meta["encoding"], report.source
    ('GBK', 'review.txt')
    >>> ogi.parse_bytes(b"%PDF-1.4\\n%%EOF\\n")
    Traceback (most recent call last):
    ogi.ExtractError: ...
    """
    return Report(_ogi.parse_bytes(data, source, max_bytes, timeout))


def parse_file(
    path: str | _os.PathLike[str], *, max_bytes: int | None = None, timeout: float | None = 60.0
) -> Report:
    """Read and parse a report file (text, HTML, PDF or Word).

    The file is read whole, then parsed as `parse_bytes` parses bytes. The report keeps its
    input (the file's bytes; a PDF's extracted text), so `Report.explain` does not read the
    file again.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    max_bytes : int, optional
        The largest file accepted, in bytes (64 MiB when ``None``): a larger one is refused
        before it is read.
    timeout : float, optional
        The most seconds the parse may take (60 by default; ``None`` for no limit): past it,
        the parse stops and raises `LimitError`.

    Returns
    -------
    Report
        The report, with `Report.source` set to ``path``.

    Raises
    ------
    OSError
        If the file cannot be read: ``FileNotFoundError``, ``PermissionError``,
        ``IsADirectoryError``, or an ``OSError`` for a FIFO or device (with ``errno``,
        ``strerror`` and ``filename`` set).
    DecodeError
        If the file is empty, only whitespace, or binary data of no format ogi reads.
    ExtractError
        If a PDF or Word file yields no text, or is a format ogi does not read.
    LimitError
        If the file is larger than ``max_bytes``, inflates past it, has more lines than any
        report, or takes longer than ``timeout`` to read.

    See Also
    --------
    read_reports : Many files, folders or glob patterns at once, in parallel.

    Examples
    --------
    >>> import ogi
    >>> report = ogi.parse_file("crates/ogi-core/tests/fixtures/seeds/002_c41c9a6468e2aa6e.txt")
    >>> report.meta["year"]["value"], report.meta["format"], report.status
    (2020, '2019', 'ok')
    >>> ogi.parse_file("no/such/report.txt")
    Traceback (most recent call last):
    FileNotFoundError: [Errno 2] No such file or directory: 'no/such/report.txt'
    """
    return Report(_ogi.parse_file(_os.fspath(path), max_bytes, timeout))


def __dir__() -> list[str]:
    """The public names only (not the private modules and imports)."""
    return sorted([*__all__, "__version__"])
