"""Rectification notices (整改通知): issue one from a checked form, list them, find the overdue ones.

A notice lists the form's problems — its error and warning findings and the indicators (and budget
execution) that lost points — each with its code, message and sheet!cell. Its number comes from the
ledger ("财绩〔2026〕3号": the rule pack's prefix, the year of issue, the next free sequence number) and
its deadline is a number of working days after issue (weekends and the pack's holiday lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from perfxl.config import ConfigError, RulePack, default_pack
from perfxl.rectification.calendar import WorkCalendar, parse_days
from perfxl.rectification.status import EVENT_LABELS, NoticeStatus, ProblemStatus

if TYPE_CHECKING:
    from perfxl.api import FileReport, Report
    from perfxl.batch.ledger import Ledger

UNMET_INDICATOR = "P101"  # problem code: an indicator scored below its weight
UNMET_BUDGET = "P102"  # problem code: budget execution scored below its weight
_EPS = 1e-9
_NOT_SCORED = {"not_applicable", "unscored", "not_scored_goal", "not_scored_monitor"}


class RectificationError(RuntimeError):
    """A notice cannot be issued or found; the message is Chinese."""


def _now() -> datetime:
    from perfxl.batch.ledger.store import now

    return now()


@dataclass(frozen=True, slots=True)
class NoticeSettings:
    """From the rule pack's [rectification] table."""

    prefix: str
    working_days: int
    calendar: WorkCalendar

    @classmethod
    def from_pack(cls, pack: RulePack | None = None) -> NoticeSettings:
        table = (pack or default_pack()).data["rectification"]
        try:
            calendar = WorkCalendar(parse_days(table["holidays"], "rectification.holidays"),
                                    parse_days(table["workdays"], "rectification.workdays"))
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        days = table["working_days"]
        if not isinstance(days, int) or days < 1:
            raise ConfigError(f"配置项 rectification.working_days 应为正整数，实际为 {days!r}")
        return cls(str(table["number_prefix"]), days, calendar)

    def deadline(self, issued: date) -> date:
        return self.calendar.add(issued, self.working_days)


