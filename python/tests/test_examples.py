"""The examples users run keep running."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_notebook_walkthrough_runs_and_saves_its_plot(tmp_path: Path) -> None:
    script = ROOT / "examples" / "notebooks" / "walkthrough.py"
    out = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "ReportSet reports=" in out.stdout
    assert "requests.new_received.total =" in out.stdout
    png = tmp_path / "requests_by_outcome.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
