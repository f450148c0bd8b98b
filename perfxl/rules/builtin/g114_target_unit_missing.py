from perfxl.domain import Severity
from perfxl.domain.values import ValueKind, is_not_applicable
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class TargetUnitMissing(Rule):
    """检查内容：定量指标的指标值是否有计量单位（写在指标值中，或填在“计量单位”列）。

    为什么重要：“≥3”是3所、3个还是3万元？没有单位就无法核对实际完成值，也无法在单位不同时
    （万元与元）正确换算。

    错误示例：“新建道路长度”指标值“≥12.5”，计量单位空白。

    正确示例：指标值“≥12.5”，计量单位“公里”；或指标值直接写“≥12.5公里”。

    依据：财预〔2015〕88号 附件申报表（指标值及计量单位）；财预〔2021〕101号（度量单位）。
    """

    code = "G114"
    name = "target-unit-missing"
    title = "指标值缺计量单位"
    severity = Severity.WARNING
    message = "“{name}”的指标值“{target}”没有计量单位"
    hint = "在“计量单位”列填写单位（如 %、所、人次、天、公里、万元）"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target):
                continue
            if ind.unit and ind.unit.strip() and not is_not_applicable(ind.unit):
                continue
            value = ctx.parse(ind.target)
            if value.kind in (ValueKind.NUMBER, ValueKind.RANGE) and not value.unit:
                yield self.finding(ctx, f"indicators[{i}].unit", name=ind_label(ind, i), target=ind.target.strip())
