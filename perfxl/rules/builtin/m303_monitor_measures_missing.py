from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.builtin._monitor import at_risk
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class MonitorMeasuresMissing(Rule):
    """检查内容：监控表中进度为红灯、黄灯，或完成目标可能性为“有可能”“完全不可能”的指标，
    是否填写了纠偏措施。

    为什么重要：发现偏差后应及时纠偏；没有措施的监控只是记录问题，不能保证目标实现。

    错误示例：“项目完工时间”完成目标可能性“有可能”，纠偏措施空白。

    正确示例：纠偏措施“增加施工班组，倒排工期，每周调度进度”。

    依据：财预〔2019〕136号 第十三条（对偏差及时采取措施予以纠正）。
    """

    code = "M303"
    name = "monitor-measures-missing"
    title = "未填纠偏措施"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "“{name}”{why}，未填写纠偏措施"
    hint = "填写具体的纠偏措施和完成时间"

    def check(self, ctx):
        for i, why in at_risk(ctx):
            ind = ctx.form.indicators[i]
            if blank(ind.measures):
                yield self.finding(ctx, f"indicators[{i}].measures", name=ind_label(ind, i), why=why)
