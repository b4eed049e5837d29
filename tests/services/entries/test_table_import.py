"""Importing entries and their videos, and the single-entry form (issue 3 parts 1–3).

Tables: tests/fixtures/entries (make_entries.py). The video folder of each test holds
copies of tests/fixtures/media under Chinese names with spaces (see VIDEOS). The campaign
is the empty first campaign that ``initialise`` creates (id 1).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from scoring.enums import EntryStage, Role, Severity
from scoring.errors import InvalidInput, MediaProblem, NotAllowed
from scoring.i18n import translate
from scoring.media.store import original_path, sha256_of
from scoring.records.entries import Entry
from scoring.services.context import Actor, Context
from scoring.services.entries.form import blank_texts, entry_form_texts, save_entry
from scoring.services.entries.media_files import store_path, upload_source
from scoring.services.entries.report import problem_json
from scoring.services.entries.table_import import (
    apply_entry_import,
    import_entries,
    plan_entry_import,
)
from scoring.services.setup import initialise
from scoring.storage import compliance
from scoring.storage import entries as entry_store
from scoring.storage.audit import AuditFilter, list_events
from scoring.storage.imports import list_imports
from tests.conftest import COORD, SHELL, T0, FakeClock, make_settings
from tests.services.entries.units_setup import LANZHOU, TIANSHUI, Units

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
TABLES = ROOT / "entries"
MEDIA = ROOT / "media"
VIDEOS = {
    "作品 一.mp4": "land_1080.mp4",
    "竖屏 作品.mp4": "rotated_90.mp4",
    "动漫 片.mov": "prores.mov",
}
SHA = {name: sha256_of(MEDIA / source) for name, source in VIDEOS.items()}


@pytest.fixture
def fresh(tmp_path: Path, clock: FakeClock) -> Iterator[Context]:
    """An installation with one empty campaign."""
    ctx, _ = initialise(make_settings(tmp_path / "data"), demo=False, actor=SHELL, clock=clock)
    yield ctx
    ctx.db.close()


@pytest.fixture
def videos(tmp_path: Path) -> Path:
    folder = tmp_path / "视频 文件夹"
    folder.mkdir()
    for name, source in VIDEOS.items():
        shutil.copyfile(MEDIA / source, folder / name)
    return folder


def load(ctx: Context, table: str, folder: Path | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
    data = (TABLES / table).read_bytes()
    return import_entries(ctx, actor=COORD, data=data, file_name=table, media_dir=folder, **kwargs)  # type: ignore[arg-type]


def entries(ctx: Context) -> list[Entry]:
    return ctx.db.read(lambda cur: entry_store.list_entries(cur, 1))


def checksums(ctx: Context) -> dict[str, str]:
    """A digest of every table's rows: equal before and after means nothing was written."""

    def work(cur):  # type: ignore[no-untyped-def]
        tables = cur.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name"
        ).fetchall()
        digests = {}
        for (name,) in tables:
            # The names come from information_schema, not from input.
            query = f'SELECT * FROM "{name}"'  # noqa: S608
            rows = sorted(repr(r) for r in cur.execute(query).fetchall())
            digests[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return digests

    return ctx.db.read(work)


def stored_files(ctx: Context) -> list[str]:
    folder = ctx.settings.media_dir
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def audit(ctx: Context, action: str) -> list[tuple[str, dict[str, object]]]:
    events = ctx.db.read(lambda cur: list_events(cur, AuditFilter(action=action)))
    return [(e.target, e.details) for e in reversed(events)]


def upload(name: str, data: bytes) -> UploadedFile:
    return UploadedFile(
        UploadedFileRec(file_id=name, name=name, type="video/mp4", data=data), FileURLs()
    )


# --- a good table ---------------------------------------------------------------------------


def test_import_creates_entries_and_stores_videos_under_their_sha256(
    fresh: Context, videos: Path
) -> None:
    report = load(fresh, "good.csv", videos)
    assert (report.written, report.created, report.updated) == (
        True,
        ("GS-T-001", "GS-T-002", "GS-T-003"),
        (),
    )
    stored = {e.code: (e.media_file, e.media_sha256) for e in entries(fresh)}
    assert stored == {
        "GS-T-001": ("作品 一.mp4", SHA["作品 一.mp4"]),
        "GS-T-002": ("竖屏 作品.mp4", SHA["竖屏 作品.mp4"]),
        "GS-T-003": ("动漫 片.mov", SHA["动漫 片.mov"]),
    }
    assert stored_files(fresh) == sorted(f"originals/{sha}" for sha in SHA.values())
    for name, sha in SHA.items():
        media = fresh.db.read(lambda cur, sha=sha: entry_store.get_media_file(cur, sha))
        assert media is not None
        assert (media.original_name, media.preview_status) == (name, "pending")
        assert sha256_of(original_path(fresh.settings.media_dir, sha)) == sha


def test_import_reads_the_display_size_of_the_rotated_video(fresh: Context, videos: Path) -> None:
    load(fresh, "good.csv", videos)
    media = fresh.db.read(lambda cur: entry_store.get_media_file(cur, SHA["竖屏 作品.mp4"]))
    assert media is not None
    assert (media.width, media.height, media.rotation, media.container) == (1080, 1920, 90, "mp4")


@pytest.mark.parametrize("table", ["good_bom.csv", "good_gb18030.csv", "good_en.xlsx"])
def test_import_bom_gb18030_and_english_xlsx_give_the_same_entries(
    fresh: Context, videos: Path, tmp_path: Path, clock: FakeClock, table: str
) -> None:
    load(fresh, "good.csv", videos)
    expected = [(e.code, e.title, e.category, e.completed_date, e.phone) for e in entries(fresh)]
    other, _ = initialise(make_settings(tmp_path / "other"), demo=False, actor=SHELL, clock=clock)
    try:
        assert load(other, table, videos).written
        got = [(e.code, e.title, e.category, e.completed_date, e.phone) for e in entries(other)]
    finally:
        other.db.close()
    assert got == expected
    assert expected[2][3].isoformat() == "2023-04-20"  # written 2023年4月20日


def test_import_recomputes_findings_in_the_same_transaction(fresh: Context, videos: Path) -> None:
    load(fresh, "good.csv", videos)
    findings = fresh.db.read(lambda cur: compliance.list_findings(cur, 1))
    by_rule = {(f.entry_id, f.rule): f for f in findings}
    assert by_rule[(1, "container")].severity is Severity.OK
    assert by_rule[(3, "container")].message_key == "rule.container.tolerated"  # ProRes MOV
    assert by_rule[(2, "orientation")].message_key == "rule.orientation.ok_portrait"


def test_import_logs_the_file_with_counts_and_sha256(fresh: Context, videos: Path) -> None:
    data = (TABLES / "good.csv").read_bytes()
    load(fresh, "good.csv", videos)
    logged = fresh.db.read(lambda cur: list_imports(cur, 1))
    assert [(i.kind, i.file_name, i.sha256, i.rows_read, i.rows_imported) for i in logged] == [
        ("entries", "good.csv", hashlib.sha256(data).hexdigest(), 3, 3)
    ]
    ((target, details),) = audit(fresh, "entries.import")
    assert target == "good.csv"
    assert details == {
        "import_id": 1,
        "sha256": hashlib.sha256(data).hexdigest(),
        "rows_read": 3,
        "media_stored": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    assert [t for t, _ in audit(fresh, "entry.create")] == ["GS-T-001", "GS-T-002", "GS-T-003"]


# --- re-importing ---------------------------------------------------------------------------


def test_reimport_updates_by_code_audits_old_and_new_and_never_duplicates(
    fresh: Context, videos: Path
) -> None:
    load(fresh, "good.csv", videos)
    report = load(fresh, "update.csv", videos)
    assert (report.created, report.updated, report.unchanged) == (
        ("GS-T-004",),
        ("GS-T-001", "GS-T-002"),
        ("GS-T-003",),
    )
    assert [e.code for e in entries(fresh)] == ["GS-T-001", "GS-T-002", "GS-T-003", "GS-T-004"]
    assert audit(fresh, "entry.update") == [
        (
            "GS-T-001",
            {
                "entry_id": 1,
                "origin": "update.csv",
                "changes": {"title": {"old": "一碗面的标准", "new": "一碗牛肉面的标准"}},
            },
        ),
        (
            "GS-T-002",
            {
                "entry_id": 2,
                "origin": "update.csv",
                "changes": {"phone": {"old": "0931-8533511", "new": "13993800005"}},
            },
        ),
    ]


def test_reimport_of_the_same_table_changes_nothing(fresh: Context, videos: Path) -> None:
    load(fresh, "good.csv", videos)
    first = entries(fresh)
    report = load(fresh, "good.csv", videos)
    assert (report.created, report.updated) == ((), ())
    assert report.unchanged == ("GS-T-001", "GS-T-002", "GS-T-003")
    assert entries(fresh) == first
    assert audit(fresh, "entry.update") == []


def test_reimport_without_the_folder_keeps_the_stored_videos(fresh: Context, videos: Path) -> None:
    load(fresh, "good.csv", videos)
    load(fresh, "update.csv")
    shas = {e.code: e.media_sha256 for e in entries(fresh)}
    assert shas == {
        "GS-T-001": SHA["作品 一.mp4"],
        "GS-T-002": SHA["竖屏 作品.mp4"],
        "GS-T-003": SHA["动漫 片.mov"],
        "GS-T-004": None,  # named a video, but none was given: the media rule asks for it
    }
    media = {
        (f.entry_id, f.rule): f.message_key
        for f in fresh.db.read(lambda c: compliance.list_findings(c, 1))
    }
    assert media[(4, "media")] == "rule.media.missing"


def test_reimport_with_a_folder_lacking_a_stored_video_keeps_it(
    fresh: Context, videos: Path
) -> None:
    load(fresh, "good.csv", videos)
    (videos / "动漫 片.mov").unlink()
    report = load(fresh, "good.csv", videos)
    assert report.written and report.plan.problems == ()
    assert entries(fresh)[2].media_sha256 == SHA["动漫 片.mov"]


# --- refused tables: nothing written ------------------------------------------------------


BAD_ROWS_ZH = [
    (
        2,
        "作品类别",
        "短视频",
        ("作品类别只能是 微视频 / micro_video / 微动漫 / micro_animation。请改为其中之一。"),
    ),
    (
        3,
        "完成时间",
        "2023-13-45",
        (
            "不是有效的日期（月份为 1–12，日期须在该月之内）。请写成 2023-04-18、20"
            "23/4/18 或 2023年4月18日 这样的完整日期。"
        ),
    ),
    (
        4,
        "首席质量官案例",
        "也许",
        (
            "这一格只能填“是”或“否”（也可写 yes/no，版权承诺书可写“已提交/未提交”）"
            "；留空按“否”处理。"
        ),
    ),
    (
        5,
        "作品名称",
        "长" * 200,
        (
            "内容有 200 个字，超过了可保存的上限 100 个字（按去掉空白后的字数计）。"
            "常见原因是粘贴时多带了其他单元格的内容；请删减后再导入。"
        ),
    ),
    (
        6,
        "作品编号",
        "GS-B-001",
        (
            "作品编号与第 2 行重复：同一表格中每件作品只能出现一次。请删除重复的行"
            "，或改正其中一个编号。"
        ),
    ),
    (
        7,
        "作品名称",
        '=HYPERLINK("http://x")',
        (
            '“=HYPERLINK("http://x")”看起来是公式（以 = + - @ 或全角 ＝ ＋ － ＠ 开头），'
            "不予导入。请填写公式的计算结果，而不是公式本身。"
        ),
    ),
    (
        8,
        "作品名称",
        "",
        "“作品名称”是必填项，这一格是空的。请填写后再导入。",
    ),
    (
        9,
        "视频文件",
        "../secret.mp4",
        (
            "视频文件名不能包含“..”、以“/”或盘符开头的绝对路径，或控制字符：只能填"
            "写视频文件夹中的文件名（如 作品1.mp4，或子文件夹中的 微视频/作品1.mp4"
            "）。"
        ),
    ),
    (
        10,
        "视频文件",
        "/etc/passwd",
        (
            "视频文件名不能包含“..”、以“/”或盘符开头的绝对路径，或控制字符：只能填"
            "写视频文件夹中的文件名（如 作品1.mp4，或子文件夹中的 微视频/作品1.mp4"
            "）。"
        ),
    ),
]


def test_bad_rows_are_all_reported_with_their_exact_messages_and_nothing_is_written(
    fresh: Context, videos: Path
) -> None:
    load(fresh, "good.csv", videos)
    before, files_before = checksums(fresh), stored_files(fresh)
    report = load(fresh, "bad_rows.csv", videos)
    shown = [
        (p["line"], p["column"], p["value"], p["reason"]) for p in report.to_json("zh")["problems"]
    ]
    missing = (
        11,
        "视频文件",
        "不存在.mp4",
        f"视频文件夹（{videos}）中没有这个文件。请检查文件名（包括扩展名）是否与文件夹中的一致，"
        "或把该视频放入文件夹（网页导入时一并上传）后再导入。",
    )
    assert shown == [*BAD_ROWS_ZH, missing]
    assert (report.written, report.plan.accepted) == (False, False)
    assert checksums(fresh) == before
    assert stored_files(fresh) == files_before


def test_bad_row_message_in_english(fresh: Context, videos: Path) -> None:
    report = load(fresh, "bad_rows.csv", videos)
    assert report.to_json("en")["problems"][1]["reason"] == (
        "This is not a real date (months go from 1 to 12 and the day must exist in that month)."
        " Write a full date such as 2023-04-18, 2023/4/18 or 2023年4月18日."
    )


def test_unknown_header_and_missing_required_column(fresh: Context) -> None:
    before = checksums(fresh)
    report = load(fresh, "unknown_header.csv")
    problems = report.to_json("zh")["problems"]
    assert [(p["line"], p["column"], p["value"]) for p in problems] == [
        (None, "作品类型", "作品类型"),
        (None, "拍摄单位/producer", ""),
    ]
    assert problems[0]["reason"] == (
        "不认识这个列名。请改为作品登记表的列名之一："
        "作品编号/code, 作品名称/title, 作品类别/category, 片长/declared_duration, "
        "拍摄单位/producer, 拍摄时间/shot_date, 完成时间/completed_date, 作品简介/synopsis, "
        "视频文案/copy_text, 地点/place, 人物/people, 事件/event, 结果/result, 视频简介/intro, "
        "报送单位/submitter, 报送主体类型/submitter_type, 推荐单位/recommender, "
        "联系人/contact, 联系电话/phone, 首席质量官案例/cqo_case, 视频文件/media_file, "
        "展播链接/platform_links, 版权承诺书/copyright_pledge, "
        "无重大事故/no_major_incident, 依法设立/lawfully_established；"
        "序号、备注等列（序号, no, no., 备注, note, notes, remarks）会被忽略。"
    )
    assert (
        problems[1]["reason"]
        == "表格缺少必需的列“拍摄单位/producer”。请在表头加上这一列并为每件作品填写。"
    )
    assert checksums(fresh) == before


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "headers_only.csv",
            "文件“headers_only.csv”中没有数据行：第一行应是表头，下面至少有一行数据。",
        ),
        (
            "../tables/empty.csv",
            "文件“../tables/empty.csv”是空的（0 字节）。请重新导出表格后再上传。",
        ),
    ],
)
def test_empty_table_is_refused_before_any_row(fresh: Context, table: str, message: str) -> None:
    before = checksums(fresh)
    with pytest.raises(InvalidInput) as refused:
        load(fresh, table)
    assert refused.value.message("zh") == message
    assert checksums(fresh) == before


