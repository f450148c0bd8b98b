from perfxl.domain import Severity
from perfxl.domain.values import ValueKind
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register


@register
class TargetUnparseable(Rule):
    """检查内容：指标值能否识别：看起来是数值，但写法有误（多余符号、两个百分号、Excel 错误值等）。

    为什么重要：无法识别的指标值无法与实际完成值比较，该指标不能计分；
    公式报错（#REF!、#DIV/0!）往往说明表格被改动过。

    错误示例：“工程验收合格率”指标值“≥95%%”；指标值单元格显示“#REF!”。

    正确示例：指标值“≥95%”。

    依据：财预〔2020〕10号 附1（按指标值与实际完成值比较计分）；财预〔2015〕88号 第十一条。
    """

    code = "G115"
    name = "target-unparseable"
    title = "指标值写法无法识别"
    severity = Severity.ERROR
    message = "“{name}”的指标值“{target}”无法识别：{reason}"
    hint = "按“≥95%”“≤30天”“=100%”的写法更正指标值"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target):
                continue
            value = ctx.parse(ind.target)
            if value.kind is ValueKind.INVALID:
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i), target=ind.target.strip(),
                                   reason=value.reason or "写法有误")
