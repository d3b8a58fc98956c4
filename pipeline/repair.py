"""Mojibake repair: ftfy for UTF-8 read as a single-byte code page (Latin and Cyrillic
ones, once or in layers), our own re-reading for UTF-8 read as the Cyrillic code pages ftfy
does not try (KOI8-R, cp866, MacCyrillic, ISO-8859-5) or tries only where its pattern fires
(windows-1251: `РњРѕСЃРєРІР°` is `Москва`), and our own span-wise repair for
Cyrillic single-byte code pages (windows-1251, KOI8-R, cp866) read as Latin-1 or
windows-1252, which ftfy does not attempt (`Èíòåãðàöèîííûé` -> `Интеграционный`).

A repair is tried only where a cheap scan finds what mojibake looks like (ftfy's own
badness pattern, a UTF-8 lead and continuation read in a Cyrillic code page, or two
high characters side by side), and applied only when the candidate reads as more
plausible text than the original: a false repair is worse than a missed one, so accented
French, Spanish, German, Turkish or Romanian stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import ftfy
import ftfy.bad_codecs
from ftfy.badness import BADNESS_RE

from pipeline import plausibility

STRETCH_ENDS = "<>\n"
# Cyrillic letters of windows-1251 and KOI8-R read as Latin-1 all fall in U+00C0-U+00FF,
# plus ё/Ё, і/І, ї/Ї, є/Є, ґ/Ґ, ў/Ў at a few places below; cp866 puts them at 0x80-0xAF
# and 0xE0-0xEF, which read as C1 controls or windows-1252 punctuation.
# – — “ ” „ …: windows-1251's punctuation bytes that windows-1252 reads as the same marks.
_SHARED_PUNCTUATION = "\u2013\u2014\u201c-\u201e\u2026"
_HIGH = (
    f"\u0080-\u00ff\u2018-\u201b{_SHARED_PUNCTUATION}\u2020-\u2022\u2030\u2039\u203a\u20ac"
    "\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
)
# The cheap scan: both kinds of mojibake put two such characters side by side. (The class
# written twice: `{2}` makes the regex engine give up its fast scan for a first character.)
TWO_HIGH = re.compile(f"[{_HIGH}][{_HIGH}]")
# What a one-letter word or a lone punctuation mark of windows-1251 or KOI8-R text reads
# as: letters of U+00C0-U+00FF (в, и, с), and « » № „ “ ” – — … under both readings.
_ONE_CHARACTER_WORD = (
    f"\u00c0-\u00ff\u00ab\u00bb\u00b9\u0084\u0085\u0093\u0094\u0096\u0097{_SHARED_PUNCTUATION}"
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
# A letter three times in a row (`ááááááá`, `ééééé!`): emphasis, never a Russian word.
REPEATED_LETTER = re.compile(r"([^\W\d_])\1\1")
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
# ftfy's code page names -> ours, for the kinds in documents.repairs.
SOURCE_NAMES = {
    "latin-1": "latin1",
    "sloppy-windows-1252": "cp1252",
    "windows-1252": "cp1252",
    "sloppy-windows-1251": "cp1251",
    "sloppy-windows-1250": "cp1250",
    "sloppy-windows-1253": "cp1253",
    "sloppy-windows-1254": "cp1254",
    "sloppy-windows-1257": "cp1257",
    "iso-8859-2": "latin2",
    "macroman": "macroman",
    "cp437": "cp437",
}
# Cyrillic code pages ftfy does not try as the reading of UTF-8 (Python codec, our name),
# and windows-1251, which ftfy tries only where its badness pattern fires (never on
# `РњРѕСЃРєРІР°`, `Москва`).
# The readings are told apart by their leads: UTF-8's lead bytes 0xC2-0xEF followed by
# continuation bytes 0x80-0xBF, as each code page shows them (`п╢` in KOI8-R, `╨┤` in
# cp866, `–ґ` in MacCyrillic, `аД` in ISO-8859-5).
CYRILLIC_UTF8_READINGS = (
    ("sloppy-windows-1251", "cp1251"),
    ("koi8_r", "koi8r"),
    ("cp866", "cp866"),
    ("mac_cyrillic", "maccyrillic"),
    ("iso8859_5", "iso8859-5"),
)


def _utf8_pattern(codec: str) -> str:
    if codec == "sloppy-windows-1251":
        # Only the leads of Cyrillic letters (0xD0, 0xD1: `Р`, `С`) and of punctuation
        # (0xE2 0x80-0x84: `вЂ`, `в„`): others are letters that real words put before `»`.
        continuations = re.escape(bytes(range(0x80, 0xC0)).decode(codec))
        return f"[РС][{continuations}]|в[ЂЃ‚ѓ„]"
    leads = bytes(range(0xC2, 0xF0)).decode(codec)
    continuations = bytes(range(0x80, 0xC0)).decode(codec)
    return f"[{re.escape(leads)}][{re.escape(continuations)}]"


def _run_pattern(codec: str) -> re.Pattern[str]:
    """A stretch of a code page's high characters with the spaces, digits and ASCII
    punctuation between them: what one UTF-8 phrase becomes when read in that code page."""
    high = re.escape(bytes(range(0x80, 0x100)).decode(codec))
    return re.compile(f"[{high}](?:[{high}0-9 !-/:-@\\[-`{{-~]*[{high}])?")


CYRILLIC_UTF8 = {
    codec: (re.compile(_utf8_pattern(codec)), _run_pattern(codec), name)
    for codec, name in CYRILLIC_UTF8_READINGS
}
# What UTF-8 hidden in these code pages may be: Cyrillic text, punctuation, or another
# layer of the same mojibake (box drawing, `Рµ`), never Latin letters.
_CYRILLIC_REPERTOIRE = frozenset(
    ch
    for codec in ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
    for ch in bytes(range(0x80, 0x100)).decode(codec, "ignore")
    if not (ch.isalpha() and plausibility.script_of(ch) == "latin-extended")
)
ANY_CYRILLIC_UTF8 = re.compile("|".join(_utf8_pattern(c) for c, _ in CYRILLIC_UTF8_READINGS))
MAX_LAYERS = 3
MIN_HIDDEN_LAYER = 4
# The cheap guard before ftfy's badness pattern (whose many alternatives cost a hundred
# times more than one class): UTF-8 read in a single-byte code page always shows a
# character beyond ASCII, the Russian and Ukrainian alphabets and their punctuation (`Ђ`,
# `ѓ`, `µ`, `·`, `Ã`, C1 controls, box drawing), which clean Russian text never needs.
OUTSIDE_CLEAN_TEXT = re.compile(
    "[^\\x00-\\x7f\u0410-\u044f\u0401\u0451\u0406\u0456\u0407\u0457\u0404\u0454"
    "\u0490\u0491\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019\u2013\u2014\u2026\u2116\u00a0]"
)


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the repaired text and the kinds of repair applied, in order, without repeats."""
    if text.isascii():
        return text, ()
    kinds: list[str] = []
    # Single-byte Cyrillic first: its words are whole and sure, while ftfy would read the
    # commonest of them, `Â ` (`В `, windows-1251 read as Latin-1), as a UTF-8 no-break space.
    if TWO_HIGH.search(text):
        text = _repair_single_byte(text, kinds)
    if OUTSIDE_CLEAN_TEXT.search(text) and (
        BADNESS_RE.search(text) or ANY_CYRILLIC_UTF8.search(text)
    ):
        text = _repair_utf8(text, kinds)
    return text, tuple(dict.fromkeys(kinds))


