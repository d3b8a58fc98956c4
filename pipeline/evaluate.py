"""Compare the tables the pipeline wrote with hand-labeled items (gold/LABELING.md).

Each gold item is matched to the written item whose text contains most of the gold
text's word trigrams; then every field is scored: precision, recall and F1 over the
labeled values (dates and event types as exact-match accuracy), with each disagreement
listed so a change shows what it gained and lost.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.fields.organizers import normalize as normalize_organizer
from pipeline.items import WORDS, shingles

MIN_MATCH = 0.5
DUPLICATE_MATCH = 0.8


@dataclass
class FieldScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    disagreements: list[str] = field(default_factory=list)

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
class Report:
    matched: int
    gold_items: int
    duplicates: list[str]
    scores: dict[str, FieldScore]

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


def text_shingles(text: str) -> set[tuple[str, ...]]:
    return shingles(WORDS.findall(text.lower()))


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_tables(out_dir: Path) -> dict[str, list[dict[str, Any]]]:
    names = ("items", "events", "organizers", "participants", "places")
    return {name: pq.read_table(out_dir / f"{name}.parquet").to_pylist() for name in names}


def evaluate(gold: list[dict[str, Any]], tables: dict[str, list[dict[str, Any]]]) -> Report:
    items = tables["items"]
    item_shingles = [text_shingles(item["text"]) for item in items]
    by_item: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("events", "organizers", "participants", "places"):
        for row in tables[name]:
            by_item[row["item_id"]][name].append(row)
    scores = {
        name: FieldScore()
        for name in ("dates", "event_type", "organizers", "participants", "places")
    }
    duplicates, matched = [], 0
    for labeled in gold:
        wanted = text_shingles(labeled["text"])
        overlaps = [len(wanted & s) / len(wanted) for s in item_shingles]
        best = max(range(len(items)), key=overlaps.__getitem__, default=None)
        if best is None or overlaps[best] < MIN_MATCH:
            _missed(labeled, scores)
            continue
        matched += 1
        if sum(o >= DUPLICATE_MATCH for o in overlaps) > 1:
            duplicates.append(labeled["id"])
        _score_item(labeled, by_item[items[best]["item_id"]], scores)
    return Report(matched, len(gold), duplicates, scores)


def _missed(labeled: dict[str, Any], scores: dict[str, FieldScore]) -> None:
    for name, score in scores.items():
        score.false_negatives += (
            1 if name in ("dates", "event_type") else len(labeled.get(name, []) or [])
        )
        score.disagreements.append(f"{labeled['id']}: item not found")


def _score_item(
    labeled: dict[str, Any], found: dict[str, list[dict[str, Any]]], scores: dict[str, FieldScore]
) -> None:
    event = found["events"][0] if found["events"] else {}
    _score_exact(
        scores["dates"],
        labeled["id"],
        (labeled["event_start"], labeled["event_end"]),
        _comparable_dates(labeled, event),
    )
    _score_exact(
        scores["event_type"], labeled["id"], labeled["event_type"], event.get("event_type")
    )
    _score_sets(
        scores["organizers"],
        labeled["id"],
        {_key(normalize_organizer(n)) for n in labeled["organizers"]},
        {_key(r["name_normalized"]) for r in found["organizers"]},
    )
    _score_sets(
        scores["participants"],
        labeled["id"],
        {(p["count"], p["qualifier"], p["unit"]) for p in labeled["participants"]},
        {(r["count"], r["qualifier"], r["unit"]) for r in found["participants"]},
    )
    _score_sets(
        scores["places"],
        labeled["id"],
        {(_key(p["name"]), p["kind"]) for p in labeled["places"]},
        {(_key(r["name"]), r["kind"]) for r in found["places"]},
    )


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


def _score_exact(score: FieldScore, item: str, expected: Any, got: Any) -> None:
    if expected == got:
        score.true_positives += 1
    else:
        score.false_positives += 1
        score.false_negatives += 1
        score.disagreements.append(f"{item}: expected {expected}, got {got}")


def _score_sets(score: FieldScore, item: str, expected: set[Any], got: set[Any]) -> None:
    score.true_positives += len(expected & got)
    score.false_positives += len(got - expected)
    score.false_negatives += len(expected - got)
    for value in sorted(map(str, expected - got)):
        score.disagreements.append(f"{item}: missed {value}")
    for value in sorted(map(str, got - expected)):
        score.disagreements.append(f"{item}: extra {value}")


def format_report(report: Report) -> str:
    lines = [
        f"gold items matched: {report.matched}/{report.gold_items}; "
        f"duplicated items: {len(report.duplicates)} {report.duplicates or ''}".rstrip(),
        "",
        f"{'field':<14}{'precision':>10}{'recall':>10}{'f1':>10}",
    ]
    for name, score in report.scores.items():
        lines.append(f"{name:<14}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}")
    for name, score in report.scores.items():
        if score.disagreements:
            lines += ["", f"{name} disagreements:"] + [f"  {d}" for d in score.disagreements]
    return "\n".join(lines)


def evaluate_command(out_dir: Path, gold_path: Path) -> int:
    report = evaluate(load_gold(gold_path), load_tables(out_dir))
    print(format_report(report))
    return 0
