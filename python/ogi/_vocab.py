"""The vocabulary of the template registry: every table's rows and columns."""

from __future__ import annotations

from functools import cache
from typing import Any

from ogi import _ogi


@cache
def vocabulary() -> dict[str, Any]:
    """Every table's rows and columns as ``(key, label)`` pairs in template order.

    ``vocabulary()["requests"]["registry"]`` holds the template registry's entries for the
    table: ``{"rows": [...], "columns": [...]}``, each a dict with ``key``, ``label``,
    ``aliases`` (other labels reports print), ``generations`` (``"2019"``, ``"2021"``,
    ``"legacy"``: the templates that print it) and ``unit``.
    """
    return _ogi.vocabulary()
