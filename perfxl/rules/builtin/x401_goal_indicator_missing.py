from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._cross import CHECKED_KINDS, match
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class GoalIndicatorMissing(Rule):
    """检查内容：（提供了目标申报表时）申报表中的每个三级指标，是否都出现在自评表或监控表中。

    为什么重要：自评和监控应对照批复的绩效目标逐项进行；删去未完成的指标再自评，会使得分虚高，
    属于评价中重点关注的问题。

    错误示例：申报表有“项目完工时间”，自评表中没有这一指标。

    正确示例：自评表逐项列出申报表的全部指标；确需调整的，附上经批准的调整文件。

    依据：财预〔2020〕10号 第十一条（单位自评指标是预算批复时确定的绩效指标）；
    财预〔2019〕136号（对照绩效目标开展监控）。
    """

    code = "X401"
    name = "goal-indicator-missing"
    title = "申报的指标在本表中缺失"
    severity = Severity.ERROR
    kinds = CHECKED_KINDS
    message = "申报表中的指标“{name}”（{level}，指标值“{target}”）在本表中缺失"
    hint = "补充“{name}”一行，按申报的指标值填写完成情况；经批准调整的请附说明"

    def check(self, ctx):
        found = match(ctx)
        if found is None:
            return
        goal = ctx.goal_form
        for j in found.missing:
            ind = goal.indicators[j]
            level = "—".join(x for x in (ind.level1, ind.level2) if x) or "未填一级、二级指标"
            yield self.finding(ctx, "indicators", name=ind_label(ind, j), level=level,
                               target=(ind.target or "").strip())
