from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._cross import CHECKED_KINDS, match
from perfxl.rules.helpers import fmt, ind_label
from perfxl.rules.registry import register


@register
class GoalWeightChanged(Rule):
    """检查内容：（提供了目标申报表且申报表填了分值时）本表各指标的分值是否与申报表一致。

    为什么重要：事后把分值从未完成的指标挪到已完成的指标，会抬高总分；分值应在申报时确定。

    错误示例：申报“项目完工时间”分值 10，自评表改为 5，另一已完成指标由 10 改为 15。

    正确示例：自评表分值与申报表一致。

    依据：财预〔2020〕10号 第十一条、附1（指标分值在设定绩效目标时确定）。
    """

    code = "X404"
    name = "goal-weight-changed"
    title = "分值与申报表不一致"
    severity = Severity.WARNING
    kinds = CHECKED_KINDS
    message = "“{name}”的分值 {weight} 与申报表的 {declared} 不一致"
    hint = "按申报表的分值 {declared} 填写，或说明调整依据"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        found = match(ctx)
        if found is None:
            return
        goal = ctx.goal_form
        tol = self.option(ctx, "tolerance")
        for i, j in found.pairs:
            ind, declared = ctx.form.indicators[i], goal.indicators[j]
            if ind.weight is None or declared.weight is None:
                continue
            if abs(ind.weight - declared.weight) > tol:
                yield self.finding(ctx, f"indicators[{i}].weight", name=ind_label(ind, i), weight=fmt(ind.weight),
                                   declared=fmt(declared.weight))
