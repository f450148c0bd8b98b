"""Hand-made official-layout workbooks, built cell by cell with openpyxl — deliberately NOT with
perfxl's template code, so the reader is tested against forms as they arrive from other sources.

Each builder writes one .xlsx into a folder and returns its path. `cache_formulas` post-edits a
saved file so that formula cells carry cached values, as if Excel had saved it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

PROJECT = "义务教育学校校舍维修改造"
DEPARTMENT = "某某县教育局"
IMPLEMENTER = "某某县第一中学"
GOAL = "完成3所学校校舍维修改造，改善办学条件。"
ACHIEVED = "已完成3所学校校舍维修改造，均通过竣工验收。"


_SONG = Font(name="宋体", size=10)


class Drawer:
    """Tiny helper: write a value (optionally merging to another cell) by address."""

    def __init__(self, ws: Worksheet):
        self.ws = ws

    def __call__(self, ref: str, value=None, to: str | None = None, fmt: str | None = None) -> None:
        cell = self.ws[ref]
        cell.value = value
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.font = _SONG
        if fmt:
            cell.number_format = fmt
        if to:
            self.ws.merge_cells(f"{ref}:{to}")

    def row(self, r: int, start: str, values: list) -> None:
        """Write `values` left to right from column `start` in row `r` (None leaves a cell empty)."""
        c0 = column_index_from_string(start)
        for i, value in enumerate(values):
            if value is not None:
                self(f"{get_column_letter(c0 + i)}{r}", value)


def _book(title: str = "自评表") -> tuple[Workbook, Worksheet, Drawer]:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws, Drawer(ws)


def cache_formulas(path: Path, values: dict[str, object], sheet: str = "xl/worksheets/sheet1.xml") -> Path:
    """Give formula cells cached values, as Excel/WPS/LibreOffice would when saving."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts[sheet].decode("utf-8")
    for ref, value in values.items():
        kind = ' t="str"' if isinstance(value, str) else ""
        text = value if isinstance(value, str) else repr(float(value))
        pattern = re.compile(rf'<c r="{ref}"([^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)?</c>')  # openpyxl writes either
        xml, n = pattern.subn(lambda m, k=kind, t=text, a=ref: f'<c r="{a}"{m.group(1)}{k}>{m.group(2)}<v>{t}</v></c>', xml)
        assert n == 1, f"no uncached formula at {ref}"
    parts[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _header(d: Drawer, last: str, title: str = "项目支出绩效自评表", subtitle: str = "（2024年度）") -> None:
    d("A1", title, to=f"{last}1")
    d("A2", subtitle, to=f"{last}2")


# -- 1. Yunnan-style: 年度指标值 split into 指标性质 | 指标值 | 度量单位 under a two-row header -----------


def selfeval_split(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "K")
    d("A3", "项目名称"), d("B3", PROJECT, to="K3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="E4"), d("F4", "实施单位", to="G4"), d("H4", IMPLEMENTER, to="K4")
    d("A5", "项目资金（万元）", to="A9")
    d.row(5, "D", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d("B6", "年度资金总额", to="C6"), d.row(6, "D", [120, 150, 141.3, 10])
    d("H6", "=F6/E6", fmt="0.00%"), d("I6", "=G6*MIN(H6,1)")
    d("B7", "其中：当年财政拨款", to="C7"), d.row(7, "D", [110, 130, 125, "—", "—", "—"])
    d("B8", "上年结转资金", to="C8"), d.row(8, "D", [0, 10, 8, "—", "—", "—"])
    d("B9", "其他资金", to="C9"), d.row(9, "D", [10, 10, 8.3, "—", "—", "—"])
    d("A10", "年度总体目标", to="A11"), d("B10", "预期目标", to="F10"), d("G10", "实际完成情况", to="K10")
    d("B11", GOAL, to="F11"), d("G11", ACHIEVED, to="K11")
    d("A12", "绩效指标", to="A20")
    for col, label in zip("BCD", ("一级指标", "二级指标", "三级指标"), strict=True):
        d(f"{col}12", label, to=f"{col}13")
    d("E12", "年度指标值", to="G12"), d.row(13, "E", ["指标性质", "指标值", "度量单位"])
    for col, label in zip("HIJK", ("实际完成值", "分值", "得分", "偏差原因分析及改进措施"), strict=True):
        d(f"{col}12", label, to=f"{col}13")
    d("B14", "产出指标", to="B16")
    d.row(14, "C", ["数量指标", "维修改造学校数量", "≥", 3, "所", 3, 20, 20])
    d.row(15, "C", ["质量指标", "工程验收合格率", "≥", 95, "%", 100, 15, 15])
    d.row(16, "C", ["时效指标", "按时完工率", "=", 100, "%", 90, 15, 13.5, "个别学校雨季施工延误"])
    d.row(17, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "定性", "有效改善", None, "达成年度指标", 30, 28])
    d.row(18, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥", 90, "%", 93.5, 10, 10])
    d("B21", "总分", to="H21"), d("I21", 100), d("J21", "=I6+SUM(J14:J20)")
    path = folder / "01_split.xlsx"
    wb.save(path)
    return cache_formulas(path, {"H6": 0.942, "I6": 9.42, "J21": 95.92})


# -- 2. (A)/(B) markers, line breaks and spaces in labels, numbers typed as text --------------------


def selfeval_ab_headers(folder: Path) -> Path:
    wb, ws, d = _book("Sheet1")
    _header(d, "I", title="项目支出绩效自评表", subtitle="（ 2024 年度 ）")
    d("A3", "项 目 名 称"), d("B3", PROJECT, to="I3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="I4")
    d("A5", "项目资金\n（万元）", to="A9")
    d.row(5, "C", ["年初\n预算数", "全年预算数\n（A）", "全年执行数\n（B）", "分值", "执行率\n（B/A）", "得分"])
    d.row(6, "B", ["年度资金总额", "120", "１５０", "141.30", 10, "94.2%", "9.42"])
    d.row(7, "B", ["其中：本年财政拨款", "110", "130", "125", "—", "—", "—"])
    d.row(8, "B", ["上年结转资金", "/", "10", "8", "—", "—", "—"])
    d.row(9, "B", ["其他资金", "10", "10", "8.3", "/", "/", "/"])
    d("A10", "年度\n总体目标", to="A11"), d("B10", "预期目标", to="E10"), d("F10", "实际完成情况", to="I10")
    d("B11", GOAL, to="E11"), d("F11", ACHIEVED, to="I11")
    d("A12", "绩效\n指标", to="A18")
    d.row(12, "B", ["一级\n指标", "二级\n指标", "三级\n指标", "年度\n指标值", "实际\n完成值", "分值", "得分",
                    "偏差原因分析\n及改进措施"])
    d.row(13, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", "２０", "20"])
    d.row(14, "B", [None, "质量指标", "工程验收合格率", "≥95%", "100%", 15, "满分"])
    d.row(15, "B", [None, "时效指标", "按时完工率", "100%", "90%", 15, 13.5, "个别学校雨季施工延误"])
    d.row(16, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(17, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("A19", "总分", to="F19"), d("G19", 100), d("H19", "95.92")
    path = folder / "02_ab_headers.xlsx"
    wb.save(path)
    return path


# -- 3. Sichuan naming and the 评价结论 / 存在问题 / 改进措施 boxes ----------------------------------


def selfeval_sichuan(folder: Path) -> Path:
    wb, ws, d = _book("项目自评表")
    _header(d, "I")
    d("A3", "项目名称"), d("B3", PROJECT, to="I3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="I4")
    d("A5", "项目资金（万元）", to="A8")
    d.row(5, "C", ["年初预算数", "调整后预算数", "预算执行数", "权重", "执行率", "得分"])
    d.row(6, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d.row(7, "B", ["其中：财政拨款", 110, 140, 133, "*", "*", "*"])
    d.row(8, "B", ["其他资金", 10, 10, 8.3, "*", "*", "*"])
    ws["G6"].number_format = "0.0%"
    d("A9", "年度总体目标", to="A10"), d("B9", "预期目标", to="E9"), d("F9", "实际完成情况", to="I9")
    d("B10", GOAL, to="E10"), d("F10", ACHIEVED, to="I10")
    d("A11", "绩效指标", to="A17")
    d.row(11, "B", ["一级指标", "二级指标", "三级指标", "年度指标值", "完成值", "权重", "得分", "未完成原因分析"])
    d.row(12, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 20, 20])
    d.row(13, "B", ["产出指标", "质量指标", "工程验收合格率", "≥95%", "100%", 15, 15])
    d.row(14, "B", ["产出指标", "时效指标", "按时完工率", "100%", "90%", 15, 13.5, "个别学校雨季施工延误"])
    d.row(15, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(16, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("A18", "总分", to="F18"), d("G18", 100), d("H18", 95.92)
    d("A19", "评价结论"), d("B19", "项目总体完成较好，自评等级为优。", to="I19")
    d("A20", "存在问题"), d("B20", "个别学校工期延误。", to="I20")
    d("A21", "改进措施"), d("B21", "合理安排施工计划，避开雨季。", to="I21")
    path = folder / "03_sichuan.xlsx"
    wb.save(path)
    return path


# -- 4. blank rows, merged cells everywhere, a 序号 column and an unknown 备注 column ------------------


def selfeval_blank_rows_merged(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "L")
    d("A4", "项目名称", to="B4"), d("C4", PROJECT, to="L4")
    d("A5", "主管部门", to="B5"), d("C5", DEPARTMENT, to="F5"), d("G5", "实施单位", to="H5"), d("I5", IMPLEMENTER, to="L5")
    d("A7", "项目资金（万元）", to="A12")
    d("B7", None, to="D7")
    d("E7", "年初预算数"), d("F7", "全年预算数"), d("G7", "全年执行数"), d("H7", "分值"), d("I7", "执行率"), d("J7", "得分")
    d("B8", "年度资金总额", to="D8"), d.row(8, "E", [120, 150, 141.3, 10, 0.942, 9.42])
    d("B10", "其中：当年财政拨款", to="D10"), d.row(10, "E", [110, 130, 125])
    d("B11", "上年结转资金", to="D11"), d.row(11, "E", [None, 10, 8])
    d("B12", "其他资金", to="D12"), d.row(12, "E", [10, 10, 8.3])
    d("A14", "年度总体目标", to="A16"), d("B14", "预期目标", to="F14"), d("G14", "实际完成情况", to="L14")
    d("B15", GOAL, to="F16"), d("G15", ACHIEVED, to="L16")
    d("A18", "绩效指标", to="A28")
    d.row(18, "B", ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施", "备注"])
    d("C19", "产出指标", to="C22")
    d.row(19, "B", [1, None, "数量指标", "维修改造学校数量", "≥3所", "3所", 20, 20])
    d.row(20, "B", [2, None, "质量指标", "工程验收合格率", "≥95%", "100%", 15, 15])
    d.row(22, "B", [3, None, "时效指标", "按时完工率", "100%", "90%", 15, 13.5, "个别学校雨季施工延误", "已报备"])
    d("C24", "效益指标", to="C25"), d("D24", "社会效益指标", to="D25")
    d.row(24, "B", [4, None, None, "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(27, "B", [5, "满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("B29", "总分", to="G29"), d("H29", 100), d("I29", 95.92)
    path = folder / "04_blank_rows_merged.xlsx"
    wb.save(path)
    return path


# -- 5. no title, no metadata, the form offset to C4 on a second sheet ------------------------------


def selfeval_no_title(folder: Path) -> Path:
    wb, ws, d = _book("说明")
    d("A1", "本工作簿为2024年度项目绩效自评材料，请勿修改格式。")
    ws = wb.create_sheet("Sheet1")
    d = Drawer(ws)
    d("C4", "项目名称"), d("D4", PROJECT, to="K4")
    d("C5", "主管部门"), d("D5", DEPARTMENT, to="F5"), d("G5", "实施单位"), d("H5", IMPLEMENTER, to="K5")
    d("C6", "项目资金（万元）", to="C8")
    d.row(6, "E", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(7, "D", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d.row(8, "D", ["其中：当年财政拨款", 120, 150, 141.3])
    d("C9", "年度总体目标", to="C10"), d("D9", "预期目标", to="G9"), d("H9", "实际完成情况", to="K9")
    d("D10", GOAL, to="G10"), d("H10", ACHIEVED, to="K10")
    d("C11", "绩效指标", to="C14")
    d.row(11, "D", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"])
    d.row(12, "D", ["产出", "数量", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(13, "D", ["效益", "社会效益", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(14, "D", ["满意度", "服务对象满意度", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("C15", "总分", to="H15"), d("I15", 100), d("J15", 97.42)
    path = folder / "05_no_title.xlsx"
    wb.save(path)
    return path


# -- 6. rows inserted in the middle of the indicator table, a 小计 row and a note below --------------


def selfeval_inserted_rows(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "I")
    d("A3", "项目名称"), d("B3", PROJECT, to="I3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="I4")
    d("A5", "项目资金（万元）", to="A7")
    d.row(5, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(6, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d.row(7, "B", ["其中：当年财政拨款", 120, 150, 141.3, "—", "—", "—"])
    d("A8", "年度总体目标", to="A9"), d("B8", "预期目标", to="E8"), d("F8", "实际完成情况", to="I8")
    d("B9", GOAL, to="E9"), d("F9", ACHIEVED, to="I9")
    d("A10", "绩效指标", to="A20")
    d.row(10, "B", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"])
    d("B11", "产出指标", to="B12")  # the merge was not extended over the inserted rows
    d.row(11, "C", ["数量指标", "维修改造学校数量", "≥3所", "3所", 10, 10])
    d.row(12, "C", [None, "维修改造面积", "≥2000平方米", "2150平方米", 10, 10])
    d.row(13, "D", ["新增：厕所改造数量", "≥6个", "6个", 10, 10])  # inserted rows
    d.row(14, "C", ["质量指标", "工程验收合格率", "≥95%", "100%", 10, 10])
    d.row(15, "C", ["时效指标", "按时完工率", "100%", "90%", 10, 8.5, "个别学校雨季施工延误"])
    d.row(16, "B", [None, "小计", None, None, None, 50, 48.5])
    d.row(17, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(18, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("A21", "总分", to="F21"), d("G21", 100), d("H21", 95.92)
    d("A23", "注：1.定量指标按完成比例计分；2.本表金额单位为万元。", to="I23")
    path = folder / "06_inserted_rows.xlsx"
    wb.save(path)
    return path


# -- 7. annual-only project goal declaration (no 中期 block) -----------------------------------------


def goal_annual_only(folder: Path) -> Path:
    wb, ws, d = _book("Sheet1")
    _header(d, "F", title="项目支出绩效目标申报表", subtitle="（2025年度）")
    d("A3", "项目名称"), d("B3", PROJECT, to="F3")
    d("A4", "主管部门及代码"), d("B4", "某某县教育局（101001）", to="C4"), d("D4", "实施单位"), d("E4", IMPLEMENTER, to="F4")
    d("A5", "项目属性"), d("B5", "延续", to="C5"), d("D5", "项目期"), d("E5", "2025年", to="F5")
    d("A6", "项目资金（万元）", to="A8")
    d("B6", "年度资金总额", to="C6"), d("D6", 150, to="F6")
    d("B7", "其中：财政拨款", to="C7"), d("D7", 140, to="F7")
    d("B8", "其他资金", to="C8"), d("D8", 10, to="F8")
    d("A9", "年度目标"), d("B9", GOAL, to="F9")
    d("A10", "绩效指标", to="A15")
    d.row(10, "B", ["一级指标", "二级指标", "三级指标", "指标值"])
    d("B11", "产出指标", to="B13")
    d.row(11, "C", ["数量指标", "维修改造学校数量", "≥3所"])
    d.row(12, "C", ["质量指标", "工程验收合格率", "≥95%"])
    d.row(13, "C", ["时效指标", "项目完工时间", "2025年12月31日前"])
    d.row(14, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善"])
    d.row(15, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"])
    path = folder / "07_goal_annual.xlsx"
    wb.save(path)
    return path


# -- 8. monitoring form (136号), 偏差原因分析 split into five tick columns ----------------------------


def monitor_form(folder: Path) -> Path:
    wb, ws, d = _book("监控表")
    _header(d, "N", title="项目支出绩效运行监控表", subtitle="（2024年1—6月）")
    d("A3", "项目名称"), d("B3", PROJECT, to="N3")
    d("A4", "主管部门及代码"), d("B4", DEPARTMENT, to="F4"), d("G4", "实施单位", to="H4"), d("I4", IMPLEMENTER, to="N4")
    d("A5", "项目资金（万元）", to="A8")
    d("E5", "年初预算数", to="F5"), d("G5", "1—6月执行数", to="H5"), d("I5", "1—6月执行率", to="J5")
    d("K5", "全年预计执行数", to="L5")
    d("B6", "年度资金总额", to="D6"), d("E6", 150, to="F6"), d("G6", 80, to="H6"), d("I6", "=G6/E6", to="J6")
    d("K6", 148, to="L6")
    d("B7", "其中：财政拨款", to="D7"), d("E7", 140, to="F7"), d("G7", 75, to="H7"), d("K7", 138, to="L7")
    d("B8", "其他资金", to="D8"), d("E8", 10, to="F8"), d("G8", 5, to="H8"), d("K8", 10, to="L8")
    d("A9", "年度总体目标", to="A10"), d("B9", "年初设定目标", to="G9"), d("H9", "1—6月执行情况", to="N9")
    d("B10", GOAL, to="G10"), d("H10", "已完成2所学校维修改造。", to="N10")
    d("A11", "绩效指标", to="A16")
    for col, label in zip("BCDEFG", ("一级指标", "二级指标", "三级指标", "年度指标值", "1—6月执行情况",
                                     "全年预计完成情况"), strict=True):
        d(f"{col}11", label, to=f"{col}12")
    d("H11", "偏差原因分析", to="L11")
    d.row(12, "H", ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"])
    d("M11", "完成目标可能性", to="M12"), d("N11", "备注", to="N12")
    d("B13", "产出指标", to="B14")
    d.row(13, "C", ["数量指标", "维修改造学校数量", "≥3所", "2所", "3所", None, None, None, None, None, "确定能"])
    d.row(14, "C", ["时效指标", "项目完工时间", "2024年12月31日前", "进行中", "按期完成", "√", None, None, None,
                    "施工队伍不足", "有可能", "已协调"])
    d.row(15, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "部分改善", "有效改善"])
    d.row(15, "M", ["确定能"])
    d.row(16, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "—", "≥90%", None, None, None, None,
                    None, "确定能"])
    path = folder / "08_monitor.xlsx"
    wb.save(path)
    return cache_formulas(path, {"I6": 80 / 150})


# -- 9. department goal declaration with the 年度主要任务 table --------------------------------------


def dept_goal(folder: Path) -> Path:
    wb, ws, d = _book("Sheet1")
    _header(d, "G", title="部门（单位）整体支出绩效目标申报表", subtitle="（2025年度）")
    d("A3", "部门（单位）名称", to="B3"), d("C3", DEPARTMENT, to="G3")
    d("A4", "年度主要任务", to="A8")
    d("B4", "任务名称", to="B5"), d("C4", "主要内容", to="D5"), d("E4", "预算金额（万元）", to="G4")
    d.row(5, "E", ["总额", "财政拨款", "其他资金"])
    d.row(6, "B", ["校舍维修改造", "完成3所学校校舍维修", None, 150, 140, 10])
    d.row(7, "B", ["教师培训", "开展全县教师轮训", None, 50, 50, 0])
    d("B8", "金额合计", to="D8"), d.row(8, "E", [200, 190, 10])
    d("A9", "年度总体目标"), d("B9", "目标1：完成校舍维修改造；目标2：完成教师轮训。", to="G9")
    d("A10", "年度绩效指标", to="A13")
    d.row(10, "B", ["一级指标", "二级指标", "三级指标", "指标值"])
    d.row(11, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥3所"])
    d.row(12, "B", [None, "数量指标", "教师培训人次", "≥1200人次"])
    d.row(13, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"])
    path = folder / "09_dept_goal.xlsx"
    wb.save(path)
    return path


# -- 10. 财预〔2015〕88号 goal form: 中期 and 年度 indicator sets side by side under one 一级 column -----


def goal_midterm_side_by_side(folder: Path) -> Path:
    wb, ws, d = _book("申报表")
    _header(d, "K", title="项目支出绩效目标申报表", subtitle="（ 2025 年度 ）")
    d("A3", "项目名称"), d("B3", PROJECT, to="K3")
    d("A4", "主管部门及代码"), d("B4", "某某县教育局（101001）", to="E4"), d("F4", "实施单位", to="G4")
    d("H4", IMPLEMENTER, to="K4")
    d("A5", "项目属性"), d("B5", "新增", to="E5"), d("F5", "项目期", to="G5"), d("H5", "2025—2027年", to="K5")
    d("A6", "项目资金\n（万元）", to="A8")
    d("B6", "中期资金总额", to="D6"), d("E6", 450, to="F6"), d("G6", "年度资金总额", to="H6"), d("I6", 150, to="K6")
    d("B7", "其中：财政拨款", to="D7"), d("E7", 420, to="F7"), d("G7", "其中：财政拨款", to="H7"), d("I7", 140, to="K7")
    d("B8", "其他资金", to="D8"), d("E8", 30, to="F8"), d("G8", "其他资金", to="H8"), d("I8", 10, to="K8")
    d("A9", "总\n体\n目\n标", to="A10"), d("B9", "中期目标（2025—2027年）", to="F9"), d("G9", "年度目标", to="K9")
    d("B10", "三年内完成全县9所学校校舍维修改造。", to="F10"), d("G10", GOAL, to="K10")
    d("A11", "绩\n效\n指\n标", to="A17")
    d("B11", "一级指标", to="B12"), d("C11", "中期绩效指标", to="F11"), d("G11", "年度绩效指标", to="K11")
    d("C12", "二级指标"), d("D12", "三级指标"), d("E12", "指 标 值", to="F12")
    d("G12", "二级指标"), d("H12", "三级指标", to="I12"), d("J12", "指标值", to="K12")
    rows = [("数量指标", "维修改造学校数量", "≥9所", "≥3所"), ("质量指标", "工程验收合格率", "≥95%", "≥95%"),
            ("时效指标", "项目完工时间", "2027年12月31日前", "2025年12月31日前"),
            ("社会效益指标", "受益学生人数", "≥30万人", "≥10万人"),
            ("服务对象满意度指标", "师生满意度", "≥90%", "≥90%")]
    d("B13", "产出指标", to="B15"), d("B16", "效益指标"), d("B17", "满意度指标")
    for r, (level2, name, midterm, annual) in enumerate(rows, start=13):
        d(f"C{r}", level2), d(f"D{r}", name), d(f"E{r}", midterm, to=f"F{r}")
        d(f"G{r}", level2), d(f"H{r}", name, to=f"I{r}"), d(f"J{r}", annual, to=f"K{r}")
    path = folder / "10_goal_midterm_side_by_side.xlsx"
    wb.save(path)
    return path


# -- 11. the 88号 form's own arrangement: 中期目标 | 年度目标 head both the goal texts and the two sets ----


def goal_88_official(folder: Path) -> Path:
    wb, ws, d = _book("Sheet1")
    _header(d, "H", title="项目支出绩效目标申报表", subtitle="（2025年度）")
    d("A3", "项目名称"), d("B3", PROJECT, to="H3")
    d("A4", "主管部门及代码"), d("B4", "某某县教育局（101001）", to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="H4")
    d("A5", "项目资金（万元）", to="A7")
    d("B5", "中期资金总额", to="C5"), d("D5", 450), d("E5", "年度资金总额", to="F5"), d("G5", 150, to="H5")
    d("B6", "其中：财政拨款", to="C6"), d("D6", 420), d("E6", "其中：财政拨款", to="F6"), d("G6", 140, to="H6")
    d("B7", "其他资金", to="C7"), d("D7", 30), d("E7", "其他资金", to="F7"), d("G7", 10, to="H7")
    d("A8", "总体目标", to="A9"), d("B8", "中期目标（2025年—2027年）", to="E8"), d("F8", "年度目标", to="H8")
    d("B9", "目标1：三年内完成全县9所学校校舍维修改造。", to="E9"), d("F9", "目标1：" + GOAL, to="H9")
    d("A10", "绩效指标", to="A13")
    d.row(10, "B", ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"])
    d("B11", "产出指标", to="B12")
    d.row(11, "C", ["数量指标", "指标1：维修改造学校数量", "≥9所", "数量指标", "指标1：维修改造学校数量", "≥3所"])
    d.row(12, "C", ["时效指标", "指标2：项目完工时间", "2027年底前", "时效指标", "指标2：项目完工时间", "2025年底前"])
    d.row(13, "B", ["效益指标", "社会效益指标", "指标1：受益学生人数", "≥30万人", "社会效益指标", "指标1：受益学生人数",
                    "≥10万人"])
    path = folder / "11_goal_88_official.xlsx"
    wb.save(path)
    return path


# -- 12. the same, with the 中期 table printed below the 年度 one ----------------------------------------


def goal_midterm_below(folder: Path) -> Path:
    wb, ws, d = _book("Sheet1")
    _header(d, "E", title="项目支出绩效目标申报表", subtitle="（2025年度）")
    d("A3", "项目名称："), d("B3", PROJECT, to="E3")
    d("A4", "主管部门：某某县教育局　　　　实施单位：某某县第一中学", to="E4")
    d("A5", "项目资金（万元）", to="A7")
    d("B5", "年度资金总额", to="C5"), d("D5", 150, to="E5")
    d("B6", "其中：财政拨款", to="C6"), d("D6", 150, to="E6")
    d("B7", "其他资金", to="C7"), d("D7", 0, to="E7")
    d("A8", "年度目标"), d("B8", GOAL, to="E8")
    d("A9", "年度绩效指标", to="E9")
    d.row(10, "B", ["一级指标", "二级指标", "三级指标", "指标值"])
    d.row(11, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥3所"])
    d.row(12, "B", ["效益指标", "社会效益指标", "受益学生人数", "≥10万人"])
    d("A14", "中期绩效指标", to="E14")
    d.row(15, "B", ["一级指标", "二级指标", "三级指标", "指标值"])
    d.row(16, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥9所"])
    d.row(17, "B", ["效益指标", "社会效益指标", "受益学生人数", "≥30万人"])
    path = folder / "11_goal_midterm_below.xlsx"
    wb.save(path)
    return path


# -- 13. header labels sharing rows: "项目名称：…" in one cell, label pairs in merged cells -------------


def selfeval_shared_header_rows(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "I")
    d("A3", "项目名称：" + PROJECT, to="I3")
    d("A4", "主 管 部 门", to="B4"), d("C4", DEPARTMENT, to="E4"), d("F4", "实施单位", to="G4")
    d("H4", IMPLEMENTER, to="I4")
    d("A5", "项目负责人", to="B5"), d("C5", "张三", to="E5"), d("F5", "联系电话：0817-1234567", to="I5")
    d("A6", "项目资金（万元）", to="A8")
    d.row(6, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d("A6", "项目资金（万元）", to="A8")
    d.row(7, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    ws["G7"].number_format = "0.00%"
    d.row(8, "B", ["其中：财政拨款", 120, 150, 141.3])
    d("A9", "年度总体目标", to="A10"), d("B9", "预期目标", to="E9"), d("F9", "实际完成情况", to="I9")
    d("B10", GOAL, to="E10"), d("F10", ACHIEVED, to="I10")
    d("A11", "绩效指标", to="A14")
    d.row(11, "B", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"])
    d.row(12, "B", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(13, "B", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(14, "B", ["满意度指标", "服务对象满意度指标", "师生满意度", 0.9, 0.935, 10, 10])
    ws["F14"].number_format = "0.0%"  # 93.5% as the user saw it; E14 is a plain 0.9
    d("A15", "总分", to="F15"), d("G15", 100), d("H15", 97.42)
    path = folder / "12_shared_header_rows.xlsx"
    wb.save(path)
    return path


# -- 14. header labels printed above their values (one label row, one value row) ---------------------


def selfeval_labels_above_values(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "H")
    d("A3", "项目名称", to="B3"), d("C3", "主管部门", to="D3"), d("E3", "实施单位", to="F3"), d("G3", "项目负责人")
    d("H3", "联系电话")
    d("A4", PROJECT, to="B4"), d("C4", DEPARTMENT, to="D4"), d("E4", IMPLEMENTER, to="F4"), d("G4", "张三")
    d("H4", 13800000000)
    d("A5", "项目资金（万元）", to="A6")
    d.row(5, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(6, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d("A7", "年度总体目标", to="A8"), d("B7", "预期目标", to="D7"), d("E7", "实际完成情况", to="H7")
    d("B8", GOAL, to="D8"), d("E8", ACHIEVED, to="H8")
    d.row(9, "A", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    d.row(10, "A", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(11, "A", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(12, "A", ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93.5%", 10, 10])
    d("A13", "总分", to="E13"), d("F13", 100), d("G13", 97.42)
    path = folder / "14_labels_above_values.xlsx"
    wb.save(path)
    return path


# -- 15. the 总分 row shares its row with 其他需要说明事项 (the total label stands mid-row) -----------------


def selfeval_total_mid_row(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "H")
    d("A3", "项目名称"), d("B3", PROJECT, to="H3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="H4")
    d("A5", "项目资金（万元）", to="A6")
    d.row(5, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(6, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d("A7", "年度总体目标", to="A8"), d("B7", "预期目标", to="D7"), d("E7", "实际完成情况", to="H7")
    d("B8", GOAL, to="D8"), d("E8", ACHIEVED, to="H8")
    d.row(9, "A", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    d.row(10, "A", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(11, "A", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d("A12", "其他需要说明事项", to="B12"), d("C12", "无", to="D12"), d("E12", "总分"), d("F12", 80), d("G12", 87.42)
    path = folder / "15_total_mid_row.xlsx"
    wb.save(path)
    return path


# -- 16. template prompt rows left as printed: ……, 略, 指标1 with nothing else ------------------------------


def selfeval_placeholder_rows(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "H")
    d("A3", "项目名称"), d("B3", PROJECT, to="H3")
    d("A4", "主管部门"), d("B4", DEPARTMENT, to="D4"), d("E4", "实施单位"), d("F4", IMPLEMENTER, to="H4")
    d("A5", "项目资金（万元）", to="A6")
    d.row(5, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(6, "B", ["年度资金总额", 120, 150, 141.3, 10, 0.942, 9.42])
    d("A7", "年度总体目标", to="A8"), d("B7", "预期目标", to="D7"), d("E7", "实际完成情况", to="H7")
    d("B8", GOAL, to="D8"), d("E8", ACHIEVED, to="H8")
    d.row(9, "A", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    d.row(10, "A", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(11, "B", ["质量指标", "……", "……", "……"])
    d.row(12, "B", ["时效指标", "指标1", "…"])
    d.row(13, "A", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d.row(14, "B", ["经济效益指标", "略"])
    d.row(15, "B", [None, "指标2", "≥1", "1", 10, 10])  # a prompt name with figures: an indicator
    d("A16", "总分", to="E16"), d("F16", 100), d("G16", 97.42)
    path = folder / "16_placeholder_rows.xlsx"
    wb.save(path)
    return path


# -- 17. amounts in 元: the unit in a note above the form (金额单位：元), the funding label without one ------


def selfeval_amounts_in_yuan(folder: Path) -> Path:
    wb, ws, d = _book()
    _header(d, "H")
    d("A3", "金额单位：元", to="H3")
    d("A4", "项目名称"), d("B4", PROJECT, to="H4")
    d("A5", "主管部门"), d("B5", DEPARTMENT, to="D5"), d("E5", "实施单位"), d("F5", IMPLEMENTER, to="H5")
    d("A6", "项目资金", to="A7")
    d.row(6, "C", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    d.row(7, "B", ["年度资金总额", 1200000, 1500000, 1413000, 10, 0.942, 9.42])
    d("A8", "年度总体目标", to="A9"), d("B8", "预期目标", to="D8"), d("E8", "实际完成情况", to="H8")
    d("B9", GOAL, to="D9"), d("E9", ACHIEVED, to="H9")
    d.row(10, "A", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    d.row(11, "A", ["产出指标", "数量指标", "维修改造学校数量", "≥3所", "3所", 50, 50])
    d.row(12, "A", ["效益指标", "社会效益指标", "办学条件改善情况", "有效改善", "达成年度指标", 30, 28])
    d("A13", "总分", to="E13"), d("F13", 90), d("G13", 87.42)
    path = folder / "17_amounts_in_yuan.xlsx"
    wb.save(path)
    return path


VARIANTS: dict[str, Callable[[Path], Path]] = {
    "split": selfeval_split,
    "ab_headers": selfeval_ab_headers,
    "sichuan": selfeval_sichuan,
    "blank_rows_merged": selfeval_blank_rows_merged,
    "no_title": selfeval_no_title,
    "inserted_rows": selfeval_inserted_rows,
    "goal_annual_only": goal_annual_only,
    "monitor": monitor_form,
    "dept_goal": dept_goal,
    "goal_midterm_side_by_side": goal_midterm_side_by_side,
    "goal_88_official": goal_88_official,
    "goal_midterm_below": goal_midterm_below,
    "shared_header_rows": selfeval_shared_header_rows,
    "labels_above_values": selfeval_labels_above_values,
    "total_mid_row": selfeval_total_mid_row,
    "placeholder_rows": selfeval_placeholder_rows,
    "amounts_in_yuan": selfeval_amounts_in_yuan,
}
