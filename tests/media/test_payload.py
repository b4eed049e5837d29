"""Where a video file keeps its media data (the ``mdat`` boxes), read from the box headers."""

from __future__ import annotations

import struct
from pathlib import Path

from scoring.media.payload import payload_span

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def _box(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", 8 + len(data)) + kind + data


def test_index_at_the_front_faststart() -> None:
    data = (MEDIA / "land_1080.mp4").read_bytes()
    mdat = data.index(b"mdat") - 4
    assert data.index(b"moov") < mdat
    assert payload_span(MEDIA / "land_1080.mp4") == (mdat + 8, len(data)) == (1556, 10695)


def test_index_at_the_end_quicktime() -> None:
    data = (MEDIA / "prores.mov").read_bytes()
    mdat, moov = data.index(b"mdat") - 4, data.index(b"moov") - 4
    assert payload_span(MEDIA / "prores.mov") == (mdat + 8, moov) == (36, 30640)


def test_a_64_bit_size_and_a_box_that_runs_to_the_end(tmp_path: Path) -> None:
    big = tmp_path / "big.mp4"
    payload = b"\1" * 100
    big.write_bytes(
        _box(b"ftyp", b"isom" * 3)
        + struct.pack(">I4sQ", 1, b"mdat", 16 + len(payload))
        + payload
        + _box(b"moov", b"\0" * 20)
    )
    assert payload_span(big) == (20 + 16, 20 + 16 + 100)
    open_ended = tmp_path / "open.mp4"
    open_ended.write_bytes(_box(b"ftyp", b"isom") + struct.pack(">I4s", 0, b"mdat") + payload)
    assert payload_span(open_ended) == (12 + 8, 12 + 8 + 100)


def test_a_file_without_media_data_counts_as_all_payload(tmp_path: Path) -> None:
    assert payload_span(MEDIA / "text.mp4") == (0, 149)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(_box(b"ftyp", b"isom") + struct.pack(">I4s", 3, b"mdat") + b"x" * 50)
    assert payload_span(broken) == (0, 12 + 8 + 50)
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    assert payload_span(empty) == (0, 0)
