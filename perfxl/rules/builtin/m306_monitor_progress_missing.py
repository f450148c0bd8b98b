from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class MonitorProgressMissing(Rule):
    """检查内容：监控表每个三级指标是否填写了1—N月执行情况（截至监控日的实际完成值）。

    为什么重要：1—N月执行情况是判断指标进度的依据；空白时无法计算进度比，也无法发现偏差。

    错误示例：“培训人次”1—N月执行情况空白。

    正确示例：1—N月执行情况“4600”（人次）；定性指标写明进展，如“已完成招标，正在施工”。

    依据：财预〔2019〕136号 附件监控表（1—N月执行情况）。
    """

    code = "M306"
    name = "monitor-progress-missing"
    title = "执行情况未填"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "“{name}”未填写1—N月执行情况"
    hint = "填写截至监控日的实际完成值或进展情况"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if not blank(ind.name) and blank(ind.progress):
                yield self.finding(ctx, f"indicators[{i}].progress", name=ind_label(ind, i))
