"""Per-indicator scoring methods (docs/dev/domain.md §3.3–§3.8; 财预〔2020〕10号 附1, practice marked ◐ in defaults.toml).

Scoring is split in two stages so that the expensive part can be cached:

1. `assess(ctx, name, target, actual, unit, direction)` parses the texts, picks the method and computes
   the *fraction* of the weight earned (or the qualitative band). It depends only on those texts and the
   pack, so it is memoised per pack. The name matters for targets without an operator (its words give
   the direction, docs/dev/domain.md §3.11) and for adverse-event indicators ("未发生安全事故" achieves "无安全事故").
2. `finish(...)` applies the indicator's weight, effective weight and self-score and writes the
   one-line Chinese explanation.

Let w = 分值, T = target, A = actual (both aligned to one scale by `align`).
"""

from datetime import date

from perfxl.domain.model import Indicator
from perfxl.domain.values import Band, Value, ValueKind, parse_direction
from perfxl.domain.vocabulary import BAND_LABELS
from perfxl.scoring.align import align_tuple
from perfxl.scoring.context import CACHE_LIMIT, Context
from perfxl.scoring.judge import infer_direction, is_event_indicator, judge_band
from perfxl.scoring.results import UNJUDGED, IndicatorScore
from perfxl.scoring.rounding import fmt, fmt_score, percent

_K = ValueKind
_NA, _EMPTY, _INVALID, _TEXT, _QUAL = _K.NOT_APPLICABLE, _K.EMPTY, _K.INVALID, _K.TEXT, _K.QUALITATIVE
_NUMBER, _RANGE, _DATE = _K.NUMBER, _K.RANGE, _K.DATE

_METHOD_BY_OP = {"≥": "quantitative_ge", ">": "quantitative_ge", "≤": "quantitative_le", "<": "quantitative_le",
                  "=": "equality"}
_POINT_LABELS = {"upper": "上限", "lower": "下限", "middle": "中点"}
_OPERATORS = frozenset(("≥", "≤", "=", ">", "<"))
_EPS = 1e-9


class Assessment:
    """Stage-1 result: everything about an indicator that does not depend on its weight or self-score."""

    __slots__ = ("method", "applicable", "fraction", "band", "lead", "phrase", "note", "text",
                 "ratio", "over_completed", "problem", "problem_code", "inferred")

    def __init__(self, method, *, applicable=True, fraction=None, band=None, lead=None, phrase=None,
                 note="", text=None, ratio=None, over_completed=False, problem=None, problem_code=None,
                 inferred=None):
        self.method = method
        self.applicable = applicable
        self.fraction = fraction  # share of the weight earned; None = qualitative (needs the self-score) or unscored
        self.band = band
        self.lead = lead  # "实际93.5% ≥ 目标90%" — explanation before the score
        self.phrase = phrase  # "得满分" / "按比例得" … — None when `text` is the whole explanation
        self.note = note  # appended after the score
        self.text = text
        self.ratio = ratio
        self.over_completed = over_completed
        self.problem = problem
        self.problem_code = problem_code
        self.inferred = inferred  # operator inferred for a target written without one ("≤" / "≥")


def _unscored(code: str, problem: str, method: str = "unscored") -> Assessment:
    return Assessment(method, text=f"{problem}，未计分", problem=problem, problem_code=code)


def _zero(code: str, problem: str, method: str = "unscored") -> Assessment:
    return Assessment(method, fraction=0.0, text=f"{problem}，按0分计", problem=problem, problem_code=code)


def _quote(value: Value) -> str:
    return f"“{value.raw}”"


def _invalid(what: str, value: Value) -> str:
    reason = f"（{value.reason}）" if value.reason else ""
    return f"{what}{_quote(value)}无法识别{reason}"


