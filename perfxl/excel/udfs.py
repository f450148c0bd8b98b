"""Worksheet functions (UDFs): =PERFXL.SCORE(...) in the Office.js add-in, =PERFXL_SCORE(...) on the desktop.

One module for both runtimes: `xlwings.func/arg/ret` are xlwings Server's decorators when the module
is loaded by `perfxl serve` (the manifest's namespace PERFXL + `name=` gives PERFXL.SCORE) and the
classic add-in's on Windows (the Python name PERFXL_SCORE is the Excel name; `name=` is ignored there).

Every argument arrives as a 2-D list, so one formula over whole columns spills one result per row;
single cells broadcast. Bad arguments give a short Chinese message in the cell, never a traceback.
All figures come from `perfxl.api` with the active rule pack (perfxl.excel.pack).
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any

import xlwings as xw

from perfxl import api
from perfxl.domain.vocabulary import BAND_SHORT
from perfxl.excel.pack import active_pack

Grid = list[list[Any]]

_MISMATCH = "参数错误：各区域行数应相同（或为单个单元格）"


def _guard(func: Callable[..., Grid]) -> Callable[..., Grid]:
    """Turn any failure into a one-cell Chinese message (a worksheet shows it, never a traceback)."""

    @functools.wraps(func)
    def call(*args: Any) -> Grid:
        try:
            return func(*args)
        except _ArgumentError as exc:
            return [[str(exc)]]
        except Exception as exc:  # a cell must never show a traceback
            return [[f"计算出错：{type(exc).__name__}"]]

    return call


class _ArgumentError(ValueError):
    """A bad argument; the message is the cell text."""


def _grid(value: Any) -> Grid:
    """Any argument (scalar, 1-D, 2-D) as a list of rows; an omitted optional argument is [[None]]."""
    if isinstance(value, list | tuple):
        if not value:
            return [[None]]
        if isinstance(value[0], list | tuple):
            return [list(row) for row in value]
        return [[v] for v in value]
    return [[value]]


def _cells(value: Any) -> list[Any]:
    """Row-major cells of an argument (a column, a row or one cell)."""
    return [cell for row in _grid(value) for cell in row]


def _broadcast(*args: Any) -> Iterable[tuple]:
    """Zip columns of cells; single cells repeat. Raises _ArgumentError on different lengths."""
    columns = [_cells(a) for a in args]
    n = max(len(c) for c in columns)
    if any(len(c) not in (1, n) for c in columns):
        raise _ArgumentError(_MISMATCH)
    return zip(*(c * n if len(c) == 1 else c for c in columns), strict=True)


def _rows(row: Callable[..., list], *args: Any) -> Grid:
    """One output row per broadcast input row; a bad row gets its message, the others their results."""
    out = []
    for cells in _broadcast(*args):
        try:
            out.append(row(*cells))
        except _ArgumentError as exc:
            out.append([str(exc)])
    return out


def _number(value: Any, what: str = "分值") -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _ArgumentError(f"参数错误：{what}应为数字")
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        raise _ArgumentError(f"参数错误：{what}“{value}”不是数字") from None


def _rounded(value: float | None) -> float | None:
    return api.rounded(value, pack=active_pack())


def _indicator(target: Any, actual: Any, weight: Any, direction: Any):
    return api.score_indicator(target, actual, _number(weight), direction, pack=active_pack())


@xw.func(name="SCORE")
@xw.arg("target", ndim=2, doc="年度指标值（可含符号和单位，如 ≥95%）；可选一列")
@xw.arg("actual", ndim=2, doc="实际完成值；与指标值同样多的行")
@xw.arg("weight", ndim=2, doc="分值（权重）")
@xw.arg("direction", ndim=2, doc="可选：指标性质 ≥ ≤ = 定性")
def PERFXL_SCORE(target, actual, weight, direction=None):
    """按评分规则计算三级指标得分（财预〔2020〕10号 附1）；选中整列可一次算出整列。"""
    return _guard(_rows)(_score, target, actual, weight, direction)


def _score(*cells) -> list:
    return _score_or_why(_indicator(*cells))


def _score_or_why(result) -> list:
    """The rounded score, or the explanation of why there is none, as one spilled row."""
    return [_rounded(result.score) if result.score is not None else result.explain]


@xw.func(name="EXPLAIN")
@xw.arg("target", ndim=2, doc="年度指标值")
@xw.arg("actual", ndim=2, doc="实际完成值")
@xw.arg("weight", ndim=2, doc="分值（权重）")
@xw.arg("direction", ndim=2, doc="可选：指标性质 ≥ ≤ = 定性")
def PERFXL_EXPLAIN(target, actual, weight, direction=None):
    """评分说明：按什么规则、为什么得这个分（与 PERFXL.SCORE 参数相同）。"""
    return _guard(_rows)(lambda *cells: [_indicator(*cells).explain], target, actual, weight, direction)


@xw.func(name="BUDGET")
@xw.arg("executed", ndim=2, doc="全年执行数")
@xw.arg("budget", ndim=2, doc="全年预算数")
@xw.arg("weight", ndim=2, doc="可选：预算执行率分值，默认按规则包（10分）")
def PERFXL_BUDGET(executed, budget, weight=None):
    """预算执行率得分 = 分值 × min(全年执行数 ÷ 全年预算数, 1)（财预〔2020〕10号 附1）。"""
    return _guard(_rows)(_budget, executed, budget, weight)


def _budget(executed, budget, weight) -> list:
    result = api.score_budget_figures(_number(executed, "全年执行数"), _number(budget, "全年预算数"), _number(weight), pack=active_pack())
    return _score_or_why(result)


@xw.func(name="GRADE")
@xw.arg("total", ndim=2, doc="总分")
def PERFXL_GRADE(total):
    """总分对应的评价等级（优 ≥ 90、良 80–90、中 60–80、差 < 60，按规则包）。"""
    return _guard(_rows)(lambda cell: [api.grade(_number(cell, "总分"), pack=active_pack()) or ""], total)


_KIND_LABELS = {"range": "区间", "date": "时限", "qualitative": "定性", "text": "文字", "na": "不适用",
                "empty": "", "invalid": "无法识别"}


@xw.func(name="PARSE")
@xw.arg("text", ndim=2, doc="指标值或实际完成值的文字，如 ≥95%、3至5个、12月底前；可选一列")
def PERFXL_PARSE(text):
    """引擎如何读懂一个指标值：每个单元格返回一行〔符号, 数值, 单位〕。"""
    return _guard(_rows)(_parse, text)


def _parse(cell) -> list:
    v = api.parse_value(cell, pack=active_pack())
    kind = v.kind.value
    if kind == "number":
        return [v.op or "", v.number, v.unit or ""]
    if kind == "range":
        return [_KIND_LABELS[kind], f"{v.low:g}–{v.high:g}", v.unit or ""]
    if kind == "date":
        return [v.op or _KIND_LABELS[kind], v.when.isoformat() if v.when else v.raw, ""]
    if kind == "qualitative":
        return [_KIND_LABELS[kind], BAND_SHORT[v.band] if v.band else "", ""]
    return [_KIND_LABELS.get(kind, kind), v.reason or "", ""]


@xw.func(name="CHECK")
@xw.arg("table", ndim=2, doc="绩效指标表（含表头行：一级指标、三级指标、年度指标值、实际完成值、分值……）")
def PERFXL_CHECK(table):
    """逐行校验绩效指标表：每行返回问题（代码 + 说明），没有问题为空；第一行对应表头。"""
    return _guard(_check)(table)


def _check(table) -> Grid:
    rows = _grid(table)
    try:
        per_row = api.check_indicator_table(rows, pack=active_pack())
    except ValueError as exc:
        raise _ArgumentError(f"参数错误：{exc}") from None
    out: Grid = [["校验结果"]]
    out.extend(["；".join(f"{f.code} {f.message}" for f in findings)] for findings in per_row)
    return out


@xw.func(name="RULE")
@xw.arg("code", ndim=2, doc="规则代码，如 S205")
def PERFXL_RULE(code):
    """规则说明：检查什么、级别和修改建议。"""
    return _guard(_rows)(_rule, code)


def _rule(cell) -> list:
    info = api.rule_info(str(cell or ""))
    if info is None:
        return [f"没有规则“{cell or ''}”（规则代码如 S205，见 docs/rules.md）"]
    return [f"{info['code']}（{info['severity']}）{info['checks']} 修改建议：{info['hint']}"]


FUNCTIONS = (PERFXL_SCORE, PERFXL_EXPLAIN, PERFXL_BUDGET, PERFXL_GRADE, PERFXL_PARSE, PERFXL_CHECK, PERFXL_RULE)
