"""Where the event took place: city, venue, country or region, with coordinates.

Only places in the sentence that says when the event happened, in a dateline, or in the
title count: other places in a news item are mostly where participants came from or
what they talked about, which the labeling rules exclude.
"""

from __future__ import annotations

import re

from pipeline.fields.gazetteer import lookup
from pipeline.records import Place, Span

_CAP = r"[A-ZА-ЯЁ][\w’'.-]*"
_NAME = rf"{_CAP}(?:\s+(?:of|the|de|for|and|named\s+after)?\s*{_CAP})*"
PLACE_AFTER_PREPOSITION = re.compile(
    rf"\b(?:in|at|to|в|во)\s+(?:the\s+)?(?P<name>{_NAME})(?:\s*\((?P<acronym>[A-Z]{{2,}})\))?"
)
DATELINE = re.compile(rf"^(?P<name>{_CAP}(?:\s+{_CAP})?)\s*(?:,\s*[^–—-]{{3,25}})?\s*[–—-]\s")
VENUE_WORDS = re.compile(
    r"\b(University|Hotel|Hall|House|Cent(?:er|re)|Academy|Department|Library|Museum|Palace|"
    r"Institute|School|Office|Embassy|Building|Premises|Street|Square|Theatre|Theater|Club|"
    r"Park|Plaza|Complex)\b"
)
NOT_A_PLACE_BEFORE = re.compile(r"(?:IOM|from|of|by)\s*$", re.I)
# A sentence's full stop, but not the dot of "St." or "O.E.".
TRAILING_STOP = re.compile(r"(?<=\w{3})\.$")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def event_places(title: str, body: str, date_span: Span | None) -> list[Place]:
    """Places in the title, in a dateline, and in the sentence holding the event date."""
    regions = [(title, 0)]
    sentence = _sentence_around(body, date_span) if date_span else _first_sentence(body)
    if sentence:
        regions.append(sentence)
    places: dict[str, Place] = {}
    dateline = DATELINE.match(body)
    if dateline:
        _add(
            places,
            dateline.group("name"),
            Span(dateline.start("name"), dateline.end("name"), dateline.group("name")),
        )
    for text, offset in regions:
        for match in PLACE_AFTER_PREPOSITION.finditer(text):
            if NOT_A_PLACE_BEFORE.search(text[max(0, match.start() - 6) : match.start()]):
                continue
            name = match.group("name")
            if match.group("acronym"):
                name = f"{name} ({match.group('acronym')})"
            span = Span(offset + match.start("name"), offset + match.end(), name)
            _add(places, name, span)
    return list(places.values())


def _add(places: dict[str, Place], name: str, span: Span) -> None:
    name = TRAILING_STOP.sub("", name)
    if name in places:
        return
    place = lookup(name)
    if place is not None:
        city = place.name if place.kind == "city" else None
        places[name] = Place(name, place.kind, city, place.country, place.lat, place.lon, span)
        return
    venue = VENUE_WORDS.search(name)
    if venue and venue.start() > 0:
        places[name] = Place(name, "venue", None, None, None, None, span)
        return
    # "Moscow State University" is a venue; "Kazan Federal University" too; a city named
    # first in a longer name says where the venue is.
    first = lookup(name.split()[0]) if " " in name else None
    if venue and first is not None:
        places[name] = Place(
            name,
            "venue",
            first.name if first.kind == "city" else None,
            first.country,
            first.lat,
            first.lon,
            span,
        )


def _sentence_around(body: str, span: Span) -> tuple[str, int] | None:
    for match in SENTENCE.finditer(body):
        if match.start() <= span.start < match.end():
            return match.group(0), match.start()
    return None


def _first_sentence(body: str) -> tuple[str, int] | None:
    match = SENTENCE.search(body)
    return (match.group(0), match.start()) if match else None
