from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring.rounding import half_up as round_half_up


@register
class TotalDiffersFromRules(Rule):
    """检查内容：表中的总分与 perfxl 按评分规则重新计算的总分是否一致。

    为什么重要：等级（优/良/中/差）和排名以按规则计算的总分为准；表中总分与之不符时，
    需要逐项核对（见同表的 S201 等问题）。各项得分四舍五入到两位小数后相加产生的微小差异不报告。

    错误示例：按规则计算总分 86.42，表中填 95（等级由“良”变为“优”）。

    正确示例：总分 86.42，等级“良”。

    依据：财预〔2020〕10号 第二十五条及附1：总分由各项得分加总，90分（含）以上为优。
    """

    code = "S203"
    name = "total-differs-from-rules"
    title = "总分与评分规则不符"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "表中总分 {shown}，按规则计算为 {computed}（等级：{grade}）{note}"
    hint = "按各项问题逐一更正后，总分应为 {computed}{caveat}"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        score = ctx.score
        if ctx.form.total is None or score.total is None or ctx.is_formula("total"):
            return  # S215 reports formula totals
        decimals = ctx.pack.decimals
        computed = round_half_up(score.total, decimals)
        # Each score the form shows is rounded to `decimals`: their sum may drift by half a unit per item.
        shown = sum(1 for item in score.indicators if item.self_score is not None) + 1
        drift = 0.5 * 10 ** -decimals * shown
        if abs(computed - ctx.form.total) > self.option(ctx, "tolerance") + drift + 1e-9:
            complete = score.complete
            yield self.finding(ctx, "total", shown=f"{ctx.form.total:g}", computed=f"{computed:g}",
                               grade=score.grade or "无",
                               note="" if complete else f"；注意总分不完整：{score.complete_note}，此数仅供参考",
                               caveat="" if complete else "（另加无法核实项目的得分；补全或核实后再核对总分）")
