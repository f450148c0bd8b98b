"""`perfxl rules`: the rule reference — every rule, or one rule's documentation page."""

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.markdown import Markdown
from rich.text import Text

from perfxl import api
from perfxl.cli import EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack
from perfxl.cli.output import PlainTable, console, fail, write_json


class Format(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command("rules")
def rules_command(
    code: str | None = typer.Argument(None, help="规则代码或名称（如 S205 或 over-completion-unexplained）；省略则列出全部"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="输出格式：table、markdown 或 json"),
    config: Path | None = typer.Option(None, "--config", "-c", help="规则配置文件：显示启用状态和调整后的级别"),
) -> None:
    """列出校验规则，或显示一条规则的说明（检查内容、为什么重要、错误示例、正确示例、依据）。"""
    known = api.rules()
    pack = load_rule_pack(config) if config is not None else None
    if code is not None:
        found = api.rule(code)
        if found is None:
            fail(f"未知规则 {code}；运行 perfxl rules 查看全部规则")
            raise typer.Exit(EXIT_UNUSABLE)
        if format is Format.json:
            write_json(json.dumps(api.rule_dict(found), ensure_ascii=False, indent=2))
        elif format is Format.markdown:
            console.file.write(api.rule_markdown(found))
        else:
            console.print(Markdown(api.rule_markdown(found)))
        return
    if format is Format.json:
        write_json(json.dumps([api.rule_dict(r) for r in known.values()], ensure_ascii=False, indent=2))
        return
    if format is Format.markdown:
        console.file.write(api.rule_markdown())
        return
    resolved = api.rule_settings(pack) if pack is not None else None
    table = PlainTable(title=f"perfxl 校验规则（共 {len(known)} 条）", title_justify="left")
    for column in ("代码", "名称", "级别", "适用表单", "检查内容"):
        table.add_column(column, overflow="fold")
    if resolved is not None:
        table.add_column("状态")
    for c, r in known.items():
        severity = resolved.severity.get(c, r.severity) if resolved else r.severity
        row = [c, r.title, severity.label, api.rule_kinds_text(r), r.summary()]
        if resolved is not None:
            row.append("启用" if c in resolved.codes else Text("未启用", style="dim"))
        table.add_row(*row)
    console.print(table)
    console.print("[dim]查看一条规则的说明：perfxl rules 代码（如 perfxl rules S205）[/]")
