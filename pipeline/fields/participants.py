"""Counts that describe an event's attendance: "over 300 people", "34 participants".

Two layers. counts.py finds every count in the text; here each count is given a role.
A count is attendance when one of the role rules below says so (each cites the line of
tests/cases/LABELING.md it implements) and no exclusion applies. Counts that are only
mentioned (statistics, a project's beneficiaries, IOM's size, a centre's capacity) have
no attendance trigger near them and are never reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

from pipeline.fields.counts import Mention, mentions
from pipeline.fields.kinds import about_another_event
from pipeline.fields.months import EN_MONTHS
from pipeline.fields.text import EVENT_NOUNS, sentences
from pipeline.records import Participants, Span

# Nouns that name attendees by what they are: "34 participants" needs no verb.
_ATTENDEE_NOUNS = (
    "participants attendees trainees delegates delegations участник участника участников"
    " участниц слушателя слушателей делегатов делегации делегаций"
)
ATTENDEE_NOUNS = frozenset(_ATTENDEE_NOUNS.split())
# Units that say where attendees came from rather than who they were.
ORIGIN_UNITS = frozenset({"countries", "institutions", "organizations", "other"})
# Verbs of attending. These may stand before the count too, in Russian word order and
# in inversions ("приняли участие 200 человек", "taking part were 40 experts").
_ATTEND = (
    r"took\s+(?:a\s+)?part|take\s+part|taking\s+part|participated|participate|attended"
    r"|gathered|joined|in\s+attendance|приняли\s+участие|принимали\s+участие|участвовали"
    r"|присутствовали|собрались|собрал\w*|подключил\w*|освещал\w*|прошли\s+обучение"
    r"|участвуют|принимают\s+участие"
    r"|посмотрели|просмотрели|пришли|пришло"
    r"|обучение\s+прошли|followed\s+(?:online|the\s+(?:event|broadcast|stream))"
    r"|участие\s+(?:в\s+[^.;:!?]{0,60}?)?приняли"
)
# What those at an event do; said only after the count ("50 experts discussed"): before
# it they take objects that are no audience ("visited three institutions").
_ATTEND_AFTER = (
    _ATTEND + r"|came\s+together|convened|met\b|were\s+trained|have\s+been\s+trained"
    r"|had\s+been\s+trained|received\s+training|completed\s+(?:today\s+)?(?:the|an?)\b"
    r"|learned|learnt|visited"
    r"|were\s+(?:introduced|briefed|taught|familiari[sz]ed|acquainted|present|represented)"
    r"|watched|celebrated|discussed|exchanged|trained"
    # Headlines speak in the present: "Experts from 10 Countries Meet in Astana".
    r"|attend|gather|meet|complete|learn|discuss|visit"
    # ... and the Russian verbs of the same: "около тридцати экспертов обсудили"
    r"|обсудили|обсуждали|обменялись|познакомились|узнали|посетили|встретились|изучили"
    r"|benefit\w*\s+from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:" + EVENT_NOUNS + r")"
)
# What may stand between a trigger and its count: "brought together including 40",
# "gathered a diverse group of 18", "attended by the representatives of more than 150".
_GAP = (
    r"(?:\s*,?\s*(?:the|a|an|all|its|their|including|some|diverse|total|group|of|were|was"
    r"|representatives|members|delegation|delegations|представители|представителей"
    r"|делегации|делегаций))*\s*,?\s*$"
)
_TRIGGER = (
    # "attended by the Head of the Department, the Head of EUBAM and about 30 border
    # guards": the count that ends the list of those who attended
    r"(?:(?:attended\s+by|brought\s+together|with\s+the\s+participation\s+of)\s+"
    r"[^.;:!?\d]{1,150}?(?:,|\s+and)"
    r"|attended\s+by|brought\s+together|brings\s+together|bringing\s+together|bring"
    r"\s+together|gathers|gathering|reunited|train|trained|trains|training"
    r"|joined\s+by|watched\s+by|(?:with\s+the\s+)?(?:active\s+)?participation\s+of"
    r"|(?:organi[sz]ed|held|conducted|delivered|hosted)\s+(?:it|them)\s+for"
    r"|(?:participants|attendees|audience)\s+(?:included|includes|comprised|were)"
    # (a quoted title between them: "семинар «Торговля людьми: роль СМИ» для 35 журналистов")
    r"|(?:" + EVENT_NOUNS + r")\b(?:[^.;:!?«“]|«[^»]{0,120}»|“[^”]{0,120}”){0,90}?"
    r"\b(?:for|(?P<to>to)|для)"
    r"|участниками\s+[^.;:!?]{0,40}?стали"
    # "Показ посетили более 200 зрителей", but "посетили три учреждения" counts no one
    r"|(?P<visited>посетили|посетило)"
    # "UNHCR took part, as did 30 representatives of local bodies"
    r"|(?:took\s+part|participated|attended|joined|were\s+present)\s*,?\s+as\s+(?:did|were)"
    r"|during\s+the\s+(?:[\w-]+\s+){0,2}?(?:" + EVENT_NOUNS + r")|" + _ATTEND + r")"
)
BEFORE = re.compile(_TRIGGER + _GAP, re.I)
# Characters before a count that its trigger may start in: "attended by the Deputy
# Minister of Justice, the Governor of Kakheti, the Head of ... and some 40 guests".
TRIGGER_REACH = 200
# Said of an event, these verbs take its audience; said of a project, its beneficiaries
# ("a project involving 300 migrants" is no attendance).
EVENT_VERB = re.compile(
    r"\b(?:welcomed|hosted|drew|attracted|saw|involved|involving|engaged|engaging|covered"
    r"|covering|united|uniting)" + _GAP,
    re.I,
)
EVENT = re.compile(r"\b(?:" + EVENT_NOUNS + r")\b", re.I)
TRIGGER = re.compile(_TRIGGER, re.I)
# A plan, not an event that took place (LABELING.md event_type: "an invitation to a
# future event is not_event"): "Twelve officers ... will take part", "aims to train 200".
# Read only next to the verb that governs the count.
_PLANNED = (
    r"will|shall|would|plans?\s+to|planned\s+to|aims?\s+to|aiming\s+to|intends?\s+to"
    r"|seeks?\s+to|expected\s+to|going\s+to"
)
AFTER = re.compile(
    r"(?P<future>\b(?:"
    + _PLANNED
    + r"|to)\s+(?:be\s+|have\s+)?)?\b(?:"
    + _ATTEND_AFTER
    + r")(?!\w)",
    re.I,
)
# "100 people at the exhibition", "21 officials spent ten days in an intensive training".
AT_EVENT = re.compile(
    r"\b(?:at|in|of)\s+(?:the|a|an|this|its)\s+(?:[\w-]+\s+){0,3}?(?:" + EVENT_NOUNS + r")\b",
    re.I,
)
ORIGIN = re.compile(
    r"(?:\bfrom|\brepresenting|\brepresented|\bof|\bиз|\bпредставител\w*)\s+(?:all\s+|the\s+|some\s+)?$",
    re.I,
)
# Where migration or goods come from is the topic, not the audience's origin: "the
# participants discussed labour migration from five countries".
TOPIC_FROM = re.compile(
    r"\b(?:migration|migrants|remittances|flows?|returns|arrivals|movements?|trafficking"
    r"|mobility|imports|exports|goods)\s+(?:from|of)\s+(?:all\s+|the\s+|some\s+)?$",
    re.I,
)
# A count joined to the next one by "and" or a comma: "35 children, 7 teachers", or
# after a colon that opens a list ("60 people: officials, experts and 12 journalists";
# the list's comma tells it from a clause), or "of them" ("120 people, 40 of them in the
# hall", "из них 40 очно").
LISTED_WITH_NEXT = re.compile(
    r"(?::(?=[^.;!?]*,)[^.;!?]{0,100}?|[^.;:!?]{0,80}?)(?:,|\band\b|\bas\s+well\s+as\b"
    r"|\bincluding\b|\bamong\s+them\b|\bamong\s+whom\b|\bof\s+(?:them|whom)\b|\bи\b"
    r"|\bв\s+том\s+числе\b|\bиз\s+них\b)\s*$",
    re.I,
)
# Counts that are not an event's audience, whatever verb stands near them.
_MONTH = "|".join(EN_MONTHS)
CUMULATIVE = re.compile(
    r"\b(?:to\s+date|so\s+far|up\s+to\s+now|since\s+(?:\d{4}|its|the\s+(?:start|beginning"
    r"|launch|inception|commencement))|each\s+year|every\s+year|annually|per\s+year"
    r"|(?:over|during|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|decade)"
    # A period of months or years, not the days of one event: "between August and
    # December 2013", "from 2016 to 2023" (but "from 3 to 5 May" is one training).
    rf"|(?:between|from)\s+(?:(?:{_MONTH})\s+)?\d{{4}}\s*(?:and|to|-|–)\s*(?:(?:{_MONTH})\s+)?\d{{4}}"
    rf"|(?:between|from)\s+(?:{_MONTH})\s*(?:and|to|-|–)\s*(?:{_MONTH})\s+\d{{4}})\b",
    re.I,
)
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?$", re.I)
PLANNED = re.compile(r"\b(?:" + _PLANNED + r")\b", re.I)
CAPACITY = re.compile(
    r"\b(?:accommodate\w*|capacity|can\s+(?:host|receive|seat|house|hold|take|accept|admit)"
    r"|designed\s+for|maximum\s+of|limited\s+to)\b",
    re.I,
)
# A project's beneficiaries are no audience (LABELING.md "Participants": "statistics"):
# "assisted 500 migrants", "reached 10,000 people", "385 people became beneficiaries".
SERVED_BEFORE = re.compile(
    r"\b(?:assisted|reached|reaching|reaches|helped|supported|served|sensiti[sz]ed|targeted"
    r"|targeting|(?:assistance|support|services|aid|help"
    r"|grants|counselling|counseling|consultations)\s+to)\s+(?:\w+\s+){0,2}$",
    re.I,
)
BENEFICIARIES_AFTER = re.compile(r"\bbeneficiar\w*", re.I)
# Those who answered a survey are its sample, not an audience: "the survey had 1,500
# participants" (a statistic); a study visit or tour is an event.
SURVEY = re.compile(
    r"\b(?:survey\w*|polls?|questionnaires?|interviews?|stud(?:y|ies)(?!\s+(?:visit|tour)))\b",
    re.I,
)
WORD = re.compile(r"\w+")


class Scope(NamedTuple):
    """Where a count's role is read: its sentence, and its clause's end (where the next
    count begins another subject: "4000 migrants returned, and 30 officers attended")."""

    start: int
    end: int
    clause_end: int


RoleRule = Callable[[Mention, str, Scope], bool]


def participant_counts(text: str, event_start: str | None = None) -> list[Participants]:
    """The counts of the reported event's attendance; `event_start`, the event's date when
    it is known, tells the sentences about other events."""
    found = mentions(text)
    if not found:
        return []
    bounds = [(offset, offset + len(s)) for s, offset in sentences(text)]
    starts = [b[0] for b in bounds]
    accepted: dict[Mention, str] = {}
    for i, mention in enumerate(found):
        at = bisect_right(starts, mention.start) - 1
        start, end = bounds[at] if at >= 0 and mention.start < bounds[at][1] else (0, len(text))
        later = (m.start for m in found[i + 1 :] if _new_subject(m, mention, text))
        scope = Scope(start, end, min(end, next(later, end)))
        if about_another_event(text[start:end], event_start):
            continue
        if rule := _role(mention, text, scope):
            accepted[mention] = rule
    breakdown_of_attendance(found, text, accepted)
    return [_record(m, text, accepted[m]) for m in found if m in accepted]


def _new_subject(later: Mention, mention: Mention, text: str) -> bool:
    """A later count begins another clause unless it says where the first came from
    ("50 NGOs from all five republics gathered")."""
    before = text[max(mention.end, later.start - 25) : later.start]
    return later.start >= mention.end and not ORIGIN.search(before)


def _role(mention: Mention, text: str, scope: Scope) -> str | None:
    if _excluded(mention, text, scope):
        return None
    for rule in ROLE_RULES:
        if rule(mention, text, scope):
            return rule.__name__
    return None


def _record(mention: Mention, text: str, rule: str) -> Participants:
    span = Span(mention.start, mention.end, text[mention.start : mention.end])
    return Participants(mention.count, mention.qualifier, mention.unit, span, rule)


def _excluded(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "Not: statistics, money, IOM's own size, capacities
    ("up to 8 persons")" — and a project's running totals or plans are statistics."""
    before = text[max(scope.start, mention.start - 120) : mention.start]
    # What qualifies the count itself, up to a comma: "participants of the programme
    # since 2015", not "participants, who have worked there since 2010".
    after = text[mention.end : min(scope.clause_end, mention.end + 40)].split(",")[0]
    clause = text[mention.end : min(scope.clause_end, mention.end + 60)]
    return bool(
        CUMULATIVE.search(before + " " + after + " " + clause)
        or CAPACITY.search(before[-80:])
        or SERVED_BEFORE.search(before[-50:])
        or BENEFICIARIES_AFTER.search(clause)
        or SURVEY.search(before[-60:])
    )


