"""A decoded page -> its news items.

One set of rules for every site era, from structure rather than class names:
`pipeline.layout` drops boilerplate by element role and generic name tokens and makes
every run of loose text a block (`<br><br>` paragraphs, a bold line ended by `<br>`); the
blocks are read in order, each block's text with mojibake repaired; rows of links (share
buttons, tags) are left out wherever they sit; an item starts at each heading (an
`h1`-`h6`, a wholly bold paragraph, or a paragraph marked as a title) and takes the body
paragraphs that follow, an article's own subheadings included, its publication line (and
the labels in that line's box) read as its date. A heading that links elsewhere makes the
item a teaser of that detail page. The page's own article (its h1, or the heading its
`<title>` repeats) may be shorter than a teaser. A page with body text but no heading is
one item titled by `<title>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from pipeline.fields.lang import detect_lang
from pipeline.fields.text import PHOTO_CREDIT
from pipeline.layout import (
    CONTAINERS,
    HEADING_TAGS,
    LEAF_BLOCKS,
    block_holders,
    drop_boilerplate,
    is_bold,
    is_date_element,
    is_date_line,
    title_class,
)
from pipeline.records import ItemSighting
from pipeline.repair import repair

NAV_ARROWS = re.compile(r"^\s*(?:>>|»|›|→)")
READ_MORE = re.compile(
    r"^(read more|more|continue reading|read the full (?:story|article)|learn more|подробнее|"
    r"читать далее|далее)\W*$",
    re.I,
)
MIN_BODY_CHARS = 150
# Text before a page's first heading that is an article, not a listing's introduction.
MIN_UNTITLED_ARTICLE_CHARS = 600
# A page's own article (its h1) is an item with less: stored copies cut at a few hundred
# bytes leave one sentence under the headline (iom.ge, 2018).
MIN_ARTICLE_BODY_CHARS = 60
MAX_HEADING_CHARS = 300
MAX_LINK_DENSITY = 0.5
WORD_CHARACTER = re.compile(r"\w")
# A publication line's own box (Joomla's <dl class="article-info">: "Details", "Written by
# Admin", the date, "Hits: 1234") holds short labels, not sentences.
MAX_META_LABEL_CHARS = 60
MAX_LABEL_BOX_LEVELS = 3  # the date's element, a field's items, the field with its label
SENTENCE_END = re.compile(r"[.!?…]\W*$")
# A field's label on its own: one to three words and a colon ("Country:", "Теги:").
FIELD_LABEL = re.compile(r"^[^\W\d_][\w’'&/-]*(?:\s+[\w’'&/-]+){0,2}\s*:$")
CREDIT_LINE = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.I)
ORIGIN = re.compile(r"^https?://[^/?#]+")
# A block holding a <time> and little else is a publication line ("Posted on <time>").
MAX_DATE_LINE_EXTRA = 40
# Wholly bold, these are titles: a paragraph, an old table cell, a <font> line.
BOLD_TITLE_TAGS = frozenset({"p", "div", "td", "center"})
# A heading its <title> repeats is the page's own, if it says more than "News".
MIN_OWN_TITLE_CHARS = 10


@dataclass(slots=True)
class Block:
    text: str
    is_heading: bool
    element: etree._Element
    link: str | None = None
    link_chars: int = 0
    date: str | None = None
    repairs: tuple[str, ...] = ()
    rank: int = 0  # of a heading: 1-6 for h1-h6, 7 for a paragraph that looks like a title
    link_list: bool = False  # several links and nothing else: share buttons, tags
    dated: bool = False  # a publication line: a date and little else (never a heading)


@dataclass
class _Draft:
    heading: Block | None
    body: list[Block] = field(default_factory=list)
    page_date: str | None = None
    own: bool = False  # the page's own article: its h1, or the heading its <title> repeats


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
    drop_boilerplate(root)
    body = root.find("body")
    blocks = [b for b in _blocks(body if body is not None else root) if b.text]
    # Rows of several links and no other words (share buttons, tags, "see also" rows)
    # are left out wherever they sit; partners named in a sentence are text.
    content = [b for b in blocks if not b.link_list]
    drafts = _group(content, page_title)
    sightings = [s for i, d in enumerate(drafts) if (s := _sighting(d, i, page_url)) is not None]
    if not sightings:
        whole = _untitled_page(content, page_title, page_url)
        sightings = [whole] if whole else []
    elif untitled := _untitled_article(content, page_title, page_url):
        sightings = [untitled, *sightings]
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


def _blocks(root: etree._Element):
    """Blocks in reading order: headings, leaf blocks, and containers without block
    elements inside (loose text between blocks was made a block by block_holders)."""
    holders = block_holders(root)
    # The elements holding a <time>: a block looks for its date only if it is one of them.
    dated = {a for time in root.iter("time") for a in (time, *time.iterancestors())}
    blocks: list[Block] = []
    append = blocks.append
    # iterwalk, not recursion: one C-driven pass, a unit's subtree skipped once read. No
    # text lies between blocks any more (block_holders wrapped it), so no "end" events.
    walker = etree.iterwalk(root, events=("start",))
    skip = walker.skip_subtree
    for _event, el in walker:
        # A comment's or entity's tag is a function: in none of the tag sets, as "".
        tag = el.tag
        if tag in HEADING_TAGS:
            append(_block(el, True, False))
            skip()
        elif (tag in LEAF_BLOCKS or (tag in CONTAINERS and tag != "body")) and el not in holders:
            # An <li> or <blockquote> holding headings and paragraphs (a listing as a <ul>)
            # is read as the container it is.
            append(_block(el, None, el in dated))
            skip()
        else:
            text = el.text
            if text and text.strip():
                append(_loose_text(text, el))
    return blocks


def _loose_text(raw: str, el: etree._Element) -> Block:
    text, repairs = _read(raw)
    return Block(text, False, el, repairs=repairs, dated=_dated(None, text))


def _block(el: etree._Element, heading: bool | None, has_time: bool) -> Block:
    """heading=None: a heading if it looks like a title. The common case, a paragraph
    without links, makes a handful of calls: a page of listing teasers has sixty blocks."""
    text, repairs = repair(_text_of(el))
    text = " ".join(text.split())  # _clean, inline: this runs for every block
    tag = el.tag
    if heading is None:
        heading = _looks_like_title(el, text)
    links = [a for a in el.iter("a") if a.get("href") is not None]
    if links:
        # Link texts need repair only where the block's text did (repair costs more).
        if repairs:
            link_texts = [_read(_text_of(a))[0] for a in links]
        else:
            link_texts = [" ".join(_text_of(a).split()) for a in links]
        link_chars = sum(map(len, link_texts))
        link_list = len(links) >= 2 and not heading and _only_links(text, link_texts)
    else:
        link_chars, link_list = 0, False
    if heading:
        href = _link_of(el, links)
        text, date = _heading_date(el, text)
    else:
        href = None
        date = _date_of(el, text) if has_time else None
    rank = int(tag[1]) if tag in HEADING_TAGS else 7
    is_heading = bool(heading and text)
    dated = not is_heading and _dated(date, text)
    return Block(text, is_heading, el, href, link_chars, date, repairs, rank, link_list, dated)


def _heading_date(el: etree._Element, text: str) -> tuple[str, str | None]:
    """A date inside a heading, before or after the title ("<h3><a>Title</a> <small
    class=date>..</small></h3>"), is the item's date, not its title's words."""
    if not len(el):
        return text, None
    for inner in el.iterdescendants():
        if not is_date_element(inner):
            continue
        shown = _clean(_text_of(inner))
        title = text.removesuffix(shown) if text.endswith(shown) else text.removeprefix(shown)
        title = title.strip(" -–|,")
        if shown and title != text and title and (inner.tag == "time" or _dated(None, shown)):
            return title, inner.get("datetime") or shown
    return text, None


def _only_links(text: str, link_texts: list[str]) -> bool:
    """Nothing but the links and the separators between them ("Facebook | Twitter")."""
    for link_text in link_texts:
        text = text.replace(link_text, "", 1)
    return not WORD_CHARACTER.search(text)


def _dated(date: str | None, text: str) -> bool:
    """A publication line: a date and little else."""
    return date is not None or is_date_line(text)


def _date_of(el: etree._Element, text: str) -> str | None:
    """The date of a publication line built around a <time>: "Posted on <time> by admin",
    a card's date div. Its datetime attribute if it has one, else the date as shown."""
    time = el if el.tag == "time" else el.find(".//time")
    if time is None:
        return None
    shown = _clean(_text_of(time))
    if len(text) - len(shown) > MAX_DATE_LINE_EXTRA:
        return None  # a sentence that mentions a date
    return time.get("datetime") or shown or None


def _link_of(heading: etree._Element, links: list[etree._Element]) -> str | None:
    """Where a heading links: a link inside it, or one around it (a card whose heading
    sits inside its <a>)."""
    if links:
        return links[0].get("href")
    around = next((a for a in heading.iterancestors("a") if a.get("href")), None)
    return around.get("href") if around is not None else None


def _looks_like_title(el: etree._Element, text: str) -> bool:
    """A short paragraph that is wholly bold, or is marked as a title by its class; never
    a photo's caption, whatever its class says (Tilda names a caption "t107__title")."""
    if not text or len(text) > MAX_HEADING_CHARS or NAV_ARROWS.match(text):
        return False
    titled = (
        title_class(el.get("class", ""))
        or (len(el) == 1 and title_class(_only_child(el).get("class", "")))
        or (el.tag in BOLD_TITLE_TAGS and len(text) > 3 and is_bold(el))
    )
    return titled and not PHOTO_CREDIT.search(text)


def _only_child(el: etree._Element) -> etree._Element:
    """The one element a block consists of (a run wrapped around a title link), else the
    block itself."""
    if len(el) != 1 or (el.text and not el.text.isspace()):
        return el
    child = el[0]
    return el if child.tail and not child.tail.isspace() else child


def _text_of(el: etree._Element) -> str:
    """All the text inside an element, serialized by libxml2 in one call."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _read(raw: str) -> tuple[str, tuple[str, ...]]:
    """Text as a reader sees it: mojibake repaired, whitespace collapsed. Repair runs on
    text, not markup: a page is mostly markup, and scanning it all costs more than parsing."""
    text, repairs = repair(raw)
    return _clean(text), repairs


def _plain(raw: str) -> tuple[str, tuple[str, ...]]:
    return _clean(raw), ()


def _clean(text: str) -> str:
    """Whitespace runs, no-break spaces included, collapsed to one space."""
    return " ".join(text.split())


def _is_own_title(heading: Block, page_title: str) -> bool:
    """The page's own article: its h1, or a heading the page's <title> repeats (an
    article titled by an <h2> or a bold line, "Title - Site" in the title bar)."""
    if heading.rank == 1:
        return True
    text = heading.text.casefold()
    return len(text) >= MIN_OWN_TITLE_CHARS and text in page_title.casefold()


def _group(blocks: list[Block], page_title: str) -> list[_Draft]:
    """Headings open items, except an article's own subheadings; a date line just before
    a heading (listing cards) or just after it (detail pages) is the item's publication
    date, not its text."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending_date: str | None = None
    labels = _date_labels(blocks) | _field_labels(blocks)
    for index, block in enumerate(blocks):
        if index in labels:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.is_heading and current is not None and _is_subheading(block, current):
            current.body.append(block)
        elif block.is_heading:
            own = _is_own_title(block, page_title)
            current = _Draft(block, page_date=block.date or pending_date, own=own)
            drafts.append(current)
            pending_date = None
        elif _is_date_line(block) and current is not None and _closes(current, block, following):
            current.page_date = block.date or block.text
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


def _closes(draft: _Draft, date: Block, following: Block | None) -> bool:
    """A date line at the end of an item's own element (a card that closes with its date),
    when the item has text and no date yet: its date, not the next item's."""
    if draft.page_date is not None or not draft.body:
        return False
    scope = _scope(draft)
    return (
        scope is not None
        and _contains(scope, date.element)
        and (following is None or not _contains(scope, following.element))
    )


def _date_labels(blocks: list[Block]) -> set[int]:
    """The blocks sharing a date line's box when all of them are short labels: the
    publication box around a date ("Details", "Written by Admin", "Hits: 1234"; Drupal's
    "Date:" field label, a level up from the date)."""
    labels: set[int] = set()
    for index in [n for n, b in enumerate(blocks) if b.dated and not b.is_heading]:
        before = blocks[index - 1] if index else None
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if not any(b is not None and _is_label(b) for b in (before, after)):
            continue  # the common case, a date between a heading and a paragraph
        box = blocks[index].element.getparent()
        for _level in range(MAX_LABEL_BOX_LEVELS):
            if box is None:
                break
            members = _members(blocks, index, box)
            if not all(_is_label(blocks[n]) for n in members):
                break
            labels.update(members)
            box = box.getparent()
    return labels


def _field_labels(blocks: list[Block]) -> set[int]:
    """A CMS's labelled fields inside an article, label and value in a box of their own
    (Drupal 7's "Country: Russian Federation", "Themes: Labour Migration"; "Tags: ..."),
    and a photo's copyright line ("© IOM Moscow 2003"): the page's, not the text's."""
    labels: set[int] = set()
    for index, block in enumerate(blocks):
        text = block.text
        if len(text) <= MAX_META_LABEL_CHARS and CREDIT_LINE.match(text):
            labels.add(index)
        # (the colon first: a page has hundreds of blocks and few labels)
        if not text.endswith(":") or index + 1 == len(blocks) or not FIELD_LABEL.match(text):
            continue
        box = block.element.getparent()
        for _level in range(MAX_LABEL_BOX_LEVELS):
            if box is None or _contains(box, blocks[index + 1].element):
                break
            box = box.getparent()
        members = [] if box is None else _members(blocks, index, box)
        # (a labelled date is the publication line's: "Date: 05/02/2019", _date_labels)
        values = [blocks[n] for n in members]
        if values and all(_is_label(b) and not b.dated for b in values):
            labels.update([index, *members])
    return labels


def _members(blocks: list[Block], index: int, box: etree._Element) -> list[int]:
    """The other blocks inside box, around the block at index (blocks are in order)."""
    first, last = index, index
    while first > 0 and _contains(box, blocks[first - 1].element):
        first -= 1
    while last + 1 < len(blocks) and _contains(box, blocks[last + 1].element):
        last += 1
    return [n for n in range(first, last + 1) if n != index]


def _is_label(block: Block) -> bool:
    return (
        not block.is_heading
        and len(block.text) <= MAX_META_LABEL_CHARS
        and not SENTENCE_END.search(block.text)
    )


def _is_subheading(heading: Block, draft: _Draft) -> bool:
    """A heading inside an article ("Background", "Quote", a bold lead-in): below the
    heading of an article (its h1) or of a teaser (a heading linking to its detail page),
    linking nowhere itself, after the article's first paragraphs and inside the element
    that holds them. A listing's h1 ("News") has no body of its own before its items; a
    section heading with an introduction ("Welcome") is neither, so its items stay items."""
    own = draft.heading
    if own is None or not (draft.own or own.link):
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
    return block.dated


def _body_text(body: list[Block]) -> tuple[str, int]:
    """Body paragraphs without the trailing links ("Read more", tags, archive links)."""
    body = list(body)
    while body and (
        READ_MORE.match(body[-1].text)
        or body[-1].link_chars >= len(body[-1].text)
        or body[-1].is_heading  # a subheading with nothing under it: "Related news"
    ):
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
    least = MIN_ARTICLE_BODY_CHARS if draft.own else MIN_BODY_CHARS
    if len(text) < least or link_chars > MAX_LINK_DENSITY * len(text):
        return None
    title = draft.heading.text
    link = draft.heading.link
    url = _absolute(page_url, link) if link else page_url
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


def _absolute(page_url: str, link: str) -> str:
    """urljoin, with its common cases done directly (it costs as much as a block)."""
    if link.startswith(("http://", "https://")) and "/." not in link:
        return link
    if link.startswith("/") and not link.startswith("//") and "/." not in link:
        match = ORIGIN.match(page_url)
        if match:
            return match.group(0) + link
    return urljoin(page_url, link)


def _untitled_article(blocks: list[Block], page_title: str, page_url: str) -> ItemSighting | None:
    """An article without a heading above the page's other headings ("Related news", "UN
    entities involved in this initiative"): an item of its own, not lost; a listing's
    short introduction is none."""
    first = next((n for n, b in enumerate(blocks) if b.is_heading), len(blocks))
    lead = blocks[:first]
    if sum(len(b.text) for b in lead) < MIN_UNTITLED_ARTICLE_CHARS:
        return None
    return _untitled_page(lead, page_title, page_url)


def _untitled_page(blocks: list[Block], page_title: str, page_url: str) -> ItemSighting | None:
    """A page without a heading is one item: its text without the publication box and
    fields, and without the short lines up to its first date line ("Press Briefing Notes",
    "Press Release", "Kazakhstan - Wed, 06/13/2018 - 15:24"), which date it."""
    labels = _date_labels(blocks) | _field_labels(blocks)
    body = [b for n, b in enumerate(blocks) if not b.is_heading and n not in labels]
    lead = 0
    while lead < len(body) and (_is_date_line(body[lead]) or _is_label(body[lead])):
        lead += 1
    dates = [n for n in range(lead) if _is_date_line(body[n])]
    page_date = (body[dates[0]].date or body[dates[0]].text) if dates else None
    body = body[dates[-1] + 1 :] if dates else body
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
