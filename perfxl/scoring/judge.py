"""Word judgements the engine makes from rule-pack word lists (docs/dev/domain.md §3.7, §3.11 ◐).

- `judge_band`: the band of a qualitative indicator whose target is written in words ("明显改善") from
  its actual ("已明显改善", "基本建立", "未发生安全事故"), with the word that decided it.
- `infer_direction`: the direction of a target written without an operator, from the indicator's name
  (and unit), with the word it came from.

The order of the tests is documented next to the word lists in defaults.toml.
"""

import re
from functools import lru_cache

from perfxl.config.pack import DirectionLexicon, QualitativeWords
from perfxl.domain.values import Band

_KEY = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _KEY.sub("", text)


def _first(words: tuple[str, ...], text: str) -> str | None:
    for word in words:
        if word in text:
            return word
    return None


@lru_cache(maxsize=16)
def _negated_events(words: QualitativeWords) -> re.Pattern:
    """"未发现问题", "没有发生安全事故", "无重大事故": a negation of an adverse event, which affirms."""
    negations = "|".join(map(re.escape, sorted({*words.negative, *words.none_words}, key=len, reverse=True)))
    events = "|".join(map(re.escape, sorted(words.events, key=len, reverse=True)))
    if not negations or not events:
        return re.compile("(?!)")
    return re.compile(f"(?:{negations})(?:发生|出现|发现|造成)?[^未不没无，。；,.;]{{0,6}}?(?:{events})")


def is_event_indicator(words: QualitativeWords, *texts: str | None) -> str | None:
    """The adverse-event word ("事故", "投诉") in the indicator's name or target, if any."""
    for text in texts:
        if text:
            found = _first(words.events, text)
            if found:
                return found
    return None


def judge_band(words: QualitativeWords, target: str, actual: str, event: str | None,
               numeric_target: bool = False) -> tuple[Band, str] | None:
    """(band, reason) for an actual against a target in words, or None when it cannot be judged.

    `event`: the adverse-event word of the indicator ("事故"), when it is one. `numeric_target`: the target
    holds a number inside words ("较上年提高5%"): then only a negation, a partial word or a restatement of
    the target decides (an affirming word alone does not show that the number was reached).
    """
    act = _key(actual)
    if not act:
        return None
    scan = actual
    for word in words.negative_exceptions:
        scan = scan.replace(word, "")
    scan, negated_event = _negated_events(words).subn("", scan)
    scan = _key(scan)
    negation = _first(words.negative, scan)
    if event:
        none = negation or _first(words.none_words, scan) or ("未发生" if negated_event else None)
        if none:
            return Band.FULL, f"含“{none}”，表明未发生{event}，视为达成"
    partial = _first(words.partial, scan)
    if negation:
        if partial:
            return Band.PARTIAL, f"含“{partial}”和“{negation}”，视为部分达成"
        return Band.FAIL, f"含否定词“{negation}”，视为未达成"
    if partial:
        return Band.PARTIAL, f"含“{partial}”，视为部分达成"
    tgt = _key(target)
    if tgt and (tgt in act or (len(act) >= 2 and act in tgt)):
        return Band.FULL, "与目标表述一致，视为达成"
    if numeric_target:
        return None
    affirm = _first(words.affirm, scan)
    if affirm:
        return Band.FULL, f"含肯定表述“{affirm}”，视为达成"
    return None


def infer_direction(lexicon: DirectionLexicon, name: str | None, units: tuple[str | None, ...]) -> tuple[str, str]:
    """(operator, Chinese reason) for a target without an operator: "≤" or "≥" and where it came from."""
    if name:
        word = _first(lexicon.higher_words, name)
        if word:
            return "≥", f"按指标名称中的“{word}”视为越高越好（≥）"
        word = _first(lexicon.lower_words, name)
        if word:
            return "≤", f"按指标名称中的“{word}”视为越低越好（≤）"
    for unit in units:
        if unit and unit.strip() in lexicon.lower_units:
            return "≤", f"按计量单位“{unit.strip()}”视为时限，越短越好（≤）"
    return "≥", "按正向指标（≥）计分"
