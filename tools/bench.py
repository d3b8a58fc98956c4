"""`make bench`: speed and memory of decoding, repair, segmentation and fields.

Builds (once, in .bench/) a corpus of distinct archived-page payloads of 20-60 KB from the
bundled sample: each sample page, in its own charset, padded with further news items taken
from other pages of the sample, so the markup of every site era is represented. Then it
measures, in CPU time of one process (figures per core, that hold on a busy machine):
  - decoding (charset evidence weighed per page), documents per second, on the sample
    archive itself;
  - the whole extract stage (decode, repair, segment, merge, fields, Parquet) on the corpus,
    pages per second and peak memory, at two corpus sizes to show how memory grows;
  - trafilatura.extract on the same pages, as a reference line, and how many times faster
    the whole extract is (it must stay at least 5 times faster);
  - the field layer alone (dates, event type, organizers, participants, places) on every
    distinct item of the sample and of the corpus: items per second warm, and the one-time
    load (the gazetteer, first use of patterns) apart, in a fresh process;
  - one long item full of dates at 70 KB and at 300 KB (segment, merge and fields): the
    time per byte of the larger may be at most GROWTH_LIMIT times that of the smaller, so
    no per-page work grows faster than the page.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not the installed one

from pipeline import cli, warc  # noqa: E402
from pipeline.decode import decode_payload  # noqa: E402
from pipeline.events import field_key, field_rows  # noqa: E402
from pipeline.extract import merged_items  # noqa: E402
from pipeline.parts import cached_part  # noqa: E402
from pipeline.segment import segment  # noqa: E402

SAMPLE_WARCS = sorted((ROOT / "raw" / "sample").glob("*.warc.gz"))
BENCH = ROOT / ".bench"
MIN_RATIO = 5.0  # the whole extract against trafilatura.extract alone, same pages
GROWTH_LIMIT = 3.0  # time per byte of a 300 KB page against a 70 KB one


def sample_pages() -> list[tuple[str, bytes, str | None]]:
    """Distinct HTML payloads of the sample: (url, bytes, content type)."""
    pages, seen = [], set()
    for path in SAMPLE_WARCS:
        for stored in warc.iter_stored(path):
            if (
                stored.status == 200
                and stored.mime == "text/html"
                and stored.payload
                and stored.digest not in seen
            ):
                seen.add(stored.digest)
                pages.append((stored.url, stored.payload, stored.content_type))
    return pages


def pad(html: str, target: int, rng: random.Random, paragraphs: list[list[str]], index: int) -> str:
    """A page grown to the size of a live IOM page the way live pages are large: mostly
    markup (settings scripts, mega-menus, footers, icon sprites), with one to three
    related-news teasers; a unique build token keeps every payload distinct."""
    related = []
    for _ in range(rng.randint(1, 3)):
        title, *body = rng.choice(paragraphs)
        related.append(
            f"<div class='related'><h3><a href='/news/{index}-{len(related)}'>"
            f"{title}</a></h3><p>{(body or [''])[0][:300]}…</p></div>"
        )
    chrome = [
        f'<script>window.settings={{"build":"{index}"}};</script>',
        "<aside>" + "".join(related) + "</aside>",
    ]
    size = len(html) + sum(map(len, chrome))
    while size < target:
        links = "".join(
            f"<li class='menu-item'><a href='/section/{rng.randint(1, 999)}'>"
            f"Section {rng.randint(1, 999)}</a></li>"
            for _ in range(40)
        )
        block = rng.choice(
            [
                f"<nav class='mega-menu'><ul>{links}</ul></nav>",
                f"<footer><ul class='links'>{links}</ul></footer>",
                "<script>" + "var x=1;" * 400 + "</script>",
                "<svg style='display:none'>" + "<path d='M0 0L10 10'/>" * 60 + "</svg>",
            ]
        )
        chrome.append(block)
        size += len(block)
    return html.replace("</body>", "".join(chrome) + "</body>", 1)


def build_corpus(size: int, path: Path) -> Path:
    if path.exists():
        return path
    rng = random.Random(size)
    pages = sample_pages()
    paragraphs = [
        item.text.split("\n\n")
        for url, body, ctype in pages
        for item in segment(decode_payload(body, ctype).text, url).items
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for index in range(size):
            url, body, ctype = pages[index % len(pages)]
            decoded = decode_payload(body, ctype)
            html = pad(decoded.text, rng.randint(20_000, 60_000), rng, paragraphs, index)
            payload = html.encode(decoded.charset_used, "xmlcharrefreplace")
            headers = [
                ("Content-Type", ctype or "text/html"),
                ("Content-Length", str(len(payload))),
            ]
            stamp = f"2016{index // 28 % 12 + 1:02d}{index % 28 + 1:02d}000000"
            record = writer.create_warc_record(
                f"{url}?bench={index}",
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": warc.warc_date(stamp)},
            )
            writer.write_record(record)
    partial.rename(path)
    return path


def bench_decode(rounds: int = 20) -> str:
    pages = sample_pages()
    started = time.perf_counter()
    for _ in range(rounds):
        for _url, body, ctype in pages:
            decode_payload(body, ctype)
    elapsed = time.perf_counter() - started
    count = rounds * len(pages)
    return (
        f"decode: {count / elapsed:,.0f} documents/s "
        f"({len(pages)} distinct sample pages x {rounds}, {elapsed:.2f}s)"
    )


def bench_extract(corpus: Path) -> tuple[str, float]:
    """The extract stage in a child process, so its peak memory is its own."""
    code = (
        "import json,resource,sys,time;from pathlib import Path;"
        "from pipeline import cli;t=time.perf_counter();c=time.process_time();"
        f"cli.main(['extract','--raw-dir','{BENCH / 'empty'}','--warc','{corpus}',"
        f"'--out','{BENCH / 'out'}','--rebuild','--quiet']);"
        "print(json.dumps([time.process_time()-c,time.perf_counter()-t,"
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        .stdout.strip()
        .splitlines()
    )
    cpu, elapsed, max_rss_kb = json.loads(out[-1])
    summary = json.loads(out[-2])
    pages = summary["documents"]
    size_mb = corpus.stat().st_size / 1e6
    line = (
        f"extract (decode+repair+segment+merge+fields+Parquet): {pages / cpu:,.0f} "
        f"pages/s on one core; {pages} pages ({size_mb:.0f} MB gzipped WARC) in "
        f"{cpu:.1f}s CPU ({elapsed:.1f}s wall); peak RSS {max_rss_kb / 1024:.0f} MB; "
        f"{summary['items']} items"
    )
    return line, pages / cpu


def bench_trafilatura(corpus: Path, limit: int = 1000) -> tuple[str, float | None]:
    try:
        import trafilatura
    except ImportError:
        return "trafilatura: not installed (pip install '.[bench]')", None
    pages = []
    for stored in warc.iter_stored(corpus):
        pages.append(decode_payload(stored.payload, stored.content_type).text)
        if len(pages) >= limit:
            break
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    elapsed = time.process_time() - started
    line = (
        f"reference, trafilatura.extract alone: {len(pages) / elapsed:,.0f} pages/s "
        f"on one core ({len(pages)} of the same pages, {elapsed:.1f}s CPU)"
    )
    return line, len(pages) / elapsed


def field_layer(cache: Path, warcs: list[Path], min_seconds: float = 1.0) -> dict[str, float]:
    """The field layer on every distinct item of these WARC files, in this (fresh)
    process: the first pass pays the one-time load, the best later pass is the warm
    speed. Reading the WARC files into items is not timed."""
    parts = [cached_part(path, str(path), cache)[0] for path in warcs]
    items = list({field_key(item): item for item in merged_items(parts)}.values())

    def one_pass() -> float:
        started = time.process_time()
        for item in items:
            field_rows(item)
        return time.process_time() - started

    first, passes = one_pass(), []
    while len(passes) < 3 or sum(passes) < min_seconds:
        passes.append(one_pass())
    warm = min(passes)
    return {"items": len(items), "warm": warm, "load": first - warm, "passes": len(passes)}


def bench_fields(label: str, cache: Path, warcs: list[Path]) -> str:
    """field_layer in a child process, so nothing is loaded before it starts."""
    command = [sys.executable, __file__, "--field-layer", str(cache), *map(str, warcs)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return (
        f"fields (dates+event type+organizers+participants+places) on {label}: "
        f"{r['items'] / r['warm']:,.0f} items/s warm on one core ({r['items']:.0f} distinct "
        f"items, best of {r['passes']:.0f} passes: {r['warm'] * 1000:.0f} ms); one-time "
        f"load {r['load']:.2f}s (first pass minus a warm one)"
    )


def bench_fetch() -> list[str]:
    """Requests per stored capture against our Wayback-style server, calm and faulty."""
    sys.path.insert(0, str(ROOT))
    from tests.servers.wayback import Faults, WaybackServer

    lines = []
    scenarios = {
        "no faults": Faults(),
        "faults (every replay first answers 503, 2 CDX 429s, duplicate CDX rows)": Faults(
            replay_once="503", cdx_429=2, retry_after="0", duplicate_rows=True
        ),
    }
    for label, faults in scenarios.items():
        server = WaybackServer(SAMPLE_WARCS, faults).start()
        work = Path(tempfile.mkdtemp(prefix="bench-fetch-"))
        config = work / "settings.toml"
        config.write_text(
            "[pipeline]\ncdx_page_size = 50\ncdx_rate = 6000\nreplay_rate = 6000\n"
            "retry_backoff = 0.05\npause_on_429 = 0\n",
            encoding="utf-8",
        )
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                cli.main(
                    [
                        "run",
                        "--config",
                        str(config),
                        "--archive-url",
                        server.base,
                        "--url",
                        "*.iom.int",
                        "--raw-dir",
                        str(work / "raw"),
                        "--out",
                        str(work / "out"),
                        "--quiet",
                    ]
                )
        finally:
            server.stop()
        stored = sum(1 for _ in warc.iter_stored(next((work / "raw" / "warcs").glob("*.gz"))))
        cdx, replay = server.log.count("cdx"), server.log.count("replay")
        lines.append(
            f"fetch, {label}: {(cdx + replay) / stored:.2f} requests per stored "
            f"capture ({cdx} CDX + {replay} replay for {stored} captures)"
        )
        shutil.rmtree(work, ignore_errors=True)
    return lines


def long_page(size: int) -> bytes:
    """One news item whose text is paragraph after paragraph of dated events."""
    paragraph = (
        "<p>On {d} March 2015 IOM Moscow held a seminar for {n} officials; {d} April 2016, "
        "{d}.05.2017 and {d} June 2018: round tables.</p>"
    )
    parts, i = ["<html><body><h2>Chronicle of the year</h2>"], 0
    while sum(map(len, parts)) < size:
        parts.append(paragraph.format(d=i % 28 + 1, n=i % 90 + 10))
        i += 1
    return ("".join(parts) + "</body></html>").encode("utf-8")


def page_seconds(body: bytes) -> float:
    """CPU seconds to segment one page and read its items' fields (best of three)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        page = segment(body.decode("utf-8"), "http://moscow.iom.int/chronicle")
        for sighting in page.items:
            field_rows(merged_items_of([(sighting, "http://moscow.iom.int/chronicle")])[0], None)
        best = min(best, time.process_time() - started)
    return best


