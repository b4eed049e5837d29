"""Viewing-figure import speed and memory (issue 4): ``python bench/views_import.py``.

For a generated CSV of N rows (1 000 000 and 100 000; Chinese headers; views 85 % plain
digits, 5 % "12,345", 5 % "1.2万", 5 % full-width digits; 5 % of likes blank; each
platform written two ways; capture times in three forms) it measures, each in a fresh
child process:

- the floor: DuckDB's plain ``read_csv`` of the same file into a table of a new database;
- ``import_views`` of that file into a data folder holding 1 000 entries (dry run off);
- the same rows with one blank line after the header, which sends the import down the exact
  row-by-row path (``scoring.tables.reading``), for comparison.

It prints seconds, the ratio import/floor (target ≤ 3 for the bulk path), which path was
used and each child's peak RSS (target ≤ 1.5 GB). Floor and import alternate; the best of
``--repeat`` runs of each (default 5) is compared, as the machine is noisy.
Files are generated into a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ENTRIES = 1_000
# Five platforms, each written in two ways (normalised to one code on import).
PLATFORMS = (
    ("抖音", "Douyin"),
    ("快手", "kuaishou"),
    ("市说新语", "总局官网"),
    ("视频号", "微信视频号"),
    ("B站", "哔哩哔哩"),
)
HEADER = "作品编号,平台,播放量,点赞数,评论数,转发数·分享数,采集时间\r\n"
TARGET_RATIO = 3.0
TARGET_ROWS = 1_000_000
TARGET_RSS_MB = 1_536
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _views_text(rng: random.Random, views: int) -> str:
    """85 % plain digits, 5 % "12,345", 5 % "1.2万" (rounded), 5 % full-width digits."""
    pick = rng.random()
    if pick < 0.85:
        return str(views)
    if pick < 0.90:
        return f'"{views:,}"'
    if pick < 0.95:
        return f"{views // 1000 / 10:g}万"
    return str(views).translate(FULL_WIDTH)


def _time_text(moment: datetime, form: int) -> str:
    local = moment + timedelta(hours=8)
    if form == 0:
        return local.strftime("%Y-%m-%d %H:%M")
    if form == 1:
        return f"{local.year}/{local.month}/{local.day} {local.hour}:{local.minute:02d}"
    return f"{local.year}年{local.month}月{local.day}日 {local.hour}:{local.minute:02d}"


def generate(path: Path, rows: int, *, blank_line: bool = False) -> None:
    """N rows: entries × platforms × capture times, every entry/platform/time once."""
    rng = random.Random(20230521)
    times = [datetime(2023, 6, 1, 2, 0, tzinfo=UTC) + timedelta(hours=6 * i) for i in range(200)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        if blank_line:
            out.write("\r\n")
        for n in range(rows):
            entry, rest = n % ENTRIES, n // ENTRIES
            platform = PLATFORMS[rest % len(PLATFORMS)][n % 2]
            moment = times[(rest // len(PLATFORMS)) % len(times)]
            views = rng.randrange(10_000, 5_000_000)
            likes = "" if rng.random() < 0.05 else str(views // rng.randrange(20, 200))
            comments, shares = views // rng.randrange(200, 900), views // rng.randrange(100, 500)
            code = f"GS-2023-{entry + 1:04d}"
            cells = (code, platform, _views_text(rng, views), likes, comments, shares)
            out.write(f"{','.join(map(str, cells))},{_time_text(moment, form=n % 3)}\r\n")


def prepare_data_dir(folder: Path) -> None:
    """A data folder with one campaign and the entries the generated file names."""
    from scoring.enums import Category
    from scoring.records.entries import NewEntry
    from scoring.services.context import Actor
    from scoring.services.setup import initialise
    from scoring.settings import load_settings
    from scoring.storage.entries import add_entry

    settings = load_settings({"data_dir": str(folder), "bcrypt_rounds": "4"}, {})
    ctx, report = initialise(settings, demo=False, actor=Actor.shell("bench"))
    assert report.campaign is not None
    campaign_id, now = report.campaign.id, datetime.now(UTC)

    def work(cur: Any) -> None:
        for n in range(1, ENTRIES + 1):
            entry = NewEntry(
                campaign_id=campaign_id,
                code=f"GS-2023-{n:04d}",
                title=f"作品 {n}",
                category=Category.MICRO_VIDEO,
                created_at=now,
                updated_at=now,
            )
            add_entry(cur, entry)

    ctx.db.write(work)
    ctx.db.checkpoint()
    ctx.db.close()


# --- children: one measurement each, in a fresh process ------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_floor(csv_path: Path, db_path: Path) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(str(db_path))
    start = time.perf_counter()
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(csv_path)])
    seconds = time.perf_counter() - start
    con.close()
    return {"seconds": seconds, "peak_rss_mb": _peak_rss_mb()}


def child_import(csv_path: Path, data_dir: Path) -> dict[str, Any]:
    from scoring.services.context import Actor, open_context
    from scoring.services.views.table_import import import_views
    from scoring.settings import load_settings

    ctx = open_context(load_settings({"data_dir": str(data_dir)}, {}))
    actor = Actor.shell("bench")
    start = time.perf_counter()
    report = import_views(ctx, actor=actor, data=csv_path.read_bytes(), file_name=csv_path.name)
    seconds = time.perf_counter() - start
    ctx.db.close()
    counts = (report.rows_read, report.imported, report.rejected, len(report.problems))
    assert report.written and report.imported == report.rows_read, counts
    return {"seconds": seconds, "peak_rss_mb": _peak_rss_mb(), "bulk": report.bulk_read}


def _child(kind: str, *paths: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def measure(folder: Path, rows: int, repeat: int, *, blank_line: bool) -> dict[str, Any]:
    """Best-of-``repeat`` floor and import for one generated file."""
    csv_path = folder / f"views_{rows}{'_blank' if blank_line else ''}.csv"
    generate(csv_path, rows, blank_line=blank_line)
    template = folder / "template"
    if not template.exists():
        prepare_data_dir(template)
    floors, imports = [], []
    for attempt in range(repeat):
        db_path = folder / f"floor_{attempt}.duckdb"
        floors.append(_child("floor", csv_path, db_path))
        db_path.unlink()
        data_dir = folder / f"data_{attempt}"
        shutil.copytree(template, data_dir)
        imports.append(_child("import", csv_path, data_dir))
        shutil.rmtree(data_dir)
    floor = min(floors, key=lambda r: r["seconds"])
    done = min(imports, key=lambda r: r["seconds"])
    csv_path.unlink()
    return {
        "rows": rows,
        "path": "bulk (DuckDB)" if done["bulk"] else "row by row (tabular)",
        "floor_s": floor["seconds"],
        "import_s": done["seconds"],
        "ratio": done["seconds"] / floor["seconds"],
        "import_peak_rss_mb": max(r["peak_rss_mb"] for r in imports),
        "floor_peak_rss_mb": max(r["peak_rss_mb"] for r in floors),
    }


def main() -> None:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 100_000])
    parser.add_argument("--slow-rows", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        run = child_floor if kind == "floor" else child_import
        print(json.dumps(run(*map(Path, paths))))
        return
    print(
        f"target (issue 4): {TARGET_ROWS:,} rows, bulk import ≤ {TARGET_RATIO:g}× read_csv;"
        f" peak RSS ≤ {TARGET_RSS_MB} MB. Other lines are for information."
    )
    with tempfile.TemporaryDirectory(prefix="bench-views-") as tmp:
        cases = [(n, False) for n in args.rows] + [(n, True) for n in args.slow_rows]
        for rows, blank in cases:
            found = measure(Path(tmp), rows, args.repeat if not blank else 1, blank_line=blank)
            print(
                f"{found['rows']:>9,} rows  {found['path']:<22} read_csv {found['floor_s']:.3f} s"
                f"  import {found['import_s']:.3f} s  ratio {found['ratio']:.2f}"
                f"  peak RSS import {found['import_peak_rss_mb']:.0f} MB"
                f" (read_csv {found['floor_peak_rss_mb']:.0f} MB)  {_verdict(found, blank)}"
            )


def _verdict(found: dict[str, Any], blank: bool) -> str:
    if found["import_peak_rss_mb"] > TARGET_RSS_MB:
        return "MISSED (memory)"
    if blank or found["rows"] != TARGET_ROWS:
        return ""
    return "ok" if found["ratio"] <= TARGET_RATIO else "MISSED"


if __name__ == "__main__":
    main()
