"""What the installed distribution carries, and which ogi the tests import."""

from __future__ import annotations

import os
from importlib.metadata import distribution
from pathlib import Path

import pytest

import ogi

REPO = Path(__file__).resolve().parents[2]

# pyproject.toml's license-files: the project's two licences, the one of the bundled OpenCC
# tables and the one of the bundled list of administrative divisions.
LICENCES = [
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "crates/ogi-core/data/opencc/LICENSE",
    "crates/ogi-model/data/LICENSE-cpca",
]


def test_the_distribution_carries_its_licences() -> None:
    dist = distribution("ogi")
    assert dist.metadata["License-Expression"] == "MIT OR Apache-2.0"
    assert sorted(dist.metadata.get_all("License-File") or []) == sorted(LICENCES)
    installed = {f.as_posix(): f for f in dist.files or []}
    for name in LICENCES:
        found = [f for path, f in installed.items() if path.endswith(f"licenses/{name}")]
        assert len(found) == 1, f"{name} is not in the installed distribution"
        text = Path(str(dist.locate_file(found[0]))).read_text(encoding="utf-8")
        assert text == (REPO / name).read_text(encoding="utf-8")


@pytest.mark.skipif(
    not os.environ.get("OGI_TEST_WHEEL"), reason="only where make test installs the wheel"
)
def test_the_tests_import_the_installed_wheel() -> None:
    package = Path(ogi.__file__).resolve().parent
    assert not package.is_relative_to(REPO / "python"), package
    assert package.parent.name == "site-packages"
    assert Path(ogi._ogi.__file__).resolve().parent == package
