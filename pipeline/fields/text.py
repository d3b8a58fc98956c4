"""Sentence splitting shared by the field extractors."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.records import Span

# Capital and small letters of the region's Latin and Cyrillic alphabets, not only
# English and Russian ones: names written with Turkish İ and Ş, Azerbaijani Ə, Romanian
# Ș, Kazakh Қ or Ukrainian Є ("İzmir", "Şanlıurfa", "Єнакієве") start datelines,
# sentences and names like any other capital. Letters only, so safe inside [...].
UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
LOWER = "".join(c for c in map(chr, range(0x61, 0x530)) if c.islower() and c.isalpha())

# Endings of Russian words in the genitive ("Европейского союза", "Российской Федерации"),
# but not of verbs in the past ("прошла", "прошли", "состоялся") nor of nominatives that
# end alike ("международная", "Ассоциация"): a venue's owner, a funder's name.
RU_GENITIVE_END = (
    r"(?:ого|его|ой|ей|ых|их|ов|ев|а|я|и|ы)\b(?<!ла)(?<!ли)(?<!ся)(?<!ая)(?<!яя)(?<!ия)"
)

# Lookbehinds after a Russian word that does not end like a verb in the past, present or
# infinitive ("провело", "состоялся", "проводит", "обсудить"): a name runs through it.
RU_NOT_VERB_END = r"(?<!л)(?<!ла)(?<!ло)(?<!ли)(?<!ся)(?<!сь)(?<!ет)(?<!ют)(?<!ит)(?<!ят)(?<!ть)"

# Russian prepositions and the words that, like them, begin no word of a name: a name in
# lower case runs through other words, never through these ("... ООН в Москве").
RU_NOT_NAME_WORDS = (
    "в|во|на|по|с|со|и|у|к|о|об|для|из|от|при|где|за|до|под|над|через|а|но|что|как|"
    "совместно|также|который|которая|которое|которые"
)

# The words that label a page's own date: "Submitted by admin on ...", "Created on
# Thursday, 04 September 2003 10:39" (Joomla), "Опубликовано ...": the segmenter's date
# lines and the date rules read them alike.
PUBLICATION_LABELS = (
    "submitted|posted|published|created|updated|modified|опубликовано|размещено|добавлено|"
    "создано|обновлено"
)

# A photo's caption or credit ("Participants of the training. Photo: IOM", "Фото: МОМ",
# "© IOM 2019"): the segmenter never takes one for a title, and the event's kind is not
# read from one.
PHOTO_CREDIT = re.compile(r"\b(?:photo|фото)\s*(?::|by\b)|©", re.I)
MAX_CAPTION_CHARS = 200


def without_captions(text: str) -> str:
    """The text without its paragraphs that are photo captions."""
    kept = [
        p for p in text.split("\n\n") if len(p) > MAX_CAPTION_CHARS or not PHOTO_CREDIT.search(p)
    ]
    return "\n\n".join(kept)


# The word that joins the last member of a list ("A, B and C", "А, Б и В"), in the
# lists of organizers and of places alike.
AND = r"(?:and|и)"

# What an event is run inside of: "within the framework of the project", "as part of the
# EU programme", "в рамках проекта" (organizers and places read past it alike).
FRAMEWORK_LEADS = r"(?:with)?in\s+the\s+framework\s+of|as\s+part\s+of|under"
PROJECT_NOUNS = "project|programme|program|initiative"
RU_PROJECT_STEMS = "программ|проект|инициатив"

# The events an attendance count can belong to, or another event's sentence names
# (participants.py, kinds.py): one table for every rule that names them.
EVENT_NOUNS = (
    "training|trainings|course|courses|seminar|seminars|workshop|workshops|conference"
    "|meeting|meetings|round table|roundtable|forum|session|sessions|event|exhibition"
    "|ceremony|celebration|festival|lecture|webinar|exercise|visit|study tour|consultation"
    "|consultations|briefing|presentation|dialogue|summit|launch|screening|concert|fair"
    "|contest|competition|tournament|discussion|debate|panel|hackathon|marathon|excursion"
    "|gathering|assembly|congress|symposium|retreat|graduation|orientation|ToT|simulation"
    # Russian ones by their stems, in every case ("информационную сессию для 45 мигрантов").
    r"|семинар\w*|тренинг\w*|конференци\w*|кругл\w+ стол\w*|встреч\w*|курс\w*|мероприяти\w*"
    r"|форум\w*|сесси\w*|лекци\w*|выставк\w*|учени[еяй]\w*|совещани\w*|заседани\w*"
    r"|презентаци\w*|фестивал\w*|консультаци\w*|вебинар\w*|воркшоп\w*"
)

# Words that name a region after its name ("Sughd region", "Lviv oblast", "Dashoguz
# velayat", "Jura Rahmonov Jamoat"): the place rules and the organization names read them.
REGION_WORDS = (
    "region|oblast|oblys|province|velayat|viloyat|vilayet|marz|rayon|raion|district|"
    "jamoat|krai|kray|governorate|canton|county|autonomous republic"
)
# The local governments of Central Asia and the region, by their Russian stems: Kazakh
# akimat, Uzbek hokimiyat, Tajik hukumat, Turkmen hyakimlik, a mayor's office, an
# administration ("акимата Туркестанской области", "в здании мэрии").
RU_LOCAL_GOVERNMENTS = "акимат|хокимият|хукумат|хякимлик|мэри|администраци"

# A quoted stretch, each kind of quote closed by its own mark: names of events and
# organizations in quotes are read whole or left out by the field rules.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")

# A sentence ends at . ! ? followed by space and a capital, unless the word before the
# dot is an abbreviation ("St. Petersburg", "Mr. Profazi", "O.E. Kutafin").
# Line breaks, even blank lines, occur inside sentences of older pages (one <p> per
# line): a blank line ends a sentence only when the next line does not go on in lowercase.
_END = re.compile(rf"(?<=[.!?])[\"”»]?\s+(?=[\"“«(]?[{UPPER}0-9])|\n\s*\n(?![{LOWER}])")
_ABBREVIATION = re.compile(
    rf"(?:\b(?:St|Mr|Mrs|Ms|Dr|No|Prof|Jr|Sr|vs|etc|г|ул|им)|\b[{UPPER}])\.$"
)


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