def merged_items_of(sightings):
    from pipeline.items import Seen, merge

    return merge(Seen(s, url, "20160101000000", "digest") for s, url in sightings)


def bench_page_growth(small: int = 70_000, large: int = 300_000) -> str:
    page_seconds(long_page(10_000))  # loads the gazetteer and patterns outside the timing
    times = {size: page_seconds(long_page(size)) for size in (small, large)}
    growth = (times[large] / large) / (times[small] / small)
    verdict = "ok" if growth <= GROWTH_LIMIT else f"TOO SLOW: must stay <= {GROWTH_LIMIT}x"
    return (
        f"one long item: {small // 1000} KB in {times[small]:.2f}s, {large // 1000} KB in "
        f"{times[large]:.2f}s CPU; time per byte grows {growth:.1f}x ({verdict})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--field-layer", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.field_layer:  # the child process of bench_fields: CACHE WARC...
        print(json.dumps(field_layer(args.field_layer[0], args.field_layer[1:])))
        return 0
    print(bench_decode(), flush=True)
    print(bench_page_growth(), flush=True)
    small = build_corpus(args.pages // 5, BENCH / f"corpus-{args.pages // 5}.warc.gz")
    large = build_corpus(args.pages, BENCH / f"corpus-{args.pages}.warc.gz")
    print(bench_extract(small)[0], flush=True)
    line, extract_rate = bench_extract(large)
    print(line, flush=True)
    line, reference_rate = bench_trafilatura(large)
    print(line, flush=True)
    if reference_rate:
        ratio = extract_rate / reference_rate
        verdict = "ok" if ratio >= MIN_RATIO else f"TOO SLOW: must stay >= {MIN_RATIO}x"
        print(f"extract / trafilatura.extract: {ratio:.1f}x ({verdict})", flush=True)
    print(bench_fields("the sample", BENCH / "sample-parts", SAMPLE_WARCS), flush=True)
    # The parts extract just made of the large corpus: same file, same code, so cached.
    print(bench_fields("the corpus", BENCH / "out" / ".parts", [large]), flush=True)
    for line in bench_fetch():
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
