"""Decision record speed (issue 13): ``python bench/documents.py [--entries N]``.

A data folder with 500 entries (the ranking bench's builder: 50 judges, 5 per entry,
submitted scorecards, findings and viewing figures). In one process, side by side, best of
``--repeat`` after a warm-up:

- the numbers alone: ``compute_ranking`` + ``stability_of`` (bootstrap, sweep, methods) —
  the floor every decision record pays;
- the decision record's data (the numbers plus panel, audit and 附件5 facts);
- the whole PDF (data + Typst typesetting) — target ≤ 10 s;
- 附件5 as PDF, for comparison.

The ratio record / numbers shows what the document itself costs.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from pathlib import Path

from _common import bench_settings, machine_note, say, timed, verdict
from ranking import build

TARGET_S = 10.0


def _best(work, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    first, value = timed(work)
    return first, min(timed(work)[0] for _ in range(repeat)), value


def main() -> None:
    """Build the folder, time the four steps, print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from pypdf import PdfReader

    from scoring.enums import Role
    from scoring.services.context import Actor, open_context
    from scoring.services.ranking.decision_record import decision_record_data, decision_record_pdf
    from scoring.services.ranking.official_forms import export_summary
    from scoring.services.ranking.results import compute_ranking
    from scoring.services.ranking.stability import stability_of

    print(f"issue 13 — decision record speed ({machine_note()})")
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        folder = Path(tmp) / "data"
        took, counts = timed(lambda: build(folder, args.entries))
        say(
            f"data folder (built in {took:.0f} s)",
            ", ".join(f"{v:,} {k}" for k, v in counts.items()),
        )
        ctx = open_context(bench_settings(folder))
        coord = Actor("coord", Role.COORDINATOR)
        # The ranking bench's error findings carry placeholder facts; give them a real message.
        ctx.db.write(
            lambda cur: cur.execute(
                "UPDATE findings SET message_key = 'rule.duration.too_long',"
                " params = '{\"duration\": 95, \"special_max\": 90}' WHERE severity = 'error'"
            )
        )

        def numbers() -> object:
            result = compute_ranking(ctx, actor=coord, campaign_id=1)
            return stability_of(ctx, actor=coord, result=result)

        steps = {
            "numbers (ranking + stability)": numbers,
            "decision record data": lambda: decision_record_data(ctx, actor=coord, campaign_id=1),
            "decision record PDF": lambda: decision_record_pdf(ctx, actor=coord, campaign_id=1),
            "附件5 PDF": lambda: export_summary(ctx, actor=coord, campaign_id=1, fmt="pdf"),
        }
        seconds = {}
        for label, work in steps.items():
            first, best, value = _best(work, args.repeat)
            seconds[label] = best
            extra = ""
            if isinstance(value, bytes):
                pages = len(PdfReader(io.BytesIO(value)).pages)
                extra = f", {pages} pages, {len(value) / 1024:.0f} KiB"
            say(label, f"{best:.2f} s  (cold {first:.2f} s{extra})")
        ctx.db.close()
    record, floor = seconds["decision record PDF"], seconds["numbers (ranking + stability)"]
    say("record / numbers", f"{record / floor:.2f}×")
    say(
        f"decision record, {args.entries} entries",
        f"{record:.2f} s (target ≤ {TARGET_S:.0f} s) {verdict(record, TARGET_S)}",
    )


if __name__ == "__main__":
    main()
