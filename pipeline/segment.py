"""A decoded page -> its news items.

One set of rules for every site era, from structure rather than class names: boilerplate
is dropped by element role (nav, a header outside an article, footer, aside, forms, hidden
elements, menus, cookie banners); the rest is flattened into blocks in reading order, each
block's text read with mojibake repaired; an item starts at each heading (an `h1`-`h6`, a
wholly bold paragraph, or a paragraph marked as a title) and takes the body paragraphs
that follow, an article's own subheadings included. A heading that links elsewhere makes
the item a teaser of that detail page. A page with body text but no heading is one item
titled by `<title>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree

from pipeline.fields.lang import detect_lang
from pipeline.records import ItemSighting
from pipeline.repair import repair

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "aside",
        "form",
        "select",
        "button",
        "iframe",
        "svg",
        "template",
        "head",
    }
)
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
# Tokens of class/id names that mean boilerplate on any site (as trafilatura and
# readability use them); matched as whole tokens, never as one template's names.
BOILERPLATE_TOKEN = re.compile(
    r"^(?:.*[_-])?(menu|nav|navbar|navigation|footer|sidebar|breadcrumbs?|pager|pagination|"
    r"skip-link|language-switcher|share|social|tags?|visually-hidden|element-invisible|wm-ipp|"
    r"cookies?|consent)"
    r"(?:[_-].*)?$",
    re.I,
)
_NAME_PARTS = (
    "menu",
    "nav",
    "footer",
    "sidebar",
    "breadcrumb",
    "pager",
    "pagination",
    "skip",
    "language",
    "share",
    "social",
    "tag",
    "hidden",
    "invisible",
    "wm-ipp",
    "cookie",
    "consent",
)
BOILERPLATE_CANDIDATES = etree.XPath("//*[@class or @id or @role or @aria-hidden]")
# A cheap test on all of an element's names at once, before the exact token test.
MAY_BE_BOILERPLATE = re.compile("|".join(_NAME_PARTS), re.I)
LINKS = etree.XPath(".//a[@href]")
BOLD_CHILDREN = etree.XPath("./b|./strong|./a/b|./a/strong")  # also a bold link: <a><b>
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LEAF_BLOCKS = frozenset({"p", "li", "dt", "dd", "blockquote", "pre", "time"})
CONTAINERS = frozenset(
    {
        "div",
        "article",
        "section",
        "main",
        "body",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "center",
    }
)
BLOCK_DESCENDANTS = HEADING_TAGS | LEAF_BLOCKS | CONTAINERS
TITLE_CLASS = re.compile(r"(?:^|[\s_-])(title|headline|heading)(?:$|[\s_-])", re.I)
NAV_ARROWS = re.compile(r"^\s*(?:>>|»|›|→)")
# A publication line: "Submitted by admin on Mon, 04/17/2017 - 10:21" (Drupal's Russian
# pages say "Опубликовано admin on ..."), "Posted on 27 October 2013", "12 мая 2015 г.".
DATE_LINE = re.compile(
    r"^(?:(?:submitted|posted|published|опубликовано|размещено|добавлено)(?: by)? .{0,40}? "
    r"(?:on|в) |(?:posted on|published|опубликовано|дата публикации):? )?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? |(?:пн|вт|ср|чт|пт|сб|вс)\w*,? )?"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-zА-Яа-я]{3,10}\.?\s+\d{4}(?:\s*г\.?)?"
    r"|[A-Za-z]{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[-–]\s*\d{1,2}:\d{2})?\s*$",
    re.I,
)
READ_MORE = re.compile(r"^(read more|more|подробнее|читать далее|далее)\W*$", re.I)
MIN_BODY_CHARS = 150
# A page's own article (its h1) is an item with less: stored copies cut at a few hundred
# bytes leave one sentence under the headline (iom.ge, 2018).
MIN_ARTICLE_BODY_CHARS = 60
MAX_HEADING_CHARS = 300
MAX_LINK_DENSITY = 0.5


@dataclass
class Block:
    text: str
    is_heading: bool
    element: etree._Element
    link: str | None = None
    link_chars: int = 0
    date: str | None = None
    repairs: tuple[str, ...] = ()
    rank: int = 0  # of a heading: 1-6 for h1-h6, 7 for a paragraph that looks like a title


@dataclass
class _Draft:
    heading: Block | None
    body: list[Block] = field(default_factory=list)
    page_date: str | None = None


@dataclass(frozen=True)
class Page:
    title: str
    text: str  # the page's text without boilerplate, paragraphs separated by blank lines
    items: list[ItemSighting]
    repairs: tuple[str, ...]  # kinds of mojibake repaired in the title and text, in order


def segment(html: str, page_url: str) -> Page:
    root = _parse(html)
    if root is None:
        return Page("", "", [], ())
    page_title, title_repairs = _page_title(root)
    _drop_boilerplate(root)
    body = root.find("body")
    blocks = [b for b in _blocks(body if body is not None else root) if b.text]
    drafts = _group(blocks)
    sightings = [s for i, d in enumerate(drafts) if (s := _sighting(d, i, page_url)) is not None]
    if not sightings:
        whole = _untitled_page(blocks, page_title, page_url)
        sightings = [whole] if whole else []
    repairs = (kind for part in (title_repairs, *(b.repairs for b in blocks)) for kind in part)
    return Page(
        page_title, "\n\n".join(b.text for b in blocks), sightings, tuple(dict.fromkeys(repairs))
    )


def _parse(html: str) -> etree._Element | None:
    # lxml refuses str input that still carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    if not html.strip():
        return None
    # Plain etree elements, not lxml.html's: its element class lookup runs for every node
    # the walk touches and costs more than the parse. A parser per call: they are not
    # safe to share between threads.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(html, parser)
    except (etree.ParserError, ValueError):
        return None


def _page_title(root: etree._Element) -> tuple[str, tuple[str, ...]]:
    og_title = title = ""
    for el in root.iter("meta", "title"):
        if el.tag == "title":
            title = title or el.text or ""
        elif el.get("property") == "og:title":
            og_title = og_title or el.get("content", "")
    text, repairs = _read(og_title if og_title.strip() else title)
    # "Article title | Site name": the site's name is not the article's.
    return text.rsplit("|", 1)[0].strip(), repairs


def _drop_boilerplate(root: etree._Element) -> None:
    """Boilerplate tags go in one C call; XPath then finds the few elements whose role or
    names may mark boilerplate, and the exact test runs on those alone."""
    etree.strip_elements(root, *(DROP_TAGS - {"head"}), with_tail=False)
    # A page's header is boilerplate; an article's own <header> holds its title and date.
    page_headers = [
        h for h in root.iter("header") if next(h.iterancestors("article"), None) is None
    ]
    for header in page_headers:
        if header.getparent() is not None:
            _drop_tree(header)
    dropped: set[etree._Element] = set()
    for el in BOILERPLATE_CANDIDATES(root):
        if not (
            el.get("role") in DROP_ROLES
            or el.get("aria-hidden") == "true"
            or _names_boilerplate(el.get("class", ""), el.get("id", ""))
        ):
            continue
        if el.getparent() is not None and not any(a in dropped for a in el.iterancestors()):
            dropped.add(el)
            _drop_tree(el)


@lru_cache(maxsize=8192)
def _names_boilerplate(classes: str, id_: str) -> bool:
    """Cached: a site's pages repeat the same few hundred class names."""
    joined = f"{classes} {id_}"
    return bool(MAY_BE_BOILERPLATE.search(joined)) and any(
        BOILERPLATE_TOKEN.match(name) for name in joined.split()
    )


