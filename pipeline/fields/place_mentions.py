"""Candidate places in a text, with offsets: gazetteer names, region phrases, venues and
datelines. Whether a mention is where the event took place is decided in places.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pipeline.fields.gazetteer import GeoName, lookup, may_continue
from pipeline.fields.lang import CYRILLIC
from pipeline.fields.months import MONTHS_TITLED, WEEKDAYS_TITLED
from pipeline.fields.place_words import EVENT_VERBS, RU_STREET_HEADS, STREET, STREET_HEADS
from pipeline.fields.russian import is_genitive
from pipeline.fields.text import (
    REGION_WORDS,
    RU_GENITIVE_END,
    RU_LOCAL_GOVERNMENTS,
    RU_NOT_NAME_WORDS,
    RU_NOT_VERB_END,
    UPPER,
)

_WORD = re.compile(r"\w+(?:-\w+)*(?:['’](?![sS]\b)\w+)*")
_CAP_WORD = re.compile(rf"[{UPPER}]")
# Lower-case words that occur inside place names: "Bosnia and Herzegovina", "Rostov-on-Don".
POSSESSIVE = re.compile(r"['’]s$")
NAME_CONNECTORS = frozenset({"and", "of", "on", "upon", "de", "del", "la", "am", "the"})
ABBREVIATIONS = frozenset({"St", "Mt", "Ft"})  # "St. Petersburg"
MAX_NAME_WORDS = 5
# (three digits at most, no year: "On 25 May 2019 Rustaveli Avenue hosted"; after the
# street, the number ends the address: "на улице Ленина 30 волонтёров" is a count)
HOUSE_BEFORE = re.compile(r"(?<![\w,.])\d{1,3}[a-zA-Z]?\s+$")
HOUSE_AFTER = re.compile(r",?\s+(?:д\.\s*)?\d{1,4}[а-я]?\b(?![.,]\d)(?=\s*(?:[,.;)]|$))")
MAX_TAIL_WORDS = 4  # genitive words a Russian venue's name may go on by
RU_TAIL_WORD = re.compile(r"\s+(?:(?P<acronym>\([А-ЯЁ]{2,}\))|(?P<word>[А-ЯЁа-яё]+)\b(?!-))")
ACRONYM = re.compile(rf"^[{UPPER}]{{2,4}}$")
# Words that name a region after its name (text.REGION_WORDS); Russian ones follow an
# adjective ("Дашогузский велаят", RU_REGION_PHRASE).
REGION_HEAD = rf"(?i:{REGION_WORDS})"
_NAME_WORD = r"[A-Z][\w-]*(?:['’](?![sS]\b)\w+)*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
REGION_PHRASE = re.compile(rf"\b(?P<name>{_NAME})\s+{REGION_HEAD}\b")
# "the Autonomous Republic of Crimea", "the Republic of Karakalpakstan" (a region; the
# "Republic of Moldova" is a country, which the gazetteer knows).
REPUBLIC_OF = re.compile(r"\b(?:Autonomous\s+)?Republic\s+of\s+(?P<name>[A-Z][\w-]+)")
MACRO = re.compile(
    r"(?:Central|Eastern|Western|Northern|Southern|South|North|East|West|Southeast|Black)\b|"
    r".*\b(?:Asian|European|African|Caucasian|Baltic|Mediterranean)$"
)
RU_REPUBLIC = re.compile(r"\bРеспублик\w*\s+(?P<name>[А-ЯЁ][а-яё-]+)")
# "Ошской области", "Иссык-Кульской области", "Кара-Суйском районе", "Марыйского велаята"
RU_REGION_PHRASE = re.compile(
    r"(?<![\w-])[А-ЯЁ][а-яёА-ЯЁ-]*(?:ск|цк)(?:ий|ая|ой|ом|ого|ую|ей)\s+"
    r"(?:област|велаят|район|кра[йяюе]|регион)\w*"
)
# The same in the genitive, as after the town that lies in it.
RU_GENITIVE_REGION = re.compile(r"(?:ой|ого)\s+(?:области|велаята|района|края|региона)$")
# Head words of venues, capitalized inside a name ("Grand Tian Shan Hotel", "Academy of
# the Ministry of Interior") or lower-case after one ("Tamchi airport", "Kara-Suu point of
# entry"); sites visited during an event count as its venues (LABELING.md precedents).
VENUE_HEADS = (
    r"University|Hotel|Hall|House|Cent(?:er|re)|Academy|Library|Museum|Palace|Institute|"
    r"School|Building|Premises|Theat(?:re|er)|Club|Park|Plaza|Complex|Headquarters|"
    r"Airport|Stadium|Gallery|Shelter|Dim|Checkpoint|Point of Entry|Border Crossing Point|"
    r"Parliament|Court|College|Lyceum|Gymnasium|Hospital|Clinic|Arena|Station|Terminal|"
    r"Pavilion|Expo|Resort|Sanatorium|Auditorium|Cinema|Palais|Incubator|Technopark|"
    rf"{STREET_HEADS}"
)
# The lower-case heads written after a name ("Tamchi airport", "Dostuk border crossing
# point"). Not "office": "the IOM office in Bishkek" is where IOM sits.
_LOWER_HEADS = (
    r"airport|border checkpoint|checkpoint|point of entry|border crossing point|crossing point|"
    r"border crossing|border post|"
    r"customs post|railway station|bus station|hotel|shelter|hospital|"
    r"school|university|library|museum|cinema|theatre|stadium|park|square|building|premises|"
    r"assembly hall|conference hall|hall|amphitheatre|auditorium|campus|training room|"
    # "the Silk Road Samarkand congress centre", "the Kulob business incubator"
    r"(?:congress|conference|business|exhibition|press|community|youth|training|resource)\s+"
    r"cent(?:re|er)|business incubator|technopark"
)
_CHUNK_WORD = r"(?:[A-Z][\w’'&.-]*|[A-Z]{2,})"
# "and" joins words of one name ("Ministry of Labour and Social Protection"), "and the"
# two names ("the Museum of X and the Palace of Culture").
_CHUNK_LINK = (
    r"(?:\s+(?:(?:of|for|named\s+after|by\s+the\s+name\s+of)(?:\s+the)?|and(?!\s+the\b)"
    # French names of the region's venues: "Palais des Nations", "Centre de Conférences"
    r"|des|de|du|de\s+la))?\s+"
)
CAP_CHUNK = re.compile(
    rf"(?<![\w’'])(?:{_CHUNK_WORD}(?:{_CHUNK_LINK}{_CHUNK_WORD})*)(?:\s+\([A-Z][A-Za-z]*[A-Z]\))?"
)
VENUE_HEAD = re.compile(rf"\b(?:{VENUE_HEADS})\b")
# "School No. 12", "Lyceum No 5": a numbered school, named by its number.
NUMBERED_VENUE = re.compile(
    r"\b(?:School|Lyceum|Gymnasium|Kindergarten|Polyclinic|Hospital)\s+(?:No\.?|№|#)\s*\d{1,4}\b"
)
LOWER_VENUE = re.compile(
    rf"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}\s+(?:{_LOWER_HEADS}))\b"
)
_QUOTE = r"[“«\"‘?][^”»\"’?\n]{2,40}[”»\"’?]"
# "hotel “National”", "the “Dushanbe Plaza” hotel", "в гостинице «Космос»".
QUOTED_VENUE = re.compile(
    # with the capitalized words before the head: "the Youth Centre “Dom omladine”"
    rf"\b(?:(?-i:(?!The\b)[A-Z][\w’'-]*)\s+){{0,3}}(?:{_LOWER_HEADS}|hall|house|cent(?:er|re)|complex|"
    rf"club|гостиниц\w*|"
    rf"отел\w*|центр\w*|музе\w*|библиотек\w*|зал\w*|дом\w*)\s+{_QUOTE}"
    rf"|{_QUOTE}\s+(?:{_LOWER_HEADS}|hall|centre|center|complex)\b",
    re.I,
)
# "the large hall of the Moscow Department of Education": a building named after its owner.
BUILDING_OF = re.compile(
    r"\b(?i:hall|premises|building|headquarters|stage)\s+of\s+(?:the\s+)?(?=[A-Z])"
)
# A town's or district's administration named in lower case after the town: "the
# conference hall of the Kulob city administration", "the premises of the Sumgait city
# executive power" (Tajik hukumats, Azerbaijani executive powers).
LOCAL_GOVERNMENT = re.compile(
    r"\s+(?:city|town|district|regional|municipal|village)\s+(?:administration|"
    r"executive\s+(?:power|committee)|council|hall|municipality)\b"
)
# Russian venues in the prepositional case after "в"/"на" ("в здании Общественной палаты
# Российской Федерации", "в Информационном центре ООН", "в гостинице «Москва»"): the
# venue noun, with capitalized words or a quoted name around it.
_RU_VENUE_NOUN = (
    r"(?:здании|зале|конференц-зале|помещении|гостинице|отеле|центре|пресс-центре|"
    r"университете|институте|академии|музее|библиотеке|доме|дворце|палате|посольстве|"
    r"корпусе|кинотеатре|театре|стадионе|клубе|пресс-клубе|школе|лицее|колледже|гимназии|"
    r"конгресс-холле|конгресс-центре|холле|думе|"
    # a border checkpoint: "на пункте пропуска «Варшавский мост»", "на КПП «Нижний Пяндж»"
    rf"пункте\s+пропуска|КПП|{RU_STREET_HEADS})"
)
# Lower-case words a venue's name runs through, but not a preposition ("... ООН в Москве").
_RU_NOT_NAME = rf"(?!(?:{RU_NOT_NAME_WORDS})\b)"
# (nor a verb: "в кинотеатре «Октябрь» организовали МОМ")
_RU_LOWER_WORD = rf"{_RU_NOT_NAME}[а-яё]+\b{RU_NOT_VERB_END}"
# A name word, but not the subject that follows the venue ("в пресс-центре РИА Новости
# Бюро МОМ провело": a body named in the nominative begins the next phrase).
_RU_NAME_WORD = (
    r"(?!(?:Бюро\s+МОМ|Представительство|Министерство|Правительство|Управление)\b)"
    r"(?:[А-ЯЁ][\w-]*|[«\"][^»\"]{1,60}[»\"])"
)
# Institutions a building belongs to, named in lower case ("в здании мэрии").
_RU_INSTITUTION = (
    r"(?:правительства|министерства|университета|посольства|института|"
    r"академии|библиотеки|музея|суда|прокуратуры|полиции|школы|колледжа|гимназии|лицея|"
    # the local governments of Central Asia
    rf"(?:{RU_LOCAL_GOVERNMENTS})\w*)\b"
)


# "... университета имени Иммануила Канта": named after a person.
_NAMED_AFTER = r"(?:\s+имени\s+[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w.-]*){0,2})?"


def _ru_venue_name(more: str) -> str:
    """The venue pattern; `more` repeats its name words: "+" reads the longest venue, "+?"
    the shortest that lets what follows match (organizers.py: the subject after a venue)."""
    return (
        r"(?:"
        # "Оренбургском государственном университете", "Таврическом дворце", "Зубовском бульваре"
        rf"(?:[А-ЯЁ][\w-]+(?:\s+\([А-ЯЁ][а-яё]+\))?\s+(?:{_RU_LOWER_WORD}\s+){{0,2}}"
        rf"(?i:{_RU_VENUE_NOUN})(?:\s+\([А-ЯЁ]{{2,}}\)|\s+[А-ЯЁ]{{2,}}\b|\s+[«\"][^»\"]{{1,60}}[»\"])?"
        # ... and whose it is, in the genitive: "Общественной палате Российской Федерации",
        # "Российском университете дружбы народов (РУДН)"
        # ("Республики Татарстан": a republic's name stays in the nominative)
        rf"(?:\s+(?:Республики\s+[А-ЯЁ][\w-]+|(?:[А-ЯЁ][\w-]*|{_RU_NOT_NAME}[а-яё]+)"
        rf"{RU_GENITIVE_END})){{0,3}}"
        rf"(?:\s+\([А-ЯЁ]{{2,}}\))?{_NAMED_AFTER}"
        # "здании Общественной палаты Российской Федерации", "улице Волгина", with a
        # genitive tail ("в здании Уральского гуманитарного института"), never a
        # preposition ("в конференц-зале РСМД на Ильинке")
        # (after an adjective in lower case: "актовом зале ...", "учебном центре ...")
        rf"|(?:[а-яё]+(?:ом|ем|ой)\s+)?(?i:{_RU_VENUE_NOUN})"
        rf"(?:(?:\s+{_RU_LOWER_WORD}){{0,2}}\s+{_RU_NAME_WORD}){more}"
        rf"(?:\s+{_RU_NOT_NAME}(?!имени\b)[а-яё]+{RU_GENITIVE_END}){{0,3}}{_NAMED_AFTER}"
        # "здании мэрии", "учебном корпусе университета": an institution in lower case
        rf"|(?:[а-яё]+\s+)?(?i:{_RU_VENUE_NOUN})\s+{_RU_INSTITUTION}"
        # "Доме национальностей", "районном Доме культуры": the capital of the noun itself
        # makes it a name, which goes on in the genitive
        rf"|(?:[а-яё]+(?:ом|ем)\s+)?(?=[А-ЯЁ])(?i:{_RU_VENUE_NOUN})"
        rf"(?:\s+{_RU_NOT_NAME}[а-яё]+{RU_GENITIVE_END}){{1,3}}))"
    )


RU_VENUE_NAME = _ru_venue_name("+")
RU_VENUE_LEAD = _ru_venue_name("+?")
RU_VENUE = re.compile(rf"(?:(?<=\b[вВ]\s)|(?<=\b[вВ]о\s)|(?<=\b[нН]а\s))(?P<name>{RU_VENUE_NAME})")
# "на базе Ростовского юридического института МВД России", "на площадке Дома дружбы": on
# an institution's premises,
# the institution is the venue (as "the premises of ..." in English): its name in the
# genitive, capitalized words and acronyms with the lower-case words between them that
# are no verbs ("... университета состоялся"), and a region's name after "по" ("...
# ФСБ России по Калининградской области").
RU_PREMISES = re.compile(
    rf"(?<=\b[нН]а\s)(?:базе|площадке)\s+(?P<name>[А-ЯЁ][\w-]*(?:\s+(?:(?:по\s+)?[А-ЯЁ][\w-]*|"
    rf"{_RU_LOWER_WORD})){{0,5}})"
)
# "was held at the Ministry of Foreign Affairs": whatever is named after "held at" is a
# building, head word or not.
HELD_AT = re.compile(
    rf"\b(?:{EVENT_VERBS})\b[^.;!?\n]{{0,120}}?\bat\s+(?:the\s+)?(?=[A-Z])"
    r"|\b(?:held|took place|takes place|convened|met|conducted)\s+in\s+the\s+"
    r"(?=(?:Ministry|Parliament|Office|Court|Embassy|Committee|Council|Agency|Service|"
    r"Chamber|Government)\b)"
)
# "in the village of Dzhany-Dzhol", "in Jahorina, Bosnia and Herzegovina": a name the
# gazetteer lacks, told a place by the word before it or the country after it.
SMALL_PLACE = re.compile(
    r"\b(?:(?i:town|village|settlement|city|district|municipality)\s+of\s+"
    r"(?P<after_word>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
    # "в селе Ташкепри", "в поселке Сокулук", "в г. Вахдат": the Russian words for them
    r"|(?:(?i:селе|поселке|посёлке|деревне|кишлаке|ауле|айыле|станице|городе)\s+|г\.\s*)"
    r"(?P<ru_after_word>[А-ЯЁ][\w-]+)"
    r"|(?i:in|at)\s+(?P<before_place>[A-Z][\w’'-]+)(?=,\s+[A-Z]))"
)
HELD_IN_NAME = re.compile(
    rf"\b(?:{EVENT_VERBS})\s+(?:[\w-]+\s+){{0,10}}?in\s+"
    r"(?P<name>[A-Z][a-z][\w’'-]+)(?=\s*(?:[,.;]|\s(?:on|in|at|from|to|for|and|with)\s|$))"
)
# Capitalized words after "in" that are no towns: languages and nationalities, months,
# weekdays ("held in English", "met in March").
NOT_A_TOWN = re.compile(
    rf"(?:ish|ian|ese|ic|ean|ek|uz)$|^(?:{MONTHS_TITLED}|{WEEKDAYS_TITLED}|"
    r"Russian|Tajik|Kyrgyz|Kazakh|Turkmen|Dari|Farsi|Pashto|Georgian|"
    r"Armenian|Azerbaijani|Romanian|Ukrainian|Belarusian|Serbian|Turkish|Uzbek|English|"
    r"French|Spanish|Arabic|Chinese|Cooperation|Partnership|Addition|Particular|Total|"
    r"General|Order|Line|Accordance|Response|Support|Parallel|Conclusion|Light|View|Spite)$"
)
# A dateline's date, a range of days included ("9–10 December 2021", "16-17.05.2019").
_DAYS = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
_DATE = (
    rf"(?:{_DAYS}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|[A-Z][a-z]+\s+{_DAYS}(?:st|nd|rd|th)?)"
    rf"(?:,?\s+\d{{4}})?|{_DAYS}\.\d{{1,2}}\.\d{{2,4}}"
    r"|\d{1,2}\s+[а-яё]+(?:\s+\d{4})?(?:\s*(?:г\.|года))?"  # "5 апреля 2016 г."
)
# "Baku – On 19 May", "Kyiv, 20 November 2018", "Minsk, Belarus –", "ASTANA, 27 January
# 2015.", "Moscow/Nur Sultan –": names at the start of a paragraph, then a dash, or a date
# and a full stop or the end of the line; "Bishkek  Sadbarg Gazieva, 38, sees": a dash lost
# in the copy leaves two spaces.
_LETTERS = r"[A-Za-zÀ-ɏА-Яа-яЁё’'. -]"
DATELINE = re.compile(
    # ("Bishkek and Osh- Manfred Profazi ...": two towns joined by "and", a hyphen and a
    # space; a hyphen without the space is a name's own: "Cholpon-Ata")
    rf"^(?P<names>[{UPPER}]{_LETTERS}{{1,40}}?(?:(?:\s*[,/]\s*|\s+(?:and|и)\s+)[{UPPER}]"
    rf"{_LETTERS}{{1,30}}?){{0,2}})"
    rf"(?:\s*\((?:IOM|UN\w*|МОМ)\))?(?:(?:\s+[–—-]+|[–—]+|-(?=\s))\s*(?=\S)|,\s*(?P<date>{_DATE})"
    # (the date ended by a dash, a full stop, the line, or the year's "г." itself: "Бишкек,
    # 26 ноября 2019 г. Конференция ...")
    rf"(?:\s*(?:[–—-]+\s+|\.\s+|$)|(?<=г\.)\s+(?=[{UPPER}]))"
    rf"|(?P<alone>\s*$)|(?P<lost_dash>[ \t\u00a0]{{2,}}(?=[{UPPER}])))",
    re.M,
)
# "14 June 2019, Dushanbe –": the date first.
DATE_FIRST_DATELINE = re.compile(
    rf"^(?:{_DATE}),?\s+(?P<names>[{UPPER}]{_LETTERS}{{1,40}}?(?:\s*,\s*[{UPPER}]{_LETTERS}{{1,30}}?)?)"
    # ("21 May 2019, Tirana, Albania: IOM organized")
    rf"\s*(?:[–—-]+|\.|:)\s",
    re.M,
)
LIST_MARKS = re.compile(r"[\s,/]|\b(?:and|и)\b")
DATELINE_PARAGRAPHS = 4  # a dateline opens the text, after a date line or a caption


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # city, region, country, area (never a place), venue
    geo: GeoName | None
    finder: str  # the function that found it


def gazetteer_names(text: str, *, capitals: bool = False) -> list[Mention]:
    """Known names, longest first: "Bosnia and Herzegovina", "St. Petersburg", "Москве".
    A word in capitals of up to four letters is an acronym ("ILO"), except in a dateline
    (`capitals`: "BAKU –")."""
    words = list(_WORD.finditer(text))
    found: list[Mention] = []
    i = 0
    while i < len(words):
        word = words[i].group()
        hit = _longest_name(text, words, i) if _CAP_WORD.match(word) else None
        if hit is not None and ACRONYM.match(word) and hit[1].kind != "country" and not capitals:
            hit = None  # "ILO" is no town Ilo
        if hit is None:
            i += 1
            continue
        j, geo = hit
        start, end = words[i].start(), words[j].end()
        found.append(Mention(start, end, text[start:end], geo.kind, geo, "gazetteer_names"))
        i = j + 1
    return found


def _longest_name(text: str, words: list[re.Match[str]], i: int) -> tuple[int, GeoName] | None:
    best = None
    for j in range(i, min(i + MAX_NAME_WORDS, len(words))):
        if j > i and not _joined(text, words[j - 1], words[j]):
            break
        phrase = text[words[i].start() : words[j].end()]
        if _CAP_WORD.match(words[j].group()):
            geo = lookup(phrase)
            if geo is not None:
                best = (j, geo)
        if not may_continue(phrase):
            break
    return best


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    if gap.strip() == "." and left.group() in ABBREVIATIONS:
        return True
    if gap not in (" ", "-"):
        return False
    return _CAP_WORD.match(right.group()) is not None or right.group() in NAME_CONNECTORS


def region_phrases(text: str) -> list[Mention]:
    """ "the Sughd region", "Lviv oblast", "Дашогузском велаяте": a name and a region word.
    Names in capitals ("CIS region") are organizations' areas, and macro-regions
    ("Black Sea Region") no places of events."""
    found = []
    for match in REGION_PHRASE.finditer(text):
        name = match.group("name")
        geo = lookup(name)
        if name.isupper() or (geo is not None and geo.kind == "area") or MACRO.match(name):
            continue
        found.append(_mention(text, match.start(), match.end(), "region", "region_phrases"))
    for match in REPUBLIC_OF.finditer(text):
        geo = lookup(match.group("name"))
        if geo is not None and geo.kind == "region":
            found.append(_mention(text, match.start(), match.end(), "region", "region_phrases"))
    for match in RU_REPUBLIC.finditer(text):
        # "в Республике Казахстан" is the country; "в Республике Татарстан" a region.
        geo = lookup(match.group("name"))
        kind = "country" if geo is not None and geo.kind == "country" else "region"
        found.append(_mention(text, match.start(), match.end(), kind, "region_phrases"))
    for match in RU_REGION_PHRASE.finditer(text):
        found.append(_mention(text, match.start(), match.end(), "region", "region_phrases"))
    return found


def genitive_tail(text: str, end: int) -> int:
    """Where a Russian venue's name ends: the patterns read a few genitive words by their
    endings, and the name goes on through the next words (MAX_TAIL_WORDS at most) that
    pymorphy reads as genitives, and an acronym in parentheses ("в Конгресс-центре Центра
    международной торговли", "... институте международных отношений (МГИМО)")."""
    for _ in range(MAX_TAIL_WORDS):
        word = RU_TAIL_WORD.match(text, end)
        if word is None or not (word["acronym"] or is_genitive(word["word"])):
            break
        end = word.end()
    return end


def with_house_number(text: str, m: Mention) -> Mention:
    """A street with its house number, as written: "18 Gorgiladze Street", "улице Ленина,
    45" (LABELING.md, Places: `venue` ... street, as written)."""
    if not STREET.search(m.text):
        return m
    before = HOUSE_BEFORE.search(text, max(0, m.start - 8), m.start)
    after = HOUSE_AFTER.match(text, m.end) if CYRILLIC.search(m.text) else None
    start = before.start() if before else m.start
    end = after.end() if after else m.end
    return m if (start, end) == (m.start, m.end) else _mention(text, start, end, "venue", m.finder)


def venues(text: str) -> list[Mention]:
    """Names holding a venue's head word, a name before a lower-case head, a head before a
    quoted name ("hotel “National”"); a street with its house number."""
    return [with_house_number(text, m) for m in _venues(text)]


def _venues(text: str) -> list[Mention]:
    found = []
    for match in CAP_CHUNK.finditer(text):
        if VENUE_HEAD.search(match.group()) and " " in match.group().strip():
            found.append(_mention(text, match.start(), match.end(), "venue", "venues"))
    for match in itertools.chain(RU_VENUE.finditer(text), RU_PREMISES.finditer(text)):
        end = genitive_tail(text, match.end("name"))
        found.append(_mention(text, match.start("name"), end, "venue", "venues"))
    for pattern in (LOWER_VENUE, QUOTED_VENUE, NUMBERED_VENUE):
        for match in pattern.finditer(text):
            found.append(_mention(text, match.start(), match.end(), "venue", "venues"))
    for match in HELD_AT.finditer(text):
        chunk = CAP_CHUNK.match(text, match.end())
        # One word will do ("at the Hofburg"), but not an acronym ("at the OSCE") nor a
        # head word referring back ("at the Palace").
        word = chunk.group().strip().rstrip(".,") if chunk is not None else ""
        # (nor a possessor alone: "at IOM’s office in Tbilisi")
        single = " " not in word and bool(
            ACRONYM.match(word) or VENUE_HEAD.fullmatch(word) or POSSESSIVE.search(word)
        )
        if chunk is not None and not single and lookup(word) is None:
            found.append(_mention(text, chunk.start(), chunk.end(), "venue", "venues"))
    for match in BUILDING_OF.finditer(text):
        chunk = CAP_CHUNK.match(text, match.end())
        if chunk is not None:
            government = LOCAL_GOVERNMENT.match(text, chunk.end())
            end = government.end() if government else chunk.end()
            found.append(_mention(text, chunk.start(), end, "venue", "venues"))
    return found


def small_places(text: str) -> list[Mention]:
    """Towns the gazetteer lacks, where the wording says they are places: after "town
    of" or "village of" ("селе", "поселке"), after "in" and before a known region or
    country, or as the one word after "held in" ("opened a centre for border guards in
    Korogh")."""
    found = [
        Mention(m.start("name"), m.end("name"), m.group("name"), "city", None, "small_places")
        for m in HELD_IN_NAME.finditer(text)
        if lookup(m.group("name")) is None and not NOT_A_TOWN.search(m.group("name"))
    ]
    for match in SMALL_PLACE.finditer(text):
        group = next(g for g in ("after_word", "ru_after_word", "before_place") if match.group(g))
        if group == "before_place":
            rest = gazetteer_names(text[match.end() + 2 : match.end() + 60])
            if not rest or rest[0].start != 0 or rest[0].kind not in ("region", "country"):
                continue
        start, end = match.span(group)
        if lookup(match.group(group)) is None:
            found.append(Mention(start, end, text[start:end], "city", None, "small_places"))
    return found


def datelines(text: str) -> list[Mention]:
    """Known places opening one of the first paragraphs before a dash or a date."""
    head_end = _nth_paragraph_end(text, DATELINE_PARAGRAPHS)
    found = []
    matches = [
        *DATELINE.finditer(text, 0, head_end),
        *DATE_FIRST_DATELINE.finditer(text, 0, head_end),
    ]
    for match in matches:
        # "Kazan, Republic of Tatarstan, 17 October –", "Cholpon-Ata, Issyk-Kul region, ..."
        regions = region_phrases(match.group("names"))
        names = regions + [
            m
            for m in gazetteer_names(match.group("names"), capitals=True)
            if m.kind in ("city", "region", "country")
            and all(m.end <= r.start or m.start >= r.end for r in regions)
        ]
        covered = sum(m.end - m.start for m in names)
        if not names or covered < len(LIST_MARKS.sub("", match.group("names"))) * 0.8:
            continue  # "Photo by State Migration Service –": not a list of places
        if match.groupdict().get("alone") is not None and len(names) < 2:
            continue  # "St. Petersburg, Russian Federation" alone on a line; not "Georgia"
        at = match.start("names")
        found += [
            Mention(at + m.start, at + m.end, m.text, m.kind, m.geo, "datelines") for m in names
        ]
    return found


def _nth_paragraph_end(text: str, n: int) -> int:
    at = 0
    for _ in range(n):
        found = text.find("\n", at)
        if found < 0:
            return len(text)
        at = found + 1
        while at < len(text) and text[at] == "\n":
            at += 1
    return at


def _mention(text: str, start: int, end: int, kind: str, finder: str) -> Mention:
    while end > start and text[end - 1] in " .,":
        end -= 1
    return Mention(start, end, text[start:end], kind, lookup(text[start:end]), finder)


def mentions(text: str) -> list[Mention]:
    """Every candidate, without overlaps: venues and region phrases win over the names
    inside them ("Moscow State Law University", "Donetsk Region")."""
    chosen: list[Mention] = []
    for group in (venues(text), region_phrases(text), gazetteer_names(text), small_places(text)):
        for m in sorted(group, key=lambda m: m.start - m.end):
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)
