"""One WARC file -> one cached part: its captures, its documents and their item sightings.

Parts are what makes extraction incremental: a part is keyed by the WARC file (path,
size, modification time) and by the extraction code itself, so a scheduled run that
fetched one new WARC file reads only that file, and a change to the code rebuilds all.
Each part is written to a temporary folder and renamed when whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import types
import typing
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import tables, warc
from pipeline.citation import replay_url
from pipeline.decode import decode_payload
from pipeline.errors import WarcError
from pipeline.records import HTML_TYPES, Failure, ItemSighting, StoredCapture, parse_timestamp
from pipeline.segment import segment

log = logging.getLogger(__name__)

# No news item is this long (the longest of the sample's is 3,000 characters); a page
# segmented into one item of megabytes (a 30 MB page of paragraphs) would make merging
# and the field rules hold gigabytes, so such items are left out and recorded.
MAX_ITEM_CHARS = 100_000
SUMMARY = "part.json"
# The Arrow type of each Python type a stored record's fields have.
ARROW_TYPES: dict[type, pa.DataType] = {str: pa.string(), bool: pa.bool_(), int: pa.int32()}


def record_schema(record: type, *first: tuple[str, pa.DataType]) -> pa.Schema:
    """A part table's schema from the dataclass of its rows (an optional field is a
    nullable column of its type), after the columns in first."""
    hints = typing.get_type_hints(record)
    columns = []
    for f in dataclasses.fields(record):
        hint = hints[f.name]
        if isinstance(hint, types.UnionType):  # X | None
            (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        columns.append((f.name, ARROW_TYPES[hint]))
    return pa.schema([*first, *columns])


SIGHTINGS = record_schema(ItemSighting, ("digest", pa.string()))


@dataclass(frozen=True)
class Part:
    folder: Path
    failures: list[Failure]

    def table(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of the pipeline's own source and data files: parts made by other code
    are stale."""
    digest = hashlib.sha1()
    package = Path(__file__).parent
    for source in sorted([*package.rglob("*.py"), *(package / "data").glob("*")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def part_key(path: Path, max_body_bytes: int = warc.DEFAULT_MAX_BODY_BYTES) -> str:
    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{code_fingerprint()}"
    if max_body_bytes != warc.DEFAULT_MAX_BODY_BYTES:
        identity += f"|{max_body_bytes}"  # another bound reads other records
    return hashlib.sha1(identity.encode()).hexdigest()[:20]


def load_cached(folder: Path) -> Part | None:
    """The part in folder if a whole, undamaged one is there, else None."""
    return _load(folder) if (folder / SUMMARY).exists() else None


def _load(folder: Path) -> Part | None:
    """A cached part, or None when it is damaged (it is made again): its summary must
    parse and each table's footer read. Damage deeper in a table shows in assembly,
    which then says to run with --rebuild."""
    try:
        summary = json.loads((folder / SUMMARY).read_text(encoding="utf-8"))
        failures = [_failure_from_json(row) for row in summary["failures"]]
        for name in ("captures", "documents", "sightings"):
            pq.read_metadata(folder / f"{name}.parquet")
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as exc:
        log.warning("the cached part %s is damaged (%s): reading its WARC file again", folder, exc)
        return None
    return Part(folder, failures)


def make_part(
    path: Path,
    display_name: str,
    folder: Path,
    max_body_bytes: int = warc.DEFAULT_MAX_BODY_BYTES,
    *,
    start: int = 0,
    end: int | None = None,
) -> Part:
    """The part of a WARC file, or of the records in its byte range [start, end)."""
    partial = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    writers = {
        "captures": tables.TableWriter(partial, "captures", "part"),
        "documents": tables.TableWriter(partial, "documents", "part"),
        "sightings": tables.TableWriter(partial, "sightings", "part", schema=SIGHTINGS),
    }
    # Our own WARC files name the archive their captures came from; others are local input.
    reader = _Reader(writers, warc.warcinfo(path).get("archive"))
    failures = []
    # Each record that cannot be read (damaged, undated, too large, or the rest of a file
    # cut short) is a failure row of its own; every other record is read.
    try:
        records = warc.iter_records(
            path, display_name, max_body_bytes=max_body_bytes, start=start, end=end
        )
        for stored in records:
            if isinstance(stored, WarcError):
                log.error("%s: %s", display_name, stored)
                failures.append(
                    Failure.of(
                        "extract",
                        display_name,
                        stored,
                        warc_file=display_name,
                        offset=stored.offset,
                    )
                )
            else:
                reader.read(stored)
    except Exception as exc:  # whatever else a file holds, it is one failure row
        log.error("%s: %s", display_name, exc)
        offset = exc.offset if isinstance(exc, WarcError) else None
        failures.append(
            Failure.of("extract", display_name, exc, warc_file=display_name, offset=offset)
        )
    for writer in writers.values():
        writer.close()
    _sort_by(writers["documents"].final, "digest")  # assembly merges parts in this order
    failures += reader.failures
    summary = {"warc": display_name, "failures": [_failure_json(f) for f in failures]}
    (partial / SUMMARY).write_text(json.dumps(summary), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return Part(folder, failures)


def _failure_json(failure: Failure) -> dict[str, Any]:
    """A failure as the part's JSON keeps it (its time in ISO 8601)."""
    row = dataclasses.asdict(failure)
    row["timestamp"] = failure.timestamp.isoformat() if failure.timestamp else None
    return row


def _failure_from_json(row: dict[str, Any]) -> Failure:
    when = row["timestamp"]
    return Failure(**{**row, "timestamp": datetime.fromisoformat(when) if when else None})


def _sort_by(path: Path, column: str) -> None:
    """Rewrite one part's table sorted by column (one WARC file's rows: bounded by it)."""
    table = pq.read_table(path)
    sorted_table = table.sort_by(column)
    partial = path.with_name(f".{path.name}.sorting")
    pq.write_table(sorted_table, partial)
    partial.replace(path)


class ItemTooLong(Exception):
    """Items longer than any news item: left out of the item tables."""


class _Reader:
    """Rows for one WARC file; each payload is decoded and segmented once."""

    def __init__(self, writers: dict[str, tables.TableWriter], archive: str | None) -> None:
        self.writers = writers
        self.archive = archive
        self.capture_keys: set[tuple[str, str, str]] = set()
        self.digests: set[str] = set()
        self.failures: list[Failure] = []

    def read(self, stored: StoredCapture) -> None:
        key = (stored.url, stored.timestamp, stored.digest)
        if key in self.capture_keys:
            return  # the same capture written twice
        self.capture_keys.add(key)
        self.writers["captures"].append(capture_row(stored, self.archive))
        readable = stored.status == 200 and stored.mime in HTML_TYPES and stored.payload
        if not readable or stored.digest in self.digests:
            return
        self.digests.add(stored.digest)
        try:
            self._document(stored)
        except Exception as exc:  # one hostile payload is one failure row
            # Not only PipelineError: a page declaring charset=idna once raised UnicodeError
            # in decoding and ended every run. The part is cached by the code's fingerprint,
            # so the payload is read again once the code changes.
            log.warning("cannot read %s %s: %s", stored.url, stored.timestamp, exc)
            self.failures.append(
                Failure.of(
                    "decode",
                    stored.url,
                    exc,
                    timestamp=parse_timestamp(stored.timestamp),
                    warc_file=stored.warc_file,
                    offset=stored.warc_offset,
                )
            )

    def _document(self, stored: StoredCapture) -> None:
        assert stored.payload is not None
        decoded = decode_payload(stored.payload, stored.content_type)
        page = segment(decoded.text, stored.url)
        langs = Counter(s.lang for s in page.items if s.lang).most_common(1)
        self.writers["documents"].append(
            {
                "digest": stored.digest,
                "url": stored.url,
                "first_timestamp": parse_timestamp(stored.timestamp),
                "charset_declared": decoded.charset_declared,
                "charset_used": decoded.charset_used,
                "repairs": list(page.repairs),
                "title": page.title,
                "lang": langs[0][0] if langs else None,
                "text": page.text,
            }
        )
        too_long = [s for s in page.items if len(s.text) > MAX_ITEM_CHARS]
        for sighting in page.items:
            if len(sighting.text) <= MAX_ITEM_CHARS:
                self.writers["sightings"].append({"digest": stored.digest, **vars(sighting)})
        if too_long:
            longest = max(len(s.text) for s in too_long)
            self.failures.append(
                Failure.of(
                    "decode",
                    stored.url,
                    ItemTooLong(
                        f"{len(too_long)} items of up to {longest:,} characters left out "
                        f"(a news item has at most {MAX_ITEM_CHARS:,}); the page's text is "
                        "in documents"
                    ),
                    timestamp=parse_timestamp(stored.timestamp),
                    warc_file=stored.warc_file,
                    offset=stored.warc_offset,
                )
            )


def capture_row(stored: StoredCapture, archive: str | None = None) -> dict[str, Any]:
    return {
        "url": stored.url,
        "timestamp": parse_timestamp(stored.timestamp),
        "digest": stored.digest,
        "mime": stored.mime,
        "status": stored.status,
        "length": stored.length,
        "warc_file": stored.warc_file,
        "warc_offset": stored.warc_offset,
        "replay_url": replay_url(
            archive, stored.timestamp, stored.url, stored.warc_file, stored.warc_offset
        ),
    }


def prune(cache: Path, keep: list[Part]) -> None:
    """Remove parts of WARC files no longer read (moved, changed, or older code)."""
    wanted = {part.folder.name for part in keep}
    for folder in cache.glob("*"):
        if folder.is_dir() and folder.name not in wanted:
            shutil.rmtree(folder, ignore_errors=True)
