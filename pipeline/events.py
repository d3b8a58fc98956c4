"""Merged items -> rows of the item, event, organizer, participant and place tables.

Composes the pure field extractors of fields/ for one item at a time. Each extractor
gives spans into the text it was handed (the title, the body after it, or the whole
item text); `_in_item` moves every one of them to offsets into items.text, the one text
researchers see, so that items.text[span_start:span_end] is the value's span.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pipeline.fields import gazetteer, russian
from pipeline.fields.dates import event_date, publication_date
from pipeline.fields.kinds import event_sentence, event_type
from pipeline.fields.organizers import organizers
from pipeline.fields.participants import participant_counts
from pipeline.fields.places import event_places
from pipeline.fields.text import MAX_CAPTION_CHARS, sentence_at, without_captions
from pipeline.offices import office_of
from pipeline.parts import code_fingerprint
from pipeline.records import Item, Span
from pipeline.tables import FIELD_TABLES

log = logging.getLogger(__name__)

ITEM_TABLES = ("items", "item_captures", *FIELD_TABLES)

# Rows of the field tables for one item, without its item_id (so they can be cached by
# what they depend on and given to any item with the same title, text and reference date).
FieldRows = dict[str, list[dict[str, Any]]]

# The opening the event's kind is read in when no sentence dates the event.
LEAD_CHARS = 400


def item_tables(
    items: list[Item],
    rows_of: Callable[[Item], FieldRows] | None = None,
    replay_urls: Mapping[tuple[str, datetime, str], str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """One row per item, per capture showing it, and per value each field finds; the
    field rows come from rows_of (field_rows, or a cache of them: fieldcache.py), the
    captures' replay URLs from replay_urls, by (url, time, digest)."""
    rows_of = rows_of or field_rows
    replay_urls = replay_urls or {}
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
                "office": office_of(item.url),
            }
        )
        tables["item_captures"].extend(
            {
                "item_id": item.item_id,
                "url": url,
                "timestamp": ts,
                "digest": digest,
                "replay_url": replay_urls.get((url, ts, digest), ""),
                "full_text": (url, ts, digest) in item.full_text_captures,
            }
            for url, ts, digest in item.captures
        )
        for name, rows in rows_of(item).items():
            tables[name].extend({"item_id": item.item_id, **row} for row in rows)
    return tables


