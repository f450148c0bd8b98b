from perfxl.domain import Severity
from perfxl.domain.paths import BUDGET_LABELS, TASK_LABELS
from perfxl.rules.base import Rule
from perfxl.rules.helpers import amount
from perfxl.rules.registry import register

_AMOUNTS = ("initial", "full_year", "executed", "fiscal", "carryover", "other", "midterm_total", "midterm_fiscal",
            "midterm_other", "executed_to_date", "forecast")


@register
class NegativeAmount(Rule):
    """检查内容：预算金额（预算数、执行数、各资金来源、任务金额）是否为负数。

    为什么重要：预算金额不会是负数；负数多为把“减少额”或冲销数填进了金额栏，会使合计和执行率失真。
    （自评表全年预算数为零或负数另见 B101。）

    错误示例：上年结转资金填“-12.5”。

    正确示例：上年结转资金填“12.5”；没有结转的填“0”。

    依据：财预〔2020〕10号 附1；财预〔2015〕88号 附件申报表。
    """

    code = "B108"
    name = "negative-amount"
    title = "金额为负数"
    severity = Severity.ERROR
    message = "{field}为负数（{value}）"
    hint = "金额应为非负数，请核对后改正"

    def check(self, ctx):
        form = ctx.form
        b = form.budget
        cu = b.currency_unit or "万元"
        selfeval = form.kind.is_selfeval
        for attr in _AMOUNTS:
            value = getattr(b, attr)
            if value is not None and value < 0 and not (selfeval and attr == "full_year"):
                yield self.finding(ctx, f"budget.{attr}", field=BUDGET_LABELS[attr], value=amount(value, cu))
        for i, task in enumerate(form.tasks):
            for attr in ("total", "fiscal", "other"):
                value = getattr(task, attr)
                if value is not None and value < 0:
                    name = task.name.strip() if task.name and task.name.strip() else f"第{i + 1}项任务"
                    yield self.finding(ctx, f"tasks[{i}].{attr}", field=f"任务“{name}”的{TASK_LABELS[attr]}",
                                       value=amount(value, cu))
