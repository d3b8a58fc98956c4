from __future__ import annotations

import pytest

from pipeline.fields.dates import event_date
from pipeline.fields.places import event_places


def places(title: str, body: str) -> set[tuple[str, str]]:
    when = event_date(body, None)
    return {(p.name, p.kind) for p in event_places(title, body, when.span if when else None)}


CASES = [
    ("", "On 31 October 2016 the VIII Conference was held in Moscow.", {("Moscow", "city")}),
    ("International conference in Kazan", "Over 300 people took part.", {("Kazan", "city")}),
    (
        "",
        "On 23 April 2015 Moscow hosted consultations of law enforcement agencies.",
        {("Moscow", "city")},
    ),
    (
        "",
        "The second Steering Committee met in Chisinau, Moldova, on 20 March 2012.",
        {("Chisinau", "city"), ("Moldova", "country")},
    ),
    (
        "",
        "13 – 15 June 2018\n\nVenue: Grand Tian Shan Hotel, Almaty, Kazakhstan\n\nOn 13-15 "
        "June 2018 a workshop was organized.",
        {("Grand Tian Shan Hotel", "venue"), ("Almaty", "city"), ("Kazakhstan", "country")},
    ),
    (
        "",
        "In November 2014 IOM conducted roundtables in Dushanbe, Tojikobod and Kulob.",
        {("Dushanbe", "city"), ("Tojikobod", "city"), ("Kulob", "city")},
    ),
    (
        "",
        "On 23 October 2013 a conference took place at the Moscow State Law University.",
        {("Moscow State Law University", "venue")},
    ),
    (
        "",
        "The final day took place at the Justice House in Tbilisi.",
        {("Justice House", "venue"), ("Tbilisi", "city")},
    ),
    (
        "",
        "On 17 November 2011 the winners were awarded. Young teams performed on the stage of "
        "the large hall of the Moscow Department of Education.",
        {("Moscow Department of Education", "venue")},
    ),
    ("", "In Kazan, on 5 April 2016, IOM held a training.", {("Kazan", "city")}),
    (
        "",
        "On 29 November 2016 the training was delivered at the Academy of the Ministry of "
        "Interior by in-house trainers.",
        {("Academy of the Ministry of Interior", "venue")},
    ),
    ("", "On 5 April 2016 in Kazan IOM conducted a training.", {("Kazan", "city")}),
    ("", "В Москве 5 апреля 2016 г. состоялся круглый стол.", {("Москве", "city")}),
    (
        "",
        "15-16 марта 2017 года в Казани Бюро МОМ провело семинар для сотрудников.",
        {("Казани", "city")},
    ),
    (
        "Семинар для сотрудников миграционных служб в Казани",
        "Семинар прошёл успешно.",
        {("Казани", "city")},
    ),
]
NO_PLACES = [
    ("", "Experts from more than 30 countries and from Kazakhstan took part on 5 May 2016."),
    ("", "On 27 March 2012 a round table discussed the situation of migrants in St. Petersburg."),
    ("", "On 26 September 2016 it was opened by the Ombudsman in the Republic of Tatarstan."),
    ("Webinar on migration in Kazakhstan", "Almaty - On 11 February 2022 a webinar was held."),
    ("Youth against human trafficking in Tajikistan", "Teams debated for two days."),
    ("“Migrants in St. Petersburg” Round Table", "Journalists met on 27 March 2012."),
    ("", "On 5 April 2016 IOM took part in the St. Petersburg International Labour Forum."),
]


@pytest.mark.parametrize(("title", "body", "expected"), CASES)
def test_event_places(title, body, expected):
    assert places(title, body) == expected


@pytest.mark.parametrize(("title", "body"), NO_PLACES)
def test_places_that_are_not_where_the_event_was(title, body):
    assert places(title, body) == set()


def test_cities_carry_gazetteer_coordinates():
    (moscow,) = event_places("", "On 1 May 2016 a seminar was held in Moscow.", None)
    assert (moscow.city, moscow.country) == ("Moscow", "Russia")
    assert moscow.lat == pytest.approx(55.75, abs=0.1)
    assert moscow.lon == pytest.approx(37.62, abs=0.1)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("26-27 сентября 2016 г. в Казани прошла конференция.", {("Казани", "Kazan")}),
        ("31 октября 2018 года в Москве состоялась встреча.", {("Москве", "Moscow")}),
        (
            "Семинар прошел в Санкт-Петербурге 5 мая 2017 года.",
            {("Санкт-Петербурге", "Saint Petersburg")},
        ),
        ("31 октября 2018 года состоялась встреча Директора Бюро МОМ в Москве с Послом.", set()),
    ],
)
def test_russian_places_are_found_in_their_inflected_forms(body, expected):
    when = event_date(body, None)
    found = event_places("", body, when.span if when else None)
    assert {(p.name, p.city) for p in found} == expected
