"""The field rows of every item read before, kept beside the parts: fields run once per
distinct item, not once per run.

Rows are keyed by events.field_key: a digest of the item's title, text, reference date
and the pipeline's code. Items are merged across WARC files, so one cache for the whole
collection (not one per part) is what stays right when a file is added or removed: an
item whose text or reference date changed has another key. Each run writes back only
the entries it used, so the cache holds the current collection's items and no more; it
is written to a temporary name and renamed, and `--rebuild` starts without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import tables
from pipeline.events import FieldRows, field_key, field_rows
from pipeline.parts import code_fingerprint
from pipeline.records import Item

log = logging.getLogger(__name__)

CACHE_NAME = "fields.parquet"


def cache_schema() -> pa.Schema:
    """A row per key, a list column per field table (its columns but item_id)."""
    lists = [
        pa.field(
            name,
            # source is set after the cache: corrections are applied to every run's rows.
            pa.list_(
                pa.struct([f for f in tables.SCHEMAS[name] if f.name not in ("item_id", "source")])
            ),
        )
        for name in tables.FIELD_TABLES
    ]
    return pa.schema([pa.field("key", pa.string()), *lists]).with_metadata(
        {"code": code_fingerprint()}
    )


class FieldCache:
    """Field rows by key: found in the cache file, else computed; counts both."""

    def __init__(
        self, path: Path, *, use_cached: bool = True, aliases: Mapping[str, str] | None = None
    ) -> None:
        self.path = path
        self.aliases = aliases
        self.known = _read(path) if use_cached else {}
        self.used: dict[str, FieldRows] = {}
        self.computed = 0
        self.cached = 0

    def rows(self, item: Item) -> FieldRows:
        key = field_key(item, self.aliases)
        if key in self.used:
            self.cached += 1
        elif key in self.known:
            self.used[key] = self.known[key]
            self.cached += 1
        else:
            self.used[key] = field_rows(item, self.aliases)
            self.computed += 1
        return self.used[key]

    def save(self) -> None:
        schema = cache_schema()
        rows = [{"key": key, **by_table} for key, by_table in self.used.items()]
        partial = self.path.with_name(f".{self.path.name}.partial")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), partial)
        os.replace(partial, self.path)


def _read(path: Path) -> dict[str, FieldRows]:
    """The cached rows, or none when the file is missing, unreadable or made by other code
    (its keys could not match anyway)."""
    if not path.exists():
        return {}
    try:
        found, wanted = pq.read_schema(path), cache_schema()
        if (
            not found.equals(wanted)
            or (found.metadata or {}).get(b"code") != wanted.metadata[b"code"]
        ):
            return {}
        rows = pq.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        log.warning("ignoring the field cache %s: %s", path, exc)
        return {}
    return {row.pop("key"): row for row in rows}
