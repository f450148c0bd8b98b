from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class NegativeActual(Rule):
    """检查内容：定量指标的实际完成值是否为负数。

    为什么重要：数量、比率、时长等实际完成值一般不会为负；负数多为把“减少量”填成了完成值。
    perfxl 评分时按0计算。增长率等确可为负的，请核实后在偏差原因中说明。

    错误示例：“带动就业人数”实际完成值“-20”。

    正确示例：实际完成值填实际带动就业的人数“180”。

    依据：财预〔2020〕10号 附1（实际完成值按实际情况填写）；负数按0计为 perfxl 的处理方式。
    """

    code = "S212"
    name = "negative-actual"
    title = "实际完成值为负数"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”的实际完成值“{actual}”为负数，评分时按0计算"
    hint = "核对实际完成值；确为负数（如负增长）的，在偏差原因分析中说明"

    def check(self, ctx):
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.problem_code == "negative_actual":
                ind = indicators[item.index]
                yield self.finding(ctx, f"indicators[{item.index}].actual", name=ind_label(ind, item.index),
                                   actual=(ind.actual or "").strip())
