"""`perfxl batch`: a folder or .zip of collected workbooks → 汇总.xlsx, results.json and the ledger."""

import os
import re
import shlex
import signal
import sys
import time
from pathlib import Path
from typing import Annotated
from urllib.parse import unquote

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import ConfigOption, load_rule_pack
from perfxl.cli.output import console, errors, fail

EXIT_INTERRUPTED = 130
PLAIN_EVERY = 10.0  # seconds between progress lines when not on a terminal


class RichReporter:
    """A Rich progress bar on stderr: counts per status and ETA."""

    def __init__(self, out: Console):
        self.out = out
        self.bar: Progress | None = None
        self.task = None

    def phase(self, text: str) -> None:
        if self.bar is None:
            self.out.print(f"[dim]{escape(text)}[/]")

    def start(self, progress) -> None:
        self.bar = Progress(
            TextColumn("[bold]批量处理[/]"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[counts]}"), TextColumn("剩余"), TimeRemainingColumn(),
            console=self.out, transient=False, refresh_per_second=5,
        )
        self.bar.start()
        self.task = self.bar.add_task("batch", total=progress.total, counts="")

    def advance(self, progress) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=progress.done, counts=_counts(progress))

    def finish(self, progress) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=progress.done, counts=_counts(progress))
            self.bar.stop()
            self.bar = None


class PlainReporter:
    """Plain lines every few seconds (logs, CI, pipes)."""

    def __init__(self, out: Console):
        self.out = out
        self.last = 0.0

    def phase(self, text: str) -> None:
        self.out.print(text, markup=False, soft_wrap=True)

    def start(self, progress) -> None:
        self.out.print(f"共 {progress.total} 个文件")
        self.last = time.monotonic()

    def advance(self, progress) -> None:
        if time.monotonic() - self.last >= PLAIN_EVERY:
            self.out.print(progress.line(), markup=False, soft_wrap=True)
            self.last = time.monotonic()

    def finish(self, progress) -> None:
        self.out.print(progress.line(), markup=False, soft_wrap=True)


def _counts(progress) -> str:
    styles = {"errors": "red", "unreadable": "yellow", "not_form": "dim", "timeout": "red", "failed": "red",
              "feedback": "cyan", "feedback_errors": "red"}
    return "  ".join(f"[{styles.get(s.value, 'green')}]{s.label} {progress.counts[s]}[/]"
                     for s in api.Status if progress.counts[s])


def _require_batch_extra() -> None:
    missing = api.batch_missing()
    if missing:
        fail(f"批量处理需要安装扩展：pip install 'perfxl[batch]'（缺少 {missing}）")
        raise typer.Exit(EXIT_UNUSABLE)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


