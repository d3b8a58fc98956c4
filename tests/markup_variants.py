"""The sample's news items re-rendered in the markup of other news sites.

The sample's markup is reconstructed; real archived IOM pages (and the blogs, old static
sites and card listings of offices and partners) are not. Each renderer here takes the
items segmentation found on a sample page (`RefPage`) and writes the same items, word for
word, in the markup of one kind of site, with that kind's usual boilerplate around them.
`tests/test_segment_variants.py` segments the result and expects the same items back.

Renderers are written from the public markup of each kind of site (Drupal 9's IOM theme,
WordPress's default themes, Bootstrap's card component, a 2000s table layout, ASP.NET Web
Forms), not from the sample's markup, so that the sample's class names never help.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from pipeline.records import ItemSighting

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DATETIME_CLASS = ' class="datetime"'
WP_DATE_CLASS = ' class="entry-date published"'
ITEMPROP_URL = ' itemprop="url"'
STRETCHED = ' class="stretched-link"'
LONG_WORD = re.compile(r"\b([A-Za-zА-Яа-яЁё]{4})([A-Za-zА-Яа-яЁё]{4,})")


@dataclass(frozen=True)
class RefItem:
    title: str
    paragraphs: tuple[str, ...]
    url: str
    href: str | None  # the detail page a listing links to, absolute
    date: str | None  # as the page showed it: ISO from a <time datetime>, else its text


@dataclass(frozen=True)
class RefPage:
    url: str
    items: tuple[RefItem, ...]

    @property
    def is_article(self) -> bool:
        """One item that is the page itself: a detail page."""
        return len(self.items) == 1 and self.items[0].href is None


def ref_page(items: list[ItemSighting], page_url: str) -> RefPage:
    refs = []
    for item in items:
        body = item.text[len(item.title) :].strip()
        refs.append(
            RefItem(
                title=item.title,
                paragraphs=tuple(body.split("\n\n")),
                url=item.url,
                href=item.url if item.is_detail_link else None,
                date=item.page_date,
            )
        )
    return RefPage(page_url, tuple(refs))


def shown_date(date: str) -> str:
    """A date as a page prints it: "27 October 2013" for an ISO date, else as it was."""
    if ISO_DATE.match(date):
        return datetime.strptime(date[:10], "%Y-%m-%d").strftime("%d %B %Y").lstrip("0")
    return date


def iso_day(date: str) -> str | None:
    return date[:10] if ISO_DATE.match(date) else None


def e(text: str) -> str:
    return escape(text, quote=True)


def time_tag(date: str, attrs: str = "") -> str:
    day = iso_day(date)
    datetime_attr = f' datetime="{day}T12:00:00Z"' if day else ""
    return f"<time{attrs}{datetime_attr}>{e(shown_date(date))}</time>"


def path_of(url: str) -> str:
    """A root-relative link, as most sites write their own links."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def paragraphs(item: RefItem, tag: str = "p", attrs: str = "") -> str:
    return "".join(f"<{tag}{attrs}>{e(p)}</{tag}>" for p in item.paragraphs)


def html_doc(body: str, title: str, head: str = "", html_attrs: str = ' lang="en"') -> str:
    return (
        f'<!DOCTYPE html>\n<html{html_attrs}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(title)}</title>\n{head}</head>\n{body}\n</html>\n"
    )


def long_text(topic: str) -> str:
    """A boilerplate paragraph long enough to pass for an item's body if it leaked."""
    return (
        f"{topic} The International Organization for Migration is committed to the "
        "principle that humane and orderly migration benefits migrants and society. "
        "Follow our work with migrants, governments and partners around the world."
    )


# --- Drupal 9, the IOM theme as www.iom.int serves it ------------------------------------

