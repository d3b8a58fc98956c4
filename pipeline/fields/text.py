"""Sentence splitting shared by the field extractors."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.records import Span

# A quoted stretch, each kind of quote closed by its own mark: names of events and
# organizations in quotes are read whole or left out by the field rules.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")

# A sentence ends at . ! ? followed by space and a capital, unless the word before the
# dot is an abbreviation ("St. Petersburg", "Mr. Profazi", "O.E. Kutafin").
# Line breaks, even blank lines, occur inside sentences of older pages (one <p> per
# line): a blank line ends a sentence only when the next line does not go on in lowercase.
_END = re.compile(r"(?<=[.!?])[\"”»]?\s+(?=[\"“«(]?[A-ZА-ЯЁ0-9])|\n\s*\n(?![a-zа-яё])")
_ABBREVIATION = re.compile(r"(?:\b(?:St|Mr|Mrs|Ms|Dr|No|Prof|Jr|Sr|vs|etc|г|ул|им)|\b[A-ZА-Я])\.$")


def sentences(text: str) -> Iterator[tuple[str, int]]:
    """(sentence, offset in text) pairs."""
    start = 0
    for boundary in _END.finditer(text):
        # Only the last few characters can hold the abbreviation; searching the whole
        # sentence so far made a page of initials ("A. B. C. ...") quadratic.
        if _ABBREVIATION.search(text, max(start, boundary.start() - 8), boundary.start()):
            continue
        if text[start : boundary.start()].strip():
            yield text[start : boundary.start()], start
        start = boundary.end()
    if text[start:].strip():
        yield text[start:], start


def sentence_at(text: str, span: Span | None) -> tuple[str, int] | None:
    """The sentence holding a span, with its offset in text."""
    if span is None:
        return None
    for sentence, offset in sentences(text):
        if offset <= span.start < offset + len(sentence):
            return sentence, offset
    return None
