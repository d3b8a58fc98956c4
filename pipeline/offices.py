"""Which office published an item: its URL's host looked up in the table that ships as
data (pipeline/data/offices.csv, columns `host,office`).

A host is looked up lower-case, without port and without a leading `www.`; a row
`*.iom.by` also covers every subdomain of iom.by (the sample's x.iom.by). A host the table
does not know is its own office name, so nothing is ever unassigned and nothing guessed:
chad.iom.int stays chad.iom.int rather than becoming IOM's headquarters.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

OFFICES_FILE = Path(__file__).resolve().parent / "data" / "offices.csv"


def read_offices(path: Path) -> dict[str, str]:
    """host (or `*.domain`) -> office name."""
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            row["host"].strip().lower(): row["office"].strip()
            for row in csv.DictReader(fh)
            if row.get("host") and row.get("office")
        }


@lru_cache(maxsize=1)
def shipped_offices() -> Mapping[str, str]:
    return read_offices(OFFICES_FILE)


def host_of(url: str) -> str:
    """The URL's host as the table keys it; "" for a URL without one."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:  # an unparsable URL (e.g. a bad IPv6 literal) has no host
        return ""
    return host.lower().rstrip(".").removeprefix("www.")


def office_of(url: str, table: Mapping[str, str] | None = None) -> str:
    """The office whose site the URL is on: exact host, then `*.` rows of its parent
    domains, else the host itself."""
    table = shipped_offices() if table is None else table
    host = host_of(url)
    if host in table:
        return table[host]
    labels = host.split(".")
    for i in range(1, len(labels) - 1):
        wildcard = "*." + ".".join(labels[i:])
        if wildcard in table:
            return table[wildcard]
    return host or url
