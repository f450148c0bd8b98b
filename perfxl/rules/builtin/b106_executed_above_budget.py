from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import amount
from perfxl.rules.registry import register


@register
class ExecutedAboveBudget(Rule):
    """检查内容：执行数是否超过预算数：自评表的全年执行数不应大于全年预算数；监控表的1—N月执行数、
    全年预计执行数不应大于全年预算数。

    为什么重要：支出超过预算属于无预算、超预算支出，须说明资金来源并依法调整预算；
    更常见的是预算数没有按调整后的数（含结转）填写。执行率超过100%时只按100%计分。

    错误示例：全年预算数 150 万元，全年执行数 168 万元。

    正确示例：全年预算数填调整后预算（含上年结转）168 万元，全年执行数 168 万元，执行率 100%。

    依据：《中华人民共和国预算法》第十三条（经批准的预算，未经法定程序不得调整；各级政府、各部门、
    各单位的支出必须以经批准的预算为依据）；财预〔2020〕10号 附1。
    """

    code = "B106"
    name = "executed-above-budget"
    title = "执行数超过预算数"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL, FormKind.PROJECT_MONITOR})
    message = "{what} {done} 超过全年预算数 {budget}"
    hint = "核对全年预算数是否为调整后预算（含上年结转），或核对执行数"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        b = ctx.form.budget
        cu = b.currency_unit or "万元"
        tol = self.option(ctx, "tolerance")
        if ctx.form.kind is FormKind.PROJECT_MONITOR:
            base = b.full_year if b.full_year is not None else b.initial
            if base is None or base <= 0:
                return
            for attr, what in (("executed_to_date", "1—N月执行数"), ("forecast", "全年预计执行数")):
                done = getattr(b, attr)
                if done is not None and done > base + tol + 1e-9:
                    yield self.finding(ctx, f"budget.{attr}", what=what, done=amount(done, cu), budget=amount(base, cu))
            return
        if ctx.score.budget.problem_code == "over_budget" and b.executed - b.full_year > tol + 1e-9:
            yield self.finding(ctx, "budget.executed", what="全年执行数", done=amount(b.executed, cu),
                               budget=amount(b.full_year, cu))
