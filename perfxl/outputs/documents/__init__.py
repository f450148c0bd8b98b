"""Word documents from editable templates (GB/T 9704-2012 layout), built over perfxl.api results.

Two layers: context builders are pure functions of api results (a checked form, a batch's results)
returning plain dicts; `render` lays a context out with the kind's template and writes the .docx.

Interface (stable; the rectification tracking and the Excel ribbon call these):

    render(kind: str, context: dict, out: Path, *, pdf: bool = False, templates=None) -> Path
        kind in KINDS: "自评报告", "评价报告", "整改通知", "审核意见", "提醒函", "催办函", "汇总分析".
        Writes `out` atomically; with pdf=True also a PDF beside it (LibreOffice) and returns the PDF.
        `templates`: a folder of edited templates (<kind>.docx) used instead of the built-in ones.
    notice_context(file_report, *, pack, number: str, issued: date, deadline: date) -> dict   # 整改通知
        file_report: api.FileReport or api.Report. context["problems"]: [{no, title, text, location,
        code, severity, requirement}] — the numbered problems (errors, unmet indicators, low budget
        execution, warnings), each with its sheet!cell.
    overdue_context(notice: dict, *, pack, issued: date, number: str = "") -> dict            # 催办函
        notice: {number, unit, form/project, title?, issued, deadline (date or ISO text),
        problems: [{title or text, location, status}]}; problems with a closed status (CLOSED) are left out.
    report_context(result, *, pack, issued, evaluation=False) -> dict   # 自评报告 / 评价报告 (10号 outline)
    review_context(file_report, *, pack, number, issued) -> dict        # 审核意见 (88号 review grade)
    reminder_context(results, *, pack, number, issued) -> dict          # 提醒函 (136号 monitoring lights)
    summary_context(results, *, pack, issued) -> dict                   # 汇总分析 (batch results.json)
    rectification_deadline(issued, pack) -> date; document_number(pack, year, sequence) -> "×财绩〔2026〕1号"

Errors: DocumentError (template or rendering, names the template and the tag) and ContextError (the
input cannot make this document); both carry a Chinese message.
"""

from perfxl.outputs.document_kinds import FORM_DOCUMENTS
from perfxl.outputs.documents.contexts import (
    CLOSED,
    ContextError,
    notice_context,
    overdue_context,
    problems,
    reminder_context,
    report_context,
    review_context,
)
from perfxl.outputs.documents.render import DocumentError, Image, render, template, to_pdf
from perfxl.outputs.documents.settings import document_number, document_settings, rectification_deadline
from perfxl.outputs.documents.templates import DECLARED, KINDS, build_templates

__all__ = [
    "CLOSED", "DECLARED", "FORM_DOCUMENTS", "KINDS", "ContextError", "DocumentError", "Image", "build_templates", "document_number",
    "document_settings", "form_document", "notice_context", "overdue_context", "problems", "rectification_deadline",
    "reminder_context", "render", "report_context", "review_context", "summary_context", "summary_document", "template", "to_pdf",
]


def summary_context(results, *, pack=None, issued):
    """绩效评价汇总分析报告 from a batch's results (list of results.json objects or the file's path)."""
    from perfxl.outputs.documents.summary import summary_context as build

    return build(results, pack=pack, issued=issued)


def form_document(result, kind: str, out, *, pdf: bool = False, pack=None, number: str | None = None, issued=None,
                  deadline=None):
    """Write one checked form's document (kind in FORM_DOCUMENTS) with the pack's templates; see perfxl.api.report."""
    from datetime import date

    from perfxl.config import default_pack

    if kind not in FORM_DOCUMENTS:
        raise DocumentError(f"未知的文书类型「{kind}」（可用：{'、'.join(FORM_DOCUMENTS)}）")
    pack = pack or default_pack()
    issued = issued or date.today()
    settings = document_settings(pack)
    number = number if number is not None else f"{settings.number_prefix}〔{issued.year}〕　号"
    if kind in ("自评报告", "评价报告"):
        context = report_context(result, pack=pack, issued=issued, evaluation=kind == "评价报告")
    elif kind == "整改通知":
        deadline = deadline or rectification_deadline(issued, pack)
        context = notice_context(result, pack=pack, number=number, issued=issued, deadline=deadline)
    elif kind == "审核意见":
        context = review_context(result, pack=pack, number=number, issued=issued)
    else:
        context = reminder_context(result, pack=pack, number=number, issued=issued)
    return render(kind, context, out, pdf=pdf, templates=settings.templates)


def summary_document(results, out, *, pdf: bool = False, pack=None, issued=None):
    """Write the 绩效评价汇总分析报告 of a batch's results (results.json's path or its objects)."""
    from datetime import date

    from perfxl.config import default_pack

    pack = pack or default_pack()
    context = summary_context(results, pack=pack, issued=issued or date.today())
    return render("汇总分析", context, out, pdf=pdf, templates=document_settings(pack).templates)
