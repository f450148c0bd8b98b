"""Effective indicator weights and the not-applicable rescaling of the total.

10号 附1 ✔: 预算执行 10, 产出 50, 效益 30, 满意度 10. A form is scored against the weights it prints: an
indicator's score never exceeds its printed 分值 ✔ (published tables whose weights total 80 or 90 are
scored that way, and the weight design is flagged by S210/S211). Only with the rule-pack option
`weights.missing_satisfaction.redistribute = true` ○ does the engine move a missing 满意度 weight itself,
when the form's indicator weights sum to total − budget − 满意度 (80): mode "proportional" ◐ scales every
indicator by the same factor (for the standard 50/30 this is 56.25/33.75); mode "fixed" uses the pack's
`missing_satisfaction_fixed` (e.g. 产出 60 / 效益 30) and falls back to proportional when the form's 一级
do not match it. In the 101号 edition (财预〔2021〕101号) 成本指标 takes part like any other 一级.

Not applicable rows (docs/dev/domain.md §3.8 ◐) are dropped (score 0 on weight 0); each other row keeps its printed
分值, and with `rescale_not_applicable` the *total* is rescaled: total × 100 ÷ (100 − dropped 分值).
"""

from perfxl.config import RulePack
from perfxl.domain.hierarchy import SATISFACTION
from perfxl.scoring.rounding import fmt

_TOL = 1e-6
NO_LEVEL = "（未填写一级指标）"


def effective_weights(
    levels: list[str | None],
    weights: list[float | None],
    applicable: list[bool],
    pack: RulePack,
    budget_weight: float,
) -> tuple[list[float | None], str | None, float]:
    """(effective weight per indicator — None where the form gives none —, a Chinese note, dropped 分值)."""
    eff = list(weights)
    notes = []
    if pack.redistribute_missing_satisfaction:
        given = [w for w in weights if w is not None]
        total = sum(given)
        satisfaction = pack.level1_weights.get(SATISFACTION, 0.0)
        if (
            given and satisfaction > 0 and SATISFACTION not in levels
            and abs(total - (pack.total_weight - budget_weight - satisfaction)) < _TOL
        ):
            notes.append(_redistribute(levels, eff, pack, budget_weight, satisfaction, total))
    dropped = 0.0
    if not all(applicable):
        count = 0
        for i, ok in enumerate(applicable):
            if not ok:
                count += 1
                if eff[i] is not None:
                    dropped += eff[i]
                    eff[i] = 0.0
        full = pack.total_weight
        if not pack.rescale_not_applicable:
            notes.append(f"{count}项指标不适用（分值{fmt(dropped)}分），不计分，总分不折算"
                         "（规则包 rescale_not_applicable = false）")
            dropped = 0.0
        elif dropped <= 0:
            notes.append(f"{count}项指标不适用，不计分")
        elif dropped >= full:
            notes.append(f"{count}项指标不适用（分值{fmt(dropped)}分），没有其余可计分的分值，总分不折算")
            dropped = 0.0
        else:
            notes.append(f"{count}项指标不适用（分值{fmt(dropped)}分），不计分；总分按 得分合计 × {fmt(full)} ÷ "
                         f"（{fmt(full)} − {fmt(dropped)}）折算")
    return eff, "；".join(n for n in notes if n) or None, dropped


def _redistribute(levels, eff, pack: RulePack, budget_weight: float, satisfaction: float, total: float) -> str:
    target = pack.total_weight - budget_weight
    moved = f"未设置满意度指标，其{fmt(satisfaction)}分"
    if pack.missing_satisfaction_mode == "fixed":
        fixed = pack.missing_satisfaction_fixed
        sums: dict[str, float] = {}
        for level, w in zip(levels, eff, strict=True):
            if w is not None:
                sums[level or NO_LEVEL] = sums.get(level or NO_LEVEL, 0.0) + w
        present = {k: v for k, v in fixed.items() if v > 0}
        if (set(sums) == set(present) and all(s > 0 for s in sums.values())
                and abs(sum(present.values()) - target) < _TOL):
            for i, (level, w) in enumerate(zip(levels, eff, strict=True)):
                if w is not None:
                    eff[i] = w * fixed[level] / sums[level]
            parts = "、".join(f"{k}{fmt(v)}分" for k, v in present.items())
            return f"{moved}按规则包改为{parts}，各指标分值按比例调整（规则包 redistribute = true）"
        fallback = "（规则包固定分配与本表一级指标不符，改按比例分配）"
    else:
        fallback = ""
    factor = target / total
    for i, w in enumerate(eff):
        if w is not None:
            eff[i] = w * factor
    return (f"{moved}按各一级指标分值比例分配{fallback}，各指标分值乘以{fmt(factor)}（合计{fmt(target)}分；"
            "规则包 redistribute = true）")
