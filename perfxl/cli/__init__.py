"""The command line: the only layer that parses arguments and prints.

Each command group lives in its own module and registers itself on `app` when imported below.
Exit codes: 0 no error-severity problem, 1 problems found, 2 unusable input or usage error.
"""

import typer

from perfxl.cli import zh

zh.install()

app = typer.Typer(
    help="perfxl — 预算绩效管理表单工具：读取、校验、评分、批量汇总。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"perfxl {version('perfxl')}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                      help="显示版本号并退出。"),
) -> None:
    """perfxl — 预算绩效管理表单工具：读取、校验、评分、批量汇总。"""


def main() -> None:
    from perfxl.cli import commands  # noqa: F401  (registers the commands)

    app()
