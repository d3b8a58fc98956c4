"""Compare the tables the pipeline wrote with hand-labeled items (tests/cases/LABELING.md).

Each gold item is matched to the written item whose text contains most of the gold
text's word trigrams; then every field is scored: precision, recall and F1 over the
labeled values (dates and event types as exact-match accuracy). Scores are given over
all items, per split, per language and per office, named as items.office names it (IOM
Russia, whether the item was labeled from moscow.iom.int, from russia.iom.int or named
"russia" in a blind set).

The check split is a fixed quarter of the gold items, chosen by a hash of their id, so
that it stays the same as items are added. Rules are developed against the other items
("develop"); the check split's disagreements are listed only on request (`--show-check`),
so that its figures keep measuring how the rules do on text they were not written for.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.events import item_tables
from pipeline.fields.aliases import normalize as normalize_organizer
from pipeline.fields.lang import CYRILLIC
from pipeline.fields.russian import lemma
from pipeline.items import WORDS, shingles
from pipeline.offices import office_of
from pipeline.records import Item
from pipeline.tables import current_tables

MIN_MATCH = 0.5
DUPLICATE_MATCH = 0.8
FIELDS = ("dates", "event_type", "organizers", "participants", "places")
CHECK, DEVELOP = "check", "develop"
# Offices the blind sets name otherwise than by their site's first label on iom.int.
OFFICE_SITES = {"bosnia": "bih.iom.int", "vienna": "rovienna.iom.int", "geneva": "iom.int"}


def split_of(gold_id: str) -> str:
    """The lowest quarter of SHA-256 space is the check split."""
    return CHECK if int(hashlib.sha256(gold_id.encode()).hexdigest()[:8], 16) < 2**30 else DEVELOP


def labeled_office(labeled: dict[str, Any]) -> str:
    """The office of a labeled item as items.office names it: from its page's URL through
    offices.csv, else from the office it names (items written without a page)."""
    if labeled.get("source_url"):
        return office_of(labeled["source_url"])
    if labeled.get("office"):
        return named_office(labeled["office"])
    return "unknown"


def named_office(name: str) -> str:
    """An office named as the blind sets name it ("russia", "north_macedonia") in
    items.office's words: its site `NAME.iom.int` (or the one OFFICE_SITES gives) through
    offices.csv, else "IOM" and the name ("IOM North Macedonia")."""
    key = "-".join(re.split(r"[\s_-]+", name.strip().lower()))
    host = OFFICE_SITES.get(key, f"{key}.iom.int")
    office = office_of(f"https://{host}/")
    if office != host:
        return office
    return " ".join(["IOM", *(word.capitalize() for word in key.split("-"))])


@dataclass
class FieldScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, other: FieldScore) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labeled = self.true_positives + self.false_negatives
        return self.true_positives / labeled if labeled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ItemResult:
    """One gold item: where it comes from, whether it was found, and each field's score."""

    gold_id: str
    split: str
    office: str
    lang: str
    matched: bool = False
    duplicated: bool = False
    scores: dict[str, FieldScore] = field(default_factory=dict)
    disagreements: list[tuple[str, str]] = field(default_factory=list)  # (field, what)


@dataclass
class Report:
    results: list[ItemResult]

    @property
    def matched(self) -> int:
        return sum(r.matched for r in self.results)

    @property
    def gold_items(self) -> int:
        return len(self.results)

    @property
    def duplicates(self) -> list[str]:
        return [r.gold_id for r in self.results if r.duplicated]

    @property
    def scores(self) -> dict[str, FieldScore]:
        return totals(self.results)

    def where(self, **attributes: str) -> Report:
        return Report(
            [r for r in self.results if all(getattr(r, k) == v for k, v in attributes.items())]
        )

    def groups(self, attribute: str) -> dict[str, Report]:
        by: dict[str, list[ItemResult]] = defaultdict(list)
        for result in self.results:
            by[getattr(result, attribute)].append(result)
        return {key: Report(by[key]) for key in sorted(by)}

    def as_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "gold_items": self.gold_items,
            "duplicates": self.duplicates,
            "fields": {
                name: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                }
                for name, s in self.scores.items()
            },
        }


