"""Videos for entries: where they come from (a folder, uploads), storing them, the probe.

A table value never becomes a path: the folder is listed once and a declared name is only
looked up among the names found there (SPEC §9). Files are stored (hashed while copied,
named by their sha256) before the transaction that points entries at them: no row names
a file not in the store, and a file stored for a refused save is harmless.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, BinaryIO, Final, Protocol, cast

from scoring.domain.compliance import FindingDraft, evaluate_entry
from scoring.domain.entry_cells import media_key
from scoring.domain.media import MediaFacts
from scoring.domain.rules import DEFAULT_RULES
from scoring.enums import Category, JobStatus
from scoring.errors import InvalidInput, MediaProblem
from scoring.i18n import translate
from scoring.media.probe import probe_file
from scoring.media.store import StoredFile, sha256_of, store_file, store_stream
from scoring.records.entries import NewEntry
from scoring.records.media import MediaFile
from scoring.services.context import Context
from scoring.services.entries.hints import ProbedHints, probe_hints
from scoring.services.previews import make_one_preview
from scoring.storage import entries as store
from scoring.storage.rows import Cursor

MB: Final = 1024 * 1024
# What a probe reports (SPEC §8): rules read from the file, not the words, media, duplicate.
PROBE_RULES: Final = (
    "container",
    "streams",
    "orientation",
    "aspect",
    "resolution",
    "duration",
    "preview",
)
_NO_FACTS: Final = MediaFacts(
    container="other",
    general_format=None,
    video_codec=None,
    audio_codec=None,
    width=None,
    height=None,
    rotation=0,
    duration_s=None,
    fps=None,
    bit_rate=None,
)
Opener = Callable[[], contextlib.AbstractContextManager[IO[bytes]]]


class Upload(Protocol):
    """A browser upload (Streamlit's ``UploadedFile`` is one): a name, a size, a stream."""

    name: str
    size: int

    def read(self, size: int | None = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


@dataclass(frozen=True)
class MediaSource:
    """The files an import may take videos from, by relative name (see ``media_key``)."""

    label: str  # the folder, or "upload"
    opens: Mapping[str, Opener]
    sizes: Mapping[str, int]
    limit_bytes: int | None = None  # browser uploads only: larger ones go through the CLI
    paths: Mapping[str, Path] = field(default_factory=dict)  # folder imports: the files

    @property
    def names(self) -> list[str]:
        """Every file name there, sorted."""
        return sorted(self.opens)

    def too_large(self) -> list[str]:
        """Names of the files over the upload limit."""
        limit = self.limit_bytes
        return [] if limit is None else [n for n in self.names if self.sizes[n] > limit]


def folder_source(folder: Path) -> MediaSource:
    """Every file under ``folder`` (subfolders included; hidden files left out)."""
    if not folder.is_dir():
        raise InvalidInput("entry_import.media_dir_missing", path=str(folder))
    opens: dict[str, Opener] = {}
    sizes: dict[str, int] = {}
    paths: dict[str, Path] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(root) / name
            key = media_key(path.relative_to(folder).as_posix())
            opens[key] = _opener(path)
            sizes[key] = path.stat().st_size
            paths[key] = path
    return MediaSource(label=str(folder), opens=opens, sizes=sizes, paths=paths)


def _opener(path: Path) -> Opener:
    def opened() -> contextlib.AbstractContextManager[IO[bytes]]:
        return path.open("rb")

    return opened


def upload_source(uploads: Iterable[Upload], *, limit_mb: int) -> MediaSource:
    """Browser uploads, by the name the browser gave; the limit is checked on import."""
    listed = {media_key(u.name): u for u in uploads}
    return MediaSource(
        label="upload",
        opens={name: partial(rewound, u) for name, u in listed.items()},
        sizes={name: u.size for name, u in listed.items()},
        limit_bytes=limit_mb * MB,
    )


@contextlib.contextmanager
def rewound(upload: Upload) -> Iterator[IO[bytes]]:
    """The upload read from its start, left open (Streamlit owns it)."""
    upload.seek(0)
    yield upload  # type: ignore[misc]


def clean_name(name: str) -> str:
    """A file name fit to keep as metadata: control and format characters removed."""
    return "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf"}).strip() or "—"


def safe_facts(path: Path) -> MediaFacts:
    """The probe's facts; a file MediaInfo cannot read at all has facts without video."""
    try:
        return probe_file(path)
    except MediaProblem:
        return _NO_FACTS


