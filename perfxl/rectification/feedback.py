"""Returned 整改情况反馈表 workbooks: recognise, read (in a batch worker) and record (in the ledger).

Reading never touches the ledger, so it runs on any executor; recording runs where the ledger is.
Every row the unit filled is either recorded against its problem or kept as a "not recorded" event
with its values and the reason, so nothing the unit sent is lost. The file itself is only read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.domain import Finding, Severity
from perfxl.forms.read.problems import Problem
from perfxl.forms.write.feedback import (
    COL,
    CONTACT_COLUMNS,
    FEEDBACK_KIND,
    FEEDBACK_META,
    FEEDBACK_SHEET,
    FIRST_ROW,
    build_feedback_workbook,
)
from perfxl.rectification.notices import Notice, get_notice, timestamp
from perfxl.rectification.status import COMPLETION_CHOICES, NoticeStatus, ProblemStatus

if TYPE_CHECKING:
    from perfxl.batch.ledger import Ledger

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

PROBLEMS = {p.code: p for p in (
    Problem("R101", "feedback-unreadable", E, "整改情况反馈表无法读取：{detail}",
            "请使用整改通知所附的反馈表填写，保持 .xlsx 格式，不要删除或改名工作表"),
    Problem("R102", "feedback-notice-unknown", E, "台账中没有文号为“{number}”的整改通知，本反馈表未登记",
            "请核对反馈表是否为本部门发出的通知所附；如通知尚未登记，请先发出通知再处理反馈"),
    Problem("R103", "feedback-notice-closed", E, "整改通知 {number} 已于 {closed} 办结，本反馈表未登记（内容已留存）",
            "通知办结后无需再反馈；如需补充材料，请与通知发文机关联系"),
    Problem("R104", "feedback-problem-unknown", E, "第 {row} 行的问题编号 {problem} 不在整改通知 {number} 中，本行未登记",
            "请使用通知所附的反馈表，不要增删行或修改问题编号"),
    Problem("R105", "feedback-date-invalid", E, "完成时间“{value}”不是日期，本行未登记",
            "请填写日期，如 2026-12-31"),
    Problem("R106", "feedback-completion-invalid", E, "完成情况“{value}”不是“已完成”“部分完成”“未完成”之一，本行未登记",
            "请从下拉列表中选择完成情况"),
    Problem("R107", "feedback-date-missing", W, "问题 {problem} 标为已完成，但未填写完成时间",
            "请补填完成时间"),
    Problem("R108", "feedback-duplicate", N, "此反馈表已于 {at} 登记过（整改通知 {number}），未重复登记",
            "无需处理；如有新的整改进展，请在反馈表中更新后重新报送"),
    Problem("R109", "feedback-completion-missing", W, "问题 {problem} 填写了内容但未选择完成情况，本行未登记（内容已留存）",
            "请从下拉列表中选择完成情况后重新报送"),
    Problem("R111", "feedback-metadata-damaged", E, "反馈表的元数据已损坏：问题 {problem} 的行号“{row}”无效，该问题的反馈未读取",
            "请使用整改通知所附的反馈表重新填写，不要修改隐藏的工作表"),
    Problem("R110", "feedback-empty", W, "整改情况反馈表中没有填写任何问题的整改情况（整改通知 {number}）",
            "请逐项填写整改措施、完成情况、完成时间和责任人后重新报送"),
)}

MAX_META_ROWS = 5000  # metadata rows read: far more problems than any notice lists (a damaged file claims more)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_WORKBOOK_PART = "xl/workbook.xml"
_MAX_WORKBOOK_PART = 1024 * 1024


def _finding(code: str, location: str | None = None, **fields: Any) -> Finding:
    return PROBLEMS[code].finding(location=location, **fields)


@dataclass(slots=True)
class FeedbackRow:
    """One problem row as the unit filled it (values as typed; `completed_on` when it is a date)."""

    row: int
    problem: Any  # the problem id from the metadata sheet
    measures: str | None = None
    completion: str | None = None
    completed_on: date | None = None
    completed_text: str | None = None  # 完成时间 as typed
    owner: str | None = None
    remark: str | None = None
    errors: list[str] = field(default_factory=list)  # why the row cannot be recorded (also findings)

    @property
    def invalid(self) -> bool:
        return bool(self.errors)

    @property
    def blank(self) -> bool:
        return not any((self.measures, self.completion, self.completed_text, self.owner, self.remark))

    def values(self) -> dict[str, Any]:
        return {"row": self.row, "problem": self.problem, "measures": self.measures, "completion": self.completion,
                "completed_on": self.completed_text, "owner": self.owner, "remark": self.remark}


@dataclass(slots=True)
class FeedbackData:
    """What a feedback workbook says; plain picklable data (batch workers → runner)."""

    notice: str | None
    rows: list[FeedbackRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    reporter: str | None = None  # 填报人
    phone: str | None = None

    @property
    def usable(self) -> bool:
        return not any(f.code == "R101" for f in self.findings)


@dataclass(frozen=True, slots=True)
class FeedbackResult:
    """What recording one feedback workbook did."""

    notice: Notice | None
    findings: tuple[Finding, ...]
    reason: str
    recorded: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def is_feedback_workbook(path: str | Path) -> bool:
    """True when the file is an .xlsx with the feedback metadata sheet (reads the workbook part only)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(_WORKBOOK_PART)
            if info.file_size > _MAX_WORKBOOK_PART:
                return False
            return f'name="{FEEDBACK_META}"'.encode() in zf.read(info)
    except Exception:  # noqa: BLE001 - a file zipfile cannot read is not a feedback workbook; the reader says why
        return False


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _DATE.fullmatch(value.strip())
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def read_feedback(path: str | Path) -> FeedbackData:
    """Read a returned feedback workbook (read-only). Problems are findings at sheet!cell, never exceptions."""
    from openpyxl import load_workbook

    from perfxl.forms.read.sniff import sniff

    checked = sniff(path)
    if not checked.usable:
        return FeedbackData(None, findings=[_finding("R101", detail=checked.findings[0].message
                                                     if checked.findings else "不是 .xlsx 工作簿")])
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a broken file is a finding, not a crash
        return FeedbackData(None, findings=[_finding("R101", detail=f"{type(exc).__name__}: {exc}")])
    try:
        if FEEDBACK_META not in wb.sheetnames or FEEDBACK_SHEET not in wb.sheetnames:
            missing = FEEDBACK_SHEET if FEEDBACK_SHEET not in wb.sheetnames else "元数据"
            return FeedbackData(None, findings=[_finding("R101", detail=f"缺少工作表“{missing}”")])
        meta, ws = wb[FEEDBACK_META], wb[FEEDBACK_SHEET]
        pairs: dict[str, Any] = {}
        problem_rows: list[tuple[Any, int]] = []
        damaged: list[Finding] = []
        in_table = False
        for key, value in meta.iter_rows(min_col=1, max_col=2, max_row=min(meta.max_row, MAX_META_ROWS),
                                         values_only=True):
            if in_table:
                if key is None:
                    continue
                if isinstance(value, int) and FIRST_ROW <= value <= MAX_META_ROWS:
                    problem_rows.append((key, value))
                else:
                    damaged.append(_finding("R111", problem=key, row=value))
            elif key == "problem_id":
                in_table = True
            elif key is not None:
                pairs[str(key)] = value
        if pairs.get("kind") != FEEDBACK_KIND:
            return FeedbackData(None, findings=[_finding("R101", detail="元数据不是整改情况反馈表")])
        data = FeedbackData(_text(pairs.get("notice")), findings=damaged)
        if data.notice is None:
            data.findings.append(_finding("R101", detail="反馈表中没有整改通知文号（请使用通知所附的反馈表）"))
            return data
        contact = pairs.get("contact_row")
        if isinstance(contact, int) and contact > 0:
            data.reporter, data.phone = (_text(ws.cell(contact, col).value) for col in CONTACT_COLUMNS)
        for problem, row in problem_rows:
            data.rows.append(_row(ws, row, problem, data.findings))
        return data
    finally:
        wb.close()


