"""Build the damaged-input fixtures in tests/fixtures/bad/ (committed; rerun to remake).

    .venv/bin/python tools/make_bad_fixtures.py

- `old-collection.arc`: an ARC v1 file (as older collections hold), three captures with
  their own dates, and a fourth whose date is impossible (`00000000000000`).
- `good.warc.gz`: three whole captures, one of them a page of stored mojibake.
- `truncated.warc.gz`: three other captures, the file cut inside the third.
- `bomb.warc.gz`: a capture whose gzip Content-Encoding inflates past the 50 MB bound,
  then a whole capture.
- `junk.warc`: bytes that are no WARC at all.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "bad"
PAGE = "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"


def page(title: str, text: str, charset: str) -> bytes:
    return PAGE.format(title=title, text=text).encode(charset)


def arc_record(url: str, date: str, body: bytes, content_type: str) -> bytes:
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode("ascii") + body
    header = f"{url} 192.0.2.1 {date} {content_type.split(';')[0]} {len(http)}\n"
    return header.encode("ascii") + http + b"\n"


def arc_file() -> bytes:
    version = b"1 0 Example Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    filedesc = (
        f"filedesc://old-collection.arc 0.0.0.0 20040101000000 text/plain {len(version)}\n"
    ).encode("ascii")
    records = [
        arc_record(
            "http://www.iom.ru/news/2004/seminar.html",
            "20040312101500",
            page(
                "Семинар по миграции",
                "В Москве прошёл семинар Международной организации по миграции.",
                "cp1251",
            ),
            "text/html; charset=windows-1251",
        ),
        arc_record(
            "http://www.iom.ru/news/2004/koi8.html",
            "20040420083000",
            page("Конференция", "Участники обсудили вопросы трудовой миграции.", "koi8_r"),
            "text/html",
        ),
        arc_record(
            "http://www.iom.ru/en/news.html",
            "20040501120000",
            page("IOM Moscow news", "A training for border officials was held in Moscow.", "ascii"),
            "text/html",
        ),
        arc_record(
            "http://www.iom.ru/news/undated.html",
            "00000000000000",
            page("Без даты", "Запись без даты.", "cp1251"),
            "text/html; charset=windows-1251",
        ),
    ]
    return filedesc + version + b"\n" + b"".join(records)


def warc(records: list[tuple[str, str, bytes, list[tuple[str, str]]]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, date, body, headers in records:
        http = StatusAndHeaders(
            "200 OK",
            [("Content-Length", str(len(body))), *headers],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
        )
    return out.getvalue()


def capture(
    name: str, date: str, title: str, text: str, charset: str
) -> tuple[str, str, bytes, list[tuple[str, str]]]:
    return (
        f"http://moscow.iom.int/news/{name}",
        date,
        page(title, text, charset),
        [("Content-Type", f"text/html; charset={charset}")],
    )


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "old-collection.arc").write_bytes(arc_file())
    good = [
        capture("a.html", "2016-11-03T10:27:00Z", "Тренинг", "Тренинг прошёл в Москве.", "utf-8"),
        capture("b.html", "2016-11-04T10:27:00Z", "Training", "A training in Kazan.", "cp1251"),
        # Mojibake stored as such: UTF-8 Russian read as windows-1251, and as KOI8-R.
        capture(
            "c.html",
            "2016-11-05T10:27:00Z",
            "Mojibake",
            "Семинар в Москве".encode().decode("cp1251")
            + ". "
            + "Участники из Казани".encode().decode("koi8_r"),
            "utf-8",
        ),
    ]
    (FOLDER / "good.warc.gz").write_bytes(warc(good))
    three = [
        capture("t1.html", "2016-12-01T10:00:00Z", "Семинар", "Семинар в Москве.", "utf-8"),
        capture("t2.html", "2016-12-02T10:00:00Z", "Seminar", "A seminar in Moscow.", "utf-8"),
        capture("t3.html", "2016-12-03T10:00:00Z", "Семинар", "Семинар " * 400, "utf-8"),
    ]
    cut = len(warc(three[:2])) + 300  # inside the third record's gzip member
    (FOLDER / "truncated.warc.gz").write_bytes(warc(three)[:cut])
    bomb_body = gzip.compress(b" " * (51 * 1024 * 1024), compresslevel=9)
    bomb = [
        (
            "http://moscow.iom.int/news/bomb.html",
            "2016-11-06T10:27:00Z",
            bomb_body,
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        ),
        capture("d.html", "2016-11-07T10:27:00Z", "После", "Запись после большой.", "utf-8"),
    ]
    (FOLDER / "bomb.warc.gz").write_bytes(warc(bomb))
    (FOLDER / "junk.warc").write_bytes(b"This is not a WARC file.\n" * 40)


if __name__ == "__main__":
    main()
