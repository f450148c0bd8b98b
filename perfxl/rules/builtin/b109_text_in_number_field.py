from perfxl.domain import Severity
from perfxl.domain.paths import describe_path
from perfxl.domain.values import ValueKind
from perfxl.forms.layout.formulas import PENDING
from perfxl.rules.base import Rule
from perfxl.rules.registry import register


@register
class TextInNumberField(Rule):
    """检查内容：应填数字的单元格（金额、分值、得分、总分）是否填成了文字，例如“约150”“150万元（含结转）”
    “未执行”。

    为什么重要：文字无法参与计算，perfxl 把该项按“未填写”处理，执行率、得分或合计都会缺项；
    Excel 中的求和公式也会把它当作0。

    错误示例：全年执行数填“141.3万元（截至12月）”。

    正确示例：全年执行数填“141.3”，说明文字写在备注或偏差原因分析中。

    依据：财预〔2020〕10号 附1（金额以万元为单位填列数字）。
    """

    code = "B109"
    name = "text-in-number-field"
    title = "数字栏填了文字"
    severity = Severity.ERROR
    message = "{field}应填数字，但填写的是“{text}”"
    hint = "只填数字（金额以{unit}为单位），说明文字写在备注或偏差原因分析中"

    def check(self, ctx):
        form = ctx.form
        raw = form.raw if isinstance(form.raw, dict) else {}
        cu = form.budget.currency_unit or "万元"
        for path, text in raw.items():
            shown = str(text).strip()
            if shown == PENDING and path.endswith(("score", "total")):
                continue  # the template's own "cannot compute" marker; the engine explains those rows
            if ctx.parse(shown).kind is ValueKind.NOT_APPLICABLE:
                continue  # a not-applicable marker of the pack's [values] (the reader blanks the national ones)
            if len(shown) > 40:
                shown = shown[:40] + "…"
            yield self.finding(ctx, path, field=describe_path(path, form), text=shown, unit=cu)
