from __future__ import annotations

from datetime import date

import pytest

from pipeline.fields.dates import (
    Mention,
    event_date,
    find_mentions,
    is_date_line,
    is_dateline,
    is_deadline,
    is_document_date,
    is_earlier,
    is_event_header,
    is_habitual,
    is_later,
    is_period,
    is_planned,
    publication_date,
    read_relative,
)

REFERENCE = date(2016, 5, 14)


def _first(text: str) -> Mention:
    mentions = read_relative(text, find_mentions(text))
    assert mentions, text
    return mentions[0]


def _at(text: str, needle: str) -> Mention:
    """The mention that starts where needle does."""
    at = text.index(needle)
    return next(m for m in read_relative(text, find_mentions(text)) if m.span.start == at)


# Layer 1. (text, (day, month, year, end_day, end_month)) of the first mention: written
# variants of the forms IOM pages use, not copies of labeled items.
MENTIONS = [
    ("29 November - 1 December 2016", (29, 11, 2016, 1, 12)),
    ("from 30 June to 2 July, 2015", (30, 6, 2015, 2, 7)),
    ("May 29 – June 1, 2017", (29, 5, 2017, 1, 6)),
    ("on 3, 4 and 6 March", (3, 3, None, 6, 3)),
    ("5 - 6 - 8 - 9 April 2019 in Tbilisi", (5, 4, 2019, 9, 4)),
    ("October 3 and 4, 2019", (3, 10, 2019, 4, 10)),
    ("from 7 to 10 October", (7, 10, None, 10, 10)),
    ("On 14/15 May the group met", (14, 5, None, 15, 5)),
    ("On 12th and 13th of May 2015", (12, 5, 2015, 13, 5)),
    ("On Monday, 3 June, IOM", (3, 6, None, None, None)),
    ("IOM on Tuesday (14/09) opened", (14, 9, None, None, None)),
    ("On Thursday and Friday (5-6/10), a camp", (5, 10, None, 6, 10)),
    ("IOM today (2/11) launched", (2, 11, None, None, None)),
    ("the order of 05.06.2017 was", (5, 6, 2017, None, None)),
    ("16-17.05.2019 в Алматы", (16, 5, 2019, 17, 5)),
    ("held on June 10, 11 and 12 in Bishkek", (10, 6, None, 12, 6)),
    ("On June 10, 2019 IOM", (10, 6, 2019, None, None)),
    ("Sept. 9, 2014", (9, 9, 2014, None, None)),
    ("June 10-13 of 2016", (10, 6, 2016, 13, 6)),
    ("in March 2015", (None, 3, 2015, None, None)),
    ("In October, IOM trained", (None, 10, None, None, None)),
    ("mid-July the team", (None, 7, None, None, None)),
    ("12-13 мая 2015 года", (12, 5, 2015, 13, 5)),
    ("с 3 по 5 апреля", (3, 4, None, 5, 4)),
    ("в конце ноября МОМ", (None, 11, None, None, None)),
    ("в апреле 2017 года", (None, 4, 2017, None, None)),
    # month words of the offices' other languages, read by dateparser
    ("14 травня 2015 року", (14, 5, 2015, None, None)),
    ("3-5 Aralık 2019", (3, 12, 2019, 5, 12)),
    ("18 დეკემბერი 2018", (18, 12, 2018, None, None)),
    # bilingual pages write the month twice
    ("7 - 9 ოქტომბერი/October 2019", (7, 10, 2019, 9, 10)),
    # two dates joined into one range, within a year and across one
    ("held on March 8, 2021, and March 12, 2021", (8, 3, 2021, 12, 3)),
    ("from 28 December 2016 to 3 January 2017", (28, 12, 2016, 3, 1)),
    ("On Monday 5 June and Tuesday 6 June", (5, 6, None, 6, 6)),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions(text, expected):
    m = _first(text)
    assert (m.day, m.month, m.year, m.end_day, m.end_month) == expected
    assert text[m.span.start : m.span.end] == m.span.text


@pytest.mark.parametrize(
    "text",
    [
        "IOM supports the 2030 Agenda in 175 member states.",
        "a hotline open (24/7) to migrants",
        "Migrants may in future apply online.",
        "call the hot-line 8-800-333-00-16",
        "The session starts at 15:30 in room 12.",
        "As of today, the shelter assisted 1,000 people.",  # no date to read it against
        "The project runs in 2015-2017.",
        "On 31 September and 30 February",  # no such days
        "IOM trained 25 officers 2016 and 30 judges",  # a word, not a month, before a year
    ],
)
def test_no_mentions(text):
    assert read_relative(text, find_mentions(text)) == []


# Relative words read against the dateline before them: (text, (day, month, year)).
RELATIVE = [
    ("Minsk, 14 April 2019 – Yesterday IOM launched a campaign", "Yesterday", (13, 4, 2019)),
    ("Bishkek, March 1 - Last night, 300 guests celebrated", "Last night", (29, 2, None)),
    ("9 June 2020\n\nIOM today opened a centre", "today", (9, 6, 2020)),
    ("Kyiv, 20 October 2015\n\nLast week IOM trained judges", "Last week", (None, 10, 2015)),
    (
        "2 November 2016\n\nIn total 40 officers were trained this month",
        "this month",
        (None, 11, 2016),
    ),
]


@pytest.mark.parametrize(("text", "word", "expected"), RELATIVE)
def test_relative_words(text, word, expected):
    m = _at(text, word)
    assert (m.day, m.month, m.year) == expected


# Layer 2: each role rule, with rows it must catch and look-alikes it must leave.
ROLE_RULES = [
    # a dateline with its date first, the place after it
    (is_dateline, "2 MARCH 2019, KHUJAND – On 28 February IOM held", "2 MARCH", True),
    (is_dateline, "5 May 2016, Osh - The Ministry opened", "5 May", True),
    (is_dateline, "On 5 May 2016, Osh hosted the forum", "5 May", False),
    (is_dateline, "5 May 2016, the Ministry of Labour - the host - opened", "5 May", False),
    (is_date_line, "News | 14 March 2012 On 12-13 March IOM held", "14 March", True),
    # ... with the whole paragraph run on after it, on one line
    (
        is_date_line,
        "News | 14 March 2012 On 12-13 March IOM held a seminar " + "on labour migration " * 20,
        "14 March",
        True,
    ),
    (is_date_line, "Kyiv, 3 April 2017\n\nIOM trained judges", "3 April", True),
    (is_date_line, "Published:\n\nFriday, June 2, 2017 - 11:00\n\nRemarks", "June 2", True),
    (is_date_line, "Posted by admin on 5 May 2015\n\nIOM trained judges", "5 May", True),
    (is_date_line, "Created on Tuesday, 5 May 2015 10:39\n\nIOM trained judges", "5 May", True),
    (is_date_line, "Создано 5 мая 2015\n\nМОМ провела семинар", "5 мая", True),
    (is_date_line, "On 3 April 2017 IOM trained judges", "3 April", False),
    (is_date_line, "Date: 5 May 2015\nVenue: Hotel Rixos, Almaty", "5 May", False),
    (is_date_line, "Almaty, May 5, 2021 – IOM opened a centre", "May 5", False),
    (is_date_line, "3 - 5 April 2017\n\nIOM trained judges", "3 - 5", False),
    (is_dateline, "Osh, 4 May 2021 – A seminar took place on 2 May in Osh", "4 May", True),
    (is_dateline, "Nur-Sultan, 12 March 2019 — IOM held a forum", "12 March", True),
    # Russian datelines put "г." or "года" between the year and the dash.
    (is_dateline, "Брест, 16 сентября 2010 г. — С 14 по 16 сентября МОМ", "16 сентября", True),
    (is_dateline, "Москва, 25 октября 2011 года — Конференция прошла", "25 октября", True),
    (is_dateline, "г. Уфа, 19 октября 2017 г. — 18–19 октября прошла", "19 октября", True),
    (is_dateline, "В 2011 г. — году миграции — прошли 25 октября", "25 октября", False),
    (is_dateline, "On 4 May 2021 – a date in a sentence – IOM met", "4 May", False),
    (is_dateline, "IOM met partners in Osh, 4 May 2021 – the last day", "4 May", False),
    (is_deadline, "applications are accepted until 1 September 2012", "1 September", True),
    (is_deadline, "Closing date: 20 March 2019", "20 March", True),
    (is_deadline, "implemented since October 1, 2020", "October 1", True),
    (is_deadline, "the seminar opened on 1 September 2012", "1 September", False),
    (is_planned, "the film will air nation-wide at 15:10 on 1 December", "1 December", True),
    (is_planned, "the next round is scheduled for 5 May", "5 May", True),
    (is_planned, "the forthcoming Forum in May 2022", "May 2022", True),
    (is_planned, "The meeting was held on 5 May. It will continue", "5 May", False),
    (is_planned, "The seminar, which will help officers, took place on 5 May", "5 May", False),
    (is_planned, "The session will be held on 22 May in Astana", "22 May", True),
    (is_document_date, "under the Decree of 12 May 2015", "12 May", True),
    (is_document_date, "Resolution No. 517 dated 3 June 2014", "3 June", True),
    (is_document_date, "the strategy adopted in March 2017", "March 2017", True),
    (is_document_date, "the round table on 12 May 2015", "12 May", False),
    (is_period, "from 1 January 2015 to 31 December 2017", "1 January", True),
    (is_period, "From January to September 2016, IOM assisted 777", "September 2016", True),
    (is_period, "Between 4 July - 1 August, 2014, the centres", "4 July", False),
    (is_habitual, "the forum traditionally takes place in early March", "early March", True),
    (is_habitual, "the forum took place in early March", "early March", False),
    (is_habitual, "held annually since 2010, it took place on 12 June 2019", "12 June", False),
    (is_event_header, "13 – 15 June 2018\nVenue: Hotel", "13 – 15", True),
    (is_event_header, "13 June 2018\nIOM held", "13 June", False),
    (is_event_header, "On 13 – 15 June 2018 IOM held", "13 – 15", False),
]


@pytest.mark.parametrize(("rule", "text", "needle", "expected"), ROLE_RULES)
def test_role_rules(rule, text, needle, expected):
    assert rule(text, _at(text, needle)) is expected


@pytest.mark.parametrize(
    ("rule", "text", "page", "expected"),
    [
        (is_earlier, "The Network was launched in May 2018", date(2021, 6, 24), True),
        (is_earlier, "IOM trained judges in June 2021", date(2021, 6, 24), False),
        (is_earlier, "The Network was launched in May 2018", None, False),
        (is_later, "the film will air on 1 December 2013", date(2013, 11, 20), True),
        (is_later, "premiered on 19 November 2013", date(2013, 11, 20), False),
        (is_later, "premiered on 19 December", date(2013, 11, 20), False),  # year unknown
    ],
)
def test_page_time_rules(rule, text, page, expected):
    assert rule(_first(text), page) is expected


# End to end: (text, reference, start, end, year_inferred).
CASES = [
    # the event's days stated again with their year give it; a comma without its space
    (
        "On March 3-4 the Service held a seminar. The seminar on March 3-4, 2014 gathered 20.",
        None,
        "2014-03-03",
        "2014-03-04",
        False,
    ),
    (
        "On March 3 IOM held a seminar. A forum took place on March 9, 2014.",
        REFERENCE,
        "2016-03-03",
        None,
        True,
    ),
    ("The round table was held on November 5,2013 in Bishkek.", None, "2013-11-05", None, False),
    # a weekday that only the US order gives a slashed date (Drupal's "Mon, 09/02/2013")
    ("Mon, 09/02/2013 - IOM held a seminar.", None, "2013-09-02", None, False),
    ("On 09/02/2013 IOM held a seminar.", None, "2013-02-09", None, False),
    # a date-first dateline is the page's: the event's own days win
    (
        "9 JUNE 2021, DUSHANBE – On 7-8 June IOM held a workshop.",
        None,
        "2021-06-07",
        "2021-06-08",
        True,
    ),
    # a full stop after a town and a day without a year is no dateline: the event's date
    ("Minsk, 14 April. IOM held a training on 12 May 2015.", None, "2015-05-12", None, False),
    # a dateline ended by a full stop gives its year to the event's days
    (
        "Minsk, 14 April 2015. Last week (8-9 April) IOM held a training.",
        None,
        "2015-04-08",
        "2015-04-09",
        True,
    ),
    (
        "Минск, 14 апреля 2015 г. На прошлой неделе (8-9 апреля) МОМ провела тренинг.",
        None,
        "2015-04-08",
        "2015-04-09",
        True,
    ),
    # the event's own date wins over the dateline's, whose year it takes
    (
        "Bokhtar, 7 November 2019 – A workshop on business planning took place on 5 and 6 "
        "November in Bokhtar.",
        None,
        "2019-11-05",
        "2019-11-06",
        True,
    ),
    (
        "Baku, 12 March 2019 – IOM will hold a conference next month.",
        None,
        "2019-03-12",
        None,
        False,
    ),
    (
        "On 21, 22 September 2016 IOM delivered two trainings",
        REFERENCE,
        "2016-09-21",
        "2016-09-22",
        False,
    ),
    (
        "The forum was held in Kazan on 26-27 September 2016",
        REFERENCE,
        "2016-09-26",
        "2016-09-27",
        False,
    ),
    ("On January 28 and 29, 2013, IOM held", REFERENCE, "2013-01-28", "2013-01-29", False),
    ("on the 5th of June 2013 a seminar", REFERENCE, "2013-06-05", None, False),
    (
        "26-27 сентября 2016 г. в Казани прошла конференция",
        REFERENCE,
        "2016-09-26",
        "2016-09-27",
        False,
    ),
    ("On 12 May IOM jointly with a foundation organized", REFERENCE, "2016-05-12", None, True),
    ("From 29 April to 1 May IOM organized training", REFERENCE, "2016-04-29", "2016-05-01", True),
    ("In November 2014 IOM conducted round tables", REFERENCE, "2014-11", None, False),
    ("Moscow – On May 28, 2019 IOM", REFERENCE, "2019-05-28", None, False),
    ("IOM yesterday (14/05) launched an appeal", REFERENCE, "2016-05-14", None, True),
    # a deadline or a planned date is not the event; the next date is
    (
        "is planned by 1 September 2012. It met in Chisinau on 20 March 2012.",
        REFERENCE,
        "2012-03-20",
        None,
        False,
    ),
    ("held in Crimea at the end of May 2012", REFERENCE, "2012-05", None, False),
    # the page's date line is no event date, but it gives the year
    ("12 March 2016\n\nOn 10 March IOM held a seminar in Odesa.", None, "2016-03-10", None, True),
    (
        "News | 5 October 2011 On 3-4 of October 2011 the ILO held a seminar",
        None,
        "2011-10-03",
        "2011-10-04",
        False,
    ),
    ("18 May 2015\n\nIn May in Lviv, IOM conducted three trainings.", None, "2015-05", None, True),
    # a dateline and a relative word after it
    (
        "Chisinau, June 3 - Last night, 150 guests celebrated the day organized by IOM.",
        date(2022, 6, 10),
        "2022-06-02",
        None,
        True,
    ),
    ("Minsk, 14 April 2019 – Yesterday IOM launched a campaign.", None, "2019-04-13", None, False),
    ("Tbilisi, 3 May 2018\n\nIOM today opened a new centre.", None, "2018-05-03", None, False),
    ("Astana, 21 June 2019 - Last week IOM organized a training.", None, "2019-06", None, False),
    # the first date in a sentence that reports an event wins over an earlier narrative date
    (
        "In February 2019 she chose to return. In March 2019 she went home. "
        "In December 2019 IOM invited her to a business workshop in Grozny.",
        None,
        "2019-12",
        None,
        False,
    ),
    (
        "The law entered into force on 1 March 2015. On 5 May 2016 IOM conducted a training.",
        None,
        "2016-05-05",
        None,
        False,
    ),
    # a range heading the item is its event's
    (
        "4 – 6 June 2017\n\nThis week IOM delivered training in Batumi.",
        None,
        "2017-06-04",
        "2017-06-06",
        False,
    ),
    # a speech's date line is the day it was given
    (
        "5 Oct 2012\n\nExcellencies,\n\nLadies and Gentlemen,\n\nIt is an honour to address you.",
        None,
        "2012-10-05",
        None,
        False,
    ),
    (
        "On Tuesday and Wednesday (20-21/03), a follow-up camp was held.",
        None,
        "XXXX-03-20",
        "XXXX-03-21",
        True,
    ),
]


HABITS = [
    # a series has no year: a date with its year after "every year" is one occasion
    (
        "IOM screened a film about families whose fathers leave every year for work abroad, "
        "on 5 April 2019 at the theatre.",
        "2019-04-05",
    ),
    ("The fair traditionally takes place on 18 December in the city centre.", None),
]


@pytest.mark.parametrize(("text", "start"), HABITS)
def test_habits(text, start):
    found = event_date(text, None)
    assert (found.start if found else None) == start


# A stated duration gives the other end of the event (LABELING.md: event_end for events
# longer than one day): (text, start, end); references none, years stated or datelined.
DURATIONS = [
    (
        "Osh, 9 October 2021 – Border officers today completed a four-day course run by IOM.",
        "2021-10-06",
        "2021-10-09",
        True,
    ),
    (
        "ASTANA, 2 June 2020 – A two day forum on labour mobility opened today in Astana.",
        "2020-06-02",
        "2020-06-03",
        True,
    ),
    (
        "On 3 April 2019 IOM organized a 3-day workshop in Osh for social workers.",
        "2019-04-03",
        "2019-04-05",
        True,
    ),
    (
        "Chisinau, 20 May 2016 – IOM wrapped up a five-day training of trainers.\n\n"
        "The training began on 16 May with a visit to the border.",
        "2016-05-16",
        "2016-05-20",
        True,
    ),
    (
        "Минск, 5 марта 2019 – МОМ провела трехдневный семинар для инспекторов.",
        "2019-03-05",
        "2019-03-07",
        True,
    ),
    (
        "Гомель, 7 марта 2019 – Завершился двухдневный тренинг для социальных работников.",
        "2019-03-06",
        "2019-03-07",
        True,
    ),
    # words that only look like an end or a start: "close cooperation", "начальник"
    (
        "In close cooperation with the Ministry, IOM on 14 March 2019 held a three-day training.",
        "2019-03-14",
        "2019-03-16",
        True,
    ),
    (
        "Минск, 14 марта 2019 – Завершился трехдневный тренинг, начальник управления "
        "поблагодарил участников.",
        "2019-03-12",
        "2019-03-14",
        True,
    ),
    # a range written out is read as written
    ("A three-day training was held on 4-6 May 2018 in Kyiv.", "2018-05-04", "2018-05-06", False),
    # not a duration: "days" after a number, an age, or two different lengths
    (
        "On 5 May 2018 IOM held a training. Two days later the officers left.",
        "2018-05-05",
        None,
        False,
    ),
    (
        "On 5 May 2018 IOM held a seminar on the 90 day rule for migrants.",
        "2018-05-05",
        None,
        False,
    ),
    (
        "On 5 May 2018 IOM opened a two-day seminar and a three-day training in Kyiv.",
        "2018-05-05",
        None,
        False,
    ),
]


@pytest.mark.parametrize(("text", "start", "end", "by_duration"), DURATIONS)
def test_durations(text, start, end, by_duration):
    found = event_date(text, None)
    assert found is not None
    assert (found.start, found.end) == (start, end)
    assert found.rule.endswith("+duration") == by_duration


@pytest.mark.parametrize(("text", "reference", "start", "end", "inferred"), CASES)
def test_event_dates(text, reference, start, end, inferred):
    found = event_date(text, reference)
    assert found is not None
    assert (found.start, found.end, found.year_inferred) == (start, end, inferred)
    assert found.span is not None and text[found.span.start : found.span.end] == found.span.text


@pytest.mark.parametrize(
    "text",
    [
        "IOM supports the 2030 Agenda for Sustainable Development in 175 member states.",
        "The project runs in 2015-2017 with 8,400 staff.",
        "not later than 18:00, 05 July 2019",
        "a hotline open (24/7) to migrants",
        # a date line alone dates the page, not the event
        "22 May 2015\n\nIOM experts took part in a book fair in Kyiv.",
        "Kyiv, 2 March 2017\n\nIOM invited journalists to a three-day training.",
        # habitual, earlier and planned dates
        "The conference traditionally takes place at the beginning of March.",
        "24 June 2021\n\nIOM held a conference. The Network was launched in May 2018.",
        "The panel session will be held on 22 May in Astana.",
        "This week IOM organized a workshop in Almaty.",  # no day, no dateline: no date
        "Sarajevo – Partners today accepted the Action Plan.",
        "The programme ran from 1 January 2015 to 31 December 2017.",
        # a relative word is read against a dateline, not against a document's date
        "The Law of 5 May 2015 regulates migration. Today, IOM and the Ministry met.",
    ],
)
def test_no_event_date(text):
    assert event_date(text, REFERENCE) is None


def test_year_of_a_date_after_the_reference_is_the_year_before():
    found = event_date("On 12 December IOM held a training", date(2017, 1, 10))
    assert found is not None and found.start == "2016-12-12"


def test_no_reference_leaves_the_year_unknown():
    found = event_date("From 6 to 8 December, IOM conducted training", None)
    assert found is not None and (found.start, found.end) == ("XXXX-12-06", "XXXX-12-08")


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("2017-03-17T11:13:00Z", date(2017, 3, 17)),
        ("Fri, 03/17/2017", date(2017, 3, 17)),  # Drupal 7 shows US order
        ("Submitted by admin on Mon, 06/05/2017 - 12:03", date(2017, 6, 5)),
        ("27 October 2013", date(2013, 10, 27)),
        ("no date here", None),
    ],
)
def test_publication_dates(shown, expected):
    assert publication_date(shown) == expected


def test_finding_dates_is_linear_in_the_number_of_dates():
    """Each match is checked against the spans kept with a binary search and at most two
    comparisons: the count grows with the page, not with its square."""
    from pipeline.fields.dates import Spans

    sentence = "The seminar took place on 12 March 2015 and the training on 3 April 2016. "

    def comparisons(repeats: int) -> tuple[int, int]:
        taken = Spans()
        found = find_mentions(sentence * repeats, taken)
        return taken.comparisons, len(found)

    small, found_small = comparisons(1000)  # about 70 KB
    large, found_large = comparisons(4000)  # about 280 KB
    assert found_large == 4 * found_small > 0
    assert small <= 2 * 8 * found_small  # a few patterns match each date: two looks each
    assert large <= 4 * small + 8


def test_the_pages_publication_date_outside_the_text_stands_for_a_date_line():
    text = "The Network was launched in May 2018. Today IOM held a conference on it."
    assert event_date(text, REFERENCE).start == "2018-05"  # nothing tells it is earlier
    assert event_date(text, REFERENCE, published=date(2021, 6, 24)) is None
