"""The engine's front door: one call to read, one to check, one to score. Results are plain data.

Every door (CLI, batch, Excel UDFs and ribbon, documents) calls these and nothing below them.
"""

from dataclasses import dataclass, field
from pathlib import Path

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form, Severity
from perfxl.scoring import FormScore, score_form


@dataclass(frozen=True, slots=True)
class Report:
    """One form checked and scored."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    def to_dict(self) -> dict:
        """The documented score output shape (shared/spec/form-json.md)."""
        return self.score.to_dict(self.findings)


def score(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form by the rules (the form's own figures are reported, never adopted)."""
    return score_form(form, pack or default_pack())


def check(form: Form, *, pack: RulePack | None = None, goal_form: Form | None = None) -> Report:
    """Score one form and run every active rule over it."""
    from perfxl.rules import check_form

    pack = pack or default_pack()
    result = score_form(form, pack)
    return Report(form, result, tuple(check_form(form, pack=pack, score=result, goal_form=goal_form)))


def load_forms(path: str | Path) -> list[Form]:
    """Forms from a form-JSON file (one form or a list). Raises FormJSONError with a Chinese message."""
    from perfxl.forms.formjson import load_json

    return load_json(path)


@dataclass(frozen=True, slots=True)
class FileReport:
    """One input file: what reading it found, and the checked form when one could be read."""

    path: str
    read_findings: tuple[Finding, ...]
    report: Report | None  # None: no form could be read (the read findings say why)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.read_findings + (self.report.findings if self.report else ())

    @property
    def usable(self) -> bool:
        return self.report is not None


def read(path: str | Path):
    """Read one workbook (.xlsx/.xlsm) or form-JSON file into a ReadResult (.form, .findings)."""
    from perfxl.forms.reader import read_path

    return read_path(path)


def check_file(path: str | Path, *, pack: RulePack | None = None, goal_form: Form | None = None) -> FileReport:
    """Read, check and score one file; unusable files come back as a FileReport without a report."""
    result = read(path)
    report = check(result.form, pack=pack, goal_form=goal_form) if result.form is not None else None
    return FileReport(str(path), tuple(result.findings), report)
