"""The [rules] section of a rule pack: selection, severity overrides and per-rule options, validated.

    [rules]
    select = ["G", "B", "S205"]     # codes or code prefixes; empty = every rule
    ignore = ["G106"]               # removed after `select`
    severity = { G113 = "error" }   # per-code severity overrides
    [rules.S205]                    # per-rule options, checked against the rule's declared options
    threshold = 1.5

Every unknown rule, option or value is a ConfigError naming the file and the dotted key.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from perfxl.config import ConfigError, RulePack
from perfxl.domain import FormKind, Severity
from perfxl.rules.base import CODE_PATTERN, Rule
from perfxl.rules.registry import rules

_RESERVED = {"select", "ignore", "severity"}
_SEVERITIES = {s.value for s in Severity}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    active: tuple[Rule, ...]  # every selected rule, in code order (all scopes)
    severity: dict[str, Severity]
    options: dict[str, dict[str, Any]]
    by_kind: dict[FormKind, tuple[Rule, ...]]  # selected form-scope rules that apply to each kind
    codes: frozenset[str]  # codes of the selected rules (all scopes)

    def allows(self, code: str) -> bool:
        """Is a finding with this code reported? (Unknown codes — not from a rule — always are.)"""
        return code in self.codes or code not in rules()


def _error(pack: RulePack, message: str) -> ConfigError:
    return ConfigError(f"{pack.source_label()}: {message}")


def _codes(pack: RulePack, key: str, patterns: Any) -> list[str]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise _error(pack, f"配置项 rules.{key} 应为规则代码数组，如 [\"S\", \"B101\"]")
    known = rules()
    out = []
    for pattern in patterns:
        p = pattern.strip().upper()
        if not p or not any(code.startswith(p) for code in known):
            raise _error(pack, f"配置项 rules.{key} 中的 {pattern!r} 不对应任何规则")
        out.append(p)
    return out


def _type_ok(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float) and (isinstance(default, float) or isinstance(value, int))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _options(pack: RulePack, code: str, table: Any, rule: Rule) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise _error(pack, f"配置项 rules.{code} 应为表，如 [rules.{code}]")
    declared = rule.options
    out: dict[str, Any] = {}
    for name, value in table.items():
        key = f"rules.{code}.{name}"
        if name not in declared:
            raise _error(pack, f"配置项 {key}：规则 {code} 没有这个选项（可用：{'、'.join(declared) or '无'}）")
        default = declared[name]
        if not _type_ok(default, value):
            raise _error(pack, f"配置项 {key} 的值 {value!r} 类型不对（默认值为 {default!r}）")
        problem = rule.validate_option(name, value)
        if problem:
            raise _error(pack, f"配置项 {key} 的值 {value!r} 无效：{problem}")
        out[name] = float(value) if isinstance(default, float) else value
    return out


@cache
def settings(pack: RulePack) -> RuleSettings:
    """Validate and resolve the pack's [rules] section (cached per pack)."""
    section = pack.data.get("rules", {})
    if not isinstance(section, dict):
        raise _error(pack, "配置项 rules 应为表 [rules]")
    known = rules()
    select = _codes(pack, "select", section.get("select", []))
    ignore = _codes(pack, "ignore", section.get("ignore", []))
    overrides = section.get("severity", {})
    if not isinstance(overrides, dict):
        raise _error(pack, "配置项 rules.severity 应为表，如 severity = { G113 = \"error\" }")
    severity = {}
    for code, value in overrides.items():
        if code.upper() not in known:
            raise _error(pack, f"配置项 rules.severity.{code}：未知规则 {code}")
        if value not in _SEVERITIES:
            raise _error(pack, f"配置项 rules.severity.{code} 的值 {value!r} 无效，应为 \"error\"、\"warning\" 或 \"info\"")
        severity[code.upper()] = Severity(value)
    options: dict[str, dict[str, Any]] = {}
    for code, table in section.items():
        if code in _RESERVED:
            continue
        if code not in known:
            if CODE_PATTERN.match(code.upper()) and code.upper() in known:
                raise _error(pack, f"配置项 rules.{code}：规则代码请用大写（{code.upper()}）")
            if not CODE_PATTERN.match(code):
                raise _error(pack, f"未知配置项 rules.{code}（[rules] 下可用：select、ignore、severity，或 [rules.规则代码]）")
            raise _error(pack, f"配置项 rules.{code}：未知规则 {code}")
        options[code] = _options(pack, code, table, known[code])
    active = tuple(
        rule for code, rule in known.items()
        if (not select or any(code.startswith(p) for p in select)) and not any(code.startswith(p) for p in ignore)
    )
    by_kind = {kind: tuple(r for r in active if r.scope == "form" and kind in r.kinds) for kind in FormKind}
    return RuleSettings(active, severity, options, by_kind, frozenset(r.code for r in active))
