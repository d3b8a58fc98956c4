"""Named entities in Russian text (organizations, places, people, dates) through Natasha.

Natasha's wheel ships every model it runs: slovnet's NER, morphology and syntax models, the
navec embeddings they read, and pymorphy2's dictionaries; nothing is fetched at run time. The
models load on first use, once per process (about 250 MB resident, a second or two), and
importing this module does not even import natasha: English collections never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.fields.lang import CYRILLIC
from pipeline.records import NamedMention, Span

if TYPE_CHECKING:
    from natasha import Doc, MorphVocab
    from natasha.doc import DocSent, DocToken

# slovnet's NER tags, as this module's kinds.
KINDS = {"ORG": "org", "LOC": "loc", "PER": "per"}
DATE = "date"

# Natasha's date grammar has no rule without a number (a day or a year): a sentence with no
# digit cannot hold a date, and the grammar, as dear as the NER model, need not read it.
DIGIT = re.compile(r"\d")
# Only spaces between two organization spans: a line break is a paragraph's end.
SPACES = re.compile(r"[ \t\u00a0]+")

# Universal Dependencies parts of speech whose form changes with case (natasha.norm's list).
INFLECTED = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
PREPOSITION = "ADP"
NOMINATIVE = "nomn"
# pymorphy2's (OpenCorpora) case grammemes.
CASES = frozenset(
    {"nomn", "gent", "gen1", "gen2", "datv", "accs", "acc2", "ablt", "loct", "loc1", "loc2", "voct"}
)

# A name's quotes and brackets come in pairs; slovnet's spans sometimes hold only one of them
# ("Фонд «Наше будущее", "Бюро ООН»"). “ closes „ and opens ”.
PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "(": ")"}
CLOSING = frozenset(PAIRS.values())

MENTION_CACHE = 2048  # items of a collection are read by several field layers in turn


@dataclass(frozen=True)
class _Models:
    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any
    dates: Any
    blas: Any  # threadpoolctl's controller of numpy's BLAS


@dataclass(frozen=True)
class TaggedSpan:
    """A span the NER model tagged, with the razdel tokens it covers."""

    kind: str
    start: int
    end: int
    tokens: tuple[DocToken, ...]


def load() -> None:
    """Load the models now rather than on first use (events.load)."""
    _models()
    _vocab()


@lru_cache(maxsize=1)
def _vocab() -> MorphVocab:
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=1)
def _models() -> _Models:
    from natasha import (
        DatesExtractor,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )
    from threadpoolctl import ThreadpoolController

    embedding = NewsEmbedding()
    return _Models(
        segmenter=Segmenter(),
        ner=NewsNERTagger(embedding),
        morph=NewsMorphTagger(embedding),
        syntax=NewsSyntaxParser(embedding),
        dates=DatesExtractor(_vocab()),
        blas=ThreadpoolController(),
    )


# Characters of an item Natasha reads: a news item is shorter; its taggers and parsers
# take seconds on a page-long list of dates (16 s on 32 KB, measured).
NATASHA_READS = 12_000


def russian_mentions(text: str) -> list[NamedMention]:
    """Every organization, place, person and date Natasha finds in `text`, in text order."""
    return list(_mentions(text))


@lru_cache(maxsize=MENTION_CACHE)
def _mentions(text: str) -> tuple[NamedMention, ...]:
    if not CYRILLIC.search(text):
        return ()
    text = text[:NATASHA_READS]  # offsets stay the text's: only the end goes unread
    models = _models()
    # slovnet's layers are small matrix products: OpenBLAS's threads only fight over the
    # cores (5-10 times slower on a busy 2-core machine, measured on the sample's items).
    with models.blas.limit(limits=1, user_api="blas"):
        doc = _tagged(text, models)
    found = [*_name_mentions(doc), *_date_mentions(doc, models.dates)]
    return tuple(sorted(found, key=lambda m: (m.span.start, m.span.end)))


@lru_cache(maxsize=65536)
def names_people(word: str) -> bool:
    """Whether a lower-case Russian word is, in its likeliest reading, an animate noun
    ("офицеров", "сотрудниц", "пограничников"): after a number it counts people, whatever
    their trade, with no list of trades to keep."""
    if not CYRILLIC.search(word):
        return False
    forms = _vocab()(word.lower())
    return bool(forms) and forms[0].pos == "NOUN" and forms[0].feats.get("Animacy") == "Anim"


@lru_cache(maxsize=65536)
def is_genitive(word: str) -> bool:
    """Whether a Russian noun or adjective reads likeliest as a genitive: the words that
    carry a name on ("Центра международной торговли", "Федерального Собрания"). An
    indeclinable word ("Бюро", "МГИМО") reads as a nominative first: it begins the next
    phrase rather than carrying the name on."""
    if not CYRILLIC.search(word):
        return False
    forms = _vocab()(word.lower())
    return bool(forms) and forms[0].pos in ("NOUN", "ADJ") and forms[0].feats.get("Case") == "Gen"


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a Russian word, lower case: pymorphy2's likeliest reading.

    Out of context, so "дела" reads as "дело"; a word with no Cyrillic is only lower-cased.
    """
    if not CYRILLIC.search(word):
        return word.lower()
    forms = _vocab()(word.lower())
    return forms[0].normal if forms else word.lower()


