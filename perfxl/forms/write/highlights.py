"""Conditional formats: required inputs left blank, scores below the weight, scores that cannot be computed."""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.config import RulePack
from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import PENDING
from perfxl.forms.layout.geometry import Placement
from perfxl.forms.layout.spec import LIKELIHOOD
from perfxl.forms.write.styles import MISSING_FILL, font

PENDING_NOTE = (f"得分显示“{PENDING}”：表格无法自动计分，总分也显示“{PENDING}”。常见原因：实际完成值含计量单位以外的文字"
                f"（请只填数字）；定性指标的实际完成值不是下拉列表中的三档之一（请选择档次）；指标值为文字表述；"
                f"未填分值。详见“填表说明”评分规则。")


def add_highlights(ws: Worksheet, p: Placement, pack: RulePack) -> None:
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
    red = font(10, color="FF0000")
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
                                                       font=font(10, bold=True, color="C00000")))
    head = ws[t.cell("score", t.header_row)]
    head.comment = Comment(PENDING_NOTE, "perfxl", width=300, height=150)


def _merged_ref(ws: Worksheet, ref: str) -> str:
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return rng.coord
    return ref
