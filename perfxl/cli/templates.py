"""`perfxl templates build|check|images` and `perfxl fill`: the workbook templates and filling them from JSON."""

from pathlib import Path
from typing import Annotated

import typer

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, app
from perfxl.cli.inputs import load_rule_pack
from perfxl.cli.output import console, errors, fail

templates_app = typer.Typer(help="工作簿模板：生成五种表单模板，或检查已提交的模板是否最新。", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

_DEFAULT_DIR = Path("workbook_templates")


@templates_app.command("build")
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = _DEFAULT_DIR,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml（决定评分公式和下拉列表）")] = None,
) -> None:
    """生成五种表单模板（申报表、监控表、自评表）和整改情况反馈表到输出目录。"""
    pack = load_rule_pack(config)
    for path in api.build_templates(out, pack=pack):
        console.print(f"已生成 {path}")
    raise typer.Exit(EXIT_OK)


@templates_app.command("check")
def check(
    directory: Annotated[Path, typer.Option("--dir", "-d", help="模板所在目录")] = _DEFAULT_DIR,
) -> None:
    """检查目录中的模板与当前代码生成的是否一致（内容、公式、下拉列表、保护和打印设置），不一致时返回 1。"""
    stale = api.stale_templates(directory)
    for committed, diff in stale.items():
        if diff is None:
            fail(f"{committed}: 模板不存在，请运行 perfxl templates build")
            continue
        fail(f"{committed}: 模板已过期，请运行 perfxl templates build 重新生成")
        for line in diff[:10]:
            errors.print(f"  {line}", markup=False)
    if stale:
        raise typer.Exit(EXIT_PROBLEMS)
    console.print(f"{len(api.template_names())} 个模板均为最新。")
    raise typer.Exit(EXIT_OK)


@templates_app.command("images")
def images(
    out: Annotated[Path, typer.Option("--out", "-o", help="PNG 输出目录")] = Path("docs/img"),
    dpi: Annotated[int, typer.Option("--dpi", help="分辨率")] = 80,
) -> None:
    """用 LibreOffice 把每个模板和一份填好的自评表示例的第一页渲染成 PNG（文档插图），需安装 LibreOffice 和 poppler-utils。"""
    try:
        for png in api.template_pictures(out, dpi):
            console.print(f"已生成 {png}")
    except api.LibreOfficeError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    raise typer.Exit(EXIT_OK)


@app.command()
def fill(
    source: Annotated[Path, typer.Argument(help="表单 JSON 文件（一个表单或表单数组）", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出 .xlsx 文件；JSON 含多个表单时为输出目录",
                                      show_default=False)],
    config: Annotated[Path | None, typer.Option("--config", "-c", help="规则配置文件 perfxl.toml")] = None,
    recalc: Annotated[bool | None, typer.Option(
        "--recalc/--no-recalc",
        help="用 LibreOffice 计算公式并保存结果；默认在已安装 LibreOffice 时计算", show_default=False)] = None,
) -> None:
    """用表单 JSON 填写对应的模板，生成可在 Excel、WPS、LibreOffice 中打开的工作簿。"""
    pack = load_rule_pack(config)
    try:
        filled = api.fill(source, out, pack=pack, recalc=recalc)
    except (ValueError, OSError, api.LibreOfficeError) as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    if recalc is None and not filled.recalculated:
        console.print("未安装 LibreOffice：公式结果将在 Excel、WPS 打开时计算（perfxl 读取时也会重新计算）")
    for path in filled.written:
        console.print(f"已填写 {path}")
    raise typer.Exit(EXIT_OK)
