"""Stored originals, what the background measured of them, and same-film matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scoring.enums import JobStatus
from scoring.records._columns import json_field


@dataclass(frozen=True, kw_only=True)
class MediaFile:
    """A stored original video, named by its sha256, with what the probe read."""

    sha256: str
    size_bytes: int
    original_name: str
    stored_at: datetime
    container: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    rotation: int | None = None
    duration_s: float | None = None
    fps: float | None = None
    bit_rate: int | None = None
    probe: dict[str, Any] = json_field()
    preview_status: JobStatus = JobStatus.PENDING
    preview_progress: float = 0.0
    preview_error: str | None = None


@dataclass(frozen=True, kw_only=True)
class MediaHints:
    """What the background measured of one stored original (``media_hints``); the
    signature is read only where films are compared."""

    sha256: str
    status: JobStatus = JobStatus.PENDING
    progress: float = 0.0
    error: str | None = None
    measures: dict[str, Any] | None = json_field(lambda: None)
    signature: bytes | None = field(default=None, repr=False)
    measured_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class MediaMatch:
    """Two stored originals showing the same film (``sha_a`` < ``sha_b``); each range is
    ``[a_start, a_end, b_start, b_end]`` in seconds."""

    sha_a: str
    sha_b: str
    ranges: list[list[float]] = json_field(list)
    whole: bool = False
