from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class ActualMissing(Rule):
    """检查内容：自评表每个三级指标是否填写了实际完成值。

    为什么重要：没有实际完成值就无法判断指标是否完成，该指标按0分计。

    错误示例：“工程验收合格率”实际完成值一栏空白。

    正确示例：实际完成值填写 98%；确不适用的指标填“不适用”并说明原因。

    依据：财预〔2020〕10号 附1：实际完成值为必填项。
    """

    code = "S204"
    name = "actual-value-missing"
    title = "实际完成值未填"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”未填写实际完成值，该指标按0分计"
    hint = "填写实际完成值；确不适用的指标填“不适用”并在偏差原因中说明"

    def check(self, ctx):
        for item in ctx.score.indicators:
            if item.problem_code == "actual_missing":
                yield self.finding(ctx, f"indicators[{item.index}].actual", name=item.name or f"第{item.index + 1}个指标")
