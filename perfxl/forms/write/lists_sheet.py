"""The hidden 下拉列表 sheet: named lists behind the drop-downs and the qualitative score table."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.config import RulePack
from perfxl.domain.hierarchy import HIERARCHIES
from perfxl.domain.vocabulary import QUALITATIVE_PHRASES, Band, na_markers
from perfxl.forms.layout.spec import (
    ATTRIBUTES,
    BASES,
    DEVIATION_CAUSES,
    DIRECTIONS,
    LIKELIHOOD,
    LIST_ATTRIBUTE,
    LIST_BASIS,
    LIST_DEVIATION,
    LIST_DIRECTION,
    LIST_FIXED_SHARES,
    LIST_LEVEL1,
    LIST_LIKELIHOOD,
    LIST_NA,
    LIST_QUALITATIVE,
    LIST_QUALITATIVE_TABLE,
    LIST_UNIT,
    LISTS_SHEET,
    QUALITATIVE_RESULTS,
    UNITS,
)
from perfxl.forms.write.styles import font


def _define(wb: Workbook, name: str, ws: Worksheet, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _column(wb: Workbook, ws: Worksheet, col: int, name: str, items: list) -> None:
    letter = get_column_letter(col)
    ws.cell(1, col, name).font = font(10, bold=True)
    for i, item in enumerate(items, start=2):
        ws.cell(i, col, item)
    ws.column_dimensions[letter].width = max(10, min(30, 2 + 2 * max(len(str(x)) for x in items)))
    _define(wb, name, ws, f"${letter}$2:${letter}${len(items) + 1}")


def qualitative_fractions(pack: RulePack) -> list[tuple[str, float]]:
    """Qualitative phrase → fraction of the weight, at each band's default point (docs/dev/domain.md §3.7)."""
    q = pack.qualitative
    point = {"upper": 1, "lower": 0}.get(q.default_point)
    bands = {Band.FULL: q.full, Band.PARTIAL: q.partial, Band.FAIL: q.fail}

    def frac(band: Band) -> float:
        lo, hi = bands[band]
        return (lo + hi) / 2 if point is None else (hi if point else lo)

    phrases = dict(QUALITATIVE_PHRASES)
    phrases.update({k: Band(v) for k, v in pack.extra_qualitative.items()})
    ordered = list(QUALITATIVE_RESULTS) + [k for k in phrases if k not in QUALITATIVE_RESULTS]
    return [(k, frac(phrases[k])) for k in ordered]


def write_lists_sheet(wb: Workbook, pack: RulePack) -> None:
    ws = wb.create_sheet(LISTS_SHEET)
    hierarchy = HIERARCHIES[pack.edition]
    col = 1
    _column(wb, ws, col, LIST_LEVEL1, list(hierarchy.level1))
    for level1 in hierarchy.level1:
        col += 1
        _column(wb, ws, col, level1, list(hierarchy.level2(level1)))
    simple = [
        (LIST_DIRECTION, list(DIRECTIONS)), (LIST_UNIT, list(UNITS)), (LIST_BASIS, list(BASES)),
        (LIST_QUALITATIVE, list(QUALITATIVE_RESULTS)), (LIST_LIKELIHOOD, list(LIKELIHOOD)),
        (LIST_DEVIATION, list(DEVIATION_CAUSES)), (LIST_ATTRIBUTE, list(ATTRIBUTES)),
        (LIST_NA, list(na_markers(pack.extra_not_applicable))),
    ]
    for name, items in simple:
        col += 1
        _column(wb, ws, col, name, items)
    col += 1
    table = qualitative_fractions(pack)
    a, b = get_column_letter(col), get_column_letter(col + 1)
    ws.cell(1, col, LIST_QUALITATIVE_TABLE).font = font(10, bold=True)
    ws.cell(1, col + 1, "得分比例").font = font(10, bold=True)
    for i, (phrase, fraction) in enumerate(table, start=2):
        ws.cell(i, col, phrase)
        ws.cell(i, col + 1, fraction).number_format = "0%"
    ws.column_dimensions[a].width = 32
    _define(wb, LIST_QUALITATIVE_TABLE, ws, f"${a}$2:${b}${len(table) + 1}")
    col += 2
    shares = [(k, v) for k, v in pack.missing_satisfaction_fixed.items() if v > 0] or [("—", 0.0)]
    a, b = get_column_letter(col), get_column_letter(col + 1)
    ws.cell(1, col, LIST_FIXED_SHARES).font = font(10, bold=True)
    ws.cell(1, col + 1, "分值").font = font(10, bold=True)
    for i, (level, weight) in enumerate(shares, start=2):
        ws.cell(i, col, level)
        ws.cell(i, col + 1, weight)
    _define(wb, LIST_FIXED_SHARES, ws, f"${a}$2:${b}${len(shares) + 1}")
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
