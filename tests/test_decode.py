from __future__ import annotations

import pytest

from pipeline.decode import choose_charset, declared_charsets, decode_payload

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
