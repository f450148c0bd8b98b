"""Status vocabulary of rectification: stable values (ledger, JSON) and the labels users see."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class NoticeStatus(StrEnum):
    OPEN = "open"  # issued, no feedback yet
    PARTIAL = "partial"  # feedback received, some problems not yet rectified
    CLOSED = "closed"  # every problem rectified

    @property
    def label(self) -> str:
        return {"open": "待整改", "partial": "整改中", "closed": "已办结"}[self.value]


class ProblemStatus(StrEnum):
    OPEN = "open"  # no feedback yet
    NOT_DONE = "not_done"  # 未完成
    PARTIAL = "partial"  # 部分完成
    DONE = "done"  # 已完成

    @property
    def label(self) -> str:
        return _PROBLEM_LABELS[self]


_PROBLEM_LABELS = {ProblemStatus.OPEN: "未反馈", ProblemStatus.NOT_DONE: "未完成",
                   ProblemStatus.PARTIAL: "部分完成", ProblemStatus.DONE: "已完成"}

#: The 完成情况 drop-down of the feedback workbook, in order, and the status each choice records.
COMPLETION_CHOICES: dict[str, ProblemStatus] = {
    "已完成": ProblemStatus.DONE, "部分完成": ProblemStatus.PARTIAL, "未完成": ProblemStatus.NOT_DONE,
}

EVENT_LABELS = {"issued": "发出通知", "feedback": "登记反馈", "rejected": "反馈未登记", "status": "状态变化",
                "reminder": "催办"}


def notice_status(problems: Iterable[str]) -> NoticeStatus:
    """A notice is closed when every problem is rectified, in progress once any feedback arrived."""
    statuses = [ProblemStatus(p) for p in problems]
    if statuses and all(s is ProblemStatus.DONE for s in statuses):
        return NoticeStatus.CLOSED
    if any(s is not ProblemStatus.OPEN for s in statuses):
        return NoticeStatus.PARTIAL
    return NoticeStatus.OPEN


def status_label(value: str | None, problem: bool) -> str:
    """The label of a recorded status of a problem (`problem`) or of a notice; "" for none."""
    if not value:
        return ""
    return (ProblemStatus(value) if problem else NoticeStatus(value)).label
