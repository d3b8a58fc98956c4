"""The review site in a real browser: headless Chromium from the system's packages
(Debian's chromium; .ci/run installs it), driven by Playwright, opening the pages from the
file system as a researcher would. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import requests

from pipeline import cli

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# Flags for a test browser that talks to nothing: no sandbox (CI runs as root), and no
# background requests of its own (updates, sync, QUIC probes).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="no Chromium installed (apt-get install chromium chromium-driver; .ci/run does)",
)


@pytest.fixture(scope="module")
def site(demo_run) -> tuple[str, Path]:
    archive, _raw, out = demo_run
    assert cli.main(["review", "--out", str(out)]) == 0
    return archive, out


@pytest.fixture
def browser(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh profile for every test
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def opened(context, path: Path):
    """A page at path, and the list of every URL it requested."""
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    return page, requested


def rows(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#events tbody tr:not([hidden])",
        "rows => rows.map(r => ({...r.dataset, date: r.cells[0].textContent}))",
    )


def test_the_review_index_opens_in_chromium_and_its_filters_narrow_the_list(site, browser):
    _archive, out = site
    page, requested = opened(browser, out / "review" / "index.html")
    items = rows(out, "items")
    everything = visible_rows(page)
    assert len(everything) == len(items)
    assert page.text_content("#shown") == str(len(items))

    page.select_option("#office", "IOM Russia")
    russia = visible_rows(page)
    assert 0 < len(russia) < len(everything)
    assert len(russia) == sum(1 for i in items if i["office"] == "IOM Russia")
    assert all(r["office"] == "IOM Russia" for r in russia)
    assert page.text_content("#shown") == str(len(russia))

    page.check("#nodate")
    undated = visible_rows(page)
    assert 0 < len(undated) < len(russia)
    assert all(r["nodate"] == "true" and r["date"] == "none" for r in undated)

    page.uncheck("#nodate")
    page.select_option("#office", "")
    year = next(r["year"] for r in everything if r["year"])
    page.select_option("#year", year)
    assert 0 < len(visible_rows(page)) < len(everything)
    assert all(r["year"] == year for r in visible_rows(page))
    page.select_option("#year", "")
    page.select_option("#office", "IOM Russia")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-index.png"), full_page=False)
    # Everything came from the file system: the pages, the CSS and the script.
    assert requested and all(url.startswith("file://") for url in requested)
    assert any(url.endswith("review.js") for url in requested)


def covered(page) -> list[tuple[int, int, list[str]]]:
    """(start, end, fields) of every highlight, as offsets into the shown text."""
    return page.evaluate(
        """() => {
          const out = []; let at = 0;
          for (const node of document.getElementById('text').childNodes) {
            const length = node.textContent.length;
            if (node.nodeName === 'MARK') {
              out.push([at, at + length, [...node.classList].filter(c => c !== 'hl')]);
            }
            at += length;
          }
          return out;
        }"""
    )


def test_an_item_page_highlights_each_value_by_field_and_links_its_captures(site, browser):
    archive, out = site
    values = {name: rows(out, name) for name in ("events", "organizers", "places")}
    dated = {e["item_id"] for e in values["events"] if e["span_start"] is not None}
    with_org = {o["item_id"] for o in values["organizers"]}
    with_place = {p["item_id"] for p in values["places"]}
    item = next(i for i in rows(out, "items") if i["item_id"] in dated & with_org & with_place)
    page, requested = opened(browser, out / "review" / "items" / f"{item['item_id']}.html")

    assert page.text_content("#text") == item["text"]
    highlights = covered(page)
    for field, table, rows_ in (
        ("date", "events", values["events"]),
        ("organizer", "organizers", values["organizers"]),
        ("place", "places", values["places"]),
    ):
        mine = [r for r in rows_ if r["item_id"] == item["item_id"] and r["span_start"] is not None]
        assert mine, table
        for row in mine:
            inside = [h for h in highlights if field in h[2]]
            start, end = row["span_start"], row["span_end"]
            # Every character of the value's span is under a highlight of its field.
            assert all(any(h[0] <= at < h[1] for h in inside) for at in range(start, end))
    assert page.locator("#values tr.value.organizer td code").first.text_content()  # a rule

    captures = [c for c in rows(out, "item_captures") if c["item_id"] == item["item_id"]]
    links = page.eval_on_selector_all("#captures a.replay", "links => links.map(a => a.href)")
    assert sorted(links) == sorted(c["replay_url"] for c in captures)
    assert all(link.startswith(f"{archive}/") for link in links)
    assert requests.get(links[0], timeout=30).status_code == 200  # the demo's pywb has it
    lines = page.eval_on_selector_all("pre.correction", "pres => pres.map(p => p.textContent)")
    assert any(f"{item['item_id']},organizers,set,name@" in line for line in lines)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-item.png"), full_page=False)
    page.locator("#values").screenshot(path=str(ARTIFACTS / "review-item-values.png"))
    assert all(url.startswith("file://") for url in requested)
