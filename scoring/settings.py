"""Configuration in one place: every setting declared once with a default and a help text.

Values come from the environment (``JURYDESK_<NAME>``), then an optional mapping (the app
passes ``st.secrets["jurydesk"]`` when present), then the defaults below. No other module
reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from scoring.errors import InvalidInput


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    """Every knob of an installation. Campaign rules live in the database, not here."""

    data_dir: Path = _setting(
        Path("data"), "Folder holding the DuckDB file, stored media and the cookie key."
    )
    language: str = _setting("zh", "Language of the command line and of a new session: zh or en.")
    bcrypt_rounds: int = _setting(12, "bcrypt cost factor for new password hashes (4–16).")
    cookie_name: str = _setting("jurydesk_auth", "Name of the browser cookie that keeps a login.")
    cookie_expiry_days: float = _setting(7.0, "Days a login cookie stays valid.")
    login_max_failures: int = _setting(5, "Failed logins for one name that lock it.")
    login_window_minutes: int = _setting(15, "Window in which those failures must fall.")
    login_lock_minutes: int = _setting(15, "How long a locked name stays locked.")
    seed_demo_when_empty: bool = _setting(
        True, "Seed the demo campaign when the app starts on an empty data folder."
    )
    timezone: str = _setting("Asia/Shanghai", "Time zone for showing and reading times.")
    background_previews: bool = _setting(
        True,
        "Make previews and posters, and measure media hints, in background threads of the"
        " app process.",
    )
    media_url_ttl_minutes: int = _setting(
        120, "How long a signed video URL works after the page that issued it was shown."
    )
    nightly_backup_hour: int = _setting(
        2, "Local hour (0–23) after which the running app makes the day's backup; -1: never."
    )
    backups_kept: int = _setting(14, "How many nightly backups to keep (older ones removed).")
    upload_limit_mb: int = _setting(
        200,
        "Largest file a browser upload accepts, in MB (1–200: Streamlit holds uploads in"
        " memory); larger videos use the CLI.",
    )

    @property
    def database_path(self) -> Path:
        """Path of the DuckDB file inside the data folder."""
        return self.data_dir / "jurydesk.duckdb"

    @property
    def media_dir(self) -> Path:
        """Folder of stored media (originals, previews, posters), named by sha256."""
        return self.data_dir / "media"

    @property
    def cookie_key_path(self) -> Path:
        """File holding the random cookie-signing key (mode 0600)."""
        return self.data_dir / "cookie.key"

    def with_data_dir(self, data_dir: Path | str) -> Settings:
        """Return a copy that uses another data folder."""
        return replace(self, data_dir=Path(data_dir))


def setting_help() -> dict[str, str]:
    """Return ``{name: help}`` for every setting (the README lists them all)."""
    return {f.name: f.metadata["help"] for f in fields(Settings)}


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build settings from ``JURYDESK_*`` variables, then ``overrides``, then defaults."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(f"JURYDESK_{f.name.upper()}")
        if raw is None and overrides is not None:
            raw = overrides.get(f.name)
        if raw is not None:
            values[f.name] = _convert(f.name, f.default, raw)
            low, high = _RANGES.get(f.name, (values[f.name], values[f.name]))
            if not low <= values[f.name] <= high:
                raise InvalidInput(
                    "error.setting_range", name=f.name, value=raw, low=low, high=high
                )
    return Settings(**values)


# settings whose value must lie in a range (checked when read, so a bad value stops start-up
# with a message instead of failing later in a background thread)
_RANGES: dict[str, tuple[int, int]] = {
    "nightly_backup_hour": (-1, 23),
    "backups_kept": (1, 3650),
    "upload_limit_mb": (1, 200),
}


def _convert(name: str, default: Any, raw: Any) -> Any:
    if default is MISSING:  # pragma: no cover - every setting has a default
        raise AssertionError(name)
    try:
        if isinstance(default, bool):
            text = str(raw).strip().lower()
            if text not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(text)
            return text in {"1", "true", "yes"}
        if isinstance(default, Path):
            return Path(str(raw))
        return type(default)(raw)
    except ValueError:
        raise InvalidInput(
            "error.setting_invalid", name=name, value=raw, kind=type(default).__name__
        ) from None
