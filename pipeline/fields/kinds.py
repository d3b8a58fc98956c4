"""Event type from the words IOM uses for it, title first, then the opening sentence."""

from __future__ import annotations

import re

from pipeline.fields.months import MONTHS_TITLED, RU_MONTH, month_of_word
from pipeline.fields.text import EVENT_NOUNS, sentences

# A kind's word naming a place or a thing, not an event: "a new training centre", "the
# conference hall", "an online course" (iom.int, iom.org.ua).
_THING = (
    r"(?!\s+(?:cent(?:re|er)s?|halls?|rooms?|manuals?|handbooks?|modules?|materials|"
    r"curricul\w*|kits?|guides?|facilit\w*|tools?|platforms?|packages?))"
)


def _kind(words: str) -> re.Pattern[str]:
    """A kind's words, each running to the end of its word and not naming a thing."""
    return re.compile(rf"(?:{words})\w*+{_THING}", re.I)


# Order matters: the more specific name wins ("training seminar" is a training,
# "round table" beats "meeting" in "a meeting at a round table"). A press conference is
# "other" (LABELING.md precedent), so it is named before conferences.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other", _kind(r"\bpress[\s-]+(?:conference|briefing)|пресс-конференц")),
    ("round_table", _kind(r"round[\s-]?table|круглы[йм]\s+стол")),
    (
        "training",
        _kind(
            r"\btraining|(?<!online )(?<!e-)\bcourse\b|\bwebinar|\bsimulation exercise|"
            r"\bdrills?\b|тренинг|обучени|учебн|вебинар|учени[яйи]\b"
        ),
    ),
    ("workshop", _kind(r"\bworkshop|мастер-класс|воркшоп")),
    ("seminar", _kind(r"\bseminar|семинар")),
    ("conference", _kind(r"\bconference|\bforum\b|\bcongress|конференц|форум")),
    (
        "screening",
        _kind(r"\bscreening|\bscreened\b|\bfilm\b|\bmovie|\bpremiere|кинопоказ|фильм|премьер"),
    ),
    # "IOM presented the World Migration Report", "a handbook presented at the Chamber".
    (
        "presentation",
        _kind(
            r"\bpresentation|\bpresented\b(?=\s+(?:a|an|the|its|their|new|results|findings|"
            r"to|at)\b)|презентац|представил\w*|представлен\w*"
        ),
    ),
    (
        "meeting",
        _kind(
            # a steering committee meets, but "the Committee for Women and Family
            # Affairs", "the Committee of Youth Affairs" and "the State Committee on
            # Migration" are organizations ("the Steering Committee on 4 May reviewed"
            # and "... on Migration Statistics met" still meet)
            r"\bmeeting|\bconsultations?\b|\bplenary|\bsession\b|"
            r"\b(?:steering|coordinati\w*|joint)\s+committee\b|"
            r"\bcommittee\b(?!\s+(?:for|on|of)\s+(?-i:[A-Z]))|"
            r"встреч|сесси|"
            r"совещани|заседани|консультаци"
        ),
    ),
    (
        "other",
        _kind(
            r"\bceremony|\bawarding\b|\bawards\b|\bsigning|\bsigned|\bopening|\bopened\b|\bopens\b|\blaunch|"
            r"\bexhibition|\bcelebrat|\bcompetition|\btournament|\bfestival|\bfair\b|"
            r"\bmarks?\b|\bvisited\b|\bvisits?\b(?!\s+(?:our\s+|the\s+)?(?:web\s*site|page|www|http))|"
            r"\bstudy (?:trip|tour)|\bcaravan|"
            r"церемони|подписа[нл]|выставк|открыти|конкурс|турнир|фестивал|ярмарк|визит|"
            r"караван|"
            r"запуск|запустил|стартовал|дал[аио]?\s+старт"
        ),
    ),
)
# Verbs that report an event happening; with the kinds' words they tell the sentence that
# reports the event (dates.py reads the event's date there).
EVENT_VERB = re.compile(
    r"\b(?:held|took place|takes place|taking place|organi[sz]ed|conducted|hosted|hosts|"
    r"launched|gathered|convened|delivered|attended|took part|participated|presented|"
    r"met|brought together|kicked off|discussed|visited|celebrated|signed|trained|opened|"
    r"welcomed|addressed|joined)\b|"
    r"состоял\w*|прош(?:ел|ёл|ла|ло|ли)\b|провел\w*|провёл|организова\w*|открыл\w*|"
    r"собрал\w*|принял\w* участие|обсудил\w*|посетил\w*|подписал\w*",
    re.I,
)
# Words that put a sentence about another event than the one reported: an earlier one, or
# one like it ("Similar trainings were held in Dashoguz in 2015", "В 2013 году аналогичное
# обучение прошли 40 сотрудников"): its places and attendance are not the event's.
ANOTHER_EVENT = re.compile(
    # "Earlier trainings took place in Yerevan and in Meghri" (not "building on earlier
    # meetings, IOM held ..."): the earlier event is what took place
    rf"\b(?:earlier\s+(?:[\w-]+\s+)?(?:{EVENT_NOUNS}|rounds?|editions?)s?\s+"
    r"(?:took place|were held|was held|had been held|have been held|had taken place)|"
    r"earlier this year|last year|previous(?:ly)?|following up|follow-up to|"
    r"in the past|similar|ранее|в прошлом году|аналогичн\w*)\b",
    re.I,
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A year standing alone, as a time of its own ("In 2017, IOM trained", "В 2013 году", "in
# November 2009"), not the year of a full date (a dateline's "10 January 2019 –").
YEAR_ALONE = re.compile(
    rf"\b(?i:in|during|since|в|за)\s+(?:(?P<month>{MONTHS_TITLED}|(?i:{RU_MONTH}))\s+)?"
    r"(?P<year>(?:19|20)\d{2})\b"
)


def about_another_event(sentence: str, event_start: str | None) -> bool:
    """A sentence about another event: a marker of one, a year of its own other than the
    event's with the event's year nowhere in it ("In 2017, IOM trained 85 counsellors" in
    an item about a workshop of 2018), or another month of the event's year ("the first
    took place in Cahul in September 2012" beside a workshop of 18 October 2012).
    `event_start` is the event's date as the tables write it ("2012-10-18", "2012-10")."""
    if ANOTHER_EVENT.search(sentence):
        return True
    if not event_start or not event_start[:4].isdigit():
        return False
    year, month = event_start[:4], int(event_start[5:7]) if len(event_start) >= 7 else None
    alone = list(YEAR_ALONE.finditer(sentence))
    if alone and year not in YEAR.findall(sentence):
        return True
    return any(
        m["month"] and m["year"] == year and month and month_of_word(m["month"]) != month
        for m in alone
    )


# LABELING.md precedent: "an invitation to a future event is not_event".
INVITATION = re.compile(
    r"\binvites?\b[^.]{0,120}?\bto\s+(?:participate|attend|join|take part|apply|register)|"
    r"^[^.]*\bwill (?:be held|take place)\b|приглаша\w*[^.]{0,120}?\bпринять участие",
    re.I,
)


# "a follow-up event ... was held": an event of no kind named is "other" (LABELING.md:
# `other` (ceremony, signing, opening, launch)), when a verb says it happened.
HAPPENED = re.compile(
    r"\b(?:took place|(?:was|were) held|(?:was|were) organi[sz]ed|(?:was|were) conducted)\b|"
    # ("IOM organized a summer camp for 80 youth": a camp is an event of no kind named)
    r"\b(?:organi[sz]ed|held|hosted|conducted)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:events?|camps?)\b|"
    r"\bevents?\s+(?:(?:was|were)\s+)?(?:conducted|held|organi[sz]ed)\b|"
    r"состоял(?:ся|ась|ось|ись)|прош(?:ел|ёл|ла|ло|ли)\b",
    re.I,
)


# LABELING.md, event_type: `meeting` (bilateral meetings, consultations): people who
# "gathered in Dushanbe to discuss", "met to discuss" or "met with" met, whatever the
# meeting is called.
MET_TO_DISCUSS = re.compile(
    r"\b(?:gathered|met|came together)\b[^.]{0,60}?\bto discuss\b|\bmet\s+(?:with|today|"
    r"yesterday)\b|собрались[^.]{0,60}?обсудить|встретил(?:ся|ась|ись)",
    re.I,
)
# What a text without a kind's word may still say: checked in this order.
FALLBACKS = (("meeting", MET_TO_DISCUSS), ("other", HAPPENED))

# LABELING.md, event_type: `not_event` (announcements, reports, statements): vacancies,
# tenders and calls for applications announce, they report no event.
ANNOUNCEMENT = re.compile(
    r"\bvacanc(?:y|ies)\b|\bduty station\b|\bclosing date\b|"
    r"\bis (?:seeking|looking for) (?:a |an )?(?:qualified|suitable|candidates|applicants)|"
    r"\bcall for (?:applications|proposals|tenders?|expressions)\b|"
    r"\brequest for (?:proposals|quotations)\b|ваканси|объявляет (?:конкурс|набор)",
    re.I,
)


def names_event(sentence: str) -> bool:
    """Whether a sentence names an event: a kind's word or a verb that reports one."""
    return EVENT_VERB.search(sentence) is not None or any(
        pattern.search(sentence) for _, pattern in KINDS
    )


def event_sentence(text: str) -> str:
    """The first sentence that reports an event of a named kind with a verb ("IOM
    organized a workshop ... this week"), wherever it stands; else "". Only a specific
    kind counts: "other"'s words ("launched") would take any report's launch."""
    for sentence, _ in sentences(text):
        if EVENT_VERB.search(sentence) and any(
            p.search(sentence) for kind, p in KINDS if kind != "other"
        ):
            return sentence
    return ""


# A job fair offers vacancies; it is an event, not a vacancy notice ("Ярмарка вакансий в
# Бельцах", "a job fair with 40 vacancies").
JOB_FAIR = re.compile(r"ярмарк\w*\s+ваканси\w*|\b(?:job|jobs|vacancy|vacancies)\s+fairs?\b", re.I)


def _announces(text: str) -> bool:
    return bool(
        INVITATION.search(text) or (ANNOUNCEMENT.search(text) and not JOB_FAIR.search(text))
    )


def event_type(title: str, *texts: str) -> str:
    """The most specific kind the title names; else the kind named first in each text in
    turn (the sentence that dates the event, the lead, the sentence that reports the
    event); else a fallback (people met to discuss, an event happened). An invitation,
    a vacancy or a call for applications is no event."""
    if any(_announces(t) for t in (title, *texts) if t):
        return "not_event"
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    for text in texts:
        found = [
            (match.start(), rank, kind)
            for rank, (kind, pattern) in enumerate(KINDS)
            for match in [pattern.search(text)]
            if match
        ]
        if found:
            return min(found)[2]
    for kind, pattern in FALLBACKS:
        if any(pattern.search(t) for t in texts):
            return kind
    return "not_event"
