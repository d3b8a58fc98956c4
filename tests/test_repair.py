from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - sloppy-windows-1252, as browsers read windows-1252
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.repair import repair

CASES = Path(__file__).parent / "cases" / "repair-cases.json"
SEED = Path(__file__).parent / "cases" / "seed-000-moscow-old-index-2016.txt"
# Each row: original, expected, kind (the kinds repair() reports, comma-separated, empty for
# a negative that must not change) and note (where the case comes from: ftfy's own test
# cases, under Apache-2.0, are named by their file and label).
ROWS = json.loads(CASES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['note'][:40]}" for i, r in enumerate(ROWS)])
def test_repair_cases(row):
    kinds = tuple(k for k in row["kind"].split(",") if k)
    assert repair(row["original"]) == (row["expected"], kinds)


def test_the_cases_cover_every_kind_with_negatives():
    kinds = Counter(k for row in ROWS for k in row["kind"].split(",") if k)
    negatives = [row for row in ROWS if not row["kind"]]
    assert len(ROWS) >= 150 and len(negatives) >= 40
    assert all(row["original"] == row["expected"] for row in negatives)
    for kind in (
        "utf8-as-cp1252",
        "utf8-as-latin1",
        "utf8-as-cp1251",
        "utf8-as-cp1251-x2",
        "utf8-as-koi8r",
        "utf8-as-koi8r-x2",
        "utf8-as-cp866",
        "utf8-as-maccyrillic",
        "utf8-as-iso8859-5",
        "utf8-as-cp437",
        "utf8-as-macroman",
        "utf8-as-cp1250",
        "cp1251-as-latin1",
        "koi8r-as-latin1",
        "cp866-as-latin1",
    ):
        assert kinds[kind] >= 1, kind


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


@settings(max_examples=150, deadline=None)
@given(
    text=russian_sentences,
    layers=st.lists(st.sampled_from(["sloppy-windows-1251", "koi8_r"]), min_size=1, max_size=2),
)
def test_utf8_russian_read_as_windows_1251_or_koi8_r_once_or_twice_repairs(text, layers):
    garbled = text
    for codec in layers:
        garbled = garbled.encode("utf-8").decode(codec)
    assert repair(garbled)[0] == text


@settings(max_examples=150, deadline=None)
@given(
    letter=st.sampled_from("áéíóúàèìòùâêîôûãõñçäëïöüÁÉÍÓÚÀÈÒÑÇÄÖÜ"),
    times=st.integers(3, 12),
    before=st.sampled_from(["", "Wow ", "¡", "Goal "]),
    after=st.sampled_from(["", "!", "!!", " lol", "..."]),
)
def test_a_repeated_accented_letter_is_never_cyrillic(letter, times, before, after):
    text = f"{before}{letter * times}{after}"
    assert repair(text) == (text, ())


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["€", "£", "×", "…", "€ 2 million", "5×10", "£5", "the", "IOM", "2016"]),
        min_size=1,
        max_size=8,
    ).map(" ".join)
)
def test_lone_symbols_in_english_are_never_cyrillic(words):
    assert repair(words) == (words, ())
