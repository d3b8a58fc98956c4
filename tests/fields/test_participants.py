from __future__ import annotations

import pytest

from pipeline.fields.counts import mentions, to_int
from pipeline.fields.participants import participant_counts

# Layer 1: every count with its qualifier and noun, whatever its role.
MENTIONS = [
    ("over 300 people", [(300, "more_than", "people", "over 300 people")]),
    ("12 driving instructors", [(12, "exact", "people", "12 driving instructors")]),
    ("five shift supervisors", [(5, "exact", "people", "five shift supervisors")]),
    ("some 1,200 visitors", [(1200, "about", "people", "some 1,200 visitors")]),
    ("nearly 2 500 students", [(2500, "about", "people", "nearly 2 500 students")]),
    (
        "about twenty five journalists",
        [(25, "about", "journalists", "about twenty five journalists")],
    ),
    (
        "twenty-five young Syrian refugees",
        [(25, "exact", "people", "twenty-five young Syrian refugees")],
    ),
    ("a dozen NGOs", [(12, "exact", "organizations", "a dozen NGOs")]),
    ("two dozen reporters", [(24, "exact", "journalists", "two dozen reporters")]),
    (
        "one hundred and twenty delegates",
        [(120, "exact", "delegates", "one hundred and twenty delegates")],
    ),
    ("Two hundred participants", [(200, "exact", "people", "Two hundred participants")]),
    ("up to 8 persons", [(8, "up_to", "people", "up to 8 persons")]),
    ("at least 15 ministries", [(15, "at_least", "institutions", "at least 15 ministries")]),
    ("an estimated 300 visitors", [(300, "about", "people", "an estimated 300 visitors")]),
    ("fewer than 20 journalists", [(20, "up_to", "journalists", "fewer than 20 journalists")]),
    ("as many as 70 officials", [(70, "exact", "people", "as many as 70 officials")]),
    ("the 80 or so guests", [(80, "about", "people", "80 or so guests")]),
    ("40+ attendees", [(40, "more_than", "people", "40+ attendees")]),
    ("twelve (12) border officers", [(12, "exact", "people", "twelve (12) border officers")]),
    (
        "more\u00a0than 45\u00a0experts",
        [(45, "more_than", "people", "more\u00a0than 45\u00a0experts")],
    ),
    ("3 days and 30 participants", [(30, "exact", "people", "30 participants")]),
    ("trained over\n120 officials", [(120, "more_than", "people", "over\n120 officials")]),
    ("from nine oblasts", [(9, "exact", "other", "nine oblasts")]),
    ("a group of 14 took", [(14, "exact", "people", "group of 14")]),
    (
        "for six Thai and nine Lao officers",
        [(6, "exact", "people", "six Thai"), (9, "exact", "people", "nine Lao officers")],
    ),
    ("около 200 человек", [(200, "about", "people", "около 200 человек")]),
    ("двадцать участников", [(20, "exact", "people", "двадцать участников")]),
    ("более двадцати стран", [(20, "more_than", "countries", "более двадцати стран")]),
    ("около ста человек", [(100, "about", "people", "около ста человек")]),
    ("from 12 hromadas", [(12, "exact", "other", "12 hromadas")]),
    # A Russian noun no list holds counts people when pymorphy reads it as animate.
    ("30 офицеров", [(30, "exact", "people", "30 офицеров")]),
    ("около 25 опытных инструкторов", [(25, "about", "people", "около 25 опытных инструкторов")]),
    ("3 водителя", [(3, "exact", "people", "3 водителя")]),
    ("более 120 ученых и практиков", [(120, "more_than", "people", "более 120 ученых")]),
    (
        "18 социальных работников из городов и районов",
        [(18, "exact", "people", "18 социальных работников")],
    ),
    ("из 45 субъектов Федерации", [(45, "exact", "other", "45 субъектов")]),
]
NO_MENTION = [
    "10 мест",
    "5 дней",
    "2015 года",
    "12 новых кабинетов",
    "5 million migrants",
    "10 per cent of the population",
    "children aged 5 to 12 years",
    "the 11th session",
    "call 8-800-333-00-16",
    "USD 40 participants",  # money, not a head count
    "within the festival “8 women”",
    "On 22 September 2016 IOM representatives",
    "one of the trainees",
    "In 2019 experts",
    "several hundred people",
    "a few dozen journalists",
    "a capacity of 50 beds and offers its services",
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions(text, expected):
    found = [(m.count, m.qualifier, m.unit, text[m.start : m.end]) for m in mentions(text)]
    assert found == expected


@pytest.mark.parametrize("text", NO_MENTION)
def test_no_mention(text):
    assert mentions(text) == []


@pytest.mark.parametrize(
    ("token", "value"),
    [("1,200", 1200), ("twenty-five", 25), ("two hundred", 200), ("a hundred", 100), ("ten", 10)],
)
def test_numbers(token, value):
    assert to_int(token) == value


# Layer 2: counts that describe attendance, with the rule that accepts each.
ATTENDANCE = [
    # a quoted title between the event's noun and its "для"; present-tense attendance
    (
        "Бюро МОМ провело в Твери тренинг «Миграция: права и обязанности» для 27 журналистов.",
        [(27, "exact", "journalists", "attendance_trigger_before")],
    ),
    (
        "В работе конференции участвуют более 100 человек.",
        [(100, "more_than", "people", "attendance_trigger_before")],
    ),
    (
        "The orientation gathered 31 jobseekers, among them 12 women.",
        [
            (31, "exact", "people", "attendance_trigger_before"),
            (12, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    # the event's noun far before its "for": "a training on ... in Dashoguz velayat for 30"
    (
        "UNHCR organized a workshop on the identification of asylum seekers at the border in "
        "Lebap velayat for 22 officers of the migration service.",
        [(22, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "The opening was attended by the First Deputy Minister of Labour, the Mayor of the "
        "city, the Ambassador of Switzerland to the Kyrgyz Republic, the Head of the UN Office "
        "and about 55 residents of the district.",
        [(55, "about", "people", "attendance_trigger_before")],
    ),
    # The count that ends the list of those who attended.
    (
        "The ceremony was attended by the Mayor, the Head of the EU Delegation and about "
        "40 students.",
        [(40, "about", "people", "attendance_trigger_before")],
    ),
    (
        "The round table brought together officials of the ministry, NGO activists and 25 lawyers.",
        [(25, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "МОМ провела воркшоп для 18 молодых журналистов.",
        [(18, "exact", "journalists", "attendance_trigger_before")],
    ),
    (
        "The forum was attended by over 300 people from 9 countries.",
        [
            (300, "more_than", "people", "attendance_trigger_before"),
            (9, "exact", "countries", "origin_of_attendees"),
        ],
    ),
    (
        "Specialists from more than 30 countries took part in the conference.",
        [(30, "more_than", "countries", "attendance_verb_after")],
    ),
    ("Some 45 participants received certificates.", [(45, "about", "people", "named_attendees")]),
    (
        "The 25 participants represented three different state bodies.",
        [
            (25, "exact", "people", "named_attendees"),
            (3, "exact", "institutions", "origin_of_attendees"),
        ],
    ),
    (
        "The dialogue brings together eleven governments of the region.",
        [(11, "exact", "countries", "attendance_trigger_before")],
    ),
    (
        "IOM organized a three-day course for 17 immigration officers.",
        [(17, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "IOM held a training on victim identification for 30 labour inspectors.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "The seminar gathered a diverse group of 22 social workers.",
        [(22, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "During the workshop 40 experts exchanged their views.",
        [(40, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "More than 60 officials from ministries, embassies and civil society organizations, "
        "including UNHCR and ICMPD, attended the ceremony.",
        [(60, "more_than", "people", "attendance_verb_after")],
    ),
    (
        "In total 48 police officers were trained by IOM this month.",
        [(48, "exact", "people", "attendance_verb_after")],
    ),
    (
        "The group of 16 benefited from practical training at the border.",
        [(16, "exact", "people", "attendance_verb_after")],
    ),
    (
        "Nine border guards of Country A and four officers of Country B attended the course.",
        [
            (9, "exact", "people", "breakdown_of_attendance"),
            (4, "exact", "people", "attendance_verb_after"),
        ],
    ),
    (
        "IOM delivered a five-day workshop for eight Tajik and twelve Afghan officers.",
        [
            (8, "exact", "people", "attendance_trigger_before"),
            (12, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "She talked with most of the other 50 or so visitors at the exhibition.",
        [(50, "about", "people", "present_at_event")],
    ),
    (
        "About 40 NGOs from all five Central Asian republics gathered in Almaty.",
        [
            (40, "about", "organizations", "attendance_verb_after"),
            (5, "exact", "countries", "attendance_verb_after"),
        ],
    ),
    (
        "Representatives from 10 countries of the region met in Vienna.",
        [(10, "exact", "countries", "attendance_verb_after")],
    ),
    (
        "The round table reunited as many as 20 representatives of public agencies.",
        [(20, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "The launch was held with the participation of more than 80 guests.",
        [(80, "more_than", "people", "attendance_trigger_before")],
    ),
    (
        "Last night, more than 150 friends and partners of IOM celebrated the Day.",
        [(150, "more_than", "people", "attendance_verb_after")],
    ),
    (
        "The workshop brought together 18 officials and 7 trainers.",
        [
            (18, "exact", "people", "attendance_trigger_before"),
            (7, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "Participants included 30 judges and 12 prosecutors.",
        [
            (30, "exact", "people", "attendance_trigger_before"),
            (12, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "Taking part were 25 journalists from regional media.",
        [(25, "exact", "journalists", "attendance_trigger_before")],
    ),
    (
        "The training was delivered to 35 social workers of the region.",
        [(35, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "IOM organized a workshop in Hat Yai to train 15 Thai and 11 Malaysian officers.",
        [
            (15, "exact", "people", "attendance_trigger_before"),
            (11, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "A total of 56 people joined the webinar.",
        [(56, "exact", "people", "attendance_verb_after")],
    ),
    ("The exhibition drew some 500 visitors.", [(500, "about", "people", "event_verb_before")]),
    (
        "The trainings held in three cities in May involved 120 police officers.",
        [(120, "exact", "people", "event_verb_before")],
    ),
    (
        "Over 500 people visited the exhibition.",
        [(500, "more_than", "people", "attendance_verb_after")],
    ),
    (
        "The event saw the participation of 40 experts.",
        [(40, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Участниками семинара стали 25 сотрудников полиции.",
        [(25, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "В работе круглого стола приняли участие представители 12 государств.",
        [(12, "exact", "countries", "attendance_trigger_before")],
    ),
    (
        "Семинар собрал более 50 специалистов.",
        [(50, "more_than", "people", "attendance_trigger_before")],
    ),
    (
        "Обучение прошли 25 сотрудников пограничной службы.",
        [(25, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "В тренинге участвовали 15 журналистов.",
        [(15, "exact", "journalists", "attendance_trigger_before")],
    ),
    (
        "В мероприятии приняли участие около 200 человек.",
        [(200, "about", "people", "attendance_trigger_before")],
    ),
    (
        "МОМ провела семинар для 40 сотрудников миграционных служб.",
        [(40, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "В тренинге приняли участие 22 участника из 3 стран.",
        [
            (22, "exact", "people", "named_attendees"),
            (3, "exact", "countries", "origin_of_attendees"),
        ],
    ),
    (
        "The training was attended by 25 participants, including 10 women.",
        [
            (25, "exact", "people", "named_attendees"),
            (10, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "The seminar was attended by representatives of 5 ministries and 3 NGOs.",
        [
            (5, "exact", "institutions", "attendance_trigger_before"),
            (3, "exact", "organizations", "breakdown_of_attendance"),
        ],
    ),
    (
        "IOM provided training to 30 doctors.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Some 50 people, including officials and students, attended the presentation.",
        [(50, "about", "people", "attendance_verb_after")],
    ),
    (
        "The ministry, assisted by IOM, brought together 30 officers from border posts.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Forty-two police officers completed the course.",
        [(42, "exact", "people", "attendance_verb_after")],
    ),
    (
        "The conference, which brought together 200 delegates from 40 countries, closed today.",
        [
            (200, "exact", "delegates", "named_attendees"),
            (40, "exact", "countries", "origin_of_attendees"),
        ],
    ),
    (
        "IOM trained 30 officers, 10 prosecutors and 5 judges.",
        [
            (30, "exact", "people", "attendance_trigger_before"),
            (10, "exact", "people", "breakdown_of_attendance"),
            (5, "exact", "people", "breakdown_of_attendance"),
        ],
    ),
    (
        "Thirty-five children and seven teachers took part in the camp.",
        [
            (35, "exact", "people", "breakdown_of_attendance"),
            (7, "exact", "people", "attendance_verb_after"),
        ],
    ),
    (
        "Experts from 10 Countries Meet in Astana",
        [(10, "exact", "countries", "attendance_verb_after")],
    ),
    (
        "40 Journalists Trained on Ethical Reporting",
        [(40, "exact", "journalists", "attendance_verb_after")],
    ),
    (
        "The screening drew an audience of 300 in the city centre.",
        [(300, "exact", "people", "event_verb_before")],
    ),
    (
        "The workshop brought together 20 (twenty) participants.",
        [(20, "exact", "people", "named_attendees")],
    ),
    (
        "The training brought together 25 senior and mid-level border and customs officers.",
        [(25, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Under the programme, 21 officials spent ten days in an intensive training of trainers.",
        [(21, "exact", "people", "present_at_event")],
    ),
    (
        "From 3 to 5 May 2016 the course brought together 30 officers.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "This week IOM has trained 25 officers during a two-day workshop in Osh.",
        [(25, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "The study visit brought together 12 officials of the ministry.",
        [(12, "exact", "people", "attendance_trigger_before")],
    ),
    # a breakdown after a colon or "of them", journalists beside people
    (
        "The seminar was attended by 45 people: officials of three ministries, NGO staff and "
        "8 journalists.",
        [
            (45, "exact", "people", "attendance_trigger_before"),
            (3, "exact", "institutions", "origin_of_attendees"),
            (8, "exact", "journalists", "breakdown_of_attendance"),
        ],
    ),
    (
        "В конференции приняли участие делегации 12 стран, а также представители ЕС.",
        [(12, "exact", "countries", "attendance_trigger_before")],
    ),
    (
        "Фильм посмотрели более 300 школьников.",
        [(300, "more_than", "people", "attendance_trigger_before")],
    ),
    (
        "Показ посетили более 200 зрителей.",
        [(200, "more_than", "people", "attendance_trigger_before")],
    ),
    (
        "На презентацию пришли около 120 студентов и дипломатов.",
        [(120, "about", "people", "attendance_trigger_before")],
    ),
    (
        "МОМ провела 5 мая 2015 года информационную сессию для 45 потенциальных мигрантов.",
        [(45, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Тренинг прошел 12 марта 2018 года. Участие приняли 30 офицеров пограничной службы.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "В форуме приняли участие более 200 человек, из них 30 журналистов.",
        [
            (200, "more_than", "people", "attendance_trigger_before"),
            (30, "exact", "journalists", "breakdown_of_attendance"),
        ],
    ),
    # an inversion after the attendance verb
    (
        "The ministry took part, as did 12 representatives of local councils.",
        [(12, "exact", "people", "attendance_trigger_before")],
    ),
    # a colon that opens a clause, not a list, opens no breakdown
    (
        "The training was attended by 30 officers: the region has 12 border posts and 400 guards.",
        [(30, "exact", "people", "attendance_trigger_before")],
    ),
    (
        "Более сорока специалистов обсудили вопросы социальной адаптации мигрантов.",
        [(40, "more_than", "people", "attendance_verb_after")],
    ),
]
# Counts that are there but describe no attendance (LABELING.md "Participants": "Not: ...").
NOT_ATTENDANCE = [
    "The training focused on the rights of migrants, who sent home 1,200 million dollars.",
    "The forum was attended by the Minister, who said that 40,000 migrants left in 2017.",
    "The seminar was attended by experts; 300 migrants return each month.",
    "Делегация посетили 3 учреждения и 2 приюта.",
    "IOM, with 175 member states and a presence in over 100 countries, works for migrants.",
    "At least 600,000 Moldovans – more than 10 per cent of the population – live abroad.",
    "The centre can accommodate up to 15 live-in students.",
    "To date, the centre has trained over 120 border officials.",
    "In total trainings will be delivered to 120 border police officers.",
    "The workshop will be attended by 70 officials from the ministry.",
    "Twelve immigration officers from Liberia will take part.",
    "Some 385 people became indirect beneficiaries and 83 workplaces were created.",
    "The lawyers provided free legal counselling to 4831 migrants.",
    "Russia ranks 11th in a list of 22 countries with a high incidence of tuberculosis.",
    "She and her three minor children arrived in Belgium in 2014.",
    "The head of mission reviewed the partnership between the two institutions.",
    "In 2024 IOM welcomed three new NGOs into its network.",
    "Households with three or more children were selected.",
    "The project works in 6 countries of Central Asia.",
    "5 million migrants work in Russia.",
    "consular officials based in the 10 main destination countries",
    "The delegation visited three institutions in Warsaw.",
    "IOM has assisted 500 migrants since 2015, and 30 of them attended the fair.",
    "МОМ работает в 6 странах Центральной Азии.",
    "В 2019 году в Россию въехали 5 млн мигрантов.",
    "Проект охватывает 5 регионов страны.",
    "The project aims to train 200 teachers in the region.",
    "A project involving 300 migrants and 12 municipalities was launched.",
    "The programme covers 5 regions and 40 communities.",
    "IOM welcomed the decision of 5 countries to join.",
    "With active participation of IOM and three other UN agencies the plan was adopted.",
    "IOM gathered data from 500 migrants in 2019.",
    "The campaign reached over 10,000 people in five regions.",
    "The workshop discussed the needs of 500 returnees.",
    "Since the opening, the centre has assisted 500 migrants who attended its courses.",
    "Of the 2,000 participants of the programme since 2015, most found jobs.",
    "The training aims to strengthen the skills of 40 officers.",
    "Since the opening, the centre has assisted 500 migrants who attended its courses.",
    "IOM, with 165 member states and 8 observer states, has more than 9,000 staff.",
    "The conference discussed the situation of 3 million migrants.",
    "The project works in 5 regions. Experts attended the training.",
    "The project covers 12 municipalities.",
    "IOM supports 30 trained mediators in 5 cities.",
    "Some 2,000 refugees live in the camp near the border.",
    "IOM registered 300 returnees in the framework of the project.",
    "A group of 40 guards and officers were trained between March and November 2014.",
    "From 2016 to 2023 more than 500 experts took part in its courses.",
    "Since the inception of the initiative IOM has trained 700 community leaders.",
    "Twenty sessions were held, reaching 1,200 persons in three provinces.",
    "The participants discussed labour migration from five Central Asian countries.",
    "The course can take a maximum of 20 participants.",
    "Over the past five years more than 900 participants completed the course.",
    "IOM has trained over 3,000 border officials in the region.",
    "The survey had 1,500 participants in four regions.",
    "The minister's visit to three countries of the region ended today.",
    "Эксперты обсудили положение 3 млн мигрантов в регионе.",
]


@pytest.mark.parametrize(("text", "expected"), ATTENDANCE)
def test_attendance_counts(text, expected):
    found = [(p.count, p.qualifier, p.unit, p.rule) for p in participant_counts(text)]
    assert found == expected


@pytest.mark.parametrize("text", NOT_ATTENDANCE)
def test_numbers_that_are_not_attendance(text):
    assert participant_counts(text) == []


def test_span_points_into_the_text():
    text = "The seminar gathered more than 40 experts."
    (count,) = participant_counts(text)
    assert text[count.span.start : count.span.end] == count.span.text == "more than 40 experts"


@pytest.mark.parametrize(("text", "expected"), ATTENDANCE)
def test_every_span_is_the_text_it_points_to(text, expected):
    for count in participant_counts(text):
        assert text[count.span.start : count.span.end] == count.span.text


# Another event's attendance, told by a marker or by a year of its own: (text, event year).
OTHER_EVENTS = [
    ("Similar trainings were held in Mary in 2015 for 40 officers.", None),
    ("В 2013 году аналогичное обучение прошли 40 сотрудников.", "2014"),
    ("In 2017, IOM trained 85 employment counsellors in Gyumri.", "2018"),
    ("Ранее семинар посетили 25 специалистов.", None),
    ("The first seminar of the series, in September 2012, gathered 40 mayors.", "2012-10-18"),
]


@pytest.mark.parametrize(("text", "year"), OTHER_EVENTS)
def test_another_events_attendance_is_not_the_events(text, year):
    assert participant_counts(text, year) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 2018, IOM trained 85 employment counsellors in Gyumri.", "2018"),
        ("Bishkek, 10 January 2019 – Thirty officers completed the training.", "2018"),
        ("The workshop, held in October 2012, gathered 40 mayors.", "2012-10-18"),
    ],
)
def test_the_events_own_year_or_a_datelines_keeps_the_count(text, year):
    assert len(participant_counts(text, year)) == 1
