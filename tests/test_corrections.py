"""A researcher's corrections: applied whenever the tables are built, surviving reruns."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from pipeline import cli
from pipeline.corrections import Correction, apply, correction_line
from pipeline.tables import FIELD_TABLES

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


def test_corrections_that_cannot_apply_are_orphans_with_a_reason():
    tables = item_rows()
    orphans = apply(
        tables,
        [
            correction("organizers", "set", "name", "X"),  # which organizer?
            correction("places", "remove", "name", "Paris"),
            correction("participants", "add", "count", "forty"),
            correction("events", "add", "start_date", "31 October"),
            correction("items", "set", "title", "X"),
            correction("places", "rename", "name", "X"),
            correction("places", "set", "span@28", "X"),
            correction("places", "remove", "name", "Moscow", item_id="gone"),
        ],
    )
    reasons = [o.reason for o in orphans]
    assert len(reasons) == 8
    assert "offset" in reasons[0] and reasons[1] == "no such value in the tables"
    assert "whole number" in reasons[2] and "not a date" in reasons[3]
    assert reasons[7] == "no such item in the tables"
    assert tables == {**item_rows(), **{k: tables[k] for k in FIELD_TABLES}}
    assert all(r["source"] == "extracted" for k in FIELD_TABLES for r in tables[k])


def test_a_corrections_file_without_its_columns_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "corrections.csv"
    bad.write_text("item,what\n1,2\n", encoding="utf-8")
    assert extract(tmp_path / "out", bad) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lack the column(s)" in err
    assert extract(tmp_path / "out", tmp_path / "missing.csv") == 1
    assert "cannot read" in capsys.readouterr().err


def test_removing_an_events_date_clears_where_it_was_read():
    tables = item_rows()
    tables["events"][0].update(
        start_date="2016-10-31", date_text="31 October", span_start=1, span_end=11, rule="dm"
    )
    assert apply(tables, [correction("events", "remove", "start_date", "")]) == []
    event = tables["events"][0]
    assert event["event_type"] == "meeting" and event["source"] == "corrected"
    assert [event[k] for k in ("start_date", "date_text", "span_start", "rule")] == [None] * 4
