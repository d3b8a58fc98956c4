"""Organizations that organized, hosted, conducted or co-organized the event.

Names come from the phrases the labeling rules list ("organized by", "on the initiative
of", "jointly with", "in cooperation with", "X conducted a training"), never from "took
part", "with the support of" or "in the framework of". A name is kept as written and
also normalized, so "IOM Moscow" and "International Organization for Migration (IOM)"
group together.
"""

from __future__ import annotations

import re

from pipeline.fields.text import sentences
from pipeline.records import Organizer, Span

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)
# A word of a name; a capitalized Russian preposition ("В рамках проекта") opens none.
_WORD = (
    rf"[“\"«]?(?!{_MONTH}|(?:В|Во|На|С|Со|По|При|Для|Из|От|К|О|Об)\s)"
    rf"(?:[A-ZА-ЯЁ][\w’'.&-]*|[A-Z]{{2,}}|\d+\w*)[”\"»]?"
)
_JOINER = r"(?:of|for|and|the|on|in|de|du|la|под|по|и|в|во|-|–|named after)"
# Russian names go on in lower case ("Министерство внутренних дел", "Федеральная
# миграционная служба"); a lower-case word that ends like a verb ("провело",
# "состоялся", "организовала") or is a particle ends the name.
_RU_LOWER = (
    r"(?:дел\b|(?!(?:с|со|на|для|из|от|к|о|об|а|но|что|как|совместно|при|также|который"
    r"|которая|которое|которые)\b)[а-яё]+\b"
    r"(?<!л)(?<!ла)(?<!ло)(?<!ли)(?<!ся)(?<!сь)(?<!ет)(?<!ют)(?<!ит)(?<!ят)(?<!ть))"
)
NAME = (
    rf"(?:the\s+)?{_WORD}(?:\s+(?:{_JOINER}\s+)*(?:{_WORD}|{_RU_LOWER}))*"
    rf"(?:\s*\([^()]{{2,40}}\)(?:\s+{_WORD})*)?"
)
NAME_LIST = rf"{NAME}(?:\s*,\s*(?:and\s+)?{NAME}|\s+and\s+(?:the\s+)?{NAME})*"

