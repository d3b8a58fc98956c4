from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - sloppy-windows-1252, as browsers read windows-1252
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.repair import repair

CASES = Path(__file__).parent / "cases" / "repair.tsv"
SEED = Path(__file__).parent / "cases" / "seed-000-moscow-old-index-2016.txt"


def _cases() -> list[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        original, expected, kinds = ([*line.split("\t"), ""])[:3]
        rows.append((original, expected, tuple(k for k in kinds.split(",") if k)))
    return rows


@pytest.mark.parametrize(("original", "expected", "kinds"), _cases())
def test_repair_cases(original, expected, kinds):
    assert repair(original) == (expected, kinds)


def test_seed_page_link_is_repaired():
    seed = (Path(__file__).parent / "cases" / "seed-000-moscow-old-index-2016.txt").read_text(
        encoding="utf-8"
    )
    fixed, kinds = repair(seed)
    assert "Интеграционный тест для мигрантов" in fixed
    assert "Èíòåãðàöèîííûé" not in fixed
    assert kinds == ("cp1251-as-latin1",)
    # The English around it is untouched.
    assert (
        fixed.replace("Интеграционный тест для мигрантов", "Èíòåãðàöèîííûé òåñò äëÿ ìèãðàíòîâ")
        == seed
    )


RUSSIAN_WORDS = [
    "миграция",
    "организация",
    "конференция",
    "участники",
    "Москва",
    "Международная",
    "семинар",
    "трудовых",
    "мигрантов",
    "встреча",
    "Россия",
    "сотрудничество",
    "представители",
    "государств",
    "обсуждение",
    "проекта",
]
# One-letter words sit between the longer ones in any Russian sentence.
ONE_LETTER_WORDS = ["в", "и", "с", "к", "о", "у", "а", "я", "В", "С", "12"]
UKRAINIAN_WORDS = ["міграція", "Україна", "співпраця", "їхні", "європейський"]
WESTERN_WORDS = [
    "élève",
    "garçon",
    "Müller",
    "São",
    "Zürich",
    "Ştefan",
    "ţară",
    "Łódź",
    "İstanbul",
    "Kraków",
    "niño",
    "acción",
    "où",
    "déjà",
    "Größe",
    "Übung",
    "Genève",
    "coração",
    "İzmir",
    "Brașov",
    "€",
    "“quoted”",
    "–",
    "—",
    "…",
    "migration",
    "IOM",
    "Moscow",
    "2016",
    "training",
]

russian_text = st.lists(st.sampled_from(RUSSIAN_WORDS), min_size=2, max_size=12).map(" ".join)
# Sentences: at least one longer word, since one-letter words alone are too little
# evidence to repair, by design.
russian_sentences = (
    st.lists(st.sampled_from(RUSSIAN_WORDS + ONE_LETTER_WORDS), min_size=2, max_size=14)
    .filter(lambda words: any(len(word) > 2 for word in words))
    .map(" ".join)
)
western_text = st.lists(st.sampled_from(WESTERN_WORDS), min_size=1, max_size=15).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    text=russian_text,
    codec=st.sampled_from(["cp1251", "koi8_r", "cp866"]),
    read_as=st.sampled_from(["latin-1", "sloppy-windows-1252"]),
)
def test_russian_read_in_a_wrong_code_page_repairs_to_the_original(text, codec, read_as):
    garbled = text.encode(codec).decode(read_as)
    assert repair(garbled)[0] == text


@settings(max_examples=150, deadline=None)
@given(
    text=russian_sentences,
    codec=st.sampled_from(["cp1251", "koi8_r"]),
    read_as=st.sampled_from(["latin-1", "sloppy-windows-1252"]),
)
def test_one_letter_words_in_a_sentence_are_repaired_too(text, codec, read_as):
    # cp866 is left out: its one-letter words read as lone symbols (`€` for А), which
    # cannot be told from real ones and so end a run.
    assert repair(text.encode(codec).decode(read_as))[0] == text


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(UKRAINIAN_WORDS), min_size=2, max_size=6).map(" ".join))
def test_ukrainian_in_cp1251_read_as_latin1_repairs(words):
    assert repair(words.encode("cp1251").decode("latin-1"))[0] == words


@settings(max_examples=300, deadline=None)
@given(text=western_text)
def test_western_european_text_is_never_changed(text):
    assert repair(text) == (text, ())


@settings(max_examples=150, deadline=None)
@given(western=western_text, russian=russian_text)
def test_western_text_beside_real_cyrillic_is_unchanged(western, russian):
    text = f"{western} {russian} {western}"
    assert repair(text) == (text, ())


@settings(max_examples=150, deadline=None)
@given(western=western_text, russian=russian_text)
def test_repair_is_idempotent(western, russian):
    once = repair(f"{western} {russian.encode('cp1251').decode('latin-1')}")[0]
    assert repair(once) == (once, ())
