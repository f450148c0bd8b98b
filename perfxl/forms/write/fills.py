"""The fill colour a cell has in the blank template of a form, with tables as long as the form's (as the writer
lays it out): the Excel scripts restore it when they clear a finding's highlight."""

from __future__ import annotations

from functools import cache

from perfxl.domain import Form
from perfxl.forms.layout import layout_for
from perfxl.forms.write.template import build_workbook


def template_fill(form: Form, sheet: str, cell: str) -> str:
    """"#RRGGBB", or "" for no fill or a cell outside the template."""
    rows = tuple(sorted((t.name, max(t.rows, len(getattr(form, t.name)))) for t in layout_for(form.kind).tables))
    return _template_fills(form.kind.value, rows).get((sheet, cell.replace("$", "").upper()), "")


@cache
def _template_fills(kind: str, rows: tuple[tuple[str, int], ...]) -> dict[tuple[str, str], str]:
    wb, _ = build_workbook(kind, rows=dict(rows))
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.fill is not None and c.fill.fill_type == "solid" and isinstance(c.fill.fgColor.rgb, str):
                    out[(ws.title, c.coordinate)] = "#" + c.fill.fgColor.rgb[-6:]
    return out
