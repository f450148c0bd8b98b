from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register
from perfxl.scoring.rounding import percent

# Words that show a deviation text is about the money (the 10号 form has no separate budget explanation).
_BUDGET_WORDS = ("预算", "资金", "执行", "拨付", "支付", "结转", "结余", "经费")


@register
class LowExecutionUnexplained(Rule):
    """检查内容：预算执行率低于规则包设定的比例（默认90%，[budget] explain_below_rate）时，
    是否说明了原因（写在偏差原因分析中，或表单附加的预算执行说明 extra.budget_deviation）。

    为什么重要：执行率偏低说明资金没有按计划使用，可能形成结转结余或影响目标完成；
    评价和下年度预算安排都要求说明原因和改进措施。

    错误示例：执行率 72%，偏差原因分析各栏均为空。

    正确示例：在偏差原因分析中写明“受工程招标延期影响，部分资金未能在年内支付，已结转下年使用”。

    依据：财预〔2020〕10号 第十二条、附1（偏差原因分析）；执行率低于90%须说明原因为四川等地做法。
    """

    code = "B107"
    name = "low-execution-unexplained"
    title = "执行率偏低未说明原因"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "预算执行率 {rate}，低于 {floor}，未说明原因"
    hint = "在偏差原因分析中说明资金未执行的原因和改进措施"

    def check(self, ctx):
        budget = ctx.score.budget
        rate = budget.execution_rate
        floor = ctx.pack.explain_below_rate
        if rate is None or rate >= floor - 1e-12:
            return
        form = ctx.form
        extra = form.extra if isinstance(form.extra, dict) else {}
        if not blank(extra.get("budget_deviation")):
            return
        for ind in form.indicators:
            text = (ind.deviation or "") + (ind.remark or "")
            if any(w in text for w in _BUDGET_WORDS):
                return
        yield self.finding(ctx, "budget.rate", rate=percent(rate), floor=percent(floor))
