from perfxl.domain import Severity
from perfxl.domain.values import ValueKind
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label, vague_word
from perfxl.rules.registry import register


@register
class TargetNotQuantified(Rule):
    """检查内容：指标值是否是可比较的数值、日期或规范的定性表述；只写了文字描述（如“较上年提高”
    “按要求完成”）而又未标为定性指标的，予以提示。含模糊词的另见 G113。

    为什么重要：文字描述的指标值无法与实际完成值比较，年终自评时不能按比例计分，只能人工判断。

    错误示例：“农户户均增收”指标值“较上年提高”。

    正确示例：“农户户均增收”指标值“≥1500元”；确为定性指标的，指标性质选“定性”，指标值写明完成标准。

    依据：财预〔2015〕88号 第十一条（能量化的应量化，不能量化的采用可衡量的定性表述）。
    """

    code = "G119"
    name = "target-not-quantified"
    title = "指标值未量化"
    severity = Severity.WARNING
    message = "“{name}”的指标值“{target}”没有可考核的数值"
    hint = "改为具体数值（如“≥1500元”）；确为定性指标的，在“指标性质”列选择“定性”"

    def check(self, ctx):
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.target) or (ind.direction and ind.direction.strip() == "定性"):
                continue
            value = ctx.parse(ind.target)
            if value.kind is ValueKind.TEXT and vague_word(ctx.pack, ind.target) is None:
                yield self.finding(ctx, f"indicators[{i}].target", name=ind_label(ind, i), target=ind.target.strip())
