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
