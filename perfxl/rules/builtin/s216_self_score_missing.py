from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register


@register
class SelfScoreMissing(Rule):
    """检查内容：自评表是否填写了自评得分：各三级指标的得分、预算执行得分和总分。
    （公式单元格没有计算结果的由 T006 报告。）

    为什么重要：自评要求单位对每项指标自行打分并汇总；缺少得分的自评表不完整，
    perfxl 仍会按规则计算得分，但无法与单位的自评比较。

    错误示例：各指标得分栏空白，只填了总分。

    正确示例：逐项填写得分，总分为预算执行得分与各指标得分之和。

    依据：财预〔2020〕10号 附1（分值、得分、总分栏）。
    """

    code = "S216"
    name = "self-score-missing"
    title = "自评得分未填"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "{what}未填写自评得分（按规则计算为 {computed} 分）"
    hint = "填写自评得分；perfxl 计算的得分仅供参考，请按实际情况核实"

    def check(self, ctx):
        form = ctx.form
        score = ctx.score
        decimals = ctx.pack.decimals
        from perfxl.scoring.rounding import fmt_score

        def shown(x):
            return "—" if x is None else fmt_score(x, decimals)

        if form.budget.score is None and score.budget.score is not None and not ctx.is_formula("budget.score"):
            yield self.finding(ctx, "budget.score", what="预算执行率", computed=shown(score.budget.score))
        for item in score.indicators:
            ind = form.indicators[item.index]
            path = f"indicators[{item.index}].score"
            if ind.score is None and item.applicable and ind.weight and not ctx.is_formula(path):
                yield self.finding(ctx, path, what=f"“{ind_label(ind, item.index)}”", computed=shown(item.score))
        if form.total is None and form.indicators and not ctx.is_formula("total"):
            yield self.finding(ctx, "total", what="总分", computed=shown(score.total))
