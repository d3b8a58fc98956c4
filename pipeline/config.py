"""One settings object, from defaults, a TOML file and command-line flags, validated once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.fields.aliases import read_aliases

DEFAULT_PATTERNS = ("moscow.iom.int/*", "russia.iom.int/*")
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
    timeout: float = 60.0
    max_body_bytes: int = 50 * 1024 * 1024
    contact: str = ""
    # The Wayback Machine's 429s rarely carry Retry-After; a minute is what it asks for.
    pause_on_429: float = 60.0
    retry_backoff: float = 2.0  # seconds before the first retry; doubles after each
    # After a block the Wayback Machine refuses connections for an hour, doubling on repeat.
    cooldown_minutes: float = 60.0
    # A researcher's own organization aliases (CSV: alias,name), read before the shipped
    # table pipeline/data/organizations.csv.
    organization_aliases: Path | None = None

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
    for key in ("raw_dir", "out_dir", "organization_aliases"):
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
    for key in ("raw_dir", "out_dir", "organization_aliases"):
        if key in converted:
            converted[key] = Path(converted[key])
    if "warc_files" in converted:
        converted["warc_files"] = tuple(Path(p) for p in converted["warc_files"])
    if "skip_dirs" in converted:
        converted["skip_dirs"] = tuple(converted["skip_dirs"])
    if "url_patterns" in converted:
        patterns = converted["url_patterns"]
        converted["url_patterns"] = (patterns,) if isinstance(patterns, str) else tuple(patterns)
    return replace(Settings(), **converted)


def validate(settings: Settings) -> Settings:
    if not settings.archive_url.startswith(("http://", "https://")):
        raise ConfigError(f"archive URL must be http(s): {settings.archive_url!r}")
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
    for name in ("timeout", "max_body_bytes", "cdx_page_size"):
        if getattr(settings, name) <= 0:
            raise ConfigError(f"setting {name} must be positive, got {getattr(settings, name)!r}")
    for path in settings.warc_files:
        if not path.is_file():
            raise ConfigError(f"--warc {path}: no such file (check the path)")
    if settings.organization_aliases is not None:
        read_aliases(settings.organization_aliases)  # a bad file fails here, in one line
    return replace(settings, archive_url=settings.archive_url.rstrip("/"))
