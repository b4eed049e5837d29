"""``python -m scoring``: exit codes 0/1/2 and the messages people read."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scoring.cli import main
from scoring.storage.migrations import MIGRATIONS

ENV = {"JURYDESK_BCRYPT_ROUNDS": "4"}


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)


def test_init_creates_database_key_and_campaign(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = run(["init", "--data-dir", str(data), "--lang", "en"])
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith(
        f"Data folder {data.resolve()} is ready: schema version {MIGRATIONS[-1].version}"
    )
    assert "Created the login cookie key" in out
    key = data / "cookie.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text())) == 32


def test_init_twice_keeps_key_and_changes_nothing(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    key = (tmp_path / "data" / "cookie.key").read_text()
    code, out, _ = run(["init", "--data-dir", data, "--lang", "en"])
    assert code == 0
    assert "cookie key" not in out
    assert (tmp_path / "data" / "cookie.key").read_text() == key


def test_init_demo_on_non_empty_folder_refused(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    code, out, err = run(["init", "--demo", "--data-dir", data, "--lang", "en"])
    assert (code, out) == (1, "")
    assert err.startswith("Error: The data folder")
    assert "Choose a new data folder (--data-dir)." in err


def test_user_add_reads_password_from_stdin(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    code, out, _ = run(
        [
            "user",
            "add",
            "LiJia",
            "--role",
            "coordinator",
            "--display-name",
            "李佳",
            "--unit",
            "水利协会",
            "--data-dir",
            data,
        ],
        stdin="a-long-password\n",
    )
    assert (code, out) == (0, "已新增用户 lijia（coordinator）。\n")
    code, out, _ = run(["user", "list", "--json", "--data-dir", data])
    assert json.loads(out) == [
        {
            "username": "lijia",
            "display_name": "李佳",
            "role": "coordinator",
            "unit": "水利协会",
            "disabled": False,
        }
    ]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "错误：密码太短：至少需要 10 个字符，当前 5 个。\n"),
        ("x" * 73, "错误：密码太长：最多 72 字节（一个汉字占 3 字节），当前 73 字节。\n"),
        ("", "错误：密码太短：至少需要 10 个字符，当前 0 个。\n"),
    ],
)
def test_user_add_bad_password_exit_1_nothing_written(
    tmp_path: Path, password: str, message: str
) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    code, out, err = run(
        ["user", "add", "bob", "--role", "judge", "--data-dir", data], password + "\n"
    )
    assert (code, out, err) == (1, "", message)
    assert run(["user", "list", "--json", "--data-dir", data])[1] == "[]\n"


def test_user_add_without_any_stdin_exit_1(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    code, _, err = run(
        ["user", "add", "bob", "--role", "judge", "--data-dir", data, "--lang", "en"]
    )
    assert code == 1
    assert err.startswith("Error: No password was read")


def test_disable_enable_reset_and_role(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    run(["user", "add", "bob", "--role", "judge", "--data-dir", data], "a-long-password\n")
    assert run(["user", "disable", "bob", "--data-dir", data, "--lang", "en"])[:2] == (
        0,
        "Disabled user bob; their sessions have ended.\n",
    )
    assert "bob\tjudge\tdisabled" in run(["user", "list", "--data-dir", data, "--lang", "en"])[1]
    assert run(["user", "enable", "bob", "--data-dir", data])[0] == 0
    assert run(["user", "reset-password", "bob", "--data-dir", data], "new-password-9\n")[0] == 0
    assert run(["user", "set-role", "bob", "admin", "--data-dir", data])[:2] == (
        0,
        "用户 bob 的角色已改为 admin。\n",
    )


def test_unknown_user_exit_1(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    assert run(["user", "disable", "ghost", "--data-dir", data]) == (
        1,
        "",
        "错误：没有用户 ghost。用 python -m scoring user list 查看现有用户。\n",
    )


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JURYDESK_DATA_DIR", str(tmp_path / "env-data"))
    assert run(["init"])[0] == 0
    assert (tmp_path / "env-data" / "jurydesk.duckdb").exists()


def _module(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV}
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def test_usage_error_exit_2(tmp_path: Path) -> None:
    result = _module(["user", "frobnicate"])
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
    assert _module([]).returncode == 2


def test_writing_while_the_app_holds_the_database_exit_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _module(["init", "--data-dir", str(data)]).returncode == 0
    holder = duckdb.connect(str(data / "jurydesk.duckdb"))  # stands in for the running app
    try:
        result = _module(
            ["user", "add", "bob", "--role", "judge", "--data-dir", str(data), "--lang", "en"],
            input="a-long-password\n",
        )
    finally:
        holder.close()
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"is held by another process (PID {os.getpid()}:" in result.stderr
    assert "wait for that process to end or stop it, then try again" in result.stderr
    listing = _module(["user", "list", "--json", "--data-dir", str(data)])
    assert json.loads(listing.stdout) == []


def test_readme_documents_every_setting_and_command() -> None:
    from dataclasses import fields

    from scoring.cli import build_parser
    from scoring.settings import Settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"`JURYDESK_{f.name.upper()}`" not in readme]
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    missing += [name for name in commands if f"`{name}" not in readme]
    assert missing == []
    assert "pip install -r requirements.txt && streamlit run app.py" in readme
    assert "pip install -r requirements-dev.txt && python -m pytest" in readme


def test_user_add_unit_needs_its_recommending_unit(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(["init", "--data-dir", data])
    add = ["user", "add", "unit1", "--role", "unit", "--data-dir", data, "--lang", "en"]

    refused = run(add, stdin="a-long-password\n")
    done = run([*add, "--unit", "兰州市市场监督管理局"], stdin="a-long-password\n")
    listed = run(["user", "list", "--json", "--data-dir", data])

    assert refused[0] == 1 and "needs the unit it works for" in refused[2]
    assert done[:2] == (0, "Added user unit1 (unit).\n")
    assert json.loads(listed[1]) == [
        {
            "username": "unit1",
            "display_name": "unit1",
            "role": "unit",
            "unit": "兰州市市场监督管理局",
            "disabled": False,
        }
    ]
