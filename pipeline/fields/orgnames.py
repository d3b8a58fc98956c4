"""Organization mentions: name chunks in a sentence, lists of them split into names, and
whether a chunk names an organization at all.

The mention layer knows nothing of roles: it answers "which stretches of this text are
names of organizations, and where do they start and end". organizers.py decides which of
them organized the event.

A name is a run of capitalized words and acronyms with the joiners names use ("Ministry of
Labour and Social Protection", "Institute for Democracy"), an attached acronym in
parentheses ("Russian International Affairs Council (RIAC)") and what may follow it ("IOM
(OIM) in the Republic of Moldova"), a quoted name ("NGO «Gender and Development»"), and in
Russian the lower-case words of a name ("Министерство внутренних дел"). Trigger verbs,
months, weekdays and sentence openers never start or continue a name, so "IOM Launches
Online Course" gives "IOM".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.fields.aliases import is_known_organization
from pipeline.fields.gazetteer import lookup
from pipeline.fields.months import MONTHS_TITLED, WEEKDAYS_TITLED
from pipeline.fields.text import (
    AND,
    QUOTED,
    REGION_WORDS,
    RU_LOCAL_GOVERNMENTS,
    RU_NOT_NAME_WORDS,
    RU_NOT_VERB_END,
    UPPER,
)

# Capitalized words that open sentences and clauses, not names.
OPENERS = (
    "On|In|At|During|Within|Under|Following|After|Before|Between|From|Since|With|Through|"
    "Together|Jointly|Today|Yesterday|Tomorrow|This|That|These|Those|Last|Next|Also|As|It|"
    "Its|Their|Our|His|Her|Mr|Mrs|Ms|Dr|By|For|To|And|But|While|When|Where|Once|Overall|"
    "The|A|An|"
    "В|Во|На|С|Со|По|При|Для|Из|От|К|О|Об|Также|Сегодня|Вчера"
)
# Verbs of the trigger families (organizers.py) in the forms a title capitalizes: they end
# a name ("IOM Trains Border Guards", "IOM Launches Campaign").
VERB_WORDS = (
    r"(?:Co-)?Organi[sz](?:es|ed|ing|e)|Hosts?|Hosted|Hosting|Conducts?|Conducted|Holds?|Held|"
    r"Launch(?:es|ed)?|Convenes?|Convened|Trains?|Trained|Delivers?|Delivered|Opens?|Opened|"
    r"Presents?|Presented|Brings|Brought|Gathers?|Gathered|Marks?|Marked|Celebrates?|"
    r"Celebrated|Welcomes?|Supports?|Supported|Calls?|Helps?|Provides?|Provided|Signs?|Signed|"
    r"Meets?|Met|Visits?|Visited|Tells?|Urges?|Joins?|Joined|Starts?|Started|Will|Has|Have|Is|"
    r"Are|Was|Were"
)
# ... unless a name's head follows: "Migrant Support Centre", "Legal Help Desk", "Call Centre".
_VERB_NOT_IN_NAME = (
    rf"(?:{VERB_WORDS})\b(?!\s+(?:Cent(?:re|er)s?|Desk|Line|Hotline|Unit|Services?|Office|"
    r"Group|Network|Point|Fund|Programme|Program|Project)\b)"
)
_STOP = rf"(?:{MONTHS_TITLED}|{WEEKDAYS_TITLED}|{OPENERS}|{_VERB_NOT_IN_NAME})\b"
_WORD = (
    rf"(?:[“\"«][^”\"»]{{2,80}}[”\"»]"
    rf"|(?!{_STOP}|New\s+[a-z])(?:[{UPPER}][\w’'.&/-]*|[{UPPER}]{{2,}}))"
)
# "State Migration Service under the Government of the Kyrgyz Republic" (Central Asian
# agencies are named after the body they answer to; Russian "при Правительстве").
_JOINER = (
    # "IOM Mission to Moldova", "the EU Delegation to Ukraine" (a country's whole name)
    r"(?:of|for|and|the|on|in|de|du|la|des|&|-|–|named after|"
    r"(?:(?<=Mission\s)|(?<=Delegation\s))to(?=\s+(?:the\s+)?[A-Z]\w{3,}\b)|"
    r"under(?=\s+the\s+(?:Government|"
    r"State|Office|President|Cabinet|Ministry|Prime))|под|по|и|в|во|при)"
)
# Russian names go on in lower case ("Министерство внутренних дел"); a lower-case word
# that ends like a verb ("провело", "состоялся") or is a particle ends the name.
_RU_LOWER = (
    # Nouns that end like verbs ("совет", "комитет") go on the name too.
    # "в сотрудничестве с", "в рамках": a phrase after the name, never a word of it;
    # "при (финансовой) поддержке", "при содействии", "при участии": a funder or a
    # participant follows (LABELING.md, Organizers: "Not: ... funders and supporters").
    r"(?!(?:сотрудничеств|рамках|ходе|целях|течение|партнерств|партнёрств|накануне|преддвери)\w*)"
    r"(?!(?:финансовой|технической|поддержке|содействии|участии)\b)"
    r"(?:дел\b|(?:совет|комитет|кабинет|институт|университет|центр|фонд|департамент|"
    rf"отдел|союз|суд|парламент)\w*|(?!(?:{RU_NOT_NAME_WORDS})\b)[а-яё]+\b{RU_NOT_VERB_END})"
)
# Lower-case heads inside English names: "the Bibliomist programme", "Aga-Khan Humanities
# project of the University of Central Asia".
# "the Frontex liaison office": one or two lower-case words may precede such a head.
_LOWER_HEAD = (
    r"(?:(?!(?:through|the|a|an|of|for|in|on|at|by|with|under|within|and|or|its|their|as)\b)"
    r"[a-z][a-z-]*\s+){0,2}?(?:programme|program|project|office|mission|centre|center|unit|"
    r"section|team)\b"
    # a body of a town or region named with its word: "the Department of Education of
    # Vahdat city", "the Khokimiyat of Samarkand region"
    rf"|(?:city|{REGION_WORDS})\b(?=\s*(?:[,;.)]|and\b))"
)
# A legal form in lower case before a quoted name ("общественным объединением «Открытая
# линия»", "the NGO “Istiqbolli Avlod”"): a description, not a word of the name, which is
# the quoted one (the shortest complete name, LABELING.md Organizers).
RU_LEGAL_FORM = (
    r"(?:(?:международн|общественн|некоммерческ|неправительственн|благотворительн|"
    r"республиканск|молод[её]жн|женск|региональн|городск)\w*\s+){0,2}"
    r"(?:объединени|организаци|фонд|ассоциаци|союз|движени|учреждени)\w*\s+(?=[«\"“])"
)
# A Central Asian local government named in lower case before its region or town
# ("акимата Туркестанской области", "хокимиятом Андижанской области", "мэрией Бишкека").
_RU_LOCAL_GOVERNMENT = rf"(?:{RU_LOCAL_GOVERNMENTS})\w*(?=\s+[А-ЯЁ])"
NAME = (
    # "the university’s Center for Migration Research": the possessor is no part of it.
    rf"(?:the\s+|The\s+)?(?:[a-z]+[’']s\s+)?(?:{RU_LEGAL_FORM})?(?:{_RU_LOCAL_GOVERNMENT}|{_WORD})(?:\s+(?:{_JOINER}\s+)*(?:{_WORD}|{_LOWER_HEAD}|{_RU_LOWER})"
    rf"|-\s+{_WORD})*"
    # ("OSCE (Organization for Security and Co-operation in Europe)": a spelled-out acronym,
    # capitalized; "(with the support of the EU, Japan and Norway)" is no part of it)
    # ("the International Organisation for Migration (IOM) Sub regional office for Central
    # Asia": a lower-case head may follow it too)
    rf"(?:\s*\((?:[{UPPER}“\"«][^()]{{1,79}}|[^()]{{2,40}})\)"
    rf"(?:\s+(?:(?:in|of|the|for|under|при)\s+)*(?:{_WORD}|{_LOWER_HEAD}))*)?"
)
# A relative clause may follow a name in a list: "the Ministry of Justice, which
# coordinates the policy, and Frontex".
_RELATIVE = r"(?:\s*,\s*(?:which|who)\s+[^,]{1,150})?"
NAME_LIST = (
    rf"{NAME}{_RELATIVE}(?:\s*,\s*(?:and\s+)?{NAME}{_RELATIVE}"
    rf"|\s*,?\s+(?:and|&|и|as\s+well\s+as|along\s+with)\s+(?:the\s+)?{NAME}{_RELATIVE})*"
)

ORG_HEADS = re.compile(
    r"\b(?:(?-i:IOM|UN[A-Z]*)\b|Ministry|Government|Institute|University|Academy|Foundation|Fund|"
    r"Cent(?:er|re)|Council|Union|Association|Agency|Service|Office|Embassy|Committee|"
    r"Commission|Department|Organi[sz]ation|Network|Guild|Gilde|Secretariat|Society|"
    r"Assembly|Parliament|Administration|Bureau|Ombudsman|Ombudsperson|Red Cross|Programme|"
    r"Program|Project|School|College|Authority|Directorate|Inspectorate|Mission|Presidency|"
    r"Representation|Forum|Library|Coalition|Alliance|Partnership|Chamber|Police|Guard|"
    r"Federation(?=\s+of)|Congress(?=\s+of)|Commissariat|Municipality|Trust|Corporation|"
    r"Company|Bank|Board|Court|Prosecutor|Red Crescent|Caritas|Faculty|Hakimiyat|"
    r"Kh?okimiyat|Akimat|Hukumat|Khukumat|Kh?yakimlik|Mayor|Troops|"
    rf"{RU_LOCAL_GOVERNMENTS}|"
    r"Министерств|Правительств|Университет|Институт|Фонд|Центр|Бюро|МОМ|Посольств|Служб|"
    r"Управлени|Комитет|Агентств|Ассоциаци|Союз|Организаци|Уполномоченн|Совет|"
    r"Комисси|Академи|Департамент|Ассамбле|Обществ|Мисси|Представительств|"
    # the Russian names of the heads above
    r"Красн\w*\s+(?:Крест|Полумесяц)|Парламент|Палат|Инспекци|Дирекци|Полици|Прокуратур|"
    r"Секретариат|Муниципалитет|Банк|Альянс|Коалици|Колледж|"
    r"Библиотек|Факультет|Club|Клуб|Гильди|Кафедр|Отдел|Объединени|Движени|Учреждени|"
    r"Федераци|Корпораци|Компани|Редакци|Трибунал|Суд\b)",
    re.I,
)
# Russian acronyms may hold a small letter or two between capitals: "СПбГУ", "РАНХиГС".
ACRONYM = re.compile(rf"\b[{UPPER}](?:[{UPPER}]|[а-яё]{{1,2}}(?=[{UPPER}]))+\b")
# A name whose last word is an event ("Preparatory Training for Centre Personnel") or a
# day ("EU Anti-Trafficking Day") names no organization.
# So does one whose head, before what it is for or of, is an event: a headline's "Final
# Training for Border Guard Officers Held" (not "Training Centre for Border Guards").
_EVENT_WORDS = (
    r"(?:Training|Trainings|Conference|Seminar|Workshop|Meeting|Round ?Table|Session|"
    r"Course|Day|Week|Campaign|Ceremony|Exhibition|Festival|Tournament|Competition)"
)
EVENT_HEAD = re.compile(
    rf"\b{_EVENT_WORDS}(?:\s*\([^()]*\))?$|^(?:[\w-]+\s+){{0,3}}{_EVENT_WORDS}\s+(?:for|of|on)\s"
)
# A person or a person's post ("Chief of IOM Minsk Mission, opened the session": a speaker,
# not an organizer; LABELING.md, Organizers: "Not: ... speakers").
PERSON_TITLE = re.compile(
    r"^(?:Mr|Mrs|Ms|Dr|Prof|H\.E)\b\.?|^(?:(?:Deputy|Acting|Regional|Country)\s+)?(?:Chief|"
    r"Head|Director|Chairman|Chairperson|Chair|President|Secretary|Coordinator|Representative|"
    r"Officer|Manager|Minister|Ambassador)\b"
)
# ... and one ending in a post ("the FMS Russia Director, Konstantin Romodanovskiy, held a
# meeting", "the UN Resident Coordinator"; not "the Office of the President").
POST_AT_END = re.compile(
    r"(?<!\bthe)(?<!\bof)\s+(?:Chief|Head|Director|Chairman|Chairperson|President|Secretary|"
    r"Coordinator|Representative|Officer|Manager|Minister|Ambassador)$"
)
# LABELING.md, Organizers: "shortest complete name, with an attached acronym": the name
# ends at its acronym, whatever body it belongs to ("the Bureau for Diaspora Relations
# (BRD) under the State Chancellery", "the State Commission on Migration Issues (SCMI) of
# Georgia").
ACRONYM_THEN_PARENT = re.compile(
    rf"(?P<name>.+?\([{UPPER}][\w-]*[{UPPER}]\))\s+(?:of|under|at|при)\s+\S"
)
TRAILING_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")
NEXT_NAME = re.compile(rf"\s+and\s+(?=the\s|[«“\"]|[{UPPER}]{{2,}}\b)")
# A head whose domains follow ("Ministry of ...", "Министерство труда ..." in the genitive).
RU_HEADS_OF = r"(?:Министерств|Департамент|Комитет|Агентств|Управлени)\w*\s+[а-яё]"
HEAD_OF = re.compile(
    # ("the Institute of State, Law and Democracy", "the Research Institute of Labour,
    # Migration and Employment": an institute lists its domains as a ministry does)
    r"\b(?:(?:Ministry|Department|Committee|Agency|Service|Directorate|Institute)\s+"
    r"(?:of|for|on)\b"
    rf"|{RU_HEADS_OF})"
)
COMPLEMENT_BEFORE = re.compile(r"\b(?:of|for|under|at)\s+(?:the\s+)?$")
LEADING_WORDS = re.compile(r"^\s*(?:and\s+|&\s+)?(?:(?:the|The)\s+)?(?:[a-z]+[’']s\s+)?")
RELATIVE_WORD = re.compile(r"(?:which|who)\b")
_AND = re.compile(rf"(\s*,?\s+(?:{AND}|&|as\s+well\s+as|along\s+with)\s+)")
# Pieces between commas, a parenthesis read whole: "MARRI (Migration, Asylum, Refugees
# Regional Initiative)" is one name.
_COMMA = re.compile(r"(?:[^,(]|\([^()]*\))+")
RU_LOWER_START = re.compile(r"\s*[а-яё]")
PLURAL_END = re.compile(r"e?s\b")
LEGAL_FORM_START = re.compile(rf"\s*{RU_LEGAL_FORM}")
LOCAL_GOVERNMENT_START = re.compile(rf"\s*{_RU_LOCAL_GOVERNMENT}")
# IOM's own name, standing alone inside a longer run ("On 18 October - EU
# Anti-Trafficking Day IOM launched"): the run before it is not part of the name.
_IOM_INSIDE = re.compile(r"\s(?=(?:IOM|МОМ)\b(?!\)))")


def without_legal_form(name: str) -> tuple[str, int] | None:
    """ "общественным объединением «Сила женщин»" -> ("«Сила женщин»", its offset): an
    organization by its legal form, named by its quoted name; None without such a form."""
    form = LEGAL_FORM_START.match(name)
    return (name[form.end() :], form.end()) if form else None


def is_organization(name: str) -> bool:
    """A head word or an acronym outside quotes, and not a place, a person or an event on
    its own ("Georgia and Armenia" as partners are states, not organizers: LABELING.md,
    precedents; a quoted training title is the event, not its organizer)."""
    if PERSON_TITLE.match(name) or POST_AT_END.search(name) or EVENT_HEAD.search(name):
        return False
    unquoted = QUOTED.sub(" ", name)
    if not (ORG_HEADS.search(unquoted) or ACRONYM.search(unquoted)):
        return False
    if " " not in name.strip() and not ACRONYM.fullmatch(name) and ORG_HEADS.fullmatch(name):
        return False  # "the Forum", "the Centre": a word that refers back, not a name
    # A body the alias table knows is one, whatever town shares its name ("ILO", not Ilo
    # in Peru; "FAO"); a name in capitals alone may be a dateline's town ("BISHKEK, 12 May").
    return lookup(name) is None or is_known_organization(name)


def split_names(names: str) -> list[tuple[str, int]]:
    """ "A, B and C" -> names with their offsets in `names`; "Ministry of Labor and Social
    Protection" and "Ministry of Labour, Social Security and Migration" stay one: a comma
    or an "and" separates two names only when what follows starts one."""
    parts: list[tuple[str, int]] = []
    for chunk, at in _comma_chunks(names):
        offset = 0
        for sub in _split_on_and(chunk):
            index = chunk.find(sub, offset)
            offset = index + len(sub)
            parts.extend(_split_iom_off(sub, at + index))
    return [cleaned for name, at in parts if (cleaned := _clean(name, at))]


def _comma_chunks(names: str) -> list[tuple[str, int]]:
    """Comma-separated pieces, but a ministry's list of domains ("Ministry of Labour,
    Employment, Veteran and Social Affairs") is one piece: pieces that start no name go on
    a name whose head takes "of" when the run of them closes with an "and"."""
    pieces = list(_COMMA.finditer(names))
    chunks: list[tuple[str, int]] = []
    for i, piece in enumerate(pieces):
        if chunks and HEAD_OF.search(chunks[-1][0]) and _domains(pieces[i:]):
            at = chunks[-1][1]
            chunks[-1] = (names[at : piece.end()], at)
        else:
            chunks.append((piece.group(0), piece.start()))
    return chunks


def _domains(rest: list[re.Match[str]]) -> bool:
    """Whether the next pieces start no name until one that lists with "and"."""
    for piece in rest:
        own = NEXT_NAME.split(piece.group(0).lstrip(), maxsplit=1)[0]
        if _starts_a_name(own) or RELATIVE_WORD.match(own):
            return False
        if " and " in own or " и " in own:
            return True
    return False


def _split_iom_off(name: str, at: int) -> Iterator[tuple[str, int]]:
    head, _, _ = name.rpartition(" ")
    pieces = _IOM_INSIDE.split(name, maxsplit=1)
    post = PERSON_TITLE.match(pieces[0].lstrip())  # "Chief of IOM Minsk Mission": a person
    if (
        len(pieces) == 2
        and head
        and not post
        and not ORG_HEADS.search(pieces[0].replace("IOM", ""))
    ):
        yield pieces[1], at + len(pieces[0]) + 1
    else:
        yield name, at


def _clean(name: str, at: int) -> tuple[str, int] | None:
    """Without a leading "and", article or possessor ("the city’s Centre" -> "Centre"),
    nor trailing punctuation, nor the body it answers to after its acronym; None for a
    relative clause."""
    stripped = LEADING_WORDS.sub("", name)
    if RELATIVE_WORD.match(stripped):
        return None
    at += len(name) - len(stripped)
    stripped = _without_parent(stripped.rstrip(" ,;."))
    return (stripped, at) if stripped else None


def _without_parent(name: str) -> str:
    """The name up to its attached acronym, before the body it answers to is named."""
    acronym = ACRONYM_THEN_PARENT.match(name)
    return acronym["name"] if acronym and ORG_HEADS.search(acronym["name"]) else name


def _split_on_and(chunk: str) -> list[str]:
    pieces = _AND.split(chunk)
    merged: list[str] = []
    for conjunction, piece in zip(["", *pieces[1::2]], pieces[::2], strict=True):
        separate = (
            _starts_a_name(piece)
            and merged
            and _names_one(merged[-1])
            and not _plural_domain(merged[-1], piece)
        )
        separate = separate or piece.lstrip().startswith(("the ", "“", '"', "«"))
        if merged and _open_quote(merged[-1]):
            separate = False  # "NGO «Gender and Development»": the "and" is inside the name
        # (an acronym alone before the "and" is a whole name: "IOM and the UN Refugee
        # Agency (UNHCR)" are two)
        if merged and (
            not separate
            or (_acronym_spans_more(piece) and not ACRONYM.fullmatch(merged[-1].strip()))
        ):
            merged[-1] = f"{merged[-1]}{conjunction}{piece}"
        else:
            merged.append(piece)
    return merged


def _plural_domain(before: str, piece: str) -> bool:
    """ "Department of Employment and Social Programmes of Mangystau Oblast": after a head
    with its domains, a head word in the plural is one more domain, not another body
    (bodies are named in the singular)."""
    head = ORG_HEADS.search(piece)
    return bool(HEAD_OF.search(before) and head and PLURAL_END.match(piece, head.end()))


def _open_quote(text: str) -> bool:
    return text.count("«") > text.count("»") or text.count("“") > text.count("”")


def _names_one(text: str) -> bool:
    return bool(ORG_HEADS.search(text) or ACRONYM.search(text))


def _starts_a_name(piece: str) -> bool:
    """ "the Ministry of Health", "Vietnamese Academy of Science", "UNICEF": a head word or
    an acronym before any "- " that opens a sub-unit, and not itself the complement of
    another word; "Social Protection" (of "Ministry of Labour and Social Protection"),
    "Social Security- Directorate General" and "Migration of the Ministry of Internal
    Affairs" go on the name before them."""
    # A Russian name begins with a capital or a quote: "социальной защиты РФ" (of
    # "Министерство труда и социальной защиты РФ") goes on the name before it.
    if (
        RU_LOWER_START.match(piece)
        and not LEGAL_FORM_START.match(piece)
        and not LOCAL_GOVERNMENT_START.match(piece)
    ):
        return False
    # An attached acronym names the whole name: "Narcotics and Law Enforcement Affairs (INL)".
    own = TRAILING_ACRONYM.sub("", piece.split("- ", 1)[0])
    head = ORG_HEADS.search(own) or ACRONYM.search(own)
    return head is not None and not COMPLEMENT_BEFORE.search(own[: head.start()])


def _acronym_spans_more(piece: str) -> bool:
    """ "Public Administration (RANEPA)": the acronym has more letters than the piece has
    capitalized words, so the piece ends a longer name begun before the "and"."""
    piece = _without_parent(piece)
    acronym = TRAILING_ACRONYM.search(piece)
    if not acronym:
        return False
    capitalized = len(re.findall(r"\b[A-Z]", piece[: acronym.start()]))
    return sum(ch.isupper() for ch in acronym.group(1)) > capitalized + 1
