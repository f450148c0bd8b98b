"""Formula templates of the self-evaluation forms: docs/dev/domain.md §3 as Excel formulas that reproduce perfxl.scoring.

Placeholders are resolved by `Placement.formula` (perfxl.forms.layout.geometry); `rule_params` gives the
fragments that differ between rule packs ({%name}). Only functions Excel, WPS and LibreOffice share.

A row the formulas cannot score the way the engine does shows PENDING ("待核") in 得分 instead of a
smaller number (text in 实际完成值 such as "≥266米" that is not a number in the row's 计量单位, a
qualitative row whose 实际完成值 is not one of the three grades, a missing 分值), and so does the
总分: an incomplete total is never shown as a number.
"""

from __future__ import annotations

from perfxl.domain.hierarchy import SATISFACTION as SATISFACTION_LABEL
from perfxl.forms.layout.spec import (
    DATE_UNIT,
    LIST_FIXED_SHARES,
    LIST_NA,
    LIST_QUALITATIVE_TABLE,
    QUALITATIVE_RESULTS,
    SCORE,
    WEIGHT,
    Column,
    TotalCell,
)

PENDING = "待核"  # shown in 得分 / 总分 where the template cannot compute what the engine would

# Operators a unit may type at the start of a 指标值 (or 实际完成值) text, and what they mean (docs/dev/domain.md §3.10).
# Two-character spellings first; ">" and "<" score as "≥" and "≤" (as perfxl.scoring does).
_OPS2 = {">=": "≥", "＞＝": "≥", "＞=": "≥", "≥=": "≥", "=≥": "≥", "〉=": "≥",
         "<=": "≤", "＜＝": "≤", "＜=": "≤", "≤=": "≤", "=≤": "≤", "〈=": "≤"}
_OPS1 = {"﹦": "=", "≥": "≥", "≧": "≥", "⩾": "≥", ">": "≥", "＞": "≥", "≤": "≤", "≦": "≤", "⩽": "≤", "<": "≤", "＜": "≤",
         "=": "=", "＝": "=", "═": "="}


# --- Self-evaluation formulas (docs/dev/domain.md §3; they reproduce perfxl.scoring with the rule pack's settings) ---
# Hidden helper columns per row, left to right:
#   _na   1 when 实际完成值 or 指标值 is a not-applicable marker (—, /, *, 不适用 …; list 不适用标记)
#   _op   the operator typed at the start of a 指标值 text ("≥5000" → "≥"), else ""
#   _d    the direction scored: 定性, ≥, ≤ or = (指标性质, else the typed operator, else inferred from the
#         indicator's name or 计量单位 with the rule pack's lexicon, else "" = ≥)
#   _tr   the 指标值 text after its leading operator ("≥266米" → "266米"); _ar the same for 实际完成值
#   _t    the target as a number (a leading operator and the row's 计量单位 stripped from a text; a
#         percent-formatted cell, e.g. 95% typed in Excel and stored as 0.95, read × 100), else its text
#   _a    the actual as a number (same reading), else its text, "" when blank
#   _f    fraction of the weight earned (0…1), or PENDING when the row cannot be scored automatically; a
#         qualitative row scores the band its 实际完成值 names (drop-down), or 达成 when it restates a target in
#         words without a negative or partial word (docs/dev/domain.md §3.7), else PENDING
#   _w    分值 of a not-applicable row, else 0 (the total is rescaled by them)
#   _eff  the weight scored: the printed 分值 (× the 满意度 redistribution factor only when the rule pack
#         asks for it)
# Total-row helpers: under _f 1 when the pack's fixed 满意度 shares apply; under _eff the proportional
# 满意度 redistribution factor (1 unless the pack redistributes).
def _is_na(cell: str) -> str:
    return f"ISNUMBER(MATCH({cell},{LIST_NA},0))"


def _percent_scaled(x: str, fmt: str) -> str:
    """x as a number; a percent-formatted cell (Excel stores "93.5%" as 0.935) × 100. A bare number under a
    计量单位 of "%" is that percent (docs/dev/domain.md §3.10), as perfxl reads it."""
    return f'IF(LEFT({fmt},1)="P",{x}*100,{x})'


def _format(cell: str) -> str:
    return f'CELL("format",{cell})'


def _lead_op(s: str) -> str:
    """The operator a text starts with (canonical ≥ ≤ =), else ""."""
    out = '""'
    for sym, op in reversed(list(_OPS1.items())):
        out = f'IF(LEFT({s},1)="{sym}","{op}",{out})'
    for sym, op in reversed(list(_OPS2.items())):
        out = f'IF(LEFT({s},2)="{sym}","{op}",{out})'
    return out


def _lead_len(s: str) -> str:
    two = ",".join(f'LEFT({s},2)="{sym}"' for sym in _OPS2)
    one = ",".join(f'LEFT({s},1)="{sym}"' for sym in _OPS1)
    return f"IF(OR({two}),2,IF(OR({one}),1,0))"


