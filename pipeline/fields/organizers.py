"""Organizations that organized, hosted, conducted, initiated or co-organized the event.

Two layers: orgnames.py finds the names (mentions); the rules here decide which of them
the text makes the event's organizers (roles). Each rule is a small function over one
sentence, named after what it reads, whose docstring cites the line of LABELING.md
("Organizers") it implements. The triggers come in families — organize, hold, host,
conduct, convene, launch, deliver, train, bring together — in the active and the passive,
past, present and future, and the rules allow what stands between a verb and its agent in
real press releases: dates, places, "this week", an apposition ("IOM, the UN Migration
Agency,"), a partner phrase ("jointly with ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from pipeline.fields.aliases import normalize
from pipeline.fields.months import MONTHS_TITLED as MONTHS
from pipeline.fields.months import RU_MONTH as _RU_MONTH
from pipeline.fields.months import WEEKDAYS_TITLED as WEEKDAYS
from pipeline.fields.orgnames import (
    NAME,
    NAME_LIST,
    ORG_HEADS,
    RU_HEADS_OF,
    is_organization,
    split_names,
    without_legal_form,
)
from pipeline.fields.place_mentions import RU_VENUE_LEAD
from pipeline.fields.place_words import EVENT_NOUN
from pipeline.fields.russian import russian_mentions
from pipeline.fields.text import (
    EVENT_NOUNS,
    FRAMEWORK_LEADS,
    PROJECT_NOUNS,
    REGION_WORDS,
    RU_GENITIVE_END,
    UPPER,
    sentences,
)
from pipeline.records import NamedMention, Organizer, Span

# Russian organizing verbs, active, in every gender and number.
_RU_VERB = (
    r"(?:провел[аио]?|провели|провёл|проводит|проводят|проведет|проведёт|проведут|"
    r"организовал[аио]?|организовали|организует|организуют|представил[аио]?|представили|"
    r"открыл[аио]?|открыли|запустил[аио]?|запустили|дал[аио]?\s+старт|дали\s+старт)"
)
# Verbs of joining a partner: "IOM teamed up with", "partnered with", "joined forces with".
_TEAMED = r"teamed\s+up|partnered|joined\s+forces"
# Organizing verbs, active: past, present, future and perfect forms share these stems.
_ACTIVE = (
    r"(?P<verb>(?i:co-organi[sz]e[sd]?|organi[sz]e[sd]?|(?:co-)?host(?:s|ed)?|conduct(?:s|ed)?|"
    # "IOM teamed up with the Ministry to organize": the partner rule reads the Ministry.
    rf"(?:{_TEAMED})(?=\s+with\s+[^.;]{{1,200}}?\s+to\s+"
    r"(?:organi[sz]e|hold|host|conduct|launch|deliver|run)\b)|"
    # "IOM Georgia joined the Ministry ... by organizing an exhibition": the one who joined
    # co-organized too (the helped_organizer rule reads the Ministry).
    r"joined(?=\s+[^.;]{1,250}?\s+(?:(?:in|by)\s+(?:organi[sz]ing|hosting|holding)|to\s+"
    r"(?:organi[sz]e|host|hold))\b)|"
    r"convene[sd]?|hold(?:s)?|held|launch(?:es|ed)?|arrange[sd]?|initiate[sd]?|"
    r"br(?:ings?|ought)\s+together|invite[sd]?|"
    # "IOM is today hosting a three-day workshop": an adverb may stand after the auxiliary.
    r"(?:is|are|was|were|(?:has|have)\s+been)\s+(?:(?:today|currently|now|also|jointly)\s+)?"
    r"(?:co-)?(?:organi[sz]ing|holding|hosting|conducting|convening|launching)|"
    # "IOM trained 40 border guards": a count or a people noun follows (LABELING.md counts
    # "people trained" as attendance); "has trained 3,000 to date" is a running total.
    r"train(?:s|ed)(?=\s+(?:over\s+|more\s+than\s+|about\s+|some\s+|nearly\s+)?(?:\d|"
    r"(?:\w+\s+){0,2}(?:officers|officials|guards|staff|specialists|inspectors|journalists|"
    r"teachers|judges|prosecutors|police|students|participants|representatives))"
    r")|"
    # the event's start or end, named within a few words: "started a three-day training",
    # "has just finished a series of training sessions" (the family of "opened" and
    # "concluded"; not "started a debate", "finished its report")
    r"(?:start(?:s|ed)?|began|kick(?:s|ed)\s+off|finish(?:es|ed)?)"
    rf"(?=\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){{0,4}}?(?i:{EVENT_NOUNS})\b)|"
    r"(?:open(?:s|ed)?|present(?:s|ed)?|screen(?:s|ed)?|conclude[sd]?|complete[sd]?|"
    r"wrap(?:s|ped)\s+up|hand(?:s|ed)\s+over)"
    r"(?=\s+(?:today\s+|yesterday\s+|this\s+week\s+|officially\s+)?(?:a|an|the|its|their|new|"
    r"\w+\s+(?:short\s+)?(?:films?|documentar(?:y|ies)|videos?|movies?)|equipment)\b)|"
    r"(?:deliver(?:s|ed)?|provide[sd]?|gave)\s+(?:\w+\s+){0,2}?(?:trainings?|course|seminar|"
    r"workshop|lecture|sessions?|meetings?|consultations?|briefings?)|"
    # "IOM Georgia marked Migrants Day by hosting ...", "... marked the day with a series
    # of information events": the celebration is the event (iom.ge, iom.tj).
    r"(?:mark(?:s|ed)?|celebrate[sd]?|commemorate[sd]?)\s+[^,.;]{1,80}?\s+(?:by\s+"
    r"(?:hosting|organi[sz]ing|holding|conducting|launching)|with\s+(?:an?\s+)?(?:series\s+of"
    r"\s+)?(?:\w+\s+){0,2}(?:events?|activities|campaign|exhibition|ceremony|concert))|"
    rf"{_RU_VERB})|{_RU_VERB})\b(?!\s+(?:jointly\s+)?by\b)"
)
# The phrases that make a co-organizer (LABELING.md: "jointly with", "in cooperation
# with", "together with"), here and in the partner rule.
_PARTNER_PHRASE = (
    r"(?i:jointly\s+with|together\s+with|in\s+(?:close\s+)?(?:cooperation|co-operation|"
    r"collaboration|partnership|coordination|conjunction|association)\s+with|"
    rf"(?:{_TEAMED})\s+with|совместно\s+с|в\s+сотрудничестве\s+с|в\s+партн[её]рстве\s+с)\s+"
    r"(?:its\s+(?:\w+\s+)?partners?\s*,?\s+(?:the\s+)?)?"
)
_AUXILIARY = (
    r"(?:\s+(?i:has|have|had|will|would|also|successfully|jointly|together|"
    r"recently|again|already|then|plans?\s+to|(?:this|last|past)\s+(?:week|month)|today|"
    r"yesterday|just|currently|for\s+the\s+first\s+time|representatives|staff|experts|teams?|"
    r"and\s+partners|"
    r"совместно|также|успешно))*"
)
_DAY_MONTH = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})"
_MONTH_DAY = rf"(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?"
_DAYS = r"\d{1,2}(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
_YEAR = r"(?:,?\s+(?:of\s+)?\d{4})?"
_DATE = (
    rf"(?:(?:{WEEKDAYS}),?\s+)?(?:(?:{_DAYS})?{_DAY_MONTH}(?:\s*(?:-|–|to|until)\s*{_DAY_MONTH})?"
    rf"{_YEAR}|{_MONTH_DAY}(?:\s*(?:-|–|and|to)\s*(?:{_MONTH_DAY}|\d{{1,2}}(?:st|nd|rd|th)?))?"
    rf"{_YEAR}|(?:{MONTHS})(?:\s+\d{{4}})?|\d{{4}}|{WEEKDAYS})"
    # "On Tuesday (14/09)", "on Monday (3 June)": the day written after the weekday
    r"(?:\s*\([^()]{1,20}\))?"
)
# A name in the genitive, as after "при поддержке": an acronym, or words in genitive
# endings ("Европейского союза", "Посольства Великобритании"); "Бюро" (no such ending)
# begins the subject.
_RU_GENITIVE_WORD = rf"[А-ЯЁа-яё][\w-]*{RU_GENITIVE_END}"
_RU_GENITIVE = rf"(?:[{UPPER}]{{2,}}\b|{_RU_GENITIVE_WORD}(?:\s+{_RU_GENITIVE_WORD}){{0,2}})"
# Days with their month, if written ("3", "3 апреля", "15-16 марта"); only a month's name
# may follow the number, so that "3 по 5 апреля" reads one way only.
_RU_DAYS = rf"\d{{1,2}}(?:\s*(?:[-–]|и)\s*\d{{1,2}})?(?:\s+{_RU_MONTH})?"
# "in Yerevan", "in the city of Osh", "in the Sughd region", "in Lori marz"
_PLACE = (
    rf"(?:the\s+)?(?:city\s+of\s+)?[{UPPER}][\w’'-]+(?:\s+[{UPPER}][\w’'-]+){{0,2}}"
    rf"(?:\s+(?i:{REGION_WORDS}))?"
)
# What opens a clause before its subject, with no comma needed: "On 14 July 2020 IOM",
# "In November in Odesa, IOM", "this week IOM", "15-16 марта 2017 года в Казани МОМ".
_LEAD = (
    rf"(?:(?i:on|in|from|between|during|since|at)\s+(?:the\s+)?{_DATE}"
    rf"|(?i:in|at)\s+{_PLACE}|{_DATE}"
    # ("Last week (8-9 April) IOM Belarus ... conducted")
    r"|(?i:this|last|past|next)\s+(?:week|month|year|weekend)(?:\s*\([^()]{1,20}\))?"
    r"|(?i:today|yesterday|recently)"
    # the occasion, up to its comma: "On the occasion of the EU Anti-Trafficking Day, the
    # IOM Mission ...", "To mark World Refugee Day, IOM and UNHCR ...", "В преддверии ..."
    r"|(?i:on\s+the\s+occasion\s+of|to\s+(?:mark|celebrate|commemorate)|in\s+honou?r\s+of|"
    r"in\s+observance\s+of|ahead\s+of|in\s+the\s+run-up\s+to|по\s+случаю|в\s+честь|"
    r"в\s+преддверии|накануне)\s+[^,;.]{1,100}?(?=\s*,)"
    rf"|(?:[Сс]\s+)?{_RU_DAYS}(?:\s+по\s+{_RU_DAYS})?(?:\s+(?:19|20)\d\d(?:\s*г\.|\s+года)?)?"
    # "в Казани", "В Москве и Казани", "в г. Караколе Иссык-Кульской области", "в
    # Согдийской области Таджикистана"
    rf"|(?i:в|во)\s+(?:г\.\s*)?[А-ЯЁ][\w-]+(?:\s+и\s+[А-ЯЁ][\w-]+)?"
    rf"(?:(?:\s+[А-ЯЁ][\w-]+)?\s+(?:област\w*|кра[ея]|район\w*|велаят\w*))?"
    rf"(?:\s+[А-ЯЁ][\w-]*{RU_GENITIVE_END})?"
    # Russian puts the venue and the time before the subject: "9 апреля в Оренбургском
    # государственном университете Управление ... представили", "На прошлой неделе в
    # Казани Министерство ... провело", "Сегодня, 3 июня, в пресс-центре ... МОМ провела".
    rf"|(?i:в|во|на)\s+{RU_VENUE_LEAD}"
    r"|(?i:на)\s+(?:прошлой|этой|минувшей|текущей)\s+неделе|(?i:сегодня|вчера)"
    r"|(?i:в|во)\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
    r"|В\s+(?:рамках|ходе|течение)(?:\s+[а-яё]+){1,4}"
    # a day or a time named, up to its comma: "Сегодня, в Европейский день борьбы с
    # торговлей людьми, МОМ ..."
    r"|(?i:в|во)\s+[^,;.]{1,80}?(?=\s*,)"
    # a funder before the subject, with no comma: "При поддержке МОМ Ассоциация юристов
    # провела семинар" (LABELING.md: funders are not organizers; the subject is)
    rf"|(?i:при\s+(?:финансовой\s+|технической\s+)?(?:поддержке|содействии))\s+{_RU_GENITIVE}"
    rf"(?:\s+и\s+{_RU_GENITIVE})*)"
)
# Between the subject and its verb: an apposition ("IOM, the UN Migration Agency,",
# "IOM – the UN Migration Agency –"), a partner or implementer phrase, a funder phrase,
# a date or place.
MAX_BETWEEN = 8
_BETWEEN_ONE = (
    rf"\s*,\s*(?:the\s+)?{NAME}\s*,"
    # the occasion: "Представительство УВКБ ООН накануне Всемирного дня беженцев провело"
    r"|\s+(?:накануне|в\s+преддверии)(?:\s+[^\s,;.]+){1,6}"
    rf"|\s*[–—/]\s*(?:the\s+)?{NAME}\s*[–—]?"
    rf"|\s*,?\s*(?i:implemented|coordinated|run|led)\s+(?:jointly\s+)?by\s+{NAME_LIST}\s*,?"
    rf"|\s*,?\s*{_PARTNER_PHRASE}{NAME_LIST}\s*,?"
    # (a partner whose name the name patterns do not read whole, up to its comma: ",
    # together with the Congress of Local Authorities from Moldova (CALM), held")
    rf"|\s*,\s*{_PARTNER_PHRASE}[^,;.]{{1,100}}?,"
    # "IOM, in partnership with Kyrgyzstan and Tajikistan, and jointly with the Office ...,
    # held": a second partner phrase after "and"
    rf"|\s+and\s+{_PARTNER_PHRASE}[^,;.]{{1,150}}?,"
    # "with the support of the EU", "with IOM’s support", "with EU funding"
    rf"|\s*,?\s*(?i:with(?:\s+the)?\s+(?:[\w’'-]+\s+){{0,3}}?(?:support|funding|assistance))"
    rf"(?:\s+(?i:of|from)\s+{NAME_LIST})?\s*,?"
    rf"|\s*,?\s+(?:and\s+)?(?i:supported|funded|sponsored|assisted|financed)\s+by\s+[^,]{{1,80}}?,"
    rf"|\s*,?\s*(?i:{FRAMEWORK_LEADS}|through|within)\s+"
    rf"(?:the\s+|its\s+|a\s+)?(?:[«“\"][^»”\"]{{1,150}}[»”\"]\s+)?"
    rf"(?:[\w-]+\s+){{0,4}}?(?i:{PROJECT_NOUNS})"
    rf"(?:\s*[«“\"][^»”\"]{{1,150}}[»”\"])?(?:\s+(?:implemented|funded)\s+[^,]{{1,80}}?)?\s*,?"
    rf"|\s+{_LEAD}\s*,?|\s*,"
)
# At most MAX_BETWEEN phrases: a comma may open a phrase or stand alone, and a sentence
# whose verb never comes ("IOM, funded by A, funded by B, ...") is tried every way its
# commas split, which doubles with each phrase. Then, once and last, the initiator,
# whose name may hold commas: "the State Commission, on the initiative of the Ministry
# of ..., Labour, Health and Social Affairs of Georgia, held" (a phrase that crosses
# commas, repeated, would split a sentence in as many ways again).
_BETWEEN = (
    rf"(?:{_BETWEEN_ONE}){{0,{MAX_BETWEEN}}}"
    r"(?:\s*,\s*(?i:on\s+the\s+initiative\s+of)\s+[^;.]{1,200}?,)?"
)
# A Russian head and its domains ("Министерство труда"), and the domains listed after it.
RU_HEAD_OF = re.compile(rf"^{RU_HEADS_OF}+$")
RU_DOMAINS_AFTER = re.compile(
    r"(?:,\s+[а-яё]+(?:\s+[а-яё]+)?)+\s+и\s+[а-яё]+(?:\s+[а-яё]+)?(?:\s+[А-ЯЁ][\w-]*){0,3}"
)
# What a fuller name adds to a shorter one of the same body: whose it is, where it sits.
QUALIFYING_TAIL = re.compile(r" (?:of|in|under|при|в) \S")
# "Dobrobut Hromady, a charity foundation from Kramatorsk": a name with no head word that
# the apposition after it says is a body, by a head word (orgnames.ORG_HEADS) or a charity
# or NGO; adjectives only before it ("Anna Petrova, the head of the centre" is a person).
DESCRIBED_AS_BODY = re.compile(
    r"\s*,\s+(?:a|an|the)\s+(?:(?!of\b|from\b|at\b|for\b|in\b)[\w’'-]+\s+){0,3}?"
    rf"(?:{ORG_HEADS.pattern}|charity\b|NGO\b)",
    re.I,
)
NEXT_RU_NAME = re.compile(rf"\s+и\s+(?P<name>{NAME})")
# Characters of one sentence the rules read: a real sentence is shorter, and the subject
# rule's search from every name start grows with the square of what it reads.
MAX_SENTENCE = 2000
MAX_LEADS = 5  # "Сегодня, 3 июня, в пресс-центре ТАСС на Тверском бульваре МОМ провела"
RUNNING_TOTAL = re.compile(r"\b(?:to date|so far|since (?:its|the|\d))", re.I)
# A sentence reports the event when it has one of these triggers (the partner and
# implementer rules' condition).
ORGANIZING = re.compile(
    r"organi[sz]|conduct|\bheld\b|\bhold|\bhost|conven|initiat|launch|arrang|deliver|"
    r"conclude|complete|\bopened|screened|handed over|trained|brought together|took place|"
    # ("IOM teamed up with the Ministry of Health to run a seminar")
    r"\bto\s+run\s+(?:a|an|the)\b|\bran\s+(?:a|an|the)\b|"
    r"провел|провёл|провед|прош[её]л|прошл|организ|состоял|запуст|старт",
    re.I,
)
# The stems of every active trigger: without one, the costly subject pattern is not tried.
ACTIVE_HINT = re.compile(
    ORGANIZING.pattern + r"|together|invite|open|present|provide|gave|mark|celebrat|commemorat|"
    r"start|began|kick|finish|"
    r"teamed|partnered|forces|train|screen|wrap|hand|представ|открыл|запуст|старт",
    re.I,
)
SUBJECT = re.compile(
    # Each lead ends at a comma or a space, never either way ("\s*,?\s*" took a space
    # two ways, and "в Казани " thirty times took seconds).
    rf"(?:^|(?<=[,;:–—•(|])|(?<=\s-)|(?<=\bwhich\s)|(?<=\bthat\s)|(?<=\bwhere\s))\s*"
    rf"(?:{_LEAD}(?:\s*,\s*|\s+)){{0,{MAX_LEADS}}}"
    rf"(?<![\w’'-])(?P<names>{NAME_LIST})"
    rf"{_BETWEEN}{_AUXILIARY}\s+{_ACTIVE}"
)
# "was organised in Yerevan on 3 May by UNICEF and IOM": dates, places and adverbs may
# stand between the participle and "by".
_PASSIVE_GAP = (
    r"(?:,?\s+(?:in|at|on|this|last|past|jointly|together|successfully|recently|again|also|"
    r"the|of|week|month|year|today|yesterday|for\s+the\s+first\s+time|as\s+a\s+result|"
    r"within|under|framework|project|programme|as\s+part|named\s+after|"
    # "organized on 5 March in Kulob, Khatlon region, by IOM"
    rf"{REGION_WORDS}|city|[«“\"][^»”\"]{{1,150}}[»”\"]|"
    # days as a range: "organized on 1 and 2 December by", "held from 3 to 5 May by"
    r"\d{1,2}(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?|from|"
    rf"[{UPPER}][\w’'.-]*|\d{{1,4}}(?:st|nd|rd|th)?)){{0,12}}?"
)
PASSIVE = re.compile(
    rf"\b(?P<verb>(?i:co-organi[sz]ed|organi[sz]ed|co-hosted|hosted|conducted|convened|"
    rf"initiated|held|arranged|launched|delivered|trained|opened|presented|screened)|training)"
    rf"(?:\s+and\s+\w+)?{_PASSIVE_GAP},?\s+(?:jointly\s+)?"
    rf"(?:by|(?<=training )from|(?:of\s+)?(?:joint\s+)?efforts(?:\s+and\s+(?:\w+\s+)?"
    rf"cooperation)?\s+of)\s+(?P<agents>{NAME_LIST})"
    # "organized by IOM with the State Employment Agency": the one named after "with"
    # co-organized it.
    rf"(?:\s+(?:together\s+)?with\s+(?P<partners>{NAME_LIST})"
    rf"(?![\w’']*\s+(?:support|funding|assistance|help)\b))?"
)
INITIATIVE = re.compile(
    rf"\b(?i:(?:on|at) the initiative of|по инициативе)\s+(?P<names>{NAME_LIST})"
)
PARTNER = re.compile(rf"\b{_PARTNER_PHRASE}(?P<names>{NAME_LIST})")
# "IOM supported the Bureau (INL) in organizing the conference": the one helped organized
# it; "IOM Georgia joined the Ministry in organizing": both did.
HELPED = re.compile(
    rf"\b(?i:supported|assisted|helped|joined)\s+(?P<names>{NAME_LIST})"
    rf"(?:\s*,\s*[^,]{{1,120}}?,)?(?:[^.;]|(?<=[A-Z])\.){{0,60}}?\s+(?i:in\s+organi[sz]ing|to\s+organi[sz]e|"
    rf"by\s+organi[sz]ing|in\s+hosting|to\s+host|in\s+holding|to\s+hold)\b"
)
# The event run inside a project "implemented by IOM and X": the implementers organized it.
IMPLEMENTERS = re.compile(
    rf"\b(?:(?i:implemented|coordinated)\s+(?:jointly\s+)?by|реализуем\w*|реализованн\w*|"
    rf"осуществляем\w*)\s+(?P<names>{NAME_LIST})"
    # "проекта, который Представительство МОМ реализует совместно с РКК"
    rf"|\b(?:котор(?:ый|ую|ое|ые)|which)\s+(?P<subject>{NAME_LIST})\s+"
    rf"(?:реализу(?:ет|ют)|осуществля(?:ет|ют)|(?:implements|implement|coordinates))\b"
    # "which IOM implements together with the Ministry of Internal Affairs"
    rf"(?:\s+(?:together|jointly|совместно)\s+(?:with|с)\s+(?P<partners>{NAME_LIST}))?"
)
# "The training was part of the project “...”, implemented by IOM and the State Migration
# Service": the event is run inside the project (the precedent needs no organizing verb).
IN_A_PROJECT = re.compile(
    rf"\b(?:{EVENT_NOUN.pattern})[^.;]{{0,40}}?\b(?:was|were|is|are)\s+(?:held\s+)?"
    rf"(?:{FRAMEWORK_LEADS}|within|part\s+of)\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{PROJECT_NOUNS})",
    re.I,
)
SPEECH_BEFORE = re.compile(
    r"\b(?:remarks|speech(?:es)?|address(?:es)?|statements?|greetings?|welcome\s+words|"
    r"keynotes?)\s+(?:(?:were|was)\s+)?(?:\w+\s+)?$",
    re.I,
)
# "круглый стол, организованный МОМ", "Мероприятие проведено Бюро МОМ": the Russian
# participle, full or short, takes the name directly.
RU_PASSIVE = re.compile(
    rf"\b(?P<verb>организованн\w*|проведенн\w*|проведённ\w*|организован[аоы]?|проведен[аоы]?|"
    rf"проведён)\s+"
    rf"(?<![\w’'-])(?P<names>{NAME_LIST})"
)
# "Конференцию организовали Бюро МОМ и РСМД": Russian puts the subject after the verb
# when the event opens the sentence; a lower-case word after the verb is its object.
RU_INVERTED = re.compile(rf"\b{_RU_VERB}\s+(?P<names>{NAME_LIST})")
RU_ORGANIZER_WAS = re.compile(
    # ("Организатором выступил ...", "Организаторами стали ...")
    rf"\b(?:[Оо]|[Сс]оо)рганизатор(?:ом|ами)\s+(?:[а-яё]+\s+){{0,2}}(?:выступил|стал)\w*\s+"
    rf"(?P<names>{NAME_LIST})"
)
# "The organizers of the forum were A and B", "Co-hosts are A and B".
ORGANIZERS_WERE = re.compile(
    rf"\b(?i:(?:co-)?organi[sz]ers?|(?:co-)?hosts?)(?:\s+(?:of\s+the\s+\w+(?:\s+\w+)?\s+)?"
    rf"(?i:were|was|are|is|included)\s+|\s*:\s*)(?P<names>{NAME_LIST})"
)
# "implemented together with UN Women", "funded in cooperation with": partners of a
# project, not of the event.
PROJECT_PARTNER = re.compile(r"(?:implement|fund|financ|support|develop)\w*\s+(?:\w+\s+)?$", re.I)
ACRONYM_DEFINED = re.compile(
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|the|on|in|de)\s+)*[A-Z][\w’'-]*)*)"
    r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\)"
)
PROJECT = re.compile(rf"\b(?:{PROJECT_NOUNS})\b", re.I)
ROLE_BY_VERB = {
    "host": "host",
    "conduct": "conductor",
    "train": "conductor",
    "deliver": "conductor",
    "provide": "conductor",
    "gave": "conductor",
    "initiate": "initiator",
    "co-organi": "co-organizer",
    "joined": "co-organizer",
}


@dataclass(frozen=True)
class Named:
    """Names a rule read, with the role it gives them and the rule's name."""

    match: re.Match[str]
    role: str
    rule: str
    group: str = "names"  # the match's group that holds the names


