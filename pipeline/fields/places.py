"""Where the event took place: city, venue, country or region, with coordinates.

Candidates come from place_mentions.py (gazetteer names, region phrases, venues, datelines);
the rules here decide which of them are where the event took place (tests/cases/
LABELING.md, "Places"). A mention counts when it opens the text as a dateline, stands on
a "Venue:" line, or stands where a place of the event is written, in a sentence about
the event or in the title: after "in"/"at"/"в", as the thing "visited", as the subject of
"hosted", or listed beside such a place. Mentions that name an organization's seat, a
topic, a part of an event's name, or the place of another (earlier, later) event do not.

Spans: a Place whose rule is `title_places` has offsets into the title; every other
Place has offsets into the body (the item's text without its title). `rule` names the
function that decided: a role rule for the body (`after_locative`, `visited`, `hosted`,
`premises_of`, `listed_with`), else `title_places`, `dateline_places` or `venue_line`.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.fields.kinds import about_another_event
from pipeline.fields.place_mentions import RU_GENITIVE_REGION, Mention, datelines, mentions
from pipeline.fields.place_words import (
    ADDRESS_LINK,
    AT_OFFICE_BEFORE,
    CAP_NAME,
    DATED_AFTER,
    DATED_TITLE,
    DAY_NUMBER,
    DOCUMENT_BEFORE,
    EVENT_NOUN,
    FRAMEWORK_BEFORE,
    FROM_BEFORE,
    FUTURE_BEFORE,
    HOSTED_AFTER,
    HOSTED_BY,
    HYBRID,
    INSIDE_NAME_BEFORE,
    IOM_OFFICE_BEFORE,
    LIST_LINK,
    LOCATIVE_BEFORE,
    MEETING_VENUE,
    MODIFIED_NOUN,
    NAME_GOES_ON,
    OFFICE_BEFORE,
    OFFICE_RIGHT_BEFORE,
    ORGANIZATION_BEFORE,
    OTHER_CLAUSE,
    PEOPLE_BEFORE,
    POSSESSED_CAPITAL,
    PREMISES_BEFORE,
    STREET,
    TITLE_LEAD,
    TITLE_LEAD_AFTER,
    TOOK_PART,
    TOPIC_BEFORE,
    UNKNOWN_LIST_NAME,
    VENUE_LINE,
    VENUE_LINE_PART,
    VIRTUAL,
    VISITED_BEFORE,
    WHERE_IT_HAPPENED,
    WORKPLACE_BEFORE,
    month_and_year,
)
from pipeline.fields.text import QUOTED, sentence_at, sentences
from pipeline.records import Place, Span

PLACE_KINDS = ("city", "region", "country", "venue")
CONTEXT = 120  # characters before a mention that its role rules read
NEAR = 80  # characters before a place within which the event must be named
HOSTED_REACH = 80  # characters after "hosted" within which the event hosted is named
OPENING = 600  # characters of the body that tell what kind of event it was


def event_places(
    title: str, body: str, date_span: Span | None, event_start: str | None = None
) -> list[Place]:
    """The places of the event the item reports; none for a virtual event. `event_start`,
    the event's date when it is known, tells the sentences about other events."""
    if is_virtual(title, body, date_span):
        return []
    from_body = body_places(body, date_span, event_start)
    found = [*unless_elsewhere(dateline_places(body), from_body), *venue_line(body), *from_body]
    found += [p for p in title_places(title) if not _named_in(p, found)]
    places: dict[str, Place] = {}
    for place in found:
        places.setdefault(place.name.lower(), place)
    return list(places.values())


def _named_in(place: Place, others: list[Place]) -> bool:
    """LABELING.md, Places: "a place stated only in the title counts" — a title's place
    the body names too, in full or in another case, is the body's: "at the Public
    Chamber" in the title and "at the Public Chamber of the Russian Federation" below,
    "Khatlon" and "Khatlon province", "В Москве" and "Москва –". Words are compared by
    their first five letters, so Russian case endings do not matter."""
    stems = {w[:5].lower() for w in place.name.split()}
    return any(
        other.kind == place.kind and stems <= {w[:5].lower() for w in other.name.split()}
        for other in others
    )