def media_record(
    stored: StoredFile, *, original_name: str, now: datetime, facts: MediaFacts | None = None
) -> MediaFile:
    """The ``media_files`` row of a stored original, with what the probe read from it
    (``facts``: already probed from identical bytes)."""
    facts = facts if facts is not None else safe_facts(stored.path)
    return MediaFile(
        sha256=stored.sha256,
        size_bytes=stored.size_bytes,
        original_name=clean_name(original_name),
        stored_at=now,
        container=facts.container,
        video_codec=facts.video_codec,
        audio_codec=facts.audio_codec,
        width=facts.width,
        height=facts.height,
        rotation=facts.rotation,
        duration_s=facts.duration_s,
        fps=facts.fps,
        bit_rate=facts.bit_rate,
        probe=facts.as_dict(),
    )


def store_media(ctx: Context, source: IO[bytes], *, original_name: str) -> MediaFile:
    """Copy a video into the store (hashing as it goes) and probe the stored copy."""
    stored = store_stream(ctx.settings.media_dir, cast(BinaryIO, source))
    return media_record(stored, original_name=original_name, now=ctx.now())


def store_path(media_dir: Path, path: Path, *, original_name: str, now: datetime) -> MediaFile:
    """Store a file from a folder: the kernel copies it while one thread hashes it and
    another probes it (the probe reads the same bytes the hash names)."""
    before = path.stat()
    with ThreadPoolExecutor(max_workers=1) as pool:
        facts = pool.submit(safe_facts, path)
        stored = store_file(media_dir, path)
        probed = facts.result()
    after = path.stat()
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise MediaProblem("error.media_changed_while_copied", file=original_name)
    return media_record(stored, original_name=original_name, now=now, facts=probed)


def store_from(ctx: Context, source: MediaSource, name: str) -> MediaFile:
    """Store the file ``name`` of ``source``; its original name is kept as metadata."""
    if name in source.paths:
        return store_path(
            ctx.settings.media_dir, source.paths[name], original_name=name, now=ctx.now()
        )
    with source.opens[name]() as stream:
        return store_media(ctx, stream, original_name=name)


def add_media_in(cur: Cursor, media: MediaFile) -> None:
    """Record a stored original unless it is known already (its preview state is kept)."""
    if store.get_media_file(cur, media.sha256) is None:
        store.add_media_file(cur, media)


def make_previews(
    ctx: Context, shas: Sequence[str], *, on_each: Callable[[int, int, MediaFile, bool], None]
) -> int:
    """Make the pending previews of these originals now (the CLI); return how many ran."""
    made = 0
    for number, sha in enumerate(shas, start=1):
        media = ctx.db.read(partial(store.get_media_file, sha256=sha))
        if media is None or media.preview_status is not JobStatus.PENDING:
            continue
        on_each(number, len(shas), media, make_one_preview(ctx, media))
        made += 1
    return made


# --- the probe command (SPEC §8) ---------------------------------------------------------


def media_findings(facts: MediaFacts, *, category: Category) -> list[FindingDraft]:
    """The default rule set's findings on the file alone, for an entry of ``category``."""
    entry = NewEntry(
        campaign_id=0,
        code="",
        title="",
        category=category,
        created_at=datetime(2020, 1, 1, tzinfo=UTC),
        updated_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    drafts = evaluate_entry(entry=entry, media=facts, rules=DEFAULT_RULES, siblings=[])
    return [d for d in drafts if d.rule in PROBE_RULES]


@dataclass(frozen=True)
class ProbeResult:
    """One probed file: where, its hash and size, its facts and the media findings."""

    file: str
    sha256: str
    size_bytes: int
    facts: MediaFacts
    findings: list[FindingDraft] = field(default_factory=list)
    hints: ProbedHints | None = None

    def to_json(self, lang: str) -> dict[str, Any]:
        """The fields of SPEC §8 ``probe --json`` and the media hints, messages in ``lang``."""
        f = self.facts
        return {
            "file": self.file,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "container": f.container,
            "video_codec": f.video_codec,
            "audio_codec": f.audio_codec,
            "width": f.width,
            "height": f.height,
            "rotation": f.rotation,
            "orientation": f.orientation,
            "duration_s": f.duration_s,
            "fps": f.fps,
            "bit_rate": f.bit_rate,
            "findings": [
                {
                    "rule": d.rule,
                    "severity": d.severity.value,
                    "message": translate(d.message_key, lang, **d.params),
                }
                for d in self.findings
            ],
            "hints": None if self.hints is None else self.hints.to_json(lang),
        }


def probe_paths(paths: Sequence[Path], *, category: Category) -> list[ProbeResult]:
    """Probe files where they are (nothing is stored); a path that is no file refuses all."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InvalidInput("probe.not_a_file", paths=", ".join(missing))
    facts = [safe_facts(path) for path in paths]
    return [
        ProbeResult(
            file=str(path),
            sha256=sha256_of(path),
            size_bytes=path.stat().st_size,
            facts=fact,
            findings=media_findings(fact, category=category),
            hints=hint,
        )
        for path, fact, hint in zip(paths, facts, probe_hints(paths, facts), strict=True)
    ]
