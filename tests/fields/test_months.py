import re

import pytest

from pipeline.fields.months import EN_MONTHS, RU_MONTH, RU_MONTH_FORMS, RU_MONTHS

# Each month in the nominative, genitive and prepositional ("май", "мая", "в мае").
RU_CASES = [
    ("январь января январе", 1),
    ("февраль февраля феврале", 2),
    ("март марта марте", 3),
    ("апрель апреля апреле", 4),
    ("май мая мае", 5),
    ("июнь июня июне", 6),
    ("июль июля июле", 7),
    ("август августа августе", 8),
    ("сентябрь сентября сентябре", 9),
    ("октябрь октября октябре", 10),
    ("ноябрь ноября ноябре", 11),
    ("декабрь декабря декабре", 12),
]


@pytest.mark.parametrize(("forms", "number"), RU_CASES)
def test_every_case_of_a_russian_month_is_read_as_that_month(forms, number):
    for word in forms.split():
        exact = [i for i, form in enumerate(RU_MONTH_FORMS, 1) if re.fullmatch(form, word)]
        assert exact == [number], word
        assert re.fullmatch(RU_MONTH, word), word
        assert next(n for stem, n in RU_MONTHS.items() if word.startswith(stem)) == number


@pytest.mark.parametrize("word", ["матч", "мастер", "марка", "маи", "июнька"])
def test_words_that_begin_like_a_month_are_no_month_form(word):
    assert not any(re.fullmatch(form, word) for form in RU_MONTH_FORMS)


@pytest.mark.parametrize(("word", "number"), [("sept", 9), ("sep", 9), ("oct", 10), ("may", 5)])
def test_english_abbreviations_name_their_month(word, number):
    assert EN_MONTHS[word] == number
