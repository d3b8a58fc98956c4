"""The event's start and end date, in two layers.

1. Mentions (`find_mentions`): every date expression in the text, typed, with offsets: day
   and month in both orders, ranges and lists of days within and across months, weekday
   and "today (14/05)" forms, dd.mm.yyyy, month and year, a month alone ("in November"),
   Russian forms, and relative words ("yesterday") read against the date before them.
   Compiled patterns only: they are blind to "2030 Agenda" and to bare project years.
2. Role (`event_date`): which mention dates the reported event. Mentions LABELING.md
   excludes (publication lines, deadlines, periods, planned events, documents) drop out;
   of the rest the first in a sentence that reports an event wins, a day before a month.
   A day and month without a year take the year from the page's own date line or, failing
   that, from a reference date (the page's publication date or the first capture).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import dateparser

from pipeline.fields.kinds import names_event
from pipeline.fields.months import (
    EN_MONTHS,
    MONTH_NAMES,
    MONTHS_TITLED,
    RU_MONTH_FORMS,
    RU_MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    month_of_word,
)
from pipeline.fields.numbers import UNITS_WORDS
from pipeline.fields.text import PUBLICATION_LABELS, UPPER, sentence_at, sentences
from pipeline.records import EventDate, Span

# Languages of the offices' own pages (Ukraine, Belarus, Moldova, Türkiye, Georgia,
# Armenia, Azerbaijan, Central Asia, the Balkans) whose month names dateparser reads.
FOREIGN_LANGUAGES = ("uk", "be", "ro", "tr", "ka", "hy", "az", "kk", "ky", "uz", "mk", "sq")
FOREIGN_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
# Bilingual pages write the month twice: "14 - 18 დეკემბერი/December 2018" (iom.ge).
_EN = (
    r"(?:[^\W\d_A-Za-z]+/)?(?P<{name}>(?i:"
    + "|".join(sorted(EN_MONTHS, key=len, reverse=True))
    + r"))\.?"
)
# Russian month names in the cases dates use: 5 мая, в мае 2015, май 2015.
_RU = "(?P<{name}>(?i:" + "|".join(RU_MONTH_FORMS) + "))"
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|-?го|-е)?"
_DAY = r"(?<![\d:/])(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|-?го|-е)?"
_JOIN = (
    r"\s*(?:-|–|—|/|\bto\b|\band\b|\btill\b|\buntil\b|\bthrough\b|,\s*and\b|,|&|\bпо\b|\bи\b)\s*"
)
# The last day of a list may follow a slash: "On 14/15 May".
_LAST_DAY = r"(?<![\d:])(?P<d2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|-?го|-е)?"
# "21, 22 September", "14 - 15 - 17 - 18 December": the first and the last day count.
_DAYS = rf"{_DAY.format(name='d1')}(?:(?:{_JOIN}{_DAY_NUMBER})*{_JOIN}{_LAST_DAY})?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "May 28, 2019", "May 28 2019", "October 22,2015" (a comma without its space)
_EN_YEAR = rf"(?:(?:,\s*|\s+)(?:of\s+)?{_YEAR})?"
_RU_YEAR = rf"(?:\s+{_YEAR})?"

PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # 29 May - 1 June 2017 ; 29 November – 1 December, 2016
    (
        "day-month-day-month",
        "en",
        re.compile(
            rf"\b{_DAY.format(name='d1')}\s+(?:of\s+)?{_EN.format(name='m1')}{_JOIN}"
            rf"{_DAY.format(name='d2')}\s+(?:of\s+)?{_EN.format(name='m2')}{_EN_YEAR}\b"
        ),
    ),
    # May 29 - June 1, 2017
    (
        "month-day-month-day",
        "en",
        re.compile(
            rf"\b{_EN.format(name='m1')}\s+{_DAY.format(name='d1')}{_JOIN}"
            rf"{_EN.format(name='m2')}\s+{_DAY.format(name='d2')}{_EN_YEAR}\b"
        ),
    ),
    # April 18-20, 2018 ; January 28 and 29, 2013 ; May 10-13 of 2016 ; May 28, 2019
    (
        "month-day",
        "en",
        re.compile(rf"\b{_EN.format(name='m1')}\s+{_DAYS}{_EN_YEAR}\b(?!\s*(?:%|per))"),
    ),
    # 26-27 September 2016 ; On 21, 22 September 2016 ; from 7 to 10 October 2013 ;
    # 5th of June 2013 ; On 12 May
    ("day-month", "en", re.compile(rf"\b{_DAYS}\s+(?:of\s+)?{_EN.format(name='m1')}{_EN_YEAR}\b")),
    # 29 ноября – 1 декабря 2016 г.
    (
        "ru-day-month-day-month",
        "ru",
        re.compile(
            rf"\b{_DAY.format(name='d1')}\s+{_RU.format(name='m1')}{_JOIN}"
            rf"{_DAY.format(name='d2')}\s+{_RU.format(name='m2')}{_RU_YEAR}"
        ),
    ),
    # 26-27 сентября 2016 г. ; 5-го июня 2015 года ; с 7 по 10 октября
    ("ru-day-month", "ru", re.compile(rf"\b{_DAYS}\s+{_RU.format(name='m1')}{_RU_YEAR}")),
    (
        "numeric",
        "dot",
        re.compile(
            r"(?<![\d.])(?P<d1>[0-3]?\d)(?:\s*[-–]\s*(?P<d2>[0-3]?\d))?\.(?P<m1>[01]?\d)\."
            r"(?P<year>(?:19|20)\d\d)\b"
        ),
    ),
    # 14/05/2015 reads day first, as IOM's offices in Europe and Asia write it; a second
    # number above 12 is a US-order day (Drupal's "03/17/2017").
    (
        "numeric-slash",
        "slash",
        re.compile(r"\b(?P<d1>[0-3]?\d)/(?P<m1>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    ),
    ("iso", "dash", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)(?!\d)")),
    # 12-May-2015, as tables and listings write it
    (
        "day-month",
        "en",
        re.compile(rf"\b{_DAY.format(name='d1')}-{_EN.format(name='m1')}-{_YEAR}\b"),
    ),
    # IOM press releases: "IOM today (14/05) launched", "on Friday (3/7)", "On Tuesday and
    # Wednesday (20-21/03)"; the day word keeps "(24/7)" out.
    (
        "bracketed-day-month",
        "paren",
        re.compile(
            rf"\b(?i:today|yesterday|tomorrow|(?:on\s+)?(?:{WEEKDAYS})"
            rf"(?:\s*(?:and|-|–|to)\s*(?:{WEEKDAYS}))?)\s+"
            r"\((?P<d1>[0-3]?\d)(?:\s*[-–]\s*(?P<d2>[0-3]?\d))?/(?P<m1>[01]?\d)\)"
        ),
    ),
    # 14 травня 2015, 3-5 Aralık 2019, 14 დეკემბერი 2018: a month word of another
    # language the offices write in, read by dateparser (`_foreign_month`).
    (
        "foreign-day-month",
        "year",
        re.compile(rf"\b{_DAYS}\s+(?P<m1>[^\W\d_]{{3,15}})\.?,?\s+{_YEAR}(?:\s|[.,;]|$)"),
    ),
    # in November 2014 ; в ноябре 2014 года
    ("month-year", "en", re.compile(rf"\b{_EN.format(name='m1')},?\s+{_YEAR}\b")),
    ("month-year", "ru", re.compile(rf"\b{_RU.format(name='m1')}\s+{_YEAR}\b")),
    # "In November in Odesa, IOM conducted": a month alone after a preposition; capitalised,
    # so the verb "may" never reads as a month.
    (
        "month",
        "en",
        re.compile(
            r"(?:\b(?i:in|during|early|late|end of|beginning of)\s+|\b(?i:mid-))"
            r"(?P<m1>" + MONTHS_TITLED + r")\b(?!\s*\d)"
        ),
    ),
    (
        "month",
        "ru",
        re.compile(
            r"(?<!\w)(?i:в|в конце|в начале|в середине)\s+"
            r"(?P<m1>(?i:(?:" + "|".join(RU_MONTHS) + r")[еяа]))(?!\w)(?!\s*\d)"
        ),
    ),
)
# Relative words, as days (or months) after the date they are read against: a dateline,
# a date line.
RELATIVE_SHIFTS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "сегодня": 0,
    "вчера": -1,
}
RELATIVE_MONTH_SHIFTS = {
    "this month": 0,
    "earlier this month": 0,
    "last month": -1,
    "в этом месяце": 0,
    "в прошлом месяце": -1,
}
# A week gives only its month: "last week" on a page dated 20 October is October.
RELATIVE_WEEK_SHIFTS = {
    "this week": 0,
    "earlier this week": 0,
    "last week": -7,
    "на этой неделе": 0,
    "на прошлой неделе": -7,
}
RELATIVE_RULES = (
    dict.fromkeys(RELATIVE_SHIFTS, "relative")
    | dict.fromkeys(RELATIVE_MONTH_SHIFTS, "relative-month")
    | dict.fromkeys(RELATIVE_WEEK_SHIFTS, "relative-week")
)
SHIFTS = RELATIVE_SHIFTS | RELATIVE_MONTH_SHIFTS | RELATIVE_WEEK_SHIFTS
RELATIVE = re.compile(
    r"(?<!\w)(?<!as of )(?i:"
    + "|".join(sorted(RELATIVE_RULES, key=len, reverse=True))
    + r")(?!\w)(?!\s*\()"
)
# Each pattern runs only on text holding its gate's cheap mark: a month word, a digit
# beside a dot, slash or dash, a bracketed number, a year.
GATES = {
    "en": re.compile("(?i:" + "|".join(name[:3] for name in MONTH_NAMES) + ")"),
    "ru": re.compile("(?i:" + "|".join(RU_MONTHS) + ")"),
    "dot": re.compile(r"\d\.\d"),
    "slash": re.compile(r"\d/\d"),
    "dash": re.compile(r"\d-[01]\d-"),
    "paren": re.compile(r"\(\d"),
    "year": re.compile(r"\s(?:19|20)\d\d"),
}
# A weekday just before a date: "Mon, 09/02/2013".
WEEKDAY_BEFORE = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$", re.I)
# Two dates with a day each, read as one range: "November 8, 2021, and November 12, 2021".
RANGE_GAP = re.compile(
    rf"\s*,?\s*(?:-|–|—|to|and|till|until|through|по|до|и)(?:\s+(?:on|the))?"
    rf"(?:\s+(?:{WEEKDAYS}),?)?\s*",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A date expression: what it says, where, and the pattern that found it. Relative
    words carry `shift` until read against the date before them (`base`, its offset)."""

    span: Span
    rule: str
    month: int | None
    day: int | None = None
    year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    end_year: int | None = None
    shift: int | None = None
    base: int | None = None

    @property
    def is_range(self) -> bool:
        return self.end_day is not None


