"""One settings object, from defaults, a TOML file and command-line flags, validated once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pipeline.errors import ConfigError

DEFAULT_PATTERNS = ("moscow.iom.int/*", "russia.iom.int/*")
# The raw folder's layout: what fetching writes and extraction, verify and status read.
# Here rather than beside the fetching code, so that reading it imports no HTTP client.
LEDGER_NAME = "ledger.sqlite"
WARC_FOLDER = "warcs"
_TIMESTAMP_PREFIX = re.compile(r"^\d{4,14}$")


@dataclass(frozen=True)
class Settings:
    archive_url: str = "https://web.archive.org"
    raw_dir: Path = Path("raw")
    out_dir: Path = Path("processed")
    url_patterns: tuple[str, ...] = DEFAULT_PATTERNS
    from_timestamp: str | None = None
    to_timestamp: str | None = None
    warc_files: tuple[Path, ...] = ()
    # Subfolders of the raw folder that extract leaves alone.
    skip_dirs: tuple[str, ...] = ("sample", "demo")
    # 80 % of what the Wayback Machine tolerates: CDX ~30/min, replay ~600/min.
    cdx_rate: float = 24.0
    replay_rate: float = 480.0
    concurrency: int = 2
    cdx_page_size: int = 5000
    # Pages one CDX query may take in a run; the ledger keeps its resume key, so the next
    # run goes on from there.
    max_cdx_pages: int = 1000
    timeout: float = 60.0  # seconds a connection or one read may wait
    deadline: float = 300.0  # seconds a whole request may take, its body included
    max_body_bytes: int = 50 * 1024 * 1024  # CDX and replay bodies, decoded
    contact: str = ""
    # The Wayback Machine's 429s rarely carry Retry-After; a minute is what it asks for.
    pause_on_429: float = 60.0
    # 429s still coming this long after their pauses (doubling from pause_on_429) are a block.
    block_after_minutes: float = 5.0
    retry_backoff: float = 2.0  # seconds before the first retry; doubles after each
    # After a block the Wayback Machine refuses connections for an hour, doubling on repeat.
    cooldown_minutes: float = 60.0
    # A researcher's own organization aliases (CSV: alias,name), read before the shipped
    # table pipeline/data/organizations.csv.
    organization_aliases: Path | None = None
    # A researcher's corrections of the field tables (CSV: item_id,table,action,field,
    # value,note), applied whenever the tables are built (corrections.py).
    corrections: Path | None = None
    # Where extraction's tasks run (parallel.py): local worker processes ("auto" in a
    # config file or --workers: one per core), or an existing Dask scheduler's address.
    workers: int = 1
    scheduler: str | None = None

    def redacted(self) -> Settings:
        """These settings as they may be written down: no credentials in the archive URL."""
        return replace(self, archive_url=redact_url(self.archive_url))

    @property
    def user_agent(self) -> str:
        from pipeline import __version__

        contact = f"; {self.contact}" if self.contact else ""
        return f"iom-pipeline/{__version__} (research archive reader{contact})"


_KEY_ALIASES = {
    "url": "url_patterns",
    "urls": "url_patterns",
    "out": "out_dir",
    "from": "from_timestamp",
    "to": "to_timestamp",
    "warc": "warc_files",
}


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then flags that were given (None means not given)."""
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(_read_toml(config_file))
    values.update({k: v for k, v in overrides.items() if v is not None and v != ()})
    return validate(_coerce(values))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    table = data.get("pipeline", data)
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: [pipeline] must be a table of settings")
    base = path.parent
    resolved = _check_types(
        {_KEY_ALIASES.get(k.replace("-", "_"), k.replace("-", "_")): v for k, v in table.items()}
    )
    # Paths in a config file are relative to the file, so a config can travel with its data.
    for key in ("raw_dir", "out_dir", "organization_aliases", "corrections"):
        if key in resolved:
            resolved[key] = base / resolved[key]
    if "warc_files" in resolved:
        resolved["warc_files"] = [base / p for p in resolved["warc_files"]]
    return resolved


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_path(value: Any) -> bool:
    return isinstance(value, str | Path)


def _is_list_of(check):
    return lambda value: isinstance(value, list | tuple) and all(check(v) for v in value)


