"""Decoding measured on real documents of other projects, against two other detectors.

    git clone https://github.com/chardet/chardet /tmp/chardet
    .venv/bin/python tools/decode_corpus.py /tmp/chardet [--show-misses]

chardet's `tests/` folder holds real documents (news pages, feeds, texts) sorted into
folders by their encoding; they are LGPL-licensed and not ours to ship, so this script
reads them from a copy of that repository instead of a fixture. Each document in a
Cyrillic code page, UTF-8 or windows-1252 is served, as an archived page would be, under
five declarations: none, a correct HTTP charset, a correct `<meta charset>`, and a wrong
HTTP charset of iso-8859-1 or of windows-1252 (the declarations the document carried
itself are removed first). Each is decoded by

- ours: `decode_payload` then `repair` (what the pipeline does to every page);
- charset_normalizer: `from_bytes(...).best()`, then `ftfy.fix_encoding`;
- UnicodeDammit (BeautifulSoup), told the declared charset as browsers would be, then
  `ftfy.fix_encoding`;

and counts as right when it gives the document's text exactly (or that text with the
mojibake it carried itself fixed by ftfy). The table prints the
right readings per condition and tool, out of the documents read.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import ftfy
from bs4 import UnicodeDammit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.decode import decode_payload
from pipeline.repair import repair

# chardet's folder -> (Python codec, the label a web server or page would declare).
FOLDERS = {
    "windows-1251-russian": ("cp1251", "windows-1251"),
    "windows-1251-bulgarian": ("cp1251", "windows-1251"),
    "KOI8-R": ("koi8_r", "koi8-r"),
    "IBM866": ("cp866", "ibm866"),
    "MacCyrillic": ("mac_cyrillic", "x-mac-cyrillic"),
    "iso-8859-5-russian": ("iso8859_5", "iso-8859-5"),
    "iso-8859-5-bulgarian": ("iso8859_5", "iso-8859-5"),
    "utf-8": ("utf-8", "utf-8"),
    "windows-1252": ("cp1252", "windows-1252"),
    "iso-8859-1": ("cp1252", "windows-1252"),
}
# With --latin: Central European and Turkish documents, which an undeclared page must be
# read in by evidence rather than as windows-1252.
LATIN_FOLDERS = {
    **{
        f"windows-1250-{language}": ("cp1250", "windows-1250")
        for language in ("czech", "hungarian", "polish", "romanian", "slovak", "slovene")
    },
    **{
        f"iso-8859-2-{language}": ("iso8859_2", "iso-8859-2")
        for language in ("czech", "hungarian", "polish", "slovak", "slovene")
    },
    "windows-1254-turkish": ("cp1254", "windows-1254"),
    "iso-8859-9-turkish": ("iso8859_9", "iso-8859-9"),
}
CONDITIONS = ("none", "http", "meta", "wrong-iso-8859-1", "wrong-windows-1252")
TOOLS = ("ours", "charset_normalizer", "UnicodeDammit")
DECLARATIONS = re.compile(
    rb"""<meta[^>]*charset[^>]*>|<\?xml[^>]*\?>|\bcharset\s*=\s*["']?[\w.:-]+""", re.I
)


@dataclass(frozen=True)
class Document:
    name: str
    codec: str
    label: str
    body: bytes  # its own declarations removed
    text: str
    fixed: str  # the text with mojibake it carried itself fixed (`Ã\x96nko` -> `Önko`)


def documents(root: Path, folders: dict[str, tuple[str, str]] = FOLDERS) -> list[Document]:
    found = []
    for folder, (codec, label) in folders.items():
        for path in sorted((root / "tests" / folder).glob("*")):
            raw = DECLARATIONS.sub(b"", path.read_bytes())
            if raw.isascii() or raw.startswith(b"\xef\xbb\xbf"):
                continue  # nothing to decide, or a BOM decides
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue  # not what its folder says
            found.append(
                Document(f"{folder}/{path.name}", codec, label, raw, text, ftfy.fix_encoding(text))
            )
    return found


def served(doc: Document, condition: str) -> tuple[bytes, str]:
    """(body, Content-Type) of the document under one declaration condition."""
    if condition == "http":
        return doc.body, f"text/html; charset={doc.label}"
    if condition == "meta":
        meta = f'<meta charset="{doc.label}">\n'.encode("ascii")
        return meta + doc.body, "text/html"
    if condition.startswith("wrong-"):
        return doc.body, f"text/html; charset={condition.removeprefix('wrong-')}"
    return doc.body, "text/html"


def read(tool: str, body: bytes, content_type: str) -> str:
    if tool == "ours":
        return repair(decode_payload(body, content_type).text)[0]
    declared = content_type.partition("charset=")[2] or None
    if tool == "charset_normalizer":
        best = charset_normalizer.from_bytes(body).best()
        text = str(best) if best is not None else body.decode("utf-8", "replace")
    else:
        dammit = UnicodeDammit(body, [declared] if declared else [], is_html=True)
        text = dammit.unicode_markup or ""
    return ftfy.fix_encoding(text)


def right(doc: Document, text: str, condition: str) -> bool:
    if condition == "meta":
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text in (doc.text, doc.fixed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("chardet", type=Path, help="a copy of github.com/chardet/chardet")
    parser.add_argument("--show-misses", action="store_true", help="list ours' misses")
    parser.add_argument(
        "--latin", action="store_true", help="Central European and Turkish documents instead"
    )
    args = parser.parse_args(argv)
    docs = documents(args.chardet, LATIN_FOLDERS if args.latin else FOLDERS)
    if not docs:
        print(f"no documents under {args.chardet}/tests", file=sys.stderr)
        return 1
    scores: Counter[tuple[str, str]] = Counter()
    misses = []
    for doc in docs:
        for condition in CONDITIONS:
            body, content_type = served(doc, condition)
            for tool in TOOLS:
                ok = right(doc, read(tool, body, content_type), condition)
                scores[condition, tool] += ok
                if tool == "ours" and not ok:
                    misses.append((condition, doc.name, decode_payload(body, content_type)))
    by_codec = Counter(doc.codec for doc in docs)
    print(f"{len(docs)} documents: " + ", ".join(f"{c} {n}" for c, n in by_codec.items()))
    print("| condition | " + " | ".join(TOOLS) + " |")
    print("|---|" + "---|" * len(TOOLS))
    for condition in CONDITIONS:
        row = " | ".join(f"{scores[condition, tool]}/{len(docs)}" for tool in TOOLS)
        print(f"| {condition} | {row} |")
    if args.show_misses:
        for condition, name, decoded in misses:
            print(f"miss {condition:20} {name:60} used {decoded.charset_used}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