def _drop_tree(el: etree._Element) -> None:
    """Remove an element and its subtree but keep the text that follows it."""
    parent = el.getparent()
    assert parent is not None
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def _blocks(root: etree._Element):
    """Blocks in reading order: headings, leaf blocks, and containers without block
    elements inside; loose text between blocks becomes a block of its own."""
    holders = _block_holders(root)
    blocks: list[Block] = []
    # iterwalk, not recursion: one C-driven pass, a unit's subtree skipped once read.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "end":
            if el is not root and el.tail and el.tail.strip():
                blocks.append(_loose_text(el.tail, el.getparent()))
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in HEADING_TAGS:
            blocks.append(_block(el, heading=True))
            walker.skip_subtree()
        elif tag in LEAF_BLOCKS or (tag in CONTAINERS and tag != "body" and el not in holders):
            blocks.append(_block(el, heading=None))
            walker.skip_subtree()
        elif el.text and el.text.strip():
            blocks.append(_loose_text(el.text, el))
    return blocks


def _loose_text(raw: str, el: etree._Element) -> Block:
    text, repairs = _read(raw)
    return Block(text, False, el, repairs=repairs)


def _block_holders(root: etree._Element) -> set[etree._Element]:
    """Every element with a block element somewhere inside, found in one pass upwards."""
    holders: set[etree._Element] = set()
    for el in root.iter(*BLOCK_DESCENDANTS):
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _block(el: etree._Element, *, heading: bool | None) -> Block:
    """heading=None: a heading if it looks like a title."""
    text, repairs = _read(_text_of(el))
    if heading is None:
        heading = _looks_like_title(el, text)
    links = LINKS(el)
    link_chars = sum(len(_read(_text_of(a))[0]) for a in links)
    href = _link_of(el, links) if heading else None
    date = el.get("datetime") if el.tag == "time" else None
    rank = int(el.tag[1]) if el.tag in HEADING_TAGS else 7
    return Block(text, heading and bool(text), el, href, link_chars, date, repairs, rank)


