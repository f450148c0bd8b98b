"""Actions on the open workbook (ribbon buttons, task pane, desktop RunPython): 校验 and 评分.

The workbook is read through the reader's live-book path (`api.check_book`, the same code as for
files); these functions only write results back:

- validate (校验): a 校验结果 sheet (links to the cells), flagged cells filled by severity with a note
  where the runtime supports notes. Old marks are cleared first, from the cell list and original fills
  kept on the 校验结果 sheet, so running it twice changes nothing.
- score (评分): a 评分对照 sheet, the engine's score beside the unit's own, differences highlighted.

Works with any xlwings Book: the remote book of xlwings Server (actions returned to Office.js) and a
desktop Book (classic add-in). The remote engine cannot read fills; a cell's fill is then restored to
the fill the cell has in the blank template.
"""

import contextlib
from typing import Any

import xlwings as xw

from perfxl import api
from perfxl.excel.pack import active_pack

SCORE_SHEET = "评分对照"
RESULT_COLUMNS = ("序号", "代码", "级别", "位置", "问题", "修改建议", "规则", "原底色")
RESULT_WIDTHS = (6, 8, 6, 14, 50, 40, 24, 10)  # characters; 原底色 (what 校验 restores next time) is hidden
SCORE_COLUMNS = ("一级指标", "二级指标", "三级指标", "分值", "自评得分", "规则得分", "差额", "计算说明", "位置")
SCORE_WIDTHS = (12, 14, 22, 6, 8, 8, 6, 56, 12)
DIFF_FILL = "#FFC7CE"  # the same light red as an error fill (perfxl.outputs.annotated_copy)
HEADER_FILL = "#F2F2F2"
_TOLERANCE = 0.005  # half a cent of a point: scores are shown with 2 decimals (pack default)


@xw.script
def validate(book: xw.Book) -> None:
    """校验：检查当前工作簿的表单，写入“校验结果”工作表并标出有问题的单元格。"""
    _clear_marks(book)
    report = api.check_book(book, pack=active_pack())
    findings = list(report.findings)
    form = report.report.form if report.report is not None else None
    sheet = _fresh_sheet(book, api.RESULT_SHEET)
    names = {s.name for s in book.sheets}
    rows: list[list[Any]] = [list(RESULT_COLUMNS)]
    originals: dict[tuple[str, str], str] = {}
    for n, f in enumerate(findings, 1):
        where = _split(f.location, names)
        if where is not None and where not in originals:
            originals[where] = _fill_of(book.sheets[where[0]].range(where[1]), form, *where)
        location = f.location or f.path or "（整表）"
        rows.append([n, f.code, f.severity.label, location, f.message, f.hint or "", f.name or "",
                     originals.get(where, "") if where else ""])
    if not findings:
        rows.append(["", "", "", "", "未发现问题", "", "", ""])
    sheet.range("A1").value = rows
    _layout(sheet, RESULT_WIDTHS, len(rows), hidden=len(RESULT_COLUMNS))
    for n, f in enumerate(findings, 2):
        where = _split(f.location, names)
        if where is not None:
            sheet.range((n, 4)).formula = _hyperlink(*where)
    _mark(book, findings, names)


@xw.script
def score(book: xw.Book) -> None:
    """评分：按评分规则重新计分，在“评分对照”工作表中与表中自评得分逐项对照，差异标红。"""
    report = api.check_book(book, pack=active_pack())
    sheet = _fresh_sheet(book, SCORE_SHEET)
    rows: list[list[Any]] = [list(SCORE_COLUMNS)]
    differs: list[int] = []
    if not report.reports:
        rows.append(["", "", "未读到可评分的表单", "", "", "", "", "；".join(f.message for f in report.findings), ""])
    for r in report.reports:
        s, form = r.score, r.form
        if s.total is None:
            rows.append(["", "", f"{form.kind.title}不评分", "", "", "", "", "", ""])
            continue
        b = s.budget
        rows.append(["预算执行率", "", "", b.weight, b.self_score, _round(b.score), _diff(b.self_score, b.score),
                     b.explain or "", _where(form, "budget.score")])
        for item in s.indicators:
            rows.append([item.level1 or "", item.level2 or "", item.name or "", item.weight, item.self_score,
                         _round(item.score), _diff(item.self_score, item.score), item.explain,
                         _where(form, f"indicators[{item.index}].score")])
        rows.append(["总分", "", "", "", s.self_total, _round(s.total), _diff(s.self_total, s.total),
                     f"等级：{s.grade or '—'}" + (f"；{s.weights_note}" if s.weights_note else ""),
                     _where(form, "total")])
    for n, row in enumerate(rows[1:], 2):
        if row[6] not in ("", None):
            differs.append(n)
    sheet.range("A1").value = rows
    _layout(sheet, SCORE_WIDTHS, len(rows))
    for n in differs:
        sheet.range((n, 1), (n, len(SCORE_COLUMNS))).color = DIFF_FILL


