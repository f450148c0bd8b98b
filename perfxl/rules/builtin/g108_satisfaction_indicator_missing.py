from perfxl.domain import FormKind, Severity
from perfxl.domain.hierarchy import SATISFACTION
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, levels
from perfxl.rules.registry import register


@register
class SatisfactionIndicatorMissing(Rule):
    """检查内容：申报的绩效目标是否设有满意度指标（服务对象满意度指标）。

    为什么重要：有服务对象的项目应当设置满意度指标（自评占10分）；没有设置时，自评时这10分要转给
    产出和效益指标。确无服务对象的项目（如内部运转）可以不设，所以只作警告。

    错误示例：面向学生的资助项目没有“受助学生满意度”指标。

    正确示例：满意度指标—服务对象满意度指标—“受助学生满意度 ≥90%”。

    依据：财预〔2015〕88号 第十条（满意度）；财预〔2020〕10号 附1（满意度指标10分）。
    """

    code = "G108"
    name = "satisfaction-indicator-missing"
    title = "缺少满意度指标"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL})
    message = "未设置满意度指标"
    hint = "有服务对象的，增加“满意度指标—服务对象满意度指标”，如“服务对象满意度 ≥90%”；确无服务对象的请在备注中说明"

    def check(self, ctx):
        if not ctx.form.indicators:
            return
        if not any(lv == SATISFACTION and not blank(ind.name)
                   for ind, lv in zip(ctx.form.indicators, levels(ctx), strict=True)):
            yield self.finding(ctx, "indicators")
