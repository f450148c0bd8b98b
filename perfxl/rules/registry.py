"""The rule registry: every rule class, by code, checked for consistency when it is built."""

import importlib
import pkgutil
import re
import string
from functools import cache

from perfxl.domain import FormKind, Severity
from perfxl.rules.base import CODE_PATTERN, DOC_HEADINGS, NAME_PATTERN, SCOPES, Rule

_RULES: dict[str, type[Rule]] = {}
_OPTION = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# Codes of rules that were removed. A code is never reused: registering one of these is an error.
RETIRED: frozenset[str] = frozenset()


class RegistryError(RuntimeError):
    """A rule definition is malformed (a bug in perfxl, not in user data)."""


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check(cls: type[Rule]) -> None:
    code, name = getattr(cls, "code", ""), getattr(cls, "name", "")
    where = cls.__name__
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise RegistryError(f"{where}: malformed rule code {code!r}")
    if code in RETIRED:
        raise RegistryError(f"{where}: rule code {code} was retired and is never reused")
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise RegistryError(f"{where}: rule name {name!r} is not kebab-case")
    if code in _RULES and _RULES[code] is not cls:
        raise RegistryError(f"{where}: duplicate rule code {code} (also {_RULES[code].__name__})")
    if any(other.name == name and other is not cls for other in _RULES.values()):
        raise RegistryError(f"{where}: duplicate rule name {name}")
    title = getattr(cls, "title", "")
    if not isinstance(title, str) or not _CJK.search(title) or len(title) > 16:
        raise RegistryError(f"{where}: title must be a short Chinese phrase (≤ 16 characters), got {title!r}")
    doc = cls.__doc__ or ""
    missing = [h for h in DOC_HEADINGS if f"{h}：" not in doc]
    if missing:
        raise RegistryError(f"{where}: docstring lacks headings {missing}")
    positions = [doc.index(f"{h}：") for h in DOC_HEADINGS]
    if positions != sorted(positions):
        raise RegistryError(f"{where}: docstring headings out of order (expected {DOC_HEADINGS})")
    for attr in ("severity", "message"):
        if not hasattr(cls, attr):
            raise RegistryError(f"{where}: missing {attr}")
    if not isinstance(cls.severity, Severity):
        raise RegistryError(f"{where}: severity must be a Severity")
    if not cls.kinds or not all(isinstance(k, FormKind) for k in cls.kinds):
        raise RegistryError(f"{where}: kinds must be a non-empty set of FormKind")
    if cls.scope not in SCOPES:
        raise RegistryError(f"{where}: scope must be one of {SCOPES}")
    if not cls.message or not cls.hint:
        raise RegistryError(f"{where}: message and hint must not be empty")
    for opt, default in cls.options.items():
        if not isinstance(opt, str) or not _OPTION.match(opt):
            raise RegistryError(f"{where}: option name {opt!r} must be snake_case")
        if not isinstance(default, bool | int | float | str | list):
            raise RegistryError(f"{where}: option {opt} has an unsupported default {default!r}")
    if cls.scope == "form" and cls.check is Rule.check:
        raise RegistryError(f"{where}: a form rule must implement check()")
    try:
        _fields(cls.message), _fields(cls.hint)
    except ValueError as exc:
        raise RegistryError(f"{where}: malformed message template: {exc}") from None
    module = f"{code.lower()}_{name.replace('-', '_')}"  # one rule per module, named {code}_{name}
    if cls.__module__.rpartition(".")[2] != module:
        raise RegistryError(f"{where}: defined in {cls.__module__}; rule {code} lives in a module named {module}.py")


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry after checking its definition."""
    _check(cls)
    _RULES[cls.code] = cls
    return cls


@cache
def rules() -> dict[str, Rule]:
    """All registered rules by code, in code order (imports perfxl.rules.builtin once)."""
    from perfxl.rules import builtin

    import_rule_modules(builtin)
    return {code: _RULES[code]() for code in sorted(_RULES)}


def import_rule_modules(package) -> None:
    """Import every module of `package` (registering its rules). Each module either defines the one rule it is
    named after ({code}_{name}, checked by `register`) or is a shared helper whose name starts with "_"."""
    names = [module.name for module in pkgutil.iter_modules(package.__path__)]
    for name in names:
        importlib.import_module(f"{package.__name__}.{name}")
    homes = {cls.__module__ for cls in _RULES.values()}
    idle = [name for name in names if not name.startswith("_") and f"{package.__name__}.{name}" not in homes]
    if idle:
        raise RegistryError(f"{package.__name__}: {idle} define no rule; a rule's module is named {{code}}_{{name}}, "
                            "a shared helper's starts with _")


def rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive) or kebab-case name, or None."""
    known = rules()
    found = known.get(code.strip().upper())
    if found is None:
        found = next((r for r in known.values() if r.name == code.strip().lower()), None)
    return found
