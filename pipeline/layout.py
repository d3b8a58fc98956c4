"""A parsed page -> a tree whose blocks are explicit, boilerplate gone.

Two steps before segmentation reads blocks, both from structure and generic names, never
from one template's class names:

- boilerplate goes by element role (nav, a page header, footer, aside, forms, dialogs,
  hidden elements) and by the name tokens that mean boilerplate on any site (the ones
  readability and trafilatura use: menu, sidebar, share, related, comments, newsletter...);
- text that sits directly in a container between blocks becomes a block of its own, as a
  browser's "anonymous block box" does: `<div><strong>Title</strong><p>...</p></div>`,
  `<td>para<br><br>para</td>` (old table layouts separate paragraphs with `<br><br>`, and
  end a bold title line with one `<br>`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from pipeline.fields.text import PUBLICATION_LABELS

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "aside",
        "select",
        "button",
        "iframe",
        "svg",
        "template",
        "head",
    }
)
DROP_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog"}
)
# Tokens of class/id names that mean boilerplate on any site (as trafilatura and
# readability use them); matched as whole tokens, never as one template's names.
BOILERPLATE_TOKENS = (
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "sidebar",
    "breadcrumbs?",
    "pager",
    "pagination",
    "skip-link",
    "language-switcher",
    "share",
    "social",
    "tags?",
    "visually-hidden",
    "element-invisible",
    "wm-ipp",
    "screen-reader",
    "sr-only",
    "cookies?",
    "consent",
    "gdpr",
    "related",
    "comments?",
    "newsletter",
    "subscribe",
    "signup",
    "byline",
)
BOILERPLATE_TOKEN = re.compile(
    r"^(?:.*[_-])?(" + "|".join(BOILERPLATE_TOKENS) + r")(?:[_-].*)?$",
    re.I,
)
BOILERPLATE_CANDIDATES = etree.XPath("descendant::*[@class or @id or @role or @aria-hidden]")
# A cheap test on all of an element's names at once, before the exact token test.
MAY_BE_BOILERPLATE = re.compile("|".join(BOILERPLATE_TOKENS), re.I)
HEADER_SCOPES = ("article", "main", "section", "aside", "nav")
# The page's and the article's own elements name what they hold ("has-sidebar" and
# "sidebar-first" on WordPress and Drupal 7 bodies, "tag-migration" on a WordPress post),
# not themselves: their names never make them boilerplate.
CONTENT_TAGS = frozenset({"html", "body", "main", "article"})
# A form that holds the page's content: ASP.NET Web Forms wrap the whole body in one.
PAGE_CONTENT = etree.XPath("boolean(.//h1|.//main|.//article)")

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LEAF_BLOCKS = frozenset({"p", "li", "dt", "dd", "blockquote", "pre"})
CONTAINERS = frozenset(
    {
        "div",
        "article",
        "section",
        "main",
        "body",
        "header",
        "form",
        "figure",
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
BLOCK_TAGS = HEADING_TAGS | LEAF_BLOCKS | CONTAINERS
STRUCTURE_TAGS = frozenset({"table", "tbody", "thead", "tr", "ul", "ol", "dl"})
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BOLD_TAGS = frozenset({"b", "strong"})
# Text outside <b>/<strong> (ancestors above the element count too: rare, and bold).
NON_BOLD_TEXT = etree.XPath(
    "boolean(.//text()[not(ancestor::b or ancestor::strong)][normalize-space(.) != ''])"
)
# An element named as a date, by class or schema.org itemprop: "news-date-time" (1C-Bitrix),
# "date-display-single" (Drupal 7), "datePublished".
DATE_NAME = re.compile(
    r"(?:^|[\s_-])(?:date|time|datetime|pubdate)(?:$|[\s_-])|datePublished", re.I
)


def drop_boilerplate(root: etree._Element) -> None:
    """Boilerplate tags go in one C call; XPath then finds the few elements whose role or
    names may mark boilerplate, and the exact test runs on those alone."""
    etree.strip_elements(root, *(DROP_TAGS - {"head"}), with_tail=False)
    # A page's header is boilerplate; an article's (a section's, the main content's) own
    # <header> holds its title and date: HTML makes a <header> a banner only outside them.
    page_headers = [
        h for h in root.iter("header") if next(h.iterancestors(*HEADER_SCOPES), None) is None
    ]
    forms = [f for f in root.iter("form") if not _wraps_page(f)]
    for el in (*page_headers, *forms):
        if el.getparent() is not None:
            drop_tree(el)
    dropped: set[etree._Element] = set()
    # Layout wrappers around the headline, found once: names on them are about the layout.
    wrappers = {a for h1 in root.iter("h1") for a in h1.iterancestors()}
    for el in BOILERPLATE_CANDIDATES(root):
        if not (
            el.get("role") in DROP_ROLES
            or el.get("aria-hidden") == "true"
            or (
                el.tag not in CONTENT_TAGS
                and el not in wrappers
                and _names_boilerplate(el.get("class", ""), el.get("id", ""))
            )
        ):
            continue
        if el.getparent() is not None and not any(a in dropped for a in el.iterancestors()):
            dropped.add(el)
            drop_tree(el)


def _wraps_page(form: etree._Element) -> bool:
    """A form that is the body's own wrapper, or holds the article, is the page, not a
    form (ASP.NET Web Forms: `<body><form id="aspnetForm">` around everything)."""
    parent = form.getparent()
    return (parent is not None and parent.tag == "body") or bool(PAGE_CONTENT(form))


@lru_cache(maxsize=8192)
def _names_boilerplate(classes: str, id_: str) -> bool:
    """Cached: a site's pages repeat the same few hundred class names."""
    joined = f"{classes} {id_}"
    return bool(MAY_BE_BOILERPLATE.search(joined)) and any(
        BOILERPLATE_TOKEN.match(name) for name in joined.split()
    )