def _row(ws, row: int, problem: Any, findings: list[Finding]) -> FeedbackRow:
    def cell(key: str):
        return ws.cell(row, COL[key])

    def where(key: str) -> str:
        return f"{FEEDBACK_SHEET}!{cell(key).coordinate}"

    raw_date = cell("completed_on").value
    item = FeedbackRow(row, problem, measures=_text(cell("measures").value), completion=_text(cell("completion").value),
                       completed_text=_text(raw_date.date().isoformat() if isinstance(raw_date, datetime) else raw_date),
                       owner=_text(cell("owner").value), remark=_text(cell("remark").value))
    def reject(found: Finding) -> None:
        item.errors.append(found.message)
        findings.append(found)

    if item.completed_text is not None:
        item.completed_on = _as_date(raw_date)
        if item.completed_on is None:
            reject(_finding("R105", where("completed_on"), value=item.completed_text))
    if item.completion is not None and item.completion not in COMPLETION_CHOICES:
        reject(_finding("R106", where("completion"), value=item.completion))
    if not item.invalid and item.completion is None and not item.blank:
        reject(_finding("R109", where("completion"), problem=problem))
    if not item.invalid and item.completion == "已完成" and item.completed_on is None:
        findings.append(_finding("R107", where("completed_on"), problem=problem))
    return item


