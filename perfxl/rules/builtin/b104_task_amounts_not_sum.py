from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import amount, close
from perfxl.rules.registry import register

_COLUMNS = (("total", "full_year", "预算金额总额"), ("fiscal", "fiscal", "财政拨款"), ("other", "other", "其他资金"))


@register
class TaskAmountsNotSum(Rule):
    """检查内容：部门整体目标申报表“年度主要任务”中，每项任务的总额是否等于财政拨款 + 其他资金，
    各任务金额之和是否等于“金额合计”。

    为什么重要：金额合计即部门年度预算资金总额，是审核目标与资金是否匹配的依据；
    任务金额与合计对不上，说明漏填任务或金额有误。

    错误示例：三项任务总额合计 1,250 万元，金额合计填 1,300 万元。

    正确示例：金额合计 1,250 万元 = 各项任务总额之和；每项任务总额 = 其财政拨款 + 其他资金。

    依据：部门（单位）整体支出绩效目标申报表（各地通行格式，年度主要任务—预算金额：总额、财政拨款、其他资金）。
    """

    code = "B104"
    name = "task-amounts-not-sum"
    title = "任务金额合计不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.DEPT_GOAL})
    message = "{what}为 {shown}，但{parts}之和为 {sum}"
    hint = "核对各项任务金额和金额合计，使合计等于各项任务之和、每项任务总额等于财政拨款加其他资金"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        form = ctx.form
        b = form.budget
        cu = b.currency_unit or "万元"
        tol = self.option(ctx, "tolerance")
        for i, task in enumerate(form.tasks):
            if task.total is None or (task.fiscal is None and task.other is None):
                continue
            s = (task.fiscal or 0.0) + (task.other or 0.0)
            if not close(task.total, s, tol):
                name = task.name.strip() if task.name and task.name.strip() else f"第{i + 1}项任务"
                yield self.finding(ctx, f"tasks[{i}].total", what=f"任务“{name}”的总额", shown=amount(task.total, cu),
                                   parts="其财政拨款与其他资金", sum=amount(s, cu))
        if not form.tasks:
            return
        for attr, budget_attr, label in _COLUMNS:
            total = getattr(b, budget_attr)
            values = [getattr(t, attr) for t in form.tasks]
            if total is None or all(v is None for v in values):
                continue
            s = sum(v for v in values if v is not None)
            if not close(total, s, tol):
                yield self.finding(ctx, f"budget.{budget_attr}", what=f"金额合计（{label}）", shown=amount(total, cu),
                                   parts=f"各项任务{label}", sum=amount(s, cu))
