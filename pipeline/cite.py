"""`iom-pipeline cite ITEM_ID`: a citation of one item from the tables, in plain text,
BibTeX or CSL-JSON (citation.py formats it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.citation import Citation, fullest_capture
from pipeline.errors import ConfigError
from pipeline.tables import current_tables, version_problem


def find_citation(out_dir: Path, item_id: str) -> Citation:
    """The citation of the item whose id is item_id, or begins with it (unambiguously)."""
    folder = current_tables(out_dir)  # resolved once: both tables of one run
    items_path, captures_path = folder / "items.parquet", folder / "item_captures.parquet"
    if not items_path.exists() or not captures_path.exists():
        raise ConfigError(f"no tables in {out_dir}: run `iom-pipeline extract` first")
    problem = version_problem(folder, ("items", "item_captures"))
    if problem:
        raise ConfigError(problem)
    columns = ["item_id", "title", "url", "office", "first_seen", "last_seen", "n_captures"]
    items = _read(items_path, columns=columns)
    found = [i for i in items if i["item_id"] == item_id] or [
        i for i in items if item_id and i["item_id"].startswith(item_id)
    ]
    if not found:
        raise ConfigError(f"no item {item_id!r} in {items_path}")
    if len(found) > 1:
        raise ConfigError(f"{item_id!r} begins {len(found)} item ids; give more of it")
    item = found[0]
    captures = _read(captures_path, filters=[("item_id", "==", item["item_id"])])
    if not captures:
        raise ConfigError(f"item {item['item_id']} has no captures in {captures_path}")
    cited = fullest_capture(captures, item["url"])
    return Citation(
        item_id=item["item_id"],
        title=item["title"],
        office=item["office"],
        url=item["url"],
        first_seen=item["first_seen"],
        last_seen=item["last_seen"],
        n_captures=item["n_captures"],
        captured=cited["timestamp"],
        replay_url=cited["replay_url"],
    )


def _read(path: Path, **options: Any) -> list[dict[str, Any]]:
    try:
        return pq.read_table(path, **options).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        what = str(exc).strip().partition("\n")[0]  # Arrow's message may go on for lines
        raise ConfigError(f"cannot read {path}: {what}; run `iom-pipeline extract`") from exc
