#!/usr/bin/env python3
"""Write small seeds of the hostile shapes into the fuzz corpora.

The hostile inputs (`crates/ogi-core/tests/hostile/`, `crates/ogi-pdf/tests/hostile/`) were
found by generating structures byte mutation reaches only by luck: cells spanning absurd
sizes, formatting elements left open, entity spellings html5ever and a locator could read
differently, floods of markup, numeral runs, Word spans that wrap a u32. This script writes a
version of each shape that fits the fuzzers' 4 KiB inputs, with several parameters, so that the
runs start from them and mutate their parameters:

    python3 hostile_seeds.py          # writes corpus/parse_bytes, html_grids, parse_docx
    python3 hostile_seeds.py --list   # prints the seeds' names and sizes instead

Each seed is named `hostile-<shape>-<n>` so that a corpus minimisation can be told from them.
The PDF shapes (forms drawing themselves, page-tree loops, absurd predictors) are seeds of
`parse_pdf` already: the hostile PDFs themselves.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 4096
HERE = Path(__file__).resolve().parent


def fit(head: str, unit: str, tail: str) -> str:
    """`unit` repeated between `head` and `tail` as often as 4 KiB allows (at least once)."""
    room = LIMIT - len((head + tail).encode())
    n = max(1, room // max(1, len(unit.encode())))
    return head + unit * n + tail


def span_bombs() -> list[str]:
    out = []
    for rowspan, colspan in [("1000", "100"), ("65534", "1000"), ("2147483647", "2147483647"),
                             ("4294967296", "-1"), ("0", "0"), ("1e9", "99999999999")]:
        cell = f"<td rowspan={rowspan} colspan={colspan}>1</td>"
        out.append(fit("<table><tr>", cell + cell + "</tr><tr>", "</tr></table>"))
    return out


def open_formatting() -> list[str]:
    out = []
    for count, tag in [(64, "b"), (65, "i"), (200, "font")]:
        opened = "".join(f"<{tag} a={i}>" for i in range(count))
        out.append(fit(f"<p>{opened}</p>", "<p>x</p>", ""))
    return out


ENTITIES = ["&trade;", "&copy2019", "&#128;", "&#159;", "&#x80;", "&nbsp;", "&amp;amp;",
            "&#xD800;", "&#99999999;", "&", "&notin;", "&notit;"]


def entity_soups() -> list[str]:
    return [fit("", f"<p>申请{e}件</p>", "") for e in ENTITIES]


def floods() -> list[str]:
    units = ["<script>var a = '<div>';</script><p>x</p>", "<style>p{}</style>", "<div/>",
             "</div>", "<div>", "<table><tr><td>", "<!--", "<![CDATA[", "<td>1</td></tr><tr>"]
    return [fit("<html><body>", u, "</body></html>") for u in units]


def numeral_runs() -> list[str]:
    return [fit("主动公开政府信息", n, "条。") for n in ["一", "〇", "两", "万", "零", "十"]]


def word_documents() -> list[str]:
    out = []
    head = ('<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr>'
            '<w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>m</w:t></w:r></w:p></w:tc></w:tr>')
    tail = "</w:tbl></w:body></w:document>"
    for span in ["4294967295", "1", "64", "-7", "65"]:
        row = (f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge/></w:tcPr><w:p/>'
               "</w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>")
        out.append(fit(head, row, tail))
    before = ('<w:tr><w:trPr><w:gridBefore w:val="4294967295"/></w:trPr><w:tc><w:p><w:r>'
              "<w:t>2</w:t></w:r></w:p></w:tc></w:tr>")
    out.append(fit(head, before, tail))
    return out


def seeds() -> dict[str, list[tuple[str, bytes]]]:
    html = [("span", s) for s in span_bombs()] + [("afe", s) for s in open_formatting()]
    html += [("entity", s) for s in entity_soups()] + [("flood", s) for s in floods()]
    text = [("numeral", s) for s in numeral_runs()]
    word = [("vmerge", s) for s in word_documents()]

    def named(items: list[tuple[str, str]], prefix: bytes = b"") -> list[tuple[str, bytes]]:
        return [(f"hostile-{shape}-{i}", prefix + s.encode()) for i, (shape, s) in enumerate(items)]

    return {
        "parse_bytes": named(html + text + word),
        # html_grids puts its input inside a page and a table: the shapes' markup goes in as is.
        "html_grids": named(html),
        # parse_docx zips its input after the first byte as the document's XML.
        "parse_docx": named(word, prefix=b"\x01"),
    }


def main() -> int:
    listing = "--list" in sys.argv[1:]
    for target, items in seeds().items():
        folder = HERE / "corpus" / target
        for name, data in items:
            assert len(data) <= LIMIT + 64, (name, len(data))
            if listing:
                print(f"{target}/{name}\t{len(data)}")
            else:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
