"""Batch-level duplicate detection (D501, D502): a pure function the batch runner calls.

    find_duplicates(forms) -> [(index, Finding), …]

`forms` is the batch in order; an entry may be None (a file that could not be read) so indices stay
aligned with the batch. The first form of each group is the original; every later one gets a finding
that names the original (by its source file when known, else its position).
"""

from collections.abc import Sequence

from perfxl.domain import Finding, Form
from perfxl.rules.helpers import compact


def content_key(form: Form) -> tuple:
    """Everything a user filled in (provenance — source, cells, raw texts — excluded)."""
    return (form.kind, form.year, form.unit, form.project, form.budget, form.goals, form.indicators, form.tasks,
            form.total)


def identity_key(form: Form) -> tuple | None:
    """(unit, project, kind, year) — None when the form does not say who and which year."""
    unit = compact(form.unit.name) or compact(form.unit.code)
    if not unit or form.year is None:
        return None
    project = compact(form.project.name) or compact(form.project.code)
    if not project and not form.kind.is_dept:
        return None
    return (unit, project, form.kind, form.year)


def _where(forms: Sequence[Form | None], index: int) -> str:
    form = forms[index]
    return f"“{form.source}”" if form is not None and form.source else f"第{index + 1}份表单"


def find_duplicates(forms: Sequence[Form | None]) -> list[tuple[int, Finding]]:
    """(index, finding) for every form that repeats an earlier one in the batch (D501 before D502)."""
    from perfxl.rules.registry import rules

    known = rules()
    d501, d502 = known["D501"], known["D502"]
    by_content: dict[tuple, int] = {}
    by_identity: dict[tuple, int] = {}
    out: list[tuple[int, Finding]] = []
    for i, form in enumerate(forms):
        if form is None:
            continue
        try:
            ckey = content_key(form)
            hash(ckey)
        except TypeError:  # unhashable extras in a hand-built form: compare by identity only
            ckey = None
        if ckey is not None and ckey in by_content:
            first = by_content[ckey]
            out.append((i, d501.make_finding(what=form.title, first=_where(forms, first))))
            continue
        if ckey is not None:
            by_content[ckey] = i
        ikey = identity_key(form)
        if ikey is None:
            continue
        if ikey in by_identity:
            first = by_identity[ikey]
            name = form.project.name or form.unit.name or ""
            out.append((i, d502.make_finding(what=form.title, first=_where(forms, first), name=name.strip(),
                                               year=form.year)))
        else:
            by_identity[ikey] = i
    return out
