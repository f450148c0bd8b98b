from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import fmt
from perfxl.rules.registry import register
from perfxl.scoring.rounding import half_up


@register
class SelfScoreAboveWeight(Rule):
    """检查内容：自评得分是否超过该项的分值（三级指标得分不超过其分值，预算执行得分不超过其分值）。

    为什么重要：任何一项得分都不能高于分值；超过分值通常是把分值与得分填串了行，或把完成率当作得分，
    会使总分虚高。

    错误示例：“工程验收合格率”分值 10，自评得分 12。

    正确示例：完成指标值的得满分 10 分；未完成的按比例计分。

    依据：财预〔2020〕10号 附1（各指标得分不超过其分值，总分100分）。
    """

    code = "S207"
    name = "self-score-above-weight"
    title = "自评得分超过分值"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”自评得分 {shown} 分，超过分值 {weight} 分（按规则应为 {computed} 分）"
    hint = "得分不能超过分值，请改为 {computed} 分"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        tol = self.option(ctx, "tolerance")
        decimals = ctx.pack.decimals
        budget = ctx.score.budget
        if budget.self_score is not None and budget.self_score > budget.weight + tol:
            computed = "—" if budget.score is None else fmt(half_up(budget.score, decimals))
            yield self.finding(ctx, "budget.score", name="预算执行率", shown=fmt(budget.self_score),
                               weight=fmt(budget.weight), computed=computed)
        for item in ctx.score.indicators:
            if item.self_score is None or item.weight is None:
                continue
            if item.self_score > item.weight + tol:
                computed = "—" if item.score is None else fmt(half_up(item.score, decimals))
                yield self.finding(ctx, f"indicators[{item.index}].score", name=item.name or f"第{item.index + 1}个指标",
                                   shown=fmt(item.self_score), weight=fmt(item.weight), computed=computed)
