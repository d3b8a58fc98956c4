from __future__ import annotations

import pytest

from pipeline.fields.organizers import normalize, organizers

CASES = [
    (
        "The event was organized by the Institute of Socio- Political Research of the Russian "
        "Academy of Sciences in cooperation with the Institute of European Studies and "
        "Vietnamese Academy Science in the framework of the project.",
        {
            "Institute of Socio- Political Research of the Russian Academy of Sciences",
            "Institute of European Studies",
            "Vietnamese Academy Science",
        },
    ),
    (
        "It was held on the initiative of the Government of the Republic of Tatarstan, the "
        "Federal Service for Supervision of Consumer Rights Protection and Human Welfare and "
        '"AIDS Infoshare" Foundation.',
        {
            "Government of the Republic of Tatarstan",
            "Federal Service for Supervision of Consumer Rights Protection and Human Welfare",
            '"AIDS Infoshare" Foundation',
        },
    ),
    (
        "the conference, organized by the Russian International Affairs Council (RIAC) and the "
        "Russian Federation Presidential Academy of National Economy and Public Administration "
        "(RANEPA).",
        {
            "Russian International Affairs Council (RIAC)",
            "Russian Federation Presidential Academy of National Economy and Public Administration "
            "(RANEPA)",
        },
    ),
    (
        "On 20 July 2016 IOM Moscow conducted a counter-trafficking training for medical staff.",
        {"IOM Moscow"},
    ),
    (
        "From 6 to 8 December, IOM in close coordination with the Ministry of Justice and "
        "supported by a Greek subject-matter expert, conducted training for border officials.",
        {"IOM", "Ministry of Justice"},
    ),
    (
        "The conference is organized and financed by the Government of Kazakhstan, with the "
        "support of the International Organization for Migration (IOM).",
        {"Government of Kazakhstan"},
    ),
    (
        "Moldovan consular officials have received training from IOM on identifying victims.",
        {"IOM"},
    ),
    # Russian: lower-case words inside names, verbs in every gender, the participle with
    # the instrumental case, "Организатором выступила".
    (
        "15-16 марта 2017 года в Казани Бюро МОМ в Москве совместно с Министерством "
        "внутренних дел Республики Татарстан провело семинар для 40 сотрудников.",
        {"Бюро МОМ в Москве", "Министерством внутренних дел Республики Татарстан"},
    ),
    ("5 апреля 2016 г. МОМ организовала круглый стол для журналистов.", {"МОМ"}),
    ("В рамках проекта МОМ провела серию семинаров для работодателей.", {"МОМ"}),
    (
        "В Москве состоялся круглый стол, организованный МОМ и Федеральной миграционной службой.",
        {"МОМ", "Федеральной миграционной службой"},
    ),
    (
        "Организатором конференции выступила Международная организация по миграции (МОМ).",
        {"Международная организация по миграции (МОМ)"},
    ),
    (
        "Семинар прошёл по инициативе Уполномоченного по правам человека в Республике Татарстан.",
        {"Уполномоченного по правам человека в Республике Татарстан"},
    ),
]
NOT_ORGANIZERS = [
    "IOM Moscow took part in the conference and delivered a presentation.",
    "The project is implemented together with UN Women and Save the Children International.",
    "Representatives of the Ministry of Labour attended the seminar.",
    "The training was funded by the Norwegian Foreign Ministry.",
    "IOM supported a forum on diaspora issues.",
    "В конференции приняли участие представители Министерства иностранных дел.",
    "Проект реализуется при поддержке Правительства Российской Федерации.",
    "Мигранты в Москве провели акцию.",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_organizers(text, expected):
    assert {o.name for o in organizers(text)} == expected


@pytest.mark.parametrize("text", NOT_ORGANIZERS)
def test_not_organizers(text):
    assert organizers(text) == []


@pytest.mark.parametrize(
    "name",
    [
        "IOM",
        "IOM Moscow",
        "International Organization for Migration (IOM)",
        "the International Organization for Migration",
        "IOM Georgia",
        "МОМ",
        "Бюро МОМ в Москве",
        "Международная организация по миграции (МОМ)",
        "Бюро Международной организации по миграции",
    ],
)
def test_iom_under_any_name_groups_together(name):
    assert normalize(name) == "IOM"


def test_roles_follow_the_verb():
    roles = {
        o.name: o.role
        for o in organizers(
            "The round table was hosted by the Embassy of Finland jointly with the Moscow "
            "Department of Education."
        )
    }
    assert roles == {"Embassy of Finland": "host", "Moscow Department of Education": "co-organizer"}
