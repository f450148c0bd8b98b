"""The rule registry: every rule class, by code, checked for consistency when it is built."""

import importlib
import pkgutil
from functools import cache

from perfxl.rules.base import CODE_PATTERN, DOC_HEADINGS, NAME_PATTERN, Rule

_RULES: dict[str, type[Rule]] = {}


class RegistryError(RuntimeError):
    """A rule definition is malformed (a bug in perfxl, not in user data)."""


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry after checking its definition."""
    code, name = getattr(cls, "code", ""), getattr(cls, "name", "")
    if not CODE_PATTERN.match(code):
        raise RegistryError(f"{cls.__name__}: malformed rule code {code!r}")
    if not NAME_PATTERN.match(name):
        raise RegistryError(f"{cls.__name__}: rule name {name!r} is not kebab-case")
    if code in _RULES:
        raise RegistryError(f"{cls.__name__}: duplicate rule code {code} (also {_RULES[code].__name__})")
    if any(other.name == name for other in _RULES.values()):
        raise RegistryError(f"{cls.__name__}: duplicate rule name {name}")
    doc = cls.__doc__ or ""
    missing = [h for h in DOC_HEADINGS if h not in doc]
    if missing:
        raise RegistryError(f"{cls.__name__}: docstring lacks headings {missing}")
    for attr in ("severity", "message"):
        if not hasattr(cls, attr):
            raise RegistryError(f"{cls.__name__}: missing {attr}")
    _RULES[code] = cls
    return cls


@cache
def rules() -> dict[str, Rule]:
    """All registered rules by code, in code order (imports perfxl.rules.builtin once)."""
    from perfxl.rules import builtin

    for module in pkgutil.iter_modules(builtin.__path__):
        importlib.import_module(f"{builtin.__name__}.{module.name}")
    return {code: _RULES[code]() for code in sorted(_RULES)}
