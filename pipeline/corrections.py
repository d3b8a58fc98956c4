"""A researcher's corrections of the field tables, applied every time the tables are built.

The file is the researcher's (the setting `corrections`): a CSV with the columns
`item_id,table,action,field,value,note`, never written by the pipeline, so a correction
survives every rerun and `--rebuild`. Actions:

- `set`: give `field` the value `value`. In `events` (one row per item) the item's row;
  in `organizers`, `participants` and `places` the rows whose span holds the offset
  after `@` in `field` (`name@412`: the value read at items.text[412]), as the review
  page writes it. Setting an organizer's `name` also names it again through the aliases.
- `remove`: drop the rows whose `field` equals `value` (`places,remove,name,Moscow`), or
  whose span holds the offset (`name@412`, value ignored). In `events` a row stays, one
  per item: remove clears the date instead (`field` start_date).
- `add`: a row with `field` = `value`: a date (`events,add,start_date,2016-10-31`), an
  organizer's `name`, a `count` of participants, a place's `name`; its span is where the
  text holds the value, if it does.

Every field row carries `source`: `extracted`, or `corrected` when a correction made or
changed it. A correction that finds no item or no value (the text changed, the rules
improved), cannot be read, or would write what the tables cannot hold (nothing in a column
the schema requires, a date that is no YYYY-MM-DD, YYYY-MM or XXXX-MM-DD, a place kind,
role, unit or qualifier the extractors never give, a number out of range) is an orphan:
it changes nothing, is reported by the run (a warning, the summary's
`corrections_orphaned`, a row of failures.parquet) and is left in the file for the
researcher. A correction is checked whole before any row changes, so no corrections file
can make the tables unwritable.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.errors import ConfigError
from pipeline.fields.aliases import normalize
from pipeline.fields.counts import NOUNS_BY_UNIT, QUALIFIERS
from pipeline.fields.organizers import ROLE_BY_VERB
from pipeline.fields.places import PLACE_KINDS
from pipeline.records import Correction, Orphan
from pipeline.tables import FIELD_TABLES, SCHEMAS

COLUMNS = ("item_id", "table", "action", "field", "value", "note")
ACTIONS = ("set", "add", "remove")
EXTRACTED, CORRECTED = "extracted", "corrected"
# The column an added row is named by, and what the rest of such a row holds.
ADDED_BY = {"events": "start_date", "organizers": "name", "participants": "count", "places": "name"}
ADDED_DEFAULTS: dict[str, dict[str, Any]] = {
    "organizers": {"role": "organizer"},
    "participants": {"qualifier": "exact", "unit": "people"},
    "places": {"kind": "city"},
}
# Columns no correction writes: where a value was read is the text's, not the researcher's.
READ_ONLY = ("item_id", "span", "span_start", "span_end", "rule", "source", "date_text")
EVENT_DATE_COLUMNS = (
    "start_date",
    "end_date",
    "date_text",
    "year_inferred",
    "span_start",
    "span_end",
    "rule",
)
# The columns holding a date (tables.py: YYYY-MM-DD, YYYY-MM, or XXXX-MM-DD).
DATE_COLUMNS = ("start_date", "end_date")
DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?$")
# The values a column can hold: what the extractors give, each from its one source.
ALLOWED: dict[tuple[str, str], frozenset[str]] = {
    ("places", "kind"): frozenset(PLACE_KINDS),
    ("participants", "unit"): frozenset(NOUNS_BY_UNIT),
    ("participants", "qualifier"): frozenset(QUALIFIERS.values()),
    # "organizer" is the role of a name no verb qualifies (organizers._role's default).
    ("organizers", "role"): frozenset({"organizer", *ROLE_BY_VERB.values()}),
}
# Bounds of numbers beyond their column's type: the extractors never count 0 (counts.py).
BOUNDS: dict[tuple[str, str], tuple[float, float]] = {
    ("participants", "count"): (1, 2**63 - 1),
    ("places", "lat"): (-90.0, 90.0),
    ("places", "lon"): (-180.0, 180.0),
}
_AT = re.compile(r"^(\w+)@(\d+)$")


def read_corrections(path: Path) -> list[Correction]:
    """The file's corrections; an unreadable file or one without the columns raises
    ConfigError (one line), a malformed row becomes an orphan when applied."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = set(reader.fieldnames or ())
            rows = [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(
            f"corrections: cannot read {path} ({exc}); give a CSV with columns " + ",".join(COLUMNS)
        ) from exc
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ConfigError(f"corrections {path} lack the column(s) {','.join(missing)}")
    return [
        Correction(line, *((row.get(c) or "").strip() for c in COLUMNS))
        for line, row in rows
        if any((row.get(c) or "").strip() for c in COLUMNS)
    ]


def apply(
    rows: dict[str, list[dict[str, Any]]],
    corrections: list[Correction],
    aliases: Mapping[str, str] | None = None,
) -> list[Orphan]:
    """Apply the corrections to the tables' rows in place, in the file's order; mark
    every field row's source; return the corrections that found nothing to correct or
    would write what the tables cannot hold (those change nothing)."""
    for name in FIELD_TABLES:
        for row in rows[name]:
            row.setdefault("source", EXTRACTED)
    texts = {item["item_id"]: item["text"] for item in rows["items"]}
    orphans = []
    for correction in corrections:
        try:
            reason = _apply_one(rows, texts, correction, aliases)
        except ValueError as exc:
            reason = str(exc)
        except Exception as exc:
            # Checked whole before any row changes, a correction that fails in a way no
            # check foresaw has changed nothing: it is an orphan, never the end of a build.
            reason = f"cannot be applied ({type(exc).__name__}: {_first_line(exc)})"
        if reason:
            orphans.append(Orphan(correction, reason))
    return orphans


def _apply_one(
    rows: dict[str, list[dict[str, Any]]],
    texts: Mapping[str, str],
    c: Correction,
    aliases: Mapping[str, str] | None,
) -> str | None:
    """None when applied, else why not (and then nothing changed)."""
    if c.table not in FIELD_TABLES:
        return f"table must be one of {', '.join(FIELD_TABLES)}"
    if c.action not in ACTIONS:
        return f"action must be one of {', '.join(ACTIONS)}"
    if c.item_id not in texts:
        return "no such item in the tables"
    column, at = _field(c.field)
    schema = SCHEMAS[c.table]
    if column not in schema.names or column in READ_ONLY:
        return f"{c.table} has no column {column!r} a correction can write"
    mine = [r for r in rows[c.table] if r["item_id"] == c.item_id]
    if c.action == "add":
        return _add(rows, texts[c.item_id], c, column, mine, aliases)
    if c.table == "events":
        targets = mine
    elif at is not None:
        targets = [r for r in mine if _holds(r, at)]
    elif c.action == "remove":
        targets = [r for r in mine if _text(r.get(column)) == c.value]
    else:
        return f"set in {c.table} needs the value's offset: field {column}@SPAN_START"
    if not targets:
        return "no such value in the tables"
    if c.action == "remove" and c.table != "events":
        rows[c.table] = [r for r in rows[c.table] if not any(r is t for t in targets)]
        return None
    changes = _changes(c, column, aliases)
    problem = _unwritable(c.table, changes, [{**row, **changes} for row in targets])
    if problem:
        return problem
    for row in targets:
        row.update(changes, source=CORRECTED)
    return None


def _changes(c: Correction, column: str, aliases: Mapping[str, str] | None) -> dict[str, Any]:
    """The columns a set, or a remove in events, writes into each row it finds."""
    value = None if c.action == "remove" else _typed(SCHEMAS[c.table].field(column).type, c.value)
    if value is None and c.table == "events" and column == "start_date":
        # No date left: nor where it was read (an event row without a date has none).
        return dict.fromkeys(EVENT_DATE_COLUMNS)
    changes = {column: value}
    if c.table == "organizers" and column == "name" and value:
        changes["name_normalized"] = normalize(value, aliases)
    return changes


def _add(
    rows: dict[str, list[dict[str, Any]]],
    text: str,
    c: Correction,
    column: str,
    mine: list[dict[str, Any]],
    aliases: Mapping[str, str] | None,
) -> str | None:
    if column != ADDED_BY[c.table]:
        return f"add in {c.table} gives its {ADDED_BY[c.table]}"
    value = _typed(SCHEMAS[c.table].field(column).type, c.value)
    if value is None:
        return "add needs a value"
    found = text.find(c.value)
    where = (
        {"span_start": found, "span_end": found + len(c.value)}
        if found >= 0
        else {"span_start": None, "span_end": None}
    )
    if c.table == "events":  # one row per item: the date goes into it
        if any(row["start_date"] for row in mine):
            return "the event has a date already: use set"
        changes = {"start_date": value, "year_inferred": False, "source": CORRECTED}
        changes.update(where, date_text=c.value if found >= 0 else None, rule=None)
        problem = _unwritable(c.table, changes, [{**row, **changes} for row in mine])
        if problem:
            return problem
        for event in mine:
            event.update(changes)
        return None if mine else "no event row for the item"
    row: dict[str, Any] = dict.fromkeys(SCHEMAS[c.table].names)
    row.update(ADDED_DEFAULTS[c.table], item_id=c.item_id, source=CORRECTED, **where)
    row[column] = value
    row["span"] = c.value if found >= 0 else None
    if c.table == "organizers":
        row["name_normalized"] = normalize(c.value, aliases)
    if c.table == "places":
        row["city"] = c.value
    problem = _unwritable(c.table, row, [row])
    if problem:
        return problem
    rows[c.table].append(row)
    return None


def _unwritable(table: str, changes: Mapping[str, Any], rows: list[dict[str, Any]]) -> str | None:
    """Why the rows, changed so, cannot be written into the table; None when they can."""
    for column, value in changes.items():
        problem = _value_problem(table, column, value)
        if problem:
            return problem
    try:  # what the schema's types hold, whatever the checks above did not foresee
        pa.Table.from_pylist(rows, schema=SCHEMAS[table])
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as exc:
        return f"{table} cannot hold it: {_first_line(exc)}"
    return None


def _value_problem(table: str, column: str, value: Any) -> str | None:
    """Why `value` cannot be the column's; None when it can."""
    if value is None:
        if SCHEMAS[table].field(column).nullable:
            return None
        return f"{table}.{column} cannot be empty: every row has one"
    if column in DATE_COLUMNS:
        return _date_problem(str(value))
    allowed = ALLOWED.get((table, column))
    if allowed is not None and value not in allowed:
        return f"{value!r} is not a {column} the tables hold: one of {', '.join(sorted(allowed))}"
    low, high = BOUNDS.get((table, column), _type_bounds(SCHEMAS[table].field(column).type))
    if isinstance(value, int | float) and not isinstance(value, bool) and not low <= value <= high:
        return f"{value!r} is out of range for {table}.{column}: {low} to {high}"
    return None


def _type_bounds(dtype: pa.DataType) -> tuple[float, float]:
    if pa.types.is_signed_integer(dtype):
        return -(2 ** (dtype.bit_width - 1)), 2 ** (dtype.bit_width - 1) - 1
    if pa.types.is_unsigned_integer(dtype):
        return 0, 2**dtype.bit_width - 1
    return -math.inf, math.inf


def _date_problem(value: str) -> str | None:
    match = DATE.match(value)
    if match:
        year, month, day = match.groups()
        if not (year == "XXXX" and day is None):  # a month without a year says nothing
            try:
                # A day without a year is a day of some year: 2000 holds every one.
                date(2000 if year == "XXXX" else int(year), int(month), int(day or 1))
                return None
            except ValueError:
                pass
    return f"{value!r} is not a date: YYYY-MM-DD, YYYY-MM or XXXX-MM-DD with a real month and day"


def _holds(row: dict[str, Any], offset: int) -> bool:
    start, end = row.get("span_start"), row.get("span_end")
    return start is not None and end is not None and start <= offset < end


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _field(field: str) -> tuple[str, int | None]:
    match = _AT.match(field)
    return (match.group(1), int(match.group(2))) if match else (field, None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _typed(dtype: pa.DataType, value: str) -> Any:
    """The CSV's text as the column's type; "" is null. ValueError says what is wrong."""
    if value == "":
        return None
    if pa.types.is_integer(dtype):
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number") from None
    if pa.types.is_floating(dtype):
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):  # "nan" and "inf" are floats, not coordinates
            raise ValueError(f"{value!r} is not a number")
        return number
    if pa.types.is_boolean(dtype):
        if value.lower() not in ("true", "false"):
            raise ValueError(f"{value!r} is not true or false")
        return value.lower() == "true"
    return value


def correction_line(
    item_id: str, table: str, action: str, field: str, value: Any, note: str = ""
) -> str:
    """One CSV line of the corrections file (the review page offers one per value)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([item_id, table, action, field, _text(value), note])
    return out.getvalue()
