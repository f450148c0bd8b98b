from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import register
from perfxl.scoring.monitor import LIGHT_LABELS
from perfxl.scoring.rounding import percent


@register
class BudgetBehindSchedule(Rule):
    """检查内容：监控日的预算执行率（1—N月执行数 ÷ 全年预算数）是否落后于序时进度（已过月数 ÷ 12）。

    为什么重要：预算执行慢于序时进度的单位会收到提醒函，执行明显滞后的项目可能被收回或调减资金；
    提前发现才能及时加快支付。

    错误示例：监控日 6月30日（序时进度50%），1—6月执行率 28%（进度比0.56，红灯）。

    正确示例：1—6月执行率 52%，不低于序时进度。

    依据：财预〔2019〕136号（预算执行进度监控）；低于序时进度列入提醒名单为各地通行做法，
    灯色阈值为规则包 [monitor] 设置。
    """

    code = "M304"
    name = "budget-behind-schedule"
    title = "预算执行落后于序时进度"
    severity = Severity.WARNING
    kinds = frozenset({FormKind.PROJECT_MONITOR})
    message = "1—N月预算执行率 {rate}，低于序时进度 {share}（进度比 {ratio}，{light}）"
    hint = "加快预算执行；执行确有困难的，在偏差原因分析中说明并提出调整建议"
    options = {"min_ratio": 1.0}

    def check(self, ctx):
        progress = ctx.score.progress
        if progress is None or progress.budget_ratio is None:
            return
        if progress.budget_ratio < self.option(ctx, "min_ratio") - 1e-9:
            yield self.finding(ctx, "budget.executed_to_date", rate=percent(progress.budget_rate),
                               share=percent(progress.elapsed), ratio=f"{progress.budget_ratio:.2f}",
                               light=LIGHT_LABELS.get(progress.budget_light, "无灯色"))
