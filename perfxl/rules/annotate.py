"""Annotated copy of a workbook: every finding as a cell comment and fill, plus a 校验结果 sheet.

    annotate(source, findings, out) -> Path

The source is opened with openpyxl and never modified; the copy is written atomically
(perfxl.atomic.atomic_path). Findings with a cell (`Finding.location`, "Sheet!H15") get a comment by
"perfxl" and a fill (error red, warning yellow, info blue) at that cell; every finding is listed on the
校验结果 sheet with an internal hyperlink to its cell. Findings without a cell are listed only.
"""

from collections.abc import Iterable
from pathlib import Path

from perfxl.atomic import atomic_path
from perfxl.domain import Finding, Severity
from perfxl.domain.paths import describe_path
from perfxl.outputs.text import LINE_HEIGHT, row_height
from perfxl.rules.registry import rule

RESULT_SHEET = "校验结果"
AUTHOR = "perfxl"
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_COLUMNS = (("序号", 5), ("代码", 7), ("级别", 6), ("位置", 18), ("问题", 50), ("修改建议", 40), ("规则", 18))


class AnnotateError(ValueError):
    """The source cannot be annotated (not an .xlsx/.xlsm workbook openpyxl can open); message in Chinese."""


def split_location(location: str | None) -> tuple[str, str] | None:
    """"自评表!H15" → ("自评表", "H15"); quotes around the sheet name are accepted."""
    if not location or "!" not in location:
        return None
    sheet, cell = location.rsplit("!", 1)
    sheet = sheet.strip()
    if len(sheet) >= 2 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    cell = cell.replace("$", "").strip().upper()
    return (sheet, cell) if sheet and cell else None


def link(sheet: str, cell: str) -> str:
    """Internal hyperlink, as Excel writes it: "#'自评表'!H15" (stored as the link's location, no "#")."""
    return "#'" + sheet.replace("'", "''") + "'!" + cell


def annotate(source: str | Path, findings: Iterable[Finding], out: str | Path) -> Path:
    """Write an annotated copy of `source` to `out` (atomically) and return `out`."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.worksheet.hyperlink import Hyperlink

    source, out = Path(source), Path(out)
    if source.resolve() == out.resolve():
        raise AnnotateError(f"{out}: 批注副本不能覆盖原文件，请指定另一个文件名")
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise AnnotateError(f"{out}: 批注副本应保存为 .xlsx 文件")
    try:
        wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm" and out.suffix.lower() == ".xlsm",
                           keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on files it cannot open
        raise AnnotateError(f"{source}: 无法打开工作簿以生成批注副本（{type(exc).__name__}）") from None

    items = sorted(findings, key=lambda f: (f.severity.rank, f.code))
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    placed: dict[int, tuple[str, str]] = {}
    for n, f in enumerate(items):
        where = split_location(f.location)
        if where is None or where[0] not in wb.sheetnames:
            continue
        try:
            coordinate_from_string(where[1])
        except ValueError:
            continue
        by_cell.setdefault(where, []).append(f)
        placed[n] = where

    for (sheet, cell), found in by_cell.items():
        ws = wb[sheet]
        target = ws[cell]
        for merged in ws.merged_cells.ranges:  # a comment on a merged range goes on its top-left cell
            if cell in merged:
                target = ws.cell(merged.min_row, merged.min_col)
                break
        text = "\n".join(f"[{f.code} {f.severity.label}] {f.message}" + (f"\n建议：{f.hint}" if f.hint else "")
                         for f in found)
        old = target.comment.text + "\n\n" if target.comment is not None and target.comment.author != AUTHOR else ""
        comment = Comment(old + text, AUTHOR)
        comment.width, comment.height = 320, min(60 + 40 * len(found), 400)
        target.comment = comment
        worst = min(found, key=lambda f: f.severity.rank).severity
        color = FILLS[worst]
        target.fill = PatternFill(fill_type="solid", start_color=color, end_color=color)

    if RESULT_SHEET in wb.sheetnames:
        del wb[RESULT_SHEET]
    ws = wb.create_sheet(RESULT_SHEET, 0)
    bold = Font(bold=True)
    for col, (title, width) in enumerate(_COLUMNS, 1):
        c = ws.cell(1, col, title)
        c.font = bold
        ws.column_dimensions[c.column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = LINE_HEIGHT + 3
    for n, f in enumerate(items):
        row = n + 2
        where = placed.get(n)
        known = rule(f.code)
        values = (n + 1, f.code, f.severity.label, f.location or describe_path(f.path) or "（整表）", f.message,
                  f.hint or "", known.title if known else (f.name or ""))
        for col, value in enumerate(values, 1):
            c = ws.cell(row, col, value)
            c.alignment = wrap
        # row height for the wrapped text: spreadsheet apps do not grow rows of a file written by a program
        ws.row_dimensions[row].height = row_height([(v, w) for v, (_, w) in zip(values, _COLUMNS, strict=True)])
        sev = ws.cell(row, 3)
        sev.fill = PatternFill(fill_type="solid", start_color=FILLS[f.severity], end_color=FILLS[f.severity])
        if where is not None:
            loc = ws.cell(row, 4)
            # an internal link: location only (a `target` would become an external relationship)
            loc.hyperlink = Hyperlink(ref=loc.coordinate, location=link(*where)[1:], tooltip="转到该单元格")
            loc.font = Font(color="0563C1", underline="single")
    if not items:
        ws.cell(2, 1, "未发现问题")
    ws.freeze_panes = "A2"
    _print_setup(ws)
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws

    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out


def _print_setup(ws) -> None:
    """A4 landscape, one page wide, the header row on every page, gridlines printed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
