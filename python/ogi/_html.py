"""Notebook display: a report's tables drawn as the report prints them.

Blank cells are visible as blanks (not zeros), cells not read are marked, and the cells of
failing checks are highlighted with the checks named in their tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ogi._coverage import coverage_text, table_complete
from ogi._vocab import vocabulary

if TYPE_CHECKING:
    from ogi._report import Report

STYLE = """<style>
.ogi{font-family:system-ui,sans-serif;font-size:13px}
.ogi table{border-collapse:collapse;margin:4px 0 12px}
.ogi th,.ogi td{border:1px solid #ccc;padding:2px 6px}
.ogi td.n{text-align:right;font-variant-numeric:tabular-nums}
.ogi td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eee 3px,#eee 6px)}
.ogi td.missing{color:#bbb;text-align:center}
.ogi td.marker{text-align:center;color:#555}
.ogi td.fail{background:#fdd;outline:2px solid #c00}
.ogi td.soft{background:#ffe9c7}
.ogi .fails{color:#b00}
.ogi caption{text-align:left;font-weight:bold;padding:4px 0}
</style>"""


def _meta_value(meta: dict[str, Any], key: str) -> Any:
    v = meta.get(key)
    return v.get("value") if isinstance(v, dict) else v


def _flagged(report: Report) -> dict[tuple[str, str, str], tuple[str, list[str]]]:
    """Cells of failing checks: ``(table, row, column) → (class, check ids)``."""
    out: dict[tuple[str, str, str], tuple[str, list[str]]] = {}
    for check in report.failed_checks():
        cls = "soft" if check["soft"] else "fail"
        for c in check["cells"]:
            key = (c["table"], c["row"], c["column"])
            prev_cls, ids = out.get(key, (cls, []))
            ids.append(check["id"])
            out[key] = ("fail" if "fail" in (prev_cls, cls) else "soft", ids)
    return out


def _cell(cell: dict[str, Any] | None, flag: tuple[str, list[str]] | None) -> str:
    classes: list[str] = []
    title = ""
    if cell is None:
        classes.append("missing")
        text = "·"
        title = "not read"
    elif cell["kind"] == "blank":
        classes.append("blank")
        text = ""
        title = "blank in the report"
    elif cell["kind"] == "marker":
        classes.append("marker")
        text = escape(str(cell["value"]))
        title = "a marker printed in the cell"
    else:
        classes.append("n")
        v = cell["value"]
        text = escape(f"{v:,}" if isinstance(v, int) else str(v))
        if cell["approximate"]:
            text = "≈" + text
            title = "approximate"
    if flag is not None:
        classes.append(flag[0])
        title = (title + "; " if title else "") + "fails " + ", ".join(flag[1])
    span = ""
    if cell is not None and cell["span"] is not None:
        span = f" data-span='{cell['span'][0]}-{cell['span'][1]}'"
    return f"<td class='{' '.join(classes)}' title='{escape(title)}'{span}>{text}</td>"


def _table(
    name: str,
    cells: dict[tuple[str, str], dict[str, Any]],
    flags: dict[tuple[str, str, str], tuple[str, list[str]]],
) -> str:
    voc = vocabulary()[name]
    rows_present = {r for r, _ in cells}
    cols_present = {c for _, c in cells}
    labels = dict(voc["rows"])
    rows = [r for r, _ in voc["rows"] if r in rows_present]
    rows += sorted(rows_present - set(rows))  # legacy rows outside the national form
    columns = [(c, label) for c, label in voc["columns"] if c in cols_present]
    head = "".join(f"<th title='{escape(c)}'>{escape(label)}</th>" for c, label in columns)
    if [c for c, _ in columns] == ["value"]:
        head = "<th>数值</th>"
    body = []
    for r in rows:
        label = labels.get(r, r.removeprefix("unlisted:"))
        tds = "".join(_cell(cells.get((r, c)), flags.get((name, r, c))) for c, _ in columns)
        body.append(f"<tr><th style='text-align:left' title='{escape(r)}'>{escape(label)}</th>{tds}</tr>")
    return (
        f"<table><caption>{escape(voc['label'])} <code>{escape(name)}</code></caption>"
        f"<tr><th></th>{head}</tr>{''.join(body)}</table>"
    )


def _coverage_html(coverage: Sequence[dict[str, Any]]) -> str:
    """One line on how much of each table was read; the missing rows of those not fully read."""
    if not coverage:
        return ""
    partial = [c for c in coverage if not table_complete(c)]
    if not partial:
        tables = ", ".join(f"{c['table']} {c['read']}/{c['expected']}" for c in coverage)
        return f"<div>Every table read in full: {escape(tables)}.</div>"
    items = []
    for c in partial:
        rows = list(dict.fromkeys(row for row, _ in c["missing"]))
        what = (
            "announced, nothing read"
            if c["read"] == 0
            else f"{c['read']} of {c['expected']} cells read; missing rows: {', '.join(rows)}"
        )
        items.append(f"<li><code>{escape(c['table'])}</code>: {escape(what)}</li>")
    return f"<div class='fails'>Tables not fully read:<ul>{''.join(items)}</ul></div>"


def report_html(report: Report) -> str:
    """The report as HTML: a header line, failing checks, then every table read."""
    meta = report.meta
    cells = report.cells()
    flags = _flagged(report)
    by_table: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for c in cells:
        if c["table"] != "meta":
            by_table.setdefault(c["table"], {})[(c["row"], c["column"])] = c
    agency = _meta_value(meta, "agency") or "agency not found"
    year = _meta_value(meta, "year") or "year not found"
    parts = [STYLE, "<div class='ogi'>"]
    parts.append(
        f"<div><b>{escape(str(agency))}</b> · {escape(str(year))} · format "
        f"{escape(str(meta['format']))} · {escape(report.source or '')}</div>"
    )
    parts.append(_coverage_html(report.coverage))
    failed = report.failed_checks()
    if failed:
        items = "".join(
            f"<li><code>{escape(c['id'])}</code>{' (soft)' if c['soft'] else ''}: "
            f"{c['lhs']} ≠ {c['rhs']}{escape(' — ' + c['hint']) if c.get('hint') else ''}</li>"
            for c in failed
        )
        parts.append(f"<div class='fails'>Failing checks:<ul>{items}</ul></div>")
    else:
        n = sum(1 for c in report.checks if c["status"] == "pass")
        parts.append(f"<div>No assessable check fails ({n} pass).</div>")
    for name in ("proactive", "requests", "review_litigation", "legacy", "narrative"):
        if name in by_table:
            parts.append(_table(name, by_table[name], flags))
    diags = report.diagnostics
    if diags:
        items = "".join(
            f"<li>{escape(d['severity'])} <code>{escape(d['code'])}</code>: {escape(d['message'])}</li>"
            for d in diags
        )
        parts.append(f"<details><summary>{len(diags)} diagnostics</summary><ul>{items}</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def set_html(
    reports: Sequence[Report],
    errors: Sequence[Any],
    limit: int = 50,
    duplicates: dict[tuple[str, int], list[Report]] | None = None,
) -> str:
    """The counts by status (ok, partial, failed: the files that gave no report), the agency
    × year pairs read twice, then a summary row per report: source, agency, agency key, year,
    format, status, coverage, cells, failing checks."""
    rows = []
    for r in reports[:limit]:
        meta = r.meta
        n = sum(1 for c in r.cells() if c["table"] != "meta")
        hard = len(r.failed_checks(soft=False))
        cls = " class='fail'" if hard else ""
        rows.append(
            f"<tr><td>{escape(r.source or '')}</td><td>{escape(str(_meta_value(meta, 'agency') or ''))}</td>"
            f"<td>{escape(str(meta.get('agency_key') or ''))}</td>"
            f"<td>{escape(str(_meta_value(meta, 'year') or ''))}</td><td>{escape(str(meta['format']))}</td>"
            f"<td>{escape(r.status)}</td><td>{escape(coverage_text(r.coverage))}</td>"
            f"<td class='n'>{n}</td><td class='n'{cls}>{hard}</td></tr>"
        )
    more = f"<div>… and {len(reports) - limit} more</div>" if len(reports) > limit else ""
    errs = ""
    if errors:
        items = "".join(f"<li>{escape(str(e))}</li>" for e in errors)
        errs = f"<details><summary>{len(errors)} files not read</summary><ul>{items}</ul></details>"
    ok = sum(1 for r in reports if r.status == "ok")
    partial = sum(1 for r in reports if r.status == "partial")
    counts = f"{len(reports)} reports: {ok} ok, {partial} partial, {len(errors)} failed"
    if duplicates:
        pairs = "; ".join(f"{agency} {year} ×{len(rs)}" for (agency, year), rs in duplicates.items())
        counts += f"</div><div class='fails'>Read twice or more (agency key × year): {escape(pairs)}"
    return (
        f"{STYLE}<div class='ogi'><div>{counts}</div><table>"
        "<tr><th>source</th><th>agency</th><th>agency key</th><th>year</th><th>format</th><th>status</th>"
        "<th>coverage</th><th>cells</th>"
        f"<th>failing checks</th></tr>{''.join(rows)}</table>{more}{errs}</div>"
    )
