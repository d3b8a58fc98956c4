"""How plausible a piece of text is as natural language: the arbiter for charsets and repairs.

Mis-decoded text has shapes that real text in any of IOM's languages lacks: Latin words
made almost only of accented letters (`Èíòåãðàöèîííûé`), words mixing Latin and Cyrillic
(`cafй`), Cyrillic words with capitals inside (`пРЙЧЕР`, KOI8-R read as windows-1251),
control characters. Scores are per word, so one broken link in an English page counts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words with at least one non-ASCII letter: ASCII words are plausible in every reading.
NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Frequent Russian (and Ukrainian і) letters, about 60 % of running text: wrong code pages
# scatter rare ones.
COMMON_CYRILLIC = frozenset("оеаинтсрвлкмдпуяызьі")
CYRILLIC_VOWELS = frozenset("аеёиоуыэюяієї")


@dataclass(frozen=True)
class Score:
    words: int
    good: int
    bad: int


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of one character, by its Unicode name (cached: pages reuse few)."""
    if ch.isascii():
        return "latin-ascii"
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin-extended"
    if name.startswith("GREEK"):
        return "greek"
    return "other"


@lru_cache(maxsize=16384)
def word_is_plausible(word: str) -> bool:
    scripts = {script_of(ch) for ch in word}
    if "other" in scripts or ("greek" in scripts and len(scripts) > 1):
        return False
    if "cyrillic" in scripts:
        return scripts == {"cyrillic"} and _cyrillic_word_ok(word)
    if "latin-extended" in scripts:
        return _latin_word_ok(word)
    return True


def _case_ok(word: str) -> bool:
    rest = word[1:]
    return rest.islower() or word.isupper() or len(word) <= 1


def _cyrillic_word_ok(word: str) -> bool:
    if not _case_ok(word):
        return False
    lower = word.lower()
    if len(lower) >= 4 and not CYRILLIC_VOWELS & set(lower):
        return False
    if len(lower) >= 5:
        common = sum(ch in COMMON_CYRILLIC for ch in lower)
        if common / len(lower) < 0.45:
            return False
    return True


def _latin_word_ok(word: str) -> bool:
    """Accented Latin words carry mostly ASCII letters: `élève`, `Müller`, `São`, `Łódź`."""
    if not _case_ok(word):
        return False
    accented = sum(not ch.isascii() for ch in word)
    if len(word) <= 3:
        return accented <= 1 or word.isupper()
    return accented / len(word) <= 0.5


def score(text: str) -> Score:
    words = NON_ASCII_WORD.findall(text)
    good = sum(map(word_is_plausible, words))
    controls = len(CONTROL.findall(text))
    bad = len(words) - good + controls
    return Score(words=len(words) + controls, good=good, bad=bad)


def penalty(text: str) -> float:
    """Lower is better: implausible non-ASCII words, control and replacement characters."""
    result = score(text)
    return result.bad + 3 * text.count("\ufffd")


def cyrillic_letter_quality(text: str) -> float:
    """Share of common Russian letters among Cyrillic letters: separates KOI8-R from cp1251."""
    letters = [ch for ch in text.lower() if script_of(ch) == "cyrillic"]
    if not letters:
        return 0.0
    return sum(ch in COMMON_CYRILLIC for ch in letters) / len(letters)
