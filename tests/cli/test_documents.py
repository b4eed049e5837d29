"""``report`` and the forms of ``export`` on the demo data."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from scoring.cli import main
from scoring.domain.rounding import score_text
from tests.pdf import flat, pdf_pages


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_report_uses_the_settings_rank_uses(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "记录.pdf"
    options = ["--top", "3", "--expert-weight", "1", "--data-dir", str(demo_dir)]
    code, out, _ = run(["report", str(target), *options])
    assert code == 0 and out == f"已写出 report：{target}（{target.stat().st_size} 字节）。\n"
    rows = json.loads(run(["rank", "--json", *options])[1])
    text = flat("".join(pdf_pages(target.read_bytes())))
    top3 = [r["code"] for r in rows if r["status"] == "ranked"][:3]
    assert "正式结果前N名" + "、".join(top3) in text
    assert all(score_text(r["final"]) in text for r in rows if r["final"] is not None)


def test_report_refuses_another_file_type(demo_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(["report", str(tmp_path / "r.xlsx"), "--data-dir", str(demo_dir)])
    assert code == 1 and "须以 .pdf 结尾" in err and not (tmp_path / "r.xlsx").exists()


def test_export_shortlist_as_pdf_and_forms(demo_dir: Path, tmp_path: Path) -> None:
    a5, a4, a2 = tmp_path / "a5.pdf", tmp_path / "a4.xlsx", tmp_path / "a2.pdf"
    base = ["--data-dir", str(demo_dir)]
    assert run(["export", "shortlist", str(a5), *base])[0] == 0
    assert "质量强国建设微视频作品汇总表" in flat(pdf_pages(a5.read_bytes())[0])
    assert run(["export", "registration", str(a4), "--entry", "GS-2023-011", *base])[0] == 0
    assert load_workbook(a4).sheetnames == ["1-GS-2023-011"]
    unit = ["--unit", "酒泉市市场监督管理局"]
    assert run(["export", "contacts", str(a2), *unit, *base])[0] == 0
    assert "酒泉市市场监督管理局" in flat(pdf_pages(a2.read_bytes())[0])


def test_export_of_forms_needs_a_unit(demo_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(
        ["export", "contacts", str(tmp_path / "a2.pdf"), "--data-dir", str(demo_dir)]
    )
    assert code == 1 and "--unit" in err and not (tmp_path / "a2.pdf").exists()


def test_export_units_writes_the_office_table_of_units(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "推荐单位.csv"

    code, out, _ = run(["export", "units", str(target), "--data-dir", str(demo_dir)])

    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert code == 0 and out.startswith("已写出 units：")
    assert lines[0] == "推荐单位,联络员,职务,手机号码,账号,已登记,已报送,尚缺材料"
    assert "天水市市场监督管理局,李娜,质量发展科科长,13909380001,1,3,2,版权承诺书 1 件" in lines
    assert len(lines) == 9
