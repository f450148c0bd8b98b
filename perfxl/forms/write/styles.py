"""Fonts, fills, borders and cell styles of the templates, and the height wrapped text needs."""

from __future__ import annotations

import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
_CHARSET = 134  # GB2312: tells Excel/WPS the font is Chinese
INPUT_FILL = PatternFill("solid", fgColor="FFF6D5")  # light yellow: the cells to fill in
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
MISSING_FILL = PatternFill("solid", fgColor="FFC58A", bgColor="FFC58A")  # orange: a required input is missing
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
UNLOCKED = Protection(locked=False)


def font(size: float = 10, bold: bool = False, name: str = BODY_FONT, color: str | None = None) -> Font:
    return Font(name=name, size=size, bold=bold, charset=_CHARSET, color=color)


STYLES = {
    "title": (font(18, name=TITLE_FONT), Alignment(horizontal="center", vertical="center")),
    "subtitle": (font(12), Alignment(horizontal="center", vertical="center")),
    "subtitle_left": (font(12), Alignment(horizontal="right", vertical="center")),
    "subtitle_right": (font(12), Alignment(horizontal="left", vertical="center")),
    "section_top": (font(10, bold=True), Alignment(horizontal="center", vertical="top", wrap_text=True)),
    "section": (font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "label": (font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "header": (font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "total": (font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "fixed": (font(10), Alignment(horizontal="center", vertical="center")),
    "input": (font(10), Alignment(horizontal="left", vertical="center", wrap_text=True)),
    "number": (font(10), Alignment(horizontal="right", vertical="center")),
    "centre": (font(10), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "formula": (font(10), Alignment(horizontal="right", vertical="center")),
}


def text_lines(text: object, width: float) -> int:
    """Lines a wrapped text needs in a column `width` units wide (a CJK character takes two units)."""
    if text is None:
        return 1
    usable = max(width - 0.5, 2.0)
    return sum(max(1, math.ceil(sum(2 if ord(ch) > 0x2E7F else 1 for ch in part) / usable))
               for part in str(text).split("\n"))


def set_normal_font(wb: Workbook) -> None:
    """宋体 10 as the workbook's Normal style, so empty cells and new rows look like the form."""
    for style in wb._named_styles:  # noqa: SLF001 — openpyxl exposes no setter for the Normal style
        if style.name == "Normal":
            style.font = font(10)
    wb._fonts[0] = font(10)  # noqa: SLF001
