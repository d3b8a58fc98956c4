"""`iom-pipeline review`: a static site of the tables for checking values against their
text, in processed/review/ (index.html, one page per item under items/, review.css,
review.js).

It opens from the file system: no server, nothing fetched when it is viewed (the CSS and
the little JavaScript of the index's filters are files beside the pages, every link is
relative but the captures' replay links). Pages are rendered by pure functions from
records; write_site is the only I/O.
"""

from __future__ import annotations

import html
import itertools
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.citation import original_bytes_url
from pipeline.corrections import correction_line
from pipeline.errors import ConfigError
from pipeline.tables import current_tables, version_problem

REVIEW_FOLDER = "review"
ASSETS = Path(__file__).resolve().parent / "assets"
# A field's name on the pages, its table, the column shown as its value and the CSS
# class of its highlights (review.css colours them).
FIELDS = (
    ("date", "events", "start_date"),
    ("organizer", "organizers", "name"),
    ("participants", "participants", "count"),
    ("place", "places", "name"),
)
# Columns shown beside a value, per table.
DETAILS = {
    "events": ("end_date", "year_inferred"),
    "organizers": ("name_normalized", "role"),
    "participants": ("qualifier", "unit"),
    "places": ("kind", "city", "country"),
}


@dataclass
class ItemView:
    """An item with everything its page shows."""

    item: dict[str, Any]
    event: dict[str, Any]
    values: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by table
    captures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def item_id(self) -> str:
        return str(self.item["item_id"])

    @property
    def year(self) -> str:
        date = self.event.get("start_date") or ""
        return date[:4] if date[:4].isdigit() else ""


def load_views(out_dir: Path) -> list[ItemView]:
    """Every item of the tables in out_dir with its values and captures."""
    names = ("items", "events", "organizers", "participants", "places", "item_captures")
    folder = current_tables(out_dir)  # resolved once: every table of one run
    for name in names:
        if not (folder / f"{name}.parquet").exists():
            raise ConfigError(f"no {name} table in {out_dir}: run `iom-pipeline extract` first")
    problem = version_problem(folder, names)
    if problem:
        raise ConfigError(problem)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        path = folder / f"{name}.parquet"
        try:
            tables[name] = pq.read_table(path).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            what = str(exc).strip().partition("\n")[0]  # Arrow's message may go on for lines
            raise ConfigError(f"cannot read {path}: {what}; run `iom-pipeline extract`") from exc
    by_item: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for name in names[1:]:
        for row in tables[name]:
            by_item[row["item_id"]][name].append(row)
    views = []
    for item in tables["items"]:
        mine = by_item[item["item_id"]]
        event = (mine["events"] or [{"event_type": "", "start_date": None}])[0]
        values = {table: mine[table] for _name, table, _column in FIELDS}
        captures = sorted(mine["item_captures"], key=lambda c: (c["timestamp"], c["url"]))
        views.append(ItemView(item, event, values, captures))
    return sorted(views, key=lambda v: (v.event.get("start_date") or "~", v.item["first_seen"]))