IOM_HEADER = (
    '<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>'
    '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
    '<header role="banner" class="header"><div class="region region-header">'
    '<a href="/" rel="home" class="site-logo"><img src="/themes/custom/iom/logo.svg" '
    'alt="International Organization for Migration"></a>'
    '<div class="language-switcher-language-url block block-language" role="navigation">'
    '<ul class="links"><li><a href="/news" class="language-link is-active">English</a></li>'
    '<li><a href="/fr/news" class="language-link">Français</a></li>'
    '<li><a href="/es/news" class="language-link">Español</a></li></ul></div></div>'
    '<nav role="navigation" class="menu--main"><ul class="menu"><li class="menu-item">'
    '<a href="/who-we-are">Who we are</a><div class="mega-menu__intro">'
    f"<p>{long_text('WHO WE ARE.')}</p></div></li>"
    '<li class="menu-item"><a href="/our-work">Our work</a></li></ul></nav></header>'
)
IOM_BREADCRUMB = (
    '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" '
    'aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">'
    'Breadcrumb</h2><ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol>'
    "</nav></div>"
)
IOM_SHARE = (
    '<div class="social-share"><span class="social-share__label">Share this</span>'
    '<a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>'
    '<a href="https://twitter.com/intent/tweet?url=x">Twitter</a>'
    '<a href="mailto:?subject=x">Email</a></div>'
)
IOM_FOOTER = (
    '<footer role="contentinfo" class="footer"><div class="region region-footer">'
    '<div class="sdg-tags"><h2>SDGs</h2><ul><li><a href="/sdg/10">SDG 10 - Reduced '
    'Inequalities</a></li><li><a href="/sdg/17">SDG 17 - Partnerships for the Goals</a></li>'
    f"</ul></div><p>{long_text('Contact us.')}</p>"
    '<ul class="menu"><li><a href="/privacy-policy">Privacy policy</a></li>'
    '<li><a href="/terms">Terms and Conditions of Use</a></li></ul>'
    "<p>© International Organization for Migration</p></div></footer></div>"
)


def _iom_related(page: RefPage) -> str:
    """ "Related news" cards: a title and a date each, the way the IOM theme lists them."""
    cards = "".join(
        f'<div class="views-row"><article class="node node--view-mode-card">'
        f'<h3 class="card__title"><a href="/news/related-{n}">Related: {e(i.title[:60])}</a></h3>'
        f'<div class="card__date">{time_tag(i.date or "2020-01-01")}</div></article></div>'
        for n, i in enumerate(page.items[:3])
    )
    return (
        '<div class="block block-views block-views-block-related-news-block-1">'
        f'<h2 class="block-title">Related news</h2><div class="view-content">{cards}</div></div>'
    )


def render_iom_drupal9(page: RefPage) -> str:
    if page.is_article:
        (item,) = page.items
        date = (
            f'<div class="field field--name-field-date field--type-datetime">'
            f"{time_tag(item.date, DATETIME_CLASS)}</div>"
            if item.date
            else ""
        )
        content = (
            '<article role="article" class="node node--type-press-release node--view-mode-full">'
            f'<h1 class="page-title"><span class="field field--name-title">{e(item.title)}'
            f'</span></h1><div class="node__content">{date}'
            '<div class="clearfix text-formatted field field--name-body field--type-text-with-'
            f'summary field--label-hidden"><div class="field__item">{paragraphs(item)}</div>'
            f"</div>{IOM_SHARE}</div></article>{_iom_related(page)}"
        )
    else:
        rows = "".join(
            '<div class="views-row"><div class="card card--news"><div class="card__image">'
            '<img src="/sites/default/files/news.jpg" alt=""></div><div class="card__content">'
            + (f'<div class="card__date">{time_tag(i.date)}</div>' if i.date else "")
            + f'<h3 class="card__title">{_linked(i, e(i.title))}</h3>'
            f'<div class="card__summary">{paragraphs(i)}</div></div></div></div>'
            for i in page.items
        )
        content = (
            '<div class="views-element-container"><div class="view view-news">'
            f'<h1 class="page-title">News</h1><div class="view-content">{rows}</div>'
            '<nav class="pager" role="navigation"><ul><li><a href="?page=1">Next ›</a></li>'
            "</ul></nav></div></div>"
        )
    body = (
        f'<body class="path-node">{IOM_HEADER}{IOM_BREADCRUMB}<main role="main">'
        '<a id="main-content" tabindex="-1"></a><div class="layout-content">'
        f'<div class="region region-content">{content}</div></div></main>{IOM_FOOTER}</body>'
    )
    return page_html(page, body, " | International Organization for Migration")


def _linked(item: RefItem, inner: str, attrs: str = "") -> str:
    return f'<a href="{e(path_of(item.href))}"{attrs}>{inner}</a>' if item.href else inner


def page_html(page: RefPage, body: str, site: str) -> str:
    title = page.items[0].title if page.is_article else "News"
    return html_doc(body, title + site)


# --- WordPress (twentyseventeen-style markup, as weblog.iom.int ran it) ------------------

