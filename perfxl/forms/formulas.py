"""Formula templates of the self-evaluation forms: SPEC §3 as Excel formulas that reproduce perfxl.scoring.

Placeholders are resolved by `Placement.formula` (perfxl.forms.geometry); `rule_params` gives the
fragments that differ between rule packs ({%name}).
"""

from __future__ import annotations

from perfxl.domain.hierarchy import SATISFACTION as SATISFACTION_LABEL
from perfxl.forms.spec import (
    DATE_UNIT,
    LIST_FIXED_SHARES,
    LIST_NA,
    LIST_QUALITATIVE_TABLE,
    SCORE,
    WEIGHT,
    Column,
    TotalCell,
)


# --- Self-evaluation formulas (SPEC §3; they reproduce perfxl.scoring with the rule-pack defaults) ---
# Hidden helper columns per row, left to right:
#   _na   1 when 实际完成值 or 指标值 is a not-applicable marker (—, /, *, 不适用 …; list 不适用标记)
#   _t    the target as a number (percent typed as a fraction, e.g. 0.95 next to 95, read × 100), else its text
#   _a    the actual as a number, same percent rule, else ""
#   _f    fraction of the weight earned (0…1), "" when the row cannot be scored automatically
#   _w    分值 of an applicable row, else 0
#   _k    分值 when the row's 一级 still has an applicable row, else 0
#   _eff  effective weight: 分值 × 满意度 redistribution × rescaling of not-applicable rows within the 一级
# Total-row helpers: under _k the factor for 一级 left with no applicable row; under _eff the 满意度
# redistribution factor (10号 附1: no 满意度 indicator → its weight goes to the other 一级 in proportion).
def _is_na(cell: str) -> str:
    return f"ISNUMBER(MATCH({cell},{LIST_NA},0))"


def _percent_scaled(x: str, other: str) -> str:
    """x as a number; a fraction next to a percent (x ≤ 1.5 and at most a tenth of the other side) × 100 —
    the same reading as perfxl.domain.values.align for a plain number in a "%" row."""
    return (f'IF(AND({{#unit}}="%",ISNUMBER({other})),'
            f'IF(AND(ABS({x})<=1.5,OR({x}<=0,{other}<=0,{x}*10<={other})),{x}*100,{x}),{x})')


def _target_cell(adjusted: bool) -> str:
    return "IF(ISBLANK({#adjusted_target}),{#target},{#adjusted_target})" if adjusted else "{#target}"


def helper_columns(adjusted: bool) -> tuple[Column, ...]:
    t = _target_cell(adjusted)
    a, d, w = "{#actual}", "{#direction}", "{#weight}"
    ta, aa = "{#_t}", "{#_a}"
    am = f"MAX({aa},0)"
    # {%…} fragments are the rule-pack variants (see `rule_params`); they are resolved first.
    quantitative = (
        f'IF({{#unit}}="{DATE_UNIT}",IF({aa}<={ta},1,0),'  # deadline: on or before the date → full, else 0
        f'IF(OR({d}="≤",{d}="<"),IF({am}<={ta},{{%le_met}},{{%le_miss}}),'  # reverse
        f'IF(AND({d}="=",{ta}<=0),IF({am}<=0,1,0),'  # equality with T = 0
        f'IF({d}="=",{{%eq_pos}},'  # equality with T > 0
        f'IF({am}>={ta},{{%ge_met}},{am}/{ta})))))'  # positive (≥ > blank): A / T
    )
    fraction = (
        f'=IFERROR(VLOOKUP({a},{LIST_QUALITATIVE_TABLE},2,FALSE),'  # 定性 wording → band point
        f'IF({d}="定性",IF(ISBLANK({a}),0,""),'
        f'IF({ta}="",0,IF(NOT(ISNUMBER({ta})),"",'
        f'IF(ISBLANK({a}),0,IF(NOT(ISNUMBER({aa})),"",{quantitative}))))))'
    )
    rng_l1, rng_ok = "{#level1:}", "{#_w:}"
    return (
        Column("_na", "（计算列）不适用", 6, formula=f"=IF(OR({_is_na(a)},{_is_na(t)}),1,0)"),
        Column("_t", "（计算列）目标值", 8, formula=(
            f'=IF(ISNUMBER({t}),{_percent_scaled(t, a)},IF({t}="","",{t}))')),
        Column("_a", "（计算列）实际值", 8, formula=f'=IF(ISNUMBER({a}),{_percent_scaled(a, t)},"")'),
        Column("_f", "（计算列）得分比例", 8, formula=fraction),
        Column("_w", "（计算列）适用分值", 6, formula=f"=IF(AND(ISNUMBER({w}),{{#_na}}=0),{w},0)"),
        Column("_k", "（计算列）一级有效分值", 6,
               formula=f"=IF(AND(ISNUMBER({w}),SUMIF({rng_l1},{{#level1}},{rng_ok})>0),{w},0)"),
        Column("_eff", "（计算列）调整后分值", 8, formula=(
            f'=IF(OR(NOT(ISNUMBER({w})),{{#_na}}=1),"",{w}*{{%satisfaction}}*{{%rescale}})')),
    )


