"""Chinese for the command-line framework: usage lines, panel titles, type labels and usage errors.

Typer (with its vendored Click) writes these strings in English and offers no translation hook, so
`install()` replaces them where Typer keeps them. The places are pinned to the Typer release range
in pyproject.toml; tests/test_cli_help.py walks every command's help and every usage error and fails
when an English framework string comes back (e.g. after an upgrade moved one).
"""

import re
from collections.abc import Callable

import typer.core
import typer.rich_utils as rich_utils
from rich.text import Text
from typer import _click
from typer._click import formatting

HELP_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法："

_PANELS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "查看帮助：[blue]{command_path} {help_option}[/]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已弃用）",
}

# Type labels shown beside each option: what to type, in words an accountant knows.
_TYPE_LABELS = {"int range": "整数", "float range": "数字", "path": "路径", "Path": "路径", "str": "文本", "int": "整数", "float": "数字", "file": "文件",
                "directory": "文件夹", "datetime": "日期"}

# Argument names in usage lines ("perfxl validate [选项] 文件…").
_ARGUMENT_NAMES = {"files": "文件", "file": "文件", "input": "输入", "source": "表单JSON", "code": "规则代码",
                   "query": "查询", "results": "结果文件"}
_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]...", "[参数]…"))

# Usage errors, most specific first; each pattern covers one message shape of Typer/Click.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^Missing argument (.+?)\.?$", r"缺少参数 \1。"),
    (r"^Missing option (.+?)\.?$", r"缺少选项 \1。"),
    (r"^Missing parameter: (.+)$", r"缺少参数 \1。"),
    (r"^No such option: (\S+?)\.? Did you mean (.+?)\?$", r"没有选项 \1，是否想用 \2？"),
    (r"^No such option: (\S+?)\.? \(Possible options: (.+)\)$", r"没有选项 \1（可用：\2）"),
    (r"^No such option: (\S+?)\.?$", r"没有选项 \1。"),
    (r"^No such command '(.+?)'\.(?:\. Did you mean (.+?)\?)?$", r"没有命令“\1”。"),
    (r"^Missing command\.$", "缺少命令。"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多余的参数：\1"),
    (r"^Option '(.+?)' requires an argument\.$", r"选项 \1 需要一个值。"),
    (r"^Option '(.+?)' requires (\d+) arguments\.$", r"选项 \1 需要 \2 个值。"),
    (r"^Option '(.+?)' does not take a value\.$", r"选项 \1 不需要值。"),
    (r"^Invalid value for (.+?): (.+)$", r"\1 的值无效：\2"),
    (r"^Invalid value: (.+)$", r"值无效：\1"),
    (r"^Input should be greater than or equal to (.+)$", r"应不小于 \1"),
    (r"^Input should be greater than (.+)$", r"应大于 \1"),
    (r"^Input should be less than or equal to (.+)$", r"应不大于 \1"),
    (r"^Input should be less than (.+)$", r"应小于 \1"),
    (r"^Input should be a valid integer.*$", "应为整数"),
    (r"^Input should be a valid number.*$", "应为数字"),
    (r"^'(.*?)' is not one of (.+)\.$", r"“\1”不是可选值（\2）之一。"),
    (r"^'(.*?)' is not a valid (integer|float)(?: range)?\.$", r"“\1”不是有效的数字。"),
    (r"^(?:File|Path|Directory) '(.*)' does not exist\.$", r"“\1”不存在。"),
    (r"^(?:File|Path) '(.*)' is a directory\.$", r"“\1”是文件夹，应为文件。"),
    (r"^Directory '(.*)' is a file\.$", r"“\1”是文件，应为文件夹。"),
    (r"^(?:File|Path|Directory) '(.*)' is not readable\.$", r"“\1”无法读取。"),
))


def translate_error(message: str) -> str:
    """A Typer/Click usage-error message in Chinese (nested 'Invalid value for X: …' parts too)."""
    message = message.removeprefix("Value error, ")
    for pattern, replacement in _ERRORS:
        match = pattern.match(message)
        if match:
            if pattern.pattern.startswith("^Invalid value for"):  # the option's names, then the reason
                return f"{match[1].replace(chr(39), '')} 的值无效：{translate_error(match[2])}"
            if pattern.pattern.startswith("^Missing"):
                return match.expand(replacement).replace("'", "")
            return match.expand(replacement)
    return message


def _type_label(display: Callable[[typer.core._TyperParameter, _click.Context], str | None]):
    def label(self, ctx: _click.Context) -> str | None:
        if getattr(self, "is_flag", False):
            return None  # a switch: nothing to type
        shown = display(self, ctx)
        if not shown:
            return shown
        inner = shown.strip("<>.").removeprefix("list[").removesuffix("]")
        many = shown.startswith("<list[") or shown.endswith("...")
        words = "|".join(_TYPE_LABELS.get(part, part) for part in inner.split("|"))
        return f"<{words}{'…' if many else ''}>"
    return label


def _usage(write_usage):
    def write(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        write_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)
    return write


def _help_option(get_help_option):
    def get(self, ctx: _click.Context):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option
    return get


def _folding(make_text):
    def make(**kwargs):
        text = make_text(**kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"  # Chinese has no spaces to wrap at: fold instead of cutting with "…"
        return text
    return make


def _usage_name(usage_name):
    def name(self) -> str:
        return usage_name(self).replace("{", "").replace("}", "").replace("...", "…")
    return name


def _argument_name(self) -> str:
    return self.metavar if self.metavar is not None else _ARGUMENT_NAMES.get(self.name or "", self.name or "")


def _range(range_help):
    def describe(self) -> str | None:
        text = range_help(self)
        return text and text.replace("<=x<=", "–").replace("x>=", "≥").replace("x<=", "≤").replace("x>", ">").replace(
            "x<", "<")
    return describe


def _format_error(format_error):
    def show(self: _click.ClickException) -> None:
        translated = translate_error(self.format_message())
        self.format_message = lambda: translated  # this instance only
        format_error(self)
    return show


_installed = False


def install() -> None:
    """Put the Chinese strings in place (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    for name, text in _PANELS.items():
        setattr(rich_utils, name, text)
    rich_utils.rich_format_error = _format_error(rich_utils.rich_format_error)
    rich_utils._make_rich_text = _folding(rich_utils._make_rich_text)
    typer.core.TyperArgument.display_name_raw = property(_argument_name)
    for cls in (typer.core.TyperArgument, typer.core.TyperOption):
        cls._get_number_range_help_str = _range(cls._get_number_range_help_str)
    typer.core.TyperArgument._usage_display_name = _usage_name(typer.core.TyperArgument._usage_display_name)
    formatting.HelpFormatter.write_usage = _usage(formatting.HelpFormatter.write_usage)
    _click.core.Command.get_help_option = _help_option(_click.core.Command.get_help_option)
    for cls in (typer.core.TyperArgument, typer.core.TyperOption):
        cls.display_type_rich = _type_label(cls.display_type_rich)