def _qualitative(ctx: Context, t: Value, a: Value, name: str | None, note: str = "", problem: str | None = None,
                 code: str | None = None) -> Assessment:
    """定性 (10号 附1): the band comes from the actual's wording; the self-score picks the point (stage 2).

    An actual that is not one of the band phrases is judged against the target's words (docs/dev/domain.md §3.7 ◐,
    word lists in the rule pack); one that cannot be judged is `qualitative_unjudged` (never a silent 0).
    """
    kind = a.kind
    if kind is _QUAL and a.band is not None:
        return Assessment("qualitative", band=a.band, lead=f"定性指标{_quote(a)}", note=note,
                          problem=problem, problem_code=code)
    if kind is _EMPTY:
        return _zero("actual_missing", "未填写实际完成值", "qualitative")
    if kind is _INVALID:
        return _zero("actual_invalid", _invalid("实际完成值", a), "qualitative")
    words = ctx.pack.qualitative_words
    event = is_event_indicator(words, name, t.raw)
    if event and _no_event(words, a):
        return Assessment("qualitative", band=Band.FULL, note=note,
                          lead=f"定性指标：实际{_quote(a)}表明未发生{event}，视为达成")
    judged = judge_band(words, t.raw, a.raw, event, numeric_target=t.reason is not None) if a.raw else None
    if judged is not None:
        band, reason = judged
        target = f"目标{_quote(t)}，" if t.raw else ""
        return Assessment("qualitative", band=band, lead=f"定性指标：{target}实际{_quote(a)}{reason}", note=note)
    against = f"是否达成目标{_quote(t)}" if t.raw else "达成档次"
    return Assessment("qualitative", problem=f"实际完成情况{_quote(a)}无法判断{against}",
                      problem_code=UNJUDGED)


def _no_event(words, a: Value) -> bool:
    """An adverse-event indicator's actual saying none happened: 0, "无", "零" (not a dash or "/")."""
    if a.kind is _NUMBER:
        return a.number == 0
    return a.kind is _NA and a.raw.strip() in words.none_words


def _deadline(t: Value, a: Value) -> Assessment:
    """时效 with a date target: on or before the deadline → w; late → 0 (design choice ○, says 逾期N天)."""
    due = t.when
    if a.kind is _QUAL:
        if a.band is Band.FULL:
            return Assessment("deadline", fraction=1.0, lead=f"实际{_quote(a)}", phrase="按期完成，得满分")
        return Assessment("deadline", fraction=0.0, text=f"实际{_quote(a)}，未按期完成，得0分")
    if a.kind is _EMPTY:
        return _zero("actual_missing", "未填写实际完成值", "deadline")
    if a.kind is _INVALID:
        return _zero("actual_invalid", _invalid("实际完成值", a), "deadline")
    if a.kind is not _DATE or a.when is None:
        return _unscored("actual_mismatch", f"时限指标的实际完成值{_quote(a)}不是日期或完成情况表述", "deadline")
    done: date = a.when
    if done <= due:
        return Assessment("deadline", fraction=1.0, lead=f"实际{done.isoformat()}完成，不晚于期限{due.isoformat()}",
                          phrase="得满分")
    late = (done - due).days
    return Assessment("deadline", fraction=0.0,
                      text=f"实际{done.isoformat()}完成，晚于期限{due.isoformat()}，逾期{late}天，得0分")


