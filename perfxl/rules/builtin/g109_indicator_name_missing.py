from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register


@register
class IndicatorNameMissing(Rule):
    """检查内容：指标表中填了一级、二级指标或指标值的行，是否填写了三级指标名称。

    为什么重要：三级指标是实际考核的对象；只列一级、二级而没有三级指标，等于该方面没有可考核的内容，
    指标值和得分也无法对应。

    错误示例：“满意度指标—服务对象满意度指标”一行，三级指标名称空白。

    正确示例：三级指标写“受益群众满意度”，指标值“≥90%”。

    依据：财预〔2015〕88号 第十一条（绩效指标应细化、量化）；财预〔2020〕10号 附1。
    """

    code = "G109"
    name = "indicator-name-missing"
    title = "三级指标名称未填"
    severity = Severity.ERROR
    message = "第{row}行指标（{where}）未填写三级指标名称"
    hint = "填写具体的三级指标名称；不需要的空行请删除"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if not blank(ind.name):
                continue
            if blank(ind.level1) and blank(ind.level2) and blank(ind.target) and blank(ind.actual):
                continue
            where = "—".join(x.strip() for x in (ind.level1, ind.level2) if not blank(x)) or "未填一级、二级指标"
            yield self.finding(ctx, f"indicators[{i}].name", row=i + 1, where=where)
