from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register

TEXTS = {
    FormKind.PROJECT_GOAL: (("annual", "年度目标"), ("midterm", "中期目标")),
    FormKind.DEPT_GOAL: (("annual", "年度总体目标"),),
    FormKind.PROJECT_MONITOR: (("annual", "年初设定目标"), ("progress", "1—N月执行情况")),
    FormKind.PROJECT_SELFEVAL: (("annual", "预期目标"), ("achieved", "实际完成情况")),
    FormKind.DEPT_SELFEVAL: (("annual", "年初绩效目标"), ("achieved", "全年目标实际完成情况")),
}


@register
class GoalTextMissing(Rule):
    """检查内容：总体目标文字是否填写：申报表的年度目标（填了中期资金的还须填中期目标），监控表的年初设定
    目标和1—N月执行情况，自评表的预期目标和实际完成情况。

    为什么重要：总体目标概括项目“要做成什么”，是设置绩效指标、审核目标和年终评价的出发点；
    自评时还要逐项对照说明完成情况。

    错误示例：申报表填了中期资金总额 900 万元，但“中期目标”一栏空白。

    正确示例：年度目标“目标1：完成3所学校校舍维修改造；目标2：资金拨付及时，师生满意度不低于90%。”

    依据：财预〔2015〕88号 第十条（绩效目标应包括预期产出、预期效果和满意度等）及附件申报表；
    财预〔2020〕10号 附1。
    """

    code = "G102"
    name = "goal-text-missing"
    title = "总体目标未填"
    severity = Severity.ERROR
    message = "总体目标“{field}”未填写"
    hint = "填写“{field}”：写明预期产出、预期效果和服务对象满意度等内容"

    def check(self, ctx):
        form = ctx.form
        goals = form.goals
        for attr, label in TEXTS[form.kind]:
            if attr == "midterm" and form.budget.midterm_total is None:
                continue  # annual-only declaration: no 中期 block
            if blank(getattr(goals, attr)):
                yield self.finding(ctx, f"goals.{attr}", field=label)
