from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class UnitMismatch(Rule):
    """检查内容：实际完成值与指标值能否换算到同一计量单位比较（如“万元”与“元”可以换算，
    “天”与“%”、日期与数字不能）。

    为什么重要：单位不一致的两个数无法比较，该指标不能计分；这通常是实际完成值写错了单位，
    或把另一个指标的数填到了这一行。

    错误示例：指标值“≤30天”，实际完成值“95%”。

    正确示例：实际完成值“25天”（或只填“25”，单位见计量单位列）。

    依据：财预〔2020〕10号 附1（实际完成值与指标值对照计分）。
    """

    code = "S213"
    name = "unit-mismatch"
    title = "计量单位无法换算"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”的实际完成值“{actual}”与指标值“{target}”无法比较：{problem}"
    hint = "按指标值的计量单位填写实际完成值"

    def check(self, ctx):
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.problem_code == "unit_mismatch":
                ind = indicators[item.index]
                yield self.finding(ctx, f"indicators[{item.index}].actual", name=ind_label(ind, item.index),
                                   actual=(ind.actual or "").strip(), target=(ind.target or "").strip(),
                                   problem=item.problem or "计量单位不一致")
