"""One input checked: read, check and score every form of a file (or a live workbook), as plain data.

The engine's own entry for doors and the batch worker alike (perfxl.api re-exports it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form, FormKind, Severity
from perfxl.domain.finding import FindingCounts
from perfxl.domain.kinds import Stage, stage_of
from perfxl.scoring import FormScore, half_up, score_form

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
        stage = stage_of(kind)
        return cls.REVIEWED if stage is Stage.GOAL else cls.CHECKED if stage is Stage.MONITOR else cls.SCORED

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


# The one report shape of an input file (docs/results-json.md): what `perfxl validate --format json` prints and
# each object of a batch's results.json. Keys in this order; batch-only facts (sha256 … annotated) are null
# outside a batch. The tail keys come last so the batch can splice them in from the ledger as stored JSON text.
HEAD_KEYS = ("file", "sha256", "size", "status", "status_label", "reason", "kind", "kind_label", "year", "unit",
             "unit_code", "department", "project", "project_code", "total", "self_total", "difference", "grade",
             "rank", "rank_of", "ranking_grade", "errors", "warnings", "infos", "execution_rate", "goal_file",
             "annotated", "findings")
TAIL_KEYS = ("complete", "complete_note", "review", "score")
# The facts a batch stores per file besides its findings (the ledger's result columns).
FACT_KEYS = ("status", "reason", "kind", "year", "unit", "unit_code", "department", "project", "project_code",
             "total", "self_total", "difference", "grade", "execution_rate")


def report_object(facts: Mapping[str, Any], findings: Sequence[Finding], tail: Mapping[str, Any] | None = None
                  ) -> dict[str, Any]:
    """One input file's object from its facts (FACT_KEYS, `file` and any batch-only key) and its findings;
    without `tail` the object stops after `findings` (the batch splices the stored tail in)."""
    status = Status(facts["status"])
    derived = {"status_label": status.label, "kind_label": kind_label(facts.get("kind")),
               "errors": _count(findings, Severity.ERROR), "warnings": _count(findings, Severity.WARNING),
               "infos": _count(findings, Severity.INFO), "findings": [f.to_dict() for f in findings]}
    out = {key: derived[key] if key in derived else facts.get(key) for key in HEAD_KEYS}
    if tail is not None:
        out.update((key, tail.get(key)) for key in TAIL_KEYS)
    return out


@dataclass(frozen=True, slots=True)
class FileReport(FindingCounts):
    """One input file: what reading it found, and each form read from it checked and scored.

    The first form is the file's: a workbook with several forms (T008) is described by its first, with the
    findings of all of them.
    """

    path: str
    read_findings: tuple[Finding, ...]
    reports: tuple[Report, ...] = ()  # empty: no form could be read (the read findings say why)

    @property
    def report(self) -> Report | None:
        """The (first) form's report; workbooks with several forms list them all in `reports`."""
        return self.reports[0] if self.reports else None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Everything found in the file, most severe first (stable: reading order within a severity and code)."""
        return _sorted(self.read_findings + tuple(f for r in self.reports for f in r.findings))

    def findings_of(self, report: Report) -> tuple[Finding, ...]:
        """What reading the file found and what checking one of its forms found, most severe first."""
        return _sorted(self.read_findings + report.findings)

    @property
    def usable(self) -> bool:
        return bool(self.reports)

    @property
    def infos(self) -> int:
        return _count(self.findings, Severity.INFO)

    def facts(self) -> dict[str, Any]:
        """Status, reason and the first form's identity and figures (FACT_KEYS), rounded as users see them."""
        report = self.report
        if report is None:
            status, reason = _unusable_status(self.read_findings)
            return dict.fromkeys(FACT_KEYS) | {"status": status, "reason": reason}
        form, score = report.form, report.score
        decimals = score.decimals
        total, self_total = half_up(score.total, decimals), half_up(score.self_total, decimals)
        first_error = next((f for f in self.findings if f.severity is Severity.ERROR), None)
        if report.review is not None:  # goal declarations: the review grade is their grade
            grade, note = report.review.grade, report.review.summary()
        elif score.progress is not None:  # monitoring forms: their lights
            grade, note = score.grade, score.progress.summary()
        else:  # self-assessments: say when the total is incomplete (not ranked)
            grade, note = score.grade, None if score.complete else f"总分不完整，不参加排名：{score.complete_note}"
        return {
            "status": Status.ERRORS if first_error else Status.clean(form.kind.value),
            "reason": _reason(first_error, note, incomplete=not score.complete and score.progress is None),
            "kind": form.kind.value, "year": form.year, "unit": form.unit.name, "unit_code": form.unit.code,
            "department": form.unit.department, "project": form.project.name, "project_code": form.project.code,
            "total": total, "self_total": self_total,
            "difference": half_up(score.self_total - score.total, decimals)
            if score.self_total is not None and score.total is not None else None,
            "grade": grade,
            "execution_rate": half_up(score.budget.execution_rate, 6),
        }

    def tail(self) -> dict[str, Any]:
        """Whether the first form's total is complete (and why not), its review, and its score breakdown."""
        report = self.report
        if report is None:
            return dict.fromkeys(TAIL_KEYS)
        score = report.score.to_dict()
        for key in ("file", "findings"):
            score.pop(key, None)
        return {"complete": report.score.complete, "complete_note": report.score.complete_note,
                "review": report.review.to_dict() if report.review is not None else None, "score": score}

    def to_dict(self, **batch: Any) -> dict[str, Any]:
        """The one report shape (docs/results-json.md); `batch` gives batch-only facts (sha256, rank …)."""
        return report_object(self.facts() | {"file": self.path} | batch, self.findings, self.tail())


