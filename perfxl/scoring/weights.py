"""Effective indicator weights: 满意度 redistribution and not-applicable rescaling.

10号 附1 ✔: 预算执行 10, 产出 50, 效益 30, 满意度 10. When a form has no 满意度 indicator its weight moves
to the other 一级 (SPEC §3.1): mode "proportional" ◐ scales every indicator by the same factor, i.e.
splits the 满意度 weight over the 一级 in proportion to the weights *the form* gives them (for the
standard 50/30 this is 56.25/33.75); mode "fixed" uses the pack's `missing_satisfaction_fixed`
(e.g. 产出 60 / 效益 30) and falls back to proportional when the form's 一级 do not match it.
In the 101号 edition (财预〔2021〕101号) 成本指标 is its own 一级 and takes part in the split like any
other 一级 the form weights. Redistribution happens only when the form's indicator weights sum to
total − budget − 满意度 (80); weights summing to total − budget (90) or to anything else are used as
given (the linter reports inconsistent weights).

Not applicable rows (SPEC §3.8 ◐) are dropped; with `rescale_not_applicable` the remaining rows of
the same 一级 are scaled so the 一级 keeps its weight, and a 一级 with no applicable row left passes
its weight to all remaining rows in proportion to their weights.
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
) -> tuple[list[float | None], str | None]:
    """Effective weight per indicator (None where the form gives none) and a Chinese note, if any."""
    eff = list(weights)
    notes = []
    given = [w for w in weights if w is not None]
    total = sum(given)
    satisfaction = pack.level1_weights.get(SATISFACTION, 0.0)
    if (
        given and satisfaction > 0 and SATISFACTION not in levels
        and abs(total - (pack.total_weight - budget_weight - satisfaction)) < _TOL
    ):
        notes.append(_redistribute(levels, eff, pack, budget_weight, satisfaction, total))

    if not all(applicable):
        dropped = [i for i, ok in enumerate(applicable) if not ok]
        if not pack.rescale_not_applicable:
            notes.append(f"{len(dropped)}项指标不适用，不计分，权重未重新分配（规则包 rescale_not_applicable = false）")
            for i in dropped:
                eff[i] = 0.0 if eff[i] is not None else None
        else:
            notes.append(_rescale(levels, eff, applicable, dropped))
    return eff, "；".join(n for n in notes if n) or None


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
            return f"{moved}按规则包改为{parts}，各指标分值按比例调整"
        fallback = "（规则包固定分配与本表一级指标不符，改按比例分配）"
    else:
        fallback = ""
    factor = target / total
    for i, w in enumerate(eff):
        if w is not None:
            eff[i] = w * factor
    return f"{moved}按各一级指标分值比例分配{fallback}，各指标分值乘以{fmt(factor)}（合计{fmt(target)}分）"


def _rescale(levels, eff, applicable, dropped) -> str:
    group_all: dict[str, float] = {}
    group_ok: dict[str, float] = {}
    for level, w, ok in zip(levels, eff, applicable, strict=True):
        if w is None:
            continue
        key = level or NO_LEVEL
        group_all[key] = group_all.get(key, 0.0) + w
        if ok:
            group_ok[key] = group_ok.get(key, 0.0) + w
    lost = 0.0
    emptied = []
    for key, w in group_all.items():
        if group_ok.get(key, 0.0) <= 0 and w > 0:
            lost += w
            emptied.append(key)
    kept = sum(v for k, v in group_all.items() if k not in emptied)  # each kept 一级 keeps its whole weight
    spread = (kept + lost) / kept if kept > 0 and lost > 0 else 1.0
    for i, (level, w, ok) in enumerate(zip(levels, eff, applicable, strict=True)):
        if w is None:
            continue
        if not ok:
            eff[i] = 0.0
            continue
        key = level or NO_LEVEL
        ok_sum = group_ok[key]
        eff[i] = w * group_all[key] / ok_sum * spread if ok_sum > 0 else 0.0
    note = f"{len(dropped)}项指标不适用，其分值按同一一级指标内其余指标的分值比例重新分配"
    if emptied:
        names = "、".join(emptied)
        note += (f"；{names}全部不适用，其分值按其余全部指标比例分配" if kept > 0
                 else f"；{names}全部不适用，且没有其余可计分指标")
    return note
