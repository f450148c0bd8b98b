"""What a rule is: a small class with a stable code, a Chinese message, and a check over one form."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from perfxl.config import RulePack
from perfxl.domain import Finding, Form, FormKind, Severity
from perfxl.domain.values import Value
from perfxl.scoring import FormScore
from perfxl.scoring.context import context as scoring_context

CODE_PATTERN = re.compile(r"^[TGBSMXD]\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOC_HEADINGS = ("检查内容", "为什么重要", "错误示例", "正确示例", "依据")
FAMILIES = {
    "T": "表单结构（读取时报告）", "G": "目标内容", "B": "预算与资金", "S": "自评",
    "M": "运行监控", "X": "跨表核对（与目标申报表比对）", "D": "批量重复",
}
# Who produces a rule's findings: the rule's own `check` over one form, the workbook reader
# (T family: forms cannot import rules), or the batch runner (D family: needs every form of a batch).
SCOPES = ("form", "reader", "batch")


@dataclass(slots=True)
class Context:
    """Everything a rule may look at for one form. `goal_form` is the declared goal form, when given.

    `memo` holds values several rules derive from the same form (computed once per check).
    """

    form: Form
    score: FormScore
    pack: RulePack
    goal_form: Form | None = None
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    def parse(self, text: object) -> Value:
        """A target/actual parsed with the pack's vocabulary (cached per pack by the scoring engine)."""
        return scoring_context(self.pack).parse(text)

    def is_formula(self, path: str) -> bool:
        """True when the field was read from a formula cell (its value is Excel's cached result)."""
        ref = self.form.cells.get(path)
        return ref is not None and getattr(ref, "formula", None) is not None


class Rule:
    """Subclass, set the class attributes, implement `check`, decorate with `@register`.

    The class docstring is the rule's Chinese documentation with the headings in DOC_HEADINGS.
    """

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, stable: for config files and integrations
    title: ClassVar[str]  # short Chinese title shown to users ("超额完成未说明原因")
    severity: ClassVar[Severity]
    kinds: ClassVar[frozenset[FormKind]] = frozenset(FormKind)
    message: ClassVar[str]  # str.format template over the keyword arguments given to `finding`
    hint: ClassVar[str] = ""
    options: ClassVar[dict[str, Any]] = {}
    scope: ClassVar[str] = "form"  # one of SCOPES

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def option(self, ctx: Context, name: str) -> Any:
        return ctx.options.get(self.code, {}).get(name, self.options[name])

    @classmethod
    def validate_option(cls, name: str, value: Any) -> str | None:
        """A Chinese problem with a configured option value (its type is already checked), or None."""
        return None

    def finding(self, ctx: Context, path: str | None, severity: Severity | None = None, **fields: Any) -> Finding:
        """A finding of this rule at a field path, located at its cell when the form came from a workbook."""
        return self.make_finding(ctx.form.where(path) if path else None, path, severity, **fields)

    def make_finding(self, location: str | None = None, path: str | None = None, severity: Severity | None = None,
                     **fields: Any) -> Finding:
        """A finding of this rule, its message and hint filled from `fields` (for callers without a Context)."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=self.message.format(**fields),
            location=location,
            path=path,
            hint=self.hint.format(**fields) if self.hint else None,
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split by its headings: {"检查内容": "…", …} (text after "标题：")."""
        return split_doc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """One line: the first sentence of 检查内容."""
        text = cls.doc_sections().get("检查内容", "")
        return text.split("。")[0].strip() + "。" if text else ""


class DocumentationRule(Rule):
    """A rule whose findings another component produces (the reader or the batch runner)."""

    scope: ClassVar[str] = "reader"

    def check(self, ctx: Context) -> Iterator[Finding]:
        return iter(())


_HEADING = re.compile(r"^\s*(" + "|".join(DOC_HEADINGS) + r")：", re.MULTILINE)


def split_doc(doc: str) -> dict[str, str]:
    parts = _HEADING.split(doc)
    out: dict[str, str] = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=False):
        text = ""
        for line in (ln.strip() for ln in body.strip().splitlines()):
            if not line:
                continue
            # CJK lines wrap without a space; keep one between two ASCII words
            text += (" " if text and text[-1].isascii() and text[-1].isalnum() and line[0].isascii()
                     and line[0].isalnum() else "") + line
        out[heading] = text
    return out