def _sorted(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    from perfxl.rules.check import sort_key

    return tuple(sorted(findings, key=sort_key))


def _count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)


def kind_label(kind: str | None) -> str | None:
    """The official title of a kind value (the value itself when unknown)."""
    if not kind:
        return None
    try:
        return FormKind(kind).title
    except ValueError:
        return kind


def _reason(first_error: Finding | None, note: str | None, incomplete: bool) -> str | None:
    """The row's 说明: an incomplete total first (the form is not ranked), then the first error, else the note
    (a goal form's review, a monitoring form's lights)."""
    if first_error is None:
        return note
    return f"{note}；{first_error.message}" if incomplete else first_error.message


def _unusable_status(findings: tuple[Finding, ...]) -> tuple[Status, str]:
    """Status and reason for a file from which no form could be read."""
    from perfxl.forms.read.problems import is_unusable

    first = next((f for f in findings if is_unusable(f)), None) \
        or next((f for f in findings if f.severity is Severity.ERROR), None)
    if first is None:
        return Status.UNREADABLE, "未能从文件中读取表单"
    status = Status.NOT_FORM if first.code in NOT_FORM_CODES else Status.UNREADABLE
    return status, first.message


GoalMatcher = Callable[[Form], Form | None]


def rule_pack(path: str | Path | None = None) -> RulePack:
    """The pack checks run with: `path`, else ./perfxl.toml, else the national defaults; its [rules] and [review]
    sections are validated now, not halfway through a run (ConfigError with a Chinese message)."""
    from perfxl.config import load_pack
    from perfxl.rules import settings
    from perfxl.rules.review import review_settings

    pack = load_pack(path)
    settings(pack)
    review_settings(pack)
    return pack


def check_file(path: str | Path, *, pack: RulePack | None = None,
               goal_form: Form | GoalMatcher | None = None) -> FileReport:
    """Read, check and score every form in one file; the reader's own findings follow the pack's [rules] too.

    `goal_form` is the declared goal form to compare with, or a function that finds it for a form read.
    """
    from perfxl.forms.read.reader import read_path

    pack = pack or default_pack()
    return _checked(read_path(path, limits=pack.limits), str(path), pack, goal_form)


def check_book(book, *, pack: RulePack | None = None) -> FileReport:
    """read_book + check + score every form in it, like check_file for a file."""
    from perfxl.forms.read.reader import read_book

    pack = pack or default_pack()
    return _checked(read_book(book, pack.limits), str(getattr(book, "name", "") or ""), pack, None)


def _checked(result, source: str, pack: RulePack | None, goal_form: Form | GoalMatcher | None) -> FileReport:
    from perfxl.rules.check import adjust

    pack = pack or default_pack()
    forms = result.forms or ((result.form,) if result.form is not None else ())
    match = goal_form if callable(goal_form) else lambda _form: goal_form
    read_findings = tuple(adjust(result.findings, pack))
    reports = tuple(_with_read_findings(check(form, pack=pack, goal_form=match(form)), read_findings, pack)
                    for form in forms)
    return FileReport(source, read_findings, reports)


def _with_read_findings(report: Report, read_findings: tuple[Finding, ...], pack: RulePack) -> Report:
    """A goal declaration's review counts what the reader found in its workbook too."""
    if report.review is None or not read_findings:
        return report
    from dataclasses import replace

    from perfxl.rules.review import review_form

    return replace(report, review=review_form(read_findings + report.findings, pack))
