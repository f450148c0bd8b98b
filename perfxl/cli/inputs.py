"""The CLI's inputs: the rule pack, and what a path that is not a form file is, in Chinese."""

import shlex
import tomllib
from pathlib import Path

import typer

from perfxl.cli import EXIT_UNUSABLE
from perfxl.cli.output import errors, fail
from perfxl.config import ConfigError, RulePack, load_pack


def load_rule_pack(path: Path | None) -> RulePack:
    try:
        pack = load_pack(path)
        from perfxl.rules import settings

        settings(pack)  # validates the [rules] section now, not halfway through a run
    except ConfigError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    for source in pack.sources:
        errors.print(f"注意：已使用规则配置文件 {source}，其中的设置覆盖了国家默认规则：{'、'.join(_keys(source))}",
                     markup=False, soft_wrap=True)
    return pack


def _keys(source: str) -> list[str]:
    """The settings a rule-pack file sets, as dotted keys ("scoring.reverse_variant")."""
    def walk(table: dict, prefix: str) -> list[str]:
        out = []
        for key, value in table.items():
            name = f"{prefix}{key}"
            out += walk(value, f"{name}.") if isinstance(value, dict) and value else [name]
        return out
    return walk(tomllib.loads(Path(source).read_text(encoding="utf-8")), "")


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as one form file (a folder, or nothing there), or None."""
    if path.is_dir():
        return (f"{path} 是文件夹：校验一个文件夹中的全部表单请用 "
                f"perfxl batch {shlex.quote(str(path))} --out {shlex.quote(str(path.name or 'batch') + '-结果')}")
    if not path.exists():
        return f"{path}: 文件不存在，请检查文件路径是否正确"
    return None
