"""Python batch against the CLI on the same files: ``python benches/python_batch.py [COPIES]``.

Copies the real reports bundled with the tests COPIES times (default 40) into a temporary
folder, then times, best of five runs, on all cores:

- ``ogi parse --format tidy DIR > /dev/null`` (the release CLI, built first if missing), and
- ``ogi.read_reports(DIR, progress=False)`` (the Python package as installed, e.g. by
  ``make setup``).

Both read and parse every file; the CLI also writes the tidy CSV, the Python side builds a
``Report`` per file. Prints both times, files per second and MB/s, and the ratio Python / CLI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ogi

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "crates" / "ogi-core" / "tests" / "fixtures"
CLI = ROOT / "target" / "release" / "ogi"
RUNS = 5


def best(f: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        f()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    if not CLI.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "ogi-cli"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = [
            p
            for d in ("seeds", "corpus", "unlabeled")
            for p in sorted((FIXTURES / d).iterdir())
            if p.suffix in (".txt", ".html")
        ]
        for i in range(copies):
            folder = root / f"copy{i:03}"
            folder.mkdir()
            for p in sources:
                shutil.copy(p, folder / p.name)
        files = copies * len(sources)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6

        def cli() -> None:
            with open("/dev/null", "wb") as null:
                subprocess.run([str(CLI), "parse", "--format", "tidy", str(root)], stdout=null, check=True)

        def python() -> None:
            rs = ogi.read_reports(root, progress=False)
            assert len(rs) == files, (len(rs), rs.errors[:3])

        python()  # Warm the page cache and the module.
        t_cli, t_py = best(cli), best(python)
        print(f"{files} files, {size:.1f} MB")
        for name, t in (("CLI ogi parse --format tidy", t_cli), ("Python read_reports", t_py)):
            print(f"{name:30} {t:7.3f} s  {files / t:8.0f} files/s  {size / t:6.1f} MB/s")
        print(f"Python / CLI: {t_py / t_cli:.2f}")


if __name__ == "__main__":
    main()
