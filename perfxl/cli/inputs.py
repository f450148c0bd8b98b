"""The CLI's inputs: the rule pack, dates, the options commands share, and what a path that is not a form file is."""

import shlex
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from perfxl import api
from perfxl.cli import EXIT_UNUSABLE
from perfxl.cli.output import errors, fail


def load_rule_pack(path: Path | None) -> api.RulePack:
    """The rule pack (validated before any file is read); says which settings a perfxl.toml overrides."""
    try:
        pack = api.rule_pack(path)
    except ValueError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    for source, keys in api.pack_overrides(pack):
        errors.print(f"注意：已使用规则配置文件 {source}，其中的设置覆盖了国家默认规则：{'、'.join(keys)}",
                     markup=False, soft_wrap=True)
    return pack


# Options several commands take, spelled once.
ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml", show_default=False)]
PdfOption = Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 转换为 PDF")]
IssuedOption = Annotated[str | None, typer.Option("--date", help="成文日期，如 2026-12-07（默认今天）", show_default=False)]


def parse_date(text: str | None) -> date | None:
    """An --date value (2026-12-07) as a date; None when not given; a Chinese message and exit 2 otherwise."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"日期「{text}」无法识别，应为 2026-12-07 形式")
        raise typer.Exit(EXIT_UNUSABLE) from None


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as one form file (a folder, or nothing there), or None."""
    if path.is_dir():
        return (f"{path} 是文件夹：校验一个文件夹中的全部表单请用 "
                f"perfxl batch {shlex.quote(str(path))} --out {shlex.quote(str(path.name or 'batch') + '-结果')}")
    if not path.exists():
        return f"{path}: 文件不存在，请检查文件路径是否正确"
    return None
