"""docs/rules.md is generated from the registry and must be current; `perfxl rules` shows every rule."""

from pathlib import Path

from typer.testing import CliRunner

from perfxl.cli import (
    app,
    commands,  # noqa: F401
)
from perfxl.rules import docs, rules

DOC = Path(__file__).parent.parent / "docs" / "rules.md"
runner = CliRunner()


def test_docs_rules_md_is_current():
    assert DOC.read_text(encoding="utf-8") == docs.markdown(), (
        "docs/rules.md is stale: run `python -m perfxl.rules.docs > docs/rules.md`")


def test_every_rule_has_a_documentation_page():
    text = docs.markdown()
    for code, r in rules().items():
        page = docs.rule_markdown(r)
        assert f"## {code} {r.title}" in page and f"`{r.name}`" in page
        for heading in ("检查内容", "为什么重要", "错误示例", "正确示例", "依据"):
            assert f"**{heading}**：" in page
        assert f"### {code} {r.title}" in text and f"](#{code.lower()})" in text


def test_rules_command_lists_every_rule():
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    import json

    data = json.loads(result.stdout)
    assert len(data) == len(rules()) >= 40
    assert {"code", "name", "title", "severity", "kinds", "message", "hint", "options", "doc"} <= set(data[0])
    table = runner.invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "S205" in table.output and "G113" in table.output


def test_rules_command_shows_one_rule_page():
    result = runner.invoke(app, ["rules", "S205", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output == docs.rule_markdown(rules()["S205"])
    assert "threshold" in result.output and "依据" in result.output
    by_name = runner.invoke(app, ["rules", "over-completion-unexplained"], env={"COLUMNS": "200"})
    assert by_name.exit_code == 0 and "S205" in by_name.output


def test_rules_command_unknown_code_exits_2():
    result = runner.invoke(app, ["rules", "Z123"])
    assert result.exit_code == 2 and "未知规则" in result.output


def test_rules_command_with_config_shows_status(tmp_path):
    config = tmp_path / "perfxl.toml"
    config.write_text('[rules]\nignore = ["G"]\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "--config", str(config)], env={"COLUMNS": "250"})
    assert result.exit_code == 0 and "未启用" in result.output
