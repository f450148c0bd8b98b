"""`perfxl score`: score forms by the rules and show the engine's and the form's own figures side by side."""

import json
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.text import Text

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack, not_a_file
from perfxl.cli.output import PlainTable, console, fail, findings_table, write_json


class Format(StrEnum):
    table = "table"
    json = "json"


def _num(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else f"{api.rounded(value, decimals):g}"


def print_report(report: api.Report, decimals: int) -> None:
    s = report.score
    heading = " · ".join(x for x in (s.unit, s.project, report.form.title, f"{s.year}年度" if s.year else None) if x)
    table = PlainTable(title=heading, title_justify="left", show_lines=False)
    for column in ("一级", "二级", "三级指标", "分值", "自评得分", "规则得分", "计算说明"):
        table.add_column(column, overflow="fold", justify="right" if column in ("分值", "自评得分", "规则得分") else "left")
    b = s.budget
    table.add_row("预算执行率", "", f"执行率 {b.execution_rate:.2%}" if b.execution_rate is not None else "",
                  _num(b.weight), _num(b.self_score), _num(b.score, decimals), b.explain or "")
    for item in s.indicators:
        differs = not (item.self_score is None or item.score is None or abs(item.self_score - item.score) <= 0.01)
        shown = Text(_num(item.score, decimals), style="red" if differs else "")
        if not item.verified:  # the unit's own score, kept because the evidence cannot be checked
            shown = Text(f"{_num(item.score, decimals)} 待核", style="yellow")
        table.add_row(item.level1 or "", item.level2 or "", item.name or "", _num(item.weight), _num(item.self_score),
                      shown, item.explain)
    grade = f"等级：{s.grade or '—'}" + ("" if s.complete else "（总分不完整）")
    table.add_row("总分", "", "", "", _num(s.self_total), Text(_num(s.total, decimals), style="bold"), grade)
    console.print(table)
    for note in (s.weights_note, s.complete_note):
        if note:
            console.print(f"  [dim]{escape(note)}[/]")
    if report.findings:
        console.print(findings_table(report.findings, form=report.form))
    console.print()


@app.command()
def score(
    files: list[Path] = typer.Argument(..., help="表单文件（.json 或 .xlsx）", show_default=False),
    format: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table 或 json"),
    config: Path | None = typer.Option(None, "--config", "-c", help="规则配置文件 perfxl.toml"),
) -> None:
    """按评分规则为表单计分：逐项列出规则得分与表中自评得分、预算执行得分和总分。"""
    pack = load_rule_pack(config)
    reports, unusable = [], False
    for path in files:  # the same path as `validate`: every form of a file, with what reading it found
        problem = not_a_file(path)
        checked = None if problem else api.check_file(path, pack=pack)
        if checked is None or not checked.usable:
            fail(problem or "；".join(f"{path}: {f.message}" for f in checked.read_findings if f.severity.value == "error")
                 or f"{path}: 未能读取表单")
            unusable = True
            continue
        reports += [replace(report, findings=checked.findings_of(report)) for report in checked.reports]
    if format is Format.json:
        write_json(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print_report(report, pack.decimals)
    if unusable:
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_PROBLEMS if any(r.errors for r in reports) else EXIT_OK)
