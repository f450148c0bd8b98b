from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, ind_label
from perfxl.rules.registry import register
from perfxl.scoring.rounding import percent


@register
class OverCompletionUnexplained(Rule):
    """检查内容：实际完成值远超指标值（正向指标 实际 ≥ 阈值 × 目标；逆向指标 目标 ≥ 阈值 × 实际；
    阈值默认1.3）时，是否填写了偏差原因分析。阈值可在规则包中设置：[rules.S205] threshold = 1.3；
    未设置时取 [scoring] over_completion_threshold。

    为什么重要：大幅超额完成往往说明指标值定得过低。评价办法要求分析原因，目标设置明显偏低的
    还要按偏离度调减分值；下年度应据实调高指标值。

    错误示例：目标“培训人次 ≥500人次”，实际 800人次（160%），偏差原因分析空白。

    正确示例：偏差原因分析写明“上级追加培训任务300人次，下年度指标值调整为 ≥800人次”。

    依据：财预〔2020〕10号 附1 说明（对于超额完成或明显超出目标值的，应分析原因；目标设置明显偏低的，
    按偏离度适度调减分值）；阈值1.3为广西做法。
    """

    code = "S205"
    name = "over-completion-unexplained"
    title = "超额完成未说明原因"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”实际完成值为指标值的 {share}，超过 {threshold} 倍，未说明偏差原因"
    hint = "在偏差原因分析中说明超额完成的原因；指标值定得偏低的，说明下年度如何调整"
    options = {"threshold": 1.3}

    @classmethod
    def validate_option(cls, name, value):
        if name == "threshold" and not value > 1:
            return "应大于 1（实际达到目标的多少倍算作超额完成）"
        return None

    def check(self, ctx):
        threshold = ctx.options.get(self.code, {}).get("threshold", ctx.pack.over_completion_threshold)
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            ratio = item.ratio
            if ratio is None or ratio <= 0 or item.score is None:
                continue
            if item.method == "quantitative_le":
                over, share = 1 / ratio >= threshold - 1e-9, ratio
            elif item.method in ("quantitative_ge", "equality"):
                over, share = ratio >= threshold - 1e-9, ratio
            else:
                continue
            ind = indicators[item.index]
            if over and blank(ind.deviation):
                yield self.finding(ctx, f"indicators[{item.index}].deviation", name=ind_label(ind, item.index),
                                   share=percent(share), threshold=f"{threshold:g}")
