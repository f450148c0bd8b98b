"""Budget execution score — 财预〔2020〕10号 附1 ✔: rate = 全年执行数 / 全年预算数; score = weight × min(rate, 1).

The budget is never made up: a missing or non-positive 全年预算数 gives no score and a problem code.
"""

from math import isfinite

from perfxl.config import RulePack
from perfxl.domain.model import Budget
from perfxl.scoring.guard import AMOUNT_LIMIT, POINTS_LIMIT, usable
from perfxl.scoring.results import BudgetScore
from perfxl.scoring.rounding import fmt, fmt_score, percent


def parse_rate(rate: str | float | None) -> float | None:
    """The form's 执行率 as a fraction: "94.2%" → 0.942, 94.2 → 0.942, 0.942 → 0.942.

    A bare number above 1.5 is read as a percentage (rates above 150% or below 1.5% are implausible).
    """
    if rate is None or isinstance(rate, bool):
        return None
    if isinstance(rate, int | float):
        value = float(rate)
        return value / 100 if abs(value) > 1.5 else value
    text = str(rate).strip().replace("％", "%").replace(",", "").replace("，", "")
    is_percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        return None
    if not isfinite(value):
        return None
    return value / 100 if is_percent or abs(value) > 1.5 else value


def score_budget(budget: Budget, pack: RulePack) -> BudgetScore:
    weight = budget.weight if budget.weight is not None and usable(budget.weight, POINTS_LIMIT) else pack.budget_weight
    self_rate = parse_rate(budget.rate)
    if self_rate is not None and not usable(self_rate, POINTS_LIMIT):
        self_rate = None
    self_score = budget.score if usable(budget.score, POINTS_LIMIT) else None
    full, done = budget.full_year, budget.executed
    cu = budget.currency_unit or ""
    if not usable(full, AMOUNT_LIMIT):
        problem, code = f"全年预算数“{full}”不是有效金额，无法计算预算执行率", "budget_invalid"
    elif not usable(done, AMOUNT_LIMIT):
        problem, code = f"全年执行数“{done}”不是有效金额，无法计算预算执行率", "budget_invalid"
    elif full is None:
        problem, code = "未填写全年预算数，无法计算预算执行率", "budget_missing"
    elif full <= 0:
        problem, code = f"全年预算数为{fmt(full)}{cu}，无法计算预算执行率", "budget_zero"
    elif done is None:
        problem, code = "未填写全年执行数，无法计算预算执行率", "executed_missing"
    else:
        problem = code = None
        note = ""
        if done < 0:
            problem, code = "全年执行数为负数，按0计算", "negative_executed"
            note = "（执行数为负，按0计）"
            done = 0.0
        rate = done / full
        score = weight * min(rate, 1.0)
        explain = (f"执行率{percent(rate)}（全年执行数{fmt(done)}{cu} ÷ 全年预算数{fmt(full)}{cu}），"
                   f"得{fmt_score(score, pack.decimals)}分{note}")
        if rate > 1 and code is None:
            problem, code = "全年执行数超过全年预算数，执行率按100%计分", "over_budget"
            explain += "（执行率超过100%，按100%计分）"
        elif rate < pack.explain_below_rate and code is None:
            problem = f"预算执行率低于{percent(pack.explain_below_rate)}，需说明原因"
            code = "low_rate"
        return BudgetScore(weight, rate, score, self_rate, self_score, explain, problem, code)
    return BudgetScore(weight, None, None, self_rate, self_score, f"{problem}，预算执行未计分", problem, code)
