"""What a video file is, as read from the file itself (never trusted from its name)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final

BROWSER_VIDEO: Final = frozenset({"AVC"})
BROWSER_AUDIO: Final = frozenset({None, "AAC", "MPEG Audio"})  # None: a silent file plays


def browser_playable(
    container: str | None, video_codec: str | None, audio_codec: str | None
) -> bool:
    """True when Chromium plays the file as it is (H.264 in MP4, AAC/MP3 or no sound)."""
    return container == "mp4" and video_codec in BROWSER_VIDEO and audio_codec in BROWSER_AUDIO


@dataclass(frozen=True)
class MediaFacts:
    """Technical facts of one file. Width and height are the display size (rotation applied)."""

    container: str  # mp4 | mov | other
    general_format: str | None
    video_codec: str | None
    audio_codec: str | None
    width: int | None
    height: int | None
    rotation: int
    duration_s: float | None
    fps: float | None
    bit_rate: int | None

    @property
    def has_video(self) -> bool:
        """True when the file holds a video track with a size."""
        return self.video_codec is not None and bool(self.width) and bool(self.height)

    @property
    def has_audio(self) -> bool:
        """True when the file holds an audio track."""
        return self.audio_codec is not None

    @property
    def orientation(self) -> str | None:
        """landscape, portrait or square; None without a video track."""
        if not self.has_video:
            return None
        assert self.width is not None and self.height is not None
        if self.width > self.height:
            return "landscape"
        if self.height > self.width:
            return "portrait"
        return "square"

    @property
    def aspect(self) -> float | None:
        """Display width / height; None without a video track."""
        if not self.has_video:
            return None
        assert self.width is not None and self.height is not None
        return self.width / self.height

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON (stored with the media file)."""
        return asdict(self)


def display_size(width: int, height: int, rotation: int) -> tuple[int, int]:
    """Size as shown: a quarter turn swaps width and height."""
    return (height, width) if rotation % 180 == 90 else (width, height)
