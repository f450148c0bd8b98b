from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import amount
from perfxl.rules.registry import register

_PAIRS = (("full_year", "midterm_total", "资金总额"), ("fiscal", "midterm_fiscal", "财政拨款"),
          ("other", "midterm_other", "其他资金"))


@register
class AnnualAboveMidterm(Rule):
    """检查内容：申报表中年度资金（资金总额、财政拨款、其他资金）是否不超过对应的中期资金。

    为什么重要：中期资金是项目期内各年资金之和，年度资金是其中一年，不可能更大；
    年度大于中期，通常是中期、年度两列填反或单位（万元/元）不一致。

    错误示例：中期资金总额 300 万元，年度资金总额 900 万元。

    正确示例：中期资金总额 900 万元（2024—2026年），年度资金总额 300 万元。

    依据：财预〔2015〕88号 附件申报表（中期资金总额、年度资金总额）。
    """

    code = "B105"
    name = "annual-above-midterm"
    title = "年度资金超过中期资金"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_GOAL})
    message = "年度{label} {annual} 大于中期{label} {midterm}"
    hint = "核对中期、年度两列是否填反，或金额单位是否一致（万元）"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        b = ctx.form.budget
        cu = b.currency_unit or "万元"
        tol = self.option(ctx, "tolerance")
        for annual_attr, midterm_attr, label in _PAIRS:
            annual, midterm = getattr(b, annual_attr), getattr(b, midterm_attr)
            if annual is not None and midterm is not None and annual > midterm + tol + 1e-9:
                yield self.finding(ctx, f"budget.{annual_attr}", label=label, annual=amount(annual, cu),
                                   midterm=amount(midterm, cu))
