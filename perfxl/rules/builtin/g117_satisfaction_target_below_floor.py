from perfxl.domain import Severity
from perfxl.domain.values import ValueKind
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, fmt, ind_label, is_satisfaction
from perfxl.rules.registry import register


@register
class SatisfactionTargetBelowFloor(Rule):
    """检查内容：满意度指标的指标值是否不低于规则包设定的下限（默认80%，[goals] satisfaction_floor）。

    为什么重要：满意度目标定得过低（如“≥60%”），等于预先接受多数服务对象不满意，
    审核时属于目标“适当性”问题。

    错误示例：“服务对象满意度”指标值“≥60%”。

    正确示例：“服务对象满意度”指标值“≥90%”。

    依据：财预〔2015〕88号 第十九条（适当性审核）；下限为 perfxl 默认设置，可在规则包中调整。
    """

    code = "G117"
    name = "satisfaction-target-below-floor"
    title = "满意度指标值偏低"
    severity = Severity.WARNING
    message = "“{name}”的指标值“{target}”低于满意度目标下限 {floor}%"
    hint = "满意度指标值一般不低于 {floor}%，请提高目标或说明理由"

    def check(self, ctx):
        floor = ctx.pack.satisfaction_floor
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target) or not is_satisfaction(ctx, i):
                continue
            value = ctx.parse(ind.target)
            if value.kind is not ValueKind.NUMBER or value.number is None or value.op in ("≤", "<"):
                continue
            number = value.number
            if value.unit is None and number <= 1 and (ind.unit or "").strip() in ("%", ""):
                number *= 100  # "≥0.9" written as a fraction
            elif (value.unit or (ind.unit or "").strip()) not in ("%", ""):
                continue
            if number < floor - 1e-9:
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i), target=ind.target.strip(),
                                   floor=fmt(floor))
