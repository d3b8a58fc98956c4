"""A decoded page -> its news items.

One set of rules for every site era, from structure rather than class names: boilerplate
is dropped by element role (nav, header, footer, aside, forms, hidden elements, menus);
the rest is flattened into blocks in reading order; an item starts at each heading (an
`h1`-`h6`, a wholly bold paragraph, or a paragraph marked as a title) and takes the body
paragraphs that follow. A heading that links elsewhere makes the item a teaser of that
detail page. A page with body text but no heading is one item titled by `<title>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from pipeline.fields.lang import detect_lang
from pipeline.records import ItemSighting

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
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
    r"skip-link|language-switcher|share|social|tags?|visually-hidden|element-invisible|wm-ipp)"
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
)
BOILERPLATE_CANDIDATES = etree.XPath("//*[@class or @id or @role or @aria-hidden]")
# A cheap test on all of an element's names at once, before the exact token test.
MAY_BE_BOILERPLATE = re.compile("|".join(_NAME_PARTS), re.I)
LINKS = etree.XPath(".//a[@href]")
BOLD_CHILDREN = etree.XPath("./b|./strong")
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
DATE_LINE = re.compile(
    r"^(?:submitted by .{0,40}? on |posted on |published:? )?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-zА-Яа-я]{3,10}\.?\s+\d{4}"
    r"|[A-Za-z]{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[-–]\s*\d{1,2}:\d{2})?\s*$",
    re.I,
)
READ_MORE = re.compile(r"^(read more|more|подробнее|читать далее|далее)\W*$", re.I)
MIN_BODY_CHARS = 150
MAX_HEADING_CHARS = 300
MAX_LINK_DENSITY = 0.5


@dataclass
class Block:
    text: str
    is_heading: bool
    element: lxml.html.HtmlElement
    link: str | None = None
    link_chars: int = 0
    date: str | None = None


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


def segment(html: str, page_url: str) -> Page:
    root = _parse(html)
    if root is None:
        return Page("", "", [])
    page_title = _page_title(root)
    _drop_boilerplate(root)
    body = root.find("body")
    blocks = [b for b in _blocks(body if body is not None else root) if b.text]
    drafts = _group(blocks)
    sightings = [s for i, d in enumerate(drafts) if (s := _sighting(d, i, page_url)) is not None]
    if not sightings:
        whole = _untitled_page(blocks, page_title, page_url)
        sightings = [whole] if whole else []
    return Page(page_title, "\n\n".join(b.text for b in blocks), sightings)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    # lxml refuses str input that still carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _page_title(root: lxml.html.HtmlElement) -> str:
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()"):
        values = root.xpath(xpath)
        if values and str(values[0]).strip():
            # "Article title | Site name": the site's name is not the article's.
            return _clean(str(values[0])).rsplit("|", 1)[0].strip()
    return ""


def _drop_boilerplate(root: lxml.html.HtmlElement) -> None:
    """Boilerplate tags go in one C call; XPath then finds the few elements whose role or
    names may mark boilerplate, and the exact test runs on those alone."""
    etree.strip_elements(
        root, etree.Comment, etree.ProcessingInstruction, *(DROP_TAGS - {"head"}), with_tail=False
    )
    dropped: set[lxml.html.HtmlElement] = set()
    for el in BOILERPLATE_CANDIDATES(root):
        joined = f"{el.get('class', '')} {el.get('id', '')}"
        if not (
            el.get("role") in DROP_ROLES
            or el.get("aria-hidden") == "true"
            or (
                MAY_BE_BOILERPLATE.search(joined)
                and any(BOILERPLATE_TOKEN.match(name) for name in joined.split())
            )
        ):
            continue
        if el.getparent() is not None and not any(a in dropped for a in el.iterancestors()):
            dropped.add(el)
            el.drop_tree()


def _blocks(root: lxml.html.HtmlElement):
    """Blocks in reading order: headings, leaf blocks, and containers without block
    elements inside; loose text between blocks becomes a block of its own."""
    holders = _block_holders(root)
    blocks: list[Block] = []
    # iterwalk, not recursion: one C-driven pass, a unit's subtree skipped once read.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "end":
            if el is not root and el.tail and el.tail.strip():
                blocks.append(Block(_clean(el.tail), False, el.getparent()))
            continue
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in HEADING_TAGS:
            blocks.append(_block(el, heading=True))
            walker.skip_subtree()
        elif tag in LEAF_BLOCKS or (tag in CONTAINERS and tag != "body" and el not in holders):
            blocks.append(_block(el, heading=None))
            walker.skip_subtree()
        elif el.text and el.text.strip():
            blocks.append(Block(_clean(el.text), False, el))
    return blocks


def _block_holders(root: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """Every element with a block element somewhere inside, found in one pass upwards."""
    holders: set[lxml.html.HtmlElement] = set()
    for el in root.iter(*BLOCK_DESCENDANTS):
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _block(el: lxml.html.HtmlElement, *, heading: bool | None) -> Block:
    """heading=None: a heading if it looks like a title."""
    text = _clean(el.text_content())
    if heading is None:
        heading = _looks_like_title(el, text)
    links = LINKS(el)
    link_chars = sum(len(_clean(a.text_content())) for a in links)
    href = links[0].get("href") if heading and links else None
    date = el.get("datetime") if el.tag == "time" else None
    return Block(text, heading and bool(text), el, href, link_chars, date)


def _looks_like_title(el: lxml.html.HtmlElement, text: str) -> bool:
    """A short paragraph that is wholly bold, or is marked as a title by its class."""
    if not text or len(text) > MAX_HEADING_CHARS or NAV_ARROWS.match(text):
        return False
    if TITLE_CLASS.search(el.get("class", "")):
        return True
    bold = "".join(_clean(b.text_content()) for b in BOLD_CHILDREN(el))
    return el.tag in ("p", "div") and bold == text and len(text) > 3


def _clean(text: str) -> str:
    """Whitespace runs, no-break spaces included, collapsed to one space."""
    return " ".join(text.split())


def _group(blocks: list[Block]) -> list[_Draft]:
    """Headings open items; a date line just before a heading (listing cards) or just
    after it (detail pages) is the item's publication date, not its text."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending_date: str | None = None
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.is_heading:
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


def _within_scope(draft: _Draft) -> list[Block]:
    """The body ends where the text leaves the element holding both the heading and the
    first paragraph: the next table cell (a sidebar), the end of a listing card."""
    if draft.heading is None or not draft.body:
        return draft.body
    first = draft.body[0].element
    scope = draft.heading.element.getparent()
    while scope is not None and not _contains(scope, first):
        scope = scope.getparent()
    if scope is None:
        return draft.body
    kept = []
    for block in draft.body:
        if not _contains(scope, block.element):
            break
        kept.append(block)
    return kept


def _contains(ancestor: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> bool:
    node: lxml.html.HtmlElement | None = el
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
    if len(text) < MIN_BODY_CHARS or link_chars > MAX_LINK_DENSITY * len(text):
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