def drop_tree(el: etree._Element) -> None:
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


# A publication line: "Submitted by admin on Mon, 04/17/2017 - 10:21" (Drupal's Russian
# pages say "Опубликовано admin on ..."), "Posted on 27 October 2013", "12 мая 2015 г.".
DATE_LINE = re.compile(
    # (Drupal 7 on iom.int puts the country before its date: "Tajikistan - Mon, 09/02/2013 -
    # 12:09"; a weekday follows, as no dateline a writer types has one)
    r"^(?:[A-ZА-ЯЁ][\w’'.-]*(?:\s+[A-ZА-ЯЁ][\w’'.-]*){0,3}\s+[-–—]\s+"
    r"(?=(?:mon|tue|wed|thu|fri|sat|sun|пн|вт|ср|чт|пт|сб|вс)[a-zа-я]*,))?"
    rf"(?:(?:{PUBLICATION_LABELS})(?: by)? .{{0,40}}? (?:on|в) |"
    rf"(?:(?:{PUBLICATION_LABELS})(?: on)?|date|дата публикации|дата):? )?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? |(?:пн|вт|ср|чт|пт|сб|вс)\w*,? )?"
    r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Za-zА-Яа-я]{3,10}\.?\s+\d{4}(?:\s*г\.?)?"
    r"|[A-Za-z]{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[-–]?\s*\d{1,2}:\d{2})?(?:,?\s+by\s+\D{1,40})?\s*$",
    re.I,
)
MAX_DATE_LINE_CHARS = 100  # no date line is longer: a cheap test before DATE_LINE


def block_holders(root: etree._Element) -> set[etree._Element]:
    """Every element with a block element inside, with the text between its blocks (and
    paragraphs split by <br><br>) wrapped into blocks of their own."""
    holders = _holders(root)
    holders.add(root)  # its own loose text too, on a page without any block
    for parent in _broken_parents(root):
        if parent.tag not in CONTAINERS:
            parent.tag = "div"  # <p>, <font>: its paragraphs become blocks inside it
        holders.add(parent)
        holders.update(parent.iterancestors())
    # Only the root's subtree is read: <html> around the body is no holder to wrap.
    holders.difference_update(root.iterancestors())
    for holder in _loose_holders(holders):
        _wrap_runs(holder, holders)
    return holders


