"""Every value of the field tables shows where it was read: offsets into items.text and
the rule's name; spans found in the title or the body are moved to items.text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import events
from pipeline.records import Item, Organizer, Span
from pipeline.tables import FIELD_TABLES

SHOWN_AS = {"events": "date_text", "organizers": "span", "participants": "span", "places": "span"}


def item(title: str, body: str) -> Item:
    when = datetime(2016, 3, 1, tzinfo=UTC)
    text = f"{title}\n\n{body}" if title else body
    return Item("i1", title, text, "en", "https://example.org/n/1", when, when, 1)


def test_every_value_of_the_sample_shows_its_span_in_the_item_text(sample_tables: Path):
    texts = {
        row["item_id"]: row["text"]
        for row in pq.read_table(sample_tables / "items.parquet").to_pylist()
    }
    for name in FIELD_TABLES:
        rows = pq.read_table(sample_tables / f"{name}.parquet").to_pylist()
        valued = [r for r in rows if r[SHOWN_AS[name]] is not None]
        assert valued, name
        for row in valued:
            text = texts[row["item_id"]]
            assert text[row["span_start"] : row["span_end"]] == row[SHOWN_AS[name]], (name, row)
            assert row["rule"], (name, row)
        unvalued = [r for r in rows if r[SHOWN_AS[name]] is None]
        assert all(r["span_start"] is None and r["rule"] is None for r in unvalued), name


TITLE = "Seminar on Migration Law"
BODY = "Forty lawyers met. It began on 12 May 2015."


@pytest.mark.parametrize(
    ("span", "starts", "expected"),
    [
        # read from the title: the title opens items.text
        (Span(0, 7, "Seminar"), (0,), (0, 7)),
        # read from the body: offsets move past the title and its blank line
        (Span(0, 5, "Forty"), (len(TITLE) + 2,), (len(TITLE) + 2, len(TITLE) + 7)),
        # body first, then title: a title span is where its text is
        (Span(11, 14, "Mig"), (len(TITLE) + 2, 0), (11, 14)),
        (Span(6, 12, "lawyer"), (len(TITLE) + 2, 0), (len(TITLE) + 8, len(TITLE) + 14)),
        # a text that is not in the item
        (Span(0, 5, "Forty"), (None,), None),
        # offsets that do not hold the span's text
        (Span(1, 6, "Forty"), (len(TITLE) + 2,), None),
        (Span(0, 7, "Seminar"), (len(TITLE) + 2,), None),
    ],
)
def test_a_span_moves_to_the_item_text(span, starts, expected):
    assert events._in_item(item(TITLE, BODY), span, *starts) == expected


@pytest.mark.parametrize(
    ("title", "body", "date_text"),
    [
        ("Training on 12 May 2015 for border guards", "Forty officers took part.", "12 May 2015"),
        ("Training for border guards", "Forty officers met on 12 May 2015.", "12 May 2015"),
        ("", "A training for officers was held on 3 June 2014.", "3 June 2014"),
    ],
)
def test_a_date_in_the_title_or_the_body_has_offsets_into_the_item_text(title, body, date_text):
    it = item(title, body)
    (row,) = events.field_rows(it)["events"]
    assert row["date_text"] == date_text
    assert it.text[row["span_start"] : row["span_end"]] == date_text
    assert row["span_start"] == it.text.index(date_text)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Conference in Kazan on labour migration", "Over 300 people took part on 5 May 2015."),
        ("Conference on labour migration", "A conference took place in Kazan on 5 May 2015."),
    ],
)
def test_a_place_in_the_title_or_the_body_has_offsets_into_the_item_text(title, body):
    it = item(title, body)
    (place,) = [p for p in events.field_rows(it)["places"] if p["name"] == "Kazan"]
    assert it.text[place["span_start"] : place["span_end"]] == "Kazan"
    assert place["span_start"] == it.text.index("Kazan")


def test_an_item_text_that_does_not_open_with_its_title_keeps_body_offsets():
    it = Item("i2", "Other title", "Body text here.", "en", "u", *[datetime.now(UTC)] * 2, 1)
    assert events.origins(it) == ("Body text here.", events.Origins(title=None, body=0))


def test_a_value_whose_span_is_not_in_its_text_is_dropped(monkeypatch, caplog):
    wrong = Organizer("IOM", "IOM", "organizer", Span(0, 3, "IOM"), "made_up")
    monkeypatch.setattr(events, "organizers", lambda text, aliases=None: [wrong])
    rows = events.field_rows(item("Training on 12 May 2015", "IOM organized a training."))
    assert rows["organizers"] == []
    assert "made_up gave a span not in its text" in caplog.text


LONG = "IOM held a workshop in Osh for 20 young migrants on how to document their journeys. " * 3


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # A photo's caption above the text names no kind ("during the meeting").
        (
            "IOM staff during the meeting. Photo: IOM\n\nIOM held a training for 30 judges.",
            "training",
        ),
        # Negative: a long paragraph that names a photo is text, not a caption.
        (f"{LONG} Photo: each told a story.\n\nIt was the group's first meeting.", "workshop"),
    ],
)
def test_a_photos_caption_is_not_read_for_the_kind(body, kind):
    (event,) = events.field_rows(item("News from Osh", body))["events"]
    assert event["event_type"] == kind
