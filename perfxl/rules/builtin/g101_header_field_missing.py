from perfxl.domain import FormKind, Severity
from perfxl.rules.base import Rule
from perfxl.rules.helpers import blank
from perfxl.rules.registry import register

_PROJECT = (("project.name", "项目名称"), ("unit.department", "主管部门"), ("unit.implementer", "实施单位"))
REQUIRED = {
    FormKind.PROJECT_GOAL: _PROJECT + (("project.attribute", "项目属性（新增/延续）"), ("project.period", "项目期")),
    FormKind.DEPT_GOAL: (("unit.name", "部门（单位）名称"),),
    FormKind.PROJECT_MONITOR: _PROJECT,
    FormKind.PROJECT_SELFEVAL: _PROJECT,
    FormKind.DEPT_SELFEVAL: (("unit.name", "部门名称"),),
}


@register
class HeaderFieldMissing(Rule):
    """检查内容：表头必填项是否填写：项目类表单的项目名称、主管部门、实施单位（申报表另有项目属性、
    项目期），部门整体表单的部门（单位）名称。

    为什么重要：表头是审核、汇总和归档的依据；缺少项目名称或单位，财政部门无法把表单对应到预算项目，
    批量汇总时也无法识别重复报送。

    错误示例：申报表“实施单位”一栏空白；“项目属性”未选择。

    正确示例：项目名称“2024年义务教育学校校舍维修改造”，主管部门“某某县教育局”，实施单位“某某县第一中学”，
    项目属性“延续”，项目期“2024—2026”。

    依据：财预〔2015〕88号《中央部门预算绩效目标管理办法》附件申报表；财预〔2020〕10号 附1 项目支出绩效自评表。
    """

    code = "G101"
    name = "header-field-missing"
    title = "表头必填项未填"
    severity = Severity.ERROR
    message = "表头“{field}”未填写"
    hint = "在表头填写“{field}”"

    def check(self, ctx):
        form = ctx.form
        for path, label in REQUIRED[form.kind]:
            part, attr = path.split(".")
            if blank(getattr(getattr(form, part), attr)):
                yield self.finding(ctx, path, field=label)
