from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._monitor import at_risk
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class MonitorReasonMissing(Rule):
    """检查内容：监控表中进度为红灯、黄灯（进度比低于0.8），或完成目标可能性为“有可能”“完全不可能”的指标，
    是否填写了偏差原因分析（经费保障、制度保障、人员保障、硬件条件保障、其他）。

    为什么重要：运行监控的目的是及时发现偏差、纠偏；不分析原因就无法采取措施，
    也无法判断是否需要调整预算或目标。

    错误示例：“培训人次”1—6月完成 1200 人次（目标 ≥8755，进度比0.27，红灯），偏差原因分析空白。

    正确示例：偏差原因分析选“人员保障”，并写明“培训师资到位延迟”。

    依据：财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》第十二条（分析偏差原因）及附件监控表；
    灯色阈值为规则包 [monitor] 设置。
    """

    code = "M301"
    name = "monitor-reason-missing"
    title = "偏差未分析原因"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "“{name}”{why}，未填写偏差原因分析"
    hint = "填写偏差原因（经费保障、制度保障、人员保障、硬件条件保障或其他）并简要说明"

    def check(self, ctx):
        for i, why in at_risk(ctx):
            ind = ctx.form.indicators[i]
            if blank(ind.deviation):
                yield self.finding(ctx, f"indicators[{i}].deviation", name=ind_label(ind, i), why=why)