def apply_feedback(ledger: Ledger, data: FeedbackData, *, source_file: str | None = None,
                   sha256: str | None = None) -> FeedbackResult:
    """Record a feedback workbook in the ledger: each valid row updates its problem, each row that cannot
    be recorded is kept as an event with its values and reason, and the notice's status follows."""
    findings = list(data.findings)
    if not data.usable or data.notice is None:
        return FeedbackResult(None, tuple(findings), findings[0].message if findings else "整改情况反馈表无法读取")
    notice = get_notice(ledger, data.notice)
    if notice is None:
        findings.insert(0, _finding("R102", number=data.notice))
        return FeedbackResult(None, tuple(findings), findings[0].message)
    if sha256:
        earlier = ledger.feedback_recorded(notice.id, sha256)
        if earlier is not None:
            found = _finding("R108", at=earlier.at.strftime("%Y-%m-%d %H:%M"), number=notice.number)
            return FeedbackResult(notice, (found,), found.message)
    filled = [r for r in data.rows if not r.blank]
    if not filled:
        found = _finding("R110", number=notice.number)
        return FeedbackResult(notice, (found, *findings), found.message)
    if notice.status == NoticeStatus.CLOSED.value:
        closed = notice.closed_at.strftime("%Y-%m-%d") if notice.closed_at else "此前"
        found = _finding("R103", number=notice.number, closed=closed)
        ledger.record_feedback(notice.id, [], [{"detail": {"reason": found.message,
                                                           "rows": [r.values() for r in filled]}}],
                               source_file=source_file, sha256=sha256, at=timestamp())
        return FeedbackResult(notice, (found, *findings), found.message)

    ids = {row.seq: row.id for row in ledger.notice_problems(notice.id)}
    updates, rejected = [], []
    for r in filled:
        seq = _problem_seq(r.problem)
        if seq not in ids:
            found = _finding("R104", f"{FEEDBACK_SHEET}!A{r.row}", row=r.row, problem=r.problem, number=notice.number)
            findings.append(found)
            rejected.append({"detail": {"reason": found.message, **r.values()}})
            continue
        if r.invalid:
            rejected.append({"problem_id": ids[seq], "detail": {"reason": "；".join(r.errors), **r.values()}})
            continue
        updates.append({"problem_id": ids[seq], "status": COMPLETION_CHOICES[r.completion].value,
                        "measures": r.measures, "completed_on": r.completed_on, "owner": r.owner,
                        "detail": {**r.values(), "reporter": data.reporter, "phone": data.phone}})
    _, new = ledger.record_feedback(notice.id, updates, rejected, source_file=source_file, sha256=sha256, at=timestamp())
    after = get_notice(ledger, notice_id=notice.id)
    return FeedbackResult(after, tuple(findings), _summary(after, updates, rejected, new), len(updates))


def _problem_seq(value: Any) -> int | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _summary(notice: Notice, updates: list[dict], rejected: list[dict], status: str) -> str:
    counts = {s: sum(1 for u in updates if u["status"] == s.value) for s in COMPLETION_CHOICES.values()}
    parts = "，".join(f"{s.label} {n} 项" for s, n in counts.items() if n)
    text = f"整改通知 {notice.number}：登记反馈 {len(updates)} 项" + (f"（{parts}）" if parts else "")
    if rejected:
        text += f"，{len(rejected)} 行未登记"
    left = sum(1 for p in notice.problems if p.status != ProblemStatus.DONE.value)
    text += f"；通知状态：{NoticeStatus(status).label}" + (f"，尚有 {left} 项未完成整改" if left else "")
    return text


def write_feedback_form(notice: Notice, path: str | Path) -> Path:
    """The feedback workbook prefilled for `notice`, written atomically."""
    from perfxl.forms.write.template import save_atomic

    return save_atomic(build_feedback_workbook(notice.to_dict()), path)


def record_outcome(ledger: Ledger, outcome: Any, sha256: str | None) -> None:
    """Record a batch worker's feedback outcome (perfxl.batch.Outcome) in the ledger and turn it into
    the file's result row: the notice's unit and project, what was recorded, the findings."""
    from perfxl.batch.outcome import Status

    data, outcome.feedback = outcome.feedback, None
    try:
        result = apply_feedback(ledger, data, source_file=outcome.file, sha256=sha256)
    except Exception as exc:  # noqa: BLE001 - a ledger problem is this file's row, not the run's end
        outcome.status = Status.FAILED
        outcome.reason = f"登记整改反馈时出错（{type(exc).__name__}: {exc}），请重新运行或将此文件反馈给技术支持"
        return
    outcome.findings = result.findings
    outcome.reason = result.reason
    outcome.status = Status.FEEDBACK_ERRORS if result.errors else Status.FEEDBACK
    if result.notice is not None:
        outcome.unit, outcome.unit_code = result.notice.unit, result.notice.unit_code
        outcome.department, outcome.project = result.notice.department, result.notice.project
        outcome.year = result.notice.form_year
