"""The event's start and end date, from the forms IOM writes them in.

Candidate spans are found with compiled patterns (fast, and blind to "2030 Agenda" or
project years); the first full date in the body is the event's, as IOM news leads say
when the event happened in their first sentence. A day and month without a year take
the year from a reference date (the page's publication date or the first capture).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.records import EventDate, Span

EN_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_EN = (
    r"(?P<{name}>(?i:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?"
)
# Russian month names in the cases dates use: 5 мая, в мае 2015, май 2015.
_RU = (
    r"(?P<{name}>(?i:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]"
    r"|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]))"
)
_DAY = r"(?<![\d:/])(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|-?го|-е)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_JOIN = r"\s*(?:-|–|—|to|and|till|until|through|,|&|по|и)\s*"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 29 May - 1 June 2017 ; 29 November – 1 December, 2016
    (
        "day-month-day-month",
        re.compile(
            rf"\b{_DAY.format(name='d1')}\s+{_EN.format(name='m1')}{_JOIN}"
            rf"{_DAY.format(name='d2')}\s+{_EN.format(name='m2')}(?:,?\s+{_YEAR})?\b"
        ),
    ),
    # April 18-20, 2018 ; January 28 and 29, 2013 ; March 16-17, 2017 ; May 28, 2019
    (
        "month-day",
        re.compile(
            rf"\b{_EN.format(name='m1')}\s+{_DAY.format(name='d1')}"
            rf"(?:{_JOIN}{_DAY.format(name='d2')})?(?:,?\s+{_YEAR})?\b(?!\s*(?:%|per))"
        ),
    ),
    # 26-27 September 2016 ; On 21, 22 September 2016 ; from 7 to 10 October 2013 ;
    # 5th of June 2013 ; On 12 May
    (
        "day-month",
        re.compile(
            rf"\b{_DAY.format(name='d1')}(?:{_JOIN}{_DAY.format(name='d2')})?\s+(?:of\s+)?"
            rf"{_EN.format(name='m1')}(?:,?\s+{_YEAR})?\b"
        ),
    ),
    # 29 ноября – 1 декабря 2016 г.
    (
        "ru-day-month-day-month",
        re.compile(
            rf"\b{_DAY.format(name='d1')}\s+{_RU.format(name='m1')}{_JOIN}"
            rf"{_DAY.format(name='d2')}\s+{_RU.format(name='m2')}(?:\s+{_YEAR})?"
        ),
    ),
    # 26-27 сентября 2016 г. ; 5-го июня 2015 года
    (
        "ru-day-month",
        re.compile(
            rf"\b{_DAY.format(name='d1')}(?:{_JOIN}{_DAY.format(name='d2')})?\s+"
            rf"{_RU.format(name='m1')}(?:\s+{_YEAR})?"
        ),
    ),
    ("numeric", re.compile(r"\b(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    # IOM press releases: "IOM today (14/05) launched", "on Friday (3/7)"; the day word
    # keeps "(24/7)" out.
    (
        "bracketed-day-month",
        re.compile(
            r"\b(?i:today|yesterday|tomorrow|on\s+\w+day)\s+"
            r"\((?P<d1>[0-3]?\d)/(?P<m1>[01]?\d)\)"
        ),
    ),
    # in November 2014 ; в ноябре 2014 года
    ("month-year", re.compile(rf"\b{_EN.format(name='m1')},?\s+{_YEAR}\b")),
    ("month-year", re.compile(rf"\b{_RU.format(name='m1')}\s+{_YEAR}\b")),
)
CHEAP_CHECK = re.compile(
    r"\d\s*(?:st|nd|rd|th|-?го|-е)?\s+(?:of\s+)?[A-Za-zА-Яа-я]|[A-Za-zА-Яа-я]\.?\s+\d|\d\.\d"
    r"|\(\d{1,2}/\d{1,2}\)",
    re.I,
)


@dataclass(frozen=True)
class Candidate:
    start_day: int | None
    start_month: int
    end_day: int | None
    end_month: int | None
    year: int | None
    span: Span
    rule: str


def find_candidates(text: str) -> list[Candidate]:
    if not CHEAP_CHECK.search(text):
        return []
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            candidate = _candidate(match, rule)
            if candidate is not None:
                found.append(candidate)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda c: c.span.start)


def _month(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower().rstrip(".")
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 12 else None
    if token in EN_MONTHS:
        return EN_MONTHS[token]
    for stem, number in RU_MONTHS.items():
        if token.startswith(stem) and (stem != "ма" or token in ("мая", "май", "мае")):
            return number
    return None


def _candidate(match: re.Match[str], rule: str) -> Candidate | None:
    groups = match.groupdict()
    m1 = _month(groups.get("m1"))
    if m1 is None:
        return None
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    m2 = _month(groups.get("m2")) or (m1 if d2 else None)
    year = int(groups["year"]) if groups.get("year") else None
    if (d1 is not None and not 1 <= d1 <= 31) or (d2 is not None and not 1 <= d2 <= 31):
        return None
    if d2 is not None and m2 == m1 and d1 is not None and d2 <= d1:
        return None  # "21, 22" reads forward; "5, 3 May" is not a range
    if rule == "month-year" and year is None:
        return None
    span = Span(match.start(), match.end(), match.group(0))
    return Candidate(d1, m1, d2, m2, year, span, rule)


# Dates that are deadlines or ends of periods, not when something happened.
NOT_EVENT_BEFORE = re.compile(
    r"(?:\bby|\buntil|\btill|\bbefore|\bnot later than|\bdeadline|\bexpires?|\bup to|"
    r"\bpublished in(?: full in)?|\bsince|\bdue)\s*(?:the\s+)?(?:end of\s+)?"
    r"(?:\d{1,2}[:.]\d{2},?\s*)?$",
    re.I,
)


def event_date(text: str, reference: date | None) -> EventDate | None:
    """The first dated candidate that names a day, else the first month-and-year."""
    candidates = [
        c
        for c in find_candidates(text)
        if not NOT_EVENT_BEFORE.search(text[max(0, c.span.start - 30) : c.span.start])
    ]
    with_day = [c for c in candidates if c.start_day is not None]
    chosen = with_day[0] if with_day else (candidates[0] if candidates else None)
    if chosen is None:
        return None
    year, inferred = chosen.year, False
    if year is None:
        year, inferred = _infer_year(chosen, reference), True
    start = _iso(year, chosen.start_month, chosen.start_day)
    end = None
    if chosen.end_day is not None and chosen.end_month is not None:
        end_year = year + 1 if year is not None and chosen.end_month < chosen.start_month else year
        end = _iso(end_year, chosen.end_month, chosen.end_day)
    return EventDate(start, end, chosen.span, inferred, chosen.rule)


def _infer_year(candidate: Candidate, reference: date | None) -> int | None:
    """The latest year that puts the date on or before the reference (plus a week's slack
    for pages published just before an event they announce)."""
    if reference is None:
        return None
    day = candidate.start_day or 1
    if (candidate.start_month, day) <= (reference.month, min(reference.day + 7, 31)):
        return reference.year
    return reference.year - 1


def _iso(year: int | None, month: int, day: int | None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    return f"{y}-{month:02d}-{day:02d}" if day is not None else f"{y}-{month:02d}"


ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)")
US_DATE = re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")


def publication_date(shown: str) -> date | None:
    """A page's own date line: ISO (`<time datetime>`), US order (Drupal 7 shows
    "Fri, 03/17/2017"), or written out ("27 October 2013")."""
    for pattern in (ISO_DATE, US_DATE):
        match = pattern.search(shown)
        if match:
            try:
                return date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                return None
    for candidate in find_candidates(shown):
        if candidate.year and candidate.start_day:
            try:
                return date(candidate.year, candidate.start_month, candidate.start_day)
            except ValueError:
                return None
    return None
