from perfxl.domain import FormKind, Severity
from perfxl.domain.values import Band
from perfxl.domain.vocabulary import BAND_LABELS
from perfxl.rules.base import Rule
from perfxl.rules.helpers import fmt
from perfxl.rules.registry import register


@register
class QualitativeScoreOutsideBand(Rule):
    """检查内容：定性指标的自评得分是否落在实际完成情况对应的档次区间内：达成年度指标得分为分值的
    80%～100%，部分达成年度指标并具有一定效果为50%～80%，未达成年度指标且效果较差为0～50%
    （区间可在规则包 [scoring.qualitative] 中调整）。

    为什么重要：定性指标由评价人在档次区间内打分；得分与所选档次不符（如“部分达成”却给满分），
    说明打分随意或档次选错。

    错误示例：“长效管护机制建立情况”分值 8，实际完成情况“部分达成年度指标并具有一定效果”，自评 8 分。

    正确示例：自评 4～6.4 分之间（8 × 50%～80%），并在偏差原因中说明未完全达成的部分。

    依据：财预〔2020〕10号 附1 说明（定性指标按达成、部分达成、未达成三档，分别按分值的100%-80%、
    80%-50%、50%-0%合理确定分值）。
    """

    code = "S208"
    name = "qualitative-score-outside-band"
    title = "定性指标得分不在档次内"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”实际完成情况为“{band}”，得分应在 {low}～{high} 分之间，自评 {shown} 分"
    hint = "在 {low}～{high} 分之间打分，或核对实际完成情况所选的档次"

    def check(self, ctx):
        q = ctx.pack.qualitative
        edges = {"full": q.full, "partial": q.partial, "fail": q.fail}
        for item in ctx.score.indicators:
            if item.self_in_band is not False or item.band is None or item.weight is None:
                continue
            lo, hi = edges[item.band]
            yield self.finding(ctx, f"indicators[{item.index}].score", name=item.name or f"第{item.index + 1}个指标",
                               band=BAND_LABELS[Band(item.band)], low=fmt(round(lo * item.weight, 6)),
                               high=fmt(round(hi * item.weight, 6)), shown=fmt(item.self_score))
