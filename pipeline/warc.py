"""Reading and writing WARC files: the only module that knows the format (through warcio).

Files are written as `*.warc.gz.open` and renamed when closed, so a file without the suffix
is always complete; a leftover `.open` file from a crash is cut back to its last whole
record and closed by the next run.
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from cdxj_indexer.main import write_cdx_index
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import __version__
from pipeline.archive.replay import Memento, sha1_base32
from pipeline.errors import WarcError
from pipeline.records import StoredCapture

log = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
INDEX_NAME = "index.cdxj"
MAX_FILE_BYTES = 1_000_000_000


def timestamp14(warc_date: str) -> str:
    """WARC-Date (ISO 8601, UTC) -> the 14-digit timestamp CDX files use."""
    digits = "".join(ch for ch in warc_date if ch.isdigit())
    return digits[:14].ljust(14, "0")


def warc_date(timestamp: str) -> str:
    t = timestamp.ljust(14, "0")
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


class Written(NamedTuple):
    """Where one capture was written: its file (final name), the offset of its response
    or revisit record, and the end of its metadata record (the capture is whole only
    when the file is at least that long)."""

    path: Path
    offset: int
    end: int


class WarcStore:
    """Appends mementos to gzip-per-record WARC files under one folder."""

    def __init__(self, folder: Path, run_info: dict[str, object]) -> None:
        self.folder = folder
        self.run_info = run_info
        self._path: Path | None = None
        self._fh: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._sequence = 0
        # The second alone is no name: two stores opened in the same second (or after the
        # clock was set back) would write over each other. The pid and a random part make
        # the name unique, and files are opened exclusively ("xb") besides.
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._stamp = f"{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, memento: Memento, *, revisit_of: tuple[str, str] | None) -> Written:
        """Write a response (or a revisit for a payload we hold) plus its metadata record."""
        writer, fh = self._current()
        offset = fh.tell()
        writer.write_record(self._capture_record(writer, memento, revisit_of))
        writer.write_record(self._metadata_record(writer, memento))
        fh.flush()
        os.fsync(fh.fileno())
        end = fh.tell()
        assert self._path is not None
        final = self._path.with_name(self._path.name.removesuffix(OPEN_SUFFIX))
        if end > MAX_FILE_BYTES:
            self.close()
        return Written(final, offset, end)

    def close(self) -> None:
        if self._fh is None or self._path is None:
            return
        self._fh.close()
        self._path.rename(self._path.with_name(self._path.name.removesuffix(OPEN_SUFFIX)))
        self._fh = self._writer = self._path = None

    def _current(self) -> tuple[WARCWriter, io.BufferedWriter]:
        if self._writer is None or self._fh is None:
            self._sequence += 1
            name = f"iom-{self._stamp}-{self._sequence:05d}.warc.gz{OPEN_SUFFIX}"
            self._path = self.folder / name
            self._fh = open(self._path, "xb")  # noqa: SIM115 - kept open across writes
            self._writer = WARCWriter(self._fh, gzip=True)
            info = {
                k: json.dumps(v) if not isinstance(v, str) else v for k, v in self.run_info.items()
            }
            info["software"] = f"iom-pipeline/{__version__}"
            info["format"] = "WARC File Format 1.1"
            self._writer.write_record(
                self._writer.create_warcinfo_record(name.removesuffix(OPEN_SUFFIX), info)
            )
        return self._writer, self._fh

    def _capture_record(
        self, writer: WARCWriter, memento: Memento, revisit_of: tuple[str, str] | None
    ):
        status_line = f"{memento.status} {memento.reason}".strip()
        http_headers = StatusAndHeaders(status_line, memento.headers, protocol="HTTP/1.1")
        date = warc_date(memento.served_timestamp)
        if revisit_of is not None:
            record = writer.create_revisit_record(
                memento.capture.url,
                f"sha1:{memento.payload_digest}",
                revisit_of[0],
                warc_date(revisit_of[1]),
                http_headers=http_headers,
            )
            record.rec_headers.replace_header("WARC-Date", date)
            return record
        return writer.create_warc_record(
            memento.capture.url,
            "response",
            payload=io.BytesIO(memento.body),
            length=len(memento.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date},
        )

    def _metadata_record(self, writer: WARCWriter, memento: Memento):
        fields = {
            "replay-url": memento.replay_url,
            "requested-timestamp": memento.capture.timestamp,
            "served-timestamp": memento.served_timestamp,
            "cdx-digest": memento.capture.digest,
            "digest-match": str(memento.digest_match).lower(),
        }
        if memento.archive_src:
            fields["x-archive-src"] = memento.archive_src
        body = "".join(f"{k}: {v}\r\n" for k, v in fields.items()).encode("utf-8")
        return writer.create_warc_record(
            memento.capture.url,
            "metadata",
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": warc_date(memento.served_timestamp)},
        )


def recover_open_files(folder: Path) -> list[Path]:
    """Close WARC files a crashed run left open, cut back to their last whole capture."""
    recovered = []
    for path in sorted(folder.glob(f"*.warc.gz{OPEN_SUFFIX}")):
        end = cut_to_whole_captures(path)
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        if end == 0:
            path.unlink()
            continue
        path.rename(final)
        recovered.append(final)
        log.warning("recovered %s (%d bytes kept)", final, end)
    return recovered


def cut_to_whole_captures(path: Path) -> int:
    """Truncate one of our WARC files after its last whole capture; return its new size."""
    end = end_of_whole_captures(path)
    if path.stat().st_size != end:
        with open(path, "r+b") as fh:
            fh.truncate(end)
    return end


def end_of_whole_captures(path: Path) -> int:
    """Where the last whole capture of one of our files ends: a response or revisit is
    kept only with its metadata record, which WarcStore writes right after it, and a
    record only when its gzip member is complete (warcio reads a member cut short without
    complaint, so the members are checked here, by zlib, CRC included)."""
    end = 0
    for _, stop, head in gzip_members(path):
        kind = _record_type(head)
        if kind in (b"metadata", b"warcinfo"):
            end = stop
        elif kind not in (b"response", b"revisit", b"request", b"resource"):
            break
    return end


def whole_captures(path: Path) -> dict[int, tuple[int, bool]]:
    """offset of each whole capture's response or revisit record -> (where its metadata
    record ends, whether it is a revisit): what the ledger keeps of each stored capture."""
    found: dict[int, tuple[int, bool]] = {}
    start: int | None = None
    revisit = False
    for member_start, stop, head in gzip_members(path):
        kind = _record_type(head)
        if kind in (b"response", b"revisit"):
            start, revisit = member_start, kind == b"revisit"
        elif kind == b"metadata" and start is not None:
            found[start] = (stop, revisit)
            start = None
    return found


HEAD_BYTES = 4096
_CHUNK = 1 << 16


def gzip_members(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """(start, end, first bytes decompressed) of each complete gzip member from the start
    of the file, up to the first one that is cut short or not gzip. Decompressed bytes
    beyond the head are discarded as they come: memory stays bounded whatever a member
    inflates to."""
    with open(path, "rb") as fh:
        start = 0
        pending = b""
        while True:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            head = b""
            consumed = 0
            data = pending or fh.read(_CHUNK)
            if not data:
                return
            try:
                while not inflater.eof:
                    if not data:
                        data = fh.read(_CHUNK)
                        if not data:
                            return  # the member is cut short
                    fed = len(data)
                    out = inflater.decompress(data, _CHUNK)
                    while inflater.unconsumed_tail and not inflater.eof:
                        if len(head) < HEAD_BYTES:
                            head += out[: HEAD_BYTES - len(head)]
                        out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                    if len(head) < HEAD_BYTES:
                        head += out[: HEAD_BYTES - len(head)]
                    consumed += fed - len(inflater.unused_data)
                    data = b""
            except zlib.error:
                return
            pending = inflater.unused_data
            end = start + consumed
            yield start, end, head
            start = end


def _record_type(head: bytes) -> bytes | None:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"warc-type:"):
            return line.split(b":", 1)[1].strip().lower()
        if not line:
            break
    return None


@dataclass(frozen=True)
class Provenance:
    """What WarcStore wrote about one fetched capture: where, and how it was verified."""

    url: str
    requested_timestamp: str
    served_timestamp: str
    cdx_digest: str
    digest_match: bool | None
    offset: int  # of the response or revisit record
    end: int = 0  # of its metadata record
    revisit: bool = False


def iter_provenance(path: Path) -> Iterator[Provenance]:
    """Each response/revisit record of our own WARC file paired with its metadata record."""
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        offset = None
        revisit = False
        for record in iterator:
            if record.rec_type in ("response", "revisit"):
                record.content_stream().read()
                offset = iterator.get_record_offset()
                revisit = record.rec_type == "revisit"
            elif record.rec_type == "metadata" and offset is not None:
                fields = dict(
                    line.split(": ", 1)
                    for line in record.content_stream().read().decode("utf-8").splitlines()
                    if ": " in line
                )
                match = fields.get("digest-match")
                yield Provenance(
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    requested_timestamp=fields.get("requested-timestamp", ""),
                    served_timestamp=fields.get("served-timestamp", ""),
                    cdx_digest=fields.get("cdx-digest", ""),
                    digest_match=None if match in (None, "none") else match == "true",
                    offset=offset,
                    end=iterator.get_record_offset() + iterator.get_record_length(),
                    revisit=revisit,
                )
                offset = None


def write_index(folder: Path) -> Path:
    """index.cdxj beside our WARC files (cdxj-indexer, sorted), so pywb can replay them."""
    index = folder / INDEX_NAME
    partial = folder / f".{INDEX_NAME}.partial"
    paths = [str(p) for p in sorted(folder.glob("*.warc.gz"))]
    with open(partial, "w", encoding="utf-8") as out:
        write_cdx_index(out, paths, {"sort": True, "dir_root": str(folder)})
    os.replace(partial, index)
    return index


def find_warcs(folder: Path) -> list[Path]:
    patterns = ("*.warc.gz", "*.warc")
    return sorted({p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()})


def iter_stored(path: Path, display_name: str | None = None) -> Iterator[StoredCapture]:
    """Every response and revisit record of a WARC file, with its position.

    A file that breaks partway raises WarcError after yielding the records before the break.
    """
    name = display_name or str(path)
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if record.rec_type not in ("response", "revisit"):
                    continue
                # Read the payload before asking for the offset: warcio's get_record_offset()
                # skips to the record's end, after which the payload reads as empty.
                payload = record.content_stream().read() if record.rec_type == "response" else None
                offset = iterator.get_record_offset()
                if payload is not None and _damaged(record, payload):
                    raise WarcError(
                        f"record at offset {offset} is cut short or damaged",
                        path=name,
                        offset=offset,
                    )
                stored = _stored_capture(record, payload, name, offset)
                if stored is not None:
                    yield stored
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            raise WarcError(f"unreadable WARC: {exc}", path=name) from exc


def _damaged(record: ArcWarcRecord, payload: bytes) -> bool:
    """warcio yields a record cut mid-file without complaint; its payload digest tells.

    Payloads warcio decoded (chunked or content-encoded) cannot be checked this way.
    """
    declared = (record.rec_headers.get_header("WARC-Payload-Digest") or "").split(":", 1)
    http = record.http_headers
    if len(declared) != 2 or declared[0].lower() != "sha1" or http is None:
        return False
    if http.get_header("Content-Encoding") or http.get_header("Transfer-Encoding"):
        return False
    return sha1_base32(payload) != declared[1]


def _stored_capture(
    record: ArcWarcRecord, payload: bytes | None, warc_file: str, offset: int
) -> StoredCapture | None:
    headers = record.rec_headers
    http = record.http_headers
    if http is None:
        return None
    digest = (headers.get_header("WARC-Payload-Digest") or "").split(":", 1)[-1]
    if not digest and payload is not None:
        digest = sha1_base32(payload)
    content_type = http.get_header("Content-Type")
    status = http.get_statuscode()
    return StoredCapture(
        url=headers.get_header("WARC-Target-URI"),
        timestamp=timestamp14(headers.get_header("WARC-Date") or ""),
        digest=digest,
        mime=(content_type or "").split(";", 1)[0].strip().lower(),
        status=int(status) if status and status.isdigit() else None,
        length=len(payload) if payload is not None else None,
        warc_file=warc_file,
        warc_offset=offset,
        content_type=content_type,
        payload=payload,
    )
