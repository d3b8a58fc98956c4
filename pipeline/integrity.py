"""The ledger and the WARC files agree: what the ledger calls stored is in a file.

A file can be deleted, cut short by a full disk or a copy, or left open by a killed run.
`reconcile` is cheap (a stat per file, plus a scan of files left open or found short) and
runs before every fetch and extract; `verify` reads every stored record and checks its
payload digest. Captures whose bytes are gone or damaged go back to "to fetch", so the
next fetch gets them again: nothing the ledger counts is lost silently.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from base64 import b32encode
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline import warc
from pipeline.archive.ledger import Ledger

log = logging.getLogger(__name__)

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Lost:
    """Captures of one WARC file that are to be fetched again, and why."""

    warc_file: str
    problem: str
    captures: int


def reconcile(ledger: Ledger, folder: Path) -> list[Lost]:
    """Close files left open (each whole record entered in the ledger), then check that
    every file holding stored captures exists and is long enough; a short file is cut
    back to its last whole capture. Returns what goes back to fetching."""
    recovered = warc.recover_open_files(folder)
    for path in recovered:
        enter_records(ledger, path)
    for name in ledger.files_without_ends():  # once per file of an older ledger
        path = folder / name
        if path.is_file():
            ledger.fill_ends(name, warc.whole_captures(path), path.stat().st_size)
    lost = []
    for stored in ledger.stored_files():
        path = folder / stored.warc_file
        if not path.is_file():
            n = ledger.refetch_beyond(stored.warc_file, 0, f"{path} is missing")
            lost.append(Lost(stored.warc_file, "missing", n))
            continue
        size = path.stat().st_size
        if size >= stored.needed_bytes:
            continue
        kept = warc.cut_to_whole_captures(path)
        n = ledger.refetch_beyond(stored.warc_file, kept, f"{path} was cut short at {size} bytes")
        lost.append(Lost(stored.warc_file, f"cut short ({size} bytes, kept {kept})", n))
    for item in lost:
        log.warning(
            "%s is %s: its %d captures will be fetched again",
            folder / item.warc_file,
            item.problem,
            item.captures,
        )
    if recovered or lost:
        _reindex(folder)
    return lost


def _reindex(folder: Path) -> None:
    """pywb's index of the folder, which must not point past a file's new end."""
    if any(folder.glob("*.warc.gz")):
        warc.write_index(folder)
    else:
        (folder / warc.INDEX_NAME).unlink(missing_ok=True)


def enter_records(ledger: Ledger, path: Path) -> int:
    """Records a crashed run wrote whole but did not get to enter in the ledger."""
    entered = 0
    for record in warc.iter_provenance(path):
        entered += ledger.mark_stored_if_pending(
            record.url,
            record.requested_timestamp,
            record.cdx_digest,
            path.name,
            record.offset,
            record.digest_match,
            record.served_timestamp,
            record.end,
            record.revisit,
        )
    return entered


DAMAGED_SUFFIX = ".damaged"


def verify(ledger: Ledger, folder: Path) -> list[Lost]:
    """reconcile, then read every stored record and check it: the record at the ledger's
    offset is a response or revisit of the ledger's URL, and a response's payload has the
    digest its header declares. A file with a damaged record is renamed NAME.damaged (kept
    for inspection, no longer read by extract, whose reading would stop at the damage) and
    all its captures are fetched again."""
    lost = reconcile(ledger, folder)
    for stored in ledger.stored_files():
        path = folder / stored.warc_file
        problems = [
            (offset, problem)
            for url, _timestamp, _digest, offset in ledger.stored_in(stored.warc_file)
            if (problem := record_problem(path, offset, url)) is not None
        ]
        if not problems:
            continue
        for offset, problem in problems:
            log.warning("%s at offset %d: %s", path, offset, problem)
        aside = path.with_name(path.name + DAMAGED_SUFFIX)
        path.rename(aside)
        n = ledger.refetch_beyond(stored.warc_file, 0, f"{path} is damaged: moved to {aside}")
        log.warning(
            "%s has %d damaged records: moved to %s, its %d captures will be fetched again",
            path,
            len(problems),
            aside,
            n,
        )
        lost.append(Lost(stored.warc_file, "damaged", n))
        _reindex(folder)
    return lost


def record_problem(path: Path, offset: int, url: str) -> str | None:
    """What is wrong with the record at offset, or None when it is whole."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)), None)
            if record is None:
                return "no record at this offset"
            if record.rec_type not in ("response", "revisit"):
                return f"a {record.rec_type} record where a capture was stored"
            target = record.rec_headers.get_header("WARC-Target-URI")
            if target != url:
                return f"the record is of {target}, not {url}"
            if record.rec_type == "revisit":
                return None
            declared = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            algorithm, _, expected = declared.partition(":")
            if algorithm.lower() != "sha1" or not expected:
                return None  # nothing to check it against
            # The raw payload, not content_stream(): the digest is of the bytes as served,
            # before warcio undoes chunking or content-encoding. Hashed a chunk at a time.
            digest = hashlib.sha1()
            while chunk := record.raw_stream.read(_CHUNK):
                digest.update(chunk)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        return f"unreadable: {exc}"
    actual = b32encode(digest.digest()).decode("ascii")
    if actual != expected:
        return f"payload digest {actual} is not the declared {expected} (damaged)"
    return None
