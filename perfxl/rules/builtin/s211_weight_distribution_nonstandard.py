from perfxl.domain import FormKind, Severity
from perfxl.domain.hierarchy import SATISFACTION
from perfxl.rules.base import Rule
from perfxl.rules.helpers import close, fmt, levels
from perfxl.rules.registry import register


def _show(budget: float, levels: dict[str, float]) -> str:
    return "、".join([f"预算执行{fmt(round(budget, 4))}"] + [f"{k}{fmt(round(v, 4))}" for k, v in levels.items()])


@register
class WeightDistributionNonstandard(Rule):
    """检查内容：分值合计为满分时，分值分配是否符合规则包的标准（默认 预算执行10、产出50、效益30、
    满意度10）。未设置满意度指标的，其10分应转给产出和效益指标（按比例 56.25/33.75，或规则包设定的
    固定分配如 60/30）。合计不是满分的见 S210。

    为什么重要：统一的分值分配使各项目的得分可以比较；偏离标准的分配要有依据（如地方规定），
    否则可能是为了提高总分而调整权重。

    错误示例：产出指标 70 分、效益指标 10 分、满意度指标 10 分。

    正确示例：产出指标 50 分、效益指标 30 分、满意度指标 10 分，预算执行 10 分。

    依据：财预〔2020〕10号 附1（原则上预算执行率10分、产出指标50分、效益指标30分、服务对象满意度指标10分；
    未设置满意度指标的，其分值转至产出和效益指标）。
    """

    code = "S211"
    name = "weight-distribution-nonstandard"
    title = "分值分配不符合标准"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "分值分配为 {actual}，与标准分配 {expected} 不同{advice}"
    hint = "按标准分配调整分值；确有地方规定的，在规则包 [weights] 中设置"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        form = ctx.form
        if not form.indicators or any(ind.weight is None for ind in form.indicators):
            return
        pack = ctx.pack
        budget = form.budget.weight if form.budget.weight is not None else pack.budget_weight
        tol = self.option(ctx, "tolerance")
        if not pack.redistribute_missing_satisfaction and not close(
                budget + sum(ind.weight for ind in form.indicators), pack.total_weight, tol):
            return  # S210 reports the total and says how to set the weights
        sums: dict[str, float] = {}
        for ind, level1 in zip(form.indicators, levels(ctx), strict=True):
            key = level1 or "（未填一级指标）"
            sums[key] = sums.get(key, 0.0) + ind.weight
        standard = {k: v for k, v in pack.level1_weights.items() if v > 0}
        candidates = [standard]
        if SATISFACTION not in sums and SATISFACTION in standard:
            rest = {k: v for k, v in standard.items() if k != SATISFACTION}
            room = pack.total_weight - pack.budget_weight
            if sum(rest.values()) > 0:
                factor = room / sum(rest.values())
                candidates = [{k: v * factor for k, v in rest.items()}]
            fixed = {k: v for k, v in pack.missing_satisfaction_fixed.items() if v > 0}
            if fixed:
                candidates.append(fixed)
        for expected in candidates:
            keys = set(expected) | set(sums)
            if abs(budget - pack.budget_weight) <= tol and all(
                    abs(sums.get(k, 0.0) - expected.get(k, 0.0)) <= tol + 1e-9 for k in keys):
                return
        order = list(standard)
        actual = dict(sorted(sums.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
        shown = " 或 ".join(_show(pack.budget_weight, c) for c in candidates)
        advice = ""
        if SATISFACTION not in sums and SATISFACTION in standard:
            advice = f"（未设置满意度指标，其{fmt(standard[SATISFACTION])}分应转给产出和效益指标）"
        yield self.finding(ctx, "indicators", actual=_show(budget, actual), expected=shown, advice=advice)
