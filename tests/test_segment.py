from __future__ import annotations

from collections import Counter

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from pipeline.decode import decode_payload
from pipeline.segment import segment


def page_of(sample_records, url: str, timestamp: str | None = None):
    matches = [
        r
        for (u, t), r in sorted(sample_records.items())
        if u == url and r.status == 200 and (timestamp is None or t == timestamp)
    ]
    stored = matches[-1]
    return segment(decode_payload(stored.payload, stored.content_type).text, stored.url)


def test_every_sample_page_yields_the_items_it_shows(expected_captures, sample_records):
    """expected.json lists the items each capture shows; segmentation must find as many."""
    misses = Counter()
    for capture in expected_captures:
        if capture["status"] != 200 or not capture.get("items"):
            continue
        page = page_of(sample_records, capture["url"], capture["timestamp"])
        if len(page.items) != len(capture["items"]):
            misses[capture.get("page_kind", capture.get("era"))] += 1
    assert not misses


def test_old_static_index_drops_sidebars(sample_records):
    page = page_of(sample_records, "http://moscow.iom.int/old/index.html")
    assert page.items
    for item in page.items:
        assert ">> IOM Today" not in item.text
        assert "Интеграционный тест" not in item.text
        assert "Staff Resources" not in item.text


@pytest.mark.parametrize(
    "url",
    [
        "https://russia.iom.int/news/scientific-practical-conference-issues-labour-migration",
        "https://moscow.iom.int/en/news/consultations-combating-human-trafficking-csto-format-0",
        # Drupal's Russian pages: "Опубликовано admin on Sun, 11/04/2018 - 16:37".
        "https://moscow.iom.int/ru/news/vstrecha-direktora-byuro-mom-v-moskve-s-poslom-"
        "respubliki-tadzhikistan-v-rossiyskoy-federacii",
    ],
)
def test_detail_pages_are_one_item_without_menus(sample_records, url):
    page = page_of(sample_records, url)
    (item,) = page.items
    assert "WHO WE ARE" not in item.text and "Privacy policy" not in item.text
    assert item.page_date is not None
    assert item.page_date not in item.text
    assert item.text.startswith(item.title)


def test_listing_teasers_link_to_their_detail_pages(sample_records):
    page = page_of(sample_records, "https://russia.iom.int/news")
    assert len(page.items) >= 2
    assert all(
        i.is_detail_link and i.url.startswith("https://russia.iom.int/news/") for i in page.items
    )
    assert all(i.page_date for i in page.items)


def test_an_articles_subheadings_stay_in_the_article():
    lead = "On 12 May 2019 IOM Moscow conducted a training for 25 journalists. " * 3
    html = (
        "<html><body><main><article><h1>Training for journalists</h1>"
        f"<div><p>{lead}</p><h3>Background</h3><p>The project is funded by the EU.</p>"
        "<p><strong>For more information please contact</strong></p>"
        "<p>Press office, IOM Moscow</p></div></article>"
        "<section><h2>Related news</h2><h3><a href='/news/other'>Other news</a></h3>"
        f"<p>{lead}</p></section></main></body></html>"
    )
    article, related = segment(html, "https://russia.iom.int/news/training").items
    assert article.title == "Training for journalists"
    assert article.text.endswith(
        "Background\n\nThe project is funded by the EU.\n\n"
        "For more information please contact\n\nPress office, IOM Moscow"
    )
    assert (related.title, related.url) == ("Other news", "https://russia.iom.int/news/other")


def test_a_teasers_bold_lead_in_stays_in_it_and_a_welcome_keeps_its_items_apart():
    body = "On 12 May 2019 IOM Moscow conducted a training for 25 journalists. " * 3
    listing = (
        "<html><body><div class='row'><h2><a href='/news/training'>Training</a></h2>"
        f"<p>{body}</p><p><b>Quote</b></p><p>We will go on, said the trainer.</p></div>"
        "</body></html>"
    )
    (teaser,) = segment(listing, "https://moscow.iom.int/en/node").items
    assert teaser.text.endswith("Quote\n\nWe will go on, said the trainer.")
    index = (
        f"<html><body><h2>Welcome to IOM Moscow</h2><p>{body}</p>"
        f"<p><b>Round table for journalists</b></p><p>{body}</p>"
        f"<p><b>Seminar for lawyers</b></p><p>{body}</p></body></html>"
    )
    titles = [item.title for item in segment(index, "http://moscow.iom.int/old/").items]
    assert titles == ["Welcome to IOM Moscow", "Round table for journalists", "Seminar for lawyers"]


