"""``rank`` and ``export`` on the demo data."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from scoring.cli import main
from scoring.services.context import Actor, open_context
from scoring.services.ranking.results import WhatIf, compute_ranking, rank_rows
from scoring.services.ranking.stability import stability_json, stability_of
from tests.conftest import make_settings


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_rank_json_lists_every_entry_with_spec_fields(demo_dir: Path) -> None:
    code, out, _ = run(["rank", "--json", "--data-dir", str(demo_dir)])
    rows = json.loads(out)
    assert code == 0 and len(rows) == 15
    assert list(rows[0]) == [
        "rank",
        "code",
        "title",
        "category",
        "expert",
        "audience",
        "final",
        "judges",
        "views",
        "status",
        "p_top",
    ]
    assert (rows[0]["rank"], rows[0]["code"], rows[0]["status"]) == (1, "GS-2023-002", "ranked")
    cqo = next(r for r in rows if r["code"] == "GS-2023-008")
    assert (cqo["rank"], cqo["status"]) == (1, "cqo")
    incomplete = next(r for r in rows if r["code"] == "GS-2023-014")
    assert (incomplete["rank"], incomplete["final"], incomplete["judges"]) == (None, None, 2)


def service_figures(demo_dir: Path, **what_if: object) -> tuple[object, object]:
    """The ranking rows and the panel's figures, from the services the Ranking page calls."""
    ctx = open_context(make_settings(demo_dir))
    try:
        actor = Actor.shell("tester")
        result = compute_ranking(ctx, actor=actor, campaign_id=1, what_if=WhatIf(**what_if))  # type: ignore[arg-type]
        stability = stability_of(ctx, actor=actor, result=result)
        rows = rank_rows(result, stability.probabilities)
        return rows, stability_json(result, stability)
    finally:
        ctx.db.close()


def test_rank_json_p_top_is_the_pages_bootstrap_exactly(demo_dir: Path) -> None:
    code, out, _ = run(["rank", "--json", "--data-dir", str(demo_dir)])
    rows, _ = service_figures(demo_dir)
    assert (code, json.loads(out)) == (0, json.loads(json.dumps(rows)))
    assert [r["p_top"] for r in json.loads(out)][:5] == [0.9995, 1.0, 1.0, 1.0, 0.8095]


def test_rank_stability_json_is_the_pages_figures_exactly(demo_dir: Path) -> None:
    args = ["rank", "--stability", "--json", "--top", "3", "--data-dir", str(demo_dir)]
    code, out, _ = run(args)
    rows, figures = service_figures(demo_dir, top_n=3)
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps({"ranking": rows, "stability": figures}))
    assert json.loads(out)["stability"]["by_method"]["zscore"] == [
        "GS-2023-002",
        "GS-2023-005",
        "GS-2023-011",
    ]


def test_rank_stability_text(demo_dir: Path) -> None:
    code, out, _ = run(["rank", "--stability", "--lang", "en", "--data-dir", str(demo_dir)])
    lines = out.splitlines()
    assert code == 0
    assert lines[15].startswith(
        "P(top N) (bootstrap, seed 20230521, 2000 resamples): GS-2023-002 100.0%  GS-2023-005"
    )
    assert lines[16] == (
        "Top N without judge judge1: GS-2023-002, GS-2023-005, GS-2023-011, GS-2023-003,"
        " GS-2023-009"
    )
    assert lines[-1].startswith("Agreement: Krippendorff's α = 0.625; ICC(3,k) = —;")


def test_rank_options_and_bad_values(demo_dir: Path) -> None:
    code, out, _ = run(
        ["rank", "--json", "--method", "raw", "--expert-weight", "1", "--data-dir", str(demo_dir)]
    )
    assert code == 0 and json.loads(out)[1]["code"] == "GS-2023-003"
    code, out, err = run(["rank", "--top", "0", "--data-dir", str(demo_dir), "--lang", "en"])
    assert (code, out) == (1, "")
    assert err.startswith("Error: ")


def test_export_writes_csv_and_xlsx(demo_dir: Path, tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "a5.csv", tmp_path / "rank.xlsx"
    assert run(["export", "shortlist", str(csv_path), "--data-dir", str(demo_dir)])[0] == 0
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf\xe4\xbd\x9c\xe5\x93\x81\xe7\xb1\xbb")
    code, out, _ = run(["export", "ranking", str(xlsx_path), "--data-dir", str(demo_dir)])
    size = xlsx_path.stat().st_size
    assert code == 0 and out == f"已写出 ranking：{xlsx_path}（{size} 字节）。\n"
    assert load_workbook(xlsx_path).active.max_row == 7 + 15


def test_export_refuses_other_file_types(demo_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(["export", "scores", str(tmp_path / "x.pdf"), "--data-dir", str(demo_dir)])
    assert code == 1 and "须以 .csv、.xlsx 结尾" in err
    assert not (tmp_path / "x.pdf").exists()


def test_rank_audience_lists_the_top_n_by_views(demo_dir: Path) -> None:
    code, out, _ = run(["rank", "--audience", "--json", "--data-dir", str(demo_dir)])
    rows = json.loads(out)
    assert code == 0
    assert [(r["place"], r["code"], r["rank"], r["status"]) for r in rows] == [
        (1, "GS-2023-005", 2, "ranked"),
        (2, "GS-2023-006", None, "excluded:compliance"),
        (3, "GS-2023-009", 5, "ranked"),
        (4, "GS-2023-008", 1, "cqo"),
        (5, "GS-2023-002", 1, "ranked"),
    ]
    assert [r["views"] for r in rows] == sorted((r["views"] for r in rows), reverse=True)
    assert all(r["neutralised"] is None for r in rows)
    code, out, _ = run(["rank", "--audience", "--top", "2", "--data-dir", str(demo_dir)])
    assert (code, out.splitlines()[1]) == (
        0,
        f"  2  GS-2023-006  {rows[1]['views']:>10}               excluded:compliance  渠水长流",
    )


def test_rank_json_is_unchanged_by_the_audience_option(demo_dir: Path) -> None:
    plain = json.loads(run(["rank", "--json", "--data-dir", str(demo_dir)])[1])
    assert len(plain) == 15 and "place" not in plain[0]