WP_HEADER = (
    '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">'
    'Skip to content</a><header id="masthead" class="site-header" role="banner">'
    '<div class="site-branding"><p class="site-title"><a href="/" rel="home">IOM Weblog</a>'
    '</p><p class="site-description">Migration stories from the field</p></div>'
    '<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
    '<li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></nav></header>'
)
WP_SIDEBAR = (
    '<aside id="secondary" class="widget-area" role="complementary">'
    '<section id="search-2" class="widget widget_search"><form role="search" method="get" '
    'action="/"><label><span class="screen-reader-text">Search for:</span><input type="search" '
    'name="s"></label></form></section><section id="recent-posts-2" class="widget '
    'widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>'
    '<li><a href="/2019/05/a/">Migrants and the city</a></li>'
    '<li><a href="/2019/04/b/">Voices from the border</a></li></ul></section>'
    '<section id="text-3" class="widget widget_text"><h2 class="widget-title">About this blog'
    f'</h2><div class="textwidget"><p>{long_text("This blog is run by IOM staff.")}</p></div>'
    "</section></aside>"
)
WP_FOOTER = (
    '<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info">'
    '<a href="https://wordpress.org/">Proudly powered by WordPress</a></div></footer></div>'
)


def _wp_meta(item: RefItem) -> str:
    if not item.date:
        return ""
    return (
        '<div class="entry-meta"><span class="posted-on">Posted on <a href="/2013/10/27/x/" '
        f'rel="bookmark">{time_tag(item.date, WP_DATE_CLASS)}</a></span>'
        '<span class="byline"> by <span class="author vcard"><a class="url fn n" '
        'href="/author/admin/">admin</a></span></span></div>'
    )


def _wp_comments(item: RefItem) -> str:
    return (
        '<div id="comments" class="comments-area"><h2 class="comments-title">One thought on '
        f'&ldquo;{e(item.title)}&rdquo;</h2><ol class="comment-list"><li id="comment-12" '
        'class="comment even thread-even depth-1"><article id="div-comment-12" '
        'class="comment-body"><footer class="comment-meta"><b class="fn">Anna</b> says: '
        '<time datetime="2019-05-02T10:00:00+00:00">May 2, 2019 at 10:00 am</time></footer>'
        f'<div class="comment-content"><p>{long_text("Great work, thank you for sharing!")}'
        '</p></div><div class="reply"><a rel="nofollow" class="comment-reply-link" '
        'href="#respond">Reply</a></div></article></li></ol><div id="respond" '
        'class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply'
        '</h3><form action="/wp-comments-post.php" method="post" id="commentform"><p '
        'class="comment-notes">Your email address will not be published.</p><textarea '
        'name="comment"></textarea><input name="submit" type="submit" value="Post Comment">'
        "</form></div></div>"
    )


def _wp_post(item: RefItem, *, single: bool) -> str:
    heading = "h1" if single else "h2"
    title = _linked(item, e(item.title), ' rel="bookmark"')
    more = (
        f'<p><a href="{e(path_of(item.href))}" class="more-link">Continue reading<span '
        f'class="screen-reader-text"> "{e(item.title)}"</span></a></p>'
        if item.href
        else ""
    )
    return (
        '<article id="post-42" class="post-42 post type-post status-publish format-standard '
        'hentry category-news tag-migration tag-iom-moscow"><header class="entry-header">'
        f'<{heading} class="entry-title">{title}</{heading}>{_wp_meta(item)}</header>'
        f'<div class="entry-content">{paragraphs(item)}{more}</div>'
        '<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/'
        'news/" rel="category tag">News</a></span></footer></article>'
    )


def render_wordpress(page: RefPage) -> str:
    if page.is_article:
        main = _wp_post(page.items[0], single=True) + _wp_comments(page.items[0])
    else:
        main = "".join(_wp_post(i, single=False) for i in page.items) + (
            '<nav class="navigation pagination" role="navigation"><div class="nav-links">'
            '<a class="next page-numbers" href="/page/2/">Next</a></div></nav>'
        )
    body = (
        f'<body class="post-template-default single has-sidebar">{WP_HEADER}<div id="content" '
        'class="site-content"><div id="primary" class="content-area"><main id="main" '
        f'class="site-main" role="main">{main}</main></div>{WP_SIDEBAR}</div>{WP_FOOTER}</body>'
    )
    return page_html(page, body, " – IOM Weblog")


# --- Bootstrap cards -----------------------------------------------------------------------


