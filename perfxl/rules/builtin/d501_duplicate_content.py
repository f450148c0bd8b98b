from perfxl.domain import Severity
from perfxl.rules.base import DocumentationRule
from perfxl.rules.registry import register


@register
class DuplicateContent(DocumentationRule):
    """检查内容：（批量汇总时）同一批次中是否有内容完全相同的两份表单（文件名不同、内容一样）。
    由批量汇总调用 perfxl.rules.duplicates.find_duplicates 报告，单独校验一份表单时不检查。

    为什么重要：同一表单重复报送会在汇总中重复计数（项目数、资金额、平均分），
    也可能是把别的单位的文件误当作本单位的提交。

    错误示例：“教育局_自评表.xlsx”和“教育局_自评表(1).xlsx”内容完全相同。

    正确示例：每个项目只提交一份自评表；重复的文件删除。

    依据：财预〔2020〕10号 第十一条（单位自评覆盖全部项目，一项目一表）。
    """

    code = "D501"
    name = "duplicate-content"
    title = "内容完全相同的表单"
    severity = Severity.ERROR
    scope = "batch"
    message = "这份{what}与{first}内容完全相同"
    hint = "删除重复提交的文件，只保留一份"
