"""WARC files -> the tables: a cached part per WARC file, then the tables assembled from
the parts, so an incremental run and a full rebuild give the same tables.

Assembly keeps the first copy of each capture and each document (in the order of the
WARC files), reads every capture's items from the sightings of its payload, merges them
across captures, and reads each merged item's fields once: the field rows of an item
already read (same title, text, reference date and code) come from the field cache
beside the parts (fieldcache.py).
"""

from __future__ import annotations

import heapq
import logging
import shutil
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import tables, warc
from pipeline.corrections import apply as apply_corrections
from pipeline.errors import StoredDataError
from pipeline.events import item_tables
from pipeline.events import load as load_field_layer
from pipeline.fieldcache import CACHE_NAME, FieldCache
from pipeline.items import Seen, merge
from pipeline.parallel import Execution, read_parts
from pipeline.parts import Part, prune
from pipeline.records import (
    HTML_TYPES,
    Correction,
    Extraction,
    Failure,
    Item,
    ItemSighting,
    Progress,
    no_progress,
)

log = logging.getLogger(__name__)

PARTS_FOLDER = ".parts"
CAPTURE_KEY = ("url", "timestamp", "digest")


def extract(
    inputs: list[tuple[Path, str]],
    out: Path,
    run_id: str,
    *,
    rebuild: bool = False,
    progress: Progress = no_progress,
    aliases: Mapping[str, str] | None = None,
    corrections: list[Correction] | None = None,
    fetch_failures: list[Failure] | None = None,
    max_body_bytes: int = warc.DEFAULT_MAX_BODY_BYTES,
    execution: Execution | None = None,
) -> Extraction:
    """The tables of these WARC files, made current in out/ as one generation (with
    failures.parquet: what extraction could not read, then fetch_failures)."""
    cache = out / PARTS_FOLDER
    if rebuild:
        shutil.rmtree(cache, ignore_errors=True)
    result = Extraction()
    parts = []
    execution = execution or Execution()
    loading = _load_fields_meanwhile(execution)
    # One task per WARC file or range of a large one, run where execution says (tasks.py).
    outcomes = read_parts(inputs, cache, execution, progress, max_body_bytes)
    if loading is not None:
        loading.join()  # assembly reads fields after this: one load, never two at once
    for outcome in outcomes:
        if outcome.part is not None:
            parts.append(outcome.part)
            result.parts_made += outcome.made
            result.parts_cached += not outcome.made
        result.failures += outcome.failures
    prune(cache, parts)
    fields = FieldCache(cache / CACHE_NAME, use_cached=not rebuild, aliases=aliases)
    generation = tables.Generation(out, run_id)
    try:
        assemble(parts, generation.path, run_id, result, fields, corrections or [])
        orphans = [orphan.failure() for orphan in result.orphans]
        failures = [*result.failures, *orphans, *(fetch_failures or [])]
        tables.write_table(generation.path, "failures", tables.record_rows(failures), run_id)
        generation.commit()
    except BaseException:
        generation.abandon()
        raise
    fields.save()
    result.fields_computed, result.fields_cached = fields.computed, fields.cached
    return result


def _load_fields_meanwhile(execution: Execution) -> threading.Thread | None:
    """While workers make the parts, this process only waits: it loads the field layer
    then (Natasha's models, about 1.4 s CPU), off the serial assembly after them. On a
    cluster that is the whole load; on 2 local cores it shares them with the workers
    (2 workers, bench corpus: wall 0.954x, farm-bench paired median of 4). A run on one
    process loads it on first use, as before: an English collection never loads Natasha."""
    if execution.serial:
        return None
    thread = threading.Thread(target=_load_fields, name="load-fields", daemon=True)
    thread.start()
    return thread


def _load_fields() -> None:
    try:
        load_field_layer()
    except Exception as exc:  # assembly meets the same fault and makes it failure rows
        log.debug("could not load the field layer ahead of assembly: %s", exc)