def rule_params(*, budget_weight: float, total_weight: float, satisfaction_weight: float,
                reverse_variant: str = "ratio", equality_overshoot: bool = False,
                over_threshold: float = 1.3, over_deduction: float = 0.0, rescale: bool = True,
                fixed_shares: dict[str, float] | None = None) -> dict[str, str]:
    """Formula fragments for a rule pack's settings (the {%name} placeholders), as perfxl.scoring does it."""
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
    l1, w, ok = "{#level1:}", "{#weight:}", "{#_w:}"
    group = f"SUMIF({l1},{{#level1}},{ok})"
    rescale_f = (f"IF({group}>0,{{=_k}}*SUMIF({l1},{{#level1}},{w})/{group},0)" if rescale else "1")
    satisfaction = "{=_eff}"
    present = {k: v for k, v in (fixed_shares or {}).items() if v > 0}
    fixed_ok = "0"
    if present and abs(sum(present.values()) - (total_weight - budget_weight)) < 1e-6:
        counted = "+".join(f'COUNTIFS({l1},"{k}",{w},">-1E+307")' for k in present)
        sums = ",".join(f'SUMIF({l1},"{k}",{w})>0' for k in present)
        fixed_ok = f"IF(AND({{=_eff}}<>1,{sums},COUNT({w})={counted}),1,0)"
        satisfaction = (f"IF({{=_f}}=1,IFERROR(VLOOKUP({{#level1}},{LIST_FIXED_SHARES},2,FALSE)"
                        f"/SUMIF({l1},{{#level1}},{w}),1),{{=_eff}})")
    return {
        "budget_weight": g(budget_weight), "total_weight": g(total_weight),
        "satisfaction_weight": g(satisfaction_weight), "le_met": le_met, "le_miss": le_miss,
        "ge_met": ge_met, "eq_pos": eq_pos, "rescale": rescale_f, "satisfaction": satisfaction,
        "fixed_ok": fixed_ok,
    }


SCORE_FORMULA = '=IF({#_na}=1,"—",IF(AND(ISNUMBER({#_eff}),ISNUMBER({#_f})),{#_eff}*{#_f},""))'
_BW = "IF(ISNUMBER({budget.weight}),{budget.weight},{%budget_weight})"  # 分值 of budget execution


def selfeval_totals() -> tuple[TotalCell, ...]:
    none_sat = f'COUNTIF({{#level1:}},"{SATISFACTION_LABEL}")=0'
    rest = f"({{%total_weight}}-{_BW}-{{%satisfaction_weight}})"
    return (
        TotalCell("weight", '=IF(AND(COUNT({#weight:})=0,NOT(ISNUMBER({budget.weight}))),"",'
                            'N({budget.weight})+SUM({#weight:}))', fmt=WEIGHT),
        TotalCell("score", '=IF(AND(COUNT({#score:})=0,NOT(ISNUMBER({budget.score}))),"",'
                           'N({budget.score})+SUM({#score:}))', path="total", fmt=SCORE),
        TotalCell("_k", "=IF(SUM({#_k:})>0,SUM({#weight:})/SUM({#_k:}),1)", fmt="0.0000"),
        TotalCell("_f", "={%fixed_ok}", fmt="0"),  # 1: move the 满意度 weight by the pack's fixed shares
        TotalCell("_eff", (f"=IF(AND({{%satisfaction_weight}}>0,SUM({{#weight:}})>0,{none_sat},"
                           f"ABS(SUM({{#weight:}})-{rest})<0.000001),"
                           f"({{%total_weight}}-{_BW})/SUM({{#weight:}}),1)"), fmt="0.0000"),
    )


# Budget execution (SPEC §3.2): rate = 执行数 / 预算数 (negative 执行数 as 0), blank when the budget is
# missing or ≤ 0; score = 分值 × min(rate, 1).
def rate_formula(executed: str, budget: str) -> str:
    return (f'=IF(AND(ISNUMBER({{{budget}}}),ISNUMBER({{{executed}}})),'
            f'IF({{{budget}}}>0,MAX({{{executed}}},0)/{{{budget}}},""),"")')


BUDGET_SCORE = f'=IF(ISNUMBER({{budget.rate}}),{_BW}*MIN({{budget.rate}},1),"")'


def sum_or_blank(key: str) -> str:
    return '=IF(COUNT({#' + key + ':})=0,"",SUM({#' + key + ':}))'
