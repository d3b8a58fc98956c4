"""The dev items rendered in the markup of eight kinds of site (tests/markup_kinds.py,
written without the segmenter's code) are found once each and score as on the sample:
what the pipeline finds must not hang on the sample's own markup."""

from __future__ import annotations

import pytest

from pipeline import cli
from pipeline.evaluate import evaluate, load_gold, load_tables

from .conftest import GOLD
from .markup_kinds import KINDS, render
from .test_evaluate import FLOORS


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    gold = load_gold(GOLD)
    found = {}
    for kind, warc in render(gold, root / "warcs").items():
        raw = root / "raw" / kind
        raw.mkdir(parents=True)
        warc.rename(raw / warc.name)
        out = root / "out" / kind
        assert cli.main(["extract", "--raw-dir", str(raw), "--out", str(out), "--quiet"]) == 0
        found[kind] = evaluate(gold, load_tables(out))
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_item_is_found_once_in_every_kind_of_site(reports, kind):
    report = reports[kind]
    assert report.matched == FLOORS["items"]["matched"]
    assert not report.duplicates, report.duplicates


@pytest.mark.parametrize(
    ("kind", "field"), [(k, f) for k in KINDS for f in FLOORS["floors"]["markup"]]
)
def test_fields_hold_in_every_kind_of_site(reports, kind, field):
    assert reports[kind].scores[field].f1 >= FLOORS["floors"]["markup"][field]
