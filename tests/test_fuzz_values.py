"""The value parser on long and repetitive hostile text: every input ends as a Value (with a reason when it
cannot be read), its numbers finite, in bounded time — no catastrophic backtracking, no internal error."""

import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_values_properties import VALUE_TOKENS

from perfxl.domain.values import Value, ValueKind, parse_value_uncached
from perfxl.scoring.align import align

SECONDS = 2.0  # per value, on a loaded 2-core machine; real cells take microseconds

LONG = ["9" * 10_000_000, "≥" * 1_000_000, "1." * 500_000, "1至" * 300_000 + "x", "(" * 100_000 + "1", "95%" * 300_000,
        "1e" + "9" * 100_000, "１２３" * 1_000_000, "年月日" * 200_000, " " * 1_000_000 + "1", "万" * 500_000,
        "一二三四五六七八九十" * 100_000, "≥95%" + "\u200b" * 1_000_000, "-" * 1_000_000 + "5", "1,000" * 200_000,
        "第" + "1" * 5000 + "季度", "2025年" + "13月" * 10_000 + "底前"]


def parsed(text) -> Value:
    start = time.perf_counter()
    value = parse_value_uncached(text)
    assert time.perf_counter() - start < SECONDS, repr(text[:20])
    assert isinstance(value, Value) and "内部错误" not in (value.reason or "")
    assert value.kind is not ValueKind.INVALID or value.reason
    for number in (value.number, value.low, value.high):
        assert number is None or math.isfinite(number)
    return value


@pytest.mark.parametrize("text", LONG, ids=lambda t: f"{t[:6]!r}×{len(t)}")
def test_long_hostile_text(text):
    target = parsed(text)
    actual = parsed(text[:1000])
    start = time.perf_counter()
    align(target, actual, "%")
    assert time.perf_counter() - start < SECONDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(VALUE_TOKENS, min_size=1, max_size=8).map("".join), st.integers(min_value=1, max_value=20_000))
def test_repeated_token_runs(unit, times):
    parsed(unit * times)
