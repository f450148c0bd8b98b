"""Run the active rules over one form."""

from dataclasses import replace

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form
from perfxl.rules.base import Context
from perfxl.rules.settings import settings
from perfxl.scoring import FormScore, score_form

_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_form(form: Form, *, pack: RulePack | None = None, score: FormScore | None = None,
               goal_form: Form | None = None) -> list[Finding]:
    """Findings for one form, most severe first, then in form order."""
    pack = pack or default_pack()
    resolved = settings(pack)
    ctx = Context(form, score or score_form(form, pack), pack, goal_form, resolved.options)
    findings: list[Finding] = []
    for rule in resolved.active:
        if form.kind not in rule.kinds:
            continue
        for finding in rule.check(ctx):
            override = resolved.severity.get(finding.code)
            findings.append(replace(finding, severity=override) if override else finding)
    findings.sort(key=lambda f: (_ORDER[f.severity.value], f.code))
    return findings
