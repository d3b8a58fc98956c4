from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from natasha.doc import DocToken

from pipeline.fields.russian import (
    TaggedSpan,
    balance_marks,
    join_split_organizations,
    lemma,
    russian_mentions,
)

ROOT = Path(__file__).resolve().parents[2]


def found(text: str, kind: str) -> set[tuple[str, str]]:
    return {(m.span.text, m.normal) for m in russian_mentions(text) if m.kind == kind}


ORGS = [
    (
        "Соглашение было подписано Министерством труда в прошлую пятницу.",
        ("Министерством труда", "Министерство труда"),
    ),
    (
        "Сотрудники Бюро МОМ в Москве провели консультации для мигрантов.",
        ("Бюро МОМ", "Бюро МОМ"),
    ),
    (
        "Доклад подготовили эксперты Министерства внутренних дел.",
        ("Министерства внутренних дел", "Министерство внутренних дел"),
    ),
    (
        "Семинар прошёл при поддержке Международной организации по миграции.",
        ("Международной организации по миграции", "Международная организация по миграции"),
    ),
    (
        "На встрече выступили исследователи Высшей школы экономики.",
        ("Высшей школы экономики", "Высшая школа экономики"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORGS)
def test_organizations_in_any_case_come_back_in_the_nominative(
    text: str, expected: tuple[str, str]
) -> None:
    assert expected in found(text, "org")


LOCS = [
    ("Вчера в Казани открылся новый центр для мигрантов.", ("Казани", "Казань")),
    (
        "Конференция прошла в Санкт-Петербурге при участии экспертов.",
        ("Санкт-Петербурге", "Санкт-Петербург"),
    ),
    ("Тренинг для пограничников организовали в Душанбе.", ("Душанбе", "Душанбе")),
    (
        "Делегация прибыла из Республики Таджикистан.",
        ("Республики Таджикистан", "Республика Таджикистан"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LOCS)
def test_inflected_places_come_back_in_the_nominative(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text, "loc")


DATES = [
    (
        "Семинар состоялся 15 марта 2017 года в Москве.",
        ("15 марта 2017 года", "2017-03-15"),
        (2017, 3, 15),
    ),
    ("Встреча назначена на 3 апреля.", ("3 апреля", "XXXX-04-03"), (None, 4, 3)),
    ("Бюро работает в стране с 1992 года.", ("1992 года", "1992"), (1992, None, None)),
]


@pytest.mark.parametrize(("text", "expected", "fact"), DATES)
def test_dates_carry_the_facts_natasha_reads(
    text: str, expected: tuple[str, str], fact: tuple[int | None, ...]
) -> None:
    dates = [m for m in russian_mentions(text) if m.kind == "date"]
    assert [(m.span.text, m.normal, m.date) for m in dates] == [(*expected, fact)]


NO_NAMES = [
    "Вчера весь день шёл дождь, и все остались дома.",
    "Участники обсудили новые правила и договорились встретиться снова.",
]


@pytest.mark.parametrize("text", NO_NAMES)
def test_a_sentence_without_names_gives_no_organization_or_place(text: str) -> None:
    assert not [m for m in russian_mentions(text) if m.kind in ("org", "loc")]


NO_CYRILLIC = [
    "On 15 March 2017 IOM Moscow held a seminar with the Ministry of Labour in Kazan.",
    "",
    "12.03.2017",
]


@pytest.mark.parametrize("text", NO_CYRILLIC)
def test_text_without_cyrillic_gives_nothing(text: str) -> None:
    assert russian_mentions(text) == []


def test_no_date_in_a_sentence_without_digits() -> None:
    assert not [m for m in russian_mentions("Встреча прошла в марте в Москве.") if m.kind == "date"]


OFFSETS = [
    *(text for text, _ in ORGS),
    *(text for text, _ in LOCS),
    "Бюро МОМ в Москве\n\nМинистерство труда\u00a0и социальной защиты РФ, 31.10.2018 г.",
    "  Ёлки в Твери.  «Бюро ООН» (Женева) —  20 мая 2020 г.",
]


@pytest.mark.parametrize("text", OFFSETS)
def test_spans_always_match_the_text(text: str) -> None:
    mentions = russian_mentions(text)
    assert mentions
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.text
    assert [m.span.start for m in mentions] == sorted(m.span.start for m in mentions)


def test_organizations_are_not_joined_across_a_paragraph_break() -> None:
    text = "Бюро МОМ\n\nМинистерство труда провело встречу."
    assert all("\n" not in m.span.text for m in russian_mentions(text))


LEMMAS = [
    ("Москве", "москва"),
    ("министерством", "министерство"),
    ("мигрантов", "мигрант"),
    ("Kazan", "kazan"),
]


@pytest.mark.parametrize(("word", "expected"), LEMMAS)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_models_load_lazily_and_without_the_network() -> None:
    """Importing loads nothing; English text never loads natasha; Russian text works with
    every socket refused, so the models come from the wheel and not from a download."""
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse; socket.getaddrinfo = refuse\n"
        "from pipeline.fields.russian import russian_mentions\n"
        "assert 'natasha' not in sys.modules\n"
        "assert russian_mentions('IOM in Moscow') == []\n"
        "assert 'natasha' not in sys.modules\n"
        "assert any(m.normal == 'Москва' for m in russian_mentions('Встреча в Москве.'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


QUOTED = [
    ("Партнёром выступила АНО «Центр помощи мигрантам».", "АНО «Центр помощи мигрантам»"),
    ("Фонд «Наше будущее» и «Российский Красный Крест» провели акцию.", "Фонд «Наше будущее»"),
    ("В «Бюро ООН» (Женева) обсудили доклад.", "Бюро ООН"),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED)
def test_quotes_of_a_name_come_in_pairs(text: str, expected: str) -> None:
    assert expected in {m.span.text for m in russian_mentions(text) if m.kind == "org"}


def tagged(text: str, kind: str, *words: str) -> TaggedSpan:
    """A span over `words`, each found in `text` left to right, as razdel tokens."""
    tokens, at = [], 0
    for word in words:
        at = text.index(word, at)
        tokens.append(DocToken(at, at + len(word), word))
        at += len(word)
    return TaggedSpan(kind, tokens[0].start, tokens[-1].stop, tuple(tokens))


BALANCE = [
    # (text, span's words, the token after the span, expected span text)
    ("Фонд «Наше будущее» провёл", ("Фонд", "«", "Наше", "будущее"), "»", "Фонд «Наше будущее»"),
    ("«Бюро ООН» в Женеве", ("Бюро", "ООН", "»"), "в", "Бюро ООН"),
    ("«Бюро ООН в Женеве", ("«", "Бюро", "ООН"), "в", "Бюро ООН"),
    ("Бюро (МОМ) в Москве", ("Бюро", "(", "МОМ", ")"), "в", "Бюро (МОМ)"),
    ("Фонд «Наше» будущее.", ("Фонд", "«", "Наше", "»", "будущее"), ".", "Фонд «Наше» будущее"),
]


@pytest.mark.parametrize(("text", "words", "after", "expected"), BALANCE)
def test_balance_marks(text: str, words: tuple[str, ...], after: str, expected: str) -> None:
    span = tagged(text, "org", *words)
    start = text.index(after, span.end)
    balanced = balance_marks(span, DocToken(start, start + len(after), after))
    assert text[balanced.start : balanced.end] == expected


JOINS = [
    ("Бюро МОМ в Москве", [("org", "Бюро"), ("org", "МОМ")], ["Бюро МОМ"]),
    ("Исполкома\u00a0СНГ", [("org", "Исполкома"), ("org", "СНГ")], ["Исполкома\u00a0СНГ"]),
    # negatives: a paragraph break, a comma, or a place between them keeps them apart
    ("Бюро МОМ\n\nООН", [("org", "Бюро МОМ"), ("org", "ООН")], ["Бюро МОМ", "ООН"]),
    ("МОМ, ООН", [("org", "МОМ"), ("org", "ООН")], ["МОМ", "ООН"]),
    ("МОМ Москва", [("org", "МОМ"), ("loc", "Москва")], ["МОМ", "Москва"]),
]


@pytest.mark.parametrize(("text", "spans", "expected"), JOINS)
def test_join_split_organizations(
    text: str, spans: list[tuple[str, str]], expected: list[str]
) -> None:
    found = [tagged(text, kind, *name.split()) for kind, name in spans]
    joined = join_split_organizations(found, text)
    assert [text[j.start : j.end] for j in joined] == expected
