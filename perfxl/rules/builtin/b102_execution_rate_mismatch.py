import re

from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class ExecutionRateMismatch(Rule):
    """检查内容：表中填写的执行率是否等于 全年执行数 ÷ 全年预算数。

    为什么重要：公开的自评表中执行率笔误很常见；执行率决定预算执行得分，必须由金额算出，
    perfxl 以金额重新计算，不采用表中填写的执行率。

    错误示例：全年预算数 150，全年执行数 141.3，执行率填 98.5%。

    正确示例：执行率填 94.2%（141.3 ÷ 150）。

    依据：财预〔2020〕10号 附1：执行率 = 全年执行数 / 全年预算数。
    """

    code = "B102"
    name = "execution-rate-mismatch"
    title = "执行率与执行数、预算数不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "执行率填写为 {shown}，但按金额计算应为 {computed}（全年执行数 ÷ 全年预算数）"
    hint = "将执行率改为 {computed}，或核对全年预算数和全年执行数"
    options = {"tolerance": 0.0005}  # as a fraction: 0.05 percentage points, i.e. rounding to 0.1%

    def check(self, ctx):
        budget = ctx.score.budget
        if budget.self_rate is None or budget.execution_rate is None or ctx.is_formula("budget.rate"):
            return  # S215 reports formula results
        # a rate printed to fewer decimals ("60%" for 59.58%) is compared at its own precision
        printed = _printed_precision(ctx.form.budget.rate)
        tolerance = max(self.option(ctx, "tolerance"), 0.5 * 10 ** -(printed + 2) + 1e-9) if printed is not None \
            else self.option(ctx, "tolerance")
        if abs(budget.self_rate - budget.execution_rate) > tolerance:
            yield self.finding(ctx, "budget.rate", shown=f"{budget.self_rate:.2%}",
                               computed=f"{budget.execution_rate:.2%}")


def _printed_precision(rate: object) -> int | None:
    """Decimals of a percentage as printed ("60%" → 0, "59.6%" → 1); None when not written as a percentage."""
    if not isinstance(rate, str) or "%" not in rate:
        return None
    number = re.search(r"\d+(?:\.(\d+))?\s*%", rate)
    return len(number.group(1) or "") if number else None
