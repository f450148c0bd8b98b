"""`perfxl summary-report`: the 绩效评价汇总分析报告 of a batch's results.json."""

from pathlib import Path
from typing import Annotated

import typer

from perfxl import api
from perfxl.cli import app
from perfxl.cli.inputs import ConfigOption, IssuedOption, PdfOption, load_rule_pack, parse_date
from perfxl.cli.report import write_document


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
    write_document("汇总分析报告", lambda: api.summary_report(results, out, pdf=pdf, pack=pack, issued=day), results)
