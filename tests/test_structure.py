"""The package's shape: every arrow points down (the archive package, the I/O with an
archive, imports from the pipeline only the records, the errors, the settings and itself;
WARC reading and writing never needs it), the library never prints, commands import what
they use when they run, and every declared dependency is used."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / "pipeline"
SAMPLE = ROOT / "raw" / "sample"


def modules() -> list[Path]:
    return sorted(PIPELINE.rglob("*.py"))


def test_only_the_command_line_prints():
    """cli.py prints and chooses exit codes; the library returns records and strings."""
    found = []
    for path in modules():
        if path == PIPELINE / "cli.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            printing = isinstance(node, ast.Call) and (
                isinstance(node.func, ast.Name) and node.func.id == "print"
            )
            streams = (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr")
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            )
            if printing or streams:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "the library prints (cli.py is where output goes)"


def run_python(code: str, cwd: Path = ROOT) -> str:
    """The last line code prints, run by a fresh interpreter on this checkout."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{code}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


HEAVY = ("pandas", "pyarrow", "dask", "distributed", "duckdb", "requests", "cdxj_indexer")


def test_the_command_line_and_its_help_load_no_heavy_library():
    loaded = run_python(
        "import pipeline.cli\n"
        "try:\n"
        "    pipeline.cli.main(['extract', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == "[]"


def test_extract_never_imports_requests(tmp_path):
    """Offline extraction needs no HTTP client: discovery and fetching are imported only
    by the commands that ask the archive."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE / "iom-offices-sample.warc.gz", raw)
    args = ["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out"), "--quiet"]
    said = run_python(
        "import json\n"
        "from pipeline.cli import main\n"
        f"code = main({args!r})\n"
        "print(json.dumps([code, 'requests' in sys.modules]))",
        cwd=tmp_path,
    )
    assert json.loads(said) == [0, False]
    assert (tmp_path / "out" / "items.parquet").exists()


# Distributions whose import name is not their name with '_' for '-'.
IMPORT_NAMES = {"beautifulsoup4": "bs4"}
# Declared for what another dependency loads by name, never imported here.
LOADED_BY_ANOTHER = {
    "pymorphy3-dicts-ru": "pymorphy3",  # its Russian dictionaries
}


def declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9._-]+", d).group(0).lower() for d in project["dependencies"]]


def imported_in_pipeline() -> set[str]:
    names = set()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_declared_dependency_is_imported_by_the_pipeline():
    imported = imported_in_pipeline()
    unused = []
    for name in declared():
        needed_by = LOADED_BY_ANOTHER.get(name)
        module = needed_by or IMPORT_NAMES.get(name, name.replace("-", "_"))
        if module not in imported:
            unused.append(name)
    assert unused == [], "declared in pyproject.toml but imported nowhere in pipeline/"


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
