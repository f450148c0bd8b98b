"""Merge a user TOML table over the defaults, rejecting unknown keys and values of the wrong type."""

from typing import Any

# Tables whose keys are data (names chosen by the user), not settings.
OPEN_TABLES = {"weights.level1", "weights.missing_satisfaction.fixed", "values.qualitative", "ranking.floors", "rules",
               "review"}


class MergeError(ValueError):
    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def _type_name(value: Any) -> str:
    return {bool: "布尔值 true/false", str: "文本", list: "数组", dict: "表"}.get(type(value), "数字")


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def merge(defaults: dict, user: dict, prefix: str = "") -> dict:
    """A new dict: defaults overridden by user. Raises MergeError naming the dotted key."""
    merged = dict(defaults)
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        if key not in defaults:
            raise MergeError(dotted, f"未知配置项 {dotted}")
        default = defaults[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise MergeError(dotted, f"配置项 {dotted} 应为表（[{dotted}]）")
            merged[key] = {**default, **value} if dotted in OPEN_TABLES else merge(default, value, dotted + ".")
        elif not _same_type(default, value):
            raise MergeError(dotted, f"配置项 {dotted} 的值 {value!r} 类型不对，应为{_type_name(default)}")
        else:
            merged[key] = float(value) if isinstance(default, float) else value
    return merged