def number_text(prefix: str, year: int, seq: int) -> str:
    """发文字号: 机关代字〔年份〕序号号 (GB/T 9704-2012 7.2.3)."""
    return f"{prefix}〔{year}〕{seq}号"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem a notice lists, with the unit's latest feedback."""

    seq: int
    code: str
    message: str
    location: str | None = None
    severity: str | None = None
    status: str = ProblemStatus.OPEN.value
    measures: str | None = None
    completed_on: date | None = None
    owner: str | None = None

    @property
    def status_label(self) -> str:
        return ProblemStatus(self.status).label

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.seq, "code": self.code, "message": self.message, "location": self.location,
                "severity": self.severity, "status": self.status, "status_label": self.status_label,
                "measures": self.measures, "completed_on": _iso(self.completed_on), "owner": self.owner}


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice as the ledger holds it now."""

    id: int
    number: str
    unit: str | None
    unit_code: str | None
    department: str | None
    project: str | None
    kind: str | None
    form_year: int | None
    source_file: str | None
    issued: date
    deadline: date
    status: str
    closed_at: datetime | None
    problems: tuple[Problem, ...] = ()

    @property
    def status_label(self) -> str:
        return NoticeStatus(self.status).label

    def overdue(self, today: date) -> bool:
        return self.status != NoticeStatus.CLOSED.value and self.deadline < today

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        today = today or date.today()
        return {
            "number": self.number, "unit": self.unit, "unit_code": self.unit_code, "department": self.department,
            "project": self.project, "kind": self.kind, "year": self.form_year, "source_file": self.source_file,
            "issued": _iso(self.issued), "deadline": _iso(self.deadline), "status": self.status,
            "status_label": self.status_label, "overdue": self.overdue(today),
            "days_overdue": (today - self.deadline).days if self.overdue(today) else 0,
            "closed_at": _iso(self.closed_at), "problems": [p.to_dict() for p in self.problems],
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def notice_problems(report: Report | FileReport) -> list[dict[str, Any]]:
    """The problems a notice lists for one checked form: error findings, and warnings except the reader's
    technical notes (T-family), in file order; then budget execution and indicators that scored below
    their weight. Plain dicts: code, severity, message, location."""
    findings, report = _parts(report)
    out: list[dict[str, Any]] = []
    seen = set()
    for f in findings:
        if f.severity.value == "info" or (f.severity.value == "warning" and f.code.startswith("T")):
            continue
        location = f.location or (report.form.where(f.path) if report is not None and f.path else None)
        key = (f.code, location, f.message)
        if key not in seen:
            seen.add(key)
            out.append({"code": f.code, "severity": f.severity.value, "message": f.message, "location": location})
    if report is None:
        return out
    form, score = report.form, report.score
    budget = score.budget
    if budget.score is not None and budget.weight and budget.score < budget.weight - _EPS:
        rate = f"{budget.execution_rate * 100:.2f}%" if budget.execution_rate is not None else "—"
        out.append({"code": UNMET_BUDGET, "severity": None,
                    "message": f"预算执行率 {rate}，预算执行得分 {_fmt(budget.score)} 分（满分 {_fmt(budget.weight)} 分）",
                    "location": form.where("budget.executed") or form.where("budget.rate")})
    for item in score.indicators:
        if (item.method in _NOT_SCORED or not item.applicable or item.score is None or item.effective_weight is None
                or item.score >= item.effective_weight - _EPS):
            continue
        out.append({"code": UNMET_INDICATOR, "severity": None,
                    "message": f"指标“{item.name or f'第{item.index + 1}个指标'}”未完全达成，得分 {_fmt(item.score)} 分"
                               f"（满分 {_fmt(item.effective_weight)} 分）：{item.explain}",
                    "location": form.where(f"indicators[{item.index}].actual")})
    return out


def _parts(report) -> tuple[tuple, Any]:
    """(findings, the form's Report or None) from an api.Report or api.FileReport (its first form)."""
    if hasattr(report, "read_findings"):
        first = report.report
        return tuple(report.read_findings) + (tuple(first.findings) if first else ()), first
    return tuple(report.findings), report


def draft_notice(report: Report | FileReport, *, pack: RulePack | None = None, issued: date | None = None,
                 seq: int = 1) -> dict[str, Any]:
    """What `issue_notice` would record, as Notice.to_dict() keys, without a ledger (previews, examples)."""
    settings = NoticeSettings.from_pack(pack)
    issued = issued or date.today()
    _, form_report = _parts(report)
    form = form_report.form if form_report is not None else None
    problems = [Problem(i, p["code"], p["message"], p["location"], p["severity"]).to_dict()
                for i, p in enumerate(notice_problems(report), start=1)]
    return {"number": number_text(settings.prefix, issued.year, seq), "unit": form.unit.name if form else None,
            "project": form.project.name if form else None, "issued": issued.isoformat(),
            "deadline": settings.deadline(issued).isoformat(), "status": NoticeStatus.OPEN.value,
            "status_label": NoticeStatus.OPEN.label, "problems": problems}


def issue_notice(ledger: Ledger, report: Report | FileReport, *, pack: RulePack | None = None,
                 issued: date | None = None, source_file: str | None = None, sha256: str | None = None,
                 result_id: int | None = None) -> Notice | None:
    """Record a notice for one checked form (an api.FileReport: its first form); None when it has no
    problem to rectify. The number is allocated by the ledger; the deadline follows the rule pack."""
    settings = NoticeSettings.from_pack(pack)
    issued = issued or date.today()
    problems = notice_problems(report)
    if not problems:
        return None
    _, form_report = _parts(report)
    form = form_report.form if form_report is not None else None
    source = source_file or (getattr(report, "path", None) or (form.source if form else None))
    notice_id = ledger.add_notice(
        prefix=settings.prefix, year=issued.year, number_format=number_text, issued=issued,
        deadline=settings.deadline(issued), problems=problems, at=_now(),
        unit=form.unit.name if form else None, unit_code=form.unit.code if form else None,
        department=form.unit.department if form else None, project=form.project.name if form else None,
        kind=form.kind.value if form else None, form_year=form.year if form else None,
        source_file=str(source) if source else None, source_sha256=sha256, result_id=result_id)
    return get_notice(ledger, notice_id=notice_id)


def issue_notices(ledger: Ledger, reports: Iterable[Report | FileReport], *, pack: RulePack | None = None,
                  issued: date | None = None) -> list[Notice]:
    """One notice per checked form that has problems (`perfxl batch --documents 整改通知`)."""
    issued = issued or date.today()
    out = []
    for report in reports:
        notice = issue_notice(ledger, report, pack=pack, issued=issued)
        if notice is not None:
            out.append(notice)
    return out


def _notice(ledger: Ledger, row) -> Notice:
    problems = tuple(Problem(p.seq, p.code, p.message, p.location, p.severity, p.status, p.measures,
                             p.completed_on, p.owner) for p in ledger.notice_problems(row.id))
    return Notice(row.id, row.number, row.unit, row.unit_code, row.department, row.project, row.kind,
                  row.form_year, row.source_file, row.issued, row.deadline, row.status, row.closed_at, problems)


def get_notice(ledger: Ledger, number: str | None = None, *, notice_id: int | None = None) -> Notice | None:
    row = ledger.notice(number=number.strip() if number else None, notice_id=notice_id)
    return _notice(ledger, row) if row is not None else None


def list_notices(ledger: Ledger, *, unit: str | None = None, overdue: bool = False,
                 today: date | None = None) -> list[Notice]:
    """Notices, oldest first; `overdue`: only those not closed and past their deadline."""
    today = today or date.today()
    rows = ledger.notices(unit=unit, overdue_on=today if overdue else None)
    return [_notice(ledger, row) for row in rows]


def history(ledger: Ledger, notice: Notice) -> list[dict[str, Any]]:
    """Every recorded change of a notice, oldest first: time, what, which problem, from which file."""
    seqs = {row.id: row.seq for row in ledger.notice_problems(notice.id)}
    out = []
    for e in ledger.notice_events(notice.id):
        out.append({"at": e.at, "event": e.event, "event_label": EVENT_LABELS.get(e.event, e.event),
                    "problem": seqs.get(e.problem_id), "old_status": e.old_status, "new_status": e.new_status,
                    "source_file": e.source_file, "detail": e.detail})
    return out
