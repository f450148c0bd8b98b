from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._monitor import at_risk
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class MonitorForecastMissing(Rule):
    """检查内容：监控表中进度为红灯、黄灯，或完成目标可能性为“有可能”“完全不可能”的指标，
    是否填写了全年预计完成情况。

    为什么重要：全年预计完成情况说明偏差能否在年内消除，是决定是否调整目标或预算的依据。

    错误示例：“资助学生人数”进度为黄灯，全年预计完成情况空白。

    正确示例：全年预计完成情况“预计全年资助1150人，完成目标的96%”。

    依据：财预〔2019〕136号 第十二条及附件监控表（全年预计完成情况）。
    """

    code = "M302"
    name = "monitor-forecast-missing"
    title = "未填全年预计完成情况"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "“{name}”{why}，未填写全年预计完成情况"
    hint = "填写全年预计完成值或完成情况（如“预计完成目标的96%”）"

    def check(self, ctx):
        for i, why in at_risk(ctx):
            ind = ctx.form.indicators[i]
            if blank(ind.forecast):
                yield self.finding(ctx, f"indicators[{i}].forecast", name=ind_label(ind, i), why=why)