@app.command()
def batch(
    input: Annotated[Path, typer.Argument(help="收集到的表单：文件夹（含子文件夹）或 .zip 压缩包", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录：汇总.xlsx、results.json、ledger.sqlite、批注/")],
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=0, help="并行进程数（默认为 CPU 核数；0 表示在当前进程中运行）", show_default=False)] = None,
    config: ConfigOption = None,
    goals: Annotated[Path | None, typer.Option(
        "--goals", help="绩效目标申报表文件夹：按单位、项目、年度与自评表匹配，检查前后一致", show_default=False)] = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="为每份有问题的表单生成批注副本（输出目录/批注/）")] = False,
    resume: Annotated[bool, typer.Option(
        "--resume", help="从台账继续：内容相同且规则配置相同的文件不再重复处理")] = False,
    db: Annotated[str | None, typer.Option(
        "--db", envvar="PERFXL_DB", show_default=False,
        help="台账数据库：SQLite 文件路径或 URL（如 postgresql://用户@主机/库）；默认为 输出目录/ledger.sqlite")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="在 Dask 集群上运行：调度器地址 tcp://主机:端口", show_default=False)] = None,
    dask_local: Annotated[int | None, typer.Option(
        "--dask-local", min=1, help="启动本机 Dask 集群运行（N 个工作进程）", show_default=False)] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=1, show_default=False,
        help="单个文件的处理时限（秒），超时记为“处理超时”；默认按规则配置（60 秒）")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度和结果摘要")] = False,
    documents: Annotated[str | None, typer.Option(
        "--documents", help="为每份适用的表单生成 Word 文书（输出目录/文书/），如 整改通知,自评报告；"
        "可用：整改通知、自评报告、评价报告、审核意见、提醒函", show_default=False)] = None,
) -> None:
    """批量校验、计分收集到的表单：每个文件一行结果，写出 汇总.xlsx、results.json 和台账数据库。"""
    _require_batch_extra()
    from sqlalchemy.exc import SQLAlchemyError

    if scheduler and dask_local:
        fail("--scheduler 与 --dask-local 只能选择其一")
        raise typer.Exit(EXIT_UNUSABLE)
    pack = load_rule_pack(config)
    document_kinds = _document_kinds(documents) if documents else None
    err = Console(stderr=True, highlight=False)
    if quiet:
        reporter = None
    elif sys.stderr.isatty():
        reporter = RichReporter(err)
    else:
        reporter = PlainReporter(err)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        result = api.batch(input, out, workers=workers if workers is not None else (os.cpu_count() or 1), pack=pack,
                           goals=goals, annotate=annotate, resume=resume, db=db, scheduler=scheduler,
                           dask_local=dask_local, timeout=timeout, reporter=reporter)
    except (api.BatchError, api.LedgerError) as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    except SQLAlchemyError as exc:
        fail(f"台账数据库出错，批量处理已停止（已完成的结果保留在台账中，可加 --resume 继续）：{exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except OSError as exc:
        fail(f"读写文件出错，批量处理已停止（已完成的结果保留在台账中，可加 --resume 继续）：{exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except KeyboardInterrupt:
        fail("已中断，未写出汇总文件。")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)

    if result.interrupted:
        done = sum(result.counts.values())
        fail(f"已中断：已处理 {done}/{result.total} 个文件，结果已记入台账，未写出汇总文件。"
             f"使用相同命令加 --resume 继续。")
        raise typer.Exit(EXIT_INTERRUPTED)
    if not quiet:
        _print_result(result)
    if result.total == 0:
        errors.print(f"警告：{input} 中没有任何文件，没有表单可以校验。请检查输入路径是否正确。",
                     style="yellow", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNUSABLE)
    if document_kinds:
        _write_documents(input, result, document_kinds, pack, quiet, db or str(result.out_dir / "ledger.sqlite"))
    raise typer.Exit(EXIT_PROBLEMS if result.problems else EXIT_OK)


def _document_kinds(text: str) -> list[str]:
    try:
        return api.document_kinds(text)
    except ValueError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None


def _write_documents(input: Path, result, kinds: list[str], pack, quiet: bool, db: str) -> None:
    """`--documents`: Word documents for each form they apply to, into OUT/文书/<kind>/; 整改通知 are
    recorded in the batch's ledger (numbered there), each with its prefilled 整改情况反馈表."""
    try:
        with api.open_ledger(db) as ledger:
            done = api.batch_documents(input, result.results_path, result.out_dir / "文书", kinds, pack=pack,
                                       exclude=(result.out_dir,), ledger=ledger)
    except (ValueError, OSError, api.LedgerError, api.RectificationError) as exc:
        fail(f"生成文书失败：{exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    if not quiet:
        counts = "，".join(f"{kind} {n} 份" for kind, n in done.written.items()) or "没有适用的表单"
        console.print(f"文书：{counts}（{escape(str(done.folder))}/）", soft_wrap=True)
        for note in done.notes:
            console.print(f"[yellow]注意：[/]{escape(note)}", soft_wrap=True)


def _print_result(result) -> None:
    say = lambda text: console.print(text, soft_wrap=True)  # noqa: E731 - paths are never wrapped
    say(f"[bold]批量处理完成[/]：{result.total} 个文件，用时 {api.format_seconds(result.elapsed)}")
    table = Table(show_header=True)
    table.add_column("状态")
    table.add_column("文件数", justify="right")
    for status in api.Status:
        n = result.counts.get(status.value, 0)
        if n:
            table.add_row(status.label, str(n))
    console.print(table)
    if result.reused:
        say(f"其中 {result.reused} 个文件内容未变，沿用台账中的结果（--resume）")
    for note in result.notes:
        say(f"[yellow]注意：[/]{escape(note)}")
    if result.goals_loaded:
        say(f"已读取 {result.goals_loaded} 份目标申报表用于一致性检查")
    say(f"汇总表：{escape(str(result.summary_path))}")
    say(f"结果 JSON：{escape(str(result.results_path))}")
    if result.annotated_dir is not None:
        say(f"批注副本：{escape(str(result.annotated_dir))}/")
    say(f"台账：{escape(_ledger_location(result.ledger_url))}（查看：perfxl ledger runs --out {escape(shlex.quote(str(result.out_dir)))}）")


def run_batch_demo(out: Path, count: int = 200, seed: int = 2024) -> None:
    """The batch part of `perfxl demo`: a collection round of `count` workbooks (some faulty, a few broken
    files) written to OUT/收集的表单, then `perfxl batch` into OUT/批量汇总."""
    if api.batch_missing():
        console.print("\n（批量汇总示例需要安装扩展：pip install -e '.[batch]'，已跳过）", soft_wrap=True)
        return
    err = Console(stderr=True, highlight=False)
    console.print(f"\n[bold]批量汇总示例[/]：生成 {count} 份收集到的表单（部分有问题，另有几个损坏或无关的文件），"
                  f"再运行 perfxl batch …", soft_wrap=True)
    reporter = RichReporter(err) if sys.stderr.isatty() else PlainReporter(err)
    result = api.batch_demo(out, count, seed, reporter=reporter)
    _print_result(result)
    inbox, folder = out / "收集的表单", out / "批量汇总"
    console.print(f"\n请查看：[bold]{escape(str(result.summary_path))}[/]（汇总、问题清单、排名、统计四张工作表），"
                  f"{escape(str(folder))}/批注/ 下每份表单的批注副本；收集的原始文件在 {escape(str(inbox))}/。\n"
                  f"同样的命令：perfxl batch {escape(shlex.quote(str(inbox)))} --out {escape(shlex.quote(str(folder)))} --annotate", soft_wrap=True)


def _ledger_location(url: str) -> str:
    """A SQLite ledger as its file path; a server URL with any password masked."""
    if url.startswith("sqlite:///"):
        return unquote(url[len("sqlite:///"):])
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
