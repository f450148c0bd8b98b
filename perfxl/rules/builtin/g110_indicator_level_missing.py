from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register


@register
class IndicatorLevelMissing(Rule):
    """检查内容：每个三级指标是否填写了所属的一级指标和二级指标。

    为什么重要：没有一级、二级指标的三级指标无法归类，分值不能计入产出、效益或满意度，
    权重核对和汇总都会遗漏它。

    错误示例：三级指标“工程验收合格率”一行，一级、二级指标单元格为空（合并单元格被拆开后未补填）。

    正确示例：一级指标“产出指标”，二级指标“质量指标”，三级指标“工程验收合格率”。

    依据：财预〔2020〕10号 附1；财预〔2015〕88号 附件申报表。
    """

    code = "G110"
    name = "indicator-level-missing"
    title = "指标未填所属一级、二级"
    severity = Severity.ERROR
    message = "“{name}”未填写{what}"
    hint = "为“{name}”填写{what}（从下拉列表选择）"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.name):
                continue
            if blank(ind.level1):
                what = "一级指标和二级指标" if blank(ind.level2) else "一级指标"
                yield self.finding(ctx, f"indicators[{i}].level1", name=ind.name.strip(), what=what)
            elif blank(ind.level2):
                yield self.finding(ctx, f"indicators[{i}].level2", name=ind.name.strip(), what="二级指标")
