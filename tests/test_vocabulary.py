"""One vocabulary: the reader, the value parser, form JSON and the templates spell the same words the same way."""

import pytest

from perfxl.domain import Severity
from perfxl.domain.values import ValueKind, is_not_applicable, parse_direction, parse_value
from perfxl.domain.vocabulary import (
    BAND_LABELS,
    BAND_SHORT,
    DIRECTION_WORDS,
    EXCEL_ERRORS,
    MAX_MAGNITUDE,
    NA_MARKERS,
    OPERATORS_AFTER,
    OPERATORS_BEFORE,
    QUALITATIVE_RESULTS,
    Band,
    na_markers,
    number_text,
)
from perfxl.forms.formjson import form_from_dict
from perfxl.forms.layout.formulas import _OPS1, _OPS2
from perfxl.forms.read.coerce import odd_number, to_direction, to_number, to_rate, to_text

# Each marker as typed, and as it also arrives: full-width, spaced, repeated dashes.
SPELLINGS = [*NA_MARKERS, "Ｎ／Ａ", "不 适 用", " — ", "－－", "———", "///", "NONE"]


@pytest.mark.parametrize("marker", SPELLINGS)
def test_every_not_applicable_marker_is_one_for_reader_parser_and_form_json(marker):
    assert parse_value(marker).kind is ValueKind.NOT_APPLICABLE
    assert is_not_applicable(marker)
    assert to_number(marker) == (None, None)  # a blank number cell, never text in a number field (B109)
    assert to_rate(marker) == (None, None)
    form = form_from_dict({"perfxl": 1, "kind": "project_selfeval", "indicators": [{"name": "x", "weight": marker}]})
    assert form.indicators[0].weight is None and not form.raw


def test_nan_is_not_a_marker_but_an_invalid_number_everywhere():
    assert "nan" not in NA_MARKERS
    assert parse_value("nan").kind is ValueKind.INVALID
    assert to_number("nan") == (None, "nan")


@pytest.mark.parametrize("text", ["达成年度指标", "暂缺资料", "95%", "≥95%", "无效"])
def test_other_text_stays_text_in_a_number_field(text):
    assert to_number(text) == (None, text)
    assert not is_not_applicable(text)


def test_pack_markers_follow_the_national_ones_once():
    assert na_markers(["暂缺", "—"]) == (*NA_MARKERS, "暂缺")


@pytest.mark.parametrize("word", sorted(OPERATORS_BEFORE))
def test_operator_written_before_a_value_means_the_same_as_direction(word):
    op = OPERATORS_BEFORE[word]
    assert parse_value(f"{word}95%").op == op
    assert parse_direction(word) == op
    assert to_direction(word) == op


@pytest.mark.parametrize("word", sorted(OPERATORS_AFTER))
def test_operator_written_after_a_value_means_the_same_as_direction(word):
    op = OPERATORS_AFTER[word]
    assert parse_value(f"95%{word}").op == op
    assert to_direction(word) == op


@pytest.mark.parametrize("look_alike, op", [("＞＝", "≥"), ("≧", "≥"), ("⩽", "≤"), ("＝", "="), ("> =", "≥"), ("〉=", "≥")])
def test_look_alike_operators_agree(look_alike, op):
    assert parse_value(f"{look_alike}95%").op == op
    assert to_direction(look_alike) == op


@pytest.mark.parametrize("word", sorted(DIRECTION_WORDS))
def test_direction_words(word):
    assert to_direction(word) == DIRECTION_WORDS[word]


@pytest.mark.parametrize("text", ["定量", "95%", "较上年提高", ""])
def test_not_a_direction(text):
    assert to_direction(text) is None


@pytest.mark.parametrize("number, text", [
    (95.0, "95"), (93.5, "93.5"), (3, "3"), (0.1 + 0.2, "0.30000000000000004"), (1e-7, "0.0000001"),
    (1e20, "100000000000000000000"), (1e15, "1000000000000000"), (-0.0, "0"), (-1.5e-12, "-0.0000000000015"),
    (10**20, "100000000000000000000"),
])
def test_number_text(number, text):
    assert number_text(number) == text
    assert float(text) == number


