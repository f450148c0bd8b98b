"""One declarative layout per form kind: the single source of truth for the workbook side.

The template builder (`perfxl.forms.write`), the writer and the reader all use these layouts; no cell
address is written anywhere else. A `Layout` (`spec`) is a title, a sheet name and an ordered list of
blocks, drawn top to bottom:

- `HeaderRow`  — one printed row of label/value pairs (项目名称 | …, 主管部门 | … | 实施单位 | …);
- `Grid`       — the funding block: row labels × column labels, each cell a `Field`, "—" or blank;
- `TextBlock`  — goal texts side by side (预期目标 | 实际完成情况), a label row above a tall text row;
- `Table`      — a repeated-row table (the indicator table, the 年度主要任务 table) with an optional
                 total row (总分 / 合计).

Every value cell is a `Field` with a Form field path ("project.name", "budget.executed", "total",
"extra.budget_fiscal_initial"); table columns are `Column`s keyed by Indicator/Task field names.
Split value columns: where a table has a "direction" column (指标性质), the "target" column
(and "midterm_target", "adjusted_target", "actual") holds only the number, and "unit" (计量单位)
holds the unit; `join_value` rebuilds the Form text ("≥95%", "≥3") from the three cells.

Modules:
- `spec`         the building blocks and their vocabulary (sheet names, list names, number formats);
- `shared`       fields, indicator columns and the funding grid several kinds print;
- `project_selfeval`, `dept_selfeval`, `project_goal`, `dept_goal`, `project_monitor`: one layout each;
- `synonyms`     the reader vocabulary collected from all layouts (`COLUMN_SYNONYMS`, `FIELD_SYNONYMS`,
                 `SECTION_LABELS`) and the regional text boxes (`EXTRA_BOXES`);
- `geometry`     `place(layout, rows=…)` → `Placement`: the cell of each field path, the columns and rows
                 of each table, the boxes (merged ranges) the builder draws;
- `formulas`     the scoring formulas, with placeholders `Placement.formula` resolves: `{path}` → absolute
                 address of a field ("$E$9"); `{#key}` → the same-row cell of a table column ("H12");
                 `{#key:}` → that column's whole table range, `$H$11:INDEX($H:$H,ROW($B$42)-1)`, so rows
                 inserted anywhere in the table are included; `{=key}` → the total-row cell of a column;
                 `{%name}` → a rule-pack parameter supplied by the builder;
- `instructions` the 填表说明 text.
This module assembles `LAYOUTS` and keeps the split-value text (`join_value`).
"""

from __future__ import annotations

from datetime import date, datetime

from perfxl.domain.kinds import FormKind
from perfxl.domain.vocabulary import number_text
from perfxl.forms.layout.dept_goal import DEPT_GOAL
from perfxl.forms.layout.dept_selfeval import DEPT_SELFEVAL
from perfxl.forms.layout.project_goal import PROJECT_GOAL
from perfxl.forms.layout.project_monitor import PROJECT_MONITOR
from perfxl.forms.layout.project_selfeval import PROJECT_SELFEVAL
from perfxl.forms.layout.spec import Layout

LAYOUTS: dict[FormKind, Layout] = {
    layout.kind: layout
    for layout in (PROJECT_GOAL, DEPT_GOAL, PROJECT_MONITOR, PROJECT_SELFEVAL, DEPT_SELFEVAL)
}


def layout_for(kind: FormKind | str) -> Layout:
    return LAYOUTS[FormKind(kind)]


# ---------------------------------------------------------------------------------------------
# Split values: "≥95%" ⇄ 指标性质 "≥" | 指标值 95 | 计量单位 "%"


def join_value(op: str | None, number: object, unit: str | None) -> str | None:
    """The Form text for split cells: op + number, with "%" appended when the unit is "%".

    Other units stay in the 计量单位 column (Indicator.unit), as in form JSON ("≥3" with unit "所").
    A date cell gives its ISO date; a text cell is returned as its text (text the writer could not split).
    """
    if number is None or (isinstance(number, str) and not number.strip()):
        return None
    if isinstance(number, datetime):
        number = number.date()
    if isinstance(number, date):
        return number.isoformat()  # deadline cells (计量单位 "日期")
    if isinstance(number, bool) or not isinstance(number, int | float):
        return str(number).strip()
    op = op if op in ("≥", "≤", "=", ">", "<") else ""
    suffix = "%" if unit == "%" else ""
    return f"{op}{number_text(float(number))}{suffix}"
