"""Every arrow points down: the archive package (the I/O with an archive) imports from the
pipeline only the records, the errors, the settings and itself; WARC reading and writing
never needs it, so offline extraction never loads requests."""

from __future__ import annotations

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"
ARCHIVE_MAY_IMPORT = ("pipeline.records", "pipeline.errors", "pipeline.config")


def imported(path: Path) -> set[str]:
    """Every module a file imports (`from pipeline import warc` counts as pipeline.warc),
    wherever in the file the import is (a function's lazy import too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def from_pipeline(path: Path) -> set[str]:
    """The pipeline's own modules a file imports; a name imported from a module
    (`from pipeline.records import Capture`) counts as that module."""
    modules = {
        p.relative_to(PIPELINE.parent).with_suffix("").as_posix().replace("/", ".")
        for p in PIPELINE.rglob("*.py")
    }
    modules = {m.removesuffix(".__init__") for m in modules}
    return {name for name in imported(path) if name in modules and name != "pipeline"}


def test_the_archive_package_imports_only_records_errors_config_and_itself():
    files = sorted((PIPELINE / "archive").glob("*.py"))
    assert files
    for path in files:
        wrong = {
            name
            for name in from_pipeline(path)
            if name not in ARCHIVE_MAY_IMPORT and not name.startswith("pipeline.archive")
        }
        assert not wrong, (path.name, sorted(wrong))


def test_warc_does_not_import_the_archive_package():
    assert not {n for n in imported(PIPELINE / "warc.py") if n.startswith("pipeline.archive")}
