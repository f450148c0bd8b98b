from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register

_PATHS = {"budget_missing": "budget.full_year", "budget_zero": "budget.full_year", "executed_missing": "budget.executed"}
_WHAT = {"budget_missing": "未填写全年预算数", "budget_zero": "全年预算数为零或负数", "executed_missing": "未填写全年执行数"}


@register
class BudgetMissing(Rule):
    """检查内容：自评表“年度资金总额”行的全年预算数、全年执行数是否填写且预算数大于零。

    为什么重要：预算执行率 = 全年执行数 ÷ 全年预算数，是自评的第一项得分（默认10分）。缺少或为零时
    无法计算执行率，perfxl 不会用假设的数代替，该项不得分。

    错误示例：全年预算数留空，或填 0。

    正确示例：全年预算数 150.00（万元），全年执行数 141.30（万元），执行率 94.20%。

    依据：财预〔2020〕10号《项目支出绩效评价管理办法》附1 项目支出绩效自评表。
    """

    code = "B101"
    name = "budget-amount-missing"
    title = "预算数或执行数缺失"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "{what}，无法计算预算执行率，预算执行得分为空"
    hint = "在“年度资金总额”行填写全年预算数（调整后，含结转）和全年执行数，单位万元"

    def check(self, ctx):
        code = ctx.score.budget.problem_code
        if code in _PATHS:
            yield self.finding(ctx, _PATHS[code], what=_WHAT[code])
