"""Merged items -> rows of the item, event, organizer, participant and place tables.

Composes the pure field extractors of fields/ for one item at a time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipeline.fields.dates import event_date, publication_date
from pipeline.fields.kinds import event_sentence, event_type
from pipeline.fields.organizers import organizers
from pipeline.fields.participants import participant_counts
from pipeline.fields.places import event_places
from pipeline.fields.text import sentence_at
from pipeline.records import Item, parse_timestamp

ITEM_TABLES = ("items", "item_captures", "events", "organizers", "participants", "places")


def item_tables(items: list[Item]) -> dict[str, list[dict[str, Any]]]:
    """One row per item, per capture showing it, and per value each field finds."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in ITEM_TABLES}
    for item in items:
        tables["items"].append(
            {
                "item_id": item.item_id,
                "title": item.title,
                "text": item.text,
                "lang": item.lang,
                "url": item.url,
                "first_seen": item.first_seen,
                "last_seen": item.last_seen,
                "n_captures": item.n_captures,
            }
        )
        tables["item_captures"].extend(
            {
                "item_id": item.item_id,
                "url": url,
                "timestamp": parse_timestamp(ts),
                "digest": digest,
            }
            for url, ts, digest in item.captures
        )
        _fields(item, tables)
    return tables


def _fields(item: Item, tables: dict[str, list[dict[str, Any]]]) -> None:
    body = item.text[len(item.title) :].lstrip() if item.text.startswith(item.title) else item.text
    reference = reference_date(item)
    when = event_date(body, reference) or event_date(item.title, reference)
    dated = sentence_at(body, when.span) if when else None
    kind = event_type(item.title, dated[0] if dated else "", body[:400], event_sentence(body))
    if kind == "not_event":
        # An announcement, a report or a vacancy reports no event, so it has no event
        # date, organizers, attendance or place (gold/LABELING.md), whatever it mentions.
        when = None
    tables["events"].append(
        {
            "item_id": item.item_id,
            "event_type": kind,
            "start_date": when.start if when else None,
            "end_date": when.end if when else None,
            "date_text": when.span.text if when and when.span else None,
            "year_inferred": when.year_inferred if when else None,
        }
    )
    if kind == "not_event":
        return
    for org in organizers(item.text):
        tables["organizers"].append(
            {
                "item_id": item.item_id,
                "name": org.name,
                "name_normalized": org.normalized,
                "role": org.role,
                "span": org.span.text,
            }
        )
    for count in participant_counts(item.text):
        tables["participants"].append(
            {
                "item_id": item.item_id,
                "count": count.count,
                "qualifier": count.qualifier,
                "unit": count.unit,
                "span": count.span.text,
            }
        )
    date_span = when.span if when and when.span and when.span.start < len(body) else None
    for place in event_places(item.title, body, date_span):
        tables["places"].append(
            {
                "item_id": item.item_id,
                "name": place.name,
                "kind": place.kind,
                "city": place.city,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "span": place.span.text,
            }
        )


def reference_date(item: Item) -> date:
    """What a year-less date is read against: the earliest publication date the pages
    show for the item, else the first capture that shows it."""
    shown = [d for d in (publication_date(p) for p in item.page_dates) if d is not None]
    return min(shown) if shown else item.first_seen.date()
