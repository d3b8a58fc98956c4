"""Counts that describe attendance: "over 300 people", "34 participants", "nine governments".

A count is a number (digits or words) with an optional qualifier, at most a few modifiers,
and a noun for those who attended. Numbers before other nouns (years, money, member
states, sessions) are not attendance and are never reported.
"""

from __future__ import annotations

import re

from pipeline.records import Participants, Span

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
}
QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "up to": "up_to",
    "at least": "at_least",
    "not less than": "at_least",
    "более": "more_than",
    "свыше": "more_than",
    "около": "about",
    "порядка": "about",
    "до": "up_to",
    "не менее": "at_least",
}
UNITS = {
    "people": "people",
    "persons": "people",
    "participants": "people",
    "representatives": "people",
    "experts": "people",
    "officials": "people",
    "specialists": "people",
    "inspectors": "people",
    "students": "people",
    "guests": "people",
    "teachers": "people",
    "officers": "people",
    "staff": "people",
    "members": "people",
    "attendees": "people",
    "trainees": "people",
    "youth": "people",
    "migrants": "people",
    "women": "people",
    "children": "people",
    "lawyers": "people",
    "journalists": "journalists",
    "delegates": "delegates",
    "delegations": "delegates",
    "countries": "countries",
    "states": "countries",
    "governments": "countries",
    "nations": "countries",
    "institutions": "institutions",
    "bodies": "institutions",
    "agencies": "institutions",
    "ministries": "institutions",
    "universities": "institutions",
    "organizations": "organizations",
    "organisations": "organizations",
    "ngos": "organizations",
    "companies": "organizations",
    # Russian nouns after numerals: genitive plural (5 участников), genitive singular
    # (2 участника), nominative (21 участник).
    "человек": "people",
    "человека": "people",
    "участник": "people",
    "участника": "people",
    "участников": "people",
    "участниц": "people",
    "представителя": "people",
    "представителей": "people",
    "эксперта": "people",
    "экспертов": "people",
    "специалиста": "people",
    "специалистов": "people",
    "сотрудника": "people",
    "сотрудников": "people",
    "студента": "people",
    "студентов": "people",
    "слушателя": "people",
    "слушателей": "people",
    "мигранта": "people",
    "мигрантов": "people",
    "волонтеров": "people",
    "волонтёров": "people",
    "юристов": "people",
    "журналиста": "journalists",
    "журналистов": "journalists",
    "делегатов": "delegates",
    "делегации": "delegates",
    "делегаций": "delegates",
    "страны": "countries",
    "стран": "countries",
    "государств": "countries",
    "организации": "organizations",
    "организаций": "organizations",
    "учреждений": "institutions",
}
# Nouns that look like units but are the organization's own size, not an event's audience.
NOT_ATTENDANCE_BEFORE = re.compile(r"(?:member|observer)\s*$", re.I)
_NUMBER = (
    r"(?P<number>\d{1,3}(?:[ ,]\d{3})+|\d+|(?:"
    + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
    + r")(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
_QUALIFIER = (
    r"(?:(?P<qualifier>"
    + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
    + r")\s+)?"
)
# Up to four adjectives ("leading Russian and foreign", "Central Asian"), on one line, and
# never a preposition, article or month: "22 September 2016 IOM Moscow representatives"
# and "two training sessions for the participants" are not counts of anyone.
_NOT_MODIFIER = (
    r"(?:of|for|from|in|on|at|to|with|by|the|a|an|this|that|january|february|march|april|may"
    r"|june|july|august|september|october|november|december|\d+\w*)\b"
)
_MODIFIERS = rf"(?P<modifiers>(?:(?!{_NOT_MODIFIER})[\w’'-]+[ \t]+){{0,4}}?)"
_UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b"
QUOTES = frozenset("“\"«‘'„")
COUNT = re.compile(rf"(?<![\w.,-]){_QUALIFIER}{_NUMBER}[ \t]+{_MODIFIERS}{_UNIT}", re.I)
# Countries and governments count attendance only as where participants came from
# ("experts from more than 30 countries", "representatives of nine governments") or
# when they are said to take part; otherwise they are the topic ("migrants in six countries").
PLACE_UNITS = frozenset(
    {"countries", "governments", "states", "nations", "страны", "стран", "государств"}
)
ATTENDANCE_BEFORE = re.compile(
    r"(?:\bfrom|\bof|\brepresenting|\bbrings together|\bиз)\s+"
    r"(?:all\s+|the\s+)?$",
    re.I,
)
ATTENDANCE_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:took part|participated|attended|gathered|"
    r"were represented|приняли участие|участвовали|собрал\w*|присутствовали)",
    re.I,
)
# Modifier words that show the noun is not an audience ("5 million migrants", "20% of").
BAD_MODIFIERS = frozenset(
    {
        "million",
        "thousand",
        "billion",
        "percent",
        "per",
        "%",
        "years",
        "year",
        "member",
        "observer",
        "млн",
        "тыс",
    }
)


def participant_counts(text: str) -> list[Participants]:
    found = []
    for match in COUNT.finditer(text):
        if text[max(0, match.start() - 1) : match.start()] in QUOTES:
            continue  # a number opening a quoted name: the festival "8 women"
        modifiers = match.group("modifiers").lower().split()
        if BAD_MODIFIERS & set(modifiers):
            continue
        if NOT_ATTENDANCE_BEFORE.search(text[max(0, match.start() - 10) : match.start()]):
            continue
        if match.group("unit").lower() in PLACE_UNITS and not (
            ATTENDANCE_BEFORE.search(text[max(0, match.start() - 25) : match.start()])
            or ATTENDANCE_AFTER.search(text[match.end() : match.end() + 60])
        ):
            continue
        count = _to_int(match.group("number"))
        if count is None or 1900 <= count <= 2100 or count == 0:
            continue
        unit_word = match.group("unit").lower()
        if unit_word == "states" and "member" in modifiers:
            continue
        qualifier = QUALIFIERS.get((match.group("qualifier") or "").lower(), "exact")
        start = match.start("qualifier") if match.group("qualifier") else match.start("number")
        span = Span(start, match.end(), text[start : match.end()])
        found.append(Participants(count, qualifier, UNITS[unit_word], span, "count"))
    return found


def _to_int(token: str) -> int | None:
    token = token.lower().strip()
    digits = re.sub(r"[ ,]", "", token)
    if digits.isdigit():
        return int(digits)
    total = 0
    for part in re.split(r"[\s-]+", token):
        if part == "a":
            continue
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total or None
