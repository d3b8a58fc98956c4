"""The output contract: every table's pyarrow schema, and writing Parquet safely.

Column names here are what researchers and notebooks rely on; change them, their types
or their units only with a new SCHEMA_VERSION (`review` and `cite` refuse files of
another version in one line: `version_problem`). Files are written to a temporary name
and renamed into place, so a crash mid-write leaves the previous table intact; the
tables of one run are written into a generation folder of their own and made current
together (`Generation`), so a reader sees every table of one run, never two runs' tables
side by side.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

# 2: field values carry span_start/span_end into items.text and their rule.
# 3: timestamps in ms (were s), failures.timestamp a timestamp (was 14-digit text);
#    items.office, captures/item_captures.replay_url, item_captures.full_text and the
#    field tables' source added; spans and rules null for a value a correction added.
SCHEMA_VERSION = "3"
# Milliseconds: what a Parquet file stores and gives back (it has no unit of seconds), so
# the schema, the data dictionary and the files say the same.
TS = pa.timestamp("ms", tz="UTC")
# The tables of values read from an item's text: each row holds the value, where in
# items.text it was read (span_start, span_end) and the rule that read it.
FIELD_TABLES = ("events", "organizers", "participants", "places")
SOURCE = (
    "source",
    pa.string(),
    "extracted, or corrected: made or changed by the researcher's corrections file",
)

# Where a value was read and by which rule, and whether a correction made it: the last
# columns of the organizers, participants and places tables.
LOCATED = (
    (
        "span_start",
        pa.int64(),
        "where span starts in items.text (a character offset); null for a value a"
        " correction added that the text does not hold",
    ),
    ("span_end", pa.int64(), "where it ends: items.text[span_start:span_end] == span"),
    (
        "rule",
        pa.string(),
        "the name of the rule that read the value; null for a value a correction added",
    ),
    SOURCE,
)


def _schema(*fields: tuple[str, pa.DataType, str], required: tuple[str, ...] = ()) -> pa.Schema:
    return pa.schema(
        [
            pa.field(name, dtype, nullable=name not in required, metadata={"description": doc})
            for name, dtype, doc in fields
        ]
    )


SCHEMAS: dict[str, pa.Schema] = {
    "captures": _schema(
        ("url", pa.string(), "the original URL that was archived"),
        ("timestamp", TS, "capture time (UTC) as the archive records it"),
        ("digest", pa.string(), "base32 SHA-1 of the payload, as in CDX files"),
        ("mime", pa.string(), "media type from the original Content-Type"),
        ("status", pa.int16(), "the original site's HTTP status"),
        ("length", pa.int64(), "payload length in bytes (null for a revisit record)"),
        ("warc_file", pa.string(), "WARC file holding the record"),
        ("warc_offset", pa.int64(), "byte offset of the record in that file"),
        (
            "replay_url",
            pa.string(),
            "where a reader opens the capture: {archive}/web/{timestamp}/{url} (Wayback"
            " Machine), {collection}/{timestamp}/{url} (pywb), or {warc_file}#offset={offset}"
            " for a WARC file that came from no archive; insert id_ after the timestamp for"
            " the stored bytes",
        ),
        required=(
            "url",
            "timestamp",
            "digest",
            "replay_url",
        ),
    ),
    "documents": _schema(
        ("digest", pa.string(), "payload digest: one row per distinct payload"),
        ("url", pa.string(), "URL of the first capture of this payload"),
        ("first_timestamp", TS, "time of the first capture of this payload"),
        ("charset_declared", pa.string(), "charset the HTTP header or <meta> declared"),
        ("charset_used", pa.string(), "charset the bytes were decoded with"),
        (
            "repairs",
            # Parquet names a list's values "element": so does the schema, as files read back.
            pa.list_(pa.field("element", pa.string())),
            "kinds of mojibake repaired in the title and kept text, named <what it was>-as-<what "
            "it was read as>: utf8-as-cp1251, utf8-as-koi8r, cp1251-as-latin1, ...; "
            "-x2 when two layers of one kind were undone, utf8-mixed for UTF-8 sequences fixed "
            "one by one",
        ),
        ("title", pa.string(), "the page's <title>"),
        ("lang", pa.string(), "en, ru, or null when too little text"),
        ("text", pa.string(), "the page's text after decoding and repair"),
        required=(
            "digest",
            "url",
            "first_timestamp",
            "charset_used",
            "repairs",
        ),
    ),
    "items": _schema(
        ("item_id", pa.string(), "stable id of the news item across runs"),
        ("title", pa.string(), "headline"),
        ("text", pa.string(), "the fullest text seen: headline, blank line, paragraphs"),
        ("lang", pa.string(), "en, ru, or null when too little text"),
        ("url", pa.string(), "canonical URL: the detail page where one is known"),
        ("first_seen", TS, "earliest capture showing the item"),
        ("last_seen", TS, "latest capture showing the item"),
        ("n_captures", pa.int32(), "number of captures showing the item"),
        (
            "office",
            pa.string(),
            "the office whose site published the item, from the host of url through"
            " pipeline/data/offices.csv (moscow.iom.int and russia.iom.int: IOM Russia);"
            " an unknown host is its own name",
        ),
        required=(
            "item_id",
            "title",
            "text",
            "url",
            "first_seen",
            "last_seen",
            "n_captures",
            "office",
        ),
    ),
    "item_captures": _schema(
        ("item_id", pa.string(), "the item"),
        ("url", pa.string(), "URL of a capture that shows it"),
        ("timestamp", TS, "time of that capture"),
        ("digest", pa.string(), "payload digest of that capture"),
        ("replay_url", pa.string(), "where a reader opens that capture (as in captures)"),
        (
            "full_text",
            pa.bool_(),
            "the capture shows the item's whole text, as items.text holds it",
        ),
        required=(
            "item_id",
            "url",
            "timestamp",
            "digest",
            "replay_url",
            "full_text",
        ),
    ),
    "events": _schema(
        ("item_id", pa.string(), "the item reporting the event"),
        (
            "event_type",
            pa.string(),
            "conference, training, seminar, round_table, meeting, "
            "presentation, workshop, screening, other, not_event",
        ),
        ("start_date", pa.string(), "YYYY-MM-DD or YYYY-MM; XXXX when no year is known"),
        ("end_date", pa.string(), "last day, for events longer than one day"),
        ("date_text", pa.string(), "the text the date was read from"),
        ("year_inferred", pa.bool_(), "the text gave no year; it was inferred"),
        (
            "span_start",
            pa.int64(),
            "where date_text starts in items.text (a character offset); null without a date",
        ),
        ("span_end", pa.int64(), "where it ends: items.text[span_start:span_end] == date_text"),
        ("rule", pa.string(), "the name of the rule that read the date; null without a date"),
        SOURCE,
        required=(
            "item_id",
            "event_type",
            "source",
        ),
    ),
    "organizers": _schema(
        ("item_id", pa.string(), "the item"),
        ("name", pa.string(), "the organization as written"),
        (
            "name_normalized",
            pa.string(),
            "one name per organization: from the alias tables (pipeline/data/organizations.csv"
            " and the setting organization_aliases), IOM under any of its office names is IOM,"
            " else the name in lower case without article, quotes or attached acronym",
        ),
        ("role", pa.string(), "organizer, co-organizer, host, conductor, initiator"),
        ("span", pa.string(), "the text it was read from"),
        *LOCATED,
        required=(
            "item_id",
            "name",
            "name_normalized",
            "role",
            "source",
        ),
    ),
    "participants": _schema(
        ("item_id", pa.string(), "the item"),
        ("count", pa.int64(), "the number stated"),
        ("qualifier", pa.string(), "exact, more_than, about, up_to, at_least"),
        (
            "unit",
            pa.string(),
            "people, delegates, journalists, countries, institutions, organizations, other",
        ),
        ("span", pa.string(), "the text from the number to its noun"),
        *LOCATED,
        required=(
            "item_id",
            "count",
            "qualifier",
            "unit",
            "source",
        ),
    ),
    "places": _schema(
        ("item_id", pa.string(), "the item"),
        ("name", pa.string(), "the place as written"),
        ("kind", pa.string(), "city, venue, country, region"),
        ("city", pa.string(), "normalized city name (gazetteer)"),
        ("country", pa.string(), "country name (gazetteer)"),
        ("lat", pa.float64(), "latitude from the offline gazetteer"),
        ("lon", pa.float64(), "longitude from the offline gazetteer"),
        ("span", pa.string(), "the text it was read from"),
        *LOCATED,
        required=(
            "item_id",
            "name",
            "kind",
            "source",
        ),
    ),
    "failures": _schema(
        (
            "stage",
            pa.string(),
            "discover (a CDX row or answer that could not be believed), fetch, decode (a"
            " payload could not be decoded or segmented), extract (a WARC file could not be"
            " read whole), fields (an item's fields could not be read) or correct (a"
            " correction that found nothing)",
        ),
        (
            "url",
            pa.string(),
            "the capture's or item's URL, the CDX query, or the WARC file that could not be read",
        ),
        ("timestamp", TS, "the capture's time (UTC), if a capture failed"),
        ("error_class", pa.string(), "the error's class, e.g. TruncatedBody, UnicodeError"),
        ("error", pa.string(), "the error's message"),
        ("attempts", pa.int32(), "fetch attempts so far; the next run tries again"),
        ("warc_file", pa.string(), "the WARC file holding what could not be read"),
        (
            "warc_offset",
            pa.int64(),
            "the offset of its record in that file (null when the whole file failed)",
        ),
        required=("stage", "error_class"),
    ),
    "runs": _schema(
        ("run_id", pa.string(), "the run's id, also in every table's metadata"),
        ("command", pa.string(), "discover, fetch, extract or run"),
        ("started", TS, "when the run started"),
        ("finished", TS, "when it ended"),
        ("version", pa.string(), "iom-pipeline version"),
        ("settings", pa.string(), "the settings used, as JSON"),
        ("counts", pa.string(), "counts per stage (discovered, fetched, items, ...), as JSON"),
        ("exit_code", pa.int8(), "0 done, 1 failed, 3 partial"),
        required=("run_id", "command", "started", "finished", "version"),
    ),
}
# Every table one extract writes, failures last; runs.parquet accumulates the runs and is
# no extraction's result.
EXTRACT_TABLES = tuple(name for name in SCHEMAS if name != "runs")


class TableWriter:
    """Appends rows in batches to a hidden partial file; close() renames it into place.

    Rows are not held beyond one batch, so a table of page texts costs the same memory
    for a thousand pages as for a million.
    """

    def __init__(
        self,
        out_dir: Path,
        name: str,
        run_id: str,
        batch_rows: int = 500,
        schema: pa.Schema | None = None,
    ) -> None:
        self.schema = (schema or SCHEMAS[name]).with_metadata(
            {"schema_version": SCHEMA_VERSION, "run_id": run_id, "table": name}
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        self.final = out_dir / f"{name}.parquet"
        self.partial = out_dir / f".{name}.parquet.partial"
        self._writer = pq.ParquetWriter(self.partial, self.schema)
        self._batch: list[dict[str, Any]] = []
        self._batch_rows = batch_rows
        self.rows = 0

    def append(self, row: dict[str, Any]) -> None:
        self._batch.append(row)
        self.rows += 1
        if len(self._batch) >= self._batch_rows:
            self._flush()

    def close(self) -> Path:
        self._flush()
        self._writer.close()
        os.replace(self.partial, self.final)
        return self.final

    def _flush(self) -> None:
        if not self._batch:
            return
        columns = {f.name: [row.get(f.name) for row in self._batch] for f in self.schema}
        self._writer.write_table(pa.Table.from_pydict(columns, schema=self.schema))
        self._batch.clear()


GENERATIONS = ".generations"
CURRENT = "current"
# Tables of a generation; runs.parquet accumulates across runs beside them.
GENERATION_TABLES = tuple(name for name in SCHEMAS if name != "runs")
PARTIAL = ".partial"


class Generation:
    """The tables of one run: written into out/.generations/RUN.partial, then made current
    by one atomic rename of the out/current link. out/NAME.parquet are links through
    out/current, so readers that open the usual paths keep working; readers that need
    several tables of one run read from `current_tables(out)` resolved once."""

    def __init__(self, out_dir: Path, run_id: str) -> None:
        self.out_dir = out_dir
        self.run_id = run_id
        root = out_dir / GENERATIONS
        for stale in root.glob(f"*{PARTIAL}"):  # a killed run's half-made generation
            shutil.rmtree(stale, ignore_errors=True)
        self.final = root / run_id
        self.path = root / f"{run_id}{PARTIAL}"
        self.path.mkdir(parents=True)

    def commit(self) -> Path:
        os.rename(self.path, self.final)
        _link(self.out_dir / CURRENT, Path(GENERATIONS) / self.run_id)
        for name in GENERATION_TABLES:
            path = self.out_dir / f"{name}.parquet"
            if not path.is_symlink():  # a plain file of an older layout, or none yet
                _link(path, Path(CURRENT) / f"{name}.parquet")
        self._prune()
        return self.final

    def abandon(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def _prune(self) -> None:
        """Keep the current generation and the one before it (a reader may have resolved
        it just before the switch); older ones go."""
        root = self.out_dir / GENERATIONS
        done = [p for p in root.iterdir() if p.is_dir() and not p.name.endswith(PARTIAL)]
        done.sort(key=lambda p: p.stat().st_mtime_ns)
        for old in done[:-2]:
            if old.name != self.run_id:
                shutil.rmtree(old, ignore_errors=True)


def _link(path: Path, target: Path) -> None:
    """Point path at target in one step: a new link renamed over the old entry."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.link")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, path)


