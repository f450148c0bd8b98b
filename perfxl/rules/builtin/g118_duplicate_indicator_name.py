from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, compact
from perfxl.rules.registry import register


@register
class DuplicateIndicatorName(Rule):
    """检查内容：同一张表中是否有名称相同的三级指标。

    为什么重要：重复的指标会重复计分、重复占用分值，也说明指标是复制粘贴后未修改；
    审核时应合并或改为不同的考核内容。

    错误示例：“培训人次 ≥500人次”在数量指标下出现两次。

    正确示例：保留一个“培训人次”，另一行改为“培训考核合格率 ≥90%”等不同的考核内容。

    依据：财预〔2015〕88号 第十一条（指标应细化、量化、不重复）。
    """

    code = "G118"
    name = "duplicate-indicator-name"
    title = "三级指标重名"
    severity = Severity.WARNING
    message = "三级指标“{name}”与第{first}行重复"
    hint = "合并重复的指标，或把其中一行改为不同的考核内容"

    def check(self, ctx):
        first: dict[str, int] = {}
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.name):
                continue
            key = compact(ind.name).casefold()
            if key in first:
                yield self.finding(ctx, f"indicators[{i}].name", name=ind.name.strip(), first=first[key] + 1)
            else:
                first[key] = i
