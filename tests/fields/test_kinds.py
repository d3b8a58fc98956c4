from __future__ import annotations

import pytest

from pipeline.fields.kinds import event_sentence, event_type, names_event
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
        # an event of no kind named, organized; a committee "of" a domain is a body
        ("Youth against trafficking", "IOM organized a summer camp for 60 pupils", "other"),
        (
            "Committee of Youth Affairs and IOM support young people",
            "The Committee of Youth Affairs and IOM held a sports camp in Khujand",
            "other",
        ),
        ("Experts meet in Osh", "The committee of experts convened in Osh", "meeting"),
        ("Camps in the region", "Some 20,000 refugees live in camps near the border", "not_event"),
        ("VII Grushin Sociology Conference", "", "conference"),
        ("Presentation of IOM Moscow human trafficking movie", "", "screening"),
        ("Opening Statement, 44th Plenary Session", "", "meeting"),
        ("Встреча Директора Бюро МОМ в Москве с Послом", "", "meeting"),
        # Russian kinds in any case: a session meets, exercises train.
        ("", "МОМ провела информационную сессию для мигрантов.", "meeting"),
        ("", "МОМ провела воркшоп для журналистов.", "workshop"),
        ("", "Сегодня МОМ и Миграционная служба подписали меморандум.", "other"),
        # a job fair offers vacancies: an event, not a vacancy notice
        ("Ярмарка вакансий в Бельцах", "21 сентября в Бельцах прошла ярмарка.", "other"),
        ("Job Fair for Returnees", "IOM held a job fair with 40 vacancies.", "other"),
        ("Vacancy: Project Assistant", "IOM is seeking a qualified assistant.", "not_event"),
        ("", "Сегодня МОМ дала старт информационной кампании.", "other"),
        ("", "МОМ и Правительство Москвы запустили кампанию «Работай легально».", "other"),
        ("", "An anti-trafficking caravan travelled through Naryn and Kochkor.", "other"),
        ("", "На границе прошли совместные учения пограничников.", "training"),
        ("", "Учение о миграции изложено в новой книге.", "not_event"),
        (
            "",
            "A Memorandum of Understanding was signed; the signing ceremony took place at a forum",
            "other",
        ),
        # a committee that organizes is no meeting; a steering committee that meets is
        (
            "",
            "On 4 May the State Committee on Migration, jointly with IOM, conducted a training.",
            "training",
        ),
        ("", "The Committee for Youth Affairs held a seminar for teachers.", "seminar"),
        ("", "The project's Steering Committee convened in Minsk on 4 May.", "meeting"),
        ("", "The project Steering Committee on 4 May reviewed the work plan.", "meeting"),
        ("", "The Steering Committee on Migration Statistics met in Kyiv.", "meeting"),
        (
            "New Report - The Role of Remittances",
            "The following is a summary of a new report",
            "not_event",
        ),
    ],
)
def test_event_types(title, lead, expected):
    assert event_type(title, lead) == expected


# Rules added for unseen phrasings: (title, text, expected), variants and look-alikes.
@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # LABELING.md precedent: a press conference is "other"
        ("", "On 4 May the news agency hosted a press conference on TB", "other"),
        ("Press-briefing on labour migration", "", "other"),
        ("", "The conference gathered 200 experts", "conference"),
        # an invitation to a future event, a vacancy, a call: no event
        (
            "",
            "IOM invites NGOs to participate in a seminar which will be held on 5 May",
            "not_event",
        ),
        ("", "The round table will take place in Osh on 3 June.", "not_event"),
        (
            "Vacancy: Project Assistant",
            "IOM is seeking a project assistant to organize trainings",
            "not_event",
        ),
        ("", "Call for applications: a summer school on migration law", "not_event"),
        ("", "IOM invited journalists to a seminar held on 5 May", "seminar"),
        ("", "IOM is seeking qualified trainers for its courses", "not_event"),
        ("", "Ukraine is seeking closer ties, officials said at a round table", "round_table"),
        # a kind's word naming a thing does not make the event that kind
        ("Border Guard Training Centre Opens", "", "other"),
        ("", "The awards ceremony took place in the conference hall of the Ministry", "other"),
        ("", "IOM launched an online course for social workers", "other"),
        ("", "IOM ran a two-day training course for inspectors", "training"),
        # words for kinds the first rules missed
        ("", "IOM and the Ministry organized a simulation exercise at the airport", "training"),
        ("", "The documentary premiered to journalists in Kyiv", "screening"),
        ("", "A delegation undertook a study trip to Brussels", "other"),
        ("", "Officials visited the shelter for victims of trafficking", "other"),
        ("", "IOM specialists took part in a book fair in Lviv", "other"),
        ("", "Visit our website for the full report", "not_event"),
        # an event of no named kind that a verb says happened
        ("", "A follow-up event for young people was held in Minsk", "other"),
        ("", "IOM organized an event to honour volunteers", "other"),
        ("", "A follow-up event for young people is planned", "not_event"),
        ("", "Information events were conducted in five districts", "other"),
        ("", "Officials and NGO leaders gathered in Osh to discuss referral", "meeting"),
        ("", "The ministers met in Baku to discuss labour migration", "meeting"),
        ("", "The report is a basis to discuss policy", "not_event"),
        ("", "The Ambassador met with the Minister of Labour in Bishkek", "meeting"),
        ("", "Targets were met in most regions", "not_event"),
    ],
)
def test_event_type_rules(title, text, expected):
    assert event_type(title, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Migration into the country is rising. IOM organized a workshop on rights this week.",
            "IOM organized a workshop on rights this week.",
        ),
        ("Migration into the country is rising. IOM launched a report.", ""),
        ("The workshop handbook is available online.", ""),
    ],
)
def test_event_sentence(text, expected):
    assert event_sentence(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On 5 May IOM held a round table", True),
        ("5 мая состоялась встреча", True),
        ("On 3 June representatives of five ministries discussed the plan", True),
        ("In February 2019 she decided to return home", False),
        ("The Decree of 12 May 2015 regulates migration", False),
    ],
)
def test_names_event(sentence, expected):
    assert names_event(sentence) is expected


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
