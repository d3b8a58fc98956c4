from __future__ import annotations

import pytest

from pipeline import plausibility
from pipeline.decode import choose_charset, declared_charsets, decode_payload, normalize_charset

RUSSIAN = "Интеграционный тест для мигрантов. Международная организация по миграции."


def test_every_sample_page_decodes_with_its_real_encoding(expected_captures, sample_records):
    checked = 0
    for capture in expected_captures:
        encoding = capture.get("encoding")
        if capture["status"] != 200 or encoding not in ("windows-1251", "koi8-r", "utf-8"):
            continue
        stored = sample_records[(capture["url"], capture["timestamp"])]
        decoded = decode_payload(stored.payload, stored.content_type)
        assert decoded.charset_used == encoding, capture["url"]
        checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    "declared", [None, "iso-8859-1", "windows-1252", "windows-1251", "utf-8", "koi8-r"]
)
@pytest.mark.parametrize("real", ["windows-1251", "koi8-r", "utf-8"])
def test_bytes_overrule_a_wrong_declaration(declared, real):
    body = f"<html><body><p>{RUSSIAN}</p><p>IOM Moscow</p></body></html>".encode(real)
    content_type = f"text/html; charset={declared}" if declared else "text/html"
    decoded = decode_payload(body, content_type)
    assert RUSSIAN in decoded.text
    assert decoded.charset_used == real


def test_western_text_keeps_its_declared_code_page():
    body = "<p>Élève, garçon, Müller, São Paulo – «Ça va» €5</p>".encode("windows-1252")
    decoded = decode_payload(body, "text/html; charset=iso-8859-1")
    assert "Élève, garçon, Müller, São Paulo – «Ça va» €5" in decoded.text
    assert decoded.charset_declared == "iso-8859-1"


def test_declarations_are_read_from_header_and_meta():
    body = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    assert declared_charsets(body, "text/html; charset=ISO-8859-1") == (
        "iso-8859-1",
        "windows-1251",
    )


def test_bom_wins():
    body = "\ufeffпривет".encode("utf-8")
    assert decode_payload(body, "text/html; charset=windows-1251").text == "привет"


def test_ascii_needs_no_guessing():
    assert choose_charset(b"<p>plain</p>", ["windows-1251"]) == "utf-8"


LONGER_RUSSIAN = (
    "Международная организация по миграции провела в Москве семинар для представителей "
    "государств Центральной Азии. Участники обсудили вопросы трудовой миграции, защиты "
    "прав мигрантов и сотрудничества. Следующая встреча пройдёт в Казани."
)
# The labels a server or page declares -> what we decode with (Python knows no
# `x-mac-cyrillic`: the WHATWG encoding standard's label for MacCyrillic).
CYRILLIC_PAGES = {
    "windows-1251": "windows-1251",
    "koi8-r": "koi8-r",
    "ibm866": "ibm866",
    "x-mac-cyrillic": "mac-cyrillic",
    "iso-8859-5": "iso-8859-5",
}


@pytest.mark.parametrize("declared", [None, "correct", "iso-8859-1", "windows-1252"])
@pytest.mark.parametrize("label", sorted(CYRILLIC_PAGES))
def test_each_cyrillic_code_page_is_read_declared_or_not(label, declared):
    used = CYRILLIC_PAGES[label]
    body = f"<html><body><h1>Новости</h1><p>{LONGER_RUSSIAN}</p></body></html>".encode(used)
    charset = label if declared == "correct" else declared
    decoded = decode_payload(body, f"text/html; charset={charset}" if charset else "text/html")
    assert LONGER_RUSSIAN in decoded.text
    assert decoded.charset_used == used


def test_web_labels_python_does_not_know_are_read():
    assert normalize_charset("x-mac-cyrillic") == "mac-cyrillic"
    assert normalize_charset("dos-866") == "ibm866"
    assert normalize_charset("ISO-8859-1") == "windows-1252"
    assert normalize_charset("no-such-charset") is None


