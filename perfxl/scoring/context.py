"""Per-rule-pack constants and caches, built once per pack (RulePack hashes by identity).

Parsing the same text twice gives the same Value (parse_value is pure), and forms repeat their texts
("≥95%", "100%", "已完成"), so parsed values and the pack-independent part of each indicator's
assessment are memoised here. The caches are bounded and simply cleared when full.
"""

from threading import Lock

from perfxl.config import RulePack
from perfxl.domain.hierarchy import canonical_level
from perfxl.domain.values import Band, Value, Vocabulary, default_vocabulary, parse_value_uncached
from perfxl.domain.vocabulary import na_markers

CACHE_LIMIT = 65_536  # entries per cache (a few tens of MB at most)
_CONTEXTS: dict[RulePack, "Context"] = {}
_LOCK = Lock()


def build_vocabulary(pack: RulePack) -> Vocabulary:
    """default_vocabulary() extended with the pack's [values] phrases and not-applicable markers."""
    base = default_vocabulary()
    if not pack.extra_qualitative and not pack.extra_not_applicable:
        return base
    return Vocabulary(
        na_markers=na_markers(pack.extra_not_applicable),
        qualitative={**base.qualitative, **{k: Band(v) for k, v in pack.extra_qualitative.items()}},
    )


class Context:
    """What the engine derives from a pack: vocabulary, qualitative bands, caches."""

    __slots__ = ("pack", "vocab", "decimals", "bands", "default_fraction", "over_threshold", "over_deduction",
                 "reverse_linear", "equality_overshoot", "parsed", "assessed", "finished", "levels")

    def __init__(self, pack: RulePack):
        self.pack = pack
        self.vocab = build_vocabulary(pack)
        self.decimals = pack.decimals
        self.over_threshold = pack.over_completion_threshold
        self.over_deduction = pack.over_completion_deduction
        self.reverse_linear = pack.reverse_variant == "linear"
        self.equality_overshoot = pack.equality_overshoot
        q = pack.qualitative
        self.bands: dict[Band, tuple[float, float]] = {Band.FULL: q.full, Band.PARTIAL: q.partial, Band.FAIL: q.fail}
        point = q.default_point
        self.default_fraction = {
            band: (hi if point == "upper" else lo if point == "lower" else (lo + hi) / 2)
            for band, (lo, hi) in self.bands.items()
        }
        self.parsed: dict[object, Value] = {}
        self.assessed: dict[tuple, object] = {}
        self.finished: dict[tuple, tuple] = {}
        self.levels: dict[str | None, str | None] = {}

    def parse(self, text: object) -> Value:
        try:
            return self.parsed[text]
        except KeyError:
            pass
        except TypeError:  # unhashable: do not cache
            return parse_value_uncached(text, self.vocab)
        value = parse_value_uncached(text, self.vocab)  # this dict is the cache (parse_value's would only miss)
        if len(self.parsed) >= CACHE_LIMIT:
            self.parsed.clear()
        self.parsed[text] = value
        return value

    def level(self, label: str | None) -> str | None:
        try:
            return self.levels[label]
        except KeyError:
            value = self.levels[label] = canonical_level(label)
            return value


def context(pack: RulePack) -> Context:
    ctx = _CONTEXTS.get(pack)
    if ctx is None:
        with _LOCK:
            ctx = _CONTEXTS.get(pack)
            if ctx is None:
                if len(_CONTEXTS) >= 64:
                    _CONTEXTS.clear()
                ctx = _CONTEXTS[pack] = Context(pack)
    return ctx
