"""Form ⇄ JSON interchange, version 1 (docs/dev/form-json.md)."""

import json
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from perfxl.domain import Budget, Form, FormKind, Goals, Indicator, Project, Task, Unit
from perfxl.domain.vocabulary import number_text
from perfxl.forms.read.coerce import to_number

FORMAT_VERSION = 1


class FormJSONError(ValueError):
    """The JSON is not a usable perfxl form; the message (Chinese) says where and why."""


@cache
def schema() -> dict:
    """The JSON Schema shipped with the package."""
    return json.loads(resources.files("perfxl.forms").joinpath("form.schema.json").read_text("utf-8"))


def _number(value: Any, path: str, raw: dict) -> float | None:
    """A number that may arrive as a string, read as a workbook cell is; unusable text is kept in `raw`."""
    if value is None or isinstance(value, bool):
        return None
    number, text = to_number(value if isinstance(value, int | float | str) else str(value))
    if text is not None:  # not a usable number (text, ∞, NaN, |v| ≥ 10¹⁵): kept as text, so the rules report it (B109)
        raw[path] = str(value)
    return number


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = number_text(value) if isinstance(value, float) else str(value).strip()
    return text or None


_FIELDS = {cls: frozenset(f.name for f in fields(cls)) for cls in (Budget, Goals, Indicator, Project, Task, Unit)}
_NUMERIC = {
    Budget: {f.name for f in fields(Budget)} - {"currency_unit", "rate", "as_of"},
    Indicator: {"weight", "score"},
    Task: {"total", "fiscal", "other"},
}


def _build(cls, data: Any, path: str, raw: dict):
    if data is None:
        return cls()
    if not isinstance(data, dict):
        raise FormJSONError(f"{path} 应为对象（JSON object）")
    unknown = data.keys() - _FIELDS[cls]
    if unknown:
        raise FormJSONError(f"{path} 含未知字段：{', '.join(sorted(unknown))}")
    numeric = _NUMERIC.get(cls, set())
    kwargs = {}
    for name, value in data.items():
        if name in numeric:
            kwargs[name] = _number(value, f"{path}.{name}", raw)
        elif name == "rate" and isinstance(value, int | float):
            kwargs[name] = float(value)
        else:
            kwargs[name] = _text(value)
    if cls is Budget and kwargs.get("currency_unit") is None:
        kwargs.pop("currency_unit", None)
    return cls(**kwargs)


def form_from_dict(data: Any, source: str | None = None) -> Form:
    """Build a Form from parsed JSON; raises FormJSONError with a Chinese message."""
    if not isinstance(data, dict):
        raise FormJSONError("顶层应为表单对象（JSON object）")
    if data.get("perfxl") != FORMAT_VERSION:
        raise FormJSONError(f"不是 perfxl 表单 JSON：缺少 \"perfxl\": {FORMAT_VERSION}")
    known = {"perfxl", "kind", "year", "unit", "project", "budget", "goals", "indicators", "tasks", "total", "extra"}
    unknown = set(data) - known
    if unknown:
        raise FormJSONError(f"含未知字段：{', '.join(sorted(unknown))}")
    try:
        kind = FormKind(data.get("kind"))
    except ValueError:
        raise FormJSONError(f"未知的表单类型 kind={data.get('kind')!r}") from None
    raw: dict[str, str] = {}
    year = data.get("year")
    if year is not None and not (isinstance(year, int) and not isinstance(year, bool)):
        number = _number(year, "year", raw)
        year = int(number) if number is not None and number.is_integer() else None
    indicators = data.get("indicators") or []
    tasks = data.get("tasks") or []
    if not isinstance(indicators, list) or not isinstance(tasks, list):
        raise FormJSONError("indicators 和 tasks 应为数组")
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise FormJSONError("extra 应为对象")
    return Form(
        kind=kind,
        year=year,
        unit=_build(Unit, data.get("unit"), "unit", raw),
        project=_build(Project, data.get("project"), "project", raw),
        budget=_build(Budget, data.get("budget"), "budget", raw),
        goals=_build(Goals, data.get("goals"), "goals", raw),
        indicators=tuple(_build(Indicator, item, f"indicators[{i}]", raw) for i, item in enumerate(indicators)),
        tasks=tuple(_build(Task, item, f"tasks[{i}]", raw) for i, item in enumerate(tasks)),
        total=_number(data.get("total"), "total", raw),
        extra=extra,
        source=source,
        raw=raw,
    )


def _clean(number: float | None) -> int | float | None:
    if number is None:
        return None
    return int(number) if float(number).is_integer() and abs(number) < 2**53 else number


def _dump(obj, drop_empty: bool) -> dict:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, float):
            value = _clean(value)
        if drop_empty and value is None:
            continue
        out[f.name] = value
    return out


def form_to_dict(form: Form) -> dict:
    """The form as form JSON v1 (missing values as null)."""
    data = {
        "perfxl": FORMAT_VERSION,
        "kind": form.kind.value,
        "year": form.year,
        "unit": _dump(form.unit, False),
        "project": _dump(form.project, False),
        "budget": _dump(form.budget, True) | {"currency_unit": form.budget.currency_unit},
        "goals": _dump(form.goals, True),
        "indicators": [_dump(ind, True) for ind in form.indicators],
        "total": _clean(form.total),
        "extra": dict(form.extra),
    }
    if form.tasks:
        data["tasks"] = [_dump(task, True) for task in form.tasks]
    return data


def load_json(path: str | Path) -> list[Form]:
    """Read one form, or a list of forms, from a JSON file. Errors name the file and the position."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormJSONError(f"{path}: 不是 UTF-8 编码的文本文件（第 {exc.start} 字节）") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormJSONError(f"{path}: JSON 格式错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}") from None
    except RecursionError:
        raise FormJSONError(f"{path}: JSON 嵌套层数过多，不是表单 JSON") from None
    items = data if isinstance(data, list) else [data]
    forms = []
    for i, item in enumerate(items):
        try:
            forms.append(form_from_dict(item, source=str(path)))
        except FormJSONError as exc:
            where = f"第 {i + 1} 个表单：" if isinstance(data, list) else ""
            raise FormJSONError(f"{path}: {where}{exc}") from None
    return forms


def dumps(forms: Form | list[Form]) -> str:
    if isinstance(forms, Form):
        return json.dumps(form_to_dict(forms), ensure_ascii=False, indent=2)
    return json.dumps([form_to_dict(f) for f in forms], ensure_ascii=False, indent=2)
