"""One name per organization: the alias table that ships as data (pipeline/data/
organizations.csv), extendable by a researcher's own file with the same two columns
(`alias,name`; the setting `organization_aliases`).

A name is looked up as written, without its article, quotes and attached acronym
("the International Organization for Migration (IOM)" -> "International Organization for
Migration"), then by its acronym. IOM under any of its office names ("IOM Moscow",
"IOM Mission in Ukraine", "Бюро МОМ в Москве", "UN Migration Agency (IOM) in
Turkmenistan") is IOM. Unknown names fall back to a grouping key: lower case, no article,
quotes or attached acronym.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ConfigError

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "organizations.csv"
LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")
QUOTES = re.compile(r"[“”\"«»]")
ATTACHED_ACRONYM = re.compile(r"\s*\(([^()]{2,12})\)")
SPACES = re.compile(r"\s+")
# IOM's offices, missions and taglines: "IOM Georgia", "IOM Mission in Armenia", "Mission
# of the International Organization for Migration (IOM) in the Kyrgyz Republic",
# "Бюро Международной организации по миграции в Москве".
IOM_NAMES = re.compile(
    r"^(?:(?:Mission|Office|Бюро|Представительств\w*|Мисси\w*|Офис\w*)\s+(?:of\s+(?:the\s+)?)?)?"
    r"(?:(?:the\s+)?(?:UN|United Nations)\s+Migration\s+Agency\s*[-–(]?\s*)?"
    r"(?:IOM|OIM|International Organi[sz]ation for Migration|МОМ|"
    r"Международн\w+\s+организаци\w+\s+по\s+миграции)\b",
    re.I,
)


def _key(name: str) -> str:
    return SPACES.sub(" ", QUOTES.sub("", LEADING_ARTICLE.sub("", name.strip()))).lower()


def read_aliases(path: Path) -> dict[str, str]:
    """alias (as a lookup key) -> the one name; a researcher's file raises ConfigError."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(
            f"organization_aliases: cannot read {path} ({exc}); give a CSV with columns alias,name"
        ) from exc
    if rows and not {"alias", "name"} <= set(rows[0]):
        raise ConfigError(f"organization aliases {path} need the columns alias,name")
    return {_key(r["alias"]): r["name"].strip() for r in rows if r.get("alias") and r.get("name")}


@lru_cache(maxsize=1)
def shipped_aliases() -> Mapping[str, str]:
    return read_aliases(ALIASES_FILE)


def is_known_organization(name: str) -> bool:
    """Whether the shipped alias table names this organization, as written."""
    return _key(name) in shipped_aliases()


def normalize(name: str, extra: Mapping[str, str] | None = None) -> str:
    """The one name of an organization: from the researcher's aliases, then the shipped
    ones, then IOM's family of office names, else a lower-case grouping key. The
    researcher's aliases also rename a shipped name ("IOM" -> their own)."""
    extra = extra or {}
    found = _shipped_name(name, extra)
    return extra.get(_key(found), found)


def _shipped_name(name: str, extra: Mapping[str, str]) -> str:
    bare = _key(name)
    without_acronym = _key(ATTACHED_ACRONYM.sub("", name))
    acronym = ATTACHED_ACRONYM.search(name)
    for key in (bare, without_acronym, _key(acronym.group(1)) if acronym else None):
        for table in (extra, shipped_aliases()):
            if key and key in table:
                return table[key]
    if IOM_NAMES.match(LEADING_ARTICLE.sub("", name.strip())):
        return "IOM"
    return without_acronym
