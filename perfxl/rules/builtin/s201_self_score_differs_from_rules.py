from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring import score_in_direction
from perfxl.scoring.rounding import half_up

_SEVERITIES = {s.value for s in Severity}


def _decimals(x: float) -> int:
    """Decimals a self-score was written with: 15 → 0, 14.9 → 1, 14.86 → 2 (at most 6)."""
    text = f"{x:.6f}".rstrip("0")
    return len(text) - text.index(".") - 1


def _precision(ctx) -> int:
    """The form's printed precision: the most decimals any of its self-scores shows, at most the pack's."""
    found = ctx.memo.get("S201.precision")
    if found is None:
        scores = [i.self_score for i in ctx.score.indicators if i.self_score is not None]
        if ctx.score.budget.self_score is not None:
            scores.append(ctx.score.budget.self_score)
        found = ctx.memo["S201.precision"] = min(max((_decimals(s) for s in scores), default=0), ctx.pack.decimals)
    return found


@register
class SelfScoreMismatch(Rule):
    """检查内容：每个三级指标的自评得分是否等于按评分规则计算的得分（预算执行率一行同样检查）。
    公开的自评表通常把得分取整或保留一位小数：按本表得分的小数位数四舍五入后相等的，视为一致。
    自评得分低于规则得分的为警告，高于规则得分的为错误（可在规则包 [rules.S201] 中用 lower、higher
    调整）；指标值未写比较方式、差异只来自 perfxl 推断的方向（如“受害率”按越低越好）时为警告，
    缺少比较方式本身见 G112。得分超过分值的见 S207，定性指标得分不在档次区间的见 S208，公式单元格的
    计算结果见 S215。

    为什么重要：公开的自评表常见“未完成目标却给满分”“按比例计分算错”。perfxl 按规则重新计算，
    不采用表中的得分，并逐项说明差异和计算过程。

    错误示例：目标 ≥8755人次，实际 8676人次，分值 15，自评得分 15（按规则 14.86，本表得分保留两位小数）。

    正确示例：自评得分 14.86（15 × 8676 ÷ 8755）；整数计分的表中填 15 也视为一致。

    依据：财预〔2020〕10号 附1 评分规则：完成指标值的记满分，未完成的按完成比例计分。
    """

    code = "S201"
    name = "self-score-differs-from-rules"
    title = "自评得分与评分规则不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”自评得分 {shown} 分，{which}按规则计算的 {computed} 分：{explain}{more}"
    hint = "按规则改为 {computed} 分，或核对指标值和实际完成值"
    options = {"tolerance": 0.01, "lower": "warning", "higher": "error"}

    @classmethod
    def validate_option(cls, name, value):
        if name in ("lower", "higher") and value not in _SEVERITIES:
            return "应为 \"error\"、\"warning\" 或 \"info\""
        return None

    def _agrees(self, ctx, shown: float, computed: float, tolerance: float) -> bool:
        return abs(shown - computed) <= tolerance or abs(half_up(computed, _precision(ctx)) - shown) < 1e-9

    def _severity(self, ctx, shown: float, computed: float) -> tuple[Severity, str]:
        if shown < computed:
            return Severity(self.option(ctx, "lower")), "低于"
        return Severity(self.option(ctx, "higher")), "高于"

    def check(self, ctx):
        tolerance = self.option(ctx, "tolerance")
        decimals = ctx.pack.decimals
        budget = ctx.score.budget
        if (budget.self_score is not None and budget.score is not None
                and not self._agrees(ctx, budget.self_score, budget.score, tolerance)
                and not ctx.is_formula("budget.score")
                and not budget.self_score > budget.weight + tolerance):  # S207
            severity, which = self._severity(ctx, budget.self_score, budget.score)
            yield self.finding(ctx, "budget.score", severity, name="预算执行率", shown=f"{budget.self_score:g}",
                               which=which, computed=f"{half_up(budget.score, decimals):g}", explain=budget.explain,
                               more="")
        for item in ctx.score.indicators:
            shown, computed = item.self_score, item.score
            if shown is None or computed is None or abs(shown - computed) <= tolerance:
                continue
            if item.method == "not_applicable" or not item.verified or item.self_in_band is False:
                continue  # S208 reports qualitative scores outside their band
            if item.weight is not None and shown > item.weight + tolerance:
                continue  # S207
            path = f"indicators[{item.index}].score"
            if ctx.is_formula(path) or self._agrees(ctx, shown, computed, tolerance):
                continue  # S215 reports formula cells
            severity, which = self._severity(ctx, shown, computed)
            more = ""
            if item.inferred_direction is not None:
                other = "≥" if item.inferred_direction == "≤" else "≤"
                alt = score_in_direction(ctx.form, item, other, ctx.pack)
                if alt is not None and self._agrees(ctx, shown, alt, tolerance):
                    severity = Severity.WARNING
                    more = (f"；按“{other}”计算为 {half_up(alt, decimals):g} 分，与自评一致——差异只来自指标值"
                            f"未写比较方式时推断的方向（{item.inferred_direction}），请在指标值中写明比较方式（见 G112）")
            yield self.finding(ctx, path, severity, name=item.name or f"第{item.index + 1}个指标",
                               shown=f"{shown:g}", which=which, computed=f"{half_up(computed, decimals):g}",
                               explain=item.explain, more=more)