def _rest(cell: str) -> str:
    """The text after a leading operator ("≥266米" → "266米"); "" for a number."""
    t = f"TRIM({cell})"
    return f'=IF(ISNUMBER({cell}),"",TRIM(MID({t},{_lead_len(t)}+1,255)))'


def _text_number(rest: str, cell: str) -> str:
    """`rest` ("5000", "30天", "266米", "95%" with "%" as 计量单位) as a number; the text of `cell` when
    anything but the number and the row's 计量单位 is written."""
    unit = "{#unit}"
    bare = (f'IF(AND(LEN({unit})>0,LEN({rest})>LEN({unit}),RIGHT({rest},LEN({unit}))={unit}),'
            f'TRIM(LEFT({rest},LEN({rest})-LEN({unit}))),{rest})')
    plain = (f'AND(ISERROR(FIND("%",{bare})),ISERROR(FIND("/",{bare})),ISERROR(FIND(":",{bare})),'
             f'ISERROR(FIND("-",{bare},2)),ISERROR(FIND("E",UPPER({bare}))))')
    return f"IF({plain},IFERROR(VALUE({bare}),{cell}),{cell})"


def _target_cell(adjusted: bool) -> str:
    return "IF(ISBLANK({#adjusted_target}),{#target},{#adjusted_target})" if adjusted else "{#target}"


def _target_format(adjusted: bool) -> str:
    if adjusted:
        return f'IF(ISBLANK({{#adjusted_target}}),{_format("{#target}")},{_format("{#adjusted_target}")})'
    return _format("{#target}")


def helper_columns(adjusted: bool) -> tuple[Column, ...]:
    t = _target_cell(adjusted)
    a, d, w = "{#actual}", "{#direction}", "{#weight}"
    ta, aa, dd = "{#_t}", "{#_a}", "{#_d}"
    am = f"MAX({aa},0)"
    # {%…} fragments are the rule-pack variants (see `rule_params`); they are resolved first.
    quantitative = (
        f'IF({{#unit}}="{DATE_UNIT}",IF({aa}<={ta},1,0),'  # deadline: on or before the date → full, else 0
        f'IF({dd}="≤",IF({am}<={ta},{{%le_met}},{{%le_miss}}),'  # reverse
        f'IF(AND({dd}="=",{ta}<=0),IF({am}<=0,1,0),'  # equality with T = 0
        f'IF({dd}="=",{{%eq_pos}},'  # equality with T > 0
        f'IF({am}>={ta},{{%ge_met}},{am}/{ta})))))'  # positive (≥ or none): A / T
    )
    fraction = (
        f'=IF({{#_na}}=1,"",IFERROR(VLOOKUP({a},{LIST_QUALITATIVE_TABLE},2,FALSE),'  # 定性 wording → band point
        f'IF(OR({dd}="定性",AND(NOT(ISNUMBER({ta})),{ta}<>"")),IF(ISBLANK({a}),0,'  # words: only a restatement
        f'IF(AND(NOT(ISNUMBER({a})),NOT(ISNUMBER({t})),TRIM({a})=TRIM({t}),{{%plain_words}}),'
        f'VLOOKUP("{QUALITATIVE_RESULTS[0]}",{LIST_QUALITATIVE_TABLE},2,FALSE),"{PENDING}")),'  # of it is 达成
        f'IF({ta}="",IF(ISBLANK({a}),"{PENDING}",0),'  # neither target nor actual: nothing to score against
        f'IF(ISBLANK({a}),0,IF(NOT(ISNUMBER({aa})),"{PENDING}",{quantitative}))))))'
    )
    direction = (f'=IF({d}="定性","定性",IF(OR({d}="≥",{d}=">"),"≥",IF(OR({d}="≤",{d}="<"),"≤",'
                 f'IF({d}="=","=",IF({{#_op}}<>"",{{#_op}},{{%infer}})))))')
    return (
        Column("_na", "（计算列）不适用", 6, formula=f"=IF(OR({_is_na(a)},{_is_na(t)}),1,0)"),
        Column("_op", "（计算列）指标值运算符", 6,
               formula=f'=IF(ISNUMBER({t}),"",{_lead_op(f"TRIM({t})")})'),
        Column("_d", "（计算列）评分方向", 6, formula=direction),
        Column("_tr", "（计算列）指标值文字", 8, formula=_rest(t)),
        Column("_t", "（计算列）目标值", 8, formula=(
            f'=IF(ISNUMBER({t}),{_percent_scaled(t, _target_format(adjusted))},'
            f'IF({t}="","",{_text_number("{#_tr}", t)}))')),
        Column("_ar", "（计算列）实际值文字", 8, formula=_rest(a)),
        Column("_a", "（计算列）实际值", 8, formula=(
            f'=IF(ISNUMBER({a}),{_percent_scaled(a, _format(a))},IF({a}="","",{_text_number("{#_ar}", a)}))')),
        Column("_f", "（计算列）得分比例", 8, formula=fraction),
        Column("_w", "（计算列）不适用分值", 6, formula=f"=IF(AND(ISNUMBER({w}),{{#_na}}=1),{w}*{{%satisfaction}},0)"),
        Column("_eff", "（计算列）计分分值", 8, formula=(
            f'=IF(OR(NOT(ISNUMBER({w})),{{#_na}}=1),"",{w}*{{%satisfaction}})')),
    )