@dataclass
class Spans:
    """Disjoint spans kept sorted by start: whether a new span overlaps one of them is
    two comparisons after a binary search, not one per span kept (a page with thousands
    of dates took seconds per 100 KB when every match was compared with every span).
    `comparisons` counts the spans looked at, for the test that holds this linear."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    comparisons: int = 0

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect_right(self.starts, start)
        # Only the span starting at or before start, and the one after it, can overlap.
        for i in (at - 1, at):
            if 0 <= i < len(self.starts):
                self.comparisons += 1
                if self.starts[i] < end and start < self.ends[i]:
                    return True
        return False

    def covers(self, point: int) -> bool:
        at = bisect_right(self.starts, point) - 1
        self.comparisons += 1
        return at >= 0 and point < self.ends[at]

    def add(self, start: int, end: int) -> None:
        at = bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


def find_mentions(text: str, taken: Spans | None = None) -> list[Mention]:
    """Every date expression in text, in order; a longer reading wins over one inside it,
    and two dates joined by "to" or "and" become one range."""
    found: list[Mention] = []
    taken = Spans() if taken is None else taken
    opened = {name for name, gate in GATES.items() if gate.search(text)}
    for rule, gate, pattern in PATTERNS:
        for match in pattern.finditer(text) if gate in opened else ():
            if taken.overlaps(match.start(), match.end()):
                continue
            mention = _mention(match, rule)
            if mention is not None:
                found.append(mention)
                taken.add(match.start(), match.end())
    for match in RELATIVE.finditer(text):
        if not taken.covers(match.start()):
            word = match.group(0).lower()
            found.append(Mention(_span(match), RELATIVE_RULES[word], None, shift=SHIFTS[word]))
    return _join_ranges(text, sorted(found, key=lambda m: m.span.start))


def _span(match: re.Match[str]) -> Span:
    return Span(match.start(), match.end(), match.group(0))


def _month(token: str | None) -> int | None:
    if not token:
        return None
    token = token.lower().rstrip(".")
    if token.isdigit():
        value = int(token)
        return value if 1 <= value <= 12 else None
    return month_of_word(token)


@lru_cache(maxsize=4096)
def _foreign_month(word: str) -> int | None:
    """The month a word of another language names, by dateparser with the languages
    fixed and strict parsing ("травня" is 5); None for any other word."""
    parsed = dateparser.parse(
        f"1 {word} 2000", languages=list(FOREIGN_LANGUAGES), settings=FOREIGN_SETTINGS
    )
    return parsed.month if parsed is not None else None


def _mention(match: re.Match[str], rule: str) -> Mention | None:
    groups = match.groupdict()
    if rule == "numeric-slash" and (int(groups["m1"]) > 12 or _us_weekday(match)):
        groups = groups | {"d1": groups["m1"], "m1": groups["d1"]}
    if rule == "foreign-day-month":
        groups = groups | {"m1": str(_foreign_month(groups["m1"].lower()) or "")}
    m1 = _month(groups.get("m1"))
    if m1 is None:
        return None
    d1 = int(groups["d1"]) if groups.get("d1") else None
    d2 = int(groups["d2"]) if groups.get("d2") else None
    m2 = _month(groups.get("m2")) or (m1 if d2 else None)
    year = int(groups["year"]) if groups.get("year") else None
    if not _exists(year, m1, d1) or (m2 is not None and not _exists(year, m2, d2)):
        return None  # "31 September", "30 February"
    if d2 is not None and m2 == m1 and d1 is not None and d2 <= d1:
        return None  # "21, 22" reads forward; "5, 3 May" is not a range
    return Mention(_span(match), rule, m1, d1, year, m2 if d2 else None, d2)


def _us_weekday(match: re.Match[str]) -> bool:
    """A weekday before a slashed date that only the US order gives it: Drupal's
    "Mon, 09/02/2013" is 2 September, a Monday (9 February 2013 was a Saturday)."""
    weekday = WEEKDAY_BEFORE.search(match.string, max(0, match.start() - 12), match.start())
    if weekday is None:
        return False
    wanted = next(n for n, name in enumerate(WEEKDAY_NAMES) if name.startswith(weekday[1].lower()))
    first, second, year = int(match["d1"]), int(match["m1"]), int(match["year"])
    try:
        return date(year, second, first).weekday() != wanted == date(year, first, second).weekday()
    except ValueError:
        return False


def _exists(year: int | None, month: int, day: int | None) -> bool:
    try:
        date(year or 2000, month, day or 1)  # 2000 is a leap year: "29 February" stays
    except ValueError:
        return False
    return True


def _join_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "From 29 April to 1 May", "November 8, 2021, and November 12, 2021": a single
    date, a joining word, and another date after it make one range."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.day is not None
            and not last.is_range
            and mention.day is not None
            and RANGE_GAP.fullmatch(text[last.span.end : mention.span.start])
            and _follows(last, mention)
        ):
            start, end = last.span.start, mention.span.end
            joined[-1] = replace(
                last,
                span=Span(start, end, text[start:end]),
                rule=f"{last.rule}+{mention.rule}",
                year=last.year or mention.year,
                end_year=mention.year,
                end_month=mention.end_month or mention.month,
                end_day=mention.end_day or mention.day,
            )
        else:
            joined.append(mention)
    return joined


def _follows(first: Mention, second: Mention) -> bool:
    """Whether second can end a range first starts: later in the same year, early in the
    next ("29 December 2016 - 2 January 2017"), or in a later year stated (a period)."""
    assert first.month is not None and second.month is not None
    wraps = second.month < first.month and first.month - second.month >= 10
    if first.year and second.year and first.year != second.year:
        return second.year > first.year
    return (second.month, second.day or 0) > (first.month, first.day or 0) or wraps


# Role rules. Each takes the text and a mention; LABELING.md (tests/cases) is the source.

# Dates that are deadlines or ends of periods, not when something happened.
DEADLINE_BEFORE = re.compile(
    r"(?:\bby|\buntil|\btill|\bbefore|\b(?:not|no) later than|\bdeadline|\bexpires?|\bup to|"
    r"\bclosing date|\bpublished (?:in|on)(?: full in)?|\bsince|\bdue|\bas of|\bдо)"
    r"\s*(?:is\s+)?[:–-]?\s*(?:the\s+)?(?:end of\s+)?(?:\d{1,2}[:.]\d{2},?\s*)?$",
    re.I,
)
PLANNED_BEFORE = re.compile(
    r"\b(?:will|shall|planned|plans?|scheduled|upcoming|forthcoming|next|to be held|будет|будут|"
    r"планиру\w*|состоится)\b[^.;!?]{0,60}$",
    re.I,
)
HAPPENED_AFTER_CUE = re.compile(
    r"(?<!be )(?<!been )\b(?:took place|held|organi[sz]ed|conducted|took part|gathered|"
    r"convened|met)\b|состоял\w*|прош(?:ел|ёл|ла|ло|ли)\b",
    re.I,
)
DOCUMENT_BEFORE = re.compile(
    r"(?:\b(?:decree|law|resolution|order|decision|agreement|protocol|letter|report|"
    r"No\.?\s*[\d-]+|dated|указ\w*|закон\w*|постановлени\w*|приказ\w*|распоряжени\w*)"
    r"\s*(?:of|from|dated|от)?|\b(?:adopted|approved|ratified|enacted|entered into force)"
    r"\s+(?:on|in)|\bпринят\w*)\s*$",
    re.I,
)
MONTH_SPAN_BEFORE = re.compile(
    r"\b(?:from|between)\s+(?i:" + "|".join(MONTH_NAMES) + r")\s*(?:to|-|–|and|till|until)\s*$",
    re.I,
)
# What may share a line with a page's own date: "News | 06 September 2003", "Posted by
# admin on 5 May 2015", "Saturday, May 20, 2017 - 18:30", "Kyiv, 20 November 2018".
DATE_LINE_REST = re.compile(
    rf"(?:[\s|:,.–—-]|\d{{1,2}}:\d{{2}}|(?i:news|publish|{PUBLICATION_LABELS}|on|"
    rf"by\s+\w+|{WEEKDAYS})\b|[{UPPER}][\w’'-]+(?=,))*"
)
# A speech's salutations ("Excellencies,", "Ladies and Gentlemen,") on lines of their own.
SPEECH = re.compile(
    r"^\s*(?:Your\s+)?(?:Excellenc(?:y|ies)|Ladies and Gentlemen|Distinguished \w+"
    r"|Honou?rable \w+|Dear (?:colleagues|friends|participants))\b[^\n]{0,40},?\s*$",
    re.M | re.I,
)
# "Date Publish:" labels the page's date; "Date:" alone may head an event's ("Date: 5 May
# 2015 / Venue: ..."), so it is no label.
DATE_LABEL = re.compile(rf"\||\b(?:news|publish|{PUBLICATION_LABELS})\b", re.I)
HABITUAL_BEFORE = re.compile(
    r"\b(?:traditionally|usually|annually|each year|every year|ежегодно|традиционно)\b"
    r"[^.;!?]{0,60}$",
    re.I,
)
DATELINE_PLACE = re.compile(
    rf"\s*(?:г\.\s*)?[{UPPER}][\w’'.-]+(?:\s+[{UPPER}][\w’'.-]+)?\s*,\s*"  # "г. Уфа, "
)
# Russian datelines write the year's word before the dash: "Москва, 25 октября 2011 г. —";
# some end with a full stop instead ("Khujand, 14 June 2022. Today IOM ...", "Минск, 14
# апреля 2015 г. На прошлой неделе ...").
DATELINE_DASH = re.compile(
    rf"(?:\s*г(?:\.|ода\b))?\s*[–—-]\s|\s*г\.\s+(?=[{UPPER}])|\.\s+(?=[{UPPER}])"
)
# The place after a date that opens its line, then the dash: "13 JANUARY 2023, VAHDAT – ".
PLACE_DATELINE_AFTER = re.compile(rf",?\s+[{UPPER}][\w’'.-]+(?:\s+[{UPPER}][\w’'.-]+)?\s*[–—-]\s")
DATELINE_AFTER_REACH = 60
MAX_RANGE_DAYS = 62
RELATIVE_REACH = 600
DATELINE_REACH = 300
EARLIER_DAYS = 365
LATER_DAYS = 7


def is_date_line(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... publication." A single day
    with its year on a line of its own (beside a weekday, a time or a city), or after a
    label ("News | 06 September 2003", run into the text on ilo.org), is the page's date
    line, not the event's date."""
    if mention.is_range or mention.day is None or mention.year is None:
        return False
    before, after = _line_before(text, mention), _line_after(text, mention)
    if before is None:
        return False  # a line that long is no date line
    if DATE_LABEL.search(before) and DATE_LINE_REST.fullmatch(before):
        return True  # the text may run on after a label's date, on the same line
    return after is not None and DATE_LINE_REST.fullmatch(before + " " + after) is not None


