"""Every notebook runs on tables extracted from the bundled sample and draws its plot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline import cli

from .conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "tools"))
from run_notebooks import execute

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    assert cli.main(["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


def test_there_are_four_notebooks_committed_without_outputs():
    assert len(NOTEBOOKS) == 4
    for path in NOTEBOOKS:
        assert '"outputs": []' in path.read_text() or '"outputs"' not in path.read_text()
        assert '"execution_count": null' in path.read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_plots(path, processed):
    book = execute(path, processed)
    outputs = [o for cell in book.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot drawn"
