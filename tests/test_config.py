"""Settings from defaults, a TOML file and flags: each setting's good and bad values, a
value of the wrong TOML type a ConfigError naming its setting, paths relative to the file."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.config import DEFAULT_PATTERNS, Settings, load_settings, redact_url
from pipeline.errors import ConfigError

# A value of the wrong TOML type for each declared type (_CHECKS in config.py).
WRONG_TYPE = {
    "float": '"fast"',
    "int": "2.5",
    "str": "5",
    "str | None": "[1]",
    "Path": "5",
    "Path | None": "true",
    "tuple[str, ...]": "[1, 2]",
    "tuple[Path, ...]": '"one.warc.gz"',
}
# Settings that take a second type on purpose: `from = 2016`, one URL pattern as a
# string, `workers = "auto"`.
SECOND_TYPE = {"from_timestamp", "to_timestamp", "url_patterns", "workers"}
TYPED = [f for f in fields(Settings) if str(f.type) in WRONG_TYPE and f.name not in SECOND_TYPE]


def write_config(tmp_path: Path, text: str, name: str = "settings.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def from_toml(tmp_path: Path, line: str) -> Settings:
    return load_settings(write_config(tmp_path, f"[pipeline]\n{line}\n"))


def test_every_typed_setting_has_a_wrong_type_case():
    """A setting added with a new type must be added to WRONG_TYPE (or SECOND_TYPE)."""
    untyped = [
        f.name
        for f in fields(Settings)
        if str(f.type) not in WRONG_TYPE and f.name not in SECOND_TYPE
    ]
    assert untyped == []


@pytest.mark.parametrize("setting", TYPED, ids=lambda f: f.name)
def test_a_value_of_the_wrong_toml_type_names_the_setting(tmp_path, setting):
    with pytest.raises(ConfigError) as caught:
        from_toml(tmp_path, f"{setting.name} = {WRONG_TYPE[str(setting.type)]}")
    assert f"setting {setting.name} must be" in str(caught.value)


@pytest.mark.parametrize(
    ("line", "name", "expected"),
    [
        ('archive_url = "http://127.0.0.1:8080/"', "archive_url", "http://127.0.0.1:8080"),
        ('archive_url = "https://web.archive.org"', "archive_url", "https://web.archive.org"),
        ('url = "moscow.iom.int/*"', "url_patterns", ("moscow.iom.int/*",)),
        ('urls = ["a.org/*", "b.org/*"]', "url_patterns", ("a.org/*", "b.org/*")),
        ("from = 2016", "from_timestamp", "2016"),
        ('from = "20160131"', "from_timestamp", "20160131"),
        ('to = "2020"', "to_timestamp", "2020"),
        ("cdx_rate = 12", "cdx_rate", 12),
        ("cdx-rate = 12.5", "cdx_rate", 12.5),
        ("replay_rate = 100", "replay_rate", 100),
        ("concurrency = 4", "concurrency", 4),
        ("cdx_page_size = 50", "cdx_page_size", 50),
        ("max_cdx_pages = 3", "max_cdx_pages", 3),
        ("timeout = 5", "timeout", 5),
        ("deadline = 30.5", "deadline", 30.5),
        ("max_body_bytes = 1024", "max_body_bytes", 1024),
        ('contact = "me@example.org"', "contact", "me@example.org"),
        ("pause_on_429 = 0", "pause_on_429", 0),
        ("block_after_minutes = 1", "block_after_minutes", 1),
        ("retry_backoff = 0.5", "retry_backoff", 0.5),
        ("cooldown_minutes = 0", "cooldown_minutes", 0),
        ('skip_dirs = ["demo"]', "skip_dirs", ("demo",)),
        ("workers = 1", "workers", 1),
        ('workers = "1"', "workers", 1),
    ],
)
def test_good_values_are_read(tmp_path, line, name, expected):
    assert getattr(from_toml(tmp_path, line), name) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('archive_url = "ftp://example.org"', "archive URL must be http(s)"),
        ('archive_url = "http://127.0.0.1:notaport"', "archive URL does not parse"),
        ('from = "last-year"', "--from must be a timestamp prefix"),
        ('to = "20"', "--to must be a timestamp prefix"),
        ("urls = []", "at least one URL pattern"),
        ("cdx_rate = 0", "rates are requests per minute"),
        ("replay_rate = -1", "rates are requests per minute"),
        ("concurrency = 0", "concurrency must be at least 1"),
        ("timeout = 0", "setting timeout must be positive"),
        ("deadline = -5", "setting deadline must be positive"),
        ("max_body_bytes = 0", "setting max_body_bytes must be positive"),
        ("max_cdx_pages = 0", "setting max_cdx_pages must be positive"),
        ("cdx_page_size = 0", "setting cdx_page_size must be positive"),
        ('warc = ["nowhere.warc.gz"]', "no such file"),
        ('workers = "many"', "--workers takes a number or 'auto'"),
        ("workers = 0", "--workers must be at least 1"),
        ('organization_aliases = "no-aliases.csv"', "no-aliases.csv"),
        ("speed = 3", "unknown setting(s): speed"),
    ],
)
def test_bad_values_are_one_config_error(tmp_path, line, message):
    with pytest.raises(ConfigError) as caught:
        from_toml(tmp_path, line)
    assert message in str(caught.value)


def test_defaults_without_a_file():
    settings = load_settings()
    assert settings == Settings(archive_url="https://web.archive.org")
    assert settings.url_patterns == DEFAULT_PATTERNS


def test_flags_override_the_file_and_unset_flags_do_not(tmp_path):
    config = write_config(tmp_path, "[pipeline]\ncdx_rate = 12\nconcurrency = 3\n")
    settings = load_settings(config, cdx_rate=6.0, concurrency=None, url_patterns=())
    assert (settings.cdx_rate, settings.concurrency) == (6.0, 3)
    assert settings.url_patterns == DEFAULT_PATTERNS


def test_flag_values_are_checked_like_file_values():
    with pytest.raises(ConfigError) as caught:
        load_settings(timeout="60")
    assert "setting timeout must be a number" in str(caught.value)


def test_paths_in_a_file_are_relative_to_the_file(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "a.warc.gz").write_bytes(b"")
    config = write_config(
        folder, 'raw_dir = "raw"\nout = "tables"\nwarc = ["a.warc.gz"]\n', name="settings.toml"
    )
    settings = load_settings(config)
    assert settings.raw_dir == folder / "raw"
    assert settings.out_dir == folder / "tables"
    assert settings.warc_files == (folder / "a.warc.gz",)


def test_a_file_without_a_pipeline_table_is_read_whole(tmp_path):
    assert load_settings(write_config(tmp_path, "concurrency = 5\n")).concurrency == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[pipeline\n", "cannot read config file"),
        ("pipeline = 3\n", "[pipeline] must be a table"),
    ],
)
def test_an_unreadable_file_is_one_config_error(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_settings(write_config(tmp_path, text))
    assert message in str(caught.value)


def test_a_missing_file_is_one_config_error(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "nowhere.toml")
    assert "cannot read config file" in str(caught.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:secret@archive.example/wayback", "https://archive.example/wayback"),
        ("https://user@archive.example", "https://archive.example"),
        ("https://archive.example:8443/x?q=1", "https://archive.example:8443/x?q=1"),
        ("http://[::1", "(a URL that does not parse)"),
    ],
)
def test_redacted_urls_hold_no_credentials(url, shown):
    assert redact_url(url) == shown


def test_settings_are_written_down_without_credentials():
    settings = Settings(archive_url="https://user:secret@archive.example")
    assert "secret" not in json.dumps(str(settings.redacted()))
    assert settings.redacted().archive_url == "https://archive.example"


@pytest.mark.parametrize(("contact", "tail"), [("", "reader)"), ("me@x.org", "reader; me@x.org)")])
def test_the_user_agent_names_the_contact(contact, tail):
    agent = Settings(contact=contact).user_agent
    assert agent.startswith("iom-pipeline/") and agent.endswith(tail)
