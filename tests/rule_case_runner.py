"""Runs the rule cases in tests/rule_cases/*.yaml (data-driven tests of the linter).

A case file tests one rule:

    rule: G113
    cases:
      - name: 指标值含模糊词                # what the case shows
        base: project_goal                 # the clean base form of this kind (rule_cases/bases/<kind>.json:
                                           # a generated sample, frozen so the cases' indices stay valid)
        seed: 3                            # optional: a freshly generated clean sample instead (`indicators: 8`
                                           # fixes its indicator count) — for cases that index nothing
        patch:                             # dotted-path edits, applied in order
          indicators[0].target: 较上年明显提高
        expect:                            # findings that must be present (code, optional path/severity/message/hint)
          - {code: G113, path: "indicators[0].target"}
      - name: 数值指标值
        base: project_goal
        absent: [G113]                     # codes that must not be reported

Patch paths: "budget.full_year", "indicators[2].actual", "indicators[-1].name", "tasks[0].total";
"indicators[+]" appends (a mapping of Indicator fields), "indicators[3]": null deletes; "cells.<path>"
sets a CellRef ({sheet, cell, formula}); "raw.<path>" / "extra.<key>" set those mappings. A string value
starting with "$" copies another path of the form being patched ("$indicators[0].name").

Options: `config:` (TOML text of a rule pack), `goal:` (the declared goal form derived from the base
sample — `true`, or `{patch: …}` for edits to it) for the X rules, `format: xlsx|json` to write the form
to a file and read it back (reader findings included), `file: {name, bytes}` for a raw file or
`file: {name, rows}` for a plain workbook, and
`batch:` (a list of sample items, each `{base, seed, patch}` or `{copy: i, patch}`) with expectations
`{index, code}` — run through perfxl.rules.duplicates.find_duplicates.
"""

import re
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from perfxl import api
from perfxl.config import load_pack
from perfxl.domain import CellRef, Form, FormKind, Indicator, Task
from perfxl.samples import generate

CASES_DIR = Path(__file__).parent / "rule_cases"
BASES_DIR = CASES_DIR / "bases"  # clean samples.generate(1, seed=1, kinds=[kind]) forms, frozen as form JSON
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(-?\d+|\+)\])?")
_ITEMS = {"indicators": Indicator, "tasks": Task}
_SAMPLES: dict[tuple, Form] = {}


def load_files() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.yaml"))}


def base_form(kind: str, seed: int | None = None, indicators: int | None = None) -> Form:
    """The clean base form of a kind: the frozen one in rule_cases/bases/ (cases index its indicators,
    so it must not move when the generator evolves), or a freshly generated one when `seed` is given."""
    key = (kind, seed, indicators)
    if key not in _SAMPLES:
        if seed is None and indicators is None:
            from perfxl.forms.formjson import load_json

            _SAMPLES[key] = load_json(BASES_DIR / f"{kind}.json")[0]
        else:
            sample = generate(1, seed or 1, kinds=[FormKind(kind)], indicators=indicators, fault_share=0.0)[0]
            assert not sample.faults
            _SAMPLES[key] = sample.form
    return _SAMPLES[key]


def get_path(obj: Any, path: str) -> Any:
    for name, index in _TOKEN.findall(path):
        obj = getattr(obj, name)
        if index:
            obj = obj[int(index)]
    return obj


def _convert(name: str, value: Any) -> Any:
    if name in _ITEMS and isinstance(value, dict):
        return _ITEMS[name](**value)
    return value


