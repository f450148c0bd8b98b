"""Shared by the T rules: a problem the workbook reader reports, registered as a documentation rule.

Code, name, severity, message, hint, title and documentation all come from the reader's catalogue
(perfxl/forms/read/problems.py); a T rule's module only names its code.
"""

from perfxl.forms.read.problems import PROBLEMS
from perfxl.rules.base import DocumentationRule
from perfxl.rules.registry import register


def reader_rule(code: str, module: str) -> type[DocumentationRule]:
    """Register the catalogue's problem `code` as the rule defined in `module` (its check yields nothing)."""
    problem = PROBLEMS[code]
    attrs = {"__doc__": problem.doc, "__module__": module, "code": code, "name": problem.name,
             "title": problem.title, "severity": problem.severity, "message": problem.message, "hint": problem.hint}
    class_name = "".join(part.title() for part in problem.name.split("-"))
    return register(type(class_name, (DocumentationRule,), attrs))
