"""The link check of the API reference (tools/check_links.py) finds what is broken."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_links.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_links", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_broken_links_and_anchors_are_listed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        "<a href='sub/page.html#there'>ok</a>\n"
        "<a href='#top' id='top'>ok</a>\n"
        "<a href='https://example.org/absent.html'>not followed</a>\n"
        "<a href='sub/page.html#nowhere'>no anchor</a>\n"
        "<link rel='stylesheet' href='style.css'>\n"
        "<a href='../outside.html'>outside</a>\n"
        "<meta http-equiv='refresh' content='0; url=./gone.html'>\n",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text(
        "<h1 id='there'>x</h1><a href='../index.html#top'>back</a><a name='old'></a>"
        "<a href='#old'>named</a>",
        encoding="utf-8",
    )
    pages, checked, broken = load().broken_links(tmp_path)
    assert (pages, checked) == (2, 8)
    assert [b.split(" (")[0] for b in broken] == [
        "index.html:4: sub/page.html#nowhere",
        "index.html:5: style.css",
        "index.html:6: ../outside.html",
        "index.html:7: ./gone.html",
    ]


def test_a_folder_without_pages_fails(tmp_path: Path, capsys) -> None:
    assert load().main([str(tmp_path)]) == 1
    assert "no HTML page" in capsys.readouterr().err
