"""Bytes -> text: weigh the charset evidence, let the bytes overrule a wrong declaration.

Evidence in order of trust: a BOM; the original HTTP Content-Type; `<meta charset>` or
`http-equiv`; the bytes themselves. Old IOM Moscow pages are windows-1251 declared as
nothing, as iso-8859-1, or correctly, so each candidate charset decodes the page's
non-ASCII words and plausibility judges the readings. A declaration that reads plausibly
stands unless another reading is better by a clear margin; where no reading is plausible,
or a page without a declaration reads as windows-1252, two detectors (charset_normalizer
and BeautifulSoup's UnicodeDammit) add their guesses, which must reach the same absolute
floor of plausibility as any other reading.
"""

from __future__ import annotations

import codecs
import re
import warnings

import charset_normalizer
from bs4 import UnicodeDammit

from pipeline import plausibility
from pipeline.records import DecodedText

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Bytes -> word marks: every non-ASCII byte becomes 0x80, ASCII letters stay, the rest
# become spaces; bytes.find then does the scanning, far faster than a regex.
_WORD_MARKS = bytes(
    0x80 if byte >= 0x80 else byte if chr(byte).isalpha() else 0x20 for byte in range(256)
)
MAX_WORD_START = 40
# Cyrillic first: the pages this tool exists for, in the code pages Russian, Ukrainian,
# Belarusian and Kazakh pages were written in; windows-1252 covers Western IOM offices.
FALLBACKS = (
    "windows-1251",
    "koi8-r",
    "ibm866",
    "mac-cyrillic",
    "iso-8859-5",
    "kz1048",
    "windows-1252",
)
SAMPLE_WORDS = 120  # words with non-ASCII bytes: evidence enough, and cheap
# A reading is plausible when at most this share of its non-ASCII words is implausible
# (a page's one broken link or odd symbol); a detector's guess must reach it too.
PLAUSIBLE_SHARE = 0.05
# How much better another reading must be to overrule a plausible declaration: this
# share of the sample's words, and at least MIN_MARGIN of them.
MARGIN_SHARE = 0.05
MIN_MARGIN = 2
# A reading with no implausible word whose Cyrillic letters are at least 70 % common
# ones (Russian text: about 75 %) is the reading; no other need be tried.
SURE_RARITY = 0.3
# Python's codec names -> the names we record (and decode with): the web's labels where
# Python knows them, windows-1252 for Latin-1 and ASCII as browsers read them (the WHATWG
# encoding standard).
CANONICAL = {
    "latin-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "ascii": "windows-1252",
    "cp1252": "windows-1252",
    "cp1251": "windows-1251",
    "cp1250": "windows-1250",
    "cp1254": "windows-1254",
    "cp1257": "windows-1257",
    "cp866": "ibm866",
    "iso8859-2": "iso-8859-2",
    "iso8859-5": "iso-8859-5",
    "iso8859-9": "iso-8859-9",
    "iso8859-13": "iso-8859-13",
    "iso8859-15": "iso-8859-15",
    "iso8859-16": "iso-8859-16",
}
NOT_CHARSETS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
)
# Web labels Python's codec lookup does not know (WHATWG encoding standard).
WEB_LABELS = {
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "dos-866": "ibm866",
    "csibm866": "ibm866",
    "866": "ibm866",
    "koi": "koi8-r",
    "koi8": "koi8-r",
    "cskoi8r": "koi8-r",
    "koi8-ru": "koi8-u",
    "csisolatincyrillic": "iso-8859-5",
    "iso-ir-144": "iso-8859-5",
    "x-cp1250": "windows-1250",
    "x-cp1251": "windows-1251",
    "x-cp1252": "windows-1252",
    "x-cp1254": "windows-1254",
    "x-cp1257": "windows-1257",
    "pt154": "kz1048",
    "rk1048": "kz1048",
}
# Latin code pages a detector may name for an undeclared page that windows-1252 reads
# with the wrong letters (Hungarian `ő` as `õ`, Turkish `ı` as `ý`, Polish `ą` as `¹`).
LATIN_GUESSES = frozenset(
    {
        "windows-1250",
        "iso-8859-2",
        "windows-1254",
        "iso-8859-9",
        "windows-1257",
        "iso-8859-13",
        "iso-8859-15",
        "iso-8859-16",
    }
)
LATIN_FALLBACKS = ["windows-1250", "windows-1254", "iso-8859-2"]
# What those letters read as in windows-1252: the only pages worth asking a detector about.
_CENTRAL_AND_TURKISH_BYTES = re.compile(
    rb"[\x8a\x8c-\x8f\x9a\x9c-\x9f\xa5\xb3\xb9\xbc\xbe\xc3\xc5\xc6\xc8\xca\xcc\xcf\xd0\xd2\xd5\xd8\xdb\xdd\xde\xe3\xe5\xe6\xe8\xea\xec\xef\xf0\xf2\xf5\xf8\xfb\xfd\xfe]"
)

