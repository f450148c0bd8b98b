from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register

_METHODS = {"quantitative_ge", "quantitative_le", "equality", "deadline", "qualitative"}


@register
class ShortfallUnexplained(Rule):
    """检查内容：未完成指标值（按规则未得满分，或定性指标为“部分达成”“未达成”）的指标，
    是否填写了偏差原因分析及改进措施。

    为什么重要：自评不仅要打分，更要查找问题、提出改进措施；偏差原因是整改和下年度预算安排的依据，
    未完成却不说明原因的自评表会被退回。

    错误示例：“项目完工时间”目标 2024年12月31日前，实际 2025年3月完工，偏差原因分析空白。

    正确示例：偏差原因分析写明“受汛期影响工期延后，已调整施工计划，于2025年3月完工验收”。

    依据：财预〔2020〕10号 第十二条（自评内容包括偏差原因）及附1“偏差原因分析及改进措施”栏。
    """

    code = "S206"
    name = "shortfall-unexplained"
    title = "未完成未说明原因"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”未完成指标值（{explain}），未填写偏差原因分析"
    hint = "在“偏差原因分析及改进措施”栏写明未完成的原因和改进措施"
    options = {"tolerance": 0.005}  # score points: a shortfall smaller than this is rounding

    def check(self, ctx):
        tol = self.option(ctx, "tolerance")
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.method not in _METHODS or item.score is None or item.problem_code == "actual_missing":
                continue
            if item.method == "qualitative":
                unmet = item.band in ("partial", "fail")
            else:
                unmet = item.effective_weight is not None and item.score < item.effective_weight - tol
            ind = indicators[item.index]
            if unmet and blank(ind.deviation):
                yield self.finding(ctx, f"indicators[{item.index}].deviation", name=ind_label(ind, item.index),
                                   explain=item.explain)
