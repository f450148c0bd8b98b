"""A finding: one problem found in a form, in plain data."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is, most severe first (the order reports sort by)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Chinese word people see: 错误 / 警告 / 提示."""
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the most severe: sort findings by (severity.rank, code)."""
        return _RANKS[self]


_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_RANKS = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: str | None = None  # "Sheet!H15" when known
    path: str | None = None  # field path in the form, e.g. "indicators[3].actual"
    hint: str | None = None
    name: str | None = None  # the rule's kebab-case name

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location,
            "path": self.path,
            "hint": self.hint,
        }


class FindingCounts:
    """Mixin for result objects with a `findings` attribute: how many errors and warnings it holds."""

    __slots__ = ()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)
