"""Where the event took place: city, venue, country or region, with coordinates.

Places count only where the text says the event happened: the sentence that dates the
event, sentences that say it "took place", "was held" or was "hosted" somewhere, a
dateline or a "Venue:" line, and a title that names the event. Other places in a news
item are mostly where participants came from or what they talked about, which the
labeling rules exclude; so are places inside quoted names and the places of a webinar.
"""

from __future__ import annotations

import re

from pipeline.fields.gazetteer import lookup
from pipeline.fields.text import sentence_at, sentences
from pipeline.records import Place, Span

_CAP = r"[A-ZА-ЯЁ][\w’'.-]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:of|the|de|for|named\s+after)\s+)*{_CAP})*"
_NAME_LIST = rf"{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+and\s+{_NAME})?"
AFTER_PREPOSITION = re.compile(
    rf"\b(?i:in|at|to|в|во)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?"
    rf"(?P<names>{_NAME_LIST})(?:\s*\((?P<acronym>[A-Z]{{2,}})\))?"
)
CITY_OF = re.compile(rf"\b(?:city|town|village)\s+of\s+(?P<names>{_NAME})")
BUILDING_OF = re.compile(
    rf"\b(?:hall|premises|building|headquarters|stage)\s+of\s+(?:the\s+)?(?P<names>{_NAME})"
)
HOSTED_BY_PLACE = re.compile(rf"(?:^|,\s+|\d{{4}}\s+)(?P<names>{_NAME})\s+hosted\b")
VENUE_LINE = re.compile(r"^\s*(?:Venue|Location|Place)\s*:\s*(?P<names>[^\n]+)", re.M)
DATELINE = re.compile(rf"^(?P<names>{_CAP}(?:\s+{_CAP})?)\s*(?:,\s*[^–—\n-]{{3,25}})?\s*[–—-]\s")
PLACE_LINE = re.compile(rf"^(?P<names>{_NAME}(?:\s*,\s*{_NAME})?)\s*$", re.M)
VENUE_WORDS = re.compile(
    r"\b(University|Hotel|Hall|House|Cent(?:er|re)|Academy|Department|Library|Museum|Palace|"
    r"Institute|School|Office|Embassy|Building|Premises|Street|Square|Theatre|Theater|Club|"
    r"Park|Plaza|Complex|Headquarters)\b"
)
REGION_WORDS = re.compile(
    r"\b(?:Oblast|Region|Krai|Province|Republic of \w+)\b|^(?:Crimea|"
    r"Tatarstan|Bashkortostan|Dagestan|Chechnya|Karelia|Siberia|"
    r"Transnistria|Abkhazia|Nagorno-Karabakh|Gorno-Badakhshan)$"
)
WHERE_IT_HAPPENED = re.compile(
    r"\b(?:took place|take place|taking place|was held|were held|is held|are held|"
    r"will be held|hosted|venue|gathering|gathered|convened|delivered at|"
    r"(?:stage|hall|premises) of|"
    r"состоял(?:ся|ась|ось|ись)|прош(?:ел|ёл|ла|ло|ли)|проходил[аи]?|проведен[аоы]?)\b",
    re.I,
)
# "the situation of migrants in St. Petersburg": the place is the topic, not the venue.
# Not applied to titles: "Forum on Diaspora Issues in Tbilisi" names an event's place.
TOPIC_BEFORE = re.compile(
    r"\b(?:situation|migrants?|migration|problems|issues|trends|rights|workers|living|"
    r"nationals|citizens|diaspora|population|trafficking|anniversary|presence|work|"
    r"activities|operations|offices?|мигрант\w*|миграци\w*|ситуаци\w*|граждан\w*|"
    r"положени\w*|работ\w*)\s+(?:\w+\s+)?$",
    re.I,
)
# "the Ombudsman in the Republic of Tatarstan": the place belongs to an office's name.
OFFICE_BEFORE = re.compile(
    r"\b(?:Ombudsman|Ombudsperson|Embassy|Office|Mission|Representative|Representation|"
    r"Chief|Head|Director|Ambassador|Consul|Council|Commissioner|Бюро|Посольств\w*|"
    r"Представительств\w*|Посол\w*|Миссии|Офис\w*)\s+$"
)
# "IOM Moscow", "Бюро МОМ (МОМ) в Москве": IOM's office, not a venue.
NOT_A_PLACE_BEFORE = re.compile(r"(?:\b(?:IOM|МОМ)\)?|\bfrom|\bof|\bby|\bиз)\s*$", re.I)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
VIRTUAL = re.compile(
    r"\b(?:webinar|video ?conference|(?:online|virtual) (?:launch|event|"
    r"meeting|conference|session|ceremony|round ?table|training))",
    re.I,
)
# Event nouns that make a title's "in X" the event's place; "IOM Launches Appeal in X" is
# not one.
TITLE_EVENT = re.compile(
    r"\b(?:conference|forum|training|seminar|workshop|round ?table|roundtables?|meeting|"
    r"consultations|session|ceremony|exhibition|festival|tournament|competition|congress|"
    r"summit|presentation|screening|course)\b|\b(?:конференц|форум|тренинг|семинар|"
    r"круглый стол|встреч|совещани|консультаци|сесси|церемони|выставк|фестивал|турнир|"
    r"конкурс|конгресс|саммит|презентаци|показ|курс)",
    re.I,
)
# "в Казани Бюро МОМ провело": the sentence's subject right after the place.
SUBJECT_AFTER_PLACE = re.compile(
    r"\s+(?=(?:IOM|МОМ|Бюро|Office|Mission|UN\w*|ООН|Министерств\w*|Ministry)\b)"
)
TRAILING_STOP = re.compile(r"(?<=\w{3})\.$")  # a full stop, not the dot of "St."


