"""What processing one input file produced, as plain picklable data (workers → runner → ledger).

An `Outcome` is one result row: every input file yields exactly one, whatever happened to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from perfxl.domain import Finding, Severity
from perfxl.domain.finding import FindingCounts


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


@dataclass(slots=True)
class Outcome(FindingCounts):
    """One input file's result row. Numbers are rounded for output (half-up) by the worker."""

    file_id: int
    file: str  # display path (relative to the input; "archive.zip/member" inside archives)
    status: Status
    reason: str | None = None  # Chinese: why unreadable / not a form / first error
    kind: str | None = None
    year: int | None = None
    unit: str | None = None
    unit_code: str | None = None
    department: str | None = None
    project: str | None = None
    project_code: str | None = None
    total: float | None = None  # engine total (rounded half-up)
    self_total: float | None = None  # the form's own 总分
    difference: float | None = None  # self_total − total
    grade: str | None = None
    execution_rate: float | None = None  # fraction
    content_key: str | None = None  # sha256 of the form's content (duplicate detection, D501)
    identity_key: str | None = None  # kind|year|unit|project (duplicate detection, D502)
    goal_file: str | None = None  # the declared goal form matched for cross-document checks
    annotated: str | None = None  # annotated copy, relative to the output folder
    annotated_bytes: bytes | None = field(default=None, repr=False)  # remote workers ship the copy back
    elapsed: float = 0.0
    findings: tuple[Finding, ...] = ()
    score_json: str | None = field(default=None, repr=False)  # FormScore.to_dict() without findings
    feedback: Any = field(default=None, repr=False)  # a feedback workbook's FeedbackData, recorded by the runner

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.INFO)


def failed(file_id: int, file: str, status: Status, reason: str, elapsed: float = 0.0) -> Outcome:
    """A row for a file whose processing did not complete (timeout, crash, exception)."""
    return Outcome(file_id=file_id, file=file, status=status, reason=reason, elapsed=elapsed)
