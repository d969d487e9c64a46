#!/usr/bin/env python3
"""Write a libFuzzer dictionary of the words the parser looks for.

The grammar is anchored on Chinese labels (headings, row and column labels, units,
approximation words); a mutator that only flips bytes takes a long time to spell
`本年新收政府信息公开申请数量` by chance. Every string or char literal in ogi-core and ogi-model
that holds a Han character, and fits libFuzzer's 64-byte limit, becomes one entry.

    python3 dict.py > /tmp/ogi.dict
    ./target/x86_64-unknown-linux-gnu/release/parse_bytes -dict=/tmp/ogi.dict corpus/parse_bytes

The markup that built the hostile inputs (`crates/ogi-core/tests/hostile/`) is added too:
self-references and huge spans (`rowspan=1000`, `gridSpan` 4294967295, vertical merges),
entity soups (`&trade;`, `&copy2019`, C1 numbers), `<div/>`, scripts, formatting elements —
so that the byte targets, `html_grids` and `parse_docx` reach those shapes by splicing.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "crates" / "ogi-core" / "src", ROOT / "crates" / "ogi-model" / "src"]
HAN = re.compile(r"[\u3400-\u9fff]")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'([^\'\\\n])\'')
MAX_BYTES = 64  # libFuzzer ignores longer dictionary entries


def words() -> list[str]:
    found: set[str] = set()
    for root in SOURCES:
        for path in sorted(root.rglob("*.rs")):
            for m in LITERAL.finditer(path.read_text(encoding="utf-8")):
                word = m.group(1) if m.group(1) is not None else m.group(2)
                if "\\" in word or not HAN.search(word):
                    continue
                if len(word.encode("utf-8")) <= MAX_BYTES:
                    found.add(word)
    return sorted(found)


# The shapes the hostile inputs were built from (see the docstring).
HOSTILE = [
    'rowspan="1000"', 'colspan="100"', "rowspan=0", "colspan=99999", "<td rowspan=1000 colspan=100>",
    "&trade;", "&copy2019", "&#128;", "&#159;", "&#x80;", "&nbsp", "&amp", "&#0;",
    "<div/>", "</span>", "<script>", "</script>", "<style>", "<!--", "-->",
    "<b a=1>", "<i>", "<font>", "<p>", "</p>", "<table>", "<tr>", "<td>", "</td>",
    "<w:tbl>", "<w:tr>", "<w:tc>", "</w:tc>", "<w:p>", "<w:t>", "</w:t>",
    '<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:gridSpan w:val="4294967295"/>',
    '<w:gridBefore w:val="64"/>', "<w:instrText>", "<w:br/>", "<w:tab/>",
    "一一一一一一一一", "〇", "亿", "万",
    # The PDF shapes: forms that draw forms, page-tree links, predictor sizes, filters.
    "/XObject", "/Subtype /Form", "/X0 Do", " Do ", "/Resources", "/Parent", "/Kids", "/Count",
    "/Predictor 12", "/Columns 2147483647", "/Colors 255", "/BitsPerComponent 16",
    "/DecodeParms", "/FlateDecode", "/Filter", "/Contents", "/Rotate 90", "/MediaBox",
]


def entry(word: str) -> str:
    return '"' + "".join(f"\\x{b:02x}" for b in word.encode("utf-8")) + '"'


def main() -> None:
    for word in words() + HOSTILE:
        sys.stdout.write(entry(word) + "\n")


if __name__ == "__main__":
    main()
