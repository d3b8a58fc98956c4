"""`iom-pipeline query "SQL"`: DuckDB over the Parquet tables, one view per table."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.tables import SCHEMAS


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view named after each table present in out_dir."""
    db = duckdb.connect()
    for name in SCHEMAS:
        path = out_dir / f"{name}.parquet"
        if path.exists():
            quoted = str(path).replace("'", "''")
            db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{quoted}')")
    return db


def query_command(out_dir: Path, sql: str, csv: Path | None) -> int:
    try:
        result = connect(out_dir).execute(sql).fetch_df()
    except duckdb.Error as exc:
        print(f"iom-pipeline: {exc}", file=sys.stderr)
        return 1
    if csv is not None:
        result.to_csv(csv, index=False)
        print(f"{len(result)} rows written to {csv}")
    else:
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            print(result.to_string(index=False))
    return 0