def test_number_text_is_what_the_reader_parser_and_form_json_write():
    assert to_text(1e-7) == "0.0000001"
    assert to_text(0.935, percent=True) == "93.5%"
    assert parse_value(1e-7).raw == "0.0000001"
    form = form_from_dict({"perfxl": 1, "kind": "project_selfeval", "indicators": [{"name": "x", "actual": 1e-7}]})
    assert form.indicators[0].actual == "0.0000001"


def test_band_labels_are_the_national_labels_in_band_order():
    assert tuple(BAND_LABELS[b] for b in Band) == QUALITATIVE_RESULTS
    for band, label in BAND_LABELS.items():
        assert parse_value(label).band is band


def test_band_short_names_head_the_national_labels():
    assert all(BAND_LABELS[band].startswith(short) for band, short in BAND_SHORT.items()) and set(BAND_SHORT) == set(Band)


@pytest.mark.parametrize(("symbol", "op"), [*_OPS2.items(), *_OPS1.items()])
def test_template_formulas_read_a_leading_operator_as_the_parser_does(symbol, op):
    # the formulas score ">" as "≥" and "<" as "≤", as perfxl.scoring does
    assert {">": "≥", "<": "≤"}.get(parse_value(f"{symbol}5").op, parse_value(f"{symbol}5").op) == op


def test_severity_order_and_labels():
    assert sorted(Severity, key=lambda s: s.rank) == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert [s.label for s in Severity] == ["错误", "警告", "提示"]


@pytest.mark.parametrize("direction, method", [("不低于", "quantitative_ge"), ("≧", "quantitative_ge"),
                                               ("逆向", "quantitative_le"), ("以内", "quantitative_le")])
def test_the_engine_reads_a_direction_as_the_reader_does(direction, method):
    from perfxl.config import default_pack
    from perfxl.scoring.context import context
    from perfxl.scoring.methods import assess

    assert assess(context(default_pack()), "完成数量", "95", "96", "个", direction).method == method


@pytest.mark.parametrize("error", EXCEL_ERRORS)
def test_every_excel_error_value_is_one_for_reader_and_parser(error):
    from perfxl.forms.read.coerce import is_error_value

    assert is_error_value(error) and is_error_value(error.lower())
    value = parse_value(error)
    assert value.kind is ValueKind.INVALID and error in value.reason


@pytest.mark.parametrize("text, has", [("≥95%", True), ("＞＝3", True), ("不低于90%", True), ("95%以上", True),
                                       ("95", False), ("95%", False), ("达成年度指标", False)])
def test_a_value_carries_its_operator_as_the_parser_reads_it(text, has):
    from perfxl.forms.read.coerce import has_operator

    assert has_operator(text) is has


def test_a_pack_marker_in_a_number_field_is_not_text_in_a_number_field():
    from dataclasses import replace

    from perfxl.config import default_pack
    from perfxl.rules.check import check_form

    form = form_from_dict({"perfxl": 1, "kind": "project_selfeval", "year": 2024,
                           "indicators": [{"name": "x", "target": "≥1", "actual": "暂缺", "weight": "暂缺"}]})
    assert form.raw == {"indicators[0].weight": "暂缺"}
    national, regional = default_pack(), replace(default_pack(), extra_not_applicable=("暂缺",))
    assert "B109" in {f.code for f in check_form(form, pack=national)}
    assert "B109" not in {f.code for f in check_form(form, pack=regional)}


@pytest.mark.parametrize("sign", [1, -1])
def test_reader_and_parser_refuse_the_same_magnitudes(sign):
    x, below = sign * MAX_MAGNITUDE, sign * (MAX_MAGNITUDE - 1)  # below: 15 digits, Excel keeps them all
    assert odd_number(below) is None and parse_value(below).kind is ValueKind.NUMBER
    assert to_number(below) == (below, None)
    assert odd_number(x) is not None and parse_value(x).kind is ValueKind.INVALID
    assert to_number(x)[0] is None
