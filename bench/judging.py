"""Judging pages and concurrent saves (issue 7): ``python bench/judging.py [--quick]``.

Pages: two data folders, one campaign with 5 and one with 500 entries (full registration
text, a stored-media row each, compliance findings computed, a third of the judge's
scorecards submitted and a third drafts). In a fresh child process per folder, AppTest
logs the judge in, then renders ``pages/judge_queue.py`` and ``pages/judge_score.py``
(one cold run, then best of ``--repeat``). Printed: seconds per page and the ratio
500/5 (target ≤ 2).

Saves: 30 judges with 4 entries each (``--quick``: 2). In a fresh child, 30 threads call
``judging.save_draft`` together — a barrier lines them up before every save, so all 30
land at the same moment — each save adding one criterion's mark (the first creates the
card). A single writer makes the same kind of saves, 5 times as many, in another child.
Printed: p50/p95 latency of each and the ratio of the p95s (target ≤ 5); then a check
that every save was stored exactly once (one history row per save and field, the marks
as sent, one ``score.save`` audit line per save) and that no save raised. For
information, the 30 writers also run at a judge's pace (0.5–1.5 s between saves).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _common import (
    PASSWORD,
    ROOT,
    SERVER_ENV,
    add_entries,
    add_judges,
    assign_all,
    bench_settings,
    campaign_id_of,
    close,
    machine_note,
    new_data_dir,
    percentile,
    query,
    run_child,
    say,
    serve_child,
    timed,
    verdict,
)

TARGET_PAGES = 2.0
TARGET_SAVES = 5.0
WRITERS = 30
SOLO_FACTOR = 5
PAGES = ("pages/judge_queue.py", "pages/judge_score.py")


def add_media_rows(ctx: Any, entry_ids: list[int]) -> None:
    """A media_files row per entry (distinct hashes, the facts of a 25 s 1080p clip)."""
    shas = [hashlib.sha256(f"bench-{i}".encode()).hexdigest() for i in entry_ids]

    def work(cur: Any) -> None:
        cur.execute(
            """
            INSERT INTO media_files (sha256, size_bytes, original_name, stored_at, container,
                video_codec, audio_codec, width, height, rotation, duration_s, fps, bit_rate,
                probe, preview_status, preview_progress)
            SELECT s, 30000000, 'clip.mp4', now(), 'mp4', 'AVC', 'AAC', 1920, 1080, 0, 25.0,
                30.0, 9600000, '{}', 'done', 1.0
            FROM unnest(?::VARCHAR[]) t(s)
            """,
            [shas],
        )
        cur.execute(
            "UPDATE entries SET media_sha256 = m.s FROM (SELECT unnest(?::INTEGER[]) AS id,"
            " unnest(?::VARCHAR[]) AS s) m WHERE entries.id = m.id",
            [entry_ids, shas],
        )

    ctx.db.write(work)


def build_pages_folder(folder: Path, entries: int) -> None:
    """One judge assigned ``entries`` entries, a third submitted and a third drafts."""
    from scoring.services.compliance import ensure_findings

    ctx, report = new_data_dir(folder, demo=False)
    campaign = campaign_id_of(report)
    entry_ids = add_entries(ctx, campaign, entries, prefix="GS-2023")
    add_media_rows(ctx, entry_ids)
    ((judge, _),) = add_judges(ctx, 1, prefix="judge")
    assign_all(ctx, campaign, [judge], entry_ids)

    def work(cur: Any) -> None:
        cur.execute(
            """
            INSERT INTO scorecards (campaign_id, judge_id, entry_id, status, watch_share,
                entered_by, created_at, updated_at, submitted_at)
            SELECT ?, ?, e, CASE WHEN n % 3 = 0 THEN 'submitted' ELSE 'draft' END, 1.0, ?,
                now(), now(), CASE WHEN n % 3 = 0 THEN now() END
            FROM (SELECT unnest(?::INTEGER[]) AS e, generate_subscripts(?::INTEGER[], 1) AS n)
            WHERE n % 3 <> 2
            """,
            [campaign, judge, judge, entry_ids, entry_ids],
        )
        cur.execute(
            "INSERT INTO marks SELECT s.id, r.key, 7.5 FROM scorecards s, rubric_criteria r"
            " WHERE s.judge_id = ? AND r.campaign_id = ?",
            [judge, campaign],
        )

    ctx.db.write(work)
    ensure_findings(ctx)
    close(ctx)


def child_pages(repeat: str) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.text_input[0].input("judge01")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    result: dict[str, Any] = {}
    for page in PAGES:
        cold, _ = timed(lambda p=page: at.switch_page(p).run())
        runs = [timed(lambda p=page: at.switch_page(p).run())[0] for _ in range(int(repeat))]
        assert not at.exception, at.exception
        assert at.title, f"{page} rendered no title"
        result[page] = {"cold": cold, "seconds": min(runs)}
    return result


def build_writers_folder(folder: Path, per_writer: int) -> list[int]:
    """WRITERS judges with ``per_writer`` entries each, and one more (the single writer)
    with ``SOLO_FACTOR`` times as many, so that its p95 rests on enough saves."""
    ctx, report = new_data_dir(folder, demo=False)
    campaign = campaign_id_of(report)
    judges = [i for i, _ in add_judges(ctx, WRITERS + 1, prefix="writer")]
    loads = [per_writer] * WRITERS + [per_writer * SOLO_FACTOR]
    entry_ids = add_entries(ctx, campaign, sum(loads), prefix="GS-2023")
    for judge, load in zip(judges, loads, strict=True):
        assign_all(ctx, campaign, [judge], entry_ids[:load])
        entry_ids = entry_ids[load:]
    close(ctx)
    return judges


def _plan(judge: int, entries: list[int], keys: list[str]) -> list[tuple[int, dict[str, float]]]:
    """The saves of one writer: per entry, one more criterion marked each time."""
    saves = []
    for entry in entries:
        marks: dict[str, float] = {}
        for n, key in enumerate(keys):
            marks[key] = ((judge + entry + n) % 21) / 2
            saves.append((entry, dict(marks)))
    return saves


def child_writers(folder: str, judges_text: str, pace: str) -> dict[str, Any]:
    from scoring.services.context import Actor, open_context
    from scoring.services.judging.scorecards import save_draft
    from scoring.storage.users import get_user

    ctx = open_context(bench_settings(Path(folder)))
    keys = [k for (k,) in query(ctx, "SELECT key FROM rubric_criteria ORDER BY position")]
    sql = "SELECT entry_id FROM assignments WHERE judge_id = ? ORDER BY entry_id"
    plans = {}
    for judge in map(int, judges_text.split(",")):
        actor = Actor.of(ctx.db.read(lambda c, j=judge: get_user(c, j)))
        plans[actor] = _plan(judge, [e for (e,) in query(ctx, sql, judge)], keys)
    rounds = {len(p) for p in plans.values()}
    barrier = threading.Barrier(len(plans)) if pace == "burst" and len(rounds) == 1 else None
    latencies: list[float] = []
    attempts: list[int] = []
    errors: list[str] = []
    cursors = _count_cursors(ctx)

    def writer(actor: Any) -> None:
        rng = random.Random(actor.user_id)
        for entry, marks in plans[actor]:
            if barrier is not None:
                barrier.wait()  # every writer's n-th save starts at the same moment
            elif pace == "paced":
                time.sleep(rng.uniform(0.5, 1.5))
            cursors.count = 0
            try:
                took, _ = timed(
                    lambda e=entry, m=marks: save_draft(ctx, actor=actor, entry_id=e, marks=m)
                )
                latencies.append(took)
            except Exception as error:  # every failure is counted; none may happen
                errors.append(repr(error))
            attempts.append(cursors.count)

    threads = [threading.Thread(target=writer, args=(a,)) for a in plans]
    wall, _ = timed(lambda: [t.start() for t in threads] and [t.join() for t in threads])
    found = _stored_once(ctx, {a.user_id or 0: p for a, p in plans.items()})
    return {
        "latencies": latencies,
        "retried": sum(1 for a in attempts if a > 1),
        "most_attempts": max(attempts),
        "errors": errors[:3],
        "error_count": len(errors),
        "wall": wall,
        **found,
    }


def _count_cursors(ctx: Any) -> threading.local:
    """Count the cursors each thread opens: ``Database.write`` opens one per attempt, so a
    save that met a write conflict and was retried shows more than one."""
    counter = threading.local()
    opened = ctx.db.cursor

    def cursor() -> Any:
        counter.count = getattr(counter, "count", 0) + 1
        return opened()

    ctx.db.cursor = cursor
    return counter


def _stored_once(ctx: Any, plans: dict[int, list[tuple[int, dict[str, float]]]]) -> dict[str, Any]:
    """Compare what is stored with what was sent: marks, history rows, audit lines, cards."""
    judges = list(plans)
    rows = query(
        ctx,
        """
        SELECT s.judge_id, s.entry_id, m.criterion_key, m.value,
            (SELECT count(*) FROM scorecard_changes h
             WHERE h.scorecard_id = s.id AND h.field = m.criterion_key) AS history
        FROM scorecards s JOIN marks m ON m.scorecard_id = s.id
        WHERE list_contains(?, s.judge_id)
        """,
        judges,
    )
    sent = {(j, e, k): v for j in judges for e, marks in plans[j] for k, v in marks.items()}
    ((audit,),) = query(ctx, "SELECT count(*) FROM audit_log WHERE action = 'score.save'")
    ((cards,),) = query(
        ctx, "SELECT count(*) FROM scorecards WHERE list_contains(?, judge_id)", judges
    )
    return {
        "saves": sum(len(p) for p in plans.values()),
        "marks_match": {(j, e, k): v for j, e, k, v, _ in rows} == sent,
        "history_rows": sum(h for *_, h in rows),
        "duplicate_history": any(h != 1 for *_, h in rows),
        "audit_lines": audit,
        "cards": cards,
        "cards_expected": len({(j, e) for j, e, _ in sent}),
    }


def run_pages(tmp: Path, sizes: tuple[int, int], repeat: int) -> None:
    """Both folders through the AppTest child; one line per page with its ratio."""
    found = {}
    for size in sizes:
        folder = tmp / f"pages-{size}"
        build_pages_folder(folder, size)
        env = {**SERVER_ENV, "JURYDESK_DATA_DIR": str(folder)}
        found[size] = run_child(__file__, "pages", repeat, env=env)
    small, big = sizes
    for page in PAGES:
        a, b = found[small][page], found[big][page]
        ratio = b["seconds"] / a["seconds"]
        say(
            f"{Path(page).name} {big} vs {small} entries",
            f"{b['seconds']:.3f} s vs {a['seconds']:.3f} s"
            f" (cold {b['cold']:.2f} / {a['cold']:.2f} s)"
            f"  ratio {ratio:.2f}  target ≤ {TARGET_PAGES:g}  {verdict(ratio, TARGET_PAGES)}",
        )


def _p95(found: dict[str, Any]) -> float:
    return percentile(found["latencies"], 0.95)


def _stats(found: dict[str, Any]) -> str:
    lat = found["latencies"]
    return (
        f"p50 {percentile(lat, 0.5) * 1000:.0f} ms  p95 {_p95(found) * 1000:.0f} ms"
        f"  ({len(lat)} saves in {found['wall']:.1f} s; {found['retried']} retried after a"
        f" write conflict, at most {found['most_attempts']} attempts)"
    )


def _exact(f: dict[str, Any]) -> str:
    ok = (
        f["marks_match"]
        and not f["duplicate_history"]
        and f["history_rows"] == f["audit_lines"] == f["saves"]
        and f["cards"] == f["cards_expected"]
        and not f["error_count"]
    )
    return (
        f"{'PASS' if ok else 'MISS'}: {f['saves']} saves, {f['history_rows']} history rows,"
        f" {f['audit_lines']} audit lines, {f['cards']}/{f['cards_expected']} cards,"
        f" marks as sent: {f['marks_match']}, errors: {f['error_count']} {f['errors']}"
    )


def run_saves(tmp: Path, per_writer: int) -> None:
    """Single writer, then 30 at once, then 30 at a judge's pace; each on a fresh copy."""
    template = tmp / "writers"
    judges = build_writers_folder(template, per_writer)
    modes = {"single": ([judges[-1]], "alone"), "burst": (judges[:WRITERS], "burst")}
    modes["paced"] = (judges[:WRITERS], "paced")
    found = {}
    for mode, (ids, pace) in modes.items():
        folder = tmp / f"writers-{mode}"
        shutil.copytree(template, folder)
        found[mode] = run_child(__file__, "writers", folder, ",".join(map(str, ids)), pace)
    one, burst, paced = found["single"], found["burst"], found["paced"]
    ratio = _p95(burst) / _p95(one)
    say("save_draft, 1 writer", _stats(one))
    say(f"save_draft, {WRITERS} writers at once", _stats(burst))
    say("ratio of p95s", f"{ratio:.1f}  target ≤ {TARGET_SAVES:g}  {verdict(ratio, TARGET_SAVES)}")
    say(
        f"save_draft, {WRITERS} at a judge's pace",
        f"{_stats(paced)}  p95 ×{_p95(paced) / _p95(one):.1f} (info)",
    )
    for mode, f in found.items():
        say(f"stored exactly once ({mode})", _exact(f))


def main() -> None:
    """Pages first, then saves."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and saves")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = 2 if args.quick else args.repeat
    print(f"issue 7 — judging pages and saves ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-judging-") as tmp:
        run_pages(Path(tmp), (5, 500), repeat)
        run_saves(Path(tmp), 2 if args.quick else 4)
    print(f"after: {machine_note()}")


if __name__ == "__main__" and not serve_child({"pages": child_pages, "writers": child_writers}):
    main()
