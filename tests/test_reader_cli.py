"""`perfxl read`: JSON or summary on stdout, findings on stderr, exit 0 / 1 / 2."""

import json

import variants
from typer.testing import CliRunner

from perfxl.cli import app, commands  # noqa: F401  (registers the commands)

runner = CliRunner()


def test_read_json(tmp_path):
    path = variants.selfeval_split(tmp_path)
    result = runner.invoke(app, ["read", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "project_selfeval" and data["total"] == 95.92 and len(data["indicators"]) == 5


def test_read_summary_and_warnings_on_stderr(tmp_path):
    path = variants.selfeval_blank_rows_merged(tmp_path)
    result = runner.invoke(app, ["read", str(path)])
    assert result.exit_code == 0
    assert "项目支出绩效自评表" in result.stdout and "总分：95.92" in result.stdout
    assert "T004" in result.stderr and "T004" not in result.stdout


def test_read_openpyxl_engine(tmp_path):
    path = variants.monitor_form(tmp_path)
    result = runner.invoke(app, ["read", str(path), "-f", "json", "--engine", "openpyxl"])
    assert result.exit_code == 0 and json.loads(result.stdout)["budget"]["as_of"] == "2024-06-30"


def test_errors_exit_1(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["（2024年度）"])
    ws.append(["项目名称", "x"])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    result = runner.invoke(app, ["read", str(path)])
    assert result.exit_code == 1 and "T005" in result.stderr


def test_unusable_exit_2(tmp_path):
    path = tmp_path / "~$自评表.xlsx"
    path.write_bytes(b"\x00" * 165)
    result = runner.invoke(app, ["read", str(path), "-f", "json"])
    assert result.exit_code == 2 and result.stdout == "" and "T105" in result.stderr
