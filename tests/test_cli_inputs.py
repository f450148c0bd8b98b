"""`validate` and `score` say what a folder or a missing path is, with a command that can be pasted."""

import shlex

import pytest
from typer.testing import CliRunner

from perfxl.cli import app, commands  # noqa: F401  (registers the commands)


@pytest.mark.parametrize("command", ["validate", "score"])
def test_folder_points_to_batch(command, tmp_path):
    folder = tmp_path / "收集 2024"
    folder.mkdir()
    result = CliRunner().invoke(app, [command, str(folder)], env={"COLUMNS": "80"})
    assert result.exit_code == 2
    assert "是文件夹" in result.output
    assert f"perfxl batch {shlex.quote(str(folder))} --out" in result.output  # one line, quoted: pasteable


@pytest.mark.parametrize("command", ["validate", "score"])
def test_missing_file(command, tmp_path):
    result = CliRunner().invoke(app, [command, str(tmp_path / "无此文件.xlsx")])
    assert result.exit_code == 2
    assert "文件不存在" in result.output and "Excel" not in result.output


@pytest.mark.parametrize("command", ["validate", "score"])
def test_rule_pack_in_use_is_announced(command, tmp_path):
    pack = tmp_path / "perfxl.toml"
    pack.write_text('[scoring]\nreverse_variant = "linear"\n', encoding="utf-8")
    form = "tests/rule_cases/bases/project_selfeval.json"
    result = CliRunner().invoke(app, [command, form, "-c", str(pack), "-f", "json"])
    assert "已使用规则配置文件" in result.stderr and "scoring.reverse_variant" in result.stderr
    assert result.stdout.lstrip().startswith("[")  # JSON on stdout stays clean
    plain = CliRunner().invoke(app, [command, form, "-f", "json"])
    assert "规则配置" not in plain.stderr
