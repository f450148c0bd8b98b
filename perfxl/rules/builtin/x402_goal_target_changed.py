from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._cross import CHECKED_KINDS, match, same_target
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class GoalTargetChanged(Rule):
    """检查内容：（提供了目标申报表时）本表各指标的指标值是否与申报表一致（部门整体自评表的“调整指标值”
    不在此列）。

    为什么重要：事后降低指标值再自评，会把未完成变成“完成”；指标值调整须按程序报批，
    并在自评中如实反映。

    错误示例：申报“培训人次 ≥8755人次”，自评表写“≥8000人次”。

    正确示例：自评表指标值“≥8755人次”，与申报一致；经批准调整的，在调整指标值中填写并附依据。

    依据：财预〔2020〕10号 第十一条；财预〔2015〕88号 第二十二条（绩效目标确定后，一般不予调整）。
    """

    code = "X402"
    name = "goal-target-changed"
    title = "指标值与申报表不一致"
    severity = Severity.ERROR
    kinds = CHECKED_KINDS
    message = "“{name}”的指标值“{target}”与申报表“{declared}”不一致"
    hint = "按申报的指标值“{declared}”填写；经批准调整的{how}"

    def check(self, ctx):
        found = match(ctx)
        if found is None:
            return
        goal = ctx.goal_form
        how = ("填在“调整指标值”栏并附依据" if ctx.form.kind.facts.adjusted_targets
               else "在偏差原因分析中说明调整依据")
        for i, j in found.pairs:
            ind, declared = ctx.form.indicators[i], goal.indicators[j]
            if not same_target(ctx, ind, declared):
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i),
                                   target=_show(ind), declared=_show(declared), how=how)


def _show(ind) -> str:
    text = (ind.target or "").strip() or "（空白）"
    unit = (ind.unit or "").strip()
    if unit and unit not in ("—", "%") and not text.endswith(unit):
        text += unit
    return text
