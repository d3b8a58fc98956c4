"""The wordings that the place rules read, one pattern for each (places.py uses them).

Patterns that look back from a mention are anchored at the end (`$`) of the text before
it; patterns that look ahead are matched at the start of the text after it.
"""

from __future__ import annotations

import re

from pipeline.fields.kinds import YEAR
from pipeline.fields.months import EN_MONTH_TITLES, RU_MONTH_WORDS
from pipeline.fields.text import AND, FRAMEWORK_LEADS, PROJECT_NOUNS, RU_PROJECT_STEMS, UPPER

# "held in Moscow", "at the Point Hotel", "in the beautiful, historic city of St.
# Petersburg", "in the capital Tbilisi", "in Ukraine’s capital Kyiv", "в Казани".
LOCATIVE_BEFORE = re.compile(
    r"(?:^|[\s(])(?i:in|at|inside|в|во|на)\s+(?:the\s+)?(?:г\.\s*|(?i:городе|столице|селе|поселке|базе|площадке)\s+)?"
    # ("in the Armenian capital, Yerevan", "in the Belarus capital, Minsk", "in the centre
    # of Kyiv")
    r"(?:[\w’']+['’]s\s+)?(?:(?:[A-Z][\w’'-]+\s+)?(?:[a-z]+,?\s+){0,3}(?:capital|city|town|"
    r"village|cities|towns|villages|centre|center|heart|outskirts)(?:\s+city)?,?"
    r"(?:\s+of)?\s+)?[“\"«‘?]?$"
)
# "a study trip to Brussels", "paid a visit to Georgia", "visited Kramatorsk", "visit Warsaw",
# "travelled through the towns of Naryn", "посетил города Туркестан".
VISITED_BEFORE = re.compile(
    r"\b(?i:visit(?:ed|s|ing)?|trip|tour|travel(?:led|ed)?|came|arrived|went)"
    r"\s+(?:[\w-]+\s+){0,6}?(?:to\s+|through\s+)?(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}(?:area|territory|part|town|village|cit(?:y|ie))s?\s+of\s+(?:the\s+)?)?$"
    r"|(?i:посетил\w*|побывал\w*)\s+(?:(?:город|сел|район)\w*\s+)?$"
)
# "Moscow hosted consultations", "Minsk Hosts Training", "Минск принял".
HOSTED_AFTER = re.compile(r"\s+(?i:hosted|hosts|is hosting|was hosting|welcomed)\b")
HOSTED_BY = re.compile(r"\b(?i:hosted|welcomed)\s+by\s+(?:the\s+)?$")
# "Dushanbe, Tojikobod and Kulob", "Almaty, Kazakhstan", "Dashoguz, Dashoguz velayat",
# "Tursunzoda's Jura Rahmonov Jamoat", "Ukrainskyi Dim (Kyiv)": what joins listed places.
LIST_LINK = re.compile(
    # ("in Mary city, Mary velayat", "Osh city and Osh oblast": a town named with its word)
    rf"(?:\s+(?:city|town))?\s*(?:(?:,|/|\b{AND}\b)\s*(?:[{UPPER}][\w’'-]+\s*(?:,|\b{AND}\b)\s*)*(?:and\s+)?"
    r"(?:the\s+)?)?"
    r"|['’]s\s+|[”\"»’?]?\s*\(\s*"
)
UNKNOWN_LIST_NAME = re.compile(
    rf"(?:\s*,\s*[{UPPER}][\w’'-]+)*\s*(?:,\s*)?{AND}\s+[{UPPER}][\w’'-]+(?=[\s.,;)]|$)"
)
# "the Embassy of Switzerland in Uzbekistan", "Commissioner for Human Rights in
# Kazakhstan", "IOM Mission in Ukraine", "Бюро МОМ в Москве": an office and its seat.
_NAMEISH = rf"(?:\s*,|\s+\([{UPPER}]+\)|\s+(?:of|for|to|on|the|and|по|в)|\s+[{UPPER}][\w’'.-]*)"
# "IOM Moscow hosted a meeting": IOM's office named after its town.
IOM_OFFICE_BEFORE = re.compile(r"\b(?:IOM|МОМ|OIM)\s+$")
# "the Embassy in Moscow", "Бюро МОМ в Москве": an office right before its town.
OFFICE_RIGHT_BEFORE = re.compile(
    r"\b(?:(?i:mission|office|embassy|consulate|delegation|bureau)|Бюро(?:\s+МОМ)?|"
    r"Посольств\w*|Представительств\w*|Миссии|Офис\w*)\s+(?:in|в|во)\s+(?:the\s+)?$"
)
OFFICE_BEFORE = re.compile(
    r"\b(?:(?i:mission|office|embassy|consulate|delegation)|Commissioner|Ombuds\w+|"
    r"Representative|Representation|Coordinator|Ambassador|Consul|Bureau|Chief|Head|"
    r"Director|Department|Committee|Council|Бюро|Посольств\w*|Представительств\w*|Посол\w*|Миссии|Офис\w*|Директор\w*)"
    rf"{_NAMEISH}*?,?\s+(?:in|to|at|в|во)\s+(?:the\s+)?$"
)
# "IOM in Belarus", "the UN Migration Agency, in Ukraine", "IOM Moscow": an agency's
# country office; its town may still be the event's ("hosted by IOM in Dushanbe").
ORGANIZATION_BEFORE = re.compile(
    rf"\b(?:IOM|МОМ|OIM|UN\w*|ООН|Organi[sz]ation(?:\s+for\s+Migration)?|Agency|Ministry|"
    rf"Service|Министерств\w*|Служб\w*|[A-Z]{{2,}}(?=\s+in\b))"
    rf"{_NAMEISH}*?,?\s+(?:(?:in|в|во)\s+(?:the\s+)?)?$"
)
# "trafficking in Ukraine", "the situation of migrants in St. Petersburg", "women police
# in Georgia": the place is the topic or where people come from, not the venue.
TOPIC_BEFORE = re.compile(
    r"\b(?i:situation|migration|problems|issues|trends|rights|living|"
    r"(?:situation|rights|problems|issues|needs|integration|protection|number)\s+of\s+"
    r"(?:\w+\s+){0,2}migrants|"
    r"diaspora|population|trafficking|anniversary|presence|work|activities|operations|"
    r"potential|experience|practices?|cooperation|policy|reforms?|governance|management|"
    r"war|conflict|crisis|emergency|case|capacit(?:y|ies)|branches|divisions|units|"
    r"departments|offices?|centres|centers|both|based|exploited|stranded|time|kind|"
    r"project|programme|program|initiative|strategy|plan|law|legislation|system|mechanism|"
    r"framework|sector|market|economy|integration|reintegration|development|employment|"
    r"jobs|labou?r|business(?:es)?|investments?|remittances|education|health(?:care)?|stay|"
    r"born|residence|needs|challenges|progress|achievements|efforts|assistance|services|"
    r"protection|returns?|mobility|flows?|displacement|"
    r"мигрант\w*|миграци\w*|ситуаци\w*|положени\w*|работ\w*)"
    # ("centres in the cities of Osh, Karakol and Naryn")
    r"\s+(?:in|в|во)\s+(?:the\s+)?(?:(?:cit(?:y|ies)|towns?|villages?)\s+of\s+)?$"
)
# "institutions in Kazakhstan, Kyrgyzstan and Tajikistan", "women police in Georgia": a
# country or region after people is where they come from ("organisations in Minsk" may
# still be where the round table for them was held).
PEOPLE_BEFORE = re.compile(
    r"\b(?i:nationals|citizens|workers|heroes|police|officials|providers|employers|youth|"
    r"women|children|students|refugees|stakeholders|institutions|organi[sz]ations|"
    r"agencies|authorities|communities|countries|universities|experts|specialists|"
    r"representatives|participants|delegates|journalists|teachers|judges|prosecutors|"
    r"officers|staff|people|persons|families|households|returnees|victims|migrants|"
    r"граждан\w*)"
    r"\s+(?:in|в|во)\s+(?:the\s+)?$"
)
# "the St. Petersburg International Labour Forum", "the third Sarajevo Migration
# Dialogue", "VI St. Petersburg ...": a town that opens a capitalized name.
INSIDE_NAME_BEFORE = re.compile(
    r"(?:\b(?i:the|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|annual)"
    r"|\b[IVX]+|\d+(?:st|nd|rd|th))\s+$"
)
# "в рамках Программы ЕС и ПРООН по борьбе с наркотиками в Беларуси, Молдове и Украине",
# "within the framework of the project on border management in Moldova": a country or a
# region named in a framework's description, not where the event was.
FRAMEWORK_BEFORE = re.compile(
    rf"\b(?i:в\s+рамках|{FRAMEWORK_LEADS})\s+(?:the\s+|a\s+|an\s+)?[^.;:]{{0,80}}?"
    rf"\b(?i:{RU_PROJECT_STEMS}|{PROJECT_NOUNS})\w*\b[^.;:,]{{0,120}}$"
)
# "officers working at border crossing points in Badakhshan", "institutions located both
# in Russia and abroad": where participants work or come from.
WORKPLACE_BEFORE = re.compile(
    r"\b(?i:working|deployed|employed|serving|based|living|residing|coming|located both|"
    r"implemented|implementing|funded|operat\w+|present|active|identified|assisted|returned|"
    r"exploited|trafficked|deported|stranded|проживающ\w*|работающ\w*|находящ\w*|"
    r"пребывающ\w*|трудящ\w*|осуществляющ\w*|действующ\w*)\b[^,.;]{0,40}$"
    r"|\b(?i:staff|employees|personnel|members)\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}"
    r"(?:in|at)\s+(?:the\s+)?$"
)
# Venues made for meeting and staying, where nobody's workplace is: "journalists from
# regional media at the Radisson Hotel" met at the hotel, they do not work there.
MEETING_VENUE = re.compile(
    r"\b(?i:hotel|hall|auditorium|amphitheatre|conference|palace|palais|theatre|theater|"
    r"cinema|resort|sanatorium|гостиниц\w*|отел\w*|зал\w*|конференц\w*)\b"
)
# Streets, venues of their own (LABELING.md, Places: "venue (building, hall, street,
# premises)"); the Russian ones in the prepositional case ("на улице Ленина").
STREET_HEADS = "Avenue|Street|Boulevard|Prospekt|Prospect"
RU_STREET_HEADS = "улице|проспекте|бульваре|площади|набережной"
STREET = re.compile(rf"\b(?:{STREET_HEADS})\b|(?i:{RU_STREET_HEADS})")
# A street after a venue is its address: "the Academy's premises on Inshaatchilar Avenue".
ADDRESS_LINK = re.compile(r"\s+(?:on|at|на)\s+(?:the\s+)?")
# "specialists from the juvenile probation centre in Melitopol": where they come from
# (unless a verb intervenes: "judges from Osh took part in a training in Almaty").
FROM_BEFORE = re.compile(
    # not the "from" of days ("held from 14 to 18 April at the Regional Command")
    r"\bfrom\s+(?!\d)(?:the\s+)?(?P<between>(?:[\w’'-]+\s+){0,5})(?:in|at)\s+(?:the\s+)?$"
)
# "hall of the Moscow Department of Education": a venue inside a building's name.
PREMISES_BEFORE = re.compile(
    r"\b(?i:stage|hall|premises|building|headquarters|room|auditorium|site|grounds)\s+of\s+"
    r"(?:the\s+)?$"
)
# "Kyrgyzstan: IOM Trains Border Guards": a title led by a place names the event's.
TITLE_LEAD = re.compile(r"^\s*$")
# ("Grodno, 14 April 2015: Training ...", "Skopje, 14.11.2016: ...": with the day)
TITLE_LEAD_AFTER = re.compile(r"(?:,\s*\d{1,2}(?:[./]\d{1,2}[./]|\s+[A-Z][a-z]+\s+)\d{4})?\s*:\s")
# After a town: a capitalized word that goes on a name ("Sarajevo Migration Dialogue").
NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
CAP_NAME = re.compile(rf"[{UPPER}][\w’'-]+")
DAY_NUMBER = re.compile(r"\b\d{1,2}\b")
POSSESSED_CAPITAL = re.compile(r"['’]s\s+capital\b")
# "Venue: Grand Tian Shan Hotel, Almaty", "Date and venue: 5 May 2019, Bishkek".
VENUE_LINE = re.compile(
    r"^\s*(?i:(?:date\s+and\s+)?(?:venue|location|place|where)(?:\s+and\s+date)?|"
    r"место проведения|место)\s*:\s*(?P<names>[^\n]+)",
    re.M,
)
VENUE_LINE_PART = re.compile(r"[^,;]+")
# "held at the IOM Office in Bishkek", "at the premises of the Embassy in Minsk": the
# office is the venue, so its town is the event's, not only the office's seat.
AT_OFFICE_BEFORE = re.compile(
    r"\b(?i:at|inside|in)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+|(?:of|for|and|the)\s+){0,6}"
    r"(?:(?i:office|premises|headquarters|building)|Cent(?:er|re)|University|Academy|Institute)"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*)+)?\s+(?:in|в)\s+$"
)
# A hybrid event has a room as well as a screen: its places count ("a hybrid conference
# held at the Tirana International Hotel", "в гибридном формате ... в гостинице").
HYBRID = re.compile(
    r"\bhybrid\s+(?:format|mode|event|conference|meeting|session|seminar|training|workshop|"
    r"forum|round ?table|launch|ceremony)|гибридн\w*\s+(?:формат|режим)",
    re.I,
)
VIRTUAL = re.compile(
    r"\b(?:webinar|video ?conference|(?:online|virtual)(?:\s+[\w-]+){0,2}\s+(?:launch|event|"
    r"meeting|conference|session|ceremony|round ?table|training|forum|seminar|workshop)|"
    r"(?:held|took place|conducted|organi[sz]ed|met|gathered)\s+(?:\w+\s+)?(?:online|virtually|"
    r"remotely)|(?:online|virtual) format|via (?:Zoom|Microsoft Teams|Skype)|"
    r"(?:в\s+)?онлайн[- ](?:режиме|формате|конференц\w*|встреч\w*|семинар\w*|совещани\w*|"
    r"круглы\w*|мероприяти\w*|тренинг\w*)|режиме онлайн|дистанционн\w+\s+(?:формате|режиме)|"
    r"видеоконференц\w*|видеосвяз\w*|вебинар\w*)",
    re.I,
)
# Sentences about taking part in the event, which tell whether it was held online.
TOOK_PART = re.compile(
    r"\b(?i:took part|participated|attended|joined|was held|were held|took place|"
    r"приняли участие|участвовали|прош[её]л|прошла|состоял\w*)\b"
)
# Verbs of holding an event, after which "in X" or "at X" is where it was held.
EVENT_VERBS = (
    r"held|took place|takes place|hosted|convened|gathered|met|organi[sz]ed|conducted|"
    r"delivered|launched|opened|presented"
)
# Verbs that say where the event happened ("organized" only for an event: "organized a
# training", not "organized criminals").
WHERE_IT_HAPPENED = re.compile(
    r"\b(?:took place|take place|taking place|was held|were held|is held|are held|"
    r"(?<=, )held(?= at )|"
    r"hosted|hosts|hosting|venue|gathered|gathering|convened|met|delivered|conducted|"
    r"organi[sz]ed(?=\s+(?:a|an|the|by|jointly|together|in|on|at|with))|presented|"
    r"launched|opened|premiered|celebrated|marked|visited|visit|trip|brought together|"
    r"performed|(?:stage|hall|premises) of|trained|attended|participated|kicked off|"
    r"started|began|concluded|closed|arrived|signed|"
    r"состоял(?:ся|ась|ось|ись)|прош(?:ел|ёл|ла|ло|ли)|проходил[аи]?|проведен[аоы]?|"
    r"провел[аио]?)\b",
    re.I,
)
# Nouns of events that are held somewhere: a sentence or title that names one may say
# where it was. Narrower than the words kinds.py types events by ("launch", "film",
# "signed", "marks" also name things that are not held in a place).
EVENT_NOUN = re.compile(
    r"\b(?:conference|forum|training|seminar|workshop|round ?table|roundtables?|meeting|"
    r"consultations|session|ceremony|exhibition|festival|tournament|competition|congress|"
    r"summit|presentation|screening|course|assembly|fair|dialogue|campaign|panel|"
    r"celebrations?|exercise|event|camp|lecture|discussion|debate|concert|contest|"
    r"olympiad|marathon|simulation|study tour|study visit)\b|\b(?:конференц|форум|тренинг|"
    r"семинар|круглый стол|встреч|совещани|консультаци|сесси|церемони|выставк|фестивал|"
    r"турнир|конкурс|конгресс|саммит|презентаци|показ|курс)",
    re.I,
)
# A document's place, in the clause that tells its history: "the Global Compact,
# negotiated at the United Nations in New York", "the Declaration adopted in Almaty".
DOCUMENT_BEFORE = re.compile(
    r"\b(?:negotiated|adopted|endorsed|ratified|approved|published|drafted|issued)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,4}?(?:(?:at|in)\s+(?:the\s+)?)?$"
)
# A title that opens as a dateline with its day: "Бишкек, 26 ноября 2019 г. ...",
# "St. Petersburg, 4 June 2018 – ...", "14 June 2019, Dushanbe – ...".
DATED_TITLE = re.compile(r"^(?:[^,\n]{1,40},\s*)?\d")
# A town followed by a day: the event's where and when ("... in Osh on 11-13 March").
DATED_AFTER = re.compile(
    # ("in Budva, Montenegro, on 18-19 September": the country the town is in between)
    r"(?:,\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?,?\s+(?:on|from)\s+\d{1,2}\b"
)
# Nouns a town's name may modify: "the Kazakh capital", "Schengen visa", "Tbilisi residents".
MODIFIED_NOUN = re.compile(
    r"\s+(?:capital|visas?|area|zone|government|authorities|side|delegation|officials|"
    r"citizens|nationals|language|residents|agreement|acquis|countries|states|rules|regime)\b"
)
# "The next seminar will be held in Osh": a later event, in the clause before the place
# ("held a training in Osh, which will help" still gives Osh).
FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|plans? to|planned|upcoming|forthcoming|next|будет|будут|пройд[её]т|"
    r"состоится)\b[^,;:]*$",
    re.I,
)
MONTH = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<m{i + 1}>{en}|(?i:{ru}))"
        for i, (en, ru) in enumerate(zip(EN_MONTH_TITLES, RU_MONTH_WORDS, strict=True))
    )
    + r")\b"
)
# "the Review that took place in Geneva on 11 March": a clause about another event.
OTHER_CLAUSE = re.compile(
    r"\b(?:that|which)\s+(?:had\s+)?(?:took place|was held|were held|taken place|been held)"
    r"\b[^.;]*"
)


def month_and_year(text: str) -> tuple[int | None, str | None]:
    """The first month (1-12) and year a text names, if any."""
    month = MONTH.search(text)
    year = YEAR.search(text)
    number = int(month.lastgroup[1:]) if month is not None and month.lastgroup else None
    return number, year.group() if year else None
