"""Shared helpers of the benchmarks: child processes, memory readings, best-of, verdicts,
data folders built with DuckDB SQL, ffmpeg, and the real server on a free port.

A bench script measures each thing in a fresh child process (``python bench/x.py --child
KIND ARG...``) so that one measurement's memory and caches never colour another's. The child
prints one ``BENCH-RESULT {json}`` line; everything else it prints is ignored.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoring.services.context import Actor, Context  # noqa: E402
from scoring.services.setup import InitReport, initialise  # noqa: E402
from scoring.settings import Settings, load_settings  # noqa: E402
from tests.app_server import SERVER_ENV as SERVER_ENV  # noqa: E402
from tests.app_server import serving  # noqa: E402

MARKER = "BENCH-RESULT "
BENCH_ACTOR = Actor.shell("bench")
PASSWORD = "bench-password-1"


# --- memory -------------------------------------------------------------------------------


def proc_status_mb(field: str, pid: int | str = "self") -> float:
    """A ``/proc/<pid>/status`` size field (VmRSS now, VmHWM peak) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # the kernel reports kB
    raise KeyError(field)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now, in MB."""
    return proc_status_mb("VmRSS", pid)


def peak_rss_mb(pid: int | str = "self") -> float:
    """Highest resident memory the process has had so far, in MB."""
    return proc_status_mb("VmHWM", pid)


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU time a process has used so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """Reads a process's VmRSS every 20 ms until stopped; keeps the highest."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.highest, self._done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.highest = max(self.highest, rss_mb(self.pid))
            time.sleep(0.02)

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.highest


def sampled(pid: int, seconds: float) -> float:
    """Highest VmRSS of ``pid`` over ``seconds``."""
    sampler = Sampler(pid)
    sampler.start()
    time.sleep(seconds)
    return sampler.stop()


# --- child processes ----------------------------------------------------------------------


def run_child(
    script: str, kind: str, *args: object, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run ``script --child kind args…`` in a fresh interpreter and return its result."""
    done = subprocess.run(
        [sys.executable, script, "--child", kind, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            result: dict[str, Any] = json.loads(line[len(MARKER) :])
            return result
    raise RuntimeError(f"child {kind} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def serve_child(handlers: dict[str, Callable[..., dict[str, Any]]]) -> bool:
    """If this process is a child (``--child KIND ARG…``), run it, print its result, say so."""
    if len(sys.argv) < 3 or sys.argv[1] != "--child":
        return False
    result = handlers[sys.argv[2]](*sys.argv[3:])
    print(MARKER + json.dumps(result), flush=True)
    return True


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ``work`` took, and what it returned."""
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def best(results: Sequence[dict[str, Any]], key: str = "seconds") -> dict[str, Any]:
    """The run with the smallest ``key`` (the machine is noisy; the best run is the stable one)."""
    return min(results, key=lambda r: r[key])


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0–1) by linear interpolation; a single value is its own."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def verdict(value: float, target: float) -> str:
    """PASS when ``value`` is at or under ``target``."""
    return "PASS" if value <= target else "MISS"


def say(label: str, text: str) -> None:
    """One result line: what was measured, then its numbers."""
    print(f"{label:<38} {text}", flush=True)


def machine_note() -> str:
    """Cores and load average: absolute seconds only mean something on a quiet machine."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.1f} (1 min) {five:.1f} (5 min)"


# --- data folders -------------------------------------------------------------------------


def bench_settings(folder: Path) -> Settings:
    """Settings of a bench data folder: fast bcrypt, no background previews."""
    return load_settings(
        {"data_dir": str(folder), "bcrypt_rounds": "4", "background_previews": "false"}, {}
    )


def new_data_dir(folder: Path, *, demo: bool) -> tuple[Context, InitReport]:
    """Create a data folder (the demo campaign, or one empty campaign) and open it."""
    return initialise(bench_settings(folder), demo=demo, actor=BENCH_ACTOR)


def campaign_id_of(report: InitReport) -> int:
    """The id of the campaign ``initialise`` made."""
    assert report.campaign is not None
    return report.campaign.id


def query(ctx: Context, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows of one read-only statement."""
    return ctx.db.read(lambda cur: cur.execute(sql, list(params)).fetchall())


def add_entries(ctx: Context, campaign_id: int, count: int, *, prefix: str) -> list[int]:
    """``count`` entries with full registration text (codes ``PREFIX-00001``…); their ids."""
    ctx.db.write(
        lambda cur: cur.execute(
            """
            INSERT INTO entries (campaign_id, code, title, category, duration_declared, producer,
                synopsis, copy_text, place, people, event, result, submitter, recommender,
                contact, phone, media_file, media_sha256, copyright_pledge, no_major_incident,
                lawfully_established, created_at, updated_at)
            SELECT ?, ? || '-' || lpad(n::VARCHAR, 5, '0'), '质量故事第' || n || '集',
                CASE WHEN n % 4 = 0 THEN 'micro_animation' ELSE 'micro_video' END, '60秒',
                '第' || (n % 97) || '制作单位', repeat('讲述一线质检人员守护产品质量的故事。', 3),
                '质量强国，从每一次检验开始。', '兰州', '检验员', '例行抽检', '发现并整改隐患',
                '第' || (n % 89) || '报送单位', '第' || (n % 83) || '推荐单位', '联系人',
                '1399380' || lpad((n % 10000)::VARCHAR, 4, '0'), 'clip' || n || '.mp4', NULL,
                true, true, true, now(), now()
            FROM range(1, ? + 1) t(n)
            """,
            [campaign_id, prefix, count],
        )
    )
    sql = "SELECT id FROM entries WHERE campaign_id = ? AND starts_with(code, ?) ORDER BY code"
    return [int(r[0]) for r in query(ctx, sql, campaign_id, prefix + "-")]


