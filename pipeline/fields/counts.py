"""Counts in free text: a number with its qualifier and noun ("more than 40 border officers").

The first layer of participant extraction (tests/cases/LABELING.md, "Participants"): it finds every
count of people, delegations, countries or institutions, whatever role it plays in the
text. Deciding which counts describe an event's attendance is participants.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.fields.months import EN_MONTHS
from pipeline.fields.numbers import MULTIPLIERS, UNITS_WORDS
from pipeline.fields.russian import names_people
from pipeline.fields.text import RU_NOT_NAME_WORDS

QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "approx.": "about",
    "an estimated": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "up to": "up_to",
    # LABELING.md has no label below "up_to"; it is the nearest to "fewer than 20".
    "fewer than": "up_to",
    "less than": "up_to",
    "at least": "at_least",
    "not less than": "at_least",
    "no less than": "at_least",
    # LABELING.md lists no label for "as many as": it is "else exact"; recognized so
    # that it is not read as a modifier.
    "as many as": "exact",
    "a total of": "exact",
    "более": "more_than",
    "свыше": "more_than",
    "больше": "more_than",
    "около": "about",
    "порядка": "about",
    "примерно": "about",
    "почти": "about",
    "до": "up_to",
    "не менее": "at_least",
}
# Qualifiers written after the number: "100 or so people", "30 or more experts", "50+".
AFTER_QUALIFIERS = {"or so": "about", "or more": "at_least", "and more": "more_than"}

# The one table of nouns a count can be of, by the unit LABELING.md names for it.
# Russian nouns follow numerals in the genitive plural (5 участников), the genitive
# singular (2 участника) or the nominative (21 участник).
NOUNS_BY_UNIT = {
    "people": (
        "people persons individuals participants attendees trainees representatives experts"
        " officials officers specialists professionals practitioners inspectors investigators"
        " prosecutors judges lawyers guards enforcers police policemen policewomen servicemen"
        " students pupils teachers trainers educators lecturers researchers scholars academics"
        " employees staff workers members leaders managers heads chiefs directors coordinators"
        " doctors nurses psychologists volunteers activists youth youngsters women men girls"
        " boys children adolescents migrants refugees returnees guests visitors speakers"
        " panelists panellists moderators facilitators mediators stakeholders diplomats"
        " ambassadors consuls parliamentarians deputies mayors entrepreneurs employers farmers"
        " friends supporters graduates interns learners servants residents citizens nationals"
        " ministers governors senators cadets recruits personnel analysts counsellors"
        " counselors caseworkers parents mothers fathers families artists athletes players"
        " observers donors partners bloggers editors photographers applicants candidates"
        " schoolchildren mps beneficiaries youths teenagers kids recruiters scientists"
        " professors attaches attachés physicians paramedics attorneys notaries advocates"
        " paralegals soldiers imams job-seekers jobseekers instructors supervisors"
        " человек человека участник участника участников участниц представителя"
        " представителей эксперта экспертов специалиста специалистов сотрудника сотрудников"
        " студента студентов слушателя слушателей мигранта мигрантов волонтеров волонтёров"
        " юристов людей учащихся школьников детей женщин пограничников полицейских судей"
        " прокуроров инспекторов гостей зрителей членов руководителей работодателей"
        " учителей психологов директоров viewers spectators listeners"
        " работодателя тренеров преподавателей врачей"
    ),
    "journalists": "journalists reporters журналиста журналистов",
    "delegates": "delegates delegations делегатов делегации делегаций",
    "countries": "countries states governments nations republics страны стран государств",
    "institutions": (
        "institutions bodies agencies ministries universities authorities municipalities"
        " departments embassies schools centres centers offices services councils colleges"
        " administrations"
        " akimats учреждений ведомств министерств вузов университетов"
    ),
    "organizations": (
        "organizations organisations ngos csos companies businesses associations enterprises"
        " firms outlets организации организаций нко"
    ),
    # Parts of a country that participants came from ("from nine oblasts") are "other".
    "other": (
        "oblasts regions provinces districts cities towns communities hromadas rayons villages"
        " settlements jamoats регионов областей городов районов субъектов"
    ),
}
UNIT_OF_NOUN = {noun: unit for unit, nouns in NOUNS_BY_UNIT.items() for noun in nouns.split()}
# "a group of 18", "an audience of 300" name no noun: the group is of people.
GROUPS = ("group", "audience", "crowd", "team", "cohort", "delegation")

# Blanks inside a count: spaces, tabs and no-break spaces, and at most one line break
# (older pages break lines inside sentences, one <p> per line).
_S = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_WORD_NUMBER = "|".join(sorted(map(re.escape, [*UNITS_WORDS, *MULTIPLIERS]), key=len, reverse=True))
# A spelled number is a run of number words ("one hundred and twenty-five", "a dozen").
_NUMBER = (
    r"(?P<number>\d{1,3}(?:[ ,\u00a0]\d{3})+(?!\d)|\d+"
    rf"|(?:an?{_S})?(?:{_WORD_NUMBER})(?:(?:{_S}and{_S}|{_S}|-)(?:{_WORD_NUMBER}))*)"
    # "twenty (20) participants", "20 (twenty) participants": the figure said twice.
    rf"(?:{_S}?\((?:\d+|[a-z]+(?:[ -][a-z]+)?)\))?"
)
_QUALIFIER = (
    r"(?:(?P<qualifier>"
    + "|".join(re.escape(q).replace(r"\ ", _S) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + rf"){_S})?"
)
# Money written before the figure: "USD 40", "EUR 1,200", "$ 30".
MONEY_BEFORE = re.compile(
    r"(?:\b(?:USD|EUR|GBP|CHF|US|GEL|KZT|MDL|UAH|AZN|руб)\.?|[$€£])\s*$", re.I
)
VAGUE_BEFORE = re.compile(r"\b(?:few|several|many|hundreds|thousands)\s+$", re.I)
_AFTER = rf"(?:{_S}(?P<after>" + "|".join(map(re.escape, AFTER_QUALIFIERS)) + r")|(?P<plus>\+))?"
# Up to six modifiers ("leading Russian and foreign", "IOM’s"), never a
# preposition, article, month or number: "22 September 2016 IOM Moscow representatives"
# and "two sessions for the participants" count no one.
_NOT_MODIFIER = (
    r"(?:of|for|from|in|on|at|to|with|by|the|a|an|this|that|who|which|whose|were|was|are|is"
    r"|have|has|had|its|their|his|her|our|and\s+(?:offers?|provides?|has|have|is|are)"
    rf"|{RU_NOT_NAME_WORDS}"
    rf"|{'|'.join(EN_MONTHS)}|\d+\w*|{_WORD_NUMBER})\b"
)
# A modifier holds a dot only as an abbreviation ("U.S."), never a sentence's end.
_WORD = r"(?:(?:[A-Za-z]\.){2,}|[\w’'-]+(?:\.[\w’'-]+)*)"
_MODIFIERS = rf"(?P<modifiers>(?:(?!{_NOT_MODIFIER}){_WORD}{_S}){{0,6}}?)"
_NOUN = r"(?P<noun>" + "|".join(sorted(UNIT_OF_NOUN, key=len, reverse=True)) + r")(?![\w-])"
COUNT = re.compile(rf"(?<![\w.,$€£#№-]){_QUALIFIER}{_NUMBER}{_AFTER}{_S}{_MODIFIERS}{_NOUN}", re.I)
# The first of two counts sharing a noun: "five Tajik and fifteen Afghan officers".
ELLIPTIC = re.compile(
    rf"(?<![\w.,$€£#№-]){_QUALIFIER}{_NUMBER}{_S}(?P<modifiers>(?:(?!{_NOT_MODIFIER})[\w’'-]+{_S})"
    rf"{{1,2}})and{_S}$",
    re.I,
)
# A Russian count whose noun no list holds: a number, adjectives (by their endings: "30
# молодых", "25 опытных") and a lower-case word that pymorphy reads as a person
# ("30 офицеров", "12 инструкторов").
RU_COUNT = re.compile(
    rf"(?<![\w.,$€£#№-]){_QUALIFIER}{_NUMBER}{_S}(?P<words>[а-яё-]+(?:{_S}[а-яё-]+){{0,3}})",
    re.I,
)
RU_ADJECTIVE_END = ("ых", "их", "ого", "его")
GROUP_COUNT = re.compile(
    rf"\b(?P<noun>{'|'.join(GROUPS)}){_S}of{_S}(?P<number>\d+)(?![\w,.]\d)", re.I
)
# Modifiers that make the number a statistic or an age, not a head count.
_STATISTIC_MODIFIERS = "million billion thousand percent per % year years year-old old aged млн тыс"
STATISTIC_MODIFIERS = frozenset(_STATISTIC_MODIFIERS.split())
QUOTES = frozenset("“\"«‘'„")


@dataclass(frozen=True)
class Mention:
    """A count as written: start..end runs from its qualifier (or number) to its noun."""

    count: int
    qualifier: str
    unit: str
    noun: str  # the head noun, lower case ("officers", "group")
    start: int
    end: int


def mentions(text: str) -> list[Mention]:
    """Every count in the text, in order of position."""
    found = [m for m in map(_from_count, COUNT.finditer(text)) if m and _standalone(text, m)]
    starts = {m.start for m in found}
    elliptic = (_elliptic(text, m) for m in found)
    found += [e for e in elliptic if e and e.start not in starts]
    starts |= {m.start for m in found}
    found += [m for m in map(_from_russian, RU_COUNT.finditer(text)) if m and m.start not in starts]
    starts |= {m.start for m in found}
    groups = map(_from_group, GROUP_COUNT.finditer(text))
    found += [g for g in groups if not any(g.start < s < g.end for s in starts)]
    return sorted(found, key=lambda m: m.start)


def _elliptic(text: str, second: Mention) -> Mention | None:
    window = max(0, second.start - 60)
    match = ELLIPTIC.search(text, window, second.start)
    if not match or any(w.endswith("s") for w in match.group("modifiers").split()):
        return None  # adjectives ("Thai and"), not a noun of their own ("3 days and")
    count = to_int(match.group("number"))
    if count is None or count == 0 or _looks_like_year(match.group("number")):
        return None
    qualifier = _qualifier(match.group("qualifier"))
    start = match.start("qualifier") if match.group("qualifier") else match.start("number")
    end = match.start("modifiers") + len(match.group("modifiers").rstrip())
    return Mention(count, qualifier, second.unit, second.noun, start, end)


def _from_count(match: re.Match[str]) -> Mention | None:
    if STATISTIC_MODIFIERS & set(match.group("modifiers").lower().split()):
        return None
    count = to_int(match.group("number"))
    if count is None or count == 0 or _looks_like_year(match.group("number")):
        return None
    qualifier = _qualifier(match.group("qualifier"))
    if match.group("after"):
        qualifier = AFTER_QUALIFIERS[match.group("after").lower()]
    elif match.group("plus"):
        qualifier = "more_than"
    noun = match.group("noun").lower()
    start = match.start("qualifier") if match.group("qualifier") else match.start("number")
    return Mention(count, qualifier, UNIT_OF_NOUN[noun], noun, start, match.end())


def _from_russian(match: re.Match[str]) -> Mention | None:
    """The first word after the number that names people ("30 офицеров", "120 ученых и
    практиков"), past adjectives ("45 потенциальных мигрантов")."""
    end = match.start("words")
    for word in re.finditer(r"[а-яё-]+", match.group("words"), re.I):
        noun = word.group().lower()
        if noun in UNIT_OF_NOUN:
            return None  # COUNT reads it
        if names_people(noun):
            end = match.start("words") + word.end()
            break
        if not noun.endswith(RU_ADJECTIVE_END):
            return None
    else:
        return None
    count = to_int(match.group("number"))
    if count is None or count == 0 or _looks_like_year(match.group("number")):
        return None
    qualifier = _qualifier(match.group("qualifier"))
    start = match.start("qualifier") if match.group("qualifier") else match.start("number")
    return Mention(count, qualifier, "people", noun, start, end)


def _qualifier(words: str | None) -> str:
    return QUALIFIERS.get(" ".join((words or "").lower().split()), "exact")


def _from_group(match: re.Match[str]) -> Mention:
    count = int(match.group("number"))
    noun = match.group("noun").lower()
    return Mention(count, "exact", "people", noun, match.start(), match.end())


def _standalone(text: str, mention: Mention) -> bool:
    """Not the number opening a quoted name (the festival "8 women"), nor a sum of money,
    nor part of a vague amount ("several hundred people", "a few dozen")."""
    before = text[max(0, mention.start - 10) : mention.start]
    return (
        before[-1:] not in QUOTES
        and not MONEY_BEFORE.search(before)
        and not VAGUE_BEFORE.search(before)
    )


def _looks_like_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


def to_int(token: str) -> int | None:
    """'1,200' -> 1200, 'twenty-five' -> 25, 'two hundred' -> 200, 'a dozen' -> 12."""
    digits = re.sub(r"[\s,]", "", token)
    if digits.isdigit():
        return int(digits)
    total = current = 0
    for word in re.split(r"[\s-]+", token.lower()):
        if word in ("a", "an", "and"):
            continue
        if word in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        else:
            return None
    return (total + current) or None
