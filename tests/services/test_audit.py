"""The audit log read back as sentences: every action the code writes has a name and a
sentence in both catalogs, and a line of each kind reads as words, never JSON."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from scoring.domain.shortlist import SWAP_IN, SWAP_OUT
from scoring.enums import Role
from scoring.errors import NotAllowed
from scoring.i18n import catalog
from scoring.records.audit import NewAuditEvent
from scoring.services.audit import action_name, audit_actions, audit_lines
from scoring.services.context import Actor, Context
from scoring.storage.audit import append_event
from tests.conftest import SHELL

ROOT = Path(__file__).resolve().parents[2]
T = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # 17:00 in Asia/Shanghai


def _constants(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _actions_in(tree: ast.AST) -> set[str]:
    """``action=`` of every audit call: literals, and the strings a named action is set from."""
    found: set[str] = set()
    for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        assigned = {
            target.id: node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for call in [n for n in ast.walk(function) if isinstance(n, ast.Call)]:
            for keyword in call.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                if isinstance(value, ast.Constant):
                    found.add(value.value)
                elif isinstance(value, ast.Name) and value.id in assigned:
                    found |= {s for s in _constants(assigned[value.id]) if "." in s or s.isalpha()}
                elif isinstance(value, ast.JoinedStr):
                    prefix = "".join(
                        part.value for part in value.values if isinstance(part, ast.Constant)
                    )
                    assert prefix == "shortlist.", ast.unparse(value)  # a new f-string: add it
                    found |= {prefix + k.removeprefix("shortlist_") for k in (SWAP_IN, SWAP_OUT)}
    return found


def written_actions() -> set[str]:
    """Every action name the services write to the audit log."""
    found: set[str] = set()
    for path in (ROOT / "scoring" / "services").rglob("*.py"):
        found |= _actions_in(ast.parse(path.read_text(encoding="utf-8")))
    return found - {"store_true"}


def test_every_written_action_has_a_name_and_a_sentence_in_both_catalogs() -> None:
    actions = written_actions()
    assert {"login", "login.failed", "user.disable", "shortlist.out", "entry.update"} <= actions
    assert len(actions) >= 38
    missing = sorted(
        f"{lang}: {prefix}{a}"
        for a in actions
        for lang in ("zh", "en")
        for prefix in ("audit_action.", "audit_line.")
        if prefix + a not in catalog(lang)
    )
    assert missing == []


def _log(ctx: Context, action: str, target: str = "", actor: str = "coord", **details: Any) -> None:
    event = NewAuditEvent(
        logged_at=T, actor=actor, campaign_id=1, action=action, target=target, details=details
    )
    ctx.db.write(lambda cur: append_event(cur, event))


def _only(ctx: Context, action: str, lang: str = "zh") -> str:
    lines = audit_lines(ctx, actor=SHELL, lang=lang, action=action, since=date(2026, 3, 1))
    assert len(lines) == 1
    return lines[0].text


def test_views_import_reads_as_a_sentence_in_both_languages(demo_ctx: Context) -> None:
    counts = {"rows_read": 40, "imported": 38, "duplicate": 2, "replaced": 0, "rejected": 0}
    _log(demo_ctx, "views.import", "views-0602.csv", import_id=3, sha256="ab" * 32, **counts)
    assert _only(demo_ctx, "views.import") == (
        "coord 导入了播放数据文件 views-0602.csv：读取 40 行，导入 38 行，重复 2 行，"
        "替换 0 行，拒绝 0 行。"
    )
    assert _only(demo_ctx, "views.import", "en") == (
        "coord imported the viewing figures file views-0602.csv: 40 rows read, 38 imported,"
        " 2 duplicates, 0 replaced, 0 rejected."
    )


def test_entry_update_names_each_field_old_and_new(demo_ctx: Context) -> None:
    changes = {"title": {"old": "旧名", "new": "新名"}, "cqo_case": {"old": False, "new": True}}
    _log(demo_ctx, "entry.update", "GS-2023-001", entry_id=1, origin="form", changes=changes)
    assert _only(demo_ctx, "entry.update") == (
        "coord 修改了作品 GS-2023-001（来源：登记表单）："
        "作品名称 旧名 → 新名、首席质量官案例 否 → 是。"
    )


def test_score_save_names_the_criteria_changed(demo_ctx: Context) -> None:
    _log(demo_ctx, "score.save", "GS-2023-002", actor="judge1", fields=["lively", "comment"])
    assert _only(demo_ctx, "score.save") == (
        "judge1 保存了作品 GS-2023-002 的评分草稿，改动：生动活泼，观赏性强、评语。"
    )
    assert _only(demo_ctx, "score.save", "en") == (
        "judge1 saved a draft scorecard for GS-2023-002; changed:"
        " Lively, watchable, in the short-video style, comment."
    )


def test_shortlist_swap_and_campaign_settings(demo_ctx: Context) -> None:
    _log(demo_ctx, "shortlist.out", "GS-2023-004", reason="版权存疑")
    old = {"method": "zscore", "expert_weight": 0.7, "blind_mode": True}
    new = {"method": "raw", "expert_weight": 0.6, "blind_mode": False}
    _log(demo_ctx, "campaign.settings", "2023年征集", actor="admin", old=old, new=new)
    assert _only(demo_ctx, "shortlist.out") == (
        "coord 将作品 GS-2023-004 调出推荐名单，理由：版权存疑。"
    )
    assert _only(demo_ctx, "campaign.settings", "en") == (
        "admin changed the settings of the campaign 2023年征集:"
        " expert score method z-scores (default) → raw means, expert weight w 0.7 → 0.6,"
        " blind judging yes → no."
    )


def test_logins_user_roles_and_the_app_itself(demo_ctx: Context) -> None:
    _log(demo_ctx, "login", "judge2", actor="judge2")
    _log(demo_ctx, "login.locked", "judge3", actor="judge3", until="2026-03-01 09:15:00+00:00")
    _log(demo_ctx, "user.role", "judge4", actor="admin", old="judge", new="coordinator")
    _log(demo_ctx, "backup.create", "jd-1", actor="system:nightly", files=9, size_bytes=5_300_000)
    _log(demo_ctx, "login.resumed", "judge2", actor="judge2", issued_at="2026-02-27T01:30:00+00:00")
    assert _only(demo_ctx, "login") == "judge2 登录。"
    assert _only(demo_ctx, "login.resumed") == (
        "judge2 凭 2026-02-27 09:30 登录时保存的登录状态（Cookie）进入，为当天首次。"
    )
    assert _only(demo_ctx, "login.resumed", "en") == (
        "judge2 came back with the saved login (cookie) of 2026-02-27 09:30, for the first time"
        " that day."
    )
    assert _only(demo_ctx, "login.locked") == "judge3 多次登录失败，账户锁定至 2026-03-01 17:15。"
    assert _only(demo_ctx, "user.role", "en") == (
        "admin changed the role of judge4 from Judge to Coordinator."
    )
    assert _only(demo_ctx, "backup.create") == (
        "系统（夜间自动备份）创建了备份 jd-1：9 个文件，共 5.3 MB。"
    )


def test_an_unknown_action_still_reads_as_a_sentence(demo_ctx: Context) -> None:
    _log(demo_ctx, "report.print", "GS-2023-001", pages=3, reason="存档")
    zh, en = _only(demo_ctx, "report.print"), _only(demo_ctx, "report.print", "en")
    assert zh == "coord 执行了操作“report.print”，对象 GS-2023-001（pages：3、理由：存档）。"
    assert en == 'coord did "report.print" on GS-2023-001 (pages: 3, reason: 存档).'
    assert action_name("report.print", "zh") == "report.print"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sentence_renders_with_no_details_and_no_braces(demo_ctx: Context, lang: str) -> None:
    for action in sorted(written_actions()):
        _log(demo_ctx, action, "X-1")
    lines = audit_lines(demo_ctx, actor=SHELL, lang=lang, since=date(2026, 3, 1))
    texts = {line.event.action: line.text for line in lines}
    assert sorted(texts) == sorted(written_actions())
    assert [t for t in texts.values() if "{" in t or "}" in t or '"' in t[:1]] == []
    assert {line.action_name for line in lines} & written_actions() == set()


def test_filter_lists_actions_present_and_only_admins_read(demo_ctx: Context) -> None:
    assert "demo.seed" in audit_actions(demo_ctx, actor=SHELL)
    assert action_name("demo.seed", "zh") == "建立演示数据"
    coord = Actor("coord", Role.COORDINATOR)
    with pytest.raises(NotAllowed):
        audit_lines(demo_ctx, actor=coord, lang="zh")