def add_judges(ctx: Context, count: int, *, prefix: str) -> list[tuple[int, str]]:
    """``count`` judges ``PREFIX01``… sharing one password hash (``PASSWORD``); (id, name)."""
    from scoring.passwords import hash_password

    hashed = hash_password(PASSWORD, ctx.settings.bcrypt_rounds)
    ctx.db.write(
        lambda cur: cur.execute(
            """
            INSERT INTO users (username, display_name, unit, role, password_hash,
                created_at, updated_at)
            SELECT ? || lpad(n::VARCHAR, 2, '0'), '评委' || n, '评审单位' || n, 'judge', ?,
                now(), now()
            FROM range(1, ? + 1) t(n)
            """,
            [prefix, hashed, count],
        )
    )
    sql = "SELECT id, username FROM users WHERE starts_with(username, ?) ORDER BY username"
    return [(int(i), str(n)) for i, n in query(ctx, sql, prefix)]


def assign_all(ctx: Context, campaign_id: int, judge_ids: list[int], entry_ids: list[int]) -> None:
    """Assign every one of ``judge_ids`` to every one of ``entry_ids``."""
    ctx.db.write(
        lambda cur: cur.execute(
            "INSERT INTO assignments SELECT ?, j, e, now(), NULL"
            " FROM unnest(?::INTEGER[]) a(j), unnest(?::INTEGER[]) b(e)",
            [campaign_id, judge_ids, entry_ids],
        )
    )


def demo_with_judges(folder: Path, judges: int, *, digits: int = 2) -> list[str]:
    """The demo folder plus ``judges`` judges ``load01``… (``digits`` wide), each assigned
    every entry by the app's own assignment; their usernames."""
    from scoring.enums import Role
    from scoring.services.judging.assignment import run_assignment
    from scoring.services.users import add_user

    ctx, report = new_data_dir(folder, demo=True)
    names = [f"load{n:0{digits}d}" for n in range(1, judges + 1)]
    for name in names:
        add_user(ctx, actor=BENCH_ACTOR, username=name, role=Role.JUDGE, password=PASSWORD)
    run_assignment(ctx, actor=BENCH_ACTOR, campaign_id=campaign_id_of(report), seed=6)
    close(ctx)
    return names


def close(ctx: Context) -> None:
    """Fold the log into the file and close (the next process opens a clean database)."""
    ctx.db.checkpoint()
    ctx.db.close()


# --- video --------------------------------------------------------------------------------


def ffmpeg(*args: str) -> None:
    """Run the ffmpeg of imageio-ffmpeg (the one the app uses); raise with its complaint."""
    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ffmpeg {' '.join(args)}: {done.stderr[-2000:]}")


def big_video(path: Path, *, megabytes: int) -> Path:
    """An H.264/AAC 1080p MP4 of about ``megabytes`` MB: a lossless test-pattern segment
    repeated by stream copy (seconds to make, and every byte still a real frame)."""
    if path.exists():
        return path
    segment = path.with_name("segment.mp4")
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30"),
        *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"),
        *("-t", "5", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"),
        *("-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", str(segment)),
    )
    loops = max(1, -(-megabytes * 1024 * 1024 // segment.stat().st_size))
    ffmpeg("-stream_loop", str(loops - 1), "-i", str(segment), "-c", "copy", str(path))
    segment.unlink()
    return path


# --- the real server ----------------------------------------------------------------------


@contextmanager
def running_server(
    data_dir: Path, log: Path, flags: Sequence[str] = ()
) -> Iterator[tuple[str, int]]:
    """``streamlit run app.py`` on a free loopback port over ``data_dir`` (``flags``: more
    Streamlit options, e.g. ``--runner.postScriptGC true``); (base URL, pid)."""
    with serving(data_dir, log, ready_s=90, stop_s=15, flags=flags) as started:
        yield started


def media_url(base: str, data_dir: Path, *, kind: str, entry_id: int, user_id: int) -> str:
    """A signed media URL minted with the data folder's key, valid for an hour."""
    from scoring.media.urls import MediaGrant, media_key, sign_grant

    key = media_key((data_dir / "cookie.key").read_text().strip())
    expires = int(time.time()) + 3600
    signed_in = int(time.time() * 1_000_000)
    grant = MediaGrant(
        kind=kind, entry_id=entry_id, user_id=user_id, expires=expires, signed_in=signed_in
    )
    return base + sign_grant(grant, key)
