from perfxl.domain import Severity
from perfxl.domain.values import ValueKind, parse_direction
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register
from perfxl.scoring.judge import infer_direction


@register
class TargetOperatorMissing(Rule):
    """检查内容：定量指标的指标值是否写明了比较方式（≥、≤、=），或在“指标性质”列选择了比较方式。

    为什么重要：“95%”既可能是“不低于95%”，也可能是“不高于95%”；比较方式决定达标与否和计分方法。
    没有写明时 perfxl 按指标名称和计量单位推断：名称含“受害率”“发生率”“投诉率”“成本”“费用”“时限”等、
    或计量单位为天、工作日、小时的按越低越好（≤），其余按正向指标（≥）计分（词表见规则包
    [scoring.direction]），但审核时应补全；自评得分只在推断方向下与规则不符的，S201 只作警告。

    错误示例：“资金拨付时限”指标值写“30天”，没有写“≤”。

    正确示例：“资金拨付时限”写“≤30天”；“工程验收合格率”写“≥95%”。

    依据：财预〔2015〕88号 第十一条（指标应清晰、可衡量）；财预〔2021〕101号（指标值应明确比较方式）。
    """

    code = "G112"
    name = "target-operator-missing"
    title = "指标值未写比较方式"
    severity = Severity.WARNING
    message = "“{name}”的指标值“{target}”没有写明比较方式（≥、≤ 或 =），perfxl {inferred}"
    hint = "在指标值前加上比较方式，如“{op}{target}”，或在“指标性质”列选择"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target) or (ind.direction and parse_direction(ind.direction)):
                continue
            value = ctx.parse(ind.target)
            if value.kind is ValueKind.NUMBER and value.op is None:
                op, reason = infer_direction(ctx.pack.direction, ind.name, (ind.unit, value.unit))
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i), target=ind.target.strip(),
                                   inferred=reason, op=op)