def is_virtual(title: str, body: str, date_span: Span | None) -> bool:
    """LABELING.md: "Not: ... a virtual event" (a webinar, an online launch), as the title,
    the opening or the sentence that dates the event says; "IOM also offers online
    trainings" further down does not make the event virtual, "100 people took part in
    the virtual launch" does."""
    dated = sentence_at(body, date_span)
    told = [title, body[:OPENING], dated[0] if dated else ""]
    told += [s for s, _ in sentences(body) if TOOK_PART.search(s)]
    if any(HYBRID.search(text) for text in told):
        return False
    return any(VIRTUAL.search(text) for text in told)


def dateline_places(body: str) -> list[Place]:
    """LABELING.md: "A dateline counts ("Moscow – On May 28, 2019")"."""
    return [_place(m, 0, "dateline_places") for m in datelines(body)]


def unless_elsewhere(dateline: list[Place], from_body: list[Place]) -> list[Place]:
    """LABELING.md precedent: "A dateline gives the place unless the text says the event
    was elsewhere": a town of the body that the dateline does not name drops its towns."""
    named = {_town(p) for p in dateline}
    elsewhere = any(p.kind == "city" and _town(p) not in named for p in from_body)
    return [p for p in dateline if not (elsewhere and p.kind == "city")]


def _town(place: Place) -> str:
    """One key for a town however written ("Москва", "в Москве"; "Kiev", "Kyiv")."""
    return place.city or place.name.lower()


def venue_line(body: str) -> list[Place]:
    """LABELING.md: "`venue` (building, hall, street, premises)": a "Venue:" or "Location:"
    line names the event's venue, town and country; a part of it that is no known place
    nor a date is the venue ("Venue: Sheraton, Baku")."""
    found = []
    for line in VENUE_LINE.finditer(body):
        at, names = line.start("names"), line.group("names")
        known = _candidates(names)
        found += [_place(m, at, "venue_line") for m in known]
        for part in VENUE_LINE_PART.finditer(names):
            start = part.start() + len(part.group()) - len(part.group().lstrip())
            text = part.group().strip().rstrip(".")
            covered = any(m.start < start + len(text) and start < m.end for m in known)
            if text and not covered and CAP_NAME.match(text) and not DAY_NUMBER.search(text):
                span = Span(at + start, at + start + len(text), text)
                found.append(Place(text, "venue", None, None, None, None, span, "venue_line"))
    return found


def body_places(body: str, date_span: Span | None, event_start: str | None = None) -> list[Place]:
    """Places written as the event's in the sentences that report it: in the sentence
    that dates it anywhere, in the others only near the words that name it."""
    dated = sentence_at(body, date_span)
    found: list[Place] = []
    for sentence, offset in event_sentences(body, date_span):
        if about_another_event(sentence, event_start) or _another_event(sentence, date_span):
            continue
        near = (sentence, offset) != dated
        found += _where(sentence, offset, "body", near_the_event=near)
    return found


def event_sentences(body: str, date_span: Span | None) -> list[tuple[str, int]]:
    """The sentence that dates the event, those that say it took place, was held, hosted
    or visited somewhere or that name the event; else the first sentence."""
    dated = sentence_at(body, date_span)
    chosen = [dated] if dated else []
    chosen += [
        (s, at)
        for s, at in sentences(body)
        if (s, at) != dated
        and (WHERE_IT_HAPPENED.search(s) or names_an_event(s) or _dated_alike(s, date_span))
    ]
    return chosen or list(sentences(body))[:1]


def names_an_event(text: str) -> bool:
    return bool(EVENT_NOUN.search(text))


def _dated_alike(sentence: str, date_span: Span | None) -> bool:
    """A sentence with a day of the event's month ("on 20 March 2012" beside the
    dateline's "26 March 2012") reports the same event."""
    if date_span is None or not DAY_NUMBER.search(sentence):
        return False
    month, year = month_and_year(sentence)
    event_month, event_year = month_and_year(date_span.text)
    return month is not None and month == event_month and year in (None, event_year)


