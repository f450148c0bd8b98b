"""Draw a form's boxes (labels, inputs, formulas, merges) on its sheet, with widths and heights."""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import MergedCell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.forms.layout.geometry import Box, Placement, TablePlace
from perfxl.forms.layout.spec import Field
from perfxl.forms.write.styles import BORDER, HEADER_FILL, INPUT_FILL, STYLES, UNLOCKED

_CENTRED_KEYS = {"level1", "level2", "direction", "unit", "basis", "likelihood"}


def _rows(ref: str) -> int:
    if ":" not in ref:
        return 1
    a, b = ref.split(":")
    return int("".join(c for c in b if c.isdigit())) - int("".join(c for c in a if c.isdigit())) + 1


def _style_of(box: Box) -> str:
    if box.role == "section" and _rows(box.ref) > 8:  # a long table: keep its label on the first page
        return "section_top"
    if box.role in ("input", "formula"):
        field, col = box.field, box.column
        if col is not None and box.field is None:
            if col.key in _CENTRED_KEYS:
                return "centre"
            if col.number or col.formula:
                return "number" if col.input else "formula"
            return "input"
        if field is not None and (field.number or field.formula):
            return "number" if box.role == "input" else "formula"
        return "input"
    return box.role


def draw_form(ws: Worksheet, p: Placement) -> None:
    for i, width in enumerate(p.widths):
        dim = ws.column_dimensions[get_column_letter(i + 1)]
        dim.width = width
        if i >= p.hidden_from:
            dim.hidden = True
    for row, height in p.heights.items():
        ws.row_dimensions[row].height = height
    styles: dict = {}
    for box in p.boxes:
        _draw_box(ws, p, box, styles)
    ws.sheet_view.showGridLines = False
    ws.sheet_view.zoomScale = 100


def _draw_box(ws: Worksheet, p: Placement, box: Box, styles: dict) -> None:
    name = _style_of(box)
    field: Field | None = box.field
    fmt = (field.fmt if field else None) or (box.column.fmt if box.column else None)
    key = (name, box.role, fmt)
    (c1, r1), (c2, r2) = _bounds(box.ref)
    first = ws.cell(r1, c1)
    style = styles.get(key)
    if style is None:  # style one cell the slow way, then copy its style array (openpyxl hashes every set)
        font, align = STYLES[name]
        first.font, first.alignment = font, align
        if not box.role.startswith(("title", "subtitle")):
            first.border = BORDER
        if box.role in ("header", "label", "section", "total"):
            first.fill = HEADER_FILL
        if box.role in ("input", "subtitle"):  # the year is typed into the subtitle
            first.protection = UNLOCKED
            first.fill = INPUT_FILL
        if fmt:
            first.number_format = fmt
        style = styles[key] = copy(first._style)  # noqa: SLF001
    first._style = copy(style)  # noqa: SLF001
    if (c1, r1) != (c2, r2):
        merged = MergedCellRange(ws, box.ref)
        ws.merged_cells.add(merged)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    cell = MergedCell(ws, r, c)
                    cell._style = copy(style)  # noqa: SLF001 — borders on every cell of a merge
                    ws._cells[(r, c)] = cell  # noqa: SLF001
    if box.text is not None:
        first.value = box.text
    formula = (field.formula if field else None) or (box.column.formula if box.column and not field else None)
    if box.role == "formula" and formula:
        table, row = _table_of(p, first.row)
        first.value = p.formula(formula, row, table)


def _bounds(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    a, _, b = ref.partition(":")
    ca, ra = coordinate_from_string(a)
    cb, rb = coordinate_from_string(b or a)
    return (column_index_from_string(ca), ra), (column_index_from_string(cb), rb)


def _table_of(p: Placement, row: int) -> tuple[TablePlace | None, int]:
    for t in p.tables.values():
        if t.header_row <= row <= (t.total_row or t.last_row):
            return t, row
    return None, row
