from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._cross import CHECKED_KINDS, match
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class IndicatorNotInGoal(Rule):
    """检查内容：（提供了目标申报表时）本表中是否有申报表没有的三级指标。

    为什么重要：自评时新增容易完成的指标，会稀释未完成指标的影响；新增指标应有依据。
    名称改动（如“培训人次”改为“培训人数”）也会被当作新增，请与申报表保持一致。

    错误示例：自评表新增“宣传报道篇数 ≥5篇”，申报表中没有。

    正确示例：只列申报表中的指标；确需新增的，在偏差原因分析中说明依据。

    依据：财预〔2020〕10号 第十一条（单位自评指标是预算批复时确定的绩效指标）。
    """

    code = "X403"
    name = "indicator-not-in-goal"
    title = "本表指标不在申报表中"
    severity = Severity.WARNING
    kinds = CHECKED_KINDS
    message = "指标“{name}”不在申报表中"
    hint = "核对指标名称是否与申报表一致；新增指标请说明依据"

    def check(self, ctx):
        found = match(ctx)
        if found is None:
            return
        for i in found.added:
            yield self.finding(ctx, f"indicators[{i}].name", name=ind_label(ctx.form.indicators[i], i))
