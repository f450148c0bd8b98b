"""A semantic snapshot of a workbook, to tell whether two templates are the same form.

Compares what matters to a user — values and formulas, styles that carry meaning (fonts, fills, locks,
number formats), merges, drop-downs, conditional formats, defined names, protection, print setup and
sheet states — and ignores bytes (zip timestamps, XML ordering, openpyxl's incidental choices).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet


def _style(cell) -> tuple:
    font, fill = cell.font, cell.fill
    return (
        font.name, float(font.sz or 0), bool(font.b), fill.fgColor.rgb if fill.fill_type else None,
        bool(cell.protection.locked), cell.number_format, cell.alignment.horizontal, bool(cell.alignment.wrap_text),
        bool(cell.border.left.style), bool(cell.border.top.style),
    )


def _sheet(ws: Worksheet) -> dict[str, Any]:
    cells, styles = {}, {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                cells[cell.coordinate] = cell.value if isinstance(cell.value, str | int | float) else str(cell.value)
            if cell.has_style:
                styles[cell.coordinate] = _style(cell)
    validations = sorted(
        (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, bool(dv.allow_blank),
         bool(dv.showErrorMessage), dv.error, bool(dv.showInputMessage), dv.prompt)
        for dv in ws.data_validations.dataValidation
    )
    formats = sorted(
        (str(rng.sqref), rule.type, tuple(rule.formula or ()),
         rule.dxf.fill.fgColor.rgb if rule.dxf and rule.dxf.fill and rule.dxf.fill.fill_type else None,
         rule.dxf.font.color.rgb if rule.dxf and rule.dxf.font and rule.dxf.font.color else None)
        for rng in ws.conditional_formatting for rule in rng.rules
    )
    prot = ws.protection
    setup = ws.page_setup
    return {
        "state": ws.sheet_state,
        "cells": cells,
        "styles": styles,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": validations,
        "conditional_formats": formats,
        "protection": {
            "sheet": bool(prot.sheet), "password": prot.password,
            **{k: bool(getattr(prot, k)) for k in ("formatCells", "formatColumns", "formatRows", "insertRows",
                                                   "deleteRows", "selectLockedCells", "selectUnlockedCells")},
        },
        "print": {
            "paper": setup.paperSize, "orientation": setup.orientation, "fit_width": setup.fitToWidth,
            "fit_height": setup.fitToHeight,
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "area": ws.print_area, "titles": ws.print_title_rows, "centred": bool(ws.print_options.horizontalCentered),
            "footer": ws.oddFooter.center.text,
        },
        "columns": {k: (round(d.width or 0, 2), bool(d.hidden)) for k, d in ws.column_dimensions.items()},
        "rows": {k: round(d.height, 2) for k, d in ws.row_dimensions.items() if d.height},
        "gridlines": bool(ws.sheet_view.showGridLines),
    }


def workbook_snapshot(path: str | Path) -> dict[str, Any]:
    wb = load_workbook(path)
    return {
        "sheets": [ws.title for ws in wb.worksheets],
        "defined_names": {name: dn.attr_text for name, dn in wb.defined_names.items()},
        "full_calc_on_load": bool(wb.calculation.fullCalcOnLoad),
        **{f"sheet:{ws.title}": _sheet(ws) for ws in wb.worksheets},
    }


def diff_snapshots(old: Any, new: Any, path: str = "", limit: int = 20) -> list[str]:
    """Human-readable differences (at most `limit`)."""
    out: list[str] = []

    def walk(a: Any, b: Any, where: str) -> None:
        if len(out) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b), key=str):
                if key not in a:
                    out.append(f"{where}/{key}: 新增 {b[key]!r}"[:300])
                elif key not in b:
                    out.append(f"{where}/{key}: 缺少（原为 {a[key]!r}）"[:300])
                else:
                    walk(a[key], b[key], f"{where}/{key}")
        elif a != b:
            out.append(f"{where}: {a!r} → {b!r}"[:300])

    walk(old, new, path)
    return out