# What a value read from a config file may be, by the type its setting is declared with
# (the annotations are strings under `from __future__ import annotations`). A setting of
# another type is not checked here.
_CHECKS: dict[str, tuple[str, Any]] = {
    "float": ("a number", _is_number),
    "int": ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "str": ("a string", lambda v: isinstance(v, str)),
    "str | None": ("a string", lambda v: isinstance(v, str)),
    "Path": ("a path (a string)", _is_path),
    "Path | None": ("a path (a string)", _is_path),
    "tuple[str, ...]": ("a list of strings", _is_list_of(lambda v: isinstance(v, str))),
    "tuple[Path, ...]": ("a list of paths (strings)", _is_list_of(_is_path)),
}


def _check_types(values: dict[str, Any]) -> dict[str, Any]:
    """Each value of the right type, or a ConfigError naming the setting: `timeout = "60"`
    once failed deep inside a request, `cdx_rate = "fast"` in a comparison."""
    declared = {f.name: f.type for f in fields(Settings)}
    checked = dict(values)
    for name, value in values.items():
        kind = declared.get(name)
        if kind is None:
            continue  # unknown: _coerce names it
        if name in ("from_timestamp", "to_timestamp") and isinstance(value, int):
            checked[name] = str(value)  # `from = 2016` in TOML is a number
            continue
        if name == "url_patterns" and isinstance(value, str):
            continue  # one pattern
        if name == "workers" and isinstance(value, str):
            continue  # `workers = "auto"` or `--workers 2`: parse_workers reads it
        expected = _CHECKS.get(str(kind))
        if expected is not None and not expected[1](value):
            raise ConfigError(f"setting {name} must be {expected[0]}, got {value!r}: fix it")
    return checked


def _coerce(values: dict[str, Any]) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = set(values) - known
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    converted = _check_types(values)
    for key in ("raw_dir", "out_dir", "organization_aliases", "corrections"):
        if key in converted:
            converted[key] = Path(converted[key])
    if "warc_files" in converted:
        converted["warc_files"] = tuple(Path(p) for p in converted["warc_files"])
    if "workers" in converted:
        from pipeline.parallel import parse_workers

        converted["workers"] = parse_workers(converted["workers"])
    if "skip_dirs" in converted:
        converted["skip_dirs"] = tuple(converted["skip_dirs"])
    if "url_patterns" in converted:
        patterns = converted["url_patterns"]
        converted["url_patterns"] = (patterns,) if isinstance(patterns, str) else tuple(patterns)
    return replace(Settings(), **converted)


def redact_url(url: str) -> str:
    """A URL without the user name and password it may hold."""
    try:
        parts = urlsplit(url)
        if parts.username is None and parts.password is None:
            return url
        host = parts.netloc.rsplit("@", 1)[-1]
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    except ValueError:
        return "(a URL that does not parse)"


def validate(settings: Settings) -> Settings:
    if not settings.archive_url.startswith(("http://", "https://")):
        raise ConfigError(f"archive URL must be http(s): {redact_url(settings.archive_url)!r}")
    try:
        _ = urlsplit(settings.archive_url).port
    except ValueError as exc:
        raise ConfigError(
            f"archive URL does not parse ({exc}): {redact_url(settings.archive_url)!r}"
        ) from exc
    for name in ("from_timestamp", "to_timestamp"):
        value = getattr(settings, name)
        if value is not None and not _TIMESTAMP_PREFIX.match(str(value)):
            raise ConfigError(
                f"--{name.split('_')[0]} must be a timestamp prefix like 2016 "
                f"or 20160131, got {value!r}"
            )
    if not settings.url_patterns:
        raise ConfigError("at least one URL pattern is needed")
    for rate in (settings.cdx_rate, settings.replay_rate):
        if rate <= 0:
            raise ConfigError("rates are requests per minute and must be positive")
    if settings.concurrency < 1:
        raise ConfigError("concurrency must be at least 1")
    for name in ("timeout", "deadline", "max_body_bytes", "max_cdx_pages", "cdx_page_size"):
        if getattr(settings, name) <= 0:
            raise ConfigError(f"setting {name} must be positive, got {getattr(settings, name)!r}")
    for path in settings.warc_files:
        if not path.is_file():
            raise ConfigError(f"--warc {path}: no such file (check the path)")
    from pipeline.parallel import Execution, check_available  # its task and WARC readers

    check_available(Execution(settings.workers, settings.scheduler))
    # A bad file fails here, in one line, rather than after the WARC files were read. The
    # readers come with the field layer: imported only when there is a file to read.
    if settings.organization_aliases is not None:
        from pipeline.fields.aliases import read_aliases

        read_aliases(settings.organization_aliases)
    if settings.corrections is not None:
        from pipeline.corrections import read_corrections

        read_corrections(settings.corrections)
    return replace(settings, archive_url=settings.archive_url.rstrip("/"))