def render_bootstrap_cards(page: RefPage) -> str:
    """Cards titled by <h5 class="card-title">, every other one by Bootstrap's heading
    class on a paragraph (<p class="h5">)."""
    cards = "".join(
        '<div class="col-md-6 col-lg-4 mb-4"><div class="card h-100 shadow-sm">'
        '<img class="card-img-top" src="/img/news.jpg" alt="..."><div class="card-body">'
        + (
            f'<h5 class="card-title">{_linked(i, e(i.title), STRETCHED)}</h5>'
            if n % 2 == 0
            else f'<p class="h5 mb-2">{_linked(i, e(i.title), STRETCHED)}</p>'
        )
        + (
            f'<p class="card-text"><small class="text-muted">{e(shown_date(i.date))}</small></p>'
            if i.date
            else ""
        )
        + paragraphs(i, "p", ' class="card-text"')
        + (
            f'<a href="{e(path_of(i.href))}" class="btn btn-primary">Read more</a>'
            if i.href
            else ""
        )
        + "</div></div></div>"
        for n, i in enumerate(page.items)
    )
    body = (
        '<body><nav class="navbar navbar-expand-lg navbar-light bg-light"><a class="navbar-brand"'
        ' href="/">IOM</a><ul class="navbar-nav"><li class="nav-item"><a class="nav-link" '
        'href="/news">News</a></li></ul></nav><div class="container py-5">'
        '<h1 class="display-4">Latest news</h1><p class="lead">Stories from our offices.</p>'
        f'<div class="row">{cards}</div></div><footer class="bg-dark text-white">'
        f"<p>{long_text('Contact.')}</p></footer></body>"
    )
    return page_html(page, body, " | IOM")


# --- A 2000s table layout: <font>, <br><br> paragraphs ------------------------------------


def render_old_table_font(page: RefPage) -> str:
    """No <p> at all: paragraphs are text separated by <br><br>, titles bold <font>s."""
    parts = []
    for i in page.items:
        title = f'<font size="3" color="#003399"><b>{_linked(i, e(i.title))}</b></font>'
        date = f'<font color="#808080">{e(shown_date(i.date))}</font><br><br>' if i.date else ""
        parts.append(f"{title}<br><br>{date}" + "<br><br>\n".join(e(p) for p in i.paragraphs))
    content = '<br><br><hr size="1" noshade><br>'.join(parts)
    body = (
        '<body bgcolor="#ffffff" topmargin="0"><table width="100%" border="0" cellpadding="0" '
        'cellspacing="0"><tr><td colspan="2"><img src="/img/top.gif" width="760" height="80">'
        '</td></tr><tr><td width="180" valign="top" bgcolor="#e6eef7"><font face="Verdana" '
        'size="1"><a href="/index.htm">Home</a><br><a href="/about.htm">About IOM</a><br>'
        '<a href="/news.htm">News</a><br><a href="/contacts.htm">Contacts</a><br><br>'
        "Hotline: 8-800-333-00-16</font></td>"
        f'<td valign="top"><font face="Verdana, Arial" size="2">{content}</font></td></tr>'
        '<tr><td colspan="2" align="center"><font size="1">Copyright &copy; 2004 IOM. All rights'
        " reserved.</font></td></tr></table></body>"
    )
    return page_html(page, body, " - IOM")


# --- Paragraphs as <div>s, headings as <strong> or <h2>/<h3> ------------------------------


def render_div_paragraphs(page: RefPage) -> str:
    rows = "".join(
        f'<div class="item"><h2>{_linked(i, e(i.title))}</h2>'
        + (f'<div class="date">{e(shown_date(i.date))}</div>' if i.date else "")
        + f'<div class="text">{paragraphs(i, "div")}</div></div>'
        for i in page.items
    )
    return page_html(page, f'<body><div id="wrap"><div id="center">{rows}</div></div></body>', "")


def render_strong_headings(page: RefPage) -> str:
    """Titles as a bare <strong> inside the item's container, not a heading or a <p>."""
    rows = "".join(
        f'<div class="news-item"><strong>{_linked(i, e(i.title))}</strong><br>'
        + (f"<span>{e(shown_date(i.date))}</span>" if i.date else "")
        + f"{paragraphs(i)}</div>"
        for i in page.items
    )
    return page_html(page, f'<body><div class="content">{rows}</div></body>', "")


