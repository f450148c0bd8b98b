"""The engine's front door: one call to read, one to check, one to score. Results are plain data.

Every door (CLI, batch, Excel UDFs and ribbon, documents) calls these and nothing below them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form
from perfxl.domain.finding import FindingCounts
from perfxl.scoring import FormScore, score_form

if TYPE_CHECKING:
    from perfxl.rules.review import Review


@dataclass(frozen=True, slots=True)
class Report(FindingCounts):
    """One form checked and scored."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    review: "Review | None" = None  # goal declarations: the review grade from the findings (目标审核)

    def to_dict(self) -> dict:
        """The documented score output shape, plus the review of a goal declaration."""
        out = self.score.to_dict(self.findings)
        if self.review is not None:
            out["review"] = self.review.to_dict()
        return out


def score(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form by the rules (the form's own figures are reported, never adopted)."""
    return score_form(form, pack or default_pack())


def check(form: Form, *, pack: RulePack | None = None, goal_form: Form | None = None) -> Report:
    """Score one form and run every active rule over it."""
    from perfxl.rules import check_form
    from perfxl.rules.review import review_form

    pack = pack or default_pack()
    result = score_form(form, pack)
    findings = tuple(check_form(form, pack=pack, score=result, goal_form=goal_form))
    return Report(form, result, findings, review_form(findings, pack) if form.kind.is_goal else None)


def load_forms(path: str | Path) -> list[Form]:
    """Forms from a form-JSON file (one form or a list). Raises FormJSONError with a Chinese message."""
    from perfxl.forms.formjson import load_json

    return load_json(path)


@dataclass(frozen=True, slots=True)
class FileReport(FindingCounts):
    """One input file: what reading it found, and each form read from it checked and scored."""

    path: str
    read_findings: tuple[Finding, ...]
    reports: tuple[Report, ...] = ()  # empty: no form could be read (the read findings say why)

    @property
    def report(self) -> Report | None:
        """The (first) form's report; workbooks with several forms list them all in `reports`."""
        return self.reports[0] if self.reports else None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.read_findings + tuple(f for r in self.reports for f in r.findings)

    @property
    def usable(self) -> bool:
        return bool(self.reports)


def read(path: str | Path):
    """Read one workbook (.xlsx/.xlsm) or form-JSON file into a ReadResult (.form, .forms, .findings)."""
    from perfxl.forms.reader import read_path

    return read_path(path)


GoalMatcher = Callable[[Form], Form | None]


def check_file(path: str | Path, *, pack: RulePack | None = None,
               goal_form: Form | GoalMatcher | None = None) -> FileReport:
    """Read, check and score every form in one file; the reader's own findings follow the pack's [rules] too.

    `goal_form` is the declared goal form to compare with, or a function that finds it for a form read.
    """
    from perfxl.rules.check import adjust

    pack = pack or default_pack()
    result = read(path)
    forms = result.forms or ((result.form,) if result.form is not None else ())
    match = goal_form if callable(goal_form) else lambda _form: goal_form
    read_findings = tuple(adjust(result.findings, pack))
    reports = tuple(_with_read_findings(check(form, pack=pack, goal_form=match(form)), read_findings, pack)
                    for form in forms)
    return FileReport(str(path), read_findings, reports)


def _with_read_findings(report: Report, read_findings: tuple[Finding, ...], pack: RulePack) -> Report:
    """A goal declaration's review counts what the reader found in its workbook too."""
    if report.review is None or not read_findings:
        return report
    from dataclasses import replace

    from perfxl.rules.review import review_form

    return replace(report, review=review_form(read_findings + report.findings, pack))


# ---------------------------------------------------------------------------------------------------------------
# Documents — Word documents in the GB/T 9704-2012 layout (extra `perfxl[docs]`: docxtpl, matplotlib, pandas).
# One call per document; the context builders and templates live in perfxl.documents.
# ---------------------------------------------------------------------------------------------------------------
FORM_DOCUMENTS = ("自评报告", "评价报告", "整改通知", "审核意见", "提醒函")


def _documents():
    """perfxl.documents, or a DocumentError-like ValueError naming the extra to install."""
    try:
        import perfxl.documents as documents
    except ImportError as exc:
        raise ValueError(f"生成文书需要安装扩展：pip install 'perfxl[docs]'（缺少 {exc.name}）") from None
    return documents


def report(file_or_report: str | Path | FileReport | Report, kind: str, out: str | Path, *, pdf: bool = False,
           pack: RulePack | None = None, number: str | None = None, issued=None, deadline=None) -> Path:
    """Write one form's document: kind in FORM_DOCUMENTS (自评报告, 评价报告, 整改通知, 审核意见, 提醒函).

    `file_or_report` is a workbook / form-JSON path (read and checked here) or a checked result.
    `number` is the 发文字号 (default: the pack's prefix with the number left blank to fill in);
    `issued` defaults to today; a 整改通知's `deadline` defaults to the pack's working-day deadline.
    Returns the .docx path (the .pdf path with `pdf`). Raises ValueError subclasses with Chinese messages.
    """
    from datetime import date

    documents = _documents()
    if kind not in FORM_DOCUMENTS:
        raise documents.DocumentError(f"未知的文书类型「{kind}」（可用：{'、'.join(FORM_DOCUMENTS)}）")
    pack = pack or default_pack()
    result = file_or_report if isinstance(file_or_report, FileReport | Report) else check_file(file_or_report, pack=pack)
    issued = issued or date.today()
    settings = documents.document_settings(pack)
    number = number if number is not None else f"{settings.number_prefix}〔{issued.year}〕　号"
    if kind in ("自评报告", "评价报告"):
        context = documents.report_context(result, pack=pack, issued=issued, evaluation=kind == "评价报告")
    elif kind == "整改通知":
        deadline = deadline or documents.rectification_deadline(issued, pack)
        context = documents.notice_context(result, pack=pack, number=number, issued=issued, deadline=deadline)
    elif kind == "审核意见":
        context = documents.review_context(result, pack=pack, number=number, issued=issued)
    else:
        context = documents.reminder_context(result, pack=pack, number=number, issued=issued)
    return documents.render(kind, context, out, pdf=pdf, templates=settings.templates)


def summary_report(results, out: str | Path, *, pdf: bool = False, pack: RulePack | None = None, issued=None) -> Path:
    """Write the 绩效评价汇总分析报告 of a batch: `results` is results.json's path or its list of objects."""
    from datetime import date

    documents = _documents()
    pack = pack or default_pack()
    context = documents.summary_context(results, pack=pack, issued=issued or date.today())
    return documents.render("汇总分析", context, out, pdf=pdf, templates=documents.document_settings(pack).templates)


def results_frame(results):
    """A pandas DataFrame of a batch's results (results.json path or objects): one row per file."""
    _documents()
    from perfxl.documents.summary import results_frame as frame

    return frame(results)
