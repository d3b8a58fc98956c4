"""The quality gate: extraction on the bundled sample, scored against the labeled items."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.evaluate import evaluate, format_report, load_gold, load_tables

from .conftest import GOLD, SAMPLE

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text())


@pytest.fixture(scope="module")
def sample_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    assert cli.main(["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def report(sample_tables):
    return evaluate(load_gold(GOLD), load_tables(sample_tables))


def test_every_labeled_item_is_found_once(report):
    assert report.matched == FLOORS["items"]["matched"]
    assert len(report.duplicates) <= FLOORS["items"]["max_duplicates"], report.duplicates


@pytest.mark.parametrize("field", sorted(FLOORS["floors"]))
def test_field_quality_meets_its_floor(report, field):
    score = report.scores[field]
    assert score.f1 >= FLOORS["floors"][field], format_report(report)


def test_evaluate_command_prints_the_table(sample_tables, capsys):
    assert cli.main(["evaluate", "--out", str(sample_tables), "--gold", str(GOLD)]) == 0
    printed = capsys.readouterr().out
    assert "field" in printed and "precision" in printed
    for field in FLOORS["floors"]:
        assert field in printed


def test_a_disagreement_is_listed(sample_tables, tmp_path):
    gold = load_gold(GOLD)
    gold[0] = {**gold[0], "event_start": "1999-01-01"}
    report = evaluate(gold, load_tables(sample_tables))
    assert f"{gold[0]['id']}: expected ('1999-01-01', None)" in format_report(report)
