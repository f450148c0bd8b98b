"""Shared printing for the CLI: a Rich console and the findings table."""

import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from perfxl.domain import Finding, Form
from perfxl.domain.paths import describe_path

console = Console(highlight=False, soft_wrap=False)
errors = Console(stderr=True, highlight=False)

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class PlainTable(Table):
    """A table whose string cells are shown as typed: "[weights]" in a message is text, not Rich markup.

    Styled cells are passed as rich.text.Text; titles are escaped.
    """

    def __init__(self, *args, title: str | None = None, **kwargs) -> None:
        super().__init__(*args, title=escape(title) if title else title, **kwargs)

    def add_row(self, *cells, **kwargs) -> None:
        super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **kwargs)


def findings_table(findings: list[Finding] | tuple[Finding, ...], title: str | None = None,
                   form: Form | None = None) -> Table:
    table = PlainTable(title=title, show_lines=False, expand=False, title_justify="left")
    for column in ("代码", "级别", "位置", "问题", "修改建议"):
        table.add_column(column, overflow="fold")
    for f in findings:
        style = _STYLE[f.severity.value]
        table.add_row(f.code, Text(f.severity.label, style=style), f.location or describe_path(f.path, form), f.message, f.hint or "")
    return table


def fail(message: str) -> None:
    errors.print(Text.assemble(("错误：", "bold red"), message), soft_wrap=True)  # commands stay pasteable


def write_json(text: str) -> None:
    sys.stdout.write(text + "\n")
