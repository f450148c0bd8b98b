"""One input checked: read, check and score every form of a file (or a live workbook), as plain data.

The engine's own entry for doors and the batch worker alike (perfxl.api re-exports it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form
from perfxl.domain.finding import FindingCounts
from perfxl.scoring import FormScore, score_form

if TYPE_CHECKING:
    from perfxl.rules.review import Review


class Status(StrEnum):
    """Status of one input file. Values are stable (ledger, results.json); labels are what users see."""

    SCORED = "scored"  # a self-assessment read, checked and scored; no error-severity finding
    REVIEWED = "reviewed"  # a goal declaration read and checked, with its review grade; no error
    CHECKED = "checked"  # a monitoring form read and checked, with its progress lights; no error
    ERRORS = "errors"  # a form read and checked, with error-severity findings
    UNREADABLE = "unreadable"  # a workbook (or claims to be) that cannot be read
    NOT_FORM = "not_form"  # not a performance form at all (.docx, image, ~$ lock file, other workbook)
    TIMEOUT = "timeout"  # processing exceeded the per-file time limit
    FAILED = "failed"  # an unexpected exception or a crashed worker
    FEEDBACK = "feedback"  # a returned 整改情况反馈表, recorded in the ledger
    FEEDBACK_ERRORS = "feedback_errors"  # a returned 整改情况反馈表 of which some or all was not recorded

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def clean(cls, kind: str | None) -> Status:
        """The status of a form of this kind without error findings: goal forms are reviewed, monitoring
        forms checked, self-assessments scored."""
        if kind in ("project_goal", "dept_goal"):
            return cls.REVIEWED
        return cls.CHECKED if kind == "project_monitor" else cls.SCORED

    @property
    def is_form(self) -> bool:
        """A form was read and checked (with or without errors)."""
        return self in _FORMS

    @property
    def retry_on_resume(self) -> bool:
        """Timeouts and crashes may be transient: --resume processes those files again. Feedback workbooks
        are always processed again: recording them is idempotent, and their notice may have changed."""
        return self in (Status.TIMEOUT, Status.FAILED, Status.FEEDBACK, Status.FEEDBACK_ERRORS)


_LABELS = {
    Status.SCORED: "已评分",
    Status.REVIEWED: "已审核",
    Status.CHECKED: "已检查",
    Status.ERRORS: "有错误",
    Status.UNREADABLE: "无法读取",
    Status.NOT_FORM: "非绩效表单",
    Status.TIMEOUT: "处理超时",
    Status.FAILED: "处理失败",
    Status.FEEDBACK: "整改反馈",
    Status.FEEDBACK_ERRORS: "整改反馈有误",
}

_FORMS = frozenset({Status.SCORED, Status.REVIEWED, Status.CHECKED, Status.ERRORS})

# T1xx codes that mean "this is not a form at all" rather than "a workbook we cannot read".
NOT_FORM_CODES = frozenset({"T104", "T105", "T001"})


@dataclass(frozen=True, slots=True)
class Report(FindingCounts):
    """One form checked and scored."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    review: Review | None = None  # goal declarations: the review grade from the findings (目标审核)

    def to_dict(self) -> dict:
        """The documented score output shape, plus the review of a goal declaration."""
        out = self.score.to_dict(self.findings)
        if self.review is not None:
            out["review"] = self.review.to_dict()
        return out


def check(form: Form, *, pack: RulePack | None = None, goal_form: Form | None = None) -> Report:
    """Score one form and run every active rule over it."""
    from perfxl.rules import check_form
    from perfxl.rules.review import review_form

    pack = pack or default_pack()
    result = score_form(form, pack)
    findings = tuple(check_form(form, pack=pack, score=result, goal_form=goal_form))
    return Report(form, result, findings, review_form(findings, pack) if form.kind.is_goal else None)


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


GoalMatcher = Callable[[Form], Form | None]


def check_file(path: str | Path, *, pack: RulePack | None = None,
               goal_form: Form | GoalMatcher | None = None) -> FileReport:
    """Read, check and score every form in one file; the reader's own findings follow the pack's [rules] too.

    `goal_form` is the declared goal form to compare with, or a function that finds it for a form read.
    """
    from perfxl.rules.check import adjust

    pack = pack or default_pack()
    from perfxl.forms.read.reader import read_path

    result = read_path(path)
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


def check_book(book, *, pack: RulePack | None = None) -> FileReport:
    """read_book + check + score every form in it, like check_file for a file."""
    from perfxl.rules.check import adjust

    pack = pack or default_pack()
    from perfxl.forms.read.reader import read_book

    result = read_book(book)
    forms = result.forms or ((result.form,) if result.form is not None else ())
    source = str(getattr(book, "name", "") or "")
    read_findings = tuple(adjust(result.findings, pack))
    reports = tuple(_with_read_findings(check(form, pack=pack), read_findings, pack) for form in forms)
    return FileReport(source, read_findings, reports)


