"""`iom-pipeline query "SQL"`: DuckDB over the Parquet tables, one view per table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.errors import ConfigError
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


def run_query(out_dir: Path, sql: str) -> pd.DataFrame:
    """The result with the tables' own types: through Arrow, so a NULL stays missing
    (pandas' own conversion makes a whole number column with a NULL floats and NaN)."""
    relation = connect(out_dir).sql(sql)
    if relation is None:  # a statement without a result
        return pd.DataFrame()
    table = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def shown(result: pd.DataFrame) -> str:
    """The result as a text table, NULL shown as nothing (not NaN, None or <NA>)."""
    if result.empty:
        return "  ".join(map(str, result.columns)) + "\n(no rows)"
    cells = result.astype(object).where(result.notna(), "")
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        return cells.to_string(index=False)


def answer(out_dir: Path, sql: str, csv: Path | None) -> str:
    """What `iom-pipeline query` shows: the result as a text table, or where its CSV went.
    A ConfigError says in one line why there is none (no tables, bad SQL, no folder)."""
    problem = _before_running(out_dir, sql, csv)
    if problem:
        raise ConfigError(problem)
    try:
        result = run_query(out_dir, sql)
    except duckdb.Error as exc:
        # DuckDB's message goes on to quote the SQL on more lines: its first says what.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(first) from exc
    if csv is None:
        return shown(result)
    try:
        result.to_csv(csv, index=False)  # NULL is an empty field
    except OSError as exc:
        raise ConfigError(f"cannot write {csv}: {exc.strerror or exc}") from exc
    return f"{len(result)} rows written to {csv}"


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
