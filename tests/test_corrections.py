"""A researcher's corrections: applied whenever the tables are built, surviving reruns."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline.corrections import ADDED_DEFAULTS, ALLOWED, Correction, apply, correction_line
from pipeline.tables import FIELD_TABLES, SCHEMAS, write_table

from .conftest import SAMPLE

HEADER = "item_id,table,action,field,value,note\n"


def rows(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def without_source(table):
    return [{k: v for k, v in r.items() if k != "source"} for r in table]


def extract(out, corrections, *extra):
    args = ["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--quiet"]
    return cli.main([*args, "--corrections", str(corrections), *extra])


def test_set_remove_and_add_change_exactly_those_rows_and_survive_rebuild(
    sample_tables, tmp_path, capsys
):
    before = {name: rows(sample_tables, name) for name in FIELD_TABLES}
    assert all(r["source"] == "extracted" for t in before.values() for r in t)
    organizer = before["organizers"][0]
    place = next(p for p in before["places"] if p["item_id"] != organizer["item_id"])
    undated = next(
        e for e in before["events"] if e["start_date"] is None and e["event_type"] != "not_event"
    )
    at = organizer["span_start"]
    lines = [
        correction_line(organizer["item_id"], "organizers", "set", f"name@{at}", "Red Cross"),
        correction_line(place["item_id"], "places", "remove", "name", place["name"], "not here"),
        correction_line(undated["item_id"], "events", "add", "start_date", "2016-10-31"),
        correction_line("0000000000000000", "places", "remove", "name", "Atlantis", "orphan"),
    ]
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    kept = corrections.read_bytes()

    for extra in ((), ("--rebuild",)):
        out = tmp_path / "out"
        assert extract(out, corrections, *extra) == 0
        summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert (summary["corrections_applied"], summary["corrections_orphaned"]) == (3, 1)
        after = {name: rows(out, name) for name in FIELD_TABLES}
        corrected = [r for t in after.values() for r in t if r["source"] == "corrected"]
        assert len(corrected) == 2  # the organizer set, the event dated; the place is gone

        changed = next(r for r in after["organizers"] if r["source"] == "corrected")
        assert changed == {
            **organizer,
            "name": "Red Cross",
            "name_normalized": "red cross",
            "source": "corrected",
        }
        assert without_source(after["organizers"]) == [
            {k: v for k, v in (changed if r is organizer else r).items() if k != "source"}
            for r in before["organizers"]
        ]
        assert after["places"] == [r for r in before["places"] if r is not place]
        dated = next(e for e in after["events"] if e["item_id"] == undated["item_id"])
        assert dated["start_date"] == "2016-10-31" and dated["source"] == "corrected"
        assert [e for e in after["events"] if e is not dated and e["source"] == "extracted"] == [
            e for e in before["events"] if e["item_id"] != undated["item_id"]
        ]
        assert after["participants"] == before["participants"]

        orphans = [f for f in rows(out, "failures") if f["stage"] == "correct"]
        assert len(orphans) == 1 and "Atlantis" in orphans[0]["error"]
        assert orphans[0]["error_class"] == "OrphanCorrection"
        assert corrections.read_bytes() == kept  # the file is the researcher's


def item_rows():
    text = "Title\n\nIOM and UNHCR met in Moscow with 40 experts."
    return {
        "items": [{"item_id": "a", "text": text}],
        "events": [{"item_id": "a", "event_type": "meeting", "start_date": None}],
        "organizers": [
            {
                "item_id": "a",
                "name": "IOM",
                "name_normalized": "IOM",
                "span_start": 7,
                "span_end": 10,
            },
            {"item_id": "a", "name": "UNHCR", "span_start": 15, "span_end": 20},
        ],
        "participants": [],
        "places": [{"item_id": "a", "name": "Moscow", "span_start": 28, "span_end": 34}],
    }


def with_participants():
    """item_rows, and an item "b" with a count of participants."""
    tables = item_rows()
    text = "Title\n\nIOM trained 40 officers."
    tables["items"].append({"item_id": "b", "text": text})
    tables["events"].append({"item_id": "b", "event_type": "training", "start_date": None})
    tables["participants"].append(
        {
            "item_id": "b",
            "count": 40,
            "qualifier": "exact",
            "unit": "people",
            "span": "40 officers",
            "span_start": 19,
            "span_end": 30,
        }
    )
    return tables


def correction(table, action, field, value, item_id="a"):
    return Correction(2, item_id, table, action, field, value, "")


def test_a_value_is_found_by_an_offset_inside_its_span():
    tables = item_rows()
    assert apply(tables, [correction("organizers", "remove", "name@17", "")]) == []
    assert [o["name"] for o in tables["organizers"]] == ["IOM"]


def test_an_added_value_the_text_holds_gets_its_span():
    tables = item_rows()
    assert apply(tables, [correction("participants", "add", "count", "40")]) == []
    added = tables["participants"][0]
    assert (added["count"], added["span_start"], added["span_end"]) == (40, 40, 42)
    assert added["source"] == "corrected" and added["rule"] is None


ORPHANS = [
    # (table, action, field, value, item, what the reason says)
    ("organizers", "set", "name", "X", "a", "offset"),  # which organizer?
    ("places", "remove", "name", "Paris", "a", "no such value in the tables"),
    ("participants", "add", "count", "forty", "a", "whole number"),
    ("events", "add", "start_date", "31 October", "a", "not a date"),
    ("items", "set", "title", "X", "a", "table must be"),
    ("places", "rename", "name", "X", "a", "action must be"),
    ("places", "set", "span@28", "X", "a", "no column 'span'"),
    ("places", "remove", "name", "Moscow", "gone", "no such item in the tables"),
    # Nothing where the schema requires a value.
    ("events", "remove", "event_type", "", "a", "events.event_type cannot be empty"),
    ("events", "set", "event_type", "", "a", "events.event_type cannot be empty"),
    ("organizers", "set", "name@7", "", "a", "organizers.name cannot be empty"),
    ("organizers", "set", "role@7", "", "a", "organizers.role cannot be empty"),
    ("organizers", "set", "name_normalized@7", "", "a", "name_normalized cannot be empty"),
    ("places", "set", "kind@28", "", "a", "places.kind cannot be empty"),
    ("places", "set", "name@28", "", "a", "places.name cannot be empty"),
    # Dates as the tables write them, with a real month and day.
    ("events", "set", "start_date", "31/10/2016", "a", "not a date"),
    ("events", "set", "end_date", "2016-10-31T10:00", "a", "not a date"),
    ("events", "add", "start_date", "2016-13-45", "a", "not a date"),
    ("events", "add", "start_date", "2016-02-30", "a", "not a date"),
    ("events", "add", "start_date", "2016-00", "a", "not a date"),
    ("events", "add", "start_date", "XXXX-10", "a", "not a date"),
    ("events", "add", "start_date", "XXXX-02-30", "a", "not a date"),
    ("events", "add", "start_date", "0000-01-01", "a", "not a date"),
    # Values outside what the extractors give.
    ("places", "set", "kind@28", "town", "a", "not a kind the tables hold"),
    ("organizers", "set", "role@7", "sponsor", "a", "not a role the tables hold"),
    ("participants", "set", "unit@19", "persons", "b", "not a unit the tables hold"),
    ("participants", "set", "qualifier@19", "roughly", "b", "not a qualifier"),
    # Numbers the columns cannot hold.
    ("participants", "set", "count@19", "0", "b", "out of range"),
    ("participants", "set", "count@19", "-5", "b", "out of range"),
    ("participants", "add", "count", "99999999999999999999", "a", "out of range"),
    ("places", "set", "lat@28", "91", "a", "out of range"),
    ("places", "set", "lon@28", "nan", "a", "not a number"),
    ("places", "set", "lat@28", "inf", "a", "not a number"),
    ("events", "set", "year_inferred", "yes", "a", "not true or false"),
]


@pytest.mark.parametrize(("table", "action", "field", "value", "item", "reason"), ORPHANS)
def test_corrections_that_cannot_apply_are_orphans_with_a_reason(
    table, action, field, value, item, reason
):
    tables = with_participants()
    orphans = apply(tables, [correction(table, action, field, value, item_id=item)])
    assert len(orphans) == 1 and reason in orphans[0].reason, orphans
    # An orphan changes nothing: every table as it was, every row still extracted.
    before = with_participants()
    assert tables["items"] == before["items"]
    for name in FIELD_TABLES:
        assert without_source(tables[name]) == before[name], name
        assert all(r["source"] == "extracted" for r in tables[name])


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("events", "start_date", "2016-10-31"),
        ("events", "start_date", "2016-10"),
        ("events", "start_date", "XXXX-02-29"),
        ("events", "end_date", "2016-11-01"),
        ("events", "event_type", "training"),
        ("places", "kind@28", "venue"),
        ("organizers", "role@7", "co-organizer"),
        ("participants", "unit@19", "delegates"),
        ("participants", "qualifier@19", "more_than"),
        ("participants", "count@19", "41"),
        ("places", "lat@28", "55.75"),
    ],
)
def test_values_the_tables_hold_are_set(table, field, value):
    tables = with_participants()
    assert (
        apply(
            tables, [correction(table, "set", field, value, item_id="b" if "@19" in field else "a")]
        )
        == []
    )
    column = field.split("@")[0]
    changed = [r for r in tables[table] if r["source"] == "corrected"]
    assert len(changed) == 1 and str(changed[0][column]) == value


def test_the_defaults_of_an_added_row_are_values_the_tables_hold():
    for table, defaults in ADDED_DEFAULTS.items():
        for column, value in defaults.items():
            assert value in ALLOWED[(table, column)]


def test_values_the_tables_cannot_hold_are_orphans_of_extract_and_change_no_table(
    sample_tables, tmp_path, capsys
):
    before = {name: rows(sample_tables, name) for name in FIELD_TABLES}
    organizer, place = before["organizers"][0], before["places"][0]
    counted = before["participants"][0]
    event = before["events"][0]
    undated = next(e for e in before["events"] if e["start_date"] is None)
    lines = [
        correction_line(event["item_id"], "events", "remove", "event_type", ""),
        correction_line(
            organizer["item_id"], "organizers", "set", f"name@{organizer['span_start']}", ""
        ),
        correction_line(place["item_id"], "places", "set", f"kind@{place['span_start']}", ""),
        correction_line(place["item_id"], "places", "set", f"kind@{place['span_start']}", "town"),
        correction_line(event["item_id"], "events", "set", "start_date", "31/10/2016"),
        correction_line(undated["item_id"], "events", "add", "start_date", "2016-13-45"),
        correction_line(
            organizer["item_id"], "organizers", "set", f"role@{organizer['span_start']}", "sponsor"
        ),
        correction_line(
            counted["item_id"], "participants", "set", f"unit@{counted['span_start']}", "folk"
        ),
        correction_line(
            counted["item_id"],
            "participants",
            "set",
            f"count@{counted['span_start']}",
            "99999999999999999999",
        ),
    ]
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract(out, corrections) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["corrections_applied"], summary["corrections_orphaned"]) == (0, len(lines))
    assert {name: rows(out, name) for name in FIELD_TABLES} == before
    orphans = [f["error"] for f in rows(out, "failures") if f["stage"] == "correct"]
    assert sorted(o.split(":")[0] for o in orphans) == sorted(f"line {n}" for n in range(2, 11))


def test_no_corrections_file_leaves_tables_that_cannot_be_written(sample_tables, tmp_path):
    """Every table, action and column with hostile values, applied in a row: whatever they
    do, the tables are written."""
    built = {name: rows(sample_tables, name) for name in ("items", *FIELD_TABLES)}
    item = next(p["item_id"] for p in built["participants"])
    values = ["", "x", "0", "-1", "1.5", "nan", "true", "2016-13-45", "2016-10-31", "city"]
    values += ["99999999999999999999", "organizer", "exact", "people"]
    spans = {r["span_start"] for name in FIELD_TABLES for r in built[name] if r["item_id"] == item}
    fields = [
        f"{column}{at}"
        for name in FIELD_TABLES
        for column in SCHEMAS[name].names
        for at in ("", *(f"@{s}" for s in spans if s is not None))
    ]
    file = [
        Correction(2, item, table, action, field, value, "")
        for table in (*FIELD_TABLES, "items")
        for action in ("set", "add", "remove")
        for field in fields
        for value in values
    ]
    orphans = apply(built, file)
    assert 0 < len(orphans) < len(file)
    for name in FIELD_TABLES:
        write_table(tmp_path, name, built[name], "run")
        assert pq.read_table(tmp_path / f"{name}.parquet").num_rows == len(built[name])


def test_a_corrections_file_without_its_columns_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "corrections.csv"
    bad.write_text("item,what\n1,2\n", encoding="utf-8")
    assert extract(tmp_path / "out", bad) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lack the column(s)" in err
    assert extract(tmp_path / "out", tmp_path / "missing.csv") == 1
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("action", ["remove", "set"])
def test_removing_an_events_date_clears_where_it_was_read(action):
    tables = item_rows()
    tables["events"][0].update(
        start_date="2016-10-31", date_text="31 October", span_start=1, span_end=11, rule="dm"
    )
    assert apply(tables, [correction("events", action, "start_date", "")]) == []
    event = tables["events"][0]
    assert event["event_type"] == "meeting" and event["source"] == "corrected"
    assert [event[k] for k in ("start_date", "date_text", "span_start", "rule")] == [None] * 4