def _infer(higher_words: tuple[str, ...], lower_words: tuple[str, ...], lower_units: tuple[str, ...]) -> str:
    """The direction of a target written without an operator (docs/dev/domain.md §3.11, the rule pack's lexicon, in the
    engine's order): a higher-is-better word in the indicator's name → ≥; a lower-is-better word → ≤; a time
    limit as 计量单位 or written with the target ("30天") → ≤; else "" (scored as ≥)."""
    def found(words: tuple[str, ...]) -> str:
        return ",".join(f'ISNUMBER(FIND("{w}",{{#name}}))' for w in words)

    units = ",".join(f'TRIM({{#unit}})="{u}",RIGHT({{#_tr}},{len(u)})="{u}"' for u in lower_units)
    out = f'IF(OR({units}),"≤","")' if units else '""'
    if lower_words:
        out = f'IF(OR({found(lower_words)}),"≤",{out})'
    if higher_words:
        out = f'IF(OR({found(higher_words)}),"",{out})'
    return out


def _without(words: tuple[str, ...], cell: str) -> str:
    """TRUE when `cell` contains none of `words`."""
    found = ",".join(f'ISNUMBER(FIND("{w}",{cell}))' for w in words)
    return f"NOT(OR({found}))" if words else "TRUE"


def redistribution(pack) -> str | None:
    """How a rule pack moves a missing 满意度 weight: None (default: the printed 分值 stand, docs/dev/domain.md §3.1), or
    with `redistribute_missing_satisfaction` its mode, "proportional" or "fixed"."""
    return pack.missing_satisfaction_mode if pack.redistribute_missing_satisfaction else None


def rule_params(*, budget_weight: float, total_weight: float, satisfaction_weight: float,
                reverse_variant: str = "ratio", equality_overshoot: bool = False,
                over_threshold: float = 1.3, over_deduction: float = 0.0, rescale: bool = True,
                redistribute: str | None = None, fixed_shares: dict[str, float] | None = None,
                higher_words: tuple[str, ...] = (), lower_words: tuple[str, ...] = (),
                lower_units: tuple[str, ...] = (), doubt_words: tuple[str, ...] = ()) -> dict[str, str]:
    """Formula fragments for a rule pack's settings (the {%name} placeholders), as perfxl.scoring does it.

    `redistribute`: None (score against the printed 分值), "proportional" or "fixed" (`fixed_shares`).
    `rescale`: not-applicable rows rescale the total to the full score (docs/dev/domain.md §3.8); rows keep their 分值.
    `higher_words` / `lower_words` / `lower_units`: the direction lexicon for targets without an operator.
    `doubt_words`: negative and partial words; an actual restating a target in words is 达成 only without them."""
    t, am = "{#_t}", "MAX({#_a},0)"
    g = lambda x: f"{x:g}"  # noqa: E731
    if reverse_variant == "linear":  # w × max(0, 1 − (A − T) / T)
        le_miss = f"IF({t}<=0,0,MAX(0,1-({am}-{t})/{t}))"
    else:  # w × T / A
        le_miss = f"IF({t}<=0,0,{t}/{am})"
    le_met = ge_met = "1"
    if over_deduction > 0:  # 10号: 目标设置明显偏低的，按偏离度适度调减分值
        ge_met = (f"IF(AND({t}>0,{am}>={g(over_threshold)}*{t}),"
                  f"MAX(0,1-{g(over_deduction)}*({am}/{t}-{g(over_threshold)})),1)")
        le_met = (f"IF(AND({t}>0,{am}>0),IF({t}/{am}>={g(over_threshold)},"
                  f"MAX(0,1-{g(over_deduction)}*({t}/{am}-{g(over_threshold)})),1),1)")
    eq_pos = (f"MAX(0,1-ABS({am}-{t})/{t})" if equality_overshoot
              else f"IF({am}>={t},{ge_met},{am}/{t})")
    l1, w = "{#level1:}", "{#weight:}"
    satisfaction = "{=_eff}" if redistribute else "1"
    present = {k: v for k, v in (fixed_shares or {}).items() if v > 0}
    fixed_ok = "0"
    if redistribute == "fixed" and present and abs(sum(present.values()) - (total_weight - budget_weight)) < 1e-6:
        counted = "+".join(f'COUNTIFS({l1},"{k}",{w},">-1E+307")' for k in present)
        sums = ",".join(f'SUMIF({l1},"{k}",{w})>0' for k in present)
        fixed_ok = f"IF(AND({{=_eff}}<>1,{sums},COUNT({w})={counted}),1,0)"
        satisfaction = (f"IF({{=_f}}=1,IFERROR(VLOOKUP({{#level1}},{LIST_FIXED_SHARES},2,FALSE)"
                        f"/SUMIF({l1},{{#level1}},{w}),1),{{=_eff}})")
    return {
        "budget_weight": g(budget_weight), "total_weight": g(total_weight),
        "satisfaction_weight": g(satisfaction_weight), "le_met": le_met, "le_miss": le_miss,
        "ge_met": ge_met, "eq_pos": eq_pos, "satisfaction": satisfaction, "fixed_ok": fixed_ok,
        "redistribute": "1" if redistribute else "0", "rescale": "1" if rescale else "0",
        "infer": _infer(higher_words, lower_words, lower_units),
        "plain_words": _without(doubt_words, "{#actual}"),
    }