def render_h3_headings(page: RefPage) -> str:
    """An article titled by an <h2> and a listing of <h3>s under a section <h2>."""
    if page.is_article:
        (i,) = page.items
        inner = (
            f"<h2>{e(i.title)}</h2>"
            + (f"<p><em>{e(shown_date(i.date))}</em></p>" if i.date else "")
            + paragraphs(i)
        )
    else:
        inner = "<h2>Press releases</h2>" + "".join(
            (f"<p><em>{e(shown_date(i.date))}</em></p>" if i.date else "")
            + f"<h3>{_linked(i, e(i.title))}</h3>{paragraphs(i)}"
            for i in page.items
        )
    return page_html(page, f"<body><section>{inner}</section></body>", "")


# --- The same markup, written differently --------------------------------------------------


def _split_words(text: str) -> str:
    """Escaped text with a <span> inside some long words, as editors leave them."""
    return LONG_WORD.sub(r"\1<span>\2</span>", e(text), count=3)


def render_noisy_markup(page: RefPage) -> str:
    """Wrapper divs, attribute order, upper case tags, CRLF line endings, broken lines and
    <span>s inside words."""
    rows = []
    for i in page.items:
        title = _split_words(i.title)
        if i.href:
            title = f"<A TITLE='{e(i.title)}' HREF='{e(path_of(i.href))}' CLASS=link>{title}</A>"
        paras = "".join(
            f"<DIV><DIV CLASS='wrap'><P\r\n  STYLE='margin:0' CLASS=\"x\">\r\n\t{_split_words(p)}"
            "\r\n</P></DIV></DIV>\r\n"
            for p in i.paragraphs
        )
        date = f"<DIV CLASS='meta'>\r\n{e(shown_date(i.date))}\r\n</DIV>\r\n" if i.date else ""
        rows.append(
            f"<DIV CLASS='outer'><DIV><DIV>\r\n<H2 CLASS='t' ID='h{len(rows)}'>\r\n  {title}"
            f"\r\n</H2></DIV>\r\n{date}<DIV><DIV>{paras}</DIV></DIV></DIV></DIV>\r\n"
        )
    body = "<BODY>\r\n<DIV ID='container'>\r\n" + "".join(rows) + "</DIV>\r\n</BODY>"
    return page_html(page, body, "").replace("\n", "\r\n").replace("\r\r\n", "\r\n")


# --- Boilerplate that carries no telling name ----------------------------------------------

COOKIE_BANNER = (
    '<div role="dialog" aria-live="polite" aria-label="cookieconsent" aria-describedby='
    '"cookieconsent:desc" class="cc-window cc-banner cc-type-info cc-theme-block cc-bottom">'
    '<span id="cookieconsent:desc" class="cc-message">This website uses cookies to ensure you '
    "get the best experience on our website. By continuing to browse the site you agree to "
    "our use of cookies and to our privacy policy, which explains how we store your data. "
    '<a class="cc-link" href="/privacy">Learn more</a></span><div class="cc-compliance">'
    '<a class="cc-btn cc-dismiss">Got it!</a></div></div>'
)
NEWSLETTER = (
    '<div class="signup-box"><h3>Subscribe to our newsletter</h3><p>Get the latest news, '
    "stories and publications of IOM delivered to your inbox every month. We respect your "
    "privacy and you can unsubscribe at any time with one click.</p>"
    '<form action="https://iom.us1.list-manage.com/subscribe/post" method="post">'
    '<input type="email" name="EMAIL" placeholder="Email address"><input type="submit" '
    'value="Subscribe"></form></div>'
)


def render_cookie_newsletter(page: RefPage) -> str:
    """A plain HTML5 page, a newsletter box closing each item and a cookie banner last."""
    rows = "".join(
        f"<article><h2>{_linked(i, e(i.title))}</h2>"
        + (f"<p>{time_tag(i.date)}</p>" if i.date else "")
        + f"{paragraphs(i)}{NEWSLETTER if page.is_article else ''}</article>"
        for i in page.items
    )
    return page_html(page, f"<body><main>{rows}</main>{NEWSLETTER}{COOKIE_BANNER}</body>", "")


def render_aspnet_form(page: RefPage) -> str:
    """ASP.NET Web Forms: the whole page inside one <form>, a hidden view state."""
    rows = "".join(
        f'<div class="newsTitle">{_linked(i, e(i.title))}</div>'
        + (f'<div class="newsDate">{e(shown_date(i.date))}</div>' if i.date else "")
        + f'<div class="newsBody">{paragraphs(i)}</div>'
        for i in page.items
    )
    body = (
        '<body><form method="post" action="./news.aspx" id="aspnetForm"><div class="aspNetHidden">'
        '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg=="'
        '></div><table id="layout"><tr><td id="left"><a href="/default.aspx">Home</a> | '
        f'<a href="/news.aspx">News</a></td></tr><tr><td id="center">{rows}</td></tr></table>'
        "</form></body>"
    )
    return page_html(page, body, " - IOM")