def set_path(obj: Any, path: str, value: Any) -> Any:
    head, _, rest = path.partition(".")
    m = _TOKEN.fullmatch(head)
    assert m, f"bad patch path {path!r}"
    name, index = m.group(1), m.group(2)
    if is_dataclass(obj) and name in ("cells", "raw", "extra") and not index:
        table = dict(getattr(obj, name))
        if value is None:
            table.pop(rest, None)
        else:
            table[rest] = CellRef(**value) if name == "cells" else value
        return replace(obj, **{name: table})
    assert is_dataclass(obj) and name in {f.name for f in fields(obj)}, f"no field {name!r} in {path!r}"
    current = getattr(obj, name)
    if index:
        items = list(current)
        if index == "+":
            assert not rest
            items.append(_convert(name, value))
        else:
            i = int(index)
            if not rest and value is None:
                del items[i]
            elif not rest:
                items[i] = _convert(name, value)
            else:
                items[i] = set_path(items[i], rest, value)
        return replace(obj, **{name: tuple(items)})
    if rest:
        return replace(obj, **{name: set_path(current, rest, value)})
    if isinstance(value, dict) and is_dataclass(current):
        value = type(current)(**value)
    if name in _ITEMS and isinstance(value, list):
        value = tuple(_convert(name, v) for v in value)
    if name == "kind":
        value = FormKind(value)
    if isinstance(value, int) and not isinstance(value, bool) and name not in ("year",):
        value = float(value)
    return replace(obj, **{name: value})


def patch(form: Form, edits: dict | None) -> Form:
    for path, value in (edits or {}).items():
        if isinstance(value, str) and value.startswith("$"):
            value = get_path(form, value[1:])
        form = set_path(form, path, value)
    return form


def derive_goal(form: Form) -> Form:
    """The goal declaration a self-assessment or monitoring form follows."""
    kind = FormKind.DEPT_GOAL if form.kind is FormKind.DEPT_SELFEVAL else FormKind.PROJECT_GOAL
    indicators = tuple(Indicator(level1=i.level1, level2=i.level2, name=i.name, target=i.target, unit=i.unit,
                                 weight=i.weight, basis=i.basis, direction=i.direction) for i in form.indicators)
    return Form(kind=kind, year=form.year, unit=form.unit, project=form.project, indicators=indicators)


def _pack(case: dict, tmp_path: Path):
    if "config" not in case:
        return None
    path = tmp_path / "perfxl.toml"
    path.write_text(case["config"], encoding="utf-8")
    return load_pack(path)


def run_case(case: dict, tmp_path: Path) -> list:
    """The findings for one (non-batch) case."""
    pack = _pack(case, tmp_path)
    if "file" in case:
        spec = case["file"]
        path = tmp_path / spec["name"]
        if "rows" in spec:
            from openpyxl import Workbook

            wb = Workbook()
            for row in spec["rows"]:
                wb.active.append(row)
            wb.save(path)
        else:
            text = spec.get("bytes", "")
            path.write_bytes(text.encode("latin-1") if all(ord(c) < 256 for c in text) else text.encode("utf-8"))
        return _read_and_check(path, pack, None)
    source = base_form(case["base"], case.get("seed"), case.get("indicators"))
    form = patch(source, case.get("patch"))
    goal = None
    if case.get("goal"):
        goal = derive_goal(source)
        if isinstance(case["goal"], dict):
            goal = patch(goal, case["goal"].get("patch"))
    fmt = case.get("format")
    if fmt == "json":
        from perfxl.forms.formjson import dumps

        path = tmp_path / "form.json"
        path.write_text(dumps(form), encoding="utf-8")
        return _read_and_check(path, pack, goal)
    if fmt == "xlsx":
        from perfxl.forms.write.writer import write_form

        path = tmp_path / "form.xlsx"
        write_form(form, path)
        return _read_and_check(path, pack, goal)
    return list(api.check(form, pack=pack, goal_form=goal).findings)


def _read_and_check(path: Path, pack, goal) -> list:
    from perfxl.rules.check import adjust

    result = api.read(path)
    found = adjust(result.findings, pack)
    if result.form is not None:
        found += list(api.check(result.form, pack=pack, goal_form=goal).findings)
    return found


def run_batch(case: dict) -> list:
    from perfxl.rules.duplicates import find_duplicates

    forms: list[Form | None] = []
    for item in case["batch"]:
        if item is None:
            forms.append(None)
            continue
        if "copy" in item:
            form = forms[item["copy"]]
        else:
            form = base_form(item["base"], item.get("seed"), item.get("indicators"))
        forms.append(patch(form, item.get("patch")))
    return find_duplicates(forms)


def case_codes(case: dict) -> tuple[set[str], set[str]]:
    """(codes a case expects present, codes it expects absent)."""
    present = {e["code"] if isinstance(e, dict) else e for e in case.get("expect", [])}
    return present, set(case.get("absent", []))
