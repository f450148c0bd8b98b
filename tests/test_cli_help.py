"""Every help text, usage line and usage error of the command line is Chinese and fits 80 columns."""

import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from perfxl.cli import app, commands  # noqa: F401  (registers the commands)
from perfxl.cli.zh import translate_error

ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this|Missing|Error|Try |Invalid|No such|default:|"
                     r"required\]|env var|<bool>|list\[|int range|float range|\[OPTIONS\]|COMMAND|Value error|"
                     r"Input should|does not exist|Aborted")
CUT = re.compile(r"[^>\]\s]…\s*│")  # a line cut short with an ellipsis at the panel border
runner = CliRunner()


def _invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"})


def _command_paths(group=None, prefix=()):
    group = group or get_command(app)
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))


@pytest.mark.parametrize("path", [(), *_command_paths()], ids=lambda p: " ".join(p) or "perfxl")
def test_help_is_chinese_and_uncut(path):
    result = _invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert not ENGLISH.search(result.output), result.output
    assert not CUT.search(result.output), result.output
    assert _invoke(*path, "-h").output == result.output


@pytest.mark.parametrize("args", [
    ("validate",), ("validate", "--formt", "x"), ("score", "x.json", "--format", "xml"), ("nosuch",),
    ("batch", "in"), ("batch", "in", "-o", "out", "--workers", "-1"), ("batch", "in", "-o", "out", "-w", "abc"),
    ("rules", "S201", "extra"),
], ids=" ".join)
def test_usage_errors_are_chinese(args):
    result = _invoke(*args)
    assert result.exit_code == 2
    assert "用法：" in result.output and "错误" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_version():
    result = _invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("perfxl ")


@pytest.mark.parametrize("english, chinese", [
    ("Missing argument 'files'.", "缺少参数 files。"),
    ("Missing option '--out' / '-o'.", "缺少选项 --out / -o。"),
    ("No such option: --formt (Possible options: --format)", "没有选项 --formt（可用：--format）"),
    ("Invalid value for '--workers' / '-w': Input should be greater than or equal to 0",
     "--workers / -w 的值无效：应不小于 0"),
    ("Got unexpected extra argument (extra)", "多余的参数：extra"),
    ("something new", "something new"),  # unknown messages pass through unchanged
])
def test_translate_error(english, chinese):
    assert translate_error(english) == chinese


def _options(group=None, prefix=()):
    group = group or get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _options(command, (*prefix, name))
        else:
            for param in command.params:
                for opt in param.opts:
                    if opt.startswith("--") and opt not in ("--help",):
                        yield " ".join((*prefix, name)), opt


def test_every_option_is_in_the_user_guide():
    guide = (Path(__file__).parent.parent / "docs" / "使用指南.md").read_text(encoding="utf-8")
    missing = sorted({f"perfxl {command} {opt}" for command, opt in _options() if opt not in guide})
    assert not missing, f"docs/使用指南.md does not mention: {missing}"