def render_untagged_related(page: RefPage) -> str:
    """Share links before the body and "Related news" after it, in bare divs: no class
    or id says what they are, only their structure (links, a heading over links)."""
    share = (
        '<div><a href="https://www.facebook.com/sharer.php?u=x">Facebook</a> '
        '<a href="https://twitter.com/share?url=x">Twitter</a> '
        '<a href="https://www.linkedin.com/shareArticle?url=x">LinkedIn</a></div>'
    )
    related = (
        "<div><h2>Related news</h2>"
        + "".join(
            f'<div><h3><a href="/news/related-{n}">Related: {e(i.title[:60])}</a></h3>'
            + (f"<div>{time_tag(i.date)}</div>" if i.date else "")
            + "</div>"
            for n, i in enumerate(page.items[:3])
        )
        + "</div>"
    )
    rows = "".join(
        f"<div><h1>{_linked(i, e(i.title))}</h1>"
        + (f"<div>{time_tag(i.date)}</div>" if i.date else "")
        + f"{share}<div>{paragraphs(i)}</div>"
        + (related if page.is_article else "")
        + "</div>"
        for i in page.items
    )
    return page_html(page, f"<body><div>{rows}</div></body>", "")


# --- 1C-Bitrix, the CMS of most Russian-language sites (news.list / news.detail) --------


def render_bitrix(page: RefPage) -> str:
    """The default templates: a date <span> before the bold title link, the preview text
    loose after a <br />; on a detail page the text loose too, paragraphs by <br /><br />."""
    if page.is_article:
        (i,) = page.items
        date = f'<span class="news-date-time">{e(shown_date(i.date))}</span>' if i.date else ""
        text = "<br />\n<br />\n".join(e(p) for p in i.paragraphs)
        inner = (
            f'<h1 id="pagetitle">{e(i.title)}</h1><div class="news-detail">'
            f'<img class="detail_picture" border="0" src="/upload/iblock/1.jpg" alt="">{date}'
            f'{text}<div style="clear:both"></div><br /></div><p><a href="/news/">Back to news'
            "</a></p>"
        )
    else:
        inner = (
            '<h1 id="pagetitle">News</h1><div class="news-list">'
            + "".join(
                f'<p class="news-item" id="bx_3218110189_{n}">'
                f'<a href="{e(path_of(i.href or i.url))}">'
                '<img class="preview_picture" border="0" src="/upload/iblock/2.jpg" alt=""></a>'
                + (f'<span class="news-date-time">{e(shown_date(i.date))}</span>' if i.date else "")
                + _linked(i, f"<b>{e(i.title)}</b>")
                + "<br />"
                + "<br /><br />".join(e(p) for p in i.paragraphs)
                + '<div style="clear:both"></div></p>'
                for n, i in enumerate(page.items)
            )
            + '</div><font class="text">News 1 - 10 of 120<br />'
            + '<a href="?PAGEN_1=2">Next</a></font>'
        )
    body = (
        '<body><div id="panel"></div><div class="header"><a href="/"><img src="/logo.png">'
        '</a><ul id="horizontal-multilevel-menu"><li><a href="/about/">About</a></li>'
        f'</ul></div><div class="workarea">{inner}</div><div class="bottom">© IOM</div></body>'
    )
    return page_html(page, body, "")


# --- Joomla (com_content article and blog layouts) --------------------------------------


def _joomla_info(item: RefItem) -> str:
    if not item.date:
        return ""
    return (
        '<dl class="article-info muted"><dt class="article-info-term">Details</dt>'
        '<dd class="createdby" itemprop="author">Written by <span itemprop="name">Admin</span>'
        '</dd><dd class="published"><span class="icon-calendar" aria-hidden="true"></span> '
        f'<time itemprop="datePublished">Published: {e(shown_date(item.date))}</time></dd>'
        '<dd class="hits"><span class="icon-eye-open"></span> Hits: 1234</dd></dl>'
    )


