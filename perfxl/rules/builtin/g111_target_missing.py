from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class TargetMissing(Rule):
    """检查内容：每个三级指标是否填写了指标值（年度指标值）。

    为什么重要：没有指标值就无法考核，审核时不能通过；自评时没有目标值的定量指标无法计分，
    按0分计。

    错误示例：“工程验收合格率”的指标值空白。

    正确示例：指标值“≥95%”（或指标性质“≥”、指标值“95”、计量单位“%”）。

    依据：财预〔2015〕88号 第十一条（绩效指标应细化、量化，可衡量）；财预〔2020〕10号 附1。
    """

    code = "G111"
    name = "target-missing"
    title = "指标值未填"
    severity = Severity.ERROR
    message = "“{name}”未填写指标值"
    hint = "为“{name}”填写指标值，如“≥95%”“≤30天”“2024年12月31日前”；定性指标写“达成年度指标”等"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.name):
                continue  # G109
            if blank(ind.target) and not (ind.adjusted_target and ind.adjusted_target.strip()):
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i))
