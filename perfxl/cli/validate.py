"""`perfxl validate`: run the workbook linter over forms (xlsx/xlsm or form JSON).

Every finding has a code, a severity, a Chinese message, the sheet!cell (or field path) and a fix
hint. Goal declarations also get a review grade (优/良/中/差) and what it means. `--goals` checks
self-assessments and monitoring forms against their declared goal form (X rules); `--annotate`
writes a copy of one workbook with the findings as cell comments and a 校验结果 sheet.
Exit codes: 0 no error finding, 1 error findings, 2 unusable input or usage error.
"""

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack, not_a_file
from perfxl.cli.output import console, errors, fail, findings_table, write_json
from perfxl.domain import Form


class Format(StrEnum):
    table = "table"
    json = "json"


def _goal_form(path: Path, pack: api.RulePack) -> Form:
    if not path.is_file():
        fail(f"{path}: 文件不存在")
        raise typer.Exit(EXIT_UNUSABLE)
    result = api.read(path, pack=pack)
    if result.form is None:
        for f in result.findings:
            fail(f"{path}: {f.message}")
        raise typer.Exit(EXIT_UNUSABLE)
    if not result.form.kind.is_goal:
        fail(f"{path}: --goals 应为绩效目标申报表，这是“{result.form.title}”")
        raise typer.Exit(EXIT_UNUSABLE)
    return result.form


def _print(checked: api.FileReport) -> None:
    """Each form of the file with what was found in it (and what reading the file found)."""
    if not checked.reports:
        _print_form(f"{checked.path} · 无法读取", checked.findings)
    for report in checked.reports:
        form = report.form
        parts = (form.unit.name, form.project.name, form.title, f"{form.year}年度" if form.year else None)
        _print_form(f"{checked.path} · " + " · ".join(x for x in parts if x), checked.findings_of(report))
        if report.review is not None:
            style = {"优": "green", "良": "cyan", "中": "yellow"}.get(report.review.grade, "bold red")
            console.print(f"  [{style}]{escape(report.review.summary())}[/]")
    console.print(f"  错误 {checked.errors} 项，警告 {checked.warnings} 项\n")


def _print_form(heading: str, findings) -> None:
    if findings:
        console.print(findings_table(findings, title=heading))
    else:
        console.print(f"[bold]{escape(heading)}[/]\n  [green]未发现问题[/]")


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., help="表单文件（.xlsx/.xlsm 工作簿或 .json）", show_default=False),
    goals: Path | None = typer.Option(None, "--goals", "-g", help="对应的绩效目标申报表，用于核对自评表/监控表的指标"),
    config: Path | None = typer.Option(None, "--config", "-c", help="规则配置文件 perfxl.toml"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table 或 json"),
    annotate: Path | None = typer.Option(None, "--annotate", "-a",
                                         help="写出带批注的工作簿副本（只能校验一个工作簿时使用）"),
) -> None:
    """校验表单：逐项列出问题代码、级别、位置（工作表!单元格）、问题说明和修改建议；申报表给出审核等级。"""
    pack = load_rule_pack(config)  # checks the [rules] and [review] sections before any file is read
    if annotate is not None and (len(files) != 1 or files[0].suffix.lower() not in (".xlsx", ".xlsm")):
        fail("--annotate 只能用于校验单个 .xlsx/.xlsm 工作簿")
        raise typer.Exit(EXIT_UNUSABLE)
    goal_form = _goal_form(goals, pack) if goals is not None else None
    checked = [api.check_file(path, pack=pack, goal_form=goal_form) for path in files]
    if format is Format.json:
        write_json(json.dumps([c.to_dict() for c in checked], ensure_ascii=False, indent=2))
    else:
        for path, item in zip(files, checked, strict=True):
            problem = not_a_file(path)
            if problem:
                fail(problem)
            else:
                _print(item)
        if len(checked) > 1:
            errors_, warnings = sum(c.errors for c in checked), sum(c.warnings for c in checked)
            console.print(f"共 {len(checked)} 个文件：错误 {errors_} 项，警告 {warnings} 项")

    if annotate is not None:
        try:
            api.annotate_copy(files[0], checked[0].findings, annotate)
        except ValueError as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
        (console if format is Format.table else errors).print(f"已写出批注副本：{annotate}")

    if not all(c.usable for c in checked):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_PROBLEMS if any(c.errors for c in checked) else EXIT_OK)
