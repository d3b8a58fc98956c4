"""The labeled items rendered as archived pages of 8 kinds of site, one WARC per kind.

Tests segment these pages to see whether the segmenter finds the items in the markup of
kinds of site it was not written against: Drupal 7 as on iom.int, a 2000s windows-1251
static site, Joomla 2.5, 1C-Bitrix, Next.js, WordPress with Gutenberg blocks, a UN
country-team Drupal site and Tilda. Each kind follows the public markup of such sites and
is written independently of the project's code, so that none of the segmenter's
assumptions leak into the pages that test it. Every choice is seeded by a hash of the
item's id: the same items give byte-identical WARCs.

    python tests/markup_kinds.py --gold tests/cases/gold-dev.jsonl --out DIR [--no-check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# One archived page: url, date (the WARC-Date), headers, body (bytes); "item" on an item's
# detail page, "listed" (item ids) on a listing page.
Record = dict[str, Any]
Elem = TypeVar("Elem")


def h(s: str, n: int = 8) -> int:
    """The first n hex digits of the MD5 of s as a number: the seed of every "random" choice,
    so that the same input always gives the same pages."""
    return int(hashlib.md5(s.encode("utf-8")).hexdigest()[:n], 16)


def md5hex(s: str) -> str:
    return hashlib.md5(s.encode()).hexdigest()


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def para(p: str, br: str = "<br>") -> str:
    """One paragraph as inline HTML; inner single newlines become <br>."""
    return f"{br}\n".join(esc(x) for x in p.split("\n"))


COUNTRY = {  # code -> (en, ru, un host)
    "ge": ("Georgia", "Грузия", "georgia.un.org"),
    "tj": ("Tajikistan", "Таджикистан", "tajikistan.un.org"),
    "kz": ("Kazakhstan", "Казахстан", "kazakhstan.un.org"),
    "ua": ("Ukraine", "Украина", "ukraine.un.org"),
    "md": ("Moldova", "Молдова", "moldova.un.org"),
    "by": ("Belarus", "Беларусь", "belarus.un.org"),
    "kg": ("Kyrgyzstan", "Кыргызстан", "kyrgyzstan.un.org"),
    "az": ("Azerbaijan", "Азербайджан", "azerbaijan.un.org"),
    "tr": ("Türkiye", "Турция", "turkiye.un.org"),
    "am": ("Armenia", "Армения", "armenia.un.org"),
    "ba": ("Bosnia and Herzegovina", "Босния и Герцеговина", "bosniaherzegovina.un.org"),
    "tm": ("Turkmenistan", "Туркменистан", "turkmenistan.un.org"),
    "be": ("Belgium", "Бельгия", "belgium.un.org"),
    "at": ("Austria", "Австрия", "austria.un.org"),
    "me": ("Montenegro", "Черногория", "montenegro.un.org"),
    "rs": ("Serbia", "Сербия", "serbia.un.org"),
    "uz": ("Uzbekistan", "Узбекистан", "uzbekistan.un.org"),
    "ru": ("Russian Federation", "Россия", "russia.un.org"),
}

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_RU_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
MONTHS_RU_NOM = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]
WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WD_RU = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
WD_RU_SHORT = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def d_long(d: dt.datetime, lang: str) -> str:
    return f"{d.day} {(MONTHS_RU_GEN if lang == 'ru' else MONTHS_EN)[d.month - 1]} {d.year}"


def d_us(d: dt.datetime) -> str:  # "October 31, 2016"
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def d_dots(d: dt.datetime) -> str:
    return d.strftime("%d.%m.%Y")


def http_date(d: dt.datetime) -> str:
    # Spelled out: strftime("%a", "%b") would follow the locale.
    wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()]
    mo = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{wd}, {d.day:02d} {mo[d.month - 1]} {d.year} {d.strftime('%H:%M:%S')} GMT"


def warc_date(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


TRANSLIT = dict(zip("абвгдеёзийклмнопрстуфыэ", "abvgdeeziyklmnoprstufye", strict=True))
TRANSLIT |= {
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
}
STOP = {
    "a",
    "an",
    "as",
    "at",
    "before",
    "but",
    "by",
    "for",
    "from",
    "is",
    "in",
    "into",
    "like",
    "of",
    "off",
    "on",
    "onto",
    "per",
    "since",
    "than",
    "the",
    "this",
    "that",
    "to",
    "up",
    "via",
    "with",
}


def slugify(s: str, maxlen: int = 100, stop: bool = True) -> str:
    s = "".join(TRANSLIT.get(c, c) for c in s.lower())
    words = re.findall(r"[a-z0-9]+", s)
    if stop:
        words = [w for w in words if w not in STOP] or words
    out = "-".join(words)
    if len(out) > maxlen:
        out = out[:maxlen].rsplit("-", 1)[0]
    return out


TAGS = [  # (regex, en, ru)
    (r"traffick|торгов\w* людьми", "Counter-trafficking", "Противодействие торговле людьми"),
    (r"labou?r migra|трудов\w* мигра", "Labour Migration", "Трудовая миграция"),
    (r"health|tubercul|\bTB\b|HIV|COVID|здоров|пандеми", "Migration Health", "Миграция и здоровье"),
    (r"diaspora|диаспор", "Diaspora", "Диаспоры"),
    (r"border|границ|пограни", "Border Management", "Управление границами"),
    (
        r"reintegrat|readmission|return|реадмисс|возвращ",
        "Return and Reintegration",
        "Возвращение и реинтеграция",
    ),
    (r"refugee|беженц", "Refugees", "Беженцы"),
    (r"statistic|data\b|статисти", "Migration Data", "Миграционная статистика"),
    (r"women|gender|женщин", "Gender", "Гендер"),
    (r"child|детей|дети", "Children", "Дети"),
    (r"remittance|денежн\w* перевод", "Remittances", "Денежные переводы"),
    (r"training|workshop|тренинг|семинар", "Capacity Building", "Наращивание потенциала"),
    (r"conference|forum|round table|конференц|круглый стол|форум", "Events", "Мероприятия"),
]


class Item:
    """A labeled item with what every kind of site needs of it: its text split into kicker
    lines (before the title), title and body paragraphs, dates, office, tags and slug."""

    def __init__(self, d: dict[str, Any], idx: int) -> None:
        self.id: str = d["id"]
        self.lang: str = d["lang"]
        self.idx = idx
        self.raw_title: str = d["title"] or ""
        paras = d["text"].split("\n\n")
        self.paras: list[str] = paras
        t = self.raw_title.strip()
        k = next((i for i, p in enumerate(paras) if t and p.strip() == t), None)
        if k is None:
            self.pre, self.title, self.body = [], self.raw_title, paras
        else:
            self.pre, self.title, self.body = paras[:k], paras[k], paras[k + 1 :]
        m = re.match(r"x-(\w\w)-", self.id)
        self.cc = m.group(1) if m else "ru"
        self.country_en, self.country_ru, self.un_host = COUNTRY[self.cc]
        ru = self.lang == "ru"
        self.country = self.country_ru if ru else self.country_en
        if self.cc == "ru":
            self.office = "Бюро МОМ в Москве" if ru else "IOM Moscow"
        else:
            self.office = "МОМ " + self.country_ru if ru else "IOM " + self.country_en
        self.seed = seed = h(self.id)
        self.pub, self.crawl = self._dates(d, seed)
        longp = [p for p in self.body if len(p) >= 60] or self.body or [self.title]
        self.lead = longp[0]
        lead = self.lead.replace("\n", " ").strip()
        ms = re.match(r"(.{40,}?[.!?])(?=\s|$)", lead)
        self.first_sentence = ms.group(1) if ms else lead
        if self.title:
            self.label = self.title
        else:
            w = self.lead.replace("\n", " ").split()
            self.label = " ".join(w[:11]) + ("…" if len(w) > 11 else "")
        tags = [(r if ru else e) for rx, e, r in TAGS if re.search(rx, d["text"], re.I)][:4]
        self.tags = tags or (["Миграция"] if ru else ["Migration"])
        base = self.title or self.label.rstrip("…")
        self.slug = slugify(base, 80) or slugify(self.id, stop=False)

    def _dates(self, d: dict[str, Any], seed: int) -> tuple[dt.datetime, dt.datetime]:
        """Publication date (event_start plus 0-2 days) and crawl date (1-20 days later).
        A missing year is taken from the id or URL, a missing day is seeded; with no date
        at all the page is crawled on 2019-01-01."""
        m = re.match(r"(\d{4}|XXXX)(?:-(\d\d))?(?:-(\d\d))?", d.get("event_start") or "")
        if not m:
            crawl = dt.datetime(2019, 1, 1, (seed >> 12) % 12, (seed >> 16) % 60, (seed >> 8) % 60)
            pub = dt.datetime(2018, 12, 31, 9 + seed % 9, (seed >> 4) % 60)
            return pub - dt.timedelta(days=(seed >> 6) % 20), crawl
        if m.group(1) == "XXXX":
            ym = re.search(r"(?<!\d)(20[01]\d|202[0-4])(?!\d)", self.id + " " + d["source_url"])
            y = int(ym.group(1)) if ym else 2019
        else:
            y = int(m.group(1))
        mo = int(m.group(2) or 1)
        da = int(m.group(3) or (1 + seed % 20))
        ev = dt.datetime(y, mo, da, 9 + seed % 9, (seed >> 4) % 60, (seed >> 10) % 60)
        pub = ev + dt.timedelta(days=(seed >> 3) % 3)
        crawl = pub + dt.timedelta(
            days=1 + (seed >> 6) % 20, hours=(seed >> 12) % 12, minutes=(seed >> 16) % 50
        )
        return pub, crawl

    def rnd(self, salt: str, n: int) -> int:
        return h(self.id + "|" + salt) % n

    def caption(self) -> str:
        office, year = self.office, self.pub.year
        if self.lang == "ru":
            opts = [
                f"Участники мероприятия. Фото: {office}",
                f"© {office}, {year}",
                f"Фото: {office}",
            ]
        else:
            opts = [
                f"Participants of the event. Photo: {office}",
                f"© {office} {year}",
                f"Photo: {office} / {year}",
            ]
        return opts[self.rnd("cap", 3)]


def make_items(numbered: Sequence[tuple[int, dict[str, Any]]]) -> list[Item]:
    """Items of (number, labeled item) pairs; the number goes into some kinds' page ids."""
    items = [Item(d, i) for i, d in numbered]
    seen: set[str] = set()
    for it in items:  # Drupal/pathauto style de-duplication: slug, slug-0, slug-1 ...
        base = it.slug
        k = -1
        while it.slug in seen:
            k += 1
            it.slug = f"{base}-{k}"
        seen.add(it.slug)
    return items


def load(path: Path) -> list[Item]:
    """The items of a JSON-lines file, numbered by their line (blank lines count)."""
    with path.open(encoding="utf-8") as f:
        return make_items([(i, json.loads(line)) for i, line in enumerate(f) if line.strip()])


def by_date(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.pub, i.id), reverse=True)


def of_lang(items: list[Item], lang: str) -> list[Item]:
    """The items of one language, newest first: a listing section."""
    return [i for i in by_date(items) if i.lang == lang]


def related(item: Item, items: list[Item], n: int = 4) -> list[Item]:
    """Other items of the same language, nearest in date, titled only."""
    pool = [o for o in by_date(items) if o.lang == item.lang and o.id != item.id and o.title]
    pool.sort(key=lambda o: (abs((o.pub - item.pub).days), o.id))
    return pool[:n]


def record(
    url: str, date: dt.datetime, headers: list[tuple[str, str]], page: str, **extra: Any
) -> Record:
    return dict(url=url, date=date, headers=headers, body=page.encode("utf-8"), **extra)


def pages_of(seq: list[Elem], n: int) -> list[list[Elem]]:
    return [seq[i : i + n] for i in range(0, len(seq), n)]


# --- Drupal 7, as iom.int served it ----------------------------------------------------------


def k_drupal7(items: list[Item]) -> list[Record]:
    """https://www.iom.int[/ru]/news/<slug>, item pages only. Drupal 7's XHTML+RDFa page and its
    `field field-name-… / field-items / field-item` nesting: a type field (PBN or Press Release),
    the date line "Country - Tue, 05/12/2015 - 10:30", country, image and caption fields,
    themes, AddThis share, related news and a media contact in the sidebar, a cookie popup."""
    out: list[Record] = []
    for it in items:
        ru = it.lang == "ru"
        pre = "/ru" if ru else ""
        url = f"https://www.iom.int{pre}/news/{it.slug}"
        nid = 10000 + it.seed % 90000
        d = it.pub
        weekday = WD_RU_SHORT[d.weekday()] if ru else WD_EN[d.weekday()][:3]
        dateline = f"{weekday}, {d.strftime('%d.%m.%Y' if ru else '%m/%d/%Y')} - {d:%H:%M}"
        ntype = ("PBN", "Press Release")[it.rnd("pbn", 2)]
        if ru and ntype == "Press Release":
            ntype = "Пресс-релиз"
        L: dict[str, Any] = (
            dict(
                home="Главная",
                press="Пресс-центр",
                news="Новости",
                search="Поиск",
                themes="Темы",
                share="Поделиться",
                rel="Похожие новости",
                skip="Перейти к основному содержанию",
                cookie1="Мы используем файлы cookie, чтобы сделать сайт удобнее.",
                cookie2="Нажимая на любую ссылку на этой странице, вы соглашаетесь на "
                "использование файлов cookie.",
                agree="OK, я согласен",
                more="Подробнее",
                contact="Контакты для СМИ",
                country="Страна",
                menu=[
                    "О МОМ",
                    "Что мы делаем",
                    "Где мы работаем",
                    "Пресс-центр",
                    "Данные и исследования",
                    "Принять участие",
                ],
                footer="Международная организация по миграции",
                pbnhdr="Брифинги для прессы",
                subscribe="Подписаться на новости",
                print_="Версия для печати",
            )
            if ru
            else dict(
                home="Home",
                press="Press Room",
                news="Press Releases",
                search="Search",
                themes="Themes",
                share="Share",
                rel="Related News",
                skip="Skip to main content",
                cookie1="We use cookies on this site to enhance your user experience",
                cookie2="By clicking any link on this page you are giving your consent for us to "
                "set cookies.",
                agree="OK, I agree",
                more="No, give me more info",
                contact="For more information please contact",
                country="Country",
                menu=[
                    "About IOM",
                    "What We Do",
                    "Where We Work",
                    "Press Room",
                    "Data and Research",
                    "Get Involved",
                ],
                footer="International Organization for Migration",
                pbnhdr="Press Briefing Notes",
                subscribe="Subscribe to our newsletter",
                print_="Printer-friendly version",
            )
        )
        rel = related(it, items, 5)
        title_html = f'<h1 class="title" id="page-title">{esc(it.title)}</h1>' if it.title else ""
        pre_html = "".join(
            '<div class="field field-name-field-subtitle field-type-text '
            'field-label-hidden"><div class="field-items">'
            f'<div class="field-item even">{para(p, "<br />")}</div></div></div>\n'
            for p in it.pre
        )
        body = "\n".join(f"<p>{para(p, '<br />')}</p>" for p in it.body)
        img = (
            "https://www.iom.int/sites/default/files/styles/highlights/public/press_release/"
            f"media/{it.slug[:30]}-{d.year}.jpg?itok={md5hex(it.id)[:8]}"
        )
        tags = " ".join(
            f'<div class="field-item {("even", "odd")[k % 2]}">'
            f'<a href="{pre}/themes/{slugify(t)}" typeof="skos:Concept" '
            f'property="rdfs:label skos:prefLabel" datatype="">{esc(t)}</a></div>'
            for k, t in enumerate(it.tags)
        )
        relh = "\n".join(
            f'<div class="views-row views-row-{k + 1} views-row-{("odd", "even")[k % 2]}">'
            '<div class="views-field views-field-title"><span class="field-content">'
            f'<a href="{pre}/news/{o.slug}">{esc(o.title)}</a></span></div>'
            '<div class="views-field views-field-field-press-release-date">'
            '<div class="field-content"><span '
            'class="date-display-single">'
            f"{o.pub.strftime('%d/%m/%Y' if ru else '%m/%d/%Y')}</span></div></div></div>"
            for k, o in enumerate(rel)
        )
        menu = "\n".join(
            f'<li class="{"first " if k == 0 else ("last " if k == 5 else "")}leaf '
            f'menu-mlid-{300 + k}"><a href="{pre}/{slugify(m)}" title="">{esc(m)}</a></li>'
            for k, m in enumerate(L["menu"])
        )
        settings = json.dumps(
            {
                "basePath": "/",
                "pathPrefix": "ru/" if ru else "",
                "ajaxPageState": {"theme": "iom", "theme_token": md5hex(url)[:22]},
                "eu_cookie_compliance": {
                    "popup_enabled": 1,
                    "popup_agreed_enabled": 0,
                    "popup_hide_agreed": 0,
                    "popup_clicking_confirmation": 1,
                },
                "addthis": {"services_toolbox": "facebook,twitter,linkedin,email"},
            },
            separators=(",", ":"),
        )
        s = it.slug
        lang_sw = (
            '<ul class="language-switcher-locale-url">'
            f'<li class="en first{"" if ru else " active"}">'
            f'<a href="/news/{s}" class="language-link" xml:lang="en">English</a></li>'
            f'<li class="fr"><a href="/fr/news/{s}" class="language-link" '
            'xml:lang="fr">Français</a></li><li class="es">'
            f'<a href="/es/news/{s}" class="language-link" xml:lang="es">Español</a></li>'
            f'<li class="ru last{" active" if ru else ""}">'
            f'<a href="/ru/news/{s}" class="language-link" xml:lang="ru">Русский</a></li></ul>'
        )
        page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"
  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{it.lang}" version="XHTML+RDFa 1.0" dir="ltr"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/terms/"
  xmlns:foaf="http://xmlns.com/foaf/0.1/"
  xmlns:og="http://ogp.me/ns#"
  xmlns:sioc="http://rdfs.org/sioc/ns#"
  xmlns:skos="http://www.w3.org/2004/02/skos/core#">

