"""WARC files -> the seven tables: decode, repair and segment each distinct payload once,
merge items across captures, read each item's fields once."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipeline import warc
from pipeline.decode import decode_payload
from pipeline.errors import PipelineError
from pipeline.fields.dates import event_date, publication_date
from pipeline.fields.kinds import event_type
from pipeline.fields.organizers import organizers
from pipeline.fields.participants import participant_counts
from pipeline.fields.places import event_places
from pipeline.fields.text import sentence_at
from pipeline.items import Seen
from pipeline.records import Item, ItemSighting, StoredCapture, parse_timestamp
from pipeline.repair import repair
from pipeline.segment import segment

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Extraction:
    """Everything one extraction produces, as rows ready for tables.py."""

    captures: list[dict[str, Any]] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    documents: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    repairs: Counter[str] = field(default_factory=Counter)


DocumentSink = Callable[[dict[str, Any]], None]
SightingKey = tuple[str, str, str, str | None]


def extract_warcs(paths: Iterable[tuple[Path, str]], on_document: DocumentSink) -> Extraction:
    """Read every response and revisit record; each payload is decoded and segmented once.

    Document rows go to `on_document` as they are made, and item sightings are interned,
    so an item that a thousand captures show is held once.
    """
    reader = _Reader(on_document)
    for path, display_name in paths:
        try:
            for stored in warc.iter_stored(path, display_name):
                reader.read(stored)
        except PipelineError as exc:
            log.error("%s", exc)
            reader.result.failures.append(_failure("extract", display_name, exc))
    return reader.result


class _Reader:
    def __init__(self, on_document: DocumentSink) -> None:
        self.result = Extraction()
        self.on_document = on_document
        self.capture_keys: set[tuple[str, str, str]] = set()
        self.sightings_by_digest: dict[str, list[ItemSighting]] = {}
        self.interned: dict[SightingKey, ItemSighting] = {}
        self.texts: dict[str, str] = {}

    def read(self, stored: StoredCapture) -> None:
        key = (stored.url, stored.timestamp, stored.digest)
        if key in self.capture_keys:
            return  # the same capture held in two files (a re-fetch, two collections)
        self.capture_keys.add(key)
        self.result.captures.append(_capture_row(stored))
        if stored.status != 200 or stored.mime not in HTML_TYPES:
            return
        if stored.digest not in self.sightings_by_digest:
            if stored.payload is None:
                return  # a revisit of a payload we have not read (its record is elsewhere)
            try:
                self.sightings_by_digest[stored.digest] = self._document(stored)
            except PipelineError as exc:
                self.sightings_by_digest[stored.digest] = []
                what = f"{stored.url} {stored.timestamp}"
                self.result.failures.append(_failure("decode", what, exc))
        for sighting in self.sightings_by_digest[stored.digest]:
            self.result.seen.append(Seen(sighting, stored.url, stored.timestamp, stored.digest))

    def _document(self, stored: StoredCapture) -> list[ItemSighting]:
        assert stored.payload is not None
        decoded = decode_payload(stored.payload, stored.content_type)
        text, repairs = repair(decoded.text)
        self.result.repairs.update(repairs)
        page = segment(text, stored.url)
        lang = Counter(s.lang for s in page.items if s.lang).most_common(1)
        self.result.documents += 1
        self.on_document(
            {
                "digest": stored.digest,
                "url": stored.url,
                "first_timestamp": parse_timestamp(stored.timestamp),
                "charset_declared": decoded.charset_declared,
                "charset_used": decoded.charset_used,
                "repairs": list(repairs),
                "title": page.title,
                "lang": lang[0][0] if lang else None,
                "text": page.text,
            }
        )
        return [self._intern(s) for s in page.items]

    def _intern(self, sighting: ItemSighting) -> ItemSighting:
        """One object per distinct sighting, and one string per distinct text."""
        key = (sighting.title, sighting.text, sighting.url, sighting.page_date)
        if key not in self.interned:
            sighting.text = self.texts.setdefault(sighting.text, sighting.text)
            self.interned[key] = sighting
        return self.interned[key]


def _failure(stage: str, what: str, exc: PipelineError) -> dict[str, Any]:
    return {"stage": stage, "what": what, "error_class": type(exc).__name__, "error": str(exc)}


def _capture_row(stored: StoredCapture) -> dict[str, Any]:
    return {
        "url": stored.url,
        "timestamp": parse_timestamp(stored.timestamp),
        "digest": stored.digest,
        "mime": stored.mime,
        "status": stored.status,
        "length": stored.length,
        "warc_file": stored.warc_file,
        "warc_offset": stored.warc_offset,
    }


def item_tables(items: list[Item]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in ("items", "item_captures", "events", "organizers", "participants", "places")
    }
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
    kind = event_type(item.title, sentence_at(body, when.span) if when else "", body[:400])
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