def _link_of(heading: etree._Element, links: list[etree._Element]) -> str | None:
    """Where a heading links: a link inside it, or one around it (a card whose heading
    sits inside its <a>)."""
    if links:
        return links[0].get("href")
    around = next((a for a in heading.iterancestors("a") if a.get("href")), None)
    return around.get("href") if around is not None else None


def _looks_like_title(el: etree._Element, text: str) -> bool:
    """A short paragraph that is wholly bold, or is marked as a title by its class."""
    if not text or len(text) > MAX_HEADING_CHARS or NAV_ARROWS.match(text):
        return False
    if TITLE_CLASS.search(el.get("class", "")):
        return True
    bold = "".join(_read(_text_of(b))[0] for b in BOLD_CHILDREN(el))
    return el.tag in ("p", "div") and bold == text and len(text) > 3


def _text_of(el: etree._Element) -> str:
    """All the text inside an element, serialized by libxml2 in one call."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _read(raw: str) -> tuple[str, tuple[str, ...]]:
    """Text as a reader sees it: mojibake repaired, whitespace collapsed. Repair runs on
    text, not markup: a page is mostly markup, and scanning it all costs more than parsing."""
    text, repairs = repair(raw)
    return _clean(text), repairs


def _clean(text: str) -> str:
    """Whitespace runs, no-break spaces included, collapsed to one space."""
    return " ".join(text.split())


def _group(blocks: list[Block]) -> list[_Draft]:
    """Headings open items, except an article's own subheadings; a date line just before
    a heading (listing cards) or just after it (detail pages) is the item's publication
    date, not its text."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending_date: str | None = None
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.is_heading and current is not None and _is_subheading(block, current):
            current.body.append(block)
        elif block.is_heading:
            current = _Draft(block, page_date=pending_date)
            drafts.append(current)
            pending_date = None
        elif _is_date_line(block) and following is not None and following.is_heading:
            pending_date = block.date or block.text
        elif current is not None:
            if not current.body and current.page_date is None and _is_date_line(block):
                current.page_date = block.date or block.text
                continue
            current.body.append(block)
    for draft in drafts:
        draft.body = _within_scope(draft)
    return drafts