def current_tables(out_dir: Path) -> Path:
    """The folder holding the current generation's tables, resolved once (out_dir itself
    for tables written before generations)."""
    link = out_dir / CURRENT
    return link.resolve() if link.is_symlink() else out_dir


def version_problem(folder: Path, names: Sequence[str]) -> str | None:
    """One line saying that a table in folder was written under another schema version
    (its Parquet metadata's `schema_version`, which TableWriter writes), None when every
    one present is this version's. A table missing or unreadable is the reader's to tell."""
    for name in names:
        path = folder / f"{name}.parquet"
        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, pa.ArrowException):
            continue
        found = metadata.get(b"schema_version", b"").decode("utf-8", "replace")
        if found == SCHEMA_VERSION:
            continue
        if found.isdigit() and int(found) > int(SCHEMA_VERSION):
            return (
                f"tables from a newer pipeline (schema version {found}, this one reads"
                f" {SCHEMA_VERSION}): update iom-pipeline"
            )
        return "tables from an older pipeline: run `iom-pipeline extract --rebuild`"
    return None


def write_table(out_dir: Path, name: str, rows: Sequence[dict[str, Any]], run_id: str) -> Path:
    writer = TableWriter(out_dir, name, run_id)
    for row in rows:
        writer.append(row)
    return writer.close()


