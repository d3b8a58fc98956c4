from __future__ import annotations

from datetime import date

import pytest

from pipeline.fields.dates import event_date, publication_date

REFERENCE = date(2016, 5, 14)

# (text, start, end, year_inferred): real leads from IOM news items.
CASES = [
    (
        "On 21, 22 September 2016 IOM Moscow representatives delivered two training sessions",
        "2016-09-21",
        "2016-09-22",
        False,
    ),
    (
        "was held in Kazan on 26-27 September 2016, on the initiative of the Government",
        "2016-09-26",
        "2016-09-27",
        False,
    ),
    ("On January 28 and 29, 2013, IOM Moscow held", "2013-01-28", "2013-01-29", False),
    ("from 7 to 10 October 2013 in Moscow", "2013-10-07", "2013-10-10", False),
    ("on the 5th of June 2013 a seminar", "2013-06-05", None, False),
    ("April 18-20, 2018, the workshop", "2018-04-18", "2018-04-20", False),
    ("26-27 сентября 2016 г. в Казани прошла конференция", "2016-09-26", "2016-09-27", False),
    ("31 октября 2018 года состоялась встреча", "2018-10-31", None, False),
    ("On 12 May IOM Moscow jointly with “Safe House” Foundation", "2016-05-12", None, True),
    ("On 20 April IOM Moscow conducted a training seminar", "2016-04-20", None, True),
    ("From 29 April to 1 May IOM organized training", "2016-04-29", "2016-05-01", True),
    ("29 November - 1 December 2016", "2016-11-29", "2016-12-01", False),
    (
        "In November 2014 IOM Tajikistan conducted a series of half-day roundtables",
        "2014-11",
        None,
        False,
    ),
    (
        "On March 16-17, 2017, the VII Grushin Sociological Conference",
        "2017-03-16",
        "2017-03-17",
        False,
    ),
    ("Moscow – On May 28, 2019 IOM", "2019-05-28", None, False),
    # A deadline or the end of a period is not the event; the next date is.
    (
        "is planned by 1 September 2012. It met in Chisinau on 20 March 2012.",
        "2012-03-20",
        None,
        False,
    ),
    ("held in Crimea at the end of May 2012", "2012-05", None, False),
    (
        "29 ноября – 1 декабря 2016 г. в Москве состоялась конференция",
        "2016-11-29",
        "2016-12-01",
        False,
    ),
    ("В ноябре 2014 года МОМ провела серию круглых столов", "2014-11", None, False),
    ("5-го июня 2015 года в Москве прошёл семинар", "2015-06-05", None, False),
    # IOM press releases put the day and month in brackets after "today" or "yesterday".
    (
        "The International Organization for Migration (IOM) yesterday (14/05) launched an "
        "urgent appeal",
        "2016-05-14",
        None,
        True,
    ),
]


@pytest.mark.parametrize(("text", "start", "end", "inferred"), CASES)
def test_event_dates(text, start, end, inferred):
    found = event_date(text, REFERENCE)
    assert found is not None
    assert (found.start, found.end, found.year_inferred) == (start, end, inferred)
    assert found.span is not None and found.span.text in text


@pytest.mark.parametrize(
    "text",
    [
        "IOM supports the 2030 Agenda for Sustainable Development in 175 member states.",
        "The project runs in 2015-2017 with 8,400 staff.",
        "not later than 18:00, 05 July 2019",
        "call the hot-line 8-800-333-00-16",
        "a hotline open (24/7) to migrants",
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
