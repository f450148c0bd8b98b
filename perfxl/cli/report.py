"""`perfxl report`: one form's Word document; `perfxl report-templates`: the editable templates."""

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_UNUSABLE, app
from perfxl.cli.inputs import ConfigOption, IssuedOption, PdfOption, load_rule_pack, parse_date
from perfxl.cli.output import console, fail

DocumentKind = StrEnum("DocumentKind", {kind: kind for kind in api.FORM_DOCUMENTS})  # --type choices


def number_text(pack, number: str | None, issued: date | None) -> str | None:
    """--number 12 → "×财绩〔2026〕12号"; a full 文号 is kept as typed."""
    if number is None or not number.strip().isdigit():
        return number
    return api.document_number(pack, (issued or date.today()).year, number)


@app.command()
def report(
    file: Annotated[Path, typer.Argument(help="表单文件（.xlsx 或 .json）", show_default=False)],
    type: Annotated[DocumentKind, typer.Option("--type", "-t", help="文书类型")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出的 Word 文件（默认：表单文件名_文书类型.docx）",
                                             show_default=False)] = None,
    pdf: PdfOption = False,
    number: Annotated[str | None, typer.Option("--number", "-n", help="发文字号：序号（如 12）或完整文号；默认留空待填",
                                               show_default=False)] = None,
    issued: IssuedOption = None,
    config: ConfigOption = None,
) -> None:
    """为一份表单生成 Word 文书：自评报告、评价报告、整改通知书、绩效目标审核意见书或运行监控提醒函。"""
    pack = load_rule_pack(config)
    if not file.is_file():
        fail(f"{file}: 文件不存在")
        raise typer.Exit(EXIT_UNUSABLE)
    day = parse_date(issued)
    target = out or Path(f"{file.stem}_{type.value}.docx")
    write_document(type.value, lambda: api.report(file, type.value, target, pdf=pdf, pack=pack,
                                                   number=number_text(pack, number, day), issued=day))


def write_document(what: str, write: Callable[[], Path], source: Path | None = None) -> NoReturn:
    """Run `write` (an api document call) and say what it wrote; a Chinese message and exit 2 when it cannot.
    `source`: the input file, named in the message when it is missing or unusable."""
    try:
        written = write()
    except ValueError as exc:  # UnicodeDecodeError too
        fail(f"{source}: {exc}" if source else str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError) and source is not None and not source.exists()
        fail(f"{source}: 文件不存在" if missing else f"读写文件出错：{exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    console.print(f"已生成{what}：{escape(str(written))}", soft_wrap=True)
    raise typer.Exit(EXIT_OK)


@app.command("report-templates")
def report_templates(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="把内置 Word 模板写入此文件夹，供修改",
                                             show_default=False)] = None,
    check: Annotated[Path | None, typer.Option("--check", help="检查此文件夹中修改过的模板：列出各模板使用的变量",
                                               show_default=False)] = None,
    images: Annotated[Path | None, typer.Option("--images", help="用示例表单生成每种文书，把第一页渲染为 PNG 写入此文件夹"
                                                "（文档插图，需 LibreOffice 和 poppler-utils）", show_default=False)] = None,
) -> None:
    """导出或检查文书的 Word 模板（修改后的模板放在规则配置 [documents] templates 指定的文件夹）。"""
    if out is None and check is None and images is None:
        fail("请指定 --out 文件夹（导出模板）、--check 文件夹（检查模板）或 --images 文件夹（文书示例图片）")
        raise typer.Exit(EXIT_UNUSABLE)
    try:
        if images is not None:
            for png in api.document_pictures(images):
                console.print(f"已生成 {escape(str(png))}", soft_wrap=True)
        if out is not None:
            for path in api.write_report_templates(out):
                console.print(f"已写出模板：{escape(str(path))}", soft_wrap=True)
        usage = api.report_template_usage(check) if check is not None else []
    except (ValueError, api.LibreOfficeError) as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    for use in usage:
        if use.error:
            fail(use.error)
        elif not use.found:
            console.print(f"{use.kind}.docx：未找到，使用内置模板", soft_wrap=True)
        else:
            console.print(f"{use.kind}.docx：使用变量 {'、'.join(use.used)}"
                          + (f"；未使用 {'、'.join(use.unused)}" if use.unused else ""), soft_wrap=True)
    if any(use.error for use in usage):
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_OK)