def render_joomla(page: RefPage) -> str:
    if page.is_article:
        (i,) = page.items
        inner = (
            '<div class="item-page" itemscope itemtype="https://schema.org/Article">'
            f'<div class="page-header"><h2 itemprop="headline">{e(i.title)}</h2></div>'
            f'{_joomla_info(i)}<div itemprop="articleBody">{paragraphs(i)}</div>'
            '<ul class="pager pagenav"><li class="previous"><a href="/news/1">Prev</a></li>'
            '<li class="next"><a href="/news/3">Next</a></li></ul></div>'
        )
    else:
        inner = (
            '<div class="blog"><div class="items-leading clearfix">'
            + "".join(
                f'<div class="leading-{n}"><div class="page-header"><h2 itemprop="name">'
                f"{_linked(i, e(i.title), ITEMPROP_URL)}</h2></div>{_joomla_info(i)}"
                f"{paragraphs(i)}"
                + (
                    f'<p class="readmore"><a class="btn" href="{e(path_of(i.href))}">Read more: '
                    f"{e(i.title[:30])}...</a></p>"
                    if i.href
                    else ""
                )
                + "</div>"
                for n, i in enumerate(page.items)
            )
            + "</div></div>"
        )
    body = (
        '<body class="site com_content"><div class="container"><header class="header">'
        '<a class="brand" href="/">IOM</a></header><nav class="navigation"><ul class="nav menu">'
        f'<li><a href="/">Home</a></li></ul></nav><main id="content">{inner}</main>'
        '<footer class="footer"><p>&copy; 2014 IOM</p></footer></div></body>'
    )
    return page_html(page, body, "")


# --- A news portal's cards: the date after the teaser ------------------------------------


def render_date_after(page: RefPage) -> str:
    """BEM-named cards whose title link comes first and whose date closes the card, and a
    site name in an <h1> above everything (old sites' logos)."""
    cards = "".join(
        f'<div class="news__item">{_linked(i, f"<div class=news__title>{e(i.title)}</div>")}'
        + f'<div class="news__text">{paragraphs(i)}</div>'
        + (f'<div class="news__date">{e(shown_date(i.date))}</div>' if i.date else "")
        + "</div>"
        for i in page.items
    )
    body = (
        '<body><div id="top"><h1 class="logo"><a href="/">IOM Kazakhstan</a></h1>'
        f'<p>UN Migration</p></div><div id="content"><div class="news">{cards}</div></div>'
        "</body>"
    )
    return page_html(page, body, " | IOM Kazakhstan")


# --- Listings as lists, titles as classed links ------------------------------------------


def render_list_items(page: RefPage) -> str:
    """Each item an <li> of a <ul> holding its heading, date and paragraphs."""
    rows = "".join(
        f'<li class="views-row"><h3 class="node-title">{_linked(i, e(i.title))}</h3>'
        + (f'<span class="date-display-single">{e(shown_date(i.date))}</span>' if i.date else "")
        + f"{paragraphs(i)}</li>"
        for i in page.items
    )
    # Drupal 7's body classes name the page's sidebar, not the body as one.
    body = (
        '<body class="html not-front one-sidebar sidebar-first page-news">'
        f'<div class="view"><ul class="list">{rows}</ul></div></body>'
    )
    return page_html(page, body, "")


def render_inline_title(page: RefPage) -> str:
    """Titles as a link (or span) named as a title, with nothing else in their line."""
    rows = "".join(
        '<div class="news-item">'
        + (
            f'<a class="news-item-title" href="{e(path_of(i.href))}">{e(i.title)}</a>'
            if i.href
            else f'<span class="news-item-title">{e(i.title)}</span>'
        )
        + (f'<div class="news-item-date">{e(shown_date(i.date))}</div>' if i.date else "")
        + f'<div class="news-item-text">{paragraphs(i, "div")}</div></div>'
        for i in page.items
    )
    return page_html(page, f'<body><div id="content">{rows}</div></body>', "")


def render_table_rows(page: RefPage) -> str:
    """A listing as table rows: the date in its own cell before the title's cell, the
    teaser after a <br> under the bold title link."""
    rows = "".join(
        f'<tr><td class="date" width="80">{e(shown_date(i.date)) if i.date else "&nbsp;"}</td>'
        f"<td>{_linked(i, f'<b>{e(i.title)}</b>')}<br>"
        + "<br><br>".join(e(p) for p in i.paragraphs)
        + "</td></tr>"
        for i in page.items
    )
    body = f'<body><table class="news" cellpadding="4">{rows}</table></body>'
    return page_html(page, body, "")


