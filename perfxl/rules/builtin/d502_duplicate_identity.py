from perfxl.domain import Severity
from perfxl.rules.base import DocumentationRule
from perfxl.rules.registry import register


@register
class DuplicateIdentity(DocumentationRule):
    """检查内容：（批量汇总时）同一批次中是否有同一单位、同一项目、同一种表单、同一年度的两份表单
    （内容不同）。由批量汇总调用 perfxl.rules.duplicates.find_duplicates 报告。

    为什么重要：同一项目报了两个版本，汇总时不知道以哪份为准；常见于修改后重新报送却没有撤回旧文件。

    错误示例：“校舍维修改造”2024年度自评表出现两份，总分分别为 86.5 和 91.0。

    正确示例：每个项目每年度只保留最终版本一份。

    依据：财预〔2020〕10号 第十一条（一项目一表）。
    """

    code = "D502"
    name = "duplicate-identity"
    title = "同一单位项目的重复表单"
    severity = Severity.WARNING
    scope = "batch"
    message = "“{name}”{year}年度的{what}在{first}中已提交过一份（内容不同）"
    hint = "确认哪一份是最终版本，撤回或删除其他版本"
