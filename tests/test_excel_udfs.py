"""Worksheet functions: called directly, and through xlwings Server's custom-functions call with
Office.js-shaped payloads (2-D arrays, Chinese text, a 1,000-row column)."""

import sys
import types

import officejs  # noqa: F401  (xlwings in server mode; skips without xlwings)
import pytest
import xlwings.server as xw_server
from officejs import call_function

from perfxl import api
from perfxl.excel import udfs

NAMES = ("SCORE", "EXPLAIN", "BUDGET", "GRADE", "PARSE", "CHECK", "RULE")
HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "计量单位", "实际完成值", "分值", "得分",
          "偏差原因分析及改进措施"]


def test_every_function_is_registered_with_chinese_descriptions():
    assert [f.__xlfunc__["excel_name"] for f in udfs.FUNCTIONS] == list(NAMES)
    for f in udfs.FUNCTIONS:
        assert f.__name__ == "PERFXL_" + f.__xlfunc__["excel_name"]  # the desktop name
        docs = [f.__xlfunc__["ret"]["doc"]] + [a["doc"] for a in f.__xlfunc__["args"]]
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in doc) for doc in docs), f.__name__


def test_score_matches_the_engine_row_by_row():
    targets = [["95"], ["≥90%"], ["达成年度指标"], ["—"], ["30天"]]
    actuals = [["93.5"], ["95%"], ["部分达成"], ["—"], ["45天"]]
    directions = [["≥"], [None], [None], [None], ["≤"]]
    result = udfs.PERFXL_SCORE(targets, actuals, [[20]], directions)
    expected = []
    for (t,), (a,), (d,) in zip(targets, actuals, directions, strict=True):
        r = api.score_indicator(t, a, 20, d)
        expected.append([api.rounded(r.score) if r.score is not None else r.explain])
    assert result == expected
    assert result[0] == [19.68]  # 93.5 / 95 × 20, half-up to 2 decimals
    assert "不适用" in result[3][0]


def test_explain_budget_grade():
    assert udfs.PERFXL_EXPLAIN([["95"]], [["93.5"]], [[20]], [["≥"]]) == [["实际93.5 < 目标95，按比例得19.68分"]]
    assert udfs.PERFXL_BUDGET([[90], [120], [None]], [[100]]) == [
        [9.0], [10.0], ["未填写全年执行数，无法计算预算执行率，预算执行未计分"]]
    assert udfs.PERFXL_GRADE([[89.996], [80], [59.99]]) == [["优"], ["良"], ["差"]]


def test_parse_spills_operator_number_unit():
    assert udfs.PERFXL_PARSE([["≥95%"], ["3至5个"], ["已完成"], ["较上年提高"], [None]]) == [
        ["≥", 95.0, "%"], ["区间", "3–5", "个"], ["定性", "达成", ""], ["文字", "", ""], ["", "", ""]]
    kind, reason, _ = udfs.PERFXL_PARSE("95%%")[0]
    assert kind == "无法识别" and "95%%" in reason


def test_check_gives_one_line_per_row():
    rows = [HEADER,
            ["产出指标", "数量指标", "培训人数", "≥", "100", "人次", "90", 10, 10, ""],
            ["产出指标", "质量指标", "合格率", "≥", "95", "%", "96", 10, 10, ""]]
    out = udfs.PERFXL_CHECK(rows)
    assert out[0] == ["校验结果"] and len(out) == 3
    assert "S201" in out[1][0] and "9 分" in out[1][0]
    assert out[2] == [""]


def test_rule_text():
    text = udfs.PERFXL_RULE("s205")[0][0]
    assert text.startswith("S205（警告）") and "修改建议" in text
    assert udfs.PERFXL_RULE("X999") == [["没有规则“X999”（规则代码如 S205，见 docs/rules.md）"]]


