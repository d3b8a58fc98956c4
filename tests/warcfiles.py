"""WARC files of chosen pages, written with warcio, for tests that need hostile input."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_EN = (
    b"<html><head><title>IOM Moscow</title></head><body><div class='news'>"
    b"<h2>Seminar on labour migration held in Moscow</h2>"
    b"<p>On 12 March 2015 IOM Moscow organized a seminar on labour migration for 40 "
    b"officials of the Federal Migration Service.</p></div></body></html>"
)
GOOD_RU = (
    "<html><head><meta charset='windows-1251'><title>МОМ Москва</title></head><body>"
    "<div class='news'><h2>Круглый стол по вопросам миграции</h2>"
    "<p>15 апреля 2016 года МОМ провела круглый стол по вопросам трудовой миграции "
    "в Москве.</p></div></body></html>"
).encode("cp1251")


@dataclass(frozen=True)
class Page:
    url: str
    timestamp: str
    body: bytes
    content_type: str = "text/html"
    status: int = 200


def write_warc(
    path: Path, pages: list[Page], content_encoding: dict[str, str] | None = None
) -> list[int]:
    """A gzip-per-record WARC of these pages (bodies as given, with a Content-Encoding
    header for the URLs named); returns each record's offset."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in pages:
            t = page.timestamp
            date = f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
            headers = [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))]
            if page.url in (content_encoding or {}):
                headers.append(("Content-Encoding", (content_encoding or {})[page.url]))
            offsets.append(fh.tell())
            writer.write_record(
                writer.create_warc_record(
                    page.url,
                    "response",
                    payload=io.BytesIO(page.body),
                    length=len(page.body),
                    http_headers=StatusAndHeaders(
                        f"{page.status} OK", headers, protocol="HTTP/1.1"
                    ),
                    warc_headers_dict={"WARC-Date": date},
                )
            )
    return offsets
