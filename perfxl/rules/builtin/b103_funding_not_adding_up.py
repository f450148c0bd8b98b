from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import amount, close
from perfxl.rules.registry import register


@register
class FundingNotAddingUp(Rule):
    """检查内容：资金总额是否等于各资金来源之和：申报表、监控表的资金总额 = 财政拨款 + 其他资金
    （中期、年度分别核对）；自评表的全年预算数 = 当年财政拨款 + 上年结转资金 + 其他资金。

    为什么重要：资金总额是计算执行率和审核目标“适当性”（目标与资金量是否匹配）的基础；
    加不平说明有一处金额填错，汇总时会出现差额。

    错误示例：年度资金总额 330 万元，其中财政拨款 300 万元、其他资金 0 万元。

    正确示例：年度资金总额 300 万元 = 财政拨款 300 万元 + 其他资金 0 万元。

    依据：财预〔2015〕88号 附件申报表（项目资金：资金总额、其中财政拨款、其他资金）；
    财预〔2020〕10号 附1（年度资金总额：其中当年财政拨款、上年结转资金、其他资金）。
    """

    code = "B103"
    name = "funding-not-adding-up"
    title = "资金来源之和不等于资金总额"
    severity = Severity.ERROR
    message = "{total_label} {total}，不等于{parts_label}之和 {sum}（相差 {diff}）"
    hint = "核对{total_label}和各资金来源金额，使{total_label} = {parts_label}之和"
    options = {"tolerance": 0.01}  # 万元: rounding of amounts written to 2 decimals

    def check(self, ctx):
        b = ctx.form.budget
        cu = b.currency_unit or "万元"
        tol = self.option(ctx, "tolerance")
        if ctx.form.kind.is_selfeval:
            rows = [("budget.full_year", "全年预算数", b.full_year,
                     (b.fiscal, b.carryover, b.other), "当年财政拨款、上年结转资金、其他资金")]
        else:
            rows = [("budget.full_year", "年度资金总额" if ctx.form.kind.is_goal else "全年预算数", b.full_year,
                     (b.fiscal, b.other), "财政拨款、其他资金"),
                    ("budget.midterm_total", "中期资金总额", b.midterm_total,
                     (b.midterm_fiscal, b.midterm_other), "中期财政拨款、中期其他资金")]
        for path, label, total, parts, parts_label in rows:
            if total is None or all(p is None for p in parts):
                continue
            s = sum(p for p in parts if p is not None)
            if not close(total, s, tol):
                yield self.finding(ctx, path, total_label=label, total=amount(total, cu), parts_label=parts_label,
                                   sum=amount(s, cu), diff=amount(abs(total - s), cu))
