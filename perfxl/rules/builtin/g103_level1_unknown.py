from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank, hierarchy, levels
from perfxl.rules.registry import register


@register
class Level1Unknown(Rule):
    """检查内容：一级指标是否为所用指标体系中的名称（2020版：产出指标、效益指标、满意度指标；
    2021版另有成本指标；地方规则包可增加一级指标并赋予分值）。

    为什么重要：一级指标决定分值分配（产出50、效益30、满意度10）和汇总口径；写成体系外的名称，
    该行指标无法归入任何一级，权重核对和汇总都会出错。

    错误示例：一级指标写“投入指标”“效果指标”（地方评价体系的名称，规则包未启用）。

    正确示例：一级指标从下拉列表选择“产出指标”“效益指标”或“满意度指标”。

    依据：财预〔2020〕10号 附1 项目支出绩效自评表；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》。
    """

    code = "G103"
    name = "level1-unknown"
    title = "一级指标名称不规范"
    severity = Severity.ERROR
    message = "一级指标“{label}”不在{edition}版指标体系中（{count}行）"
    hint = "一级指标应为：{allowed}"

    def check(self, ctx):
        h = hierarchy(ctx)
        allowed = set(h.level1) | {k for k, v in ctx.pack.level1_weights.items() if v > 0}
        bad: dict[str, list[int]] = {}
        for i, (ind, canon) in enumerate(zip(ctx.form.indicators, levels(ctx), strict=True)):
            if blank(ind.level1):
                continue
            if canon not in allowed:
                bad.setdefault(ind.level1.strip(), []).append(i)
        for label, rows in bad.items():
            yield self.finding(ctx, f"indicators[{rows[0]}].level1", label=label, edition=ctx.pack.edition.value,
                               count=len(rows), allowed="、".join(sorted(allowed, key=_order(h))))


def _order(h):
    levels = list(h.level1)
    return lambda name: (levels.index(name) if name in levels else len(levels), name)
