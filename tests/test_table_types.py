"""The files say what the schemas and the data dictionary say; query shows NULL as empty."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import cli
from pipeline.archive.ledger import Ledger
from pipeline.config import LEDGER_NAME, Settings
from pipeline.errors import ArchiveError
from pipeline.records import Capture, Failure, parse_timestamp
from pipeline.run import fetch_failures
from pipeline.tables import SCHEMAS, data_dictionary, record_rows, write_table


def test_every_files_columns_have_the_types_of_the_schema_and_the_dictionary(sample_tables):
    dictionary = data_dictionary()
    written = sorted(p.stem for p in sample_tables.glob("*.parquet"))
    assert set(written) == set(SCHEMAS)
    for name in written:
        found = pq.read_schema(sample_tables / f"{name}.parquet")
        assert found.names == SCHEMAS[name].names, name
        for column in found:
            assert column.type == SCHEMAS[name].field(column.name).type, (name, column.name)
            assert f"| `{column.name}` | {column.type} |" in dictionary
    assert "timestamp[ms, tz=UTC]" in dictionary and "timestamp[s" not in dictionary


def test_failures_timestamp_is_a_timestamp_like_every_other(tmp_path):
    ledger = Ledger(tmp_path / LEDGER_NAME)
    capture = Capture(
        "ru,iom,moscow)/", "20161105123000", "http://moscow.iom.int/", "text/html", 200, "ABC"
    )
    ledger.save_page("https://web.archive.org", "moscow.iom.int/*", [capture], None)
    ledger.mark_failed(capture, ArchiveError("cut short"))
    ledger.close()
    settings = Settings(raw_dir=tmp_path, out_dir=tmp_path / "out")
    decode_failure = Failure(
        stage="decode",
        url="http://a.org/",
        timestamp=parse_timestamp("20120101000000"),
        error_class="DecodeError",
        error="x",
    )
    rows = record_rows([*fetch_failures(settings), decode_failure])
    table = pq.read_table(write_table(tmp_path / "out", "failures", rows, "run"))
    assert table.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert sorted(table.column("timestamp").to_pylist()) == [
        datetime(2012, 1, 1, tzinfo=UTC),
        datetime(2016, 11, 5, 12, 30, tzinfo=UTC),
    ]


def test_query_shows_null_as_empty_and_keeps_whole_numbers_whole(sample_tables, capsys):
    sql = (
        "SELECT item_id, start_date, span_start FROM events "
        "WHERE start_date IS NULL ORDER BY item_id LIMIT 3"
    )
    assert cli.main(["query", "--out", str(sample_tables), sql]) == 0
    printed = capsys.readouterr().out
    assert not any(word in printed for word in ("NaN", "None", "<NA>", "NaT"))
    assert len(printed.strip().splitlines()) == 4
    dated = "SELECT span_start FROM events WHERE span_start IS NOT NULL LIMIT 5"
    assert cli.main(["query", "--out", str(sample_tables), dated]) == 0
    assert ".0" not in capsys.readouterr().out
    assert cli.main(["query", "--out", str(sample_tables), "SELECT 1 WHERE false"]) == 0
    assert "(no rows)" in capsys.readouterr().out
    assert cli.main(["query", "--out", str(sample_tables), "SELEC 1"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