def test_a_correct_declaration_that_reads_plausibly_is_kept():
    # Kazakh in KZ-1048: windows-1251 reads the same bytes as Serbian letters, which no
    # detector or fallback should put in place of the declaration.
    kazakh = "Қазақстан Республикасы көші-қон саясаты туралы ақпарат. Ұлттық бағдарлама."
    body = f"<p>{kazakh}</p>".encode("kz1048")
    decoded = decode_payload(body, "text/html; charset=kz1048")
    assert decoded.charset_used == "kz1048" and kazakh in decoded.text


def test_a_plausible_declaration_is_not_overruled_without_a_clear_margin():
    # One odd word in a long windows-1251 page (a symbol glued to a letter) leaves the
    # declaration plausible; no other reading is better by a clear margin.
    text = LONGER_RUSSIAN + " Цена: 5¤ за билет."
    body = f"<p>{text}</p>".encode("windows-1251")
    assert choose_charset(body, ["windows-1251", None]) == "windows-1251"


@pytest.mark.parametrize(
    "english",
    [
        "The project, worth € 2 million, trained 40 officers.",
        "Cells grew to 5×10 in a week; fees were £3 … or less.",
        "IOM’s “Migration” report – 2016 — €5",
    ],
)
def test_undeclared_english_with_a_few_symbols_stays_as_written(english):
    decoded = decode_payload(f"<p>{english}</p>".encode("windows-1252"), "text/html")
    assert english in decoded.text
    assert decoded.charset_used == "windows-1252"


@pytest.mark.parametrize(
    ("text", "codec", "charset"),
    [
        ("Az árvíztűrő tükörfúrógép: erős, hűvös, főváros, műhely, tőle, lévő.", "cp1250", None),
        (
            "İstanbul şehrinde bir toplantı düzenlendi. Katılımcılar göç ve ılımlı "
            "politikaları tartıştı; ağır koşullar, çalışma, işçi, kışın ılık.",
            "cp1254",
            "windows-1254",
        ),
        (
            "Organizacja zorganizowała spotkanie w Łodzi: życiu, przyszłości, źródło, gęś.",
            "cp1250",
            "windows-1250",
        ),
        (
            "Organizacja zorganizowała spotkanie w Łodzi: życiu, przyszłości, źródło, gęś.",
            "iso8859_2",
            "iso-8859-2",
        ),
        ("Účastníci hovořili o práci; příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250", None),
    ],
)
def test_undeclared_central_european_and_turkish_pages_are_read_by_evidence(text, codec, charset):
    decoded = decode_payload(f"<p>{text}</p>".encode(codec), "text/html")
    assert text in decoded.text
    if charset:
        assert decoded.charset_used == charset


@pytest.mark.parametrize(
    "text",
    [
        "A organização das ações de migração não é simples; as informações estão aqui.",
        "Élève, garçon, Müller, São Paulo – «Ça va» cœur, déjà vu, naïve.",
        "¿Dónde está la organización? Año, niño, acción, migración en España.",
    ],
)
def test_undeclared_western_pages_stay_windows_1252(text):
    decoded = decode_payload(f"<p>{text}</p>".encode("windows-1252"), "text/html")
    assert text in decoded.text and decoded.charset_used == "windows-1252"


def test_box_drawing_and_symbols_where_words_should_be_count_against_a_reading():
    assert plausibility.penalty("─╒╗═ ╨┐╤Ç") > plausibility.penalty("привет мир")
    assert plausibility.penalty("п╢п╬я─п╬пЁп╣") >= 5
    assert plausibility.penalty("25°C, IOM®, №5, ©2016, 5×10") == 0


@pytest.mark.parametrize(
    "label", ["idna", "punycode", "undefined", "unicode_escape", "rot13", "base64", "utf-7"]
)
def test_a_codec_that_is_no_charset_is_no_declaration(label):
    body = f"<p>{LONGER_RUSSIAN}</p>".encode("windows-1251")
    decoded = decode_payload(body, f"text/html; charset={label}")
    assert LONGER_RUSSIAN in decoded.text and decoded.charset_used == "windows-1251"
