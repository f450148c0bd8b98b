from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class ActualQualitativeForQuantitative(Rule):
    """检查内容：指标值是数值（如“≥3所”）而实际完成值只写了“已完成”“达标”等定性表述的，予以提示。

    为什么重要：定量指标应填写实际数值，才能看出完成程度；只写“已完成”时 perfxl 按定性档次计分，
    审核时无法核实。

    错误示例：“维修改造学校数量”指标值“≥3所”，实际完成值“已完成”。

    正确示例：实际完成值“3所”。

    依据：财预〔2020〕10号 附1（定量指标按实际完成值与指标值比较计分）。
    """

    code = "S218"
    name = "actual-qualitative-for-quantitative"
    title = "定量指标只写了定性完成情况"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”指标值为数值“{target}”，实际完成值只写了“{actual}”"
    hint = "填写实际完成的数值（单位与指标值一致）"

    def check(self, ctx):
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.problem_code == "actual_qualitative":
                ind = indicators[item.index]
                yield self.finding(ctx, f"indicators[{item.index}].actual", name=ind_label(ind, item.index),
                                   target=(ind.target or "").strip(), actual=(ind.actual or "").strip())
