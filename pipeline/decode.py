"""Bytes -> text: weigh the charset evidence, let the bytes overrule a wrong declaration.

Evidence in order of trust: a BOM; the original HTTP Content-Type; `<meta charset>` or
`http-equiv`; detection on the bytes. Old IOM Moscow pages are windows-1251 declared as
nothing, as iso-8859-1, or correctly, so a declaration is only a tie-breaker: each candidate
charset decodes the page's non-ASCII words and the most plausible reading wins.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

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
# Cyrillic first: the pages this tool exists for; windows-1252 covers Western IOM offices.
FALLBACKS = ("windows-1251", "koi8-r", "windows-1252")
SAMPLE_WORDS = 120  # words with non-ASCII bytes: evidence enough, and cheap


def normalize_charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Browsers (and the WHATWG encoding standard) read "iso-8859-1" as windows-1252.
    return {
        "latin-1": "windows-1252",
        "iso8859-1": "windows-1252",
        "ascii": "windows-1252",
        "cp1252": "windows-1252",
        "cp1251": "windows-1251",
        "koi8-r": "koi8-r",
        "utf-8": "utf-8",
    }.get(canonical, canonical)


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
    candidates = _unique([c for c in declared if c and c != "utf-8"] + list(FALLBACKS))
    ranked = sorted(candidates, key=lambda charset: _badness(sample, charset))
    best = ranked[0]
    if _badness(sample, best)[0] > 0:
        detected = _detect(body)
        if detected and _badness(sample, detected) < _badness(sample, best):
            best = detected
    return best


def _non_ascii_words(body: bytes) -> bytes:
    """Up to SAMPLE_WORDS words holding non-ASCII bytes, joined: what the candidates are
    judged on. Found from the non-ASCII bytes outwards, since scanning every ASCII word
    for one costs more than the whole decision."""
    marks = body.translate(_WORD_MARKS)
    words = []
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


def _badness(sample: bytes, charset: str) -> tuple[float, float]:
    """(implausible words, 1 - share of common Cyrillic letters): lower is better.

    Candidates keep their order on ties (sorted() is stable), so a declaration that reads
    as well as any other stands.
    """
    try:
        text = sample.decode(charset, "replace")
    except LookupError:
        return (float("inf"), 1.0)
    quality = plausibility.cyrillic_letter_quality(text)
    return (plausibility.penalty(text), round(1.0 - quality, 1) if quality else 0.0)


def _detect(body: bytes) -> str | None:
    match = charset_normalizer.from_bytes(body[:65536]).best()
    return normalize_charset(match.encoding) if match else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