Rule = Callable[[str], Iterator[Named]]


def organizers(text: str, aliases: Mapping[str, str] | None = None) -> list[Organizer]:
    """The event's organizers; `aliases` (alias key -> name) are a researcher's own, read
    before the shipped table (aliases.py)."""
    defined = defined_acronyms(text, aliases)
    russian = {m.span.start: m for m in russian_mentions(text) if m.kind == "org"}
    found: dict[str, Organizer] = {}
    for whole, offset in sentences(text):
        sentence = whole[:MAX_SENTENCE]  # a run-on "sentence" of a whole table: its start
        named = [n for rule in RULES for n in rule(sentence)]
        implementers = any(n.rule == "implementers" for n in named)
        read = [
            _as_russian_entity(organizer, russian, aliases)
            for n in named
            if not (
                implementers and n.rule == "active_subject" and PROJECT.search(n.match[n.group])
            )
            # (a project that "organized" did not; its implementers did)
            for organizer in _organizers(n, offset, defined, aliases)
        ]
        for organizer in read:
            if not any(_inside(organizer.span, other.span) for other in read):
                found.setdefault(organizer.normalized, organizer)
    return [o for o in found.values() if not any(_short_for(o, other) for other in found.values())]


def _short_for(short: Organizer, full: Organizer) -> bool:
    """ "State Border Committee" (a title) beside "State Border Committee of the Republic of
    Belarus" (the text): one organization, under the name that says whose it is."""
    head, tail = full.normalized[: len(short.normalized)], full.normalized[len(short.normalized) :]
    return head == short.normalized and QUALIFYING_TAIL.match(tail) is not None