def _repair_utf8(text: str, kinds: list[str]) -> str:
    """Each stretch of text (between tags and line breaks) that shows the pattern, fixed
    layer by layer, never the whole page at once: ftfy costs milliseconds per page."""
    pieces: list[str] = []
    done = 0
    for match in _suspects(text):
        if match < done:
            continue  # inside a stretch already fixed
        start = max(text.rfind(c, done, match) for c in STRETCH_ENDS) + 1
        ends = [i for i in (text.find(c, match) for c in STRETCH_ENDS) if i >= 0]
        end = min(ends, default=len(text))
        pieces += [text[done:start], _fix_stretch(text[start:end], kinds)]
        done = end
    return "".join([*pieces, text[done:]])


def _suspects(text: str) -> list[int]:
    starts = [m.start() for m in BADNESS_RE.finditer(text)]
    starts += [m.start() for m in ANY_CYRILLIC_UTF8.finditer(text)]
    return sorted(starts)


def _fix_stretch(stretch: str, kinds: list[str]) -> str:
    original = stretch
    layers: list[str] = []
    for _ in range(MAX_LAYERS):
        # Both, and the more plausible result: ftfy would take the C1 controls of UTF-8
        # read as ISO-8859-5 for windows-1252 punctuation read as Latin-1, and ours leaves
        # the Latin letters of `rГ©gion` (UTF-8 `é` read as windows-1251) to ftfy.
        candidates = [_ftfy_layers(stretch), _cyrillic_utf8_layer(stretch)]
        found_any = [c for c in candidates if c[1]]
        if not found_any:
            break
        fixed, found = min(found_any, key=lambda c: plausibility.penalty(c[0]))
        stretch = fixed
        layers += found
    if plausibility.penalty(stretch) > plausibility.penalty(original) and (
        plausibility.word_penalty(stretch) > plausibility.word_penalty(original)
    ):
        return original  # a hidden layer that hid nothing readable
    kinds += _layer_kinds(layers)
    return stretch