def test_same_video_under_two_entries_is_imported_with_a_duplicate_error(
    fresh: Context, videos: Path
) -> None:
    report = load(fresh, "same_video.csv", videos)
    assert report.written and report.with_errors == ("GS-S-001", "GS-S-002")
    found = fresh.db.read(lambda cur: compliance.list_findings(cur, 1))
    duplicates = {
        (f.entry_id, f.severity, str(f.params.get("codes"))) for f in found if f.rule == "duplicate"
    }
    assert duplicates == {(1, Severity.ERROR, "GS-S-002"), (2, Severity.ERROR, "GS-S-001")}
    assert len(stored_files(fresh)) == 1


@pytest.mark.parametrize(
    ("fixture", "rule", "key"),
    [
        ("empty.mp4", "container", "rule.container.refused"),
        ("text.mp4", "streams", "rule.streams.no_video"),
        ("truncated.mp4", "streams", "rule.streams.no_video"),
        ("audio_only.mp4", "streams", "rule.streams.no_video"),
        ("../entries/unsupported.mkv", "container", "rule.container.refused"),
    ],
)
def test_broken_videos_are_imported_with_findings_never_a_crash(
    fresh: Context, tmp_path: Path, fixture: str, rule: str, key: str
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    name = Path(fixture).name
    shutil.copyfile(MEDIA / fixture, folder / name)
    table = tmp_path / "one.csv"
    table.write_text(
        f"作品编号,作品名称,作品类别,拍摄单位,视频文件\nGS-X-001,坏文件,微视频,某单位,{name}\n",
        encoding="utf-8",
    )
    report = import_entries(
        fresh, actor=COORD, data=table.read_bytes(), file_name="one.csv", media_dir=folder
    )
    assert report.written and report.with_errors == ("GS-X-001",)
    found = {f.rule: f for f in fresh.db.read(lambda cur: compliance.list_findings(cur, 1))}
    assert (found[rule].severity, found[rule].message_key) == (Severity.ERROR, key)


def test_missing_media_folder_is_refused(fresh: Context, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as refused:
        load(fresh, "good.csv", tmp_path / "nowhere")
    assert refused.value.key == "entry_import.media_dir_missing"


def test_judge_may_not_import(fresh: Context) -> None:
    with pytest.raises(NotAllowed):
        import_entries(fresh, actor=Actor("judge1", Role.JUDGE, 3), data=b"x", file_name="x.csv")


def test_dry_run_reports_and_writes_nothing(fresh: Context, videos: Path) -> None:
    before = checksums(fresh)
    report = load(fresh, "good.csv", videos, dry_run=True)
    assert (report.written, report.created) == (False, ("GS-T-001", "GS-T-002", "GS-T-003"))
    assert checksums(fresh) == before and stored_files(fresh) == []


# --- browser uploads ------------------------------------------------------------------------


def test_uploads_are_matched_by_name_stored_by_hash_and_unused_ones_listed(fresh: Context) -> None:
    uploads = [upload(name, (MEDIA / source).read_bytes()) for name, source in VIDEOS.items()]
    uploads.append(upload("../../逃出去.mp4", (MEDIA / "hevc.mp4").read_bytes()))
    data = (TABLES / "good.csv").read_bytes()
    source = upload_source(uploads, limit_mb=1)
    plan = plan_entry_import(fresh, actor=COORD, data=data, file_name="good.csv", source=source)
    assert plan.unused_media == ("../../逃出去.mp4",)
    assert [(p.code, p.action, p.media) for p in plan.planned] == [
        ("GS-T-001", "create", "作品 一.mp4"),
        ("GS-T-002", "create", "竖屏 作品.mp4"),
        ("GS-T-003", "create", "动漫 片.mov"),
    ]
    report = apply_entry_import(fresh, actor=COORD, plan=plan)
    assert {m.original_name for m in report.media} == set(VIDEOS)
    assert stored_files(fresh) == sorted(f"originals/{sha}" for sha in SHA.values())


def test_upload_over_the_limit_points_to_the_command_line(fresh: Context) -> None:
    big = upload("作品 一.mp4", b"\0" * (1024 * 1024 + 1))
    data = (TABLES / "good.csv").read_bytes()
    source = upload_source([big], limit_mb=1)
    plan = plan_entry_import(fresh, actor=COORD, data=data, file_name="good.csv", source=source)
    assert problem_json(plan.problems[-1], "zh") == {
        "line": None,
        "column": "视频文件",
        "value": "作品 一.mp4",
        "key": "entry_import.upload_too_large",
        "reason": "视频有 1.0 MB，超过网页上传上限 1 MB。请在服务器上用命令行导入："
        "python -m scoring entries import 作品表.xlsx --media-dir 视频文件夹",
    }


# --- the single-entry form ------------------------------------------------------------------


def form_texts(**changed: str) -> dict[str, str]:
    texts = blank_texts()
    texts.update(code="GS-F-001", title="手工登记", category="微视频", producer="某单位")
    texts.update(completed_date="2023-04-18", phone="13893100001")
    return {**texts, **changed}


def test_form_creates_then_edits_with_the_same_audit_and_findings(fresh: Context) -> None:
    created = save_entry(fresh, actor=COORD, campaign_id=1, texts=form_texts(), editing=False)
    assert (created.action, created.problems) == ("create", ())
    texts = entry_form_texts(fresh, actor=COORD, campaign_id=1, code="GS-F-001")
    texts["title"] = "手工登记（改）"
    edited = save_entry(fresh, actor=COORD, campaign_id=1, texts=texts, editing=True)
    assert edited.action == "update"
    assert audit(fresh, "entry.update") == [
        (
            "GS-F-001",
            {
                "entry_id": 1,
                "origin": "form",
                "changes": {"title": {"old": "手工登记", "new": "手工登记（改）"}},
            },
        )
    ]
    found = {f.rule: f.message_key for f in fresh.db.read(lambda c: compliance.list_findings(c, 1))}
    assert (found["media"], found["synopsis"], found["phone"]) == (
        "rule.media.missing",
        "rule.synopsis.empty",
        "rule.phone.ok",
    )


def test_form_refuses_bad_values_with_the_table_messages(fresh: Context) -> None:
    before = checksums(fresh)
    outcome = save_entry(
        fresh,
        actor=COORD,
        campaign_id=1,
        texts=form_texts(completed_date="2023-13-45", title="", category="短视频"),
        editing=False,
    )
    assert outcome.entry is None
    assert [(p.column, p.key) for p in outcome.problems] == [
        ("title", "entry_import.required"),
        ("category", "entry_import.category_unknown"),
        ("completed_date", "entry_import.date_invalid"),
    ]
    assert translate(outcome.problems[0].key, "en", **outcome.problems[0].params) == (
        "“title” is required and this cell is empty. Fill it in and import again."
    )
    assert checksums(fresh) == before


def test_form_new_entry_with_a_taken_code_is_refused(fresh: Context) -> None:
    save_entry(fresh, actor=COORD, campaign_id=1, texts=form_texts(), editing=False)
    again = save_entry(fresh, actor=COORD, campaign_id=1, texts=form_texts(), editing=False)
    assert [p.key for p in again.problems] == ["entry_form.code_exists"]
    assert len(entries(fresh)) == 1


def test_form_video_upload_is_stored_by_hash_with_its_name_as_metadata(fresh: Context) -> None:
    video = upload("竖屏 作品 (终版).mp4", (MEDIA / "rotated_90.mp4").read_bytes())
    saved = save_entry(
        fresh, actor=COORD, campaign_id=1, texts=form_texts(), editing=False, video=video
    )
    assert saved.entry is not None
    assert (saved.entry.media_file, saved.entry.media_sha256) == (
        "竖屏 作品 (终版).mp4",
        SHA["竖屏 作品.mp4"],
    )
    assert stored_files(fresh) == [f"originals/{SHA['竖屏 作品.mp4']}"]


def test_a_video_changing_while_it_is_copied_is_refused(tmp_path: Path) -> None:
    # Another program still writing the file: its modification time moves during the copy.
    video = tmp_path / "正在写入.mp4"
    video.write_bytes((MEDIA / "land_4k.mp4").read_bytes() * 40)
    media_dir = tmp_path / "media"
    stop = threading.Event()

    def touch() -> None:
        tick = 0
        while not stop.is_set():
            tick += 1
            os.utime(video, ns=(tick * 1_000, tick * 1_000))

    writer = threading.Thread(target=touch)
    writer.start()
    try:
        with pytest.raises(MediaProblem) as refused:
            store_path(media_dir, video, original_name="正在写入.mp4", now=T0)
    finally:
        stop.set()
        writer.join()
    assert refused.value.message("zh") == (
        "视频文件 正在写入.mp4 在复制过程中被修改，未能导入。"
        "请等该文件写完（或关闭正在编辑它的程序）后重新导入。"
    )
    stored = store_path(media_dir, video, original_name="正在写入.mp4", now=T0)  # once still
    assert stored.sha256 == sha256_of(video)
    assert (stored.width, stored.height, stored.video_codec) == (3840, 2160, "AVC")


def test_without_a_kernel_copy_the_bytes_are_copied_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_kernel_copy(*_args: object) -> int:  # e.g. two file systems on an old kernel
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", no_kernel_copy)
    video = MEDIA / "land_4k.mp4"
    stored = store_path(tmp_path / "media", video, original_name="land.mp4", now=T0)
    copy = original_path(tmp_path / "media", stored.sha256)
    assert copy.read_bytes() == video.read_bytes()
    assert stored.sha256 == sha256_of(video)


def test_codes_a_spreadsheet_would_change_are_named(fresh: Context) -> None:
    data = (
        (TABLES / "good.csv").read_bytes().replace(b"GS-T-001", b"007").replace(b"GS-T-002", b"1E3")
    )
    plan = plan_entry_import(fresh, actor=COORD, data=data, file_name="good.csv")
    assert plan.spreadsheet_codes == ("007", "1E3")
    assert import_entries(
        fresh, actor=COORD, data=data, file_name="good.csv", dry_run=True
    ).to_json()["spreadsheet_codes"] == ["007", "1E3"]


# --- a recommending unit importing its own works ----------------------------------------------


def test_a_unit_imports_its_works_as_its_drafts_without_a_claimed_pledge(
    units: Units, videos: Path
) -> None:
    data = (TABLES / "good.csv").read_bytes()

    report = import_entries(
        units.ctx, actor=units.lanzhou, data=data, file_name="good.csv", media_dir=videos
    )

    assert report.written and report.created == ("GS-T-001", "GS-T-002", "GS-T-003")
    mine = units.ctx.db.read(lambda cur: entry_store.list_unit_entries(cur, 1, LANZHOU))
    assert {(e.stage, e.unit, e.recommender, e.copyright_pledge) for e in mine} == {
        (EntryStage.DRAFT, LANZHOU, LANZHOU, False)  # the table's 已提交 needs the scan
    }
    assert entries(units.ctx) == []  # nothing reached the office


def test_a_unit_may_not_import_works_naming_another_unit(units: Units) -> None:
    data = (TABLES / "good.csv").read_bytes()

    plan = plan_entry_import(units.ctx, actor=units.tianshui, data=data, file_name="good.csv")

    assert {(p.line, p.column, p.key) for p in plan.problems} == {
        (line, "推荐单位", "unit_works.recommender_other") for line in (2, 3, 4)
    }
    assert not plan.accepted


def test_codes_of_others_drafts_are_refused_to_units_and_to_the_office(
    units: Units, videos: Path
) -> None:
    data = (TABLES / "good.csv").read_bytes()
    import_entries(
        units.ctx, actor=units.lanzhou, data=data, file_name="good.csv", media_dir=videos
    )
    text = data.decode("utf-8").replace("兰州市市场监督管理局", TIANSHUI).encode("utf-8")

    theirs = plan_entry_import(units.ctx, actor=units.tianshui, data=text, file_name="t.csv")
    office = plan_entry_import(units.ctx, actor=COORD, data=data, file_name="good.csv")

    for plan in (theirs, office):
        assert [(p.line, p.key) for p in plan.problems] == [
            (2, "entry_form.code_taken"),
            (3, "entry_form.code_taken"),
            (4, "entry_form.code_taken"),
        ]


def test_a_units_plan_is_written_only_by_that_unit(units: Units) -> None:
    data = (TABLES / "good.csv").read_bytes()
    plan = plan_entry_import(units.ctx, actor=units.lanzhou, data=data, file_name="good.csv")

    with pytest.raises(NotAllowed):
        apply_entry_import(units.ctx, actor=units.tianshui, plan=plan)
    with pytest.raises(NotAllowed):
        apply_entry_import(units.ctx, actor=COORD, plan=plan)
    assert units.ctx.db.read(lambda cur: entry_store.list_all_entries(cur, 1)) == []