def _is_subheading(heading: Block, draft: _Draft) -> bool:
    """A heading inside an article ("Background", "Quote", a bold lead-in): below the
    heading of an article (its h1) or of a teaser (a heading linking to its detail page),
    linking nowhere itself, after the article's first paragraphs and inside the element
    that holds them. A listing's h1 ("News") has no body of its own before its items; a
    section heading with an introduction ("Welcome") is neither, so its items stay items."""
    own = draft.heading
    if own is None or not (own.rank == 1 or own.link):
        return False
    if heading.rank <= own.rank or heading.link:
        return False
    if sum(len(block.text) for block in draft.body) < MIN_BODY_CHARS:
        return False
    scope = _scope(draft)
    return scope is not None and _contains(scope, heading.element)


def _scope(draft: _Draft) -> etree._Element | None:
    """The element holding both the heading and the first paragraph."""
    if draft.heading is None or not draft.body:
        return None
    first = draft.body[0].element
    scope = draft.heading.element.getparent()
    while scope is not None and not _contains(scope, first):
        scope = scope.getparent()
    return scope


def _within_scope(draft: _Draft) -> list[Block]:
    """The body ends where the text leaves the element holding both the heading and the
    first paragraph: the next table cell (a sidebar), the end of a listing card."""
    scope = _scope(draft)
    if scope is None:
        return draft.body
    kept = []
    for block in draft.body:
        if not _contains(scope, block.element):
            break
        kept.append(block)
    return kept


def _contains(ancestor: etree._Element, el: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _is_date_line(block: Block) -> bool:
    return block.date is not None or bool(DATE_LINE.match(block.text))


def _body_text(body: list[Block]) -> tuple[str, int]:
    """Body paragraphs without the trailing links ("Read more", tags, archive links)."""
    body = list(body)
    while body and (READ_MORE.match(body[-1].text) or body[-1].link_chars >= len(body[-1].text)):
        body.pop()
    text = "\n\n".join(_dedupe_adjacent([b.text for b in body]))
    return text, sum(b.link_chars for b in body)


def _dedupe_adjacent(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        if not out or out[-1] != p:
            out.append(p)
    return out


def _sighting(draft: _Draft, position: int, page_url: str) -> ItemSighting | None:
    assert draft.heading is not None
    text, link_chars = _body_text(draft.body)
    least = MIN_ARTICLE_BODY_CHARS if draft.heading.rank == 1 else MIN_BODY_CHARS
    if len(text) < least or link_chars > MAX_LINK_DENSITY * len(text):
        return None
    title = draft.heading.text
    link = draft.heading.link
    url = urljoin(page_url, link) if link else page_url
    return ItemSighting(
        title=title,
        text=f"{title}\n\n{text}",
        url=url.split("#")[0],
        is_detail_link=link is not None and url != page_url,
        lang=detect_lang(text),
        page_url=page_url,
        position=position,
        page_date=draft.page_date,
    )


def _untitled_page(blocks: list[Block], page_title: str, page_url: str) -> ItemSighting | None:
    body = [b for b in blocks if not b.is_heading]
    page_date = None
    while body and _is_date_line(body[0]):
        page_date = page_date or body[0].date or body[0].text
        body = body[1:]
    text, link_chars = _body_text(body)
    if len(text) < MIN_BODY_CHARS or link_chars > MAX_LINK_DENSITY * len(text):
        return None
    full = f"{page_title}\n\n{text}" if page_title else text
    return ItemSighting(
        title=page_title,
        text=full,
        url=page_url,
        is_detail_link=False,
        lang=detect_lang(text),
        page_url=page_url,
        position=0,
        page_date=page_date,
    )
