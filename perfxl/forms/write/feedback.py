"""The 整改情况反馈表 workbook: sent with each rectification notice, prefilled with its problems.

The unit fills 整改措施 / 完成情况 (drop-down) / 完成时间 / 责任人 for each problem and returns it;
`perfxl batch` recognises it by its hidden metadata sheet (notice number and the row of each problem
id) and records the feedback in the ledger (perfxl.rectification.feedback). The blank template in
workbook_templates/ is this builder without a notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from perfxl.rectification.status import COMPLETION_CHOICES

FEEDBACK_FILE = "整改情况反馈表.xlsx"
FEEDBACK_SHEET = "整改情况反馈表"
FEEDBACK_META = "_perfxl_feedback"  # hidden sheet: key/value rows, then one row per problem (id, row)
CONTACT_COLUMNS = (3, 5)  # 填报人, 联系电话 on the metadata's contact_row
FEEDBACK_KIND = "rectification_feedback"
FEEDBACK_VERSION = "1.0"
BLANK_ROWS = 10  # problem rows of the blank template

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
#: (key, header, width); the unit fills the `INPUTS` columns.
COLUMNS = (
    ("seq", "序号", 6), ("code", "问题代码", 9), ("message", "存在问题", 42), ("location", "所在位置", 16),
    ("measures", "整改措施", 36), ("completion", "完成情况", 11), ("completed_on", "完成时间", 13),
    ("owner", "责任人", 10), ("remark", "备注", 14),
)
INPUTS = ("measures", "completion", "completed_on", "owner", "remark")
COL = {key: i for i, (key, _, _) in enumerate(COLUMNS, start=1)}

_FONT = "宋体"
_CHARSET = 134  # GB2312: Excel/WPS treat the font as Chinese
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF6D5")  # the cells to fill in (as in the form templates)
_HEAD = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _font(size: float = 10, bold: bool = False, name: str = _FONT) -> Font:
    return Font(name=name, size=size, bold=bold, charset=_CHARSET)


def build_feedback_workbook(notice: Mapping[str, Any] | None = None) -> Workbook:
    """The feedback workbook for `notice` (a Notice.to_dict(): number, unit, project, deadline, problems),
    or the blank template when None."""
    notice = notice or {}
    problems: Sequence[Mapping[str, Any]] = notice.get("problems") or ()
    wb = Workbook()
    ws = wb.active
    ws.title = FEEDBACK_SHEET
    last = len(COLUMNS)
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width

    _merged(ws, 1, 1, last, "整改情况反馈表", _font(18, name="黑体"), _CENTRE)
    ws.row_dimensions[1].height = 36
    bold = _font(10, bold=True)
    _merged(ws, 2, 1, 2, "通知文号", bold, _CENTRE, _HEAD)
    _cell(ws, 2, 3, notice.get("number"), _font(10), _WRAP)
    _cell(ws, 2, 4, "整改单位", bold, _CENTRE, _HEAD)
    _cell(ws, 2, 5, notice.get("unit"), _font(10), _WRAP)
    _cell(ws, 2, 6, "整改期限", bold, _CENTRE, _HEAD)
    _merged(ws, 2, 7, 9, notice.get("deadline"), _font(10), _CENTRE)
    _merged(ws, 3, 1, 2, "项目名称", bold, _CENTRE, _HEAD)
    _merged(ws, 3, 3, 5, notice.get("project"), _font(10), _WRAP)
    _cell(ws, 3, 6, "填报日期", bold, _CENTRE, _HEAD)
    _merged(ws, 3, 7, 9, None, _font(10), _CENTRE, _INPUT, unlocked=True)
    ws.row_dimensions[2].height = ws.row_dimensions[3].height = 24
    for i, (_, header, _) in enumerate(COLUMNS, start=1):
        _cell(ws, HEADER_ROW, i, header, _font(10, bold=True), _CENTRE, _HEAD)
    ws.row_dimensions[HEADER_ROW].height = 24

    rows = max(len(problems), 1) if notice else BLANK_ROWS
    for n in range(rows):
        row = FIRST_ROW + n
        p = problems[n] if n < len(problems) else {}
        values = {"seq": p.get("id"), "code": p.get("code"), "message": p.get("message"), "location": p.get("location")}
        for key, _, _ in COLUMNS:
            if key in INPUTS:
                align = _CENTRE if key in ("completion", "completed_on", "owner") else _WRAP
                cell = _cell(ws, row, COL[key], None, _font(10), align, _INPUT, unlocked=True)
                if key == "completed_on":
                    cell.number_format = "yyyy-mm-dd"
            else:
                _cell(ws, row, COL[key], values[key], _font(10), _CENTRE if key != "message" else _WRAP)
        ws.row_dimensions[row].height = max(30, 14 * _lines(values["message"], COLUMNS[COL["message"] - 1][2]))
    end = FIRST_ROW + rows - 1
    _validations(ws, end)

    note = end + 2
    _merged(ws, note, 1, last, "填报说明：请逐项填写整改措施、完成情况（从下拉列表选择“已完成”“部分完成”或“未完成”）、"
            "完成时间（日期，如 2026-12-31）和责任人，不要增删行或修改灰色单元格；部分完成或未完成的，请在备注中说明原因"
            "和计划完成时间。填好后按通知要求报送本表（保持 .xlsx 格式）。", _font(10), _WRAP)
    ws.row_dimensions[note].height = 48
    _merged(ws, note + 1, 1, 2, "填报人", bold, _CENTRE, _HEAD)
    _cell(ws, note + 1, CONTACT_COLUMNS[0], None, _font(10), _CENTRE, _INPUT, unlocked=True)
    _cell(ws, note + 1, 4, "联系电话", bold, _CENTRE, _HEAD)
    _cell(ws, note + 1, CONTACT_COLUMNS[1], None, _font(10), _CENTRE, _INPUT, unlocked=True)

    _print_setup(ws, note + 1)
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    _meta(wb, notice, problems, note + 1)
    wb.active = 0
    return wb


def _lines(text: Any, width: float) -> int:
    from perfxl.forms.write.styles import text_lines

    return text_lines(text, width)


def _cell(ws, row: int, col: int, value: Any, font: Font, align: Alignment, fill: PatternFill | None = None,
          unlocked: bool = False):
    cell = ws.cell(row, col, value)
    cell.font, cell.alignment, cell.border = font, align, _BORDER
    if fill is not None:
        cell.fill = fill
    if unlocked:
        cell.protection = Protection(locked=False)
    return cell


def _merged(ws, row: int, first: int, last: int, value: Any, font: Font, align: Alignment,
            fill: PatternFill | None = None, unlocked: bool = False) -> None:
    for col in range(first, last + 1):
        _cell(ws, row, col, value if col == first else None, font, align, fill, unlocked)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _validations(ws, end: int) -> None:
    letter = {key: get_column_letter(col) for key, col in COL.items()}
    choices = DataValidation(type="list", formula1='"' + ",".join(COMPLETION_CHOICES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="请从列表中选择",
                             error="完成情况请选择“已完成”“部分完成”或“未完成”。")
    choices.add(f"{letter['completion']}{FIRST_ROW}:{letter['completion']}{end}")
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2099,12,31)",
                           allow_blank=True, showErrorMessage=True, errorTitle="请输入日期",
                           error="完成时间请输入日期，如 2026-12-31。")
    dates.add(f"{letter['completed_on']}{FIRST_ROW}:{letter['completed_on']}{end}")
    ws.add_data_validation(choices)
    ws.add_data_validation(dates)


def _print_setup(ws, last_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _meta(wb: Workbook, notice: Mapping[str, Any], problems: Sequence[Mapping[str, Any]], contact_row: int) -> None:
    ws = wb.create_sheet(FEEDBACK_META)
    pairs = (("kind", FEEDBACK_KIND), ("template_version", FEEDBACK_VERSION), ("notice", notice.get("number")),
             ("unit", notice.get("unit")), ("deadline", notice.get("deadline")), ("problems", len(problems)),
             ("contact_row", contact_row))
    for i, (key, value) in enumerate(pairs, start=1):
        ws.cell(i, 1, key)
        ws.cell(i, 2, value)
    start = len(pairs) + 1
    ws.cell(start, 1, "problem_id")
    ws.cell(start, 2, "row")
    for n, p in enumerate(problems):
        ws.cell(start + 1 + n, 1, p.get("id"))
        ws.cell(start + 1 + n, 2, FIRST_ROW + n)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