def _quantitative(ctx: Context, t: Value, a: Value, unit: str | None, direction: str | None,
                  name: str | None = None) -> Assessment:
    """Positive (≥ >), reverse (≤ <) and equality (=) indicators — docs/dev/domain.md §3.3–§3.6; a target without an
    operator takes the direction its name or unit gives (docs/dev/domain.md §3.11 ◐)."""
    note = ""
    op = direction if direction in _OPERATORS else t.op
    reverse_range = False
    inferred = None
    if t.kind is _RANGE:  # "90%-95%": ≥-type on the low end; ≤-type (explicit) on the high end
        reverse_range = op in ("≤", "<")
        op = "≤" if reverse_range else "≥"
        note = f"（区间目标按{'上限' if reverse_range else '下限'}计）"
    elif op is None:
        op, reason = infer_direction(ctx.pack.direction, name, (unit, t.unit))
        inferred = op
        note = f"（目标未写比较方式，{reason}）"
    if op == ">":
        op, note = "≥", note + "（“>”按“≥”计分）"
    elif op == "<":
        op, note = "≤", note + "（“<”按“≤”计分）"

    tu = t.unit
    if tu is not None and tu == a.unit and t.kind is _NUMBER and a.kind is _NUMBER and tu != "‰":
        tgt, act, u = t.number, a.number, tu  # same unit written on both sides: nothing to align
    else:
        low, act, u, problem, high, converted = align_tuple(t, a, unit)
        tgt = high if reverse_range else low
        if problem or tgt is None or act is None:
            return _unscored("unit_mismatch", problem or "目标值与实际值无法换算到同一计量单位")
        u = u or ""
        if converted:  # conversions made by align ("实际值0.95按小数读作95%", "由“元”换算为“万元”")
            note += f"（{converted}）"
    written = act  # the explanation shows the actual as written, before a negative one is counted as 0
    problem = code = None
    if act < 0:
        act = 0.0
        problem, code = "实际完成值为负数，按0计算", "negative_actual"
        if "负" not in note:
            note += "（实际值为负数，按0计）"
    ratio = act / tgt if tgt > 0 else None
    threshold = ctx.over_threshold
    deduction = ctx.over_deduction
    over = False

    if op == "≤":
        method = "quantitative_le"
        if act <= tgt:
            rel, fraction, phrase = "≤", 1.0, "得满分"
            if tgt > 0 and act > 0 and tgt / act >= threshold - _EPS:  # A = 0 (零事故/零投诉) is ideal, not a low target
                over = True
                note += f"（实际仅为目标的{percent(act / tgt)}，明显优于目标，需分析偏差原因）"
                if deduction > 0:  # 10号: 目标设置明显偏低的，按偏离度适度调减分值 (continuous above the threshold)
                    fraction, phrase = max(0.0, 1 - deduction * (tgt / act - threshold)), "超额完成按偏离度调减，得"
        else:
            rel = ">"
            if tgt <= 0:
                fraction, phrase = 0.0, "目标为0，得"
            elif ctx.reverse_linear:  # ◐ variant: w × max(0, 1 − (A − T) / T), zero at A ≥ 2T
                fraction, phrase = max(0.0, 1 - (act - tgt) / tgt), "按超出比例扣减，得"
            else:  # ◐ default "ratio": w × T / A
                fraction, phrase = tgt / act, "按比例得"
    elif op == "=" and (ctx.equality_overshoot or tgt <= 0):
        method = "equality"
        rel = "=" if act == tgt else (">" if act > tgt else "<")
        if tgt <= 0:  # ◐ T = 0 → (A ≤ 0 ? w : 0)
            fraction, phrase = (1.0, "得满分") if act <= 0 else (0.0, "目标为0，得")
        else:  # ◐ rule-pack option: w × max(0, 1 − |A − T| / T)
            fraction = max(0.0, 1 - abs(act - tgt) / tgt)
            phrase = "得满分" if fraction == 1.0 else "按偏离程度得"
            over = act / tgt >= threshold - _EPS
            if over:
                note += f"（实际达到目标的{percent(act / tgt)}，需分析偏差原因）"
    else:  # positive ≥ (and = with T > 0, scored as positive ◐)
        method = "equality" if op == "=" else "quantitative_ge"
        if act >= tgt:  # T ≤ 0 → always full (no division by zero)
            rel, fraction, phrase = "=" if act == tgt and op == "=" else "≥", 1.0, "得满分"
            if tgt > 0 and act / tgt >= threshold - _EPS:  # 10号 ✔ / 广西 ◐: 偏差原因 mandatory
                over = True
                note += f"（实际达到目标的{percent(act / tgt)}，超额完成，需分析偏差原因）"
                if deduction > 0:
                    fraction, phrase = max(0.0, 1 - deduction * (act / tgt - threshold)), "超额完成按偏离度调减，得"
        else:  # 10号 附1 ✔: w × max(A, 0) / T
            rel, fraction, phrase = "<", act / tgt, "按比例得"
    lead = f"实际{fmt(written)}{u} {rel} 目标{fmt(tgt)}{u}"  # "实际93.5% ≥ 目标90%"
    return Assessment(method, fraction=fraction, lead=lead, phrase=phrase, note=note, ratio=ratio,
                      over_completed=over, problem=problem, problem_code=code, inferred=inferred)


def assess(ctx: Context, name: str | None, target: str | None, actual: str | None, unit: str | None,
           direction: str | None, year: int | None = None) -> Assessment:
    """Stage 1 (memoised per pack): method and earned fraction of the weight from the texts (and year).

    The name only matters when the target has no operator (direction, adverse events): such assessments
    are cached per name under the texts' key; the others once for every name, since forms repeat "≥95%" /
    "100%" under ever different names."""
    key = (target, actual, unit, direction, year)
    cache = ctx.assessed
    found = cache.get(key)
    if found is not None:
        if type(found) is Assessment:
            return found
        hit = found.get(name)
        if hit is not None:
            return hit
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
        found = None
    t = ctx.parse(target)
    if t.op is not None:
        result = cache[key] = _assess(ctx, None, t, actual, unit, direction, year)
        return result
    result = _assess(ctx, name, t, actual, unit, direction, year)
    if found is None:
        found = cache[key] = {}
    if len(found) < 256:
        found[name] = result
    return result


