"""``probe`` exit status: 1 when any probed file has an error finding, 0 for warnings only.

Fixtures (tests/fixtures/media/README.md): land_1080.mp4 passes every rule; prores.mov has
only a container warning (MOV); audio_only.mp4 has no video track (an error).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scoring.cli import build_parser, main

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def severities(out: str) -> list[list[str]]:
    return [sorted({f["severity"] for f in doc["findings"]}) for doc in json.loads(out)]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["land_1080.mp4"], (0, [["ok"]])),
        (["prores.mov"], (0, [["ok", "warning"]])),
        (["audio_only.mp4"], (1, [["error", "ok"]])),
        (
            ["land_1080.mp4", "prores.mov", "audio_only.mp4"],
            (1, [["ok"], ["ok", "warning"], ["error", "ok"]]),
        ),
    ],
)
def test_probe_json_exits_1_only_for_an_error_finding(
    names: list[str], expected: tuple[int, list[list[str]]]
) -> None:
    code, out, err = run("probe", *(str(MEDIA / n) for n in names), "--json")
    assert ((code, severities(out)), err) == (expected, "")


def test_probe_text_output_exits_1_for_an_error_finding_and_0_for_a_warning() -> None:
    assert run("probe", str(MEDIA / "audio_only.mp4"))[0] == 1
    assert run("probe", str(MEDIA / "prores.mov"))[0] == 0


def test_probe_help_states_the_exit_status() -> None:
    zh = build_parser("zh")._subparsers._group_actions[0].choices["probe"]  # type: ignore[union-attr]
    en = build_parser("en")._subparsers._group_actions[0].choices["probe"]  # type: ignore[union-attr]
    assert "退出码：0 表示没有文件有错误（可以有提醒），1 表示至少一个文件有错误或无法读取" in (
        zh.format_help()
    )
    assert (
        "Exit status: 0 when no file has an error finding (warnings allowed), 1 when any file"
        " has a finding of severity error or cannot be read, 2 for a usage error."
    ) in " ".join(en.format_help().split())