def event_places(title: str, body: str, date_span: Span | None) -> list[Place]:
    """Places in the title, a dateline or venue line, and the sentences about the event."""
    date_sentence = sentence_at(body, date_span)
    if VIRTUAL.search(title) or VIRTUAL.search(body):
        return []
    places: dict[str, Place] = {}
    for pattern in (DATELINE, VENUE_LINE, PLACE_LINE):
        for match in pattern.finditer(body):
            if pattern is PLACE_LINE and not match.group("names").count(","):
                continue  # "St. Petersburg, Russian Federation" alone on a line; not a word
            _add_list(places, match.group("names"), match.start("names"), strict=True)
    if _names_an_event(title):
        _add_from(places, _unquoted(title), 0, is_title=True)
    regions = [date_sentence] if date_sentence else []
    regions += [(s, at) for s, at in sentences(body) if WHERE_IT_HAPPENED.search(s)]
    if not regions:
        regions = list(sentences(body))[:1]
    for sentence, offset in regions:
        _add_from(places, _unquoted(sentence), offset)
    return list(places.values())


def _names_an_event(title: str) -> bool:
    return bool(TITLE_EVENT.search(title))


def _unquoted(text: str) -> str:
    """Quoted names ("Migrants in St. Petersburg" as a title) blanked, offsets kept."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _add_from(places: dict[str, Place], text: str, offset: int, *, is_title: bool = False) -> None:
    for pattern in (AFTER_PREPOSITION, CITY_OF, BUILDING_OF, HOSTED_BY_PLACE):
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            if NOT_A_PLACE_BEFORE.search(text[max(0, match.start() - 6) : match.start()]):
                continue
            if pattern is AFTER_PREPOSITION and (
                (TOPIC_BEFORE.search(before) and not is_title) or OFFICE_BEFORE.search(before)
            ):
                continue
            names = _without_subject(match.group("names"))
            if pattern is AFTER_PREPOSITION and match.group("acronym"):
                names = f"{names} ({match.group('acronym')})"
            _add_list(
                places, names, offset + match.start("names"), venue_only=pattern is BUILDING_OF
            )


def _without_subject(names: str) -> str:
    """ "Казани Бюро МОМ" -> "Казани", when what comes before the subject is a known place
    ("Academy of the Ministry of Interior" stays whole)."""
    head = SUBJECT_AFTER_PLACE.split(names, maxsplit=1)[0]
    return head if head != names and lookup(head) is not None else names


def _add_list(
    places: dict[str, Place],
    names: str,
    start: int,
    *,
    strict: bool = False,
    venue_only: bool = False,
) -> None:
    """ "Dushanbe, Tojikobod and Kulob": when one name in a list is a known city, the
    other single names beside it are taken as cities too (small towns are missing from
    the gazetteer)."""
    parts = [(m.group(0), start + m.start()) for m in re.finditer(r"[^,]+", names)]
    split: list[tuple[str, int]] = []
    for part, at in parts:
        for piece in re.split(r"(\s+and\s+)", part)[::2]:
            name = piece.strip()
            index = part.find(name)
            split.append((TRAILING_STOP.sub("", name), at + index))
    known = [_place(name, Span(at, at + len(name), name), venue_only) for name, at in split]
    has_city = any(p is not None and p.kind == "city" for p in known)
    for (name, at), place in zip(split, known, strict=True):
        if place is None and has_city and not strict and re.fullmatch(_CAP, name):
            place = Place(
                name, "city", name, None, None, None, Span(at, at + len(name), name), "list"
            )
        if place is not None and name not in places:
            places[name] = place


def _place(name: str, span: Span, venue_only: bool) -> Place | None:
    geo = None if venue_only else lookup(name)
    if geo is not None:
        city = geo.name if geo.kind == "city" else None
        return Place(name, geo.kind, city, geo.country, geo.lat, geo.lon, span, "gazetteer")
    venue = VENUE_WORDS.search(name)
    if venue and (venue.start() > 0 or " " in name or venue_only):
        first = lookup(name.split()[0]) if " " in name else None
        city = first.name if first is not None and first.kind == "city" else None
        return Place(
            name,
            "venue",
            city,
            first.country if first else None,
            first.lat if city and first else None,
            first.lon if city and first else None,
            span,
            "venue",
        )
    if REGION_WORDS.search(name):
        return Place(name, "region", None, None, None, None, span, "region")
    return None
