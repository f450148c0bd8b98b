from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class TotalNotSum(Rule):
    """检查内容：表中的总分是否等于预算执行得分与各指标自评得分之和。

    为什么重要：总分加错是公开自评表中最常见的错误之一，会直接影响评价等级和排名。

    错误示例：各项自评得分合计 92.5，总分填 95。

    正确示例：总分 = 预算执行得分 + Σ 指标得分 = 92.5。

    依据：财预〔2020〕10号 附1：总分为预算执行率得分与各项指标得分之和。
    """

    code = "S202"
    name = "total-not-sum-of-scores"
    title = "总分不等于各项得分之和"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "总分填写为 {shown}，但表中各项得分之和为 {sum}"
    hint = "将总分改为各项得分之和 {sum}，或核对各项得分"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        form = ctx.form
        if form.total is None or ctx.is_formula("total"):
            return  # a formula total is checked against the recomputation by S215
        parts = [ind.score for ind in form.indicators] + [form.budget.score]
        if all(p is None for p in parts):
            return
        total = sum(p for p in parts if p is not None)
        if abs(total - form.total) > self.option(ctx, "tolerance"):
            yield self.finding(ctx, "total", shown=f"{form.total:g}", sum=f"{round(total, 2):g}")
