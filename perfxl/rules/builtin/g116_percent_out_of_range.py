from perfxl.domain import Severity
from perfxl.domain.values import ValueKind
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, fmt, ind_label
from perfxl.rules.registry import register


@register
class PercentOutOfRange(Rule):
    """检查内容：以百分比表示的指标值是否在 0% 到 100% 之间。

    为什么重要：合格率、覆盖率、知晓率、满意度等比率不可能超过100%或为负数；这类指标值多为
    笔误（如把“95”写成“950%”）或把增长幅度误写成比率。增长率等确可超过100%的，请核实后保留。

    错误示例：“设备完好率”指标值“≥980%”。

    正确示例：“设备完好率”指标值“≥98%”。

    依据：财预〔2015〕88号 第十九条（审核绩效目标的适当性、可行性）。
    """

    code = "G116"
    name = "percent-out-of-range"
    title = "百分比超出0～100%"
    severity = Severity.WARNING
    message = "“{name}”的指标值“{target}”为 {value}%，超出 0%～100% 的范围"
    hint = "核对指标值；比率类指标应在 0%～100% 之间"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target):
                continue
            value = ctx.parse(ind.target)
            if value.kind not in (ValueKind.NUMBER, ValueKind.RANGE):
                continue
            unit = value.unit or (ind.unit.strip() if ind.unit else None)
            if unit != "%":
                continue
            for number in (value.number, value.high):
                if number is not None and (number < 0 or number > 100):
                    yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i),
                                       target=ind.target.strip(), value=fmt(number))
                    break
