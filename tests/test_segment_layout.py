"""The structural rules that make segmentation hold on other markup, each with negatives:
markup that looks similar and must not trigger the rule."""

from __future__ import annotations

import pytest

from pipeline.segment import segment

BODY = "IOM organized a training for 25 labour inspectors on combating trafficking. " * 3
URL = "https://example.iom.int/news/training"


def items_of(body_html: str, title: str = "News") -> list[tuple[str, str]]:
    html = f"<html><head><title>{title}</title></head><body>{body_html}</body></html>"
    return [(item.title, item.text) for item in segment(html, URL).items]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # <br><br> separates paragraphs; a bold line ended by <br> is a title.
        (
            f"<table><tr><td><font><b>Training</b><br><br>{BODY}<br><br>Second.</font></td>"
            "</tr></table>",
            [("Training", f"Training\n\n{BODY.strip()}\n\nSecond.")],
        ),
        (f"<div><b>Training</b><br>{BODY}</div>", [("Training", f"Training\n\n{BODY.strip()}")]),
        # A title as a bare <strong> between the container's blocks.
        (
            f"<div><strong>Training</strong><p>{BODY}</p></div>",
            [("Training", f"Training\n\n{BODY.strip()}")],
        ),
        # Bootstrap's heading classes on a <p>.
        (
            f"<div><p class='h4 mb-2'>Training</p><p>{BODY}</p></div>",
            [("Training", f"Training\n\n{BODY.strip()}")],
        ),
        # camelCase title classes (ASP.NET, Java templates).
        (
            f"<div class='newsTitle'>Training</div><div>{BODY}</div>",
            [("Training", f"Training\n\n{BODY.strip()}")],
        ),
    ],
)
def test_titles_and_paragraphs_without_heading_or_paragraph_tags(markup, expected):
    assert items_of(markup) == expected


def test_a_grid_rows_title_link_ended_by_a_br_opens_its_item():
    # ASP.NET's GridView: a date cell, then a cell with the title link, <br>, the teaser.
    rows = "".join(
        f"<tr><td><span class='NewsDate'>0{n}.05.2019</span></td><td><a class='NewsTitle' "
        f"href='/News/Detail.aspx?ID={n}'>Seminar number {n}</a><br /><span>{BODY}</span></td></tr>"
        for n in (1, 2, 3)
    )
    html = f"<html><body><h2>News</h2><table>{rows}</table></body></html>"
    titles = [item.title for item in segment(html, URL).items]
    assert titles == ["Seminar number 1", "Seminar number 2", "Seminar number 3"]


@pytest.mark.parametrize(
    ("cell", "dated_title"),
    [
        # A static site's cell: a date alone on its line, one <br>, the bold title.
        ("<font>02.05.2019</font><br><font><b>Training</b></font>", ("Training", "02.05.2019")),
        ("02 May 2019<br><b>Training</b>", ("Training", "02 May 2019")),
        # Negative: a line that only begins with a date is text, and dates nothing.
        ("<font>02.05.2019 marks a year</font><br><font><b>Training</b></font>", None),
    ],
)
def test_a_date_alone_on_its_line_ends_it(cell, dated_title):
    html = f"<html><body><table><tr><td>{cell}<br><br>{BODY}</td></tr></table></body></html>"
    dated = [(i.title, i.page_date) for i in segment(html, URL).items if i.page_date]
    assert dated == ([dated_title] if dated_title else [])


@pytest.mark.parametrize(
    "markup",
    [
        # One <br> inside a sentence's paragraph is a line break, not a title's end.
        f"<h2>Training</h2><p><b>Note:</b> the course went on<br>{BODY}</p>",
        # Inline links inside loose text stay one paragraph, not three.
        f"<h2>Training</h2><div>The course, see <a href='/x'>the agenda</a> here.<p>{BODY}</p>"
        "</div>",
        # "subtitle" is not a title class.
        f"<h2>Training</h2><div class='subtitle'>A course for inspectors</div><p>{BODY}</p>",
    ],
)
def test_line_breaks_links_and_subtitles_do_not_open_items(markup):
    ((title, _text),) = items_of(markup)
    assert title == "Training"


def test_loose_text_with_links_is_one_paragraph():
    markup = f"<h2>Training</h2><div>The course, see <a href='/x'>the agenda</a> here.<p>{BODY}</p>"
    ((_title, text),) = items_of(markup + "</div>")
    assert "\n\nThe course, see the agenda here.\n\n" in text


