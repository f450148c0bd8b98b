"""score_form: a whole form → FormScore (SPEC §3.9; 财预〔2020〕10号 附1).

total = budget score (0 when it cannot be computed; `complete` turns False) + Σ indicator scores on
their effective weights, summed exactly (math.fsum) with no intermediate rounding; `total_rounded`
is half-up to `pack.decimals`; the grade is taken on `total_rounded`.

Self-evaluation forms (project and department) are scored; department forms score against the
调整指标值 when one is given. Goal forms are not scored (indicators "not_scored_goal", total None);
monitoring forms get progress ratios and lights in `FormScore.progress` (total None).
"""

from math import fsum

from perfxl.config import RulePack, default_pack
from perfxl.domain.kinds import FormKind
from perfxl.domain.model import Form
from perfxl.scoring.budget import parse_rate, score_budget
from perfxl.scoring.context import context
from perfxl.scoring.grades import grade_of
from perfxl.scoring.methods import assess, finish
from perfxl.scoring.monitor import monitor_progress
from perfxl.scoring.results import BudgetScore, FormScore, IndicatorScore
from perfxl.scoring.rounding import half_up
from perfxl.scoring.weights import NO_LEVEL, effective_weights


def score_form(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form with `pack` (None → the national defaults)."""
    if pack is None:
        pack = default_pack()
    ctx = context(pack)
    kind = form.kind
    if kind.is_goal or kind is FormKind.PROJECT_MONITOR:
        return _not_scored(form, ctx)

    budget = score_budget(form.budget, pack)
    indicators = form.indicators
    year = form.year
    if kind is FormKind.DEPT_SELFEVAL:  # department forms score against 调整指标值 when given
        assessments = [assess(ctx, ind.adjusted_target or ind.target, ind.actual, ind.unit, ind.direction, year)
                       for ind in indicators]
    else:
        assessments = [assess(ctx, ind.target, ind.actual, ind.unit, ind.direction, year) for ind in indicators]
    level = ctx.level
    levels = [level(ind.level1) for ind in indicators]
    eff, note = effective_weights(levels, [ind.weight for ind in indicators], [a.applicable for a in assessments],
                                  pack, budget.weight)

    complete = budget.score is not None
    totals: dict[str, float] = {}
    scores = [budget.score or 0.0]
    results = []
    for i, (a, ind, lv, e) in enumerate(zip(assessments, indicators, levels, eff, strict=True)):
        r = finish(ctx, a, i, ind, lv, e)
        results.append(r)
        key = lv or NO_LEVEL
        s = r.score
        if s is None:
            totals.setdefault(key, 0.0)
            if r.applicable:
                complete = False
            continue
        scores.append(s)
        totals[key] = totals.get(key, 0.0) + s
    total = fsum(scores)
    rounded = half_up(total, pack.decimals)
    return FormScore(
        kind=kind, year=form.year, unit=form.unit.name, project=form.project.name, source=form.source,
        budget=budget, indicators=tuple(results), total=total, total_rounded=rounded, self_total=form.total,
        grade=grade_of(rounded, pack), level1_totals=totals, weights_note=note, complete=complete,
        decimals=pack.decimals,
    )


def _not_scored(form: Form, ctx) -> FormScore:
    """Goal and monitoring forms: no score; monitoring forms get progress ratios and lights."""
    pack = ctx.pack
    b = form.budget
    weight = b.weight if b.weight is not None else pack.budget_weight
    monitor = form.kind is FormKind.PROJECT_MONITOR
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
