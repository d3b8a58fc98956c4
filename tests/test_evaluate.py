"""The quality gate: extraction on the bundled sample, scored against the labeled items."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.evaluate import (
    CHECK,
    DEVELOP,
    evaluate,
    format_report,
    labeled_office,
    load_gold,
    load_tables,
    split_of,
    tables_from_texts,
)
from pipeline.tables import FIELD_TABLES

from .conftest import GOLD

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text())


@pytest.fixture(scope="module")
def report(sample_tables):
    return evaluate(load_gold(GOLD), load_tables(sample_tables))


def test_every_labeled_item_is_found_once(report):
    assert report.matched == FLOORS["items"]["matched"]
    assert len(report.duplicates) <= FLOORS["items"]["max_duplicates"], report.duplicates


BLIND = {
    "blind": "blind-items.jsonl",
    "blind2": "blind-items-2.jsonl",
    "blind3": "blind-items-3.jsonl",
    "blind4": "blind-items-4.jsonl",
    "blind5": "blind-items-5.jsonl",
    "blind6": "blind-items-6.jsonl",
    "blind7": "blind-items-7.jsonl",
    "modeled": "modeled-items.jsonl",
    "modeled2": "modeled-items-2.jsonl",
}
# The sample's own tables, over all items and over the check split (the other floors are
# the labeled sets' above, and the dev items in other markup: tests/test_markup_kinds.py).
FLOORED = [(split, name) for split in ("all", "check") for name in FLOORS["floors"][split]]


@pytest.mark.parametrize(("split", "field"), FLOORED)
def test_field_quality_meets_its_floor(report, split, field):
    scored = report if split == "all" else report.where(split=split)
    assert scored.scores[field].f1 >= FLOORS["floors"][split][field], format_report(report)


@pytest.fixture(scope="module")
def blind_reports():
    reports = {}
    for name, file in BLIND.items():
        gold = load_gold(GOLD.with_name(file))
        reports[name] = evaluate(gold, tables_from_texts(gold), years_known=False)
    return reports


@pytest.mark.parametrize(("items", "field"), [(n, f) for n in BLIND for f in FLOORS["floors"][n]])
def test_items_written_from_the_rules_alone_meet_their_floor(blind_reports, items, field):
    report = blind_reports[items]
    assert report.scores[field].f1 >= FLOORS["floors"][items][field], format_report(report)


def test_the_check_split_is_a_quarter_fixed_by_id(report):
    check = report.where(split=CHECK).results
    assert 0.15 < len(check) / report.gold_items < 0.35
    assert all(split_of(r.gold_id) == CHECK for r in check)


def test_evaluate_command_prints_the_table(sample_tables, capsys):
    assert cli.main(["evaluate", "--out", str(sample_tables), "--gold", str(GOLD)]) == 0
    printed = capsys.readouterr().out
    assert "field" in printed and "precision" in printed
    for field in FLOORS["floors"]["all"]:
        assert field in printed
    assert "check" in printed and "develop" in printed and "office" in printed


def test_check_disagreements_are_listed_only_on_request(sample_tables, capsys):
    gold = [g for g in load_gold(GOLD) if split_of(g["id"]) == CHECK][:1]
    gold = [{**gold[0], "event_start": "1999-01-01"}]
    report = evaluate(gold, load_tables(sample_tables))
    assert gold[0]["id"] not in format_report(report)
    assert f"{gold[0]['id']}: expected ('1999-01-01'" in format_report(report, show_check=True)


def test_a_disagreement_is_listed(sample_tables, tmp_path):
    gold = [g for g in load_gold(GOLD) if split_of(g["id"]) == DEVELOP]
    gold[0] = {**gold[0], "event_start": "1999-01-01"}
    report = evaluate(gold, load_tables(sample_tables))
    assert f"{gold[0]['id']}: expected ('1999-01-01', None)" in format_report(report)


def test_the_field_layer_alone_reads_the_labeled_texts(capsys):
    assert cli.main(["evaluate", "--gold", str(GOLD), "--texts"]) == 0
    printed = capsys.readouterr().out
    assert f"gold items matched: {FLOORS['items']['matched']}/" in printed


@pytest.mark.parametrize(
    ("labeled", "office"),
    [
        ({"source_url": "http://moscow.iom.int/old/news.html"}, "IOM Russia"),
        ({"source_url": "https://russia.iom.int/news/x"}, "IOM Russia"),
        ({"office": "russia"}, "IOM Russia"),
        ({"office": "Russia "}, "IOM Russia"),
        ({"source_url": "http://www.iom.ge/?id=1"}, "IOM Georgia"),
        ({"office": "georgia"}, "IOM Georgia"),
        ({"office": "turkey"}, "IOM Türkiye"),
        ({"office": "turkiye"}, "IOM Türkiye"),
        ({"office": "bosnia"}, "IOM Bosnia and Herzegovina"),
        ({"office": "vienna"}, "IOM Regional Office Vienna"),
        ({"office": "geneva"}, "IOM"),
        ({"office": "north_macedonia"}, "IOM North Macedonia"),
        ({"office": "western-balkans"}, "IOM Western Balkans"),
        ({"source_url": "https://chad.iom.int/n", "office": "russia"}, "chad.iom.int"),
        ({}, "unknown"),
    ],
)
def test_a_labeled_item_names_its_office_as_items_office_does(labeled, office):
    assert labeled_office(labeled) == office


def test_every_labeled_set_names_offices_in_one_vocabulary(sample_tables):
    offices = {row["office"] for row in load_tables(sample_tables)["items"]}
    gold = load_gold(GOLD)
    assert {labeled_office(g) for g in gold} <= offices  # the gold's pages are the sample's
    russia = {"russia", "moscow.iom.int", "russia.iom.int"}
    for file in (GOLD, *(GOLD.with_name(name) for name in BLIND.values())):
        labeled = load_gold(file)
        report = evaluate(labeled, {name: [] for name in ("items", *FIELD_TABLES)})
        named = set(report.groups("office"))
        from_russia = any(
            g.get("office") == "russia" or "russia" in g.get("source_url", "") for g in labeled
        )  # (headquarters' and other offices' sets are not)
        assert ("IOM Russia" in named or not from_russia) and not named & russia, file.name
        assert all(name.startswith("IOM") or name in offices for name in named), file.name


def _scored_places(labeled: list[dict], found: list[tuple[str, str]]):
    item = {
        "id": "t-1",
        "title": "Семинар в Калуге",
        "text": "Семинар в Калуге\n\nКалуга, 3 мая 2016 г. — В Калуге прошел семинар.",
        "lang": "ru",
        "event_start": None,
        "event_end": None,
        "organizers": [],
        "participants": [],
        "places": labeled,
        "event_type": "seminar",
    }
    tables = {name: [] for name in ("items", "events", *FIELD_TABLES)}
    tables["items"] = [{"item_id": "a", "text": item["text"]}]
    tables["places"] = [{"item_id": "a", "name": n, "kind": k} for n, k in found]
    return evaluate([item], tables).scores["places"]


@pytest.mark.parametrize(
    ("labeled", "found", "f1"),
    [
        # one town in two cases, whichever the labeler copied
        ([{"name": "Калуге", "kind": "city"}], [("Калуга", "city")], 1.0),
        ([{"name": "Доме кино", "kind": "venue"}], [("Дом кино", "venue")], 1.0),
        # another town, or the same word as another kind, is not the place
        ([{"name": "Калуге", "kind": "city"}], [("Туле", "city")], 0.0),
        ([{"name": "Калуге", "kind": "city"}], [("Калуга", "region")], 0.0),
    ],
)
def test_a_russian_place_matches_its_label_in_any_case(labeled, found, f1):
    assert _scored_places(labeled, found).f1 == f1
