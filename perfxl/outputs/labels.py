"""Codes stored in the ledger and results, in the words people read."""

from perfxl.domain import FormKind


def kind_label(kind: str | None) -> str | None:
    """A form kind's official title; an unknown stored value as it is."""
    if not kind:
        return None
    try:
        return FormKind(kind).title
    except ValueError:
        return kind


def rule_label(code: str) -> str:
    """"S201 自评得分与评分规则不符": the code an accountant can look up, and what it means."""
    from perfxl.rules.registry import rule

    known = rule(code)
    return f"{code} {known.title}" if known else code
