"""How completely a report's tables were read: the coverage list as the model gives it."""

from __future__ import annotations

from typing import Any


def coverage_text(coverage: list[dict[str, Any]]) -> str:
    """``requests 180/189`` for each table not fully read, or ``complete``."""
    partial = [c for c in coverage if not table_complete(c)]
    if not coverage:
        return "no template table"
    if not partial:
        return "complete"
    return ", ".join(
        f"{c['table']} {c['read']}/{c['expected']}" + (" announced" if c["read"] == 0 else "")
        for c in partial
    )


def table_complete(c: dict[str, Any]) -> bool:
    """As the model's ``Coverage::is_complete``."""
    return not c["missing"] and c["read"] == c["expected"] and not (
        c["read"] == 0 and (c["expected"] > 0 or c.get("announced") is not None)
    )
