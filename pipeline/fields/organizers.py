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
_WORD = rf"[“\"«]?(?!{_MONTH})(?:[A-ZА-ЯЁ][\w’'.&-]*|[A-Z]{{2,}}|\d+\w*)[”\"»]?"
_JOINER = r"(?:of|for|and|the|on|in|de|du|la|под|по|и|-|–|named after)"
NAME = (
    rf"(?:the\s+)?{_WORD}(?:\s+(?:{_JOINER}\s+)*{_WORD})*"
    rf"(?:\s*\([^()]{{2,40}}\)(?:\s+{_WORD})*)?"
)
NAME_LIST = rf"{NAME}(?:\s*,\s*(?:and\s+)?{NAME}|\s+and\s+(?:the\s+)?{NAME})*"

PASSIVE = re.compile(
    rf"\b(?P<verb>co-organi[sz]ed|organi[sz]ed|hosted|conducted|convened|initiated|held)\s+"
    rf"(?:jointly\s+)?by\s+(?P<names>{NAME_LIST})"
)
INITIATIVE = re.compile(rf"\bon the initiative of\s+(?P<names>{NAME_LIST})")
PARTNER = re.compile(
    rf"\b(?:jointly with|together with|in (?:close )?(?:cooperation|collaboration|partnership)"
    rf" with|совместно с|в сотрудничестве с)\s+(?P<names>{NAME_LIST})"
)
ACTIVE = re.compile(
    rf"(?P<names>{NAME_LIST})(?:\s*,?\s*(?:together|jointly)\s+with\s+(?P<partners>{NAME_LIST})"
    rf"\s*,?)?\s+(?:has\s+|have\s+)?(?P<verb>co-organi[sz]ed|organi[sz]ed|conducted|hosted|"
    rf"convened|held|organi[sz]es|conducts|hosts|провел[аи]?|организовал[аи]?)\b"
)
ROLE_BY_VERB = {
    "hosted": "host",
    "hosts": "host",
    "conducted": "conductor",
    "conducts": "conductor",
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
    r"Университет|Институт|Фонд|Центр|Бюро|МОМ|Посольств)",
    re.I,
)
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
# "On 20 July 2016 IOM Moscow conducted": the date opening the sentence is not the name.
LEADING_DATE = re.compile(
    r"^(?:(?:On|In|From|Since|During|Between)\s+)?(?:\S+\s+)*?\d{1,4}\s+"
    r"(?:(?:and|to|-|–)\s+\d{1,2}\s+)?(?:[A-Z][a-z]+\s+(?=[A-Z]))?"
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")
IOM_NAMES = re.compile(r"^(?:IOM|International Organi[sz]ation for Migration|МОМ)\b")
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
        for match in ACTIVE.finditer(s):
            role = ROLE_BY_VERB.get(match.group("verb"), "organizer")
            _add_names(found, match, "names", role, offset)
            if match.group("partners"):
                _add_names(found, match, "partners", "co-organizer", offset)
        if ORGANIZING.search(s):
            for match in PARTNER.finditer(s):
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
            found[key] = Organizer(name, key, role, span)


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
    pieces = re.split(r"\s+and\s+", chunk)
    merged: list[str] = []
    for piece in pieces:
        separate = (
            ORG_HEADS.search(piece) and ORG_HEADS.search(merged[-1] if merged else "")
        ) or piece.lstrip().startswith(("the ", "“", '"'))
        if merged and (not separate or _acronym_spans_more(piece)):
            merged[-1] = f"{merged[-1]} and {piece}"
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
