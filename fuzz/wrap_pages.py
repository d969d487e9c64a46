#!/usr/bin/env python3
"""Write `html_grids` inputs as the whole pages that target parses, to seed the byte targets.

`html_grids` puts its input inside a fixed page (see `fuzz_targets/html_grids.rs`), so its corpus
reaches the HTML renderer and the table readers in ways `parse_bytes` and `round_trip`, which
read raw bytes, take long to find. Written out as pages, its inputs can be merged into theirs:

    python3 wrap_pages.py corpus/html_grids /tmp/pages
    ./target/x86_64-unknown-linux-gnu/release/parse_bytes -merge=1 -max_len=4096 \\
        corpus/parse_bytes /tmp/pages

The page is read from the target's source, so the two cannot drift apart.

`--unwrap` goes the other way: from the inputs of the byte targets that hold a `<table`, it
writes what lies after the first table's opening tag up to the last `</table>` as an
`html_grids` input, to be merged into that corpus the same way (it added 164 edges to it):

    python3 wrap_pages.py --unwrap corpus/parse_bytes corpus/round_trip /tmp/tables
    ./target/x86_64-unknown-linux-gnu/release/html_grids -merge=1 -max_len=4096 \\
        corpus/html_grids /tmp/tables

`--rows` seeds `html_grids` from real pages of any size (the bundled HTML reports): each table,
its markup cut to the bare `<tr>`/`<td>` tags and its text kept, is written in pieces of whole
rows that fit the 4 KiB inputs are limited to, so that every row label of the real tables is
in the corpus, not only those mutation happens to spell:

    python3 wrap_pages.py --rows ../crates/ogi-core/tests/fixtures/*/*.html /tmp/rows
"""

import argparse
import pathlib
import re
from collections.abc import Iterator

TARGET = pathlib.Path(__file__).parent / "fuzz_targets" / "html_grids.rs"


def page_template() -> tuple[str, str]:
    """The text before and after `{body}` in the target's `format!`."""
    source = TARGET.read_text(encoding="utf-8")
    found = re.search(r'format!\("(.*?)\{body\}(.*?)"\)', source)
    if found is None:
        raise SystemExit(f"no `format!(\"…{{body}}…\")` in {TARGET}")
    return found.group(1), found.group(2)


def inputs(folder: pathlib.Path) -> Iterator[tuple[str, str]]:
    """The name of each input of `folder`, and its text as the targets read it."""
    for path in sorted(folder.iterdir()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # a running fuzzer removed it
            continue
        # The targets read their input with `String::from_utf8_lossy`, as `replace` does here.
        yield path.name, data.decode("utf-8", "replace")


TABLE = re.compile(r"<table\b[^>]*>(.*)</table>", re.IGNORECASE | re.DOTALL)
TABLES = re.compile(r"<table\b[^>]*>(.*?)</table>", re.IGNORECASE | re.DOTALL)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
SPAN = re.compile(r"\b(colspan|rowspan)\s*=\s*[\"']?(\d+)", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
MAX_LEN = 4096


CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def page_text(data: bytes) -> str:
    """A page's text, in the charset its markup declares, else UTF-8, else GB 18030 (which takes
    any bytes, so it cannot be tried before a declared Big5)."""
    declared = CHARSET.search(data[:4096])
    encodings = [declared.group(1).decode("ascii")] if declared else []
    for encoding in [*encodings, "utf-8", "gb18030"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def bare_rows(page: str) -> Iterator[list[str]]:
    """Each table of `page` as its rows, each row as bare markup: `<td colspan=2>text</td>…`."""
    for table in TABLES.finditer(page):
        rows = []
        for row in ROW.finditer(table.group(1)):
            cells = []
            for tag, attrs, body in CELL.findall(row.group(1)):
                spans = "".join(f" {k.lower()}={v}" for k, v in SPAN.findall(attrs))
                text = " ".join(TAG.sub(" ", body).replace("&nbsp;", " ").split())
                cells.append(f"<{tag.lower()}{spans}>{text}</{tag.lower()}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        yield rows


def pieces(rows: list[str]) -> Iterator[str]:
    """Runs of whole rows, each under [`MAX_LEN`] bytes (a longer row alone is left out)."""
    piece = ""
    for row in rows:
        if len(piece.encode()) + len(row.encode()) > MAX_LEN:
            if piece:
                yield piece
            piece = ""
        if len(row.encode()) <= MAX_LEN:
            piece += row
    if piece:
        yield piece


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", type=pathlib.Path, nargs="+", help="corpus folders (with --rows: pages)"
    )
    parser.add_argument("out", type=pathlib.Path, help="folder to write to")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--unwrap",
        action="store_true",
        help="write the tables of the byte targets' pages as html_grids inputs",
    )
    mode.add_argument(
        "--rows",
        action="store_true",
        help="write the tables of real pages, in pieces of whole rows, as html_grids inputs",
    )
    args = parser.parse_args()
    before, after = page_template()
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    if args.rows:
        for page in args.corpus:
            for t, rows in enumerate(bare_rows(page_text(page.read_bytes()))):
                for i, piece in enumerate(pieces(rows)):
                    (args.out / f"{page.stem}-t{t}-{i}").write_bytes(piece.encode("utf-8"))
                    written += 1
        print(f"{written} inputs written to {args.out}")
        return
    for corpus in args.corpus:
        for name, text in inputs(corpus):
            if args.unwrap:
                found = TABLE.search(text)
                if found is None:
                    continue
                out = found.group(1)
            else:
                out = before + text + after
            (args.out / f"{corpus.name}-{name}").write_bytes(out.encode("utf-8"))
            written += 1
    print(f"{written} {'inputs' if args.unwrap else 'pages'} written to {args.out}")


if __name__ == "__main__":
    main()