def _assess(ctx: Context, name, t: Value, actual, unit, direction, year) -> Assessment:
    a = ctx.parse(actual)
    d = parse_direction(direction) if direction else None
    tk = t.kind
    words_target = d == "定性" or tk is _QUAL or tk is _TEXT
    if t.kind is _NA or a.kind is _NA:  # docs/dev/domain.md §3.8 ◐, except "无" for an adverse event ("无安全事故" → 无)
        if (a.kind is _NA and (words_target or tk is _NA) and _no_event(ctx.pack.qualitative_words, a)
                and is_event_indicator(ctx.pack.qualitative_words, name, t.raw)):
            return _qualitative(ctx, t, a, name)
        which = _quote(t) if t.kind is _NA else _quote(a)
        return Assessment("not_applicable", applicable=False, text=f"标注{which}，不适用，不计分")
    if words_target:
        return _qualitative(ctx, t, a, name)
    if tk is _EMPTY:
        if a.kind is _QUAL:
            return _qualitative(ctx, t, a, name, "（未填写指标值，按实际完成情况的定性档次计分）")
        if a.kind is _EMPTY:  # both blank: nothing to score against, so no score (not 0) and an incomplete total;
            return _unscored("actual_missing", "未填写年度指标值和实际完成值，无法计分")  # S204 reports it
        return _zero("target_missing", "未填写年度指标值")
    if tk is _INVALID:
        return _zero("target_invalid", _invalid("年度指标值", t))
    if tk is _DATE:  # a year-less date ("12月底前") is resolved in the form's year
        if year is not None:
            t, a = t.with_year(year), a.with_year(year)
        if t.when is None:
            if a.kind is _QUAL:
                return _deadline_phrase(a)
            return _unscored("target_text", f"时限目标{_quote(t)}未写年份，表单也未填写年度")
        return _deadline(t, a)
    ak = a.kind
    if ak is _EMPTY or ak is _INVALID:  # data the unit must fill in: 0 under the method it would have had
        op = d if d in _METHOD_BY_OP else t.op or infer_direction(ctx.pack.direction, name, (unit, t.unit))[0]
        method = _METHOD_BY_OP.get(op, "quantitative_ge") if tk is _NUMBER else "quantitative_ge"
        if ak is _EMPTY:
            return _zero("actual_missing", "未填写实际完成值", method)
        return _zero("actual_invalid", _invalid("实际完成值", a), method)
    if ak is _QUAL:
        note = "（指标值为数值、实际完成值为定性表述，按定性档次计分）"
        return _qualitative(ctx, t, a, name, note, "实际完成值为定性表述，未填写具体数值", "actual_qualitative")
    if ak is _TEXT:
        return _unscored("actual_text", f"实际完成值{_quote(a)}没有可比较的数值")
    if ak is not _NUMBER and ak is not _RANGE:  # a RANGE actual counts at its low end (align)
        return _unscored("actual_mismatch", f"实际完成值{_quote(a)}与指标值{_quote(t)}类型不同，无法比较")
    return _quantitative(ctx, t, a, unit, d, name)


def _deadline_phrase(a: Value) -> Assessment:
    if a.band is Band.FULL:
        return Assessment("deadline", fraction=1.0, lead=f"实际{_quote(a)}", phrase="按期完成，得满分")
    return Assessment("deadline", fraction=0.0, text=f"实际{_quote(a)}，未按期完成，得0分")


