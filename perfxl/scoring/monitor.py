"""Monitoring progress (财预〔2019〕136号; docs/dev/domain.md §5 ◐).

t = months elapsed / 12 at the monitoring date (2024-06-30 → 6/12; a date inside a month counts
the days of that month). Budget progress ratio = (1—N月执行数 / 全年预算数, else 年初预算数) / t;
indicator progress ratio = (1—N月完成值 / T) / t for positive and equality quantitative indicators
(reverse and qualitative indicators have no cumulative progress and get no light).
Lights from the pack: < red_below 红, < yellow_below 黄, ≥ blue_from 蓝, otherwise 绿.
"""

import calendar
from datetime import date

from perfxl.config import RulePack
from perfxl.domain.model import Form
from perfxl.domain.values import ValueKind
from perfxl.scoring.align import align
from perfxl.scoring.context import Context
from perfxl.scoring.judge import infer_direction
from perfxl.scoring.results import LIGHT_LABELS, MonitorScore, ProgressItem
from perfxl.scoring.rounding import fmt, percent


def light(ratio: float | None, pack: RulePack) -> str | None:
    if ratio is None:
        return None
    if ratio < pack.monitor_red_below:
        return "red"
    if ratio < pack.monitor_yellow_below:
        return "yellow"
    if ratio >= pack.monitor_blue_from:
        return "blue"
    return "green"


def elapsed_share(as_of: str | None, ctx: Context) -> float | None:
    """Months elapsed / 12 at `as_of` (ISO date, or any date text the value parser understands)."""
    if not as_of:
        return None
    try:
        when = date.fromisoformat(str(as_of).strip())
    except ValueError:
        value = ctx.parse(as_of)
        when = value.when if value.kind is ValueKind.DATE else None
        if when is None:
            return None
    days = calendar.monthrange(when.year, when.month)[1]
    return (when.month - 1 + when.day / days) / 12


def _ratio_text(rate: float, share: float, ratio: float, lamp: str) -> str:
    return f"完成{percent(rate)}，序时进度{percent(share)}，进度比{fmt(round(ratio, 2))}，{LIGHT_LABELS[lamp]}"


def monitor_progress(form: Form, ctx: Context) -> MonitorScore:
    pack = ctx.pack
    b = form.budget
    t = elapsed_share(b.as_of, ctx)
    base = b.full_year if b.full_year is not None else b.initial
    budget_rate = budget_ratio = budget_light = None
    if t is None or t <= 0:
        budget_explain = "未填写或无法识别监控日期，无法计算序时进度"
    elif base is None or base <= 0:
        budget_explain = "未填写预算数，无法计算预算执行进度"
    elif b.executed_to_date is None:
        budget_explain = "未填写1—N月执行数，无法计算预算执行进度"
    else:
        budget_rate = max(b.executed_to_date, 0.0) / base
        budget_ratio = budget_rate / t
        budget_light = light(budget_ratio, pack)
        budget_explain = "预算执行" + _ratio_text(budget_rate, t, budget_ratio, budget_light)
    items = []
    for i, ind in enumerate(form.indicators):
        rate = ratio = lamp = None
        target, progress = ctx.parse(ind.target), ctx.parse(ind.progress)
        op = target.op
        if target.kind is ValueKind.NOT_APPLICABLE:
            explain = "不适用"
        elif target.kind is not ValueKind.NUMBER or (ind.direction or "").strip() == "定性":
            explain = "非数值指标，不计算进度比"
        elif (ind.direction or op or "≥").strip() in ("≤", "<", "<=", "反向", "逆向"):
            explain = "逆向指标不按序时进度计算进度比"
        elif not ind.direction and op is None and (inferred := infer_direction(pack.direction, ind.name,
                                                                                (ind.unit, target.unit)))[0] == "≤":
            explain = f"逆向指标不按序时进度计算进度比（目标未写比较方式，{inferred[1]}）"
        elif progress.kind is not ValueKind.NUMBER:
            explain = "未填写或无法识别1—N月完成值，无法计算进度比"
        elif t is None or t <= 0:
            explain = "未填写或无法识别监控日期，无法计算序时进度"
        else:
            cmp = align(target, progress, ind.unit)
            if cmp.problem or not cmp.target or cmp.actual is None or cmp.target <= 0:
                explain = cmp.problem or "指标值为0，无法计算进度比"
            else:
                rate = max(cmp.actual, 0.0) / cmp.target
                ratio = rate / t
                lamp = light(ratio, pack)
                explain = _ratio_text(rate, t, ratio, lamp)
        items.append(ProgressItem(i, ind.name, rate, ratio, lamp, explain))
    return MonitorScore(b.as_of, t, budget_rate, budget_ratio, budget_light, budget_explain, tuple(items))
