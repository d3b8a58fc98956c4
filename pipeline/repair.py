"""Mojibake repair: ftfy for UTF-8 read as a single-byte code page, and our own span-wise
repair for Cyrillic single-byte code pages (windows-1251, KOI8-R, cp866) read as Latin-1
or windows-1252, which ftfy does not attempt (`Èíòåãðàöèîííûé` -> `Интеграционный`).

A repair is applied only where a cheap scan finds suspicious runs, and only when the
candidate reads as plausible text and the original does not: a false repair is worse
than a missed one, so accented French, Spanish, German, Turkish or Romanian stays.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.bad_codecs

from pipeline import plausibility

# Two characters that UTF-8 lead bytes become under cp1252/Latin-1, followed by what
# continuation bytes become: `Ð˜`, `Ñ‚`, `â€œ`, `Ã©`.
UTF8_LEADS = "\u00c2\u00c3\u00d0\u00d1\u00e2"  # Â Ã Ð Ñ â
UTF8_MOJIBAKE = re.compile(
    "[\u00c2-\u00c3\u00d0-\u00d1\u00e2][\u0080-\u00bf\u2013\u2014\u2018-\u201e\u2020-\u2022"
    "\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc]"
)
STRETCH_ENDS = "<>\n"
# Cyrillic letters of windows-1251 and KOI8-R read as Latin-1 all fall in U+00C0-U+00FF,
# plus ё/Ё, і/І, ї/Ї, є/Є, ґ/Ґ, ў/Ў at a few places below; cp866 puts them at 0x80-0xAF
# and 0xE0-0xEF, which read as C1 controls or windows-1252 punctuation.
_HIGH = (
    "\u0080-\u00ff\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac"
    "\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
)
# The cheap scan: both kinds of mojibake put two such characters side by side. (The class
# written twice: `{2}` makes the regex engine give up its fast scan for a first character.)
TWO_HIGH = re.compile(f"[{_HIGH}][{_HIGH}]")
# What a one-letter word or a lone punctuation mark of windows-1251 or KOI8-R text reads
# as: letters of U+00C0-U+00FF (в, и, с), and « » № „ “ ” – — … under both readings.
_ONE_CHARACTER_WORD = (
    "\u00c0-\u00ff\u00ab\u00bb\u00b9\u0084\u0085\u0093\u0094\u0096\u0097"
    "\u2013\u2014\u201c-\u201e\u2026"
)
# A run: whole words of such characters (never one accented letter inside an ASCII word)
# and the spaces and punctuation between them; after its first word a lone character of
# another kind (`€`, `®`) ends it.
# The first character comes before the look-behind (which checks the one before it) so
# that the regex engine can skip ahead to candidate characters instead of trying the
# look-behind at every position of the text.
SINGLE_BYTE_RUN = re.compile(
    rf"[{_HIGH}](?<![A-Za-z{_HIGH}].)[{_HIGH}]*"
    rf"(?:[\s\d.,;:!?()\"'-]+(?:[{_HIGH}]{{2,}}|[{_ONE_CHARACTER_WORD}]))*"
    rf"(?![A-Za-z{_HIGH}])"
)
MIN_LETTERS = 4
ALLOWED_SYMBOLS = frozenset("№€+=<>|\n\t\r")
MIN_QUALITY = 0.4
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)
SOURCE_NAMES = {"latin-1": "latin1", "sloppy-windows-1252": "cp1252", "windows-1252": "cp1252"}


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the repaired text and the kinds of repair applied, in order, without repeats."""
    if not TWO_HIGH.search(text):
        return text, ()
    kinds: list[str] = []
    # str's own search finds a lead character far faster than the pattern scans the text.
    if any(lead in text for lead in UTF8_LEADS) and UTF8_MOJIBAKE.search(text):
        text = _repair_utf8(text, kinds)
    text = _repair_single_byte(text, kinds)
    return text, tuple(dict.fromkeys(kinds))


