from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring.rounding import half_up


@register
class SelfScoreMismatch(Rule):
    """检查内容：每个三级指标的自评得分是否等于按评分规则计算的得分（预算执行率一行同样检查）。
    得分超过分值的见 S207，定性指标得分不在档次区间的见 S208，公式单元格的计算结果见 S215。

    为什么重要：公开的自评表常见“未完成目标却给满分”“按比例计分算错”。perfxl 按规则重新计算，
    不采用表中的得分，并逐项说明差异和计算过程。

    错误示例：目标 ≥8755人次，实际 8676人次，分值 15，自评得分 15。

    正确示例：自评得分 14.86（15 × 8676 ÷ 8755），或说明指标值设置问题后按规则计分。

    依据：财预〔2020〕10号 附1 评分规则：完成指标值的记满分，未完成的按完成比例计分。
    """

    code = "S201"
    name = "self-score-differs-from-rules"
    title = "自评得分与评分规则不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”自评得分 {shown} 分，按规则应为 {computed} 分：{explain}"
    hint = "按规则改为 {computed} 分，或核对指标值和实际完成值"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        tolerance = self.option(ctx, "tolerance")
        decimals = ctx.pack.decimals
        budget = ctx.score.budget
        if (budget.self_score is not None and budget.score is not None and not ctx.is_formula("budget.score")
                and abs(budget.self_score - budget.score) > tolerance
                and not budget.self_score > budget.weight + tolerance):  # S207
            yield self.finding(ctx, "budget.score", name="预算执行率", shown=f"{budget.self_score:g}",
                               computed=f"{half_up(budget.score, decimals):g}", explain=budget.explain)
        for item in ctx.score.indicators:
            if item.self_score is None or item.score is None or item.method == "not_applicable":
                continue
            if item.self_in_band is False:
                continue  # S208
            if item.weight is not None and item.self_score > item.weight + tolerance:
                continue  # S207
            path = f"indicators[{item.index}].score"
            if ctx.is_formula(path):
                continue  # S215
            if abs(item.self_score - item.score) > tolerance:
                yield self.finding(ctx, path, name=item.name or f"第{item.index + 1}个指标",
                                   shown=f"{item.self_score:g}", computed=f"{half_up(item.score, decimals):g}",
                                   explain=item.explain)
