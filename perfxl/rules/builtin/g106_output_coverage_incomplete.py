from perfxl.domain import FormKind, Severity
from perfxl.domain.hierarchy import COST, OUTPUT
from perfxl.rules.base import Rule
from perfxl.rules.helpers import compact, levels
from perfxl.rules.registry import register


@register
class OutputCoverageIncomplete(Rule):
    """检查内容：产出指标是否同时包含数量指标、质量指标，以及时效指标或成本指标。

    为什么重要：只有数量没有质量、时效或成本的产出目标，无法判断钱花得好不好、快不快、省不省，
    审核时会被要求补充。

    错误示例：产出指标下只有“维修改造学校数量 ≥3所”一项数量指标。

    正确示例：产出指标包括“维修改造学校数量 ≥3所”（数量）、“工程验收合格率 ≥95%”（质量）、
    “项目完工时间 2024年12月31日前”（时效）。

    依据：财预〔2015〕88号 第十条、第十一条（绩效指标包括产出的数量、质量、时效、成本等）；
    财预〔2021〕101号（产出指标应设数量、质量、时效指标）。
    """

    code = "G106"
    name = "output-coverage-incomplete"
    title = "产出指标类别不全"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL})
    message = "产出指标缺少{missing}"
    hint = "在产出指标下补充{missing}，使产出目标同时反映数量、质量和时效（或成本）"

    def check(self, ctx):
        level2 = set()
        has_cost_level1 = False
        any_output = False
        for ind, level1 in zip(ctx.form.indicators, levels(ctx), strict=True):
            if level1 == OUTPUT:
                any_output = True
                label = compact(ind.level2)
                level2.add(label if label.endswith("指标") else label + "指标")
            elif level1 == COST:
                has_cost_level1 = True
        if not any_output:
            return  # G107 reports a missing 产出指标
        missing = [name for name in ("数量指标", "质量指标") if name not in level2]
        if not ({"时效指标", "成本指标"} & level2 or has_cost_level1):
            missing.append("时效指标或成本指标")
        if missing:
            yield self.finding(ctx, "indicators", missing="、".join(missing))
