"""Print setup (A4, fit to width, repeated header row) and sheet protection of the form."""

from __future__ import annotations

from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.forms.layout.geometry import Placement
from perfxl.forms.write.styles import BODY_FONT


def print_setup(ws: Worksheet, p: Placement) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if p.layout.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_area = f"A1:{p.last_col}{p.last_row}"
    main = p.tables["indicators"]
    ws.print_title_rows = f"{main.header_row}:{main.header_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = BODY_FONT


def protect(ws: Worksheet) -> None:
    """Sheet protection without a password (documented in 填表说明): guards labels and formulas."""
    prot = ws.protection
    prot.sheet = True
    prot.formatColumns = False
    prot.formatRows = False
    prot.formatCells = False
    prot.insertRows = False
    prot.deleteRows = False
    prot.selectLockedCells = False
    prot.selectUnlockedCells = False