def _holders(root: etree._Element) -> set[etree._Element]:
    """Found in one pass upwards from every block element."""
    holders: set[etree._Element] = set()
    for el in root.iter(*BLOCK_TAGS):
        parent = el.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _loose_holders(holders: set[etree._Element]) -> list[etree._Element]:
    """The holders with text outside their blocks: their own, a child's tail, or an inline
    child that holds text (or elements that may)."""
    found = []
    for holder in holders:
        if holder.tag in STRUCTURE_TAGS:
            continue  # rows and lists hold cells and items, text only inside those
        text = holder.text
        if text and not text.isspace():
            found.append(holder)
            continue
        for child in holder:
            tail = child.tail
            if tail and not tail.isspace():
                break
            if child.tag in BLOCK_TAGS or child in holders:
                continue
            text = child.text
            if (text and not text.isspace()) or len(child):
                break
        else:
            continue
        found.append(holder)
    return found


def _broken_parents(root: etree._Element) -> list[etree._Element]:
    """Elements whose text is lines the <br>s make paragraphs: paragraphs separated by
    <br><br>, or a bold title line ended by <br> (headings and links aside)."""
    parents: dict[etree._Element, None] = {}
    for br in root.iter("br"):
        parent = br.getparent()
        if parent is None or parent.tag in HEADING_TAGS or parent.tag == "a" or parent in parents:
            continue
        following = br.getnext()
        if (
            (following is not None and following.tag == "br" and not (br.tail or "").strip())
            or _after_bold_line(parent, br)
            or _after_date_line(parent, br)
        ):
            parents[parent] = None
    return list(parents)


def _after_date_line(parent: etree._Element, br: etree._Element) -> bool:
    """The <br> ends a line that is only a date: "<font>04.09.2003</font><br><font><b>Title
    </b></font>" (a static site's date above its title, in one table cell)."""
    line: list[str] = []
    for el in br.itersiblings(preceding=True):
        if el.tag == "br":
            break
        line.insert(0, "".join(el.itertext()) + (el.tail or ""))
    else:
        line.insert(0, parent.text or "")
    return is_date_line(" ".join("".join(line).split()))


def is_date_line(text: str) -> bool:
    return len(text) <= MAX_DATE_LINE_CHARS and bool(DATE_LINE.match(text))


def _after_bold_line(parent: etree._Element, br: etree._Element) -> bool:
    """The <br> ends a first line that is wholly bold or a title by its class (images and
    a date before it aside: 1C-Bitrix's news list, "<span class=news-date-time>..</span>
    <a><b>Title</b></a><br>"; ASP.NET's grid, "<a class=NewsTitle>Title</a><br>")."""
    if (parent.text or "").strip():
        return False
    before = list(br.itersiblings(preceding=True))
    if not before or any((el.tail or "").strip() for el in before):
        return False
    return any(_titled(el) for el in before) and all(
        _titled(el) or is_date_element(el) or not "".join(el.itertext()).strip() for el in before
    )


def _titled(el: etree._Element) -> bool:
    return is_bold(el) or title_class(el.get("class", ""))


def _wrap_runs(holder: etree._Element, holders: set[etree._Element]) -> None:
    """Runs of text and inline elements between a holder's blocks become <p>s."""
    children = list(holder)
    text, holder.text = holder.text, None
    run: list[etree._Element] = []
    for child in children:
        if _is_block(child, holders):
            if run or (text and not text.isspace()):
                for paragraph in _paragraphs(holder, text, run):
                    child.addprevious(paragraph)
            text, child.tail, run = child.tail, None, []
        else:
            run.append(child)
    for paragraph in _paragraphs(holder, text, run):
        holder.append(paragraph)


