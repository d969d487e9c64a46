#!/usr/bin/env python3
"""Write `html_grids` inputs as the whole pages that target parses, to seed the byte targets.

`html_grids` puts its input inside a fixed page (see `fuzz_targets/html_grids.rs`), so its corpus
reaches the HTML renderer and the table readers in ways `parse_bytes` and `round_trip`, which
read raw bytes, take long to find. Written out as pages, its inputs can be merged into theirs:

    python3 wrap_pages.py corpus/html_grids /tmp/pages
    ./target/x86_64-unknown-linux-gnu/release/parse_bytes -merge=1 -max_len=4096 \\
        corpus/parse_bytes /tmp/pages

The page is read from the target's source, so the two cannot drift apart.
"""

import argparse
import pathlib
import re

TARGET = pathlib.Path(__file__).parent / "fuzz_targets" / "html_grids.rs"


def page_template() -> tuple[str, str]:
    """The text before and after `{body}` in the target's `format!`."""
    source = TARGET.read_text(encoding="utf-8")
    found = re.search(r'format!\("(.*?)\{body\}(.*?)"\)', source)
    if found is None:
        raise SystemExit(f"no `format!(\"…{{body}}…\")` in {TARGET}")
    return found.group(1), found.group(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path, help="html_grids' corpus folder")
    parser.add_argument("out", type=pathlib.Path, help="folder to write the pages to")
    args = parser.parse_args()
    before, after = page_template()
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in sorted(args.corpus.iterdir()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # a running fuzzer removed it
            continue
        # The target reads its input with `String::from_utf8_lossy`, as `replace` does here.
        body = data.decode("utf-8", "replace")
        (args.out / path.name).write_bytes((before + body + after).encode("utf-8"))
        written += 1
    print(f"{written} pages written to {args.out}")


if __name__ == "__main__":
    main()
