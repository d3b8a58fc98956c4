from __future__ import annotations

import pytest

from pipeline.fields.participants import participant_counts

CASES = [
    (
        "In total, the conference was attended by over 300 people from 9 countries.",
        [(300, "more_than", "people", "over 300 people"), (9, "exact", "countries", "9 countries")],
    ),
    (
        "Russian and foreign experts from more than 30 countries took part in the event",
        [(30, "more_than", "countries", "more than 30 countries")],
    ),
    (
        "The conference was attended by more than 100 leading Russian and foreign experts",
        [(100, "more_than", "people", "more than 100 leading Russian and foreign experts")],
    ),
    (
        "34 participants received state-recognized certificates",
        [(34, "exact", "people", "34 participants")],
    ),
    (
        "for 25 participants from three different state bodies",
        [
            (25, "exact", "people", "25 participants"),
            (3, "exact", "institutions", "three different state bodies"),
        ],
    ),
    (
        "The conference brings together nine governments from Central Asia",
        [(9, "exact", "countries", "nine governments")],
    ),
    (
        "about twenty five journalists",
        [(25, "about", "journalists", "about twenty five journalists")],
    ),
    (
        "В мероприятии приняли участие около 200 человек",
        [(200, "about", "people", "около 200 человек")],
    ),
    (
        "МОМ провела семинар для 40 сотрудников миграционных служб",
        [(40, "exact", "people", "40 сотрудников")],
    ),
    (
        "В тренинге приняли участие 22 участника из 3 стран",
        [(22, "exact", "people", "22 участника"), (3, "exact", "countries", "3 стран")],
    ),
]
NOT_ATTENDANCE = [
    "IOM, with 175 member states and a presence in over 100 countries",
    "At least 600,000 Moldovans – more than 10 per cent of the population",
    "On 22 September 2016 IOM Moscow representatives delivered a presentation",
    "delivered two training sessions for the participants of the course",
    "within the International film festival “8 women”",
    "consular officials based in the 10 main destination countries",
    "5 million migrants work in Russia",
    "one of the trainees said",
    "call 8-800-333-00-16",
    "МОМ работает в 6 странах Центральной Азии",
    "проект работает в 5 странах",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_attendance_counts(text, expected):
    found = [(p.count, p.qualifier, p.unit, p.span.text) for p in participant_counts(text)]
    assert found == expected


@pytest.mark.parametrize("text", NOT_ATTENDANCE)
def test_numbers_that_are_not_attendance(text):
    assert participant_counts(text) == []


def test_span_points_into_the_text():
    text = "The seminar gathered more than 40 experts."
    (count,) = participant_counts(text)
    assert text[count.span.start : count.span.end] == "more than 40 experts"
