"""`make bench`: speed and memory of decoding, repair, segmentation, fields and workers.

Builds (once, in .bench/) two corpora of 5,000 distinct archived-page payloads from the
bundled sample, each in 8 WARC files: the current one, each sample page in its own charset
padded to 20-60 KB with further news items taken from other pages of the sample (so the
markup of every site era is represented), and a block-dense one, listing pages of about
15 KB with about 60 short text blocks each (20 teasers: a date, a linked title, a line of
text). Then it measures:
  - decoding (charset evidence weighed per page), documents per second, on the sample
    archive itself;
  - the whole extract process (start, imports, decode, repair, segment, merge, fields,
    Parquet) on one core, pages per CPU second (figures per core, that hold on a busy
    machine) and peak memory, on both corpora and on a fifth of the current one;
  - trafilatura.extract on the same pages (CPU time of the calls alone), as a reference
    line, and how many times faster the whole extract process is (flagged under 8 times);
  - extract with 1 and with 2 workers on the current corpus: pages per second of wall
    time of the whole process (the local Dask cluster's start included), the speed-up
    and the peak memory per worker (wall time: read it with the load average printed);
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
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not the installed one

from pipeline import cli, warc  # noqa: E402
from pipeline.decode import decode_payload  # noqa: E402
from pipeline.events import field_key, field_rows  # noqa: E402
from pipeline.extract import merged_items  # noqa: E402
from pipeline.parallel import Execution, read_parts  # noqa: E402
from pipeline.segment import segment  # noqa: E402
from pipeline.tables import EXTRACT_TABLES  # noqa: E402

SAMPLE_WARCS = sorted((ROOT / "raw" / "sample").glob("*.warc.gz"))
BENCH = ROOT / ".bench"
MIN_RATIO = 8.0  # the whole extract process against trafilatura.extract alone, same pages
GROWTH_LIMIT = 3.0  # time per byte of a 300 KB page against a 70 KB one
MIN_SPEEDUP = 1.8  # 2 workers against 1, whole processes, on a 2-core machine
CORPUS_FILES = 8


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


def build_corpus(size: int, folder: Path, files: int = CORPUS_FILES) -> Path:
    """size distinct pages from the sample, padded to 20-60 KB, in several WARC files
    (a collection is many files: what the workers share out)."""
    if folder.exists():
        return folder
    rng = random.Random(size)
    pages = sample_pages()
    paragraphs = sample_paragraphs(pages)

    def page(index: int) -> tuple[str, bytes, str | None]:
        url, body, ctype = pages[index % len(pages)]
        decoded = decode_payload(body, ctype)
        html = pad(decoded.text, rng.randint(20_000, 60_000), rng, paragraphs, index)
        return f"{url}?bench={index}", html.encode(decoded.charset_used, "xmlcharrefreplace"), ctype

    return write_corpus(folder, size, files, page)


def sample_paragraphs(pages: list[tuple[str, bytes, str | None]]) -> list[list[str]]:
    """The paragraphs of every item of the sample, by item (its title first)."""
    return [
        item.text.split("\n\n")
        for url, body, ctype in pages
        for item in segment(decode_payload(body, ctype).text, url).items
    ]


def build_dense_corpus(size: int, folder: Path, files: int = CORPUS_FILES) -> Path:
    """size listing pages of about 15 KB, each about 60 short text blocks: 20 teasers of
    a date, a linked title and a line of text, drawn from a pool of the sample's items
    (a listing's teasers recur on later pages and captures, as on a live site)."""
    if folder.exists():
        return folder
    rng = random.Random(size + 1)
    paragraphs = sample_paragraphs(sample_pages())
    pool = []
    for n in range(2000):
        title, *body = rng.choice(paragraphs)
        text = " ".join(body)[: rng.randint(80, 240)].rsplit(" ", 1)[0]
        pool.append((f"{title} ({n})", text, f"{rng.randint(1, 28)} May {rng.randint(2005, 2020)}"))
    chrome = (
        "<header><nav class='menu'><ul>"
        + "".join(f"<li><a href='/section/{n}'>Section {n}</a></li>" for n in range(30))
        + "</ul></nav></header>"
    )
    script = "<script>" + "var x=1;" * 400 + "</script>"  # settings, trackers

    def page(index: int) -> tuple[str, bytes, str | None]:
        teasers = "".join(
            f"<div class='views-row'><div class='date'>{date}</div>"
            f"<h3 class='title'><a href='/news/{zlib.crc32(title.encode())}'>{title}</a></h3>"
            f"<p>{text}</p></div>"
            for title, text, date in rng.sample(pool, 20)
        )
        html = (
            f"<html><head><meta charset='utf-8'><title>News | IOM Russia ({index})</title>"
            f"</head><body>{chrome}<main><h1>News</h1>{teasers}</main>"
            f"<footer>{chrome}<p>© IOM {index}</p></footer>{script}</body></html>"
        )
        url = f"https://russia.iom.int/news?page={index}"
        return url, html.encode("utf-8"), "text/html; charset=utf-8"

    return write_corpus(folder, size, files, page)


def write_corpus(folder: Path, size: int, files: int, page) -> Path:
    partial = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    per_file = -(-size // files)
    for number in range(files):
        with open(partial / f"corpus-{number:02d}.warc.gz", "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for index in range(number * per_file, min(size, (number + 1) * per_file)):
                url, payload, ctype = page(index)
                headers = [
                    ("Content-Type", ctype or "text/html"),
                    ("Content-Length", str(len(payload))),
                ]
                stamp = f"2016{index // 28 % 12 + 1:02d}{index % 28 + 1:02d}000000"
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    length=len(payload),
                    http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                    warc_headers_dict={"WARC-Date": warc.warc_date(stamp)},
                )
                writer.write_record(record)
    partial.rename(folder)
    return folder


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


@dataclass(frozen=True)
class ExtractRun:
    pages: int
    items: int
    wall: float  # the whole process, from its start to its exit
    cpu: float  # of the whole process, interpreter start and imports included
    rss_mb: float  # peak of the main process
    worker_rss_mb: float  # peak of the largest worker process (0 without workers)
    size_mb: float
    main_cpu: float  # of the main process alone
    workers_cpu: float  # of all its workers together
    workers: int = 1
    out: Path = Path()

    @property
    def critical_cpu(self) -> float:
        """The main process's CPU time and an even share of the workers': the wall time
        on an idle machine with a core per worker, which a busy one cannot show."""
        workers = self.workers_cpu / max(1, self.workers)
        return self.main_cpu + workers


def run_extract(corpus: Path, workers: int = 1) -> ExtractRun:
    """`iom-pipeline extract --rebuild` on every file of corpus, in a child process: its
    wall time from start to exit, its CPU time (with its workers'), its peak memory and
    its workers' (distributed starts each worker as a child of the main process)."""
    out = BENCH / f"out-{corpus.name}-{workers}"
    code = (
        "import json,resource,sys\n"
        "from pipeline import cli\n"
        f"cli.main(['extract','--raw-dir','{corpus}','--out','{out}','--rebuild','--quiet',"
        f"'--workers','{workers}'])\n"
        "s,c=resource.getrusage(resource.RUSAGE_SELF),resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps([s.ru_utime+s.ru_stime,c.ru_utime+c.ru_stime,s.ru_maxrss,"
        "c.ru_maxrss]))"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    wall = time.perf_counter() - started
    *_, summary_line, figures = done.stdout.strip().splitlines()
    main_cpu, children_cpu, rss_kb, child_rss_kb = json.loads(figures)
    summary = json.loads(summary_line)
    size = sum(p.stat().st_size for p in corpus.glob("*.warc.gz")) / 1e6
    return ExtractRun(
        summary["documents"],
        summary["items"],
        wall,
        main_cpu + children_cpu,
        rss_kb / 1024,
        child_rss_kb / 1024 if workers > 1 else 0.0,
        size,
        main_cpu,
        children_cpu,
        workers,
        out,
    )


def bench_extract(corpus: Path) -> tuple[str, float]:
    """The extract stage on one core: pages per CPU second of the whole process."""
    run = run_extract(corpus)
    line = (
        f"extract (decode+repair+segment+merge+fields+Parquet) on {corpus.name}: "
        f"{run.pages / run.cpu:,.0f} pages/s on one core, whole process; {run.pages} pages "
        f"({run.size_mb:.0f} MB gzipped, {CORPUS_FILES} WARC files) in {run.cpu:.1f}s CPU "
        f"({run.wall:.1f}s wall); peak RSS {run.rss_mb:.0f} MB; {run.items} items"
    )
    return line, run.pages / run.cpu


def bench_workers(corpus: Path) -> list[str]:
    """1 and 2 workers, whole processes (the cluster's start included): wall clock, and
    the CPU critical path that a machine busy with other work cannot show in wall time."""
    load = os.getloadavg()[0]
    one, two = run_extract(corpus, 1), run_extract(corpus, 2)
    speedup = one.wall / two.wall
    critical = one.critical_cpu / two.critical_cpu
    verdict = "ok" if speedup >= MIN_SPEEDUP else f"below {MIN_SPEEDUP}x"
    return [
        f"extract --workers 1 on {corpus.name}: {one.pages / one.wall:,.0f} pages/s wall "
        f"({one.wall:.1f}s, whole process; {one.cpu:.1f}s CPU); peak RSS {one.rss_mb:.0f} MB",
        f"extract --workers 2 on {corpus.name}: {two.pages / two.wall:,.0f} pages/s wall "
        f"({two.wall:.1f}s, whole process with the cluster's start; main process "
        f"{two.main_cpu:.1f}s CPU, workers {two.workers_cpu:.1f}s CPU together); peak RSS "
        f"per worker {two.worker_rss_mb:.0f} MB, main process {two.rss_mb:.0f} MB",
        f"speed-up of 2 workers: {speedup:.2f}x wall ({verdict}; load average "
        f"{load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores); "
        f"{critical:.2f}x on the CPU critical path (main process + a worker's share)",
        f"tables of 2 workers equal those of 1, row for row: {same_tables(one.out, two.out)}",
    ]


def same_tables(a: Path, b: Path) -> str:
    """'yes', or the tables whose rows (sorted) differ."""
    differ = [
        name
        for name in EXTRACT_TABLES
        if sorted(map(repr, pq.read_table(a / f"{name}.parquet").to_pylist()))
        != sorted(map(repr, pq.read_table(b / f"{name}.parquet").to_pylist()))
    ]
    return "yes" if not differ else "NO: " + ", ".join(differ)


def bench_trafilatura(corpus: Path, limit: int = 1000) -> tuple[str, float | None]:
    try:
        import trafilatura
    except ImportError:
        return "trafilatura: not installed (pip install '.[bench]')", None
    pages = []
    for path in sorted(corpus.glob("*.warc.gz")):
        for stored in warc.iter_stored(path):
            pages.append(decode_payload(stored.payload, stored.content_type).text)
            if len(pages) >= limit:
                break
    pages = pages[:limit]
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    elapsed = time.process_time() - started
    line = (
        f"reference, trafilatura.extract alone on {corpus.name}: "
        f"{len(pages) / elapsed:,.0f} pages/s "
        f"on one core ({len(pages)} of the same pages, {elapsed:.1f}s CPU)"
    )
    return line, len(pages) / elapsed


def field_layer(cache: Path, warcs: list[Path], min_seconds: float = 1.0) -> dict[str, float]:
    """The field layer on every distinct item of these WARC files, in this (fresh)
    process: the first pass pays the one-time load, the best later pass is the warm
    speed. Reading the WARC files into items is not timed."""
    outcomes = read_parts([(path, str(path)) for path in warcs], cache, Execution())
    parts = [outcome.part for outcome in outcomes if outcome.part is not None]
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
    from pipeline.records import parse_timestamp

    return merge(Seen(s, url, parse_timestamp("20160101000000"), "digest") for s, url in sightings)


def bench_page_growth(small: int = 70_000, large: int = 300_000) -> str:
    page_seconds(long_page(10_000))  # loads the gazetteer and patterns outside the timing
    times = {size: page_seconds(long_page(size)) for size in (small, large)}
    growth = (times[large] / large) / (times[small] / small)
    verdict = "ok" if growth <= GROWTH_LIMIT else f"TOO SLOW: must stay <= {GROWTH_LIMIT}x"
    return (
        f"one long item: {small // 1000} KB in {times[small]:.2f}s, {large // 1000} KB in "
        f"{times[large]:.2f}s CPU; time per byte grows {growth:.1f}x ({verdict})"
    )


# Run-on sentences whose organizing verb never comes, each phrase repeated up to the
# longest sentence the organizer rules read: the phrases between a subject and its verb
# may be split many ways, and the rules bound how many (organizers.MAX_BETWEEN).
RUN_ON_PHRASES = (
    ", funded by B{n},",
    ", within the project “P{n}”,",
    ", together with the Agency{n},",
    ", with the support of B{n},",
    ", on the initiative of b{n},",
    " and jointly with c{n},",
)
RUN_ON_LIMIT = 2.0  # CPU seconds for the slowest such sentence


def bench_run_on_sentences() -> str:
    from pipeline.fields.organizers import MAX_SENTENCE, organizers

    worst = 0.0
    for phrase in RUN_ON_PHRASES:
        text = ("IOM" + "".join(phrase.format(n=n) for n in range(200)))[:MAX_SENTENCE]
        started = time.process_time()
        organizers(text)
        worst = max(worst, time.process_time() - started)
    verdict = "ok" if worst <= RUN_ON_LIMIT else f"TOO SLOW: must stay <= {RUN_ON_LIMIT}s"
    return (
        f"organizers on {len(RUN_ON_PHRASES)} run-on sentences of {MAX_SENTENCE // 1000} KB "
        f"without a verb: slowest {worst:.2f}s CPU ({verdict})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--field-layer", nargs="+", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--workers-only", action="store_true", help="only the 1 against 2 workers lines"
    )
    args = parser.parse_args(argv)
    if args.field_layer:  # the child process of bench_fields: CACHE WARC...
        print(json.dumps(field_layer(args.field_layer[0], args.field_layer[1:])))
        return 0
    if args.workers_only:
        for line in bench_workers(build_corpus(args.pages, BENCH / f"corpus-{args.pages}")):
            print(line, flush=True)
        return 0
    print(bench_decode(), flush=True)
    print(bench_page_growth(), flush=True)
    print(bench_run_on_sentences(), flush=True)
    small = build_corpus(args.pages // 5, BENCH / f"corpus-{args.pages // 5}")
    large = build_corpus(args.pages, BENCH / f"corpus-{args.pages}")
    dense = build_dense_corpus(args.pages, BENCH / f"dense-{args.pages}")
    print(bench_extract(small)[0], flush=True)
    for corpus in (large, dense):
        line, extract_rate = bench_extract(corpus)
        print(line, flush=True)
        line, reference_rate = bench_trafilatura(corpus)
        print(line, flush=True)
        if reference_rate:
            ratio = extract_rate / reference_rate
            verdict = "ok" if ratio >= MIN_RATIO else f"TOO SLOW: must be >= {MIN_RATIO}x"
            print(f"extract / trafilatura.extract on {corpus.name}: {ratio:.1f}x ({verdict})")
    for line in bench_workers(large):
        print(line, flush=True)
    print(bench_fields("the sample", BENCH / "sample-parts", SAMPLE_WARCS), flush=True)
    # The parts the one-worker run just made of the large corpus: same files, same code.
    warcs = sorted(large.glob("*.warc.gz"))
    print(bench_fields("the corpus", BENCH / f"out-{large.name}-1" / ".parts", warcs), flush=True)
    for line in bench_fetch():
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
