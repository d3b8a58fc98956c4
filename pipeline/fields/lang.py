"""Language of an item: Russian or English, which are what IOM Moscow publishes, by which
script has more letters; None when there are too few Cyrillic and Latin letters to tell
(items.lang and documents.lang are then null)."""

from __future__ import annotations

import re
from functools import lru_cache

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


SAMPLE_CHARS = 1000  # the opening of an item says its language as well as the whole


@lru_cache(maxsize=4096)
def detect_lang(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    cyrillic = len(CYRILLIC.findall(sample))
    latin = len(LATIN.findall(sample))
    if cyrillic + latin < 20:
        return None
    return "ru" if cyrillic > latin else "en"
