from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register


@register
class MonitorDateMissing(Rule):
    """检查内容：监控表是否填写了可识别的监控截止日期（如 2024-06-30）。

    为什么重要：序时进度（已过月数 ÷ 12）由监控日期算出；没有日期就无法判断预算执行和指标完成
    是否滞后，红黄绿灯都无法给出。

    错误示例：监控截止日期空白，或写“上半年”。

    正确示例：监控截止日期“2024-06-30”。

    依据：财预〔2019〕136号 附件监控表（1—N月执行情况）。
    """

    code = "M305"
    name = "monitor-date-missing"
    title = "监控日期未填"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "{what}，无法计算序时进度"
    hint = "填写监控截止日期，如“2024-06-30”"

    def check(self, ctx):
        progress = ctx.score.progress
        if progress is not None and progress.elapsed is not None and progress.elapsed > 0:
            return
        as_of = ctx.form.budget.as_of
        what = "未填写监控截止日期" if blank(as_of) else f"监控截止日期“{as_of}”无法识别"
        yield self.finding(ctx, "budget.as_of", what=what)