def _is_block(el: etree._Element, holders: set[etree._Element]) -> bool:
    return not isinstance(el.tag, str) or el.tag in BLOCK_TAGS or el in holders


def _paragraphs(
    holder: etree._Element, text: str | None, run: list[etree._Element]
) -> list[etree._Element]:
    """A run (leading text, then inline elements with their tails) as <p>s, split at
    <br><br> and after a bold line ended by <br>; empty ones left out."""
    paragraph = _new_paragraph(text)
    paragraphs = [paragraph]
    for el in run:
        if el.tag == "br" and _ends_paragraph(paragraph, el):
            paragraph, el.tail = _new_paragraph(el.tail), None
            paragraphs.append(paragraph)
            holder.remove(el)
        elif is_date_element(el) and not "".join(paragraph.itertext()).strip():
            # A line that starts with a date ends with it: "<span class=date>..</span>Title"
            paragraph.append(el)
            paragraph, el.tail = _new_paragraph(el.tail), None
            paragraphs.append(paragraph)
        else:
            paragraph.append(el)  # moves it, and its tail, out of the holder
    return [p for p in paragraphs if len(p) or (p.text and p.text.strip())]


def _new_paragraph(text: str | None) -> etree._Element:
    paragraph = etree.Element("p")
    try:
        paragraph.text = text
    except ValueError:  # control characters the parser let through, lxml's setter refuses
        paragraph.text = XML_INCOMPATIBLE.sub("", text or "")
    return paragraph


def _ends_paragraph(paragraph: etree._Element, br: etree._Element) -> bool:
    """A <br> right after another <br>, or after a line that is wholly bold (a title)."""
    if len(paragraph) and paragraph[-1].tag == "br" and not (paragraph[-1].tail or "").strip():
        paragraph.remove(paragraph[-1])
        return True
    if (br.tail or "").strip() == "" and br.getnext() is not None and br.getnext().tag == "br":
        return False  # the next <br> ends it
    if is_date_line(" ".join("".join(paragraph.itertext()).split())):
        return True  # a date alone on its line
    return len(paragraph) > 0 and (is_bold(paragraph) or _only_titled(paragraph))


def _only_titled(paragraph: etree._Element) -> bool:
    """A paragraph that is one element named as a title, and no loose text."""
    return (
        len(paragraph) == 1
        and not (paragraph.text or "").strip()
        and not (paragraph[0].tail or "").strip()
        and title_class(paragraph[0].get("class", ""))
    )


# "title", "news-title", "entry_title", the camel case of ASP.NET and Java templates
# ("newsTitle", "NewsHeadline"), Bootstrap's heading classes ("h4"); not "subtitle".
TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:title|headline|heading)(?:$|[\s_-])|(?-i:(?<=[a-z])(?:Title|Headline|Heading)"
    r"(?:$|[\s_A-Z-]))|(?:^|\s)h[1-6](?:$|\s)",
    re.I,
)


@lru_cache(maxsize=4096)
def title_class(classes: str) -> bool:
    """Whether an element's classes name it a title. Cached: a site's pages repeat the
    same few class names."""
    return bool(TITLE_CLASS.search(classes))


def is_date_element(el: etree._Element) -> bool:
    """A <time>, or an element named as a date."""
    if el.tag == "time":
        return True
    classes, itemprop = el.get("class"), el.get("itemprop")
    return (classes is not None or itemprop is not None) and _date_named(classes, itemprop)


@lru_cache(maxsize=4096)
def _date_named(classes: str | None, itemprop: str | None) -> bool:
    """Cached: a site's pages repeat the same few class names."""
    return bool(DATE_NAME.search(f"{classes or ''} {itemprop or ''}"))


def is_bold(el: etree._Element) -> bool:
    """All of the element's text is inside <b> or <strong>, at any depth."""
    has_bold = el.tag in BOLD_TAGS or next(el.iter("b", "strong"), None) is not None
    return has_bold and not NON_BOLD_TEXT(el)