def assemble(
    parts: list[Part],
    out: Path,
    run_id: str,
    result: Extraction,
    fields: FieldCache,
    corrections: list[Correction] | None = None,
) -> None:
    """The tables, each sorted by its key: the same archive gives the same tables whatever
    order its captures were fetched or its files listed in."""
    captures = sorted(_first_of_each(parts, "captures", CAPTURE_KEY), key=_capture_order)
    tables.write_table(out, "captures", captures, run_id)
    result.captures = len(captures)
    _write_documents(parts, out, run_id, result, _earliest_readable(captures))
    items = merge(_seen(parts, captures))
    replay_urls = {
        (row["url"], row["timestamp"], row["digest"]): row["replay_url"] for row in captures
    }

    def rows_of(item: Item) -> dict[str, list[dict[str, Any]]]:
        # One item whose text breaks a field rule is that item's failure row, not the
        # end of the run; nothing is cached for it, so a later run reads it again.
        try:
            return fields.rows(item)
        except Exception as exc:
            log.warning("cannot read the fields of %s: %s", item.url, exc)
            first = item.captures[0][1] if item.captures else None
            result.failures.append(Failure.of("fields", item.url, exc, timestamp=first))
            return {}

    ordered = sorted(items, key=lambda i: (i.first_seen, i.item_id))
    rows = item_tables(ordered, rows_of, replay_urls)
    # After the field cache, never in it: a correction applies to every build's rows.
    result.orphans = apply_corrections(rows, corrections or [], fields.aliases)
    result.corrections_applied = len(corrections or []) - len(result.orphans)
    rows["item_captures"].sort(key=lambda r: (r["item_id"], r["timestamp"], r["url"], r["digest"]))
    for name in tables.FIELD_TABLES:
        rows[name].sort(key=lambda r: r["item_id"])  # stable: an item's rows keep their order
    for name, table_rows in rows.items():
        tables.write_table(out, name, table_rows, run_id)
    result.items = len(items)
    result.events_dated = sum(1 for e in rows["events"] if e["start_date"])


def _capture_order(row: dict[str, Any]) -> tuple:
    return (row["timestamp"], row["url"], row["digest"], row["warc_file"], row["warc_offset"])


def _earliest_readable(captures: list[dict[str, Any]]) -> dict[str, tuple[datetime, str]]:
    """digest -> (timestamp, url) of the earliest readable capture of that payload: a
    document's first capture, whichever record of it holds the payload."""
    earliest: dict[str, tuple[datetime, str]] = {}
    for row in captures:  # sorted by timestamp: the first one seen is the earliest
        if row["status"] == 200 and row["mime"] in HTML_TYPES:
            earliest.setdefault(row["digest"], (row["timestamp"], row["url"]))
    return earliest


def merged_items(parts: list[Part]) -> list[Item]:
    """The items of these parts, merged as assemble merges them (tools/bench.py times
    the field layer on them)."""
    return merge(_seen(parts, _first_of_each(parts, "captures", CAPTURE_KEY)))


def _seen(parts: list[Part], captures: list[dict[str, Any]]) -> list[Seen]:
    """Every item sighting of every readable capture."""
    sightings = _sightings_by_digest(parts)
    return [
        Seen(sighting, row["url"], row["timestamp"], row["digest"])
        for row in captures
        if row["status"] == 200 and row["mime"] in HTML_TYPES
        for sighting in sightings.get(row["digest"], ())
    ]


def _first_of_each(parts: list[Part], name: str, key: tuple[str, ...]) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for part in parts:
        for row in _rows(part.table(name)):
            identity = tuple(row[k] for k in key)
            if identity not in seen:
                seen.add(identity)
                rows.append(row)
    return rows


def _write_documents(
    parts: list[Part],
    out: Path,
    run_id: str,
    result: Extraction,
    earliest: dict[str, tuple[datetime, str]],
) -> None:
    """Streamed batch by batch (page texts are the bulk of the data): each part's
    documents are sorted by digest, so one merge of them gives every digest once, in
    order, without holding the table."""
    writer = tables.TableWriter(out, "documents", run_id)
    last: str | None = None
    # Small batches: the merge holds one batch of every part at once, and a collection
    # fetched weekly for years has hundreds of parts.
    streams = [_rows(part.table("documents"), batch_size=16) for part in parts]
    for row in heapq.merge(*streams, key=lambda r: r["digest"]):
        if row["digest"] == last:
            continue
        last = row["digest"]
        if row["digest"] in earliest:
            row["first_timestamp"], row["url"] = earliest[row["digest"]]
        result.repairs.update(row["repairs"])
        writer.append(row)
    writer.close()
    result.documents = writer.rows


def _sightings_by_digest(parts: list[Part]) -> dict[str, list[ItemSighting]]:
    """Items of each payload, from the first part that read it; a text shared by many
    sightings is held once."""
    by_digest: dict[str, list[ItemSighting]] = {}
    texts: dict[str, str] = {}
    for part in parts:
        read_here: set[str] = set()
        for row in _rows(part.table("sightings")):
            digest = row.pop("digest")
            if digest in by_digest and digest not in read_here:
                continue
            read_here.add(digest)
            row["text"] = texts.setdefault(row["text"], row["text"])
            by_digest.setdefault(digest, []).append(ItemSighting(**row))
    return by_digest


def _rows(path: Path, batch_size: int = 512) -> Iterator[dict[str, Any]]:
    """A part's rows, a batch at a time: never a whole table of texts in memory."""
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=batch_size)
        for batch in batches:
            yield from batch.to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise StoredDataError(
            f"the cached part {path.parent} is damaged ({exc}): run again with --rebuild"
        ) from exc
