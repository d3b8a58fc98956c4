"""Merging the sightings of one news item across captures and pages into one Item.

The same item shows up in dozens of captures, as a teaser on listings and whole on its
detail page, on three generations of the site. Sightings are grouped when they share the
opening words of their body or their title, and joined only if the shorter text is
(nearly) contained in the longer one, so two different events under one title stay apart.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pipeline.records import Item, ItemSighting

WORDS = re.compile(r"\w+", re.UNICODE)
ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")
OPENING_WORDS = 8
ID_WORDS = 12
SHINGLE = 3
MIN_CONTAINMENT = 0.8


@dataclass(frozen=True)
class Seen:
    """A sighting and the capture (url, timestamp, digest) it was seen in."""

    sighting: ItemSighting
    capture_url: str
    timestamp: datetime
    digest: str


def body_words(title: str, text: str) -> list[str]:
    """The item's words after its title, without a teaser's closing ellipsis."""
    body = text[len(title) :] if text.startswith(title) else text
    return WORDS.findall(ELLIPSIS.sub("", body.strip()).lower())


def merge(seen: Iterable[Seen]) -> list[Item]:
    seen = list(seen)
    distinct: dict[tuple[str, str], int] = {}
    for s in seen:
        distinct.setdefault((s.sighting.title, s.sighting.text), len(distinct))
    texts = list(distinct)
    words = [WORDS.findall(ELLIPSIS.sub("", t[1]).lower()) for t in texts]
    bodies = [body_words(title, text) for title, text in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, ((title, _), body) in enumerate(zip(texts, bodies, strict=True)):
        buckets[("body", " ".join(body[:OPENING_WORDS]))].append(index)
        buckets[("title", " ".join(WORDS.findall(title.lower())))].append(index)
    word_shingles = [shingles(w) for w in words]
    for (_kind, key), members in buckets.items():
        if not key:
            continue
        # Each text is compared with one representative per group found so far in the
        # bucket, not with every other text: buckets of a popular item hold hundreds.
        representatives: list[int] = []
        for member in members:
            for rep in representatives:
                if find(member) == find(rep) or _same_item(
                    word_shingles[member], word_shingles[rep]
                ):
                    parent[find(member)] = find(rep)
                    break
            else:
                representatives.append(member)
    groups: dict[int, list[Seen]] = defaultdict(list)
    for s in seen:
        groups[find(distinct[(s.sighting.title, s.sighting.text)])].append(s)
    return sorted((_item(members) for members in groups.values()), key=lambda i: i.first_seen)


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Word trigrams: what "the same text" is measured in, here and in evaluate.py."""
    if len(words) < SHINGLE:
        return {tuple(words)}
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _same_item(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter:
        return False
    return len(shorter & longer) / len(shorter) >= MIN_CONTAINMENT


def _item(members: list[Seen]) -> Item:
    fullest = max(members, key=lambda s: (len(s.sighting.text), s.timestamp))
    captures = sorted({(s.capture_url, s.timestamp, s.digest) for s in members}, key=lambda c: c[1])
    times = [c[1] for c in captures]
    return Item(
        item_id=item_id(members),
        title=fullest.sighting.title,
        text=fullest.sighting.text,
        lang=fullest.sighting.lang,
        url=canonical_url(members),
        first_seen=min(times),
        last_seen=max(times),
        n_captures=len({(c[0], c[1]) for c in captures}),
        captures=captures,
        page_dates=sorted({s.sighting.page_date for s in members if s.sighting.page_date}),
        full_text_captures=frozenset(
            (s.capture_url, s.timestamp, s.digest)
            for s in members
            if s.sighting.text == fullest.sighting.text
        ),
    )


def item_id(members: list[Seen]) -> str:
    """Stable across runs: derived from the words that open the item, not from run order."""
    texts = {(s.sighting.title, s.sighting.text) for s in members}
    openings = sorted(
        " ".join(body_words(title, text)[:ID_WORDS]) or title.lower() for title, text in texts
    )
    lang = members[0].sighting.lang or ""
    return hashlib.sha1(f"{lang}|{openings[0]}".encode()).hexdigest()[:16]


def canonical_url(members: list[Seen]) -> str:
    """The detail page's URL: where teasers link, else where the fullest text was seen."""
    links = [s.sighting.url for s in members if s.sighting.is_detail_link]
    if links:
        by_count: dict[str, int] = defaultdict(int)
        for link in links:
            by_count[link] += 1
        return max(sorted(by_count), key=lambda u: (by_count[u], u.startswith("https")))
    fullest = max(members, key=lambda s: (len(s.sighting.text), s.timestamp))
    return fullest.sighting.url
