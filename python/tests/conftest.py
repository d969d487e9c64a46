"""Shared fixtures: the real reports bundled with the Rust tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import ogi

FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "ogi-core" / "tests" / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed002() -> ogi.Report:
    """昭通市政务服务管理局 2020: the 2019 template, tables as `|`-joined rows."""
    return ogi.parse_file(FIXTURES / "seeds" / "002_c41c9a6468e2aa6e.txt")


@pytest.fixture(scope="session")
def seed004() -> ogi.Report:
    """A 2016 report with the legacy 统计表 printed one cell per line."""
    return ogi.parse_file(FIXTURES / "seeds" / "004_d0ad4e6dd563e698.txt")


def cell(report: ogi.Report, table: str, row: str, column: str) -> dict:
    """The tidy row at (table, row, column); fails the test if absent."""
    for c in report.cells():
        if (c["table"], c["row"], c["column"]) == (table, row, column):
            return c
    raise AssertionError(f"no cell {table}/{row}/{column}")
