from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class MonitorBudgetMissing(Rule):
    """检查内容：监控表是否填写了全年预算数（或年初预算数）和1—N月执行数，且预算数大于零。

    为什么重要：预算执行进度 = 1—N月执行数 ÷ 全年预算数；缺少任一数字就无法判断执行是否滞后。

    错误示例：1—N月执行数空白。

    正确示例：全年预算数 300.00，1—6月执行数 156.20（万元）。

    依据：财预〔2019〕136号 附件监控表（项目资金：年初预算数、1—N月执行数、1—N月执行率）。
    """

    code = "M308"
    name = "monitor-budget-missing"
    title = "监控表预算数或执行数缺失"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "{what}，无法计算预算执行进度"
    hint = "在“年度资金总额”行填写全年预算数和1—N月执行数（万元）"

    def check(self, ctx):
        b = ctx.form.budget
        base = b.full_year if b.full_year is not None else b.initial
        if base is None:
            yield self.finding(ctx, "budget.full_year", what="未填写全年预算数")
        elif base <= 0:
            yield self.finding(ctx, "budget.full_year", what="全年预算数为零或负数")
        if b.executed_to_date is None:
            yield self.finding(ctx, "budget.executed_to_date", what="未填写1—N月执行数")
