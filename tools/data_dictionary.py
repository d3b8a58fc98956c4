"""`make docs`: docs/data-dictionary.md from the schemas in pipeline/tables.py.

    .venv/bin/python tools/data_dictionary.py > docs/data-dictionary.md

A script rather than `python -m pipeline.tables`, so that the library prints nothing."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's schemas

from pipeline.tables import data_dictionary

if __name__ == "__main__":
    print(data_dictionary(), end="")
