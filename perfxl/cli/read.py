"""`perfxl read`: a workbook (or form JSON) in, the form as JSON or a readable summary out.

Findings go to stderr so that `perfxl read f.xlsx --format json > f.json` stays clean.
Exit codes: 0 read without errors, 1 read with error findings, 2 unusable file.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.output import PlainTable, console, errors, findings_table, write_json
from perfxl.domain import Form, Severity
from perfxl.domain.kinds import Stage


class Format(StrEnum):
    table = "table"
    json = "json"


class Engine(StrEnum):
    calamine = "calamine"
    openpyxl = "openpyxl"


def _num(value: float | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _summary(form: Form) -> None:
    title = " · ".join(x for x in (form.title, f"{form.year}年度" if form.year else None) if x)
    console.print(f"[bold]{escape(title)}[/]")
    facts = [
        ("单位", form.unit.name), ("主管部门", form.unit.department), ("实施单位", form.unit.implementer),
        ("项目", form.project.name), ("项目编码", form.project.code),
    ]
    for label, value in facts:
        if value:
            console.print(f"  {label}：{escape(value)}")
    b = form.budget
    money = [("年初预算数", b.initial), ("全年预算数", b.full_year), ("全年执行数", b.executed),
             ("1—N月执行数", b.executed_to_date), ("全年预计执行数", b.forecast)]
    shown = [f"{label} {_num(v)}" for label, v in money if v is not None]
    if shown:
        console.print(f"  资金（{b.currency_unit}）：" + "；".join(shown))
    if b.rate is not None or b.score is not None:
        rate = f"{b.rate:.2%}" if isinstance(b.rate, float) else b.rate
        console.print(f"  执行率 {rate or '—'}，分值 {_num(b.weight)}，得分 {_num(b.score)}")
    table = PlainTable(show_lines=False, title_justify="left")
    columns = ["一级", "二级", "三级指标", "指标值", "单位"]
    stage = form.kind.facts.stage
    if stage is Stage.SELFEVAL:
        columns += ["完成值", "分值", "得分"]
    elif stage is Stage.MONITOR:
        columns += ["1—N月", "全年预计", "可能性"]
    else:
        columns += ["分值"]
    for name in columns:
        table.add_column(name, overflow="fold")
    for ind in form.indicators:
        row = [ind.level1 or "", ind.level2 or "", ind.name or "", ind.target or "", ind.unit or ""]
        if stage is Stage.SELFEVAL:
            row += [ind.actual or "", _num(ind.weight), _num(ind.score)]
        elif stage is Stage.MONITOR:
            row += [ind.progress or "", ind.forecast or "", ind.likelihood or ""]
        else:
            row += [_num(ind.weight)]
        table.add_row(*row)
    console.print(table)
    if form.total is not None:
        console.print(f"  总分：{_num(form.total)}")
    for key, value in form.extra.items():
        if isinstance(value, str) and not key.startswith("budget_"):
            console.print(f"  {escape(key)}：{escape(value)}")


@app.command()
def read(
    file: Annotated[Path, typer.Argument(help="表单文件（.xlsx / .xlsm，或表单 JSON）", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="输出格式：table（摘要）或 json（表单 JSON）")]
    = Format.table,
    engine: Annotated[Engine, typer.Option("--engine", help="读取引擎：calamine（快）或 openpyxl")] = Engine.calamine,
) -> None:
    """读取一个表单文件：输出表单 JSON 或摘要；读取中发现的结构问题输出到标准错误。"""
    result = api.read(file, engine=engine.value)
    if result.findings:
        errors.print(findings_table(result.findings, title=f"{file}：读取时发现的问题"))
    if result.form is None:
        raise typer.Exit(EXIT_UNUSABLE)
    forms = list(result.forms) or [result.form]
    if format is Format.json:
        write_json(api.form_json(forms[0] if len(forms) == 1 else forms))
    else:
        for form in forms:
            _summary(form)
    if not result.usable:
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_PROBLEMS if any(f.severity is Severity.ERROR for f in result.findings) else EXIT_OK)
