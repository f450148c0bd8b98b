from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._monitor import LIKELIHOODS
from perfxl.rules.helpers import blank, compact, ind_label
from perfxl.rules.registry import register


@register
class MonitorLikelihoodInvalid(Rule):
    """检查内容：完成目标可能性是否从“确定能”“有可能”“完全不可能”中选择。

    为什么重要：完成目标可能性决定是否必须分析偏差原因和采取纠偏措施，也用于汇总风险项目；
    自由填写的内容无法归类。

    错误示例：完成目标可能性空白，或写“应该能”。

    正确示例：完成目标可能性“确定能”。

    依据：财预〔2019〕136号 附件监控表（完成目标可能性：确定能、有可能、完全不可能）。
    """

    code = "M307"
    name = "monitor-likelihood-invalid"
    title = "完成目标可能性填写不规范"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "“{name}”的完成目标可能性{what}"
    hint = "从“确定能”“有可能”“完全不可能”中选择"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.name):
                continue
            if blank(ind.likelihood):
                yield self.finding(ctx, f"indicators[{i}].likelihood", name=ind_label(ind, i), what="未填写")
            elif compact(ind.likelihood) not in LIKELIHOODS:
                yield self.finding(ctx, f"indicators[{i}].likelihood", name=ind_label(ind, i),
                                   what=f"“{ind.likelihood.strip()}”不是规定的选项")