@pytest.mark.parametrize(
    ("meta", "page_date", "kept"),
    [
        # WordPress: the date line holds a <time> and a byline.
        (
            "<div>Posted on <a href='/2019/05/'><time datetime='2019-05-02'>May 2, 2019</time>"
            "</a> by <a href='/author/admin'>admin</a></div>",
            "2019-05-02",
            "",
        ),
        # Joomla: labels in the date's own box go with it.
        (
            "<dl><dt>Details</dt><dd>Written by Admin</dd><dd><time>Published: 2 May 2019</time>"
            "</dd><dd>Hits: 1234</dd></dl>",
            "Published: 2 May 2019",
            "",
        ),
        # Joomla 2.5's article info: a "Created on" line with its time, no <time> element.
        (
            "<dl class='article-info'><dt>Details</dt><dd>Category: News</dd><dd>Created on "
            "Thursday, 02 May 2019 10:39</dd><dd>Written by Administrator</dd><dd>Hits: 240</dd>"
            "</dl>",
            "Created on Thursday, 02 May 2019 10:39",
            "",
        ),
        # Drupal 7 on iom.int: the country before the date line; labelled fields (the
        # label and its value in a box of their own) and a photo's copyright line.
        (
            "<div class='dl'>Georgia - <span>Thu, 05/02/2019 - 10:39</span></div>"
            "<div class='field'><div class='label'>Country:&nbsp;</div><div class='items'>"
            "<div><a href='/countries/georgia'>Georgia</a></div></div></div>"
            "<div class='caption'>© IOM Georgia 2019</div>",
            "Georgia - Thu, 05/02/2019 - 10:39",
            "",
        ),
        # Negative: a label whose value is a sentence is text ("Objectives: ...").
        (
            "<div class='f'><div>Objectives:</div><div>To train inspectors on the new law.</div>"
            "</div>",
            None,
            "Objectives:\n\nTo train inspectors on the new law.",
        ),
        # A sentence next to the date is text, not a label.
        (
            "<div><span class='date'>02.05.2019</span><p>The course ended.</p></div>",
            "02.05.2019",
            "The course ended.",
        ),
    ],
)
def test_publication_lines_and_their_labels_leave_the_text(meta, page_date, kept):
    html = f"<html><body><article><h1>Training</h1>{meta}<p>{BODY}</p></article></body></html>"
    (item,) = segment(html, URL).items
    assert item.page_date == page_date
    assert item.text == "\n\n".join(p for p in ("Training", kept, BODY.strip()) if p)


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        # An article without a heading, above the page's other headings: its own item.
        ("<p>" + "The judges of Osh studied the new asylum law with IOM. " * 12 + "</p>", True),
        # Negative: a listing's short introduction before its first teaser is no item.
        ("<p>The latest news of the IOM office in Astana.</p>", False),
    ],
)
def test_an_article_without_a_heading_above_other_headings_is_an_item(lead, kept):
    html = (
        f"<html><body><article>{lead}</article><section><h2>Related news</h2>"
        f"<p>{BODY}</p></section></body></html>"
    )
    texts = [item.text for item in segment(html, URL).items]
    assert any(lead[3:40] in text for text in texts) == kept
    assert any("Related news" in text for text in texts)


def test_a_photos_caption_is_no_title_whatever_its_class():
    html = (
        "<html><body><div><div class='t030__title'>Training for inspectors</div>"
        "<div class='t107__title'>Participants of the event. Photo: IOM Moscow</div>"
        f"<div class='t-text'>{BODY}</div></div></body></html>"
    )
    (item,) = segment(html, URL).items
    assert item.title == "Training for inspectors"
    assert "Participants of the event. Photo: IOM Moscow" in item.text


def test_a_page_without_a_heading_leaves_its_publication_lines_out():
    html = (
        "<html><body><div><div>Press Briefing Notes</div><div>Press Release</div>"
        "<div>Kazakhstan - <span>Wed, 06/13/2018 - 15:24</span></div>"
        f"<div><div>Themes:</div><div><a href='/t'>Labour Migration</a></div></div><p>{BODY}</p>"
        "</div></body></html>"
    )
    (item,) = segment(html, URL).items
    assert item.page_date == "Kazakhstan - Wed, 06/13/2018 - 15:24"
    assert item.text == BODY.strip()


