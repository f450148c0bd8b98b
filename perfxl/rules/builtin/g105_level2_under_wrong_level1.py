from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, compact, hierarchy, levels, parents
from perfxl.rules.registry import register


@register
class Level2UnderWrongLevel1(Rule):
    """检查内容：二级指标是否放在正确的一级指标下（如“社会效益指标”属于效益指标，
    “时效指标”属于产出指标；2021版中“成本指标”单列为一级，其下为经济/社会/生态环境成本指标）。

    为什么重要：二级指标放错一级，该指标的分值会计入错误的一级指标，分值核对和汇总分析都会失真。

    错误示例：一级指标“产出指标”下的二级指标写“社会效益指标”。

    正确示例：“社会效益指标”放在“效益指标”下；“质量指标”放在“产出指标”下。

    依据：财预〔2020〕10号 附1；财预〔2021〕101号。
    """

    code = "G105"
    name = "level2-under-wrong-level1"
    title = "二级指标放错一级指标"
    severity = Severity.ERROR
    message = "“{name}”的二级指标“{level2}”{why}，不应放在“{level1}”下"
    hint = "使二级指标位于所属的一级指标下：{fix}"

    def check(self, ctx):
        h = hierarchy(ctx)
        parent_of = parents(ctx.pack.edition)
        top = set(h.level1)
        for i, (ind, level1) in enumerate(zip(ctx.form.indicators, levels(ctx), strict=True)):
            if blank(ind.level1) or blank(ind.level2):
                continue
            if level1 not in top:
                continue  # G103 reports it
            label = compact(ind.level2)
            name = ind.name or f"第{i + 1}个指标"
            if label in top or label + "指标" in top:
                edition = ctx.pack.edition.value
                yield self.finding(ctx, f"indicators[{i}].level2", name=name, level2=ind.level2.strip(),
                                   why=f"在{edition}版指标体系中是一级指标", level1=level1,
                                   fix=f"将一级指标改为“{ind.level2.strip()}”，并选择其下的二级指标"
                                       f"（{'、'.join(h.level2(label if label in h.level1 else label + '指标'))}）")
                continue
            parent = parent_of.get(label)
            if parent is not None and parent != level1:
                yield self.finding(ctx, f"indicators[{i}].level2", name=name, level2=ind.level2.strip(),
                                   why=f"属于“{parent}”", level1=level1,
                                   fix=f"将一级指标改为“{parent}”，或改选“{level1}”下的二级指标")
