from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import cli

from .conftest import sample_counts

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_help_and_is_documented(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    for option in (
        "--archive-url",
        "--raw-dir",
        "--out",
        "--url",
        "--from",
        "--to",
        "--config",
        "--cdx-rate",
        "--replay-rate",
        "--concurrency",
    ):
        assert option in help_text
        assert f"`{option}" in README, f"{option} is not in the README"
    assert f"| `{command}` |" in README


def test_bad_settings_fail_with_a_clear_message(tmp_path, capsys):
    assert cli.main(["extract", "--from", "last-year", "--raw-dir", str(tmp_path)]) == 1
    assert "--from must be a timestamp prefix" in capsys.readouterr().err


def test_a_missing_alias_file_is_one_line_and_exit_1(tmp_path, capsys):
    config = tmp_path / "settings.toml"
    config.write_text('[pipeline]\norganization_aliases = "mine.csv"\n', encoding="utf-8")
    assert cli.main(["extract", "--config", str(config), "--raw-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "organization_aliases" in err and "mine.csv" in err


def test_a_researchers_aliases_name_the_organizations(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    sample = Path(__file__).resolve().parent.parent / "raw" / "sample"
    (raw / "offices.warc.gz").write_bytes((sample / "iom-offices-sample.warc.gz").read_bytes())
    (tmp_path / "mine.csv").write_text("alias,name\nIOM,IOM (any office)\n", encoding="utf-8")
    config = tmp_path / "settings.toml"
    config.write_text(
        '[pipeline]\nraw_dir = "raw"\nout_dir = "out"\norganization_aliases = "mine.csv"\n',
        encoding="utf-8",
    )
    assert cli.main(["extract", "--config", str(config), "--quiet"]) == 0
    names = pq.read_table(tmp_path / "out" / "organizers.parquet").column("name_normalized")
    assert "IOM (any office)" in names.to_pylist()
    assert "IOM" not in names.to_pylist()


def test_a_config_file_holds_the_same_settings(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    sample = Path(__file__).resolve().parent.parent / "raw" / "sample"
    (tmp_path / "raw" / "a.warc.gz").write_bytes(
        (sample / "iom-offices-sample.warc.gz").read_bytes()
    )
    config = tmp_path / "settings.toml"
    config.write_text('[pipeline]\nraw_dir = "raw"\nout_dir = "tables"\n', encoding="utf-8")
    assert cli.main(["extract", "--config", str(config), "--quiet"]) == 0
    assert (tmp_path / "tables" / "items.parquet").exists()


def test_extract_reads_warc_files_given_on_the_command_line(tmp_path, capsys):
    sample = Path(__file__).resolve().parent.parent / "raw" / "sample" / "iom-sample.warc.gz"
    assert (
        cli.main(
            [
                "extract",
                "--raw-dir",
                str(tmp_path / "empty"),
                "--out",
                str(tmp_path / "out"),
                "--warc",
                str(sample),
                "--quiet",
            ]
        )
        == 0
    )
    captures = sample_counts("iom-sample.warc.gz")["captures"]
    assert f'"captures": {captures}' in capsys.readouterr().out


def test_an_unreadable_warc_is_recorded_and_the_rest_extracted(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    sample = Path(__file__).resolve().parent.parent / "raw" / "sample" / "iom-sample.warc.gz"
    (raw / "good.warc.gz").write_bytes(sample.read_bytes())
    (raw / "broken.warc.gz").write_bytes(sample.read_bytes()[:30000] + b"\x00" * 100)
    code = cli.main(["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out"), "--quiet"])
    out = capsys.readouterr().out
    assert code == 3  # partial: one file could not be read whole
    assert '"extract_failures": 1' in out
    assert f'"captures": {sample_counts("iom-sample.warc.gz")["captures"]}' in out


def test_progress_bars_only_on_a_terminal(capsys):
    from pipeline.cli import ProgressBars

    silent = ProgressBars(enabled=False)
    silent.update("fetch", 1, 10)
    assert silent.bars == {} and capsys.readouterr().err == ""
    shown = ProgressBars(enabled=True)
    shown.update("fetch", 3, 10)
    shown.close()
    assert "fetch" in capsys.readouterr().err


def test_extract_leaves_the_bundled_sample_out_of_a_real_collection(tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "sample").mkdir(parents=True)
    sample = Path(__file__).resolve().parent.parent / "raw" / "sample" / "iom-sample.warc.gz"
    (raw / "sample" / "iom-sample.warc.gz").write_bytes(sample.read_bytes())
    code = cli.main(["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.strip()
    # Nothing else to read: no tables made of nothing, and the message says where it looked.
    assert code == 1 and len(err.splitlines()) == 1
    assert f"no WARC files under {raw}" in err and f"{raw / 'sample'}/" in err
    assert not (tmp_path / "out" / "captures.parquet").exists()


def test_a_missing_warc_path_is_one_line_and_creates_nothing(tmp_path, capsys):
    raw = tmp_path / "raw"
    args = ["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out")]
    assert cli.main([*args, "--warc", str(tmp_path / "nowhere.warc.gz")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nowhere.warc.gz: no such file" in err
    assert list(tmp_path.iterdir()) == []


def test_extract_over_an_arc_a_truncated_and_a_good_warc_keeps_every_readable_record(
    tmp_path, capsys
):
    bad = Path(__file__).parent / "fixtures" / "bad"
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("old-collection.arc", "truncated.warc.gz", "good.warc.gz"):
        (raw / name).write_bytes((bad / name).read_bytes())
    out = tmp_path / "out"
    code = cli.main(["extract", "--raw-dir", str(raw), "--out", str(out), "--quiet"])
    out_text = capsys.readouterr().out
    assert code == 3  # partial: the undated ARC record and the cut WARC record failed
    captures = pq.read_table(out / "captures.parquet").to_pylist()
    assert sorted((c["warc_file"], c["url"].rsplit("/", 1)[1]) for c in captures) == [
        ("good.warc.gz", "a.html"),
        ("good.warc.gz", "b.html"),
        ("good.warc.gz", "c.html"),
        ("old-collection.arc", "koi8.html"),
        ("old-collection.arc", "news.html"),
        ("old-collection.arc", "seminar.html"),
        ("truncated.warc.gz", "t1.html"),
        ("truncated.warc.gz", "t2.html"),
    ]
    arc_dates = {c["url"]: c["timestamp"].year for c in captures if "iom.ru" in c["url"]}
    assert set(arc_dates.values()) == {2004}
    failures = pq.read_table(out / "failures.parquet").to_pylist()
    failed = sorted((f["url"], f["error"]) for f in failures)
    assert [url for url, _ in failed] == ["old-collection.arc", "truncated.warc.gz"]
    assert "no capture date" in failed[0][1] and "cut short" in failed[1][1]
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    seminar = next(d for d in documents if d["url"].endswith("seminar.html"))
    assert "Международной организации по миграции" in seminar["text"]
    mojibake = next(d for d in documents if d["url"].endswith("c.html"))
    assert "Семинар в Москве. Участники из Казани" in mojibake["text"]
    assert mojibake["repairs"] == ["utf8-as-cp1251", "utf8-as-koi8r"]
    assert '"utf8-as-koi8r": 1' in out_text and '"utf8-as-cp1251": 1' in out_text
