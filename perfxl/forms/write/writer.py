"""Fill a template from a Form: `write_form(form, path)`; `fill_workbook(form)` for the Workbook.

The workbook is built from the form's layout with as many table rows as the form needs (never fewer
than the template's), so formulas, drop-downs and conditional formats cover every row — the same
result as inserting rows into the template properly. Input cells get the form's values; formula cells
(得分, 执行率, 总分 …) are left to the spreadsheet, which recalculates on open.

Targets and actuals are split for the formula columns: "≥95%" → 指标性质 "≥" | 指标值 95 | 计量单位 "%".
A value is split only when the cells say exactly what the text says (`join_value` of the cells gives the
text back, or the same operator, number and unit); anything else — "较上年提高", "约95%", a unit that
disagrees with 计量单位 — goes into the 指标值 cell as text, so nothing is lost. `as_filled(form)` is
the form as the filled workbook represents it (what reading the file back gives before recalculation).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from perfxl.config import RulePack
from perfxl.domain import Form, Indicator, Task
from perfxl.domain.values import ValueKind, parse_value
from perfxl.domain.vocabulary import number_text
from perfxl.forms.layout import join_value, layout_for
from perfxl.forms.layout.geometry import Placement, TablePlace
from perfxl.forms.layout.spec import DATE_UNIT, META_SHEET, OP_KEYS, SPLIT_KEYS, Layout, Table
from perfxl.forms.read.coerce import to_direction
from perfxl.forms.write.styles import text_lines as _lines
from perfxl.forms.write.template import build_workbook, save_atomic

MAX_TABLE_ROWS = 1000
_TEXT_IN_NUMBER = Alignment(horizontal="left", vertical="center", wrap_text=True)
_DATE_IN_NUMBER = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)
MAX_CELL_TEXT = 32767  # Excel's limit for one cell


class FillError(ValueError):
    """The form cannot be written into its template; the message (Chinese) says why."""


# ------------------------------------------------------------------------------------- value splitting


@dataclass(frozen=True, slots=True)
class Split:
    """The cells of one split value, and the Form text they represent."""

    cell: Any  # float, date or str (text kept as typed)
    text: str | None  # what join_value gives back from the cells


def row_direction(ind: Indicator) -> str | None:
    """指标性质 for a row: the explicit direction, else the target's operator, else 定性 for a
    qualitative target; None when nothing says (the formulas then score as ≥, like the engine)."""
    if ind.direction:
        return to_direction(ind.direction) or ind.direction.strip()
    value = parse_value(ind.target)
    if value.kind is ValueKind.QUALITATIVE:
        return "定性"
    return value.op if value.kind is ValueKind.NUMBER else None


def row_unit(ind: Indicator) -> str | None:
    """计量单位 for a row: the indicator's unit, else the unit written with the target; "日期" for a deadline
    with its year ("2019年", "2023年12月底前"), so the cells hold dates the formulas compare."""
    if ind.unit:
        return ind.unit
    value = parse_value(ind.target)
    if value.kind is ValueKind.DATE and value.when is not None:
        return DATE_UNIT
    return value.unit if value.kind is ValueKind.NUMBER else None


def split_value(text: str | None, op: str | None, unit: str | None, *, with_op: bool) -> Split:
    """Cells for a target (`with_op`) or an actual: a number (or a date for 计量单位 "日期") when the
    split is faithful, else the text itself."""
    if text is None or not str(text).strip():
        return Split(None, None)
    text = str(text)
    value = parse_value(text)
    deadline = not with_op or value.op in (None, "≤", "<")
    if value.kind is ValueKind.DATE and unit == DATE_UNIT and value.when is not None and deadline:
        return Split(value.when, value.when.isoformat())
    if value.kind is ValueKind.NUMBER and value.number is not None and not value.approx:
        number = -value.number if value.negative and value.number > 0 else value.number
        wanted_op = op if with_op and op in ("≥", "≤", "=", ">", "<") else None
        joined = join_value(wanted_op, number, unit)
        if joined == text.strip():
            return Split(number, joined)
        # The cells may add the row's operator (an explicit 指标性质 governs anyway) but never change it;
        # a bare number in a "%" row is that percent (docs/dev/domain.md §3.10), as written with "%".
        same_op = value.op in (None, wanted_op)
        same_unit = value.unit in (None, unit)
        if same_op and same_unit and joined is not None and _same(parse_value(joined), value, unit):
            return Split(number, joined)
    return Split(text, text)


def _same(joined, typed, unit: str | None) -> bool:
    """The joined text means what the typed one does (an operator may only be added)."""
    return (joined.kind == typed.kind and typed.op in (None, joined.op) and joined.number == typed.number
            and joined.negative == typed.negative and (joined.unit or unit) == (typed.unit or unit))


# ------------------------------------------------------------------------------------------ filling


def _get(form: Form, path: str) -> Any:
    head, _, rest = path.partition(".")
    if head == "extra":
        return form.extra.get(rest) if isinstance(form.extra, dict) else None
    if not rest:
        return getattr(form, head)
    return getattr(getattr(form, head), rest)


def _plain(text: str) -> str:
    """Text as a cell stores it: no control characters XML forbids, line breaks as "\n"."""
    return ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_text(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    text = _plain(value)
    if len(text) > MAX_CELL_TEXT:
        raise FillError(f"{where} 的内容超过 Excel 单元格上限（{MAX_CELL_TEXT} 个字符），无法写入")
    return text


def _put(ws, ref: str, value: Any, where: str) -> None:
    cell = ws[ref]
    value = _clean_text(value, where)
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text such as "=100%" stays text, never a formula
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
        cell.alignment = _DATE_IN_NUMBER  # a narrow 指标值 column shows the date, not "###"


def _iso_date(text: Any) -> Any:
    if isinstance(text, str):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            return text
    return text


def _rows_needed(form: Form, layout: Layout) -> dict[str, int]:
    rows = {}
    for table in layout.tables:
        n = len(getattr(form, table.name))
        if n > MAX_TABLE_ROWS:
            label = "绩效指标" if table.name == "indicators" else "年度主要任务"
            raise FillError(f"{label}共有 {n} 行，超过模板上限 {MAX_TABLE_ROWS} 行，无法填写；请拆分后分别填报")
        rows[table.name] = max(table.rows, n)
    return rows


def fill_workbook(form: Form, pack: RulePack | None = None, *, typed_scores: bool = False
                  ) -> tuple[Workbook, Placement]:
    """The template of `form.kind`, filled with `form`'s values.

    With `typed_scores` the form's own 得分 / 执行率 / 总分 are written as typed numbers over the formula
    cells, as a unit does that overwrites the template's formulas (or fills an official layout by hand).
    """
    layout = layout_for(form.kind)
    wb, p = build_workbook(form.kind, rows=_rows_needed(form, layout), pack=pack)
    ws = wb[layout.sheet]
    used_extra: set[str] = set()
    for f in layout.fields():
        if not f.path or not (f.input or typed_scores):
            continue
        value = form.raw.get(f.path) if form.raw else None
        if value is None:
            value = _get(form, f.path)
        if f.path == "budget.as_of":
            value = _iso_date(value)
        if f.path.startswith("extra."):
            used_extra.add(f.path[6:])
        _put(ws, p.cells[f.path], value, f.label)
    for table in layout.tables:
        place = p.tables[table.name]
        items = getattr(form, table.name)
        for i, item in enumerate(items):
            row = place.first_row + i
            for key, value in row_cells(item, table, form.raw, f"{table.name}[{i}]").items():
                ref = place.cell(key, row)
                _put(ws, ref, value, f"第 {i + 1} 行“{table.column(key).label}”")
                if isinstance(value, str) and table.column(key).number:  # text kept where a number goes
                    ws[ref].alignment = _TEXT_IN_NUMBER
            if typed_scores and getattr(item, "score", None) is not None:
                _put(ws, place.cell("score", row), item.score, f"第 {i + 1} 行“得分”")
            _fit_row(ws, place, row, table)
        if typed_scores and place.total_row is not None:
            for total in table.totals:
                value = _get(form, total.path) if total.path == "total" else None
                if value is not None:
                    _put(ws, place.cell(total.key, place.total_row), value, "总分")
    _fit_texts(ws, p, form)
    extra = {k: v for k, v in (form.extra or {}).items() if k not in used_extra}
    meta = wb[META_SHEET]
    for row in meta.iter_rows(min_col=1, max_col=2):
        if row[0].value == "extra":
            row[1].value = json.dumps(extra, ensure_ascii=False, sort_keys=True)
    return wb, p


def row_cells(item: Indicator | Task, table: Table, raw: dict | None = None, prefix: str = "") -> dict[str, Any]:
    """Cell values of one table row, keyed by column key (input columns only)."""
    out: dict[str, Any] = {}
    split = table.split and isinstance(item, Indicator)
    op = row_direction(item) if split else None
    unit = row_unit(item) if split else None
    for col in table.columns:
        if not col.input:
            continue
        key = col.key
        if split and key == "direction":
            out[key] = op
        elif split and key == "unit":
            out[key] = unit
        elif split and key in SPLIT_KEYS:
            out[key] = split_value(getattr(item, key), op, unit, with_op=key in OP_KEYS).cell
        else:
            value = getattr(item, key, None)
            if value is None and raw:
                value = raw.get(f"{prefix}.{key}")
            out[key] = value
    return out


# ------------------------------------------------------------------------------------------ heights


def _fit_row(ws, place: TablePlace, row: int, table: Table) -> None:
    """Row height for wrapped text (LibreOffice and Excel do not grow rows of generated files)."""
    lines = 1
    for col in table.columns:
        if col.hidden or not col.input:
            continue
        value = ws[place.cell(col.key, row)].value
        if isinstance(value, str):
            lines = max(lines, _lines(value, place.widths[col.key]))
    if lines > 1:
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 15, 13.5 * lines + 3)


def _width(ws, letter: str) -> float:
    return ws.column_dimensions[letter].width or 8.43


def _fit_texts(ws, p: Placement, form: Form) -> None:
    """Grow the goal text rows and header rows to show long texts."""
    for rng in ws.merged_cells.ranges:
        cell = ws.cell(rng.min_row, rng.min_col)
        if not isinstance(cell.value, str) or cell.data_type == "f" or rng.min_row != rng.max_row:
            continue
        width = sum(_width(ws, get_column_letter(c)) for c in range(rng.min_col, rng.max_col + 1))
        lines = _lines(cell.value, width)
        height = ws.row_dimensions[rng.min_row].height or 15
        if 13.5 * lines + 6 > height:
            ws.row_dimensions[rng.min_row].height = 13.5 * lines + 6


# ------------------------------------------------------------------------------------------ writing


def write_form(form: Form, path: str | Path, pack: RulePack | None = None, *, typed_scores: bool = False) -> Path:
    """Fill the template of `form.kind` and save it atomically to `path` (see `fill_workbook`)."""
    wb, _ = fill_workbook(form, pack, typed_scores=typed_scores)
    return save_atomic(wb, path)


# ------------------------------------------------------------------------------- the form as written


def _canonical_row(item, table: Table, raw: dict | None, prefix: str):
    cells = row_cells(item, table, raw, prefix)
    changes: dict[str, Any] = {}
    for f in fields(item):
        key = f.name
        if not table.has(key) or not table.column(key).input:
            changes[key] = None
            continue
        value = cells.get(key)
        if isinstance(item, Indicator) and table.split and key in SPLIT_KEYS:
            op = cells.get("direction") if key in OP_KEYS else None
            value = join_value(op, value, cells.get("unit")) if value is not None else None
        elif isinstance(value, float) and key not in ("weight", "score", "total", "fiscal", "other"):
            value = number_text(value)
        changes[key] = _text(value)
    return replace(item, **changes)


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = _plain(value).strip()
        return value or None
    return value


def as_filled(form: Form) -> Form:
    """`form` as its filled workbook represents it before recalculation: fields the layout has no cell
    for are dropped, formula fields (得分, 执行率, 总分, sums) are None, split values are canonical
    ("≥ 95 %" → "≥95%"), deadlines are ISO dates and 指标性质 is explicit."""
    layout = layout_for(form.kind)
    inputs = {f.path for f in layout.fields() if f.path and f.input}

    def section(obj, prefix: str):
        changes = {}
        for f in fields(obj):
            path = f"{prefix}.{f.name}"
            if f.name == "currency_unit":
                continue
            value = getattr(obj, f.name)
            if path not in inputs:
                value = None
            elif path == "budget.as_of" and isinstance(value, str):
                iso = _iso_date(value)
                value = iso.isoformat() if isinstance(iso, date) else value
            changes[f.name] = _text(value)
        return replace(obj, **changes)

    raw = form.raw or {}
    indicators = tuple(_canonical_row(ind, layout.table("indicators"), raw, f"indicators[{i}]")
                       for i, ind in enumerate(form.indicators))
    tasks: tuple[Task, ...] = ()
    if any(t.name == "tasks" for t in layout.tables):
        tasks = tuple(_canonical_row(t, layout.table("tasks"), raw, f"tasks[{i}]") for i, t in enumerate(form.tasks))
    extra = {k: v for k, v in (form.extra or {}).items()}
    return replace(
        form,
        year=form.year if "year" in inputs else None,
        unit=section(form.unit, "unit"),
        project=section(form.project, "project"),
        budget=section(form.budget, "budget"),
        goals=section(form.goals, "goals"),
        indicators=indicators,
        tasks=tasks,
        total=None,
        extra=extra,
    )