def totals(results: Iterable[ItemResult]) -> dict[str, FieldScore]:
    summed = {name: FieldScore() for name in FIELDS}
    for result in results:
        for name, score in result.scores.items():
            summed[name].add(score)
    return summed


def text_shingles(text: str) -> set[tuple[str, ...]]:
    return shingles(WORDS.findall(text.lower()))


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_tables(out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    names = ("items", "events", "organizers", "participants", "places")
    folder = current_tables(out_dir)  # resolved once: every table of one run
    return {name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in names}


def tables_from_texts(gold: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The field tables read straight from the labeled texts: the field layer alone, with
    no decoding, segmentation or merging in between. No page says when these texts were
    published, so a year-less date gets no year to compare (see evaluate's years_known)."""
    unknown = datetime(2100, 1, 1, tzinfo=UTC)
    items = [
        Item(
            g["id"],
            g["title"],
            g["text"],
            g.get("lang"),
            g.get("source_url", ""),
            unknown,
            unknown,
            1,
        )
        for g in gold
    ]
    return item_tables(items)


def evaluate(
    gold: list[dict[str, Any]],
    tables: dict[str, list[dict[str, Any]]],
    *,
    years_known: bool = True,
) -> Report:
    items = tables["items"]
    item_shingles = [text_shingles(item["text"]) for item in items]
    by_item: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("events", "organizers", "participants", "places"):
        for row in tables[name]:
            by_item[row["item_id"]][name].append(row)
    results = []
    for labeled in gold:
        result = ItemResult(
            labeled["id"],
            split_of(labeled["id"]),
            labeled_office(labeled),
            labeled.get("lang") or "und",
        )
        wanted = text_shingles(labeled["text"])
        overlaps = [len(wanted & s) / len(wanted) for s in item_shingles]
        best = max(range(len(items)), key=overlaps.__getitem__, default=None)
        if best is None or overlaps[best] < MIN_MATCH:
            _missed(labeled, result)
        else:
            result.matched = True
            result.duplicated = sum(o >= DUPLICATE_MATCH for o in overlaps) > 1
            _score_item(labeled, by_item[items[best]["item_id"]], result, years_known)
        results.append(result)
    return Report(results)


def _missed(labeled: dict[str, Any], result: ItemResult) -> None:
    for name in FIELDS:
        labeled_values = 1 if name in ("dates", "event_type") else len(labeled.get(name) or [])
        result.scores[name] = FieldScore(false_negatives=labeled_values)
        result.disagreements.append((name, "item not found"))


def _score_item(
    labeled: dict[str, Any],
    found: dict[str, list[dict[str, Any]]],
    result: ItemResult,
    years_known: bool = True,
) -> None:
    event = found["events"][0] if found["events"] else {}
    expected: tuple[Any, ...] = (labeled["event_start"], labeled["event_end"])
    if not years_known and labeled.get("year_stated") is False:
        expected = tuple(f"XXXX{d[4:]}" if d else d for d in expected)
        labeled = {**labeled, "event_start": expected[0]}
    _score_exact(result, "dates", expected, _comparable_dates(labeled, event))
    _score_exact(result, "event_type", labeled["event_type"], event.get("event_type"))
    wanted = {_key(normalize_organizer(n)) for n in labeled["organizers"]}
    _score_sets(
        result, "organizers", wanted, {_organizer_key(r, wanted) for r in found["organizers"]}
    )
    _score_sets(
        result,
        "participants",
        {(p["count"], p["qualifier"], p["unit"]) for p in labeled["participants"]},
        {(r["count"], r["qualifier"], r["unit"]) for r in found["participants"]},
    )
    _score_sets(
        result,
        "places",
        {(_place_key(p["name"]), p["kind"]) for p in labeled["places"]},
        {(_place_key(r["name"]), r["kind"]) for r in found["places"]},
    )


def _organizer_key(row: dict[str, Any], wanted: set[str]) -> str:
    """Labels are names as written; a row matches one by its normalized name or by its name
    normalized as a label is (a Russian name's nominative from NER is not how it is written)."""
    as_label = _key(normalize_organizer(row["name"]))
    return as_label if as_label in wanted else _key(row["name_normalized"])


def _comparable_dates(labeled: dict[str, Any], event: dict[str, Any]) -> tuple[Any, Any]:
    """Where the labels could not know the year (XXXX), compare month and day only."""
    start, end = event.get("start_date"), event.get("end_date")
    gold_start = labeled["event_start"] or ""
    if gold_start.startswith("XXXX"):
        start = f"XXXX{start[4:]}" if start else start
        end = f"XXXX{end[4:]}" if end else end
    return start, end


def _key(name: str) -> str:
    return " ".join(WORDS.findall(name.lower()))


def _place_key(name: str) -> str:
    """LABELING.md, Places, keeps Russian names as written, in whatever case the text has
    them; a town written "Калуга" in the dateline and "в Калуге" below is then one place
    labeled in either case. The tables keep the form they read; the comparison alone reads
    Russian words by their dictionary form, so that the label's case does not decide."""
    return " ".join(lemma(w) if CYRILLIC.match(w) else w for w in _key(name).split())


def _score_exact(result: ItemResult, name: str, expected: Any, got: Any) -> None:
    if expected == got:
        result.scores[name] = FieldScore(true_positives=1)
    else:
        result.scores[name] = FieldScore(false_positives=1, false_negatives=1)
        result.disagreements.append((name, f"expected {expected}, got {got}"))


def _score_sets(result: ItemResult, name: str, expected: set[Any], got: set[Any]) -> None:
    result.scores[name] = FieldScore(len(expected & got), len(got - expected), len(expected - got))
    result.disagreements += [(name, f"missed {v}") for v in sorted(map(str, expected - got))]
    result.disagreements += [(name, f"extra {v}") for v in sorted(map(str, got - expected))]


def format_scores(report: Report) -> list[str]:
    lines = [f"{'field':<14}{'precision':>10}{'recall':>10}{'f1':>10}"]
    for name, score in report.scores.items():
        lines.append(f"{name:<14}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
    return lines


def format_groups(title: str, groups: dict[str, Report]) -> list[str]:
    """One line per group: items, then each field's F1 (accuracy for dates and types)."""
    width = max([24, *(len(key) + 1 for key in groups)])  # whole office names
    header = f"{title:<{width}}{'items':>6}" + "".join(f"{name[:12]:>13}" for name in FIELDS)
    lines = [header]
    for key, report in groups.items():
        scores = report.scores
        lines.append(
            f"{key:<{width}}{report.gold_items:>6}"
            + "".join(f"{scores[name].f1:>13.3f}" for name in FIELDS)
        )
    return lines


def format_report(report: Report, *, show_check: bool = False) -> str:
    lines = [
        f"gold items matched: {report.matched}/{report.gold_items}; "
        f"duplicated items: {len(report.duplicates)} {report.duplicates or ''}".rstrip(),
        "",
        *format_scores(report),
        "",
        *format_groups("split", report.groups("split")),
        "",
        *format_groups("language", report.groups("lang")),
        "",
        *format_groups("office", report.groups("office")),
    ]
    shown = [r for r in report.results if show_check or r.split != CHECK]
    for name in FIELDS:
        listed = [
            f"  {r.gold_id}: {what}" for r in shown for f, what in r.disagreements if f == name
        ]
        if listed:
            lines += ["", f"{name} disagreements:", *listed]
    hidden = (
        0 if show_check else sum(len(r.disagreements) for r in report.where(split=CHECK).results)
    )
    if hidden:
        lines += ["", f"{hidden} disagreements in the check split not listed (--show-check)"]
    return "\n".join(lines)


def evaluate_gold(out_dir: Path, gold_path: Path, *, texts: bool = False) -> Report:
    """The labeled items of gold_path scored against the tables in out_dir, or (texts)
    against the fields read from the labeled texts alone."""
    gold = load_gold(gold_path)
    if texts:
        return evaluate(gold, tables_from_texts(gold), years_known=False)
    return evaluate(gold, load_tables(out_dir))
