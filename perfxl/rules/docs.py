"""The rule reference (docs/rules.md), generated from the registry.

    python -m perfxl.rules.docs > docs/rules.md      (or: perfxl rules --format markdown --all)

tests/test_rule_docs.py fails when docs/rules.md is not what this module generates.
"""

from perfxl.domain import FormKind
from perfxl.rules.base import DOC_HEADINGS, FAMILIES, Rule
from perfxl.rules.registry import rules

SCOPE_LABELS = {"form": "逐表检查", "reader": "读取时报告", "batch": "批量汇总时报告"}


def kinds_text(rule: Rule) -> str:
    if set(rule.kinds) == set(FormKind):
        return "全部表单"
    return "、".join(k.facts.short for k in FormKind if k in rule.kinds)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def rule_markdown(rule: Rule, level: int = 2) -> str:
    """One rule's documentation page."""
    h = "#" * level
    lines = [f'<a id="{rule.code.lower()}"></a>', "", f"{h} {rule.code} {rule.title}", "",
             f"- 英文名：`{rule.name}`（写规则配置或对接其他系统时使用）"]
    lines.append(f"- 级别：{rule.severity.label}（{rule.severity.value}）")
    lines.append(f"- 适用表单：{kinds_text(rule)}")
    lines.append(f"- 检查方式：{SCOPE_LABELS[rule.scope]}")
    lines.append(f"- 提示信息：{rule.message}")
    lines.append(f"- 修改建议：{rule.hint}")
    if rule.options:
        opts = "，".join(f"`{k} = {v!r}`" for k, v in rule.options.items())
        lines.append(f"- 选项：{opts}（在规则配置中写 `[rules.{rule.code}]`）")
    lines.append("")
    sections = rule.doc_sections()
    for heading in DOC_HEADINGS:
        lines.append(f"**{heading}**：{sections.get(heading, '')}")
        lines.append("")
    return "\n".join(lines)


def index_markdown() -> str:
    known = rules()
    lines = ["| 代码 | 名称 | 级别 | 适用表单 | 检查内容 |", "|---|---|---|---|---|"]
    for code, rule in known.items():
        lines.append(f"| [{code}](#{code.lower()}) | {rule.title} | {rule.severity.label} "
                     f"| {kinds_text(rule)} | {_escape(rule.summary())} |")
    return "\n".join(lines)


def markdown() -> str:
    """The whole rule reference."""
    known = rules()
    out = [
        "# perfxl 校验规则",
        "",
        "本文件由 `python -m perfxl.rules.docs > docs/rules.md` 从规则注册表生成，请勿手工修改。",
        "",
        f"共 {len(known)} 条规则。代码首字母表示类别：" + "；".join(f"{k} {v}" for k, v in FAMILIES.items()) + "。",
        "代码一经使用不再改作他用。",
        "",
        "规则可在规则配置文件（perfxl.toml）的 `[rules]` 中选择、忽略、调整级别和设置选项：",
        "",
        "```toml",
        "[rules]",
        'select = []                      # 只运行这些规则（代码或前缀，如 "G"、"B1"）；空 = 全部',
        'ignore = ["G106"]                # 不运行的规则',
        'severity = { G113 = "error" }    # 调整级别：error / warning / info',
        "",
        "[rules.S205]                     # 规则选项",
        "threshold = 1.3",
        "```",
        "",
        "## 规则一览",
        "",
        index_markdown(),
        "",
    ]
    family = None
    for code, rule in known.items():
        if code[0] != family:
            family = code[0]
            out += [f"## {family}：{FAMILIES[family]}", ""]
        out.append(rule_markdown(rule, 3))
    return "\n".join(out).rstrip() + "\n"


def rule_dict(rule: Rule) -> dict:
    """A rule as plain data (`perfxl rules --format json`)."""
    return {"code": rule.code, "name": rule.name, "title": rule.title, "severity": rule.severity.value,
            "kinds": sorted(k.value for k in rule.kinds), "scope": rule.scope, "message": rule.message,
            "hint": rule.hint, "options": dict(rule.options), "doc": rule.doc_sections()}


def rule_info(rule: Rule) -> dict:
    """A rule in brief (the Excel =PERFXL.RULE): code, name, severity label, what it checks, message, hint."""
    checks = "".join(line.strip() for line in rule.doc_sections().get(DOC_HEADINGS[0], "").splitlines())
    return {"code": rule.code, "name": rule.name, "severity": rule.severity.label, "checks": checks,
            "message": rule.message, "hint": rule.hint}


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(markdown())