def title_places(title: str) -> list[Place]:
    """LABELING.md: "a place stated only in the title counts", as a title's dateline too
    ("Бишкек, 26 ноября 2019 г. Конференция ...", "St. Petersburg, 4 June 2018 – ...")."""
    found = _where(title, 0, "title")
    if not DATED_TITLE.match(title):
        return found  # "Afghanistan – IOM Briefs Journalists": a topic, not a dateline
    dateline = [_place(m, 0, "title_places") for m in datelines(title)]
    return found + [p for p in dateline if not _named_in(p, found)]


def _where(text: str, offset: int, source: str, *, near_the_event: bool = False) -> list[Place]:
    """The mentions of one sentence (or the title) that its wording makes the event's;
    with `near_the_event`, only those a few words after a verb or noun of the event."""
    quoted = [q.span() for q in QUOTED.finditer(text)]
    accepted: list[Place] = []
    last: Mention | None = None
    for m in _candidates(text):
        if any(a <= m.start and m.end <= b for a, b in quoted):
            continue  # inside a quoted name: "Migrants in St. Petersburg" as a title
        before = text[max(0, m.start - CONTEXT) : m.start]
        after = text[m.end : m.end + CONTEXT]
        rule = _role(m, before, after, last, text, source)
        if near_the_event and last is None and not _near_the_event(before, after):
            rule = None
        if rule is None or any(reject(m, before, after, source) for reject in NOT_THE_EVENTS_PLACE):
            last = None
            continue
        accepted.append(_place(m, offset, "title_places" if source == "title" else rule))
        accepted += _unknown_list_members(text, m, offset, source)
        last = m
    return accepted


def _near_the_event(before: str, after: str) -> bool:
    """ "the training took place in Osh", "a workshop for NGOs in Osh", "In May in Osh, IOM
    conducted trainings": the words that name the event come within a few words."""
    near = before[-NEAR:] + " " + after[:NEAR]
    return bool(WHERE_IT_HAPPENED.search(near) or EVENT_NOUN.search(near))


def _candidates(text: str) -> list[Mention]:
    return [m for m in mentions(text) if m.kind in PLACE_KINDS]


def _role(
    m: Mention, before: str, after: str, last: Mention | None, text: str, source: str
) -> str | None:
    for rule in WHERE_RULES:
        if rule(m, before, after):
            return rule.__name__
    if last is not None and listed_with(text[last.end : m.start]):
        return listed_with.__name__
    if last is not None and last.kind == "venue" and street_of(m, text[last.end : m.start]):
        return street_of.__name__
    if last is not None and region_of(m, text[last.end : m.start]):
        return region_of.__name__
    return None


def region_of(m: Mention, between: str) -> bool:
    """LABELING.md, Places: "city, venue, country, region, as written": the region a place
    that counts lies in, in the genitive right after it ("в г. Караколе Иссык-Кульской
    области", "в селе Ташкепри Марыйского велаята"), counts too."""
    return m.kind == "region" and not between.strip() and bool(RU_GENITIVE_REGION.search(m.text))


def street_of(m: Mention, between: str) -> bool:
    """LABELING.md, Places: `venue` (building, hall, street, premises): the street a
    venue that counts stands on counts too ("at the Justice Academy on Inshaatchilar
    Avenue", "в здании мэрии на улице Ленина")."""
    return (
        m.kind == "venue"
        and STREET.search(m.text) is not None
        and bool(ADDRESS_LINK.fullmatch(between))
    )


def listed_with(between: str) -> bool:
    """ "in Dushanbe, Tojikobod and Kulob", "in Almaty, Kazakhstan", "Tursunzoda's Jura
    Rahmonov Jamoat": a place listed right after one that counts counts too (LABELING.md:
    "city, venue, country, region, as written")."""
    # Nothing but a space is no list: "in Sarajevo Marks World Day" (a title's verb).
    return bool(between.strip()) and bool(LIST_LINK.fullmatch(between))


