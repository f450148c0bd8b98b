"""Reading speed: `perfxl read` of a filled 30-indicator self-evaluation workbook, against baselines
measured in the same run on the same file:

- python-calamine raw read (load + every sheet to Python lists)   target: perfxl / calamine ≤ 2
- openpyxl load_workbook (default mode)                            target: openpyxl / perfxl ≥ 10

perfxl's time includes everything a batch pays per file: sniffing the zip, the safety scan of the
sheet XML (extents, formulas, % formats), the calamine load of the sheets it needs, and finding the
form by its labels. Label caches are cleared before every perfxl run.
Usage: python bench/read.py [REPEATS] [--recalc]   (--recalc: let LibreOffice compute cached values)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from perfxl.domain import FormKind
from perfxl.forms.read.labels import norm
from perfxl.forms.read.reader import read_workbook


def build(folder: Path, recalc: bool) -> Path:
    """A filled 项目支出绩效自评表 with 30 indicators (the writer when present, else plain openpyxl)."""
    try:
        from perfxl.forms.write.writer import write_form
        from perfxl.samples import generate_forms
    except ImportError:  # pragma: no cover - before the writer existed
        return _handmade(folder / "selfeval.xlsx")
    form = generate_forms(1, seed=2024, kinds=[FormKind.PROJECT_SELFEVAL], indicators=30)[0]
    path = write_form(form, folder / "selfeval.xlsx")
    if recalc:
        from perfxl.forms.write.libreoffice import find_soffice, recalculate

        if find_soffice():
            path = recalculate([path], folder / "recalc")[0]
    return path


def _handmade(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["项目支出绩效自评表"])
    ws.append(["（2024年度）"])
    ws.append(["项目名称", "义务教育学校校舍维修改造"])
    ws.append(["主管部门", "某某县教育局", None, "实施单位", "某某县第一中学"])
    ws.append(["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, "年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    ws.append(["年度总体目标", "预期目标", None, None, "实际完成情况"])
    ws.append([None, "完成3所学校校舍维修改造。", None, None, "已完成。"])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    for i in range(30):
        ws.append([None, "产出指标", "数量指标", f"指标{i + 1}", "≥95%", "96%", 3, 3, None])
    ws.append(["总分", None, None, None, None, None, 100, 99])
    wb.save(path)
    return path


def best_of(repeats: int, run) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def perfxl_read(path: Path) -> None:
    norm.cache_clear()
    result = read_workbook(path)
    assert result.form is not None and len(result.form.indicators) == 30, result.findings


def calamine_read(path: Path) -> None:
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()


def openpyxl_read(path: Path) -> None:
    openpyxl.load_workbook(path).close()


def main(argv: list[str]) -> None:
    repeats = int(next((a for a in argv if a.isdigit()), "30"))
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), "--recalc" in argv)
        perfxl_read(path)  # warm imports
        ours = best_of(repeats, lambda: perfxl_read(path))
        raw = best_of(repeats, lambda: calamine_read(path))
        slow = best_of(max(3, repeats // 5), lambda: openpyxl_read(path))
        size = path.stat().st_size
    print(f"file: filled 项目支出绩效自评表, 30 indicators, {size / 1024:.0f} KB; best of {repeats}")
    print(f"perfxl read         {ours * 1000:8.2f} ms")
    print(f"python-calamine raw {raw * 1000:8.2f} ms")
    print(f"openpyxl load       {slow * 1000:8.2f} ms")
    print(f"perfxl / calamine   {ours / raw:8.2f}   (target ≤ 2)")
    print(f"openpyxl / perfxl   {slow / ours:8.2f}   (target ≥ 10)")


if __name__ == "__main__":
    main(sys.argv[1:])
