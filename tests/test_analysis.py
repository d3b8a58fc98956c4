"""What the notebooks read (pipeline/analysis.py): offices, events, captures, outlines."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq

from pipeline.analysis import offices_from, outlines, select


def test_offices_default_to_iom_russia_and_all_means_every_office():
    assert offices_from(None) == ("IOM Russia",) == offices_from(" ")
    assert offices_from("IOM Georgia, IOM Tajikistan") == ("IOM Georgia", "IOM Tajikistan")
    assert offices_from("all") is None


def test_a_selection_keeps_its_offices_and_counts_what_it_leaves_out(sample_tables):
    items = pq.read_table(sample_tables / "items.parquet").to_pylist()
    events = pq.read_table(sample_tables / "events.parquet").to_pylist()
    office = {i["item_id"]: i["office"] for i in items}
    russia = select(sample_tables)
    assert set(russia.items.office) == {"IOM Russia"}
    assert set(russia.events.office) == {"IOM Russia"}
    assert "not_event" not in set(russia.events.event_type)
    left_out = [e for e in events if office[e["item_id"]] == "IOM Russia"]
    assert russia.not_events == sum(e["event_type"] == "not_event" for e in left_out) > 0
    assert len(russia.events) + russia.not_events == len(left_out)
    assert set(russia.captures.status) == {200} and set(russia.captures.office) == {"IOM Russia"}
    assert set(russia.organizers.item_id) <= set(russia.events.item_id)
    text = russia.describe()
    assert text.startswith("Offices shown: IOM Russia (") and "not_event" in text
    assert "IOM Georgia" in text.split("Not shown:")[1]
    everything = select(sample_tables, None)
    assert len(everything.items) == len(items) and "every office" in everything.describe()
    # Inferred years stay marked, for the notebooks to draw apart.
    assert everything.events.year_inferred.fillna(False).astype(bool).any()


def test_outlines_come_from_the_shipped_data_in_longitude_and_latitude():
    coasts, borders = outlines("gshhs"), outlines("countries")
    assert len(coasts) > 1000 and len(borders) > 100
    every = np.concatenate(coasts + borders)
    assert every[:, 0].min() >= -180.01 and every[:, 0].max() <= 180.01
    assert every[:, 1].min() >= -90.01 and every[:, 1].max() <= 90.01
    # The Black Sea's coast passes near Sochi (39.7 E, 43.6 N).
    near = np.hypot(every[:, 0] - 39.73, every[:, 1] - 43.59)
    assert near.min() < 0.5