def write_site(out_dir: Path) -> tuple[Path, int]:
    """Write the site into out_dir/review (whole or not at all): (index path, items)."""
    views = load_views(out_dir)
    final = out_dir / REVIEW_FOLDER
    partial = out_dir / f".{REVIEW_FOLDER}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "items").mkdir(parents=True)
    for asset in ("review.css", "review.js"):
        shutil.copyfile(ASSETS / asset, partial / asset)
    (partial / "index.html").write_text(render_index(views), encoding="utf-8")
    for view in views:
        page = partial / "items" / f"{view.item_id}.html"
        page.write_text(render_item(view), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    return final / "index.html", len(views)


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _page(title: str, body: str, root: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        f'<link rel="stylesheet" href="{root}review.css"></head>\n<body>\n{body}\n</body></html>\n'
    )


def _options(name: str, label: str, values: Iterable[str]) -> str:
    options = "".join(f'<option value="{e(v)}">{e(v)}</option>' for v in sorted(set(values)) if v)
    return (
        f'<label>{e(label)} <select id="{name}" name="{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def render_index(views: list[ItemView]) -> str:
    filters = " ".join(
        (
            _options("year", "Year", (v.year for v in views)),
            _options("office", "Office", (v.item["office"] for v in views)),
            _options("type", "Type", (v.event.get("event_type") or "" for v in views)),
            '<span class="missing">has no '
            '<label><input type="checkbox" id="nodate"> date</label> '
            '<label><input type="checkbox" id="noorganizer"> organizer</label> '
            '<label><input type="checkbox" id="noplace"> place</label></span>',
        )
    )
    rows = "\n".join(_index_row(v) for v in views)
    body = (
        "<header><h1>Events and items</h1>"
        f'<p>Showing <strong id="shown">{len(views)}</strong> of {len(views)} items. '
        "Each links to its page: the text with every value's span highlighted, the "
        "values with the rules that read them, and the captures that show it.</p>"
        f'<form class="filters" id="filters">{filters}</form></header>\n'
        '<table id="events"><thead><tr><th>Date</th><th>Type</th><th>Office</th><th>Title</th>'
        "<th>Organizers</th><th>Places</th><th>Captures</th></tr></thead><tbody>\n"
        f'{rows}\n</tbody></table>\n<script src="review.js"></script>'
    )
    return _page("Review: events and items", body, "")


def _index_row(v: ItemView) -> str:
    organizers = v.values["organizers"]
    places = v.values["places"]
    date = v.event.get("start_date") or ""
    attributes = {
        "data-year": v.year,
        "data-office": v.item["office"],
        "data-type": v.event.get("event_type") or "",
        "data-nodate": str(not date).lower(),
        "data-noorganizer": str(not organizers).lower(),
        "data-noplace": str(not places).lower(),
    }
    attrs = " ".join(f'{k}="{e(val)}"' for k, val in attributes.items())
    title = v.item["title"] or v.item["url"]
    return (
        f"<tr {attrs}><td>{e(date) or '<span class=none>none</span>'}</td>"
        f"<td>{e(v.event.get('event_type'))}</td><td>{e(v.item['office'])}</td>"
        f'<td><a href="items/{e(v.item_id)}.html">{e(title)}</a></td>'
        f"<td>{e('; '.join(sorted({o['name'] for o in organizers})))}</td>"
        f"<td>{e('; '.join(sorted({p['name'] for p in places})))}</td>"
        f"<td>{v.item['n_captures']}</td></tr>"
    )


def _link(url: str) -> str:
    """A link for a web address; anything else an archived page gave as its URL (a
    `javascript:` one, say) is shown as text, never made clickable."""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url)}">{e(url)}</a>'
    return f"<code>{e(url)}</code>"


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC" if moment else ""


def render_item(v: ItemView) -> str:
    item = v.item
    facts = (
        ("Office", e(item["office"])),
        ("Published at", _link(item["url"])),
        ("Language", e(item.get("lang"))),
        ("Type", e(v.event.get("event_type"))),
        (
            "Seen",
            f"{item['n_captures']} captures, {_when(item['first_seen'])} to "
            f"{_when(item['last_seen'])}",
        ),
        ("Item id", f"<code>{e(v.item_id)}</code>"),
    )
    facts_html = "".join(f"<dt>{k}</dt><dd>{val}</dd>" for k, val in facts)
    legend = " ".join(f'<mark class="hl {name}">{name}</mark>' for name, _t, _c in FIELDS)
    body = (
        f'<p><a href="../index.html">← all items</a></p><h1>{e(item["title"] or item["url"])}</h1>'
        f'<dl class="facts">{facts_html}</dl>\n'
        f'<h2>Text</h2><p class="legend">Highlights: {legend}</p>'
        f'<div class="text" id="text">{highlight(item["text"], _spans(v))}</div>\n'
        f"<h2>Values</h2>{_values_table(v)}\n<h2>Captures</h2>{_captures_table(v)}"
    )
    return _page(f"Review: {item['title'] or item['url']}", body, "../")