# How far along its line the rules look from a date: a date line, dateline or header is
# short, and looking further would make every mention of a one-line page cost the page.
LINE_REACH = 300


def _line_before(text: str, mention: Mention) -> str | None:
    """The text from the start of the mention's line to it; None beyond LINE_REACH."""
    start = mention.span.start
    newline = text.rfind("\n", max(0, start - LINE_REACH), start)
    if newline < 0 and start > LINE_REACH:
        return None
    return text[newline + 1 : start]


def _line_after(text: str, mention: Mention) -> str | None:
    """The text from the mention to the end of its line; None beyond LINE_REACH."""
    end = mention.span.end
    newline = text.find("\n", end, end + LINE_REACH + 1)
    if newline < 0:
        return text[end:] if len(text) - end <= LINE_REACH else None
    return text[end:newline]


def is_dateline(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... publication" — the date of a
    dateline ("Bokhtar, 7 November 2019 – A workshop ... took place on 5 and 6 November",
    or date first: "13 January 2023, Vahdat – On 11-12 January IOM held") is when the news
    was written; a date the text states for the event wins over it."""
    before = _line_before(text, mention)
    if before is None:
        return False
    after = text[mention.span.end : mention.span.end + DATELINE_AFTER_REACH]
    if DATELINE_PLACE.fullmatch(before):
        return bool(DATELINE_DASH.match(after))
    return not before.strip() and bool(PLACE_DATELINE_AFTER.match(after))


def is_deadline(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: project periods ...": a date
    after "by", "until", "since", "deadline" ends or starts a period."""
    return (
        DEADLINE_BEFORE.search(text[max(0, mention.span.start - 30) : mention.span.start])
        is not None
    )


def is_planned(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... earlier or planned events":
    "will air on 1 December", "is scheduled for 5 May"; not when a verb in the past comes
    between ("the seminar, which will help officers, took place on 5 May")."""
    cue = PLANNED_BEFORE.search(text[max(0, mention.span.start - 80) : mention.span.start])
    return cue is not None and HAPPENED_AFTER_CUE.search(cue.group(0)) is None


def is_document_date(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... documents": "the Decree of
    12 May 2015", "Resolution No. 5 dated 3 June"."""
    return (
        DOCUMENT_BEFORE.search(text[max(0, mention.span.start - 40) : mention.span.start])
        is not None
    )


def is_period(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: project periods, programme
    years": a range of more than two months, or "from January to September 2016"."""
    if MONTH_SPAN_BEFORE.search(text[max(0, mention.span.start - 30) : mention.span.start]):
        return True
    if not mention.is_range or mention.end_month is None or mention.month is None:
        return False
    year = mention.year or 2001
    end_year = mention.end_year or (year + 1 if mention.end_month < mention.month else year)
    start = date(year, mention.month, min(mention.day or 1, 28))
    end = date(end_year, mention.end_month, min(mention.end_day or 1, 28))
    return (end - start).days > MAX_RANGE_DAYS


def is_habitual(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: `event_start` is the first day of the event the item reports,
    not of the series: "traditionally takes place at the beginning of March"; unless a
    verb in the past follows the cue ("held annually since 2010, took place on 12 June")
    or the date has its year ("fathers who leave every year, on 5 April 2019"): a series
    has no year."""
    if mention.year is not None and mention.day is not None:
        return False
    cue = HABITUAL_BEFORE.search(text[max(0, mention.span.start - 80) : mention.span.start])
    return cue is not None and HAPPENED_AFTER_CUE.search(cue.group(0)) is None


EXCLUSIONS = (is_deadline, is_planned, is_document_date, is_period, is_habitual)


def is_earlier(mention: Mention, page: date | None) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... earlier or planned events":
    a date stated with its year more than a year before the page's own date line ("The
    Network was launched in May 2018" on a page dated June 2021)."""
    if page is None or mention.year is None or mention.month is None:
        return False
    return (page - date(mention.year, mention.month, mention.day or 1)).days > EARLIER_DAYS


def is_later(mention: Mention, page: date | None) -> bool:
    """LABELING.md, Dates: "Not the dates of other things: ... planned events": a date
    stated with its year more than a week after the page's own date line was still to
    come when the page was written."""
    if page is None or mention.year is None or mention.month is None:
        return False
    day = date(mention.year, mention.month, mention.day or 1)
    return (day - page).days > LATER_DAYS


def is_event_header(text: str, mention: Mention) -> bool:
    """LABELING.md, Dates: `event_start` is the first day of the event the item reports.
    A range or a month on a line of its own heads the item with its event's dates
    ("29 May - 1 June 2017" above the text)."""
    if mention.day is not None and not mention.is_range:
        return False
    before, after = _line_before(text, mention), _line_after(text, mention)
    if before is None or after is None:
        return False  # a header line is short
    return not before.strip() and not after.strip(" .,")


def read_relative(text: str, mentions: list[Mention]) -> list[Mention]:
    """LABELING.md, Places: a dateline counts ("Moscow – On May 28, 2019"); for dates,
    "yesterday" or "last night" after a dateline is the day before it, "this month" its
    month. A relative word is read against the last day written at the top of the text
    (a dateline or a date line, within DATELINE_REACH), if it is at most RELATIVE_REACH
    characters back, and is no deadline, document or period ("the Law of 5 May 2015 ...
    Today, IOM"); with none, it says nothing (nor do the labels read "today" against a date
    the page shows outside its text)."""
    out: list[Mention] = []
    base: Mention | None = None
    for mention in mentions:
        if mention.shift is None:
            out.append(mention)
            if mention.day is not None and mention.span.start < DATELINE_REACH:
                excluded = any(rule(text, mention) for rule in EXCLUSIONS)
                base = base if excluded else mention
        elif base is not None and mention.span.start - base.span.end < RELATIVE_REACH:
            out.append(_shifted(mention, base))
    return out


def _shifted(mention: Mention, base: Mention) -> Mention:
    assert base.month is not None and base.day is not None and mention.shift is not None
    year = 2000 if base.year is None else base.year
    if mention.rule == "relative-month":
        months = year * 12 + base.month - 1 + mention.shift
        when, day = date(months // 12, months % 12 + 1, 1), None
    else:
        when = date(year, base.month, base.day) + timedelta(days=mention.shift)
        day = when.day if mention.rule == "relative" else None
    stated = when.year if base.year is not None else None
    return replace(mention, month=when.month, day=day, year=stated, base=base.span.start)


def event_date(
    text: str, reference: date | None, published: date | None = None
) -> EventDate | None:
    """The date of the event the text reports, or None when the text gives none;
    `published`, the date the page shows outside the text (its publication line), plays
    the part of a date line the text does not hold."""
    mentions = read_relative(text, find_mentions(text))
    if not mentions:
        return None
    speech = SPEECH.search(text) is not None
    # The page's own date line heads it: date lines further down date other items (a
    # sidebar's "Other news" copied with the text of a page without a heading).
    lines = [
        m
        for m in mentions
        if m.shift is None and is_date_line(text, m) and _valid(m) and m.span.start < DATELINE_REACH
    ]
    page = date(lines[0].year or 0, lines[0].month or 0, lines[0].day or 0) if lines else published
    line_ids = {id(m) for m in lines}
    candidates = [
        m
        for m in mentions
        if (speech or id(m) not in line_ids)
        and not any(rule(text, m) for rule in EXCLUSIONS)
        and not is_earlier(m, page)
        and not is_later(m, page)
    ]
    chosen = choose(text, candidates)
    if chosen is None:
        return None
    if chosen.year is None:
        chosen = _year_restated(chosen, mentions)
    if chosen.year is None and page is None:
        page = _dateline_date(text, mentions)  # the dateline's year is the page's own
    return with_duration(text, chosen, _resolve(chosen, page or reference))


# "a three-day training", "a two day workshop", "двухдневный семинар": how long the event
# lasted. Singular "day" only: "two days later", "for two days" measure something else.
_DAY_COUNTS = {word: n for word, n in UNITS_WORDS.items() if 2 <= n <= 10}
DURATION = re.compile(
    r"(?<![\w.,])(?P<n>"
    + "|".join(sorted(_DAY_COUNTS, key=len, reverse=True))
    + r"|[2-9]|10)(?:[-\s]day\b(?![-’']?s\b)|-?дневн)",
    re.I,
)
# The day the sentence dates is the event's last: "concluded today a three-day training".
ENDED = re.compile(
    r"\b(?:conclud(?:ed|es|ing)|complet(?:ed|es|ing)|clos(?:ed|es|ing)|finish(?:ed|es)|"
    r"wrap(?:ped|s)\s+up|ended)\b|заверш(?:ил|ен|ает|ают|ился|илась|ились|ились)\w*|"
    r"закрыл\w*|закрыт(?:ие|ия)\b",
    re.I,
)
# ... unless it says the event began then ("opened today a two-day conference"); not
# "in close cooperation", not "начальник" (a head of office).
BEGAN = re.compile(
    r"\b(?:open(?:ed|s|ing)|start(?:ed|s)|began|begins?|kick(?:ed|s)\s+off|launch(?:ed|es))\b|"
    r"открыл\w*|открыт(?:ие|ия)\b|начал(?:ся|ась|ось|ись|и|а|о)?\b",
    re.I,
)


def with_duration(text: str, chosen: Mention, found: EventDate) -> EventDate:
    """LABELING.md, Dates: `event_end` only for events longer than one day. One day stated
    for an event said to last N days gives the other: the end N-1 days after it, or the
    start N-1 days before it when its sentence says the event ended that day ("Bishkek,
    14 March 2019 – IOM today concluded a three-day training"). The duration is read in
    the date's sentence, else in the lead; two different durations say nothing."""
    if found.end is not None or found.start is None or len(found.start) != 10:
        return found
    if found.start.startswith("XXXX") or chosen.day is None:
        return found
    days = _duration(text, chosen)
    if days is None:
        return found
    sentence = (sentence_at(text, chosen.span) or ("", 0))[0]
    day = date.fromisoformat(found.start)
    if ENDED.search(sentence) and not BEGAN.search(sentence):
        first, last = day - timedelta(days=days - 1), day
    else:
        first, last = day, day + timedelta(days=days - 1)
    rule = f"{found.rule}+duration"
    return replace(found, start=first.isoformat(), end=last.isoformat(), rule=rule)


def _duration(text: str, chosen: Mention) -> int | None:
    own = sentence_at(text, chosen.span)
    lead = next(sentences(text), None)
    for sentence in (own, lead):
        if sentence is None:
            continue
        counts = {
            _DAY_COUNTS.get(m["n"].lower()) or int(m["n"]) for m in DURATION.finditer(sentence[0])
        }
        if counts:
            return counts.pop() if len(counts) == 1 else None
    return None


def _year_restated(chosen: Mention, mentions: list[Mention]) -> Mention:
    """LABELING.md, Dates: `year_stated` is false only when the text gives day and month
    without a year. The same days written again with their year state it: "On September
    6-8 the project held a training ... on September 6 – 8, 2017 in Almaty"."""
    same = (chosen.month, chosen.day, chosen.end_month, chosen.end_day)
    for m in mentions:
        if (
            m.year is not None
            and m.shift is None
            and (m.month, m.day, m.end_month, m.end_day) == same
        ):
            return replace(chosen, year=m.year, end_year=m.end_year)
    return chosen


def _dateline_date(text: str, mentions: list[Mention]) -> date | None:
    for m in mentions:
        if m.year and m.day and is_dateline(text, m) and _valid(m):
            return date(m.year, m.month or 1, m.day)
    return None


def choose(text: str, candidates: list[Mention]) -> Mention | None:
    """The first mention in a sentence that reports an event (or heading the item), a day
    before a month; a relative word that re-dates that mention's dateline wins over it."""
    if not candidates:
        return None
    spans = [(at, at + len(s)) for s, at in sentences(text)] if len(candidates) > 1 else []
    starts = [start for start, _ in spans]
    reports: dict[int, bool] = {}  # sentence index -> names an event: read once per sentence
    anchored = [
        m for m in candidates if len(candidates) == 1 or _anchored(text, m, spans, starts, reports)
    ]
    pool = anchored or candidates
    with_day = [m for m in pool if m.day is not None]
    chosen = (with_day or pool)[0]
    stated = [m for m in with_day if m is not chosen and m.shift is None]
    if stated and is_dateline(text, chosen):
        chosen = stated[0]
    relative = [
        m
        for m in pool
        if m.base == chosen.span.start and (m.rule == "relative" or not chosen.is_range)
    ]
    return relative[0] if relative and chosen.shift is None else chosen


def _anchored(
    text: str,
    mention: Mention,
    spans: list[tuple[int, int]],
    starts: list[int],
    reports: dict[int, bool],
) -> bool:
    if is_event_header(text, mention):
        return True
    at = bisect_right(starts, mention.span.start) - 1  # sentences are in order, disjoint
    if at >= 0 and mention.span.start < spans[at][1]:
        if at not in reports:
            start, end = spans[at]
            reports[at] = names_event(text[start:end])
        return reports[at]
    return False


def _valid(mention: Mention) -> bool:
    try:
        date(mention.year or 0, mention.month or 0, mention.day or 0)
    except ValueError:
        return False
    return True


def _resolve(chosen: Mention, reference: date | None) -> EventDate:
    year, inferred = chosen.year, False
    if year is None:
        year, inferred = _infer_year(chosen, reference), True
    assert chosen.month is not None
    start = _iso(year, chosen.month, chosen.day)
    end = None
    if chosen.end_day is not None and chosen.end_month is not None:
        end_year = year + 1 if year is not None and chosen.end_month < chosen.month else year
        end_year = chosen.end_year or end_year
        end = _iso(end_year, chosen.end_month, chosen.end_day)
    return EventDate(start, end, chosen.span, inferred, chosen.rule)


def _infer_year(mention: Mention, reference: date | None) -> int | None:
    """The latest year that puts the date on or before the reference (plus a week's slack
    for pages published just before an event they announce)."""
    if reference is None or mention.month is None:
        return None
    day = mention.day or 1
    if (mention.month, day) <= (reference.month, min(reference.day + 7, 31)):
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
    for mention in find_mentions(shown):
        if mention.year and mention.day and mention.month:
            try:
                return date(mention.year, mention.month, mention.day)
            except ValueError:
                return None
    return None
