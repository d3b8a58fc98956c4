"""How plausible a piece of text is as natural language: the arbiter for charsets and repairs.

Mis-decoded text has shapes that real text in any of IOM's languages lacks: Latin words
made almost only of accented letters (`Èíòåãðàöèîííûé`), words mixing Latin and Cyrillic
(`cafй`), Cyrillic words with capitals inside (`пРЙЧЕР`, KOI8-R read as windows-1251),
control characters, and symbols where words should be: box-drawing characters
(`п╢п╬я─п╬`, UTF-8 read as KOI8-R; `╨┐╤Ç`, read as cp437) and math or other symbols touching
letters (`гЃ¬`). Scores are per word, so one broken link in an English page counts.
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
# One-letter Russian and Ukrainian words, and the capitals that start initials (`А. С.`):
# a lone letter outside these is a symbol read in a Cyrillic code page (`€` -> `Ђ`,
# `£` -> `Ј` under windows-1251).
CYRILLIC_ONE_LETTER = frozenset("абвжзийкосуяі" + "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯІЇЄҐ")
# Letters only Serbian and Macedonian write, none of the languages of IOM's Russian,
# Ukrainian, Belarusian, Kazakh or Bulgarian pages: what their capitals become when
# MacCyrillic is read as windows-1251 (`Ђосква`), and half of UTF-8 read as windows-1251.
SOUTH_SLAVIC_ONLY = frozenset("ЂЃЉЊЋЌЏЅЈђѓљњћќџѕј")
# Box-drawing and block elements: pseudo-graphics no web page writes in running text, and
# what UTF-8 becomes when read as KOI8-R, cp866 or cp437.
BOX_DRAWING = re.compile("[\u2500-\u259f]")
# Non-ASCII math, modifier and other symbols (Unicode categories Sm, Sk, So) touching a
# letter; the marks that do follow or precede words (`25°C`, `IOM®`, `№5`, `Company™`,
# `©2016`) are left out, and currency signs (Sc) are never counted.
_ALLOWED_BY_LETTERS = "©®™°№"
_SYMBOLS = "".join(
    re.escape(chr(cp))
    for cp in range(0xA0, 0x2C00)
    if unicodedata.category(chr(cp)) in ("Sm", "Sk", "So")
    and chr(cp) not in _ALLOWED_BY_LETTERS
    and not 0x2500 <= cp <= 0x259F
)
SYMBOL_BY_LETTER = re.compile(f"(?<=[^\\W\\d_])[{_SYMBOLS}]|[{_SYMBOLS}](?=[^\\W\\d_])")
# A Cyrillic letter glued between digits: `5×10` read as windows-1251 (`5Ч10`).
CYRILLIC_BETWEEN_DIGITS = re.compile("\\d[\u0400-\u04ff]\\d")
# A Latin-1 number or punctuation mark inside a word: Polish or Czech windows-1250 read
# as windows-1252 (`mo¿na`, `³ód¼`); the middle dot of Catalan `l·l` and the acute accent
# some write for an apostrophe (`don´t`) are left out.
MARK_INSIDE_WORD = re.compile(
    "(?<=[^\\W\\d_])[\u00a1-\u00b3\u00b5\u00b6\u00b8-\u00bf](?=[^\\W\\d_])"
)
# The four in one pattern: one scan of the text.
CLUTTER = re.compile(
    "|".join(
        p.pattern
        for p in (BOX_DRAWING, SYMBOL_BY_LETTER, CYRILLIC_BETWEEN_DIGITS, MARK_INSIDE_WORD)
    )
)
# Letters only Icelandic and Faroese write among the languages of Latin code pages: what
# Turkish `ı`, `ş`, `ğ`, `İ`, `Ş`, `Ğ` become in windows-1252.
ICELANDIC_LETTERS = re.compile("[ýþðÝÞÐ]")
LATIN_EXTENDED_LETTER = re.compile("[\u00c0-\u024f]")
CYRILLIC_LETTER = re.compile("[\u0400-\u052f]")
COMMON_CYRILLIC_LETTER = re.compile(f"[{''.join(sorted(COMMON_CYRILLIC))}]")


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
    if len(word) == 1:
        return word in CYRILLIC_ONE_LETTER
    if not _case_ok(word) or not SOUTH_SLAVIC_ONLY.isdisjoint(word):
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
        # One ASCII letter at least (`gęś`, `göç`); windows-1251 read as Latin-1 makes
        # short words of accented letters alone (`äëÿ`, `ïî`).
        return accented <= max(1, len(word) - 1) or word.isupper()
    return accented / len(word) <= 0.5


def score(text: str) -> Score:
    words = NON_ASCII_WORD.findall(text)
    good = sum(map(word_is_plausible, words))
    controls = len(CONTROL.findall(text))
    symbols = symbol_clutter(text)
    bad = len(words) - good + controls + symbols
    return Score(words=len(words) + controls + symbols, good=good, bad=bad)


def symbol_clutter(text: str) -> int:
    """Symbols where words should be: box drawing anywhere, other symbols touching letters,
    Cyrillic letters glued between digits."""
    if text.isascii():
        return 0
    return len(CLUTTER.findall(text))


def penalty(text: str, result: Score | None = None) -> float:
    """Lower is better: implausible non-ASCII words, control and replacement characters
    (`result`: the text's score, if known)."""
    result = result or score(text)
    return result.bad + 3 * text.count("\ufffd")


def word_penalty(text: str) -> int:
    """Implausible non-ASCII words and control characters only: symbols and replacement
    characters left out."""
    words = NON_ASCII_WORD.findall(text)
    return len(words) - sum(map(word_is_plausible, words)) + len(CONTROL.findall(text))


def cyrillic_letter_quality(text: str) -> float:
    """Share of common Russian letters among Cyrillic letters: separates KOI8-R from cp1251.

    Counted by two character classes: a Python loop over the characters costs more than
    the rest of a charset decision."""
    lower = text.lower()
    letters = len(CYRILLIC_LETTER.findall(lower))
    if not letters:
        return 0.0
    return len(COMMON_CYRILLIC_LETTER.findall(lower)) / letters


def latin_letter_rarity(text: str) -> float:
    """Share of Icelandic letters among accented Latin ones: separates Turkish windows-1254
    from windows-1252, which reads it with them."""
    letters = len(LATIN_EXTENDED_LETTER.findall(text))
    if not letters:
        return 0.0
    return len(ICELANDIC_LETTERS.findall(text)) / letters