def test_an_articles_own_header_stays_the_pages_header_and_cookie_banner_go():
    body = "On 3 June 2019 IOM Moscow conducted a training for 25 journalists. " * 3
    html = (
        "<html><body><header><h1>IOM Russian Federation</h1><p>UN Migration</p></header>"
        "<main><article><header><h1>Training for journalists</h1>"
        "<time datetime='2019-06-04'>4 June 2019</time></header>"
        f"<div><p>{body}</p></div></article></main>"
        "<div class='eu-cookie-compliance-banner'><p>We use cookies on this site to enhance "
        "your user experience. By clicking any link on this page you give consent.</p></div>"
        "</body></html>"
    )
    page = segment(html, "https://russia.iom.int/news/training")
    (item,) = page.items
    assert item.title == "Training for journalists"
    assert item.page_date == "2019-06-04"
    assert "UN Migration" not in page.text and "cookies" not in page.text


@pytest.mark.parametrize(
    "heading",
    [
        "<a href='/news/training'><div><h5>Training</h5></div></a>",  # a card's link
        "<p><a href='/news/training'><b>Training</b></a></p>",  # a bold link
        "<p><b><a href='/news/training'>Training</a></b></p>",
    ],
)
def test_a_heading_inside_or_around_a_link_makes_a_teaser(heading):
    teaser = "IOM Moscow conducted a training for 25 journalists on labour migration. " * 3
    html = f"<html><body><div class='cards'>{heading}<p>{teaser}</p></div></body></html>"
    (item,) = segment(html, "https://www.iom.int/news").items
    assert item.title == "Training"
    assert (item.url, item.is_detail_link) == ("https://www.iom.int/news/training", True)


def test_page_without_a_heading_is_one_item_titled_by_the_page():
    html = (
        "<html><head><title>Migrants Day | IOM</title></head><body><nav><a>Home</a></nav>"
        "<main><time datetime='2016-12-20'>20 December 2016</time><p>"
        + "On 19 December 2016 IOM organized an event to mark International Migrants Day. " * 3
        + "</p></main></body></html>"
    )
    (item,) = segment(html, "https://iom.az/news/x").items
    assert item.title == "Migrants Day"
    assert item.page_date == "2016-12-20"
    assert "20 December 2016" not in item.text


def test_mojibake_is_repaired_in_the_text_and_counted_only_there():
    heading = "Круглый стол по миграции"
    body = "Интеграционный тест для мигрантов прошёл в Москве 12 мая 2015 года. " * 3
    html = (
        "<html><head><title>News</title></head><body>"
        # UTF-8 read as windows-1252 in a menu that is dropped: not a repair of the text.
        f"<nav><a href='/ru'>{'Русский'.encode().decode('sloppy-windows-1252')}</a></nav>"
        f"<h2>{heading.encode().decode('sloppy-windows-1252')}</h2>"
        f"<p>{body.encode('cp1251').decode('latin-1')}</p></body></html>"
    )
    page = segment(html, "https://russia.iom.int/ru/news")
    (item,) = page.items
    assert item.title == heading
    assert item.text == f"{heading}\n\n{body.strip()}"
    assert item.lang == "ru"
    assert page.repairs == ("utf8-as-cp1252", "cp1251-as-latin1")
    assert "Ð" not in page.text and "Русский" not in page.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html>",
        "\x00\x01 not html at all",
        "<p>short</p>",
        "<?xml version='1.0' encoding='utf-8'?><html><body></body>",
    ],
)
def test_malformed_or_empty_pages_give_no_items(html):
    assert segment(html, "http://x/").items == []
