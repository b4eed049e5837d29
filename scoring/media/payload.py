"""Where an MP4/MOV file keeps its media data: the byte span of its top-level ``mdat`` boxes.

The media route maps the bytes it sent to the part of the video they carry; the header
and index boxes (``ftyp``, ``moov`` — at the front after ``+faststart``, else at the end)
carry no time. ISO/IEC 14496-12 §4.2: each box starts with a 32-bit big-endian size
(1: a 64-bit size follows the type; 0: to the end of the file) and a 4-byte type.
"""

from __future__ import annotations

import functools
import struct
from pathlib import Path
from typing import BinaryIO, Final

_MAX_BOXES: Final = 10_000  # a hostile file cannot keep the reader busy


def payload_span(path: Path) -> tuple[int, int]:
    """``(first, end)`` byte offsets of the media data; the whole file if none is found."""
    stat = path.stat()
    return _span(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _span(path: str, size: int, _mtime_ns: int) -> tuple[int, int]:
    with open(path, "rb") as handle:
        found = [box for box in _boxes(handle, size) if box[0] == b"mdat"]
    if not found:
        return (0, size)
    return (min(start for _, start, _ in found), max(end for _, _, end in found))


def _boxes(handle: BinaryIO, size: int) -> list[tuple[bytes, int, int]]:
    """(type, data start, end) of each top-level box, until the file ends or stops making
    sense (then what was read so far)."""
    boxes: list[tuple[bytes, int, int]] = []
    offset = 0
    while offset + 8 <= size and len(boxes) < _MAX_BOXES:
        handle.seek(offset)
        length, kind = struct.unpack(">I4s", handle.read(8))
        header = 8
        if length == 1:
            (length,) = struct.unpack(">Q", handle.read(8))
            header = 16
        elif length == 0:
            length = size - offset
        if length < header:
            break
        boxes.append((kind, offset + header, min(offset + length, size)))
        offset += length
    return boxes
