"""`perfxl validate`: findings with code, severity, message, cell and hint; review grade; exit codes."""

import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from perfxl import api
from perfxl.cli import (
    app,
    commands,  # noqa: F401
)
from perfxl.domain import FormKind
from perfxl.forms.formjson import dumps
from perfxl.forms.write.writer import write_form
from perfxl.samples import generate

runner = CliRunner()
WIDE = {"COLUMNS": "250"}


@pytest.fixture(scope="module")
def forms():
    samples = generate(60, seed=17)
    pick = {}
    for s in samples:
        key = (s.form.kind, bool(s.faults))
        pick.setdefault(key, s)
    return pick


def _json(tmp_path, name, form):
    path = tmp_path / name
    path.write_text(dumps(form), encoding="utf-8")
    return path


def test_clean_form_exits_0(tmp_path, forms):
    path = _json(tmp_path, "clean.json", forms[(FormKind.PROJECT_SELFEVAL, False)].form)
    result = runner.invoke(app, ["validate", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "错误 0 项" in result.output


def test_faulty_form_exits_1_with_findings_in_json(tmp_path, forms):
    sample = forms[(FormKind.PROJECT_SELFEVAL, True)]
    path = _json(tmp_path, "faulty.json", sample.form)
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data) == 1 and api.Status(data[0]["status"]).is_form and data[0]["kind"] == "project_selfeval"
    paths = {f["path"] for f in data[0]["findings"]}
    assert {p for _, p in sample.faults} <= paths
    finding = data[0]["findings"][0]
    assert {"code", "name", "severity", "message", "location", "path", "hint"} <= set(finding)
    assert result.exit_code == (1 if data[0]["errors"] else 0)


def test_workbook_findings_carry_sheet_and_cell(tmp_path, forms):
    sample = forms[(FormKind.PROJECT_GOAL, True)]
    path = tmp_path / "goal.xlsx"
    write_form(sample.form, path)
    result = runner.invoke(app, ["validate", str(path), "-f", "json"])
    data = json.loads(result.stdout)[0]
    planted = {p for _, p in sample.faults}
    hits = [f for f in data["findings"] if f["path"] in planted]
    assert hits and all(f["location"].startswith("申报表!") for f in hits)
    assert data["review"]["grade"] in ("优", "良", "中", "差") and data["review"]["outcome"]


def test_goal_form_shows_review_grade(tmp_path, forms):
    path = _json(tmp_path, "goal.json", forms[(FormKind.PROJECT_GOAL, False)].form)
    result = runner.invoke(app, ["validate", str(path)], env=WIDE)
    assert result.exit_code == 0
    assert "审核等级：优" in result.output and "进入预算安排流程" in result.output


def test_goals_option_checks_against_the_declaration(tmp_path, forms):
    from dataclasses import replace

    form = forms[(FormKind.PROJECT_SELFEVAL, False)].form
    goal = replace(form, kind=FormKind.PROJECT_GOAL, budget=replace(form.budget, rate=None, score=None),
                   total=None, indicators=tuple(replace(i, actual=None, score=None, deviation=None,
                                                        target="≥1" if n == 0 else i.target)
                                                for n, i in enumerate(form.indicators)))
    result = runner.invoke(app, ["validate", str(_json(tmp_path, "self.json", form)), "--goals",
                                 str(_json(tmp_path, "goal.json", goal)), "-f", "json"])
    codes = {(f["code"], f["path"]) for f in json.loads(result.stdout)[0]["findings"]}
    assert ("X402", "indicators[0].target") in codes
    not_goal = runner.invoke(app, ["validate", str(tmp_path / "self.json"), "--goals", str(tmp_path / "self.json")])
    assert not_goal.exit_code == 2 and "目标申报表" in not_goal.output


def test_config_applies_and_bad_config_exits_2(tmp_path, forms):
    sample = forms[(FormKind.PROJECT_SELFEVAL, True)]
    path = _json(tmp_path, "faulty.json", sample.form)
    config = tmp_path / "perfxl.toml"
    config.write_text('[rules]\nselect = ["G"]\n', encoding="utf-8")
    data = json.loads(runner.invoke(app, ["validate", str(path), "-c", str(config), "-f", "json"]).stdout)
    assert all(f["code"].startswith("G") for f in data[0]["findings"])
    config.write_text("[rules.S205]\nthreshhold = 1.5\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "-c", str(config)])
    assert result.exit_code == 2 and "rules.S205.threshhold" in result.output
    config.write_text("[review]\nwarnng = 1.0\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "-c", str(config)])
    assert result.exit_code == 2 and "review.warnng" in result.output


def test_unusable_and_missing_files_exit_2(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["validate", str(bad), str(tmp_path / "nope.xlsx"), "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [api.Status(d["status"]).is_form for d in data] == [False, False]
    assert data[0]["findings"][0]["code"] == "T107"


def test_annotate_writes_a_copy(tmp_path, forms):
    sample = forms[(FormKind.PROJECT_GOAL, True)]
    path = tmp_path / "goal.xlsx"
    write_form(sample.form, path)
    out = tmp_path / "goal.annotated.xlsx"
    result = runner.invoke(app, ["validate", str(path), "--annotate", str(out)], env=WIDE)
    assert result.exit_code in (0, 1) and out.exists() and "批注副本" in result.output
    assert load_workbook(out).sheetnames[0] == "校验结果"


def test_annotate_needs_exactly_one_workbook(tmp_path, forms):
    path = _json(tmp_path, "a.json", forms[(FormKind.PROJECT_GOAL, False)].form)
    result = runner.invoke(app, ["validate", str(path), "--annotate", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "--annotate" in result.output