def record_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """The rows of a table from the dataclass records whose fields are its columns
    (failures.parquet from records.Failure)."""
    return [dataclasses.asdict(record) for record in records]


def append_row(out_dir: Path, name: str, row: dict[str, Any], run_id: str) -> Path:
    """Add one row to a table that accumulates across runs (runs.parquet)."""
    path = out_dir / f"{name}.parquet"
    rows = []
    if path.exists():
        try:
            rows = pq.read_table(path).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            # The runs of the past are kept aside, not lost, and not a reason to fail a
            # run whose work is done: a new table starts.
            aside = path.with_name(f"{path.name}.damaged-{run_id}")
            os.replace(path, aside)
            log.warning("%s is damaged (%s): moved to %s, a new one starts", path, exc, aside)
    return write_table(out_dir, name, [*rows, row], run_id)


def data_dictionary() -> str:
    """docs/data-dictionary.md, generated from SCHEMAS (`make docs`; a test checks drift)."""
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `pipeline/tables.py` (schema version {SCHEMA_VERSION}) by `make docs`;"
        " do not edit by hand. Every table is a Parquet file in `processed/` whose metadata"
        " carries `schema_version` and `run_id`.",
    ]
    for name, schema in SCHEMAS.items():
        lines += [
            "",
            f"## {name}",
            "",
            "| column | type | nullable | description |",
            "|---|---|---|---|",
        ]
        for column in schema:
            doc = (column.metadata or {}).get(b"description", b"").decode()
            lines.append(f"| `{column.name}` | {column.type} | {column.nullable} | {doc} |")
    return "\n".join(lines) + "\n"