# -- helpers ---------------------------------------------------------------------------------------


def _fresh_sheet(book: xw.Book, name: str):
    """The named sheet emptied (values and fills), or a new one at the end."""
    if name in [s.name for s in book.sheets]:
        sheet = book.sheets[name]
        sheet.clear()
        return sheet
    return book.sheets.add(name=name, after=book.sheets[len(book.sheets) - 1])


def _layout(sheet, widths: tuple[int, ...], rows: int, hidden: int | None = None) -> None:
    """Column widths, wrapped text, a grey header row, and optionally one hidden column (1-based)."""
    for col, width in enumerate(widths, 1):
        sheet.range((1, col)).column_width = width
    sheet.range((1, 1), (rows, len(widths))).wrap_text = True
    sheet.range((1, 1), (1, len(widths))).color = HEADER_FILL
    if hidden is not None:
        sheet.range((1, hidden)).columns.hidden = True


def _clear_marks(book: xw.Book) -> None:
    """Undo the previous 校验: restore the fills it recorded and remove the notes it added."""
    if api.RESULT_SHEET not in [s.name for s in book.sheets]:
        return
    names = {s.name for s in book.sheets}
    values = book.sheets[api.RESULT_SHEET].used_range.value
    rows = values if isinstance(values, list) and values and isinstance(values[0], list) else []
    done = set()
    for row in rows[1:]:
        if len(row) < len(RESULT_COLUMNS):
            continue
        where = _split(str(row[3] or ""), names)
        if where is None or where in done:
            continue
        done.add(where)
        cell = book.sheets[where[0]].range(where[1])
        cell.color = row[7] or None
        note = _note(cell)
        if note is not None:
            note.delete()


def _mark(book: xw.Book, findings, names: set[str]) -> None:
    by_cell: dict[tuple[str, str], list] = {}
    for f in findings:
        where = _split(f.location, names)
        if where is not None:
            by_cell.setdefault(where, []).append(f)
    for (sheet, address), found in by_cell.items():
        cell = book.sheets[sheet].range(address)
        cell.color = "#" + api.FINDING_FILLS[found[0].severity]  # findings come most severe first
        text = "\n".join(f"[{f.code} {f.severity.label}] {f.message}" + (f"\n建议：{f.hint}" if f.hint else "")
                         for f in found)
        with contextlib.suppress(NotImplementedError, AttributeError):  # no notes here: fill and the sheet only
            cell.add_note(text)


def _note(cell):
    try:
        return cell.note
    except (NotImplementedError, AttributeError):
        return None


def _fill_of(cell, form, sheet: str, address: str) -> str:
    """The cell's fill as "#RRGGBB", "" for none; its fill in the blank template when the runtime can't read it."""
    try:
        color = cell.color
    except NotImplementedError:
        return api.template_fill(form, sheet, address) if form is not None else ""
    if color is None:
        return ""
    if isinstance(color, tuple):
        return "#{:02X}{:02X}{:02X}".format(*color)
    return str(color)


def _split(location: str | None, names: set[str]) -> tuple[str, str] | None:
    """"自评表!H15" → ("自评表", "H15") when the sheet exists and the cell is a single cell."""
    where = api.split_location(location)
    if where is None or where[0] not in names or ":" in where[1]:
        return None
    return where


def _hyperlink(sheet: str, cell: str) -> str:
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return f'=HYPERLINK("{target}","{sheet}!{cell}")'


def _where(form, path: str) -> str:
    return form.where(path) or ""


def _round(value: float | None) -> float | None:
    return api.rounded(value, pack=active_pack())


def _diff(own: float | None, engine: float | None) -> float | str:
    """Unit's own minus the engine's (rounded); "" when they agree or one is missing."""
    if own is None or engine is None:
        return ""
    delta = own - _round(engine)
    return "" if abs(delta) < _TOLERANCE else _round(delta)
