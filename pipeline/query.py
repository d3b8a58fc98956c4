"""`iom-pipeline query "SQL"`: DuckDB over the Parquet tables, one view per table."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.tables import SCHEMAS, current_tables


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view named after each table present in out_dir: the
    tables of the current generation, resolved once, so all views show one run's tables
    even while another run makes its own current."""
    db = duckdb.connect()
    folder = current_tables(out_dir)
    for name in SCHEMAS:
        path = (out_dir if name == "runs" else folder) / f"{name}.parquet"
        if path.exists():
            quoted = str(path).replace("'", "''")
            db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{quoted}')")
    return db


def query_command(out_dir: Path, sql: str, csv: Path | None) -> int:
    problem = _before_running(out_dir, sql, csv)
    if problem:
        print(f"iom-pipeline: {problem}", file=sys.stderr)
        return 1
    try:
        result = connect(out_dir).execute(sql).fetch_df()
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"iom-pipeline: {first}", file=sys.stderr)
        return 1
    if csv is not None:
        try:
            result.to_csv(csv, index=False)
        except OSError as exc:
            print(f"iom-pipeline: cannot write {csv}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{len(result)} rows written to {csv}")
    else:
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            print(result.to_string(index=False))
    return 0


def _before_running(out_dir: Path, sql: str, csv: Path | None) -> str | None:
    """What makes the query pointless before DuckDB sees it, said in one line."""
    if not sql.strip():
        return 'the SQL is empty: give a query, e.g. "SELECT count(*) FROM items"'
    if not (current_tables(out_dir) / "items.parquet").exists():
        return (
            f"there are no tables in {out_dir} yet: run `iom-pipeline extract` first "
            "(or give --out the folder holding them)"
        )
    if csv is not None and not csv.parent.is_dir():
        return f"cannot write {csv}: the folder {csv.parent} does not exist"
    return None