<head profile="http://www.w3.org/1999/xhtml/vocab">
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<link rel="shortcut icon" href="https://www.iom.int/sites/all/themes/iom/favicon.ico" \
type="image/vnd.microsoft.icon" />
<meta name="description" content="{attr(it.first_sentence)}" />
<meta name="generator" content="Drupal 7 (http://drupal.org)" />
<link rel="canonical" href="{url}" />
<link rel="shortlink" href="https://www.iom.int{pre}/node/{nid}" />
<meta property="og:site_name" content="International Organization for Migration" />
<meta property="og:type" content="article" />
<meta property="og:url" content="{url}" />
<meta property="og:title" content="{attr(it.title or it.label)}" />
<meta property="og:image" content="{attr(img)}" />
<meta name="twitter:card" content="summary_large_image" />
<meta name="twitter:site" content="@UNmigration" />
  <title>{esc(it.title + " | " if it.title else "")}{esc(L["footer"])}</title>
  <style type="text/css" media="all">
@import url("https://www.iom.int/modules/system/system.base.css?{it.slug[:6]}");
@import url("https://www.iom.int/modules/system/system.menus.css?{it.slug[:6]}");
@import url("https://www.iom.int/sites/all/modules/contrib/views/css/views.css?{it.slug[:6]}");
</style>
<style type="text/css" media="all">
@import url("https://www.iom.int/sites/all/themes/iom/css/style.css?{it.slug[:6]}");
</style>
  <script type="text/javascript" src="https://www.iom.int/misc/jquery.js?v=1.4.4"></script>
<script type="text/javascript" src="https://www.iom.int/misc/drupal.js?{it.slug[:6]}"></script>
<script type="text/javascript" \
src="//s7.addthis.com/js/300/addthis_widget.js#pubid=ra-52d6d2c42e1e7d5d"></script>
<script type="text/javascript">
<!--//--><![CDATA[//><!--
jQuery.extend(Drupal.settings, {settings});
//--><!]]>
</script>
</head>
<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- \
page-node-{nid} node-type-press-release i18n-{it.lang}" >
  <div id="skip-link">
    <a href="#main-content" class="element-invisible element-focusable">{L["skip"]}</a>
  </div>
    <div id="page-wrapper"><div id="page">
  <div id="header"><div class="section clearfix">
          <a href="{pre}/" title="{L["home"]}" rel="home" id="logo">
        <img src="https://www.iom.int/sites/all/themes/iom/logo.png" alt="{L["home"]}" />
      </a>
      <div class="region region-header">
    <div id="block-locale-language" class="block block-locale">
  <div class="content">
    {lang_sw}
  </div>
</div>
<div id="block-search-form" class="block block-search">
  <div class="content">
    <form action="{pre}/news/{it.slug}" method="post" id="search-block-form" \
accept-charset="UTF-8"><div><div class="container-inline">
      <h2 class="element-invisible">{L["search"]}</h2>
    <div class="form-item form-type-textfield form-item-search-block-form">
  <label class="element-invisible" for="edit-search-block-form--2">{L["search"]} </label>
 <input title="{L["search"]}" type="text" id="edit-search-block-form--2" name="search_block_form" \
value="" size="15" maxlength="128" class="form-text" />
</div>
<div class="form-actions form-wrapper" id="edit-actions">\
<input type="submit" id="edit-submit" name="op" value="{L["search"]}" class="form-submit" /></div>\
<input type="hidden" name="form_build_id" value="form-{md5hex(url)}" />
<input type="hidden" name="form_id" value="search_block_form" />
</div>
</div></form>  </div>
</div>
  </div>
  </div></div> <!-- /.section, /#header -->
      <div id="navigation"><div class="section">
        <h2 class="element-invisible">Main menu</h2>\
<ul id="main-menu" class="links inline clearfix menu">{menu}</ul>
      </div></div> <!-- /.section, /#navigation -->
      <div id="breadcrumb"><h2 class="element-invisible">You are here</h2><div class="breadcrumb">\
<a href="{pre}/">{L["home"]}</a> » <a href="{pre}/press-room">{L["press"]}</a> » \
<a href="{pre}/press-releases">{L["news"]}</a></div></div>
    <div id="main-wrapper"><div id="main" class="clearfix">
    <div id="content" class="column"><div class="section">
            <a id="main-content"></a>
      <div class="pbn-header"><span class="pbn-label">{L["pbnhdr"]}</span></div>
                    <div class="tabs"></div>
                          <div class="region region-content">
    <div id="block-system-main" class="block block-system">
  <div class="content">
    <div id="node-{nid}" class="node node-press-release node-promoted clearfix" \
about="{pre}/news/{it.slug}" typeof="sioc:Item foaf:Document">
  <div class="field field-name-field-press-release-type field-type-list-text field-label-hidden">\
<div class="field-items"><div class="field-item even">{ntype}</div></div></div>
  {pre_html}{title_html}
  <span property="dc:title" content="{attr(it.title)}" class="rdf-meta element-hidden"></span>
  <div class="content">
    <div class="field field-name-field-date-line field-type-text field-label-hidden">\
<div class="field-items"><div class="field-item even">{esc(it.country)} - \
<span class="date-display-single" property="dc:date" datatype="xsd:dateTime" \
content="{d.strftime("%Y-%m-%dT%H:%M:%S")}+02:00">{esc(dateline)}</span></div></div></div>
<div class="field field-name-field-press-release-country field-type-taxonomy-term-reference \
field-label-inline clearfix"><div class="field-label">{L["country"]}:&nbsp;</div>\
<div class="field-items"><div class="field-item even">\
<a href="{pre}/countries/{slugify(it.country_en)}" typeof="skos:Concept" \
property="rdfs:label skos:prefLabel" datatype="">{esc(it.country)}</a></div></div></div>
<div class="field field-name-field-image field-type-image field-label-hidden">\
<div class="field-items"><div class="field-item even" rel="og:image rdfs:seeAlso" \
resource="{attr(img)}"><img typeof="foaf:Image" src="{attr(img)}" width="760" height="428" \
alt="" /></div></div></div>
<div class="field field-name-field-image-caption field-type-text field-label-hidden">\
<div class="field-items"><div class="field-item even">{esc(it.caption())}</div></div></div>
<div class="field field-name-body field-type-text-with-summary field-label-hidden">\
<div class="field-items"><div class="field-item even" property="content:encoded">{body}
</div></div></div>
<div class="field field-name-field-themes field-type-taxonomy-term-reference field-label-above">\
<div class="field-label">{L["themes"]}:&nbsp;</div><div class="field-items">{tags}</div></div>
  </div>
  <div class="addthis_toolbox addthis_default_style addthis_32x32_style">\
<span class="share-label">{L["share"]}</span><a class="addthis_button_facebook"></a>\
<a class="addthis_button_twitter"></a><a class="addthis_button_linkedin"></a>\
<a class="addthis_button_email"></a><a class="addthis_button_compact"></a></div>
  <ul class="links inline"><li class="print_html first last">\
<a href="{pre}/print/{nid}" title="Display a printer-friendly version of this page." \
class="print-page" rel="nofollow">{L["print_"]}</a></li></ul>
</div>
  </div>
</div>
  </div>
      </div></div> <!-- /.section, /#content -->
          <div id="sidebar-second" class="column sidebar"><div class="section">
        <div class="region region-sidebar-second">
    <div id="block-views-related-news-block" class="block block-views">
        <h2>{L["rel"]}</h2>
  <div class="content">
    <div class="view view-related-news view-id-related_news view-display-id-block">\
<div class="view-content">
{relh}
    </div></div>  </div>
</div>
<div id="block-block-12" class="block block-block">
  <h2>{L["contact"]}</h2>
  <div class="content"><p>{esc(it.office)}\
<br />Tel: +{41 if it.cc == "ru" else 7} {it.seed % 900 + 100} {it.seed % 9000 + 1000}<br />Email: \
<a href="mailto:media@iom.int">media@iom.int</a></p></div>
</div>
<div id="block-mailchimp-signup" class="block block-mailchimp-signup"><h2>{L["subscribe"]}</h2>\
<div class="content"><form action="{pre}/news/{it.slug}" method="post">\
<input type="text" name="mergevars[EMAIL]" size="25" class="form-text required" />\
<input type="submit" value="OK" class="form-submit" /></form></div></div>
  </div>
      </div></div> <!-- /.section, /.sidebar -->
      </div></div> <!-- /#main, /#main-wrapper -->
    <div id="footer"><div class="section">
      <div class="region region-footer">
    <div id="block-menu-menu-footer-menu" class="block block-menu"><div class="content">\
<ul class="menu"><li class="first leaf"><a href="{pre}/contact">{"Контакты" if ru else "Contact"}\
</a></li><li class="leaf"><a href="{pre}/\
terms-and-conditions">{"Условия использования" if ru else "Terms and Conditions"}</a></li>\
<li class="leaf"><a href="{pre}/privacy">{"Конфиденциальность" if ru else "Privacy"}</a></li>\
<li class="last leaf"><a href="{pre}/sitemap">{"Карта сайта" if ru else "Sitemap"}</a></li></ul>\
</div></div>
<div id="block-block-3" class="block block-block"><div class="content"><p>© {L["footer"]} {d.year}\
</p></div></div>
  </div>
    </div></div> <!-- /.section, /#footer -->
  </div></div> <!-- /#page, /#page-wrapper -->
  <div id="sliding-popup" class="sliding-popup-bottom" \
style="height: auto; width: 100%; bottom: 0px;"><div>
  <div class="popup-content info">
    <div id="popup-text">
      <p>{L["cookie1"]}</p><p>{L["cookie2"]}</p>    </div>
    <div id="popup-buttons">
      <button type="button" class="agree-button">{L["agree"]}</button>
              <button type="button" class="find-more-button">{L["more"]}</button>
          </div>
  </div>
