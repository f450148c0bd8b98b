"""score_form: a whole form → FormScore (docs/dev/domain.md §3.9; 财预〔2020〕10号 附1).

total = budget score (0 when it cannot be computed; `complete` turns False) + Σ indicator scores on
their printed weights, summed exactly (math.fsum) with no intermediate rounding, then rescaled when
rows are not applicable (total × 100 ÷ (100 − dropped 分值), docs/dev/domain.md §3.8); `total_rounded` is half-up to
`pack.decimals`; the grade is taken on `total_rounded`. A qualitative row that cannot be checked keeps
the unit's own score and makes the total incomplete; `complete_note` says why the total is incomplete.
Weights and self-scores that are infinite, NaN or absurdly large are not used (guard.py; S220).

Self-evaluation forms (project and department) are scored; department forms score against the
调整指标值 when one is given. Goal forms are not scored (indicators "not_scored_goal", total None);
monitoring forms get progress ratios and lights in `FormScore.progress` (total None).
"""

from dataclasses import replace
from math import fsum

from perfxl.config import RulePack, default_pack
from perfxl.domain.kinds import Stage
from perfxl.domain.model import Form, Indicator
from perfxl.scoring.budget import parse_rate, score_budget
from perfxl.scoring.context import context
from perfxl.scoring.grades import grade_of
from perfxl.scoring.guard import POINTS_LIMIT, usable
from perfxl.scoring.methods import assess, finish
from perfxl.scoring.monitor import monitor_progress
from perfxl.scoring.results import UNJUDGED, BudgetScore, FormScore, IndicatorScore
from perfxl.scoring.rounding import half_up
from perfxl.scoring.weights import NO_LEVEL, effective_weights


def score_form(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form with `pack` (None → the national defaults)."""
    if pack is None:
        pack = default_pack()
    ctx = context(pack)
    kind = form.kind
    if not kind.facts.scored:
        return _not_scored(form, ctx)

    budget = score_budget(form.budget, pack)
    indicators = _usable_indicators(form.indicators)
    year = form.year
    adjusted = kind.facts.adjusted_targets
    assessments = [assess(ctx, ind.name, _target(ind, adjusted), ind.actual, ind.unit, ind.direction, year)
                   for ind in indicators]
    level = ctx.level
    levels = [level(ind.level1) for ind in indicators]
    eff, note, dropped = effective_weights(levels, [ind.weight for ind in indicators],
                                           [a.applicable for a in assessments], pack, budget.weight)

    totals: dict[str, float] = {}
    scores = [budget.score or 0.0]
    results = []
    unscored = unchecked = 0
    for i, (a, ind, lv, e) in enumerate(zip(assessments, indicators, levels, eff, strict=True)):
        r = finish(ctx, a, i, ind, lv, e)
        results.append(r)
        key = lv or NO_LEVEL
        s = r.score
        unverified = r.problem_code == UNJUDGED
        if unverified:
            unchecked += 1
        if s is None:
            totals.setdefault(key, 0.0)
            if r.applicable and not unverified:
                unscored += 1
            continue
        scores.append(s)
        totals[key] = totals.get(key, 0.0) + s
    total = fsum(scores)
    if dropped:
        total = total * pack.total_weight / (pack.total_weight - dropped)
    rounded = half_up(total, pack.decimals)
    why = _incomplete(budget, unscored, unchecked)
    return FormScore(
        kind=kind, year=form.year, unit=form.unit.name, project=form.project.name, source=form.source,
        budget=budget, indicators=tuple(results), total=total, total_rounded=rounded, self_total=form.total,
        grade=grade_of(rounded, pack) if why is None else None,  # no grade for a total that is not whole
        level1_totals=totals, weights_note=note, complete=why is None,
        decimals=pack.decimals, complete_note=why,
    )


def _incomplete(budget: BudgetScore, unscored: int, unchecked: int) -> str | None:
    """Why the total is incomplete (Chinese), or None."""
    parts = []
    if budget.score is None:
        parts.append("预算执行未计分")
    if unscored:
        parts.append(f"{unscored}项指标未计分")
    if unchecked:
        parts.append(f"{unchecked}项定性指标无法核实完成情况，暂按单位自评得分计入")
    return "总分不完整：" + "；".join(parts) if parts else None


def _usable_indicators(indicators):
    """Indicators whose weight or self-score is infinite, NaN or absurdly large get None there (S220 reports it)."""
    lo, hi = -POINTS_LIMIT, POINTS_LIMIT
    try:
        for ind in indicators:  # a plain loop: this runs for every form
            w, s = ind.weight, ind.score
            if (w is not None and not lo <= w <= hi) or (s is not None and not lo <= s <= hi):
                break
        else:
            return indicators
    except TypeError:
        pass
    return tuple(
        replace(ind, weight=ind.weight if usable(ind.weight, POINTS_LIMIT) else None,
                score=ind.score if usable(ind.score, POINTS_LIMIT) else None)
        for ind in indicators
    )


def _not_scored(form: Form, ctx) -> FormScore:
    """Goal and monitoring forms: no score; monitoring forms get progress ratios and lights."""
    pack = ctx.pack
    b = form.budget
    weight = b.weight if b.weight is not None else pack.budget_weight
    monitor = form.kind.facts.stage is Stage.MONITOR
    progress = monitor_progress(form, ctx) if monitor else None
    if monitor:
        method = "not_scored_monitor"
        budget = BudgetScore(weight, progress.budget_rate, None, parse_rate(b.rate), b.score, progress.budget_explain)
        explains = [item.explain for item in progress.indicators]
    else:
        method = "not_scored_goal"
        budget = BudgetScore(weight, None, None, parse_rate(b.rate), b.score, "目标申报表不评分")
        explains = ["目标申报表不评分"] * len(form.indicators)
    level = ctx.level
    indicators = tuple(
        IndicatorScore(i, ind.name, level(ind.level1), ind.level2, ind.weight, None, None, ind.score, method, text)
        for i, (ind, text) in enumerate(zip(form.indicators, explains, strict=True))
    )
    return FormScore(
        kind=form.kind, year=form.year, unit=form.unit.name, project=form.project.name, source=form.source,
        budget=budget, indicators=indicators, total=None, total_rounded=None, self_total=form.total,
        grade=None, level1_totals={}, weights_note=None, complete=True, decimals=pack.decimals,
        progress=progress,
    )


def _target(ind: Indicator, adjusted: bool) -> str | None:
    """The target scored: 调整指标值 when the kind has one and it is given, else 年度指标值."""
    return (ind.adjusted_target or ind.target) if adjusted else ind.target


def score_in_direction(form: Form, item: IndicatorScore, op: str, pack: RulePack | None = None) -> float | None:
    """What `item` would score if its target carried the operator `op` (S201 compares a self-score with the
    other reading of a target written without an operator)."""
    if pack is None:
        pack = default_pack()
    ind = form.indicators[item.index]
    target = _target(ind, form.kind.facts.adjusted_targets)
    a = assess(context(pack), ind.name, target, ind.actual, ind.unit, op, form.year)
    if a.fraction is None or item.effective_weight is None:
        return None
    return item.effective_weight * a.fraction
