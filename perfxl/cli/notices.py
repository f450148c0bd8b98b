"""`perfxl notices`: rectification notices in the ledger — status, overdue ones, 催办函, feedback forms."""

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack
from perfxl.cli.ledger import _DB, _OUT, _open, _when
from perfxl.cli.output import PlainTable, console, fail, write_json


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--today “{text}”不是日期，应写作 2026-12-31")
        raise typer.Exit(EXIT_UNUSABLE) from None


@app.command()
def notices(
    overdue: Annotated[bool, typer.Option("--overdue", help="只列出逾期未办结的通知（有逾期通知时返回 1）")] = False,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="单位名称（可为一部分）或单位编码",
                                             show_default=False)] = None,
    number: Annotated[str | None, typer.Option("--number", help="只看这一份通知：逐项问题、反馈和全部变更记录",
                                               show_default=False)] = None,
    db: _DB = None,
    out: _OUT = None,
    reminders: Annotated[Path | None, typer.Option(
        "--reminders", help="为列出的逾期通知各写一份催办函（.docx）到此目录，并记入台账", show_default=False)] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="催办函同时转换为 PDF（需安装 LibreOffice）")] = False,
    feedback_forms: Annotated[Path | None, typer.Option(
        "--feedback-forms", help="为列出的每份通知写一份预填问题的整改情况反馈表（.xlsx）到此目录", show_default=False)] = None,
    today: Annotated[str | None, typer.Option("--today", help="按此日期判断逾期（默认今天），如 2027-01-04",
                                              show_default=False)] = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml（催办函的发文机关等）")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """整改通知台账：每份通知的文号、单位、整改期限、状态和问题完成情况；可只看逾期的，并生成催办函。"""
    day = _day(today)
    with _open(db, out) as ledger:
        if number:
            found = api.notice(ledger, number)
            if found is None:
                fail(f"台账中没有文号为“{number}”的整改通知")
                raise typer.Exit(EXIT_UNUSABLE)
            items = [found] if not overdue or found.overdue(day) else []
        else:
            items = api.notices(ledger, unit=unit, overdue=overdue, today=day)
        events = {n.number: api.notice_history(ledger, n) for n in items} if number else {}
        written: list[Path] = []
        try:
            if reminders is not None:
                pack = load_rule_pack(config)
                written += api.write_reminders(ledger, items, reminders, pack=pack, today=day, pdf=pdf)
            if feedback_forms is not None:
                written += [api.write_feedback_form(n, feedback_forms) for n in items]
        except (api.RectificationError, OSError) as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_UNUSABLE) from None
    if as_json:
        data = [n.to_dict(day) | ({"history": api.notice_history_json(events[n.number])} if n.number in events else {})
                for n in items]
        write_json(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        _print(items, day, overdue, unit, events)
        for path in written:
            console.print(f"已生成 {escape(str(path))}")
    raise typer.Exit(EXIT_PROBLEMS if overdue and items else EXIT_OK)


def _print(items, day: date, overdue: bool, unit: str | None, events: dict) -> None:
    if not items:
        what = "逾期未办结的整改通知" if overdue else "整改通知"
        console.print(f"台账中没有{'“' + escape(unit) + '”的' if unit else ''}{what}")
        return
    title = f"逾期未办结的整改通知（截至 {day.isoformat()}）" if overdue else "整改通知"
    table = PlainTable(title=title, title_justify="left")
    for column in ("文号", "单位", "项目", "发出日期", "整改期限", "状态", "问题完成情况"):
        table.add_column(column, overflow="fold")
    for n in items:
        done = sum(1 for p in n.problems if p.status == "done")
        state = n.status_label + (f"（逾期 {(day - n.deadline).days} 天）" if n.overdue(day) else "")
        style = "red" if n.overdue(day) else ("green" if n.status == "closed" else "yellow")
        table.add_row(n.number, n.unit or "—", n.project or "—", n.issued.isoformat(), n.deadline.isoformat(),
                      Text(state, style=style), f"已完成 {done} / {len(n.problems)} 项")
    console.print(table)
    for n in items:
        if n.number in events:
            _detail(n, events[n.number])


def _detail(notice, events: list[dict]) -> None:
    console.print(f"\n[bold]{escape(notice.number)} 问题清单[/]")
    for p in notice.problems:
        where = f"{p.location} " if p.location else ""
        console.print(f"  {p.seq}. [{p.code}] {escape(where + p.message)}")
        extra = "，".join(x for x in (p.status_label, p.measures and f"措施：{p.measures}",
                                      p.completed_on and f"完成时间：{p.completed_on.isoformat()}",
                                      p.owner and f"责任人：{p.owner}") if x)
        console.print(f"     {escape(extra)}")
    console.print(f"\n[bold]{escape(notice.number)} 变更记录[/]")
    for e in events:
        change = " → ".join(e[k] for k in ("old_label", "new_label") if e[k])
        target = f"问题 {e['problem']}" if e["problem"] is not None else ""
        reason = json.loads(e["detail"]).get("reason", "") if e["event"] == "rejected" and e["detail"] else ""
        source = f"（{e['source_file']}）" if e["source_file"] else ""
        line = " ".join(x for x in (_when(e["at"]), e["event_label"], target, change, reason) if x) + source
        console.print(f"  {escape(line)}")
