"""Label matching for the reader: one normalisation, and per-kind lookup tables compiled from
`perfxl.forms.layout` (the single source of label text; nothing is spelled twice here).

`norm` folds the ways people retype a printed label — spaces and line breaks, full-width
characters, bracketed markers such as （A）（B/A）（万元）（50分）, a leading 其中：, numbering,
required-field stars, 1—6月 vs 1-N月 — so that matching a cell is one dict lookup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from perfxl.domain import FormKind
from perfxl.forms.layout import LAYOUTS, layout_for
from perfxl.forms.layout.spec import DEVIATION_CAUSES, Field, Grid, HeaderRow, Layout, Table, TextBlock
from perfxl.forms.layout.synonyms import EXTRA_BOXES

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_MONTHS = re.compile(r"1[-—–~至到]([0-9]{1,2}|N)月")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[0-9]{1,2}[、.](?![0-9]))")
# A text in which none of these occurs (and that is NFKC-normal) is its own norm.
_CHANGES = re.compile(r"[\s(\[【〔月*:：]|^(?:[0-9一二三四五六七八九十]|其中)")


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """Canonical form of a label: '全年执行数\\n（B）' → '全年执行数', '1—6月执行数' → '1-N月执行数'."""
    if _CHANGES.search(text) is None and unicodedata.is_normalized("NFKC", text):
        return text  # most data cells: nothing below would change them
    s = unicodedata.normalize("NFKC", text)
    s = "".join(s.split())
    prefix = ""
    if s.startswith("(") and ")" in s:  # a leading mark: (一) numbering is dropped, (计算列) kept
        mark, _, rest = s[1:].partition(")")
        if rest and not _NUMBERING.match(mark + "、"):
            prefix, s = f"[{mark}]", rest
    if "(" in s or "[" in s or "【" in s or "〔" in s:
        s = _BRACKETS.sub("", s)
    if "月" in s:
        s = _MONTHS.sub("1-N月", s)
    s = s.strip("*:：")
    if s.startswith("其中"):
        s = s[2:].lstrip(":")
    if s and (s[0].isdigit() or s[0] in "一二三四五六七八九十"):
        s = _NUMBERING.sub("", s)
    return prefix + s if s else ""


def month_of(text: str) -> int | None:
    """The N of a '1—N月' header ('1—6月执行数' → 6)."""
    m = _MONTHS.search(unicodedata.normalize("NFKC", "".join(text.split())))
    if m and m.group(1).isdigit():
        n = int(m.group(1))
        return n if 1 <= n <= 12 else None
    return None


def norms(labels) -> list[str]:
    """The distinct, non-empty norms of some labels, in order."""
    return [n for n in dict.fromkeys(norm(x) for x in labels) if n]


@dataclass(slots=True)
class TableSpec:
    table: Table
    columns: dict[str, str]  # norm label -> column key (hidden helper columns excluded)
    totals: frozenset[str]  # norm labels of the total row (总分 / 合计)
    sections: frozenset[str]
    number_keys: frozenset[str]  # keys whose cells are numbers in the Form (weight, score, amounts)
    split: bool  # the layout splits values into 指标性质 | number | 计量单位
    primary: frozenset[str] = frozenset()  # norm of each column's printed label (preferred over synonyms)


@dataclass(slots=True)
class GridSpec:
    grid: Grid
    columns: dict[str, int]  # norm column label -> column index
    rows: dict[str, int]  # norm row label -> row index
    sections: frozenset[str]
    by_label: dict[str, tuple[int, int]]  # norm Field label -> (row, col): for grids printed without a header row


@dataclass(slots=True)
class KindSpec:
    kind: FormKind
    layout: Layout
    header: dict[str, str]  # norm label -> field path (one-line label | value fields)
    text: dict[str, str]  # norm label -> field path (goal texts: value right or below)
    grids: list[GridSpec]
    tables: dict[str, TableSpec]  # "indicators" / "tasks"
    sections: dict[str, str]  # norm section label -> printed section label
    boxes: dict[str, str]  # norm label -> Form.extra key (regional boxes such as 评价结论)
    ignored: frozenset[str]  # labels without a field (自评总分, hidden helper columns)
    vocabulary: frozenset[str] = field(default_factory=frozenset)  # every norm label of this kind
    signature: frozenset[str] = field(default_factory=frozenset)  # labels only this kind uses

    @property
    def indicators(self) -> TableSpec:
        return self.tables["indicators"]


_NUMBER_FIELDS = frozenset({"weight", "score", "total", "fiscal", "other"})


def _table_spec(table: Table) -> TableSpec:
    columns: dict[str, str] = {}
    numbers = set()
    for col in table.columns:
        if col.hidden:
            continue
        for n in norms(col.labels):
            columns.setdefault(n, col.key)
        if col.key in _NUMBER_FIELDS:
            numbers.add(col.key)
    totals = frozenset(norms([table.total_label] if table.total_label else []) + ["合计", "总计", "总分"])
    primary = frozenset(norm(col.label) for col in table.columns)
    return TableSpec(table, columns, totals, frozenset(norms(table.section.labels)), frozenset(numbers), table.split,
                     primary)


def _grid_spec(grid: Grid) -> GridSpec:
    columns = {n: i for i, lab in enumerate(grid.columns) for n in norms(lab.labels)}
    rows = {n: i for i, row in enumerate(grid.rows) for n in norms(row.label.labels)}
    by_label: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(grid.rows):
        for j, cell in enumerate(row.cells):
            if isinstance(cell, Field) and cell.path:
                for n in norms(cell.labels):
                    by_label.setdefault(n, (i, j))
    return GridSpec(grid, columns, rows, frozenset(norms(grid.section.labels)), by_label)


@cache
def kind_spec(kind: FormKind) -> KindSpec:
    lay = layout_for(kind)
    header: dict[str, str] = {}
    text: dict[str, str] = {}
    grids, tables, sections = [], {}, {}
    for block in lay.blocks:
        if isinstance(block, HeaderRow):
            for f in block.fields:
                if f.path:
                    for n in norms(f.labels):
                        header.setdefault(n, f.path)
        elif isinstance(block, TextBlock):
            for f in block.fields:
                for n in norms(f.labels):
                    text.setdefault(n, f.path)
        elif isinstance(block, Grid):
            grids.append(_grid_spec(block))
        elif isinstance(block, Table):
            tables[block.name] = _table_spec(block)
        if not isinstance(block, HeaderRow):
            for n in norms(block.section.labels):
                sections.setdefault(n, block.section.text)
    boxes = {n: key for key, labels in EXTRA_BOXES.items() for n in norms(labels)}
    # Labels printed on the form that carry no field of their own (自评总分, hidden helper columns):
    # known, so that they stop a value search and are never taken for data or an unknown header.
    ignored = {n for f in lay.fields() if not f.path for n in norms(f.labels)}
    ignored |= {n for t in tables.values() for col in t.table.columns if col.hidden for n in norms(col.labels)}
    vocab = set(header) | set(text) | set(sections) | set(boxes)
    for g in grids:
        vocab |= set(g.columns) | set(g.rows) | set(g.by_label)
    for t in tables.values():
        vocab |= set(t.columns) | t.totals
    ignored -= vocab
    vocab |= ignored
    return KindSpec(kind, lay, header, text, grids, tables, sections, boxes, frozenset(ignored), frozenset(vocab))


@cache
def all_specs() -> tuple[KindSpec, ...]:
    """Specs of every kind, each with its `signature` (labels no other kind uses)."""
    specs = [kind_spec(kind) for kind in FormKind]
    for s in specs:
        others = frozenset().union(*(o.vocabulary for o in specs if o is not s))
        s.signature = s.vocabulary - others
    return tuple(specs)


@cache
def cause_labels() -> dict[str, str]:
    """Norm → printed text of the 偏差原因 sub-columns of monitoring tables."""
    return {norm(x): x for x in DEVIATION_CAUSES}


@cache
def any_label() -> frozenset[str]:
    """Every label any kind knows: a cell whose norm is not here is data, not a label."""
    return frozenset().union(*(s.vocabulary for s in all_specs()))


@cache
def printed() -> dict[str, str]:
    """Label texts exactly as the layouts print them → their norm: most cells of a form built from
    a template hit this dict and skip normalisation."""
    out: dict[str, str] = {}
    for lay in LAYOUTS.values():
        texts = [lay.title, *(f.label for f in lay.fields())]
        for block in lay.blocks:
            if isinstance(block, Table):
                texts += [col.label for col in block.columns] + [block.section.text, block.total_label or ""]
            elif isinstance(block, Grid):
                texts += [block.section.text, *(c.text for c in block.columns), *(r.label.text for r in block.rows)]
            elif isinstance(block, TextBlock):
                texts.append(block.section.text)
    for text in texts_of_boxes():
        texts.append(text)
    for text in texts:
        if text:
            out[text] = norm(text)
    return out


def texts_of_boxes() -> list[str]:
    return [label for labels in EXTRA_BOXES.values() for label in labels]