@pytest.mark.parametrize("call, message", [
    (lambda: udfs.PERFXL_SCORE([["95"], ["90"]], [["1"], ["2"], ["3"]], 10), "参数错误：各区域行数应相同"),
    (lambda: udfs.PERFXL_SCORE("95", "90", "十分"), "参数错误：分值“十分”不是数字"),
    (lambda: udfs.PERFXL_BUDGET("很多", 100), "参数错误：全年执行数“很多”不是数字"),
    (lambda: udfs.PERFXL_GRADE(True), "参数错误：总分应为数字"),
    (lambda: udfs.PERFXL_CHECK([[1, 2], [3, 4]]), "参数错误：第一行应为表头"),
])
def test_bad_arguments_give_a_short_chinese_message(call, message):
    (cell,) = call()[-1]
    assert cell.startswith(message) and "Traceback" not in cell


def test_one_bad_row_does_not_spoil_the_column():
    assert udfs.PERFXL_GRADE([[95], ["x"], [70]]) == [["优"], ["参数错误：总分“x”不是数字"], ["中"]]


# -- through xlwings Server's custom-functions call ---------------------------------------------------


@pytest.fixture(scope="module")
def module():
    mod = types.ModuleType("custom_functions")
    for f in udfs.FUNCTIONS:
        setattr(mod, f.__name__, f)
    return mod


def test_meta_lists_every_function_with_its_excel_name(module):
    meta = xw_server.custom_functions_meta(module)
    assert sorted(f["name"] for f in meta["functions"]) == sorted(NAMES)
    score = next(f for f in meta["functions"] if f["name"] == "SCORE")
    assert [p["name"] for p in score["parameters"]] == ["target", "actual", "weight", "direction"]
    assert score["parameters"][3].get("optional") is True and "指标性质" in score["parameters"][3]["description"]


def test_officejs_call_with_chinese_text(module):
    assert call_function(module, "PERFXL_SCORE", [["≥95%"]], [["达成年度指标"]], [[10]], [[None]]) == [[10.0]]
    assert call_function(module, "PERFXL_PARSE", [["2024年12月底前"]]) == [["≤", "2024-12-31", ""]]
    assert call_function(module, "PERFXL_GRADE", [["优秀"]]) == [["参数错误：总分“优秀”不是数字"]]


def test_officejs_call_with_a_thousand_rows(module):
    n = 1000
    targets = [[f"≥{80 + i % 20}%"] for i in range(n)]
    actuals = [[f"{70 + i % 31}%"] for i in range(n)]
    result = call_function(module, "PERFXL_SCORE", targets, actuals, [[10]], [[None]])
    assert len(result) == n and all(len(row) == 1 for row in result)
    for i in (0, 17, 999):
        r = api.score_indicator(targets[i][0], actuals[i][0], 10)
        assert result[i] == [api.rounded(r.score)]


class _Stub(types.ModuleType):
    """Stands in for a pywin32 module: xlwings' classic UDF module imports names it never calls here."""

    def __getattr__(self, name):
        return type(name, (), {})


def test_desktop_decorators_accept_the_same_module(monkeypatch):
    """The classic add-in (Windows) decorates the same functions: Excel names, argument docs, VBA wrappers."""
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        monkeypatch.setitem(sys.modules, name, _Stub(name))
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    from xlwings import udfs as classic

    for f in udfs.FUNCTIONS:
        plain = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__)
        plain.__doc__ = f.__doc__
        decorated = classic.xlfunc(name=f.__xlfunc__["excel_name"])(plain)
        for arg in f.__xlfunc__["args"]:
            classic.xlarg(arg["name"], ndim=2, doc=arg["doc"])(decorated)
        info = decorated.__xlfunc__
        assert info["name"] == f.__name__  # the Excel name on the desktop: PERFXL_SCORE
        assert [a["doc"] for a in info["args"]] == [a["doc"] for a in f.__xlfunc__["args"]]
        assert info["args"][0]["options"]["ndim"] == 2
    score = classic.xlfunc(name="SCORE")(types.FunctionType(udfs.PERFXL_SCORE.__code__, udfs.__dict__, "PERFXL_SCORE",
                                                            (None,)))
    assert score([["95"]], [["93.5"]], [[20]], [["≥"]]) == [[19.68]]  # the argument shape Excel passes
