"""Run the active rules over one form; apply the pack's selection and severities to other findings."""

from collections.abc import Iterable
from dataclasses import replace

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form
from perfxl.rules.base import Context
from perfxl.rules.settings import settings
from perfxl.scoring import FormScore, score_form


def sort_key(finding: Finding) -> tuple:
    return (finding.severity.rank, finding.code)


def check_form(form: Form, *, pack: RulePack | None = None, score: FormScore | None = None,
               goal_form: Form | None = None) -> list[Finding]:
    """Findings for one form, most severe first, then by code and in form order."""
    pack = pack or default_pack()
    resolved = settings(pack)
    ctx = Context(form, score or score_form(form, pack), pack, goal_form, resolved.options)
    overrides = resolved.severity
    findings: list[Finding] = []
    for rule in resolved.by_kind[form.kind]:
        override = overrides.get(rule.code)
        for finding in rule.check(ctx):
            findings.append(replace(finding, severity=override) if override else finding)
    findings.sort(key=sort_key)
    return findings


def adjust(findings: Iterable[Finding], pack: RulePack | None = None) -> list[Finding]:
    """Findings produced outside check_form (reader T codes, batch D codes) under the pack's [rules]:
    dropped when their rule is not selected, severity overridden when configured."""
    resolved = settings(pack or default_pack())
    out = []
    for finding in findings:
        if not resolved.allows(finding.code):
            continue
        override = resolved.severity.get(finding.code)
        out.append(replace(finding, severity=override) if override else finding)
    return out
