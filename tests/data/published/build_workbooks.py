"""Two published forms laid out by hand in workbooks, the way their pages print them.

`build(folder)` writes 永德县明朗中学 2022 (云南 layout: 指标性质 / 指标值 / 度量单位 in three columns, ≧ and ═
operators, percent cells) and 中江县水利局 2022 (四川 衔接资金 layout: 分值 before 年度指标值, actuals written
as “≥266米”, 总分 100 under a table worth 110) and returns {form id: path}. The matching form JSON with the
reviewer's labels is the file of the same id in this folder.
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sheet(title: str, width: int):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for col in range(1, width + 1):
        ws.column_dimensions[chr(64 + col)].width = 14
    return wb, ws


def _put(ws, row: int, values: dict, merges: tuple[str, ...] = ()):
    for col, value in values.items():
        cell = ws[f"{col}{row}"]
        cell.value = value
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for rng in merges:
        ws.merge_cells(rng)


def _percent(ws, ref: str, value: float):
    ws[ref].value = value
    ws[ref].number_format = "0%"
    ws[ref].border = BOX


def yongde(path: Path) -> Path:
    wb, ws = _sheet("公开14表", 11)
    ws["A1"] = "2022年度项目支出绩效自评表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:K1")
    ws["A2"] = "部门：临沧市永德县明朗中学"
    ws["K2"] = "公开14表"
    _put(ws, 3, {"A": "项目名称", "C": "义务教育营养改善计划专项资金"}, ("A3:B3", "C3:K3"))
    _put(ws, 4, {"A": "主管部门", "C": "永德县教育体育局", "G": "实施单位", "H": "永德县明朗中学"},
         ("A4:B4", "C4:F4", "H4:K4"))
    _put(ws, 5, {"A": "项目资金\n（元）", "B": None, "E": "年初预算数", "F": "全年预算数", "G": "全年执行数",
                 "H": "分值", "I": "执行率", "J": "得分"}, ("A5:A8", "B5:D5"))
    _put(ws, 6, {"B": "年度资金总额", "F": 387664.62, "G": 387664.62, "H": 10, "J": 10}, ("B6:D6",))
    _percent(ws, "I6", 1)
    _put(ws, 7, {"B": "其中：当年财政拨款", "F": 387664.62, "G": 387664.62, "H": "—", "I": "—", "J": "—"}, ("B7:D7",))
    _put(ws, 8, {"B": "上年结转资金", "H": "—", "I": "—", "J": "—"}, ("B8:D8",))
    _put(ws, 9, {"A": "", "B": "其他资金", "E": "—", "F": "—", "G": "—", "H": "—", "I": "—", "J": "—"}, ("B9:D9",))
    _put(ws, 10, {"A": "年度\n总体\n目标", "B": "预期目标", "G": "实际完成情况"}, ("A10:A11", "B10:F10", "G10:K10"))
    goal = "确保每一个学生都能享受到国家政策福利,改善学生体质"
    _put(ws, 11, {"B": goal, "G": goal}, ("B11:F11", "G11:K11"))
    _put(ws, 12, {"A": "绩效指标", "B": "一级指标", "C": "二级指标", "D": "三级指标", "E": "年度指标值",
                  "H": "实际完成值", "I": "分值", "J": "得分", "K": "偏差原因分析及改进措施"},
         ("A12:A22", "B12:B13", "C12:C13", "D12:D13", "E12:G12", "H12:H13", "I12:I13", "J12:J13", "K12:K13"))
    _put(ws, 13, {"E": "指标性质", "F": "指标值", "G": "度量单位"})
    rows = [
        ("产出指标", "数量指标", "学生受资助人数", "≧", 735, "人次", 735, 10, 10),
        (None, "质量指标", "营养改善计划覆盖率", "≧", 100, "%", 1, 10, 10),
        (None, "时效指标", "资金到位及时率", "≧", 100, "%", 1, 10, 7),
        (None, "成本指标", "生均补助标准达标率", "═", 100, "%", 1, 10, 10),
        ("效益指标", "经济效益\n指标", "减轻贫困学生家庭经济负担", None, "有效", None, "有效", 10, 10),
        (None, "社会效益\n指标", "政策知晓率", "═", 100, "%", 0.98, 10, 9),
        (None, "生态效益\n指标", None, None, None, None, None, None, None),
        (None, "可持续影响\n指标", "促进学校教育事业健康发展", "≧", 100, "%", 1, 10, 10),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧", 95, "%", 1, 10, 10),
        (None, None, "家长满意度", "≧", 95, "%", 1, 10, 10),
    ]
    for i, (l1, l2, name, op, value, unit, actual, weight, score) in enumerate(rows):
        r = 14 + i
        _put(ws, r, {"B": l1, "C": l2, "D": name, "E": op, "F": value, "G": unit, "I": weight, "J": score, "K": None})
        if isinstance(actual, float | int) and unit == "%":
            _percent(ws, f"H{r}", actual)
        else:
            _put(ws, r, {"H": actual})
    for rng in ("B14:B17", "B18:B21", "B22:B23", "C22:C23"):
        ws.merge_cells(rng)
    ws.unmerge_cells("A12:A22")
    ws.merge_cells("A12:A23")
    _put(ws, 24, {"A": "其他需要说明事项", "C": "无", "H": "总分", "I": 100, "J": 96, "K": "优"}, ("A24:B24", "C24:G24"))
    wb.save(path)
    return path


def zhongjiang(path: Path) -> Path:
    wb, ws = _sheet("Sheet1", 8)
    ws["A1"] = "绩效目标自评表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:H1")
    ws["A2"] = "（2022年度）"
    ws.merge_cells("A2:H2")
    _put(ws, 3, {"A": "项目名称", "C": "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目"},
         ("A3:B3", "C3:H3"))
    _put(ws, 4, {"A": "项目负责人及电话", "C": "谢凯13990260322(办公)"}, ("A4:B4", "C4:H4"))
    _put(ws, 5, {"A": "主管部门", "C": "中江县水利局", "E": "实施单位", "F": "中江县水利局"},
         ("A5:B5", "C5:D5", "F5:H5"))
    _put(ws, 6, {"A": "资金情况\n（万元）", "C": "全年预算数(A)", "D": "全年执行数(B)", "E": "分值",
                 "F": "执行率(B/A)", "G": "得分"}, ("A6:A9",))
    _put(ws, 7, {"B": "年度资金总额：", "C": 20, "D": 20, "E": 10, "G": 10})
    ws["F7"].value = 1
    ws["F7"].number_format = "0.00%"
    _put(ws, 8, {"B": "其中：本年财政拨款", "C": 20, "D": 20})
    _put(ws, 9, {"B": "其他资金"})
    _put(ws, 10, {"A": "年度总体目标", "B": "年初设定目标", "E": "年度总体目标完成情况综述"},
         ("A10:A11", "B10:D10", "E10:H10"))
    _put(ws, 11, {"B": "对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础,",
                  "E": "对项目区农业用水计量,为项目区农业生产夯实基础,"}, ("B11:D11", "E11:H11"))
    _put(ws, 12, {"A": "绩效指标", "B": "一级指标", "C": "二级指标", "D": "三级指标", "E": "分值",
                  "F": "年度指标值", "G": "全年实际值", "H": "得分"})
    rows = [
        ("产出指标（70分）", "数量指标", "安装坡面水标尺", 10, "≥266米", "≥266米", 10),
        (None, None, "水标尺宽度", 10, "≥50厘米", "≥50厘米", 10),
        (None, "质量指标", "项目(工程)验收合格率", 20, "100%", "100%", 20),
        (None, "时效指标", "及时(按期)开工率", 10, "≥90%", "≥90%", 10),
        (None, None, "及时(按期)完工率", 10, "≥90%", "≥90%", 10),
        (None, "成本指标", "项目计划总投资", 10, "20万元", "20万元", 10),
        ("效益指标（20分）", "经济效益指标", None, None, None, None, None),
        (None, "社会效益指标", "受益脱贫(含监测对象)户人口数", 10, "≥1000人", "≥1000人", 10),
        (None, None, "群众生产生活条件改善状况", 10, "显著提升", "显著提升", 10),
        ("满意度指标（10分）", "服务对象满意度指标", "受益脱贫(含监测对象)户满意度", 10, "≥95%", "≥95%", 10),
        (None, None, "……", None, None, None, None),
    ]
    for i, (l1, l2, name, weight, target, actual, score) in enumerate(rows):
        _put(ws, 13 + i, {"B": l1, "C": l2, "D": name, "E": weight, "F": target, "G": actual, "H": score})
    for rng in ("A12:A23", "B13:B18", "C13:C14", "C16:C17", "B19:B21", "C20:C21", "B22:B23", "C22:C23"):
        ws.merge_cells(rng)
    _put(ws, 24, {"A": "总分", "E": 100, "H": 100}, ("A24:D24", "F24:G24"))
    ws["A25"] = ("注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分，"
                 "各部门根据各项指标重要程度确定三级指标的分值，得分最高不能超过该指标分值上限。")
    ws.merge_cells("A25:H25")
    wb.save(path)
    return path


BUILDERS = {"yn-yongde-2022-yingyang": yongde, "sc-zhongjiang-2022-shuibiaochi": zhongjiang}


def build(folder: Path) -> dict[str, Path]:
    """Write every hand-laid workbook into `folder`; {form id: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    return {form_id: make(folder / f"{form_id}.xlsx") for form_id, make in BUILDERS.items()}