CYRILLIC_WORD = re.compile("[\u0400-\u052f]+")
PORTUGUESE_NASAL = re.compile("[ãõÃÕ][oeOE]")


def normalize_charset(name: str | None) -> str | None:
    """A declared or detected charset -> the name we decode with, or None if unknown."""
    if not name:
        return None
    label = name.strip().lower()
    label = WEB_LABELS.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # A page may declare any codec Python knows: those that are no charset of web pages
    # (`idna`, `punycode`, `undefined`, `unicode_escape`, `rot13`) are no declaration.
    if info.name in NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return CANONICAL.get(info.name, info.name)


def declared_charsets(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(charset from the HTTP header, charset from <meta>), as written, lowercased."""
    http = None
    if content_type:
        match = HTTP_CHARSET.search(content_type)
        http = match.group(1).lower() if match else None
    meta_match = META_CHARSET.search(body[:4096])
    meta = meta_match.group(1).decode("ascii", "replace").lower() if meta_match else None
    return http, meta


def decode_payload(body: bytes, content_type: str | None) -> DecodedText:
    http, meta = declared_charsets(body, content_type)
    declared = http or meta
    for bom, charset in BOMS:
        if body.startswith(bom):
            return DecodedText(
                body.decode(charset, "replace"), declared, charset.removesuffix("-sig")
            )
    charset = choose_charset(body, [normalize_charset(http), normalize_charset(meta)])
    return DecodedText(body.decode(charset, "replace"), declared, charset)


def choose_charset(body: bytes, declared: list[str | None]) -> str:
    if body.isascii():
        return "utf-8"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Valid multi-byte UTF-8 practically never arises from single-byte text.
        return "utf-8"
    sample = _non_ascii_words(body)
    declarations = _unique([c for c in declared if c and c != "utf-8"])
    readings = _Readings(sample)
    for charset in declarations:
        # A declaration that reads perfectly cannot be beaten by a margin: no need to
        # read the page in every other code page.
        if readings.penalty(charset) == 0:
            return charset
    candidates = _unique(declarations + list(FALLBACKS))
    best = readings.best(candidates)
    # Latin text with letters windows-1252 may misread (Polish `ł` as `³`, Turkish `ı` as
    # `ý`) is read in the Central European and Turkish code pages too, where it has no
    # declaration or the usual wrong one.
    latin_doubt = (best == "windows-1252" or not readings.plausible(best)) and (
        _CENTRAL_AND_TURKISH_BYTES.search(sample) is not None
    )
    if latin_doubt and declarations[:1] in ([], ["windows-1252"]):
        for charset in LATIN_FALLBACKS:
            if readings.rank(charset) < readings.rank(best):
                best = charset
    for charset in declarations:
        if readings.plausible(charset) and not readings.clearly_better(best, charset):
            return charset
    latin_doubt = latin_doubt and not declarations
    if readings.penalty(best) > 0 or latin_doubt:
        for guess in _detected(body):
            if guess == best or not readings.plausible(guess):
                continue  # below the floor
            if readings.rank(guess) < readings.rank(best) or (
                best == "windows-1252"
                and guess in LATIN_GUESSES
                and readings.penalty(guess) <= readings.penalty(best)
                and _differs_only_in_letters(sample, best, guess)
            ):
                best = guess
    return best


class _Readings:
    """The sample read in each charset, scored once."""

    def __init__(self, sample: bytes) -> None:
        self.sample = sample
        self._scores: dict[str, tuple[float, float, int]] = {}

    def _score(self, charset: str) -> tuple[float, float, int]:
        if charset not in self._scores:
            try:
                text = self.sample.decode(charset, "replace")
            except (LookupError, UnicodeError):  # a codec that is no charset
                self._scores[charset] = (float("inf"), 1.0, 1)
            else:
                quality = plausibility.cyrillic_letter_quality(text)
                score = plausibility.score(text)
                rarity = 1.0 - quality if quality else plausibility.latin_letter_rarity(text)
                self._scores[charset] = (
                    plausibility.penalty(text, score) + _lone_cyrillic_letters(text),
                    round(rarity, 1),
                    score.words,
                )
        return self._scores[charset]

    def best(self, candidates: list[str]) -> str:
        """The best-ranked candidate, the first of equals; the first that reads perfectly
        as Russian-like text ends the search (no wrong code page reads as well)."""
        best = candidates[0]
        for charset in candidates:
            rank = self.rank(charset)
            if rank < self.rank(best):
                best = charset
            if rank[0] == 0 and rank[1] <= SURE_RARITY:
                break
        return best

    def penalty(self, charset: str) -> float:
        return self._score(charset)[0]

    def rank(self, charset: str) -> tuple[float, float]:
        """(implausible words, 1 - share of common Cyrillic letters): lower is better."""
        penalty, rarity, _ = self._score(charset)
        return penalty, rarity

    def plausible(self, charset: str) -> bool:
        penalty, _, words = self._score(charset)
        return penalty <= PLAUSIBLE_SHARE * max(words, 1)

    def clearly_better(self, other: str, charset: str) -> bool:
        words = self._score(charset)[2]
        margin = max(MIN_MARGIN, MARGIN_SHARE * words)
        return self.penalty(other) + margin <= self.penalty(charset)


def _lone_cyrillic_letters(text: str) -> int:
    """Cyrillic letters standing alone where no Cyrillic word is longer: symbols of an
    English page read in a Cyrillic code page (`€ 2 million` as `А 2 million` in IBM866)."""
    words = CYRILLIC_WORD.findall(text)
    if not words or any(len(word) > 1 for word in words):
        return 0
    return len(words)


def _differs_only_in_letters(sample: bytes, charset: str, other: str) -> bool:
    """Where two readings differ, the other reads letters: `ő` for `õ`, never `Ä` for `€`;
    and not only Portuguese nasal vowels (`tão`, `ações`), which both detectors take for
    Romanian `ă` and Hungarian `ő` (chardet's test file iso-8859-1/_ude_1.txt)."""
    first = sample.decode(charset, "replace")
    second = sample.decode(other, "replace")
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    if not all(second[i].isalpha() for i in differing):
        return False
    return not all(PORTUGUESE_NASAL.match(first, i) for i in differing)


def _detected(body: bytes) -> list[str]:
    """The guesses of charset_normalizer and of UnicodeDammit (which sniffs the document's
    own declarations before it detects), normalized, without repeats."""
    head = body[:65536]
    guesses = []
    match = charset_normalizer.from_bytes(head).best()
    if match is not None:
        guesses.append(normalize_charset(match.encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns about pages it takes for XML
        dammit = UnicodeDammit(head, is_html=True)
    guesses.append(normalize_charset(dammit.original_encoding))
    return _unique([g for g in guesses if g and g != "utf-8"])


def _non_ascii_words(body: bytes) -> bytes:
    """Up to SAMPLE_WORDS words holding non-ASCII bytes, joined: what the candidates are
    judged on. Found from the non-ASCII bytes outwards, since scanning every ASCII word
    for one costs more than the whole decision."""
    marks = body.translate(_WORD_MARKS)
    words: list[bytes] = []
    end = 0
    while len(words) < SAMPLE_WORDS:
        hit = marks.find(b"\x80", end)
        if hit < 0:
            break
        earliest = max(0, hit - MAX_WORD_START)
        start = marks.rfind(b" ", earliest, hit) + 1 or earliest
        end = marks.find(b" ", hit)
        end = len(body) if end < 0 else end
        words.append(body[start:end])
    return b" ".join(words)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
