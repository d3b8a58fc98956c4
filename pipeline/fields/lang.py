"""Language of an item: Russian or English are what IOM Moscow publishes; others are 'und'."""

from __future__ import annotations

import re

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str | None:
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    if cyrillic + latin < 20:
        return None
    return "ru" if cyrillic > latin else "en"
