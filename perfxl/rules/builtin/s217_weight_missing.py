from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class WeightMissing(Rule):
    """检查内容：自评表每个三级指标是否填写了分值（权重）。

    为什么重要：没有分值的指标无法计分，总分和等级都会偏低；分值合计也无法核对是否为100分。

    错误示例：“群众知晓率”分值栏空白。

    正确示例：“群众知晓率”分值 10。

    依据：财预〔2020〕10号 附1（各指标分值）。
    """

    code = "S217"
    name = "weight-missing"
    title = "分值未填"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”未填写分值，无法计分"
    hint = "填写该指标的分值，使预算执行分值与各指标分值合计为100分"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if ind.weight is None and not blank(ind.name) and ctx.score.indicators[i].applicable:
                yield self.finding(ctx, f"indicators[{i}].weight", name=ind_label(ind, i))
