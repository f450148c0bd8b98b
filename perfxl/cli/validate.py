"""`perfxl validate`: run the workbook linter over forms (xlsx/xlsm or form JSON).

Every finding has a code, a severity, a Chinese message, the sheet!cell (or field path) and a fix
hint. Goal declarations also get a review grade (优/良/中/差) and what it means. `--goals` checks
self-assessments and monitoring forms against their declared goal form (X rules); `--annotate`
writes a copy of one workbook with the findings as cell comments and a 校验结果 sheet.
Exit codes: 0 no error finding, 1 error findings, 2 unusable input or usage error.
"""

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack, not_a_file
from perfxl.cli.output import console, fail, findings_table, write_json
from perfxl.config import ConfigError, RulePack
from perfxl.domain import Finding, Form, Severity
from perfxl.domain.finding import FindingCounts
from perfxl.rules.check import sort_key
from perfxl.rules.review import review_settings


class Format(StrEnum):
    table = "table"
    json = "json"


@dataclass(frozen=True, slots=True)
class Checked(FindingCounts):
    """One form of one file (or the file alone, when no form could be read)."""

    path: Path
    form: Form | None
    findings: tuple[Finding, ...]
    review: object | None = None  # perfxl.rules.review.Review for goal forms

    def to_dict(self) -> dict:
        form = self.form
        return {
            "file": str(self.path),
            "usable": form is not None,
            "kind": form.kind.value if form else None,
            "unit": form.unit.name if form else None,
            "project": form.project.name if form else None,
            "year": form.year if form else None,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
            "review": self.review.to_dict() if self.review is not None else None,
        }


def _goal_form(path: Path, pack: RulePack) -> Form:
    if not path.is_file():
        fail(f"{path}: 文件不存在")
        raise typer.Exit(EXIT_UNUSABLE)
    result = api.read(path)
    if result.form is None:
        for f in result.findings:
            fail(f"{path}: {f.message}")
        raise typer.Exit(EXIT_UNUSABLE)
    if not result.form.kind.is_goal:
        fail(f"{path}: --goals 应为绩效目标申报表，这是“{result.form.title}”")
        raise typer.Exit(EXIT_UNUSABLE)
    return result.form


def check_path(path: Path, pack: RulePack, goal_form: Form | None = None) -> list[Checked]:
    """Read one file and lint every form in it (a workbook may hold several; a JSON file a list)."""

    checked = api.check_file(path, pack=pack, goal_form=goal_form)
    if not checked.reports:
        return [Checked(path, None, tuple(sorted(checked.read_findings, key=sort_key)))]
    out = []
    for report in checked.reports:
        findings = tuple(sorted([*checked.read_findings, *report.findings], key=sort_key))
        out.append(Checked(path, report.form, findings, report.review))
    return out


def _print(item: Checked) -> None:
    form = item.form
    if form is None:
        heading = f"{item.path} · 无法读取"
    else:
        parts = (form.unit.name, form.project.name, form.title, f"{form.year}年度" if form.year else None)
        heading = f"{item.path} · " + " · ".join(x for x in parts if x)
    if item.findings:
        console.print(findings_table(item.findings, title=heading))
    else:
        console.print(f"[bold]{escape(heading)}[/]\n  [green]未发现问题[/]")
    if item.review is not None:
        style = {"优": "green", "良": "cyan", "中": "yellow"}.get(item.review.grade, "bold red")
        console.print(f"  [{style}]{escape(item.review.summary())}[/]")
    console.print(f"  错误 {item.errors} 项，警告 {item.warnings} 项\n")


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
    pack = load_rule_pack(config)
    try:
        review_settings(pack)  # the [review] section is validated here, not halfway through a run
    except ConfigError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    if annotate is not None and (len(files) != 1 or files[0].suffix.lower() not in (".xlsx", ".xlsm")):
        fail("--annotate 只能用于校验单个 .xlsx/.xlsm 工作簿")
        raise typer.Exit(EXIT_UNUSABLE)
    goal_form = _goal_form(goals, pack) if goals is not None else None
    checked: list[Checked] = []
    unusable = False
    for path in files:
        problem = not_a_file(path)
        if problem:
            unusable = True
            if format is Format.json:  # one entry per input, as for unreadable files
                checked.append(Checked(path, None, (Finding("T101", Severity.ERROR, problem, name="unreadable-file"),)))
            else:
                fail(problem)
        else:
            checked.extend(check_path(path, pack, goal_form))

    if format is Format.json:
        write_json(json.dumps([c.to_dict() for c in checked], ensure_ascii=False, indent=2))
    else:
        for item in checked:
            _print(item)
        if len(checked) > 1:
            errors = sum(c.errors for c in checked)
            warnings = sum(c.warnings for c in checked)
            console.print(f"共 {len(checked)} 份表单：错误 {errors} 项，警告 {warnings} 项")

    if annotate is not None:
        from perfxl.rules.annotate import AnnotateError
        from perfxl.rules.annotate import annotate as write_annotated

        findings = [f for c in checked for f in c.findings]
        try:
            write_annotated(files[0], findings, annotate)
        except AnnotateError as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
        (console if format is Format.table else _stderr()).print(f"已写出批注副本：{annotate}")

    if unusable or any(c.form is None for c in checked):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_PROBLEMS if any(c.errors for c in checked) else EXIT_OK)


def _stderr():
    from perfxl.cli.output import errors

    return errors
