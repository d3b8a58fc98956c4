"""`make notebooks`: execute every notebook against processed/ (or IOM_PROCESSED), writing
executed copies to notebooks/executed/ so the committed notebooks stay without outputs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def execute(path: Path, processed: Path) -> nbformat.NotebookNode:
    book = nbformat.read(path, as_version=4)
    os.environ["IOM_PROCESSED"] = str(processed.resolve())
    # The kernel imports the pipeline beside these notebooks (pipeline.analysis), whichever
    # copy the environment has installed.
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    return book


def main() -> int:
    processed = Path(os.environ.get("IOM_PROCESSED", ROOT / "processed"))
    out = NOTEBOOKS / "executed"
    out.mkdir(exist_ok=True)
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nbformat.write(execute(path, processed), out / path.name)
        print(f"executed {path.name} -> {out / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
