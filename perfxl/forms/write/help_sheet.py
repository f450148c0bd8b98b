"""The 填表说明 sheet: notes, filling requirements, column help and scoring rules."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.config import RulePack
from perfxl.forms.layout import instructions
from perfxl.forms.layout.geometry import Placement
from perfxl.forms.layout.spec import TEMPLATE_VERSION, Layout
from perfxl.forms.write.styles import BORDER, TITLE_FONT, font, text_lines


def write_help_sheet(ws: Worksheet, layout: Layout, p: Placement, pack: RulePack) -> None:
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 80
    ws.sheet_view.showGridLines = False
    title = ws.cell(1, 1, f"{layout.title}填表说明")
    title.font = font(16, name=TITLE_FONT)
    ws.merge_cells("A1:B1")
    title.alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 30
    row = 3

    def heading(text: str) -> None:
        nonlocal row
        cell = ws.cell(row, 1, text)
        cell.font = font(12, bold=True)
        row += 1

    def para(text: str, label: str | None = None) -> None:
        nonlocal row
        if label:
            lab = ws.cell(row, 1, label)
            lab.font = font(10, bold=True)
            lab.alignment = Alignment(vertical="top", wrap_text=True)
            lab.border = BORDER
            cell = ws.cell(row, 2, text)
            cell.border = BORDER
        else:
            cell = ws.cell(row, 1, text)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell.font = font(10)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = 14 * text_lines(text, 80 if label else 100) + 3
        row += 1

    heading("一、本表说明")
    for note in layout.notes:
        para(note)
    row += 1
    heading("二、填写要求")
    scored = p.tables["indicators"].table.has("score")
    for note in instructions.general_notes(layout, scored):
        para(note)
    row += 1
    heading("三、栏目说明")
    for t in p.tables.values():
        for col in t.table.columns:
            if not col.hidden:
                para(instructions.column_help(layout, t.table, col), col.label)
    if scored:
        row += 1
        heading("四、评分规则（表中得分和总分按以下规则自动计算）")
        for rule in instructions.scoring_rules(pack):
            para(rule)
    row += 1
    para(f"模板版本 {TEMPLATE_VERSION}，规则版本 {pack.edition.value}（{pack.source_label()}），由 perfxl 生成。")
    ws.protection.sheet = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
