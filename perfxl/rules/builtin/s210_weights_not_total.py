from perfxl.domain import FormKind, Severity
from perfxl.domain.hierarchy import SATISFACTION
from perfxl.rules.base import Rule
from perfxl.rules.helpers import close, fmt, levels, satisfaction_shares
from perfxl.rules.registry import register


@register
class WeightsNotTotal(Rule):
    """检查内容：预算执行分值与全部三级指标分值之和是否等于满分（默认100分）。未设置满意度指标、
    分值合计为90分的，提示应在设置分值时把满意度的10分转给产出和效益指标（按比例，或规则包的固定分配）。
    perfxl 按表中所填分值计分，每项得分不超过其分值，不自动放大分值（规则包
    [weights.missing_satisfaction] redistribute = true 时才由 perfxl 转移，此时不报告）。

    为什么重要：总分以100分为满分划定等级（优≥90分）；分值合计不是100分，等级就失去可比性，
    如合计90分的表全部完成也只得90分。

    错误示例：预算执行 10 分，产出指标合计 50 分，效益指标合计 35 分，满意度指标 10 分，总计 105 分。

    正确示例：预算执行 10 + 产出 50 + 效益 30 + 满意度 10 = 100 分。

    依据：财预〔2020〕10号 附1（预算执行率10分，产出指标50分，效益指标30分，满意度指标10分，总分100分）。
    """

    code = "S210"
    name = "weights-not-total"
    title = "分值合计不等于满分"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "预算执行分值 {budget} 分加各指标分值 {indicators} 分，合计 {sum} 分，不等于 {total} 分{advice}"
    hint = "调整各指标分值，使合计为 {total} 分（{how}）"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        form = ctx.form
        weights = [ind.weight for ind in form.indicators]
        if not weights or any(w is None for w in weights):
            return  # S217 reports missing weights
        pack = ctx.pack
        budget = form.budget.weight if form.budget.weight is not None else pack.budget_weight
        s = sum(weights)
        tol = self.option(ctx, "tolerance")
        if close(budget + s, pack.total_weight, tol):
            return
        satisfaction = pack.level1_weights.get(SATISFACTION, 0.0)
        advice, how = "", f"预算执行{fmt(budget)}分，其余分配给各三级指标"
        if satisfaction > 0 and SATISFACTION not in levels(ctx) and close(budget + s + satisfaction,
                                                                          pack.total_weight, tol):
            if pack.redistribute_missing_satisfaction:
                return  # the engine moves the 满意度 weight (rule-pack option); S211 judges the result
            how = satisfaction_shares(pack)
            advice = (f"：未设置满意度指标，其{fmt(satisfaction)}分应在设置分值时转给产出和效益指标；"
                      f"本表按所填分值计分，满分只有{fmt(round(budget + s, 6))}分")
        yield self.finding(ctx, "indicators", budget=fmt(budget), indicators=fmt(round(s, 6)),
                           sum=fmt(round(budget + s, 6)), total=fmt(pack.total_weight), advice=advice, how=how)
