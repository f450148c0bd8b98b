from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import close, fmt, level1_label_weight, levels
from perfxl.rules.registry import register


@register
class Level1WeightNotSum(Rule):
    """检查内容：一级指标标注的分值（如“产出指标（50分）”）是否等于其下各三级指标分值之和。

    为什么重要：上级分值应等于下级分值之和；不相等时，要么一级分值标错，要么某个三级指标分值有误，
    总分会随之偏离100分。

    错误示例：“产出指标（50分）”下三个指标分值 20、15、10，合计 45。

    正确示例：产出指标下各指标分值 20、15、15，合计 50。

    依据：财预〔2020〕10号 附1（产出指标50分、效益指标30分、满意度指标10分，上级分值为下级之和）。
    """

    code = "S209"
    name = "level1-weight-not-sum"
    title = "一级指标分值与三级指标不符"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{level1}”标注 {declared} 分，但其下各指标分值合计 {sum} 分"
    hint = "使“{level1}”下各三级指标分值之和等于 {declared} 分，或更正一级指标的分值"
    options = {"tolerance": 0.01}

    def check(self, ctx):
        declared: dict[str, tuple[float, int]] = {}
        sums: dict[str, float] = {}
        for i, (ind, level1) in enumerate(zip(ctx.form.indicators, levels(ctx), strict=True)):
            if level1 is None:
                continue
            w = level1_label_weight(ind.level1)
            if w is not None and level1 not in declared:
                declared[level1] = (w, i)
            if ind.weight is not None:
                sums[level1] = sums.get(level1, 0.0) + ind.weight
        tol = self.option(ctx, "tolerance")
        for level1, (w, i) in declared.items():
            s = sums.get(level1, 0.0)
            if not close(w, s, tol):
                yield self.finding(ctx, f"indicators[{i}].level1", level1=level1, declared=fmt(w), sum=fmt(round(s, 6)))
