"""Fail on any link of a generated HTML site that does not resolve.

    python tools/check_links.py target/api

Every ``href`` and ``src`` of every ``.html`` file under the folder, and the target of a
``<meta http-equiv="refresh">``, is checked: a relative path must name a file under the
folder, and a ``#fragment`` must be the ``id`` (or ``<a name>``) of an element of the page it
points to. Links with a scheme (``https:``, ``mailto:``, ``data:``…)
are not followed. Standard library only.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    """The anchors a page defines and the links it holds, with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in ("href", "src"):
                self.links.append((line, value))
        # A redirecting page (`<meta http-equiv="refresh" content="0; url=./ogi.html">`).
        fields = dict(attrs)
        if tag == "meta" and (fields.get("http-equiv") or "").lower() == "refresh":
            _, _, url = (fields.get("content") or "").partition("url=")
            if url:
                self.links.append((line, url.strip()))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(root: Path) -> tuple[int, int, list[str]]:
    """``(pages, links checked, one line per broken link)`` for the HTML files under ``root``."""
    root = root.resolve()
    pages = {p.resolve(): _parse(p) for p in sorted(root.rglob("*.html"))}
    checked = 0
    broken: list[str] = []
    for path, page in pages.items():
        for line, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            where = f"{path.relative_to(root)}:{line}: {link}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_relative_to(root):
                broken.append(f"{where} (outside {root})")
            elif not target.is_file():
                broken.append(f"{where} (no such file)")
            elif parts.fragment:
                anchors = pages[target].anchors if target in pages else set()
                if unquote(parts.fragment) not in anchors:
                    broken.append(f"{where} (no anchor #{parts.fragment})")
    return len(pages), checked, broken


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[0])
    pages, checked, broken = broken_links(root)
    if pages == 0:
        print(f"no HTML page under {root}", file=sys.stderr)
        return 1
    for b in broken:
        print(b, file=sys.stderr)
    print(f"{pages} pages, {checked} relative links and anchors, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