</div></div>
<script type="text/javascript" \
src="https://www.iom.int/sites/all/modules/contrib/eu_cookie_compliance/js/eu_cookie_compliance.js?\
{it.slug[:6]}"></script>
</body>
</html>
'''
        hdr = [
            ("Server", "Apache"),
            ("Date", http_date(it.crawl)),
            ("Content-Type", "text/html; charset=utf-8"),
            ("X-Drupal-Cache", "HIT"),
            ("Etag", f'"{int(it.crawl.timestamp())}-0"'),
            ("Content-Language", it.lang),
            ("X-Frame-Options", "SAMEORIGIN"),
            ("X-Generator", "Drupal 7 (http://drupal.org)"),
            (
                "Link",
                f'<https://www.iom.int{pre}/node/{nid}>; rel="shortlink",<{url}>; rel="canonical"',
            ),
            ("Cache-Control", "public, max-age=3600"),
            ("Expires", "Sun, 19 Nov 1978 05:00:00 GMT"),
            ("Last-Modified", http_date(it.pub)),
            ("Vary", "Cookie,Accept-Encoding"),
        ]
        out.append(record(url, it.crawl, hdr, page, item=it))
    return out


# --- a 2000s static site in windows-1251 -----------------------------------------------------


def k_static1251(items: list[Item]) -> list[Record]:
    """http://www.iom.ru[/eng]/news/YYYY/MM/DD/N.html and listings of 10, news/index[N].html.
    HTML 4.01 in windows-1251 (other characters as &#NNN;): a table layout of <font>s, the
    whole text in one <font> with paragraphs separated by <br><br>, hit counters, a column of
    other news."""
    out: list[Record] = []
    urls = {}
    for lang in ("ru", "en"):
        perday: dict[dt.date, int] = {}  # the day's news are numbered 1.html, 2.html, ...
        for it in sorted(of_lang(items, lang), key=lambda i: (i.pub, i.id)):
            k = perday[it.pub.date()] = perday.get(it.pub.date(), 0) + 1
            urls[it.id] = (
                f"http://www.iom.ru{'' if lang == 'ru' else '/eng'}/news/{it.pub:%Y/%m/%d}/{k}.html"
            )

    def listurl(lang: str, n: int) -> str:
        return (
            f"http://www.iom.ru{'' if lang == 'ru' else '/eng'}/news/"
            f"{'index.html' if n == 1 else f'index{n}.html'}"
        )

    def shell(lang: str, title: str, year: int, content: str, right: str, path_url: str) -> str:
        ru = lang == "ru"
        T: dict[str, Any] = (
            dict(
                org="Международная организация по миграции",
                sub="Представительство МОМ в Российской Федерации",
                menu=[
                    ("Главная", "/"),
                    ("О МОМ", "/about/"),
                    ("Новости", "/news/"),
                    ("Проекты", "/projects/"),
                    ("Публикации", "/publications/"),
                    ("Вакансии", "/jobs/"),
                    ("Контакты", "/contacts/"),
                ],
                search="Поиск по сайту",
                go="Найти",
                other="English version",
                addr="Москва, Малый Гнездниковский пер., д. 12/27, стр. 2. Тел.: (495) "
                "797-87-22, факс: (495) 797-87-23",
                rights="Все права защищены. При перепечатке материалов ссылка на сайт обязательна.",
                subscribe="Подписка на новости",
                email="Ваш e-mail:",
            )
            if ru
            else dict(
                org="International Organization for Migration",
                sub="IOM Mission in the Russian Federation",
                menu=[
                    ("Home", "/eng/"),
                    ("About IOM", "/eng/about/"),
                    ("News", "/eng/news/"),
                    ("Projects", "/eng/projects/"),
                    ("Publications", "/eng/publications/"),
                    ("Vacancies", "/eng/jobs/"),
                    ("Contacts", "/eng/contacts/"),
                ],
                search="Site search",
                go="Go",
                other="Русская версия",
                addr="Moscow, Maly Gnezdnikovsky per. 12/27, bld. 2. Tel.: +7 (495) 797-87-22, "
                "fax: +7 (495) 797-87-23",
                rights="All rights reserved.",
                subscribe="News subscription",
                email="Your e-mail:",
            )
        )
        menu = "\n".join(
            '<tr><td width="12"><img src="/img/arr.gif" width="7" height="7" alt=""></td>'
            f'<td><a href="{u}" class="menu">'
            f'<font face="Verdana, Arial" size="2" color="#003366">{esc(t)}</font></a>'
            "</td></tr>"
            for t, u in T["menu"]
        )
        other_url = "/eng/" if ru else "/"
        if ru:
            keywords = "МОМ, миграция, мигранты, торговля людьми, трудовая миграция"
        else:
            keywords = "IOM, migration, migrants, trafficking, labour migration"
        return f'''<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>{esc(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<meta name="keywords" content="{keywords}">
<meta name="description" content="{attr(T["sub"])}">
<link rel="stylesheet" href="/css/style.css" type="text/css">
<script language="JavaScript" type="text/javascript" src="/js/menu.js"></script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0" \
text="#000000" link="#003399" vlink="#663399">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr>
<td width="190" bgcolor="#0B3C7D"><a href="{T["menu"][0][1]}">\
<img src="/img/logo_iom.gif" width="190" height="90" border="0" alt="IOM"></a></td>
<td bgcolor="#0B3C7D" valign="middle"><font face="Verdana, Arial" size="4" color="#FFFFFF">\
<b>{T["org"]}</b></font><br>
<font face="Verdana, Arial" size="2" color="#C8D7EA">{T["sub"]}</font></td>
<td bgcolor="#0B3C7D" align="right" valign="top"><font face="Verdana" size="1">\
<a href="{other_url}"><font color="#FFFFFF">{T["other"]}</font></a>&nbsp;&nbsp;</font></td>
</tr>
<tr><td colspan="3" bgcolor="#F2A900"><img src="/img/1x1.gif" width="1" height="3" alt=""></td></tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr>
<td width="190" valign="top" bgcolor="#E8EEF6">
<table width="100%" border="0" cellspacing="4" cellpadding="2">
{menu}
</table>
<br>
<form action="/cgi-bin/search.pl" method="get">
<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr><td>
<font face="Verdana, Arial" size="1"><b>{T["search"]}</b></font><br>
<input type="text" name="q" size="14" style="font-size:11px"> \
<input type="submit" value="{T["go"]}" style="font-size:11px">
</td></tr></table>
</form>
<form action="/cgi-bin/subscribe.pl" method="post">
<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr><td>
<font face="Verdana, Arial" size="1"><b>{T["subscribe"]}</b><br>{T["email"]}</font><br>
<input type="text" name="email" size="14" style="font-size:11px"> \
<input type="submit" value="OK" style="font-size:11px">
</td></tr></table>
</form>
<br><center>
<!--begin of Rambler's Top100 code -->
<a href="http://top100.rambler.ru/top100/">\
<img src="http://counter.rambler.ru/top100.cnt?{h(path_url) % 900000 + 100000}" alt="" width="1" \
height="1" border="0"></a>
<!--end of Top100 code-->
<!--LiveInternet counter--><script type="text/javascript"><!--
document.write("<a href='http://www.liveinternet.ru/click' target=_blank>\
<img src='http://counter.yadro.ru/hit?t14.6;\
r"+escape(document.referrer)+((typeof(screen)=="undefined")?"":";\
s"+screen.width+"*"+screen.height+"*"+(screen.colorDepth?screen.colorDepth:screen.pixelDepth))+";\
u"+escape(document.URL)+";"+Math.random()+"' border=0 width=88 height=31 alt='' \
title='LiveInternet'><\\/a>")//--></script><!--/LiveInternet-->
</center>
</td>
<td width="1" bgcolor="#B0C4DE"><img src="/img/1x1.gif" width="1" height="1" alt=""></td>
{content}
<td width="200" valign="top" bgcolor="#F7F7F7">
{right}
</td>
</tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="6">
<tr><td bgcolor="#0B3C7D" align="center">\
<font face="Verdana, Arial" size="1" color="#FFFFFF">&copy; 2003-{year} {T["org"]}. {T["rights"]}\
<br>{T["addr"]}</font></td></tr>
</table>
</body>
</html>
'''

    def rec(url: str, date: dt.datetime, page: str, idx: int) -> Record:
        body = page.encode("cp1251", "xmlcharrefreplace")
        # Every other page names its charset only in <meta>, as such servers often did.
        ct = "text/html; charset=windows-1251" if idx % 2 == 0 else "text/html"
        hdr = [
            ("Date", http_date(date)),
            ("Server", "Apache/1.3.33 (Unix) PHP/4.3.10"),
            ("Last-Modified", http_date(date - dt.timedelta(days=1))),
            ("ETag", f'"{h(url) % 99999:x}-{len(body):x}-{h(url + "e"):x}"'),
            ("Accept-Ranges", "bytes"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
            ("Content-Type", ct),
        ]
        return dict(url=url, date=date, headers=hdr, body=body)

    n = 0
    for lang in ("ru", "en"):
        ru = lang == "ru"
        pages = pages_of(of_lang(items, lang), 10)
        for pn, grp in enumerate(pages, 1):
            rows = "\n".join(
                f'''<tr><td valign="top" width="75">\
<font face="Arial" size="2" color="#888888">{d_dots(it.pub)}</font></td>
<td valign="top"><a href="{urls[it.id]}"><font face="Verdana, Arial" size="2" color="#003399">\
<b>{esc(it.label)}</b></font></a><br>
<font face="Verdana, Arial" size="2">{esc(it.first_sentence)}</font><br>\
<img src="/img/1x1.gif" width="1" height="8" alt=""></td></tr>'''
                for it in grp
            )
            nav = " | ".join(
                f"<b>{k}</b>" if k == pn else f'<a href="{listurl(lang, k)}">{k}</a>'
                for k in range(1, len(pages) + 1)
            )
            content = f'''<td valign="top" style="padding:12px">
<font face="Verdana, Arial" size="1" color="#666666">\
<a href="{"/" if ru else "/eng/"}">{"Главная" if ru else "Home"}\
</a> &gt; {"Новости" if ru else "News"}</font><br><br>
<font face="Verdana, Arial" size="3" color="#0B3C7D"><b>{"Новости" if ru else "News"}</b></font>\
<br><br>
<table width="100%" border="0" cellspacing="0" cellpadding="3">
{rows}
</table>
<br><font face="Verdana, Arial" size="2">{"Страницы" if ru else "Pages"}: {nav}</font>
</td>'''
            right = f'''<table width="100%" cellpadding="6" cellspacing="0" border="0"><tr><td>\
<font face="Verdana" size="2" color="#0B3C7D"><b>{"Полезные ссылки" if ru else "Useful links"}</b>\
</font><br><br>
<font face="Verdana" size="1"><a href="http://www.iom.int/">IOM Headquarters</a><br><br>\
<a href="http://www.un.org/">{"ООН" if ru else "United Nations"}</a><br><br>\
<a href="{"/" if ru else "/eng/"}hotline/">{"Горячая линия" if ru else "Hotline"}</a></font></td>\
</tr></table>'''
            date = max(i.crawl for i in grp)
            title = ("МОМ в России :: Новости" if ru else "IOM Russia :: News") + (
                "" if pn == 1 else f" :: {pn}"
            )
            page = shell(lang, title, grp[0].pub.year, content, right, listurl(lang, pn))
            out.append(dict(rec(listurl(lang, pn), date, page, n), listed=[i.id for i in grp]))
            n += 1
    for it in items:
        ru = it.lang == "ru"
        rel = related(it, items, 5)
        txt = "<br><br>\n".join(para(p) for p in it.body)
        pre = "".join(
            f'<font face="Verdana, Arial" size="2" color="#555555">{para(p)}</font><br>\n'
            for p in it.pre
        )
        ttl = (
            f'<font face="Verdana, Arial" size="3" color="#0B3C7D"><b>{esc(it.title)}</b>'
            "</font><br><br>\n"
            if it.title
            else ""
        )
        photo = (
            '<table align="right" border="0" cellpadding="4" cellspacing="0"><tr><td>'
            f'<img src="/photos/{it.pub.year}/{it.seed % 9000 + 1000}.jpg" width="200" '
            'height="150" border="1" alt=""><br>'
            f'<font face="Verdana" size="1" color="#666666">{esc(it.caption())}</font>'
            "</td></tr></table>"
            if it.rnd("ph", 2)
            else ""
        )
        content = f'''<td valign="top" style="padding:12px">
<font face="Verdana, Arial" size="1" color="#666666">\
<a href="{"/" if ru else "/eng/"}">{"Главная" if ru else "Home"}</a> &gt; \
<a href="{"/news/" if ru else "/eng/news/"}">{"Новости" if ru else "News"}</a></font><br><br>
<font face="Arial" size="2" color="#888888">{d_dots(it.pub)}</font><br>
{pre}{ttl}{photo}<font face="Verdana, Arial" size="2">{txt}</font>
<br><br><hr size="1" color="#CCCCCC" noshade>
<font face="Verdana, Arial" size="1"><a href="javascript:window.print()">\
<img src="/img/print.gif" width="16" height="16" border="0" alt="" \
align="absmiddle"> {"Версия для печати" if ru else "Print version"}</a> &nbsp;|&nbsp; \
<a href="mailto:?subject=IOM">{"Отправить другу" if ru else "Send to a friend"}</a> &nbsp;|&nbsp; \
<a href="{"/news/" if ru else "/eng/news/"}">{"Все новости" if ru else "All news"}</a></font>
</td>'''
        right = (
            '<table width="100%" cellpadding="6" cellspacing="0" border="0"><tr><td>'
            '<font face="Verdana" size="2" color="#0B3C7D"><b>'
            + ("Другие новости" if ru else "Other news")
            + "</b></font><br><br>\n"
            + "\n".join(
                f'<font face="Arial" size="1" color="#888888">{d_dots(o.pub)}</font><br>'
                f'<font face="Verdana" size="1"><a href="{urls[o.id]}">{esc(o.title)}</a>'
                "</font><br><br>"
                for o in rel
            )
            + "</td></tr></table>"
        )
        page = shell(
            it.lang,
            ("МОМ :: " if ru else "IOM :: ") + (it.title or ("Новости" if ru else "News")),
            it.pub.year,
            content,
            right,
            urls[it.id],
        )
        out.append(dict(rec(urls[it.id], it.crawl, page, n), item=it))
        n += 1
    return out


# --- Joomla 2.5 ------------------------------------------------------------------------------


def k_joomla(items: list[Item]) -> list[Record]:
    """http://www.iom.kg/index.php/{en/news,ru/novosti}/<id>-<alias> and blog-layout listings of
    5 (?start=5): the article-info <dl> (category, created, author, hits), print and email
    icons, on listings the first paragraph and "Read more…"; on item pages the title in
    h2 > a, prev/next links and breadcrumbs ending in the title; a "Latest News" module and
    a cookie banner."""
    out: list[Record] = []
    base = "http://www.iom.kg/index.php"
    ids = {it.id: 100 + (it.seed % 900) * 7 + it.idx for it in items}

    def sec(lang: str) -> str:
        return "/ru/novosti" if lang == "ru" else "/en/news"

    def durl(it: Item) -> str:
        return f"{base}{sec(it.lang)}/{ids[it.id]}-{it.slug}"

    def lurl(lang: str, k: int) -> str:
        return base + sec(lang) + ("" if k == 0 else f"?start={k * 5}")

    def pagenav(lang: str, label: str, k: int, here: bool) -> str:
        """A pagination link to page k, or only its label on page k itself."""
        if here:
            return f'<span class="pagenav">{label}</span>'
        return f'<a title="{label}" href="{lurl(lang, k)}" class="pagenav">{label}</a>'

    def T(lang: str) -> dict[str, Any]:
        return (
            dict(
                home="Главная",
                news="Новости",
                here="Вы здесь: ",
                details="Подробности",
                cat="Категория",
                created="Создано",
                by="Автор",
                hits="Просмотров",
                more="Подробнее…",
                print_="Печать",
                email="E-mail",
                prev="&lt; Назад",
                next="Вперёд &gt;",
                search="Искать...",
                latest="Последние новости",
                popular="Популярное",
                menu=[
                    "Главная",
                    "О МОМ",
                    "Новости",
                    "Проекты",
                    "Публикации",
                    "Вакансии",
                    "Контакты",
                ],
                site="МОМ в Кыргызстане",
                page="Страница",
                of="из",
                start="В начало",
                prv="Назад",
                nxt="Вперёд",
                end="В конец",
                cookie="Мы используем файлы cookie для улучшения работы сайта. Продолжая "
                "просмотр, вы соглашаетесь с этим.",
                accept="Принять",
                footer="Все права защищены.",
            )
            if lang == "ru"
            else dict(
                home="Home",
                news="News",
                here="You are here: ",
                details="Details",
                cat="Category",
                created="Created on",
                by="Written by",
                hits="Hits",
                more="Read more…",
                print_="Print",
                email="Email",
                prev="&lt; Prev",
                next="Next &gt;",
                search="Search...",
                latest="Latest News",
                popular="Most Read",
                menu=[
                    "Home",
                    "About IOM",
                    "News",
                    "Projects",
                    "Publications",
                    "Vacancies",
                    "Contacts",
                ],
                site="IOM Kyrgyzstan",
                page="Page",
                of="of",
                start="Start",
                prv="Prev",
                nxt="Next",
                end="End",
                cookie="We use cookies to improve your experience on our website. By browsing "
                "this website, you agree to our use of cookies.",
                accept="Accept",
                footer="All Rights Reserved.",
            )
        )

    def created(it: Item) -> str:
        d = it.pub
        wd, months = (WD_RU, MONTHS_RU_NOM) if it.lang == "ru" else (WD_EN, MONTHS_EN)
        return f"{wd[d.weekday()]}, {d.day:02d} {months[d.month - 1]} {d.year} {d:%H:%M}"

    def info(it: Item, t: dict[str, Any]) -> str:
        return f'''<dl class="article-info">
<dt class="article-info-term">{t["details"]}</dt>
<dd class="category-name">
{t["cat"]}: <a href="{base}{sec(it.lang)}">{t["news"]}</a>		</dd>
<dd class="create">
{t["created"]} {created(it)}		</dd>
<dd class="createdby">
{t["by"]} {"Administrator" if it.rnd("au", 3) else esc(it.office)}		</dd>
<dd class="hits">
{t["hits"]}: {it.seed % 4000 + 35}		</dd>
</dl>'''

    def actions(it: Item, t: dict[str, Any]) -> str:
        u = durl(it)
        return f'''<ul class="actions">
<li class="print-icon">
<a href="{u}?tmpl=component&amp;print=1&amp;layout=default&amp;page=" title="{t["print_"]}" \
onclick="window.open(this.href,'win2','status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,\
resizable=yes,width=640,height=480,directories=no,location=no'); return false;" rel="nofollow">\
<img src="/media/system/images/printButton.png" alt="{t["print_"]}"  /></a>			</li>
<li class="email-icon">
<a href="{base}/component/mailto/?tmpl=component&amp;template=iom&amp;link={h(u):x}" \
title="{t["email"]}" onclick="window.open(this.href,'win2','width=400,height=350,menubar=yes,\
resizable=yes'); return false;">\
<img src="/media/system/images/emailButton.png" alt="{t["email"]}"  /></a>			</li>
</ul>'''

    def shell(
        lang: str,
        title: str,
        crumbs: list[tuple[str, str | None]],
        content: str,
        latest: list[Item],
        year: int,
    ) -> str:
        t = T(lang)
        lis = []
        for k, m in enumerate(t["menu"]):  # home, ..., the news section (k == 2), ...
            path = sec(lang) if k == 2 else (f"/{lang}/" if k == 0 else f"/{lang}/{slugify(m)}")
            lis.append(
                f'<li class="item-{101 + k}{" current active" if k == 2 else ""}">'
                f'<a href="{base}{path}" >{esc(m)}</a></li>'
            )
        menu = "\n".join(lis)
        crumbs_h = (
            f'<span class="showHere">{t["here"]}</span>'
            f'<a href="{base}/{lang}/" class="pathway">{t["home"]}</a>'
            + "".join(
                ' <img src="/media/system/images/arrow.png" alt=""  /> '
                + (f'<a href="{u}" class="pathway">{esc(c)}</a>' if u else f"<span>{esc(c)}</span>")
                for c, u in crumbs
            )
        )
        lat = "\n".join(f'<li><a href="{durl(o)}">{esc(o.title)}</a></li>' for o in latest)
        return f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}-{"ru" if lang == "ru" else "gb"}" \
lang="{lang}-{"ru" if lang == "ru" else "gb"}" dir="ltr">
<head>
  <base href="{base}{sec(lang)}" />
  <meta http-equiv="content-type" content="text/html; charset=utf-8" />
  <meta name="keywords" content="IOM, migration, Kyrgyzstan" />
  <meta name="description" content="{attr(t["site"])}" />
  <meta name="generator" content="Joomla! - Open Source Content Management" />
  <title>{esc(title)}</title>
  <link href="/templates/iom/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
  <link rel="stylesheet" href="/templates/system/css/system.css" type="text/css" />
  <link rel="stylesheet" href="/templates/iom/css/template.css" type="text/css" />
  <link rel="stylesheet" href="/media/mod_languages/css/template.css" type="text/css" />
  <script src="/media/system/js/mootools-core.js" type="text/javascript"></script>
  <script src="/media/system/js/core.js" type="text/javascript"></script>
  <script src="/media/system/js/caption.js" type="text/javascript"></script>
  <script type="text/javascript">
window.addEvent('load', function() {{
				new JCaption('img.caption');
			}});
  </script>
</head>
<body>
<div id="all">
<div id="header">
  <div class="logoheader">
    <h1 id="logo"><a href="{base}/{lang}/"><img src="/images/logo_iom.png" alt="{t["site"]}" /></a>\
<span class="header1">{t["site"]}</span></h1>
  </div>
  <div id="line">
    <div class="moduletable">
<div class="mod-languages">
	<ul class="lang-inline">
		<li class="{"lang-active" if lang == "en" else ""}" dir="ltr"><a href="{base}/en/">\
<img src="/media/mod_languages/images/en.gif" alt="English (UK)" title="English (UK)" /></a></li>
		<li class="{"lang-active" if lang == "ru" else ""}" dir="ltr"><a href="{base}/ru/">\
<img src="/media/mod_languages/images/ru.gif" alt="Русский (Россия)" title="Русский (Россия)" />\
</a></li>
		<li class="" dir="ltr"><a href="{base}/ky/">\
<img src="/media/mod_languages/images/ky.gif" alt="Кыргызча" title="Кыргызча" /></a></li>
	</ul>
</div>
</div>
<div class="search">
    <form action="{base}{sec(lang)}" method="post">
    \t<label for="mod-search-searchword">{t["search"]}</label>\
<input name="searchword" id="mod-search-searchword" maxlength="20"  class="inputbox" type="text" \
size="20" value="{t["search"]}"  onblur="if (this.value=='') this.value='{t["search"]}';" \
onfocus="if (this.value=='{t["search"]}') this.value='';" />	\
<input type="hidden" name="task" value="search" />
	<input type="hidden" name="option" value="com_search" />
	<input type="hidden" name="Itemid" value="103" />
    </form>
</div>
  </div>
</div>
<div id="contentarea">
  <div id="breadcrumbs">
<div class="breadcrumbs">
{crumbs_h}
</div>
  </div>
  <div id="nav">
    <div class="moduletable_menu">
<ul class="menu">
{menu}
</ul>
</div>
    <div class="moduletable">
 <h3>{t["latest"]}</h3>
<ul class="latestnews">
{lat}
</ul>
</div>
  </div>
  <div id="wrapper2">
    <div id="main">
<div id="system-message-container">
</div>
{content}
    </div>
  </div>
  <div class="wrap"></div>
</div>
<div id="footer-outer"><div id="footer-sub"><div id="footer">
<p>Copyright &#169; {year} {t["site"]}. {t["footer"]}</p>
<p class="copyright"><a href="http://www.joomla.org">Joomla!\
</a> is Free Software released under the \
<a href="http://www.gnu.org/licenses/gpl-2.0.html">GNU General Public License.</a></p>
</div></div></div>
</div>
<div id="redim-cookiehint-bottom"><div id="redim-cookiehint"><div class="cookiehead">\
<span class="headline">Cookies</span></div><div class="cookiecontent"><p>{t["cookie"]}</p></div>\
<div class="cookiebuttons"><a id="cookiehintsubmit" onclick="return cookiehintsubmit(this);" \
href="{base}{sec(lang)}?rCH=2" class="btn">{t["accept"]}</a>\
<div class="text-center" id="cookiehintinfo">\
<a target="_self" href="{base}/{lang}/privacy">{"Подробнее" if lang == "ru" else "More info"}</a>\
</div></div><div class="clr"></div></div></div>
</body>
</html>
'''

    def hdr(date: dt.datetime, url: str) -> list[tuple[str, str]]:
        return [
            ("Date", http_date(date)),
            ("Server", "Apache/2.2.22 (Ubuntu)"),
            ("X-Powered-By", "PHP/5.3.10-1ubuntu3.26"),
            ("P3P", 'CP="NOI ADM DEV PSAi COM NAV OUR OTRo STP IND DEM"'),
            ("Set-Cookie", f"{md5hex('iom.kg')}={md5hex(url)[:26]}; path=/; HttpOnly"),
            ("Expires", "Mon, 1 Jan 2001 00:00:00 GMT"),
            ("Last-Modified", http_date(date)),
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
            ("Vary", "Accept-Encoding"),
            ("Content-Type", "text/html; charset=utf-8"),
        ]

    for lang in ("ru", "en"):
        t = T(lang)
        L = of_lang(items, lang)
        pages = pages_of(L, 5)
        latest = [o for o in L if o.title][:5]
        for pn, grp in enumerate(pages):
            arts = []
            for k, it in enumerate(grp):
                intro = it.body[0] if it.body else ""
                h2 = f'<h2>\n<a href="{durl(it)}">\n{esc(it.label)}</a>\n</h2>'
                arts.append(f'''<div class="\
{"items-leading" if k == 0 else f"items-row cols-1 row-{k - 1}"}">\
<div class="{"leading-0" if k == 0 else "item column-1"}">
{h2}
{actions(it, t)}
{info(it, t)}
<p>{para(intro, "<br />")}</p>
<p class="readmore">
<a href="{durl(it)}">
{t["more"]}</a>
</p>
<div class="item-separator"></div>
</div></div>''')
            pg = len(pages)
            links = "".join(f"<li>{pagenav(lang, str(k + 1), k, k == pn)}</li>" for k in range(pg))
            first, last = pn == 0, pn == pg - 1
            pag = f"""<div class="pagination">
<p class="counter">{t["page"]} {pn + 1} {t["of"]} {pg}</p>
<ul><li class="pagination-start">{pagenav(lang, t["start"], 0, first)}</li>\
<li class="pagination-prev">{pagenav(lang, t["prv"], pn - 1, first)}</li>{links}\
<li class="pagination-next">{pagenav(lang, t["nxt"], pn + 1, last)}</li>\
<li class="pagination-end">{pagenav(lang, t["end"], pg - 1, last)}</li></ul>
</div>"""
            content = f"""<div class="blog">
<h1>
{t["news"]}	</h1>
{"".join(arts)}
{pag}
</div>"""
            date = max(i.crawl for i in grp)
            page = shell(
                lang,
                t["news"] + " - " + t["site"],
                [(t["news"], None)],
                content,
                latest,
                grp[0].pub.year,
            )
            u = lurl(lang, pn)
            out.append(record(u, date, hdr(date, u), page, listed=[i.id for i in grp]))
        for k, it in enumerate(L):
            prv, nxt = (L[k + 1] if k + 1 < len(L) else None), (L[k - 1] if k > 0 else None)
            body = "\n".join(f"<p>{para(p, '<br />')}</p>" for p in it.body)
            pre = "".join(
                f'<p class="article-kicker"><em>{para(p, "<br />")}</em></p>\n' for p in it.pre
            )
            cap = attr(it.caption())
            img = (
                f'<p><img class="caption" src="/images/stories/news/{it.pub.year}/'
                f'{it.slug[:24]}.jpg" alt="{cap}" title="{cap}" width="450" height="300" '
                'style="float: right; margin: 5px;" /></p>\n'
                if it.rnd("img", 3) == 0
                else ""
            )
            prevnext = ""
            if prv:
                prevnext += (
                    f'<li class="pagenav-prev"><a href="{durl(prv)}" rel="prev">{t["prev"]}'
                    "</a></li>"
                )
            if nxt:
                prevnext += (
                    f'<li class="pagenav-next"><a href="{durl(nxt)}" rel="next">{t["next"]}'
                    "</a></li>"
                )
            content = f"""<div class="item-page">
{f'<h2><a href="{durl(it)}">{esc(it.title)}</a></h2>' if it.title else ""}
{actions(it, t)}
{info(it, t)}
{pre}{img}{body}
<ul class="pagenav">{prevnext}</ul>
</div>"""
            crumbs: list[tuple[str, str | None]] = [(t["news"], base + sec(lang))]
            if it.title:
                crumbs.append((it.title, None))
            page = shell(
                lang,
                (it.title + " - " if it.title else "") + t["site"],
                crumbs,
                content,
                [o for o in latest if o.id != it.id][:5],
                it.pub.year,
            )
            u = durl(it)
            out.append(record(u, it.crawl, hdr(it.crawl, u), page, item=it))
    return out


# --- 1C-Bitrix -------------------------------------------------------------------------------


def k_bitrix(items: list[Item]) -> list[Record]:
    """https://www.iom-moscow.ru[/en]/press-center/news/<ID>/ and listings of 10 (?PAGEN_1=2), in
    Bitrix's .default news templates: p.news-item (holding a div) with a preview picture,
    date, bold title link and the first sentence, the <font class="text"> pager; the detail
    text either as justified <p>s or as nl2br text (<br /><br />), tags, Yandex share, a
    schema.org breadcrumb, Yandex.Metrika."""
    out: list[Record] = []
    host = "https://www.iom-moscow.ru"
    ids = {it.id: 1200 + it.idx * 3 + it.seed % 3 for it in items}

    def pre(lang: str) -> str:
        return "" if lang == "ru" else "/en"

    # Bitrix links its own pages root-relative.
    def dpath(it: Item) -> str:
        return f"{pre(it.lang)}/press-center/news/{ids[it.id]}/"

    def lpath(lang: str, k: int) -> str:
        return f"{pre(lang)}/press-center/news/{'' if k == 1 else f'?PAGEN_1={k}'}"

    def pagelink(lang: str, label: str, k: int, here: bool) -> str:
        return label if here else f'<a href="{lpath(lang, k)}">{label}</a>'

    def T(lang: str) -> dict[str, Any]:
        return (
            dict(
                home="Главная",
                pc="Пресс-центр",
                news="Новости",
                search="Поиск",
                menu=["О МОМ", "Пресс-центр", "Проекты", "Публикации", "Контакты"],
                other="Другие новости",
                back="Возврат к списку",
                share="Поделиться:",
                site="Бюро МОМ в Москве",
                cookie="Сайт использует файлы cookie. Продолжая работу с сайтом, вы соглашаетесь "
                "с политикой конфиденциальности.",
                ok="Согласен",
                count="Новости",
                of="из",
                first="Начало",
                prv="Пред.",
                nxt="След.",
                last="Конец",
                tags="Теги:",
                foot="Международная организация по миграции (МОМ). Все права защищены.",
                dev="Разработка сайта",
            )
            if lang == "ru"
            else dict(
                home="Home",
                pc="Press Center",
                news="News",
                search="Search",
                menu=["About IOM", "Press Center", "Projects", "Publications", "Contacts"],
                other="Other news",
                back="Back to the list",
                share="Share:",
                site="IOM Moscow",
                cookie="This website uses cookies. By continuing to use the site, you agree to "
                "the privacy policy.",
                ok="I agree",
                count="News",
                of="of",
                first="First",
                prv="Prev.",
                nxt="Next",
                last="Last",
                tags="Tags:",
                foot="International Organization for Migration (IOM). All rights reserved.",
                dev="Website development",
            )
        )

    def crumb(c: str, u: str | None) -> str:
        if u:
            return (
                f'<a href="{u}" title="{attr(c)}" itemprop="item">'
                f'<span itemprop="name">{esc(c)}</span></a>'
            )
        return f"<span>{esc(c)}</span>"

    def shell(
        lang: str,
        title: str,
        crumbs: list[tuple[str, str | None]],
        content: str,
        side: str,
        year: int,
        url: str,
    ) -> str:
        t = T(lang)
        p = pre(lang)
        menu = "\n".join(
            f'<li><a href="{p}/{slugify(m, stop=False)}/" '
            f'class="{"root-item-selected" if k == 1 else "root-item"}">{esc(m)}</a></li>'
            for k, m in enumerate(t["menu"])
        )
        arrow = '<i class="fa fa-angle-right"></i>'
        bc = "".join(
            f'<div class="bx-breadcrumb-item" id="bx_breadcrumb_{k}" '
            'itemprop="itemListElement" itemscope '
            f'itemtype="http://schema.org/ListItem">{arrow if k else ""}{crumb(c, u)}'
            f'<meta itemprop="position" content="{k + 1}" /></div>'
            for k, (c, u) in enumerate([(t["home"], p + "/"), *crumbs])
        )
        addr = (
            "119034, Москва, ул. Пречистенка, д. 10"
            if lang == "ru"
            else "10 Prechistenka St., Moscow 119034"
        )
        return f'''<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(title)}</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="robots" content="index, follow" />
<meta name="keywords" content="\
{"МОМ, миграция, мигранты" if lang == "ru" else "IOM, migration, migrants"}" />
<meta name="description" content="{attr(t["site"])}" />
<script type="text/javascript" \
data-skip-moving="true">(function(w, d, n) {{var cl = "bx-core";var ht = d.documentElement;var htc \
= ht ? ht.className : undefined;if (htc === undefined || htc.indexOf(cl) !== -1){{return;}}var ua \
= n.userAgent;if (/(iPad;)|(iPhone;)/i.test(ua)){{cl += " bx-ios";}}else if \
(/Android/i.test(ua)){{cl += " bx-android";}}cl += (/(ipad|iphone|android|mobile|touch)/i.test(ua) \
? " bx-touch" : " bx-no-touch");ht.className = htc ? htc + " " + cl : cl;}})(window, document, \
navigator);</script>
<link href="/bitrix/js/main/core/css/core.min.css?15591290172854" type="text/css" \
rel="stylesheet" />
<link href="/bitrix/templates/iom/components/bitrix/news/news/bitrix/news.list/.default/style.css?\
1536305826150" type="text/css" rel="stylesheet" />
<link href="/bitrix/templates/iom/template_styles.css?161226310245812" type="text/css" \
data-template-style="true" rel="stylesheet" />
<script type="text/javascript">if(!window.BX)window.BX={{}};\
if(!window.BX.message)window.BX.message=function(mess){{if(typeof \
mess==='object'){{for(let i in mess) {{BX.message[i]=mess[i];}} return true;}}}};</script>
<script type="text/javascript">(window.BX||top.BX).message({{'JS_CORE_LOADING':'Загрузка...',\
'JS_CORE_WINDOW_CLOSE':'Закрыть','LANGUAGE_ID':'{lang}','FORMAT_DATE':'DD.MM.YYYY',\
'FORMAT_DATETIME':'DD.MM.YYYY HH:MI:SS','SITE_ID':'{"s1" if lang == "ru" else "s2"}',\
'SERVER_TIME':'{int(dt.datetime(year, 1, 1).timestamp())}','bitrix_sessid':'{md5hex(url)}'}});\
</script>
<script type="text/javascript" src="/bitrix/js/main/core/core.min.js?1559129017249634"></script>
</head>
<body>
<div id="panel"></div>
<div class="page-wrapper">
<header class="header">
  <div class="container">
    <div class="header__logo"><a href="{p}/">\
<img src="/bitrix/templates/iom/images/logo.svg" alt="{attr(t["site"])}"></a></div>
    <div class="header__lang"><a href="/"{' class="active"' if lang == "ru" else ""}>RU</a> \
<a href="/en/"{' class="active"' if lang == "en" else ""}>EN</a></div>
    <div class="search-form">
<form action="{p}/search/index.php">
	<input type="text" name="q" value="" size="15" maxlength="50" />&nbsp;\
<input name="s" type="submit" value="{t["search"]}" />
</form>
</div>
  </div>
  <nav class="bx-top-nav">
<ul id="horizontal-multilevel-menu">
{menu}
</ul>
<div class="menu-clear-left"></div>
  </nav>
</header>
<div class="container">
<div class="bx-breadcrumb" itemprop="http://schema.org/breadcrumb" itemscope \
itemtype="http://schema.org/BreadcrumbList">
{bc}
<div style="clear:both"></div></div>
<div class="row">
<div class="col-md-9 workarea">
{content}
</div>
<div class="col-md-3 sidebar">
{side}
</div>
</div>
</div>
<footer class="footer">
  <div class="container">
    <div class="footer__copy">&copy; {year} {t["foot"]}</div>
    <div class="footer__addr">{addr} &middot; +7 (495) 797-87-22 &middot; \
<a href="mailto:iommoscow@iom.int">iommoscow@iom.int</a></div>
    <div class="footer__dev">{t["dev"]} &mdash; \
<a href="https://www.1c-bitrix.ru/" rel="nofollow">1С-Битрикс</a></div>
  </div>
</footer>
</div>
<div class="cookie-agree" id="cookie-agree" style="display:block">\
<div class="cookie-agree__text">{t["cookie"]}</div>\
<button class="cookie-agree__btn" \
onclick="BX.setCookie('COOKIE_AGREE','Y',{{expires:31536000,path:'/'}});\
BX.hide(BX('cookie-agree'));">{t["ok"]}</button></div>
<!-- Yandex.Metrika counter -->
<script type="text/javascript">(function(m,e,t,r,i,k,\
a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};m[i].l=1*new Date();\
k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,\
a)}})(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");ym(48211234, "init",\
 {{clickmap:true, trackLinks:true, accurateTrackBounce:true}});</script>
<noscript><div><img src="https://mc.yandex.ru/watch/48211234" \
style="position:absolute; left:-9999px;" alt="" /></div></noscript>
<!-- /Yandex.Metrika counter -->
</body>
</html>
'''

    def hdr(date: dt.datetime, url: str) -> list[tuple[str, str]]:
        return [
            ("Server", "nginx"),
            ("Date", http_date(date)),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Connection", "keep-alive"),
            ("X-Powered-By", "PHP/7.2.34"),
            (
                "P3P",
                'policyref="/bitrix/p3p.xml", CP="NON DSP COR CUR ADM DEV PSA PSD OUR UNR '
                'BUS UNI COM NAV INT DEM STA"',
            ),
            ("X-Powered-CMS", f"Bitrix Site Manager ({md5hex('iom-lic')})"),
            ("Set-Cookie", f"PHPSESSID={md5hex(url)[:26]}; path=/; HttpOnly"),
            ("Expires", "Thu, 19 Nov 1981 08:52:00 GMT"),
            ("Cache-Control", "no-store, no-cache, must-revalidate"),
            ("Pragma", "no-cache"),
            ("X-Frame-Options", "SAMEORIGIN"),
        ]

    def pic(it: Item, kind: str) -> str:
        hx = md5hex(it.id + kind)
        return f"/upload/iblock/{hx[:3]}/{hx}.jpg"

    for lang in ("ru", "en"):
        t = T(lang)
        L = of_lang(items, lang)
        pages = pages_of(L, 10)
        for pn, grp in enumerate(pages, 1):
            rows = []
            for it in grp:
                label = attr(it.label)
                img = (
                    f'\t\t\t\t\t<a href="{dpath(it)}">'
                    f'<img class="preview_picture" border="0" src="{pic(it, "p")}" '
                    f'width="150" height="100" alt="{label}" title="{label}" '
                    'style="float:left" /></a>\n'
                    if it.rnd("pp", 2)
                    else ""
                )
                rows.append(f'''	<p class="news-item" id="bx_3218110189_{ids[it.id]}">
{img}						<span class="news-date-time">{d_dots(it.pub)}</span>
								<a href="{dpath(it)}"><b>{esc(it.label)}</b></a><br />
									{esc(it.first_sentence)}
							<div style="clear:both"></div>
					</p>''')
            tot = len(L)
            a, b = (pn - 1) * 10 + 1, (pn - 1) * 10 + len(grp)
            nums = " ".join(
                f"<b>{k}</b>" if k == pn else pagelink(lang, str(k), k, False)
                for k in range(1, len(pages) + 1)
            )
            first = pagelink(lang, t["first"], 1, pn == 1)
            prv = pagelink(lang, t["prv"], pn - 1, pn == 1)
            nxt = pagelink(lang, t["nxt"], pn + 1, pn == len(pages))
            last = pagelink(lang, t["last"], len(pages), pn == len(pages))
            nav = f"""<font class="text">{t["count"]} <b>{a}</b> - <b>{b}</b> {t["of"]} <b>{tot}\
</b><br /></font>
	<font class="text">
	{first}&nbsp;|&nbsp;{prv}&nbsp;|
	{nums}
	|&nbsp;{nxt}&nbsp;|&nbsp;{last}
	</font>"""
            rows_h = "\n".join(rows)
            content = (
                f'<h1>{t["news"]}</h1>\n<div class="news-list">\n{rows_h}\n\t<br />{nav}\n</div>'
            )
            p = pre(lang)
            ru = lang == "ru"
            side = (
                f'<div class="sidebar-block"><div class="sidebar-block__title">{t["pc"]}</div>'
                f'<ul><li><a href="{p}/press-center/news/">{t["news"]}</a></li><li>'
                f'<a href="{p}/press-center/media/'
                f'">{"Фото и видео" if ru else "Photo and video"}</a></li><li>'
                f'<a href="{p}/press-center/contacts/'
                f'">{"Контакты для СМИ" if ru else "Media contacts"}</a></li></ul></div>'
            )
            date = max(i.crawl for i in grp)
            u = host + lpath(lang, pn)
            page = shell(
                lang,
                t["news"] + " | " + t["site"],
                [(t["pc"], p + "/press-center/"), (t["news"], None)],
                content,
                side,
                grp[0].pub.year,
                u,
            )
            out.append(record(u, date, hdr(date, u), page, listed=[i.id for i in grp]))
        for it in L:
            rel = related(it, items, 4)
            if it.rnd("fmt", 2):
                text = "\n".join(
                    f'<p style="text-align: justify;">{para(p, "<br />")}</p>' for p in it.body
                )
            else:  # DETAIL_TEXT_TYPE = text -> nl2br
                text = "<br />\n<br />\n".join(para(p, "<br />") for p in it.body)
            kick = "".join(
                f'<div class="news-detail-kicker">{para(p, "<br />")}</div>\n' for p in it.pre
            )
            img = (
                f'''<img class="detail_picture" border="0" src="{pic(it, "d")}" width="600" \
height="400" alt="{attr(it.label)}" title="{attr(it.label)}" />
			<div class="detail_picture_caption">{esc(it.caption())}</div>'''
                if it.rnd("dp", 3)
                else ""
            )
            tags = ", ".join(
                f'<a href="{pre(lang)}/search/?tags={attr(x)}">{esc(x)}</a>' for x in it.tags
            )
            content = f'''<div class="news-detail">
			{img}
			<span class="news-date-time">{d_dots(it.pub)}</span>
	{kick}		{f"<h3>{esc(it.title)}</h3>" if it.title else ""}
			{text}
		<div style="clear:both"></div>
	<br />
	<div class="news-detail-tags">{t["tags"]} {tags}</div>
	<div class="news-detail-share">{t["share"]} <script src="https://yastatic.net/share2/share.js">\
</script><div class="ya-share2" data-curtain \
data-services="vkontakte,odnoklassniki,telegram,twitter,whatsapp"></div></div>
	</div>
<p><a href="{pre(lang)}/press-center/news/">&larr; {t["back"]}</a></p>'''
            others = "\n".join(
                '<div class="news-other__item">'
                f'<span class="news-date-time">{d_dots(o.pub)}</span>'
                f'<a href="{dpath(o)}">{esc(o.title)}</a></div>'
                for o in rel
            )
            side = (
                '<div class="sidebar-block news-other">'
                f'<div class="sidebar-block__title">{t["other"]}</div>\n{others}\n</div>'
            )
            u = host + dpath(it)
            crumbs: list[tuple[str, str | None]] = [
                (t["pc"], pre(lang) + "/press-center/"),
                (t["news"], pre(lang) + "/press-center/news/"),
            ]
            if it.title:
                crumbs.append((it.title, None))
            page = shell(
                lang,
                (it.title + " | " if it.title else "") + t["site"],
                crumbs,
                content,
                side,
                it.pub.year,
                u,
            )
            out.append(record(u, it.crawl, hdr(it.crawl, u), page, item=it))
    return out


# --- Next.js ---------------------------------------------------------------------------------


def _b36(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + s
    return s or "0"


def cx(name: str) -> str:
    """A class name like the ones emotion (CSS-in-JS) hashes out of a style."""
    return "css-" + _b36(h("emotion:" + name, 10))[:7]


def next_json(obj: Any) -> str:
    """JSON escaped the way Next.js writes it into __NEXT_DATA__, safe inside <script>."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        s.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def k_nextjs(items: list[Item]) -> list[Record]:
    """https://www.iom-eurasia.org/{en,ru}/news/<slug>, item pages only, server-rendered: divs
    with emotion's hashed classes and no <p> at all, a hero figure with a /_next/image
    srcSet, "Read more" cards, a cookie dialog, and the whole article again in JSON-LD and
    __NEXT_DATA__."""
    out: list[Record] = []
    host = "https://www.iom-eurasia.org"
    build = "kP3vR8xZq2mN5tY7wB1cD"
    roles = [
        "root",
        "header",
        "nav",
        "navlink",
        "logo",
        "search",
        "lang",
        "main",
        "crumbs",
        "crumb",
        "kicker",
        "h1",
        "meta",
        "time",
        "hero",
        "figcap",
        "body",
        "para",
        "share",
        "sharebtn",
        "tags",
        "tag",
        "related",
        "card",
        "cardtitle",
        "carddate",
        "footer",
        "footcol",
        "cookie",
        "cookiebtn",
        "wrap",
        "grid",
        "aside",
        "sronly",
    ]
    C = {r: cx(r) for r in roles}
    # Only some of the classes have a rule: the rest are emotion's empty wrappers.
    css = "".join(
        f".{C[r]}{{{st}}}"
        for r, st in [
            ("root", "min-height:100vh;display:flex;flex-direction:column"),
            (
                "header",
                "position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #e5e7eb",
            ),
            ("nav", "display:flex;gap:24px"),
            ("navlink", "color:#0033a0;font-weight:600;text-decoration:none"),
            ("h1", "font-size:2.25rem;line-height:1.2;font-weight:700;margin:0 0 16px"),
            ("para", "font-size:1.125rem;line-height:1.7;margin-bottom:1.25em;color:#1f2937"),
            ("card", "border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.1);padding:16px"),
            ("sronly", "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)"),
            (
                "cookie",
                "position:fixed;bottom:0;left:0;right:0;background:#111827;color:#fff;padding:16px",
            ),
        ]
    )
    for it in items:
        ru = it.lang == "ru"
        loc = it.lang
        url = f"{host}/{loc}/news/{it.slug}"
        T: dict[str, Any] = (
            dict(
                home="Главная",
                news="Новости",
                search="Поиск",
                menu=["О нас", "Наша работа", "Новости", "Публикации", "Контакты"],
                share="Поделиться",
                rel="Читайте также",
                cookie="Мы используем файлы cookie, чтобы улучшить работу сайта. Подробнее — в "
                "нашей политике конфиденциальности.",
                accept="Принять",
                decline="Отклонить",
                foot=f"© {it.pub.year} Международная организация по миграции",
                tags="Темы",
                mins="мин. чтения",
            )
            if ru
            else dict(
                home="Home",
                news="News",
                search="Search",
                menu=["About us", "Our work", "News", "Publications", "Contact"],
                share="Share",
                rel="Read more",
                cookie="We use cookies to improve your experience. See our privacy policy for "
                "details.",
                accept="Accept all",
                decline="Decline",
                foot=f"© {it.pub.year} International Organization for Migration",
                tags="Topics",
                mins="min read",
            )
        )
        rel = related(it, items, 3)
        words = len(" ".join(it.body).split())
        iso = it.pub.strftime("%Y-%m-%dT%H:%M:%S") + "+03:00"
        nav = "".join(
            f'<a class="{C["navlink"]}" href="/{loc}/{slugify(m, stop=False)}">{esc(m)}</a>'
            for m in T["menu"]
        )
        kicker = "".join(f'<div class="{C["kicker"]}">{para(p, "<br/>")}</div>' for p in it.pre)
        paras = "".join(f'<div class="{C["para"]}">{para(p, "<br/>")}</div>' for p in it.body)
        share = "".join(
            f'<button type="button" aria-label="{T["share"]} {n}" class="{C["sharebtn"]}">'
            '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">'
            '<path d="M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2z">'
            "</path></svg></button>"
            for n in ("Facebook", "X", "LinkedIn", "Telegram" if ru else "Email")
        )
        tags = "".join(
            f'<a class="{C["tag"]}" href="/{loc}/topics/{slugify(x)}">{esc(x)}</a>' for x in it.tags
        )
        cards = "".join(
            f'<a class="{C["card"]}" href="/{loc}/news/{o.slug}">'
            f'<div class="{C["cardtitle"]}">{esc(o.title)}</div>'
            f'<div class="{C["carddate"]}">{d_long(o.pub, loc)}</div></a>'
            for o in rel
        )
        img = (
            f"https://images.ctfassets.net/x7q2kd9pz1ab/{md5hex(it.id)[:22]}/"
            f"{md5hex(it.id + 'i')}/{it.slug[:20]}.jpg"
        )
        src = f"/_next/image?url={attr(img)}"
        hero = (
            f'<figure class="{C["hero"]}"><img alt="" loading="eager" width="1200" '
            'height="675" decoding="async" data-nimg="1" style="color:transparent" '
            f'srcSet="{src}&amp;w=1200&amp;q=75 1x, {src}&amp;w=3840&amp;q=75 2x" '
            f'src="{src}&amp;w=3840&amp;q=75"/>'
            f'<figcaption class="{C["figcap"]}">{esc(it.caption())}</figcaption></figure>'
        )
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            **({"headline": it.title} if it.title else {}),
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "datePublished": iso,
            "dateModified": iso,
            "inLanguage": loc,
            "image": [img],
            "author": {"@type": "Organization", "name": it.office},
            "publisher": {
                "@type": "Organization",
                "name": "IOM – UN Migration",
                "logo": {"@type": "ImageObject", "url": host + "/logo.png"},
            },
            "keywords": it.tags,
            "articleSection": T["news"],
        }
        nd = {
            "props": {
                "pageProps": {
                    "article": {
                        "id": str(it.seed),
                        "slug": it.slug,
                        "locale": loc,
                        "title": it.title,
                        "kicker": it.pre,
                        "publishedAt": iso,
                        "country": it.country,
                        "office": it.office,
                        "heroImage": {"url": img, "caption": it.caption()},
                        "body": [
                            {"__typename": "ParagraphBlock", "id": f"b{k}", "text": p}
                            for k, p in enumerate(it.body)
                        ],
                        "tags": it.tags,
                        "readingTime": max(1, words // 200),
                    },
                    "related": [
                        {
                            "slug": o.slug,
                            "title": o.title,
                            "publishedAt": o.pub.strftime("%Y-%m-%d"),
                        }
                        for o in rel
                    ],
                    "_nextI18Next": {"initialLocale": loc, "userConfig": None},
                },
                "__N_SSG": True,
            },
            "page": "/[locale]/news/[slug]",
            "query": {"locale": loc, "slug": it.slug},
            "buildId": build,
            "isFallback": False,
            "gsp": True,
            "locale": loc,
            "locales": ["en", "ru"],
            "defaultLocale": "en",
            "scriptLoader": [],
        }
        title = (it.title + " | " if it.title else "") + "IOM Eurasia"
        page = (
            f'<!DOCTYPE html><html lang="{loc}"><head><meta charSet="utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            f'<title>{esc(title)}</title><meta name="description" '
            f'content="{attr(it.first_sentence)}"/>'
            f'<meta property="og:title" content="{attr(it.title or it.label)}"/>'
            '<meta property="og:type" content="article"/>'
            f'<meta property="og:url" content="{url}"/>'
            f'<meta property="og:image" content="{attr(img)}"/>'
            f'<meta property="article:published_time" content="{iso}"/>'
            '<meta name="twitter:card" content="summary_large_image"/>'
            f'<link rel="canonical" href="{url}"/>'
            f'<link rel="alternate" hrefLang="en" href="{host}/en/news/{it.slug}"/>'
            f'<link rel="alternate" hrefLang="ru" href="{host}/ru/news/{it.slug}"/>'
            f'<script type="application/ld+json">{next_json(ld)}</script>'
            '<meta name="next-head-count" content="16"/>'
            '<link rel="preload" href="/_next/static/css/3f1e9c2a7b6d4e05.css" '
            'as="style"/><link rel="stylesheet" '
            'href="/_next/static/css/3f1e9c2a7b6d4e05.css" data-n-g=""/>'
            '<noscript data-n-css=""></noscript>'
            '<script defer="" nomodule="" src="/_next/static/chunks/'
            'polyfills-c67a75d1b6f99dc8.js"></script>'
            '<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js" defer="">'
            '</script><script src="/_next/static/chunks/framework-2c79e2a64abdb08b.js" '
            'defer=""></script>'
            '<script src="/_next/static/chunks/main-f65e66e62fc5ca80.js" defer="">'
            '</script><script src="/_next/static/chunks/pages/_app-9a1b2c3d4e5f6a7b.js" '
            'defer=""></script>'
            '<script src="/_next/static/chunks/pages/%5Blocale%5D/news/'
            '%5Bslug%5D-0d1e2f3a4b5c6d7e.js" defer=""></script>'
            f'<script src="/_next/static/{build}/_buildManifest.js" defer=""></script>'
            f'<script src="/_next/static/{build}/_ssgManifest.js" defer=""></script>'
            f'<style data-emotion="css {" ".join(C[r][4:] for r in roles)}">{css}</style></head>'
            f'<body><div id="__next"><div class="{C["root"]}">'
            f'<div class="{C["header"]}"><div class="{C["wrap"]}">'
            f'<a class="{C["logo"]}" href="/{loc}" aria-label="IOM">'
            '<svg width="120" height="40" viewBox="0 0 120 40"><title>IOM</title>'
            '<rect width="120" height="40" fill="#0033a0"></rect></svg></a>'
            f'<div class="{C["nav"]}" role="navigation">{nav}</div>'
            f'<div class="{C["search"]}"><button type="button" aria-label="{T["search"]}">'
            '<svg width="20" height="20" viewBox="0 0 24 24">'
            '<circle cx="11" cy="11" r="8"></circle></svg></button></div>'
            f'<div class="{C["lang"]}"><a href="/en/news/{it.slug}" '
            f'aria-current="{"false" if ru else "page"}">EN</a><span>/</span>'
            f'<a href="/ru/news/{it.slug}" aria-current="{"page" if ru else "false"}">RU'
            "</a></div></div></div>"
            f'<div class="{C["main"]}" role="main"><div class="{C["wrap"]}">'
            f'<div class="{C["grid"]}"><div>'
            f'<div class="{C["crumbs"]}" aria-label="breadcrumb">'
            f'<a class="{C["crumb"]}" href="/{loc}">{T["home"]}</a>'
            f'<span class="{C["crumb"]}">/</span>'
            f'<a class="{C["crumb"]}" href="/{loc}/news">{T["news"]}</a></div>'
            f"{kicker}"
            + (f'<h1 class="{C["h1"]}">{esc(it.title)}</h1>' if it.title else "")
            + f'<div class="{C["meta"]}"><time class="{C["time"]}" '
            f'dateTime="{iso}">{d_long(it.pub, loc)}</time><span> · </span>'
            f"<span>{max(1, words // 200)} {T['mins']}</span></div>"
            f'{hero}<div class="{C["body"]}">{paras}</div>'
            f'<div class="{C["tags"]}"><span class="{C["sronly"]}">{T["tags"]}</span>{tags}</div>'
            f'<div class="{C["share"]}"><span>{T["share"]}</span>{share}</div></div>'
            f'<div class="{C["aside"]}"><div class="{C["related"]}">'
            f'<div role="heading" aria-level="2">{T["rel"]}</div>{cards}</div></div>'
            f"</div></div></div>"
            f'<div class="{C["footer"]}"><div class="{C["wrap"]}">'
            f'<div class="{C["footcol"]}">{T["foot"]}</div><div class="{C["footcol"]}">'
            f'<a href="/{loc}/'
            f'privacy">{"Политика конфиденциальности" if ru else "Privacy policy"}</a>'
            f'<a href="/{loc}/terms">{"Условия использования" if ru else "Terms of use"}'
            "</a></div></div></div>"
            f'<div class="{C["cookie"]}" role="dialog" aria-live="polite">'
            f'<div>{T["cookie"]}</div><button class="{C["cookiebtn"]}" '
            f'type="button">{T["accept"]}</button>'
            f'<button class="{C["cookiebtn"]}" type="button">{T["decline"]}</button></div>'
            '</div></div><script id="__NEXT_DATA__" '
            f'type="application/json">{next_json(nd)}</script></body></html>'
        )
        hdr = [
            ("Date", http_date(it.crawl)),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Connection", "keep-alive"),
            ("Cache-Control", "s-maxage=31536000, stale-while-revalidate"),
            ("ETag", f'"{md5hex(page)[:20]}"'),
            ("Vary", "Accept-Encoding"),
            ("X-Powered-By", "Next.js"),
            ("x-nextjs-cache", "HIT"),
            ("Strict-Transport-Security", "max-age=63072000"),
            ("Server", "Vercel"),
            ("X-Vercel-Cache", "HIT"),
            ("X-Vercel-Id", f"fra1::{md5hex(url)[:5]}-{int(it.crawl.timestamp()) * 1000}"),
        ]
        out.append(record(url, it.crawl, hdr, page, item=it))
    return out


# --- WordPress with Gutenberg blocks ---------------------------------------------------------


def k_wordpress(items: list[Item]) -> list[Record]:
    """https://www.iom-centralasia.org[/ru]/YYYY/MM/DD/<slug>/ and category archives of 10
    (/category/news/page/2/). WordPress 6 with Twenty Twenty-One: p.wp-block-paragraph blocks
    (some justified), an image block after the second paragraph, Polylang language items,
    Jetpack sharing and related posts, post navigation, a comment form, sidebar widgets;
    archive teasers are 55-word excerpts ending in " […]"."""
    out: list[Record] = []
    host = "https://www.iom-centralasia.org"
    pid = {it.id: 2000 + it.idx * 11 + it.seed % 7 for it in items}

    def lp(lang: str) -> str:
        return "/ru" if lang == "ru" else ""

    def durl(it: Item) -> str:
        return f"{host}{lp(it.lang)}/{it.pub:%Y/%m/%d}/{it.slug}/"

    def cat(lang: str) -> str:
        return "novosti" if lang == "ru" else "news"

    def lurl(lang: str, k: int) -> str:
        return f"{host}{lp(lang)}/category/{cat(lang)}/{'' if k == 1 else f'page/{k}/'}"

    def T(lang: str) -> dict[str, Any]:
        return (
            dict(
                site="МОМ в Центральной Азии",
                desc="Миграция на благо всех",
                news="Новости",
                catlbl="Рубрика",
                pub="Опубликовано",
                by="Автор",
                cats="Рубрики",
                tagged="Метки",
                share="Поделиться:",
                rel="Похожие записи",
                prev="Предыдущая запись",
                next="Следующая запись",
                search="Поиск",
                searchph="Поиск&hellip;",
                recent="Свежие записи",
                archives="Архивы",
                reply="Добавить комментарий",
                notes="Ваш адрес email не будет опубликован. Обязательные поля помечены *",
                comment="Комментарий",
                name="Имя",
                post="Отправить комментарий",
                cookie="Этот сайт использует файлы cookie. Продолжая просмотр сайта, вы "
                "соглашаетесь на их использование.",
                ok="Хорошо",
                privacy="Политика конфиденциальности",
                powered="Сайт работает на WordPress",
                older="Предыдущие записи",
                newer="Следующие записи",
                skip="Перейти к содержимому",
                menu=["Главная", "О нас", "Новости", "Проекты", "Контакты"],
                nav="Навигация по записям",
                postsnav="Навигация по записям",
                page="Страница",
            )
            if lang == "ru"
            else dict(
                site="IOM Central Asia",
                desc="Migration for the benefit of all",
                news="News",
                catlbl="Category",
                pub="Published",
                by="By",
                cats="Categorized as",
                tagged="Tagged",
                share="Share this:",
                rel="Related",
                prev="Previous post",
                next="Next post",
                search="Search",
                searchph="Search&hellip;",
                recent="Recent Posts",
                archives="Archives",
                reply="Leave a comment",
                notes="Your email address will not be published. Required fields are marked *",
                comment="Comment",
                name="Name",
                post="Post Comment",
                cookie="We use cookies to ensure that we give you the best experience on our "
                "website. If you continue to use this site we will assume that you are "
                "happy with it.",
                ok="Ok",
                privacy="Privacy policy",
                powered="Proudly powered by WordPress",
                older="Older posts",
                newer="Newer posts",
                skip="Skip to content",
                menu=["Home", "About us", "News", "Projects", "Contacts"],
                nav="Post navigation",
                postsnav="Posts navigation",
                page="Page",
            )
        )

    def wdate(it: Item) -> str:
        return d_long(it.pub, "ru") if it.lang == "ru" else d_us(it.pub)

    def posted_on(it: Item, t: dict[str, Any]) -> str:
        return (
            f'<span class="posted-on">{t["pub"]} '
            '<time class="entry-date published updated" '
            f'datetime="{it.pub:%Y-%m-%dT%H:%M:%S}+06:00">{wdate(it)}</time></span>'
        )

    def article(it: Item) -> str:
        """The opening tag of a post, the same on archive and single pages."""
        return (
            f'<article id="post-{pid[it.id]}" '
            f'class="post-{pid[it.id]} post type-post status-publish format-standard '
            f'has-post-thumbnail hentry category-{cat(it.lang)} entry">'
        )

    def shell(
        lang: str, title: str, bodycls: str, content: str, recent: list[Item], url: str, year: int
    ) -> str:
        t = T(lang)
        loc = "ru-RU" if lang == "ru" else "en-US"
        lis = []
        for k, m in enumerate(t["menu"]):  # home, ..., the news category (k == 2), ...
            path = (
                ""
                if k == 0
                else (f"category/{cat(lang)}/" if k == 2 else slugify(m, stop=False) + "/")
            )
            typ = "taxonomy" if k == 2 else "post_type"
            current = " current-menu-item" if k == 2 and "category" in bodycls else ""
            lis.append(
                f'<li id="menu-item-{10 + k}" class="menu-item menu-item-type-{typ} '
                f'menu-item-{10 + k}{current}"><a href="{host}{lp(lang)}/{path}">{esc(m)}'
                "</a></li>"
            )
        menu = "\n".join(lis)
        rec = "\n".join(f'<li><a href="{durl(o)}">{esc(o.title)}</a></li>' for o in recent)
        emoji = (
            '{"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/",'
            '"ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/'
            'svg\\/","svgExt":".svg","source":{"concatemoji":"https:\\/\\/'
            'www.iom-centralasia.org\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.2.2"}}'
        )
        return f'''<!doctype html>
<html lang="{loc}" class="no-js">
<head>
	<meta charset="UTF-8" />
	<meta name="viewport" content="width=device-width, initial-scale=1" />
	<link rel="profile" href="https://gmpg.org/xfn/11" />
	<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, \
max-video-preview:-1' />
	<title>{title}</title>
	<link rel="canonical" href="{url}" />
	<meta property="og:locale" content="{loc.replace("-", "_")}" />
	<meta property="og:site_name" content="{attr(t["site"])}" />
<link rel="alternate" type="application/rss+xml" title="{attr(t["site"])} &raquo; Feed" \
href="{host}{lp(lang)}/feed/" />
<script>
window._wpemojiSettings = {emoji};
/*! This file is auto-generated */
!function(e,a,t){{var n,r,o,i=a.createElement("canvas"),p=i.getContext&&i.getContext("2d");\
}}(window,document,window._wpemojiSettings);
</script>
<link rel='stylesheet' id='wp-block-library-css' \
href='{host}/wp-includes/css/dist/block-library/style.min.css?ver=6.2.2' media='all' />
<link rel='stylesheet' id='twenty-twenty-one-style-css' \
href='{host}/wp-content/themes/twentytwentyone/style.css?ver=1.8' media='all' />
<link rel='stylesheet' id='cookie-notice-front-css' \
href='{host}/wp-content/plugins/cookie-notice/css/front.min.css?ver=2.4.8' media='all' />
<link rel="https://api.w.org/" href="{host}/wp-json/" />\
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{host}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress 6.2.2" />
</head>
<body class="{bodycls} wp-embed-responsive is-light-theme no-js singular has-main-navigation">
<div id="page" class="site">
	<a class="skip-link screen-reader-text" href="#content">{t["skip"]}</a>
	<header id="masthead" class="site-header has-title-and-tagline has-menu">
<div class="site-branding">
	<p class="site-title"><a href="{host}{lp(lang)}/" rel="home">{esc(t["site"])}</a></p>
	<p class="site-description">{esc(t["desc"])}</p>
</div><!-- .site-branding -->
	<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu">
		<div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper">{menu}
<li class="lang-item lang-item-2 lang-item-en{" current-lang" if lang == "en" else ""}">\
<a lang="en-US" hreflang="en-US" href="{host}/">English</a></li>
<li class="lang-item lang-item-5 lang-item-ru{" current-lang" if lang == "ru" else ""}">\
<a lang="ru-RU" hreflang="ru-RU" href="{host}/ru/">Русский</a></li>
</ul></div>	</nav><!-- #site-navigation -->
</header><!-- #masthead -->
	<div id="content" class="site-content">
		<div id="primary" class="content-area">
			<main id="main" class="site-main">
{content}
			</main><!-- #main -->
		</div><!-- #primary -->
	</div><!-- #content -->
	<aside class="widget-area">
		<section id="search-2" class="widget widget_search">\
<form role="search"  method="get" class="search-form" action="{host}{lp(lang)}/">
	<label for="search-form-1">{t["searchph"]}</label>
	<input type="search" id="search-form-1" class="search-field" value="" name="s" />
	<input type="submit" class="search-submit" value="{t["search"]}" />
</form>
</section>
		<section id="recent-posts-2" class="widget widget_recent_entries">
		<h2 class="widget-title">{t["recent"]}</h2><nav aria-label="{t["recent"]}">
		<ul>
{rec}
		</ul>
		</nav></section><section id="archives-2" class="widget widget_archive">\
<h2 class="widget-title">{t["archives"]}</h2><nav aria-label="{t["archives"]}">
			<ul>
					<li><a href='{host}{lp(lang)}/{year}/'>{year}</a></li>
	<li><a href='{host}{lp(lang)}/{year - 1}/'>{year - 1}</a></li>
			</ul>
			</nav></section>	</aside><!-- .widget-area -->
	<footer id="colophon" class="site-footer">
		<div class="site-info">
			<div class="site-name"><a href="{host}{lp(lang)}/">{esc(t["site"])}</a></div>\
<!-- .site-name -->
			<div class="privacy-policy">\
<a class="privacy-policy-link" href="{host}{lp(lang)}/privacy-policy/" \
rel="privacy-policy">{t["privacy"]}</a></div>
			<div class="powered-by"><a href="https://wordpress.org/">{t["powered"]}</a>.</div>\
<!-- .powered-by -->
		</div><!-- .site-info -->
	</footer><!-- #colophon -->
</div><!-- #page -->
<div id="cookie-notice" role="dialog" \
class="cookie-notice-hidden cookie-revoke-hidden cn-position-bottom" aria-label="Cookie Notice" \
style="background-color: rgba(50,50,58,1);">\
<div class="cookie-notice-container" style="color: #fff">\
<span id="cn-notice-text" class="cn-text-container">{t["cookie"]}</span>\
<span id="cn-notice-buttons" class="cn-buttons-container">\
<a href="#" id="cn-accept-cookie" data-cookie-set="accept" class="cn-set-cookie cn-button" \
aria-label="{t["ok"]}" style="background-color: #00a99d">{t["ok"]}</a>\
<a href="{host}{lp(lang)}/privacy-policy/" target="_blank" id="cn-more-info" \
class="cn-more-info cn-button" aria-label="{t["privacy"]}" \
style="background-color: #00a99d">{t["privacy"]}</a></span>\
<span id="cn-close-notice" data-cookie-set="accept" class="cn-close-icon" title="No"></span></div>\
</div>
<script src='{host}/wp-content/themes/twentytwentyone/assets/js/primary-navigation.js?ver=1.8' \
id='twenty-twenty-one-primary-navigation-script-js'></script>
</body>
</html>
'''

    def excerpt(it: Item) -> str:
        w = " ".join(it.body).split()
        return " ".join(w[:55]) + (" […]" if len(w) > 55 else "")

    def hdr(date: dt.datetime, url: str, shortlink: str | None) -> list[tuple[str, str]]:
        return [
            ("Server", "nginx/1.18.0"),
            ("Date", http_date(date)),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Connection", "keep-alive"),
            ("Vary", "Accept-Encoding"),
            ("X-Powered-By", "PHP/7.4.33"),
            (
                "Link",
                f'<{host}/wp-json/>; rel="https://api.w.org/"'
                + (f", <{shortlink}>; rel=shortlink" if shortlink else ""),
            ),
            ("X-Cache", "HIT"),
        ]

    for lang in ("ru", "en"):
        t = T(lang)
        L = of_lang(items, lang)
        recent = [o for o in L if o.title][:5]
        pages = pages_of(L, 10)
        for pn, grp in enumerate(pages, 1):
            arts = "\n".join(
                f'''{article(it)}
	<header class="entry-header">
		<h2 class="entry-title default-max-width"><a href="{durl(it)}">{esc(it.label)}</a></h2>
	</header><!-- .entry-header -->
	<div class="entry-content">
		<p>{esc(excerpt(it))}</p>
	</div><!-- .entry-content -->
	<footer class="entry-footer default-max-width">
		{posted_on(it, t)}	</footer><!-- .entry-footer -->
</article><!-- #post-{pid[it.id]} -->'''
                for it in grp
            )
            nums = "".join(
                '<span aria-current="page" class="page-numbers current">'
                f'<span class="dots screen-reader-text">{t["page"]} </span>{k}</span>'
                if k == pn
                else f'<a class="page-numbers" href="{lurl(lang, k)}">'
                f'<span class="meta-nav screen-reader-text">{t["page"]} </span>{k}</a>'
                for k in range(1, len(pages) + 1)
            )
            newer = (
                f'<a class="prev page-numbers" href="{lurl(lang, pn - 1)}">{t["newer"]}</a>'
                if pn > 1
                else ""
            )
            older = (
                f'<a class="next page-numbers" href="{lurl(lang, pn + 1)}">{t["older"]}</a>'
                if pn < len(pages)
                else ""
            )
            content = f'''<header class="page-header alignwide">
	<h1 class="page-title">{t["catlbl"]}: <span>{t["news"]}</span></h1></header>\
<!-- .page-header -->
{arts}
	<nav class="navigation pagination" aria-label="{t["postsnav"]}">
		<h2 class="screen-reader-text">{t["postsnav"]}</h2>
		<div class="nav-links">{newer}{nums}{older}</div>
	</nav>'''
            date = max(i.crawl for i in grp)
            u = lurl(lang, pn)
            page = shell(
                lang,
                esc(f"{t['news']} – {t['site']}"),
                f"archive category category-{cat(lang)} category-3 hfeed",
                content,
                recent,
                u,
                grp[0].pub.year,
            )
            out.append(record(u, date, hdr(date, u, None), page, listed=[i.id for i in grp]))
        for k, it in enumerate(L):
            # The previous/next post links show titles, so they skip untitled posts.
            prv = next((o for o in L[k + 1 :] if o.title), None)
            nxt = next((o for o in reversed(L[:k]) if o.title), None)
            up = f"{host}/wp-content/uploads/{it.pub:%Y/%m}"
            fname = f"IMG_{it.seed % 9999:04d}"
            fig = f'''<figure class="wp-block-image size-large">\
<img decoding="async" loading="lazy" width="1024" height="683" src="{up}/{fname}-1024x683.jpg" \
alt="" class="wp-image-{pid[it.id] + 1}" \
srcset="{up}/{fname}-1024x683.jpg 1024w, {up}/{fname}-300x200.jpg 300w, {up}/{fname}-768x512.jpg \
768w" sizes="(max-width: 1024px) 100vw, 1024px" />\
<figcaption class="wp-element-caption">{esc(it.caption())}</figcaption></figure>'''
            blocks = []  # the image goes after the second paragraph (or the only one)
            for j, p in enumerate(it.body):
                cls = "wp-block-paragraph" + (" has-text-align-justify" if it.rnd("j", 2) else "")
                blocks.append(f'<p class="{cls}">{para(p)}</p>')
                if j == min(1, len(it.body) - 1):
                    blocks.append(fig)
            if not it.body:
                blocks.append(fig)
            pre = "".join(
                f'<p class="entry-kicker has-small-font-size">{para(p)}</p>\n' for p in it.pre
            )
            tags = ", ".join(
                f'<a href="{host}{lp(lang)}/tag/{slugify(x, stop=False)}/" rel="tag">{esc(x)}</a>'
                for x in it.tags
            )
            relp = related(it, items, 3)
            relh = "".join(
                f'<div class="jp-relatedposts-post jp-relatedposts-post{j}" '
                f'data-post-id="{pid[o.id]}" data-post-format="false">'
                '<h4 class="jp-relatedposts-post-title">'
                f'<a class="jp-relatedposts-post-a" href="{durl(o)}" '
                f'title="{attr(o.title)}" rel="nofollow" data-origin="{pid[it.id]}" '
                f'data-position="{j}">{esc(o.title)}</a></h4>'
                f'<p class="jp-relatedposts-post-date" style="display:block">{wdate(o)}'
                "</p></div>"
                for j, o in enumerate(relp)
            )
            navh = ""
            if prv:
                navh += (
                    f'<div class="nav-previous"><a href="{durl(prv)}" rel="prev">'
                    f'<p class="meta-nav">{t["prev"]}</p>'
                    f'<p class="post-title">{esc(prv.title)}</p></a></div>'
                )
            if nxt:
                navh += (
                    f'<div class="nav-next"><a href="{durl(nxt)}" rel="next">'
                    f'<p class="meta-nav">{t["next"]}</p>'
                    f'<p class="post-title">{esc(nxt.title)}</p></a></div>'
                )
            shares = "".join(
                f'<li class="share-{s.lower()}">'
                '<a rel="nofollow noopener noreferrer" '
                f'data-shared="sharing-{s.lower()}-{pid[it.id]}" '
                f'class="share-{s.lower()} sd-button share-icon" '
                f'href="{durl(it)}?share={s.lower()}" target="_blank" '
                f'title="Click to share on {s}"><span>{s}</span></a></li>'
                for s in ("Facebook", "Twitter", "LinkedIn", "Telegram")
            )
            blocks_h = "\n".join(blocks)
            content = f'''{article(it)}
	<header class="entry-header alignwide">
		{pre}{f'<h1 class="entry-title">{esc(it.title)}</h1>' if it.title else ""}
	</header><!-- .entry-header -->
	<div class="entry-content">
{blocks_h}
<div class="sharedaddy sd-sharing-enabled">\
<div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">\
<h3 class="sd-title">{t["share"]}</h3><div class="sd-content"><ul>{shares}<li class="share-end">\
</li></ul></div></div></div>
<div id='jp-relatedposts' class='jp-relatedposts' style="display:block">\
<h3 class="jp-relatedposts-headline"><em>{t["rel"]}</em></h3>\
<div class="jp-relatedposts-items jp-relatedposts-items-minimal">{relh}</div></div>
	</div><!-- .entry-content -->
	<footer class="entry-footer default-max-width">
		<div class="posted-by">{posted_on(it, t)}<span class="byline">{t["by"]} \
<a href="{host}{lp(lang)}/author/iom-admin/" \
rel="author">{"Редакция" if lang == "ru" else "IOM Editor"}</a></span></div>\
<div class="post-taxonomies"><span class="cat-links">{t["cats"]} \
<a href="{lurl(lang, 1)}" rel="category tag">{t["news"]}</a> </span>\
<span class="tags-links">{t["tagged"]} {tags}</span></div>
	</footer><!-- .entry-footer -->
</article><!-- #post-{pid[it.id]} -->
	<nav class="navigation post-navigation" aria-label="{t["nav"]}">
		<h2 class="screen-reader-text">{t["nav"]}</h2>
		<div class="nav-links">{navh}</div>
	</nav>
<div id="comments" class="comments-area default-max-width show-avatars">
	<div id="respond" class="comment-respond">
		<h2 id="reply-title" class="comment-reply-title">{t["reply"]}</h2>\
<form action="{host}/wp-comments-post.php" method="post" id="commentform" \
class="comment-form" novalidate><p class="comment-notes">{t["notes"]}</p>\
<p class="comment-form-comment"><label for="comment">{t["comment"]} <span class="required">*</span>\
</label> <textarea id="comment" name="comment" cols="45" rows="5" maxlength="65525" required>\
</textarea></p><p class="comment-form-author"><label for="author">{t["name"]} \
<span class="required">*</span></label> \
<input id="author" name="author" type="text" value="" size="30" maxlength="245" \
autocomplete="name" required /></p><p class="form-submit">\
<input name="submit" type="submit" id="submit" class="submit" value="{t["post"]}" /> \
<input type='hidden' name='comment_post_ID' value='{pid[it.id]}' id='comment_post_ID' /></p>\
</form>	</div><!-- #respond -->
</div><!-- #comments -->'''
            u = durl(it)
            page = shell(
                lang,
                esc((it.title + " – " if it.title else "") + t["site"]),
                f"post-template-default single single-post postid-{pid[it.id]} "
                "single-format-standard",
                content,
                [o for o in recent if o.id != it.id][:5],
                u,
                it.pub.year,
            )
            out.append(
                record(u, it.crawl, hdr(it.crawl, u, f"{host}/?p={pid[it.id]}"), page, item=it)
            )
    return out


# --- a UN country team's site (Drupal 10) ----------------------------------------------------

SDG = [
    (8, "Decent Work and Economic Growth", "Достойная работа и экономический рост"),
    (10, "Reduced Inequalities", "Уменьшение неравенства"),
    (16, "Peace, Justice and Strong Institutions", "Мир, правосудие и эффективные институты"),
    (17, "Partnerships for the Goals", "Партнерство в интересах устойчивого развития"),
    (5, "Gender Equality", "Гендерное равенство"),
    (3, "Good Health and Well-being", "Хорошее здоровье и благополучие"),
]

# The UN entities a press release lists besides IOM, when its text mentions them:
# (regex, acronym, en, ru).
UN_ENTITIES = [
    (r"UNDP|development", "UNDP", "United Nations Development Programme", "Программа развития ООН"),
    (
        r"UNHCR|refugee|беженц",
        "UNHCR",
        "UN High Commissioner for Refugees",
        "Агентство ООН по делам беженцев",
    ),
    (
        r"\bILO\b|labou?r|трудов",
        "ILO",
        "International Labour Organization",
        "Международная организация труда",
    ),
]


def k_un(items: list[Item]) -> list[Record]:
    """https://<country>.un.org/{en,ru}/<nid>-<slug>, by the office's country, item pages only:
    the UN top bar, a "Press release" label, title, date, "Written by <office>", share links,
    image, body, topic tags, cards of the UN entities involved and of the SDGs, "Other
    Resources" cards, a cookie banner."""
    out: list[Record] = []
    nid = {it.id: 100000 + it.idx * 313 + it.seed % 97 for it in items}
    for it in items:
        ru = it.lang == "ru"
        lg = it.lang
        un_name = (
            ("ООН в стране: " + it.country_ru)
            if ru
            else ("United Nations in " + ("the " if it.cc == "ru" else "") + it.country_en)
        )
        T: dict[str, Any] = (
            dict(
                pr="Пресс-релиз",
                menu=[
                    "Наша команда",
                    "Наша работа",
                    "Примите участие",
                    "Новости и истории",
                    "Ресурсы",
                    "Мероприятия",
                    "Вакансии",
                ],
                welcome="Добро пожаловать в Организацию Объединенных Наций",
                search="Поиск",
                ent="Участвующие структуры ООН",
                goals="Цели, которым способствует эта инициатива",
                learn="Подробнее",
                more="Смотрите также",
                written="Автор",
                share="Поделиться",
                home="Главная",
                news="Новости и истории",
                cookie="Мы используем файлы cookie, чтобы обеспечить наилучшую работу сайта.",
                agree="Принять",
                decline="Отказаться",
                foot=[
                    "Авторские права",
                    "Предупреждение о мошенничестве",
                    "Конфиденциальность",
                    "Условия использования",
                ],
                skip="Перейти к основному содержанию",
                iom="МОМ\nМеждународная организация по миграции",
                goal="Цель",
            )
            if ru
            else dict(
                pr="Press release",
                menu=[
                    "Our Team",
                    "Our Work",
                    "Take Action",
                    "News and Stories",
                    "Resources",
                    "Events",
                    "Jobs",
                ],
                welcome="Welcome to the United Nations",
                search="Search",
                ent="UN entities involved in this initiative",
                goals="Goals we are supporting through this initiative",
                learn="Learn more",
                more="Other Resources",
                written="Written by",
                share="Share",
                home="Home",
                news="News and Stories",
                cookie="We use cookies to ensure that we give you the best experience on our "
                "website.",
                agree="Accept",
                decline="Decline",
                foot=["Copyright", "Fraud Alert", "Privacy Notice", "Terms of Use"],
                skip="Skip to main content",
                iom="IOM\nInternational Organization for Migration",
                goal="Goal",
            )
        )
        ents = [
            (
                "IOM",
                "Международная организация по миграции"
                if ru
                else "International Organization for Migration",
            )
        ]
        ents += [
            (e, r if ru else en) for rx, e, en, r in UN_ENTITIES if re.search(rx, " ".join(it.body))
        ]
        ents.append(
            ("RCO", "Канцелярия координатора-резидента" if ru else "Resident Coordinator Office")
        )
        ent_h = "\n".join(
            f'''<div class="entity-card"><a href="/{lg}/about/{e.lower()}">\
<div class="entity-card__logo">\
<img src="/sites/default/files/styles/entity_logo/public/entities/{e.lower()}.png" alt="{e}" \
width="64" height="64" loading="lazy" /></div><div class="entity-card__name">\
<span class="entity-card__acronym">{e}</span><span class="entity-card__full">{esc(full)}</span>\
</div></a></div>'''
            for e, full in ents
        )
        # Two seeded goals, or one if both draws are the same.
        goals = list(dict.fromkeys(SDG[(it.seed >> s) % len(SDG)] for s in (0, 5)))
        goal_h = "\n".join(
            f'<a class="sdg-icon sdg-{n}" href="/{lg}/sdgs/{n}">'
            f'<img src="/themes/custom/undg/images/sdgs/{lg}/goal-{n}.svg" '
            f'alt="{T["goal"]} {n}: {esc(ru_n if ru else en_n)}" width="80" height="80" />'
            f'<span class="visually-hidden">{T["goal"]} {n}: {esc(ru_n if ru else en_n)}'
            "</span></a>"
            for n, en_n, ru_n in goals
        )
        rel = [o for o in related(it, items, 6) if o.lang == it.lang][:3]
        cards = "\n".join(
            f'''<div class="card card--press-release">
  <div class="card__type">{T["pr"]}</div>
  <div class="card__date"><time \
datetime="{o.pub.strftime("%Y-%m-%dT12:00:00Z")}">{d_long(o.pub, lg)}</time></div>
  <h3 class="card__title"><a href="/{lg}/{nid[o.id]}-{o.slug}" hreflang="{lg}">{esc(o.title)}</a>\
</h3>
  <a class="card__link" href="/{lg}/{nid[o.id]}-{o.slug}">{T["learn"]} \
<span class="visually-hidden">{esc(o.title)}</span></a>
</div>'''
            for o in rel
        )
        menu = "\n".join(
            '<li class="menu-item menu-item--expanded">'
            f'<a href="/{lg}/{slugify(m, stop=False)}" '
            f'data-drupal-link-system-path="node/{200 + k}">{esc(m)}</a></li>'
            for k, m in enumerate(T["menu"])
        )
        body = "\n".join(f"<p>{para(p)}</p>" for p in it.body)
        pre = "".join(
            '<div class="field field--name-field-kicker field--type-string '
            f'field--label-hidden field__item">{para(p)}</div>\n'
            for p in it.pre
        )
        tags = "\n".join(
            f'<li><a href="/{lg}/search?f%5B0%5D=topic%3A{slugify(x)}" '
            f'class="tag">{esc(x)}</a></li>'
            for x in it.tags
        )
        url = f"https://{it.un_host}/{lg}/{nid[it.id]}-{it.slug}"
        ttl = (
            '<h1 class="page-title"><span class="field field--name-title '
            f'field--type-string field--label-hidden">{esc(it.title)}</span></h1>'
            if it.title
            else ""
        )
        settings = json.dumps(
            {
                "path": {
                    "baseUrl": "/",
                    "pathPrefix": lg + "/",
                    "currentPath": f"node/{nid[it.id]}",
                    "currentLanguage": lg,
                },
                "eu_cookie_compliance": {
                    "cookie_policy_version": "1.0.0",
                    "popup_enabled": True,
                    "popup_position": False,
                },
                "ajaxTrustedUrl": {f"/{lg}/search": True},
                "user": {"uid": 0, "permissionsHash": hashlib.sha256(b"un").hexdigest()},
            },
            separators=(",", ":"),
        )
        foot_menu = "".join(
            f'<li class="menu-item"><a href="https://www.un.org/{lg}/about-us/'
            f'{slugify(f, stop=False)}">{esc(f)}</a></li>'
            for f in T["foot"]
        )
        page = f'''<!DOCTYPE html>
<html lang="{lg}" dir="ltr" prefix="og: https://ogp.me/ns#">
  <head>
    <meta charset="utf-8" />
<meta name="description" content="{attr(it.first_sentence)}" />
<link rel="canonical" href="{url}" />
<meta property="og:site_name" content="{attr(un_name)}" />
<meta property="og:type" content="Press Release" />
<meta property="og:url" content="{url}" />
<meta property="og:title" content="{attr(it.title or it.label)}" />
<meta property="og:image" content="https://{it.un_host}/sites/default/files/styles/large/public/\
{it.pub.strftime("%Y-%m")}/{it.slug[:20]}.jpg" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta name="HandheldFriendly" content="true" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="alternate" hreflang="en" href="https://{it.un_host}/en/{nid[it.id]}-{it.slug}" />
<link rel="alternate" hreflang="ru" href="https://{it.un_host}/ru/{nid[it.id]}-{it.slug}" />
    <title>{esc((it.title + " | ") if it.title else "")}{esc(un_name)}</title>
    <link rel="stylesheet" media="all" \
href="/sites/default/files/css/css_{md5hex("uncss")[:30]}.css?delta=0&amp;language={lg}&amp;\
theme=undg&amp;include=eJxtjEEOwjAMBD9UJU-yksZKI2xvFDtU_J0CB0DqZaSZlbYyB4nX3EDoxyLxBA" />
    <script type="application/json" data-drupal-selector="drupal-settings-json">{settings}</script>
<script src="/core/assets/vendor/once/once.min.js?v=1.0.1"></script>
  </head>
  <body class="path-node page-node-type-press-release">
        <a href="#main-content" class="visually-hidden focusable skip-link">{T["skip"]}</a>
      <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<div class="un-topbar">
  <div class="un-topbar__inner">\
<a href="https://www.un.org/{lg}/" class="un-topbar__welcome">{T["welcome"]}</a>
  <div class="language-switcher-language-url" id="block-undg-languageswitcher" role="navigation">
  <ul class="links"><li hreflang="en" data-drupal-link-system-path="node/{nid[it.id]}" \
class="en{" is-active" if not ru else ""}">\
<a href="/en/{nid[it.id]}-{it.slug}" class="language-link" hreflang="en">English</a></li>\
<li hreflang="ru" data-drupal-link-system-path="node/{nid[it.id]}" \
class="ru{" is-active" if ru else ""}">\
<a href="/ru/{nid[it.id]}-{it.slug}" class="language-link" hreflang="ru">Русский</a></li></ul>
  </div></div>
</div>
  <header role="banner" class="site-header">
    <div class="region region-header">
      <div id="block-undg-branding"><a href="/{lg}" rel="home" class="site-logo">\
<img src="/themes/custom/undg/logo-{lg}.svg" alt="{T["home"]}" /></a><div class="site-name">\
<a href="/{lg}" rel="home">{esc(un_name)}</a></div></div>
      <nav role="navigation" aria-labelledby="block-undg-main-menu-menu" id="block-undg-main-menu">\
<h2 class="visually-hidden" id="block-undg-main-menu-menu">Main navigation</h2>
        <ul class="menu menu--main">{menu}</ul>
      </nav>
      <div class="search-block-form" data-drupal-selector="search-block-form" \
id="block-undg-search" role="search">
        <form action="/{lg}/search" method="get" id="search-block-form" accept-charset="UTF-8">\
<div class="js-form-item form-item"><label for="edit-keys" class="visually-hidden">{T["search"]}\
</label><input title="{T["search"]}" data-drupal-selector="edit-keys" type="search" id="edit-keys" \
name="keys" value="" size="15" maxlength="128" class="form-search" placeholder="{T["search"]}" />\
</div><div data-drupal-selector="edit-actions" class="form-actions js-form-wrapper form-wrapper" \
id="edit-actions"><input data-drupal-selector="edit-submit" type="submit" id="edit-submit" \
value="{T["search"]}" class="button js-form-submit form-submit" /></div></form>
      </div>
    </div>
  </header>
  <div class="region region-breadcrumb">
    <nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb">\
<h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><ol><li>\
<a href="/{lg}">{T["home"]}</a></li><li><a href="/{lg}/news-and-stories">{T["news"]}</a></li><li>\
<a href="/{lg}/press-centre/press-releases">{T["pr"]}</a></li></ol></nav>
  </div>
  <main role="main">
    <a id="main-content" tabindex="-1"></a>
    <div class="layout-content">
      <div class="region region-content">
<div data-drupal-messages-fallback class="hidden"></div>
<div id="block-undg-content">
<article class="node node--type-press-release node--view-mode-full">
  <div class="node__header">
    <div class="node__label content-type-label">{T["pr"]}</div>
    {pre}{ttl}
    <div class="node__meta">
      <div class="field field--name-field-date field--type-datetime field--label-hidden \
field__item"><time datetime="{it.pub.strftime("%Y-%m-%dT12:00:00Z")}">{d_long(it.pub, lg)}</time>\
</div>
      <div class="node__author">{T["written"]} \
<span class="field field--name-field-author">{esc(it.office)}</span></div>
    </div>
    <div class="share-buttons"><span class="share-buttons__label">{T["share"]}</span>\
<a class="share-buttons__link share-buttons__link--facebook" \
href="https://www.facebook.com/sharer/sharer.php?u={attr(url)}" target="_blank" rel="noopener" \
aria-label="Facebook"><svg aria-hidden="true" width="16" height="16"><use href="#icon-facebook">\
</use></svg></a><a class="share-buttons__link share-buttons__link--x" \
href="https://twitter.com/intent/tweet?url={attr(url)}" target="_blank" rel="noopener" \
aria-label="X"><svg aria-hidden="true" width="16" height="16"><use href="#icon-x"></use></svg></a>\
<a class="share-buttons__link share-buttons__link--linkedin" \
href="https://www.linkedin.com/sharing/share-offsite/?url={attr(url)}" target="_blank" \
rel="noopener" aria-label="LinkedIn"><svg aria-hidden="true" width="16" height="16">\
<use href="#icon-linkedin"></use></svg></a></div>
  </div>
  <div class="node__content">
  <div class="field field--name-field-image field--type-image field--label-hidden field__item">
    <figure><img loading="lazy" \
src="/sites/default/files/styles/full_width/public/{it.pub.strftime("%Y-%m")}/{it.slug[:20]}.jpg?\
itok={md5hex(it.id)[:8]}" width="1280" height="720" alt="{attr(it.caption())}" />\
<figcaption class="field--name-field-caption">{esc(it.caption())}</figcaption></figure>
  </div>
    <div class="clearfix text-formatted field field--name-body field--type-text-with-summary \
field--label-hidden field__item">{body}</div>
  </div>
  <div class="node__tags"><ul class="tags">{tags}</ul></div>
  <section class="node__entities">
    <h2 class="section-title">{T["ent"]}</h2>
    <div class="entity-cards">
{ent_h}
    </div>
  </section>
  <section class="node__sdgs">
    <h2 class="section-title">{T["goals"]}</h2>
    <div class="sdg-icons">{goal_h}</div>
  </section>
</article>
<section class="related-content">
  <h2 class="section-title">{T["more"]}</h2>
  <div class="cards cards--3">
{cards}
  </div>
</section>
</div>
      </div>
    </div>
  </main>
  <footer role="contentinfo" class="site-footer">
    <div class="region region-footer">
      <div class="footer-brand">\
<img src="/themes/custom/undg/images/un-logo-white-{lg}.svg" alt="UN" width="120" /> \
<span>{esc(un_name)}</span></div>
      <nav class="footer-social">\
<a href="https://www.facebook.com/UN{it.country_en.replace(" ", "")}">Facebook</a> \
<a href="https://twitter.com/UN_{it.country_en.split()[0]}">X</a> \
<a href="https://www.instagram.com/un{it.country_en.split()[0].lower()}">Instagram</a></nav>
      <ul class="menu menu--footer">{foot_menu}</ul>
    </div>
  </footer>
</div>
  </div>
<div class="eu-cookie-compliance-banner eu-cookie-compliance-banner-info \
eu-cookie-compliance-banner--opt-in" role="dialog" aria-live="polite">\
<div class="popup-content info eu-cookie-compliance-content">\
<div id="popup-text" class="eu-cookie-compliance-message"><p>{T["cookie"]}</p></div>\
<div id="popup-buttons" class="eu-cookie-compliance-buttons">\
<button type="button" class="agree-button eu-cookie-compliance-secondary-button">{T["agree"]}\
</button><button type="button" \
class="decline-button eu-cookie-compliance-default-button">{T["decline"]}</button></div></div></div>
<script src="/sites/default/files/js/js_{md5hex("unjs")[:30]}.js?scope=footer&amp;delta=0&amp;\
language={lg}&amp;theme=undg"></script>
  </body>
</html>
'''
        hdr = [
            ("Server", "nginx"),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Date", http_date(it.crawl)),
            ("Cache-Control", "max-age=900, public"),
            ("Content-language", lg),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "SAMEORIGIN"),
            ("Expires", "Sun, 19 Nov 1978 05:00:00 GMT"),
            ("Last-Modified", http_date(it.pub)),
            ("Vary", "Cookie"),
            ("X-Generator", "Drupal 10 (https://www.drupal.org)"),
            ("X-Drupal-Cache", "HIT"),
            ("X-Drupal-Dynamic-Cache", "MISS"),
            (
                "Link",
                f'<{url}>; rel="canonical", <https://{it.un_host}/{lg}/node/{nid[it.id]}>;'
                ' rel="shortlink"',
            ),
        ]
        out.append(record(url, it.crawl, hdr, page, item=it))
    return out


# --- Tilda -----------------------------------------------------------------------------------


def k_tilda(items: list[Item]) -> list[Record]:
    """https://migrantcenter.tilda.ws/[ru-]<slug>, item pages only: t-rec blocks with inline styles;
    a side menu, the title (t-title) with date and kicker (t-descr), an image with caption,
    the whole text in one t-text div with paragraphs separated by <br /><br />, social links,
    related cards, a footer and a cookie popup that is itself a t-text."""
    out: list[Record] = []
    host = "https://migrantcenter.tilda.ws"
    proj = 1873245

    def card(k: int, o: Item, ru: bool) -> str:
        """Another item's card in the T404 block: picture, title and date."""
        ox = md5hex(o.id)
        return f"""<div class="t404__col t-col t-col_4 t-align_left" style="margin-bottom:40px;">\
<a class="t404__link" href="/{"ru-" if ru else ""}{o.slug[:60]}">\
<div class="t404__imgwrapper" style="padding-bottom:66.666666666667%;">\
<div class="t404__bgimg t-bgimg" \
data-original="https://static.tildacdn.com/tild{ox[:4]}-{ox[4:8]}-{ox[8:12]}/photo.jpg" \
style="background-image:url('https://thb.tildacdn.com/tild{ox[:4]}/-/resize/20x/photo.jpg');">\
</div></div><div class="t404__textwrapper">\
<div class="t404__title t-name t-name_xl" field="li_title__{k}" \
style="font-size:20px;font-weight:600;">{esc(o.title)}</div>\
<div class="t404__descr t-descr t-descr_xxs" style="color:#8a8a8a;">{d_dots(o.pub)}</div></div></a>\
</div>"""

    for it in items:
        ru = it.lang == "ru"
        pageid = 21000000 + it.idx * 1117 + it.seed % 1000
        rec0 = 300000000 + it.seed % 9000000
        alias = ("ru-" if ru else "") + it.slug[:60]
        url = f"{host}/{alias}"
        T: dict[str, Any] = (
            dict(
                menu=["Главная", "О центре", "Новости", "Помощь мигрантам", "Контакты"],
                back="← Все новости",
                share="Поделиться",
                rel="Другие новости",
                cookie="Мы используем файлы cookie, чтобы вам было удобнее пользоваться сайтом.",
                ok="Хорошо",
                foot=f"© {it.pub.year} Центр поддержки мигрантов при участии МОМ",
                hot="Горячая линия: 8-800-333-00-16",
                read="Читать",
            )
            if ru
            else dict(
                menu=["Home", "About", "News", "Help for migrants", "Contacts"],
                back="← All news",
                share="Share",
                rel="More news",
                cookie="We use cookies to make the site more convenient for you.",
                ok="OK",
                foot=f"© {it.pub.year} Migrant Support Centre with IOM",
                hot="Hotline: 8-800-333-00-16",
                read="Read",
            )
        )
        text = "<br /><br />".join(para(p, "<br />") for p in it.body)
        pre = "".join(
            '<div class="t-descr t-descr_xs" field="descr" '
            'style="color:#8a8a8a;font-size:14px;font-weight:400;padding-bottom:10px;'
            f'">{para(p, "<br />")}</div>'
            for p in it.pre
        )
        ttl = (
            (
                '<div class="t030__title t-title t-title_xxs" field="title" '
                'style="color:#000000;font-size:36px;line-height:1.23;font-weight:600;'
                f"font-family:'Montserrat';\">{esc(it.title)}</div>"
            )
            if it.title
            else ""
        )
        menu = "".join(
            '<li class="t450__list_item"><a class="t-menu__link-item" '
            f'href="/{"ru-" if ru else ""}{slugify(m, stop=False)}" '
            f'data-menu-submenu-hook="" data-menu-item-number="{k + 1}" '
            f'style="color:#ffffff;font-size:20px;font-weight:600;">{esc(m)}</a></li>'
            for k, m in enumerate(T["menu"])
        )
        rel = related(it, items, 3)
        cards = "".join(card(k, o, ru) for k, o in enumerate(rel))
        hx = md5hex(it.id)
        img = (
            f"https://static.tildacdn.com/tild{hx[:4]}-{hx[4:8]}-{hx[8:12]}-{hx[12:16]}-"
            f"{hx[16:28]}/photo.jpg"
        )
        page = f'''<!DOCTYPE html><html lang="{it.lang}"><head><meta charset="utf-8" />\
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\
<meta name="viewport" content="width=device-width, initial-scale=1.0" /> <!--metatextblock-->\
<title>{esc(it.title or it.label)}</title>\
<meta name="description" content="{attr(it.first_sentence)}" />\
<meta property="og:url" content="{url}" />\
<meta property="og:title" content="{attr(it.title or it.label)}" />\
<meta property="og:description" content="{attr(it.first_sentence)}" />\
<meta property="og:type" content="website" /><meta property="og:image" content="{img}" />\
<link rel="canonical" href="{url}"><!--/metatextblock-->\
<meta name="format-detection" content="telephone=no" />\
<meta http-equiv="x-dns-prefetch-control" content="on">\
<link rel="dns-prefetch" href="https://ws.tildacdn.com">\
<link rel="dns-prefetch" href="https://static.tildacdn.com">\
<link rel="shortcut icon" href="https://static.tildacdn.com/img/tildafavicon.ico" \
type="image/x-icon" /><!-- Assets -->\
<script src="https://neo.tildacdn.com/js/tilda-fallback-1.0.min.js" async charset="utf-8"></script>\
<link rel="stylesheet" href="https://static.tildacdn.com/css/tilda-grid-3.0.min.css" \
type="text/css" media="all" onerror="this.loaderr='y';"/>\
<link rel="stylesheet" href="https://static.tildacdn.com/ws/project{proj}/\
tilda-blocks-page{pageid}.min.css?t={int(it.pub.timestamp())}" type="text/css" media="all" \
onerror="this.loaderr='y';" /><link rel="preconnect" href="https://fonts.gstatic.com">\
<link href="https://fonts.googleapis.com/css2?family=Montserrat:wght@300;400;500;600;\
700&subset=latin,cyrillic" rel="stylesheet">\
<script src="https://static.tildacdn.com/js/jquery-1.10.2.min.js" charset="utf-8" \
onerror="this.loaderr='y';"></script>\
<script src="https://static.tildacdn.com/js/tilda-scripts-3.0.min.js" charset="utf-8" defer \
onerror="this.loaderr='y';"></script>\
<script src="https://static.tildacdn.com/ws/project{proj}/tilda-blocks-page{pageid}.min.js?\
t={int(it.pub.timestamp())}" charset="utf-8" async onerror="this.loaderr='y';"></script>\
<script type="text/javascript">window.dataLayer = window.dataLayer || [];</script></head>\
<body class="t-body" style="margin:0;"><!--allrecords-->\
<div id="allrecords" class="t-records" data-hook="blocks-collection-content-node" \
data-tilda-project-id="{proj}" data-tilda-page-id="{pageid}" data-tilda-page-alias="{alias}" \
data-tilda-formskey="{hx[:32]}" data-tilda-lazy="yes" data-tilda-root-zone="com">
<div id="rec{rec0}" class="r t-rec" style=" " data-animationappear="off" data-record-type="450">\
<!-- T450 --><div id="nav{rec0}marker"></div><div class="t450__overlay">\
<div class="t450__overlay_bg" style=" "></div></div>\
<div id="nav{rec0}" class="t450 " data-tooltip-hook="#menuopen" \
style="max-width:260px;background-color:#0033a0;">\
<button type="button" class="t450__close-button t450__close t450_opened" \
style="background-color:#0033a0;" aria-label="Закрыть меню">\
<div class="t450__close_icon" style="color:#ffffff;"><span></span><span></span><span></span><span>\
</span></div></button><div class="t450__container t-align_left"><div class="t450__top">\
<div class="t450__logowrapper"><a href="/">\
<img src="https://static.tildacdn.com/tild6431-3863-4334-b130-313738653463/logo.svg" \
class="t450__logoimg" imgfield="img" style="max-width:150px;width:150px;" alt="Migrant Center"></a>\
</div><nav class="t450__menu"><ul role="list" class="t450__list t-menu__list">{menu}</ul></nav>\
</div><div class="t450__rightside"><div class="t450__rightcontainer">\
<div class="t450__right_descr t-descr t-descr_xs" field="descr" style="color:#ffffff;">{T["hot"]}\
</div><div class="t450__right_langs"><div class="t450__right_buttons_wrap">\
<a href="/{it.slug[:60]}" style="color:#ffffff;">EN</a> \
<a href="/ru-{it.slug[:60]}" style="color:#ffffff;">RU</a></div></div></div></div></div></div></div>
<div id="rec{rec0 + 1}" class="r t-rec t-rec_pt_75 t-rec_pb_0" \
style="padding-top:75px;padding-bottom:0px; " data-record-type="30"><!-- T030 --><div class="t030">\
<div class="t-container t-align_left"><div class="t-col t-col_10 t-prefix_1">\
<div class="t030__descr t-descr t-descr_xs" field="subtitle" \
style="color:#0033a0;font-weight:600;text-transform:uppercase;padding-bottom:15px;">\
<a href="/{"ru-novosti" if ru else "news"}" style="color:#0033a0;text-decoration:none;">{T["back"]}\
</a></div>{pre}{ttl}<div class="t030__descr t-descr t-descr_xxs" field="descr" \
style="color:#8a8a8a;font-size:14px;padding-top:15px;">{d_dots(it.pub)}</div></div></div></div>\
</div>
<div id="rec{rec0 + 2}" class="r t-rec t-rec_pt_45 t-rec_pb_30" \
style="padding-top:45px;padding-bottom:30px; " data-record-type="3"><!-- T107 --><div class="t107">\
<div class="t-align_center" itemscope itemtype="http://schema.org/ImageObject">\
<meta itemprop="image" content="{img}">\
<img class="t-img t-width t107__widthauto" \
src="https://thb.tildacdn.com/tild{hx[:4]}/-/empty/photo.jpg" data-original="{img}" imgfield="img" \
alt=""></div><div class="t-container"><div class="t-col t-col_8 t-prefix_2">\
<div class="t107__title t-descr t-descr_xxs" field="title" itemprop="name" \
style="color:#8a8a8a;font-size:13px;padding-top:10px;">{esc(it.caption())}</div></div></div></div>\
</div>
<div id="rec{rec0 + 3}" class="r t-rec t-rec_pt_0 t-rec_pb_45" \
style="padding-top:0px;padding-bottom:45px; " data-record-type="106"><!-- T004 -->\
<div class="t004"><div class="t-container "><div class="t-col t-col_8 t-prefix_2">\
<div field="text" class="t-text t-text_md " \
style="color:#1c1c1c;font-size:18px;line-height:1.55;font-weight:400;font-family:'Montserrat';\
">{text}</div></div></div></div></div>
<div id="rec{rec0 + 4}" class="r t-rec t-rec_pt_15 t-rec_pb_45" \
style="padding-top:15px;padding-bottom:45px; " data-record-type="801"><!-- T801 -->\
<div class="t801"><div class="t-container t-align_left"><div class="t-col t-col_8 t-prefix_2">\
<div class="t801__descr t-descr t-descr_xs" \
style="font-weight:600;padding-bottom:10px;">{T["share"]}</div><div class="t-sociallinks">\
<div class="t-sociallinks__wrapper" role="list">\
<div class="t-sociallinks__item t-sociallinks__item_vk" role="listitem">\
<a href="https://vk.com/share.php?url={attr(url)}" target="_blank" rel="nofollow" aria-label="vk" \
style="width:30px;height:30px;">\
<svg class="t-sociallinks__svg" role="presentation" width="30px" height="30px" \
viewBox="0 0 100 100"><circle cx="50" cy="50" r="50" fill="#0033a0"></circle></svg></a></div>\
<div class="t-sociallinks__item t-sociallinks__item_telegram" role="listitem">\
<a href="https://t.me/share/url?url={attr(url)}" target="_blank" rel="nofollow" \
aria-label="telegram" style="width:30px;height:30px;">\
<svg class="t-sociallinks__svg" role="presentation" width="30px" height="30px" \
viewBox="0 0 100 100"><circle cx="50" cy="50" r="50" fill="#0033a0"></circle></svg></a></div>\
<div class="t-sociallinks__item t-sociallinks__item_facebook" role="listitem">\
<a href="https://www.facebook.com/sharer.php?u={attr(url)}" target="_blank" rel="nofollow" \
aria-label="facebook" style="width:30px;height:30px;">\
<svg class="t-sociallinks__svg" role="presentation" width="30px" height="30px" \
viewBox="0 0 100 100"><circle cx="50" cy="50" r="50" fill="#0033a0"></circle></svg></a></div></div>\
</div></div></div></div></div>
<div id="rec{rec0 + 5}" class="r t-rec t-rec_pt_60 t-rec_pb_30" \
style="padding-top:60px;padding-bottom:30px;background-color:#f4f6fa; " data-record-type="404" \
data-bg-color="#f4f6fa"><!-- T404 --><div class="t404">\
<div class="t-section__container t-container"><div class="t-col t-col_12">\
<div class="t-section__topwrapper t-align_center">\
<div class="t-section__title t-title t-title_xs" field="btitle" style="font-size:28px;">{T["rel"]}\
</div></div></div></div><div class="t-container">{cards}</div></div></div>
<div id="rec{rec0 + 6}" class="r t-rec t-rec_pt_30 t-rec_pb_30" \
style="padding-top:30px;padding-bottom:30px;background-color:#0033a0; " data-record-type="420" \
data-bg-color="#0033a0"><!-- T420 --><div class="t420"><div class="t-container t-align_left">\
<div class="t420__col t-col t-col_3">\
<div class="t420__text t-descr t-descr_xxs" field="text" style="color:#ffffff;">{esc(T["foot"])}\
</div></div><div class="t420__col t-col t-col_3">\
<div class="t420__text t-descr t-descr_xxs" field="text2" style="color:#ffffff;">{T["hot"]}\
<br />info@migrantcenter.ru</div></div></div></div></div>
<div id="rec{rec0 + 7}" class="r t-rec" style=" " data-animationappear="off" \
data-record-type="886"><!-- T886 -->\
<div class="t886 t886_closed" data-storage-item="t886cookiename_{proj}" style="bottom:20px;">\
<div class="t886__wrapper" style="background-color:#ffffff;border-radius:7px;box-shadow:0px 0px \
20px rgba(0,0,0,0.2);"><div class="t886__text t-text t-text_xs" field="text" \
style="font-size:14px;">{T["cookie"]}</div>\
<button class="t886__btn t-btn t-btn_xs" type="button" \
style="color:#ffffff;background-color:#0033a0;border-radius:5px;">\
<span class="t886__btn_wrapper">{T["ok"]}</span></button></div></div>\
<script>t_onReady(function(){{t_onFuncLoad('t886_init',function(){{t886_init('{rec0 + 7}');}});}});\
</script></div>
<div class="t-tildalabel " id="tildacopy" data-tilda-sign="{proj}#{pageid}">\
<a href="https://tilda.cc/?upm={proj}" class="t-tildalabel__link">\
<div class="t-tildalabel__wrapper"><div class="t-tildalabel__txtleft">Made on </div>\
<div class="t-tildalabel__wrapper-img">\
<img src="https://static.tildacdn.com/img/tildacopy.png" class="t-tildalabel__img" \
fetchpriority="low" alt=""></div><div class="t-tildalabel__txtright">Tilda</div></div></a></div>\
</div><!--/allrecords--><!-- Stat -->\
<script type="text/javascript">if (! window.mainTracker) {{ window.mainTracker = 'tilda'; }} \
window.tildastatscroll = 'yes'; (function (d, w, k, o, g) {{ var \
n=d.getElementsByTagName(o)[0],s=d.createElement(o),f=function(){{n.parentNode.insertBefore(s,n);\
}}; s.type = "text/javascript"; s.async = true; s.key = k; s.id = "tildastatscript"; s.src=g; if \
(w.opera=="[object Opera]") {{d.addEventListener("DOMContentLoaded", f, false);}} else {{ f(); }} \
}})(document, window, '{hx[:32]}','script','https://static.tildacdn.com/js/tilda-stat-1.0.min.js');\
</script></body></html>'''
        hdr = [
            ("Server", "nginx"),
            ("Date", http_date(it.crawl)),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Connection", "keep-alive"),
            ("Vary", "Accept-Encoding"),
            ("Cache-Control", "max-age=60"),
            ("Last-Modified", http_date(it.pub)),
            ("ETag", f'W/"{hx[:16]}"'),
            ("X-Frame-Options", "SAMEORIGIN"),
            ("Strict-Transport-Security", "max-age=31536000"),
        ]
        out.append(record(url, it.crawl, hdr, page, item=it))
    return out


# --- WARC writing and checking ---------------------------------------------------------------

RENDERERS: dict[str, Callable[[list[Item]], list[Record]]] = {
    "drupal7-iom": k_drupal7,
    "static-1251": k_static1251,
    "joomla": k_joomla,
    "bitrix": k_bitrix,
    "nextjs": k_nextjs,
    "wordpress-blocks": k_wordpress,
    "un-country-team": k_un,
    "tilda": k_tilda,
}
KINDS: tuple[str, ...] = tuple(RENDERERS)


def record_id(name: str) -> str:
    # uuid5, not uuid4: the same page gets the same id on every run.
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def write_warc(path: Path, kind: str, recs: list[Record]) -> None:
    recs = sorted(recs, key=lambda r: (r["date"], r["url"]))
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        # The script this module was ported from named itself here; kept so that the
        # WARCs stay byte-identical to the ones it wrote.
        info = (
            "software: tests/markup_kinds.py\r\nformat: WARC File Format 1.0\r\n"
            f"description: {kind} pages rendered from the labeled items\r\n"
        ).encode()
        w.write_record(
            w.create_warc_record(
                None,
                "warcinfo",
                payload=io.BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Date": warc_date(recs[0]["date"]),
                    "WARC-Filename": path.name,
                    "WARC-Record-ID": record_id("warcinfo:" + kind),
                },
            )
        )
        for r in recs:
            hdrs = [(k, v) for k, v in r["headers"] if k.lower() != "content-length"]
            hdrs.append(("Content-Length", str(len(r["body"]))))
            sh = StatusAndHeaders("200 OK", hdrs, protocol="HTTP/1.1")
            rec = w.create_warc_record(
                r["url"],
                "response",
                payload=io.BytesIO(r["body"]),
                http_headers=sh,
                warc_headers_dict={
                    "WARC-Date": warc_date(r["date"]),
                    "WARC-Record-ID": record_id(kind + ":" + r["url"]),
                },
            )
            w.write_record(rec)


def _render(items: list[Item], out: Path, kinds: tuple[str, ...]) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind in kinds:
        recs = RENDERERS[kind](items)
        idx = {r["item"].id: r["url"] for r in recs if r.get("item")}
        assert len(idx) == len(items), (kind, len(idx))
        listed = [x for r in recs for x in r.get("listed", [])]
        if listed:  # every item on exactly one listing page, newest first in each language
            assert sorted(listed) == sorted(i.id for i in items), kind
            byid = {i.id: i for i in items}
            for lang in ("ru", "en"):
                seq = [byid[x] for x in listed if byid[x].lang == lang]
                assert seq == of_lang(items, lang), (kind, lang)
        written[kind] = path = out / f"{kind}.warc.gz"
        write_warc(path, kind, recs)
        with (out / f"{kind}.index.json").open("w", encoding="utf-8") as f:
            json.dump(dict(sorted(idx.items())), f, ensure_ascii=False, indent=0)
    return written


def render(
    items: list[dict[str, Any]], out: Path, kinds: tuple[str, ...] = KINDS
) -> dict[str, Path]:
    """Write <kind>.warc.gz and <kind>.index.json (item id -> URL of its detail page) into
    out for each kind; return the WARC written for each kind."""
    return _render(make_items(list(enumerate(items))), out, kinds)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def page_text(raw: bytes, ctype: str | None) -> str:
    """The page's text as a reader sees it, roughly: decoded by the HTTP charset or else the
    <meta> one, without scripts, styles, comments and tags, whitespace collapsed."""
    m = re.search(r"charset=([\w-]+)", ctype or "", re.I)
    if m:
        cs = m.group(1)
    else:
        mb = re.search(rb'<meta[^>]+charset=["\']?([\w-]+)', raw, re.I)
        cs = mb.group(1).decode() if mb else "utf-8"
    s = raw.decode(cs)
    s = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return norm(html.unescape(s))


def _leaks(it: Item, items: list[Item], text: str) -> list[str]:
    """Other items with a paragraph (its first 80 characters) on the item's page, unless that
    text is also the other item's title or part of one of the item's own paragraphs."""
    found = []
    for o in items:
        if o.id == it.id:
            continue
        for p in o.body:
            full = norm(p)
            q = full[:80]
            if (
                len(full) >= 80
                and q in text
                and q not in norm(o.title)
                and not any(q in norm(pp) for pp in it.paras)
            ):
                found.append("leak:" + o.id)
                break
    return found


def _check(
    items: list[Item], out: Path, kinds: tuple[str, ...]
) -> tuple[int, list[tuple[str, int, int, int]]]:
    rows = []
    allfail = 0
    for kind in kinds:
        pages, fails = 0, 0
        texts = {}
        with (out / f"{kind}.warc.gz").open("rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response":
                    continue
                pages += 1
                u = rec.rec_headers.get_header("WARC-Target-URI")
                assert u not in texts, (kind, "duplicate url", u)
                assert rec.http_headers.protocol == "HTTP/1.1"
                assert rec.http_headers.get_statuscode() == "200"
                ctype = rec.http_headers.get_header("Content-Type")
                texts[u] = page_text(rec.content_stream().read(), ctype)
        with (out / f"{kind}.index.json").open(encoding="utf-8") as f:
            idx = json.load(f)
        for it in items:
            t = texts.get(idx[it.id])
            bad = []
            if t is None:
                bad.append("missing page")
            else:
                if it.title and norm(it.title) not in t:
                    bad.append("title")
                bad += ["para:" + norm(p)[:40] for p in it.paras if norm(p)[:40] not in t]
                bad += _leaks(it, items, t)
            if bad:
                fails += 1
                print("FAIL", kind, it.id, bad[:4])
        rows.append((kind, pages, len(idx), fails))
        allfail += fails
    print(f"{'kind':<18} {'pages':>6} {'items':>6} {'failures':>9}")
    for kind, pages, n, fails in rows:
        print(f"{kind:<18} {pages:6d} {n:6d} {fails:9d}")
    return allfail, rows


def check(
    items: list[dict[str, Any]], out: Path, kinds: tuple[str, ...] = KINDS
) -> tuple[int, list[tuple[str, int, int, int]]]:
    """Read back the WARCs render() wrote into out and check each item's detail page: its
    title and every paragraph (the first 40 characters) present, no other item's text.
    Print a line per failing item and a table per kind; return the number of failing
    items and the table's rows (kind, pages, items, failures)."""
    return _check(make_items(list(enumerate(items))), out, kinds)


def main() -> None:
    ap = argparse.ArgumentParser()
    here = Path(__file__).absolute().parent
    ap.add_argument("--gold", type=Path, default=here / "cases" / "gold-dev.jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-check", action="store_true")
    a = ap.parse_args()
    items = load(a.gold)
    _render(items, a.out, KINDS)
    if not a.no_check:
        n, _ = _check(items, a.out, KINDS)
        sys.exit(1 if n else 0)


if __name__ == "__main__":
    main()
