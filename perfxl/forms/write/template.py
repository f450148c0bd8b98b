"""Build the five workbook templates from their layouts (perfxl.forms.layout).

`build_workbook(kind, rows=…)` returns an openpyxl Workbook and its Placement; the writer fills it.
`build_templates(out_dir)` writes the five .xlsx files shipped in workbook_templates/.
"""

from __future__ import annotations

import math
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import (
    column_index_from_string,
    get_column_letter,
    quote_sheetname,
)
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.atomic import atomic_path
from perfxl.config import RulePack, default_pack
from perfxl.domain.hierarchy import HIERARCHIES, SATISFACTION
from perfxl.domain.kinds import FormKind
from perfxl.domain.values import DEFAULT_NA_MARKERS, DEFAULT_QUALITATIVE, Band
from perfxl.forms.layout import instructions, layout_for
from perfxl.forms.layout.formulas import PENDING, redistribution, rule_params
from perfxl.forms.layout.geometry import Box, Placement, TablePlace, place
from perfxl.forms.layout.spec import (
    ATTRIBUTES,
    BASES,
    DEVIATION_CAUSES,
    DIRECTIONS,
    HELP_SHEET,
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
    META_SHEET,
    QUALITATIVE_RESULTS,
    TEMPLATE_VERSION,
    UNITS,
    Field,
    Layout,
)

#: File names in workbook_templates/ (docs/dev/forms.md names; 部门整体 without （单位） for short paths).
TEMPLATE_FILES: dict[FormKind, str] = {
    FormKind.PROJECT_GOAL: "项目支出绩效目标申报表.xlsx",
    FormKind.DEPT_GOAL: "部门整体支出绩效目标申报表.xlsx",
    FormKind.PROJECT_MONITOR: "项目支出绩效运行监控表.xlsx",
    FormKind.PROJECT_SELFEVAL: "项目支出绩效自评表.xlsx",
    FormKind.DEPT_SELFEVAL: "部门整体支出绩效自评表.xlsx",
}
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "workbook_templates"

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
_CHARSET = 134  # GB2312: tells Excel/WPS the font is Chinese
INPUT_FILL = PatternFill("solid", fgColor="FFF6D5")  # light yellow: the cells to fill in
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
MISSING_FILL = PatternFill("solid", fgColor="FFC58A", bgColor="FFC58A")  # orange: a required input is missing
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED = Protection(locked=False)


def _font(size: float = 10, bold: bool = False, name: str = BODY_FONT, color: str | None = None) -> Font:
    return Font(name=name, size=size, bold=bold, charset=_CHARSET, color=color)