def field_key(item: Item, aliases: Mapping[str, str] | None = None) -> str:
    """A digest of everything the field rows depend on: the item's title and text, the
    reference date year-less dates are read against, the researcher's organization
    aliases, and the pipeline's code (with its data files)."""
    own = "\x1e".join(f"{k}\x1d{v}" for k, v in sorted((aliases or {}).items()))
    identity = "\x1f".join(
        (code_fingerprint(), item.title, item.text, reference_date(item).isoformat(), own)
    )
    return hashlib.sha1(identity.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Origins:
    """Where the texts handed to the extractors begin in item.text (None: not in it)."""

    title: int | None
    body: int


def origins(item: Item) -> tuple[str, Origins]:
    """The body (the text after the title and its blank line) and where each text
    starts: segment.py writes an item's text as its title, a blank line, then the body."""
    if not item.text.startswith(item.title):
        return item.text, Origins(title=None, body=0)
    body = item.text[len(item.title) :].lstrip()
    return body, Origins(title=0, body=len(item.text) - len(body))


def _in_item(item: Item, span: Span, *starts: int | None) -> tuple[int, int] | None:
    """The span moved to offsets into item.text: of the texts it may have been read from
    (each beginning at one of starts), the first where item.text holds the span's text at
    the moved offsets. The one place where spans change their frame of reference."""
    for start in starts:
        if start is None:
            continue
        begin, end = start + span.start, start + span.end
        if item.text[begin:end] == span.text:
            return begin, end
    return None


def _located(item: Item, span: Span, rule: str, *starts: int | None) -> dict[str, Any] | None:
    """span_start, span_end and rule of a value; None (the value is dropped, with a
    warning) when its span is not where its extractor said: a value must show its text."""
    found = _in_item(item, span, *starts)
    if found is None:
        log.warning("item %s: %s gave a span not in its text: %r", item.item_id, rule, span)
        return None
    return {"span_start": found[0], "span_end": found[1], "rule": rule}


def load() -> None:
    """Load what the field layer loads once per process (the gazetteer, pymorphy3,
    Natasha's models: about 1.4 s CPU), for a process that has time to spare before it reads
    fields (extract.py)."""
    gazetteer.load()
    russian.load()


def field_rows(item: Item, aliases: Mapping[str, str] | None = None) -> FieldRows:
    """The item's rows of the field tables (without item_id); `aliases` are the
    researcher's own organization aliases (fields/aliases.py)."""
    body, at = origins(item)
    reference, published = reference_date(item), publication(item)
    in_body = event_date(body, reference, published)
    when = in_body or event_date(item.title, reference, published)
    # A date read from the title has title offsets: only a body date locates a sentence.
    body_span = in_body.span if in_body else None
    dated = sentence_at(body, body_span)
    lead = without_captions(body[: LEAD_CHARS + MAX_CAPTION_CHARS])[:LEAD_CHARS]
    kind = event_type(item.title, dated[0] if dated else "", lead, event_sentence(body))
    rows: FieldRows = {name: [] for name in FIELD_TABLES}
    date_at = None
    # An announcement, a report or a vacancy reports no event, so it has no event date,
    # organizers, attendance or place (tests/cases/LABELING.md), whatever it mentions.
    if kind != "not_event" and when is not None and when.span is not None:
        date_at = _located(item, when.span, when.rule, at.body if in_body else at.title)
    rows["events"].append(
        {
            "event_type": kind,
            "start_date": when.start if when and date_at else None,
            "end_date": when.end if when and date_at else None,
            "date_text": when.span.text if when and when.span and date_at else None,
            "year_inferred": when.year_inferred if when and date_at else None,
            **(date_at or dict.fromkeys(("span_start", "span_end", "rule"))),
        }
    )
    if kind != "not_event":
        rows["organizers"] = _organizer_rows(item, aliases)
        start = when.start if when and date_at else None
        rows["participants"] = _participant_rows(item, start)
        rows["places"] = _place_rows(item, body, at, body_span, start)
    return rows


def _organizer_rows(item: Item, aliases: Mapping[str, str] | None) -> list[dict[str, Any]]:
    return [
        {
            "name": org.name,
            "name_normalized": org.normalized,
            "role": org.role,
            "span": org.span.text,
            **where,
        }
        for org in organizers(item.text, aliases)
        if (where := _located(item, org.span, org.rule, 0))
    ]


def _participant_rows(item: Item, event_start: str | None) -> list[dict[str, Any]]:
    return [
        {
            "count": count.count,
            "qualifier": count.qualifier,
            "unit": count.unit,
            "span": count.span.text,
            **where,
        }
        for count in participant_counts(item.text, event_start)
        if (where := _located(item, count.span, count.rule, 0))
    ]


def _place_rows(
    item: Item, body: str, at: Origins, date_span: Span | None, event_start: str | None
) -> list[dict[str, Any]]:
    """Places come from the body, or from the title when it names the event: a place's
    span is in whichever of the two holds its text at its offsets."""
    return [
        {
            "name": place.name,
            "kind": place.kind,
            "city": place.city,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
            "span": place.span.text,
            **where,
        }
        for place in event_places(item.title, body, date_span, event_start)
        if (where := _located(item, place.span, place.rule, at.body, at.title))
    ]


def reference_date(item: Item) -> date:
    """What a year-less date is read against: the earliest publication date the pages
    show for the item, else the first capture that shows it."""
    return publication(item) or item.first_seen.date()


def publication(item: Item) -> date | None:
    """The earliest publication date the item's pages show beside its text."""
    shown = [d for d in (publication_date(p) for p in item.page_dates) if d is not None]
    return min(shown) if shown else None