def finish(ctx: Context, a: Assessment, index: int, ind: Indicator, level1: str | None,
           effective: float | None) -> IndicatorScore:
    """Stage 2: weight, effective weight and self-score → IndicatorScore with its explanation.

    Only the 定性 outcome is memoised (its explanation formats several numbers, and forms repeat the same
    band, weight and self-score); the others are one multiplication and one f-string, cheaper to redo
    than to look up among tens of thousands of cached entries.
    """
    w = ind.weight
    s = ind.score
    if not a.applicable:
        return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, None, s, "not_applicable", a.text,
                              False)
    if w is None or effective is None:
        return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, None, s, "unscored",
                              "未填写分值，未计分", True, a.ratio, a.over_completed, None, None, "未填写分值",
                              "weight_missing")
    if a.band is not None:
        key = (a, w, effective, s)
        cache = ctx.finished
        out = cache.get(key)
        if out is None:
            out = _qualitative_outcome(ctx, a, w, effective, s)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = out
        score, explain, band, in_band, problem, code = out
        return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, score, s, a.method, explain,
                              True, None, False, band, in_band, problem, code)
    fraction = a.fraction
    if fraction is None:
        if a.problem_code == UNJUDGED:
            return _unjudged(ctx, a, index, ind, level1, effective)
        # unscored: the assessment's text says why
        return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, None, s, a.method, a.text,
                              True, a.ratio, a.over_completed, None, None, a.problem, a.problem_code)
    score = effective * fraction
    explain = a.text if a.phrase is None else f"{a.lead}，{a.phrase}{fmt_score(score, ctx.decimals)}分{a.note}"
    return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, score, s, a.method, explain,
                          True, a.ratio, a.over_completed, None, None, a.problem, a.problem_code, a.inferred)


def _unjudged(ctx: Context, a: Assessment, index: int, ind: Indicator, level1: str | None,
              effective: float) -> IndicatorScore:
    """A qualitative row whose achievement cannot be judged: the unit's own score is kept (within 0 and the
    printed 分值), with a warning (S219); the total is marked incomplete. Never a silent 0 (docs/dev/domain.md §3.7)."""
    w, s = ind.weight, ind.score
    if s is None or w == 0:
        return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, None, s, a.method,
                              f"{a.problem}，且未填自评得分，未计分（总分不完整）", True, None, False, None, None,
                              a.problem, a.problem_code)
    kept = min(max(s, 0.0), w)
    score = kept * effective / w
    clamp = "" if kept == s else f"（自评{fmt(s)}分超出0～{fmt(w)}分，按{fmt(kept)}分计）"
    explain = (f"{a.problem}，证据无法核实，暂按单位自评{fmt_score(score, ctx.decimals)}分计入{clamp}"
               "（总分不完整）")
    return IndicatorScore(index, ind.name, level1, ind.level2, w, effective, score, s, a.method, explain,
                          True, None, False, None, None, a.problem, a.problem_code)


def _qualitative_outcome(ctx: Context, a: Assessment, w: float, effective: float, s: float | None) -> tuple:
    """定性 (10号 附1 ✔ labels, ◐ edges): the evaluator picks a point inside the band (closed interval).

    Returns (score, explain, band, self_in_band, problem, problem_code)."""
    band = a.band
    lo, hi = ctx.bands[band]
    dec = ctx.decimals
    interval = f"[{fmt_score(lo * w, dec)}, {fmt_score(hi * w, dec)}]"
    problem, code = a.problem, a.problem_code
    in_band = None
    if s is None or w == 0:
        point = ctx.pack.qualitative.default_point
        fraction = ctx.default_fraction[band]
        score = effective * fraction
        tail = f"未填自评得分，按区间{interval}{_POINT_LABELS[point]}计{fmt_score(score, dec)}分"
    else:
        share = s / w
        if lo - _EPS <= share <= hi + _EPS:
            in_band, fraction = True, share
            tail = f"自评{fmt(s)}分在区间{interval}内"
        else:
            in_band = False
            fraction, edge = (hi, "上限") if share > hi else (lo, "下限")
            tail = f"自评{fmt(s)}分不在区间{interval}内，按{edge}{fmt_score(fraction * w, dec)}分计"
            out = f"自评得分{fmt(s)}分不在“{BAND_LABELS[band]}”对应区间{interval}内"
            problem = f"{problem}；{out}" if problem else out
            code = "self_out_of_band"
        score = effective * fraction
        if abs(effective - w) > _EPS:
            tail += f"，按调整后分值得{fmt_score(score, dec)}分"
    label = BAND_LABELS[band]
    lead = a.lead if a.lead.endswith(f"“{label}”") else f"{a.lead}（{label}）"
    return score, f"{lead}，{tail}{a.note}", band.value, in_band, problem, code