_STYLE = {
    "title": (_font(18, name=TITLE_FONT), Alignment(horizontal="center", vertical="center")),
    "subtitle": (_font(12), Alignment(horizontal="center", vertical="center")),
    "subtitle_left": (_font(12), Alignment(horizontal="right", vertical="center")),
    "subtitle_right": (_font(12), Alignment(horizontal="left", vertical="center")),
    "section_top": (_font(10, bold=True), Alignment(horizontal="center", vertical="top", wrap_text=True)),
    "section": (_font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "label": (_font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "header": (_font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "total": (_font(10, bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "fixed": (_font(10), Alignment(horizontal="center", vertical="center")),
    "input": (_font(10), Alignment(horizontal="left", vertical="center", wrap_text=True)),
    "number": (_font(10), Alignment(horizontal="right", vertical="center")),
    "centre": (_font(10), Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "formula": (_font(10), Alignment(horizontal="right", vertical="center")),
}
PENDING_NOTE = (f"得分显示“{PENDING}”：表格无法自动计分，总分也显示“{PENDING}”。常见原因：实际完成值含计量单位以外的文字"
                f"（请只填数字）；定性指标的实际完成值不是下拉列表中的三档之一（请选择档次）；指标值为文字表述；"
                f"未填分值。详见“填表说明”评分规则。")
_CENTRED_KEYS = {"level1", "level2", "direction", "unit", "basis", "likelihood"}


def pack_params(pack: RulePack) -> dict[str, str]:
    """Rule-pack values and formula variants the formulas use ({%name} placeholders)."""
    return rule_params(
        budget_weight=pack.budget_weight, total_weight=pack.total_weight,
        satisfaction_weight=pack.level1_weights.get(SATISFACTION, 0.0), reverse_variant=pack.reverse_variant,
        equality_overshoot=pack.equality_overshoot, over_threshold=pack.over_completion_threshold,
        over_deduction=pack.over_completion_deduction, rescale=pack.rescale_not_applicable,
        redistribute=redistribution(pack), fixed_shares=pack.missing_satisfaction_fixed,
        higher_words=pack.direction.higher_words, lower_words=pack.direction.lower_words,
        lower_units=pack.direction.lower_units,
        doubt_words=pack.qualitative_words.negative + pack.qualitative_words.partial,
    )


def build_workbook(kind: FormKind | str, rows: dict[str, int] | None = None,
                   pack: RulePack | None = None) -> tuple[Workbook, Placement]:
    """A blank form of `kind`; `rows` overrides table sizes ({"indicators": 45})."""
    pack = pack or default_pack()
    layout = layout_for(kind)
    p = place(layout, rows, pack_params(pack))
    wb = Workbook()
    _normal_font(wb)
    ws = wb.active
    ws.title = layout.sheet
    _draw(ws, p)
    _validations(ws, p)
    _conditional_formats(ws, p, pack)
    _print_setup(ws, p)
    _protect(ws)
    _help_sheet(wb.create_sheet(HELP_SHEET), layout, p, pack)
    _lists_sheet(wb, pack)
    _meta_sheet(wb, layout, pack)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    return wb, p


def save_atomic(wb: Workbook, path: str | Path) -> Path:
    """Save via a temporary file in the same folder and os.replace: readers never see half a file."""
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def build_templates(out_dir: str | Path = DEFAULT_DIR, pack: RulePack | None = None) -> list[Path]:
    """Write the five form templates and the blank 整改情况反馈表 into `out_dir`; returns their paths."""
    from perfxl.forms.write.feedback import FEEDBACK_FILE, build_feedback_workbook

    out = []
    for kind, name in TEMPLATE_FILES.items():
        wb, _ = build_workbook(kind, pack=pack)
        out.append(save_atomic(wb, Path(out_dir) / name))
    out.append(save_atomic(build_feedback_workbook(), Path(out_dir) / FEEDBACK_FILE))
    return out


def template_names() -> list[str]:
    """Every file `build_templates` writes."""
    from perfxl.forms.write.feedback import FEEDBACK_FILE

    return [*TEMPLATE_FILES.values(), FEEDBACK_FILE]


def template_path(kind: FormKind | str, directory: str | Path = DEFAULT_DIR) -> Path:
    return Path(directory) / TEMPLATE_FILES[FormKind(kind)]


# --------------------------------------------------------------------------------------------- drawing


def text_lines(text: object, width: float) -> int:
    """Lines a wrapped text needs in a column `width` units wide (a CJK character takes two units)."""
    if text is None:
        return 1
    usable = max(width - 0.5, 2.0)
    return sum(max(1, math.ceil(sum(2 if ord(ch) > 0x2E7F else 1 for ch in part) / usable))
               for part in str(text).split("\n"))


def _normal_font(wb: Workbook) -> None:
    """宋体 10 as the workbook's Normal style, so empty cells and new rows look like the form."""
    for style in wb._named_styles:  # noqa: SLF001 — openpyxl exposes no setter for the Normal style
        if style.name == "Normal":
            style.font = _font(10)
    wb._fonts[0] = _font(10)  # noqa: SLF001


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


def _draw(ws: Worksheet, p: Placement) -> None:
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
        font, align = _STYLE[name]
        first.font, first.alignment = font, align
        if not box.role.startswith(("title", "subtitle")):
            first.border = _BORDER
        if box.role in ("header", "label", "section", "total"):
            first.fill = HEADER_FILL
        if box.role in ("input", "subtitle"):  # the year is typed into the subtitle
            first.protection = _UNLOCKED
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


# ------------------------------------------------------------------------------------------ validation


def _dv(ws: Worksheet, sqref: str, **kwargs) -> DataValidation:
    dv = DataValidation(allow_blank=True, **kwargs)
    dv.add(sqref)
    ws.add_data_validation(dv)
    return dv


def _list_dv(ws: Worksheet, sqref: str, source: str, strict: bool, prompt: str | None, title: str) -> None:
    _dv(ws, sqref, type="list", formula1=source.lstrip("="), showErrorMessage=strict,
        errorTitle="请从列表中选择" if strict else None,
        error=f"“{title}”请从下拉列表中选择。" if strict else None,
        showInputMessage=bool(prompt), promptTitle=title[:32] if prompt else None, prompt=prompt)


def _validations(ws: Worksheet, p: Placement) -> None:
    layout = p.layout
    _dv(ws, p.cells["year"], type="whole", operator="between", formula1="2000", formula2="2100",
        showErrorMessage=True, errorTitle="年度", error="请填写四位数字年份，如 2024。",
        showInputMessage=True, promptTitle="年度", prompt="填写四位数字年份，如 2024。")
    for f in layout.fields():
        if not f.path or not f.input or f.path == "year":
            continue
        ref = p.cells[f.path]
        if f.choices:
            _list_dv(ws, ref, f.choices, strict=False, prompt=None, title=f.label)
        elif f.fmt == "yyyy-mm-dd":
            _dv(ws, ref, type="date", operator="greaterThan", formula1="36526", showErrorMessage=True,
                errorTitle=f.label, error="请填写日期，如 2024-06-30。",
                showInputMessage=True, promptTitle=f.label, prompt="填写日期，如 2024-06-30。")
        elif f.number:
            _dv(ws, ref, type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                showErrorMessage=True, errorTitle=f.label, error="请填写数字（金额单位：万元）。")
    for t in p.tables.values():
        first = t.first_row
        for col in t.table.columns:
            if col.hidden or not col.input:
                continue
            sqref = t.data_range(col.key)
            if col.choices:
                source = p.formula(col.choices, first, t)
                _list_dv(ws, sqref, source, col.strict, col.prompt, col.label)
            elif col.key == "weight":
                _dv(ws, sqref, type="decimal", operator="between", formula1="0", formula2="100",
                    showErrorMessage=True, errorTitle=col.label, error="分值应为 0 到 100 之间的数字。",
                    showInputMessage=bool(col.prompt), prompt=col.prompt)
            elif col.fmt and col.number:  # amounts
                _dv(ws, sqref, type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                    showErrorMessage=True, errorTitle=col.label, error="请填写数字（金额单位：万元）。")
            elif col.prompt:
                _dv(ws, sqref, type="custom", formula1="TRUE", showErrorMessage=False,
                    showInputMessage=True, promptTitle=col.label[:32], prompt=col.prompt)


# ------------------------------------------------------------------------------- conditional formatting


def _conditional_formats(ws: Worksheet, p: Placement, pack: RulePack) -> None:
    layout = p.layout
    main = p.tables["indicators"]
    name = main.cols[main.table.used_by]
    used = f"COUNTA(${name}${main.first_row}:${name}${main.last_row})>0"  # the form has been started
    missing = FormulaRule
    for f in layout.fields():
        if f.required and f.path and f.input:
            ref = p.cells[f.path]
            merged = _merged_ref(ws, ref)
            ws.conditional_formatting.add(merged, missing(formula=[f'AND({used},ISBLANK({ref}))'],
                                                          fill=MISSING_FILL, stopIfTrue=False))
    for t in p.tables.values():
        name_col = t.cols[t.table.used_by]
        first = t.first_row
        for col in t.table.columns:
            if col.required and col.input and col.key != t.table.used_by:
                cell = f"{t.cols[col.key]}{first}"
                ws.conditional_formatting.add(t.data_range(col.key), missing(
                    formula=[f'AND(${name_col}{first}<>"",ISBLANK({cell}))'], fill=MISSING_FILL))
    _score_formats(ws, p, pack)
    if layout.kind is FormKind.PROJECT_MONITOR:
        t = main
        first = t.first_row
        likely = f"{t.cols['likelihood']}{first}"
        for key in ("deviation", "measures"):
            cell = f"{t.cols[key]}{first}"
            ws.conditional_formatting.add(t.data_range(key), missing(
                formula=[f'AND(OR(${likely[0]}{first}="{LIKELIHOOD[1]}",${likely[0]}{first}="{LIKELIHOOD[2]}"),'
                         f'ISBLANK({cell}))'], fill=MISSING_FILL))


def _score_formats(ws: Worksheet, p: Placement, pack: RulePack) -> None:
    """Red score = target not met; orange 偏差原因 = unmet or clearly over-completed without a reason."""
    t = p.tables["indicators"]
    if not t.table.has("score"):
        return
    red = _font(10, color="FF0000")
    first = t.first_row
    c = {k: f"${v}{first}" for k, v in t.cols.items()}
    score = f"{t.cols['score']}{first}"
    unmet = f"AND(ISNUMBER({c['score']}),ISNUMBER({c['_eff']}),{c['score']}<{c['_eff']}-0.000001)"
    ws.conditional_formatting.add(t.data_range("score"), FormulaRule(formula=[unmet.replace(c["score"], score)],
                                                                      font=red))
    over = (f'AND(ISNUMBER({c["_t"]}),ISNUMBER({c["_a"]}),{c["_t"]}>0,{c["direction"]}<>"≤",{c["direction"]}<>"<",'
            f'{c["_a"]}>={pack.over_completion_threshold:g}*{c["_t"]})')
    cell = f"{t.cols['deviation']}{first}"
    ws.conditional_formatting.add(t.data_range("deviation"), FormulaRule(
        formula=[f'AND({c["name"]}<>"",ISBLANK({cell}),OR({unmet},{over}))'], fill=MISSING_FILL))
    rate, bscore = p.cells["budget.rate"], p.cells["budget.score"]
    ws.conditional_formatting.add(bscore, FormulaRule(formula=[f"AND(ISNUMBER({rate}),{rate}<1)"], font=red))
    total = t.cell("score", t.total_row)
    for ref, cell in ((t.data_range("score"), score), (bscore, bscore), (total, total)):  # cannot compute
        ws.conditional_formatting.add(ref, FormulaRule(formula=[f'{cell}="{PENDING}"'], fill=MISSING_FILL,
                                                       font=_font(10, bold=True, color="C00000")))
    head = ws[t.cell("score", t.header_row)]
    head.comment = Comment(PENDING_NOTE, "perfxl", width=300, height=150)


def _merged_ref(ws: Worksheet, ref: str) -> str:
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return rng.coord
    return ref


# ------------------------------------------------------------------------------------- print, protect


def _print_setup(ws: Worksheet, p: Placement) -> None:
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


def _protect(ws: Worksheet) -> None:
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


# ----------------------------------------------------------------------------------- auxiliary sheets


def _help_sheet(ws: Worksheet, layout: Layout, p: Placement, pack: RulePack) -> None:
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 80
    ws.sheet_view.showGridLines = False
    title = ws.cell(1, 1, f"{layout.title}填表说明")
    title.font = _font(16, name=TITLE_FONT)
    ws.merge_cells("A1:B1")
    title.alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 30
    row = 3

    def heading(text: str) -> None:
        nonlocal row
        cell = ws.cell(row, 1, text)
        cell.font = _font(12, bold=True)
        row += 1

    def para(text: str, label: str | None = None) -> None:
        nonlocal row
        if label:
            lab = ws.cell(row, 1, label)
            lab.font = _font(10, bold=True)
            lab.alignment = Alignment(vertical="top", wrap_text=True)
            lab.border = _BORDER
            cell = ws.cell(row, 2, text)
            cell.border = _BORDER
        else:
            cell = ws.cell(row, 1, text)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell.font = _font(10)
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


def _define(wb: Workbook, name: str, ws: Worksheet, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _column(wb: Workbook, ws: Worksheet, col: int, name: str, items: list) -> None:
    letter = get_column_letter(col)
    ws.cell(1, col, name).font = _font(10, bold=True)
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

    phrases = dict(DEFAULT_QUALITATIVE)
    phrases.update({k: Band(v) for k, v in pack.extra_qualitative.items()})
    ordered = list(QUALITATIVE_RESULTS) + [k for k in phrases if k not in QUALITATIVE_RESULTS]
    return [(k, frac(phrases[k])) for k in ordered]


def _lists_sheet(wb: Workbook, pack: RulePack) -> None:
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
        (LIST_NA, list(dict.fromkeys([*DEFAULT_NA_MARKERS, *pack.extra_not_applicable]))),
    ]
    for name, items in simple:
        col += 1
        _column(wb, ws, col, name, items)
    col += 1
    table = qualitative_fractions(pack)
    a, b = get_column_letter(col), get_column_letter(col + 1)
    ws.cell(1, col, LIST_QUALITATIVE_TABLE).font = _font(10, bold=True)
    ws.cell(1, col + 1, "得分比例").font = _font(10, bold=True)
    for i, (phrase, fraction) in enumerate(table, start=2):
        ws.cell(i, col, phrase)
        ws.cell(i, col + 1, fraction).number_format = "0%"
    ws.column_dimensions[a].width = 32
    _define(wb, LIST_QUALITATIVE_TABLE, ws, f"${a}$2:${b}${len(table) + 1}")
    col += 2
    shares = [(k, v) for k, v in pack.missing_satisfaction_fixed.items() if v > 0] or [("—", 0.0)]
    a, b = get_column_letter(col), get_column_letter(col + 1)
    ws.cell(1, col, LIST_FIXED_SHARES).font = _font(10, bold=True)
    ws.cell(1, col + 1, "分值").font = _font(10, bold=True)
    for i, (level, weight) in enumerate(shares, start=2):
        ws.cell(i, col, level)
        ws.cell(i, col + 1, weight)
    _define(wb, LIST_FIXED_SHARES, ws, f"${a}$2:${b}${len(shares) + 1}")
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _meta_sheet(wb: Workbook, layout: Layout, pack: RulePack) -> None:
    ws = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate((
        ("kind", layout.kind.value),
        ("template_version", TEMPLATE_VERSION),
        ("rule_edition", pack.edition.value),
        ("extra", "{}"),
    ), start=1):
        ws.cell(i, 1, key)
        ws.cell(i, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