def named_attendees(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "Numbers describing attendance: people, delegates" —
    a noun such as "participants" or "delegates" says so by itself."""
    before = text[max(scope.start, mention.start - 40) : mention.start]
    return mention.noun in ATTENDEE_NOUNS and not PLANNED.search(before)


def attendance_trigger_before(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "people ... people trained" — "brought together 40
    officers", "attended by over 60 representatives", "a course for 25 officials"."""
    trigger = BEFORE.search(text, max(scope.start, mention.start - TRIGGER_REACH), mention.start)
    if trigger is None:
        return False
    if PLANNED.search(text[max(scope.start, trigger.start() - 30) : mention.start]):
        return False
    if (trigger.group("to") or trigger.group("visited")) and mention.unit != "people":
        return False  # "a training to 30 doctors", but "a visit to three institutions"
    return not _running_total(text, scope, trigger.start())


def _running_total(text: str, scope: Scope, verb_start: int) -> bool:
    """ "IOM has trained over 3,000 officials", with no event in the sentence, is a
    statistic (LABELING.md "Participants": "Not: statistics")."""
    perfect = PERFECT.search(text, max(scope.start, verb_start - 30), verb_start)
    return perfect is not None and EVENT.search(text, scope.start, scope.end) is None


def event_verb_before(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "Numbers describing attendance" — "the training
    involved 30 officers", in a sentence that names the event."""
    if not EVENT_VERB.search(text, max(scope.start, mention.start - 60), mention.start):
        return False
    sentence = text[scope.start : scope.end]
    return EVENT.search(sentence) is not None and not PLANNED.search(sentence)


def attendance_verb_after(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "Numbers describing attendance" — the count is the
    subject of attending: "More than 100 officials from the ministries ... attended"."""
    verb = AFTER.search(text[mention.end : scope.clause_end])
    return verb is not None and not verb.group("future")


def present_at_event(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "Numbers describing attendance" — "the other 100 or so
    people at the exhibition", "21 officials ... spent ten days in a training"."""
    return AT_EVENT.search(text, mention.end, scope.clause_end) is not None


def origin_of_attendees(mention: Mention, text: str, scope: Scope) -> bool:
    """LABELING.md "Participants": "countries or institutions represented" — "experts
    from more than 30 countries", "represented three state bodies", in a sentence that
    speaks of attending."""
    if mention.unit not in ORIGIN_UNITS:
        return False
    before = text[max(scope.start, mention.start - 40) : mention.start]
    if not ORIGIN.search(before) or TOPIC_FROM.search(before):
        return False
    sentence_text = text[scope.start : scope.end]
    words = set(WORD.findall(sentence_text.lower()))
    return bool(TRIGGER.search(sentence_text) or words & ATTENDEE_NOUNS)


def breakdown_of_attendance(found: list[Mention], text: str, accepted: dict[Mention, str]) -> None:
    """LABELING.md precedents: "a breakdown of attendance ("35 children, 7 teachers") is
    counted beside the total" — a count listed next to an accepted one of its kind
    (people beside people or journalists, "5 ministries and 3 NGOs" beside bodies
    represented)."""
    changed = True
    while changed:
        changed = False
        for mention in found:
            if mention not in accepted and any(_listed(mention, o, text) for o in accepted):
                accepted[mention] = breakdown_of_attendance.__name__
                changed = True


def _listed(mention: Mention, other: Mention, text: str) -> bool:
    if (mention.unit in ORIGIN_UNITS) != (other.unit in ORIGIN_UNITS):
        return False  # people beside people (journalists, delegates), bodies beside bodies
    first, second = (mention, other) if mention.start < other.start else (other, mention)
    gap = second.start - first.end
    return 0 <= gap <= 120 and LISTED_WITH_NEXT.match(text, first.end, second.start) is not None


ROLE_RULES: tuple[RoleRule, ...] = (
    named_attendees,
    attendance_trigger_before,
    event_verb_before,
    attendance_verb_after,
    present_at_event,
    origin_of_attendees,
)
