from __future__ import annotations

import pytest

from pipeline.fields.kinds import event_type
from pipeline.fields.lang import detect_lang


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        (
            "“Raising Awareness” Round Table for Journalists",
            "organized a meeting at a round table",
            "round_table",
        ),
        ("Counter-Trafficking Training", "IOM conducted a training seminar", "training"),
        ("VII Grushin Sociology Conference", "", "conference"),
        ("Presentation of IOM Moscow human trafficking movie", "", "screening"),
        ("Opening Statement, 44th Plenary Session", "", "meeting"),
        ("Встреча Директора Бюро МОМ в Москве с Послом", "", "meeting"),
        (
            "",
            "A Memorandum of Understanding was signed; the signing ceremony took place at a forum",
            "other",
        ),
        (
            "New Report - The Role of Remittances",
            "The following is a summary of a new report",
            "not_event",
        ),
    ],
)
def test_event_types(title, lead, expected):
    assert event_type(title, lead) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("On 23 October 2013 representatives of IOM Moscow took part", "en"),
        ("31 октября 2018 года состоялась встреча Директора Бюро", "ru"),
        ("2016", None),
    ],
)
def test_language(text, lang):
    assert detect_lang(text) == lang