def _spans(v: ItemView) -> list[tuple[int, int, str, str]]:
    """(start, end, field, label) of every value that shows where it was read."""
    spans = []
    for name, table, column in FIELDS:
        for row in v.values[table]:
            start, end = row.get("span_start"), row.get("span_end")
            if start is not None and end is not None and end > start:
                spans.append((start, end, name, f"{name}: {row.get(column)}"))
    return spans


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The text, escaped, with a <mark> over each stretch covered by values' spans: a
    stretch under two values (an organizer inside a place's venue) carries both fields."""
    bounds = sorted({0, len(text), *(p for s in spans for p in s[:2] if 0 <= p <= len(text))})
    out = []
    for start, end in itertools.pairwise(bounds):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        piece = e(text[start:end])
        if covering:
            fields = " ".join(sorted({s[2] for s in covering}))
            label = "; ".join(s[3] for s in covering)
            out.append(f'<mark class="hl {fields}" title="{e(label)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _values_table(v: ItemView) -> str:
    rows = []
    for name, table, column in FIELDS:
        for row in v.values[table]:
            if table == "events" and not row.get("start_date"):
                continue
            details = ", ".join(
                f"{k}: {row[k]}" for k in DETAILS[table] if row.get(k) not in (None, "")
            )
            span_text = row.get("date_text") if table == "events" else row.get("span")
            where = (
                f"{row['span_start']}–{row['span_end']}"
                if row.get("span_start") is not None
                else ""
            )
            rows.append(
                f'<tr class="value {name}"><td><mark class="hl {name}">{name}</mark></td>'
                f"<td>{e(row.get(column))}</td><td>{e(details)}</td><td>{e(span_text)}</td>"
                f"<td>{where}</td><td><code>{e(row.get('rule'))}</code></td>"
                f"<td>{e(row.get('source'))}</td>"
                f"<td>{_correction_lines(v.item_id, table, column, row)}</td></tr>"
            )
    adds = _add_lines(v)
    header = (
        "<tr><th>Field</th><th>Value</th><th>Details</th><th>Span</th><th>At</th>"
        "<th>Rule</th><th>Source</th><th>Correction line (paste one into your corrections "
        "file, edit the value; a value without a span is changed by its remove and add lines "
        "together)</th></tr>"
    )
    table = f'<table id="values"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'
    if not rows:
        table = '<p class="none">No values were read from this item.</p>'
    return f'{table}<p>To add a value:</p><pre class="correction">{e(adds)}</pre>'


def _correction_lines(item_id: str, table: str, column: str, row: dict[str, Any]) -> str:
    if table == "events":
        lines = [
            correction_line(item_id, table, "set", column, row.get(column)),
            correction_line(item_id, table, "remove", column, ""),
        ]
    elif row.get("span_start") is not None:
        at = f"{column}@{row['span_start']}"
        lines = [
            correction_line(item_id, table, "set", at, row.get(column)),
            correction_line(item_id, table, "remove", at, row.get(column)),
        ]
    else:
        # A value without a span (one added where the text does not hold it) has no
        # offset for `set` to find it by: it is removed by its value and added anew.
        lines = [
            correction_line(item_id, table, "remove", column, row.get(column)),
            correction_line(item_id, table, "add", column, row.get(column)),
        ]
    return f'<pre class="correction">{e(chr(10).join(lines))}</pre>'


def _add_lines(v: ItemView) -> str:
    lines = []
    if not v.event.get("start_date"):
        lines.append(correction_line(v.item_id, "events", "add", "start_date", "YYYY-MM-DD"))
    lines += [
        correction_line(v.item_id, "organizers", "add", "name", "NAME"),
        correction_line(v.item_id, "participants", "add", "count", "NUMBER"),
        correction_line(v.item_id, "places", "add", "name", "PLACE"),
    ]
    return "\n".join(lines)


def _captures_table(v: ItemView) -> str:
    rows = []
    for c in v.captures:
        replay = c["replay_url"]
        raw = original_bytes_url(replay)
        link = (
            f'<a class="replay" href="{e(replay)}">{e(replay)}</a>'
            if raw
            else f'<code class="replay">{e(replay)}</code>'
        )
        original = f' <a class="original" href="{e(raw)}">stored bytes</a>' if raw else ""
        rows.append(
            f"<tr><td>{_when(c['timestamp'])}</td><td>{e(c['url'])}</td>"
            f"<td>{'whole text' if c.get('full_text') else 'part'}</td>"
            f"<td>{link}{original}</td></tr>"
        )
    return (
        '<table id="captures"><thead><tr><th>Captured</th><th>URL</th><th>Shows</th>'
        f"<th>Replay</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
