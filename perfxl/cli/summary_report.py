"""`perfxl summary-report`: the 绩效评价汇总分析报告 of a batch's results.json."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from perfxl import api
from perfxl.cli import EXIT_OK, EXIT_UNUSABLE, app
from perfxl.cli.inputs import ConfigOption, IssuedOption, PdfOption, load_rule_pack, parse_date
from perfxl.cli.output import console, fail


@app.command("summary-report")
def summary_report(
    results: Annotated[Path, typer.Argument(help="perfxl batch 输出的 results.json", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出的 Word 文件")] = Path("绩效评价汇总分析报告.docx"),
    pdf: PdfOption = False,
    issued: IssuedOption = None,
    config: ConfigOption = None,
) -> None:
    """由批量处理结果 results.json 生成绩效评价汇总分析报告（等级分布、排名、高频问题、分部门分类型统计和图表）。"""
    pack = load_rule_pack(config)
    day = parse_date(issued)
    try:
        written = api.summary_report(results, out, pdf=pdf, pack=pack, issued=day)
    except FileNotFoundError:
        fail(f"{results}: 文件不存在")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"{results}: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    except OSError as exc:
        fail(f"读写文件出错：{exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    console.print(f"已生成汇总分析报告：{escape(str(written))}", soft_wrap=True)
    raise typer.Exit(EXIT_OK)
