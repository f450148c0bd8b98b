from perfxl.domain import Severity
from perfxl.domain.paths import describe_path
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring.guard import AMOUNT_LIMIT, POINTS_LIMIT, all_usable, usable

_BUDGET_POINTS = ("weight", "score")
_BUDGET_AMOUNTS = ("initial", "full_year", "executed", "fiscal", "carryover", "other", "midterm_total",
                   "midterm_fiscal", "midterm_other", "executed_to_date", "forecast")
_TASK_AMOUNTS = ("total", "fiscal", "other")


def _fine(form, b, indicators) -> bool:
    """The common case, cheaply: every number within its limit (NaN fails every comparison)."""
    lo, hi = -POINTS_LIMIT, POINTS_LIMIT
    big = AMOUNT_LIMIT
    try:
        for x in (b.weight, b.score, form.total):
            if x is not None and not lo <= x <= hi:
                return False
        for ind in indicators:
            w, s = ind.weight, ind.score
            if (w is not None and not lo <= w <= hi) or (s is not None and not lo <= s <= hi):
                return False
        for x in (b.initial, b.full_year, b.executed, b.fiscal, b.carryover, b.other, b.midterm_total,
                  b.midterm_fiscal, b.midterm_other, b.executed_to_date, b.forecast):
            if x is not None and not -big <= x <= big:
                return False
    except TypeError:
        return False
    return not form.tasks or all_usable([getattr(t, k) for t in form.tasks for k in _TASK_AMOUNTS], AMOUNT_LIMIT)


def _shown(x: float) -> str:
    if x != x:
        return "NaN（非数值）"
    if x in (float("inf"), float("-inf")):
        return "无穷大" if x > 0 else "负无穷大"
    return f"{x:g}"


@register
class NumberOutOfRange(Rule):
    """检查内容：金额、分值、得分、总分等数字单元格是否为合理的有限数值：不能是无穷大、非数值（NaN），
    分值和得分不超过一百万，金额不超过十万亿（1e13）。这类数值多由公式错误、单位错位或误输入产生。

    为什么重要：这样的数值无法参与计算（相加会溢出），perfxl 不使用它：分值、得分按未填写处理，
    预算执行不计分，并在此指出所在单元格。

    错误示例：全年预算数为 1E+308；某指标分值为 #NUM! 计算出的无穷大。

    正确示例：全年预算数 150.5（万元）；分值 10。

    依据：财预〔2020〕10号 附1（金额以万元为单位填列，分值合计100分）。
    """

    code = "S220"
    name = "number-out-of-range"
    title = "数值超出合理范围"
    severity = Severity.ERROR
    message = "{field}的数值 {value} 超出合理范围，无法参与计算"
    hint = "核对该单元格的数值、单位和公式"

    def check(self, ctx):
        form = ctx.form
        b = form.budget
        indicators = form.indicators
        if _fine(form, b, indicators):
            return
        checks = [(f"budget.{k}", getattr(b, k), POINTS_LIMIT) for k in _BUDGET_POINTS]
        checks += [(f"budget.{k}", getattr(b, k), AMOUNT_LIMIT) for k in _BUDGET_AMOUNTS]
        checks.append(("total", form.total, POINTS_LIMIT))
        for i, ind in enumerate(form.indicators):
            checks.append((f"indicators[{i}].weight", ind.weight, POINTS_LIMIT))
            checks.append((f"indicators[{i}].score", ind.score, POINTS_LIMIT))
        for i, task in enumerate(form.tasks):
            checks += [(f"tasks[{i}].{k}", getattr(task, k), AMOUNT_LIMIT) for k in _TASK_AMOUNTS]
        for path, value, limit in checks:
            if not usable(value, limit):
                yield self.finding(ctx, path, field=describe_path(path, form), value=_shown(value))
