from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._cross import CHECKED_KINDS, FOLLOWS
from perfxl.rules.helpers import blank, compact
from perfxl.rules.registry import register


@register
class GoalFormMismatch(Rule):
    """检查内容：（提供了目标申报表时）申报表是否就是本表对应的那一张：表单种类对应（项目自评/监控对应项目申报表，
    部门整体自评对应部门整体申报表），项目名称、单位和年度一致。

    为什么重要：拿错申报表比对，会报出大量“指标缺失”“指标值不一致”的假问题；批量核对时尤其容易配错。

    错误示例：用“学生资助补助经费”的申报表核对“校舍维修改造”的自评表。

    正确示例：同一项目、同一年度的申报表与自评表一起核对。

    依据：财预〔2020〕10号 第十一条（对照批复的绩效目标开展自评）。
    """

    code = "X405"
    name = "goal-form-mismatch"
    title = "申报表与本表不对应"
    severity = Severity.WARNING
    kinds = CHECKED_KINDS
    message = "所给目标申报表与本表不对应：{what}"
    hint = "使用本项目、本年度的目标申报表进行核对"

    def check(self, ctx):
        goal = ctx.goal_form
        if goal is None:
            return
        form = ctx.form
        if FOLLOWS[form.kind] is not goal.kind:
            yield self.finding(ctx, None, what=f"本表为“{form.title}”，所给的是“{goal.title}”（应为“{FOLLOWS[form.kind].title}”）")
            return
        problems = []
        for label, a, b in (("项目名称", form.project.name, goal.project.name), ("单位", form.unit.name, goal.unit.name)):
            if not blank(a) and not blank(b) and compact(a) != compact(b):
                problems.append(f"{label}“{a.strip()}”与“{b.strip()}”不同")
        if form.year is not None and goal.year is not None and form.year != goal.year:
            problems.append(f"年度 {form.year} 与 {goal.year} 不同")
        if problems:
            yield self.finding(ctx, None, what="；".join(problems))
