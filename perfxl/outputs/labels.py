"""Codes stored in the ledger and results, in the words people read (form kinds: perfxl.reports.kind_label)."""


def rule_label(code: str) -> str:
    """"S201 自评得分与评分规则不符": the code an accountant can look up, and what it means."""
    from perfxl.rules.registry import rule

    known = rule(code)
    return f"{code} {known.title}" if known else code