def after_locative(m: Mention, before: str, after: str) -> bool:
    """LABELING.md: "Where the event itself took place": "held in Moscow", "at the Point
    Hotel", "in the capital Tbilisi", "в Казани"."""
    return bool(LOCATIVE_BEFORE.search(before))


def visited(m: Mention, before: str, after: str) -> bool:
    """LABELING.md precedent: "Sites visited during the event ... are its venues"; a study
    visit's town is its place ("a study trip to Brussels", "visited Kramatorsk")."""
    return bool(VISITED_BEFORE.search(before))


def hosted(m: Mention, before: str, after: str) -> bool:
    """LABELING.md, Organizers: "cities or buildings that 'hosted' (those are places)":
    "Tashkent hosted a conference", "hosted by the Tbilisi State University". What a
    country hosts is an event, not a population ("Kazakhstan hosts 1.2 million migrant
    workers" is a statistic)."""
    host = HOSTED_AFTER.match(after)
    if host is not None and EVENT_NOUN.search(after, host.end(), host.end() + HOSTED_REACH):
        return True
    return m.kind == "venue" and bool(HOSTED_BY.search(before))


def leads_the_title(m: Mention, before: str, after: str) -> bool:
    """LABELING.md: "a place stated only in the title counts": "Georgia: Supporting Women
    in Policing" (a place, then a colon, opening the title or a dateline-like line)."""
    return bool(TITLE_LEAD.match(before) and TITLE_LEAD_AFTER.match(after))


def premises_of(m: Mention, before: str, after: str) -> bool:
    """LABELING.md: "venue (building, hall, street, premises)": "on the stage of the large
    hall of the Moscow Department of Education"."""
    return m.kind == "venue" and bool(PREMISES_BEFORE.search(before))


WHERE_RULES: tuple[Callable[[Mention, str, str], bool], ...] = (
    after_locative,
    visited,
    hosted,
    premises_of,
    leads_the_title,
)


