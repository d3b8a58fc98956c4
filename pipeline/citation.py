"""Where a reader can open a capture, and how to cite an item.

A capture's replay URL is the address an archive shows it at: the Wayback Machine's
`{archive}/web/{timestamp}/{url}`, a pywb collection's `{collection}/{timestamp}/{url}`,
and for a WARC file that came from no archive, the file and the record's offset.

The replay URL is the form *without* `id_`: the archive serves it as the page looked,
inside its own frame or banner that names the capture's date, with links rewritten to
stay in the archive. That is what a reader can open and what citation guides and the
Wayback Machine's own address bar give. The `id_` form (`original_bytes_url`) serves the
bytes as they were stored, unrewritten: what the pipeline fetches, and what a reader
checks a payload digest against, but a page whose links lead to the live web and which
does not say it is an archived copy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

_TIMESTAMP_PATH = re.compile(r"/(\d{14})/")


def replay_url(
    archive: str | None, timestamp: str, url: str, warc_file: str, warc_offset: int
) -> str:
    """The capture's replay address; `archive` is the base URL it was fetched from (a
    pywb collection has a path, the Wayback Machine none), None for local input."""
    if not archive:
        return f"{warc_file}#offset={warc_offset}"
    parts = urlsplit(archive.rstrip("/"))
    collection = parts.path.strip("/")
    prefix = f"{parts.scheme}://{parts.netloc}/{collection or 'web'}"
    return f"{prefix}/{timestamp}/{url}"


def original_bytes_url(replay: str) -> str | None:
    """The `id_` form of a replay URL (the stored bytes, unrewritten); None for a WARC
    file's record, which has no archive to ask."""
    if not replay.startswith(("http://", "https://")):
        return None
    return _TIMESTAMP_PATH.sub(lambda m: f"/{m.group(1)}id_/", replay, count=1)


@dataclass(frozen=True)
class Citation:
    """What a citation of an item says: who published it, what, where it was seen."""

    item_id: str
    title: str
    office: str
    url: str  # the page as the office published it
    first_seen: datetime
    last_seen: datetime
    n_captures: int
    captured: datetime  # the cited capture's time
    replay_url: str  # the cited capture's replay address
    # When the office published it, if known (YYYY-MM-DD, YYYY-MM or YYYY). The tables
    # hold no publication date, and the capture's is not one: the archive saw the page
    # that day, whenever it was published.
    published: str | None = None

    def published_parts(self) -> list[int] | None:
        """The publication date as CSL date-parts, None when it is not known."""
        if not self.published:
            return None
        parts = self.published.split("-")
        return [int(p) for p in parts] if all(p.isdigit() for p in parts) else None


def fullest_capture(captures: list[dict[str, Any]], item_url: str) -> dict[str, Any]:
    """The capture to cite among an item's item_captures rows: one that shows its whole
    text, on its own page (its url) where one does, the earliest of those: closest to
    publication."""
    whole = [c for c in captures if c["full_text"]] or captures
    return min(whole, key=lambda c: (c["url"] != item_url, c["timestamp"], c["url"]))


def plain(c: Citation) -> str:
    title = c.title.strip() or c.url
    quoted = title if title[0] in '“"«„' else f"“{title}”"
    return (
        f"{c.office}. {quoted}. {c.url}. Captured {c.captured:%Y-%m-%d}, {c.replay_url}"
        f" (shown by {c.n_captures} capture{'s' * (c.n_captures != 1)} from"
        f" {c.first_seen:%Y-%m-%d} to {c.last_seen:%Y-%m-%d}; item {c.item_id})."
    )


# BibTeX's and LaTeX's special characters in a field's text.
_LATEX = {ch: "\\" + ch for ch in "&%$#_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\~{}",
    "^": r"\^{}",
}


def _tex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


def bibtex(c: Citation) -> str:
    title = c.title.strip() or c.url
    fields = {
        "author": "{" + _tex(c.office) + "}",  # a body, not a person: braced whole
        "title": "{" + _tex(title) + "}",
    }
    published = c.published_parts()
    if published:
        fields["year"] = str(published[0])
    fields |= {
        "url": c.replay_url,
        # biblatex's date a URL was seen: the capture's, when the archive saw the page.
        "urldate": f"{c.captured:%Y-%m-%d}",
        "note": _tex(
            f"Archived capture of {c.url}, captured {c.captured:%Y-%m-%d}; shown by"
            f" {c.n_captures} captures from {c.first_seen:%Y-%m-%d} to {c.last_seen:%Y-%m-%d}"
        ),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{iom-{c.item_id},\n{body}\n}}"


def csl_json(c: Citation) -> str:
    title = c.title.strip() or c.url
    record = {
        "id": f"iom-{c.item_id}",
        "type": "webpage",
        "title": title,
        "author": [{"literal": c.office}],
        "URL": c.replay_url,
        # CSL's "accessed": when the cited copy was seen, i.e. captured by the archive.
        "accessed": {"date-parts": [[c.captured.year, c.captured.month, c.captured.day]]},
        "archive": urlsplit(c.replay_url).netloc or "WARC file",
        "note": f"Archived capture of {c.url}, captured {c.captured:%Y-%m-%d}; shown by"
        f" {c.n_captures} captures from {c.first_seen:%Y-%m-%d} to {c.last_seen:%Y-%m-%d}",
    }
    published = c.published_parts()
    if published:
        record["issued"] = {"date-parts": [published]}
    return json.dumps([record], ensure_ascii=False, indent=2)


FORMATS = {"text": plain, "bibtex": bibtex, "csl-json": csl_json}
