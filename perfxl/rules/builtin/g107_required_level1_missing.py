from perfxl.domain import Severity
from perfxl.domain.hierarchy import EFFECT, OUTPUT
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, levels
from perfxl.rules.registry import register


@register
class RequiredLevel1Missing(Rule):
    """检查内容：表中是否设有产出指标和效益指标，且每个一级指标下至少有一个三级指标。

    为什么重要：产出和效益是绩效目标的主体（合计80分）；缺少任何一个，绩效目标不完整，
    审核时属于“完整性”问题，自评时该部分分值无从计算。

    错误示例：指标表只列了产出指标，没有任何效益指标。

    正确示例：产出指标下列数量、质量、时效指标，效益指标下列社会效益指标等，每个一级指标至少一个三级指标。

    依据：财预〔2015〕88号 第十条、第十九条（审核绩效目标的完整性）；财预〔2020〕10号 附1（产出50分、效益30分）。
    """

    code = "G107"
    name = "required-level1-missing"
    title = "缺少产出或效益指标"
    severity = Severity.ERROR
    message = "缺少“{level1}”：表中没有属于该一级指标的三级指标"
    hint = "在“{level1}”下至少设置一个三级指标，写明指标值和计量单位"

    def check(self, ctx):
        if not ctx.form.indicators:
            yield self.finding(ctx, "indicators", level1="产出指标、效益指标")
            return
        present = {lv for ind, lv in zip(ctx.form.indicators, levels(ctx), strict=True) if not blank(ind.name)}
        for level1 in (OUTPUT, EFFECT):
            if level1 not in present:
                yield self.finding(ctx, "indicators", level1=level1)