def test_a_sentence_with_a_time_inside_is_text_not_a_date():
    sentence = (
        "On <time datetime='2019-05-02'>2 May 2019</time> IOM opened a migrant resource centre."
    )
    html = f"<html><body><h1>Centre</h1><p>{sentence}</p><p>{BODY}</p></body></html>"
    (item,) = segment(html, URL).items
    assert item.page_date is None
    assert "On 2 May 2019 IOM opened" in item.text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # Share links before the body, "Related news" over links after it.
        (
            f"<h1>Training</h1><div><a href='https://facebook.com/s'>Facebook</a> "
            f"<a href='https://twitter.com/s'>Twitter</a></div><p>{BODY}</p>"
            "<h2>Related news</h2><h3><a href='/news/other'>Other news</a></h3>",
            f"Training\n\n{BODY.strip()}",
        ),
        # Tags separated by bars, after the text.
        (
            f"<h1>Training</h1><p>{BODY}</p><p><a href='/t/1'>Migration</a> | "
            "<a href='/t/2'>Trafficking</a></p>",
            f"Training\n\n{BODY.strip()}",
        ),
        # Negative: a paragraph with links in a sentence, and one link alone mid-text, stay.
        (
            f"<h1>Training</h1><p>Partners: <a href='/a'>UNHCR</a> and <a href='/b'>UNICEF</a>."
            f"</p><p><a href='/report.pdf'>The report</a></p><p>{BODY}</p>",
            f"Training\n\nPartners: UNHCR and UNICEF.\n\nThe report\n\n{BODY.strip()}",
        ),
    ],
)
def test_link_rows_and_empty_subheadings_leave_the_text(markup, text):
    ((_title, got),) = items_of(markup)
    assert got == text


@pytest.mark.parametrize(
    ("page_title", "found"),
    [
        ("Training for inspectors - IOM Georgia", True),  # the <title> repeats the heading
        ("News - IOM Georgia", False),  # a short body under any other h2 is not an item
    ],
)
def test_a_heading_the_title_repeats_is_the_pages_own_article(page_title, found):
    short = "IOM trained 25 labour inspectors in Batumi on 18 October 2018."
    assert len(short) < 150
    markup = f"<h2>Training for inspectors</h2><p>{short}</p>"
    assert bool(items_of(markup, page_title)) is found


@pytest.mark.parametrize(
    ("wrapper", "found"),
    [
        # ASP.NET Web Forms: one form around the whole body is the page.
        ("<form id='aspnetForm' method='post'>{}</form>", True),
        # A newsletter or search form inside the page is dropped with what it holds.
        ("<div><form action='/subscribe'>{}</form></div>", False),
        # A cookie consent dialog without a telling class.
        ("<div role='dialog' class='cc-window'>{}</div>", False),
    ],
)
def test_forms_that_are_the_page_stay_other_forms_and_dialogs_go(wrapper, found):
    markup = wrapper.format(f"<div class='x'><h2>Training</h2><p>{BODY}</p></div>")
    assert bool(items_of(markup)) is found


@pytest.mark.parametrize(
    ("cards", "dates"),
    [
        # A card that closes with its date keeps it: the date is not the next card's.
        (
            f"<div><h3><a href='/a'>First</a></h3><p>{BODY}</p><span>2 May 2019</span></div>"
            f"<div><h3><a href='/b'>Second</a></h3><p>{BODY}</p><span>1 May 2019</span></div>",
            ["2 May 2019", "1 May 2019"],
        ),
        # Negative: a date that opens the next card is that card's.
        (
            f"<div><span>2 May 2019</span><h3><a href='/a'>First</a></h3><p>{BODY}</p></div>"
            f"<div><span>1 May 2019</span><h3><a href='/b'>Second</a></h3><p>{BODY}</p></div>",
            ["2 May 2019", "1 May 2019"],
        ),
    ],
)
def test_a_cards_date_before_or_after_its_text_is_its_own(cards, dates):
    items = segment(f"<html><body>{cards}</body></html>", URL).items
    assert [item.page_date for item in items] == dates
    assert all(item.text.endswith(BODY.strip()) for item in items)


