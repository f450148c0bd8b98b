from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label, vague_word
from perfxl.rules.registry import register

_FIELDS = (("target", "指标值"), ("midterm_target", "中期指标值"), ("adjusted_target", "调整指标值"))


@register
class TargetVague(Rule):
    """检查内容：指标值中是否有“明显”“较好”“有效”“进一步”“大幅”等模糊表述（词表见规则包
    [goals] vague_words）。

    为什么重要：“较上年明显提高”无法判断是否完成，年终自评时容易各说各话；审核时属于“可行性”
    （可衡量）问题，应改为具体数值或明确的完成标准。

    错误示例：“群众知晓率”指标值写“较上年明显提高”。

    正确示例：“群众知晓率”指标值写“≥85%”；确实只能定性的，写明可检验的标准，如“建立管护制度并印发”。

    依据：财预〔2015〕88号 第十一条（绩效指标应细化、量化，不能量化的应采用可衡量的定性表述）；
    财预〔2021〕101号。
    """

    code = "G113"
    name = "target-vague"
    title = "指标值表述模糊"
    severity = Severity.WARNING
    message = "“{name}”的{field}“{target}”含模糊表述“{word}”，无法考核"
    hint = "改为具体数值（如“≥85%”“≤30天”），或写明可检验的完成标准"

    def check(self, ctx):
        if not ctx.pack.vague_words:
            return
        for i, ind in enumerate(ctx.form.indicators):
            for attr, field in _FIELDS:
                text = getattr(ind, attr)
                word = vague_word(ctx.pack, text)
                if word is not None:
                    yield self.finding(ctx, f"indicators[{i}].{attr}", name=ind_label(ind, i), field=field,
                                       target=text.strip(), word=word)