def _tagged(text: str, models: _Models) -> Doc:
    """The text segmented and NER-tagged; morphology (and syntax, for organizations) only on
    the sentences that hold a span, since only their names are put in the nominative."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner)
    named = [s for s in doc.sents if s.spans]
    _tag_morph(named, models.morph)
    _parse_syntax([s for s in named if any(sp.type == "ORG" for sp in s.spans)], models.syntax)
    return doc


def _tag_morph(sents: list[DocSent], tagger: Any) -> None:
    markups = tagger.map([[t.text for t in s.tokens] for s in sents])
    for sent, markup in zip(sents, markups, strict=True):
        for token, tagged in zip(sent.tokens, markup.tokens, strict=True):
            token.pos, token.feats = tagged.pos, tagged.feats


def _parse_syntax(sents: list[DocSent], parser: Any) -> None:
    markups = parser.map([[t.text for t in s.tokens] for s in sents])
    for n, (sent, markup) in enumerate(zip(sents, markups, strict=True)):
        for token, parsed in zip(sent.tokens, markup.tokens, strict=True):
            # Ids made unique across sentences, as natasha.doc does.
            token.id, token.head_id = f"{n}_{parsed.id}", f"{n}_{parsed.head_id}"


def _name_mentions(doc: Doc) -> list[NamedMention]:
    found = [
        TaggedSpan(KINDS[s.type], s.start, s.stop, tuple(s.tokens or ()))
        for s in doc.spans
        if s.type in KINDS
    ]
    following = {t.start: doc.tokens[i + 1] for i, t in enumerate(doc.tokens[:-1])}
    mentions = []
    for joined in join_split_organizations(found, doc.text):
        f = balance_marks(joined, following.get(joined.tokens[-1].start) if joined.tokens else None)
        written = doc.text[f.start : f.end]
        mentions.append(NamedMention(f.kind, Span(f.start, f.end, written), _normal(f) or written))
    return mentions


def join_split_organizations(found: list[TaggedSpan], text: str) -> list[TaggedSpan]:
    """Two organization spans with only spaces between are one name.

    slovnet often tags a name's head and its abbreviated complement as two organizations:
    "Бюро" + "МОМ", "Исполкома" + "СНГ", "УВКБ" + "ООН" (three items of the sample pages).
    """
    joined: list[TaggedSpan] = []
    for f in found:
        last = joined[-1] if joined else None
        if last and last.kind == f.kind == "org" and SPACES.fullmatch(text[last.end : f.start]):
            joined[-1] = TaggedSpan("org", last.start, f.end, last.tokens + f.tokens)
        else:
            joined.append(f)
    return joined


def balance_marks(found: TaggedSpan, following: DocToken | None) -> TaggedSpan:
    """A name's quotes and brackets are paired: an opening mark left open takes in the closing
    one right after the span ("Фонд «Наше будущее»"); else a stray mark at an edge is dropped
    ("«Бюро ООН»" tagged as "Бюро ООН»" gives "Бюро ООН")."""
    tokens = found.tokens
    unclosed, stray = _unpaired(tokens)
    if not unclosed and not stray:
        return found
    if len(unclosed) == 1 and not stray and following and following.text == PAIRS[unclosed[0]]:
        tokens = (*tokens, following)
    else:
        while tokens and (tokens[0].text in PAIRS or tokens[-1].text in CLOSING):
            tokens = tokens[1:] if tokens[0].text in PAIRS else tokens[:-1]
        if not tokens or _unpaired(tokens) != ([], False):
            return found  # a mark inside the name: the span is kept as slovnet gave it
    return TaggedSpan(found.kind, tokens[0].start, tokens[-1].stop, tokens)


def _unpaired(tokens: tuple[DocToken, ...]) -> tuple[list[str], bool]:
    """The opening marks left open, and whether some closing mark opened nowhere."""
    opened: list[str] = []
    stray = False
    for token in tokens:
        if opened and token.text == PAIRS[opened[-1]]:
            opened.pop()
        elif token.text in PAIRS:
            opened.append(token.text)
        elif token.text in CLOSING:
            stray = True
    return opened, stray


def _normal(found: TaggedSpan) -> str:
    """The name in the nominative, each word in the shape (capitals) it was written in.

    A place or person: every word (natasha's own rule). An organization: only its head and the
    adjectives agreeing with it, found by the syntax parse (natasha's rule), so that
    "Министерства внутренних дел" -> "Министерство внутренних дел".
    """
    from natasha.shape import recover_shape

    tokens = found.tokens
    heads = _heads(tokens) if found.kind == "org" else set(range(len(tokens)))
    words = []
    for i, token in enumerate(tokens):
        word = _nominative(token) if i in heads else None
        gap = " " if i and token.start > tokens[i - 1].stop else ""
        words.append(gap + (recover_shape(word, token.text) if word else token.text))
    return "".join(words)


def _heads(tokens: tuple[DocToken, ...]) -> set[int]:
    """Positions of an organization's words to put in the nominative: natasha's choice (the
    span's syntactic roots, and the adjectives and participles under them), stopping at the
    first preposition, whose noun keeps the case the preposition gives it ("организации по
    миграции" even where the parser hangs "миграции" outside the span)."""
    from natasha.norm import select_inflectable

    cut = next((i for i, t in enumerate(tokens) if t.pos == PREPOSITION), len(tokens))
    before = tokens[:cut]
    if any(t.head_id is None for t in before):
        return set()
    ids = set(select_inflectable(list(before)))
    return {i for i, t in enumerate(before) if t.id in ids}


def _nominative(token: DocToken) -> str | None:
    """The token's nominative, or None where it is already one or does not inflect."""
    feats = token.feats or {}
    if token.pos not in INFLECTED or feats.get("Case") == "Nom":
        return None
    return _nominative_of(token.text.lower(), token.pos, tuple(sorted(feats.items())))


@lru_cache(maxsize=65536)
def _nominative_of(word: str, pos: str, feats: tuple[tuple[str, str], ...]) -> str | None:
    """The nominative of the reading of `word` that the tagger's (pos, feats) name.

    Of the lexeme's nominatives with the same other grammemes, the one nearest the written
    word: pymorphy2 files "высшей" under "высокий", where inflect() gives "высочайшая".
    """
    from natasha.norm import select_form

    form = select_form(_vocab()(word), pos, dict(feats))
    if form is None:
        return None
    wanted = (set(form.tag.grammemes) - CASES) | {NOMINATIVE}
    candidates = [f.word for f in form.lexeme if wanted <= set(f.tag.grammemes)]
    if not candidates:
        inflected = form.inflect({"Nom"})
        return inflected.word if inflected else None
    return max(candidates, key=lambda c: _shared_prefix(c, word))


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _date_mentions(doc: Doc, extractor: Any) -> list[NamedMention]:
    mentions = []
    for sent in doc.sents:
        if not DIGIT.search(sent.text):
            continue
        for match in extractor(sent.text):
            start, end = sent.start + match.start, sent.start + match.stop
            fact = (match.fact.year, match.fact.month, match.fact.day)
            span = Span(start, end, doc.text[start:end])
            mentions.append(NamedMention(DATE, span, _iso(*fact), fact))
    return mentions


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    """YYYY-MM-DD, YYYY-MM, YYYY or XXXX-MM-DD: the forms EventDate uses."""
    parts = [f"{year:04d}" if year else "XXXX"]
    parts += [f"{month:02d}"] if month else []
    parts += [f"{day:02d}"] if day and month else []
    return "-".join(parts)
