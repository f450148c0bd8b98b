"""The vocabulary and building blocks of form layouts (the per-kind layouts are built from them)."""

from __future__ import annotations

from dataclasses import dataclass

from perfxl.domain.kinds import FormKind
from perfxl.domain.vocabulary import QUALITATIVE_RESULTS  # noqa: F401 — the 定性结果 drop-down, re-exported

TEMPLATE_VERSION = "1.0"
META_SHEET = "_perfxl"  # hidden (state hidden) sheet: key in column A, value in column B
LISTS_SHEET = "下拉列表"
HELP_SHEET = "填表说明"

# Drop-down vocabularies (defined names on the lists sheet). docs/dev/domain.md §2, §5; docs/dev/forms.md.
DIRECTIONS = ("≥", "≤", "=", "定性")
UNITS = ("%", "个", "人", "人次", "户", "所", "项", "次", "天", "月", "年", "台", "套", "件", "份", "场",
         "万元", "元", "元/人", "元/平方米", "平方米", "公里", "亩", "吨", "日期", "—")
BASES = ("计划标准", "行业标准", "历史标准", "其他经确认的标准")
LIKELIHOOD = ("确定能", "有可能", "完全不可能")
DEVIATION_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
ATTRIBUTES = ("新增", "延续")

#: Number columns of split tables. The 指标性质 operator belongs to the text of OP_KEYS (targets);
#: actuals carry no operator. A cell holding text instead of a number is the value's text as typed.
OP_KEYS = ("target", "midterm_target", "adjusted_target")
SPLIT_KEYS = (*OP_KEYS, "actual")
DATE_UNIT = "日期"  # 计量单位 of deadline indicators: their value cells hold dates

# Defined names (drop-down sources). Per-一级 names for the dependent 二级 list are the 一级 labels.
LIST_LEVEL1 = "一级指标"
LIST_DIRECTION = "指标性质"
LIST_UNIT = "计量单位"
LIST_BASIS = "取值依据"
LIST_QUALITATIVE = "定性结果"
LIST_QUALITATIVE_TABLE = "定性得分率"  # two columns: phrase | fraction of the weight
LIST_LIKELIHOOD = "完成目标可能性"
LIST_DEVIATION = "偏差原因"
LIST_ATTRIBUTE = "项目属性"
LIST_NA = "不适用标记"
LIST_FIXED_SHARES = "满意度分配"  # 一级 → its weight when no 满意度 indicator (rule pack, mode "fixed")

AMOUNT = "#,##0.00"
PERCENT = "0.00%"
SCORE = "0.00"
WEIGHT = "0.##"


@dataclass(frozen=True, slots=True)
class Label:
    """A printed label and the variants readers accept for it."""

    text: str
    synonyms: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.text, *self.synonyms)


class _Cell:
    """What value cells and table columns share: a formula or an input, and the labels that name them."""

    __slots__ = ()

    @property
    def input(self) -> bool:
        return self.formula is None

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(frozen=True, slots=True)
class Field(_Cell):
    """One value cell: an input (formula None) or a formula; `path` None for display-only cells."""

    label: str
    path: str | None
    synonyms: tuple[str, ...] = ()
    formula: str | None = None
    fmt: str | None = None
    choices: str | None = None  # defined name of the drop-down list
    required: bool = False
    number: bool = False  # an amount or score: a number, not text
    width: float = 3.0  # relative width of the value next to its label (header rows, text blocks)



@dataclass(frozen=True, slots=True)
class HeaderRow:
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class GridRow:
    label: Label
    cells: tuple[Field | str | None, ...]  # per column: a Field, fixed text ("—") or None (blank)


@dataclass(frozen=True, slots=True)
class Grid:
    section: Label
    corner: str  # label above the row labels ("" for none)
    columns: tuple[Label, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class TextBlock:
    section: Label
    fields: tuple[Field, ...]
    height: float = 72.0  # points


@dataclass(frozen=True, slots=True)
class Column(_Cell):
    """A table column. `key` is the Indicator/Task field name; keys starting with "_" are hidden helpers."""

    key: str
    label: str
    width: float
    synonyms: tuple[str, ...] = ()
    formula: str | None = None
    fmt: str | None = None
    choices: str | None = None  # defined name, or "=INDIRECT(...)" style source for dependent lists
    required: bool = False  # needed once the row is used (its 三级/任务名称 is filled)
    number: bool = False  # holds a number (the numeric part of a split value, a weight, an amount)
    prompt: str | None = None  # input message shown when the cell is selected
    strict: bool = False  # drop-down rejects other values (otherwise it only suggests)

    @property
    def hidden(self) -> bool:
        return self.key.startswith("_")



@dataclass(frozen=True, slots=True)
class TotalCell:
    key: str  # the column it sits under
    formula: str
    path: str | None = None
    fmt: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # "indicators" or "tasks": the Form attribute the rows fill
    section: Label
    columns: tuple[Column, ...]
    rows: int  # rows in the blank template
    total_label: str | None = None
    totals: tuple[TotalCell, ...] = ()
    used_by: str = "name"  # a row counts as used when this column is filled

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(col.key == key for col in self.columns)

    @property
    def split(self) -> bool:
        """Values are split into 指标性质 | number | 计量单位 columns."""
        return self.has("direction")


Block = HeaderRow | Grid | TextBlock | Table


@dataclass(frozen=True, slots=True)
class Layout:
    kind: FormKind
    sheet: str
    blocks: tuple[Block, ...]
    landscape: bool = True
    notes: tuple[str, ...] = ()  # form-specific paragraphs of the 填表说明 sheet

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def subtitle(self) -> Field:
        return YEAR

    def table(self, name: str = "indicators") -> Table:
        for block in self.blocks:
            if isinstance(block, Table) and block.name == name:
                return block
        raise KeyError(name)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def fields(self) -> tuple[Field, ...]:
        """Every single-cell field, in drawing order (the year first)."""
        out = [YEAR]
        for block in self.blocks:
            if isinstance(block, HeaderRow | TextBlock):
                out.extend(block.fields)
            elif isinstance(block, Grid):
                out.extend(c for row in block.rows for c in row.cells if isinstance(c, Field))
        return tuple(out)

    def field(self, path: str) -> Field:
        for f in self.fields():
            if f.path == path:
                return f
        raise KeyError(path)

    @property
    def paths(self) -> frozenset[str]:
        """Field paths this form carries (inputs and formulas), plus "indicators"/"tasks" and "total"."""
        out = {f.path for f in self.fields() if f.path}
        for table in self.tables:
            out.add(table.name)
            out.update(t.path for t in table.totals if t.path)
        return frozenset(out)


YEAR = Field("年度", "year", ("年份",), fmt="0", number=True, required=True)