def organization_seat(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "Not: ... where an organization is based" ("IOM Mission in Ukraine",
    "the Embassy of Switzerland in Uzbekistan", "IOM in Belarus", "IOM Moscow")."""
    if IOM_OFFICE_BEFORE.search(before):
        return True
    if AT_OFFICE_BEFORE.search(before):
        return False
    if OFFICE_RIGHT_BEFORE.search(before):
        return True
    # A town after a named office is its seat only for offices abroad: "the Ambassador of
    # Kyrgyzstan in Moscow" may still have met IOM in Moscow.
    wide = m.kind in ("country", "region")
    return wide and bool(OFFICE_BEFORE.search(before) or ORGANIZATION_BEFORE.search(before))


def topic(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "Not: where participants come from, places that are only the topic"
    ("trafficking in Ukraine", "women police in Georgia")."""
    people = m.kind == "country" and PEOPLE_BEFORE.search(before)
    if AT_OFFICE_BEFORE.search(before) or not (TOPIC_BEFORE.search(before) or people):
        return False
    if m.kind == "city" and DATED_AFTER.match(after):
        return False  # "a training on victims of trafficking in Osh on 11-13 March": when and where
    # A title's event noun owns its "in X": "Forum on Diaspora Issues in Tbilisi".
    return not (source == "title" and names_an_event(before) and " to " not in before)


def later_event(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md precedents: "an invitation to a future event is `not_event`"; the
    place of a later event is no place of this one ("the next seminar will be in Osh")."""
    return source != "title" and bool(FUTURE_BEFORE.search(before))


def workplace(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "Not: where participants come from": "officers working at border
    crossing points in Badakhshan", "institutions located both in Russia and abroad"."""
    if m.kind == "venue" and MEETING_VENUE.search(m.text):
        return False
    origin = FROM_BEFORE.search(before)
    if origin and not WHERE_IT_HAPPENED.search(origin.group("between")):
        return True
    return bool(WORKPLACE_BEFORE.search(before))


def inside_a_name(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "a place inside an organization's or event's name" ("the St.
    Petersburg International Labour Forum", "the third Sarajevo Migration Dialogue")."""
    if m.kind == "venue":
        return False
    return bool(INSIDE_NAME_BEFORE.search(before) and NAME_GOES_ON.match(after))


def framework(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "Not: ... frameworks" (Organizers) and "places that are only the topic":
    a country or region in the description of the project or programme the event was part
    of ("в рамках Программы ... в Беларуси, Молдове и Украине")."""
    return m.kind in ("country", "region") and bool(FRAMEWORK_BEFORE.search(before))


def possessor_of_capital(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "city, venue, country, region, as written": in "in Ukraine’s capital
    Kyiv" the town is what is written as the place; the country only owns it."""
    return bool(POSSESSED_CAPITAL.match(after))


def modifier(m: Mention, before: str, after: str, source: str) -> bool:
    """A town's name used as a word before a noun names no place of the event: "the Kazakh
    capital" (GeoNames files "Kazakh" under a town), "a Schengen visa", "the Tbilisi
    authorities"; nor a country's before its capital ("in the Belarus capital, Minsk":
    the capital is the place, as written)."""
    noun = MODIFIED_NOUN.match(after)
    return noun is not None and (m.kind == "city" or noun.group().strip() == "capital")


def document_place(m: Mention, before: str, after: str, source: str) -> bool:
    """LABELING.md: "Not: ... places that are only the topic": where a document the event
    is about was negotiated or adopted ("the Global Compact, negotiated at the United
    Nations in New York")."""
    if source == "title" or (told := DOCUMENT_BEFORE.search(before)) is None:
        return False
    # ... unless an event stands between: "adopted at the round table in Bishkek",
    # "published and presented in Dushanbe"
    between = before[told.start() :]
    return not (EVENT_NOUN.search(between) or WHERE_IT_HAPPENED.search(between))


NOT_THE_EVENTS_PLACE = (
    modifier,
    document_place,
    later_event,
    organization_seat,
    topic,
    workplace,
    inside_a_name,
    framework,
    possessor_of_capital,
)


def _another_event(sentence: str, date_span: Span | None) -> bool:
    """LABELING.md: "Not: ... places of other events mentioned": an earlier or later event
    ("the Review that took place in Geneva on 11 March"), told by a date of another month
    or year than the event's date as written (kinds.about_another_event reads the markers
    and the event's resolved date)."""
    if date_span is None:
        return False
    event_month, event_year = month_and_year(date_span.text)
    rest = sentence.replace(date_span.text, " ")
    month, year = month_and_year(rest)
    if date_span.text not in sentence and year and event_year and year != event_year:
        return True
    clause = OTHER_CLAUSE.search(rest)
    month = month_and_year(clause.group())[0] if clause else None
    return bool(month and event_month and month != event_month)


def _unknown_list_members(text: str, m: Mention, offset: int, source: str) -> list[Place]:
    """ "in Dushanbe, Tojikobod and Kulob": small towns missing from the gazetteer, in a
    list ending in "and" that starts at a known town, are towns too."""
    if m.kind != "city":
        return []
    match = UNKNOWN_LIST_NAME.match(text, m.end)
    if match is None:
        return []
    known = [(k.start, k.end) for k in mentions(text)]
    found = []
    for name in CAP_NAME.finditer(match.group(0)):
        at = match.start() + name.start()
        if not any(a <= at < b for a, b in known):
            span = Span(offset + at, offset + at + len(name.group()), name.group())
            rule = "title_places" if source == "title" else listed_with.__name__
            found.append(Place(name.group(), "city", None, None, None, None, span, rule))
    return found


def _place(m: Mention, offset: int, rule: str) -> Place:
    geo = m.geo
    city = geo.name if geo is not None and geo.kind == "city" and m.kind == "city" else None
    coords = (geo.lat, geo.lon) if city and geo is not None else (None, None)
    country = geo.country if geo is not None and geo.country else None
    span = Span(offset + m.start, offset + m.end, m.text)
    return Place(m.text, m.kind, city, country, *coords, span, rule)
