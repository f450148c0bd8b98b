from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import ind_label
from perfxl.rules.registry import register

_CODES = {"actual_invalid", "actual_text", "actual_mismatch"}


@register
class ActualUnparseable(Rule):
    """检查内容：实际完成值能否识别并与指标值比较：不能是无法识别的写法（如“95%%”、#N/A），
    定量指标不能只写文字（如“按计划推进”），时限指标应填日期或“按期完成”。

    为什么重要：无法识别的实际完成值不能计分，该指标按0分或不计分处理，总分不完整。

    错误示例：“工程验收合格率”实际完成值“基本合格”；“项目完工时间”实际完成值“已开工”。

    正确示例：实际完成值“98%”；时限指标填“2024年11月20日”。

    依据：财预〔2020〕10号 附1（实际完成值按指标值口径填写）。
    """

    code = "S214"
    name = "actual-unparseable"
    title = "实际完成值无法识别"
    severity = Severity.ERROR
    kinds = frozenset({FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL})
    message = "“{name}”的实际完成值无法评分：{problem}"
    hint = "按指标值“{target}”的口径填写实际完成值（数值、日期，或定性指标的完成档次）"

    def check(self, ctx):
        indicators = ctx.form.indicators
        for item in ctx.score.indicators:
            if item.problem_code in _CODES:
                ind = indicators[item.index]
                yield self.finding(ctx, f"indicators[{item.index}].actual", name=ind_label(ind, item.index),
                                   problem=item.problem or "无法识别", target=(ind.target or "").strip())
