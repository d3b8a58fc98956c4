"""The review site's pages as text: escaping, overlapping highlights, the files written."""

from __future__ import annotations

import html
import json
import re
import shutil

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline.corrections import correction_line
from pipeline.review import ItemView, highlight, render_item
from pipeline.tables import GENERATION_TABLES, current_tables

from .conftest import SAMPLE

HEADER = "item_id,table,action,field,value,note\n"


def extract(out, corrections):
    args = ["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--quiet"]
    return cli.main([*args, "--corrections", str(corrections)])


def test_highlights_escape_the_text_and_mark_overlaps_with_both_fields():
    text = "<b>IOM</b> & the Moscow State University"
    spans = [(17, 41, "place", "place: MSU"), (17, 23, "organizer", "organizer: <x>")]
    shown = highlight(text, spans)
    assert shown.startswith("&lt;b&gt;IOM&lt;/b&gt; &amp; the ")
    assert (
        '<mark class="hl organizer place" title="place: MSU; organizer: &lt;x&gt;">Moscow' in shown
    )
    assert '<mark class="hl place" title="place: MSU"> State University</mark>' in shown
    # A span running past the text is cut at its end; no character is lost or doubled.
    clipped = highlight(text, [(30, 99, "place", "bad span")])
    assert re.sub(r"<[^>]+>", "", clipped) == html.escape(text)


def test_review_writes_an_index_and_a_page_per_item(sample_tables, capsys):
    assert cli.main(["review", "--out", str(sample_tables)]) == 0
    assert "review pages of" in capsys.readouterr().out
    site = sample_tables / "review"
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = list((site / "items").glob("*.html"))
    assert len(pages) == index.count('<a href="items/') > 100
    assert (site / "review.css").exists() and (site / "review.js").exists()
    assert "http" not in (site / "review.js").read_text() + (site / "review.css").read_text()
    assert "<script src=" in index and "//" not in index.split("<script src=")[1][:20]


def test_review_without_tables_is_one_line_and_exit_1(tmp_path, capsys):
    assert cli.main(["review", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `iom-pipeline extract` first" in err


def test_an_item_page_links_only_web_addresses():
    item = {
        "item_id": "a",
        "title": "<script>x</script>",
        "text": "<script>x</script>\n\nBody",
        "url": "javascript:alert(1)",
        "office": "o",
        "lang": "en",
        "n_captures": 0,
        "first_seen": None,
        "last_seen": None,
    }
    page = render_item(
        ItemView(
            item,
            {"event_type": "other"},
            {t: [] for t in ("events", "organizers", "participants", "places")},
            [],
        )
    )
    assert 'href="javascript' not in page and "<script>x" not in page
    assert "<code>javascript:alert(1)</code>" in page


OLDER = "tables from an older pipeline: run `iom-pipeline extract --rebuild`"
NEWER = "tables from a newer pipeline (schema version 4, this one reads 3): update iom-pipeline"


@pytest.mark.parametrize(
    ("table", "version", "dropped", "said"),
    [
        ("items", "2", ["office"], OLDER),  # before items.office
        ("items", None, ["office"], OLDER),  # before tables carried a version
        ("item_captures", "2", [], OLDER),  # same columns, old units
        ("items", "4", [], NEWER),
    ],
)
@pytest.mark.parametrize("command", ["review", "cite"])
def test_tables_of_another_schema_version_are_one_line_and_exit_1(
    sample_tables, tmp_path, capsys, table, version, dropped, said, command
):
    out = tmp_path / "out"
    out.mkdir()
    for name in GENERATION_TABLES:  # a folder of plain files, as before generations
        shutil.copyfile(current_tables(sample_tables) / f"{name}.parquet", out / f"{name}.parquet")
    old = pq.read_table(out / f"{table}.parquet").drop_columns(dropped)
    metadata = {} if version is None else {"schema_version": version, "table": table}
    pq.write_table(old.replace_schema_metadata(metadata), out / f"{table}.parquet")
    item = pq.read_table(out / "items.parquet").column("item_id")[0].as_py()
    args = {"review": ["review"], "cite": ["cite", item]}[command]
    assert cli.main([*args, "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"iom-pipeline: {said}\n" and captured.out == ""
    assert not (out / "review").exists()


def value_lines(page: str, value: str) -> list[str]:
    """The correction lines the page offers for the value shown as `value`."""
    for row in re.findall(r'<tr class="value .*?</tr>', page, re.S):
        if f"<td>{html.escape(value)}</td>" in row:
            block = re.search(r'<pre class="correction">(.*?)</pre>', row, re.S).group(1)
            return html.unescape(block).splitlines()
    raise AssertionError(f"no value {value!r} on the page")


def test_a_value_without_a_span_is_changed_by_the_lines_its_page_gives(
    sample_tables, tmp_path, capsys
):
    item = next(i for i in pq.read_table(sample_tables / "items.parquet").to_pylist())
    # (table, column, a value the text does not hold, what the researcher changes it to)
    cases = [
        ("organizers", "name", "Imaginary Foundation of Nowhere", "Real Foundation"),
        ("places", "name", "Atlantis Hall", "Real Hall"),
        ("participants", "count", "987654", "123456"),
    ]
    assert all(old not in item["text"] for _t, _c, old, _n in cases)
    corrections = tmp_path / "corrections.csv"
    added = [correction_line(item["item_id"], t, "add", c, old) for t, c, old, _n in cases]
    corrections.write_text(HEADER + "\n".join(added) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert extract(out, corrections) == 0
    assert cli.main(["review", "--out", str(out)]) == 0
    page = (out / "review" / "items" / f"{item['item_id']}.html").read_text(encoding="utf-8")

    pasted = []
    for _table, _column, old, new in cases:
        lines = value_lines(page, old)
        # The researcher edits the value of the line that changes it, and pastes them.
        changing = next(i for i, line in enumerate(lines) if ",remove," not in line)
        lines[changing] = lines[changing].removesuffix(f",{old},") + f",{new},"
        pasted += lines
    corrections.write_text(HEADER + "\n".join(added + pasted) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert extract(out, corrections) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["corrections_orphaned"] == 0
    for table, column, old, new in cases:
        mine = [
            r
            for r in pq.read_table(out / f"{table}.parquet").to_pylist()
            if r["item_id"] == item["item_id"]
        ]
        assert old not in [str(r[column]) for r in mine], table
        assert [str(r[column]) for r in mine if r["source"] == "corrected"] == [new], table
