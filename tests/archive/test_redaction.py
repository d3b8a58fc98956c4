"""Credentials in the archive URL are sent as HTTP authentication and written nowhere."""

from __future__ import annotations

import base64
import gzip

from pipeline import cli
from pipeline.config import redact_url
from tests.archive.support import (
    assert_every_capture_stored_once_and_verified,
    config,
)
from tests.servers.wayback import Faults

USER, PASSWORD = "researcher", "s3cret-pass"


def test_credentials_reach_the_archive_and_no_file_or_log(server, tmp_path, capsys):
    server.faults = Faults(replay_once="503")  # retries and warnings get logged too
    archive = server.base.replace("http://", f"http://{USER}:{PASSWORD}@")
    args = [
        "run",
        "--config",
        str(config(tmp_path)),
        "--archive-url",
        archive,
        "--url",
        "moscow.iom.int/old/*",
        "--raw-dir",
        str(tmp_path / "raw"),
        "--out",
        str(tmp_path / "out"),
    ]
    assert cli.main(args) == 0
    assert cli.main([*args[:1], "--log-json", *args[1:]]) == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    expected = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    assert server.log.authorizations == {f"Basic {expected}"}
    output = capsys.readouterr()
    assert "INFO" in output.err  # the logs were written, at INFO
    for text in (output.out, output.err):
        assert PASSWORD not in text and USER not in text
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "settings.toml"]
    assert any(p.suffix == ".parquet" for p in files) and any(".warc" in p.name for p in files)
    for path in files:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        assert PASSWORD.encode() not in data, path
        assert USER.encode() not in data, path


def test_redaction_keeps_everything_but_the_credentials():
    assert redact_url("https://u:p@host:8080/iom?x=1") == "https://host:8080/iom?x=1"
    assert redact_url("https://host/iom") == "https://host/iom"
