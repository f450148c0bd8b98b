"""Rectification notices (整改通知): issue one from a checked form, list them, find the overdue ones.

A notice lists the form's problems exactly as the 整改通知书 numbers them (perfxl.outputs.documents.problems:
errors, unmet indicators, low budget execution, warnings), each with its code, text and sheet!cell.
Its number comes from the ledger ("×财绩〔2026〕3号": the rule pack's [documents] prefix, the year of
issue, the next free sequence number) and its deadline is [documents] rectification_working_days
working days after issue (weekends skipped; statutory holidays and 调休 are the pack's lists).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from perfxl.config import RulePack, default_pack
from perfxl.domain import Severity
from perfxl.rectification.status import EVENT_LABELS, NoticeStatus, ProblemStatus, status_label

if TYPE_CHECKING:
    from perfxl.batch.ledger import Ledger
    from perfxl.reports import FileReport, Report

UNMET_INDICATOR = "P101"  # problem code: an indicator scored below its weight (未完成年度指标值)
LOW_EXECUTION = "P102"  # problem code: budget execution below the rate that needs explaining
_SEVERITIES = {severity.label: severity.value for severity in Severity}


class RectificationError(RuntimeError):
    """A notice cannot be issued or found; the message is Chinese."""


def timestamp() -> datetime:
    """Now, as the ledger stores times (naive UTC)."""
    from perfxl.batch.ledger.store import now

    return now()


def number_text(prefix: str, year: int, seq: int) -> str:
    """发文字号: 机关代字〔年份〕序号号 (GB/T 9704-2012 7.2.4; the same form as perfxl.outputs.documents.document_number)."""
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


def notice_problems(report: Report | FileReport, pack: RulePack | None = None) -> list[dict[str, Any]]:
    """The problems a notice lists for one checked form, in the 整改通知书's order and numbering
    (perfxl.outputs.documents.problems). Plain dicts: code, severity, message, location."""
    from perfxl.outputs.documents import problems

    out = []
    for item in problems(report, pack or default_pack()):
        code = item["code"] or (UNMET_INDICATOR if "index" in item else LOW_EXECUTION)
        message = item["title"] + (item["text"] if item["text"] else "")
        out.append({"code": code, "severity": _SEVERITIES.get(item["severity"]), "message": message,
                    "location": item["location"]})
    return out


def _form(report) -> Any:
    """The (first) form of an api.Report or api.FileReport, or None."""
    if hasattr(report, "read_findings"):
        return report.report.form if report.report is not None else None
    return report.form


def _settings(pack: RulePack | None):
    try:
        from perfxl.outputs.documents import document_settings, rectification_deadline
    except ImportError as exc:
        raise RectificationError(f"整改通知需要安装文书扩展：pip install 'perfxl[docs]'（缺少 {exc.name}）") from None
    pack = pack or default_pack()
    return document_settings(pack).number_prefix, lambda issued: rectification_deadline(issued, pack)


def draft_notice(report: Report | FileReport, *, pack: RulePack | None = None, issued: date | None = None,
                 seq: int = 1) -> dict[str, Any]:
    """What `issue_notice` would record, as Notice.to_dict() keys, without a ledger (previews, examples)."""
    prefix, deadline = _settings(pack)
    issued = issued or date.today()
    form = _form(report)
    problems = [Problem(i, p["code"], p["message"], p["location"], p["severity"]).to_dict()
                for i, p in enumerate(notice_problems(report, pack), start=1)]
    return {"number": number_text(prefix, issued.year, seq), "unit": form.unit.name if form else None,
            "project": form.project.name if form else None, "issued": issued.isoformat(),
            "deadline": deadline(issued).isoformat(), "status": NoticeStatus.OPEN.value,
            "status_label": NoticeStatus.OPEN.label, "problems": problems}


def issue_notice(ledger: Ledger, report: Report | FileReport, *, pack: RulePack | None = None,
                 issued: date | None = None, source_file: str | None = None, sha256: str | None = None,
                 result_id: int | None = None) -> Notice | None:
    """Record a notice for one checked form (an api.FileReport: its first form); None when it has no
    problem to rectify. The number is allocated by the ledger; the deadline follows the rule pack."""
    prefix, deadline = _settings(pack)
    issued = issued or date.today()
    form = _form(report)
    if form is None:
        return None
    problems = notice_problems(report, pack)
    if not problems:
        return None
    source = source_file or getattr(report, "path", None) or form.source
    notice_id = ledger.add_notice(
        prefix=prefix, year=issued.year, number_format=number_text, issued=issued,
        deadline=deadline(issued), problems=problems, at=timestamp(),
        unit=form.unit.name, unit_code=form.unit.code, department=form.unit.department, project=form.project.name,
        kind=form.kind.value, form_year=form.year,
        source_file=str(source) if source else None, source_sha256=sha256, result_id=result_id)
    return get_notice(ledger, notice_id=notice_id)


def reserve_number(ledger: Ledger, kind: str, *, pack: RulePack | None = None, issued: date | None = None,
                   unit: str | None = None, project: str | None = None, source_file: str | None = None) -> str:
    """The next 发文字号 from the ledger for another numbered document (审核意见, 提醒函 …), so that it
    never repeats a notice's number."""
    prefix, _ = _settings(pack)
    issued = issued or date.today()
    return ledger.reserve_number(kind=kind, prefix=prefix, year=issued.year, number_format=number_text,
                                 issued=issued, at=timestamp(), unit=unit, project=project, source_file=source_file)


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
        problem = seqs.get(e.problem_id)
        out.append({"at": e.at, "event": e.event, "event_label": EVENT_LABELS.get(e.event, e.event),
                    "problem": problem, "old_status": e.old_status, "new_status": e.new_status,
                    "old_label": status_label(e.old_status, problem is not None),
                    "new_label": status_label(e.new_status, problem is not None),
                    "source_file": e.source_file, "detail": e.detail})
    return out


def history_json(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`history` as JSON-ready data: times in ISO 8601, details parsed."""
    return [{**e, "at": e["at"].isoformat(), "detail": json.loads(e["detail"]) if e["detail"] else None}
            for e in events]