def _inside(span: Span, other: Span) -> bool:
    """ "American University of Central Asia" inside "Tian Shan Policy Center – American
    University of Central Asia": a name read inside a longer one is part of it."""
    return other.start <= span.start and span.end <= other.end and other != span


def _as_russian_entity(
    organizer: Organizer, russian: Mapping[int, NamedMention], aliases: Mapping[str, str] | None
) -> Organizer:
    """A Russian name groups under its nominative, from Natasha's NER: "Министерством
    внутренних дел Республики Татарстан" under "Министерство внутренних дел Республики
    Татарстан". Where the entity ends before the name does, its tail is kept as written
    (a genitive tail does not inflect with the head); where it runs on, the name takes the
    entity's extent."""
    entity = russian.get(organizer.span.start)
    if entity is None:
        return organizer
    if entity.span.end >= organizer.span.end:
        name = entity.span.text
        return replace(
            organizer, name=name, normalized=normalize(entity.normal, aliases), span=entity.span
        )
    tail = organizer.name[len(entity.span.text) :]
    return replace(organizer, normalized=normalize(entity.normal + tail, aliases))


def defined_acronyms(text: str, aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """ "the Ministry of Internal Affairs (MIA) ... organised by MIA": an acronym the text
    defines stands for the name it follows, so both group under one name."""
    defined = {}
    for match in ACRONYM_DEFINED.finditer(text):
        names = split_names(match.group(0))
        if names:
            defined[match["acronym"]] = normalize(names[-1][0], aliases)
    return defined


def _organizers(
    named: Named, offset: int, defined: Mapping[str, str], aliases: Mapping[str, str] | None
) -> Iterator[Organizer]:
    start = named.match.start(named.group)
    names = named.match.group(named.group)
    text = named.match.string
    pieces = split_names(names)
    if pieces and pieces[-1][1] + len(pieces[-1][0]) == len(names):
        last, at = pieces[-1]
        tail = _domains_after(last, text, start + at + len(last))
        pieces[-1] = (last + tail, at)
        # "... Министерство труда, миграции и занятости населения Республики Таджикистан и
        # Представительство МОМ": a name listed after the domains, which the patterns left
        # behind with them
        following = NEXT_RU_NAME.match(text, start + at + len(last) + len(tail)) if tail else None
        if following:
            at = following.start("name") - start
            pieces += [(name, at + where) for name, where in split_names(following["name"])]
    for name, at in pieces:
        if quoted := without_legal_form(name):
            name, at = quoted[0], at + quoted[1]
        elif not (is_organization(name) or DESCRIBED_AS_BODY.match(text, start + at + len(name))):
            continue
        begin = offset + start + at
        span = Span(begin, begin + len(name), name)
        normalized = defined.get(name) or normalize(name, aliases)
        yield Organizer(name, normalized, named.role, span, named.rule)


def _domains_after(name: str, text: str, end: int) -> str:
    """ "Министерство труда, миграции и молодежи Кыргызской Республики": the rest of a
    Russian ministry's list of domains, in lower case after a comma, which the name
    patterns (a comma separates two names there) leave behind."""
    if not RU_HEAD_OF.search(name):
        return ""
    domains = RU_DOMAINS_AFTER.match(text, end)
    return domains.group() if domains else ""


def _role(verb: str) -> str:
    verb = verb.lower()
    return next((role for stem, role in ROLE_BY_VERB.items() if verb.startswith(stem)), "organizer")


def passive_agent(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "Organizations the text says organized, hosted, conducted,
    held ..." — in the passive, the agent after "by": "was organized by A, B and C",
    "was hosted this week by IOM", "training from IOM"."""
    for match in PASSIVE.finditer(sentence):
        if SPEECH_BEFORE.search(sentence, max(0, match.start() - 40), match.start()):
            continue  # "Opening remarks were delivered by ...": speakers (LABELING.md: not)
        yield Named(match, _role(match.group("verb")), "passive_agent", group="agents")
        if match.group("partners"):
            yield Named(match, "co-organizer", "passive_agent", group="partners")


def active_subject(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "... organized, hosted, conducted, held" — in the active,
    the subject of the clause that opens with it: "On 3 May IOM, the UN Migration Agency,
    held", "IOM and the Ministry of Health this week organized", "Baku – IOM will hold"."""
    if not ACTIVE_HINT.search(sentence):
        return  # the subject pattern is costly; most sentences have no organizing verb
    # Searched again from inside each subject found: "Baku, 12 March – IOM will hold"
    # first reads "Baku" as the subject, then "IOM" after the dateline.
    at = 0
    while match := SUBJECT.search(sentence, at):
        at = match.start("names") + 1
        if match.group("verb").lower().startswith("train") and RUNNING_TOTAL.search(sentence):
            continue  # "to date the centre has trained 3,000": not this event's trainer
        yield Named(match, _role(match.group("verb")), "active_subject")


def initiator(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "... initiated ("on the initiative of")"."""
    for match in INITIATIVE.finditer(sentence):
        yield Named(match, "initiator", "initiator")


def partner(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "... or co-organized ("jointly with", "in cooperation
    with", "together with")" — in a sentence that reports the event (or opens with the
    phrase), never a project's partners ("implemented together with")."""
    for match in PARTNER.finditer(sentence):
        before = sentence[max(0, match.start() - 30) : match.start()]
        opens = not sentence[: match.start()].strip(" ,")
        if (ORGANIZING.search(sentence) or opens) and not PROJECT_PARTNER.search(before):
            yield Named(match, "co-organizer", "partner")


def helped_organizer(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "Not: ... funders and supporters" — but the organization a
    supporter helped "in organizing" the event organized it ("IOM supported the Bureau in
    organizing the conference"); one "joined ... in organizing" co-organized it."""
    for match in HELPED.finditer(sentence):
        joined = match.group(0).lower().startswith("joined")
        yield Named(match, "co-organizer" if joined else "organizer", "helped_organizer")


def implementers(sentence: str) -> Iterator[Named]:
    """LABELING.md, precedents: "An event run inside a project that the text says IOM and a
    partner implement or coordinate: the implementers are its organizers"."""
    if not (ORGANIZING.search(sentence) or IN_A_PROJECT.search(sentence)):
        return
    for match in IMPLEMENTERS.finditer(sentence):
        group = "names" if match.group("names") else "subject"
        yield Named(match, "organizer", "implementers", group=group)
        if match.group("partners"):
            yield Named(match, "co-organizer", "implementers", group="partners")


def named_organizer(sentence: str) -> Iterator[Named]:
    """LABELING.md, Organizers: "organized" — Russian participles take the agent in the
    instrumental without a preposition ("круглый стол, организованный МОМ"); "Организатором
    выступила МОМ" and "The organizers were A and B" name the organizers outright."""
    for pattern in (RU_PASSIVE, RU_INVERTED, RU_ORGANIZER_WAS, ORGANIZERS_WERE):
        for match in pattern.finditer(sentence):
            yield Named(match, "organizer", "named_organizer")


RULES: tuple[Rule, ...] = (
    passive_agent,
    initiator,
    named_organizer,
    active_subject,
    partner,
    helped_organizer,
    implementers,
)
