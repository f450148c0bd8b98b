"""The engine's front door: one call to read, one to check, one to score. Results are plain data.

Every door (CLI, batch, Excel UDFs and ribbon, documents) calls these and nothing below them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form
from perfxl.domain.finding import FindingCounts
from perfxl.scoring import FormScore, score_form

if TYPE_CHECKING:
    from perfxl.rules.review import Review


@dataclass(frozen=True, slots=True)
class Report(FindingCounts):
    """One form checked and scored."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    review: "Review | None" = None  # goal declarations: the review grade from the findings (目标审核)

    def to_dict(self) -> dict:
        """The documented score output shape, plus the review of a goal declaration."""
        out = self.score.to_dict(self.findings)
        if self.review is not None:
            out["review"] = self.review.to_dict()
        return out


def score(form: Form, pack: RulePack | None = None) -> FormScore:
    """Score one form by the rules (the form's own figures are reported, never adopted)."""
    return score_form(form, pack or default_pack())


def check(form: Form, *, pack: RulePack | None = None, goal_form: Form | None = None) -> Report:
    """Score one form and run every active rule over it."""
    from perfxl.rules import check_form
    from perfxl.rules.review import review_form

    pack = pack or default_pack()
    result = score_form(form, pack)
    findings = tuple(check_form(form, pack=pack, score=result, goal_form=goal_form))
    return Report(form, result, findings, review_form(findings, pack) if form.kind.is_goal else None)


def load_forms(path: str | Path) -> list[Form]:
    """Forms from a form-JSON file (one form or a list). Raises FormJSONError with a Chinese message."""
    from perfxl.forms.formjson import load_json

    return load_json(path)


@dataclass(frozen=True, slots=True)
class FileReport(FindingCounts):
    """One input file: what reading it found, and each form read from it checked and scored."""

    path: str
    read_findings: tuple[Finding, ...]
    reports: tuple[Report, ...] = ()  # empty: no form could be read (the read findings say why)

    @property
    def report(self) -> Report | None:
        """The (first) form's report; workbooks with several forms list them all in `reports`."""
        return self.reports[0] if self.reports else None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.read_findings + tuple(f for r in self.reports for f in r.findings)

    @property
    def usable(self) -> bool:
        return bool(self.reports)


def read(path: str | Path):
    """Read one workbook (.xlsx/.xlsm) or form-JSON file into a ReadResult (.form, .forms, .findings)."""
    from perfxl.forms.reader import read_path

    return read_path(path)


GoalMatcher = Callable[[Form], Form | None]


def check_file(path: str | Path, *, pack: RulePack | None = None,
               goal_form: Form | GoalMatcher | None = None) -> FileReport:
    """Read, check and score every form in one file; the reader's own findings follow the pack's [rules] too.

    `goal_form` is the declared goal form to compare with, or a function that finds it for a form read.
    """
    from perfxl.rules.check import adjust

    pack = pack or default_pack()
    result = read(path)
    forms = result.forms or ((result.form,) if result.form is not None else ())
    match = goal_form if callable(goal_form) else lambda _form: goal_form
    read_findings = tuple(adjust(result.findings, pack))
    reports = tuple(_with_read_findings(check(form, pack=pack, goal_form=match(form)), read_findings, pack)
                    for form in forms)
    return FileReport(str(path), read_findings, reports)


def _with_read_findings(report: Report, read_findings: tuple[Finding, ...], pack: RulePack) -> Report:
    """A goal declaration's review counts what the reader found in its workbook too."""
    if report.review is None or not read_findings:
        return report
    from dataclasses import replace

    from perfxl.rules.review import review_form

    return replace(report, review=review_form(read_findings + report.findings, pack))
