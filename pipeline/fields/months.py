"""Month and weekday names, once: every pattern that reads or skips a month is built here."""

from __future__ import annotations

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Full names and abbreviations ("Sept", "Sep", "Oct") to month numbers.
EN_MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, 1)} | {
    name[: 4 if name == "september" else 3]: n for n, name in enumerate(MONTH_NAMES, 1)
}
EN_MONTHS["sep"] = 9
# Stems of the Russian month names, whatever their case ending.
RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Alternations for patterns: lower case (compiled case-insensitive), or capitalized where
# the capital is what tells a month from a word ("may", "march").
WEEKDAYS = "|".join(WEEKDAY_NAMES)
EN_MONTH_TITLES = tuple(name.title() for name in MONTH_NAMES)
MONTHS_TITLED = "|".join(EN_MONTH_TITLES)
WEEKDAYS_TITLED = WEEKDAYS.title()
# A Russian month word, one per month in calendar order; "ма" is May only as май, мая, мае
# (not "март", "матч", "мастер").
RU_MONTH_WORDS = tuple("ма[йяе]" if stem == "ма" else rf"{stem}\w*" for stem in RU_MONTHS)
RU_MONTH = "(?:" + "|".join(RU_MONTH_WORDS) + ")"
# The month in the cases a date uses, exactly: "5 мая", "в мае 2015", "май 2015", "марта".
RU_MONTH_FORMS = tuple(
    stem + ("[йяе]" if stem == "ма" else "[ае]?" if stem.endswith("т") else "[ьяе]")
    for stem in RU_MONTHS
)


def month_of_word(word: str) -> int | None:
    """1-12 for a month's name or abbreviation in English or Russian, in any case."""
    word = word.lower().rstrip(".")
    if word in EN_MONTHS:
        return EN_MONTHS[word]
    for stem, number in RU_MONTHS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None
