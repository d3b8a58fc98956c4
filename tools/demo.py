"""`make demo`: serve the bundled sample with a real pywb on 127.0.0.1, run the scheduled
job against it exactly as against the Wayback Machine, and summarize what came out."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from pipeline import cli
from pipeline.archive.localpywb import serve_warcs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "sample"
PROCESSED = ROOT / "processed"


def main() -> int:
    warcs = sorted(SAMPLE.glob("*.warc.gz"))
    with serve_warcs(warcs) as archive_url:
        print(f"pywb serving {len(warcs)} WARC files at {archive_url}", flush=True)
        code = cli.main(
            ["run", "--config", str(SAMPLE / "demo.toml"), "--archive-url", archive_url, "--quiet"]
        )
    if code not in (0, 3):
        return code
    print(summary(PROCESSED))
    # The site to check the values against their text; its capture links point at the
    # demo's pywb, which stops with the demo (`iom-pipeline review` rewrites it any time).
    cli.main(["review", "--out", str(PROCESSED)])
    return code


def summary(out: Path) -> str:
    captures = pd.read_parquet(out / "captures.parquet")
    items = pd.read_parquet(out / "items.parquet")
    events = pd.read_parquet(out / "events.parquet")
    dated = events[events.start_date.notna()]
    shown = dated.merge(items[["item_id", "title", "url"]], on="item_id")
    # Some pages carry no headline; their URL says what they are.
    shown["title"] = shown.title.where(shown.title != "", shown.url).str.slice(0, 60)
    shown = shown.fillna("")
    with pd.option_context("display.width", 160, "display.max_columns", 10):
        table = (
            shown[["start_date", "end_date", "event_type", "title"]]
            .sort_values("start_date")
            .head(10)
            .to_string(index=False)
        )
    return (
        f"\ncaptures: {len(captures)}   items: {len(items)}   events with a date: "
        f"{len(dated)} of {len(events)}\ntables in {out}\n\n{table}"
    )


if __name__ == "__main__":
    sys.exit(main())