def _ftfy_layers(stretch: str) -> tuple[str, list[str]]:
    fixed, plan = ftfy.fix_and_explain(stretch, config=FTFY_CONFIG)
    if fixed == stretch or not _better(fixed, stretch):
        return stretch, []
    return fixed, _plan_layers(plan or [])


def _better(fixed: str, original: str) -> bool:
    """A fix must read no worse than the original, and bring in no letters of scripts IOM
    does not write in: cp866 bytes read as Latin-1 can look like UTF-8 (`ã¤\xad` -> `㤭`).

    Judged on words alone: symbols ftfy restores are the text's own (`hatiku♫`), and so
    is a replacement character it decodes from its mojibake (`ï¿½` -> `�`).
    """
    return plausibility.word_penalty(fixed) <= plausibility.word_penalty(
        original
    ) and _foreign_letters(fixed) <= _foreign_letters(original)


def _cyrillic_utf8_layer(stretch: str) -> tuple[str, list[str]]:
    """UTF-8 read as windows-1251, KOI8-R, cp866, MacCyrillic or ISO-8859-5, run by run:
    each word of a run of the code page's characters that is whole UTF-8 is re-read, and
    the run must then read better than before."""
    for codec, (lead, run, name) in CYRILLIC_UTF8.items():
        if not lead.search(stretch):
            continue
        changed = False

        def reread(match: re.Match[str], codec: str = codec) -> str:
            nonlocal changed
            original = match.group(0)
            # Word by word (UTF-8 never holds a space byte): a run may hold real Cyrillic
            # words beside the mojibake, or two kinds of it (`РњРѕСЃРєРІРµ. п╢п╬я─п╬пЁп╣`).
            fixed = " ".join(_utf8_in(word, codec) for word in original.split(" "))
            # These code pages are Cyrillic ones: the UTF-8 they hide is Cyrillic text and
            # punctuation, never Latin letters (`├┤a┼┐` line art is no `ôaſ`) or symbols.
            # It must read better, or be a layer hiding another: several characters of the
            # run were one UTF-8 sequence each (`РїВ°` -> `п°`, KOI8-R read as windows-1251).
            better = plausibility.penalty(fixed) < plausibility.penalty(original)
            if (
                fixed == original
                or not (better or len(original) - len(fixed) >= MIN_HIDDEN_LAYER)
                or not all(map(_cyrillic_or_punctuation, fixed))
            ):
                return original
            changed = True
            return fixed

        fixed = run.sub(reread, stretch)
        if changed:
            return fixed, [f"utf8-as-{name}"]
    return stretch, []


def _utf8_in(word: str, codec: str) -> str:
    """The word's characters re-read as the UTF-8 bytes they are in the code page, if they
    are whole UTF-8; else the word."""
    try:
        return word.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word


def _cyrillic_or_punctuation(ch: str) -> bool:
    return ch.isascii() or ch in _CYRILLIC_REPERTOIRE or "\u2010" <= ch <= "\u2044"


def _foreign_letters(text: str) -> int:
    return sum(ch.isalpha() and plausibility.script_of(ch) in ("other", "greek") for ch in text)


def _plan_layers(plan: Sequence[tuple[str, str]]) -> list[str]:
    """ftfy's plan -> one kind per layer it undid: `utf8-as-cp1251` for UTF-8 read as
    windows-1251, `cp1252-as-latin1` for C1 controls that were windows-1252 punctuation,
    `utf8-mixed` for UTF-8 sequences fixed one by one amid other text."""
    layers = []
    for i, (step, arg) in enumerate(plan):
        if step == "encode":
            decoded = next((a for s, a in plan[i + 1 :] if s == "decode"), "utf-8")
            source = SOURCE_NAMES.get(arg, arg)
            layers.append(
                f"cp1252-as-{source}" if decoded == "windows-1252" else f"utf8-as-{source}"
            )
        elif (step, arg) == ("transcode", "fix_c1_controls"):
            layers.append("cp1252-as-latin1")
        elif (step, arg) == ("apply", "decode_inconsistent_utf8"):
            layers.append("utf8-mixed")
    return layers


def _layer_kinds(layers: list[str]) -> list[str]:
    """Repeated layers of one kind are one kind with a count: `utf8-as-cp1251-x2`."""
    kinds: list[str] = []
    count = 0
    for i, layer in enumerate(layers):
        count += 1
        if i + 1 == len(layers) or layers[i + 1] != layer:
            kinds.append(layer if count == 1 else f"{layer}-x{count}")
            count = 0
    return kinds


def _repair_single_byte(text: str, kinds: list[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        # Beside a replacement character the span is what is left of lossy UTF-8
        # (`€ ðŸ“�`), for ftfy, not single-byte text.
        if "\ufffd" in text[max(0, match.start() - 1) : match.end() + 1]:
            return match.group(0)
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
    if REPEATED_LETTER.search(candidate):
        return False
    return plausibility.score(candidate).bad == 0
