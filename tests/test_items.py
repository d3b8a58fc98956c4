from __future__ import annotations

from pipeline.items import Seen, merge
from pipeline.records import ItemSighting, parse_timestamp

BODY = (
    "On 12 May IOM Moscow jointly with the Safe House Foundation conducted a training for "
    "specialists of social services in Moscow region on identification of victims of "
    "human trafficking, their rights and the assistance available to them."
)
OTHER = (
    "On 20 April IOM Moscow conducted a training seminar for the staff of the Kitezh "
    "children's village on the risks of human trafficking and the return of victims."
)


def seen(
    title: str,
    body: str,
    url: str,
    timestamp: str,
    *,
    link: bool = False,
    page: str = "http://moscow.iom.int/old/index.html",
) -> Seen:
    sighting = ItemSighting(title, f"{title}\n\n{body}", url, link, "en", page, 0)
    return Seen(sighting, page, parse_timestamp(timestamp), f"D{timestamp}")


def test_teaser_and_full_text_are_one_item_with_the_detail_url():
    teaser = seen(
        "Training",
        BODY[:120] + "…",
        "http://moscow.iom.int/en/news/training",
        "20160520000000",
        link=True,
        page="http://moscow.iom.int/en/node",
    )
    full = seen(
        "Training",
        BODY,
        "http://moscow.iom.int/en/news/training",
        "20160601000000",
        page="http://moscow.iom.int/en/news/training",
    )
    (item,) = merge([teaser, full])
    assert item.text.endswith(BODY)
    assert item.url == "http://moscow.iom.int/en/news/training"
    assert item.n_captures == 2
    assert (item.first_seen.year, item.last_seen.month) == (2016, 6)


def test_same_title_different_events_stay_apart():
    items = merge(
        [
            seen("Counter-Trafficking Training", BODY, "u", "20160520000000"),
            seen("Counter-Trafficking Training", OTHER, "u", "20160520000000"),
        ]
    )
    assert len(items) == 2


def test_near_identical_texts_merge():
    fixed_typo = BODY.replace("specialists", "specialsts").replace("rights", "rigths")
    items = merge(
        [
            seen("Training", BODY, "u", "20160520000000"),
            seen("Training", fixed_typo + " Last updated 2017.", "u", "20170101000000"),
        ]
    )
    assert len(items) == 1


def test_item_ids_are_stable_across_runs_and_orders():
    first = merge(
        [
            seen("Training", BODY, "u", "20160520000000"),
            seen("Training", BODY, "u", "20160601000000"),
        ]
    )
    second = merge(
        [
            seen("Training", BODY + " More.", "u", "20180101000000"),
            seen("Training", BODY, "u", "20160601000000"),
        ]
    )
    assert first[0].item_id == second[0].item_id