_BLANK_ROW = "AND(ISBLANK({#name}),ISBLANK({#target}),ISBLANK({#actual}),ISBLANK({#weight}))"
SCORE_FORMULA = (f'=IF({{#_na}}=1,"—",IF({_BLANK_ROW},"",'
                 f'IF(OR({{#_f}}="{PENDING}",NOT(ISNUMBER({{#_eff}}))),"{PENDING}",{{#_eff}}*{{#_f}})))')
_BW = "IF(ISNUMBER({budget.weight}),{budget.weight},{%budget_weight})"  # 分值 of budget execution


def selfeval_totals() -> tuple[TotalCell, ...]:
    none_sat = f'COUNTIF({{#level1:}},"{SATISFACTION_LABEL}")=0'
    rest = f"({{%total_weight}}-{_BW}-{{%satisfaction_weight}})"
    dropped = "SUM({#_w:})"
    # docs/dev/domain.md §3.8: not-applicable rows are dropped and the total is rescaled to the full score
    scale = (f"IF(AND({{%rescale}}=1,{dropped}>0,{{%total_weight}}-{dropped}>0),"
             f"{{%total_weight}}/({{%total_weight}}-{dropped}),1)")
    pending = f'OR(COUNTIF({{#score:}},"{PENDING}")>0,NOT(ISNUMBER({{budget.score}})))'
    return (
        TotalCell("weight", '=IF(AND(COUNT({#weight:})=0,NOT(ISNUMBER({budget.weight}))),"",'
                            'N({budget.weight})+SUM({#weight:}))', fmt=WEIGHT),
        TotalCell("score", f'=IF(AND(COUNTA({{#name:}})<=1,COUNT({{#score:}})=0,NOT(ISNUMBER({{budget.score}}))),"",'
                           f'IF({pending},"{PENDING}",({{budget.score}}+SUM({{#score:}}))*{scale}))',
                  path="total", fmt=SCORE),
        TotalCell("_f", "={%fixed_ok}", fmt="0"),  # 1: move the 满意度 weight by the pack's fixed shares
        TotalCell("_eff", (f"=IF(AND({{%redistribute}}=1,{{%satisfaction_weight}}>0,SUM({{#weight:}})>0,{none_sat},"
                           f"ABS(SUM({{#weight:}})-{rest})<0.000001),"
                           f"({{%total_weight}}-{_BW})/SUM({{#weight:}}),1)"), fmt="0.0000"),
    )


# Budget execution (docs/dev/domain.md §3.2): rate = 执行数 / 预算数 (negative 执行数 as 0), blank when the budget is
# missing or ≤ 0; score = 分值 × min(rate, 1) — execution above the budget scores the full 分值.
def rate_formula(executed: str, budget: str) -> str:
    return (f'=IF(AND(ISNUMBER({{{budget}}}),ISNUMBER({{{executed}}})),'
            f'IF({{{budget}}}>0,MAX({{{executed}}},0)/{{{budget}}},""),"")')


# No rate (budget amounts missing or ≤ 0) once the budget block is started → PENDING, as the engine
# gives no budget score then; the 总分 shows PENDING too.
BUDGET_SCORE = (f'=IF(ISNUMBER({{budget.rate}}),{_BW}*MIN({{budget.rate}},1),IF(AND(ISBLANK({{budget.full_year}}),'
                f'ISBLANK({{budget.executed}}),ISBLANK({{budget.weight}})),"","{PENDING}"))')


def sum_or_blank(key: str) -> str:
    return '=IF(COUNT({#' + key + ':})=0,"",SUM({#' + key + ':}))'
