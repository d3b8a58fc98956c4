"""Reading and writing WARC files: the only module that knows the format (through warcio).

Files are written as `*.warc.gz.open` and renamed when closed, so a file without the suffix
is always complete; a leftover `.open` file from a crash is cut back to its last whole
record and closed by the next run.
"""

from __future__ import annotations

import gzip
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
from typing import BinaryIO, NamedTuple

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.warcwriter import WARCWriter

from pipeline import __version__
from pipeline.errors import WarcError
from pipeline.records import Memento, StoredCapture, parse_timestamp, sha1_base32

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
            name = self._next_name()
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

    def _next_name(self) -> str:
        """A name no file holds: two runs within one second share the stamp, and a rename
        onto a closed file of the earlier run would lose its records."""
        while True:
            self._sequence += 1
            name = f"iom-{self._stamp}-{self._sequence:05d}.warc.gz"
            if (
                not (self.folder / name).exists()
                and not (self.folder / (name + OPEN_SUFFIX)).exists()
            ):
                return name + OPEN_SUFFIX

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
    # Imported here: it brings pyamf and more, which every extract process and every
    # worker would otherwise load for nothing.
    from cdxj_indexer.main import write_cdx_index

    index = folder / INDEX_NAME
    partial = folder / f".{INDEX_NAME}.partial"
    paths = [str(p) for p in sorted(folder.glob("*.warc.gz"))]
    with open(partial, "w", encoding="utf-8") as out:
        write_cdx_index(out, paths, {"sort": True, "dir_root": str(folder)})
    os.replace(partial, index)
    return index


# ARC files, the format before WARC, are still what many older collections hold.
ARCHIVE_PATTERNS = ("*.warc.gz", "*.warc", "*.arc.gz", "*.arc")
# The bound on one payload after every decompression (the record's gzip member, a
# Content-Encoding): a gzip bomb of a few kilobytes must not fill memory.
DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024
# Line breaks a writer may leave after the last record.
TRAILING_SLACK = 4
# No web page was captured before the web: an earlier date is a missing one (warcio reads
# an ARC date of zeros as 1900).
FIRST_CAPTURE_YEAR = 1991
# What warcio raises on damaged input: a cut gzip member (EOFError, zlib.error as
# OSError), junk where a record header belongs (ArchiveLoadFailed, ValueError), headers it
# cannot parse (StatusAndHeadersParserException).
UNREADABLE = (
    ArchiveLoadFailed,
    EOFError,
    OSError,
    ValueError,
    StatusAndHeadersParserException,
    zlib.error,
)


def find_warcs(folder: Path) -> list[Path]:
    return sorted({p for pattern in ARCHIVE_PATTERNS for p in folder.rglob(pattern) if p.is_file()})


def iter_stored(
    path: Path, display_name: str | None = None, *, start: int = 0, end: int | None = None
) -> Iterator[StoredCapture]:
    """Every readable response and revisit record of a WARC or ARC file, with its position;
    with start and end, those of the records in that byte range (both record boundaries,
    such as gzip member offsets: pipeline/tasks.py).

    Raises WarcError, after yielding every readable record, if any record or the rest of
    the file could not be read (iter_records reports each of them instead).
    """
    first_error = None
    for item in iter_records(path, display_name, start=start, end=end):
        if isinstance(item, WarcError):
            first_error = first_error or item
        else:
            yield item
    if first_error is not None:
        raise first_error


def iter_records(
    path: Path,
    display_name: str | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    start: int = 0,
    end: int | None = None,
) -> Iterator[StoredCapture | WarcError]:
    """Every response and revisit record of a WARC or ARC file (or of its byte range
    [start, end)), or a WarcError for each one that cannot be read: damaged, undated, or
    larger than max_body_bytes once decompressed. A file that breaks partway (cut short,
    junk) ends with one WarcError for the rest of it, after the records before the break.

    ARC records are read as WARC ones by warcio (`arc2warc`), with their own capture dates.
    """
    name = display_name or str(path)
    offset = last_end = start
    try:
        with open(path, "rb") as raw:
            if start == 0 and not _looks_like_an_archive(raw):
                yield WarcError("not a WARC or ARC file", path=name)
                return
            raw.seek(start)
            fh = raw if end is None else _Window(raw, end)
            iterator = ArchiveIterator(fh, arc2warc=True)
            for record in iterator:
                offset = iterator.offset
                if record.rec_type in ("response", "revisit"):
                    yield _read_record(iterator, record, name, max_body_bytes)
                last_end = iterator.get_record_offset() + iterator.get_record_length()
            size = os.fstat(raw.fileno()).st_size if end is None else end
    except UNREADABLE as exc:
        yield WarcError(
            f"unreadable after offset {offset}: {_describe(exc)}", path=name, offset=offset
        )
        return
    # warcio ends quietly where a file is cut inside a record's headers: what is left
    # after the last whole record is a record lost.
    if size > last_end + TRAILING_SLACK:
        yield WarcError(
            f"cut short or damaged after offset {last_end}: {size - last_end} bytes unreadable",
            path=name,
            offset=last_end,
        )


