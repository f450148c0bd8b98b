"""`perfxl demo`: the main job on bundled sample data, end to end."""

import json
from pathlib import Path

import typer
from rich.text import Text

from perfxl import api, atomic
from perfxl.cli import app
from perfxl.cli.output import PlainTable, console


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-output"), "--out", "-o", help="输出目录"),
    count: int = typer.Option(18, "--count", "-n", help="示例表单数量"),
    seed: int = typer.Option(2024, "--seed", help="随机种子（相同种子生成相同示例）"),
) -> None:
    """生成示例表单，逐一校验和计分，打印结果并写出 results.json。"""
    samples = api.sample_forms(count, seed)
    forms_dir = out / "forms"
    reports = []
    for i, form in enumerate(samples, 1):
        path = forms_dir / f"{i:03d}_{form.kind.value}.json"
        atomic.write_text(path, api.form_json(form))
        reports.append((path, api.check_file(path)))

    table = PlainTable(title=f"示例表单评分结果（{len(reports)} 份）", title_justify="left")
    for column in ("文件", "单位", "项目", "表单", "规则总分", "表中总分", "等级", "错误", "警告"):
        table.add_column(column, overflow="fold")
    for path, checked in reports:
        report = checked.report
        s = report.score
        total = "—" if s.total is None else f"{api.rounded(s.total, 2):g}"
        self_total = "—" if s.self_total is None else f"{s.self_total:g}"
        table.add_row(path.name, s.unit or "", s.project or "", report.form.title, total, self_total, s.grade or "—",
                      Text(str(checked.errors), style="red" if checked.errors else ""), str(checked.warnings))
    console.print(table)

    scored = [c.report for _, c in reports if c.report and c.report.score.total is not None]  # self-assessments
    worst = max(scored, key=lambda report: (report.errors, report.warnings), default=None)
    if worst is not None and worst.findings:
        from perfxl.cli.score import print_report

        console.print("\n问题最多的一份自评表：")
        print_report(worst, 2)
    results = [checked.to_dict() for _, checked in reports]  # the shape of docs/results-json.md
    atomic.write_text(out / "results.json", json.dumps(results, ensure_ascii=False, indent=2))
    console.print(f"\n表单 JSON：{forms_dir}/    评分结果：{out / 'results.json'}")
    from perfxl.cli.batch import run_batch_demo  # the batch demo (perfxl/batch/demo.py)

    run_batch_demo(out, seed=seed)
