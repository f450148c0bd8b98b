from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, compact, hierarchy
from perfxl.rules.registry import register


@register
class Level2Unknown(Rule):
    """检查内容：二级指标是否为指标体系中的名称（如数量指标、质量指标、时效指标、成本指标、经济效益指标、
    社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标）。

    为什么重要：二级指标用于判断产出是否覆盖数量、质量、时效等方面，也用于分类汇总；
    自造的二级名称无法归类。地方评价体系可能有自己的二级指标，所以只作警告。

    错误示例：二级指标写“工作指标”“完成情况”。

    正确示例：二级指标从下拉列表选择“数量指标”“质量指标”等。

    依据：财预〔2020〕10号 附1；财预〔2021〕101号。
    """

    code = "G104"
    name = "level2-unknown"
    title = "二级指标名称不规范"
    severity = Severity.WARNING
    message = "二级指标“{label}”不在{edition}版指标体系中"
    hint = "改为指标体系中的二级指标，例如：{examples}"

    def check(self, ctx):
        h = hierarchy(ctx)
        children = {c for _, kids in h.levels for c in kids}
        known = children | set(h.level1)  # a 一级 used as a 二级 is G105's
        seen: set[str] = set()
        for i, ind in enumerate(ctx.form.indicators):
            if blank(ind.level2):
                continue
            label = compact(ind.level2)
            if label in known or label + "指标" in known or label in seen:
                continue
            seen.add(label)
            yield self.finding(ctx, f"indicators[{i}].level2", label=ind.level2.strip(), edition=ctx.pack.edition.value,
                               examples="、".join(c for _, kids in h.levels for c in kids[:2]) + "等")
