"""Progress of a batch as plain data. The runner reports; a door (the CLI) decides how to show it.

Nothing here prints: `Progress` counts files per status, rate and ETA, and `Reporter` is what the
runner calls (`start`, `advance`, `phase`, `finish`). `NullReporter` shows nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from perfxl.batch.outcome import Status


@dataclass(slots=True)
class Progress:
    total: int = 0
    done: int = 0
    reused: int = 0  # taken from the ledger (--resume)
    counts: Counter = field(default_factory=Counter)  # Status → n
    started: float = field(default_factory=time.monotonic)
    current: str | None = None  # the last file finished

    def add(self, status: Status, file: str | None = None, reused: bool = False) -> None:
        self.done += 1
        self.counts[status] += 1
        if reused:
            self.reused += 1
        self.current = file

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float | None:
        """Files processed per second (reused files excluded: they cost nothing)."""
        worked = self.done - self.reused
        return worked / self.elapsed if worked and self.elapsed > 0 else None

    @property
    def eta(self) -> float | None:
        rate = self.rate
        return (self.total - self.done) / rate if rate else None

    def line(self) -> str:
        """One plain Chinese status line (non-TTY output)."""
        pct = f"{self.done / self.total:.0%}" if self.total else "—"
        parts = [f"已处理 {self.done}/{self.total}（{pct}）"]
        for status in Status:
            if self.counts[status]:
                parts.append(f"{status.label} {self.counts[status]}")
        if self.eta is not None:
            parts.append(f"预计剩余 {format_seconds(self.eta)}")
        return "，".join(parts)


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} 秒"
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} 分 {sec} 秒"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes} 分"


class Reporter(Protocol):
    def start(self, progress: Progress) -> None: ...
    def advance(self, progress: Progress) -> None: ...
    def phase(self, text: str) -> None: ...  # "正在查找文件…", "正在写出汇总表…"
    def finish(self, progress: Progress) -> None: ...


class NullReporter:
    def start(self, progress: Progress) -> None:
        pass

    def advance(self, progress: Progress) -> None:
        pass

    def phase(self, text: str) -> None:
        pass

    def finish(self, progress: Progress) -> None:
        pass
