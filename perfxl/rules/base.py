"""What a rule is: a small class with a stable code, a Chinese message, and a check over one form."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from perfxl.config import RulePack
from perfxl.domain import Finding, Form, FormKind, Severity
from perfxl.scoring import FormScore

CODE_PATTERN = re.compile(r"^[TGBSMXD]\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOC_HEADINGS = ("检查内容", "为什么重要", "错误示例", "正确示例", "依据")


@dataclass(slots=True)
class Context:
    """Everything a rule may look at for one form. `goal_form` is the declared goal form, when given."""

    form: Form
    score: FormScore
    pack: RulePack
    goal_form: Form | None = None
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


class Rule:
    """Subclass, set the class attributes, implement `check`, decorate with `@register`.

    The class docstring is the rule's Chinese documentation with the headings in DOC_HEADINGS.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    kinds: ClassVar[frozenset[FormKind]] = frozenset(FormKind)
    message: ClassVar[str]  # str.format template over the keyword arguments given to `finding`
    hint: ClassVar[str] = ""
    options: ClassVar[dict[str, Any]] = {}

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def option(self, ctx: Context, name: str) -> Any:
        return ctx.options.get(self.code, {}).get(name, self.options[name])

    def finding(self, ctx: Context, path: str | None, severity: Severity | None = None, **fields: Any) -> Finding:
        """A finding of this rule at a field path, located at its cell when the form came from a workbook."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=self.message.format(**fields),
            location=ctx.form.where(path) if path else None,
            path=path,
            hint=self.hint.format(**fields) if self.hint else None,
        )
