"""Segmentation on markup it was not written for.

Every distinct sample page that shows news items is segmented as it is (the reference);
its items are then re-rendered in the markup of other kinds of news sites
(`tests/markup_variants.py`) and segmented again. The same items must come back: as many,
with the same titles, the same texts (whitespace collapsed), the same detail links, and a
publication date wherever the page showed one.
"""

from __future__ import annotations

import pytest

from pipeline.decode import decode_payload
from pipeline.segment import segment
from tests.markup_variants import VARIANTS, RefItem, RefPage, iso_day, ref_page, shown_date

MAX_REPORTED = 5
# Where a variant must differ: a page that shows its date only after the text cannot tell
# a first paragraph that is a bare date ("11 May 2012", on some iom.org.ua copies) from
# the item's date line, so that paragraph becomes the item's date and leaves its text,
# and the closing date line stays in the text as its last paragraph.
DATE_SHOWN_AFTER_TEXT = frozenset({"date_after"})


@pytest.fixture(scope="module")
def reference_pages(sample_records) -> list[RefPage]:
    """Each distinct sample page with items, as segmentation reads it today."""
    pages, digests = [], set()
    for stored in sample_records.values():
        if stored.status != 200 or not stored.payload or stored.digest in digests:
            continue
        digests.add(stored.digest)
        if "html" not in (stored.mime or ""):
            continue
        text = decode_payload(stored.payload, stored.content_type).text
        items = segment(text, stored.url).items
        # A page without any heading (its item titled by <title>, or untitled) has no
        # title to re-render as one: the variants would be other pages, not other markup.
        if items and all(item.title for item in items):
            pages.append(ref_page(items, stored.url))
    return pages


def collapse(text: str) -> str:
    return " ".join(text.split())


def differences(ref: RefPage, html: str, date_after_text: bool = False) -> list[str]:
    got = segment(html, ref.url).items
    if len(got) != len(ref.items):
        return [f"{len(got)} items, not {len(ref.items)}: {[i.title[:40] for i in got]}"]
    found = []
    for want, item in zip(ref.items, got, strict=True):
        paragraphs = want.paragraphs
        if date_after_text and want.date and item.page_date == paragraphs[0]:
            paragraphs = (*paragraphs[1:], shown_date(want.date))
        text = collapse("\n\n".join((want.title, *paragraphs)))
        if collapse(item.title) != collapse(want.title):
            found.append(f"title {item.title[:60]!r}, not {want.title[:60]!r}")
        elif collapse(item.text) != text:
            found.append(
                f"text of {want.title[:40]!r}: {_first_difference(collapse(item.text), text)}"
            )
        elif item.url != want.url:
            found.append(f"url {item.url}, not {want.url}")
        elif want.date and not _same_day(want, item.page_date, date_after_text):
            found.append(f"date {item.page_date!r} for {want.title[:40]!r}, not {want.date!r}")
    return found


def _same_day(want: RefItem, page_date: str | None, date_after_text: bool) -> bool:
    """The page's date as the variant showed it: the same day, or its text in the line."""
    assert want.date is not None
    if page_date is None:
        return False
    if date_after_text and page_date == want.paragraphs[0]:
        return True
    day = iso_day(want.date)
    return (day is not None and iso_day(page_date) == day) or shown_date(want.date) in page_date


def _first_difference(got: str, want: str) -> str:
    at = next(
        (n for n, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
        min(len(got), len(want)),
    )
    return (
        f"at {at}: got {got[max(0, at - 30) : at + 60]!r}, want {want[max(0, at - 30) : at + 60]!r}"
    )


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_same_items_come_back_from_other_markup(reference_pages, variant):
    render = VARIANTS[variant]
    failures = []
    for ref in reference_pages:
        problems = differences(ref, render(ref), variant in DATE_SHOWN_AFTER_TEXT)
        if problems:
            failures.append(f"{ref.url}: {problems[0]}")
    assert len(reference_pages) > 100
    assert not failures, f"{len(failures)} pages differ, e.g.\n" + "\n".join(
        failures[:MAX_REPORTED]
    )
