"""Rows typed into a worksheet rather than whole forms (the Excel functions): one indicator row scored exactly as
inside a form, and an indicator table (header + rows) checked as the indicators of a project self-assessment."""

from __future__ import annotations

from perfxl.config import RulePack, default_pack
from perfxl.domain import Finding, Form, FormKind, Indicator
from perfxl.forms.read.coerce import to_text
from perfxl.reports import check


def score_indicator(target: object, actual: object, weight: float | None, direction: str | None = None,
                    unit: str | None = None, *, name: str | None = None, year: int | None = None,
                    pack: RulePack | None = None):
    """One indicator row scored exactly as inside a form: IndicatorScore (.score, .explain, .problem).

    `weight` is the row's 分值, used as its effective weight (a lone row has nothing to redistribute);
    `name` (三级指标) matters only for targets written without an operator.
    """
    from perfxl.scoring.context import context
    from perfxl.scoring.methods import assess, finish

    ctx = context(pack or default_pack())
    name = to_text(name)
    a = assess(ctx, name, to_text(target), to_text(actual), to_text(unit), to_text(direction), year)
    return finish(ctx, a, 0, Indicator(name=name, weight=weight), None, weight)


def indicator_columns(kind: str = "project_selfeval") -> dict[str, str]:
    """Header text → Indicator field for a form's indicator table (labels and reader synonyms)."""
    from perfxl.forms.layout import layout_for
    from perfxl.forms.layout.spec import Table

    columns: dict[str, str] = {}
    for block in layout_for(kind).blocks:
        if isinstance(block, Table) and block.name == "indicators":
            for col in block.columns:
                if not col.key.startswith("_"):
                    for label in (col.label, *col.synonyms):
                        columns.setdefault(_compact(label), col.key)
    return columns


def check_indicator_table(rows: list[list[object]], *, pack: RulePack | None = None) -> list[list[Finding]]:
    """Findings per data row of an indicator table whose first row is the header (自评表 columns).

    The rows are checked as the indicators of one project self-evaluation form; form-wide findings
    (unit name, budget, totals) are left out. Raises ValueError (Chinese) when no header is recognised.
    """
    if not rows:
        raise ValueError("表格为空")
    known = indicator_columns()
    keys = [known.get(_compact(to_text(h) or "")) for h in rows[0]]
    if not any(keys):
        raise ValueError("第一行应为表头（一级指标、二级指标、三级指标、年度指标值、实际完成值、分值……）")
    numbers = {"weight", "score"}
    indicators = []
    for row in rows[1:]:
        values: dict[str, object] = {}
        for key, cell in zip(keys, row, strict=False):
            if key is None or cell is None or cell == "":
                continue
            values[key] = _number(cell) if key in numbers else to_text(cell)
        indicators.append(Indicator(**values))
    form = Form(FormKind.PROJECT_SELFEVAL, indicators=tuple(indicators))
    per_row: list[list[Finding]] = [[] for _ in indicators]
    for f in check(form, pack=pack).findings:
        index = _row_of(f.path)
        if index is not None and index < len(per_row):
            per_row[index].append(f)
    return per_row


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _compact(text: str) -> str:
    return "".join(str(text).split())


def _row_of(path: str | None) -> int | None:
    if not path or not path.startswith("indicators["):
        return None
    end = path.find("]")
    return int(path[len("indicators["):end]) if end > 0 and path[len("indicators["):end].isdigit() else None
