from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register
from perfxl.scoring.results import UNJUDGED
from perfxl.scoring.rounding import fmt


@register
class QualitativeUnverifiable(Rule):
    """检查内容：指标值用文字表述的定性指标（如“明显改善”“建立”“有效”），能否从实际完成情况判断
    达成、部分达成或未达成。实际完成情况复述或包含指标值、或写明“已建立”“达到”“实现”等的视为达成；
    写“部分”“基本”“逐步”“初步”的视为部分达成；写“未”“没有”“尚未”的视为未达成；事故、投诉类
    指标写“未发生”“无”“0起”的视为达成（词表见规则包 [scoring.qualitative.words]）。无法判断时，
    perfxl 暂按单位自评得分计入并标明总分不完整，不按0分计。

    为什么重要：定性指标的得分取决于完成档次；实际完成情况写得含糊（如“效果待观察”“正在推进”），
    审核时无法核实自评得分是否有依据。

    错误示例：“生态环境改善情况”指标值“明显改善”，实际完成情况“效果待观察”，自评 9 分。

    正确示例：实际完成情况写明可核实的结果，如“已明显改善，水质由Ⅳ类提升为Ⅲ类”。

    依据：财预〔2020〕10号 附1 说明（定性指标按达成、部分达成、未达成三档，在分值的100%-80%、
    80%-50%、50%-0%内合理确定得分）。
    """

    code = "S219"
    name = "qualitative-unverifiable"
    title = "定性指标完成情况无法核实"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”{problem}，证据无法核实；{kept}，总分不完整"
    hint = "在实际完成情况中写明达成程度（达成 / 部分达成 / 未达成）和可核实的结果"

    def check(self, ctx):
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.problem_code != UNJUDGED:
                continue
            kept = (f"暂按单位自评得分 {fmt(item.score)} 分计入" if item.score is not None
                    else "未填自评得分，未计分")
            yield self.finding(ctx, f"indicators[{item.index}].actual", name=ind_label(indicators[item.index], item.index),
                               problem=item.problem, kept=kept)