def _looks_like_an_archive(fh: BinaryIO) -> bool:
    """A WARC file starts with `WARC/`, an ARC file with `filedesc://`, either of them
    plain or gzipped; warcio would read junk as ARC records one line at a time."""
    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=fh) as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError, zlib.error):
            head = b""
        fh.seek(0)
    else:
        head = fh.read(16)
        fh.seek(0)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _read_record(
    iterator: ArchiveIterator, record: ArcWarcRecord, name: str, max_body_bytes: int
) -> StoredCapture | WarcError:
    """One record -> a capture, or the reason it cannot be one. Exceptions that break the
    file itself propagate; those of this record alone become its WarcError."""
    payload = None
    if record.rec_type == "response":
        # Read the payload before asking for the offset: warcio's get_record_offset() skips
        # to the record's end, after which the payload reads as empty. One byte past the
        # bound tells a payload that is too large.
        stream = record.content_stream()
        try:
            payload = stream.read(max_body_bytes + 1)
        # A Content-Encoding that does not decompress: zlib.error for gzip and deflate,
        # brotli's own error for br (warcio picks the decoder by the header).
        except Exception as exc:
            return WarcError(
                f"record at offset {iterator.offset}: payload does not decompress ({exc})",
                path=name,
                offset=iterator.offset,
            )
    offset = iterator.get_record_offset()
    if payload is not None and len(payload) > max_body_bytes:
        return WarcError(
            f"record at offset {offset}: payload larger than max_body_bytes "
            f"({max_body_bytes}) once decompressed",
            path=name,
            offset=offset,
        )
    if payload is not None and _damaged(record, payload):
        return WarcError(
            f"record at offset {offset} is cut short or damaged", path=name, offset=offset
        )
    try:
        stored = _stored_capture(record, payload, name, offset)
    except ValueError as exc:
        return WarcError(f"record at offset {offset}: {exc}", path=name, offset=offset)
    if stored is None:
        return WarcError(f"record at offset {offset} has no HTTP headers", path=name, offset=offset)
    return stored


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


class _Window:
    """A file read up to a byte offset and no further; tell() stays the file's own, so
    warcio's record offsets are offsets in the whole file."""

    def __init__(self, fh: io.BufferedReader, end: int) -> None:
        self.fh = fh
        self.end = end

    def read(self, size: int = -1) -> bytes:
        left = max(0, self.end - self.fh.tell())
        return self.fh.read(left if size < 0 else min(size, left))

    def tell(self) -> int:
        return self.fh.tell()


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
    url = headers.get_header("WARC-Target-URI")
    if not url:
        raise ValueError("no target URI")
    timestamp = timestamp14(headers.get_header("WARC-Date") or "")
    # ValueError for a missing or impossible date (`year 0 is out of range`).
    if parse_timestamp(timestamp).year < FIRST_CAPTURE_YEAR:
        raise ValueError(f"no capture date ({timestamp})")
    return StoredCapture(
        url=url,
        timestamp=timestamp,
        digest=digest,
        mime=(content_type or "").split(";", 1)[0].strip().lower(),
        status=int(status) if status and status.isdigit() else None,
        length=len(payload) if payload is not None else None,
        warc_file=warc_file,
        warc_offset=offset,
        content_type=content_type,
        payload=payload,
    )


def warcinfo(path: Path) -> dict[str, str]:
    """The fields of the file's opening warcinfo record ({} without one, or when the file
    cannot be read: iter_stored reports that). WarcStore writes there the archive the
    file's captures were fetched from."""
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "warcinfo":
                    return {}
                body = record.content_stream().read(64 * 1024).decode("utf-8", "replace")
                return dict(line.split(": ", 1) for line in body.splitlines() if ": " in line)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError):
        return {}
    return {}
