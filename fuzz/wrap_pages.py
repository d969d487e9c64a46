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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path, nargs="+", help="corpus folders")
    parser.add_argument("out", type=pathlib.Path, help="folder to write to")
    parser.add_argument(
        "--unwrap",
        action="store_true",
        help="write the tables of the byte targets' pages as html_grids inputs",
    )
    args = parser.parse_args()
    before, after = page_template()
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
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
