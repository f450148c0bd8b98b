"""Shared printing for the CLI: a Rich console and the findings table."""

import sys

from rich.console import Console
from rich.table import Table

from perfxl.domain import Finding, Form
from perfxl.domain.paths import describe_path

console = Console(highlight=False, soft_wrap=False)
errors = Console(stderr=True, highlight=False)

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def findings_table(findings: list[Finding] | tuple[Finding, ...], title: str | None = None,
                   form: Form | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False, title_justify="left")
    for column in ("代码", "级别", "位置", "问题", "修改建议"):
        table.add_column(column, overflow="fold")
    for f in findings:
        style = _STYLE[f.severity.value]
        table.add_row(f.code, f"[{style}]{f.severity.label}[/]", f.location or describe_path(f.path, form), f.message, f.hint or "")
    return table


def fail(message: str) -> None:
    errors.print(f"[bold red]错误：[/]{message}")


def write_json(text: str) -> None:
    sys.stdout.write(text + "\n")
