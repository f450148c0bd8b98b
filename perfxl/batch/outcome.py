"""What processing one input file produced, as plain picklable data (workers → runner → ledger).

An `Outcome` is one result row: every input file yields exactly one, whatever happened to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perfxl.domain import Finding, Severity
from perfxl.domain.finding import FindingCounts
from perfxl.reports import Status


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
    score_json: str | None = field(default=None, repr=False)  # FileReport.tail() as JSON (complete … score)
    feedback: Any = field(default=None, repr=False)  # a feedback workbook's FeedbackData, recorded by the runner

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.INFO)


def failed(file_id: int, file: str, status: Status, reason: str, elapsed: float = 0.0) -> Outcome:
    """A row for a file whose processing did not complete (timeout, crash, exception)."""
    return Outcome(file_id=file_id, file=file, status=status, reason=reason, elapsed=elapsed)
