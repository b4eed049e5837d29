"""``python -m scoring probe`` and ``entries import``: output, --json, exit codes 0/1/2.

Fixture values (tests/fixtures/media/README.md): land_1080.mp4 is 10,695 bytes, 1920×1080
H.264 + AAC, 2.0 s at 10 fps, 42,780 b/s; rotated_90.mp4 is a 1920×1080 stream tagged
rotate=90, so 1080×1920 portrait on screen.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.cli import main
from scoring.media.store import sha256_of
from scoring.services.context import open_context
from scoring.services.setup import initialise
from scoring.storage import entries as entry_store
from scoring.storage.rows import Cursor
from tests.conftest import SHELL, make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MEDIA = FIXTURES / "media"
TABLES = FIXTURES / "entries"


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def probe_json(
    *names: str, category: str = "micro_video", exit_code: int = 0
) -> list[dict[str, object]]:
    """The ``probe --json`` document; ``exit_code`` 1 where a file has an error finding."""
    paths = [str(MEDIA / name) for name in names]
    code, out, err = run(["probe", *paths, "--category", category, "--json", "--lang", "en"])
    assert (code, err) == (exit_code, "")
    document: list[dict[str, object]] = json.loads(out)
    return document


def facts(document: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in document.items() if k not in {"file", "findings", "hints"}}


def verdicts(document: dict[str, object]) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in document["findings"]]  # type: ignore[attr-defined]


# --- probe -----------------------------------------------------------------------------------


def test_probe_json_land_1080_exact() -> None:
    (doc,) = probe_json("land_1080.mp4")
    assert doc["file"] == str(MEDIA / "land_1080.mp4")
    assert facts(doc) == {
        "sha256": sha256_of(MEDIA / "land_1080.mp4"),
        "size_bytes": 10695,
        "container": "mp4",
        "video_codec": "AVC",
        "audio_codec": "AAC",
        "width": 1920,
        "height": 1080,
        "rotation": 0,
        "orientation": "landscape",
        "duration_s": 2.0,
        "fps": 10.0,
        "bit_rate": 42780,
    }
    assert verdicts(doc) == [
        ("container", "ok"),
        ("streams", "ok"),
        ("orientation", "ok"),
        ("aspect", "ok"),
        ("resolution", "ok"),
        ("duration", "ok"),
        ("preview", "ok"),
    ]
    assert doc["findings"][5]["message"] == "Duration 2 s: within 20 s."  # type: ignore[index]


def test_probe_json_rotated_is_portrait_1080_by_1920() -> None:
    (doc,) = probe_json("rotated_90.mp4")
    shown = facts(doc)
    assert (shown["width"], shown["height"], shown["rotation"], shown["orientation"]) == (
        1080,
        1920,
        90,
        "portrait",
    )
    assert ("orientation", "ok") in verdicts(doc)


def test_probe_json_prores_is_mov_with_a_container_warning() -> None:
    (doc,) = probe_json("prores.mov")
    assert (doc["container"], doc["video_codec"], doc["audio_codec"]) == ("mov", "ProRes", "PCM")
    assert verdicts(doc)[0] == ("container", "warning")


def test_probe_json_audio_only_has_no_video() -> None:
    (doc,) = probe_json("audio_only.mp4", exit_code=1)
    shown = facts(doc)
    assert (shown["video_codec"], shown["width"], shown["height"], shown["orientation"]) == (
        None,
        None,
        None,
        None,
    )
    assert (shown["audio_codec"], shown["duration_s"]) == ("AAC", 2.0)
    assert verdicts(doc) == [("container", "ok"), ("streams", "error")]
    assert doc["findings"][1]["message"].startswith(  # type: ignore[index]
        "The file has no readable video track (MediaInfo reads it as: MPEG-4)"
    )


@pytest.mark.parametrize(
    ("name", "container", "expected"),
    [
        ("empty.mp4", "other", [("container", "error"), ("streams", "error")]),
        ("text.mp4", "other", [("container", "error"), ("streams", "error")]),
        ("truncated.mp4", "mp4", [("container", "ok"), ("streams", "error")]),
        ("../entries/unsupported.mkv", "other", [("container", "error"), ("streams", "ok")]),
    ],
)
def test_probe_broken_files_give_facts_and_findings_never_a_crash(
    name: str, container: str, expected: list[tuple[str, str]]
) -> None:
    (doc,) = probe_json(name, exit_code=1)
    assert doc["container"] == container
    assert verdicts(doc)[:2] == expected


def test_probe_several_files_in_one_document_for_the_animation_rules() -> None:
    docs = probe_json("port_1080.mp4", "land_4k.mp4", category="micro_animation", exit_code=1)
    assert [d["orientation"] for d in docs] == ["portrait", "landscape"]
    assert ("orientation", "error") in verdicts(docs[0])
    assert ("orientation", "ok") in verdicts(docs[1])


def test_probe_text_output() -> None:
    code, out, _ = run(["probe", str(MEDIA / "land_720.mp4"), "--lang", "en"])
    lines = out.splitlines()
    assert code == 1  # below 1080p is an error
    assert lines[2] == (
        "  container mp4, video AVC, audio AAC, display size 1280×720 (Landscape, rotation 0°),"
        " duration 2.0 s, 10.0 fps, bit rate 29044 b/s"
    )
    assert lines[7].startswith("  ⛔ Resolution: ")


def test_probe_text_output_of_a_file_without_video() -> None:
    code, out, _ = run(["probe", str(MEDIA / "audio_only.mp4"), "--lang", "en"])
    assert (code, out.splitlines()[2]) == (
        1,
        "  container mp4, no readable video track (audio AAC, duration 2.0 s)",
    )


def test_probe_missing_file_exit_1_and_nothing_on_stdout(tmp_path: Path) -> None:
    code, out, err = run(["probe", str(MEDIA / "land_1080.mp4"), str(tmp_path / "no.mp4")])
    assert (code, out) == (1, "")
    assert err == f"错误：找不到这些文件（或它们不是文件）：{tmp_path / 'no.mp4'}。请检查路径。\n"


def test_probe_json_shows_hints_loudness_and_the_same_film() -> None:
    hints = FIXTURES / "hints"
    names = ("loud.mp4", "dup_original.mp4", "dup_reencoded.mp4")
    code, out, err = run(["probe", *(str(hints / n) for n in names), "--json", "--lang", "en"])
    assert (code, err) == (1, "")  # 4 s fixtures are too short for the rules: error findings
    loud, original, copy = (doc["hints"] for doc in json.loads(out))
    assert loud == {
        "status": "done",
        "error": None,
        "duration_s": 4.0,
        "loudness": {"integrated_lufs": -3.0, "range_lu": 0.1, "true_peak_dbtp": 0.7},
        "silences": [],
        "blacks": [],
        "freezes": [],
        "list": [
            {
                "kind": "loud",
                "start_s": None,
                "end_s": None,
                "message": "Loud: integrated loudness -3.0 LUFS, above the broadcast norm"
                " EBU R 128 of -23 LUFS (this tool allows +/-5). Platforms such as Douyin"
                " play at about -14 LUFS and will turn it down.",
            },
            {
                "kind": "true_peak",
                "start_s": None,
                "end_s": None,
                "message": "True peak 0.7 dBTP, above the EBU R 128 limit of -1 dBTP:"
                " it may clip after the platforms transcode it.",
            },
        ],
        "same_film": [],
    }
    assert (original["loudness"], original["list"]) == (None, [])  # no audio: no loudness
    assert original["same_film"] == [
        {"file": str(hints / "dup_reencoded.mp4"), "ranges": [[1.0, 6.0, 0.0, 5.0]], "whole": True}
    ]
    assert copy["same_film"] == [
        {"file": str(hints / "dup_original.mp4"), "ranges": [[0.0, 5.0, 1.0, 6.0]], "whole": True}
    ]


def test_probe_text_output_lists_the_hints() -> None:
    code, out, _ = run(["probe", str(FIXTURES / "hints" / "black_gap.mp4"), "--lang", "en"])
    assert code == 1  # too short for the rules; hints never change the exit code
    assert out.splitlines()[-1] == "  hint: Black picture for 1.0 s (0:02.0-0:03.0)."
    hints = FIXTURES / "hints"
    names = [str(hints / "dup_original.mp4"), str(hints / "dup_reencoded.mp4")]
    code, out, _ = run(["probe", *names, "--lang", "en"])
    assert [line for line in out.splitlines() if "same film" in line] == [
        f"  same film as {names[1]}: 0:01.0-0:06.0 = 0:00.0-0:05.0",
        f"  same film as {names[0]}: 0:00.0-0:05.0 = 0:01.0-0:06.0",
    ]


def test_probe_of_a_file_that_is_not_video_has_empty_hints() -> None:
    (doc,) = probe_json("text.mp4", exit_code=1)
    assert doc["hints"] == {
        "status": "done",
        "error": None,
        "duration_s": None,
        "loudness": None,
        "silences": [],
        "blacks": [],
        "freezes": [],
        "list": [],
        "same_film": [],
    }


def test_probe_without_files_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as usage:
        run(["probe"])
    assert usage.value.code == 2


# --- entries import ---------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    ctx, _ = initialise(make_settings(folder), demo=False, actor=SHELL)
    ctx.db.close()
    yield folder


@pytest.fixture
def videos(tmp_path: Path) -> Path:
    folder = tmp_path / "videos"
    folder.mkdir()
    for name, source in (
        ("作品 一.mp4", "land_1080.mp4"),
        ("竖屏 作品.mp4", "rotated_90.mp4"),
        ("动漫 片.mov", "prores.mov"),
    ):
        shutil.copyfile(MEDIA / source, folder / name)
    return folder


def import_args(data_dir: Path, table: str, *more: str) -> list[str]:
    return ["entries", "import", str(TABLES / table), "--data-dir", str(data_dir), *more]


def stored(data_dir: Path) -> list[tuple[str, str, str]]:
    """(code, declared video, preview status of its stored file or "—") of every entry."""
    ctx = open_context(make_settings(data_dir))

    def work(cur: Cursor) -> list[tuple[str, str, str]]:
        rows = []
        for entry in entry_store.list_entries(cur, 1):
            sha = entry.media_sha256
            media = entry_store.get_media_file(cur, sha) if sha else None
            rows.append((entry.code, entry.media_file, media.preview_status if media else "—"))
        return rows

    try:
        return ctx.db.read(work)
    finally:
        ctx.db.close()


def test_entries_import_prints_counts_and_exits_0(data_dir: Path, videos: Path) -> None:
    args = import_args(data_dir, "good.csv", "--media-dir", str(videos), "--no-previews")
    assert run(args) == (
        0,
        "读取：3 行\n"
        "新增：3 件（GS-T-001, GS-T-002, GS-T-003）\n"
        "更新：0 件（—）\n"
        "无变化：0 件（—）\n"
        "已存入视频：3 个\n"
        "已导入“good.csv”。\n",
        "",
    )
    assert stored(data_dir) == [
        ("GS-T-001", "作品 一.mp4", "pending"),
        ("GS-T-002", "竖屏 作品.mp4", "pending"),
        ("GS-T-003", "动漫 片.mov", "pending"),
    ]


def test_entries_import_makes_previews_with_progress(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copyfile(MEDIA / "land_1080.mp4", folder / "作品 一.mp4")
    table = tmp_path / "one.csv"
    table.write_text(
        "作品编号,作品名称,作品类别,拍摄单位,视频文件\nGS-P-001,预览,微视频,某单位,作品 一.mp4\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        ["entries", "import", str(table), "--media-dir", str(folder), "--data-dir", str(data_dir)]
    )
    assert code == 0
    assert out.splitlines()[-1] == "预览 1/1：作品 一.mp4 … 已生成"
    assert stored(data_dir) == [("GS-P-001", "作品 一.mp4", "done")]


def test_entries_import_rejected_prints_every_problem_exit_1(data_dir: Path, videos: Path) -> None:
    code, out, err = run(import_args(data_dir, "bad_rows.csv", "--media-dir", str(videos)))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[0] == "读取：10 行"  # and no counts of done work: nothing was done
    assert lines[1] == (
        "第 2 行 · 列「作品类别」· 值「短视频」："
        "作品类别只能是 微视频 / micro_video / 微动漫 / micro_animation。请改为其中之一。"
    )
    assert len(lines) == 1 + 10 + 1
    assert lines[-1] == "发现 10 处问题，本次没有写入任何内容。请按上面的说明改正后重新导入。"
    assert stored(data_dir) == []


def test_entries_import_json_is_one_document(data_dir: Path, videos: Path) -> None:
    args = import_args(data_dir, "good.csv", "--media-dir", str(videos), "--json")
    code, out, err = run([*args, "--no-previews"])
    document = json.loads(out)
    assert (code, err) == (0, "")
    assert (document["written"], document["created"], document["problems"]) == (
        True,
        ["GS-T-001", "GS-T-002", "GS-T-003"],
        [],
    )
    assert [m["file"] for m in document["media"]] == ["作品 一.mp4", "动漫 片.mov", "竖屏 作品.mp4"]
    assert document["previews"] == []


def test_entries_import_json_rejected_lists_problems(data_dir: Path) -> None:
    code, out, _ = run(import_args(data_dir, "unknown_header.csv", "--json"))
    document = json.loads(out)
    assert (code, document["written"]) == (1, False)
    assert [(p["line"], p["column"]) for p in document["problems"]] == [
        (None, "作品类型"),
        (None, "拍摄单位/producer"),
    ]


def test_entries_import_dry_run_writes_nothing(data_dir: Path, videos: Path) -> None:
    code, out, _ = run(import_args(data_dir, "good.csv", "--media-dir", str(videos), "--dry-run"))
    assert code == 0
    assert out.splitlines()[-1] == "仅检查（--dry-run）：没有写入任何内容。"
    assert stored(data_dir) == []


def test_entries_import_empty_table_exit_1(data_dir: Path) -> None:
    code, out, err = run(import_args(data_dir, "headers_only.csv"))
    assert (code, out) == (1, "")
    assert err == "错误：文件“headers_only.csv”中没有数据行：第一行应是表头，下面至少有一行数据。\n"


def test_entries_import_unreadable_table_exit_1(data_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(["entries", "import", str(tmp_path / "无.csv"), "--data-dir", str(data_dir)])
    assert code == 1
    assert err.startswith(f"错误：无法读取文件 {tmp_path / '无.csv'}：")


def test_entries_import_without_a_table_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as usage:
        run(["entries", "import"])
    assert usage.value.code == 2