PASSIVE = re.compile(
    rf"\b(?P<verb>co-organi[sz]ed|organi[sz]ed|hosted|conducted|convened|initiated|held|"
    rf"training)\s+(?:and\s+\w+\s+)?(?:jointly\s+)?(?:by|(?<=training )from)\s+"
    rf"(?P<names>{NAME_LIST})"
)
INITIATIVE = re.compile(rf"\b(?:on the initiative of|по инициативе)\s+(?P<names>{NAME_LIST})")
# "круглый стол, организованный МОМ": the Russian participle takes the name directly.
RU_PASSIVE = re.compile(
    rf"\b(?P<verb>организованн\w*|проведенн\w*|проведённ\w*)\s+(?P<names>{NAME_LIST})"
)
RU_ORGANIZER_WAS = re.compile(
    rf"\b[Оо]рганизатор(?:ом|ами)\s+(?:[а-яё]+\s+){{0,2}}выступил\w*\s+(?P<names>{NAME_LIST})"
)
PARTNER = re.compile(
    rf"\b(?i:jointly with|together with|in (?:close )?(?:cooperation|collaboration|partnership|"
    rf"coordination)"
    rf" with|совместно с|в сотрудничестве с)\s+(?P<names>{NAME_LIST})"
)
# A sentence that opens with its subject (after a date, a dateline or a partner phrase)
# and whose verb is an organizing one in the active voice: "On 20 July 2016 IOM Moscow
# conducted a training", "IOM, in close coordination with the Ministry of Justice,
# conducted training". Between subject and verb only an apposition, a partner phrase or
# "representatives" may stand, so "IOM supported a forum organized in Tbilisi" is no match.
_LEAD_IN = (
    r"(?:(?:On|In|From|During|Between|Since)\s+[^.;]{0,40}?"
    rf"(?:\b\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?|\b(?:19|20)\d\d|{_MONTH}\s+\d{{1,2}}"
    r"(?:,?\s+(?:19|20)\d\d)?)\s*,?\s+"
    r"|(?:Under|Within|As part of|In the framework of|Through)\s+[^,]{1,80},\s*"
    r"|[A-ZА-Я][\w./ ]{1,40}?\s+[–—-]\s+"
    rf"|(?i:jointly|together)\s+with\s+{NAME_LIST}\s*,\s*"
    r"|В\s+(?:рамках|ходе|течение)\s+(?:[а-яё]+\s+){1,4}"
    # 15-16 марта 2017 года в Казани ...
    r"|\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[а-яё]+(?:\s+(?:19|20)\d\d(?:\s*г\.|\s+года)?)?"
    r"\s*,?\s+(?:(?:в|во)\s+[А-ЯЁ][\w-]+\s+)?)?"
)
_PARTNERS = (
    rf"(?:(?:together|jointly)\s+with|in\s+(?:close\s+)?(?:cooperation|coordination|"
    rf"partnership|collaboration)\s+with|совместно\s+с|в\s+сотрудничестве\s+с)\s+{NAME_LIST}"
)
_GAP = (
    r"(?:\s*[/–—-]\s*(?i:the\s+UN\s+Migration\s+Agency)\s*[–—-]?)?"  # IOM's tagline
    r"(?:\s*,\s*[^,]{1,200}?,|\s*[–—]\s*[^–—]{1,200}?[–—])?"
    rf"(?:\s*{_PARTNERS}(?:\s+and\s+[^,]{{1,80}}?)?\s*,?)?"
    r"(?:\s+(?:representatives|staff|experts|and\s+partners|has|have))?\s+"
)
_VERB = (
    r"(?P<verb>(?i:co-organi[sz]ed|organi[sz]ed|organi[sz]es?|conducted|conducts?|hosted|"
    r"hosts?|convened|held|initiated|launched|провел[аио]?|провёл|организовал[аио]?)"
    r"|(?i:delivered|provided|gave)\s+(?:\w+\s+){0,2}?(?:training|course|seminar|"
    r"workshop|lecture|sessions?))\b(?!\s+(?:jointly\s+)?by\b)"
)
SUBJECT_CLAUSE = re.compile(rf"\s*{_LEAD_IN}(?P<names>{NAME_LIST}){_GAP}{_VERB}")
# "implemented together with UN Women", "funded in cooperation with": partners of a
# project, not of the event.
PROJECT_PARTNER = re.compile(r"(?:implement|fund|financ|support)\w*\s+(?:\w+\s+)?$", re.I)
ROLE_BY_VERB = {
    "hosted": "host",
    "hosts": "host",
    "conducted": "conductor",
    "conducts": "conductor",
    "training": "conductor",
    "delivered": "conductor",
    "provided": "conductor",
    "gave": "conductor",
    "initiated": "initiator",
    "co-organized": "co-organizer",
    "co-organised": "co-organizer",
}
ORG_HEADS = re.compile(
    r"\b(?:IOM|UN\w*|Ministry|Government|Institute|University|Academy|Foundation|Fund|"
    r"Cent(?:er|re)|Council|Union|Association|Agency|Service|Office|Embassy|Committee|"
    r"Commission|Department|Organi[sz]ation|Network|Guild|Gilde|Secretariat|Society|"
    r"Assembly|Parliament|Administration|Bureau|Ombudsman|Ombudsperson|Red Cross|Programme|"
    r"Project|School|College|Authority|Directorate|Mission|Министерств|Правительств|"
    r"Университет|Институт|Фонд|Центр|Бюро|МОМ|Посольств|Служб|Управлени|Комитет|Агентств|"
    r"Ассоциаци|Союз|Организаци|Администраци|Уполномоченн|Совет|Комисси|Академи|"
    r"Департамент|Ассамбле|Обществ|Мисси|Представительств)",
    re.I,
)
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
# "On 20 July 2016 IOM Moscow conducted": the date opening the sentence is not the name.
LEADING_DATE = re.compile(
    r"^(?:(?:On|In|From|Since|During|Between)\s+)?(?:\S+\s+)*?\d{1,4}\s+"
    rf"(?:(?:and|to|-|–)\s+\d{{1,2}}\s+)?(?:{_MONTH}\s+)?"
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")
IOM_NAMES = re.compile(
    r"^(?:(?:Бюро|Представительств\w*|Мисси\w*|Офис\w*)\s+)?(?:IOM|International Organi[sz]ation"
    r" for Migration|МОМ|Международн\w+\s+организаци\w+\s+по\s+миграции)\b"
)
# Organizing verbs a sentence needs before "in cooperation with" names co-organizers.
ORGANIZING = re.compile(r"organi[sz]|conduct|held|host|convene|initiat|провел|организ", re.I)


def organizers(text: str) -> list[Organizer]:
    found: dict[str, Organizer] = {}
    for s, offset in sentences(text):
        for match in PASSIVE.finditer(s):
            role = ROLE_BY_VERB.get(match.group("verb"), "organizer")
            _add_names(found, match, "names", role, offset)
        for match in INITIATIVE.finditer(s):
            _add_names(found, match, "names", "initiator", offset)
        for pattern in (RU_PASSIVE, RU_ORGANIZER_WAS):
            for match in pattern.finditer(s):
                _add_names(found, match, "names", "organizer", offset)
        subject = SUBJECT_CLAUSE.match(s)
        if subject:
            role = ROLE_BY_VERB.get(subject.group("verb").split()[0].lower(), "organizer")
            _add_names(found, subject, "names", role, offset)
        for match in PARTNER.finditer(s):
            before = s[max(0, match.start() - 30) : match.start()]
            opens_sentence = not s[: match.start()].strip()
            if (ORGANIZING.search(s) or opens_sentence) and not PROJECT_PARTNER.search(before):
                _add_names(found, match, "names", "co-organizer", offset)
    return list(found.values())


def _add_names(
    found: dict[str, Organizer], match: re.Match[str], group: str, role: str, offset: int
) -> None:
    start = match.start(group)
    for name, at in split_names(match.group(group)):
        if not ORG_HEADS.search(name):
            continue
        key = normalize(name)
        if key not in found:
            span = Span(offset + start + at, offset + start + at + len(name), name)
            found[key] = Organizer(name, key, role, span, role)


def split_names(names: str) -> list[tuple[str, int]]:
    """Split "A, B and C" into names, but keep "Ministry of Labor and Social Protection":
    an "and" separates two names only when both sides name an organization."""
    parts: list[tuple[str, int]] = []
    for piece in re.finditer(r"[^,]+", names):
        chunk, at = piece.group(0), piece.start()
        pieces = _split_on_and(chunk)
        for sub in pieces:
            index = chunk.find(sub)
            parts.append((sub, at + index))
    cleaned = []
    for name, at in parts:
        stripped = re.sub(r"^\s*(?:and\s+)?", "", name)
        at += len(name) - len(stripped)
        article = LEADING_ARTICLE.match(stripped)
        if article:
            at += article.end()
            stripped = stripped[article.end() :]
        stripped = stripped.rstrip(" ,;.")
        lead = LEADING_DATE.match(stripped)
        if lead:
            at += lead.end()
            stripped = stripped[lead.end() :]
        if stripped:
            cleaned.append((stripped, at))
    return cleaned


def _split_on_and(chunk: str) -> list[str]:
    pieces = re.split(r"(\s+(?:and|и)\s+)", chunk)
    merged: list[str] = []
    for conjunction, piece in zip(["", *pieces[1::2]], pieces[::2], strict=True):
        separate = (
            ORG_HEADS.search(piece) and ORG_HEADS.search(merged[-1] if merged else "")
        ) or piece.lstrip().startswith(("the ", "“", '"'))
        if merged and (not separate or _acronym_spans_more(piece)):
            merged[-1] = f"{merged[-1]}{conjunction}{piece}"
        else:
            merged.append(piece)
    return merged


def _acronym_spans_more(piece: str) -> bool:
    """ "Public Administration (RANEPA)": the acronym has more letters than the piece has
    capitalized words, so the piece ends a longer name begun before the "and"."""
    acronym = ACRONYM.search(piece)
    if not acronym:
        return False
    capitalized = len(re.findall(r"\b[A-Z]", piece[: acronym.start()]))
    return sum(ch.isupper() for ch in acronym.group(1)) > capitalized + 1


def normalize(name: str) -> str:
    """A grouping key: IOM under any of its names is "IOM"; else lowercase, no article."""
    bare = LEADING_ARTICLE.sub("", name.strip())
    if IOM_NAMES.match(bare):
        return "IOM"
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", bare)
    return re.sub(r"[“”\"«»]", "", bare).strip().lower()