def _repair_utf8(text: str, kinds: list[str]) -> str:
    """ftfy on each stretch of text (between tags and line breaks) that shows the pattern,
    never on the whole page: ftfy costs milliseconds per page."""

    def fix(stretch: str) -> str:
        fixed, plan = ftfy.fix_and_explain(stretch, config=FTFY_CONFIG)
        # cp866 bytes read as Latin-1 can look like UTF-8 (`ã¤\xad` -> `㤭`): a fix that
        # brings in letters of scripts IOM does not write in is not a fix.
        if (
            fixed == stretch
            or plausibility.penalty(fixed) > plausibility.penalty(stretch)
            or _foreign_letters(fixed) > _foreign_letters(stretch)
        ):
            return stretch
        kinds.append(_utf8_kind(plan or []))
        return fixed

    pieces: list[str] = []
    done = 0
    for match in UTF8_MOJIBAKE.finditer(text):
        if match.start() < done:
            continue  # inside a stretch already fixed
        start = max(text.rfind(c, done, match.start()) for c in STRETCH_ENDS) + 1
        ends = [i for i in (text.find(c, match.end()) for c in STRETCH_ENDS) if i >= 0]
        end = min(ends, default=len(text))
        pieces += [text[done:start], fix(text[start:end])]
        done = end
    return "".join([*pieces, text[done:]])


def _foreign_letters(text: str) -> int:
    return sum(ch.isalpha() and plausibility.script_of(ch) in ("other", "greek") for ch in text)


def _utf8_kind(plan: list[tuple[str, str]]) -> str:
    sources = [arg for step, arg in plan if step == "encode"]
    source = SOURCE_NAMES.get(sources[0], sources[0]) if sources else "cp1252"
    return f"utf8-as-{source}"


def _repair_single_byte(text: str, kinds: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        fixed = best_cyrillic_reading(match.group(0))
        if fixed is None:
            return match.group(0)
        kinds.append(fixed[1])
        return fixed[0]

    return SINGLE_BYTE_RUN.sub(replace, text)


def best_cyrillic_reading(span: str) -> tuple[str, str] | None:
    """The span re-read in a Cyrillic code page, if that reads as real Cyrillic text.

    The span is whole words of Latin-1 or windows-1252 characters with no ASCII letter
    among them, which real Western words never are; the reading must then consist of
    plausible Cyrillic words, with no stray symbols, and frequent Russian letters.
    """
    if len(span) < MIN_LETTERS or not TWO_HIGH.search(span):
        return None  # lone accented letters or symbols (the commonest match): no word
    best: tuple[str, str] | None = None
    best_rank = (MIN_QUALITY, 1.0)  # a reading must beat MIN_QUALITY itself
    # sloppy-windows-1252 (from ftfy) maps the five bytes windows-1252 leaves undefined to
    # C1 controls, as browsers do, so every byte round-trips.
    for source, source_name in (("latin-1", "latin1"), ("sloppy-windows-1252", "cp1252")):
        try:
            raw = span.encode(source)
        except UnicodeEncodeError:
            continue
        for target, target_name in (("cp1251", "cp1251"), ("koi8_r", "koi8r"), ("cp866", "cp866")):
            candidate = raw.decode(target, "replace")
            if not _reads_as_cyrillic(candidate):
                continue
            # Ties (short spans of frequent letters) go to the reading with fewer capitals:
            # windows-1251 and KOI8-R swap case, and running text is mostly lower case.
            rank = (plausibility.cyrillic_letter_quality(candidate), _lower_share(candidate))
            if rank > best_rank:
                best, best_rank = (candidate, f"{target_name}-as-{source_name}"), rank
        if best is not None:
            break
    return best


def _lower_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.islower() for ch in letters) / len(letters)


def _reads_as_cyrillic(candidate: str) -> bool:
    letters = sum(plausibility.script_of(ch) == "cyrillic" for ch in candidate)
    if letters < MIN_LETTERS or "\ufffd" in candidate:
        return False
    if any(unicodedata.category(ch)[0] in "SC" and ch not in ALLOWED_SYMBOLS for ch in candidate):
        return False
    return plausibility.score(candidate).bad == 0
