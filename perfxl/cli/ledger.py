"""`perfxl ledger`: what earlier batch runs found — runs, and the history of a file or a unit."""

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_UNUSABLE, app
from perfxl.cli.output import PlainTable, console, fail, write_json

ledger_app = typer.Typer(help="台账：历次批量处理（perfxl batch）的记录与查询。", no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")

_DB = Annotated[str | None, typer.Option(
    "--db", envvar="PERFXL_DB", help="台账数据库：SQLite 文件路径或 URL（postgresql://…）", show_default=False)]
_OUT = Annotated[Path | None, typer.Option(
    "--out", "-o", help="perfxl batch 的输出目录（使用其中的 ledger.sqlite）", show_default=False)]


def _open(db: str | None, out: Path | None):
    missing = api.batch_missing()
    if missing:
        fail(f"台账需要安装批量处理扩展：pip install 'perfxl[batch]'（缺少 {missing}）")
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        return api.open_ledger(db, out)
    except api.LedgerError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None


def _when(value) -> str:
    if value is None:
        return "—"
    from datetime import UTC

    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


_RUN_STATUS = {"running": "进行中", "completed": "完成", "interrupted": "已中断", "failed": "失败"}


@ledger_app.command("runs")
def runs(
    db: _DB = None,
    out: _OUT = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="显示最近多少次")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """列出最近的批量处理：时间、状态、输入、文件数与各状态数量、规则配置。"""
    with _open(db, out) as ledger:
        items = ledger.runs(limit)
    if as_json:
        write_json(json.dumps([api.run_dict(r) for r in items], ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_OK)
    table = PlainTable(title="批量处理记录", title_justify="left")
    for column in ("编号", "开始时间", "状态", "输入", "文件数", "结果", "规则配置"):
        table.add_column(column, overflow="fold")
    for r in items:
        counts = "，".join(f"{api.status_label(k)} {v}" for k, v in r.counts.items() if v)
        rules = (r.config_sources[-1] if r.config_sources else "内置国家默认规则") + f"（{(r.pack_hash or '')[:8]}）"
        resumed = f"（续 #{r.resumed_from}）" if r.resumed_from else ""
        table.add_row(str(r.id), _when(r.started_at), _RUN_STATUS.get(r.status, r.status) + resumed, r.input,
                      str(r.file_count), counts, rules)
    console.print(table)


@ledger_app.command("show")
def show(
    query: Annotated[str, typer.Argument(
        help="文件名或路径（可为一部分）、单位名称（可为一部分）、单位编码或文件哈希前缀", show_default=False)],
    db: _DB = None,
    out: _OUT = None,
    findings: Annotated[bool, typer.Option("--findings/--no-findings", help="是否列出每次发现的问题")] = True,
    limit: Annotated[int, typer.Option("--limit", "-n", help="最多显示多少条结果")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """查询某个文件或单位在历次批量处理中的结果：何时处理、得分、等级、发现了哪些问题。"""
    with _open(db, out) as ledger:
        rows = api.ledger_history(ledger, query, limit, findings=findings)
    if as_json:
        write_json(json.dumps([api.history_dict(r, found) for r, found in rows], ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_OK)
    if not rows:
        console.print(f"台账中没有与“{escape(query)}”相关的结果")
        raise typer.Exit(EXIT_OK)
    for r, found in rows:
        kind = api.kind_label(r.kind) or ""
        score = f"规则总分 {r.total:g}" if r.total is not None else ""
        grade = f"等级 {r.grade}" if r.grade else ""
        ranking = f"排名 {r.rank}/{r.rank_of} {r.ranking_grade or ''}" if r.rank else ""
        head = "  ".join(x for x in (f"#{r.run_id} {_when(r.started_at)}", r.path, r.unit or "", r.project or "",
                                     kind, f"{r.year}年度" if r.year else "") if x)
        status = api.Status(r.status)
        style = {"scored": "green", "reviewed": "green", "checked": "green", "errors": "red"}.get(r.status, "yellow")
        console.print(f"[bold]{escape(head)}[/]")
        detail = "  ".join(x for x in (f"[{style}]{status.label}[/]", score, grade, ranking,
                                       f"错误 {r.errors}，警告 {r.warnings}") if x)
        console.print(f"  {detail}")
        if r.reason and status is not api.Status.ERRORS:
            console.print(f"  {escape(r.reason)}")
        if findings:
            for f in found:
                where = f"{f.location} " if f.location else ""
                console.print(f"    {f.code} {escape(where + f.message)}")
        console.print()
