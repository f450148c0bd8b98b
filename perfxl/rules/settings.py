"""The [rules] section of a rule pack: selection, severity overrides and per-rule options, validated."""

from dataclasses import dataclass
from functools import cache
from typing import Any

from perfxl.config import ConfigError, RulePack
from perfxl.domain import Severity
from perfxl.rules.base import Rule
from perfxl.rules.registry import rules

_RESERVED = {"select", "ignore", "severity"}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    active: tuple[Rule, ...]
    severity: dict[str, Severity]
    options: dict[str, dict[str, Any]]


def _error(pack: RulePack, message: str) -> ConfigError:
    return ConfigError(f"{pack.source_label()}: {message}")


def _codes(pack: RulePack, key: str, patterns: Any) -> list[str]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise _error(pack, f"配置项 rules.{key} 应为规则代码数组，如 [\"S\", \"B101\"]")
    known = rules()
    for pattern in patterns:
        if not any(code.startswith(pattern.upper()) for code in known):
            raise _error(pack, f"配置项 rules.{key} 中的 {pattern!r} 不对应任何规则")
    return [p.upper() for p in patterns]


@cache
def settings(pack: RulePack) -> RuleSettings:
    """Validate and resolve the pack's [rules] section (cached per pack)."""
    section = pack.data.get("rules", {})
    known = rules()
    select = _codes(pack, "select", section.get("select", []))
    ignore = _codes(pack, "ignore", section.get("ignore", []))
    overrides = section.get("severity", {})
    if not isinstance(overrides, dict):
        raise _error(pack, "配置项 rules.severity 应为表")
    severity = {}
    for code, value in overrides.items():
        if code not in known:
            raise _error(pack, f"配置项 rules.severity.{code}：未知规则 {code}")
        if value not in {s.value for s in Severity}:
            raise _error(pack, f"配置项 rules.severity.{code} 应为 \"error\"、\"warning\" 或 \"info\"")
        severity[code] = Severity(value)
    options: dict[str, dict[str, Any]] = {}
    for code, table in section.items():
        if code in _RESERVED:
            continue
        if code not in known:
            raise _error(pack, f"配置项 rules.{code}：未知规则 {code}")
        if not isinstance(table, dict):
            raise _error(pack, f"配置项 rules.{code} 应为表，如 [rules.{code}]")
        declared = known[code].options
        for name, value in table.items():
            if name not in declared:
                raise _error(pack, f"配置项 rules.{code}.{name}：规则 {code} 没有这个选项"
                                   f"（可用：{', '.join(declared) or '无'}）")
            default = declared[name]
            if isinstance(default, bool) != isinstance(value, bool) or (
                    isinstance(default, int | float) and not isinstance(value, int | float)) or (
                    isinstance(default, str | list) and not isinstance(value, type(default))):
                raise _error(pack, f"配置项 rules.{code}.{name} 的值 {value!r} 类型不对（默认值为 {default!r}）")
        options[code] = dict(table)
    active = tuple(
        rule for code, rule in known.items()
        if (not select or any(code.startswith(p) for p in select)) and not any(code.startswith(p) for p in ignore)
    )
    return RuleSettings(active, severity, options)