def render_header_in_main(page: RefPage) -> str:
    """The site's <header> (logo in an <h1>) and the content's own <header> inside <main>
    holding the title and date, the text after it (HTML's header that is no banner)."""
    if page.is_article:
        (i,) = page.items
        content = (
            f'<header class="page-header"><h1 class="page-title">{e(i.title)}</h1>'
            + (f'<p class="meta">{time_tag(i.date)}</p>' if i.date else "")
            + f'</header><div class="entry">{paragraphs(i)}</div>'
        )
    else:
        content = '<header class="page-header"><h1>News</h1></header>' + "".join(
            f"<section><header><h2>{_linked(i, e(i.title))}</h2>"
            + (f"<p>{time_tag(i.date)}</p>" if i.date else "")
            + f"</header>{paragraphs(i)}</section>"
            for i in page.items
        )
    body = (
        '<body><header class="site"><h1 class="logo"><a href="/">IOM</a></h1>'
        f"<p>{long_text('UN Migration.')}</p></header><main>{content}</main></body>"
    )
    return page_html(page, body, " | IOM")


def render_date_in_heading(page: RefPage) -> str:
    """The date inside the heading, after the title: "<h3><a>Title</a> <small class=
    date>..</small></h3>", and an MS Word export's paragraphs (<o:p>, <span lang>)."""
    rows = "".join(
        f"<div class='item'><h3>{_linked(i, e(i.title))}"
        + (f' <small class="date">{e(shown_date(i.date))}</small>' if i.date else "")
        + "</h3>"
        + "".join(
            f"<p class=MsoNormal style='text-align:justify'><span lang=EN-US style='font-size:"
            f"12.0pt'>{e(p)}</span><o:p></o:p></p>"
            for p in i.paragraphs
        )
        + "</div>"
        for i in page.items
    )
    return page_html(page, f"<body><div class='WordSection1'>{rows}</div></body>", "")


def render_drupal7_fields(page: RefPage) -> str:
    """Drupal 7 Views with fields (a listing) and a node with a labelled date field."""
    if page.is_article:
        (i,) = page.items
        date = (
            '<div class="field field-name-field-date field-type-datetime field-label-inline '
            'clearfix"><div class="field-label">Date:&nbsp;</div><div class="field-items">'
            f'<div class="field-item even"><span class="date-display-single">'
            f"{e(shown_date(i.date))}</span></div></div></div>"
            if i.date
            else ""
        )
        content = (
            f'<h1 class="title" id="page-title">{e(i.title)}</h1><div id="node-1" class="node '
            f'node-news node-full clearfix"><div class="content">{date}<div class="field '
            'field-name-body field-type-text-with-summary field-label-hidden"><div class="field-'
            f'items"><div class="field-item even">{paragraphs(i)}</div></div></div></div></div>'
        )
    else:
        content = (
            '<div class="view view-news"><div class="view-content">'
            + "".join(
                f'<div class="views-row views-row-{n}"><div class="views-field views-field-title">'
                f'<span class="field-content">{_linked(i, e(i.title))}</span></div>'
                + (
                    '<div class="views-field views-field-created"><span class="field-content">'
                    f"{e(shown_date(i.date))}</span></div>"
                    if i.date
                    else ""
                )
                + '<div class="views-field views-field-body"><div class="field-content">'
                f"{paragraphs(i)}</div></div></div>"
                for n, i in enumerate(page.items)
            )
            + "</div></div>"
        )
    body = (
        '<body class="html not-front not-logged-in one-sidebar sidebar-second page-node">'
        f'<div id="page"><div id="main"><div id="content" class="column">{content}</div>'
        '<div class="region region-sidebar-second"><h2>Partners</h2><p>'
        f"{long_text('Our partners.')}</p></div></div></div></body>"
    )
    return page_html(page, body, " | IOM")


Renderer = Callable[[RefPage], str]
VARIANTS: dict[str, Renderer] = {
    "iom_drupal9": render_iom_drupal9,
    "wordpress": render_wordpress,
    "bootstrap_cards": render_bootstrap_cards,
    "old_table_font": render_old_table_font,
    "div_paragraphs": render_div_paragraphs,
    "strong_headings": render_strong_headings,
    "h3_headings": render_h3_headings,
    "noisy_markup": render_noisy_markup,
    "cookie_newsletter": render_cookie_newsletter,
    "aspnet_form": render_aspnet_form,
    "untagged_related": render_untagged_related,
    "bitrix": render_bitrix,
    "joomla": render_joomla,
    "date_after": render_date_after,
    "list_items": render_list_items,
    "inline_title": render_inline_title,
    "table_rows": render_table_rows,
    "header_in_main": render_header_in_main,
    "date_in_heading": render_date_in_heading,
    "drupal7_fields": render_drupal7_fields,
}
