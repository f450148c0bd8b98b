"""User and rule text in brackets is shown as typed in every terminal table, never eaten as Rich markup."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfxl.cli import app, commands  # noqa: F401  (registers the commands)

BASE = Path(__file__).parent / "rule_cases" / "bases" / "project_selfeval.json"
NAME = "培训[weights]人数[/]"
PROJECT = "[red]校舍[bold]维修"


@pytest.fixture
def form_file(tmp_path):
    form = json.loads(BASE.read_text(encoding="utf-8"))
    form["project"]["name"] = PROJECT
    form["indicators"][0]["name"] = NAME
    form["indicators"][0]["actual"] = "[x]"  # unparseable: its finding quotes the text
    path = tmp_path / "form.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["score", "validate", "read"])
def test_brackets_survive(command, form_file):
    result = CliRunner().invoke(app, [command, str(form_file)], env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1), result.output
    assert NAME in result.output
    assert PROJECT in result.output
