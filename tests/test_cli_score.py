import json

import pytest
from typer.testing import CliRunner

from perfxl.cli import (
    app,
    commands,  # noqa: F401
)
from perfxl.domain import FormKind
from perfxl.forms.formjson import dumps
from perfxl.samples import generate

runner = CliRunner()
DOC_KEYS = {"file", "kind", "unit", "project", "budget", "indicators", "total", "self_total", "grade", "findings"}


@pytest.fixture(scope="module")
def selfevals():
    samples = generate(40, seed=21, kinds=[FormKind.PROJECT_SELFEVAL])
    clean = next(s.form for s in samples if not s.faults)
    faulty = next(s.form for s in samples if any(f == "wrong_total" for f, _ in s.faults))
    return clean, faulty


def _write(tmp_path, name, form):
    path = tmp_path / name
    path.write_text(dumps(form), encoding="utf-8")
    return path


def test_clean_form_exits_0_and_prints_table(tmp_path, selfevals):
    result = runner.invoke(app, ["score", str(_write(tmp_path, "a.json", selfevals[0]))])
    assert result.exit_code == 0, result.output
    assert "总分" in result.output and "规则得分" in result.output


def test_faulty_form_exits_1_with_json_in_documented_shape(tmp_path, selfevals):
    result = runner.invoke(app, ["score", str(_write(tmp_path, "b.json", selfevals[1])), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data) == 1 and set(data[0]) >= DOC_KEYS
    assert {"execution_rate", "weight", "score"} <= set(data[0]["budget"])
    assert {"name", "weight", "score", "self_score", "method", "explain"} <= set(data[0]["indicators"][0])
    assert any(f["code"] == "S202" for f in data[0]["findings"])


def test_malformed_json_exits_2_naming_file_and_position(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"perfxl": 1,', encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "broken.json" in result.output and "第 1 行" in result.output


def test_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["score", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_bad_config_exits_2_naming_key_and_file(tmp_path, selfevals):
    config = tmp_path / "perfxl.toml"
    config.write_text('[scoring]\nreverse_varient = "linear"\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(_write(tmp_path, "a.json", selfevals[0])), "--config", str(config)])
    assert result.exit_code == 2
    assert "scoring.reverse_varient" in result.output and "perfxl.toml" in result.output


def test_rule_pack_changes_the_grade(tmp_path, selfevals):
    config = tmp_path / "strict.toml"
    config.write_text('[grades]\nbands = [["优", 99.99], ["良", 80.0], ["中", 60.0], ["差", 0.0]]\n', encoding="utf-8")
    path = _write(tmp_path, "a.json", selfevals[0])
    default = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)[0]
    strict = json.loads(runner.invoke(app, ["score", str(path), "-f", "json", "-c", str(config)]).stdout)[0]
    assert default["total"] == strict["total"]
    if default["total"] < 99.99:
        assert strict["grade"] != "优"


def test_table_shows_an_incomplete_total_and_unverified_rows(tmp_path, selfevals):
    from dataclasses import replace

    clean = selfevals[0]
    first = replace(clean.indicators[-1], target="明显改善", actual="效果待观察", score=clean.indicators[-1].weight)
    form = replace(clean, indicators=(*clean.indicators[:-1], first))
    result = runner.invoke(app, ["score", str(_write(tmp_path, "c.json", form))], env={"COLUMNS": "200"})
    assert "待核" in result.output and "（总分不完整）" in result.output
    assert "总分不完整：1项定性指标无法核实" in result.output


def test_score_takes_the_same_path_as_validate(tmp_path):
    """A workbook is read and checked like `validate` does: what the reader found is part of the report."""
    import json as _json

    from typer.testing import CliRunner

    from perfxl.cli import app
    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    path = write_form(generate(1, seed=5, kinds=[FormKind.PROJECT_SELFEVAL])[0].form, tmp_path / "自评表.xlsx")
    scored = _json.loads(CliRunner().invoke(app, ["score", str(path), "-f", "json"]).stdout)
    validated = _json.loads(CliRunner().invoke(app, ["validate", str(path), "-f", "json"]).stdout)
    assert {f["code"] for f in scored[0]["findings"]} == {f["code"] for f in validated[0]["findings"]}
    assert any(f["code"].startswith("T") for f in scored[0]["findings"])  # uncached formulas (T006)
