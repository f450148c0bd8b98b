"""The CLI's inputs: the rule pack, and what a path that is not a form file is, in Chinese."""

import shlex
from pathlib import Path

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


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as one form file (a folder, or nothing there), or None."""
    if path.is_dir():
        return (f"{path} 是文件夹：校验一个文件夹中的全部表单请用 "
                f"perfxl batch {shlex.quote(str(path))} --out {shlex.quote(str(path.name or 'batch') + '-结果')}")
    if not path.exists():
        return f"{path}: 文件不存在，请检查文件路径是否正确"
    return None