@pytest.mark.parametrize(
    ("markup", "titles"),
    [
        # A listing as a <ul>: each <li> holds a heading and its paragraphs.
        (
            f"<ul><li><h3><a href='/a'>First</a></h3><p>{BODY}</p></li>"
            f"<li><h3><a href='/b'>Second</a></h3><p>{BODY}</p></li></ul>",
            ["First", "Second"],
        ),
        # A title link named as one, alone in its line.
        (
            f"<div><a class='news-title' href='/a'>First</a><div>{BODY}</div></div>"
            f"<div><a class='news-title' href='/b'>Second</a><div>{BODY}</div></div>",
            ["First", "Second"],
        ),
        # Negative: a link named as a title inside a sentence is the sentence's.
        (
            f"<h2>First</h2><p>See <a class='news-title' href='/b'>the report</a> for more.</p>"
            f"<p>{BODY}</p>",
            ["First"],
        ),
        # Negative: a bullet list inside an article stays its text.
        (
            f"<h1>First</h1><p>{BODY}</p><ul><li><b>Moscow</b></li><li><b>Kazan</b></li></ul>",
            ["First"],
        ),
    ],
)
def test_list_items_and_named_title_links_open_items(markup, titles):
    assert [title for title, _text in items_of(markup)] == titles


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        # Body and post classes name what they hold, not themselves.
        (
            f"<div class='layout sidebar-first'><h1>Training</h1><p>{BODY}</p></div>",
            True,
        ),
        (f"<article class='post tag-migration'><h2>Training</h2><p>{BODY}</p></article>", True),
        # Negative: a sidebar is still a sidebar.
        (f"<div class='sidebar-first'><h2>Training</h2><p>{BODY}</p></div>", False),
    ],
)
def test_layout_names_on_the_pages_own_elements_do_not_drop_them(markup, found):
    html = f"<html><body class='one-sidebar sidebar-first has-sidebar'>{markup}</body></html>"
    assert bool(segment(html, URL).items) is found


@pytest.mark.parametrize(
    ("markup", "titles"),
    [
        # The main content's own header holds the article's title.
        (f"<main><header><h1>Training</h1></header><p>{BODY}</p></main>", ["Training"]),
        # Negative: the site's header, outside <main>, is a banner.
        (f"<header><h1>IOM</h1><p>{BODY}</p></header><main><p>{BODY}</p></main>", ["News"]),
    ],
)
def test_a_header_inside_main_is_the_contents_own(markup, titles):
    assert [title for title, _text in items_of(markup)] == titles


@pytest.mark.parametrize(
    ("heading", "title", "page_date"),
    [
        (
            "<h3><a href='/a'>Training</a> <small class='date'>2 May 2019</small></h3>",
            "Training",
            "2 May 2019",
        ),
        (
            "<h3><time datetime='2019-05-02'>02.05.2019</time> - Training</h3>",
            "Training",
            "2019-05-02",
        ),
        # Negatives: a "time" that is no date, a heading that is only a date.
        ("<h3>Training <span class='time'>5 min read</span></h3>", "Training 5 min read", None),
        ("<h3><span class='date'>2 May 2019</span></h3>", "2 May 2019", None),
    ],
)
def test_a_date_inside_a_heading_is_the_items_date(heading, title, page_date):
    (item,) = segment(f"<html><body><div>{heading}<p>{BODY}</p></div></body></html>", URL).items
    assert (item.title, item.page_date) == (title, page_date)


@pytest.mark.parametrize(
    ("meta", "page_date", "kept"),
    [
        # Drupal 7's labelled date field: the label sits a level above the date.
        (
            "<div class='f'><div class='l'>Date:&nbsp;</div><div class='i'><div>"
            "<span class='date-display-single'>05/02/2019</span></div></div></div>",
            "05/02/2019",
            "",
        ),
        ("<p>Date: 2 May 2019</p>", "Date: 2 May 2019", ""),
        # Negative: an event's date is the text's, not the page's.
        ("<p>Date of the event: 2 May 2019</p>", None, "Date of the event: 2 May 2019"),
    ],
)
def test_labelled_dates(meta, page_date, kept):
    html = f"<html><body><div><h1>Training</h1>{meta}<p>{BODY}</p></div></body></html>"
    (item,) = segment(html, URL).items
    assert item.page_date == page_date
    assert item.text == "\n\n".join(p for p in ("Training", kept, BODY.strip()) if p)
