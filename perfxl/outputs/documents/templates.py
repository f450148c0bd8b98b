"""The seven Word templates, built from code (`perfxl report-templates --out report_templates`).

Each template lays out one document kind; the text a user sees comes from the context builders
(perfxl.outputs.documents.contexts / summary). Templates use docxtpl tags: {{ x }}, {%p for … %} paragraph
loops and {%tr for … %} table-row loops. `DECLARED` lists the variables each kind's context provides;
`check_template` fails on any other, so an edited template cannot silently print nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perfxl.outputs.document_kinds import DOCUMENT_KINDS as KINDS
from perfxl.outputs.documents.layout import Builder

_OFFICIAL = {"issuer", "number", "title", "unit", "signatory", "issued_text", "contact", "phone"}
_REPORT = {"title", "author", "issued_text", "overview", "goals", "goal_summary", "work", "conclusion",
           "score_rows", "sections", "experience", "problems", "suggestions", "other"}
DECLARED: dict[str, frozenset[str]] = {
    "自评报告": frozenset(_REPORT),
    "评价报告": frozenset(_REPORT),
    "整改通知": frozenset(_OFFICIAL | {"basis", "problems", "working_days", "deadline_text", "reply_to",
                                   "reply_method"}),
    "审核意见": frozenset(_OFFICIAL | {"intro", "grade", "points", "outcome", "requirement", "reasons"}),
    "提醒函": frozenset(_OFFICIAL | {"intro", "projects", "indicators", "deadline_text"}),
    "催办函": frozenset(_OFFICIAL | {"notice_number", "notice_title", "notice_issued_text", "notice_deadline_text",
                                  "overdue_days", "open_problems", "open_count", "deadline_text", "reply_to",
                                  "reply_method"}),
    "汇总分析": frozenset({"title", "author", "issued_text", "overview", "grade_rows", "ranking_rows", "dept_rows",
                       "kind_rows", "problem_rows", "execution_rows", "level1_rows", "chart_grades", "chart_level1",
                       "chart_execution", "findings", "suggestions"}),
}


def _numbered(b: Builder, loop: str, var: str, *, title: str, text: str) -> None:
    b.tag(f"{{%p for {var} in {loop} %}}")
    b.body(("bold", f"{{{{ {var}.no }}}}. {title}"), text)
    b.tag("{%p endfor %}")


def _report(b: Builder, evaluation: bool) -> None:
    b.title("{{ title }}", blank_before=False)
    b.subtitle("{{ author }}")
    b.line("")
    b.heading1("一、基本情况")
    b.heading2("（一）项目概况")
    b.body("{{ overview }}")
    b.heading2("（二）项目绩效目标")
    b.body("{{ goals }}")
    b.body("{{ goal_summary }}")
    b.heading1("二、绩效评价工作开展情况" if evaluation else "二、绩效自评工作开展情况")
    b.body("{{ work }}")
    b.heading1("三、综合评价情况及评价结论")
    b.body("{{ conclusion }}")
    b.table(["评价内容", "分值", "得分", "得分率"], ["{{ r.name }}", "{{ r.weight }}", "{{ r.score }}", "{{ r.rate }}"],
            "r in score_rows", widths=[66, 30, 30, 30], left=(0,))
    b.heading1("四、绩效评价指标分析")
    b.tag("{%p for s in sections %}")
    b.heading2("{{ s.heading }}")
    b.body("{{ s.summary }}")
    _numbered(b, "s.entries", "i", title="{{ i.name }}", text="{{ i.text }}")
    b.tag("{%p endfor %}")
    b.heading1("五、主要经验及做法、存在的问题及原因分析")
    b.heading2("（一）主要经验及做法")
    b.body("{{ experience }}")
    b.heading2("（二）存在的问题及原因分析")
    _numbered(b, "problems", "p", title="{{ p.title }}", text="{{ p.text }}")
    b.tag("{%p if not problems %}")
    b.body("未发现需要说明的问题。")
    b.tag("{%p endif %}")
    b.heading1("六、有关建议")
    _numbered(b, "suggestions", "s", title="{{ s.title }}", text="{{ s.text }}")
    b.heading1("七、其他需要说明的问题")
    b.body("{{ other }}")
    b.signature("{{ author }}", "{{ issued_text }}")


def _self_report(b: Builder) -> None:
    _report(b, evaluation=False)


def _evaluation_report(b: Builder) -> None:
    _report(b, evaluation=True)


def _contact(b: Builder) -> None:
    b.note("（联系人：{{ contact }}，联系电话：{{ phone }}）")


def _notice(b: Builder) -> None:
    b.masthead()
    b.title("{{ title }}")
    b.addressee("{{ unit }}：")
    b.body("{{ basis }}")
    b.heading1("一、存在的问题")
    _numbered(b, "problems", "p", title="{{ p.title }}", text="{{ p.text }}（{{ p.location }}）")
    b.heading1("二、整改要求")
    b.body(("bold", "（一）逐项整改。"), "请对照问题清单（附件1）逐项分析原因，制定整改措施，明确责任人和完成时限，"
           "涉及表单填报的问题请更正后重新报送表单。")
    b.body(("bold", "（二）按时反馈。"), "请于{{ deadline_text }}前（{{ working_days }}个工作日内）填写整改情况反馈表（附件2），"
           "以{{ reply_method }}报送{{ reply_to }}。")
    b.body(("bold", "（三）举一反三。"), "请对照问题举一反三，健全预算绩效管理内部制度，提高绩效目标设置和自评质量，"
           "避免同类问题再次发生。整改情况将作为以后年度预算安排的重要参考。")
    _contact(b)
    b.attachments(["问题清单", "整改情况反馈表"])
    b.signature("{{ signatory }}", "{{ issued_text }}")
    b.page_break()
    b.attachment_label("附件1")
    b.title("问题清单", blank_before=False)
    b.table(["序号", "问题", "位置", "整改要求"],
            ["{{ p.no }}", "{{ p.title }}{{ p.text }}", "{{ p.location }}", "{{ p.requirement }}"],
            "p in problems", widths=[14, 72, 30, 40], left=(1, 3))
    b.page_break()
    b.attachment_label("附件2")
    b.title("整改情况反馈表", blank_before=False)
    b.line("填报单位（盖章）：{{ unit }}")
    b.line("通知文号：{{ number }}")
    b.table(["序号", "问题", "整改措施", "完成时限", "责任人", "完成情况"],
            ["{{ p.no }}", "{{ p.title }}", "", "", "", ""], "p in problems", widths=[12, 50, 36, 20, 18, 20], left=(1,))
    b.line("单位负责人：　　　　　　填表人：　　　　　　联系电话：")


def _review(b: Builder) -> None:
    b.masthead()
    b.title("{{ title }}")
    b.addressee("{{ unit }}：")
    b.body("{{ intro }}")
    b.heading1("一、审核结论")
    b.body("审核等级：", ("bold", "{{ grade }}"), "（{{ points }}分）。审核结论：{{ outcome }}。")
    b.heading1("二、审核发现的问题")
    _numbered(b, "reasons", "r", title="{{ r.title }}", text="{{ r.text }}（{{ r.location }}）")
    b.tag("{%p if not reasons %}")
    b.body("未发现问题。")
    b.tag("{%p endif %}")
    b.heading1("三、有关要求")
    b.body("{{ requirement }}")
    _contact(b)
    b.signature("{{ signatory }}", "{{ issued_text }}")


def _reminder(b: Builder) -> None:
    b.masthead()
    b.title("{{ title }}")
    b.addressee("{{ unit }}：")
    b.body("{{ intro }}")
    b.heading1("一、预算执行进度")
    b.tag("{%p if projects %}")
    b.table(["序号", "项目", "全年预算（万元）", "1—N月执行（万元）", "执行率", "序时进度", "进度比", "预警"],
            ["{{ p.no }}", "{{ p.name }}", "{{ p.budget }}", "{{ p.executed }}", "{{ p.rate }}", "{{ p.elapsed }}",
             "{{ p.ratio }}", "{{ p.light }}"], "p in projects", widths=[10, 40, 20, 20, 17, 17, 16, 16], left=(1,), size=10.5)
    b.tag("{%p else %}")
    b.body("预算执行进度未低于序时进度。")
    b.tag("{%p endif %}")
    b.heading1("二、绩效目标实现进度")
    b.tag("{%p if indicators %}")
    b.table(["序号", "项目", "绩效指标", "年度指标值", "1—N月完成", "进度比", "预警"],
            ["{{ i.no }}", "{{ i.project }}", "{{ i.name }}", "{{ i.target }}", "{{ i.progress }}", "{{ i.ratio }}",
             "{{ i.light }}"], "i in indicators", widths=[10, 34, 34, 24, 24, 15, 15], left=(1, 2), size=10.5)
    b.tag("{%p else %}")
    b.body("绩效指标完成进度未发现红灯、黄灯预警。")
    b.tag("{%p endif %}")
    b.heading1("三、有关要求")
    b.body("请你单位高度重视，认真分析进度滞后的原因，采取有效措施加快预算执行和项目实施，确保年度绩效目标如期实现。"
           "请于{{ deadline_text }}前将偏差原因和纠偏措施书面报送我局。")
    _contact(b)
    b.signature("{{ signatory }}", "{{ issued_text }}")


def _overdue(b: Builder) -> None:
    b.masthead()
    b.title("{{ title }}")
    b.addressee("{{ unit }}：")
    b.body("我局于{{ notice_issued_text }}印发《{{ notice_title }}》（{{ notice_number }}），要求你单位于"
           "{{ notice_deadline_text }}前报送整改情况。截至{{ issued_text }}，已逾期{{ overdue_days }}个工作日，"
           "尚有{{ open_count }}个问题未报送整改情况或未完成整改：")
    _numbered(b, "open_problems", "p", title="{{ p.title }}", text="{{ p.text }}（当前状态：{{ p.status }}）")
    b.body("请你单位抓紧落实整改，于{{ deadline_text }}前以{{ reply_method }}向{{ reply_to }}报送整改情况反馈表。"
           "逾期仍未报送的，我局将按规定予以通报，并将整改情况与以后年度预算安排挂钩。")
    b.body("特此函告。")
    _contact(b)
    b.signature("{{ signatory }}", "{{ issued_text }}")


def _summary(b: Builder) -> None:
    b.title("{{ title }}", blank_before=False)
    b.subtitle("{{ author }}")
    b.line("")
    b.heading1("一、总体情况")
    b.body("{{ overview }}")
    b.heading1("二、评价结果分布")
    b.heading2("（一）评价等级")
    b.table(["评价等级", "表单数", "占比"], ["{{ r.grade }}", "{{ r.count }}", "{{ r.share }}"], "r in grade_rows",
            widths=[50, 40, 40])
    b.image("{{ chart_grades }}")
    b.heading2("（二）排名等级")
    b.table(["排名等级", "表单数", "占比"], ["{{ r.grade }}", "{{ r.count }}", "{{ r.share }}"], "r in ranking_rows",
            widths=[50, 40, 40])
    b.heading1("三、分部门、分类型情况")
    b.heading2("（一）分部门")
    b.table(["主管部门", "表单数", "平均分", "最高分", "最低分", "错误", "警告"],
            ["{{ r.department }}", "{{ r.count }}", "{{ r.mean }}", "{{ r.best }}", "{{ r.worst }}", "{{ r.errors }}",
             "{{ r.warnings }}"], "r in dept_rows", widths=[46, 18, 20, 20, 20, 16, 16], left=(0,), size=10.5)
    b.heading2("（二）分类型")
    b.table(["表单类型", "表单数", "平均分", "有问题的表单", "问题数"],
            ["{{ r.kind }}", "{{ r.count }}", "{{ r.mean }}", "{{ r.with_problems }}", "{{ r.problems }}"],
            "r in kind_rows", widths=[56, 22, 24, 30, 24], left=(0,))
    b.heading1("四、指标得分与预算执行")
    b.heading2("（一）一级指标得分率")
    b.table(["一级指标", "表单数", "平均得分率"], ["{{ r.name }}", "{{ r.count }}", "{{ r.rate }}"], "r in level1_rows",
            widths=[56, 40, 40])
    b.image("{{ chart_level1 }}")
    b.heading2("（二）预算执行率")
    b.table(["执行率区间", "表单数", "占比"], ["{{ r.band }}", "{{ r.count }}", "{{ r.share }}"], "r in execution_rows",
            widths=[56, 40, 40])
    b.image("{{ chart_execution }}")
    b.heading1("五、主要问题")
    b.body("{{ findings }}")
    b.table(["序号", "规则", "检查内容", "出现次数", "涉及单位数"],
            ["{{ r.no }}", "{{ r.code }}", "{{ r.example }}", "{{ r.count }}", "{{ r.units }}"], "r in problem_rows",
            widths=[12, 18, 82, 22, 22], left=(2,), size=10.5)
    b.heading1("六、有关建议")
    _numbered(b, "suggestions", "s", title="{{ s.title }}", text="{{ s.text }}")
    b.signature("{{ author }}", "{{ issued_text }}")


LAYOUTS: dict[str, Callable[[Builder], None]] = {
    "自评报告": _self_report, "评价报告": _evaluation_report, "整改通知": _notice, "审核意见": _review,
    "提醒函": _reminder, "催办函": _overdue, "汇总分析": _summary,
}


def build_template(kind: str) -> bytes:
    """The built-in template of `kind` as .docx bytes (identical bytes on every build)."""
    b = Builder()
    LAYOUTS[kind](b)
    return b.to_bytes()


def file_name(kind: str) -> str:
    return f"{kind}.docx"


def build_templates(out: str | Path) -> list[Path]:
    """Write every built-in template into `out` (atomically); returns the paths."""
    from perfxl.outputs.documents.render import write_bytes

    return [write_bytes(Path(out) / file_name(kind), build_template(kind)) for kind in KINDS]


@dataclass(frozen=True, slots=True)
class TemplateUse:
    """An edited template checked: the variables it uses and the declared ones it leaves out, or why it is broken."""

    kind: str
    found: bool  # False: the folder has no template of this kind (the built-in one is used)
    used: tuple[str, ...] = ()
    unused: tuple[str, ...] = ()
    error: str | None = None  # DocumentError message (Chinese)


def template_usage(folder: str | Path) -> list[TemplateUse]:
    """Every kind's edited template in `folder`, checked."""
    from perfxl.outputs.documents.render import DocumentError, template

    out = []
    for kind in KINDS:
        if not (Path(folder) / f"{kind}.docx").is_file():
            out.append(TemplateUse(kind, False))
            continue
        try:
            used = template(kind, folder).check()
        except DocumentError as exc:
            out.append(TemplateUse(kind, True, error=str(exc)))
            continue
        out.append(TemplateUse(kind, True, tuple(sorted(used)), tuple(sorted(DECLARED[kind] - used))))
    return out
