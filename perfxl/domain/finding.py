"""A finding: one problem found in a form, in plain data."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


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
